//! The correlation index: the keys of every alert this agency can read (received and sent),
//! written in the same transaction that stores the alert, and the queries over it (related
//! alerts, searches, a compound's trail) and people's decisions on suggested links.
//!
//! One entry per alert *thread*: an alert and its updates are indexed under the original
//! alert's (id, sender), with the content of the latest version; a cancel takes the thread out
//! of the index. Referrals never enter it. Retention erases a thread's rows with its alert.
//!
//! Exclusions and the cap are applied when the index is read, so a change to either in the
//! config takes effect at the node's next start, without a rebuild. Crossing the cap is also noted once when it
//! happens (`correlation-capped`, audited without the value).

use std::collections::{BTreeMap, BTreeSet};

use jaring_api::correlation::{Flagged, Related, Via};
use jaring_core::body::{AlertBody, Place};
use jaring_core::envelope::Header;
use jaring_core::Kind;
use jaring_correlate::facets::{AlertKeys, End, Facet, Key, PlaceKey};
use jaring_correlate::normalise::fold;
use jaring_correlate::Exclusions;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

use super::{AuditEntry, Result, Store, StoreError, TxCtx};

mod walk;
use walk::Walk;

/// The index's tables. Every thread is numbered once (`corr_alerts.num`, its rowid), and the
/// other tables carry that integer, never the thread's two texts: a b-tree entry per value or
/// place is a few bytes of key, and the thread's row (its content, a few hundred bytes) is
/// appended to a rowid table rather than placed in a b-tree keyed by text (a table
/// `WITHOUT ROWID` with rows that long splits pages on every few inserts: the row was a third
/// of what indexing an alert cost).
///
/// - `corr_alerts`: one row per thread, found by (id, sender) through `corr_alerts_by_thread`;
///   `corr_alerts_by_version` holds only threads whose content is an update's or that were
///   cancelled (`version != id`), the rows an erasure of an update looks for.
/// - `corr_keys`: every value held, numbered once (`key`, its rowid), found by (facet, value)
///   through `corr_keys_by_value`; `capped_at` set once the value went over the cap (never on
///   a reference). A value no thread holds any more is deleted with its last holder's rows.
/// - `corr_values`: the holders of each value, as two integers (key, num), so a value's
///   holders are one range scan of a b-tree of a few bytes an entry; `shared` true on every
///   holder of a value more than one thread holds; by holder (num, shared), so a walk reads
///   a member's shared values alone. (The value's text sat in every holder's entry before:
///   the table was several times larger, and a walk compared texts at every step.)
/// - `corr_places`: the coordinates under `slot` = num × 2 + end (0 from, 1 to), so a thread's
///   places are a rowid range; by area, in grid cells of half a degree square, so that the
///   places near one are a few cells' entries whatever lies at the same latitude elsewhere,
///   read from the index alone (it holds the slot).
/// - `corr_decisions`: people's confirmations and dismissals, by (id, sender), which outlive
///   a rebuild.
pub(super) const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS corr_alerts (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    sender TEXT NOT NULL,
    version TEXT NOT NULL,
    version_at INTEGER NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0,
    compound TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',
    reference TEXT,
    observed_at INTEGER NOT NULL DEFAULT 0,
    grading TEXT NOT NULL DEFAULT '',
    tlp TEXT NOT NULL DEFAULT '',
    from_place TEXT NOT NULL DEFAULT '{}',
    to_place TEXT NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX IF NOT EXISTS corr_alerts_by_thread ON corr_alerts (id, sender);
CREATE INDEX IF NOT EXISTS corr_alerts_by_version ON corr_alerts (version, sender)
    WHERE version != id;
CREATE TABLE IF NOT EXISTS corr_keys (
    key INTEGER PRIMARY KEY,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    capped_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS corr_keys_by_value ON corr_keys (facet, value);
CREATE TABLE IF NOT EXISTS corr_values (
    key INTEGER NOT NULL,
    num INTEGER NOT NULL,
    shared INTEGER NOT NULL,
    PRIMARY KEY (key, num)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corr_values_by_holder ON corr_values (num, shared);
CREATE TABLE IF NOT EXISTS corr_places (
    slot INTEGER PRIMARY KEY,
    cell INTEGER NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    precision_m INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS corr_places_by_area ON corr_places (cell, lat, lon, precision_m);
CREATE TABLE IF NOT EXISTS corr_decisions (
    trail TEXT NOT NULL,
    id TEXT NOT NULL,
    sender TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
    by_user TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (trail, id, sender)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corr_decisions_by_alert ON corr_decisions (id, sender);
"#;

/// The meta key set while the index must be filled again from the stored messages: after the
/// index's tables were replaced (a store made before the numbered schema), until a rebuild
/// has run to its end.
pub(super) const STALE: &str = "correlation_stale";

/// Run before [`SCHEMA`]: a store made before the index's values were numbered (its
/// `corr_values` holds the value's text, as `facet`, and before the threads were numbered
/// also the thread's `id`) has its index's tables dropped, to be made again by [`SCHEMA`] and
/// filled by a rebuild, which the node starts when it finds [`STALE`]. The index is derived
/// from the stored messages, so nothing is lost; people's decisions are kept (their table is
/// unchanged; the rebuild notes the capped values again). Returns whether it dropped
/// anything.
pub(super) fn migrate(conn: &rusqlite::Connection) -> Result<bool> {
    let old: i64 = conn.query_row(
        "SELECT count(*) FROM pragma_table_info('corr_values') WHERE name IN ('id', 'facet')",
        [],
        |r| r.get(0),
    )?;
    if old == 0 {
        return Ok(false);
    }
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(
        "DROP TABLE IF EXISTS corr_values;
         DROP TABLE IF EXISTS corr_keys;
         DROP TABLE IF EXISTS corr_places;
         DROP TABLE IF EXISTS corr_alerts;
         DROP TABLE IF EXISTS corr_capped;",
    )?;
    Store::set_meta(&tx, STALE, "1")?;
    tx.commit()?;
    Ok(true)
}

/// How the index is read: the radius for places, the cap per value, the exclusion list.
#[derive(Debug)]
pub struct Settings {
    /// Places within this many kilometres (precisions allowed for) are suggested as one.
    pub radius_km: f64,
    /// A value in more alerts than this links nothing and is flagged.
    pub max_per_value: u64,
    /// Values that never link.
    pub exclusions: Exclusions,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            radius_km: 25.0,
            max_per_value: 50,
            exclusions: Exclusions::default(),
        }
    }
}

/// An alert thread, as the index holds it.
#[derive(Debug, Clone)]
pub struct IndexedAlert {
    /// The original alert's id.
    pub id: String,
    /// Its sender.
    pub sender: String,
    /// The message whose content is indexed.
    pub version: String,
    /// The compound's name.
    pub compound: String,
    /// Its aliases.
    pub aliases: Vec<String>,
    /// Its reference.
    pub reference: Option<String>,
    /// When the move was observed (Unix ms).
    pub observed_at: i64,
    /// `B2`.
    pub grading: String,
    /// TLP.
    pub tlp: String,
    /// Where from.
    pub from: Place,
    /// Where to.
    pub to: Place,
}

/// What a trail query read from the index; the node turns it into the API's `Trail`.
#[derive(Debug, Default)]
pub struct TrailRows {
    /// The trail's key: its reference, or `name:` and the folded name.
    pub key: String,
    /// The members, in time order.
    pub members: Vec<IndexedAlert>,
    /// (a, b, via) between members.
    pub links: Vec<(Thread, Thread, Via)>,
    /// (suggested, linked_to, via) for alerts outside the trail.
    pub suggestions: Vec<(IndexedAlert, String, Via)>,
    /// Keys of members over the cap.
    pub flagged: Vec<Flagged>,
}

/// The most alerts one trail holds: a bound on the walk, whatever the index holds.
pub const TRAIL_MAX: usize = 1000;
/// The most alerts one search answers.
pub const SEARCH_MAX: usize = 500;
/// The most alerts one trail suggests for being nearby: the nearest. In a town with many
/// compounds, distance alone says little; a person reads the nearest first.
pub const NEAR_MAX: usize = 25;
// Places read around one of the trail's places: 200 a cell, and no more cells once 200 are read.

/// An alert thread: the original alert's (id, sender).
pub type Thread = (String, String);

/// A stored alert-kind envelope: (stored_at, id, sender, envelope).
pub type StoredAlert = (i64, String, String, Vec<u8>);

pub(super) fn thread_of(header: &Header) -> Thread {
    let id = match (header.kind, header.refs.first()) {
        (Kind::AlertUpdate | Kind::AlertCancel, Some(original)) => original.to_string(),
        _ => header.id.to_string(),
    };
    (id, header.sender.to_string())
}

/// The slot of a thread's place in `corr_places`: num × 2, plus one for where it went.
fn slot(num: i64, end: End) -> i64 {
    num * 2 + i64::from(end == End::To)
}

/// Takes thread `num`'s keys and places out of the index (its row stays), and the values no
/// other thread holds with them: what retention erases leaves nothing of its values behind
/// (and a value noted over the cap is forgotten with its last holder).
fn clear(tx: &Transaction<'_>, num: i64) -> Result<()> {
    let held = unhold(tx, num)?;
    forget_unheld(tx, &held)
}

/// Takes thread `num`'s keys and places out of the index, and returns the numbers of the
/// values it held; they stay in `corr_keys` (an update that keeps a value keeps its number
/// and its note over the cap) until [`forget_unheld`].
fn unhold(tx: &Transaction<'_>, num: i64) -> Result<Vec<i64>> {
    let held: Vec<i64> = tx
        .prepare_cached("SELECT key FROM corr_values WHERE num = ?1")?
        .query_map([num], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    tx.prepare_cached("DELETE FROM corr_values WHERE num = ?1")?
        .execute([num])?;
    tx.prepare_cached("DELETE FROM corr_places WHERE slot BETWEEN ?1 AND ?2")?
        .execute([slot(num, End::From), slot(num, End::To)])?;
    Ok(held)
}

/// Deletes those of values `keys` that no thread holds any more.
fn forget_unheld(tx: &Transaction<'_>, keys: &[i64]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let mut forget = tx.prepare_cached(
        "DELETE FROM corr_keys WHERE key = ?1
           AND NOT EXISTS (SELECT 1 FROM corr_values WHERE key = ?1)",
    )?;
    for k in keys {
        forget.execute([k])?;
    }
    Ok(())
}

/// The number of thread (`id`, `sender`) in the index, if it is there.
fn num_of(c: &rusqlite::Connection, (id, sender): (&str, &str)) -> Result<Option<i64>> {
    Ok(
        c.prepare_cached("SELECT num FROM corr_alerts WHERE id = ?1 AND sender = ?2")?
            .query_row([id, sender], |r| r.get(0))
            .optional()?,
    )
}

/// Indexes an alert or an update (received or sent) in the caller's transaction.
pub(super) fn index(
    tx: &Transaction<'_>,
    me: &TxCtx<'_>,
    header: &Header,
    body: &AlertBody,
) -> Result<()> {
    let (id, sender) = thread_of(header);
    let created = header.created_at.unix_millis();
    let place = |p: &Place| serde_json::to_string(p).unwrap_or_else(|_| "{}".into());
    let (version, from, to) = (header.id.to_string(), place(&body.from), place(&body.to));
    let aliases = serde_json::to_string(&body.compound.aliases).unwrap_or_else(|_| "[]".into());
    let grading = format!("{}{}", body.source_reliability, body.info_credibility);
    let observed = body.observed_at.unix_millis();
    // The content, as ?1 to ?10 of both statements below.
    let content: [&dyn rusqlite::ToSql; 10] = [
        &version,
        &created,
        &body.compound.name,
        &aliases,
        &body.compound.reference,
        &observed,
        &grading,
        &header.tlp.as_str(),
        &from,
        &to,
    ];
    // A new thread (every alert of a catch-up) is numbered by its insert alone; only when the
    // thread is there already is its row read. (Not `RETURNING num`: SQLite runs a RETURNING
    // clause as a trigger writing to a temporary table, which costs more than it saves.)
    let mut bound = content.to_vec();
    bound.extend([&id as &dyn rusqlite::ToSql, &sender]);
    let inserted = tx
        .prepare_cached(
            "INSERT INTO corr_alerts (version, version_at, compound, aliases, reference,
               observed_at, grading, tlp, from_place, to_place, id, sender)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id, sender) DO NOTHING",
        )?
        .execute(bound.as_slice())?;
    let fresh = (inserted == 1).then(|| tx.last_insert_rowid());
    // The values an earlier version held: forgotten once this version's are written, if no
    // thread holds them then.
    let mut held_before = Vec::new();
    let num = match fresh {
        Some(num) => num,
        None => {
            let (num, at, cancelled): (i64, i64, bool) = tx
                .prepare_cached(
                    "SELECT num, version_at, cancelled FROM corr_alerts WHERE id = ?1 AND sender = ?2",
                )?
                .query_row([&id, &sender], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0))
                })?;
            // A cancelled thread stays out; an older version arriving late does not replace a
            // newer.
            if cancelled || at > created {
                return Ok(());
            }
            // A thread indexed before: its keys are cleared and its row rewritten in place,
            // under the same number.
            held_before = unhold(tx, num)?;
            let mut bound = content.to_vec();
            bound.push(&num);
            tx.prepare_cached(
                "UPDATE corr_alerts SET version = ?1, version_at = ?2, compound = ?3, aliases = ?4,
                   reference = ?5, observed_at = ?6, grading = ?7, tlp = ?8, from_place = ?9,
                   to_place = ?10 WHERE num = ?11",
            )?
            .execute(bound.as_slice())?;
            num
        }
    };
    let keys = AlertKeys::of(body);
    // Each statement is taken from the cache once an alert, not once a key.
    let mut lookup = tx.prepare_cached(
        "SELECT key, capped_at IS NOT NULL FROM corr_keys WHERE facet = ?1 AND value = ?2",
    )?;
    let mut fresh_key =
        tx.prepare_cached("INSERT INTO corr_keys (facet, value) VALUES (?1, ?2)")?;
    let mut count = tx.prepare_cached(&format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM corr_values WHERE key = ?1 LIMIT {})",
        me.correlation_cap.max(2)
    ))?;
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO corr_values (key, num, shared) VALUES (?1, ?2, ?3)",
    )?;
    for key in &keys.keys {
        let found: Option<(i64, bool)> = lookup
            .query_row(params![key.facet.as_str(), key.value], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        // The alerts holding the value before this one, counted up to the cap (and at least
        // to 2: whether the value is shared, and whether this alert is its second holder);
        // `None` for a value already noted over the cap (not counted again: a common name
        // would be read up to the cap for every alert that carries it), which is shared.
        let (k, before) = match found {
            None => {
                fresh_key.execute(params![key.facet.as_str(), key.value])?;
                (tx.last_insert_rowid(), Some(0))
            }
            Some((k, true)) => (k, None),
            Some((k, false)) => {
                let n: i64 = count.query_row([k], |r| r.get(0))?;
                (k, Some(u64::try_from(n).unwrap_or(0)))
            }
        };
        let shared = before.is_none_or(|n| n >= 1);
        insert.execute(params![k, num, shared])?;
        if let Some(before) = before {
            if before == 1 {
                mark_first_holder(tx, k)?;
            }
            note_cap(tx, me, key, k, &id, before + 1)?;
        }
    }
    // An alert's places (one or two) in one statement.
    if !keys.places.is_empty() {
        let rows = vec!["(?, ?, ?, ?, ?)"; keys.places.len()].join(", ");
        let mut place_rows = tx.prepare_cached(&format!(
            "INSERT OR REPLACE INTO corr_places (slot, cell, lat, lon, precision_m) VALUES {rows}"
        ))?;
        let values: Vec<[rusqlite::types::Value; 5]> = keys
            .places
            .iter()
            .map(|p| {
                [
                    slot(num, p.end).into(),
                    cell(p.lat, p.lon).into(),
                    p.lat.into(),
                    p.lon.into(),
                    i64::from(p.precision_m).into(),
                ]
            })
            .collect();
        place_rows.execute(rusqlite::params_from_iter(values.iter().flatten()))?;
    }
    forget_unheld(tx, &held_before)
}

