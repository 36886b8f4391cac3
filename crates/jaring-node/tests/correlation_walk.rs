//! The trail's walk over the store's index, without a network: which values link alerts as
//! holders come and go, through the `shared` mark the walk reads, the cap, and a store made
//! before the index was numbered. The whole path through real nodes is `correlation.rs`.

use jaring_core::body::AlertBody;
use jaring_core::directory::Role;
use jaring_core::envelope::{seal, Draft, Header};
use jaring_core::{
    AgencyId, Body, Directory, Kind, MessageId, SignedDirectory, Timestamp, Tlp, Trust,
};
use jaring_node::store::correlation::{Settings, TrailRows};
use jaring_node::store::Store;
use jaring_testkit::TestNetwork;
use serde_json::{json, Value};

const REF: &str = "7c1d9e2a-5b3f-4a6e-8d0c-1f2e3a4b5c6d";

struct Kit {
    _tmp: tempfile::TempDir,
    template: Header,
    path: std::path::PathBuf,
    n: i64,
}

fn body(reference: Option<&str>, indicators: Value) -> AlertBody {
    let mut compound = json!({"name": "Golden Fortune"});
    if let Some(r) = reference {
        compound["ref"] = r.into();
    }
    let v = json!({
        "compound": compound,
        "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
        "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.69},
        "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "B", "info_credibility": "2",
        "indicators": indicators
    });
    Body::new(Kind::CompoundRelocationAlert, v, &[])
        .and_then(|b| b.typed())
        .expect("a valid alert body")
}

/// An alert of compound `name` that moved from `from` to `to` (latitude, longitude).
fn moved(name: &str, reference: Option<&str>, from: (f64, f64), to: (f64, f64)) -> AlertBody {
    let mut compound = json!({"name": name});
    if let Some(r) = reference {
        compound["ref"] = r.into();
    }
    let v = json!({
        "compound": compound,
        "from": {"country": "MM", "name": "From", "lat": from.0, "lon": from.1},
        "to": {"country": "KH", "name": "To", "lat": to.0, "lon": to.1},
        "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "B", "info_credibility": "2",
        "indicators": []
    });
    Body::new(Kind::CompoundRelocationAlert, v, &[])
        .and_then(|b| b.typed())
        .expect("a valid alert body")
}

fn wallet(v: &str) -> Value {
    json!({"type": "crypto-wallet", "value": v, "chain": "tron"})
}

fn phone(v: &str) -> Value {
    json!({"type": "phone", "value": v, "platform": "whatsapp"})
}

impl Kit {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let net = TestNetwork::create(
            tmp.path(),
            &[
                ("TH-RTP", Role::LawEnforcement),
                ("ID-N001", Role::Consular),
            ],
        )
        .expect("network");
        let trust = Trust::load(&net.trust_file()).expect("trust");
        let directory: Directory = SignedDirectory::load(&net.directory_file())
            .expect("directory")
            .verify(&trust, Timestamp::now())
            .expect("verified");
        let template = seal(
            &net.secret_key("TH-RTP"),
            &directory,
            Draft {
                body: Body::new(
                    Kind::CompoundRelocationAlert,
                    serde_json::to_value(body(None, json!([]))).expect("json"),
                    &[],
                )
                .expect("body"),
                tlp: Tlp::Amber,
                refs: vec![],
                expires_at: None,
                to: vec![AgencyId::parse("ID-N001").expect("id")],
            },
            Timestamp::now(),
        )
        .expect("sealed")
        .header;
        let path = tmp.path().join("jaring.db");
        Self {
            _tmp: tmp,
            template,
            path,
            n: 0,
        }
    }

    fn store(&self) -> Store {
        Store::open(&self.path, AgencyId::parse("ID-N001").expect("id")).expect("store")
    }

    /// A fresh alert header, each later than the last.
    fn header(&mut self) -> Header {
        self.n += 1;
        let mut h = self.template.clone();
        h.id = MessageId::new();
        h.created_at = Timestamp::from_unix_millis(1_790_000_000_000 + self.n).expect("time");
        h
    }
}

