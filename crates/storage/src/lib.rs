//! Inferno's storage: the [`Store`] interface that the server and the commands
//! use, and its two implementations: SQLite (an embedded database in the data
//! directory, the default) and PostgreSQL. The interface speaks in domain
//! records, never in SQL; both backends run the same statements (`sql/`), and
//! each holds only what differs (how writers take turns, its migrations).

mod accounts;
mod append;
mod blobs;
pub mod copy;
mod editing;
mod error;
pub mod intake;
mod intake_vault;
mod packs;
mod postgres;
mod secrets;
mod sqlite;
#[doc(hidden)]
pub mod testing;
mod writer;

pub use accounts::{
    AccountRows, Editor, LatestRevision, NewUser, RecordCounts, RecordRevision, Revision, SaveMode, Saved, Session,
    User, Verdict, Visibility, Waiting,
};
pub use blobs::{BlobReader, BlobStore, Incoming};
pub use editing::{NewRevision, PendingChange, RecordRows};
pub use error::{ImportError, StoreError};
pub use intake::{
    FileOrigin, FollowUp, IntakeChange, IntakeChanged, IntakeFile, IntakeMessage, IntakeRows, KeyGrant, KeyToShare,
    MessageAuthor, Moved, NewIntakeFile, NewSubmission, PackRecord, Purged, Reader, SealRecord, SealedBlob, SourceView,
    SubmissionRecord, SubmissionSummary,
};
pub use intake_vault::IntakeVault;
pub use packs::{DbPacks, PackStore, PackWriter, S3Packs};
pub use postgres::PgStore;
pub use sqlite::inbox::InboxBatch;
pub use sqlite::{DATABASE_FILE, SqliteStore, secure_data_dir};
pub use writer::{Writer, Writing};

use async_trait::async_trait;
use inferno_audit::{Entry, SignedCheckpoint, VerifyingKey};
use inferno_domain::AuditAction;
use inferno_domain::catalog::{Catalog, CatalogChanges};
use inferno_domain::import::Batch;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// An action to record in the audit log.
///
/// The fields are private so that every event is made by [`AuditEvent::new`],
/// which bounds each one: the log is append-only and a Merkle tree, so whatever
/// goes in stays for good, and a caller that passes what it was sent (a sign-in
/// name of 1 MB, security review F2) must not be able to grow it by more than
/// [`AuditEvent::MAX_BYTES`] per entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// A staff account name, or `cli` for the command line.
    actor: String,
    action: String,
    target: String,
    /// A short description; never a secret, never a source's words.
    detail: String,
}

impl AuditEvent {
    /// Bytes of UTF-8, not characters, so that the bound is on what is stored
    /// whatever the script. Account names are at most 40 ASCII bytes and
    /// actions are short words, so 64 leaves room; targets are a kind and an id.
    pub const MAX_ACTOR: usize = 64;
    pub const MAX_ACTION: usize = 64;
    pub const MAX_TARGET: usize = 256;
    /// The longest detail Inferno writes itself is a purge's list of ids
    /// (12 bytes each): about 165 of them fit before the cut.
    pub const MAX_DETAIL: usize = 2048;
    /// The most text one entry can hold: 2,432 bytes.
    pub const MAX_BYTES: usize = Self::MAX_ACTOR + Self::MAX_ACTION + Self::MAX_TARGET + Self::MAX_DETAIL;

