//! The keys an alert is indexed under: its compound's reference, its compound's names (the name
//! and each alias, case-folded), its operators' names and aliases (case-folded), each
//! indicator's normalised value under its type, and its two places where they have
//! coordinates. Referrals have no keys: a referral's personal data never enters the index.

use std::collections::BTreeSet;

use jaring_core::body::{AlertBody, Place, INDICATOR_TYPES};

use crate::normalise::{fold, normalise};

/// What a key says about the alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    /// The compound's network-wide reference (`compound.ref`).
    Ref,
    /// A name or alias of the compound.
    Name,
    /// A name or alias of an operator.
    Operator,
    /// An indicator of this spec §5 type.
    Indicator(&'static str),
}

impl Facet {
    /// The name stored and shown (`ref`, `name`, `operator`, or the indicator type).
    pub fn as_str(&self) -> &'static str {
        match self {
            Facet::Ref => "ref",
            Facet::Name => "name",
            Facet::Operator => "operator",
            Facet::Indicator(kind) => kind,
        }
    }

    /// Reads a stored facet name.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "ref" => Some(Facet::Ref),
            "name" => Some(Facet::Name),
            "operator" => Some(Facet::Operator),
            _ => INDICATOR_TYPES
                .iter()
                .find(|t| **t == text)
                .map(|t| Facet::Indicator(t)),
        }
    }

    /// Whether a link through this facet is evidence enough to put two alerts in one trail.
    /// A reference says so outright and a shared indicator (a wallet, a handle) is hard
    /// evidence; names are reused and misspelt, and one syndicate runs many compounds, so a
    /// link by name or operator is only ever suggested to a person.
    pub fn joins_trail(&self) -> bool {
        matches!(self, Facet::Ref | Facet::Indicator(_))
    }

    /// Every facet name, for listings and checks.
    pub fn all() -> impl Iterator<Item = Facet> {
        [Facet::Ref, Facet::Name, Facet::Operator]
            .into_iter()
            .chain(INDICATOR_TYPES.iter().map(|t| Facet::Indicator(t)))
    }
}

/// One key: a facet and a normalised value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// What it is.
    pub facet: Facet,
    /// The normalised value.
    pub value: String,
}

/// Which end of the move a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Where the compound was.
    From,
    /// Where it went.
    To,
}

impl End {
    /// `from` or `to`.
    pub fn as_str(&self) -> &'static str {
        match self {
            End::From => "from",
            End::To => "to",
        }
    }

    /// Reads a stored end: `from`, anything else `to`.
    pub fn parse(text: &str) -> Self {
        if text == "from" {
            End::From
        } else {
            End::To
        }
    }
}

/// A place with coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceKey {
    /// Which end.
    pub end: End,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// The radius within which it is known, in metres (0 when not given).
    pub precision_m: u32,
}

/// Everything one alert is indexed under.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertKeys {
    /// The keys, without repeats.
    pub keys: Vec<Key>,
    /// Places with coordinates.
    pub places: Vec<PlaceKey>,
}

fn place(end: End, p: &Place) -> Option<PlaceKey> {
    Some(PlaceKey {
        end,
        lat: p.lat?,
        lon: p.lon?,
        precision_m: p.precision_m.unwrap_or(0),
    })
}

impl AlertKeys {
    /// The keys of a validated alert body.
    pub fn of(body: &AlertBody) -> Self {
        let mut keys = BTreeSet::new();
        let mut add = |facet: Facet, value: String| {
            if !value.is_empty() {
                keys.insert(Key { facet, value });
            }
        };
        if let Some(r) = &body.compound.reference {
            add(Facet::Ref, r.clone());
        }
        for name in std::iter::once(&body.compound.name).chain(&body.compound.aliases) {
            add(Facet::Name, fold(name));
        }
        for op in &body.operators {
            for name in std::iter::once(&op.name).chain(&op.aliases) {
                add(Facet::Operator, fold(name));
            }
        }
        for ind in &body.indicators {
            if let Some(Facet::Indicator(kind)) = Facet::parse(&ind.kind) {
                let n = normalise(kind, &ind.value, ind.platform.as_deref());
                add(Facet::Indicator(kind), n.value);
            }
        }
        let places = [place(End::From, &body.from), place(End::To, &body.to)]
            .into_iter()
            .flatten()
            .collect();
        Self {
            keys: keys.into_iter().collect(),
            places,
        }
    }
}

