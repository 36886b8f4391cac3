//! The TAXII 2.1 feed through real nodes on a real nats-server, read by the real clients.
//! Thailand sends the Philippines 80 alerts at every level (and a referral, an update and a
//! cancel); the Philippines' feed is pulled by `taxii2-client` 2.3 (tests/taxii/feed_check.py,
//! from the repository's `.venv`): every collection paged with `limit`, checked against the
//! manifest for loss and repetition, resumed with `added_after`, every object validated by
//! `stix2-validator`. Referral content and RED alerts never appear in any response; a user
//! without the role gets 403, bad credentials 401, another TAXII version 406. Every read is
//! audited with the feed user's name, and retention erases an alert's objects.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::*;
use jaring_testkit::NatsServer;
use serde_json::{json, Value};

const FEED_PASSWORD: &str = "feed-password-for-the-test";
const ANALYST_PASSWORD: &str = "analyst-password-for-the-test";
/// In RED alerts and the referral only: must never be served.
const SECRETS: [&str; 4] = [
    "Red Lotus secret site",
    "RTP-2026-0042",
    "Passport held by the compound",
    "Mae Sot safe house",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    let p = repo().join(".venv/bin/python");
    assert!(
        p.is_file(),
        "{} is missing: run deploy/setup.sh --for-tests (it installs taxii2-client and stix2-validator)",
        p.display()
    );
    p
}

fn alert(n: usize, tlp: &str) -> Value {
    let mut body = alert_body();
    body["compound"]["name"] = if tlp == "RED" {
        json!(SECRETS[0])
    } else {
        json!(format!("Compound {n}"))
    };
    body["indicators"] = json!([
        {"type": "domain", "value": format!("jobs-{n}.example")},
        {"type": "crypto-wallet", "value": format!("TQ4xExampleWallet{n:018}"), "chain": "tron", "asset": "USDT"},
        {"type": "social-handle", "value": format!("@recruiter{n}"), "platform": "telegram"}
    ]);
    body["operators"] = json!([{"name": format!("Syndicate {}", n % 7)}]);
    body
}

