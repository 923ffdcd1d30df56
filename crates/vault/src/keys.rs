//! Reader and submission key pairs.

use crate::VaultError;
use age::secrecy::ExposeSecret;
use age::x25519::{Identity, Recipient};
use std::str::FromStr;
use zeroize::Zeroizing;

/// Anything that can open age files: a submission's key or a source's key.
pub trait Key {
    fn identity(&self) -> &Identity;
}

/// Turns 32 secret bytes (a KDF's output) into an age X25519 identity.
pub(crate) fn identity_from_bytes(secret: &[u8; 32]) -> Identity {
    let hrp = bech32::Hrp::parse("AGE-SECRET-KEY-").expect("a valid human-readable part");
    let encoded =
        Zeroizing::new(bech32::encode::<bech32::Bech32>(hrp, secret).expect("32 bytes always encode").to_uppercase());
    Identity::from_str(&encoded).expect("a freshly encoded key parses")
}

pub(crate) fn recipient(public: &str) -> Result<Recipient, VaultError> {
    Recipient::from_str(public).map_err(|e| VaultError::BadPublicKey(e.to_string()))
}

/// 32 bytes from Argon2id (one lane) of `secret` under `salt`, costing `mib` MiB and `passes` passes.
pub(crate) fn argon2id(secret: &str, salt: &[u8], mib: u32, passes: u32) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let params = argon2::Params::new(mib * 1024, passes, 1, Some(32)).map_err(|e| VaultError::Kdf(e.to_string()))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon.hash_password_into(secret.as_bytes(), salt, out.as_mut()).map_err(|e| VaultError::Kdf(e.to_string()))?;
    Ok(out)
}

/// Argon2id with the cost staff passwords use (m = 64 MiB, t = 3, p = 1).
fn password_kdf(password: &str, salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    argon2id(password, salt, 64, 3)
}

const SALT_LEN: usize = 16;

/// An age identity read from an identity file (`age-keygen`'s format: an
/// `AGE-SECRET-KEY-1…` line, comments starting with `#`), to open what was
/// encrypted to its recipient: a node's secrets when it is provisioned.
pub struct IdentityFile(Identity);

impl std::fmt::Debug for IdentityFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdentityFile({})", self.0.to_public())
    }
}

impl Key for IdentityFile {
    fn identity(&self) -> &Identity {
        &self.0
    }
}

impl IdentityFile {
    /// The first identity of the file's text.
    pub fn parse(text: &str) -> Result<IdentityFile, VaultError> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or_else(|| VaultError::BadIdentity("the file holds no AGE-SECRET-KEY-1… line".into()))?;
        Identity::from_str(line).map(IdentityFile).map_err(|e| VaultError::BadIdentity(e.to_string()))
    }

    /// Its recipient (`age1…`).
    pub fn public(&self) -> String {
        self.0.to_public().to_string()
    }

    /// A new identity, in the file's format (for tests and drills).
    pub fn generate() -> (IdentityFile, String) {
        let identity = Identity::generate();
        let text = format!("{}\n", identity.to_string().expose_secret());
        (IdentityFile(identity), text)
    }
}

/// What the key that seals a reader key to a session is derived for.
const SESSION_INFO: &[u8] = b"inferno reader key v1";

/// The cipher that seals a reader key to the session whose token is `token`.
fn session_cipher(token: &str) -> chacha20poly1305::XChaCha20Poly1305 {
    use chacha20poly1305::KeyInit;
    let mut key = Zeroizing::new([0u8; 32]);
    hkdf::Hkdf::<sha2::Sha256>::new(None, token.as_bytes())
        .expand(SESSION_INFO, key.as_mut())
        .expect("32 bytes is a length HKDF-SHA256 gives");
    chacha20poly1305::XChaCha20Poly1305::new(&chacha20poly1305::Key::from(*key))
}

/// Bytes of the random nonce before a sealed reader key.
const NONCE: usize = 24;

