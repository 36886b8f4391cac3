//! The console with a real history: `n` messages (one in ten a victim referral) in a node's
//! store, then each page rendered by the node, in process (no socket: what is measured is the
//! node's work, from request to the last byte of the page), as a user holding every role.
//! Prints p50 and p99 per page, and how much the console added to the process's resident
//! memory.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use axum::body::Body;
use http_body_util::BodyExt;
use jaring_console::{Console, ConsoleConfig, SessionRecord};
use jaring_node::console::NodeConsole;
use jaring_node::Node;
use serde_json::{json, Map, Value};
use tokio::sync::watch;
use tower::ServiceExt;

use crate::scenarios::{backlog, bench_user, one_receiver, percentile, rss_mib_of, OneReceiver};

/// Renders every page `requests` times over a store of `n` messages.
pub async fn console(url: &str, n: usize, requests: usize) -> Result<Map<String, Value>> {
    let OneReceiver {
        _tmp,
        config,
        directory,
        th,
        me,
        js,
    } = one_receiver(url).await?;
    jaring_node::nats::ensure_consumers(&js, &config).await?;
    let user = bench_user(&config)?;
    backlog(&js, &th, &directory, &me, n, 10).await?;
    let (stop, rx) = watch::channel(false);
    let node = Node::start(config, rx).await?;
    let mut events = node.events.subscribe();
    let task = tokio::spawn(node.clone().run());
    let mut stored = 0usize;
    let mut last_id = None;
    let deadline = Instant::now() + Duration::from_secs(3600);
    while stored < n && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(30), events.recv()).await {
            Ok(Ok(e)) => {
                stored += 1;
                last_id = Some(e.id);
            }
            Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(missed))) => {
                stored += missed as usize
            }
            _ => break,
        }
    }
    let id = last_id.ok_or_else(|| anyhow!("nothing was stored"))?;

    // The bench user holds every role, so its sessions need a second factor enrolled (a
    // session without one, for a role that requires it, ends at its first request).
    let secret = jaring_console::totp::new_secret().map_err(|e| anyhow!(e))?;
    let phc =
        jaring_console::password::hash("bench password, not secret").map_err(|e| anyhow!(e))?;
    node.store
        .set_password(&user.name, &phc, Some(secret.as_str()), "jaring-bench")?;

    // The store's page cache (bounded by its own setting, shared by the CLI and everything
    // else) is warmed through the typed API first, so that what is measured below is what the
    // console itself adds: its templates, languages, router and sessions.
    {
        use jaring_console::Backend;
        let api = NodeConsole(node.clone());
        for _ in 0..3 {
            let referrals = jaring_api::messages::InboxQuery {
                kind: Some(jaring_core::Kind::VictimReferral),
                ..Default::default()
            };
            let _ = api.inbox(&user, Default::default()).await;
            let _ = api.inbox(&user, referrals).await;
            let _ = api.show(&user, &id, Some("TH-RTP")).await;
            let _ = api.tracking(&user, &id, Some("TH-RTP")).await;
            let _ = api.status(&user).await;
            let _ = api.audit_entries(&user, Default::default()).await;
        }
    }
    let rss_before = rss_mib_of(std::process::id());
    let console = Arc::new(Console::new(
        NodeConsole(node.clone()),
        ConsoleConfig::default(),
    ));
    let (token, token_hash) = jaring_console::session::new_token().map_err(|e| anyhow!(e))?;
    let now = jaring_console::session::now_ms();
    node.store.open_session(&SessionRecord {
        token_hash,
        user: user.name.clone(),
        created_at: now,
        seen_at: now,
        address: "127.0.0.1".into(),
        agent: "jaring-bench".into(),
    })?;
    let cookie = format!("{}={token}", console.cookie_name());
    let app = jaring_console::router(console);
    let pages: Vec<(&str, &str, String, &str)> = vec![
        ("inbox", "GET", "/inbox".into(), ""),
        (
            "inbox_referrals",
            "GET",
            "/inbox?kind=victim-referral".into(),
            "",
        ),
        ("inbox_live_rows", "GET", "/inbox/rows".into(), ""),
        (
            "message_gate",
            "GET",
            format!("/messages/{id}?sender=TH-RTP"),
            "",
        ),
        (
            "message_open",
            "POST",
            format!("/messages/{id}/open"),
            "sender=TH-RTP",
        ),
        ("new_alert", "GET", "/new/alert".into(), ""),
        ("sent", "GET", "/sent".into(), ""),
        ("status", "GET", "/status".into(), ""),
        ("audit", "GET", "/audit".into(), ""),
        (
            "audit_who_opened",
            "GET",
            format!("/audit?message={id}&event=viewed"),
            "",
        ),
        ("account", "GET", "/account".into(), ""),
    ];
    let mut f = Map::new();
    let mut worst = 0f64;
    let mut stages = vec![("before", rss_before)];
    for (name, method, path, body) in &pages {
        stages.push((name, rss_mib_of(std::process::id())));
        let mut samples = Vec::with_capacity(requests);
        for i in 0..(requests + 10) {
            let req = axum::http::Request::builder()
                .method(*method)
                .uri(path.as_str())
                .header("cookie", &cookie)
                .header("sec-fetch-site", "same-origin")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(body.to_string()))?;
            let t = Instant::now();
            let res = app.clone().oneshot(req).await?;
            let status = res.status();
            let bytes = res.into_body().collect().await?.to_bytes();
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if !status.is_success() {
                return Err(anyhow!(
                    "{name}: {status}: {}",
                    String::from_utf8_lossy(&bytes)
                ));
            }
            if i >= 10 {
                samples.push(ms);
            }
        }
        samples.sort_by(f64::total_cmp);
        let p99 = percentile(&samples, 0.99);
        worst = worst.max(p99);
        f.insert(
            format!("console_{name}_p50_ms"),
            json!(percentile(&samples, 0.5)),
        );
        f.insert(format!("console_{name}_p99_ms"), json!(p99));
    }
    let rss_after = rss_mib_of(std::process::id());
    eprintln!("console RSS by stage (MiB): {stages:?}, after {rss_after:.1}");
    f.insert("console_messages_stored".into(), json!(stored));
    f.insert("console_page_p99_worst_ms".into(), json!(worst));
    f.insert(
        "console_rss_added_mib".into(),
        json!(rss_after - rss_before),
    );
    let _ = stop.send(true);
    let _ = task.await;
    Ok(f)
}
