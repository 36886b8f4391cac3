//! The signed directory of agencies (spec §3): who is in the network, in which roles, with
//! which keys, signed by a threshold of the roots in the trust file.
//!
//! A directory is signed in a ceremony: the first root officer signs a body with
//! [`SignedDirectory::sign_new`]; each further officer, on their own machine, adds a signature
//! with [`SignedDirectory::add_signature`], which never changes the body bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};

use crate::b64;
use crate::country::is_country_code;
use crate::id::{AgencyId, Kid};
use crate::keys::{
    EncryptionKey, PqEncryptionKey, PublicKey, PublicKeyJson, SecretKey, VerifyingKey, WrapKey,
};
use crate::time::Timestamp;
use crate::trust::{check_network_name, Trust};

const DIRECTORY_TYPE: &str = "jaring-directory-v1";
const SIGNING_CONTEXT: &[u8] = b"jaring/v1 directory\x00";
/// How far in the future `issued_at` may lie (clock skew between the RSO and a node).
pub const ISSUED_AT_SKEW_SECONDS: i64 = 5 * 60;
/// Directories larger than this are refused before parsing.
pub const MAX_DIRECTORY_BYTES: usize = 8 * 1024 * 1024;

/// Why a directory was refused.
#[derive(Debug, thiserror::Error)]
pub enum DirectoryError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// Not a directory document, or a body that breaks a rule.
    #[error("malformed directory: {0}")]
    Malformed(String),
    /// Too few distinct roots of the trust file signed it.
    #[error("not enough valid root signatures: {valid} of the {needed} required")]
    Threshold {
        /// Distinct trusted roots whose signature verified.
        valid: usize,
        /// The trust file's threshold.
        needed: usize,
    },
    /// The directory belongs to another network.
    #[error("directory is for network `{found}`, this node trusts `{expected}`")]
    WrongNetwork {
        /// The trust file's network.
        expected: String,
        /// The directory's network.
        found: String,
    },
    /// `issued_at` lies in the future beyond the allowed skew.
    #[error("directory issued_at {0} is in the future")]
    NotYetValid(Timestamp),
    /// `expires_at` is past.
    #[error("directory expired at {0}")]
    Expired(Timestamp),
    /// A lower serial than the one held.
    #[error("rollback refused: offered serial {offered}, this node holds serial {held}")]
    Rollback {
        /// The serial held.
        held: u64,
        /// The serial offered.
        offered: u64,
    },
    /// The same serial as the one held, but a different body.
    #[error(
        "serial {0} is already held with a different body; refusing the conflicting directory"
    )]
    Conflict(u64),
    /// A ceremony step that cannot be done.
    #[error("{0}")]
    Signing(String),
    /// The agency is already listed.
    #[error("agency {0} is already in the directory; each agency is listed once")]
    DuplicateAgency(AgencyId),
}

fn malformed(reason: impl Into<String>) -> DirectoryError {
    DirectoryError::Malformed(reason.into())
}

/// An agency's role in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Police and other law-enforcement agencies.
    LawEnforcement,
    /// Embassies and consulates.
    Consular,
    /// Immigration authorities.
    Immigration,
    /// Victim-support organisations.
    VictimSupport,
    /// The RSO and other coordinators.
    Coordinator,
    /// Read-only members.
    Observer,
}

impl Role {
    /// Every role, in spec order.
    pub const ALL: [Role; 6] = [
        Role::LawEnforcement,
        Role::Consular,
        Role::Immigration,
        Role::VictimSupport,
        Role::Coordinator,
        Role::Observer,
    ];

    /// The wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::LawEnforcement => "law-enforcement",
            Role::Consular => "consular",
            Role::Immigration => "immigration",
            Role::VictimSupport => "victim-support",
            Role::Coordinator => "coordinator",
            Role::Observer => "observer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Role::ALL.iter().map(Role::as_str).collect();
                format!("unknown role `{s}`; expected one of {}", names.join(", "))
            })
    }
}

