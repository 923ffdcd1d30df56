//! The SQLite implementation of [`Store`]: one file in the data directory, in
//! WAL mode with `synchronous = FULL`, so that a committed change survives a
//! power cut (nothing that was sent in may be lost).

mod bulk;
pub mod inbox;
// The same SQL, compiled for this backend's driver (see `sql/mod.rs`):
// loading it once per backend is the point, not a slip.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

use crate::{Migrated, Schema, StoreError};
use async_trait::async_trait;
use inferno_audit::SigningKey;
use inferno_domain::catalog::CatalogParts;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "inferno.sqlite3";

/// The backend the shared SQL (`sql/`) is compiled for, in this module.
type Backend = SqliteStore;
/// The driver the shared SQL runs on.
type Db = sqlx::Sqlite;
type DbRow = sqlx::sqlite::SqliteRow;

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    audit_key: Arc<SigningKey>,
    /// The audit key's file, and whether it was there when the store was
    /// opened (a new key is written when [`Schema::migrate`] settles it).
    data_dir: PathBuf,
    audit_secret: crate::Secret,
}

impl SqliteStore {
    /// Opens (creating if needed) the database in `data_dir`. The directory is
    /// made private to the server's user: it will hold submissions too.
    pub async fn open(data_dir: &Path) -> Result<SqliteStore, StoreError> {
        Self::open_file(data_dir, &data_dir.join(DATABASE_FILE)).await
    }

    /// Opens (creating if needed) the database file at `path`, with the
    /// secrets that live beside the database (the audit signing key) in
    /// `data_dir`, which is made private to the server's user.
    pub async fn open_file(data_dir: &Path, path: &Path) -> Result<SqliteStore, StoreError> {
        secure_data_dir(data_dir)?;
        let path = path.to_owned();
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted rows (a purge) are overwritten, not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
        let audit_secret = crate::secrets::read_or_make(data_dir, crate::secrets::KEY_FILE)?;
        let audit_key = Arc::new(SigningKey::from_bytes(&audit_secret.bytes));
        let data_dir = data_dir.to_owned();
        Ok(SqliteStore { pool, path, audit_key, data_dir, audit_secret })
    }

    /// A transaction that writes: `BEGIN IMMEDIATE` takes SQLite's one write
    /// lock first, so that what it reads (the checks, the audit log's last
    /// entry) is what it writes over, and a second writer waits its turn.
    async fn write_tx(&self) -> Result<sql::Tx<'static>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// A transaction that only reads, of one moment (WAL gives each a snapshot).
    async fn read_tx(&self) -> Result<sql::Tx<'static>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Every public record, read on a connection of its own (see `bulk`).
    async fn catalog_parts(&self) -> Result<CatalogParts, StoreError> {
        let path = self.path.clone();
        let (_, parts) = tokio::task::spawn_blocking(move || bulk::catalog_parts(&path))
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
        Ok(parts)
    }

    /// After a copy into this database: nothing follows from the rows (a
    /// row id is one more than the largest).
    async fn after_copy(_tx: &mut sql::Tx<'static>) -> Result<(), sqlx::Error> {
        Ok(())
    }

    /// After a write that concerns a source: the database's files show its
    /// time and no earlier one (see [`stamp_files`]).
    fn after_source_write(&self) {
        stamp_files(&self.path);
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// After a write that concerns a source: every file of the database at `path`
/// is stamped with this moment. A checkpoint writes into the main file at
/// whatever commit it falls on, and the shared-memory index is written
/// through a mapping, so either could otherwise keep the time of an earlier
/// submission; stamped, they all show the latest write and no other. Set by
/// path, never by opening the file: closing another descriptor of it would
/// drop SQLite's locks.
pub(crate) fn stamp_files(path: &Path) {
    let now = rustix::fs::Timespec { tv_sec: 0, tv_nsec: rustix::fs::UTIME_NOW };
    let times = rustix::fs::Timestamps { last_access: now, last_modification: now };
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.to_owned().into_os_string();
        file.push(suffix);
        let _ = rustix::fs::utimensat(rustix::fs::CWD, Path::new(&file), &times, rustix::fs::AtFlags::empty());
    }
}

/// Makes the data directory private to the server's user, every time it is
/// opened: creating it 0700 is not enough, since one that already exists
/// (made by a package, or by hand) keeps its mode, and the database in it
/// holds password hashes and TOTP secrets. So the process's umask becomes
/// 0077 (every file it makes from now on is private, SQLite's journal
/// included), the directory is set to 0700, and what is in it (and in its
/// `vault/`) to 0600 for files and 0700 for directories.
pub fn secure_data_dir(dir: &Path) -> Result<(), StoreError> {
    let err = |path: &Path, source| StoreError::DataDir { path: path.display().to_string(), source };
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| err(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fn walk(dir: &Path, depth: usize) -> std::io::Result<()> {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
            for entry in std::fs::read_dir(dir)? {
                let entry = entry?;
                let kind = entry.file_type()?;
                if kind.is_dir() && depth < 3 {
                    walk(&entry.path(), depth + 1)?;
                } else if kind.is_file() && entry.metadata()?.permissions().mode() & 0o077 != 0 {
                    std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600))?;
                }
            }
            Ok(())
        }
        walk(dir, 0).map_err(|e| err(dir, e))?;
    }
    Ok(())
}

#[async_trait]
impl Schema for SqliteStore {
    async fn migrate(&self) -> Result<Migrated, StoreError> {
        let tracked: i64 =
            sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
                .fetch_one(&self.pool)
                .await?;
        let migrated = sql::migrate(&self.pool, &sqlx::migrate!("./migrations/sqlite"), tracked > 0).await?;
        sql::settle_audit_key(self, &self.data_dir, &self.audit_secret).await?;
        Ok(migrated)
    }
}

#[async_trait]
impl crate::Jobs for SqliteStore {
    /// One server writes a SQLite file, but a command (`inferno intake
    /// seal`) may run beside it: an exclusive `flock` on a file of the job's
    /// own beside the database, which the system releases when the process
    /// ends, however it ends.
    async fn job_lock(&self, job: crate::Job) -> Result<Option<crate::JobLock>, StoreError> {
        let mut name = self.path.clone().into_os_string();
        name.push(format!("-job-{:x}.lock", job.lock_key()));
        let path = PathBuf::from(name);
        let err = |source| StoreError::DataDir { path: path.display().to_string(), source };
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(err)?;
        match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(Some(crate::JobLock::new(file))),
            Err(rustix::io::Errno::WOULDBLOCK) => Ok(None),
            Err(e) => Err(err(e.into())),
        }
    }
}
