//! Inferno's server: the public site (`inferno_site`) kept up to date from
//! the store, the back office and the intake forms.
//!
//! Two layers here: `backoffice` (the staff pages) and [`intake`] (the
//! forms a source uses). Handlers take what they need from extractors, call
//! one service of `inferno_services`, and render. [`App`] holds the store
//! and hands the public site each new snapshot of the published records.

pub(crate) mod backoffice;
pub(crate) mod cookies;
pub mod intake;
mod state;

pub use backoffice::StaffState;
pub use state::{App, WebConfig};

use axum::Router;
use inferno_site::shell::edge::{Edge, edge};
use std::sync::Arc;

/// The whole server: the public site, the back office and the intake.
pub fn router(app: Arc<App>) -> Router {
    let edge_state = Edge::new(app.site.clone()).with_chrome("/staff", backoffice::views::failure_page);
    // Every intake request, the staff's included, goes to the intake node
    // when this server is not it.
    let intake = backoffice::intake_routes()
        .merge(intake::routes(&app.config.intake))
        .layer(axum::middleware::from_fn_with_state(app.clone(), intake::forward::to_intake_node));
    Router::new()
        .merge(backoffice::routes())
        .merge(intake)
        .with_state(app.clone())
        .merge(inferno_site::routes().with_state(app.site.clone()))
        .layer(axum::middleware::from_fn_with_state(edge_state, edge))
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
    let site = app.site.clone();
    let cached = move |req: &hyper::Request<hyper::body::Incoming>| inferno_site::pages::cached(&site, req);
    inferno_site::shell::conn::serve(listener, router(app), cached, limits, proxies, shutdown).await
}
