//! Correlation as people use it: the alerts related to the one shown, a search for a value, a
//! compound's trail with its map, decisions on suggested links, and rebuilding the index.
//!
//! Reads the store's correlation index (`store::correlation`) and never the network, except
//! that a confirmed link may be shared as an `alert-update` through [`Node::send`]. Every
//! answer shows decrypted alert content, so each is audited with the person's name
//! (`correlated`: which view and which alerts, never the values).

use std::collections::BTreeMap;
use std::sync::Arc;

use jaring_api::correlation::{
    Decision, DecisionAnswer, Flagged, Link, Position, Rebuilt, Related, SearchAnswer, Suggestion,
    Trail, Via,
};
use jaring_api::messages::{OutgoingBody, SendRequest};
use jaring_api::users::User;
use jaring_core::body::{AlertBody, Place};
use jaring_core::envelope::{Header, ParsedEnvelope};
use jaring_core::{Kind, MessageId};
use jaring_correlate::facets::{search_keys, Facet};
use jaring_correlate::map::{draw, Leg, Stop};
use jaring_correlate::normalise::fold;
use serde_json::json;
use tracing::info;

use super::{blocking, Node, NodeError};
use crate::store::correlation::StoredAlert;

/// Ids named in one `correlated` audit entry; beyond them, the count says how many more.
const AUDITED_IDS: usize = 100;

impl Node {
    /// Audits a view of correlated content: the view, how many alerts, which (the first 100).
    pub(super) async fn audit_correlated(&self, user: &User, view: &str, ids: Vec<String>) {
        let store = self.store.clone();
        let detail = json!({
            "unix": user.unix,
            "view": view,
            "alerts": ids.len(),
            "ids": ids.iter().take(AUDITED_IDS).collect::<Vec<_>>(),
        });
        let name = user.name.clone();
        match blocking(move || store.console_event("correlated", &name, detail)).await {
            Ok(Ok(())) => self.audit_due.notify_one(),
            Ok(Err(e)) => self.note_error(&format!("audit of a correlation view: {e}")),
            Err(e) => self.note_error(&format!("audit of a correlation view: {e}")),
        }
    }

    async fn require_alert_reader(&self, user: &User, asked: &str) -> Result<(), NodeError> {
        self.require_kind(user, Kind::CompoundRelocationAlert, "read", asked, None)
            .await
    }

    /// The alerts related to message `id` from `sender` (for `show`; audited with it), and
    /// its values over the cap.
    pub(crate) async fn related_to(
        &self,
        id: &str,
        sender: &str,
    ) -> Result<(Vec<Related>, Vec<Flagged>), NodeError> {
        let (store, settings) = (self.store.clone(), self.correlation.clone());
        let (id, sender) = (id.to_owned(), sender.to_owned());
        Ok(blocking(move || store.related(&id, &sender, &settings)).await??)
    }

    /// Every alert holding a value (`TYPE=VALUE` or a bare value), normalised.
    pub async fn correlate_search(&self, q: &str, user: &User) -> Result<SearchAnswer, NodeError> {
        self.require_alert_reader(user, "GET /v1/correlate/search")
            .await?;
        let keys = search_keys(q);
        if q.trim().is_empty() || keys.is_empty() {
            return Err(NodeError::BadRequest(
                "q: give a value, or TYPE=VALUE (e.g. phone=+855 12 345 678)".into(),
            ));
        }
        let (store, settings) = (self.store.clone(), self.correlation.clone());
        let k2 = keys.clone();
        let (hits, excluded, flagged) =
            blocking(move || store.correlate_search(&k2, &settings)).await??;
        self.audit_correlated(user, "search", hits.iter().map(|h| h.id.clone()).collect())
            .await;
        Ok(SearchAnswer {
            keys: keys
                .iter()
                .map(|k| Via {
                    facet: k.facet.as_str().into(),
                    value: k.value.clone(),
                })
                .collect(),
            hits,
            excluded,
            flagged,
        })
    }

    /// A compound's trail, by reference or by name.
    pub async fn trail(&self, q: &str, user: &User) -> Result<Trail, NodeError> {
        self.require_alert_reader(user, "GET /v1/compounds/trail")
            .await?;
        let q = q.trim();
        if q.is_empty() {
            return Err(NodeError::BadRequest(
                "q: give a compound reference or a name".into(),
            ));
        }
        let reference = uuid::Uuid::parse_str(q)
            .ok()
            .map(|u| u.hyphenated().to_string());
        let name = fold(q);
        let (store, settings) = (self.store.clone(), self.correlation.clone());
        let r2 = reference.clone();
        let rows = blocking(move || store.trail(r2.as_deref(), &name, &settings)).await??;
        if rows.members.is_empty() {
            return Err(NodeError::NotFound(format!(
                "no alert this agency holds names the compound `{q}`"
            )));
        }
        let mut trail = trail_of(self.me.as_str(), rows);
        // A trail asked for by an excluded reference is shown, but the reference is neither
        // offered to new alerts nor shared: it is excluded because it links what is unrelated.
        if trail
            .reference
            .as_deref()
            .is_some_and(|r| self.correlation.exclusions.excludes(Facet::Ref, r))
        {
            trail.reference = None;
        }
        self.audit_correlated(
            user,
            "trail",
            trail.positions.iter().map(|p| p.id.clone()).collect(),
        )
        .await;
        Ok(trail)
    }

