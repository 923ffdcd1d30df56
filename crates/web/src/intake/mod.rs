//! The intake vault's public side: the submission and contact forms, and the
//! receipt page where a source returns to read replies and answer.
//!
//! Nothing here logs or stores a client's address, browser or the time of a
//! request; the address is used only for rate limiting, hashed in memory.

mod limit;
mod public;
pub(crate) mod upload;

pub use limit::RateLimiter;

use crate::App;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use inferno_storage::{BlobStore, StoreError};
use inferno_vault::{Receipt, SourceKey, VaultError};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// The file in the data directory holding the receipt pepper.
pub const PEPPER_FILE: &str = "intake-pepper.key";

/// Limits and retention of the intake vault.
#[derive(Debug, Clone)]
pub struct IntakeSettings {
    /// Where the blob store and the pepper live (the data directory).
    pub data_dir: PathBuf,
    /// Bytes of files one submission (or one follow-up) may carry.
    pub max_submission: u64,
    /// Bytes one file may have.
    pub max_file: u64,
    /// Files one submission may carry.
    pub max_files: usize,
    /// Submissions an hour from one client (address or form), and from everyone.
    pub per_client_per_hour: u32,
    pub global_per_hour: u32,
    /// Receipt checks (and follow-ups) an hour from one client, and from everyone.
    pub receipt_checks_per_client_per_hour: u32,
    pub receipt_checks_global_per_hour: u32,
    /// Rejected and spam submissions are deleted this many days after their status was set.
    pub retention_days: u32,
}

impl Default for IntakeSettings {
    fn default() -> Self {
        IntakeSettings {
            data_dir: PathBuf::from("inferno-data"),
            max_submission: 500 * 1024 * 1024,
            max_file: 500 * 1024 * 1024,
            max_files: 30,
            per_client_per_hour: 5,
            global_per_hour: 100,
            receipt_checks_per_client_per_hour: 20,
            receipt_checks_global_per_hour: 1000,
            retention_days: 30,
        }
    }
}

/// The intake vault's running state.
pub struct IntakeState {
    pub settings: IntakeSettings,
    pub blobs: BlobStore,
    pepper: [u8; 32],
    pub(crate) submissions: RateLimiter,
    pub(crate) receipt_checks: RateLimiter,
    /// Receipt derivations (19 MiB each) run two at a time at most.
    kdf: tokio::sync::Semaphore,
}

impl IntakeState {
    pub fn open(settings: IntakeSettings) -> Result<IntakeState, StoreError> {
        let io = |source| StoreError::DataDir { path: settings.data_dir.display().to_string(), source };
        let blobs = BlobStore::open(&settings.data_dir).map_err(io)?;
        let pepper = inferno_storage::load_or_create_secret(&settings.data_dir, PEPPER_FILE)?;
        let hour = Duration::from_secs(3600);
        Ok(IntakeState {
            submissions: RateLimiter::new(hour, settings.per_client_per_hour, settings.global_per_hour),
            receipt_checks: RateLimiter::new(
                hour,
                settings.receipt_checks_per_client_per_hour,
                settings.receipt_checks_global_per_hour,
            ),
            settings,
            blobs,
            pepper,
            kdf: tokio::sync::Semaphore::new(2),
        })
    }

    /// The receipt's lookup key and the source's key pair, off the async threads.
    pub async fn derive(&self, receipt: Receipt) -> Result<(String, SourceKey), VaultError> {
        let _permit = self.kdf.acquire().await.map_err(|e| VaultError::Kdf(e.to_string()))?;
        let pepper = self.pepper;
        tokio::task::spawn_blocking(move || receipt.derive(&pepper))
            .await
            .map_err(|e| VaultError::Kdf(e.to_string()))?
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
        purge(app.store.as_ref(), &self.blobs, self.settings.retention_days, actor).await
    }
}

/// Deletes rejected and spam submissions whose status was set more than
/// `retention_days` ago, then their blobs. Shared by the daily job and `inferno intake purge`.
pub async fn purge(
    store: &dyn inferno_storage::Store,
    blobs: &BlobStore,
    retention_days: u32,
    actor: &str,
) -> Result<usize, StoreError> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (now / 86_400) as i64 - i64::from(retention_days);
    let before = inferno_domain::PartialDate::from_days_since_epoch(days).to_string();
    let (count, names) = store.purge_submissions(&before, actor).await?;
    blobs.delete(&names).map_err(|source| StoreError::DataDir { path: "vault/blobs".into(), source })?;
    Ok(count)
}

/// Today as `YYYY-MM-DD` (UTC): the finest time the vault records.
pub fn today() -> String {
    inferno_domain::PartialDate::today().to_string()
}

pub fn routes(settings: &IntakeSettings) -> Router<Arc<App>> {
    // Room for the limit plus the rest of an oversized body, which is read and
    // discarded so that the browser gets the answer.
    let body =
        usize::try_from(settings.max_submission.saturating_mul(2).saturating_add(16 << 20)).unwrap_or(usize::MAX);
    let uploads = Router::new()
        .route("/{lang}/submit", get(public::submit_form).post(public::submit))
        .route("/{lang}/contact", get(public::contact_form).post(public::contact))
        .route("/{lang}/receipt/reply", post(public::follow_up))
        .layer(DefaultBodyLimit::max(body));
    // The receipt check is a small form read whole into memory: a small limit.
    let receipt = Router::new()
        .route("/{lang}/receipt", get(public::receipt_form).post(public::receipt_check))
        .layer(DefaultBodyLimit::max(16 * 1024));
    uploads.merge(receipt)
}
