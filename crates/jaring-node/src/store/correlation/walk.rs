//! The walk that gathers a compound's trail from the index: members joined by the values they
//! share, walked a frontier at a time to a fixed point, then what suggests itself around them.
//!
//! The index numbers every thread (`corr_alerts.num`, here a "db number"); the walk numbers
//! again, densely, every alert it meets (`Num`, an index into its vectors), and every value it
//! looks up (`Val`): the sets, queues, holders and links it keeps are of small integers, and
//! an alert's id and sender are read only when it becomes a member or a suggestion.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jaring_api::correlation::{Flagged, Via};
use jaring_correlate::facets::{Facet, Key, PlaceKey};
use jaring_correlate::geo;

use super::{alert_at, alert_row, cells, holders_all, holders_of, place_at, via};
use super::{IndexedAlert, Settings};
use super::{Thread, ALERT_COLUMNS};
use super::{NEAR_MAX, TRAIL_MAX};
use crate::store::Result;

/// An alert the walk has met, by number: its index in `Walk::db`.
type Num = u32;
/// A value the walk has looked up, by number: its index in `Walk::values`.
type Val = u32;

/// Members of a walk's frontier read in one query. A value many members hold (the compound's
/// wallet) comes back once a chunk: the larger the chunk, the fewer times it is read.
const FRONTIER_CHUNK: usize = 100;

/// A statement over a frontier chunk: `f(num)` holds the distinct db numbers of the
/// [`FRONTIER_CHUNK`] bound as `?1, ?2, ...` (a short chunk repeats its last member), followed
/// by `more`: further `WITH` clauses (each starting with a comma), then the query.
fn frontier_sql(more: &str) -> String {
    let nums: Vec<String> = (1..=FRONTIER_CHUNK).map(|i| format!("(?{i})")).collect();
    format!(
        "WITH f(num) AS (SELECT DISTINCT column1 FROM (VALUES {})) {more}",
        nums.join(", ")
    )
}

/// One pass per frontier chunk: the chunk's shared values by number (read from the index by
/// holder alone), each with its text and its holders, or (noted over the cap) with none: a
/// capped value's holders are counted apart, up to the cap. Every join is on integers; a
/// value's text is read once, by its number.
const CO_HOLDERS: &str = ", k AS (SELECT DISTINCT v.key FROM f
       JOIN corr_values v ON v.num = f.num AND v.shared = 1),
 kc AS MATERIALIZED (SELECT k.key, t.facet, t.value, t.capped_at IS NOT NULL AS capped FROM k
       JOIN corr_keys t ON t.key = k.key WHERE t.facet != 'ref')
 SELECT kc.key, kc.facet, kc.value, o.num FROM kc
 JOIN corr_values o ON o.key = kc.key
 WHERE kc.capped = 0
 UNION ALL
 SELECT kc.key, kc.facet, kc.value, NULL FROM kc WHERE kc.capped = 1";

