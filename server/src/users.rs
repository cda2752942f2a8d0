//! `baton user add`: accounts from the command line — how the first admin is made.

use std::io::{BufRead, IsTerminal};

use app::domain::people::{checked_email, checked_name};
use app::domain::Role;
use app::service::accounts::{self, Added};
use app::AppError;

use crate::config::Config;
use crate::startup::{self, StartupError};

/// Creates an account, asking for (or reading) its password.
pub async fn add(config: &Config, email: &str, name: &str, role: &str) -> Result<(), StartupError> {
    let invalid = |message: String| StartupError::Account(message);
    let role: Role = serde_json::from_value(serde_json::Value::String(role.trim().to_lowercase()))
        .map_err(|_| {
            invalid(format!(
                "--role '{role}' is not one of admin, manager, member, viewer"
            ))
        })?;
    // Say what is wrong with the email or name before asking for a password.
    let email = checked_email(email).map_err(|m| invalid(format!("--email: {m}")))?;
    let name = checked_name(name).map_err(|m| invalid(format!("--name: {m}")))?;
    let secret = read_password()?;
    let db = startup::open_database(&config.database_url).await?;
    startup::migrate(&db).await?;
    let result = accounts::add_account(&db, &email, &name, role, secret, chrono::Utc::now()).await;
    if matches!(result, Ok(Added::Created(_))) && role == Role::Admin {
        // The first admin owns the suggested automation rules (switched off).
        let _ = app::service::automation::rules::install_builtins(&db, chrono::Utc::now()).await;
    }
    db.close().await;
    match result {
        Ok(Added::Created(_)) => {
            println!(
                "Created {role:?} account for {name} <{email}>. Sign in at http://{}/login",
                config.site_addr
            );
            Ok(())
        }
        Ok(Added::AlreadyExists) => Err(invalid(format!(
            "{email} already has an account; nothing was changed"
        ))),
        Err(AppError::Validation { field, message }) if field == "password" => {
            Err(invalid(lower_first(&message)))
        }
        Err(e) => Err(invalid(format!("could not save the account: {e}"))),
    }
}

/// Makes a personal access token for the account with `email` and prints it.
pub async fn add_token(
    config: &Config,
    email: &str,
    name: &str,
    scopes: &str,
    days: u32,
) -> Result<(), StartupError> {
    use app::domain::tokens::{Scope, TokenRequest};
    let invalid = |message: String| StartupError::Account(message);
    let scopes = scopes
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Scope::parse(s).ok_or_else(|| {
                invalid(format!(
                    "--scopes: '{s}' is not one of read, items:write, results:write, admin"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let db = startup::open_database(&config.database_url).await?;
    startup::migrate(&db).await?;
    let result = async {
        let mut conn = db.read.acquire().await?;
        let person = app::db::people::find_by_email(&mut conn, email.trim()).await?;
        let user = match person {
            Some(id) => app::db::accounts::user(&mut conn, id).await?,
            None => None,
        };
        drop(conn);
        let Some(user) = user else {
            return Err(AppError::not_found(format!(
                "An account with the email {email}"
            )));
        };
        let request = TokenRequest {
            name: name.to_string(),
            scopes,
            days: Some(days),
        };
        app::service::tokens::create(&db, &user, &request, chrono::Utc::now()).await
    }
    .await;
    db.close().await;
    match result {
        Ok(made) => {
            println!("{}", made.secret);
            Ok(())
        }
        Err(AppError::Validation { field, message }) => {
            Err(invalid(format!("--{field}: {}", lower_first(&message))))
        }
        Err(e) => Err(invalid(lower_first(&e.to_string()))),
    }
}

/// "That password…" reads as "that password…" after "error: ".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn read_password() -> Result<String, StartupError> {
    let failed =
        |e: std::io::Error| StartupError::Account(format!("could not read the password: {e}"));
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(failed)?;
        let again = rpassword::prompt_password("Repeat it: ").map_err(failed)?;
        if first != again {
            return Err(StartupError::Account(
                "the two passwords differ; nothing was changed".into(),
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(failed)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