/// Marks the first holder of a value that just gained its second: `corr_values.shared` is true
/// on every holder row of a value more than one alert holds (the new row is written with it).
/// A row stays marked when the other holders are erased: a stale mark costs a walk one
/// lookup, a missing one would lose a link.
fn mark_first_holder(tx: &Transaction<'_>, key: i64) -> Result<()> {
    tx.prepare_cached("UPDATE corr_values SET shared = 1 WHERE key = ?1 AND shared = 0")?
        .execute([key])?;
    Ok(())
}

/// Notes, once, that value `k` (`key`) went over the cap, given `n`, the alerts holding it
/// now (counted up to the cap and one more).
fn note_cap(
    tx: &Transaction<'_>,
    me: &TxCtx<'_>,
    key: &Key,
    k: i64,
    id: &str,
    n: u64,
) -> Result<()> {
    let cap = me.correlation_cap;
    // A reference is never capped.
    if n <= cap || key.facet == Facet::Ref {
        return Ok(());
    }
    let fresh = tx
        .prepare_cached("UPDATE corr_keys SET capped_at = ?2 WHERE key = ?1 AND capped_at IS NULL")?
        .execute(params![k, super::now_ms()])?;
    if fresh > 0 {
        // The facet and the count, never the value: the audit log holds no content.
        Store::audit(
            tx,
            me,
            AuditEntry {
                detail: json!({"facet": key.facet.as_str(), "alerts": n, "cap": cap}),
                message: Some(id),
                ..AuditEntry::event("correlation-capped")
            },
        )?;
    }
    Ok(())
}

