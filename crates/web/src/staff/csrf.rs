//! The anti-forgery token every state-changing back-office form carries.

use super::session::Staff;
use crate::App;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub lang: String,
}

/// Checks the session's anti-forgery token on a state-changing request
/// (`auth::genuine`, which records a refusal).
pub async fn check_csrf(app: &App, staff: &Staff, token: &str) -> bool {
    inferno_services::auth::genuine(app.store.as_ref(), staff, token).await
}
