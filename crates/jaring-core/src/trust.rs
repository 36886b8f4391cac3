//! The trust file (spec §3): the root keys and threshold a node pins locally. Trust anchors
//! never come from the network.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::id::Kid;
use crate::keys::{PublicKey, PublicKeyJson, VerifyingKey};

const TRUST_TYPE: &str = "jaring-trust-v1";
const MAX_TRUST_FILE: u64 = 1024 * 1024;

/// Errors reading or checking a trust file.
#[derive(Debug, thiserror::Error)]
pub enum TrustError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The content is not an acceptable trust file.
    #[error("{context}: {reason}")]
    Invalid {
        /// The file concerned.
        context: String,
        /// What is wrong.
        reason: String,
    },
}

/// One directory-signing root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The root's name, e.g. `RSO-ROOT-1`.
    pub name: String,
    /// Its Ed25519 public key.
    pub key: VerifyingKey,
}

/// A verified trust file: which network, which roots, how many must sign a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trust {
    /// The network name every accepted directory must carry.
    pub network: String,
    /// How many distinct roots must sign a directory.
    pub threshold: usize,
    /// The roots, unique by name and key.
    pub roots: Vec<Root>,
}

#[derive(Serialize, Deserialize)]
struct TrustFile {
    #[serde(rename = "type")]
    kind: String,
    network: String,
    threshold: u64,
    roots: Vec<RootJson>,
}

#[derive(Serialize, Deserialize)]
struct RootJson {
    name: String,
    #[serde(flatten)]
    key: PublicKeyJson,
}

/// Network names are short printable tokens, so they can be shown and compared safely.
pub fn check_network_name(network: &str) -> Result<(), String> {
    let ok = (1..=64).contains(&network.len())
        && network
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err("network must be 1 to 64 of A-Z, a-z, 0-9, '-', '_' and '.'".into())
    }
}

impl Trust {
    /// Builds a trust file from root public key files, checking the threshold.
    pub fn new(network: &str, threshold: usize, roots: &[PublicKey]) -> Result<Self, TrustError> {
        let roots = roots
            .iter()
            .map(|r| Root {
                name: r.agency.clone(),
                key: r.sign.clone(),
            })
            .collect();
        let trust = Self {
            network: network.to_owned(),
            threshold,
            roots,
        };
        trust.check("trust")?;
        Ok(trust)
    }

    fn check(&self, context: &str) -> Result<(), TrustError> {
        let invalid = |reason: String| TrustError::Invalid {
            context: context.into(),
            reason,
        };
        check_network_name(&self.network).map_err(invalid)?;
        if self.roots.is_empty() {
            return Err(invalid("at least one root is needed".into()));
        }
        if self.threshold == 0 || self.threshold > self.roots.len() {
            return Err(invalid(format!(
                "threshold must be between 1 and the number of roots ({}), found {}",
                self.roots.len(),
                self.threshold
            )));
        }
        let names: BTreeSet<_> = self.roots.iter().map(|r| &r.name).collect();
        let kids: BTreeSet<_> = self.roots.iter().map(|r| r.key.kid()).collect();
        if names.len() != self.roots.len() || kids.len() != self.roots.len() {
            return Err(invalid(
                "each root must appear once, with its own key".into(),
            ));
        }
        Ok(())
    }

    /// The root whose key has this kid.
    pub fn root(&self, kid: &Kid) -> Option<&Root> {
        self.roots.iter().find(|r| r.key.kid() == kid)
    }

    /// Parses and checks a trust file.
    pub fn from_json(bytes: &[u8], context: &str) -> Result<Self, TrustError> {
        let invalid = |reason: String| TrustError::Invalid {
            context: context.into(),
            reason,
        };
        let file: TrustFile =
            serde_json::from_slice(bytes).map_err(|e| invalid(format!("not a trust file: {e}")))?;
        if file.kind != TRUST_TYPE {
            return Err(invalid(format!("type must be {TRUST_TYPE}")));
        }
        let mut roots = Vec::with_capacity(file.roots.len());
        for root in &file.roots {
            let key = root
                .key
                .to_verifying(&format!("root {}", root.name))
                .map_err(|e| invalid(e.to_string()))?;
            roots.push(Root {
                name: root.name.clone(),
                key,
            });
        }
        let threshold = usize::try_from(file.threshold).unwrap_or(usize::MAX);
        let trust = Self {
            network: file.network,
            threshold,
            roots,
        };
        trust.check(context)?;
        Ok(trust)
    }

    /// The trust file's JSON (pretty-printed).
    pub fn to_json(&self) -> Vec<u8> {
        let file = TrustFile {
            kind: TRUST_TYPE.into(),
            network: self.network.clone(),
            threshold: self.threshold as u64,
            roots: self
                .roots
                .iter()
                .map(|r| RootJson {
                    name: r.name.clone(),
                    key: PublicKeyJson::from_verifying(&r.key),
                })
                .collect(),
        };
        let mut out = serde_json::to_vec_pretty(&file).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Loads a trust file.
    pub fn load(path: &Path) -> Result<Self, TrustError> {
        let io = |source| TrustError::Io {
            path: path.display().to_string(),
            source,
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_TRUST_FILE {
            return Err(TrustError::Invalid {
                context: path.display().to_string(),
                reason: "too large to be a trust file".into(),
            });
        }
        let bytes = std::fs::read(path).map_err(|source| TrustError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(&bytes, &path.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::SecretKey;

    #[test]
    fn threshold_and_uniqueness_are_checked() {
        let a = SecretKey::generate("RSO-ROOT-1").unwrap().public();
        let b = SecretKey::generate("RSO-ROOT-2").unwrap().public();
        let trust = Trust::new("bali-rso", 2, &[a.clone(), b.clone()]).unwrap();
        assert_eq!(Trust::from_json(&trust.to_json(), "t").unwrap(), trust);
        assert!(Trust::new("bali-rso", 3, &[a.clone(), b.clone()]).is_err());
        assert!(Trust::new("bali-rso", 0, &[a.clone(), b]).is_err());
        assert!(Trust::new("bali-rso", 1, &[a.clone(), a.clone()]).is_err());
        assert!(Trust::new("bali rso", 1, &[a]).is_err());
    }
}
