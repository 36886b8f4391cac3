//! `jaring-make-vectors [DIR]`: writes a fresh set of wire-v1 vectors into DIR (default
//! `tests/vectors/wire-v1`), which must not exist yet, then checks them.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tests/vectors/wire-v1"));
    if out.exists() {
        bail!(
            "{} exists; remove it first so the vectors are made in one piece",
            out.display()
        );
    }
    jaring_vectors::generate(&out)?;
    let checked = jaring_vectors::check(&out)?;
    println!("wrote {} and checked {checked} cases", out.display());
    Ok(())
}
