//! `jaring keygen`.

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
    let key = SecretKey::generate(id)?;
    key.save(&secret_path)?;
    key.public().save(&public_path)?;
    let (sign_kid, enc_kid) = (
        key.sign.verifying_key().kid(),
        key.enc.encryption_key().kid(),
    );
    if args.json {
        print_json(&json!({
            "agency": id,
            "secret_key": secret_path,
            "public_key": public_path,
            "sign_kid": sign_kid.as_str(),
            "enc_kid": enc_kid.as_str(),
        }));
    } else {
        println!(
            "{id}: wrote {} (secret, mode 0600) and {}",
            secret_path.display(),
            public_path.display()
        );
        println!("  signing kid {sign_kid}, encryption kid {enc_kid}");
        println!(
            "  hand the .pub.json file to the RSO; the .key.json file never leaves this machine"
        );
    }
    Ok(())
}
