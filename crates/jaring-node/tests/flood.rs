//! One agency floods another with maximum-size junk on every family and on `ALL`, at full
//! speed, while a third agency sends alerts at a steady pace. The flooded node keeps every
//! steady alert, keeps at most its quota of the flooder's refusals on disk, coalesces the
//! alarms and audit lines, and its memory stays under the bound docs/node.md states. The
//! figures (the steady sender's latency, the flooded node's peak RSS) are printed.

mod common;

use std::time::{Duration, Instant};

use async_nats::jetstream;
use common::*;
use jaring_core::Timestamp;
use jaring_testkit::NatsServer;
use serde_json::Value;

/// The flooded node's quarantine quota for one publisher, small so that the flood passes it.
const QUOTA: u64 = 64 * 1024;

/// The memory bound docs/node.md states for a node under flood.
const RSS_BOUND_MIB: u64 = 256;

/// The flood: at most this long, at most this many envelopes.
const FLOOD_FOR: Duration = Duration::from_secs(8);
const FLOOD_MAX: usize = 800;

/// Peak resident memory of a process (VmHWM), in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn millis(v: &Value) -> i64 {
    Timestamp::parse(v.as_str().unwrap()).unwrap().unix_millis()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_junk_is_bounded_and_a_steady_sender_keeps_flowing() {
    let nats = NatsServer::builder()
        .config("max_payload: 2MB")
        .start()
        .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let victim = Daemon::start(
        &net,
        "ID-KEMLU-PNH",
        &nats.url(),
        &format!("[retention]\nquarantine_per_publisher = {QUOTA}\n"),
    )
    .await;
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());

    // The flooder: PH-DFA's credentials (the subject's sender token), junk of the largest
    // size the streams take, on every family, to the victim and to ALL, acknowledged by
    // JetStream (so it is really stored for the victim to read).
    let flood = tokio::spawn(async move {
        let junk = bytes::Bytes::from(vec![b'x'; 1024 * 1024]);
        let subjects = [
            "rso.v1.alert.PH-DFA.ID-KEMLU-PNH",
            "rso.v1.alert.PH-DFA.ALL",
            "rso.v1.referral.PH-DFA.ID-KEMLU-PNH",
            "rso.v1.receipt.PH-DFA.ID-KEMLU-PNH",
            "rso.v1.checkpoint.PH-DFA.ALL",
        ];
        let started = Instant::now();
        let mut sent = 0usize;
        while sent < FLOOD_MAX && started.elapsed() < FLOOD_FOR {
            let mut acks = Vec::new();
            for subject in subjects {
                acks.push(js.publish(subject, junk.clone()).await.unwrap());
            }
            for ack in acks {
                ack.await.unwrap();
                sent += 1;
            }
        }
        (sent, started.elapsed())
    });

    // The steady sender: an alert every 50 ms while the flood lasts.
    let mut steady = Vec::new();
    let started = Instant::now();
    while started.elapsed() < FLOOD_FOR && steady.len() < 200 {
        steady.push(th.post_alert(&["ID-KEMLU-PNH"]).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (junk_sent, flood_took) = flood.await.unwrap();

    // Every steady alert arrives.
    let arrived = wait_until(Duration::from_secs(60), || async {
        victim
            .inbox()
            .await
            .iter()
            .filter(|m| m["sender"] == "TH-RTP")
            .count()
            == steady.len()
    })
    .await;
    let inbox = victim.inbox().await;
    let mut latencies: Vec<i64> = inbox
        .iter()
        .filter(|m| m["sender"] == "TH-RTP")
        .map(|m| millis(&m["stored_at"]) - millis(&m["created_at"]))
        .collect();
    assert!(
        arrived,
        "{} of {} steady alerts arrived",
        latencies.len(),
        steady.len()
    );
    latencies.sort_unstable();
    let p99 = latencies[(latencies.len() * 99).div_ceil(100).saturating_sub(1)];
    let max = latencies.last().copied().unwrap_or(0);

    // Wait until the flood is all read (nothing pending for the victim), then measure.
    let drained = wait_until(Duration::from_secs(120), || async {
        let s = victim.status().await;
        ["alert", "referral", "receipt", "checkpoint"]
            .iter()
            .all(|f| {
                s["consumer_lag"][f]["pending"] == 0 && s["consumer_lag"][f]["unacknowledged"] == 0
            })
    })
    .await;
    assert!(drained, "{}", victim.status().await);
    let rss_mib = peak_rss_kib(victim.pid().unwrap()) / 1024;

    // What the victim keeps of the flooder: within the quota (each row costs its kept bytes
    // and 512 more), the rest counted and reported once in the audit log, not line by line.
    let quarantine = all_pages(&victim.client(), "/v1/quarantine").await;
    let from_flooder: Vec<&Value> = quarantine
        .iter()
        .filter(|q| q["subject"].as_str().unwrap().contains(".PH-DFA."))
        .collect();
    let kept: i64 = from_flooder
        .iter()
        .map(|q| q["kept"].as_i64().unwrap() + 512)
        .sum();
    assert!(kept as u64 <= QUOTA, "{kept} bytes kept from the flooder");
    assert!(
        !from_flooder.is_empty(),
        "the refusals within the quota are kept"
    );
    let audit = victim.audit_lines().await;
    let reports: Vec<&Value> = audit
        .iter()
        .filter(|e| e["event"] == "quarantine-quota" && e["peer"] == "PH-DFA")
        .collect();
    assert!(
        !reports.is_empty() && reports.len() <= 2,
        "refusals over the quota are reported once a minute: {reports:?}"
    );
    let rejected = audit
        .iter()
        .filter(|e| e["event"] == "rejected" && e["peer"].is_null())
        .count();
    assert!(
        rejected <= from_flooder.len(),
        "an audit line per refusal kept, none for those dropped"
    );
    // Junk checkpoints: a few alarms about the flooder, the rest counted as repeats.
    let status = victim.status().await;
    let alarms: Vec<&Value> = status["alarms"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["peer"] == "PH-DFA")
        .collect();
    assert!(!alarms.is_empty() && alarms.len() <= 8, "{alarms:?}");
    let repeats: u64 = alarms.iter().map(|a| a["repeats"].as_u64().unwrap()).sum();

    eprintln!(
        "flood: {junk_sent} junk envelopes of 1 MiB in {:.1} s ({:.0} MiB/s); steady: {} alerts, \
         latency p99 {p99} ms, max {max} ms; flooded node peak RSS {rss_mib} MiB (bound \
         {RSS_BOUND_MIB}); kept from the flooder {} rows, {kept} bytes (quota {QUOTA}); \
         alarms {} (+{repeats} repeats)",
        flood_took.as_secs_f64(),
        junk_sent as f64 / flood_took.as_secs_f64(),
        steady.len(),
        from_flooder.len(),
        alarms.len(),
    );
    assert!(
        rss_mib <= RSS_BOUND_MIB,
        "peak RSS {rss_mib} MiB above the stated bound"
    );
    assert!(junk_sent >= 20, "the flood ran ({junk_sent})");
}
