//! The walk that gathers a compound's trail from the index: members joined by the values they
//! share, walked a frontier at a time to a fixed point, then what suggests itself around them.
//!
//! Every alert the walk meets is numbered once (`Num`), and every value it looks up too
//! (`Val`): the sets, queues, holders and links it keeps are of small integers, so that a
//! trail of two hundred alerts and a thousand shared values is not a hundred thousand string
//! comparisons, clones and hashes. Strings come back only in what the walk returns.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jaring_api::correlation::{Flagged, Via};
use jaring_correlate::facets::{Facet, Key, PlaceKey};
use jaring_correlate::geo;

use super::{alert_at, alert_row, cells, holders_all, place_at, via, IndexedAlert, Settings};
use super::{Thread, ALERT_COLUMNS};
use super::{NEAR_MAX, TRAIL_MAX};
use crate::store::Result;

/// An alert the walk has met, by number: its index in `Walk::threads`.
type Num = u32;
/// A value the walk has looked up, by number: its index in `Walk::values`.
type Val = u32;

/// Members of a walk's frontier read in one query. A value many members hold (the compound's
/// wallet) comes back once a chunk: the larger the chunk, the fewer times it is read.
const FRONTIER_CHUNK: usize = 100;

/// A statement over a frontier chunk: `f(id, sender)` holds the distinct pairs of the
/// [`FRONTIER_CHUNK`] bound as `?1, ?2, ...` (a short chunk repeats its last member), followed
/// by `more`: further `WITH` clauses (each starting with a comma), then the query.
fn frontier_sql(more: &str) -> String {
    let pairs: Vec<String> = (0..FRONTIER_CHUNK)
        .map(|i| format!("(?{}, ?{})", 2 * i + 1, 2 * i + 2))
        .collect();
    format!(
        "WITH f(id, sender) AS (SELECT DISTINCT column1, column2 FROM (VALUES {})) {more}",
        pairs.join(", ")
    )
}

/// One pass per frontier chunk: the chunk's shared values, each with its holders, or (noted
/// over the cap) with none: a capped value's holders are counted apart, up to the cap.
const CO_HOLDERS: &str = ", k AS (SELECT DISTINCT v.facet, v.value FROM f
       JOIN corr_values v ON v.id = f.id AND v.sender = f.sender AND v.shared = 1
       WHERE v.facet != 'ref'),
 kc AS MATERIALIZED (SELECT k.facet, k.value, EXISTS (SELECT 1 FROM corr_capped c
       WHERE c.facet = k.facet AND c.value = k.value) AS capped FROM k)
 SELECT kc.facet, kc.value, o.id, o.sender FROM kc
 JOIN corr_values o ON o.facet = kc.facet AND o.value = kc.value
 WHERE kc.capped = 0
 UNION ALL
 SELECT kc.facet, kc.value, NULL, NULL FROM kc WHERE kc.capped = 1";