/// A staff member's unlocked key pair. It lives in server memory for one
/// session; the secret is zeroised when it is dropped.
pub struct ReaderKey(Identity);

impl std::fmt::Debug for ReaderKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReaderKey({})", self.public())
    }
}

impl ReaderKey {
    pub fn generate() -> ReaderKey {
        ReaderKey(Identity::generate())
    }

    /// The key sealed to a staff session, so that any server of the
    /// deployment can open it for that session and no other: XChaCha20-
    /// Poly1305 under HKDF-SHA256 of the session token, which only the
    /// browser holds (the database keeps its SHA-256). The database, its
    /// backups and its replicas alone cannot open it.
    pub fn seal_to_session(&self, token: &str) -> Result<Vec<u8>, VaultError> {
        use chacha20poly1305::aead::Aead;
        let nonce = crate::random_bytes::<NONCE>();
        let secret = self.0.to_string();
        let sealed = session_cipher(token)
            .encrypt(&chacha20poly1305::XNonce::from(nonce), secret.expose_secret().as_bytes())
            .map_err(|_| VaultError::Encrypt("cannot seal the reader key".into()))?;
        Ok([nonce.as_slice(), &sealed].concat())
    }

    /// A key [`ReaderKey::seal_to_session`] sealed, opened with the session's token.
    pub fn open_from_session(sealed: &[u8], token: &str) -> Result<ReaderKey, VaultError> {
        use chacha20poly1305::aead::Aead;
        let refused = || VaultError::Decrypt("the reader key is not sealed to this session".into());
        if sealed.len() <= NONCE {
            return Err(refused());
        }
        let (nonce, body) = sealed.split_at(NONCE);
        let nonce: [u8; NONCE] = nonce.try_into().map_err(|_| refused())?;
        let plain = Zeroizing::new(
            session_cipher(token).decrypt(&chacha20poly1305::XNonce::from(nonce), body).map_err(|_| refused())?,
        );
        let text = std::str::from_utf8(&plain).map_err(|_| refused())?;
        Identity::from_str(text).map(ReaderKey).map_err(|_| refused())
    }

    /// The public key (`age1…`), stored in clear so that submissions can be sealed to it.
    pub fn public(&self) -> String {
        self.0.to_public().to_string()
    }

    /// The private key wrapped under `password`: a random salt, then an age
    /// file encrypted to the key Argon2id derives from the password and salt.
    /// Costs one 64 MiB Argon2id run; call it off the async threads.
    pub fn wrap(&self, password: &str) -> Result<Vec<u8>, VaultError> {
        let salt = crate::random_bytes::<SALT_LEN>();
        let kek = identity_from_bytes(&*password_kdf(password, &salt)?);
        let secret = self.0.to_string();
        let sealed = age::encrypt(&kek.to_public(), secret.expose_secret().as_bytes())
            .map_err(|e| VaultError::Encrypt(e.to_string()))?;
        let mut out = salt.to_vec();
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Unwraps a key made by [`ReaderKey::wrap`] with the same password.
    pub fn unwrap(wrapped: &[u8], password: &str) -> Result<ReaderKey, VaultError> {
        if wrapped.len() <= SALT_LEN {
            return Err(VaultError::Decrypt("the wrapped key is too short".into()));
        }
        let (salt, sealed) = wrapped.split_at(SALT_LEN);
        let kek = identity_from_bytes(&*password_kdf(password, salt)?);
        let secret = Zeroizing::new(age::decrypt(&kek, sealed).map_err(|_| VaultError::WrongPassword)?);
        let text = std::str::from_utf8(&secret).map_err(|_| VaultError::WrongPassword)?;
        Identity::from_str(text).map(ReaderKey).map_err(|_| VaultError::WrongPassword)
    }
}

/// A submission's own key pair. The public half is stored in clear; the
/// private half only sealed to readers.
#[derive(Clone)]
pub struct SubmissionKey(Identity);

impl std::fmt::Debug for SubmissionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SubmissionKey({})", self.public())
    }
}