/// Reads a search term as `TYPE=VALUE` (normalised by that type's rule) or a bare value (tried
/// under every facet: normalised by each indicator type's rule, case-folded for names and
/// operators, as is for references).
pub fn search_keys(term: &str) -> Vec<Key> {
    let term = term.trim();
    if let Some((kind, value)) = term.split_once('=') {
        if let Some(facet) = Facet::parse(kind.trim()) {
            return vec![key_for(facet, value.trim())];
        }
    }
    let mut keys: BTreeSet<Key> = Facet::all().map(|f| key_for(f, term)).collect();
    // A handle searched without its platform is looked up on none; `social-handle=` with a
    // `platform:` prefix names one.
    keys.retain(|k| !k.value.is_empty());
    keys.into_iter().collect()
}

fn key_for(facet: Facet, value: &str) -> Key {
    let value = match facet {
        Facet::Ref => value.to_ascii_lowercase(),
        Facet::Name | Facet::Operator => fold(value),
        Facet::Indicator("social-handle") => match value.split_once(':') {
            Some((platform, handle)) if !handle.starts_with("//") => {
                let platform = platform.trim().to_lowercase();
                normalise("social-handle", handle, Some(&platform)).value
            }
            _ => normalise("social-handle", value, None).value,
        },
        Facet::Indicator(kind) => normalise(kind, value, None).value,
    };
    Key { facet, value }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jaring_core::body::{Body, Kind};
    use serde_json::json;

    #[test]
    fn an_alert_is_indexed_under_its_normalised_values() {
        let body = Body::new(
            Kind::CompoundRelocationAlert,
            json!({
                "compound": {"name": "Golden  Fortune", "aliases": ["GF-2", "golden fortune"],
                             "ref": "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e"},
                "from": {"country": "MM", "lat": 16.69, "lon": 98.51, "precision_m": 5000},
                "to": {"country": "KH"},
                "observed_at": "2026-11-20T06:00:00Z",
                "source_reliability": "B", "info_credibility": "2",
                "indicators": [
                    {"type": "social-handle", "value": "@GoldenJobs", "platform": "telegram"},
                    {"type": "phone", "value": "+855 12 345 678"}
                ],
                "operators": [{"name": "Example Holdings", "aliases": ["EHG"]}]
            }),
            &[],
        )
        .unwrap();
        let keys = AlertKeys::of(&body.typed().unwrap());
        let shown: Vec<(&str, &str)> = keys
            .keys
            .iter()
            .map(|k| (k.facet.as_str(), k.value.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("ref", "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e"),
                ("name", "gf-2"),
                ("name", "golden fortune"),
                ("operator", "ehg"),
                ("operator", "example holdings"),
                ("phone", "+85512345678"),
                ("social-handle", "telegram:goldenjobs"),
            ]
        );
        assert_eq!(keys.places.len(), 1, "only the place with coordinates");
        assert_eq!(keys.places[0].precision_m, 5000);
    }

    #[test]
    fn search_terms() {
        assert_eq!(
            search_keys("phone=+855 12-345-678"),
            [Key {
                facet: Facet::Indicator("phone"),
                value: "+85512345678".into()
            }]
        );
        assert!(
            search_keys("social-handle=telegram:@GoldenJobs").contains(&Key {
                facet: Facet::Indicator("social-handle"),
                value: "telegram:goldenjobs".into()
            })
        );
        assert!(search_keys("  Golden Fortune ").contains(&Key {
            facet: Facet::Name,
            value: "golden fortune".into()
        }));
    }
}
