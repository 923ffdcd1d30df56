//! Staff authentication: who may change what the world reads.
//!
//! Passwords are hashed with Argon2id (64 MiB, 3 passes), the second factor is
//! TOTP (RFC 6238) whose codes are accepted once, and sessions are random
//! 256-bit tokens of which only a hash is stored. This crate holds the
//! mechanisms; storage keeps the records and the web layer the cookies.

mod password;
mod role;
mod token;
mod totp;

pub use password::{
    PasswordError, check_policy, hash_password, verify_password, verify_unknown_user,
};
pub use role::{Permission, Role};
pub use token::{SessionToken, random_bytes};
pub use totp::{TotpSecret, provisioning_qr_svg, provisioning_qr_terminal};

/// A staff account name: what a person types at login and what the audit log shows.
pub fn check_username(name: &str) -> Result<(), String> {
    let ok = (2..=40).contains(&name.len())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
        })
        && name.as_bytes()[0].is_ascii_lowercase();
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\"{name}\" is not a valid account name: 2 to 40 characters, lowercase latin letters, digits, '.', '-' or '_', starting with a letter"
        ))
    }
}
