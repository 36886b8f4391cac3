//! Ids. SDOs and SROs get UUIDv4s that an alert thread keeps per slot ([`ThreadIds`]), so an
//! update names the same compound, place or relationship as the alert it replaces and a
//! reader sees new versions rather than new things. Observables get the deterministic
//! UUIDv5 of STIX 2.1 (§2.9): the same wallet has the same id whoever exports it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::StixError;

/// The namespace of observables' UUIDv5 ids (STIX 2.1 §2.9; python-stix2's
/// `SCO_DET_ID_NAMESPACE`). The spec reserves it for observables.
const SCO_NAMESPACE: Uuid = Uuid::from_u128(0x00ab_edb4_aa42_466c_9c01_fed2_3315_a9b7);

/// The ids minted for one alert thread, kept by the caller between versions (it stores this
/// as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadIds {
    /// When the thread was first exported (ms since the epoch): the `created` of every SDO and
    /// SRO of the thread, in every version.
    #[serde(default)]
    pub created_ms: Option<i64>,
    /// One UUIDv4 per slot (`report`, `infrastructure`, `from-place`, `operator:<name>`, ...):
    /// a slot is a role in the thread, not a value, so a corrected name keeps its id.
    #[serde(default)]
    pub slots: BTreeMap<String, Uuid>,
}

impl ThreadIds {
    /// The kept UUIDv4 of a slot, minted on first use.
    pub fn id(&mut self, slot: &str) -> Uuid {
        if let Some(id) = self.slots.get(slot) {
            return *id;
        }
        let id = Uuid::new_v4();
        self.slots.insert(slot.to_owned(), id);
        id
    }
}

/// `type--UUIDv5` of an observable: the name is the canonical JSON (RFC 8785: sorted keys, no
/// white space) of its id-contributing properties. A `BTreeMap` of ASCII keys serialises in
/// exactly that order, and serde_json escapes strings as RFC 8785 does (`"`, `\`, control
/// characters as `\b \f \n \r \t` or lowercase `\u00xx`; the rest as UTF-8). With no property
/// at all the spec asks for a UUIDv4.
pub(crate) fn sco_id(
    kind: &str,
    props: &BTreeMap<&'static str, String>,
) -> Result<String, StixError> {
    if props.is_empty() {
        return Ok(format!("{kind}--{}", Uuid::new_v4()));
    }
    let name = serde_json::to_string(props).map_err(|e| StixError::Json(e.to_string()))?;
    Ok(format!(
        "{kind}--{}",
        Uuid::new_v5(&SCO_NAMESPACE, name.as_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(kind: &str, props: &[(&'static str, &str)]) -> String {
        let props = props.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        sco_id(kind, &props).unwrap()
    }

    #[test]
    fn the_published_vector() {
        // python-stix2 docs/guide/creating.ipynb.
        assert_eq!(
            id("ipv4-addr", &[("value", "177.60.40.7")]),
            "ipv4-addr--dc63603e-e634-5357-b239-d4b562bc5445"
        );
    }

    #[test]
    fn vectors_computed_with_python() {
        // uuid5(ns, json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False)).
        assert_eq!(
            id(
                "user-account",
                &[("account_type", "twitter"), ("account_login", "alice")]
            ),
            "user-account--0b7ff66d-f459-5b48-8bbf-c12b5c602b31"
        );
        assert_eq!(
            id("domain-name", &[("value", "ตัวอย่าง.test")]),
            "domain-name--e991eeb2-4571-5e8a-a5d1-d5336e4f81c5"
        );
        assert_eq!(
            id("domain-name", &[("value", "a\"b\\c\u{1}")]),
            "domain-name--56c4f589-c531-57d8-819a-58490511d4a9"
        );
    }

    #[test]
    fn no_property_means_a_random_id() {
        let a = id("phone-number", &[]);
        assert_ne!(a, id("phone-number", &[]));
        assert!(a.starts_with("phone-number--"));
    }

    #[test]
    fn slots_keep_their_ids() {
        let mut ids = ThreadIds::default();
        let report = ids.id("report");
        assert_eq!(ids.id("report"), report);
        assert_ne!(ids.id("infrastructure"), report);
        assert_eq!(report.get_version_num(), 4);
        let kept: ThreadIds = serde_json::from_str(&serde_json::to_string(&ids).unwrap()).unwrap();
        assert_eq!(kept, ids);
    }
}
