//! The audit log's integrity (DESIGN.md §3).
//!
//! Every audited action is an [`Entry`]; its canonical bytes are a leaf of a
//! Merkle tree built the Certificate Transparency way (RFC 6962 / RFC 9162:
//! leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right)). The
//! server signs [`Checkpoint`]s (tree size, root, time) with an Ed25519 key
//! kept outside the database, so that whoever holds the database file cannot
//! change, remove or reorder an entry without the signed roots giving it away.
//! Inclusion and consistency proofs let anyone check one entry, or that a
//! later log extends an earlier one, without the whole log. A [`Frontier`]
//! lets the server sign the next root without reading the log again.

mod checkpoint;
mod entry;
mod frontier;
mod log;
pub mod merkle;

pub use checkpoint::{Checkpoint, CheckpointError, SignedCheckpoint, SigningKey, VerifyingKey, generate_key};
pub use entry::Entry;
pub use frontier::{Frontier, FrontierError};
pub use log::{Tamper, Verified, verify};
pub use merkle::Hash;

/// Parses lowercase or uppercase hex of exactly `N` bytes.
pub fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).ok().map(|()| out)
}
