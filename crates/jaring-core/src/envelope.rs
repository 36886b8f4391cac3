//! Envelopes (spec §4): sealing to one or many recipients, and opening in the spec's order so
//! that the first failing step names the error.
//!
//! Opening is split into the stages a node needs: [`ParsedEnvelope::parse`] (steps 1–2),
//! [`ParsedEnvelope::verify`] (steps 3–6, after which the sender is authenticated) and
//! [`VerifiedEnvelope::decrypt`] (steps 7–9, with 7a). Step 10, "the id was not seen before", needs
//! memory of earlier messages; [`open`] leaves it to the caller, and [`SeenIds`] provides it for
//! a single process.

use std::collections::HashMap;
use std::fmt;

use hpke::{Deserializable, Serializable};
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM};
use ring::digest::{digest, SHA256};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

use crate::b64;
use crate::body::{Body, Kind, Tlp, ValidationError};
use crate::directory::{AgencyKey, Directory};
use crate::id::{AgencyId, Kid, MessageId};
use crate::keys::{random_bytes, OpeningKeys, SecretKey, WrapKey, XWing, PQ_ALG, PQ_ENC_BYTES};
use crate::time::Timestamp;

/// The only suite of version 1.
pub const SUITE: &str = "ed25519/hpke-x25519-sha256-aes256gcm";
/// Largest envelope accepted (spec §4 step 1).
pub const MAX_ENVELOPE_BYTES: usize = 1024 * 1024;
/// How far in the future `created_at` may lie (spec §4 step 6).
pub const CREATED_AT_SKEW_SECONDS: i64 = 5 * 60;
/// Most recipients one envelope may name: a bound on the work one envelope can cause.
pub const MAX_RECIPIENTS: usize = 1000;
/// About what one X-Wing recipient entry adds to an envelope: 1120 bytes of `enc` and the rest
/// of the entry, in b64u inside a header that is itself b64u. Used only to explain a refusal.
const XWING_ENTRY_BYTES: usize = 2200;
const SIG_CONTEXT: &[u8] = b"jaring/v1 envelope\x00";
const CEK_INFO: &[u8] = b"jaring/v1 cek\x00";

/// The classical KEM, DHKEM(X25519, HKDF-SHA256); X-Wing is [`XWing`] (spec §8).
type HpkeKem = hpke::kem::X25519HkdfSha256;
type HpkeKdf = hpke::kdf::HkdfSha256;
type HpkeAead = hpke::aead::AesGcm256;

/// The error codes of spec §4, plus two of jaring's own: `subject-mismatch`, which a node uses
/// for an envelope published on a subject whose sender token differs from the envelope's
/// sender, and `undeliverable`, for a message the node could not store by its last delivery
/// (never sent in a receipt: the sender republishes what has no receipt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// Larger than 1 MiB.
    TooLarge,
    /// Not JSON, or a field of the wrong form.
    Malformed,
    /// `v` is not 1.
    UnsupportedVersion,
    /// The sender is not in the directory.
    UnknownSender,
    /// The sender has no signing key with this kid.
    UnknownKey,
    /// The signing key is revoked.
    RevokedKey,
    /// `created_at` lies outside the key's validity.
    ExpiredKey,
    /// The signature does not verify.
    BadSignature,
    /// `created_at` is too far in the future.
    ClockSkew,
    /// `expires_at` is past.
    Expired,
    /// Not addressed to this agency's keys.
    NotARecipient,
    /// A classical key wrap for an agency whose key has an X-Wing half in the directory the
    /// envelope was made against (spec §4 step 7a).
    Downgrade,
    /// The key wrap or the payload does not decrypt.
    DecryptFailed,
    /// The body breaks the rules of its kind.
    InvalidBody,
    /// The id was seen before (with other content).
    Duplicate,
    /// Published on a subject whose sender token is not the envelope's sender.
    SubjectMismatch,
    /// Could not be stored by its last delivery (jaring's own; a node-local quarantine code).
    Undeliverable,
}