/// Degrees per side of a grid cell of `corr_places`.
const CELL_DEG: f64 = 0.5;

/// The grid row of a latitude: rows of half a degree from the south pole.
fn cell_row(lat: f64) -> i64 {
    ((lat + 90.0) / CELL_DEG).floor() as i64
}

/// The grid column of a longitude: columns of half a degree from 180° W (not wrapped).
fn cell_col(lon: f64) -> i64 {
    ((lon + 180.0) / CELL_DEG).floor() as i64
}

/// The grid cell of a row and a column: 720 cells a row, the column wrapped around the globe.
fn cell_of(row: i64, col: i64) -> i64 {
    row * 720 + col.rem_euclid(720)
}

/// The grid cell of a position.
fn cell(lat: f64, lon: f64) -> i64 {
    cell_of(cell_row(lat), cell_col(lon))
}

/// The cells a box meets (at most 400: a box that wide is cut to its middle).
fn cells(lat0: f64, lat1: f64, lon0: f64, lon1: f64) -> Vec<i64> {
    let (r0, r1) = (cell_row(lat0), cell_row(lat1));
    let (c0, c1) = (cell_col(lon0), cell_col(lon1));
    let mut out = Vec::new();
    for r in r0..=r1.min(r0 + 19) {
        for c in c0..=c1.min(c0 + 19) {
            out.push(cell_of(r, c));
        }
    }
    out
}

