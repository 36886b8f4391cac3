//! The console's listener: plain HTTP/1.1 on loopback, or HTTPS through rustls when a
//! certificate is configured (`ConsoleConfig::check` refuses anything else). Each connection
//! carries its client's address to the pages (the login throttle counts per address), as a
//! [`ClientAddr`] and as a bare `SocketAddr` (for routers that do not know this crate). The
//! node's TAXII feed is served by the same loop ([`serve_router`]).

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::Extension;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::backend::Backend;
use crate::Console;

/// The client's address, as the listener saw it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub SocketAddr);

/// Connections served at once; more wait in the kernel's backlog.
const MAX_CONNECTIONS: usize = 256;

/// Binds the console's address (checked first), for [`serve`]. Separate so that a daemon
/// fails at start, with the reason, when the address is taken or not allowed.
pub async fn bind(config: &crate::ConsoleConfig) -> anyhow::Result<TcpListener> {
    config.check().map_err(anyhow::Error::msg)?;
    TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("console: cannot listen on {}", config.listen))
}

/// The TLS acceptor for a certificate chain and its key (a secret file: refused unless its
/// mode is 0600), or none when neither is set. `what` names the listener in errors
/// (`console`, `taxii`); the TAXII feed's listener uses it too.
pub fn tls_acceptor(
    what: &str,
    cert: Option<&std::path::Path>,
    key: Option<&std::path::Path>,
) -> anyhow::Result<Option<tokio_rustls::TlsAcceptor>> {
    let (Some(cert), Some(key)) = (cert, key) else {
        return Ok(None);
    };
    jaring_core::keys::check_private(key).with_context(|| {
        format!(
            "{what}: the TLS key {} must be readable by its owner only (chmod 600)",
            key.display()
        )
    })?;
    let certs = rustls_pemfile::certs(&mut std::io::BufReader::new(
        std::fs::File::open(cert)
            .with_context(|| format!("{what}: cannot read {}", cert.display()))?,
    ))
    .collect::<Result<Vec<_>, _>>()
    .with_context(|| format!("{what}: {} is not a PEM certificate chain", cert.display()))?;
    let key_der = rustls_pemfile::private_key(&mut std::io::BufReader::new(
        std::fs::File::open(key)
            .with_context(|| format!("{what}: cannot read {}", key.display()))?,
    ))
    .with_context(|| format!("{what}: {} is not a PEM private key", key.display()))?
    .with_context(|| format!("{what}: no private key in {}", key.display()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .with_context(|| format!("{what}: TLS versions"))?
        .with_no_client_auth()
        .with_single_cert(certs, key_der)
        .with_context(|| format!("{what}: the certificate and key do not go together"))?;
    let mut tls = tls;
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(tokio_rustls::TlsAcceptor::from(Arc::new(tls))))
}

/// Serves the console on `listener` until shutdown.
pub async fn serve<B: Backend>(
    console: Arc<Console<B>>,
    listener: TcpListener,
    shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let tls = tls_acceptor(
        "console",
        console.config.tls_cert.as_deref(),
        console.config.tls_key.as_deref(),
    )?;
    serve_router(crate::router(console), tls, listener, shutdown, "console").await
}

/// Serves `app` on `listener` until shutdown, over TLS when `tls` is set: at most
/// [`MAX_CONNECTIONS`] connections at once, each told its client's address ([`ClientAddr`]);
/// `what` names the listener in logs.
pub async fn serve_router(
    app: axum::Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    listener: TcpListener,
    mut shutdown: watch::Receiver<bool>,
    what: &'static str,
) -> anyhow::Result<()> {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stop = async move {
        let _ = shutdown.wait_for(|s| *s).await;
    };
    tokio::pin!(stop);
    loop {
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    tracing::warn!(error = %e, listener = what, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => return Ok(()),
        };
        let Ok(permit) = slots.clone().acquire_owned().await else {
            return Ok(());
        };
        let app = app
            .clone()
            .layer(Extension(ClientAddr(addr)))
            .layer(Extension(addr));
        let tls = tls.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let service = TowerToHyperService::new(app);
            let mut builder = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
            // A client that sends no request headers for 30 s (an idle keep-alive connection
            // included) is dropped: idle sockets cannot hold every slot.
            builder
                .http1()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(std::time::Duration::from_secs(30));
            let served = match tls {
                Some(acceptor) => {
                    let handshake = tokio::time::timeout(
                        std::time::Duration::from_secs(10),
                        acceptor.accept(stream),
                    )
                    .await;
                    match handshake {
                        Ok(Ok(s)) => builder.serve_connection(TokioIo::new(s), service).await,
                        _ => return,
                    }
                }
                None => {
                    builder
                        .serve_connection(TokioIo::new(stream), service)
                        .await
                }
            };
            if let Err(e) = served {
                tracing::debug!(error = %e, listener = what, "connection ended with an error");
            }
        });
    }
}
