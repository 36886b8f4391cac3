//! jaring-stix: the STIX 2.1 objects jaring exports (docs/stix.md).
//!
//! An alert thread becomes a `report` of its sender's `identity`, referring to the compound (an
//! `infrastructure`), the places it moved between (`location`s), its indicators (observables),
//! its operators (`threat-actor`s) and the relationships between them. Every collection also
//! needs, once, the TLP 2.0 marking of its level and jaring's extension definitions
//! ([`common_objects`]). Objects leave this crate as compact JSON texts ([`Object`]) that the
//! store keeps and the TAXII server serves as they are; a [`bundle`] splices them.
//!
//! Only alerts come in ([`AlertVersion`] holds an `AlertBody`): victim referrals have no way
//! into this crate, and TLP:RED is refused ([`StixError::Red`]).
//!
//! # Layout
//! - `time`: STIX timestamps ([`timestamp`]).
//! - `ids`: [`ThreadIds`] (the UUIDv4s a thread keeps per slot) and observables' UUIDv5 ids.
//! - `tlp`: the TLP 2.0 marking definitions ([`marking_id`]).
//! - `extensions`: jaring's identity and extension definitions.
//! - `model`: the serde shapes of the objects written.
//! - `alert` and `observables`: the mapping of an alert version.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod alert;
mod extensions;
mod ids;
mod model;
mod observables;
mod time;
mod tlp;

use jaring_core::body::{AlertBody, Tlp};
use serde_json::{Map, Value};

pub use ids::ThreadIds;
pub use time::timestamp;
pub use tlp::marking_id;

/// One STIX object ready to store and serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    /// The STIX id (`report--…`).
    pub id: String,
    /// The STIX `type`.
    pub kind: String,
    /// `modified` for objects that have it (SDOs, SROs, identities, extension definitions);
    /// `None` for observables and marking definitions, which are never versioned.
    pub version: Option<String>,
    /// The object as compact JSON.
    pub json: String,
}

/// The agency that sent the alert.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    /// Its agency id (`TH-RTP`).
    pub agency: &'a str,
    /// Its display name, when the directory has one.
    pub name: Option<&'a str>,
    /// The UUID of its `identity` object, minted and kept by the caller.
    pub identity: uuid::Uuid,
    /// When that identity was first exported (ms since the epoch): its `created` and
    /// `modified`, so that it is one version whatever alert it comes with.
    pub identity_created_ms: i64,
}

/// One version of an alert thread.
#[derive(Debug, Clone, Copy)]
pub struct AlertVersion<'a> {
    /// Who sent it.
    pub sender: Sender<'a>,
    /// `<sender>/<original alert id>`: written only into the report's external reference, so
    /// that a reader can name the thread back to jaring.
    pub thread: &'a str,
    /// The message's TLP.
    pub tlp: Tlp,
    /// This message's `created_at` (ms since the epoch): the `modified` of every SDO and SRO.
    pub modified_ms: i64,
    /// The alert (or the full body of an update).
    pub body: &'a AlertBody,
}

/// Why objects could not be made.
#[derive(Debug, thiserror::Error)]
pub enum StixError {
    /// The message is TLP:RED, which never leaves jaring.
    #[error("TLP:RED is never exported")]
    Red,
    /// An alert body lacks what every STIX object needs (a name, a country): only a body that
    /// skipped validation can.
    #[error("alert body: {0}")]
    Body(&'static str),
    /// A JSON text could not be written or read (a stored object given to [`revoke`]).
    #[error("{0}")]
    Json(String),
}

/// Every object of this version of the thread: the sender's identity, the report and
/// everything it refers to, the report last. `ids.created_ms` is set to `modified_ms` on the
/// first call and is the `created` of every SDO and SRO thereafter; ids come from `ids` by
/// slot, so a later version of the thread names the same things with the same ids.
pub fn alert_objects(v: &AlertVersion<'_>, ids: &mut ThreadIds) -> Result<Vec<Object>, StixError> {
    alert::objects(v, ids)
}

/// The objects every collection of a TLP level needs once: the TLP 2.0 extension definition,
/// the marking definition of that level, jaring's identity (the creator of its extension
/// definitions) and those extension definitions. `Err(Red)` for TLP:RED, which has no
/// collection.
pub fn common_objects(tlp: Tlp) -> Result<Vec<Object>, StixError> {
    if tlp == Tlp::Red {
        return Err(StixError::Red);
    }
    let mut out = vec![tlp::extension_definition()?, tlp::marking(tlp)?];
    out.extend(extensions::objects()?);
    Ok(out)
}

/// A revoked version of a stored SDO or SRO (its JSON): the same object with `revoked: true`
/// and `modified` = `modified_ms`, or the stored `modified` + 1 ms if that is later (a new
/// version must be newer). `None` for objects without `modified` (observables, markings).
pub fn revoke(json: &str, modified_ms: i64) -> Result<Option<Object>, StixError> {
    let mut object: Map<String, Value> =
        serde_json::from_str(json).map_err(|e| StixError::Json(e.to_string()))?;
    let Some(stored) = object.get("modified") else {
        return Ok(None);
    };
    // Revoked is final (STIX 2.1 §3.6): a revoked object gets no later version.
    if object.get("revoked").and_then(Value::as_bool) == Some(true) {
        return Ok(None);
    }
    let stored_ms = stored
        .as_str()
        .and_then(time::parse_ms)
        .ok_or_else(|| StixError::Json("`modified` is not a STIX timestamp".into()))?;
    let modified = timestamp(modified_ms.max(stored_ms.saturating_add(1)));
    let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
    let (Some(id), Some(kind)) = (text("id"), text("type")) else {
        return Err(StixError::Json("the object has no `id` or `type`".into()));
    };
    // `insert` keeps an existing key's place (preserve_order), so the object reads as before.
    object.insert("modified".into(), Value::String(modified.clone()));
    object.insert("revoked".into(), Value::Bool(true));
    let json = serde_json::to_string(&object).map_err(|e| StixError::Json(e.to_string()))?;
    Ok(Some(Object {
        id,
        kind,
        version: Some(modified),
        json,
    }))
}

/// A bundle (`type: bundle`, a fresh `bundle--` UUIDv4 id, `objects`) of stored objects'
/// JSON texts, spliced as they are: nothing is parsed again. An empty bundle has no
/// `objects`, since STIX lists may not be empty.
pub fn bundle<'a>(objects: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = format!(
        r#"{{"type":"bundle","id":"bundle--{}""#,
        uuid::Uuid::new_v4()
    );
    let mut any = false;
    for json in objects {
        out.push_str(if any { "," } else { r#","objects":["# });
        out.push_str(json);
        any = true;
    }
    out.push_str(if any { "]}" } else { "}" });
    out
}

/// Whether a STIX type is an observable (SCO): the 18 of STIX 2.1 and the three jaring
/// defines. Observables have no `created` or `modified`, and are never revoked.
pub fn is_sco(kind: &str) -> bool {
    const SCO: [&str; 21] = [
        "artifact",
        "autonomous-system",
        "directory",
        "domain-name",
        "email-addr",
        "email-message",
        "file",
        "ipv4-addr",
        "ipv6-addr",
        "mac-addr",
        "mutex",
        "network-traffic",
        "process",
        "software",
        "url",
        "user-account",
        "windows-registry-key",
        "x509-certificate",
        observables::PHONE_NUMBER,
        observables::CRYPTOCURRENCY_WALLET,
        observables::BANK_ACCOUNT,
    ];
    SCO.contains(&kind)
}
