//! The blob store: the age ciphertext of the files sources send, waiting in
//! the intake node's inbox until the day's seal packs them (see
//! [`crate::IntakeVault`]). The bytes are in one file, `DATA_DIR/inbox.blobs`
//! (the slab), at offsets that rows of the inbox's database
//! (`vault.sqlite3`, table `intake_blob_extents`) give, a mebibyte an extent.
//!
//! Why not one file per blob: a file system records when each file was
//! created and last changed, and those times cannot be set back. A seized
//! disk would tell, to the nanosecond, when every file arrived, which can be
//! matched against network observations of a suspect. In one file that
//! every write touches, and that is stamped after each, at most the time of
//! the latest write is visible (security review F7).
//!
//! Why not rows of bytes in the database (as before): SQLite writes every
//! byte twice (its WAL, then the checkpoint) through one writer, which held
//! an upload to a third of what encryption alone reaches (`bench/intake.sh`).
//! Here each byte is written once, with `pwrite` at an extent reserved for
//! it (uploads side by side write apart), and the rows are small.
//!
//! An upload's extents are written as they arrive, without an fsync each;
//! [`Incoming::commit`] makes the slab durable (`fdatasync`), then commits
//! the rows that place the blob with `synchronous = FULL`; only then are the
//! rows that name the blob committed. A crash leaves only bytes no row
//! places, and [`BlobStore::sweep`] frees them at the next start. Freed
//! space is given back to the file system by punching holes
//! (`FALLOC_FL_PUNCH_HOLE`): the file keeps its length, not the blocks.

use crate::StoreError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::io::{self, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

mod direct;
use direct::{Aligned, Behind};

/// Bytes of ciphertext in one extent.
pub const CHUNK: usize = 1024 * 1024;

/// The inbox's database file in the data directory.
pub const VAULT_FILE: &str = "vault.sqlite3";

/// The slab: the blobs' bytes.
pub const SLAB_FILE: &str = "inbox.blobs";

/// Extents are reserved in whole blocks, so that freeing one frees its
/// blocks and touches no other blob's.
const BLOCK: u64 = 4096;

/// The room `length` bytes take in the slab: whole blocks.
fn in_blocks(length: u64) -> u64 {
    length.div_ceil(BLOCK) * BLOCK
}

/// The table that places blobs in the slab, declared here once.
/// WITHOUT ROWID: rows are ordered by the random blob name, not by arrival.
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS intake_blob_extents (
    blob   TEXT    NOT NULL CHECK (length(blob) = 32),
    seq    INTEGER NOT NULL CHECK (seq >= 0),
    start  INTEGER NOT NULL CHECK (start >= 0),
    length INTEGER NOT NULL CHECK (length > 0),
    PRIMARY KEY (blob, seq)
) STRICT, WITHOUT ROWID";

/// The slab file and the end of what has been reserved in it.
#[derive(Debug)]
pub(crate) struct Slab {
    file: Arc<std::fs::File>,
    /// The same file opened for direct writes, where its file system allows them (see [`direct`]).
    direct: Option<std::fs::File>,
    /// Set once a direct write was refused: from then on, writes go through the page cache.
    buffered: std::sync::atomic::AtomicBool,
    path: PathBuf,
    end: AtomicU64,
    /// Whether a thread is making what was written durable (see [`Slab::flush_behind`]).
    flushing: Arc<std::sync::atomic::AtomicBool>,
}

/// Bytes an upload writes between two [`Slab::flush_behind`]s.
const FLUSH_EVERY: u64 = 32 * 1024 * 1024;

impl Slab {
    /// Reserves room for `length` bytes; gives where they go.
    fn reserve(&self, length: u64) -> u64 {
        self.end.fetch_add(in_blocks(length), Ordering::SeqCst)
    }

    /// Gives extents' blocks back to the file system (their bytes read as zeros after).
    pub(crate) fn free(&self, extents: &[(u64, u64)]) {
        for &(start, length) in extents {
            let reserved = in_blocks(length);
            let flags = rustix::fs::FallocateFlags::PUNCH_HOLE | rustix::fs::FallocateFlags::KEEP_SIZE;
            if let Err(e) = rustix::fs::fallocate(&self.file, flags, start, reserved) {
                tracing::warn!(error = %e, "cannot free space in the inbox's slab; the next start does");
            }
        }
    }

    fn stamp(&self) {
        crate::sqlite::stamp_files(&self.path);
    }

    /// Whether extents are written past the page cache.
    fn writes_direct(&self) -> bool {
        self.direct.is_some() && !self.buffered.load(Ordering::Relaxed)
    }

    /// Starts making what was written durable on a thread of its own (one at
    /// a time), while the upload goes on: the `fdatasync` at its commit then
    /// waits for the last few mebibytes, not for the whole file.
    fn flush_behind(&self) {
        if self.flushing.swap(true, Ordering::SeqCst) {
            return;
        }
        let (file, flushing) = (self.file.clone(), self.flushing.clone());
        let spawned = std::thread::Builder::new().name("inbox-flush".into()).spawn(move || {
            let _ = file.sync_data();
            flushing.store(false, Ordering::SeqCst);
        });
        if spawned.is_err() {
            self.flushing.store(false, Ordering::SeqCst);
        }
    }
}

#[derive(Debug, Clone)]
pub struct BlobStore {
    pool: SqlitePool,
    slab: Arc<Slab>,
    data_dir: PathBuf,
}

/// Blob names are 32 lowercase hex digits, made here; anything else is refused.
fn valid_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(crate) fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b
}

