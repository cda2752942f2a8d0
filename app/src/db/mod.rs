//! The database layer: every SQL statement of Baton lives below this module.
//!
//! SQLite runs in WAL mode with foreign keys on. Writes go through a pool of
//! exactly one connection, so our own writers queue in the process instead of
//! racing for SQLite's lock (which is what produces "database is locked");
//! reads use their own pool and never wait on a writer. Statements use `$n`
//! placeholders, which SQLite and PostgreSQL both accept.

pub mod accounts;
pub mod automation;
pub mod board;
pub mod calendar;
pub mod campaigns;
pub mod codec;
pub mod decisions;
pub mod events;
pub mod files;
pub mod hooks;
pub mod imports;
pub mod inbox;
pub mod insights;
pub mod item_sets;
pub mod items;
pub mod mail;
pub mod memo;
pub mod notifications;
pub mod people;
pub mod pilots;
pub mod results;
pub mod sends;
pub mod timers;
pub mod tokens;
pub mod trails;
pub mod webhooks;
pub mod workflows;
pub mod workspace;

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;

/// The database Baton runs on. These aliases are the only place that names it: the rest
/// of Baton says `Conn`, `Pool` and `Backend`, so a second backend changes this module only.
/// A build with the `postgres` feature runs on PostgreSQL (the step towards one binary
/// choosing by its `DATABASE_URL`): the same statements, checked by the same tests.
#[cfg(not(feature = "postgres"))]
pub type Backend = sqlx::Sqlite;
/// The database Baton runs on (see above).
#[cfg(feature = "postgres")]
pub type Backend = sqlx::Postgres;
/// One connection (or, through `&mut *tx`, a transaction).
pub type Conn = <Backend as sqlx::Database>::Connection;
/// A pool of connections.
pub type Pool = sqlx::Pool<Backend>;

/// How to reach the database: what a `DATABASE_URL` becomes.
pub type ConnectOptions = <Conn as sqlx::Connection>::Options;

/// Where the two databases Baton runs on differ in what a statement must say. Statements
/// ask `<Backend as Dialect>::…` rather than naming a database, so they read the same
/// whichever one a build (and later a URL) chooses.
pub trait Dialect {
    /// True on PostgreSQL.
    const POSTGRES: bool;
    /// The migrations that build this database's schema.
    fn migrator() -> &'static Migrator;
}

impl Dialect for sqlx::Sqlite {
    const POSTGRES: bool = false;
    fn migrator() -> &'static Migrator {
        &MIGRATOR
    }
}

impl Dialect for sqlx::Postgres {
    const POSTGRES: bool = true;
    fn migrator() -> &'static Migrator {
        &POSTGRES_MIGRATOR
    }
}

/// The migrations in `migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Their PostgreSQL twins in `migrations/postgres/`: the same versions building the same
/// tables, keys and indexes in PostgreSQL's types (the `twins` tests compare the two).
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");

/// How long a statement waits for SQLite's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The two pools Baton talks to SQLite through.
#[derive(Clone, Debug)]
pub struct Db {
    /// For reads: several connections, never blocked by a writer (WAL).
    pub read: Pool,
    /// For writes: a single connection, so writes queue instead of colliding.
    pub write: Pool,
    /// Workflow definitions already read. A stored version never changes (an edit adds a
    /// version), so what is cached here is never stale.
    definitions: std::sync::Arc<std::sync::Mutex<DefinitionCache>>,
    /// The directory, campaign names and working week: read by nearly every request.
    team: std::sync::Arc<Team>,
    /// Per workflow, what its forecasts and trending-late flags are judged against.
    references: std::sync::Arc<std::sync::Mutex<References>>,
}

/// The newest event's id and a day: what an inbox count was worked out as of.
pub type Stamp = (i64, chrono::NaiveDate);

type References =
    std::collections::HashMap<crate::domain::WorkflowId, std::sync::Arc<FlowReference>>;

/// What a workflow's open items are judged against (its finished items of the last 90
/// days), remembered under the key it was worked out for: the day, the workflow's version
/// and start stage, and which items had finished.
#[derive(Debug, Clone)]
pub struct FlowReference {
    /// What it was worked out for.
    pub key: String,
    /// The workflow's stages and start stage.
    pub flow: crate::domain::metrics::FlowSettings,
    /// Its finished items' cycle times and stage times.
    pub reference: crate::domain::metrics::forecast::FinishReference,
}

