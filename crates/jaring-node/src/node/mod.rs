//! The running node: what it holds (keys, trust, directory, store, audit file, NATS
//! connection), how it starts, and the loops it runs until shutdown. Each concern lives in a
//! file of its own, each opening with what it owns and what it may touch:
//!
//! - [`receive`]: fetch, open and commit what arrives; acknowledge after commit;
//! - [`send`]: seal, store, publish; delivery tracking and republishing;
//! - [`receipts`]: the receipts this node owes, batched per sender;
//! - [`retention`]: erasing referrals past retention;
//! - [`directory`]: following the hub's directory bucket;
//! - [`checkpoints`]: publishing this node's checkpoints, witnessing the peers';
//! - [`audit`]: copying audit entries to the audit file, audit queries;
//! - [`queries`]: showing a message (audited), status, quarantine;
//! - [`correlation`]: related alerts, searches, a compound's trail and its map, decisions on
//!   suggested links, rebuilding the index.
//!
//! Each loop stops by itself when shutdown is signalled.

mod audit;
mod checkpoints;
mod correlation;
mod directory;
mod queries;
mod receipts;
mod receive;
mod retention;
mod send;
mod stix;

pub use correlation::trail_of;
pub use jaring_bus::DIRECTORY_KEY;

/// The store's meta key of the highest directory serial this node ever accepted.
pub(crate) const HIGHEST_SERIAL: &str = "directory_serial_max";

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use async_nats::jetstream::{self};
use jaring_core::directory::{SignedDirectory, Supersedes};
use jaring_core::{b64, AgencyId, Directory, SecretKey, Timestamp, Trust};
use serde_json::json;
use tokio::sync::{broadcast, watch, Notify};
use tracing::{error, info, warn};

use crate::audit_file::AuditFile;
use crate::config::Config;
use crate::nats::ensure_consumers;
use crate::store::{AuditEntry, Store};
use send::{sent_writer, SentJob};

/// Why the node could not start or serve a request.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// A request the node refuses, with a reason a person can act on.
    #[error("{0}")]
    BadRequest(String),
    /// Not found.
    #[error("{0}")]
    NotFound(String),
    /// The caller's roles do not allow it (already audited as `denied`).
    #[error("{0}")]
    Forbidden(String),
    /// It conflicts with what exists.
    #[error("{0}")]
    Conflict(String),
    /// Something went wrong inside the node.
    #[error("{0}")]
    Internal(String),
}

impl NodeError {
    pub(crate) fn internal(e: impl std::fmt::Display) -> Self {
        Self::Internal(e.to_string())
    }
}

