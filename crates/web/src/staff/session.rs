//! Cookies, sessions, throttling and the checks every staff request passes.

use crate::App;
use crate::cookies::cookie;
use axum::http::HeaderMap;
use inferno_auth::SessionToken;
use inferno_domain::Permission;
use inferno_storage::{AuditEvent, Session, User};

pub fn now() -> i64 {
    inferno_domain::date::unix_seconds()
}

/// A signed-in staff member.
pub struct Staff {
    pub user: User,
    pub session: Session,
}

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

/// The session a request carries, if it is valid now. Ended sessions are
/// deleted as they are found.
pub async fn current(app: &App, headers: &HeaderMap) -> Result<Staff, Refusal> {
    let state = &app.staff;
    let token = cookie(headers, state.session_cookie()).ok_or(Refusal::SignIn)?;
    let hash = SessionToken::hash_of(token);
    let session = app.store.session(&hash).await.map_err(Refusal::Store)?.ok_or(Refusal::SignIn)?;
    let t = now();
    let idle = t - session.last_seen_at > state.idle.as_secs() as i64;
    let old = t - session.created_at > state.max_age.as_secs() as i64;
    let user = app.store.user_by_id(session.user_id).await.map_err(Refusal::Store)?;
    let ended = match &user {
        None => Some(None),
        Some(u) if u.disabled => Some(Some((u.name.clone(), "account disabled"))),
        Some(u) if idle => Some(Some((u.name.clone(), "unused too long"))),
        Some(u) if old => Some(Some((u.name.clone(), "too old"))),
        Some(_) => None,
    };
    if let Some(who) = ended {
        state.forget_key(&hash);
        app.store.delete_session(&hash).await.map_err(Refusal::Store)?;
        if let Some((name, why)) = who {
            let entry = AuditEvent::new(&name, "session_ended", &format!("user/{name}"), why);
            if let Err(e) = app.store.record(&entry).await {
                tracing::error!(error = %e, "cannot record an ended session");
            }
        }
        return Err(Refusal::SignIn);
    }
    let Some(user) = user else { return Err(Refusal::SignIn) };
    if t - session.last_seen_at >= 30 {
        let _ = app.store.touch_session(&hash, t).await;
    }
    Ok(Staff { user, session })
}

/// Like [`current`], and the role must allow `permission`.
pub async fn require(app: &App, headers: &HeaderMap, permission: Option<Permission>) -> Result<Staff, Refusal> {
    let staff = current(app, headers).await?;
    match permission {
        Some(p) if !staff.user.role.may(p) => {
            let name = &staff.user.name;
            let entry =
                AuditEvent::new(name, "forbidden", &format!("user/{name}"), format!("{p:?} is not in the role"));
            app.store.record(&entry).await.map_err(Refusal::Store)?;
            Err(Refusal::Forbidden)
        }
        _ => Ok(staff),
    }
}

/// Records that `staff` looked at something (the intake queue, the audit log,
/// the accounts): a page that cannot be recorded is not shown.
pub async fn record_view(app: &App, staff: &Staff, action: &str, target: &str) -> Result<(), Refusal> {
    let entry = AuditEvent::new(&staff.user.name, action, target, "");
    app.store.record(&entry).await.map(|_| ()).map_err(Refusal::Store)
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
