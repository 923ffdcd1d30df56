//! The steps on the records that a [`crate::Writer`] lends the rules of
//! `inferno_services` (imports, and the back office's editing): each method
//! reads or stores, and none decides. The rules are written once, above
//! every backend; a backend implements these few steps.

use crate::{ImportError, ImportReport, StoreError, Visibility};
use async_trait::async_trait;
use inferno_domain::PartialDate;
use inferno_domain::import::Batch;
use inferno_domain::{FaqEntry, Kind, Page, RevisionAction};

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

/// The steps of a [`crate::Writer`] on the records: imports, and the back
/// office's edits, review and publishing.
#[async_trait]
pub trait RecordRows: Send {
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

    /// Sets the team's note on a record (an empty note removes it); whether
    /// anything changed.
    async fn set_staff_note(
        &mut self,
        kind: Kind,
        id: &str,
        note: &str,
        actor: &str,
        today: PartialDate,
    ) -> Result<bool, StoreError>;

    /// Upserts a validated batch by id, as an import does: records it names
    /// that are not stored (a finding's site) come back as problems, with the
    /// batch's line numbers (the rule of what names what is
    /// `Batch::references`). `today` stamps changed rows.
    async fn write(&mut self, batch: &Batch, today: PartialDate) -> Result<ImportReport, ImportError>;

    /// Upserts FAQ entries and pages by id.
    async fn write_editorial(&mut self, faq: &[FaqEntry], pages: &[Page], today: PartialDate)
    -> Result<(), StoreError>;

    /// What [`RecordRows::write`] would answer, with nothing written.
    async fn check(&mut self, batch: &Batch, today: PartialDate) -> Result<(), ImportError>;

    /// Publishes or withdraws a stored record.
    async fn set_visibility(&mut self, kind: Kind, id: &str, visibility: Visibility) -> Result<(), StoreError>;
}
