//! The intake node as another server sees it: its address, a client that
//! reaches it, and whether it takes connections (see [`super::forward`]).

use axum::body::Body;
use axum::http::Uri;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// How long a connection to the intake node may take before it counts as down.
const CONNECT: Duration = Duration::from_secs(2);

/// The intake node, and the client that reaches it.
pub struct IntakeNode {
    /// `scheme://host:port`, from `intake_node_url`.
    pub(crate) base: Uri,
    pub(crate) client: Client<HttpConnector, Body>,
    /// When the intake node last took a connection, if it did lately: a
    /// second's worth of requests is not each preceded by a connection.
    reached: std::sync::Mutex<Option<std::time::Instant>>,
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
        // Idle connections are dropped before the intake node's own idle
        // timeout (20 s between requests) closes them under a request.
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(10)).build(connector);
        Ok(IntakeNode { base, client, reached: std::sync::Mutex::new(None) })
    }

    /// Whether the intake node takes a connection now, or did within the
    /// second unless `now` (a form's words are lost if a request sent on
    /// to a node that has gone fails, so a form always asks afresh).
    pub(crate) async fn reachable(&self, now: bool) -> bool {
        let fresh = |at: &Option<std::time::Instant>| at.is_some_and(|t| t.elapsed() < Duration::from_secs(1));
        if !now && fresh(&self.reached.lock().unwrap_or_else(|e| e.into_inner())) {
            return true;
        }
        let Some(authority) = self.base.authority() else { return false };
        let port = authority.port_u16().unwrap_or(80);
        // An IPv6 address comes bracketed in a URL, and bare to a socket.
        let host = authority.host().trim_start_matches('[').trim_end_matches(']');
        let connect = tokio::net::TcpStream::connect((host, port));
        let up = matches!(tokio::time::timeout(CONNECT, connect).await, Ok(Ok(_)));
        *self.reached.lock().unwrap_or_else(|e| e.into_inner()) = up.then(std::time::Instant::now);
        up
    }
}

impl IntakeNode {
    /// After a request the intake node did not answer: the next asks afresh.
    pub(crate) fn forget_reached(&self) {
        *self.reached.lock().unwrap_or_else(|e| e.into_inner()) = None;
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

    #[tokio::test]
    async fn an_ipv6_intake_node_is_reached() {
        let listener = tokio::net::TcpListener::bind("[::1]:0").await.expect("this machine has an IPv6 loopback");
        let port = listener.local_addr().unwrap().port();
        let node = IntakeNode::new(&format!("http://[::1]:{port}")).unwrap();
        assert!(node.reachable(true).await);
    }
}
