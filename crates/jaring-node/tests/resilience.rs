//! Delivery under failure: a receiver killed mid-stream, a receiver that was offline, a broker
//! that lost acknowledged messages, and a broker restarted mid-stream. In every case each
//! message is stored exactly once and the sender ends with a `delivered` receipt for it.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use common::*;
use jaring_testkit::NatsServer;
use serde_json::json;

const FAST: &str = "[streams]\nack_wait = \"2s\"\nduplicate_window = \"1s\"\n[delivery]\nresend_after = \"3s\"\nbackoff = 1.5\nmax_attempts = 20\n";

/// Posts `n` alerts from `from` to `to` with `parallel` concurrent callers; returns their ids.
async fn post_many(from: Arc<Daemon>, to: &'static str, n: usize, parallel: usize) -> Vec<String> {
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..parallel {
        let from = from.clone();
        tasks.spawn(async move {
            let mut ids = Vec::new();
            for _ in (worker..n).step_by(parallel) {
                ids.push(from.post_alert(&[to]).await);
            }
            ids
        });
    }
    let mut ids = Vec::new();
    while let Some(r) = tasks.join_next().await {
        ids.extend(r.unwrap());
    }
    ids
}

async fn all_delivered(sender: &Daemon, n: i64) -> bool {
    let s = sender.status().await;
    count(&s, "sent") == n
        && count(&s, "deliveries_pending") == 0
        && count(&s, "deliveries_failed") == 0
}

fn assert_exactly(inbox: &[serde_json::Value], ids: &[String]) {
    let got: Vec<&str> = inbox.iter().map(|m| m["id"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = got.iter().copied().collect();
    assert_eq!(got.len(), unique.len(), "a message was stored twice");
    let expected: HashSet<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(unique, expected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiver_killed_mid_stream_of_5000_loses_and_doubles_nothing() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Arc::new(Daemon::start(&net, "TH-RTP", &nats.url(), FAST).await);
    let mut id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), FAST).await;

    let sending = tokio::spawn(post_many(th.clone(), "ID-KEMLU-PNH", 5000, 8));
    let reached = wait_until(Duration::from_secs(120), || async {
        count(&id.status().await, "received") >= 1000
    })
    .await;
    assert!(reached, "the receiver never got going");
    id.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    id.restart().await;
    let ids = sending.await.unwrap();
    assert_eq!(ids.len(), 5000);

    let done = wait_until(Duration::from_secs(180), || async {
        count(&id.status().await, "received") >= 5000
    })
    .await;
    assert!(
        done,
        "receiver has {}",
        count(&id.status().await, "received")
    );
    assert!(
        wait_until(Duration::from_secs(120), || all_delivered(&th, 5000)).await,
        "{}",
        th.status().await
    );
    assert_exactly(&id.inbox().await, &ids);
    assert_eq!(
        count(&id.status().await, "quarantined"),
        0,
        "redeliveries are recognised, not quarantined"
    );
    // The audit log has one `received` entry per message, even across the crash.
    let received: HashSet<String> = id
        .audit_lines()
        .await
        .iter()
        .filter(|e| e["event"] == "received")
        .map(|e| e["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(received.len(), 5000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offline_node_catches_up() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Arc::new(Daemon::start(&net, "TH-RTP", &nats.url(), FAST).await);
    let mut ph = Daemon::start(&net, "PH-DFA", &nats.url(), FAST).await;
    ph.terminate();
    let ids = post_many(th.clone(), "PH-DFA", 200, 4).await;
    ph.restart().await;
    assert!(
        wait_until(Duration::from_secs(60), || async {
            ph.inbox().await.len() == 200
        })
        .await
    );
    assert_exactly(&ph.inbox().await, &ids);
    assert!(
        wait_until(Duration::from_secs(60), || all_delivered(&th, 200)).await,
        "{}",
        th.status().await
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_the_broker_lost_are_republished_and_arrive_once() {
    use async_nats::jetstream;
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Arc::new(Daemon::start(&net, "TH-RTP", &nats.url(), FAST).await);
    let mut ph = Daemon::start(&net, "PH-DFA", &nats.url(), FAST).await;
    ph.terminate();
    let ids = post_many(th.clone(), "PH-DFA", 40, 4).await;

    // Stand-in for a broker that lost acknowledged writes: delete every other one.
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let stream = js.get_stream("RSO_ALERTS").await.unwrap();
    let mut deleted = 0;
    for seq in (1..=40u64).step_by(2) {
        if stream.delete_message(seq).await.unwrap() {
            deleted += 1;
        }
    }
    assert_eq!(deleted, 20);

    ph.restart().await;
    assert!(
        wait_until(Duration::from_secs(90), || async {
            ph.inbox().await.len() == 40
        })
        .await,
        "got {}",
        ph.inbox().await.len()
    );
    assert_exactly(&ph.inbox().await, &ids);
    assert!(
        wait_until(Duration::from_secs(60), || all_delivered(&th, 40)).await,
        "{}",
        th.status().await
    );
    // At least the lost ones went out more than once.
    let mut more_than_once = 0;
    for id in &ids {
        let d = th.call("GET", &format!("/v1/messages/{id}"), None).await;
        if d["deliveries"][0]["attempts"].as_i64().unwrap() > 1 {
            more_than_once += 1;
        }
    }
    assert!(more_than_once >= 20, "only {more_than_once} republished");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broker_restart_mid_stream_loses_nothing() {
    let mut nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Arc::new(Daemon::start(&net, "TH-RTP", &nats.url(), FAST).await);
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), FAST).await;

    let sending = tokio::spawn(post_many(th.clone(), "ID-KEMLU-PNH", 600, 4));
    assert!(
        wait_until(Duration::from_secs(60), || async {
            count(&id.status().await, "received") >= 150
        })
        .await
    );
    nats.kill();
    tokio::time::sleep(Duration::from_millis(500)).await;
    nats.restart().unwrap();
    let ids = sending.await.unwrap();
    assert_eq!(
        ids.len(),
        600,
        "every post was accepted (stored, then published or queued)"
    );
    assert!(
        wait_until(Duration::from_secs(120), || async {
            count(&id.status().await, "received") >= 600
        })
        .await,
        "{}",
        id.status().await
    );
    assert_exactly(&id.inbox().await, &ids);
    assert!(
        wait_until(Duration::from_secs(120), || all_delivered(&th, 600)).await,
        "{}",
        th.status().await
    );
}

/// A small tmpfs mounted on `dir` for the test's life (root only: CI runs as root).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &std::path::Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(dir.to_owned()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_loses_nothing_and_receiving_resumes_by_itself() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let data = net.dir.join("nodes").join("ID-KEMLU-PNH");
    let Some(_disk) = SmallDisk::mount(&data, "24m") else {
        eprintln!("skipped: mounting a tmpfs needs root (CI runs as root)");
        return;
    };
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let mut id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let first = th.post_alert(&["ID-KEMLU-PNH"]).await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == 1
        })
        .await
    );

    // Fill the disk to the last byte.
    let filler = data.join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 64 * 1024];
        for _ in 0..10_000 {
            if f.write_all(&chunk).is_err() {
                break;
            }
        }
        let small = [0u8; 512];
        for _ in 0..1_000 {
            if f.write_all(&small).is_err() {
                break;
            }
        }
        let _ = f.sync_all();
    }
    let mut sent = vec![first];
    for _ in 0..20 {
        sent.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
    }
    let stuck = wait_until(Duration::from_secs(20), || async {
        id.status().await["store"] != "ok"
    })
    .await;
    assert!(
        stuck,
        "the node did not say it cannot commit: {}",
        id.status().await
    );
    let held = id.inbox().await.len();
    assert!(held < sent.len(), "everything was stored on a full disk?");

    // Space comes back: everything arrives, exactly once, without a restart.
    std::fs::remove_file(&filler).unwrap();
    let all = wait_until(Duration::from_secs(30), || async {
        id.inbox().await.len() == sent.len()
    })
    .await;
    assert!(
        all,
        "{} of {} after space came back",
        id.inbox().await.len(),
        sent.len()
    );
    let ids: std::collections::HashSet<String> = id
        .inbox()
        .await
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), sent.len(), "stored twice");
    assert!(sent.iter().all(|s| ids.contains(s)));
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.status().await["store"] == "ok"
        })
        .await
    );
    id.kill();
}

