//! The topology of the bus: which streams exist, what each agency's durable consumer reads,
//! and the names the hub's permissions are written against. The node creates and reads these,
//! the hub generator grants exactly these; keeping both on these functions is what keeps a
//! node's needs and the hub's permissions in step.

use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, stream};
use jaring_core::body::Family;
use jaring_core::AgencyId;
use serde::{Deserialize, Serialize};

/// The streams of the bus, one per family.
pub const FAMILIES: [Family; 4] = [
    Family::Alert,
    Family::Referral,
    Family::Receipt,
    Family::Checkpoint,
];

/// JetStream's `sync_interval` on the hub jaring generates: every write is synced before it is
/// acknowledged. Under the server's default (a sync every two minutes) JetStream lost
/// acknowledged writes in Jepsen's analysis of NATS 2.12.1; the benchmark measures this one.
pub const HUB_SYNC_INTERVAL: &str = "always";

/// Where an agency on a generated hub reaches the JetStream API it imports from the hub's
/// account (its own account has no JetStream, and would answer `$JS.API` itself).
pub const HUB_API_PREFIX: &str = "JS.HUB.API";

/// The key of the signed directory in the hub's key-value bucket.
pub const DIRECTORY_KEY: &str = "current";

/// The stream name for a family under a subject prefix, e.g. `RSO_ALERTS`.
pub fn stream_name(prefix: &str, family: Family) -> String {
    let base: String = prefix
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let suffix = match family {
        Family::Alert => "ALERTS",
        Family::Referral => "REFERRALS",
        Family::Receipt => "RECEIPTS",
        Family::Checkpoint => "CHECKPOINTS",
    };
    format!("{base}_{suffix}")
}

/// The durable consumer name of an agency on every stream.
pub fn consumer_name(agency: &AgencyId) -> String {
    format!("jaring-{agency}")
}

/// An agency's own inbox prefix. Each agency has its own, so that the hub can let it read its
/// own replies (and pulled messages) without reading anyone else's: a shared `_INBOX.>` would
/// let one agency read what another pulls.
pub fn inbox_prefix(agency: &str) -> String {
    format!("_INBOX_{agency}")
}

/// Stream settings: the `[streams]` table of a node's config, and what the hub provisions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StreamsConfig {
    /// Create missing streams (a development hub; on a hub with permissions the RSO does).
    pub create: bool,
    /// Replicas of each stream.
    pub replicas: usize,
    /// How long alerts (and checkpoints) stay in the stream.
    #[serde(with = "humantime_serde")]
    pub alerts_max_age: Duration,
    /// How long referrals stay in the stream.
    #[serde(with = "humantime_serde")]
    pub referrals_max_age: Duration,
    /// How long receipts stay in the stream.
    #[serde(with = "humantime_serde")]
    pub receipts_max_age: Duration,
    /// The JetStream de-duplication window.
    #[serde(with = "humantime_serde")]
    pub duplicate_window: Duration,
    /// How long a delivered message may stay unacknowledged before it is redelivered.
    #[serde(with = "humantime_serde")]
    pub ack_wait: Duration,
    /// Bytes each stream holds at most; a publish beyond it is refused (nothing stored is
    /// evicted for it). A backstop sized by the RSO: JetStream reserves it on the hub's disk.
    pub max_bytes: u64,
    /// Messages one subject (one sender → one recipient or `ALL`) holds at most; a publish
    /// beyond it is refused on that subject alone, so one agency flooding fills its own
    /// subjects, not the stream others publish into.
    pub max_msgs_per_subject: i64,
    /// Deliveries of one message to one consumer before JetStream gives up on it. The node
    /// quarantines a message it cannot store as `undeliverable` at the last delivery, and the
    /// sender republishes anything without a receipt, so giving up loses nothing; without a
    /// limit, one message that always fails would be redelivered for ever.
    pub max_deliver: i64,
}

