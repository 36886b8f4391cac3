//! The audit log's upkeep and queries: copies committed audit entries from the store to
//! `audit.jsonl` (off the message path), checkpoints the store's write-ahead log in the
//! background, and answers audit queries (entries, inclusion proofs, verification).
//!
//! Owns the audit file's writer; reads checkpoints published by [`super::checkpoints`].

use std::sync::Arc;
use std::time::Duration;

use jaring_core::{b64, Timestamp};
use serde_json::Value;

use jaring_api::audit::{AuditEntriesQuery, AuditRecord, Proof, Verification};
use jaring_api::paging::clamp_limit;
use jaring_api::{Cursor, Page};

use super::{blocking, Node, NodeError};

impl Node {
    /// Copies new audit entries from the store to the audit file. The entries are durable in
    /// the store from the moment their transaction commits, so the copy waits
    /// `audit.flush_delay` for more to come: one append and one sync of the file for many
    /// entries, off the path of every message (the store forgets them in its next
    /// transaction).
    pub(super) async fn audit_loop(self: Arc<Self>) {
        while !self.stopping() {
            tokio::select! {
                _ = self.audit_due.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
            if self.wait(self.config.audit.flush_delay).await {
                break;
            }
            if let Err(e) = self.flush_audit().await {
                self.note_error(&format!("audit log: {e}"));
            }
        }
    }

    /// Checkpoints the store's write-ahead log in the background, a few times a second.
    pub(super) async fn wal_loop(self: Arc<Self>) {
        while !self.wait(Duration::from_millis(250)).await {
            let store = self.store.clone();
            if let Ok(Err(e)) = blocking(move || store.checkpoint_background()).await {
                self.note_error(&format!("store checkpoint: {e}"));
            }
        }
    }

    /// Appends whatever audit entries the store holds to the audit file, now.
    pub(super) async fn flush_audit(self: &Arc<Self>) -> Result<u64, NodeError> {
        let node = self.clone();
        blocking(move || node.audit.flush(&node.store))
            .await?
            .map_err(NodeError::internal)
    }

    /// Audit entries, oldest first, filtered, a page at a time (the cursor is the last seq).
    pub async fn audit_entries(
        self: &Arc<Self>,
        q: AuditEntriesQuery,
    ) -> Result<Page<AuditRecord>, NodeError> {
        // Everything committed is in the file before it is read.
        self.flush_audit().await?;
        let limit = clamp_limit(q.limit);
        let after = match &q.cursor {
            Some(c) => Some(
                Cursor::decode_number::<u64>(c, "an audit")
                    .map_err(|e| NodeError::BadRequest(e.message))?,
            ),
            None => None,
        };
        let since = match &q.since {
            Some(s) => Some(
                Timestamp::parse(s)
                    .map_err(|e| NodeError::BadRequest(format!("since: {e}")))?
                    .to_string(),
            ),
            None => None,
        };
        let path = self.audit.path().to_owned();
        let rows = blocking(move || -> Result<Vec<AuditRecord>, NodeError> {
            // Read a line at a time (the log grows without bound: never all of it in memory),
            // and parse only lines that hold what a filter asks for.
            use std::io::BufRead;
            let file = std::fs::File::open(&path).map_err(NodeError::internal)?;
            let mut reader = std::io::BufReader::with_capacity(256 * 1024, file);
            let needles: Vec<memchr::memmem::Finder<'_>> = [&q.message, &q.event, &q.user]
                .into_iter()
                .flatten()
                .map(|v| memchr::memmem::Finder::new(v.as_bytes()))
                .collect();
            let mut rows = Vec::new();
            let mut buf = Vec::new();
            loop {
                buf.clear();
                if reader
                    .read_until(b'\n', &mut buf)
                    .map_err(NodeError::internal)?
                    == 0
                {
                    break;
                }
                let line = buf.strip_suffix(b"\n").unwrap_or(&buf);
                if !needles.iter().all(|n| n.find(line).is_some()) {
                    continue;
                }
                let Ok(e) = serde_json::from_slice::<Value>(line) else {
                    continue;
                };
                let text = |k: &str| e[k].as_str().map(str::to_owned);
                let seq = e["seq"].as_u64().unwrap_or(0);
                let keep = after.is_none_or(|a| seq > a)
                    && q.message
                        .as_ref()
                        .is_none_or(|m| e["message"] == m.as_str())
                    && q.event.as_ref().is_none_or(|v| e["event"] == v.as_str())
                    && q.user
                        .as_ref()
                        .is_none_or(|u| e["detail"]["user"] == u.as_str())
                    && since
                        .as_ref()
                        .is_none_or(|s| e["at"].as_str().is_some_and(|a| a >= s.as_str()));
                if !keep {
                    continue;
                }
                rows.push(AuditRecord {
                    seq,
                    at: text("at").unwrap_or_default(),
                    event: text("event").unwrap_or_default(),
                    message: text("message"),
                    peer: text("peer"),
                    user: e["detail"]["user"].as_str().map(str::to_owned),
                    line: String::from_utf8_lossy(line).into_owned(),
                });
                if rows.len() > limit {
                    break;
                }
            }
            Ok(rows)
        })
        .await??;
        Ok(Page::from_rows(rows, limit, |r| r.seq.to_string()))
    }

    /// Verifies the whole log against every checkpoint this node published.
    pub async fn audit_verify(self: &Arc<Self>) -> Result<Verification, NodeError> {
        self.flush_audit().await?;
        let path = self.audit.path().to_owned();
        let checkpoints = self.config.data_dir.join("checkpoints.jsonl");
        let key = self.key.sign.verifying_key().clone();
        let me = self.me.to_string();
        let failed = |seq: Option<u64>, error: String| Verification {
            ok: false,
            size: None,
            root: None,
            checkpoints_checked: None,
            seq,
            error: Some(error),
        };
        blocking(move || {
            let bytes = std::fs::read(&path).map_err(NodeError::internal)?;
            let verified = match jaring_audit::log::verify_for(&bytes, Some(&me)) {
                Ok(v) => v,
                Err(e) => return Ok(failed(Some(e.seq), e.to_string())),
            };
            let mut published = Vec::new();
            for line in std::fs::read_to_string(&checkpoints)
                .unwrap_or_default()
                .lines()
            {
                let Ok(msg) = serde_json::from_str::<jaring_audit::CheckpointMessage>(line) else {
                    continue;
                };
                match jaring_audit::Checkpoint::verify(&msg.checkpoint, &key) {
                    Ok(cp) => published.push(cp),
                    Err(e) => return Ok(failed(None, e.to_string())),
                }
            }
            if let Err(e) = verified.check_all(&published) {
                return Ok(failed(Some(e.seq), e.to_string()));
            }
            Ok(Verification {
                ok: true,
                size: Some(verified.size()),
                root: Some(b64::encode_std(&verified.root())),
                checkpoints_checked: Some(published.len()),
                seq: None,
                error: None,
            })
        })
        .await?
    }

    /// The inclusion proof of entry `seq` in the log as it is now, from the tree in memory.
    pub async fn audit_prove(self: &Arc<Self>, seq: u64) -> Result<Proof, NodeError> {
        self.flush_audit().await?;
        let index = usize::try_from(seq).unwrap_or(usize::MAX);
        let answer = self.audit.with_tree(|tree| {
            let Some(proof) = tree.inclusion_proof(index) else {
                return Err(NodeError::NotFound(format!(
                    "no entry {seq}: the log has {} entries",
                    tree.len()
                )));
            };
            Ok(Proof {
                seq,
                size: tree.len() as u64,
                root: b64::encode(&tree.root()),
                leaf: b64::encode(&tree.leaves()[index]),
                proof: proof.iter().map(|h| b64::encode(h)).collect(),
            })
        });
        answer.unwrap_or_else(|| Err(NodeError::Internal("audit log lock poisoned".into())))
    }
}
