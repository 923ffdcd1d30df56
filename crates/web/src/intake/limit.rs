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

    /// Counts one attempt by the clients named (an address, a form token);
    /// false when any of them, or everyone together, is over the limit.
    pub fn allow(&self, clients: &[&str]) -> bool {
        self.check(clients, true)
    }

    /// Whether [`RateLimiter::allow`] would refuse, without counting.
    pub fn over(&self, clients: &[&str]) -> bool {
        !self.check(clients, false)
    }

    fn check(&self, clients: &[&str], count: bool) -> bool {
        let mut w = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if w.started.elapsed() >= self.window {
            *w = Window::new();
        }
        let keys: Vec<[u8; 16]> = clients.iter().filter(|c| !c.is_empty()).map(|c| w.hash(c)).collect();
        let over =
            w.total >= self.global || keys.iter().any(|k| w.clients.get(k).is_some_and(|n| *n >= self.per_client));
        if over || !count {
            return !over;
        }
        w.total += 1;
        for k in keys {
            *w.clients.entry(k).or_insert(0) += 1;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_client_and_global_limits() {
        let l = RateLimiter::new(Duration::from_secs(3600), 2, 3);
        assert!(l.allow(&["10.0.0.1", "token-a"]));
        assert!(!l.over(&["10.0.0.1", "token-b"]) && !l.over(&["10.0.0.1", "token-b"]), "peeking counts nothing");
        assert!(l.allow(&["10.0.0.1", "token-b"]));
        assert!(l.over(&["10.0.0.1"]));
        assert!(!l.allow(&["10.0.0.1", "token-c"]), "the address is over its limit");
        assert!(l.allow(&["10.0.0.2", "token-a"]));
        assert!(!l.allow(&["10.0.0.3", "token-d"]), "everyone together is over the limit");
        let l = RateLimiter::new(Duration::from_millis(1), 1, 1);
        assert!(l.allow(&["a"]));
        std::thread::sleep(Duration::from_millis(5));
        assert!(l.allow(&["a"]), "a new window forgets the old counts");
    }
}
