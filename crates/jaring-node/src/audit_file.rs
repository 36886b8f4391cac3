//! The audit log file, `audit.jsonl` (spec §7): one entry a line, line `i` is entry `i`.
//!
//! Entries are first written into the store in the same transaction as the change they record;
//! this writer then appends them to the file and syncs it, many at a time (a group commit), and
//! only then lets the store forget them. After a crash, [`AuditFile::open`] drops a torn last
//! line and appends whatever the store still holds, so the file ends up with every entry of
//! every committed change, in order, and with nothing else. The Merkle tree of the entries
//! (leaf hashes and complete subtrees) is kept in memory for checkpoints and proofs.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jaring_audit::merkle::{leaf_hash, Tree};

use crate::store::{Store, StoreError};

/// An audit file failure.
#[derive(Debug, thiserror::Error)]
pub enum AuditFileError {
    /// Reading or writing the file failed.
    #[error("audit log {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file and the store disagree in a way that cannot be repaired automatically.
    #[error("audit log {0}: {1}")]
    Inconsistent(PathBuf, String),
}

/// The append side of `audit.jsonl`.
pub struct AuditFile {
    path: PathBuf,
    state: Mutex<(File, Tree)>,
    /// Set when the file failed verification at start (someone edited it).
    pub integrity: Option<String>,
}

impl AuditFile {
    /// Opens the file, repairs a torn tail, verifies it as `agency`'s log, and catches up
    /// with the store.
    pub fn open(path: &Path, store: &Store, agency: &str) -> Result<Self, AuditFileError> {
        let io = |source| AuditFileError::Io {
            path: path.to_owned(),
            source,
        };
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(path)
            .map_err(io)?;
        // Read once: the tree and the verification below both come from these bytes.
        let mut bytes = Vec::new();
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.read_to_end(&mut bytes).map_err(io)?;
        let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        if complete < bytes.len() {
            // A line without its newline was being written when the node stopped; the store
            // still holds that entry and rewrites it below.
            file.set_len(complete as u64).map_err(io)?;
            bytes.truncate(complete);
        }
        file.seek(SeekFrom::End(0)).map_err(io)?;
        let tree: Tree = bytes
            .strip_suffix(b"\n")
            .map(|lines| lines.split(|b| *b == b'\n').map(leaf_hash).collect())
            .unwrap_or_default();
        let integrity = jaring_audit::log::verify_for(&bytes, Some(agency))
            .err()
            .map(|e| e.to_string());
        let writer = Self {
            path: path.to_owned(),
            state: Mutex::new((file, tree)),
            integrity,
        };
        writer.flush(store)?;
        Ok(writer)
    }

    /// Appends every entry the store holds past the file's end, syncs, and lets the store
    /// forget them. Returns the number of entries in the file.
    pub fn flush(&self, store: &Store) -> Result<u64, AuditFileError> {
        let poisoned = || AuditFileError::Inconsistent(self.path.clone(), "lock poisoned".into());
        let mut state = self.state.lock().map_err(|_| poisoned())?;
        let (file, tree) = &mut *state;
        let next = tree.len() as u64;
        let lines = store.audit_lines_from(next)?;
        if lines.is_empty() {
            return Ok(next);
        }
        let mut buf = Vec::with_capacity(lines.len() * 256);
        let mut hashes = Vec::with_capacity(lines.len());
        for (i, (seq, line)) in lines.iter().enumerate() {
            let expected = next + i as u64;
            if *seq != expected {
                return Err(AuditFileError::Inconsistent(
                    self.path.clone(),
                    format!("entry {expected} is missing from the store"),
                ));
            }
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
            hashes.push(leaf_hash(line.as_bytes()));
        }
        let io = |source| AuditFileError::Io {
            path: self.path.clone(),
            source,
        };
        file.write_all(&buf).map_err(io)?;
        file.sync_data().map_err(io)?;
        tree.extend(hashes);
        let size = tree.len() as u64;
        store.audit_written(size)?;
        Ok(size)
    }

    /// Runs `f` over the Merkle tree of every entry in the file.
    pub fn with_tree<T>(&self, f: impl FnOnce(&Tree) -> T) -> Option<T> {
        self.state.lock().ok().map(|s| f(&s.1))
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::AuditEntry;
    use jaring_core::AgencyId;

    fn log(store: &Store, n: usize) {
        for _ in 0..n {
            store
                .transaction(|tx, me| Store::audit(tx, me, AuditEntry::event("started")))
                .unwrap();
        }
    }

    #[test]
    fn a_torn_last_line_is_dropped_and_rewritten_from_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &dir.path().join("jaring.db"),
            AgencyId::parse("TH-RTP").unwrap(),
        )
        .unwrap();
        let path = dir.path().join("audit.jsonl");
        log(&store, 3);
        let file = AuditFile::open(&path, &store, "TH-RTP").unwrap();
        assert_eq!(file.with_tree(|t| t.len()), Some(3));
        let whole = std::fs::read(&path).unwrap();
        drop(file);

        // The node stopped while writing entry 3: its line is in the file without its newline,
        // and the entry is still in the store.
        log(&store, 1);
        let entry3 = store.audit_lines_from(3).unwrap().remove(0).1;
        let mut torn = whole.clone();
        torn.extend_from_slice(&entry3.as_bytes()[..entry3.len() / 2]);
        std::fs::write(&path, &torn).unwrap();

        let file = AuditFile::open(&path, &store, "TH-RTP").unwrap();
        let mut expected = whole;
        expected.extend_from_slice(entry3.as_bytes());
        expected.push(b'\n');
        assert_eq!(std::fs::read(&path).unwrap(), expected);
        assert_eq!(file.integrity, None);
        let tree = file.with_tree(Tree::clone).unwrap();
        let from_file: Tree = expected
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(leaf_hash)
            .collect();
        assert_eq!(tree.leaves(), from_file.leaves());
    }

    #[test]
    fn appended_entries_are_forgotten_by_the_next_transaction_and_never_appended_twice() {
        let dir = tempfile::tempdir().unwrap();
        let (db, path) = (dir.path().join("jaring.db"), dir.path().join("audit.jsonl"));
        let agency = AgencyId::parse("TH-RTP").unwrap();
        let store = Store::open(&db, agency.clone()).unwrap();
        log(&store, 3);
        let file = AuditFile::open(&path, &store, "TH-RTP").unwrap();
        let seqs = |store: &Store| -> Vec<u64> {
            store
                .audit_lines_from(0)
                .unwrap()
                .into_iter()
                .map(|(seq, _)| seq)
                .collect()
        };
        // In the file and synced, but the store forgets them in its next transaction only
        // (no commit of its own for that).
        assert_eq!(seqs(&store), vec![0, 1, 2]);
        log(&store, 1);
        assert_eq!(seqs(&store), vec![3]);

        // Entry 3 reaches the file, and the node stops before another transaction: the store
        // still holds it, and a restart must not append it again.
        assert_eq!(file.flush(&store).unwrap(), 4);
        drop((file, store));
        let store = Store::open(&db, agency).unwrap();
        assert_eq!(seqs(&store), vec![3]);
        let file = AuditFile::open(&path, &store, "TH-RTP").unwrap();
        log(&store, 1);
        assert_eq!(file.flush(&store).unwrap(), 5);
        let text = std::fs::read_to_string(&path).unwrap();
        let in_file: Vec<u64> = text
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["seq"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(in_file, vec![0, 1, 2, 3, 4]);
        assert_eq!(file.integrity, None);
        assert!(jaring_audit::log::verify_for(text.as_bytes(), Some("TH-RTP")).is_ok());
    }
}
