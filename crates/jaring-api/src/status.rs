//! The node's status, for its administrator.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A family's consumer backlog at the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Lag {
    /// Messages not yet delivered to this node.
    pub pending: u64,
    /// Delivered, not yet acknowledged.
    pub unacknowledged: u64,
}

/// The directory in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DirectoryState {
    /// Its serial.
    pub serial: u64,
    /// When it expires (RFC 3339).
    pub expires_at: String,
    /// How many agencies it lists.
    pub agencies: usize,
    /// Why the last directory offered was refused, if it was.
    pub last_refused: Option<String>,
    /// `valid`, `expiring` (within the node's `directory.warn_before`) or `expired`.
    pub state: String,
    /// The highest serial this node ever accepted: no directory below it is accepted again.
    pub highest_serial: u64,
}

/// Counts from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Counts {
    /// Messages received (receipts aside).
    pub received: i64,
    /// Of those, not yet opened.
    pub unread: i64,
    /// Messages sent (receipts aside).
    pub sent: i64,
    /// Envelopes refused.
    pub quarantined: i64,
    /// Deliveries waiting for a receipt.
    pub deliveries_pending: i64,
    /// Deliveries that failed after every attempt.
    pub deliveries_failed: i64,
    /// Receipts this node owes.
    pub receipts_owed: i64,
}

/// The audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditState {
    /// Entries in the log.
    pub entries: usize,
    /// `ok`, or what is wrong with the node's own log.
    pub integrity: String,
}

/// An alarm about a peer's checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Alarm {
    /// When.
    pub at: String,
    /// The peer agency.
    pub peer: String,
    /// What was wrong (the first of a run).
    pub reason: String,
    /// Further alarms about the same peer within a minute of the one before, counted here
    /// rather than raised one by one (a peer publishing junk checkpoints at full speed).
    #[serde(default)]
    pub repeats: u64,
}

/// The last error the node met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LastError {
    /// When.
    pub at: String,
    /// What.
    pub error: String,
}

/// `GET /v1/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Status {
    /// This agency.
    pub agency: String,
    /// The NATS connection: `connected`, `pending` or `disconnected`.
    pub connection: String,
    /// The server connected to.
    pub server: String,
    /// The servers configured.
    pub servers: Vec<String>,
    /// Per family, the backlog at the hub (null when it could not be asked).
    #[schema(value_type = BTreeMap<String, Lag>)]
    pub consumer_lag: BTreeMap<String, Option<Lag>>,
    /// The directory.
    pub directory: DirectoryState,
    /// Counts.
    pub counts: Counts,
    /// The audit log.
    pub audit: AuditState,
    /// The latest checkpoint alarms.
    pub alarms: Vec<Alarm>,
    /// The last error.
    pub last_error: Option<LastError>,
    /// `ok`, or why the store cannot commit what arrives (nothing is acknowledged meanwhile;
    /// receiving resumes by itself when it can).
    pub store: String,
}
