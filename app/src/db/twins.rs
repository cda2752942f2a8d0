//! The SQLite migrations and their PostgreSQL twins build the same schema: the same
//! tables with the same columns (each in the PostgreSQL type its SQLite one stands for,
//! with the same nullability and defaults), the same primary keys, foreign keys and
//! indexes. Both are read back from real databases, after the real migrations.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::PgPool;

use super::testing;
use super::{MIGRATOR, POSTGRES_MIGRATOR};

/// One column as both databases can describe it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Column {
    name: String,
    /// SQLite's declared type; a PostgreSQL type is shown as the SQLite one it stands for.
    kind: String,
    not_null: bool,
    has_default: bool,
}

/// A table: its columns in order, its primary key, foreign keys and indexes.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: Vec<Column>,
    primary_key: Vec<String>,
    /// `FOREIGN KEY (a) REFERENCES t(b) [ON DELETE …]`, in PostgreSQL's words.
    foreign_keys: BTreeSet<String>,
    /// Columns, unique, partial, and the name of an index made by `CREATE INDEX` (an
    /// index behind a UNIQUE constraint has a name each database makes up).
    indexes: BTreeSet<(String, bool, bool, String)>,
}

type Schema = BTreeMap<String, Table>;

/// What a PostgreSQL column type stands for in SQLite's schema.
fn sqlite_kind_of(pg_type: &str) -> String {
    match pg_type {
        "bigint" => "INTEGER",
        "double precision" => "REAL",
        "boolean" => "BOOLEAN",
        "text" | "timestamp with time zone" | "timestamp without time zone" | "date" => "TEXT",
        other => other,
    }
    .to_string()
}

async fn sqlite_schema(conn: &mut sqlx::SqliteConnection) -> Schema {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for table in tables {
        let mut shape = Table::default();
        let columns: Vec<(String, String, bool, Option<String>, i64)> = sqlx::query_as(
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($1) ORDER BY cid",
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let mut key: Vec<(i64, String)> = Vec::new();
        for (name, kind, not_null, default, pk) in columns {
            if pk > 0 {
                key.push((pk, name.clone()));
            }
            shape.columns.push(Column {
                name,
                kind,
                not_null: not_null || pk > 0,
                has_default: default.is_some(),
            });
        }
        key.sort();
        shape.primary_key = key.into_iter().map(|(_, name)| name).collect();

        let keys: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($1) \
             ORDER BY id, seq",
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let mut grouped: BTreeMap<i64, (String, Vec<String>, Vec<String>, String)> =
            BTreeMap::new();
        for (id, target, from, to, on_delete) in keys {
            let entry = grouped
                .entry(id)
                .or_insert_with(|| (target, Vec::new(), Vec::new(), on_delete));
            entry.1.push(from);
            entry.2.push(to.unwrap_or_default());
        }
        for (target, from, to, on_delete) in grouped.into_values() {
            let mut text = format!(
                "FOREIGN KEY ({}) REFERENCES {target}({})",
                from.join(", "),
                to.join(", ")
            );
            if on_delete != "NO ACTION" {
                text.push_str(&format!(" ON DELETE {on_delete}"));
            }
            shape.foreign_keys.insert(text);
        }

        let indexes: Vec<(String, bool, String, bool)> = sqlx::query_as(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list($1) WHERE origin <> 'pk'",
        )
        .bind(&table)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        for (name, unique, origin, partial) in indexes {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                    .bind(&name)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
            let name = if origin == "c" { name } else { String::new() };
            shape
                .indexes
                .insert((columns.join(","), unique, partial, name));
        }
        schema.insert(table, shape);
    }
    schema
}

async fn postgres_schema(pool: &PgPool) -> Schema {
    let mut schema = Schema::new();
    let columns: Vec<(String, String, String, bool, bool)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'NO', \
                column_default IS NOT NULL \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' \
         ORDER BY table_name, ordinal_position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, pg_type, not_null, has_default) in columns {
        schema.entry(table).or_default().columns.push(Column {
            name,
            kind: sqlite_kind_of(&pg_type),
            not_null,
            has_default,
        });
    }

    let keys: Vec<(String, String)> = sqlx::query_as(
        "SELECT tc.table_name::text, k.column_name::text \
         FROM information_schema.table_constraints tc \
         JOIN information_schema.key_column_usage k \
           ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema \
         WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' \
           AND tc.table_name <> '_sqlx_migrations' \
         ORDER BY tc.table_name, k.ordinal_position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, column) in keys {
        schema.entry(table).or_default().primary_key.push(column);
    }

    let foreign: Vec<(String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, pg_get_constraintdef(c.oid) \
         FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace \
         WHERE c.contype = 'f' AND n.nspname = 'public'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, text) in foreign {
        schema.entry(table).or_default().foreign_keys.insert(text);
    }

    let indexes: Vec<(String, String, bool, bool, String, bool)> = sqlx::query_as(
        "SELECT t.relname::text, i.relname::text, ix.indisunique, ix.indpred IS NOT NULL, \
                array_to_string(ARRAY(
                    SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, o) \
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
                    ORDER BY k.o), ','), \
                EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype = 'u') \
         FROM pg_index ix \
         JOIN pg_class t ON t.oid = ix.indrelid \
         JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         WHERE n.nspname = 'public' AND NOT ix.indisprimary AND t.relname <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (table, name, unique, partial, columns, by_constraint) in indexes {
        let name = if by_constraint { String::new() } else { name };
        schema
            .entry(table)
            .or_default()
            .indexes
            .insert((columns, unique, partial, name));
    }
    schema
}

