//! The data directory's lock: one writer of a node's store and audit log at a time.
//!
//! The store's audit head (the next entry's number and the hash before it) is held in memory
//! by whoever writes the store. Two writers at once would number two different entries alike
//! and fork the audit chain, so the daemon holds an exclusive lock on `data_dir/jaringd.lock`
//! for as long as it runs, and the tools that write a node's store while it is stopped
//! (`jaring node init --admin`) take the same lock. The kernel releases it when the process
//! ends, however it ends, so a crash leaves nothing to clean up.

use std::fs::File;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// Why the data directory could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum DataLockError {
    /// Another process holds it.
    #[error("{0} is in use: is jaringd running on this data_dir?")]
    InUse(PathBuf),
    /// The directory or the lock file could not be made or opened.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The directory or file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The file in `dir` whose lock is the directory's.
pub const LOCK_FILE: &str = "jaringd.lock";

/// Takes `dir` (made, private, if it is missing) for this process until the returned file is
/// dropped; refuses at once if another process holds it.
pub fn lock(dir: &Path) -> Result<File, DataLockError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| DataLockError::Io { path, source }
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io(dir))?;
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(&path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(DataLockError::InUse(dir.to_owned())),
        Err(std::fs::TryLockError::Error(e)) => Err(io(&path)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("node");
        let first = lock(&dir).unwrap();
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "a directory it makes is private");
        assert!(matches!(lock(&dir), Err(DataLockError::InUse(_))));
        drop(first);
        assert!(lock(&dir).is_ok());
    }
}
