//! Message kinds and bodies (spec §5), with validation whose errors name the field and the rule
//! (`to.lat: must be between -90 and 90`), so that whoever fills a form knows what to fix.
//!
//! Bodies stay JSON objects: unknown fields are kept (and ignored) so that a newer sender's
//! additions survive. Typed views ([`AlertBody`], [`ReferralBody`], ...) are for code that reads
//! or builds bodies; validation is done on the JSON itself so its errors can point at any path.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::country::is_country_code;
use crate::envelope::ErrorCode;
use crate::id::MessageId;
use crate::time::Timestamp;

/// Most items one receipt may carry (spec §5).
pub const MAX_RECEIPT_ITEMS: usize = 1000;

/// A kind of message (the header's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A scam compound moved.
    CompoundRelocationAlert,
    /// A full replacement of an earlier alert.
    AlertUpdate,
    /// Withdraws an earlier alert.
    AlertCancel,
    /// A victim identified, referred to their consulate or a support agency.
    VictimReferral,
    /// The receiving agency's progress on a referral.
    ReferralStatus,
    /// Delivery receipts.
    Receipt,
}

/// The subject family a kind travels in (spec §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Alert kinds.
    Alert,
    /// Referral kinds.
    Referral,
    /// Receipts.
    Receipt,
    /// Audit checkpoints (not envelopes).
    Checkpoint,
}

impl Family {
    /// The subject token.
    pub fn as_str(&self) -> &'static str {
        match self {
            Family::Alert => "alert",
            Family::Referral => "referral",
            Family::Receipt => "receipt",
            Family::Checkpoint => "checkpoint",
        }
    }

    /// Parses a subject token.
    pub fn parse(token: &str) -> Option<Self> {
        [
            Family::Alert,
            Family::Referral,
            Family::Receipt,
            Family::Checkpoint,
        ]
        .into_iter()
        .find(|f| f.as_str() == token)
    }
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [
        Kind::CompoundRelocationAlert,
        Kind::AlertUpdate,
        Kind::AlertCancel,
        Kind::VictimReferral,
        Kind::ReferralStatus,
        Kind::Receipt,
    ];

    /// The wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::CompoundRelocationAlert => "compound-relocation-alert",
            Kind::AlertUpdate => "alert-update",
            Kind::AlertCancel => "alert-cancel",
            Kind::VictimReferral => "victim-referral",
            Kind::ReferralStatus => "referral-status",
            Kind::Receipt => "receipt",
        }
    }

    /// The subject family this kind is published in.
    pub fn family(&self) -> Family {
        match self {
            Kind::CompoundRelocationAlert | Kind::AlertUpdate | Kind::AlertCancel => Family::Alert,
            Kind::VictimReferral | Kind::ReferralStatus => Family::Referral,
            Kind::Receipt => Family::Receipt,
        }
    }

    /// The TLP a sender uses when none is given: referrals name people, so they default to RED.
    pub fn default_tlp(&self) -> Tlp {
        match self.family() {
            Family::Referral => Tlp::Red,
            Family::Receipt => Tlp::Green,
            _ => Tlp::Amber,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(Kind::as_str).collect();
                format!("unknown kind `{s}`; expected one of {}", names.join(", "))
            })
    }
}

/// Traffic Light Protocol 2.0 marking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tlp {
    /// May be shared without restriction.
    #[serde(rename = "CLEAR")]
    Clear,
    /// Within the community.
    #[serde(rename = "GREEN")]
    Green,
    /// Within recipients' organisations and their clients on a need-to-know basis.
    #[serde(rename = "AMBER")]
    Amber,
    /// Within recipients' organisations only.
    #[serde(rename = "AMBER+STRICT")]
    AmberStrict,
    /// For the named recipients only.
    #[serde(rename = "RED")]
    Red,
}

impl Tlp {
    /// The wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Tlp::Clear => "CLEAR",
            Tlp::Green => "GREEN",
            Tlp::Amber => "AMBER",
            Tlp::AmberStrict => "AMBER+STRICT",
            Tlp::Red => "RED",
        }
    }
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Tlp {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Tlp::Clear,
            Tlp::Green,
            Tlp::Amber,
            Tlp::AmberStrict,
            Tlp::Red,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
        .ok_or_else(|| {
            format!("unknown TLP `{s}`; expected CLEAR, GREEN, AMBER, AMBER+STRICT or RED")
        })
    }
}

/// A body that breaks a rule: which field, and which rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {rule}")]
pub struct ValidationError {
    /// The field, as a dotted path with list indexes (`indicators[1].type`); `refs` for the
    /// header's references, `body` for the whole body.
    pub path: String,
    /// The rule it breaks.
    pub rule: String,
}

