//! The post-quantum key wrap (spec §8) through jaring-core's own seal and open: which entries
//! a seal makes, step 7 per algorithm, step 7a and where it does not apply, the directory's
//! `pq` keys, and the size limit that X-Wing entries reach first.

use jaring_core::directory::{DirectoryBody, Role};
use jaring_core::envelope::{open, Draft, ErrorCode, ParsedEnvelope, Receiver, SealError};
use jaring_core::{
    seal, AgencyId, Body, Directory, Kind, SecretKey, SignedDirectory, Timestamp, Tlp, Trust,
};
use serde_json::json;

struct Net {
    root: SecretKey,
    trust: Trust,
    body: DirectoryBody,
    keys: Vec<SecretKey>,
}

/// TH-RTP (classical) sends; ID-KEMLU-PNH has an X-Wing half; PH-DFA is classical.
fn net() -> Net {
    let root = SecretKey::generate("RSO-ROOT-1").unwrap();
    let trust = Trust::new("bali-rso", 1, &[root.public()]).unwrap();
    let now = Timestamp::now();
    let mut body = DirectoryBody::draft("bali-rso");
    let keys = vec![
        SecretKey::generate("TH-RTP").unwrap(),
        SecretKey::generate_pq("ID-KEMLU-PNH").unwrap(),
        SecretKey::generate("PH-DFA").unwrap(),
    ];
    for key in &keys {
        body.add_agency(
            &key.public(),
            &key.agency,
            &key.agency[..2],
            vec![Role::Consular],
            now.plus_seconds(-60),
            now.plus_seconds(86_400),
        )
        .unwrap();
    }
    Net {
        root,
        trust,
        body,
        keys,
    }
}

impl Net {
    fn sign(&self, serial: u64) -> Directory {
        let mut body = self.body.clone();
        let now = Timestamp::now();
        body.serial = serial;
        body.issued_at = now;
        body.expires_at = now.plus_seconds(86_400);
        SignedDirectory::sign_new(&body, &self.root)
            .unwrap()
            .verify(&self.trust, now)
            .unwrap()
    }

    fn id(&self, i: usize) -> AgencyId {
        AgencyId::parse(&self.keys[i].agency).unwrap()
    }

    fn seal_to(&self, directory: &Directory, to: &[usize]) -> Result<Vec<u8>, SealError> {
        let body = Body::new(Kind::VictimReferral, referral(), &[]).unwrap();
        let draft = Draft {
            body,
            tlp: Tlp::Red,
            refs: vec![],
            expires_at: None,
            to: to.iter().map(|&i| self.id(i)).collect(),
        };
        seal(&self.keys[0], directory, draft, Timestamp::now()).map(|s| s.bytes)
    }

    /// Opens as agency `i` would under `directory`.
    fn open(
        &self,
        i: usize,
        directory: &Directory,
        bytes: &[u8],
    ) -> Result<jaring_core::Opened, jaring_core::OpenError> {
        let keys = self.keys[i].opening_keys();
        let me = self.id(i);
        open(
            bytes,
            &Receiver {
                me: &me,
                keys: &keys,
                directory,
            },
            Timestamp::now(),
        )
    }

    /// Opens as agency `i`: the referral's body, or the code.
    fn open_as(&self, i: usize, directory: &Directory, bytes: &[u8]) -> Result<(), ErrorCode> {
        self.open(i, directory, bytes)
            .map(|o| assert_eq!(o.body.to_value(), referral()))
            .map_err(|e| e.code)
    }
}

fn referral() -> serde_json::Value {
    json!({"case_ref": "RTP-2026-0042", "nationality": "ID", "identified_at": "2026-11-21T09:00:00Z",
           "location": {"country": "TH", "name": "Mae Sot"},
           "consent": {"given": true, "scope": ["share-with-consulate"]},
           "needs": ["medical"], "non_punishment": true, "risk": "high"})
}

/// Rewrites a sealed envelope's header and signs it again as the sender (a sender that made
/// the fault, so that the check under test is reached).
fn resign(net: &Net, bytes: &[u8], edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let outer: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let field = |n: &str| jaring_core::b64::decode(outer[n].as_str().unwrap()).unwrap();
    let mut header: serde_json::Value = serde_json::from_slice(&field("header")).unwrap();
    edit(&mut header);
    jaring_core::envelope::craft::sign_and_assemble(
        &net.keys[0],
        &serde_json::to_vec(&header).unwrap(),
        &field("payload"),
    )
}

