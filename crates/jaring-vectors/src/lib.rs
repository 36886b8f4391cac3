//! jaring's own wire-v1 test vectors: [`generate`] makes a complete set (keys, trust file,
//! directories, envelopes and `cases.json`), with one or more cases for every error code of
//! spec §4 that can be produced offline; [`check`] runs a set through jaring-core.
//!
//! Times are fixed (keys valid 2026-11-01 to 2036-11-01), so the outcomes hold for any run
//! before 2036, like those of the independent vectors.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, ensure, Context, Result};
use jaring_core::b64;
use jaring_core::directory::{DirectoryBody, DirectoryError, KeyEntry, Role, Supersedes};
use jaring_core::envelope::{craft, open, ErrorCode, Receiver, SeenIds};
use jaring_core::keys::{OpeningKeys, PublicKeyJson, SecretKey, WrapKey};
use jaring_core::{AgencyId, Directory, Kind, MessageId, SignedDirectory, Timestamp, Tlp, Trust};
use serde_json::{json, Value};

const NETWORK: &str = "bali-rso";

fn t(text: &str) -> Timestamp {
    // Only called with the literal times below.
    Timestamp::parse(text).unwrap_or_else(|_| unreachable!("fixed vector time {text}"))
}

struct Maker {
    out: PathBuf,
    keys: Vec<(String, SecretKey)>,
    cases: Vec<Value>,
    directory_cases: Vec<Value>,
}

impl Maker {
    fn key(&self, name: &str) -> &SecretKey {
        match self.keys.iter().find(|(n, _)| n == name) {
            Some((_, k)) => k,
            None => unreachable!("vector key {name} is made first"),
        }
    }

    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    fn write_json(&self, rel: &str, value: &Value) -> Result<()> {
        let mut bytes = serde_json::to_vec_pretty(value)?;
        bytes.push(b'\n');
        self.write(rel, &bytes)
    }

    fn envelope_case(
        &mut self,
        file: &str,
        bytes: &[u8],
        reader: &str,
        directory: &str,
        expect: Value,
        note: &str,
    ) -> Result<()> {
        let rel = format!("envelopes/{file}");
        if !self.out.join(&rel).exists() {
            self.write(&rel, bytes)?;
        }
        self.cases.push(json!({
            "envelope": rel, "key": format!("keys/{reader}.key.json"),
            "directory": format!("directories/{directory}"), "expect": expect, "note": note,
        }));
        Ok(())
    }

    fn directory_case(
        &mut self,
        file: &str,
        signed: &SignedDirectory,
        held: Option<&str>,
        expect: &str,
        note: &str,
    ) -> Result<()> {
        let rel = format!("directories/{file}");
        if !self.out.join(&rel).exists() {
            self.write(&rel, &signed.to_json())?;
        }
        let mut case = json!({"directory": rel, "expect": expect, "note": note});
        if let Some(h) = held {
            case["held"] = format!("directories/{h}").into();
        }
        self.directory_cases.push(case);
        Ok(())
    }
}

fn key_entry(
    key: &SecretKey,
    not_before: &str,
    not_after: &str,
    revoked_at: Option<&str>,
) -> KeyEntry {
    KeyEntry {
        sign: PublicKeyJson::from_verifying(key.sign.verifying_key()),
        enc: PublicKeyJson::from_encryption(key.enc.encryption_key()),
        not_before: t(not_before),
        not_after: t(not_after),
        revoked_at: revoked_at.map(t),
        pq: None,
    }
}

/// A key entry that lists the key's X-Wing half as well (spec §3, §8).
fn key_entry_pq(key: &SecretKey, not_before: &str, not_after: &str) -> KeyEntry {
    KeyEntry {
        pq: key
            .pq
            .as_ref()
            .map(|pq| PublicKeyJson::from_pq(pq.encryption_key())),
        ..key_entry(key, not_before, not_after, None)
    }
}

fn sign_raw(body: &[u8], roots: &[&SecretKey]) -> Result<SignedDirectory> {
    let mut signed = SignedDirectory::from_parts(body.to_vec(), Vec::new());
    for root in roots {
        signed.add_signature(root)?;
    }
    Ok(signed)
}

struct Env<'a> {
    kind: Kind,
    sender: &'a str,
    key: &'a str,
    to: &'a [&'a str],
    body: Value,
    refs: Vec<MessageId>,
    created_at: &'a str,
    expires_at: Option<&'a str>,
    tlp: Tlp,
    /// The directory serial the header names.
    serial: u64,
    /// The recipients wrapped with X-Wing (their key's `pq` half); the others with X25519.
    xwing: &'a [&'a str],
}

impl Maker {
    fn seal(&self, e: Env<'_>, id: Option<MessageId>) -> Result<(MessageId, Vec<u8>)> {
        self.seal_with(e, id, |_| {})
    }

