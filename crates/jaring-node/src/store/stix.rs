//! The STIX 2.1 objects the TAXII feed serves and `jaring stix export` writes: derived from an
//! alert thread when one of its messages is stored, in the same transaction (so the feed
//! never decrypts anything on a request), erased with the thread by retention.
//!
//! Each object row sits in the collection of its alert's TLP level, with a `date_added`
//! (`added`, Unix ms) that is unique and increasing across the store: the feed pages and
//! resumes on it alone. The counter is kept in `meta` rather than read from the table, so an
//! erase of the newest rows never lets a later object be added "before" one a client has seen.
//! A new version of an object clears `latest` on the older rows of the same object, which is
//! what the feed serves unless a client asks for other versions.
//!
//! What never gets here: referrals (only alerts are derived), and anything marked RED (an
//! update to RED revokes what the thread had exported, like a cancel).

use jaring_core::body::{AlertBody, Tlp};
use jaring_core::envelope::Header;
use jaring_stix::{AlertVersion, Object, Sender, ThreadIds};
use jaring_taxii::query::{floor_ms, timestamp, ObjectQuery, Versions};
use jaring_taxii::StoredObject;
use rusqlite::{params, OptionalExtension, Transaction};

use super::correlation::thread_of;
use super::{Result, Store, TxCtx};

/// The tables. `stix_objects.added` is the row id: appending in `added` order writes at the
/// b-tree's end, and a page is a range of it, read in order with the other collections' rows
/// skipped (there are four; an index by collection would cost every alert stored a b-tree
/// write per object for reads that are cheap without it).
pub(super) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS stix_objects (
    added INTEGER PRIMARY KEY,
    collection TEXT NOT NULL,
    stix_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    latest INTEGER NOT NULL DEFAULT 1,
    thread_id TEXT,
    thread_sender TEXT,
    message TEXT,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stix_by_object ON stix_objects (collection, stix_id, version);
CREATE INDEX IF NOT EXISTS stix_by_thread ON stix_objects (thread_id, thread_sender);
CREATE TABLE IF NOT EXISTS stix_observed (
    collection TEXT NOT NULL,
    stix_id TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    thread_sender TEXT NOT NULL,
    PRIMARY KEY (collection, stix_id, thread_id, thread_sender)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stix_observed_by_thread ON stix_observed (thread_id, thread_sender);
CREATE TABLE IF NOT EXISTS stix_threads (
    id TEXT NOT NULL,
    sender TEXT NOT NULL,
    version TEXT NOT NULL,
    modified INTEGER NOT NULL,
    tlp TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    ids TEXT NOT NULL,
    PRIMARY KEY (id, sender)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stix_threads_by_version ON stix_threads (version, sender);
CREATE TABLE IF NOT EXISTS stix_messages (
    message TEXT NOT NULL,
    sender TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    PRIMARY KEY (message, sender)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stix_messages_by_thread ON stix_messages (thread_id, sender);
CREATE TABLE IF NOT EXISTS stix_identities (
    agency TEXT PRIMARY KEY,
    uuid TEXT NOT NULL,
    created INTEGER NOT NULL
) WITHOUT ROWID;
"#;

/// The most objects one export writes: past it, the caller narrows with `--since`.
pub const EXPORT_MAX: usize = 200_000;

/// The collection name of a TLP level (its wire name).
fn collection(tlp: Tlp) -> &'static str {
    tlp.as_str()
}

/// The thread's state, as kept: (modified, revoked, ids, tlp).
type Known = (i64, bool, String, String);

fn known(tx: &Transaction<'_>, (id, sender): (&str, &str)) -> Result<Option<Known>> {
    Ok(tx
        .prepare_cached(
            "SELECT modified, revoked, ids, tlp FROM stix_threads WHERE id = ?1 AND sender = ?2",
        )?
        .query_row([id, sender], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?, r.get(3)?))
        })
        .optional()?)
}

/// Hands out `date_added` values: unique, increasing, never before the clock.
struct Clock {
    last: i64,
    /// The message whose objects are being written (each row names it, so retention can
    /// erase one update's versions).
    message: Option<String>,
}