    /// Each field longer than its bound is cut on a character boundary and
    /// ends with "…", which counts within the bound, so a cut is visible.
    pub fn new(actor: &str, action: AuditAction, target: &str, detail: impl Into<String>) -> AuditEvent {
        let detail = detail.into();
        AuditEvent {
            actor: bounded(actor, Self::MAX_ACTOR),
            action: bounded(&action.to_string(), Self::MAX_ACTION),
            target: bounded(target, Self::MAX_TARGET),
            detail: if detail.len() <= Self::MAX_DETAIL { detail } else { bounded(&detail, Self::MAX_DETAIL) },
        }
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn action(&self) -> &str {
        &self.action
    }

    pub fn target(&self) -> &str {
        &self.target
    }

    pub fn detail(&self) -> &str {
        &self.detail
    }
}

/// `s` if it is at most `max` bytes, else its longest prefix that ends on a
/// character boundary and leaves room for "…", followed by "…".
fn bounded(s: &str, max: usize) -> String {
    const CUT: &str = "…";
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max.saturating_sub(CUT.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{CUT}", &s[..end])
}

/// What bringing a database's schema up to date did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// The migrations applied now, oldest first: (number, description).
    pub applied: Vec<(i64, String)>,
    /// The number of the schema's latest migration, now.
    pub version: i64,
}

/// The schema: made and brought up to date.
#[async_trait]
pub trait Schema: Send + Sync {
    /// Brings the schema up to date; safe to run on every start. A database
    /// whose schema is newer than this program is refused ([`StoreError::NewerSchema`])
    /// and left as it is.
    async fn migrate(&self) -> Result<Migrated, StoreError>;

    /// Whether the database server keeps the time of every commit for
    /// anyone to read (PostgreSQL's `track_commit_timestamp`): with it, the
    /// moment each submission was committed could be read back to the
    /// microsecond, so `serve` refuses to start. SQLite keeps no such thing.
    async fn keeps_commit_times(&self) -> Result<bool, StoreError> {
        Ok(false)
    }
}

/// The published records, as the public site reads them, and how it learns
/// that they changed.
#[async_trait]
pub trait CatalogStore: Send + Sync {
    /// A number that grows with every committed change to public content, made
    /// by this process or another (an `inferno import` beside a running server).
    async fn content_version(&self) -> Result<i64, StoreError>;

    /// True when no site, source or page has been stored yet.
    async fn is_empty(&self) -> Result<bool, StoreError>;

    /// Every published record, for the public site.
    async fn load_catalog(&self) -> Result<Catalog, StoreError>;

    /// What readers see of the records that changed after content version
    /// `since`, with the content version that is now; `None` when the store
    /// cannot tell (its record of changes starts later), and the catalog is to
    /// be loaded again. Changes made after `since` and before a catalog was
    /// loaded come again: applying one twice does no harm.
    async fn catalog_changes(&self, since: i64) -> Result<Option<(i64, CatalogChanges)>, StoreError>;
}

/// Records and their revisions, as the back office reads them (they are
/// written through a [`Writer`]'s [`RecordRows`]).
#[async_trait]
pub trait Records: Send + Sync {
    /// Every record of a kind, drafts included, with whether each is published.
    async fn staff_records(&self, kind: inferno_domain::Kind) -> Result<(Batch, Vec<bool>), StoreError>;

    /// One record of `kind` by its key (a finding's is `SOURCE~SITE`), drafts
    /// included, as a batch of one, and whether it is published; `None` when
    /// there is none. What a record's page in the back office reads, instead
    /// of the whole table.
    async fn staff_record(&self, kind: inferno_domain::Kind, key: &str) -> Result<Option<(Batch, bool)>, StoreError>;

    /// The team's note on a record, if it has one: never read by the catalog.
    async fn staff_note(&self, kind: inferno_domain::Kind, key: &str) -> Result<Option<StaffNote>, StoreError>;

    /// A number that changes whenever any record or revision does: the
    /// content version (imports and publishing) with the newest revision's
    /// id (every save). What the back office's lists are kept under.
    async fn records_version(&self) -> Result<(i64, i64), StoreError>;

    /// The keys of the records of `kind` that changed after
    /// [`Records::records_version`] was `since`: revised since, or written
    /// since (an import). `None` when the store cannot tell (changes before
    /// it kept track of them): read them all.
    async fn records_changed(
        &self,
        kind: inferno_domain::Kind,
        since: (i64, i64),
    ) -> Result<Option<Vec<String>>, StoreError>;

    /// What waits for a reviewer, oldest first.
    async fn waiting(&self) -> Result<Vec<Waiting>, StoreError>;

    /// How many records each kind has, how many of them are not public, and
    /// how many changes to public ones wait: the back office's list of
    /// kinds. One count per kind, however many records there are.
    async fn record_counts(&self) -> Result<Vec<RecordCounts>, StoreError>;

