//! Sending and delivery tracking: validates and seals what a user posts, stores it (group
//! commit) before publishing, publishes on each recipient subject, and republishes whatever no
//! signed receipt has confirmed, with backoff, until delivery fails after `max_attempts`.
//!
//! Owns the sent-message writer and the delivery loop; reads the directory, writes deliveries.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::context::Publish;
use jaring_core::body::{Family, Kind};
use jaring_core::envelope::Draft;
use jaring_core::subject::{nats_msg_id, Recipient, Subject};
use jaring_core::{seal, AgencyId, Body, MessageId, Timestamp};
use tracing::{info, warn};

use crate::store::{SentRecord, Store};

use jaring_api::messages::{OutgoingBody, Published, Sent};
use jaring_api::users::User;

use super::{blocking, ms, Node, NodeError, SendRequest};

/// A sent message waiting to be stored, and who waits for it.
pub(super) type SentJob = (SentRecord, tokio::sync::oneshot::Sender<Result<(), String>>);

/// Stores sent messages as they come, all that wait in one transaction (a group commit: one
/// fsync for many concurrent sends), then answers each sender.
pub(super) async fn sent_writer(
    store: Arc<Store>,
    mut queue: tokio::sync::mpsc::Receiver<SentJob>,
    commit_seconds: prometheus_client::metrics::histogram::Histogram,
) {
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
        let started = std::time::Instant::now();
        let result = blocking(move || store.record_sent(&records))
            .await
            .inspect(|_| commit_seconds.observe(started.elapsed().as_secs_f64()))
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()));
        for waiter in waiters {
            let _ = waiter.send(result.clone());
        }
    }
}

