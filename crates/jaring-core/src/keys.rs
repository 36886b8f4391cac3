//! Agency keys (spec §2): an Ed25519 signing key, an X25519 encryption key and, optionally, an
//! X-Wing key for the post-quantum hybrid key wrap (spec §8), stored in a secret key file (mode
//! 0600, never sent anywhere) and a public key file (handed to the RSO).
//!
//! Secret material lives only in [`Zeroizing`] buffers and is wiped when dropped. The ring key
//! pair used to sign is rebuilt from the seed for each signature rather than cached, because
//! ring's key pair type does not wipe itself.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use hpke::{Deserializable, Kem, Serializable};
use ring::rand::{SecureRandom, SystemRandom};
use ring::signature::{self, Ed25519KeyPair, KeyPair};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::b64;
use crate::id::{AgencyId, Kid};
use crate::time::Timestamp;

const SECRET_TYPE: &str = "jaring-secret-key-v1";
const PUBLIC_TYPE: &str = "jaring-public-key-v1";
/// Larger key files are refused before parsing; real ones are under 3 KiB.
const MAX_KEY_FILE: u64 = 64 * 1024;
/// The name of the post-quantum algorithm in key files and recipient entries (spec §2, §8).
pub const PQ_ALG: &str = "X-Wing";
/// Bytes of an X-Wing public key: the ML-KEM-768 encapsulation key (1184) and X25519's (32).
pub const PQ_PUBLIC_KEY_BYTES: usize = 1216;
/// Bytes of an X-Wing encapsulated key (a recipient entry's `enc`).
pub const PQ_ENC_BYTES: usize = 1120;

/// The X-Wing KEM as HPKE names it (KEM 0x647a), from the `hpke` crate.
pub(crate) type XWing = hpke::kem::XWing;

/// Errors reading, writing or checking key files.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A secret key file that others can read is refused.
    #[error("{path}: secret key file is readable by group or others (mode {mode:o}); run `chmod 600 {path}`")]
    Permissions {
        /// The file concerned.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// The file exists and would be overwritten.
    #[error("{0}: already exists; refusing to overwrite a key file")]
    Exists(PathBuf),
    /// The content is not a valid key file.
    #[error("{context}: {reason}")]
    Invalid {
        /// The file or field concerned.
        context: String,
        /// What is wrong, in words a person can act on.
        reason: String,
    },
}

fn invalid(context: impl Into<String>, reason: impl Into<String>) -> KeyError {
    KeyError::Invalid {
        context: context.into(),
        reason: reason.into(),
    }
}

/// Fills a buffer from the operating system's CSPRNG (through ring).
pub(crate) fn random_bytes<const N: usize>() -> Zeroizing<[u8; N]> {
    let mut out = Zeroizing::new([0u8; N]);
    // SystemRandom only fails when the OS has no entropy source at all; nothing can be sealed
    // safely then, so stopping is the only correct answer.
    #[allow(clippy::expect_used)]
    SystemRandom::new()
        .fill(out.as_mut())
        .expect("the operating system's random source failed");
    out
}

/// An Ed25519 public key used to verify signatures.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    bytes: [u8; 32],
    kid: Kid,
}

impl VerifyingKey {
    /// Wraps 32 raw key bytes and computes their kid.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self {
            kid: Kid::of(&bytes),
            bytes,
        }
    }

    /// The raw public key.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The key id.
    pub fn kid(&self) -> &Kid {
        &self.kid
    }

    /// True when `sig` is a valid Ed25519 signature of `message` by this key.
    pub fn verify(&self, message: &[u8], sig: &[u8]) -> bool {
        signature::UnparsedPublicKey::new(&signature::ED25519, &self.bytes)
            .verify(message, sig)
            .is_ok()
    }
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerifyingKey({})", self.kid)
    }
}

/// An X25519 public key that messages are encrypted to.
#[derive(Clone, PartialEq, Eq)]
pub struct EncryptionKey {
    bytes: [u8; 32],
    kid: Kid,
}

