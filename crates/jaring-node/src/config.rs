//! The node's TOML configuration (see `config/node.example.toml`). Every error is one line that
//! names the key, and all of it is checked before anything starts.

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use jaring_bus::{NatsConfig, StreamsConfig, TlsConfig};
use jaring_core::subject::{check_prefix, DEFAULT_PREFIX};
use jaring_core::AgencyId;
use serde::{Deserialize, Serialize};

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {key}: {reason}")]
pub struct ConfigError {
    /// The config file.
    pub file: String,
    /// The offending key (dotted), or `-` for the file as a whole.
    pub key: String,
    /// What is wrong and how to fix it.
    pub reason: String,
}

/// The whole configuration of one node.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// This agency's id.
    pub agency: AgencyId,
    /// The agency's secret key file (mode 0600).
    pub key_file: PathBuf,
    /// The pinned trust file.
    pub trust_file: PathBuf,
    /// Where the store, audit log and socket live.
    pub data_dir: PathBuf,
    /// The subject prefix (spec §6).
    #[serde(default = "default_prefix")]
    pub subject_prefix: String,
    /// Where the directory comes from.
    pub directory: DirectoryConfig,
    /// How to reach NATS.
    pub nats: NatsConfig,
    /// The local API.
    #[serde(default)]
    pub api: ApiConfig,
    /// JetStream streams.
    #[serde(default)]
    pub streams: StreamsConfig,
    /// Local retention of stored messages.
    #[serde(default)]
    pub retention: RetentionConfig,
    /// Receipt batching.
    #[serde(default)]
    pub receipts: ReceiptsConfig,
    /// Delivery tracking and republishing.
    #[serde(default)]
    pub delivery: DeliveryConfig,
    /// Audit checkpoints.
    #[serde(default)]
    pub audit: AuditConfig,
    /// The Prometheus metrics listener (off unless `listen` is set).
    #[serde(default)]
    pub metrics: MetricsConfig,
    /// Other keys of this agency, held to open messages (a key rotation).
    #[serde(default)]
    pub keys: KeysConfig,
    /// `[console]`: the web console; absent, no console is served.
    #[serde(default)]
    pub console: Option<jaring_console::ConsoleConfig>,
    /// `[correlation]`: how alerts are linked.
    #[serde(default)]
    pub correlation: CorrelationConfig,
    /// `[taxii]`: the TAXII 2.1 feed of STIX objects; absent, no feed is served.
    #[serde(default)]
    pub taxii: Option<TaxiiConfig>,
    /// `[stix]`: whether alerts are turned into STIX objects without a feed (for
    /// `jaring stix export`).
    #[serde(default)]
    pub stix: StixConfig,
    /// `[pq]`: which kinds must travel under the post-quantum key wrap only.
    #[serde(default)]
    pub pq: PqConfig,
}

/// `[pq]`: the post-quantum key wrap (spec §8). A node always seals to an agency's X-Wing key
/// when the directory lists one; `require` makes the listed kinds refuse, before sealing, any
/// recipient (the sending agency itself included) whose key has no X-Wing half, because one
/// classical wrap of an envelope's content key exposes it to whoever records it today and
/// breaks X25519 later.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PqConfig {
    /// The kinds that need every recipient to hold an X-Wing key, e.g. `["victim-referral",
    /// "referral-status"]`.
    #[serde(default)]
    pub require: Vec<jaring_core::Kind>,
}

impl PqConfig {
    /// Refuses `receipt`: receipts carry no content, and the node sends them by itself, so
    /// refusing one would only have its sender republish the message forever.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if self.require.contains(&jaring_core::Kind::Receipt) {
            return Err((
                "pq.require",
                "receipt cannot be required: receipts carry no content".into(),
            ));
        }
        Ok(())
    }
}

/// `[stix]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StixConfig {
    /// Turn every alert stored into STIX objects, as a node with a `[taxii]` feed does
    /// (which needs nothing here). Off by default: it costs the store's writer about as much
    /// again as storing the alert, which a catch-up after an outage feels.
    #[serde(default)]
    pub derive: bool,
}

impl Config {
    /// Whether this node turns alerts into STIX objects as it stores them.
    pub fn derives_stix(&self) -> bool {
        self.taxii.is_some() || self.stix.derive
    }
}

