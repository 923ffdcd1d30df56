//! `/sitemap.xml`: every public page in both languages, for search engines,
//! web archives and mirroring tools, from [`crate::pages::every_page`].
//!
//! A sitemap holds at most 50,000 addresses, so `/sitemap.xml` is an index of
//! `/sitemaps/N.xml`, each holding at most [`PER_FILE`].

use crate::PublicSite;
use crate::shell::cache::Prepared;
use crate::shell::error::HtmlError;
use crate::shell::escape::escape;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use std::sync::Arc;

/// Addresses a sitemap file holds (the protocol allows 50,000).
pub const PER_FILE: usize = 50_000;

fn xml(app: &PublicSite, key: &str, body: String, version: i64) -> Arc<Prepared> {
    let mut p = Prepared::new(StatusCode::OK, "application/xml; charset=utf-8", body.into_bytes());
    p.version = version;
    app.cache.insert(key.to_owned(), p)
}

/// The names of the sitemap files of a catalog (`1.xml`, `2.xml`…).
pub fn files(catalog: &inferno_domain::Catalog) -> impl Iterator<Item = String> + use<> {
    let n = crate::pages::every_page(catalog).len().div_ceil(PER_FILE).max(1);
    (1..=n).map(|i| format!("{i}.xml"))
}

/// `GET /sitemap.xml`: the index of the sitemap files.
pub async fn index(State(app): State<Arc<PublicSite>>, headers: HeaderMap) -> Response {
    let snapshot = app.snapshot();
    let base = &app.config.public_url;
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for name in files(&snapshot.catalog) {
        body.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", escape(&format!("{base}/sitemaps/{name}"))));
    }
    body.push_str("</sitemapindex>\n");
    crate::shell::respond::send(&xml(&app, "/sitemap.xml", body, snapshot.version), &headers)
}

/// `GET /sitemaps/{n}.xml`: one file of addresses.
pub async fn file(
    State(app): State<Arc<PublicSite>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, HtmlError> {
    // Only the canonical name (`7.xml`, not `07.xml`): each is kept in the cache.
    let n: usize = name
        .strip_suffix(".xml")
        .and_then(|n| n.parse().ok())
        .filter(|&n: &usize| n >= 1 && name == format!("{n}.xml"))
        .ok_or(HtmlError::NotFound)?;
    let snapshot = app.snapshot();
    let pages = crate::pages::every_page(&snapshot.catalog);
    let chunk = pages.chunks(PER_FILE).nth(n - 1).ok_or(HtmlError::NotFound)?;
    let base = &app.config.public_url;
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in chunk {
        body.push_str(&format!("<url><loc>{}</loc></url>\n", escape(&format!("{base}{path}"))));
    }
    body.push_str("</urlset>\n");
    Ok(crate::shell::respond::send(&xml(&app, &format!("/sitemaps/{name}"), body, snapshot.version), &headers))
}