impl ErrorCode {
    /// Every code, in the order of the open steps.
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::TooLarge,
        ErrorCode::Malformed,
        ErrorCode::UnsupportedVersion,
        ErrorCode::UnknownSender,
        ErrorCode::UnknownKey,
        ErrorCode::RevokedKey,
        ErrorCode::ExpiredKey,
        ErrorCode::BadSignature,
        ErrorCode::ClockSkew,
        ErrorCode::Expired,
        ErrorCode::NotARecipient,
        ErrorCode::Downgrade,
        ErrorCode::DecryptFailed,
        ErrorCode::InvalidBody,
        ErrorCode::Duplicate,
        ErrorCode::SubjectMismatch,
        ErrorCode::Undeliverable,
    ];

    /// The wire name, e.g. `bad-signature`.
    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorCode::TooLarge => "too-large",
            ErrorCode::Malformed => "malformed",
            ErrorCode::UnsupportedVersion => "unsupported-version",
            ErrorCode::UnknownSender => "unknown-sender",
            ErrorCode::UnknownKey => "unknown-key",
            ErrorCode::RevokedKey => "revoked-key",
            ErrorCode::ExpiredKey => "expired-key",
            ErrorCode::BadSignature => "bad-signature",
            ErrorCode::ClockSkew => "clock-skew",
            ErrorCode::Expired => "expired",
            ErrorCode::NotARecipient => "not-a-recipient",
            ErrorCode::Downgrade => "downgrade",
            ErrorCode::DecryptFailed => "decrypt-failed",
            ErrorCode::InvalidBody => "invalid-body",
            ErrorCode::Duplicate => "duplicate",
            ErrorCode::SubjectMismatch => "subject-mismatch",
            ErrorCode::Undeliverable => "undeliverable",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ErrorCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown error code `{s}`"))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why an envelope was refused: the spec's code and a detail for people and logs. The detail
/// never holds decrypted content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {detail}")]
pub struct OpenError {
    /// The spec's error code.
    pub code: ErrorCode,
    /// What exactly failed.
    pub detail: String,
}

impl OpenError {
    /// An error with a code and a detail.
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
        }
    }
}

fn fail<T>(code: ErrorCode, detail: impl Into<String>) -> Result<T, OpenError> {
    Err(OpenError::new(code, detail))
}

/// Why a message could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// The body is not valid for its kind; nothing was sealed.
    #[error("invalid body: {0}")]
    InvalidBody(#[from] ValidationError),
    /// No recipients, too many, or one named twice.
    #[error("{0}")]
    Recipients(String),
    /// A recipient is not in the directory or has no usable key.
    #[error("recipient {0}: {1}")]
    Recipient(AgencyId, String),
    /// The sender's own key is not usable under this directory.
    #[error("sender: {0}")]
    Sender(String),
    /// The cryptographic library refused (should not happen with valid keys).
    #[error("encryption failed: {0}")]
    Crypto(String),
}

/// One recipient's entry in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientEntry {
    /// The recipient agency.
    pub agency: AgencyId,
    /// The key wrap: absent for X25519, `X-Wing` for the post-quantum hybrid (spec §8).
    /// Entries with another value are ignored by this implementation (spec §4 step 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// The kid of the encryption key the CEK is wrapped to.
    pub kid: Kid,
    /// b64u of the HPKE encapsulated key (32 bytes, or 1120 for X-Wing).
    pub enc: String,
    /// b64u of the 48-byte HPKE ciphertext of the CEK.
    pub wrapped: String,
}

/// The key wraps a recipient entry can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrapAlg {
    /// No `alg` (or `"X25519"`, which names the same wrap): DHKEM(X25519).
    X25519,
    /// `"X-Wing"`.
    XWing,
    /// Any other value: the entry is ignored.
    Unknown,
}

impl RecipientEntry {
    /// The key wrap this entry uses.
    pub fn wrap_alg(&self) -> WrapAlg {
        match self.alg.as_deref() {
            None | Some("X25519") => WrapAlg::X25519,
            Some(PQ_ALG) => WrapAlg::XWing,
            Some(_) => WrapAlg::Unknown,
        }
    }
}

/// The envelope header (spec §4), with every field checked for form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The message id.
    pub id: MessageId,
    /// The kind of body.
    pub kind: Kind,
    /// The sending agency.
    pub sender: AgencyId,
    /// The kid of the signing key.
    pub sender_kid: Kid,
    /// When it was sealed.
    pub created_at: Timestamp,
    /// When it stops being valid, if ever.
    pub expires_at: Option<Timestamp>,
    /// TLP marking.
    pub tlp: Tlp,
    /// Earlier messages this one updates, cancels, answers or acknowledges.
    pub refs: Vec<MessageId>,
    /// The directory serial the sender sealed under.
    pub directory_serial: u64,
    /// The algorithm suite.
    pub suite: String,
    /// b64u of the 12-byte AES-GCM nonce.
    pub nonce: String,
    /// One entry per recipient agency.
    pub recipients: Vec<RecipientEntry>,
}

impl Header {
    /// The recipient agencies, in header order.
    pub fn recipient_ids(&self) -> impl Iterator<Item = &AgencyId> {
        self.recipients.iter().map(|r| &r.agency)
    }

