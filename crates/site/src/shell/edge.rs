//! The one layer every request passes through (see [`edge`]), and the page
//! a [`Failure`] gets there.

use crate::PublicSite;
use crate::shell::error::{Failure, FailureKind, HtmlError};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use inferno_domain::Lang;
use std::sync::Arc;

/// A failure's page for a part of the server outside the public site (the
/// back office), which wears its own chrome.
pub type FailurePage = fn(Lang, &Failure, Option<&str>) -> Response;

/// What the [`edge`] layer needs: the public site, whose chrome an error
/// page wears, and the parts of the server under a path prefix that wear
/// their own.
#[derive(Clone)]
pub struct Edge {
    site: Arc<PublicSite>,
    chromes: Vec<(&'static str, FailurePage)>,
}

impl Edge {
    pub fn new(site: Arc<PublicSite>) -> Edge {
        Edge { site, chromes: Vec::new() }
    }

    /// Failures under `prefix` (`/staff`: the path itself or below it) get
    /// their page from `page`.
    pub fn with_chrome(mut self, prefix: &'static str, page: FailurePage) -> Edge {
        self.chromes.push((prefix, page));
        self
    }

    fn chrome(&self, path: &str) -> Option<FailurePage> {
        self.chromes
            .iter()
            .find(|(prefix, _)| path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')))
            .map(|(_, page)| *page)
    }
}

/// The reader's language: the path's prefix on the public site, `?lang=` or
/// the browser's preference elsewhere.
fn language(uri: &axum::http::Uri, headers: &axum::http::HeaderMap) -> Lang {
    let first = uri.path().trim_start_matches('/').split('/').next().unwrap_or("");
    Lang::from_code(first).unwrap_or_else(|| crate::shell::i18n::request_lang(uri.query(), headers))
}

/// The one layer every request passes through: a path with a control
/// character is refused, a trailing slash outside the language prefixes is
/// redirected, every [`Failure`] gets its page (logged once, under a request
/// id), and every response the security headers. One layer rather than four,
/// since each layer costs every request its own allocations.
///
/// Most requests succeed, so what the error page needs of the request is
/// kept, and the language worked out, only when one fails.
pub async fn edge(State(edge): State<Edge>, req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let response = if crate::shell::security::has_control_character(uri.path()) {
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
        Some(failure) => failure_response(&edge, &uri, accept_language, &failure),
        None => response,
    };
    let asked = uri.path_and_query().map_or("/", |pq| pq.as_str());
    crate::shell::security::add_headers(&edge.site, asked, &mut response);
    response
}

fn failure_response(
    edge: &Edge,
    uri: &axum::http::Uri,
    accept_language: Option<HeaderValue>,
    failure: &Failure,
) -> Response {
    let mut headers = axum::http::HeaderMap::new();
    if let Some(v) = accept_language {
        headers.insert(header::ACCEPT_LANGUAGE, v);
    }
    let lang = language(uri, &headers);
    let id = failure.detail.as_ref().map(|detail| crate::shell::error::log_once(failure.kind, detail));
    let reference = id.as_deref();
    let mut page = match edge.chrome(uri.path()) {
        Some(page) => page(lang, failure, reference),
        None => crate::pages::failure_page(&edge.site, lang, failure, reference),
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
