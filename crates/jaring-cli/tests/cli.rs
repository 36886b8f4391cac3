//! The offline CLI as a person or a script uses it: every shared vector through
//! `jaring envelope open` and `jaring directory verify`, and a whole walk-through made by
//! `jaring` itself.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn jaring(args: &[&str], dir: &Path, stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A refusal can come before the input is read (a bad key file, say): then the pipe is
    // closed and the write fails, which is no failure of the test.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn shared() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/vectors/wire-v1");
    assert!(
        dir.join("cases.json").is_file(),
        "shared vectors missing at {}",
        dir.display()
    );
    dir
}

/// The vector key files arrive world-readable; a careful loader refuses them, so copy them
/// with mode 0600 (as the vectors' README says).
fn private_copy(src: &Path, dir: &Path) -> PathBuf {
    let dst = dir.join(src.file_name().unwrap());
    if !dst.exists() {
        std::fs::copy(src, &dst).unwrap();
        std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    dst
}

#[test]
fn every_shared_envelope_case_through_the_cli() {
    let v = shared();
    let cases: Value =
        serde_json::from_slice(&std::fs::read(v.join("cases.json")).unwrap()).unwrap();
    envelope_cases(&v, cases["cases"].as_array().unwrap());
}

/// Every case of the revision of 2026-11-26 (X-Wing and the new alert fields); its
/// `cases.json` is a bare array.
#[test]
fn every_rev2_case_through_the_cli() {
    let v = shared().join("../wire-v1-rev2");
    let cases: Value =
        serde_json::from_slice(&std::fs::read(v.join("cases.json")).unwrap()).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 12);
    assert!(cases.iter().any(|c| c["expect"]["error"] == "downgrade"));
    envelope_cases(&v, cases);
}

/// Opens each case's envelope with `jaring envelope open` and checks the body printed, or the
/// exit code 3 and the spec's code as the first word on stderr.
fn envelope_cases(v: &Path, cases: &[Value]) {
    let tmp = tempfile::tempdir().unwrap();
    for case in cases {
        let key = private_copy(&v.join(case["key"].as_str().unwrap()), tmp.path());
        let out = jaring(
            &[
                "envelope",
                "open",
                "--key",
                key.to_str().unwrap(),
                "--trust",
                v.join("trust.json").to_str().unwrap(),
                "--directory",
                v.join(case["directory"].as_str().unwrap())
                    .to_str()
                    .unwrap(),
                v.join(case["envelope"].as_str().unwrap()).to_str().unwrap(),
            ],
            tmp.path(),
            None,
        );
        let name = case["envelope"].as_str().unwrap();
        if let Some(code) = case["expect"]["error"].as_str() {
            assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
            assert!(
                out.stdout.is_empty(),
                "{name}: nothing on stdout when refused"
            );
            let first_word = stderr(&out)
                .split(':')
                .next()
                .unwrap_or_default()
                .to_owned();
            assert_eq!(first_word, code, "{name}: {}", stderr(&out));
        } else {
            let printed: Value = serde_json::from_str(&ok(out)).unwrap();
            assert_eq!(printed["body"], case["expect"]["body"], "{name}");
            assert!(
                printed["header"]["id"].is_string(),
                "{name}: header printed"
            );
        }
    }
}