impl EncryptionKey {
    /// Wraps 32 raw key bytes and computes their kid.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self {
            kid: Kid::of(&bytes),
            bytes,
        }
    }

    /// The raw public key.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// The key id.
    pub fn kid(&self) -> &Kid {
        &self.kid
    }
}

impl fmt::Debug for EncryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncryptionKey({})", self.kid)
    }
}

/// An X-Wing public key (spec §8) that content keys are wrapped to, parsed once so that
/// sealing to it does not parse it again. The parsed key is about 1.6 KB: it is shared, not
/// copied, between the directory and each seal.
#[derive(Clone, PartialEq, Eq)]
pub struct PqEncryptionKey {
    key: std::sync::Arc<<XWing as Kem>::PublicKey>,
    kid: Kid,
}

impl PqEncryptionKey {
    /// Checks and wraps the 1216 raw key bytes, and computes their kid.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        if bytes.len() != PQ_PUBLIC_KEY_BYTES {
            return Err(invalid(
                "pq.key",
                format!(
                    "an X-Wing public key is {PQ_PUBLIC_KEY_BYTES} bytes, found {}",
                    bytes.len()
                ),
            ));
        }
        let key = <XWing as Kem>::PublicKey::from_bytes(bytes)
            .map_err(|_| invalid("pq.key", "not a valid X-Wing public key"))?;
        Ok(Self {
            key: std::sync::Arc::new(key),
            kid: Kid::of(bytes),
        })
    }

    /// The raw public key (1216 bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.key.to_bytes().to_vec()
    }

    /// The key id, over the 1216 bytes.
    pub fn kid(&self) -> &Kid {
        &self.kid
    }

    /// The key as the HPKE sender needs it.
    pub(crate) fn hpke(&self) -> &<XWing as Kem>::PublicKey {
        &self.key
    }
}

impl fmt::Debug for PqEncryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PqEncryptionKey({})", self.kid)
    }
}

/// The public key a content key is wrapped to for one recipient (spec §4 step 2, §8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WrapKey {
    /// X25519 through HPKE DHKEM (an entry without `alg`).
    X25519(EncryptionKey),
    /// X-Wing through HPKE (an entry with `"alg":"X-Wing"`).
    XWing(PqEncryptionKey),
}

impl WrapKey {
    /// The kid that the recipient entry names.
    pub fn kid(&self) -> &Kid {
        match self {
            WrapKey::X25519(k) => k.kid(),
            WrapKey::XWing(k) => k.kid(),
        }
    }

    /// True for the post-quantum wrap.
    pub fn is_pq(&self) -> bool {
        matches!(self, WrapKey::XWing(_))
    }
}

impl From<EncryptionKey> for WrapKey {
    fn from(key: EncryptionKey) -> Self {
        WrapKey::X25519(key)
    }
}

impl From<PqEncryptionKey> for WrapKey {
    fn from(key: PqEncryptionKey) -> Self {
        WrapKey::XWing(key)
    }
}

/// The secret half of an Ed25519 key: its 32-byte seed.
pub struct SigningKey {
    seed: Zeroizing<[u8; 32]>,
    public: VerifyingKey,
}

impl SigningKey {
    /// Derives the key from a seed.
    pub fn from_seed(seed: Zeroizing<[u8; 32]>) -> Result<Self, KeyError> {
        let pair = Ed25519KeyPair::from_seed_unchecked(seed.as_ref())
            .map_err(|_| invalid("sign.seed", "not a valid Ed25519 seed"))?;
        let mut public = [0u8; 32];
        public.copy_from_slice(pair.public_key().as_ref());
        Ok(Self {
            seed,
            public: VerifyingKey::from_bytes(public),
        })
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        // A random 32-byte seed is always a valid Ed25519 seed.
        match Self::from_seed(random_bytes::<32>()) {
            Ok(key) => key,
            Err(_) => unreachable!("every 32-byte string is an Ed25519 seed"),
        }
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.public
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        let mut out = [0u8; 64];
        match Ed25519KeyPair::from_seed_unchecked(self.seed.as_ref()) {
            Ok(pair) => out.copy_from_slice(pair.sign(message).as_ref()),
            Err(_) => unreachable!("the seed was accepted when the key was built"),
        }
        out
    }