/// `[taxii]`: where the TAXII 2.1 feed listens. Its users are the node's users with the role
/// `feed` (HTTP Basic, their console password).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxiiConfig {
    /// The address: loopback by default; any other address needs TLS.
    #[serde(default = "default_taxii_listen")]
    pub listen: std::net::SocketAddr,
    /// A PEM certificate chain: the feed is served over HTTPS (rustls) when it is set.
    #[serde(default)]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's PEM private key (a secret file: mode 0600).
    #[serde(default)]
    pub tls_key: Option<PathBuf>,
}

fn default_taxii_listen() -> std::net::SocketAddr {
    std::net::SocketAddr::from(([127, 0, 0, 1], 8490))
}

impl Default for TaxiiConfig {
    fn default() -> Self {
        Self {
            listen: default_taxii_listen(),
            tls_cert: None,
            tls_key: None,
        }
    }
}

impl TaxiiConfig {
    /// Refuses half a TLS setting, and a non-loopback address without TLS: feed passwords
    /// and alert content would cross the network in clear.
    pub fn check(&self) -> Result<(), String> {
        if self.tls_cert.is_some() != self.tls_key.is_some() {
            return Err("taxii: set both tls_cert and tls_key, or neither".into());
        }
        if !self.listen.ip().is_loopback() && self.tls_cert.is_none() {
            return Err(format!(
                "taxii: listen = \"{}\" is not a loopback address and no certificate is set: feed \
                 passwords and alert content would cross the network in clear; set taxii.tls_cert \
                 and taxii.tls_key, or listen on 127.0.0.1",
                self.listen
            ));
        }
        Ok(())
    }
}

/// How alerts are linked (the index itself is always kept; these decide how it is read, so a
/// change takes effect at the next start without a rebuild).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorrelationConfig {
    /// Places within this many kilometres of each other (each one's `precision_m` allowed
    /// for) are suggested as the same place.
    pub radius_km: f64,
    /// A value seen in more alerts than this stops linking them and is flagged, as MISP's
    /// correlation limit: a value everyone has says nothing.
    pub max_per_value: u64,
    /// Values that never link alerts: globs (`*`, `?`) over normalised values, optionally
    /// scoped to a facet (`phone:+85599*`, `domain:*.gov.example`), case-insensitive.
    pub exclude: Vec<String>,
}

impl Default for CorrelationConfig {
    fn default() -> Self {
        Self {
            radius_km: 25.0,
            max_per_value: 50,
            exclude: Vec::new(),
        }
    }
}

/// Keys besides `key_file` (which signs): during a rotation the node opens messages sealed to
/// any of them, so nothing sealed to the next key (once the directory lists it) or to an older
/// one (earlier messages, senders not yet updated) is refused or lost.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeysConfig {
    /// Secret key files (0600) of this agency, newer or older than `key_file`.
    #[serde(default)]
    pub extra: Vec<PathBuf>,
}

/// The metrics listener.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsConfig {
    /// Where to serve `/metrics`, e.g. `127.0.0.1:9464`; unset, no listener.
    pub listen: Option<std::net::SocketAddr>,
    /// Allow a non-loopback address. The figures hold no content, but message rates per
    /// family are traffic metadata: expose them beyond the host only on purpose.
    #[serde(default)]
    pub allow_remote: bool,
}

/// How often the node copies its audit entries to the audit file, and signs and publishes a
/// checkpoint of its audit log.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditConfig {
    /// How long new entries may wait in the store (where they are already durable, written in
    /// the same transaction as what they record) before they are appended to the audit file.
    /// Entries that come together share one append and one sync.
    #[serde(with = "humantime_serde")]
    pub flush_delay: Duration,
    /// A checkpoint after this many new entries...
    pub checkpoint_every: u64,
    /// ... or this long after the last one, if anything was logged since.
    #[serde(with = "humantime_serde")]
    pub checkpoint_interval: Duration,
}

impl Default for AuditConfig {
    fn default() -> Self {
        Self {
            flush_delay: Duration::from_millis(100),
            checkpoint_every: 1000,
            checkpoint_interval: Duration::from_secs(60),
        }
    }
}

fn default_prefix() -> String {
    DEFAULT_PREFIX.into()
}

/// Where the directory comes from: a file, the hub's key-value bucket, or both (the file is
/// the starting point and the bucket brings newer versions).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectoryConfig {
    /// A signed directory file.
    pub file: Option<PathBuf>,
    /// A JetStream key-value bucket to follow.
    pub kv_bucket: Option<String>,
    /// Warn (status, metrics, audit `directory-expiring`) this long before the directory in
    /// force expires; the RSO must have published a newer one by then.
    #[serde(default = "default_warn_before", with = "humantime_serde")]
    pub warn_before: Duration,
    /// How often to read the bucket's directory (a direct get of one key).
    #[serde(default = "default_poll_interval", with = "humantime_serde")]
    pub poll_interval: Duration,
}