impl From<crate::store::StoreError> for NodeError {
    fn from(e: crate::store::StoreError) -> Self {
        use crate::store::StoreError;
        match e {
            StoreError::Conflict(m) => Self::Conflict(m),
            StoreError::NotFound(m) => Self::NotFound(m),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<NodeError> for jaring_api::ApiError {
    fn from(e: NodeError) -> Self {
        use jaring_api::ErrorCode;
        let code = match &e {
            NodeError::BadRequest(_) => ErrorCode::BadRequest,
            NodeError::NotFound(_) => ErrorCode::NotFound,
            NodeError::Forbidden(_) => ErrorCode::Forbidden,
            NodeError::Conflict(_) => ErrorCode::Conflict,
            NodeError::Internal(_) => ErrorCode::Internal,
        };
        jaring_api::ApiError::new(code, e.to_string())
    }
}

/// What `jaring status` shows beyond the store's counts.
#[derive(Debug, Default, Clone)]
pub struct Health {
    /// The last error, with its time.
    pub last_error: Option<(Timestamp, String)>,
    /// Why the last offered directory was refused, if it was.
    pub directory_refused: Option<String>,
    /// `valid`, `expiring` (within `directory.warn_before`) or `expired`.
    pub directory_state: &'static str,
    /// Why the store last failed to commit a received batch, while it fails (a full disk, say).
    pub store_failing: Option<String>,
}

pub use jaring_api::messages::SendRequest;

/// The shared state of a running node.
pub struct Node {
    /// The configuration.
    pub config: Config,
    /// This agency.
    pub me: AgencyId,
    key: SecretKey,
    /// Every encryption key this node opens with, X25519 and X-Wing: `key_file`'s first, then
    /// `keys.extra`.
    dec_keys: jaring_core::keys::OpeningKeys,
    trust: Trust,
    directory: RwLock<Arc<Directory>>,
    /// The store.
    pub store: Arc<Store>,
    audit: AuditFile,
    audit_due: Notify,
    client: async_nats::Client,
    js: jetstream::Context,
    /// New messages, for `jaring follow`.
    pub events: broadcast::Sender<jaring_api::messages::FollowEvent>,
    /// The figures served on the metrics listener.
    pub metrics: crate::metrics::Metrics,
    /// Counts changes to the users, so that long-lived streams re-read their caller.
    users_version: std::sync::atomic::AtomicU64,
    health: Mutex<Health>,
    shutdown: watch::Receiver<bool>,
    sent_queue: tokio::sync::mpsc::Sender<SentJob>,
    /// Places for messages sent in the background whose first publish is under way
    /// ([`BACKGROUND_MAX`]).
    background: Arc<tokio::sync::Semaphore>,
    /// How the correlation index is read (from `[correlation]`).
    correlation: Arc<crate::store::correlation::Settings>,
    /// Held while the correlation index is rebuilt: one rebuild at a time.
    rebuilding: tokio::sync::Mutex<()>,
}

/// Messages sent in the background (`SendRequest::background`) whose first publish may be
/// under way at once: enough to keep the hub busy, few enough that a script faster than the
/// hub waits for a place instead of growing the node's memory without bound. Measured in
/// issue 17's burst (5,000 referrals to ten): 8, 32, 64 and 256 gave 93, 81, 68 and 59-65 s
/// until all were stored (124 s waiting for the hub), and another agency's small alerts a
/// longer tail the more were in flight (max 207, 273, 300 and 669-829 ms, against 131 ms):
/// 64 keeps most of the gain.
const BACKGROUND_MAX: usize = 64;

/// What is wrong between the keys a node holds and its entry in `directory`, if anything: the
/// key senders seal to now must be one the node opens with, or every message is refused
/// `not-a-recipient` (a rotation where the RSO published the new key before the node held it).
pub(crate) fn keys_problem(
    directory: &Directory,
    me: &AgencyId,
    dec_keys: &jaring_core::keys::OpeningKeys,
) -> Option<String> {
    // Senders wrap to the X-Wing half when the entry has one (spec §8), else to X25519.
    let current = directory.agency(me)?.current_key(Timestamp::now())?;
    let sealed_to = match &current.pq {
        Some(pq) => pq.kid(),
        None => current.enc.kid(),
    };
    let held = dec_keys.kids().any(|k| k == sealed_to);
    (!held).then(|| {
        format!(
            "directory serial {} has senders seal to key {sealed_to}, which this node does not hold: add its secret key file to [keys] extra and restart",
            directory.serial
        )
    })
}

pub(crate) fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, NodeError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(NodeError::internal)
}

impl Node {
    /// Loads keys, trust, store and directory, connects to NATS and audits the start.
    pub async fn start(
        config: Config,
        shutdown: watch::Receiver<bool>,
    ) -> anyhow::Result<Arc<Self>> {
        use anyhow::Context;
        let me = config.agency.clone();
        let key = SecretKey::load(&config.key_file).context("cannot use key_file")?;
        anyhow::ensure!(
            key.agency == me.as_str(),
            "key_file belongs to {}, but agency is {me}",
            key.agency
        );
        // The signing key stays in `key`; a copy of its encryption halves joins every other
        // key opened with in one list.
        let mut dec_keys = key.opening_keys();
        let mut extra_kids = Vec::new();
        for path in &config.keys.extra {
            let k = SecretKey::load(path)
                .with_context(|| format!("cannot use keys.extra {}", path.display()))?;
            anyhow::ensure!(
                k.agency == me.as_str(),
                "keys.extra {} belongs to {}, but agency is {me}",
                path.display(),
                k.agency
            );
            extra_kids.push(k.enc.encryption_key().kid().as_str().to_owned());
            if let Some(pq) = &k.pq {
                extra_kids.push(pq.encryption_key().kid().as_str().to_owned());
            }
            dec_keys.add(k);
        }
        let trust = Trust::load(&config.trust_file).context("cannot use trust_file")?;
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create data_dir {}", config.data_dir.display()))?;
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&config.data_dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| {
                    format!("cannot restrict data_dir {}", config.data_dir.display())
                })?;
        }
        let store = Arc::new(
            Store::open(&config.data_dir.join("jaring.db"), me.clone())
                .context("cannot open the store")?,
        );
        store.set_quarantine_quota(config.retention.quarantine_per_publisher);
        store.set_stix_derive(config.derives_stix());
        store
            .set_correlation_cap(config.correlation.max_per_value)
            .context("cannot set up the correlation index")?;
        let correlation = Arc::new(crate::store::correlation::Settings {
            radius_km: config.correlation.radius_km,
            max_per_value: config.correlation.max_per_value,
            exclusions: jaring_correlate::Exclusions::new(&config.correlation.exclude)?,
        });
        let audit = AuditFile::open(&config.data_dir.join("audit.jsonl"), &store, me.as_str())
            .context("cannot open the audit log")?;

        let now = Timestamp::now();
        let held = match store.meta("directory")? {
            Some(text) => match SignedDirectory::from_json(text.as_bytes())
                .and_then(|d| d.verify(&trust, now))
            {
                Ok(d) => Some(d),
                Err(e) => {
                    warn!(error = %e, "the directory held in the store is no longer acceptable");
                    None
                }
            },
            None => None,
        };
        let from_file = match &config.directory.file {
            Some(path) => Some(
                SignedDirectory::load(path)
                    .and_then(|d| d.verify(&trust, now))
                    .with_context(|| format!("directory {} is not acceptable", path.display()))?,
            ),
            None => None,
        };
        let directory = match (held, from_file) {
            (Some(h), Some(f)) => match f.supersedes(&h) {
                Ok(Supersedes::Newer) => f,
                Ok(Supersedes::Same) => h,
                Err(e) => {
                    warn!(error = %e, "keeping the directory held in the store");
                    h
                }
            },
            (Some(d), None) | (None, Some(d)) => d,
            (None, None) => anyhow::bail!("no acceptable directory: set directory.file, or wait until the hub's bucket holds one"),
        };
        // The highest serial ever accepted, kept apart from any directory's validity: no
        // restart, expired directory or older file lowers it (a rollback would bring back
        // revoked keys).
        let highest: u64 = store
            .meta(HIGHEST_SERIAL)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        anyhow::ensure!(
            directory.serial >= highest,
            "directory serial {} is older than serial {highest}, which this node accepted before: refusing a rollback; get the current directory from the RSO",
            directory.serial
        );
        anyhow::ensure!(
            directory
                .agency(&me)
                .and_then(|a| a.signing_key(key.sign.verifying_key().kid()))
                .is_some(),
            "this agency's key ({}) is not in directory serial {}",
            key.sign.verifying_key().kid(),
            directory.serial
        );
        if let Some(problem) = keys_problem(&directory, &me, &dec_keys) {
            warn!(problem = %problem, "this node's keys and the directory disagree");
        }
        if let Some(problem) = &audit.integrity {
            error!(problem = %problem, "this node's own audit log does not verify: restore it from a backup and investigate");
            store.alarm(
                me.as_str(),
                "own-audit-log",
                &format!("own audit log: {problem}"),
                None,
            )?;
        }
        store.transaction(|tx, agency| {
            Store::audit(tx, agency, AuditEntry { detail: json!({"version": env!("CARGO_PKG_VERSION")}), ..AuditEntry::event("started") })?;
            Store::audit(tx, agency, AuditEntry {
                detail: json!({"sign_kid": key.sign.verifying_key().kid().as_str(), "enc_kid": key.enc.encryption_key().kid().as_str(), "pq_kid": key.pq.as_ref().map(|k| k.encryption_key().kid().as_str()), "extra_enc_kids": extra_kids}),
                ..AuditEntry::event("key-loaded")
            })?;
            let signed = String::from_utf8_lossy(&directory.signed().to_json()).into_owned();
            Store::set_meta(tx, HIGHEST_SERIAL, &directory.serial.max(highest).to_string())?;
            if Store::meta_in(tx, "directory")?.as_deref() != Some(signed.as_str()) {
                Store::set_meta(tx, "directory", &signed)?;
                Store::audit(tx, agency, AuditEntry {
                    detail: json!({"serial": directory.serial, "body_digest": b64::encode(directory.body_digest())}),
                    ..AuditEntry::event("directory-updated")
                })?;
            }
            Ok(())
        })?;
        audit.flush(&store)?;

        let options = config
            .nats
            .options(
                &format!("jaringd {me}"),
                Some(&jaring_bus::inbox_prefix(me.as_str())),
            )
            .await?;
        let client = options
            .connect(config.nats.servers.clone())
            .await
            .context("cannot connect to NATS")?;
        let js = config.nats.jetstream(client.clone());
        let (events, _) = broadcast::channel(1024);
        let (sent_queue, queue) = tokio::sync::mpsc::channel(1024);
        let metrics = crate::metrics::Metrics::default();
        tokio::spawn(sent_writer(
            store.clone(),
            queue,
            metrics.commit_seconds.clone(),
        ));
        info!(agency = %me, serial = directory.serial, "node started");
        Ok(Arc::new(Self {
            config,
            me,
            key,
            dec_keys,
            trust,
            directory: RwLock::new(Arc::new(directory)),
            store,
            audit,
            audit_due: Notify::new(),
            client,
            js,
            events,
            metrics,
            users_version: std::sync::atomic::AtomicU64::new(0),
            health: Mutex::new(Health {
                directory_state: "valid",
                ..Health::default()
            }),
            shutdown,
            sent_queue,
            background: Arc::new(tokio::sync::Semaphore::new(BACKGROUND_MAX)),
            correlation,
            rebuilding: tokio::sync::Mutex::new(()),
        }))
    }

