//! The web console (crate `jaring-console`) on this node: its [`Backend`] over the node, each
//! typed call checked against the route's roles by [`crate::api::allow`] exactly as for a
//! caller on the local socket, and the password route of the local API (`jaring user
//! passwd`).

use std::sync::Arc;

use jaring_api::audit::{AuditEntriesQuery, AuditRecord, Verification};
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{
    InboxQuery, MessageView, SendRequest, Sent, StatusUpdate, Summary, Tracking,
};
use jaring_api::quarantine::QuarantineItem;
use jaring_api::status::Status;
use jaring_api::users::{PasswordSet, PasswordSetAnswer, User};
use jaring_api::{ApiError, Cursor, ErrorCode, Page, PageQuery, Role, Route};
use jaring_console::backend::ApiResult;
use jaring_console::{Backend, ConsoleConfig, Credentials, SessionRecord};
use jaring_core::MessageId;

use crate::api::{allow, Failure};
use crate::node::{blocking, Node, NodeError};

/// The roles that must use a second factor, from `[console]` (its default when absent).
fn totp_roles(node: &Node) -> Vec<Role> {
    node.config
        .console
        .as_ref()
        .map(|c| c.totp_required.clone())
        .unwrap_or_else(|| ConsoleConfig::default().totp_required)
}

/// `PUT /v1/users/{name}/password`: an admin sets anyone's, a user their own. A TOTP secret is
/// enrolled when asked, or when the user's roles require one and none is enrolled.
pub async fn set_password(
    node: &Arc<Node>,
    caller: &User,
    name: &str,
    req: &PasswordSet,
) -> Result<PasswordSetAnswer, Failure> {
    if caller.name != name && !caller.roles.has(Role::Admin) {
        let why = "setting another user's password needs the role admin";
        node.deny(
            &caller.name,
            Some(&caller.unix),
            &Route::UserPassword.label(),
            None,
            why,
        )
        .await;
        return Err(Failure(ApiError::new(
            ErrorCode::Forbidden,
            format!("{}: {why}", caller.name),
        )));
    }
    jaring_console::password::check_new(&req.password)
        .map_err(|e| Failure(ApiError::bad_request(e)))?;
    let store = node.store.clone();
    let target = name.to_owned();
    let creds = blocking(move || store.credentials(&target))
        .await?
        .map_err(NodeError::from)?
        .ok_or_else(|| Failure(ApiError::not_found(format!("no user {name}"))))?;
    let required = creds
        .user
        .roles
        .0
        .iter()
        .any(|r| totp_roles(node).contains(r));
    let secret = if req.totp || (required && creds.totp_secret.is_none()) {
        Some(
            jaring_console::totp::new_secret()
                .map_err(|e| Failure(ApiError::new(ErrorCode::Internal, e)))?,
        )
    } else {
        None
    };
    let password = zeroize::Zeroizing::new(req.password.clone());
    let phc = blocking(move || jaring_console::password::hash(&password))
        .await?
        .map_err(|e| Failure(ApiError::new(ErrorCode::Internal, e)))?;
    let store = node.store.clone();
    let (target, by, secret2) = (name.to_owned(), caller.name.clone(), secret.clone());
    blocking(move || {
        store.set_password(&target, &phc, secret2.as_deref().map(|s| s.as_str()), &by)
    })
    .await?
    .map_err(NodeError::from)?;
    node.audit_due();
    let account = format!("{}/{}", node.me, name);
    Ok(PasswordSetAnswer {
        name: name.to_owned(),
        totp_uri: secret
            .as_ref()
            .and_then(|s| jaring_console::totp::uri(s, &account)),
        totp_secret: secret.map(|s| s.to_string()),
    })
}

/// The console's view of the node.
#[derive(Clone)]
pub struct NodeConsole(pub Arc<Node>);

fn api_err(f: Failure) -> ApiError {
    f.0
}

fn node_err(e: NodeError) -> ApiError {
    e.into()
}

impl NodeConsole {
    async fn store<T: Send + 'static>(
        &self,
        f: impl FnOnce(&crate::store::Store) -> Result<T, crate::store::StoreError> + Send + 'static,
    ) -> ApiResult<T> {
        let store = self.0.store.clone();
        blocking(move || f(&store))
            .await
            .map_err(node_err)?
            .map_err(|e| node_err(e.into()))
    }

    async fn allowed(&self, user: &User, route: Route, message: Option<&str>) -> ApiResult<()> {
        allow(&self.0, user, route, message).await.map_err(api_err)
    }
}

impl Backend for NodeConsole {
    fn agency(&self) -> String {
        self.0.me.to_string()
    }

    async fn allow(&self, user: &User, route: Route, message: Option<&str>) -> ApiResult<()> {
        self.allowed(user, route, message).await
    }

    async fn credentials(&self, name: &str) -> ApiResult<Option<Credentials>> {
        let name = name.to_owned();
        self.store(move |s| s.credentials(&name)).await
    }

    async fn use_totp_step(&self, name: &str, step: u64) -> ApiResult<bool> {
        let name = name.to_owned();
        self.store(move |s| s.use_totp_step(&name, step)).await
    }

    async fn set_language(&self, name: &str, language: &str) -> ApiResult<()> {
        let (name, language) = (name.to_owned(), language.to_owned());
        self.store(move |s| s.set_language(&name, &language)).await
    }

