//! One audited action.

use serde::{Deserialize, Serialize};

/// What happened, who did it, to what, and when. Its canonical bytes (JSON
/// with the fields in this order) are the Merkle leaf, so every field is covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Position in the log, from 1: part of the leaf, so reordering is detected.
    pub seq: u64,
    /// Unix time in seconds (UTC).
    pub time: i64,
    /// Who acted: a staff account name, or `cli` for the command line.
    pub actor: String,
    /// What was done: `login`, `login_failed`, `import`, `create`, `update`, `publish`…
    pub action: String,
    /// What it was done to: `site/ru-taganrog-sizo-2`, `file/sites.csv`…
    pub target: String,
    /// A short, non-secret description of the change.
    pub detail: String,
}

impl Entry {
    pub fn canonical(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn leaf_hash(&self) -> crate::Hash {
        crate::merkle::leaf_hash(&self.canonical())
    }
}
