//! Checkpoints (spec §7): C2SP tlog-checkpoint text signed as a C2SP signed note.
//!
//! ```text
//! jaring/v1 audit <agency>
//! <tree size>
//! <root hash, standard padded base64>
//!
//! — <agency> <base64(key hash || Ed25519 signature over the three lines)>
//! ```
//! The key hash is the first 4 bytes of `SHA-256(<agency> || 0x0A || 0x01 || public key)`.

use jaring_core::b64;
use jaring_core::keys::{SigningKey, VerifyingKey};
use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};

use crate::merkle::{self, Hash};

const ORIGIN_PREFIX: &str = "jaring/v1 audit ";
const DASH: &str = "\u{2014} ";

/// Why a checkpoint or checkpoint message was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    /// Not a signed note of the expected form.
    #[error("malformed checkpoint: {0}")]
    Malformed(String),
    /// No signature by the expected key verifies.
    #[error("checkpoint signature by {0} does not verify")]
    BadSignature(String),
    /// The consistency proof does not connect the two trees.
    #[error("checkpoint of size {new} is not consistent with size {old}")]
    Inconsistent {
        /// The earlier size.
        old: u64,
        /// The new size.
        new: u64,
    },
}

fn malformed(why: impl Into<String>) -> CheckpointError {
    CheckpointError::Malformed(why.into())
}

/// The signed statement: this agency's log had this size and root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The agency whose log it is.
    pub agency: String,
    /// Number of entries.
    pub size: u64,
    /// RFC 9162 root of those entries.
    pub root: Hash,
}

/// One signature line of a signed note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The signer's name.
    pub name: String,
    /// The 4-byte key hash.
    pub key_hash: [u8; 4],
    /// The Ed25519 signature.
    pub signature: Vec<u8>,
}

/// The note key hash of spec §7.
pub fn key_hash(agency: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut input = Vec::with_capacity(agency.len() + 34);
    input.extend_from_slice(agency.as_bytes());
    input.push(0x0A);
    input.push(0x01);
    input.extend_from_slice(key.bytes());
    let mut out = [0u8; 4];
    out.copy_from_slice(&digest(&SHA256, &input).as_ref()[..4]);
    out
}

impl Checkpoint {
    /// The three lines that are signed.
    pub fn text(&self) -> String {
        format!(
            "{ORIGIN_PREFIX}{}\n{}\n{}\n",
            self.agency,
            self.size,
            b64::encode_std(&self.root)
        )
    }

    /// The signed note.
    pub fn sign(&self, key: &SigningKey) -> String {
        let text = self.text();
        let sig = key.sign(text.as_bytes());
        let mut blob = key_hash(&self.agency, key.verifying_key()).to_vec();
        blob.extend_from_slice(&sig);
        format!("{text}\n{DASH}{} {}\n", self.agency, b64::encode_std(&blob))
    }

    /// Parses a note without checking signatures: the checkpoint and its signature lines
    /// as (name, key hash, signature).
    pub fn parse(note: &str) -> Result<(Self, Vec<NoteSignature>), CheckpointError> {
        let split = note
            .find("\n\n")
            .ok_or_else(|| malformed("no blank line before the signatures"))?;
        let (text, sigs) = (&note[..=split], &note[split + 2..]);
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() != 3 || !text.ends_with('\n') {
            return Err(malformed("the text must be exactly three lines"));
        }
        let agency = lines[0]
            .strip_prefix(ORIGIN_PREFIX)
            .ok_or_else(|| malformed("the first line must be `jaring/v1 audit <agency>`"))?;
        jaring_core::AgencyId::parse(agency).map_err(|e| malformed(e.to_string()))?;
        let size_ok = !lines[1].is_empty()
            && lines[1].bytes().all(|b| b.is_ascii_digit())
            && (lines[1] == "0" || !lines[1].starts_with('0'));
        let size: u64 = if size_ok {
            lines[1]
                .parse()
                .map_err(|_| malformed("tree size out of range"))?
        } else {
            return Err(malformed("the tree size must be a decimal number"));
        };
        let root: Hash = b64::decode_std(lines[2])
            .and_then(|r| r.try_into().ok())
            .ok_or_else(|| malformed("the root must be 32 bytes in padded standard base64"))?;
        if !sigs.ends_with('\n') || sigs.is_empty() {
            return Err(malformed("signature lines must end in a newline"));
        }
        let mut signatures = Vec::new();
        for line in sigs.lines() {
            let rest = line.strip_prefix(DASH).ok_or_else(|| {
                malformed("a signature line must start with an em dash and a space")
            })?;
            let (name, blob) = rest
                .split_once(' ')
                .ok_or_else(|| malformed("a signature line is `— <name> <base64>`"))?;
            let blob =
                b64::decode_std(blob).ok_or_else(|| malformed("a signature is not base64"))?;
            if blob.len() != 68 {
                // A signature of another type (or for another key kind): not ours, ignore.
                continue;
            }
            let mut hash = [0u8; 4];
            hash.copy_from_slice(&blob[..4]);
            signatures.push(NoteSignature {
                name: name.to_owned(),
                key_hash: hash,
                signature: blob[4..].to_vec(),
            });
        }
        Ok((
            Self {
                agency: agency.to_owned(),
                size,
                root,
            },
            signatures,
        ))
    }

