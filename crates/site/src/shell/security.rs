//! Headers every response carries.

use crate::PublicSite;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

/// Nothing may load from another host, no inline script or style may run, and
/// no other site may frame ours.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

// Names `http` has no constant for, made once: a name given as a string is
// parsed again on every insert, and this runs for every response.
const COOP: HeaderName = HeaderName::from_static("cross-origin-opener-policy");
const CORP: HeaderName = HeaderName::from_static("cross-origin-resource-policy");
const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");
const ONION_LOCATION: HeaderName = HeaderName::from_static("onion-location");

/// Adds the headers every response carries; `path` (with its query) is
/// what was asked, the same address on the onion service.
pub fn add_headers(app: &PublicSite, path: &str, response: &mut Response) {
    let h = response.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY).or_insert(HeaderValue::from_static(CSP));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(COOP, HeaderValue::from_static("same-origin"));
    h.insert(CORP, HeaderValue::from_static("same-origin"));
    h.insert(
        PERMISSIONS_POLICY,
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()"),
    );
    if let Some(onion) = &app.config.onion_url
        && let Ok(v) = HeaderValue::from_str(&format!("{onion}{path}"))
    {
        h.insert(ONION_LOCATION, v);
    }
    if app.config.public_url.starts_with("https://") {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
}

/// Whether a path, percent-decoded, holds a control character (CR, LF, NUL,
/// DEL…). No page, record id or account name has one; a handler that put one
/// into a `Location` header would fail, so such a request ends here as a 404.
pub fn has_control_character(path: &str) -> bool {
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let byte = if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(v) => {
                    i += 2;
                    v
                }
                None => b[i],
            }
        } else {
            b[i]
        };
        if byte < 0x20 || byte == 0x7f {
            return true;
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod control_tests {
    #[test]
    fn control_characters_in_paths() {
        use super::has_control_character as c;
        assert!(c("/staff/sites/%0d%0aSet-Cookie:%20x=1/publish"));
        assert!(c("/staff/sites/%7f/publish") && c("/staff/sites/%7F") && c("/x/%00"));
        assert!(!c("/en/sites/ua-olenivka-ik-120") && !c("/en/%D0%BF") && !c("/a%2") && !c("/%"));
    }
}
