//! Connecting to NATS. Three sources of settings (a node's `[nats]` table, a client profile
//! written by `jaring hub config`, the CLI's `--nats/--user/...` flags) become one
//! [`NatsConfig`], and [`NatsConfig::options`] is the only place that turns settings into
//! `async_nats::ConnectOptions`: TLS through rustls, every credential kind, reconnects with
//! backoff, the agency's own inbox prefix.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

/// A NATS failure.
#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    /// Connecting failed.
    #[error("cannot connect to NATS: {0}")]
    Connect(String),
    /// A credential or profile file could not be used.
    #[error("{0}")]
    Credentials(String),
    /// A JetStream call failed.
    #[error("JetStream: {0}")]
    JetStream(String),
}

/// NATS connection settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatsConfig {
    /// One or more server URLs.
    pub servers: Vec<String>,
    /// User name (with `password`).
    pub user: Option<String>,
    /// Password (with `user`).
    pub password: Option<String>,
    /// Token authentication.
    pub token: Option<String>,
    /// A file holding an nkey seed.
    pub nkey_seed_file: Option<PathBuf>,
    /// A NATS credentials file (JWT and seed).
    pub creds_file: Option<PathBuf>,
    /// TLS settings.
    pub tls: Option<TlsConfig>,
    /// The subject prefix under which this identity reaches the JetStream API, when it is not
    /// the account's own `$JS.API` (an agency on a generated hub imports the hub account's API
    /// under [`crate::HUB_API_PREFIX`]).
    pub api_prefix: Option<String>,
}

/// TLS settings for the NATS connection.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TlsConfig {
    /// The CA that signed the hub's certificate.
    pub ca_file: Option<PathBuf>,
    /// A client certificate (mutual TLS).
    pub cert_file: Option<PathBuf>,
    /// The client certificate's key.
    pub key_file: Option<PathBuf>,
}

/// What a client profile (written by `jaring hub config`) says besides the connection.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// The connection settings, paths resolved against the profile's folder.
    pub nats: NatsConfig,
    /// The agency the profile is for.
    pub agency: Option<String>,
    /// The inbox prefix the hub lets this identity read.
    pub inbox_prefix: Option<String>,
}

