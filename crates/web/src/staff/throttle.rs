//! Failed sign-ins and password checks, counted in memory so that guessing is
//! slow and nobody can lock a staff member out.
//!
//! An attempt is counted *before* its password is hashed (its failure slot is
//! reserved), so a burst of parallel guesses is held to the limit as surely
//! as a sequence. Three counts apply:
//! - per account name and client together: [`PAIR_LIMIT`] a minute, then refused
//!   without hashing. A stranger guessing a name from their address does not
//!   touch the count of the real staff member signing in from theirs;
//! - per client over every name: [`CLIENT_LIMIT`] a minute, so that one client
//!   cannot try many names (and cannot fill the audit log with them);
//! - per account name over every client: past [`NAME_SOFT_LIMIT`] a minute each
//!   attempt waits longer (doubling, at most [`MAX_DELAY`]) before it is
//!   checked. A name is slowed down, never closed: the real member with the
//!   right password and code still gets in.
//!
//! Memory is bounded: names are account names (checked before they get here),
//! client keys are short, and stale entries are dropped as the maps grow.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const WINDOW: Duration = Duration::from_secs(60);
pub const PAIR_LIMIT: usize = 5;
pub const CLIENT_LIMIT: usize = 30;
pub const NAME_SOFT_LIMIT: usize = 10;
pub const MAX_DELAY: Duration = Duration::from_secs(8);
/// Past this many tracked keys, entries with nothing in the window are dropped.
const PRUNE_AT: usize = 10_000;

#[derive(Default)]
pub struct Throttle {
    state: Mutex<Counts>,
}

#[derive(Default)]
struct Counts {
    pairs: HashMap<(String, String), VecDeque<Instant>>,
    names: HashMap<String, VecDeque<Instant>>,
    clients: HashMap<String, VecDeque<Instant>>,
    /// Names whose refusals were written to the audit log in this window: one entry each, not one per attempt.
    summarised: HashMap<String, Instant>,
}

/// What to do with an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check it, after waiting this long. Its failure is already counted.
    Go { delay: Duration },
    /// Refuse it without checking; `audit` is true for the first refusal of
    /// this name in the window (that one is written to the audit log).
    Refused { audit: bool },
}

fn recent(list: &mut VecDeque<Instant>, now: Instant) -> usize {
    while list.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
        list.pop_front();
    }
    list.len()
}

fn drop_latest(list: Option<&mut VecDeque<Instant>>) {
    if let Some(l) = list {
        l.pop_back();
    }
}

impl Counts {
    fn prune(&mut self, now: Instant) {
        let live = |l: &VecDeque<Instant>| l.back().is_some_and(|t| now.duration_since(*t) <= WINDOW);
        if self.pairs.len() > PRUNE_AT {
            self.pairs.retain(|_, l| live(l));
        }
        if self.names.len() > PRUNE_AT {
            self.names.retain(|_, l| live(l));
        }
        if self.clients.len() > PRUNE_AT {
            self.clients.retain(|_, l| live(l));
        }
        if self.summarised.len() > PRUNE_AT {
            self.summarised.retain(|_, t| now.duration_since(*t) <= WINDOW);
        }
    }

    fn first_refusal(&mut self, name: &str, now: Instant) -> bool {
        match self.summarised.get(name) {
            Some(t) if now.duration_since(*t) <= WINDOW => false,
            _ => {
                self.summarised.insert(name.to_owned(), now);
                true
            }
        }
    }
}

impl Throttle {
    /// Counts an attempt for `name` from `client`, or refuses it.
    pub fn reserve(&self, name: &str, client: &str) -> Verdict {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        c.prune(now);
        let pair = (name.to_owned(), client.to_owned());
        let over_pair = c.pairs.get_mut(&pair).is_some_and(|l| recent(l, now) >= PAIR_LIMIT);
        let over_client = c.clients.get_mut(client).is_some_and(|l| recent(l, now) >= CLIENT_LIMIT);
        if over_pair || over_client {
            return Verdict::Refused { audit: c.first_refusal(name, now) };
        }
        let by_name = c.names.get_mut(name).map_or(0, |l| recent(l, now));
        c.pairs.entry(pair).or_default().push_back(now);
        c.names.entry(name.to_owned()).or_default().push_back(now);
        c.clients.entry(client.to_owned()).or_default().push_back(now);
        let delay = match by_name.checked_sub(NAME_SOFT_LIMIT) {
            None => Duration::ZERO,
            Some(excess) => Duration::from_millis(250u64.saturating_mul(1 << excess.min(16) as u64)).min(MAX_DELAY),
        };
        Verdict::Go { delay }
    }

    /// Counts a refusal that needs no reservation (a name that cannot be an
    /// account): the client's count grows; true for the first of the window.
    pub fn refuse(&self, summary_key: &str, client: &str) -> Verdict {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        c.prune(now);
        let over_client = c.clients.get_mut(client).is_some_and(|l| recent(l, now) >= CLIENT_LIMIT);
        if !over_client {
            c.clients.entry(client.to_owned()).or_default().push_back(now);
        }
        Verdict::Refused { audit: c.first_refusal(summary_key, now) }
    }

    /// The attempt was never checked (the server was busy): give its slot back.
    pub fn refund(&self, name: &str, client: &str) {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        drop_latest(c.pairs.get_mut(&(name.to_owned(), client.to_owned())));
        drop_latest(c.names.get_mut(name));
        drop_latest(c.clients.get_mut(client));
    }

    /// The attempt succeeded: it was not a failure, and this client's earlier
    /// failures for this name are forgotten.
    pub fn succeeded(&self, name: &str, client: &str) {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        c.pairs.remove(&(name.to_owned(), client.to_owned()));
        drop_latest(c.names.get_mut(name));
        drop_latest(c.clients.get_mut(client));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_refused_a_name_only_slowed() {
        let t = Throttle::default();
        for _ in 0..PAIR_LIMIT {
            assert_eq!(t.reserve("olena", "attacker"), Verdict::Go { delay: Duration::ZERO });
        }
        assert_eq!(t.reserve("olena", "attacker"), Verdict::Refused { audit: true });
        assert_eq!(t.reserve("olena", "attacker"), Verdict::Refused { audit: false }, "one audit entry a window");
        // Another client, the same name: still checked.
        assert!(matches!(t.reserve("olena", "staff-home"), Verdict::Go { .. }));
        // Many clients on one name: slowed, never refused.
        for i in 0..20 {
            assert!(matches!(t.reserve("olena", &format!("c{i}")), Verdict::Go { .. }));
        }
        let Verdict::Go { delay } = t.reserve("olena", "staff-office") else { panic!("refused") };
        assert_eq!(delay, MAX_DELAY);
    }

    #[test]
    fn a_client_cannot_try_many_names_and_refunds_give_slots_back() {
        let t = Throttle::default();
        for i in 0..CLIENT_LIMIT {
            assert!(matches!(t.reserve(&format!("n{i}"), "one"), Verdict::Go { .. }));
        }
        assert!(matches!(t.reserve("another", "one"), Verdict::Refused { .. }));
        t.refund("n0", "one");
        assert!(matches!(t.reserve("another", "one"), Verdict::Go { .. }));
        let t = Throttle::default();
        for _ in 0..PAIR_LIMIT - 1 {
            t.reserve("ivan", "c");
        }
        t.reserve("ivan", "c");
        t.succeeded("ivan", "c");
        assert!(matches!(t.reserve("ivan", "c"), Verdict::Go { .. }), "a success forgets the failures");
    }
}
