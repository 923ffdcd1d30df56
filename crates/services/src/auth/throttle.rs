//! Failed sign-ins and password checks, counted in memory so that guessing is
//! slow and nobody can lock a staff member out.
//!
//! An attempt is counted *before* its password is hashed (its failure slot is
//! reserved), so a burst of parallel guesses is held to the limit as surely
//! as a sequence. Three counts apply:
//! - per account name and client together: [`PAIR_LIMIT`] a minute, then refused
//!   without hashing. A stranger guessing a name from their address does not
//!   touch the count of the real staff member signing in from theirs;
//! - per client over every name: past [`CLIENT_LIMIT`] a minute each attempt
//!   waits longer, so that one client cannot try many names quickly (nor fill
//!   the audit log with them). Slowed, not refused: behind Tor or a proxy the
//!   client is everyone, and the real member must still get in;
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

/// No wait up to `limit` attempts in the window, then 250 ms doubling with
/// each attempt past it, at most [`MAX_DELAY`].
fn growing(count: usize, limit: usize) -> Duration {
    match count.checked_sub(limit) {
        None => Duration::ZERO,
        Some(excess) => Duration::from_millis(250u64.saturating_mul(1 << excess.min(16) as u64)).min(MAX_DELAY),
    }
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
        if c.pairs.get_mut(&pair).is_some_and(|l| recent(l, now) >= PAIR_LIMIT) {
            return Verdict::Refused { audit: c.first_refusal(name, now) };
        }
        let by_name = c.names.get_mut(name).map_or(0, |l| recent(l, now));
        let by_client = c.clients.get_mut(client).map_or(0, |l| recent(l, now));
        c.pairs.entry(pair).or_default().push_back(now);
        c.names.entry(name.to_owned()).or_default().push_back(now);
        c.clients.entry(client.to_owned()).or_default().push_back(now);
        Verdict::Go { delay: growing(by_name, NAME_SOFT_LIMIT).max(growing(by_client, CLIENT_LIMIT)) }
    }

    /// A refusal that costs nothing (a name that cannot be an account): it is
    /// not counted against the client, and only the first of the window under
    /// `summary_key` is audited.
    pub fn refuse(&self, summary_key: &str) -> Verdict {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        c.prune(now);
        Verdict::Refused { audit: c.first_refusal(summary_key, now) }
    }

    /// Whether `client` has no failed attempt in the window (an attempt is
    /// counted as failed until it succeeds).
    pub fn clean(&self, client: &str) -> bool {
        let mut c = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        c.clients.get_mut(client).is_none_or(|l| recent(l, now) == 0)
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
    fn a_client_trying_many_names_is_slowed_and_refunds_give_slots_back() {
        let t = Throttle::default();
        for i in 0..CLIENT_LIMIT {
            assert_eq!(t.reserve(&format!("n{i}"), "one"), Verdict::Go { delay: Duration::ZERO });
        }
        assert_eq!(t.reserve("another", "one"), Verdict::Go { delay: Duration::from_millis(250) });
        t.refund("another", "one");
        t.refund("n0", "one");
        assert_eq!(t.reserve("another", "one"), Verdict::Go { delay: Duration::ZERO }, "a refund gives the slot back");
        let t = Throttle::default();
        for _ in 0..PAIR_LIMIT - 1 {
            t.reserve("ivan", "c");
        }
        t.reserve("ivan", "c");
        t.succeeded("ivan", "c");
        assert!(matches!(t.reserve("ivan", "c"), Verdict::Go { .. }), "a success forgets the failures");
    }
}
