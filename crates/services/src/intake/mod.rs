//! The intake vault's rules that are not requests: its limits and retention,
//! what the audit log says of what staff do with a submission, and the purge
//! of rejected and spam submissions that the server runs daily and `inferno
//! intake purge` runs on demand.
//!
//! What a source does is never in the audit log (its entries carry times,
//! and a source's time is not kept); what staff do is.

pub mod files;
mod prefill;
pub mod receipts;
mod receive;
pub mod seal;

pub use files::{FileMeta, PendingFile};
pub use prefill::{NoConsent, prefill};
pub use receipts::{PEPPER_FILE, ReceiptError, ReceiptKeys};
pub use receive::{ReceiveError, Received, Sent, follow_up, receive};
pub use seal::{SealError, Sealed, seal};

use crate::audited::commit_if;
use inferno_domain::intake::Answers;
use inferno_domain::{AuditAction, PartialDate};
use inferno_storage::{
    AuditEvent, AuditLog, IntakeChange, IntakeChanged, IntakeVault, KeyGrant, MessageAuthor, StoreError,
    SubmissionRecord,
};
use inferno_vault::{ReaderKey, SubmissionKey};
use std::path::PathBuf;

/// Limits and retention of the intake vault.
#[derive(Debug, Clone)]
pub struct IntakeSettings {
    /// Where the blob store and the pepper live (the data directory).
    pub data_dir: PathBuf,
    /// Bytes of files one submission (or one follow-up) may carry.
    pub max_submission: u64,
    /// Bytes one file may have.
    pub max_file: u64,
    /// Files one submission may carry.
    pub max_files: usize,
    /// Submissions an hour from one client (address, or form token behind a
    /// trusted proxy). There is no cap for everyone together: a flood must not
    /// close the door; the disk is protected by `min_free_disk` instead.
    pub per_client_per_hour: u32,
    /// Uploads in flight at once from one client, and from everyone.
    pub uploads_per_client: usize,
    pub uploads_in_flight: usize,
    /// Bytes of free disk an upload must leave; below it, uploads wait
    /// (with a message saying so) while text-only messages still go through.
    pub min_free_disk: u64,
    /// Receipt checks (and follow-ups) an hour from one client. There is no
    /// count for everyone together: a stranger could spend it (review 3, N3),
    /// and 10^16 receipts behind a 19 MiB derivation, two at a time, need none.
    pub receipt_checks_per_client_per_hour: u32,
    /// Peers whose address is every visitor's (Tor, a reverse proxy).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Rejected and spam submissions are deleted this many days after their status was set.
    pub retention_days: u32,
}

impl Default for IntakeSettings {
    fn default() -> Self {
        IntakeSettings {
            data_dir: PathBuf::from("inferno-data"),
            max_submission: 500 * 1024 * 1024,
            max_file: 500 * 1024 * 1024,
            max_files: 30,
            per_client_per_hour: 5,
            uploads_per_client: 2,
            uploads_in_flight: 16,
            min_free_disk: 1024 * 1024 * 1024,
            receipt_checks_per_client_per_hour: 20,
            trusted_proxies: Vec::new(),
            retention_days: 30,
        }
    }
}

/// What the audit log says of a staff change to a submission.
fn change_event(actor: &str, id: &str, changed: &IntakeChanged) -> AuditEvent {
    let (action, detail) = match changed {
        IntakeChanged::Status { from, to } => (AuditAction::IntakeStatus, format!("{from} -> {}", to.code())),
        IntakeChanged::Assigned { to } => {
            (AuditAction::IntakeAssign, to.as_ref().map_or_else(|| "nobody".into(), |n| format!("to {n}")))
        }
        IntakeChanged::Message(MessageAuthor::Reply) => (AuditAction::IntakeReply, String::new()),
        IntakeChanged::Message(_) => (AuditAction::IntakeNote, String::new()),
        IntakeChanged::PublicCopy { file, from } => {
            (AuditAction::IntakePublicCopy, format!("file {file} from {}", from.as_deref().unwrap_or("?")))
        }
        IntakeChanged::Linked { kind, id } => (AuditAction::IntakeLink, format!("{kind}/{id}")),
    };
    AuditEvent::new(actor, action, &format!("intake/{id}"), detail)
}

