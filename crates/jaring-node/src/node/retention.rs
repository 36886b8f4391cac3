//! Retention: erases referrals (and everything tied to them) and alerts (with their rows in
//! the correlation index) past their retention, with the
//! store's secure delete, and truncates the write-ahead log so erased pages leave it too.
//!
//! Owns the retention loop; nothing else erases.

use std::sync::Arc;
use std::time::Duration;

use jaring_core::Timestamp;
use tracing::info;

use super::{blocking, ms, Node};

impl Node {
    pub(super) async fn retention_loop(self: Arc<Self>) {
        loop {
            let r = &self.config.retention;
            let now = Timestamp::now().unix_millis();
            let (stored_before, closed_before, quarantine_before, alerts_before) = (
                now - ms(r.referrals),
                now - ms(r.closed_referrals),
                now - ms(r.quarantine),
                now - ms(r.alerts),
            );
            // Console sessions past their idle timeout or lifetime (a session is checked at
            // each request anyway; this keeps abandoned ones from piling up).
            let console = self.config.console.clone().unwrap_or_default();
            let (idle_before, opened_before) = (
                now - ms(console.idle_timeout),
                now - ms(console.session_lifetime),
            );
            let store = self.store.clone();
            match blocking(move || {
                store
                    .expire_sessions(idle_before, opened_before)
                    .and_then(|_| {
                        store.purge_expired(
                            stored_before,
                            closed_before,
                            quarantine_before,
                            alerts_before,
                        )
                    })
                    .and_then(|ids| store.checkpoint_wal().map(|()| ids))
            })
            .await
            {
                Ok(Ok(ids)) if !ids.is_empty() => {
                    info!(count = ids.len(), "referrals past retention erased");
                    self.audit_due.notify_one();
                }
                Ok(Err(e)) => self.note_error(&format!("retention: {e}")),
                _ => {}
            }
            if self
                .wait(r.sweep_interval.max(Duration::from_millis(100)))
                .await
            {
                break;
            }
        }
    }
}
