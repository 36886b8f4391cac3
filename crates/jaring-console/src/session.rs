//! Sessions: a random token in a cookie, only its SHA-256 in the store; an idle timeout and
//! an absolute lifetime; and [`Viewer`], the extractor every page takes, which finds the
//! person behind a request or sends the browser to the login.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jaring_api::users::User;
use jaring_api::Role;

use crate::backend::Backend;
use crate::i18n::{self, Tr};
use crate::Console;

/// The session cookie's name for a console on `port`. `__Host-` makes the browser refuse it
/// unless it is `Secure`, has `Path=/` and no `Domain`: it cannot be set by a sibling host or
/// sent to one. Cookies are per host, not per port: the port in the name keeps the consoles of
/// several nodes on one host (the quickstart's three) from ending each other's sessions.
pub fn cookie_name(port: u16) -> String {
    format!("__Host-jaring-{port}")
}

/// The cookie that keeps a language chosen before login (shared by the host's consoles).
pub const LANG_COOKIE: &str = "__Host-jaring-lang";

/// Paths a page refreshes by itself (the live inbox): they do not keep a session alive.
const BACKGROUND: &[&str] = &["/inbox/rows"];

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A new session token (256 random bits, base64url) and its stored hash.
pub fn new_token() -> Result<(String, String), String> {
    use base64::Engine;
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), bytes.as_mut())
        .map_err(|_| "the system's random number generator failed".to_owned())?;
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes.as_ref());
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// The stored form of a token: hex SHA-256.
pub fn token_hash(token: &str) -> String {
    let d = ring::digest::digest(&ring::digest::SHA256, token.as_bytes());
    d.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// A cookie's value from the request, by name.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The `Set-Cookie` value of the session cookie (`token` empty: one that deletes it).
/// `Secure` always: the console is served over TLS, or on loopback, which browsers treat as
/// a secure context.
pub fn session_cookie(name: &str, token: &str) -> String {
    if token.is_empty() {
        format!("{name}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0")
    } else {
        format!("{name}={token}; Path=/; HttpOnly; Secure; SameSite=Strict")
    }
}

/// The language cookie (a year).
pub fn language_cookie(tag: &str) -> String {
    format!("{LANG_COOKIE}={tag}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=31536000")
}

/// The language for a request without a session: the language cookie, else
/// `Accept-Language`.
pub fn anonymous_language(headers: &HeaderMap) -> Tr {
    let lang = cookie(headers, LANG_COOKIE)
        .and_then(i18n::language)
        .unwrap_or_else(|| {
            i18n::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        });
    Tr::new(lang)
}

/// The person behind a request: a live session's user, re-read from the store on every
/// request (a user removed or demoted loses access at once), in their language.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// The user.
    pub user: User,
    /// Their language.
    pub tr: Tr,
    /// The session's token hash.
    pub session: String,
    /// The agency.
    pub agency: String,
}

impl Viewer {
    /// Whether the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.user.roles.has(role)
    }
}

/// Why there is no viewer: the browser goes to the login (a page) or is told to (htmx).
pub struct NoSession {
    background: bool,
    expired: bool,
    cookie: String,
}

impl IntoResponse for NoSession {
    fn into_response(self) -> Response {
        let target = if self.expired {
            "/login?expired=1"
        } else {
            "/login"
        };
        if self.background {
            (StatusCode::UNAUTHORIZED, [("HX-Redirect", target)]).into_response()
        } else {
            let mut r = Redirect::to(target).into_response();
            if self.expired {
                if let Ok(v) = session_cookie(&self.cookie, "").parse() {
                    r.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            r
        }
    }
}

impl<B: Backend> FromRequestParts<Arc<Console<B>>> for Viewer {
    type Rejection = NoSession;

    async fn from_request_parts(
        parts: &mut Parts,
        console: &Arc<Console<B>>,
    ) -> Result<Self, NoSession> {
        let background =
            BACKGROUND.contains(&parts.uri.path()) || parts.headers.contains_key("HX-Request");
        let name = console.cookie_name();
        let none = |expired| NoSession {
            background,
            expired,
            cookie: name.clone(),
        };
        let Some(token) = cookie(&parts.headers, &name) else {
            return Err(none(false));
        };
        let hash = token_hash(token);
        let backend = &console.backend;
        let Ok(Some(s)) = backend.session(&hash).await else {
            return Err(none(false));
        };
        let now = now_ms();
        let idle = console.config.idle_timeout.as_millis() as i64;
        let lifetime = console.config.session_lifetime.as_millis() as i64;
        if now - s.seen_at >= idle || now - s.created_at >= lifetime {
            let _ = backend.close_session(&hash).await;
            backend
                .audit(
                    "console-session-expired",
                    &s.user,
                    serde_json::json!({"idle": now - s.seen_at >= idle}),
                )
                .await;
            return Err(none(true));
        }
        let Ok(Some(creds)) = backend.credentials(&s.user).await else {
            let _ = backend.close_session(&hash).await;
            return Err(none(true));
        };
        // Roles are read afresh: a user given a role that needs a second factor, with none
        // enrolled, no longer passes on a session opened with the password alone.
        let needs_totp = creds
            .user
            .roles
            .0
            .iter()
            .any(|r| console.config.totp_required.contains(r));
        if needs_totp && creds.totp_secret.is_none() {
            let _ = backend.close_session(&hash).await;
            return Err(none(true));
        }
        if !BACKGROUND.contains(&parts.uri.path()) {
            let _ = backend.session_seen(&hash, now).await;
        }
        let lang = creds
            .language
            .as_deref()
            .and_then(i18n::language)
            .unwrap_or_else(|| anonymous_language(&parts.headers).lang());
        Ok(Viewer {
            user: creds.user,
            tr: Tr::new(lang),
            session: hash,
            agency: backend.agency(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_token().unwrap_or_default();
        let (b, _) = new_token().unwrap_or_default();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(ha, token_hash(&a));
        assert_eq!(ha.len(), 64);
        assert!(!ha.contains(&a));
    }

    #[test]
    fn cookies_are_read_by_name_and_set_strict() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; __Host-jaring-8480=tok; b=2"
                .parse()
                .unwrap_or(header::HeaderValue::from_static("")),
        );
        assert_eq!(cookie(&h, &cookie_name(8480)), Some("tok"));
        assert_eq!(cookie(&h, &cookie_name(8481)), None);
        let c = session_cookie(&cookie_name(8480), "tok");
        for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
            assert!(c.contains(flag), "{c}");
        }
    }
}