/// Sent in the background (issue 17): the answer comes once the message is stored, without
/// the hub (more posts than may publish at once, none kept waiting); with the hub away, the
/// messages wait in the sender's store and arrive, once each,
/// when it is back, each confirmed by its receipt. Asked to wait (the default), a post tells
/// whether the hub acknowledged it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_sent_in_the_background_arrive_once_the_hub_is_back() {
    let mut nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), FAST).await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), FAST).await;
    let post = |background: bool| {
        json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"],
               "body": alert_body(), "background": background})
    };
    let waited = th.call("POST", "/v1/messages", Some(post(false))).await;
    assert_eq!(waited["background"], false);
    assert_eq!(waited["published"][0]["acknowledged"], true, "{waited}");
    assert!(
        wait_until(Duration::from_secs(30), || async {
            count(&id.status().await, "received") == 1
        })
        .await
    );
    nats.kill();
    let mut ids = vec![waited["id"].as_str().unwrap().to_owned()];
    // More than the 64 that may publish at once: with no hub none of them holds a place.
    for _ in 0..100 {
        let started = std::time::Instant::now();
        let sent = th.call("POST", "/v1/messages", Some(post(true))).await;
        // No hub to wait for: a publish without one would wait out its 10 s timeout.
        assert!(started.elapsed() < Duration::from_secs(5), "{sent}");
        assert_eq!(sent["background"], true, "{sent}");
        assert_eq!(sent["published"], json!([]), "{sent}");
        ids.push(sent["id"].as_str().unwrap().to_owned());
    }
    assert_eq!(count(&id.status().await, "received"), 1);
    tokio::time::sleep(Duration::from_millis(500)).await;
    nats.restart().unwrap();
    assert!(
        wait_until(Duration::from_secs(120), || async {
            count(&id.status().await, "received") >= 101
        })
        .await,
        "{}",
        id.status().await
    );
    assert_exactly(&id.inbox().await, &ids);
    assert!(
        wait_until(Duration::from_secs(120), || all_delivered(&th, 101)).await,
        "{}",
        th.status().await
    );
}
