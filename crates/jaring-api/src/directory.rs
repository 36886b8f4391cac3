//! The directory in force, as users need it: who can be addressed.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One agency of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgencyView {
    /// Its id.
    pub id: String,
    /// Its full name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Its directory roles (`law-enforcement`, `consular`, ...).
    pub roles: Vec<String>,
    /// Whether the key messages are sealed to now has an X-Wing half, so that what is sent to
    /// the agency is wrapped post-quantum (spec §8).
    #[serde(default)]
    pub pq: bool,
}

/// `GET /v1/directory`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DirectoryView {
    /// The network.
    pub network: String,
    /// Its serial.
    pub serial: u64,
    /// When it expires.
    pub expires_at: String,
    /// The agencies, by id.
    pub agencies: Vec<AgencyView>,
    /// The kinds this node sends under the post-quantum key wrap only (`[pq] require`): it
    /// refuses to send them to an agency whose `pq` is false.
    #[serde(default)]
    pub pq_required: Vec<String>,
}