impl Clock {
    fn start(tx: &Transaction<'_>) -> Result<Self> {
        let last = Store::meta_in(tx, "stix_added")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Ok(Self {
            last,
            message: None,
        })
    }

    fn next(&mut self) -> i64 {
        self.last = (self.last + 1).max(super::now_ms());
        self.last
    }

    fn keep(&self, tx: &Transaction<'_>) -> Result<()> {
        Store::set_meta(tx, "stix_added", &self.last.to_string())
    }
}

/// Adds `o` to collection `coll` unless that version is there already; a new version clears
/// `latest` on the object's older rows. Objects without a version (markings, observables) are
/// added once per collection, their version the time they were added. An observable is the
/// same object in every alert that holds the value (its id is made from the value), so it is
/// served once; `stix_observed` notes which threads hold it, and retention erases it with the
/// last of them.
///
/// `fresh`: the object belongs to a thread derived for the first time, so it cannot be in the
/// table yet (nothing to look up, no older version to clear: a catch-up derives thousands).
fn put(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    coll: &str,
    o: &Object,
    thread: Option<(&str, &str)>,
    fresh: bool,
) -> Result<()> {
    match thread {
        Some((tid, tsender)) if jaring_stix::is_sco(&o.kind) => {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO stix_observed (collection, stix_id, thread_id, thread_sender) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![coll, o.id, tid, tsender])?;
            put_row(tx, clock, coll, o, None, false)
        }
        Some(_) => put_row(tx, clock, coll, o, thread, fresh),
        None => put_row(tx, clock, coll, o, None, false),
    }
}

/// Whether collection `coll` holds this version of `o` (for an object without versions: the
/// object, held by `thread`).
fn present(
    tx: &Transaction<'_>,
    coll: &str,
    o: &Object,
    thread: Option<(&str, &str)>,
) -> Result<bool> {
    let (tid, tsender) = thread.unzip();
    Ok(match &o.version {
        Some(v) => tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM stix_objects WHERE collection = ?1 AND stix_id = ?2 AND version = ?3)",
            )?
            .query_row(params![coll, o.id, v], |r| r.get(0))?,
        None => tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM stix_objects WHERE collection = ?1 AND stix_id = ?2
                   AND thread_id IS ?3 AND thread_sender IS ?4)",
            )?
            .query_row(params![coll, o.id, tid, tsender], |r| r.get(0))?,
    })
}