/// The two schemas, or `None` when the tests were given no PostgreSQL.
async fn both() -> Option<(Schema, Schema, PgPool)> {
    let pg = testing::postgres().await?;
    POSTGRES_MIGRATOR
        .run(&pg)
        .await
        .expect("PostgreSQL migrations");
    // SQLite named, not the build's backend: a `postgres` build compares the same two.
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new()
            .filename(dir.path().join("twin.db"))
            .create_if_missing(true)
            .foreign_keys(true),
    )
    .await
    .expect("open SQLite");
    MIGRATOR.run(&sqlite).await.expect("SQLite migrations");
    let mut conn = sqlite.acquire().await.unwrap();
    let lite = sqlite_schema(&mut conn).await;
    Some((lite, postgres_schema(&pg).await, pg))
}

#[test]
fn each_migration_has_a_postgresql_twin_with_its_version_and_name() {
    let lite: Vec<_> = MIGRATOR
        .iter()
        .map(|m| (m.version, m.description.to_string()))
        .collect();
    let pg: Vec<_> = POSTGRES_MIGRATOR
        .iter()
        .map(|m| (m.version, m.description.to_string()))
        .collect();
    assert!(!lite.is_empty());
    assert_eq!(lite, pg);
}

#[tokio::test]
async fn both_databases_get_the_same_tables_columns_keys_and_indexes() {
    let Some((lite, pg, _pool)) = both().await else {
        return;
    };
    // What is compared was read at all: a board's index and an item's keys, on both sides.
    for schema in [&lite, &pg] {
        let items = &schema["items"];
        assert!(items.indexes.iter().any(|i| i.3 == "items_board"));
        assert!(items.foreign_keys.len() >= 3 && items.columns.len() > 20);
    }
    let names = |s: &Schema| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&lite), names(&pg), "the same tables");
    for (name, table) in &lite {
        let twin = &pg[name];
        assert_eq!(table.columns, twin.columns, "columns of {name}");
        assert_eq!(table.primary_key, twin.primary_key, "primary key of {name}");
        assert_eq!(
            table.foreign_keys, twin.foreign_keys,
            "foreign keys of {name}"
        );
        assert_eq!(table.indexes, twin.indexes, "indexes of {name}");
    }
}

#[tokio::test]
async fn postgresql_gives_out_ids_and_holds_the_seeded_rows() {
    let Some((lite, pg, pool)) = both().await else {
        return;
    };
    // Every table SQLite numbers by rowid under the name `id` gets an identity column,
    // so PostgreSQL gives new rows their ids too (the workspace is one row, id 1).
    let identity: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND column_name = 'id' AND is_identity = 'YES'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let identity: BTreeSet<String> = identity.into_iter().collect();
    let numbered: BTreeSet<String> = lite
        .iter()
        .filter(|(name, t)| {
            *name != "workspace"
                && t.primary_key == ["id"]
                && t.columns
                    .iter()
                    .any(|c| c.name == "id" && c.kind == "INTEGER")
        })
        .map(|(name, _)| name.clone())
        .collect();
    assert!(numbered.contains("items") && numbered.contains("import_uploads"));
    assert_eq!(identity, numbered);
    assert!(pg.contains_key("workspace"));

    let workspace: (i64, String) = sqlx::query_as("SELECT id, name FROM workspace")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(workspace, (1, "Marketing".to_string()));
    // Baton's own account is person 0; the first person a team adds is still person 1.
    let first: i64 = sqlx::query_scalar(
        "INSERT INTO people (name, email, role, created_at) \
         VALUES ('Ada', 'ada@example.com', 'admin', now()) RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(first, 1);
    let automation: bool = sqlx::query_scalar("SELECT automation FROM people WHERE id = 0")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(automation);
    // Running the migrations again changes nothing.
    POSTGRES_MIGRATOR.run(&pool).await.expect("a second run");
}
