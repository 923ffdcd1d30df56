//! The one way an HTML request fails.
//!
//! A handler returns `Result<Response, HtmlError>` and uses `?`: a failure
//! to read the data can then only become an error page, never an empty list
//! or a page that says all is well. [`HtmlError`] turns into a bare response that
//! carries a [`Failure`]; the `edge` layer (`crate::shell::edge`), which knows the
//! reader's language and whether the request was for the back office, logs
//! it once under a request id and gives it its page. The page shows the id
//! and nothing of the error itself.

use crate::state::Outage;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Why a page cannot be shown.
#[derive(Debug)]
pub enum HtmlError {
    /// No such page.
    NotFound,
    /// The record was withdrawn; the text says when and why.
    Gone(String),
    /// Something the visitor sent and can fix; the text says what.
    BadRequest(String),
    /// A back-office page without a valid session: go and sign in.
    SignIn,
    /// Signed in, but the role does not allow it.
    Forbidden,
    /// A back-office form without the session's anti-forgery token.
    Forged,
    /// Signed in and allowed, but refused for the reason the text gives
    /// (a reader key not unlocked in this session, a submission not shared).
    Denied(String),
    /// What was asked conflicts with what is stored; the text says how.
    Conflict(String),
    /// A form's value that cannot be taken; the text says which and why.
    Unprocessable(String),
    /// Too much work waits (password hashing): try again in a moment.
    Busy,
    /// The database cannot be read or written now; the cause is logged.
    Unavailable(Outage),
    /// A fault of ours (a template that cannot render, a record that cannot be read).
    Internal(String),
}

impl HtmlError {
    /// The data cannot be read or written now, for this cause: a 503 page.
    /// (A store's error cannot become an `HtmlError` by `?`, since this
    /// crate does not know the store; its callers say so with
    /// `.map_err(HtmlError::unavailable)`.)
    pub fn unavailable(cause: impl std::error::Error + Send + Sync + 'static) -> HtmlError {
        HtmlError::Unavailable(Box::new(cause))
    }
}

impl From<askama::Error> for HtmlError {
    fn from(e: askama::Error) -> Self {
        HtmlError::Internal(format!("template: {e}"))
    }
}

/// What the error page says, carried from the handler to the `edge` layer.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    /// For the reader (a bad request's or a withdrawal's text), if any.
    pub message: Option<String>,
    /// For the log only; never shown.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    NotFound,
    Gone,
    BadRequest,
    SignIn,
    Forbidden,
    Forged,
    Denied,
    Conflict,
    Unprocessable,
    Busy,
    Unavailable,
    Internal,
}

impl FailureKind {
    pub fn status(self) -> StatusCode {
        match self {
            FailureKind::NotFound => StatusCode::NOT_FOUND,
            FailureKind::Gone => StatusCode::GONE,
            FailureKind::BadRequest => StatusCode::BAD_REQUEST,
            FailureKind::SignIn => StatusCode::SEE_OTHER,
            FailureKind::Forbidden | FailureKind::Forged | FailureKind::Denied => StatusCode::FORBIDDEN,
            FailureKind::Conflict => StatusCode::CONFLICT,
            FailureKind::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            FailureKind::Busy | FailureKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            FailureKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message keys of the page's heading and text.
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            FailureKind::NotFound => ("error-not-found", "error-not-found-text"),
            FailureKind::Gone => ("withdrawn-title", "withdrawn-title"),
            FailureKind::BadRequest => ("error-bad-request", "error-bad-request-text"),
            FailureKind::SignIn | FailureKind::Forbidden | FailureKind::Denied => {
                ("staff-forbidden", "staff-forbidden-text")
            }
            FailureKind::Forged => ("staff-forbidden", "staff-csrf-failed"),
            FailureKind::Conflict | FailureKind::Unprocessable => ("error-refused", "error-refused"),
            FailureKind::Busy => ("error-busy", "error-busy-text"),
            FailureKind::Unavailable => ("error-unavailable", "error-unavailable-text"),
            FailureKind::Internal => ("error-internal", "error-internal-text"),
        }
    }
}

/// Logs a failure's cause once, under a new reference, and returns the
/// reference for the page to show: the administrator finds the entry by it,
/// and the reader learns nothing of the cause.
pub fn log_once(kind: FailureKind, cause: &dyn std::fmt::Display) -> String {
    let mut id = [0u8; 6];
    getrandom::fill(&mut id).expect("the operating system's random generator failed");
    let reference = hex::encode(id);
    tracing::error!(request = %reference, kind = ?kind, error = %cause, "request failed");
    reference
}

impl HtmlError {
    fn failure(self) -> Failure {
        let (kind, message, detail) = match self {
            HtmlError::NotFound => (FailureKind::NotFound, None, None),
            HtmlError::Gone(m) => (FailureKind::Gone, Some(m), None),
            HtmlError::BadRequest(m) => (FailureKind::BadRequest, Some(m), None),
            HtmlError::SignIn => (FailureKind::SignIn, None, None),
            HtmlError::Forbidden => (FailureKind::Forbidden, None, None),
            HtmlError::Forged => (FailureKind::Forged, None, None),
            HtmlError::Denied(m) => (FailureKind::Denied, Some(m), None),
            HtmlError::Conflict(m) => (FailureKind::Conflict, Some(m), None),
            HtmlError::Unprocessable(m) => (FailureKind::Unprocessable, Some(m), None),
            HtmlError::Busy => (FailureKind::Busy, None, None),
            HtmlError::Unavailable(e) => (FailureKind::Unavailable, None, Some(e.to_string())),
            HtmlError::Internal(d) => (FailureKind::Internal, None, Some(d)),
        };
        Failure { kind, message, detail }
    }
}

impl IntoResponse for HtmlError {
    fn into_response(self) -> Response {
        let failure = self.failure();
        let mut r = failure.kind.status().into_response();
        r.extensions_mut().insert(failure);
        r
    }
}
