//! Figures an operator can watch, in the Prometheus text format (OpenMetrics), on an opt-in
//! listener (`metrics.listen`, loopback unless `metrics.allow_remote`).
//!
//! Counters move where things happen (receiving, sending, refusing, committing, the API);
//! gauges that mirror the store or the hub (deliveries pending, receipts owed, consumer lag,
//! the directory) are read when the metrics are scraped, so an idle node does no work for
//! them. Only counts, codes, families and routes: never an id, a sender or a body.

use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex};

use jaring_core::body::Family as MessageFamily;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

/// One label and its value.
type Labels = Vec<(&'static str, String)>;

/// Every figure of a node.
pub struct Metrics {
    registry: Mutex<Registry>,
    sent: Family<Labels, Counter>,
    received: Family<Labels, Counter>,
    refused: Family<Labels, Counter>,
    /// Time to commit a received batch or a group of sent messages, in seconds.
    pub commit_seconds: Histogram,
    /// Checkpoint alarms raised about peers.
    pub checkpoint_alarms: Counter,
    /// Decrypted bodies shown to a person.
    pub views: Counter,
    /// Publishes the hub answered with a refusal (a full subject, too large): counted as an
    /// attempt, so a publish that can never succeed ends `failed`.
    pub publish_refused: Counter,
    /// Messages given up on after their last delivery, quarantined as `undeliverable`.
    pub undeliverable: Counter,
    /// Refusals not kept because their publisher was over its quarantine quota.
    pub quarantine_dropped: Counter,
    /// Requests refused for want of a role, or from an unknown caller.
    pub denied: Counter,
    /// Console logins refused (wrong password or second factor, locked out).
    pub logins_refused: Counter,
    api: Family<Labels, Counter>,
    console: Family<Labels, Counter>,
    csp: Family<Labels, Counter>,
    lag: Family<Labels, Gauge<i64, AtomicI64>>,
    deliveries: Family<Labels, Gauge<i64, AtomicI64>>,
    receipts_owed: Gauge<i64, AtomicI64>,
    quarantined: Gauge<i64, AtomicI64>,
    directory_serial: Gauge<i64, AtomicI64>,
    directory_expiry: Gauge<i64, AtomicI64>,
    connected: Gauge<i64, AtomicI64>,
    /// 1 while the store commits what arrives, 0 while it cannot (a full disk, say).
    pub store_writable: Gauge<i64, AtomicI64>,
    /// The last scrape's text: a scrape within [`SCRAPE_REUSE`] of it gets the same, so that
    /// scraping in a loop cannot hold the store (its counts) and the hub (consumer info) busy.
    last: Mutex<Option<(std::time::Instant, String)>>,
}

/// How long a scrape's text is served again.
pub const SCRAPE_REUSE: std::time::Duration = std::time::Duration::from_secs(1);

impl Default for Metrics {
    fn default() -> Self {
        let mut r = Registry::with_prefix("jaring");
        let mut m = Self {
            registry: Mutex::new(Registry::default()),
            sent: Family::default(),
            received: Family::default(),
            refused: Family::default(),
            commit_seconds: Histogram::new(exponential_buckets(0.000_25, 2.0, 16)),
            checkpoint_alarms: Counter::default(),
            views: Counter::default(),
            publish_refused: Counter::default(),
            undeliverable: Counter::default(),
            quarantine_dropped: Counter::default(),
            denied: Counter::default(),
            logins_refused: Counter::default(),
            api: Family::default(),
            console: Family::default(),
            csp: Family::default(),
            lag: Family::default(),
            deliveries: Family::default(),
            receipts_owed: Gauge::default(),
            quarantined: Gauge::default(),
            directory_serial: Gauge::default(),
            directory_expiry: Gauge::default(),
            connected: Gauge::default(),
            store_writable: Gauge::default(),
            last: Mutex::new(None),
        };
        r.register("messages_sent", "Messages sent, per family", m.sent.clone());
        r.register(
            "messages_received",
            "Messages received and stored, per family",
            m.received.clone(),
        );
        r.register(
            "messages_refused",
            "Envelopes refused (quarantined), per spec error code",
            m.refused.clone(),
        );
        r.register(
            "commit_seconds",
            "Time to commit a batch to the store",
            m.commit_seconds.clone(),
        );
        r.register(
            "checkpoint_alarms",
            "Alarms raised about peers' audit checkpoints",
            m.checkpoint_alarms.clone(),
        );
        r.register(
            "bodies_viewed",
            "Decrypted bodies shown to a person (each audited)",
            m.views.clone(),
        );
        r.register(
            "publish_refused",
            "Publishes the hub refused (a full subject, too large); each counts as an attempt",
            m.publish_refused.clone(),
        );
        r.register(
            "undeliverable",
            "Received messages given up on after their last delivery (quarantined as undeliverable)",
            m.undeliverable.clone(),
        );
        r.register(
            "quarantine_dropped",
            "Refusals not kept because their publisher was over its quarantine quota (coalesced in the audit log)",
            m.quarantine_dropped.clone(),
        );
        r.register(
            "api_denied",
            "API requests refused for want of a role or from an unknown caller",
            m.denied.clone(),
        );
        r.register(
            "logins_refused",
            "Console logins refused",
            m.logins_refused.clone(),
        );
        r.register(
            "console_events",
            "Console events (logins, failures, lockouts, logouts, cross-origin refusals), per event",
            m.console.clone(),
        );
        r.register(
            "console_csp_violations",
            "Content-Security-Policy violations reported by browsers, per directive",
            m.csp.clone(),
        );
        r.register(
            "api_requests",
            "Local API requests, per route and HTTP status",
            m.api.clone(),
        );
        r.register(
            "consumer_lag_messages",
            "Messages waiting at the hub for this node, per family",
            m.lag.clone(),
        );
        r.register(
            "deliveries",
            "Deliveries of sent messages, per state (pending, failed)",
            m.deliveries.clone(),
        );
        r.register(
            "receipts_owed",
            "Receipts this node owes its senders",
            m.receipts_owed.clone(),
        );
        r.register(
            "quarantined",
            "Envelopes held in quarantine",
            m.quarantined.clone(),
        );
        r.register(
            "directory_serial",
            "Serial of the directory in force",
            m.directory_serial.clone(),
        );
        r.register(
            "directory_expiry_seconds",
            "Seconds until the directory in force expires (negative: expired)",
            m.directory_expiry.clone(),
        );
        r.register(
            "nats_connected",
            "1 while connected to the hub",
            m.connected.clone(),
        );
        r.register(
            "store_writable",
            "1 while the store commits what arrives, 0 while it cannot (nothing is acknowledged then)",
            m.store_writable.clone(),
        );
        m.store_writable.set(1);
        m.registry = Mutex::new(r);
        m
    }
}

/// What the scrape reads from the node and the store.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Per family, messages waiting at the hub.
    pub lag: Vec<(String, u64)>,
    /// Deliveries pending.
    pub pending: i64,
    /// Deliveries failed.
    pub failed: i64,
    /// Receipts owed.
    pub receipts_owed: i64,
    /// Envelopes in quarantine.
    pub quarantined: i64,
    /// Directory serial.
    pub directory_serial: u64,
    /// Seconds to directory expiry.
    pub directory_expiry: i64,
    /// Whether connected to the hub.
    pub connected: bool,
}