    /// The latest revisions of any record, newest first.
    async fn recent_revisions(&self, limit: usize) -> Result<Vec<RecordRevision>, StoreError>;

    /// A record's revisions, oldest first.
    async fn revisions(&self, kind: inferno_domain::Kind, id: &str) -> Result<Vec<Revision>, StoreError>;

    /// The latest revision of each record of `kind` that has one, by key,
    /// and whether a proposed change to it waits: what a list sorts by,
    /// tells a withdrawn record from a draft by, and marks as waiting, in
    /// one query of the kind's revisions.
    async fn latest_revisions(
        &self,
        kind: inferno_domain::Kind,
    ) -> Result<std::collections::HashMap<String, LatestRevision>, StoreError>;
}

/// The team's working note on a record, shown in the back office only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNote {
    pub note: String,
    /// Who saved it last, and on which day.
    pub actor: String,
    pub updated_on: String,
}

/// The tamper-evident audit log: appending an event that changes no record,
/// and reading entries and signed checkpoints.
/// Which entries of the audit log a page shows: each part, when not empty,
/// an exact match on the entry's actor, action words or target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    pub target: String,
}

impl AuditFilter {
    pub fn is_empty(&self) -> bool {
        self.actor.is_empty() && self.action.is_empty() && self.target.is_empty()
    }
}

#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Records an event that changes no record (a login, an export).
    async fn record(&self, event: &AuditEvent) -> Result<u64, StoreError>;

    /// The audit log, in storage order.
    async fn audit_entries(&self) -> Result<Vec<Entry>, StoreError>;

    /// Every signed checkpoint, smallest tree first.
    async fn audit_checkpoints(&self) -> Result<Vec<SignedCheckpoint>, StoreError>;

    /// How many entries the log holds (the number of its last entry).
    async fn audit_size(&self) -> Result<u64, StoreError>;

    /// Entries numbered `first` to `last`, both included, oldest first: a page
    /// of the log, read without reading the rest.
    async fn audit_range(&self, first: u64, last: u64) -> Result<Vec<Entry>, StoreError>;

    /// The entries `filter` matches, newest first: `limit` of them after
    /// the first `skip`, and how many match in all.
    async fn audit_search(&self, filter: &AuditFilter, skip: u64, limit: u64) -> Result<(Vec<Entry>, u64), StoreError>;

    /// The checkpoint signed for the largest tree.
    async fn audit_latest_checkpoint(&self) -> Result<Option<SignedCheckpoint>, StoreError>;

    /// The key that checkpoints verify against.
    fn audit_key(&self) -> VerifyingKey;
}

/// Staff accounts, as sign-in and the back office read them (they are
/// changed through a [`Writer`]'s [`AccountRows`]).
#[async_trait]
pub trait Accounts: Send + Sync {
    async fn users(&self) -> Result<Vec<User>, StoreError>;

    async fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError>;

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError>;

    /// Accepts TOTP time step `step` for the user if it is later than every
    /// step accepted before: a code cannot be used twice.
    async fn accept_totp_step(&self, user_id: i64, step: u64) -> Result<bool, StoreError>;
}

/// Signed-in staff sessions.
#[async_trait]
pub trait Sessions: Send + Sync {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError>;

    async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError>;

    async fn touch_session(&self, token_hash: &str, now: i64) -> Result<(), StoreError>;

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;

    /// Keeps the session's reader key, sealed to it (only the session's
    /// token opens it), for every server of the deployment.
    async fn seal_reader_key(&self, token_hash: &str, sealed: &[u8]) -> Result<(), StoreError>;

    /// Drops the sealed reader keys of sessions last used before
    /// `idle_before` or begun before `begun_before` (Unix seconds): a session
    /// never signed out of keeps no key beyond its life.
    async fn forget_outlived_keys(&self, idle_before: i64, begun_before: i64) -> Result<u64, StoreError>;
}

/// The intake vault. What a source does is not in the audit log: its
/// entries carry times, and a source's time is not kept. What staff do is.
#[async_trait]
pub trait Intake: Send + Sync {
    /// Active accounts with a reader key: those new submissions are sealed to.
    async fn intake_readers(&self) -> Result<Vec<Reader>, StoreError>;

