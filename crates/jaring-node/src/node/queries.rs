//! Queries for people: the inbox (metadata only), a message opened (audited as `viewed` with
//! the user's name), the node's status, the quarantine, the directory. Nothing here changes a
//! message; showing one writes its `viewed` entry. Every answer is a type of `jaring-api`.

use async_nats::jetstream::consumer::pull;
use jaring_api::directory::{AgencyView, DirectoryView};
use jaring_api::messages::{
    Delivery, InboxQuery, MessageBody, MessageView, ReferralState, Summary,
};
use jaring_api::quarantine::QuarantineItem;
use jaring_api::status::{AuditState, DirectoryState, Lag, LastError, Status};
use jaring_api::users::User;
use jaring_api::{Cursor, Page, PageQuery, Roles};
use jaring_core::envelope::ParsedEnvelope;
use jaring_core::{b64, Kind, Timestamp};

use super::{blocking, Node, NodeError};
use crate::store::InboxFilter;

impl Node {
    /// The inbox: metadata of what the caller's roles may list, newest first, a page at a
    /// time.
    pub async fn inbox(&self, q: InboxQuery, roles: &Roles) -> Result<Page<Summary>, NodeError> {
        let since = match &q.since {
            Some(s) => Some(
                Timestamp::parse(s)
                    .map_err(|e| NodeError::BadRequest(format!("since: {e}")))?
                    .unix_millis(),
            ),
            None => None,
        };
        let after = match &q.cursor {
            Some(c) => {
                let key = Cursor::decode(c).map_err(|e| NodeError::BadRequest(e.message))?;
                // `at.id.sender` (ids and agency ids hold no dots); older cursors lack the sender.
                let mut parts = key.splitn(3, '.');
                let at = parts.next().and_then(|a| a.parse::<i64>().ok());
                let id = parts.next().map(str::to_owned);
                let sender = parts.next().unwrap_or_default().to_owned();
                match (at, id) {
                    (Some(at), Some(id)) => Some((at, id, sender)),
                    _ => return Err(NodeError::BadRequest("cursor: not an inbox cursor".into())),
                }
            }
            None => None,
        };
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| roles.may_list(**k))
            .map(|k| k.as_str().to_owned())
            .collect();
        if kinds.is_empty() {
            // A user left with no role lists nothing (an empty filter would mean "any kind").
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        }
        let filter = InboxFilter {
            kind: q.kind.map(|k| k.as_str().to_owned()),
            kinds,
            from: q.from,
            since,
            unread: q.unread,
            include_sent: q.sent,
            only_sent: q.outgoing,
            tlp: q.tlp.map(|t| t.as_str().to_owned()),
            state: q.status,
            after,
        };
        let limit = jaring_api::paging::clamp_limit(q.limit);
        let store = self.store.clone();
        let rows = blocking(move || store.inbox(&filter, limit)).await??;
        // The cursor is the last row's sort key: when it was stored (unix ms), its id and its
        // sender (two agencies' messages may share an id, even stored in the same millisecond).
        let page = Page::from_rows(rows, limit, |(m, at)| format!("{at}.{}.{}", m.id, m.sender));
        Ok(Page {
            items: page.items.into_iter().map(|(m, _)| m).collect(),
            next: page.next,
        })
    }

    /// `jaring show`: the full message, decrypted, with its referral history and deliveries.
    /// The caller must hold the role that reads this kind (alerts: liaison; referrals:
    /// caseworker); a refusal is audited as `denied`, a showing as `viewed`, both with the
    /// user's name.
    ///
    /// Senders choose ids, so two agencies may have used one: `sender` names which is meant,
    /// and without it such an id is a conflict naming both (never one of them silently).
    pub async fn show(
        &self,
        id: &str,
        sender: Option<&str>,
        user: &User,
    ) -> Result<MessageView, NodeError> {
        let store = self.store.clone();
        let (id2, sender2) = (id.to_owned(), sender.map(str::to_owned));
        let found = blocking(move || store.messages_with_id(&id2, sender2.as_deref())).await??;
        // The role is checked for every message under the id before anything of them is said,
        // the senders of a shared id included.
        let mut kinds: Vec<Kind> = Vec::new();
        for m in &found {
            let kind = m
                .summary
                .kind
                .parse::<Kind>()
                .map_err(NodeError::Internal)?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        for kind in kinds {
            self.require_kind(
                user,
                kind,
                "read",
                &format!("GET /v1/messages/{id}"),
                Some(id),
            )
            .await?;
        }
        let stored = crate::store::Store::only_one(id, found)?.ok_or_else(|| match sender {
            Some(s) => NodeError::NotFound(format!("no message {id} from {s}")),
            None => NodeError::NotFound(format!("no message {id}")),
        })?;
        let sender = stored.summary.sender.clone();
        let mine = sender == self.me.as_str();
        let opened = ParsedEnvelope::parse(&stored.envelope)
            .map(ParsedEnvelope::assume_verified_from_own_store)
            .and_then(|v| v.decrypt(&self.me, &self.dec_keys))
            .map_err(|e| NodeError::Internal(format!("stored envelope does not open: {e}")))?;
        let body = MessageBody::of(&opened.body).map_err(NodeError::Internal)?;
        let store = self.store.clone();
        let (id2, sender2, user2, unix, digest) = (
            id.to_owned(),
            sender.clone(),
            user.name.clone(),
            user.unix.clone(),
            stored.digest,
        );
        blocking(move || store.viewed(&id2, &sender2, &digest, &user2, &unix)).await??;
        self.audit_due.notify_one();
        self.metrics.views.inc();
        let (deliveries, referral) = self.tracked(id, &sender, mine).await?;
        // An alert's related alerts are shown with it: what of them is shown (a compound's
        // name, the shared values) is audited as a correlation view.
        let (related, flagged) = match opened.header.kind {
            Kind::CompoundRelocationAlert | Kind::AlertUpdate => {
                self.related_to(id, &sender).await?
            }
            _ => (Vec::new(), Vec::new()),
        };
        if !related.is_empty() {
            self.audit_correlated(
                user,
                "related",
                related.iter().map(|r| r.id.clone()).collect(),
            )
            .await;
        }
        Ok(MessageView {
            summary: stored.summary,
            header: opened.header,
            body,
            deliveries,
            referral,
            digest: b64::encode(&stored.digest),
            related,
            flagged,
        })
    }

    /// The deliveries (of this node's own messages only: another agency's message under one of
    /// its ids has none) and the referral state of message `id` from `sender`.
    async fn tracked(
        &self,
        id: &str,
        sender: &str,
        mine: bool,
    ) -> Result<(Vec<Delivery>, Option<ReferralState>), NodeError> {
        let store = self.store.clone();
        let (id, sender) = (id.to_owned(), sender.to_owned());
        Ok(blocking(move || {
            let deliveries = if mine {
                store.deliveries(&id)?
            } else {
                Vec::new()
            };
            Ok::<_, crate::store::StoreError>((deliveries, store.referral(&id, &sender)?))
        })
        .await??)
    }

    /// Metadata of one message, with its deliveries (the node's own messages) and a referral's
    /// history: what the console shows before a message is opened and on the Sent page.
    /// Nothing is decrypted, so nothing is audited as `viewed`; the caller must be allowed to
    /// list the kind (a refusal is audited as `denied`).
    pub async fn tracking(
        &self,
        id: &str,
        sender: Option<&str>,
        user: &User,
    ) -> Result<jaring_api::messages::Tracking, NodeError> {
        let store = self.store.clone();
        let (id2, sender2) = (id.to_owned(), sender.map(str::to_owned));
        let found = blocking(move || store.messages_with_id(&id2, sender2.as_deref())).await??;
        for m in &found {
            let kind = m
                .summary
                .kind
                .parse::<Kind>()
                .map_err(NodeError::Internal)?;
            if !user.roles.may_list(kind) {
                let asked = format!("GET /v1/messages/{id}/tracking");
                let why = format!("listing a {kind} needs a role that reads it, auditor or admin");
                self.deny(&user.name, Some(&user.unix), &asked, Some(id), &why)
                    .await;
                return Err(NodeError::Forbidden(format!("{}: {why}", user.name)));
            }
        }
        let stored = crate::store::Store::only_one(id, found)?.ok_or_else(|| match sender {
            Some(s) => NodeError::NotFound(format!("no message {id} from {s}")),
            None => NodeError::NotFound(format!("no message {id}")),
        })?;
        let summary = stored.summary;
        let mine = summary.sender == self.me.as_str();
        let (deliveries, referral) = self.tracked(id, &summary.sender, mine).await?;
        Ok(jaring_api::messages::Tracking {
            summary,
            deliveries,
            referral,
        })
    }

    /// `jaring status`.
    pub async fn status(&self) -> Result<Status, NodeError> {
        let store = self.store.clone();
        let counts = blocking(move || store.counts()).await??;
        let consumer_lag = self.consumer_lag().await;
        let health = self.health.lock().map(|h| h.clone()).unwrap_or_default();
        let store = self.store.clone();
        let alarms = blocking(move || store.alarms(10)).await??;
        let audit_size = self.audit.with_tree(|t| t.len()).unwrap_or(0);
        let directory = self.directory();
        let state = self.client.connection_state();
        Ok(Status {
            agency: self.me.to_string(),
            connection: format!("{state:?}").to_lowercase(),
            server: self.client.server_info().server_name,
            servers: self.config.nats.servers.clone(),
            consumer_lag,
            directory: DirectoryState {
                serial: directory.serial,
                expires_at: directory.expires_at.to_string(),
                agencies: directory.agencies().count(),
                last_refused: health.directory_refused,
                state: health.directory_state.to_owned(),
                highest_serial: self
                    .store
                    .meta(super::HIGHEST_SERIAL)
                    .ok()
                    .flatten()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(directory.serial),
            },
            counts,
            audit: AuditState {
                entries: audit_size,
                integrity: self.audit.integrity.clone().unwrap_or_else(|| "ok".into()),
            },
            alarms,
            last_error: health.last_error.map(|(at, error)| LastError {
                at: at.to_string(),
                error,
            }),
            store: health.store_failing.unwrap_or_else(|| "ok".into()),
        })
    }

    /// Per family, this agency's consumer backlog at the hub (none where it could not be
    /// asked).
    pub async fn consumer_lag(&self) -> std::collections::BTreeMap<String, Option<Lag>> {
        let mut lag = std::collections::BTreeMap::new();
        for family in jaring_bus::FAMILIES {
            let name = jaring_bus::stream_name(&self.config.subject_prefix, family);
            // Straight to this agency's own consumer: the hub grants no stream information.
            let pending = match self
                .js
                .get_consumer_from_stream::<pull::Config, _, _>(
                    jaring_bus::consumer_name(&self.me),
                    name,
                )
                .await
            {
                Ok(mut c) => c.info().await.ok().map(|i| Lag {
                    pending: i.num_pending,
                    unacknowledged: i.num_ack_pending as u64,
                }),
                Err(_) => None,
            };
            lag.insert(family.as_str().to_owned(), pending);
        }
        lag
    }

    /// `jaring quarantine`: newest first, a page at a time; metadata only.
    pub async fn quarantine(&self, q: PageQuery) -> Result<Page<QuarantineItem>, NodeError> {
        let limit = q.limit();
        let before = match &q.cursor {
            Some(c) => Some(
                Cursor::decode_number::<i64>(c, "a quarantine")
                    .map_err(|e| NodeError::BadRequest(e.message))?,
            ),
            None => None,
        };
        let store = self.store.clone();
        let rows = blocking(move || store.quarantine(limit, before)).await??;
        Ok(Page::from_rows(rows, limit, |r| r.qid.to_string()))
    }

    /// The directory in force, as users need it.
    pub fn directory_view(&self) -> DirectoryView {
        let d = self.directory();
        let now = Timestamp::now();
        DirectoryView {
            network: d.network.clone(),
            serial: d.serial,
            expires_at: d.expires_at.to_string(),
            agencies: d
                .agencies()
                .map(|a| AgencyView {
                    id: a.id.to_string(),
                    name: a.name.clone(),
                    country: a.country.clone(),
                    roles: a.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                    pq: a.current_key(now).is_some_and(|k| k.pq.is_some()),
                })
                .collect(),
            pq_required: self
                .config
                .pq
                .require
                .iter()
                .map(|k| k.to_string())
                .collect(),
        }
    }

    /// The metrics text, with the gauges read now.
    pub async fn metrics_text(&self) -> String {
        if let Some(text) = self.metrics.recent() {
            return text;
        }
        let lag = self
            .consumer_lag()
            .await
            .into_iter()
            .filter_map(|(f, l)| l.map(|l| (f, l.pending)))
            .collect();
        let store = self.store.clone();
        let counts = blocking(move || store.counts())
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        let directory = self.directory();
        let expiry = (directory.expires_at.unix_millis() - Timestamp::now().unix_millis()) / 1000;
        self.metrics.render(&crate::metrics::Snapshot {
            lag,
            pending: counts.deliveries_pending,
            failed: counts.deliveries_failed,
            receipts_owed: counts.receipts_owed,
            quarantined: counts.quarantined,
            directory_serial: directory.serial,
            directory_expiry: expiry,
            connected: self.client.connection_state() == async_nats::connection::State::Connected,
        })
    }
}
