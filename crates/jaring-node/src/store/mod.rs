//! The node's embedded store (SQLite, one file): envelopes as received (encrypted to this
//! agency), the routing metadata needed to list them, referral state, delivery tracking,
//! owed receipts, the quarantine, and the audit entries not yet appended to `audit.jsonl`
//! (and those appended since the last transaction, which the next one deletes).
//!
//! Every state change and its audit entry are written in one transaction, and the node
//! acknowledges a JetStream message only after that transaction committed. The database runs
//! in WAL mode with `synchronous=FULL` (a commit is on disk when it returns) and
//! `secure_delete=ON` (erased rows are overwritten, which retention relies on).

use std::cell::RefCell;
use std::path::Path;
use std::sync::Mutex;

use jaring_api::messages::{Delivery, ReferralEvent, ReferralState};
use jaring_api::quarantine::QuarantineItem as QuarantineRow;
use jaring_api::status::{Alarm, Counts};
use jaring_core::body::ReceiptStatus;
use jaring_core::envelope::{ErrorCode, Header};
use jaring_core::{b64, AgencyId, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

mod console;
pub mod correlation;
pub mod stix;
mod users;
use serde_json::{json, Value};

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The store lock was poisoned by a panic elsewhere.
    #[error("store: lock poisoned")]
    Poisoned,
    /// The change conflicts with what is stored (a user that exists, the last admin).
    #[error("{0}")]
    Conflict(String),
    /// No such row.
    #[error("{0}")]
    NotFound(String),
}

type Result<T> = std::result::Result<T, StoreError>;

// Small rows keyed by their primary key are stored WITHOUT ROWID: one b-tree to write per row
// instead of a table and its key index (every message adds a delivery or an owed receipt).
// Stores created before keep their rowid tables, which answer the same queries.
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Keyed on (id, sender): senders choose ids, so an id alone names nothing; another agency
-- that saw an id in a clear header can use it, and must neither replace nor shadow the
-- message its true sender sent under it.
CREATE TABLE IF NOT EXISTS messages (
    id TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    tlp TEXT NOT NULL,
    refs TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    expires_at INTEGER,
    envelope BLOB NOT NULL,
    wire BLOB,
    digest BLOB NOT NULL,
    subject TEXT,
    stream_seq INTEGER,
    read_at INTEGER,
    state TEXT,
    PRIMARY KEY (id, sender)
);
-- Pages of the inbox (newest first, by (stored_at, id, sender)) walk one of these two in order
-- and stop at the page's end: without them a page sorted every message of the kinds listed
-- (100,000 messages: half a second a page). `messages_page` also serves retention by time.
CREATE INDEX IF NOT EXISTS messages_page ON messages (stored_at, id, sender);
CREATE INDEX IF NOT EXISTS messages_inbox ON messages (direction, stored_at, id, sender);
-- Counting (jaring status) from this narrow index never reads the envelopes.
CREATE INDEX IF NOT EXISTS messages_by_kind ON messages (direction, kind, read_at);
-- An inbox page of one kind walks this one in order.
CREATE INDEX IF NOT EXISTS messages_by_kind_time ON messages (direction, kind, stored_at, id, sender);
CREATE TABLE IF NOT EXISTS deliveries (
    message_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'rejected', 'failed')),
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_attempt_at INTEGER,
    updated_at INTEGER NOT NULL,
    stream_seq INTEGER,
    PRIMARY KEY (message_id, recipient)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt_at);
-- A referral is its id, its direction and its counterpart (the referring agency for one
-- received, the comma-separated recipients for one sent), for the same reason as messages.
CREATE TABLE IF NOT EXISTS referrals (
    id TEXT NOT NULL,
    direction TEXT NOT NULL,
    counterpart TEXT NOT NULL,
    status TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER,
    PRIMARY KEY (id, direction, counterpart)
);
CREATE TABLE IF NOT EXISTS referral_events (
    referral_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    by_agency TEXT NOT NULL,
    at INTEGER NOT NULL,
    counterpart TEXT,
    PRIMARY KEY (referral_id, message_id)
);
CREATE TABLE IF NOT EXISTS receipts_owed (
    sender TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    queued_at INTEGER NOT NULL,
    PRIMARY KEY (sender, message_id, status)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS receipts_owed_by_time ON receipts_owed (sender, queued_at);
CREATE TABLE IF NOT EXISTS quarantine (
    qid INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    subject TEXT NOT NULL,
    stream_seq INTEGER,
    code TEXT NOT NULL,
    detail TEXT NOT NULL,
    sender TEXT,
    sender_verified INTEGER NOT NULL,
    message_id TEXT,
    digest BLOB NOT NULL,
    envelope BLOB NOT NULL,
    size INTEGER,
    publisher TEXT
);
-- What each publisher (the sender token of the subject, which the hub enforces) holds in the
-- quarantine, against the per-publisher quota; refusals over it are counted, not kept, and
-- reported in the audit log at most once a minute.
CREATE TABLE IF NOT EXISTS quarantine_usage (
    publisher TEXT PRIMARY KEY,
    bytes INTEGER NOT NULL DEFAULT 0,
    dropped INTEGER NOT NULL DEFAULT 0,
    reported_at INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS peer_checkpoints (
    agency TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL,
    at INTEGER NOT NULL
);
-- The agency's people: a jaring name, the local account that acts as them, their roles
-- (comma-separated, from jaring-api's fixed set).
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    unix TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- Console sessions: only the SHA-256 of each token. Removing a user or setting a password
-- ends the user's sessions (`Store::remove_user`, `Store::set_password`).
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    address TEXT NOT NULL,
    agent TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS console_sessions_by_user ON console_sessions (user, created_at);
-- Ids of messages erased after retention: a replay of one is refused as `duplicate` rather than
-- stored again (a tombstone holds the id and when, nothing of the content).
CREATE TABLE IF NOT EXISTS erased (
    id TEXT NOT NULL,
    sender TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (id, sender)
) WITHOUT ROWID;
-- One row per run of alarms of one kind about a peer: another within a minute of the last is
-- a repeat. (Its index is made after the columns added since, in `Store::open`.)
CREATE TABLE IF NOT EXISTS alarms (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    peer TEXT NOT NULL,
    reason TEXT NOT NULL,
    repeats INTEGER NOT NULL DEFAULT 0,
    last_at INTEGER,
    kind TEXT NOT NULL DEFAULT ''
);
"#;

pub use jaring_api::messages::{Direction, Summary};

/// What happened to one received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Stored for the first time.
    Stored,
    /// Already stored with the same envelope: acknowledged and answered again.
    Redelivered,
    /// Refused and quarantined with this code.
    Quarantined(ErrorCode),
    /// Refused with this code, and not kept: its publisher is over its quarantine quota (the
    /// refusals are counted and audited once a minute).
    Dropped(ErrorCode),
}

fn refused(kept: bool, code: ErrorCode) -> Received {
    if kept {
        Received::Quarantined(code)
    } else {
        Received::Dropped(code)
    }
}

pub use jaring_core::inbound::{Effect, Inbound};

/// One receipt item owed to a sender.
#[derive(Debug, Clone)]
pub struct OwedItem {
    /// The message it answers.
    pub message_id: String,
    /// `delivered` or `rejected`.
    pub status: String,
    /// The error code, with `rejected`.
    pub error: Option<String>,
}

/// Receipt items owed, grouped by the agency they are owed to.
pub type Owed = Vec<(String, Vec<OwedItem>)>;

/// A delivery that is due to be (re)published.
#[derive(Debug, Clone)]
pub struct Due {
    /// The message.
    pub message_id: String,
    /// The subject to publish on.
    pub subject: String,
    /// The recipients waiting on that subject.
    pub recipients: Vec<String>,
    /// The envelope as first published.
    pub wire: Vec<u8>,
    /// Publishes so far (the highest among the recipients).
    pub attempts: u32,
}

/// A message as `jaring show` needs it.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    /// Metadata.
    pub summary: Summary,
    /// The envelope to open (as received, or the sender's own copy).
    pub envelope: Vec<u8>,
    /// SHA-256 of the wire envelope.
    pub digest: [u8; 32],
}

fn now_ms() -> i64 {
    Timestamp::now().unix_millis()
}

/// A stored time (Unix milliseconds) as RFC 3339, empty if out of range.
pub(crate) fn ts(ms: i64) -> String {
    Timestamp::from_unix_millis(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The write-ahead log size, in pages, at which the writer checkpoints it itself.
const WAL_BACKSTOP_PAGES: i64 = 16_384;

/// The write-ahead log size, in pages, past which the background checkpoint restarts it.
const WAL_RESTART_PAGES: i64 = 4_096;

/// The node's store.
pub struct Store {
    conn: Mutex<Connection>,
    /// A second connection that copies the write-ahead log into the database in the
    /// background, so that commits (and the messages waiting on them) do not.
    checkpointer: Mutex<Connection>,
    agency: AgencyId,
    head: Mutex<AuditHead>,
    /// Bytes of refused envelopes kept per publisher (see [`Store::set_quarantine_quota`]).
    quarantine_quota: std::sync::atomic::AtomicU64,
    /// Alerts per value past which indexing notes the value as over the cap.
    correlation_cap: std::sync::atomic::AtomicU64,
    /// Whether alerts are turned into STIX objects as they are stored (a node that serves a
    /// TAXII feed or exports STIX; see [`Store::set_stix_derive`]).
    stix_derive: std::sync::atomic::AtomicBool,
    /// Audit rows below this seq are in the audit file, synced: the next transaction deletes
    /// them (see [`Store::audit_written`]).
    audit_forget: std::sync::atomic::AtomicU64,
    /// Below this, they are deleted.
    audit_forgotten: std::sync::atomic::AtomicU64,
}

/// Bytes of refused envelopes kept per publisher unless the node's config says otherwise.
pub const DEFAULT_QUARANTINE_QUOTA: u64 = 64 * 1024 * 1024;

/// What a quarantine row costs against the quota besides the bytes kept: its subject, detail,
/// digest and audit line. Tiny junk counts too.
const QUARANTINE_ROW_COST: i64 = 512;

/// A run of refusals over quota, or of alarms about one peer, is written once a minute.
const COALESCE_MS: i64 = 60_000;

/// Alarm runs kept in the alarms table (the audit log keeps every one).
const ALARMS_KEPT: i64 = 1_000;

/// The head of the audit log: the next entry's seq and the leaf hash of the last entry.
#[derive(Debug, Clone, Default)]
struct AuditHead {
    next: u64,
    prev: Option<String>,
}

/// What a transaction closure gets besides the SQLite transaction: this agency (it derefs to
/// the agency id), and the head of the audit log, kept in memory while the transaction runs
/// and written to the meta table once, when it commits.
pub struct TxCtx<'a> {
    agency: &'a AgencyId,
    head: RefCell<AuditHead>,
    quarantine_quota: u64,
    correlation_cap: u64,
    stix_derive: bool,
}

impl std::ops::Deref for TxCtx<'_> {
    type Target = AgencyId;
    fn deref(&self) -> &AgencyId {
        self.agency
    }
}

/// One audit entry to write in a transaction (spec §7).
pub struct AuditEntry<'a> {
    /// The event name.
    pub event: &'a str,
    /// The message concerned.
    pub message: Option<&'a str>,
    /// The other agency concerned.
    pub peer: Option<&'a str>,
    /// SHA-256 of the envelope bytes.
    pub digest: Option<&'a [u8; 32]>,
    /// Ids, codes and counts; never content.
    pub detail: Value,
}

