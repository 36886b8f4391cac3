//! Property tests: seal then open returns the body for any body and recipient set, X-Wing and
//! classical recipients mixed; any single changed byte of an X-Wing envelope makes open fail;
//! a non-recipient never opens; the parsers never panic.

use std::sync::OnceLock;

use jaring_core::directory::{DirectoryBody, Role};
use jaring_core::envelope::{open, Draft, ParsedEnvelope, Receiver};
use jaring_core::{
    seal, AgencyId, Body, Directory, Kind, MessageId, SecretKey, SignedDirectory, Timestamp, Tlp,
    Trust,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const IDS: [&str; 5] = ["TH-RTP", "ID-KEMLU-PNH", "PH-DFA", "MY-PDRM", "KH-MOI"];
/// The agencies (indexes into IDS) whose keys have an X-Wing half: any recipient set mixes
/// the two wraps, and envelopes to index 1 are X-Wing.
const PQ: [usize; 2] = [1, 3];

struct Net {
    directory: Directory,
    keys: Vec<(AgencyId, SecretKey)>,
}

fn net() -> &'static Net {
    static NET: OnceLock<Net> = OnceLock::new();
    NET.get_or_init(|| {
        let root = SecretKey::generate("RSO-ROOT-1").unwrap();
        let trust = Trust::new("bali-rso", 1, &[root.public()]).unwrap();
        let now = Timestamp::now();
        let mut body = DirectoryBody::draft("bali-rso");
        let mut keys = Vec::new();
        for (i, id) in IDS.into_iter().enumerate() {
            let key = match PQ.contains(&i) {
                true => SecretKey::generate_pq(id).unwrap(),
                false => SecretKey::generate(id).unwrap(),
            };
            let cc = &id[..2];
            body.add_agency(
                &key.public(),
                id,
                cc,
                vec![Role::Consular],
                now.plus_seconds(-60),
                now.plus_seconds(86_400),
            )
            .unwrap();
            keys.push((AgencyId::parse(id).unwrap(), key));
        }
        body.serial = 1;
        body.issued_at = now;
        body.expires_at = now.plus_seconds(86_400);
        let directory = SignedDirectory::sign_new(&body, &root)
            .unwrap()
            .verify(&trust, now)
            .unwrap();
        Net { directory, keys }
    })
}

fn try_open(bytes: &[u8], reader: usize) -> Result<jaring_core::Opened, jaring_core::OpenError> {
    let net = net();
    let (me, key) = &net.keys[reader];
    let keys = key.opening_keys();
    open(
        bytes,
        &Receiver {
            me,
            keys: &keys,
            directory: &net.directory,
        },
        Timestamp::now(),
    )
}

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 ,.'\u{e0}-\u{ff}\u{0e01}-\u{0e2e}]{0,40}"
}

fn place() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["MM", "KH", "TH", "LA", "PH"]),
        prop::option::of(text()),
        -90.0f64..=90.0,
        -180.0f64..=180.0,
    )
        .prop_map(|(c, name, lat, lon)| {
            let mut p = json!({"country": c, "lat": lat, "lon": lon});
            if let Some(n) = name {
                p["name"] = n.into();
            }
            p
        })
}

fn extra() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("x-[a-z]{1,8}", any::<String>()), 0..3)
}

/// Bodies of every kind, with the refs their kind needs.
fn any_body() -> impl Strategy<Value = (Kind, Value, Vec<MessageId>)> {
    let alert = (text(), prop::collection::vec(text(), 0..3), place(), place(), prop::option::of(any::<u32>()), any::<String>(), extra())
        .prop_map(|(name, aliases, from, to, persons, narrative, extra)| {
            let mut b = json!({"compound": {"name": name, "aliases": aliases}, "from": from, "to": to,
                "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "C", "info_credibility": "3",
                "narrative": narrative});
            if let Some(p) = persons {
                b["estimated_persons"] = p.into();
            }
            for (k, v) in extra {
                b[k] = v.into();
            }
            (Kind::CompoundRelocationAlert, b, vec![])
        });
    let referral = (text(), place(), any::<bool>(), prop::sample::subsequence(vec!["medical", "shelter", "legal"], 0..3), any::<String>())
        .prop_map(|(case_ref, location, given, needs, notes)| {
            let b = json!({"case_ref": case_ref, "nationality": "ID", "identified_at": "2026-11-21T09:00:00Z",
                "location": location, "consent": {"given": given, "scope": ["share-with-consulate"]},
                "needs": needs, "non_punishment": true, "risk": "medium", "notes": notes});
            (Kind::VictimReferral, b, vec![])
        });
    let status = (
        prop::sample::select(vec!["received", "accepted", "closed"]),
        any::<String>(),
    )
        .prop_map(|(s, notes)| {
            (
                Kind::ReferralStatus,
                json!({"status": s, "notes": notes}),
                vec![MessageId::new()],
            )
        });
    let cancel = text().prop_map(|reason| {
        (
            Kind::AlertCancel,
            json!({"reason": reason}),
            vec![MessageId::new()],
        )
    });
    let receipt = prop::collection::vec(any::<bool>(), 1..20).prop_map(|items| {
        let items: Vec<Value> = items
            .into_iter()
            .map(|ok| {
                if ok {
                    json!({"of": MessageId::new().to_string(), "status": "delivered"})
                } else {
                    json!({"of": MessageId::new().to_string(), "status": "rejected", "error": "bad-signature"})
                }
            })
            .collect();
        (Kind::Receipt, json!({"items": items}), vec![])
    });
    prop_oneof![alert, referral, status, cancel, receipt]
}

