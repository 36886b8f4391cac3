//! Retention with secure erasure, directory distribution through the hub's bucket, config
//! errors, the local socket, and shutdown.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use async_nats::jetstream;
use common::*;
use jaring_core::directory::DirectoryBody;
use jaring_core::envelope::craft;
use jaring_core::{AgencyId, Kind, MessageId, SignedDirectory, Timestamp, Tlp, Trust};
use jaring_testkit::NatsServer;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_referrals_are_erased_from_inbox_show_and_the_file() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let short =
        "[retention]\nreferrals = \"4s\"\nclosed_referrals = \"1s\"\nsweep_interval = \"300ms\"\n";
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), short).await;

    let referral = th.post_referral(&["ID-KEMLU-PNH"]).await;
    let alert = th.post_alert(&["ID-KEMLU-PNH"]).await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == 2
        })
        .await
    );
    // The envelope exactly as the consulate stored it.
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let stored = last_envelope(&js, "RSO_REFERRALS", "rso.v1.referral.TH-RTP.ID-KEMLU-PNH")
        .await
        .to_vec();
    let db = id.data.join("jaring.db");
    let contains = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    let sample = &stored[stored.len() / 2..stored.len() / 2 + 64];
    assert!(
        contains(&std::fs::read(&db).unwrap_or_default(), sample)
            || contains(
                &std::fs::read(id.data.join("jaring.db-wal")).unwrap_or_default(),
                sample
            )
    );

    let gone = wait_until(Duration::from_secs(20), || async {
        id.try_call("GET", &format!("/v1/messages/{referral}"), None)
            .await
            .is_err_and(|e| e.contains("no message"))
    })
    .await;
    assert!(gone, "the referral was not erased");
    let inbox = id.inbox().await;
    assert_eq!(
        inbox.len(),
        1,
        "the alert stays; only the referral is erased"
    );
    assert_eq!(inbox[0]["id"], alert.as_str());
    // Give the WAL checkpoint a moment, then read every byte the store has on disk.
    tokio::time::sleep(Duration::from_millis(800)).await;
    for file in ["jaring.db", "jaring.db-wal"] {
        let bytes = std::fs::read(id.data.join(file)).unwrap_or_default();
        assert!(
            !contains(&bytes, sample),
            "{file} still holds the erased envelope's bytes"
        );
    }
    let purged: Vec<_> = id
        .audit_lines()
        .await
        .into_iter()
        .filter(|e| e["event"] == "purged")
        .collect();
    assert_eq!(purged.len(), 1);
    assert_eq!(purged[0]["message"], referral.as_str());
    assert_eq!(
        purged[0]["detail"],
        json!({}),
        "the purge entry names the id and nothing else"
    );

    // A replay of the erased referral is refused as a duplicate and nothing of it is kept.
    js.publish("rso.v1.referral.TH-RTP.ID-KEMLU-PNH", stored.clone().into())
        .await
        .unwrap()
        .await
        .unwrap();
    let refused = wait_until(Duration::from_secs(10), || async {
        id.quarantined()
            .await
            .iter()
            .any(|q| q["code"] == "duplicate" && q["message"] == referral.as_str())
    })
    .await;
    assert!(refused, "the replay was not refused");
    let q = id.call("GET", "/v1/quarantine", None).await["items"][0].clone();
    assert_eq!(q["kept"], 0, "the replay's envelope is not kept: {q}");
    assert!(q["bytes"].as_i64().unwrap() > 0, "{q}");
    assert!(id
        .try_call("GET", &format!("/v1/messages/{referral}"), None)
        .await
        .is_err_and(|e| e.contains("no message")));
    // Quarantine rows go with the referral retention too (4 s here).
    let emptied = wait_until(Duration::from_secs(15), || async {
        id.call("GET", "/v1/quarantine", None).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    })
    .await;
    assert!(emptied, "the quarantine outlived retention");
    assert!(id
        .audit_lines()
        .await
        .iter()
        .any(|e| e["event"] == "quarantine-purged"));
}

