//! One version of an alert thread as STIX (the table in docs/stix.md): the compound as an
//! `infrastructure`, its move as two `located-at` relationships (one that stopped, one that
//! started at `observed_at`), its indicators as observables it `consists-of`, its operators as
//! `threat-actor`s that `use` it, and a `report` that names all of them.
//!
//! Only what STIX readers need leaves: fields jaring does not know (`AlertBody::extra`, a
//! newer sender's additions) are never exported, since nobody has decided they may be.

use std::collections::BTreeSet;

use jaring_core::body::{AlertBody, Place, Tlp};
use serde::Serialize;

use crate::extensions;
use crate::model::{
    self, CompoundProps, Extension, ExternalReference, Grading, Identity, Infrastructure, Location,
    OperatorProps, Relationship, Report, Sdo, ThreatActor, PROPERTY_EXTENSION,
};
use crate::observables;
use crate::{marking_id, timestamp, AlertVersion, Object, Sender, StixError, ThreadIds};

/// Every object of this version: the sender's identity, what the report refers to, the
/// report.
pub(crate) fn objects(v: &AlertVersion<'_>, ids: &mut ThreadIds) -> Result<Vec<Object>, StixError> {
    if v.tlp == Tlp::Red {
        return Err(StixError::Red);
    }
    let body = v.body;
    let compound =
        non_empty(&body.compound.name).ok_or(StixError::Body("compound.name is empty"))?;
    let agency =
        non_empty(v.sender.agency).ok_or(StixError::Body("the sender's agency id is empty"))?;
    let created_ms = *ids.created_ms.get_or_insert(v.modified_ms);
    let mut m = Mapper {
        ids,
        created: timestamp(created_ms),
        // `modified` before `created` is invalid STIX: a clock behind the first version's
        // keeps the first version's time.
        modified: timestamp(v.modified_ms.max(created_ms)),
        author: format!("identity--{}", v.sender.identity),
        marking: marking_id(v.tlp),
        confidence: confidence(&body.info_credibility),
        referred: Vec::new(),
    };
    let identity = identity(&v.sender, agency)?;
    let infrastructure = m.infrastructure(body, compound)?;
    m.movement(body, &infrastructure)?;
    m.observables(body, &infrastructure)?;
    m.operators(body, &infrastructure)?;
    let report = m.report(v, compound)?;
    let mut out = Vec::with_capacity(m.referred.len() + 2);
    out.push(identity);
    out.append(&mut m.referred);
    out.push(report);
    Ok(out)
}

/// Text that is not blank, trimmed: STIX allows no empty strings.
fn non_empty(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// The non-blank items of a list.
fn texts(items: &[String]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| non_empty(item))
        .map(str::to_owned)
        .collect()
}

/// Case-folded, white space collapsed: an operator's slot, so that re-ordering or re-casing
/// the operators keeps their ids.
fn fold(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// STIX `confidence` (0-100) of an Admiralty information credibility: 1 (confirmed) is high,
/// 5 (improbable) low; 6 (cannot be judged) says nothing, so no property.
fn confidence(credibility: &str) -> Option<u8> {
    match credibility.trim() {
        "1" => Some(90),
        "2" => Some(70),
        "3" => Some(50),
        "4" => Some(30),
        "5" => Some(10),
        _ => None,
    }
}

/// jaring's grading extension, from the alert's Admiralty code.
fn grading(body: &AlertBody) -> Option<Extension> {
    let reliability = non_empty(&body.source_reliability);
    let credibility = non_empty(&body.info_credibility);
    if reliability.is_none() && credibility.is_none() {
        return None;
    }
    Some(Extension::Grading(Grading {
        extension_type: PROPERTY_EXTENSION,
        admiralty: reliability.zip(credibility).map(|(r, c)| format!("{r}{c}")),
        source_reliability: reliability.map(str::to_owned),
        info_credibility: credibility.map(str::to_owned),
    }))
}

/// The sending agency: not marked, since who sent an alert is not the alert's secret, and
/// one version whatever alert it comes with (its time is the caller's, kept).
fn identity(sender: &Sender<'_>, agency: &str) -> Result<Object, StixError> {
    let when = timestamp(sender.identity_created_ms);
    let name = sender.name.and_then(non_empty).unwrap_or(agency);
    let mut sdo = Sdo::new(
        "identity",
        format!("identity--{}", sender.identity),
        when.clone(),
        when,
        Identity {
            name: name.to_owned(),
            identity_class: "organization",
        },
    );
    sdo.external_references.push(ExternalReference {
        source_name: "jaring-agency",
        external_id: agency.to_owned(),
    });
    sdo.into_object()
}

/// A relationship with nothing but its type and ends.
fn link(relationship_type: &'static str, source: &str, target: &str) -> Relationship {
    Relationship {
        relationship_type,
        description: None,
        source_ref: source.to_owned(),
        target_ref: target.to_owned(),
        start_time: None,
        stop_time: None,
    }
}

/// The state of one mapping: the thread's ids and the properties every SDO and SRO of this
/// version shares.
struct Mapper<'a> {
    ids: &'a mut ThreadIds,
    created: String,
    modified: String,
    author: String,
    marking: &'static str,
    confidence: Option<u8>,
    /// Every object the report refers to, in the order made.
    referred: Vec<Object>,
}

