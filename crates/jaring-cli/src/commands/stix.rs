//! `jaring stix export`: the node's STIX bundle (through its typed API: the node checks the
//! role and audits the export), to standard output or a file.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use jaring_api::stix::ExportQuery;

use super::online::with_client;
use crate::cli::StixCommand;
use crate::output::write_atomic_mode;

/// `jaring stix ...`.
pub fn run(config: &Path, cmd: StixCommand) -> Result<()> {
    match cmd {
        StixCommand::Export { since, tlp, out } => {
            let q = ExportQuery { since, tlp };
            let e = with_client(config, |c| async move { c.stix_export(&q).await })?;
            match out {
                Some(path) => {
                    write_atomic_mode(&path, e.bundle.as_bytes(), 0o600)?;
                    eprintln!(
                        "wrote {} objects ({}) to {}",
                        e.objects,
                        e.tlp.join(", "),
                        path.display()
                    );
                }
                None => {
                    let mut stdout = std::io::stdout().lock();
                    stdout
                        .write_all(e.bundle.as_bytes())
                        .and_then(|()| stdout.write_all(b"\n"))
                        .context("cannot write the bundle to standard output")?;
                }
            }
            Ok(())
        }
    }
}
