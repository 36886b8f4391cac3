//! The mapping of an alert thread to STIX, through the public API only: what objects a full
//! alert makes and how they refer to each other, ids kept across versions, TLP:RED refused,
//! revocation, timestamps and bundles.

use std::collections::{BTreeMap, BTreeSet};

use jaring_core::body::{AlertBody, Tlp};
use jaring_stix::{
    alert_objects, bundle, common_objects, is_sco, marking_id, revoke, timestamp, AlertVersion,
    Object, Sender, StixError, ThreadIds,
};
use serde_json::{json, Value};
use uuid::Uuid;

const THREAD: &str = "TH-RTP/01a211d3-bd17-76e6-823e-947705ee1a8a";
/// 2026-11-21T10:00:00.000Z.
const SENT_MS: i64 = 1_795_255_200_000;

/// An alert with every indicator kind (two spellings of one domain, one unreadable IP), two
/// operators, a place with coordinates and one without, and a compound reference.
fn full_body() -> Value {
    json!({
        "compound": {"name": "Golden Fortune", "aliases": ["GF Park", " "],
                     "ref": "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e"},
        "from": {"country": "MM", "name": "Shwe Kokko", "lat": 16.84, "lon": 98.51,
                 "precision_m": 2000, "admin": "Kayin"},
        "to": {"country": "KH", "name": "O'Smach"},
        "observed_at": "2026-11-19T08:00:00Z",
        "source_reliability": "B",
        "info_credibility": "2",
        "estimated_persons": 300,
        "nationalities": ["ID", "PH"],
        "scam_types": ["crypto-investment"],
        "narrative": "Moved at night in six buses.",
        "indicators": [
            {"type": "domain", "value": "gf-invest.example", "role": "scam",
             "first_seen": "2026-01-01T00:00:00Z", "last_seen": "2026-11-01T00:00:00Z"},
            {"type": "domain", "value": "GF-Invest.Example."},
            {"type": "url", "value": "https://gf-invest.example/join"},
            {"type": "phone", "value": "+66 81 234 5678", "platform": "whatsapp"},
            {"type": "crypto-wallet", "value": "TQ4xExampleWalletAddress", "chain": "tron",
             "asset": "USDT"},
            {"type": "social-handle", "value": "@GF_HR", "platform": "telegram"},
            {"type": "social-handle", "value": "GF_HR", "platform": "x"},
            {"type": "ip", "value": "198.51.100.3"},
            {"type": "ip", "value": "2001:db8::/32"},
            {"type": "ip", "value": "not-an-address"},
            {"type": "bank-account", "value": "GB82 WEST 1234 5698 7654 32"},
            {"type": "bank-account", "value": "123-456 789"},
            {"type": "email", "value": "hr@gf-invest.example"}
        ],
        "operators": [
            {"name": "Kokang Group", "aliases": ["KK"], "kind": "syndicate"},
            {"name": "Golden Fortune Ltd", "kind": "company"}
        ],
        "x-future-field": "never exported"
    })
}

fn body(value: Value) -> AlertBody {
    serde_json::from_value(value).unwrap()
}

fn version<'a>(
    body: &'a AlertBody,
    tlp: Tlp,
    modified_ms: i64,
    identity: Uuid,
) -> AlertVersion<'a> {
    AlertVersion {
        sender: Sender {
            agency: "TH-RTP",
            name: Some("Royal Thai Police"),
            identity,
            identity_created_ms: SENT_MS - 86_400_000,
        },
        thread: THREAD,
        tlp,
        modified_ms,
        body,
    }
}

fn parse(o: &Object) -> Value {
    serde_json::from_str(&o.json).unwrap()
}

fn of_type<'a>(objects: &'a [Value], kind: &str) -> Vec<&'a Value> {
    objects.iter().filter(|o| o["type"] == kind).collect()
}

/// No empty string or list anywhere, and every property inside an extension named as STIX
/// requires of custom properties.
fn check_shape(value: &Value, path: &str) {
    match value {
        Value::String(s) => assert!(!s.is_empty(), "{path} is an empty string"),
        Value::Array(items) => {
            assert!(!items.is_empty(), "{path} is an empty list");
            for (i, item) in items.iter().enumerate() {
                check_shape(item, &format!("{path}[{i}]"));
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                if path.ends_with(".extensions") {
                    assert!(key.starts_with("extension-definition--"), "{path}.{key}");
                    for name in item.as_object().unwrap().keys() {
                        let ok = name.len() >= 3
                            && name.len() <= 250
                            && name.starts_with(|c: char| c.is_ascii_lowercase())
                            && name
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                        assert!(ok, "{path}.{key}.{name} is not a valid property name");
                    }
                }
                check_shape(item, &format!("{path}.{key}"));
            }
        }
        _ => {}
    }
}

