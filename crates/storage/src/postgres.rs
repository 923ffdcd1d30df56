//! The PostgreSQL implementation of [`crate::Store`]: the same statements as
//! SQLite's (`sql/`), on a server the organisation runs, replicates and backs
//! up with PostgreSQL's own tools. The secrets stay outside the database on
//! this backend too: the audit signing key is a file of the data directory,
//! never a row, so a copy of the database cannot forge the log.

// The same SQL, compiled for this backend's driver (see `sql/mod.rs`):
// loading it once per backend is the point, not a slip.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

use crate::{Migrated, Schema, StoreError};
use async_trait::async_trait;
use inferno_audit::SigningKey;
use inferno_domain::catalog::CatalogParts;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The backend the shared SQL (`sql/`) is compiled for, in this module.
type Backend = PgStore;
/// The driver the shared SQL runs on.
type Db = sqlx::Postgres;
type DbRow = sqlx::postgres::PgRow;

/// Every transaction that writes holds this advisory lock (of the
/// transaction, released at its end), so that writers take turns as they do
/// in SQLite: what one reads (the checks, the audit log's last entry and
/// frontier) is what it writes over, whichever process it runs in.
const WRITE_LOCK: i64 = 0x1_4fe7_0001;

#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
    /// Where the database is, without its password: for messages.
    name: String,
    audit_key: Arc<SigningKey>,
    /// The audit key's file, and whether it was there when the store was
    /// opened (a new key is written when [`Schema::migrate`] settles it).
    data_dir: PathBuf,
    audit_secret: crate::Secret,
}

impl PgStore {
    /// Connects to the database `url` names, with the secrets that live
    /// beside the database (the audit signing key) in `data_dir`, which is
    /// made private to the server's user. The URL is never in an error: it
    /// may hold a password.
    pub async fn connect(data_dir: &Path, url: &str) -> Result<PgStore, StoreError> {
        crate::sqlite::secure_data_dir(data_dir)?;
        let options: PgConnectOptions = url
            .parse()
            .map_err(|e: sqlx::Error| StoreError::Open { path: "the PostgreSQL URL".into(), source: redact(e) })?;
        let name = format!(
            "postgres://{}:{}/{}",
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap_or_default()
        );
        let options = options.application_name("inferno");
        let pool = PgPoolOptions::new()
            .max_connections(8)
            // A database that does not answer is an error soon, not a
            // request that hangs: pages say so (503) and recover with it.
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { path: name.clone(), source })?;
        let audit_secret = crate::secrets::read_or_make(data_dir, crate::secrets::KEY_FILE)?;
        let audit_key = Arc::new(SigningKey::from_bytes(&audit_secret.bytes));
        let data_dir = data_dir.to_owned();
        Ok(PgStore { pool, name, audit_key, data_dir, audit_secret })
    }

    /// The database's host, port and name (no user, no password).
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// A transaction that writes, once it holds the write lock.
    async fn write_tx(&self) -> Result<sql::Tx<'static>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(WRITE_LOCK).execute(&mut *tx).await?;
        Ok(tx)
    }

    /// A transaction that only reads, of one moment: every statement in it
    /// sees the database as it was at the first.
    async fn read_tx(&self) -> Result<sql::Tx<'static>, sqlx::Error> {
        self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await
    }

    /// Every public record, in one read transaction of the pool.
    async fn catalog_parts(&self) -> Result<CatalogParts, StoreError> {
        let mut tx = self.read_tx().await?;
        let parts = sql::load::catalog_parts(&mut tx).await?;
        tx.commit().await?;
        Ok(parts)
    }

    /// After a copy into this database: the identity columns go on after
    /// the largest id copied, not from 1.
    async fn after_copy(tx: &mut sql::Tx<'static>) -> Result<(), sqlx::Error> {
        for table in ["users", "revisions", "intake_messages"] {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **tx).await?;
        }
        Ok(())
    }

    /// Nothing of the database's files is this program's to stamp: the
    /// server keeps them (and its operator, its logs: see README).
    fn after_source_write(&self) {}
}

/// A URL that does not parse may be echoed by the parser's message; this
/// keeps only what kind of error it was.
fn redact(e: sqlx::Error) -> sqlx::Error {
    match e {
        sqlx::Error::Configuration(_) => sqlx::Error::Configuration("the URL is not a valid PostgreSQL URL".into()),
        other => other,
    }
}

#[async_trait]
impl Schema for PgStore {
    async fn migrate(&self) -> Result<Migrated, StoreError> {
        let tracked: bool =
            sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL").fetch_one(&self.pool).await?;
        let migrated = sql::migrate(&self.pool, &sqlx::migrate!("./migrations/postgres"), tracked).await?;
        sql::settle_audit_key(self, &self.data_dir, &self.audit_secret).await?;
        Ok(migrated)
    }

    async fn keeps_commit_times(&self) -> Result<bool, StoreError> {
        let setting: String = sqlx::query_scalar("SHOW track_commit_timestamp").fetch_one(&self.pool).await?;
        Ok(setting == "on")
    }
}

#[async_trait]
impl crate::Jobs for PgStore {
    async fn job_lock(&self, job: crate::Job) -> Result<Option<crate::JobLock>, StoreError> {
        // A connection of its own, taken out of the pool: the lock is the
        // session's, and closing the connection is what releases it.
        let mut conn = self.pool.acquire().await?.detach();
        let held: bool =
            sqlx::query_scalar("SELECT pg_try_advisory_lock($1)").bind(job.lock_key()).fetch_one(&mut conn).await?;
        Ok(held.then(|| crate::JobLock::new(conn)))
    }
}
