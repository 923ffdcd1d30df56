//! The SQLite implementation of [`Store`]: one file in the data directory, in
//! WAL mode with `synchronous = FULL`, so that a committed change survives a
//! power cut (nothing that was sent in may be lost).

mod accounts;
mod audit;
mod bulk;
mod editing;
mod intake;
mod load;
mod write;

use crate::intake::{
    IntakeChange, IntakeWording, KeyGrant, KeyToShare, NewIntakeFile, NewSubmission, PurgeWording, Purged, Reader,
    SourceView, SubmissionRecord, SubmissionSummary,
};
use crate::{Accounts, AuditLog, CatalogStore, Intake, Records, Schema, Sessions};
use crate::{
    AuditEvent, Editor, ImportError, ImportReport, ImportWording, Migrated, NewUser, RecordRevision, Revision,
    SaveMode, Saved, Session, StoreError, User, Verdict, Visibility, Waiting,
};
use async_trait::async_trait;
use inferno_audit::{Entry, SignedCheckpoint, SigningKey, VerifyingKey};
use inferno_domain::catalog::{Catalog, CatalogChanges};
use inferno_domain::import::{Batch, Kind};
use inferno_domain::{FaqEntry, Page, PartialDate};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "inferno.sqlite3";

#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    audit_key: Arc<SigningKey>,
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
        let audit_key = Arc::new(crate::secrets::load_or_create_key(data_dir)?);
        Ok(SqliteStore { pool, path, audit_key })
    }

    fn stamp_files(&self) {
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

/// Unix seconds, UTC: the time audit entries, revisions and accounts record.
fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
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
        let migrator = sqlx::migrate!("./migrations/sqlite");
        let known: std::collections::BTreeMap<i64, String> =
            migrator.iter().map(|m| (m.version, m.description.to_string())).collect();
        let tracked: i64 =
            sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
                .fetch_one(&self.pool)
                .await?;
        let before: Vec<i64> = if tracked > 0 {
            sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
                .fetch_all(&self.pool)
                .await?
        } else {
            Vec::new()
        };
        let latest_known = known.keys().last().copied().unwrap_or(0);
        if let Some(&found) = before.iter().rev().find(|v| !known.contains_key(v)) {
            return Err(StoreError::NewerSchema { found, known: latest_known });
        }
        migrator.run(&self.pool).await?;
        let applied = known.into_iter().filter(|(v, _)| !before.contains(v)).collect();
        Ok(Migrated { applied, version: latest_known })
    }
}

#[async_trait]
impl CatalogStore for SqliteStore {
    async fn content_version(&self) -> Result<i64, StoreError> {
        let v: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'content_version'").fetch_one(&self.pool).await?;
        Ok(v)
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM pages)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(n == 0)
    }

    async fn load_catalog(&self) -> Result<Catalog, StoreError> {
        let path = self.path.clone();
        let (_, parts) = tokio::task::spawn_blocking(move || bulk::catalog_parts(&path))
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
        let t = std::time::Instant::now();
        let catalog = Catalog::new(parts);
        tracing::debug!(elapsed = ?t.elapsed(), "catalog built");
        Ok(catalog)
    }

    async fn catalog_changes(&self, since: i64) -> Result<Option<(i64, CatalogChanges)>, StoreError> {
        // One read transaction: the changes are those up to the version read.
        let mut tx = self.pool.begin().await?;
        let version: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'content_version'").fetch_one(&mut *tx).await?;
        let from: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'changes_from'").fetch_one(&mut *tx).await?;
        if since < from {
            return Ok(None);
        }
        let changes = load::catalog_changes(&mut tx, since).await?;
        tx.commit().await?;
        Ok(Some((version, changes)))
    }
}

