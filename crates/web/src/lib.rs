//! Inferno's public web site.
//!
//! Every public page is rendered on the server from one in-memory snapshot of
//! the published records ([`Catalog`]), compressed once for each encoding a
//! client asks for (gzip, brotli) and kept in memory until the data changes,
//! so that a page is served at close to
//! the speed of a static file. No page loads anything from another host, and
//! every page works without JavaScript.
//!
//! Four layers: [`shell`] (what every request passes through and every page
//! is made with), [`site`] (the public pages, API, downloads, sitemap and
//! mirror), `backoffice` (the staff pages) and [`intake`] (the forms a source
//! uses). Handlers take what they need from extractors, call one service of
//! `inferno_services`, and render.

pub(crate) mod backoffice;
pub mod intake;
pub mod shell;
pub mod site;

pub use backoffice::StaffState;
pub use shell::state::{App, WebConfig};

use shell::{assets, edge};
use site::{api, downloads, pages, sitemap};

use axum::Router;
use axum::routing::get;
use std::sync::Arc;

/// The whole site: public pages, static assets, the health check.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(pages::language_redirect))
        .route("/static/{name}", get(assets::serve))
        .route("/data/{file}", get(downloads::serve))
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{name}", get(sitemap::file))
        .merge(api::routes())
        .merge(backoffice::routes())
        .merge(intake::routes(&app.config.intake))
        .fallback(pages::serve)
        .layer(axum::middleware::from_fn_with_state(app.clone(), edge::edge))
        .with_state(app)
}

/// Serves the site on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The peer address reaches only the rate limits, hashed in memory.
    let limits = app.config.connections.clone();
    let proxies = app.config.trusted_proxies.clone();
    let cache = app.clone();
    let cached = move |req: &hyper::Request<hyper::body::Incoming>| pages::cached(&cache, req);
    shell::conn::serve(listener, router(app), cached, limits, proxies, shutdown).await
}
