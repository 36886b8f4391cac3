//! The user's own settings: language (kept per user), sessions, and "end my other sessions".

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use serde_json::json;

use super::render;
use crate::backend::Backend;
use crate::i18n::{self, Tr, LANGUAGES};
use crate::session::Viewer;
use crate::views::Frame;
use crate::Console;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    f: Frame,
    notice: Option<String>,
    languages: Vec<(&'static str, &'static str, bool)>,
    sessions: Vec<(String, String, String, String, bool)>,
}

async fn draw<B: Backend>(console: &Console<B>, v: &Viewer, notice: Option<String>) -> Response {
    let tr = &v.tr;
    let sessions = console
        .backend
        .sessions(&v.user.name)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|s| {
            let at = |ms: i64| {
                chrono::DateTime::from_timestamp_millis(ms)
                    .map(|t| tr.date(&t.to_rfc3339()))
                    .unwrap_or_default()
            };
            (
                at(s.created_at),
                at(s.seen_at),
                s.address,
                s.agent,
                s.token_hash == v.session,
            )
        })
        .collect();
    let current = tr.lang().tag;
    render(&AccountPage {
        f: Frame::new(v, "account-title", "/account"),
        notice,
        languages: LANGUAGES
            .iter()
            .map(|l| (l.tag, l.name, l.tag == current))
            .collect(),
        sessions,
    })
}

/// `GET /account`.
pub async fn page<B: Backend>(State(console): State<Arc<Console<B>>>, v: Viewer) -> Response {
    draw(&console, &v, None).await
}

/// The language form.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    language: String,
}

/// `POST /account/language`.
pub async fn language<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    mut v: Viewer,
    Form(form): Form<LanguageForm>,
) -> Response {
    let Some(lang) = i18n::language(&form.language) else {
        return Redirect::to("/account").into_response();
    };
    if let Err(e) = console.backend.set_language(&v.user.name, lang.tag).await {
        return super::problem(&v, &e);
    }
    v.tr = Tr::new(lang);
    let notice = v.tr.t("notice-language");
    draw(&console, &v, Some(notice)).await
}

/// `POST /account/sessions`: ends every other session of this user.
pub async fn end_others<B: Backend>(State(console): State<Arc<Console<B>>>, v: Viewer) -> Response {
    let n = console
        .backend
        .close_other_sessions(&v.user.name, &v.session)
        .await
        .unwrap_or(0);
    console
        .backend
        .audit("console-sessions-ended", &v.user.name, json!({"ended": n}))
        .await;
    let notice = v.tr.count("notice-sessions-ended", n as i64);
    draw(&console, &v, Some(notice)).await
}