    /// Records a decision on a suggested link; a confirmation of the agency's own alert may be
    /// shared with the alert's recipients as an `alert-update` that sets `compound.ref`.
    pub async fn decide(
        self: &Arc<Self>,
        d: &Decision,
        user: &User,
    ) -> Result<DecisionAnswer, NodeError> {
        self.require_alert_reader(user, "POST /v1/compounds/trail/decisions")
            .await?;
        let confirmed = match d.decision.as_str() {
            "confirm" => true,
            "dismiss" => false,
            other => {
                return Err(NodeError::BadRequest(format!(
                    "decision: `{other}` is neither confirm nor dismiss"
                )))
            }
        };
        if d.share && !confirmed {
            return Err(NodeError::BadRequest(
                "share: only a confirmation can be shared".into(),
            ));
        }
        let reference = uuid::Uuid::parse_str(&d.trail)
            .ok()
            .map(|u| u.hyphenated().to_string());
        let excluded = reference
            .as_deref()
            .is_some_and(|r| self.correlation.exclusions.excludes(Facet::Ref, r));
        if d.share && excluded {
            return Err(NodeError::BadRequest(
                "share: this trail's reference is on the exclusion list (correlation.exclude); confirm without sharing".into(),
            ));
        }
        if d.share && reference.is_none() {
            return Err(NodeError::BadRequest(
                "share: this trail has no compound reference to share; confirm without sharing"
                    .into(),
            ));
        }
        if d.share && d.sender != self.me.as_str() {
            return Err(NodeError::BadRequest(format!(
                "share: only the sender of an alert can update it, and {} sent this one",
                d.sender
            )));
        }
        let store = self.store.clone();
        let (trail, id, sender, name, unix) = (
            d.trail.clone(),
            d.id.clone(),
            d.sender.clone(),
            user.name.clone(),
            user.unix.clone(),
        );
        blocking(move || store.decide(&trail, &id, &sender, confirmed, &name, &unix)).await??;
        self.audit_due.notify_one();
        let update = match (d.share, reference) {
            (true, Some(r)) => Some(self.share_reference(&d.id, &r, user).await?),
            _ => None,
        };
        Ok(DecisionAnswer {
            recorded: if confirmed { "confirmed" } else { "dismissed" }.into(),
            update,
        })
    }

    /// Sends an `alert-update` of the agency's own alert `id` (its latest version) with
    /// `compound.ref` set, to the alert's recipients, at the alert's TLP.
    async fn share_reference(
        self: &Arc<Self>,
        id: &str,
        reference: &str,
        user: &User,
    ) -> Result<String, NodeError> {
        let me = self.me.to_string();
        let store = self.store.clone();
        let (id2, me2) = (id.to_owned(), me.clone());
        let version = blocking(move || store.indexed_version(&id2, &me2))
            .await??
            .ok_or_else(|| NodeError::NotFound(format!("no alert {id} of this agency")))?;
        let store = self.store.clone();
        let (v2, me2) = (version.clone(), me.clone());
        let stored = blocking(move || store.message(&v2, Some(&me2)))
            .await??
            .ok_or_else(|| NodeError::NotFound(format!("no message {version}")))?;
        let opened = ParsedEnvelope::parse(&stored.envelope)
            .map(ParsedEnvelope::assume_verified_from_own_store)
            .and_then(|v| v.decrypt(&self.me, &self.dec_keys))
            .map_err(|e| NodeError::Internal(format!("stored envelope does not open: {e}")))?;
        let mut body: AlertBody = opened
            .body
            .typed()
            .map_err(|e| NodeError::Internal(e.to_string()))?;
        body.compound.reference = Some(reference.to_owned());
        let refs = vec![MessageId::parse(id).map_err(|e| NodeError::BadRequest(e.to_string()))?];
        let sent = self
            .send(
                SendRequest {
                    kind: Kind::AlertUpdate,
                    to: Vec::new(),
                    to_role: None,
                    to_all: false,
                    tlp: Some(opened.header.tlp),
                    refs,
                    expires_at: None,
                    body: OutgoingBody::Alert(body),
                    background: false,
                },
                user,
            )
            .await?;
        Ok(sent.id)
    }