    /// What the holder of a receipt may see, by the receipt's lookup key.
    async fn submission_for_source(&self, receipt_lookup: &str) -> Result<Option<SourceView>, StoreError>;

    /// The intake queue, newest day first.
    async fn submissions(&self) -> Result<Vec<SubmissionSummary>, StoreError>;

    /// One submission, with its key as sealed to `reader` (a user id), if it is.
    async fn submission(&self, id: &str, reader: i64) -> Result<Option<SubmissionRecord>, StoreError>;

    /// Submission keys `user_id` holds that another reader lacks.
    async fn keys_to_share(&self, user_id: i64) -> Result<Vec<KeyToShare>, StoreError>;

    /// Every blob a row names.
    async fn intake_blob_names(&self) -> Result<std::collections::HashSet<String>, StoreError>;

    /// Whether any submission is stored (a pepper made now would no longer find its receipt).
    async fn holds_submissions(&self) -> Result<bool, StoreError>;

    /// Whether submission `id` is stored.
    async fn submission_exists(&self, id: &str) -> Result<bool, StoreError>;

    /// Whether a seal ran on `day` (`YYYY-MM-DD`).
    async fn sealed_on(&self, day: &str) -> Result<bool, StoreError>;

    /// Whether the seal of batch `batch` is recorded.
    async fn seal_recorded(&self, batch: &str) -> Result<bool, StoreError>;

    /// Where a sealed blob lies, if it is sealed.
    async fn sealed_blob(&self, blob: &str) -> Result<Option<SealedBlob>, StoreError>;

    /// The name of every pack recorded.
    async fn intake_packs(&self) -> Result<Vec<String>, StoreError>;
}

/// Packs kept in the database, where there is no object store: each pack's
/// bytes in rows of [`PACK_CHUNK`] bytes. Written before the seal's
/// transaction records the pack, so that transaction stays short; a pack no
/// record names is what a cut-off seal left, and the next seal deletes it.
#[async_trait]
pub trait PackChunks: Send + Sync {
    async fn put_pack_chunk(&self, pack: &str, seq: i64, data: &[u8]) -> Result<(), StoreError>;

    async fn pack_chunk(&self, pack: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError>;

    async fn delete_pack_chunks(&self, pack: &str) -> Result<(), StoreError>;

    /// Every pack that has chunk rows.
    async fn chunked_packs(&self) -> Result<Vec<String>, StoreError>;
}

/// Bytes of a pack in one row of [`PackChunks`].
pub const PACK_CHUNK: usize = 1024 * 1024;

/// The right to run a periodic job for the whole deployment, held until
/// it is dropped (see [`Jobs`]).
pub struct JobLock(#[allow(dead_code)] Box<dyn Send + Sync>);

impl std::fmt::Debug for JobLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JobLock")
    }
}

impl JobLock {
    pub(crate) fn new(held: impl Send + Sync + 'static) -> JobLock {
        JobLock(Box::new(held))
    }
}

/// Periodic jobs (the retention purge, later the seal and the archive's)
/// run once for the deployment however many servers share its database.
#[async_trait]
pub trait Jobs: Send + Sync {
    /// The right to run `job` now, or `None` while another server holds it.
    /// PostgreSQL: a session advisory lock, on a connection of its own that
    /// is closed (and the lock released) when the right is dropped or the
    /// server dies. SQLite: always given (one server writes a SQLite file).
    async fn job_lock(&self, job: Job) -> Result<Option<JobLock>, StoreError>;
}

/// The jobs that run once for a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Deleting rejected and spam submissions past their retention.
    IntakePurge,
    /// Moving the day's inbox into the database and the object store.
    IntakeSeal,
}

impl Job {
    /// Its advisory lock's key on PostgreSQL (beside the writers' lock).
    pub fn lock_key(self) -> i64 {
        match self {
            Job::IntakePurge => 0x696e_6665_726e_6f02,
            Job::IntakeSeal => 0x696e_6665_726e_6f03,
        }
    }
}