impl Metrics {
    /// A message of `family` was sent.
    pub fn sent(&self, family: MessageFamily) {
        self.sent
            .get_or_create(&vec![("family", family.as_str().to_owned())])
            .inc();
    }

    /// A message of `family` was received and stored.
    pub fn received(&self, family: MessageFamily) {
        self.received
            .get_or_create(&vec![("family", family.as_str().to_owned())])
            .inc();
    }

    /// An envelope was refused with `code`.
    pub fn refused(&self, code: &str) {
        self.refused
            .get_or_create(&vec![("code", code.to_owned())])
            .inc();
    }

    /// A console event (its name is one of the console's constants).
    pub fn console_event(&self, event: &'static str) {
        if event.starts_with("console-login-") {
            self.logins_refused.inc();
        }
        self.console
            .get_or_create(&vec![("event", event.to_owned())])
            .inc();
    }

    /// A browser reported a CSP violation of `directive` (one of a fixed set: the console
    /// maps anything else to `other`, so a forged report cannot grow the label set).
    pub fn console_csp_violation(&self, directive: &str) {
        self.csp
            .get_or_create(&vec![("directive", directive.to_owned())])
            .inc();
    }

    /// An API request to `route` was answered with `status`.
    pub fn api_request(&self, route: &str, status: u16) {
        self.api
            .get_or_create(&vec![
                ("route", route.to_owned()),
                ("status", status.to_string()),
            ])
            .inc();
    }