    fn check_form(&self) -> Result<[u8; 12], OpenError> {
        if self.suite != SUITE {
            return fail(
                ErrorCode::Malformed,
                format!("header.suite `{}` is not {SUITE}", self.suite),
            );
        }
        let nonce = b64::decode_array::<12>(&self.nonce).ok_or_else(|| {
            OpenError::new(
                ErrorCode::Malformed,
                "header.nonce must be b64u of 12 bytes",
            )
        })?;
        if self.recipients.is_empty() || self.recipients.len() > MAX_RECIPIENTS {
            return fail(
                ErrorCode::Malformed,
                format!("header.recipients must hold 1 to {MAX_RECIPIENTS} entries"),
            );
        }
        for (i, r) in self.recipients.iter().enumerate() {
            // An entry of a wrap this implementation does not know is ignored (step 7), its
            // fields unchecked, and does not count as naming its agency: a later implementation
            // may list an agency under a new wrap and a known one side by side.
            let enc_len = match r.wrap_alg() {
                WrapAlg::X25519 => 32,
                WrapAlg::XWing => PQ_ENC_BYTES,
                WrapAlg::Unknown => continue,
            };
            if b64::decode(&r.enc).is_none_or(|enc| enc.len() != enc_len) {
                return fail(
                    ErrorCode::Malformed,
                    format!("header.recipients[{i}].enc must be b64u of {enc_len} bytes"),
                );
            }
            if b64::decode_array::<48>(&r.wrapped).is_none() {
                return fail(
                    ErrorCode::Malformed,
                    format!("header.recipients[{i}].wrapped must be b64u of 48 bytes"),
                );
            }
            let twice = self.recipients[..i]
                .iter()
                .any(|o| o.agency == r.agency && o.wrap_alg() != WrapAlg::Unknown);
            if twice {
                return fail(
                    ErrorCode::Malformed,
                    format!("header.recipients names {} twice", r.agency),
                );
            }
        }
        Ok(nonce)
    }
}

/// The outer JSON object. Every field is optional here so that `v` is judged before the others.
#[derive(Deserialize)]
struct Outer {
    v: Option<Value>,
    header: Option<Value>,
    payload: Option<Value>,
    sig: Option<Value>,
}

#[derive(Serialize)]
struct OuterOut<'a> {
    v: u8,
    header: &'a str,
    payload: &'a str,
    sig: &'a str,
}

/// Steps 1–2 passed: the envelope is well formed. Nothing in it is authenticated yet.
#[derive(Debug, Clone)]
pub struct ParsedEnvelope {
    header: Header,
    header_bytes: Vec<u8>,
    payload: Vec<u8>,
    sig: [u8; 64],
    nonce: [u8; 12],
    digest: [u8; 32],
}

/// SHA-256 of envelope bytes, as the audit log and receipts name them.
pub fn envelope_digest(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest(&SHA256, bytes).as_ref());
    out
}

fn b64_field(value: Option<Value>, name: &str) -> Result<Vec<u8>, OpenError> {
    match value {
        Some(Value::String(s)) => b64::decode(&s)
            .ok_or_else(|| OpenError::new(ErrorCode::Malformed, format!("{name} is not b64u"))),
        Some(_) => fail(ErrorCode::Malformed, format!("{name} must be a string")),
        None => fail(ErrorCode::Malformed, format!("{name} is missing")),
    }
}

fn signing_input(header_bytes: &[u8], payload: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(SIG_CONTEXT.len() + 8 + header_bytes.len() + payload.len());
    input.extend_from_slice(SIG_CONTEXT);
    input.extend_from_slice(&(header_bytes.len() as u64).to_be_bytes());
    input.extend_from_slice(header_bytes);
    input.extend_from_slice(payload);
    input
}

fn cek_info(id: &MessageId, sender: &AgencyId, recipient: &AgencyId) -> Vec<u8> {
    let mut info = CEK_INFO.to_vec();
    info.extend_from_slice(id.to_string().as_bytes());
    info.push(0);
    info.extend_from_slice(sender.as_str().as_bytes());
    info.push(0);
    info.extend_from_slice(recipient.as_str().as_bytes());
    info
}

