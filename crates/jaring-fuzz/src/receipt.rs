//! Target `receipt`: a receipt's body, sealed by a member (ID-KEMLU-PNH) to the agency whose
//! messages it acknowledges (TH-RTP) with their real keys, and received through the whole
//! pipeline: signature, subject, key unwrap, decryption, validation, and the delivery items
//! the node applies to its outbox.
//!
//! Receipts are the one body whose content changes the receiver's own state (which of its
//! messages count as delivered or rejected, and so which it stops republishing), so they get a
//! target of their own that runs exactly the node's path rather than the validation alone.
//!
//! Input: the receipt body's JSON bytes (`{"items":[{"of":..,"status":..}]}`).

use jaring_core::envelope::craft;
use jaring_core::{AgencyId, Kind, MessageId, Tlp};

use crate::fixture::fixture;
use crate::receive::{receive, Outcome};
use jaring_core::inbound::Effect;

/// The receipt's own message id (fixed: the node's duplicate check is not part of this path).
const ID: &str = "019ab3c0-0000-7000-8000-0000000000aa";

/// Seals `data` as a receipt body from ID-KEMLU-PNH to TH-RTP and receives it as TH-RTP.
pub fn receipt(data: &[u8]) {
    // A receipt that opened (so its body validated) but gave no items is one whose typed view
    // failed: its sender's messages would never count as delivered. See `views`.
    if let Some(Outcome::Opened(Kind::Receipt, Effect::None)) = outcome(data) {
        panic!("a receipt opened and validated, but the node would read no delivery items from it");
    }
}

/// What TH-RTP's node does with the sealed receipt; `None` when it could not be sealed.
pub(crate) fn outcome(data: &[u8]) -> Option<Outcome> {
    let f = fixture();
    let world = f.v1();
    let (Ok(from), Ok(to), Ok(id)) = (
        AgencyId::parse("ID-KEMLU-PNH"),
        AgencyId::parse("TH-RTP"),
        MessageId::parse(ID),
    ) else {
        return None;
    };
    let (Some(sender), Some(key)) = (
        world.agent(&from),
        world
            .directory
            .agency(&to)
            .and_then(|a| a.current_key(f.now)),
    ) else {
        return None;
    };
    let parts = craft::Parts {
        id,
        kind: Kind::Receipt,
        sender: from,
        directory_serial: world.directory.serial,
        created_at: f.now,
        expires_at: None,
        tlp: Tlp::Green,
        refs: Vec::new(),
        body: data.to_vec(),
        recipients: vec![(to, key.wrap_key())],
    };
    // Refused only past the size limit, which is the parser's to judge, not the sealer's.
    let sealed = craft::seal_bytes(&sender.key, parts).ok()?;
    Some(receive(f, world, &sealed.bytes))
}
