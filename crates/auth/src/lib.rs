//! Staff authentication: who may change what the world reads.
//!
//! Passwords are hashed with Argon2id (64 MiB, 3 passes), the second factor is
//! TOTP (RFC 6238) whose codes are accepted once, and sessions are random
//! 256-bit tokens of which only a hash is stored. This crate holds the
//! mechanisms; storage keeps the records and the web layer the cookies.

mod password;
mod token;
mod totp;

pub use password::{PasswordError, check_policy, hash_password, verify_password, verify_unknown_user};
pub use token::{SessionToken, random_bytes, same_secret};
pub use totp::{TotpSecret, provisioning_qr_svg, provisioning_qr_terminal};