impl ParsedEnvelope {
    /// Steps 1 and 2: size, JSON, version, and the form of every header field.
    pub fn parse(bytes: &[u8]) -> Result<Self, OpenError> {
        if bytes.len() > MAX_ENVELOPE_BYTES {
            return fail(
                ErrorCode::TooLarge,
                format!("{} bytes, the limit is {MAX_ENVELOPE_BYTES}", bytes.len()),
            );
        }
        let outer: Outer = serde_json::from_slice(bytes).map_err(|e| {
            OpenError::new(ErrorCode::Malformed, format!("not an envelope object: {e}"))
        })?;
        match outer.v {
            Some(Value::Number(n)) if n.as_u64() == Some(1) => {}
            Some(Value::Number(n)) => {
                return fail(
                    ErrorCode::UnsupportedVersion,
                    format!("version {n}, this node reads version 1"),
                )
            }
            Some(_) => return fail(ErrorCode::Malformed, "v must be a number"),
            None => return fail(ErrorCode::Malformed, "v is missing"),
        }
        let header_bytes = b64_field(outer.header, "header")?;
        let payload = b64_field(outer.payload, "payload")?;
        let sig: [u8; 64] = b64_field(outer.sig, "sig")?
            .try_into()
            .map_err(|_| OpenError::new(ErrorCode::Malformed, "sig must be 64 bytes"))?;
        if payload.len() < 16 {
            return fail(
                ErrorCode::Malformed,
                "payload is shorter than the AES-GCM tag",
            );
        }
        let header: Header = serde_json::from_slice(&header_bytes)
            .map_err(|e| OpenError::new(ErrorCode::Malformed, format!("header: {e}")))?;
        let nonce = header.check_form()?;
        Ok(Self {
            header,
            header_bytes,
            payload,
            sig,
            nonce,
            digest: envelope_digest(bytes),
        })
    }

    /// The header as parsed. Not authenticated: act on nothing in it before [`Self::verify`].
    pub fn unverified_header(&self) -> &Header {
        &self.header
    }

    /// SHA-256 of the envelope bytes.
    pub fn digest(&self) -> &[u8; 32] {
        &self.digest
    }

    /// Skips steps 3–6 for an envelope that this node verified when it arrived and has kept in
    /// its own store since (or sealed itself), so that it can still be shown after the
    /// sender's key was rotated or revoked. Never use it on bytes from the network.
    ///
    /// Step 7a is skipped as well: the envelope was accepted, or sealed, under the directory of
    /// its day, and a later directory listing an X-Wing key does not make it a downgrade.
    pub fn assume_verified_from_own_store(self) -> VerifiedEnvelope {
        VerifiedEnvelope {
            inner: self,
            downgrades: Vec::new(),
        }
    }

    /// Steps 3–6: the sender and its key under `directory`, the signature, and the times.
    pub fn verify(
        self,
        directory: &Directory,
        now: Timestamp,
    ) -> Result<VerifiedEnvelope, OpenError> {
        let h = &self.header;
        let agency = directory.agency(&h.sender).ok_or_else(|| {
            OpenError::new(
                ErrorCode::UnknownSender,
                format!(
                    "{} is not in directory serial {}",
                    h.sender, directory.serial
                ),
            )
        })?;
        let key: &AgencyKey = agency.signing_key(&h.sender_kid).ok_or_else(|| {
            OpenError::new(
                ErrorCode::UnknownKey,
                format!("{} has no signing key {}", h.sender, h.sender_kid),
            )
        })?;
        if key.is_revoked(h.created_at, now) {
            return fail(
                ErrorCode::RevokedKey,
                format!("key {} of {} was revoked", h.sender_kid, h.sender),
            );
        }
        if !key.covers(h.created_at) {
            return fail(
                ErrorCode::ExpiredKey,
                format!(
                    "created_at {} is outside the key's validity {} to {}",
                    h.created_at, key.not_before, key.not_after
                ),
            );
        }
        if !key
            .sign
            .verify(&signing_input(&self.header_bytes, &self.payload), &self.sig)
        {
            return fail(
                ErrorCode::BadSignature,
                format!("signature by {} does not verify", h.sender),
            );
        }
        if h.created_at > now.plus_seconds(CREATED_AT_SKEW_SECONDS) {
            return Err(VerifiedEnvelope::rejected(
                ErrorCode::ClockSkew,
                format!("created_at {} is in the future", h.created_at),
            ));
        }
        if let Some(expires) = h.expires_at {
            if expires <= now {
                return Err(VerifiedEnvelope::rejected(
                    ErrorCode::Expired,
                    format!("expired at {expires}"),
                ));
            }
        }
        let downgrades = downgrades(h, directory);
        Ok(VerifiedEnvelope {
            inner: self,
            downgrades,
        })
    }
}

