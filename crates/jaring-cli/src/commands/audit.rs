//! `jaring audit verify | show | prove | checkpoint`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use jaring_audit::{log, merkle, Checkpoint, CheckpointMessage};
use jaring_core::{b64, PublicKey};
use serde_json::{json, Value};

use crate::cli::AuditCommand;
use jaring_api::audit::AuditEntriesQuery;

use crate::commands::online::{pages, with_client};
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
                let v = with_client(config, |c| async move { c.audit_verify().await })?;
                let r = serde_json::to_value(&v)?;
                report(&r, json)
            }
        },
        AuditCommand::Show {
            log,
            message,
            event,
            since,
            user,
            listing,
            json,
        } => {
            let entries: Vec<Value> = match log {
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    let since = since.map(|t| t.to_string());
                    text.lines()
                        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                        .filter(|e| message.is_none_or(|m| e["message"] == m.to_string().as_str()))
                        .filter(|e| event.as_ref().is_none_or(|v| e["event"] == v.as_str()))
                        .filter(|e| {
                            user.as_ref()
                                .is_none_or(|u| e["detail"]["user"] == u.as_str())
                        })
                        .filter(|e| {
                            since
                                .as_ref()
                                .is_none_or(|s| e["at"].as_str().is_some_and(|a| a >= s.as_str()))
                        })
                        .collect()
                }
                None => {
                    let base = AuditEntriesQuery {
                        message: message.map(|m| m.to_string()),
                        event,
                        user,
                        since: since.map(|s| s.to_string()),
                        limit: None,
                        cursor: None,
                    };
                    let (rows, more) = pages(config, listing, |c, p| {
                        let q = AuditEntriesQuery {
                            limit: p.limit,
                            cursor: p.cursor,
                            ..base.clone()
                        };
                        async move { c.audit_entries(&q).await }
                    })?;
                    if more {
                        eprintln!(
                            "showing the first {}; more remain: --limit N for more, --all for every one",
                            rows.len()
                        );
                    }
                    rows.iter()
                        .filter_map(|r| serde_json::from_str::<Value>(&r.line).ok())
                        .collect()
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
                None => serde_json::to_value(with_client(config, |c| async move {
                    c.audit_prove(seq).await
                })?)?,
            };
            print_json(&proof);
            Ok(())
        }
        AuditCommand::Checkpoint => {
            let r = with_client(config, |c| async move { c.audit_checkpoint().await })?;
            print!("{}", r.checkpoint);
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
