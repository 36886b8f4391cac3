//! The collections: one per TLP level that may leave the agency through the feed. RED never
//! does (it is for named recipients only, and is never turned into STIX objects at all).
//! The ids are fixed, so a platform configured with one keeps working across restarts and
//! rebuilds, and are the same on every node (the API root's URL tells nodes apart).

use jaring_core::body::Tlp;
use serde_json::{json, Value};

use crate::media;

/// One collection.
#[derive(Debug, Clone, Copy)]
pub struct Collection {
    /// Its id (a UUID, as TAXII 2.1 §5.2 asks).
    pub id: &'static str,
    /// Its alias, which says its level.
    pub alias: &'static str,
    /// The TLP level of everything in it.
    pub tlp: Tlp,
}

/// Every collection, from the widest level to the narrowest.
pub const COLLECTIONS: [Collection; 4] = [
    Collection {
        id: "6f1d51c4-1c85-4b8c-9e4e-6d0b8f1f1a01",
        alias: "tlp-clear",
        tlp: Tlp::Clear,
    },
    Collection {
        id: "6f1d51c4-1c85-4b8c-9e4e-6d0b8f1f1a02",
        alias: "tlp-green",
        tlp: Tlp::Green,
    },
    Collection {
        id: "6f1d51c4-1c85-4b8c-9e4e-6d0b8f1f1a03",
        alias: "tlp-amber",
        tlp: Tlp::Amber,
    },
    Collection {
        id: "6f1d51c4-1c85-4b8c-9e4e-6d0b8f1f1a04",
        alias: "tlp-amber-strict",
        tlp: Tlp::AmberStrict,
    },
];

impl Collection {
    /// The collection with this id or alias.
    pub fn find(key: &str) -> Option<Collection> {
        COLLECTIONS
            .into_iter()
            .find(|c| c.id == key || c.alias == key)
    }

    /// The collection resource (TAXII 2.1 §5.2.1).
    pub fn resource(&self) -> Value {
        json!({
            "id": self.id,
            "title": format!("Alerts marked TLP:{}", self.tlp.as_str()),
            "description": format!(
                "Compound-relocation alerts this agency received or sent, marked TLP:{}, as STIX 2.1 \
                 objects. Victim referrals are never in any collection.",
                self.tlp.as_str()
            ),
            "alias": self.alias,
            "can_read": true,
            "can_write": false,
            "media_types": [media::STIX],
        })
    }
}
