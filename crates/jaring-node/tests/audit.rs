//! The audit log of a node after a realistic exchange: it verifies, its checkpoints are signed
//! by the agency's directory key and match an independent RFC 9162 computation, any edit of a
//! copy is named by entry, and peers raise alarms on forged, forked or backward checkpoints.

mod common;

use std::time::Duration;

use async_nats::jetstream;
use common::*;
use jaring_audit::{log, merkle, Checkpoint, CheckpointMessage};
use jaring_core::{AgencyId, SignedDirectory, Timestamp, Trust};
use jaring_testkit::NatsServer;
use serde_json::json;

const CHECKPOINTS: &str = "[audit]\ncheckpoint_every = 8\ncheckpoint_interval = \"1s\"\n";

fn python_root(log_path: &std::path::Path, size: u64) -> String {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/interop/rfc9162_root.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(log_path)
        .arg(size.to_string())
        .output()
        .expect("python3 is needed for the independent RFC 9162 check");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nodes_log_verifies_is_witnessed_and_betrays_any_edit() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let mut th = Daemon::start(&net, "TH-RTP", &nats.url(), CHECKPOINTS).await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), CHECKPOINTS).await;
    let ph = Daemon::start(&net, "PH-DFA", &nats.url(), CHECKPOINTS).await;

    // A realistic exchange.
    let mut alerts = Vec::new();
    for _ in 0..5 {
        alerts.push(th.post_alert(&["ID-KEMLU-PNH", "PH-DFA"]).await);
    }
    let referral = th.post_referral(&["ID-KEMLU-PNH"]).await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            id.inbox().await.len() == 6
        })
        .await
    );
    id.call("GET", &format!("/v1/messages/{referral}"), None)
        .await;
    id.call(
        "POST",
        &format!("/v1/referrals/{referral}/status"),
        Some(json!({"status": "accepted"})),
    )
    .await;
    th.call(
        "POST",
        "/v1/messages",
        Some(json!({"kind": "alert-cancel", "refs": [alerts[0]], "body": {"reason": "duplicate"}})),
    )
    .await;
    assert!(
        wait_until(Duration::from_secs(10), || async {
            th.call("GET", &format!("/v1/messages/{referral}"), None)
                .await["referral"]["status"]
                == "accepted"
        })
        .await
    );

    // Checkpoints come, and the peers witness TH-RTP's.
    assert!(
        wait_until(Duration::from_secs(15), || async {
            ph.audit_lines()
                .await
                .iter()
                .filter(|e| e["event"] == "checkpoint-witnessed" && e["peer"] == "TH-RTP")
                .count()
                >= 2
        })
        .await,
        "no checkpoints witnessed"
    );
    let verdict = th.call("GET", "/v1/audit/verify", None).await;
    assert_eq!(verdict["ok"], true, "{verdict}");
    assert!(verdict["checkpoints_checked"].as_i64().unwrap() >= 2);

    // The latest checkpoint verifies with TH-RTP's key from the directory, and its root is what
    // an independent RFC 9162 implementation computes over the log's first `size` lines.
    let note = th.call("GET", "/v1/audit/checkpoint", None).await["checkpoint"]
        .as_str()
        .unwrap()
        .to_owned();
    let trust = Trust::load(&net.trust_file()).unwrap();
    let directory = SignedDirectory::load(&net.directory_file())
        .unwrap()
        .verify(&trust, Timestamp::now())
        .unwrap();
    let key = &directory
        .agency(&AgencyId::parse("TH-RTP").unwrap())
        .unwrap()
        .keys[0]
        .sign;
    let cp = Checkpoint::verify(&note, key).unwrap();
    let log_path = th.data.join("audit.jsonl");
    assert_eq!(
        python_root(&log_path, cp.size),
        jaring_core::b64::encode_std(&cp.root)
    );

    // A copy of the log, edited in every way, names the entry.
    let bytes = std::fs::read(&log_path).unwrap();
    let published: Vec<Checkpoint> = std::fs::read_to_string(th.data.join("checkpoints.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            Checkpoint::verify(
                &serde_json::from_str::<CheckpointMessage>(l)
                    .unwrap()
                    .checkpoint,
                key,
            )
            .unwrap()
        })
        .collect();
    let first_bad = |b: &[u8]| -> Option<u64> {
        match log::verify_for(b, Some("TH-RTP")) {
            Err(e) => Some(e.seq),
            Ok(v) => published
                .iter()
                .find_map(|cp| v.check(cp).err())
                .map(|e| e.seq),
        }
    };
    assert_eq!(first_bad(&bytes), None);
    let lines: Vec<&[u8]> = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let covered = published.iter().map(|c| c.size).max().unwrap() as usize;
    let join = |ls: &[&[u8]]| {
        ls.iter()
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect::<Vec<u8>>()
    };
    for i in 0..covered {
        for pos in [1, lines[i].len() / 2, lines[i].len() - 2] {
            let mut edited: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            edited[i][pos] ^= 0x01;
            let refs: Vec<&[u8]> = edited.iter().map(Vec::as_slice).collect();
            assert_eq!(
                first_bad(&join(&refs)),
                Some(i as u64),
                "a byte of entry {i} at {pos}: {:?} in {}",
                log::verify_for(&join(&refs), Some("TH-RTP")).err(),
                String::from_utf8_lossy(&edited[i])
            );
        }
        let mut deleted = lines.clone();
        deleted.remove(i);
        assert_eq!(
            first_bad(&join(&deleted)),
            Some(i as u64),
            "entry {i} deleted"
        );
        if i + 1 < covered {
            let mut swapped = lines.clone();
            swapped.swap(i, i + 1);
            assert_eq!(
                first_bad(&join(&swapped)),
                Some(i as u64),
                "entries {i} and {} swapped",
                i + 1
            );
        }
    }
    assert_eq!(
        first_bad(&join(&lines[..covered - 1])),
        Some(covered as u64 - 1),
        "truncated"
    );

    // Forged, forked and backward checkpoints of TH-RTP reach PH-DFA: each raises an alarm.
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());
    let th_key = net.secret_key("TH-RTP");
    let leaves: Vec<merkle::Hash> = lines.iter().map(|l| merkle::leaf_hash(l)).collect();
    // TH-RTP stops first, so that no genuine checkpoint (its log grows with every receipt and
    // every view) overtakes the forged ones; the fork is at the size PH-DFA holds.
    th.terminate();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let held = ph
        .audit_lines()
        .await
        .iter()
        .filter(|e| e["event"] == "checkpoint-witnessed" && e["peer"] == "TH-RTP")
        .filter_map(|e| e["detail"]["size"].as_u64())
        .max()
        .unwrap();
    let fork = Checkpoint {
        agency: "TH-RTP".into(),
        size: held,
        root: merkle::leaf_hash(b"another history"),
    };
    let backwards = Checkpoint {
        agency: "TH-RTP".into(),
        size: 2,
        root: merkle::root(&leaves[..2]),
    };
    let wrong_key = Checkpoint {
        agency: "TH-RTP".into(),
        size: cp.size + 100,
        root: cp.root,
    }
    .sign(&net.secret_key("PH-DFA").sign);
    for (note, previous) in [
        (fork.sign(&th_key.sign), 0),
        (backwards.sign(&th_key.sign), 0),
        (wrong_key, cp.size),
    ] {
        let msg = CheckpointMessage {
            checkpoint: note,
            previous_size: previous,
            consistency: vec![],
        };
        js.publish(
            "rso.v1.checkpoint.TH-RTP.ALL",
            serde_json::to_vec(&msg).unwrap().into(),
        )
        .await
        .unwrap()
        .await
        .unwrap();
    }
    assert!(
        wait_until(Duration::from_secs(10), || async {
            ph.status().await["alarms"].as_array().unwrap().len() >= 3
        })
        .await,
        "{}",
        ph.status().await
    );
    let alarms = ph.status().await["alarms"].clone();
    let reasons: Vec<&str> = alarms
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("fork") || r.contains("not consistent")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("backwards")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("signature")),
        "{reasons:?}"
    );
    assert!(
        ph.audit_lines()
            .await
            .iter()
            .filter(|e| e["event"] == "checkpoint-alarm")
            .count()
            >= 3
    );
    // The audit log of the witness itself stays sound.
    assert_eq!(ph.call("GET", "/v1/audit/verify", None).await["ok"], true);
}
