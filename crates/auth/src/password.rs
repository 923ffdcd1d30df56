//! Argon2id password hashes.

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// Argon2id with 64 MiB of memory and 3 passes: above OWASP ASVS 5's
/// minimum (46 MiB), as DESIGN.md §2 asks.
pub const MEMORY_KIB: u32 = 64 * 1024;
pub const PASSES: u32 = 3;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password must be at least {min} characters long")]
    TooShort { min: usize },
    #[error("the password must be at most {max} characters long")]
    TooLong { max: usize },
    #[error("the password hash could not be computed: {0}")]
    Hash(String),
}

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 128;

fn argon2() -> Argon2<'static> {
    // The parameters are constants known to be valid.
    let params = Params::new(MEMORY_KIB, PASSES, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Length only, as OWASP ASVS asks: no composition rules.
pub fn check_policy(password: &str) -> Result<(), PasswordError> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err(PasswordError::TooShort { min: MIN_LEN });
    }
    if n > MAX_LEN {
        return Err(PasswordError::TooLong { max: MAX_LEN });
    }
    Ok(())
}

/// A PHC string (`$argon2id$v=19$m=65536,t=3,p=1$…`). Slow on purpose:
/// callers on an async runtime run it on a blocking thread.
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    check_policy(password)?;
    argon2().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| PasswordError::Hash(e.to_string()))
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    argon2().verify_password(password.as_bytes(), phc).is_ok()
}

/// Spends the same time as checking a real password, so that a login for an
/// account that does not exist cannot be told apart by its timing.
pub fn verify_unknown_user(password: &str) {
    use std::sync::LazyLock;
    static DUMMY: LazyLock<String> =
        LazyLock::new(|| hash_password("a password nobody has, for timing").unwrap_or_default());
    let _ = verify_password(password, &DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_verifies() {
        let h = hash_password("correct horse battery staple").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{h}");
        assert!(verify_password("correct horse battery staple", &h));
        assert!(!verify_password("correct horse battery stapler", &h));
        assert!(!verify_password("x", "not a hash"));
        assert_ne!(h, hash_password("correct horse battery staple").unwrap(), "salted");
    }

    #[test]
    fn policy() {
        assert_eq!(check_policy("short"), Err(PasswordError::TooShort { min: 12 }));
        assert!(check_policy("пароль довгий").is_ok(), "counts characters, not bytes");
        assert_eq!(check_policy(&"x".repeat(129)), Err(PasswordError::TooLong { max: 128 }));
    }
}
