//! jaring-hub: what the RSO needs to run the hub.
//!
//! - [`server_config`]: nats-server configuration generated from the directory: one user per
//!   agency with the least permissions its node needs, TLS, JetStream with
//!   `sync_interval: always`, one server or a three-node cluster; and a client profile per
//!   agency saying how its node connects.
//! - [`certs`]: a development CA with loopback server and per-agency client certificates.
//! - [`provision`]: the streams, each agency's durable consumers and the directory bucket.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod certs;
pub mod provision;
pub mod server_config;

/// A hub setup failure.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// Invalid input.
    #[error("{0}")]
    Invalid(String),
    /// Certificate generation failed.
    #[error("certificate: {0}")]
    Certificate(String),
    /// NATS refused.
    #[error("NATS: {0}")]
    Nats(String),
}

pub(crate) fn io_err(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> HubError + '_ {
    move |source| HubError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a file with `mode`, replacing what was there, through a temporary file.
pub(crate) fn write_file(path: &std::path::Path, bytes: &[u8], mode: u32) -> Result<(), HubError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    let tmp = path.with_extension("tmp-write");
    let _ = std::fs::remove_file(&tmp);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&tmp)
        .map_err(io_err(&tmp))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_err(path))
}
