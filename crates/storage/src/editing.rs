//! The one writing transaction that the back office's editing rules
//! (`inferno_services::editing`) decide in: each method reads or stores, and
//! none decides. The rules are written once, above every backend; a backend
//! implements these few steps.

use crate::{AuditEvent, ImportError, StoreError, Visibility};
use async_trait::async_trait;
use inferno_domain::PartialDate;
use inferno_domain::import::Batch;
use inferno_domain::{Kind, RevisionAction};

/// A revision to store, as a rule made it.
#[derive(Debug, Clone, Copy)]
pub struct NewRevision<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub actor: &'a str,
    /// What was done (see [`crate::Revision::action`]).
    pub action: RevisionAction,
    /// The record after the action, as its fields (`inferno_domain::import::snapshot`).
    pub snapshot: &'a serde_json::Value,
    pub published: bool,
    /// What readers are told.
    pub public_note: Option<&'a str>,
    /// A proposal: the record as proposed, and the note it would show readers.
    pub proposal: Option<(&'a serde_json::Value, Option<&'a str>)>,
}

/// The change that waits for review on a record.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingChange {
    /// The proposal's revision.
    pub revision: i64,
    pub actor: String,
    /// The record as proposed, as its fields.
    pub proposal: serde_json::Value,
}

/// A writing transaction on the records: writers take turns, so what one
/// reads here is what it writes over; dropped without [`RecordWriter::commit`],
/// it leaves nothing behind.
#[async_trait]
pub trait RecordWriter: Send {
    /// The stored record with `key` (drafts included): its fields and
    /// whether it is published.
    async fn find(&mut self, kind: Kind, key: &str) -> Result<Option<(serde_json::Value, bool)>, StoreError>;

    /// Whether the record has a revision yet (one that came from an import has none).
    async fn has_revisions(&mut self, kind: Kind, id: &str) -> Result<bool, StoreError>;

    /// Stores a revision; returns its id.
    async fn add_revision(&mut self, revision: &NewRevision<'_>) -> Result<i64, StoreError>;

    /// The change that waits for review on a record, if one does.
    async fn pending(&mut self, kind: Kind, id: &str) -> Result<Option<PendingChange>, StoreError>;

    /// Makes `revision` the change that waits on the record, in place of any other.
    async fn set_pending(&mut self, kind: Kind, id: &str, revision: i64) -> Result<(), StoreError>;

    /// Nothing waits on the record any more.
    async fn clear_pending(&mut self, kind: Kind, id: &str) -> Result<(), StoreError>;

    /// Upserts the one record of `batch` as an import does: records it names
    /// that are not stored come back as problems.
    async fn write(&mut self, batch: &Batch, today: PartialDate) -> Result<(), ImportError>;

    /// What [`RecordWriter::write`] would answer, with nothing written.
    async fn check(&mut self, batch: &Batch, today: PartialDate) -> Result<(), ImportError>;

    /// Publishes or withdraws a stored record.
    async fn set_visibility(&mut self, kind: Kind, id: &str, visibility: Visibility) -> Result<(), StoreError>;

    /// Appends an entry to the audit log (and signs a checkpoint), in this transaction.
    async fn append(&mut self, event: &AuditEvent) -> Result<u64, StoreError>;

    /// Counts a change to what the public sees: the pages are made again.
    async fn public_content_changed(&mut self) -> Result<(), StoreError>;

    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}
