//! The platform's rules, above storage: what `inferno` (the command line)
//! and the web site both do, written once here and called by both, so that a
//! rule cannot be one thing in the back office and another in a terminal.
//!
//! Below this crate the storage backends only store and read; above it the
//! front ends only read requests and show answers. Rules still inside the
//! SQLite backend (the wording of audit entries, the Merkle append, the
//! draft and publish rules) are to move here, one concern at a time, before
//! a second backend is added (issue 11).

pub mod accounts;
pub mod intake;
