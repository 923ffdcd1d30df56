//! Password hashing as a bounded resource.
//!
//! One Argon2id run (a sign-in, a password change, unwrapping a reader key, a
//! new account) holds 64 MiB and a core for a fraction of a second. Nothing a
//! stranger sends may start more of them than the machine can hold, so every
//! run takes one of a few permits; a request that cannot get one soon is told
//! to try again instead of queueing without end.
//!
//! The permits are shared fairly (review 3, N4: 150 guessers from 5 addresses
//! kept both permits busy and the real administrator got "busy" half the time):
//! - a client (an address; everyone behind a trusted proxy together) has at
//!   most one sign-in hash in flight: a second one is refused at once, so a
//!   client's threads do not multiply its share;
//! - one permit is kept for clients with no failed sign-in in the last
//!   minute, and for staff already signed in: guessers fail, so they lose it
//!   after their first guess, and the member who types the right password
//!   does not queue behind them.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Runs at once: two cores, 128 MiB at most. One of them is kept for clients
/// with a clean record.
pub const PERMITS: usize = 2;
/// How long a request waits for a permit before it is turned away.
pub const WAIT: Duration = Duration::from_secs(5);

pub struct HashPool {
    /// Permits anyone may take.
    shared: Arc<Semaphore>,
    /// The permit kept for clients with no recent failure.
    kept: Arc<Semaphore>,
    wait: Duration,
    /// Clients with a sign-in hash in flight (their keys, in memory only).
    hashing: Arc<Mutex<HashSet<String>>>,
}

/// Why a hash did not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    /// Every permit this client may take stayed taken for [`WAIT`].
    Server,
    /// This client already has a hash in flight.
    Client,
}

impl Default for HashPool {
    fn default() -> Self {
        HashPool {
            shared: Arc::new(Semaphore::new(PERMITS - 1)),
            kept: Arc::new(Semaphore::new(1)),
            wait: WAIT,
            hashing: Arc::new(Mutex::new(HashSet::new())),
        }
    }
}

/// A client's one hash in flight; freed when dropped.
struct InFlight {
    clients: Arc<Mutex<HashSet<String>>>,
    client: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.clients.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.client);
    }
}

/// Runs `work` on a blocking thread, holding `held` (a permit, a client's
/// place) until the work ends, not until the request does: a request whose
/// client hangs up is dropped at once, but its hash goes on, and so must
/// what bounds it, or a stranger could start hash after hash by hanging up.
pub async fn run_holding<T: Send + 'static, H: Send + 'static>(
    held: H,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    tokio::task::spawn_blocking(move || {
        let _held = held;
        work()
    })
    .await
    .ok()
}

impl HashPool {
    async fn permit(&self, clean: bool) -> Result<OwnedSemaphorePermit, Busy> {
        let take = async {
            if clean {
                tokio::select! {
                    p = self.kept.clone().acquire_owned() => p,
                    p = self.shared.clone().acquire_owned() => p,
                }
            } else {
                self.shared.clone().acquire_owned().await
            }
        };
        tokio::time::timeout(self.wait, take).await.map_err(|_| Busy::Server)?.map_err(|_| Busy::Server)
    }

    /// Runs `work` for a member already signed in (a password change, a key
    /// unlock, a new account) on a blocking thread once a permit is free.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let permit = self.permit(true).await?;
        run_holding(permit, work).await.ok_or(Busy::Server)
    }

    /// Runs a sign-in's `work` for `client`, which may have one in flight;
    /// `clean` when the client has no failed sign-in in the window.
    pub async fn run_for<T: Send + 'static>(
        &self,
        client: &str,
        clean: bool,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        if !self.hashing.lock().unwrap_or_else(|e| e.into_inner()).insert(client.to_owned()) {
            return Err(Busy::Client);
        }
        let in_flight = InFlight { clients: self.hashing.clone(), client: client.to_owned() };
        let permit = self.permit(clean).await?;
        run_holding((permit, in_flight), work).await.ok_or(Busy::Server)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn pool(wait: Duration) -> Arc<HashPool> {
        Arc::new(HashPool { wait, ..HashPool::default() })
    }

    /// A hash for `client` that runs until the sender is used or dropped.
    fn held(
        p: &Arc<HashPool>,
        client: &'static str,
        clean: bool,
    ) -> (std::sync::mpsc::Sender<()>, tokio::task::JoinHandle<Result<bool, Busy>>) {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let p = p.clone();
        (tx, tokio::spawn(async move { p.run_for(client, clean, move || rx.recv().is_ok()).await }))
    }

    #[tokio::test]
    async fn a_client_has_one_hash_in_flight() {
        let p = pool(WAIT);
        let (tx, first) = held(&p, "a", false);
        while p.hashing.lock().unwrap().is_empty() {
            tokio::task::yield_now().await;
        }
        assert_eq!(p.run_for("a", true, || ()).await, Err(Busy::Client));
        assert_eq!(p.run_for("b", true, || 7).await, Ok(7), "another client is not held up");
        tx.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(true));
        assert_eq!(p.run_for("a", false, || 1).await, Ok(1), "the place is freed");
    }

    #[tokio::test]
    async fn a_request_dropped_mid_hash_keeps_its_permit_until_the_hash_ends() {
        let p = pool(Duration::from_millis(200));
        let (tx, hanging_up) = held(&p, "a", true);
        while p.kept.available_permits() + p.shared.available_permits() == PERMITS {
            tokio::task::yield_now().await;
        }
        hanging_up.abort();
        let _ = hanging_up.await;
        assert_eq!(p.run_for("a", true, || ()).await, Err(Busy::Client), "its hash still runs");
        assert_eq!(p.kept.available_permits() + p.shared.available_permits(), PERMITS - 1, "and holds its permit");
        tx.send(()).unwrap();
        // The blocking thread gives back the permit and the client's place
        // one after the other: wait for both.
        while p.kept.available_permits() + p.shared.available_permits() < PERMITS
            || !p.hashing.lock().unwrap().is_empty()
        {
            tokio::task::yield_now().await;
        }
        assert_eq!(p.run_for("a", true, || 1).await, Ok(1));
    }

    #[tokio::test]
    async fn a_permit_is_kept_for_clients_without_failures() {
        let p = pool(Duration::from_millis(200));
        let (tx, guesser) = held(&p, "guesser-1", false);
        while p.shared.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(p.run_for("guesser-2", false, || ()).await, Err(Busy::Server), "guessers share what is left");
        assert_eq!(p.run_for("member", true, || 3).await, Ok(3), "a clean client gets the kept permit");
        assert_eq!(p.run(|| 4).await, Ok(4), "so does a member already signed in");
        tx.send(()).unwrap();
        guesser.await.unwrap().unwrap();
    }
}
