//! Inferno's intake vault: the cryptography that keeps what sources send
//! unreadable on disk (DESIGN.md §2).
//!
//! - Each staff member who reads submissions has an X25519 key pair
//!   ([`ReaderKey`]). Its private half is stored only wrapped under a key derived
//!   from the member's password with Argon2id, and unwrapped at sign-in.
//! - Each submission has its own key pair ([`SubmissionKey`]). Everything the
//!   source sends is encrypted with age to its public half, streamed in chunks
//!   ([`Sealer`]); the private half is sealed to every reader.
//! - The source's [`Receipt`] (16 random digits) gives both the lookup key the
//!   server stores and the source's own key pair ([`SourceKey`]); the team's
//!   replies are encrypted to it.
//!
//! This crate does no I/O of its own: callers hand it readers and writers.

mod content;
mod files;
mod keys;
mod receipt;
mod reveals;

pub use content::{Digest, Digester, Sealer, decrypt, encrypt, open_stream};
pub use files::{Sniffed, clean_filename, declared_type_conflicts, sniff, strip_metadata, strippable};
pub use keys::{IdentityFile, Key, ReaderKey, SubmissionKey};
pub use receipt::{Receipt, ReceiptError, SourceKey};
pub use reveals::{METADATA_HEAD, Reveals};

/// What can go wrong inside the vault. Messages never contain key material or
/// plaintext.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("encryption failed: {0}")]
    Encrypt(String),
    #[error("decryption failed: {0}")]
    Decrypt(String),
    #[error("the password does not unlock this key")]
    WrongPassword,
    #[error("key derivation failed: {0}")]
    Kdf(String),
    #[error("not a valid public key: {0}")]
    BadPublicKey(String),
    #[error("not an age identity file: {0}")]
    BadIdentity(String),
    #[error("the image cannot be read: {0}")]
    Image(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Fills a fresh array from the operating system's generator.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b
}
