//! Records edited in the back office: drafts, revisions, publishing, review,
//! and the public corrections they leave. One code path for every kind of
//! record: a record is handled as its (column, value) fields, validated by the
//! importer.
//!
//! Four eyes on what the public sees: whoever may not publish (an editor)
//! cannot change what readers see. Their change to a published record is kept
//! as a proposal that waits for review while the live row stays as it was, and
//! their new records are drafts. A reviewer publishes or discards the proposal.
//!
//! Each rule decides inside one writing transaction of the store
//! ([`Writer`]): what it read is what it writes over, and a refusal
//! leaves nothing behind.

use inferno_domain::import::{Batch, changed_fields, from_snapshot, key_of, snapshot};
use inferno_domain::{AuditAction, Kind, RevisionAction, RowError};
use inferno_domain::{PartialDate, Problem};
use inferno_storage::{
    AuditEvent, Editor, ImportError, NewRevision, SaveMode, Saved, StoreError, Verdict, Visibility, Writer, Writing,
};
use serde_json::Value;

fn rows_conflict(errors: &[RowError]) -> StoreError {
    StoreError::Conflict(Problem::NoLongerValid { problems: errors.to_vec() })
}

/// A note readers would see, if it says anything.
fn non_empty(note: Option<&str>) -> Option<&str> {
    note.map(str::trim).filter(|n| !n.is_empty())
}

/// Stores `revision` with its audit entry (`site_update`, `source_publish`,
/// …, saying `detail`), and returns its id. A note that says nothing is no
/// note. A proposal and a discarded one leave the public pages as they are,
/// as does anything done to a record that is not public before or after;
/// only the other actions make them rebuild.
async fn revision(w: &mut dyn Writer, revision: NewRevision<'_>, detail: String) -> Result<i64, StoreError> {
    let revision = NewRevision {
        public_note: non_empty(revision.public_note),
        proposal: revision.proposal.map(|(p, note)| (p, non_empty(note))),
        ..revision
    };
    let id = w.add_revision(&revision).await?;
    let action = AuditAction::Revision(revision.kind, revision.action);
    let target = format!("{}/{}", revision.kind.singular(), revision.id);
    w.append(&AuditEvent::new(revision.actor, action, &target, detail)).await?;
    // What is not public before or after (a draft made, edited or restored)
    // changes no page either: the catalog is not read again for it.
    let public = revision.published || revision.action == RevisionAction::Unpublish;
    if revision.action.changes_public_pages() && public {
        w.public_content_changed().await?;
    }
    Ok(id)
}

/// A record that came from an import has no revision yet: keep the version
/// it had before its first edit, so that the edit shows as a change and can
/// be undone.
async fn keep_imported(
    w: &mut dyn Writer,
    kind: Kind,
    id: &str,
    snapshot: &Value,
    published: bool,
) -> Result<(), StoreError> {
    if w.has_revisions(kind, id).await? {
        return Ok(());
    }
    let imported = NewRevision {
        kind,
        id,
        actor: "import",
        action: RevisionAction::Import,
        snapshot,
        published,
        public_note: None,
        proposal: None,
    };
    w.add_revision(&imported).await.map(drop)
}

/// Creates or changes the one record in `batch`, as `mode` says, keeping a
/// revision; `public_note` tells readers what changed when the record is
/// published. New records of most kinds are drafts (see
/// [`Kind::drafts_for_everyone`]). A change to a published record by someone who
/// may not publish is proposed instead (see [`propose`]). Records it names
/// that do not exist come back as problems, as from an import.
pub async fn save(
    store: &dyn Writing,
    batch: &Batch,
    mode: SaveMode,
    who: Editor<'_>,
    public_note: Option<&str>,
) -> Result<Saved, ImportError> {
    let kind = batch.kind();
    let Some(id) = key_of(batch, 0) else { return Ok(Saved::Unchanged) };
    let create = mode == SaveMode::Create;
    let mut w = store.begin().await?;
    let before = w.find(kind, &id).await?;
    let published = match (&before, create) {
        (Some(_), true) => return Err(StoreError::Conflict(Problem::AlreadyExists { kind, id }).into()),
        (None, false) => return Err(StoreError::Conflict(Problem::NoSuchRecord { kind, id }).into()),
        (Some((_, published)), false) => *published,
        (None, true) => who.may_publish && !kind.drafts_for_everyone(),
    };
    let after = snapshot(batch, 0);
    if let (Some((live, true)), false) = (&before, who.may_publish) {
        let saved = propose(w.as_mut(), batch, live, &after, who.name, public_note).await?;
        w.commit().await?;
        return Ok(saved);
    }
    let fields = before.as_ref().map(|(b, _)| changed_fields(b, &after)).unwrap_or_default();
    if !create && fields.is_empty() {
        return Ok(Saved::Unchanged);
    }
    if let Some((snapshot, published)) = &before {
        keep_imported(w.as_mut(), kind, &id, snapshot, *published).await?;
    }
    w.write(batch, PartialDate::today()).await?;
    if create && !published {
        w.set_visibility(kind, &id, Visibility::Withdrawn).await?;
    }
    let detail = if !create {
        format!("changed: {}", fields.join(", "))
    } else if published {
        "published".to_owned()
    } else {
        "draft".to_owned()
    };
    // Readers are told of changes to what they can see, not to drafts.
    let note = if published && !create { public_note } else { None };
    let change = NewRevision {
        kind,
        id: &id,
        actor: who.name,
        action: mode.action(),
        snapshot: &after,
        published,
        public_note: note,
        proposal: None,
    };
    revision(w.as_mut(), change, detail).await?;
    w.commit().await?;
    Ok(Saved::Applied)
}