    fn seed(&self) -> &[u8; 32] {
        &self.seed
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({}, secret redacted)", self.public.kid)
    }
}

/// The secret half of an X25519 key.
pub struct DecryptionKey {
    secret: Zeroizing<[u8; 32]>,
    public: EncryptionKey,
}

impl DecryptionKey {
    /// Derives the public key from the secret scalar bytes.
    pub fn from_secret(secret: Zeroizing<[u8; 32]>) -> Result<Self, KeyError> {
        let sk = <hpke::kem::X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(secret.as_ref())
            .map_err(|_| invalid("enc.secret", "not a valid X25519 secret key"))?;
        let pk = <hpke::kem::X25519HkdfSha256 as Kem>::sk_to_pk(&sk);
        let mut public = [0u8; 32];
        public.copy_from_slice(&pk.to_bytes());
        Ok(Self {
            secret,
            public: EncryptionKey::from_bytes(public),
        })
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        match Self::from_secret(random_bytes::<32>()) {
            Ok(key) => key,
            Err(_) => unreachable!("every 32-byte string is an X25519 secret"),
        }
    }

    /// The matching public key.
    pub fn encryption_key(&self) -> &EncryptionKey {
        &self.public
    }

    /// The raw secret, for the HPKE receiver.
    pub(crate) fn secret(&self) -> &[u8; 32] {
        &self.secret
    }
}

impl fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecryptionKey({}, secret redacted)", self.public.kid)
    }
}

/// The secret half of an X-Wing key: its 32-byte seed, which is the X-Wing decapsulation key
/// itself (spec §8). The key is used as the seed, never derived from it through HPKE's
/// `DeriveKeyPair`, which would give another key and another kid than other implementations.
pub struct PqDecryptionKey {
    seed: Zeroizing<[u8; 32]>,
    /// The key as the `hpke` crate holds it (it wipes itself when dropped). x-wing 0.1 keeps
    /// only the seed and the public key in it and expands the seed again at every
    /// decapsulation: that expansion (SHAKE256 and ML-KEM key generation) is most of what an
    /// X-Wing open costs beyond X25519's.
    key: <XWing as Kem>::PrivateKey,
    public: PqEncryptionKey,
}

impl PqDecryptionKey {
    /// Expands the seed into the key pair.
    pub fn from_seed(seed: Zeroizing<[u8; 32]>) -> Result<Self, KeyError> {
        let key = <XWing as Kem>::PrivateKey::from_bytes(seed.as_ref())
            .map_err(|_| invalid("pq.seed", "not a valid X-Wing seed"))?;
        let public = PqEncryptionKey::from_bytes(&XWing::sk_to_pk(&key).to_bytes())?;
        Ok(Self { seed, key, public })
    }

    /// A fresh random key.
    pub fn generate() -> Self {
        match Self::from_seed(random_bytes::<32>()) {
            Ok(key) => key,
            Err(_) => unreachable!("every 32-byte string is an X-Wing seed"),
        }
    }

    /// The matching public key.
    pub fn encryption_key(&self) -> &PqEncryptionKey {
        &self.public
    }

    /// The key as the HPKE receiver needs it.
    pub(crate) fn hpke(&self) -> &<XWing as Kem>::PrivateKey {
        &self.key
    }

    fn seed(&self) -> &[u8; 32] {
        &self.seed
    }
}

impl fmt::Debug for PqDecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PqDecryptionKey({}, secret redacted)", self.public.kid)
    }
}

/// Every key an agency may open envelopes with: its X25519 keys and its X-Wing keys (more
/// than one of each during a rotation). Step 7 of spec §4 looks an entry's kid up among the
/// keys of the entry's algorithm only.
#[derive(Debug, Default)]
pub struct OpeningKeys {
    /// X25519 keys, for entries without `alg`.
    pub x25519: Vec<DecryptionKey>,
    /// X-Wing keys, for entries with `"alg":"X-Wing"`.
    pub xwing: Vec<PqDecryptionKey>,
}

