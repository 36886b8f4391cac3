//! The inbox: what was addressed to the agency, newest first, metadata only (what the inbox
//! API shows), with filters and paging. The first page refreshes itself every few seconds
//! (htmx polling `/inbox/rows`, which does not keep the session alive); without JavaScript it
//! is a plain page.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{InboxQuery, Summary};
use jaring_core::body::STATUSES;
use jaring_core::{Kind, Tlp};
use serde::{Deserialize, Serialize};

use super::{problem, render};
use crate::backend::Backend;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

/// The filters, as the form sends them (empty means any).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Filters {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    tlp: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    unread: String,
    #[serde(default, skip_serializing)]
    cursor: String,
}

/// One row.
pub struct Row {
    id: String,
    href: String,
    time: String,
    kind: String,
    sender: String,
    tlp_class: String,
    tlp_label: String,
    status: String,
    unread: bool,
}

/// A row of the inbox or of a list: the link to a message is its gate page.
pub fn row(tr: &crate::i18n::Tr, dir: Option<&DirectoryView>, m: &Summary) -> Row {
    Row {
        id: m.id.clone(),
        href: format!("/messages/{}?sender={}", m.id, m.sender),
        time: tr.date(&m.stored_at),
        kind: views::kind(tr, &m.kind),
        sender: views::agency(dir, &m.sender),
        tlp_class: views::tlp_class(&m.tlp),
        tlp_label: views::tlp_label(&m.tlp),
        status: views::referral_state(tr, m),
        unread: !m.read,
    }
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    f: Frame,
    kinds: Vec<(String, String, bool)>,
    senders: Vec<(String, String, bool)>,
    tlps: Vec<(String, String, bool)>,
    statuses: Vec<(String, String, bool)>,
    unread: bool,
    rows: Vec<Row>,
    next: Option<String>,
    query: String,
    live: bool,
}

#[derive(Template)]
#[template(path = "inbox_rows.html")]
struct InboxRows {
    f: Frame,
    rows: Vec<Row>,
}

fn query_of(f: &Filters) -> Result<InboxQuery, String> {
    let kind = match f.kind.as_str() {
        "" => None,
        k => Some(k.parse::<Kind>().map_err(|e| format!("kind: {e}"))?),
    };
    let tlp = match f.tlp.as_str() {
        "" => None,
        t => Some(
            serde_json::from_value::<Tlp>(serde_json::Value::String(t.to_owned()))
                .map_err(|e| format!("tlp: {e}"))?,
        ),
    };
    Ok(InboxQuery {
        kind,
        from: (!f.from.is_empty()).then(|| f.from.clone()),
        unread: f.unread == "1",
        tlp,
        status: (!f.status.is_empty()).then(|| f.status.clone()),
        limit: Some(50),
        cursor: (!f.cursor.is_empty()).then(|| f.cursor.clone()),
        ..InboxQuery::default()
    })
}

/// `GET /`.
pub async fn home() -> Redirect {
    Redirect::to("/inbox")
}

/// `GET /inbox`.
pub async fn page<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Query(filters): Query<Filters>,
) -> Response {
    let q = match query_of(&filters) {
        Ok(q) => q,
        Err(e) => return problem(&v, &jaring_api::ApiError::bad_request(e)),
    };
    let backend = &console.backend;
    let dir = backend.directory(&v.user).await.ok();
    let page = match backend.inbox(&v.user, q).await {
        Ok(p) => p,
        Err(e) => return problem(&v, &e),
    };
    let tr = &v.tr;
    let rows = page
        .items
        .iter()
        .map(|m| row(tr, dir.as_ref(), m))
        .collect();
    let kinds = Kind::ALL
        .iter()
        .filter(|k| **k != Kind::Receipt && v.user.roles.may_list(**k))
        .map(|k| {
            (
                k.as_str().to_owned(),
                views::kind(tr, k.as_str()),
                filters.kind == k.as_str(),
            )
        })
        .collect();
    let senders = dir
        .as_ref()
        .map(|d| {
            d.agencies
                .iter()
                .filter(|a| a.id != v.agency)
                .map(|a| {
                    (
                        a.id.clone(),
                        format!("{} ({})", a.name, a.id),
                        filters.from == a.id,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let tlps = views::TLPS
        .iter()
        .map(|t| (t.to_string(), views::tlp_label(t), filters.tlp == *t))
        .collect();
    let statuses = STATUSES
        .iter()
        .map(|s| (s.to_string(), views::status(tr, s), filters.status == *s))
        .collect();
    let query = serde_urlencoded::to_string(&filters).unwrap_or_default();
    render(&InboxPage {
        f: Frame::new(&v, "inbox-title", "/inbox"),
        kinds,
        senders,
        tlps,
        statuses,
        unread: filters.unread == "1",
        rows,
        next: page.next,
        live: filters.cursor.is_empty(),
        query,
    })
}

/// `GET /inbox/rows`: the first page's rows, for the live refresh.
pub async fn rows<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Query(mut filters): Query<Filters>,
) -> Response {
    filters.cursor.clear();
    let q = match query_of(&filters) {
        Ok(q) => q,
        Err(e) => return (axum::http::StatusCode::BAD_REQUEST, e).into_response(),
    };
    let backend = &console.backend;
    let dir = backend.directory(&v.user).await.ok();
    match backend.inbox(&v.user, q).await {
        Ok(p) => render(&InboxRows {
            rows: p
                .items
                .iter()
                .map(|m| row(&v.tr, dir.as_ref(), m))
                .collect(),
            f: Frame::new(&v, "inbox-title", "/inbox"),
        }),
        Err(e) => (axum::http::StatusCode::FORBIDDEN, e.message).into_response(),
    }
}
