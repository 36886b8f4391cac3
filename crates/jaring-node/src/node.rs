//! The running node: startup, the receive loops, sending, delivery tracking, receipts,
//! retention and directory updates. Each loop stops by itself when shutdown is signalled.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, context::Publish, AckKind};
use futures::StreamExt;
use jaring_core::body::{Family, Kind, ReceiptBody, ReceiptItem, ReceiptStatus};
use jaring_core::directory::{Role, SignedDirectory, Supersedes};
use jaring_core::envelope::{Draft, ErrorCode, ParsedEnvelope};
use jaring_core::subject::{nats_msg_id, Recipient, Subject};
use jaring_core::{
    b64, seal, AgencyId, Body, Directory, MessageId, SecretKey, Timestamp, Tlp, Trust,
};
use serde_json::{json, Value};
use tokio::sync::{broadcast, watch, Notify};
use tracing::{debug, error, info, warn};

use crate::audit_file::AuditFile;
use crate::config::Config;
use crate::nats::{connect_options, ensure_consumers};
use crate::pipeline::{open_one, Raw};
use crate::store::{AuditEntry, Inbound, Received, SentRecord, Store};

/// Messages fetched from a stream at once.
const BATCH: usize = 512;

/// A batch at least this long means a backlog is arriving: the fetcher then lets the client
/// read on before handing the batch over (see [`fill_batch`]).
const BACKLOG_BATCH: usize = 32;

/// How many times the fetcher lets the client read on before it hands over a batch that is
/// still short of [`BATCH`].
const BACKLOG_READS: usize = 8;

/// Batches that may be opening while the one before them is committed: enough that a slow
/// commit (a sync that takes a while) does not leave the cores without envelopes to open.
const OPENING_AHEAD: usize = 2;

/// When a batch could not be committed (a full disk, say), JetStream redelivers it after this.
const RETRY_AFTER_FAILED_COMMIT: Duration = Duration::from_secs(1);
/// The key of the directory in the hub's key-value bucket.
pub const DIRECTORY_KEY: &str = "current";

/// Why the node could not start or serve a request.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// A request the node refuses, with a reason a person can act on.
    #[error("{0}")]
    BadRequest(String),
    /// Not found.
    #[error("{0}")]
    NotFound(String),
    /// Something went wrong inside the node.
    #[error("{0}")]
    Internal(String),
}

impl NodeError {
    fn internal(e: impl std::fmt::Display) -> Self {
        Self::Internal(e.to_string())
    }
}

/// What `jaring status` shows beyond the store's counts.
#[derive(Debug, Default, Clone)]
pub struct Health {
    /// The last error, with its time.
    pub last_error: Option<(Timestamp, String)>,
    /// Why the last offered directory was refused, if it was.
    pub directory_refused: Option<String>,
}

/// A request to send a message.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SendRequest {
    /// The kind.
    pub kind: Kind,
    /// Named recipients.
    #[serde(default)]
    pub to: Vec<AgencyId>,
    /// Every agency holding this role.
    #[serde(default)]
    pub to_role: Option<Role>,
    /// Every agency (published once, on the `ALL` subject).
    #[serde(default)]
    pub to_all: bool,
    /// TLP (default by kind).
    #[serde(default)]
    pub tlp: Option<Tlp>,
    /// Earlier messages referred to.
    #[serde(default)]
    pub refs: Vec<MessageId>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
    /// The body.
    pub body: Value,
}

/// An audit query of the local API.
#[derive(Debug, Clone)]
pub enum AuditQuery {
    /// Entries, filtered.
    Entries {
        /// Only about this message.
        message: Option<String>,
        /// Only this event.
        event: Option<String>,
        /// Only at or after this time.
        since: Option<Timestamp>,
    },
    /// The inclusion proof of one entry.
    Prove {
        /// The entry.
        seq: u64,
    },
    /// Verify the whole log against the checkpoints published.
    Verify,
}

/// The shared state of a running node.
pub struct Node {
    /// The configuration.
    pub config: Config,
    /// This agency.
    pub me: AgencyId,
    key: SecretKey,
    trust: Trust,
    directory: RwLock<Arc<Directory>>,
    /// The store.
    pub store: Arc<Store>,
    audit: AuditFile,
    audit_due: Notify,
    client: async_nats::Client,
    js: jetstream::Context,
    /// New messages, for `jaring follow`.
    pub events: broadcast::Sender<Value>,
    health: Mutex<Health>,
    shutdown: watch::Receiver<bool>,
    sent_queue: tokio::sync::mpsc::Sender<SentJob>,
}

/// A fetched batch after the open stage.
enum OpenedBatch {
    /// Envelopes: the messages, the indexes of those opened (in order), our own broadcasts,
    /// and what opening gave.
    Envelopes {
        batch: Vec<jetstream::Message>,
        order: Vec<usize>,
        own: Vec<usize>,
        inbound: Vec<Inbound>,
    },
    /// Checkpoint messages, witnessed at commit time.
    Checkpoints(Vec<jetstream::Message>),
}

/// A sent message waiting to be stored, and who waits for it.
type SentJob = (SentRecord, tokio::sync::oneshot::Sender<Result<(), String>>);

/// Stores sent messages as they come, all that wait in one transaction (a group commit: one
/// fsync for many concurrent sends), then answers each sender.
async fn sent_writer(store: Arc<Store>, mut queue: tokio::sync::mpsc::Receiver<SentJob>) {
    while let Some(first) = queue.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < 256 {
            match queue.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        let (records, waiters): (Vec<SentRecord>, Vec<_>) = jobs.into_iter().unzip();
        let store = store.clone();
        let result = blocking(move || store.record_sent(&records))
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()));
        for waiter in waiters {
            let _ = waiter.send(result.clone());
        }
    }
}

/// Why a pull stream stopped handing over messages.
enum StreamEnd {
    /// The stream ended (its subscription closed).
    Closed,
    /// The stream failed (missed heartbeats after a server restart, say).
    Failed(pull::MessagesError),
}

