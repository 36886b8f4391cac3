//! The TAXII feed (crate `jaring-taxii`) on this node: its [`Backend`] over the store, and its
//! listener.
//!
//! Feed users are the node's users with the role `feed`, authenticated with HTTP Basic and
//! their console password (argon2). A TAXII client sends the password with every request, and
//! argon2 is deliberately slow (tens of milliseconds), so a successful check is remembered for
//! [`REMEMBER`]: under a keyed hash (HMAC-SHA-256 with a key made at start) of the name, the
//! password and the stored hash, so the password itself is never kept, and a changed
//! password (a new stored hash) or a removed user is never let in from memory. Failures go
//! through the console's throttle (per name and per address) and are audited; so is every read.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::http::StatusCode;
use jaring_api::Role;
use jaring_console::throttle::{Gate, Throttle};
use jaring_core::body::Tlp;
use jaring_taxii::query::ObjectQuery;
use jaring_taxii::{Reader, StoredObject, TaxiiError, COLLECTIONS};
use ring::hmac;
use serde_json::json;
use tokio::sync::watch;

use crate::config::TaxiiConfig;
use crate::node::{blocking, Node};

/// How long a verified password is taken without hashing it again.
pub const REMEMBER: Duration = Duration::from_secs(300);
/// The most verified passwords remembered (the table is emptied when full).
const REMEMBERED_MAX: usize = 1024;

/// The feed's view of the node.
pub struct NodeFeed {
    node: Arc<Node>,
    throttle: Throttle,
    key: hmac::Key,
    verified: Mutex<HashMap<Vec<u8>, Instant>>,
}

impl NodeFeed {
    /// A feed over `node`.
    pub fn new(node: Arc<Node>) -> anyhow::Result<Self> {
        let rng = ring::rand::SystemRandom::new();
        let key = hmac::Key::generate(hmac::HMAC_SHA256, &rng)
            .map_err(|_| anyhow::anyhow!("taxii: no randomness for the password cache's key"))?;
        Ok(Self {
            node,
            throttle: Throttle::default(),
            key,
            verified: Mutex::new(HashMap::new()),
        })
    }

    fn tag(&self, name: &str, password: &str, phc: &str) -> Vec<u8> {
        let mut ctx = hmac::Context::with_key(&self.key);
        for part in [name, password, phc] {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part.as_bytes());
        }
        ctx.sign().as_ref().to_vec()
    }

    fn remembered(&self, tag: &[u8]) -> bool {
        self.verified
            .lock()
            .map(|m| m.get(tag).is_some_and(|at| at.elapsed() < REMEMBER))
            .unwrap_or(false)
    }

    fn remember(&self, tag: Vec<u8>) {
        if let Ok(mut m) = self.verified.lock() {
            if m.len() >= REMEMBERED_MAX {
                m.retain(|_, at| at.elapsed() < REMEMBER);
                if m.len() >= REMEMBERED_MAX {
                    m.clear();
                }
            }
            m.insert(tag, Instant::now());
        }
    }

    async fn audit(&self, event: &'static str, user: &str, detail: serde_json::Value) -> bool {
        let store = self.node.store.clone();
        let user = user.to_owned();
        let done = blocking(move || store.console_event(event, &user, detail)).await;
        self.node.audit_due();
        match done {
            Ok(Ok(())) => true,
            Ok(Err(e)) => {
                tracing::error!(error = %e, event, "taxii: cannot audit");
                false
            }
            Err(e) => {
                tracing::error!(error = %e, event, "taxii: cannot audit");
                false
            }
        }
    }

    async fn refuse(&self, name: &str, address: IpAddr) -> TaxiiError {
        let locked = self.throttle.failed(name, address, Instant::now());
        self.audit(
            "taxii-login-failed",
            name,
            json!({"address": address.to_string(), "account_locked": locked.account, "address_locked": locked.address}),
        )
        .await;
        TaxiiError::unauthorized("wrong user name or password")
    }
}

