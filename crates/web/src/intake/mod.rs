//! The intake vault's public side: the submission and contact forms, and the
//! receipt page where a source returns to read replies and answer.
//!
//! Nothing here logs or stores a client's address, browser or the time of a
//! request; the address is used only for rate limiting, hashed in memory.

mod limit;
pub(crate) mod multipart;
mod public;
mod token;
pub(crate) mod upload;

pub use limit::{Over, RateLimiter, UploadSlots};

use crate::App;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use inferno_storage::{BlobStore, StoreError};
use inferno_vault::{Receipt, SourceKey, VaultError};
use std::sync::Arc;
use std::time::Duration;

/// The file in the data directory holding the receipt pepper.
pub const PEPPER_FILE: &str = "intake-pepper.key";

pub use inferno_services::intake::IntakeSettings;

/// The intake vault's running state.
pub struct IntakeState {
    pub settings: IntakeSettings,
    pub blobs: BlobStore,
    pepper: [u8; 32],
    pub(crate) submissions: RateLimiter,
    pub(crate) receipt_checks: RateLimiter,
    pub(crate) uploads: UploadSlots,
    pub(crate) tokens: token::FormTokens,
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
            tokens: token::FormTokens::new(),
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
        crate::hashing::run_holding(permit, move || receipt.derive(&pepper))
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

    pub(crate) fn limits(&self) -> upload::Limits {
        upload::Limits {
            max_total: self.settings.max_submission,
            max_file: self.settings.max_file,
            max_files: self.settings.max_files,
        }
    }

    /// Deletes rejected and spam submissions past the retention period, blobs included.
    pub async fn purge(&self, app: &App, actor: &str) -> Result<usize, StoreError> {
        inferno_services::intake::purge(app.store.as_ref(), &self.blobs, self.settings.retention_days, actor).await
    }
}

/// Today as `YYYY-MM-DD` (UTC): the finest time the vault records.
pub fn today() -> String {
    inferno_domain::PartialDate::today().to_string()
}

/// The first path segments of the intake forms (after `/{lang}/`): the
/// submission form, the contact form and the receipt page. Only the live
/// site has them; a static mirror never holds them.
pub const SEGMENTS: [&str; 3] = ["submit", "contact", "receipt"];

pub fn routes(settings: &IntakeSettings) -> Router<Arc<App>> {
    // Room for the limit plus the rest of an oversized body, which is read and
    // discarded so that the browser gets the answer.
    let body =
        usize::try_from(settings.max_submission.saturating_mul(2).saturating_add(16 << 20)).unwrap_or(usize::MAX);
    let [submit, contact, receipt] = SEGMENTS;
    let uploads = Router::new()
        .route(&format!("/{{lang}}/{submit}"), get(public::submit_form).post(public::submit))
        .route(&format!("/{{lang}}/{contact}"), get(public::contact_form).post(public::contact))
        .route(&format!("/{{lang}}/{receipt}/reply"), post(public::follow_up))
        .layer(DefaultBodyLimit::max(body));
    // The receipt check is a small form read whole into memory: a small limit.
    let receipt = Router::new()
        .route(&format!("/{{lang}}/{receipt}"), get(public::receipt_form).post(public::receipt_check))
        .layer(DefaultBodyLimit::max(16 * 1024));
    uploads.merge(receipt)
}