    /// The last scrape's text, if it is recent enough to serve again.
    pub fn recent(&self) -> Option<String> {
        let last = self.last.lock().ok()?;
        last.as_ref()
            .filter(|(at, _)| at.elapsed() < SCRAPE_REUSE)
            .map(|(_, text)| text.clone())
    }

    /// The text of a scrape, with the gauges set from `s`.
    pub fn render(&self, s: &Snapshot) -> String {
        for (family, n) in &s.lag {
            self.lag
                .get_or_create(&vec![("family", family.clone())])
                .set(i64::try_from(*n).unwrap_or(i64::MAX));
        }
        self.deliveries
            .get_or_create(&vec![("state", "pending".to_owned())])
            .set(s.pending);
        self.deliveries
            .get_or_create(&vec![("state", "failed".to_owned())])
            .set(s.failed);
        self.receipts_owed.set(s.receipts_owed);
        self.quarantined.set(s.quarantined);
        self.directory_serial
            .set(i64::try_from(s.directory_serial).unwrap_or(i64::MAX));
        self.directory_expiry.set(s.directory_expiry);
        self.connected.set(i64::from(s.connected));
        let mut out = String::new();
        if let Ok(registry) = self.registry.lock() {
            if encode(&mut out, &registry).is_err() {
                out.clear();
            }
        }
        if let Ok(mut last) = self.last.lock() {
            *last = Some((std::time::Instant::now(), out.clone()));
        }
        out
    }
}

/// Serves `/metrics` on `listen` until shutdown.
pub async fn serve(
    node: Arc<crate::Node>,
    listen: std::net::SocketAddr,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("metrics.listen: cannot listen on {listen}"))?;
    tracing::info!(%listen, "metrics listener");
    let app = axum::Router::new()
        .route(
            "/metrics",
            get(
                |axum::extract::State(node): axum::extract::State<Arc<crate::Node>>| async move {
                    let text = node.metrics_text().await;
                    (
                        [(
                            axum::http::header::CONTENT_TYPE,
                            "application/openmetrics-text; version=1.0.0; charset=utf-8",
                        )],
                        text,
                    )
                },
            ),
        )
        .with_state(node);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|s| *s).await;
        })
        .await
        .context("metrics listener")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_gauges_appear_in_the_text() {
        let m = Metrics::default();
        m.sent(MessageFamily::Alert);
        m.refused("bad-signature");
        m.api_request("GET /v1/status", 200);
        let text = m.render(&Snapshot {
            lag: vec![("alert".into(), 7)],
            directory_serial: 3,
            ..Default::default()
        });
        assert!(
            text.contains("jaring_messages_sent_total{family=\"alert\"} 1"),
            "{text}"
        );
        assert!(text.contains("jaring_messages_refused_total{code=\"bad-signature\"} 1"));
        assert!(text.contains("jaring_consumer_lag_messages{family=\"alert\"} 7"));
        assert!(text.contains("jaring_directory_serial 3"));
        assert!(
            text.contains("jaring_api_requests_total{route=\"GET /v1/status\",status=\"200\"} 1")
        );
        assert!(text.ends_with("# EOF\n"));
    }
}