impl<'a> AuditEntry<'a> {
    /// An entry with only an event name.
    pub fn event(event: &'a str) -> Self {
        Self {
            event,
            message: None,
            peer: None,
            digest: None,
            detail: json!({}),
        }
    }
}

/// Stores made before messages, referrals and tombstones were keyed on (id, sender), (id,
/// direction, counterpart) and (id, sender): their tables are rebuilt under the new keys, rows
/// kept, in one transaction.
fn rekey_by_sender(conn: &Connection) -> Result<()> {
    let sql = |table: &str| -> Result<String> {
        Ok(conn.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?)
    };
    let old_messages = sql("messages")?.contains("id TEXT PRIMARY KEY");
    let old_erased = sql("erased")?.contains("id TEXT PRIMARY KEY");
    let old_referrals = sql("referrals")?.contains("id TEXT PRIMARY KEY");
    if !old_messages && !old_referrals && !old_erased {
        return Ok(());
    }
    const MESSAGE_COLUMNS: &str = "id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, expires_at, envelope, wire, digest, subject, stream_seq, read_at, state";
    let mut steps = String::from("BEGIN IMMEDIATE;\n");
    if old_messages {
        steps.push_str("DROP INDEX IF EXISTS messages_by_time; DROP INDEX IF EXISTS messages_by_kind; DROP INDEX IF EXISTS messages_page; DROP INDEX IF EXISTS messages_inbox; DROP INDEX IF EXISTS messages_by_kind_time;\nALTER TABLE messages RENAME TO messages_v1;\n");
    }
    if old_referrals {
        steps.push_str("ALTER TABLE referrals RENAME TO referrals_v1;\n");
    }
    if old_erased {
        steps.push_str("ALTER TABLE erased RENAME TO erased_v1;\n");
    }
    steps.push_str(SCHEMA);
    if old_messages {
        steps.push_str(&format!(
            "INSERT INTO messages ({MESSAGE_COLUMNS}) SELECT {MESSAGE_COLUMNS} FROM messages_v1;\nDROP TABLE messages_v1;\n"
        ));
    }
    if old_referrals {
        steps.push_str("INSERT INTO referrals (id, direction, counterpart, status, updated_at, closed_at) SELECT id, direction, counterpart, status, updated_at, closed_at FROM referrals_v1;\nDROP TABLE referrals_v1;\n");
    }
    if old_erased {
        // Tombstones from before held no sender: kept with the empty one, which refuses a
        // replay of the id from anyone.
        steps.push_str(
            "INSERT INTO erased (id, sender, at) SELECT id, '', at FROM erased_v1;\nDROP TABLE erased_v1;\n",
        );
    }
    steps.push_str("COMMIT;");
    conn.execute_batch(&steps)?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path, agency: AgencyId) -> Result<Self> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // The store runs some sixty distinct statements; rusqlite's cache keeps 16 by default,
        // and an evicted statement is compiled again at its next use.
        conn.set_prepared_statement_cache_capacity(128);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "secure_delete", "ON")?;
        // 32 MiB of page cache: envelopes are kilobytes each, and the default 2 MiB makes
        // every batch re-read pages from the operating system.
        conn.pragma_update(None, "cache_size", -32_768)?;
        // Reads through a memory map instead of a read() call per page: a correlation walk
        // or a trail touches thousands of pages of a large index, and at a million rows the
        // system calls cost more than the lookups. Address space only: the pages are the
        // operating system's file cache, shared, and SQLite writes through its usual path.
        conn.pragma_update(None, "mmap_size", 1_i64 << 30)?;
        // Checkpoints run on their own connection (see `checkpoint_background`); the
        // writer checkpoints itself only if the log grows past this many pages (64 MiB),
        // should the background ever fall behind.
        conn.pragma_update(None, "wal_autocheckpoint", WAL_BACKSTOP_PAGES)?;
        conn.execute_batch(SCHEMA)?;
        // A store made before the correlation index was numbered loses its index's tables
        // here, to be filled again by the rebuild the node starts (`correlation_stale`).
        if correlation::migrate(&conn)? {
            tracing::info!(
                "the correlation index changed form; the node rebuilds it from the stored alerts"
            );
        }
        conn.execute_batch(correlation::SCHEMA)?;
        conn.execute_batch(stix::SCHEMA)?;
        // Columns added since a store was made: the quarantine's size as it arrived (apart from
        // the bytes kept) and its publisher, the alarms' runs, the referral events' counterpart.
        for (table, column, ddl) in [
            (
                "quarantine",
                "size",
                "ALTER TABLE quarantine ADD COLUMN size INTEGER",
            ),
            (
                "quarantine",
                "publisher",
                "ALTER TABLE quarantine ADD COLUMN publisher TEXT",
            ),
            (
                "alarms",
                "repeats",
                "ALTER TABLE alarms ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0",
            ),
            (
                "alarms",
                "last_at",
                "ALTER TABLE alarms ADD COLUMN last_at INTEGER",
            ),
            (
                "alarms",
                "kind",
                "ALTER TABLE alarms ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
            ),
            (
                "referral_events",
                "counterpart",
                "ALTER TABLE referral_events ADD COLUMN counterpart TEXT",
            ),
            // The console's credentials (issue 13): an argon2 PHC string, a TOTP secret, the
            // last TOTP step used, the user's language.
            (
                "users",
                "password_hash",
                "ALTER TABLE users ADD COLUMN password_hash TEXT",
            ),
            (
                "users",
                "totp_secret",
                "ALTER TABLE users ADD COLUMN totp_secret TEXT",
            ),
            (
                "users",
                "totp_step",
                "ALTER TABLE users ADD COLUMN totp_step INTEGER",
            ),
            (
                "users",
                "language",
                "ALTER TABLE users ADD COLUMN language TEXT",
            ),
        ] {
            let has: i64 = conn.query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |r| r.get(0),
            )?;
            if has == 0 {
                conn.execute_batch(ddl)?;
            }
        }
        rekey_by_sender(&conn)?;
        conn.execute_batch("CREATE INDEX IF NOT EXISTS alarms_by_peer ON alarms (peer, kind)")?;
        // `messages_page` took its place (a store made before issue 13 still has it).
        conn.execute_batch("DROP INDEX IF EXISTS messages_by_time")?;
        let checkpointer = Connection::open(path)?;
        checkpointer.busy_timeout(std::time::Duration::from_secs(10))?;
        checkpointer.pragma_update(None, "synchronous", "FULL")?;
        let meta = |key: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?)
        };
        let head = AuditHead {
            next: meta("audit_next")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            prev: meta("audit_prev")?,
        };
        Ok(Self {
            conn: Mutex::new(conn),
            checkpointer: Mutex::new(checkpointer),
            agency,
            head: Mutex::new(head),
            quarantine_quota: std::sync::atomic::AtomicU64::new(DEFAULT_QUARANTINE_QUOTA),
            correlation_cap: std::sync::atomic::AtomicU64::new(50),
            stix_derive: std::sync::atomic::AtomicBool::new(false),
            audit_forget: std::sync::atomic::AtomicU64::new(0),
            audit_forgotten: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// Sets the bytes of refused envelopes kept per publisher (the sender token of the
    /// subject). Beyond it, refusals from that publisher are counted and audited once a
    /// minute, not kept one by one, so a flooding agency cannot fill this disk.
    pub fn set_quarantine_quota(&self, bytes: u64) {
        self.quarantine_quota
            .store(bytes, std::sync::atomic::Ordering::Relaxed);
    }

    /// Quarantines a message this node could not store by its last delivery as
    /// `undeliverable` (digest, first KiB), so that it is not redelivered for ever; its
    /// sender republishes anything without a receipt.
    pub fn quarantine_undeliverable(&self, item: &Inbound, why: &str) -> Result<()> {
        let (subject, stream_seq, digest, envelope, sender, id) = match item {
            Inbound::Opened {
                header,
                envelope,
                digest,
                subject,
                stream_seq,
                ..
            } => (
                subject,
                stream_seq,
                digest,
                envelope,
                Some(header.sender.to_string()),
                Some(header.id.to_string()),
            ),
            Inbound::Refused {
                envelope,
                digest,
                subject,
                stream_seq,
                claimed_sender,
                claimed_id,
                ..
            } => (
                subject,
                stream_seq,
                digest,
                envelope,
                claimed_sender.clone(),
                claimed_id.clone(),
            ),
        };
        let detail = format!("not stored by its last delivery: {why}");
        self.transaction(|tx, me| {
            quarantine(
                tx,
                me,
                &QuarantineItem {
                    subject,
                    stream_seq: *stream_seq,
                    code: ErrorCode::Undeliverable,
                    detail: &detail,
                    sender: sender.as_deref(),
                    verified: false,
                    message_id: id.as_deref(),
                    digest,
                    envelope,
                    size: envelope.len(),
                    owe: false,
                },
            )?;
            Ok(())
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn.lock().map_err(|_| StoreError::Poisoned)?;
        f(&mut conn)
    }

    /// Turns the derivation of STIX objects on or off for alerts stored from now on. Off by
    /// default: it costs the store's one writer about as much again as storing the alert
    /// (eleven object rows an alert), which a catch-up feels; a node turns it on when it
    /// serves a TAXII feed or exports STIX (`[stix] derive`), and `correlate rebuild` derives
    /// what was stored before.
    pub fn set_stix_derive(&self, on: bool) {
        self.stix_derive
            .store(on, std::sync::atomic::Ordering::Relaxed);
    }

    /// Runs `f` in one transaction; commits if it succeeds.
    pub fn transaction<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &TxCtx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.with(|conn| {
            // IMMEDIATE: the write lock is taken before anything is read, so a transaction
            // never has to upgrade a read snapshot that a log restart made stale (it waits for
            // the lock instead of failing with "database is locked").
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let start = self.head.lock().map_err(|_| StoreError::Poisoned)?.clone();
            let logged_from = start.next;
            let ctx = TxCtx {
                agency: &self.agency,
                head: RefCell::new(start),
                quarantine_quota: self
                    .quarantine_quota
                    .load(std::sync::atomic::Ordering::Relaxed),
                correlation_cap: self
                    .correlation_cap
                    .load(std::sync::atomic::Ordering::Relaxed),
                stix_derive: self.stix_derive.load(std::sync::atomic::Ordering::Relaxed),
            };
            let forget = self.audit_forget.load(std::sync::atomic::Ordering::Relaxed);
            if forget
                > self
                    .audit_forgotten
                    .load(std::sync::atomic::Ordering::Relaxed)
            {
                tx.prepare_cached("DELETE FROM audit WHERE seq < ?1")?
                    .execute([forget as i64])?;
            }
            let out = f(&tx, &ctx)?;
            let head = ctx.head.into_inner();
            // Written only when the transaction logged something.
            if head.next != logged_from {
                Store::set_meta(&tx, "audit_next", &head.next.to_string())?;
                if let Some(prev) = &head.prev {
                    Store::set_meta(&tx, "audit_prev", prev)?;
                }
            }
            tx.commit()?;
            self.audit_forgotten
                .fetch_max(forget, std::sync::atomic::Ordering::Relaxed);
            *self.head.lock().map_err(|_| StoreError::Poisoned)? = head;
            Ok(out)
        })
    }

    /// Reads a meta value.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.with(|c| {
            Ok(
                c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                    .optional()?,
            )
        })
    }

    /// Appends an audit entry inside a transaction; returns its seq.
    pub fn audit(tx: &Transaction<'_>, ctx: &TxCtx<'_>, entry: AuditEntry<'_>) -> Result<u64> {
        let mut head = ctx.head.borrow_mut();
        let seq = head.next;
        // Each entry names the leaf hash of the one before it, so that an edit of any entry
        // can be pinned to that entry (see jaring-audit's log module).
        let line = json!({
            "seq": seq,
            "at": Timestamp::now(),
            "agency": ctx.agency,
            "event": entry.event,
            "message": entry.message,
            "peer": entry.peer,
            "digest": entry.digest.map(|d| b64::encode(d)),
            "detail": entry.detail,
            "prev": head.prev,
        })
        .to_string();
        let leaf = jaring_audit::merkle::leaf_hash(line.as_bytes());
        tx.prepare_cached("INSERT INTO audit (seq, line) VALUES (?1, ?2)")?
            .execute(params![seq as i64, line])?;
        head.next = seq + 1;
        head.prev = Some(b64::encode(&leaf));
        Ok(seq)
    }

    /// Reads a meta value inside a transaction.
    pub fn meta_in(tx: &Transaction<'_>, key: &str) -> Result<Option<String>> {
        Ok(tx
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Sets a meta value inside a transaction.
    pub fn set_meta(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
        tx.prepare_cached("INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?.execute(
            params![key, value],
        )?;
        Ok(())
    }

    /// Audit entries with seq >= `from`, in order, for the audit file writer.
    pub fn audit_lines_from(&self, from: u64) -> Result<Vec<(u64, String)>> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT seq, line FROM audit WHERE seq >= ?1 ORDER BY seq")?;
            let rows = stmt.query_map([from as i64], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Forgets audit lines that the audit file holds durably (seq < `below`): the next
    /// transaction deletes them. Not a transaction of its own: that cost a commit, and so a
    /// disk flush, each time the audit file was written, for rows nothing reads again (the
    /// file writer reads from the file's end, and after a restart too), so a crash before
    /// the deletion commits loses nothing.
    pub fn audit_written(&self, below: u64) -> Result<()> {
        self.audit_forget
            .fetch_max(below, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// Commits a batch of received envelopes in one transaction.
    pub fn record_inbound(&self, batch: &[Inbound]) -> Result<Vec<Received>> {
        self.transaction(|tx, me| batch.iter().map(|item| record_one(tx, me, item)).collect())
    }

    /// Records messages this node sent, in one transaction (a group commit): for each, the
    /// wire envelope (sealed to this agency too, so it can be opened here), one pending
    /// delivery per recipient, the referral it opens or updates, and the `sent` audit entry.
    pub fn record_sent(&self, records: &[SentRecord]) -> Result<()> {
        self.transaction(|tx, me| records.iter().try_for_each(|r| record_sent_in(tx, me, r)))
    }

    /// Records the outcome of one publish of a message on a subject.
    pub fn mark_published(
        &self,
        message_id: &str,
        subject: &str,
        stream_seq: Option<u64>,
        next_attempt_at: i64,
    ) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?3, next_attempt_at = ?4,
                 stream_seq = COALESCE(?5, stream_seq), updated_at = ?3, error = NULL
                 WHERE message_id = ?1 AND subject = ?2 AND state = 'pending'",
                params![message_id, subject, now_ms(), next_attempt_at, stream_seq.map(|s| s as i64)],
            )?;
            Ok(())
        })
    }

    /// Records a publish the hub refused: counted as an attempt, with the refusal, so that one
    /// that can never succeed ends `failed` after `delivery.max_attempts`.
    pub fn publish_refused(
        &self,
        message_id: &str,
        subject: &str,
        refusal: &str,
        next_attempt_at: i64,
    ) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?3, next_attempt_at = ?4,
                 error = ?5, updated_at = ?3
                 WHERE message_id = ?1 AND subject = ?2 AND state = 'pending'",
                params![message_id, subject, now_ms(), next_attempt_at, refusal],
            )?;
            Ok(())
        })
    }

    /// Postpones a delivery whose publish failed (broker unreachable), without counting it.
    pub fn postpone(&self, message_id: &str, subject: &str, next_attempt_at: i64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET next_attempt_at = ?3 WHERE message_id = ?1 AND subject = ?2 AND state = 'pending'",
                params![message_id, subject, next_attempt_at],
            )?;
            Ok(())
        })
    }

    /// Makes every pending delivery due now: at start, since a crash may have come between
    /// storing a message and publishing it.
    pub fn republish_pending_now(&self) -> Result<usize> {
        self.with(|c| {
            Ok(c.execute(
                "UPDATE deliveries SET next_attempt_at = ?1 WHERE state = 'pending'",
                [now_ms()],
            )?)
        })
    }

    /// Deliveries due now, grouped by message and subject.
    pub fn due(&self, now: i64, limit: usize) -> Result<Vec<Due>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT d.message_id, d.subject, group_concat(d.recipient, ','), max(d.attempts), COALESCE(m.wire, m.envelope)
                 FROM deliveries d JOIN messages m ON m.id = d.message_id AND m.direction = 'out'
                 WHERE d.state = 'pending' AND d.next_attempt_at <= ?1
                 GROUP BY d.message_id, d.subject ORDER BY min(d.next_attempt_at) LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![now, limit as i64], |r| {
                Ok(Due {
                    message_id: r.get(0)?,
                    subject: r.get(1)?,
                    recipients: r.get::<_, String>(2)?.split(',').map(str::to_owned).collect(),
                    attempts: r.get::<_, i64>(3)? as u32,
                    wire: r.get::<_, Option<Vec<u8>>>(4)?.unwrap_or_default(),
                })
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Gives up on deliveries that were published `max_attempts` times without a receipt.
    pub fn fail_exhausted(&self, max_attempts: u32, now: i64) -> Result<Vec<(String, String)>> {
        self.transaction(|tx, me| {
            let mut stmt = tx.prepare(
                "SELECT message_id, recipient FROM deliveries WHERE state = 'pending' AND attempts >= ?1 AND next_attempt_at <= ?2",
            )?;
            let rows: Vec<(String, String)> = stmt
                .query_map(params![max_attempts, now], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            drop(stmt);
            for (id, recipient) in &rows {
                tx.prepare_cached("UPDATE deliveries SET state = 'failed', error = COALESCE(error, 'no receipt'), updated_at = ?3 WHERE message_id = ?1 AND recipient = ?2")?.execute(
                    params![id, recipient, now],
                )?;
                Store::audit(tx, me, AuditEntry {
                    event: "delivery-failed",
                    message: Some(id),
                    peer: Some(recipient),
                    digest: None,
                    detail: json!({"attempts": max_attempts}),
                })?;
            }
            Ok(rows)
        })
    }

    /// Receipts owed, grouped by the agency they are owed to (at most `per_sender` items each).
    pub fn owed_receipts(&self, per_sender: usize) -> Result<Owed> {
        // Bounded per sender: a long backlog (a node catching up) must not be read whole
        // every time a receipt goes out.
        self.with(|c| {
            let mut senders = c.prepare("SELECT DISTINCT sender FROM receipts_owed")?;
            let senders: Vec<String> = senders.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
            let mut items = c.prepare(
                "SELECT message_id, status, error FROM receipts_owed WHERE sender = ?1 ORDER BY queued_at LIMIT ?2",
            )?;
            let mut out: Owed = Vec::with_capacity(senders.len());
            for sender in senders {
                let rows = items.query_map(params![sender, per_sender as i64], |r| {
                    Ok(OwedItem { message_id: r.get(0)?, status: r.get(1)?, error: r.get(2)? })
                })?;
                out.push((sender, rows.collect::<std::result::Result<Vec<_>, _>>()?));
            }
            Ok(out)
        })
    }

    /// Clears receipts that were sent, and audits the receipt.
    pub fn receipts_sent(
        &self,
        to: &str,
        items: &[OwedItem],
        receipt_id: &str,
        digest: &[u8; 32],
    ) -> Result<()> {
        self.transaction(|tx, me| {
            for item in items {
                tx.prepare_cached("DELETE FROM receipts_owed WHERE sender = ?1 AND message_id = ?2 AND status = ?3")?.execute(
                    params![to, item.message_id, item.status],
                )?;
            }
            Store::audit(tx, me, AuditEntry {
                event: "receipt",
                message: Some(receipt_id),
                peer: Some(to),
                digest: Some(digest),
                detail: json!({"direction": "sent", "items": items.len()}),
            })?;
            Ok(())
        })
    }

    /// Drops receipts owed to an agency that can no longer be reached (left the directory).
    pub fn drop_owed(&self, to: &str) -> Result<usize> {
        self.with(|c| Ok(c.execute("DELETE FROM receipts_owed WHERE sender = ?1", [to])?))
    }

    /// The inbox: newest first, at most `limit + 1` rows (the extra one says more remain),
    /// after the row `(stored_at, id)` of `filter.after` when given; each row with its
    /// `stored_at` in unix ms, its sort key with the id.
    pub fn inbox(&self, filter: &InboxFilter, limit: usize) -> Result<Vec<(Summary, i64)>> {
        self.with(|c| {
            let mut sql = String::from(
                "SELECT id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, read_at, state FROM messages WHERE kind != 'receipt'",
            );
            let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
            if filter.only_sent {
                sql.push_str(" AND direction = 'out'");
            } else if !filter.include_sent {
                sql.push_str(" AND direction = 'in'");
            }
            if let Some(t) = &filter.tlp {
                args.push(Box::new(t.clone()));
                sql.push_str(&format!(" AND tlp = ?{}", args.len()));
            }
            if let Some(st) = &filter.state {
                args.push(Box::new(st.clone()));
                sql.push_str(&format!(" AND state = ?{}", args.len()));
            }
            if let Some(k) = &filter.kind {
                args.push(Box::new(k.clone()));
                sql.push_str(&format!(" AND kind = ?{}", args.len()));
            }
            if !filter.kinds.is_empty() {
                let mut marks = Vec::new();
                for k in &filter.kinds {
                    args.push(Box::new(k.clone()));
                    marks.push(format!("?{}", args.len()));
                }
                sql.push_str(&format!(" AND kind IN ({})", marks.join(", ")));
            }
            if let Some(f) = &filter.from {
                args.push(Box::new(f.clone()));
                sql.push_str(&format!(" AND sender = ?{}", args.len()));
            }
            if let Some(s) = filter.since {
                args.push(Box::new(s));
                sql.push_str(&format!(" AND stored_at >= ?{}", args.len()));
            }
            if filter.unread {
                sql.push_str(" AND read_at IS NULL");
            }
            if let Some((at, id, sender)) = &filter.after {
                args.push(Box::new(*at));
                let a = args.len();
                args.push(Box::new(id.clone()));
                let b = args.len();
                args.push(Box::new(sender.clone()));
                let c = args.len();
                sql.push_str(&format!(
                    " AND (stored_at < ?{a} OR (stored_at = ?{a} AND (id < ?{b} OR (id = ?{b} AND sender < ?{c}))))"
                ));
            }
            sql.push_str(" ORDER BY stored_at DESC, id DESC, sender DESC");
            args.push(Box::new((limit + 1) as i64));
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
            let mut stmt = c.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), |r| {
                Ok((summary_row(r)?, r.get::<_, i64>(8)?))
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// The messages stored under `id` (from `sender` only, when given), with their envelopes.
    /// More than one means agencies used the same id: see [`Store::message`].
    pub fn messages_with_id(&self, id: &str, sender: Option<&str>) -> Result<Vec<StoredMessage>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, read_at, state, envelope, digest FROM messages
                 WHERE id = ?1 AND (?2 IS NULL OR sender = ?2) ORDER BY stored_at LIMIT 16",
            )?;
            let rows = stmt.query_map(params![id, sender], |r| {
                let digest: Vec<u8> = r.get(12)?;
                Ok(StoredMessage {
                    summary: summary_row(r)?,
                    envelope: r.get(11)?,
                    digest: digest.try_into().unwrap_or([0; 32]),
                })
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// The one message stored under `id` (from `sender`, when given). When two agencies used
    /// the same id and no sender is named, a conflict naming them: an id alone cannot say
    /// which is meant.
    pub fn message(&self, id: &str, sender: Option<&str>) -> Result<Option<StoredMessage>> {
        Self::only_one(id, self.messages_with_id(id, sender)?)
    }

    /// The one message of `found` (what [`Store::messages_with_id`] gave for `id`), none, or a
    /// conflict naming the senders when there are more.
    pub fn only_one(id: &str, mut found: Vec<StoredMessage>) -> Result<Option<StoredMessage>> {
        if found.len() > 1 {
            let senders: Vec<&str> = found.iter().map(|m| m.summary.sender.as_str()).collect();
            return Err(StoreError::Conflict(format!(
                "id {id} was used by {}: name the sender",
                senders.join(" and ")
            )));
        }
        Ok(found.pop())
    }

    /// Marks a message read and audits that a person viewed it.
    /// `user` is the jaring user, `unix` the local account that acted as it (names can be
    /// reused after a user is removed; the account pins who it was).
    pub fn viewed(
        &self,
        id: &str,
        sender: &str,
        digest: &[u8; 32],
        user: &str,
        unix: &str,
    ) -> Result<()> {
        self.transaction(|tx, me| {
            tx.prepare_cached(
                "UPDATE messages SET read_at = COALESCE(read_at, ?2) WHERE id = ?1 AND sender = ?3",
            )?
            .execute(params![id, now_ms(), sender])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    event: "viewed",
                    message: Some(id),
                    peer: Some(sender),
                    digest: Some(digest),
                    detail: json!({"user": user, "unix": unix}),
                },
            )?;
            Ok(())
        })
    }

    /// Delivery state per recipient of a message this node sent.
    pub fn deliveries(&self, id: &str) -> Result<Vec<Delivery>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT recipient, state, error, attempts, updated_at, subject FROM deliveries WHERE message_id = ?1 ORDER BY recipient",
            )?;
            let rows = stmt.query_map([id], |r| {
                Ok(Delivery {
                    recipient: r.get(0)?,
                    state: r.get(1)?,
                    error: r.get(2)?,
                    attempts: r.get(3)?,
                    updated_at: ts(r.get(4)?),
                    subject: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// The state and status history of referral `id` as stored with its message from `sender`:
    /// one this node sent (sender is this agency) or one it received from `sender`.
    pub fn referral(&self, id: &str, sender: &str) -> Result<Option<ReferralState>> {
        let mine = sender == self.agency.as_str();
        self.with(|c| {
            let head = c
                .query_row(
                    "SELECT direction, counterpart, status, updated_at, closed_at FROM referrals
                     WHERE id = ?1 AND ((?3 AND direction = 'out') OR (NOT ?3 AND direction = 'in' AND counterpart = ?2))",
                    params![id, sender, mine],
                    |r| {
                        Ok(ReferralState {
                            direction: r.get(0)?,
                            counterpart: r.get(1)?,
                            status: r.get(2)?,
                            updated_at: ts(r.get(3)?),
                            closed_at: r.get::<_, Option<i64>>(4)?.map(ts),
                            history: Vec::new(),
                        })
                    },
                )
                .optional()?;
            let Some(mut head) = head else { return Ok(None) };
            let mut stmt = c.prepare(
                "SELECT message_id, status, by_agency, at FROM referral_events
                 WHERE referral_id = ?1 AND (counterpart IS NULL OR counterpart = ?2) ORDER BY at",
            )?;
            head.history = stmt
                .query_map(params![id, head.counterpart], |r| {
                    Ok(ReferralEvent {
                        message: r.get(0)?,
                        status: r.get(1)?,
                        by: r.get(2)?,
                        at: ts(r.get(3)?),
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
            Ok(Some(head))
        })
    }

    /// The agencies from which this node received a referral under `id` (more than one only
    /// when agencies used the same id).
    pub fn referral_senders(&self, id: &str) -> Result<Vec<String>> {
        self.with(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT counterpart FROM referrals WHERE id = ?1 AND direction = 'in' ORDER BY counterpart LIMIT 16",
            )?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<Vec<String>, _>>()?)
        })
    }

    /// The quarantine, newest first: at most `limit + 1` rows below `before` (a qid).
    pub fn quarantine(&self, limit: usize, before: Option<i64>) -> Result<Vec<QuarantineRow>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT qid, at, subject, stream_seq, code, detail, sender, sender_verified, message_id, digest, COALESCE(size, length(envelope)), length(envelope)
                 FROM quarantine WHERE qid < ?2 ORDER BY qid DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map(params![(limit + 1) as i64, before.unwrap_or(i64::MAX)], |r| {
                let digest: Vec<u8> = r.get(9)?;
                Ok(QuarantineRow {
                    qid: r.get(0)?,
                    at: ts(r.get(1)?),
                    subject: r.get(2)?,
                    stream_seq: r.get(3)?,
                    code: r.get(4)?,
                    detail: r.get(5)?,
                    sender: r.get(6)?,
                    sender_verified: r.get(7)?,
                    message: r.get(8)?,
                    digest: b64::encode(&digest),
                    bytes: r.get(10)?,
                    kept: r.get(11)?,
                })
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Counts for `jaring status`.
    pub fn counts(&self) -> Result<Counts> {
        self.with(|c| {
            let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0));
            // One pass over the index for the three message counts (a status page over
            // 100,000 messages took three).
            let (received, unread, sent) = c.query_row(
                "SELECT coalesce(sum(direction = 'in'), 0), coalesce(sum(direction = 'in' AND read_at IS NULL), 0), coalesce(sum(direction = 'out'), 0)
                 FROM messages INDEXED BY messages_by_kind WHERE kind != 'receipt'",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
            )?;
            Ok(Counts {
                received,
                unread,
                sent,
                quarantined: count("SELECT count(*) FROM quarantine")?,
                deliveries_pending: count("SELECT count(*) FROM deliveries WHERE state = 'pending'")?,
                deliveries_failed: count("SELECT count(*) FROM deliveries WHERE state = 'failed'")?,
                receipts_owed: count("SELECT count(*) FROM receipts_owed")?,
            })
        })
    }

    /// Erases referrals past retention (and closed ones past the shorter retention), with their
    /// status messages, deliveries and quarantine copies; one `purged` audit entry each, naming
    /// the id and nothing of the content. Returns the purged referral ids.
    ///
    /// Besides: status messages whose referral this node does not hold (orphans) past the same
    /// retention, and quarantined envelopes past the earlier of the two retentions (any of
    /// them may be a referral that still opens). Every erased id leaves a tombstone.
    pub fn purge_expired(
        &self,
        stored_before: i64,
        closed_before: i64,
        quarantine_before: i64,
        alerts_before: i64,
    ) -> Result<Vec<String>> {
        self.transaction(|tx, me| {
            let now = now_ms();
            // A message is its id and its sender: another agency may have used the id, and
            // erasing by id alone would let it have someone else's message erased.
            let erase = |m: &str, sender: &str| -> Result<()> {
                tx.prepare_cached("DELETE FROM messages WHERE id = ?1 AND sender = ?2")?
                    .execute([m, sender])?;
                if sender == me.as_str() {
                    tx.prepare_cached("DELETE FROM deliveries WHERE message_id = ?1")?
                        .execute([m])?;
                }
                tx.prepare_cached(
                    "DELETE FROM quarantine WHERE message_id = ?1 AND (sender = ?2 OR sender IS NULL)",
                )?
                .execute([m, sender])?;
                tx.prepare_cached("DELETE FROM receipts_owed WHERE message_id = ?1 AND sender = ?2")?
                    .execute([m, sender])?;
                correlation::erase(tx, m, sender)?;
                stix::erase(tx, m, sender)?;
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO erased (id, sender, at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![m, sender, now])?;
                Store::audit(
                    tx,
                    me,
                    AuditEntry {
                        event: "purged",
                        message: Some(m),
                        peer: Some(sender),
                        digest: None,
                        detail: json!({}),
                    },
                )?;
                Ok(())
            };
            let pairs = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Vec<(String, String)>> {
                let mut stmt = tx.prepare(sql)?;
                let rows = stmt
                    .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<std::result::Result<_, _>>()?;
                Ok(rows)
            };
            // Alerts, their updates and cancels past their own retention, with their rows in
            // the correlation index (`erase` takes those).
            let alerts = pairs(
                "SELECT id, sender FROM messages WHERE kind IN ('compound-relocation-alert', 'alert-update', 'alert-cancel')
                 AND stored_at < ?1",
                &[&alerts_before],
            )?;
            for (m, sender) in &alerts {
                erase(m, sender)?;
            }
            // Status messages about a referral this node does not hold.
            let orphans = pairs(
                "SELECT m.id, m.sender FROM messages m WHERE m.kind = 'referral-status' AND m.stored_at < ?1
                 AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = json_extract(m.refs, '$[0]'))",
                &[&stored_before],
            )?;
            for (m, sender) in &orphans {
                erase(m, sender)?;
            }
            // The quarantine: any refused envelope may be a referral (its kind may be a lie, its
            // subject another family's), so every row goes by the earlier of the two limits.
            let gone = tx
                .prepare_cached("DELETE FROM quarantine WHERE at < ?1")?
                .execute([stored_before.max(quarantine_before)])?;
            if gone > 0 {
                Store::audit(
                    tx,
                    me,
                    AuditEntry {
                        detail: json!({"rows": gone}),
                        ..AuditEntry::event("quarantine-purged")
                    },
                )?;
            }
            // Referrals, each with the message that made it (from its counterpart, or from
            // this node) and the status messages of that referral alone.
            let mut stmt = tx.prepare(
                "SELECT r.id, r.direction, r.counterpart FROM referrals r
                 JOIN messages m ON m.id = r.id
                  AND m.sender = CASE r.direction WHEN 'in' THEN r.counterpart ELSE ?3 END
                 WHERE m.stored_at < ?1 OR (r.closed_at IS NOT NULL AND r.closed_at < ?2)",
            )?;
            let referrals: Vec<(String, String, String)> = stmt
                .query_map(params![stored_before, closed_before, me.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<std::result::Result<_, _>>()?;
            drop(stmt);
            for (id, direction, counterpart) in &referrals {
                let statuses = pairs(
                    "SELECT message_id, by_agency FROM referral_events
                     WHERE referral_id = ?1 AND (counterpart IS NULL OR counterpart = ?2)",
                    &[id, counterpart],
                )?;
                for (m, by) in &statuses {
                    erase(m, by)?;
                }
                let sender = if direction == "in" {
                    counterpart.as_str()
                } else {
                    me.as_str()
                };
                erase(id, sender)?;
                tx.prepare_cached(
                    "DELETE FROM referral_events WHERE referral_id = ?1 AND (counterpart IS NULL OR counterpart = ?2)",
                )?
                .execute([id, counterpart])?;
                tx.prepare_cached(
                    "DELETE FROM referrals WHERE id = ?1 AND direction = ?2 AND counterpart = ?3",
                )?
                .execute([id, direction, counterpart])?;
            }
            // What each publisher holds, counted again after rows went (by age or with an
            // erased referral).
            tx.prepare_cached(
                "UPDATE quarantine_usage SET bytes = (SELECT COALESCE(SUM(length(q.envelope) + length(q.detail) + ?1), 0)
                 FROM quarantine q WHERE q.publisher = quarantine_usage.publisher)",
            )?
            .execute([QUARANTINE_ROW_COST])?;
            // Refusals dropped over a quota since its last report, reported now rather than at
            // that publisher's next refusal (a flood that stopped leaves no tail unsaid).
            let mut stmt = tx.prepare(
                "SELECT publisher, dropped FROM quarantine_usage WHERE dropped > 0",
            )?;
            let tails: Vec<(String, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
            drop(stmt);
            for (publisher, dropped) in &tails {
                report_dropped(
                    tx,
                    me,
                    publisher,
                    json!({"dropped": dropped, "quota_bytes": me.quarantine_quota}),
                )?;
            }
            Ok(referrals.into_iter().map(|(id, _, _)| id).collect())
        })
    }

    /// The latest checkpoint witnessed from a peer: (size, root).
    pub fn peer_checkpoint(&self, agency: &str) -> Result<Option<(u64, Vec<u8>)>> {
        self.with(|c| {
            Ok(c.query_row(
                "SELECT size, root FROM peer_checkpoints WHERE agency = ?1",
                [agency],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
            )
            .optional()?)
        })
    }

    /// Records a peer checkpoint that verified and extends the one held.
    pub fn witnessed(&self, agency: &str, size: u64, root: &[u8], note: &str) -> Result<()> {
        self.transaction(|tx, me| {
            tx.prepare_cached("INSERT INTO peer_checkpoints (agency, size, root, note, at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (agency) DO UPDATE SET size = excluded.size, root = excluded.root, note = excluded.note, at = excluded.at")?.execute(
                params![agency, size as i64, root, note, now_ms()],
            )?;
            Store::audit(tx, me, AuditEntry {
                event: "checkpoint-witnessed",
                message: None,
                peer: Some(agency),
                digest: None,
                detail: json!({"size": size, "root": b64::encode(root)}),
            })?;
            Ok(())
        })
    }

    /// Raises an alarm about a peer's checkpoint (or this node's own log), with an audit entry
    /// of our own; `kind` as for [`Store::raise_alarm`].
    pub fn alarm(
        &self,
        peer: &str,
        kind: &'static str,
        reason: &str,
        size: Option<u64>,
    ) -> Result<()> {
        self.raise_alarm(
            peer,
            kind,
            reason,
            "checkpoint-alarm",
            json!({"reason": reason, "size": size}),
        )
    }

    /// Raises an alarm (shown by `jaring status`) with its audit entry `event`, in one
    /// transaction. `kind` is one of a fixed set chosen by the code (never text from the
    /// peer): another alarm of the same kind about the same peer within a minute of the last
    /// is a repeat of it, counted, not raised again, so a peer publishing junk at full speed
    /// makes one alarm per kind, and cannot bury a later alarm of another kind among its own.
    pub fn raise_alarm(
        &self,
        peer: &str,
        kind: &'static str,
        reason: &str,
        event: &str,
        detail: Value,
    ) -> Result<()> {
        let reason = clip(reason, DETAIL_KEPT);
        self.transaction(|tx, me| {
            let now = now_ms();
            let repeated = tx
                .prepare_cached(
                    "UPDATE alarms SET repeats = repeats + 1, last_at = ?2
                     WHERE id = (SELECT id FROM alarms WHERE peer = ?1 AND kind = ?4 ORDER BY id DESC LIMIT 1)
                       AND COALESCE(last_at, at) > ?3",
                )?
                .execute(params![peer, now, now - COALESCE_MS, kind])?;
            if repeated > 0 {
                return Ok(());
            }
            tx.prepare_cached("INSERT INTO alarms (at, peer, kind, reason) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![now, peer, kind, reason])?;
            // The table keeps the newest ALARMS_KEPT runs; the audit log keeps every one.
            tx.prepare_cached("DELETE FROM alarms WHERE id <= (SELECT max(id) FROM alarms) - ?1")?
                .execute([ALARMS_KEPT])?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    event,
                    message: None,
                    peer: Some(peer),
                    digest: None,
                    detail,
                },
            )?;
            Ok(())
        })
    }

    /// Alarms raised, newest first.
    pub fn alarms(&self, limit: usize) -> Result<Vec<Alarm>> {
        self.with(|c| {
            let mut stmt = c.prepare(
                "SELECT at, peer, reason, repeats FROM alarms ORDER BY id DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([limit as i64], |r| {
                Ok(Alarm {
                    at: ts(r.get(0)?),
                    peer: r.get(1)?,
                    reason: r.get(2)?,
                    repeats: r.get::<_, i64>(3)?.max(0) as u64,
                })
            })?;
            Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
        })
    }

    /// Records that this node published a checkpoint.
    pub fn checkpointed(&self, size: u64, root: &[u8]) -> Result<()> {
        self.transaction(|tx, me| {
            Store::set_meta(tx, "checkpoint_size", &size.to_string())?;
            Store::audit(
                tx,
                me,
                AuditEntry {
                    event: "checkpoint",
                    message: None,
                    peer: None,
                    digest: None,
                    detail: json!({"size": size, "root": b64::encode(root)}),
                },
            )?;
            Ok(())
        })
    }

    /// Copies committed pages from the write-ahead log into the database without waiting for
    /// (or holding up) the writer; returns the pages copied. Run it often: the writer's own
    /// checkpoint is only a backstop.
    pub fn checkpoint_background(&self) -> Result<i64> {
        let conn = self.checkpointer.lock().map_err(|_| StoreError::Poisoned)?;
        let (log, copied): (i64, i64) =
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                Ok((r.get(1)?, r.get(2)?))
            })?;
        // Under a steady stream of commits a passive checkpoint never finds the log idle, so
        // the log only grows, and a growing file makes every commit's sync slower (its size
        // and allocation are synced too). Past a few megabytes, restart it: the writer waits
        // (transactions are IMMEDIATE) only while the pages committed since the pass above are
        // copied, and the next commits overwrite the log from its start.
        if log >= WAL_RESTART_PAGES {
            conn.query_row("PRAGMA wal_checkpoint(RESTART)", [], |_| Ok(()))?;
        }
        Ok(copied)
    }

    /// Runs a WAL checkpoint so that erased pages leave the write-ahead log too.
    pub fn checkpoint_wal(&self) -> Result<()> {
        self.with(|c| {
            c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })
    }
}

/// Filters of `jaring inbox`.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Only this kind.
    pub kind: Option<String>,
    /// Only these kinds (the ones the caller's roles may list); empty: any.
    pub kinds: Vec<String>,
    /// Only from this agency.
    pub from: Option<String>,
    /// Only stored at or after this time (unix ms).
    pub since: Option<i64>,
    /// Only unread.
    pub unread: bool,
    /// Include what this node sent.
    pub include_sent: bool,
    /// Only what this node sent.
    pub only_sent: bool,
    /// Only this TLP.
    pub tlp: Option<String>,
    /// Only in this state (a referral's status).
    pub state: Option<String>,
    /// Only rows after this one in the inbox order: (stored_at, id, sender).
    pub after: Option<(i64, String, String)>,
}

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Summary> {
    let list = |s: String| serde_json::from_str::<Vec<String>>(&s).unwrap_or_default();
    Ok(Summary {
        id: r.get(0)?,
        direction: if r.get::<_, String>(1)? == "out" {
            Direction::Out
        } else {
            Direction::In
        },
        kind: r.get(2)?,
        sender: r.get(3)?,
        recipients: list(r.get(4)?),
        tlp: r.get(5)?,
        refs: list(r.get(6)?),
        created_at: ts(r.get(7)?),
        stored_at: ts(r.get(8)?),
        read: r.get::<_, Option<i64>>(9)?.is_some(),
        state: r.get(10)?,
    })
}

fn initial_state(kind: jaring_core::Kind) -> Option<&'static str> {
    use jaring_core::Kind::*;
    match kind {
        CompoundRelocationAlert => Some("active"),
        VictimReferral => Some("sent"),
        _ => None,
    }
}

/// Effects of a message's kind on the state of earlier messages.
fn apply_kind_effects(
    tx: &Transaction<'_>,
    me: &TxCtx<'_>,
    header: &Header,
    direction: Direction,
    status: Option<&str>,
) -> Result<()> {
    use jaring_core::Kind::*;
    let now = now_ms();
    let dir = if direction == Direction::In {
        "in"
    } else {
        "out"
    };
    match header.kind {
        VictimReferral => {
            let counterpart = match direction {
                Direction::In => header.sender.to_string(),
                Direction::Out => others(header).collect::<Vec<_>>().join(","),
            };
            let status = if direction == Direction::In {
                "received"
            } else {
                "sent"
            };
            tx.prepare_cached("INSERT OR IGNORE INTO referrals (id, direction, counterpart, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(
                params![header.id.to_string(), dir, counterpart, status, now],
            )?;
            tx.prepare_cached("UPDATE messages SET state = ?2 WHERE id = ?1 AND sender = ?3")?
                .execute(params![
                    header.id.to_string(),
                    status,
                    header.sender.as_str()
                ])?;
        }
        ReferralStatus => {
            let (Some(referral), Some(status)) = (header.refs.first(), status) else {
                return Ok(());
            };
            let referral = referral.to_string();
            // A status counts only from the other party of a referral this node holds: one it
            // sent, for a status received from one of its recipients; one it received from
            // the status's recipient, for a status it sends. The referral is named by its id
            // and that party, never by the id alone (another agency may have used the id).
            let party: Option<(String, String)> = match direction {
                Direction::In => tx
                    .prepare_cached(
                        "SELECT counterpart, ?2 FROM referrals WHERE id = ?1 AND direction = 'out'",
                    )?
                    .query_row(params![referral, me.as_str()], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?
                    .filter(|(c, _): &(String, String)| {
                        c.split(',').any(|c| c == header.sender.as_str())
                    }),
                Direction::Out => match others(header).next() {
                    Some(to) => tx
                        .prepare_cached(
                            "SELECT counterpart, counterpart FROM referrals WHERE id = ?1 AND direction = 'in' AND counterpart = ?2",
                        )?
                        .query_row(params![referral, to], |r| Ok((r.get(0)?, r.get(1)?)))
                        .optional()?,
                    None => None,
                },
            };
            // (the referral's counterpart, the agency that sent the referral message)
            let Some((counterpart, referral_sender)) = party else {
                return Ok(());
            };
            let closed = (status == "closed" || status == "declined" || status == "repatriated")
                .then_some(now);
            let referral_direction = match direction {
                Direction::In => "out",
                Direction::Out => "in",
            };
            tx.prepare_cached("UPDATE referrals SET status = ?2, updated_at = ?3, closed_at = CASE WHEN ?4 IS NULL THEN NULL ELSE COALESCE(closed_at, ?4) END WHERE id = ?1 AND counterpart = ?5 AND direction = ?6")?.execute(
                params![referral, status, now, closed, counterpart, referral_direction],
            )?;
            tx.prepare_cached("UPDATE messages SET state = ?2 WHERE id = ?1 AND sender = ?3")?
                .execute(params![referral, status, referral_sender])?;
            tx.prepare_cached("INSERT OR IGNORE INTO referral_events (referral_id, message_id, status, by_agency, at, counterpart) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?.execute(
                params![referral, header.id.to_string(), status, header.sender.as_str(), now, counterpart],
            )?;
            let other = match direction {
                Direction::In => header.sender.to_string(),
                Direction::Out => counterpart.clone(),
            };
            Store::audit(
                tx,
                me,
                AuditEntry {
                    event: "status-changed",
                    message: Some(&referral),
                    peer: Some(&other),
                    digest: None,
                    detail: json!({"status": status, "by": header.sender.as_str(), "status_message": header.id.to_string()}),
                },
            )?;
        }
        AlertUpdate | AlertCancel => {
            let state = if header.kind == AlertUpdate {
                "updated"
            } else {
                "cancelled"
            };
            for r in &header.refs {
                tx.prepare_cached("UPDATE messages SET state = ?2 WHERE id = ?1 AND sender = ?3 AND kind IN ('compound-relocation-alert', 'alert-update')")?.execute(
                    params![r.to_string(), state, header.sender.as_str()],
                )?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The recipients of a message other than its sender: senders seal to themselves too (so they
/// can open what they sent), but that is not a delivery.
fn others(header: &Header) -> impl Iterator<Item = &str> {
    header
        .recipient_ids()
        .map(AgencyId::as_str)
        .filter(|r| *r != header.sender.as_str())
}

fn owe(tx: &Transaction<'_>, to: &str, id: &str, status: &str, error: Option<&str>) -> Result<()> {
    tx.prepare_cached("INSERT OR REPLACE INTO receipts_owed (sender, message_id, status, error, queued_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(
        params![to, id, status, error, now_ms()],
    )?;
    Ok(())
}

/// Whether a verified envelope refused here came from its sender to this agency, so that the
/// sender is owed a `rejected` receipt: the subject names its family, that sender and this
/// agency (or `ALL`), and the header lists this agency. A genuine envelope re-published by someone else on
/// a foreign subject, or to an agency it was not sealed to, owes its sender nothing: a
/// `rejected` there would be a lie told on the true sender's behalf.
fn owed_a_rejection(header: &Header, subject: &str, me: &TxCtx<'_>) -> bool {
    let mut tokens = subject.rsplit('.');
    let (recipient, sender, family) = (tokens.next(), tokens.next(), tokens.next());
    family == Some(header.kind.family().as_str())
        && sender == Some(header.sender.as_str())
        && (recipient == Some(me.as_str()) || recipient == Some("ALL"))
        && header.recipient_ids().any(|a| a.as_str() == me.as_str())
}

/// Bytes of an envelope kept in quarantine when its sender's signature did not verify.
pub const UNVERIFIED_KEPT: usize = 1024;

/// Characters of a refusal's detail or an alarm's reason kept: they may quote another agency's
/// bytes, and a megabyte of them per row would make the quota and the alarm runs meaningless.
const DETAIL_KEPT: usize = 256;

/// `text` cut to at most `max` characters (on a character boundary), with `…` when cut.
fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]).into(),
        None => text.into(),
    }
}

/// The publisher of a subject: its sender token, which the hub's permissions enforce (the
/// envelope's own sender may be a lie when its signature does not verify).
fn publisher_of(subject: &str) -> &str {
    subject.rsplit('.').nth(1).unwrap_or("")
}

/// Writes the `quarantine-quota` audit entry for the refusals a publisher had dropped since its
/// last one, and starts its count again.
fn report_dropped(
    tx: &Transaction<'_>,
    me: &TxCtx<'_>,
    publisher: &str,
    detail: Value,
) -> Result<()> {
    Store::audit(
        tx,
        me,
        AuditEntry {
            event: "quarantine-quota",
            message: None,
            peer: Some(publisher),
            digest: None,
            detail,
        },
    )?;
    tx.prepare_cached(
        "UPDATE quarantine_usage SET dropped = 0, reported_at = ?2 WHERE publisher = ?1",
    )?
    .execute(params![publisher, now_ms()])?;
    Ok(())
}

/// Quarantines a refusal within its publisher's quota: the row, its `rejected` audit entry and
/// the receipt owed. Over the quota, the refusal is only counted, and reported in the audit
/// log once a minute per publisher (`quarantine-quota`). Says whether it was kept.
fn quarantine(tx: &Transaction<'_>, me: &TxCtx<'_>, item: &QuarantineItem<'_>) -> Result<bool> {
    // An envelope whose sender is not verified may be anyone's junk: its digest and first
    // KiB say what it was, and another agency cannot fill this disk with copies.
    let kept = if item.verified {
        item.envelope
    } else {
        &item.envelope[..item.envelope.len().min(UNVERIFIED_KEPT)]
    };
    // A refusal's detail can quote what the envelope held (a parser's message): at most
    // DETAIL_KEPT characters are kept, and they count against the quota too.
    let detail = clip(item.detail, DETAIL_KEPT);
    let cost = (kept.len() + detail.len()) as i64 + QUARANTINE_ROW_COST;
    let publisher = publisher_of(item.subject);
    let used: i64 = tx
        .prepare_cached("SELECT bytes FROM quarantine_usage WHERE publisher = ?1")?
        .query_row([publisher], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let quota = i64::try_from(me.quarantine_quota).unwrap_or(i64::MAX);
    if used.saturating_add(cost) > quota {
        let (dropped, reported_at): (i64, Option<i64>) = tx
            .prepare_cached(
                "INSERT INTO quarantine_usage (publisher, dropped) VALUES (?1, 1)
                 ON CONFLICT (publisher) DO UPDATE SET dropped = dropped + 1
                 RETURNING dropped, reported_at",
            )?
            .query_row([publisher], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if reported_at.is_none_or(|at| now_ms() - at >= COALESCE_MS) {
            report_dropped(
                tx,
                me,
                publisher,
                json!({"dropped": dropped, "quota_bytes": quota, "last_code": item.code.as_str()}),
            )?;
        }
        return Ok(false);
    }
    tx.prepare_cached(
        "INSERT INTO quarantine_usage (publisher, bytes) VALUES (?1, ?2)
         ON CONFLICT (publisher) DO UPDATE SET bytes = bytes + excluded.bytes",
    )?
    .execute(params![publisher, cost])?;
    tx.prepare_cached("INSERT INTO quarantine (at, subject, stream_seq, code, detail, sender, sender_verified, message_id, digest, envelope, size, publisher)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?.execute(
        params![
            now_ms(),
            item.subject,
            item.stream_seq.map(|s| s as i64),
            item.code.as_str(),
            detail,
            item.sender,
            item.verified,
            item.message_id,
            &item.digest[..],
            kept,
            item.size as i64,
            publisher,
        ],
    )?;
    Store::audit(
        tx,
        me,
        AuditEntry {
            event: "rejected",
            message: item.message_id,
            peer: item.sender,
            digest: Some(item.digest),
            detail: json!({"code": item.code.as_str(), "subject": item.subject, "sender_verified": item.verified}),
        },
    )?;
    // A rejected receipt goes only to a sender whose signature verified, and never answers a
    // receipt.
    if let (true, Some(sender), Some(id), true) =
        (item.verified, item.sender, item.message_id, item.owe)
    {
        owe(tx, sender, id, "rejected", Some(item.code.as_str()))?;
    }
    Ok(true)
}

struct QuarantineItem<'a> {
    subject: &'a str,
    stream_seq: Option<u64>,
    code: ErrorCode,
    detail: &'a str,
    sender: Option<&'a str>,
    verified: bool,
    message_id: Option<&'a str>,
    digest: &'a [u8; 32],
    envelope: &'a [u8],
    /// The envelope's size as it arrived (what is kept may be less).
    size: usize,
    /// Whether the verified sender is owed a `rejected` receipt: only when it plausibly sent
    /// this here itself (see [`owed_a_rejection`]), and never for a receipt.
    owe: bool,
}

fn record_one(tx: &Transaction<'_>, me: &TxCtx<'_>, item: &Inbound) -> Result<Received> {
    match item {
        Inbound::Opened {
            header,
            envelope,
            digest,
            subject,
            stream_seq,
            effect,
        } => {
            let id = header.id.to_string();
            let is_receipt = header.kind == jaring_core::Kind::Receipt;
            let recipients: Vec<&str> = others(header).collect();
            let erased: bool = tx
                .prepare_cached(
                    "SELECT 1 FROM erased WHERE id = ?1 AND (sender = ?2 OR sender = '') LIMIT 1",
                )?
                .query_row([id.as_str(), header.sender.as_str()], |_| Ok(()))
                .optional()?
                .is_some();
            if erased {
                // Erased after retention: the replay is refused, and nothing of it is kept (a
                // quarantined copy would bring the erased referral back).
                let kept = quarantine(
                    tx,
                    me,
                    &QuarantineItem {
                        subject,
                        stream_seq: *stream_seq,
                        code: ErrorCode::Duplicate,
                        detail: "the id was erased after retention: a replay is not stored again",
                        sender: Some(header.sender.as_str()),
                        verified: true,
                        message_id: Some(&id),
                        digest,
                        envelope: &[],
                        size: envelope.len(),
                        owe: false,
                    },
                )?;
                return Ok(refused(kept, ErrorCode::Duplicate));
            }
            // Insert first and look only when the id is taken: a redelivery or a duplicate is
            // the exception, so the common case costs one lookup of the id, not two.
            let inserted = tx.prepare_cached("INSERT INTO messages (id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, expires_at, envelope, digest, subject, stream_seq, state)
                 VALUES (?1, 'in', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (id, sender) DO NOTHING")?.execute(
                params![
                    id,
                    header.kind.as_str(),
                    header.sender.as_str(),
                    json!(recipients).to_string(),
                    header.tlp.as_str(),
                    json!(header.refs).to_string(),
                    header.created_at.unix_millis(),
                    now_ms(),
                    header.expires_at.map(|t| t.unix_millis()),
                    envelope,
                    &digest[..],
                    subject,
                    stream_seq.map(|s| s as i64),
                    initial_state(header.kind).map(|s| if s == "sent" { "received" } else { s }),
                ],
            )?;
            let known: Option<(Vec<u8>, String)> = if inserted == 0 {
                tx.prepare_cached(
                    "SELECT digest, direction FROM messages WHERE id = ?1 AND sender = ?2",
                )?
                .query_row(params![id, header.sender.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
            } else {
                None
            };
            if let Some((known_digest, direction)) = known {
                if known_digest == digest && direction == "in" {
                    if !is_receipt {
                        owe(tx, header.sender.as_str(), &id, "delivered", None)?;
                    }
                    return Ok(Received::Redelivered);
                }
                // The same sender, the same id, other content: the sender equivocates.
                let detail =
                    format!("id {id} was already received from its sender with other content");
                let kept = quarantine(
                    tx,
                    me,
                    &QuarantineItem {
                        subject,
                        stream_seq: *stream_seq,
                        code: ErrorCode::Duplicate,
                        detail: &detail,
                        sender: Some(header.sender.as_str()),
                        verified: true,
                        message_id: Some(&id),
                        digest,
                        envelope,
                        size: envelope.len(),
                        owe: !is_receipt
                            && direction == "in"
                            && owed_a_rejection(header, subject, me),
                    },
                )?;
                return Ok(refused(kept, ErrorCode::Duplicate));
            }
            // Another agency's message under the same id is kept beside this one, and the
            // sharing is audited: honest senders never share an id, so it is someone copying
            // one seen in a clear header (or a broken implementation).
            let shared: Option<String> = tx
                .prepare_cached(
                    "SELECT sender FROM messages WHERE id = ?1 AND sender != ?2 LIMIT 1",
                )?
                .query_row(params![id, header.sender.as_str()], |r| r.get(0))
                .optional()?;
            if let Some(other) = shared {
                Store::audit(
                    tx,
                    me,
                    AuditEntry {
                        event: "id-shared",
                        message: Some(&id),
                        peer: Some(header.sender.as_str()),
                        digest: Some(digest),
                        detail: json!({"also_from": other}),
                    },
                )?;
            }
            let status = match &effect {
                Effect::Status(s) => Some(s.as_str()),
                _ => None,
            };
            apply_kind_effects(tx, me, header, Direction::In, status)?;
            match &effect {
                Effect::Alert(body) => {
                    correlation::index(tx, me, header, body)?;
                    stix::derive(tx, me, header, body)?;
                }
                _ if header.kind == jaring_core::Kind::AlertCancel => {
                    correlation::cancel(tx, header)?;
                    stix::cancel(tx, me, header)?;
                }
                _ => {}
            }
            if let Effect::Receipt(items) = &effect {
                let mut applied = 0usize;
                for (of, status, error) in items {
                    let (state, error) = match status {
                        ReceiptStatus::Delivered => ("delivered", None),
                        ReceiptStatus::Rejected => ("rejected", error.map(|e| e.as_str())),
                    };
                    // Only for messages this node sent to the receipt's sender; `delivered` wins
                    // over an earlier `rejected` (a copy re-published elsewhere may have been
                    // refused first), never the other way round.
                    applied += tx.prepare_cached("UPDATE deliveries SET state = ?3, error = ?4, updated_at = ?5
                         WHERE message_id = ?1 AND recipient = ?2
                           AND (state IN ('pending', 'failed') OR (?3 = 'delivered' AND state = 'rejected'))")?.execute(
                        params![of.to_string(), header.sender.as_str(), state, error, now_ms()],
                    )?;
                }
                Store::audit(
                    tx,
                    me,
                    AuditEntry {
                        event: "receipt",
                        message: Some(&id),
                        peer: Some(header.sender.as_str()),
                        digest: Some(digest),
                        detail: json!({"direction": "received", "items": items.len(), "applied": applied}),
                    },
                )?;
            } else {
                Store::audit(
                    tx,
                    me,
                    AuditEntry {
                        event: "received",
                        message: Some(&id),
                        peer: Some(header.sender.as_str()),
                        digest: Some(digest),
                        detail: json!({"kind": header.kind.as_str(), "subject": subject}),
                    },
                )?;
                owe(tx, header.sender.as_str(), &id, "delivered", None)?;
            }
            Ok(Received::Stored)
        }
        Inbound::Refused {
            error,
            verified,
            claimed_id,
            claimed_sender,
            envelope,
            digest,
            subject,
            stream_seq,
        } => {
            let (sender, id, owe) = match &verified {
                Some(h) => (
                    Some(h.sender.to_string()),
                    Some(h.id.to_string()),
                    h.kind != jaring_core::Kind::Receipt && owed_a_rejection(h, subject, me),
                ),
                None => (claimed_sender.clone(), claimed_id.clone(), false),
            };
            let kept = quarantine(
                tx,
                me,
                &QuarantineItem {
                    subject,
                    stream_seq: *stream_seq,
                    code: error.code,
                    detail: &error.detail,
                    sender: sender.as_deref(),
                    verified: verified.is_some(),
                    message_id: id.as_deref(),
                    digest,
                    envelope,
                    size: envelope.len(),
                    owe,
                },
            )?;
            Ok(refused(kept, error.code))
        }
    }
}

/// A message this node sent, as [`Store::record_sent`] stores it.
#[derive(Debug, Clone)]
pub struct SentRecord {
    /// Its header.
    pub header: Header,
    /// The envelope as published.
    pub wire: Vec<u8>,
    /// SHA-256 of the envelope.
    pub digest: [u8; 32],
    /// (recipient, subject) pairs.
    pub deliveries: Vec<(String, String)>,
    /// When to republish if no receipt has come.
    pub next_attempt_at: i64,
    /// For a referral-status: the status sent.
    pub status: Option<String>,
    /// The jaring user who sent it, for the `sent` audit entry.
    pub user: String,
    /// The local account that acted as that user.
    pub unix: String,
    /// For an alert or an update: its body, for the correlation index.
    pub alert: Option<Box<jaring_core::body::AlertBody>>,
}

fn record_sent_in(tx: &Transaction<'_>, me: &TxCtx<'_>, r: &SentRecord) -> Result<()> {
    let now = now_ms();
    let recipients: Vec<&str> = others(&r.header).collect();
    tx.prepare_cached("INSERT INTO messages (id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, expires_at, envelope, wire, digest, read_at, state)
             VALUES (?1, 'out', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, ?11, ?8, ?12)")?.execute(
            params![
                r.header.id.to_string(),
                r.header.kind.as_str(),
                r.header.sender.as_str(),
                json!(recipients).to_string(),
                r.header.tlp.as_str(),
                json!(r.header.refs).to_string(),
                r.header.created_at.unix_millis(),
                now,
                r.header.expires_at.map(|t| t.unix_millis()),
                &r.wire,
                &r.digest[..],
                initial_state(r.header.kind),
            ],
        )?;
    // The first publish happens right after this commit and is counted here.
    for (recipient, subject) in &r.deliveries {
        tx.prepare_cached("INSERT INTO deliveries (message_id, recipient, subject, state, attempts, next_attempt_at, last_attempt_at, updated_at)
                 VALUES (?1, ?2, ?3, 'pending', 1, ?4, ?5, ?5)")?.execute(
                params![r.header.id.to_string(), recipient, subject, r.next_attempt_at, now],
            )?;
    }
    apply_kind_effects(tx, me, &r.header, Direction::Out, r.status.as_deref())?;
    match &r.alert {
        Some(body) => {
            correlation::index(tx, me, &r.header, body)?;
            stix::derive(tx, me, &r.header, body)?;
        }
        None if r.header.kind == jaring_core::Kind::AlertCancel => {
            correlation::cancel(tx, &r.header)?;
            stix::cancel(tx, me, &r.header)?;
        }
        None => {}
    }
    let to: Vec<&str> = r.deliveries.iter().map(|(who, _)| who.as_str()).collect();
    Store::audit(
        tx,
        me,
        AuditEntry {
            event: "sent",
            message: Some(&r.header.id.to_string()),
            peer: (to.len() == 1).then(|| to[0]),
            digest: Some(&r.digest),
            detail: json!({"kind": r.header.kind.as_str(), "recipients": to, "user": r.user, "unix": r.unix}),
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Retention erases a referral by its id and its sender: another agency's message under
    /// the same id (here an alert whose id the referral squats) stays, with no tombstone.
    #[test]
    fn retention_erases_the_squatters_referral_not_the_message_whose_id_it_took() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(
            &dir.path().join("store.db"),
            AgencyId::parse("ID-KEMLU-PNH").unwrap(),
        )
        .unwrap();
        store
            .with(|c| {
                c.execute_batch(
                    "INSERT INTO messages (id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, envelope, digest)
                       VALUES ('x', 'in', 'compound-relocation-alert', 'TH-RTP', '[]', 'AMBER', '[]', 1, 1, x'00', x'00'),
                              ('x', 'in', 'victim-referral', 'PH-DFA', '[]', 'AMBER', '[]', 1, 1, x'00', x'00');
                     INSERT INTO referrals (id, direction, counterpart, status, updated_at)
                       VALUES ('x', 'in', 'PH-DFA', 'received', 1);",
                )?;
                Ok(())
            })
            .unwrap();
        let erased = store.purge_expired(10, 10, 10, i64::MIN).unwrap();
        assert_eq!(erased, vec!["x".to_owned()]);
        let left = store.messages_with_id("x", None).unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].summary.sender, "TH-RTP");
        let tombstones: Vec<(String, String)> = store
            .with(|c| {
                let mut st = c.prepare("SELECT id, sender FROM erased")?;
                let rows = st
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<std::result::Result<_, _>>()?;
                Ok(rows)
            })
            .unwrap();
        assert_eq!(tombstones, vec![("x".to_owned(), "PH-DFA".to_owned())]);
    }

    /// Refusal details and alarm reasons may quote another agency's bytes: kept short, cut on
    /// a character boundary.
    #[test]
    fn details_are_clipped_on_a_character_boundary() {
        assert_eq!(clip("short", DETAIL_KEPT), "short");
        let long = "ก".repeat(1000);
        let clipped = clip(&long, DETAIL_KEPT);
        assert_eq!(clipped.chars().count(), DETAIL_KEPT + 1);
        assert!(clipped.ends_with('…'));
    }

    /// A store from before (id, sender) keys: its rows survive the rebuild, and afterwards a
    /// second sender's message under the same id is a row of its own.
    #[test]
    fn older_stores_are_rekeyed_by_sender_keeping_their_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE messages (id TEXT PRIMARY KEY, direction TEXT NOT NULL, kind TEXT NOT NULL,
                    sender TEXT NOT NULL, recipients TEXT NOT NULL, tlp TEXT NOT NULL, refs TEXT NOT NULL,
                    created_at INTEGER NOT NULL, stored_at INTEGER NOT NULL, expires_at INTEGER,
                    envelope BLOB NOT NULL, wire BLOB, digest BLOB NOT NULL, subject TEXT,
                    stream_seq INTEGER, read_at INTEGER, state TEXT);
                 CREATE INDEX messages_by_time ON messages (stored_at);
                 CREATE TABLE referrals (id TEXT PRIMARY KEY, direction TEXT NOT NULL,
                    counterpart TEXT NOT NULL, status TEXT NOT NULL, updated_at INTEGER NOT NULL,
                    closed_at INTEGER);
                 CREATE TABLE referral_events (referral_id TEXT NOT NULL, message_id TEXT NOT NULL,
                    status TEXT NOT NULL, by_agency TEXT NOT NULL, at INTEGER NOT NULL,
                    PRIMARY KEY (referral_id, message_id));
                 INSERT INTO messages VALUES ('m1', 'in', 'victim-referral', 'TH-RTP', '[]', 'amber',
                    '[]', 1, 2, NULL, x'00', NULL, x'00', 's', 1, NULL, 'received');
                 INSERT INTO referrals VALUES ('m1', 'in', 'TH-RTP', 'received', 2, NULL);",
            )
            .unwrap();
        }
        let store = Store::open(&path, AgencyId::parse("ID-KEMLU-PNH").unwrap()).unwrap();
        let kept = store.message("m1", None).unwrap().unwrap();
        assert_eq!(kept.summary.sender, "TH-RTP");
        assert_eq!(
            store.referral("m1", "TH-RTP").unwrap().unwrap().status,
            "received"
        );
        store
            .with(|c| {
                c.execute(
                    "INSERT INTO messages (id, direction, kind, sender, recipients, tlp, refs, created_at, stored_at, envelope, digest)
                     VALUES ('m1', 'in', 'victim-referral', 'PH-DFA', '[]', 'amber', '[]', 1, 3, x'00', x'00')",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        assert_eq!(store.messages_with_id("m1", None).unwrap().len(), 2);
        assert!(matches!(
            store.message("m1", None),
            Err(StoreError::Conflict(_))
        ));
        // Opening again finds nothing left to rebuild.
        drop(store);
        let store = Store::open(&path, AgencyId::parse("ID-KEMLU-PNH").unwrap()).unwrap();
        assert_eq!(store.messages_with_id("m1", None).unwrap().len(), 2);
    }
}
