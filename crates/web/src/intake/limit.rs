//! Rate limits for the anonymous forms, kept in memory only.
//!
//! Every limit here is a client's own. There is no count for everyone
//! together that a stranger could run up (review 3's N3 closed receipt
//! checks for an hour that way): what protects the machine is what each
//! request may hold (the derivation permits, the places of uploads in
//! flight, the disk margin), not how many came.
//!
//! A client is counted under a keyed SHA-256 of what identifies it (its
//! address, its form token). The key is random and replaced at the end of
//! every window, together with the counts, so that nothing that could link a
//! request to an address outlives the window, and nothing is ever written.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    per_client: u32,
    state: Mutex<Window>,
}

struct Window {
    started: Instant,
    key: [u8; 32],
    clients: HashMap<[u8; 16], u32>,
}

impl Window {
    fn new() -> Window {
        Window { started: Instant::now(), key: inferno_vault::random_bytes(), clients: HashMap::new() }
    }

    fn hash(&self, client: &str) -> [u8; 16] {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(client.as_bytes());
        let d = h.finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&d[..16]);
        out
    }
}

impl RateLimiter {
    pub fn new(window: Duration, per_client: u32) -> RateLimiter {
        RateLimiter { window, per_client, state: Mutex::new(Window::new()) }
    }

    /// Counts one attempt by the clients named (an address, a form token),
    /// or says that one of them is over its limit.
    pub fn allow(&self, clients: &[&str]) -> Result<(), Over> {
        self.check(clients, true)
    }

    /// What [`RateLimiter::allow`] would answer, without counting.
    pub fn peek(&self, clients: &[&str]) -> Result<(), Over> {
        self.check(clients, false)
    }

    /// Takes back an attempt counted by [`RateLimiter::allow`] that came to
    /// nothing (a form sent back for correction), in the same window.
    pub fn refund(&self, clients: &[&str]) {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        for c in clients.iter().filter(|c| !c.is_empty()) {
            let k = w.hash(c);
            if let Some(n) = w.clients.get_mut(&k) {
                *n = n.saturating_sub(1);
            }
        }
    }

    fn check(&self, clients: &[&str], count: bool) -> Result<(), Over> {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if w.started.elapsed() >= self.window {
            *w = Window::new();
        }
        let keys: Vec<[u8; 16]> = clients.iter().filter(|c| !c.is_empty()).map(|c| w.hash(c)).collect();
        if keys.iter().any(|k| w.clients.get(k).is_some_and(|n| *n >= self.per_client)) {
            return Err(Over::Client);
        }
        if count {
            for k in keys {
                *w.clients.entry(k).or_insert(0) += 1;
            }
        }
        Ok(())
    }
}

/// Who is over a limit: the message a visitor reads depends on it, so that
/// nobody is told "from here" about what everyone together did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    Client,
    Everyone,
}

/// Uploads in flight, per client and in all.
///
/// A client cannot have more than a few at once, so simultaneous uploads
/// cannot all reach the disk before one is counted, and the number in all is
/// bounded by what each holds (a blocking thread and about a MiB of buffers).
/// But no stranger can hold that bound: when every place is taken, a new
/// upload takes the place of the slowest one whose rate is under
/// [`UploadSlots::contended_rate`] (measured over its whole life, and never
/// over less than [`UploadSlots::grace`], so that one just begun counts as
/// slow). That one ends at once and its sender is told to try again. To keep
/// the door shut, a stranger must outpace real uploads with real bandwidth:
/// trickling bytes (the way review 3 held all 16 places with 6 KB/s) holds
/// nothing.
///
/// Text-only forms (a submission without files, a contact message, a reply
/// without files) take no place at all: a place is taken when the first file
/// of a form begins.
pub struct UploadSlots {
    per_client: usize,
    total: usize,
    contended_rate: u64,
    grace: Duration,
    key: [u8; 32],
    state: Mutex<Flights>,
}

#[derive(Default)]
struct Flights {
    per_client: HashMap<[u8; 16], usize>,
    live: Vec<Arc<Flight>>,
}

/// One upload in flight: how much it has moved, and whether it lost its place.
pub struct Flight {
    started: Instant,
    bytes: AtomicU64,
    evicted: AtomicBool,
    wake: tokio::sync::Notify,
}

impl Flight {
    /// Counts bytes received.
    pub fn moved(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }

    /// Bytes a second over its life, and over no less than `grace`.
    fn rate(&self, grace: Duration) -> u64 {
        let secs = self.started.elapsed().max(grace).as_secs_f64();
        (self.bytes.load(Ordering::Relaxed) as f64 / secs) as u64
    }

    /// Completes when another upload took this one's place.
    pub async fn evicted(&self) {
        loop {
            let woken = self.wake.notified();
            if self.evicted.load(Ordering::Acquire) {
                return;
            }
            woken.await;
        }
    }

    pub fn was_evicted(&self) -> bool {
        self.evicted.load(Ordering::Acquire)
    }
}

/// A place among the uploads in flight, held while it lives.
pub struct UploadSlot<'a> {
    slots: &'a UploadSlots,
    keys: Vec<[u8; 16]>,
    pub flight: Arc<Flight>,
}

/// Below this rate an upload may lose its place when all are taken: 16 KiB/s,
/// a fraction of what a Tor circuit carries.
pub const CONTENDED_RATE: u64 = 16 * 1024;
/// An upload is never measured over less than this.
pub const GRACE: Duration = Duration::from_secs(10);

impl UploadSlots {
    pub fn new(per_client: usize, total: usize) -> UploadSlots {
        UploadSlots::with_rate(per_client, total, CONTENDED_RATE, GRACE)
    }

