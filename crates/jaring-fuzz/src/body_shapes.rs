//! Target `body_shapes`: a body of each kind with every field spec §5 names, where the input
//! chooses the JSON shape of each field: kept, removed, `null`, `[]`, `{}`, `""`, a number, a
//! boolean, or wrapped in a list. The result is validated and typed as in [`crate::body`].
//!
//! Byte mutations of JSON text rarely turn one whole value into another of a different type
//! (`[]` into `null` needs an insertion and a deletion at once), yet that is what a sender's
//! sloppy or hostile encoder produces, and where validation and the typed views can disagree.
//! Here one input byte per field reaches each shape directly.
//!
//! Input: one byte choosing the kind (`Kind::ALL[b % 6]`, with the refs its rule needs), then
//! one byte per field of the kind's template, in document order, depth first: `b % 12` picks
//! the shape (0 keeps the value and visits what is inside it). Fields past the input's end
//! are kept.

use jaring_core::{Body, Kind, MessageId};
use serde_json::{json, Value};

use crate::views::assert_typed_view;

/// A message id for the refs of the kinds that must name one.
const REF: &str = "019ab3c0-0000-7000-8000-000000000001";

/// The refs a header of `kind` needs: one for an update, cancel or status, else none.
fn refs_for(kind: Kind) -> Vec<MessageId> {
    match kind {
        Kind::AlertUpdate | Kind::AlertCancel | Kind::ReferralStatus => {
            MessageId::parse(REF).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// A body of `kind` with every field the spec names, each with a valid value.
fn template(kind: Kind) -> Value {
    let place =
        |country: &str| json!({"country": country, "name": "Mae Sot", "lat": 16.7, "lon": 98.5});
    match kind {
        Kind::CompoundRelocationAlert | Kind::AlertUpdate => json!({
            "compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
            "from": place("MM"),
            "to": place("KH"),
            "observed_at": "2026-11-20T06:00:00Z",
            "source_reliability": "B",
            "info_credibility": "2",
            "estimated_persons": 350,
            "nationalities": ["ID", "PH"],
            "indicators": [{"type": "domain", "value": "gf-invest.example"}],
            "narrative": "Convoy of four buses seen crossing at night."
        }),
        Kind::AlertCancel => json!({"reason": "Duplicate of an earlier alert."}),
        Kind::VictimReferral => json!({
            "case_ref": "RTP-2026-0042",
            "nationality": "ID",
            "identified_at": "2026-11-21T09:00:00Z",
            "location": place("TH"),
            "consent": {"given": true, "scope": ["share-with-consulate"]},
            "needs": ["medical", "repatriation"],
            "non_punishment": true,
            "risk": "high",
            "person": {
                "name": "A. N. Other",
                "date_of_birth": "1990-04-17",
                "documents": [{"type": "passport", "number": "X1234567", "country": "ID"}]
            },
            "notes": "Speaks Bahasa Indonesia."
        }),
        Kind::ReferralStatus => json!({"status": "accepted", "notes": "Interview on Monday."}),
        Kind::Receipt => json!({"items": [
            {"of": REF, "status": "delivered"},
            {"of": REF, "status": "rejected", "error": "bad-signature"}
        ]}),
    }
}

/// Reshapes `value`'s members and items, one input byte each, depth first.
fn reshape(value: &mut Value, input: &mut std::slice::Iter<'_, u8>) {
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let choice = input.next().copied().unwrap_or(0);
                if choice % 12 == 1 {
                    map.remove(&key);
                } else if let Some(member) = map.get_mut(&key) {
                    apply(member, choice, input);
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                let choice = input.next().copied().unwrap_or(0);
                // Removing an item is the empty list's business: shape 1 is `null` here.
                apply(item, if choice % 12 == 1 { 2 } else { choice }, input);
            }
        }
        _ => {}
    }
}

/// Gives one value the shape `choice` picks; shape 0 keeps it and reshapes what it holds.
fn apply(value: &mut Value, choice: u8, input: &mut std::slice::Iter<'_, u8>) {
    *value = match choice % 12 {
        0 => {
            reshape(value, input);
            return;
        }
        2 => Value::Null,
        3 => json!([]),
        4 => json!({}),
        5 => json!(""),
        6 => json!(0),
        7 => json!(-1.5),
        8 => json!(true),
        9 => json!(" "),
        10 => json!([value.take()]),
        _ => json!(u64::MAX),
    };
}

/// Builds the body the input describes, validates it, and checks a valid one has its view.
pub fn body_shapes(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[usize::from(selector) % Kind::ALL.len()];
    let refs = refs_for(kind);
    let mut value = template(kind);
    reshape(&mut value, &mut rest.iter());
    let Ok(bytes) = serde_json::to_vec(&value) else {
        return;
    };
    // Through the bytes, as a receiving node sees a decrypted body.
    if let Ok(body) = Body::from_bytes(kind, &bytes, &refs) {
        assert_typed_view(&body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each template is a valid body of its kind: shape 0 everywhere must pass.
    #[test]
    fn templates_are_valid() {
        for kind in Kind::ALL {
            let bytes = serde_json::to_vec(&template(kind)).unwrap_or_default();
            assert!(
                Body::from_bytes(kind, &bytes, &refs_for(kind)).is_ok(),
                "{kind}"
            );
        }
    }
}