fn seal_as(sender: usize, kind: Kind, value: Value, refs: Vec<MessageId>, to: &[usize]) -> Vec<u8> {
    let net = net();
    let body = Body::new(kind, value, &refs).unwrap();
    let draft = Draft {
        body,
        tlp: Tlp::Amber,
        refs,
        expires_at: None,
        to: to.iter().map(|&i| net.keys[i].0.clone()).collect(),
    };
    seal(&net.keys[sender].1, &net.directory, draft, Timestamp::now())
        .unwrap()
        .bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn seal_then_open_gives_the_body_back(
        (kind, value, refs) in any_body(),
        sender in 0..IDS.len(),
        to in prop::sample::subsequence((0..IDS.len()).collect::<Vec<_>>(), 1..=IDS.len()),
    ) {
        let bytes = seal_as(sender, kind, value.clone(), refs.clone(), &to);
        for reader in 0..IDS.len() {
            let result = try_open(&bytes, reader);
            if let Some(entry) = jaring_core::envelope::ParsedEnvelope::parse(&bytes)
                .unwrap()
                .unverified_header()
                .recipients
                .iter()
                .find(|r| r.agency == net().keys[reader].0)
            {
                // Spec §8: X-Wing exactly for the agencies whose key has it.
                prop_assert_eq!(entry.alg.is_some(), PQ.contains(&reader));
            }
            if to.contains(&reader) {
                let opened = result.unwrap();
                prop_assert_eq!(opened.body.to_value(), value.clone());
                prop_assert_eq!(&opened.header.refs, &refs);
                prop_assert_eq!(opened.header.kind, kind);
            } else {
                prop_assert_eq!(result.unwrap_err().code, jaring_core::ErrorCode::NotARecipient);
            }
        }
    }

    #[test]
    fn any_single_changed_byte_is_refused(
        (kind, value, refs) in any_body(),
        index in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let mut bytes = seal_as(0, kind, value, refs, &[1]);
        let i = index.index(bytes.len());
        bytes[i] ^= flip;
        prop_assert!(try_open(&bytes, 1).is_err(), "byte {} changed and it still opened", i);
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = ParsedEnvelope::parse(&bytes);
        let _ = SignedDirectory::from_json(&bytes);
        let _ = Trust::from_json(&bytes, "t");
        let _ = SecretKey::from_json(&bytes, "k");
        let _ = jaring_core::PublicKey::from_json(&bytes, "k");
        for kind in Kind::ALL {
            let _ = Body::from_bytes(kind, &bytes, &[]);
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = Timestamp::parse(text);
            let _ = MessageId::parse(text);
            let _ = AgencyId::parse(text);
        }
    }

    #[test]
    fn open_never_panics_on_mangled_envelopes(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = seal_as(0, Kind::AlertCancel, json!({"reason": "test"}), vec![MessageId::new()], &[1, 2]);
        let mut mangled = bytes.clone();
        for (index, byte) in edits {
            let i = index.index(mangled.len());
            mangled[i] = byte;
        }
        let _ = try_open(&mangled, 1);
        let _ = try_open(&bytes[..cut.index(bytes.len())], 1);
    }

    #[test]
    fn mangled_headers_that_still_parse_never_panic(field in prop::sample::select(vec!["id", "kind", "sender", "sender_kid", "created_at", "expires_at", "tlp", "refs", "directory_serial", "suite", "nonce", "recipients"]), replacement in prop_oneof![Just(Value::Null), any::<i64>().prop_map(Value::from), any::<String>().prop_map(Value::from), Just(json!([])), Just(json!({}))]) {
        let bytes = seal_as(0, Kind::AlertCancel, json!({"reason": "test"}), vec![MessageId::new()], &[1]);
        let outer: Value = serde_json::from_slice(&bytes).unwrap();
        let mut header: Value = serde_json::from_slice(&jaring_core::b64::decode(outer["header"].as_str().unwrap()).unwrap()).unwrap();
        let original = header.clone();
        header[field] = replacement;
        prop_assume!(header != original, "the replacement changes the header");
        let mut changed = outer.clone();
        changed["header"] = jaring_core::b64::encode(header.to_string().as_bytes()).into();
        prop_assert!(try_open(changed.to_string().as_bytes(), 1).is_err());
    }
}