/// What step 7a needs of the directory held, found while it is at hand (step 3): each
/// classical entry of the header whose key, in that directory, has an X-Wing half, when the
/// envelope was made against that directory or a later one. Nearly always empty.
fn downgrades(h: &Header, held: &Directory) -> Vec<Downgraded> {
    if h.directory_serial < held.serial {
        return Vec::new();
    }
    h.recipients
        .iter()
        .filter(|r| r.wrap_alg() == WrapAlg::X25519)
        .filter_map(|r| {
            let key = held.agency(&r.agency)?.encryption_key(&r.kid)?;
            key.pq.as_ref().map(|pq| Downgraded {
                kid: r.kid.clone(),
                pq_kid: pq.kid().clone(),
                serial: held.serial,
            })
        })
        .collect()
}

/// A classical entry that step 7a refuses.
#[derive(Debug, Clone)]
struct Downgraded {
    /// The X25519 kid the entry wraps to.
    kid: Kid,
    /// The X-Wing kid listed beside it.
    pq_kid: Kid,
    /// The serial of the directory that lists it.
    serial: u64,
}

/// Steps 1–6 passed: the header is authentic and current.
#[derive(Debug, Clone)]
pub struct VerifiedEnvelope {
    inner: ParsedEnvelope,
    downgrades: Vec<Downgraded>,
}

impl VerifiedEnvelope {
    fn rejected(code: ErrorCode, detail: String) -> OpenError {
        OpenError::new(code, detail)
    }

    /// The authenticated header.
    pub fn header(&self) -> &Header {
        &self.inner.header
    }

    /// The exact header bytes the sender signed.
    pub fn header_bytes(&self) -> &[u8] {
        &self.inner.header_bytes
    }

    /// SHA-256 of the envelope bytes.
    pub fn digest(&self) -> &[u8; 32] {
        &self.inner.digest
    }

    /// Steps 7–9: find this agency's entry, refuse a downgrade (7a), unwrap the CEK, decrypt
    /// and validate the body.
    pub fn decrypt(&self, me: &AgencyId, keys: &OpeningKeys) -> Result<Opened, OpenError> {
        let h = &self.inner.header;
        let info = cek_info(&h.id, &h.sender, me);
        // Step 7: an entry for this agency, of a known wrap, naming a key of that wrap held
        // here. check_form allows one entry of a known wrap per agency.
        let mine = h
            .recipients
            .iter()
            .filter(|r| &r.agency == me)
            .find(|r| r.wrap_alg() != WrapAlg::Unknown);
        let cek = match mine.map(|entry| (entry, entry.wrap_alg())) {
            Some((entry, WrapAlg::X25519)) => {
                let Some(key) = keys
                    .x25519
                    .iter()
                    .find(|k| k.encryption_key().kid() == &entry.kid)
                else {
                    return not_a_recipient(me);
                };
                if let Some(d) = self.downgrades.iter().find(|d| d.kid == entry.kid) {
                    return fail(
                        ErrorCode::Downgrade,
                        format!(
                            "a classical key wrap to {me}'s key {}, which directory serial {} \
                             lists with the X-Wing key {}, in an envelope made against serial {}",
                            d.kid, d.serial, d.pq_kid, h.directory_serial
                        ),
                    );
                }
                let sk =
                    <HpkeKem as hpke::Kem>::PrivateKey::from_bytes(key.secret()).map_err(|_| {
                        OpenError::new(ErrorCode::DecryptFailed, "this agency's key is not usable")
                    })?;
                unwrap_cek::<HpkeKem>(entry, &sk, &info)?
            }
            Some((entry, WrapAlg::XWing)) => {
                let Some(key) = keys
                    .xwing
                    .iter()
                    .find(|k| k.encryption_key().kid() == &entry.kid)
                else {
                    return not_a_recipient(me);
                };
                unwrap_cek::<XWing>(entry, key.hpke(), &info)?
            }
            _ => return not_a_recipient(me),
        };
        let body_bytes = Zeroizing::new(decrypt_payload(
            &cek,
            &self.inner.nonce,
            &self.inner.header_bytes,
            &self.inner.payload,
        )?);
        let body = Body::from_bytes(h.kind, &body_bytes, &h.refs)
            .map_err(|e| OpenError::new(ErrorCode::InvalidBody, e.to_string()))?;
        Ok(Opened {
            header: h.clone(),
            header_bytes: self.inner.header_bytes.clone(),
            body,
            digest: self.inner.digest,
        })
    }
}

fn not_a_recipient<T>(me: &AgencyId) -> Result<T, OpenError> {
    fail(
        ErrorCode::NotARecipient,
        format!("no recipient entry for {me} with one of its keys"),
    )
}

