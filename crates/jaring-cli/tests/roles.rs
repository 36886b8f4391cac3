//! Users and roles through the socket, as the people of an embassy meet them: the caller is
//! the socket's peer uid, so each command runs as a different local account (`setpriv`, which
//! needs root: CI runs as root). A liaison officer is refused a referral body (403, audited
//! `denied` with her name), the caseworker gets it (audited `viewed` with his), an account
//! that is no jaring user gets nothing.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use jaring_core::directory::Role;
use jaring_testkit::{NatsServer, TestNetwork};
use serde_json::Value;

fn jaringd_bin() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_jaring")).with_file_name("jaringd")
}

/// `jaring ARGS...` as the local account with `uid` (root: `None`), against the daemon of
/// `config`: root reads the node's configuration, the officers name the socket alone
/// (`--socket`), as they would without read access to the configuration.
fn jaring_as(uid: Option<u32>, config: &Path, args: &[&str]) -> Output {
    let mut cmd = match uid {
        Some(uid) => {
            let mut c = Command::new("setpriv");
            c.arg(format!("--reuid={uid}"))
                .arg(format!("--regid={uid}"))
                .arg("--clear-groups")
                .arg("--")
                .arg(config.with_file_name("jaring"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_jaring")),
    };
    match uid {
        Some(_) => {
            let socket = config.with_extension("sock");
            cmd.arg("--socket").arg(socket)
        }
        None => cmd.arg("--config").arg(config),
    }
    .args(args)
    .output()
    .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn until(limit: Duration, mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

struct Daemon(Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lets other local accounts reach the sockets: every folder of the test traversable.
fn open_folders(dir: &Path) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            open_folders(&entry.path());
        }
    }
}

// Debian's system accounts, present on every Debian machine: uid 1 `daemon`, 2 `bin`, 3 `sys`.
const CASEWORKER_UID: u32 = 1;
const LIAISON_UID: u32 = 2;
const STRANGER_UID: u32 = 3;

#[test]
fn a_referral_body_is_for_caseworkers_and_every_refusal_and_view_names_the_user() {
    if jaring_node::api::current_account().as_deref() != Some("root") {
        eprintln!("skipped: acting as other local accounts needs root (CI runs as root)");
        return;
    }
    let account = |uid| jaring_node::api::account_name(uid).unwrap();
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let net = TestNetwork::create(
        d,
        &[
            ("TH-RTP", Role::LawEnforcement),
            ("ID-KEMLU-PNH", Role::Consular),
        ],
    )
    .unwrap();
    let config = |id: &str| d.join(format!("{id}.toml"));
    for id in ["TH-RTP", "ID-KEMLU-PNH"] {
        let out = Command::new(env!("CARGO_BIN_EXE_jaring"))
            .args([
                "node",
                "init",
                "--agency",
                id,
                "--nats",
                &nats.url(),
                "--admin",
                "ops",
            ])
            .arg("--key")
            .arg(net.key_file(id))
            .arg("--trust")
            .arg(net.trust_file())
            .arg("--directory")
            .arg(net.directory_file())
            .arg("--data")
            .arg(d.join(format!("data-{id}")))
            .arg("--socket")
            .arg(config(id).with_extension("sock"))
            .arg("--out")
            .arg(config(id))
            .output()
            .unwrap();
        ok(out);
    }
    let mut daemons = Vec::new();
    for id in ["TH-RTP", "ID-KEMLU-PNH"] {
        let log = std::fs::File::create(d.join(format!("{id}.log"))).unwrap();
        let child = Command::new(jaringd_bin())
            .arg("--config")
            .arg(config(id))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        daemons.push(Daemon(child));
        assert!(
            until(Duration::from_secs(20), || jaring_as(
                None,
                &config(id),
                &["whoami"]
            )
            .status
            .success()),
            "{id} did not start"
        );
        // The socket's mode (0660) and group decide who may connect at all; here every
        // account may, and the user table alone decides what each may do.
        let socket = config(id).with_extension("sock");
        std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o666)).unwrap();
    }
    // The officers run a copy of the CLI beside the test's files: the build's own folder may
    // be closed to other accounts (a checkout under /root, say).
    std::fs::copy(env!("CARGO_BIN_EXE_jaring"), d.join("jaring")).unwrap();
    std::fs::set_permissions(d.join("jaring"), std::fs::Permissions::from_mode(0o755)).unwrap();
    open_folders(d);
    let (th, id) = (config("TH-RTP"), config("ID-KEMLU-PNH"));

    // The Thai side: its admin takes the caseworker role to refer.
    ok(jaring_as(
        None,
        &th,
        &[
            "user",
            "set-roles",
            "ops",
            "--role",
            "admin",
            "--role",
            "caseworker",
        ],
    ));
    // The embassy: a caseworker and a liaison officer, each on a local account of their own;
    // its admin also audits.
    ok(jaring_as(
        None,
        &id,
        &[
            "user",
            "set-roles",
            "ops",
            "--role",
            "admin",
            "--role",
            "auditor",
        ],
    ));
    let cw = account(CASEWORKER_UID);
    let li = account(LIAISON_UID);
    ok(jaring_as(
        None,
        &id,
        &["user", "add", "siti", "--unix", &cw, "--role", "caseworker"],
    ));
    ok(jaring_as(
        None,
        &id,
        &["user", "add", "budi", "--unix", &li, "--role", "liaison"],
    ));
    let users = ok(jaring_as(None, &id, &["user", "list"]));
    assert!(users.contains("siti") && users.contains("budi"), "{users}");

    let sent = ok(jaring_as(
        None,
        &th,
        &[
            "referral",
            "send",
            "--to",
            "ID-KEMLU-PNH",
            "--case-ref",
            "RTP-2026-0042",
            "--nationality",
            "ID",
            "--location",
            "TH:Mae Sot",
            "--consent",
            "--need",
            "medical",
            "--risk",
            "high",
        ],
    ));
    let referral = sent.trim().to_owned();
    assert!(
        until(Duration::from_secs(20), || ok(jaring_as(
            None,
            &id,
            &["inbox"]
        ))
        .contains(&referral)),
        "the referral did not arrive"
    );

    // The liaison officer does not even see it listed, and is refused its body.
    let listed = ok(jaring_as(Some(LIAISON_UID), &id, &["inbox", "--json"]));
    assert!(
        !listed.contains(&referral),
        "a liaison listed a referral: {listed}"
    );
    let refused = jaring_as(Some(LIAISON_UID), &id, &["show", &referral]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("forbidden") && said.contains("caseworker"),
        "{said}"
    );
    assert!(!String::from_utf8_lossy(&refused.stdout).contains("RTP-2026-0042"));

    // The caseworker reads it.
    let shown: Value = serde_json::from_str(&ok(jaring_as(
        Some(CASEWORKER_UID),
        &id,
        &["show", &referral, "--json"],
    )))
    .unwrap();
    assert_eq!(shown["body"]["case_ref"], "RTP-2026-0042");

    // A caseworker following new messages is cut off the moment she is removed: the stream
    // re-reads its caller whenever users change.
    let mut follow = Command::new("setpriv")
        .arg(format!("--reuid={CASEWORKER_UID}"))
        .arg(format!("--regid={CASEWORKER_UID}"))
        .args(["--clear-groups", "--"])
        .arg(id.with_file_name("jaring"))
        .arg("--socket")
        .arg(id.with_extension("sock"))
        .args(["follow", "--json"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    ok(jaring_as(None, &id, &["user", "remove", "siti"]));
    let second = ok(jaring_as(
        None,
        &th,
        &[
            "referral",
            "send",
            "--to",
            "ID-KEMLU-PNH",
            "--case-ref",
            "RTP-2026-0043",
            "--nationality",
            "ID",
            "--location",
            "TH:Mae Sot",
            "--consent",
            "--need",
            "legal",
            "--risk",
            "medium",
        ],
    ))
    .trim()
    .to_owned();
    let ended = until(Duration::from_secs(20), || {
        matches!(follow.try_wait(), Ok(Some(_)))
    });
    let _ = follow.kill();
    let out = follow.wait_with_output().unwrap();
    assert!(ended, "a removed user's follow stream went on");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(&second),
        "a removed user was told of a new referral"
    );
    ok(jaring_as(
        None,
        &id,
        &["user", "add", "siti", "--unix", &cw, "--role", "caseworker"],
    ));

    // An account that is no jaring user gets nothing, not even metadata.
    let stranger = jaring_as(Some(STRANGER_UID), &id, &["inbox"]);
    assert!(!stranger.status.success());
    let said = String::from_utf8_lossy(&stranger.stderr);
    assert!(said.contains("unknown-user"), "{said}");
    // Nor does the admin read a body it holds no role for.
    let admin = jaring_as(None, &id, &["show", &referral]);
    assert!(
        !admin.status.success(),
        "an admin without the caseworker role read a referral"
    );

    // Who opened referral X, and when: the audit log names the users.
    let log = ok(jaring_as(
        None,
        &id,
        &["audit", "show", "--message", &referral, "--json"],
    ));
    let entries: Vec<Value> = log
        .lines()
        .flat_map(|l| serde_json::from_str::<Vec<Value>>(l).unwrap())
        .collect();
    let by = |event: &str| -> Vec<String> {
        entries
            .iter()
            .filter(|e| e["event"] == event)
            .map(|e| e["detail"]["user"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(by("viewed"), vec!["siti".to_owned()], "{log}");
    assert_eq!(
        by("denied"),
        vec!["budi".to_owned(), "ops".to_owned()],
        "{log}"
    );
    let admin_denied = ok(jaring_as(
        None,
        &id,
        &[
            "audit", "show", "--event", "denied", "--user", "ops", "--json",
        ],
    ));
    assert!(
        admin_denied.contains("GET /v1/messages/") && admin_denied.contains("caseworker role"),
        "{admin_denied}"
    );
    let stranger_denied = ok(jaring_as(
        None,
        &id,
        &["audit", "show", "--event", "denied", "--json"],
    ));
    assert!(
        stranger_denied.contains(&format!("account {}", account(STRANGER_UID))),
        "{stranger_denied}"
    );
    // A user left with no role lists nothing at all.
    ok(jaring_as(None, &id, &["user", "set-roles", "budi"]));
    let nothing = ok(jaring_as(Some(LIAISON_UID), &id, &["inbox", "--json"]));
    assert_eq!(nothing.trim(), "[]", "{nothing}");
    // A badly formed name is a bad request, not a conflict.
    let bad = jaring_as(None, &id, &["user", "add", "Bad Name", "--unix", "nobody"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bad-request"));
    // And only auditors read the log.
    let not_auditor = jaring_as(Some(CASEWORKER_UID), &id, &["audit", "show"]);
    assert!(!not_auditor.status.success());
    drop(daemons);
}
