//! Reproduces the independent implementation's audit vectors
//! (`../shared/spec/vectors/wire-v1/audit/`): leaf hashes, both roots, the inclusion and
//! consistency proofs, both signed checkpoints and the published checkpoint message.

use std::path::{Path, PathBuf};

use jaring_audit::{log, merkle, Checkpoint, CheckpointMessage};
use jaring_core::{b64, PublicKey};
use serde_json::Value;

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/vectors/wire-v1");
    assert!(
        d.join("audit/expected.json").is_file(),
        "shared vectors missing at {}",
        d.display()
    );
    d
}

fn std_hashes(v: &Value) -> Vec<merkle::Hash> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| {
            b64::decode_std(h.as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap()
        })
        .collect()
}

fn u_hashes(v: &Value) -> Vec<merkle::Hash> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| b64::decode_array::<32>(h.as_str().unwrap()).unwrap())
        .collect()
}

#[test]
fn the_audit_vectors_reproduce() {
    let d = dir();
    let expected: Value =
        serde_json::from_slice(&std::fs::read(d.join("audit/expected.json")).unwrap()).unwrap();
    let bytes = std::fs::read(d.join("audit/audit.jsonl")).unwrap();
    let verified = log::verify(&bytes).unwrap();
    assert_eq!(verified.leaves, std_hashes(&expected["leaf_hashes_b64"]));
    let root3 = merkle::root(&verified.leaves[..3]);
    let root7 = verified.root();
    assert_eq!(
        b64::encode_std(&root3),
        expected["root_3_b64"].as_str().unwrap()
    );
    assert_eq!(
        b64::encode_std(&root7),
        expected["root_7_b64"].as_str().unwrap()
    );
    let inclusion = verified.prove(3).unwrap();
    assert_eq!(
        inclusion,
        u_hashes(&expected["inclusion_proof_index_3_size_7_b64u"])
    );
    assert!(merkle::verify_inclusion(
        3,
        7,
        &verified.leaves[3],
        &inclusion,
        &root7
    ));
    let consistency = merkle::consistency_proof(&verified.leaves, 3).unwrap();
    assert_eq!(
        consistency,
        u_hashes(&expected["consistency_proof_3_to_7_b64u"])
    );
    assert!(merkle::verify_consistency(
        3,
        7,
        &root3,
        &root7,
        &consistency
    ));

    let key = PublicKey::load(&d.join("keys/ID-KEMLU-PNH.pub.json")).unwrap();
    let note3 = std::fs::read_to_string(d.join("audit/checkpoint-3.txt")).unwrap();
    let note7 = std::fs::read_to_string(d.join("audit/checkpoint-7.txt")).unwrap();
    let cp3 = Checkpoint::verify(&note3, &key.sign).unwrap();
    let cp7 = Checkpoint::verify(&note7, &key.sign).unwrap();
    assert_eq!(
        (cp3.size, cp3.root, cp7.size, cp7.root),
        (3, root3, 7, root7)
    );
    verified.check(&cp3).unwrap();
    verified.check(&cp7).unwrap();
    // Re-signing the same checkpoint with the same key gives the same note (Ed25519 is deterministic).
    let secret = jaring_core::SecretKey::from_json(
        &std::fs::read(d.join("keys/ID-KEMLU-PNH.key.json")).unwrap(),
        "k",
    )
    .unwrap();
    assert_eq!(cp7.sign(&secret.sign), note7);
    // Another agency's key does not verify it.
    let other = PublicKey::load(&d.join("keys/PH-DFA.pub.json")).unwrap();
    assert!(Checkpoint::verify(&note7, &other.sign).is_err());

    let message = CheckpointMessage::new(note7.clone(), &verified.leaves, 3);
    let published: CheckpointMessage =
        serde_json::from_value(expected["published_checkpoint_message"].clone()).unwrap();
    assert_eq!(message, published);
    published.check_extends(&cp3, &cp7).unwrap();
}
