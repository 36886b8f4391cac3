//! The audit log, for auditors: search by message, user and event ("who opened message X" is
//! a search for `viewed` entries of X), verification of the log against the checkpoints
//! published, and the latest checkpoint.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use jaring_api::audit::AuditEntriesQuery;
use serde::Deserialize;

use super::{problem, render};
use crate::backend::Backend;
use crate::session::Viewer;
use crate::views::Frame;
use crate::Console;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    f: Frame,
    q_message: String,
    q_user: String,
    q_event: String,
    /// The query of "who opened this message" (URL-encoded), when a message is named.
    who_opened: String,
    entries: Vec<(u64, String, String, String, String, String)>,
    next: Option<String>,
    verification: Option<String>,
    verified: bool,
    checkpoint: Option<String>,
}

/// The search.
#[derive(Debug, Default, Deserialize)]
pub struct Search {
    #[serde(default)]
    message: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    event: String,
    #[serde(default)]
    cursor: String,
}

async fn draw<B: Backend>(
    console: &Console<B>,
    v: &Viewer,
    s: Search,
    verification: Option<(bool, String)>,
) -> Response {
    let backend = &console.backend;
    let opt = |x: &str| (!x.trim().is_empty()).then(|| x.trim().to_owned());
    let q = AuditEntriesQuery {
        message: opt(&s.message),
        event: opt(&s.event),
        user: opt(&s.user),
        since: None,
        limit: Some(50),
        cursor: opt(&s.cursor),
    };
    let page = match backend.audit_entries(&v.user, q).await {
        Ok(p) => p,
        Err(e) => return problem(v, &e),
    };
    let checkpoint = backend.audit_checkpoint(&v.user).await.ok().flatten();
    let tr = &v.tr;
    let entries = page
        .items
        .iter()
        .map(|e| {
            (
                e.seq,
                tr.date(&e.at),
                e.event.clone(),
                e.user.clone().unwrap_or_default(),
                e.message.clone().unwrap_or_default(),
                e.peer.clone().unwrap_or_default(),
            )
        })
        .collect();
    // Links carry the search URL-encoded (askama escapes HTML, not URLs).
    let encode = |pairs: &[(&str, &str)]| serde_urlencoded::to_string(pairs).unwrap_or_default();
    let next = page.next.map(|c| {
        encode(&[
            ("message", s.message.as_str()),
            ("user", s.user.as_str()),
            ("event", s.event.as_str()),
            ("cursor", c.as_str()),
        ])
    });
    let who_opened = if s.message.trim().is_empty() {
        String::new()
    } else {
        encode(&[("message", s.message.trim()), ("event", "viewed")])
    };
    let (verified, verification) = match verification {
        Some((ok, text)) => (ok, Some(text)),
        None => (false, None),
    };
    render(&AuditPage {
        f: Frame::new(v, "audit-title", "/audit"),
        q_message: s.message,
        q_user: s.user,
        q_event: s.event,
        who_opened,
        entries,
        next,
        verification,
        verified,
        checkpoint,
    })
}

/// `GET /audit`.
pub async fn page<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    v: Viewer,
    Query(s): Query<Search>,
) -> Response {
    draw(&console, &v, s, None).await
}

/// `POST /audit/verify`: verifies the log against the checkpoints published.
pub async fn verify<B: Backend>(State(console): State<Arc<Console<B>>>, v: Viewer) -> Response {
    let result = match console.backend.audit_verify(&v.user).await {
        Ok(r) => r,
        Err(e) => return problem(&v, &e),
    };
    let tr = &v.tr;
    let text = if result.ok {
        tr.args(
            "audit-verified",
            &[
                (
                    "size",
                    crate::i18n::Arg::Text(&tr.number(result.size.unwrap_or(0) as i64)),
                ),
                (
                    "checkpoints",
                    crate::i18n::Arg::Text(
                        &tr.number(result.checkpoints_checked.unwrap_or(0) as i64),
                    ),
                ),
                (
                    "root",
                    crate::i18n::Arg::Text(result.root.as_deref().unwrap_or("")),
                ),
            ],
        )
    } else {
        tr.with(
            "audit-not-verified",
            "error",
            result.error.as_deref().unwrap_or(""),
        )
    };
    draw(&console, &v, Search::default(), Some((result.ok, text))).await
}