fn members(rows: &TrailRows) -> Vec<String> {
    let mut ids: Vec<String> = rows.members.iter().map(|a| a.id.clone()).collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

#[test]
fn a_value_links_once_a_second_alert_holds_it_and_a_lone_value_links_nothing() {
    let mut kit = Kit::new();
    let store = kit.store();
    let s = Settings::default();
    let (a, b, c, d) = (kit.header(), kit.header(), kit.header(), kit.header());
    // A alone: its wallet and phone are its own.
    store
        .reindex(&[(
            a.clone(),
            Some(body(
                Some(REF),
                json!([wallet("TQ4xWalletOne"), phone("+855 12 345 678")]),
            )),
        )])
        .expect("indexed");
    assert_eq!(
        members(&store.trail(Some(REF), "", &s).expect("trail")),
        vec![a.id.to_string()]
    );
    // B shares the wallet, in its own transaction; C the phone, written differently; D
    // holds only a value of its own. B and D arrive together.
    store
        .reindex(&[
            (
                b.clone(),
                Some(body(None, json!([wallet("TQ4xWalletOne")]))),
            ),
            (
                d.clone(),
                Some(body(None, json!([wallet("TQ4xWalletTwo")]))),
            ),
        ])
        .expect("indexed");
    store
        .reindex(&[(c.clone(), Some(body(None, json!([phone("+85512345678")]))))])
        .expect("indexed");
    let rows = store.trail(Some(REF), "", &s).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string(), c.id.to_string()])
    );
    let vias: Vec<&str> = rows
        .links
        .iter()
        .map(|(_, _, v)| v.facet.as_str())
        .collect();
    assert!(vias.contains(&"crypto-wallet"), "{vias:?}");
    assert!(vias.contains(&"phone"), "{vias:?}");
    // A walk from B (by its wallet's other holder) reaches the same trail: the mark is on
    // every holder, not only the later one.
    let from_b = store.related(&b.id.to_string(), &b.sender.to_string(), &s);
    let (related, flagged) = from_b.expect("related");
    assert!(related.iter().any(|r| r.id == a.id.to_string()));
    assert!(flagged.is_empty(), "{flagged:?}");
}

/// The index as issue 14 first made it: every row keyed by the thread's id and sender.
const UNNUMBERED_INDEX: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE corr_alerts (id TEXT NOT NULL, sender TEXT NOT NULL, version TEXT NOT NULL,
    version_at INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id, sender)) WITHOUT ROWID;
CREATE TABLE corr_values (facet TEXT NOT NULL, value TEXT NOT NULL, id TEXT NOT NULL,
    sender TEXT NOT NULL, shared INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (facet, value, id, sender)) WITHOUT ROWID;
CREATE INDEX corr_values_by_holder ON corr_values (id, sender, shared);
CREATE TABLE corr_places (id TEXT NOT NULL, sender TEXT NOT NULL, end TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, precision_m INTEGER NOT NULL, cell INTEGER NOT NULL,
    PRIMARY KEY (id, sender, end)) WITHOUT ROWID;
CREATE TABLE corr_decisions (trail TEXT NOT NULL, id TEXT NOT NULL, sender TEXT NOT NULL,
    decision TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (trail, id, sender)) WITHOUT ROWID;
