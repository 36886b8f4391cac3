//! jaring-core: the jaring wire format, version 1, with no I/O beyond the files it is asked to
//! read and write.
//!
//! - [`id`]: agency ids, message ids and key ids (spec §1).
//! - [`keys`]: secret and public key files (spec §2).
//! - [`trust`] and [`directory`]: trust anchors and the signed directory (spec §3).
//! - [`envelope`]: sealing and opening (spec §4), with the spec's error codes.
//! - [`body`]: kinds and validated bodies (spec §5).
//! - [`subject`]: NATS subjects (spec §6).
//! - [`inbound`]: receiving one envelope as a node does (open, subject check, effects).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod b64;
pub mod body;
pub mod country;
pub mod directory;
pub mod envelope;
pub mod id;
pub mod inbound;
pub mod json;
pub mod keys;
pub mod subject;
pub mod time;
pub mod trust;

pub use body::{Body, Kind, Tlp};
pub use directory::{Directory, SignedDirectory};
pub use envelope::{open, seal, Draft, ErrorCode, OpenError, Opened, Receiver};
pub use id::{AgencyId, MessageId};
pub use keys::{PublicKey, SecretKey};
pub use time::Timestamp;
pub use trust::Trust;
