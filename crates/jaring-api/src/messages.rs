//! Messages: sending, the inbox (metadata only), one message opened, referral statuses and the
//! follow stream.

use jaring_core::body::{AlertBody, CancelBody, ReceiptBody, ReferralBody, StatusBody};
use jaring_core::directory::Role as AgencyRole;
use jaring_core::envelope::Header;
use jaring_core::{AgencyId, Body, Kind, MessageId, Timestamp, Tlp};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Whether a message came in or went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Received.
    In,
    /// Sent by this node.
    Out,
}

/// One line of the inbox: metadata only, nothing decrypted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Summary {
    /// Message id (UUIDv7).
    pub id: String,
    /// In or out.
    pub direction: Direction,
    /// The kind, e.g. `compound-relocation-alert`.
    pub kind: String,
    /// The sending agency.
    pub sender: String,
    /// The recipient agencies.
    pub recipients: Vec<String>,
    /// TLP marking.
    pub tlp: String,
    /// Earlier messages referred to.
    pub refs: Vec<String>,
    /// When it was sealed (RFC 3339).
    pub created_at: String,
    /// When this node stored it (RFC 3339).
    pub stored_at: String,
    /// Whether a person of this agency has opened it.
    pub read: bool,
    /// Alerts: `active`, `updated` or `cancelled`; referrals: the referral's status.
    pub state: Option<String>,
}

/// Filters and paging of the inbox. Newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only this kind.
    #[param(value_type = Option<String>)]
    pub kind: Option<Kind>,
    /// Only from this agency.
    pub from: Option<String>,
    /// Only stored at or after this time (RFC 3339).
    pub since: Option<String>,
    /// Only unread.
    #[serde(default)]
    pub unread: bool,
    /// Include what this node sent.
    #[serde(default)]
    pub sent: bool,
    /// Only what this node sent (the console's Sent page).
    #[serde(default)]
    pub outgoing: bool,
    /// Only this TLP (`clear`, `green`, `amber`, `amber+strict`, `red`).
    #[param(value_type = Option<String>)]
    pub tlp: Option<Tlp>,
    /// Only referrals in this status (`received`, `accepted`, `declined`, `in-progress`,
    /// `repatriated`, `closed`).
    pub status: Option<String>,
    /// At most this many (default 100, at most 1,000).
    pub limit: Option<usize>,
    /// The `next` of the page before.
    pub cursor: Option<String>,
}

/// The body of a message to send, typed by its kind (spec §5). Fields jaring does not know
/// are kept as sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OutgoingBody {
    /// `compound-relocation-alert` and `alert-update`.
    Alert(AlertBody),
    /// `alert-cancel`.
    Cancel(CancelBody),
    /// `victim-referral`.
    Referral(ReferralBody),
    /// `referral-status`.
    Status(StatusBody),
}

impl OutgoingBody {
    /// Checks `value` as the body of `kind` with jaring-core's rules (each error names the
    /// field and the rule) and types it.
    pub fn parse(kind: Kind, value: serde_json::Value, refs: &[MessageId]) -> Result<Self, String> {
        let body = Body::new(kind, value, refs).map_err(|e| format!("invalid body: {e}"))?;
        let typed = match kind {
            Kind::CompoundRelocationAlert | Kind::AlertUpdate => body.typed().map(Self::Alert),
            Kind::AlertCancel => body.typed().map(Self::Cancel),
            Kind::VictimReferral => body.typed().map(Self::Referral),
            Kind::ReferralStatus => body.typed().map(Self::Status),
            Kind::Receipt => return Err("receipts are sent by the node itself".into()),
        };
        typed.map_err(|e| format!("invalid body: {e}"))
    }

