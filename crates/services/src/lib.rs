//! The platform's rules, above storage: what `inferno` (the command line)
//! and the web site both do, written once here and called by both, so that a
//! rule cannot be one thing in the back office and another in a terminal.
//!
//! Below this crate the storage backends only store and read; above it the
//! front ends only read requests and show answers. The audit entries of
//! accounts, sign-in and sessions (`auth`), imports, the back office's edits,
//! the intake vault, reader keys (`keys`) and copies are worded here, and
//! the draft, review and publish rules of the edits (`editing`) decide here,
//! inside a writing transaction the storage lends them (`inferno_storage::Writer`),
//! which every change here ends the same way: its entry appended, then the
//! commit (`audited::commit_if`).
//! One rule sits in the storage crate, above its backends and written once
//! for both, because it is the log's own: the Merkle append and checkpoint
//! signing (`append.rs`).

pub mod accounts;
pub mod audit;
mod audited;
pub mod auth;
pub mod deployment;
pub mod editing;
pub mod intake;
pub mod keys;
pub mod listing;
pub mod notes;
pub mod records;
pub mod secrets;