    /// As [`Self::seal`], with `edit` given the recipient entries before the header is
    /// encrypted against and signed (an entry no sealer makes, in an envelope that opens).
    fn seal_with(
        &self,
        e: Env<'_>,
        id: Option<MessageId>,
        edit: impl FnOnce(&mut Vec<jaring_core::envelope::RecipientEntry>),
    ) -> Result<(MessageId, Vec<u8>)> {
        let id = id.unwrap_or_default();
        let recipients =
            e.to.iter()
                .map(|r| {
                    let key = self.key(r);
                    let wrap = match (e.xwing.contains(r), &key.pq) {
                        (true, Some(pq)) => WrapKey::XWing(pq.encryption_key().clone()),
                        (true, None) => bail!("{r} has no X-Wing key"),
                        (false, _) => WrapKey::X25519(key.enc.encryption_key().clone()),
                    };
                    Ok((AgencyId::parse(r)?, wrap))
                })
                .collect::<Result<Vec<_>>>()?;
        let parts = craft::Parts {
            id,
            kind: e.kind,
            sender: AgencyId::parse(e.sender)?,
            directory_serial: e.serial,
            created_at: t(e.created_at),
            expires_at: e.expires_at.map(t),
            tlp: e.tlp,
            refs: e.refs,
            body: serde_json::to_vec(&e.body)?,
            recipients,
        };
        Ok((
            id,
            craft::seal_bytes_with(self.key(e.key), parts, edit)?.bytes,
        ))
    }

    /// Re-signs an envelope after `edit` changed its header JSON (a fault the sender signed).
    fn resign(
        &self,
        envelope: &[u8],
        signer: &str,
        edit: impl FnOnce(&mut Value),
    ) -> Result<Vec<u8>> {
        let (mut header, payload) = split(envelope)?;
        edit(&mut header);
        Ok(craft::sign_and_assemble(
            self.key(signer),
            &serde_json::to_vec(&header)?,
            &payload,
        ))
    }
}

fn split(envelope: &[u8]) -> Result<(Value, Vec<u8>)> {
    let outer: Value = serde_json::from_slice(envelope)?;
    let field = |name: &str| {
        outer[name]
            .as_str()
            .and_then(b64::decode)
            .ok_or_else(|| anyhow!("vector envelope lacks {name}"))
    };
    Ok((
        serde_json::from_slice(&field("header")?)?,
        field("payload")?,
    ))
}

fn alert_body() -> Value {
    json!({
        "compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
        "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
        "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.68},
        "observed_at": "2026-11-20T06:00:00Z",
        "source_reliability": "B", "info_credibility": "2", "estimated_persons": 350,
        "nationalities": ["ID", "PH", "VN"],
        "indicators": [{"type": "domain", "value": "gf-invest.example"}],
        "narrative": "Convoy of four buses seen crossing at night."
    })
}

fn referral_body() -> Value {
    json!({
        "case_ref": "RTP-2026-0101", "nationality": "ID", "identified_at": "2026-11-21T09:00:00Z",
        "location": {"country": "TH", "name": "Mae Sot"},
        "consent": {"given": true, "scope": ["share-with-consulate"]},
        "needs": ["medical", "repatriation"], "non_punishment": true, "risk": "high",
        "person": {"name": "Test Person", "date_of_birth": "1999-02-03"}
    })
}

const T0: &str = "2026-11-24T09:00:00Z";

