//! Turning a prepared body into a response: encoding negotiation and revalidation.

use crate::cache::Prepared;
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

pub fn send(page: &Prepared, request: &HeaderMap) -> Response {
    let mut builder = Response::builder()
        .header(header::CONTENT_TYPE, page.content_type.clone())
        .header(header::ETAG, page.etag.clone())
        .header(header::CACHE_CONTROL, page.cache_control.clone())
        .header(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Some(lang) = &page.content_language {
        builder = builder.header(header::CONTENT_LANGUAGE, lang.clone());
    }
    if let Some(csp) = &page.csp {
        builder = builder.header(header::CONTENT_SECURITY_POLICY, csp.clone());
    }
    if page.status == StatusCode::OK && not_modified(request, &page.etag) {
        return builder.status(StatusCode::NOT_MODIFIED).body(Body::empty()).unwrap_or_default();
    }
    let (body, encoding) = match (&page.brotli, &page.gzip) {
        (Some(br), _) if accepts(request, "br") => (br.clone(), Some("br")),
        (_, Some(gz)) if accepts(request, "gzip") => (gz.clone(), Some("gzip")),
        _ => (page.identity.clone(), None),
    };
    if let Some(e) = encoding {
        builder = builder.header(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    builder.status(page.status).body(Body::from(body)).unwrap_or_default()
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
