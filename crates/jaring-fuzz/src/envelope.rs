//! Target `envelope`: bytes as they come off a stream, received by a node.
//!
//! This is the whole of what any publisher, member or not, can put before a node. Nearly
//! every mutation breaks the signature, so past `bad-signature` this target reaches only what
//! its seeds reach; [`crate::member_envelope`] covers what a signing member can send.

use crate::fixture::fixture;
use crate::receive::receive_anywhere;

/// Receives `data` as an envelope: size, JSON form, version, header fields, sender and key
/// under the directory, signature and times, subject, key unwrap, decryption, the body's
/// rules, and the receipt items or referral status read from it (spec §4, §5).
pub fn envelope(data: &[u8]) {
    let _ = receive_anywhere(fixture(), data);
}
