//! The intake vault as the server and the commands use it: the intake
//! node's inbox (rows in `vault.sqlite3`, files in its slab), the database, and
//! the store of sealed packs, read as one.
//!
//! What a source sends is written to the inbox only, so that nothing a
//! source does reaches the shared database or the object store until the
//! day's seal moves it there at one fixed moment (see
//! `inferno_services::intake::seal`): PostgreSQL writes every commit's time
//! into its WAL and every row's transaction id beside its neighbours', an
//! object store keeps each object's creation time, and only a move of the
//! whole day at once tells them nothing finer than the day.
//!
//! A staff change to a submission that still waits in the inbox first moves
//! that submission's rows into the database ([`IntakeVault::settle`]): its
//! own transaction, recorded under a batch id so that a move cut off is
//! finished and never done twice; then the change and its audit entry are
//! one transaction of the database, as every staff change is. The change
//! and its entry cannot come apart, and a crash between the two steps
//! leaves the submission in the database, unchanged. The move writes the
//! submission's rows at the moment of the staff change, which tells no more
//! than the change's own audit entry: that the source had written by then.

use crate::blobs::{BlobStore, CHUNK, Incoming};
use crate::intake::{
    FollowUp, IntakeFile, IntakeMessage, MessageAuthor, Moved, NewIntakeFile, NewSubmission, Reader, SealRecord,
    SourceView, SubmissionRecord, SubmissionSummary,
};
use crate::packs::PackStore;
use crate::sqlite::inbox::{self, InboxBatch};
use crate::{Store, StoreError};
use std::collections::HashSet;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;

/// The inbox, the database and the packs, read as one.
#[derive(Clone)]
pub struct IntakeVault {
    store: Arc<dyn Store>,
    blobs: BlobStore,
    packs: Arc<dyn PackStore>,
}

impl std::fmt::Debug for IntakeVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IntakeVault(packs in {})", self.packs.describe())
    }
}

/// A random name of 32 hex digits, as blobs have (a batch, a pack).
fn random_name() -> String {
    hex::encode(crate::blobs::random::<16>())
}

