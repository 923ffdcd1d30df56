//! The checks of the secrets kept beside the database (see [`crate::secrets`]).

use super::Backend;
use crate::StoreError;
use crate::secrets::{self, Secret, SecretChecks};
use std::path::Path;

#[async_trait::async_trait]
impl SecretChecks for Backend {
    async fn recorded_check(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT value FROM secret_checks WHERE name = $1")
            .bind(name)
            .fetch_optional(self.pool())
            .await?)
    }

    async fn record_check(&self, name: &str, check: &str) -> Result<String, StoreError> {
        sqlx::query("INSERT INTO secret_checks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(check)
            .execute(self.pool())
            .await?;
        Ok(sqlx::query_scalar("SELECT value FROM secret_checks WHERE name = $1")
            .bind(name)
            .fetch_one(self.pool())
            .await?)
    }
}

/// Holds the audit key the store was opened with to the one the database
/// records; a new key is written to `data_dir` only while the audit log is
/// empty.
pub(crate) async fn settle_audit_key(db: &Backend, data_dir: &Path, key: &Secret) -> Result<(), StoreError> {
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_entries").fetch_one(db.pool()).await?;
    let history = (entries > 0).then_some("audit entries");
    // A log written before keys were recorded names its key by its
    // signatures: a key that did not sign it is not recorded in its stead.
    if key.on_disk
        && db.recorded_check(secrets::KEY_FILE).await?.is_none()
        && let Some(latest) = super::audit::read_latest_checkpoint(db.pool()).await?
        && latest.verify(&inferno_audit::SigningKey::from_bytes(&key.bytes).verifying_key()).is_err()
    {
        return Err(secrets::SecretProblem::NotTheSigner { file: data_dir.join(secrets::KEY_FILE) }.into());
    }
    secrets::settle(db, data_dir, secrets::KEY_FILE, key, &secrets::audit_key_check(&key.bytes), history).await
}
