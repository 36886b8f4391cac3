//! The feed's routes. Every request is authenticated first (HTTP Basic: a TAXII client has no
//! other way), then its `Accept` checked, then answered; every answer, errors included, is
//! TAXII 2.1 JSON. Paths are served with and without their trailing slash (clients add it).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jaring_core::body::Tlp;
use serde_json::{json, Value};

use crate::backend::{Backend, Reader, StoredObject};
use crate::collections::{Collection, COLLECTIONS};
use crate::error::TaxiiError;
use crate::media;
use crate::query::{self, ObjectQuery, Versions};
use crate::{API_ROOT, DISCOVERY};

/// The largest request body the API root admits (nothing is written: a formality TAXII asks
/// every API root to state).
const MAX_CONTENT_LENGTH: u64 = 1 << 20;

type Shared<B> = State<Arc<B>>;
type Answer = Result<Response, TaxiiError>;

/// The feed's router over `backend`. The listener should add the client's address as an
/// `Extension<SocketAddr>` (failures are counted per address); without it the address is
/// taken as unspecified.
pub fn router<B: Backend>(backend: Arc<B>) -> Router {
    let mut r = Router::new();
    let routes: [(&str, axum::routing::MethodRouter<Arc<B>>); 8] = [
        ("/taxii2/", get(discovery::<B>)),
        ("/taxii2/jaring/", get(api_root::<B>)),
        ("/taxii2/jaring/collections/", get(collections::<B>)),
        ("/taxii2/jaring/collections/{id}/", get(collection::<B>)),
        (
            "/taxii2/jaring/collections/{id}/objects/",
            get(objects::<B>),
        ),
        (
            "/taxii2/jaring/collections/{id}/objects/{object}/",
            get(object::<B>),
        ),
        (
            "/taxii2/jaring/collections/{id}/objects/{object}/versions/",
            get(versions::<B>),
        ),
        (
            "/taxii2/jaring/collections/{id}/manifest/",
            get(manifest::<B>),
        ),
    ];
    for (path, handler) in routes {
        r = r
            .route(path, handler.clone())
            .route(path.trim_end_matches('/'), handler);
    }
    r.fallback(not_found::<B>)
        .method_not_allowed_fallback(not_allowed::<B>)
        .with_state(backend)
}

/// A path's parameters, or the TAXII 404 a client can read (axum's own answer is plain text).
fn path<T>(p: Result<Path<T>, PathRejection>) -> Result<T, TaxiiError> {
    p.map(|Path(v)| v)
        .map_err(|_| TaxiiError::not_found("no such TAXII resource on this server"))
}

async fn not_found<B: Backend>(
    State(b): Shared<B>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> TaxiiError {
    match gate(&*b, &headers, addr).await {
        Ok(_) => TaxiiError::not_found("no such TAXII resource on this server"),
        Err(e) => e,
    }
}

async fn not_allowed<B: Backend>(
    State(b): Shared<B>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> TaxiiError {
    match gate(&*b, &headers, addr).await {
        Ok(_) => TaxiiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed",
            "this feed is read-only: every collection has can_write false",
        ),
        Err(e) => e,
    }
}

/// Authenticates the caller, then checks what it accepts.
async fn gate<B: Backend>(
    b: &B,
    headers: &HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Result<Reader, TaxiiError> {
    let address = addr.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |Extension(a)| a.ip());
    let (name, password) = basic(headers)
        .ok_or_else(|| TaxiiError::unauthorized("this feed needs HTTP Basic credentials"))?;
    let reader = b.authenticate(&name, &password, address).await?;
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    if !media::accepts(accept) {
        return Err(TaxiiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "Not acceptable",
            format!(
                "this server answers {} only; the request accepts {}",
                media::TAXII,
                accept.unwrap_or("nothing")
            ),
        ));
    }
    Ok(reader)
}

/// The name and password of an `Authorization: Basic` header (password kept in a
/// `Zeroizing` by the caller's backend if it keeps it at all; here it lives for the request).
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = STANDARD.decode(token.trim()).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (name, password) = text.split_once(':')?;
    Some((name.to_owned(), password.to_owned()))
}

/// A TAXII JSON answer from a value.
fn answer(value: &Value) -> Response {
    text_answer(value.to_string(), None)
}

