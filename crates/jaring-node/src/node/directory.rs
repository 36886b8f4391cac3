//! Directory following: watches the hub's directory bucket and accepts a newer signed
//! directory only when it verifies against the pinned trust; a refused one is audited and the
//! held one kept.
//!
//! Owns the node's directory slot (written here only) and the `directory-*` audit events.

use std::sync::Arc;
use std::time::Duration;

use jaring_core::directory::{SignedDirectory, Supersedes};
use jaring_core::{b64, Timestamp};
use serde_json::json;
use tracing::{debug, info, warn};

use crate::store::{AuditEntry, Store};

use super::{blocking, Node};

impl Node {
    /// Follows the hub's directory bucket by reading its key directly every
    /// `directory.poll_interval` (a direct get: the hub grants an agency no consumer on the
    /// bucket, so no agency can create or delete one there), offering each new revision.
    pub(super) async fn directory_loop(self: Arc<Self>) {
        let Some(bucket) = self.config.directory.kv_bucket.clone() else {
            return;
        };
        let every = self.config.directory.poll_interval;
        let mut seen: Option<u64> = None;
        let mut kv = None;
        loop {
            if kv.is_none() {
                match self.js.get_key_value(&bucket).await {
                    Ok(k) => kv = Some(k),
                    Err(e) => debug!(error = %e, "directory bucket not available yet"),
                }
            }
            if let Some(k) = &kv {
                match k.entry(jaring_bus::DIRECTORY_KEY).await {
                    Ok(Some(entry)) if Some(entry.revision) != seen => {
                        seen = Some(entry.revision);
                        if !entry.value.is_empty() {
                            self.offer_directory(&entry.value).await;
                        }
                    }
                    Ok(_) => {}
                    Err(e) => self.note_error(&format!("reading the directory bucket: {e}")),
                }
            }
            if self.wait(every).await {
                return;
            }
        }
    }

    /// Considers a directory from the hub: loads it only if it verifies and is newer.
    pub async fn offer_directory(&self, bytes: &[u8]) {
        let offered =
            SignedDirectory::from_json(bytes).and_then(|d| d.verify(&self.trust, Timestamp::now()));
        let current = self.directory();
        let verdict = offered.and_then(|d| d.supersedes(&current).map(|v| (v, d)));
        match verdict {
            Ok((Supersedes::Newer, d)) => {
                let signed = String::from_utf8_lossy(&d.signed().to_json()).into_owned();
                let (serial, digest) = (d.serial, b64::encode(d.body_digest()));
                let result = self.store.transaction(|tx, me| {
                    Store::set_meta(tx, "directory", &signed)?;
                    let highest: u64 = Store::meta_in(tx, super::HIGHEST_SERIAL)?
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    Store::set_meta(tx, super::HIGHEST_SERIAL, &serial.max(highest).to_string())?;
                    Store::audit(
                        tx,
                        me,
                        AuditEntry {
                            detail: json!({"serial": serial, "body_digest": digest}),
                            ..AuditEntry::event("directory-updated")
                        },
                    )?;
                    Ok(())
                });
                match result {
                    Ok(()) => {
                        if let Ok(mut slot) = self.directory.write() {
                            *slot = Arc::new(d);
                        }
                        if let Ok(mut h) = self.health.lock() {
                            h.directory_refused = None;
                        }
                        if let Some(problem) =
                            super::keys_problem(&self.directory(), &self.me, &self.dec_keys)
                        {
                            self.note_error(&problem);
                        }
                        self.audit_due.notify_one();
                        info!(serial, "directory updated");
                    }
                    Err(e) => self.note_error(&format!("storing the new directory: {e}")),
                }
            }
            Ok((Supersedes::Same, _)) => {}
            Err(e) => {
                warn!(error = %e, "offered directory refused; keeping serial {}", current.serial);
                if let Ok(mut h) = self.health.lock() {
                    h.directory_refused = Some(e.to_string());
                }
                let detail = json!({"reason": e.to_string(), "held_serial": current.serial});
                let _ = self.store.transaction(|tx, me| {
                    Store::audit(
                        tx,
                        me,
                        AuditEntry {
                            detail,
                            ..AuditEntry::event("directory-refused")
                        },
                    )
                    .map(drop)
                });
                self.audit_due.notify_one();
            }
        }
    }

    /// Watches the directory in force run out: once within `directory.warn_before` of its
    /// expiry, a warning (status, log, audit `directory-expiring`, once per serial); once
    /// expired, an alarm (status, log, the alarms of `jaring status`, audit
    /// `directory-expired`, once per serial). Only a newer directory from the RSO ends either.
    pub(super) async fn expiry_loop(self: Arc<Self>) {
        let mut said: Option<(u64, &'static str)> = None;
        loop {
            let d = self.directory();
            let left = d.expires_at.unix_millis() - Timestamp::now().unix_millis();
            let warn_ms =
                i64::try_from(self.config.directory.warn_before.as_millis()).unwrap_or(i64::MAX);
            let state = if left <= 0 {
                "expired"
            } else if left <= warn_ms {
                "expiring"
            } else {
                "valid"
            };
            if let Ok(mut h) = self.health.lock() {
                h.directory_state = state;
            }
            if state != "valid" && said != Some((d.serial, state)) {
                said = Some((d.serial, state));
                let (serial, expires) = (d.serial, d.expires_at.to_string());
                let store = self.store.clone();
                let me = self.me.to_string();
                let outcome = blocking(move || {
                    if state == "expired" {
                        warn!(serial, expires = %expires, "the directory has expired: ask the RSO for a new one");
                        store.raise_alarm(
                            &me,
                            "directory-expired",
                            &format!("directory serial {serial} expired at {expires}: ask the RSO for a new one"),
                            "directory-expired",
                            json!({"serial": serial, "expires_at": expires}),
                        )
                    } else {
                        warn!(serial, expires = %expires, "the directory expires soon: the RSO must publish a new one");
                        store.transaction(|tx, agency| {
                            Store::audit(
                                tx,
                                agency,
                                AuditEntry {
                                    detail: json!({"serial": serial, "expires_at": expires}),
                                    ..AuditEntry::event("directory-expiring")
                                },
                            )
                            .map(drop)
                        })
                    }
                })
                .await;
                if let Ok(Err(e)) = outcome {
                    self.note_error(&format!("recording the directory's expiry: {e}"));
                }
                self.audit_due.notify_one();
            }
            if self.wait(Duration::from_secs(1)).await {
                return;
            }
        }
    }
}
