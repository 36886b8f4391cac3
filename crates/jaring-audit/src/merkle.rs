//! The Merkle tree of RFC 9162 §2.1 with SHA-256: leaf hash `SHA-256(0x00 || entry)`, interior
//! node `SHA-256(0x01 || left || right)`, and the inclusion and consistency proofs of
//! §2.1.3 and §2.1.4 with their verification algorithms.

use ring::digest::{Context, SHA256};

/// A SHA-256 hash.
pub type Hash = [u8; 32];

fn sha256(parts: &[&[u8]]) -> Hash {
    let mut ctx = Context::new(&SHA256);
    for p in parts {
        ctx.update(p);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// The hash of a leaf (an entry's bytes).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    sha256(&[&[0x00], entry])
}

/// The hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256(&[&[0x01], left, right])
}

/// The hash of the empty tree.
pub fn empty_root() -> Hash {
    sha256(&[])
}

/// The largest power of two strictly less than `n` (n >= 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// MTH of RFC 9162 §2.1.1 over leaf hashes.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&root(&leaves[..k]), &root(&leaves[k..]))
        }
    }
}

/// The inclusion proof of leaf `index` in the tree of `leaves` (RFC 9162 §2.1.3.1).
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    path(
        index,
        0,
        leaves.len(),
        &|s, n| root(&leaves[s..s + n]),
        &mut proof,
    );
    Some(proof)
}

/// PATH(m, D[start:start+n]) of RFC 9162 §2.1.3.1; `mth(s, n)` gives MTH(D[s:s+n]).
fn path(
    m: usize,
    start: usize,
    n: usize,
    mth: &impl Fn(usize, usize) -> Hash,
    out: &mut Vec<Hash>,
) {
    if n <= 1 {
        return;
    }
    let k = split(n);
    if m < k {
        path(m, start, k, mth, out);
        out.push(mth(start + k, n - k));
    } else {
        path(m - k, start + k, n - k, mth, out);
        out.push(mth(start, k));
    }
}

/// Verifies an inclusion proof (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fn_, mut sn) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            r = node_hash(p, &r);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && &r == root
}

/// The consistency proof from the tree of the first `m` leaves to the tree of all `leaves`
/// (RFC 9162 §2.1.4.1). `None` when `m` is 0 or larger than the tree.
pub fn consistency_proof(leaves: &[Hash], m: usize) -> Option<Vec<Hash>> {
    if m == 0 || m > leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    subproof(
        m,
        0,
        leaves.len(),
        true,
        &|s, n| root(&leaves[s..s + n]),
        &mut proof,
    );
    Some(proof)
}

/// SUBPROOF(m, D[start:start+n], b) of RFC 9162 §2.1.4.1; `mth(s, n)` gives MTH(D[s:s+n]).
fn subproof(
    m: usize,
    start: usize,
    n: usize,
    b: bool,
    mth: &impl Fn(usize, usize) -> Hash,
    out: &mut Vec<Hash>,
) {
    if m == n {
        if !b {
            out.push(mth(start, n));
        }
        return;
    }
    let k = split(n);
    if m <= k {
        subproof(m, start, k, b, mth, out);
        out.push(mth(start + k, n - k));
    } else {
        subproof(m - k, start + k, n - k, false, mth, out);
        out.push(mth(start, k));
    }
}

/// The leaves of a growing log with the hash of every complete, aligned subtree kept beside
/// them (`levels[j][i]` is the hash of leaves `i·2^j .. (i+1)·2^j`), so that the root and the
/// proofs cost O(log n) hashes rather than rehashing every leaf: a node signs a checkpoint
/// every thousand entries of a log that only grows. Memory: about 64 bytes per entry.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a leaf hash, completing whatever subtrees it closes.
    pub fn push(&mut self, leaf: Hash) {
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(hash);
            let len = row.len();
            if len % 2 == 1 {
                return;
            }
            hash = node_hash(&row[len - 2], &row[len - 1]);
            level += 1;
        }
    }

    /// The number of leaves.
    pub fn len(&self) -> usize {
        self.levels.first().map_or(0, Vec::len)
    }

    /// Whether the tree has no leaves.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The leaf hashes.
    pub fn leaves(&self) -> &[Hash] {
        self.levels.first().map_or(&[], Vec::as_slice)
    }

    /// MTH(D[start:start+n]) for a range inside the tree. Every subtree that RFC 9162's
    /// recursion visits starts at a multiple of its size rounded up to a power of two, so each
    /// step is either a stored complete subtree or one split: O(log n) hashes.
    fn mth(&self, start: usize, n: usize) -> Hash {
        if n == 0 {
            return empty_root();
        }
        if n.is_power_of_two() && start.is_multiple_of(n) {
            let level = n.trailing_zeros() as usize;
            if let Some(h) = self
                .levels
                .get(level)
                .and_then(|row| row.get(start >> level))
            {
                return *h;
            }
        }
        if n == 1 {
            // Out of range: only reachable through a caller's bug; hash nothing rather than
            // panic. (Public callers check their bounds.)
            return empty_root();
        }
        let k = split(n);
        node_hash(&self.mth(start, k), &self.mth(start + k, n - k))
    }

    /// The root of the first `size` leaves (`None` past the end).
    pub fn root_at(&self, size: usize) -> Option<Hash> {
        (size <= self.len()).then(|| self.mth(0, size))
    }

    /// The root of the whole tree.
    pub fn root(&self) -> Hash {
        self.mth(0, self.len())
    }

    /// The inclusion proof of leaf `index` in the whole tree; `None` past the end.
    pub fn inclusion_proof(&self, index: usize) -> Option<Vec<Hash>> {
        if index >= self.len() {
            return None;
        }
        let mut proof = Vec::new();
        path(index, 0, self.len(), &|s, n| self.mth(s, n), &mut proof);
        Some(proof)
    }

    /// The consistency proof from the first `m` leaves to the whole tree; `None` when `m` is
    /// 0 or past the end.
    pub fn consistency_proof(&self, m: usize) -> Option<Vec<Hash>> {
        if m == 0 || m > self.len() {
            return None;
        }
        let mut proof = Vec::new();
        subproof(m, 0, self.len(), true, &|s, n| self.mth(s, n), &mut proof);
        Some(proof)
    }
}

