//! The platform's rules, above storage: what `inferno` (the command line)
//! and the web site both do, written once here and called by both, so that a
//! rule cannot be one thing in the back office and another in a terminal.
//!
//! Below this crate the storage backends only store and read; above it the
//! front ends only read requests and show answers. The audit entries of
//! accounts, imports and the intake vault are worded here; rules still inside
//! the SQLite backend (the Merkle append and checkpoint signing, the draft,
//! review and publish rules of the back office's edits) are to move here,
//! one concern at a time, before a second backend is added (issue 11).

pub mod accounts;
pub mod intake;
pub mod records;
