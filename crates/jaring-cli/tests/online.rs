//! The online verbs as an officer uses them, against real daemons and a real nats-server:
//! `node init`, `alert post/cancel`, `referral send/status`, `inbox`, `show`, `follow`,
//! `status`, `quarantine` and `directory publish`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use jaring_core::directory::Role;
use jaring_testkit::{NatsServer, TestNetwork};
use serde_json::Value;

fn jaringd_bin() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_jaring")).with_file_name("jaringd");
    assert!(
        bin.is_file(),
        "{} is missing: build it with `cargo build -p jaring-node` (the workspace test run does)",
        bin.display()
    );
    bin
}

fn jaring(config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jaring"))
        .arg("--config")
        .arg(config)
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

fn json(out: Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
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

struct Node(Child);

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(config: &Path, log: &Path) -> Node {
    let log = std::fs::File::create(log).unwrap();
    let child = Command::new(jaringd_bin())
        .arg("--config")
        .arg(config)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap();
    assert!(
        until(Duration::from_secs(20), || jaring(config, &["status"])
            .status
            .success()),
        "daemon did not start"
    );
    Node(child)
}

#[test]
fn an_officer_works_the_network_from_the_command_line() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let net = TestNetwork::create(
        d,
        &[
            ("TH-RTP", Role::LawEnforcement),
            ("ID-KEMLU-PNH", Role::Consular),
            ("PH-DFA", Role::Consular),
        ],
    )
    .unwrap();
    let config = |id: &str| d.join(format!("{id}.toml"));
    for id in ["TH-RTP", "ID-KEMLU-PNH", "PH-DFA"] {
        let out = Command::new(env!("CARGO_BIN_EXE_jaring"))
            .args([
                "node",
                "init",
                "--agency",
                id,
                "--nats",
                &nats.url(),
                "--directory-bucket",
                "jaring-directory",
            ])
            .arg("--key")
            .arg(net.key_file(id))
            .arg("--trust")
            .arg(net.trust_file())
            .arg("--directory")
            .arg(net.directory_file())
            .arg("--data")
            .arg(d.join(format!("data-{id}")))
            .arg("--out")
            .arg(config(id))
            .args(["--admin", "ops"])
            .output()
            .unwrap();
        let said = ok(out);
        assert!(said.contains("first admin: ops"), "{said}");
    }
    let _th = start(&config("TH-RTP"), &d.join("th.log"));
    let _id = start(&config("ID-KEMLU-PNH"), &d.join("id.log"));
    let _ph = start(&config("PH-DFA"), &d.join("ph.log"));
    let (th, id, ph) = (config("TH-RTP"), config("ID-KEMLU-PNH"), config("PH-DFA"));

    // The first admin holds only `admin`: it may not post an alert until it gives itself the
    // role (an admin reads no body it has no role for).
    let listed = jaring(&th, &["inbox"]);
    assert!(listed.status.success(), "listing metadata is for any user");
    for c in [&th, &id, &ph] {
        let said = ok(jaring(
            c,
            &[
                "user",
                "set-roles",
                "ops",
                "--role",
                "admin",
                "--role",
                "liaison",
                "--role",
                "caseworker",
                "--role",
                "auditor",
            ],
        ));
        assert!(
            said.contains("ops now holds liaison,caseworker,auditor,admin"),
            "{said}"
        );
    }
    let me = json(jaring(&th, &["whoami", "--json"]));
    assert_eq!(me["user"]["name"], "ops");

    // A form with a mistake is refused with the field and the rule; nothing is sent.
    let bad = jaring(
        &th,
        &[
            "alert",
            "post",
            "--to",
            "PH-DFA",
            "--compound",
            "GF",
            "--from",
            "MM:Myawaddy",
            "--to-place",
            "KH:O'Smach@123,103.68",
            "--reliability",
            "B",
            "--credibility",
            "2",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("to.lat: must be between -90 and 90"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    // PH-DFA follows new alerts.
    let mut follow = Command::new(env!("CARGO_BIN_EXE_jaring"))
        .arg("--config")
        .arg(&ph)
        .args(["follow", "--json"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));

    let posted = json(jaring(
        &th,
        &[
            "alert",
            "post",
            "--to",
            "ID-KEMLU-PNH,PH-DFA",
            "--compound",
            "Golden Fortune annex",
            "--alias",
            "GF-2",
            "--from",
            "MM:Myawaddy@16.69,98.51",
            "--to-place",
            "KH:O'Smach@14.42,103.68",
            "--reliability",
            "B",
            "--credibility",
            "2",
            "--persons",
            "350",
            "--nationality",
            "ID",
            "--nationality",
            "PH",
            "--indicator",
            "domain=gf-invest.example",
            "--narrative",
            "Convoy seen at night",
            "--json",
        ],
    ));
    let alert = posted["id"].as_str().unwrap().to_owned();
    let mut line = String::new();
    BufReader::new(follow.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = follow.kill();
    let _ = follow.wait();
    let followed: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(followed["id"], alert.as_str());

    assert!(until(Duration::from_secs(10), || ok(jaring(
        &id,
        &["inbox"]
    ))
    .contains(&alert)));
    let listing = ok(jaring(&id, &["inbox", "--unread"]));
    assert!(
        listing.contains("compound-relocation-alert")
            && listing.contains("TH-RTP")
            && listing.contains('*'),
        "{listing}"
    );
    let shown = ok(jaring(&id, &["show", &alert]));
    assert!(
        shown.contains("Golden Fortune annex") && shown.contains("O'Smach"),
        "{shown}"
    );
    assert!(
        ok(jaring(&id, &["inbox", "--unread"])).contains("no messages"),
        "read once shown"
    );

    // The revision's fields from flags: a later alert repeats the compound's reference (the
    // first got a fresh one), names an operator, a scam type and a handle with its platform.
    let first = json(jaring(&th, &["show", &alert, "--json"]));
    let reference = first["body"]["compound"]["ref"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(reference.len(), 36, "a fresh reference: {first}");
    let second = json(jaring(
        &th,
        &[
            "alert",
            "post",
            "--to",
            "ID-KEMLU-PNH",
            "--compound",
            "Kasino Baru",
            "--compound-ref",
            &reference,
            "--from",
            "KH:O'Smach@14.42,103.68",
            "--to-place",
            "KH:Bavet@11.06,106.13",
            "--to-precision",
            "1000",
            "--to-admin",
            "Svay Rieng",
            "--reliability",
            "C",
            "--credibility",
            "3",
            "--operator",
            "Example Holdings,alias=EHG,kind=company",
            "--scam-type",
            "crypto-investment",
            "--indicator",
            "social-handle=@GoldenJobs,platform=telegram,role=recruitment",
            "--indicator",
            "url=https://gf-invest.example/apply?a=1,b=2",
            "--json",
        ],
    ))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(until(Duration::from_secs(10), || ok(jaring(
        &id,
        &["inbox"]
    ))
    .contains(&second)));
    let trail = json(jaring(&id, &["compound", "trail", &reference, "--json"]));
    let steps: Vec<&str> = trail["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(steps, [alert.as_str(), second.as_str()], "{trail}");
    let svg = d.join("trail.svg");
    let text = ok(jaring(
        &id,
        &[
            "compound",
            "trail",
            "kasino baru",
            "--svg",
            svg.to_str().unwrap(),
        ],
    ));
    assert!(
        text.contains("positions, in time order") && text.contains("Bavet"),
        "{text}"
    );
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let found = json(jaring(
        &id,
        &[
            "correlate",
            "search",
            "social-handle=Telegram:@GOLDENJOBS",
            "--json",
        ],
    ));
    assert_eq!(found["hits"][0]["id"], second.as_str(), "{found}");
    let shown = json(jaring(&id, &["show", &second, "--json"]));
    assert_eq!(
        shown["body"]["indicators"][1]["value"],
        "https://gf-invest.example/apply?a=1,b=2"
    );
    assert_eq!(shown["body"]["operators"][0]["aliases"][0], "EHG");
    assert_eq!(shown["related"][0]["id"], alert.as_str(), "{shown}");
    assert!(ok(jaring(&id, &["show", &second])).contains("related alerts:"));

    // An update that names no reference keeps the one of the alert it updates: it stays in
    // the compound's trail (an update replaces the whole body).
    let update = json(jaring(
        &th,
        &[
            "alert",
            "update",
            &second,
            "--compound",
            "Kasino Baru",
            "--from",
            "KH:O'Smach@14.42,103.68",
            "--to-place",
            "KH:Bavet@11.06,106.13",
            "--reliability",
            "B",
            "--credibility",
            "2",
            "--json",
        ],
    ))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let updated = json(jaring(&th, &["show", &update, "--json"]));
    assert_eq!(
        updated["body"]["compound"]["ref"],
        reference.as_str(),
        "{updated}"
    );

    // An alert linked to the compound by its name alone is suggested, never merged; a
    // dismissal takes it out of the suggestions, a confirmation (shared as an alert-update
    // setting the reference) makes it a position; both audited, and both outlive a rebuild.
    // A move from Bavet to Laos, posted by the liaison with `extra` (recipients, names...).
    let bavet_to_laos = |extra: &[&str]| {
        let mut args = vec![
            "alert",
            "post",
            "--from",
            "KH:Bavet@11.06,106.13",
            "--to-place",
            "LA:Ton Pheung@20.31,100.09",
            "--reliability",
            "C",
            "--credibility",
            "3",
        ];
        args.extend_from_slice(extra);
        jaring(&th, &args)
    };
    let third = json(bavet_to_laos(&[
        "--to",
        "ID-KEMLU-PNH",
        "--compound",
        "KASINO BARU",
        "--json",
    ]))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ids = |t: &Value, list: &str| -> Vec<String> {
        t[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let trail_of = |who: &Path| json(jaring(who, &["compound", "trail", &reference, "--json"]));
    let t = trail_of(&th);
    assert!(ids(&t, "suggestions").contains(&third), "{t}");
    assert!(!ids(&t, "positions").contains(&third), "{t}");
    let decide = |decision: &str, share: bool| {
        let mut args = vec![
            "compound",
            decision,
            reference.as_str(),
            third.as_str(),
            "--sender",
            "TH-RTP",
            "--json",
        ];
        if share {
            args.push("--share");
        }
        json(jaring(&th, &args))
    };
    assert_eq!(decide("dismiss", false)["recorded"], "dismissed");
    let t = trail_of(&th);
    assert!(
        !ids(&t, "suggestions").contains(&third) && !ids(&t, "positions").contains(&third),
        "{t}"
    );
    assert_eq!(decide("confirm", false)["recorded"], "confirmed");
    assert!(ids(&trail_of(&th), "positions").contains(&third));
    let audited = ok(jaring(&th, &["audit", "show", "--message", &third]));
    assert!(
        audited.contains("trail-dismissed") && audited.contains("trail-confirmed"),
        "{audited}"
    );
    // Three alerts and an update stored by the liaison's node, every one indexed again; the
    // confirmation (the third alert's only link) outlives the rebuild.
    let rebuilt = json(jaring(&th, &["correlate", "rebuild", "--json"]));
    assert_eq!(
        (rebuilt["alerts"].as_u64(), rebuilt["skipped"].as_u64()),
        (Some(4), Some(0)),
        "{rebuilt}"
    );
    let t = trail_of(&th);
    assert!(ids(&t, "positions").contains(&third), "{t}");
    // Shared, the confirmation is an alert-update setting the reference: the consulate's
    // node links the alert by it.
    let shared = decide("confirm", true);
    let update = shared["update"].as_str().unwrap().to_owned();
    assert!(until(Duration::from_secs(10), || ids(
        &trail_of(&id),
        "positions"
    )
    .contains(&third)));
    let sent_update = json(jaring(&th, &["show", &update, "--json"]));
    assert_eq!(sent_update["body"]["compound"]["ref"], reference.as_str());

    // Sent in the background: answered once stored, published right after, and delivered.
    let background = bavet_to_laos(&[
        "--to",
        "PH-DFA",
        "--compound",
        "Kasino Baru",
        "--compound-ref",
        &reference,
        "--background",
    ]);
    let said = String::from_utf8_lossy(&background.stderr).into_owned();
    assert!(said.contains("publishing in the background"), "{said}");
    let quiet = ok(background);
    let quiet = quiet.trim();
    assert!(until(Duration::from_secs(10), || ok(jaring(
        &ph,
        &["inbox"]
    ))
    .contains(quiet)));

    // A referral with its fields as flags, accepted by the consulate.
    let sent = ok(jaring(
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
            "--consent-scope",
            "share-with-consulate",
            "--need",
            "medical",
            "--need",
            "repatriation",
            "--non-punishment",
            "--risk",
            "high",
        ],
    ));
    let referral = sent.trim().to_owned();
    assert!(until(Duration::from_secs(10), || ok(jaring(
        &id,
        &["inbox", "--kind", "victim-referral"]
    ))
    .contains(&referral)));
    ok(jaring(
        &id,
        &[
            "referral",
            "status",
            &referral,
            "--set",
            "accepted",
            "--note",
            "officer assigned",
        ],
    ));
    assert!(until(Duration::from_secs(10), || {
        let v = json(jaring(&th, &["show", &referral, "--json"]));
        v["referral"]["status"] == "accepted" && v["deliveries"][0]["state"] == "delivered"
    }));
    let view = ok(jaring(&th, &["show", &referral]));
    assert!(
        view.contains("referral: accepted") && view.contains("delivered"),
        "{view}"
    );

    // The alert is cancelled; the recipients see it.
    ok(jaring(
        &th,
        &["alert", "cancel", &alert, "--reason", "duplicate report"],
    ));
    assert!(until(Duration::from_secs(10), || ok(jaring(
        &ph,
        &["inbox"]
    ))
    .contains("[cancelled]")));

    let status = ok(jaring(&th, &["status"]));
    assert!(
        status.contains("directory   serial 1") && status.contains("last error  none"),
        "{status}"
    );
    assert!(ok(jaring(&ph, &["quarantine"])).contains("nothing quarantined"));

    // Serial 2 through the hub's bucket: every node follows.
    let body2 = d.join("body2.json");
    let mut body: Value =
        serde_json::from_slice(&std::fs::read(d.join("directory-body.json")).unwrap()).unwrap();
    body["serial"] = 2.into();
    std::fs::write(&body2, body.to_string()).unwrap();
    let dir2 = d.join("dir2.json");
    let sign = |args: &[&str]| {
        ok(Command::new(env!("CARGO_BIN_EXE_jaring"))
            .args(args)
            .output()
            .unwrap())
    };
    sign(&[
        "directory",
        "sign",
        "--body",
        body2.to_str().unwrap(),
        "--serial",
        "2",
        "--root-key",
        net.key_file("RSO-ROOT-1").to_str().unwrap(),
        "--out",
        dir2.to_str().unwrap(),
    ]);
    sign(&[
        "directory",
        "sign",
        "--in",
        dir2.to_str().unwrap(),
        "--root-key",
        net.key_file("RSO-ROOT-2").to_str().unwrap(),
        "--out",
        dir2.to_str().unwrap(),
    ]);
    let published = sign(&[
        "directory",
        "publish",
        "--nats",
        &nats.url(),
        "--trust",
        net.trust_file().to_str().unwrap(),
        dir2.to_str().unwrap(),
    ]);
    assert!(published.contains("published"), "{published}");
    for c in [&th, &id, &ph] {
        assert!(until(Duration::from_secs(10), || json(jaring(
            c,
            &["status", "--json"]
        ))["directory"]["serial"]
            == 2));
    }
    // Publishing what does not verify is refused before it reaches the hub.
    let one = d.join("one.json");
    sign(&[
        "directory",
        "sign",
        "--body",
        body2.to_str().unwrap(),
        "--serial",
        "3",
        "--root-key",
        net.key_file("RSO-ROOT-1").to_str().unwrap(),
        "--out",
        one.to_str().unwrap(),
    ]);
    let refused = Command::new(env!("CARGO_BIN_EXE_jaring"))
        .args([
            "directory",
            "publish",
            "--nats",
            &nats.url(),
            "--trust",
            net.trust_file().to_str().unwrap(),
            one.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!refused.status.success());

    // Without a daemon, the verbs say so.
    drop(_ph);
    let down = jaring(&ph, &["status"]);
    assert!(
        String::from_utf8_lossy(&down.stderr).contains("is the daemon running"),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
}