/// A validated body of a known kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    kind: Kind,
    fields: Map<String, Value>,
}

impl Body {
    /// Validates a JSON body for `kind`, including the rules on the header's `refs` that the
    /// kind implies (an update, cancel or status names exactly one earlier message; a receipt
    /// names none).
    pub fn new(kind: Kind, value: Value, refs: &[MessageId]) -> Result<Self, ValidationError> {
        let Value::Object(fields) = value else {
            return Err(err("body", "must be a JSON object"));
        };
        validate(kind, &fields, refs)?;
        Ok(Self { kind, fields })
    }

    /// Parses and validates body bytes.
    pub fn from_bytes(
        kind: Kind,
        bytes: &[u8],
        refs: &[MessageId],
    ) -> Result<Self, ValidationError> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| err("body", format!("must be JSON: {e}")))?;
        crate::json::check_unique_names(bytes)
            .map_err(|_| err("body", "must not name a member twice in one object"))?;
        Self::new(kind, value, refs)
    }

    /// Validates a typed body.
    pub fn from_typed<T: Serialize>(
        kind: Kind,
        body: &T,
        refs: &[MessageId],
    ) -> Result<Self, ValidationError> {
        let value = serde_json::to_value(body).map_err(|e| err("body", e.to_string()))?;
        Self::new(kind, value, refs)
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The JSON fields, unknown ones included.
    pub fn fields(&self) -> &Map<String, Value> {
        &self.fields
    }

    /// The body as a JSON value.
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }

    /// The compact JSON bytes that are encrypted.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.fields).unwrap_or_default()
    }

    /// A typed view; validation already guaranteed it parses.
    pub fn typed<T: for<'de> Deserialize<'de>>(&self) -> Result<T, ValidationError> {
        serde_json::from_value(self.to_value()).map_err(|e| err("body", e.to_string()))
    }
}

/// A place: country, with optional name and coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Town or site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Latitude in [-90, 90].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude in [-180, 180].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// The radius in metres within which the position is known, 0 to 1,000,000 (revision
    /// 2026-11-26).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision_m: Option<u32>,
    /// Province, state or district (revision 2026-11-26).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
}

/// The largest `precision_m` a place may carry.
pub const MAX_PRECISION_M: u32 = 1_000_000;

/// An optional list written as `null`: validation takes `null` for absent, so the typed view
/// must read it as empty, or a body that passed validation would fail to show (found by the
/// `body_shapes` fuzz target; fuzz/regressions/body_shapes).
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A compound's name and aliases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Compound {
    /// The name it is known by.
    pub name: String,
    /// Other names.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aliases: Vec<String>,
    /// The network-wide reference (revision 2026-11-26): a lowercase hyphenated UUID chosen by
    /// the first agency that reports the compound and repeated by every later alert about it.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// A technical indicator tied to a compound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// One of [`INDICATOR_TYPES`].
    #[serde(rename = "type")]
    pub kind: String,
    /// The value, as the sender wrote it.
    pub value: String,
    /// For `social-handle` and `phone`: one of [`PLATFORMS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// For `crypto-wallet`: one of [`CHAINS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    /// The asset moved (`USDT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// What the compound uses it for: one of [`INDICATOR_ROLES`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When it was first seen in use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
    /// When it was last seen in use (not before `first_seen`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Timestamp>,
}

/// Who runs, guards or fronts a compound (revision 2026-11-26).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operator {
    /// The name it is known by.
    pub name: String,
    /// Other names.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aliases: Vec<String>,
    /// One of [`OPERATOR_KINDS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// The kinds of indicator spec §5 allows (`email` since the revision of 2026-11-26).
pub const INDICATOR_TYPES: [&str; 8] = [
    "domain",
    "url",
    "phone",
    "crypto-wallet",
    "social-handle",
    "ip",
    "bank-account",
    "email",
];
/// The platforms a `social-handle` or `phone` indicator may name.
pub const PLATFORMS: [&str; 12] = [
    "telegram",
    "whatsapp",
    "line",
    "wechat",
    "signal",
    "viber",
    "zalo",
    "facebook",
    "instagram",
    "tiktok",
    "x",
    "other",
];
/// The chains a `crypto-wallet` indicator may name.
pub const CHAINS: [&str; 7] = [
    "bitcoin", "ethereum", "tron", "bsc", "polygon", "solana", "other",
];
/// What a compound uses an indicator for.
pub const INDICATOR_ROLES: [&str; 6] = [
    "recruitment",
    "contact",
    "scam",
    "payment",
    "laundering",
    "infrastructure",
];
/// The kinds of operator.
pub const OPERATOR_KINDS: [&str; 4] = ["syndicate", "armed-group", "company", "person"];
/// The kinds of scam a compound runs.
pub const SCAM_TYPES: [&str; 7] = [
    "romance-investment",
    "crypto-investment",
    "online-gambling",
    "impersonation",
    "job-scam",
    "sextortion",
    "other",
];
/// The attributes an indicator may carry after its value (revision 2026-11-26).
pub const INDICATOR_ATTRIBUTES: [&str; 6] = [
    "platform",
    "chain",
    "asset",
    "role",
    "first_seen",
    "last_seen",
];

