//! What the intake keeps while the server runs: its settings, the blob
//! store, the receipt pepper and the limits that keep a flood from closing
//! the door.

use super::{RateLimiter, UploadSlots};
use inferno_services::intake::{IntakeSettings, ReceiptKeys};
use inferno_storage::{IntakeVault, PackStore, Store, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// The intake vault's running state.
pub struct IntakeState {
    pub settings: IntakeSettings,
    /// The inbox, the database and the packs, read as one.
    pub vault: IntakeVault,
    /// Derives receipts' keys from the pepper, two at a time at most.
    pub receipts: ReceiptKeys,
    pub(crate) submissions: RateLimiter,
    pub(crate) receipt_checks: RateLimiter,
    pub(crate) uploads: UploadSlots,
    pub(crate) tokens: super::token::FormTokens,
}

impl IntakeState {
    pub async fn open(
        settings: IntakeSettings,
        store: Arc<dyn Store>,
        packs: Arc<dyn PackStore>,
    ) -> Result<IntakeState, StoreError> {
        let vault = IntakeVault::open(&settings.data_dir, store, packs).await?;
        let receipts = ReceiptKeys::open(&settings.data_dir, &vault).await?;
        let hour = Duration::from_secs(3600);
        Ok(IntakeState {
            submissions: RateLimiter::new(hour, settings.per_client_per_hour),
            uploads: UploadSlots::new(settings.uploads_per_client, settings.uploads_in_flight),
            tokens: super::token::FormTokens::with_key(receipts.form_token_key()),
            receipt_checks: RateLimiter::new(hour, settings.receipt_checks_per_client_per_hour),
            settings,
            vault,
            receipts,
        })
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
        (inferno_site::shell::client::address_key(peer, &self.settings.trusted_proxies), token)
    }

    /// Deletes rejected and spam submissions past the retention period, blobs included.
    pub async fn purge(&self, actor: &str) -> Result<usize, StoreError> {
        inferno_services::intake::purge(&self.vault, self.settings.retention_days, actor).await
    }
}
