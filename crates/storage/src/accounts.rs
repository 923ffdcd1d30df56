//! Staff accounts and sessions, as storage sees them.

use crate::StoreError;
use async_trait::async_trait;
use inferno_domain::{RevisionAction, Role};

/// The steps of a [`crate::Writer`] on staff accounts. Each answers false
/// when there is no such account, or (a reader key) nothing was changed.
#[async_trait]
pub trait AccountRows: Send {
    /// Creates a staff account; `Conflict` if the name is taken.
    async fn create_user(&mut self, user: &NewUser) -> Result<(), StoreError>;

    /// Disables or re-enables an account; disabling ends its sessions.
    async fn set_user_disabled(&mut self, name: &str, disabled: bool) -> Result<bool, StoreError>;

    /// Replaces an account's TOTP secret and ends its sessions.
    async fn set_totp_secret(&mut self, name: &str, secret: &str) -> Result<bool, StoreError>;

    /// Replaces an account's password hash (and its reader key, rewrapped
    /// under the new password) and ends all its sessions.
    async fn set_password(
        &mut self,
        name: &str,
        password_hash: &str,
        reader_key: Option<&[u8]>,
    ) -> Result<bool, StoreError>;

    /// Gives an account its reader key pair, once; false if it has one.
    async fn set_reader_key(&mut self, user_id: i64, public: &str, wrapped: &[u8]) -> Result<bool, StoreError>;
}

/// A staff account. The password hash and TOTP secret never leave the server.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    /// Base32.
    pub totp_secret: String,
    pub totp_last_step: u64,
    pub disabled: bool,
    pub created_at: i64,
    pub password_changed_at: i64,
    /// The public half of the account's reader key (`age1…`), once it has one.
    pub reader_public: Option<String>,
    /// The private half, wrapped under the password (see `inferno_vault::ReaderKey`).
    pub reader_key: Option<Vec<u8>>,
}

impl std::fmt::Debug for User {
    /// Leaves the secrets out, so that logging a user cannot leak them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// What creating an account needs (the password already hashed).
#[derive(Clone)]
pub struct NewUser {
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub totp_secret: String,
    /// The reader key pair: public key, and private key wrapped under the password.
    pub reader_key: Option<(String, Vec<u8>)>,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The reader key sealed to this session (`ReaderKey::seal_to_session`), once unlocked.
    pub reader_key_sealed: Option<Vec<u8>>,
}

/// What a save of one record from the back office is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveMode {
    /// A new record (`Conflict` if its id is taken).
    Create,
    /// A change to a stored record.
    Update,
    /// A stored record put back as one of its revisions was.
    Revert,
}

impl SaveMode {
    /// How its revision names it in the record's history.
    pub fn action(self) -> RevisionAction {
        match self {
            SaveMode::Create => RevisionAction::Create,
            SaveMode::Update => RevisionAction::Update,
            SaveMode::Revert => RevisionAction::Revert,
        }
    }
}

/// Who saves a record, and whether they may publish: what decides whether
/// their change goes live or waits for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Editor<'a> {
    pub name: &'a str,
    pub may_publish: bool,
}

/// A reviewer's decision on a change that waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Publish it.
    Approve,
    /// Drop it; the live record stays as it is.
    Discard,
}

/// A record shown to readers, or taken back from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Published,
    Withdrawn,
}

/// A revision with the record it is of.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRevision {
    pub kind: inferno_domain::Kind,
    /// The record's key (a finding's is `source~site`).
    pub id: String,
    pub revision: Revision,
}

/// One version of a record edited in the back office.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: i64,
    pub actor: String,
    /// Unix seconds, UTC.
    pub time: i64,
    /// `create`, `update`, `revert`, `publish`, `unpublish`; `propose` (a
    /// change that waits for review), `approve` and `discard` (its outcome).
    pub action: String,
    pub published: bool,
    pub public_note: Option<String>,
    /// The whole record after the action: for a proposal, the live record,
    /// which a proposal leaves as it was.
    pub snapshot: serde_json::Value,
    /// A proposal's record as its author wants it to be.
    pub proposal: Option<serde_json::Value>,
    /// The note a proposal would show readers once approved.
    pub proposed_note: Option<String>,
    /// This is the proposal that waits for review on its record now.
    pub pending: bool,
}

/// What a save did to the record readers see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Nothing differed from what is stored (or from what already waits).
    Unchanged,
    /// The stored record changed (a draft, or a change its author may publish).
    Applied,
    /// The change waits for a reviewer; the published record is as it was.
    Pending,
}

/// A record's latest revision (see `Records::latest_revisions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestRevision {
    /// What was done, a [`inferno_domain::RevisionAction`] code.
    pub action: String,
    /// Unix seconds, UTC.
    pub time: i64,
    /// A proposed change to the record waits for a reviewer.
    pub change_waits: bool,
}

/// How many records of a kind there are (see `Records::record_counts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordCounts {
    pub kind: inferno_domain::Kind,
    pub all: u64,
    /// Not public: drafts, and withdrawn records.
    pub unpublished: u64,
    /// Proposed changes to public records, waiting for a reviewer.
    pub changes: u64,
}

/// A record that waits for a reviewer: a proposed change to a published
/// record, or a record of any kind not public and not withdrawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The singular kind, as in revisions: `news`, `source`, …
    pub kind: String,
    pub id: String,
    /// Who proposed the change, or last saved the new record.
    pub actor: String,
    /// Unix seconds, UTC.
    pub time: i64,
    /// A new record (not yet public) rather than a change to a public one.
    pub new: bool,
}
