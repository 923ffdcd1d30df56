//! Large kept bodies, copied once into a shared-memory file so that a
//! connection can hand them to the kernel with `sendfile` rather than copy
//! them into the socket on every request.
//!
//! Why: sending a 41 KB page with nothing else to do, a server thread spent
//! over a quarter of its time copying the body into the socket
//! (`_copy_from_iter` under `perf`); nginx sends its files with `sendfile`,
//! which passes pages by reference, and served the same bytes 1.25 times
//! as fast.
//!
//! How: a body of at least [`MIN`] bytes is written into one `memfd` at an
//! offset never used before (offsets only grow; the file is sparse, so that
//! costs nothing) and kept on the heap as well, because this workspace
//! forbids `unsafe` and mapping the file would need it. The body's [`Bytes`]
//! owns both; while it lives, its heap address leads to its offset
//! ([`find`]), which is how [`super::sendfile::PageStream`] recognises it
//! among the buffers hyper writes. When the last clone is dropped the
//! body's pages are punched out of the file: the memory comes back, and a
//! copy the kernel still holds for a socket keeps its own reference to the
//! old pages, so nothing already sent can change.

use bytes::Bytes;

/// Bodies smaller than this stay on the heap: one copy into the socket costs
/// less than a second system call.
pub const MIN: usize = 16 * 1024;

/// The body as [`Bytes`], on the shelf if it is large enough and the shelf
/// could be made (it cannot where `memfd_create` is refused), else on the
/// heap alone.
pub fn hold(body: Vec<u8>) -> Bytes {
    #[cfg(target_os = "linux")]
    if body.len() >= MIN
        && let Some(shelf) = linux::shelf()
    {
        return shelf.hold(body);
    }
    Bytes::from(body)
}

/// Bytes the shelf keeps besides the heap copy, for a body of `len` bytes.
pub fn extra_weight(len: usize) -> usize {
    if cfg!(target_os = "linux") && len >= MIN { len } else { 0 }
}

#[cfg(target_os = "linux")]
pub use linux::find;

#[cfg(target_os = "linux")]
mod linux {
    use bytes::Bytes;
    use rustix::fs::{FallocateFlags, MemfdFlags};
    use std::collections::BTreeMap;
    use std::fs::File;
    use std::os::fd::{AsFd, BorrowedFd};
    use std::os::unix::fs::FileExt;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{OnceLock, RwLock};

    const PAGE: u64 = 4096;

    pub(super) struct Shelf {
        file: File,
        /// The next unused offset: every body starts on a page of its own,
        /// so punching it out frees exactly its pages.
        next: AtomicU64,
        /// Bodies held, by the address of their heap copy.
        held: RwLock<BTreeMap<usize, Span>>,
    }

    struct Span {
        end: usize,
        offset: u64,
    }

    /// The owner of one body: its heap copy and its place in the file.
    struct Held {
        body: Box<[u8]>,
        offset: u64,
        shelf: &'static Shelf,
    }

    impl AsRef<[u8]> for Held {
        fn as_ref(&self) -> &[u8] {
            &self.body
        }
    }

    impl Drop for Held {
        fn drop(&mut self) {
            // Forgotten before the heap copy is freed, so that no other
            // body at this address can be taken for this one.
            let start = self.body.as_ptr() as usize;
            self.shelf.held.write().unwrap_or_else(|e| e.into_inner()).remove(&start);
            let _ = rustix::fs::fallocate(
                self.shelf.file.as_fd(),
                FallocateFlags::PUNCH_HOLE | FallocateFlags::KEEP_SIZE,
                self.offset,
                (self.body.len() as u64).next_multiple_of(PAGE),
            );
        }
    }

    /// Whether shared memory may be given huge pages: punching a hole in
    /// part of one zeroes that part in place, under a copy the kernel may
    /// still be sending, so the shelf is not used then.
    fn huge_pages_possible() -> bool {
        let Ok(setting) = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/shmem_enabled") else {
            return false;
        };
        let chosen = setting.split_whitespace().find(|w| w.starts_with('[')).unwrap_or("[never]");
        !matches!(chosen, "[never]" | "[deny]" | "[advise]")
    }

    pub(super) fn shelf() -> Option<&'static Shelf> {
        static SHELF: OnceLock<Option<Shelf>> = OnceLock::new();
        SHELF
            .get_or_init(|| {
                if huge_pages_possible() {
                    return None;
                }
                let fd = rustix::fs::memfd_create("inferno-pages", MemfdFlags::CLOEXEC).ok()?;
                Some(Shelf { file: File::from(fd), next: AtomicU64::new(0), held: RwLock::new(BTreeMap::new()) })
            })
            .as_ref()
    }

    impl Shelf {
        pub(super) fn hold(&'static self, body: Vec<u8>) -> Bytes {
            let body = body.into_boxed_slice();
            let len = body.len() as u64;
            let offset = self.next.fetch_add(len.next_multiple_of(PAGE), Ordering::Relaxed);
            if self.file.write_all_at(&body, offset).is_err() {
                // Out of memory for the file (a tmpfs limit): the heap copy serves.
                let _ = rustix::fs::fallocate(
                    self.file.as_fd(),
                    FallocateFlags::PUNCH_HOLE | FallocateFlags::KEEP_SIZE,
                    offset,
                    len.next_multiple_of(PAGE),
                );
                return Bytes::from(body);
            }
            let start = body.as_ptr() as usize;
            self.held
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(start, Span { end: start + body.len(), offset });
            Bytes::from_owner(Held { body, offset, shelf: self })
        }
    }

    /// The shelf's file and the offset of `slice` in it, if `slice` lies
    /// within a body held there (whole, or from the middle on: a socket may
    /// take part of a body and be given the rest later).
    pub fn find(slice: &[u8]) -> Option<(BorrowedFd<'static>, u64)> {
        let shelf = shelf()?;
        let start = slice.as_ptr() as usize;
        let held = shelf.held.read().unwrap_or_else(|e| e.into_inner());
        let (&from, span) = held.range(..=start).next_back()?;
        (start + slice.len() <= span.end).then(|| (shelf.file.as_fd(), span.offset + (start - from) as u64))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn read_back(fd: BorrowedFd<'_>, offset: u64, len: usize) -> Vec<u8> {
            let mut out = vec![0; len];
            let n = rustix::io::pread(fd, &mut out, offset).unwrap();
            out.truncate(n);
            out
        }

        #[test]
        fn a_held_body_is_found_whole_and_from_its_middle_and_forgotten_when_dropped() {
            let body: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
            let bytes = super::super::hold(body.clone());
            assert_eq!(&bytes[..], &body[..]);
            let (fd, offset) = find(&bytes).expect("a large body is on the shelf");
            assert_eq!(read_back(fd, offset, body.len()), body);
            let tail = bytes.slice(10_000..);
            let (fd, at) = find(&tail).expect("a slice of it is found too");
            assert_eq!(at, offset + 10_000);
            assert_eq!(read_back(fd, at, 100), body[10_000..10_100]);
            // A slice that runs past the body is not taken for it.
            let past = Bytes::from(vec![0u8; 10]);
            assert!(find(&past).is_none());
            drop(bytes);
            assert!(find(&tail).is_some(), "a clone still holds it");
            drop(tail);
            let small = super::super::hold(vec![1; 100]);
            assert!(find(&small).is_none(), "small bodies stay on the heap");
            let gone = read_back(shelf().unwrap().file.as_fd(), offset, 4096);
            assert!(gone.iter().all(|&b| b == 0), "its pages were punched out of the file");
        }
    }
}