    pub fn with_rate(per_client: usize, total: usize, contended_rate: u64, grace: Duration) -> UploadSlots {
        UploadSlots {
            per_client,
            total,
            contended_rate,
            grace,
            key: inferno_vault::random_bytes(),
            state: Mutex::new(Flights::default()),
        }
    }

    fn hash(&self, client: &str) -> [u8; 16] {
        let d = Sha256::new().chain_update(self.key).chain_update(client.as_bytes()).finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&d[..16]);
        out
    }

    /// A place for an upload by `clients`, or who has too many in flight:
    /// this client, or everyone, when every place is taken by an upload
    /// moving at least the contended rate.
    pub fn enter(&self, clients: &[&str]) -> Result<UploadSlot<'_>, Over> {
        let keys: Vec<[u8; 16]> = clients.iter().filter(|c| !c.is_empty()).map(|c| self.hash(c)).collect();
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if keys.iter().any(|k| st.per_client.get(k).is_some_and(|n| *n >= self.per_client)) {
            return Err(Over::Client);
        }
        if st.live.len() >= self.total {
            let slowest = st
                .live
                .iter()
                .enumerate()
                .map(|(i, f)| (f.rate(self.grace), i))
                .filter(|(rate, _)| *rate < self.contended_rate)
                .min();
            let Some((_, i)) = slowest else { return Err(Over::Everyone) };
            let lost = st.live.swap_remove(i);
            lost.evicted.store(true, Ordering::Release);
            lost.wake.notify_waiters();
        }
        let flight = Arc::new(Flight {
            started: Instant::now(),
            bytes: AtomicU64::new(0),
            evicted: AtomicBool::new(false),
            wake: tokio::sync::Notify::new(),
        });
        st.live.push(flight.clone());
        for k in &keys {
            *st.per_client.entry(*k).or_insert(0) += 1;
        }
        Ok(UploadSlot { slots: self, keys, flight })
    }
}

impl Drop for UploadSlot<'_> {
    fn drop(&mut self) {
        let mut st = self.slots.state.lock().unwrap_or_else(|e| e.into_inner());
        st.live.retain(|f| !Arc::ptr_eq(f, &self.flight));
        for k in &self.keys {
            if let Some(n) = st.per_client.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    st.per_client.remove(k);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_client_limits_and_none_for_everyone() {
        let l = RateLimiter::new(Duration::from_secs(3600), 2);
        assert_eq!(l.allow(&["10.0.0.1", "token-a"]), Ok(()));
        assert!(
            l.peek(&["10.0.0.1", "token-b"]).is_ok() && l.peek(&["10.0.0.1", "token-b"]).is_ok(),
            "peeking counts nothing"
        );
        assert_eq!(l.allow(&["10.0.0.1", "token-b"]), Ok(()));
        assert_eq!(l.peek(&["10.0.0.1"]), Err(Over::Client));
        assert_eq!(l.allow(&["10.0.0.1", "token-c"]), Err(Over::Client), "the address is over its limit");
        l.refund(&["10.0.0.1", "token-b"]);
        assert_eq!(l.allow(&["10.0.0.1", "token-c"]), Ok(()), "a refund gives the slot back");
        for n in 0..1_000 {
            assert_eq!(l.allow(&[&format!("10.1.{}.{}", n / 256, n % 256)]), Ok(()), "no count for everyone");
        }
        let l = RateLimiter::new(Duration::from_millis(1), 1);
        assert_eq!(l.allow(&["a"]), Ok(()));
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(l.allow(&["a"]), Ok(()), "a new window forgets the old counts");
    }

    #[test]
    fn upload_slots() {
        // Nothing moves in this test: every upload is "slow", so a full set
        // gives way, the slowest first.
        let s = UploadSlots::with_rate(2, 3, 1_000, Duration::from_secs(1));
        let a1 = s.enter(&["a"]).unwrap();
        let _a2 = s.enter(&["a", "t"]).unwrap();
        let t = s.enter(&["t"]).unwrap();
        assert_eq!(s.enter(&["a"]).err(), Some(Over::Client));
        assert_eq!(s.enter(&["b", "t"]).err(), Some(Over::Client), "the token has two in flight too");
        a1.flight.moved(100);
        t.flight.moved(50);
        let c = s.enter(&["c"]).expect("a stalled upload gives way to a new one");
        assert!(!a1.flight.was_evicted() && !t.flight.was_evicted(), "the one that moved nothing went first");
        c.flight.moved(200);
        let _d = s.enter(&["d"]).unwrap();
        assert!(t.flight.was_evicted() && !a1.flight.was_evicted(), "then the slower of the two left");
        drop(t);
        drop(c);
    }

    #[test]
    fn uploads_at_the_contended_rate_keep_their_places() {
        let s = UploadSlots::with_rate(2, 2, 1_000, Duration::from_millis(1));
        let a = s.enter(&["a"]).unwrap();
        let b = s.enter(&["b"]).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        a.flight.moved(1 << 30);
        b.flight.moved(1 << 30);
        assert_eq!(s.enter(&["c"]).err(), Some(Over::Everyone), "fast uploads are not cut off");
        drop(a);
        assert!(s.enter(&["c"]).is_ok(), "a finished upload frees its place");
        drop(b);
    }

    #[tokio::test]
    async fn an_evicted_upload_is_woken() {
        let s = UploadSlots::with_rate(1, 1, 1, Duration::from_secs(1));
        let a = s.enter(&["a"]).unwrap();
        let flight = a.flight.clone();
        let waiting = tokio::spawn(async move { flight.evicted().await });
        tokio::task::yield_now().await;
        let _b = s.enter(&["b"]).unwrap();
        tokio::time::timeout(Duration::from_secs(5), waiting).await.unwrap().unwrap();
    }
}
