//! A node given the deployment's secrets (`inferno secrets export` on a node
//! that has them, `inferno secrets import` on the new one), so that every
//! node signs the audit log with the same key and derives the same receipts
//! (see `inferno_storage::secret`).
//!
//! The secrets travel encrypted to an age recipient the operator names, as
//! one small file; nothing of them is ever printed. An import checks every
//! secret against what the database records, and against any file already
//! in the data directory, before it writes one: it writes all or nothing.

use crate::intake::PEPPER_FILE;
use inferno_domain::AuditAction;
use inferno_storage::secret::{audit_key_check, secret_check, write_new};
use inferno_storage::{AUDIT_KEY_FILE, AuditEvent, SecretChecks, Store, StoreError};
use inferno_vault::{IdentityFile, VaultError};
use std::path::Path;

/// The first line of the file's plaintext: what it is, and its version.
const HEADER: &str = "inferno secrets v1";

/// What identifies a secret without revealing it.
type Check = fn(&[u8; 32]) -> String;

/// Every secret a node keeps, by its file's name, with what identifies it.
const SECRETS: [(&str, Check); 2] = [(AUDIT_KEY_FILE, audit_key_check), (PEPPER_FILE, secret_check)];

#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    #[error(
        "this data directory has no {0}: run `inferno serve` here once (it makes the secrets a new deployment needs), or export from a node that has them"
    )]
    Missing(&'static str),
    #[error(
        "{0} is not the one the database records: this node is not one of the deployment's, so it cannot give its secrets"
    )]
    NotRecorded(&'static str),
    #[error("the file does not hold a node's secrets ({0})")]
    NotSecrets(&'static str),
    #[error("the file's {0} is not the one this database records: it was exported from another deployment")]
    OtherDeployment(&'static str),
    #[error("{0} already holds another secret: move it away first if this node is to join the deployment")]
    Occupied(String),
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn read_secret(data_dir: &Path, name: &'static str) -> Result<Option<[u8; 32]>, SecretsError> {
    Ok(inferno_storage::secret::read(data_dir, name)?)
}

/// The data directory's secrets, encrypted to `recipient` (`age1…`):
/// refused unless each is there and agrees with what `db` records (a
/// database of an earlier release records nothing yet).
pub async fn export(db: &dyn SecretChecks, data_dir: &Path, recipient: &str) -> Result<Vec<u8>, SecretsError> {
    let mut text = zeroize::Zeroizing::new(format!("{HEADER}\n"));
    for (name, check) in SECRETS {
        let bytes = read_secret(data_dir, name)?.ok_or(SecretsError::Missing(name))?;
        if db.recorded_check(name).await?.is_some_and(|r| r != check(&bytes)) {
            return Err(SecretsError::NotRecorded(name));
        }
        text.push_str(&format!("{name} {}\n", hex::encode(bytes)));
    }
    Ok(inferno_vault::encrypt(&[recipient], text.as_bytes())?)
}

/// What an import did with each secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    Written(&'static str),
    /// The data directory held the same secret already.
    AlreadyThere(&'static str),
}

/// Writes the secrets of `exported` (opened with the identity file's text)
/// into `data_dir`, all or none: refused if one is not the secret `db`
/// records, or if the directory holds another. Said in the audit log by
/// `record`, once the store can sign (see the binary).
pub async fn import(
    db: &dyn SecretChecks,
    data_dir: &Path,
    exported: &[u8],
    identity: &str,
) -> Result<Vec<Imported>, SecretsError> {
    let identity = IdentityFile::parse(identity)?;
    let plain = zeroize::Zeroizing::new(inferno_vault::decrypt(&identity, exported)?);
    let text = std::str::from_utf8(&plain).map_err(|_| SecretsError::NotSecrets("not text"))?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(SecretsError::NotSecrets("its first line is not the header"));
    }
    let mut found: Vec<(&'static str, [u8; 32])> = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let (name, hexed) = line.split_once(' ').ok_or(SecretsError::NotSecrets("a line is not a name and a key"))?;
        if found.iter().any(|(n, _)| *n == name) {
            return Err(SecretsError::NotSecrets("it names a secret twice"));
        }
        let (name, check) = SECRETS
            .iter()
            .find(|(n, _)| *n == name)
            .copied()
            .ok_or(SecretsError::NotSecrets("it names an unknown secret"))?;
        let bytes =
            inferno_audit::unhex::<32>(hexed.trim()).ok_or(SecretsError::NotSecrets("a key is not 32 hex bytes"))?;
        if db.recorded_check(name).await?.is_some_and(|r| r != check(&bytes)) {
            return Err(SecretsError::OtherDeployment(name));
        }
        found.push((name, bytes));
    }
    if let Some((name, _)) = SECRETS.iter().find(|(n, _)| !found.iter().any(|(f, _)| f == n)) {
        return Err(SecretsError::Missing(name));
    }
    let mut done = Vec::new();
    for (name, bytes) in &found {
        match read_secret(data_dir, name)? {
            Some(there) if there == *bytes => done.push(Imported::AlreadyThere(name)),
            Some(_) => return Err(SecretsError::Occupied(data_dir.join(name).display().to_string())),
            None => {}
        }
    }
    for (name, bytes) in &found {
        if !done.contains(&Imported::AlreadyThere(name)) {
            if let Err(e) = write_new(data_dir, name, bytes) {
                // All or none: what this import wrote goes again.
                for written in done.iter().filter_map(|d| if let Imported::Written(n) = d { Some(n) } else { None }) {
                    let _ = std::fs::remove_file(data_dir.join(written));
                }
                return Err(e.into());
            }
            done.push(Imported::Written(name));
        }
    }
    Ok(done)
}

/// Says in the audit log that a node was given the secrets.
pub async fn record_import(store: &dyn Store, imported: &[Imported], actor: &str) -> Result<(), StoreError> {
    let written = imported.iter().filter(|i| matches!(i, Imported::Written(_))).count();
    let detail = format!("{written} of {} secrets written to a node's data directory", imported.len());
    store.record(&AuditEvent::new(actor, AuditAction::SecretsImport, "deployment", detail)).await?;
    Ok(())
}