fn handle() -> io::Result<tokio::runtime::Handle> {
    tokio::runtime::Handle::try_current().map_err(|_| io::Error::other("the blob store needs a Tokio runtime"))
}

fn db_error(e: sqlx::Error) -> io::Error {
    io::Error::other(e)
}

/// An extent row: (start, length).
type Extent = (u64, u64);

impl BlobStore {
    /// Opens (creating) the inbox's database and slab in `data_dir`. Blobs
    /// an earlier release kept as files under `vault/blobs`, or as rows of
    /// bytes in the database, are moved into the slab, each in its own
    /// transaction, and their files or rows removed.
    pub async fn open(data_dir: &Path) -> Result<BlobStore, StoreError> {
        crate::secure_data_dir(data_dir)?;
        let path = data_dir.join(VAULT_FILE);
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .page_size(65536)
            .journal_mode(SqliteJournalMode::Wal)
            // Every commit is durable when it returns (the WAL is fsynced):
            // what a source sent, the rows that place its files, and a
            // legacy blob moved in before its old copy is deleted.
            .synchronous(SqliteSynchronous::Full)
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
        sqlx::query(SCHEMA).execute(&pool).await?;
        let slab_path = data_dir.join(SLAB_FILE);
        let io = |source| StoreError::DataDir { path: slab_path.display().to_string(), source };
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&slab_path)
            .map_err(io)?;
        let length = file.metadata().map_err(io)?.len();
        let placed: Option<i64> =
            sqlx::query_scalar("SELECT max(start + length) FROM intake_blob_extents").fetch_one(&pool).await?;
        let end = in_blocks(length.max(placed.unwrap_or(0).max(0) as u64));
        let slab = Arc::new(Slab {
            file: Arc::new(file),
            direct: direct::open(&slab_path),
            buffered: std::sync::atomic::AtomicBool::new(false),
            path: slab_path,
            end: AtomicU64::new(end),
            flushing: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        });
        let store = BlobStore { pool, slab, data_dir: data_dir.to_owned() };
        store.move_rows_in().await?;
        store.move_files_in().await?;
        Ok(store)
    }

    /// Writes `bytes` as blob `name` (a legacy one moved in), durably.
    async fn write_whole(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        let mut extents = Vec::new();
        for chunk in bytes.chunks(CHUNK) {
            let start = self.slab.reserve(chunk.len() as u64);
            self.slab.file.write_all_at(chunk, start).map_err(StoreError::Inbox)?;
            extents.push((start, chunk.len() as u64));
        }
        self.slab.file.sync_data().map_err(StoreError::Inbox)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        place(&mut tx, name, &extents).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Blobs an earlier release kept as rows of bytes (`intake_blob_chunks`).
    async fn move_rows_in(&self) -> Result<(), StoreError> {
        let old: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'intake_blob_chunks'",
        )
        .fetch_one(&self.pool)
        .await?;
        if old == 0 {
            return Ok(());
        }
        let names: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT blob FROM intake_blob_chunks").fetch_all(&self.pool).await?;
        for name in names {
            let chunks: Vec<Vec<u8>> =
                sqlx::query_scalar("SELECT data FROM intake_blob_chunks WHERE blob = ? ORDER BY seq")
                    .bind(&name)
                    .fetch_all(&self.pool)
                    .await?;
            if !self.holds(&name).await? {
                self.write_whole(&name, &chunks.concat()).await?;
            }
            sqlx::query("DELETE FROM intake_blob_chunks WHERE blob = ?").bind(&name).execute(&self.pool).await?;
        }
        sqlx::query("DROP TABLE intake_blob_chunks").execute(&self.pool).await?;
        sqlx::query("VACUUM").execute(&self.pool).await?;
        Ok(())
    }

    async fn move_files_in(&self) -> Result<(), StoreError> {
        let vault = self.data_dir.join("vault");
        let io = |source| StoreError::DataDir { path: vault.display().to_string(), source };
        let blobs = vault.join("blobs");
        if let Ok(entries) = std::fs::read_dir(&blobs) {
            for entry in entries {
                let path = entry.map_err(io)?.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if valid_name(&name) && !self.holds(&name).await? {
                    let bytes = std::fs::read(&path).map_err(io)?;
                    self.write_whole(&name, &bytes).await?;
                }
                std::fs::remove_file(&path).map_err(io)?;
            }
        }
        // What an interrupted upload of an earlier release left was never acknowledged.
        if let Ok(entries) = std::fs::read_dir(vault.join("incoming")) {
            for entry in entries {
                std::fs::remove_file(entry.map_err(io)?.path()).map_err(io)?;
            }
        }
        for dir in [blobs, vault.join("incoming"), vault.clone()] {
            match std::fs::remove_dir(&dir) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(io(e)),
                _ => {}
            }
        }
        Ok(())
    }

    /// The inbox's database (this one), for its rows.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The slab, for what frees space in it.
    pub(crate) fn slab(&self) -> &Slab {
        &self.slab
    }

    /// Extent `seq` of blob `name`, if it is here.
    pub(crate) async fn read_chunk(&self, name: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let extent: Option<(i64, i64)> =
            sqlx::query_as("SELECT start, length FROM intake_blob_extents WHERE blob = ? AND seq = ?")
                .bind(name)
                .bind(seq)
                .fetch_optional(&self.pool)
                .await?;
        let Some((start, length)) = extent else { return Ok(None) };
        let slab = self.slab.clone();
        let read = tokio::task::spawn_blocking(move || {
            let mut buf = vec![0u8; length as usize];
            slab.file.read_exact_at(&mut buf, start as u64).map(|()| buf)
        })
        .await
        .map_err(|e| StoreError::Inbox(io::Error::other(e)))?;
        Ok(Some(read.map_err(StoreError::Inbox)?))
    }

    /// Whether blob `name` is here.
    pub(crate) async fn holds(&self, name: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM intake_blob_extents WHERE blob = ? AND seq = 0")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// Bytes free for the server on the disk that holds the inbox, if the system says.
    pub fn free_space(&self) -> Option<u64> {
        let st = rustix::fs::statvfs(&self.data_dir).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }

    /// A new blob to write (from a blocking thread); it counts only once a row names it.
    pub fn create(&self) -> io::Result<Incoming> {
        Ok(Incoming {
            name: hex::encode(random::<16>()),
            slab: self.slab.clone(),
            pool: self.pool.clone(),
            handle: handle()?,
            buffer: Aligned::new(),
            behind: None,
            extents: Vec::new(),
            done: false,
            failed: false,
            file: self.data_dir.join(VAULT_FILE),
        })
    }

    /// Opens a stored blob for reading (from a blocking thread).
    pub async fn open_blob(&self, name: &str) -> io::Result<BlobReader> {
        if !valid_name(name) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a blob name"));
        }
        let extents: Vec<(i64, i64)> =
            sqlx::query_as("SELECT start, length FROM intake_blob_extents WHERE blob = ? ORDER BY seq")
                .bind(name)
                .fetch_all(&self.pool)
                .await
                .map_err(db_error)?;
        if extents.is_empty() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such blob"));
        }
        let extents = extents.into_iter().map(|(s, l)| (s as u64, l as u64)).collect();
        Ok(BlobReader { slab: self.slab.clone(), extents, next: 0, at: 0 })
    }

    /// Deletes blobs (a purge, a seal, or files whose rows were never
    /// committed) and frees their space. Missing blobs are not an error.
    pub async fn delete(&self, names: &[String]) -> Result<(), StoreError> {
        // IMMEDIATE: a transaction that reads first and then writes is
        // answered "busy" at once, without waiting, when another holds the lock.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let mut freed = Vec::new();
        for name in names.iter().filter(|n| valid_name(n)) {
            freed.extend(forget(&mut tx, name).await?);
        }
        tx.commit().await?;
        self.slab.free(&freed);
        self.stamp_files();
        Ok(())
    }

    /// Removes every blob not in `known` (the blobs rows name): what uploads
    /// cut off by a crash left. Then frees every byte of the slab that no
    /// extent holds (reserved by an upload that never finished), and empties
    /// the slab when it holds nothing. Run at start, before any upload.
    /// Returns how many blobs.
    pub async fn sweep(&self, known: &std::collections::HashSet<String>) -> Result<usize, StoreError> {
        let all: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT blob FROM intake_blob_extents").fetch_all(&self.pool).await?;
        let orphans: Vec<String> = all.into_iter().filter(|b| !known.contains(b)).collect();
        self.delete(&orphans).await?;
        let kept: Vec<(i64, i64)> = sqlx::query_as("SELECT start, length FROM intake_blob_extents ORDER BY start")
            .fetch_all(&self.pool)
            .await?;
        let io = |source| StoreError::DataDir { path: self.slab.path.display().to_string(), source };
        let length = self.slab.file.metadata().map_err(io)?.len();
        if kept.is_empty() {
            self.slab.file.set_len(0).map_err(io)?;
            self.slab.end.store(0, Ordering::SeqCst);
            return Ok(orphans.len());
        }
        let mut gaps = Vec::new();
        let mut at = 0u64;
        for (start, len) in kept {
            let (start, len) = (start as u64, len as u64);
            if start > at {
                gaps.push((at, start - at));
            }
            at = at.max(start + in_blocks(len));
        }
        if length > at {
            gaps.push((at, length - at));
        }
        self.slab.free(&gaps);
        Ok(orphans.len())
    }

    /// After a source's write: the inbox's files show this moment,
    /// whatever wrote into them before (see [`crate::SqliteStore`]).
    pub fn stamp_files(&self) {
        crate::sqlite::stamp_files(&self.data_dir.join(VAULT_FILE));
        self.slab.stamp();
    }
}