fn default_poll_interval() -> Duration {
    Duration::from_secs(5)
}

fn default_warn_before() -> Duration {
    Duration::from_secs(7 * 86_400)
}

impl Default for DirectoryConfig {
    fn default() -> Self {
        Self {
            file: None,
            kv_bucket: None,
            warn_before: default_warn_before(),
            poll_interval: default_poll_interval(),
        }
    }
}

/// The local API.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiConfig {
    /// The Unix socket (default `<data_dir>/jaringd.sock`).
    pub socket: Option<PathBuf>,
}

/// Local retention: referrals name people, so they are erased when no longer needed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionConfig {
    /// Referrals (and their status messages) are erased this long after they were stored.
    #[serde(with = "humantime_serde")]
    pub referrals: Duration,
    /// Closed referrals are erased this long after they were closed.
    #[serde(with = "humantime_serde")]
    pub closed_referrals: Duration,
    /// Quarantined envelopes other than referrals are erased this long after they were
    /// refused (quarantined referrals go with `referrals`).
    #[serde(with = "humantime_serde")]
    pub quarantine: Duration,
    /// Alerts (with their updates, cancels and correlation index rows) are erased this long
    /// after they were stored.
    #[serde(with = "humantime_serde")]
    pub alerts: Duration,
    /// How often to look for expired data.
    #[serde(with = "humantime_serde")]
    pub sweep_interval: Duration,
    /// Bytes of refused envelopes kept per publisher (the sender token of the subject, which
    /// the hub enforces), each row counting 512 bytes besides what it keeps. Beyond it a
    /// publisher's refusals are counted and audited once a minute, not kept.
    pub quarantine_per_publisher: u64,
}

impl Default for RetentionConfig {
    fn default() -> Self {
        Self {
            referrals: days(180),
            closed_referrals: days(30),
            quarantine: days(30),
            alerts: days(5 * 365),
            sweep_interval: Duration::from_secs(3600),
            quarantine_per_publisher: crate::store::DEFAULT_QUARANTINE_QUOTA,
        }
    }
}

/// Receipt batching.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReceiptsConfig {
    /// How long receipts owed to one sender are gathered (at most 1 s).
    #[serde(with = "humantime_serde")]
    pub batch_window: Duration,
}

impl Default for ReceiptsConfig {
    fn default() -> Self {
        Self {
            batch_window: Duration::from_millis(200),
        }
    }
}

/// Delivery tracking: republish to a recipient whose receipt is overdue.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeliveryConfig {
    /// First republish when no receipt came within this time (keep it above the duplicate
    /// window, or JetStream drops the republished copy as a duplicate).
    #[serde(with = "humantime_serde")]
    pub resend_after: Duration,
    /// Each further wait is this many times the previous one.
    pub backoff: f64,
    /// After this many publishes without a receipt, the delivery is reported as failed.
    pub max_attempts: u32,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            resend_after: Duration::from_secs(300),
            backoff: 2.0,
            max_attempts: 8,
        }
    }
}

