//! The feed's HTTP layer, driven request by request through the router: discovery and the API
//! root, authentication, `Accept`, paging with `limit` / `next` / `added_after`, the
//! `match[...]` filters, the manifest, versions, errors and the audit of every read.
//!
//! The backend here is an in-memory test double of the node's store, for the HTTP layer only:
//! it filters a list the way the store's query does, so that what is checked is what the
//! router makes of it. It says nothing about the store itself; the real node, its SQLite
//! store and real TAXII clients are tested in crates/jaring-node/tests/taxii.rs.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use http_body_util::BodyExt;
use jaring_core::body::Tlp;
use jaring_taxii::query::{floor_ms, timestamp, ObjectQuery, Versions};
use jaring_taxii::{Backend, Reader, StoredObject, TaxiiError, COLLECTIONS};
use serde_json::{json, Value};
use tower::ServiceExt;

// Written out rather than taken from `jaring_taxii::media`: a client sees these strings, so a
// change to the constants must fail here.
const TAXII: &str = "application/taxii+json;version=2.1";
const STIX: &str = "application/stix+json;version=2.1";

/// Some time in 2026, so the timestamps look like real ones.
const T0: i64 = 1_790_000_000_000;
const REPORT: &str = "report--aaaaaaaa-0000-4000-8000-000000000001";
const LOCATION: &str = "location--bbbbbbbb-0000-4000-8000-000000000002";
const INDICATOR: &str = "indicator--cccccccc-0000-4000-8000-000000000003";
/// In GREEN: no read of AMBER may show it.
const IN_GREEN: &str = "location--dddddddd-0000-4000-8000-000000000004";

/// One stored version of an object, and whether it is the object's latest.
struct Row {
    object: StoredObject,
    latest: bool,
}

/// The in-memory store: rows per level, and how many reads were audited.
#[derive(Default)]
struct MemFeed {
    rows: HashMap<Tlp, Vec<Row>>,
    audited: AtomicUsize,
}

impl MemFeed {
    /// Adds a version of `id` to `tlp`'s collection, added at `added_ms` and modified then.
    /// It becomes the latest; the object's earlier versions stop being it, as in the store.
    fn add(&mut self, tlp: Tlp, added_ms: i64, id: &str) -> &mut Self {
        let version = timestamp(added_ms);
        let rows = self.rows.entry(tlp).or_default();
        for r in rows.iter_mut().filter(|r| r.object.id == id) {
            r.latest = false;
        }
        let kind = id.split_once("--").map_or(id, |(k, _)| k);
        let json = json!({"type": kind, "spec_version": "2.1", "id": id, "modified": version});
        let (id, json) = (id.to_owned(), json.to_string());
        let object = StoredObject {
            added_ms,
            id,
            version,
            json,
        };
        rows.push(Row {
            object,
            latest: true,
        });
        self
    }

    /// How many reads were audited so far.
    fn audits(&self) -> usize {
        self.audited.load(Ordering::SeqCst)
    }
}

impl Backend for MemFeed {
    fn title(&self) -> String {
        "TH-NCB".into()
    }

    async fn authenticate(
        &self,
        name: &str,
        password: &str,
        _address: IpAddr,
    ) -> Result<Reader, TaxiiError> {
        match (name, password) {
            ("feed", "right-password") => Ok(Reader {
                name: name.to_owned(),
                levels: COLLECTIONS.iter().map(|c| c.tlp).collect(),
            }),
            ("nofeed", "pw") => Err(TaxiiError::forbidden("no role feed")),
            _ => Err(TaxiiError::unauthorized("wrong user name or password")),
        }
    }

    async fn objects(&self, tlp: Tlp, q: ObjectQuery) -> Result<Vec<StoredObject>, TaxiiError> {
        let rows = self.rows.get(&tlp).map(Vec::as_slice).unwrap_or_default();
        // The store compares versions as instants: `.5Z` and `.500Z` are the same version.
        let norm = |v: &str| floor_ms(v).map(timestamp).unwrap_or_else(|_| v.to_owned());
        let is_first = |o: &StoredObject| {
            !rows
                .iter()
                .any(|r| r.object.id == o.id && r.object.added_ms < o.added_ms)
        };
        let wanted = |r: &Row| match &q.versions {
            Versions::Last => r.latest,
            Versions::First => is_first(&r.object),
            Versions::All => true,
            Versions::At {
                versions,
                last,
                first,
            } => {
                versions.iter().any(|v| norm(v) == r.object.version)
                    || (*last && r.latest)
                    || (*first && is_first(&r.object))
            }
        };
        let of_type =
            |o: &StoredObject| q.types.iter().any(|t| o.id.starts_with(&format!("{t}--")));
        let mut out: Vec<StoredObject> = rows
            .iter()
            .filter(|r| wanted(r))
            .map(|r| r.object.clone())
            .filter(|o| q.after_ms.is_none_or(|a| o.added_ms > a))
            .filter(|o| q.ids.is_empty() || q.ids.contains(&o.id))
            .filter(|o| q.types.is_empty() || of_type(o))
            .collect();
        out.sort_by_key(|o| o.added_ms);
        out.truncate(q.limit + 1);
        Ok(out)
    }