impl FromIterator<Hash> for Tree {
    fn from_iter<I: IntoIterator<Item = Hash>>(iter: I) -> Self {
        let mut tree = Tree::new();
        for leaf in iter {
            tree.push(leaf);
        }
        tree
    }
}

impl Extend<Hash> for Tree {
    fn extend<I: IntoIterator<Item = Hash>>(&mut self, iter: I) {
        for leaf in iter {
            self.push(leaf);
        }
    }
}

/// Verifies a consistency proof from (`m`, `old_root`) to (`n`, `new_root`) (RFC 9162 §2.1.4.2).
pub fn verify_consistency(
    m: u64,
    n: u64,
    old_root: &Hash,
    new_root: &Hash,
    proof: &[Hash],
) -> bool {
    if m == 0 || m > n {
        return false;
    }
    if m == n {
        return proof.is_empty() && old_root == new_root;
    }
    let mut path: Vec<Hash> = proof.to_vec();
    // If m is an exact power of two, the old root is the first node of the path.
    if m.is_power_of_two() {
        path.insert(0, *old_root);
    }
    let Some((first, rest)) = path.split_first() else {
        return false;
    };
    let (mut fn_, mut sn) = (m - 1, n - 1);
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    for c in rest {
        if sn == 0 {
            return false;
        }
        if fn_ & 1 == 1 || fn_ == sn {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fn_ & 1 == 0 {
                while fn_ & 1 == 0 && fn_ != 0 {
                    fn_ >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fn_ >>= 1;
        sn >>= 1;
    }
    sn == 0 && &fr == old_root && &sr == new_root
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(format!("entry {i}").as_bytes()))
            .collect()
    }

    #[test]
    fn small_trees_by_hand() {
        let l = leaves(3);
        assert_eq!(root(&l[..1]), l[0]);
        assert_eq!(root(&l), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
        assert_eq!(root(&[]), empty_root());
    }

    proptest! {
        #[test]
        fn every_inclusion_and_consistency_proof_verifies(n in 1usize..70, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
            let l = leaves(n);
            let r = root(&l);
            let i = a.index(n);
            let p = inclusion_proof(&l, i).unwrap();
            prop_assert!(verify_inclusion(i as u64, n as u64, &l[i], &p, &r));
            prop_assert!(!verify_inclusion(i as u64, n as u64, &leaf_hash(b"other"), &p, &r));
            let m = b.index(n) + 1;
            let c = consistency_proof(&l, m).unwrap();
            let old = root(&l[..m]);
            prop_assert!(verify_consistency(m as u64, n as u64, &old, &r, &c));
            if m < n {
                prop_assert!(!verify_consistency(m as u64, n as u64, &leaf_hash(b"forked"), &r, &c));
                let mut forked = l.clone();
                forked[m - 1] = leaf_hash(b"rewritten");
                prop_assert!(!verify_consistency(m as u64, n as u64, &old, &root(&forked), &c));
            }
        }

        #[test]
        fn the_tree_gives_what_the_leaves_give(n in 0usize..300, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
            let l = leaves(n);
            let tree: Tree = l.iter().copied().collect();
            prop_assert_eq!(tree.len(), n);
            prop_assert_eq!(tree.leaves(), &l[..]);
            prop_assert_eq!(tree.root(), root(&l));
            if n > 0 {
                let i = a.index(n);
                prop_assert_eq!(tree.inclusion_proof(i), inclusion_proof(&l, i));
                let m = b.index(n) + 1;
                prop_assert_eq!(tree.consistency_proof(m), consistency_proof(&l, m));
                prop_assert_eq!(tree.root_at(m), Some(root(&l[..m])));
            }
            prop_assert_eq!(tree.inclusion_proof(n), None);
            prop_assert_eq!(tree.consistency_proof(0), None);
            prop_assert_eq!(tree.consistency_proof(n + 1), None);
            prop_assert_eq!(tree.root_at(n + 1), None);
        }
    }
}