INSERT INTO corr_alerts VALUES ('0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 'v', 1, 0);
INSERT INTO corr_values VALUES ('crypto-wallet', 'tq4xwalletone', '0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 1);
INSERT INTO corr_places VALUES ('0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 'to', 14.4, 103.7, 0, 1);
INSERT INTO corr_decisions VALUES ('name:golden fortune', '0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 'dismissed', 'somchai', 1);
";

/// The index as it was numbered first: threads numbered, each holder's row carrying the
/// value's text, values over the cap noted apart.
const TEXT_VALUES_INDEX: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE corr_alerts (num INTEGER PRIMARY KEY, id TEXT NOT NULL, sender TEXT NOT NULL,
    version TEXT NOT NULL, version_at INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,
    compound TEXT NOT NULL DEFAULT '', aliases TEXT NOT NULL DEFAULT '[]', reference TEXT,
    observed_at INTEGER NOT NULL DEFAULT 0, grading TEXT NOT NULL DEFAULT '',
    tlp TEXT NOT NULL DEFAULT '', from_place TEXT NOT NULL DEFAULT '{}',
    to_place TEXT NOT NULL DEFAULT '{}');
CREATE UNIQUE INDEX corr_alerts_by_thread ON corr_alerts (id, sender);
CREATE TABLE corr_values (facet TEXT NOT NULL, value TEXT NOT NULL, num INTEGER NOT NULL,
    shared INTEGER NOT NULL, PRIMARY KEY (facet, value, num)) WITHOUT ROWID;
CREATE INDEX corr_values_by_holder ON corr_values (num, shared);
CREATE TABLE corr_places (slot INTEGER PRIMARY KEY, cell INTEGER NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, precision_m INTEGER NOT NULL);
CREATE TABLE corr_capped (facet TEXT NOT NULL, value TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (facet, value)) WITHOUT ROWID;
CREATE TABLE corr_decisions (trail TEXT NOT NULL, id TEXT NOT NULL, sender TEXT NOT NULL,
    decision TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
    PRIMARY KEY (trail, id, sender)) WITHOUT ROWID;
INSERT INTO corr_alerts (num, id, sender, version, version_at)
    VALUES (1, '0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 'v', 1);
INSERT INTO corr_values VALUES ('crypto-wallet', 'tq4xwalletone', 1, 1);
INSERT INTO corr_places VALUES (3, 1, 14.4, 103.7, 0);
INSERT INTO corr_capped VALUES ('name', 'golden fortune', 1);
INSERT INTO corr_decisions VALUES ('name:golden fortune', '0190f5a0-0000-7000-8000-000000000001', 'TH-RTP', 'dismissed', 'somchai', 1);
";

#[test]
fn a_store_made_before_the_numbered_index_is_emptied_and_marked_for_a_rebuild() {
    an_old_index_is_emptied_and_marked_for_a_rebuild(UNNUMBERED_INDEX);
}

#[test]
fn a_store_whose_values_are_not_numbered_is_emptied_and_marked_for_a_rebuild() {
    an_old_index_is_emptied_and_marked_for_a_rebuild(TEXT_VALUES_INDEX);
}

fn an_old_index_is_emptied_and_marked_for_a_rebuild(schema: &str) {
    let mut kit = Kit::new();
    {
        let conn = rusqlite::Connection::open(&kit.path).expect("sqlite");
        conn.execute_batch(schema).expect("old schema");
    }
    let store = kit.store();
    // The old rows are gone (the index is derived from the stored messages), the store says
    // a rebuild is due, and people's decisions are kept.
    assert!(store.correlation_stale().expect("meta"));
    assert_eq!(store.correlation_rows().expect("rows"), (0, 0, 0));
    assert_eq!(values_held(&kit), vec![]);
    let capped_table: i64 = rusqlite::Connection::open(&kit.path)
        .expect("sqlite")
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'corr_capped'",
            [],
            |r| r.get(0),
        )
        .expect("tables");
    assert_eq!(capped_table, 0);
    let decisions: i64 = rusqlite::Connection::open(&kit.path)
        .expect("sqlite")
        .query_row("SELECT COUNT(*) FROM corr_decisions", [], |r| r.get(0))
        .expect("decisions");
    assert_eq!(decisions, 1);
    // The new tables take alerts and link them.
    let (a, b) = (kit.header(), kit.header());
    store
        .reindex(&[
            (
                a.clone(),
                Some(body(Some(REF), json!([wallet("TQ4xWalletOne")]))),
            ),
            (
                b.clone(),
                Some(body(None, json!([wallet("TQ4xWalletOne")]))),
            ),
        ])
        .expect("indexed");
    let s = Settings::default();
    assert_eq!(
        members(&store.trail(Some(REF), "", &s).expect("trail")),
        sorted(vec![a.id.to_string(), b.id.to_string()])
    );
    // Once a rebuild has run to its end, the store is no longer stale, and opening it again
    // keeps what it holds.
    store.correlation_rebuilt().expect("rebuilt");
    drop(store);
    let store = kit.store();
    assert!(!store.correlation_stale().expect("meta"));
    // Two threads; the wallet and the name each twice, the reference once; two places each.
    assert_eq!(store.correlation_rows().expect("rows"), (2, 5, 4));
}

#[test]
fn a_rebuild_leaves_out_what_retention_erased_and_is_stale_until_it_ends() {
    let mut kit = Kit::new();
    let store = kit.store();
    let (a, b) = (kit.header(), kit.header());
    store.clear_correlation().expect("cleared");
    assert!(store.correlation_stale().expect("meta"));
    // Retention erased B after the rebuild had opened its page: its tombstone is there when
    // the page is indexed.
    rusqlite::Connection::open(&kit.path)
        .expect("sqlite")
        .execute(
            "INSERT INTO erased (id, sender, at) VALUES (?1, ?2, 1)",
            [b.id.to_string(), b.sender.to_string()],
        )
        .expect("tombstone");
    store
        .reindex(&[
            (
                a.clone(),
                Some(body(Some(REF), json!([wallet("TQ4xWalletOne")]))),
            ),
            (b, Some(body(Some(REF), json!([wallet("TQ4xWalletOne")])))),
        ])
        .expect("indexed");
    let s = Settings::default();
    assert_eq!(
        members(&store.trail(Some(REF), "", &s).expect("trail")),
        vec![a.id.to_string()]
    );
    assert_eq!(store.correlation_rows().expect("rows").0, 1);
    store.correlation_rebuilt().expect("rebuilt");
    assert!(!store.correlation_stale().expect("meta"));
}

#[test]
fn a_trail_asked_for_by_name_takes_in_no_alert_on_the_name_alone() {
    let mut kit = Kit::new();
    let store = kit.store();
    let s = Settings::default();
    // Three alerts named alike, none with a reference; B shares A's wallet, C nothing.
    let (a, b, c) = (kit.header(), kit.header(), kit.header());
    store
        .reindex(&[
            (
                a.clone(),
                Some(body(None, json!([wallet("TQ4xWalletOne")]))),
            ),
            (
                b.clone(),
                Some(body(None, json!([wallet("TQ4xWalletOne")]))),
            ),
            (c.clone(), Some(body(None, json!([])))),
        ])
        .expect("indexed");
    // From the earliest alert of that name (same observation: the first id): B joins by the
    // wallet, C is suggested by the name.
    let rows = store.trail(None, "golden fortune", &s).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string()])
    );
    assert_eq!(rows.key, "name:golden fortune");
    // (Suggested by the name, and by its places, the same as A's.)
    let suggested: std::collections::BTreeSet<(String, String)> = rows
        .suggestions
        .iter()
        .map(|(alert, _, via)| (alert.id.clone(), via.facet.clone()))
        .collect();
    assert!(suggested.contains(&(c.id.to_string(), "name".to_owned())));
    assert!(suggested.iter().all(|(id, _)| *id == c.id.to_string()));
    // Once C carries a reference, asking by the name gives C's trail, and A and B are the
    // suggestions.
    let mut update = kit.header();
    update.kind = Kind::AlertUpdate;
    update.refs = vec![c.id];
    store
        .reindex(&[(update, Some(body(Some(REF), json!([]))))])
        .expect("updated");
    let rows = store.trail(None, "golden fortune", &s).expect("trail");
    assert_eq!(members(&rows), vec![c.id.to_string()]);
    assert_eq!(rows.key, REF);
    let suggested: std::collections::BTreeSet<String> = rows
        .suggestions
        .iter()
        .map(|(alert, _, _)| alert.id.clone())
        .collect();
    assert_eq!(
        suggested,
        [a.id.to_string(), b.id.to_string()].into_iter().collect()
    );
}

/// The values the index holds, with whether each is noted over the cap.
fn values_held(kit: &Kit) -> Vec<(String, String, bool)> {
    let c = rusqlite::Connection::open(&kit.path).expect("sqlite");
    let mut stmt = c
        .prepare("SELECT facet, value, capped_at IS NOT NULL FROM corr_keys ORDER BY facet, value")
        .expect("query");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows");
    rows.map(|r| r.expect("row")).collect()
}

#[test]
fn a_value_no_thread_holds_any_more_leaves_the_index() {
    let mut kit = Kit::new();
    let store = kit.store();
    store.set_correlation_cap(2).expect("cap");
    let (a, b, c) = (kit.header(), kit.header(), kit.header());
    // Three alerts share a wallet and a name (over the cap of two); A holds a phone alone.
    store
        .reindex(&[
            (
                a.clone(),
                Some(body(
                    Some(REF),
                    json!([wallet("TQ4xShared"), phone("+855 12 345 678")]),
                )),
            ),
            (b.clone(), Some(body(None, json!([wallet("TQ4xShared")])))),
            (c.clone(), Some(body(None, json!([wallet("TQ4xShared")])))),
        ])
        .expect("indexed");
    let held = |f: &str, v: &str, capped: bool| (f.to_owned(), v.to_owned(), capped);
    assert_eq!(
        values_held(&kit),
        vec![
            held("crypto-wallet", "TQ4xShared", true),
            held("name", "golden fortune", true),
            held("phone", "+85512345678", false),
            held("ref", REF, false),
        ]
    );
    // A's update drops the phone: the value goes with it; the others stay as they were.
    let mut update = kit.header();
    update.kind = Kind::AlertUpdate;
    update.refs = vec![a.id];
    store
        .reindex(&[(update, Some(body(Some(REF), json!([wallet("TQ4xShared")]))))])
        .expect("updated");
    assert_eq!(
        values_held(&kit),
        vec![
            held("crypto-wallet", "TQ4xShared", true),
            held("name", "golden fortune", true),
            held("ref", REF, false),
        ]
    );
    // B and C cancelled: A still holds the wallet (still noted: a count that falls back under
    // the cap is taken again only when the cap changes); A cancelled too: nothing is left.
    let cancel = |kit: &mut Kit, of: &Header| {
        let mut h = kit.header();
        h.kind = Kind::AlertCancel;
        h.refs = vec![of.id];
        (h, None)
    };
    let cancels = vec![cancel(&mut kit, &b), cancel(&mut kit, &c)];
    store.reindex(&cancels).expect("cancelled");
    assert_eq!(values_held(&kit).len(), 3);
    // A updated again, the wallet kept: its only holder's update keeps it noted, under the
    // same number.
    let number = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .expect("sqlite")
            .query_row(
                "SELECT key FROM corr_keys WHERE value = 'TQ4xShared'",
                [],
                |r| r.get(0),
            )
            .expect("the wallet")
    };
    let before = number(&kit.path);
    let mut again = kit.header();
    again.kind = Kind::AlertUpdate;
    again.refs = vec![a.id];
    store
        .reindex(&[(again, Some(body(Some(REF), json!([wallet("TQ4xShared")]))))])
        .expect("updated");
    assert!(values_held(&kit).contains(&held("crypto-wallet", "TQ4xShared", true)));
    assert_eq!(number(&kit.path), before);
    let last = vec![cancel(&mut kit, &a)];
    store.reindex(&last).expect("cancelled");
    assert_eq!(values_held(&kit), vec![]);
    assert_eq!(store.correlation_rows().expect("rows").1, 0);
}