    async fn audit_read(
        &self,
        _reader: &Reader,
        _what: &'static str,
        _tlp: Tlp,
        _objects: usize,
    ) -> Result<(), TaxiiError> {
        self.audited.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// The router over `feed`, and the feed, kept to read its audit count.
fn feed_router(feed: MemFeed) -> (Router, Arc<MemFeed>) {
    let feed = Arc::new(feed);
    (jaring_taxii::router(feed.clone()), feed)
}

/// 250 objects in GREEN, one version each, in `date_added` order with their added times:
/// 1001 ms apart, so no two share a second and flooring to the millisecond shows.
fn green_250() -> (MemFeed, Vec<(i64, String)>) {
    let (mut feed, mut all) = (MemFeed::default(), Vec::new());
    for n in 1..=250 {
        let id = format!("indicator--00000000-0000-4000-8000-{n:012}");
        feed.add(Tlp::Green, T0 + n * 1001, &id);
        all.push((T0 + n * 1001, id));
    }
    (feed, all)
}

/// A few objects in AMBER: a report in two versions, a location, an indicator; and
/// [`IN_GREEN`].
fn amber_small() -> MemFeed {
    let mut feed = MemFeed::default();
    feed.add(Tlp::Amber, T0 + 1_000, REPORT)
        .add(Tlp::Amber, T0 + 1_500, LOCATION)
        .add(Tlp::Amber, T0 + 2_000, REPORT)
        .add(Tlp::Amber, T0 + 2_500, INDICATOR)
        .add(Tlp::Green, T0 + 1_200, IN_GREEN);
    feed
}

/// The path of `tlp`'s collection, then `rest`.
fn coll(tlp: Tlp, rest: &str) -> String {
    let c = COLLECTIONS.iter().find(|c| c.tlp == tlp);
    let id = c.expect("a collection per level").id;
    format!("/taxii2/jaring/collections/{id}/{rest}")
}

/// An `Authorization` header for HTTP Basic `name` and `password`.
fn basic(name: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{name}:{password}")))
}

/// A request with these `Authorization` and `Accept` headers, each left out when `None`.
fn request(method: Method, uri: &str, auth: Option<&str>, accept: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    if let Some(a) = auth {
        b = b.header(header::AUTHORIZATION, a);
    }
    if let Some(a) = accept {
        b = b.header(header::ACCEPT, a);
    }
    b.body(Body::empty()).expect("a valid request")
}

/// A GET of `uri` by the feed user, accepting TAXII 2.1: what a well-behaved client sends.
fn get(uri: &str) -> Request<Body> {
    let auth = basic("feed", "right-password");
    request(Method::GET, uri, Some(&auth), Some(TAXII))
}

/// An answer: its status, headers and body (as JSON, or as a JSON string holding the text
/// when it is not JSON, so a failed assertion shows what came back).
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Reply {
    /// The header `name`, if it is there and is text.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a 200 in TAXII 2.1 JSON.
    fn assert_ok(&self) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert_eq!(self.header("content-type"), Some(TAXII), "{}", self.body);
    }

    /// Asserts a TAXII error resource (§3.6.1) with `status`, in TAXII 2.1 JSON like any
    /// answer: a client's parser must read errors too. `http_status` is a string there.
    fn assert_error(&self, status: StatusCode) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.header("content-type"), Some(TAXII), "{}", self.body);
        assert_eq!(self.body["http_status"], status.as_u16().to_string());
        for field in ["title", "description"] {
            let text = self.body[field].as_str();
            assert!(text.is_some_and(|t| !t.is_empty()), "{}", self.body);
        }
    }

    /// The ids of an envelope's or a manifest's objects, in order.
    fn ids(&self) -> Vec<String> {
        let list = self.body["objects"].as_array().cloned().unwrap_or_default();
        list.iter()
            .filter_map(|o| o["id"].as_str().map(str::to_owned))
            .collect()
    }
}