    async fn open_session(&self, r: SessionRecord) -> ApiResult<()> {
        self.store(move |s| s.open_session(&r)).await
    }

    async fn session(&self, token_hash: &str) -> ApiResult<Option<SessionRecord>> {
        let h = token_hash.to_owned();
        self.store(move |s| s.session(&h)).await
    }

    async fn session_seen(&self, token_hash: &str, at: i64) -> ApiResult<()> {
        let h = token_hash.to_owned();
        self.store(move |s| s.session_seen(&h, at)).await
    }

    async fn close_session(&self, token_hash: &str) -> ApiResult<()> {
        let h = token_hash.to_owned();
        self.store(move |s| s.close_session(&h)).await
    }

    async fn sessions(&self, name: &str) -> ApiResult<Vec<SessionRecord>> {
        let name = name.to_owned();
        self.store(move |s| s.sessions(&name)).await
    }

    async fn close_other_sessions(&self, name: &str, keep: &str) -> ApiResult<usize> {
        let (name, keep) = (name.to_owned(), keep.to_owned());
        self.store(move |s| s.close_other_sessions(&name, &keep))
            .await
    }

    async fn audit(&self, event: &'static str, user: &str, detail: serde_json::Value) {
        let user = user.to_owned();
        if let Err(e) = self
            .store(move |s| s.console_event(event, &user, detail))
            .await
        {
            tracing::error!(error = %e.message, event, "console: cannot audit");
        }
        self.0.audit_due();
        self.0.metrics.console_event(event);
    }

    fn count(&self, event: &'static str) {
        self.0.metrics.console_event(event);
    }

    fn csp_violation(&self, directive: &str) {
        self.0.metrics.console_csp_violation(directive);
    }

    async fn status(&self, user: &User) -> ApiResult<Status> {
        self.allowed(user, Route::Status, None).await?;
        self.0.status().await.map_err(node_err)
    }

    async fn directory(&self, user: &User) -> ApiResult<DirectoryView> {
        self.allowed(user, Route::Directory, None).await?;
        Ok(self.0.directory_view())
    }

    async fn inbox(&self, user: &User, q: InboxQuery) -> ApiResult<Page<Summary>> {
        self.allowed(user, Route::Inbox, None).await?;
        self.0.inbox(q, &user.roles).await.map_err(node_err)
    }

    async fn show(&self, user: &User, id: &str, sender: Option<&str>) -> ApiResult<MessageView> {
        self.allowed(user, Route::Show, Some(id)).await?;
        self.0.show(id, sender, user).await.map_err(node_err)
    }

    async fn tracking(&self, user: &User, id: &str, sender: Option<&str>) -> ApiResult<Tracking> {
        self.allowed(user, Route::Tracking, Some(id)).await?;
        self.0.tracking(id, sender, user).await.map_err(node_err)
    }

    async fn send(&self, user: &User, req: SendRequest) -> ApiResult<Sent> {
        self.allowed(user, Route::Send, None).await?;
        self.0.send(req, user).await.map_err(node_err)
    }

    async fn referral_status(
        &self,
        user: &User,
        id: &str,
        update: StatusUpdate,
    ) -> ApiResult<Sent> {
        self.allowed(user, Route::ReferralStatus, Some(id)).await?;
        let referral =
            MessageId::parse(id).map_err(|e| ApiError::bad_request(format!("{id}: {e}")))?;
        let req = crate::api::status_request(referral, update).map_err(api_err)?;
        self.0.send(req, user).await.map_err(node_err)
    }

    async fn quarantine(&self, user: &User, q: PageQuery) -> ApiResult<Page<QuarantineItem>> {
        self.allowed(user, Route::Quarantine, None).await?;
        self.0.quarantine(q).await.map_err(node_err)
    }

    async fn audit_entries(
        &self,
        user: &User,
        q: AuditEntriesQuery,
    ) -> ApiResult<Page<AuditRecord>> {
        self.allowed(user, Route::AuditEntries, None).await?;
        self.0.audit_entries(q).await.map_err(node_err)
    }

    async fn audit_verify(&self, user: &User) -> ApiResult<Verification> {
        self.allowed(user, Route::AuditVerify, None).await?;
        self.0.audit_verify().await.map_err(node_err)
    }

    async fn audit_checkpoint(&self, user: &User) -> ApiResult<Option<String>> {
        self.allowed(user, Route::AuditCheckpoint, None).await?;
        Ok(self.0.latest_checkpoint())
    }

    async fn trail(&self, user: &User, q: &str) -> ApiResult<jaring_api::correlation::Trail> {
        self.allowed(user, Route::CompoundTrail, None).await?;
        self.0.trail(q, user).await.map_err(node_err)
    }

    async fn decide(
        &self,
        user: &User,
        d: jaring_api::correlation::Decision,
    ) -> ApiResult<jaring_api::correlation::DecisionAnswer> {
        self.allowed(user, Route::TrailDecision, Some(&d.id))
            .await?;
        self.0.decide(&d, user).await.map_err(node_err)
    }

    async fn users(&self, user: &User, q: PageQuery) -> ApiResult<Page<User>> {
        self.allowed(user, Route::Users, None).await?;
        let limit = q.limit();
        let after = q.cursor.as_deref().map(Cursor::decode).transpose()?;
        let rows = self
            .store(move |s| s.users(limit, after.as_deref()))
            .await?;
        Ok(Page::from_rows(rows, limit, |u| u.name.clone()))
    }
}
