//! The local API: HTTP/1.1 and JSON over a Unix domain socket (mode 0660), for the `jaring`
//! CLI and, next, the web console and the TAXII feed. Nothing listens on a network port.
//!
//! Who calls is the socket's peer uid, resolved through the system's user database to a
//! local account and mapped to a jaring user (see `Store::user_by_unix`); an unknown caller
//! gets nothing. Every route is registered from `jaring_api::Route` and checks the caller's
//! roles against it before it does anything; a refusal is 403 with the code `forbidden` and is
//! audited as `denied`. Request and response types are `jaring-api`'s.

use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::connect_info::Connected;
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, MatchedPath, Path as UrlPath, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::serve::IncomingStream;
use axum::{Json, Router};
use jaring_api::audit::{AuditEntriesQuery, CheckpointNote, ProveQuery};
use jaring_api::messages::{
    FollowQuery, InboxQuery, OutgoingBody, SendRequest, ShowQuery, StatusUpdate,
};
use jaring_api::users::{NewUser, PasswordSet, PasswordSetAnswer, RolesUpdate, User, WhoAmI};
use jaring_api::{ApiError, Cursor, ErrorCode, Page, PageQuery, Route};
use jaring_core::{AgencyId, Kind, MessageId};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::net::UnixListener;
use tokio::sync::watch;

use crate::node::{blocking, Node};

/// Who is on the other end of the socket: its uid, when the kernel says.
#[derive(Clone, Debug)]
pub struct Peer {
    /// The peer's uid.
    pub uid: Option<u32>,
}

impl Connected<IncomingStream<'_, UnixListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, UnixListener>) -> Self {
        Self {
            uid: stream.io().peer_cred().ok().map(|c| c.uid()),
        }
    }
}

pub use crate::accounts::{account_name, current_account};

/// An error answer: the status from the code, the body an [`ApiError`].
pub struct Failure(pub ApiError);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.0.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0)).into_response()
    }
}

impl From<crate::node::NodeError> for Failure {
    fn from(e: crate::node::NodeError) -> Self {
        Self(e.into())
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Self(e)
    }
}

type Answer<T> = Result<Json<T>, Failure>;

/// The routes, each from `jaring_api::Route`.
pub fn router(node: Arc<Node>) -> Router {
    Router::new()
        .route(Route::WhoAmI.path(), get(whoami))
        .route(Route::Status.path(), get(status))
        .route(Route::Directory.path(), get(directory))
        .route(Route::Inbox.path(), get(inbox))
        .route(Route::Send.path(), post(send))
        .route(Route::Show.path(), get(show))
        .route(Route::ReferralStatus.path(), post(referral_status))
        .route(Route::Quarantine.path(), get(quarantine))
        .route(Route::Follow.path(), get(follow))
        .route(Route::AuditEntries.path(), get(audit_entries))
        .route(Route::AuditProve.path(), get(audit_prove))
        .route(Route::AuditVerify.path(), get(audit_verify))
        .route(Route::AuditCheckpoint.path(), get(audit_checkpoint))
        .route(Route::Users.path(), get(users).post(user_add))
        .route(Route::UserRemove.path(), delete(user_remove))
        .route(Route::UserRoles.path(), put(user_roles))
        .route(Route::UserPassword.path(), put(user_password))
        .route(Route::Tracking.path(), get(tracking))
        .route(Route::CorrelateSearch.path(), get(correlate_search))
        .route(Route::StixExport.path(), get(stix_export))
        .route(Route::CorrelateRebuild.path(), post(correlate_rebuild))
        .route(Route::CompoundTrail.path(), get(compound_trail))
        .route(Route::TrailDecision.path(), post(trail_decision))
        .route_layer(axum::middleware::from_fn_with_state(node.clone(), count))
        .fallback(|| async {
            Failure(ApiError::not_found(
                "no such route: see docs/api.md for the routes of /v1",
            ))
        })
        .with_state(node)
}

/// Counts each request per route and status, for the metrics.
async fn count(State(node): State<Arc<Node>>, req: Request, next: Next) -> Response {
    let route = format!(
        "{} {}",
        req.method(),
        req.extensions()
            .get::<MatchedPath>()
            .map(MatchedPath::as_str)
            .unwrap_or("-")
    );
    let response = next.run(req).await;
    node.metrics.api_request(&route, response.status().as_u16());
    response
}