/// The directory bucket, as the RSO makes it, that nodes with `kv_bucket` read.
async fn directory_bucket(js: &jetstream::Context) -> jetstream::kv::Store {
    js.create_key_value(jetstream::kv::Config {
        bucket: "jaring-directory".into(),
        history: 5,
        ..Default::default()
    })
    .await
    .unwrap()
}

fn sign(body: &DirectoryBody, net: &jaring_testkit::TestNetwork) -> SignedDirectory {
    let r1 = net.secret_key("RSO-ROOT-1");
    let r2 = net.secret_key("RSO-ROOT-2");
    let mut d = SignedDirectory::sign_new(body, &r1).unwrap();
    d.add_signature(&r2).unwrap();
    d
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_updates_from_the_bucket_revoke_keys_and_refuse_rollback() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    // The node reads the bucket's key every poll_interval: a revision replaced before it was
    // read is never seen (the newest one is what counts).
    let follow = "kv_bucket = \"jaring-directory\"\npoll_interval = \"100ms\"";
    let th = Daemon::start_with(&net, "TH-RTP", &nats.url(), "", follow).await;
    let id = Daemon::start_with(&net, "ID-KEMLU-PNH", &nats.url(), "", follow).await;
    let first = th.post_alert(&["ID-KEMLU-PNH"]).await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == 1
        })
        .await
    );

    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let kv = directory_bucket(&js).await;
    let body1: DirectoryBody = directory_body(&net);
    let serial1 = std::fs::read(net.directory_file()).unwrap();

    // Serial 2 revokes TH-RTP's key (it was stolen, say).
    let mut body2 = body1.clone();
    body2.serial = 2;
    body2.issued_at = Timestamp::now();
    let th_entry = body2
        .agencies
        .iter_mut()
        .find(|a| a.id.as_str() == "TH-RTP")
        .unwrap();
    th_entry.keys[0].revoked_at = Some(Timestamp::now().plus_seconds(-1));
    kv.put("current", sign(&body2, &net).to_json().into())
        .await
        .unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.status().await["directory"]["serial"] == 2
        })
        .await,
        "{}",
        id.status().await
    );

    // An envelope signed with the revoked key is refused at once.
    let key = net.secret_key("TH-RTP");
    let trust = Trust::load(&net.trust_file()).unwrap();
    let d1 = SignedDirectory::from_json(&serial1)
        .unwrap()
        .verify(&trust, Timestamp::now())
        .unwrap();
    let to = AgencyId::parse("ID-KEMLU-PNH").unwrap();
    let enc = d1
        .agency(&to)
        .unwrap()
        .current_key(Timestamp::now())
        .unwrap()
        .wrap_key();
    let parts = craft::Parts {
        id: MessageId::new(),
        kind: Kind::CompoundRelocationAlert,
        sender: AgencyId::parse("TH-RTP").unwrap(),
        directory_serial: 1,
        created_at: Timestamp::now().plus_seconds(-30),
        expires_at: None,
        tlp: Tlp::Amber,
        refs: vec![],
        body: serde_json::to_vec(&alert_body()).unwrap(),
        recipients: vec![(to, enc)],
    };
    let stolen = craft::seal_bytes(&key, parts).unwrap();
    js.publish("rso.v1.alert.TH-RTP.ID-KEMLU-PNH", stolen.bytes.into())
        .await
        .unwrap()
        .await
        .unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.quarantined()
                .await
                .iter()
                .any(|q| q["code"] == "revoked-key")
        })
        .await
    );
    // TH-RTP itself now refuses to seal with its revoked key, with a reason (once it has read
    // serial 2 too: each node polls the bucket on its own).
    assert!(
        wait_until(Duration::from_secs(10), || async {
            th.status().await["directory"]["serial"] == 2
        })
        .await
    );
    let refused = th.try_call("POST", "/v1/messages", Some(json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"], "body": alert_body()}))).await;
    assert!(refused.unwrap_err().contains("revoked"));
    // What was received before still shows.
    assert_eq!(
        id.call("GET", &format!("/v1/messages/{first}"), None).await["body"],
        alert_body()
    );

    // A rollback to serial 1 and a directory signed by one root only are refused; serial 2 stays.
    kv.put("current", serial1.into()).await.unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.audit_lines()
                .await
                .iter()
                .any(|e| e["event"] == "directory-refused")
        })
        .await
    );
    let mut body3 = body2.clone();
    body3.serial = 3;
    let one = SignedDirectory::sign_new(&body3, &net.secret_key("RSO-ROOT-1")).unwrap();
    kv.put("current", one.to_json().into()).await.unwrap();
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.audit_lines()
                .await
                .iter()
                .filter(|e| e["event"] == "directory-refused")
                .count()
                >= 2
        })
        .await
    );
    let status = id.status().await;
    assert_eq!(status["directory"]["serial"], 2);
    assert!(
        status["directory"]["last_refused"]
            .as_str()
            .unwrap()
            .contains("signatures"),
        "{status}"
    );
    let reasons: Vec<String> = id
        .audit_lines()
        .await
        .iter()
        .filter(|e| e["event"] == "directory-refused")
        .map(|e| e["detail"]["reason"].to_string())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("rollback")),
        "{reasons:?}"
    );

    // Restarted, the node keeps serial 2 even though its config file still names serial 1.
    drop(th);
    let mut id = id;
    id.restart().await;
    assert_eq!(id.status().await["directory"]["serial"], 2);
}