/// One key pair of an agency in the directory, with its validity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// The Ed25519 signing key.
    pub sign: PublicKeyJson,
    /// The X25519 encryption key.
    pub enc: PublicKeyJson,
    /// The key may be used for messages created from this time.
    pub not_before: Timestamp,
    /// The key may be used for messages created until this time.
    pub not_after: Timestamp,
    /// Set when the key was revoked.
    pub revoked_at: Option<Timestamp>,
    /// The X-Wing key for the post-quantum key wrap (spec §3, §8), if the agency has one.
    /// Last, and absent rather than null, as in the spec's examples: a classical entry
    /// serialises exactly as it did before the field existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pq: Option<PublicKeyJson>,
}

/// One agency as the directory body lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyEntry {
    /// The agency id.
    pub id: AgencyId,
    /// Its full name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Its roles.
    pub roles: Vec<Role>,
    /// Its keys, oldest first.
    pub keys: Vec<KeyEntry>,
}

/// The directory body: exactly what the roots sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryBody {
    /// The network name.
    pub network: String,
    /// Increases with every new directory.
    pub serial: u64,
    /// When it was signed.
    pub issued_at: Timestamp,
    /// When it stops being acceptable.
    pub expires_at: Timestamp,
    /// Every agency of the network.
    pub agencies: Vec<AgencyEntry>,
}

/// A key of an agency after its kids and algorithms were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyKey {
    /// Verifies the agency's signatures.
    pub sign: VerifyingKey,
    /// Encrypts to the agency.
    pub enc: EncryptionKey,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
    /// Revocation time, if revoked.
    pub revoked_at: Option<Timestamp>,
    /// Encrypts to the agency with the post-quantum hybrid (spec §8), if listed.
    pub pq: Option<PqEncryptionKey>,
}

impl AgencyKey {
    /// The key a sender wraps the content key to (spec §8): the X-Wing key when the entry
    /// lists one, the X25519 key otherwise.
    pub fn wrap_key(&self) -> WrapKey {
        match &self.pq {
            Some(pq) => WrapKey::XWing(pq.clone()),
            None => WrapKey::X25519(self.enc.clone()),
        }
    }

    /// True when the key is revoked for a message created at `created_at`, judged at `now`.
    ///
    /// A revoked key may have been stolen, and a thief can back-date `created_at`; so once the
    /// revocation time has passed, nothing signed by the key is accepted, whatever it claims.
    /// Before it passes (a revocation scheduled for a rotation), messages created from the
    /// revocation time on are refused.
    pub fn is_revoked(&self, created_at: Timestamp, now: Timestamp) -> bool {
        self.revoked_at
            .is_some_and(|at| at <= now || created_at >= at)
    }

    /// True when `at` lies within `[not_before, not_after]`.
    pub fn covers(&self, at: Timestamp) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    /// True when the key may be used to seal a message now.
    pub fn usable_at(&self, now: Timestamp) -> bool {
        self.covers(now) && !self.is_revoked(now, now)
    }
}

/// An agency after the directory was verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// The agency id.
    pub id: AgencyId,
    /// Its full name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Its roles.
    pub roles: Vec<Role>,
    /// Its keys, in directory order.
    pub keys: Vec<AgencyKey>,
}

impl Agency {
    /// The key whose signing kid is `kid`.
    pub fn signing_key(&self, kid: &Kid) -> Option<&AgencyKey> {
        self.keys.iter().find(|k| k.sign.kid() == kid)
    }

    /// The encryption key to seal to now: the newest usable one.
    pub fn current_key(&self, now: Timestamp) -> Option<&AgencyKey> {
        self.keys
            .iter()
            .filter(|k| k.usable_at(now))
            .max_by_key(|k| k.not_before)
    }

    /// The key whose X25519 kid is `kid`.
    pub fn encryption_key(&self, kid: &Kid) -> Option<&AgencyKey> {
        self.keys.iter().find(|k| k.enc.kid() == kid)
    }
}