    /// Spawns every loop of the node and waits until shutdown; in-flight batches finish (or
    /// stay unacknowledged, to be redelivered).
    pub async fn run(self: Arc<Self>) -> anyhow::Result<()> {
        let mut tasks = tokio::task::JoinSet::new();
        // The index is rebuilt from the store, which needs no hub: not held up by one that
        // cannot be reached.
        tasks.spawn(self.clone().rebuild_if_stale());
        let consumers = loop {
            match ensure_consumers(&self.js, &self.config).await {
                Ok(c) => break c,
                Err(e) => {
                    self.note_error(&e.to_string());
                    if self.wait(Duration::from_secs(2)).await {
                        return Ok(());
                    }
                }
            }
        };
        // A crash may have come between storing a message and publishing it: republish
        // everything still waiting for a receipt (receivers recognise what they already hold).
        match self.store.republish_pending_now() {
            Ok(n) if n > 0 => info!(
                deliveries = n,
                "republishing what still waits for a receipt"
            ),
            Ok(_) => {}
            Err(e) => self.note_error(&format!("store: {e}")),
        }
        for (family, consumer) in consumers {
            tasks.spawn(self.clone().receive_loop(family, consumer));
        }
        tasks.spawn(self.clone().checkpoint_loop());
        tasks.spawn(self.clone().audit_loop());
        tasks.spawn(self.clone().wal_loop());
        tasks.spawn(self.clone().receipt_loop());
        tasks.spawn(self.clone().delivery_loop());
        tasks.spawn(self.clone().retention_loop());
        if self.config.directory.kv_bucket.is_some() {
            tasks.spawn(self.clone().directory_loop());
        }
        tasks.spawn(self.clone().expiry_loop());
        while let Some(done) = tasks.join_next().await {
            if let Err(e) = done {
                error!(error = %e, "a node task failed");
            }
        }
        self.audit.flush(&self.store)?;
        info!("node stopped");
        Ok(())
    }