#[async_trait]
impl Records for SqliteStore {
    async fn import(
        &self,
        batch: &Batch,
        today: PartialDate,
        wording: ImportWording<'_>,
    ) -> Result<ImportReport, ImportError> {
        // IMMEDIATE takes the write lock first, so the reference checks and the
        // writes see the same database.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let report = write::import(&mut tx, batch, &today.to_string()).await?;
        write::bump_content_version(&mut tx).await?;
        audit::append(&mut tx, &self.audit_key, &wording(&report)).await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn upsert_editorial(
        &self,
        faq: &[FaqEntry],
        pages: &[Page],
        today: PartialDate,
        event: &AuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        write::upsert_editorial(&mut tx, faq, pages, &today.to_string()).await?;
        write::bump_content_version(&mut tx).await?;
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn staff_records(&self, kind: inferno_domain::import::Kind) -> Result<(Batch, Vec<bool>), StoreError> {
        let mut tx = self.pool.begin().await?;
        let records = editing::records(&mut tx, kind).await?;
        tx.commit().await?;
        Ok(records)
    }

    async fn save_record(
        &self,
        batch: &Batch,
        mode: SaveMode,
        editor: Editor<'_>,
        public_note: Option<&str>,
    ) -> Result<Saved, ImportError> {
        let who = editing::Who { actor: editor.name, may_publish: editor.may_publish };
        let create = mode == SaveMode::Create;
        editing::save(&self.pool, &self.audit_key, batch, create, mode.action(), who, public_note).await
    }

    async fn review_change(
        &self,
        kind: Kind,
        id: &str,
        revision: i64,
        verdict: Verdict,
        actor: &str,
        public_note: Option<&str>,
    ) -> Result<bool, StoreError> {
        let approve = verdict == Verdict::Approve;
        editing::review(&self.pool, &self.audit_key, kind, id, revision, approve, actor, public_note).await
    }

    async fn waiting(&self) -> Result<Vec<Waiting>, StoreError> {
        editing::waiting(&self.pool).await
    }

    async fn set_published(
        &self,
        kind: Kind,
        id: &str,
        visibility: Visibility,
        actor: &str,
        public_note: Option<&str>,
    ) -> Result<bool, StoreError> {
        let published = visibility == Visibility::Published;
        editing::set_published(&self.pool, &self.audit_key, kind, id, published, actor, public_note).await
    }

    async fn recent_revisions(&self, limit: usize) -> Result<Vec<RecordRevision>, StoreError> {
        editing::recent(&self.pool, limit).await
    }

    async fn revisions(&self, kind: Kind, id: &str) -> Result<Vec<Revision>, StoreError> {
        editing::revisions(&self.pool, kind, id).await
    }
}

#[async_trait]
impl AuditLog for SqliteStore {
    async fn record(&self, event: &AuditEvent) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let seq = audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(seq)
    }

    async fn audit_entries(&self) -> Result<Vec<Entry>, StoreError> {
        audit::read_entries(&self.pool).await
    }

    async fn audit_checkpoints(&self) -> Result<Vec<SignedCheckpoint>, StoreError> {
        audit::read_checkpoints(&self.pool).await
    }

    async fn audit_size(&self) -> Result<u64, StoreError> {
        let n: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM audit_entries").fetch_one(&self.pool).await?;
        Ok(n.unwrap_or(0) as u64)
    }

    async fn audit_range(&self, first: u64, last: u64) -> Result<Vec<Entry>, StoreError> {
        audit::read_range(&self.pool, first, last).await
    }

    async fn audit_latest_checkpoint(&self) -> Result<Option<SignedCheckpoint>, StoreError> {
        audit::read_latest_checkpoint(&self.pool).await
    }

    fn audit_key(&self) -> VerifyingKey {
        self.audit_key.verifying_key()
    }
}

#[async_trait]
impl Accounts for SqliteStore {
    async fn create_user(&self, user: &NewUser, event: &AuditEvent) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        accounts::create_user(&mut tx, user).await?;
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users(&self.pool).await
    }

    async fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError> {
        accounts::user_by(&self.pool, "name", name).await
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        accounts::user_by(&self.pool, "id", &id.to_string()).await
    }

