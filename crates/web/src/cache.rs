//! Rendered pages kept in memory, compressed once.

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, RwLock};

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
    pub gzip: Option<Bytes>,
    pub brotli: Option<Bytes>,
    /// The content version it was rendered at (pages only).
    pub version: i64,
}

/// Bodies smaller than this go out as they are: compression would not pay.
const MIN_COMPRESS: usize = 512;

impl Prepared {
    pub fn new(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Prepared {
        let digest = Sha256::digest(&body);
        let etag = format!("W/\"{}\"", digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>());
        let (gzip, brotli) =
            if body.len() >= MIN_COMPRESS { (Some(gzip(&body)), Some(brotli(&body))) } else { (None, None) };
        Prepared {
            status,
            content_type: HeaderValue::from_static(content_type),
            content_language: None,
            cache_control: HeaderValue::from_static("no-cache"),
            csp: None,
            etag: HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\"")),
            identity: Bytes::from(body),
            gzip,
            brotli,
            version: 0,
        }
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(body.len() / 3), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(body);
    Bytes::from(enc.finish().unwrap_or_default())
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(body.len() / 3);
    let params = brotli::enc::BrotliEncoderParams { quality: 10, lgwin: 22, ..Default::default() };
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    Bytes::from(out)
}

/// Most pages kept at once. Keys are canonical URLs, so the number of distinct
/// pages is bounded by the data; this bound only guards memory.
const MAX_ENTRIES: usize = 20_000;

#[derive(Default)]
pub struct PageCache {
    pages: RwLock<HashMap<String, Arc<Prepared>>>,
}

impl PageCache {
    pub fn new() -> PageCache {
        PageCache::default()
    }

    /// A page rendered at `version`, if there is one.
    pub fn get(&self, key: &str, version: i64) -> Option<Arc<Prepared>> {
        let pages = self.pages.read().unwrap_or_else(|e| e.into_inner());
        pages.get(key).filter(|p| p.version == version).cloned()
    }

    pub fn insert(&self, key: String, page: Arc<Prepared>) {
        let mut pages = self.pages.write().unwrap_or_else(|e| e.into_inner());
        if pages.len() >= MAX_ENTRIES {
            pages.clear();
        }
        pages.insert(key, page);
    }

    pub fn clear(&self) {
        self.pages.write().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