/// The walk that gathers a trail. Values are looked up once each, however many members hold
/// them (a wallet shared by 200 alerts is one range scan, not 200).
pub(super) struct Walk<'a> {
    c: &'a rusqlite::Connection,
    s: &'a Settings,
    /// Every alert met (members, holders of their values, alerts nearby), in the order met.
    threads: Vec<Thread>,
    /// The number of each alert met, by sender then id: found from a row's text without
    /// copying it.
    numbers: HashMap<String, HashMap<String, Num>>,
    /// Beside `threads`: the alert's row when it is a member.
    members: Vec<Option<IndexedAlert>>,
    /// How many of `members` are members.
    member_count: usize,
    queue: Vec<Num>,
    /// Links people confirmed: (from, to, via).
    confirmed: Vec<(Num, Num, Via)>,
    /// Every value looked up, with its holders.
    values: Vec<(Key, Vec<Num>)>,
    /// The number of each value looked up.
    value_numbers: HashMap<Key, Val>,
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
            threads: Vec::new(),
            numbers: HashMap::new(),
            members: Vec::new(),
            member_count: 0,
            queue: Vec::new(),
            confirmed: Vec::new(),
            values: Vec::new(),
            value_numbers: HashMap::new(),
            walked: HashSet::new(),
            shared: HashMap::new(),
            flagged: BTreeMap::new(),
        }
    }

    /// The number of alert (`id`, `sender`), if met.
    fn number_of(&self, id: &str, sender: &str) -> Option<Num> {
        self.numbers.get(sender)?.get(id).copied()
    }

    /// The number of alert (`id`, `sender`), numbering it if it is new.
    fn number(&mut self, id: &str, sender: &str) -> Num {
        if let Some(n) = self.number_of(id, sender) {
            return n;
        }
        // At most as many alerts as rows the walk reads: the holders of values under the
        // cap (a capped value is counted, not kept), the alerts near its stops (200 rows a
        // stop), the decisions filed under it; TRAIL_MAX bounds the rounds.
        let n = self.threads.len() as Num;
        self.threads.push((id.to_owned(), sender.to_owned()));
        self.members.push(None);
        self.numbers
            .entry(sender.to_owned())
            .or_default()
            .insert(id.to_owned(), n);
        n
    }

    fn is_member(&self, n: Num) -> bool {
        self.members.get(n as usize).is_some_and(Option::is_some)
    }

    fn member_rows(&self) -> impl Iterator<Item = &IndexedAlert> {
        self.members.iter().flatten()
    }

    /// The members, their numbers in the order of their (id, sender): the order the walk's
    /// results were always given in, whatever order the alerts were met in.
    fn members_in_order(&self) -> Vec<Num> {
        let mut out: Vec<Num> = (0..self.threads.len() as Num)
            .filter(|n| self.is_member(*n))
            .collect();
        out.sort_by(|a, b| self.threads[*a as usize].cmp(&self.threads[*b as usize]));
        out
    }

    /// The members' names and aliases.
    pub(super) fn names(&self) -> impl Iterator<Item = &String> {
        self.member_rows()
            .flat_map(|a| std::iter::once(&a.compound).chain(&a.aliases))
    }

    /// The member observed first.
    pub(super) fn first(&self) -> Option<Thread> {
        self.member_rows()
            .min_by(|a, b| earliest(a).cmp(&earliest(b)))
            .map(|a| (a.id.clone(), a.sender.clone()))
    }

    /// The reference of the earliest member that carries one.
    pub(super) fn earliest_reference(&self) -> Option<String> {
        self.member_rows()
            .filter(|a| a.reference.is_some())
            .min_by(|a, b| earliest(a).cmp(&earliest(b)))
            .and_then(|a| a.reference.clone())
    }

    /// Adds a member (if held and not cancelled), with the link a person confirmed, if any.
    pub(super) fn add(&mut self, t: &Thread, confirmed: Option<(Thread, Via)>) -> Result<()> {
        let n = self.number(&t.0, &t.1);
        self.add_number(n)?;
        if let Some((from, via)) = confirmed {
            let from = self.number(&from.0, &from.1);
            if from != n && self.is_member(n) {
                self.confirmed.push((from, n, via));
            }
        }
        Ok(())
    }

    fn add_number(&mut self, n: Num) -> Result<()> {
        self.add_numbers(vec![n])
    }

    /// Adds the seeds of a trail as members (those held and not cancelled).
    pub(super) fn add_all(&mut self, seeds: &[Thread]) -> Result<()> {
        let numbers = seeds.iter().map(|t| self.number(&t.0, &t.1)).collect();
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
        // None of ALERT_COLUMNS is named id or sender: unqualified, they are corr_alerts'.
        let sql = frontier_sql(&format!(
            "SELECT f.id, f.sender, {ALERT_COLUMNS} FROM f
             JOIN corr_alerts a ON a.id = f.id AND a.sender = f.sender AND a.cancelled = 0"
        ));
        for chunk in fresh.chunks(FRONTIER_CHUNK) {
            if self.member_count >= TRAIL_MAX {
                break;
            }
            let mut rows_of: HashMap<Num, IndexedAlert> = HashMap::new();
            {
                let mut stmt = self.c.prepare_cached(&sql)?;
                let mut rows =
                    stmt.query(rusqlite::params_from_iter(bind(&self.threads, chunk)))?;
                while let Some(r) = rows.next()? {
                    let (Some(id), Some(sender)) = (text(r, 0)?, text(r, 1)?) else {
                        continue;
                    };
                    if let Some(n) = self.number_of(id, sender) {
                        rows_of.insert(n, alert_at(r, 2, (id, sender))?);
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
    /// quadratic). Values noted over the cap (`corr_capped`) are left out in the query,
    /// references are looked up on their own (never capped), and what is left is checked
    /// against the exclusion list and the cap as configured now.
    fn co_holders(&mut self, frontier: &[Num]) -> Result<HashMap<Num, Vec<Val>>> {
        let sql = frontier_sql(CO_HOLDERS);
        let c = self.c;
        let mut out: HashMap<Num, Vec<Val>> = HashMap::new();
        for chunk in frontier.chunks(FRONTIER_CHUNK) {
            // The statement always takes FRONTIER_CHUNK pairs (a short chunk repeats its last
            // member), so it is prepared once and cached.
            let mut stmt = c.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(bind(&self.threads, chunk)))?;
            // A value's holders come one after another; each row's text is compared with the
            // value being gathered and copied only when a new one starts. Holders are numbered
            // as they are read (an alert met before is not copied again).
            let mut grouped: BTreeMap<Key, Vec<Num>> = BTreeMap::new();
            let mut capped: Vec<Key> = Vec::new();
            let mut current: Option<(Key, Vec<Num>)> = None;
            while let Some(r) = rows.next()? {
                let (Some(facet), Some(value)) = (text(r, 0)?, text(r, 1)?) else {
                    continue;
                };
                let Some(facet) = Facet::parse(facet) else {
                    continue;
                };
                let holder = match (text(r, 2)?, text(r, 3)?) {
                    (Some(id), Some(sender)) => (id, sender),
                    _ => {
                        capped.push(Key {
                            facet,
                            value: value.to_owned(),
                        });
                        continue;
                    }
                };
                let same = current
                    .as_ref()
                    .is_some_and(|(k, _)| k.facet == facet && k.value == value);
                if !same {
                    if let Some((k, h)) = current.take() {
                        grouped.entry(k).or_default().extend(h);
                    }
                    current = Some((
                        Key {
                            facet,
                            value: value.to_owned(),
                        },
                        Vec::new(),
                    ));
                }
                let n = self.number(holder.0, holder.1);
                if let Some((_, h)) = current.as_mut() {
                    h.push(n);
                }
            }
            if let Some((k, h)) = current.take() {
                grouped.entry(k).or_default().extend(h);
            }
            drop(rows);
            drop(stmt);
            // Values noted over the cap: flagged once each, with their count.
            for key in capped {
                if self
                    .flagged
                    .contains_key(&(key.facet.as_str().into(), key.value.clone()))
                    || self.s.exclusions.excludes(key.facet, &key.value)
                {
                    continue;
                }
                let n = holders_all(c, &key, (self.s.max_per_value + 1) as usize)?.len() as u64;
                if n > self.s.max_per_value {
                    self.flag(&key, n);
                }
            }
            for (key, mut holders) in grouped {
                // In the order of (id, sender), as the alerts they reach are added: which
                // members a full trail keeps does not depend on the order they were met in.
                holders.sort_by(|a, b| self.threads[*a as usize].cmp(&self.threads[*b as usize]));
                holders.dedup();
                // A value only this alert holds links nothing.
                if holders.len() < 2 || self.s.exclusions.excludes(key.facet, &key.value) {
                    continue;
                }
                if holders.len() as u64 > self.s.max_per_value {
                    self.flag(&key, holders.len() as u64);
                    continue;
                }
                let in_chunk: Vec<Num> = holders
                    .iter()
                    .copied()
                    .filter(|h| chunk.contains(h))
                    .collect();
                let v = self.value(key, holders);
                for member in in_chunk {
                    out.entry(member).or_default().push(v);
                }
            }
            // The compound's reference: looked up (and walked) once per walk, by the first
            // member that carries it.
            for &t in chunk {
                let Some(r) = self.members[t as usize]
                    .as_ref()
                    .and_then(|a| a.reference.clone())
                else {
                    continue;
                };
                let key = Key {
                    facet: Facet::Ref,
                    value: r,
                };
                if !self.value_numbers.contains_key(&key) {
                    let holders: Vec<Num> = holders_all(c, &key, TRAIL_MAX)?
                        .iter()
                        .map(|(id, sender)| self.number(id, sender))
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
        let thread = |n: Num| self.threads[n as usize].clone();
        let mut out: Vec<(Thread, Thread, Via)> = self
            .confirmed
            .iter()
            .map(|(a, b, v)| (thread(*a), thread(*b), v.clone()))
            .collect();
        let mut keys: Vec<&(Key, Vec<Num>)> = self
            .values
            .iter()
            .filter(|(k, _)| k.facet.joins_trail())
            .collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, holders) in keys {
            let mut held: Vec<&Thread> = holders
                .iter()
                .filter(|n| self.is_member(**n))
                .map(|n| &self.threads[*n as usize])
                .collect();
            held.sort();
            if let Some((first, rest)) = held.split_first() {
                let via = via(key);
                for other in rest {
                    out.push(((*first).clone(), (*other).clone(), via.clone()));
                }
            }
        }
        out
    }

    /// Alerts outside the trail linked to a member by a name, alias, operator or a place
    /// within the radius, unless dismissed.
    pub(super) fn suggestions(
        &mut self,
        dismissed: &BTreeSet<Thread>,
    ) -> Result<Vec<(IndexedAlert, String, Via)>> {
        let mut out: Vec<(IndexedAlert, String, Via)> = Vec::new();
        let mut seen: HashSet<(Num, Val)> = HashSet::new();
        let mut values_seen: HashSet<Val> = HashSet::new();
        let mut places: Vec<(PlaceKey, String)> = Vec::new();
        let mut places_seen = BTreeSet::new();
        let members = self.members_in_order();
        let by_member = places_by_member(self.c, &self.threads, &members)?;
        for (&t, member_places) in members.iter().zip(by_member) {
            let member_id = &self.threads[t as usize].0;
            // Only the values that may suggest (names, operators), each once: by the first
            // member that holds it.
            let shared = self.shared.get(&t).map(Vec::as_slice).unwrap_or_default();
            for &v in shared {
                let (key, others) = &self.values[v as usize];
                if key.facet.joins_trail() || !values_seen.insert(v) {
                    continue;
                }
                for &other in others {
                    let thread = &self.threads[other as usize];
                    if self.is_member(other)
                        || dismissed.contains(thread)
                        || !seen.insert((other, v))
                    {
                        continue;
                    }
                    if let Some(alert) = alert_row(self.c, (&thread.0, &thread.1))? {
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
        // Places nearby: the nearest few, each alert once (at its nearest). Rows are read as
        // borrowed text and matched by number: a dense town is thousands of rows.
        let dismissed: HashSet<Num> = dismissed.iter().map(|t| self.number(&t.0, &t.1)).collect();
        let mut nearest: HashMap<Num, (f64, String)> = HashMap::new();
        for (place, member) in &places {
            let reach =
                self.s.radius_km * (1.0 + geo::VAGUE_RADII) + f64::from(place.precision_m) / 1000.0;
            let (lat0, lat1, lon0, lon1) = geo::bounding_box(place.lat, place.lon, reach);
            let mut stmt = self.c.prepare_cached(
                "SELECT id, sender, end, lat, lon, precision_m FROM corr_places
                 WHERE cell = ?1 AND lat BETWEEN ?2 AND ?3 AND lon BETWEEN ?4 AND ?5 LIMIT 200",
            )?;
            let mut read = 0;
            for cell in cells(lat0, lat1, lon0, lon1) {
                let mut rows = stmt.query(rusqlite::params![cell, lat0, lat1, lon0, lon1])?;
                while let Some(r) = rows.next()? {
                    read += 1;
                    let (Some(id), Some(sender)) = (text(r, 0)?, text(r, 1)?) else {
                        continue;
                    };
                    let known = self.number_of(id, sender);
                    if known.is_some_and(|n| self.is_member(n) || dismissed.contains(&n)) {
                        continue;
                    }
                    let Some(km) = geo::near(place, &place_at(r, 2)?, self.s.radius_km) else {
                        continue;
                    };
                    let other = match known {
                        Some(n) => n,
                        None => self.number(id, sender),
                    };
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
        // Nearest first; at the same distance, in the order of (id, sender).
        let mut nearest: Vec<(Num, (f64, String))> = nearest.into_iter().collect();
        nearest.sort_by(|a, b| {
            a.1 .0
                .total_cmp(&b.1 .0)
                .then_with(|| self.threads[a.0 as usize].cmp(&self.threads[b.0 as usize]))
        });
        for (other, (km, member)) in nearest.into_iter().take(NEAR_MAX) {
            let (id, sender) = &self.threads[other as usize];
            if let Some(alert) = alert_row(self.c, (id, sender))? {
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

/// The parameters of a frontier statement for `chunk`: [`FRONTIER_CHUNK`] (id, sender) pairs,
/// a short chunk repeating its last member, so that one prepared statement serves every
/// chunk.
fn bind<'t>(threads: &'t [Thread], chunk: &[Num]) -> Vec<&'t str> {
    let mut bound = Vec::with_capacity(2 * FRONTIER_CHUNK);
    if let Some(last) = chunk.last() {
        for i in 0..FRONTIER_CHUNK {
            let (id, sender) = &threads[*chunk.get(i).unwrap_or(last) as usize];
            bound.push(id.as_str());
            bound.push(sender.as_str());
        }
    }
    bound
}

/// The order in which members count as earliest: observed first, then by (id, sender), the
/// order a trail's anchor and key were always chosen in.
fn earliest(a: &IndexedAlert) -> (i64, &str, &str) {
    (a.observed_at, &a.id, &a.sender)
}

/// Column `i` of a row as text borrowed from the row (NULL as `None`).
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(rusqlite::Error::from)
}

/// The places of each of `members` (numbers into `threads`), in the order given: read a
/// frontier chunk to a query, not one query a member.
fn places_by_member(
    c: &rusqlite::Connection,
    threads: &[Thread],
    members: &[Num],
) -> Result<Vec<Vec<PlaceKey>>> {
    let sql = frontier_sql(
        "SELECT f.id, f.sender, p.end, p.lat, p.lon, p.precision_m FROM f
         JOIN corr_places p ON p.id = f.id AND p.sender = f.sender",
    );
    let mut out = Vec::with_capacity(members.len());
    for chunk in members.chunks(FRONTIER_CHUNK) {
        let bound = bind(threads, chunk);
        let mut by_thread: HashMap<Thread, Vec<PlaceKey>> = HashMap::new();
        let mut stmt = c.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(bound), |r| {
            Ok(((r.get(0)?, r.get(1)?), place_at(r, 2)?))
        })?;
        for row in rows {
            let (thread, place): (Thread, PlaceKey) = row?;
            by_thread.entry(thread).or_default().push(place);
        }
        for n in chunk {
            out.push(by_thread.remove(&threads[*n as usize]).unwrap_or_default());
        }
    }
    Ok(out)
}