impl OpeningKeys {
    /// Adds both encryption halves of a secret key.
    pub fn add(&mut self, key: SecretKey) {
        self.x25519.push(key.enc);
        if let Some(pq) = key.pq {
            self.xwing.push(pq);
        }
    }

    /// The kids of every key held, X25519 first.
    pub fn kids(&self) -> impl Iterator<Item = &Kid> {
        self.x25519
            .iter()
            .map(|k| k.encryption_key().kid())
            .chain(self.xwing.iter().map(|k| k.encryption_key().kid()))
    }
}

impl From<SecretKey> for OpeningKeys {
    fn from(key: SecretKey) -> Self {
        let mut keys = Self::default();
        keys.add(key);
        keys
    }
}

/// An agency's (or a root's) secret keys, as held in a secret key file.
#[derive(Debug)]
pub struct SecretKey {
    /// Whose key this is: an agency id or a root's name.
    pub agency: String,
    /// When the key was made.
    pub created_at: Timestamp,
    /// The signing half.
    pub sign: SigningKey,
    /// The encryption half.
    pub enc: DecryptionKey,
    /// The post-quantum encryption half, if the agency has one (spec §2, §8).
    pub pq: Option<PqDecryptionKey>,
}

/// The public halves of an agency's keys, as in a public key file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// Whose key this is: an agency id or a root's name.
    pub agency: String,
    /// Verifies the agency's signatures.
    pub sign: VerifyingKey,
    /// Encrypts to the agency.
    pub enc: EncryptionKey,
    /// Encrypts to the agency with the post-quantum hybrid, if it has such a key.
    pub pq: Option<PqEncryptionKey>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretFile {
    #[serde(rename = "type")]
    kind: String,
    agency: String,
    created_at: Timestamp,
    sign: SecretSign,
    enc: SecretEnc,
    // Last, and absent rather than null, so that a classical file reads and writes exactly as
    // before the post-quantum half existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pq: Option<SecretPq>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretSign {
    alg: String,
    seed: Zeroizing<String>,
    kid: Kid,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretEnc {
    alg: String,
    secret: Zeroizing<String>,
    kid: Kid,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretPq {
    alg: String,
    seed: Zeroizing<String>,
    kid: Kid,
}

/// The `{"alg","key","kid"}` object of public key files, trust files and directories.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyJson {
    /// `Ed25519`, `X25519` or `X-Wing`.
    pub alg: String,
    /// b64u of the key bytes (32, or 1216 for X-Wing).
    pub key: String,
    /// The key id, which must match the key.
    pub kid: Kid,
}

impl PublicKeyJson {
    /// Describes a verifying key.
    pub fn from_verifying(key: &VerifyingKey) -> Self {
        Self {
            alg: "Ed25519".into(),
            key: b64::encode(key.bytes()),
            kid: key.kid().clone(),
        }
    }

    /// Describes an encryption key.
    pub fn from_encryption(key: &EncryptionKey) -> Self {
        Self {
            alg: "X25519".into(),
            key: b64::encode(key.bytes()),
            kid: key.kid().clone(),
        }
    }

    /// Describes an X-Wing key.
    pub fn from_pq(key: &PqEncryptionKey) -> Self {
        Self {
            alg: PQ_ALG.into(),
            key: b64::encode(&key.to_bytes()),
            kid: key.kid().clone(),
        }
    }

    fn checked_bytes(&self, alg: &str, context: &str) -> Result<[u8; 32], KeyError> {
        let bytes = self.checked(alg, 32, context)?;
        let mut out = [0u8; 32];
        out.copy_from_slice(&bytes);
        Ok(out)
    }

    fn checked(&self, alg: &str, len: usize, context: &str) -> Result<Vec<u8>, KeyError> {
        if self.alg != alg {
            return Err(invalid(
                context,
                format!("alg must be {alg}, found {}", self.alg),
            ));
        }
        let bytes = b64::decode(&self.key)
            .filter(|b| b.len() == len)
            .ok_or_else(|| invalid(context, format!("key must be b64u of {len} bytes")))?;
        if Kid::of(&bytes) != self.kid {
            return Err(invalid(context, "kid does not match the key"));
        }
        Ok(bytes)
    }

    /// Checks alg, length and kid, and returns the verifying key.
    pub fn to_verifying(&self, context: &str) -> Result<VerifyingKey, KeyError> {
        self.checked_bytes("Ed25519", context)
            .map(VerifyingKey::from_bytes)
    }

    /// Checks alg, length and kid, and returns the encryption key.
    pub fn to_encryption(&self, context: &str) -> Result<EncryptionKey, KeyError> {
        self.checked_bytes("X25519", context)
            .map(EncryptionKey::from_bytes)
    }

    /// Checks alg, length, kid and the key's own form, and returns the X-Wing key.
    pub fn to_pq(&self, context: &str) -> Result<PqEncryptionKey, KeyError> {
        let bytes = self.checked(PQ_ALG, PQ_PUBLIC_KEY_BYTES, context)?;
        PqEncryptionKey::from_bytes(&bytes).map_err(|_| {
            invalid(
                context,
                "not a valid X-Wing public key (ML-KEM-768 and X25519)",
            )
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicFile {
    #[serde(rename = "type")]
    kind: String,
    agency: String,
    sign: PublicKeyJson,
    enc: PublicKeyJson,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pq: Option<PublicKeyJson>,
}

/// Key-file owners are agency ids, or root names which follow the same form.
fn check_owner(name: &str, context: &str) -> Result<(), KeyError> {
    AgencyId::parse(name)
        .map(drop)
        .map_err(|e| invalid(context, e.to_string()))
}

impl SecretKey {
    /// Generates fresh keys for an agency or root.
    pub fn generate(agency: &str) -> Result<Self, KeyError> {
        check_owner(agency, "agency")?;
        Ok(Self {
            agency: agency.to_owned(),
            created_at: Timestamp::now(),
            sign: SigningKey::generate(),
            enc: DecryptionKey::generate(),
            pq: None,
        })
    }

    /// Generates fresh keys with a post-quantum half as well (spec §8).
    pub fn generate_pq(agency: &str) -> Result<Self, KeyError> {
        let mut key = Self::generate(agency)?;
        key.pq = Some(PqDecryptionKey::generate());
        Ok(key)
    }

    /// A copy of the encryption halves, to open envelopes with while this key is kept (to
    /// sign, say). The copies are wiped when dropped, like the originals.
    pub fn opening_keys(&self) -> OpeningKeys {
        fn copy<T>(r: Result<T, KeyError>) -> T {
            match r {
                Ok(key) => key,
                Err(_) => unreachable!("the key was accepted when it was built"),
            }
        }
        OpeningKeys {
            x25519: vec![copy(DecryptionKey::from_secret(Zeroizing::new(
                *self.enc.secret(),
            )))],
            xwing: self
                .pq
                .iter()
                .map(|pq| copy(PqDecryptionKey::from_seed(Zeroizing::new(*pq.seed()))))
                .collect(),
        }
    }

    /// The public halves.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            agency: self.agency.clone(),
            sign: self.sign.verifying_key().clone(),
            enc: self.enc.encryption_key().clone(),
            pq: self.pq.as_ref().map(|k| k.encryption_key().clone()),
        }
    }

    /// Parses a secret key file's bytes, checking every kid against its key.
    pub fn from_json(bytes: &[u8], context: &str) -> Result<Self, KeyError> {
        let file: SecretFile = serde_json::from_slice(bytes)
            .map_err(|e| invalid(context, format!("not a secret key file: {e}")))?;
        if file.kind != SECRET_TYPE {
            return Err(invalid(context, format!("type must be {SECRET_TYPE}")));
        }
        check_owner(&file.agency, context)?;
        if file.sign.alg != "Ed25519" || file.enc.alg != "X25519" {
            return Err(invalid(
                context,
                "algorithms must be Ed25519 (sign) and X25519 (enc)",
            ));
        }
        let seed = b64::decode_secret::<32>(&file.sign.seed)
            .ok_or_else(|| invalid(context, "sign.seed must be b64u of 32 bytes"))?;
        let secret = b64::decode_secret::<32>(&file.enc.secret)
            .ok_or_else(|| invalid(context, "enc.secret must be b64u of 32 bytes"))?;
        let sign = SigningKey::from_seed(seed)?;
        let enc = DecryptionKey::from_secret(secret)?;
        if sign.verifying_key().kid() != &file.sign.kid {
            return Err(invalid(context, "sign.kid does not match the signing key"));
        }
        if enc.encryption_key().kid() != &file.enc.kid {
            return Err(invalid(
                context,
                "enc.kid does not match the encryption key",
            ));
        }
        let pq = file
            .pq
            .map(|pq| {
                if pq.alg != PQ_ALG {
                    return Err(invalid(context, format!("pq.alg must be {PQ_ALG}")));
                }
                let seed = b64::decode_secret::<32>(&pq.seed)
                    .ok_or_else(|| invalid(context, "pq.seed must be b64u of 32 bytes"))?;
                let key = PqDecryptionKey::from_seed(seed)?;
                if key.encryption_key().kid() != &pq.kid {
                    return Err(invalid(context, "pq.kid does not match the X-Wing key"));
                }
                Ok(key)
            })
            .transpose()?;
        Ok(Self {
            agency: file.agency,
            created_at: file.created_at,
            sign,
            enc,
            pq,
        })
    }

    /// The secret key file's JSON (pretty-printed), in a buffer wiped when dropped.
    pub fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let file = SecretFile {
            kind: SECRET_TYPE.into(),
            agency: self.agency.clone(),
            created_at: self.created_at,
            sign: SecretSign {
                alg: "Ed25519".into(),
                seed: Zeroizing::new(b64::encode(self.sign.seed())),
                kid: self.sign.verifying_key().kid().clone(),
            },
            enc: SecretEnc {
                alg: "X25519".into(),
                secret: Zeroizing::new(b64::encode(self.enc.secret())),
                kid: self.enc.encryption_key().kid().clone(),
            },
            pq: self.pq.as_ref().map(|pq| SecretPq {
                alg: PQ_ALG.into(),
                seed: Zeroizing::new(b64::encode(pq.seed())),
                kid: pq.encryption_key().kid().clone(),
            }),
        };
        // Room for the largest file (a 32-character agency with a pq half is about 560 bytes)
        // at once: a buffer that grew would leave its old copy of the secrets unwiped.
        let mut out = Zeroizing::new(Vec::with_capacity(2048));
        // Writing plain strings into a Vec cannot fail.
        if serde_json::to_writer_pretty(&mut *out, &file).is_ok() {
            out.push(b'\n');
        }
        out
    }

    /// Loads a secret key file, refusing it when group or others can read it.
    pub fn load(path: &Path) -> Result<Self, KeyError> {
        check_private(path)?;
        let bytes = read_limited(path)?;
        Self::from_json(&bytes, &path.display().to_string())
    }

    /// Writes the secret key file with mode 0600; never overwrites an existing file.
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        write_new(path, &self.to_json(), 0o600)
    }
}

impl PublicKey {
    /// Parses a public key file's bytes, checking every kid against its key.
    pub fn from_json(bytes: &[u8], context: &str) -> Result<Self, KeyError> {
        let file: PublicFile = serde_json::from_slice(bytes)
            .map_err(|e| invalid(context, format!("not a public key file: {e}")))?;
        if file.kind != PUBLIC_TYPE {
            return Err(invalid(context, format!("type must be {PUBLIC_TYPE}")));
        }
        check_owner(&file.agency, context)?;
        Ok(Self {
            sign: file.sign.to_verifying(&format!("{context}: sign"))?,
            enc: file.enc.to_encryption(&format!("{context}: enc"))?,
            pq: file
                .pq
                .map(|pq| pq.to_pq(&format!("{context}: pq")))
                .transpose()?,
            agency: file.agency,
        })
    }

    /// The public key file's JSON (pretty-printed).
    pub fn to_json(&self) -> Vec<u8> {
        let file = PublicFile {
            kind: PUBLIC_TYPE.into(),
            agency: self.agency.clone(),
            sign: PublicKeyJson::from_verifying(&self.sign),
            enc: PublicKeyJson::from_encryption(&self.enc),
            pq: self.pq.as_ref().map(PublicKeyJson::from_pq),
        };
        let mut out = serde_json::to_vec_pretty(&file).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Loads a public key file.
    pub fn load(path: &Path) -> Result<Self, KeyError> {
        let bytes = read_limited(path)?;
        Self::from_json(&bytes, &path.display().to_string())
    }

    /// Writes the public key file (mode 0644); never overwrites an existing file.
    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        write_new(path, &self.to_json(), 0o644)
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Refuses a secret file that is group- or world-accessible.
pub fn check_private(path: &Path) -> Result<(), KeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .map_err(io_err(path))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(KeyError::Permissions {
            path: path.to_owned(),
            mode: mode & 0o777,
        });
    }
    Ok(())
}

fn read_limited(path: &Path) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let len = fs::metadata(path).map_err(io_err(path))?.len();
    if len > MAX_KEY_FILE {
        return Err(invalid(
            path.display().to_string(),
            "too large to be a key file",
        ));
    }
    fs::read(path).map(Zeroizing::new).map_err(io_err(path))
}

