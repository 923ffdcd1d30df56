//! The intake vault as storage sees it: rows of ciphertext with the little
//! that must stay in clear to run a queue (status, day received, assignment).
//! Everything a source wrote is an age file the storage layer cannot read.

use crate::StoreError;
use async_trait::async_trait;
use inferno_domain::intake::IntakeKind;
use inferno_domain::{IntakeStatus, PartialDate};

/// The steps of a [`crate::Writer`] on the intake vault: what staff do. A
/// writer that took one of them tells the backend when it commits, so that
/// nothing of the moment stays where a source's time could be read.
#[async_trait]
pub trait IntakeRows: Send {
    /// A staff change to a submission: what it changed, or `None` when the
    /// submission does not exist or nothing changed.
    async fn change_submission(
        &mut self,
        id: &str,
        change: &IntakeChange,
        actor: &str,
        today: PartialDate,
    ) -> Result<Option<IntakeChanged>, StoreError>;

    /// Stores submission keys sealed to other readers.
    async fn add_keys(&mut self, grants: &[KeyGrant]) -> Result<(), StoreError>;

    /// Deletes rejected and spam submissions whose status was set on or
    /// before `before`; returns what it deleted.
    async fn purge_submissions(&mut self, before: PartialDate) -> Result<Purged, StoreError>;

    /// Stores what waited in the intake node's inbox: the submissions
    /// first, then the follow-ups, in the order given. A follow-up whose
    /// submission is gone (purged since) is left out; returns how many were.
    async fn move_in(&mut self, moved: &Moved) -> Result<usize, StoreError>;

    /// Records a seal by its batch id; false when that batch is recorded
    /// already (a seal that committed and was cut off before it emptied the inbox).
    async fn record_seal(&mut self, seal: &SealRecord) -> Result<bool, StoreError>;

    /// Records a pack and where each of its blobs lies in it.
    async fn record_pack(&mut self, pack: &PackRecord, blobs: &[SealedBlob]) -> Result<(), StoreError>;
}

/// A source's follow-up to a submission: a message, files, or both.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub submission_id: String,
    /// Encrypted text.
    pub body: Option<Vec<u8>>,
    pub files: Vec<NewIntakeFile>,
    /// `YYYY-MM-DD`.
    pub on: String,
}

/// Rows moved from the inbox into the database, in the order to store them.
#[derive(Debug, Clone, Default)]
pub struct Moved {
    pub submissions: Vec<NewSubmission>,
    pub follow_ups: Vec<FollowUp>,
}

/// One move out of the inbox: its random batch id, the day it ran (the
/// day's seal; `None` for one submission moved early), the pack it wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealRecord {
    pub batch: String,
    /// `YYYY-MM-DD`.
    pub day: Option<String>,
    pub pack: Option<String>,
}

/// A pack as stored: its random name, length and SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackRecord {
    pub name: String,
    pub bytes: i64,
    pub sha256: String,
}

/// Where a sealed blob lies: its pack, first byte, length and SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedBlob {
    pub blob: String,
    pub pack: String,
    pub start: i64,
    pub length: i64,
    pub sha256: String,
}

/// A staff account that can read submissions: active, with a reader key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub user_id: i64,
    pub name: String,
    /// `age1…`
    pub public: String,
}

/// Whether a stored file is what the source sent, or a copy staff made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOrigin {
    Source,
    /// An image copy without its metadata, for publication.
    PublicCopy,
}

impl FileOrigin {
    pub fn code(self) -> &'static str {
        match self {
            FileOrigin::Source => "source",
            FileOrigin::PublicCopy => "public_copy",
        }
    }
}

/// A file already durably in the blob store, to be recorded.
#[derive(Debug, Clone)]
pub struct NewIntakeFile {
    pub id: String,
    /// The blob's name in the blob store.
    pub blob: String,
    pub origin: FileOrigin,
    pub derived_from: Option<String>,
    /// Encrypted metadata (name, types, size, SHA-256, time received).
    pub meta: Vec<u8>,
}