/// A TAXII JSON answer from text, with the date-added headers of a non-empty page.
fn text_answer(body: String, added: Option<(i64, i64)>) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media::TAXII));
    if let Some((first, last)) = added {
        for (name, ms) in [
            ("x-taxii-date-added-first", first),
            ("x-taxii-date-added-last", last),
        ] {
            if let Ok(v) = HeaderValue::from_str(&query::timestamp(ms)) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
    }
    r
}

async fn discovery<B: Backend>(
    State(b): Shared<B>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    gate(&*b, &headers, addr).await?;
    Ok(answer(&json!({
        "title": format!("jaring: {}", b.title()),
        "description": "Compound-relocation alerts as STIX 2.1, read-only.",
        "default": API_ROOT,
        "api_roots": [API_ROOT],
    })))
}

async fn api_root<B: Backend>(
    State(b): Shared<B>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    gate(&*b, &headers, addr).await?;
    Ok(answer(&json!({
        "title": format!("jaring: {}", b.title()),
        "description": format!("Discovery is at {DISCOVERY}."),
        "versions": [media::TAXII],
        "max_content_length": MAX_CONTENT_LENGTH,
    })))
}

async fn collections<B: Backend>(
    State(b): Shared<B>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let reader = gate(&*b, &headers, addr).await?;
    let list: Vec<Value> = COLLECTIONS
        .iter()
        .filter(|c| reader.levels.contains(&c.tlp))
        .map(Collection::resource)
        .collect();
    Ok(answer(&json!({ "collections": list })))
}

/// The collection `id` if the reader may read it: 404 for one that does not exist, 403 for
/// one at a level the reader may not read.
fn readable(reader: &Reader, id: &str) -> Result<Tlp, TaxiiError> {
    let c =
        Collection::find(id).ok_or_else(|| TaxiiError::not_found(format!("no collection {id}")))?;
    if !reader.levels.contains(&c.tlp) {
        return Err(TaxiiError::forbidden(format!(
            "{} may not read the collection of TLP:{}",
            reader.name,
            c.tlp.as_str()
        )));
    }
    Ok(c.tlp)
}

/// [`gate`], then the path, then [`readable`]: the reader, the path's parameters and the
/// level of the collection asked for (nothing about paths is said before authentication).
async fn collection_gate<B: Backend, T: CollectionPath>(
    b: &B,
    headers: &HeaderMap,
    addr: Option<Extension<SocketAddr>>,
    p: Result<Path<T>, PathRejection>,
) -> Result<(Reader, T, Tlp), TaxiiError> {
    let reader = gate(b, headers, addr).await?;
    let p = path(p)?;
    let tlp = readable(&reader, p.collection())?;
    Ok((reader, p, tlp))
}

/// A path that names a collection.
trait CollectionPath {
    fn collection(&self) -> &str;
}

impl CollectionPath for String {
    fn collection(&self) -> &str {
        self
    }
}

impl CollectionPath for (String, String) {
    fn collection(&self) -> &str {
        &self.0
    }
}

/// Whether `object` is in the collection of `tlp` at all, whatever the filters: an empty page
/// about an object that exists is an answer, one about an object that does not is a 404.
async fn exists<B: Backend>(b: &B, tlp: Tlp, object: &str) -> Result<bool, TaxiiError> {
    let q = ObjectQuery {
        limit: 1,
        ids: vec![object.to_owned()],
        versions: Versions::All,
        ..ObjectQuery::default()
    };
    Ok(!b.objects(tlp, q).await?.is_empty())
}

async fn collection<B: Backend>(
    State(b): Shared<B>,
    id: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let (_, _, tlp) = collection_gate(&*b, &headers, addr, id).await?;
    let c = COLLECTIONS
        .iter()
        .find(|c| c.tlp == tlp)
        .ok_or_else(TaxiiError::internal)?;
    Ok(answer(&c.resource()))
}

/// One page: the objects asked for (at most `limit`), whether there are more, and the
/// cursor to the next page.
struct Page {
    rows: Vec<StoredObject>,
    more: bool,
    next: Option<String>,
}

impl Page {
    fn added(&self) -> Option<(i64, i64)> {
        Some((self.rows.first()?.added_ms, self.rows.last()?.added_ms))
    }

    /// `"more":…,"next":…` for an envelope.
    fn head(&self) -> String {
        match &self.next {
            Some(n) => format!("\"more\":true,\"next\":{}", Value::from(n.as_str())),
            None => "\"more\":false".into(),
        }
    }
}

