//! A client for the local API over its Unix socket: the transport (HTTP/1.1, kept
//! connections) and one typed method per route of `jaring_api::Route`, used by the `jaring`
//! CLI and the benchmark. [`Client::call`] speaks raw JSON, for tests that check the wire.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use jaring_api::audit::{AuditEntriesQuery, AuditRecord, CheckpointNote, Proof, Verification};
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{
    FollowEvent, InboxQuery, MessageView, SendRequest, Sent, StatusUpdate, Summary,
};
use jaring_api::quarantine::QuarantineItem;
use jaring_api::status::Status;
use jaring_api::users::{NewUser, RolesUpdate, User, WhoAmI};
use jaring_api::{Page, PageQuery, Route};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tokio::net::UnixStream;

/// A failed call to the daemon.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The daemon is not reachable.
    #[error("cannot reach jaringd at {0}: {1} (is the daemon running? start it with `jaringd --config FILE`)")]
    Unreachable(PathBuf, std::io::Error),
    /// The daemon answered with an error: its code, then its message.
    #[error("{0}")]
    Refused(jaring_api::ApiError),
    /// The conversation broke.
    #[error("local API: {0}")]
    Protocol(String),
}

/// One HTTP/1.1 connection to the daemon.
type Connection = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

/// Talks to one daemon. Clones share their idle connections: a program that makes many calls
/// (a console, a load generator) reuses them instead of connecting for each.
#[derive(Clone)]
pub struct Client {
    socket: PathBuf,
    idle: Arc<Mutex<Vec<Connection>>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("socket", &self.socket)
            .finish_non_exhaustive()
    }
}

/// At most this many idle connections are kept.
const MAX_IDLE: usize = 64;

impl Client {
    /// A client for the daemon listening on `socket`.
    pub fn new(socket: &Path) -> Self {
        Self {
            socket: socket.to_owned(),
            idle: Arc::default(),
        }
    }