/// Takes a cancelled alert's thread out of the index (and keeps it out): only the thread's
/// ids stay, so that a late copy of the alert is not indexed again.
pub(super) fn cancel(tx: &Transaction<'_>, header: &Header) -> Result<()> {
    let (id, sender) = thread_of(header);
    if let Some(num) = num_of(tx, (&id, &sender))? {
        clear(tx, num)?;
    }
    tx.prepare_cached(
        "INSERT INTO corr_alerts (id, sender, version, version_at, cancelled) VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT (id, sender) DO UPDATE SET cancelled = 1, compound = '', aliases = '[]',
           reference = NULL, observed_at = 0, grading = '', tlp = '', from_place = '{}', to_place = '{}'",
    )?
    .execute(params![
        id,
        sender,
        header.id.to_string(),
        header.created_at.unix_millis()
    ])?;
    Ok(())
}

/// Erases everything the index holds of message `id` from `sender`: its thread if it is an
/// original alert, the thread it last updated if it is an update.
pub(super) fn erase(tx: &Transaction<'_>, id: &str, sender: &str) -> Result<()> {
    // Decisions filed on the message itself go with it, whether or not it is indexed.
    let mut decided = vec![id.to_owned()];
    if let Some((num, thread)) = thread_num(tx, id, sender)? {
        clear(tx, num)?;
        tx.prepare_cached("DELETE FROM corr_alerts WHERE num = ?1")?
            .execute([num])?;
        if thread != id {
            decided.push(thread);
        }
    }
    for t in &decided {
        tx.prepare_cached("DELETE FROM corr_decisions WHERE id = ?1 AND sender = ?2")?
            .execute([t, sender])?;
    }
    Ok(())
}

