//! Tenancy enforced by the server itself, from the generated configuration: an agency cannot
//! publish as another, read what is not addressed to it, or touch another agency's consumers or
//! any stream; plain-text and foreign-CA clients are refused; and nodes work through it all.

mod common;
mod hubkit;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull};
use futures::StreamExt;
use hubkit::*;
use serde_json::{json, Value};

/// Connects as `id` with its profile, collecting the server's errors (permission violations).
async fn connect_as(hub: &Hub, id: &str) -> (async_nats::Client, Arc<Mutex<Vec<String>>>) {
    let p: Value =
        serde_json::from_str(&std::fs::read_to_string(hub.profile(id)).unwrap()).unwrap();
    let errors = Arc::new(Mutex::new(Vec::new()));
    let sink = errors.clone();
    let client = async_nats::ConnectOptions::with_user_and_password(
        p["user"].as_str().unwrap().into(),
        p["password"].as_str().unwrap().into(),
    )
    .custom_inbox_prefix(p["inbox_prefix"].as_str().unwrap())
    // Refused requests get no answer: give up on them after 1 s, not the default 10 s.
    .request_timeout(Some(Duration::from_secs(1)))
    .require_tls(true)
    .add_root_certificates(p["tls"]["ca"].as_str().unwrap().into())
    .add_client_certificate(
        p["tls"]["cert"].as_str().unwrap().into(),
        p["tls"]["key"].as_str().unwrap().into(),
    )
    .event_callback(move |event| {
        let sink = sink.clone();
        async move {
            if let async_nats::Event::ServerError(e) = event {
                sink.lock().unwrap().push(e.to_string());
            }
        }
    })
    .connect(hub.urls())
    .await
    .unwrap();
    (client, errors)
}

