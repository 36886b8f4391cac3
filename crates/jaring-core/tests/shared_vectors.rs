//! Runs every case of the independent implementation's vectors (`../shared/spec/vectors/wire-v1`)
//! through jaring-core: each good envelope opens to its body, each faulty one fails with its
//! code, and each directory is accepted or refused as listed. Also every case of the revision
//! of 2026-11-26 (`wire-v1-rev2`): the alert using every optional field of §5 and the X-Wing
//! key wrap of §8 (an envelope to an X-Wing and a classical recipient, `downgrade` and its
//! exception, a wrong X-Wing kid, a damaged X-Wing `enc`).

use std::path::{Path, PathBuf};

use jaring_core::directory::{DirectoryError, Supersedes};
use jaring_core::envelope::{open, ErrorCode, Opened, ParsedEnvelope, Receiver, SeenIds};
use jaring_core::keys::OpeningKeys;
use jaring_core::{AgencyId, SecretKey, SignedDirectory, Timestamp, Trust};
use serde_json::Value;

fn vectors() -> PathBuf {
    vector_set("wire-v1", "JARING_SHARED_VECTORS")
}

/// A set of the shared vectors, from `env` when set, else from ../shared beside the repository.
fn vector_set(name: &str, env: &str) -> PathBuf {
    let dir = std::env::var_os(env).map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/spec/vectors")
            .join(name)
    });
    assert!(
        dir.join("cases.json").is_file(),
        "the shared {name} vectors are not at {}; check out ../shared beside the repository or set {env}",
        dir.display()
    );
    dir
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn trust(dir: &Path) -> Trust {
    Trust::from_json(&read(&dir.join("trust.json")), "trust.json").unwrap()
}

fn directory(dir: &Path, name: &str) -> Result<jaring_core::Directory, DirectoryError> {
    SignedDirectory::from_json(&read(&dir.join(name)))?.verify(&trust(dir), Timestamp::now())
}

#[test]
fn every_envelope_case_gives_its_outcome() {
    let dir = vectors();
    let cases: Value = serde_json::from_slice(&read(&dir.join("cases.json"))).unwrap();
    let cases = cases["cases"].as_array().unwrap();
    assert!(
        cases.len() >= 20,
        "expected the full case list, found {}",
        cases.len()
    );
    for case in cases {
        check_case(&dir, case);
    }
}

/// Opens one case's envelope as its key's agency under its directory, and checks the outcome
/// the case expects: the body (returned, opened), or the error code (`None`).
fn check_case(dir: &Path, case: &Value) -> Option<Opened> {
    let name = case["envelope"].as_str().unwrap();
    let key = SecretKey::from_json(&read(&dir.join(case["key"].as_str().unwrap())), "key").unwrap();
    let directory = directory(dir, case["directory"].as_str().unwrap()).unwrap();
    let me = AgencyId::parse(&key.agency).unwrap();
    let keys = OpeningKeys::from(key);
    let receiver = Receiver {
        me: &me,
        keys: &keys,
        directory: &directory,
    };
    let result = open(&read(&dir.join(name)), &receiver, Timestamp::now());
    match (&case["expect"]["body"], case["expect"]["error"].as_str()) {
        (Value::Object(_), None) => {
            let opened = result.unwrap_or_else(|e| panic!("{name} for {me}: {e}"));
            assert_eq!(
                opened.body.to_value(),
                case["expect"]["body"],
                "{name} for {me}"
            );
            Some(opened)
        }
        (Value::Null, Some(code)) => {
            let err = result
                .err()
                .unwrap_or_else(|| panic!("{name} for {me} opened, expected {code}"));
            assert_eq!(err.code.as_str(), code, "{name} for {me}: {err}");
            None
        }
        other => panic!("unreadable case {other:?}"),
    }
}

#[test]
fn duplicate_and_too_large_as_the_readme_describes() {
    let dir = vectors();
    let key = SecretKey::from_json(&read(&dir.join("keys/ID-KEMLU-PNH.key.json")), "key").unwrap();
    let directory = directory(&dir, "directories/directory.json").unwrap();
    let me = AgencyId::parse("ID-KEMLU-PNH").unwrap();
    let keys = OpeningKeys::from(key);
    let receiver = Receiver {
        me: &me,
        keys: &keys,
        directory: &directory,
    };
    let bytes = read(&dir.join("envelopes/referral.json"));

    let mut seen = SeenIds::default();
    let first = open(&bytes, &receiver, Timestamp::now()).unwrap();
    seen.check(&first).unwrap();
    let second = open(&bytes, &receiver, Timestamp::now()).unwrap();
    assert_eq!(seen.check(&second).unwrap_err().code, ErrorCode::Duplicate);

    // Pad with white space (still valid JSON) past 1 MiB.
    let mut padded = bytes.clone();
    padded.resize(1024 * 1024 + 1, b' ');
    assert_eq!(
        ParsedEnvelope::parse(&padded).unwrap_err().code,
        ErrorCode::TooLarge
    );
    let mut at_limit = bytes;
    at_limit.resize(1024 * 1024, b' ');
    assert!(
        open(&at_limit, &receiver, Timestamp::now()).is_ok(),
        "exactly 1 MiB is allowed"
    );
}

