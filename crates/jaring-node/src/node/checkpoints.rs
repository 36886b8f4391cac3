//! Checkpoints and witnessing: signs and publishes checkpoints of this node's audit log with
//! consistency proofs, and checks every peer's checkpoint against the one held (signature,
//! never backwards, never a fork), raising an alarm otherwise.
//!
//! Owns `checkpoints.jsonl`, the peer checkpoints and the alarms.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::context::Publish;
use jaring_core::body::Family;
use jaring_core::subject::{Recipient, Subject};
use jaring_core::AgencyId;
use tracing::{info, warn};

use super::{blocking, Node, NodeError};

impl Node {
    /// Checks a peer's checkpoint: signature by the peer's key, and that it extends the one
    /// held (never smaller, never a different tree at the same size, and a consistency proof
    /// from the held size). Anything else raises an alarm.
    pub(super) async fn witness(&self, peer: &str, payload: &[u8]) {
        let result = self.check_peer_checkpoint(peer, payload);
        let store = self.store.clone();
        let peer2 = peer.to_owned();
        let outcome = match result {
            Ok(Some((size, root, note))) => {
                blocking(move || store.witnessed(&peer2, size, &root, &note)).await
            }
            Ok(None) => return,
            Err((kind, reason, size)) => {
                warn!(peer = %peer, kind, "checkpoint alarm");
                self.metrics.checkpoint_alarms.inc();
                blocking(move || store.alarm(&peer2, kind, &reason, size)).await
            }
        };
        if let Ok(Err(e)) = outcome {
            self.note_error(&format!("recording a checkpoint of {peer}: {e}"));
        }
        self.audit_due.notify_one();
    }

    #[allow(clippy::type_complexity)]
    pub(super) fn check_peer_checkpoint(
        &self,
        peer: &str,
        payload: &[u8],
    ) -> Result<Option<(u64, Vec<u8>, String)>, (&'static str, String, Option<u64>)> {
        use jaring_audit::{Checkpoint, CheckpointMessage};
        let msg: CheckpointMessage = serde_json::from_slice(payload).map_err(|e| {
            (
                "malformed",
                format!("malformed checkpoint message: {e}"),
                None,
            )
        })?;
        let directory = self.directory();
        let agency = AgencyId::parse(peer)
            .ok()
            .and_then(|id| directory.agency(&id).cloned())
            .ok_or_else(|| {
                (
                    "unknown-peer",
                    format!("{peer} is not in the directory"),
                    None,
                )
            })?;
        let cp = Checkpoint::verify_any(&msg.checkpoint, agency.keys.iter().map(|k| &k.sign))
            .map_err(|e| ("signature", e.to_string(), None))?;
        if cp.agency != peer {
            return Err((
                "wrong-agency",
                format!("a checkpoint of {}'s log published by {peer}", cp.agency),
                Some(cp.size),
            ));
        }
        let held = self
            .store
            .peer_checkpoint(peer)
            .map_err(|e| ("store", e.to_string(), None))?;
        let Some((size, root)) = held else {
            return Ok(Some((cp.size, cp.root.to_vec(), msg.checkpoint)));
        };
        let root: jaring_audit::Hash = root.try_into().map_err(|_| {
            (
                "store",
                "the held checkpoint is unreadable".to_owned(),
                None,
            )
        })?;
        let held = Checkpoint {
            agency: peer.to_owned(),
            size,
            root,
        };
        if cp.size < held.size {
            return Err((
                "backwards",
                format!(
                    "checkpoint went backwards: size {} after {}",
                    cp.size, held.size
                ),
                Some(cp.size),
            ));
        }
        if cp.size == held.size && cp.root != held.root {
            return Err((
                "fork",
                format!("fork: two different logs of size {}", cp.size),
                Some(cp.size),
            ));
        }
        msg.check_extends(&held, &cp)
            .map_err(|e| ("fork", format!("fork: {e}"), Some(cp.size)))?;
        Ok((cp.size > held.size).then_some((cp.size, cp.root.to_vec(), msg.checkpoint)))
    }

    pub(super) async fn checkpoint_loop(self: Arc<Self>) {
        let cfg = self.config.audit.clone();
        let mut last: u64 = self
            .store
            .meta("checkpoint_size")
            .ok()
            .flatten()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut last_at = std::time::Instant::now();
        while !self
            .wait(Duration::from_millis(500).min(cfg.checkpoint_interval))
            .await
        {
            let size = self.audit.with_tree(|t| t.len() as u64).unwrap_or(0);
            // `last + 1`: our own `checkpoint` entry alone does not call for another one.
            let due = size >= last + cfg.checkpoint_every
                || (size > last + 1 && last_at.elapsed() >= cfg.checkpoint_interval);
            if !due {
                continue;
            }
            match self.publish_checkpoint(last).await {
                Ok(Some(published)) => {
                    last = published;
                    last_at = std::time::Instant::now();
                }
                Ok(None) => {}
                Err(e) => self.note_error(&format!("checkpoint: {e}")),
            }
        }
    }

    /// Signs a checkpoint of the audit log as it is now and publishes it with its consistency
    /// proof from `previous`; returns the size published.
    pub async fn publish_checkpoint(&self, previous: u64) -> Result<Option<u64>, NodeError> {
        use jaring_audit::{Checkpoint, CheckpointMessage};
        let me = self.me.to_string();
        let built = self.audit.with_tree(|tree| {
            let cp = Checkpoint {
                agency: me.clone(),
                size: tree.len() as u64,
                root: tree.root(),
            };
            let note = cp.sign(&self.key.sign);
            (cp, CheckpointMessage::of_tree(note, tree, previous))
        });
        let Some((cp, message)) = built else {
            return Ok(None);
        };
        if cp.size == 0 || cp.size == previous {
            return Ok(None);
        }
        let bytes = serde_json::to_vec(&message).map_err(NodeError::internal)?;
        let subject = Subject {
            family: Family::Checkpoint,
            sender: self.me.clone(),
            recipient: Recipient::All,
        }
        .render(&self.config.subject_prefix);
        let publish = Publish::build()
            .payload(bytes.clone().into())
            .message_id(format!("checkpoint.{}.{}", self.me, cp.size));
        let future = self
            .js
            .send_publish(subject, publish)
            .await
            .map_err(NodeError::internal)?;
        tokio::time::timeout(Duration::from_secs(10), future)
            .await
            .map_err(|_| NodeError::Internal("no acknowledgement".into()))?
            .map_err(NodeError::internal)?;
        let path = self.config.data_dir.join("checkpoints.jsonl");
        let store = self.store.clone();
        let (size, root) = (cp.size, cp.root);
        blocking(move || -> Result<(), String> {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| e.to_string())?;
            f.write_all(&bytes)
                .and_then(|_| f.write_all(b"\n"))
                .and_then(|_| f.sync_data())
                .map_err(|e| e.to_string())?;
            store.checkpointed(size, &root).map_err(|e| e.to_string())
        })
        .await?
        .map_err(NodeError::Internal)?;
        self.audit_due.notify_one();
        info!(size, "checkpoint published");
        Ok(Some(size))
    }

    /// The latest checkpoint this node published, as the signed note.
    pub fn latest_checkpoint(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.config.data_dir.join("checkpoints.jsonl")).ok()?;
        let line = text.lines().last()?;
        serde_json::from_str::<jaring_audit::CheckpointMessage>(line)
            .ok()
            .map(|m| m.checkpoint)
    }
}