/// What [`Db::directory`], [`Db::campaigns`] and [`Db::working_hours`] remember.
#[derive(Debug, Default)]
struct Team {
    people: memo::Memo<crate::domain::People>,
    campaigns: memo::Memo<Vec<campaigns::CampaignRow>>,
    hours: memo::Memo<crate::domain::WorkingHours>,
    /// Per person: how many items waited on them as of an event id and a day (see
    /// [`Db::waiting_as_of`]).
    waiting: std::sync::Mutex<std::collections::HashMap<crate::domain::PersonId, (Stamp, u32)>>,
}

/// Reads through a memo: the remembered copy while fresh, else the database.
async fn through<T, F>(memo: &memo::Memo<T>, read: F) -> Result<T, sqlx::Error>
where
    T: Clone,
    F: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let now = std::time::Instant::now();
    match memo.recall(now) {
        Ok(value) => Ok(value.as_ref().clone()),
        Err(generation) => {
            let value = read.await?;
            memo.keep(generation, std::sync::Arc::new(value.clone()), now);
            Ok(value)
        }
    }
}

type DefinitionCache = std::collections::HashMap<
    (crate::domain::WorkflowId, u32),
    std::sync::Arc<crate::domain::WorkflowDefinition>,
>;

/// Parses a `DATABASE_URL` into connection options with Baton's settings.
#[cfg(not(feature = "postgres"))]
pub fn connect_options(url: &str) -> Result<ConnectOptions, sqlx::Error> {
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
    Ok(SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // Reads map the file instead of copying pages through read(2): under a stream of
        // writes each read transaction starts with a cold page cache, and copying was most
        // of a board read's system time.
        .pragma("mmap_size", MMAP_SIZE))
}

/// Parses a `DATABASE_URL` into connection options with Baton's settings.
#[cfg(feature = "postgres")]
pub fn connect_options(url: &str) -> Result<ConnectOptions, sqlx::Error> {
    // Every instant is a TIMESTAMPTZ and is read back as UTC whatever the session's zone;
    // setting UTC keeps what PostgreSQL itself prints (and `now()` casts) the same.
    Ok(sqlx::postgres::PgConnectOptions::from_str(url)?.options([("timezone", "UTC")]))
}

/// How much of the database file reads may map (SQLite maps no more than the file's size).
#[cfg(not(feature = "postgres"))]
const MMAP_SIZE: &str = "268435456";

impl Db {
    /// Opens both pools on the database the options point at.
    pub async fn open(options: ConnectOptions) -> Result<Self, sqlx::Error> {
        // An SQLite connection cannot go stale the way a network connection can, so the
        // pools skip the ping before every checkout: it was one more round trip to SQLite's
        // worker thread for each of the several checkouts a request makes. A PostgreSQL
        // connection can (a restarted server), so there the pools ping.
        let ping = <Backend as Dialect>::POSTGRES;
        // Writes still queue on one connection on PostgreSQL: the checks that read before
        // they write (WIP limits, the next workflow version) rely on it within a process.
        let write = sqlx::pool::PoolOptions::<Backend>::new()
            .max_connections(1)
            .test_before_acquire(ping)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        let read = sqlx::pool::PoolOptions::<Backend>::new()
            .max_connections(8)
            .test_before_acquire(ping)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await?;
        Ok(Db {
            read,
            write,
            definitions: Default::default(),
            team: Default::default(),
            references: Default::default(),
        })
    }

    /// Everyone on the team with their teams (see [`people::directory`]), remembered briefly.
    pub async fn directory(&self, conn: &mut Conn) -> Result<crate::domain::People, sqlx::Error> {
        through(&self.team.people, people::directory(conn)).await
    }

    /// Every campaign (see [`campaigns::list`]), remembered briefly.
    pub async fn campaigns(
        &self,
        conn: &mut Conn,
    ) -> Result<Vec<campaigns::CampaignRow>, sqlx::Error> {
        through(&self.team.campaigns, campaigns::list(conn)).await
    }

    /// The team's working week (see [`workspace::working_hours`]), remembered briefly.
    pub async fn working_hours(
        &self,
        conn: &mut Conn,
    ) -> Result<crate::domain::WorkingHours, sqlx::Error> {
        through(&self.team.hours, workspace::working_hours(conn)).await
    }

    /// Call after committing a change to people, teams, campaigns or the workspace: the
    /// next read of each goes to the database.
    pub fn team_changed(&self) {
        self.team.people.forget();
        self.team.campaigns.forget();
        self.team.hours.forget();
        self.waiting().clear();
    }

