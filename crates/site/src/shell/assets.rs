//! Static files, embedded in the binary: the site needs nothing beside it.
//!
//! Pages link to `/static/NAME?v=HASH`; a request with the current hash may be
//! cached for a year, since a changed file gets a new hash.

use crate::shell::cache::Prepared;
use crate::shell::respond;
use axum::extract::{Path, RawQuery};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/style.css"),
    },
    Asset {
        name: "map.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/map.js"),
    },
    Asset {
        name: "mirror-search.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../assets/mirror-search.js"),
    },
    Asset { name: "basemap.svg", content_type: "image/svg+xml", bytes: include_bytes!("../../assets/map/basemap.svg") },
    Asset { name: "favicon.svg", content_type: "image/svg+xml", bytes: include_bytes!("../../assets/favicon.svg") },
];

/// The SVG images carry their own `<style>`; they run no script.
const SVG_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

struct AssetVersions {
    fresh: Arc<Prepared>,
    immutable: Arc<Prepared>,
    hash: String,
}

static PREPARED: LazyLock<HashMap<&'static str, AssetVersions>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            let make = |cache_control: &'static str| {
                let mut p = Prepared::new(StatusCode::OK, a.content_type, a.bytes.to_vec());
                p.cache_control = HeaderValue::from_static(cache_control);
                if a.content_type.starts_with("image/svg") {
                    p.csp = Some(HeaderValue::from_static(SVG_CSP));
                }
                p
            };
            let fresh = make("no-cache");
            let hash = fresh.etag.to_str().unwrap_or("").trim_start_matches("W/").trim_matches('"')[..10].to_owned();
            (
                a.name,
                AssetVersions {
                    fresh: Arc::new(fresh),
                    immutable: Arc::new(make("public, max-age=31536000, immutable")),
                    hash,
                },
            )
        })
        .collect()
});

/// The name of every static file, as `/static/NAME` serves it.
pub fn names() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|a| a.name)
}

/// The URL of a static file, with its content hash for cache busting.
pub fn url(name: &str) -> String {
    match PREPARED.get(name) {
        Some(p) => format!("/static/{name}?v={}", p.hash),
        None => format!("/static/{name}"),
    }
}

pub async fn serve(Path(name): Path<String>, RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    let Some(asset) = PREPARED.get(name.as_str()) else {
        return crate::shell::error::HtmlError::NotFound.into_response();
    };
    let current = query.as_deref().and_then(|q| q.strip_prefix("v=")) == Some(asset.hash.as_str());
    respond::send(if current { &asset.immutable } else { &asset.fresh }, &headers).into_response()
}
