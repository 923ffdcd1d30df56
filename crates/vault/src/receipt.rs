//! The receipt a source gets once, and what the server derives from it.
//!
//! Sixteen random digits (about 53 bits), as GlobaLeaks gives: easy to write
//! down and to type on a phone. The server never stores the receipt. It stores
//! a lookup key derived with Argon2id under a server-side pepper, so that a
//! copy of the database cannot be searched for a receipt without the pepper
//! and, even with it, each guess costs an Argon2id run; and it derives from the
//! same run the source's own X25519 key, to which the team's replies are
//! encrypted.

use crate::VaultError;
use crate::keys::{Key, identity_from_bytes};
use age::x25519::Identity;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// Sixteen decimal digits. Zeroised when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt(String);

impl Drop for Receipt {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Receipt(…)")
    }
}

/// Why a typed receipt is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error("no receipt was entered")]
    Empty,
    #[error("a receipt has only digits (spaces and dashes between them are fine)")]
    NotDigits,
    #[error("a receipt has 16 digits; this has {0}")]
    WrongLength(usize),
}

/// A source's key pair, derived from the receipt; replies are encrypted to it.
pub struct SourceKey(Identity);

impl Key for SourceKey {
    fn identity(&self) -> &Identity {
        &self.0
    }
}

impl SourceKey {
    pub fn public(&self) -> String {
        self.0.to_public().to_string()
    }
}

/// Argon2id for receipts: m = 19 MiB, t = 2, p = 1 (OWASP's second
/// recommended setting). It keeps an upload's memory well under its budget,
/// and 10^16 receipts at this cost are beyond any search.
fn receipt_kdf(digits: &str, pepper: &[u8]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    crate::keys::argon2id(digits, pepper, 19, 2)
}

fn labelled(label: &[u8], master: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    let mut h = Sha256::new();
    h.update(label);
    h.update(master);
    Zeroizing::new(h.finalize().into())
}

impl Receipt {
    /// Sixteen uniformly random digits.
    pub fn generate() -> Receipt {
        const LIMIT: u64 = 10_000_000_000_000_000;
        // Rejection sampling keeps every receipt equally likely.
        let zone = u64::MAX - u64::MAX % LIMIT;
        loop {
            let n = u64::from_le_bytes(crate::random_bytes::<8>());
            if n < zone {
                return Receipt(format!("{:016}", n % LIMIT));
            }
        }
    }

    /// Reads a receipt as a person types it: digits, with any spaces or dashes.
    pub fn parse(input: &str) -> Result<Receipt, ReceiptError> {
        let mut digits = String::with_capacity(16);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '\u{a0}' => {}
                _ => {
                    digits.zeroize();
                    return Err(ReceiptError::NotDigits);
                }
            }
        }
        match digits.len() {
            0 => Err(ReceiptError::Empty),
            16 => Ok(Receipt(digits)),
            n => {
                digits.zeroize();
                Err(ReceiptError::WrongLength(n))
            }
        }
    }

    /// In groups of four: `1234 5678 9012 3456`.
    pub fn grouped(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join(" ")
    }

    /// The digits, for a form field that sends the receipt back.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The stored lookup key (hex) and the source's key pair. One Argon2id run
    /// (19 MiB); call it off the async threads.
    pub fn derive(&self, pepper: &[u8]) -> Result<(String, SourceKey), VaultError> {
        let master = receipt_kdf(&self.0, pepper)?;
        let lookup = hex::encode(labelled(b"inferno receipt lookup\0", &master));
        let key = SourceKey(identity_from_bytes(&labelled(b"inferno receipt key\0", &master)));
        Ok((lookup, key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_sixteen_digits_in_four_groups() {
        let r = Receipt::generate();
        assert_eq!(r.digits().len(), 16);
        assert!(r.digits().bytes().all(|b| b.is_ascii_digit()));
        let g = r.grouped();
        assert_eq!(g.split(' ').count(), 4);
        assert_eq!(Receipt::parse(&g).unwrap(), r);
        assert_ne!(Receipt::generate(), r);
    }

    #[test]
    fn typed_receipts() {
        assert!(Receipt::parse("1234-5678-9012-3456").is_ok());
        assert!(Receipt::parse(" 1234 5678 9012 3456 ").is_ok());
        assert_eq!(Receipt::parse(""), Err(ReceiptError::Empty));
        assert_eq!(Receipt::parse("  "), Err(ReceiptError::Empty));
        assert_eq!(Receipt::parse("1234 5678"), Err(ReceiptError::WrongLength(8)));
        assert_eq!(Receipt::parse("1234 5678 9012 3456 7"), Err(ReceiptError::WrongLength(17)));
        assert_eq!(Receipt::parse("1234 5678 9012 345x"), Err(ReceiptError::NotDigits));
        assert_eq!(Receipt::parse("1234\u{0}5678"), Err(ReceiptError::NotDigits));
        assert_eq!(format!("{:?}", Receipt::parse("1234567890123456").unwrap()), "Receipt(…)");
    }

    #[test]
    fn derivation_depends_on_receipt_and_pepper() {
        let r = Receipt::parse("1234 5678 9012 3456").unwrap();
        let (l1, k1) = r.derive(b"pepper-one-16byt").unwrap();
        let (l2, k2) = r.derive(b"pepper-one-16byt").unwrap();
        assert_eq!((l1.clone(), k1.public()), (l2, k2.public()));
        let (l3, _) = r.derive(b"pepper-two-16byt").unwrap();
        assert_ne!(l1, l3);
        let (l4, k4) = Receipt::parse("1234 5678 9012 3457").unwrap().derive(b"pepper-one-16byt").unwrap();
        assert_ne!(l1, l4);
        assert_ne!(k1.public(), k4.public());
        assert_eq!(l1.len(), 64);
        assert!(!l1.contains("1234"));
    }
}