impl Node {
    /// Sends a message: validates, seals, stores (with the `sent` audit entry), publishes on
    /// each recipient subject and awaits each PubAck; or, asked to send in the background,
    /// answers once stored and publishes after (at most 64 such messages at once).
    /// A publish that fails is retried by the delivery loop; the message is already safe in
    /// the store.
    ///
    /// Alerts are posted with the `liaison` role, referrals and their statuses with the
    /// `caseworker` role; a refusal is audited as `denied`, a message sent as `sent`, both
    /// naming the user.
    pub async fn send(self: &Arc<Self>, req: SendRequest, user: &User) -> Result<Sent, NodeError> {
        self.require_kind(user, req.kind, "sent", "POST /v1/messages", None)
            .await?;
        if req.kind.family() == Family::Referral && (req.to_all || req.to_role.is_some()) {
            return Err(NodeError::BadRequest(
                "personal data goes to named agencies only: send referrals with --to, not --to-all or --to-role".into(),
            ));
        }
        let directory = self.directory();
        let body = Body::new(req.kind, req.body.to_value(), &req.refs)
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
                // The status goes to the agency that sent the referral. Another agency may
                // have sent one under the same id: then the caller names which (`to`).
                let senders = self
                    .store
                    .referral_senders(&referral)
                    .map_err(NodeError::internal)?;
                let named: Vec<&String> = senders
                    .iter()
                    .filter(|s| to.is_empty() || to.iter().any(|t| t.as_str() == s.as_str()))
                    .collect();
                match named.as_slice() {
                    [one] => {
                        to = vec![AgencyId::parse(one).map_err(NodeError::internal)?];
                    }
                    [] => {
                        return Err(NodeError::NotFound(format!(
                            "no referral {referral} was received by {}{}",
                            self.me,
                            if to.is_empty() {
                                ""
                            } else {
                                " from that agency"
                            }
                        )))
                    }
                    many => {
                        let names: Vec<&str> = many.iter().map(|s| s.as_str()).collect();
                        return Err(NodeError::Conflict(format!(
                            "referral {referral} was received from {}: name the agency the status is for",
                            names.join(" and ")
                        )));
                    }
                }
                if let OutgoingBody::Status(s) = &req.body {
                    status = Some(s.status.clone());
                }
            }
            Kind::AlertUpdate | Kind::AlertCancel
                if to.is_empty() && req.to_role.is_none() && !req.to_all =>
            {
                let alert = req
                    .refs
                    .first()
                    .map(MessageId::to_string)
                    .unwrap_or_default();
                let original = self
                    .store
                    .message(&alert, Some(self.me.as_str()))
                    .map_err(NodeError::internal)?;
                match original {
                    Some(m)
                        if m.summary.direction == crate::store::Direction::Out
                            && m.summary
                                .kind
                                .parse::<Kind>()
                                .is_ok_and(|k| k.family() == Family::Alert) =>
                    {
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
        // `[pq] require`: refused before anything is sealed, naming every agency that would
        // get a classical wrap, against the same directory the envelope is sealed under.
        if self.config.pq.require.contains(&req.kind) {
            let classical = directory.without_pq(&sealed_to, Timestamp::now());
            if !classical.is_empty() {
                let names: Vec<String> = classical
                    .iter()
                    .map(|a| match *a == &self.me {
                        true => format!("{a} (this agency)"),
                        false => a.to_string(),
                    })
                    .collect();
                return Err(NodeError::BadRequest(format!(
                    "a {} needs a post-quantum key wrap here (pq.require), and {} {} no X-Wing \
                     key in directory serial {}: ask the RSO to list one, or leave {} out",
                    req.kind,
                    names.join(", "),
                    if names.len() == 1 { "has" } else { "have" },
                    directory.serial,
                    if names.len() == 1 { "it" } else { "them" },
                )));
            }
        }
        let alert = match req.kind {
            Kind::CompoundRelocationAlert | Kind::AlertUpdate => body
                .typed::<jaring_core::body::AlertBody>()
                .ok()
                .map(Box::new),
            _ => None,
        };
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
            user: user.name.clone(),
            unix: user.unix.clone(),
            alert,
        };
        // Sent in the background: a place among the messages publishing in the background is
        // taken before the commit, so that a script faster than the hub waits here rather than
        // piling up tasks.
        let slot = match req.background {
            true => Some(
                self.background
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(NodeError::internal)?,
            ),
            false => None,
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
        self.metrics.sent(family);
        let recipients = to.iter().map(|a| a.to_string()).collect();
        if let Some(slot) = slot {
            // Stored and audited: the answer goes now, the copies follow. Whatever happens to
            // this task (the hub away, the node stopped), the deliveries are pending in the
            // store and the delivery loop republishes them until their receipts.
            if self.client.connection_state() != async_nats::connection::State::Connected {
                // No hub now: a publish would hold its place for the whole acknowledgement
                // timeout, and a script would be slowed to a few posts a second. The copies
                // are made due in two seconds instead, as after a publish without an answer.
                let next = Timestamp::now().unix_millis() + 2_000;
                let (store, of) = (self.store.clone(), id.clone());
                blocking(move || {
                    subjects
                        .iter()
                        .try_for_each(|subject| store.postpone(&of, subject, next))
                })
                .await?
                .map_err(NodeError::internal)?;
                drop(slot);
            } else {
                let node = self.clone();
                let (of, wire) = (id.clone(), sealed.bytes);
                tokio::spawn(async move {
                    node.publish_copies(&of, &subjects, &wire).await;
                    drop(slot);
                });
            }
            return Ok(Sent {
                id,
                kind: req.kind,
                recipients,
                published: Vec::new(),
                background: true,
            });
        }
        let acks = self.publish_copies(&id, &subjects, &sealed.bytes).await;
        let published = subjects
            .into_iter()
            .zip(acks)
            .map(|(subject, acknowledged)| Published {
                subject,
                acknowledged,
            })
            .collect();
        Ok(Sent {
            id,
            kind: req.kind,
            recipients,
            published,
            background: false,
        })
    }

    /// The first publish of a new message's copies, one per subject. Every copy is published
    /// at once and the acknowledgements awaited together: under the hub's synced writes each
    /// takes a disk flush, and a referral to ten agencies waited for ten of them in turn
    /// (issue 17's burst). The copies are independent; each outcome is recorded on its own
    /// delivery. Returns whether each was acknowledged.
    async fn publish_copies(&self, id: &str, subjects: &[String], wire: &[u8]) -> Vec<bool> {
        futures::future::join_all(
            subjects
                .iter()
                .map(|subject| self.publish(id, subject, wire, 0, false)),
        )
        .await
    }

    /// Publishes a stored envelope on one subject and records the outcome; true when the
    /// server acknowledged it.
    /// `record`: whether a successful publish is written to the store; the first publish of a
    /// new message was already recorded with the message.
    pub(super) async fn publish(
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
        // Three outcomes: acknowledged; refused by the hub (it answered with an error); or no
        // answer (the hub unreachable). What each does to the delivery is below.
        let answer = match self.js.send_publish(subject.to_owned(), publish).await {
            Ok(future) => match tokio::time::timeout(Duration::from_secs(10), future).await {
                Ok(Ok(ack)) => Ok(ack),
                Ok(Err(e))
                    if !matches!(
                        e.kind(),
                        async_nats::jetstream::context::PublishErrorKind::TimedOut
                            | async_nats::jetstream::context::PublishErrorKind::BrokenPipe
                    ) =>
                {
                    Err(Some(e.to_string()))
                }
                _ => Err(None),
            },
            Err(_) => Err(None),
        };
        let store = self.store.clone();
        let (id2, subject2) = (id.to_owned(), subject.to_owned());
        match answer {
            Ok(ack) => {
                let next = self.next_attempt_at(attempts);
                let seq = (!ack.duplicate).then_some(ack.sequence);
                if record {
                    let _ =
                        blocking(move || store.mark_published(&id2, &subject2, seq, next)).await;
                }
                true
            }
            // Refusals that concern this message alone count as attempts: its subject is full
            // (a flood on it, or this sender's own), or it is larger than the stream takes.
            Err(Some(refusal)) if counts_as_attempt(&refusal) => {
                self.metrics.publish_refused.inc();
                self.note_error(&format!(
                    "publishing {id} on {subject}: the hub refused it: {refusal}"
                ));
                let next = self.next_attempt_at(attempts);
                let _ =
                    blocking(move || store.publish_refused(&id2, &subject2, &refusal, next)).await;
                false
            }
            // Any other answer (a full stream, JetStream unavailable during a leader change) is
            // the hub's state, not the message's, and no answer means the hub is unreachable:
            // both are retried later without counting, so that a flooder filling a stream
            // cannot make honest deliveries end `failed`.
            Err(other) => {
                let (why, after_ms) = match other {
                    Some(refusal) => (format!("the hub cannot take it now: {refusal}"), 30_000),
                    None => ("no acknowledgement".to_owned(), 2_000),
                };
                self.note_error(&format!("publishing {id} on {subject}: {why}; will retry"));
                let next = Timestamp::now().unix_millis() + after_ms;
                let _ = blocking(move || store.postpone(&id2, &subject2, next)).await;
                false
            }
        }
    }

    /// When a delivery published `attempts` times before is next due: `resend_after` times
    /// `backoff` to the power of the attempts, at most a year whatever the backoff multiplies
    /// up to.
    fn next_attempt_at(&self, attempts: u32) -> i64 {
        let d = &self.config.delivery;
        let factor = d.backoff.powi(attempts.min(30) as i32);
        let wait = Duration::try_from_secs_f64(d.resend_after.as_secs_f64() * factor)
            .unwrap_or(Duration::MAX)
            .min(Duration::from_secs(366 * 86_400));
        Timestamp::now().unix_millis() + ms(wait)
    }

    pub(super) async fn delivery_loop(self: Arc<Self>) {
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
}

/// Whether a refusal from the hub concerns the message itself (so it counts as an attempt):
/// its subject is at `max_msgs_per_subject`, or it is over the stream's message size.
fn counts_as_attempt(refusal: &str) -> bool {
    let r = refusal.to_ascii_lowercase();
    r.contains("maximum messages per subject") || r.contains("message size exceeds maximum")
}
