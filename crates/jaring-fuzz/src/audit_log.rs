//! Target `audit_log`: an agency's audit log file as an auditor checks it
//! (`jaring audit verify`): every entry's form, the sequence numbers, the agency, the `prev`
//! chain, then the checkpoints and the inclusion proofs.
//!
//! The agency keeps the log, so an auditor checking it reads bytes the audited agency
//! controls entirely, including every way of editing it that the checks are meant to name.

use jaring_audit::log;

use crate::fixture::{fixture, AUDITED};

/// Verifies `data` as ID-KEMLU-PNH's log (as its checkpoints name it) and as a log of an
/// agency read from its entries; checks the checkpoints held and proves a few entries.
pub fn audit_log(data: &[u8]) {
    let f = fixture();
    if let Ok(verified) = log::verify_for(data, Some(AUDITED)) {
        let _ = verified.check_all(&f.held_checkpoints);
        let _ = verified.root();
        for seq in [0, 3, verified.size().saturating_sub(1), verified.size()] {
            let _ = verified.prove(seq);
        }
    }
    let _ = log::verify(data);
}
