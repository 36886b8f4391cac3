//! Verbs that talk to the local daemon over its socket.

use std::path::Path;

use anyhow::{bail, Context, Result};
use jaring_core::{Kind, Timestamp};
use jaring_node::client::Client;
use jaring_node::Config;
use serde_json::{json, Value};

use crate::cli::{
    AlertCommand, AlertFields, Audience, FollowArgs, InboxArgs, ReferralCommand, ReferralSendArgs,
    ShowArgs,
};
use crate::output::{print_json, read_input};

fn client(config: &Path) -> Result<Client> {
    let config = Config::load(config)
        .with_context(|| "cannot find the daemon: pass --config FILE or set JARING_CONFIG")?;
    Ok(Client::new(&config.socket_path()))
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")
}

/// Calls the local daemon.
pub fn call(config: &Path, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
    let client = client(config)?;
    runtime()?
        .block_on(client.call(method, path, body))
        .map_err(anyhow::Error::from)
}

/// `CC[:PLACE][@LAT,LON]` → a place object.
fn place(text: &str, flag: &str) -> Result<Value> {
    let (head, coords) = match text.split_once('@') {
        Some((h, c)) => (h, Some(c)),
        None => (text, None),
    };
    let (country, name) = match head.split_once(':') {
        Some((c, n)) => (c, Some(n)),
        None => (head, None),
    };
    let mut p = json!({"country": country.trim().to_uppercase()});
    if let Some(n) = name.filter(|n| !n.trim().is_empty()) {
        p["name"] = n.trim().into();
    }
    if let Some(c) = coords {
        let (lat, lon) = c
            .split_once(',')
            .with_context(|| format!("{flag}: coordinates are LAT,LON, e.g. @16.69,98.51"))?;
        p["lat"] = lat
            .trim()
            .parse::<f64>()
            .with_context(|| format!("{flag}: latitude `{lat}` is not a number"))?
            .into();
        p["lon"] = lon
            .trim()
            .parse::<f64>()
            .with_context(|| format!("{flag}: longitude `{lon}` is not a number"))?
            .into();
    }
    Ok(p)
}

fn body_file(path: &Path) -> Result<Value> {
    serde_json::from_slice(&read_input(Some(path))?)
        .with_context(|| format!("{} is not JSON", path.display()))
}

fn alert_body(f: &AlertFields) -> Result<Value> {
    if let Some(path) = &f.body {
        return body_file(path);
    }
    let need = |v: &Option<String>, flag: &str| {
        v.clone().with_context(|| {
            format!("{flag} is required (or give the whole body with --body FILE)")
        })
    };
    let mut b = json!({
        "compound": {"name": need(&f.compound, "--compound")?},
        "from": place(&need(&f.from, "--from")?, "--from")?,
        "to": place(&need(&f.to_place, "--to-place")?, "--to-place")?,
        "observed_at": f.observed.unwrap_or_else(Timestamp::now),
        "source_reliability": need(&f.reliability, "--reliability")?,
        "info_credibility": need(&f.credibility, "--credibility")?,
    });
    if !f.aliases.is_empty() {
        b["compound"]["aliases"] = json!(f.aliases);
    }
    if let Some(n) = f.persons {
        b["estimated_persons"] = n.into();
    }
    if !f.nationalities.is_empty() {
        b["nationalities"] = json!(f
            .nationalities
            .iter()
            .map(|c| c.to_uppercase())
            .collect::<Vec<_>>());
    }
    if !f.indicators.is_empty() {
        let list = f
            .indicators
            .iter()
            .map(|i| {
                let (t, v) = i.split_once('=').with_context(|| {
                    format!("--indicator `{i}`: use TYPE=VALUE, e.g. domain=gf-invest.example")
                })?;
                Ok(json!({"type": t, "value": v}))
            })
            .collect::<Result<Vec<_>>>()?;
        b["indicators"] = json!(list);
    }
    if let Some(n) = &f.narrative {
        b["narrative"] = n.clone().into();
    }
    Ok(b)
}

fn audience(a: &Audience, req: &mut Value) {
    req["to"] = json!(a.to);
    if let Some(role) = a.to_role {
        req["to_role"] = json!(role);
    }
    req["to_all"] = a.to_all.into();
}

