//! Identifiers of spec §1: agency ids, message ids and key ids.

use std::fmt;

use ring::digest::{digest, SHA256};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::b64;

/// The reserved recipient token that addresses every agency (broadcast).
pub const ALL: &str = "ALL";

/// An agency id such as `TH-RTP`: 3 to 32 of `A-Z`, `0-9` and `-`, starting and ending with a
/// letter or digit, never `ALL`. Safe to use as a NATS subject token.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgencyId(String);

/// Why a text is not an agency id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgencyIdError {
    /// The text does not match `^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$`.
    #[error("`{0}` is not an agency id: use 3 to 32 of A-Z, 0-9 and '-', not starting or ending with '-'")]
    Form(String),
    /// `ALL` is the broadcast token.
    #[error("`ALL` is reserved for broadcast and cannot be an agency id")]
    Reserved,
}

impl AgencyId {
    /// Checks the form of spec §1.
    pub fn parse(text: &str) -> Result<Self, AgencyIdError> {
        let b = text.as_bytes();
        let inner_ok = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'-';
        let edge_ok = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
        let well_formed = (3..=32).contains(&b.len())
            && b.iter().all(inner_ok)
            && edge_ok(&b[0])
            && edge_ok(&b[b.len() - 1]);
        if !well_formed {
            return Err(AgencyIdError::Form(text.chars().take(40).collect()));
        }
        if text == ALL {
            return Err(AgencyIdError::Reserved);
        }
        Ok(Self(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISO 3166-1 alpha-2 prefix when the id starts with one (`TH-RTP` → `TH`).
    pub fn country_prefix(&self) -> Option<&str> {
        let (head, _) = self.0.split_once('-')?;
        (head.len() == 2).then_some(head)
    }
}

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for AgencyId {
    type Err = AgencyIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for AgencyId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AgencyId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A message id: a UUID version 7 in lowercase hyphenated form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MessageId(uuid::Uuid);

/// Why a text is not a message id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be a UUID version 7 in lowercase hyphenated form")]
pub struct MessageIdError;

impl MessageId {
    /// A fresh id: time-ordered, with 74 random bits.
    pub fn new() -> Self {
        Self(uuid::Uuid::now_v7())
    }

    /// Parses the canonical form only (lowercase, hyphenated, version 7, RFC 9562 variant).
    pub fn parse(text: &str) -> Result<Self, MessageIdError> {
        let id = uuid::Uuid::try_parse(text).map_err(|_| MessageIdError)?;
        let canonical = id.hyphenated().to_string() == text;
        let v7 = id.get_version_num() == 7 && id.get_variant() == uuid::Variant::RFC4122;
        if canonical && v7 {
            Ok(Self(id))
        } else {
            Err(MessageIdError)
        }
    }

    /// The underlying UUID.
    pub fn uuid(&self) -> uuid::Uuid {
        self.0
    }
}

impl Default for MessageId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl std::str::FromStr for MessageId {
    type Err = MessageIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for MessageId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MessageId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A key id: `b64u(SHA-256(public key bytes)[0..16])`, 22 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kid(String);

/// Why a text is not a key id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be a key id: b64u of 16 bytes (22 characters)")]
pub struct KidError;

impl Kid {
    /// The key id of a public key.
    pub fn of(public_key: &[u8]) -> Self {
        Self(b64::encode(&digest(&SHA256, public_key).as_ref()[..16]))
    }

    /// Checks the form (b64u of exactly 16 bytes).
    pub fn parse(text: &str) -> Result<Self, KidError> {
        b64::decode_array::<16>(text).ok_or(KidError)?;
        Ok(Self(text.to_owned()))
    }

    /// The key id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Kid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Kid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Kid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_ids() {
        for good in ["TH-RTP", "ID-KEMLU-PNH", "RSO", "IOM", "A1B"] {
            assert!(AgencyId::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "th-rtp",
            "TH",
            "-TH",
            "TH-",
            "TH.RTP",
            "TH RTP",
            "TH*",
            "A>B",
            &"A".repeat(33),
        ] {
            assert!(
                matches!(AgencyId::parse(bad), Err(AgencyIdError::Form(_))),
                "{bad}"
            );
        }
        assert_eq!(AgencyId::parse("ALL"), Err(AgencyIdError::Reserved));
        assert_eq!(
            AgencyId::parse("TH-RTP").unwrap().country_prefix(),
            Some("TH")
        );
        assert_eq!(AgencyId::parse("RSO").unwrap().country_prefix(), None);
    }

    #[test]
    fn message_ids() {
        let id = MessageId::new();
        assert_eq!(MessageId::parse(&id.to_string()), Ok(id));
        assert!(MessageId::parse("01a211d3-bd17-76e6-823e-947705ee1a8a").is_ok());
        assert!(
            MessageId::parse("01A211D3-BD17-76E6-823E-947705EE1A8A").is_err(),
            "uppercase"
        );
        assert!(
            MessageId::parse("01a211d3bd1776e6823e947705ee1a8a").is_err(),
            "simple form"
        );
        assert!(
            MessageId::parse("01a211d3-bd17-46e6-823e-947705ee1a8a").is_err(),
            "version 4"
        );
    }

    #[test]
    fn kid_of_a_vector_key() {
        let key = b64::decode("pqogXN1ll3ZOq68bCLAhkDxF7j5RVEhYpdQbATGLo8M").unwrap();
        assert_eq!(Kid::of(&key).as_str(), "TGNGWpO2rQvZSWL7_tDP7A");
    }
}