/// A directory whose signatures, network, validity and body were checked against a trust file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    /// The network name.
    pub network: String,
    /// The serial.
    pub serial: u64,
    /// When it was signed.
    pub issued_at: Timestamp,
    /// When it expires.
    pub expires_at: Timestamp,
    agencies: BTreeMap<AgencyId, Agency>,
    body_digest: [u8; 32],
    signed: SignedDirectory,
}

/// What accepting a directory means next to the one a node holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Supersedes {
    /// A newer directory: load it.
    Newer,
    /// The very same document: nothing to do.
    Same,
}

impl Directory {
    /// An agency by id.
    pub fn agency(&self, id: &AgencyId) -> Option<&Agency> {
        self.agencies.get(id)
    }

    /// Every agency, ordered by id.
    pub fn agencies(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values()
    }

    /// Of `agencies`, those whose key to seal to now has no X-Wing half, in the order given:
    /// the recipients a node that requires the post-quantum wrap must not send to. An agency
    /// not in the directory, or with no usable key, is not listed (sealing refuses it anyway).
    pub fn without_pq<'a>(&self, agencies: &'a [AgencyId], now: Timestamp) -> Vec<&'a AgencyId> {
        agencies
            .iter()
            .filter(|id| {
                self.agency(id)
                    .and_then(|a| a.current_key(now))
                    .is_some_and(|k| k.pq.is_none())
            })
            .collect()
    }

    /// The agencies that hold a role, ordered by id.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Agency> {
        self.agencies
            .values()
            .filter(move |a| a.roles.contains(&role))
    }

    /// SHA-256 of the signed body bytes.
    pub fn body_digest(&self) -> &[u8; 32] {
        &self.body_digest
    }

    /// The signed document this was verified from, e.g. to store or republish.
    pub fn signed(&self) -> &SignedDirectory {
        &self.signed
    }

    /// Decides whether `self` may replace `held` (spec §3: no rollback; identical is a no-op).
    pub fn supersedes(&self, held: &Directory) -> Result<Supersedes, DirectoryError> {
        use std::cmp::Ordering;
        match self.serial.cmp(&held.serial) {
            Ordering::Greater => Ok(Supersedes::Newer),
            Ordering::Less => Err(DirectoryError::Rollback {
                held: held.serial,
                offered: self.serial,
            }),
            Ordering::Equal if self.body_digest == held.body_digest => Ok(Supersedes::Same),
            Ordering::Equal => Err(DirectoryError::Conflict(self.serial)),
        }
    }
}

/// One root signature on a directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectorySignature {
    /// The signing root's kid.
    pub kid: Kid,
    /// b64u of the Ed25519 signature.
    pub sig: String,
}

/// A directory as it travels: body bytes and root signatures, not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedDirectory {
    body: Vec<u8>,
    signatures: Vec<DirectorySignature>,
}

#[derive(Serialize, Deserialize)]
struct SignedJson {
    #[serde(rename = "type")]
    kind: String,
    body: String,
    signatures: Vec<DirectorySignature>,
}

fn signing_input(body: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(SIGNING_CONTEXT.len() + body.len());
    input.extend_from_slice(SIGNING_CONTEXT);
    input.extend_from_slice(body);
    input
}

impl SignedDirectory {
    /// Parses the travelling form; verifies nothing.
    pub fn from_json(bytes: &[u8]) -> Result<Self, DirectoryError> {
        if bytes.len() > MAX_DIRECTORY_BYTES {
            return Err(malformed("larger than 8 MiB"));
        }
        let file: SignedJson = serde_json::from_slice(bytes)
            .map_err(|e| malformed(format!("not a signed directory: {e}")))?;
        if file.kind != DIRECTORY_TYPE {
            return Err(malformed(format!("type must be {DIRECTORY_TYPE}")));
        }
        let body = b64::decode(&file.body).ok_or_else(|| malformed("body is not b64u"))?;
        Ok(Self {
            body,
            signatures: file.signatures,
        })
    }

