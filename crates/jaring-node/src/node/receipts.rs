//! Receipts: batches the receipts this node owes to each sender into one sealed envelope per
//! sender and publishes them; marks them sent only after the hub acknowledged.
//!
//! Owns the receipt loop; reads and clears the store's owed receipts.

use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::context::Publish;
use jaring_core::body::{Family, Kind, ReceiptBody, ReceiptItem, ReceiptStatus};
use jaring_core::envelope::{Draft, ErrorCode};
use jaring_core::subject::{nats_msg_id, Recipient, Subject};
use jaring_core::{seal, AgencyId, Body, MessageId, Timestamp, Tlp};
use tracing::warn;

use super::{blocking, Node, NodeError};

impl Node {
    pub(super) async fn receipt_loop(self: Arc<Self>) {
        let window = self
            .config
            .receipts
            .batch_window
            .max(Duration::from_millis(10));
        loop {
            let stop = self.wait(window).await;
            // A backlog (after catch-up) goes out as fast as full receipts can be sealed.
            for _ in 0..100 {
                match self.send_receipts().await {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        self.note_error(&format!("sending receipts: {e}"));
                        break;
                    }
                }
            }
            if stop {
                break;
            }
        }
    }

    /// Seals and publishes the receipts owed, one envelope per sender; true when some sender
    /// is owed more than one envelope holds, so the caller goes on at once.
    pub(super) async fn send_receipts(&self) -> Result<bool, NodeError> {
        let store = self.store.clone();
        let owed = blocking(move || store.owed_receipts(jaring_core::body::MAX_RECEIPT_ITEMS))
            .await?
            .map_err(NodeError::internal)?;
        let full = owed
            .iter()
            .any(|(_, items)| items.len() >= jaring_core::body::MAX_RECEIPT_ITEMS);
        let directory = self.directory();
        for (to, items) in owed {
            let Ok(recipient) = AgencyId::parse(&to) else {
                continue;
            };
            if directory
                .agency(&recipient)
                .and_then(|a| a.current_key(Timestamp::now()))
                .is_none()
            {
                warn!(agency = %to, "receipts owed to an agency without a usable key are dropped");
                let store = self.store.clone();
                let _ = blocking(move || store.drop_owed(&to)).await;
                continue;
            }
            let body = ReceiptBody {
                items: items
                    .iter()
                    .filter_map(|item| {
                        Some(ReceiptItem {
                            of: MessageId::parse(&item.message_id).ok()?,
                            status: if item.status == "delivered" {
                                ReceiptStatus::Delivered
                            } else {
                                ReceiptStatus::Rejected
                            },
                            error: item
                                .error
                                .as_deref()
                                .and_then(|e| e.parse::<ErrorCode>().ok()),
                        })
                    })
                    .collect(),
            };
            let body = Body::from_typed(Kind::Receipt, &body, &[]).map_err(NodeError::internal)?;
            let draft = Draft {
                body,
                tlp: Tlp::Green,
                refs: vec![],
                expires_at: None,
                to: vec![recipient.clone()],
            };
            let sealed = seal(&self.key, &directory, draft, Timestamp::now())
                .map_err(NodeError::internal)?;
            let subject = Subject {
                family: Family::Receipt,
                sender: self.me.clone(),
                recipient: Recipient::Agency(recipient.clone()),
            }
            .render(&self.config.subject_prefix);
            let publish = Publish::build()
                .payload(sealed.bytes.clone().into())
                .message_id(nats_msg_id(
                    &sealed.header.id,
                    &Recipient::Agency(recipient),
                ));
            let acked = match self.js.send_publish(subject, publish).await {
                Ok(f) => tokio::time::timeout(Duration::from_secs(10), f)
                    .await
                    .ok()
                    .and_then(Result::ok)
                    .is_some(),
                Err(_) => false,
            };
            if acked {
                let store = self.store.clone();
                let id = sealed.header.id.to_string();
                let digest = sealed.digest;
                blocking(move || store.receipts_sent(&to, &items, &id, &digest))
                    .await?
                    .map_err(NodeError::internal)?;
                self.audit_due.notify_one();
            } else {
                return Err(NodeError::Internal(format!(
                    "receipt to {to} was not acknowledged; will retry"
                )));
            }
        }
        Ok(full)
    }
}
