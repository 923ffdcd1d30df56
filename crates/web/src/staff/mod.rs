//! The staff back office: sign-in with password and TOTP, sessions, and the
//! pages staff see. Every page here checks the session and the role on the
//! server, answers `no-store`, and every state change needs a CSRF token.

mod accounts;
mod login;
mod session;
mod sites;
mod views;

pub use session::StaffState;

use crate::App;
use axum::Router;
use axum::routing::{get, post};
use std::sync::Arc;

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/staff", get(views::dashboard))
        .route("/staff/login", get(login::form).post(login::submit))
        .route("/staff/logout", post(login::logout))
        .route("/staff/audit", get(views::audit_log))
        .route("/staff/users", get(accounts::list).post(accounts::create))
        .route("/staff/users/{name}/{verb}", post(accounts::act))
        .route(
            "/staff/password",
            get(accounts::password_form).post(accounts::password_change),
        )
        .route("/staff/sites", get(sites::list))
        .route("/staff/sites/new", get(sites::new_form).post(sites::create))
        .route(
            "/staff/sites/{id}",
            get(sites::edit_form).post(sites::update),
        )
        .route("/staff/sites/{id}/revert/{rev}", post(sites::revert))
        .route("/staff/sites/{id}/{verb}", post(sites::publish))
        .route("/staff/{*rest}", get(views::not_found))
}
