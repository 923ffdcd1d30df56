//! The blob store: the age ciphertext of the files sources send, kept inside
//! the database in chunks of [`CHUNK`] bytes (table `intake_blob_chunks`).
//!
//! Why not one file per blob: a file system records when each file was
//! created and last changed, and those times cannot be set back. A seized
//! disk would tell, to the nanosecond, when every file arrived, which can be
//! matched against network observations of a suspect. Inside the database
//! the bytes sit in pages of one file that every write touches, so at most
//! the time of the latest write is visible.
//!
//! Chunks are written as they arrive, each in its own short transaction (an
//! upload over Tor may take an hour and must not hold the database's one
//! write lock), on connections that do not fsync every chunk. They are made
//! durable by the commit that names them: the submission's rows commit with
//! `synchronous = FULL`, whose fsync of the WAL covers every frame before it.
//! A crash leaves only chunks of blobs no row names, and [`BlobStore::sweep`]
//! removes them at the next start.

use crate::StoreError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Bytes of ciphertext in one row.
pub const CHUNK: usize = 1024 * 1024;

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
    /// Opens the blob store in the (migrated) database of `data_dir`. Blobs
    /// an earlier release kept as files under `vault/blobs` are moved in,
    /// each in its own transaction, then their files and folders removed.
    pub async fn open(data_dir: &Path) -> Result<BlobStore, StoreError> {
        let path = data_dir.join(crate::sqlite::DATABASE_FILE);
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await
            .map_err(|source| StoreError::Open { path: path.display().to_string(), source })?;
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

    /// Bytes free for the server on the disk that holds the database, if the system says.
    pub fn free_space(&self) -> Option<u64> {
        let st = rustix::fs::statvfs(&self.data_dir).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }

    /// A new blob to write (from a blocking thread: each chunk is a database
    /// write); it counts only once a row names it.
    pub fn create(&self) -> io::Result<Incoming> {
        Ok(Incoming {
            name: inferno_audit::hex(&random::<16>()),
            pool: self.pool.clone(),
            handle: handle()?,
            buffer: Vec::with_capacity(CHUNK),
            seq: 0,
            done: false,
        })
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
        Ok(())
    }

    /// Removes the chunks of every blob that no row names: what uploads cut
    /// off by a crash left. Run at start, before any upload. Returns how many blobs.
    pub async fn sweep(&self) -> Result<usize, StoreError> {
        let orphans = "SELECT DISTINCT blob FROM intake_blob_chunks WHERE blob NOT IN (SELECT blob FROM intake_files)";
        let names: Vec<String> = sqlx::query_scalar(orphans).fetch_all(&self.pool).await?;
        self.delete(&names).await?;
        Ok(names.len())
    }
}

/// A blob being written. Dropped without [`Incoming::commit`], its chunks are deleted.
pub struct Incoming {
    pub name: String,
    pool: SqlitePool,
    handle: tokio::runtime::Handle,
    buffer: Vec<u8>,
    seq: i64,
    done: bool,
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Incoming({})", self.name)
    }
}

impl Incoming {
    fn write_chunk(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() && self.seq > 0 {
            return Ok(());
        }
        let query = sqlx::query("INSERT INTO intake_blob_chunks (blob, seq, data) VALUES (?, ?, ?)")
            .bind(&self.name)
            .bind(self.seq)
            .bind(&self.buffer[..]);
        self.handle.block_on(query.execute(&self.pool)).map_err(db_error)?;
        self.seq += 1;
        self.buffer.clear();
        Ok(())
    }

    /// Gives the blob up: returns its name, for [`BlobStore::delete`] to
    /// remove what was written before the answer goes out.
    pub fn abandon(mut self) -> String {
        self.done = true;
        std::mem::take(&mut self.name)
    }

    /// Writes what is left; the blob becomes durable with the commit of the
    /// rows that name it. Blocking.
    pub fn commit(mut self) -> io::Result<String> {
        if self.done {
            return Err(io::Error::other("blob already committed"));
        }
        self.write_chunk()?;
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
            self.write_chunk()?;
        }
        Ok(take)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if self.done || self.seq == 0 {
            return;
        }
        // Possibly on an async thread: the deletion runs as a task.
        let (pool, name) = (self.pool.clone(), std::mem::take(&mut self.name));
        self.handle.spawn(async move {
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
    use crate::Store;

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
        // No row names any of them: a crash would leave them, and a sweep removes them.
        assert_eq!(store.sweep().await.unwrap(), 3);
        assert!(read(small).await.is_err());
        store.delete(&[large]).await.unwrap();
    }
}