impl Config {
    /// Reads, resolves (relative paths are relative to the config file) and checks a config.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            key: "-".into(),
            reason: format!("cannot read: {e}"),
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let reason = e.message().to_owned();
            let key = e
                .span()
                .and_then(|span| text.get(..span.start))
                .map(|before| format!("line {}", before.lines().count().max(1)))
                .unwrap_or_else(|| "-".into());
            ConfigError {
                file: file.clone(),
                key,
                reason,
            }
        })?;
        if config.nats.password.is_some() || config.nats.token.is_some() {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path)
                .map(|m| m.permissions().mode())
                .map_err(|e| ConfigError {
                    file: file.clone(),
                    key: "-".into(),
                    reason: format!("cannot read its permissions: {e}"),
                })?;
            if mode & 0o077 != 0 {
                return Err(ConfigError {
                    file,
                    key: "nats".into(),
                    reason: format!(
                        "the file holds a NATS password or token but is readable by others (mode {:o}): chmod 600 it",
                        mode & 0o777
                    ),
                });
            }
        }
        let base = path.parent().unwrap_or(Path::new("."));
        config.resolve(base);
        config.check().map_err(|(key, reason)| ConfigError {
            file,
            key: key.into(),
            reason,
        })?;
        Ok(config)
    }

    fn resolve(&mut self, base: &Path) {
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        fix(&mut self.key_file);
        fix(&mut self.trust_file);
        fix(&mut self.data_dir);
        if let Some(f) = self.directory.file.as_mut() {
            fix(f);
        }
        for p in self.keys.extra.iter_mut() {
            fix(p);
        }
        for p in [
            &mut self.nats.nkey_seed_file,
            &mut self.nats.creds_file,
            &mut self.api.socket,
        ]
        .into_iter()
        .flatten()
        {
            fix(p);
        }
        if let Some(t) = self.taxii.as_mut() {
            for p in [&mut t.tls_cert, &mut t.tls_key].into_iter().flatten() {
                fix(p);
            }
        }
        if let Some(tls) = self.nats.tls.as_mut() {
            for p in [&mut tls.ca_file, &mut tls.cert_file, &mut tls.key_file]
                .into_iter()
                .flatten()
            {
                fix(p);
            }
        }
    }

    fn check(&self) -> Result<(), (&'static str, String)> {
        check_prefix(&self.subject_prefix).map_err(|e| ("subject_prefix", e))?;
        let exists = |key: &'static str, p: &Path| {
            if p.is_file() {
                Ok(())
            } else {
                Err((key, format!("{} does not exist", p.display())))
            }
        };
        exists("key_file", &self.key_file)?;
        for p in &self.keys.extra {
            exists("keys.extra", p)?;
        }
        exists("trust_file", &self.trust_file)?;
        if self.directory.file.is_none() && self.directory.kv_bucket.is_none() {
            return Err((
                "directory",
                "set directory.file, directory.kv_bucket, or both".into(),
            ));
        }
        if let Some(f) = &self.directory.file {
            exists("directory.file", f)?;
        }
        if self.nats.servers.is_empty() {
            return Err((
                "nats.servers",
                "name at least one server, e.g. [\"tls://hub.example:4222\"]".into(),
            ));
        }
        for url in &self.nats.servers {
            if !(url.starts_with("nats://") || url.starts_with("tls://")) {
                return Err((
                    "nats.servers",
                    format!("`{url}` must start with nats:// or tls://"),
                ));
            }
        }
        let n = &self.nats;
        let methods = [
            n.user.is_some() || n.password.is_some(),
            n.token.is_some(),
            n.nkey_seed_file.is_some(),
            n.creds_file.is_some(),
        ];
        if methods.iter().filter(|m| **m).count() > 1 {
            return Err((
                "nats",
                "use one of user/password, token, nkey_seed_file or creds_file".into(),
            ));
        }
        if n.user.is_some() != n.password.is_some() {
            return Err(("nats.password", "user and password go together".into()));
        }
        if let Some(f) = &n.nkey_seed_file {
            exists("nats.nkey_seed_file", f)?;
        }
        if let Some(f) = &n.creds_file {
            exists("nats.creds_file", f)?;
        }
        if let Some(tls) = &n.tls {
            if let Some(f) = &tls.ca_file {
                exists("nats.tls.ca_file", f)?;
            }
            match (&tls.cert_file, &tls.key_file) {
                (Some(c), Some(k)) => {
                    exists("nats.tls.cert_file", c)?;
                    exists("nats.tls.key_file", k)?;
                }
                (None, None) => {}
                _ => return Err(("nats.tls", "cert_file and key_file go together".into())),
            }
        }
        if let Some(t) = &self.taxii {
            t.check().map_err(|e| ("taxii", e))?;
        }
        if self.receipts.batch_window > Duration::from_secs(1) {
            return Err((
                "receipts.batch_window",
                "must be at most 1s (spec §5)".into(),
            ));
        }
        if self.streams.replicas == 0 || self.streams.replicas > 5 {
            return Err(("streams.replicas", "must be between 1 and 5".into()));
        }
        if !(1.0..=10.0).contains(&self.delivery.backoff) {
            return Err(("delivery.backoff", "must be between 1.0 and 10.0".into()));
        }
        if !(1..=100).contains(&self.delivery.max_attempts) {
            return Err(("delivery.max_attempts", "must be between 1 and 100".into()));
        }
        // Durations that pace loops or feed the hub: zero would spin or be refused by the
        // server; absurdly long ones would overflow the arithmetic built on them.
        let year = Duration::from_secs(366 * 86_400);
        for (key, d, least) in [
            (
                "streams.ack_wait",
                self.streams.ack_wait,
                Duration::from_secs(1),
            ),
            (
                "streams.duplicate_window",
                self.streams.duplicate_window,
                Duration::from_secs(1),
            ),
            (
                "streams.alerts_max_age",
                self.streams.alerts_max_age,
                Duration::from_secs(60),
            ),
            (
                "streams.referrals_max_age",
                self.streams.referrals_max_age,
                Duration::from_secs(60),
            ),
            (
                "streams.receipts_max_age",
                self.streams.receipts_max_age,
                Duration::from_secs(60),
            ),
            (
                "directory.poll_interval",
                self.directory.poll_interval,
                Duration::from_millis(100),
            ),
            (
                "delivery.resend_after",
                self.delivery.resend_after,
                Duration::from_secs(1),
            ),
            (
                "retention.sweep_interval",
                self.retention.sweep_interval,
                Duration::from_millis(100),
            ),
            (
                "audit.checkpoint_interval",
                self.audit.checkpoint_interval,
                Duration::from_millis(100),
            ),
        ] {
            if d < least {
                return Err((
                    key,
                    format!(
                        "must be at least {}",
                        humantime_serde::re::humantime::format_duration(least)
                    ),
                ));
            }
            if d > 100 * year {
                return Err((key, "must be at most 100 years".into()));
            }
        }
        if self.retention.referrals > 100 * year {
            return Err(("retention.referrals", "must be at most 100 years".into()));
        }
        if self.retention.alerts > 100 * year {
            return Err(("retention.alerts", "must be at most 100 years".into()));
        }
        let c = &self.correlation;
        if !(c.radius_km.is_finite() && (0.1..=500.0).contains(&c.radius_km)) {
            return Err((
                "correlation.radius_km",
                "must be between 0.1 and 500".into(),
            ));
        }
        if !(2..=100_000).contains(&c.max_per_value) {
            return Err((
                "correlation.max_per_value",
                "must be between 2 and 100000".into(),
            ));
        }
        if let Err(e) = jaring_correlate::Exclusions::new(&c.exclude) {
            return Err(("correlation.exclude", e.to_string()));
        }
        self.pq.check()?;
        if self.audit.flush_delay > Duration::from_secs(10) {
            return Err(("audit.flush_delay", "must be 10s or less".into()));
        }
        if let Some(addr) = self.metrics.listen {
            if !addr.ip().is_loopback() && !self.metrics.allow_remote {
                return Err((
                    "metrics.listen",
                    format!("{addr} is not a loopback address: use 127.0.0.1, or set metrics.allow_remote = true on purpose"),
                ));
            }
        }
        if self.audit.checkpoint_every == 0 {
            return Err(("audit.checkpoint_every", "must be 1 or more".into()));
        }
        if self.retention.closed_referrals > self.retention.referrals {
            return Err((
                "retention.closed_referrals",
                "must not exceed retention.referrals".into(),
            ));
        }
        Ok(())
    }

    /// The socket path.
    pub fn socket_path(&self) -> PathBuf {
        self.api
            .socket
            .clone()
            .unwrap_or_else(|| self.data_dir.join("jaringd.sock"))
    }
}