impl IntakeVault {
    /// Opens the inbox in `data_dir` beside `store` and `packs`.
    pub async fn open(
        data_dir: &Path,
        store: Arc<dyn Store>,
        packs: Arc<dyn PackStore>,
    ) -> Result<IntakeVault, StoreError> {
        let blobs = BlobStore::open(data_dir).await?;
        inbox::create_tables(blobs.pool()).await?;
        Ok(IntakeVault { store, blobs, packs })
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    pub fn packs(&self) -> &dyn PackStore {
        self.packs.as_ref()
    }

    /// After a source's write: the inbox's files show this moment only.
    fn stamp(&self) {
        self.blobs.stamp_files();
    }

    // What a source does: into the inbox only.

    /// Stores a submission whose blobs are already durable; durable itself
    /// when this returns.
    pub async fn create_submission(&self, submission: &NewSubmission) -> Result<(), StoreError> {
        let stored = inbox::create(self.blobs.pool(), submission).await;
        self.stamp();
        stored
    }

    /// A source's follow-up: a message, files, or both. False if there is no such submission.
    pub async fn add_follow_up(
        &self,
        id: &str,
        body: Option<&[u8]>,
        files: &[NewIntakeFile],
        on: &str,
    ) -> Result<bool, StoreError> {
        if !inbox::exists(self.blobs.pool(), id).await? && !self.store.submission_exists(id).await? {
            return Ok(false);
        }
        let f = FollowUp {
            submission_id: id.to_owned(),
            body: body.map(<[u8]>::to_vec),
            files: files.to_vec(),
            on: on.to_owned(),
        };
        let stored = inbox::follow_up(self.blobs.pool(), &f).await;
        self.stamp();
        stored.map(|()| true)
    }

    // Reading: the database and the inbox as one.

    /// What the holder of a receipt may see, by the receipt's lookup key.
    pub async fn submission_for_source(&self, lookup: &str) -> Result<Option<SourceView>, StoreError> {
        if let Some(mut view) = self.store.submission_for_source(lookup).await? {
            view.files += inbox::files_of(self.blobs.pool(), &view.id).await?;
            return Ok(Some(view));
        }
        inbox::by_receipt(self.blobs.pool(), lookup).await
    }

    /// The intake queue, newest day first: the database's and the inbox's.
    pub async fn submissions(&self) -> Result<Vec<SubmissionSummary>, StoreError> {
        let mut all = self.store.submissions().await?;
        let pending = inbox::pending_counts(self.blobs.pool()).await?;
        for s in &mut all {
            if let Some((files, messages, last)) = pending.get(&s.id) {
                s.files += files;
                s.follow_ups += messages;
                s.last_message_on = s.last_message_on.clone().max(last.clone());
            }
        }
        all.extend(inbox::summaries(self.blobs.pool()).await?);
        all.sort_by(|a, b| b.received_on.cmp(&a.received_on).then_with(|| a.id.cmp(&b.id)));
        Ok(all)
    }

    /// One submission, with what waits for it in the inbox, and its key as
    /// sealed to `reader`, if it is.
    pub async fn submission(&self, id: &str, reader: i64) -> Result<Option<SubmissionRecord>, StoreError> {
        if let Some(mut record) = self.store.submission(id, reader).await? {
            let (files, messages) = inbox::pending(self.blobs.pool(), id).await?;
            add_pending(&mut record, files, messages);
            return Ok(Some(record));
        }
        inbox::one(self.blobs.pool(), id, reader).await
    }

    /// Submission keys `user_id` holds that another reader lacks, in the
    /// database or the inbox.
    pub async fn keys_to_share(&self, user_id: i64) -> Result<Vec<crate::KeyToShare>, StoreError> {
        let mut all = self.store.keys_to_share(user_id).await?;
        let readers = self.store.intake_readers().await?;
        all.extend(inbox::keys_to_share(self.blobs.pool(), user_id, &readers).await?);
        Ok(all)
    }

    pub async fn intake_readers(&self) -> Result<Vec<Reader>, StoreError> {
        self.store.intake_readers().await
    }

    /// Whether any submission is stored, in the database or the inbox.
    pub async fn holds_submissions(&self) -> Result<bool, StoreError> {
        Ok(self.store.holds_submissions().await? || inbox::any(self.blobs.pool()).await?)
    }

    /// Every blob a row names, in the database or the inbox.
    pub async fn blob_names(&self) -> Result<HashSet<String>, StoreError> {
        let mut names = self.store.intake_blob_names().await?;
        names.extend(inbox::blob_names(self.blobs.pool()).await?);
        Ok(names)
    }

    // Blobs.

    /// A new blob to write into the inbox (from a blocking thread).
    pub fn create_blob(&self) -> io::Result<Incoming> {
        self.blobs.create()
    }

    /// Opens a blob for reading (from a blocking thread): from the inbox
    /// while it waits there, else from its pack.
    pub async fn open_blob(&self, name: &str) -> io::Result<Box<dyn Read + Send>> {
        match self.blobs.open_blob(name).await {
            Ok(r) => return Ok(Box::new(r)),
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            Err(_) => {}
        }
        let sealed = self.store.sealed_blob(name).await.map_err(io::Error::other)?;
        let sealed = sealed.ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such blob"))?;
        Ok(Box::new(PackReader {
            packs: self.packs.clone(),
            handle: tokio::runtime::Handle::try_current().map_err(io::Error::other)?,
            pack: sealed.pack,
            at: sealed.start as u64,
            end: (sealed.start + sealed.length) as u64,
            buffer: Vec::new(),
            pos: 0,
        }))
    }

    /// Deletes blobs from the inbox (a purge, or files whose rows were never stored).
    pub async fn delete_blobs(&self, names: &[String]) -> Result<(), StoreError> {
        self.blobs.delete(names).await
    }

    /// Removes the inbox's blobs no row names (uploads a crash cut off).
    /// Run at start on the intake node, before any upload.
    pub async fn sweep(&self) -> Result<usize, StoreError> {
        let known = self.blob_names().await?;
        self.blobs.sweep(&known).await
    }

    /// Bytes free on the inbox's disk, if the system says.
    pub fn free_space(&self) -> Option<u64> {
        self.blobs.free_space()
    }

    // Moves out of the inbox.

    /// Moves what of submission `id` waits in the inbox into the database,
    /// before a staff change to it (see the module's notes). Nothing to move
    /// is not an error; [`StoreError::SealUnderWay`] while the day's seal
    /// moves it.
    pub async fn settle(&self, id: &str) -> Result<(), StoreError> {
        if let Some(batch) = inbox::take_one(self.blobs.pool(), id, &random_name()).await? {
            self.finish_move(&InboxBatch { batch, pack: None, blobs: Vec::new() }).await?;
        }
        Ok(())
    }

    /// Finishes the moves of single submissions that were cut off.
    pub async fn finish_moves(&self) -> Result<usize, StoreError> {
        let moves = inbox::unfinished_moves(self.blobs.pool()).await?;
        for batch in &moves {
            self.finish_move(&InboxBatch { batch: batch.clone(), pack: None, blobs: Vec::new() }).await?;
        }
        Ok(moves.len())
    }

    async fn finish_move(&self, batch: &InboxBatch) -> Result<(), StoreError> {
        if !self.store.seal_recorded(&batch.batch).await? {
            let moved = inbox::batch_rows(self.blobs.pool(), &batch.batch).await?;
            let mut w = self.store.begin().await?;
            // Recorded meanwhile by another caller finishing the same move:
            // its rows are stored; this transaction is dropped unstored.
            if w.record_seal(&SealRecord { batch: batch.batch.clone(), day: None, pack: None }).await? {
                w.move_in(&moved).await?;
                w.commit().await?;
            }
        }
        self.forget(batch).await
    }

    /// The day's seal's share of the inbox: the one under way (cut off
    /// before it finished), or every row no move has taken and every blob
    /// a row names, under a new batch and pack name. `None` when the inbox
    /// holds nothing.
    pub async fn take_for_seal(&self) -> Result<Option<InboxBatch>, StoreError> {
        let named = self.store.intake_blob_names().await?;
        inbox::take_all(self.blobs.pool(), &named, &random_name(), &random_name()).await
    }

    /// Whether a seal has taken rows it has not yet stored: it runs, or was
    /// cut off and the next one finishes it.
    pub async fn seal_under_way(&self) -> Result<bool, StoreError> {
        inbox::seal_under_way(self.blobs.pool()).await
    }

    /// The rows a seal took.
    pub async fn batch_rows(&self, batch: &InboxBatch) -> Result<Moved, StoreError> {
        inbox::batch_rows(self.blobs.pool(), &batch.batch).await
    }

    /// Chunk `seq` of an inbox blob, `None` past its end.
    pub async fn blob_chunk(&self, name: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        self.blobs.read_chunk(name, seq).await
    }

    /// Whether the inbox holds blob `name`.
    pub async fn holds_blob(&self, name: &str) -> Result<bool, StoreError> {
        self.blobs.holds(name).await
    }

    /// Empties the inbox of what a seal stored (rows, packed blobs), and compacts it.
    pub async fn forget(&self, batch: &InboxBatch) -> Result<(), StoreError> {
        inbox::forget_batch(self.blobs.pool(), self.blobs.slab(), batch).await?;
        self.stamp();
        Ok(())
    }

    /// The size of one inbox chunk: what a pack is read back in.
    pub const CHUNK: usize = CHUNK;
}

/// A submission stored in the database, with the source's files and
/// messages that wait for it in the inbox (after its own).
fn add_pending(record: &mut SubmissionRecord, files: Vec<IntakeFile>, messages: Vec<IntakeMessage>) {
    let last_seq = record.files.iter().map(|f| f.seq).max().unwrap_or(0);
    let last_id = record.messages.iter().map(|m| m.id).max().unwrap_or(0);
    for (i, mut f) in files.into_iter().enumerate() {
        f.seq = last_seq + 1 + i as i64;
        if f.origin == crate::FileOrigin::Source {
            record.summary.files += 1;
        }
        record.files.push(f);
    }
    for (i, mut m) in messages.into_iter().enumerate() {
        m.id = last_id + 1 + i as i64;
        if m.author == MessageAuthor::Source {
            record.summary.follow_ups += 1;
        }
        record.summary.last_message_on = record.summary.last_message_on.clone().max(Some(m.sent_on.clone()));
        record.messages.push(m);
    }
}

/// A sealed blob, read from its pack a chunk at a time.
struct PackReader {
    packs: Arc<dyn PackStore>,
    handle: tokio::runtime::Handle,
    pack: String,
    at: u64,
    end: u64,
    buffer: Vec<u8>,
    pos: usize,
}

impl Read for PackReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.buffer.len() {
            if self.at >= self.end {
                return Ok(0);
            }
            let take = (self.end - self.at).min(CHUNK as u64) as usize;
            let read = self.handle.block_on(self.packs.read(&self.pack, self.at, take));
            self.buffer = read.map_err(io::Error::other)?;
            self.pos = 0;
            self.at += take as u64;
        }
        let n = (self.buffer.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.buffer[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DbPacks, Schema, SqliteStore};
    use inferno_domain::intake::IntakeKind;

    fn submission(id: &str) -> NewSubmission {
        NewSubmission {
            id: id.into(),
            kind: IntakeKind::Contact,
            received_on: "2026-12-07".into(),
            receipt_lookup: format!("lookup-{id}"),
            public_key: "age1submission".into(),
            source_key: "age1source".into(),
            answers: vec![1, 2, 3],
            sealed: Vec::new(),
            files: Vec::new(),
        }
    }

    /// A staff change's move cut off after it took a submission's rows is
    /// finished by the next caller, once however many finish it at the same
    /// time; and what the source sends meanwhile waits for a later move
    /// rather than going into a seal that would find its submission nowhere.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_move_cut_off_is_finished_once_and_what_answers_it_waits() {
        let dir = tempfile::tempdir().unwrap();
        let db = SqliteStore::open(dir.path()).await.unwrap();
        db.migrate().await.unwrap();
        let store: Arc<dyn Store> = Arc::new(db);
        let vault = IntakeVault::open(dir.path(), store.clone(), Arc::new(DbPacks::new(store.clone()))).await.unwrap();
        vault.create_submission(&submission("x")).await.unwrap();
        assert!(vault.add_follow_up("x", Some(b"first"), &[], "2026-12-07").await.unwrap());
        let taken = inbox::take_one(vault.blobs.pool(), "x", "cut-off").await.unwrap();
        assert_eq!(taken.as_deref(), Some("cut-off"));
        assert!(vault.add_follow_up("x", Some(b"second"), &[], "2026-12-07").await.unwrap());
        assert!(vault.take_for_seal().await.unwrap().is_none(), "the seal leaves what answers an unfinished move");

        let batch = InboxBatch { batch: "cut-off".into(), pack: None, blobs: Vec::new() };
        let (a, b) = tokio::join!(vault.finish_move(&batch), vault.finish_move(&batch));
        a.unwrap();
        b.unwrap();
        let stored = store.submission("x", 0).await.unwrap().expect("moved into the database");
        assert_eq!(stored.messages.len(), 1, "the move's message, stored once");
        assert_eq!(vault.submission("x", 0).await.unwrap().unwrap().messages.len(), 2, "and the one that waits");
        assert!(inbox::unfinished_moves(vault.blobs.pool()).await.unwrap().is_empty());

        // The next caller takes the move that a cut-off left, not a new one.
        vault.create_submission(&submission("y")).await.unwrap();
        inbox::take_one(vault.blobs.pool(), "y", "first-try").await.unwrap();
        assert_eq!(inbox::take_one(vault.blobs.pool(), "y", "second-try").await.unwrap().as_deref(), Some("first-try"));
        vault.settle("y").await.unwrap();
        assert!(store.submission_exists("y").await.unwrap());

        // The day's seal now takes what waited.
        let day = vault.take_for_seal().await.unwrap().expect("the second message");
        let moved = vault.batch_rows(&day).await.unwrap();
        assert_eq!((moved.submissions.len(), moved.follow_ups.len()), (0, 1));
        assert_eq!(vault.settle("x").await.err().map(|e| e.to_string()), Some(StoreError::SealUnderWay.to_string()));
    }
}
