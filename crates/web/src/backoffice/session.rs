//! The checks every staff request passes: its session, its role (the rules
//! are `inferno_services::auth`'s). Handlers have them from the extractors
//! of [`super::extract`].

use crate::App;
use crate::cookies::cookie;
use axum::http::HeaderMap;
use inferno_auth::SessionToken;
use inferno_domain::Permission;
use inferno_services::auth;
use inferno_site::shell::error::HtmlError;

pub use inferno_services::auth::Staff;

/// The session a request carries, if it is valid now (`auth::session`
/// decides); the reader key of a session found ended is forgotten. A
/// session signed in on another server brings its reader key sealed in its
/// row: opened with the cookie's token, it is kept here too.
pub async fn current(app: &App, headers: &HeaderMap) -> Result<Staff, HtmlError> {
    let token = cookie(headers, app.staff.session_cookie()).ok_or(HtmlError::SignIn)?;
    match auth::session(&app.staff.guard, app.store.as_ref(), token).await.map_err(HtmlError::unavailable)? {
        Some(staff) => {
            let hash = &staff.session.token_hash;
            if app.staff.key(hash).is_none()
                && let Some(key) = inferno_services::keys::open_from_session(&staff.session, token)
            {
                app.staff.keep_key(hash, std::sync::Arc::new(key));
            }
            Ok(staff)
        }
        None => {
            app.staff.forget_key(&SessionToken::hash_of(token));
            Err(HtmlError::SignIn)
        }
    }
}

/// Like [`current`], and the role must allow `permission`.
pub async fn require(app: &App, headers: &HeaderMap, permission: Option<Permission>) -> Result<Staff, HtmlError> {
    let staff = current(app, headers).await?;
    match permission {
        Some(p) if !auth::permits(app.store.as_ref(), &staff, p).await.map_err(HtmlError::unavailable)? => {
            Err(HtmlError::Forbidden)
        }
        _ => Ok(staff),
    }
}

/// Records that `staff` looked at something: a page that cannot be recorded is not shown.
pub async fn record_view(
    app: &App,
    staff: &Staff,
    action: inferno_domain::AuditAction,
    target: &str,
) -> Result<(), HtmlError> {
    auth::record_view(app.store.as_ref(), staff, action, target).await.map_err(HtmlError::unavailable)
}