/// Whether a key may link alerts: not excluded, not over the cap. Returns the threads holding
/// it (at most the cap), or `Err(count)` when over it.
fn holders(
    conn: &rusqlite::Connection,
    key: &Key,
    limit: u64,
) -> Result<std::result::Result<Vec<i64>, u64>> {
    let rows = holders_all(conn, key, (limit + 1) as usize)?;
    let n = rows.len() as u64;
    Ok(if n > limit { Err(n) } else { Ok(rows) })
}

/// The keys thread `num` is indexed under.
fn keys_of(conn: &rusqlite::Connection, num: i64) -> Result<Vec<Key>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.facet, k.value FROM corr_values v JOIN corr_keys k ON k.key = v.key
         WHERE v.num = ?1",
    )?;
    let rows = stmt.query_map([num], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    let mut keys = Vec::new();
    for row in rows {
        let (facet, value) = row?;
        if let Some(facet) = Facet::parse(&facet) {
            keys.push(Key { facet, value });
        }
    }
    Ok(keys)
}

/// Column `i` of a row as text borrowed from the row, not copied.
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}

/// A place from the columns `slot, lat, lon, precision_m` of a row of `corr_places`,
/// starting at `first`.
fn place_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<PlaceKey> {
    let slot: i64 = r.get(first)?;
    Ok(PlaceKey {
        end: if slot & 1 == 1 { End::To } else { End::From },
        lat: r.get(first + 1)?,
        lon: r.get(first + 2)?,
        precision_m: r.get(first + 3)?,
    })
}

/// The columns [`alert_at`] reads, in its order.
const ALERT_COLUMNS: &str = "id, sender, version, compound, aliases, reference, observed_at, grading, tlp, from_place, to_place";

/// An indexed alert from the columns [`ALERT_COLUMNS`] of `corr_alerts`, starting at `first`.
fn alert_at(r: &rusqlite::Row<'_>, first: usize) -> Result<IndexedAlert> {
    let text = |i: usize| text_at(r, first + i);
    let place = |text: &str| -> Result<Place> {
        serde_json::from_str(text)
            .map_err(|e| StoreError::Conflict(format!("correlation index: a stored place: {e}")))
    };
    Ok(IndexedAlert {
        id: text(0)?.to_owned(),
        sender: text(1)?.to_owned(),
        version: text(2)?.to_owned(),
        compound: text(3)?.to_owned(),
        aliases: serde_json::from_str(text(4)?).unwrap_or_default(),
        reference: r.get(first + 5)?,
        observed_at: r.get(first + 6)?,
        grading: text(7)?.to_owned(),
        tlp: text(8)?.to_owned(),
        from: place(text(9)?)?,
        to: place(text(10)?)?,
    })
}

/// The indexed alert of thread `num`, unless unknown or cancelled.
fn alert_row(conn: &rusqlite::Connection, num: i64) -> Result<Option<IndexedAlert>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ALERT_COLUMNS} FROM corr_alerts WHERE num = ?1 AND cancelled = 0"
    ))?;
    let mut rows = stmt.query([num])?;
    match rows.next()? {
        Some(r) => Ok(Some(alert_at(r, 0)?)),
        None => Ok(None),
    }
}

fn via(key: &Key) -> Via {
    Via {
        facet: key.facet.as_str().to_owned(),
        value: key.value.clone(),
    }
}

fn related_of(alert: &IndexedAlert, via: Vec<Via>) -> Related {
    Related {
        id: alert.id.clone(),
        sender: alert.sender.clone(),
        compound: alert.compound.clone(),
        observed_at: super::ts(alert.observed_at),
        via,
    }
}

