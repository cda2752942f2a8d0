//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Baton: marketing workflows that run themselves.
///
/// Configuration comes from the environment: DATABASE_URL (default
/// sqlite://data/baton.db), LEPTOS_SITE_ADDR (default 127.0.0.1:3000), RUST_LOG.
#[derive(Debug, Parser)]
#[command(name = "baton", version)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The things `baton` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web app (the default).
    Serve(ServeArgs),
    /// Apply database migrations, then exit.
    Migrate,
    /// Write a consistent copy of the database to FILE; safe while Baton runs.
    Backup {
        /// Where to write the copy (must not exist yet).
        file: PathBuf,
    },
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(ServeArgs::default())
    }
}

/// Options of `baton serve`.
#[derive(Debug, Default, Clone, Args)]
pub struct ServeArgs {
    /// Fill an empty database with a demo marketing team to explore Baton with.
    #[arg(long)]
    pub demo: bool,
}
