//! Target `member_envelope`: an envelope whose header and payload a member agency chose and
//! signed with its real key.
//!
//! Mutating a signed envelope breaks its signature, so for nearly every input the
//! `envelope` target stops at `bad-signature`, and what comes after (the times, the recipient
//! lookup, the key unwrap, the decryption) would be exercised by the seeds alone. But a member
//! agency, or whoever stole its key, signs whatever it likes. This target signs the fuzzed
//! header and payload with the key the header's `sender_kid` names (any key the vectors give,
//! members, a non-member, a revoked and an unlisted one; TH-RTP's when it names none of them)
//! and receives the result.
//!
//! Input: the header's JSON bytes, a 0 byte, then the payload (the encrypted body and its
//! tag). JSON text never holds a raw 0 byte, so the split is unambiguous; with no 0 byte, the
//! payload is 16 zero bytes (an empty body's tag, which will not authenticate).

use jaring_core::envelope::craft;
use serde::Deserialize;

use crate::fixture::{fixture, Agent, World};
use crate::receive::{receive, Outcome};

/// The one header field that picks the signing key, read leniently: any header, however
/// malformed, is still signed and sent.
#[derive(Deserialize)]
struct Claimed {
    sender_kid: Option<String>,
}

/// Signs `data` (header, 0, payload) as the member its header names and receives it.
pub fn member_envelope(data: &[u8]) {
    let _ = outcome(data);
}

/// What the receiving node does with the signed envelope.
pub(crate) fn outcome(data: &[u8]) -> Option<Outcome> {
    let f = fixture();
    let (header, payload) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, [0u8; 16].as_slice()),
    };
    let kid = serde_json::from_slice::<Claimed>(header)
        .ok()
        .and_then(|c| c.sender_kid);
    let (world, signer) = pick_signer(&f.worlds, kid.as_deref())?;
    let envelope = craft::sign_and_assemble(&signer.key, header, payload);
    Some(receive(f, world, &envelope))
}

/// The world and agent whose signing key has `kid`, else wire-v1's first member (TH-RTP).
fn pick_signer<'a>(worlds: &'a [World], kid: Option<&str>) -> Option<(&'a World, &'a Agent)> {
    let named = kid.and_then(|kid| worlds.iter().find_map(|w| w.signer(kid).map(|a| (w, a))));
    named.or_else(|| {
        let world = worlds.first()?;
        Some((world, world.agents.first()?))
    })
}
