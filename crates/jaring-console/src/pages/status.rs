//! The node's status, for admins: connection and lag, the directory's serial and expiry,
//! what was quarantined and why, checkpoint alarms, and the users with their roles.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use jaring_api::PageQuery;

use super::{problem, render};
use crate::backend::Backend;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    f: Frame,
    node: Vec<(String, String)>,
    alarms: Vec<String>,
    quarantine: Vec<(String, String, String, String)>,
    users: Vec<(String, String, String)>,
}

/// `GET /status`.
pub async fn page<B: Backend>(State(console): State<Arc<Console<B>>>, v: Viewer) -> Response {
    let backend = &console.backend;
    let s = match backend.status(&v.user).await {
        Ok(s) => s,
        Err(e) => return problem(&v, &e),
    };
    let page = PageQuery {
        limit: Some(50),
        cursor: None,
    };
    let quarantine = match backend.quarantine(&v.user, page.clone()).await {
        Ok(q) => q.items,
        Err(e) => return problem(&v, &e),
    };
    let users = match backend.users(&v.user, page).await {
        Ok(u) => u.items,
        Err(e) => return problem(&v, &e),
    };
    let tr = &v.tr;
    let lag: String = s
        .consumer_lag
        .iter()
        .map(|(name, lag)| match lag {
            Some(l) => format!(
                "{name}: {} / {}",
                tr.number(l.pending as i64),
                tr.number(l.unacknowledged as i64)
            ),
            None => format!("{name}: ?"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut node = vec![
        (tr.t("status-agency"), s.agency.clone()),
        (
            tr.t("status-connection-state"),
            format!("{} · {}", s.connection, s.server),
        ),
        (tr.t("status-lag"), lag),
        (
            tr.t("status-directory"),
            tr.args(
                "status-directory-value",
                &[
                    (
                        "serial",
                        crate::i18n::Arg::Text(&tr.number(s.directory.serial as i64)),
                    ),
                    (
                        "expires",
                        crate::i18n::Arg::Text(&tr.date(&s.directory.expires_at)),
                    ),
                    ("state", crate::i18n::Arg::Text(&s.directory.state)),
                ],
            ),
        ),
        (tr.t("status-count-received"), tr.number(s.counts.received)),
        (tr.t("status-unread"), tr.number(s.counts.unread)),
        (tr.t("status-sent"), tr.number(s.counts.sent)),
        (
            tr.t("status-pending"),
            tr.number(s.counts.deliveries_pending),
        ),
        (tr.t("status-failed"), tr.number(s.counts.deliveries_failed)),
        (tr.t("status-quarantined"), tr.number(s.counts.quarantined)),
        (
            tr.t("status-audit"),
            format!(
                "{} · {}",
                tr.number(s.audit.entries as i64),
                s.audit.integrity
            ),
        ),
        (tr.t("status-store"), s.store.clone()),
        (
            tr.t("status-csp"),
            tr.number(console.csp_reports.load(Ordering::Relaxed) as i64),
        ),
    ];
    if let Some(e) = &s.last_error {
        node.push((
            tr.t("status-last-error"),
            format!("{} · {}", tr.date(&e.at), e.error),
        ));
    }
    let alarms = s
        .alarms
        .iter()
        .map(|a| {
            let repeats = if a.repeats > 0 {
                format!(" (+{})", a.repeats)
            } else {
                String::new()
            };
            format!("{} · {} · {}{repeats}", tr.date(&a.at), a.peer, a.reason)
        })
        .collect();
    let quarantine = quarantine
        .iter()
        .map(|q| {
            (
                tr.date(&q.at),
                q.code.clone(),
                q.sender.clone().unwrap_or_else(|| "?".into()),
                views::clip(&q.detail, 200),
            )
        })
        .collect();
    let users = users
        .iter()
        .map(|u| {
            (
                u.name.clone(),
                u.roles
                    .0
                    .iter()
                    .map(|r| tr.t(&format!("role-{}", r.as_str())))
                    .collect::<Vec<_>>()
                    .join(", "),
                tr.date(&u.created_at),
            )
        })
        .collect();
    render(&StatusPage {
        f: Frame::new(&v, "status-title", "/status"),
        node,
        alarms,
        quarantine,
        users,
    })
}
