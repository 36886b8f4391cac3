//! What the console needs from its node: the typed API of `jaring-api`, called as a named
//! user (the node checks that user's roles against the route, audits a refusal as `denied`
//! and a showing as `viewed`, exactly as for a caller on the local API socket), and the
//! store of console accounts and sessions.
//!
//! `jaringd` implements it over its node; the console never reads the store or the bus
//! itself.

use std::future::Future;

use jaring_api::audit::{AuditEntriesQuery, AuditRecord, Verification};
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{
    InboxQuery, MessageView, SendRequest, Sent, StatusUpdate, Summary, Tracking,
};
use jaring_api::quarantine::QuarantineItem;
use jaring_api::status::Status;
use jaring_api::users::User;
use jaring_api::{ApiError, Page, PageQuery, Route};
use zeroize::Zeroizing;

/// A result of the typed API.
pub type ApiResult<T> = Result<T, ApiError>;

/// A user's console credentials, as the node keeps them.
#[derive(Clone)]
pub struct Credentials {
    /// The user.
    pub user: User,
    /// The argon2 hash of the console password (PHC string); none: no console login.
    pub password_hash: Option<String>,
    /// The TOTP secret (base32), when enrolled.
    pub totp_secret: Option<Zeroizing<String>>,
    /// The user's language tag, once chosen.
    pub language: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password_set", &self.password_hash.is_some())
            .field("totp_enrolled", &self.totp_secret.is_some())
            .field("language", &self.language)
            .finish()
    }
}

/// A console session, as stored: the token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Hex SHA-256 of the session token.
    pub token_hash: String,
    /// The user's name.
    pub user: String,
    /// Login (unix ms).
    pub created_at: i64,
    /// Last request made by the person (unix ms); background refreshes do not count.
    pub seen_at: i64,
    /// The client's address at login.
    pub address: String,
    /// The browser's User-Agent at login, clipped.
    pub agent: String,
}

/// The node, as the console uses it. Every typed call names the user it acts for.
pub trait Backend: Send + Sync + 'static {
    /// This agency's id.
    fn agency(&self) -> String;

    /// Checks that `user` may call `route` and audits a refusal (`denied`, with `message`
    /// when the route is about one), for pages that call no route of their own yet (an
    /// empty form).
    fn allow(
        &self,
        user: &User,
        route: Route,
        message: Option<&str>,
    ) -> impl Future<Output = ApiResult<()>> + Send;

    /// A user's credentials, by name.
    fn credentials(
        &self,
        name: &str,
    ) -> impl Future<Output = ApiResult<Option<Credentials>>> + Send;

    /// Records that `step` (a TOTP time step) was used by `name`; false when it, or a later
    /// one, was used already (a code is good once).
    fn use_totp_step(&self, name: &str, step: u64) -> impl Future<Output = ApiResult<bool>> + Send;

    /// Keeps `language` as `name`'s language.
    fn set_language(
        &self,
        name: &str,
        language: &str,
    ) -> impl Future<Output = ApiResult<()>> + Send;

    /// Stores a new session (and ends the user's oldest beyond a bound).
    fn open_session(&self, s: SessionRecord) -> impl Future<Output = ApiResult<()>> + Send;

    /// The session with this token hash.
    fn session(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = ApiResult<Option<SessionRecord>>> + Send;

    /// Records a request by the person at `at` (unix ms).
    fn session_seen(&self, token_hash: &str, at: i64)
        -> impl Future<Output = ApiResult<()>> + Send;

    /// Ends one session.
    fn close_session(&self, token_hash: &str) -> impl Future<Output = ApiResult<()>> + Send;

    /// A user's sessions, newest first.
    fn sessions(&self, name: &str) -> impl Future<Output = ApiResult<Vec<SessionRecord>>> + Send;

    /// Ends every session of `name` but `keep`; how many ended.
    fn close_other_sessions(
        &self,
        name: &str,
        keep: &str,
    ) -> impl Future<Output = ApiResult<usize>> + Send;

    /// Appends a console event to the audit log (`console-login`, `console-login-failed`, …):
    /// `user` is who it is about, `detail` ids and reasons only.
    fn audit(
        &self,
        event: &'static str,
        user: &str,
        detail: serde_json::Value,
    ) -> impl Future<Output = ()> + Send;

    /// Counts an event that is not audited one by one (it needs no login to cause).
    fn count(&self, event: &'static str);

    /// Counts a Content-Security-Policy violation a browser reported.
    fn csp_violation(&self, directive: &str);

    /// `GET /v1/status`.
    fn status(&self, user: &User) -> impl Future<Output = ApiResult<Status>> + Send;
    /// `GET /v1/directory`.
    fn directory(&self, user: &User) -> impl Future<Output = ApiResult<DirectoryView>> + Send;
    /// `GET /v1/messages`.
    fn inbox(
        &self,
        user: &User,
        q: InboxQuery,
    ) -> impl Future<Output = ApiResult<Page<Summary>>> + Send;
    /// `GET /v1/messages/{id}`: decrypted, audited `viewed` with the user's name.
    fn show(
        &self,
        user: &User,
        id: &str,
        sender: Option<&str>,
    ) -> impl Future<Output = ApiResult<MessageView>> + Send;
    /// `GET /v1/messages/{id}/tracking`: metadata, deliveries and referral history, no body.
    fn tracking(
        &self,
        user: &User,
        id: &str,
        sender: Option<&str>,
    ) -> impl Future<Output = ApiResult<Tracking>> + Send;
    /// `POST /v1/messages`.
    fn send(&self, user: &User, req: SendRequest) -> impl Future<Output = ApiResult<Sent>> + Send;
    /// `POST /v1/referrals/{id}/status`.
    fn referral_status(
        &self,
        user: &User,
        id: &str,
        update: StatusUpdate,
    ) -> impl Future<Output = ApiResult<Sent>> + Send;
    /// `GET /v1/quarantine`.
    fn quarantine(
        &self,
        user: &User,
        q: PageQuery,
    ) -> impl Future<Output = ApiResult<Page<QuarantineItem>>> + Send;
    /// `GET /v1/audit/entries`.
    fn audit_entries(
        &self,
        user: &User,
        q: AuditEntriesQuery,
    ) -> impl Future<Output = ApiResult<Page<AuditRecord>>> + Send;
    /// `GET /v1/audit/verify`.
    fn audit_verify(&self, user: &User) -> impl Future<Output = ApiResult<Verification>> + Send;
    /// `GET /v1/audit/checkpoint`: the latest checkpoint, if one was published.
    fn audit_checkpoint(
        &self,
        user: &User,
    ) -> impl Future<Output = ApiResult<Option<String>>> + Send;
    /// `GET /v1/compounds/trail`: a compound's trail (audited `correlated`).
    fn trail(
        &self,
        user: &User,
        q: &str,
    ) -> impl Future<Output = ApiResult<jaring_api::correlation::Trail>> + Send;
    /// `POST /v1/compounds/trail/decisions`: confirm or dismiss a suggestion (audited).
    fn decide(
        &self,
        user: &User,
        d: jaring_api::correlation::Decision,
    ) -> impl Future<Output = ApiResult<jaring_api::correlation::DecisionAnswer>> + Send;
    /// `GET /v1/users`.
    fn users(
        &self,
        user: &User,
        q: PageQuery,
    ) -> impl Future<Output = ApiResult<Page<User>>> + Send;
}