/// Reads a page from the backend and audits it (an unaudited read is not answered).
async fn page<B: Backend>(
    b: &B,
    reader: &Reader,
    tlp: Tlp,
    q: Option<ObjectQuery>,
    what: &'static str,
) -> Result<Page, TaxiiError> {
    let Some(q) = q else {
        b.audit_read(reader, what, tlp, 0).await?;
        return Ok(Page {
            rows: Vec::new(),
            more: false,
            next: None,
        });
    };
    let limit = q.limit;
    let mut rows = b.objects(tlp, q).await?;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next = match (more, rows.last()) {
        (true, Some(last)) => Some(query::encode_cursor(last.added_ms)),
        _ => None,
    };
    b.audit_read(reader, what, tlp, rows.len()).await?;
    Ok(Page {
        more: next.is_some() && more,
        rows,
        next,
    })
}

/// An envelope (TAXII 2.1 §3.7): the objects' stored JSON spliced in, not parsed again.
fn envelope(p: &Page) -> Response {
    let mut body = format!("{{{},\"objects\":[", p.head());
    for (i, o) in p.rows.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&o.json);
    }
    body.push_str("]}");
    text_answer(body, p.added())
}

const OBJECT_FILTERS: &[&str] = &["id", "type", "version", "spec_version"];

async fn objects<B: Backend>(
    State(b): Shared<B>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let (reader, _, tlp) = collection_gate(&*b, &headers, addr, id).await?;
    let q = query::parse(raw.as_deref(), OBJECT_FILTERS)?;
    let p = page(&*b, &reader, tlp, q, "objects").await?;
    debug_assert!(!p.more || p.next.is_some());
    Ok(envelope(&p))
}

/// A read about one object: get-an-object (`match[version|spec_version]`), or with
/// `versions` its versions (every one; `match[spec_version]` only). A page, or 404 when the
/// object is not in the collection at all (one the filters leave out answers an empty page).
async fn of_object<B: Backend>(
    b: &B,
    reader: &Reader,
    tlp: Tlp,
    raw: Option<&str>,
    object_id: &str,
    versions: bool,
) -> Result<Page, TaxiiError> {
    let (filters, what): (&[&str], _) = if versions {
        (&["spec_version"], "versions")
    } else {
        (&["version", "spec_version"], "object")
    };
    let q = query::parse(raw, filters)?.map(|mut q| {
        q.ids = vec![object_id.to_owned()];
        if versions {
            q.versions = Versions::All;
        }
        q
    });
    let p = page(b, reader, tlp, q, what).await?;
    if p.rows.is_empty() && !exists(b, tlp, object_id).await? {
        return Err(TaxiiError::not_found(format!(
            "no object {object_id} in this collection"
        )));
    }
    Ok(p)
}

async fn object<B: Backend>(
    State(b): Shared<B>,
    ids: Result<Path<(String, String)>, PathRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let (reader, (_, object_id), tlp) = collection_gate(&*b, &headers, addr, ids).await?;
    let p = of_object(&*b, &reader, tlp, raw.as_deref(), &object_id, false).await?;
    Ok(envelope(&p))
}

async fn versions<B: Backend>(
    State(b): Shared<B>,
    ids: Result<Path<(String, String)>, PathRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let (reader, (_, object_id), tlp) = collection_gate(&*b, &headers, addr, ids).await?;
    let p = of_object(&*b, &reader, tlp, raw.as_deref(), &object_id, true).await?;
    let versions: Vec<&str> = p.rows.iter().map(|o| o.version.as_str()).collect();
    let body = format!("{{{},\"versions\":{}}}", p.head(), json!(versions));
    Ok(text_answer(body, p.added()))
}

async fn manifest<B: Backend>(
    State(b): Shared<B>,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    addr: Option<Extension<SocketAddr>>,
) -> Answer {
    let (reader, _, tlp) = collection_gate(&*b, &headers, addr, id).await?;
    let q = query::parse(raw.as_deref(), OBJECT_FILTERS)?;
    let p = page(&*b, &reader, tlp, q, "manifest").await?;
    let entries: Vec<Value> = p
        .rows
        .iter()
        .map(|o| {
            json!({
                "id": o.id,
                "date_added": query::timestamp(o.added_ms),
                "version": o.version,
                "media_type": media::STIX,
            })
        })
        .collect();
    let body = format!("{{{},\"objects\":{}}}", p.head(), Value::from(entries));
    Ok(text_answer(body, p.added()))
}