/// Records where blob `name`'s extents lie.
async fn place(tx: &mut sqlx::SqliteConnection, name: &str, extents: &[Extent]) -> Result<(), StoreError> {
    for (seq, (start, length)) in extents.iter().enumerate() {
        sqlx::query("INSERT INTO intake_blob_extents (blob, seq, start, length) VALUES (?, ?, ?, ?)")
            .bind(name)
            .bind(seq as i64)
            .bind(*start as i64)
            .bind(*length as i64)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Deletes blob `name`'s rows in `tx`; gives its extents, to free once `tx` commits.
pub(crate) async fn forget(tx: &mut sqlx::SqliteConnection, name: &str) -> Result<Vec<Extent>, StoreError> {
    let extents: Vec<(i64, i64)> = sqlx::query_as("SELECT start, length FROM intake_blob_extents WHERE blob = ?")
        .bind(name)
        .fetch_all(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM intake_blob_extents WHERE blob = ?").bind(name).execute(&mut *tx).await?;
    Ok(extents.into_iter().map(|(s, l)| (s as u64, l as u64)).collect())
}

/// A blob being written. Dropped without [`Incoming::commit`], its space is freed.
pub struct Incoming {
    pub name: String,
    slab: Arc<Slab>,
    pool: SqlitePool,
    handle: tokio::runtime::Handle,
    /// The extent being filled.
    buffer: Aligned,
    /// The thread writing the extent filled before, once there was one.
    behind: Option<Behind>,
    /// Where what was written so far went.
    extents: Vec<Extent>,
    done: bool,
    /// Set by the first write that failed: a blob with a hole in it is
    /// never written on, nor committed.
    failed: bool,
    /// The inbox's database file, stamped once the blob is durable.
    file: PathBuf,
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Incoming({})", self.name)
    }
}

impl Incoming {
    /// Reserves an extent for the buffer: this blob's from now, freed with
    /// it if anything fails. Gives where it starts.
    fn reserve_extent(&mut self) -> u64 {
        let start = self.slab.reserve(self.buffer.len() as u64);
        self.extents.push((start, self.buffer.len() as u64));
        start
    }

    /// Hands the full buffer to the thread behind, which writes it while
    /// the next is filled.
    fn write_behind(&mut self) -> io::Result<()> {
        let start = self.reserve_extent();
        let behind = match &mut self.behind {
            Some(b) => b,
            None => self.behind.insert(Behind::start(self.slab.clone())?),
        };
        let full = std::mem::replace(&mut self.buffer, Aligned::none());
        self.buffer = behind.write(full, start)?;
        if !self.slab.writes_direct() && (self.extents.len() as u64 * CHUNK as u64).is_multiple_of(FLUSH_EVERY) {
            self.slab.flush_behind();
        }
        Ok(())
    }

    /// Waits for the extent being written behind, if any, and ends the
    /// thread that wrote it: an upload that has sent its file holds no
    /// thread while the rest of its form arrives. Blocking.
    pub fn settle(&mut self) -> io::Result<()> {
        let Some(mut behind) = self.behind.take() else { return Ok(()) };
        let waited = behind.wait().map(drop);
        drop(behind);
        self.failed |= waited.is_err();
        waited
    }

    /// Refuses to go on with a blob a write of which failed.
    fn check(&self) -> io::Result<()> {
        if self.done {
            return Err(io::Error::other("blob already committed"));
        }
        if self.failed {
            return Err(io::Error::other("a write of this blob failed"));
        }
        Ok(())
    }

    /// Gives the blob up and frees what was written; returns its name.
    pub async fn abandon(mut self) -> String {
        self.done = true;
        self.behind = None;
        self.slab.free(&self.extents);
        std::mem::take(&mut self.name)
    }

    /// Writes what is left, makes the slab durable (`fdatasync`), then
    /// commits the rows that place the blob with `synchronous = FULL`.
    /// Blocking.
    pub fn commit(mut self) -> io::Result<String> {
        self.check()?;
        if !self.buffer.is_empty() || self.extents.is_empty() {
            if self.buffer.is_empty() {
                return Err(io::Error::other("an empty blob"));
            }
            let start = self.reserve_extent();
            self.slab.write_extent(&mut self.buffer, start)?;
        }
        self.settle()?;
        self.slab.file.sync_data()?;
        let (pool, name, extents) = (self.pool.clone(), self.name.clone(), self.extents.clone());
        self.handle
            .block_on(async move {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                place(&mut tx, &name, &extents).await?;
                tx.commit().await?;
                Ok::<_, StoreError>(())
            })
            .map_err(io::Error::other)?;
        crate::sqlite::stamp_files(&self.file);
        self.slab.stamp();
        self.done = true;
        Ok(std::mem::take(&mut self.name))
    }
}

impl std::io::Write for Incoming {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.check()?;
        let take = self.buffer.fill(buf);
        if self.buffer.is_full() {
            let written = self.write_behind();
            self.failed |= written.is_err();
            written?;
        }
        Ok(take)
    }

    /// Nothing to do: the last bytes wait in the buffer for [`Incoming::commit`],
    /// which alone makes a blob whole and durable.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if !self.done {
            // The write in hand lands first, so that what is freed stays free.
            self.behind = None;
            self.slab.free(&self.extents);
        }
    }
}

