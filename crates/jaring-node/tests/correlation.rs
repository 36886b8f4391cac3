//! Correlation through real nodes on a real nats-server. Three agencies report one compound
//! over three months under two names; the second agency did not know the compound's reference,
//! but its alert shares a Tron wallet and a Telegram handle, written differently. The third
//! agency's trail shows every position in order with the right links, suggests (and does not
//! merge) an alert that shares only the name, ignores a value on the exclusion list, flags a
//! value over the cap, and draws a well-formed map. After retention the index holds nothing.

mod common;

use std::time::Duration;

use common::*;
use jaring_testkit::NatsServer;
use serde_json::{json, Value};

const REF: &str = "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e";
const ALL: [&str; 3] = ["TH-RTP", "ID-KEMLU-PNH", "PH-DFA"];

fn place(country: &str, name: &str, lat: f64, lon: f64) -> Value {
    json!({"country": country, "name": name, "lat": lat, "lon": lon})
}

fn alert(
    name: &str,
    reference: Option<&str>,
    from: Value,
    to: Value,
    observed: &str,
    indicators: Value,
) -> Value {
    let mut compound = json!({"name": name});
    if let Some(r) = reference {
        compound["ref"] = r.into();
    }
    json!({
        "compound": compound, "from": from, "to": to, "observed_at": observed,
        "source_reliability": "B", "info_credibility": "2", "indicators": indicators
    })
}