    /// Reads a signed directory file.
    pub fn load(path: &Path) -> Result<Self, DirectoryError> {
        let bytes = std::fs::read(path).map_err(|source| DirectoryError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(&bytes)
    }

    /// The travelling form as JSON (pretty-printed; the body stays byte-exact inside b64u).
    pub fn to_json(&self) -> Vec<u8> {
        let file = SignedJson {
            kind: DIRECTORY_TYPE.into(),
            body: b64::encode(&self.body),
            signatures: self.signatures.clone(),
        };
        let mut out = serde_json::to_vec_pretty(&file).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Builds a signed directory from raw parts, checking nothing: for test vectors and tools
    /// that assemble signatures gathered elsewhere. [`Self::verify`] judges the result.
    pub fn from_parts(body: Vec<u8>, signatures: Vec<DirectorySignature>) -> Self {
        Self { body, signatures }
    }

    /// The exact body bytes the roots sign.
    pub fn body_bytes(&self) -> &[u8] {
        &self.body
    }

    /// The signatures, in order.
    pub fn signatures(&self) -> &[DirectorySignature] {
        &self.signatures
    }

    /// Parses the body without verifying anything, e.g. to show it to a root officer before
    /// they add a signature.
    pub fn unverified_body(&self) -> Result<DirectoryBody, DirectoryError> {
        serde_json::from_slice(&self.body).map_err(|e| malformed(format!("body: {e}")))
    }

    /// First signature of a ceremony: serialises `body` and signs it with one root key.
    pub fn sign_new(body: &DirectoryBody, root: &SecretKey) -> Result<Self, DirectoryError> {
        check_body(body)?;
        let bytes = serde_json::to_vec(body).map_err(|e| malformed(e.to_string()))?;
        let mut signed = Self {
            body: bytes,
            signatures: Vec::new(),
        };
        signed.add_signature(root)?;
        Ok(signed)
    }

    /// A further signature by another root; the body bytes stay exactly as they are.
    pub fn add_signature(&mut self, root: &SecretKey) -> Result<(), DirectoryError> {
        let kid = root.sign.verifying_key().kid().clone();
        if self.signatures.iter().any(|s| s.kid == kid) {
            return Err(DirectoryError::Signing(format!(
                "root {} ({kid}) has already signed this directory",
                root.agency
            )));
        }
        let sig = root.sign.sign(&signing_input(&self.body));
        self.signatures.push(DirectorySignature {
            kid,
            sig: b64::encode(&sig),
        });
        Ok(())
    }

    /// The distinct roots of `trust` whose signature verifies.
    pub fn valid_signers<'t>(&self, trust: &'t Trust) -> Vec<&'t str> {
        let input = signing_input(&self.body);
        let mut signers = BTreeSet::new();
        for s in &self.signatures {
            let Some(root) = trust.root(&s.kid) else {
                continue;
            };
            let Some(sig) = b64::decode(&s.sig) else {
                continue;
            };
            if root.key.verify(&input, &sig) {
                signers.insert(root.name.as_str());
            }
        }
        signers.into_iter().collect()
    }

    /// Verifies signatures (threshold of distinct roots), then network, validity period and
    /// the body's own rules. Rollback is judged against a held directory with
    /// [`Directory::supersedes`].
    pub fn verify(&self, trust: &Trust, now: Timestamp) -> Result<Directory, DirectoryError> {
        // Signatures first: nothing in an unauthenticated body is looked at.
        let valid = self.valid_signers(trust).len();
        if valid < trust.threshold {
            return Err(DirectoryError::Threshold {
                valid,
                needed: trust.threshold,
            });
        }
        let body = self.unverified_body()?;
        if body.network != trust.network {
            return Err(DirectoryError::WrongNetwork {
                expected: trust.network.clone(),
                found: body.network,
            });
        }
        if body.issued_at > now.plus_seconds(ISSUED_AT_SKEW_SECONDS) {
            return Err(DirectoryError::NotYetValid(body.issued_at));
        }
        if body.expires_at <= now {
            return Err(DirectoryError::Expired(body.expires_at));
        }
        let agencies = check_body(&body)?;
        let body_digest: [u8; 32] = digest(&SHA256, &self.body)
            .as_ref()
            .try_into()
            .unwrap_or([0; 32]);
        Ok(Directory {
            network: body.network,
            serial: body.serial,
            issued_at: body.issued_at,
            expires_at: body.expires_at,
            agencies,
            body_digest,
            signed: self.clone(),
        })
    }
}