    /// The body as JSON, for sealing.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// A message to send. Alerts (`compound-relocation-alert`, `alert-update`, `alert-cancel`)
/// need the `liaison` role; referrals and their statuses the `caseworker` role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "RawSend")]
pub struct SendRequest {
    /// The kind.
    #[schema(value_type = String)]
    pub kind: Kind,
    /// Named recipients.
    #[schema(value_type = Vec<String>)]
    pub to: Vec<AgencyId>,
    /// Every agency holding this directory role (not for referrals).
    #[schema(value_type = Option<String>)]
    pub to_role: Option<AgencyRole>,
    /// Every agency (published once, on the `ALL` subject; not for referrals).
    pub to_all: bool,
    /// TLP (default by kind).
    #[schema(value_type = Option<String>)]
    pub tlp: Option<Tlp>,
    /// Earlier messages referred to.
    #[schema(value_type = Vec<String>)]
    pub refs: Vec<MessageId>,
    /// Expiry (RFC 3339).
    #[schema(value_type = Option<String>)]
    pub expires_at: Option<Timestamp>,
    /// The body of the kind (spec §5).
    #[schema(value_type = Object)]
    pub body: OutgoingBody,
    /// Answer once the message is stored here (sealed, committed, audited), and publish it
    /// in the background: for a script sending many, which then waits for one local commit
    /// rather than the hub's synced acknowledgement of every copy. Nothing acknowledged is
    /// weaker: the node keeps the message and republishes it until each recipient's signed
    /// receipt, as for any publish the hub did not acknowledge (`published` is then empty; the
    /// deliveries say how it goes).
    #[serde(default)]
    pub background: bool,
}

/// A send request as it comes off the wire, before its body is checked against its kind.
#[derive(Deserialize)]
struct RawSend {
    kind: Kind,
    #[serde(default)]
    to: Vec<AgencyId>,
    #[serde(default)]
    to_role: Option<AgencyRole>,
    #[serde(default)]
    to_all: bool,
    #[serde(default)]
    tlp: Option<Tlp>,
    #[serde(default)]
    refs: Vec<MessageId>,
    #[serde(default)]
    expires_at: Option<Timestamp>,
    body: serde_json::Value,
    #[serde(default)]
    background: bool,
}

impl TryFrom<RawSend> for SendRequest {
    type Error = String;
    fn try_from(r: RawSend) -> Result<Self, String> {
        let body = OutgoingBody::parse(r.kind, r.body, &r.refs)?;
        Ok(Self {
            kind: r.kind,
            to: r.to,
            to_role: r.to_role,
            to_all: r.to_all,
            tlp: r.tlp,
            refs: r.refs,
            expires_at: r.expires_at,
            body,
            background: r.background,
        })
    }
}

/// One subject a message was published on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Published {
    /// The subject.
    pub subject: String,
    /// Whether the hub acknowledged it (otherwise it is retried).
    pub acknowledged: bool,
}

/// What sending did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Sent {
    /// The new message's id.
    pub id: String,
    /// Its kind.
    #[schema(value_type = String)]
    pub kind: Kind,
    /// Who can read it (besides this agency).
    pub recipients: Vec<String>,
    /// Each subject published on (empty when sent in the background).
    pub published: Vec<Published>,
    /// Whether the answer came once the message was stored, before publishing (as asked).
    #[serde(default)]
    pub background: bool,
}

/// A new status of a referral this agency received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StatusUpdate {
    /// `accepted`, `declined`, `in-progress`, `repatriated` or `closed`.
    pub status: String,
    /// A note for the referring agency.
    #[serde(default)]
    pub notes: Option<String>,
    /// The referring agency. Needed only when more than one agency sent a referral under
    /// this id (ids are chosen by senders; only one of them is genuine).
    #[serde(default)]
    pub to: Option<String>,
}

/// A decrypted body, typed by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MessageBody {
    /// An alert or its update.
    Alert(AlertBody),
    /// A referral.
    Referral(ReferralBody),
    /// A receipt.
    Receipt(ReceiptBody),
    /// A referral status.
    Status(StatusBody),
    /// An alert's cancellation.
    Cancel(CancelBody),
}