    /// Rebuilds the correlation index from every stored alert, update and cancel, opened with
    /// the agency's keys a page at a time. Nothing is shown to the caller.
    pub async fn rebuild_correlation(self: &Arc<Self>, user: &User) -> Result<Rebuilt, NodeError> {
        self.rebuild_index(&user.name, json!({"unix": user.unix}))
            .await
    }

    /// Rebuilds the index if the store's was replaced when it was opened (a store made before
    /// the index was numbered): run once at start, in the background; alerts that arrive
    /// meanwhile are indexed as they are stored, and a trail answers from what is indexed.
    pub(crate) async fn rebuild_if_stale(self: Arc<Self>) {
        let store = self.store.clone();
        match blocking(move || store.correlation_stale()).await {
            Ok(Ok(true)) => {}
            Ok(Ok(false)) => return,
            Ok(Err(e)) => return self.note_error(&format!("store: {e}")),
            Err(e) => return self.note_error(&format!("store: {e}")),
        }
        info!("rebuilding the correlation index from the stored alerts");
        // A shutdown stops the rebuild between pages; the index stays marked stale and is
        // rebuilt at the next start.
        let mut stop = self.shutdown.clone();
        let rebuilt = tokio::select! {
            r = self.rebuild_index("jaringd", json!({"reason": "the index changed form"})) => r,
            _ = stop.wait_for(|s| *s) => return,
        };
        match rebuilt {
            Ok(r) => info!(
                alerts = r.alerts,
                rows = r.rows,
                "the correlation index is rebuilt"
            ),
            Err(e) => self.note_error(&format!("rebuilding the correlation index: {e}")),
        }
    }

    /// Opens a page of stored alert-kind envelopes for the index: (header, body) for alerts
    /// and updates, (header, None) for cancels, and how many did not open or validate.
    fn open_page(&self, page: &[StoredAlert]) -> (Vec<(Header, Option<AlertBody>)>, u64) {
        let (mut opened, mut skipped) = (Vec::with_capacity(page.len()), 0);
        for (_, _, _, envelope) in page {
            let open = ParsedEnvelope::parse(envelope)
                .map(ParsedEnvelope::assume_verified_from_own_store)
                .and_then(|v| v.decrypt(&self.me, &self.dec_keys));
            match open {
                Ok(o) if o.header.kind == Kind::AlertCancel => opened.push((o.header, None)),
                Ok(o) => match o.body.typed::<AlertBody>() {
                    Ok(b) => opened.push((o.header, Some(b))),
                    Err(_) => skipped += 1,
                },
                Err(_) => skipped += 1,
            }
        }
        (opened, skipped)
    }

    /// Rebuilds the index, audited as `correlation-rebuilt` by `by` with `detail` (and the
    /// counts); marks the index fresh when it has run to its end.
    async fn rebuild_index(
        self: &Arc<Self>,
        by: &str,
        mut detail: serde_json::Value,
    ) -> Result<Rebuilt, NodeError> {
        let Ok(_one) = self.rebuilding.try_lock() else {
            return Err(NodeError::Conflict(
                "the correlation index is being rebuilt already".into(),
            ));
        };
        let store = self.store.clone();
        blocking(move || store.clear_correlation()).await??;
        let (mut alerts, mut skipped, mut rows) = (0u64, 0u64, 0u64);
        let mut after = None;
        // Bounded: each page moves `after` forward; the store holds finitely many messages.
        loop {
            let store = self.store.clone();
            let a2 = after.clone();
            let page = blocking(move || store.alert_envelopes(a2, 500)).await??;
            let Some((at, id, sender, _)) = page.last() else {
                break;
            };
            after = Some((*at, id.clone(), sender.clone()));
            // Opening is CPU work (a key agreement each): off the async threads.
            let node = self.clone();
            let (opened, left_out) = blocking(move || node.open_page(&page)).await?;
            skipped += left_out;
            alerts += opened.iter().filter(|(_, b)| b.is_some()).count() as u64;
            let store = self.store.clone();
            rows = blocking(move || store.reindex(&opened)).await??;
        }
        let store = self.store.clone();
        blocking(move || store.correlation_rebuilt()).await??;
        if let Some(map) = detail.as_object_mut() {
            map.insert("alerts".into(), json!(alerts));
            map.insert("rows".into(), json!(rows));
            map.insert("skipped".into(), json!(skipped));
        }
        let store = self.store.clone();
        let name = by.to_owned();
        blocking(move || store.console_event("correlation-rebuilt", &name, detail)).await??;
        self.audit_due.notify_one();
        Ok(Rebuilt {
            alerts,
            rows,
            skipped,
        })
    }
}