/// What a staff member read of a submission: each reading is recorded, and
/// a reading that cannot be recorded does not happen.
#[derive(Debug, Clone, Copy)]
pub enum Reading<'a> {
    /// Its page, answers and messages.
    Page,
    /// One of its files, named by id and content hash.
    File { id: &'a str, sha256: &'a str },
    /// The sender's words, beside a draft record of `kind` made from it.
    Draft(inferno_domain::Kind),
}

/// Records that `reader` read submission `id`.
pub async fn record_reading(
    store: &dyn AuditLog,
    reader: &str,
    id: &str,
    reading: Reading<'_>,
) -> Result<(), StoreError> {
    let (action, detail) = match reading {
        Reading::Page => (AuditAction::IntakeView, String::new()),
        Reading::File { id: file, sha256 } => (AuditAction::IntakeDownload, format!("file {file} sha256 {sha256}")),
        Reading::Draft(kind) => (AuditAction::IntakeView, format!("draft {}", kind.name())),
    };
    store.record(&AuditEvent::new(reader, action, &format!("intake/{id}"), detail)).await.map(drop)
}

/// A submission opened with its reader's key.
pub struct Opened {
    pub record: SubmissionRecord,
    pub key: SubmissionKey,
}

impl Opened {
    /// What the sender answered; empty answers if they cannot be read.
    pub fn answers(&self) -> Answers {
        inferno_vault::decrypt(&self.key, &self.record.answers)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// A reply (readable by the source, with the key their receipt gives,
    /// and by the team) or a note (the team's only), sealed.
    pub fn message(&self, author: MessageAuthor, text: &str) -> Result<IntakeChange, Closed> {
        let team = self.record.public_key.as_str();
        let recipients = match author {
            MessageAuthor::Reply => vec![self.record.source_key.as_str(), team],
            _ => vec![team],
        };
        let body = inferno_vault::encrypt(&recipients, text.as_bytes()).map_err(|_| Closed::Vault)?;
        Ok(IntakeChange::Message { author, body })
    }
}

/// Why a reader cannot open a submission.
#[derive(Debug, thiserror::Error)]
pub enum Closed {
    #[error("no such submission")]
    NotFound,
    /// The reader's key is not in memory (the server restarted): sign in again.
    #[error("the reader's key is locked")]
    Locked,
    /// Not sealed to this reader yet.
    #[error("not shared with this reader")]
    NotShared,
    /// Sealing failed on our side.
    #[error("sealing failed")]
    Vault,
    /// The database could not be read, or the reading could not be recorded.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Submission `id` opened for `reader` (a user id) with their key, if it was
/// unlocked at sign-in and the submission is sealed to it.
pub async fn open(vault: &IntakeVault, reader: i64, key: Option<&ReaderKey>, id: &str) -> Result<Opened, Closed> {
    let record = vault.submission(id, reader).await?.ok_or(Closed::NotFound)?;
    let key = key.ok_or(Closed::Locked)?;
    let sealed = record.sealed_key.as_deref().ok_or(Closed::NotShared)?;
    let key = SubmissionKey::open(sealed, key).map_err(|_| Closed::NotShared)?;
    Ok(Opened { record, key })
}

/// A staff change to a submission (status, assignee, a reply or note, a
/// public copy of a file, a link to a record), audited; false when the
/// submission does not exist or nothing changed.
pub async fn change(vault: &IntakeVault, id: &str, change: &IntakeChange, actor: &str) -> Result<bool, StoreError> {
    change_all(vault, id, std::slice::from_ref(change), actor).await
}

/// Several staff changes to a submission from one form (its status and its
/// assignee), in one transaction, each with its audit entry; false when
/// the submission does not exist or `changes` is empty.
///
/// A submission that still waits in the inbox is first moved into the
/// database on its own (see `IntakeVault::settle`): the change and its
/// entry are then one transaction of the database, as every change is.
pub async fn change_all(
    vault: &IntakeVault,
    id: &str,
    changes: &[IntakeChange],
    actor: &str,
) -> Result<bool, StoreError> {
    vault.settle(id).await?;
    let mut w = vault.store().begin().await?;
    let mut events = Vec::new();
    for change in changes {
        let Some(changed) = w.change_submission(id, change, actor, PartialDate::today()).await? else {
            return Ok(false);
        };
        events.push(change_event(actor, id, &changed));
    }
    for event in &events {
        w.append(event).await?;
    }
    if events.is_empty() {
        return Ok(false);
    }
    w.commit().await?;
    Ok(true)
}

/// A public copy of one of the source's images (see [`files::public_copy`]),
/// stored and audited; the copy is deleted again if it cannot be stored.
pub async fn add_public_copy(vault: &IntakeVault, opened: &Opened, file: &str, actor: &str) -> Result<bool, CopyError> {
    let copy = files::public_copy(opened, file, vault).await?;
    let blob = copy.blob.clone();
    let changed = change(vault, &opened.record.summary.id, &IntakeChange::File(copy), actor).await;
    if changed.is_err() {
        files::forget_blobs(&[blob], vault).await;
    }
    Ok(changed?)
}

/// Why a public copy was not made.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error(transparent)]
    File(#[from] files::FileError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Stores submission keys sealed by `actor` to readers who lacked them.
pub async fn share_keys(vault: &IntakeVault, grants: &[KeyGrant], actor: &str) -> Result<(), StoreError> {
    if grants.is_empty() {
        return Ok(());
    }
    // A submission that waits in the inbox moves into the database first,
    // as for every staff change (see `change_all`).
    let ids: std::collections::BTreeSet<&str> = grants.iter().map(|g| g.submission_id.as_str()).collect();
    for id in ids {
        vault.settle(id).await?;
    }
    let store = vault.store();
    let detail = format!("{} submission keys sealed to other readers", grants.len());
    let mut w = store.begin().await?;
    w.add_keys(grants).await?;
    commit_if(w, true, &AuditEvent::new(actor, AuditAction::IntakeKeysShared, "intake", detail)).await.map(drop)
}

/// Removes the inbox's blobs that no stored row names: what an upload cut
/// off by a crash left behind, never acknowledged to its source, and so
/// nobody's to keep. Only the intake node's own inbox: never another's upload.
pub async fn sweep(vault: &IntakeVault) -> Result<usize, StoreError> {
    vault.sweep().await
}

/// Deletes rejected and spam submissions whose status was set more than
/// `retention_days` ago, then their blobs; returns how many. Shared by the
/// daily job and `inferno intake purge`.
pub async fn purge(vault: &IntakeVault, retention_days: u32, actor: &str) -> Result<usize, StoreError> {
    let store = vault.store();
    let days = inferno_domain::date::unix_seconds().div_euclid(86_400) - i64::from(retention_days);
    let before = PartialDate::from_days_since_epoch(days);
    let mut w = store.begin().await?;
    let purged = w.purge_submissions(before).await?;
    let ids = purged.submissions.join(", ");
    let detail = format!("rejected or spam before {before}: {ids}");
    let event = AuditEvent::new(actor, AuditAction::IntakePurge, "intake", detail);
    commit_if(w, !purged.submissions.is_empty(), &event).await?;
    vault.delete_blobs(&purged.blobs).await?;
    Ok(purged.submissions.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use inferno_domain::IntakeStatus;

    #[test]
    fn each_change_is_worded_for_the_audit_log() {
        let cases = [
            (IntakeChanged::Status { from: "new".into(), to: IntakeStatus::Spam }, "intake_status", "new -> spam"),
            (IntakeChanged::Assigned { to: Some("olena".into()) }, "intake_assign", "to olena"),
            (IntakeChanged::Assigned { to: None }, "intake_assign", "nobody"),
            (IntakeChanged::Message(MessageAuthor::Reply), "intake_reply", ""),
            (IntakeChanged::Message(MessageAuthor::Note), "intake_note", ""),
            (
                IntakeChanged::PublicCopy { file: "f2".into(), from: Some("f1".into()) },
                "intake_public_copy",
                "file f2 from f1",
            ),
            (IntakeChanged::Linked { kind: "testimonies".into(), id: "t-1".into() }, "intake_link", "testimonies/t-1"),
        ];
        for (changed, action, detail) in cases {
            let e = change_event("ivan", "s-1", &changed);
            assert_eq!(
                (e.actor(), e.action(), e.target(), e.detail()),
                ("ivan", action, "intake/s-1", detail),
                "{changed:?}"
            );
        }
    }
}
