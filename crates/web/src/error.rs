//! The one way an HTML request fails.
//!
//! A handler returns `Result<Response, HtmlError>` and uses `?`: a store
//! error can then only become an error page, never an empty list or a page
//! that says all is well. [`HtmlError`] turns into a bare response that
//! carries a [`Failure`]; the [`render_errors`] layer, which knows the
//! reader's language and whether the request was for the back office, logs
//! it once under a request id and gives it its page. The page shows the id
//! and nothing of the error itself.

use crate::App;
use crate::staff::session::Refusal;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::Lang;
use inferno_storage::StoreError;
use std::sync::Arc;

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
    /// Too much work waits (password hashing): try again in a moment.
    Busy,
    /// The database cannot be read or written now.
    Store(StoreError),
    /// A fault of ours (a template that cannot render, a record that cannot be read).
    Internal(String),
}

impl From<StoreError> for HtmlError {
    fn from(e: StoreError) -> Self {
        HtmlError::Store(e)
    }
}

impl From<Refusal> for HtmlError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::SignIn => HtmlError::SignIn,
            Refusal::Forbidden => HtmlError::Forbidden,
            Refusal::Busy => HtmlError::Busy,
            Refusal::Internal => HtmlError::Internal("a back-office check failed".into()),
            Refusal::Store(e) => HtmlError::Store(e),
        }
    }
}

impl From<askama::Error> for HtmlError {
    fn from(e: askama::Error) -> Self {
        HtmlError::Internal(format!("template: {e}"))
    }
}

/// What the error page says, carried from the handler to [`render_errors`].
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: FailureKind,
    /// For the reader (a bad request's or a withdrawal's text), if any.
    pub message: Option<String>,
    /// For the log only; never shown.
    detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    NotFound,
    Gone,
    BadRequest,
    SignIn,
    Forbidden,
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
            FailureKind::Forbidden => StatusCode::FORBIDDEN,
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
            FailureKind::SignIn | FailureKind::Forbidden => ("staff-forbidden", "staff-forbidden-text"),
            FailureKind::Busy => ("error-busy", "error-busy-text"),
            FailureKind::Unavailable => ("error-unavailable", "error-unavailable-text"),
            FailureKind::Internal => ("error-internal", "error-internal-text"),
        }
    }
}

impl HtmlError {
    fn failure(self) -> Failure {
        let (kind, message, detail) = match self {
            HtmlError::NotFound => (FailureKind::NotFound, None, None),
            HtmlError::Gone(m) => (FailureKind::Gone, Some(m), None),
            HtmlError::BadRequest(m) => (FailureKind::BadRequest, Some(m), None),
            HtmlError::SignIn => (FailureKind::SignIn, None, None),
            HtmlError::Forbidden => (FailureKind::Forbidden, None, None),
            HtmlError::Busy => (FailureKind::Busy, None, None),
            HtmlError::Store(e) => (FailureKind::Unavailable, None, Some(e.to_string())),
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

/// Which interface a request is for, so that its error page wears the right chrome.
fn is_staff(path: &str) -> bool {
    path == "/staff" || path.starts_with("/staff/")
}

/// The reader's language: the path's prefix on the public site, `?lang=` or
/// the browser's preference in the back office and elsewhere.
fn language(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Lang {
    let path = uri.path();
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if !is_staff(path)
        && let Some(l) = Lang::from_code(first)
    {
        return l;
    }
    crate::staff::session::staff_lang(uri.query(), headers)
}

/// The one layer every request passes through: a path with a control
/// character is refused, a trailing slash outside the language prefixes is
/// redirected, every [`Failure`] gets its page (logged once, under a request
/// id), and every response the security headers. One layer rather than four,
/// since each layer costs every request its own allocations.
///
/// Most requests succeed, so what the error page needs of the request is
/// kept, and the language worked out, only when one fails.
pub async fn edge(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let response = if crate::security::has_control_character(uri.path()) {
        if uri.path().starts_with("/api/") {
            crate::api::ApiError::NotFound("no such record".into()).into_response()
        } else {
            HtmlError::NotFound.into_response()
        }
    } else if let Some(redirect) = crate::pages::trailing_slash(&uri) {
        redirect
    } else {
        next.run(req).await
    };
    let mut response = match response.extensions().get::<Failure>().cloned() {
        Some(failure) => failure_response(&app, &uri, accept_language, &failure),
        None => response,
    };
    crate::security::add_headers(&app, &mut response);
    response
}

fn failure_response(
    app: &App,
    uri: &axum::http::Uri,
    accept_language: Option<HeaderValue>,
    failure: &Failure,
) -> Response {
    let mut headers = axum::http::HeaderMap::new();
    if let Some(v) = accept_language {
        headers.insert(header::ACCEPT_LANGUAGE, v);
    }
    let lang = language(uri, &headers);
    let staff = is_staff(uri.path());
    let id = inferno_vault::hex(&inferno_vault::random_bytes::<6>());
    if let Some(detail) = &failure.detail {
        tracing::error!(request = %id, kind = ?failure.kind, error = %detail, "request failed");
    }
    let reference = failure.detail.is_some().then_some(id.as_str());
    let mut page = match failure.kind {
        FailureKind::SignIn => Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response(),
        _ if staff => crate::staff::views::failure_page(lang, failure, reference),
        _ => crate::pages::failure_page(app, lang, failure, reference),
    };
    let headers = page.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if failure.kind == FailureKind::Busy {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    } else if failure.kind == FailureKind::Unavailable {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    }
    page
}