async fn add_user(ph: &Daemon, name: &str, role: &str, password: &str) {
    ph.call(
        "POST",
        "/v1/users",
        Some(json!({"name": name, "unix": format!("{name}-svc"), "roles": [role]})),
    )
    .await;
    ph.call(
        "PUT",
        &format!("/v1/users/{name}/password"),
        Some(json!({"password": password})),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_client_pulls_everything_a_feed_user_may_see_and_nothing_else() {
    let python = python();
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let port = jaring_testkit::free_port().unwrap();
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let ph = Daemon::start(
        &net,
        "PH-DFA",
        &nats.url(),
        &format!("[taxii]\nlisten = \"127.0.0.1:{port}\"\n"),
    )
    .await;
    add_user(&ph, "opencti", "feed", FEED_PASSWORD).await;
    add_user(&ph, "analyst", "liaison", ANALYST_PASSWORD).await;

    // 80 alerts: 5 of them RED, the rest spread over the four levels that may be exported.
    let levels = ["GREEN", "AMBER", "CLEAR", "AMBER+STRICT"];
    let mut ids = Vec::new();
    for n in 0..80 {
        let tlp = if n % 16 == 5 { "RED" } else { levels[n % 4] };
        let sent = th
            .call(
                "POST",
                "/v1/messages",
                Some(json!({"kind": "compound-relocation-alert", "to": ["PH-DFA"], "tlp": tlp, "body": alert(n, tlp)})),
            )
            .await;
        ids.push(sent["id"].as_str().unwrap().to_owned());
    }
    // An update of the first (a new version of its objects, its wallet taken out), one that
    // moves the second from AMBER to GREEN, and a referral whose content must never be
    // exported.
    let mut updated = alert(0, "GREEN");
    updated["compound"]["aliases"] = json!(["Compound zero, moved"]);
    updated["indicators"]
        .as_array_mut()
        .unwrap()
        .retain(|i| i["type"] != "crypto-wallet");
    for (of, tlp, body) in [
        (&ids[0], "GREEN", updated),
        (&ids[1], "GREEN", alert(1, "GREEN")),
    ] {
        th.call(
            "POST",
            "/v1/messages",
            Some(json!({"kind": "alert-update", "to": ["PH-DFA"], "tlp": tlp, "refs": [of], "body": body})),
        )
        .await;
    }
    let mut referral = referral_body();
    referral["nationality"] = json!("PH");
    referral["location"]["name"] = json!(SECRETS[3]);
    th.call(
        "POST",
        "/v1/messages",
        Some(json!({"kind": "victim-referral", "to": ["PH-DFA"], "body": referral})),
    )
    .await;
    let stored = wait_until(Duration::from_secs(60), || async {
        let inbox = ph.inbox().await;
        let of = |kinds: &[&str]| {
            inbox
                .iter()
                .filter(|m| kinds.iter().any(|k| m["kind"] == *k))
                .count()
        };
        of(&["compound-relocation-alert", "alert-update"]) >= 82 && of(&["victim-referral"]) >= 1
    })
    .await;
    assert!(
        stored,
        "PH-DFA did not receive everything; log:\n{}",
        ph.log_text()
    );

    let forbid = tmp.path().join("forbid.txt");
    std::fs::write(&forbid, SECRETS.join("\n")).unwrap();
    let out = Command::new(&python)
        .arg(repo().join("tests/taxii/feed_check.py"))
        .args(["--url", &format!("http://127.0.0.1:{port}/taxii2/")])
        .args(["--user", "opencti", "--password", FEED_PASSWORD])
        .args(["--limit", "50", "--min-objects", "900", "--timeout", "240"])
        .arg("--forbid")
        .arg(&forbid)
        .args(["--allow-warnings", "103,202"])
        .args([
            "--no-role-user",
            "analyst",
            "--no-role-password",
            ANALYST_PASSWORD,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "feed_check failed:\n{}\n{}\nnode log:\n{}",
        stdout,
        String::from_utf8_lossy(&out.stderr),
        ph.log_text()
    );
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    eprintln!("feed_check: {summary}");
    assert_eq!(summary["collections"], 4, "{summary}");
    assert!(summary["objects"].as_u64().unwrap() >= 900, "{summary}");

    // The reads are audited with the feed user's name; the refusals too.
    let audit = ph.audit_lines().await;
    let exported = audit
        .iter()
        .filter(|l| l["event"] == "exported" && l["detail"]["user"] == "opencti")
        .count();
    assert!(exported > 20, "only {exported} feed reads audited");
    assert!(audit.iter().any(|l| l["event"] == "taxii-login-failed"));
    assert!(audit
        .iter()
        .any(|l| l["event"] == "denied" && l["detail"]["user"] == "analyst"));

    // The CLI's export: the default levels leave AMBER+STRICT out; RED is refused.
    let e = ph.call("GET", "/v1/stix/export", None).await;
    let bundle: Value = serde_json::from_str(e["bundle"].as_str().unwrap()).unwrap();
    let objects = bundle["objects"].as_array().unwrap();
    assert_eq!(e["objects"].as_u64(), Some(objects.len() as u64));
    let strict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    assert!(!objects
        .iter()
        .any(|o| o["object_marking_refs"][0] == strict));
    assert!(objects.iter().any(|o| o["type"] == "report"));
    let text = bundle.to_string();
    for s in SECRETS {
        assert!(!text.contains(s), "the export holds `{s}`");
    }
    let red = ph
        .try_call("GET", "/v1/stix/export?tlp=RED", None)
        .await
        .unwrap_err();
    assert!(red.contains("never exported"), "{red}");
    // The update made a second version of the first alert's report, with the new alias; the
    // wallet it took out is gone, and what linked it is revoked.
    assert!(text.contains("Compound zero, moved"));
    let wallet = objects.iter().find(|o| {
        o["type"] == "cryptocurrency-wallet" && o["value"] == format!("TQ4xExampleWallet{:018}", 1)
    });
    assert!(wallet.is_some(), "the second alert's wallet is exported");
    assert!(!objects.iter().any(|o| o["type"] == "cryptocurrency-wallet"
        && o["value"] == format!("TQ4xExampleWallet{:018}", 0)));
    let live_refs_to_wallets: Vec<&Value> = objects
        .iter()
        .filter(|o| o["type"] == "relationship" && o["revoked"] != true)
        .filter(|o| {
            let to = o["target_ref"].as_str().unwrap_or("");
            to.starts_with("cryptocurrency-wallet--") && !objects.iter().any(|w| w["id"] == to)
        })
        .collect();
    assert!(live_refs_to_wallets.is_empty(), "{live_refs_to_wallets:?}");
    // The second alert moved from AMBER to GREEN: revoked in AMBER, new objects in GREEN.
    let reports: Vec<&Value> = objects
        .iter()
        .filter(|o| o["type"] == "report" && o["name"] == "Compound relocation: Compound 1")
        .collect();
    let green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    let amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    let live: Vec<&&Value> = reports.iter().filter(|r| r["revoked"] != true).collect();
    assert_eq!(live.len(), 1, "{reports:?}");
    assert_eq!(live[0]["object_marking_refs"][0], green);
    assert!(reports.iter().any(|r| r["revoked"] == true
        && r["object_marking_refs"][0] == amber
        && r["id"] != live[0]["id"]));

    // Retention: alerts kept a second, swept every 200 ms. Nothing of them is left in the
    // feed (the agencies' identities and the markings, which hold no alert, may stay).
    let mut ph = ph;
    let db = ph.data.join("jaring.db");
    let rows = |db: &std::path::Path| -> (i64, i64) {
        let c = rusqlite::Connection::open(db).unwrap();
        let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        (
            n("SELECT COUNT(*) FROM stix_objects WHERE thread_id IS NOT NULL OR kind NOT IN ('identity', 'marking-definition', 'extension-definition')"),
            n("SELECT COUNT(*) FROM stix_threads"),
        )
    };
    assert!(rows(&db).0 > 900);
    expire_alerts_soon(&mut ph).await;
    let erased = wait_until(Duration::from_secs(30), || async { rows(&db) == (0, 0) }).await;
    assert!(erased, "feed rows left after retention: {:?}", rows(&db));
    drop(th);
}
