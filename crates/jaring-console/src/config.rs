//! The `[console]` section of a node's configuration: where the console listens, its TLS
//! certificate, how long sessions last and which roles must use a second factor.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use jaring_api::Role;
use serde::{Deserialize, Serialize};

/// `[console]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleConfig {
    /// The address to listen on: loopback by default. Any other address needs TLS.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// A PEM certificate chain: the console is served over HTTPS (rustls) when it is set.
    #[serde(default)]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's PEM private key (a secret file: mode 0600).
    #[serde(default)]
    pub tls_key: Option<PathBuf>,
    /// A session unused for this long ends (15 minutes).
    #[serde(default = "default_idle", with = "humantime_serde")]
    pub idle_timeout: Duration,
    /// A session ends this long after login, used or not (8 hours).
    #[serde(default = "default_absolute", with = "humantime_serde")]
    pub session_lifetime: Duration,
    /// Users holding any of these roles must log in with a TOTP code as well as a password
    /// (caseworker and admin: who reads referrals, who manages users).
    #[serde(default = "default_totp_roles")]
    pub totp_required: Vec<Role>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8480))
}

fn default_idle() -> Duration {
    Duration::from_secs(15 * 60)
}

fn default_absolute() -> Duration {
    Duration::from_secs(8 * 3600)
}

fn default_totp_roles() -> Vec<Role> {
    vec![Role::Caseworker, Role::Admin]
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            tls_cert: None,
            tls_key: None,
            idle_timeout: default_idle(),
            session_lifetime: default_absolute(),
            totp_required: default_totp_roles(),
        }
    }
}

impl ConsoleConfig {
    /// Whether the console is served over TLS.
    pub fn tls(&self) -> bool {
        self.tls_cert.is_some()
    }

    /// Refuses what cannot be served safely: a non-loopback address without TLS (passwords,
    /// session cookies and referrals would cross the LAN in clear), half a TLS setting, or
    /// timeouts that make no sense.
    pub fn check(&self) -> Result<(), String> {
        match (&self.tls_cert, &self.tls_key) {
            (Some(_), None) | (None, Some(_)) => {
                return Err("console: set both tls_cert and tls_key, or neither".into())
            }
            _ => {}
        }
        if !self.listen.ip().is_loopback() && !self.tls() {
            return Err(format!(
                "console: listen = \"{}\" is not a loopback address and no certificate is set: \
                 passwords, session cookies and referrals would cross the network in clear; set \
                 console.tls_cert and console.tls_key, or listen on 127.0.0.1",
                self.listen
            ));
        }
        if self.idle_timeout.is_zero() || self.session_lifetime < self.idle_timeout {
            return Err(
                "console: idle_timeout must be above zero and no longer than session_lifetime"
                    .into(),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lan_address_without_tls_is_refused_with_the_reason() {
        let c = ConsoleConfig {
            listen: "192.0.2.10:8480"
                .parse()
                .unwrap_or_else(|_| default_listen()),
            ..ConsoleConfig::default()
        };
        let e = c.check().err().unwrap_or_default();
        assert!(e.contains("in clear"), "{e}");
        let tls = ConsoleConfig {
            tls_cert: Some("c.pem".into()),
            tls_key: Some("k.pem".into()),
            ..c
        };
        assert_eq!(tls.check(), Ok(()));
        assert_eq!(ConsoleConfig::default().check(), Ok(()));
        let half = ConsoleConfig {
            tls_cert: Some("c.pem".into()),
            ..ConsoleConfig::default()
        };
        assert!(half.check().is_err());
    }
}
