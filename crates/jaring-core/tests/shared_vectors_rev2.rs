//! The alert cases of the independent implementation's vectors for the revision of 2026-11-26
//! (`../shared/spec/vectors/wire-v1-rev2`): the alert using every optional field of §5 opens to
//! its body, and each malformed one is refused with `invalid-body`. (The X-Wing cases of the
//! same set need the post-quantum key wrap: they are run where that is built.)

use std::path::{Path, PathBuf};

use jaring_core::envelope::{open, Receiver};
use jaring_core::{AgencyId, SecretKey, SignedDirectory, Timestamp, Trust};
use serde_json::Value;

fn vectors() -> PathBuf {
    let dir = std::env::var_os("JARING_SHARED_VECTORS_REV2")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/vectors/wire-v1-rev2")
        });
    assert!(
        dir.join("cases.json").is_file(),
        "the shared wire-v1-rev2 vectors are not at {}; check out ../shared beside the repository",
        dir.display()
    );
    dir
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_alert_case_gives_its_outcome() {
    let dir = vectors();
    let trust = Trust::from_json(&read(&dir.join("trust.json")), "trust.json").unwrap();
    let cases: Value = serde_json::from_slice(&read(&dir.join("cases.json"))).unwrap();
    let alerts: Vec<&Value> = cases
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["envelope"].as_str().unwrap().contains("/alert-rev2"))
        .collect();
    assert_eq!(alerts.len(), 5, "one good alert and four malformed ones");
    let mut refused = 0;
    for case in alerts {
        let name = case["envelope"].as_str().unwrap();
        let key =
            SecretKey::from_json(&read(&dir.join(case["key"].as_str().unwrap())), "key").unwrap();
        let directory =
            SignedDirectory::from_json(&read(&dir.join(case["directory"].as_str().unwrap())))
                .unwrap()
                .verify(&trust, Timestamp::now())
                .unwrap();
        let me = AgencyId::parse(&key.agency).unwrap();
        let keys = [key.enc];
        let receiver = Receiver {
            me: &me,
            keys: &keys,
            directory: &directory,
        };
        let result = open(&read(&dir.join(name)), &receiver, Timestamp::now());
        match (&case["expect"]["body"], case["expect"]["error"].as_str()) {
            (Value::Object(_), None) => {
                let opened = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(opened.body.to_value(), case["expect"]["body"], "{name}");
                let typed: jaring_core::body::AlertBody = opened.body.typed().unwrap();
                assert!(typed.compound.reference.is_some() && !typed.operators.is_empty());
            }
            (Value::Null, Some(code)) => {
                let err = result
                    .err()
                    .unwrap_or_else(|| panic!("{name} opened, expected {code}"));
                assert_eq!(err.code.as_str(), code, "{name}: {err}");
                refused += 1;
            }
            other => panic!("unreadable case {other:?}"),
        }
    }
    assert_eq!(refused, 4);
}
