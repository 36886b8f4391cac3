//! Correlation: the alerts that share a value, a compound's trail across agencies, and the
//! decisions people take on links the node only suggests. Everything here is read from the
//! node's correlation index, which holds alerts only (never a referral), and every answer is
//! audited with the caller's name, as a view of decrypted content.

use jaring_core::body::Place;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// One value that links two alerts, or that a search looked for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct Via {
    /// `ref`, `name`, `operator`, an indicator type (`crypto-wallet`, `social-handle`, ...),
    /// `near` (places within the radius) or `confirmed` (a person's decision).
    pub facet: String,
    /// The normalised value (for `near`: the distance, `12.5 km`; for `confirmed`: who).
    pub value: String,
}

/// Another alert linked to the one shown, and by which values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Related {
    /// The alert's id (the original alert; its latest version is what was indexed).
    pub id: String,
    /// Its sender.
    pub sender: String,
    /// The compound's name in that alert.
    pub compound: String,
    /// When that move was observed.
    pub observed_at: String,
    /// The values it shares.
    pub via: Vec<Via>,
}

/// A value over `correlation.max_per_value`: it links nothing, and is shown so that someone
/// looks at why it is so common (a shared host, a placeholder, a value that belongs on the
/// exclusion list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Flagged {
    /// The facet.
    pub facet: String,
    /// The normalised value.
    pub value: String,
    /// In how many alerts it was seen (counted up to the cap and one more).
    pub alerts: u64,
}

/// `GET /v1/correlate/search?q=`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// `TYPE=VALUE` (normalised by the type's rule: `phone=+855 12 345 678`), or a bare value
    /// tried under every facet.
    pub q: String,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchAnswer {
    /// The keys looked up, normalised.
    pub keys: Vec<Via>,
    /// Every alert holding one of them (at most 500), newest observation first.
    pub hits: Vec<Related>,
    /// Keys on the exclusion list: found all the same, but they never link alerts.
    pub excluded: Vec<Via>,
    /// Keys over the cap.
    pub flagged: Vec<Flagged>,
}

/// `GET /v1/compounds/trail?q=`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TrailQuery {
    /// A compound reference (a UUID) or a name or alias.
    pub q: String,
}

/// One move of the compound, as one agency reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Position {
    /// Its number in time order, from 1.
    pub step: usize,
    /// The alert (the original; an update's content is shown under its original's id).
    pub id: String,
    /// The reporting agency.
    pub sender: String,
    /// The message whose content is shown: the latest update, or the alert itself.
    pub version: String,
    /// The compound's name and aliases as this alert gave them.
    pub compound: String,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Where it was.
    #[schema(value_type = Object)]
    pub from: Place,
    /// Where it went.
    #[schema(value_type = Object)]
    pub to: Place,
    /// When the move was observed.
    pub observed_at: String,
    /// The Admiralty grade, e.g. `B2`.
    pub grading: String,
    /// The alert's TLP.
    pub tlp: String,
}

/// Why two positions of the trail belong together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Link {
    /// One alert.
    pub a: String,
    /// Its sender.
    pub a_sender: String,
    /// The other.
    pub b: String,
    /// Its sender.
    pub b_sender: String,
    /// The values they share (a reference, an indicator) or a person's confirmation.
    pub via: Vec<Via>,
}

/// An alert that may be about the same compound: linked only by a name, an alias, an operator
/// or a place nearby. Never merged until a person confirms it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Suggestion {
    /// The alert.
    pub id: String,
    /// Its sender.
    pub sender: String,
    /// The compound's name in it.
    pub compound: String,
    /// Where it went.
    #[schema(value_type = Object)]
    pub to: Place,
    /// When.
    pub observed_at: String,
    /// The trail alert it links to.
    pub linked_to: String,
    /// Why.
    pub via: Vec<Via>,
    /// Whether it is this agency's own alert, so a confirmation can be shared as an
    /// `alert-update` setting `compound.ref`.
    pub own: bool,
}

/// A compound's trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Trail {
    /// The name decisions are filed under: the compound reference, or `name:` and the
    /// case-folded name when no alert carries one.
    pub key: String,
    /// The compound's reference, when the trail has one (the earliest alert's, if several).
    pub reference: Option<String>,
    /// The names it went by, in order of first appearance.
    pub names: Vec<String>,
    /// Every position, in time order.
    pub positions: Vec<Position>,
    /// What links them.
    pub links: Vec<Link>,
    /// Alerts that may belong, for a person to confirm or dismiss.
    pub suggestions: Vec<Suggestion>,
    /// Values of the trail's alerts over the cap (they linked nothing).
    pub flagged: Vec<Flagged>,
    /// The map: an SVG drawn by the node (country borders, positions, arrows in time order).
    pub svg: String,
}

/// `POST /v1/compounds/trail/decisions`: a person's decision on a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Decision {
    /// The trail's key ([`Trail::key`]).
    pub trail: String,
    /// The suggested alert.
    pub id: String,
    /// Its sender.
    pub sender: String,
    /// `confirm` or `dismiss`.
    pub decision: String,
    /// With `confirm`, for the agency's own alert: send an `alert-update` to the alert's
    /// recipients that sets `compound.ref` to the trail's reference.
    #[serde(default)]
    pub share: bool,
}

/// What a decision did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DecisionAnswer {
    /// `confirmed` or `dismissed`.
    pub recorded: String,
    /// The id of the `alert-update` sent, when shared.
    pub update: Option<String>,
}

/// `POST /v1/correlate/rebuild`: what the rebuild did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Rebuilt {
    /// Alerts indexed.
    pub alerts: u64,
    /// Index rows written.
    pub rows: u64,
    /// Stored alerts that did not open or validate (left out, and audited).
    pub skipped: u64,
}