    async fn connect(&self) -> Result<Connection, ClientError> {
        let stream = UnixStream::connect(&self.socket)
            .await
            .map_err(|e| ClientError::Unreachable(self.socket.clone(), e))?;
        let (sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        tokio::spawn(conn);
        Ok(sender)
    }

    /// An idle connection that is still open, or a new one.
    async fn connection(&self) -> Result<Connection, ClientError> {
        loop {
            let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
            match idle {
                Some(mut c) => {
                    if c.ready().await.is_ok() {
                        return Ok(c);
                    }
                }
                None => return self.connect().await,
            }
        }
    }

    /// Keeps a connection whose last exchange is complete, for the next call.
    fn release(&self, connection: Connection) {
        if connection.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push(connection);
            }
        }
    }

    async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(hyper::Response<hyper::body::Incoming>, Connection), ClientError> {
        let payload = body.map(|b| Bytes::from(b.to_string())).unwrap_or_default();
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "jaringd")
            .header("content-type", "application/json")
            .body(Full::new(payload))
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        // A kept connection the daemon closed meanwhile gives the request back unsent: only
        // then is it tried again, on a new connection (a request that may have been sent is
        // never repeated).
        let mut fresh = false;
        loop {
            let mut connection = if fresh {
                self.connect().await?
            } else {
                self.connection().await?
            };
            match connection.try_send_request(req).await {
                Ok(response) => return Ok((response, connection)),
                Err(mut e) => match e.take_message() {
                    Some(unsent) if !fresh => {
                        req = unsent;
                        fresh = true;
                    }
                    _ => return Err(ClientError::Protocol(e.into_error().to_string())),
                },
            }
        }
    }

    /// A JSON call.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, ClientError> {
        let (response, connection) = self.request(method, path, body).await?;
        let status = response.status();
        let bytes = response
            .into_body()
            .collect()
            .await
            .map_err(|e| ClientError::Protocol(e.to_string()))?
            .to_bytes();
        self.release(connection);
        if !status.is_success() {
            let error =
                serde_json::from_slice::<jaring_api::ApiError>(&bytes).unwrap_or_else(|_| {
                    jaring_api::ApiError::internal(format!(
                        "the daemon answered {status}: {}",
                        String::from_utf8_lossy(&bytes)
                    ))
                });
            return Err(ClientError::Refused(error));
        }
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol(format!("not JSON: {e}")))
    }

    /// A typed call: `body` as JSON in, `T` out.
    pub async fn typed<B: Serialize, T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ClientError> {
        let value = match body {
            Some(b) => {
                Some(serde_json::to_value(b).map_err(|e| ClientError::Protocol(e.to_string()))?)
            }
            None => None,
        };
        let answer = self.call(method, path, value.as_ref()).await?;
        serde_json::from_value(answer).map_err(|e| {
            ClientError::Protocol(format!("unexpected answer to {method} {path}: {e}"))
        })
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        self.typed::<(), T>("GET", path, None).await
    }

    /// GET with `query`'s fields as parameters (unset ones left out).
    async fn get_with<Q: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<T, ClientError> {
        let q = serde_urlencoded::to_string(query)
            .map_err(|e| ClientError::Protocol(format!("query of {path}: {e}")))?;
        if q.is_empty() {
            self.get(path).await
        } else {
            self.get(&format!("{path}?{q}")).await
        }
    }

    /// `GET /v1/whoami`.
    pub async fn whoami(&self) -> Result<WhoAmI, ClientError> {
        self.get(Route::WhoAmI.path()).await
    }

    /// `GET /v1/status`.
    pub async fn status(&self) -> Result<Status, ClientError> {
        self.get(Route::Status.path()).await
    }

    /// `GET /v1/directory`.
    pub async fn directory(&self) -> Result<DirectoryView, ClientError> {
        self.get(Route::Directory.path()).await
    }

    /// `GET /v1/inbox`: one page.
    pub async fn inbox(&self, q: &InboxQuery) -> Result<Page<Summary>, ClientError> {
        self.get_with(Route::Inbox.path(), q).await
    }

    /// `POST /v1/messages`.
    pub async fn send(&self, req: &SendRequest) -> Result<Sent, ClientError> {
        self.typed("POST", Route::Send.path(), Some(req)).await
    }

    /// `GET /v1/messages/{id}`: opened, and audited as viewed. `sender` names which message
    /// is meant when more than one agency used the id.
    pub async fn show(&self, id: &str, sender: Option<&str>) -> Result<MessageView, ClientError> {
        let q = jaring_api::messages::ShowQuery {
            sender: sender.map(str::to_owned),
        };
        self.get_with(&format!("/v1/messages/{}", encode(id)), &q)
            .await
    }

    /// `POST /v1/referrals/{id}/status`.
    pub async fn referral_status(
        &self,
        id: &str,
        update: &StatusUpdate,
    ) -> Result<Sent, ClientError> {
        self.typed(
            "POST",
            &format!("/v1/referrals/{}/status", encode(id)),
            Some(update),
        )
        .await
    }

    /// `GET /v1/quarantine`: one page.
    pub async fn quarantine(&self, q: &PageQuery) -> Result<Page<QuarantineItem>, ClientError> {
        self.get_with(Route::Quarantine.path(), q).await
    }

    /// `GET /v1/audit/entries`: one page.
    pub async fn audit_entries(
        &self,
        q: &AuditEntriesQuery,
    ) -> Result<Page<AuditRecord>, ClientError> {
        self.get_with(Route::AuditEntries.path(), q).await
    }

    /// `GET /v1/audit/prove`.
    pub async fn audit_prove(&self, seq: u64) -> Result<Proof, ClientError> {
        self.get(&format!("{}?seq={seq}", Route::AuditProve.path()))
            .await
    }

    /// `GET /v1/audit/verify`.
    pub async fn audit_verify(&self) -> Result<Verification, ClientError> {
        self.get(Route::AuditVerify.path()).await
    }

    /// `GET /v1/audit/checkpoint`.
    pub async fn audit_checkpoint(&self) -> Result<CheckpointNote, ClientError> {
        self.get(Route::AuditCheckpoint.path()).await
    }

    /// `GET /v1/users`: one page.
    pub async fn users(&self, q: &PageQuery) -> Result<Page<User>, ClientError> {
        self.get_with(Route::Users.path(), q).await
    }

    /// `POST /v1/users`.
    pub async fn user_add(&self, new: &NewUser) -> Result<User, ClientError> {
        self.typed("POST", Route::UserAdd.path(), Some(new)).await
    }

    /// `DELETE /v1/users/{name}`.
    pub async fn user_remove(&self, name: &str) -> Result<User, ClientError> {
        self.typed::<(), User>("DELETE", &format!("/v1/users/{}", encode(name)), None)
            .await
    }

    /// `PUT /v1/users/{name}/roles`.
    pub async fn user_roles(&self, name: &str, roles: &RolesUpdate) -> Result<User, ClientError> {
        self.typed(
            "PUT",
            &format!("/v1/users/{}/roles", encode(name)),
            Some(roles),
        )
        .await
    }

    /// `PUT /v1/users/{name}/password`.
    pub async fn user_password(
        &self,
        name: &str,
        req: &jaring_api::users::PasswordSet,
    ) -> Result<jaring_api::users::PasswordSetAnswer, ClientError> {
        self.typed(
            "PUT",
            &format!("/v1/users/{}/password", encode(name)),
            Some(req),
        )
        .await
    }

    /// `GET /v1/correlate/search`.
    pub async fn correlate_search(
        &self,
        q: &str,
    ) -> Result<jaring_api::correlation::SearchAnswer, ClientError> {
        let q = jaring_api::correlation::SearchQuery { q: q.to_owned() };
        self.get_with(Route::CorrelateSearch.path(), &q).await
    }

    /// `GET /v1/stix/export`.
    pub async fn stix_export(
        &self,
        q: &jaring_api::stix::ExportQuery,
    ) -> Result<jaring_api::stix::Export, ClientError> {
        self.get_with(Route::StixExport.path(), q).await
    }

    /// `POST /v1/correlate/rebuild`.
    pub async fn correlate_rebuild(&self) -> Result<jaring_api::correlation::Rebuilt, ClientError> {
        self.typed::<(), _>("POST", Route::CorrelateRebuild.path(), None)
            .await
    }

    /// `GET /v1/compounds/trail`.
    pub async fn trail(&self, q: &str) -> Result<jaring_api::correlation::Trail, ClientError> {
        let q = jaring_api::correlation::TrailQuery { q: q.to_owned() };
        self.get_with(Route::CompoundTrail.path(), &q).await
    }

    /// `POST /v1/compounds/trail/decisions`.
    pub async fn trail_decision(
        &self,
        d: &jaring_api::correlation::Decision,
    ) -> Result<jaring_api::correlation::DecisionAnswer, ClientError> {
        self.typed("POST", Route::TrailDecision.path(), Some(d))
            .await
    }

    /// `GET /v1/follow`: calls `each` for every message stored from now on, until the
    /// daemon closes the stream.
    pub async fn follow(
        &self,
        kind: Option<jaring_core::Kind>,
        mut each: impl FnMut(FollowEvent),
    ) -> Result<(), ClientError> {
        let path = match kind {
            Some(k) => format!("{}?kind={}", Route::Follow.path(), k.as_str()),
            None => Route::Follow.path().to_owned(),
        };
        self.stream(&path, |v| {
            if let Ok(e) = serde_json::from_value(v) {
                each(e)
            }
        })
        .await
    }

    /// Streams newline-delimited JSON from `path`, calling `each` per value, until the daemon
    /// closes the stream.
    pub async fn stream(&self, path: &str, mut each: impl FnMut(Value)) -> Result<(), ClientError> {
        // A stream holds its connection until the daemon ends it.
        let (response, _connection) = self.request("GET", path, None).await?;
        if !response.status().is_success() {
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .map_err(|e| ClientError::Protocol(e.to_string()))?
                .to_bytes();
            return Err(ClientError::Refused(
                serde_json::from_slice(&bytes).unwrap_or_else(|_| {
                    jaring_api::ApiError::internal(format!("the daemon answered {status}"))
                }),
            ));
        }
        let mut body = response.into_body();
        let mut buf = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|e| ClientError::Protocol(e.to_string()))?;
            if let Some(data) = frame.data_ref() {
                buf.extend_from_slice(data);
                while let Some(pos) = buf.iter().position(|b| *b == b'\n') {
                    let line: Vec<u8> = buf.drain(..=pos).collect();
                    if let Ok(v) = serde_json::from_slice(&line) {
                        each(v);
                    }
                }
            }
        }
        Ok(())
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
