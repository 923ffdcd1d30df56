//! Rendered pages kept in memory, compressed once.

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

/// A response body ready to send in any encoding the client accepts.
#[derive(Debug)]
pub struct Prepared {
    pub status: StatusCode,
    pub content_type: HeaderValue,
    pub content_language: Option<HeaderValue>,
    pub cache_control: HeaderValue,
    /// Replaces the site-wide Content-Security-Policy (the base map's SVG needs its own styles).
    pub csp: Option<HeaderValue>,
    /// Weak, since the same ETag covers every encoding of the same bytes.
    pub etag: HeaderValue,
    pub identity: Bytes,
    /// Whether the body is worth compressing at all.
    compress: bool,
    /// Each encoding made the first time a client asks for it, then kept:
    /// a page no client fetches compressed costs no compression (Brotli at
    /// quality 10 is most of what rendering a page costs).
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
    /// The content version it was rendered at (pages only).
    pub version: i64,
    /// The day it was made (days since 1970-01-01, UTC): a page says the
    /// day it was read in its citation ("accessed"), so a kept page is
    /// made again the next day.
    made_on: i64,
    /// Readable by scripts of any origin (`Access-Control-Allow-Origin: *`):
    /// open data and the API, never a page.
    pub any_origin: bool,
    /// Kept in the page cache, and so worth sending by `sendfile`: its
    /// large bodies are on the shelf (see [`super::shelf`]). A body made for
    /// one answer is not: copying it there would cost what it saves.
    kept: bool,
}

/// Today, as days since 1970-01-01 (UTC).
fn today() -> i64 {
    inferno_domain::date::unix_seconds().div_euclid(86_400)
}

/// Bodies smaller than this go out as they are: compression would not pay.
const MIN_COMPRESS: usize = 512;

impl Prepared {
    pub fn new(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Prepared {
        let compress = body.len() >= MIN_COMPRESS;
        Self::build(status, content_type, body, compress)
    }

    /// A body sent as it is: an error page, rendered for one answer and never
    /// kept, is not worth compressing at the highest levels.
    pub fn uncompressed(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Prepared {
        Self::build(status, content_type, body, false)
    }

    /// Bytes it may hold in memory, all encodings together, counted when it
    /// is kept: its body, and as much again for the two compressed forms it
    /// may make later (text compresses to well under half, each).
    /// A kept large body is also held on the shelf (see [`super::shelf`]),
    /// and counted again for it (its compressed forms too, at their most).
    pub fn weight(&self) -> usize {
        let n = self.identity.len();
        let forms = n * if self.compress { 2 } else { 1 };
        let shelved = if self.kept { super::shelf::extra_weight(n) * if self.compress { 2 } else { 1 } } else { 0 };
        forms + shelved + 512
    }

    /// Marks it kept: its body moves onto the shelf, as will the
    /// compressed forms it makes later.
    fn keep(&mut self) {
        self.kept = true;
        let body = std::mem::take(&mut self.identity);
        self.identity = super::shelf::hold(Vec::from(body));
    }

    /// A body made now, on the shelf if this is kept.
    fn held(&self, body: Vec<u8>) -> Bytes {
        if self.kept { super::shelf::hold(body) } else { Bytes::from(body) }
    }

    /// The body gzipped, if it is worth it: made on first use, then kept.
    pub fn gzip(&self) -> Option<&Bytes> {
        self.compress.then(|| self.gzip.get_or_init(|| self.held(gzip(&self.identity))))
    }

    /// The body in Brotli, if it is worth it: made on first use, then kept.
    pub fn brotli(&self) -> Option<&Bytes> {
        self.compress.then(|| self.brotli.get_or_init(|| self.held(brotli(&self.identity))))
    }

    fn build(status: StatusCode, content_type: &'static str, body: Vec<u8>, compress: bool) -> Prepared {
        let digest = Sha256::digest(&body);
        let etag = format!("W/\"{}\"", hex::encode(&digest[..12]));
        Prepared {
            status,
            content_type: HeaderValue::from_static(content_type),
            content_language: None,
            cache_control: HeaderValue::from_static("no-cache"),
            csp: None,
            etag: HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\"")),
            identity: Bytes::from(body),
            compress,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            version: 0,
            made_on: today(),
            any_origin: false,
            kept: false,
        }
    }
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(body);
    enc.finish().unwrap_or_default()
}

/// Bodies larger than this are compressed at a lower Brotli quality.
const BROTLI_BEST_UP_TO: usize = 128 * 1024;

fn brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 3);
    // Quality 10 costs about half a second per megabyte here (a map of
    // 3,000 sites: 0.55 s), and a page is compressed whenever the data
    // changes; quality 6 takes a fifteenth of that for a body a fifth larger.
    let quality = if body.len() <= BROTLI_BEST_UP_TO { 10 } else { 6 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    out
}

