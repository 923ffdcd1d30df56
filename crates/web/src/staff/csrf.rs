//! The anti-forgery token every state-changing back-office form carries.

use super::session::Staff;
use crate::App;
use crate::cookies::same_secret;
use inferno_storage::AuditEvent;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub lang: String,
}

/// Checks the session's anti-forgery token on a state-changing request; a
/// refusal is written to the audit log (only a signed-in browser gets here:
/// the session cookie is never sent from another site).
pub async fn check_csrf(app: &App, staff: &Staff, token: &str) -> bool {
    if same_secret(&staff.session.csrf_token, token) {
        return true;
    }
    let name = &staff.user.name;
    let entry = AuditEvent::new(name, "csrf_refused", &format!("user/{name}"), "a change without the session's token");
    if let Err(e) = app.store.record(&entry).await {
        tracing::error!(error = %e, "cannot record a refused anti-forgery token");
    }
    false
}