async fn post(d: &Daemon, body: Value) -> String {
    let to: Vec<&str> = ALL.iter().copied().filter(|a| *a != d.id).collect();
    d.call(
        "POST",
        "/v1/messages",
        Some(json!({"kind": "compound-relocation-alert", "to": to, "body": body})),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A compound's trail as `d` answers it.
async fn trail_of(d: &Daemon, compound: &str) -> Value {
    d.call(
        "GET",
        &format!("/v1/compounds/trail?q={}", q(compound)),
        None,
    )
    .await
}

fn q(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn ids(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_agencies_one_compound_two_names() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let th = Daemon::start(&net, "TH-RTP", &nats.url(), "").await;
    let id = Daemon::start(&net, "ID-KEMLU-PNH", &nats.url(), "").await;
    let settings =
        "[correlation]\nmax_per_value = 3\nexclude = [\"domain:*.shared-host.example\"]\n";
    let mut ph = Daemon::start(&net, "PH-DFA", &nats.url(), settings).await;

    let wallet =
        |w: &str| json!({"type": "crypto-wallet", "value": w, "chain": "tron", "asset": "USDT"});
    let handle = |h: &str| json!({"type": "social-handle", "value": h, "platform": "telegram"});
    let hotline = json!({"type": "phone", "value": "+855 99 000 000"});
    let shared_host = json!({"type": "domain", "value": "cdn.Shared-Host.example"});
    let (myawaddy, mae_sot, osmach, bavet) = (
        place("MM", "Myawaddy", 16.69, 98.51),
        place("TH", "Mae Sot", 16.713, 98.571),
        place("KH", "O'Smach", 14.42, 103.68),
        place("KH", "Bavet", 11.06, 106.13),
    );
    // Thailand first reports it, with the reference.
    let a1 = post(
        &th,
        alert(
            "Golden Fortune",
            Some(REF),
            myawaddy.clone(),
            mae_sot.clone(),
            "2026-09-01T06:00:00Z",
            json!([
                wallet("TQ4xExampleWalletAddress0000000000"),
                handle("@GoldenJobsRecruit"),
                hotline,
                shared_host
            ]),
        ),
    )
    .await;
    // Indonesia, a month later, under another name and without the reference: the same wallet
    // (with stray spaces) and the same handle (no @, lower case).
    let a2 = post(
        &id,
        alert(
            "Kasino Baru",
            None,
            mae_sot.clone(),
            osmach.clone(),
            "2026-10-05T06:00:00Z",
            json!([
                wallet(" TQ4xExampleWalletAddress0000000000 "),
                handle("goldenjobsrecruit")
            ]),
        ),
    )
    .await;
    // The Philippines itself, with the reference.
    let a3 = post(
        &ph,
        alert(
            "Kasino Baru",
            Some(REF),
            osmach.clone(),
            bavet.clone(),
            "2026-11-20T06:00:00Z",
            json!([]),
        ),
    )
    .await;
    // The same name, nothing else in common, far away: only a suggestion.
    let a4 = post(
        &th,
        alert(
            "golden  FORTUNE",
            None,
            place("LA", "Ton Pheung", 20.28, 100.09),
            place("LA", "Bokeo", 20.3, 100.4),
            "2026-11-22T06:00:00Z",
            json!([]),
        ),
    )
    .await;
    // Shares only a value on PH-DFA's exclusion list: never linked.
    let a5 = post(
        &id,
        alert(
            "Unrelated",
            None,
            place("VN", "Hanoi", 21.0, 105.8),
            place("VN", "Hai Phong", 20.8, 106.7),
            "2026-11-01T06:00:00Z",
            json!([{"type": "domain", "value": "cdn.shared-host.example"}]),
        ),
    )
    .await;
    // A hotline number in four alerts, over PH-DFA's cap of 3: flagged, links nothing.
    let mut capped = Vec::new();
    for i in 0..3 {
        capped.push(
            post(
                &th,
                alert(
                    &format!("Other {i}"),
                    None,
                    place("MY", "Johor", 1.5, 103.7),
                    place("MY", "Kota Kinabalu", 5.98 + f64::from(i), 116.07),
                    "2026-08-01T06:00:00Z",
                    json!([{"type": "phone", "value": "(+855) 99-000-000"}]),
                ),
            )
            .await,
        );
    }
    let expected = 7; // the inbox lists what arrived: all but PH-DFA's own
    let arrived = wait_until(Duration::from_secs(20), || async {
        ph.inbox().await.len() == expected
    })
    .await;
    assert!(arrived, "PH-DFA holds {} messages", ph.inbox().await.len());

    // The trail by reference.
    let trail = trail_of(&ph, REF).await;
    assert_eq!(
        ids(&trail["positions"], "id"),
        [a1.clone(), a2.clone(), a3.clone()],
        "{trail:#}"
    );
    assert_eq!(ids(&trail["positions"], "sender"), ALL);
    assert_eq!(trail["positions"][1]["grading"], "B2");
    assert_eq!(trail["reference"], REF);
    assert_eq!(trail["names"], json!(["Golden Fortune", "Kasino Baru"]));
    let links: Vec<(String, String, Vec<String>)> = trail["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let mut pair = [
                l["a"].as_str().unwrap().to_owned(),
                l["b"].as_str().unwrap().to_owned(),
            ];
            pair.sort();
            let via = l["via"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    format!(
                        "{} {}",
                        v["facet"].as_str().unwrap(),
                        v["value"].as_str().unwrap()
                    )
                })
                .collect();
            (pair[0].clone(), pair[1].clone(), via)
        })
        .collect();
    let link = |x: &str, y: &str| {
        let mut pair = [x.to_owned(), y.to_owned()];
        pair.sort();
        links
            .iter()
            .find(|(a, b, _)| *a == pair[0] && *b == pair[1])
            .map(|(_, _, v)| v.clone())
            .unwrap_or_default()
    };
    let mut wallet_and_handle = link(&a1, &a2);
    wallet_and_handle.sort();
    assert_eq!(
        wallet_and_handle,
        [
            "crypto-wallet TQ4xExampleWalletAddress0000000000",
            "social-handle telegram:goldenjobsrecruit"
        ],
        "{links:?}"
    );
    assert_eq!(link(&a1, &a3), [format!("ref {REF}")]);
    // The name-only alert is suggested, with why, and not merged.
    let suggested = ids(&trail["suggestions"], "id");
    assert_eq!(
        suggested,
        std::slice::from_ref(&a4),
        "{:#}",
        trail["suggestions"]
    );
    assert_eq!(
        trail["suggestions"][0]["via"][0],
        json!({"facet": "name", "value": "golden fortune"})
    );
    // Neither the excluded value nor the capped one linked anything.
    let everywhere = format!("{}", trail);
    assert!(!everywhere.contains(&a5));
    for c in &capped {
        assert!(!everywhere.contains(c.as_str()));
    }
    assert_eq!(
        trail["flagged"],
        json!([{"facet": "phone", "value": "+85599000000", "alerts": 4}])
    );
    // The map: well-formed SVG, the four places as labelled points, three numbered arrows.
    let svg = trail["svg"].as_str().unwrap();
    let doc = roxmltree::Document::parse(svg).expect("the map is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for place in ["Myawaddy", "Mae Sot", "O'Smach", "Bavet", "1", "2", "3"] {
        assert!(
            labels.contains(&place),
            "{place} not on the map: {labels:?}"
        );
    }
    let points = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some("#1d4e89"))
        .count();
    assert_eq!(points, 4);
    assert!(
        doc.descendants().any(|n| n.attribute("id") == Some("c116")),
        "Cambodia drawn"
    );

    // By name: the same trail, found through either name.
    let by_name = trail_of(&ph, "kasino baru").await;
    assert_eq!(
        ids(&by_name["positions"], "id"),
        [a1.clone(), a2.clone(), a3.clone()]
    );
    assert_eq!(by_name["key"], REF);
    // A name is no evidence on its own: asked by the name the unrelated Laos alert shares, the
    // trail is the reference's, and that alert is only suggested, never a position.
    let golden = trail_of(&ph, "Golden Fortune").await;
    assert_eq!(
        ids(&golden["positions"], "id"),
        [a1.clone(), a2.clone(), a3.clone()]
    );
    assert!(
        ids(&golden["suggestions"], "id").contains(&a4),
        "{golden:#}"
    );

    // Where the user looks: the message view lists the related alerts and why.
    let shown = ph.call("GET", &format!("/v1/messages/{a1}"), None).await;
    let related = ids(&shown["related"], "id");
    for expected in [&a2, &a3, &a4] {
        assert!(related.contains(expected), "{related:?}");
    }
    assert!(!related.contains(&a5) && !related.iter().any(|r| capped.contains(r)));
    // A capped alert's own view relates nothing through the hotline, and says why.
    let shown = ph
        .call("GET", &format!("/v1/messages/{}", capped[0]), None)
        .await;
    assert_eq!(
        shown["flagged"],
        json!([{"facet": "phone", "value": "+85599000000", "alerts": 4}]),
        "{shown:#}"
    );
    assert!(!ids(&shown["related"], "id")
        .iter()
        .any(|r| capped.contains(r)));
    // A search finds a value however it is written, and says when it is over the cap.
    let found = ph
        .call(
            "GET",
            &format!(
                "/v1/correlate/search?q={}",
                q("social-handle=telegram:@GOLDENJOBSRECRUIT")
            ),
            None,
        )
        .await;
    let mut hits = ids(&found["hits"], "id");
    hits.sort();
    let mut want = vec![a1.clone(), a2.clone()];
    want.sort();
    assert_eq!(hits, want);
    let found = ph
        .call(
            "GET",
            &format!("/v1/correlate/search?q={}", q("phone=+855 99-000-000")),
            None,
        )
        .await;
    assert_eq!(found["flagged"][0]["alerts"], 4);
    assert_eq!(found["hits"].as_array().unwrap().len(), 4);
    let found = ph
        .call(
            "GET",
            &format!("/v1/correlate/search?q={}", q("cdn.shared-host.example")),
            None,
        )
        .await;
    assert_eq!(found["excluded"][0]["facet"], "domain");

    // A person confirms the suggestion: it joins the trail, and the decision is audited.
    let answer = ph
        .call(
            "POST",
            "/v1/compounds/trail/decisions",
            Some(json!({"trail": REF, "id": a4, "sender": "TH-RTP", "decision": "confirm"})),
        )
        .await;
    assert_eq!(answer["recorded"], "confirmed");
    let trail = trail_of(&ph, REF).await;
    assert_eq!(
        ids(&trail["positions"], "id"),
        [a1.clone(), a2.clone(), a3.clone(), a4.clone()]
    );
    assert!(trail["suggestions"].as_array().unwrap().is_empty());
    let audit = ph.audit_lines().await;
    assert!(audit.iter().any(|e| e["event"] == "trail-confirmed"
        && e["message"] == a4.as_str()
        && e["detail"]["user"] == "tester"));
    assert!(audit.iter().any(|e| e["event"] == "correlated"
        && e["detail"]["view"] == "trail"
        && e["detail"]["user"] == "tester"));
    // PH-DFA's own alert, by name only: confirmed and shared, it goes to its recipients as an
    // alert-update that sets the compound's reference, and joins their trails too.
    let a6 = post(
        &ph,
        alert(
            "Kasino Baru",
            None,
            place("KH", "Poipet", 13.65, 102.56),
            place("KH", "Poipet", 13.66, 102.57),
            "2026-11-25T06:00:00Z",
            json!([]),
        ),
    )
    .await;
    let trail = trail_of(&ph, REF).await;
    let own = trail["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == a6.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{:#}", trail["suggestions"]));
    assert_eq!(own["own"], true);
    let answer = ph
        .call(
            "POST",
            "/v1/compounds/trail/decisions",
            Some(json!({"trail": REF, "id": a6, "sender": "PH-DFA", "decision": "confirm", "share": true})),
        )
        .await;
    let update = answer["update"].as_str().unwrap().to_owned();
    let joined = wait_until(Duration::from_secs(20), || async {
        let t = trail_of(&th, REF).await;
        ids(&t["positions"], "id").contains(&a6)
    })
    .await;
    assert!(joined, "TH-RTP's trail never gained the shared alert");
    let shown = th
        .call("GET", &format!("/v1/messages/{update}"), None)
        .await;
    assert_eq!(shown["body"]["compound"]["ref"], REF);
    assert_eq!(shown["header"]["kind"], "alert-update");

    // The audit log names alerts, never the values that linked them.
    assert!(!audit
        .iter()
        .any(|e| e.to_string().to_lowercase().contains("goldenjobs")));

    // A rebuild from the store gives the same index.
    let db = ph.data.join("jaring.db");
    let rows = |db: &std::path::Path| -> (i64, i64) {
        let c = rusqlite::Connection::open(db).unwrap();
        let n = |t: &str| {
            c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        (n("corr_alerts"), n("corr_values"))
    };
    let before = rows(&db);
    let rebuilt = ph.call("POST", "/v1/correlate/rebuild", None).await;
    // Eight alerts received, PH-DFA's two and the update it sent.
    assert_eq!(rebuilt["alerts"], 10);
    assert_eq!(rows(&db), before);

    // A store made before the index was numbered: the node finds the index's tables in their
    // old form when it starts, replaces them, and rebuilds them from the stored alerts; the
    // trail (people's confirmations included) is as it was.
    let positions = ids(&trail_of(&ph, REF).await["positions"], "id");
    ph.terminate();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "DROP TABLE corr_values; DROP TABLE corr_places; DROP TABLE corr_alerts;
             CREATE TABLE corr_alerts (id TEXT NOT NULL, sender TEXT NOT NULL,
                 PRIMARY KEY (id, sender)) WITHOUT ROWID;
             CREATE TABLE corr_values (facet TEXT NOT NULL, value TEXT NOT NULL,
                 id TEXT NOT NULL, sender TEXT NOT NULL,
                 PRIMARY KEY (facet, value, id, sender)) WITHOUT ROWID;",
        )
        .unwrap();
    ph.restart().await;
    let again =
        wait_until(Duration::from_secs(20), || async {
            rows(&db) == before
                && ph.audit_lines().await.iter().any(|e| {
                    e["event"] == "correlation-rebuilt" && e["detail"]["user"] == "jaringd"
                })
        })
        .await;
    assert!(again, "the index was not rebuilt: {:?}", rows(&db));
    let stale: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM meta WHERE key = 'correlation_stale'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
    assert_eq!(ids(&trail_of(&ph, REF).await["positions"], "id"), positions);

    // Retention: alerts kept a second, swept every 200 ms. The index holds nothing after.
    expire_alerts_soon(&mut ph).await;
    let erased = wait_until(Duration::from_secs(20), || async { rows(&db) == (0, 0) }).await;
    assert!(erased, "index rows left: {:?}", rows(&db));
    let c = rusqlite::Connection::open(&db).unwrap();
    for table in ["corr_keys", "corr_places", "corr_decisions"] {
        let n: i64 = c
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let gone = ph
        .try_call("GET", &format!("/v1/compounds/trail?q={REF}"), None)
        .await
        .unwrap_err();
    assert!(gone.contains("no alert"), "{gone}");
    drop((th, id));
}
