//! jaring-fuzz: fuzz targets for everything another agency controls, each a plain function
//! that runs bytes through jaring's real parsing, verification and opening code.
//!
//! - [`envelope`]: bytes off a stream, received by a node (spec §4).
//! - [`member_envelope`]: a header and payload a member signed with its real key.
//! - [`body`]: a decrypted body of any kind, validated and typed (spec §5).
//! - [`body_shapes`]: the same, with the input choosing each field's JSON shape.
//! - [`receipt`]: a receipt body, sealed by a member and received through the whole pipeline.
//! - [`directory`]: a signed directory offered by the hub (spec §3).
//! - [`checkpoint`]: a peer's checkpoint message, witnessed (spec §7).
//! - [`audit_log`]: an agency's audit log, as an auditor verifies it (spec §7).
//!
//! Every target runs in fixed worlds built from the shared vectors (trust files, directories,
//! the agencies' keys, a fixed clock), so an input means the same thing on every run.
//!
//! No target panics on any input. A panic is a finding: one in jaring's code is a bug, and
//! the one check the targets add (a validated body must have its typed view) names a body a
//! node would accept and then fail to use. `fuzz/afl` runs the targets under AFL++;
//! `tests/corpus.rs` replays the seeds and every crash or hang found, kept in
//! `fuzz/regressions/<target>/`. See `docs/fuzzing.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod audit_log;
mod body;
mod body_shapes;
mod checkpoint;
mod directory;
mod envelope;
mod fixture;
mod member_envelope;
mod receipt;
mod receive;
mod views;

pub use audit_log::audit_log;
pub use body::body;
pub use body_shapes::body_shapes;
pub use checkpoint::checkpoint;
pub use directory::directory;
pub use envelope::envelope;
pub use member_envelope::member_envelope;
pub use receipt::receipt;

/// A fuzz target: takes any bytes, returns, and panics only on a finding.
pub type Target = fn(&[u8]);

/// Every target by the name its seeds (`fuzz/seeds/<name>/`), its regressions
/// (`fuzz/regressions/<name>/`) and its AFL++ binary (`fuzz/afl`) go by.
pub const TARGETS: [(&str, Target); 8] = [
    ("envelope", envelope),
    ("member_envelope", member_envelope),
    ("body", body),
    ("body_shapes", body_shapes),
    ("receipt", receipt),
    ("directory", directory),
    ("checkpoint", checkpoint),
    ("audit_log", audit_log),
];

/// Builds the fixed worlds now rather than on the first input. A fuzzing binary calls it
/// before its loop, so that AFL++'s fork server starts every child with them built.
pub fn prepare() {
    let _ = fixture::fixture();
}
