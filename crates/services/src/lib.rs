//! The platform's rules, above storage: what `inferno` (the command line)
//! and the web site both do, written once here and called by both, so that a
//! rule cannot be one thing in the back office and another in a terminal.
//!
//! Below this crate the storage backends only store and read; above it the
//! front ends only read requests and show answers. The audit entries of
//! accounts, imports, the intake vault and copies are worded here. Two rules
//! sit in the storage crate, above its backends, written once for both: the
//! Merkle append and checkpoint signing (`append.rs`), and the draft, review
//! and publish rules of the back office's edits (`sql/editing.rs`, which
//! runs inside the write transaction it decides in).

pub mod accounts;
pub mod deployment;
pub mod intake;
pub mod records;
