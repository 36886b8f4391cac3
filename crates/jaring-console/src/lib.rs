//! The web console of `jaringd`, for the people of an agency who do not use a shell:
//! consular officials and caseworkers reading and answering referrals, liaison officers
//! posting alerts, auditors and admins.
//!
//! - [`config`]: the `[console]` section (listener, TLS, session lifetimes, second factor).
//! - [`backend`]: what the console asks of its node: the typed API, called as a named user,
//!   and the store of credentials and sessions.
//! - [`password`], [`totp`], [`throttle`], [`session`]: accounts worthy of victim data.
//! - [`security`]: the headers on every answer and the same-origin check on every POST.
//! - [`i18n`]: the nine languages (Fluent), dates and numbers.
//! - [`pages`]: one module per page, each rendering an askama template from `templates/`.
//! - [`serve`]: the listener, over TLS (rustls) when a certificate is configured.
//!
//! Everything the browser loads ships inside the binary ([`assets`]); the console asks for
//! nothing outside the node, so it works on an air-gapped LAN, and every page works with
//! JavaScript off (htmx only makes the inbox live).

pub mod assets;
pub mod backend;
pub mod config;
pub mod i18n;
pub mod pages;
pub mod password;
pub mod security;
pub mod serve;
pub mod session;
pub mod throttle;
pub mod totp;
pub mod views;

use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

pub use backend::{Backend, Credentials, SessionRecord};
pub use config::ConsoleConfig;

/// The console: its node, its configuration and its login throttle.
pub struct Console<B> {
    /// The node.
    pub backend: B,
    /// `[console]`.
    pub config: ConsoleConfig,
    /// Failed logins per account and address.
    pub throttle: throttle::Throttle,
    /// Content-Security-Policy violations reported by browsers since start.
    pub csp_reports: AtomicU64,
    /// Password checks running at once (argon2: 19 MiB each).
    pub verifying: tokio::sync::Semaphore,
}

impl<B: Backend> Console<B> {
    /// A console over `backend`.
    pub fn new(backend: B, config: ConsoleConfig) -> Self {
        Self {
            backend,
            config,
            throttle: throttle::Throttle::default(),
            csp_reports: AtomicU64::new(0),
            verifying: tokio::sync::Semaphore::new(2),
        }
    }
}

impl<B> Console<B> {
    /// The session cookie's name (it carries the listening port).
    pub fn cookie_name(&self) -> String {
        session::cookie_name(self.config.listen.port())
    }
}

/// Every page and form of the console, with the security headers and the same-origin check.
pub fn router<B: Backend>(console: Arc<Console<B>>) -> Router {
    use pages::*;
    Router::new()
        .route("/", get(inbox::home))
        .route("/login", get(login::form::<B>).post(login::submit::<B>))
        .route("/logout", post(login::logout::<B>))
        .route("/inbox", get(inbox::page::<B>))
        .route("/inbox/rows", get(inbox::rows::<B>))
        .route("/messages/{id}", get(message::gate::<B>))
        .route("/messages/{id}/open", post(message::open::<B>))
        .route("/messages/{id}/status", post(message::status::<B>))
        .route("/messages/{id}/cancel", post(message::cancel::<B>))
        .route(
            "/new/alert",
            get(compose::alert_form::<B>).post(compose::alert_submit::<B>),
        )
        .route(
            "/new/referral",
            get(compose::referral_form::<B>).post(compose::referral_submit::<B>),
        )
        .route("/sent", get(sent::page::<B>))
        .route("/compounds", get(compound::page::<B>))
        .route("/compounds/decide", post(compound::decide::<B>))
        .route("/status", get(status::page::<B>))
        .route("/audit", get(audit::page::<B>))
        .route("/audit/verify", post(audit::verify::<B>))
        .route("/account", get(account::page::<B>))
        .route("/account/language", post(account::language::<B>))
        .route("/account/sessions", post(account::end_others::<B>))
        .route("/csp-report", post(security::csp_report::<B>))
        .route("/assets/{name}", get(assets::serve))
        .route("/favicon.ico", get(assets::favicon))
        .fallback(pages::not_found::<B>)
        .layer(axum::middleware::from_fn_with_state(
            console.clone(),
            security::same_origin::<B>,
        ))
        .layer(axum::middleware::from_fn_with_state(
            console.clone(),
            security::headers::<B>,
        ))
        .with_state(console)
}
