//! How an upload's extents reach the slab: straight to the disk
//! (`O_DIRECT`), from a thread of their own, while the encrypting thread
//! fills the next one.
//!
//! Why not through the page cache: there, the encrypting thread copied every
//! byte once more, and the kernel then wrote the dirty pages back under its
//! own limits, throttling the writer when they filled. `perf record` put the
//! copy alone at about 15 % of an upload's CPU on a 2-core VM, and `dd` there
//! wrote 1 GiB in 1.2–1.5 GB/s direct, against 0.2–1.3 GB/s buffered with an
//! `fdatasync` (bench/README.md, "The inbox's slab").
//!
//! Direct I/O wants the buffer, the offset and the length aligned to the
//! device's blocks. Extents start at multiples of [`BLOCK`] (see
//! [`super::Slab::reserve`]), buffers are [`Aligned`] windows, and a blob's
//! last extent is written padded with zeros up to a block: inside the room
//! reserved for it, while its row keeps the true length. Where the file
//! system refuses `O_DIRECT`, at open or at a write, the extents go through
//! the page cache as before; the `fdatasync` at commit is what makes either
//! durable.

use super::{BLOCK, CHUNK, Slab, in_blocks};
use std::io;
use std::os::unix::fs::{FileExt, OpenOptionsExt};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

/// Opens the slab for direct writes, if its file system allows them.
pub(super) fn open(path: &Path) -> Option<std::fs::File> {
    let flags = rustix::fs::OFlags::DIRECT.bits() as i32;
    match std::fs::OpenOptions::new().write(true).custom_flags(flags).open(path) {
        Ok(file) => Some(file),
        Err(e) => {
            tracing::info!(error = %e, "the inbox's slab cannot be opened for direct writes; it is written through the page cache");
            None
        }
    }
}

/// Room for one extent, starting at a block boundary of memory.
pub(crate) struct Aligned {
    raw: Vec<u8>,
    /// Where the aligned window starts in `raw`.
    at: usize,
    len: usize,
}

impl Aligned {
    pub(super) fn new() -> Aligned {
        let raw = vec![0u8; CHUNK + BLOCK as usize];
        let misalign = raw.as_ptr() as usize % BLOCK as usize;
        let at = (BLOCK as usize - misalign) % BLOCK as usize;
        Aligned { raw, at, len: 0 }
    }

    /// No room at all: what a buffer handed over leaves in its place.
    pub(super) fn none() -> Aligned {
        Aligned { raw: Vec::new(), at: 0, len: 0 }
    }

    /// Copies in what fits of `bytes`; gives how much.
    pub(super) fn fill(&mut self, bytes: &[u8]) -> usize {
        let take = (CHUNK - self.len).min(bytes.len());
        let from = self.at + self.len;
        self.raw[from..from + take].copy_from_slice(&bytes[..take]);
        self.len += take;
        take
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn is_full(&self) -> bool {
        self.len == CHUNK
    }

    fn bytes(&self) -> &[u8] {
        &self.raw[self.at..self.at + self.len]
    }

    /// The bytes, zero-padded up to a whole block.
    fn padded(&mut self) -> &[u8] {
        let end = self.at + in_blocks(self.len as u64) as usize;
        self.raw[self.at + self.len..end].fill(0);
        &self.raw[self.at..end]
    }
}

impl Slab {
    /// Writes `buf` at `start` (reserved for it): directly if the file
    /// system allows, else through the page cache.
    pub(super) fn write_extent(&self, buf: &mut Aligned, start: u64) -> io::Result<()> {
        if let Some(direct) = self.direct.as_ref().filter(|_| self.writes_direct()) {
            match direct.write_all_at(buf.padded(), start) {
                Ok(()) => return Ok(()),
                // A file system that opened the file so but cannot write it so.
                Err(e) if e.raw_os_error() == Some(rustix::io::Errno::INVAL.raw_os_error()) => {
                    tracing::info!("the inbox's slab refuses direct writes; it is written through the page cache");
                    self.buffered.store(true, Ordering::Relaxed);
                }
                Err(e) => return Err(e),
            }
        }
        self.file.write_all_at(buf.bytes(), start)
    }
}

/// The thread that writes one blob's extents while the next is filled: at
/// most one extent in its hands, so a blob being written holds at most two
/// buffers.
pub(super) struct Behind {
    jobs: Option<mpsc::SyncSender<(Aligned, u64)>>,
    done: mpsc::Receiver<(Aligned, io::Result<()>)>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Whether an extent is being written.
    busy: bool,
}

impl Behind {
    pub(super) fn start(slab: Arc<Slab>) -> io::Result<Behind> {
        let (jobs, work) = mpsc::sync_channel::<(Aligned, u64)>(1);
        let (finished, done) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new().name("inbox-write".into()).spawn(move || {
            for (mut buf, start) in work {
                let written = slab.write_extent(&mut buf, start);
                if finished.send((buf, written)).is_err() {
                    break;
                }
            }
        })?;
        Ok(Behind { jobs: Some(jobs), done, thread: Some(thread), busy: false })
    }

    /// Hands `buf` over to be written at `start`; gives back an empty buffer
    /// (the one written before, once it is), or the error that write met.
    pub(super) fn write(&mut self, buf: Aligned, start: u64) -> io::Result<Aligned> {
        let spare = self.wait()?;
        let jobs = self.jobs.as_ref().ok_or_else(stopped)?;
        jobs.send((buf, start)).map_err(|_| stopped())?;
        self.busy = true;
        Ok(spare.unwrap_or_else(Aligned::new))
    }

    /// Waits for the extent in hand, if any, to be written; gives its buffer, emptied.
    pub(super) fn wait(&mut self) -> io::Result<Option<Aligned>> {
        if !self.busy {
            return Ok(None);
        }
        self.busy = false;
        let (mut buf, written) = self.done.recv().map_err(|_| stopped())?;
        written?;
        buf.len = 0;
        Ok(Some(buf))
    }
}

/// The writer thread is gone (it panicked, or was never there).
fn stopped() -> io::Error {
    io::Error::other("the inbox's writer has stopped")
}

impl Drop for Behind {
    /// Waits for the write in hand: space freed after this stays free.
    fn drop(&mut self) {
        self.jobs = None;
        let _ = self.wait();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