#[test]
fn a_seal_wraps_with_x_wing_exactly_for_keys_that_have_it() {
    let net = net();
    let directory = net.sign(1);
    let bytes = net.seal_to(&directory, &[1, 2]).unwrap();
    let parsed = ParsedEnvelope::parse(&bytes).unwrap();
    let entries = &parsed.unverified_header().recipients;
    let id_entry = entries.iter().find(|r| r.agency == net.id(1)).unwrap();
    let ph_entry = entries.iter().find(|r| r.agency == net.id(2)).unwrap();
    assert_eq!(id_entry.alg.as_deref(), Some("X-Wing"));
    assert_eq!(
        &id_entry.kid,
        net.keys[1].pq.as_ref().unwrap().encryption_key().kid()
    );
    assert_eq!(jaring_core::b64::decode(&id_entry.enc).unwrap().len(), 1120);
    assert_eq!(ph_entry.alg, None);
    assert_eq!(jaring_core::b64::decode(&ph_entry.enc).unwrap().len(), 32);
    // The suite names the signature and content cipher, which X-Wing does not change.
    assert_eq!(
        parsed.unverified_header().suite,
        "ed25519/hpke-x25519-sha256-aes256gcm"
    );
    assert_eq!(net.open_as(1, &directory, &bytes), Ok(()));
    assert_eq!(net.open_as(2, &directory, &bytes), Ok(()));
    assert_eq!(
        net.open_as(0, &directory, &bytes),
        Err(ErrorCode::NotARecipient)
    );
}

#[test]
fn without_its_x_wing_half_a_receiver_cannot_open_its_x_wing_entry() {
    let net = net();
    let directory = net.sign(1);
    let bytes = net.seal_to(&directory, &[1]).unwrap();
    let me = net.id(1);
    let mut classical_only = net.keys[1].opening_keys();
    classical_only.xwing.clear();
    let err = open(
        &bytes,
        &Receiver {
            me: &me,
            keys: &classical_only,
            directory: &directory,
        },
        Timestamp::now(),
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotARecipient);
}

#[test]
fn step_7a_refuses_a_classical_wrap_against_the_directory_that_lists_x_wing() {
    let net = net();
    let serial1 = net.sign(1);
    let serial2 = net.sign(2);
    // A sender that wraps to ID-KEMLU-PNH's classical key although its entry has X-Wing.
    let classical = classical_envelope(&net, 2);
    let err = open_err(&net, 1, &serial2, &classical);
    assert_eq!(err.code, ErrorCode::Downgrade, "{err}");
    assert!(err.detail.contains("directory serial 2"), "{err}");
    // Made against serial 2, read by a node holding serial 1: still a downgrade, because
    // serial 1 lists the X-Wing key too, and 2 is at least 1.
    assert_eq!(
        open_err(&net, 1, &serial1, &classical).code,
        ErrorCode::Downgrade
    );
    // Made against serial 1, read under serial 2: allowed (before the key could be known).
    assert_eq!(
        net.open_as(1, &serial2, &classical_envelope(&net, 1)),
        Ok(())
    );
    // A node's own store re-opens it without 7a: it was accepted under its day's directory.
    let stored = ParsedEnvelope::parse(&classical)
        .unwrap()
        .assume_verified_from_own_store();
    assert!(stored
        .decrypt(&net.id(1), &net.keys[1].opening_keys())
        .is_ok());
}

/// A referral from TH-RTP to ID-KEMLU-PNH wrapped to its X25519 key, made against `serial`.
fn classical_envelope(net: &Net, serial: u64) -> Vec<u8> {
    jaring_core::envelope::craft::seal_bytes(
        &net.keys[0],
        jaring_core::envelope::craft::Parts {
            id: jaring_core::MessageId::new(),
            kind: Kind::VictimReferral,
            sender: net.id(0),
            directory_serial: serial,
            created_at: Timestamp::now(),
            expires_at: None,
            tlp: Tlp::Red,
            refs: vec![],
            body: serde_json::to_vec(&referral()).unwrap(),
            recipients: vec![(net.id(1), net.keys[1].enc.encryption_key().clone().into())],
        },
    )
    .unwrap()
    .bytes
}

fn open_err(net: &Net, i: usize, directory: &Directory, bytes: &[u8]) -> jaring_core::OpenError {
    net.open(i, directory, bytes).unwrap_err()
}

#[test]
fn an_entry_of_an_unknown_alg_is_ignored_and_an_x_wing_enc_must_be_1120_bytes() {
    let net = net();
    let directory = net.sign(1);
    let id_pq = net.keys[1].pq.as_ref().unwrap().encryption_key().clone();
    let parts = jaring_core::envelope::craft::Parts {
        id: jaring_core::MessageId::new(),
        kind: Kind::VictimReferral,
        sender: net.id(0),
        directory_serial: 1,
        created_at: Timestamp::now(),
        expires_at: None,
        tlp: Tlp::Red,
        refs: vec![],
        body: serde_json::to_vec(&referral()).unwrap(),
        recipients: vec![
            (net.id(1), id_pq.into()),
            (net.id(2), net.keys[2].enc.encryption_key().clone().into()),
        ],
    };
    // A first entry for ID-KEMLU-PNH of a wrap no one here knows, with an enc of no known
    // length: ignored, and not a second entry for the agency.
    let unknown = jaring_core::envelope::craft::seal_bytes_with(&net.keys[0], parts, |e| {
        let mut extra = e[0].clone();
        extra.alg = Some("ML-KEM-1024".into());
        extra.enc = jaring_core::b64::encode(b"not a key");
        e.insert(0, extra);
    })
    .unwrap()
    .bytes;
    assert_eq!(net.open_as(1, &directory, &unknown), Ok(()));
    assert_eq!(net.open_as(2, &directory, &unknown), Ok(()));
    // An X-Wing entry whose enc is 32 bytes is malformed for every reader.
    let bytes = net.seal_to(&directory, &[1, 2]).unwrap();
    let short = resign(&net, &bytes, |h| {
        let i = usize::from(h["recipients"][0]["alg"].is_null());
        h["recipients"][i]["enc"] = jaring_core::b64::encode(&[1u8; 32]).into();
    });
    let err = ParsedEnvelope::parse(&short).unwrap_err();
    assert_eq!(err.code, ErrorCode::Malformed);
    assert!(err.detail.contains("1120 bytes"), "{err}");
}

