//! The local API: HTTP/JSON over a Unix domain socket (mode 0660), for the `jaring` CLI and,
//! later, the consular web console. Nothing listens on a network port.

use std::path::Path;
use std::sync::Arc;

use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::IncomingStream;
use axum::{Json, Router};
use futures::StreamExt;
use jaring_core::{Kind, MessageId, Timestamp};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::net::UnixListener;
use tokio::sync::watch;

use crate::node::{AuditQuery, Node, NodeError, SendRequest};
use crate::store::InboxFilter;

/// Who is on the other end of the socket.
#[derive(Clone, Debug)]
pub struct Peer {
    /// The local user name (or `uid N`).
    pub user: String,
}

impl Connected<IncomingStream<'_, UnixListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, UnixListener>) -> Self {
        let user = stream
            .io()
            .peer_cred()
            .map(|c| user_name(c.uid()))
            .unwrap_or_else(|_| "unknown".into());
        Self { user }
    }
}

/// The name of a local uid, read from /etc/passwd.
fn user_name(uid: u32) -> String {
    std::fs::read_to_string("/etc/passwd")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let mut f = line.split(':');
                let name = f.next()?;
                (f.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_owned())
            })
        })
        .unwrap_or_else(|| format!("uid {uid}"))
}

struct ApiError(NodeError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self.0 {
            NodeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            NodeError::NotFound(_) => StatusCode::NOT_FOUND,
            NodeError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, Json(json!({"error": self.0.to_string()}))).into_response()
    }
}

impl From<NodeError> for ApiError {
    fn from(e: NodeError) -> Self {
        Self(e)
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// The routes.
pub fn router(node: Arc<Node>) -> Router {
    Router::new()
        .route("/v1/status", get(status))
        .route("/v1/inbox", get(inbox))
        .route("/v1/messages", post(send))
        .route("/v1/messages/{id}", get(show))
        .route("/v1/referrals/{id}/status", post(referral_status))
        .route("/v1/quarantine", get(quarantine))
        .route("/v1/follow", get(follow))
        .route("/v1/audit/entries", get(audit_entries))
        .route("/v1/audit/prove", get(audit_prove))
        .route("/v1/audit/verify", get(audit_verify))
        .route("/v1/audit/checkpoint", get(audit_checkpoint))
        .with_state(node)
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

async fn status(State(node): State<Arc<Node>>) -> ApiResult {
    Ok(Json(node.status().await?))
}

#[derive(Deserialize)]
struct InboxQuery {
    kind: Option<String>,
    from: Option<String>,
    since: Option<String>,
    #[serde(default)]
    unread: bool,
    #[serde(default)]
    sent: bool,
    limit: Option<usize>,
}

async fn inbox(State(node): State<Arc<Node>>, Query(q): Query<InboxQuery>) -> ApiResult {
    if let Some(k) = &q.kind {
        k.parse::<Kind>()
            .map_err(|e| ApiError(NodeError::BadRequest(e)))?;
    }
    let since = match &q.since {
        Some(s) => Some(
            Timestamp::parse(s)
                .map_err(|e| ApiError(NodeError::BadRequest(format!("since: {e}"))))?
                .unix_millis(),
        ),
        None => None,
    };
    let filter = InboxFilter {
        kind: q.kind,
        from: q.from,
        since,
        unread: q.unread,
        include_sent: q.sent,
        limit: q.limit,
    };
    let store = node.store.clone();
    let rows = tokio::task::spawn_blocking(move || store.inbox(&filter))
        .await
        .map_err(|e| ApiError(NodeError::Internal(e.to_string())))?
        .map_err(|e| ApiError(NodeError::Internal(e.to_string())))?;
    Ok(Json(json!(rows)))
}

async fn send(State(node): State<Arc<Node>>, Json(req): Json<SendRequest>) -> ApiResult {
    Ok(Json(node.send(req).await?))
}

async fn show(
    State(node): State<Arc<Node>>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    UrlPath(id): UrlPath<String>,
) -> ApiResult {
    MessageId::parse(&id).map_err(|e| ApiError(NodeError::BadRequest(format!("{id}: {e}"))))?;
    Ok(Json(node.show(&id, &peer.user).await?))
}

#[derive(Deserialize)]
struct StatusRequest {
    status: String,
    notes: Option<String>,
}

async fn referral_status(
    State(node): State<Arc<Node>>,
    UrlPath(id): UrlPath<String>,
    Json(req): Json<StatusRequest>,
) -> ApiResult {
    let referral =
        MessageId::parse(&id).map_err(|e| ApiError(NodeError::BadRequest(format!("{id}: {e}"))))?;
    let mut body = json!({"status": req.status});
    if let Some(n) = req.notes {
        body["notes"] = n.into();
    }
    let req = SendRequest {
        kind: Kind::ReferralStatus,
        to: vec![],
        to_role: None,
        to_all: false,
        tlp: None,
        refs: vec![referral],
        expires_at: None,
        body,
    };
    Ok(Json(node.send(req).await?))
}

#[derive(Deserialize)]
struct Limit {
    limit: Option<usize>,
}

async fn quarantine(State(node): State<Arc<Node>>, Query(q): Query<Limit>) -> ApiResult {
    Ok(Json(node.quarantine(q.limit.unwrap_or(1000)).await?))
}

#[derive(Deserialize)]
struct FollowQuery {
    kind: Option<String>,
}

async fn follow(State(node): State<Arc<Node>>, Query(q): Query<FollowQuery>) -> Response {
    let rx = node.events.subscribe();
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(v) => return Some((v, rx)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
    .filter(move |v| {
        let keep = q
            .kind
            .as_deref()
            .is_none_or(|k| v["kind"].as_str() == Some(k));
        async move { keep }
    })
    .map(|v| Ok::<_, std::convert::Infallible>(format!("{v}\n")));
    Response::builder()
        .header("content-type", "application/x-ndjson")
        .body(axum::body::Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[derive(Deserialize)]
struct EntriesQuery {
    message: Option<String>,
    event: Option<String>,
    since: Option<String>,
}

async fn audit_entries(State(node): State<Arc<Node>>, Query(q): Query<EntriesQuery>) -> ApiResult {
    let since = match &q.since {
        Some(s) => Some(
            Timestamp::parse(s)
                .map_err(|e| ApiError(NodeError::BadRequest(format!("since: {e}"))))?,
        ),
        None => None,
    };
    Ok(Json(
        node.audit_query(AuditQuery::Entries {
            message: q.message,
            event: q.event,
            since,
        })
        .await?,
    ))
}

#[derive(Deserialize)]
struct ProveQuery {
    seq: u64,
}

async fn audit_prove(State(node): State<Arc<Node>>, Query(q): Query<ProveQuery>) -> ApiResult {
    Ok(Json(
        node.audit_query(AuditQuery::Prove { seq: q.seq }).await?,
    ))
}

async fn audit_verify(State(node): State<Arc<Node>>) -> ApiResult {
    Ok(Json(node.audit_query(AuditQuery::Verify).await?))
}

async fn audit_checkpoint(State(node): State<Arc<Node>>) -> ApiResult {
    match node.latest_checkpoint() {
        Some(note) => Ok(Json(json!({"checkpoint": note}))),
        None => Err(ApiError(NodeError::NotFound(
            "no checkpoint has been published yet".into(),
        ))),
    }
}