fn report_sent(result: &Value, json_out: bool, what: &str) {
    if json_out {
        print_json(result);
        return;
    }
    println!("{}", result["id"].as_str().unwrap_or_default());
    let to: Vec<&str> = result["recipients"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let unacked = result["published"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["acknowledged"] != true)
        .count();
    eprintln!(
        "{what} sealed to {} and published{}",
        to.join(", "),
        if unacked > 0 {
            format!("; {unacked} subject(s) not yet acknowledged, retrying")
        } else {
            String::new()
        }
    );
}

/// `jaring alert ...`.
pub fn alert(config: &Path, cmd: AlertCommand) -> Result<()> {
    let (req, json_out, what) = match cmd {
        AlertCommand::Post {
            audience: a,
            fields,
            tlp,
            expires,
            json,
        } => {
            if a.to.is_empty() && a.to_role.is_none() && !a.to_all {
                bail!("say who gets the alert: --to A[,B...], --to-role ROLE or --to-all");
            }
            let mut req = json!({"kind": Kind::CompoundRelocationAlert, "body": alert_body(&fields)?, "tlp": tlp, "expires_at": expires});
            audience(&a, &mut req);
            (req, json, "alert")
        }
        AlertCommand::Update {
            id,
            audience: a,
            fields,
            tlp,
            json,
        } => {
            let mut req = json!({"kind": Kind::AlertUpdate, "body": alert_body(&fields)?, "refs": [id], "tlp": tlp});
            audience(&a, &mut req);
            (req, json, "update")
        }
        AlertCommand::Cancel { id, reason, json } => (
            json!({"kind": Kind::AlertCancel, "body": {"reason": reason}, "refs": [id]}),
            json,
            "cancellation",
        ),
    };
    let result = call(config, "POST", "/v1/messages", Some(&req))?;
    report_sent(&result, json_out, what);
    Ok(())
}

fn referral_body(a: &ReferralSendArgs) -> Result<Value> {
    if let Some(path) = &a.body {
        return body_file(path);
    }
    let need = |v: &Option<String>, flag: &str| {
        v.clone().with_context(|| {
            format!("{flag} is required (or give the whole body with --body FILE)")
        })
    };
    let mut b = json!({
        "case_ref": need(&a.case_ref, "--case-ref")?,
        "nationality": need(&a.nationality, "--nationality")?.to_uppercase(),
        "identified_at": a.identified.unwrap_or_else(Timestamp::now),
        "location": place(&need(&a.location, "--location")?, "--location")?,
        "consent": {"given": a.consent, "scope": a.consent_scope},
        "needs": a.needs,
        "non_punishment": a.non_punishment,
        "risk": need(&a.risk, "--risk")?,
    });
    if a.person_name.is_some() || a.person_dob.is_some() {
        let mut p = json!({});
        if let Some(n) = &a.person_name {
            p["name"] = n.clone().into();
        }
        if let Some(d) = &a.person_dob {
            p["date_of_birth"] = d.clone().into();
        }
        b["person"] = p;
    }
    if let Some(n) = &a.notes {
        b["notes"] = n.clone().into();
    }
    Ok(b)
}

/// `jaring referral ...`.
pub fn referral(config: &Path, cmd: ReferralCommand) -> Result<()> {
    match cmd {
        ReferralCommand::Send(a) => {
            let req = json!({"kind": Kind::VictimReferral, "to": [a.to], "body": referral_body(&a)?, "tlp": a.tlp});
            let result = call(config, "POST", "/v1/messages", Some(&req))?;
            report_sent(&result, a.json, "referral");
        }
        ReferralCommand::Status {
            id,
            status,
            note,
            json,
        } => {
            let result = call(
                config,
                "POST",
                &format!("/v1/referrals/{id}/status"),
                Some(&json!({"status": status, "notes": note})),
            )?;
            report_sent(&result, json, &format!("status `{status}`"));
        }
    }
    Ok(())
}

fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn line(m: &Value) -> String {
    format!(
        "{}  {}  {:<26} {:<14} {:<12} {}{}",
        m["stored_at"].as_str().unwrap_or_default(),
        if m["read"] == true || m["direction"] == "out" {
            " "
        } else {
            "*"
        },
        m["kind"].as_str().unwrap_or_default(),
        if m["direction"] == "out" {
            format!(
                "to {}",
                m["recipients"].as_array().map(|r| r.len()).unwrap_or(0)
            )
        } else {
            m["sender"].as_str().unwrap_or_default().to_owned()
        },
        m["tlp"].as_str().unwrap_or_default(),
        m["id"].as_str().unwrap_or_default(),
        m["state"]
            .as_str()
            .map(|s| format!("  [{s}]"))
            .unwrap_or_default(),
    )
}

/// `jaring inbox`.
pub fn inbox(config: &Path, a: InboxArgs) -> Result<()> {
    let path = format!(
        "/v1/inbox{}",
        query(&[
            ("kind", a.kind.map(|k| k.to_string())),
            ("from", a.from.map(|f| f.to_string())),
            ("since", a.since.map(|s| s.to_string())),
            ("unread", a.unread.then(|| "true".into())),
            ("sent", a.sent.then(|| "true".into())),
        ])
    );
    let rows = call(config, "GET", &path, None)?;
    if a.json {
        print_json(&rows);
        return Ok(());
    }
    let rows = rows.as_array().cloned().unwrap_or_default();
    if rows.is_empty() {
        println!("no messages");
    }
    for m in &rows {
        println!("{}", line(m));
    }
    Ok(())
}

/// `jaring show`.
pub fn show(config: &Path, a: ShowArgs) -> Result<()> {
    let m = call(config, "GET", &format!("/v1/messages/{}", a.id), None)?;
    if a.json {
        print_json(&m);
        return Ok(());
    }
    let h = &m["header"];
    println!(
        "{} {}",
        h["kind"].as_str().unwrap_or_default(),
        h["id"].as_str().unwrap_or_default()
    );
    println!(
        "  from {}  to {}",
        h["sender"].as_str().unwrap_or_default(),
        m["summary"]["recipients"]
    );
    println!(
        "  TLP {}  created {}  refs {}",
        h["tlp"].as_str().unwrap_or_default(),
        h["created_at"].as_str().unwrap_or_default(),
        h["refs"]
    );
    if let Some(state) = m["summary"]["state"].as_str() {
        println!("  state: {state}");
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&m["body"]).unwrap_or_default()
    );
    if let Some(r) = m["referral"].as_object() {
        println!(
            "referral: {} (with {})",
            r["status"].as_str().unwrap_or_default(),
            r["counterpart"].as_str().unwrap_or_default()
        );
        for e in r["history"].as_array().into_iter().flatten() {
            println!(
                "  {}  {:<12} by {}  ({})",
                e["at"].as_str().unwrap_or_default(),
                e["status"].as_str().unwrap_or_default(),
                e["by"].as_str().unwrap_or_default(),
                e["message"].as_str().unwrap_or_default()
            );
        }
    }
    let deliveries = m["deliveries"].as_array().cloned().unwrap_or_default();
    if !deliveries.is_empty() {
        println!("delivery:");
        for d in deliveries {
            println!(
                "  {:<14} {:<10} {} (published {} time(s))",
                d["recipient"].as_str().unwrap_or_default(),
                d["state"].as_str().unwrap_or_default(),
                d["error"].as_str().unwrap_or_default(),
                d["attempts"]
            );
        }
    }
    Ok(())
}

