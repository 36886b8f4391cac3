//! `jaring audit verify | prove | show` offline, on the independent implementation's audit
//! vectors and on edited copies of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn jaring(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(args)
        .output()
        .unwrap()
}

fn audit_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/vectors/wire-v1");
    assert!(
        d.join("audit/audit.jsonl").is_file(),
        "shared vectors missing at {}",
        d.display()
    );
    d
}

#[test]
fn the_vector_log_and_its_checkpoints_are_accepted() {
    let d = audit_dir();
    let log = d.join("audit/audit.jsonl");
    let pubkey = d.join("keys/ID-KEMLU-PNH.pub.json");
    let out = jaring(&[
        "audit",
        "verify",
        "--log",
        log.to_str().unwrap(),
        "--checkpoint",
        d.join("audit/checkpoint-3.txt").to_str().unwrap(),
        "--checkpoint",
        d.join("audit/checkpoint-7.txt").to_str().unwrap(),
        "--pub",
        pubkey.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ok: 7 entries, root wUaInA/6sXn53BjTnN5G3QHLzCxEa6UyTNfdiJ5ScU0=; 2 checkpoint(s) verified"), "{text}");

    // As the issue states it: just the log and one checkpoint.
    let out = jaring(&[
        "audit",
        "verify",
        "--log",
        log.to_str().unwrap(),
        "--checkpoint",
        d.join("audit/checkpoint-7.txt").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Another agency's key does not verify the checkpoint.
    let out = jaring(&[
        "audit",
        "verify",
        "--log",
        log.to_str().unwrap(),
        "--checkpoint",
        d.join("audit/checkpoint-7.txt").to_str().unwrap(),
        "--pub",
        d.join("keys/PH-DFA.pub.json").to_str().unwrap(),
    ]);
    assert!(!out.status.success());

    let proof: Value = serde_json::from_slice(
        &jaring(&[
            "audit",
            "prove",
            "--seq",
            "3",
            "--log",
            log.to_str().unwrap(),
        ])
        .stdout,
    )
    .unwrap();
    let expected: Value =
        serde_json::from_slice(&std::fs::read(d.join("audit/expected.json")).unwrap()).unwrap();
    assert_eq!(
        proof["proof"],
        expected["inclusion_proof_index_3_size_7_b64u"]
    );
    let shown = String::from_utf8(
        jaring(&[
            "audit",
            "show",
            "--log",
            log.to_str().unwrap(),
            "--event",
            "received",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(shown.lines().count(), 2, "{shown}");
}

#[test]
fn edited_deleted_swapped_and_truncated_copies_are_refused_naming_the_entry() {
    let d = audit_dir();
    let lines: Vec<String> = std::fs::read_to_string(d.join("audit/audit.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let check = |name: &str, content: Vec<String>| -> String {
        let path = tmp.path().join(name);
        std::fs::write(
            &path,
            content.iter().map(|l| format!("{l}\n")).collect::<String>(),
        )
        .unwrap();
        let out = jaring(&[
            "audit",
            "verify",
            "--log",
            path.to_str().unwrap(),
            "--checkpoint",
            d.join("audit/checkpoint-3.txt").to_str().unwrap(),
            "--checkpoint",
            d.join("audit/checkpoint-7.txt").to_str().unwrap(),
            "--pub",
            d.join("keys/ID-KEMLU-PNH.pub.json").to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "{name} was accepted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // This log (another implementation's) has no `prev` chain: checkpoints bound the edit.
    let mut edited = lines.clone();
    edited[6] = edited[6].replace("status-changed", "status-chanced");
    let err = check("edited", edited);
    assert!(err.contains("entry 3: one of entries 3 to 6"), "{err}");
    let mut early = lines.clone();
    early[1] = early[1].replace("key-loaded", "key-lowded");
    assert!(check("edited-early", early).contains("entry 0: one of entries 0 to 2"));
    let mut deleted = lines.clone();
    deleted.remove(4);
    assert!(check("deleted", deleted).contains("entry 4"));
    let mut swapped = lines.clone();
    swapped.swap(2, 5);
    assert!(check("swapped", swapped).contains("entry 2"));
    let truncated = lines[..5].to_vec();
    assert!(check("truncated", truncated).contains("entry 5"));
    let mut inserted = lines.clone();
    inserted.insert(3, lines[3].clone());
    assert!(check("inserted", inserted).contains("entry 4"));
}