#[test]
fn a_value_over_the_cap_is_flagged_and_links_nothing() {
    let mut kit = Kit::new();
    let store = kit.store();
    store.set_correlation_cap(2).expect("cap");
    let s = Settings {
        max_per_value: 2,
        ..Settings::default()
    };
    let a = kit.header();
    let mut batch = vec![(
        a.clone(),
        Some(body(Some(REF), json!([wallet("TQ4xCommonWallet")]))),
    )];
    for _ in 0..3 {
        batch.push((
            kit.header(),
            Some(body(None, json!([wallet("TQ4xCommonWallet")]))),
        ));
    }
    store.reindex(&batch).expect("indexed");
    let rows = store.trail(Some(REF), "", &s).expect("trail");
    assert_eq!(members(&rows), vec![a.id.to_string()]);
    // The wallet and the name (all four are "Golden Fortune"), counted up to the cap and one.
    let wallet = rows
        .flagged
        .iter()
        .find(|f| f.facet == "crypto-wallet")
        .expect("the wallet is flagged");
    assert_eq!(
        (wallet.value.as_str(), wallet.alerts),
        ("TQ4xCommonWallet", 3)
    );
    assert!(
        rows.flagged.iter().any(|f| f.facet == "name"),
        "{:?}",
        rows.flagged
    );
    // The alert's own view relates nothing by them, and says so: both flagged; its reference
    // (its alone) relates nothing either.
    let (related, flagged) = store
        .related(&a.id.to_string(), a.sender.as_str(), &s)
        .expect("related");
    assert!(related.is_empty(), "{related:?}");
    let mut facets: Vec<&str> = flagged.iter().map(|f| f.facet.as_str()).collect();
    facets.sort();
    assert_eq!(facets, ["crypto-wallet", "name"], "{flagged:?}");
    assert!(flagged.iter().all(|f| f.alerts == 3), "{flagged:?}");
}