/// Splits `HEAD, key=value, key=value` (as an officer types an indicator or an operator on one
/// line) into the head and the trailing pairs whose key is in `known`. It splits from the
/// right and stops at the first part that is not such a pair, so a value holding a comma (a
/// URL's query) stays whole.
pub fn trailing_attributes<'a>(
    text: &'a str,
    known: &[&str],
) -> (&'a str, Vec<(&'a str, &'a str)>) {
    let mut head = text;
    let mut attrs = Vec::new();
    while let Some((rest, tail)) = head.rsplit_once(',') {
        match tail.split_once('=') {
            Some((k, v)) if known.contains(&k.trim()) => {
                attrs.push((k.trim(), v.trim()));
                head = rest;
            }
            _ => break,
        }
    }
    attrs.reverse();
    (head.trim(), attrs)
}

/// An operator as an officer types it on one line: `NAME, alias=A, alias=B, kind=K`. The
/// result is a body's `operators` item, still to be validated with the body.
pub fn operator_from_line(text: &str) -> Value {
    let (name, attrs) = trailing_attributes(text, &["alias", "kind"]);
    let mut op = serde_json::json!({ "name": name });
    let aliases: Vec<&str> = attrs
        .iter()
        .filter(|(k, _)| *k == "alias")
        .map(|(_, v)| *v)
        .collect();
    if !aliases.is_empty() {
        op["aliases"] = serde_json::json!(aliases);
    }
    if let Some((_, kind)) = attrs.iter().find(|(k, _)| *k == "kind") {
        op["kind"] = (*kind).into();
    }
    op
}

/// The needs spec §5 allows in a referral.
pub const NEEDS: [&str; 7] = [
    "medical",
    "shelter",
    "legal",
    "repatriation",
    "interpretation",
    "psychosocial",
    "documents",
];
/// Referral statuses.
pub const STATUSES: [&str; 6] = [
    "received",
    "accepted",
    "declined",
    "in-progress",
    "repatriated",
    "closed",
];
const RELIABILITY: [&str; 6] = ["A", "B", "C", "D", "E", "F"];
const CREDIBILITY: [&str; 6] = ["1", "2", "3", "4", "5", "6"];
/// The risks spec §5 allows in a referral.
pub const RISKS: [&str; 3] = ["low", "medium", "high"];

/// `compound-relocation-alert` (and the full body of an `alert-update`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertBody {
    /// The compound.
    pub compound: Compound,
    /// Where it was.
    pub from: Place,
    /// Where it went.
    pub to: Place,
    /// When the move was observed.
    pub observed_at: Timestamp,
    /// Admiralty source reliability, `A`..`F`.
    pub source_reliability: String,
    /// Admiralty information credibility, `1`..`6`.
    pub info_credibility: String,
    /// How many people are held there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_persons: Option<u64>,
    /// Nationalities of those held.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub nationalities: Vec<String>,
    /// Domains, wallets, phones and the like.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub indicators: Vec<Indicator>,
    /// Who runs, guards or fronts the compound.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub operators: Vec<Operator>,
    /// What it runs: a subset of [`SCAM_TYPES`].
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub scam_types: Vec<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Consent given by the person referred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    /// Whether consent was given.
    pub given: bool,
    /// What it covers.
    pub scope: Vec<String>,
    /// Without consent, the lawful ground for sharing (spec revision 2026-11-26):
    /// `vital-interest`, `legal-obligation` or `public-interest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// The lawful grounds for a referral shared without consent (`consent.basis`).
pub const CONSENT_BASES: [&str; 3] = ["vital-interest", "legal-obligation", "public-interest"];

