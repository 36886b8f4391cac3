//! The one check the targets add to "does not panic": a body that passed validation must
//! also read as its kind's typed view.
//!
//! `Body::typed` promises it ("validation already guaranteed it parses"), and the node leans
//! on the promise without panicking when it is broken, so a fuzzer looking for panics alone
//! would never notice: `open_one` turns a receipt or status whose view fails into no effect
//! (the sender's message stays undelivered and is republished), and showing a message
//! (`MessageBody::of` in jaring-api, used by the node's `show`) answers an internal error for
//! a message the node accepted and stored. Either way a sender controls whether a recipient
//! can use what it accepted, which is a bug in jaring worth a crash here.

use jaring_core::body::{AlertBody, CancelBody, ReceiptBody, ReferralBody, StatusBody};
use jaring_core::{Body, Kind};

/// The typed view of a validated body, exactly as `MessageBody::of` takes it.
pub(crate) fn typed_view(body: &Body) -> Result<(), String> {
    let typed = match body.kind() {
        Kind::CompoundRelocationAlert | Kind::AlertUpdate => body.typed::<AlertBody>().map(drop),
        Kind::AlertCancel => body.typed::<CancelBody>().map(drop),
        Kind::VictimReferral => body.typed::<ReferralBody>().map(drop),
        Kind::ReferralStatus => body.typed::<StatusBody>().map(drop),
        Kind::Receipt => body.typed::<ReceiptBody>().map(drop),
    };
    typed.map_err(|e| e.to_string())
}

/// Panics, naming the kind and the reason, when a validated body has no typed view.
pub(crate) fn assert_typed_view(body: &Body) {
    if let Err(e) = typed_view(body) {
        panic!(
            "a body of kind {} passed validation but its typed view fails ({e}): a node would \
             accept and store it, then fail to show it or act on it",
            body.kind()
        );
    }
}