    async fn set_user_disabled(&self, name: &str, disabled: bool, event: &AuditEvent) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if !accounts::set_disabled(&mut tx, name, disabled).await? {
            return Ok(false);
        }
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn set_totp_secret(&self, name: &str, secret: &str, event: &AuditEvent) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if !accounts::set_totp_secret(&mut tx, name, secret).await? {
            return Ok(false);
        }
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn set_password(
        &self,
        name: &str,
        password_hash: &str,
        reader_key: Option<&[u8]>,
        event: &AuditEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if !accounts::set_password(&mut tx, name, password_hash, reader_key).await? {
            return Ok(false);
        }
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn accept_totp_step(&self, user_id: i64, step: u64) -> Result<bool, StoreError> {
        accounts::accept_totp_step(&self.pool, user_id, step).await
    }

    async fn set_reader_key(
        &self,
        user_id: i64,
        public: &str,
        wrapped: &[u8],
        event: &AuditEvent,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if !accounts::set_reader_key(&mut tx, user_id, public, wrapped).await? {
            return Ok(false);
        }
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(true)
    }
}

#[async_trait]
impl Sessions for SqliteStore {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        accounts::create_session(&self.pool, session).await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        accounts::session(&self.pool, token_hash).await
    }

    async fn touch_session(&self, token_hash: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
            .bind(now)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(token_hash).execute(&self.pool).await?;
        Ok(())
    }
}

#[async_trait]
impl Intake for SqliteStore {
    async fn intake_readers(&self) -> Result<Vec<Reader>, StoreError> {
        intake::readers(&self.pool).await
    }

    async fn create_submission(&self, submission: &NewSubmission) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        intake::create(&mut tx, submission).await?;
        tx.commit().await?;
        self.stamp_files();
        Ok(())
    }

    async fn submission_for_source(&self, receipt_lookup: &str) -> Result<Option<SourceView>, StoreError> {
        intake::by_receipt(&self.pool, receipt_lookup).await
    }

    async fn add_follow_up(
        &self,
        id: &str,
        body: Option<&[u8]>,
        files: &[NewIntakeFile],
        on: &str,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let found = intake::follow_up(&mut tx, id, body, files, on).await?;
        tx.commit().await?;
        self.stamp_files();
        Ok(found)
    }

    async fn submissions(&self) -> Result<Vec<SubmissionSummary>, StoreError> {
        intake::summaries(&self.pool).await
    }

    async fn submission(&self, id: &str, reader: i64) -> Result<Option<SubmissionRecord>, StoreError> {
        intake::one(&self.pool, id, reader).await
    }

    async fn change_submission(
        &self,
        id: &str,
        change: &IntakeChange,
        actor: &str,
        today: PartialDate,
        wording: IntakeWording<'_>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let Some(changed) = intake::change(&mut tx, id, change, actor, &today.to_string()).await? else {
            return Ok(false);
        };
        audit::append(&mut tx, &self.audit_key, &wording(&changed)).await?;
        tx.commit().await?;
        self.stamp_files();
        Ok(true)
    }

    async fn keys_to_share(&self, user_id: i64) -> Result<Vec<KeyToShare>, StoreError> {
        intake::keys_to_share(&self.pool, user_id).await
    }

    async fn share_keys(&self, grants: &[KeyGrant], event: &AuditEvent) -> Result<(), StoreError> {
        if grants.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        for g in grants {
            intake::add_key(&mut tx, &g.submission_id, g.user_id, &g.sealed).await?;
        }
        audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn purge_submissions(&self, before: PartialDate, wording: PurgeWording<'_>) -> Result<Purged, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (submissions, blobs) = intake::purge(&mut tx, &before.to_string()).await?;
        if !submissions.is_empty() {
            audit::append(&mut tx, &self.audit_key, &wording(&submissions)).await?;
        }
        tx.commit().await?;
        self.stamp_files();
        Ok(Purged { submissions, blobs })
    }

    async fn intake_blob_names(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        intake::blob_names(&self.pool).await
    }
}
