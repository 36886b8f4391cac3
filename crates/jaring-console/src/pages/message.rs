//! One message. `GET /messages/{id}` is its gate: metadata only (what the inbox shows, and for
//! the node's own messages where each copy went), and a button. Opening is deliberate: a POST,
//! which asks the node for the decrypted message as this user (audited `viewed` with the
//! user's name) and renders it with `Cache-Control: no-store`. A referral received shows its
//! workflow; an alert this agency posted can be cancelled.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{
    Direction, InboxQuery, MessageBody, MessageView, OutgoingBody, SendRequest, StatusUpdate,
    Tracking,
};
use jaring_api::ApiError;
use jaring_core::body::Place;
use jaring_core::{AgencyId, Kind, MessageId};
use serde::Deserialize;

use super::{problem, render};
use crate::backend::Backend;
use crate::i18n::Tr;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

/// `?sender=` (two agencies may have used one id).
#[derive(Debug, Default, Deserialize)]
pub struct SenderQuery {
    #[serde(default)]
    sender: String,
    #[serde(default)]
    done: String,
}

/// Deliveries as rows: (recipient, state in words, when, state code).
pub type DeliveryRow = (String, String, String, String);
/// History as rows: (status, by, when).
pub type HistoryRow = (String, String, String);

/// The tracking of a message as rows.
pub fn tracking_rows(
    tr: &Tr,
    dir: Option<&DirectoryView>,
    t: &Tracking,
) -> (Vec<DeliveryRow>, Vec<HistoryRow>) {
    let deliveries = t
        .deliveries
        .iter()
        .map(|d| {
            let mut state = tr.t(&format!("delivery-{}", d.state));
            if let Some(e) = &d.error {
                state = format!("{state} ({e})");
            }
            (
                views::agency(dir, &d.recipient),
                state,
                tr.date(&d.updated_at),
                d.state.clone(),
            )
        })
        .collect();
    let history = t
        .referral
        .as_ref()
        .map(|r| {
            r.history
                .iter()
                .map(|h| {
                    (
                        views::status(tr, &h.status),
                        views::agency(dir, &h.by),
                        tr.date(&h.at),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (deliveries, history)
}

#[derive(Template)]
#[template(path = "gate.html")]
struct Gate {
    f: Frame,
    notice: Option<String>,
    tlp: views::Banner,
    kind: String,
    id: String,
    sender: String,
    sender_id: String,
    recipients: String,
    created: String,
    stored: String,
    status: String,
    may_open: bool,
    deliveries: Vec<DeliveryRow>,
    history: Vec<HistoryRow>,
}

/// The page for a path that names no message id, if it does not.
fn checked_id(v: &Viewer, id: &str) -> Option<Response> {
    MessageId::parse(id)
        .err()
        .map(|e| problem(v, &ApiError::bad_request(format!("{id}: {e}"))))
}

/// `GET /messages/{id}`.
pub async fn gate<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SenderQuery>,
) -> Response {
    if let Some(r) = checked_id(&v, &id) {
        return r;
    }
    let backend = &console.backend;
    let sender = (!q.sender.is_empty()).then_some(q.sender.as_str());
    let t = match backend.tracking(&v.user, &id, sender).await {
        Ok(t) => t,
        Err(e) => return problem(&v, &e),
    };
    let dir = backend.directory(&v.user).await.ok();
    let tr = &v.tr;
    let (deliveries, history) = tracking_rows(tr, dir.as_ref(), &t);
    let s = &t.summary;
    let may_open = s
        .kind
        .parse::<Kind>()
        .is_ok_and(|k| v.user.roles.may_read(k));
    let notice = match q.done.as_str() {
        "sent" => Some(tr.t("notice-sent")),
        "status" => Some(tr.t("notice-status-sent")),
        "cancelled" => Some(tr.t("notice-cancelled")),
        _ => None,
    };
    render(&Gate {
        f: Frame::new(&v, "message-title", ""),
        notice,
        tlp: views::Banner::of(tr, &s.tlp),
        kind: views::kind(tr, &s.kind),
        id: s.id.clone(),
        sender: views::agency(dir.as_ref(), &s.sender),
        sender_id: s.sender.clone(),
        recipients: s
            .recipients
            .iter()
            .map(|r| views::agency(dir.as_ref(), r))
            .collect::<Vec<_>>()
            .join("; "),
        created: tr.date(&s.created_at),
        stored: tr.date(&s.stored_at),
        status: views::referral_state(tr, s),
        may_open,
        deliveries,
        history,
    })
}

#[derive(Template)]
#[template(path = "message.html")]
struct Opened {
    f: Frame,
    tlp: views::Banner,
    kind: String,
    id: String,
    sender: String,
    sender_id: String,
    created: String,
    refs: Vec<String>,
    facts: Vec<(String, String)>,
    indicators: Vec<(String, String, String)>,
    narrative: Option<String>,
    related: Vec<(String, String, String)>,
    correlated: Vec<(String, String, String)>,
    /// The alert's values over the cap (they relate nothing), with their counts.
    flagged: Vec<(String, i64)>,
    /// The compound's trail, and the alert form about it (for a liaison).
    trail: Option<(String, String)>,
    deliveries: Vec<DeliveryRow>,
    history: Vec<HistoryRow>,
    workflow: bool,
    steps: Vec<(&'static str, String, bool)>,
    cancel: bool,
}

/// The form of `POST /messages/{id}/open`.
#[derive(Debug, Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    sender: String,
}

fn place(tr: &Tr, p: &Place) -> String {
    let mut out = String::new();
    if let Some(n) = &p.name {
        out.push_str(n);
        out.push_str(", ");
    }
    out.push_str(&views::country(tr, &p.country));
    if let Some(a) = &p.admin {
        out = format!("{out} ({a})");
    }
    if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
        out.push_str(&format!(" · {lat:.4}, {lon:.4}"));
    }
    if let Some(m) = p.precision_m {
        out.push_str(&format!(
            " ± {}",
            tr.with("precision-m", "n", &tr.number(i64::from(m)))
        ));
    }
    out
}

fn yes_no(tr: &Tr, b: bool) -> String {
    tr.t(if b { "yes" } else { "no" })
}

/// (label, value) pairs, in order.
type Facts = Vec<(String, String)>;
/// Indicators as (type, value, details) rows.
type Indicators = Vec<(String, String, String)>;

/// An indicator's details in words: platform, chain, asset, role, when seen.
fn indicator_details(tr: &Tr, i: &jaring_core::body::Indicator) -> String {
    let mut parts: Vec<String> = Vec::new();
    for v in [&i.platform, &i.chain, &i.asset].into_iter().flatten() {
        parts.push(v.clone());
    }
    if let Some(r) = &i.role {
        parts.push(tr.t(&format!("indicator-role-{r}")));
    }
    match (&i.first_seen, &i.last_seen) {
        (Some(a), Some(b)) => parts.push(format!(
            "{} – {}",
            tr.date(&a.to_string()),
            tr.date(&b.to_string())
        )),
        (Some(a), None) => parts.push(format!("{} –", tr.date(&a.to_string()))),
        (None, Some(b)) => parts.push(format!("– {}", tr.date(&b.to_string()))),
        (None, None) => {}
    }
    parts.join(" · ")
}

fn facts_of(tr: &Tr, view: &MessageView) -> (Facts, Indicators, Option<String>) {
    let mut facts = Vec::new();
    let mut indicators = Vec::new();
    let mut narrative = None;
    let mut fact = |key: &str, value: String| facts.push((tr.t(key), value));
    match &view.body {
        MessageBody::Alert(a) => {
            fact("field-compound", a.compound.name.clone());
            if !a.compound.aliases.is_empty() {
                fact("field-aliases", a.compound.aliases.join(", "));
            }
            if let Some(r) = &a.compound.reference {
                fact("field-compound-ref", r.clone());
            }
            fact("field-from", place(tr, &a.from));
            fact("field-to", place(tr, &a.to));
            fact("field-observed", tr.date(&a.observed_at.to_string()));
            fact(
                "field-grading",
                views::grading(tr, &a.source_reliability, &a.info_credibility),
            );
            if let Some(n) = a.estimated_persons {
                fact("field-persons", tr.number(n as i64));
            }
            if !a.nationalities.is_empty() {
                fact(
                    "field-nationalities",
                    a.nationalities
                        .iter()
                        .map(|c| views::country(tr, c))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            if !a.operators.is_empty() {
                fact(
                    "field-operators",
                    a.operators
                        .iter()
                        .map(|o| {
                            let mut s = o.name.clone();
                            if !o.aliases.is_empty() {
                                s = format!("{s} ({})", o.aliases.join(", "));
                            }
                            match &o.kind {
                                Some(k) => format!("{s} · {}", tr.t(&format!("operator-kind-{k}"))),
                                None => s,
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            if !a.scam_types.is_empty() {
                fact(
                    "field-scam-types",
                    a.scam_types
                        .iter()
                        .map(|t| tr.t(&format!("scam-type-{t}")))
                        .collect::<Vec<_>>()
                        .join(", "),
                );
            }
            indicators = a
                .indicators
                .iter()
                .map(|i| {
                    (
                        tr.t(&format!("indicator-{}", i.kind)),
                        i.value.clone(),
                        indicator_details(tr, i),
                    )
                })
                .collect();
            narrative = a.narrative.clone();
        }
        MessageBody::Referral(r) => {
            fact("field-case-ref", r.case_ref.clone());
            fact("field-nationality", views::country(tr, &r.nationality));
            fact("field-identified", tr.date(&r.identified_at.to_string()));
            fact("field-location", place(tr, &r.location));
            let consent = if r.consent.given {
                let scope = r.consent.scope.join(", ");
                if scope.is_empty() {
                    tr.t("consent-given")
                } else {
                    format!("{} ({scope})", tr.t("consent-given"))
                }
            } else {
                match &r.consent.basis {
                    Some(b) => format!(
                        "{}: {}",
                        tr.t("consent-not-given"),
                        tr.t(&format!("basis-{b}"))
                    ),
                    None => format!("{}: {}", tr.t("consent-not-given"), tr.t("basis-unstated")),
                }
            };
            fact("field-consent", consent);
            fact(
                "field-needs",
                r.needs
                    .iter()
                    .map(|n| tr.t(&format!("need-{n}")))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            fact("field-non-punishment", yes_no(tr, r.non_punishment));
            fact("field-risk", tr.t(&format!("risk-{}", r.risk)));
            if let Some(person) = &r.person {
                for (k, v) in person {
                    let text = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    facts.push((format!("{} · {k}", tr.t("field-person")), text));
                }
            }
            narrative = r.notes.clone();
        }
        MessageBody::Status(s) => {
            fact("field-status", views::status(tr, &s.status));
            narrative = s.notes.clone();
        }
        MessageBody::Cancel(c) => {
            fact("cancel-reason", c.reason.clone());
        }
        MessageBody::Receipt(r) => {
            for item in &r.items {
                fact(
                    "field-receipt-item",
                    format!(
                        "{} {}{}",
                        item.of,
                        tr.t(&format!(
                            "delivery-{}",
                            serde_json::to_value(item.status)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        )),
                        item.error.map(|e| format!(" ({e})")).unwrap_or_default()
                    ),
                );
            }
        }
    }
    (facts, indicators, narrative)
}

/// `POST /messages/{id}/open`: the message, decrypted, audited `viewed` with the user's name.
pub async fn open<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Path(id): Path<String>,
    Form(form): Form<OpenForm>,
) -> Response {
    if let Some(r) = checked_id(&v, &id) {
        return r;
    }
    let backend = &console.backend;
    let sender = (!form.sender.is_empty()).then_some(form.sender.as_str());
    let view = match backend.show(&v.user, &id, sender).await {
        Ok(view) => view,
        Err(e) => return problem(&v, &e),
    };
    let dir = backend.directory(&v.user).await.ok();
    let tr = &v.tr;
    let s = &view.summary;
    let (facts, indicators, narrative) = facts_of(tr, &view);
    let tracking = Tracking {
        summary: s.clone(),
        deliveries: view.deliveries.clone(),
        referral: view.referral.clone(),
    };
    let (deliveries, history) = tracking_rows(tr, dir.as_ref(), &tracking);
    // Updates and cancels of this message, among the latest 200 the user may list.
    let related = match backend
        .inbox(
            &v.user,
            InboxQuery {
                sent: true,
                limit: Some(200),
                ..InboxQuery::default()
            },
        )
        .await
    {
        Ok(p) => p
            .items
            .iter()
            .filter(|m| m.refs.contains(&s.id) && m.kind != "receipt")
            .map(|m| {
                (
                    format!("/messages/{}?sender={}", m.id, m.sender),
                    views::kind(tr, &m.kind),
                    tr.date(&m.created_at),
                )
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    // Other alerts that share a value with this one (the node audits that they were shown),
    // and the way to this compound's trail.
    let correlated = view
        .related
        .iter()
        .map(|r| {
            (
                format!("/messages/{}?sender={}", r.id, r.sender),
                format!(
                    "{} · {} · {}",
                    r.compound,
                    views::agency(dir.as_ref(), &r.sender),
                    tr.date(&r.observed_at)
                ),
                views::vias(tr, &r.via),
            )
        })
        .collect();
    let trail = match &view.body {
        MessageBody::Alert(a) if v.user.roles.has(jaring_api::Role::Liaison) => {
            let q = a
                .compound
                .reference
                .clone()
                .unwrap_or_else(|| a.compound.name.clone());
            let names: Vec<String> = std::iter::once(a.compound.name.clone())
                .chain(a.compound.aliases.iter().cloned())
                .collect();
            Some((
                format!(
                    "/compounds?{}",
                    serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()
                ),
                super::compose::Prefill::link(a.compound.reference.as_deref(), &names),
            ))
        }
        _ => None,
    };
    let incoming_referral = s.kind == "victim-referral" && s.direction == Direction::In;
    let workflow = incoming_referral && v.user.roles.has(jaring_api::Role::Caseworker);
    let steps = if workflow {
        [
            ("accepted", false),
            ("declined", true),
            ("in-progress", false),
            ("repatriated", false),
            ("closed", true),
        ]
        .into_iter()
        .map(|(st, confirm)| (st, tr.t(&format!("workflow-{st}")), confirm))
        .collect()
    } else {
        Vec::new()
    };
    let cancel = s.kind == "compound-relocation-alert"
        && s.direction == Direction::Out
        && v.user.roles.has(jaring_api::Role::Liaison);
    render(&Opened {
        f: Frame::new(&v, "message-title", ""),
        tlp: views::Banner::of(tr, &s.tlp),
        kind: views::kind(tr, &s.kind),
        id: s.id.clone(),
        sender: views::agency(dir.as_ref(), &s.sender),
        sender_id: s.sender.clone(),
        created: tr.date(&s.created_at),
        refs: s.refs.clone(),
        facts,
        indicators,
        narrative,
        related,
        correlated,
        flagged: views::flagged(tr, &view.flagged),
        trail,
        deliveries,
        history,
        workflow,
        steps,
        cancel,
    })
}

#[derive(Template)]
#[template(path = "confirm.html")]
struct Confirm {
    f: Frame,
    action: String,
    hidden: Vec<(String, String)>,
    question: String,
    back: String,
}

/// The workflow form.
#[derive(Debug, Deserialize)]
pub struct StatusForm {
    status: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    sender: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /messages/{id}/status`: a step of a received referral's workflow, sent to the
/// referring agency. Declining and closing are confirmed first.
pub async fn status<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Response {
    if let Some(r) = checked_id(&v, &id) {
        return r;
    }
    let back = format!("/messages/{id}?sender={}", form.sender);
    if matches!(form.status.as_str(), "declined" | "closed") && form.confirm != "yes" {
        let tr = &v.tr;
        return render(&Confirm {
            f: Frame::new(&v, "confirm-title", ""),
            action: format!("/messages/{id}/status"),
            hidden: vec![
                ("status".into(), form.status.clone()),
                ("notes".into(), form.notes.clone()),
                ("sender".into(), form.sender.clone()),
            ],
            question: tr.with("confirm-status", "status", &views::status(tr, &form.status)),
            back,
        });
    }
    let update = StatusUpdate {
        status: form.status.clone(),
        notes: (!form.notes.trim().is_empty()).then(|| form.notes.trim().to_owned()),
        to: (!form.sender.is_empty()).then(|| form.sender.clone()),
    };
    match console.backend.referral_status(&v.user, &id, update).await {
        Ok(_) => Redirect::to(&format!("{back}&done=status")).into_response(),
        Err(e) => problem(&v, &e),
    }
}

/// The cancel form.
#[derive(Debug, Deserialize)]
pub struct CancelForm {
    reason: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /messages/{id}/cancel`: cancels an alert this agency posted, to the same recipients.
pub async fn cancel<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Path(id): Path<String>,
    Form(form): Form<CancelForm>,
) -> Response {
    let Ok(alert) = MessageId::parse(&id) else {
        return problem(
            &v,
            &ApiError::bad_request(format!("{id}: not a message id")),
        );
    };
    let backend = &console.backend;
    let me = backend.agency();
    if form.confirm != "yes" {
        let tr = &v.tr;
        return render(&Confirm {
            f: Frame::new(&v, "confirm-title", ""),
            action: format!("/messages/{id}/cancel"),
            hidden: vec![("reason".into(), form.reason.clone())],
            question: tr.t("confirm-cancel"),
            back: format!("/messages/{id}?sender={me}"),
        });
    }
    let t = match backend.tracking(&v.user, &id, Some(&me)).await {
        Ok(t) => t,
        Err(e) => return problem(&v, &e),
    };
    let to: Vec<AgencyId> = t
        .summary
        .recipients
        .iter()
        .filter_map(|r| AgencyId::parse(r).ok())
        .collect();
    let refs = vec![alert];
    let body = match OutgoingBody::parse(
        Kind::AlertCancel,
        serde_json::json!({"reason": form.reason.trim()}),
        &refs,
    ) {
        Ok(b) => b,
        Err(e) => return problem(&v, &ApiError::bad_request(e)),
    };
    let req = SendRequest {
        kind: Kind::AlertCancel,
        to,
        to_role: None,
        to_all: false,
        tlp: t.summary.tlp.parse().ok(),
        refs,
        expires_at: None,
        body,
        background: false,
    };
    match backend.send(&v.user, req).await {
        Ok(_) => {
            Redirect::to(&format!("/messages/{id}?sender={me}&done=cancelled")).into_response()
        }
        Err(e) => problem(&v, &e),
    }
}