#[test]
fn directories_carry_pq_keys_and_refuse_bad_ones() {
    let net = net();
    let directory = net.sign(1);
    let id = directory.agency(&net.id(1)).unwrap();
    assert_eq!(
        id.keys[0].pq.as_ref().map(|k| k.kid()),
        net.keys[1].pq.as_ref().map(|k| k.encryption_key().kid())
    );
    assert!(directory.agency(&net.id(2)).unwrap().keys[0].pq.is_none());
    assert_eq!(
        directory.without_pq(&[net.id(0), net.id(1), net.id(2)], Timestamp::now()),
        [&net.id(0), &net.id(2)]
    );
    // A classical entry serialises without `pq`; ID-KEMLU-PNH's has it last.
    let text = serde_json::to_string(&net.body).unwrap();
    assert_eq!(text.matches("\"pq\"").count(), 1, "{text}");
    assert!(text.contains("\"revoked_at\":null,\"pq\":{\"alg\":\"X-Wing\""));

    let mut bad = serde_json::to_value(&net.body).unwrap();
    bad["agencies"][1]["keys"][0]["pq"]["kid"] = "AAAAAAAAAAAAAAAAAAAAAA".into();
    let bad: DirectoryBody = serde_json::from_value(bad).unwrap();
    let err = jaring_core::directory::check_body(&DirectoryBody {
        expires_at: bad.issued_at.plus_seconds(1),
        ..bad
    })
    .unwrap_err();
    assert!(err.to_string().contains("pq"), "{err}");

    // Revoking by the X-Wing kid revokes the entry.
    let mut body = net.body.clone();
    let pq_kid = net.keys[1]
        .pq
        .as_ref()
        .unwrap()
        .encryption_key()
        .kid()
        .clone();
    assert_eq!(
        body.revoke(&net.id(1), Some(pq_kid.as_str()), Timestamp::now())
            .unwrap(),
        1
    );
    // And a key whose X-Wing kid is listed already is refused.
    let again = jaring_core::PublicKey {
        pq: net.keys[1].public().pq,
        ..SecretKey::generate("ID-KEMLU-PNH").unwrap().public()
    };
    let err = net
        .body
        .clone()
        .add_key(&again, Timestamp::now(), Timestamp::now().plus_seconds(60))
        .unwrap_err();
    assert!(
        err.to_string().contains("in the directory already"),
        "{err}"
    );
}

#[test]
fn too_many_x_wing_recipients_are_refused_with_a_reason() {
    let root = SecretKey::generate("RSO-ROOT-1").unwrap();
    let trust = Trust::new("bali-rso", 1, &[root.public()]).unwrap();
    let now = Timestamp::now();
    let mut body = DirectoryBody::draft("bali-rso");
    let sender = SecretKey::generate("TH-RTP").unwrap();
    let mut to = Vec::new();
    for key in std::iter::once(sender.public()).chain((0..520).map(|i| {
        SecretKey::generate_pq(&format!("X{i:03}-AG"))
            .unwrap()
            .public()
    })) {
        body.add_agency(
            &key,
            &key.agency,
            "TH",
            vec![Role::Observer],
            now.plus_seconds(-60),
            now.plus_seconds(86_400),
        )
        .unwrap();
        if key.agency != "TH-RTP" {
            to.push(AgencyId::parse(&key.agency).unwrap());
        }
    }
    body.serial = 1;
    body.issued_at = now;
    body.expires_at = now.plus_seconds(86_400);
    let directory = SignedDirectory::sign_new(&body, &root)
        .unwrap()
        .verify(&trust, now)
        .unwrap();
    let refs = vec![jaring_core::MessageId::new()];
    let draft = Draft {
        body: Body::new(Kind::AlertCancel, json!({"reason": "test"}), &refs).unwrap(),
        tlp: Tlp::Amber,
        refs,
        expires_at: None,
        to,
    };
    match seal(&sender, &directory, draft, now) {
        Err(SealError::Recipients(reason)) => {
            assert!(reason.contains("X-Wing recipients"), "{reason}")
        }
        other => panic!("expected a refusal naming the X-Wing recipients, got {other:?}"),
    }
}
