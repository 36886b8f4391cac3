//! jaring's own identity and its extension definitions (STIX 2.1 §7.3): three new observable
//! types and four property extensions. Their ids are fixed UUIDv4s chosen once: a reader
//! recognises an extension by its id, so these must never change; a changed schema gets a new
//! `version`, a new meaning a new definition.

use crate::model::{ExtensionDefinition, Identity, Sdo, NEW_SCO, PROPERTY_EXTENSION};
use crate::{Object, StixError};

/// jaring itself, as the creator of its extension definitions.
pub(crate) const JARING_IDENTITY: &str = "identity--df93d038-6557-4182-b78c-0327d4e12608";
/// The Admiralty grading of a report or compound.
pub(crate) const GRADING: &str = "extension-definition--ee9920b3-05b9-4435-a95d-0657cb66ec3d";
/// A compound's estimated persons held and their nationalities.
pub(crate) const COMPOUND: &str = "extension-definition--7df8ddff-7a68-4329-8628-6d0bfa23a548";
/// An indicator's platform, chain, asset, role and first and last seen times.
pub(crate) const INDICATOR: &str = "extension-definition--7123cb4c-8ef0-4105-826a-8c287d224702";
/// An operator's kind.
pub(crate) const OPERATOR: &str = "extension-definition--625cb36d-2f80-45ee-bfbf-9c3025f8e82a";
/// The `phone-number` observable.
pub(crate) const PHONE_NUMBER: &str = "extension-definition--bdebdc74-23b9-4eab-bba7-6573c743fff8";
/// The `cryptocurrency-wallet` observable.
pub(crate) const CRYPTOCURRENCY_WALLET: &str =
    "extension-definition--47c04509-3b3b-485c-a928-8a06efccc5a4";
/// The `bank-account` observable.
pub(crate) const BANK_ACCOUNT: &str = "extension-definition--68af4fc0-1b69-43ff-905a-130b670d906e";

/// `created` and `modified` of jaring's identity and of version 1.0.0 of every definition.
const DEFINED: &str = "2026-11-27T00:00:00.000Z";

/// One definition: id, name, description, schema (plain text, which STIX allows: the
/// properties and where they are documented) and type.
const DEFINITIONS: [(&str, &str, &str, &str, &str); 7] = [
    (
        GRADING,
        "jaring grading",
        "The Admiralty grading the sending agency gave an alert, on its report and compound.",
        "Plain text; see docs/stix.md in jaring. Properties: admiralty (string, reliability and credibility together, e.g. B2), source_reliability (string, A to F), info_credibility (string, 1 to 6).",
        PROPERTY_EXTENSION,
    ),
    (
        COMPOUND,
        "jaring compound",
        "What an alert says of the people a scam compound holds, on its infrastructure object.",
        "Plain text; see docs/stix.md in jaring. Properties: estimated_persons (integer, 0 or more), nationalities (list of ISO 3166-1 alpha-2 codes).",
        PROPERTY_EXTENSION,
    ),
    (
        INDICATOR,
        "jaring indicator",
        "An indicator's attributes beyond its value, on the observable it became.",
        "Plain text; see docs/stix.md in jaring. Properties: platform (string: telegram, whatsapp, line, wechat, signal, viber, zalo, facebook, instagram, tiktok, x, other), chain (string: bitcoin, ethereum, tron, bsc, polygon, solana, other), asset (string, e.g. USDT), role (string: recruitment, contact, scam, payment, laundering, infrastructure), first_seen and last_seen (timestamps).",
        PROPERTY_EXTENSION,
    ),
    (
        OPERATOR,
        "jaring operator",
        "The kind of a compound's operator, on its threat-actor object.",
        "Plain text; see docs/stix.md in jaring. Properties: kind (string: syndicate, armed-group, company, person).",
        PROPERTY_EXTENSION,
    ),
    (
        PHONE_NUMBER,
        "phone-number",
        "A telephone number, as OpenCTI's Phone-Number observable.",
        "Plain text; see docs/stix.md in jaring. Observable type phone-number. Properties: value (string, the number with spaces, dots, hyphens and brackets removed; its only id-contributing property).",
        NEW_SCO,
    ),
    (
        CRYPTOCURRENCY_WALLET,
        "cryptocurrency-wallet",
        "A cryptocurrency wallet address, as OpenCTI's Cryptocurrency-Wallet observable.",
        "Plain text; see docs/stix.md in jaring. Observable type cryptocurrency-wallet. Properties: value (string, the address as written; its only id-contributing property).",
        NEW_SCO,
    ),
    (
        BANK_ACCOUNT,
        "bank-account",
        "A bank account, as OpenCTI's Bank-Account observable.",
        "Plain text; see docs/stix.md in jaring. Observable type bank-account. Properties: iban (string, letters and digits only, upper case) when the account is an IBAN, else account_number (string, the same form); whichever is present is the id-contributing property.",
        NEW_SCO,
    ),
];

/// jaring's identity, then its extension definitions.
pub(crate) fn objects() -> Result<Vec<Object>, StixError> {
    let identity = Sdo::new(
        "identity",
        JARING_IDENTITY.to_owned(),
        DEFINED.to_owned(),
        DEFINED.to_owned(),
        Identity {
            name: "jaring".into(),
            identity_class: "system",
        },
    );
    let mut out = vec![identity.into_object()?];
    for (id, name, description, schema, kind) in DEFINITIONS {
        let body = ExtensionDefinition {
            name,
            description,
            schema,
            version: "1.0.0",
            extension_types: vec![kind],
        };
        let mut sdo = Sdo::new(
            "extension-definition",
            id.to_owned(),
            DEFINED.to_owned(),
            DEFINED.to_owned(),
            body,
        );
        sdo.created_by_ref = Some(JARING_IDENTITY.to_owned());
        out.push(sdo.into_object()?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fixed_uuidv4s() {
        let objects = objects().unwrap();
        assert_eq!(objects.len(), 8);
        for o in &objects {
            let (_, uuid) = o.id.split_once("--").unwrap();
            assert_eq!(
                uuid::Uuid::parse_str(uuid).unwrap().get_version_num(),
                4,
                "{}",
                o.id
            );
            let v: serde_json::Value = serde_json::from_str(&o.json).unwrap();
            if o.kind == "extension-definition" {
                assert_eq!(v["created_by_ref"], JARING_IDENTITY);
                assert!(v["description"].as_str().is_some_and(|d| !d.is_empty()));
            }
        }
    }
}
