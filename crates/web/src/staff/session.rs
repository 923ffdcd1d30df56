//! The checks every staff request passes: its session, its role (the rules
//! are `inferno_services::auth`'s).

use crate::App;
use crate::cookies::cookie;
use axum::http::HeaderMap;
use inferno_auth::SessionToken;
use inferno_domain::Permission;
use inferno_services::auth;

pub use inferno_services::auth::Staff;

/// Why a staff request is refused.
pub enum Refusal {
    /// No valid session: go and sign in.
    SignIn,
    /// Signed in, but the role does not allow it.
    Forbidden,
    Internal,
    /// The database cannot be read or written.
    Store(inferno_storage::StoreError),
    /// Too much work waits (password hashing): try again in a moment.
    Busy,
}

/// The session a request carries, if it is valid now (`auth::session`
/// decides); the reader key of a session found ended is forgotten.
pub async fn current(app: &App, headers: &HeaderMap) -> Result<Staff, Refusal> {
    let token = cookie(headers, app.staff.session_cookie()).ok_or(Refusal::SignIn)?;
    match auth::session(&app.staff.guard, app.store.as_ref(), token).await.map_err(Refusal::Store)? {
        Some(staff) => Ok(staff),
        None => {
            app.staff.forget_key(&SessionToken::hash_of(token));
            Err(Refusal::SignIn)
        }
    }
}

/// Like [`current`], and the role must allow `permission`.
pub async fn require(app: &App, headers: &HeaderMap, permission: Option<Permission>) -> Result<Staff, Refusal> {
    let staff = current(app, headers).await?;
    match permission {
        Some(p) if !auth::permits(app.store.as_ref(), &staff, p).await.map_err(Refusal::Store)? => {
            Err(Refusal::Forbidden)
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
) -> Result<(), Refusal> {
    auth::record_view(app.store.as_ref(), staff, action, target).await.map_err(Refusal::Store)
}

impl From<Refusal> for crate::error::HtmlError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::SignIn => crate::error::HtmlError::SignIn,
            Refusal::Forbidden => crate::error::HtmlError::Forbidden,
            Refusal::Busy => crate::error::HtmlError::Busy,
            Refusal::Internal => crate::error::HtmlError::Internal("a back-office check failed".into()),
            Refusal::Store(e) => crate::error::HtmlError::Store(e),
        }
    }
}