/// Writes a complete, fresh set of vectors into `out`.
pub fn generate(out: &Path) -> Result<()> {
    let mut m = Maker {
        out: out.to_owned(),
        keys: Vec::new(),
        cases: Vec::new(),
        directory_cases: Vec::new(),
    };
    for name in [
        "RSO-ROOT-1",
        "RSO-ROOT-2",
        "RSO-ROOT-3",
        "TH-RTP",
        "TH-RTP.old",
        "TH-RTP.rogue",
        "ID-KEMLU-PNH",
        "PH-DFA",
        "VN-MPS",
    ] {
        let agency = name.split('.').next().unwrap_or(name);
        // ID-KEMLU-PNH and VN-MPS have X-Wing halves (spec §8); only the serial 4 directory
        // lists ID's, so the cases under serials 1 and 2 stay classical.
        let key = match name {
            "ID-KEMLU-PNH" | "VN-MPS" => SecretKey::generate_pq(agency)?,
            _ => SecretKey::generate(agency)?,
        };
        m.write(&format!("keys/{name}.key.json"), &key.to_json())?;
        m.write(&format!("keys/{name}.pub.json"), &key.public().to_json())?;
        m.keys.push((name.to_owned(), key));
    }
    let roots: Vec<_> = ["RSO-ROOT-1", "RSO-ROOT-2", "RSO-ROOT-3"]
        .iter()
        .map(|r| m.key(r).public())
        .collect();
    let trust = Trust::new(NETWORK, 2, &roots)?;
    m.write("trust.json", &trust.to_json())?;

    // Directories.
    let (nb, na) = ("2026-11-01T00:00:00Z", "2036-11-01T00:00:00Z");
    let agency = |id: &str, name: &str, cc: &str, role: Role, keys: Vec<KeyEntry>| -> Result<_> {
        Ok(jaring_core::directory::AgencyEntry {
            id: AgencyId::parse(id)?,
            name: name.into(),
            country: cc.into(),
            roles: vec![role],
            keys,
        })
    };
    let serial1 = DirectoryBody {
        network: NETWORK.into(),
        serial: 1,
        issued_at: t("2026-11-24T00:00:00Z"),
        expires_at: t("2036-11-02T00:00:00Z"),
        agencies: vec![
            agency(
                "TH-RTP",
                "Royal Thai Police, Anti-Human Trafficking Division",
                "TH",
                Role::LawEnforcement,
                vec![
                    key_entry(m.key("TH-RTP.old"), nb, na, None),
                    key_entry(m.key("TH-RTP"), nb, na, None),
                ],
            )?,
            agency(
                "ID-KEMLU-PNH",
                "Embassy of Indonesia, Phnom Penh",
                "ID",
                Role::Consular,
                vec![key_entry(m.key("ID-KEMLU-PNH"), nb, na, None)],
            )?,
            agency(
                "PH-DFA",
                "Philippine Department of Foreign Affairs",
                "PH",
                Role::Consular,
                vec![key_entry(m.key("PH-DFA"), nb, na, None)],
            )?,
        ],
    };
    let mut serial2 = serial1.clone();
    serial2.serial = 2;
    serial2.agencies[0].keys[0].revoked_at = Some(t("2026-11-24T12:00:00Z"));
    let bytes = |b: &DirectoryBody| serde_json::to_vec(b);
    // Owned copies of the root keys, so that cases can be recorded while they sign.
    let copy = |name: &str| SecretKey::from_json(&m.key(name).to_json(), name);
    let (r1, r2, r3) = (
        &copy("RSO-ROOT-1")?,
        &copy("RSO-ROOT-2")?,
        &copy("RSO-ROOT-3")?,
    );
    let d1 = sign_raw(&bytes(&serial1)?, &[r1, r2])?;
    let d2 = sign_raw(&bytes(&serial2)?, &[r2, r3])?;
    // Serial 4 (3 is taken by the faulty directories) lists ID-KEMLU-PNH's X-Wing key.
    let mut serial4 = serial2.clone();
    serial4.serial = 4;
    serial4.agencies[1].keys[0] = key_entry_pq(m.key("ID-KEMLU-PNH"), nb, na);
    let mut pq_kid = serde_json::to_value(&serial4)?;
    pq_kid["serial"] = 5.into();
    pq_kid["agencies"][1]["keys"][0]["pq"]["kid"] = b64::encode(&[7u8; 16]).into();
    let mut pq_short = serde_json::to_value(&serial4)?;
    pq_short["serial"] = 5.into();
    pq_short["agencies"][1]["keys"][0]["pq"]["key"] = b64::encode(&[7u8; 32]).into();
    let mut conflict = serial2.clone();
    conflict.agencies[2].name = "Department of Foreign Affairs (Philippines)".into();
    let mut wrong_net = serial1.clone();
    wrong_net.network = "other-net".into();
    let mut expired = serial1.clone();
    expired.serial = 3;
    expired.expires_at = t("2026-11-24T06:00:00Z");
    let mut future = serial1.clone();
    future.serial = 3;
    future.issued_at = t("2036-01-01T00:00:00Z");
    let mut dup_agency = serial1.clone();
    dup_agency.serial = 3;
    dup_agency.agencies.push(dup_agency.agencies[1].clone());
    let mut bad_kid = serde_json::to_value(&serial1)?;
    bad_kid["serial"] = 3.into();
    bad_kid["agencies"][1]["keys"][0]["sign"]["kid"] = b64::encode(&[7u8; 16]).into();
    let mut tampered = bytes(&serial1)?;
    if let Some(pos) = tampered
        .windows(6)
        .position(|w| w == b"Manila" || w == b"Philip")
    {
        tampered[pos] ^= 0x20;
    }
    let tampered = SignedDirectory::from_parts(tampered, d1.signatures().to_vec());
    let unknown_root = SecretKey::generate("RSO-ROOT-9")?;
    let d4 = sign_raw(&bytes(&serial4)?, &[r1, r3])?;
    let d = &mut m;
    d.directory_case(
        "directory.json",
        &d1,
        None,
        "accepted",
        "serial 1, roots 1 and 2 of 3 (threshold 2)",
    )?;
    d.directory_case(
        "directory-serial4-pq.json",
        &d4,
        Some("directory-serial2-revocation.json"),
        "accepted",
        "serial 4 lists ID-KEMLU-PNH's X-Wing key (pq) beside its X25519 key",
    )?;
    d.directory_case(
        "pq-kid-mismatch.json",
        &sign_raw(&serde_json::to_vec(&pq_kid)?, &[r1, r2])?,
        None,
        "malformed",
        "an X-Wing kid that does not match its key",
    )?;
    d.directory_case(
        "pq-key-short.json",
        &sign_raw(&serde_json::to_vec(&pq_short)?, &[r1, r2])?,
        None,
        "malformed",
        "an X-Wing key of 32 bytes rather than 1216",
    )?;
    d.directory_case(
        "directory-serial2-revocation.json",
        &d2,
        Some("directory.json"),
        "accepted",
        "serial 2 revokes TH-RTP's older key; signed by roots 2 and 3",
    )?;
    d.directory_case(
        "directory.json",
        &d1,
        Some("directory-serial2-revocation.json"),
        "rollback",
        "serial 1 after serial 2 is a rollback",
    )?;
    d.directory_case(
        "directory.json",
        &d1,
        Some("directory.json"),
        "same",
        "the very same document again is a no-op",
    )?;
    d.directory_case(
        "serial2-conflict.json",
        &sign_raw(&bytes(&conflict)?, &[r1, r3])?,
        Some("directory-serial2-revocation.json"),
        "conflict",
        "serial 2 again with a different body",
    )?;
    d.directory_case(
        "one-signature.json",
        &sign_raw(&bytes(&serial1)?, &[r1])?,
        None,
        "threshold",
        "1 of the 2 required",
    )?;
    let mut twice = sign_raw(&bytes(&serial1)?, &[r1])?;
    let sig = twice.signatures()[0].clone();
    twice = SignedDirectory::from_parts(twice.body_bytes().to_vec(), vec![sig.clone(), sig]);
    d.directory_case(
        "same-root-twice.json",
        &twice,
        None,
        "threshold",
        "root 1's signature twice counts once",
    )?;
    d.directory_case(
        "unknown-root.json",
        &sign_raw(&bytes(&serial1)?, &[r1, &unknown_root])?,
        None,
        "threshold",
        "the second signature is by a root the trust file does not list",
    )?;
    d.directory_case(
        "tampered-body.json",
        &tampered,
        None,
        "threshold",
        "one byte of the body changed after signing",
    )?;
    d.directory_case(
        "wrong-network.json",
        &sign_raw(&bytes(&wrong_net)?, &[r1, r2])?,
        None,
        "wrong-network",
        "network other-net",
    )?;
    d.directory_case(
        "expired.json",
        &sign_raw(&bytes(&expired)?, &[r1, r2])?,
        None,
        "expired",
        "expires_at is past",
    )?;
    d.directory_case(
        "not-yet-valid.json",
        &sign_raw(&bytes(&future)?, &[r1, r2])?,
        None,
        "not-yet-valid",
        "issued_at in 2036",
    )?;
    d.directory_case(
        "duplicate-agency.json",
        &sign_raw(&bytes(&dup_agency)?, &[r1, r2])?,
        None,
        "malformed",
        "ID-KEMLU-PNH listed twice",
    )?;
    d.directory_case(
        "kid-mismatch.json",
        &sign_raw(&serde_json::to_vec(&bad_kid)?, &[r1, r2])?,
        None,
        "malformed",
        "a kid that does not match its key",
    )?;

    // Good envelopes.
    let env = |kind, key: &'static str, to: &'static [&'static str], body: Value| Env {
        kind,
        sender: if key == "TH-RTP.old" || key == "TH-RTP.rogue" {
            "TH-RTP"
        } else {
            key
        },
        key,
        to,
        body,
        refs: vec![],
        created_at: T0,
        expires_at: None,
        tlp: kind.default_tlp(),
        serial: 1,
        xwing: &[],
    };
    let (alert_id, alert) = m.seal(
        env(
            Kind::CompoundRelocationAlert,
            "TH-RTP",
            &["ID-KEMLU-PNH", "PH-DFA"],
            alert_body(),
        ),
        None,
    )?;
    for reader in ["ID-KEMLU-PNH", "PH-DFA"] {
        m.envelope_case(
            "alert-two-recipients.json",
            &alert,
            reader,
            "directory.json",
            json!({"body": alert_body()}),
            "each recipient opens the same envelope",
        )?;
    }
    m.envelope_case(
        "alert-two-recipients.json",
        &alert,
        "TH-RTP",
        "directory.json",
        json!({"error": "not-a-recipient"}),
        "the sender is not a recipient",
    )?;
    let (referral_id, referral) = m.seal(
        env(
            Kind::VictimReferral,
            "TH-RTP",
            &["ID-KEMLU-PNH"],
            referral_body(),
        ),
        None,
    )?;
    m.envelope_case(
        "referral.json",
        &referral,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"body": referral_body()}),
        "TLP RED by default",
    )?;
    m.envelope_case(
        "referral.json",
        &referral,
        "PH-DFA",
        "directory.json",
        json!({"error": "not-a-recipient"}),
        "another consulate cannot open it",
    )?;
    let status = json!({"status": "in-progress", "notes": "interview scheduled"});
    let (_, st) = m.seal(
        Env {
            refs: vec![referral_id],
            ..env(
                Kind::ReferralStatus,
                "ID-KEMLU-PNH",
                &["TH-RTP"],
                status.clone(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "referral-status.json",
        &st,
        "TH-RTP",
        "directory.json",
        json!({"body": status}),
        "refs names the referral",
    )?;
    let mut update = alert_body();
    update["estimated_persons"] = 420.into();
    let (_, up) = m.seal(
        Env {
            refs: vec![alert_id],
            ..env(Kind::AlertUpdate, "TH-RTP", &["PH-DFA"], update.clone())
        },
        None,
    )?;
    m.envelope_case(
        "alert-update.json",
        &up,
        "PH-DFA",
        "directory.json",
        json!({"body": update}),
        "a full alert body replacing the earlier one",
    )?;
    let cancel = json!({"reason": "duplicate of an earlier alert"});
    let (_, ca) = m.seal(
        Env {
            refs: vec![alert_id],
            ..env(Kind::AlertCancel, "TH-RTP", &["PH-DFA"], cancel.clone())
        },
        None,
    )?;
    m.envelope_case(
        "alert-cancel.json",
        &ca,
        "PH-DFA",
        "directory.json",
        json!({"body": cancel}),
        "",
    )?;
    let receipt = json!({"items": [{"of": alert_id.to_string(), "status": "delivered"}, {"of": referral_id.to_string(), "status": "rejected", "error": "invalid-body"}]});
    let (_, rc) = m.seal(
        env(Kind::Receipt, "ID-KEMLU-PNH", &["TH-RTP"], receipt.clone()),
        None,
    )?;
    m.envelope_case(
        "receipt-batched.json",
        &rc,
        "TH-RTP",
        "directory.json",
        json!({"body": receipt}),
        "one delivered and one rejected item in one receipt",
    )?;
    let mut unicode = alert_body();
    unicode["narrative"] = "ย้ายไปที่โอสมัช — перевезли — 移至 — \u{1F68C}".into();
    unicode["x-future-field"] = json!({"kept": [1, 2.5, null]});
    let (_, un) = m.seal(
        Env {
            created_at: "2026-11-24T09:00:00.123Z",
            expires_at: Some("2036-10-01T00:00:00Z"),
            tlp: Tlp::AmberStrict,
            ..env(
                Kind::CompoundRelocationAlert,
                "TH-RTP",
                &["PH-DFA"],
                unicode.clone(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "unicode-unknown-fields.json",
        &un,
        "PH-DFA",
        "directory.json",
        json!({"body": unicode}),
        "non-ASCII text, an unknown field kept, millisecond created_at, future expires_at",
    )?;
    let (_, old) = m.seal(
        Env {
            created_at: "2026-11-24T13:00:00Z",
            ..env(
                Kind::CompoundRelocationAlert,
                "TH-RTP.old",
                &["ID-KEMLU-PNH"],
                alert_body(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "revoked-key.json",
        &old,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"body": alert_body()}),
        "under serial 1 the older key is still good",
    )?;

    // One fault each.
    m.envelope_case(
        "revoked-key.json",
        &old,
        "ID-KEMLU-PNH",
        "directory-serial2-revocation.json",
        json!({"error": "revoked-key"}),
        "the same envelope under serial 2, which revokes that key",
    )?;
    let mut big = referral.clone();
    big.resize(1024 * 1024 + 1, b' ');
    m.envelope_case(
        "too-large.json",
        &big,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "too-large"}),
        "referral.json padded with spaces to 1 MiB + 1 byte",
    )?;
    m.envelope_case(
        "malformed-not-json.json",
        b"{\"v\":1,\"header\":",
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "malformed"}),
        "cut short",
    )?;
    let mut outer: Value = serde_json::from_slice(&referral)?;
    outer["v"] = 2.into();
    m.envelope_case(
        "unsupported-version.json",
        outer.to_string().as_bytes(),
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "unsupported-version"}),
        "v is 2",
    )?;
    let mut outer: Value = serde_json::from_slice(&referral)?;
    outer["header"] = "eyJpZCI6*not+b64u/".into();
    m.envelope_case(
        "malformed-header-not-b64u.json",
        outer.to_string().as_bytes(),
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "malformed"}),
        "header is not b64u",
    )?;
    let mut outer: Value = serde_json::from_slice(&referral)?;
    if let Some(o) = outer.as_object_mut() {
        o.remove("sig");
    }
    m.envelope_case(
        "malformed-missing-sig.json",
        outer.to_string().as_bytes(),
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "malformed"}),
        "no sig",
    )?;
    type Fault = (&'static str, Box<dyn Fn(&mut Value)>, &'static str);
    let faults: [Fault; 5] = [
        (
            "malformed-header-missing-nonce.json",
            Box::new(|h: &mut Value| {
                if let Some(o) = h.as_object_mut() {
                    o.remove("nonce");
                }
            }),
            "signed by the sender, but no nonce",
        ),
        (
            "malformed-recipient-twice.json",
            Box::new(|h: &mut Value| {
                let r = h["recipients"][0].clone();
                if let Some(a) = h["recipients"].as_array_mut() {
                    a.push(r);
                }
            }),
            "ID-KEMLU-PNH's entry twice",
        ),
        (
            "malformed-suite.json",
            Box::new(|h: &mut Value| {
                h["suite"] = "ed25519/hpke-x25519-sha256-chacha20poly1305".into()
            }),
            "an unknown suite",
        ),
        (
            "malformed-id-not-v7.json",
            Box::new(|h: &mut Value| h["id"] = "3b241101-e2bb-4255-8caf-4136c566a962".into()),
            "a version 4 UUID",
        ),
        (
            "malformed-tlp.json",
            Box::new(|h: &mut Value| h["tlp"] = "WHITE".into()),
            "TLP 1.0's WHITE is not a TLP 2.0 label",
        ),
    ];
    for (file, edit, note) in faults {
        let bytes = m.resign(&referral, "TH-RTP", edit)?;
        m.envelope_case(
            file,
            &bytes,
            "ID-KEMLU-PNH",
            "directory.json",
            json!({"error": "malformed"}),
            note,
        )?;
    }
    let (_, vn) = m.seal(
        env(
            Kind::CompoundRelocationAlert,
            "VN-MPS",
            &["ID-KEMLU-PNH"],
            alert_body(),
        ),
        None,
    )?;
    m.envelope_case(
        "unknown-sender.json",
        &vn,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "unknown-sender"}),
        "VN-MPS is not in the directory",
    )?;
    let (_, rogue) = m.seal(
        env(
            Kind::CompoundRelocationAlert,
            "TH-RTP.rogue",
            &["ID-KEMLU-PNH"],
            alert_body(),
        ),
        None,
    )?;
    m.envelope_case(
        "unknown-key.json",
        &rogue,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "unknown-key"}),
        "a TH-RTP key the directory does not list",
    )?;
    let (_, early) = m.seal(
        Env {
            created_at: "2026-10-01T00:00:00Z",
            ..env(
                Kind::CompoundRelocationAlert,
                "TH-RTP",
                &["ID-KEMLU-PNH"],
                alert_body(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "expired-key.json",
        &early,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "expired-key"}),
        "created_at before the key's not_before",
    )?;
    let (mut header, mut payload) = split(&referral)?;
    let sig = serde_json::from_slice::<Value>(&referral)?["sig"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default();
    let sig = b64::decode(&sig).unwrap_or_default();
    if let Some(last) = payload.last_mut() {
        *last ^= 1;
    }
    m.envelope_case(
        "bad-signature-payload.json",
        &craft::assemble(&serde_json::to_vec(&header)?, &payload, &sig),
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "bad-signature"}),
        "one payload bit flipped after signing",
    )?;
    if let Some(last) = payload.last_mut() {
        *last ^= 1;
    }
    header["tlp"] = "GREEN".into();
    m.envelope_case(
        "bad-signature-header.json",
        &craft::assemble(&serde_json::to_vec(&header)?, &payload, &sig),
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "bad-signature"}),
        "TLP downgraded from RED after signing",
    )?;
    let forged = m.resign(&referral, "PH-DFA", |_| {})?;
    m.envelope_case(
        "bad-signature-other-key.json",
        &forged,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "bad-signature"}),
        "claims TH-RTP's kid, signed with PH-DFA's key",
    )?;
    let (_, skew) = m.seal(
        Env {
            created_at: "2036-01-01T00:00:00Z",
            ..env(
                Kind::CompoundRelocationAlert,
                "TH-RTP",
                &["ID-KEMLU-PNH"],
                alert_body(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "clock-skew.json",
        &skew,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "clock-skew"}),
        "created_at in 2036, inside the key's validity",
    )?;
    let (_, exp) = m.seal(
        Env {
            expires_at: Some("2026-11-24T10:00:00Z"),
            ..env(
                Kind::CompoundRelocationAlert,
                "TH-RTP",
                &["ID-KEMLU-PNH"],
                alert_body(),
            )
        },
        None,
    )?;
    m.envelope_case(
        "expired.json",
        &exp,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "expired"}),
        "expires_at is past",
    )?;
    let other_kid = m.resign(&referral, "TH-RTP", |h| {
        h["recipients"][0]["kid"] = b64::encode(&[9u8; 16]).into()
    })?;
    m.envelope_case(
        "not-a-recipient-kid.json",
        &other_kid,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "not-a-recipient"}),
        "an entry for ID-KEMLU-PNH, but to a key it does not hold",
    )?;
    let corrupt_wrap = m.resign(&referral, "TH-RTP", |h| {
        let w = h["recipients"][0]["wrapped"]
            .as_str()
            .and_then(b64::decode)
            .unwrap_or_default();
        let mut w = w;
        if let Some(b) = w.first_mut() {
            *b ^= 0xff;
        }
        h["recipients"][0]["wrapped"] = b64::encode(&w).into();
    })?;
    m.envelope_case(
        "decrypt-failed-wrap.json",
        &corrupt_wrap,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "decrypt-failed"}),
        "signed by the sender, but the key wrap is corrupt",
    )?;
    let (_, two) = m.seal(
        env(
            Kind::CompoundRelocationAlert,
            "TH-RTP",
            &["ID-KEMLU-PNH", "PH-DFA"],
            alert_body(),
        ),
        None,
    )?;
    let swapped = m.resign(&two, "TH-RTP", |h| {
        let (a, b) = (h["recipients"][0].clone(), h["recipients"][1].clone());
        h["recipients"][0]["enc"] = b["enc"].clone();
        h["recipients"][0]["wrapped"] = b["wrapped"].clone();
        h["recipients"][1]["enc"] = a["enc"].clone();
        h["recipients"][1]["wrapped"] = a["wrapped"].clone();
    })?;
    m.envelope_case(
        "decrypt-failed-swapped-wraps.json",
        &swapped,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "decrypt-failed"}),
        "the two recipients' wraps swapped: HPKE info binds each wrap to its recipient",
    )?;
    let mut bad = alert_body();
    if let Some(o) = bad.as_object_mut() {
        o.remove("compound");
    }
    bad["to"]["lat"] = 114.42.into();
    let (_, ib) = m.seal(
        env(
            Kind::CompoundRelocationAlert,
            "TH-RTP",
            &["ID-KEMLU-PNH"],
            bad,
        ),
        None,
    )?;
    m.envelope_case(
        "invalid-body.json",
        &ib,
        "ID-KEMLU-PNH",
        "directory.json",
        json!({"error": "invalid-body"}),
        "no compound, and to.lat out of range",
    )?;
    let (_, nr) = m.seal(
        env(
            Kind::ReferralStatus,
            "ID-KEMLU-PNH",
            &["TH-RTP"],
            json!({"status": "accepted"}),
        ),
        None,
    )?;
    m.envelope_case(
        "invalid-body-status-without-ref.json",
        &nr,
        "TH-RTP",
        "directory.json",
        json!({"error": "invalid-body"}),
        "a referral-status whose refs is empty",
    )?;
    let (dup_id, first) = m.seal(
        Env {
            refs: vec![alert_id],
            ..env(
                Kind::AlertCancel,
                "TH-RTP",
                &["PH-DFA"],
                json!({"reason": "first"}),
            )
        },
        None,
    )?;
    let (_, second) = m.seal(
        Env {
            refs: vec![alert_id],
            ..env(
                Kind::AlertCancel,
                "TH-RTP",
                &["PH-DFA"],
                json!({"reason": "second"}),
            )
        },
        Some(dup_id),
    )?;
    xwing_cases(&mut m, &env)?;
    m.write("envelopes/duplicate-first.json", &first)?;
    m.envelope_case(
        "duplicate-second.json",
        &second,
        "PH-DFA",
        "directory.json",
        json!({"error": "duplicate"}),
        "opened after duplicate-first.json through the same node: same id, other content",
    )?;
    if let Some(last) = m.cases.last_mut() {
        last["after"] = json!(["envelopes/duplicate-first.json"]);
    }

    m.write_json(
        "cases.json",
        &json!({
            "about": "jaring's own wire-v1 vectors; see README.md",
            "trust": "trust.json",
            "cases": m.cases,
            "directory_cases": m.directory_cases,
        }),
    )?;
    m.write("README.md", README.as_bytes())?;
    Ok(())
}

