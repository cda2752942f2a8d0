//! `baton user add`: accounts from the command line — how the first admin is made.

use std::io::{BufRead, IsTerminal};

use app::auth::{password, password_problems};
use app::domain::Role;

use crate::config::Config;
use crate::startup::{self, StartupError};

/// Creates an account, asking for (or reading) its password.
pub async fn add(config: &Config, email: &str, name: &str, role: &str) -> Result<(), StartupError> {
    let invalid = |message: String| StartupError::Account(message);
    let email = email.trim().to_lowercase();
    let name = name.trim();
    if !email.contains('@') || email.contains(char::is_whitespace) {
        return Err(invalid(format!("'{email}' is not an email address")));
    }
    if name.is_empty() {
        return Err(invalid("--name must not be empty".into()));
    }
    let role: Role = serde_json::from_value(serde_json::Value::String(role.trim().to_lowercase()))
        .map_err(|_| {
            invalid(format!(
                "--role '{role}' is not one of admin, manager, member, viewer"
            ))
        })?;
    let secret = read_password()?;
    let problems = password_problems(&secret, &email);
    if !problems.is_empty() {
        return Err(invalid(format!(
            "that password is too weak: {}",
            problems.join(" ")
        )));
    }
    let db = startup::open_database(&config.database_url).await?;
    startup::migrate(&db).await?;
    let hash = tokio::task::spawn_blocking(move || password::hash(&secret))
        .await
        .map_err(|e| invalid(e.to_string()))?;
    let result = async {
        let mut tx = db.write.begin().await?;
        if app::db::accounts::find_login(&mut tx, &email)
            .await?
            .is_some()
        {
            return Ok(false);
        }
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match taken {
            Some(id) => app::domain::PersonId(id),
            None => {
                app::db::people::insert(&mut tx, name, &email, role, &[], chrono::Utc::now())
                    .await?
            }
        };
        app::db::accounts::set_role(&mut tx, id, role).await?;
        app::db::accounts::set_password_hash(&mut tx, id, &hash).await?;
        tx.commit().await?;
        Ok::<bool, sqlx::Error>(true)
    }
    .await;
    db.close().await;
    match result {
        Ok(true) => {
            println!(
                "Created {role:?} account for {name} <{email}>. Sign in at http://{}/login",
                config.site_addr
            );
            Ok(())
        }
        Ok(false) => Err(invalid(format!(
            "{email} already has an account; nothing was changed"
        ))),
        Err(e) => Err(invalid(format!("could not save the account: {e}"))),
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