/// Sends `req` through a clone of `app` (`oneshot` consumes the service it is called on).
async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await;
    let (parts, body) = res.expect("the router is infallible").into_parts();
    let bytes = body.collect().await.expect("an in-memory body").to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    let (status, headers) = (parts.status, parts.headers);
    Reply {
        status,
        headers,
        body,
    }
}

/// [`get`]s `uri` and asserts a 200 in TAXII 2.1 JSON.
async fn read(app: &Router, uri: &str) -> Reply {
    let r = send(app, get(uri)).await;
    r.assert_ok();
    r
}

/// [`get`]s `uri` and asserts the TAXII error `status`.
async fn refused(app: &Router, uri: &str, status: StatusCode) {
    send(app, get(uri)).await.assert_error(status);
}

/// A GET of `uri` with these `Authorization` and `Accept` headers.
async fn get_as(app: &Router, uri: &str, auth: Option<&str>, accept: Option<&str>) -> Reply {
    send(app, request(Method::GET, uri, auth, accept)).await
}

#[tokio::test]
async fn discovery_and_the_api_root_answer_with_and_without_the_trailing_slash() {
    let (app, _) = feed_router(MemFeed::default());
    for uri in ["/taxii2/", "/taxii2"] {
        let r = read(&app, uri).await;
        assert_eq!(r.body["api_roots"], json!(["/taxii2/jaring/"]), "{uri}");
        assert_eq!(r.body["default"], "/taxii2/jaring/", "{uri}");
    }
    for uri in ["/taxii2/jaring/", "/taxii2/jaring"] {
        let r = read(&app, uri).await;
        assert_eq!(r.body["versions"], json!([TAXII]), "{uri}");
    }
}

#[tokio::test]
async fn bad_credentials_get_401_with_a_challenge_and_a_user_without_the_role_403() {
    let (app, feed) = feed_router(amber_small());
    let objects = coll(Tlp::Amber, "objects/");
    // Another scheme is no credentials at all, not an error of its own.
    let cases = [
        None,
        Some(basic("feed", "wrong-password")),
        Some(basic("nobody", "right-password")),
        Some("Bearer abc".to_owned()),
    ];
    for auth in &cases {
        let r = get_as(&app, &objects, auth.as_deref(), Some(TAXII)).await;
        r.assert_error(StatusCode::UNAUTHORIZED);
        // Without the challenge a client (or a browser) never offers credentials.
        let challenge = r.header("www-authenticate").unwrap_or_default();
        assert!(challenge.starts_with("Basic"), "{auth:?}: {challenge:?}");
    }
    let auth = basic("nofeed", "pw");
    let r = get_as(&app, &objects, Some(&auth), Some(TAXII)).await;
    r.assert_error(StatusCode::FORBIDDEN);
    assert!(
        r.header("www-authenticate").is_none(),
        "other credentials would not help"
    );
    // Nothing was read for any of them, so there was nothing to audit.
    assert_eq!(feed.audits(), 0);
}

#[tokio::test]
async fn another_taxii_version_gets_406_and_any_type_or_no_accept_is_answered() {
    let (app, _) = feed_router(MemFeed::default());
    let auth = basic("feed", "right-password");
    let only_2_0 = Some("application/taxii+json;version=2.0");
    let r = get_as(&app, "/taxii2/", Some(&auth), only_2_0).await;
    r.assert_error(StatusCode::NOT_ACCEPTABLE);
    // curl and browsers send these; the only version there is, is the right answer to them.
    for accept in [Some("*/*"), None] {
        get_as(&app, "/taxii2/", Some(&auth), accept)
            .await
            .assert_ok();
    }
}

