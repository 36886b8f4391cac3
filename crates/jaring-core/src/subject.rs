//! NATS subjects and message ids (spec §6): `<prefix>.v1.<family>.<sender>.<recipient>`.

use std::fmt;

use crate::body::Family;
use crate::id::{AgencyId, MessageId, ALL};

/// The default subject prefix.
pub const DEFAULT_PREFIX: &str = "rso";

/// Who a subject addresses: one agency, or everyone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Recipient {
    /// One agency.
    Agency(AgencyId),
    /// Broadcast.
    All,
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Agency(id) => f.write_str(id.as_str()),
            Recipient::All => f.write_str(ALL),
        }
    }
}

impl Recipient {
    /// Parses a recipient token.
    pub fn parse(token: &str) -> Option<Self> {
        if token == ALL {
            Some(Recipient::All)
        } else {
            AgencyId::parse(token).ok().map(Recipient::Agency)
        }
    }
}

/// Checks a subject prefix: one or more dot-separated tokens of `a-z`, `A-Z`, `0-9`, `-`, `_`.
pub fn check_prefix(prefix: &str) -> Result<(), String> {
    let ok = !prefix.is_empty()
        && prefix.split('.').all(|t| {
            !t.is_empty()
                && t.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if ok {
        Ok(())
    } else {
        Err(format!("subject prefix `{prefix}` must be dot-separated tokens of letters, digits, '-' and '_'"))
    }
}

/// A parsed subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The family.
    pub family: Family,
    /// The sender token.
    pub sender: AgencyId,
    /// The recipient token.
    pub recipient: Recipient,
}

impl Subject {
    /// The subject string under `prefix`.
    pub fn render(&self, prefix: &str) -> String {
        format!(
            "{prefix}.v1.{}.{}.{}",
            self.family.as_str(),
            self.sender,
            self.recipient
        )
    }

    /// Parses a subject published under `prefix`.
    pub fn parse(prefix: &str, subject: &str) -> Option<Self> {
        let rest = subject.strip_prefix(prefix)?.strip_prefix(".v1.")?;
        let mut tokens = rest.split('.');
        let (family, sender, recipient) = (tokens.next()?, tokens.next()?, tokens.next()?);
        if tokens.next().is_some() {
            return None;
        }
        Some(Self {
            family: Family::parse(family)?,
            sender: AgencyId::parse(sender).ok()?,
            recipient: Recipient::parse(recipient)?,
        })
    }
}

/// The JetStream message id (`Nats-Msg-Id`) of a message on one recipient subject.
pub fn nats_msg_id(id: &MessageId, recipient: &Recipient) -> String {
    format!("{id}.{recipient}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_round_trip() {
        let s = Subject {
            family: Family::Referral,
            sender: AgencyId::parse("TH-RTP").unwrap(),
            recipient: Recipient::parse("ID-KEMLU-PNH").unwrap(),
        };
        let text = s.render("rso");
        assert_eq!(text, "rso.v1.referral.TH-RTP.ID-KEMLU-PNH");
        assert_eq!(Subject::parse("rso", &text), Some(s));
        assert_eq!(
            Subject::parse("rso", "rso.v1.alert.TH-RTP.ALL")
                .unwrap()
                .recipient,
            Recipient::All
        );
        assert!(Subject::parse("rso", "rso.v1.alert.TH-RTP.ALL.x").is_none());
        assert!(Subject::parse("rso", "rso.v2.alert.TH-RTP.ALL").is_none());
        assert!(Subject::parse("rso", "rso.v1.chat.TH-RTP.ALL").is_none());
        assert!(check_prefix("rso").is_ok() && check_prefix("test.rso").is_ok());
        assert!(check_prefix("rso.").is_err() && check_prefix("r*").is_err());
    }
}
