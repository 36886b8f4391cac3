//! jaring-audit: the tamper-evident audit log of spec §7.
//!
//! - [`merkle`]: RFC 9162 hashing, inclusion and consistency proofs.
//! - [`checkpoint`]: checkpoints as C2SP signed notes, and the message nodes publish.
//! - [`log`]: verifying a log file entry by entry and against checkpoints.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod checkpoint;
pub mod log;
pub mod merkle;

pub use checkpoint::{Checkpoint, CheckpointMessage};
pub use merkle::Hash;