    fn waiting(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<crate::domain::PersonId, (Stamp, u32)>>
    {
        self.team
            .waiting
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many items waited on `person` when the newest event was the stamp's and it was
    /// the stamp's day — if that was counted. The inbox count is in every page's header;
    /// items change far less often than pages load, and every item change appends an
    /// event, so the count is redone only after one (or on a new day, when work can start
    /// trending late without any event).
    pub fn waiting_as_of(&self, person: crate::domain::PersonId, stamp: Stamp) -> Option<u32> {
        self.waiting()
            .get(&person)
            .filter(|(seen, _)| *seen == stamp)
            .map(|(_, n)| *n)
    }

    /// Remembers the count [`Db::waiting_as_of`] answers with.
    pub fn remember_waiting(&self, person: crate::domain::PersonId, stamp: Stamp, waiting: u32) {
        self.waiting().insert(person, (stamp, waiting));
    }

    /// The reference of `workflow` remembered under `key`, if any.
    pub fn flow_reference(
        &self,
        workflow: &crate::domain::WorkflowId,
        key: &str,
    ) -> Option<std::sync::Arc<FlowReference>> {
        self.references
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(workflow)
            .filter(|r| r.key == key)
            .cloned()
    }

    /// Remembers a workflow's reference (replacing an older one).
    pub fn keep_flow_reference(&self, reference: std::sync::Arc<FlowReference>) {
        self.references
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(reference.flow.workflow.clone(), reference);
    }

    /// One version of a workflow, read once per process: items name the version they follow,
    /// and every operation on an item needs it. A stored version never changes.
    pub async fn definition(
        &self,
        conn: &mut Conn,
        id: &crate::domain::WorkflowId,
        version: u32,
    ) -> Result<Option<std::sync::Arc<crate::domain::WorkflowDefinition>>, sqlx::Error> {
        let key = (id.clone(), version);
        let cached = self
            .definitions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&key)
            .cloned();
        if let Some(def) = cached {
            return Ok(Some(def));
        }
        let Some(loaded) = workflows::load_version(conn, id, version).await? else {
            return Ok(None);
        };
        let loaded = std::sync::Arc::new(loaded);
        self.definitions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(key, loaded.clone());
        Ok(Some(loaded))
    }

    /// The version of a workflow new items get (see [`Db::definition`]).
    pub async fn current_definition(
        &self,
        conn: &mut Conn,
        id: &crate::domain::WorkflowId,
    ) -> Result<Option<std::sync::Arc<crate::domain::WorkflowDefinition>>, sqlx::Error> {
        match workflows::current_version(conn, id).await? {
            Some(version) => self.definition(conn, id, version).await,
            None => Ok(None),
        }
    }

    /// The current version of every workflow that is not archived, built-ins first.
    pub async fn current_definitions(
        &self,
        conn: &mut Conn,
    ) -> Result<Vec<std::sync::Arc<crate::domain::WorkflowDefinition>>, sqlx::Error> {
        let mut defs = Vec::new();
        for (id, version) in workflows::current_versions(conn).await? {
            defs.extend(self.definition(conn, &id, version).await?);
        }
        Ok(defs)
    }

    /// Applies every migration that has not run yet.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        <Backend as Dialect>::migrator().run(&self.write).await
    }

    /// True when the database answers a trivial query.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.read).await.is_ok()
    }

    /// Waits for open connections to finish and closes both pools.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// The newest migration this build of Baton knows.
pub fn newest_known_migration() -> i64 {
    <Backend as Dialect>::migrator()
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}

