//! Receipts: what a source keeps to come back. A receipt is 16 digits; with
//! the server's pepper it derives (Argon2id, 19 MiB) the lookup key the
//! submission is stored under and the source's key pair, which replies are
//! sealed to. Neither the receipt nor anything that tells it is stored.

use inferno_storage::{IntakeVault, SourceView, StoreError};
use inferno_vault::{Receipt, SourceKey, VaultError};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The file in the data directory holding the receipt pepper.
pub const PEPPER_FILE: &str = "intake-pepper.key";

/// Derivations running at once at most: each holds 19 MiB.
const AT_ONCE: usize = 2;

/// How long a derivation waits for its turn before it is turned away.
const WAIT: Duration = Duration::from_secs(5);

/// Derives receipts' keys, a few at a time.
pub struct ReceiptKeys {
    pepper: [u8; 32],
    pool: Arc<tokio::sync::Semaphore>,
}

/// Why a receipt's keys could not be derived, or its submission found.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// Every derivation is taken: try again in a moment.
    #[error("receipt derivations are busy")]
    Busy,
    /// The derivation itself failed.
    #[error("a receipt's keys could not be derived: {0}")]
    Vault(VaultError),
    /// The database did not answer.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ReceiptKeys {
    /// The pepper of the data directory `dir`, held to the one `store`
    /// records (see `inferno_storage::secret::settle`): made on first use,
    /// and only while no submission exists, whose receipt another pepper
    /// would no longer find.
    pub async fn open(dir: &Path, vault: &IntakeVault) -> Result<ReceiptKeys, StoreError> {
        use inferno_storage::secret;
        let pepper = secret::read_or_make(dir, PEPPER_FILE)?;
        let history = vault.holds_submissions().await?.then_some("submissions");
        secret::settle(vault.store(), dir, PEPPER_FILE, &pepper, &secret::secret_check(&pepper.bytes), history).await?;
        Ok(ReceiptKeys { pepper: pepper.bytes, pool: Arc::new(tokio::sync::Semaphore::new(AT_ONCE)) })
    }

    /// The key the intake forms' tokens are made under: derived from the
    /// pepper (domain-separated), so the same on every server of the
    /// deployment, and telling nothing of the pepper.
    pub fn form_token_key(&self) -> [u8; 32] {
        use sha2::Digest;
        sha2::Sha256::new().chain_update(b"inferno form tokens v1\0").chain_update(self.pepper).finalize().into()
    }

    /// The receipt's lookup key and the source's key pair, off the async threads.
    pub async fn derive(&self, receipt: Receipt) -> Result<(String, SourceKey), ReceiptError> {
        // A flood of checks makes the next one wait a little, then turns it away.
        let permit = tokio::time::timeout(WAIT, self.pool.clone().acquire_owned())
            .await
            .map_err(|_| ReceiptError::Busy)?
            .map_err(|_| ReceiptError::Busy)?;
        let pepper = self.pepper;
        // The permit goes with the derivation, which goes on if the request is dropped.
        crate::auth::hashing::run_holding(permit, move || receipt.derive(&pepper))
            .await
            .ok_or(ReceiptError::Busy)?
            .map_err(ReceiptError::Vault)
    }

    /// What the source of `receipt` may see of their submission, with the
    /// key that opens the team's replies; `None` for a receipt that is not one.
    pub async fn find(
        &self,
        vault: &IntakeVault,
        receipt: Receipt,
    ) -> Result<Option<(SourceView, SourceKey)>, ReceiptError> {
        let (lookup, key) = self.derive(receipt).await?;
        Ok(vault.submission_for_source(&lookup).await?.map(|view| (view, key)))
    }
}