    fn stopping(&self) -> bool {
        *self.shutdown.borrow()
    }

    /// Sleeps for `d` or until shutdown; true when shutting down.
    async fn wait(&self, d: Duration) -> bool {
        let mut rx = self.shutdown.clone();
        tokio::select! {
            _ = tokio::time::sleep(d) => self.stopping(),
            _ = rx.wait_for(|s| *s) => true,
        }
    }

    /// The check of a message's kind against the user's roles (alerts: liaison, referrals:
    /// caseworker, receipts: auditor), shared by sending and showing: a refusal is audited as
    /// `denied`, with `asked` and the message, and answered 403. `verb` says what was refused:
    /// `read` or `sent`.
    pub(crate) async fn require_kind(
        &self,
        user: &jaring_api::users::User,
        kind: jaring_core::Kind,
        verb: &str,
        asked: &str,
        message: Option<&str>,
    ) -> Result<(), NodeError> {
        if user.roles.may_read(kind) {
            return Ok(());
        }
        let need = jaring_api::Roles::for_kind(kind)
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(" or ");
        let why = format!("a {kind} is {verb} with the {need} role");
        self.deny(&user.name, Some(&user.unix), asked, message, &why)
            .await;
        Err(NodeError::Forbidden(format!(
            "{}: {why}, which you do not hold",
            user.name
        )))
    }