impl MessageBody {
    /// Types a body by its kind.
    pub fn of(body: &Body) -> Result<Self, String> {
        let typed = match body.kind() {
            Kind::CompoundRelocationAlert | Kind::AlertUpdate => body.typed().map(Self::Alert),
            Kind::AlertCancel => body.typed().map(Self::Cancel),
            Kind::VictimReferral => body.typed().map(Self::Referral),
            Kind::ReferralStatus => body.typed().map(Self::Status),
            Kind::Receipt => body.typed().map(Self::Receipt),
        };
        typed.map_err(|e| e.to_string())
    }
}

/// One recipient's delivery of a message this node sent, from the signed receipts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Delivery {
    /// The recipient agency.
    pub recipient: String,
    /// `pending`, `delivered`, `rejected` or `failed`.
    pub state: String,
    /// The recipient's error code, with `rejected`.
    pub error: Option<String>,
    /// Publications so far.
    pub attempts: i64,
    /// When the state last changed (RFC 3339).
    pub updated_at: String,
    /// The subject published on.
    pub subject: String,
}

/// One status message in a referral's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReferralEvent {
    /// The status message.
    pub message: String,
    /// The status it set.
    pub status: String,
    /// The agency that set it.
    pub by: String,
    /// When (RFC 3339).
    pub at: String,
}

/// A referral's state and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReferralState {
    /// `in` (received) or `out` (sent).
    pub direction: String,
    /// The other agency.
    pub counterpart: String,
    /// The current status.
    pub status: String,
    /// When it last changed.
    pub updated_at: String,
    /// When it was closed, if it was.
    pub closed_at: Option<String>,
    /// Every status message, oldest first.
    pub history: Vec<ReferralEvent>,
}

/// One message, opened. Opening is audited as `viewed` with the user's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MessageView {
    /// Its inbox line.
    pub summary: Summary,
    /// The verified envelope header.
    #[schema(value_type = Object)]
    pub header: Header,
    /// The decrypted body, typed by kind (spec §5).
    #[schema(value_type = Object)]
    pub body: MessageBody,
    /// For a message this node sent: each recipient's delivery.
    pub deliveries: Vec<Delivery>,
    /// For a referral: its state and history.
    pub referral: Option<ReferralState>,
    /// SHA-256 of the envelope (b64u).
    pub digest: String,
    /// For an alert: the other alerts that share a reference, name, operator or indicator
    /// with it, and which values link them (values over the cap or excluded link nothing).
    #[serde(default)]
    pub related: Vec<crate::correlation::Related>,
    /// For an alert: its values over `correlation.max_per_value`, which link nothing (so an
    /// alert that shares only them is not in `related`).
    #[serde(default)]
    pub flagged: Vec<crate::correlation::Flagged>,
}

/// A message just stored, announced on the follow stream: metadata only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FollowEvent {
    /// Message id.
    pub id: String,
    /// Kind.
    #[schema(value_type = String)]
    pub kind: Kind,
    /// Sender.
    pub sender: String,
    /// TLP.
    #[schema(value_type = String)]
    pub tlp: Tlp,
    /// Earlier messages referred to.
    pub refs: Vec<String>,
    /// When it was sealed.
    pub created_at: String,
}

/// Filters of the follow stream.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowQuery {
    /// Only this kind.
    #[param(value_type = Option<String>)]
    pub kind: Option<Kind>,
}

/// Which message `GET /v1/messages/{id}` means when more than one agency used the id.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShowQuery {
    /// The sender. Needed only when more than one agency sent a message under the id (the
    /// answer is then a conflict naming them).
    pub sender: Option<String>,
}

/// The `id` path parameter.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdParam {
    /// A message id.
    pub id: String,
}

/// `GET /v1/messages/{id}/tracking`: where one of the node's own messages went, from the
/// signed receipts, and a referral's status history; nothing of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Tracking {
    /// The message's metadata.
    pub summary: Summary,
    /// Each recipient's delivery.
    pub deliveries: Vec<Delivery>,
    /// For a referral: its state and history.
    pub referral: Option<ReferralState>,
}