/// Step 8's key unwrap, with the KEM the entry names. X-Wing decapsulation never fails by
/// itself (implicit rejection): a damaged `enc` gives a wrong shared secret, and the AEAD open
/// of `wrapped` is what fails.
fn unwrap_cek<K: hpke::Kem>(
    entry: &RecipientEntry,
    sk: &K::PrivateKey,
    info: &[u8],
) -> Result<Zeroizing<[u8; 32]>, OpenError> {
    let decrypt_failed = |what: &str| OpenError::new(ErrorCode::DecryptFailed, what.to_string());
    let enc_bytes = b64::decode(&entry.enc).unwrap_or_default();
    let wrapped = b64::decode(&entry.wrapped).unwrap_or_default();
    let encapped = K::EncappedKey::from_bytes(&enc_bytes)
        .map_err(|_| decrypt_failed("the encapsulated key is not valid"))?;
    let plain = Zeroizing::new(
        hpke::single_shot_open::<HpkeAead, HpkeKdf, K>(
            &hpke::OpModeR::Base,
            sk,
            &encapped,
            info,
            &wrapped,
            &[],
        )
        .map_err(|_| decrypt_failed("the key wrap does not open"))?,
    );
    let cek: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| decrypt_failed("the wrapped key is not 32 bytes"))?;
    Ok(Zeroizing::new(cek))
}

fn decrypt_payload(
    cek: &[u8; 32],
    nonce: &[u8; 12],
    aad: &[u8],
    payload: &[u8],
) -> Result<Vec<u8>, OpenError> {
    let failed = || OpenError::new(ErrorCode::DecryptFailed, "the payload does not decrypt");
    let key = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, cek).map_err(|_| failed())?);
    let mut buf = payload.to_vec();
    let plain_len = key
        .open_in_place(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            &mut buf,
        )
        .map_err(|_| failed())?
        .len();
    buf.truncate(plain_len);
    Ok(buf)
}

/// An envelope that passed steps 1–9: authentic, addressed to us, decrypted and valid.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The authenticated header.
    pub header: Header,
    /// The exact header bytes that were signed.
    pub header_bytes: Vec<u8>,
    /// The validated body.
    pub body: Body,
    /// SHA-256 of the envelope bytes.
    pub digest: [u8; 32],
}

impl Opened {
    /// The `{"header":{...},"body":{...}}` form the CLI prints.
    pub fn to_json(&self) -> Value {
        let header: Value = serde_json::from_slice(&self.header_bytes).unwrap_or(Value::Null);
        serde_json::json!({ "header": header, "body": self.body.to_value() })
    }
}

/// What a receiver needs to open envelopes: who it is, its keys, and the directory.
pub struct Receiver<'a> {
    /// This agency.
    pub me: &'a AgencyId,
    /// This agency's decryption keys, X25519 and X-Wing (more than one during a rotation).
    pub keys: &'a OpeningKeys,
    /// The verified directory.
    pub directory: &'a Directory,
}

/// Steps 1–9 of spec §4 in order. Step 10 (duplicates) is the caller's: see [`SeenIds`].
pub fn open(bytes: &[u8], receiver: &Receiver<'_>, now: Timestamp) -> Result<Opened, OpenError> {
    ParsedEnvelope::parse(bytes)?
        .verify(receiver.directory, now)?
        .decrypt(receiver.me, receiver.keys)
}

/// Step 10 for one process: remembers the ids opened and the digest each arrived with.
#[derive(Debug, Default)]
pub struct SeenIds {
    seen: HashMap<MessageId, [u8; 32]>,
}

impl SeenIds {
    /// Records an opened message; any id seen before is a `duplicate` (spec §4 step 10). The
    /// detail says whether it is the very same envelope (a redelivery) or other content under
    /// a reused id (a replay or forgery), which a node may treat differently.
    pub fn check(&mut self, opened: &Opened) -> Result<(), OpenError> {
        match self.seen.get(&opened.header.id) {
            Some(d) if d == &opened.digest => fail(
                ErrorCode::Duplicate,
                format!(
                    "id {} was already received (same envelope)",
                    opened.header.id
                ),
            ),
            Some(_) => fail(
                ErrorCode::Duplicate,
                format!(
                    "id {} was already received with other content",
                    opened.header.id
                ),
            ),
            None => {
                self.seen.insert(opened.header.id, opened.digest);
                Ok(())
            }
        }
    }
}

/// What to seal: everything of the header a sender chooses, and the body.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The body (already validated for its kind).
    pub body: Body,
    /// TLP marking.
    pub tlp: Tlp,
    /// Earlier messages this one refers to.
    pub refs: Vec<MessageId>,
    /// When it stops being valid, if ever.
    pub expires_at: Option<Timestamp>,
    /// Recipient agencies.
    pub to: Vec<AgencyId>,
}