/// Creates `path` with `mode` from the start (no window where it is readable), refusing to
/// replace an existing file, and syncs it to disk.
pub(crate) fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), KeyError> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => KeyError::Exists(path.to_owned()),
            _ => KeyError::Io {
                path: path.to_owned(),
                source: e,
            },
        })?;
    file.write_all(bytes).map_err(io_err(path))?;
    file.sync_all().map_err(io_err(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_round_trip_and_sign() {
        let key = SecretKey::generate("TH-RTP").unwrap();
        let again = SecretKey::from_json(&key.to_json(), "test").unwrap();
        assert_eq!(again.public(), key.public());
        let public = PublicKey::from_json(&key.public().to_json(), "test").unwrap();
        assert_eq!(public, key.public());
        let sig = key.sign.sign(b"hello");
        assert!(public.sign.verify(b"hello", &sig));
        assert!(!public.sign.verify(b"hellO", &sig));
    }

    #[test]
    fn debug_output_never_shows_secrets() {
        let key = SecretKey::generate("TH-RTP").unwrap();
        let shown = format!("{key:?}");
        assert!(shown.contains("redacted"));
        assert!(!shown.contains(&b64::encode(key.sign.seed())));
    }

    #[test]
    fn a_wrong_kid_is_refused() {
        let key = SecretKey::generate("TH-RTP").unwrap();
        let mut json: serde_json::Value = serde_json::from_slice(&key.to_json()).unwrap();
        json["sign"]["kid"] = "AAAAAAAAAAAAAAAAAAAAAA".into();
        let err = SecretKey::from_json(json.to_string().as_bytes(), "k").unwrap_err();
        assert!(err.to_string().contains("sign.kid does not match"), "{err}");
    }

    #[test]
    fn pq_keys_round_trip_and_classical_files_stay_as_they_were() {
        let key = SecretKey::generate_pq("ID-KEMLU-PNH").unwrap();
        let pq = key.pq.as_ref().unwrap().encryption_key();
        assert_eq!(pq.to_bytes().len(), PQ_PUBLIC_KEY_BYTES);
        assert_eq!(pq.kid(), &Kid::of(&pq.to_bytes()));
        let again = SecretKey::from_json(&key.to_json(), "test").unwrap();
        assert_eq!(again.public(), key.public());
        let public = PublicKey::from_json(&key.public().to_json(), "test").unwrap();
        assert_eq!(public.pq.as_ref().map(|k| k.kid()), Some(pq.kid()));
        let file: serde_json::Value = serde_json::from_slice(&key.public().to_json()).unwrap();
        assert_eq!(file["pq"]["alg"], "X-Wing");
        let secret: serde_json::Value = serde_json::from_slice(&key.to_json()).unwrap();
        assert_eq!(
            b64::decode(secret["pq"]["seed"].as_str().unwrap())
                .unwrap()
                .len(),
            32
        );

        // A classical key writes no `pq` at all, not a null.
        let classical = SecretKey::generate("TH-RTP").unwrap();
        for bytes in [classical.to_json().to_vec(), classical.public().to_json()] {
            let file: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert!(file.get("pq").is_none(), "{file}");
            assert!(file.get("enc").is_some(), "{file}");
        }
    }

    #[test]
    fn a_pq_half_that_does_not_check_is_refused() {
        let key = SecretKey::generate_pq("ID-KEMLU-PNH").unwrap();
        let secret: serde_json::Value = serde_json::from_slice(&key.to_json()).unwrap();
        let public: serde_json::Value = serde_json::from_slice(&key.public().to_json()).unwrap();
        let refused = |json: &serde_json::Value, secret: bool| match secret {
            true => SecretKey::from_json(json.to_string().as_bytes(), "k")
                .unwrap_err()
                .to_string(),
            false => PublicKey::from_json(json.to_string().as_bytes(), "k")
                .unwrap_err()
                .to_string(),
        };
        let mut wrong = secret.clone();
        wrong["pq"]["kid"] = "AAAAAAAAAAAAAAAAAAAAAA".into();
        assert!(refused(&wrong, true).contains("pq.kid does not match"));
        let mut wrong = secret.clone();
        wrong["pq"]["alg"] = "X25519".into();
        assert!(refused(&wrong, true).contains("pq.alg must be X-Wing"));
        let mut wrong = public.clone();
        wrong["pq"]["kid"] = "AAAAAAAAAAAAAAAAAAAAAA".into();
        assert!(refused(&wrong, false).contains("kid does not match"));
        let mut wrong = public;
        wrong["pq"]["key"] = b64::encode(&[1u8; 32]).into();
        wrong["pq"]["kid"] = Kid::of(&[1u8; 32]).as_str().into();
        assert!(refused(&wrong, false).contains("1216 bytes"));
    }

    #[test]
    fn debug_output_never_shows_the_pq_seed() {
        let key = SecretKey::generate_pq("ID-KEMLU-PNH").unwrap();
        let shown = format!("{key:?}");
        let seed = b64::encode(key.pq.as_ref().unwrap().seed());
        assert!(shown.contains("PqDecryptionKey"), "{shown}");
        assert!(!shown.contains(&seed));
    }

    #[test]
    fn opening_keys_copy_both_halves() {
        let key = SecretKey::generate_pq("ID-KEMLU-PNH").unwrap();
        let keys = key.opening_keys();
        let kids: Vec<&Kid> = keys.kids().collect();
        assert_eq!(
            kids,
            [
                key.enc.encryption_key().kid(),
                key.pq.as_ref().unwrap().encryption_key().kid()
            ]
        );
    }

    #[test]
    fn files_are_private_and_never_overwritten() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("TH-RTP.key.json");
        let key = SecretKey::generate("TH-RTP").unwrap();
        key.save(&path).unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert!(matches!(key.save(&path), Err(KeyError::Exists(_))));
        assert_eq!(SecretKey::load(&path).unwrap().public(), key.public());

        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let err = SecretKey::load(&path).unwrap_err();
        assert!(matches!(err, KeyError::Permissions { mode: 0o640, .. }));
        assert!(err.to_string().contains("chmod 600"), "{err}");
    }
}