/// A stored blob, read extent by extent (from a blocking thread).
pub struct BlobReader {
    slab: Arc<Slab>,
    extents: Vec<Extent>,
    /// The extent being read, and how far into it.
    next: usize,
    at: u64,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while let Some(&(start, length)) = self.extents.get(self.next) {
            if self.at == length {
                self.next += 1;
                self.at = 0;
                continue;
            }
            let n = ((length - self.at) as usize).min(buf.len());
            let read = self.slab.file.read_at(&mut buf[..n], start + self.at)?;
            if read == 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the inbox's slab ends early"));
            }
            self.at += read as u64;
            return Ok(read);
        }
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;
    use std::io::Write;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn blobs_are_extents_of_one_file_until_a_row_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::SqliteStore::open(dir.path()).await.unwrap();
        db.migrate().await.unwrap();
        // A blob an earlier release kept as a file, and one it kept as rows,
        // are moved in.
        let legacy = "0123456789abcdef0123456789abcdef";
        let rows = "fedcba9876543210fedcba9876543210";
        std::fs::create_dir_all(dir.path().join("vault/blobs")).unwrap();
        std::fs::write(dir.path().join("vault/blobs").join(legacy), b"old ciphertext").unwrap();
        {
            let options = SqliteConnectOptions::new().filename(dir.path().join(VAULT_FILE)).create_if_missing(true);
            let mut c: sqlx::SqliteConnection = sqlx::ConnectOptions::connect(&options).await.unwrap();
            sqlx::query("CREATE TABLE intake_blob_chunks (blob TEXT, seq INTEGER, data BLOB)")
                .execute(&mut c)
                .await
                .unwrap();
            for (seq, data) in [(0, &b"rows, "[..]), (1, &b"then more"[..])] {
                sqlx::query("INSERT INTO intake_blob_chunks VALUES (?, ?, ?)")
                    .bind(rows)
                    .bind(seq)
                    .bind(data)
                    .execute(&mut c)
                    .await
                    .unwrap();
            }
        }
        let store = BlobStore::open(dir.path()).await.unwrap();
        assert!(!dir.path().join("vault").exists(), "the files are gone once moved");
        let s = store.clone();
        let read = move |name: String| {
            let s = s.clone();
            async move {
                let mut r = s.open_blob(&name).await?;
                tokio::task::spawn_blocking(move || {
                    let mut out = Vec::new();
                    r.read_to_end(&mut out).map(|_| out)
                })
                .await
                .unwrap()
            }
        };
        assert_eq!(read(legacy.to_owned()).await.unwrap(), b"old ciphertext");
        assert_eq!(read(rows.to_owned()).await.unwrap(), b"rows, then more");
        let big: Vec<u8> = (0..CHUNK * 2 + 10).map(|i| (i % 251) as u8).collect();
        let (small, large, dropped_at) = {
            let s = store.clone();
            let big = big.clone();
            tokio::task::spawn_blocking(move || {
                let mut a = s.create().unwrap();
                a.write_all(b"ciphertext").unwrap();
                let mut b = s.create().unwrap();
                b.write_all(&big).unwrap();
                let mut c = s.create().unwrap();
                c.write_all(&vec![1u8; CHUNK + 1]).unwrap();
                let dropped_at = c.extents[0].0;
                drop(c);
                (a.commit().unwrap(), b.commit().unwrap(), dropped_at)
            })
            .await
            .unwrap()
        };
        assert_eq!(read(small.clone()).await.unwrap(), b"ciphertext");
        assert_eq!(read(large.clone()).await.unwrap(), big);
        assert_eq!(store.read_chunk(&large, 2).await.unwrap().unwrap(), big[CHUNK * 2..]);
        let mut freed = vec![7u8; 16];
        store.slab.file.read_exact_at(&mut freed, dropped_at).unwrap();
        assert_eq!(freed, [0u8; 16], "a dropped blob's space is freed");
        assert!(store.open_blob("../inferno.sqlite3").await.is_err());
        // No row names the new ones: a crash would leave them, and a sweep removes them.
        assert_eq!(store.sweep(&[legacy.to_owned(), rows.to_owned()].into()).await.unwrap(), 2);
        assert!(read(small).await.is_err());
        assert_eq!(read(legacy.to_owned()).await.unwrap(), b"old ciphertext", "what a row names stays");
        store.delete(&[legacy.to_owned(), rows.to_owned(), large]).await.unwrap();
        assert_eq!(store.sweep(&Default::default()).await.unwrap(), 0);
        assert_eq!(std::fs::metadata(dir.path().join(SLAB_FILE)).unwrap().len(), 0, "an empty inbox, an empty slab");
    }

    /// Blobs of every awkward length, written two at a time, read back
    /// whole, both past the page cache (where the file system allows it) and
    /// through it; a padded last extent never reaches another blob's room.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn extents_are_written_whole_directly_or_through_the_page_cache() {
        let lengths = [1, 4095, 4096, 4097, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 7];
        for through_cache in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let store = BlobStore::open(dir.path()).await.unwrap();
            store.slab.buffered.store(through_cache, Ordering::Relaxed);
            if !through_cache && store.slab.direct.is_none() {
                eprintln!(
                    "skipped in part: this file system refuses O_DIRECT, so both passes go through the page cache"
                );
            }
            let mut written = Vec::new();
            for pair in lengths.chunks(2) {
                let handles: Vec<_> = pair
                    .iter()
                    .map(|&len| {
                        let s = store.clone();
                        tokio::task::spawn_blocking(move || {
                            let data: Vec<u8> = (0..len).map(|i| (i % 253) as u8 + 1).collect();
                            let mut blob = s.create().unwrap();
                            // In pieces the size age writes (64 KiB and its tag).
                            for piece in data.chunks(65_552) {
                                blob.write_all(piece).unwrap();
                            }
                            (blob.commit().unwrap(), data)
                        })
                    })
                    .collect();
                for h in handles {
                    written.push(h.await.unwrap());
                }
            }
            for (name, data) in &written {
                let mut r = store.open_blob(name).await.unwrap();
                let back = tokio::task::spawn_blocking(move || {
                    let mut out = Vec::new();
                    r.read_to_end(&mut out).map(|_| out)
                })
                .await
                .unwrap()
                .unwrap();
                assert!(
                    back == *data,
                    "a blob of {} bytes reads back whole (through the cache: {through_cache})",
                    data.len()
                );
            }
            let mut rooms: Vec<(i64, i64)> =
                sqlx::query_as("SELECT start, length FROM intake_blob_extents ORDER BY start")
                    .fetch_all(&store.pool)
                    .await
                    .unwrap();
            rooms.dedup();
            for w in rooms.windows(2) {
                assert!(w[0].0 + w[0].1 <= w[1].0, "extents lie apart: {w:?}");
                assert_eq!(w[1].0 % BLOCK as i64, 0, "extents start at a block");
            }
        }
    }
}