/// A sealed envelope, ready to publish.
#[derive(Debug, Clone)]
pub struct Sealed {
    /// Its header.
    pub header: Header,
    /// The envelope JSON bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes.
    pub digest: [u8; 32],
}

/// Seals a draft from `sender` to its recipients under `directory` (spec §4, sealing).
///
/// The sender's own key must be listed and usable in the directory, and each recipient must
/// have a usable encryption key: a message the recipients would refuse is not sealed at all.
pub fn seal(
    sender: &SecretKey,
    directory: &Directory,
    draft: Draft,
    now: Timestamp,
) -> Result<Sealed, SealError> {
    let me = AgencyId::parse(&sender.agency).map_err(|e| SealError::Sender(e.to_string()))?;
    let own = directory
        .agency(&me)
        .and_then(|a| a.signing_key(sender.sign.verifying_key().kid()))
        .ok_or_else(|| {
            SealError::Sender(format!(
                "{me}'s signing key is not in directory serial {}",
                directory.serial
            ))
        })?;
    if !own.usable_at(now) {
        return Err(SealError::Sender(format!(
            "{me}'s signing key is revoked or outside its validity"
        )));
    }
    if draft.to.is_empty() || draft.to.len() > MAX_RECIPIENTS {
        return Err(SealError::Recipients(format!(
            "name 1 to {MAX_RECIPIENTS} recipients"
        )));
    }
    let mut keys: Vec<(AgencyId, WrapKey)> = Vec::with_capacity(draft.to.len());
    for r in &draft.to {
        if keys.iter().any(|(a, _)| a == r) {
            return Err(SealError::Recipients(format!(
                "recipient {r} is named twice"
            )));
        }
        let agency = directory
            .agency(r)
            .ok_or_else(|| SealError::Recipient(r.clone(), "not in the directory".into()))?;
        let key = agency.current_key(now).ok_or_else(|| {
            SealError::Recipient(r.clone(), "has no usable encryption key".into())
        })?;
        // Spec §8: X-Wing for a recipient whose key entry has it, X25519 for the others.
        keys.push((r.clone(), key.wrap_key()));
    }
    // The body was validated when built, but the refs rule depends on this draft's refs.
    let body = Body::new(draft.body.kind(), draft.body.to_value(), &draft.refs)?;
    craft::seal_bytes(
        sender,
        craft::Parts {
            id: MessageId::new(),
            kind: body.kind(),
            sender: me,
            directory_serial: directory.serial,
            created_at: now,
            expires_at: draft.expires_at,
            tlp: draft.tlp,
            refs: draft.refs,
            body: body.to_bytes(),
            recipients: keys,
        },
    )
}

/// Low-level building blocks for making envelopes, including faulty ones: the committed test
/// vectors, interoperability tests and the node's bad-input tests use them. They check nothing
/// about the body or the directory; applications use [`seal`].
pub mod craft {
    use super::*;

    /// Everything that goes into one envelope.
    #[derive(Debug, Clone)]
    pub struct Parts {
        /// Message id.
        pub id: MessageId,
        /// Kind.
        pub kind: Kind,
        /// Sender agency (the header's `sender`).
        pub sender: AgencyId,
        /// Directory serial.
        pub directory_serial: u64,
        /// Creation time.
        pub created_at: Timestamp,
        /// Expiry.
        pub expires_at: Option<Timestamp>,
        /// TLP.
        pub tlp: Tlp,
        /// References.
        pub refs: Vec<MessageId>,
        /// Body bytes, encrypted as given.
        pub body: Vec<u8>,
        /// Recipients and the keys to wrap to (an entry gets `"alg":"X-Wing"` for an X-Wing key).
        pub recipients: Vec<(AgencyId, WrapKey)>,
    }

    /// The signature input of spec §4 step 5.
    pub fn signature_input(header_bytes: &[u8], payload: &[u8]) -> Vec<u8> {
        signing_input(header_bytes, payload)
    }

    /// Assembles the envelope JSON from its parts.
    pub fn assemble(header_bytes: &[u8], payload: &[u8], sig: &[u8]) -> Vec<u8> {
        serde_json::to_vec(&OuterOut {
            v: 1,
            header: &b64::encode(header_bytes),
            payload: &b64::encode(payload),
            sig: &b64::encode(sig),
        })
        .unwrap_or_default()
    }

    /// Signs header and payload with `sender`'s key and assembles the envelope.
    pub fn sign_and_assemble(sender: &SecretKey, header_bytes: &[u8], payload: &[u8]) -> Vec<u8> {
        assemble(
            header_bytes,
            payload,
            &sender.sign.sign(&signing_input(header_bytes, payload)),
        )
    }

