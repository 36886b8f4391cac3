//! A TAXII 2.1 read feed (OASIS TAXII 2.1, §4-§5): discovery at `/taxii2/`, one API root at
//! `/taxii2/jaring/`, one collection per TLP level a feed user may read, and for each its
//! objects, manifest, an object and its versions. Nothing can be written (`can_write: false`).
//!
//! The protocol lives here; the objects come from a [`Backend`] (the node, which derives them
//! when a message is stored). What this crate guarantees, whatever the backend:
//! - every response, errors included, is `application/taxii+json;version=2.1`, and a request
//!   that accepts only another version gets 406 ([`media`]);
//! - the caller is authenticated (HTTP Basic) before anything else is read ([`routes`]);
//! - paging is by `date_added`, unique and increasing per object: `added_after` is a strict
//!   lower bound, `next` a cursor that carries the last `date_added` served, so it needs no
//!   server state and never expires ([`query`]);
//! - non-empty pages carry `X-TAXII-Date-Added-First` and `-Last`.

pub mod backend;
pub mod collections;
pub mod error;
pub mod media;
pub mod query;
pub mod routes;

pub use backend::{Backend, Reader, StoredObject};
pub use collections::{Collection, COLLECTIONS};
pub use error::TaxiiError;
pub use routes::router;

/// Where discovery is served.
pub const DISCOVERY: &str = "/taxii2/";
/// The one API root.
pub const API_ROOT: &str = "/taxii2/jaring/";
