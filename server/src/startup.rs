//! Start-up: open the database safely, migrate, listen, serve, shut down cleanly.
//!
//! Every failure here is a [`StartupError`] whose message is one line saying what
//! is wrong and what to do. Checks that can fail run before anything is written:
//! the port is bound first, and an existing database is inspected read-only
//! before it is opened for writing.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use app::db::{self, Db};
use app::state::{AppState, MailSettings, Settings};
use tokio::net::TcpListener;

use crate::cli::ServeArgs;
use crate::config::Config;

/// Why Baton could not start, in words a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// `DATABASE_URL` names a database Baton does not support yet.
    #[error("DATABASE_URL uses '{scheme}:', but this version of Baton only supports SQLite: set DATABASE_URL to a sqlite: URL such as sqlite://data/baton.db")]
    UnsupportedDatabase {
        /// The URL scheme found.
        scheme: String,
    },
    /// `DATABASE_URL` could not be parsed.
    #[error("DATABASE_URL '{url}' is not a valid SQLite URL ({reason}): use a form like sqlite://data/baton.db")]
    BadDatabaseUrl {
        /// The URL as given.
        url: String,
        /// What the parser said.
        reason: String,
    },
    /// `LEPTOS_SITE_ADDR` is not an address and port.
    #[error("LEPTOS_SITE_ADDR '{value}' is not an IP address and port: use a form like 127.0.0.1:3000 (or 0.0.0.0:3000 to listen on every interface)")]
    BadSiteAddr {
        /// The value as given.
        value: String,
    },
    /// A setting has a value Baton does not understand.
    #[error("{name} is '{value}', but it must be {expected}")]
    BadSetting {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
        /// What would be right.
        expected: &'static str,
    },
    /// The folder for the database file could not be created.
    #[error("cannot create the data folder {}: {source}. Set DATABASE_URL to a writable location, such as sqlite://data/baton.db", path.display())]
    DataFolder {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not a SQLite database.
    #[error("{} is not a SQLite database. Point DATABASE_URL at a Baton database, or at a path where a new one can be created", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The database could not be opened (permissions, locks, disk).
    #[error("cannot open the database {}: {reason}. Check that the file and its folder are readable and writable by this user", path.display())]
    CannotOpen {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// The database was migrated by a newer Baton.
    #[error("the database {} was written by a newer version of Baton (schema {found}; this version knows up to {known}). Upgrade Baton, or restore a backup made with this version", path.display())]
    NewerDatabase {
        /// The file.
        path: PathBuf,
        /// Newest migration in the database.
        found: i64,
        /// Newest migration in this build.
        known: i64,
    },
    /// Applying migrations failed.
    #[error("could not update the database schema: {0}. The database was left as it was; restore a backup if it is damaged")]
    Migration(String),
    /// Another program holds the port.
    #[error("{addr} is already in use by another program: stop it, or choose another port with LEPTOS_SITE_ADDR (e.g. LEPTOS_SITE_ADDR=127.0.0.1:3001)")]
    PortInUse {
        /// The address asked for.
        addr: SocketAddr,
    },
    /// Listening failed for another reason.
    #[error("cannot listen on {addr}: {source}. Choose another address with LEPTOS_SITE_ADDR")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// An email setting can't be used (`name` and why).
    #[error("{name} {reason}")]
    BadMail {
        /// The environment variable.
        name: &'static str,
        /// What is wrong, starting lower-case after the name.
        reason: String,
    },
    /// The backup could not be written.
    #[error("backup failed: {0}")]
    Backup(String),
    /// Seeding the demo workspace failed.
    #[error("could not create the demo workspace: {0}")]
    Demo(String),
    /// An account could not be created.
    #[error("{0}")]
    Account(String),
    /// The server stopped with an error.
    #[error("the server stopped unexpectedly: {0}")]
    Serve(std::io::Error),
}

/// `baton serve`: listen, open and migrate the database, then serve until stopped.
pub async fn serve(config: Config, args: ServeArgs) -> Result<(), StartupError> {
    let listener = listen(config.site_addr).await?;
    let db = open_database(&config.database_url).await?;
    migrate(&db).await?;
    if args.demo && crate::demo::seed_if_empty(&db).await? {
        println!("{}", crate::demo::accounts_table());
    }
    // The suggested rules, switched off, once the workspace has an admin to own them.
    match app::service::automation::rules::install_builtins(&db, chrono::Utc::now()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            rules = n,
            "installed the suggested automation rules, switched off"
        ),
        Err(err) => tracing::warn!(error = %err, "could not install the suggested rules"),
    }
    let settings = Settings {
        secure_cookies: config.secure_cookies,
        webhooks_allow_private: config.webhooks_allow_private,
        public_url: config.public_url.clone(),
        listen_url: format!("http://{}", config.site_addr),
        mail: config.smtp.as_ref().map(|target| MailSettings {
            server: target.describe(),
            from: config.mail_from.clone().unwrap_or_default(),
        }),
        api_requests_per_minute: config.api_requests_per_minute,
    };
    let state = AppState::new(leptos_options(config.site_addr), db.clone(), settings);
    let mail = match (&config.smtp, &config.mail_from) {
        (Some(target), Some(from)) => Some(
            crate::mail::spawn(state.clone(), target, from).map_err(|reason| {
                StartupError::BadMail {
                    name: "BATON_SMTP_URL",
                    reason,
                }
            })?,
        ),
        _ => {
            tracing::info!("no BATON_SMTP_URL: Baton sends no email");
            None
        }
    };
    let scheduler = crate::scheduler::spawn(state.clone(), crate::scheduler::EVERY);
    let automation = crate::automation::spawn(state.clone());
    let webhooks = crate::webhooks::spawn(state.clone());
    let forecasts = crate::forecasting::spawn(db.clone(), crate::forecasting::EVERY);
    let router = crate::routes::router(state);
    tracing::info!("Baton is running at http://{}", config.site_addr);
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    scheduler.abort();
    automation.abort();
    webhooks.abort();
    forecasts.abort();
    if let Some(mail) = mail {
        mail.abort();
    }
    db.close().await;
    tracing::info!("Baton stopped");
    served.map_err(StartupError::Serve)
}

