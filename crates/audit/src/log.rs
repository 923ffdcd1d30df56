//! Checking a whole log against its signed checkpoints.

use crate::merkle::root;
use crate::{Entry, Hash, SignedCheckpoint, VerifyingKey};

/// The first thing found wrong with a log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Tamper {
    #[error("the checkpoint for size {size} has an invalid signature")]
    BadSignature { size: u64 },
    #[error("the checkpoint for size {size} names another log ({origin})")]
    WrongOrigin { size: u64, origin: String },
    #[error(
        "entry {position} is out of place: it says it is entry {seq} (an entry was removed or the rows were reordered)"
    )]
    OutOfOrder { position: u64, seq: u64 },
    #[error(
        "entry {first_bad} was changed: the log no longer matches the checkpoint signed at size {size} (root {expected})"
    )]
    Changed { first_bad: u64, size: u64, expected: String },
    #[error("the log has {entries} entries but a checkpoint was signed at size {size}: entries {} to {size} were removed", .entries + 1)]
    Truncated { entries: u64, size: u64 },
    #[error("entries {from} to {to} are not covered by any signed checkpoint")]
    Unsigned { from: u64, to: u64 },
    #[error("there is no signed checkpoint, but the log has {entries} entries")]
    NoCheckpoint { entries: u64 },
}

/// What a successful check covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    pub checkpoints: usize,
    pub root: Hash,
}

/// Checks every entry against every checkpoint, oldest first, and returns the
/// first problem. With a checkpoint signed after every entry, as Inferno does,
/// a change is pinned to the exact entry.
pub fn verify(
    entries: &[Entry],
    checkpoints: &[SignedCheckpoint],
    key: &VerifyingKey,
    origin: &str,
) -> Result<Verified, Tamper> {
    let mut checkpoints: Vec<&SignedCheckpoint> = checkpoints.iter().collect();
    checkpoints.sort_by_key(|c| c.checkpoint.size);
    for c in &checkpoints {
        let size = c.checkpoint.size;
        c.verify(key).map_err(|_| Tamper::BadSignature { size })?;
        if c.checkpoint.origin != origin {
            return Err(Tamper::WrongOrigin { size, origin: c.checkpoint.origin.clone() });
        }
    }
    for (i, e) in entries.iter().enumerate() {
        let position = i as u64 + 1;
        if e.seq != position {
            return Err(Tamper::OutOfOrder { position, seq: e.seq });
        }
    }
    let n = entries.len() as u64;
    let leaves: Vec<Hash> = entries.iter().map(Entry::leaf_hash).collect();
    let mut covered = 0;
    for c in &checkpoints {
        let size = c.checkpoint.size;
        if size > n {
            return Err(Tamper::Truncated { entries: n, size });
        }
        if root(&leaves[..size as usize]) != c.checkpoint.root {
            // Every entry up to the previous checkpoint matched; the change is after it.
            return Err(Tamper::Changed { first_bad: covered + 1, size, expected: hex::encode(c.checkpoint.root) });
        }
        covered = size;
    }
    match checkpoints.last() {
        None if n > 0 => Err(Tamper::NoCheckpoint { entries: n }),
        _ if covered < n => Err(Tamper::Unsigned { from: covered + 1, to: n }),
        _ => Ok(Verified { entries: n, checkpoints: checkpoints.len(), root: root(&leaves) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checkpoint, generate_key};

    const ORIGIN: &str = "test/audit";

    fn entry(seq: u64) -> Entry {
        Entry {
            seq,
            time: 1_790_000_000 + seq as i64,
            actor: "cli".into(),
            action: "import".into(),
            target: format!("t/{seq}"),
            detail: String::new(),
        }
    }

    fn log(n: u64) -> (Vec<Entry>, Vec<SignedCheckpoint>, crate::SigningKey) {
        let key = generate_key([3; 32]);
        let entries: Vec<Entry> = (1..=n).map(entry).collect();
        let leaves: Vec<Hash> = entries.iter().map(Entry::leaf_hash).collect();
        let cps = (1..=n)
            .map(|s| {
                Checkpoint { origin: ORIGIN.into(), size: s, root: root(&leaves[..s as usize]), time: 0 }.sign(&key)
            })
            .collect();
        (entries, cps, key)
    }

    #[test]
    fn an_untouched_log_verifies() {
        let (e, c, k) = log(10);
        assert_eq!(verify(&e, &c, &k.verifying_key(), ORIGIN).unwrap().entries, 10);
        assert!(verify(&[], &[], &k.verifying_key(), ORIGIN).is_ok());
    }

    #[test]
    fn finds_the_first_bad_entry() {
        let (mut e, c, k) = log(10);
        e[6].detail = "rewritten".into();
        e[8].actor = "someone".into();
        assert_eq!(
            verify(&e, &c, &k.verifying_key(), ORIGIN).unwrap_err(),
            Tamper::Changed { first_bad: 7, size: 7, expected: hex::encode(c[6].checkpoint.root) }
        );
    }

    #[test]
    fn finds_removed_and_reordered_entries() {
        let (e, c, k) = log(10);
        let mut removed = e.clone();
        removed.remove(3);
        assert_eq!(
            verify(&removed, &c, &k.verifying_key(), ORIGIN).unwrap_err(),
            Tamper::OutOfOrder { position: 4, seq: 5 }
        );
        let mut swapped = e.clone();
        swapped.swap(2, 5);
        assert_eq!(
            verify(&swapped, &c, &k.verifying_key(), ORIGIN).unwrap_err(),
            Tamper::OutOfOrder { position: 3, seq: 6 }
        );
        // Renumbering after a swap changes the entries themselves.
        for (i, x) in swapped.iter_mut().enumerate() {
            x.seq = i as u64 + 1;
        }
        assert!(matches!(
            verify(&swapped, &c, &k.verifying_key(), ORIGIN).unwrap_err(),
            Tamper::Changed { first_bad: 3, .. }
        ));
        let truncated = &e[..8];
        assert_eq!(
            verify(truncated, &c, &k.verifying_key(), ORIGIN).unwrap_err(),
            Tamper::Truncated { entries: 8, size: 9 }
        );
    }

    #[test]
    fn forged_and_missing_checkpoints() {
        let (e, mut c, k) = log(5);
        let other = generate_key([4; 32]);
        c[2] = c[2].checkpoint.clone().sign(&other);
        assert_eq!(verify(&e, &c, &k.verifying_key(), ORIGIN).unwrap_err(), Tamper::BadSignature { size: 3 });
        let (e, c, k) = log(5);
        assert_eq!(verify(&e, &c[..3], &k.verifying_key(), ORIGIN).unwrap_err(), Tamper::Unsigned { from: 4, to: 5 });
        assert_eq!(verify(&e, &[], &k.verifying_key(), ORIGIN).unwrap_err(), Tamper::NoCheckpoint { entries: 5 });
        assert!(matches!(verify(&e, &c, &k.verifying_key(), "other/log"), Err(Tamper::WrongOrigin { .. })));
    }
}