fn internal(e: impl std::fmt::Display) -> TaxiiError {
    tracing::error!(error = %e, "taxii: the store failed");
    TaxiiError::internal()
}

impl jaring_taxii::Backend for NodeFeed {
    fn title(&self) -> String {
        self.node.me.to_string()
    }

    async fn authenticate(
        &self,
        name: &str,
        password: &str,
        address: IpAddr,
    ) -> Result<Reader, TaxiiError> {
        match self.throttle.gate(name, address, Instant::now()) {
            Gate::Open => {}
            Gate::AccountLocked(d) | Gate::AddressLocked(d) => {
                return Err(TaxiiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many failed logins",
                    format!("try again in {} minutes", d.as_secs().div_ceil(60)),
                ))
            }
        }
        let store = self.node.store.clone();
        let who = name.to_owned();
        let creds = blocking(move || store.credentials(&who))
            .await
            .map_err(internal)?
            .map_err(internal)?;
        let phc = creds
            .as_ref()
            .and_then(|c| c.password_hash.clone())
            .unwrap_or_else(|| jaring_console::password::decoy().to_owned());
        let tag = self.tag(name, password, &phc);
        let known = creds.as_ref().is_some_and(|c| c.password_hash.is_some());
        let good = if known && self.remembered(&tag) {
            true
        } else {
            let password = zeroize::Zeroizing::new(password.to_owned());
            let phc2 = phc.clone();
            // An unknown user is checked against a decoy: as slow, so a name cannot be probed.
            let ok = blocking(move || jaring_console::password::verify(&password, &phc2))
                .await
                .map_err(internal)?;
            ok && known
        };
        let Some(creds) = creds.filter(|_| good) else {
            return Err(self.refuse(name, address).await);
        };
        self.throttle.succeeded(name);
        self.remember(tag);
        if !creds.user.roles.has(Role::Feed) {
            let why = "reading the TAXII feed needs the role feed";
            self.node
                .deny(&creds.user.name, None, "GET /taxii2/", None, why)
                .await;
            return Err(TaxiiError::forbidden(format!("{name}: {why}")));
        }
        Ok(Reader {
            name: creds.user.name,
            levels: COLLECTIONS.iter().map(|c| c.tlp).collect(),
        })
    }

    async fn objects(&self, tlp: Tlp, query: ObjectQuery) -> Result<Vec<StoredObject>, TaxiiError> {
        let store = self.node.store.clone();
        blocking(move || store.stix_objects(tlp, &query))
            .await
            .map_err(internal)?
            .map_err(internal)
    }

    async fn audit_read(
        &self,
        reader: &Reader,
        what: &'static str,
        tlp: Tlp,
        objects: usize,
    ) -> Result<(), TaxiiError> {
        let detail =
            json!({"via": "taxii", "read": what, "collection": tlp.as_str(), "objects": objects});
        if self.audit("exported", &reader.name, detail).await {
            Ok(())
        } else {
            Err(TaxiiError::internal())
        }
    }
}

/// Binds the feed's address (checked first), so a daemon stops at start with the reason when
/// it is taken or not allowed.
pub async fn bind(config: &TaxiiConfig) -> anyhow::Result<tokio::net::TcpListener> {
    config.check().map_err(anyhow::Error::msg)?;
    tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("taxii: cannot listen on {}", config.listen))
}

/// Serves the feed on `listener` until shutdown.
pub async fn serve(
    node: Arc<Node>,
    config: TaxiiConfig,
    listener: tokio::net::TcpListener,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let tls = jaring_console::serve::tls_acceptor(
        "taxii",
        config.tls_cert.as_deref(),
        config.tls_key.as_deref(),
    )?;
    let app = jaring_taxii::router(Arc::new(NodeFeed::new(node)?));
    jaring_console::serve::serve_router(app, tls, listener, shutdown, "taxii").await
}