/// Keeps an editor's change to a published record as a proposal that waits
/// for review, replacing the one that waited before (the editor's form showed
/// that one, so the new proposal builds on it). The record is checked as an
/// import would check it, and not written: the live row stays exactly as it
/// was.
async fn propose(
    w: &mut dyn Writer,
    batch: &Batch,
    live: &Value,
    after: &Value,
    actor: &str,
    public_note: Option<&str>,
) -> Result<Saved, ImportError> {
    let kind = batch.kind();
    let id = key_of(batch, 0).unwrap_or_default();
    let waiting = w.pending(kind, &id).await?;
    let base = waiting.as_ref().map_or(live, |p| &p.proposal);
    if changed_fields(base, after).is_empty() {
        return Ok(Saved::Unchanged);
    }
    keep_imported(w, kind, &id, live, true).await?;
    let fields = changed_fields(live, after);
    if fields.is_empty() {
        // The author put the record back as it is published: nothing is left
        // to review.
        if let Some(waiting) = waiting {
            w.clear_pending(kind, &id).await?;
            let change = NewRevision {
                kind,
                id: &id,
                actor,
                action: RevisionAction::Discard,
                snapshot: live,
                published: true,
                public_note: None,
                proposal: None,
            };
            revision(w, change, format!("proposal {} by {} taken back", waiting.revision, waiting.actor)).await?;
        }
        return Ok(Saved::Unchanged);
    }
    w.check(batch, PartialDate::today()).await?;
    let change = NewRevision {
        kind,
        id: &id,
        actor,
        action: RevisionAction::Propose,
        snapshot: live,
        published: true,
        public_note: None,
        proposal: Some((after, public_note)),
    };
    let revision = revision(w, change, format!("waits for review; changed: {}", fields.join(", "))).await?;
    w.set_pending(kind, &id, revision).await?;
    Ok(Saved::Pending)
}

/// Publishes (`Verdict::Approve`) or discards the change that waits on a
/// record, with `public_note` as the correction readers see. Only the
/// proposal the reviewer saw (`revision`) is acted on: if another has
/// replaced it since, nothing happens (`Conflict`). Returns false when no
/// change waits.
pub async fn review(
    store: &dyn Writing,
    kind: Kind,
    id: &str,
    revision_id: i64,
    verdict: Verdict,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let mut w = store.begin().await?;
    let Some(waiting) = w.pending(kind, id).await? else { return Ok(false) };
    if waiting.revision != revision_id {
        return Err(StoreError::Conflict(Problem::ChangeReplaced { kind, id: id.to_owned() }));
    }
    let Some((live, published)) = w.find(kind, id).await? else { return Ok(false) };
    w.clear_pending(kind, id).await?;
    let by = format!("proposal {} by {}", waiting.revision, waiting.actor);
    if verdict == Verdict::Approve {
        let batch = from_snapshot(kind, &waiting.proposal).map_err(|errors| rows_conflict(&errors))?;
        if key_of(&batch, 0).as_deref() != Some(id) {
            return Err(StoreError::Conflict(Problem::ChangeNotOfRecord { id: id.to_owned() }));
        }
        w.write(&batch, PartialDate::today()).await.map_err(|e| match e {
            ImportError::Rows(errors) => rows_conflict(&errors),
            ImportError::Store(e) => e,
        })?;
        let after = snapshot(&batch, 0);
        let fields = changed_fields(&live, &after);
        let change = NewRevision {
            kind,
            id,
            actor,
            action: RevisionAction::Approve,
            snapshot: &after,
            published,
            // A withdrawn record has no readers to tell.
            public_note: public_note.filter(|_| published),
            proposal: None,
        };
        revision(w.as_mut(), change, format!("{by}; changed: {}", fields.join(", "))).await?;
    } else {
        let change = NewRevision {
            kind,
            id,
            actor,
            action: RevisionAction::Discard,
            snapshot: &live,
            published,
            public_note: None,
            proposal: None,
        };
        revision(w.as_mut(), change, by).await?;
    }
    w.commit().await?;
    Ok(true)
}

/// Publishes or withdraws a record (withdrawing tells readers why, in
/// `public_note`). Returns false when there is no such record or nothing
/// changes.
pub async fn set_published(
    store: &dyn Writing,
    kind: Kind,
    id: &str,
    visibility: Visibility,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let published = visibility == Visibility::Published;
    let mut w = store.begin().await?;
    let Some((snapshot, was)) = w.find(kind, id).await? else { return Ok(false) };
    if was == published {
        return Ok(false);
    }
    w.set_visibility(kind, id, visibility).await?;
    let (action, note) =
        if published { (RevisionAction::Publish, None) } else { (RevisionAction::Unpublish, public_note) };
    let change =
        NewRevision { kind, id, actor, action, snapshot: &snapshot, published, public_note: note, proposal: None };
    revision(w.as_mut(), change, String::new()).await?;
    w.commit().await?;
    Ok(true)
}
