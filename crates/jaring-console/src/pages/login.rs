//! Login and logout. A login checks the throttle first (a locked account or address is not
//! even tried), then the password (argon2, against a decoy hash for an unknown name so that
//! both take as long), then the TOTP code: required when the user's roles are in
//! `console.totp_required`, and checked whenever a secret is enrolled. Failures, lockouts,
//! logins and logouts are audited.

use std::sync::Arc;
use std::time::Instant;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::render;
use crate::backend::{Backend, SessionRecord};
use crate::i18n::{self, Tr, LANGUAGES};
use crate::serve::ClientAddr;
use crate::session::{self, Viewer};
use crate::throttle::Gate;
use crate::views::{clip, Frame};
use crate::Console;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    f: Frame,
    error: Option<String>,
    name: String,
    expired: bool,
    languages: Vec<(&'static str, &'static str, bool)>,
}

fn page(tr: Tr, agency: String, error: Option<String>, name: String, expired: bool) -> LoginPage {
    let current = tr.lang().tag;
    LoginPage {
        languages: LANGUAGES
            .iter()
            .map(|l| (l.tag, l.name, l.tag == current))
            .collect(),
        f: Frame::anonymous(tr, "login-title", agency),
        error,
        name,
        expired,
    }
}

/// `?lang=` and `?expired=`.
#[derive(Debug, Deserialize, Default)]
pub struct LoginQuery {
    lang: Option<String>,
    expired: Option<String>,
}

/// `GET /login`.
pub async fn form<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    let chosen = q.lang.as_deref().and_then(i18n::language);
    let tr = match chosen {
        Some(l) => Tr::new(l),
        None => session::anonymous_language(&headers),
    };
    let mut r = render(&page(
        tr,
        console.backend.agency(),
        None,
        String::new(),
        q.expired.is_some(),
    ));
    if let Some(l) = chosen {
        if let Ok(v) = session::language_cookie(l.tag).parse() {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    r
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    name: String,
    password: Zeroizing<String>,
    #[serde(default)]
    code: String,
}

/// `POST /login`.
pub async fn submit<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    Extension(ClientAddr(addr)): Extension<ClientAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let tr = session::anonymous_language(&headers);
    let backend = &console.backend;
    let name = clip(form.name.trim(), 64).to_ascii_lowercase();
    let ip = addr.ip();
    let address = ip.to_string();
    let fail_page = |tr: Tr, key: &str| {
        let message = tr.t(key);
        render_with_status(page(
            tr,
            backend.agency(),
            Some(message),
            name.clone(),
            false,
        ))
    };
    match console.throttle.gate(&name, ip, Instant::now()) {
        Gate::Open => {}
        Gate::AccountLocked(_) | Gate::AddressLocked(_) => {
            backend
                .audit(
                    "console-login-refused",
                    &name,
                    json!({"address": address, "why": "locked"}),
                )
                .await;
            return fail_page(tr, "login-locked");
        }
    }
    let creds = backend.credentials(&name).await.ok().flatten();
    let hash = creds
        .as_ref()
        .and_then(|c| c.password_hash.clone())
        .unwrap_or_else(|| crate::password::decoy().to_owned());
    let password = form.password.clone();
    let password_ok =
        tokio::task::spawn_blocking(move || crate::password::verify(&password, &hash))
            .await
            .unwrap_or(false);
    let creds = match creds {
        Some(c) if password_ok && c.password_hash.is_some() => c,
        _ => {
            failed(&console, &name, &address, ip, "password").await;
            return fail_page(tr, "login-wrong");
        }
    };
    let required = creds
        .user
        .roles
        .0
        .iter()
        .any(|r| console.config.totp_required.contains(r));
    match &creds.totp_secret {
        Some(secret) => {
            let now = (session::now_ms() / 1000) as u64;
            let account = format!("{}/{}", backend.agency(), creds.user.name);
            let step = crate::totp::matching_step(secret, &account, &form.code, now);
            let fresh = match step {
                Some(step) => backend.use_totp_step(&name, step).await.unwrap_or(false),
                None => false,
            };
            if !fresh {
                let why = if step.is_some() {
                    "code-reused"
                } else {
                    "code"
                };
                failed(&console, &name, &address, ip, why).await;
                // The same words as for a wrong password: a different answer would tell a
                // guesser that the password was right.
                return fail_page(tr, "login-wrong");
            }
        }
        None if required => {
            backend
                .audit(
                    "console-login-refused",
                    &name,
                    json!({"address": address, "why": "no second factor enrolled"}),
                )
                .await;
            return fail_page(tr, "login-needs-totp");
        }
        None => {}
    }
    console.throttle.succeeded(&name);
    let (token, token_hash) = match session::new_token() {
        Ok(t) => t,
        Err(_) => return fail_page(tr, "problem-unavailable"),
    };
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|a| clip(a, 200))
        .unwrap_or_default();
    let now = session::now_ms();
    let record = SessionRecord {
        token_hash,
        user: creds.user.name.clone(),
        created_at: now,
        seen_at: now,
        address: address.clone(),
        agent,
    };
    if backend.open_session(record).await.is_err() {
        return fail_page(tr, "problem-unavailable");
    }
    backend
        .audit(
            "console-login",
            &creds.user.name,
            json!({"address": address, "totp": creds.totp_secret.is_some()}),
        )
        .await;
    let mut r = Redirect::to("/inbox").into_response();
    if let Ok(v) = session::session_cookie(&console.cookie_name(), &token).parse() {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

fn render_with_status(p: LoginPage) -> Response {
    super::render_with(axum::http::StatusCode::UNAUTHORIZED, &p)
}

/// Counts and audits a failed login, and the lockout it may cause.
async fn failed<B: Backend>(
    console: &Console<B>,
    name: &str,
    address: &str,
    ip: std::net::IpAddr,
    why: &str,
) {
    let backend = &console.backend;
    let locked = console.throttle.failed(name, ip, Instant::now());
    backend
        .audit(
            "console-login-failed",
            name,
            json!({"address": address, "why": why}),
        )
        .await;
    if locked.account || locked.address {
        backend
            .audit(
                "console-lockout",
                name,
                json!({"address": address, "account": locked.account, "by_address": locked.address, "minutes": crate::throttle::WINDOW.as_secs() / 60}),
            )
            .await;
    }
}

/// `POST /logout`.
pub async fn logout<B: Backend>(State(console): State<Arc<Console<B>>>, v: Viewer) -> Response {
    let _ = console.backend.close_session(&v.session).await;
    console
        .backend
        .audit("console-logout", &v.user.name, json!({}))
        .await;
    let mut r = Redirect::to("/login").into_response();
    if let Ok(c) = session::session_cookie(&console.cookie_name(), "").parse() {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}