async fn stream_count(js: &jetstream::Context, name: &str) -> u64 {
    js.get_stream(name)
        .await
        .unwrap()
        .info()
        .await
        .unwrap()
        .state
        .messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agency_is_confined_to_its_own_subjects_and_consumers() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = Hub::start(tmp.path(), 1).await;
    let (admin, _) = connect_as(&hub, jaring_hub::server_config::ADMIN).await;
    let admin_js = jetstream::new(admin.clone());
    let (th, errors) = connect_as(&hub, "TH-RTP").await;
    // An agency reaches the hub's JetStream API under the prefix its account imports it at.
    let mut js = jetstream::with_prefix(th.clone(), jaring_bus::HUB_API_PREFIX);
    js.set_timeout(Duration::from_secs(1));

    // Publishing as itself is allowed; as ID-KEMLU-PNH, refused by the server.
    js.publish("rso.v1.alert.TH-RTP.ALL", "mine".into())
        .await
        .unwrap()
        .await
        .unwrap();
    assert_eq!(stream_count(&admin_js, "RSO_ALERTS").await, 1);
    th.publish("rso.v1.alert.ID-KEMLU-PNH.ALL", "forged".into())
        .await
        .unwrap();
    th.flush().await.unwrap();
    let forged = js
        .publish("rso.v1.alert.ID-KEMLU-PNH.ALL", "forged".into())
        .await;
    let acked = match forged {
        Ok(f) => tokio::time::timeout(Duration::from_secs(3), f)
            .await
            .map(|r| r.is_ok())
            .unwrap_or(false),
        Err(_) => false,
    };
    assert!(!acked, "a publish as another agency was acknowledged");
    assert_eq!(
        stream_count(&admin_js, "RSO_ALERTS").await,
        1,
        "nothing forged was stored"
    );

    // Subscribing to what is addressed to another agency: a permission error and no message.
    let mut theirs = th
        .subscribe("rso.v1.referral.*.ID-KEMLU-PNH")
        .await
        .unwrap();
    let mut inboxes = th.subscribe("_INBOX.>").await.unwrap();
    th.flush().await.unwrap();
    admin
        .publish("rso.v1.referral.PH-DFA.ID-KEMLU-PNH", "for ID only".into())
        .await
        .unwrap();
    admin.flush().await.unwrap();
    assert!(
        tokio::time::timeout(Duration::from_secs(1), theirs.next())
            .await
            .is_err()
            || theirs.next().await.is_none()
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(300), inboxes.next())
            .await
            .is_err()
            || inboxes.next().await.is_none()
    );

    // No stream information on the message streams: with a subjects filter it would list
    // every subject and its count, who sends to whom.
    assert!(
        js.get_stream("RSO_ALERTS").await.is_err(),
        "an agency read a message stream's information"
    );
    assert!(js.get_stream("RSO_REFERRALS").await.is_err());
    // Another agency's consumer: neither its info nor its messages; its own, yes.
    assert!(js
        .get_consumer_from_stream::<pull::Config, _, _>("jaring-ID-KEMLU-PNH", "RSO_ALERTS")
        .await
        .is_err());
    let mine = js
        .get_consumer_from_stream::<pull::Config, _, _>("jaring-TH-RTP", "RSO_ALERTS")
        .await;
    assert!(
        mine.is_ok(),
        "its own consumer is readable: {:?}",
        mine.err()
    );
    // No consumer creation (a filter on another agency's subjects would read its messages).
    let created = js
        .create_consumer_on_stream(
            pull::Config {
                durable_name: Some("snoop".into()),
                filter_subject: "rso.v1.alert.*.ID-KEMLU-PNH".into(),
                ..Default::default()
            },
            "RSO_ALERTS",
        )
        .await;
    assert!(created.is_err(), "an agency created a consumer");
    let created = js
        .create_consumer_on_stream(
            pull::Config {
                durable_name: Some("jaring-TH-RTP".into()),
                filter_subject: "rso.v1.alert.>".into(),
                ..Default::default()
            },
            "RSO_ALERTS",
        )
        .await;
    assert!(
        created.is_err(),
        "an agency re-created its own consumer with a wider filter"
    );
    // The directory bucket: its key by direct get, but no consumer on it (a watch needs one).
    let kv = js.get_key_value("jaring-directory").await.unwrap();
    assert!(kv.entry("current").await.unwrap().is_some());
    assert!(
        kv.watch("current").await.is_err(),
        "an agency created a consumer on the directory bucket"
    );
    // No deleting or purging streams.
    assert!(js.delete_stream("RSO_REFERRALS").await.is_err());
    for api in ["$JS.API", jaring_bus::HUB_API_PREFIX] {
        let purged = th
            .request(format!("{api}.STREAM.PURGE.RSO_ALERTS"), "".into())
            .await;
        assert!(purged.is_err(), "an agency purged a stream");
    }
    assert_eq!(stream_count(&admin_js, "RSO_ALERTS").await, 1);
    assert!(admin_js.get_stream("RSO_REFERRALS").await.is_ok());

    // A pull request whose reply subject is another agency's subject or inbox: the pulled
    // message must land on neither (in one shared account the server delivered it there, and
    // the stream stored it as if ID-KEMLU-PNH had sent it).
    let (ph, _) = connect_as(&hub, "PH-DFA").await;
    let mut ph_inbox = ph.subscribe("_INBOX_PH-DFA.>").await.unwrap();
    ph.flush().await.unwrap();
    // Three messages wait for TH-RTP: two for the probes, one for the control.
    for _ in 0..2 {
        admin_js
            .publish("rso.v1.alert.PH-DFA.TH-RTP", "for TH".into())
            .await
            .unwrap()
            .await
            .unwrap();
    }
    let next = format!(
        "{}.CONSUMER.MSG.NEXT.RSO_ALERTS.jaring-TH-RTP",
        jaring_bus::HUB_API_PREFIX
    );
    let pull = r#"{"batch":1,"expires":500000000}"#;
    for reply in ["rso.v1.alert.ID-KEMLU-PNH.PH-DFA", "_INBOX_PH-DFA.stolen"] {
        th.publish_with_reply(next.clone(), reply, pull.into())
            .await
            .unwrap();
        th.flush().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // The control: the same request with its own inbox as the reply gets a message.
    let mut own = th.subscribe("_INBOX_TH-RTP.control").await.unwrap();
    th.publish_with_reply(next, "_INBOX_TH-RTP.control", pull.into())
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(3), own.next())
        .await
        .unwrap()
        .unwrap();
    assert!(
        got.reply
            .is_some_and(|r| r.starts_with("$JS.ACK.RSO_ALERTS.jaring-TH-RTP.")),
        "a pull through the import delivers with an ack subject"
    );
    assert_eq!(
        stream_count(&admin_js, "RSO_ALERTS").await,
        3,
        "a pulled message was delivered into the stream"
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(300), ph_inbox.next())
            .await
            .is_err(),
        "a message pulled by TH-RTP reached PH-DFA's inbox"
    );

    let errors = errors.lock().unwrap().join("\n");
    assert!(
        errors.to_lowercase().contains("permissions violation"),
        "{errors}"
    );
    assert!(errors.contains("ID-KEMLU-PNH"), "{errors}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_text_foreign_ca_and_wrong_password_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = Hub::start(tmp.path(), 1).await;
    let p: Value =
        serde_json::from_str(&std::fs::read_to_string(hub.profile("PH-DFA")).unwrap()).unwrap();
    let (user, pass) = (
        p["user"].as_str().unwrap().to_owned(),
        p["password"].as_str().unwrap().to_owned(),
    );
    let plain = format!("nats://127.0.0.1:{}", hub.ports[0]);

    // Plain text, right password.
    let r = async_nats::ConnectOptions::with_user_and_password(user.clone(), pass.clone())
        .connection_timeout(Duration::from_secs(3))
        .connect(&plain)
        .await;
    assert!(r.is_err(), "a plain-text client was accepted");

    // A client certificate from another CA.
    let other =
        jaring_hub::certs::dev_certs(&tmp.path().join("other-ca"), &["PH-DFA".into()]).unwrap();
    let r = async_nats::ConnectOptions::with_user_and_password(user.clone(), pass.clone())
        .require_tls(true)
        .add_root_certificates(hub.tls.ca())
        .add_client_certificate(other.client_cert("PH-DFA"), other.client_key("PH-DFA"))
        .connection_timeout(Duration::from_secs(3))
        .connect(hub.urls())
        .await;
    assert!(
        r.is_err(),
        "a client with a foreign CA's certificate was accepted"
    );

    // No client certificate at all.
    let r = async_nats::ConnectOptions::with_user_and_password(user.clone(), pass.clone())
        .require_tls(true)
        .add_root_certificates(hub.tls.ca())
        .connection_timeout(Duration::from_secs(3))
        .connect(hub.urls())
        .await;
    assert!(r.is_err(), "a client without a certificate was accepted");

    // The right certificate, a wrong password.
    let r = async_nats::ConnectOptions::with_user_and_password(user.clone(), "guess".into())
        .require_tls(true)
        .add_root_certificates(hub.tls.ca())
        .add_client_certificate(hub.tls.client_cert("PH-DFA"), hub.tls.client_key("PH-DFA"))
        .connection_timeout(Duration::from_secs(3))
        .connect(hub.urls())
        .await;
    assert!(r.is_err(), "a wrong password was accepted");

    // And everything right: accepted.
    let r = async_nats::ConnectOptions::with_user_and_password(user, pass)
        .require_tls(true)
        .add_root_certificates(hub.tls.ca())
        .add_client_certificate(hub.tls.client_cert("PH-DFA"), hub.tls.client_key("PH-DFA"))
        .connection_timeout(Duration::from_secs(3))
        .connect(hub.urls())
        .await;
    assert!(r.is_ok(), "{:?}", r.err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_exchange_through_the_confined_tls_hub() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = Hub::start(tmp.path(), 1).await;
    let fast = |c: &mut jaring_node::Config| {
        c.audit.checkpoint_every = 5;
        c.audit.checkpoint_interval = Duration::from_secs(1);
    };
    let th = InProcess::start(hub.node_config("TH-RTP", fast)).await;
    let id = InProcess::start(hub.node_config("ID-KEMLU-PNH", fast)).await;
    let ph = InProcess::start(hub.node_config("PH-DFA", fast)).await;
    let r = th
        .call(
            "POST",
            "/v1/messages",
            Some(
                json!({"kind": "compound-relocation-alert", "to_all": true, "body": alert_body()}),
            ),
        )
        .await;
    let alert = r["id"].as_str().unwrap().to_owned();
    assert_eq!(r["published"][0]["subject"], "rso.v1.alert.TH-RTP.ALL");
    for n in [&id, &ph] {
        assert!(
            wait_until(Duration::from_secs(10), || async {
                n.call("GET", "/v1/inbox", None).await["items"]
                    .as_array()
                    .unwrap()
                    .len()
                    == 1
            })
            .await
        );
        assert_eq!(
            n.call("GET", &format!("/v1/messages/{alert}"), None).await["body"],
            alert_body()
        );
    }
    assert!(
        wait_until(Duration::from_secs(10), || async {
            let d =
                th.call("GET", &format!("/v1/messages/{alert}"), None).await["deliveries"].clone();
            d.as_array()
                .unwrap()
                .iter()
                .all(|x| x["state"] == "delivered")
        })
        .await
    );
    // Checkpoints are witnessed across agencies, and the directory bucket is readable.
    assert!(
        wait_until(Duration::from_secs(15), || async {
            ph.node
                .store
                .peer_checkpoint("TH-RTP")
                .ok()
                .flatten()
                .is_some()
        })
        .await
    );
    for n in [&th, &id, &ph] {
        let s = n.call("GET", "/v1/status", None).await;
        assert_eq!(s["connection"], "connected", "{s}");
        assert!(s["alarms"].as_array().unwrap().is_empty(), "{s}");
        assert!(
            s["consumer_lag"]["alert"].is_object(),
            "consumer info is allowed: {s}"
        );
        assert!(
            s["last_error"].is_null()
                || !s["last_error"]["error"]
                    .as_str()
                    .unwrap_or("")
                    .contains("ermission"),
            "{s}"
        );
    }
    th.shutdown().await;
    id.shutdown().await;
    ph.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_agency_is_shut_out_after_a_reload_while_the_others_flow() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = Hub::start(tmp.path(), 1).await;
    let fast = |c: &mut jaring_node::Config| {
        c.receipts.batch_window = Duration::from_millis(50);
    };
    let th = InProcess::start(hub.node_config("TH-RTP", fast)).await;
    let id = InProcess::start(hub.node_config("ID-KEMLU-PNH", fast)).await;
    // PH-DFA's keys are all revoked: `jaring hub config` leaves it out; the RSO reloads.
    let (ph, _) = connect_as(&hub, "PH-DFA").await;
    hub.regenerate_and_reload(&["TH-RTP", "ID-KEMLU-PNH"]);
    let closed = {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            if ph.connection_state() != async_nats::connection::State::Connected {
                break true;
            }
            if std::time::Instant::now() > deadline {
                break false;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    assert!(
        closed,
        "the revoked agency's open connection survived the reload"
    );
    let p: Value =
        serde_json::from_str(&std::fs::read_to_string(hub.profile("PH-DFA")).unwrap()).unwrap();
    let again = async_nats::ConnectOptions::with_user_and_password(
        p["user"].as_str().unwrap().into(),
        p["password"].as_str().unwrap().into(),
    )
    .require_tls(true)
    .add_root_certificates(p["tls"]["ca"].as_str().unwrap().into())
    .add_client_certificate(
        p["tls"]["cert"].as_str().unwrap().into(),
        p["tls"]["key"].as_str().unwrap().into(),
    )
    .connection_timeout(Duration::from_secs(3))
    .connect(hub.urls())
    .await;
    assert!(
        again.is_err(),
        "a revoked agency connected after the reload"
    );
    // The others keep flowing.
    let r = th
        .call(
            "POST",
            "/v1/messages",
            Some(json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"], "body": alert_body()})),
        )
        .await;
    let alert = r["id"].as_str().unwrap().to_owned();
    let mut arrived = false;
    for _ in 0..100 {
        if id.node.store.message(&alert, None).unwrap().is_some() {
            arrived = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        arrived,
        "an alert between the remaining agencies did not arrive"
    );
    th.shutdown().await;
    id.shutdown().await;
}