#[test]
fn alerts_near_a_stop_are_suggested_nearest_first_unless_dismissed_or_far() {
    let mut kit = Kit::new();
    let store = kit.store();
    let s = Settings::default();
    let (a, b, near, nearer, far, dismissed) = (
        kit.header(),
        kit.header(),
        kit.header(),
        kit.header(),
        kit.header(),
        kit.header(),
    );
    // The trail: two alerts of one reference, Myawaddy to O'Smach.
    let trail = ((16.69, 98.51), (14.42, 103.69));
    // Others, of another name, starting far from everything.
    let elsewhere = (21.0, 92.0);
    store
        .reindex(&[
            (
                a.clone(),
                Some(moved("Golden Fortune", Some(REF), trail.0, trail.1)),
            ),
            (
                b.clone(),
                Some(moved("Golden Fortune", Some(REF), trail.0, trail.1)),
            ),
            // About 3.5 km and 1.1 km from O'Smach.
            (
                near.clone(),
                Some(moved("Lucky Star", None, elsewhere, (14.45, 103.70))),
            ),
            (
                nearer.clone(),
                Some(moved("Lucky Star", None, elsewhere, (14.43, 103.69))),
            ),
            // About 87 km east.
            (
                far.clone(),
                Some(moved("Lucky Star", None, elsewhere, (14.42, 104.50))),
            ),
            (
                dismissed.clone(),
                Some(moved("Lucky Star", None, elsewhere, (14.44, 103.68))),
            ),
        ])
        .expect("indexed");
    store
        .decide(
            REF,
            &dismissed.id.to_string(),
            &dismissed.sender.to_string(),
            false,
            "tester",
            "0",
        )
        .expect("dismissed");
    let rows = store.trail(Some(REF), "", &s).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string()])
    );
    let suggested: Vec<(String, String, String)> = rows
        .suggestions
        .iter()
        .map(|(alert, _, via)| (alert.id.clone(), via.facet.clone(), via.value.clone()))
        .collect();
    assert_eq!(
        suggested,
        vec![
            (
                nearer.id.to_string(),
                "near".to_string(),
                "1.1 km".to_string()
            ),
            (
                near.id.to_string(),
                "near".to_string(),
                "3.5 km".to_string()
            ),
        ],
        "{suggested:?}"
    );
    // The trail's members are linked by their reference, never suggested.
    assert!(rows.links.iter().any(|(_, _, v)| v.facet == "ref"));
}