/// `baton migrate`: open the database, apply what is missing, exit.
pub async fn migrate_only(config: &Config) -> Result<(), StartupError> {
    let db = open_database(&config.database_url).await?;
    migrate(&db).await?;
    db.close().await;
    println!(
        "The database is up to date (schema {}).",
        db::newest_known_migration()
    );
    Ok(())
}

/// The options Leptos needs to render pages and find the site's files.
pub fn leptos_options(site_addr: SocketAddr) -> leptos::prelude::LeptosOptions {
    use leptos::prelude::LeptosOptions;
    // cargo-leptos names the bundle at build time; a plain `cargo build` (tests) does not,
    // and then the defaults below fit a binary started from the repository's folder.
    let named = option_env!("LEPTOS_OUTPUT_NAME").is_some()
        || std::env::var_os("LEPTOS_OUTPUT_NAME").is_some();
    let mut options = if named {
        leptos::prelude::get_configuration(None)
            .map(|c| c.leptos_options)
            .ok()
    } else {
        None
    }
    .unwrap_or_else(|| {
        LeptosOptions::builder()
            .output_name("baton")
            .site_root("target/site")
            .build()
    });
    // LEPTOS_SITE_ADDR was validated by `Config`.
    options.site_addr = site_addr;
    // A build with hashed file names leaves their list beside the binary; the pages name the
    // files by it. Without the list (a plain `cargo build`) the names are the plain ones.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .is_some_and(|list| list.is_file());
    }
    options
}

/// Binds the listening socket, before anything else is touched.
pub async fn listen(addr: SocketAddr) -> Result<TcpListener, StartupError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AddrInUse => StartupError::PortInUse { addr },
            _ => StartupError::Listen { addr, source },
        })
}

/// Opens the database behind `url`, creating the file (and its folder) when
/// missing. An existing file is first inspected read-only, so a file that is
/// not a database, or one from a newer Baton, is refused without being touched.
pub async fn open_database(url: &str) -> Result<Db, StartupError> {
    let options = db::connect_options(url).map_err(|e| StartupError::BadDatabaseUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    let path = options.get_filename().to_path_buf();
    let in_memory = url.contains(":memory:") || path.as_os_str().is_empty();
    if !in_memory {
        if path.is_dir() {
            return Err(StartupError::NotADatabase { path });
        }
        if path.exists() {
            inspect_existing(&path).await?;
        } else if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| StartupError::DataFolder {
                path: folder.to_path_buf(),
                source,
            })?;
        }
    }
    Db::open(options).await.map_err(|e| open_error(&path, e))
}

async fn inspect_existing(path: &Path) -> Result<(), StartupError> {
    use sqlx::Connection;
    let mut conn = db::files::open_read_only(path)
        .await
        .map_err(|e| open_error(path, e))?;
    let applied = db::newest_applied_migration(&mut conn).await;
    let _ = conn.close().await;
    let applied = applied.map_err(|e| open_error(path, e))?;
    let known = db::newest_known_migration();
    match applied {
        Some(found) if found > known => Err(StartupError::NewerDatabase {
            path: path.to_path_buf(),
            found,
            known,
        }),
        _ => Ok(()),
    }
}

fn open_error(path: &Path, err: sqlx::Error) -> StartupError {
    if db::files::is_not_a_database(&err) {
        StartupError::NotADatabase {
            path: path.to_path_buf(),
        }
    } else {
        StartupError::CannotOpen {
            path: path.to_path_buf(),
            reason: err.to_string(),
        }
    }
}

/// Applies migrations, then stores any built-in workflow this build has that the database lacks.
pub async fn migrate(db: &Db) -> Result<(), StartupError> {
    db.migrate()
        .await
        .map_err(|e| StartupError::Migration(e.to_string()))?;
    let installed = async {
        let mut tx = db.write.begin().await?;
        let n = db::workflows::install_builtins(&mut tx, chrono::Utc::now()).await?;
        tx.commit().await?;
        Ok::<usize, sqlx::Error>(n)
    }
    .await
    .map_err(|e| {
        StartupError::Migration(format!("could not install the built-in workflows: {e}"))
    })?;
    if installed > 0 {
        tracing::info!("installed {installed} built-in workflow versions");
    }
    // Items stored before insights kept compact trails (or written without events) get them.
    let trails = app::service::insights::backfill(db).await.map_err(|e| {
        StartupError::Migration(format!("could not summarise the activity trail: {e}"))
    })?;
    if trails > 0 {
        tracing::info!("summarised the activity trail of {trails} items for insights");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