impl NatsConfig {
    /// Reads a client profile; relative paths in it are taken from the profile's folder.
    pub fn from_profile(profile: &Path) -> Result<Profile, NatsError> {
        let text = Zeroizing::new(std::fs::read_to_string(profile).map_err(|e| {
            NatsError::Credentials(format!("cannot read {}: {e}", profile.display()))
        })?);
        let p: Value = serde_json::from_str(&text).map_err(|e| {
            NatsError::Credentials(format!(
                "{} is not a client profile: {e}",
                profile.display()
            ))
        })?;
        let base = profile.parent().unwrap_or(Path::new("."));
        let path = |v: &Value| v.as_str().map(|s| base.join(s));
        let text = |v: &Value| v.as_str().map(str::to_owned);
        let nats = NatsConfig {
            servers: p["servers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect(),
            user: text(&p["user"]),
            password: text(&p["password"]),
            token: None,
            nkey_seed_file: path(&p["nkey_seed_file"]),
            creds_file: path(&p["creds_file"]),
            tls: p["tls"].is_object().then(|| TlsConfig {
                ca_file: path(&p["tls"]["ca"]),
                cert_file: path(&p["tls"]["cert"]),
                key_file: path(&p["tls"]["key"]),
            }),
            api_prefix: text(&p["api_prefix"]),
        };
        Ok(Profile {
            nats,
            agency: text(&p["agency"]),
            inbox_prefix: text(&p["inbox_prefix"]),
        })
    }

    /// Fills what `self` leaves unset from `other` (flags first, then a profile).
    pub fn or(mut self, other: NatsConfig) -> NatsConfig {
        if self.servers.is_empty() {
            self.servers = other.servers;
        }
        if self.user.is_none() && self.password.is_none() {
            self.user = other.user;
            self.password = other.password;
        }
        self.token = self.token.or(other.token);
        self.nkey_seed_file = self.nkey_seed_file.or(other.nkey_seed_file);
        self.creds_file = self.creds_file.or(other.creds_file);
        self.tls = self.tls.or(other.tls);
        self.api_prefix = self.api_prefix.or(other.api_prefix);
        self
    }

    /// A JetStream context for `client` under this identity's API prefix.
    pub fn jetstream(&self, client: async_nats::Client) -> async_nats::jetstream::Context {
        match &self.api_prefix {
            Some(prefix) => async_nats::jetstream::with_prefix(client, prefix),
            None => async_nats::jetstream::new(client),
        }
    }

    /// Connection options for a daemon: credentials, TLS, `inbox_prefix` when given (an
    /// agency's own, see [`crate::inbox_prefix`]), and reconnects with backoff for ever,
    /// the first connection included (a node starts before its hub is reachable).
    pub async fn options(
        &self,
        name: &str,
        inbox_prefix: Option<&str>,
    ) -> Result<async_nats::ConnectOptions, NatsError> {
        Ok(self
            .base_options(name, inbox_prefix)
            .await?
            .retry_on_initial_connect()
            .max_reconnects(None))
    }

    async fn base_options(
        &self,
        name: &str,
        inbox_prefix: Option<&str>,
    ) -> Result<async_nats::ConnectOptions, NatsError> {
        let mut opts = async_nats::ConnectOptions::new()
            .name(name)
            .connection_timeout(Duration::from_secs(5))
            .reconnect_delay_callback(reconnect_delay);
        if let Some(prefix) = inbox_prefix {
            opts = opts.custom_inbox_prefix(prefix);
        }
        if let (Some(user), Some(password)) = (&self.user, &self.password) {
            opts = opts.user_and_password(user.clone(), password.clone());
        }
        if let Some(token) = &self.token {
            opts = opts.token(token.clone());
        }
        if let Some(seed_file) = &self.nkey_seed_file {
            let seed =
                Zeroizing::new(std::fs::read_to_string(seed_file).map_err(|e| {
                    NatsError::Credentials(format!("{}: {e}", seed_file.display()))
                })?);
            opts = opts.nkey(seed.trim().to_owned());
        }
        if let Some(creds) = &self.creds_file {
            opts = opts
                .credentials_file(creds)
                .await
                .map_err(|e| NatsError::Credentials(format!("{}: {e}", creds.display())))?;
        }
        if let Some(tls) = &self.tls {
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

    /// Connects for a one-shot tool: the first connection is tried once, so that a person is
    /// told at once that the hub is not there or refused the credentials.
    pub async fn connect_once(
        &self,
        name: &str,
        inbox_prefix: Option<&str>,
    ) -> Result<async_nats::Client, NatsError> {
        if self.servers.is_empty() {
            return Err(NatsError::Connect("no server named".into()));
        }
        let opts = self
            .base_options(name, inbox_prefix)
            .await?
            .max_reconnects(Some(3));
        opts.connect(self.servers.clone())
            .await
            .map_err(|e| NatsError::Connect(e.to_string()))
    }
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

    #[test]
    fn a_profile_resolves_paths_and_flags_win() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.json");
        std::fs::write(
            &path,
            r#"{"agency":"TH-RTP","servers":["tls://127.0.0.1:4222"],"user":"TH-RTP","password":"pw",
               "inbox_prefix":"_INBOX_TH-RTP","tls":{"ca":"ca.pem"}}"#,
        )
        .unwrap();
        let p = NatsConfig::from_profile(&path).unwrap();
        assert_eq!(p.agency.as_deref(), Some("TH-RTP"));
        assert_eq!(p.inbox_prefix.as_deref(), Some("_INBOX_TH-RTP"));
        assert_eq!(
            p.nats.tls.as_ref().unwrap().ca_file.as_deref(),
            Some(dir.path().join("ca.pem").as_path())
        );
        let flags = NatsConfig {
            servers: vec!["nats://127.0.0.1:1".into()],
            ..Default::default()
        };
        let merged = flags.or(p.nats);
        assert_eq!(merged.servers, vec!["nats://127.0.0.1:1".to_owned()]);
        assert_eq!(merged.user.as_deref(), Some("TH-RTP"));
    }
}