/// The post-quantum key wrap (spec §8, §4 steps 7 and 7a), under the serial 4 directory that
/// lists ID-KEMLU-PNH's X-Wing key.
fn xwing_cases(
    m: &mut Maker,
    env: &impl Fn(Kind, &'static str, &'static [&'static str], Value) -> Env<'static>,
) -> Result<()> {
    const PQ_DIR: &str = "directory-serial4-pq.json";
    // A referral from TH-RTP, X-Wing to ID-KEMLU-PNH and X25519 to PH-DFA, made against
    // serial 4.
    let mixed_env = || Env {
        serial: 4,
        xwing: &["ID-KEMLU-PNH"],
        ..env(
            Kind::VictimReferral,
            "TH-RTP",
            &["ID-KEMLU-PNH", "PH-DFA"],
            referral_body(),
        )
    };
    let (_, mixed) = m.seal(mixed_env(), None)?;
    for (reader, note) in [
        (
            "ID-KEMLU-PNH",
            "opened through its X-Wing entry (\"alg\":\"X-Wing\", enc of 1120 bytes)",
        ),
        (
            "PH-DFA",
            "opened through its X25519 entry, beside an X-Wing one",
        ),
    ] {
        m.envelope_case(
            "xwing-and-classical.json",
            &mixed,
            reader,
            PQ_DIR,
            json!({"body": referral_body()}),
            note,
        )?;
    }
    m.envelope_case(
        "xwing-and-classical.json",
        &mixed,
        "VN-MPS",
        PQ_DIR,
        json!({"error": "not-a-recipient"}),
        "an agency with an X-Wing key that is not a recipient",
    )?;
    let classical = |serial| Env {
        serial,
        ..env(
            Kind::VictimReferral,
            "TH-RTP",
            &["ID-KEMLU-PNH"],
            referral_body(),
        )
    };
    let (_, downgrade) = m.seal(classical(4), None)?;
    m.envelope_case(
        "downgrade.json",
        &downgrade,
        "ID-KEMLU-PNH",
        PQ_DIR,
        json!({"error": "downgrade"}),
        "a classical wrap to ID-KEMLU-PNH, made against serial 4, which lists its X-Wing key",
    )?;
    m.envelope_case(
        "downgrade.json",
        &downgrade,
        "ID-KEMLU-PNH",
        "directory-serial2-revocation.json",
        json!({"body": referral_body()}),
        "the same envelope, opened by a node that holds serial 2 (no X-Wing key listed): step 7a does not apply",
    )?;
    let (_, before) = m.seal(classical(2), None)?;
    m.envelope_case(
        "classical-before-pq.json",
        &before,
        "ID-KEMLU-PNH",
        PQ_DIR,
        json!({"body": referral_body()}),
        "a classical wrap made against serial 2, before the X-Wing key was listed: accepted",
    )?;
    let vn_kid = m
        .key("VN-MPS")
        .pq
        .as_ref()
        .map(|k| k.encryption_key().kid().as_str().to_owned())
        .ok_or_else(|| anyhow!("VN-MPS has no X-Wing key"))?;
    let wrong_kid = m.resign(&mixed, "TH-RTP", |h| {
        h["recipients"][0]["kid"] = vn_kid.into()
    })?;
    m.envelope_case(
        "xwing-wrong-kid.json",
        &wrong_kid,
        "ID-KEMLU-PNH",
        PQ_DIR,
        json!({"error": "not-a-recipient"}),
        "ID-KEMLU-PNH's X-Wing entry names VN-MPS's X-Wing kid",
    )?;
    let flipped = m.resign(&mixed, "TH-RTP", |h| {
        let mut enc = h["recipients"][0]["enc"]
            .as_str()
            .and_then(b64::decode)
            .unwrap_or_default();
        if let Some(b) = enc.get_mut(600) {
            *b ^= 0x01;
        }
        h["recipients"][0]["enc"] = b64::encode(&enc).into();
    })?;
    m.envelope_case(
        "xwing-decrypt-failed.json",
        &flipped,
        "ID-KEMLU-PNH",
        PQ_DIR,
        json!({"error": "decrypt-failed"}),
        "signed by the sender, but one bit of the X-Wing enc is flipped: X-Wing decapsulates to another secret (implicit rejection) and the wrap does not open",
    )?;
    let short = m.resign(&mixed, "TH-RTP", |h| {
        h["recipients"][0]["enc"] = b64::encode(&[5u8; 32]).into();
    })?;
    m.envelope_case(
        "xwing-enc-32-bytes.json",
        &short,
        "PH-DFA",
        PQ_DIR,
        json!({"error": "malformed"}),
        "an X-Wing entry whose enc is 32 bytes: the header is malformed for every reader",
    )?;
    let (_, unknown) = m.seal_with(mixed_env(), None, |entries| {
        if let Some(first) = entries.first() {
            let mut extra = first.clone();
            extra.alg = Some("ML-KEM-1024".into());
            extra.enc = b64::encode(b"a wrap of an algorithm this reader does not know");
            entries.insert(0, extra);
        }
    })?;
    m.envelope_case(
        "unknown-alg-ignored.json",
        &unknown,
        "ID-KEMLU-PNH",
        PQ_DIR,
        json!({"body": referral_body()}),
        "a first entry for ID-KEMLU-PNH with an unknown alg (and an enc of no known length) is ignored; its X-Wing entry opens",
    )?;
    Ok(())
}

const README: &str = include_str!("vectors-readme.md");

fn read(dir: &Path, rel: &str) -> Result<Vec<u8>> {
    std::fs::read(dir.join(rel)).with_context(|| format!("reading {rel}"))
}

fn directory_at(dir: &Path, rel: &str, trust: &Trust) -> Result<Directory, DirectoryError> {
    SignedDirectory::from_json(
        &read(dir, rel).map_err(|e| DirectoryError::Malformed(e.to_string()))?,
    )?
    .verify(trust, Timestamp::now())
}

/// Runs every case of a vector set through jaring-core; returns how many were checked.
pub fn check(dir: &Path) -> Result<usize> {
    let cases: Value = serde_json::from_slice(&read(dir, "cases.json")?)?;
    let trust = Trust::from_json(
        &read(dir, cases["trust"].as_str().unwrap_or("trust.json"))?,
        "trust.json",
    )?;
    let mut count = 0;
    let mut codes = std::collections::BTreeSet::new();
    for case in cases["cases"].as_array().into_iter().flatten() {
        let name = case["envelope"].as_str().unwrap_or_default();
        let key =
            SecretKey::from_json(&read(dir, case["key"].as_str().unwrap_or_default())?, "key")?;
        let directory = directory_at(dir, case["directory"].as_str().unwrap_or_default(), &trust)?;
        let me = AgencyId::parse(&key.agency)?;
        let keys = OpeningKeys::from(key);
        let receiver = Receiver {
            me: &me,
            keys: &keys,
            directory: &directory,
        };
        let mut seen = SeenIds::default();
        for earlier in case["after"].as_array().into_iter().flatten() {
            let opened = open(
                &read(dir, earlier.as_str().unwrap_or_default())?,
                &receiver,
                Timestamp::now(),
            )?;
            seen.check(&opened)?;
        }
        let result = open(&read(dir, name)?, &receiver, Timestamp::now())
            .and_then(|o| seen.check(&o).map(|()| o));
        match (case["expect"].get("body"), case["expect"]["error"].as_str()) {
            (Some(body), None) => {
                let opened = result.map_err(|e| anyhow!("{name} for {me}: {e}"))?;
                ensure!(
                    &opened.body.to_value() == body,
                    "{name} for {me}: body differs"
                );
            }
            (None, Some(code)) => match result {
                Ok(_) => bail!("{name} for {me}: opened, expected {code}"),
                Err(e) => {
                    ensure!(
                        e.code.as_str() == code,
                        "{name} for {me}: {e}, expected {code}"
                    );
                    codes.insert(e.code);
                }
            },
            _ => bail!("{name}: unreadable expectation"),
        }
        count += 1;
    }
    let offline: Vec<ErrorCode> = ErrorCode::ALL
        .into_iter()
        .filter(|c| !matches!(c, ErrorCode::SubjectMismatch | ErrorCode::Undeliverable))
        .collect();
    let missing: Vec<_> = offline
        .iter()
        .filter(|c| !codes.contains(c))
        .map(ErrorCode::as_str)
        .collect();
    ensure!(
        missing.is_empty(),
        "no case produces {}",
        missing.join(", ")
    );

    for case in cases["directory_cases"].as_array().into_iter().flatten() {
        let name = case["directory"].as_str().unwrap_or_default();
        let expect = case["expect"].as_str().unwrap_or_default();
        let result = directory_at(dir, name, &trust).and_then(|d| match case["held"].as_str() {
            Some(h) => d.supersedes(&directory_at(dir, h, &trust)?),
            None => Ok(Supersedes::Newer),
        });
        let got = match &result {
            Ok(Supersedes::Newer) => "accepted",
            Ok(Supersedes::Same) => "same",
            Err(DirectoryError::Threshold { .. }) => "threshold",
            Err(DirectoryError::WrongNetwork { .. }) => "wrong-network",
            Err(DirectoryError::Expired(_)) => "expired",
            Err(DirectoryError::NotYetValid(_)) => "not-yet-valid",
            Err(DirectoryError::Rollback { .. }) => "rollback",
            Err(DirectoryError::Conflict(_)) => "conflict",
            Err(DirectoryError::Malformed(_)) => "malformed",
            Err(e) => bail!("{name}: unexpected {e}"),
        };
        ensure!(
            got == expect,
            "{name}: got {got}, expected {expect} ({result:?})"
        );
        count += 1;
    }
    Ok(count)
}
