//! The blob store: the age files of what sources send, one file each, in
//! `DATA_DIR/vault/blobs`. A blob is written under `vault/incoming` first,
//! fsynced, then renamed into place; a crash leaves only incoming files and
//! blobs no row names, and [`BlobStore::sweep`] removes both at the next start.
//! Blobs are stamped with the day only, like the rows that name them.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone)]
pub struct BlobStore {
    blobs: PathBuf,
    incoming: PathBuf,
}

fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Blob names are 32 lowercase hex digits, made here; anything else is refused.
fn valid_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Midnight (UTC) of today: the only time a blob's timestamps may show.
fn today_midnight() -> SystemTime {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs(secs - secs % 86_400)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

impl BlobStore {
    /// Opens (creating) the blob store under `data_dir/vault`.
    pub fn open(data_dir: &Path) -> io::Result<BlobStore> {
        let vault = data_dir.join("vault");
        let store = BlobStore { blobs: vault.join("blobs"), incoming: vault.join("incoming") };
        private_dir(&store.blobs)?;
        private_dir(&store.incoming)?;
        Ok(store)
    }

    /// Bytes free for the server on the disk that holds the blobs, if the
    /// system says.
    pub fn free_space(&self) -> Option<u64> {
        let st = rustix::fs::statvfs(&self.blobs).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }

    /// A new blob to write; it becomes visible only through [`Incoming::commit`].
    pub fn create(&self) -> io::Result<Incoming> {
        let name = inferno_audit::hex(&random::<16>());
        let path = self.incoming.join(&name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        Ok(Incoming {
            name,
            writer: Some(BufWriter::with_capacity(64 * 1024, file)),
            path,
            blobs: self.blobs.clone(),
            unflushed: 0,
            flusher: None,
        })
    }

    /// Opens a stored blob for reading.
    pub fn open_blob(&self, name: &str) -> io::Result<File> {
        if !valid_name(name) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a blob name"));
        }
        File::open(self.blobs.join(name))
    }

    /// Deletes stored blobs (a purge, or a submission whose row was never
    /// committed). Missing blobs are not an error.
    pub fn delete(&self, names: &[String]) -> io::Result<()> {
        for name in names.iter().filter(|n| valid_name(n)) {
            match fs::remove_file(self.blobs.join(name)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        sync_dir(&self.blobs)
    }

    /// Removes what an interrupted upload left: every incoming file, and every
    /// blob that no row names. Returns how many files it removed.
    pub fn sweep(&self, known: &HashSet<String>) -> io::Result<usize> {
        let mut removed = 0;
        for entry in fs::read_dir(&self.incoming)? {
            fs::remove_file(entry?.path())?;
            removed += 1;
        }
        for entry in fs::read_dir(&self.blobs)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !known.contains(&name) {
                fs::remove_file(entry.path())?;
                removed += 1;
            }
        }
        if removed > 0 {
            sync_dir(&self.incoming)?;
            sync_dir(&self.blobs)?;
        }
        Ok(removed)
    }
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b
}

/// A blob being written. Dropped without [`Incoming::commit`], it is deleted.
pub struct Incoming {
    pub name: String,
    writer: Option<BufWriter<File>>,
    path: PathBuf,
    blobs: PathBuf,
    /// Bytes written since the last early flush was asked for.
    unflushed: u64,
    flusher: Option<Flusher>,
}

/// Every this many bytes, the blob's pages are sent to the disk in the
/// background, so that the fsync before the receipt has little left to do and
/// the disk works while the upload is still arriving.
const EARLY_FLUSH: u64 = 32 * 1024 * 1024;

/// A thread that fsyncs a blob's data when asked, beside the writer.
struct Flusher {
    ask: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Flusher {
    fn start(file: File) -> Flusher {
        // One request may wait; more would only repeat it.
        let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::spawn(move || {
            while asked.recv().is_ok() {
                let _ = file.sync_data();
            }
        });
        Flusher { ask, thread }
    }

    fn stop(self) {
        drop(self.ask);
        let _ = self.thread.join();
    }
}

impl std::fmt::Debug for Incoming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Incoming({})", self.name)
    }
}

impl Write for Incoming {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let writer = self.writer.as_mut().ok_or_else(|| io::Error::other("blob already committed"))?;
        let n = writer.write(buf)?;
        self.unflushed += n as u64;
        if self.unflushed >= EARLY_FLUSH {
            self.unflushed = 0;
            if self.flusher.is_none() {
                self.flusher = Some(Flusher::start(writer.get_ref().try_clone()?));
            }
            if let Some(f) = &self.flusher {
                let _ = f.ask.try_send(());
            }
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.as_mut().map_or(Ok(()), |w| w.flush())
    }
}

impl Incoming {
    /// Makes the blob durable and moves it into the store: flush, fsync the
    /// file, stamp it with the day, rename, fsync the directory. Blocking.
    pub fn commit(mut self) -> io::Result<String> {
        let writer = self.writer.take().ok_or_else(|| io::Error::other("blob already committed"))?;
        if let Some(f) = self.flusher.take() {
            f.stop();
        }
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        let midnight = today_midnight();
        file.set_times(fs::FileTimes::new().set_modified(midnight).set_accessed(midnight))?;
        file.sync_all()?;
        drop(file);
        fs::rename(&self.path, self.blobs.join(&self.name))?;
        sync_dir(&self.blobs)?;
        Ok(std::mem::take(&mut self.name))
    }
}

impl Drop for Incoming {
    fn drop(&mut self) {
        if let Some(f) = self.flusher.take() {
            f.stop();
        }
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::open(dir.path()).unwrap();
        let mut a = store.create().unwrap();
        a.write_all(b"ciphertext").unwrap();
        let name = a.commit().unwrap();
        assert!(valid_name(&name));
        let mut b = store.create().unwrap();
        b.write_all(b"half").unwrap();
        drop(b);
        // Large enough to be flushed early, in the background, on the way.
        let big = vec![7u8; (EARLY_FLUSH * 2 + 10) as usize];
        let mut c = store.create().unwrap();
        c.write_all(&big).unwrap();
        let big_name = c.commit().unwrap();
        assert_eq!(fs::read(dir.path().join("vault/blobs").join(&big_name)).unwrap(), big);
        store.delete(std::slice::from_ref(&big_name)).unwrap();
        assert_eq!(fs::read_dir(dir.path().join("vault/incoming")).unwrap().count(), 0);
        assert_eq!(fs::read(dir.path().join("vault/blobs").join(&name)).unwrap(), b"ciphertext");
        let meta = fs::metadata(dir.path().join("vault/blobs").join(&name)).unwrap();
        let secs = meta.modified().unwrap().duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(secs % 86_400, 0, "only the day shows");

        // A crash: an incoming file and a blob nobody names.
        let c = store.create().unwrap();
        std::mem::forget(c);
        let orphan = store.create().unwrap().commit().unwrap();
        let known: HashSet<String> = [name.clone()].into();
        assert_eq!(store.sweep(&known).unwrap(), 2);
        assert!(store.open_blob(&name).is_ok());
        assert!(store.open_blob(&orphan).is_err());
        assert!(store.open_blob("../inferno.sqlite3").is_err());
        store.delete(std::slice::from_ref(&name)).unwrap();
        assert!(store.open_blob(&name).is_err());
    }
}
