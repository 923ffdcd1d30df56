//! Session tokens: random, shown to the browser once, stored only as a hash.

use sha2::{Digest, Sha256};

/// Bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // Without a working random source no secure token can be made: stop.
    getrandom::fill(&mut b).expect("the operating system's random source failed");
    b
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A 256-bit session token. The cookie carries `value`; the database keeps
/// only `hash`, so a copy of the database opens no session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionToken {
    pub value: String,
}

impl SessionToken {
    pub fn generate() -> SessionToken {
        SessionToken { value: hex::encode(random_bytes::<32>()) }
    }

    pub fn hash(&self) -> String {
        Self::hash_of(&self.value)
    }

    /// The stored form of a token a browser presented.
    pub fn hash_of(value: &str) -> String {
        hex::encode(Sha256::digest(value.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_eq!(a.value.len(), 64);
        assert_ne!(a, b);
        assert_ne!(a.hash(), a.value);
        assert_eq!(a.hash(), SessionToken::hash_of(&a.value));
    }
}