/// Checks the rules of a body that do not depend on the trust file or the clock.
pub fn check_body(body: &DirectoryBody) -> Result<BTreeMap<AgencyId, Agency>, DirectoryError> {
    check_network_name(&body.network).map_err(malformed)?;
    if body.expires_at <= body.issued_at {
        return Err(malformed("expires_at must be after issued_at"));
    }
    let mut agencies = BTreeMap::new();
    let mut kids = BTreeSet::new();
    for entry in &body.agencies {
        let at = |reason: String| malformed(format!("agency {}: {reason}", entry.id));
        if entry.name.trim().is_empty() {
            return Err(at("name must not be empty".into()));
        }
        if !is_country_code(&entry.country) {
            return Err(at(format!(
                "country `{}` is not an ISO 3166-1 alpha-2 code",
                entry.country
            )));
        }
        if entry.roles.is_empty() {
            return Err(at("at least one role is needed".into()));
        }
        if entry.keys.is_empty() {
            return Err(at("at least one key is needed".into()));
        }
        let mut keys = Vec::with_capacity(entry.keys.len());
        for (i, k) in entry.keys.iter().enumerate() {
            let sign = k
                .sign
                .to_verifying(&format!("keys[{i}].sign"))
                .map_err(|e| at(e.to_string()))?;
            let enc = k
                .enc
                .to_encryption(&format!("keys[{i}].enc"))
                .map_err(|e| at(e.to_string()))?;
            // An X-Wing key of another algorithm than the one jaring knows makes the whole
            // directory malformed rather than being skipped: skipping it would have this node
            // seal classically to an agency whose own node refuses that as a downgrade.
            let pq =
                k.pq.as_ref()
                    .map(|pq| pq.to_pq(&format!("keys[{i}].pq")))
                    .transpose()
                    .map_err(|e| at(e.to_string()))?;
            if k.not_after <= k.not_before {
                return Err(at(format!("keys[{i}]: not_after must be after not_before")));
            }
            // A key listed twice (or shared by two agencies) would make a kid ambiguous.
            let fresh = kids.insert(sign.kid().clone())
                && kids.insert(enc.kid().clone())
                && pq.as_ref().is_none_or(|pq| kids.insert(pq.kid().clone()));
            if !fresh {
                return Err(at(format!(
                    "keys[{i}]: a key id appears more than once in the directory"
                )));
            }
            keys.push(AgencyKey {
                sign,
                enc,
                not_before: k.not_before,
                not_after: k.not_after,
                revoked_at: k.revoked_at,
                pq,
            });
        }
        let agency = Agency {
            id: entry.id.clone(),
            name: entry.name.clone(),
            country: entry.country.clone(),
            roles: entry.roles.clone(),
            keys,
        };
        if agencies.insert(entry.id.clone(), agency).is_some() {
            return Err(malformed(format!(
                "agency id {} appears more than once",
                entry.id
            )));
        }
    }
    Ok(agencies)
}

impl DirectoryBody {
    /// An empty draft for a network; serial and times are set when it is signed.
    pub fn draft(network: &str) -> Self {
        let now = Timestamp::now();
        Self {
            network: network.to_owned(),
            serial: 0,
            issued_at: now,
            expires_at: now,
            agencies: Vec::new(),
        }
    }