    /// Parses a note and checks that `key` (the agency's signing key) signed it.
    pub fn verify(note: &str, key: &VerifyingKey) -> Result<Self, CheckpointError> {
        let (cp, sigs) = Self::parse(note)?;
        let hash = key_hash(&cp.agency, key);
        let text = cp.text();
        let ok = sigs.iter().any(|s| {
            s.name == cp.agency && s.key_hash == hash && key.verify(text.as_bytes(), &s.signature)
        });
        if ok {
            Ok(cp)
        } else {
            Err(CheckpointError::BadSignature(cp.agency))
        }
    }

    /// Parses a note and checks it against any of `keys` (an agency may hold several).
    pub fn verify_any<'a>(
        note: &str,
        keys: impl IntoIterator<Item = &'a VerifyingKey>,
    ) -> Result<Self, CheckpointError> {
        let mut last = CheckpointError::Malformed("no key to check it with".into());
        for key in keys {
            match Self::verify(note, key) {
                Ok(cp) => return Ok(cp),
                Err(e) => last = e,
            }
        }
        Err(last)
    }
}

/// What a node publishes on `<prefix>.v1.checkpoint.<agency>.ALL` (spec §7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointMessage {
    /// The signed note.
    pub checkpoint: String,
    /// The size of the node's previously published checkpoint (0 for the first).
    pub previous_size: u64,
    /// RFC 9162 consistency proof from `previous_size` to this one, b64u hashes.
    pub consistency: Vec<String>,
}

impl CheckpointMessage {
    /// Builds the message for `note` over `leaves`, proving consistency with `previous_size`.
    pub fn new(note: String, leaves: &[Hash], previous_size: u64) -> Self {
        Self::of_tree(note, &leaves.iter().copied().collect(), previous_size)
    }

    /// The same message, with the proof taken from a [`merkle::Tree`] of the log (O(log n)
    /// hashes instead of O(n)).
    pub fn of_tree(note: String, tree: &merkle::Tree, previous_size: u64) -> Self {
        let proof = usize::try_from(previous_size)
            .ok()
            .filter(|m| *m > 0 && *m < tree.len())
            .and_then(|m| tree.consistency_proof(m));
        Self {
            checkpoint: note,
            previous_size,
            consistency: proof
                .unwrap_or_default()
                .iter()
                .map(|h| b64::encode(h))
                .collect(),
        }
    }

    /// The proof's hashes.
    pub fn proof(&self) -> Result<Vec<Hash>, CheckpointError> {
        self.consistency
            .iter()
            .map(|h| {
                b64::decode_array::<32>(h)
                    .ok_or_else(|| malformed("a consistency hash is not b64u of 32 bytes"))
            })
            .collect()
    }

    /// Checks that `new` extends `held` (same agency): same tree if the sizes are equal,
    /// otherwise a valid consistency proof from `held.size`, which must be this message's
    /// `previous_size`.
    pub fn check_extends(
        &self,
        held: &Checkpoint,
        new: &Checkpoint,
    ) -> Result<(), CheckpointError> {
        let inconsistent = CheckpointError::Inconsistent {
            old: held.size,
            new: new.size,
        };
        if new.size < held.size {
            return Err(inconsistent);
        }
        if new.size == held.size {
            return if new.root == held.root {
                Ok(())
            } else {
                Err(inconsistent)
            };
        }
        if self.previous_size != held.size {
            return Err(malformed(format!(
                "the proof starts at size {}, not at the held size {}",
                self.previous_size, held.size
            )));
        }
        if held.size == 0 {
            return Ok(());
        }
        if merkle::verify_consistency(held.size, new.size, &held.root, &new.root, &self.proof()?) {
            Ok(())
        } else {
            Err(inconsistent)
        }
    }
}