#[tokio::test]
async fn paging_with_next_serves_every_object_once_and_added_after_is_strict() {
    let (feed, all) = green_250();
    let (app, _) = feed_router(feed);
    let base = coll(Tlp::Green, "objects/");
    let ids = |range: std::ops::Range<usize>| -> Vec<String> {
        all[range].iter().map(|(_, id)| id.clone()).collect()
    };
    let (mut seen, mut sizes) = (Vec::<String>::new(), Vec::new());
    let mut uri = format!("{base}?limit=100");
    loop {
        let r = read(&app, &uri).await;
        let page = r.ids();
        assert!(
            !page.is_empty() && sizes.len() < 3,
            "pages {sizes:?}, then {}",
            r.body
        );
        let (from, to) = (seen.len(), seen.len() + page.len());
        assert_eq!(page, ids(from..to), "page {}", sizes.len() + 1);
        let (first, last) = (timestamp(all[from].0), timestamp(all[to - 1].0));
        assert_eq!(r.header("x-taxii-date-added-first"), Some(first.as_str()));
        assert_eq!(r.header("x-taxii-date-added-last"), Some(last.as_str()));
        sizes.push(page.len());
        seen.extend(page);
        let Some(next) = r.body.get("next") else {
            assert_eq!(r.body["more"], false);
            break;
        };
        assert_eq!(r.body["more"], true);
        // Clients re-send their original parameters with `next`.
        uri = format!("{base}?limit=100&next={}", next.as_str().expect("a string"));
    }
    assert_eq!(sizes, [100, 100, 50]);
    let distinct: HashSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), 250, "no object twice, none lost");

    // `added_after` #100's own time: #100 is not after itself.
    let at_100 = timestamp(all[99].0);
    let r = read(&app, &format!("{base}?added_after={at_100}")).await;
    assert_eq!(r.ids(), ids(100..200));

    // OpenCTI re-sends its `added_after` with `next`: the later bound must win, or the
    // client would read its first page for ever.
    let early = format!("{base}?added_after={}&limit=100", timestamp(T0));
    let r = read(&app, &early).await;
    let next = r.body["next"]
        .as_str()
        .expect("more than 100 objects")
        .to_owned();
    let r = read(&app, &format!("{early}&next={next}")).await;
    assert_eq!(r.ids(), ids(100..200));

    // "not-a-cursor", and not base64 at all: a cursor is only what this server gave.
    for forged in ["bm90LWEtY3Vyc29y", "!!"] {
        let uri = format!("{base}?next={forged}");
        refused(&app, &uri, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn match_filters_narrow_the_objects_and_bad_limits_are_refused() {
    let (app, _) = feed_router(amber_small());
    let base = coll(Tlp::Amber, "objects/");
    // Brackets percent-encoded, as clients send them.
    let by_id = format!("match%5Bid%5D={INDICATOR}");
    let every_version = format!("match%5Bid%5D={REPORT}&match%5Bversion%5D=all");
    let cases: [(&str, &[&str]); 5] = [
        ("match%5Btype%5D=location", &[LOCATION]),
        ("match%5Btype%5D=report,location", &[LOCATION, REPORT]),
        (&by_id, &[INDICATOR]),
        (&every_version, &[REPORT, REPORT]),
        ("", &[LOCATION, REPORT, INDICATOR]),
    ];
    for (q, want) in cases {
        assert_eq!(read(&app, &format!("{base}?{q}")).await.ids(), want, "{q}");
    }
    // The default is the latest version; `first` the one added first.
    let r = read(&app, &format!("{base}?match%5Bid%5D={REPORT}")).await;
    assert_eq!(r.body["objects"][0]["modified"], timestamp(T0 + 2_000));
    let first = format!("{base}?match%5Bid%5D={REPORT}&match%5Bversion%5D=first");
    let r = read(&app, &first).await;
    assert_eq!(r.body["objects"][0]["modified"], timestamp(T0 + 1_000));

    // Only 2.1 is served, so asking for 2.0 only is an empty envelope, not an error.
    let r = read(&app, &format!("{base}?match%5Bspec_version%5D=2.0")).await;
    assert!(r.ids().is_empty(), "{}", r.body);
    assert_eq!(r.body["more"], false);
    assert!(
        r.header("x-taxii-date-added-first").is_none(),
        "an empty page has no dates"
    );

    for bad in ["limit=0", "limit=abc"] {
        refused(&app, &format!("{base}?{bad}"), StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn manifest_versions_and_missing_resources_answer_as_taxii() {
    let (app, _) = feed_router(amber_small());
    let r = read(&app, &coll(Tlp::Amber, "manifest/")).await;
    let entry = |id: &str, ms: i64| {
        let t = timestamp(ms);
        json!({"id": id, "date_added": t, "version": t, "media_type": STIX})
    };
    let want = json!([
        entry(LOCATION, T0 + 1_500),
        entry(REPORT, T0 + 2_000),
        entry(INDICATOR, T0 + 2_500)
    ]);
    assert_eq!(r.body["objects"], want);

    let versions_of_report = coll(Tlp::Amber, &format!("objects/{REPORT}/versions/"));
    let r = read(&app, &versions_of_report).await;
    let versions = json!([timestamp(T0 + 1_000), timestamp(T0 + 2_000)]);
    assert_eq!(r.body["versions"], versions);
    assert_eq!(r.body["more"], false);

    let r = read(&app, &coll(Tlp::Amber, &format!("objects/{REPORT}/"))).await;
    assert_eq!(r.ids(), [REPORT]);

    let unknown = "report--ffffffff-0000-4000-8000-00000000ffff";
    let missing = [
        coll(Tlp::Amber, &format!("objects/{unknown}/")),
        coll(Tlp::Amber, &format!("objects/{unknown}/versions/")),
        // In the store, but not in this collection.
        coll(Tlp::Amber, &format!("objects/{IN_GREEN}/")),
        "/taxii2/jaring/collections/00000000-0000-4000-8000-000000000000/objects/".to_owned(),
    ];
    for uri in &missing {
        refused(&app, uri, StatusCode::NOT_FOUND).await;
    }

    let auth = basic("feed", "right-password");
    let post = request(
        Method::POST,
        &coll(Tlp::Amber, "objects/"),
        Some(&auth),
        Some(TAXII),
    );
    send(&app, post)
        .await
        .assert_error(StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn every_read_of_objects_is_audited_and_the_descriptions_are_not() {
    let (app, feed) = feed_router(amber_small());
    let amber = coll(Tlp::Amber, "");
    let descriptions = ["/taxii2/", "/taxii2/jaring/", "/taxii2/jaring/collections/"];
    for uri in descriptions.into_iter().chain([amber.as_str()]) {
        read(&app, uri).await;
    }
    assert_eq!(feed.audits(), 0, "no object was read yet");
    let reads = [
        coll(Tlp::Amber, "objects/"),
        coll(Tlp::Amber, "manifest/"),
        coll(Tlp::Amber, &format!("objects/{REPORT}/")),
        coll(Tlp::Amber, &format!("objects/{REPORT}/versions/")),
    ];
    for (n, uri) in reads.iter().enumerate() {
        read(&app, uri).await;
        assert_eq!(feed.audits(), n + 1, "{uri}");
    }
}

#[tokio::test]
async fn the_collections_are_the_four_shareable_levels_read_only_in_stix_2_1() {
    let (app, _) = feed_router(MemFeed::default());
    let r = read(&app, "/taxii2/jaring/collections/").await;
    let list = r.body["collections"].as_array().cloned();
    let list = list.unwrap_or_default();
    let aliases: Vec<&str> = list.iter().filter_map(|c| c["alias"].as_str()).collect();
    // RED never leaves the agency through the feed, so it has no collection.
    let shareable = ["tlp-clear", "tlp-green", "tlp-amber", "tlp-amber-strict"];
    assert_eq!(aliases, shareable);
    for (c, expected) in list.iter().zip(COLLECTIONS) {
        assert_eq!(c["id"], expected.id);
        assert_eq!(c["can_read"], true, "{c}");
        assert_eq!(c["can_write"], false, "{c}");
        assert_eq!(c["media_types"], json!([STIX]), "{c}");
    }
}

#[tokio::test]
async fn nothing_about_paths_is_said_before_authentication_and_filters_do_not_hide_an_object() {
    let (app, _) = feed_router(amber_small());
    // Unauthenticated: 401 for a path that does not exist and for a method not served, not
    // the 404 and 405 an authenticated caller gets.
    for (method, uri) in [
        (Method::GET, "/taxii2/nowhere/".to_owned()),
        (Method::POST, coll(Tlp::Amber, "objects/")),
    ] {
        send(&app, request(method, &uri, None, Some(TAXII)))
            .await
            .assert_error(StatusCode::UNAUTHORIZED);
    }
    refused(&app, "/taxii2/nowhere/", StatusCode::NOT_FOUND).await;
    // An object that exists but that the filters leave out: an empty answer, not a 404; one
    // that does not exist: a 404 whatever the filters.
    let filtered = [
        coll(
            Tlp::Amber,
            &format!(
                "objects/{REPORT}/?match[version]=first&added_after={}",
                timestamp(T0 + 5_000)
            ),
        ),
        coll(
            Tlp::Amber,
            &format!("objects/{REPORT}/versions/?match[spec_version]=2.0"),
        ),
    ];
    for uri in &filtered {
        let r = read(&app, uri).await;
        assert!(r.ids().is_empty(), "{}", r.body);
    }
    let unknown = "report--ffffffff-0000-4000-8000-00000000ffff";
    let uri = coll(
        Tlp::Amber,
        &format!("objects/{unknown}/?match[version]=all"),
    );
    refused(&app, &uri, StatusCode::NOT_FOUND).await;
}
