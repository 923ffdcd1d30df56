//! The compact range of a Merkle tree: what an append-only log needs to keep to
//! compute the next root without reading its leaves again.
//!
//! RFC 6962 §2.1 splits a tree of `n` leaves at the largest power of two below
//! `n`, so the tree is a row of perfect subtrees whose sizes are the set bits
//! of `n`, largest (leftmost) first: 13 = 8 + 4 + 1 leaves are three subtrees.
//! Their roots — at most 64, one per set bit — are the frontier. Appending a
//! leaf merges the equal-sized subtrees at the right end, as adding one
//! carries through the low set bits of `n`; the root folds the subtree roots
//! from right to left. The log's entries stay the only source of truth:
//! [`crate::verify`] never looks at a frontier.

use crate::merkle::{Hash, node_hash};
use sha2::{Digest, Sha256};

/// The roots of the perfect subtrees of a tree of [`Frontier::size`] leaves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// One root per set bit of `size`, the largest subtree first.
    hashes: Vec<Hash>,
}

/// Why bytes are not a frontier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrontierError {
    #[error("a frontier is {expected} bytes for its size {size}, not {actual}")]
    Length { size: u64, expected: usize, actual: usize },
    #[error("a frontier starts with its 8-byte size; only {0} bytes were given")]
    Short(usize),
}

impl Frontier {
    /// The frontier of the empty tree.
    pub fn new() -> Frontier {
        Frontier::default()
    }

    /// The frontier of a tree of these leaf hashes, oldest first.
    pub fn from_leaves<'a>(leaves: impl IntoIterator<Item = &'a Hash>) -> Frontier {
        let mut f = Frontier::new();
        for leaf in leaves {
            f.push(*leaf);
        }
        f
    }

    /// How many leaves the tree has.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends a leaf hash. Amortised O(1): the number of merges is the
    /// number of trailing one bits of the old size, which averages under one.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = leaf;
        let mut carry = self.size;
        while carry & 1 == 1 {
            // An invariant of the type: one hash per set bit of `size`.
            let left = self.hashes.pop().expect("a frontier holds one hash per set bit of its size");
            node = node_hash(&left, &node);
            carry >>= 1;
        }
        self.hashes.push(node);
        self.size += 1;
    }

    /// MTH of the whole tree, equal to [`crate::merkle::root`] of its leaves:
    /// each subtree becomes the left child of what lies to its right. O(log n).
    pub fn root(&self) -> Hash {
        let mut iter = self.hashes.iter().rev();
        let Some(last) = iter.next() else {
            return Sha256::digest([]).into();
        };
        iter.fold(*last, |right, left| node_hash(left, &right))
    }

    /// The size as 8 bytes, big-endian, then the subtree roots, largest first.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + 32 * self.hashes.len());
        out.extend_from_slice(&self.size.to_be_bytes());
        for h in &self.hashes {
            out.extend_from_slice(h);
        }
        out
    }

    /// Reads [`Frontier::to_bytes`]'s form back, refusing any other length
    /// than one hash per set bit of the size: a frontier with a hash too many
    /// or too few would give wrong roots from then on.
    pub fn from_bytes(bytes: &[u8]) -> Result<Frontier, FrontierError> {
        let Some((size, rest)) = bytes.split_first_chunk::<8>() else {
            return Err(FrontierError::Short(bytes.len()));
        };
        let size = u64::from_be_bytes(*size);
        let expected = 32 * size.count_ones() as usize;
        if rest.len() != expected {
            return Err(FrontierError::Length { size, expected: 8 + expected, actual: bytes.len() });
        }
        let hashes = rest.chunks_exact(32).map(|c| c.try_into().expect("chunks of 32 bytes")).collect();
        Ok(Frontier { size, hashes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merkle::{leaf_hash, root};

    fn leaves(n: u32) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect()
    }

    #[test]
    fn every_root_up_to_300_matches_the_tree() {
        let leaves = leaves(300);
        let mut f = Frontier::new();
        assert_eq!(f.root(), root(&[]));
        for n in 1..=leaves.len() {
            f.push(leaves[n - 1]);
            assert_eq!(f.size(), n as u64);
            assert_eq!(f.hashes.len(), n.count_ones() as usize, "n={n}");
            assert_eq!(f.root(), root(&leaves[..n]), "n={n}");
        }
        assert_eq!(Frontier::from_leaves(&leaves), f);
    }

    #[test]
    fn big_trees_match() {
        // Around powers of two, where the most merges happen, and one with many set bits.
        let leaves = leaves(1_000_001);
        for n in [1023, 1024, 1025, 4096, 65_535, 65_536, 65_537, 0b1_0101_0101_0101_0111, 1_000_001] {
            assert_eq!(Frontier::from_leaves(&leaves[..n]).root(), root(&leaves[..n]), "n={n}");
        }
    }

    #[test]
    fn matches_the_reference_vector() {
        // The Certificate Transparency vector for the 8-leaf tree: leaves
        // `""`, 00, 10, 2021, 3031, 40414243, 5051525354555657, 6061…6f.
        let data: [&[u8]; 8] = [
            b"",
            &[0x00],
            &[0x10],
            &[0x20, 0x21],
            &[0x30, 0x31],
            &[0x40, 0x41, 0x42, 0x43],
            &[0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
            &[0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
        ];
        let f = Frontier::from_leaves(&data.map(leaf_hash));
        assert_eq!(hex::encode(f.root()), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    }

    #[test]
    fn round_trips_through_bytes_and_keeps_growing() {
        let leaves = leaves(300);
        for n in [0, 1, 2, 3, 7, 8, 13, 255, 256, 299] {
            let f = Frontier::from_leaves(&leaves[..n]);
            let bytes = f.to_bytes();
            assert_eq!(bytes.len(), 8 + 32 * n.count_ones() as usize);
            let mut back = Frontier::from_bytes(&bytes).unwrap();
            assert_eq!(back, f);
            // A frontier read back goes on exactly like the one that was saved.
            back.push(leaves[n]);
            assert_eq!(back.root(), root(&leaves[..=n]), "n={n}");
        }
    }

    #[test]
    fn malformed_bytes_are_refused() {
        let f = Frontier::from_leaves(&leaves(13));
        let bytes = f.to_bytes();
        assert_eq!(Frontier::from_bytes(&[]), Err(FrontierError::Short(0)));
        assert_eq!(Frontier::from_bytes(&bytes[..7]), Err(FrontierError::Short(7)));
        // 13 has three set bits: two or four hashes are wrong, and so is a torn hash.
        assert!(matches!(Frontier::from_bytes(&bytes[..8 + 64]), Err(FrontierError::Length { size: 13, .. })));
        assert!(matches!(Frontier::from_bytes(&bytes[..bytes.len() - 1]), Err(FrontierError::Length { .. })));
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 32]);
        assert!(matches!(Frontier::from_bytes(&longer), Err(FrontierError::Length { .. })));
        // A size whose bits do not match the hashes that follow.
        let mut resized = bytes.clone();
        resized[..8].copy_from_slice(&12u64.to_be_bytes());
        assert!(matches!(Frontier::from_bytes(&resized), Err(FrontierError::Length { size: 12, .. })));
        // The empty tree is only its size.
        assert_eq!(Frontier::from_bytes(&0u64.to_be_bytes()).unwrap(), Frontier::new());
        assert!(Frontier::from_bytes(&[0; 40]).is_err());
    }
}
