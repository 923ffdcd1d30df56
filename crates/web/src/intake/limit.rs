//! Rate limits for the anonymous forms, kept in memory only.
//!
//! A client is counted under a keyed SHA-256 of what identifies it (its
//! address, its form token). The key is random and replaced at the end of
//! every window, together with the counts, so that nothing that could link a
//! request to an address outlives the window, and nothing is ever written.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    window: Duration,
    per_client: u32,
    global: u32,
    state: Mutex<Window>,
}

struct Window {
    started: Instant,
    key: [u8; 32],
    clients: HashMap<[u8; 16], u32>,
    total: u32,
}

impl Window {
    fn new() -> Window {
        Window { started: Instant::now(), key: inferno_vault::random_bytes(), clients: HashMap::new(), total: 0 }
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
    pub fn new(window: Duration, per_client: u32, global: u32) -> RateLimiter {
        RateLimiter { window, per_client, global, state: Mutex::new(Window::new()) }
    }

    /// Counts one attempt by the clients named (an address, a form token),
    /// or says who is over the limit: one of them, or everyone together.
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
        w.total = w.total.saturating_sub(1);
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
        if w.total >= self.global {
            return Err(Over::Everyone);
        }
        if count {
            w.total += 1;
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

/// Uploads in flight, per client and in all: a client cannot have more than
/// a few at once, so simultaneous uploads cannot all reach the disk before
/// one is counted. A slot is held for as long as its [`UploadSlot`] lives.
pub struct UploadSlots {
    per_client: usize,
    total: usize,
    key: [u8; 32],
    state: Mutex<(usize, HashMap<[u8; 16], usize>)>,
}

pub struct UploadSlot<'a> {
    slots: &'a UploadSlots,
    keys: Vec<[u8; 16]>,
}

impl UploadSlots {
    pub fn new(per_client: usize, total: usize) -> UploadSlots {
        UploadSlots { per_client, total, key: inferno_vault::random_bytes(), state: Mutex::new((0, HashMap::new())) }
    }

    fn hash(&self, client: &str) -> [u8; 16] {
        let d = Sha256::new().chain_update(self.key).chain_update(client.as_bytes()).finalize();
        let mut out = [0u8; 16];
        out.copy_from_slice(&d[..16]);
        out
    }

    /// A slot for an upload by `clients`, or who has too many in flight.
    pub fn enter(&self, clients: &[&str]) -> Result<UploadSlot<'_>, Over> {
        let keys: Vec<[u8; 16]> = clients.iter().filter(|c| !c.is_empty()).map(|c| self.hash(c)).collect();
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if keys.iter().any(|k| st.1.get(k).is_some_and(|n| *n >= self.per_client)) {
            return Err(Over::Client);
        }
        if st.0 >= self.total {
            return Err(Over::Everyone);
        }
        st.0 += 1;
        for k in &keys {
            *st.1.entry(*k).or_insert(0) += 1;
        }
        Ok(UploadSlot { slots: self, keys })
    }
}

impl Drop for UploadSlot<'_> {
    fn drop(&mut self) {
        let mut st = self.slots.state.lock().unwrap_or_else(|e| e.into_inner());
        st.0 -= 1;
        for k in &self.keys {
            if let Some(n) = st.1.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    st.1.remove(k);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_client_and_global_limits() {
        let l = RateLimiter::new(Duration::from_secs(3600), 2, 3);
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
        assert_eq!(l.allow(&["10.0.0.2", "token-e"]), Ok(()));
        assert_eq!(l.allow(&["10.0.0.3", "token-d"]), Err(Over::Everyone), "everyone together is over the limit");
        let l = RateLimiter::new(Duration::from_millis(1), 1, 1);
        assert_eq!(l.allow(&["a"]), Ok(()));
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(l.allow(&["a"]), Ok(()), "a new window forgets the old counts");
    }

    #[test]
    fn upload_slots() {
        let s = UploadSlots::new(2, 3);
        let a1 = s.enter(&["a"]).unwrap();
        let _a2 = s.enter(&["a", "t"]).unwrap();
        let _t = s.enter(&["t"]).unwrap();
        assert_eq!(s.enter(&["a"]).err(), Some(Over::Client));
        assert_eq!(s.enter(&["b", "t"]).err(), Some(Over::Client), "the token has two in flight too");
        assert_eq!(s.enter(&["c"]).err(), Some(Over::Everyone));
        drop(a1);
        assert!(s.enter(&["c"]).is_ok(), "a finished upload frees its slot");
    }
}
