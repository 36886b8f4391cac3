//! JSON as another agency may send it: an object that names the same member twice is refused.
//! RFC 8259 only says names SHOULD be unique, and parsers disagree on which of two counts
//! (serde_json keeps the last, others the first), so a signed body with a repeated name could
//! be read one way by the sender's reviewer and another by the recipient.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};

/// Checks that no object in `bytes` repeats a member name; the error names the member (a field
/// name, never a value).
pub fn check_unique_names(bytes: &[u8]) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    UniqueNames
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| e.to_string())
}

/// Walks a JSON value, keeping nothing but the names of the object being read.
struct UniqueNames;

impl<'de> DeserializeSeed<'de> for UniqueNames {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueNames {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(UniqueNames)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            map.next_value_seed(UniqueNames)?;
            if !seen.insert(name) {
                return Err(A::Error::custom("an object names the same member twice"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::check_unique_names;

    #[test]
    fn a_repeated_name_is_refused_at_any_depth() {
        assert!(check_unique_names(br#"{"a":1,"b":[{"c":2,"d":{"e":null}}]}"#).is_ok());
        assert!(check_unique_names(br#"{"a":1,"a":2}"#).is_err());
        assert!(check_unique_names(br#"{"x":[{"c":1,"c":1}]}"#).is_err());
        assert!(check_unique_names(br#"{"a":{"b":1},"c":{"b":1}}"#).is_ok());
        assert!(check_unique_names(br#"{"a":1} x"#).is_err());
    }
}
