//! One module per verb group.

pub mod audit;
pub mod correlate;
pub mod directory;
pub mod envelope;
pub mod hub;
pub mod keys;
pub mod node;
pub mod online;
pub mod stix;
pub mod trust;

use std::path::Path;

use anyhow::{Context, Result};
use jaring_core::{Directory, SignedDirectory, Timestamp, Trust};

/// Loads a trust file and a directory and verifies the one against the other.
pub fn load_verified(trust: &Path, directory: &Path) -> Result<(Trust, Directory)> {
    let trust = Trust::load(trust).context("cannot use the trust file")?;
    let signed = SignedDirectory::load(directory)
        .with_context(|| format!("cannot read directory {}", directory.display()))?;
    let verified = signed
        .verify(&trust, Timestamp::now())
        .with_context(|| format!("directory {} is not acceptable", directory.display()))?;
    Ok((trust, verified))
}
