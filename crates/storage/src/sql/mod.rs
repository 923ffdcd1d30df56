//! The SQL of every backend, written once.
//!
//! The statements here are in the SQL that SQLite and PostgreSQL share
//! (`$1` parameters, `ON CONFLICT`, `RETURNING`, `string_agg`, integers
//! for flags), so the same text serves both. This directory is compiled once
//! per backend: `sqlite.rs` and `postgres.rs` each include it as a module of
//! their own (`#[path = "sql/mod.rs"] mod sql;`) after naming their driver
//! (`Db`, `DbRow`) and their store (`Backend`), whose few methods hold what
//! differs: how a writing transaction takes its turn (`write_tx`), how one
//! that reads gets one moment (`read_tx`), how the whole catalog is read
//! (`catalog_parts`), and what follows a write that concerns a source
//! (`after_source_write`). A backend module holds that and its migrations;
//! the statements, and the rules of `editing`, are here, once.

pub(super) mod accounts;
pub(super) mod audit;
mod copy;
pub(super) mod editing;
pub(super) mod intake;
pub(super) mod load;
mod secrets;
mod store;
pub(super) mod write;
mod writer;

pub(super) use super::{Backend, Db, DbRow};
use crate::{Migrated, StoreError};
pub(super) use secrets::settle_audit_key;

/// A transaction of the backend's pool.
pub(super) type Tx<'a> = sqlx::Transaction<'a, Db>;
/// The backend's pool.
pub(super) type Pool = sqlx::Pool<Db>;

/// Unix seconds, UTC: the time audit entries, revisions and accounts record.
pub(super) fn now() -> i64 {
    inferno_domain::date::unix_seconds()
}

/// Brings the schema up to date with `migrator` (the backend's own
/// migrations), refusing one that a newer release brought further.
/// `tracked` says whether the database has sqlx's table of migrations yet.
pub(super) async fn migrate(
    pool: &Pool,
    migrator: &sqlx::migrate::Migrator,
    tracked: bool,
) -> Result<Migrated, StoreError> {
    let known: std::collections::BTreeMap<i64, String> =
        migrator.iter().map(|m| (m.version, m.description.to_string())).collect();
    let before: Vec<i64> = if tracked {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(pool)
            .await?
    } else {
        Vec::new()
    };
    let latest_known = known.keys().last().copied().unwrap_or(0);
    if let Some(&found) = before.iter().rev().find(|v| !known.contains_key(v)) {
        return Err(StoreError::NewerSchema { found, known: latest_known });
    }
    migrator.run(pool).await?;
    let applied = known.into_iter().filter(|(v, _)| !before.contains(v)).collect();
    Ok(Migrated { applied, version: latest_known })
}
