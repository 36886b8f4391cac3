//! Correlation: what joins the alerts an agency holds.
//!
//! An alert joins others through values that mean the same thing however they were written: a
//! wallet, a Telegram handle, a phone number, a compound's network-wide reference, a name, an
//! operator, a place nearby. This crate owns the rules that turn an alert body into those keys
//! ([`facets`], with [`normalise`] for indicator values), the exclusion list that keeps some
//! values from ever linking ([`exclude`]), the distance rule for places ([`geo`]) and the SVG
//! map of a compound's trail ([`map`]). The node keeps the index itself (its store) and builds
//! trails from it; nothing here touches storage or the network.
//!
//! Normalising only feeds the index: the body as sent and shown is never changed.

pub mod exclude;
pub mod facets;
pub mod geo;
pub mod map;
pub mod normalise;

pub use exclude::Exclusions;
pub use facets::{AlertKeys, Facet, Key, PlaceKey};
pub use normalise::{normalise, Normalised};
