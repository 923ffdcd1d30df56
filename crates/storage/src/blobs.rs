//! The blob store: the age ciphertext of the files sources send, kept in a
//! database of its own, `DATA_DIR/vault.sqlite3`, in chunks of [`CHUNK`] bytes,
//! until the day's seal packs them (see [`crate::IntakeVault`]). The same
//! database holds the inbox's rows (`sqlite/inbox.rs`).
//!
//! Why not one file per blob: a file system records when each file was
//! created and last changed, and those times cannot be set back. A seized
//! disk would tell, to the nanosecond, when every file arrived, which can be
//! matched against network observations of a suspect. Inside the database
//! the bytes sit in pages of one file that every write touches, so at most
//! the time of the latest write is visible.
//!
//! A database of its own, so that its pages can be 64 KiB (a 1 MiB chunk
//! takes 16 of them, not 256: twice the upload speed in `bench/intake.sh`)
//! while the records keep small pages, and so that what sources sent can be
//! backed up, or kept on another disk, apart from the rest.
//!
//! Chunks are written as they arrive, each in its own short transaction (an
//! upload over Tor may take an hour and must not hold the one write lock),
//! without an fsync each; [`Incoming::commit`] writes the last one with
//! `synchronous = FULL`, whose fsync of the WAL covers every frame before it.
//! Only then are the rows that name the blob committed, in the records'
//! database. A crash leaves only chunks of blobs no row names, and
//! [`BlobStore::sweep`] removes them at the next start.

use crate::StoreError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Bytes of ciphertext in one row.
pub const CHUNK: usize = 1024 * 1024;

/// The blob database's file in the data directory.
pub const VAULT_FILE: &str = "vault.sqlite3";

/// Its one table, declared here once. WITHOUT ROWID: rows are ordered by the
/// random blob name, not by arrival.
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS intake_blob_chunks (
    blob TEXT    NOT NULL CHECK (length(blob) = 32),
    seq  INTEGER NOT NULL CHECK (seq >= 0),
    data BLOB    NOT NULL,
    PRIMARY KEY (blob, seq)
) STRICT, WITHOUT ROWID";

#[derive(Debug, Clone)]
pub struct BlobStore {
    pool: SqlitePool,
    data_dir: PathBuf,
}