#[test]
fn a_full_alert() {
    let body = body(full_body());
    let sender = Uuid::new_v4();
    let mut ids = ThreadIds::default();
    let objects = alert_objects(&version(&body, Tlp::Amber, SENT_MS, sender), &mut ids).unwrap();
    let values: Vec<Value> = objects.iter().map(parse).collect();

    // Ids unique, and each Object says what its JSON says.
    let unique: BTreeSet<_> = objects.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(unique.len(), objects.len());
    for (o, v) in objects.iter().zip(&values) {
        assert_eq!(v["id"], o.id.as_str());
        assert_eq!(v["type"], o.kind.as_str());
        assert_eq!(o.version.as_deref(), v["modified"].as_str(), "{}", o.id);
        assert_eq!(is_sco(&o.kind), o.version.is_none(), "{}", o.id);
        check_shape(v, &o.id);
    }

    // The identity first, the report last, naming every other object and nothing else.
    assert_eq!(values[0]["id"], format!("identity--{sender}"));
    assert_eq!(values[0]["name"], "Royal Thai Police");
    assert_eq!(
        values[0]["external_references"],
        json!([{"source_name": "jaring-agency", "external_id": "TH-RTP"}])
    );
    assert!(values[0].get("object_marking_refs").is_none());
    let report = values.last().unwrap();
    assert_eq!(report["type"], "report");
    let refs: Vec<&str> = report["object_refs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let others: Vec<&str> = objects[1..objects.len() - 1]
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(refs, others);
    assert_eq!(report["name"], "Compound relocation: Golden Fortune");
    assert_eq!(report["description"], "Moved at night in six buses.");
    assert_eq!(report["published"], "2026-11-21T10:00:00.000Z");
    assert_eq!(
        report["external_references"],
        json!([{"source_name": "jaring", "external_id": THREAD}])
    );
    assert_eq!(report["created_by_ref"], format!("identity--{sender}"));

    // What was made: counted by type.
    let count = |kind: &str| of_type(&values, kind).len();
    assert_eq!(count("identity"), 1);
    assert_eq!(count("infrastructure"), 1);
    assert_eq!(
        count("location"),
        3,
        "a point and its country for `from`, a country for `to`"
    );
    assert_eq!(count("threat-actor"), 2);
    assert_eq!(
        count("domain-name"),
        1,
        "two spellings of one domain are one object"
    );
    assert_eq!(count("ipv4-addr"), 1, "the unreadable address is left out");
    assert_eq!(count("ipv6-addr"), 1);
    assert_eq!(
        count("user-account"),
        2,
        "one handle on two platforms is two accounts"
    );
    assert_eq!(count("bank-account"), 2);
    for kind in ["url", "phone-number", "cryptocurrency-wallet", "email-addr"] {
        assert_eq!(count(kind), 1, "{kind}");
    }
    let observables: Vec<&Value> = values
        .iter()
        .filter(|v| is_sco(v["type"].as_str().unwrap()))
        .collect();
    assert_eq!(observables.len(), 11);
    let relationships = of_type(&values, "relationship");
    let by_type = |t: &str| {
        relationships
            .iter()
            .filter(|r| r["relationship_type"] == t)
            .count()
    };
    assert_eq!(by_type("consists-of"), observables.len());
    assert_eq!(by_type("uses"), 2);
    assert_eq!(by_type("located-at"), 3);
    assert!(!values
        .iter()
        .any(|v| v.to_string().contains("never exported")));

    // Marking and confidence on everything of the alert but the identity.
    for v in &values[1..] {
        assert_eq!(
            v["object_marking_refs"],
            json!([marking_id(Tlp::Amber)]),
            "{}",
            v["id"]
        );
        if !is_sco(v["type"].as_str().unwrap()) {
            assert_eq!(v["confidence"], 70, "{}", v["id"]);
            assert_eq!(v["created"], "2026-11-21T10:00:00.000Z");
            assert_eq!(v["spec_version"], "2.1");
        }
    }

    // The compound.
    let infra = of_type(&values, "infrastructure")[0];
    assert_eq!(infra["aliases"], json!(["GF Park"]));
    assert_eq!(infra["labels"], json!(["crypto-investment"]));
    assert_eq!(infra["first_seen"], "2026-11-19T08:00:00.000Z");
    assert_eq!(infra["last_seen"], infra["first_seen"]);
    assert_eq!(
        infra["external_references"],
        json!([{"source_name": "jaring-compound-ref",
                "external_id": "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e"}])
    );
    let extensions = infra["extensions"].as_object().unwrap();
    let grading = extensions
        .values()
        .find(|e| e.get("admiralty").is_some())
        .unwrap();
    assert_eq!(
        grading,
        &json!({"extension_type": "property-extension", "admiralty": "B2",
                "source_reliability": "B", "info_credibility": "2"})
    );
    let held = json!({"extension_type": "property-extension", "estimated_persons": 300,
                      "nationalities": ["ID", "PH"]});
    assert!(extensions.values().any(|e| e == &held));
    assert_eq!(
        report["extensions"].as_object().unwrap().values().next(),
        Some(grading)
    );

    // The places and the move.
    let locations = of_type(&values, "location");
    let point = locations
        .iter()
        .find(|l| l.get("latitude").is_some())
        .unwrap();
    assert_eq!(point["name"], "Shwe Kokko");
    assert_eq!(
        (point["latitude"].as_f64(), point["longitude"].as_f64()),
        (Some(16.84), Some(98.51))
    );
    assert_eq!(point["precision"].as_f64(), Some(2000.0));
    assert_eq!(point["administrative_area"], "Kayin");
    assert!(point.get("country").is_none());
    let country =
        |code: &str| locations.iter().find(|l| l["country"] == code).unwrap()["id"].clone();
    let located = |source: &Value| {
        relationships
            .iter()
            .find(|r| r["relationship_type"] == "located-at" && &r["source_ref"] == source)
            .copied()
    };
    assert_eq!(located(&point["id"]).unwrap()["target_ref"], country("MM"));
    let moves: Vec<&Value> = relationships
        .iter()
        .copied()
        .filter(|r| r["source_ref"] == infra["id"] && r["relationship_type"] == "located-at")
        .collect();
    assert_eq!(moves.len(), 2);
    let was_at = moves.iter().find(|r| r.get("stop_time").is_some()).unwrap();
    let moved_to = moves
        .iter()
        .find(|r| r.get("start_time").is_some())
        .unwrap();
    assert_eq!(was_at["target_ref"], point["id"]);
    assert!(was_at.get("start_time").is_none() && moved_to.get("stop_time").is_none());
    assert_eq!(was_at["stop_time"], "2026-11-19T08:00:00.000Z");
    assert_eq!(moved_to["target_ref"], country("KH"));
    assert_eq!(moved_to["description"], "O'Smach");

    // Observables.
    let domain = of_type(&values, "domain-name")[0];
    assert_eq!(domain["value"], "gf-invest.example");
    let attributes = domain["extensions"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(
        attributes,
        &json!({"extension_type": "property-extension", "role": "scam",
                "first_seen": "2026-01-01T00:00:00.000Z", "last_seen": "2026-11-01T00:00:00.000Z"})
    );
    // The same value has the same id whoever exports it (UUIDv5; computed with python-stix2's
    // algorithm).
    let ip = of_type(&values, "ipv4-addr")[0];
    assert_eq!(ip["id"], "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4");
    assert!(of_type(&values, "user-account")
        .iter()
        .any(|u| u["user_id"] == "telegram:gf_hr"
            && u["account_login"] == "GF_HR"
            && u.get("account_type").is_none()));
    assert!(of_type(&values, "user-account")
        .iter()
        .any(|u| u["user_id"] == "x:gf_hr" && u["account_type"] == "twitter"));
    assert!(of_type(&values, "bank-account")
        .iter()
        .any(|b| b["iban"] == "GB82WEST12345698765432"));
    assert!(of_type(&values, "bank-account")
        .iter()
        .any(|b| b["account_number"] == "123456789"));
    for custom in ["phone-number", "cryptocurrency-wallet", "bank-account"] {
        for o in of_type(&values, custom) {
            let marker = o["extensions"]
                .as_object()
                .unwrap()
                .values()
                .filter(|e| e["extension_type"] == "new-sco")
                .count();
            assert_eq!(marker, 1, "{custom}");
        }
    }

    // Operators.
    let actors = of_type(&values, "threat-actor");
    let kokang = actors.iter().find(|a| a["name"] == "Kokang Group").unwrap();
    assert_eq!(kokang["aliases"], json!(["KK"]));
    assert_eq!(kokang["threat_actor_types"], json!(["crime-syndicate"]));
    assert!(kokang["extensions"]
        .as_object()
        .unwrap()
        .values()
        .any(|e| e["kind"] == "syndicate"));
    assert!(relationships
        .iter()
        .any(|r| r["relationship_type"] == "uses"
            && r["source_ref"] == kokang["id"]
            && r["target_ref"] == infra["id"]));

    // Every extension the alert uses is defined by the collection's common objects.
    let common: BTreeSet<String> = common_objects(Tlp::Amber)
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    for v in &values {
        if let Some(extensions) = v.get("extensions").and_then(Value::as_object) {
            for key in extensions.keys() {
                assert!(common.contains(key), "{key} of {} is not defined", v["id"]);
            }
        }
    }
}

#[test]
fn the_published_ipv4_vector() {
    let mut value = full_body();
    value["indicators"] = json!([{"type": "ip", "value": "177.60.40.7"}]);
    let body = body(value);
    let objects = alert_objects(
        &version(&body, Tlp::Green, SENT_MS, Uuid::new_v4()),
        &mut ThreadIds::default(),
    )
    .unwrap();
    assert!(objects
        .iter()
        .any(|o| o.id == "ipv4-addr--dc63603e-e634-5357-b239-d4b562bc5445"));
}

#[test]
fn confidence_follows_credibility() {
    for (credibility, confidence) in [
        ("1", Some(90u64)),
        ("3", Some(50)),
        ("5", Some(10)),
        ("6", None),
    ] {
        let mut value = full_body();
        value["info_credibility"] = json!(credibility);
        let body = body(value);
        let objects = alert_objects(
            &version(&body, Tlp::Clear, SENT_MS, Uuid::new_v4()),
            &mut ThreadIds::default(),
        )
        .unwrap();
        for o in objects.iter().skip(1).filter(|o| !is_sco(&o.kind)) {
            assert_eq!(
                parse(o).get("confidence").and_then(Value::as_u64),
                confidence,
                "{credibility} {}",
                o.id
            );
            assert!(o.json.contains(marking_id(Tlp::Clear)));
        }
    }
}

#[test]
fn a_thread_keeps_its_ids_across_versions() {
    let sender = Uuid::new_v4();
    let first_body = body(full_body());
    let mut ids = ThreadIds::default();
    let first =
        alert_objects(&version(&first_body, Tlp::Amber, SENT_MS, sender), &mut ids).unwrap();
    assert_eq!(ids.created_ms, Some(SENT_MS));

    // The caller keeps the ids as JSON between versions.
    let mut ids: ThreadIds = serde_json::from_str(&serde_json::to_string(&ids).unwrap()).unwrap();
    let mut value = full_body();
    value["compound"]["name"] = json!("Golden Fortune Park");
    value["operators"] = json!([{"name": "golden  fortune LTD"}, {"name": "Kokang Group"}]);
    let second_body = body(value);
    let later = SENT_MS + 3_600_000;
    let second =
        alert_objects(&version(&second_body, Tlp::Amber, later, sender), &mut ids).unwrap();
    assert_eq!(ids.created_ms, Some(SENT_MS));

    let by_type = |objects: &[Object]| -> BTreeMap<String, Vec<String>> {
        let mut map = BTreeMap::<String, Vec<String>>::new();
        for o in objects {
            map.entry(o.kind.clone()).or_default().push(o.id.clone());
        }
        map.values_mut().for_each(|ids| ids.sort());
        map
    };
    // The same things, under the same ids: a renamed compound and re-ordered operators too.
    assert_eq!(by_type(&first), by_type(&second));
    for o in second.iter().skip(1).filter(|o| !is_sco(&o.kind)) {
        let v = parse(o);
        assert_eq!(v["created"], timestamp(SENT_MS), "{}", o.id);
        assert_eq!(v["modified"], timestamp(later), "{}", o.id);
        assert_eq!(o.version.as_deref(), Some(timestamp(later).as_str()));
    }
    // The identity is one version whatever alert it comes with.
    assert_eq!(first[0], second[0]);

    // A version stamped before the first keeps `modified` >= `created`.
    let early = alert_objects(
        &version(&second_body, Tlp::Amber, SENT_MS - 5, sender),
        &mut ids,
    )
    .unwrap();
    assert_eq!(parse(early.last().unwrap())["modified"], timestamp(SENT_MS));
}

#[test]
fn red_is_never_exported() {
    let body = body(full_body());
    let mut ids = ThreadIds::default();
    let red = alert_objects(&version(&body, Tlp::Red, SENT_MS, Uuid::new_v4()), &mut ids);
    assert!(matches!(red, Err(StixError::Red)));
    assert_eq!(
        ids.created_ms, None,
        "nothing is minted for a refused version"
    );
    assert!(matches!(common_objects(Tlp::Red), Err(StixError::Red)));
}

#[test]
fn revoking() {
    let body = body(full_body());
    let objects = alert_objects(
        &version(&body, Tlp::Amber, SENT_MS, Uuid::new_v4()),
        &mut ThreadIds::default(),
    )
    .unwrap();
    let report = objects.last().unwrap();

    let later = SENT_MS + 60_000;
    let revoked = revoke(&report.json, later).unwrap().unwrap();
    let v = parse(&revoked);
    assert_eq!(v["revoked"], true);
    assert_eq!(v["modified"], timestamp(later));
    assert_eq!(
        (revoked.id.as_str(), revoked.kind.as_str()),
        (report.id.as_str(), "report")
    );
    assert_eq!(revoked.version.as_deref(), Some(timestamp(later).as_str()));
    assert_eq!(v["object_refs"], parse(report)["object_refs"]);

    // Never earlier than the stored version + 1 ms.
    let early = revoke(&report.json, SENT_MS - 1_000).unwrap().unwrap();
    assert_eq!(parse(&early)["modified"], timestamp(SENT_MS + 1));

    // Observables have no versions to revoke.
    let sco = objects.iter().find(|o| o.kind == "domain-name").unwrap();
    assert!(revoke(&sco.json, later).unwrap().is_none());
    assert!(matches!(revoke("not json", later), Err(StixError::Json(_))));
}

#[test]
fn timestamps() {
    assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(timestamp(SENT_MS + 5), "2026-11-21T10:00:00.005Z");
}

#[test]
fn bundles_splice_objects_in_order() {
    let body = body(full_body());
    let objects = alert_objects(
        &version(&body, Tlp::Amber, SENT_MS, Uuid::new_v4()),
        &mut ThreadIds::default(),
    )
    .unwrap();
    let text = bundle(objects.iter().map(|o| o.json.as_str()));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["type"], "bundle");
    let id = v["id"].as_str().unwrap().strip_prefix("bundle--").unwrap();
    assert_eq!(Uuid::parse_str(id).unwrap().get_version_num(), 4);
    let ids: Vec<&str> = v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = objects.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, expected);

    let empty: Value = serde_json::from_str(&bundle(Vec::<&str>::new())).unwrap();
    assert!(
        empty.get("objects").is_none(),
        "STIX lists may not be empty"
    );
    assert_ne!(empty["id"], v["id"]);
}