/// The walk that gathers a trail. Values are looked up once each, however many members hold
/// them (a wallet shared by 200 alerts is one range scan, not 200).
pub(super) struct Walk<'a> {
    c: &'a rusqlite::Connection,
    s: &'a Settings,
    /// The db number of every alert met (members, holders of their values, alerts nearby),
    /// in the order met.
    db: Vec<i64>,
    /// The walk's number of each alert met, by db number.
    numbers: HashMap<i64, Num>,
    /// Beside `db`: the alert's row when it is a member.
    members: Vec<Option<IndexedAlert>>,
    /// How many of `members` are members.
    member_count: usize,
    queue: Vec<Num>,
    /// Links people confirmed: (from, to, via).
    confirmed: Vec<(Num, Num, Via)>,
    /// Every value looked up, with its holders.
    values: Vec<(Key, Vec<Num>)>,
    /// The number of each reference looked up.
    value_numbers: HashMap<Key, Val>,
    /// The number of each other value looked up, by its number in the index (`corr_keys`).
    by_key: HashMap<i64, Val>,
    /// Values whose holders were walked already.
    walked: HashSet<Val>,
    /// Each expanded member's shared values, references left out.
    shared: HashMap<Num, Vec<Val>>,
    flagged: BTreeMap<(String, String), Flagged>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(c: &'a rusqlite::Connection, s: &'a Settings) -> Self {
        Self {
            c,
            s,
            db: Vec::new(),
            numbers: HashMap::new(),
            members: Vec::new(),
            member_count: 0,
            queue: Vec::new(),
            confirmed: Vec::new(),
            values: Vec::new(),
            value_numbers: HashMap::new(),
            by_key: HashMap::new(),
            walked: HashSet::new(),
            shared: HashMap::new(),
            flagged: BTreeMap::new(),
        }
    }

    /// The walk's number of the alert with db number `db`, numbering it if it is new.
    fn number(&mut self, db: i64) -> Num {
        if let Some(n) = self.numbers.get(&db) {
            return *n;
        }
        // At most as many alerts as rows the walk reads: the holders of values under the
        // cap (a capped value is counted, not kept), the alerts near its stops (200 rows a
        // stop), the decisions filed under it; TRAIL_MAX bounds the rounds.
        let n = self.db.len() as Num;
        self.db.push(db);
        self.members.push(None);
        self.numbers.insert(db, n);
        n
    }

    fn is_member(&self, n: Num) -> bool {
        self.members.get(n as usize).is_some_and(Option::is_some)
    }

    fn member(&self, n: Num) -> Option<&IndexedAlert> {
        self.members.get(n as usize).and_then(Option::as_ref)
    }

    /// A member's (id, sender).
    fn thread(&self, n: Num) -> Thread {
        self.member(n)
            .map(|a| (a.id.clone(), a.sender.clone()))
            .unwrap_or_default()
    }

    /// A member's (id, sender), borrowed: the order members are given in.
    fn order_of(&self, n: Num) -> (&str, &str) {
        self.member(n)
            .map(|a| (a.id.as_str(), a.sender.as_str()))
            .unwrap_or_default()
    }

    fn member_rows(&self) -> impl Iterator<Item = &IndexedAlert> {
        self.members.iter().flatten()
    }

    /// The members, their numbers in the order of their (id, sender): the order the walk's
    /// results were always given in, whatever order the alerts were met in.
    fn members_in_order(&self) -> Vec<Num> {
        let mut out: Vec<Num> = (0..self.db.len() as Num)
            .filter(|n| self.is_member(*n))
            .collect();
        out.sort_by(|a, b| self.order_of(*a).cmp(&self.order_of(*b)));
        out
    }

    /// The members' names and aliases.
    pub(super) fn names(&self) -> impl Iterator<Item = &String> {
        self.member_rows()
            .flat_map(|a| std::iter::once(&a.compound).chain(&a.aliases))
    }

    /// The member observed first.
    fn first(&self) -> Option<Num> {
        (0..self.db.len() as Num)
            .filter_map(|n| self.member(n).map(|a| (n, a)))
            .min_by(|a, b| earliest(a.1).cmp(&earliest(b.1)))
            .map(|(n, _)| n)
    }

    /// The reference of the earliest member that carries one, excluded references left out
    /// (a trail is not filed, shown or shared under one).
    pub(super) fn earliest_reference(&self) -> Option<String> {
        self.member_rows()
            .filter(|a| {
                a.reference
                    .as_deref()
                    .is_some_and(|r| !self.s.exclusions.excludes(Facet::Ref, r))
            })
            .min_by(|a, b| earliest(a).cmp(&earliest(b)))
            .and_then(|a| a.reference.clone())
    }

    /// Adds the alert with db number `db` as a member (if held and not cancelled), linked to
    /// the member observed first by a person's confirmation (`via`).
    pub(super) fn add(&mut self, db: i64, via: Via) -> Result<()> {
        let anchor = self.first();
        let n = self.number(db);
        self.add_numbers(vec![n])?;
        if let Some(from) = anchor {
            if from != n && self.is_member(n) {
                self.confirmed.push((from, n, via));
            }
        }
        Ok(())
    }

    /// Adds the seeds of a trail (db numbers) as members (those held and not cancelled).
    pub(super) fn add_all(&mut self, seeds: &[i64]) -> Result<()> {
        let numbers = seeds.iter().map(|db| self.number(*db)).collect();
        self.add_numbers(numbers)
    }

    /// Adds members in the order given (those held and not cancelled, until the trail is
    /// full), their rows read a frontier chunk to a query.
    fn add_numbers(&mut self, candidates: Vec<Num>) -> Result<()> {
        let mut fresh: Vec<Num> = Vec::with_capacity(candidates.len());
        let mut seen: HashSet<Num> = HashSet::new();
        for n in candidates {
            if !self.is_member(n) && seen.insert(n) {
                fresh.push(n);
            }
        }
        // None of ALERT_COLUMNS is named num: unqualified, they are corr_alerts'.
        let sql = frontier_sql(&format!(
            "SELECT f.num, {ALERT_COLUMNS} FROM f
             JOIN corr_alerts a ON a.num = f.num AND a.cancelled = 0"
        ));
        for chunk in fresh.chunks(FRONTIER_CHUNK) {
            if self.member_count >= TRAIL_MAX {
                break;
            }
            let mut rows_of: HashMap<Num, IndexedAlert> = HashMap::new();
            {
                let mut stmt = self.c.prepare_cached(&sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(bind(&self.db, chunk)))?;
                while let Some(r) = rows.next()? {
                    if let Some(n) = self.numbers.get(&r.get::<_, i64>(0)?) {
                        rows_of.insert(*n, alert_at(r, 1)?);
                    }
                }
            }
            for n in chunk {
                if self.member_count >= TRAIL_MAX {
                    break;
                }
                if let Some(alert) = rows_of.remove(n) {
                    self.members[*n as usize] = Some(alert);
                    self.member_count += 1;
                    self.queue.push(*n);
                }
            }
        }
        Ok(())
    }

    /// The number of value `key`, recording its holders if it is new.
    fn value(&mut self, key: Key, holders: Vec<Num>) -> Val {
        if let Some(v) = self.value_numbers.get(&key) {
            return *v;
        }
        let v = self.values.len() as Val;
        self.value_numbers.insert(key.clone(), v);
        self.values.push((key, holders));
        v
    }

    /// The values the members of `frontier` share with other alerts, for each member. The
    /// frontier is read [`FRONTIER_CHUNK`] members to a query: their distinct values first,
    /// then each value's holders once, so a wallet that two hundred members share is one
    /// range scan rather than two hundred (reading it once per member made the walk
    /// quadratic). Values noted over the cap (`corr_keys.capped_at`) are left out in the query,
    /// references are looked up on their own (never capped), and what is left is checked
    /// against the exclusion list and the cap as configured now.
    fn co_holders(&mut self, frontier: &[Num]) -> Result<HashMap<Num, Vec<Val>>> {
        let sql = frontier_sql(CO_HOLDERS);
        let c = self.c;
        let mut out: HashMap<Num, Vec<Val>> = HashMap::new();
        for chunk in frontier.chunks(FRONTIER_CHUNK) {
            // The statement always takes FRONTIER_CHUNK numbers (a short chunk repeats its
            // last member), so it is prepared once and cached.
            let mut stmt = c.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(bind(&self.db, chunk)))?;
            // Each value's holders, by the value's number; its text is copied once, from its
            // first row, and not at all for a value an earlier chunk met (`None`).
            let mut grouped: BTreeMap<i64, (Option<Key>, Vec<Num>)> = BTreeMap::new();
            let mut capped: Vec<(i64, Key)> = Vec::new();
            while let Some(r) = rows.next()? {
                let k: i64 = r.get(0)?;
                let Some(holder) = r.get::<_, Option<i64>>(3)? else {
                    if let Some(key) = key_at(r, 1)? {
                        capped.push((k, key));
                    }
                    continue;
                };
                let group = match grouped.entry(k) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => {
                        let key = if self.by_key.contains_key(&k) {
                            None
                        } else {
                            // A facet this build does not know is left out.
                            let Some(key) = key_at(r, 1)? else {
                                continue;
                            };
                            Some(key)
                        };
                        e.insert((key, Vec::new()))
                    }
                };
                group.1.push(self.number(holder));
            }
            drop(rows);
            drop(stmt);
            // Values noted over the cap: flagged once each, with their count.
            for (k, key) in capped {
                if self
                    .flagged
                    .contains_key(&(key.facet.as_str().into(), key.value.clone()))
                    || self.s.exclusions.excludes(key.facet, &key.value)
                {
                    continue;
                }
                let n = holders_of(c, k, (self.s.max_per_value + 1) as usize)?.len() as u64;
                if n > self.s.max_per_value {
                    self.flag(&key, n);
                }
            }
            for (k, (key, mut holders)) in grouped {
                let v = match key {
                    // Met before: its holders are the ones read then (one snapshot).
                    None => match self.by_key.get(&k) {
                        Some(v) => *v,
                        None => continue,
                    },
                    Some(key) => {
                        // In the order they were indexed, as the alerts they reach are added:
                        // which members a full trail keeps does not depend on the order they
                        // were met in.
                        holders.sort_by_key(|h| self.db[*h as usize]);
                        holders.dedup();
                        // A value only this alert holds links nothing.
                        if holders.len() < 2 || self.s.exclusions.excludes(key.facet, &key.value) {
                            continue;
                        }
                        if holders.len() as u64 > self.s.max_per_value {
                            self.flag(&key, holders.len() as u64);
                            continue;
                        }
                        let v = self.value(key, holders);
                        self.by_key.insert(k, v);
                        v
                    }
                };
                for &member in &self.values[v as usize].1 {
                    if chunk.contains(&member) {
                        out.entry(member).or_default().push(v);
                    }
                }
            }
            // Each member's values in the order of their text, as they were always given: the
            // walk adds the alerts they reach in that order, so which members a full trail
            // keeps does not depend on how the values happen to be numbered.
            for member in chunk {
                if let Some(list) = out.get_mut(member) {
                    list.sort_by(|a, b| {
                        self.values[*a as usize].0.cmp(&self.values[*b as usize].0)
                    });
                }
            }
            // The compound's reference: looked up (and walked) once per walk, by the first
            // member that carries it. An excluded reference (a `ref:` entry: one reused by
            // mistake for unrelated compounds, say) takes in nothing more; a trail asked for by
            // that very reference still starts from the alerts that carry it (its seeds).
            for &t in chunk {
                let Some(r) = self.member(t).and_then(|a| a.reference.clone()) else {
                    continue;
                };
                let key = Key {
                    facet: Facet::Ref,
                    value: r,
                };
                if !self.value_numbers.contains_key(&key)
                    && !self.s.exclusions.excludes(Facet::Ref, &key.value)
                {
                    let holders: Vec<Num> = holders_all(c, &key, TRAIL_MAX)?
                        .into_iter()
                        .map(|db| self.number(db))
                        .collect();
                    let v = self.value(key, holders);
                    out.entry(t).or_default().push(v);
                }
            }
        }
        Ok(out)
    }

    fn flag(&mut self, key: &Key, alerts: u64) {
        self.flagged.insert(
            (key.facet.as_str().into(), key.value.clone()),
            Flagged {
                facet: key.facet.as_str().into(),
                value: key.value.clone(),
                alerts,
            },
        );
    }

    /// Walks from every queued member through values that join a trail, a frontier at a
    /// time.
    pub(super) fn expand(&mut self) -> Result<()> {
        // Each round takes in new members or ends; TRAIL_MAX bounds the rounds as well.
        for _ in 0..=TRAIL_MAX {
            if self.queue.is_empty() {
                break;
            }
            if self.member_count >= TRAIL_MAX {
                self.queue.clear();
                break;
            }
            let frontier = std::mem::take(&mut self.queue);
            let mut shared = self.co_holders(&frontier)?;
            // The alerts the frontier's values reach, in the order reached: added together.
            let mut found: Vec<Num> = Vec::new();
            for t in frontier {
                let values = shared.remove(&t).unwrap_or_default();
                // A value's holders are walked once, by the first member that holds it.
                let mut new: Vec<Num> = Vec::new();
                for &v in &values {
                    let (key, holders) = &self.values[v as usize];
                    if key.facet.joins_trail() && self.walked.insert(v) {
                        new.extend(holders.iter().copied().filter(|o| !self.is_member(*o)));
                    }
                }
                // References were walked as they were found; only the other values are kept
                // for the suggestions.
                let kept: Vec<Val> = values
                    .into_iter()
                    .filter(|v| self.values[*v as usize].0.facet != Facet::Ref)
                    .collect();
                self.shared.insert(t, kept);
                found.extend(new);
            }
            self.add_numbers(found)?;
        }
        Ok(())
    }

    /// What links the members: for each value that joins a trail, a star from the first of
    /// its holders to each other one (a value two hundred alerts share is 199 links, not
    /// 19,900), plus the links people confirmed.
    pub(super) fn links(&self) -> Vec<(Thread, Thread, Via)> {
        let mut out: Vec<(Thread, Thread, Via)> = self
            .confirmed
            .iter()
            .map(|(a, b, v)| (self.thread(*a), self.thread(*b), v.clone()))
            .collect();
        let mut keys: Vec<&(Key, Vec<Num>)> = self
            .values
            .iter()
            .filter(|(k, _)| k.facet.joins_trail())
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, holders) in keys {
            let mut held: Vec<Num> = holders
                .iter()
                .copied()
                .filter(|n| self.is_member(*n))
                .collect();
            held.sort_by(|a, b| self.order_of(*a).cmp(&self.order_of(*b)));
            held.dedup();
            if let Some((first, rest)) = held.split_first() {
                let via = via(key);
                for other in rest {
                    out.push((self.thread(*first), self.thread(*other), via.clone()));
                }
            }
        }
        out
    }

    /// Alerts outside the trail linked to a member by a name, alias, operator or a place
    /// within the radius, unless dismissed (`dismissed`: db numbers).
    pub(super) fn suggestions(
        &mut self,
        dismissed: &BTreeSet<i64>,
    ) -> Result<Vec<(IndexedAlert, String, Via)>> {
        let mut out: Vec<(IndexedAlert, String, Via)> = Vec::new();
        let mut seen: HashSet<(Num, Val)> = HashSet::new();
        let mut values_seen: HashSet<Val> = HashSet::new();
        let mut places: Vec<(PlaceKey, String)> = Vec::new();
        let mut places_seen = BTreeSet::new();
        let members = self.members_in_order();
        let by_member = places_by_member(self.c, &self.db, &members)?;
        for (&t, member_places) in members.iter().zip(by_member) {
            let member_id = self.order_of(t).0.to_owned();
            // Only the values that may suggest (names, operators), each once: by the first
            // member that holds it.
            let shared = self.shared.get(&t).map(Vec::as_slice).unwrap_or_default();
            for &v in shared {
                let (key, others) = &self.values[v as usize];
                if key.facet.joins_trail() || !values_seen.insert(v) {
                    continue;
                }
                for &other in others {
                    let db = self.db[other as usize];
                    if self.is_member(other) || dismissed.contains(&db) || !seen.insert((other, v))
                    {
                        continue;
                    }
                    if let Some(alert) = alert_row(self.c, db)? {
                        out.push((alert, member_id.clone(), via(key)));
                    }
                }
            }
            for place in member_places {
                // One box per distinct place: a compound that returns to a town is looked up
                // there once.
                let at = (
                    (place.lat * 1000.0).round() as i64,
                    (place.lon * 1000.0).round() as i64,
                    place.precision_m,
                );
                if places_seen.insert(at) {
                    places.push((place, member_id.clone()));
                }
            }
        }
        // Places nearby: the nearest few, each alert once (at its nearest). The rows are read
        // from the index by area alone (it holds each place's slot: the db number and end).
        let mut nearest: HashMap<Num, (f64, String)> = HashMap::new();
        for (place, member) in &places {
            let reach =
                self.s.radius_km * (1.0 + geo::VAGUE_RADII) + f64::from(place.precision_m) / 1000.0;
            let (lat0, lat1, lon0, lon1) = geo::bounding_box(place.lat, place.lon, reach);
            let mut stmt = self.c.prepare_cached(
                "SELECT slot, lat, lon, precision_m FROM corr_places
                 WHERE cell = ?1 AND lat BETWEEN ?2 AND ?3 AND lon BETWEEN ?4 AND ?5 LIMIT 200",
            )?;
            let mut read = 0;
            for cell in cells(lat0, lat1, lon0, lon1) {
                let mut rows = stmt.query(rusqlite::params![cell, lat0, lat1, lon0, lon1])?;
                while let Some(r) = rows.next()? {
                    read += 1;
                    let db = r.get::<_, i64>(0)? >> 1;
                    if dismissed.contains(&db)
                        || self.numbers.get(&db).is_some_and(|n| self.is_member(*n))
                    {
                        continue;
                    }
                    let Some(km) = geo::near(place, &place_at(r, 0)?, self.s.radius_km) else {
                        continue;
                    };
                    let other = self.number(db);
                    let entry = nearest.entry(other).or_insert((km, member.clone()));
                    if km < entry.0 {
                        *entry = (km, member.clone());
                    }
                }
                if read >= 200 {
                    break;
                }
            }
        }
        // Nearest first; at the same distance, the one indexed first.
        let mut nearest: Vec<(Num, (f64, String))> = nearest.into_iter().collect();
        nearest.sort_by(|a, b| {
            a.1 .0
                .total_cmp(&b.1 .0)
                .then_with(|| self.db[a.0 as usize].cmp(&self.db[b.0 as usize]))
        });
        for (other, (km, member)) in nearest.into_iter().take(NEAR_MAX) {
            if let Some(alert) = alert_row(self.c, self.db[other as usize])? {
                let v = Via {
                    facet: "near".into(),
                    value: format!("{km:.1} km"),
                };
                out.push((alert, member, v));
            }
        }
        Ok(out)
    }

    /// The members in time order and the flagged values: what the walk found.
    pub(super) fn into_members(self) -> (Vec<IndexedAlert>, Vec<Flagged>) {
        let mut members: Vec<IndexedAlert> = self.members.into_iter().flatten().collect();
        members.sort_by(|a, b| earliest(a).cmp(&earliest(b)));
        (members, self.flagged.into_values().collect())
    }
}