/// Adds to `batch` (which holds the first message) whatever else the stream has already
/// received, up to [`BATCH`]; says how the stream ended if it did meanwhile.
///
/// The client hands messages over as it parses them off the socket. In a backlog, taking only
/// what was there at once made batches of about 127 (measured), so a transaction and a sync per
/// 127 messages; letting the client read on fills them to [`BATCH`], and catch-up went from
/// 11,700 to 13,000 msg/s. A short batch (a node keeping up) goes at once: no latency is added.
async fn fill_batch(
    messages: &mut pull::Stream,
    mut batch: Vec<jetstream::Message>,
) -> (Vec<jetstream::Message>, Option<StreamEnd>) {
    use futures::FutureExt;
    let mut reads = 0;
    loop {
        let before = batch.len();
        while batch.len() < BATCH {
            match messages.next().now_or_never() {
                Some(Some(Ok(m))) => batch.push(m),
                Some(Some(Err(e))) => return (batch, Some(StreamEnd::Failed(e))),
                Some(None) => return (batch, Some(StreamEnd::Closed)),
                None => break,
            }
        }
        let backlog = batch.len() >= BACKLOG_BATCH && batch.len() > before;
        if batch.len() >= BATCH || !backlog || reads >= BACKLOG_READS {
            return (batch, None);
        }
        reads += 1;
        tokio::task::yield_now().await;
    }
}

/// Threads that open envelopes at once: one per core. Asked once (the answer comes from the
/// cgroup files, which cost system calls to read).
fn open_workers() -> usize {
    static WORKERS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WORKERS.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
    })
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

