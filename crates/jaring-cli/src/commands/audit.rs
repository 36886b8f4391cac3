//! `jaring audit verify | show | prove | checkpoint`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use jaring_audit::{log, merkle, Checkpoint, CheckpointMessage};
use jaring_core::{b64, PublicKey};
use serde_json::{json, Value};

use crate::cli::AuditCommand;
use crate::commands::online::call;
use crate::output::print_json;

/// Runs an audit verb.
pub fn run(config: &Path, cmd: AuditCommand) -> Result<()> {
    match cmd {
        AuditCommand::Verify {
            log,
            checkpoints,
            public,
            json,
        } => match log {
            Some(log) => verify_offline(&log, &checkpoints, public.as_deref(), json),
            None => {
                let r = call(config, "GET", "/v1/audit/verify", None)?;
                report(&r, json)
            }
        },
        AuditCommand::Show {
            log,
            message,
            event,
            since,
            json,
        } => {
            let entries = match log {
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let since = since.map(|t| t.to_string());
                    text.lines()
                        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                        .filter(|e| message.is_none_or(|m| e["message"] == m.to_string().as_str()))
                        .filter(|e| event.as_ref().is_none_or(|v| e["event"] == v.as_str()))
                        .filter(|e| {
                            since
                                .as_ref()
                                .is_none_or(|s| e["at"].as_str().is_some_and(|a| a >= s.as_str()))
                        })
                        .collect()
                }
                None => {
                    let mut q = Vec::new();
                    if let Some(m) = message {
                        q.push(format!("message={m}"));
                    }
                    if let Some(e) = &event {
                        q.push(format!("event={e}"));
                    }
                    if let Some(s) = since {
                        q.push(format!("since={s}"));
                    }
                    let path = if q.is_empty() {
                        "/v1/audit/entries".to_owned()
                    } else {
                        format!("/v1/audit/entries?{}", q.join("&"))
                    };
                    call(config, "GET", &path, None)?
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                }
            };
            if json {
                print_json(&Value::Array(entries));
            } else {
                for e in entries {
                    println!(
                        "{:>6}  {}  {:<20} {:<38} {:<14} {}",
                        e["seq"],
                        e["at"].as_str().unwrap_or_default(),
                        e["event"].as_str().unwrap_or_default(),
                        e["message"].as_str().unwrap_or("-"),
                        e["peer"].as_str().unwrap_or("-"),
                        e["detail"]
                    );
                }
            }
            Ok(())
        }
        AuditCommand::Prove { seq, log } => {
            let proof = match log {
                Some(path) => {
                    let bytes = std::fs::read(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let verified =
                        log::verify(&bytes).map_err(|e| anyhow::anyhow!("audit log bad at {e}"))?;
                    let p = verified.prove(seq).with_context(|| {
                        format!("no entry {seq}: the log has {} entries", verified.size())
                    })?;
                    json!({
                        "seq": seq,
                        "size": verified.size(),
                        "root": b64::encode(&verified.root()),
                        "leaf": b64::encode(&verified.leaves[seq as usize]),
                        "proof": p.iter().map(|h| b64::encode(h)).collect::<Vec<_>>(),
                    })
                }
                None => call(config, "GET", &format!("/v1/audit/prove?seq={seq}"), None)?,
            };
            print_json(&proof);
            Ok(())
        }
        AuditCommand::Checkpoint => {
            let r = call(config, "GET", "/v1/audit/checkpoint", None)?;
            print!("{}", r["checkpoint"].as_str().unwrap_or_default());
            Ok(())
        }
    }
}

/// Reads checkpoint notes from a file: a signed note, or JSON lines of published messages.
fn notes(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if text.trim_start().starts_with('{') {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str::<CheckpointMessage>(l)
                    .map(|m| m.checkpoint)
                    .with_context(|| {
                        format!(
                            "{} holds a line that is not a checkpoint message",
                            path.display()
                        )
                    })
            })
            .collect()
    } else {
        Ok(vec![text])
    }
}

fn verify_offline(
    log_path: &Path,
    checkpoint_files: &[std::path::PathBuf],
    public: Option<&Path>,
    json_out: bool,
) -> Result<()> {
    let key = public
        .map(|p| PublicKey::load(p).with_context(|| format!("cannot use {}", p.display())))
        .transpose()?;
    let mut checkpoints = Vec::new();
    for f in checkpoint_files {
        for note in notes(f)? {
            let cp = match &key {
                Some(k) => Checkpoint::verify(&note, &k.sign)
                    .with_context(|| format!("checkpoint in {}", f.display()))?,
                None => Checkpoint::parse(&note)
                    .map(|(cp, _)| cp)
                    .with_context(|| format!("checkpoint in {}", f.display()))?,
            };
            checkpoints.push(cp);
        }
    }
    let agency = checkpoints
        .first()
        .map(|c| c.agency.clone())
        .or_else(|| key.as_ref().map(|k| k.agency.clone()));
    let bytes =
        std::fs::read(log_path).with_context(|| format!("cannot read {}", log_path.display()))?;
    let result = log::verify_for(&bytes, agency.as_deref())
        .and_then(|v| v.check_all(&checkpoints).map(|()| v));
    let r = match result {
        Ok(v) => json!({
            "ok": true,
            "size": v.size(),
            "root": b64::encode_std(&merkle::root(&v.leaves)),
            "checkpoints_checked": checkpoints.len(),
            "signatures_checked": key.is_some(),
            "agency": v.agency,
        }),
        Err(e) => json!({"ok": false, "seq": e.seq, "error": e.to_string()}),
    };
    report(&r, json_out)
}

fn report(r: &Value, json_out: bool) -> Result<()> {
    if json_out {
        print_json(r);
    }
    if r["ok"] != true {
        bail!(
            "audit log bad at {}",
            r["error"].as_str().unwrap_or("an unknown entry")
        );
    }
    if !json_out {
        println!(
            "ok: {} entries, root {}; {} checkpoint(s) verified{}",
            r["size"],
            r["root"].as_str().unwrap_or_default(),
            r["checkpoints_checked"],
            if r["signatures_checked"] == false {
                " (signatures not checked: give --pub AGENCY.pub.json)"
            } else {
                ""
            }
        );
    }
    Ok(())
}
