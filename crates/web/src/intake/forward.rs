//! Several servers, one intake: a server given `intake_node_url` passes
//! every intake request (the forms, the receipt page, and the back office's
//! view of submissions) to the server that receives them, and hands back
//! its answer.
//!
//! Why one intake node: form tokens, rate limits, upload places and the
//! free-disk check are kept in one process's memory, and are global only
//! if every source reaches that process. A shared counter in the database
//! would write the moment of every attempt into its log (see the README,
//! "The inbox and the day's seal"); passing the request on keeps them
//! where they are and writes nothing.
//!
//! Bodies stream both ways (an upload is never held whole here). Nothing is
//! added to the request: no forwarding header names the visitor, so the
//! intake node sees this server's address; list this server in its
//! `trusted_proxies` so that it tells visitors apart by their form token.
//!
//! When the intake node cannot be reached, the forms answer 503 here and
//! keep what was typed (a submission's words; its files are read and
//! dropped, and the page says so); the back office's dashboard is made here,
//! saying that it counts only sealed submissions; the other intake pages say
//! the intake is unavailable.

use crate::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, Method, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use inferno_site::shell::error::HtmlError;
use std::sync::Arc;

/// Why an intake page could not be answered here (logged once, with the
/// reference the 503 page shows).
#[derive(Debug, thiserror::Error)]
enum Unreached {
    #[error("the intake node {0} cannot be reached")]
    Down(String),
    #[error("the intake node {0} did not answer: {1}")]
    NoAnswer(String, String),
}

/// Marks a request the intake node could not be reached for: the form
/// handlers read it, say so, and keep what was typed; the dashboard says
/// what it cannot count.
#[derive(Debug, Clone, Copy)]
pub struct IntakeNodeDown;

/// Headers of one connection, not of the request: never passed on.
const HOP_BY_HOP: [HeaderName; 6] = [
    header::CONNECTION,
    header::PROXY_AUTHENTICATE,
    header::PROXY_AUTHORIZATION,
    header::TE,
    header::TRAILER,
    header::UPGRADE,
];

/// Headers that would tell the intake node who the visitor is, whoever
/// added them (a visitor may send them; a proxy in front may have): never
/// passed on.
const NAMING_THE_VISITOR: [&str; 5] = ["forwarded", "x-forwarded-for", "x-real-ip", "via", "x-forwarded-host"];

fn strip_hop_by_hop(headers: &mut axum::http::HeaderMap) {
    // The headers `Connection` names are this connection's too.
    let named: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .chain(headers.get_all("proxy-connection"))
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|h| h.trim().to_ascii_lowercase()))
        .filter(|h| !h.is_empty())
        .collect();
    for h in named {
        headers.remove(h.as_str());
    }
    for h in &HOP_BY_HOP {
        headers.remove(h);
    }
    for h in ["keep-alive", "proxy-connection"].into_iter().chain(NAMING_THE_VISITOR) {
        headers.remove(h);
    }
    headers.remove(header::TRANSFER_ENCODING);
}

/// The middleware around the intake routes: passes the request on when
/// this server is not the intake node.
pub async fn to_intake_node(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let Some(node) = app.config.intake_node.as_ref() else { return next.run(req).await };
    let form = req.method() == Method::POST && is_form_post(req.uri().path());
    let dashboard = req.method() == Method::GET && req.uri().path() == "/staff";
    if !node.reachable(form).await {
        // The forms' own handlers answer, keeping what was typed, and the
        // dashboard, saying what it lacks; the rest say the intake is unavailable.
        return if form || dashboard {
            req.extensions_mut().insert(IntakeNodeDown);
            next.run(req).await
        } else {
            HtmlError::unavailable(Unreached::Down(node.base.to_string())).into_response()
        };
    }
    let (mut parts, body) = req.into_parts();
    // The dashboard is made here if the intake node fails to answer it (a
    // GET: nothing of its body is lost).
    let here = dashboard.then(|| parts.clone());
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut uri = node.base.clone().into_parts();
    uri.path_and_query = path.parse().ok();
    let Ok(uri) = Uri::from_parts(uri) else { return HtmlError::NotFound.into_response() };
    parts.uri = uri;
    parts.version = axum::http::Version::HTTP_11;
    strip_hop_by_hop(&mut parts.headers);
    if let Some(authority) = node.base.authority()
        && let Ok(host) = authority.as_str().parse()
    {
        parts.headers.insert(header::HOST, host);
    }
    let answer = node.client.request(Request::from_parts(parts, body));
    let answer = match here {
        // An upload's answer comes once all of it is read: only the
        // dashboard's waits for a bounded time.
        Some(_) => match tokio::time::timeout(DASHBOARD_WAIT, answer).await {
            Ok(answered) => answered.map_err(|e| e.to_string()),
            Err(_) => Err(format!("no answer within {} s", DASHBOARD_WAIT.as_secs())),
        },
        None => answer.await.map_err(|e| e.to_string()),
    };
    match answer {
        Ok(answer) => {
            let (mut parts, body) = answer.into_parts();
            strip_hop_by_hop(&mut parts.headers);
            Response::from_parts(parts, Body::new(body))
        }
        Err(e) => {
            node.forget_reached();
            match here {
                Some(parts) => {
                    tracing::warn!(node = %node.base, error = %e, "the intake node did not answer; the dashboard is made here");
                    let mut req = Request::from_parts(parts, Body::empty());
                    req.extensions_mut().insert(IntakeNodeDown);
                    next.run(req).await
                }
                None => HtmlError::unavailable(Unreached::NoAnswer(node.base.to_string(), e)).into_response(),
            }
        }
    }
}

/// How long the dashboard waits for the intake node before it is made here.
const DASHBOARD_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The posts whose handlers keep what was typed when the intake node is down.
fn is_form_post(path: &str) -> bool {
    let [submit, contact, _] = inferno_domain::id::INTAKE_SEGMENTS;
    let mut segments = path.trim_start_matches('/').split('/');
    let (_lang, form, rest) = (segments.next(), segments.next(), segments.next());
    match (form, rest, segments.next()) {
        (Some(f), None, None) => f == submit || f == contact,
        (Some(f), Some("check"), None) => f == submit,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_of_the_connection_or_the_visitor_is_passed_on() {
        let mut h = axum::http::HeaderMap::new();
        for (k, v) in [
            ("connection", "keep-alive, x-secret"),
            ("x-secret", "1"),
            ("keep-alive", "timeout=5"),
            ("x-forwarded-for", "203.0.113.7"),
            ("forwarded", "for=203.0.113.7"),
            ("x-real-ip", "203.0.113.7"),
            ("via", "1.1 proxy"),
            ("proxy-connection", "keep-alive"),
            ("transfer-encoding", "chunked"),
            ("cookie", "inferno-form=abc"),
            ("content-type", "multipart/form-data; boundary=x"),
        ] {
            h.append(HeaderName::from_static(k), v.parse().unwrap());
        }
        strip_hop_by_hop(&mut h);
        let mut left: Vec<&str> = h.keys().map(HeaderName::as_str).collect();
        left.sort_unstable();
        assert_eq!(left, ["content-type", "cookie"]);
    }

    #[test]
    fn the_forms_are_told_from_the_other_intake_pages() {
        for path in ["/en/submit", "/uk/contact", "/en/submit/check"] {
            assert!(is_form_post(path), "{path}");
        }
        for path in ["/en/receipt", "/en/receipt/reply", "/staff/intake/x/reply", "/en/submit/x/y"] {
            assert!(!is_form_post(path), "{path}");
        }
    }
}