impl Store {
    /// Runs `f` in one read transaction: the many small lookups of a walk then share one
    /// snapshot and one lock, instead of each taking and dropping its own (a trail's walk spent
    /// more time in file locking than in lookups).
    pub(super) fn read<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> Result<T>) -> Result<T> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
    }

    /// Sets the count past which a value is noted as over the cap when indexed. When it
    /// differs from the cap the notes were taken under, they are taken again from the index
    /// (one pass over it), so that the trail's walk, which leaves noted values out, follows
    /// the configured cap.
    pub fn set_correlation_cap(&self, cap: u64) -> Result<()> {
        let cap = cap.max(1);
        self.correlation_cap
            .store(cap, std::sync::atomic::Ordering::Relaxed);
        if self.meta("correlation_cap")?.as_deref() == Some(cap.to_string().as_str()) {
            return Ok(());
        }
        self.transaction(|tx, _| {
            tx.execute(
                "UPDATE corr_keys SET capped_at = NULL WHERE capped_at IS NOT NULL",
                [],
            )?;
            tx.execute(
                "UPDATE corr_keys SET capped_at = ?2 WHERE facet != 'ref' AND key IN
                   (SELECT key FROM corr_values GROUP BY key HAVING COUNT(*) > ?1)",
                params![cap as i64, super::now_ms()],
            )?;
            Store::set_meta(tx, "correlation_cap", &cap.to_string())
        })
    }

    /// The thread a message belongs to in the index: itself, or the alert it updated.
    pub fn thread(&self, id: &str, sender: &str) -> Result<Option<Thread>> {
        Ok(self
            .with(|c| thread_num(c, id, sender))?
            .map(|(_, id)| (id, sender.to_owned())))
    }

    /// The message whose content the index holds for thread (`id`, `sender`), unless the
    /// thread is unknown or cancelled.
    pub fn indexed_version(&self, id: &str, sender: &str) -> Result<Option<String>> {
        self.with(|c| {
            Ok(c.prepare_cached(
                "SELECT version FROM corr_alerts WHERE id = ?1 AND sender = ?2 AND cancelled = 0",
            )?
            .query_row([id, sender], |r| r.get(0))
            .optional()?)
        })
    }

    /// The alerts that share a reference, name, operator or indicator with the thread of
    /// message `id` from `sender`, each with the values it shares; and the thread's values
    /// over the cap, which link nothing here (flagged, so that a person sees why an alert they
    /// expected is not listed).
    pub fn related(
        &self,
        id: &str,
        sender: &str,
        s: &Settings,
    ) -> Result<(Vec<Related>, Vec<Flagged>)> {
        self.read(|c| {
            let Some((thread, _)) = thread_num(c, id, sender)? else {
                return Ok((Vec::new(), Vec::new()));
            };
            let mut found: BTreeMap<i64, Vec<Via>> = BTreeMap::new();
            let mut flagged = Vec::new();
            for key in keys_of(c, thread)? {
                if s.exclusions.excludes(key.facet, &key.value) {
                    continue;
                }
                // A reference is never capped: one held by more alerts than a trail holds is
                // cut at that bound, not flagged.
                let held = match key.facet {
                    Facet::Ref => Ok(holders_all(c, &key, TRAIL_MAX)?),
                    _ => holders(c, &key, s.max_per_value)?,
                };
                let others = match held {
                    Ok(others) => others,
                    Err(alerts) => {
                        flagged.push(Flagged {
                            facet: key.facet.as_str().into(),
                            value: key.value.clone(),
                            alerts,
                        });
                        continue;
                    }
                };
                for other in others.into_iter().filter(|o| *o != thread) {
                    found.entry(other).or_default().push(via(&key));
                }
            }
            let mut out = Vec::new();
            for (num, via) in found {
                if let Some(alert) = alert_row(c, num)? {
                    out.push(related_of(&alert, via));
                }
            }
            out.sort_by(|a, b| b.observed_at.cmp(&a.observed_at).then(a.id.cmp(&b.id)));
            Ok((out, flagged))
        })
    }

    /// Every alert holding one of `keys`: (hits, excluded keys, keys over the cap).
    pub fn correlate_search(
        &self,
        keys: &[Key],
        s: &Settings,
    ) -> Result<(Vec<Related>, Vec<Via>, Vec<Flagged>)> {
        self.read(|c| {
            let mut found: BTreeMap<i64, Vec<Via>> = BTreeMap::new();
            let (mut excluded, mut flagged) = (Vec::new(), Vec::new());
            for key in keys {
                if s.exclusions.excludes(key.facet, &key.value) {
                    excluded.push(via(key));
                }
                // A search shows a value's holders even when it is over the cap (up to the
                // answer's bound): the cap stops linking, not finding.
                let holders = holders(c, key, SEARCH_MAX as u64)?;
                let rows = match holders {
                    Ok(rows) => {
                        if rows.len() as u64 > s.max_per_value {
                            flagged.push(Flagged {
                                facet: key.facet.as_str().into(),
                                value: key.value.clone(),
                                alerts: rows.len() as u64,
                            });
                        }
                        rows
                    }
                    Err(n) => {
                        flagged.push(Flagged {
                            facet: key.facet.as_str().into(),
                            value: key.value.clone(),
                            alerts: n,
                        });
                        holders_all(c, key, SEARCH_MAX)?
                    }
                };
                for t in rows {
                    found.entry(t).or_default().push(via(key));
                }
                if found.len() >= SEARCH_MAX {
                    break;
                }
            }
            let mut hits = Vec::new();
            for (num, via) in found.into_iter().take(SEARCH_MAX) {
                if let Some(alert) = alert_row(c, num)? {
                    hits.push(related_of(&alert, via));
                }
            }
            hits.sort_by(|a, b| b.observed_at.cmp(&a.observed_at).then(a.id.cmp(&b.id)));
            Ok((hits, excluded, flagged))
        })
    }

    /// A compound's trail: the alerts with reference `reference` (asked for by a name
    /// (`name`, folded): those of the reference the name leads to, or the earliest alert of
    /// that name; see [`name_seeds`]), and every alert joined to them by a shared reference or
    /// indicator or a confirmation,
    /// walked to a fixed point (at most [`TRAIL_MAX`] alerts); then the alerts linked to them
    /// only by a name, an operator or a place nearby, as suggestions.
    pub fn trail(&self, reference: Option<&str>, name: &str, s: &Settings) -> Result<TrailRows> {
        self.read(|c| {
            let seed_key = match reference {
                Some(r) => Key {
                    facet: Facet::Ref,
                    value: r.to_owned(),
                },
                None => Key {
                    facet: Facet::Name,
                    value: name.to_owned(),
                },
            };
            let seeds = match reference {
                Some(_) => holders_all(c, &seed_key, TRAIL_MAX)?,
                None => name_seeds(c, &seed_key, &s.exclusions)?,
            };
            if seeds.is_empty() {
                return Ok(TrailRows::default());
            }
            let mut walk = Walk::new(c, s);
            walk.add_all(&seeds)?;
            walk.expand()?;
            // Decisions are filed under the earliest reference the trail holds, however it was
            // asked for; a trail without one files them under a name, and those are read too
            // once the trail gains a reference.
            let names: BTreeSet<String> = walk
                .names()
                .map(|n| format!("name:{}", fold(n)))
                .chain(std::iter::once(format!("name:{name}")).filter(|_| reference.is_none()))
                .collect();
            let key = walk
                .earliest_reference()
                .or_else(|| reference.map(str::to_owned))
                .unwrap_or_else(|| format!("name:{name}"));
            // People's confirmations join the trail (and are walked from); dismissals keep an
            // alert out of the suggestions.
            let mut dismissed = BTreeSet::new();
            let mut decisions: Vec<(String, String, String, String)> = Vec::new();
            let mut stmt = c.prepare_cached(
                "SELECT id, sender, decision, by_user FROM corr_decisions WHERE trail = ?1",
            )?;
            for filed in std::iter::once(&key).chain(names.iter().filter(|n| **n != key)) {
                let rows = stmt.query_map([filed], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
                for row in rows {
                    decisions.push(row?);
                }
            }
            drop(stmt);
            for (id, sender, decision, by) in decisions {
                // A decision on an alert no longer indexed (erased, not yet rebuilt) is kept
                // and counts again once the alert is back.
                let Some(num) = num_of(c, (&id, &sender))? else {
                    continue;
                };
                if decision == "confirmed" {
                    let via = Via {
                        facet: "confirmed".into(),
                        value: by,
                    };
                    walk.add(num, via)?;
                } else {
                    dismissed.insert(num);
                }
            }
            walk.expand()?;
            let suggestions = walk.suggestions(&dismissed)?;
            let links = walk.links();
            let (members, flagged) = walk.into_members();
            Ok(TrailRows {
                key,
                members,
                links,
                suggestions,
                flagged,
            })
        })
    }

    /// Records a person's decision on a suggested link, audited with their name.
    pub fn decide(
        &self,
        trail: &str,
        id: &str,
        sender: &str,
        confirmed: bool,
        user: &str,
        unix: &str,
    ) -> Result<()> {
        let decision = if confirmed { "confirmed" } else { "dismissed" };
        self.transaction(|tx, me| {
            let held: Option<i64> = tx
                .prepare_cached(
                    "SELECT 1 FROM corr_alerts WHERE id = ?1 AND sender = ?2 AND cancelled = 0",
                )?
                .query_row([id, sender], |r| r.get(0))
                .optional()?;
            if held.is_none() {
                return Err(StoreError::NotFound(format!(
                    "no alert {id} from {sender} in the correlation index"
                )));
            }
            tx.prepare_cached(
                "INSERT OR REPLACE INTO corr_decisions (trail, id, sender, decision, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![trail, id, sender, decision, user, super::now_ms()])?;
            // A trail named by a reference is named in the audit entry; one named by a compound
            // name is not (a name is content).
            let reference = uuid::Uuid::parse_str(trail).is_ok().then_some(trail);
            Store::audit(
                tx,
                me,
                AuditEntry {
                    event: if confirmed {
                        "trail-confirmed"
                    } else {
                        "trail-dismissed"
                    },
                    message: Some(id),
                    peer: Some(sender),
                    digest: None,
                    detail: json!({"user": user, "unix": unix, "trail": reference}),
                },
            )?;
            Ok(())
        })
    }

    /// Whether the index must be filled again from the stored messages: its tables were
    /// replaced when the store was opened, and no rebuild has run to its end since.
    pub fn correlation_stale(&self) -> Result<bool> {
        Ok(self.meta(STALE)?.is_some())
    }

    /// Notes that a rebuild ran to its end: the index holds every stored alert.
    pub fn correlation_rebuilt(&self) -> Result<()> {
        self.transaction(|tx, _| {
            tx.execute("DELETE FROM meta WHERE key = ?1", [STALE])?;
            Ok(())
        })
    }

    /// Empties the index, to be filled again by [`Store::reindex`], and marks it stale until
    /// [`Store::correlation_rebuilt`]: a rebuild cut short (a shutdown, a crash, an error) is
    /// run again by the node at its next start, whoever asked for it.
    pub fn clear_correlation(&self) -> Result<()> {
        self.transaction(|tx, _| {
            tx.execute_batch(
                "DELETE FROM corr_values; DELETE FROM corr_keys; DELETE FROM corr_places; DELETE FROM corr_alerts;",
            )?;
            Store::set_meta(tx, STALE, "1")
        })
    }

    /// Indexes opened alerts (a rebuild), in one transaction: `(header, body)` for alerts and
    /// updates, `(header, None)` for cancels. Returns the rows written.
    pub fn reindex(&self, opened: &[(Header, Option<AlertBody>)]) -> Result<u64> {
        self.transaction(|tx, me| {
            let mut erased =
                tx.prepare_cached("SELECT 1 FROM erased WHERE id = ?1 AND sender IN (?2, '')")?;
            for (header, body) in opened {
                // A rebuild opens a page of messages before this transaction; retention may
                // have erased one of them since. Indexing it now would bring back what was
                // erased, with nothing left to erase it again. (A tombstone made before
                // tombstones held a sender has an empty one.)
                let (id, sender) = (header.id.to_string(), header.sender.to_string());
                if erased.exists([&id, &sender])? {
                    continue;
                }
                // The feed's objects too, for threads it does not hold yet (a store made before
                // the feed): threads it holds keep their ids and are left as they are.
                match body {
                    Some(b) => {
                        index(tx, me, header, b)?;
                        super::stix::derive(tx, me, header, b)?;
                    }
                    None => {
                        cancel(tx, header)?;
                        super::stix::cancel(tx, me, header)?;
                    }
                }
            }
            Ok(tx.query_row("SELECT COUNT(*) FROM corr_values", [], |r| r.get(0))?)
        })
    }

    /// Alert-kind messages stored, oldest first, after (stored_at, id, sender) `after`, at
    /// most `limit`: what a rebuild opens, a page at a time.
    pub fn alert_envelopes(
        &self,
        after: Option<(i64, String, String)>,
        limit: usize,
    ) -> Result<Vec<StoredAlert>> {
        self.with(|c| {
            let (at, id, sender) = after.unwrap_or((i64::MIN, String::new(), String::new()));
            let mut stmt = c.prepare_cached(
                "SELECT stored_at, id, sender, envelope FROM messages
                 WHERE kind IN ('compound-relocation-alert', 'alert-update', 'alert-cancel')
                   AND (stored_at, id, sender) > (?1, ?2, ?3)
                 ORDER BY stored_at, id, sender LIMIT ?4",
            )?;
            let rows = stmt
                .query_map(params![at, id, sender, limit as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<std::result::Result<_, _>>()?;
            Ok(rows)
        })
    }

    /// Rows in the index (threads, values, places), for tests and the benchmark.
    pub fn correlation_rows(&self) -> Result<(u64, u64, u64)> {
        self.with(|c| {
            let n = |t: &str| -> Result<u64> {
                Ok(c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?)
            };
            Ok((n("corr_alerts")?, n("corr_values")?, n("corr_places")?))
        })
    }
}

/// The thread message `id` from `sender` belongs to in the index, (num, the thread's id):
/// itself, or the alert it updated.
fn thread_num(c: &rusqlite::Connection, id: &str, sender: &str) -> Result<Option<(i64, String)>> {
    if let Some(num) = num_of(c, (id, sender))? {
        return Ok(Some((num, id.to_owned())));
    }
    // `version != id` lets SQLite use the partial index that holds exactly such rows.
    Ok(c.prepare_cached(
        "SELECT num, id FROM corr_alerts WHERE version = ?1 AND sender = ?2 AND version != id",
    )?
    .query_row([id, sender], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?)
}

/// Where a trail asked for by a name starts: a name is no evidence that two alerts are one
/// compound (names are reused and misspelt), so the alerts holding it are not all taken in.
/// The trail is that of the reference carried by the earliest-observed of them that has one
/// (an excluded reference does not count); when none has one, it starts from the
/// earliest-observed alone. The others that hold the name and are not reached by a reference
/// or an indicator are suggested, as any link by name is, for a person to confirm or dismiss.
fn name_seeds(c: &rusqlite::Connection, name: &Key, exclusions: &Exclusions) -> Result<Vec<i64>> {
    // The name's holders (as `holders_all` reads them), earliest observed first; ties by
    // (id, sender), the order a trail's anchor is chosen in. Only the number and the
    // reference are read: not the whole row, places and all, of up to TRAIL_MAX alerts.
    let mut stmt = c.prepare_cached(&format!(
        "SELECT a.num, a.reference FROM
           (SELECT v.num FROM corr_keys k JOIN corr_values v ON v.key = k.key
            WHERE k.facet = ?1 AND k.value = ?2 LIMIT {TRAIL_MAX}) h
         JOIN corr_alerts a ON a.num = h.num AND a.cancelled = 0
         ORDER BY a.observed_at, a.id, a.sender"
    ))?;
    let rows: Vec<(i64, Option<String>)> = stmt
        .query_map(params![name.facet.as_str(), name.value], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<std::result::Result<_, _>>()?;
    let usable = |r: &String| !exclusions.excludes(Facet::Ref, r);
    if let Some(r) = rows.iter().find_map(|(_, r)| r.clone().filter(usable)) {
        let key = Key {
            facet: Facet::Ref,
            value: r,
        };
        return holders_all(c, &key, TRAIL_MAX);
    }
    Ok(rows.first().map(|(num, _)| vec![*num]).unwrap_or_default())
}

/// The threads holding value number `key` (of `corr_keys`), at most `limit`, in the order
/// they were indexed.
fn holders_of(c: &rusqlite::Connection, key: i64, limit: usize) -> Result<Vec<i64>> {
    // The limit written into the statement, as in `holders_all`.
    let mut stmt = c.prepare_cached(&format!(
        "SELECT num FROM corr_values WHERE key = ?1 LIMIT {limit}"
    ))?;
    let rows = stmt
        .query_map([key], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}

/// The threads holding `key`, at most `limit`, in the order they were indexed.
fn holders_all(c: &rusqlite::Connection, key: &Key, limit: usize) -> Result<Vec<i64>> {
    // The limit is written into the statement, not bound: SQLite re-prepares a statement each
    // time a parameter its LIMIT reads is bound again, which made every lookup a compile.
    // There are a handful of limits (the cap, the bounds below), so a handful of statements.
    let mut stmt = c.prepare_cached(&format!(
        "SELECT v.num FROM corr_keys k JOIN corr_values v ON v.key = k.key
         WHERE k.facet = ?1 AND k.value = ?2 LIMIT {limit}"
    ))?;
    let rows = stmt
        .query_map(params![key.facet.as_str(), key.value], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(rows)
}