/// `victim-referral`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferralBody {
    /// The referring agency's pseudonymous case reference.
    pub case_ref: String,
    /// ISO 3166-1 alpha-2.
    pub nationality: String,
    /// When the person was identified.
    pub identified_at: Timestamp,
    /// Where.
    pub location: Place,
    /// Consent.
    pub consent: Consent,
    /// What they need.
    pub needs: Vec<String>,
    /// Whether the non-punishment principle applies.
    pub non_punishment: bool,
    /// `low`, `medium` or `high`.
    pub risk: String,
    /// Identity details: only what the case needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Map<String, Value>>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `referral-status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusBody {
    /// One of [`STATUSES`].
    pub status: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `alert-cancel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CancelBody {
    /// Why the alert is withdrawn.
    pub reason: String,
    /// Fields this version does not know, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Whether a message was delivered or refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptStatus {
    /// Stored by the recipient.
    Delivered,
    /// Refused, with an error code.
    Rejected,
}

/// One item of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptItem {
    /// The message this answers.
    pub of: MessageId,
    /// Delivered or rejected.
    pub status: ReceiptStatus,
    /// The error code, with `rejected` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorCode>,
}

/// `receipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptBody {
    /// 1 to 1,000 items.
    pub items: Vec<ReceiptItem>,
}

fn err(path: impl Into<String>, rule: impl Into<String>) -> ValidationError {
    ValidationError {
        path: path.into(),
        rule: rule.into(),
    }
}

fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// Reads fields of one JSON object, tracking the path for error messages. Optional fields
/// given as `null` count as absent.
struct Obj<'a> {
    path: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a> {
    fn of(path: &'a str, value: &'a Value) -> Result<Self, ValidationError> {
        match value {
            Value::Object(map) => Ok(Self { path, map }),
            _ => Err(err(path, "must be an object")),
        }
    }

    fn path(&self, field: &str) -> String {
        join(self.path, field)
    }

    fn optional(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    fn required(&self, field: &str) -> Result<&'a Value, ValidationError> {
        self.optional(field)
            .ok_or_else(|| err(self.path(field), "is required"))
    }

    fn text(&self, field: &str, required: bool) -> Result<Option<&'a str>, ValidationError> {
        let value = if required {
            Some(self.required(field)?)
        } else {
            self.optional(field)
        };
        match value {
            None => Ok(None),
            Some(Value::String(s)) if required && s.trim().is_empty() => {
                Err(err(self.path(field), "must not be empty"))
            }
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(err(self.path(field), "must be a string")),
        }
    }

    fn one_of(&self, field: &str, allowed: &[&str], required: bool) -> Result<(), ValidationError> {
        match self.text(field, required)? {
            Some(s) if !allowed.contains(&s) => Err(err(
                self.path(field),
                format!("must be one of {}", allowed.join(", ")),
            )),
            _ => Ok(()),
        }
    }

    fn time(&self, field: &str) -> Result<(), ValidationError> {
        let text = self.text(field, true)?.unwrap_or_default();
        Timestamp::parse(text)
            .map(drop)
            .map_err(|e| err(self.path(field), e.to_string()))
    }

    fn optional_time(&self, field: &str) -> Result<Option<Timestamp>, ValidationError> {
        match self.text(field, false)? {
            None => Ok(None),
            Some(text) => Timestamp::parse(text)
                .map(Some)
                .map_err(|e| err(self.path(field), e.to_string())),
        }
    }

    fn whole_up_to(&self, field: &str, max: u64) -> Result<(), ValidationError> {
        match self.optional(field) {
            None => Ok(()),
            Some(Value::Number(n)) if n.as_u64().is_some_and(|x| x <= max) => Ok(()),
            Some(_) => Err(err(
                self.path(field),
                format!("must be a whole number from 0 to {max}"),
            )),
        }
    }

    fn country(&self, field: &str) -> Result<(), ValidationError> {
        let code = self.text(field, true)?.unwrap_or_default();
        check_country(&self.path(field), code)
    }

    fn boolean(&self, field: &str) -> Result<(), ValidationError> {
        match self.required(field)? {
            Value::Bool(_) => Ok(()),
            _ => Err(err(self.path(field), "must be true or false")),
        }
    }

    fn list(&self, field: &str, required: bool) -> Result<&'a [Value], ValidationError> {
        let value = if required {
            Some(self.required(field)?)
        } else {
            self.optional(field)
        };
        match value {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(err(self.path(field), "must be a list")),
        }
    }

    fn number_in(&self, field: &str, min: f64, max: f64) -> Result<(), ValidationError> {
        match self.optional(field) {
            None => Ok(()),
            Some(Value::Number(n)) if n.as_f64().is_some_and(|x| (min..=max).contains(&x)) => {
                Ok(())
            }
            Some(Value::Number(_)) => Err(err(
                self.path(field),
                format!("must be between {min} and {max}"),
            )),
            Some(_) => Err(err(self.path(field), "must be a number")),
        }
    }
}

fn check_country(path: &str, code: &str) -> Result<(), ValidationError> {
    if is_country_code(code) {
        Ok(())
    } else {
        // The rule, never the value: a refusal's detail is kept and shown, and a value of a
        // referral (a nationality, say) is personal data.
        Err(err(path, "must be an ISO 3166-1 alpha-2 country code"))
    }
}