/// Turns the index's rows into the API's trail, with its map (`me`: this agency, whose own
/// suggested alerts can be updated).
pub fn trail_of(me: &str, rows: crate::store::correlation::TrailRows) -> Trail {
    let positions: Vec<Position> = rows
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| Position {
            step: i + 1,
            id: m.id.clone(),
            sender: m.sender.clone(),
            version: m.version.clone(),
            compound: m.compound.clone(),
            aliases: m.aliases.clone(),
            from: m.from.clone(),
            to: m.to.clone(),
            observed_at: crate::store::ts(m.observed_at),
            grading: m.grading.clone(),
            tlp: m.tlp.clone(),
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for m in &rows.members {
        for n in std::iter::once(&m.compound).chain(&m.aliases) {
            if !names.iter().any(|k| fold(k) == fold(n)) {
                names.push(n.clone());
            }
        }
    }
    // The key is the trail's earliest reference when it has one: shown and shared as such.
    let reference = (!rows.key.starts_with("name:")).then(|| rows.key.clone());
    // One link per pair, with every value the pair shares.
    let mut pairs: BTreeMap<(String, String, String, String), Vec<Via>> = BTreeMap::new();
    for ((a, a_sender), (b, b_sender), via) in rows.links {
        let key = if (&a, &a_sender) <= (&b, &b_sender) {
            (a, a_sender, b, b_sender)
        } else {
            (b, b_sender, a, a_sender)
        };
        let list = pairs.entry(key).or_default();
        if !list.contains(&via) {
            list.push(via);
        }
    }
    let links = pairs
        .into_iter()
        .map(|((a, a_sender, b, b_sender), via)| Link {
            a,
            a_sender,
            b,
            b_sender,
            via,
        })
        .collect();
    let mut grouped: BTreeMap<(String, String), Suggestion> = BTreeMap::new();
    for (alert, linked_to, via) in rows.suggestions {
        let entry = grouped
            .entry((alert.id.clone(), alert.sender.clone()))
            .or_insert_with(|| Suggestion {
                own: alert.sender == me,
                id: alert.id.clone(),
                sender: alert.sender.clone(),
                compound: alert.compound.clone(),
                to: alert.to.clone(),
                observed_at: crate::store::ts(alert.observed_at),
                linked_to,
                via: Vec::new(),
            });
        if !entry.via.contains(&via) {
            entry.via.push(via);
        }
    }
    let title = names.first().cloned().unwrap_or_default();
    let svg = map_of(&positions, &title);
    Trail {
        key: rows.key,
        reference,
        names,
        positions,
        links,
        suggestions: grouped.into_values().collect(),
        flagged: rows.flagged,
        svg,
    }
}

/// The trail's map: each distinct place a stop, each move a numbered arrow.
fn map_of(positions: &[Position], title: &str) -> String {
    let mut stops: Vec<Stop> = Vec::new();
    let mut stop_of = |p: &Place| -> Option<usize> {
        let (lat, lon) = (p.lat?, p.lon?);
        let label = p.name.clone().unwrap_or_else(|| p.country.clone());
        if let Some(i) = stops
            .iter()
            .position(|s| (s.lat - lat).abs() < 1e-4 && (s.lon - lon).abs() < 1e-4)
        {
            return Some(i);
        }
        stops.push(Stop { lat, lon, label });
        Some(stops.len() - 1)
    };
    let mut legs = Vec::new();
    for p in positions {
        let from = stop_of(&p.from);
        let to = stop_of(&p.to);
        if let (Some(from), Some(to)) = (from, to) {
            legs.push(Leg {
                from,
                to,
                step: p.step,
            });
        }
    }
    draw(&stops, &legs, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, lat: f64, lon: f64) -> Place {
        Place {
            country: "KH".into(),
            name: Some(name.into()),
            lat: Some(lat),
            lon: Some(lon),
            precision_m: None,
            admin: None,
        }
    }

    #[test]
    fn a_place_reported_twice_is_one_stop() {
        let p = |step, from: Place, to: Place| Position {
            step,
            id: format!("a{step}"),
            sender: "TH-RTP".into(),
            version: format!("a{step}"),
            compound: "GF".into(),
            aliases: vec![],
            from,
            to,
            observed_at: String::new(),
            grading: "B2".into(),
            tlp: "AMBER".into(),
        };
        let svg = map_of(
            &[
                p(
                    1,
                    place("Myawaddy", 16.69, 98.51),
                    place("O'Smach", 14.42, 103.68),
                ),
                p(
                    2,
                    place("O'Smach", 14.42, 103.68),
                    place("Bavet", 11.06, 106.13),
                ),
            ],
            "GF",
        );
        assert_eq!(svg.matches(">Myawaddy<").count(), 1);
        assert_eq!(svg.matches(">O&#39;Smach<").count(), 1);
        // Each move is a quadratic curve (`Q`); nothing else in the map is drawn with one.
        assert_eq!(svg.matches('Q').count(), 2, "two arrows");
    }
}