/// Blob names are 32 lowercase hex digits, made here; anything else is refused.
fn valid_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn random<const N: usize>() -> [u8; N] {
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

impl BlobStore {
    /// Opens (creating) the blob store in `data_dir`. Blobs an earlier
    /// release kept as files under `vault/blobs` are moved in, each in its
    /// own transaction, then their files and folders removed.
    pub async fn open(data_dir: &Path) -> Result<BlobStore, StoreError> {
        crate::secure_data_dir(data_dir)?;
        let path = data_dir.join(VAULT_FILE);
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .page_size(65536)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
        sqlx::query(SCHEMA).execute(&pool).await?;
        for table in crate::sqlite::inbox::SCHEMA {
            sqlx::query(*table).execute(&pool).await?;
        }
        let store = BlobStore { pool, data_dir: data_dir.to_owned() };
        store.move_files_in().await?;
        Ok(store)
    }

    async fn move_files_in(&self) -> Result<(), StoreError> {
        let vault = self.data_dir.join("vault");
        let io = |source| StoreError::DataDir { path: vault.display().to_string(), source };
        let blobs = vault.join("blobs");
        if let Ok(entries) = std::fs::read_dir(&blobs) {
            for entry in entries {
                let path = entry.map_err(io)?.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if valid_name(&name) {
                    let bytes = std::fs::read(&path).map_err(io)?;
                    let mut tx = self.pool.begin().await?;
                    for (seq, chunk) in bytes.chunks(CHUNK).enumerate() {
                        sqlx::query("INSERT OR REPLACE INTO intake_blob_chunks (blob, seq, data) VALUES (?, ?, ?)")
                            .bind(&name)
                            .bind(seq as i64)
                            .bind(chunk)
                            .execute(&mut *tx)
                            .await?;
                    }
                    tx.commit().await?;
                    sqlx::query("PRAGMA wal_checkpoint(FULL)").execute(&self.pool).await?;
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

    /// Chunk `seq` of blob `name`, if it is here.
    pub(crate) async fn read_chunk(&self, name: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(sqlx::query_scalar("SELECT data FROM intake_blob_chunks WHERE blob = ? AND seq = ?")
            .bind(name)
            .bind(seq)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether blob `name` is here.
    pub(crate) async fn holds(&self, name: &str) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM intake_blob_chunks WHERE blob = ? AND seq = 0")
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    /// Bytes free for the server on the disk that holds the database, if the system says.
    pub fn free_space(&self) -> Option<u64> {
        let st = rustix::fs::statvfs(&self.data_dir).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }

    /// A new blob to write (from a blocking thread); it counts only once a row names it.
    pub fn create(&self) -> io::Result<Incoming> {
        Ok(Incoming::new(self.pool.clone(), handle()?, self.data_dir.join(VAULT_FILE)))
    }

    /// Opens a stored blob for reading (from a blocking thread).
    pub async fn open_blob(&self, name: &str) -> io::Result<BlobReader> {
        if !valid_name(name) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a blob name"));
        }
        let found: Option<i64> = sqlx::query_scalar("SELECT seq FROM intake_blob_chunks WHERE blob = ? AND seq = 0")
            .bind(name)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_error)?;
        if found.is_none() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such blob"));
        }
        Ok(BlobReader {
            name: name.to_owned(),
            pool: self.pool.clone(),
            handle: handle()?,
            chunk: Vec::new(),
            pos: 0,
            next: 0,
            ended: false,
        })
    }

    /// Deletes blobs (a purge, or files whose rows were never committed).
    /// Missing blobs are not an error.
    pub async fn delete(&self, names: &[String]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for name in names.iter().filter(|n| valid_name(n)) {
            sqlx::query("DELETE FROM intake_blob_chunks WHERE blob = ?").bind(name).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        self.stamp_files();
        Ok(())
    }

    /// Removes the chunks of every blob not in `known` (the blobs rows
    /// name): what uploads cut off by a crash left. Run at start, before any
    /// upload. Returns how many blobs.
    pub async fn sweep(&self, known: &std::collections::HashSet<String>) -> Result<usize, StoreError> {
        let all: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT blob FROM intake_blob_chunks").fetch_all(&self.pool).await?;
        let orphans: Vec<String> = all.into_iter().filter(|b| !known.contains(b)).collect();
        self.delete(&orphans).await?;
        Ok(orphans.len())
    }

    /// After a source's write: the blob database's files show this moment,
    /// whatever wrote into them before (see [`crate::SqliteStore`]).
    pub fn stamp_files(&self) {
        crate::sqlite::stamp_files(&self.data_dir.join(VAULT_FILE));
    }
}

/// A blob being written. Dropped without [`Incoming::commit`], its chunks are deleted.
///
/// Chunks go to a task that inserts them while the next one is encrypted,
/// two at most in between, so the encrypting thread and the database work side
/// by side.
pub struct Incoming {
    pub name: String,
    handle: tokio::runtime::Handle,
    pool: SqlitePool,
    buffer: Vec<u8>,
    chunks: Option<tokio::sync::mpsc::Sender<Vec<u8>>>,
    /// Inserts the chunks; gives the number the last one (written at commit) takes.
    writer: Option<tokio::task::JoinHandle<Result<i64, sqlx::Error>>>,
    done: bool,
    /// The blob database's file, stamped once the blob is durable.
    file: PathBuf,
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Incoming({})", self.name)
    }
}

impl Incoming {
    fn new(pool: SqlitePool, handle: tokio::runtime::Handle, file: PathBuf) -> Incoming {
        let name = hex::encode(random::<16>());
        let (chunks, mut arriving) = tokio::sync::mpsc::channel::<Vec<u8>>(2);
        let (writer_pool, blob) = (pool.clone(), name.clone());
        let writer = handle.spawn(async move {
            let mut seq: i64 = 0;
            while let Some(chunk) = arriving.recv().await {
                sqlx::query("INSERT INTO intake_blob_chunks (blob, seq, data) VALUES (?, ?, ?)")
                    .bind(&blob)
                    .bind(seq)
                    .bind(chunk)
                    .execute(&writer_pool)
                    .await?;
                seq += 1;
            }
            Ok(seq)
        });
        Incoming {
            name,
            handle,
            pool,
            buffer: Vec::with_capacity(CHUNK),
            chunks: Some(chunks),
            writer: Some(writer),
            done: false,
            file,
        }
    }

    /// Hands the buffer to the writing task (blocking while two wait).
    fn send_chunk(&mut self) -> io::Result<()> {
        let chunk = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        let sender = self.chunks.as_ref().ok_or_else(|| io::Error::other("blob already committed"))?;
        sender.blocking_send(chunk).map_err(|_| io::Error::other("the blob's writer stopped"))
    }

    /// Gives the blob up: waits for its writer, and returns its name for
    /// [`BlobStore::delete`] to remove what was written, before the answer goes out.
    pub async fn abandon(mut self) -> String {
        self.done = true;
        self.chunks = None;
        if let Some(w) = self.writer.take() {
            let _ = w.await;
        }
        std::mem::take(&mut self.name)
    }

    /// Writes what is left, waits until every chunk is stored, and makes
    /// them durable: the last chunk commits with `synchronous = FULL`, whose
    /// fsync of the WAL covers every chunk before it. Blocking.
    pub fn commit(mut self) -> io::Result<String> {
        if self.done {
            return Err(io::Error::other("blob already committed"));
        }
        self.chunks = None;
        let writer = self.writer.take().ok_or_else(|| io::Error::other("blob already committed"))?;
        let seq = self.handle.block_on(writer).map_err(io::Error::other)?.map_err(db_error)?;
        let last = std::mem::take(&mut self.buffer);
        let (pool, name) = (self.pool.clone(), self.name.clone());
        self.handle
            .block_on(async move {
                let mut c = pool.acquire().await?;
                sqlx::query("PRAGMA synchronous = FULL").execute(&mut *c).await?;
                let stored = sqlx::query("INSERT INTO intake_blob_chunks (blob, seq, data) VALUES (?, ?, ?)")
                    .bind(&name)
                    .bind(seq)
                    .bind(last)
                    .execute(&mut *c)
                    .await;
                sqlx::query("PRAGMA synchronous = NORMAL").execute(&mut *c).await?;
                stored.map(|_| ())
            })
            .map_err(db_error)?;
        crate::sqlite::stamp_files(&self.file);
        self.done = true;
        Ok(std::mem::take(&mut self.name))
    }
}

impl Write for Incoming {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.done {
            return Err(io::Error::other("blob already committed"));
        }
        let take = (CHUNK - self.buffer.len()).min(buf.len());
        self.buffer.extend_from_slice(&buf[..take]);
        if self.buffer.len() == CHUNK {
            self.send_chunk()?;
        }
        Ok(take)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        // Possibly on an async thread: the writer is stopped and what it wrote
        // deleted by a task.
        self.chunks = None;
        let (pool, name, writer) = (self.pool.clone(), std::mem::take(&mut self.name), self.writer.take());
        self.handle.spawn(async move {
            if let Some(w) = writer {
                let _ = w.await;
            }
            let _ = sqlx::query("DELETE FROM intake_blob_chunks WHERE blob = ?").bind(name).execute(&pool).await;
        });
    }
}

/// A stored blob, read chunk by chunk (from a blocking thread).
pub struct BlobReader {
    name: String,
    pool: SqlitePool,
    handle: tokio::runtime::Handle,
    chunk: Vec<u8>,
    pos: usize,
    next: i64,
    ended: bool,
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.chunk.len() {
            if self.ended {
                return Ok(0);
            }
            let query =
                sqlx::query_scalar::<_, Vec<u8>>("SELECT data FROM intake_blob_chunks WHERE blob = ? AND seq = ?")
                    .bind(&self.name)
                    .bind(self.next);
            match self.handle.block_on(query.fetch_optional(&self.pool)).map_err(db_error)? {
                Some(data) => {
                    self.chunk = data;
                    self.pos = 0;
                    self.next += 1;
                }
                None => self.ended = true,
            }
        }
        let n = (self.chunk.len() - self.pos).min(buf.len());
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn blobs_are_chunks_until_a_row_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::SqliteStore::open(dir.path()).await.unwrap();
        db.migrate().await.unwrap();
        // A blob an earlier release kept as a file is moved in.
        let legacy = "0123456789abcdef0123456789abcdef";
        std::fs::create_dir_all(dir.path().join("vault/blobs")).unwrap();
        std::fs::write(dir.path().join("vault/blobs").join(legacy), b"old ciphertext").unwrap();
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
        let big: Vec<u8> = (0..CHUNK * 2 + 10).map(|i| (i % 251) as u8).collect();
        let (small, large, dropped) = {
            let s = store.clone();
            let big = big.clone();
            tokio::task::spawn_blocking(move || {
                let mut a = s.create().unwrap();
                a.write_all(b"ciphertext").unwrap();
                let mut b = s.create().unwrap();
                b.write_all(&big).unwrap();
                let mut c = s.create().unwrap();
                c.write_all(&vec![1u8; CHUNK + 1]).unwrap();
                let dropped = c.name.clone();
                drop(c);
                (a.commit().unwrap(), b.commit().unwrap(), dropped)
            })
            .await
            .unwrap()
        };
        assert_eq!(read(small.clone()).await.unwrap(), b"ciphertext");
        assert_eq!(read(large.clone()).await.unwrap(), big);
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(read(dropped).await.is_err(), "a dropped blob is deleted");
        assert!(store.open_blob("../inferno.sqlite3").await.is_err());
        // No row names the new ones: a crash would leave them, and a sweep removes them.
        // Only the legacy blob is named by a row here.
        assert_eq!(store.sweep(&[legacy.to_owned()].into()).await.unwrap(), 2);
        assert!(read(small).await.is_err());
        assert_eq!(read(legacy.to_owned()).await.unwrap(), b"old ciphertext", "what a row names stays");
        store.delete(&[large]).await.unwrap();
    }
}