/// Serves the API on `socket` until shutdown.
pub async fn serve(
    node: Arc<Node>,
    socket: &Path,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    if socket.exists() {
        // A socket left by a previous run; refuse if a daemon still answers on it.
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            anyhow::bail!(
                "{} is in use: is another jaringd running?",
                socket.display()
            );
        }
        std::fs::remove_file(socket)
            .with_context(|| format!("cannot remove stale socket {}", socket.display()))?;
    }
    let listener = UnixListener::bind(socket)
        .with_context(|| format!("cannot listen on {}", socket.display()))?;
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))
            .with_context(|| format!("cannot set mode 0660 on {}", socket.display()))?;
    }
    let app = router(node).into_make_service_with_connect_info::<Peer>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = shutdown.wait_for(|s| *s).await;
        })
        .await
        .context("local API")?;
    let _ = std::fs::remove_file(socket);
    Ok(())
}

/// The jaring user calling, allowed on `route`; otherwise the refusal, audited.
async fn authorize(node: &Node, peer: &Peer, route: Route) -> Result<User, Failure> {
    authorize_on(node, peer, route, None).await
}

/// Like [`authorize`], for a route about one message: a refusal names it in the audit log.
async fn authorize_on(
    node: &Node,
    peer: &Peer,
    route: Route,
    message: Option<&str>,
) -> Result<User, Failure> {
    // NSS may ask a directory server (LDAP, sssd): off the async workers.
    let account = match peer.uid {
        Some(uid) => blocking(move || account_name(uid)).await?,
        None => None,
    };
    let user = match &account {
        Some(name) => {
            let store = node.store.clone();
            let name = name.clone();
            blocking(move || store.user_by_unix(&name))
                .await?
                .map_err(crate::node::NodeError::from)?
        }
        None => None,
    };
    let Some(user) = user else {
        let who = match (&account, peer.uid) {
            (Some(name), _) => format!("account {name}"),
            (None, Some(uid)) => format!("uid {uid}"),
            (None, None) => "an unidentified peer".into(),
        };
        node.deny(
            &who,
            None,
            &route.label(),
            message,
            "not a jaring user of this node",
        )
        .await;
        return Err(Failure(ApiError::new(
            ErrorCode::UnknownUser,
            format!(
                "{who} is not a jaring user of this node: an admin adds it with `jaring user add`"
            ),
        )));
    };
    allow(node, &user, route, message).await?;
    Ok(user)
}

/// Checks that `user` may call `route` (the roles of `jaring_api::Route::access`); a refusal
/// is audited as `denied`, naming `message` when the route is about one. The local API and the
/// console both come through here.
pub async fn allow(
    node: &Node,
    user: &User,
    route: Route,
    message: Option<&str>,
) -> Result<(), Failure> {
    let access = route.access();
    if access.allows(&user.roles) {
        return Ok(());
    }
    let why = format!("needs the role {}", access.describe());
    node.deny(&user.name, Some(&user.unix), &route.label(), message, &why)
        .await;
    Err(Failure(ApiError::new(
        ErrorCode::Forbidden,
        format!(
            "{}: {} {why}; you hold {}",
            user.name,
            route.label(),
            if user.roles.0.is_empty() {
                "no role".to_owned()
            } else {
                user.roles.joined()
            }
        ),
    )))
}

/// The message that sets a received referral's status: to its referring agency (`to` names
/// it when two agencies used the referral's id).
pub fn status_request(referral: MessageId, update: StatusUpdate) -> Result<SendRequest, Failure> {
    let mut value = serde_json::json!({"status": update.status});
    if let Some(n) = update.notes {
        value["notes"] = n.into();
    }
    let refs = vec![referral];
    let typed = OutgoingBody::parse(Kind::ReferralStatus, value, &refs)
        .map_err(|e| Failure(ApiError::bad_request(e)))?;
    let to = match update.to.as_deref().map(AgencyId::parse).transpose() {
        Ok(to) => to.into_iter().collect(),
        Err(e) => return Err(Failure(ApiError::bad_request(format!("to: {e}")))),
    };
    Ok(SendRequest {
        kind: Kind::ReferralStatus,
        to,
        to_role: None,
        to_all: false,
        tlp: None,
        refs,
        expires_at: None,
        body: typed,
        background: false,
    })
}

/// A JSON request body, or a 400 naming what is wrong.
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, Failure> {
    serde_json::from_slice(bytes).map_err(|e| Failure(ApiError::bad_request(e.to_string())))
}

/// Query parameters, or a 400 naming what is wrong.
fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Failure> {
    q.map(|Query(q)| q)
        .map_err(|e| Failure(ApiError::bad_request(e.body_text())))
}

fn ok<T: Serialize>(v: T) -> Answer<T> {
    Ok(Json(v))
}