#[test]
fn shared_directories_through_the_cli() {
    let v = shared();
    let trust = v.join("trust.json");
    let verify = |name: &str, held: Option<&str>| {
        let path = v.join("directories").join(name);
        let mut args = vec!["directory", "verify", "--trust", trust.to_str().unwrap()];
        let held_path;
        if let Some(h) = held {
            held_path = v.join("directories").join(h);
            args.extend(["--held", held_path.to_str().unwrap()]);
        }
        args.push(path.to_str().unwrap());
        jaring(&args, &v, None)
    };
    assert!(ok(verify("directory.json", None)).contains("accepted: network bali-rso, serial 1"));
    let json: Value = serde_json::from_str(&ok(jaring(
        &[
            "directory",
            "verify",
            "--json",
            "--trust",
            trust.to_str().unwrap(),
            v.join("directories/directory-serial2-revocation.json")
                .to_str()
                .unwrap(),
        ],
        &v,
        None,
    )))
    .unwrap();
    assert_eq!(json["serial"], 2);
    assert_eq!(json["agencies"][2]["id"], "TH-RTP");
    assert_eq!(json["agencies"][2]["keys"][0]["state"], "revoked");
    for (name, why) in [
        ("one-signature.json", "1 of the 2 required"),
        ("same-root-twice.json", "1 of the 2 required"),
        ("tampered-body.json", "0 of the 2 required"),
        ("wrong-network.json", "network"),
        ("expired.json", "expired"),
    ] {
        let out = verify(name, None);
        assert_eq!(out.status.code(), Some(1), "{name} must be refused");
        assert!(stderr(&out).contains(why), "{name}: {}", stderr(&out));
    }
    let rollback = verify("directory.json", Some("directory-serial2-revocation.json"));
    assert!(!rollback.status.success());
    assert!(
        stderr(&rollback).contains("rollback refused"),
        "{}",
        stderr(&rollback)
    );
}