    /// Seals `parts` exactly as spec §4 says, signing with `sender`'s key.
    pub fn seal_bytes(sender: &SecretKey, parts: Parts) -> Result<Sealed, SealError> {
        seal_bytes_with(sender, parts, |_| {})
    }

    /// As [`seal_bytes`], with `edit` given the recipient entries before the header is
    /// written, encrypted against and signed: to make an envelope with entries no sealer
    /// makes (one of an algorithm this implementation does not know, say) that still opens.
    pub fn seal_bytes_with(
        sender: &SecretKey,
        parts: Parts,
        edit: impl FnOnce(&mut Vec<RecipientEntry>),
    ) -> Result<Sealed, SealError> {
        let cek = random_bytes::<32>();
        let nonce = random_bytes::<12>();
        let mut entries = Vec::with_capacity(parts.recipients.len());
        for (agency, key) in &parts.recipients {
            let info = cek_info(&parts.id, &parts.sender, agency);
            let (alg, (enc, wrapped)) = match key {
                WrapKey::X25519(key) => {
                    let pk = <HpkeKem as hpke::Kem>::PublicKey::from_bytes(key.bytes())
                        .map_err(|e| SealError::Crypto(e.to_string()))?;
                    (None, wrap_cek::<HpkeKem>(&pk, &info, &cek)?)
                }
                WrapKey::XWing(key) => (
                    Some(PQ_ALG.to_owned()),
                    wrap_cek::<XWing>(key.hpke(), &info, &cek)?,
                ),
            };
            entries.push(RecipientEntry {
                agency: agency.clone(),
                alg,
                kid: key.kid().clone(),
                enc: b64::encode(&enc),
                wrapped: b64::encode(&wrapped),
            });
        }
        edit(&mut entries);
        let header = Header {
            id: parts.id,
            kind: parts.kind,
            sender: parts.sender,
            sender_kid: sender.sign.verifying_key().kid().clone(),
            created_at: parts.created_at,
            expires_at: parts.expires_at,
            tlp: parts.tlp,
            refs: parts.refs,
            directory_serial: parts.directory_serial,
            suite: SUITE.into(),
            nonce: b64::encode(nonce.as_ref()),
            recipients: entries,
        };
        let header_bytes =
            serde_json::to_vec(&header).map_err(|e| SealError::Crypto(e.to_string()))?;
        let key = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, cek.as_ref())
                .map_err(|_| SealError::Crypto("AES key".into()))?,
        );
        let mut payload = parts.body;
        key.seal_in_place_append_tag(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(&header_bytes),
            &mut payload,
        )
        .map_err(|_| SealError::Crypto("AES-GCM seal".into()))?;
        let bytes = sign_and_assemble(sender, &header_bytes, &payload);
        let pq = parts.recipients.iter().filter(|(_, k)| k.is_pq()).count();
        if bytes.len() > MAX_ENVELOPE_BYTES && pq * XWING_ENTRY_BYTES > MAX_ENVELOPE_BYTES / 2 {
            return Err(SealError::Recipients(format!(
                "the sealed envelope would be {} bytes, over the limit of {MAX_ENVELOPE_BYTES}: \
                 each of its {pq} X-Wing recipients takes about {XWING_ENTRY_BYTES} bytes; \
                 send it to at most {} of them at once",
                bytes.len(),
                MAX_ENVELOPE_BYTES / XWING_ENTRY_BYTES
            )));
        }
        if bytes.len() > MAX_ENVELOPE_BYTES {
            return Err(SealError::InvalidBody(ValidationError {
                path: "body".into(),
                rule: format!("the sealed envelope would exceed {MAX_ENVELOPE_BYTES} bytes"),
            }));
        }
        Ok(Sealed {
            digest: envelope_digest(&bytes),
            header,
            bytes,
        })
    }

    /// Step 2's key wrap for one recipient, with the KEM of its key: `(enc, wrapped)`.
    fn wrap_cek<K: hpke::Kem>(
        pk: &K::PublicKey,
        info: &[u8],
        cek: &[u8; 32],
    ) -> Result<(Vec<u8>, Vec<u8>), SealError> {
        let (encapped, wrapped) = hpke::single_shot_seal::<HpkeAead, HpkeKdf, K>(
            &hpke::OpModeS::Base,
            pk,
            info,
            cek,
            &[],
        )
        .map_err(|e| SealError::Crypto(e.to_string()))?;
        Ok((encapped.to_bytes().to_vec(), wrapped))
    }
}
