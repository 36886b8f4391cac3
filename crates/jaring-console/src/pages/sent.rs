//! What the agency sent: each message with every recipient's delivery, from the signed
//! receipts (delivered, rejected with its code, pending, failed), and a referral's status
//! history as the recipient reported it. Metadata only; nothing is decrypted.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use jaring_api::messages::InboxQuery;
use serde::Deserialize;

use super::message::{tracking_rows, DeliveryRow, HistoryRow};
use super::{problem, render};
use crate::backend::Backend;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

/// One message sent.
pub struct Item {
    id: String,
    href: String,
    kind: String,
    time: String,
    tlp_class: String,
    tlp_label: String,
    status: String,
    deliveries: Vec<DeliveryRow>,
    history: Vec<HistoryRow>,
}

#[derive(Template)]
#[template(path = "sent.html")]
struct SentPage {
    f: Frame,
    items: Vec<Item>,
    next: Option<String>,
}

/// `?cursor=`.
#[derive(Debug, Default, Deserialize)]
pub struct Paging {
    #[serde(default)]
    cursor: String,
}

/// `GET /sent`.
pub async fn page<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Query(q): Query<Paging>,
) -> Response {
    let backend = &console.backend;
    let me = backend.agency();
    let page = match backend
        .inbox(
            &v.user,
            InboxQuery {
                outgoing: true,
                limit: Some(20),
                cursor: (!q.cursor.is_empty()).then_some(q.cursor),
                ..InboxQuery::default()
            },
        )
        .await
    {
        Ok(p) => p,
        Err(e) => return problem(&v, &e),
    };
    let dir = backend.directory(&v.user).await.ok();
    let tr = &v.tr;
    let mut items = Vec::new();
    for m in page.items.iter().filter(|m| m.kind != "receipt") {
        let (deliveries, history) = match backend.tracking(&v.user, &m.id, Some(&me)).await {
            Ok(t) => tracking_rows(tr, dir.as_ref(), &t),
            Err(_) => (Vec::new(), Vec::new()),
        };
        items.push(Item {
            id: m.id.clone(),
            href: format!("/messages/{}?sender={}", m.id, m.sender),
            kind: views::kind(tr, &m.kind),
            time: tr.date(&m.created_at),
            tlp_class: views::tlp_class(&m.tlp),
            tlp_label: views::tlp_label(&m.tlp),
            status: views::referral_state(tr, m),
            deliveries,
            history,
        });
    }
    render(&SentPage {
        f: Frame::new(&v, "sent-title", "/sent"),
        items,
        next: page.next,
    })
}
