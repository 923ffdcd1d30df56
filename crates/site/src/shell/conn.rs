//! Accepting connections with bounds on what each may hold.
//!
//! `axum::serve` sets no timer, so hyper's header timeout never fires, and it
//! has no body timeout, idle timeout or connection cap: a few hundred silent
//! sockets were enough to keep visitors out. Here:
//! - a request's head must arrive within [`ConnectionLimits::header_timeout`];
//!   hyper starts that clock whenever it waits for a head, so it also closes a
//!   kept-alive connection that sends nothing more;
//! - a request body must keep moving: no more than
//!   [`ConnectionLimits::body_idle`] without a byte, and at least
//!   [`ConnectionLimits::min_body_rate`] bytes a second over every such span.
//!   A slow upload over Tor is fine; one that trickles to hold a socket is not.
//!   There is no limit on total time: a 500 MiB file over a slow line may take hours;
//! - at most [`ConnectionLimits::max_connections`] are open at once, and at
//!   most [`ConnectionLimits::max_per_client`] from one address (every visitor
//!   behind a trusted proxy counts as their own). At the cap, new connections
//!   wait in the kernel's queue until one closes.
//!
//! The peer's address reaches handlers only as `ConnectInfo`, for the rate
//! limits, which hash it in memory. Nothing here logs it.

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use bytes::Bytes;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    pub max_connections: usize,
    pub max_per_client: usize,
    pub header_timeout: Duration,
    pub body_idle: Duration,
    /// Bytes a second, averaged over each `body_idle` span of a body.
    pub min_body_rate: u64,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            max_connections: 1024,
            max_per_client: 64,
            header_timeout: Duration::from_secs(20),
            body_idle: Duration::from_secs(60),
            min_body_rate: 256,
        }
    }
}

/// Open connections per client address (by [`crate::shell::client::address_key`]).
#[derive(Default)]
struct PerClient(Mutex<HashMap<String, usize>>);

impl PerClient {
    fn enter(self: &Arc<Self>, key: Option<String>, max: usize) -> Option<ClientSlot> {
        let Some(key) = key else { return Some(ClientSlot { owner: self.clone(), key: None }) };
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = m.entry(key.clone()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(ClientSlot { owner: self.clone(), key: Some(key) })
    }
}

struct ClientSlot {
    owner: Arc<PerClient>,
    key: Option<String>,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        if let Some(k) = &self.key {
            let mut m = self.owner.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(n) = m.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    m.remove(k);
                }
            }
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then lets open
/// requests finish (at most 30 seconds).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    cached: impl Fn(&hyper::Request<Incoming>) -> Option<axum::response::Response> + Clone + Send + Sync + 'static,
    limits: ConnectionLimits,
    trusted_proxies: Vec<IpAddr>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let clients = Arc::new(PerClient::default());
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p.map_err(std::io::Error::other)?,
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(c) => c,
                // Out of file descriptors, or a connection reset before it was
                // taken: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) =
            clients.enter(crate::shell::client::address_key(peer.ip(), &trusted_proxies), limits.max_per_client)
        else {
            // Too many from this address: closed at once.
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let cached = cached.clone();
        let pace = (limits.body_idle, limits.min_body_rate);
        let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            // A page already in the cache is answered before routing: the
            // path most requests take skips the router and its layers.
            let hit = cached(&req);
            let router = router.clone();
            async move {
                if let Some(response) = hit {
                    return Ok(response);
                }
                req.extensions_mut().insert(ConnectInfo(peer));
                let req = req.map(|b| Body::new(PacedBody::new(b, pace.0, pace.1)));
                router.oneshot(req).await
            }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true).writev(true);
        // Large kept bodies leave by `sendfile` (see `super::sendfile`).
        #[cfg(target_os = "linux")]
        let stream = super::sendfile::PageStream::new(stream);
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(slot);
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(Duration::from_secs(30)) => {},
    }
    Ok(())
}

/// Why a request body was cut off.
#[derive(Debug, thiserror::Error)]
#[error("the request body stopped arriving or arrived too slowly")]
pub struct TooSlow;

/// A request body that must keep moving (see the module's description).
struct PacedBody {
    inner: Incoming,
    idle: Duration,
    min_bytes: u64,
    deadline: Pin<Box<tokio::time::Sleep>>,
    span_start: Instant,
    span_bytes: u64,
}

impl PacedBody {
    fn new(inner: Incoming, idle: Duration, min_rate: u64) -> PacedBody {
        PacedBody {
            inner,
            idle,
            min_bytes: min_rate.saturating_mul(idle.as_secs()),
            deadline: Box::pin(tokio::time::sleep(idle)),
            span_start: Instant::now(),
            span_bytes: 0,
        }
    }
}

impl HttpBody for PacedBody {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.span_bytes += data.len() as u64;
                }
                let now = Instant::now();
                if now.duration_since(this.span_start) >= this.idle {
                    if this.span_bytes < this.min_bytes {
                        return Poll::Ready(Some(Err(Box::new(TooSlow))));
                    }
                    this.span_start = now;
                    this.span_bytes = 0;
                }
                let next = tokio::time::Instant::now() + this.idle;
                this.deadline.as_mut().reset(next);
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(Box::new(e)))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(TooSlow)))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
