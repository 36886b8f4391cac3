//! Running a node as a daemon: the node's loops and its local API until SIGTERM or SIGINT.

use anyhow::Context;

use crate::{api, Config, Node};

/// Sends the node's logs to standard error, as text or as JSON lines (for log collectors),
/// filtered by `JARING_LOG` (`info` when unset).
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("JARING_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        logs.json().init();
    } else {
        logs.init();
    }
}

/// Runs a node with `config` until SIGTERM or SIGINT (or until the node or its API fails).
pub async fn run(config: Config) -> anyhow::Result<()> {
    // Before the node opens anything there: a second daemon started on the same data used
    // to open the store and the audit log and write its own start into both (under the
    // running daemon's next entry numbers) before it found the socket taken.
    let _data_dir = crate::data_lock::lock(&config.data_dir)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let node = Node::start(config, stop_rx.clone()).await?;
    let socket = node.config.socket_path();
    let mut api = {
        let (node, rx) = (node.clone(), stop_rx.clone());
        tokio::spawn(async move { api::serve(node, &socket, rx).await })
    };
    if let Some(listen) = node.config.metrics.listen {
        let (node, rx) = (node.clone(), stop_rx.clone());
        tokio::spawn(async move {
            if let Err(e) = crate::metrics::serve(node, listen, rx).await {
                tracing::error!(error = %format!("{e:#}"), "metrics listener stopped");
            }
        });
    }
    // The console binds before the node runs, so that a taken or refused address stops the
    // daemon at start with the reason.
    let mut console = match node.config.console.clone() {
        Some(config) => {
            let listener = jaring_console::serve::bind(&config).await?;
            tracing::info!(address = %config.listen, tls = config.tls(), "console listening");
            let console = std::sync::Arc::new(jaring_console::Console::new(
                crate::console::NodeConsole(node.clone()),
                config,
            ));
            let rx = stop_rx.clone();
            Some(tokio::spawn(async move {
                jaring_console::serve::serve(console, listener, rx).await
            }))
        }
        None => None,
    };
    // The TAXII feed, the same way: bound before the node runs.
    let mut feed = match node.config.taxii.clone() {
        Some(config) => {
            let listener = crate::feed::bind(&config).await?;
            tracing::info!(address = %config.listen, tls = config.tls_cert.is_some(), "taxii feed listening");
            let (node, rx) = (node.clone(), stop_rx.clone());
            Some(tokio::spawn(async move {
                crate::feed::serve(node, config, listener, rx).await
            }))
        }
        None => None,
    };
    let feed_done = async {
        match feed.as_mut() {
            Some(f) => f.await,
            None => std::future::pending().await,
        }
    };
    let console_done = async {
        match console.as_mut() {
            Some(c) => c.await,
            None => std::future::pending().await,
        }
    };
    let mut worker = tokio::spawn(node.clone().run());
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("cannot watch SIGTERM")?;
    let early = tokio::select! {
        _ = tokio::signal::ctrl_c() => { tracing::info!("SIGINT: shutting down"); None }
        _ = term.recv() => { tracing::info!("SIGTERM: shutting down"); None }
        r = &mut api => Some(("local API", r)),
        r = &mut worker => Some(("node", r)),
        r = console_done => Some(("console", r)),
        r = feed_done => Some(("TAXII feed", r)),
    };
    let _ = stop_tx.send(true);
    if let Some((what, result)) = early {
        result.with_context(|| format!("{what} task"))??;
        anyhow::bail!("the {what} stopped unexpectedly");
    }
    worker.await.context("node task")??;
    api.await.context("API task")??;
    Ok(())
}