/// `jaring follow`.
pub fn follow(config: &Path, a: FollowArgs) -> Result<()> {
    let client = client(config)?;
    let path = format!(
        "/v1/follow{}",
        query(&[("kind", a.kind.map(|k| k.to_string()))])
    );
    runtime()?.block_on(async {
        tokio::select! {
            r = client.stream(&path, |v| {
                if a.json { print_json(&v) } else {
                    println!("{}  {:<26} {:<14} {:<12} {}", v["created_at"].as_str().unwrap_or_default(), v["kind"].as_str().unwrap_or_default(),
                        v["sender"].as_str().unwrap_or_default(), v["tlp"].as_str().unwrap_or_default(), v["id"].as_str().unwrap_or_default());
                }
            }) => r.map_err(anyhow::Error::from),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// `jaring status`.
pub fn status(config: &Path, json_out: bool) -> Result<()> {
    let s = call(config, "GET", "/v1/status", None)?;
    if json_out {
        print_json(&s);
        return Ok(());
    }
    println!("agency      {}", s["agency"].as_str().unwrap_or_default());
    println!(
        "connection  {} ({})",
        s["connection"].as_str().unwrap_or_default(),
        s["server"].as_str().unwrap_or_default()
    );
    println!(
        "directory   serial {}, {} agencies, expires {}",
        s["directory"]["serial"],
        s["directory"]["agencies"],
        s["directory"]["expires_at"].as_str().unwrap_or_default()
    );
    if let Some(r) = s["directory"]["last_refused"].as_str() {
        println!("            last offered directory refused: {r}");
    }
    for (family, lag) in s["consumer_lag"].as_object().into_iter().flatten() {
        println!(
            "lag {:<8} {} pending, {} unacknowledged",
            family, lag["pending"], lag["unacknowledged"]
        );
    }
    let c = &s["counts"];
    println!(
        "messages    {} received ({} unread), {} sent, {} quarantined",
        c["received"], c["unread"], c["sent"], c["quarantined"]
    );
    println!(
        "deliveries  {} pending, {} failed; {} receipts owed",
        c["deliveries_pending"], c["deliveries_failed"], c["receipts_owed"]
    );
    match s["last_error"].as_object() {
        Some(e) => println!(
            "last error  {} {}",
            e["at"].as_str().unwrap_or_default(),
            e["error"].as_str().unwrap_or_default()
        ),
        None => println!("last error  none"),
    }
    Ok(())
}

/// `jaring quarantine`.
pub fn quarantine(config: &Path, json_out: bool) -> Result<()> {
    let rows = call(config, "GET", "/v1/quarantine", None)?;
    if json_out {
        print_json(&rows);
        return Ok(());
    }
    let rows = rows.as_array().cloned().unwrap_or_default();
    if rows.is_empty() {
        println!("nothing quarantined");
    }
    for q in rows {
        println!(
            "{}  {:<17} {:<40} {}{}: {}",
            q["at"].as_str().unwrap_or_default(),
            q["code"].as_str().unwrap_or_default(),
            q["subject"].as_str().unwrap_or_default(),
            q["sender"].as_str().unwrap_or("?"),
            if q["sender_verified"] == true {
                ""
            } else {
                " (unverified)"
            },
            q["detail"].as_str().unwrap_or_default()
        );
    }
    Ok(())
}
