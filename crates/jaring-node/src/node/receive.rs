//! Receiving: reads this agency's durable consumers as continuous pull streams, opens each
//! batch on a worker pool, commits it in one transaction and only then acknowledges it.
//!
//! Owns the fetch → open → commit pipeline of each family and the events it announces to
//! followers. Touches the store only through `Store::record_inbound` (one transaction a batch)
//! and hands checkpoints to [`super::checkpoints`] for witnessing.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, AckKind};
use futures::StreamExt;
use jaring_core::body::Family;
use jaring_core::subject::Subject;
use jaring_core::Timestamp;
use tracing::{debug, warn};

use crate::pipeline::{open_one, Raw};
use crate::store::{Inbound, Received};
use jaring_core::envelope::{envelope_digest, ErrorCode, OpenError};

use jaring_api::messages::FollowEvent;

use super::{blocking, Node, NodeError};

/// Messages fetched from a stream at once.
const BATCH: usize = 512;

/// Bytes fetched from a stream at once, at most: four maximum-size envelopes (1 MiB each, spec
/// §9), a few thousand ordinary ones (so ordinary batches still fill to [`BATCH`]). With the
/// batches queued, opening and committing, this bounds a node's memory under flood
/// (docs/node.md, "Bounds against a flooding agency").
const MAX_BATCH_BYTES: usize = 4 * 1024 * 1024;

/// A batch at least this long means a backlog is arriving: the fetcher then lets the client
/// read on before handing the batch over (see [`fill_batch`]).
const BACKLOG_BATCH: usize = 32;

/// How many times the fetcher lets the client read on before it hands over a batch that is
/// still short of [`BATCH`].
const BACKLOG_READS: usize = 8;

/// Batches that may be opening while the one before them is committed: enough that a slow
/// commit (a sync that takes a while) does not leave the cores without envelopes to open.
const OPENING_AHEAD: usize = 2;

/// When a message could not be committed (a full disk, say), JetStream redelivers it after
/// this, doubled with each delivery up to [`RETRY_AT_MOST`]: with the consumer's `max_deliver`
/// (50) that spans about seven hours, so a full disk is not taken for a message that can never
/// be stored.
const RETRY_AFTER_FAILED_COMMIT: Duration = Duration::from_secs(1);

/// The longest wait before a message that failed to commit comes back.
const RETRY_AT_MOST: Duration = Duration::from_secs(600);

/// How long to wait before message `m` (which failed to commit) comes back.
fn retry_delay(m: &jetstream::Message) -> Duration {
    let delivered = m.info().map(|i| i.delivered).unwrap_or(1).clamp(1, 11);
    (RETRY_AFTER_FAILED_COMMIT * 2u32.pow((delivered - 1) as u32)).min(RETRY_AT_MOST)
}

/// Whether this is the consumer's last delivery of `m` (JetStream gives up after it).
fn last_delivery(m: &jetstream::Message, max_deliver: i64) -> bool {
    max_deliver > 0 && m.info().is_ok_and(|i| i.delivered >= max_deliver)
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

/// Opens one envelope; should opening panic (a bug: the fuzz targets look for exactly this),
/// the envelope is refused as `malformed` with a detail saying so, rather than failing its
/// whole batch, which JetStream would redeliver until `max_deliver` and then drop unrecorded.
fn open_guarded(
    raw: Raw,
    prefix: &str,
    me: &jaring_core::AgencyId,
    keys: &jaring_core::keys::OpeningKeys,
    directory: &jaring_core::Directory,
    now: Timestamp,
) -> Inbound {
    let (subject, payload, stream_seq) = (raw.subject.clone(), raw.payload.clone(), raw.stream_seq);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        open_one(raw, prefix, me, keys, directory, now)
    }))
    .unwrap_or_else(|_| Inbound::Refused {
        error: OpenError::new(
            ErrorCode::Malformed,
            "opening it failed inside this node (a bug; report it with the digest)",
        ),
        verified: None,
        claimed_id: None,
        claimed_sender: None,
        digest: envelope_digest(&payload),
        envelope: payload,
        subject,
        stream_seq,
    })
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

