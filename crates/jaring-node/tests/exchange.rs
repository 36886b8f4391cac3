//! Three agencies on a real nats-server: an alert reaches exactly its two recipients; a
//! referral reaches the consulate, is accepted, and the sender sees the status and receipts.

mod common;

use std::time::Duration;

use common::*;
use jaring_testkit::NatsServer;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alert_to_two_and_a_referral_accepted() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let ph = Daemon::start(&net, "PH-DFA", &nats.url(), "").await;

    // An alert to TH-RTP's choice of two... here ID and PH get it; a second alert only to ID.
    let alert = th.post_alert(&["ID-KEMLU-PNH", "PH-DFA"]).await;
    let only_id = th.post_alert(&["ID-KEMLU-PNH"]).await;
    for (d, expected) in [(&id, vec![&only_id, &alert]), (&ph, vec![&alert])] {
        let ok = wait_until(Duration::from_secs(10), || async {
            d.inbox().await.len() == expected.len()
        })
        .await;
        assert!(ok, "{} got {:?}", d.id, d.inbox().await);
        let ids: Vec<String> = d
            .inbox()
            .await
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            expected,
            "{}: newest first",
            d.id
        );
    }
    let shown = ph.call("GET", &format!("/v1/messages/{alert}"), None).await;
    assert_eq!(shown["body"], alert_body());
    assert_eq!(shown["header"]["sender"], "TH-RTP");
    // PH-DFA never saw the second alert, not even in quarantine.
    assert!(ph
        .try_call("GET", &format!("/v1/messages/{only_id}"), None)
        .await
        .unwrap_err()
        .contains("no message"));
    assert_eq!(count(&ph.status().await, "quarantined"), 0);
    // The sender has a delivered receipt from each recipient.
    let ok = wait_until(Duration::from_secs(10), || async {
        let d = th.call("GET", &format!("/v1/messages/{alert}"), None).await["deliveries"].clone();
        d.as_array()
            .unwrap()
            .iter()
            .all(|x| x["state"] == "delivered")
            && d.as_array().unwrap().len() == 2
    })
    .await;
    assert!(
        ok,
        "{}",
        th.call("GET", &format!("/v1/messages/{alert}"), None).await
    );

    // Personal data goes to named agencies only: never to every agency or to a role.
    for audience in [json!({"to_all": true}), json!({"to_role": "consular"})] {
        let mut req = json!({"kind": "victim-referral", "body": referral_body()});
        req.as_object_mut()
            .unwrap()
            .extend(audience.as_object().unwrap().clone());
        let err = th
            .try_call("POST", "/v1/messages", Some(req))
            .await
            .unwrap_err();
        assert!(err.contains("named agencies only"), "{err}");
    }

    // A referral to the Indonesian consulate only.
    let referral = th.post_referral(&["ID-KEMLU-PNH"]).await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox()
                .await
                .iter()
                .any(|m| m["id"] == referral.as_str())
        })
        .await
    );
    let seen = id
        .call("GET", &format!("/v1/messages/{referral}"), None)
        .await;
    assert_eq!(seen["body"], referral_body());
    assert_eq!(seen["header"]["tlp"], "RED", "referrals default to TLP RED");
    assert_eq!(seen["referral"]["status"], "received");
    // A consulate cannot answer a referral it never received.
    let wrong = ph
        .try_call(
            "POST",
            &format!("/v1/referrals/{referral}/status"),
            Some(json!({"status": "accepted"})),
        )
        .await;
    assert!(wrong.unwrap_err().contains("no referral"));

    id.call(
        "POST",
        &format!("/v1/referrals/{referral}/status"),
        Some(json!({"status": "accepted", "notes": "officer assigned"})),
    )
    .await;
    let ok = wait_until(Duration::from_secs(10), || async {
        th.call("GET", &format!("/v1/messages/{referral}"), None)
            .await["referral"]["status"]
            == "accepted"
    })
    .await;
    assert!(ok);
    let view = th
        .call("GET", &format!("/v1/messages/{referral}"), None)
        .await;
    assert_eq!(view["referral"]["history"][0]["status"], "accepted");
    assert_eq!(view["referral"]["history"][0]["by"], "ID-KEMLU-PNH");
    assert!(
        wait_until(Duration::from_secs(10), || async {
            th.call("GET", &format!("/v1/messages/{referral}"), None)
                .await["deliveries"][0]["state"]
                == "delivered"
        })
        .await
    );
    // Both sides see the new state; the consulate's status message reached TH-RTP with a receipt.
    assert_eq!(
        id.call("GET", &format!("/v1/messages/{referral}"), None)
            .await["referral"]["status"],
        "accepted"
    );

    // The audit logs hold what happened, and nothing of the content.
    let th_log = th.audit_lines().await;
    assert!(th_log
        .iter()
        .any(|e| e["event"] == "sent" && e["message"] == referral.as_str()));
    let id_log = id.audit_lines().await;
    assert!(id_log
        .iter()
        .any(|e| e["event"] == "received" && e["message"] == referral.as_str()));
    assert!(id_log
        .iter()
        .any(|e| e["event"] == "viewed" && e["message"] == referral.as_str()));
    for (log, peer) in [(&th_log, "ID-KEMLU-PNH"), (&id_log, "TH-RTP")] {
        let changed = log
            .iter()
            .find(|e| e["event"] == "status-changed")
            .expect("status-changed audited");
        assert_eq!(changed["message"], referral.as_str());
        assert_eq!(changed["peer"], peer);
        assert_eq!(changed["detail"]["status"], "accepted");
    }
    let text = std::fs::read_to_string(id.data.join("audit.jsonl")).unwrap();
    assert!(
        !text.contains("RTP-2026-0042") && !text.contains("Mae Sot"),
        "no content in the audit log"
    );
    for (i, e) in id_log.iter().enumerate() {
        assert_eq!(e["seq"], i, "line i is entry i");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_are_batched_and_never_answered() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = std::sync::Arc::new(Daemon::start(&net, "TH-RTP", &nats.url(), "").await);
    let ph = Daemon::start(&net, "PH-DFA", &nats.url(), "").await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let th = th.clone();
        tasks.spawn(async move {
            for _ in 0..100 {
                th.post_alert(&["PH-DFA"]).await;
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let delivered = wait_until(Duration::from_secs(30), || async {
        let s = th.status().await;
        count(&s, "deliveries_pending") == 0 && count(&s, "sent") == 400
    })
    .await;
    assert!(delivered, "{}", th.status().await);
    let sent: Vec<_> = ph
        .audit_lines()
        .await
        .into_iter()
        .filter(|e| e["event"] == "receipt" && e["detail"]["direction"] == "sent")
        .collect();
    let items: i64 = sent
        .iter()
        .map(|e| e["detail"]["items"].as_i64().unwrap())
        .sum();
    assert_eq!(items, 400, "one delivered item per message");
    assert!(
        sent.len() <= 40,
        "{} receipt envelopes for 400 messages: not batched",
        sent.len()
    );
    // TH-RTP received those receipts and owes nothing for them; PH-DFA never gets a receipt back.
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(count(&th.status().await, "receipts_owed"), 0);
    assert!(!ph
        .audit_lines()
        .await
        .iter()
        .any(|e| e["event"] == "receipt" && e["detail"]["direction"] == "received"));
    let th_received = th
        .audit_lines()
        .await
        .iter()
        .filter(|e| e["event"] == "receipt" && e["detail"]["direction"] == "received")
        .count();
    assert_eq!(th_received, sent.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_genuine_envelope_republished_elsewhere_never_gets_its_sender_a_rejection() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let alert = th.post_alert(&["ID-KEMLU-PNH"]).await;
    // A co-recipient (or the hub) copies the genuine envelope onto subjects its sender never
    // used: another family, another sender token.
    let js = async_nats::jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let envelope = last_envelope(&js, "RSO_ALERTS", "rso.v1.alert.TH-RTP.ID-KEMLU-PNH").await;
    for subject in [
        "rso.v1.referral.TH-RTP.ID-KEMLU-PNH",
        "rso.v1.alert.PH-DFA.ID-KEMLU-PNH",
    ] {
        js.publish(subject, envelope.clone())
            .await
            .unwrap()
            .await
            .unwrap();
    }
    let refused = wait_until(Duration::from_secs(10), || async {
        id.quarantined()
            .await
            .iter()
            .filter(|q| q["code"] == "subject-mismatch")
            .count()
            == 2
    })
    .await;
    assert!(refused, "{}", id.call("GET", "/v1/quarantine", None).await);
    // The true sender hears `delivered` only.
    let delivered = wait_until(Duration::from_secs(10), || async {
        th.call("GET", &format!("/v1/messages/{alert}"), None).await["deliveries"][0]["state"]
            == "delivered"
    })
    .await;
    assert!(delivered);
    tokio::time::sleep(Duration::from_millis(800)).await;
    let d = th.call("GET", &format!("/v1/messages/{alert}"), None).await["deliveries"][0].clone();
    assert_eq!(d["state"], "delivered", "{d}");
    assert!(d["error"].is_null(), "{d}");
    // Every receipt ID-KEMLU-PNH sent TH-RTP, opened as TH-RTP would: no `rejected` item.
    let key = net.secret_key("TH-RTP");
    let trust = jaring_core::Trust::load(&net.trust_file()).unwrap();
    let now = jaring_core::Timestamp::now();
    let directory = jaring_core::SignedDirectory::load(&net.directory_file())
        .unwrap()
        .verify(&trust, now)
        .unwrap();
    let me = jaring_core::AgencyId::parse("TH-RTP").unwrap();
    let keys = jaring_core::keys::OpeningKeys::from(key);
    let receiver = jaring_core::envelope::Receiver {
        me: &me,
        keys: &keys,
        directory: &directory,
    };
    let mut receipts = js.get_stream("RSO_RECEIPTS").await.unwrap();
    let last = receipts.info().await.unwrap().state.last_sequence;
    let mut items = Vec::new();
    for seq in 1..=last {
        let Ok(m) = receipts.get_raw_message(seq).await else {
            continue;
        };
        if m.subject.as_str() != "rso.v1.receipt.ID-KEMLU-PNH.TH-RTP" {
            continue;
        }
        let opened = jaring_core::envelope::open(&m.payload, &receiver, now).unwrap();
        items.extend(opened.body.to_value()["items"].as_array().unwrap().clone());
    }
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|i| i["status"] == "delivered"),
        "the true sender was told: {items:?}"
    );
}

/// A publish the hub refuses (here: the subject is full, as under a flood's per-subject limit)
/// counts as an attempt and keeps the hub's answer, so that one that can never succeed ends
/// `failed` after `delivery.max_attempts` instead of being retried for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_the_hub_refuses_is_counted_and_ends_failed() {
    let nats = NatsServer::start().unwrap();
    let js = async_nats::jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let full = jaring_bus::StreamsConfig {
        max_msgs_per_subject: 1,
        ..Default::default()
    };
    js.create_stream(jaring_bus::stream_config(
        "rso",
        jaring_core::body::Family::Alert,
        &full,
    ))
    .await
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(
        &net,
        "TH-RTP",
        &nats.url(),
        "[delivery]\nresend_after = \"1s\"\nbackoff = 1.0\nmax_attempts = 3\n",
    )
    .await;
    let r = th.post_alert_answer(&["ID-KEMLU-PNH"]).await;
    assert_eq!(r["published"][0]["acknowledged"], true, "{r}");
    let first = r["id"].as_str().unwrap().to_owned();
    let r = th.post_alert_answer(&["ID-KEMLU-PNH"]).await;
    assert_eq!(r["published"][0]["acknowledged"], false, "{r}");
    let second = r["id"].as_str().unwrap().to_owned();
    let failed = wait_until(Duration::from_secs(15), || async {
        th.call("GET", &format!("/v1/messages/{second}"), None)
            .await["deliveries"][0]["state"]
            == "failed"
    })
    .await;
    let d = th
        .call("GET", &format!("/v1/messages/{second}"), None)
        .await["deliveries"][0]
        .clone();
    assert!(failed, "{d}");
    assert_eq!(d["attempts"], 3, "{d}");
    assert!(
        d["error"]
            .as_str()
            .unwrap()
            .contains("maximum messages per subject"),
        "{d}"
    );
    // The first one, stored by the hub, is merely waiting for its receipt: pending, or (when
    // the machine is slow enough that this looks a second late) out of attempts for want of
    // one, on the same schedule; never refused.
    let d = th.call("GET", &format!("/v1/messages/{first}"), None).await["deliveries"][0].clone();
    assert!(
        d["state"] == "pending" || (d["state"] == "failed" && d["error"] == "no receipt"),
        "{d}"
    );
}
