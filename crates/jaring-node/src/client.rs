//! A client for the local API over its Unix socket, used by the `jaring` CLI.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::UnixStream;

/// A failed call to the daemon.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The daemon is not reachable.
    #[error("cannot reach jaringd at {0}: {1} (is the daemon running? start it with `jaringd --config FILE`)")]
    Unreachable(PathBuf, std::io::Error),
    /// The daemon answered with an error.
    #[error("{0}")]
    Refused(String),
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
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|e| ClientError::Protocol(format!("not JSON: {e}")))?;
        if status.is_success() {
            Ok(value)
        } else {
            Err(ClientError::Refused(
                value["error"]
                    .as_str()
                    .unwrap_or("the daemon refused")
                    .to_owned(),
            ))
        }
    }

    /// Streams newline-delimited JSON from `path`, calling `each` per value, until the daemon
    /// closes the stream.
    pub async fn stream(&self, path: &str, mut each: impl FnMut(Value)) -> Result<(), ClientError> {
        // A stream holds its connection until the daemon ends it.
        let (response, _connection) = self.request("GET", path, None).await?;
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
