//! The intake vault's rules that are not requests: its limits and retention,
//! and the purge of rejected and spam submissions that the server runs daily
//! and `inferno intake purge` runs on demand.

use inferno_storage::{BlobStore, StoreError};
use std::path::PathBuf;

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
    /// Submissions an hour from one client (address, or form token behind a
    /// trusted proxy). There is no cap for everyone together: a flood must not
    /// close the door; the disk is protected by `min_free_disk` instead.
    pub per_client_per_hour: u32,
    /// Uploads in flight at once from one client, and from everyone.
    pub uploads_per_client: usize,
    pub uploads_in_flight: usize,
    /// Bytes of free disk an upload must leave; below it, uploads wait
    /// (with a message saying so) while text-only messages still go through.
    pub min_free_disk: u64,
    /// Receipt checks (and follow-ups) an hour from one client, and from everyone.
    pub receipt_checks_per_client_per_hour: u32,
    pub receipt_checks_global_per_hour: u32,
    /// Peers whose address is every visitor's (Tor, a reverse proxy).
    pub trusted_proxies: Vec<std::net::IpAddr>,
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
            uploads_per_client: 2,
            uploads_in_flight: 16,
            min_free_disk: 1024 * 1024 * 1024,
            receipt_checks_per_client_per_hour: 20,
            receipt_checks_global_per_hour: 100_000,
            trusted_proxies: Vec::new(),
            retention_days: 30,
        }
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
    blobs.delete(&names).await?;
    Ok(count)
}
