//! Turning a prepared body into a response: encoding negotiation and revalidation.

use crate::shell::cache::Prepared;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;

/// The encodings a client accepts, from `Accept-Encoding` (q=0 means refused).
fn accepts(headers: &HeaderMap, encoding: &str) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            name.eq_ignore_ascii_case(encoding) && !refused
        })
    })
}

/// True when `If-None-Match` names this ETag (weak comparison) or `*`.
fn not_modified(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.as_bytes().strip_prefix(b"W/").unwrap_or(etag.as_bytes());
    headers.get_all(header::IF_NONE_MATCH).iter().any(|v| {
        v.as_bytes().split(|&b| b == b',').any(|tag| {
            let tag = tag.trim_ascii();
            tag == b"*" || tag.strip_prefix(b"W/").unwrap_or(tag) == ours
        })
    })
}

/// Headers a page response ends up with, the security headers included: the
/// map is made that large at once instead of growing as they are added.
const HEADERS: usize = 16;

pub fn send(page: &Prepared, request: &HeaderMap) -> Response {
    let revalidated = page.status == StatusCode::OK && not_modified(request, &page.etag);
    let compressed = if revalidated {
        None
    } else if accepts(request, "br") {
        page.brotli().map(|br| (br, "br"))
    } else if accepts(request, "gzip") {
        page.gzip().map(|gz| (gz, "gzip"))
    } else {
        None
    };
    let (body, encoding) = match compressed {
        _ if revalidated => (None, None),
        Some((bytes, name)) => (Some(bytes.clone()), Some(name)),
        None => (Some(page.identity.clone()), None),
    };
    let mut response = Response::new(body.map_or_else(Body::empty, Body::from));
    *response.status_mut() = if revalidated { StatusCode::NOT_MODIFIED } else { page.status };
    let h = response.headers_mut();
    h.reserve(HEADERS);
    h.insert(header::CONTENT_TYPE, page.content_type.clone());
    h.insert(header::ETAG, page.etag.clone());
    h.insert(header::CACHE_CONTROL, page.cache_control.clone());
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(lang) = &page.content_language {
        h.insert(header::CONTENT_LANGUAGE, lang.clone());
    }
    if let Some(csp) = &page.csp {
        h.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    }
    if page.any_origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    }
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    response
}

/// A layer's answer to whatever a private route sends (the back office, the
/// intake forms): no cache, the browser's included, may keep it.
pub async fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(name: header::HeaderName, value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_static(value));
        h
    }

    #[test]
    fn negotiates_encodings() {
        assert!(accepts(&headers(header::ACCEPT_ENCODING, "gzip, deflate, br"), "br"));
        assert!(accepts(&headers(header::ACCEPT_ENCODING, "gzip;q=0.5"), "gzip"));
        assert!(!accepts(&headers(header::ACCEPT_ENCODING, "br;q=0, gzip"), "br"));
        assert!(!accepts(&headers(header::ACCEPT_ENCODING, "identity"), "gzip"));
    }

    #[test]
    fn revalidates() {
        let etag = HeaderValue::from_static("W/\"abc\"");
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "W/\"abc\""), &etag));
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "\"x\", \"abc\""), &etag));
        assert!(not_modified(&headers(header::IF_NONE_MATCH, "*"), &etag));
        assert!(!not_modified(&headers(header::IF_NONE_MATCH, "\"abcd\""), &etag));
    }
}