fn place(path: &str, value: &Value) -> Result<(), ValidationError> {
    let o = Obj::of(path, value)?;
    o.country("country")?;
    o.text("name", false)?;
    o.number_in("lat", -90.0, 90.0)?;
    o.number_in("lon", -180.0, 180.0)?;
    o.whole_up_to("precision_m", u64::from(MAX_PRECISION_M))?;
    o.text("admin", false).map(drop)
}

/// `compound.ref`: exactly the lowercase hyphenated form, so that two agencies' copies of one
/// reference compare equal as text.
fn compound_ref(o: &Obj<'_>) -> Result<(), ValidationError> {
    if let Some(r) = o.text("ref", false)? {
        let canonical = uuid::Uuid::parse_str(r)
            .map(|u| u.hyphenated().to_string())
            .ok();
        if canonical.as_deref() != Some(r) {
            return Err(err(
                o.path("ref"),
                "must be a UUID in lowercase hyphenated form",
            ));
        }
    }
    Ok(())
}

/// One indicator: `platform` only for handles and phones, `chain` only for wallets (spec §5
/// names them for those types; elsewhere they would mean nothing), times in order.
fn indicator(path: &str, item: &Value) -> Result<(), ValidationError> {
    let ind = Obj::of(path, item)?;
    ind.one_of("type", &INDICATOR_TYPES, true)?;
    ind.text("value", true)?;
    let kind = ind.text("type", true)?.unwrap_or_default();
    ind.one_of("platform", &PLATFORMS, false)?;
    if ind.optional("platform").is_some() && !matches!(kind, "social-handle" | "phone") {
        return Err(err(
            ind.path("platform"),
            "is allowed only for social-handle and phone",
        ));
    }
    ind.one_of("chain", &CHAINS, false)?;
    if ind.optional("chain").is_some() && kind != "crypto-wallet" {
        return Err(err(ind.path("chain"), "is allowed only for crypto-wallet"));
    }
    ind.text("asset", false)?;
    ind.one_of("role", &INDICATOR_ROLES, false)?;
    let first = ind.optional_time("first_seen")?;
    let last = ind.optional_time("last_seen")?;
    if let (Some(first), Some(last)) = (first, last) {
        if first > last {
            return Err(err(ind.path("first_seen"), "must not be after last_seen"));
        }
    }
    Ok(())
}

fn operator(path: &str, item: &Value) -> Result<(), ValidationError> {
    let op = Obj::of(path, item)?;
    op.text("name", true)?;
    strings(&op.path("aliases"), op.list("aliases", false)?, None, false)?;
    op.one_of("kind", &OPERATOR_KINDS, false)
}

fn strings(
    path: &str,
    items: &[Value],
    allowed: Option<&[&str]>,
    unique: bool,
) -> Result<(), ValidationError> {
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let Value::String(s) = item else {
            return Err(err(at, "must be a string"));
        };
        if s.trim().is_empty() {
            return Err(err(at, "must not be empty"));
        }
        if let Some(allowed) = allowed {
            if !allowed.contains(&s.as_str()) {
                return Err(err(at, format!("must be one of {}", allowed.join(", "))));
            }
        }
        if unique && items[..i].contains(item) {
            return Err(err(at, "repeats an earlier item"));
        }
    }
    Ok(())
}

fn alert(o: &Obj<'_>) -> Result<(), ValidationError> {
    let compound = Obj::of("compound", o.required("compound")?)?;
    compound.text("name", true)?;
    strings(
        "compound.aliases",
        compound.list("aliases", false)?,
        None,
        false,
    )?;
    compound_ref(&compound)?;
    place("from", o.required("from")?)?;
    place("to", o.required("to")?)?;
    o.time("observed_at")?;
    o.one_of("source_reliability", &RELIABILITY, true)?;
    o.one_of("info_credibility", &CREDIBILITY, true)?;
    if let Some(n) = o.optional("estimated_persons") {
        if n.as_u64().is_none() {
            return Err(err(
                "estimated_persons",
                "must be a whole number, 0 or more",
            ));
        }
    }
    for (i, code) in o.list("nationalities", false)?.iter().enumerate() {
        let at = format!("nationalities[{i}]");
        check_country(
            &at,
            code.as_str().ok_or_else(|| err(&at, "must be a string"))?,
        )?;
    }
    for (i, item) in o.list("indicators", false)?.iter().enumerate() {
        indicator(&format!("indicators[{i}]"), item)?;
    }
    for (i, item) in o.list("operators", false)?.iter().enumerate() {
        operator(&format!("operators[{i}]"), item)?;
    }
    strings(
        "scam_types",
        o.list("scam_types", false)?,
        Some(&SCAM_TYPES),
        true,
    )?;
    o.text("narrative", false).map(drop)
}

