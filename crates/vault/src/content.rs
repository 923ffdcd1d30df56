//! age encryption of what sources send: small messages in one call, files
//! streamed through [`Sealer`] so that nothing is ever held whole in memory.

use crate::VaultError;
use crate::keys::{Key, recipient};
use sha2::{Digest as _, Sha256};
use std::io::{Read, Write};

fn encryptor(recipients: &[&str]) -> Result<age::Encryptor, VaultError> {
    let parsed = recipients.iter().map(|r| recipient(r)).collect::<Result<Vec<_>, _>>()?;
    age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
        .map_err(|e| VaultError::Encrypt(e.to_string()))
}

/// Encrypts a small message (answers, a reply, a note) to every recipient.
pub fn encrypt(recipients: &[&str], plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut w = encryptor(recipients)?.wrap_output(&mut out)?;
    w.write_all(plaintext)?;
    w.finish()?;
    Ok(out)
}

/// Decrypts a message encrypted to `key`.
pub fn decrypt(key: &dyn Key, ciphertext: &[u8]) -> Result<Vec<u8>, VaultError> {
    let mut out = Vec::new();
    open_stream(key, ciphertext)?.read_to_end(&mut out).map_err(|e| VaultError::Decrypt(e.to_string()))?;
    Ok(out)
}

/// A reader that decrypts `input`, chunk by chunk, as it is read.
pub fn open_stream<R: Read>(key: &dyn Key, input: R) -> Result<impl Read, VaultError> {
    let d = age::Decryptor::new(input).map_err(|e| VaultError::Decrypt(e.to_string()))?;
    d.decrypt(std::iter::once(key.identity() as &dyn age::Identity)).map_err(|e| VaultError::Decrypt(e.to_string()))
}

/// What was learned of a file's plaintext while it streamed through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// SHA-256 of the plaintext, hex.
    pub sha256: String,
    pub size: u64,
}

/// SHA-256 and size of a stream, fed chunk by chunk. Kept apart from
/// [`Sealer`] so that hashing and encryption can run on different cores.
#[derive(Default)]
pub struct Digester {
    hash: Sha256,
    size: u64,
}

impl Digester {
    pub fn update(&mut self, chunk: &[u8]) {
        self.hash.update(chunk);
        self.size += chunk.len() as u64;
    }

    pub fn finish(self) -> Digest {
        Digest { sha256: hex::encode(self.hash.finalize()), size: self.size }
    }
}

/// Encrypts a stream as it is written (age STREAM: ChaCha20-Poly1305 in
/// 64 KiB chunks).
pub struct Sealer<W: Write> {
    inner: age::stream::StreamWriter<W>,
}

impl<W: Write> Sealer<W> {
    pub fn new(recipients: &[&str], output: W) -> Result<Sealer<W>, VaultError> {
        Ok(Sealer { inner: encryptor(recipients)?.wrap_output(output)? })
    }

    pub fn write(&mut self, chunk: &[u8]) -> Result<(), VaultError> {
        self.inner.write_all(chunk)?;
        Ok(())
    }

    /// Writes the last chunk; returns the output.
    pub fn finish(self) -> Result<W, VaultError> {
        Ok(self.inner.finish()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SubmissionKey;

    #[test]
    fn messages_round_trip_for_each_recipient() {
        let (a, b) = (SubmissionKey::generate(), SubmissionKey::generate());
        let ct = encrypt(&[&a.public(), &b.public()], b"canary-message").unwrap();
        assert!(!ct.windows(6).any(|w| w == b"canary"));
        assert_eq!(decrypt(&a, &ct).unwrap(), b"canary-message");
        assert_eq!(decrypt(&b, &ct).unwrap(), b"canary-message");
        assert!(decrypt(&SubmissionKey::generate(), &ct).is_err());
        assert!(encrypt(&[], b"x").is_err());
    }

    #[test]
    fn streams_hash_their_plaintext() {
        let k = SubmissionKey::generate();
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut s = Sealer::new(&[&k.public()], Vec::new()).unwrap();
        let mut d = Digester::default();
        for chunk in data.chunks(7_001) {
            s.write(chunk).unwrap();
            d.update(chunk);
        }
        let ct = s.finish().unwrap();
        let digest = d.finish();
        assert_eq!(digest.size, 300_000);
        assert_eq!(digest.sha256, hex::encode(Sha256::digest(&data)));
        let mut back = Vec::new();
        open_stream(&k, ct.as_slice()).unwrap().read_to_end(&mut back).unwrap();
        assert_eq!(back, data);
        // A truncated file does not decrypt to a shorter plaintext: it fails.
        let mut short = Vec::new();
        let cut = open_stream(&k, &ct[..ct.len() - 100]).unwrap().read_to_end(&mut short);
        assert!(cut.is_err());
    }
}
