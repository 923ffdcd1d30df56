//! The team's working notes on records — how a source was read, what is
//! still to check. A note is kept beside its record, never in it: the
//! catalog, and so every page, download and API answer, cannot carry one.

use crate::audited::commit_if;
use inferno_domain::{AuditAction, Kind, PartialDate, Problem};
use inferno_storage::{AuditEvent, StoreError, Writing};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 10_000;

#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error("there is no such record")]
    NoSuchRecord,
    /// What is wrong with the note as typed.
    #[error("the note {0}")]
    Invalid(Problem),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The note as it is kept: line ends made `\n`, trailing space dropped;
/// refused when too long or holding a control character.
pub fn checked(note: &str) -> Result<String, Problem> {
    let note = note.replace("\r\n", "\n");
    let note = note.trim_end();
    if note.chars().count() > MAX_NOTE {
        return Err(Problem::TooLong { max: MAX_NOTE });
    }
    if let Some(c) = note.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Problem::ControlCharacter { code_point: c as u32 });
    }
    Ok(note.to_owned())
}

/// Saves `actor`'s note on a record (an empty one removes it), with its
/// audit entry; the entry says that a note was saved, never its words.
/// Returns whether anything changed: saving the same words again records
/// nothing.
pub async fn save(store: &dyn Writing, kind: Kind, key: &str, note: &str, actor: &str) -> Result<bool, NoteError> {
    let note = checked(note).map_err(NoteError::Invalid)?;
    let mut w = store.begin().await?;
    if w.find(kind, key).await?.is_none() {
        return Err(NoteError::NoSuchRecord);
    }
    let changed = w.set_staff_note(kind, key, &note, actor, PartialDate::today()).await?;
    let detail = if note.is_empty() { "removed" } else { "saved" };
    let event = AuditEvent::new(actor, AuditAction::RecordNote, &format!("{}/{key}", kind.singular()), detail);
    Ok(commit_if(w, changed, &event).await?)
}