/// The parameters of a frontier statement for `chunk`: [`FRONTIER_CHUNK`] db numbers, a short
/// chunk repeating its last member, so that one prepared statement serves every chunk.
fn bind(db: &[i64], chunk: &[Num]) -> Vec<i64> {
    let mut bound = Vec::with_capacity(FRONTIER_CHUNK);
    if let Some(last) = chunk.last() {
        for i in 0..FRONTIER_CHUNK {
            bound.push(db[*chunk.get(i).unwrap_or(last) as usize]);
        }
    }
    bound
}

/// The order in which members count as earliest: observed first, then by (id, sender), the
/// order a trail's anchor and key were always chosen in.
fn earliest(a: &IndexedAlert) -> (i64, &str, &str) {
    (a.observed_at, &a.id, &a.sender)
}

/// A key from the columns `facet, value` of a row, starting at `first` (`None` for a facet
/// this build does not know).
fn key_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Option<Key>> {
    let (Some(facet), Some(value)) = (text(r, first)?, text(r, first + 1)?) else {
        return Ok(None);
    };
    Ok(Facet::parse(facet).map(|facet| Key {
        facet,
        value: value.to_owned(),
    }))
}

/// Column `i` of a row as text borrowed from the row (NULL as `None`).
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)
}

/// The places of each of `members` (numbers into `db`), in the order given: read a frontier
/// chunk to a query (a rowid range each), not one query a member.
fn places_by_member(
    c: &rusqlite::Connection,
    db: &[i64],
    members: &[Num],
) -> Result<Vec<Vec<PlaceKey>>> {
    let sql = frontier_sql(
        "SELECT f.num, p.slot, p.lat, p.lon, p.precision_m FROM f
         JOIN corr_places p ON p.slot BETWEEN f.num * 2 AND f.num * 2 + 1",
    );
    let mut out = Vec::with_capacity(members.len());
    for chunk in members.chunks(FRONTIER_CHUNK) {
        let mut by_num: HashMap<i64, Vec<PlaceKey>> = HashMap::new();
        let mut stmt = c.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(bind(db, chunk)), |r| {
            Ok((r.get::<_, i64>(0)?, place_at(r, 1)?))
        })?;
        for row in rows {
            let (num, place) = row?;
            by_num.entry(num).or_default().push(place);
        }
        for n in chunk {
            out.push(by_num.remove(&db[*n as usize]).unwrap_or_default());
        }
    }
    Ok(out)
}
