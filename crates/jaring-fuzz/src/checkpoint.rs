//! Target `checkpoint`: a peer's checkpoint message, witnessed as a node witnesses the
//! messages on `<prefix>.v1.checkpoint.<peer>.ALL` (spec §7): the message's JSON, the signed
//! note and its signature by the peer's keys, then the consistency proof against the
//! checkpoint held for that peer.
//!
//! The peer holds its own key and signs any tree it likes, so the proof check is reached by
//! a signed note in real life. To reach it without forging signatures, the steps after the
//! signature check also run on the note as parsed, unverified.

use jaring_audit::{Checkpoint, CheckpointMessage};

use crate::fixture::{fixture, AUDITED};

/// Witnesses `data` as a checkpoint message of ID-KEMLU-PNH, against each checkpoint of its
/// log a node may hold (sizes 3 and 7).
pub fn checkpoint(data: &[u8]) {
    let f = fixture();
    let Ok(message) = serde_json::from_slice::<CheckpointMessage>(data) else {
        return;
    };
    let keys = f.audited_keys();
    let verified = Checkpoint::verify_any(&message.checkpoint, keys.iter().copied()).ok();
    let unverified = Checkpoint::parse(&message.checkpoint)
        .ok()
        .map(|(checkpoint, _)| checkpoint);
    for new in verified.iter().chain(unverified.iter()) {
        // The node refuses a note of another agency's log before looking at the proof.
        if new.agency != AUDITED {
            continue;
        }
        for held in &f.held_checkpoints {
            let _ = message.check_extends(held, new);
        }
    }
}
