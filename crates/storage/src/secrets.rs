//! The secrets that live beside the database, never in it, whatever the
//! backend: the audit log's signing key (so that a copy of the database
//! alone cannot be re-signed after an edit) and the intake vault's receipt
//! pepper. Each is a file of the data directory.
//!
//! Several nodes share one database, and each has a data directory of its
//! own: they must all hold the same secrets. A node that made new ones
//! would sign the audit log with another key (`audit verify` would fail)
//! and derive other receipts (every source's receipt would be "unknown").
//! So the database records, for each secret, a value that identifies it
//! without revealing it (the audit key's public half; a hash of the
//! pepper), when it is first made or first seen, and [`settle`] holds every
//! node to it: a data directory that lacks a recorded secret, or holds
//! another, is refused with what to do, never given a new one.

use crate::StoreError;
pub use crate::error::SecretProblem;
use inferno_audit::{SigningKey, unhex};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Names this log inside every signed checkpoint.
pub const ORIGIN: &str = "inferno/audit-log";

/// The signing key's file in the data directory. It is not in the database,
/// so a copy of the database alone cannot be re-signed after an edit.
pub const KEY_FILE: &str = "audit-signing.key";

/// A 32-byte secret of the data directory: read from its file, or made now
/// for a directory that has none (written by [`settle`], once the database
/// agrees).
#[derive(Clone)]
pub struct Secret {
    pub bytes: [u8; 32],
    /// Whether it was read from its file.
    pub on_disk: bool,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Secret").field("on_disk", &self.on_disk).finish_non_exhaustive()
    }
}

fn data_dir_error(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::DataDir { path: path.display().to_string(), source }
}

/// The secret in `data_dir/name` (hex), if there is such a file.
pub fn read(data_dir: &Path, name: &str) -> Result<Option<[u8; 32]>, StoreError> {
    let path = data_dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex::<32>(text.trim()).map(Some).ok_or_else(|| StoreError::Corrupt {
            what: path.display().to_string(),
            reason: "not a 32-byte hex key".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(data_dir_error(&path)(e)),
    }
}

/// The secret in `data_dir/name` (hex), or a new random one if there is no such file.
pub fn read_or_make(data_dir: &Path, name: &str) -> Result<Secret, StoreError> {
    if let Some(bytes) = read(data_dir, name)? {
        return Ok(Secret { bytes, on_disk: true });
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| data_dir_error(&data_dir.join(name))(std::io::Error::other(e.to_string())))?;
    Ok(Secret { bytes, on_disk: false })
}

/// Writes a secret into `data_dir/name` (hex, mode 0600), never over a file.
pub fn write_new(data_dir: &Path, name: &str, bytes: &[u8; 32]) -> Result<(), StoreError> {
    let path = data_dir.join(name);
    let io = data_dir_error(&path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(&io)?;
    file.write_all(format!("{}\n", hex::encode(bytes)).as_bytes()).map_err(&io)?;
    file.sync_all().map_err(&io)?;
    // The new name itself survives a crash only once its directory is synced.
    std::fs::File::open(data_dir).and_then(|d| d.sync_all()).map_err(&io)?;
    Ok(())
}

/// What identifies the audit key without revealing it: its public half.
pub fn audit_key_check(bytes: &[u8; 32]) -> String {
    hex::encode(SigningKey::from_bytes(bytes).verifying_key().to_bytes())
}

/// What identifies another secret (the pepper) without revealing it.
pub fn secret_check(bytes: &[u8; 32]) -> String {
    let mut h = Sha256::new();
    h.update(b"inferno secret check v1\0");
    h.update(bytes);
    hex::encode(h.finalize())
}

/// Where a database records its secrets' checks (see the module's description).
#[async_trait::async_trait]
pub trait SecretChecks: Send + Sync {
    /// The check recorded for the secret kept in the file `name`, if any.
    async fn recorded_check(&self, name: &str) -> Result<Option<String>, StoreError>;

    /// Records `check` for `name` unless a check is recorded already;
    /// returns the check recorded now (`check`, or the earlier one).
    async fn record_check(&self, name: &str, check: &str) -> Result<String, StoreError>;
}

/// Holds `secret` (the file `name` of `data_dir`, or one made now) to what
/// the database records: the same, or it is refused. One read from a file
/// is recorded if the database records none (a deployment of an earlier
/// release, or its first start); one made now is written to the data
/// directory first and recorded second, and only when `history` is `None`:
/// when nothing exists that an earlier secret made (`history` names it
/// otherwise, e.g. "audit entries"). A crash between the two leaves a file
/// the next start records.
pub async fn settle(
    db: &dyn SecretChecks,
    data_dir: &Path,
    name: &str,
    secret: &Secret,
    check: &str,
    history: Option<&'static str>,
) -> Result<(), StoreError> {
    let file = data_dir.join(name);
    let short = |s: &str| s.chars().take(12).collect::<String>();
    match (db.recorded_check(name).await?, secret.on_disk) {
        (Some(recorded), true) if recorded == check => Ok(()),
        (Some(recorded), true) => {
            Err(SecretProblem::Other { file, recorded: short(&recorded), found: short(check) }.into())
        }
        (Some(recorded), false) => Err(SecretProblem::Missing { file, recorded: short(&recorded) }.into()),
        (None, on_disk) => {
            if !on_disk {
                if let Some(history) = history {
                    return Err(SecretProblem::Unrecorded { file, history }.into());
                }
                write_new(data_dir, name, &secret.bytes)?;
            }
            let recorded = db.record_check(name, check).await?;
            if recorded == check {
                Ok(())
            } else if on_disk {
                Err(SecretProblem::Other { file, recorded: short(&recorded), found: short(check) }.into())
            } else {
                let _ = std::fs::remove_file(&file);
                Err(SecretProblem::Raced { name: name.to_owned() }.into())
            }
        }
    }
}

/// A 32-byte secret kept in `data_dir/name` (hex, mode 0600), made on
/// first use, with no database to agree with (the benchmarks' example).
pub fn load_or_create_secret(data_dir: &Path, name: &str) -> Result<[u8; 32], StoreError> {
    let secret = read_or_make(data_dir, name)?;
    if !secret.on_disk {
        write_new(data_dir, name, &secret.bytes)?;
    }
    Ok(secret.bytes)
}