/// A new submission; every blob its files name is already fsynced.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub id: String,
    pub kind: IntakeKind,
    /// `YYYY-MM-DD`.
    pub received_on: String,
    pub receipt_lookup: String,
    pub public_key: String,
    pub source_key: String,
    /// Encrypted answers.
    pub answers: Vec<u8>,
    /// The submission's private key sealed to each reader: (user id, sealed key).
    pub sealed: Vec<(i64, Vec<u8>)>,
    pub files: Vec<NewIntakeFile>,
}

/// Who wrote a message in a submission's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageAuthor {
    /// The source, returning with the receipt.
    Source,
    /// The team, to the source: readable with the receipt.
    Reply,
    /// The team, to itself.
    Note,
}

impl MessageAuthor {
    pub fn code(self) -> &'static str {
        match self {
            MessageAuthor::Source => "source",
            MessageAuthor::Reply => "reply",
            MessageAuthor::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<MessageAuthor> {
        [MessageAuthor::Source, MessageAuthor::Reply, MessageAuthor::Note].into_iter().find(|a| a.code() == s)
    }
}

#[derive(Debug, Clone)]
pub struct IntakeMessage {
    pub id: i64,
    pub author: MessageAuthor,
    pub staff_name: Option<String>,
    pub sent_on: String,
    /// Encrypted text.
    pub body: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct IntakeFile {
    pub id: String,
    pub seq: i64,
    pub blob: String,
    pub origin: FileOrigin,
    pub derived_from: Option<String>,
    pub meta: Vec<u8>,
}

/// A line of the intake queue.
#[derive(Debug, Clone)]
pub struct SubmissionSummary {
    pub id: String,
    pub kind: IntakeKind,
    pub received_on: String,
    pub status: IntakeStatus,
    pub status_on: String,
    pub assignee: Option<String>,
    pub files: i64,
    /// Messages from the source after the first sending.
    pub follow_ups: i64,
    /// The day of the latest message, if any.
    pub last_message_on: Option<String>,
}

/// One submission, for a reader.
#[derive(Debug, Clone)]
pub struct SubmissionRecord {
    pub summary: SubmissionSummary,
    pub public_key: String,
    pub source_key: String,
    pub answers: Vec<u8>,
    /// The submission's key sealed to the reader who asked, if it is.
    pub sealed_key: Option<Vec<u8>>,
    pub files: Vec<IntakeFile>,
    pub messages: Vec<IntakeMessage>,
    /// Records made from it: (kind, id).
    pub links: Vec<(String, String)>,
}

/// What a source sees with the receipt: never what they sent.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub id: String,
    pub status: IntakeStatus,
    pub public_key: String,
    pub source_key: String,
    /// The team's replies: (day, encrypted text), oldest first.
    pub replies: Vec<(String, Vec<u8>)>,
    pub files: i64,
}

/// A change staff make to a submission; each is one audit entry.
#[derive(Debug, Clone)]
pub enum IntakeChange {
    Status(IntakeStatus),
    /// Assign to an account (by id), or to nobody.
    Assign(Option<i64>),
    Message {
        author: MessageAuthor,
        body: Vec<u8>,
    },
    File(NewIntakeFile),
    Link {
        kind: String,
        id: String,
    },
}

/// What a staff change to a submission changed: what its audit entry says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeChanged {
    /// The status, from the stored code to the new one.
    Status { from: String, to: IntakeStatus },
    /// Assigned to an account (by name), or to nobody.
    Assigned { to: Option<String> },
    /// A reply to the source, or a note for the team.
    Message(MessageAuthor),
    /// A public copy of a file, made from the file `from`.
    PublicCopy { file: String, from: Option<String> },
    /// Linked to a record made from it.
    Linked { kind: String, id: String },
}

/// A submission key sealed to another reader, to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyGrant {
    pub submission_id: String,
    pub user_id: i64,
    pub sealed: Vec<u8>,
}

/// What a purge deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purged {
    /// The submissions, by id.
    pub submissions: Vec<String>,
    /// Their blobs, to delete from the blob store once the rows are gone.
    pub blobs: Vec<String>,
}

/// A submission key to seal to another reader: the submission, the key as
/// sealed to the reader doing it, and the reader to seal to.
#[derive(Debug, Clone)]
pub struct KeyToShare {
    pub submission_id: String,
    pub sealed_for_me: Vec<u8>,
    pub to: Reader,
}
