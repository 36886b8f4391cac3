//! Bad input injected straight into NATS: every class is quarantined with its code, audited,
//! acknowledged (it does not come back), never shown as a message, and good messages keep
//! flowing.

mod common;

use std::time::Duration;

use async_nats::jetstream;
use common::*;
use jaring_core::directory::Role;
use jaring_core::envelope::craft::{self, Parts};
use jaring_core::{AgencyId, Kind, MessageId, SecretKey, SignedDirectory, Timestamp, Tlp, Trust};
use jaring_testkit::NatsServer;
use serde_json::{json, Value};

fn parts(net: &jaring_testkit::TestNetwork, to: &str, body: Value) -> Parts {
    let directory = SignedDirectory::load(&net.directory_file()).unwrap();
    let trust = Trust::load(&net.trust_file()).unwrap();
    let directory = directory.verify(&trust, Timestamp::now()).unwrap();
    let to_id = AgencyId::parse(to).unwrap();
    let key = directory
        .agency(&to_id)
        .unwrap()
        .current_key(Timestamp::now())
        .unwrap()
        .wrap_key();
    Parts {
        id: MessageId::new(),
        kind: Kind::CompoundRelocationAlert,
        sender: AgencyId::parse("TH-RTP").unwrap(),
        directory_serial: 1,
        created_at: Timestamp::now(),
        expires_at: None,
        tlp: Tlp::Amber,
        refs: vec![],
        body: serde_json::to_vec(&body).unwrap(),
        recipients: vec![(to_id, key)],
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_input_class_is_quarantined_and_good_messages_flow() {
    let nats = NatsServer::builder()
        .config("max_payload: 2MB")
        .start()
        .unwrap();
    let client = async_nats::connect(nats.url()).await.unwrap();
    let js = jetstream::new(client.clone());
    // Streams that let an oversized envelope through, so that the node's own check is tested.
    for (name, family) in [
        ("RSO_ALERTS", "alert"),
        ("RSO_REFERRALS", "referral"),
        ("RSO_RECEIPTS", "receipt"),
    ] {
        js.create_stream(jetstream::stream::Config {
            name: name.into(),
            subjects: vec![format!("rso.v1.{family}.>")],
            max_message_size: 2 * 1024 * 1024,
            ..Default::default()
        })
        .await
        .unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let th_key = net.secret_key("TH-RTP");
    let on_id = "rso.v1.alert.TH-RTP.ID-KEMLU-PNH";

    let genuine = craft::seal_bytes(&th_key, parts(&net, "ID-KEMLU-PNH", alert_body())).unwrap();
    let mut tampered = genuine.bytes.clone();
    let pos = tampered.len() - 120; // inside the payload's b64u
    tampered[pos] = if tampered[pos] == b'A' { b'B' } else { b'A' };
    let rogue = SecretKey::generate("TH-RTP").unwrap();
    let forged = craft::seal_bytes(&rogue, parts(&net, "ID-KEMLU-PNH", alert_body())).unwrap();
    let mut expired_parts = parts(&net, "ID-KEMLU-PNH", alert_body());
    expired_parts.created_at = Timestamp::now().plus_seconds(-1800);
    expired_parts.expires_at = Some(Timestamp::now().plus_seconds(-60));
    let expired = craft::seal_bytes(&th_key, expired_parts).unwrap();
    let for_ph = craft::seal_bytes(&th_key, parts(&net, "PH-DFA", alert_body())).unwrap();
    let mut replay_parts = parts(&net, "ID-KEMLU-PNH", json!({"reason": "other content"}));
    replay_parts.id = genuine.header.id;
    replay_parts.kind = Kind::AlertCancel;
    replay_parts.refs = vec![MessageId::new()];
    let replay = craft::seal_bytes(&th_key, replay_parts).unwrap();
    let mut invalid_body = parts(&net, "ID-KEMLU-PNH", json!({"compound": {"name": "x"}}));
    invalid_body.id = MessageId::new();
    let invalid_body = craft::seal_bytes(&th_key, invalid_body).unwrap();
    let mut huge = genuine.bytes.clone();
    huge.resize(1024 * 1024 + 100, b' ');
    // An agency outside the directory.
    let tmp2 = tempfile::tempdir().unwrap();
    let outsider =
        jaring_testkit::TestNetwork::create(tmp2.path(), &[("VN-MPS", Role::LawEnforcement)])
            .unwrap();
    let mut vn_parts = parts(&net, "ID-KEMLU-PNH", alert_body());
    vn_parts.sender = AgencyId::parse("VN-MPS").unwrap();
    let unknown_sender = craft::seal_bytes(&outsider.secret_key("VN-MPS"), vn_parts).unwrap();

    let injections: Vec<(&str, Vec<u8>, &str)> = vec![
        (on_id, b"this is not an envelope".to_vec(), "malformed"),
        (
            on_id,
            br#"{"v":2,"header":"","payload":"","sig":""}"#.to_vec(),
            "unsupported-version",
        ),
        (on_id, forged.bytes.clone(), "unknown-key"),
        (on_id, tampered, "bad-signature"),
        (on_id, expired.bytes.clone(), "expired"),
        (on_id, for_ph.bytes.clone(), "not-a-recipient"),
        (on_id, invalid_body.bytes.clone(), "invalid-body"),
        (on_id, huge, "too-large"),
        (
            "rso.v1.alert.VN-MPS.ID-KEMLU-PNH",
            unknown_sender.bytes.clone(),
            "unknown-sender",
        ),
        // TH-RTP's genuine envelope, republished as if PH-DFA had sent it, and in the wrong family.
        (
            "rso.v1.alert.PH-DFA.ID-KEMLU-PNH",
            genuine.bytes.clone(),
            "subject-mismatch",
        ),
        (
            "rso.v1.referral.TH-RTP.ID-KEMLU-PNH",
            genuine.bytes.clone(),
            "subject-mismatch",
        ),
        // The genuine one, then the same again (a redelivery, harmless), then a replay.
        (on_id, genuine.bytes.clone(), ""),
        (on_id, genuine.bytes.clone(), ""),
        (on_id, replay.bytes.clone(), "duplicate"),
    ];
    for (subject, bytes, _) in &injections {
        js.publish(subject.to_string(), bytes.clone().into())
            .await
            .unwrap()
            .await
            .unwrap();
    }
    // Good messages keep flowing after all that.
    let good = th.post_alert(&["ID-KEMLU-PNH"]).await;

    let expected: Vec<&str> = injections
        .iter()
        .map(|(_, _, c)| *c)
        .filter(|c| !c.is_empty())
        .collect();
    let ok = wait_until(Duration::from_secs(20), || async {
        id.inbox().await.len() == 2
            && id.call("GET", "/v1/quarantine", None).await["items"]
                .as_array()
                .unwrap()
                .len()
                == expected.len()
    })
    .await;
    let quarantine = id.call("GET", "/v1/quarantine", None).await["items"].clone();
    assert!(
        ok,
        "inbox {:?}\nquarantine {quarantine:#}",
        id.inbox().await
    );
    let mut codes: Vec<&str> = quarantine
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["code"].as_str().unwrap())
        .collect();
    let mut want = expected.clone();
    codes.sort();
    want.sort();
    assert_eq!(codes, want);
    let inbox: Vec<String> = id
        .inbox()
        .await
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(inbox.contains(&good) && inbox.contains(&genuine.header.id.to_string()));
    // The genuine message still shows its genuine content, not the replay's.
    let shown = id
        .call("GET", &format!("/v1/messages/{}", genuine.header.id), None)
        .await;
    assert_eq!(shown["body"], alert_body());
    // Signed-but-refused messages are attributed to a verified sender; the rest are not.
    for q in quarantine.as_array().unwrap() {
        let verified = matches!(
            q["code"].as_str().unwrap(),
            "expired" | "not-a-recipient" | "invalid-body" | "subject-mismatch" | "duplicate"
        );
        assert_eq!(q["sender_verified"], verified, "{q}");
    }
    // An unverified refusal keeps its digest and first KiB only: junk cannot fill the disk.
    for q in quarantine.as_array().unwrap() {
        if q["sender_verified"] == false {
            assert!(q["kept"].as_i64().unwrap() <= 1024, "{q}");
        }
    }
    let too_large = quarantine
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["code"] == "too-large")
        .unwrap();
    assert_eq!(too_large["kept"], 1024, "{too_large}");
    assert!(
        too_large["bytes"].as_i64().unwrap() > 1024 * 1024,
        "{too_large}"
    );
    // Each refusal is audited, and nothing stays unacknowledged.
    let rejected = id
        .audit_lines()
        .await
        .iter()
        .filter(|e| e["event"] == "rejected")
        .count();
    assert_eq!(rejected, expected.len());
    let status = id.status().await;
    assert_eq!(
        status["consumer_lag"]["alert"]["unacknowledged"], 0,
        "{status}"
    );
    assert_eq!(status["consumer_lag"]["alert"]["pending"], 0, "{status}");
    drop(th);
}

/// Senders choose ids, and recipient lists and ids travel in the clear. PH-DFA, a co-recipient
/// of nothing here but able to read ids off the bus metadata, sends its own validly signed
/// envelopes under the ids of TH-RTP's alert and referral to ID-KEMLU-PNH while that node is
/// down, one before and one after the genuine message. Both orders: the genuine message is
/// stored and shown as TH-RTP's, nothing is refused as a duplicate (so no `rejected` is owed to
/// anyone), an id alone is a conflict naming both senders, and a status goes to the agency
/// named.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_impostor_under_another_senders_id_neither_replaces_nor_shadows_it() {
    let nats = NatsServer::start().unwrap();
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    for family in jaring_bus::FAMILIES {
        js.create_stream(jaring_bus::stream_config(
            "rso",
            family,
            &Default::default(),
        ))
        .await
        .unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let (th_key, ph_key) = (net.secret_key("TH-RTP"), net.secret_key("PH-DFA"));
    let mut decoy = alert_body();
    decoy["compound"]["name"] = json!("a decoy");
    let mut decoy_referral = referral_body();
    decoy_referral["case_ref"] = json!("DECOY-1");
    let (alert_id, referral_id) = (MessageId::new(), MessageId::new());
    let sealed = |key: &SecretKey, sender: &str, id: &MessageId, kind: Kind, body: &Value| {
        let mut p = parts(&net, "ID-KEMLU-PNH", body.clone());
        p.id = *id;
        p.kind = kind;
        p.sender = AgencyId::parse(sender).unwrap();
        craft::seal_bytes(key, p).unwrap().bytes
    };
    let (alert, referral) = (Kind::CompoundRelocationAlert, Kind::VictimReferral);
    // The alert: the impostor first. The referral: the genuine one first.
    let order = [
        (
            "rso.v1.alert.PH-DFA.ID-KEMLU-PNH",
            sealed(&ph_key, "PH-DFA", &alert_id, alert, &decoy),
        ),
        (
            "rso.v1.alert.TH-RTP.ID-KEMLU-PNH",
            sealed(&th_key, "TH-RTP", &alert_id, alert, &alert_body()),
        ),
        (
            "rso.v1.referral.TH-RTP.ID-KEMLU-PNH",
            sealed(&th_key, "TH-RTP", &referral_id, referral, &referral_body()),
        ),
        (
            "rso.v1.referral.PH-DFA.ID-KEMLU-PNH",
            sealed(&ph_key, "PH-DFA", &referral_id, referral, &decoy_referral),
        ),
    ];
    for (subject, bytes) in order {
        js.publish(subject, bytes.into())
            .await
            .unwrap()
            .await
            .unwrap();
    }
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    assert!(
        wait_until(Duration::from_secs(15), || async {
            id.inbox().await.len() == 4
        })
        .await,
        "{:?}",
        id.inbox().await
    );
    let quarantine = id.call("GET", "/v1/quarantine", None).await;
    assert_eq!(quarantine["items"], json!([]), "{quarantine}");
    // Paging one row at a time skips neither of two messages sharing an id (they were
    // committed in one batch, most likely in the same millisecond).
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..10 {
        let url = match &cursor {
            Some(c) => format!("/v1/inbox?limit=1&cursor={c}"),
            None => "/v1/inbox?limit=1".to_owned(),
        };
        let page = id.call("GET", &url, None).await;
        for m in page["items"].as_array().unwrap() {
            seen.push(format!("{}/{}", m["sender"], m["id"]));
        }
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "{seen:?}");
    for (mid, genuine, fake) in [
        (&alert_id, alert_body(), decoy.clone()),
        (&referral_id, referral_body(), decoy_referral.clone()),
    ] {
        let ambiguous = id
            .try_call("GET", &format!("/v1/messages/{mid}"), None)
            .await
            .unwrap_err();
        assert!(
            ambiguous.contains("TH-RTP") && ambiguous.contains("PH-DFA"),
            "{ambiguous}"
        );
        // Each sender's message is its own.
        for (who, body) in [("TH-RTP", genuine), ("PH-DFA", fake)] {
            let m = id
                .call("GET", &format!("/v1/messages/{mid}?sender={who}"), None)
                .await;
            assert_eq!(m["body"], body, "{who}'s message under {mid}");
            assert_eq!(m["header"]["sender"], who);
        }
    }
    // A status names the referral by id and referring agency.
    let path = format!("/v1/referrals/{referral_id}/status");
    let unnamed = id
        .try_call("POST", &path, Some(json!({"status": "accepted"})))
        .await
        .unwrap_err();
    assert!(
        unnamed.contains("TH-RTP") && unnamed.contains("PH-DFA"),
        "{unnamed}"
    );
    let sent = id
        .call(
            "POST",
            &path,
            Some(json!({"status": "accepted", "to": "TH-RTP"})),
        )
        .await;
    assert_eq!(
        sent["published"][0]["subject"],
        "rso.v1.referral.ID-KEMLU-PNH.TH-RTP"
    );
    let th = id
        .call(
            "GET",
            &format!("/v1/messages/{referral_id}?sender=TH-RTP"),
            None,
        )
        .await;
    assert_eq!(th["referral"]["status"], "accepted", "{th}");
    assert_eq!(th["referral"]["counterpart"], "TH-RTP");
    let ph = id
        .call(
            "GET",
            &format!("/v1/messages/{referral_id}?sender=PH-DFA"),
            None,
        )
        .await;
    assert_eq!(ph["referral"]["status"], "received", "{ph}");
    // The sharing is on the record, twice (once per id).
    let shared = id
        .audit_lines()
        .await
        .into_iter()
        .filter(|l| l["event"] == "id-shared")
        .count();
    assert_eq!(shared, 2);
}

/// A message that can never be stored (here a trigger refuses it, as a bug or a corrupt index
/// would) holds back no other message of its batch, and at its consumer's last delivery is
/// quarantined as `undeliverable` and acknowledged, not redelivered for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_cannot_be_stored_ends_undeliverable_and_holds_back_nothing() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let id = Daemon::start(
        &net,
        "ID-KEMLU-PNH",
        &nats.url(),
        "[streams]\nmax_deliver = 3\n",
    )
    .await;
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let db = rusqlite::Connection::open(id.data.join("jaring.db")).unwrap();
    db.busy_timeout(Duration::from_secs(10)).unwrap();
    db.execute_batch(
        "CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.tlp = 'RED'
         BEGIN SELECT RAISE(ABORT, 'this message cannot be stored'); END;",
    )
    .unwrap();
    let mut ok = Vec::new();
    ok.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
    let red = th
        .call(
            "POST",
            "/v1/messages",
            Some(json!({"kind": "compound-relocation-alert", "to": ["ID-KEMLU-PNH"], "tlp": "RED", "body": alert_body()})),
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    ok.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == 2
        })
        .await,
        "the others arrive"
    );
    let given_up = wait_until(Duration::from_secs(30), || async {
        id.quarantined()
            .await
            .iter()
            .any(|q| q["code"] == "undeliverable" && q["message"] == red.as_str())
    })
    .await;
    assert!(given_up, "{}", id.call("GET", "/v1/quarantine", None).await);
    let s = id.status().await;
    assert_eq!(s["consumer_lag"]["alert"]["pending"], 0, "{s}");
    assert_eq!(s["consumer_lag"]["alert"]["unacknowledged"], 0, "{s}");
    let inbox: Vec<String> = id
        .inbox()
        .await
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    ok.sort();
    let mut got = inbox.clone();
    got.sort();
    assert_eq!(got, ok);
}
