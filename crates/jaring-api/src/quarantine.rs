//! The quarantine: envelopes refused, metadata only (never the envelope, never a body).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One refused envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct QuarantineItem {
    /// Its number here.
    pub qid: i64,
    /// When it was refused.
    pub at: String,
    /// The subject it came on.
    pub subject: String,
    /// Its stream sequence.
    pub stream_seq: Option<i64>,
    /// The spec's error code.
    pub code: String,
    /// Why, in words.
    pub detail: String,
    /// The sender it claimed (or proved, see `sender_verified`).
    pub sender: Option<String>,
    /// Whether the sender's signature verified.
    pub sender_verified: bool,
    /// The message id it claimed.
    pub message: Option<String>,
    /// SHA-256 of the envelope (b64u).
    pub digest: String,
    /// The envelope's size as it arrived.
    pub bytes: i64,
    /// How much of it is kept here: all of a verified sender's, the first KiB of an
    /// unverified one, nothing of a replay of an erased message.
    pub kept: i64,
}