#[test]
fn offline_walk_through_two_roots_three_agencies() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let run = |args: &[&str]| ok(jaring(args, d, None));
    run(&["keygen", "--agency", "RSO-ROOT-1", "--out", "roots"]);
    run(&["keygen", "--agency", "RSO-ROOT-2", "--out", "roots"]);
    let key_json: Value = serde_json::from_str(&run(&[
        "keygen", "--agency", "TH-RTP", "--out", "keys", "--json",
    ]))
    .unwrap();
    assert_eq!(key_json["agency"], "TH-RTP");
    assert!(key_json["pq_kid"].is_null(), "classical unless asked");
    // ID-KEMLU-PNH adds the X-Wing half (spec §8).
    let pq_json: Value = serde_json::from_str(&run(&[
        "keygen",
        "--agency",
        "ID-KEMLU-PNH",
        "--out",
        "keys",
        "--pq",
        "--json",
    ]))
    .unwrap();
    let pq_kid = pq_json["pq_kid"].as_str().unwrap().to_owned();
    let public: Value =
        serde_json::from_slice(&std::fs::read(d.join("keys/ID-KEMLU-PNH.pub.json")).unwrap())
            .unwrap();
    assert_eq!(public["pq"]["alg"], "X-Wing");
    assert_eq!(public["pq"]["kid"], pq_kid.as_str());
    let pq_key = jaring_core::b64::decode(public["pq"]["key"].as_str().unwrap()).unwrap();
    assert_eq!(pq_key.len(), 1216);
    assert_eq!(
        std::fs::metadata(d.join("keys/ID-KEMLU-PNH.key.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    run(&["keygen", "--agency", "PH-DFA", "--out", "keys"]);
    assert_eq!(
        std::fs::metadata(d.join("keys/TH-RTP.key.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );

    run(&[
        "trust",
        "init",
        "--network",
        "bali-rso",
        "--threshold",
        "2",
        "--root",
        "roots/RSO-ROOT-1.pub.json",
        "--root",
        "roots/RSO-ROOT-2.pub.json",
        "--out",
        "trust.json",
    ]);
    let mut added = Vec::new();
    for (id, name, cc, role) in [
        ("TH-RTP", "Royal Thai Police", "TH", "law-enforcement"),
        (
            "ID-KEMLU-PNH",
            "Embassy of Indonesia, Phnom Penh",
            "ID",
            "consular",
        ),
        (
            "PH-DFA",
            "Philippine Department of Foreign Affairs",
            "PH",
            "consular",
        ),
    ] {
        let public = format!("keys/{id}.pub.json");
        added.push(run(&[
            "directory",
            "add",
            "--body",
            "body.json",
            "--network",
            "bali-rso",
            "--pub",
            &public,
            "--name",
            name,
            "--country",
            cc,
            "--role",
            role,
        ]));
    }
    assert!(
        added[1].contains(&format!("with X-Wing key {pq_kid}")),
        "{}",
        added[1]
    );
    assert!(!added[0].contains("X-Wing"), "{}", added[0]);
    let dup = jaring(
        &[
            "directory",
            "add",
            "--body",
            "body.json",
            "--network",
            "bali-rso",
            "--pub",
            "keys/PH-DFA.pub.json",
            "--name",
            "x",
            "--country",
            "PH",
            "--role",
            "consular",
        ],
        d,
        None,
    );
    assert!(
        !dup.status.success() && stderr(&dup).contains("already in the directory"),
        "{}",
        stderr(&dup)
    );

    run(&[
        "directory",
        "sign",
        "--body",
        "body.json",
        "--serial",
        "1",
        "--root-key",
        "roots/RSO-ROOT-1.key.json",
        "--out",
        "dir.json",
    ]);
    let half = jaring(
        &["directory", "verify", "--trust", "trust.json", "dir.json"],
        d,
        None,
    );
    assert!(
        !half.status.success(),
        "one of two signatures is not enough"
    );
    let body_before = serde_json::from_slice::<Value>(&std::fs::read(d.join("dir.json")).unwrap())
        .unwrap()["body"]
        .clone();
    run(&[
        "directory",
        "sign",
        "--in",
        "dir.json",
        "--root-key",
        "roots/RSO-ROOT-2.key.json",
        "--out",
        "dir.json",
    ]);
    let signed: Value =
        serde_json::from_slice(&std::fs::read(d.join("dir.json")).unwrap()).unwrap();
    assert_eq!(
        signed["body"], body_before,
        "adding a signature never changes the body"
    );
    assert_eq!(signed["signatures"].as_array().unwrap().len(), 2);
    let again = jaring(
        &[
            "directory",
            "sign",
            "--in",
            "dir.json",
            "--root-key",
            "roots/RSO-ROOT-2.key.json",
            "--out",
            "dir.json",
        ],
        d,
        None,
    );
    assert!(
        stderr(&again).contains("already signed"),
        "{}",
        stderr(&again)
    );
    let shown = run(&["directory", "verify", "--trust", "trust.json", "dir.json"]);
    assert!(
        shown.contains("signed by RSO-ROOT-1, RSO-ROOT-2"),
        "{shown}"
    );
    assert!(shown.contains(&format!("pq {pq_kid}")), "{shown}");
    let summary: Value = serde_json::from_str(&run(&[
        "directory",
        "verify",
        "--trust",
        "trust.json",
        "dir.json",
        "--json",
    ]))
    .unwrap();
    let pq_kids: Vec<(&str, &Value)> = summary["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), &a["keys"][0]["pq_kid"]))
        .collect();
    assert_eq!(
        pq_kids,
        [
            ("ID-KEMLU-PNH", &Value::from(pq_kid.as_str())),
            ("PH-DFA", &Value::Null),
            ("TH-RTP", &Value::Null)
        ]
    );

    let alert = std::fs::read(shared().join("alert-body.json")).unwrap();
    let envelope = run_stdin(
        d,
        &[
            "envelope",
            "seal",
            "--key",
            "keys/TH-RTP.key.json",
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
            "--kind",
            "compound-relocation-alert",
            "--to",
            "ID-KEMLU-PNH,PH-DFA",
        ],
        &alert,
    );
    std::fs::write(d.join("alert.json"), &envelope).unwrap();
    // The seal wrapped to ID-KEMLU-PNH's X-Wing key and to PH-DFA's X25519 key.
    let outer: Value = serde_json::from_slice(&envelope).unwrap();
    let header: Value = serde_json::from_slice(
        &jaring_core::b64::decode(outer["header"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    assert_x_wing_to_id_only(&header);
    let expected: Value = serde_json::from_slice(&alert).unwrap();
    for reader in ["ID-KEMLU-PNH", "PH-DFA"] {
        let key = format!("keys/{reader}.key.json");
        let opened: Value = serde_json::from_str(&run(&[
            "envelope",
            "open",
            "--key",
            &key,
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
            "alert.json",
        ]))
        .unwrap();
        assert_eq!(opened["body"], expected, "{reader}");
        assert_eq!(opened["header"]["tlp"], "AMBER");
        assert_eq!(opened["header"]["sender"], "TH-RTP");
    }
    let refused = jaring(
        &[
            "envelope",
            "open",
            "--key",
            "keys/TH-RTP.key.json",
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
            "alert.json",
        ],
        d,
        None,
    );
    assert_eq!(refused.status.code(), Some(3));
    assert!(
        stderr(&refused).starts_with("not-a-recipient: "),
        "{}",
        stderr(&refused)
    );

    // From standard input too, and a status that answers the alert.
    let opened = run_stdin(
        d,
        &[
            "envelope",
            "open",
            "--key",
            "keys/PH-DFA.key.json",
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
        ],
        &envelope,
    );
    let id = serde_json::from_slice::<Value>(&opened).unwrap()["header"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cancel = run_stdin(
        d,
        &[
            "envelope",
            "seal",
            "--key",
            "keys/TH-RTP.key.json",
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
            "--kind",
            "alert-cancel",
            "--to",
            "PH-DFA",
            "--ref",
            &id,
        ],
        br#"{"reason":"duplicate"}"#,
    );
    let opened: Value = serde_json::from_slice(&run_stdin(
        d,
        &[
            "envelope",
            "open",
            "--key",
            "keys/PH-DFA.key.json",
            "--trust",
            "trust.json",
            "--directory",
            "dir.json",
        ],
        &cancel,
    ))
    .unwrap();
    assert_eq!(opened["header"]["refs"][0], id.as_str());
}

/// A header sealed to ID-KEMLU-PNH (X-Wing key) and PH-DFA (classical): the wraps spec §8
/// asks for, in that order.
fn assert_x_wing_to_id_only(header: &Value) {
    let wraps: Vec<(&str, &Value)> = header["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["agency"].as_str().unwrap(), &r["alg"]))
        .collect();
    assert_eq!(
        wraps,
        [
            ("ID-KEMLU-PNH", &Value::from("X-Wing")),
            ("PH-DFA", &Value::Null)
        ]
    );
}

fn run_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Vec<u8> {
    let out = jaring(args, dir, Some(input));
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    out.stdout
}

#[test]
fn seal_refuses_bad_input_and_prints_nothing() {
    let v = shared();
    let tmp = tempfile::tempdir().unwrap();
    let key = private_copy(&v.join("keys/TH-RTP.key.json"), tmp.path());
    let (trust, directory) = (v.join("trust.json"), v.join("directories/directory.json"));
    let base = [
        "envelope",
        "seal",
        "--key",
        key.to_str().unwrap(),
        "--trust",
        trust.to_str().unwrap(),
        "--directory",
        directory.to_str().unwrap(),
    ];
    let seal = |extra: &[&str], body: &[u8]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        jaring(&args, tmp.path(), Some(body))
    };
    let mut bad: Value =
        serde_json::from_slice(&std::fs::read(v.join("alert-body.json")).unwrap()).unwrap();
    bad["to"]["lat"] = 123.into();
    let out = seal(
        &["--kind", "compound-relocation-alert", "--to", "PH-DFA"],
        bad.to_string().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("to.lat: must be between -90 and 90"),
        "{}",
        stderr(&out)
    );

    let good = std::fs::read(v.join("alert-body.json")).unwrap();
    let out = seal(
        &["--kind", "compound-relocation-alert", "--to", "VN-MPS"],
        &good,
    );
    assert!(
        stderr(&out).contains("recipient VN-MPS: not in the directory"),
        "{}",
        stderr(&out)
    );
    let out = seal(
        &["--kind", "alert-cancel", "--to", "PH-DFA"],
        br#"{"reason":"x"}"#,
    );
    assert!(
        stderr(&out).contains("refs: alert-cancel must name exactly one earlier message"),
        "{}",
        stderr(&out)
    );
    let out = seal(
        &["--kind", "compound-relocation-alert", "--to", "PH-DFA"],
        b"not json",
    );
    assert!(
        out.stdout.is_empty() && stderr(&out).contains("not JSON"),
        "{}",
        stderr(&out)
    );

    // A world-readable secret key is refused with the fix.
    let loose = tmp.path().join("loose.key.json");
    std::fs::copy(&key, &loose).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut args = base.to_vec();
    args[3] = loose.to_str().unwrap();
    args.extend(["--kind", "compound-relocation-alert", "--to", "PH-DFA"]);
    let out = jaring(&args, tmp.path(), Some(&good));
    assert!(stderr(&out).contains("chmod 600"), "{}", stderr(&out));
}

#[test]
fn revocation_and_rotation_edit_the_body_and_close_the_hub_door() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let run = |args: &[&str]| ok(jaring(args, d, None));
    let fails = |args: &[&str]| {
        let out = jaring(args, d, None);
        assert!(!out.status.success(), "{args:?} succeeded");
        stderr(&out)
    };
    for root in ["RSO-ROOT-1", "RSO-ROOT-2"] {
        run(&["keygen", "--agency", root, "--out", "roots"]);
    }
    for id in ["TH-RTP", "PH-DFA"] {
        run(&["keygen", "--agency", id, "--out", "keys"]);
        let public = format!("keys/{id}.pub.json");
        run(&[
            "directory",
            "add",
            "--body",
            "body.json",
            "--network",
            "bali-rso",
            "--pub",
            &public,
            "--name",
            id,
            "--country",
            &id[..2],
            "--role",
            "law-enforcement",
        ]);
    }
    run(&[
        "trust",
        "init",
        "--network",
        "bali-rso",
        "--threshold",
        "1",
        "--root",
        "roots/RSO-ROOT-1.pub.json",
        "--out",
        "trust.json",
    ]);
    // The hub's own identity is no agency.
    run(&["keygen", "--agency", "RSO-ADMIN", "--out", "keys"]);
    let reserved = fails(&[
        "directory",
        "add",
        "--body",
        "body.json",
        "--network",
        "bali-rso",
        "--pub",
        "keys/RSO-ADMIN.pub.json",
        "--name",
        "x",
        "--country",
        "TH",
        "--role",
        "coordinator",
    ]);
    assert!(reserved.contains("reserved"), "{reserved}");

    // Rotation: a second key for TH-RTP; the same key twice is refused.
    run(&["keygen", "--agency", "TH-RTP", "--out", "keys2"]);
    let added = run(&[
        "directory",
        "add-key",
        "--body",
        "body.json",
        "--agency",
        "TH-RTP",
        "--pub",
        "keys2/TH-RTP.pub.json",
    ]);
    assert!(added.contains("added key"), "{added}");
    let again = fails(&[
        "directory",
        "add-key",
        "--body",
        "body.json",
        "--agency",
        "TH-RTP",
        "--pub",
        "keys2/TH-RTP.pub.json",
    ]);
    assert!(again.contains("in the directory already"), "{again}");
    let foreign = fails(&[
        "directory",
        "add-key",
        "--body",
        "body.json",
        "--agency",
        "PH-DFA",
        "--pub",
        "keys2/TH-RTP.pub.json",
    ]);
    assert!(foreign.contains("is a key of TH-RTP"), "{foreign}");

    // Revocation: all of PH-DFA's keys; again is refused; an unknown kid is refused.
    run(&[
        "directory",
        "revoke",
        "--body",
        "body.json",
        "--agency",
        "PH-DFA",
    ]);
    let twice = fails(&[
        "directory",
        "revoke",
        "--body",
        "body.json",
        "--agency",
        "PH-DFA",
    ]);
    assert!(twice.contains("revoked already"), "{twice}");
    let unknown = fails(&[
        "directory",
        "revoke",
        "--body",
        "body.json",
        "--agency",
        "TH-RTP",
        "--kid",
        "nope",
    ]);
    assert!(unknown.contains("has no key nope"), "{unknown}");
    let body: Value = serde_json::from_slice(&std::fs::read(d.join("body.json")).unwrap()).unwrap();
    let th = &body["agencies"][0];
    assert_eq!(th["keys"].as_array().unwrap().len(), 2);
    assert!(body["agencies"][1]["keys"][0]["revoked_at"].is_string());

    // Signed, it verifies; the hub generated from it has no user for PH-DFA.
    run(&[
        "directory",
        "sign",
        "--body",
        "body.json",
        "--serial",
        "2",
        "--root-key",
        "roots/RSO-ROOT-1.key.json",
        "--out",
        "dir.json",
    ]);
    run(&["directory", "verify", "--trust", "trust.json", "dir.json"]);
    let out = jaring(
        &[
            "hub",
            "config",
            "--directory",
            "dir.json",
            "--trust",
            "trust.json",
            "--out",
            "hub",
        ],
        d,
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("PH-DFA has every key revoked"));
    let conf = std::fs::read_to_string(d.join("hub/nats-server.conf")).unwrap();
    assert!(
        conf.contains("\"TH-RTP\"") && !conf.contains("\"PH-DFA\""),
        "{conf}"
    );
}

#[test]
fn key_rotate_makes_the_next_pair_and_says_the_order() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    ok(jaring(
        &["keygen", "--agency", "TH-RTP", "--out", "keys"],
        d,
        None,
    ));
    let rotate = [
        "key",
        "rotate",
        "--key",
        "keys/TH-RTP.key.json",
        "--out",
        "next",
    ];
    let said = ok(jaring(&rotate, d, None));
    assert!(
        said.contains("new key") && said.contains("[keys] extra"),
        "{said}"
    );
    let mode = std::fs::metadata(d.join("next/TH-RTP.key.json"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let old: Value =
        serde_json::from_slice(&std::fs::read(d.join("keys/TH-RTP.pub.json")).unwrap()).unwrap();
    let new: Value =
        serde_json::from_slice(&std::fs::read(d.join("next/TH-RTP.pub.json")).unwrap()).unwrap();
    assert_eq!(new["agency"], "TH-RTP");
    assert_ne!(old, new, "a new pair");
    assert!(new.get("pq").is_none(), "classical unless asked");
    let again = jaring(&rotate, d, None);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already holds a key"));

    // How an agency adds an X-Wing key: a rotation with --pq; and a rotation of a key that
    // has one keeps one without being asked.
    let pq = |from: &str, out: &str, flag: bool| {
        let mut args = vec!["key", "rotate", "--key", from, "--out", out];
        if flag {
            args.push("--pq");
        }
        let said = ok(jaring(&args, d, None));
        let public: Value = serde_json::from_slice(
            &std::fs::read(d.join(format!("{out}/TH-RTP.pub.json"))).unwrap(),
        )
        .unwrap();
        (said, public)
    };
    let (said, first) = pq("next/TH-RTP.key.json", "pq1", true);
    assert_eq!(first["pq"]["alg"], "X-Wing", "{said}");
    assert!(said.contains("X-Wing"), "{said}");
    let (_, second) = pq("pq1/TH-RTP.key.json", "pq2", false);
    assert_eq!(second["pq"]["alg"], "X-Wing");
    assert_ne!(first["pq"]["kid"], second["pq"]["kid"]);
}

/// Spec §8 against a second implementation that shares no code with jaring
/// (tests/xwing/oracle.py: kyber-py's ML-KEM-768, OpenSSL's X25519, Ed25519, HKDF and
/// AES-GCM, composed as the X-Wing draft and RFC 9180 say), both ways, mixed with a classical
/// recipient: it opens what `jaring envelope seal` wraps with X-Wing, and `jaring envelope
/// open` opens what it seals. The oracle itself is first checked on the independent vectors.
#[test]
fn x_wing_interop_with_an_independent_implementation() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = repo.join(".venv/bin/python");
    let oracle = repo.join("tests/xwing/oracle.py");
    assert!(
        Command::new(&python)
            .args(["-c", "import kyber_py, cryptography"])
            .status()
            .is_ok_and(|s| s.success()),
        "{} lacks kyber-py or cryptography: run deploy/setup.sh --for-tests",
        python.display()
    );
    let v = shared().join("../wire-v1-rev2");
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (trust, directory) = (v.join("trust.json"), v.join("directories/directory.json"));
    let key = |id: &str| private_copy(&v.join(format!("keys/{id}.key.json")), d);
    let py = |args: &[&str]| {
        let out = Command::new(&python)
            .arg(&oracle)
            .args(args)
            .args(["--directory", directory.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "oracle {args:?}: {}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let cases: Value =
        serde_json::from_slice(&std::fs::read(v.join("cases.json")).unwrap()).unwrap();
    let body = cases[0]["expect"]["body"].clone();
    assert_eq!(cases[0]["envelope"], "envelopes/xwing-and-classical.json");
    let id_key = key("ID-KEMLU-PNH");
    let opened = py(&[
        "open",
        "--envelope",
        v.join("envelopes/xwing-and-classical.json")
            .to_str()
            .unwrap(),
        "--key",
        id_key.to_str().unwrap(),
    ]);
    assert_eq!(
        opened["body"], body,
        "the oracle opens the independent vectors"
    );

    // jaring seals, to an X-Wing and a classical recipient; the oracle opens the X-Wing one.
    let body_file = d.join("body.json");
    std::fs::write(&body_file, body.to_string()).unwrap();
    let th_key = key("TH-RTP");
    let sealed = run_stdin(
        d,
        &[
            "envelope",
            "seal",
            "--key",
            th_key.to_str().unwrap(),
            "--trust",
            trust.to_str().unwrap(),
            "--directory",
            directory.to_str().unwrap(),
            "--kind",
            "victim-referral",
            "--to",
            "ID-KEMLU-PNH,PH-DFA",
        ],
        body.to_string().as_bytes(),
    );
    let envelope = d.join("jaring.json");
    std::fs::write(&envelope, &sealed).unwrap();
    let opened = py(&[
        "open",
        "--envelope",
        envelope.to_str().unwrap(),
        "--key",
        id_key.to_str().unwrap(),
    ]);
    assert_eq!(opened["body"], body);
    assert_x_wing_to_id_only(&opened["header"]);

    // The oracle seals to two X-Wing recipients; jaring opens it as each.
    let theirs = py(&[
        "seal",
        "--key",
        th_key.to_str().unwrap(),
        "--to",
        "ID-KEMLU-PNH,VN-MPS",
        "--kind",
        "victim-referral",
        "--body",
        body_file.to_str().unwrap(),
        "--serial",
        "5",
    ]);
    let envelope = d.join("oracle.json");
    std::fs::write(&envelope, theirs.to_string()).unwrap();
    for reader in ["ID-KEMLU-PNH", "VN-MPS"] {
        let reader_key = key(reader);
        let opened: Value = serde_json::from_str(&ok(jaring(
            &[
                "envelope",
                "open",
                "--key",
                reader_key.to_str().unwrap(),
                "--trust",
                trust.to_str().unwrap(),
                "--directory",
                directory.to_str().unwrap(),
                envelope.to_str().unwrap(),
            ],
            d,
            None,
        )))
        .unwrap();
        assert_eq!(opened["body"], body, "{reader}");
    }
}