async fn whoami(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<WhoAmI> {
    let user = authorize(&node, &peer, Route::WhoAmI).await?;
    ok(WhoAmI {
        agency: node.me.to_string(),
        user,
    })
}

async fn status(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<jaring_api::status::Status> {
    authorize(&node, &peer, Route::Status).await?;
    ok(node.status().await?)
}

async fn directory(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<jaring_api::directory::DirectoryView> {
    authorize(&node, &peer, Route::Directory).await?;
    ok(node.directory_view())
}

async fn inbox(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<InboxQuery>, QueryRejection>,
) -> Answer<Page<jaring_api::messages::Summary>> {
    let user = authorize(&node, &peer, Route::Inbox).await?;
    let q = query(q)?;
    ok(node.inbox(q, &user.roles).await?)
}

async fn send(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    bytes: Bytes,
) -> Answer<jaring_api::messages::Sent> {
    let user = authorize(&node, &peer, Route::Send).await?;
    let req: SendRequest = body(&bytes)?;
    ok(node.send(req, &user).await?)
}

async fn show(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(id): UrlPath<String>,
    q: Result<Query<ShowQuery>, QueryRejection>,
) -> Answer<jaring_api::messages::MessageView> {
    let parsed = MessageId::parse(&id);
    let named = parsed.is_ok().then_some(id.as_str());
    let user = authorize_on(&node, &peer, Route::Show, named).await?;
    parsed.map_err(|e| Failure(ApiError::bad_request(format!("{id}: {e}"))))?;
    let q = query(q)?;
    ok(node.show(&id, q.sender.as_deref(), &user).await?)
}

async fn referral_status(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(id): UrlPath<String>,
    bytes: Bytes,
) -> Answer<jaring_api::messages::Sent> {
    let parsed = MessageId::parse(&id);
    let named = parsed.is_ok().then_some(id.as_str());
    let user = authorize_on(&node, &peer, Route::ReferralStatus, named).await?;
    let referral = parsed.map_err(|e| Failure(ApiError::bad_request(format!("{id}: {e}"))))?;
    let update: StatusUpdate = body(&bytes)?;
    let req = status_request(referral, update)?;
    ok(node.send(req, &user).await?)
}

async fn quarantine(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Answer<Page<jaring_api::quarantine::QuarantineItem>> {
    authorize(&node, &peer, Route::Quarantine).await?;
    ok(node.quarantine(query(q)?).await?)
}

async fn follow(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<FollowQuery>, QueryRejection>,
) -> Response {
    let user = match authorize(&node, &peer, Route::Follow).await {
        Ok(u) => u,
        Err(f) => return f.into_response(),
    };
    let q = match query(q) {
        Ok(q) => q,
        Err(f) => return f.into_response(),
    };
    // The caller's roles are read again whenever users change, so that a user removed or
    // demoted while following stops receiving at once, not when the daemon restarts.
    struct Following {
        rx: tokio::sync::broadcast::Receiver<jaring_api::messages::FollowEvent>,
        node: Arc<Node>,
        user: User,
        seen: u64,
    }
    let seen = node.users_version();
    let state = Following {
        rx: node.events.subscribe(),
        node: node.clone(),
        user,
        seen,
    };
    let stream = futures::stream::unfold(state, move |mut f| async move {
        loop {
            let event = match f.rx.recv().await {
                Ok(e) => e,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            };
            let now = f.node.users_version();
            if now != f.seen {
                f.seen = now;
                let store = f.node.store.clone();
                let unix = f.user.unix.clone();
                match blocking(move || store.user_by_unix(&unix)).await {
                    Ok(Ok(Some(u))) => f.user = u,
                    _ => return None,
                }
            }
            let wanted =
                q.kind.is_none_or(|k| event.kind == k) && f.user.roles.may_list(event.kind);
            if wanted {
                let line = format!("{}\n", serde_json::to_string(&event).unwrap_or_default());
                return Some((Ok::<_, std::convert::Infallible>(line), f));
            }
        }
    });
    Response::builder()
        .header("content-type", "application/x-ndjson")
        .body(axum::body::Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

async fn audit_entries(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<AuditEntriesQuery>, QueryRejection>,
) -> Answer<Page<jaring_api::audit::AuditRecord>> {
    authorize(&node, &peer, Route::AuditEntries).await?;
    ok(node.audit_entries(query(q)?).await?)
}

async fn audit_prove(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<ProveQuery>, QueryRejection>,
) -> Answer<jaring_api::audit::Proof> {
    authorize(&node, &peer, Route::AuditProve).await?;
    ok(node.audit_prove(query(q)?.seq).await?)
}

async fn audit_verify(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<jaring_api::audit::Verification> {
    authorize(&node, &peer, Route::AuditVerify).await?;
    ok(node.audit_verify().await?)
}

async fn audit_checkpoint(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<CheckpointNote> {
    authorize(&node, &peer, Route::AuditCheckpoint).await?;
    match node.latest_checkpoint() {
        Some(checkpoint) => ok(CheckpointNote { checkpoint }),
        None => Err(Failure(ApiError::not_found(
            "no checkpoint has been published yet",
        ))),
    }
}

/// The answer to a change of users: audited already, in the store's transaction; the audit
/// file catches up, and open streams re-read their callers.
fn users_changed(node: &Node, changed: Result<User, crate::store::StoreError>) -> Answer<User> {
    let user = changed.map_err(crate::node::NodeError::from)?;
    node.audit_due();
    node.users_changed();
    ok(user)
}

async fn users(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Answer<Page<User>> {
    authorize(&node, &peer, Route::Users).await?;
    let q = query(q)?;
    let limit = q.limit();
    let after = q.cursor.as_deref().map(Cursor::decode).transpose()?;
    let store = node.store.clone();
    let rows = blocking(move || store.users(limit, after.as_deref()))
        .await?
        .map_err(crate::node::NodeError::from)?;
    ok(Page::from_rows(rows, limit, |u| u.name.clone()))
}

async fn user_add(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    bytes: Bytes,
) -> Answer<User> {
    let admin = authorize(&node, &peer, Route::UserAdd).await?;
    let new: NewUser = body(&bytes)?;
    jaring_api::users::check_name(&new.name).map_err(|e| Failure(ApiError::bad_request(e)))?;
    if new.unix.trim().is_empty() {
        return Err(Failure(ApiError::bad_request(
            "unix: name the local account",
        )));
    }
    let store = node.store.clone();
    users_changed(
        &node,
        blocking(move || store.add_user(&new, &admin.name)).await?,
    )
}

async fn user_remove(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(name): UrlPath<String>,
) -> Answer<User> {
    let admin = authorize(&node, &peer, Route::UserRemove).await?;
    let store = node.store.clone();
    users_changed(
        &node,
        blocking(move || store.remove_user(&name, &admin.name)).await?,
    )
}

async fn user_roles(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(name): UrlPath<String>,
    bytes: Bytes,
) -> Answer<User> {
    let admin = authorize(&node, &peer, Route::UserRoles).await?;
    let update: RolesUpdate = body(&bytes)?;
    let store = node.store.clone();
    users_changed(
        &node,
        blocking(move || store.set_roles(&name, &update.roles, &admin.name)).await?,
    )
}

async fn tracking(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(id): UrlPath<String>,
    q: Result<Query<ShowQuery>, QueryRejection>,
) -> Answer<jaring_api::messages::Tracking> {
    let parsed = MessageId::parse(&id);
    let named = parsed.is_ok().then_some(id.as_str());
    let user = authorize_on(&node, &peer, Route::Tracking, named).await?;
    parsed.map_err(|e| Failure(ApiError::bad_request(format!("{id}: {e}"))))?;
    let q = query(q)?;
    ok(node.tracking(&id, q.sender.as_deref(), &user).await?)
}

async fn user_password(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(name): UrlPath<String>,
    bytes: Bytes,
) -> Answer<PasswordSetAnswer> {
    let caller = authorize(&node, &peer, Route::UserPassword).await?;
    let req: PasswordSet = body(&bytes)?;
    ok(crate::console::set_password(&node, &caller, &name, &req).await?)
}

async fn correlate_search(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<jaring_api::correlation::SearchQuery>, QueryRejection>,
) -> Answer<jaring_api::correlation::SearchAnswer> {
    let user = authorize(&node, &peer, Route::CorrelateSearch).await?;
    let q = query(q)?;
    ok(node.correlate_search(&q.q, &user).await?)
}

async fn correlate_rebuild(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
) -> Answer<jaring_api::correlation::Rebuilt> {
    let user = authorize(&node, &peer, Route::CorrelateRebuild).await?;
    ok(node.rebuild_correlation(&user).await?)
}

async fn compound_trail(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<jaring_api::correlation::TrailQuery>, QueryRejection>,
) -> Answer<jaring_api::correlation::Trail> {
    let user = authorize(&node, &peer, Route::CompoundTrail).await?;
    let q = query(q)?;
    ok(node.trail(&q.q, &user).await?)
}

async fn trail_decision(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    bytes: Bytes,
) -> Answer<jaring_api::correlation::DecisionAnswer> {
    let user = authorize(&node, &peer, Route::TrailDecision).await?;
    let d: jaring_api::correlation::Decision = body(&bytes)?;
    ok(node.decide(&d, &user).await?)
}

async fn stix_export(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    q: Result<Query<jaring_api::stix::ExportQuery>, QueryRejection>,
) -> Answer<jaring_api::stix::Export> {
    let user = authorize(&node, &peer, Route::StixExport).await?;
    let q = query(q)?;
    ok(node.stix_export(&q, &user).await?)
}
