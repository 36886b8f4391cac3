//! Receiving one envelope as a node does: spec §4's open steps under the directory, then the
//! subject check jaring adds, then what an opened message changes (a receipt's items, a
//! referral's status). CPU only: the node runs it on a worker pool and commits the
//! [`Inbound`] it returns; the fuzz targets (crates/jaring-fuzz) run the very same function.

use crate::body::{AlertBody, ReceiptBody, ReceiptStatus, StatusBody};
use crate::envelope::{envelope_digest, ErrorCode, Header, OpenError, ParsedEnvelope};
use crate::keys::OpeningKeys;
use crate::subject::Subject;
use crate::{AgencyId, Directory, Kind, MessageId, Timestamp};

/// A received envelope after the open pipeline, ready to be committed.
#[derive(Debug)]
pub enum Inbound {
    /// Opened (steps 1–9 passed).
    Opened {
        /// The authenticated header.
        header: Header,
        /// The envelope bytes as received.
        envelope: Vec<u8>,
        /// SHA-256 of the envelope bytes.
        digest: [u8; 32],
        /// The subject it arrived on.
        subject: String,
        /// Its stream sequence.
        stream_seq: Option<u64>,
        /// For receipts: the items; for referral-status: the status.
        effect: Effect,
    },
    /// Refused before it could be stored.
    Refused {
        /// The code and detail.
        error: OpenError,
        /// The header, when the sender's signature verified.
        verified: Option<Header>,
        /// The id the envelope claimed, if it had a readable header.
        claimed_id: Option<String>,
        /// The sender it claimed, if readable.
        claimed_sender: Option<String>,
        /// The envelope bytes as received.
        envelope: Vec<u8>,
        /// SHA-256 of the envelope bytes.
        digest: [u8; 32],
        /// The subject it arrived on.
        subject: String,
        /// Its stream sequence.
        stream_seq: Option<u64>,
    },
}

/// What an opened message changes beyond being stored.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Nothing more.
    None,
    /// A receipt's items.
    Receipt(Vec<(MessageId, ReceiptStatus, Option<ErrorCode>)>),
    /// A referral-status: the new status.
    Status(String),
    /// An alert or an alert update: its body, for the correlation index.
    Alert(Box<AlertBody>),
}

/// One message as it came off a stream.
#[derive(Debug)]
pub struct Raw {
    /// The subject.
    pub subject: String,
    /// The payload.
    pub payload: Vec<u8>,
    /// The stream sequence.
    pub stream_seq: Option<u64>,
}

/// Codes whose step comes after the signature check: the header is authentic.
fn after_signature(code: ErrorCode) -> bool {
    matches!(code, ErrorCode::ClockSkew | ErrorCode::Expired)
}

/// Opens one envelope as `me` would, including the subject check.
pub fn open_one(
    raw: Raw,
    prefix: &str,
    me: &AgencyId,
    keys: &OpeningKeys,
    directory: &Directory,
    now: Timestamp,
) -> Inbound {
    let digest = envelope_digest(&raw.payload);
    let refuse = |error: OpenError, verified, claimed: Option<(String, String)>, raw: Raw| {
        let (claimed_id, claimed_sender) =
            claimed.map_or((None, None), |(i, s)| (Some(i), Some(s)));
        Inbound::Refused {
            error,
            verified,
            claimed_id,
            claimed_sender,
            envelope: raw.payload,
            digest,
            subject: raw.subject,
            stream_seq: raw.stream_seq,
        }
    };
    let parsed = match ParsedEnvelope::parse(&raw.payload) {
        Ok(p) => p,
        Err(e) => return refuse(e, None, None, raw),
    };
    let header = parsed.unverified_header().clone();
    let claimed = Some((header.id.to_string(), header.sender.to_string()));
    let verified = match parsed.verify(directory, now) {
        Ok(v) => v,
        Err(e) => {
            let verified = after_signature(e.code).then(|| header.clone());
            return refuse(e, verified, claimed, raw);
        }
    };
    let subject_ok = Subject::parse(prefix, &raw.subject)
        .is_some_and(|s| s.sender == header.sender && s.family == header.kind.family());
    if !subject_ok {
        let e = OpenError::new(
            ErrorCode::SubjectMismatch,
            format!(
                "a {} from {} arrived on {}",
                header.kind, header.sender, raw.subject
            ),
        );
        return refuse(e, Some(header), claimed, raw);
    }
    let opened = match verified.decrypt(me, keys) {
        Ok(o) => o,
        Err(e) => return refuse(e, Some(header), claimed, raw),
    };
    let effect = match opened.header.kind {
        Kind::Receipt => match opened.body.typed::<ReceiptBody>() {
            Ok(r) => Effect::Receipt(
                r.items
                    .into_iter()
                    .map(|i| (i.of, i.status, i.error))
                    .collect(),
            ),
            Err(_) => Effect::None,
        },
        Kind::ReferralStatus => match opened.body.typed::<StatusBody>() {
            Ok(s) => Effect::Status(s.status),
            Err(_) => Effect::None,
        },
        Kind::CompoundRelocationAlert | Kind::AlertUpdate => {
            match opened.body.typed::<AlertBody>() {
                Ok(a) => Effect::Alert(Box::new(a)),
                Err(_) => Effect::None,
            }
        }
        _ => Effect::None,
    };
    Inbound::Opened {
        header: opened.header,
        envelope: raw.payload,
        digest,
        subject: raw.subject,
        stream_seq: raw.stream_seq,
        effect,
    }
}
