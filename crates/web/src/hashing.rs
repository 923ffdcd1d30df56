//! Password hashing as a bounded resource.
//!
//! One Argon2id run (a sign-in, a password change, unwrapping a reader key, a
//! new account) holds 64 MiB and a core for a fraction of a second. Nothing a
//! stranger sends may start more of them than the machine can hold, so every
//! run takes one of a few permits; a request that cannot get one soon is told
//! to try again instead of queueing without end.

use std::time::Duration;
use tokio::sync::Semaphore;

/// Runs at once: two cores, 128 MiB at most.
pub const PERMITS: usize = 2;
/// How long a request waits for a permit before it is turned away.
pub const WAIT: Duration = Duration::from_secs(5);

pub struct HashPool {
    permits: Semaphore,
    wait: Duration,
}

/// Every permit stayed taken for [`WAIT`]: the server is busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl Default for HashPool {
    fn default() -> Self {
        HashPool { permits: Semaphore::new(PERMITS), wait: WAIT }
    }
}

impl HashPool {
    /// Runs `work` on a blocking thread once a permit is free.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Busy> {
        let _permit =
            tokio::time::timeout(self.wait, self.permits.acquire()).await.map_err(|_| Busy)?.map_err(|_| Busy)?;
        tokio::task::spawn_blocking(work).await.map_err(|_| Busy)
    }
}
