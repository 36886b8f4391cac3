//! A compound's trail: every known position in time order with the agency that reported it
//! and the grading, what links the alerts, the map the node drew, and alerts that may belong
//! (linked only by a name, an operator or a place nearby) with a confirm or dismiss button each.
//! `GET /compounds?q=` shows it (audited `correlated` by the node); `POST /compounds/decide`
//! records a decision (audited) and comes back to the trail.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use jaring_api::correlation::{Decision, Trail};
use jaring_core::body::Place;
use serde::Deserialize;

use super::{problem, render};
use crate::backend::Backend;
use crate::i18n::Tr;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

/// `?q=` (a reference or a name) and `done=` after a decision.
#[derive(Debug, Default, Deserialize)]
pub struct TrailQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    done: String,
}

/// One position as a row.
pub struct Row {
    step: usize,
    href: String,
    observed: String,
    from: String,
    to: String,
    reporter: String,
    grading: String,
    tlp: String,
}

/// A suggestion as a card.
pub struct Card {
    id: String,
    sender: String,
    href: String,
    compound: String,
    to: String,
    observed: String,
    why: String,
    own: bool,
}

#[derive(Template)]
#[template(path = "compound.html")]
struct TrailPage {
    f: Frame,
    q: String,
    notice: Option<String>,
    key: String,
    shareable: bool,
    reference: Option<String>,
    names: String,
    rows: Vec<Row>,
    links: Vec<(String, String, String)>,
    cards: Vec<Card>,
    flagged: Vec<(String, i64)>,
    svg: String,
    found: bool,
    /// The alert form about this compound (its reference and names filled in), for a liaison.
    report: Option<String>,
}

fn place(tr: &Tr, p: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(n) = &p.name {
        parts.push(n.clone());
    }
    if let Some(a) = &p.admin {
        parts.push(a.clone());
    }
    parts.push(views::country(tr, &p.country));
    parts.join(", ")
}

fn href(id: &str, sender: &str) -> String {
    format!("/messages/{id}?sender={sender}")
}

fn page_of(v: &Viewer, q: &str, notice: Option<String>, t: Option<Trail>) -> TrailPage {
    let tr = &v.tr;
    let f = Frame::new(v, "compound-title", "/compounds");
    let Some(t) = t else {
        return TrailPage {
            f,
            q: q.to_owned(),
            notice,
            key: String::new(),
            shareable: false,
            reference: None,
            names: String::new(),
            rows: Vec::new(),
            links: Vec::new(),
            cards: Vec::new(),
            flagged: Vec::new(),
            svg: String::new(),
            found: false,
            report: None,
        };
    };
    let rows = t
        .positions
        .iter()
        .map(|p| Row {
            step: p.step,
            href: href(&p.id, &p.sender),
            observed: tr.date(&p.observed_at),
            from: place(tr, &p.from),
            to: place(tr, &p.to),
            reporter: p.sender.clone(),
            grading: views::grading(
                tr,
                p.grading.get(..1).unwrap_or_default(),
                p.grading.get(1..).unwrap_or_default(),
            ),
            tlp: views::Banner::of(tr, &p.tlp).label,
        })
        .collect();
    let step_of = |id: &str| {
        t.positions
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| format!("{}", p.step))
    };
    let links = t
        .links
        .iter()
        .map(|l| (step_of(&l.a), step_of(&l.b), views::vias(tr, &l.via)))
        .collect();
    let cards = t
        .suggestions
        .iter()
        .map(|s| Card {
            id: s.id.clone(),
            sender: s.sender.clone(),
            href: href(&s.id, &s.sender),
            compound: s.compound.clone(),
            to: place(tr, &s.to),
            observed: tr.date(&s.observed_at),
            why: views::vias(tr, &s.via),
            own: s.own,
        })
        .collect();
    let report = v
        .user
        .roles
        .has(jaring_api::Role::Liaison)
        .then(|| super::compose::Prefill::link(t.reference.as_deref(), &t.names));
    TrailPage {
        f,
        q: q.to_owned(),
        notice,
        report,
        shareable: t.reference.is_some(),
        key: t.key,
        reference: t.reference,
        names: t.names.join(" · "),
        rows,
        links,
        cards,
        flagged: views::flagged(tr, &t.flagged),
        svg: t.svg,
        found: true,
    }
}

/// `GET /compounds?q=`.
pub async fn page<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Query(q): Query<TrailQuery>,
) -> Response {
    let notice = match q.done.as_str() {
        "confirmed" => Some(v.tr.t("notice-confirmed")),
        "dismissed" => Some(v.tr.t("notice-dismissed")),
        _ => None,
    };
    let query = q.q.trim();
    if query.is_empty() {
        return render(&page_of(&v, "", notice, None));
    }
    match console.backend.trail(&v.user, query).await {
        Ok(t) => render(&page_of(&v, query, notice, Some(t))),
        Err(e) if e.code == jaring_api::ErrorCode::NotFound => {
            let mut p = page_of(&v, query, notice, None);
            p.notice = Some(v.tr.t("compound-not-found"));
            render(&p)
        }
        Err(e) => problem(&v, &e),
    }
}

/// The form of `POST /compounds/decide`.
#[derive(Debug, Deserialize)]
pub struct DecideForm {
    q: String,
    trail: String,
    id: String,
    sender: String,
    decision: String,
    #[serde(default)]
    share: String,
}

/// `POST /compounds/decide`.
pub async fn decide<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Form(form): Form<DecideForm>,
) -> Response {
    let d = Decision {
        trail: form.trail,
        id: form.id,
        sender: form.sender,
        decision: form.decision,
        share: form.share == "yes",
    };
    match console.backend.decide(&v.user, d).await {
        Ok(a) => {
            let query = serde_urlencoded::to_string([
                ("q", form.q.as_str()),
                ("done", a.recorded.as_str()),
            ])
            .unwrap_or_default();
            Redirect::to(&format!("/compounds?{query}")).into_response()
        }
        Err(e) => problem(&v, &e),
    }
}
