//! Target `body`: a decrypted body of any kind, validated as a receiving node validates it
//! (spec §5), then typed as the node types it to act on it and to show it.
//!
//! Bodies are encrypted, so through an envelope the fuzzer would reach them only by sealing
//! each input (as [`crate::receipt`] does, at the cost of the cryptography); here the
//! validation is called directly, thousands of times faster.
//!
//! Input: one byte choosing the kind and the header's refs, then the body's JSON bytes. The
//! kind is `Kind::ALL[b % 6]` (alert, update, cancel, referral, status, receipt) and the refs
//! are the first `(b / 6) % 3` of two fixed ids, so each kind's refs rule is met and broken.

use jaring_core::{Body, Kind, MessageId};

use crate::views::assert_typed_view;

/// Two message ids a header may refer to (UUID v7, canonical form).
const REFS: [&str; 2] = [
    "019ab3c0-0000-7000-8000-000000000001",
    "019ab3c0-0000-7000-8000-000000000002",
];

/// Validates the body after the selector byte, and checks that a valid one has its typed view.
pub fn body(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let choice = usize::from(selector);
    let kind = Kind::ALL[choice % Kind::ALL.len()];
    let refs: Vec<MessageId> = REFS
        .iter()
        .take((choice / Kind::ALL.len()) % 3)
        .filter_map(|r| MessageId::parse(r).ok())
        .collect();
    if let Ok(body) = Body::from_bytes(kind, bytes, &refs) {
        assert_typed_view(&body);
    }
}
