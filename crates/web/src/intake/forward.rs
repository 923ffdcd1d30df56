//! Several servers, one intake: a server given `intake_node_url` passes
//! every intake request (the forms, the receipt page, and the back office's
//! view of submissions) to the server that receives them, and hands back
//! its answer.
//!
//! Why one intake node: form tokens, rate limits, upload places and the
//! free-disk check are kept in one process's memory, and are global only
//! if every source reaches that process. A shared counter in the database
//! would write the moment of every attempt into its log (see the README,
//! "PostgreSQL and a source's time"); passing the request on keeps them
//! where they are and writes nothing.
//!
//! Bodies stream both ways (an upload is never held whole here). Nothing is
//! added to the request: no forwarding header names the visitor, so the
//! intake node sees this server's address; list this server in its
//! `trusted_proxies` so that it tells visitors apart by their form token.
//!
//! When the intake node cannot be reached, the forms answer 503 here and
//! keep what was typed (a submission's words; its files are read and
//! dropped, and the page says so); the other intake pages say the intake is
//! unavailable.

use crate::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, Method, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use inferno_site::shell::error::HtmlError;
use std::sync::Arc;
use std::time::Duration;

/// How long a connection to the intake node may take before it counts as down.
const CONNECT: Duration = Duration::from_secs(2);

/// The intake node, and the client that reaches it.
pub struct IntakeNode {
    /// `scheme://host:port`, from `intake_node_url`.
    base: Uri,
    client: Client<HttpConnector, Body>,
}

impl std::fmt::Debug for IntakeNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IntakeNode({})", self.base)
    }
}

/// Why an `intake_node_url` cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("intake_node_url must be http://HOST:PORT (the intake server, reached directly), not {0:?}")]
pub struct BadIntakeNode(String);

impl IntakeNode {
    pub fn new(url: &str) -> Result<IntakeNode, BadIntakeNode> {
        let bad = || BadIntakeNode(url.to_owned());
        let base: Uri = url.trim_end_matches('/').parse().map_err(|_| bad())?;
        if base.scheme_str() != Some("http") || base.authority().is_none() || base.path() != "/" {
            return Err(bad());
        }
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(CONNECT));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Ok(IntakeNode { base, client })
    }

    /// Whether the intake node takes a connection now.
    async fn reachable(&self) -> bool {
        let Some(authority) = self.base.authority() else { return false };
        let port = authority.port_u16().unwrap_or(80);
        let connect = tokio::net::TcpStream::connect((authority.host(), port));
        matches!(tokio::time::timeout(CONNECT, connect).await, Ok(Ok(_)))
    }
}

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
/// handlers read it, say so, and keep what was typed.
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

fn strip_hop_by_hop(headers: &mut axum::http::HeaderMap) {
    for h in &HOP_BY_HOP {
        headers.remove(h);
    }
    headers.remove("keep-alive");
    headers.remove(header::TRANSFER_ENCODING);
}

/// The middleware around the intake routes: passes the request on when
/// this server is not the intake node.
pub async fn to_intake_node(State(app): State<Arc<App>>, mut req: Request, next: Next) -> Response {
    let Some(node) = app.config.intake_node.as_ref() else { return next.run(req).await };
    if !node.reachable().await {
        // The forms' own handlers answer, keeping what was typed; the rest say the intake is unavailable.
        return if req.method() == Method::POST && is_form_post(req.uri().path()) {
            req.extensions_mut().insert(IntakeNodeDown);
            next.run(req).await
        } else {
            HtmlError::unavailable(Unreached::Down(node.base.to_string())).into_response()
        };
    }
    let (mut parts, body) = req.into_parts();
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
    match node.client.request(Request::from_parts(parts, body)).await {
        Ok(answer) => {
            let (mut parts, body) = answer.into_parts();
            strip_hop_by_hop(&mut parts.headers);
            Response::from_parts(parts, Body::new(body))
        }
        Err(e) => HtmlError::unavailable(Unreached::NoAnswer(node.base.to_string(), e.to_string())).into_response(),
    }
}

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
    fn only_a_plain_address_is_an_intake_node() {
        assert!(IntakeNode::new("http://10.0.0.2:8080").is_ok());
        assert!(IntakeNode::new("http://intake.internal/").is_ok());
        for bad in ["https://10.0.0.2", "10.0.0.2:8080", "http://10.0.0.2/inferno", "ftp://x", ""] {
            assert!(IntakeNode::new(bad).is_err(), "{bad}");
        }
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
