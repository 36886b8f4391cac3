//! `jaring directory add | sign | verify`.

use anyhow::{bail, Context, Result};
use jaring_core::directory::{Directory, DirectoryBody, Supersedes};
use jaring_core::{PublicKey, SecretKey, SignedDirectory, Timestamp, Trust};
use serde_json::{json, Value};

use crate::cli::{DirectoryAddArgs, DirectoryCommand, DirectorySignArgs, DirectoryVerifyArgs};
use crate::output::{print_json, write_atomic};

const DAY: i64 = 24 * 60 * 60;

/// Runs a directory verb.
pub fn run(cmd: DirectoryCommand) -> Result<()> {
    match cmd {
        DirectoryCommand::Add(args) => add(args),
        DirectoryCommand::Sign(args) => sign(args),
        DirectoryCommand::Verify(args) => verify(args),
        DirectoryCommand::Publish(args) => crate::commands::node::publish(args),
        DirectoryCommand::Revoke {
            body,
            agency,
            kid,
            at,
        } => {
            let mut b = load_body(&body)?;
            let n = b.revoke(&agency, kid.as_deref(), at.unwrap_or_else(Timestamp::now))?;
            save_checked(&body, &b)?;
            println!(
                "revoked {n} key(s) of {agency} in {}: sign it with a new serial, publish it, and regenerate the hub's configuration (`jaring hub config`, then reload nats-server)",
                body.display()
            );
            Ok(())
        }
        DirectoryCommand::AddKey {
            body,
            agency,
            public,
            not_before,
            key_valid_days,
        } => {
            let mut b = load_body(&body)?;
            let key = PublicKey::load(&public)
                .with_context(|| format!("cannot use {}", public.display()))?;
            if key.agency != agency.as_str() {
                bail!(
                    "{} is a key of {}, not of {agency}",
                    public.display(),
                    key.agency
                );
            }
            let from = not_before.unwrap_or_else(Timestamp::now);
            b.add_key(
                &key,
                from,
                from.plus_seconds(i64::from(key_valid_days) * DAY),
            )?;
            save_checked(&body, &b)?;
            println!(
                "added key {}{} to {agency} in {}: sign it with a new serial and publish it; revoke the old key once the agency's node holds the new one",
                key.sign.kid(),
                with_pq(&key),
                body.display()
            );
            Ok(())
        }
    }
}

/// Writes a body after checking it as signing would: nothing invalid is left on disk.
fn save_checked(path: &std::path::Path, body: &DirectoryBody) -> Result<()> {
    jaring_core::directory::check_body(&DirectoryBody {
        expires_at: body.issued_at.plus_seconds(1),
        ..body.clone()
    })?;
    let mut bytes = serde_json::to_vec_pretty(body)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

fn load_body(path: &std::path::Path) -> Result<DirectoryBody> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("{} is not a directory body", path.display()))
}

fn add(args: DirectoryAddArgs) -> Result<()> {
    let mut body = if args.body.exists() {
        let body = load_body(&args.body)?;
        if body.network != args.network {
            bail!(
                "{} is for network `{}`, not `{}`",
                args.body.display(),
                body.network,
                args.network
            );
        }
        body
    } else {
        jaring_core::trust::check_network_name(&args.network).map_err(anyhow::Error::msg)?;
        DirectoryBody::draft(&args.network)
    };
    let key = PublicKey::load(&args.public)
        .with_context(|| format!("cannot use {}", args.public.display()))?;
    if key.agency == jaring_hub::server_config::ADMIN {
        anyhow::bail!(
            "{} is reserved for the hub's administrative identity: choose another agency id",
            key.agency
        );
    }
    let not_before = args.not_before.unwrap_or_else(Timestamp::now);
    let not_after = not_before.plus_seconds(i64::from(args.key_valid_days) * DAY);
    body.add_agency(
        &key,
        &args.name,
        &args.country,
        args.roles.clone(),
        not_before,
        not_after,
    )?;
    // Catch a bad country or name now rather than at signing time.
    jaring_core::directory::check_body(&DirectoryBody {
        expires_at: body.issued_at.plus_seconds(1),
        ..body.clone()
    })?;
    let mut bytes = serde_json::to_vec_pretty(&body)?;
    bytes.push(b'\n');
    write_atomic(&args.body, &bytes)?;
    if args.json {
        print_json(
            &json!({"body": args.body, "agency": key.agency, "agencies": body.agencies.len(),
                           "pq_kid": key.pq.as_ref().map(|k| k.kid().as_str())}),
        );
    } else {
        let roles: Vec<_> = args.roles.iter().map(|r| r.as_str()).collect();
        println!(
            "added {} ({}, {}, {}){} to {}: {} agencies",
            key.agency,
            args.name,
            args.country,
            roles.join(", "),
            with_pq(&key),
            args.body.display(),
            body.agencies.len()
        );
    }
    Ok(())
}

/// ", with X-Wing key KID" for a public key file that has a post-quantum half.
fn with_pq(key: &PublicKey) -> String {
    key.pq
        .as_ref()
        .map(|pq| format!(", with X-Wing key {}", pq.kid()))
        .unwrap_or_default()
}