#[test]
fn directories_are_accepted_or_refused_as_listed() {
    let dir = vectors();
    let serial1 = directory(&dir, "directories/directory.json").unwrap();
    let serial2 = directory(&dir, "directories/directory-serial2-revocation.json").unwrap();
    assert_eq!((serial1.serial, serial2.serial), (1, 2));
    assert_eq!(serial2.supersedes(&serial1).unwrap(), Supersedes::Newer);
    assert_eq!(
        serial1.supersedes(&serial1.clone()).unwrap(),
        Supersedes::Same
    );
    assert!(matches!(
        serial1.supersedes(&serial2),
        Err(DirectoryError::Rollback {
            held: 2,
            offered: 1
        })
    ));

    let refused = [
        ("one-signature.json", "Threshold"),
        ("same-root-twice.json", "Threshold"),
        ("tampered-body.json", "Threshold"),
        ("wrong-network.json", "WrongNetwork"),
        ("expired.json", "Expired"),
    ];
    for (name, variant) in refused {
        let err = directory(&dir, &format!("directories/{name}")).unwrap_err();
        assert!(format!("{err:?}").starts_with(variant), "{name}: {err:?}");
    }
}

#[test]
fn vector_keys_load_and_match_their_public_files() {
    for dir in [
        vectors(),
        vector_set("wire-v1-rev2", "JARING_SHARED_VECTORS_REV2"),
    ] {
        keys_match(&dir);
    }
}

fn keys_match(dir: &Path) {
    for agency in [
        "RSO-ROOT-1",
        "RSO-ROOT-2",
        "TH-RTP",
        "ID-KEMLU-PNH",
        "PH-DFA",
        "VN-MPS",
    ] {
        let secret =
            SecretKey::from_json(&read(&dir.join(format!("keys/{agency}.key.json"))), agency)
                .unwrap();
        let public = jaring_core::PublicKey::from_json(
            &read(&dir.join(format!("keys/{agency}.pub.json"))),
            agency,
        )
        .unwrap();
        assert_eq!(secret.public(), public, "{agency}");
    }
}

/// The revision's X-Wing keys: the seed is the X-Wing decapsulation key itself (§8), so the
/// public key and kid that jaring derives from the independent implementation's seed are
/// the ones its public file publishes.
#[test]
fn rev2_pq_seeds_give_the_published_keys() {
    let dir = vector_set("wire-v1-rev2", "JARING_SHARED_VECTORS_REV2");
    let mut with_pq = Vec::new();
    for agency in ["TH-RTP", "ID-KEMLU-PNH", "PH-DFA", "VN-MPS"] {
        let secret =
            SecretKey::from_json(&read(&dir.join(format!("keys/{agency}.key.json"))), agency)
                .unwrap();
        let file: Value =
            serde_json::from_slice(&read(&dir.join(format!("keys/{agency}.pub.json")))).unwrap();
        match (&secret.pq, file.get("pq")) {
            (Some(pq), Some(published)) => {
                let key = pq.encryption_key();
                assert_eq!(published["kid"], key.kid().as_str(), "{agency}");
                assert_eq!(
                    published["key"],
                    jaring_core::b64::encode(&key.to_bytes()),
                    "{agency}"
                );
                assert_eq!(key.to_bytes().len(), 1216);
                with_pq.push(agency);
            }
            (None, None) => {}
            other => panic!("{agency}: secret and public files disagree on pq: {other:?}"),
        }
    }
    assert_eq!(with_pq, ["ID-KEMLU-PNH", "VN-MPS"]);
}

/// The revision's directory lists X-Wing keys for the agencies that have them.
#[test]
fn rev2_directory_carries_the_pq_keys() {
    let dir = vector_set("wire-v1-rev2", "JARING_SHARED_VECTORS_REV2");
    let directory = directory(&dir, "directories/directory.json").unwrap();
    let with_pq: Vec<&str> = directory
        .agencies()
        .filter(|a| a.keys.iter().any(|k| k.pq.is_some()))
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(with_pq, ["ID-KEMLU-PNH", "VN-MPS"]);
}

/// Every case of the revision, X-Wing and alerts alike.
#[test]
fn every_rev2_case_gives_its_outcome() {
    let dir = vector_set("wire-v1-rev2", "JARING_SHARED_VECTORS_REV2");
    let cases = cases_of(&dir);
    assert_eq!(cases.len(), 12, "seven X-Wing cases and five alert cases");
    let mut codes = Vec::new();
    for case in &cases {
        if check_case(&dir, case).is_none() {
            codes.push(case["expect"]["error"].as_str().unwrap().to_owned());
        }
    }
    codes.sort();
    assert_eq!(
        codes,
        [
            "decrypt-failed",
            "downgrade",
            "invalid-body",
            "invalid-body",
            "invalid-body",
            "invalid-body",
            "not-a-recipient",
            "not-a-recipient"
        ]
    );
}

/// A set's cases: wire-v1 wraps them in `{"about","cases"}`, the revision's file is the bare
/// array.
fn cases_of(dir: &Path) -> Vec<Value> {
    match serde_json::from_slice(&read(&dir.join("cases.json"))).unwrap() {
        Value::Array(cases) => cases,
        other => other["cases"].as_array().unwrap().clone(),
    }
}

/// The revision's alert cases.
#[test]
fn every_alert_case_gives_its_outcome() {
    let dir = vector_set("wire-v1-rev2", "JARING_SHARED_VECTORS_REV2");
    let cases = cases_of(&dir);
    let alerts: Vec<&Value> = cases
        .iter()
        .filter(|c| c["envelope"].as_str().unwrap().contains("/alert-rev2"))
        .collect();
    assert_eq!(alerts.len(), 5, "one good alert and four malformed ones");
    let mut refused = 0;
    for case in alerts {
        match check_case(&dir, case) {
            Some(opened) => {
                let typed: jaring_core::body::AlertBody = opened.body.typed().unwrap();
                assert!(typed.compound.reference.is_some() && !typed.operators.is_empty());
            }
            None => refused += 1,
        }
    }
    assert_eq!(refused, 4);
}
