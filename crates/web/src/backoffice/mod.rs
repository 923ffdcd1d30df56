//! The staff back office: sign-in with password and TOTP, sessions, and the
//! pages staff see. Every page here checks the session and the role on the
//! server, answers `no-store`, and every state change needs a CSRF token.

mod accounts;
mod audit;
mod extract;
mod home;
pub(crate) mod intake;
mod kinds;
mod lists;
mod login;
mod records;
pub(crate) mod session;
mod state;
pub(crate) mod views;

pub use state::StaffState;

use crate::App;
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/staff/login", get(login::form).post(login::submit))
        .route("/staff/logout", post(login::logout))
        .route("/staff/audit", get(audit::audit_log))
        .route("/staff/users", get(accounts::list).post(accounts::create))
        .route("/staff/users/{name}/{verb}", post(accounts::act))
        .route("/staff/password", get(accounts::password_form).post(accounts::password_change))
        .route("/staff/records", get(kinds::list))
        .route("/staff/{kind}", get(lists::list))
        .route("/staff/{kind}/new", get(records::new_form).post(records::create))
        .route("/staff/{kind}/{id}", get(records::edit_form).post(records::update))
        .route("/staff/{kind}/{id}/note", post(records::save_note))
        .route("/staff/{kind}/{id}/revert/{rev}", post(records::revert))
        .route("/staff/{kind}/{id}/approve/{rev}", post(records::approve))
        .route("/staff/{kind}/{id}/discard/{rev}", post(records::discard))
        .route("/staff/{kind}/{id}/{verb}", post(records::publish))
        .layer(axum::middleware::map_response(inferno_site::shell::respond::no_store))
}

/// The back office's view of submissions: apart, because a server that is
/// not the intake node passes them on to it (`crate::intake::forward`).
/// The dashboard is among them: it counts the new submissions, and those
/// since the last seal are in the intake node's inbox only.
pub fn intake_routes() -> Router<Arc<App>> {
    Router::new()
        .route("/staff", get(home::dashboard))
        .route("/staff/intake", get(intake::list))
        .route("/staff/intake/{id}", get(intake::detail))
        .route("/staff/intake/{id}/files/{file}", get(intake::download))
        .route("/staff/intake/{id}/{verb}", post(intake::act))
        .layer(axum::middleware::map_response(inferno_site::shell::respond::no_store))
}