/// [`put`]'s row: `thread` owns it (`None`: shared, and then it names no message either).
fn put_row(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    coll: &str,
    o: &Object,
    thread: Option<(&str, &str)>,
    fresh: bool,
) -> Result<()> {
    if !fresh && present(tx, coll, o, thread)? {
        return Ok(());
    }
    let (tid, tsender) = thread.unzip();
    let added = clock.next();
    let message = thread.and(clock.message.as_deref());
    let version = o.version.clone().unwrap_or_else(|| timestamp(added));
    if o.version.is_some() && !fresh {
        tx.prepare_cached(
            "UPDATE stix_objects SET latest = 0 WHERE collection = ?1 AND stix_id = ?2 AND latest = 1",
        )?
        .execute(params![coll, o.id])?;
    }
    tx.prepare_cached(
        "INSERT INTO stix_objects (added, collection, stix_id, kind, version, latest, thread_id, thread_sender, message, json)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![added, coll, o.id, o.kind, version, tid, tsender, message, o.json])?;
    Ok(())
}

/// The identity minted for `agency` (kept: every object it created refers to it).
fn identity(tx: &Transaction<'_>, agency: &str, now: i64) -> Result<(uuid::Uuid, i64)> {
    let kept: Option<(String, i64)> = tx
        .prepare_cached("SELECT uuid, created FROM stix_identities WHERE agency = ?1")?
        .query_row([agency], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((u, created)) = kept {
        if let Ok(u) = uuid::Uuid::parse_str(&u) {
            return Ok((u, created));
        }
    }
    let u = uuid::Uuid::new_v4();
    tx.prepare_cached(
        "INSERT OR REPLACE INTO stix_identities (agency, uuid, created) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![agency, u.to_string(), now])?;
    Ok((u, now))
}

/// Derives the objects of an alert or an update (received or sent) in the caller's
/// transaction. A version older than the one derived, or of a revoked thread, is skipped. A
/// body that cannot be mapped is logged and skipped: the alert itself is stored regardless.
/// A RED version revokes the thread for good (a thread once restricted is not exported
/// again: whoever restricted it would have to be asked).
pub(super) fn derive(
    tx: &Transaction<'_>,
    me: &TxCtx<'_>,
    header: &Header,
    body: &AlertBody,
) -> Result<()> {
    // A node without a feed has nothing to do for a version that is not RED (RED revokes
    // below, feed or not): returning before any lookup spares each stored alert two
    // statements on the store's one writer thread, where a catch-up spends its time.
    if !me.stix_derive && header.tlp != Tlp::Red {
        return Ok(());
    }
    let (id, sender) = thread_of(header);
    let modified = header.created_at.unix_millis();
    let before = known(tx, (&id, &sender))?;
    if before.as_ref().is_some_and(|(_, revoked, _, _)| *revoked) {
        return Ok(());
    }
    let mut clock = Clock::start(tx)?;
    clock.message = Some(header.id.to_string());
    if header.tlp == Tlp::Red {
        // Nothing RED is exported; what an earlier, wider version exported is revoked, even
        // when this version is not the newest (a late RED must not leave the wider one
        // served), and even by a node that no longer derives (its feed may be on again).
        // A thread first met RED is marked too, so that a late copy of a wider earlier
        // version is not derived after it.
        if before.is_some() || me.stix_derive {
            revoke_thread(tx, &mut clock, (&id, &sender), modified, None)?;
            mark(tx, header, (&id, &sender), modified, true, before.as_ref())?;
        }
        return clock.keep(tx);
    }
    if !me.stix_derive || before.as_ref().is_some_and(|(at, _, _, _)| *at >= modified) {
        return Ok(());
    }
    let mut ids: ThreadIds = before
        .as_ref()
        .and_then(|(_, _, ids, _)| serde_json::from_str(ids).ok())
        .unwrap_or_default();
    // A thread whose level changed: what the old collection holds is revoked there, and the
    // new collection gets new objects (a revoked object has no later version).
    let old_level = before
        .as_ref()
        .map(|(_, _, _, tlp)| tlp.as_str())
        .filter(|tlp| *tlp != header.tlp.as_str());
    if let Some(old) = old_level {
        revoke_thread(tx, &mut clock, (&id, &sender), modified, Some(old))?;
        ids = ThreadIds::default();
    }
    let (identity, identity_created) = identity(tx, &sender, modified)?;
    let thread = format!("{sender}/{id}");
    let version = AlertVersion {
        sender: Sender {
            agency: &sender,
            name: None,
            identity,
            identity_created_ms: identity_created,
        },
        thread: &thread,
        tlp: header.tlp,
        modified_ms: modified,
        body,
    };
    let objects = match jaring_stix::alert_objects(&version, &mut ids) {
        Ok(o) => o,
        Err(e) => {
            tracing::warn!(message = %header.id, error = %e, "stix: alert not exported");
            return clock.keep(tx);
        }
    };
    let coll = collection(header.tlp);
    if let Some(common) = common(header.tlp) {
        // Written together, once a collection: when the last is there, all are.
        let written = match common.last() {
            Some(last) => present(tx, coll, last, None)?,
            None => true,
        };
        if !written {
            for o in common {
                put(tx, &mut clock, coll, o, None, false)?;
            }
        }
    }
    let fresh = before.is_none() || old_level.is_some();
    for o in &objects {
        let owner = (o.kind != "identity").then_some((id.as_str(), sender.as_str()));
        put(tx, &mut clock, coll, o, owner, fresh)?;
    }
    if !fresh {
        drop_missing(tx, &mut clock, coll, (&id, &sender), &objects, modified)?;
    }
    // Slots whose objects this version dropped are forgotten: one added back later is a new
    // object (a revoked one has no later version).
    let kept: std::collections::HashSet<&str> = objects
        .iter()
        .filter_map(|o| o.id.split_once("--").map(|(_, u)| u))
        .collect();
    ids.slots
        .retain(|_, u| kept.contains(u.to_string().as_str()));
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "{}".into());
    tx.prepare_cached(
        "INSERT INTO stix_threads (id, sender, version, modified, tlp, revoked, ids) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
         ON CONFLICT (id, sender) DO UPDATE SET version = excluded.version, modified = excluded.modified,
           tlp = excluded.tlp, ids = excluded.ids",
    )?
    .execute(params![id, sender, header.id.to_string(), modified, coll, ids])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO stix_messages (message, sender, thread_id) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![header.id.to_string(), sender, id])?;
    clock.keep(tx)
}

/// After an update: what the thread had in `coll` and this version no longer has (an
/// indicator or an operator taken out, a place without its point) is revoked, and the
/// thread lets go of observables it no longer holds (erased with their last holder).
fn drop_missing(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    coll: &str,
    (id, sender): (&str, &str),
    objects: &[Object],
    modified: i64,
) -> Result<()> {
    let now: std::collections::HashSet<&str> = objects.iter().map(|o| o.id.as_str()).collect();
    let stale: Vec<String> = tx
        .prepare_cached(
            "SELECT json FROM stix_objects WHERE thread_id = ?1 AND thread_sender = ?2 AND collection = ?3 AND latest = 1",
        )?
        .query_map([id, sender, coll], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for json in stale {
        match jaring_stix::revoke(&json, modified) {
            Ok(Some(o)) if !now.contains(o.id.as_str()) => {
                put(tx, clock, coll, &o, Some((id, sender)), false)?
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "stix: an object could not be revoked"),
        }
    }
    let held: Vec<String> = tx
        .prepare_cached(
            "SELECT stix_id FROM stix_observed WHERE thread_id = ?1 AND thread_sender = ?2 AND collection = ?3",
        )?
        .query_map([id, sender, coll], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for sco in held.iter().filter(|s| !now.contains(s.as_str())) {
        let_go(tx, coll, sco, (id, sender))?;
    }
    Ok(())
}

/// The thread stops holding observable `sco` of `coll`; the observable goes with its last
/// holder.
fn let_go(tx: &Transaction<'_>, coll: &str, sco: &str, (id, sender): (&str, &str)) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM stix_observed WHERE collection = ?1 AND stix_id = ?2 AND thread_id = ?3 AND thread_sender = ?4",
    )?
    .execute([coll, sco, id, sender])?;
    tx.prepare_cached(
        "DELETE FROM stix_objects WHERE collection = ?1 AND stix_id = ?2 AND thread_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM stix_observed WHERE collection = ?1 AND stix_id = ?2)",
    )?
    .execute([coll, sco])?;
    Ok(())
}

/// The objects every collection holds once ([`jaring_stix::common_objects`]), made once a
/// process: they are the same for every alert.
fn common(tlp: Tlp) -> Option<&'static [Object]> {
    static COMMON: std::sync::OnceLock<Vec<(Tlp, Vec<Object>)>> = std::sync::OnceLock::new();
    COMMON
        .get_or_init(|| {
            [Tlp::Clear, Tlp::Green, Tlp::Amber, Tlp::AmberStrict]
                .into_iter()
                .filter_map(|t| Some((t, jaring_stix::common_objects(t).ok()?)))
                .collect()
        })
        .iter()
        .find(|(t, _)| *t == tlp)
        .map(|(_, o)| o.as_slice())
}

/// Records a thread as revoked (so a late copy of an earlier version is not derived again).
fn mark(
    tx: &Transaction<'_>,
    header: &Header,
    (id, sender): (&str, &str),
    modified: i64,
    revoked: bool,
    before: Option<&Known>,
) -> Result<()> {
    let ids = before.map_or("{}", |(_, _, ids, _)| ids.as_str());
    tx.prepare_cached(
        "INSERT INTO stix_threads (id, sender, version, modified, tlp, revoked, ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id, sender) DO UPDATE SET version = excluded.version, modified = excluded.modified,
           tlp = excluded.tlp, revoked = excluded.revoked",
    )?
    .execute(params![
        id,
        sender,
        header.id.to_string(),
        modified,
        header.tlp.as_str(),
        revoked,
        ids
    ])?;
    Ok(())
}

/// Adds a revoked version of every domain object and relationship the thread has in the feed.
///
/// `only`: in that collection alone (a thread that moved to another level).
fn revoke_thread(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    (id, sender): (&str, &str),
    modified: i64,
    only: Option<&str>,
) -> Result<()> {
    let rows: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT collection, json FROM stix_objects WHERE thread_id = ?1 AND thread_sender = ?2 AND latest = 1
               AND (?3 IS NULL OR collection = ?3)
             ORDER BY added",
        )?
        .query_map(params![id, sender, only], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (coll, json) in rows {
        match jaring_stix::revoke(&json, modified) {
            Ok(Some(o)) => put(tx, clock, &coll, &o, Some((id, sender)), false)?,
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "stix: an object could not be revoked"),
        }
    }
    Ok(())
}

