//! TLP 2.0 as STIX 2.1 marking definitions, exactly as OASIS publishes them
//! (cti-stix-common-objects, extension-definition-specifications/tlp-2.0): the ids are the
//! ones MISP, OpenCTI and every other reader already know, so they must not be minted here.
//! No `definition_type`: that would select the TLP 1.0 form, which requires other ids.

use std::collections::BTreeMap;

use jaring_core::body::Tlp;
use serde::Serialize;

use crate::model::{self, Extension, ExtensionDefinition, Sdo, TlpProps, PROPERTY_EXTENSION};
use crate::{Object, StixError};

/// The TLP 2.0 extension definition's id.
pub(crate) const TLP_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
/// The identity that published it (CISA); not ours to publish, so it is referred to only.
const TLP_PUBLISHER: &str = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";
/// `created` (and the extension definition's `modified`) of everything TLP 2.0 publishes.
const PUBLISHED: &str = "2022-10-01T00:00:00.000Z";

/// The marking-definition id of a TLP level (the official TLP 2.0 ids). RED has one too,
/// though nothing marked RED is ever exported.
pub fn marking_id(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }
}

/// The `name` and `tlp_2_0` value of a level.
fn names(tlp: Tlp) -> (&'static str, &'static str) {
    match tlp {
        Tlp::Clear => ("TLP:CLEAR", "clear"),
        Tlp::Green => ("TLP:GREEN", "green"),
        Tlp::Amber => ("TLP:AMBER", "amber"),
        Tlp::AmberStrict => ("TLP:AMBER+STRICT", "amber+strict"),
        Tlp::Red => ("TLP:RED", "red"),
    }
}

/// A TLP 2.0 marking definition: no `modified` (marking definitions are never versioned).
#[derive(Serialize)]
struct MarkingDefinition {
    #[serde(rename = "type")]
    kind: &'static str,
    spec_version: &'static str,
    id: &'static str,
    created: &'static str,
    name: &'static str,
    extensions: BTreeMap<&'static str, Extension>,
}

/// The marking definition of a level.
pub(crate) fn marking(tlp: Tlp) -> Result<Object, StixError> {
    let (name, value) = names(tlp);
    let extension = Extension::Tlp(TlpProps {
        extension_type: PROPERTY_EXTENSION,
        tlp_2_0: value,
    });
    let object = MarkingDefinition {
        kind: "marking-definition",
        spec_version: model::SPEC_VERSION,
        id: marking_id(tlp),
        created: PUBLISHED,
        name,
        extensions: BTreeMap::from([(TLP_EXTENSION, extension)]),
    };
    model::object("marking-definition", object.id.to_owned(), None, &object)
}

/// The TLP 2.0 extension definition object, as published.
pub(crate) fn extension_definition() -> Result<Object, StixError> {
    let body = ExtensionDefinition {
        name: "TLP 2.0",
        description: "This defines TLP 2.0 as a STIX extension",
        schema: "https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0",
        version: "1.0.0",
        extension_types: vec![PROPERTY_EXTENSION],
    };
    let mut sdo = Sdo::new(
        "extension-definition",
        TLP_EXTENSION.to_owned(),
        PUBLISHED.to_owned(),
        PUBLISHED.to_owned(),
        body,
    );
    sdo.created_by_ref = Some(TLP_PUBLISHER.to_owned());
    sdo.into_object()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markings_as_published() {
        let amber = marking(Tlp::Amber).unwrap();
        let v: serde_json::Value = serde_json::from_str(&amber.json).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "type": "marking-definition", "spec_version": "2.1",
                "id": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
                "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER",
                "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
                    {"extension_type": "property-extension", "tlp_2_0": "amber"}}
            })
        );
        assert_eq!(amber.version, None);
        let def = extension_definition().unwrap();
        assert_eq!(def.id, TLP_EXTENSION);
        assert_eq!(def.version.as_deref(), Some(PUBLISHED));
    }
}