async fn blocking<T: Send + 'static>(
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
        anyhow::ensure!(
            directory
                .agency(&me)
                .and_then(|a| a.signing_key(key.sign.verifying_key().kid()))
                .is_some(),
            "this agency's key ({}) is not in directory serial {}",
            key.sign.verifying_key().kid(),
            directory.serial
        );
        if let Some(problem) = &audit.integrity {
            error!(problem = %problem, "this node's own audit log does not verify: restore it from a backup and investigate");
            store.alarm(me.as_str(), &format!("own audit log: {problem}"), None)?;
        }
        store.transaction(|tx, agency| {
            Store::audit(tx, agency, AuditEntry { detail: json!({"version": env!("CARGO_PKG_VERSION")}), ..AuditEntry::event("started") })?;
            Store::audit(tx, agency, AuditEntry {
                detail: json!({"sign_kid": key.sign.verifying_key().kid().as_str(), "enc_kid": key.enc.encryption_key().kid().as_str()}),
                ..AuditEntry::event("key-loaded")
            })?;
            let signed = String::from_utf8_lossy(&directory.signed().to_json()).into_owned();
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

        let options = connect_options(&config).await?;
        let client = options
            .connect(config.nats.servers.clone())
            .await
            .context("cannot connect to NATS")?;
        let js = jetstream::new(client.clone());
        let (events, _) = broadcast::channel(1024);
        let (sent_queue, queue) = tokio::sync::mpsc::channel(1024);
        tokio::spawn(sent_writer(store.clone(), queue));
        info!(agency = %me, serial = directory.serial, "node started");
        Ok(Arc::new(Self {
            config,
            me,
            key,
            trust,
            directory: RwLock::new(Arc::new(directory)),
            store,
            audit,
            audit_due: Notify::new(),
            client,
            js,
            events,
            health: Mutex::new(Health::default()),
            shutdown,
            sent_queue,
        }))
    }

    /// Spawns every loop of the node and waits until shutdown; in-flight batches finish (or
    /// stay unacknowledged, to be redelivered).
    pub async fn run(self: Arc<Self>) -> anyhow::Result<()> {
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
        let mut tasks = tokio::task::JoinSet::new();
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

    /// Fetches, opens and commits in three stages joined by small bounded queues, so that
    /// the next batch is fetched and opened while the one before is being committed.
    async fn receive_loop(
        self: Arc<Self>,
        family: Family,
        consumer: jetstream::consumer::Consumer<pull::Config>,
    ) {
        let (to_open, mut opening) = tokio::sync::mpsc::channel::<Vec<jetstream::Message>>(2);
        // Batches being opened, in the order they were fetched. A batch starts opening as soon
        // as it is fetched, without waiting for the one before to finish: the workers of one
        // batch never idle while the slowest of them ends.
        let (to_commit, mut committing) = tokio::sync::mpsc::channel::<
            tokio::task::JoinHandle<Result<OpenedBatch, NodeError>>,
        >(OPENING_AHEAD);
        let opener = {
            let node = self.clone();
            tokio::spawn(async move {
                while let Some(batch) = opening.recv().await {
                    let node2 = node.clone();
                    let opening =
                        tokio::spawn(async move { node2.open_batch(family, batch).await });
                    if to_commit.send(opening).await.is_err() {
                        break;
                    }
                }
            })
        };
        let committer = {
            let node = self.clone();
            tokio::spawn(async move {
                while let Some(opening) = committing.recv().await {
                    let result = match opening.await {
                        Ok(Ok(opened)) => node.commit_batch(opened).await,
                        Ok(Err(e)) => Err(e),
                        Err(e) => Err(NodeError::internal(e)),
                    };
                    // Nothing of a failed batch is acknowledged: a batch that failed to commit
                    // was nak'd for prompt redelivery, one that failed to open comes back after
                    // ack_wait.
                    if let Err(e) = result {
                        node.note_error(&format!("receiving a batch: {e}"));
                    }
                }
            })
        };
        self.fetch_loop(family, consumer, to_open).await;
        let _ = opener.await;
        let _ = committer.await;
    }

    /// Reads the consumer as a continuous pull stream (outstanding pull requests with
    /// heartbeats: messages come as soon as they are stored, and an idle node sends nothing but
    /// heartbeats), and hands on batches: the first message waited for, then whatever else has
    /// already arrived (in a backlog, whatever arrives while the client reads on a few times),
    /// up to [`BATCH`].
    async fn fetch_loop(
        &self,
        family: Family,
        consumer: jetstream::consumer::Consumer<pull::Config>,
        to_open: tokio::sync::mpsc::Sender<Vec<jetstream::Message>>,
    ) {
        let mut failures = 0u32;
        'connect: while !self.stopping() {
            let stream = consumer
                .stream()
                .max_messages_per_batch(BATCH)
                .heartbeat(Duration::from_secs(5))
                .expires(Duration::from_secs(30))
                .messages()
                .await;
            let mut messages = match stream {
                Ok(m) => m,
                Err(e) => {
                    failures += 1;
                    self.note_error(&format!("reading {}: {e}", family.as_str()));
                    if self
                        .wait(Duration::from_millis(200 * u64::from(failures.min(10))))
                        .await
                    {
                        break;
                    }
                    continue;
                }
            };
            loop {
                let mut stop = self.shutdown.clone();
                let first = tokio::select! {
                    m = messages.next() => m,
                    _ = stop.wait_for(|s| *s) => break 'connect,
                };
                let (batch, end) = match first {
                    Some(Ok(m)) => {
                        failures = 0;
                        fill_batch(&mut messages, vec![m]).await
                    }
                    Some(Err(e)) => (Vec::new(), Some(StreamEnd::Failed(e))),
                    None => (Vec::new(), Some(StreamEnd::Closed)),
                };
                // What was taken before the stream ended is handed on first.
                if !batch.is_empty() && to_open.send(batch).await.is_err() {
                    break 'connect;
                }
                match end {
                    None => {}
                    Some(StreamEnd::Closed) => continue 'connect,
                    Some(StreamEnd::Failed(e)) => {
                        // Start a fresh stream, a little later after each failure in a row.
                        failures += 1;
                        debug!(error = %e, family = family.as_str(), "pull stream interrupted");
                        if self
                            .wait(Duration::from_millis(100 * u64::from(failures.min(10))))
                            .await
                        {
                            break 'connect;
                        }
                        continue 'connect;
                    }
                }
            }
        }
    }

    /// Opens a batch on the worker pool (one worker per core).
    async fn open_batch(
        self: &Arc<Self>,
        family: Family,
        batch: Vec<jetstream::Message>,
    ) -> Result<OpenedBatch, NodeError> {
        if family == Family::Checkpoint {
            return Ok(OpenedBatch::Checkpoints(batch));
        }
        let own_prefix = format!("{}.v1.", self.config.subject_prefix);
        let mut raws = Vec::with_capacity(batch.len());
        let mut own = Vec::new();
        for (i, m) in batch.iter().enumerate() {
            let subject = m.subject.to_string();
            // Our own broadcasts come back on `ALL`: not for us to store.
            let mine = Subject::parse(&self.config.subject_prefix, &subject)
                .is_some_and(|s| s.sender == self.me);
            if mine && subject.starts_with(&own_prefix) {
                own.push(i);
                continue;
            }
            let stream_seq = m.info().ok().map(|info| info.stream_sequence);
            raws.push((
                i,
                Raw {
                    subject,
                    payload: m.payload.to_vec(),
                    stream_seq,
                },
            ));
        }
        let directory = self.directory();
        let workers = open_workers().min(raws.len().max(1));
        let chunk = raws.len().div_ceil(workers).max(1);
        let mut order = Vec::with_capacity(raws.len());
        let mut chunks: Vec<Vec<Raw>> = Vec::new();
        for (i, raw) in raws {
            order.push(i);
            if chunks.last().is_none_or(|c| c.len() >= chunk) {
                chunks.push(Vec::with_capacity(chunk));
            }
            if let Some(c) = chunks.last_mut() {
                c.push(raw);
            }
        }
        let mut handles = Vec::new();
        for part in chunks {
            let directory = directory.clone();
            let prefix = self.config.subject_prefix.clone();
            let me = self.me.clone();
            let node = self.clone();
            handles.push(tokio::task::spawn_blocking(move || {
                let now = Timestamp::now();
                let keys = std::slice::from_ref(&node.key.enc);
                part.into_iter()
                    .map(|raw| open_one(raw, &prefix, &me, keys, &directory, now))
                    .collect::<Vec<Inbound>>()
            }));
        }
        let mut inbound = Vec::with_capacity(order.len());
        for h in handles {
            inbound.extend(h.await.map_err(NodeError::internal)?);
        }
        Ok(OpenedBatch::Envelopes {
            batch,
            order,
            own,
            inbound,
        })
    }

    /// Commits an opened batch in one transaction, then acknowledges it: a crash before the
    /// commit leaves it unacknowledged, and JetStream redelivers it.
    async fn commit_batch(&self, opened: OpenedBatch) -> Result<(), NodeError> {
        let (batch, order, own, inbound) = match opened {
            OpenedBatch::Envelopes {
                batch,
                order,
                own,
                inbound,
            } => (batch, order, own, inbound),
            OpenedBatch::Checkpoints(batch) => {
                for m in &batch {
                    match Subject::parse(&self.config.subject_prefix, &m.subject) {
                        Some(s) if s.sender == self.me => {}
                        Some(s) => self.witness(s.sender.as_str(), &m.payload).await,
                        None => {
                            warn!(subject = %m.subject, "checkpoint on a malformed subject ignored")
                        }
                    }
                    if let Err(e) = m.ack().await {
                        debug!(error = %e, "ack failed; the checkpoint will be redelivered");
                    }
                }
                return Ok(());
            }
        };
        let summaries: Vec<Value> = inbound.iter().map(event_of).collect();
        // A batch that fails to commit is not acknowledged: JetStream redelivers it.
        let store = self.store.clone();
        let outcomes = match blocking(move || store.record_inbound(&inbound)).await {
            Ok(Ok(outcomes)) => outcomes,
            Ok(Err(e)) => {
                // Nothing of the batch is stored: ask for it again soon rather than after
                // ack_wait, which would hold these messages back for half a minute.
                for m in &batch {
                    if let Err(e) = m
                        .ack_with(AckKind::Nak(Some(RETRY_AFTER_FAILED_COMMIT)))
                        .await
                    {
                        debug!(error = %e, "nak failed; the message comes back after ack_wait");
                    }
                }
                return Err(NodeError::internal(e));
            }
            Err(e) => return Err(e),
        };
        self.audit_due.notify_one();
        for m in order.iter().chain(own.iter()).map(|i| &batch[*i]) {
            if let Err(e) = m.ack().await {
                debug!(error = %e, "ack failed; the message will be redelivered and recognised");
            }
        }
        for (summary, outcome) in summaries.into_iter().zip(outcomes) {
            match outcome {
                Received::Stored => {
                    let _ = self.events.send(summary);
                }
                Received::Redelivered => debug!("redelivery recognised"),
                Received::Quarantined(code) => {
                    warn!(code = code.as_str(), message = %summary["id"], "quarantined")
                }
            }
        }
        Ok(())
    }

    /// Copies new audit entries from the store to the audit file. The entries are durable in
    /// the store from the moment their transaction commits, so the copy waits
    /// `audit.flush_delay` for more to come: one append and two syncs (the file's, then the
    /// store forgetting them) for many entries, off the path of every message.
    async fn audit_loop(self: Arc<Self>) {
        while !self.stopping() {
            tokio::select! {
                _ = self.audit_due.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if self.wait(self.config.audit.flush_delay).await {
                break;
            }
            if let Err(e) = self.flush_audit().await {
                self.note_error(&format!("audit log: {e}"));
            }
        }
    }

    /// Checkpoints the store's write-ahead log in the background, a few times a second.
    async fn wal_loop(self: Arc<Self>) {
        while !self.wait(Duration::from_millis(250)).await {
            let store = self.store.clone();
            if let Ok(Err(e)) = blocking(move || store.checkpoint_background()).await {
                self.note_error(&format!("store checkpoint: {e}"));
            }
        }
    }

    /// Appends whatever audit entries the store holds to the audit file, now.
    async fn flush_audit(self: &Arc<Self>) -> Result<u64, NodeError> {
        let node = self.clone();
        blocking(move || node.audit.flush(&node.store))
            .await?
            .map_err(NodeError::internal)
    }

    /// Sends a message: validates, seals, stores (with the `sent` audit entry), publishes on
    /// each recipient subject and awaits each PubAck. A publish that fails is retried by the
    /// delivery loop; the message is already safe in the store.
    pub async fn send(&self, req: SendRequest) -> Result<Value, NodeError> {
        let directory = self.directory();
        let body = Body::new(req.kind, req.body.clone(), &req.refs)
            .map_err(|e| NodeError::BadRequest(format!("invalid body: {e}")))?;
        let mut status = None;
        let mut to: Vec<AgencyId> = req.to.clone();
        match req.kind {
            Kind::Receipt => {
                return Err(NodeError::BadRequest(
                    "receipts are sent by the node itself".into(),
                ))
            }
            Kind::ReferralStatus => {
                let referral = req
                    .refs
                    .first()
                    .map(MessageId::to_string)
                    .unwrap_or_default();
                let party = self
                    .store
                    .referral_party(&referral)
                    .map_err(NodeError::internal)?;
                match party {
                    Some((dir, counterpart)) if dir == "in" => {
                        to = vec![AgencyId::parse(&counterpart).map_err(NodeError::internal)?];
                    }
                    _ => {
                        return Err(NodeError::NotFound(format!(
                            "no referral {referral} was received by {}",
                            self.me
                        )))
                    }
                }
                status = req
                    .body
                    .get("status")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            Kind::AlertUpdate | Kind::AlertCancel
                if to.is_empty() && req.to_role.is_none() && !req.to_all =>
            {
                let alert = req
                    .refs
                    .first()
                    .map(MessageId::to_string)
                    .unwrap_or_default();
                let original = self.store.message(&alert).map_err(NodeError::internal)?;
                match original {
                    Some(m) if m.summary.direction == "out" => {
                        to = m
                            .summary
                            .recipients
                            .iter()
                            .filter_map(|r| AgencyId::parse(r).ok())
                            .collect();
                    }
                    _ => {
                        return Err(NodeError::NotFound(format!(
                            "no alert {alert} was sent by {}",
                            self.me
                        )))
                    }
                }
            }
            _ => {}
        }
        if let Some(role) = req.to_role {
            to.extend(directory.with_role(role).map(|a| a.id.clone()));
        }
        if req.to_all {
            to = directory.agencies().map(|a| a.id.clone()).collect();
        }
        to.retain(|a| a != &self.me);
        to.sort();
        to.dedup();
        if to.is_empty() {
            return Err(NodeError::BadRequest(
                "no recipients: name agencies with --to, a role with --to-role, or --to-all".into(),
            ));
        }
        // The sender is a recipient of its own envelope (as with PGP's encrypt-to-self): one
        // more key wrap, and the node can open what it sent without keeping a second copy.
        let mut sealed_to = to.clone();
        sealed_to.push(self.me.clone());
        let draft = Draft {
            body,
            tlp: req.tlp.unwrap_or_else(|| req.kind.default_tlp()),
            refs: req.refs.clone(),
            expires_at: req.expires_at,
            to: sealed_to,
        };
        let sealed = seal(&self.key, &directory, draft, Timestamp::now())
            .map_err(|e| NodeError::BadRequest(e.to_string()))?;
        let prefix = &self.config.subject_prefix;
        let family = req.kind.family();
        let deliveries: Vec<(String, String)> = to
            .iter()
            .map(|r| {
                let recipient = if req.to_all {
                    Recipient::All
                } else {
                    Recipient::Agency(r.clone())
                };
                (
                    r.to_string(),
                    Subject {
                        family,
                        sender: self.me.clone(),
                        recipient,
                    }
                    .render(prefix),
                )
            })
            .collect();
        let (header, wire, digest, d2) = (
            sealed.header.clone(),
            sealed.bytes.clone(),
            sealed.digest,
            deliveries.clone(),
        );
        // The first publish follows at once and is counted now; the next one is due when the
        // receipt is overdue (after a crash, everything pending is republished at start).
        let resend = Timestamp::now().unix_millis() + ms(self.config.delivery.resend_after);
        let record = SentRecord {
            header,
            wire,
            digest,
            deliveries: d2,
            next_attempt_at: resend,
            status,
        };
        let (done, stored) = tokio::sync::oneshot::channel();
        self.sent_queue
            .send((record, done))
            .await
            .map_err(|_| NodeError::Internal("the store writer has stopped".into()))?;
        stored
            .await
            .map_err(NodeError::internal)?
            .map_err(NodeError::Internal)?;
        self.audit_due.notify_one();
        let mut subjects: Vec<String> = deliveries.iter().map(|(_, s)| s.clone()).collect();
        subjects.dedup();
        let id = sealed.header.id.to_string();
        let mut published = Vec::new();
        for subject in &subjects {
            let ok = self.publish(&id, subject, &sealed.bytes, 0, false).await;
            published.push(json!({"subject": subject, "acknowledged": ok}));
        }
        Ok(json!({"id": id, "kind": req.kind, "recipients": to, "published": published}))
    }

    /// Publishes a stored envelope on one subject and records the outcome; true when the
    /// server acknowledged it.
    /// `record`: whether a successful publish is written to the store; the first publish of a
    /// new message was already recorded with the message.
    async fn publish(
        &self,
        id: &str,
        subject: &str,
        wire: &[u8],
        attempts: u32,
        record: bool,
    ) -> bool {
        let token = subject.rsplit('.').next().unwrap_or_default();
        let msg_id = match (MessageId::parse(id), Recipient::parse(token)) {
            (Ok(m), Some(r)) => nats_msg_id(&m, &r),
            _ => format!("{id}.{token}"),
        };
        let publish = Publish::build()
            .payload(wire.to_vec().into())
            .message_id(msg_id);
        let acked = match self.js.send_publish(subject.to_owned(), publish).await {
            Ok(future) => tokio::time::timeout(Duration::from_secs(10), future)
                .await
                .ok()
                .and_then(Result::ok),
            Err(_) => None,
        };
        let d = &self.config.delivery;
        let store = self.store.clone();
        let (id2, subject2) = (id.to_owned(), subject.to_owned());
        match acked {
            Some(ack) => {
                let wait = d
                    .resend_after
                    .mul_f64(d.backoff.powi(attempts.min(30) as i32));
                let next = Timestamp::now().unix_millis() + ms(wait);
                let seq = (!ack.duplicate).then_some(ack.sequence);
                if record {
                    let _ =
                        blocking(move || store.mark_published(&id2, &subject2, seq, next)).await;
                }
                true
            }
            None => {
                self.note_error(&format!(
                    "publishing {id} on {subject}: no acknowledgement; will retry"
                ));
                let next = Timestamp::now().unix_millis() + 2_000;
                let _ = blocking(move || store.postpone(&id2, &subject2, next)).await;
                false
            }
        }
    }

    async fn delivery_loop(self: Arc<Self>) {
        while !self.wait(Duration::from_millis(500)).await {
            let store = self.store.clone();
            let now = Timestamp::now().unix_millis();
            let max = self.config.delivery.max_attempts;
            if let Ok(Ok(failed)) = blocking(move || store.fail_exhausted(max, now)).await {
                for (id, recipient) in failed {
                    warn!(message = %id, recipient = %recipient, "no receipt after every attempt: delivery failed");
                }
            }
            let store = self.store.clone();
            let due = match blocking(move || store.due(now, 200)).await {
                Ok(Ok(d)) => d,
                _ => continue,
            };
            for d in due {
                info!(message = %d.message_id, subject = %d.subject, attempt = d.attempts + 1, "publishing (no receipt yet)");
                self.publish(&d.message_id, &d.subject, &d.wire, d.attempts, true)
                    .await;
            }
        }
    }

    async fn receipt_loop(self: Arc<Self>) {
        let window = self
            .config
            .receipts
            .batch_window
            .max(Duration::from_millis(10));
        loop {
            let stop = self.wait(window).await;
            // A backlog (after catch-up) goes out as fast as full receipts can be sealed.
            for _ in 0..100 {
                match self.send_receipts().await {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        self.note_error(&format!("sending receipts: {e}"));
                        break;
                    }
                }
            }
            if stop {
                break;
            }
        }
    }

    /// Seals and publishes the receipts owed, one envelope per sender; true when some sender
    /// is owed more than one envelope holds, so the caller goes on at once.
    async fn send_receipts(&self) -> Result<bool, NodeError> {
        let store = self.store.clone();
        let owed = blocking(move || store.owed_receipts(jaring_core::body::MAX_RECEIPT_ITEMS))
            .await?
            .map_err(NodeError::internal)?;
        let full = owed
            .iter()
            .any(|(_, items)| items.len() >= jaring_core::body::MAX_RECEIPT_ITEMS);
        let directory = self.directory();
        for (to, items) in owed {
            let Ok(recipient) = AgencyId::parse(&to) else {
                continue;
            };
            if directory
                .agency(&recipient)
                .and_then(|a| a.current_key(Timestamp::now()))
                .is_none()
            {
                warn!(agency = %to, "receipts owed to an agency without a usable key are dropped");
                let store = self.store.clone();
                let _ = blocking(move || store.drop_owed(&to)).await;
                continue;
            }
            let body = ReceiptBody {
                items: items
                    .iter()
                    .filter_map(|item| {
                        Some(ReceiptItem {
                            of: MessageId::parse(&item.message_id).ok()?,
                            status: if item.status == "delivered" {
                                ReceiptStatus::Delivered
                            } else {
                                ReceiptStatus::Rejected
                            },
                            error: item
                                .error
                                .as_deref()
                                .and_then(|e| e.parse::<ErrorCode>().ok()),
                        })
                    })
                    .collect(),
            };
            let body = Body::from_typed(Kind::Receipt, &body, &[]).map_err(NodeError::internal)?;
            let draft = Draft {
                body,
                tlp: Tlp::Green,
                refs: vec![],
                expires_at: None,
                to: vec![recipient.clone()],
            };
            let sealed = seal(&self.key, &directory, draft, Timestamp::now())
                .map_err(NodeError::internal)?;
            let subject = Subject {
                family: Family::Receipt,
                sender: self.me.clone(),
                recipient: Recipient::Agency(recipient.clone()),
            }
            .render(&self.config.subject_prefix);
            let publish = Publish::build()
                .payload(sealed.bytes.clone().into())
                .message_id(nats_msg_id(
                    &sealed.header.id,
                    &Recipient::Agency(recipient),
                ));
            let acked = match self.js.send_publish(subject, publish).await {
                Ok(f) => tokio::time::timeout(Duration::from_secs(10), f)
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .is_some(),
                Err(_) => false,
            };
            if acked {
                let store = self.store.clone();
                let id = sealed.header.id.to_string();
                let digest = sealed.digest;
                blocking(move || store.receipts_sent(&to, &items, &id, &digest))
                    .await?
                    .map_err(NodeError::internal)?;
                self.audit_due.notify_one();
            } else {
                return Err(NodeError::Internal(format!(
                    "receipt to {to} was not acknowledged; will retry"
                )));
            }
        }
        Ok(full)
    }

    async fn retention_loop(self: Arc<Self>) {
        loop {
            let r = &self.config.retention;
            let now = Timestamp::now().unix_millis();
            let (stored_before, closed_before) =
                (now - ms(r.referrals), now - ms(r.closed_referrals));
            let store = self.store.clone();
            match blocking(move || {
                store
                    .purge_expired(stored_before, closed_before)
                    .and_then(|ids| store.checkpoint_wal().map(|()| ids))
            })
            .await
            {
                Ok(Ok(ids)) if !ids.is_empty() => {
                    info!(count = ids.len(), "referrals past retention erased");
                    self.audit_due.notify_one();
                }
                Ok(Err(e)) => self.note_error(&format!("retention: {e}")),
                _ => {}
            }
            if self
                .wait(r.sweep_interval.max(Duration::from_millis(100)))
                .await
            {
                break;
            }
        }
    }

    async fn directory_loop(self: Arc<Self>) {
        let Some(bucket) = self.config.directory.kv_bucket.clone() else {
            return;
        };
        while !self.stopping() {
            let kv = match self.js.get_key_value(&bucket).await {
                Ok(kv) => kv,
                Err(e) => {
                    debug!(error = %e, "directory bucket not available yet");
                    if self.wait(Duration::from_secs(2)).await {
                        break;
                    }
                    continue;
                }
            };
            let mut watch = match kv.watch_with_history(DIRECTORY_KEY).await {
                Ok(w) => w,
                Err(e) => {
                    self.note_error(&format!("watching the directory bucket: {e}"));
                    if self.wait(Duration::from_secs(2)).await {
                        break;
                    }
                    continue;
                }
            };
            loop {
                let mut rx = self.shutdown.clone();
                let entry = tokio::select! {
                    e = watch.next() => e,
                    _ = rx.wait_for(|s| *s) => return,
                };
                match entry {
                    Some(Ok(entry)) if !entry.value.is_empty() => {
                        self.offer_directory(&entry.value).await
                    }
                    Some(Ok(_)) => {}
                    Some(Err(e)) => {
                        self.note_error(&format!("directory watch: {e}"));
                        break;
                    }
                    None => break,
                }
            }
        }
    }

    /// Considers a directory from the hub: loads it only if it verifies and is newer.
    pub async fn offer_directory(&self, bytes: &[u8]) {
        let offered =
            SignedDirectory::from_json(bytes).and_then(|d| d.verify(&self.trust, Timestamp::now()));
        let current = self.directory();
        let verdict = offered.and_then(|d| d.supersedes(&current).map(|v| (v, d)));
        match verdict {
            Ok((Supersedes::Newer, d)) => {
                let signed = String::from_utf8_lossy(&d.signed().to_json()).into_owned();
                let (serial, digest) = (d.serial, b64::encode(d.body_digest()));
                let result = self.store.transaction(|tx, me| {
                    Store::set_meta(tx, "directory", &signed)?;
                    Store::audit(
                        tx,
                        me,
                        AuditEntry {
                            detail: json!({"serial": serial, "body_digest": digest}),
                            ..AuditEntry::event("directory-updated")
                        },
                    )?;
                    Ok(())
                });
                match result {
                    Ok(()) => {
                        if let Ok(mut slot) = self.directory.write() {
                            *slot = Arc::new(d);
                        }
                        if let Ok(mut h) = self.health.lock() {
                            h.directory_refused = None;
                        }
                        self.audit_due.notify_one();
                        info!(serial, "directory updated");
                    }
                    Err(e) => self.note_error(&format!("storing the new directory: {e}")),
                }
            }
            Ok((Supersedes::Same, _)) => {}
            Err(e) => {
                warn!(error = %e, "offered directory refused; keeping serial {}", current.serial);
                if let Ok(mut h) = self.health.lock() {
                    h.directory_refused = Some(e.to_string());
                }
                let detail = json!({"reason": e.to_string(), "held_serial": current.serial});
                let _ = self.store.transaction(|tx, me| {
                    Store::audit(
                        tx,
                        me,
                        AuditEntry {
                            detail,
                            ..AuditEntry::event("directory-refused")
                        },
                    )
                    .map(drop)
                });
                self.audit_due.notify_one();
            }
        }
    }

    /// `jaring show`: the full message, decrypted, with its referral history and deliveries.
    /// Showing a body is itself audited (`viewed`, with the local user).
    pub async fn show(&self, id: &str, user: &str) -> Result<Value, NodeError> {
        let store = self.store.clone();
        let id2 = id.to_owned();
        let stored = blocking(move || store.message(&id2))
            .await?
            .map_err(NodeError::internal)?
            .ok_or_else(|| NodeError::NotFound(format!("no message {id}")))?;
        let opened = ParsedEnvelope::parse(&stored.envelope)
            .map(ParsedEnvelope::assume_verified_from_own_store)
            .and_then(|v| v.decrypt(&self.me, std::slice::from_ref(&self.key.enc)))
            .map_err(|e| NodeError::Internal(format!("stored envelope does not open: {e}")))?;
        let store = self.store.clone();
        let (id2, user2, digest) = (id.to_owned(), user.to_owned(), stored.digest);
        blocking(move || store.viewed(&id2, &digest, &user2))
            .await?
            .map_err(NodeError::internal)?;
        self.audit_due.notify_one();
        let store = self.store.clone();
        let id2 = id.to_owned();
        let (deliveries, referral) = blocking(move || {
            Ok::<_, crate::store::StoreError>((store.deliveries(&id2)?, store.referral(&id2)?))
        })
        .await?
        .map_err(NodeError::internal)?;
        let header: Value = serde_json::from_slice(&opened.header_bytes).unwrap_or(Value::Null);
        Ok(json!({
            "summary": stored.summary,
            "header": header,
            "body": opened.body.to_value(),
            "deliveries": deliveries,
            "referral": referral,
            "digest": b64::encode(&stored.digest),
        }))
    }

    /// Checks a peer's checkpoint: signature by the peer's key, and that it extends the one
    /// held (never smaller, never a different tree at the same size, and a consistency proof
    /// from the held size). Anything else raises an alarm.
    async fn witness(&self, peer: &str, payload: &[u8]) {
        let result = self.check_peer_checkpoint(peer, payload);
        let store = self.store.clone();
        let peer2 = peer.to_owned();
        let outcome = match result {
            Ok(Some((size, root, note))) => {
                blocking(move || store.witnessed(&peer2, size, &root, &note)).await
            }
            Ok(None) => return,
            Err((reason, size)) => {
                warn!(peer = %peer, reason = %reason, "checkpoint alarm");
                blocking(move || store.alarm(&peer2, &reason, size)).await
            }
        };
        if let Ok(Err(e)) = outcome {
            self.note_error(&format!("recording a checkpoint of {peer}: {e}"));
        }
        self.audit_due.notify_one();
    }

    #[allow(clippy::type_complexity)]
    fn check_peer_checkpoint(
        &self,
        peer: &str,
        payload: &[u8],
    ) -> Result<Option<(u64, Vec<u8>, String)>, (String, Option<u64>)> {
        use jaring_audit::{Checkpoint, CheckpointMessage};
        let msg: CheckpointMessage = serde_json::from_slice(payload)
            .map_err(|e| (format!("malformed checkpoint message: {e}"), None))?;
        let directory = self.directory();
        let agency = AgencyId::parse(peer)
            .ok()
            .and_then(|id| directory.agency(&id).cloned())
            .ok_or_else(|| (format!("{peer} is not in the directory"), None))?;
        let cp = Checkpoint::verify_any(&msg.checkpoint, agency.keys.iter().map(|k| &k.sign))
            .map_err(|e| (e.to_string(), None))?;
        if cp.agency != peer {
            return Err((
                format!("a checkpoint of {}'s log published by {peer}", cp.agency),
                Some(cp.size),
            ));
        }
        let held = self
            .store
            .peer_checkpoint(peer)
            .map_err(|e| (e.to_string(), None))?;
        let Some((size, root)) = held else {
            return Ok(Some((cp.size, cp.root.to_vec(), msg.checkpoint)));
        };
        let root: jaring_audit::Hash = root
            .try_into()
            .map_err(|_| ("the held checkpoint is unreadable".to_owned(), None))?;
        let held = Checkpoint {
            agency: peer.to_owned(),
            size,
            root,
        };
        if cp.size < held.size {
            return Err((
                format!(
                    "checkpoint went backwards: size {} after {}",
                    cp.size, held.size
                ),
                Some(cp.size),
            ));
        }
        if cp.size == held.size && cp.root != held.root {
            return Err((
                format!("fork: two different logs of size {}", cp.size),
                Some(cp.size),
            ));
        }
        msg.check_extends(&held, &cp)
            .map_err(|e| (format!("fork: {e}"), Some(cp.size)))?;
        Ok((cp.size > held.size).then_some((cp.size, cp.root.to_vec(), msg.checkpoint)))
    }

    async fn checkpoint_loop(self: Arc<Self>) {
        let cfg = self.config.audit.clone();
        let mut last: u64 = self
            .store
            .meta("checkpoint_size")
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut last_at = std::time::Instant::now();
        while !self
            .wait(Duration::from_millis(500).min(cfg.checkpoint_interval))
            .await
        {
            let size = self.audit.with_tree(|t| t.len() as u64).unwrap_or(0);
            // `last + 1`: our own `checkpoint` entry alone does not call for another one.
            let due = size >= last + cfg.checkpoint_every
                || (size > last + 1 && last_at.elapsed() >= cfg.checkpoint_interval);
            if !due {
                continue;
            }
            match self.publish_checkpoint(last).await {
                Ok(Some(published)) => {
                    last = published;
                    last_at = std::time::Instant::now();
                }
                Ok(None) => {}
                Err(e) => self.note_error(&format!("checkpoint: {e}")),
            }
        }
    }

    /// Signs a checkpoint of the audit log as it is now and publishes it with its consistency
    /// proof from `previous`; returns the size published.
    pub async fn publish_checkpoint(&self, previous: u64) -> Result<Option<u64>, NodeError> {
        use jaring_audit::{Checkpoint, CheckpointMessage};
        let me = self.me.to_string();
        let built = self.audit.with_tree(|tree| {
            let cp = Checkpoint {
                agency: me.clone(),
                size: tree.len() as u64,
                root: tree.root(),
            };
            let note = cp.sign(&self.key.sign);
            (cp, CheckpointMessage::of_tree(note, tree, previous))
        });
        let Some((cp, message)) = built else {
            return Ok(None);
        };
        if cp.size == 0 || cp.size == previous {
            return Ok(None);
        }
        let bytes = serde_json::to_vec(&message).map_err(NodeError::internal)?;
        let subject = Subject {
            family: Family::Checkpoint,
            sender: self.me.clone(),
            recipient: Recipient::All,
        }
        .render(&self.config.subject_prefix);
        let publish = Publish::build()
            .payload(bytes.clone().into())
            .message_id(format!("checkpoint.{}.{}", self.me, cp.size));
        let future = self
            .js
            .send_publish(subject, publish)
            .await
            .map_err(NodeError::internal)?;
        tokio::time::timeout(Duration::from_secs(10), future)
            .await
            .map_err(|_| NodeError::Internal("no acknowledgement".into()))?
            .map_err(NodeError::internal)?;
        let path = self.config.data_dir.join("checkpoints.jsonl");
        let store = self.store.clone();
        let (size, root) = (cp.size, cp.root);
        blocking(move || -> Result<(), String> {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| e.to_string())?;
            f.write_all(&bytes)
                .and_then(|_| f.write_all(b"\n"))
                .and_then(|_| f.sync_data())
                .map_err(|e| e.to_string())?;
            store.checkpointed(size, &root).map_err(|e| e.to_string())
        })
        .await?
        .map_err(NodeError::Internal)?;
        self.audit_due.notify_one();
        info!(size, "checkpoint published");
        Ok(Some(size))
    }

    /// The latest checkpoint this node published, as the signed note.
    pub fn latest_checkpoint(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.config.data_dir.join("checkpoints.jsonl")).ok()?;
        let line = text.lines().last()?;
        serde_json::from_str::<jaring_audit::CheckpointMessage>(line)
            .ok()
            .map(|m| m.checkpoint)
    }

    /// Audit queries: the log's entries (filtered), an inclusion proof, or a verification of
    /// the whole log against every checkpoint this node published.
    pub async fn audit_query(self: &Arc<Self>, what: AuditQuery) -> Result<Value, NodeError> {
        // Everything committed is in the file before it is read.
        self.flush_audit().await?;
        match what {
            AuditQuery::Prove { seq } => self.prove(seq),
            AuditQuery::Entries {
                message,
                event,
                since,
            } => {
                let path = self.audit.path().to_owned();
                blocking(move || {
                    let bytes = std::fs::read(&path).map_err(NodeError::internal)?;
                    let since = since.map(|t| t.to_string());
                    let rows: Vec<Value> = bytes
                        .split(|b| *b == b'\n')
                        .filter_map(|l| serde_json::from_slice::<Value>(l).ok())
                        .filter(|e| message.as_ref().is_none_or(|m| e["message"] == m.as_str()))
                        .filter(|e| event.as_ref().is_none_or(|v| e["event"] == v.as_str()))
                        .filter(|e| {
                            since
                                .as_ref()
                                .is_none_or(|s| e["at"].as_str().is_some_and(|a| a >= s.as_str()))
                        })
                        .collect();
                    Ok(Value::Array(rows))
                })
                .await?
            }
            AuditQuery::Verify => {
                let path = self.audit.path().to_owned();
                let checkpoints = self.config.data_dir.join("checkpoints.jsonl");
                let key = self.key.sign.verifying_key().clone();
                let me = self.me.to_string();
                blocking(move || {
                    let bytes = std::fs::read(&path).map_err(NodeError::internal)?;
                    let verified = match jaring_audit::log::verify_for(&bytes, Some(&me)) {
                        Ok(v) => v,
                        Err(e) => {
                            return Ok(json!({"ok": false, "seq": e.seq, "error": e.to_string()}))
                        }
                    };
                    let mut published = Vec::new();
                    for line in std::fs::read_to_string(&checkpoints)
                        .unwrap_or_default()
                        .lines()
                    {
                        let Ok(msg) = serde_json::from_str::<jaring_audit::CheckpointMessage>(line)
                        else {
                            continue;
                        };
                        match jaring_audit::Checkpoint::verify(&msg.checkpoint, &key) {
                            Ok(cp) => published.push(cp),
                            Err(e) => return Ok(json!({"ok": false, "error": e.to_string()})),
                        }
                    }
                    if let Err(e) = verified.check_all(&published) {
                        return Ok(json!({"ok": false, "seq": e.seq, "error": e.to_string()}));
                    }
                    Ok(json!({
                        "ok": true,
                        "size": verified.size(),
                        "root": b64::encode_std(&verified.root()),
                        "checkpoints_checked": published.len(),
                    }))
                })
                .await?
            }
        }
    }

    /// The inclusion proof of entry `seq` in the log as it is now, from the tree in memory.
    fn prove(&self, seq: u64) -> Result<Value, NodeError> {
        let index = usize::try_from(seq).unwrap_or(usize::MAX);
        let answer = self.audit.with_tree(|tree| {
            let Some(proof) = tree.inclusion_proof(index) else {
                return Err(NodeError::NotFound(format!(
                    "no entry {seq}: the log has {} entries",
                    tree.len()
                )));
            };
            Ok(json!({
                "seq": seq,
                "size": tree.len(),
                "root": b64::encode(&tree.root()),
                "leaf": b64::encode(&tree.leaves()[index]),
                "proof": proof.iter().map(|h| b64::encode(h)).collect::<Vec<_>>(),
            }))
        });
        answer.unwrap_or_else(|| Err(NodeError::Internal("audit log lock poisoned".into())))
    }

    /// `jaring status`.
    pub async fn status(&self) -> Result<Value, NodeError> {
        let store = self.store.clone();
        let counts = blocking(move || store.counts())
            .await?
            .map_err(NodeError::internal)?;
        let mut lag = serde_json::Map::new();
        for family in crate::nats::FAMILIES {
            let name = crate::nats::stream_name(&self.config.subject_prefix, family);
            let pending = match self.js.get_stream(&name).await {
                Ok(s) => match s
                    .get_consumer::<pull::Config>(&crate::nats::consumer_name(&self.me))
                    .await
                {
                    Ok(mut c) => c.info().await.ok().map(
                        |i| json!({"pending": i.num_pending, "unacknowledged": i.num_ack_pending}),
                    ),
                    Err(_) => None,
                },
                Err(_) => None,
            };
            lag.insert(family.as_str().into(), pending.unwrap_or(Value::Null));
        }
        let health = self.health.lock().map(|h| h.clone()).unwrap_or_default();
        let store = self.store.clone();
        let alarms = blocking(move || store.alarms(10))
            .await?
            .map_err(NodeError::internal)?;
        let audit_size = self.audit.with_tree(|t| t.len()).unwrap_or(0);
        let directory = self.directory();
        let state = self.client.connection_state();
        Ok(json!({
            "agency": self.me,
            "connection": format!("{state:?}").to_lowercase(),
            "server": self.client.server_info().server_name,
            "servers": self.config.nats.servers,
            "consumer_lag": lag,
            "directory": {"serial": directory.serial, "expires_at": directory.expires_at, "agencies": directory.agencies().count(),
                          "last_refused": health.directory_refused},
            "counts": counts,
            "audit": {"entries": audit_size, "integrity": self.audit.integrity.clone().unwrap_or_else(|| "ok".into())},
            "alarms": alarms,
            "last_error": health.last_error.map(|(at, e)| json!({"at": at, "error": e})),
        }))
    }

    /// `jaring quarantine`.
    pub async fn quarantine(&self, limit: usize) -> Result<Value, NodeError> {
        let store = self.store.clone();
        let rows = blocking(move || store.quarantine(limit))
            .await?
            .map_err(NodeError::internal)?;
        Ok(Value::Array(rows))
    }
}

fn event_of(item: &Inbound) -> Value {
    match item {
        Inbound::Opened { header, .. } => json!({
            "id": header.id, "kind": header.kind, "sender": header.sender, "tlp": header.tlp,
            "refs": header.refs, "created_at": header.created_at,
        }),
        Inbound::Refused {
            claimed_id, error, ..
        } => json!({"id": claimed_id, "refused": error.code.as_str()}),
    }
}