fn referral(o: &Obj<'_>) -> Result<(), ValidationError> {
    o.text("case_ref", true)?;
    o.country("nationality")?;
    o.time("identified_at")?;
    place("location", o.required("location")?)?;
    let consent = Obj::of("consent", o.required("consent")?)?;
    consent.boolean("given")?;
    // `basis` (revision 2026-11-26) names the lawful ground when consent was not given; a
    // basis beside consent given contradicts it.
    consent.one_of("basis", &CONSENT_BASES, false)?;
    if consent.optional("basis").is_some() && consent.optional("given") == Some(&Value::Bool(true))
    {
        return Err(err(
            "consent.basis",
            "must be absent when consent was given",
        ));
    }
    strings("consent.scope", consent.list("scope", true)?, None, false)?;
    strings("needs", o.list("needs", true)?, Some(&NEEDS), true)?;
    o.boolean("non_punishment")?;
    o.one_of("risk", &RISKS, true)?;
    if let Some(person) = o.optional("person") {
        let p = Obj::of("person", person)?;
        p.text("name", false)?;
        if let Some(dob) = p.text("date_of_birth", false)? {
            if chrono::NaiveDate::parse_from_str(dob, "%Y-%m-%d").is_err() || dob.len() != 10 {
                return Err(err(
                    "person.date_of_birth",
                    "must be a date like 1990-04-17",
                ));
            }
        }
        for (i, doc) in p.list("documents", false)?.iter().enumerate() {
            let path = format!("person.documents[{i}]");
            let d = Obj::of(&path, doc)?;
            d.text("type", true)?;
            d.text("number", true)?;
            if d.optional("country").is_some() {
                d.country("country")?;
            }
        }
    }
    o.text("notes", false).map(drop)
}

