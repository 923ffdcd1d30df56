//! The intake vault's public side: the submission and contact forms, and the
//! receipt page where a source returns to read replies and answer.
//!
//! Nothing here logs or stores a client's address, browser or the time of a
//! request; the address is used only for rate limiting, hashed in memory.

pub mod forward;
mod limit;
pub(crate) mod multipart;
pub mod node;
mod public;
mod state;
mod token;
pub(crate) mod upload;

pub use limit::{Over, RateLimiter, UploadSlots};
pub use state::IntakeState;

use crate::App;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use std::sync::Arc;

pub use inferno_services::intake::IntakeSettings;

/// Today as `YYYY-MM-DD` (UTC): the finest time the vault records.
pub fn today() -> String {
    inferno_domain::PartialDate::today().to_string()
}

/// The largest first page of a submission: its longest answer is
/// [`inferno_domain::intake::MAX_TEXT`] characters, up to 4 bytes each and
/// 3 characters a byte once URL-encoded, with room for the short ones.
const CHECK_BODY: usize = inferno_domain::intake::MAX_TEXT * 4 * 3 + 64 * 1024;

pub fn routes(settings: &IntakeSettings) -> Router<Arc<App>> {
    // Room for the limit plus the rest of an oversized body, which is read and
    // discarded so that the browser gets the answer.
    let body =
        usize::try_from(settings.max_submission.saturating_mul(2).saturating_add(16 << 20)).unwrap_or(usize::MAX);
    let [submit, contact, receipt] = inferno_domain::id::INTAKE_SEGMENTS;
    let uploads = Router::new()
        .route(&format!("/{{lang}}/{submit}"), get(public::submit_form).post(public::submit))
        .route(&format!("/{{lang}}/{contact}"), get(public::contact_form).post(public::contact))
        .route(&format!("/{{lang}}/{receipt}/reply"), post(public::follow_up))
        .layer(DefaultBodyLimit::max(body));
    // The receipt check is a small form read whole into memory: a small limit.
    let receipt = Router::new()
        .route(&format!("/{{lang}}/{receipt}"), get(public::receipt_form).post(public::receipt_check))
        .layer(DefaultBodyLimit::max(16 * 1024));
    // The submission's first page: text only, checked before files are chosen.
    let check = Router::new()
        .route(&format!("/{{lang}}/{submit}/check"), post(public::submit_check))
        .layer(DefaultBodyLimit::max(CHECK_BODY));
    uploads.merge(receipt).merge(check).layer(axum::middleware::map_response(inferno_site::shell::respond::no_store))
}