fn sign(args: DirectorySignArgs) -> Result<()> {
    let root = SecretKey::load(&args.root_key).context("cannot use the root key")?;
    let signed = match (&args.body, &args.input) {
        (Some(body_path), _) => {
            let mut body = load_body(body_path)?;
            let serial = args.serial.unwrap_or(0);
            anyhow::ensure!(serial >= 1, "--serial must be 1 or more, and above every earlier directory's");
            let now = Timestamp::now();
            body.serial = serial;
            body.issued_at = now;
            body.expires_at = now.plus_seconds(i64::from(args.valid_days.max(1)) * DAY);
            SignedDirectory::sign_new(&body, &root)?
        }
        (None, Some(input)) => {
            let mut signed = SignedDirectory::load(input)?;
            signed.unverified_body().with_context(|| format!("{} has an unreadable body", input.display()))?;
            signed.add_signature(&root)?;
            signed
        }
        (None, None) => bail!("give --body FILE --serial N to sign a new directory, or --in DIR.json to add a signature"),
    };
    write_atomic(&args.out, &signed.to_json())?;
    let body = signed.unverified_body()?;
    if args.json {
        print_json(&json!({
            "directory": args.out,
            "signed_by": root.agency,
            "serial": body.serial,
            "signatures": signed.signatures().len(),
        }));
    } else {
        println!(
            "{} signed {}: network {}, serial {}, {} agencies, expires {}; {} signature(s) so far",
            root.agency,
            args.out.display(),
            body.network,
            body.serial,
            body.agencies.len(),
            body.expires_at,
            signed.signatures().len()
        );
    }
    Ok(())
}

fn summary(directory: &Directory, signers: &[&str], trust: &Trust, now: Timestamp) -> Value {
    let agencies: Vec<Value> = directory
        .agencies()
        .map(|a| {
            let keys: Vec<Value> = a
                .keys
                .iter()
                .map(|k| {
                    let state = if k.revoked_at.is_some() {
                        "revoked"
                    } else if k.not_after < now {
                        "expired"
                    } else if k.not_before > now {
                        "not yet valid"
                    } else {
                        "valid"
                    };
                    json!({"sign_kid": k.sign.kid().as_str(), "enc_kid": k.enc.kid().as_str(),
                           "pq_kid": k.pq.as_ref().map(|pq| pq.kid().as_str()),
                           "not_before": k.not_before, "not_after": k.not_after,
                           "revoked_at": k.revoked_at, "state": state})
                })
                .collect();
            json!({"id": a.id, "name": a.name, "country": a.country, "roles": a.roles, "keys": keys})
        })
        .collect();
    json!({
        "accepted": true,
        "network": directory.network,
        "serial": directory.serial,
        "issued_at": directory.issued_at,
        "expires_at": directory.expires_at,
        "signed_by": signers,
        "threshold": trust.threshold,
        "agencies": agencies,
    })
}

fn verify(args: DirectoryVerifyArgs) -> Result<()> {
    let trust = Trust::load(&args.trust).context("cannot use the trust file")?;
    let signed = SignedDirectory::load(&args.directory)?;
    let now = Timestamp::now();
    let refused = |e: jaring_core::directory::DirectoryError| {
        anyhow::anyhow!("refused {}: {e}", args.directory.display())
    };
    let directory = signed.verify(&trust, now).map_err(refused)?;
    if let Some(held_path) = &args.held {
        let held = SignedDirectory::load(held_path)?
            .verify(&trust, now)
            .with_context(|| {
                format!(
                    "the held directory {} is not acceptable",
                    held_path.display()
                )
            })?;
        let verdict = directory.supersedes(&held).map_err(refused)?;
        if verdict == Supersedes::Same {
            eprintln!("same document as the held directory: nothing to do");
        }
    }
    let signers = signed.valid_signers(&trust);
    let summary = summary(&directory, &signers, &trust, now);
    if args.json {
        print_json(&summary);
        return Ok(());
    }
    println!(
        "accepted: network {}, serial {}, signed by {} ({} required), valid until {}",
        directory.network,
        directory.serial,
        signers.join(", "),
        trust.threshold,
        directory.expires_at
    );
    for agency in summary["agencies"].as_array().into_iter().flatten() {
        let roles: Vec<_> = agency["roles"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let keys: Vec<String> = agency["keys"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|k| {
                format!(
                    "{} {}{}",
                    k["sign_kid"].as_str().unwrap_or("?"),
                    k["state"].as_str().unwrap_or("?"),
                    match k["pq_kid"].as_str() {
                        Some(pq) => format!(" pq {pq}"),
                        None => String::new(),
                    }
                )
            })
            .collect();
        println!(
            "  {:<14} {:<3} {:<18} {}  [{}]",
            agency["id"].as_str().unwrap_or("?"),
            agency["country"].as_str().unwrap_or("?"),
            roles.join(","),
            agency["name"].as_str().unwrap_or("?"),
            keys.join("; ")
        );
    }
    Ok(())
}