fn days(n: u64) -> Duration {
    Duration::from_secs(n * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A config with `extra` appended, parsed and its `[pq]` checked (the rest of `check`
    /// wants files that exist).
    fn with(extra: &str) -> Result<Config, String> {
        let text = format!(
            "agency = \"TH-RTP\"\nkey_file = \"k\"\ntrust_file = \"t\"\ndata_dir = \"d\"\n\
             [directory]\nfile = \"dir.json\"\n[nats]\nservers = [\"nats://127.0.0.1:4222\"]\n{extra}"
        );
        let config: Config = toml::from_str(&text).map_err(|e| e.message().to_owned())?;
        config
            .pq
            .check()
            .map_err(|(key, reason)| format!("{key}: {reason}"))?;
        Ok(config)
    }

    #[test]
    fn pq_require_names_kinds_and_refuses_receipts() {
        assert!(with("").unwrap().pq.require.is_empty());
        let config = with("[pq]\nrequire = [\"victim-referral\", \"referral-status\"]\n").unwrap();
        assert_eq!(
            config.pq.require,
            [
                jaring_core::Kind::VictimReferral,
                jaring_core::Kind::ReferralStatus
            ]
        );
        let err = with("[pq]\nrequire = [\"victim-refferal\"]\n").unwrap_err();
        assert!(err.contains("victim-refferal"), "{err}");
        let err = with("[pq]\nrequire = [\"receipt\"]\n").unwrap_err();
        assert!(err.starts_with("pq.require: "), "{err}");
        let err = with("[pq]\nrequired = [\"victim-referral\"]\n").unwrap_err();
        assert!(err.contains("required"), "{err}");
    }
}
