//! What the feed needs from the node: who the caller is, the stored objects of a collection
//! in `date_added` order, and the audit of every read.

use std::future::Future;
use std::net::IpAddr;

use jaring_core::body::Tlp;

use crate::error::TaxiiError;
use crate::query::ObjectQuery;

/// An authenticated feed user.
#[derive(Debug, Clone)]
pub struct Reader {
    /// The user's name.
    pub name: String,
    /// The TLP levels whose collections the user may read.
    pub levels: Vec<Tlp>,
}

/// One stored object, as the backend keeps it.
#[derive(Debug, Clone)]
pub struct StoredObject {
    /// When the node added it (Unix ms): unique and increasing within the node.
    pub added_ms: i64,
    /// The STIX id.
    pub id: String,
    /// Its version: `modified`, or for an object without one the time it was added.
    pub version: String,
    /// Its JSON text.
    pub json: String,
}

/// The node's side of the feed.
pub trait Backend: Send + Sync + 'static {
    /// A title for discovery and the API root (the agency's name).
    fn title(&self) -> String;

    /// Checks HTTP Basic credentials from `address`. `Err` with 401 for a wrong or unknown
    /// name or password (the same answer, as slow, for both), 403 for a user without the
    /// feed's role; 429 when the name or the address is locked after failures.
    fn authenticate(
        &self,
        name: &str,
        password: &str,
        address: IpAddr,
    ) -> impl Future<Output = Result<Reader, TaxiiError>> + Send;

    /// Objects of the collection of level `tlp` that match `query`, in `date_added` order,
    /// at most `query.limit + 1` (one more than asked says there are more).
    fn objects(
        &self,
        tlp: Tlp,
        query: ObjectQuery,
    ) -> impl Future<Output = Result<Vec<StoredObject>, TaxiiError>> + Send;

    /// Audits a read (`exported`): who, what was read and how many objects it returned.
    fn audit_read(
        &self,
        reader: &Reader,
        what: &'static str,
        tlp: Tlp,
        objects: usize,
    ) -> impl Future<Output = Result<(), TaxiiError>> + Send;
}