impl Node {
    /// Fetches, opens and commits in three stages joined by small bounded queues, so that
    /// the next batch is fetched and opened while the one before is being committed.
    pub(super) async fn receive_loop(
        self: Arc<Self>,
        family: Family,
        mut consumer: jetstream::consumer::Consumer<pull::Config>,
    ) {
        // The consumer's own limit (the RSO's provisioning sets it on a hub).
        let max_deliver = consumer
            .info()
            .await
            .map(|i| i.config.max_deliver)
            .unwrap_or(jaring_bus::MAX_DELIVER);
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
                        Ok(Ok(opened)) => node.commit_batch(opened, max_deliver).await,
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
                // In flight from one pull, at most this many bytes: another agency flooding
                // with maximum-size envelopes cannot make a batch hold 512 MiB.
                .max_bytes_per_batch(MAX_BATCH_BYTES)
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
                let keys = &node.dec_keys;
                part.into_iter()
                    .map(|raw| open_guarded(raw, &prefix, &me, keys, &directory, now))
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
    async fn commit_batch(&self, opened: OpenedBatch, max_deliver: i64) -> Result<(), NodeError> {
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
        let summaries: Vec<(Option<FollowEvent>, Option<String>)> =
            inbound.iter().map(event_of).collect();
        // A batch that fails to commit is not acknowledged: JetStream redelivers it.
        let store = self.store.clone();
        let started = std::time::Instant::now();
        let inbound = Arc::new(inbound);
        let all = inbound.clone();
        let committed = blocking(move || store.record_inbound(&all)).await;
        self.metrics
            .commit_seconds
            .observe(started.elapsed().as_secs_f64());
        let outcomes = match committed {
            Ok(Ok(outcomes)) => {
                self.store_committed(None);
                outcomes
            }
            Ok(Err(e)) => {
                // Nothing of the batch is stored. One message that cannot be stored must not
                // hold back the others: each is tried alone.
                let outcomes = self
                    .commit_one_by_one(&batch, &order, inbound, max_deliver, &e.to_string())
                    .await;
                for m in own.iter().map(|i| &batch[*i]) {
                    let _ = m.ack().await;
                }
                self.announce(summaries, outcomes);
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
        self.announce(summaries, outcomes.into_iter().map(Some).collect());
        Ok(())
    }

    /// After a batch failed to commit: commits its messages one at a time, acknowledging each
    /// that is stored. One that fails comes back later ([`retry_delay`]), or, at its last
    /// delivery, is quarantined as `undeliverable` (its sender republishes it, since no
    /// receipt went back). When the store cannot commit at all (a full disk), every message
    /// fails alike and comes back.
    async fn commit_one_by_one(
        &self,
        batch: &[jetstream::Message],
        order: &[usize],
        inbound: Arc<Vec<Inbound>>,
        max_deliver: i64,
        batch_error: &str,
    ) -> Vec<Option<Received>> {
        let store = self.store.clone();
        let items = inbound.clone();
        let results = blocking(move || {
            items
                .iter()
                .map(|item| {
                    store
                        .record_inbound(std::slice::from_ref(item))
                        .map(|mut r| r.pop())
                        .map_err(|e| e.to_string())
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_else(|e| vec![Err(e.to_string()); inbound.len()]);
        let mut outcomes = Vec::with_capacity(results.len());
        let mut any_stored = false;
        for (k, result) in results.into_iter().enumerate() {
            let m = &batch[order[k]];
            match result {
                Ok(outcome) => {
                    any_stored = true;
                    let _ = m.ack().await;
                    outcomes.push(outcome);
                }
                Err(error) if last_delivery(m, max_deliver) => {
                    let store = self.store.clone();
                    let items = inbound.clone();
                    let given_up =
                        blocking(move || store.quarantine_undeliverable(&items[k], &error)).await;
                    if matches!(given_up, Ok(Ok(()))) {
                        self.metrics.undeliverable.inc();
                        warn!(
                            stream_seq = m.info().map(|i| i.stream_sequence).unwrap_or(0),
                            "not stored by its last delivery: quarantined as undeliverable"
                        );
                        let _ = m.ack().await;
                    }
                    outcomes.push(None);
                }
                Err(_) => {
                    if let Err(e) = m.ack_with(AckKind::Nak(Some(retry_delay(m)))).await {
                        debug!(error = %e, "nak failed; the message comes back after ack_wait");
                    }
                    outcomes.push(None);
                }
            }
        }
        self.store_committed((!any_stored).then_some(batch_error));
        if any_stored {
            self.audit_due.notify_one();
        }
        outcomes
    }

    /// Tells followers and the metrics what a committed batch brought.
    fn announce(
        &self,
        summaries: Vec<(Option<FollowEvent>, Option<String>)>,
        outcomes: Vec<Option<Received>>,
    ) {
        for ((event, claimed), outcome) in summaries.into_iter().zip(outcomes) {
            let Some(outcome) = outcome else { continue };
            match outcome {
                Received::Stored => {
                    if let Some(event) = event {
                        self.metrics.received(event.kind.family());
                        let _ = self.events.send(event);
                    }
                }
                Received::Redelivered => debug!("redelivery recognised"),
                Received::Dropped(code) => {
                    // Over its publisher's quota: counted; the log would repeat the audit
                    // log's once-a-minute line at full speed.
                    self.metrics.refused(code.as_str());
                    self.metrics.quarantine_dropped.inc();
                }
                Received::Quarantined(code) => {
                    self.metrics.refused(code.as_str());
                    warn!(
                        code = code.as_str(),
                        message = claimed.as_deref().unwrap_or("-"),
                        "quarantined"
                    )
                }
            }
        }
    }
}

/// What followers are told of a stored message (metadata only), and the id it claims (for
/// the log, when it was refused).
fn event_of(item: &Inbound) -> (Option<FollowEvent>, Option<String>) {
    match item {
        Inbound::Opened { header, .. } => (
            Some(FollowEvent {
                id: header.id.to_string(),
                kind: header.kind,
                sender: header.sender.to_string(),
                tlp: header.tlp,
                refs: header.refs.iter().map(|r| r.to_string()).collect(),
                created_at: header.created_at.to_string(),
            }),
            Some(header.id.to_string()),
        ),
        Inbound::Refused { claimed_id, .. } => (None, claimed_id.clone()),
    }
}