fn receipt(o: &Obj<'_>) -> Result<(), ValidationError> {
    let items = o.list("items", true)?;
    if items.is_empty() || items.len() > MAX_RECEIPT_ITEMS {
        return Err(err(
            "items",
            format!("must hold 1 to {MAX_RECEIPT_ITEMS} items"),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("items[{i}]");
        let it = Obj::of(&path, item)?;
        let of = it.text("of", true)?.unwrap_or_default();
        MessageId::parse(of).map_err(|e| err(it.path("of"), e.to_string()))?;
        it.one_of("status", &["delivered", "rejected"], true)?;
        let rejected = it.text("status", true)? == Some("rejected");
        match (rejected, it.optional("error")) {
            (true, None) => {
                return Err(err(it.path("error"), "is required when status is rejected"))
            }
            (false, Some(_)) => {
                return Err(err(
                    it.path("error"),
                    "is allowed only when status is rejected",
                ))
            }
            (true, Some(Value::String(code))) if code.parse::<ErrorCode>().is_err() => {
                return Err(err(it.path("error"), "must be an error code of spec §4"))
            }
            (true, Some(Value::String(_))) | (false, None) => {}
            (true, Some(_)) => return Err(err(it.path("error"), "must be a string")),
        }
    }
    Ok(())
}

fn refs_rule(kind: Kind, refs: &[MessageId]) -> Result<(), ValidationError> {
    match kind {
        Kind::AlertUpdate | Kind::AlertCancel | Kind::ReferralStatus if refs.len() != 1 => {
            Err(err(
                "refs",
                format!("{kind} must name exactly one earlier message"),
            ))
        }
        Kind::Receipt if !refs.is_empty() => Err(err("refs", "a receipt must have no refs")),
        _ => Ok(()),
    }
}

fn validate(
    kind: Kind,
    fields: &Map<String, Value>,
    refs: &[MessageId],
) -> Result<(), ValidationError> {
    let o = Obj {
        path: "",
        map: fields,
    };
    match kind {
        Kind::CompoundRelocationAlert | Kind::AlertUpdate => alert(&o)?,
        Kind::VictimReferral => referral(&o)?,
        Kind::ReferralStatus => {
            o.one_of("status", &STATUSES, true)?;
            o.text("notes", false)?;
        }
        Kind::AlertCancel => {
            o.text("reason", true)?;
        }
        Kind::Receipt => receipt(&o)?,
    }
    refs_rule(kind, refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn alert_json() -> Value {
        json!({
            "compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
            "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
            "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.68},
            "observed_at": "2026-11-20T06:00:00Z",
            "source_reliability": "B",
            "info_credibility": "2",
            "estimated_persons": 350,
            "nationalities": ["ID", "PH"],
            "indicators": [{"type": "domain", "value": "gf-invest.example", "first_seen": "2026-10-01T00:00:00Z"}],
            "operators": [{"name": "Example Holdings Group", "aliases": ["EHG"], "kind": "company"}],
            "scam_types": ["crypto-investment"],
            "x-future-field": {"kept": true}
        })
    }

    #[test]
    fn the_revision_fields_read_into_the_typed_view() {
        let mut body = alert_json();
        body["compound"]["ref"] = json!("0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e");
        body["to"]["precision_m"] = json!(1000);
        body["to"]["admin"] = json!("Oddar Meanchey");
        body["indicators"] = json!([{"type": "crypto-wallet", "value": "TQ4x", "chain": "tron",
            "asset": "USDT", "role": "payment", "first_seen": "2026-10-01T00:00:00Z",
            "last_seen": "2026-10-01T00:00:00Z"},
            {"type": "social-handle", "value": "@GoldenJobs", "platform": "telegram"}]);
        let typed: AlertBody = Body::new(Kind::CompoundRelocationAlert, body, &[])
            .unwrap()
            .typed()
            .unwrap();
        assert_eq!(
            typed.compound.reference.as_deref(),
            Some("0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e")
        );
        assert_eq!(typed.to.precision_m, Some(1000));
        assert_eq!(typed.indicators[0].chain.as_deref(), Some("tron"));
        assert_eq!(typed.indicators[1].platform.as_deref(), Some("telegram"));
        assert_eq!(typed.operators[0].kind.as_deref(), Some("company"));
        assert_eq!(typed.scam_types, ["crypto-investment"]);
        // A body written before the revision is as valid as ever.
        let mut old = alert_json();
        for field in ["operators", "scam_types"] {
            old.as_object_mut().unwrap().remove(field);
        }
        old["indicators"] = json!([{"type": "domain", "value": "gf-invest.example"}]);
        assert!(Body::new(Kind::CompoundRelocationAlert, old, &[]).is_ok());
    }

    fn rule_for(
        kind: Kind,
        mut body: Value,
        pointer: &str,
        value: Value,
        refs: &[MessageId],
    ) -> String {
        if let Some(slot) = body.pointer_mut(pointer) {
            *slot = value;
        } else {
            let (parent, field) = pointer.rsplit_once('/').unwrap();
            body.pointer_mut(if parent.is_empty() { "" } else { parent })
                .unwrap()[field] = value;
        }
        Body::new(kind, body, refs).unwrap_err().to_string()
    }

    #[test]
    fn a_good_alert_keeps_unknown_fields() {
        let body = Body::new(Kind::CompoundRelocationAlert, alert_json(), &[]).unwrap();
        assert!(body.fields().contains_key("x-future-field"));
        let typed: AlertBody = body.typed().unwrap();
        assert_eq!(typed.to.country, "KH");
        assert!(typed.extra.contains_key("x-future-field"));
    }

    #[test]
    fn a_member_named_twice_is_refused_without_its_value() {
        let e = Body::from_bytes(
            Kind::AlertCancel,
            br#"{"reason":"duplicate entry","reason":"SECRET-VALUE"}"#,
            &[MessageId::parse("01a211d3-bd17-76e6-823e-947705ee1a8a").unwrap()],
        )
        .unwrap_err();
        assert_eq!(e.path, "body");
        assert!(
            e.rule.contains("twice") && !e.to_string().contains("SECRET"),
            "{e}"
        );
    }

    #[test]
    fn errors_name_the_field_and_the_rule() {
        let k = Kind::CompoundRelocationAlert;
        let cases = [
            ("/to/lat", json!(91.0), "to.lat: must be between -90 and 90"),
            ("/from/lon", json!(-181), "from.lon: must be between -180 and 180"),
            ("/to/lat", json!("14"), "to.lat: must be a number"),
            ("/compound", Value::Null, "compound: is required"),
            ("/compound/name", json!(" "), "compound.name: must not be empty"),
            ("/from/country", json!("XX"), "from.country: must be an ISO 3166-1 alpha-2 country code"),
            ("/source_reliability", json!("G"), "source_reliability: must be one of A, B, C, D, E, F"),
            ("/info_credibility", json!(2), "info_credibility: must be a string"),
            ("/estimated_persons", json!(-1), "estimated_persons: must be a whole number, 0 or more"),
            ("/estimated_persons", json!(2.5), "estimated_persons: must be a whole number, 0 or more"),
            ("/indicators/0/type", json!("fax"), "indicators[0].type: must be one of domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email"),
            ("/compound/ref", json!("0B7E5C2A-41D4-4C8E-9A5E-6F1D2B3C4D5E"), "compound.ref: must be a UUID in lowercase hyphenated form"),
            ("/compound/ref", json!("gf-2"), "compound.ref: must be a UUID in lowercase hyphenated form"),
            ("/to/precision_m", json!(-1), "to.precision_m: must be a whole number from 0 to 1000000"),
            ("/to/precision_m", json!(1_000_001), "to.precision_m: must be a whole number from 0 to 1000000"),
            ("/to/admin", json!(3), "to.admin: must be a string"),
            ("/indicators/0/platform", json!("telegram"), "indicators[0].platform: is allowed only for social-handle and phone"),
            ("/indicators/0/chain", json!("tron"), "indicators[0].chain: is allowed only for crypto-wallet"),
            ("/indicators/0/role", json!("boss"), "indicators[0].role: must be one of recruitment, contact, scam, payment, laundering, infrastructure"),
            ("/indicators/0/last_seen", json!("2026-01-01T00:00:00Z"), "indicators[0].first_seen: must not be after last_seen"),
            ("/operators/0/kind", json!("gang"), "operators[0].kind: must be one of syndicate, armed-group, company, person"),
            ("/operators/0/name", Value::Null, "operators[0].name: is required"),
            ("/operators/0/aliases/0", json!(" "), "operators[0].aliases[0]: must not be empty"),
            ("/scam_types", json!(["crypto-investment", "crypto-investment"]), "scam_types[1]: repeats an earlier item"),
            ("/scam_types/0", json!("phishing"), "scam_types[0]: must be one of romance-investment, crypto-investment, online-gambling, impersonation, job-scam, sextortion, other"),
            ("/nationalities/1", json!("ph"), "nationalities[1]: must be an ISO 3166-1 alpha-2 country code"),
        ];
        for (pointer, value, expected) in cases {
            assert_eq!(rule_for(k, alert_json(), pointer, value, &[]), expected);
        }
        assert!(
            rule_for(k, alert_json(), "/observed_at", json!("yesterday"), &[])
                .starts_with("observed_at: must be an RFC 3339")
        );
    }

    #[test]
    fn referral_rules() {
        let good = json!({
            "case_ref": "RTP-2026-0042", "nationality": "ID", "identified_at": "2026-11-21T09:00:00Z",
            "location": {"country": "TH", "name": "Mae Sot"},
            "consent": {"given": true, "scope": ["share-with-consulate"]},
            "needs": ["medical"], "non_punishment": true, "risk": "high",
            "person": {"name": "A. Person", "date_of_birth": "1999-02-03"}
        });
        let k = Kind::VictimReferral;
        assert!(Body::new(k, good.clone(), &[]).is_ok());
        assert_eq!(
            rule_for(
                k,
                good.clone(),
                "/needs",
                json!(["medical", "medical"]),
                &[]
            ),
            "needs[1]: repeats an earlier item"
        );
        assert_eq!(
            rule_for(k, good.clone(), "/consent/given", json!("yes"), &[]),
            "consent.given: must be true or false"
        );
        assert_eq!(
            rule_for(k, good.clone(), "/risk", json!("extreme"), &[]),
            "risk: must be one of low, medium, high"
        );
        assert_eq!(
            rule_for(k, good, "/person/date_of_birth", json!("1999-02-30"), &[]),
            "person.date_of_birth: must be a date like 1990-04-17"
        );
    }

    #[test]
    fn refs_and_receipts() {
        let id = MessageId::new();
        let status = json!({"status": "accepted"});
        assert!(Body::new(Kind::ReferralStatus, status.clone(), &[id]).is_ok());
        assert_eq!(
            Body::new(Kind::ReferralStatus, status, &[])
                .unwrap_err()
                .to_string(),
            "refs: referral-status must name exactly one earlier message"
        );
        let receipt = json!({"items": [{"of": id.to_string(), "status": "rejected", "error": "bad-signature"}]});
        assert!(Body::new(Kind::Receipt, receipt, &[]).is_ok());
        let receipt = json!({"items": [{"of": id.to_string(), "status": "rejected"}]});
        assert_eq!(
            Body::new(Kind::Receipt, receipt, &[])
                .unwrap_err()
                .to_string(),
            "items[0].error: is required when status is rejected"
        );
        let receipt = json!({"items": [{"of": id.to_string(), "status": "delivered", "error": "bad-signature"}]});
        assert!(Body::new(Kind::Receipt, receipt, &[]).is_err());
        assert_eq!(
            Body::new(Kind::Receipt, json!({"items": []}), &[])
                .unwrap_err()
                .to_string(),
            "items: must hold 1 to 1000 items"
        );
        assert_eq!(
            Body::new(Kind::AlertCancel, json!([]), &[id])
                .unwrap_err()
                .to_string(),
            "body: must be a JSON object"
        );
    }
}
