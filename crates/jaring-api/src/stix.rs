//! `jaring stix export`: the agency's alerts as a STIX 2.1 bundle (the objects the TAXII feed
//! serves; docs/stix.md has the mapping). Victim referrals are never in it, nor anything
//! marked RED; AMBER+STRICT only when asked for by name.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `GET /v1/stix/export?since=&tlp=`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// Only objects the node added after this time (RFC 3339, e.g. `2026-11-01T00:00:00Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The TLP levels, comma-separated (`CLEAR,GREEN,AMBER` when absent). `AMBER+STRICT`
    /// only when named; `RED` is refused: it is never exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tlp: Option<String>,
}

/// A bundle and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Export {
    /// How many objects the bundle holds.
    pub objects: u64,
    /// The TLP levels exported.
    pub tlp: Vec<String>,
    /// The STIX 2.1 bundle, as JSON text: written to a file as it is (the objects are stored
    /// as JSON and spliced into the bundle, never parsed again).
    pub bundle: String,
}
