//! Signed checkpoints: (origin, tree size, root, time) under an Ed25519 signature.

use crate::{Hash, unhex};
use ed25519_dalek::{Signature, Signer, Verifier};
pub use ed25519_dalek::{SigningKey, VerifyingKey};

/// The state of the log at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// Names the log, so a checkpoint of one log cannot pass for another's.
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub time: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCheckpoint {
    pub checkpoint: Checkpoint,
    pub signature: [u8; 64],
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CheckpointError {
    #[error("the checkpoint text is malformed: {0}")]
    Malformed(&'static str),
    #[error("the checkpoint's signature does not verify")]
    BadSignature,
}

/// A new signing key from the operating system's random source.
pub fn generate_key(random: [u8; 32]) -> SigningKey {
    SigningKey::from_bytes(&random)
}

impl Checkpoint {
    /// The signed text, in the spirit of C2SP signed notes: one value per line.
    pub fn body(&self) -> String {
        format!("{}\n{}\n{}\n{}\n", self.origin, self.size, hex::encode(self.root), self.time)
    }

    pub fn sign(self, key: &SigningKey) -> SignedCheckpoint {
        let signature = key.sign(self.body().as_bytes()).to_bytes();
        SignedCheckpoint { checkpoint: self, signature }
    }
}

impl SignedCheckpoint {
    pub fn verify(&self, key: &VerifyingKey) -> Result<(), CheckpointError> {
        let sig = Signature::from_bytes(&self.signature);
        key.verify(self.checkpoint.body().as_bytes(), &sig).map_err(|_| CheckpointError::BadSignature)
    }

    /// The body followed by a line with the hex signature.
    pub fn to_text(&self) -> String {
        format!("{}{}\n", self.checkpoint.body(), hex::encode(self.signature))
    }

    pub fn from_text(text: &str) -> Result<SignedCheckpoint, CheckpointError> {
        let lines: Vec<&str> = text.lines().collect();
        let [origin, size, root, time, signature] = lines[..] else {
            return Err(CheckpointError::Malformed("expected five lines"));
        };
        Ok(SignedCheckpoint {
            checkpoint: Checkpoint {
                origin: origin.to_owned(),
                size: size.parse().map_err(|_| CheckpointError::Malformed("size"))?,
                root: unhex(root).ok_or(CheckpointError::Malformed("root"))?,
                time: time.parse().map_err(|_| CheckpointError::Malformed("time"))?,
            },
            signature: unhex(signature).ok_or(CheckpointError::Malformed("signature"))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_verifies_and_round_trips() {
        let key = generate_key([7; 32]);
        let cp = Checkpoint { origin: "inferno.example/audit".into(), size: 3, root: [9; 32], time: 1_790_000_000 };
        let signed = cp.clone().sign(&key);
        assert!(signed.verify(&key.verifying_key()).is_ok());
        let parsed = SignedCheckpoint::from_text(&signed.to_text()).unwrap();
        assert_eq!(parsed, signed);
        let mut forged = signed.clone();
        forged.checkpoint.size = 2;
        assert_eq!(forged.verify(&key.verifying_key()), Err(CheckpointError::BadSignature));
        let other = generate_key([8; 32]);
        assert!(signed.verify(&other.verifying_key()).is_err());
        assert!(SignedCheckpoint::from_text("x\n1\n").is_err());
    }
}