#[test]
fn an_excluded_reference_takes_nothing_into_a_trail_it_does_not_start() {
    const OTHER: &str = "7d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a";
    let mut kit = Kit::new();
    let store = kit.store();
    // A carries REF; B shares A's wallet and carries OTHER, which C carries too.
    let (a, b, c) = (kit.header(), kit.header(), kit.header());
    store
        .reindex(&[
            (
                a.clone(),
                Some(body(Some(REF), json!([wallet("TQ4xWalletOne")]))),
            ),
            (
                b.clone(),
                Some(body(Some(OTHER), json!([wallet("TQ4xWalletOne")]))),
            ),
            (c.clone(), Some(body(Some(OTHER), json!([])))),
        ])
        .expect("indexed");
    let all = sorted(vec![a.id.to_string(), b.id.to_string(), c.id.to_string()]);
    let rows = store
        .trail(Some(REF), REF, &Settings::default())
        .expect("trail");
    assert_eq!(members(&rows), all, "B by the wallet, C by B's reference");
    // With OTHER excluded, B still joins by the wallet, and C stays out (suggested by the
    // name only); a trail asked for by OTHER itself starts from the alerts that carry it.
    let s = Settings {
        exclusions: jaring_correlate::Exclusions::new(&[format!("ref:{OTHER}")])
            .expect("exclusions"),
        ..Settings::default()
    };
    let rows = store.trail(Some(REF), REF, &s).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string()])
    );
    assert!(rows
        .suggestions
        .iter()
        .any(|(alert, _, via)| alert.id == c.id.to_string() && via.facet == "name"));
    let rows = store.trail(Some(OTHER), OTHER, &s).expect("trail");
    assert_eq!(members(&rows), all, "B and C as seeds, A by the wallet");
    // Asked for by the name all three share: the excluded reference is no anchor, and the
    // trail is filed under REF; with REF excluded too, it starts from the earliest alone.
    let rows = store.trail(None, "golden fortune", &s).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string()])
    );
    assert_eq!(rows.key, REF);
    let both = Settings {
        exclusions: jaring_correlate::Exclusions::new(&[
            format!("ref:{OTHER}"),
            format!("ref:{REF}"),
        ])
        .expect("exclusions"),
        ..Settings::default()
    };
    let rows = store.trail(None, "golden fortune", &both).expect("trail");
    assert_eq!(
        members(&rows),
        sorted(vec![a.id.to_string(), b.id.to_string()]),
        "A, the earliest, and B by the wallet"
    );
    assert_eq!(rows.key, "name:golden fortune");
}
