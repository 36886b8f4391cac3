//! Receiving an envelope as a node does, in the fixed worlds: the harness picks which node
//! receives it and on which subject, then runs the node's own receive function,
//! [`jaring_core::inbound::open_one`] (parse, verify under the directory, subject check,
//! decrypt and validate the body, read a receipt's items or a status out of it).

use jaring_core::envelope::{ErrorCode, ParsedEnvelope};
use jaring_core::inbound::{open_one, Effect, Inbound, Raw};
use jaring_core::subject::{Recipient, Subject};
use jaring_core::Kind;

use crate::fixture::{Fixture, World};

/// The subject prefix the vectors' network uses.
const PREFIX: &str = "rso";

/// What the node would do with the envelope.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// Refused with this code (spec §4, or `subject-mismatch`).
    Refused(ErrorCode),
    /// Opened, with what it changes.
    Opened(Kind, Effect),
}

/// Receives `payload` in every world, as the first recipient in it whose key the vectors
/// give. Only a world whose keys signed the envelope gets past the key lookup, so the others
/// cost a parse and a map lookup. Returns the outcome that got furthest (opened, or else the
/// refusal latest in the order of the codes).
pub(crate) fn receive_anywhere(fixture: &Fixture, payload: &[u8]) -> Outcome {
    let mut best = Outcome::Refused(ErrorCode::Malformed);
    for world in &fixture.worlds {
        let outcome = receive(fixture, world, payload);
        if rank(&outcome) >= rank(&best) {
            best = outcome;
        }
    }
    best
}

fn rank(outcome: &Outcome) -> usize {
    match outcome {
        Outcome::Refused(code) => ErrorCode::ALL.iter().position(|c| c == code).unwrap_or(0),
        Outcome::Opened(..) => ErrorCode::ALL.len(),
    }
}

/// Receives `payload` in `world` as the node of the first recipient whose key is given
/// (TH-RTP for receipts and statuses, ID-KEMLU-PNH or PH-DFA for alerts and referrals), on
/// the subject an honest sender would publish it on.
pub(crate) fn receive(fixture: &Fixture, world: &World, payload: &[u8]) -> Outcome {
    let parsed = match ParsedEnvelope::parse(payload) {
        Ok(p) => p,
        Err(e) => return Outcome::Refused(e.code),
    };
    let header = parsed.unverified_header().clone();
    // Which node receives it is the harness's choice, not the sender's: any recipient we hold
    // a key for, or else the first member (which then refuses it as not-a-recipient).
    let Some(me) = header
        .recipient_ids()
        .find_map(|id| world.agent(id))
        .or_else(|| world.agents.first())
    else {
        return Outcome::Refused(ErrorCode::NotARecipient);
    };
    let subject = Subject {
        family: header.kind.family(),
        sender: header.sender.clone(),
        recipient: Recipient::Agency(me.id.clone()),
    }
    .render(PREFIX);
    let raw = Raw {
        subject,
        payload: payload.to_vec(),
        stream_seq: None,
    };
    let keys = me.key.opening_keys();
    match open_one(raw, PREFIX, &me.id, &keys, &world.directory, fixture.now) {
        Inbound::Refused { error, .. } => Outcome::Refused(error.code),
        Inbound::Opened { header, effect, .. } => Outcome::Opened(header.kind, effect),
    }
}

#[cfg(test)]
mod tests {
    //! The harness must reach what it claims to: the good vectors open all the way to their
    //! effects, and the faulty ones stop at their own step.
    use super::*;
    use crate::fixture::fixture;
    use jaring_core::body::STATUSES;

    fn seed(name: &str) -> Vec<u8> {
        let path = format!("{}/../../fuzz/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn outcome(name: &str) -> Outcome {
        receive_anywhere(fixture(), &seed(&format!("envelope/{name}")))
    }

    #[test]
    fn good_envelopes_open_to_their_effects() {
        assert!(matches!(
            outcome("wire-v1-referral.json"),
            Outcome::Opened(Kind::VictimReferral, Effect::None)
        ));
        assert!(matches!(
            outcome("wire-v1-alert-two-recipients.json"),
            Outcome::Opened(Kind::CompoundRelocationAlert, Effect::Alert(_))
        ));
        assert!(matches!(
            outcome("wire-v1-receipt-batched.json"),
            Outcome::Opened(Kind::Receipt, Effect::Receipt(items)) if items.len() == 2
        ));
        assert!(matches!(
            outcome("wire-v1-referral-status.json"),
            Outcome::Opened(Kind::ReferralStatus, Effect::Status(s)) if STATUSES.contains(&s.as_str())
        ));
        // The rev2 world (TH-RTP to PH-DFA, both classical) decrypts, so its body reaches the
        // rules; jaring-core may still refuse the revision's new alert fields.
        assert!(reaches_body_rules(outcome(
            "wire-v1-rev2-alert-rev2-fields.json"
        )));
    }

    fn reaches_body_rules(outcome: Outcome) -> bool {
        matches!(
            outcome,
            Outcome::Opened(..) | Outcome::Refused(ErrorCode::InvalidBody)
        )
    }

    #[test]
    fn faulty_envelopes_stop_at_their_step() {
        for (name, code) in [
            ("wire-v1-revoked-key.json", ErrorCode::RevokedKey),
            ("wire-v1-expired.json", ErrorCode::Expired),
            ("wire-v1-malformed-not-json.json", ErrorCode::Malformed),
        ] {
            assert!(
                matches!(outcome(name), Outcome::Refused(c) if c == code),
                "{name}: expected {code}, got {:?}",
                outcome(name)
            );
        }
    }

    #[test]
    fn member_signed_parts_open_again() {
        let referral =
            crate::member_envelope::outcome(&seed("member_envelope/wire-v1-referral.bin"));
        assert!(
            matches!(referral, Some(Outcome::Opened(Kind::VictimReferral, _))),
            "{referral:?}"
        );
        let rev2 = crate::member_envelope::outcome(&seed(
            "member_envelope/wire-v1-rev2-alert-rev2-fields.bin",
        ));
        assert!(rev2.is_some_and(reaches_body_rules));
        assert!(matches!(
            crate::member_envelope::outcome(&seed("member_envelope/wire-v1-receipt-batched.bin")),
            Some(Outcome::Opened(Kind::Receipt, Effect::Receipt(_)))
        ));
    }

    #[test]
    fn receipt_bodies_are_sealed_and_read_back() {
        for name in ["batched.json", "one-delivered.json", "one-rejected.json"] {
            let result = crate::receipt::outcome(&seed(&format!("receipt/{name}")));
            assert!(
                matches!(result, Some(Outcome::Opened(Kind::Receipt, Effect::Receipt(ref items))) if !items.is_empty()),
                "{name}: {result:?}"
            );
        }
        assert!(matches!(
            crate::receipt::outcome(b"{\"items\":[]}"),
            Some(Outcome::Refused(ErrorCode::InvalidBody))
        ));
    }
}