    /// Audits a refusal (`denied`, naming the user and what was asked) and counts it.
    pub async fn deny(
        &self,
        user: &str,
        unix: Option<&str>,
        asked: &str,
        message: Option<&str>,
        why: &str,
    ) {
        let store = self.store.clone();
        let (user2, unix2, asked2, message2, why2) = (
            user.to_owned(),
            unix.map(str::to_owned),
            asked.to_owned(),
            message.map(str::to_owned),
            why.to_owned(),
        );
        let result = blocking(move || {
            store.denied(
                &user2,
                unix2.as_deref(),
                &asked2,
                message2.as_deref(),
                &why2,
            )
        })
        .await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => self.note_error(&format!("auditing a refusal: {e}")),
            Err(e) => self.note_error(&format!("auditing a refusal: {e}")),
        }
        self.metrics.denied.inc();
        self.audit_due.notify_one();
        warn!(user, asked, why, "denied");
    }

    /// Records whether the store could commit a received batch (`None`: it could). While it
    /// cannot, nothing is acknowledged (JetStream redelivers), and status, metrics and the log
    /// say so; the first commit that works again ends it.
    pub(crate) fn store_committed(&self, failure: Option<&str>) {
        let Ok(mut h) = self.health.lock() else {
            return;
        };
        match (failure, h.store_failing.is_some()) {
            (Some(e), false) => {
                error!(error = e, "the store cannot commit (a full disk?): not acknowledging; retrying every second");
                h.store_failing = Some(e.to_owned());
                self.metrics.store_writable.set(0);
            }
            (Some(e), true) => h.store_failing = Some(e.to_owned()),
            (None, true) => {
                info!("the store commits again: receiving resumes");
                h.store_failing = None;
                self.metrics.store_writable.set(1);
            }
            (None, false) => {}
        }
    }

    /// Says that users changed: streams re-read their caller's roles.
    pub fn users_changed(&self) {
        self.users_version
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many times users changed since the node started.
    pub fn users_version(&self) -> u64 {
        self.users_version.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Asks for the audit file to catch up with entries just committed.
    pub fn audit_due(&self) {
        self.audit_due.notify_one();
    }

    fn note_error(&self, message: &str) {
        warn!(error = message, "node error");
        if let Ok(mut h) = self.health.lock() {
            h.last_error = Some((Timestamp::now(), message.to_owned()));
        }
    }

    /// The directory in force.
    pub fn directory(&self) -> Arc<Directory> {
        self.directory
            .read()
            .map(|d| d.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }
}
