//! RFC 6962 §2.1 Merkle tree hashes, inclusion and consistency proofs, with
//! the verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The hash of a leaf: SHA-256(0x00 ‖ data).
pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

/// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    debug_assert!(n >= 2);
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// MTH(D[n]): the root of a tree whose leaf hashes are `leaves`.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => Sha256::digest([]).into(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// PATH(m, D[n]): the audit path of leaf `index`.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    let mut path;
    if index < k {
        path = inclusion_proof(&leaves[..k], index);
        path.push(root(&leaves[k..]));
    } else {
        path = inclusion_proof(&leaves[k..], index - k);
        path.push(root(&leaves[..k]));
    }
    path
}

/// PROOF(m, D[n]): that the tree of the first `old_size` leaves is a prefix of this one.
pub fn consistency_proof(leaves: &[Hash], old_size: usize) -> Vec<Hash> {
    fn subproof(m: usize, leaves: &[Hash], complete: bool) -> Vec<Hash> {
        let n = leaves.len();
        if m == n {
            return if complete { Vec::new() } else { vec![root(leaves)] };
        }
        let k = split(n);
        let mut proof;
        if m <= k {
            proof = subproof(m, &leaves[..k], complete);
            proof.push(root(&leaves[k..]));
        } else {
            proof = subproof(m - k, &leaves[k..], false);
            proof.push(root(&leaves[..k]));
        }
        proof
    }
    if old_size == 0 || old_size >= leaves.len() {
        return Vec::new();
    }
    subproof(old_size, leaves, true)
}

/// Checks that `leaf` is entry `index` of the tree of `size` entries with `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

/// Checks that the tree (`old_size`, `old_root`) is a prefix of (`new_size`, `new_root`).
pub fn verify_consistency(old_size: u64, new_size: u64, old_root: &Hash, new_root: &Hash, proof: &[Hash]) -> bool {
    if old_size > new_size {
        return false;
    }
    if old_size == new_size {
        return proof.is_empty() && old_root == new_root;
    }
    if old_size == 0 {
        // The empty tree is a prefix of every tree.
        return proof.is_empty();
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if old_size.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                while f & 1 == 0 && f != 0 {
                    f >>= 1;
                    s >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && fr == *old_root && sr == *new_root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The leaves of the Certificate Transparency reference test vectors.
    fn ct_leaves() -> Vec<Hash> {
        ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]
            .iter()
            .map(|h| {
                leaf_hash(
                    &(0..h.len() / 2)
                        .map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap())
                        .collect::<Vec<_>>(),
                )
            })
            .collect()
    }

    #[test]
    fn roots_match_the_reference_vectors() {
        let leaves = ct_leaves();
        let want = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        for (n, w) in want.iter().enumerate() {
            assert_eq!(hex::encode(root(&leaves[..=n])), *w, "size {}", n + 1);
        }
        assert_eq!(hex::encode(root(&[])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn every_inclusion_proof_verifies_and_tampering_fails() {
        let leaves: Vec<Hash> = (0..40u32).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for n in 1..=leaves.len() {
            let r = root(&leaves[..n]);
            for i in 0..n {
                let proof = inclusion_proof(&leaves[..n], i);
                assert!(verify_inclusion(i as u64, n as u64, &leaves[i], &proof, &r), "n={n} i={i}");
                let other = leaf_hash(b"forged");
                assert!(!verify_inclusion(i as u64, n as u64, &other, &proof, &r));
                if n > 1 {
                    assert!(
                        !verify_inclusion(((i + 1) % n) as u64, n as u64, &leaves[i], &proof, &r)
                            || leaves[i] == leaves[(i + 1) % n]
                    );
                }
                assert!(!verify_inclusion(i as u64, n as u64, &leaves[i], &proof, &leaf_hash(b"other root")));
            }
        }
    }

    #[test]
    fn every_consistency_proof_verifies_and_rewrites_fail() {
        let leaves: Vec<Hash> = (0..33u32).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for n in 1..=leaves.len() {
            let new_root = root(&leaves[..n]);
            for m in 1..=n {
                let old_root = root(&leaves[..m]);
                let proof = consistency_proof(&leaves[..n], m);
                assert!(verify_consistency(m as u64, n as u64, &old_root, &new_root, &proof), "m={m} n={n}");
                if m < n {
                    // A log whose first m entries were rewritten is not consistent.
                    let mut rewritten = leaves[..n].to_vec();
                    rewritten[m - 1] = leaf_hash(b"rewritten");
                    let forged_root = root(&rewritten);
                    let forged_proof = consistency_proof(&rewritten, m);
                    assert!(
                        !verify_consistency(m as u64, n as u64, &old_root, &forged_root, &forged_proof),
                        "m={m} n={n}"
                    );
                }
            }
        }
    }
}