/// A whole deployment, moved between databases (`inferno copy`).
#[async_trait]
pub trait Transfer: Send + Sync {
    /// Copies every table but the sessions into `target`, from one moment
    /// of this database, all or nothing; refused
    /// ([`StoreError::NotEmpty`]) unless `target` holds no records.
    async fn copy_into(&self, target: &dyn Transfer) -> Result<copy::Copied, StoreError>;

    /// A transaction to copy into, once this database is known to hold no records.
    async fn receive(&self) -> Result<Box<dyn copy::RowSink>, StoreError>;
}

/// Everything that reads or writes Inferno's records. A change and its audit
/// entry are stored in one transaction, lent by [`Writing::begin`].
///
/// Several small traits, one per concern, so that code names what it uses
/// and a backend can be built and tested one concern at a time; a backend
/// implements each, and is a `Store` by that.
pub trait Store:
    Schema
    + CatalogStore
    + Records
    + AuditLog
    + Accounts
    + Sessions
    + Intake
    + Transfer
    + Writing
    + SecretChecks
    + Jobs
    + PackChunks
    + 'static
{
}

impl<T> Store for T where
    T: Schema
        + CatalogStore
        + Records
        + AuditLog
        + Accounts
        + Sessions
        + Intake
        + Transfer
        + Writing
        + SecretChecks
        + Jobs
        + PackChunks
        + 'static
{
}

/// Every storage trait, for code that calls them on a backend's own type
/// (`SqliteStore`) rather than on `dyn Store`.
pub mod prelude {
    pub use crate::{
        AccountRows, Accounts, AuditLog, CatalogStore, Intake, IntakeRows, Jobs, PackChunks, RecordRows, Records,
        Schema, SecretChecks, Sessions, Store, Transfer, Writer, Writing,
    };
}

pub use secrets::{
    KEY_FILE as AUDIT_KEY_FILE, ORIGIN as AUDIT_ORIGIN, Secret, SecretChecks, SecretProblem, load_or_create_secret,
};
/// The secrets kept beside the database, and how every node is held to one set.
pub mod secret {
    pub use crate::secrets::{audit_key_check, read, read_or_make, secret_check, settle, write_new};
}

#[cfg(test)]
mod tests {
    use super::AuditEvent;
    use inferno_domain::AuditAction;

    #[test]
    fn audit_events_are_bounded_whatever_a_caller_passes() {
        // What a sign-in with a 1 MB name made, twice over (actor and target).
        let name = "x".repeat(1_000_000);
        let e = AuditEvent::new(&name, AuditAction::LoginFailed, &format!("user/{name}"), name.clone());
        assert_eq!(e.actor().len(), AuditEvent::MAX_ACTOR);
        assert_eq!(e.action(), "login_failed");
        assert_eq!(e.target().len(), AuditEvent::MAX_TARGET);
        assert_eq!(e.detail().len(), AuditEvent::MAX_DETAIL);
        assert!(e.actor().ends_with("x…") && e.target().starts_with("user/xxx") && e.detail().ends_with('…'));
        let total = e.actor().len() + e.action().len() + e.target().len() + e.detail().len();
        assert!(total <= AuditEvent::MAX_BYTES);

        // Cut on a character boundary: 'є' is 2 bytes and 61 is odd, so the
        // cut falls inside one and steps back before it.
        let e = AuditEvent::new(&"є".repeat(100), AuditAction::LoginFailed, "user/є", "😀".repeat(1000));
        assert_eq!(e.actor(), format!("{}…", "є".repeat(30)));
        assert_eq!(e.detail(), format!("{}…", "😀".repeat(511)));
        assert!(e.detail().len() <= AuditEvent::MAX_DETAIL);

        // What fits is kept as it is, up to the exact bound.
        let exact = "a".repeat(AuditEvent::MAX_ACTOR);
        let e = AuditEvent::new(&exact, AuditAction::Login, "user/alice", "");
        assert_eq!((e.actor(), e.action(), e.target(), e.detail()), (exact.as_str(), "login", "user/alice", ""));
        let over = "a".repeat(AuditEvent::MAX_ACTOR + 1);
        assert_eq!(
            AuditEvent::new(&over, AuditAction::Login, "", "").actor(),
            format!("{}…", "a".repeat(AuditEvent::MAX_ACTOR - 3))
        );
    }
}
