//! The audit log through the API: entries (as the exact lines hashed into the log), inclusion
//! proofs, verification, the latest checkpoint.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Filters and paging of audit entries. Oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditEntriesQuery {
    /// Only about this message.
    pub message: Option<String>,
    /// Only this event (e.g. `viewed`, `denied`).
    pub event: Option<String>,
    /// Only this jaring user (in `detail.user`).
    pub user: Option<String>,
    /// Only at or after this time (RFC 3339).
    pub since: Option<String>,
    /// At most this many (default 100, at most 1,000).
    pub limit: Option<usize>,
    /// The `next` of the page before.
    pub cursor: Option<String>,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditRecord {
    /// Its position in the log.
    pub seq: u64,
    /// When (RFC 3339).
    pub at: String,
    /// The event, e.g. `received`, `viewed`, `denied`.
    pub event: String,
    /// The message concerned.
    pub message: Option<String>,
    /// The other agency concerned.
    pub peer: Option<String>,
    /// The jaring user who acted, where a person did.
    pub user: Option<String>,
    /// The entry exactly as logged: the bytes whose hash is the Merkle leaf.
    pub line: String,
}

/// The `seq` parameter of a proof.
#[derive(Debug, Clone, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProveQuery {
    /// The entry.
    pub seq: u64,
}

/// An inclusion proof (RFC 9162) of one entry in the log as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Proof {
    /// The entry.
    pub seq: u64,
    /// The log's size.
    pub size: u64,
    /// The root (b64u).
    pub root: String,
    /// The entry's leaf hash (b64u).
    pub leaf: String,
    /// The audit path, leaf to root (b64u).
    pub proof: Vec<String>,
}

/// The outcome of verifying the log against every checkpoint published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Verification {
    /// Whether it verified.
    pub ok: bool,
    /// Entries (when it verified).
    pub size: Option<u64>,
    /// The root (base64, when it verified).
    pub root: Option<String>,
    /// Checkpoints checked.
    pub checkpoints_checked: Option<usize>,
    /// The first bad entry.
    pub seq: Option<u64>,
    /// What is wrong.
    pub error: Option<String>,
}

/// The latest checkpoint this node published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CheckpointNote {
    /// The signed note.
    pub checkpoint: String,
}
