//! The TAXII feed beside the OASIS reference server, in one run on one machine: a node
//! receives ALERTS real sealed alerts (about ten STIX objects each), its feed is read page by
//! page with `taxii2-client`, and the same objects, loaded into medallion 3.0.0 (memory
//! backend) as plain STIX, are read the same way (tests/taxii/read_bench.py does both reads,
//! so the client's own cost is the same on both sides). Figures: `taxii_read_objs_per_s`,
//! `medallion_read_objs_per_s`, their ratio `ratio_taxii_medallion`, and `taxii_objects`.
//!
//! The Python tools come from the repository's `.venv` (deploy/setup.sh --for-tests).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use jaring_api::users::NewUser;
use jaring_api::{Role, Roles};
use jaring_node::config::TaxiiConfig;
use jaring_node::store::Store;
use jaring_node::Node;
use serde_json::{Map, Value};
use tokio::sync::watch;

use crate::scenarios::{backlog, count_stored, one_receiver, OneReceiver};

const FEED_USER: &str = "bench-feed";
const FEED_PASSWORD: &str = "bench-feed-password-0";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the comparison: `alerts` alerts into a node's feed, `rounds` reads of each server.
pub async fn taxii(url: &str, alerts: usize, rounds: usize) -> Result<Map<String, Value>> {
    let python = repo().join(".venv/bin/python");
    if !python.is_file() {
        bail!(
            "{} is missing: run deploy/setup.sh --for-tests (taxii2-client and medallion)",
            python.display()
        );
    }
    let OneReceiver {
        _tmp,
        mut config,
        directory,
        th,
        me,
        js,
    } = one_receiver(url).await?;
    let port = jaring_testkit::free_port().map_err(|e| anyhow!(e))?;
    let feed = TaxiiConfig {
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        ..TaxiiConfig::default()
    };
    config.taxii = Some(feed.clone());
    jaring_node::nats::ensure_consumers(&js, &config).await?;
    backlog(&js, &th, &directory, &me, alerts, 0).await?;
    {
        // The feed's account, as `jaring user add --role feed` and `jaring user passwd` make it.
        std::fs::create_dir_all(&config.data_dir)?;
        let store = Store::open(&config.data_dir.join("jaring.db"), me.clone())?;
        store.add_user(
            &NewUser {
                name: FEED_USER.into(),
                unix: "bench-feed".into(),
                roles: Roles::new(vec![Role::Feed]),
            },
            "benchmark",
        )?;
        let phc = jaring_console::password::hash(FEED_PASSWORD).map_err(|e| anyhow!(e))?;
        store.set_password(FEED_USER, &phc, None, "benchmark")?;
    }
    let (stop, rx) = watch::channel(false);
    let node = Node::start(config, rx.clone()).await?;
    let mut events = node.events.subscribe();
    let task = tokio::spawn(node.clone().run());
    let stored = count_stored(&mut events, alerts, Duration::from_secs(600)).await;
    if stored < alerts {
        bail!("the node stored {stored} of {alerts} alerts");
    }
    let listener = jaring_node::feed::bind(&feed).await?;
    let server = tokio::spawn(jaring_node::feed::serve(node.clone(), feed, listener, rx));
    let out = tokio::process::Command::new(&python)
        .arg(repo().join("tests/taxii/read_bench.py"))
        .args(["--url", &format!("http://127.0.0.1:{port}/taxii2/")])
        .args(["--user", FEED_USER, "--password", FEED_PASSWORD])
        .args(["--collection", "tlp-amber", "--per-request", "100"])
        .args(["--rounds", &rounds.to_string()])
        .arg("--medallion-bin")
        .arg(repo().join(".venv/bin/medallion"))
        .kill_on_drop(true)
        .output()
        .await
        .context("running tests/taxii/read_bench.py")?;
    let _ = stop.send(true);
    let _ = task.await;
    let _ = server.await;
    if !out.status.success() {
        bail!(
            "read_bench.py failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let figures: Value = serde_json::from_slice(&out.stdout).with_context(|| {
        format!(
            "read_bench.py printed {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })?;
    let mut f = Map::new();
    for (from, to) in [
        ("taxii_read_objs_per_s", "taxii_read_objs_per_s"),
        ("medallion_read_objs_per_s", "medallion_read_objs_per_s"),
        ("ratio_taxii_medallion", "ratio_taxii_medallion"),
        ("objects", "taxii_objects"),
    ] {
        let v = figures
            .get(from)
            .cloned()
            .ok_or_else(|| anyhow!("read_bench.py gave no {from}: {figures}"))?;
        f.insert(to.into(), v);
    }
    Ok(f)
}
