//! Connecting to NATS (TLS through rustls, every credential kind of the config) and the
//! JetStream streams and consumers a node uses.

use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, stream};
use jaring_core::body::Family;
use jaring_core::AgencyId;

use crate::config::{Config, StreamsConfig};

/// A NATS failure.
#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    /// Connecting failed.
    #[error("cannot connect to NATS: {0}")]
    Connect(String),
    /// A credential file could not be used.
    #[error("{0}")]
    Credentials(String),
    /// A JetStream call failed.
    #[error("JetStream: {0}")]
    JetStream(String),
}

/// The streams a node uses, one per family.
pub const FAMILIES: [Family; 4] = [
    Family::Alert,
    Family::Referral,
    Family::Receipt,
    Family::Checkpoint,
];

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

/// The durable consumer name of an agency on a stream.
pub fn consumer_name(agency: &AgencyId) -> String {
    format!("jaring-{agency}")
}

/// Connection options from the config: credentials, TLS, reconnects with backoff.
pub async fn connect_options(config: &Config) -> Result<async_nats::ConnectOptions, NatsError> {
    let n = &config.nats;
    let mut opts = async_nats::ConnectOptions::new()
        .name(format!("jaringd {}", config.agency))
        // Each agency has its own inbox prefix, so that the hub can let it read its own
        // replies (and pulled messages) without reading anyone else's.
        .custom_inbox_prefix(format!("_INBOX_{}", config.agency))
        .retry_on_initial_connect()
        .max_reconnects(None)
        .connection_timeout(Duration::from_secs(5))
        .reconnect_delay_callback(reconnect_delay);
    if let (Some(user), Some(password)) = (&n.user, &n.password) {
        opts = opts.user_and_password(user.clone(), password.clone());
    }
    if let Some(token) = &n.token {
        opts = opts.token(token.clone());
    }
    if let Some(seed_file) = &n.nkey_seed_file {
        let seed = std::fs::read_to_string(seed_file)
            .map_err(|e| NatsError::Credentials(format!("{}: {e}", seed_file.display())))?;
        opts = opts.nkey(seed.trim().to_owned());
    }
    if let Some(creds) = &n.creds_file {
        opts = opts
            .credentials_file(creds)
            .await
            .map_err(|e| NatsError::Credentials(format!("{}: {e}", creds.display())))?;
    }
    if let Some(tls) = &n.tls {
        opts = opts.require_tls(true);
        if let Some(ca) = &tls.ca_file {
            opts = opts.add_root_certificates(ca.clone());
        }
        if let (Some(cert), Some(key)) = (&tls.cert_file, &tls.key_file) {
            opts = opts.add_client_certificate(cert.clone(), key.clone());
        }
    }
    Ok(opts)
}

/// How long to wait before connection attempt `attempt` (counted from 1 since the last
/// successful connection): the first at once (a node starting, or the first try after losing
/// its server), then 100 ms doubling to at most 5 s.
fn reconnect_delay(attempt: usize) -> Duration {
    match attempt {
        0 | 1 => Duration::ZERO,
        n => Duration::from_millis((100u64 << (n - 2).min(6)).min(5_000)),
    }
}

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
        ..Default::default()
    }
}

/// The durable pull consumer of agency `me` on a family's stream: its own id and `ALL` (only
/// `ALL` for checkpoints, which are never addressed to one agency), explicit acks.
pub fn consumer_config(
    prefix: &str,
    family: Family,
    me: &AgencyId,
    ack_wait: Duration,
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
        ack_wait,
        max_ack_pending: 20_000,
        deliver_policy: jetstream::consumer::DeliverPolicy::All,
        ..Default::default()
    }
}

/// Makes sure the streams exist (creating them where allowed) and returns this agency's
/// durable pull consumer on each, filtered to its own id and `ALL`.
pub async fn ensure_consumers(
    js: &jetstream::Context,
    config: &Config,
) -> Result<Vec<(Family, jetstream::consumer::Consumer<pull::Config>)>, NatsError> {
    let prefix = &config.subject_prefix;
    let me = &config.agency;
    let mut out = Vec::new();
    for family in FAMILIES {
        let name = stream_name(prefix, family);
        let stream = match js.get_stream(&name).await {
            Ok(s) => s,
            Err(_) if config.streams.create => js
                .get_or_create_stream(stream_config(prefix, family, &config.streams))
                .await
                .map_err(|e| NatsError::JetStream(format!("creating stream {name}: {e}")))?,
            Err(e) => {
                return Err(NatsError::JetStream(format!(
                    "stream {name} is missing and streams.create is off (the hub creates it): {e}"
                )))
            }
        };
        let consumer = stream
            .get_or_create_consumer(&consumer_name(me), consumer_config(prefix, family, me, config.streams.ack_wait))
            .await
            .map_err(|e| {
                NatsError::JetStream(format!(
                    "consumer {} on {name}: {e} (on a hub with permissions, the RSO creates it with `jaring hub provision`)",
                    consumer_name(me)
                ))
            })?;
        out.push((family, consumer));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_attempt_is_not_delayed_and_later_ones_back_off() {
        // async-nats counts the first attempt as 1: a delay there postponed every start.
        assert_eq!(reconnect_delay(1), Duration::ZERO);
        assert_eq!(reconnect_delay(2), Duration::from_millis(100));
        assert_eq!(reconnect_delay(3), Duration::from_millis(200));
        assert_eq!(reconnect_delay(8), Duration::from_millis(5_000));
        assert_eq!(reconnect_delay(1_000), Duration::from_millis(5_000));
    }
}
