//! Receiving what a source sends: a submission or contact message, and a
//! follow-up from the receipt page. Nothing is stored in plain text, nothing
//! tells who sent it or when finer than the day, and a receipt is shown only
//! once everything it stands for is durable.

use super::files::{self, FileError, PendingFile};
use super::receipts::{ReceiptError, ReceiptKeys};
use inferno_domain::intake::{Answers, IntakeKind};
use inferno_storage::{IntakeVault, NewSubmission, Reader, StoreError};
use inferno_vault::{Receipt, SubmissionKey};

/// What a source sends with a form, read and checked.
pub struct Sent<'a> {
    pub kind: IntakeKind,
    /// The submission's own key: its files were sealed to it as they arrived.
    pub key: &'a SubmissionKey,
    pub answers: &'a Answers,
    pub files: Vec<PendingFile>,
    /// `YYYY-MM-DD`: the finest time the vault records.
    pub day: &'a str,
}

/// A submission kept: the receipt to show the source (grouped in fours), and
/// how many files came with it.
#[derive(Debug)]
pub struct Received {
    pub receipt: String,
    pub files: usize,
}

/// Why what a source sent was not kept. Nothing of it stays.
#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    /// Every receipt derivation is taken: send again in a moment.
    #[error("receipt derivations are busy")]
    Busy,
    /// Encrypting or writing failed on our side.
    #[error("sealing or writing failed")]
    Vault,
    /// The database did not answer; the source can send the same again.
    #[error("the database did not take it: {0}")]
    Store(#[from] StoreError),
    /// The submission a follow-up answers is gone (purged since the check).
    #[error("no such submission")]
    Gone,
}

impl From<ReceiptError> for ReceiveError {
    fn from(e: ReceiptError) -> Self {
        match e {
            ReceiptError::Busy => ReceiveError::Busy,
            ReceiptError::Vault(_) => ReceiveError::Vault,
            ReceiptError::Store(e) => ReceiveError::Store(e),
        }
    }
}

impl From<FileError> for ReceiveError {
    fn from(_: FileError) -> Self {
        ReceiveError::Vault
    }
}

/// Keeps a submission: seals its answers to its key and that key to every
/// reader, derives a new receipt's keys, makes the files durable, then stores
/// the rows in one transaction of the inbox (never the shared database: the
/// day's seal moves them there). On any failure the files are deleted.
pub async fn receive(
    vault: &IntakeVault,
    receipts: &ReceiptKeys,
    readers: &[Reader],
    sent: Sent<'_>,
) -> Result<Received, ReceiveError> {
    let receipt = Receipt::generate();
    let grouped = receipt.grouped();
    let sealed = match seal(sent.key, readers, sent.answers) {
        Ok(sealed) => receipts.derive(receipt).await.map(|d| (sealed, d)).map_err(ReceiveError::from),
        Err(e) => Err(e),
    };
    let (sealed, (lookup, source_key)) = match sealed {
        Ok(v) => v,
        Err(e) => {
            files::discard(sent.files, vault).await;
            return Err(e);
        }
    };
    let files = files::commit(sent.files, vault).await?;
    let submission = NewSubmission {
        id: submission_id(),
        kind: sent.kind,
        received_on: sent.day.to_owned(),
        receipt_lookup: lookup,
        public_key: sent.key.public(),
        source_key: source_key.public(),
        answers: sealed.answers,
        sealed: sealed.keys,
        files,
    };
    if let Err(e) = vault.create_submission(&submission).await {
        files::forget(&submission.files, vault).await;
        return Err(e.into());
    }
    Ok(Received { receipt: grouped, files: submission.files.len() })
}

struct Sealed {
    answers: Vec<u8>,
    keys: Vec<(i64, Vec<u8>)>,
}

fn seal(key: &SubmissionKey, readers: &[Reader], answers: &Answers) -> Result<Sealed, ReceiveError> {
    let json = serde_json::to_vec(answers).map_err(|_| ReceiveError::Vault)?;
    let answers = inferno_vault::encrypt(&[&key.public()], &json).map_err(|_| ReceiveError::Vault)?;
    let keys = readers
        .iter()
        .map(|r| Ok((r.user_id, key.seal_to(&r.public).map_err(|_| ReceiveError::Vault)?)))
        .collect::<Result<_, ReceiveError>>()?;
    Ok(Sealed { answers, keys })
}

/// A source's follow-up to submission `id` (whose key is `public_key`): a
/// message, files (already sealed to that key), or both. Returns how many
/// files were kept; on failure none is.
pub async fn follow_up(
    vault: &IntakeVault,
    id: &str,
    public_key: &str,
    text: &str,
    files: Vec<PendingFile>,
    day: &str,
) -> Result<usize, ReceiveError> {
    let body = if text.is_empty() {
        None
    } else {
        match inferno_vault::encrypt(&[public_key], text.as_bytes()) {
            Ok(b) => Some(b),
            Err(_) => {
                files::discard(files, vault).await;
                return Err(ReceiveError::Vault);
            }
        }
    };
    let files = files::commit(files, vault).await?;
    let refused = match vault.add_follow_up(id, body.as_deref(), &files, day).await {
        Ok(true) => return Ok(files.len()),
        Ok(false) => ReceiveError::Gone,
        Err(e) => e.into(),
    };
    files::forget(&files, vault).await;
    Err(refused)
}

/// A submission's id: random, so that ids do not tell how many came or in
/// which order; each character uniform over the alphabet (bytes at or above
/// the largest multiple of its size are drawn again).
fn submission_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let bound = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
    let mut id = String::with_capacity(10);
    while id.len() < 10 {
        for b in inferno_vault::random_bytes::<16>() {
            if b < bound && id.len() < 10 {
                id.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    id
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_random_and_plain() {
        let a = super::submission_id();
        assert_eq!(a.len(), 10);
        assert_ne!(a, super::submission_id());
        assert!(a.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }
}
