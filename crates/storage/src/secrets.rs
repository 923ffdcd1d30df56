//! The secrets that live beside the database, never in it, whatever the
//! backend: the audit log's signing key (so that a copy of the database
//! alone cannot be re-signed after an edit) and the intake vault's receipt
//! pepper. Each is a file of the data directory, made on first use.

use crate::StoreError;
use inferno_audit::{SigningKey, unhex};
use std::io::Write;
use std::path::Path;

/// Names this log inside every signed checkpoint.
pub const ORIGIN: &str = "inferno/audit-log";

/// The signing key's file in the data directory. It is not in the database,
/// so a copy of the database alone cannot be re-signed after an edit.
pub const KEY_FILE: &str = "audit-signing.key";

/// Loads the audit signing key, creating it on first use (mode 0600).
pub fn load_or_create_key(data_dir: &Path) -> Result<SigningKey, StoreError> {
    load_or_create_secret(data_dir, KEY_FILE).map(|b| SigningKey::from_bytes(&b))
}

/// A 32-byte secret kept in `data_dir/name` (hex, mode 0600), made on first use.
pub fn load_or_create_secret(data_dir: &Path, name: &str) -> Result<[u8; 32], StoreError> {
    let path = data_dir.join(name);
    let io = |source| StoreError::DataDir { path: path.display().to_string(), source };
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex::<32>(text.trim()).ok_or_else(|| StoreError::Corrupt {
            what: path.display().to_string(),
            reason: "not a 32-byte hex key".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| io(std::io::Error::other(e.to_string())))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&path).map_err(io)?;
            file.write_all(format!("{}\n", hex::encode(seed)).as_bytes()).map_err(io)?;
            file.sync_all().map_err(io)?;
            Ok(seed)
        }
        Err(e) => Err(io(e)),
    }
}