/// A cancel: the thread's objects are revoked, and the thread stays out of the feed.
///
/// Done by a node that no longer derives too, for threads it derived (its feed may be on
/// again): a cancelled alert must not stay served.
pub(super) fn cancel(tx: &Transaction<'_>, me: &TxCtx<'_>, header: &Header) -> Result<()> {
    let (id, sender) = thread_of(header);
    let modified = header.created_at.unix_millis();
    let before = known(tx, (&id, &sender))?;
    if before.is_none() && !me.stix_derive {
        return Ok(());
    }
    if before.as_ref().is_some_and(|(_, revoked, _, _)| *revoked) {
        return Ok(());
    }
    let mut clock = Clock::start(tx)?;
    clock.message = Some(header.id.to_string());
    revoke_thread(tx, &mut clock, (&id, &sender), modified, None)?;
    mark(tx, header, (&id, &sender), modified, true, before.as_ref())?;
    clock.keep(tx)
}

/// Erases every object of message `id` from `sender`'s thread (its own thread if it is an
/// original alert, the thread it last updated if it is an update), with retention.
pub(super) fn erase(tx: &Transaction<'_>, id: &str, sender: &str) -> Result<()> {
    // An update that is not its thread's latest version: only the versions it made go (the
    // thread's current objects came from a later message).
    let of: Option<String> = tx
        .prepare_cached("SELECT thread_id FROM stix_messages WHERE message = ?1 AND sender = ?2")?
        .query_row([id, sender], |r| r.get(0))
        .optional()?;
    let latest_of: Option<String> = tx
        .prepare_cached("SELECT id FROM stix_threads WHERE version = ?1 AND sender = ?2")?
        .query_row([id, sender], |r| r.get(0))
        .optional()?;
    if let (Some(thread), None) = (&of, &latest_of) {
        if thread != id {
            tx.prepare_cached(
                "DELETE FROM stix_objects WHERE thread_id = ?1 AND thread_sender = ?2 AND message = ?3 AND latest = 0",
            )?
            .execute([thread.as_str(), sender, id])?;
            tx.prepare_cached("DELETE FROM stix_messages WHERE message = ?1 AND sender = ?2")?
                .execute([id, sender])?;
            return Ok(());
        }
    }
    let mut threads = vec![id.to_owned()];
    threads.extend(latest_of);
    for t in &threads {
        tx.prepare_cached("DELETE FROM stix_objects WHERE thread_id = ?1 AND thread_sender = ?2")?
            .execute([t, sender])?;
        // Observables no other thread holds go with it.
        let observed: Vec<(String, String)> = tx
            .prepare_cached(
                "SELECT collection, stix_id FROM stix_observed WHERE thread_id = ?1 AND thread_sender = ?2",
            )?
            .query_map([t, sender], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (coll, sco) in observed {
            let_go(tx, &coll, &sco, (t, sender))?;
        }
        tx.prepare_cached("DELETE FROM stix_threads WHERE id = ?1 AND sender = ?2")?
            .execute([t, sender])?;
        tx.prepare_cached("DELETE FROM stix_messages WHERE thread_id = ?1 AND sender = ?2")?
            .execute([t, sender])?;
    }
    Ok(())
}

/// `?`, `?`, … for a list of `n` parameters.
fn marks(n: usize) -> String {
    vec!["?"; n].join(",")
}

impl Store {
    /// Objects of the collection of level `tlp` matching `q`, in `date_added` order: at most
    /// `q.limit + 1`.
    pub fn stix_objects(&self, tlp: Tlp, q: &ObjectQuery) -> Result<Vec<StoredObject>> {
        // Without ids, a page is a range of the row id read in order, the other collections'
        // rows skipped: left to itself, SQLite would read the whole collection through the
        // index by object and sort it, for every page.
        let mut sql = format!(
            "SELECT added, stix_id, version, json FROM stix_objects s {} WHERE collection = ? AND added > ?",
            if q.ids.is_empty() { "NOT INDEXED" } else { "" }
        );
        let mut args: Vec<rusqlite::types::Value> = vec![
            collection(tlp).to_owned().into(),
            q.after_ms.unwrap_or(i64::MIN).into(),
        ];
        let first = "NOT EXISTS (SELECT 1 FROM stix_objects o WHERE o.collection = s.collection
                       AND o.stix_id = s.stix_id AND o.added < s.added)";
        match &q.versions {
            Versions::Last => sql.push_str(" AND latest = 1"),
            Versions::First => sql.push_str(&format!(" AND {first}")),
            Versions::All => {}
            Versions::At {
                versions,
                last,
                first: with_first,
            } => {
                let mut any = vec![format!("version IN ({})", marks(versions.len()))];
                for v in versions {
                    // The same instant however many fraction digits the client wrote.
                    let v = floor_ms(v).map(timestamp).unwrap_or_else(|_| v.clone());
                    args.push(v.into());
                }
                if *last {
                    any.push("latest = 1".into());
                }
                if *with_first {
                    any.push(first.into());
                }
                sql.push_str(&format!(" AND ({})", any.join(" OR ")));
            }
        }
        for (column, list) in [("stix_id", &q.ids), ("kind", &q.types)] {
            if !list.is_empty() {
                sql.push_str(&format!(" AND {column} IN ({})", marks(list.len())));
                args.extend(list.iter().map(|v| v.clone().into()));
            }
        }
        sql.push_str(" ORDER BY added LIMIT ?");
        args.push(((q.limit + 1) as i64).into());
        self.read(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(args), |r| {
                    Ok(StoredObject {
                        added_ms: r.get(0)?,
                        id: r.get(1)?,
                        version: r.get(2)?,
                        json: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        })
    }

    /// The latest version of every object of these levels added after `since` (Unix ms), in
    /// `date_added` order, each object once (the shared ones sit in every collection): the
    /// JSON texts of a bundle, and whether more than [`EXPORT_MAX`] rows matched (the list is
    /// then cut short).
    pub fn stix_export(&self, levels: &[Tlp], since: Option<i64>) -> Result<(Vec<String>, bool)> {
        let sql = format!(
            "SELECT stix_id, version, kind, json FROM stix_objects NOT INDEXED WHERE latest = 1 AND added > ? AND collection IN ({})
             ORDER BY added LIMIT ?",
            marks(levels.len())
        );
        let mut args: Vec<rusqlite::types::Value> = vec![since.unwrap_or(i64::MIN).into()];
        args.extend(levels.iter().map(|t| collection(*t).to_owned().into()));
        args.push(((EXPORT_MAX + 1) as i64).into());
        self.read(|c| {
            let mut seen = std::collections::HashSet::new();
            let (mut out, mut read) = (Vec::new(), 0usize);
            let mut stmt = c.prepare(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
            while let Some(r) = rows.next()? {
                read += 1;
                // An observable has no version of its own: one copy, whichever collection.
                let (id, version, kind): (String, String, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?);
                let key = if jaring_stix::is_sco(&kind) {
                    (id, String::new())
                } else {
                    (id, version)
                };
                if seen.insert(key) {
                    out.push(r.get(3)?);
                }
            }
            // Past the limit (counted before duplicates were left out): the caller refuses.
            Ok((out, read > EXPORT_MAX))
        })
    }

    /// How many object rows the feed holds (for tests and status).
    pub fn stix_rows(&self) -> Result<u64> {
        self.read(|c| {
            Ok(c.query_row("SELECT COUNT(*) FROM stix_objects", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
        })
    }
}
