//! The serde shapes of the STIX objects jaring writes: the common properties of SDOs and
//! SROs around each type's own, observables, and the extensions they carry. Optional
//! properties are skipped when absent and lists when empty, because STIX forbids empty
//! lists, and the mapping never puts an empty string in (it passes `None` instead).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Object, StixError};

/// `spec_version` of everything written.
pub(crate) const SPEC_VERSION: &str = "2.1";
/// `extension_type` of an extension that adds properties to an existing object type.
pub(crate) const PROPERTY_EXTENSION: &str = "property-extension";
/// `extension_type` of an extension that defines a new observable type.
pub(crate) const NEW_SCO: &str = "new-sco";

/// An object's `extensions`, keyed by `extension-definition--<uuid>`.
pub(crate) type Extensions = BTreeMap<&'static str, Extension>;

/// Serialises `value` as one [`Object`].
pub(crate) fn object<T: Serialize>(
    kind: &str,
    id: String,
    version: Option<String>,
    value: &T,
) -> Result<Object, StixError> {
    let json = serde_json::to_string(value).map_err(|e| StixError::Json(e.to_string()))?;
    Ok(Object {
        id,
        kind: kind.to_owned(),
        version,
        json,
    })
}

/// An external reference by id.
#[derive(Serialize)]
pub(crate) struct ExternalReference {
    pub source_name: &'static str,
    pub external_id: String,
}

/// An SDO or SRO: the common properties, with the type's own (`body`) flattened in.
#[derive(Serialize)]
pub(crate) struct Sdo<B> {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub spec_version: &'static str,
    pub id: String,
    pub created: String,
    pub modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_by_ref: Option<String>,
    #[serde(flatten)]
    pub body: B,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_references: Vec<ExternalReference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub object_marking_refs: Vec<&'static str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: Extensions,
}

impl<B: Serialize> Sdo<B> {
    /// An object with only the required common properties.
    pub fn new(kind: &'static str, id: String, created: String, modified: String, body: B) -> Self {
        Self {
            kind,
            spec_version: SPEC_VERSION,
            id,
            created,
            modified,
            created_by_ref: None,
            body,
            confidence: None,
            external_references: Vec::new(),
            object_marking_refs: Vec::new(),
            extensions: Extensions::new(),
        }
    }

    /// The object, versioned by its `modified`.
    pub fn into_object(self) -> Result<Object, StixError> {
        object(
            self.kind,
            self.id.clone(),
            Some(self.modified.clone()),
            &self,
        )
    }
}

/// An observable: no `created` or `modified` (it is a fact, not a claim, and is never
/// versioned). `props` are the type's properties, all of which contribute to its id.
#[derive(Serialize)]
pub(crate) struct Sco {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub spec_version: &'static str,
    pub id: String,
    #[serde(flatten)]
    pub props: BTreeMap<&'static str, String>,
    pub object_marking_refs: Vec<&'static str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: Extensions,
}

/// `identity`.
#[derive(Serialize)]
pub(crate) struct Identity {
    pub name: String,
    pub identity_class: &'static str,
}

/// `report`.
#[derive(Serialize)]
pub(crate) struct Report {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub report_types: Vec<&'static str>,
    pub published: String,
    pub object_refs: Vec<String>,
}

/// `infrastructure`.
#[derive(Serialize)]
pub(crate) struct Infrastructure {
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    pub first_seen: String,
    pub last_seen: String,
}

/// `location`: a country, or a point.
#[derive(Serialize, Default)]
pub(crate) struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// In metres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administrative_area: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// `relationship`.
#[derive(Serialize)]
pub(crate) struct Relationship {
    pub relationship_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source_ref: String,
    pub target_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_time: Option<String>,
}

/// `threat-actor`.
#[derive(Serialize)]
pub(crate) struct ThreatActor {
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub threat_actor_types: Vec<&'static str>,
}

/// `extension-definition`.
#[derive(Serialize)]
pub(crate) struct ExtensionDefinition {
    pub name: &'static str,
    pub description: &'static str,
    pub schema: &'static str,
    pub version: &'static str,
    pub extension_types: Vec<&'static str>,
}

/// One entry of `extensions`. Untagged: each variant writes just its fields, and every one
/// starts with its `extension_type`.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum Extension {
    NewSco(NewSco),
    Grading(Grading),
    Compound(CompoundProps),
    Indicator(IndicatorProps),
    Operator(OperatorProps),
    Tlp(TlpProps),
}

/// The marker a custom observable carries for the definition of its type.
#[derive(Serialize)]
pub(crate) struct NewSco {
    pub extension_type: &'static str,
}

/// jaring's grading: the Admiralty code as the sender gave it.
#[derive(Serialize)]
pub(crate) struct Grading {
    pub extension_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admiralty: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_reliability: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info_credibility: Option<String>,
}

/// What jaring knows of a compound beyond STIX's infrastructure.
#[derive(Serialize)]
pub(crate) struct CompoundProps {
    pub extension_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated_persons: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
}

/// An indicator's attributes beyond its value.
#[derive(Serialize)]
pub(crate) struct IndicatorProps {
    pub extension_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

/// An operator's kind.
#[derive(Serialize)]
pub(crate) struct OperatorProps {
    pub extension_type: &'static str,
    pub kind: String,
}

/// The TLP 2.0 level of a marking definition.
#[derive(Serialize)]
pub(crate) struct TlpProps {
    pub extension_type: &'static str,
    pub tlp_2_0: &'static str,
}
