//! `jaring keygen` and `jaring key rotate`.

use anyhow::{Context, Result};
use jaring_core::SecretKey;
use serde_json::json;

use crate::cli::KeygenArgs;
use crate::output::print_json;

/// Writes `DIR/ID.key.json` (0600) and `DIR/ID.pub.json`; never overwrites either.
pub fn keygen(args: KeygenArgs) -> Result<()> {
    let id = args.agency.as_str();
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let secret_path = args.out.join(format!("{id}.key.json"));
    let public_path = args.out.join(format!("{id}.pub.json"));
    anyhow::ensure!(
        !public_path.exists(),
        "{} already exists; refusing to overwrite a key file",
        public_path.display()
    );
    let key = match args.pq {
        true => SecretKey::generate_pq(id)?,
        false => SecretKey::generate(id)?,
    };
    key.save(&secret_path)?;
    key.public().save(&public_path)?;
    let (sign_kid, enc_kid) = (
        key.sign.verifying_key().kid(),
        key.enc.encryption_key().kid(),
    );
    let pq_kid = key.pq.as_ref().map(|k| k.encryption_key().kid().as_str());
    if args.json {
        print_json(&json!({
            "agency": id,
            "secret_key": secret_path,
            "public_key": public_path,
            "sign_kid": sign_kid.as_str(),
            "enc_kid": enc_kid.as_str(),
            "pq_kid": pq_kid,
        }));
    } else {
        println!(
            "{id}: wrote {} (secret, mode 0600) and {}",
            secret_path.display(),
            public_path.display()
        );
        println!("  signing kid {sign_kid}, encryption kid {enc_kid}");
        if let Some(pq) = pq_kid {
            println!("  X-Wing (post-quantum) kid {pq}");
        }
        println!(
            "  hand the .pub.json file to the RSO; the .key.json file never leaves this machine"
        );
    }
    Ok(())
}

/// `jaring key rotate`: the agency's next key pair, and the steps that lose nothing. The new
/// key has an X-Wing half when `pq` is asked for or the current key has one: a rotation never
/// drops an agency back to the classical wrap by accident.
pub fn rotate(current: &std::path::Path, out: &std::path::Path, pq: bool) -> Result<()> {
    let old =
        SecretKey::load(current).with_context(|| format!("cannot use {}", current.display()))?;
    let id = old.agency.clone();
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let secret_path = out.join(format!("{id}.key.json"));
    let public_path = out.join(format!("{id}.pub.json"));
    anyhow::ensure!(
        !secret_path.exists() && !public_path.exists(),
        "{} already holds a key of {id}; choose another folder",
        out.display()
    );
    let key = match pq || old.pq.is_some() {
        true => SecretKey::generate_pq(&id)?,
        false => SecretKey::generate(&id)?,
    };
    key.save(&secret_path)?;
    key.public().save(&public_path)?;
    println!(
        "{id}: new key {} written to {} (secret, mode 0600) and {}",
        key.sign.verifying_key().kid(),
        secret_path.display(),
        public_path.display()
    );
    if let Some(pq) = &key.pq {
        println!(
            "  with an X-Wing (post-quantum) half, kid {}: once the RSO lists it, senders wrap to it",
            pq.encryption_key().kid()
        );
    }
    println!("Next, in this order (nothing is refused or lost on the way):");
    println!(
        "  1. add {} to `[keys] extra` in the node's configuration and restart jaringd: it now opens messages sealed to either key;",
        secret_path.display()
    );
    println!(
        "  2. send {} to the RSO, who adds it (`jaring directory add-key --agency {id} --pub ...`), signs and publishes the directory: senders then seal to the new key;",
        public_path.display()
    );
    println!(
        "  3. once the node runs on that directory, make {} the `key_file` and move {} to `[keys] extra` (earlier messages still open), restart;",
        secret_path.display(),
        current.display()
    );
    println!("  4. later, the RSO revokes the old key (`jaring directory revoke --agency {id} --kid {}`).", old.sign.verifying_key().kid());
    Ok(())
}
