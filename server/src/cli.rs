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
    /// Manage accounts (e.g. create the first admin).
    User {
        /// What to do with accounts.
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Make a personal access token for the API (e.g. for a script); it is printed once.
    Token {
        /// What to do with tokens.
        #[command(subcommand)]
        command: TokenCommand,
    },
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

/// `baton token …`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make a token for an account and print it (only the token, on one line).
    Add {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long)]
        name: String,
        /// Scopes beyond read, separated by commas: items:write, results:write, admin.
        #[arg(long, default_value = "")]
        scopes: String,
        /// Days until it expires (1 to 365).
        #[arg(long, default_value_t = app::domain::tokens::DEFAULT_DAYS)]
        days: u32,
    },
}

/// `baton user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is asked for at the terminal, or read
    /// from the first line of standard input when it is not a terminal.
    Add {
        /// Their email: what they sign in with.
        #[arg(long)]
        email: String,
        /// Their full name.
        #[arg(long)]
        name: String,
        /// Make them an admin (the first account should be one).
        #[arg(long, conflicts_with = "role")]
        admin: bool,
        /// Their role: admin, manager, member or viewer.
        #[arg(long, default_value = "member")]
        role: String,
    },
}

/// Options of `baton serve`.
#[derive(Debug, Default, Clone, Args)]
pub struct ServeArgs {
    /// Fill an empty database with a demo marketing team to explore Baton with.
    #[arg(long)]
    pub demo: bool,
}