#[test]
fn common_objects_of_a_level() {
    let objects = common_objects(Tlp::AmberStrict).unwrap();
    let values: Vec<Value> = objects.iter().map(parse).collect();
    let marking = values
        .iter()
        .find(|v| v["type"] == "marking-definition")
        .unwrap();
    assert_eq!(marking["id"], marking_id(Tlp::AmberStrict));
    assert_eq!(marking["name"], "TLP:AMBER+STRICT");
    assert!(marking.get("definition_type").is_none());
    assert_eq!(of_type(&values, "marking-definition").len(), 1);
    assert_eq!(
        of_type(&values, "extension-definition").len(),
        8,
        "TLP 2.0's and jaring's seven"
    );
    let jaring = of_type(&values, "identity");
    assert_eq!(jaring.len(), 1);
    assert_eq!(jaring[0]["identity_class"], "system");
    for v in of_type(&values, "extension-definition") {
        assert!(v["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(v["version"], "1.0.0");
    }
    let ids: BTreeSet<&str> = objects.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), objects.len());
    // Fixed objects: the same every time.
    assert_eq!(common_objects(Tlp::AmberStrict).unwrap(), objects);
}

#[test]
fn every_level_has_its_own_marking() {
    let levels = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];
    let ids: BTreeSet<&str> = levels.iter().map(|t| marking_id(*t)).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(
        marking_id(Tlp::Red),
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
    );
    assert!(ids.iter().all(|id| id.starts_with("marking-definition--")));
}

#[test]
fn observable_types() {
    for kind in [
        "ipv4-addr",
        "user-account",
        "phone-number",
        "cryptocurrency-wallet",
        "bank-account",
    ] {
        assert!(is_sco(kind), "{kind}");
    }
    for kind in [
        "report",
        "relationship",
        "identity",
        "marking-definition",
        "location",
    ] {
        assert!(!is_sco(kind), "{kind}");
    }
}
