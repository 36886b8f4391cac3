//! What every answer carries and what every state change must show.
//!
//! - Headers: a strict Content-Security-Policy (scripts and styles from the console only, no
//!   inline script, no framing, forms back to the console only, violations reported to
//!   `/csp-report`), `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`,
//!   `Cross-Origin-Opener-Policy`, and `Cache-Control: no-store` on every page (pages may
//!   show decrypted content, and lists of who sent what are sensitive too); HSTS over TLS.
//! - Same origin: a POST must come from the console's own pages: `Sec-Fetch-Site:
//!   same-origin`, or, from a browser that does not send it, an `Origin` naming this host.
//!   Neither, or another site: 403, besides the session cookie's `SameSite=Strict`.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::backend::Backend;
use crate::Console;

/// The policy. `report-uri` is deprecated in favour of `report-to` but is the one every
/// browser still honours without a second header.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
report-uri /csp-report";

/// The directives a report is counted under (anything else is `other`: the report endpoint
/// needs no session, so what it records must be a fixed set).
const DIRECTIVES: [&str; 12] = [
    "default-src",
    "script-src",
    "script-src-elem",
    "script-src-attr",
    "style-src",
    "style-src-elem",
    "style-src-attr",
    "img-src",
    "connect-src",
    "form-action",
    "frame-ancestors",
    "base-uri",
];

/// Adds the headers to every answer.
pub async fn headers<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    req: Request,
    next: Next,
) -> Response {
    let asset = req.uri().path().starts_with("/assets/");
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "no-referrer");
    set(h, "x-content-type-options", "nosniff");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    if console.config.tls() {
        set(h, "strict-transport-security", "max-age=31536000");
    }
    if !asset {
        set(h, "cache-control", "no-store");
    }
    response
}

/// Refuses a state change that does not come from the console's own pages.
pub async fn same_origin<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::GET
        || req.method() == Method::HEAD
        || req.uri().path() == "/csp-report"
    {
        return next.run(req).await;
    }
    let h = req.headers();
    let fetch_site = h.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let allowed = match fetch_site {
        Some(site) => site == "same-origin",
        None => {
            let scheme = if console.config.tls() {
                "https"
            } else {
                "http"
            };
            let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin = h.get(header::ORIGIN).and_then(|v| v.to_str().ok());
            matches!((host, origin), (Some(host), Some(origin)) if origin == format!("{scheme}://{host}"))
        }
    };
    if allowed {
        return next.run(req).await;
    }
    // Counted and logged at debug, not audited: anyone who can reach the console can send
    // these, and an entry each would let them fill the log.
    tracing::debug!(
        path = req.uri().path(),
        fetch_site,
        "console: cross-origin POST refused"
    );
    console.backend.count("console-cross-origin");
    (
        StatusCode::FORBIDDEN,
        "refused: this form was not sent from the console's own page",
    )
        .into_response()
}

/// Counts a violation report (the body is read up to 8 KiB for its directive, then dropped).
pub async fn csp_report<B: Backend>(
    State(console): State<Arc<Console<B>>>,
    body: Body,
) -> StatusCode {
    let bytes: Bytes = axum::body::to_bytes(body, 8 * 1024)
        .await
        .unwrap_or_default();
    let directive = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| {
            v.pointer("/csp-report/effective-directive")
                .or_else(|| v.pointer("/csp-report/violated-directive"))
                .and_then(|d| d.as_str())
                .map(|d| d.split_whitespace().next().unwrap_or("").to_owned())
        })
        .and_then(|d| DIRECTIVES.iter().find(|k| **k == d))
        .copied()
        .unwrap_or("other");
    console.csp_reports.fetch_add(1, Ordering::Relaxed);
    console.backend.csp_violation(directive);
    tracing::warn!(
        directive,
        "console: a browser reported a Content-Security-Policy violation"
    );
    StatusCode::NO_CONTENT
}