#[test]
fn config_errors_are_one_line_naming_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let base = format!(
        "agency = \"TH-RTP\"\nkey_file = \"{}\"\ntrust_file = \"{}\"\ndata_dir = \"{}\"\n[directory]\nfile = \"{}\"\n[nats]\nservers = [\"nats://127.0.0.1:1\"]\n",
        net.key_file("TH-RTP").display(),
        net.trust_file().display(),
        tmp.path().join("data").display(),
        net.directory_file().display()
    );
    let cases = [
        (base.replace("TH-RTP\"\nkey", "th rtp\"\nkey"), "agency"),
        (
            format!("{base}[receipts]\nbatch_window = \"5s\"\n"),
            "receipts.batch_window: must be at most 1s",
        ),
        (
            base.replace("nats://127.0.0.1:1", "http://x"),
            "nats.servers",
        ),
        (
            base.replace("key_file = \"", "key_file = \"/nonexistent"),
            "key_file: /nonexistent",
        ),
        (
            format!("{base}colour = \"blue\"\n"),
            "unknown field `colour`",
        ),
        (
            base.replace("[nats]\n", "[nats]\nuser = \"TH\"\n"),
            "nats.password: user and password go together",
        ),
        // std::fs::write leaves the file 0644: a password in it is refused.
        (
            base.replace("[nats]\n", "[nats]\nuser = \"TH\"\npassword = \"pw\"\n"),
            "nats: the file holds a NATS password or token but is readable by others",
        ),
        (
            format!("{base}[streams]\nack_wait = \"0s\"\n"),
            "streams.ack_wait: must be at least 1s",
        ),
        (
            format!("{base}[delivery]\nbackoff = 1e300\n"),
            "delivery.backoff: must be between 1.0 and 10.0",
        ),
        (
            format!("{base}[audit]\ncheckpoint_interval = \"200years\"\n"),
            "audit.checkpoint_interval: must be at most 100 years",
        ),
    ];
    for (i, (text, expect)) in cases.iter().enumerate() {
        let path = tmp.path().join(format!("bad{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jaringd"))
            .arg("--config")
            .arg(&path)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.contains(expect), "case {i}: {err}");
        assert!(!tmp.path().join("data").exists(), "nothing started");
    }
    // The documented example parses with every key it shows.
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../config/node.example.toml"
    ))
    .unwrap();
    let parsed: jaring_node::Config = toml::from_str(&example).unwrap();
    assert_eq!(
        parsed.retention.referrals,
        Duration::from_secs(180 * 86_400)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_socket_is_private_and_shutdown_is_clean() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let mut ph = Daemon::start(&net, "PH-DFA", &nats.url(), "").await;
    let socket = ph.data.join("jaringd.sock");
    assert_eq!(
        std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777,
        0o660
    );
    assert_eq!(
        std::fs::metadata(&ph.data).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // A second daemon on the same data refuses to start rather than stealing the socket.
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_jaringd"))
        .arg("--config")
        .arg(&ph.config)
        .output()
        .unwrap();
    assert!(!second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("in use"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    ph.terminate();
    assert!(!socket.exists(), "the socket is removed on shutdown");
    // The second daemon wrote nothing: one start in the log, and its entries numbered in
    // turn (it once wrote its own start under the running daemon's next numbers).
    let lines = ph.audit_lines().await;
    assert_eq!(
        lines.iter().filter(|e| e["event"] == "started").count(),
        1,
        "{lines:?}"
    );
    for (i, e) in lines.iter().enumerate() {
        assert_eq!(e["seq"], i as u64, "{lines:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_reuses_its_connection_and_survives_a_daemon_restart() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let mut th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let client = th.client();
    let pid = std::process::id();
    // Unix sockets this process holds open to the daemon's socket (via /proc): one kept
    // connection, however many calls.
    let open_sockets = || {
        std::fs::read_dir(format!("/proc/{pid}/fd"))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| {
                        std::fs::read_link(e.path())
                            .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                    })
                    .count()
            })
            .unwrap_or(0)
    };
    client.call("GET", "/v1/status", None).await.unwrap();
    let after_one = open_sockets();
    for _ in 0..20 {
        client.call("GET", "/v1/status", None).await.unwrap();
    }
    assert_eq!(open_sockets(), after_one, "calls reuse the kept connection");

    // The daemon restarts: the kept connection is closed under the client, which must notice
    // and connect again, and the message must be sent exactly once.
    th.restart().await;
    let sent = client
        .call(
            "POST",
            "/v1/messages",
            Some(&json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"], "body": alert_body()})),
        )
        .await
        .unwrap();
    assert!(sent["id"].is_string(), "{sent}");
    let listed = client
        .call("GET", "/v1/inbox?sent=true", None)
        .await
        .unwrap()["items"]
        .clone();
    let sent_count = listed
        .as_array()
        .map(|a| a.iter().filter(|m| m["direction"] == "out").count());
    assert_eq!(sent_count, Some(1), "posted once: {listed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_warns_before_it_expires_and_no_restart_rolls_it_back() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let body1: DirectoryBody = directory_body(&net);
    // Serial 3 expires in a few seconds: within `directory.warn_before` from the start.
    let mut body3 = body1.clone();
    body3.serial = 3;
    body3.issued_at = Timestamp::now();
    body3.expires_at = Timestamp::now().plus_seconds(5);
    std::fs::write(net.directory_file(), sign(&body3, &net).to_json()).unwrap();
    let mut id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let state = |s: Value| {
        s["directory"]["state"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        wait_until(Duration::from_secs(5), || async {
            state(id.status().await) == "expiring"
        })
        .await,
        "{}",
        id.status().await
    );
    assert_eq!(id.status().await["directory"]["highest_serial"], 3);
    assert!(
        wait_until(Duration::from_secs(15), || async {
            state(id.status().await) == "expired"
        })
        .await,
        "{}",
        id.status().await
    );
    let status = id.status().await;
    assert!(
        status["alarms"][0]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("directory serial 3 expired"),
        "{status}"
    );
    let events: Vec<String> = id
        .audit_lines()
        .await
        .iter()
        .map(|e| e["event"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        events.contains(&"directory-expiring".to_owned()),
        "{events:?}"
    );
    assert!(
        events.contains(&"directory-expired".to_owned()),
        "{events:?}"
    );

    // Serial 2 is valid for a month, but older than what the node accepted: after a restart,
    // with serial 3 expired in its store, the node refuses it rather than roll back.
    let mut body2 = body1.clone();
    body2.serial = 2;
    body2.issued_at = Timestamp::now();
    body2.expires_at = Timestamp::now().plus_seconds(30 * 86_400);
    std::fs::write(net.directory_file(), sign(&body2, &net).to_json()).unwrap();
    id.terminate();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jaringd"))
        .arg("--config")
        .arg(&id.config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("directory serial 2 is older than serial 3"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_rotation_in_the_middle_of_a_stream_loses_and_refuses_nothing() {
    use jaring_core::envelope::ParsedEnvelope;
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let kv = directory_bucket(&js).await;
    kv.put(
        "current",
        std::fs::read(net.directory_file()).unwrap().into(),
    )
    .await
    .unwrap();
    let follow = "kv_bucket = \"jaring-directory\"\npoll_interval = \"100ms\"";
    let th = std::sync::Arc::new(Daemon::start_with(&net, "TH-RTP", &nats.url(), "", follow).await);
    let mut id = Daemon::start_with(&net, "ID-KEMLU-PNH", &nats.url(), "", follow).await;
    let mut sent = Vec::new();
    for _ in 0..5 {
        sent.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
    }
    // Received before the restart below: a message caught in flight by the kill would come
    // back only after ack_wait (30 s), which is not what this test is about.
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == sent.len()
        })
        .await
    );

    // 1. The agency makes its next key and the node holds it beside the current one.
    let next = jaring_core::SecretKey::generate("ID-KEMLU-PNH").unwrap();
    let next_file = tmp.path().join("next").join("ID-KEMLU-PNH.key.json");
    std::fs::create_dir_all(next_file.parent().unwrap()).unwrap();
    next.save(&next_file).unwrap();
    let old_file = net.key_file("ID-KEMLU-PNH");
    let text = std::fs::read_to_string(&id.config).unwrap();
    std::fs::write(
        &id.config,
        format!("{text}\n[keys]\nextra = [\"{}\"]\n", next_file.display()),
    )
    .unwrap();
    id.restart().await;

    // 2. While TH-RTP streams alerts, the RSO publishes the directory listing the new key.
    let streaming = {
        let th = th.clone();
        tokio::spawn(async move {
            let mut ids = Vec::new();
            for _ in 0..40 {
                ids.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            ids
        })
    };
    let mut body: DirectoryBody = directory_body(&net);
    body.serial = 2;
    body.issued_at = Timestamp::now();
    body.add_key(
        &next.public(),
        Timestamp::now().plus_seconds(-1),
        Timestamp::now().plus_seconds(86_400),
    )
    .unwrap();
    kv.put("current", sign(&body, &net).to_json().into())
        .await
        .unwrap();
    sent.extend(streaming.await.unwrap());
    assert!(
        wait_until(Duration::from_secs(10), || async {
            th.status().await["directory"]["serial"] == 2
        })
        .await
    );
    let after = th.post_alert(&["ID-KEMLU-PNH"]).await;
    sent.push(after.clone());
    let envelope = last_envelope(&js, "RSO_ALERTS", "rso.v1.alert.TH-RTP.ID-KEMLU-PNH").await;
    let header = ParsedEnvelope::parse(&envelope)
        .unwrap()
        .unverified_header()
        .clone();
    let to_id = header
        .recipients
        .iter()
        .find(|r| r.agency.as_str() == "ID-KEMLU-PNH")
        .unwrap();
    assert_eq!(
        &to_id.kid,
        next.enc.encryption_key().kid(),
        "after the switch, senders seal to the new key"
    );

    // Nothing lost, nothing refused.
    assert!(
        wait_until(Duration::from_secs(20), || async {
            id.inbox().await.len() == sent.len()
        })
        .await,
        "{} of {} arrived",
        id.inbox().await.len(),
        sent.len()
    );
    assert_eq!(count(&id.status().await, "quarantined"), 0);

    // 3. The new key signs from now on; the old one stays to open earlier messages.
    let text = std::fs::read_to_string(&id.config).unwrap();
    let old = old_file.display().to_string();
    let new = next_file.display().to_string();
    let swapped = text
        .replace(&old, "@OLD@")
        .replace(&new, &old)
        .replace("@OLD@", &new);
    std::fs::write(&id.config, swapped).unwrap();
    id.restart().await;
    for m in [&sent[0], &after] {
        let shown = id.call("GET", &format!("/v1/messages/{m}"), None).await;
        assert_eq!(shown["body"], alert_body(), "{m} no longer opens");
    }
}