impl Mapper<'_> {
    /// An SDO or SRO of the slot's id, with the common properties of this version.
    fn sdo<B: Serialize>(&mut self, kind: &'static str, slot: &str, body: B) -> Sdo<B> {
        let id = format!("{kind}--{}", self.ids.id(slot));
        let mut sdo = Sdo::new(kind, id, self.created.clone(), self.modified.clone(), body);
        sdo.created_by_ref = Some(self.author.clone());
        sdo.confidence = self.confidence;
        sdo.object_marking_refs = vec![self.marking];
        sdo
    }

    /// Keeps an object for the report; its id.
    fn add<B: Serialize>(&mut self, sdo: Sdo<B>) -> Result<String, StixError> {
        let object = sdo.into_object()?;
        let id = object.id.clone();
        self.referred.push(object);
        Ok(id)
    }

    /// A relationship of the slot's id.
    fn relate(&mut self, slot: &str, relationship: Relationship) -> Result<String, StixError> {
        let sdo = self.sdo("relationship", slot, relationship);
        self.add(sdo)
    }

    /// The compound.
    fn infrastructure(&mut self, body: &AlertBody, name: &str) -> Result<String, StixError> {
        let observed = timestamp(body.observed_at.unix_millis());
        let mut sdo = self.sdo(
            "infrastructure",
            "infrastructure",
            Infrastructure {
                name: name.to_owned(),
                aliases: texts(&body.compound.aliases),
                labels: texts(&body.scam_types),
                first_seen: observed.clone(),
                last_seen: observed,
            },
        );
        if let Some(reference) = body.compound.reference.as_deref().and_then(non_empty) {
            sdo.external_references.push(ExternalReference {
                source_name: "jaring-compound-ref",
                external_id: reference.to_owned(),
            });
        }
        if let Some(grading) = grading(body) {
            sdo.extensions.insert(extensions::GRADING, grading);
        }
        let held = CompoundProps {
            extension_type: PROPERTY_EXTENSION,
            estimated_persons: body.estimated_persons,
            nationalities: texts(&body.nationalities),
        };
        if held.estimated_persons.is_some() || !held.nationalities.is_empty() {
            sdo.extensions
                .insert(extensions::COMPOUND, Extension::Compound(held));
        }
        self.add(sdo)
    }

    /// The move: the compound was at `from` until `observed_at` and at `to` from then on.
    /// Never both times on one relationship: the two ends of a stay are not both known.
    fn movement(&mut self, body: &AlertBody, infrastructure: &str) -> Result<(), StixError> {
        let observed = timestamp(body.observed_at.unix_millis());
        let (from, from_note) = self.place("from", &body.from)?;
        let (to, to_note) = self.place("to", &body.to)?;
        let was_at = Relationship {
            description: from_note,
            stop_time: Some(observed.clone()),
            ..link("located-at", infrastructure, &from)
        };
        self.relate("was-at", was_at)?;
        let moved_to = Relationship {
            description: to_note,
            start_time: Some(observed),
            ..link("located-at", infrastructure, &to)
        };
        self.relate("moved-to", moved_to)?;
        Ok(())
    }

    /// The location a place is, and what of it a country-only place could not hold (its
    /// name and area), for the relationship's description. With coordinates the place is a
    /// point of its own, `located-at` its country; without, the country is all there is.
    fn place(&mut self, side: &str, place: &Place) -> Result<(String, Option<String>), StixError> {
        let country = non_empty(&place.country).ok_or(StixError::Body("a place has no country"))?;
        let name = place.name.as_deref().and_then(non_empty);
        let admin = place.admin.as_deref().and_then(non_empty);
        let country_only = self.sdo(
            "location",
            &format!("{side}-country"),
            Location {
                name: Some(country.to_owned()),
                country: Some(country.to_owned()),
                ..Location::default()
            },
        );
        let (Some(lat), Some(lon)) = (place.lat, place.lon) else {
            let country_id = self.add(country_only)?;
            let note = match (name, admin) {
                (Some(name), Some(admin)) => Some(format!("{name}, {admin}")),
                (name, admin) => name.or(admin).map(str::to_owned),
            };
            return Ok((country_id, note));
        };
        // No `country` on the point: a location with a country is read as that country by
        // OpenCTI and others, and the point is somewhere in it, not it.
        let point = self.sdo(
            "location",
            &format!("{side}-place"),
            Location {
                name: Some(name.map_or_else(|| format!("{country} {lat},{lon}"), str::to_owned)),
                latitude: Some(lat),
                longitude: Some(lon),
                precision: place.precision_m.map(f64::from),
                administrative_area: admin.map(str::to_owned),
                country: None,
            },
        );
        let point_id = self.add(point)?;
        let country_id = self.add(country_only)?;
        self.relate(
            &format!("{side}-place-in"),
            link("located-at", &point_id, &country_id),
        )?;
        Ok((point_id, None))
    }

    /// Indicators: one observable per distinct id (two ways of writing one wallet are one
    /// object; the first one's attributes are kept), each one the compound `consists-of`.
    fn observables(&mut self, body: &AlertBody, infrastructure: &str) -> Result<(), StixError> {
        let mut seen = BTreeSet::new();
        for indicator in &body.indicators {
            let Some(sco) = observables::sco(indicator, self.marking)? else {
                continue;
            };
            if !seen.insert(sco.id.clone()) {
                continue;
            }
            let object = model::object(sco.kind, sco.id.clone(), None, &sco)?;
            self.referred.push(object);
            self.relate(
                &format!("consists-of:{}", sco.id),
                link("consists-of", infrastructure, &sco.id),
            )?;
        }
        Ok(())
    }

    /// Operators: one `threat-actor` per distinct folded name (the first one's aliases and
    /// kind are kept), each one `uses` the compound.
    fn operators(&mut self, body: &AlertBody, infrastructure: &str) -> Result<(), StixError> {
        let mut seen = BTreeSet::new();
        for operator in &body.operators {
            let Some(name) = non_empty(&operator.name) else {
                continue;
            };
            let key = fold(name);
            if !seen.insert(key.clone()) {
                continue;
            }
            let mut sdo = self.sdo(
                "threat-actor",
                &format!("operator:{key}"),
                ThreatActor {
                    name: name.to_owned(),
                    aliases: texts(&operator.aliases),
                    threat_actor_types: vec!["crime-syndicate"],
                },
            );
            if let Some(kind) = operator.kind.as_deref().and_then(non_empty) {
                let props = OperatorProps {
                    extension_type: PROPERTY_EXTENSION,
                    kind: kind.to_owned(),
                };
                sdo.extensions
                    .insert(extensions::OPERATOR, Extension::Operator(props));
            }
            let actor = self.add(sdo)?;
            self.relate(
                &format!("operator-uses:{key}"),
                link("uses", &actor, infrastructure),
            )?;
        }
        Ok(())
    }

    /// The report: everything made so far, graded, named back to the jaring thread.
    fn report(&mut self, v: &AlertVersion<'_>, compound: &str) -> Result<Object, StixError> {
        let object_refs = self.referred.iter().map(|o| o.id.clone()).collect();
        let published = self.modified.clone();
        let mut sdo = self.sdo(
            "report",
            "report",
            Report {
                name: format!("Compound relocation: {compound}"),
                description: v
                    .body
                    .narrative
                    .as_deref()
                    .and_then(non_empty)
                    .map(str::to_owned),
                report_types: vec!["threat-report"],
                published,
                object_refs,
            },
        );
        if let Some(thread) = non_empty(v.thread) {
            sdo.external_references.push(ExternalReference {
                source_name: "jaring",
                external_id: thread.to_owned(),
            });
        }
        if let Some(grading) = grading(v.body) {
            sdo.extensions.insert(extensions::GRADING, grading);
        }
        sdo.into_object()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_per_credibility() {
        let got = ["1", "2", "3", "4", "5", "6"].map(confidence);
        assert_eq!(
            got,
            [Some(90), Some(70), Some(50), Some(30), Some(10), None]
        );
    }

    #[test]
    fn operators_fold() {
        assert_eq!(fold("  Kokang   Group "), "kokang group");
    }
}