    /// Revokes an agency's key `kid` (a signing, encryption or X-Wing kid), or every key it holds
    /// when `kid` is `None`, from `at`; refuses an unknown agency or kid, and a key already
    /// revoked (its time stays as it was).
    pub fn revoke(
        &mut self,
        agency: &AgencyId,
        kid: Option<&str>,
        at: Timestamp,
    ) -> Result<usize, DirectoryError> {
        let entry = self
            .agencies
            .iter_mut()
            .find(|a| &a.id == agency)
            .ok_or_else(|| malformed(format!("agency {agency} is not in the directory")))?;
        let mut revoked = 0;
        for key in entry.keys.iter_mut() {
            let matches = kid.is_none_or(|k| {
                key.sign.kid.as_str() == k
                    || key.enc.kid.as_str() == k
                    || key.pq.as_ref().is_some_and(|pq| pq.kid.as_str() == k)
            });
            if !matches {
                continue;
            }
            if key.revoked_at.is_some() {
                if kid.is_some() {
                    return Err(malformed(format!(
                        "key {} of {agency} is revoked already",
                        key.sign.kid
                    )));
                }
                continue;
            }
            key.revoked_at = Some(at);
            revoked += 1;
        }
        if revoked == 0 {
            return Err(malformed(match kid {
                Some(k) => format!("{agency} has no key {k}"),
                None => format!("every key of {agency} is revoked already"),
            }));
        }
        Ok(revoked)
    }

    /// Adds a key pair to an agency that is listed (a rotation: old and new overlap until the
    /// old one is revoked or runs out); refuses a key of another agency or a kid listed
    /// anywhere already.
    pub fn add_key(
        &mut self,
        key: &PublicKey,
        not_before: Timestamp,
        not_after: Timestamp,
    ) -> Result<(), DirectoryError> {
        let id = AgencyId::parse(&key.agency).map_err(|e| malformed(e.to_string()))?;
        let (sign, enc) = (
            PublicKeyJson::from_verifying(&key.sign),
            PublicKeyJson::from_encryption(&key.enc),
        );
        let pq = key.pq.as_ref().map(PublicKeyJson::from_pq);
        let new_kids: Vec<&Kid> = [&sign.kid, &enc.kid]
            .into_iter()
            .chain(pq.as_ref().map(|p| &p.kid))
            .collect();
        let taken = self.agencies.iter().flat_map(|a| &a.keys).any(|k| {
            [&k.sign.kid, &k.enc.kid]
                .into_iter()
                .chain(k.pq.as_ref().map(|p| &p.kid))
                .any(|kid| new_kids.contains(&kid))
        });
        if taken {
            return Err(malformed(format!(
                "key {} is in the directory already",
                sign.kid
            )));
        }
        let entry = self
            .agencies
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or_else(|| {
                malformed(format!(
                    "agency {id} is not in the directory: add it with `directory add`"
                ))
            })?;
        entry.keys.push(KeyEntry {
            sign,
            enc,
            not_before,
            not_after,
            revoked_at: None,
            pq,
        });
        Ok(())
    }

    /// Adds an agency with one key; refuses an id that is already listed.
    pub fn add_agency(
        &mut self,
        key: &PublicKey,
        name: &str,
        country: &str,
        roles: Vec<Role>,
        not_before: Timestamp,
        not_after: Timestamp,
    ) -> Result<(), DirectoryError> {
        let id = AgencyId::parse(&key.agency).map_err(|e| malformed(e.to_string()))?;
        if self.agencies.iter().any(|a| a.id == id) {
            return Err(malformed(format!(
                "agency {id} is already in the directory"
            )));
        }
        self.agencies.push(AgencyEntry {
            id,
            name: name.to_owned(),
            country: country.to_owned(),
            roles,
            keys: vec![KeyEntry {
                sign: PublicKeyJson::from_verifying(&key.sign),
                enc: PublicKeyJson::from_encryption(&key.enc),
                not_before,
                not_after,
                revoked_at: None,
                pq: key.pq.as_ref().map(PublicKeyJson::from_pq),
            }],
        });
        Ok(())
    }
}