/// The newest migration applied to a database, if it has been migrated at all.
/// Reads only: safe to call before deciding whether to touch the database.
pub async fn newest_applied_migration(conn: &mut Conn) -> Result<Option<i64>, sqlx::Error> {
    let has_table: Option<i64> = sqlx::query_scalar(if <Backend as Dialect>::POSTGRES {
        "SELECT CAST(1 AS BIGINT) FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
    } else {
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
    })
    .fetch_optional(&mut *conn)
    .await?;
    if has_table.is_none() {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
        .fetch_one(&mut *conn)
        .await
}

#[cfg(test)]
mod twins;

#[cfg(test)]
pub mod testing {
    //! A real SQLite database with the real migrations, in a temporary folder.
    use super::*;

    /// A migrated database that disappears with the value.
    pub struct TestDb {
        /// The pools.
        pub db: Db,
        url: String,
        _dir: Option<tempfile::TempDir>,
    }

    impl TestDb {
        /// The same database opened again, as a restarted server would (nothing
        /// remembered in memory).
        pub async fn reopen(&self) -> Db {
            Db::open(connect_options(&self.url).expect("url"))
                .await
                .expect("open")
        }
    }

    /// Creates and migrates a fresh database: a file in a temporary folder, or on a
    /// `postgres` build a new database on the test server (see [`postgres_url`]).
    pub async fn fresh() -> TestDb {
        let (url, dir) = if <Backend as Dialect>::POSTGRES {
            (fresh_postgres_database().await, None)
        } else {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, Some(dir))
        };
        let db = Db::open(connect_options(&url).expect("url"))
            .await
            .expect("open");
        if !<Backend as Dialect>::POSTGRES {
            db.migrate().await.expect("migrate");
        }
        TestDb { db, url, _dir: dir }
    }

    /// The address `db` was opened at, for a test that restarts the server on it.
    pub async fn url_of(db: &Db) -> String {
        let mut conn = db.read.acquire().await.expect("connection");
        if <Backend as Dialect>::POSTGRES {
            let name: String = sqlx::query_scalar("SELECT current_database()")
                .fetch_one(&mut *conn)
                .await
                .expect("database name");
            with_database(
                &postgres_url().expect("a postgres build has a server"),
                &name,
            )
        } else {
            let path: String =
                sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                    .fetch_one(&mut *conn)
                    .await
                    .expect("database file");
            format!("sqlite://{path}")
        }
    }

    /// The test PostgreSQL server's address from `BATON_TEST_POSTGRES_URL`, if one was given.
    pub fn postgres_url() -> Option<String> {
        std::env::var("BATON_TEST_POSTGRES_URL").ok()
    }

    /// `url` with its database name replaced.
    fn with_database(url: &str, name: &str) -> String {
        let (base, query) = url
            .split_once('?')
            .map_or((url, None), |(b, q)| (b, Some(q)));
        let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
        match query {
            Some(q) => format!("{server}/{name}?{q}"),
            None => format!("{server}/{name}"),
        }
    }

    /// A new database on the test server, copied from one migrated once per test process
    /// (`CREATE DATABASE … TEMPLATE` copies files, far faster than migrating each time).
    async fn fresh_postgres_database() -> String {
        use std::sync::atomic::{AtomicU32, Ordering};
        static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let server = postgres_url().expect(
            "a build with the postgres feature tests on PostgreSQL: set BATON_TEST_POSTGRES_URL \
             (scripts/postgres start DIR prints one)",
        );
        let admin = || async {
            sqlx::postgres::PgPool::connect(&server)
                .await
                .expect("reach the test PostgreSQL server")
        };
        let template = TEMPLATE
            .get_or_init(|| async {
                let name = format!("baton_template_{}", std::process::id());
                let pool = admin().await;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                    .execute(&pool)
                    .await
                    .expect("drop an old template");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&pool)
                    .await
                    .expect("create the template");
                pool.close().await;
                let migrated = sqlx::postgres::PgPool::connect(&with_database(&server, &name))
                    .await
                    .expect("open the template");
                POSTGRES_MIGRATOR
                    .run(&migrated)
                    .await
                    .expect("migrate the template");
                // A template is copied only while nobody is connected to it.
                migrated.close().await;
                name
            })
            .await;
        let name = format!(
            "baton_fresh_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let pool = admin().await;
        sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .execute(&pool)
            .await
            .expect("copy the template");
        pool.close().await;
        with_database(&server, &name)
    }

    /// A new, empty database on the PostgreSQL server the tests were given in
    /// `BATON_TEST_POSTGRES_URL` (`scripts/test` starts one with `scripts/postgres`).
    /// `None` when none was given, unless `BATON_TEST_REQUIRE_POSTGRES` is set, as the
    /// test command sets it: there a missing server fails the test instead of skipping it.
    pub async fn postgres() -> Option<sqlx::PgPool> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let Ok(url) = std::env::var("BATON_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var_os("BATON_TEST_REQUIRE_POSTGRES").is_none(),
                "BATON_TEST_REQUIRE_POSTGRES is set but BATON_TEST_POSTGRES_URL is not"
            );
            eprintln!("no PostgreSQL given (BATON_TEST_POSTGRES_URL): skipped");
            return None;
        };
        let server = sqlx::postgres::PgConnectOptions::from_str(&url).expect("postgres url");
        let name = format!(
            "baton_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let admin = sqlx::PgPool::connect_with(server.clone())
            .await
            .expect("reach the test PostgreSQL server");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(&admin)
            .await
            .expect("drop an old test database");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&admin)
            .await
            .expect("create a test database");
        admin.close().await;
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect_with(server.database(&name))
            .await
            .expect("open the test database");
        Some(pool)
    }
}
