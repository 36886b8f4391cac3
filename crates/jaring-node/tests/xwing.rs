//! The post-quantum key wrap between real daemons on a real nats-server (spec §8): a referral
//! between two agencies with X-Wing keys travels under X-Wing wraps only (the sender's own
//! copy included) and opens at both ends; `[pq] require` refuses, naming it, a recipient
//! without an X-Wing key before anything is sealed, and leaves other kinds alone; the
//! console's review says so before an officer sends, and its refusal says why.

mod common;

use std::time::Duration;

use common::*;
use jaring_core::directory::Role;
use jaring_testkit::{NatsServer, TestNetwork};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn referrals_travel_under_x_wing_and_pq_require_names_who_lacks_it() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = TestNetwork::create_with_pq(
        tmp.path(),
        &[
            ("TH-RTP", Role::LawEnforcement),
            ("ID-KEMLU-PNH", Role::Consular),
            ("PH-DFA", Role::Consular),
        ],
        &["TH-RTP", "ID-KEMLU-PNH"],
    )
    .unwrap();
    let port = jaring_testkit::free_port().unwrap();
    let require = format!(
        "[pq]\nrequire = [\"victim-referral\"]\n[console]\nlisten = \"127.0.0.1:{port}\"\n"
    );
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), &require).await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let ph = Daemon::start(&net, "PH-DFA", &nats.url(), "").await;
    let key_loaded = th
        .audit_lines()
        .await
        .into_iter()
        .find(|l| l["event"] == "key-loaded")
        .unwrap();
    assert!(key_loaded["detail"]["pq_kid"].is_string(), "{key_loaded}");

    // The directory as users (and the console's review page) see it: who has an X-Wing key,
    // and what this node will send under the post-quantum wrap only.
    let directory = th.call("GET", "/v1/directory", None).await;
    let pq: Vec<(&str, bool)> = directory["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), a["pq"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        pq,
        [("ID-KEMLU-PNH", true), ("PH-DFA", false), ("TH-RTP", true)]
    );
    assert_eq!(directory["pq_required"], json!(["victim-referral"]));

    let referral = th.post_referral(&["ID-KEMLU-PNH"]).await;
    let arrived = wait_until(Duration::from_secs(10), || async {
        id.inbox()
            .await
            .iter()
            .any(|m| m["id"] == referral.as_str())
    })
    .await;
    assert!(arrived, "{:?}", id.quarantined().await);
    let seen = id
        .call("GET", &format!("/v1/messages/{referral}"), None)
        .await;
    assert_eq!(seen["body"], referral_body());
    // Both wraps, to the recipient and to the sender itself, are X-Wing.
    let entries: Vec<(String, Value)> = seen["header"]["recipients"]
        .as_array()
        .unwrap_or_else(|| panic!("no recipients in {seen}"))
        .iter()
        .map(|r| (r["agency"].as_str().unwrap().to_owned(), r["alg"].clone()))
        .collect();
    assert_eq!(
        entries,
        [
            ("ID-KEMLU-PNH".to_owned(), json!("X-Wing")),
            ("TH-RTP".to_owned(), json!("X-Wing"))
        ]
    );
    // The sender reads its own copy through its X-Wing half.
    let own = th
        .call("GET", &format!("/v1/messages/{referral}"), None)
        .await;
    assert_eq!(own["body"], referral_body());

    // PH-DFA has no X-Wing key: the referral is refused before sealing, naming it.
    let err = th
        .try_call(
            "POST",
            "/v1/messages",
            Some(
                json!({"kind": "victim-referral", "to": ["ID-KEMLU-PNH", "PH-DFA"], "body": referral_body()}),
            ),
        )
        .await
        .unwrap_err();
    assert!(
        err.contains("PH-DFA") && err.contains("pq.require") && !err.contains("ID-KEMLU-PNH,"),
        "{err}"
    );
    // Alerts are not required to: PH-DFA gets its alert under a classical wrap.
    let alert = th.post_alert(&["ID-KEMLU-PNH", "PH-DFA"]).await;
    let got = wait_until(Duration::from_secs(10), || async {
        ph.inbox().await.iter().any(|m| m["id"] == alert.as_str())
    })
    .await;
    assert!(got, "{:?}", ph.quarantined().await);
    let shown = ph.call("GET", &format!("/v1/messages/{alert}"), None).await;
    let algs: Vec<Value> = shown["header"]["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["alg"].clone())
        .collect();
    assert_eq!(algs, [json!("X-Wing"), Value::Null, json!("X-Wing")]);
    // Nothing was refused anywhere, and no referral reached PH-DFA.
    for d in [&th, &id, &ph] {
        assert_eq!(count(&d.status().await, "quarantined"), 0, "{}", d.id);
    }
    assert!(ph
        .inbox()
        .await
        .iter()
        .all(|m| m["kind"] != "victim-referral"));

    console_says_why(&th, port).await;
}

/// A caseworker of TH-RTP composes a referral to ID-KEMLU-PNH and PH-DFA in the console: the
/// review marks PH-DFA (no X-Wing key) and not ID-KEMLU-PNH, and sending anyway shows the
/// node's refusal naming PH-DFA.
async fn console_says_why(th: &Daemon, port: u16) {
    const PASSWORD: &str = "correct horse battery staple";
    th.call(
        "POST",
        "/v1/users",
        Some(json!({"name": "somchai", "unix": "somchai-nologin", "roles": ["caseworker"]})),
    )
    .await;
    let answer = th
        .call(
            "PUT",
            "/v1/users/somchai/password",
            Some(json!({"password": PASSWORD, "totp": true})),
        )
        .await;
    let secret = answer["totp_secret"].as_str().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = jaring_console::totp::code_at(secret, now).unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let form_headers = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("sec-fetch-site", "same-origin"),
    ];
    let (status, h, body) = http(
        "POST",
        &format!("{base}/login"),
        &form_headers,
        &format!(
            "name=somchai&password={}&code={code}",
            PASSWORD.replace(' ', "+")
        ),
    )
    .await;
    assert_eq!(status, 303, "{body}");
    let cookie = header(&h, "set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let mut headers = form_headers.to_vec();
    headers.push(("cookie", cookie.as_str()));
    let referral = "to=ID-KEMLU-PNH&to=PH-DFA&tlp=RED&case_ref=RTP-2026-0042&nationality=ID\
        &identified_at=2026-11-21T09%3A00&location_country=TH&location_name=Mae+Sot\
        &consent=given&consent_scope=share-with-consulate&needs=medical&non_punishment=yes\
        &risk=high";
    let (status, _, review) = http(
        "POST",
        &format!("{base}/new/referral"),
        &headers,
        &format!("{referral}&step=review"),
    )
    .await;
    assert_eq!(status, 200, "{review}");
    let mark = "no post-quantum (X-Wing) key";
    let items: Vec<&str> = review
        .split("<li>")
        .skip(1)
        .filter(|li| li.contains("ID-KEMLU-PNH,") || li.contains("PH-DFA,"))
        .collect();
    assert_eq!(items.len(), 2, "{review}");
    for li in items {
        assert_eq!(li.contains(mark), li.contains("PH-DFA,"), "{li}");
    }
    let (status, _, refused) = http(
        "POST",
        &format!("{base}/new/referral"),
        &headers,
        &format!("{referral}&step=send"),
    )
    .await;
    assert_eq!(status, 400, "{refused}");
    assert!(
        refused.contains("PH-DFA") && refused.contains("pq.require"),
        "{refused}"
    );
}
