//! A three-node hub cluster on loopback with R3 streams: one server killed with SIGKILL while
//! 5,000 messages are sent; every message is stored exactly once by its recipient, the sender
//! has a receipt for each, and the killed server rejoins.

mod common;
mod hubkit;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream;
use hubkit::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_stream_loses_nothing_and_rejoins() {
    let tmp = tempfile::tempdir().unwrap();
    let mut hub = Hub::start(tmp.path(), 3).await;
    let th = Arc::new(InProcess::start(hub.node_config("TH-RTP", |_| {})).await);
    let id = InProcess::start(hub.node_config("ID-KEMLU-PNH", |_| {})).await;

    let total = 5000;
    let mut senders = tokio::task::JoinSet::new();
    for worker in 0..8 {
        let th = th.clone();
        senders.spawn(async move {
            let mut ids = Vec::new();
            for _ in (worker..total).step_by(8) {
                let r = th.call("POST", "/v1/messages", Some(json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"], "body": alert_body()}))).await;
                ids.push(r["id"].as_str().unwrap().to_owned());
            }
            ids
        });
    }
    let received = |n: &InProcess| {
        let store = n.node.store.clone();
        async move { store.counts().unwrap().received }
    };
    assert!(
        wait_until(Duration::from_secs(120), || async {
            received(&id).await >= 1000
        })
        .await,
        "nothing flowed"
    );
    hub.servers[1].kill();
    let mut ids = Vec::new();
    while let Some(r) = senders.join_next().await {
        ids.extend(r.unwrap());
    }
    assert_eq!(ids.len(), total);

    let all = wait_until(Duration::from_secs(180), || async {
        received(&id).await >= total as i64
    })
    .await;
    assert!(all, "received {} of {total}", received(&id).await);
    let mut inbox = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let q = jaring_api::messages::InboxQuery {
            limit: Some(1000),
            cursor: cursor.take(),
            ..Default::default()
        };
        let page = id.client.inbox(&q).await.unwrap();
        inbox.extend(
            page.items
                .into_iter()
                .map(|m| serde_json::json!({"id": m.id})),
        );
        match page.next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    let got: Vec<&str> = inbox.iter().map(|m| m["id"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = got.iter().copied().collect();
    assert_eq!(got.len(), unique.len(), "stored twice");
    assert_eq!(
        unique,
        ids.iter().map(String::as_str).collect::<HashSet<_>>()
    );
    let delivered = wait_until(Duration::from_secs(120), || async {
        let c = th.node.store.counts().unwrap();
        c.deliveries_pending == 0 && c.deliveries_failed == 0
    })
    .await;
    assert!(delivered, "{:?}", th.node.store.counts().unwrap());

    // The killed server rejoins and catches up: every replica of the streams is current again.
    hub.servers[1].restart().unwrap();
    let admin =
        jaring_hub::provision::connect_with_profile(&hub.profile(jaring_hub::server_config::ADMIN))
            .await
            .unwrap();
    let js = jetstream::new(admin);
    let rejoined = wait_until(Duration::from_secs(60), || async {
        let mut stream = js.get_stream("RSO_ALERTS").await.unwrap();
        let info = stream.info().await.unwrap();
        let cluster = info.cluster.clone().unwrap();
        cluster.replicas.len() == 2
            && cluster.replicas.iter().all(|r| r.current)
            && info.state.messages >= total as u64
    })
    .await;
    assert!(
        rejoined,
        "{:?}",
        js.get_stream("RSO_ALERTS")
            .await
            .unwrap()
            .info()
            .await
            .unwrap()
            .cluster
    );
    let th = Arc::try_unwrap(th).ok().unwrap();
    th.shutdown().await;
    id.shutdown().await;
}
