//! The one layer every request passes through (see [`edge`]), and the page
//! a [`Failure`] gets there.

use crate::App;
use crate::shell::error::{Failure, FailureKind, HtmlError};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::Lang;
use std::sync::Arc;

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
    crate::shell::i18n::request_lang(uri.query(), headers)
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
    let response = if crate::shell::security::has_control_character(uri.path()) {
        if uri.path().starts_with("/api/") {
            crate::site::api::ApiError::NotFound("no such record".into()).into_response()
        } else {
            HtmlError::NotFound.into_response()
        }
    } else if let Some(redirect) = crate::site::pages::trailing_slash(&uri) {
        redirect
    } else {
        next.run(req).await
    };
    let mut response = match response.extensions().get::<Failure>().cloned() {
        Some(failure) => failure_response(&app, &uri, accept_language, &failure),
        None => response,
    };
    crate::shell::security::add_headers(&app, &mut response);
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
    let id = failure.detail.as_ref().map(|detail| crate::shell::error::log_once(failure.kind, detail));
    let reference = id.as_deref();
    let mut page = match failure.kind {
        FailureKind::SignIn => Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response(),
        _ if staff => crate::backoffice::views::failure_page(lang, failure, reference),
        _ => crate::site::pages::failure_page(app, lang, failure, reference),
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
