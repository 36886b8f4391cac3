//! `jaring trust init`.

use anyhow::{Context, Result};
use jaring_core::{PublicKey, Trust};
use serde_json::json;

use crate::cli::TrustCommand;
use crate::output::{print_json, write_atomic};

/// Runs a trust verb.
pub fn run(cmd: TrustCommand) -> Result<()> {
    let TrustCommand::Init {
        network,
        threshold,
        roots,
        out,
        json,
    } = cmd;
    let keys = roots
        .iter()
        .map(|p| PublicKey::load(p).with_context(|| format!("cannot use root key {}", p.display())))
        .collect::<Result<Vec<_>>>()?;
    let trust = Trust::new(&network, threshold, &keys)?;
    write_atomic(&out, &trust.to_json())?;
    let names: Vec<_> = trust.roots.iter().map(|r| r.name.as_str()).collect();
    if json {
        print_json(
            &json!({"trust": out, "network": network, "threshold": threshold, "roots": names}),
        );
    } else {
        println!(
            "wrote {}: network {network}, {threshold} of {} roots ({}) must sign a directory",
            out.display(),
            names.len(),
            names.join(", ")
        );
    }
    Ok(())
}
