//! Inferno's public site, and the page shell the back office wears too.
//!
//! Every public page is rendered on the server from one in-memory snapshot of
//! the published records ([`state::Snapshot`]), compressed once for each
//! encoding a client asks for (gzip, brotli) and kept in memory until the
//! data changes, so that a page is served at close to the speed of a static
//! file. No page loads anything from another host, and every page works
//! without JavaScript.
//!
//! This crate reads no database: whoever owns the store hands the [`PublicSite`]
//! each new snapshot, and the one other thing it needs, the audit log's
//! latest checkpoint for the dataset bundle, through [`state::Ledger`].
//!
//! [`shell`] is what every request passes through and every page is made
//! with; the rest are the public site's parts: its pages, the JSON API,
//! the open-data downloads, the sitemap and the static mirror.

pub mod api;
pub mod downloads;
pub(crate) mod map;
pub mod markdown;
pub mod mirror;
pub mod pages;
pub mod shell;
pub(crate) mod sitemap;
pub mod state;

pub use state::{PublicSite, SiteConfig};

use axum::Router;
use axum::routing::get;
use shell::edge::{Edge, edge};
use std::sync::Arc;

/// The public site's routes: pages (the fallback), static assets, open data,
/// the sitemap, the API and the health check.
pub fn routes() -> Router<Arc<PublicSite>> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(pages::language_redirect))
        .route("/static/{name}", get(shell::assets::serve))
        .route("/data/{file}", get(downloads::serve))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{name}", get(sitemap::file))
        .merge(api::routes())
        .fallback(pages::serve)
}

/// The public site alone, behind the [`edge`] every request passes: what
/// the static mirror is made from.
pub fn router(site: Arc<PublicSite>) -> Router {
    routes().with_state(site.clone()).layer(axum::middleware::from_fn_with_state(Edge::new(site), edge))
}
