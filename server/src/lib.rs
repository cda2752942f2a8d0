//! The `baton` server: configuration, start-up, routes and maintenance commands.

pub mod assets;
pub mod automation;
pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod exports;
pub mod feed;
pub mod forecasting;
pub mod hooks;
pub mod mail;
pub mod rest;
pub mod routes;
pub mod scheduler;
pub mod security;
pub mod startup;
pub mod telemetry;
pub mod users;
pub mod webhooks;

use cli::{Cli, Command};
use startup::StartupError;

/// Runs the command the person asked for.
pub async fn run(cli: Cli) -> Result<(), StartupError> {
    let config = config::Config::from_env(|key| std::env::var(key).ok())?;
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => startup::serve(config, args).await,
        Command::Migrate => startup::migrate_only(&config).await,
        Command::User {
            command:
                cli::UserCommand::Add {
                    email,
                    name,
                    admin,
                    role,
                },
        } => {
            let role = if admin { "admin".to_string() } else { role };
            users::add(&config, &email, &name, &role).await
        }
        Command::Token {
            command:
                cli::TokenCommand::Add {
                    email,
                    name,
                    scopes,
                    days,
                },
        } => users::add_token(&config, &email, &name, &scopes, days).await,
        Command::Backup { file } => {
            let bytes = backup::backup(&config.database_url, &file).await?;
            println!(
                "Backed up {} to {} ({} KiB)",
                config.database_url,
                file.display(),
                bytes / 1024
            );
            Ok(())
        }
    }
}