impl Key for SubmissionKey {
    fn identity(&self) -> &Identity {
        &self.0
    }
}

impl SubmissionKey {
    pub fn generate() -> SubmissionKey {
        SubmissionKey(Identity::generate())
    }

    pub fn public(&self) -> String {
        self.0.to_public().to_string()
    }

    /// The private key, encrypted to one reader's public key. Granting a new
    /// reader access to a submission is one more call of this; the content is
    /// never rewritten.
    pub fn seal_to(&self, reader_public: &str) -> Result<Vec<u8>, VaultError> {
        let r = recipient(reader_public)?;
        let secret = self.0.to_string();
        age::encrypt(&r, secret.expose_secret().as_bytes()).map_err(|e| VaultError::Encrypt(e.to_string()))
    }

    /// Opens a sealed key with the reader's unlocked key.
    pub fn open(sealed: &[u8], reader: &ReaderKey) -> Result<SubmissionKey, VaultError> {
        let secret = Zeroizing::new(age::decrypt(&reader.0, sealed).map_err(|e| VaultError::Decrypt(e.to_string()))?);
        let text = std::str::from_utf8(&secret).map_err(|e| VaultError::Decrypt(e.to_string()))?;
        Identity::from_str(text).map(SubmissionKey).map_err(|e| VaultError::Decrypt(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_key_unwraps_only_with_its_password() {
        let key = ReaderKey::generate();
        let wrapped = key.wrap("correct horse battery").unwrap();
        let back = ReaderKey::unwrap(&wrapped, "correct horse battery").unwrap();
        assert_eq!(back.public(), key.public());
        assert!(matches!(ReaderKey::unwrap(&wrapped, "wrong horse battery"), Err(VaultError::WrongPassword)));
        // The wrapped form does not contain the secret in any readable form.
        let secret = key.0.to_string();
        let text = String::from_utf8_lossy(&wrapped);
        assert!(!text.contains(&secret.expose_secret()[15..40]));
    }

    #[test]
    fn submission_key_sealed_to_readers() {
        let (alice, bob, eve) = (ReaderKey::generate(), ReaderKey::generate(), ReaderKey::generate());
        let sk = SubmissionKey::generate();
        for reader in [&alice, &bob] {
            let sealed = sk.seal_to(&reader.public()).unwrap();
            assert_eq!(SubmissionKey::open(&sealed, reader).unwrap().public(), sk.public());
            assert!(SubmissionKey::open(&sealed, &eve).is_err());
        }
        assert!(sk.seal_to("age1notakey").is_err());
    }

    #[test]
    fn derived_identities_are_deterministic() {
        let a = identity_from_bytes(&[7u8; 32]);
        let b = identity_from_bytes(&[7u8; 32]);
        let c = identity_from_bytes(&[8u8; 32]);
        assert_eq!(a.to_public().to_string(), b.to_public().to_string());
        assert_ne!(a.to_public().to_string(), c.to_public().to_string());
    }

    #[test]
    fn a_reader_key_sealed_to_a_session_opens_with_its_token_alone() {
        let key = ReaderKey::generate();
        let token = "a1".repeat(32);
        let sealed = key.seal_to_session(&token).unwrap();
        assert_eq!(ReaderKey::open_from_session(&sealed, &token).unwrap().public(), key.public());
        assert!(ReaderKey::open_from_session(&sealed, &"b2".repeat(32)).is_err(), "another session's token");
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(ReaderKey::open_from_session(&tampered, &token).is_err());
        assert!(ReaderKey::open_from_session(&sealed[..NONCE], &token).is_err());
        let again = key.seal_to_session(&token).unwrap();
        assert_ne!(again, sealed, "a fresh nonce each time");
        let secret = key.0.to_string();
        assert!(!String::from_utf8_lossy(&sealed).contains(&secret.expose_secret()[15..40]));
    }
}