/// Most bytes of pages kept at once. Keys are canonical URLs of pages that
/// exist (a filter value no site has is a 404, never cached), so the pages
/// are bounded by the data; this bound guards memory whatever the data.
const MAX_BYTES: usize = 96 * 1024 * 1024;

/// Pages by canonical URL. When full, the least recently used go first.
pub struct PageCache {
    pages: RwLock<Pages>,
    clock: AtomicU64,
    max_bytes: usize,
}

#[derive(Default)]
struct Pages {
    map: HashMap<String, Entry>,
    bytes: usize,
}

struct Entry {
    page: Arc<Prepared>,
    used: AtomicU64,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::with_budget(MAX_BYTES)
    }
}

impl PageCache {
    pub fn new() -> PageCache {
        PageCache::default()
    }

    pub fn with_budget(max_bytes: usize) -> PageCache {
        PageCache { pages: RwLock::new(Pages::default()), clock: AtomicU64::new(0), max_bytes }
    }

    fn tick(&self) -> u64 {
        self.clock.fetch_add(1, Ordering::Relaxed)
    }

    /// A page rendered at `version` today, if there is one.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<Prepared>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        let e = pages.map.get(key).filter(|e| e.page.version == version && e.page.made_on == today())?;
        e.used.store(self.tick(), Ordering::Relaxed);
        Some(e.page.clone())
    }

    /// Keeps `page` under `key` (unless it alone is larger than the
    /// budget), and hands it back to send.
    pub fn insert(&self, key: String, mut page: Prepared) -> Arc<Prepared> {
        page.kept = true;
        let weight = page.weight();
        if weight > self.max_bytes {
            page.kept = false;
            return Arc::new(page);
        }
        page.keep();
        let page = Arc::new(page);
        let kept = page.clone();
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = pages.map.remove(&key) {
            pages.bytes -= old.page.weight();
        }
        while pages.bytes + weight > self.max_bytes {
            // Evicting is rare (the cache is sized for every page); a scan is enough.
            let Some(oldest) =
                pages.map.iter().min_by_key(|(_, e)| e.used.load(Ordering::Relaxed)).map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(e) = pages.map.remove(&oldest) {
                pages.bytes -= e.page.weight();
            }
        }
        pages.bytes += weight;
        pages.map.insert(key, Entry { page: kept, used: AtomicU64::new(self.tick()) });
        page
    }

    pub fn clear(&self) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        pages.map.clear();
        pages.bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize) -> Prepared {
        Prepared::uncompressed(StatusCode::OK, "text/plain", vec![b'x'; n])
    }

    #[test]
    fn a_page_made_on_an_earlier_day_is_made_again() {
        let c = PageCache::new();
        c.insert("/today".into(), page(10));
        let mut old = Prepared::uncompressed(StatusCode::OK, "text/plain", vec![b'x'; 10]);
        old.made_on -= 1;
        c.insert("/yesterday".into(), old);
        assert!(c.get("/today", 0).is_some());
        assert!(c.get("/yesterday", 0).is_none(), "its citation would say it was read yesterday");
    }

    #[test]
    fn the_cache_is_bounded_by_bytes_and_keeps_what_is_used() {
        let c = PageCache::with_budget(10_000);
        for i in 0..3 {
            c.insert(format!("/p{i}"), page(2_000));
        }
        assert!(c.get("/p0", 0).is_some());
        // Two more do not fit: the least recently used (p1, then p2) go.
        c.insert("/p3".into(), page(2_000));
        c.insert("/p4".into(), page(2_000));
        assert!(c.get("/p0", 0).is_some(), "used recently, kept");
        assert!(c.get("/p1", 0).is_none(), "least recently used, evicted");
        let bytes = c.pages.read().unwrap().bytes;
        assert!(bytes <= 10_000, "{bytes}");
        c.insert("/huge".into(), page(20_000));
        assert!(c.get("/huge", 0).is_none(), "a page larger than the budget is not kept");
        assert!(c.get("/p0", 0).is_some(), "and does not empty the cache");
    }

    /// Only a kept page's large body goes onto the shelf, its compressed
    /// forms with it; one made for one answer stays on the heap.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_kept_page_is_shelved_and_one_made_for_one_answer_is_not() {
        let body = || (0..40_000u32).flat_map(|i| i.to_le_bytes()).collect::<Vec<u8>>();
        let once = Prepared::new(StatusCode::OK, "text/html", body());
        assert!(super::super::shelf::find(&once.identity).is_none());
        assert!(super::super::shelf::find(once.gzip().unwrap()).is_none());
        let c = PageCache::new();
        let kept = c.insert("/kept".into(), Prepared::new(StatusCode::OK, "text/html", body()));
        assert_eq!(&kept.identity[..], &body()[..]);
        assert!(super::super::shelf::find(&kept.identity).is_some(), "kept: sent by sendfile");
        assert!(kept.weight() >= 2 * kept.identity.len(), "and counted for it");
    }
}