impl Default for StreamsConfig {
    fn default() -> Self {
        Self {
            create: true,
            replicas: 1,
            alerts_max_age: days(30),
            referrals_max_age: days(14),
            receipts_max_age: days(7),
            duplicate_window: Duration::from_secs(120),
            ack_wait: Duration::from_secs(30),
            max_bytes: 1024 * 1024 * 1024,
            max_msgs_per_subject: 1_000_000,
            max_deliver: MAX_DELIVER,
        }
    }
}

fn days(n: u64) -> Duration {
    Duration::from_secs(n * 86_400)
}

/// Deliveries of a message before the consumer gives up on it (see
/// [`StreamsConfig::max_deliver`]); with the node's growing nak delays this spans hours, so a
/// full disk for a while is not mistaken for a message that can never be stored.
pub const MAX_DELIVER: i64 = 50;

/// The stream configuration jaring expects for a family.
pub fn stream_config(prefix: &str, family: Family, s: &StreamsConfig) -> stream::Config {
    let max_age = match family {
        Family::Alert => s.alerts_max_age,
        Family::Referral => s.referrals_max_age,
        Family::Receipt => s.receipts_max_age,
        Family::Checkpoint => s.alerts_max_age,
    };
    stream::Config {
        name: stream_name(prefix, family),
        subjects: vec![format!("{prefix}.v1.{}.>", family.as_str())],
        storage: stream::StorageType::File,
        retention: stream::RetentionPolicy::Limits,
        max_age,
        num_replicas: s.replicas,
        duplicate_window: s.duplicate_window,
        max_message_size: 1024 * 1024 + 4096,
        max_bytes: i64::try_from(s.max_bytes).unwrap_or(i64::MAX),
        max_messages_per_subject: s.max_msgs_per_subject,
        // Full: refuse the new, never evict the stored (a flood must not push out messages a
        // lagging node has not read yet); per subject, so only the flooder's subjects refuse.
        discard: stream::DiscardPolicy::New,
        discard_new_per_subject: true,
        ..Default::default()
    }
}

/// The durable pull consumer of agency `me` on a family's stream: its own id and `ALL` (only
/// `ALL` for checkpoints, which are never addressed to one agency), explicit acks.
pub fn consumer_config(
    prefix: &str,
    family: Family,
    me: &AgencyId,
    streams: &StreamsConfig,
) -> pull::Config {
    let f = family.as_str();
    let filter_subjects = if family == Family::Checkpoint {
        vec![format!("{prefix}.v1.{f}.*.ALL")]
    } else {
        vec![
            format!("{prefix}.v1.{f}.*.{me}"),
            format!("{prefix}.v1.{f}.*.ALL"),
        ]
    };
    pull::Config {
        durable_name: Some(consumer_name(me)),
        filter_subjects,
        // One ack per message, never cumulative: when a pull stream is replaced (a server went
        // away), messages delivered to the old one but never read must come back after
        // ack_wait, and a cumulative ack of a later message would acknowledge them unread.
        ack_policy: jetstream::consumer::AckPolicy::Explicit,
        ack_wait: streams.ack_wait,
        max_deliver: streams.max_deliver,
        max_ack_pending: 20_000,
        deliver_policy: jetstream::consumer::DeliverPolicy::All,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_prefix_and_the_agency() {
        assert_eq!(stream_name("rso", Family::Alert), "RSO_ALERTS");
        assert_eq!(
            stream_name("bali-rso", Family::Receipt),
            "BALI_RSO_RECEIPTS"
        );
        let me = AgencyId::parse("TH-RTP").unwrap();
        assert_eq!(consumer_name(&me), "jaring-TH-RTP");
        let s = StreamsConfig::default();
        let c = consumer_config("rso", Family::Checkpoint, &me, &s);
        assert_eq!(
            c.filter_subjects,
            vec!["rso.v1.checkpoint.*.ALL".to_owned()]
        );
        let c = consumer_config("rso", Family::Referral, &me, &s);
        assert_eq!(
            c.filter_subjects,
            vec![
                "rso.v1.referral.*.TH-RTP".to_owned(),
                "rso.v1.referral.*.ALL".to_owned()
            ]
        );
    }
}
