//! `jaring stix export`: the STIX objects the feed holds (derived when each alert was
//! stored, `store::stix`), as one bundle, audited with the person's name and the count.

use jaring_api::stix::{Export, ExportQuery};
use jaring_api::users::User;
use jaring_core::body::Tlp;
use jaring_core::Timestamp;
use serde_json::json;

use super::{blocking, Node, NodeError};
use crate::store::stix::EXPORT_MAX;

/// The levels exported when none are named: AMBER+STRICT stays inside the agency's own
/// platform (its feed) unless asked for by name; RED never leaves.
const DEFAULT_LEVELS: [Tlp; 3] = [Tlp::Clear, Tlp::Green, Tlp::Amber];

/// The levels of `--tlp`, checked.
fn levels(tlp: Option<&str>) -> Result<Vec<Tlp>, NodeError> {
    let Some(list) = tlp else {
        return Ok(DEFAULT_LEVELS.to_vec());
    };
    let mut out = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let t: Tlp = name
            .to_ascii_uppercase()
            .parse()
            .map_err(|e: String| NodeError::BadRequest(format!("tlp: {e}")))?;
        if t == Tlp::Red {
            return Err(NodeError::BadRequest(
                "tlp: RED is for its named recipients only and is never exported".into(),
            ));
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.is_empty() {
        return Err(NodeError::BadRequest("tlp: name at least one level".into()));
    }
    Ok(out)
}

impl Node {
    /// The objects of `q`'s levels added after `q.since`, as a bundle.
    pub async fn stix_export(&self, q: &ExportQuery, user: &User) -> Result<Export, NodeError> {
        if !self.config.derives_stix() {
            return Err(NodeError::BadRequest(
                "this node does not turn alerts into STIX objects: add [taxii] or [stix] derive = true \
                 to its config, restart it, then run `jaring correlate rebuild` for the alerts it \
                 already holds"
                    .into(),
            ));
        }
        let levels = levels(q.tlp.as_deref())?;
        let since = match q.since.as_deref() {
            Some(t) => Some(
                Timestamp::parse(t)
                    .map_err(|_| {
                        NodeError::BadRequest(format!(
                            "since: `{t}` is not an RFC 3339 time (2026-11-01T00:00:00Z)"
                        ))
                    })?
                    .unix_millis(),
            ),
            None => None,
        };
        let store = self.store.clone();
        let l2 = levels.clone();
        let (objects, over) = blocking(move || store.stix_export(&l2, since)).await??;
        if over {
            return Err(NodeError::BadRequest(format!(
                "more than {EXPORT_MAX} objects: narrow the export with since"
            )));
        }
        let names: Vec<String> = levels.iter().map(|t| t.as_str().to_owned()).collect();
        let detail =
            json!({"via": "export", "unix": user.unix, "tlp": names, "objects": objects.len()});
        let (store, name) = (self.store.clone(), user.name.clone());
        // An export that cannot be audited is not given.
        blocking(move || store.console_event("exported", &name, detail)).await??;
        self.audit_due();
        Ok(Export {
            objects: objects.len() as u64,
            tlp: names,
            bundle: jaring_stix::bundle(objects.iter().map(String::as_str)),
        })
    }
}
