//! What the intake keeps while the server runs: its settings, the blob
//! store, the receipt pepper and the limits that keep a flood from closing
//! the door.

use super::{PEPPER_FILE, RateLimiter, UploadSlots};
use inferno_services::intake::IntakeSettings;
use inferno_storage::{BlobStore, Store, StoreError};
use inferno_vault::{Receipt, SourceKey, VaultError};
use std::sync::Arc;
use std::time::Duration;

/// The intake vault's running state.
pub struct IntakeState {
    pub settings: IntakeSettings,
    pub blobs: BlobStore,
    pepper: [u8; 32],
    pub(crate) submissions: RateLimiter,
    pub(crate) receipt_checks: RateLimiter,
    pub(crate) uploads: UploadSlots,
    pub(crate) tokens: super::token::FormTokens,
    /// Receipt derivations (19 MiB each) run two at a time at most.
    kdf: Arc<tokio::sync::Semaphore>,
}

impl IntakeState {
    pub async fn open(settings: IntakeSettings) -> Result<IntakeState, StoreError> {
        let blobs = BlobStore::open(&settings.data_dir).await?;
        let pepper = inferno_storage::load_or_create_secret(&settings.data_dir, PEPPER_FILE)?;
        let hour = Duration::from_secs(3600);
        Ok(IntakeState {
            submissions: RateLimiter::new(hour, settings.per_client_per_hour),
            uploads: UploadSlots::new(settings.uploads_per_client, settings.uploads_in_flight),
            tokens: super::token::FormTokens::new(),
            receipt_checks: RateLimiter::new(hour, settings.receipt_checks_per_client_per_hour),
            settings,
            blobs,
            pepper,
            kdf: Arc::new(tokio::sync::Semaphore::new(2)),
        })
    }

    /// The receipt's lookup key and the source's key pair, off the async threads.
    pub async fn derive(&self, receipt: Receipt) -> Result<(String, SourceKey), VaultError> {
        // A flood of checks makes the next one wait a little, then turns it away.
        let wait = tokio::time::timeout(Duration::from_secs(5), self.kdf.clone().acquire_owned());
        let permit =
            wait.await.map_err(|_| VaultError::Kdf("busy".into()))?.map_err(|e| VaultError::Kdf(e.to_string()))?;
        let pepper = self.pepper;
        // The permit goes with the derivation, which goes on if the request is dropped.
        inferno_services::auth::hashing::run_holding(permit, move || receipt.derive(&pepper))
            .await
            .ok_or_else(|| VaultError::Kdf("the derivation stopped".into()))?
    }

    /// The most bytes an upload's body may have: the files' limit, and room
    /// for the rest of an oversized body, which is read and discarded so that
    /// the browser gets the answer.
    pub(crate) fn body_limit(&self) -> u64 {
        self.settings.max_submission.saturating_mul(2).saturating_add(16 << 20)
    }

    /// What rate limits count a visitor under: their address (IPv6 by /64)
    /// unless it is a trusted proxy's, and their form token.
    pub(crate) fn clients<'a>(&self, peer: std::net::IpAddr, token: &'a str) -> (Option<String>, &'a str) {
        (crate::client::address_key(peer, &self.settings.trusted_proxies), token)
    }

    /// Deletes rejected and spam submissions past the retention period, blobs included.
    pub async fn purge(&self, store: &dyn Store, actor: &str) -> Result<usize, StoreError> {
        inferno_services::intake::purge(store, &self.blobs, self.settings.retention_days, actor).await
    }
}
