//! The audit log file (spec §7): JSON lines, line `i` is entry `i`, verified entry by entry and
//! against checkpoints, naming the first bad entry.
//!
//! jaring's nodes add a `prev` field to each entry: the b64u leaf hash of the entry before it
//! (`null` in entry 0). With it, changing any single byte of any entry is pinned to that entry:
//! a changed entry breaks the link to its successor, and an entry whose own `prev` was changed
//! also breaks the link before it. Logs without `prev` (another implementation's) are checked
//! by sequence numbers and checkpoints only.

use jaring_core::b64;
use serde_json::Value;

use crate::checkpoint::Checkpoint;
use crate::merkle::{self, Hash};

/// The first bad entry and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("entry {seq}: {reason}")]
pub struct LogError {
    /// The first bad entry's seq (its line number from 0).
    pub seq: u64,
    /// What is wrong.
    pub reason: String,
}

/// A log whose entries all passed.
#[derive(Debug, Clone)]
pub struct VerifiedLog {
    /// The leaf hash of every entry.
    pub leaves: Vec<Hash>,
    /// The agency that kept it (from the entries).
    pub agency: Option<String>,
    /// Whether the entries carry the `prev` chain.
    pub chained: bool,
}

impl VerifiedLog {
    /// Number of entries.
    pub fn size(&self) -> u64 {
        self.leaves.len() as u64
    }

    /// Root of the whole log.
    pub fn root(&self) -> Hash {
        merkle::root(&self.leaves)
    }

    /// Checks checkpoints in size order; on a mismatch in a log without the `prev` chain, the
    /// edit lies between the last checkpoint that matched and the first that did not, and the
    /// error names the first entry of that range.
    pub fn check_all(&self, checkpoints: &[Checkpoint]) -> Result<(), LogError> {
        let mut sorted: Vec<&Checkpoint> = checkpoints.iter().collect();
        sorted.sort_by_key(|c| c.size);
        let mut good = 0u64;
        for cp in sorted {
            match self.check(cp) {
                Ok(()) => good = cp.size,
                Err(_) if !self.chained && cp.size <= self.size() => {
                    return Err(LogError {
                        seq: good,
                        reason: format!(
                            "one of entries {good} to {} differs from what the checkpoint of size {} signed (entries before {good} match an earlier checkpoint)",
                            cp.size.saturating_sub(1),
                            cp.size
                        ),
                    });
                }
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Checks a checkpoint against the log; on a mismatch, names the entry that must be bad.
    pub fn check(&self, cp: &Checkpoint) -> Result<(), LogError> {
        if let Some(agency) = &self.agency {
            if agency != &cp.agency {
                return Err(LogError {
                    seq: 0,
                    reason: format!("the log is {agency}'s, the checkpoint is {}'s", cp.agency),
                });
            }
        }
        if cp.size > self.size() {
            return Err(LogError {
                seq: self.size(),
                reason: format!(
                    "missing: the log has {} entries, a checkpoint covers {} (truncated)",
                    self.size(),
                    cp.size
                ),
            });
        }
        let size = usize::try_from(cp.size).unwrap_or(usize::MAX);
        if merkle::root(&self.leaves[..size]) == cp.root {
            return Ok(());
        }
        // With an intact chain, any change to an earlier entry would have broken a link, so the
        // last entry the checkpoint covers is the one that differs. Without a chain, only the
        // range is known.
        let seq = cp.size.saturating_sub(1);
        let reason = if self.chained {
            format!(
                "does not match the checkpoint of size {} (root differs)",
                cp.size
            )
        } else {
            format!(
                "one of entries 0 to {seq} differs from what the checkpoint of size {} signed",
                cp.size
            )
        };
        Err(LogError {
            seq: if self.chained { seq } else { 0 },
            reason,
        })
    }

    /// The inclusion proof of entry `seq` in the whole log.
    pub fn prove(&self, seq: u64) -> Option<Vec<Hash>> {
        merkle::inclusion_proof(&self.leaves, usize::try_from(seq).ok()?)
    }
}

const FIELDS: [&str; 8] = [
    "seq", "at", "agency", "event", "message", "peer", "digest", "detail",
];

fn check_entry(i: u64, line: &[u8]) -> Result<Value, String> {
    let v: Value = serde_json::from_slice(line).map_err(|e| format!("not JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    for f in FIELDS {
        if !o.contains_key(f) {
            return Err(format!("field `{f}` is missing"));
        }
    }
    match o["seq"].as_u64() {
        Some(s) if s == i => {}
        Some(s) if s > i => {
            return Err(format!(
                "missing: this line holds entry {s} (deleted or reordered entries)"
            ))
        }
        Some(s) => {
            return Err(format!(
                "out of order: this line holds entry {s} (inserted or reordered entries)"
            ))
        }
        None => return Err("seq is not a whole number".into()),
    }
    let at = o["at"].as_str().ok_or("at is not a time")?;
    jaring_core::Timestamp::parse(at).map_err(|e| format!("at: {e}"))?;
    o["agency"].as_str().ok_or("agency is not a string")?;
    if o["event"].as_str().is_none_or(str::is_empty) {
        return Err("event is not a name".into());
    }
    for f in ["message", "peer"] {
        if !(o[f].is_null() || o[f].is_string()) {
            return Err(format!("{f} must be a string or null"));
        }
    }
    if !(o["digest"].is_null()
        || o["digest"]
            .as_str()
            .and_then(b64::decode_array::<32>)
            .is_some())
    {
        return Err("digest must be b64u of 32 bytes or null".into());
    }
    if !o["detail"].is_object() {
        return Err("detail must be an object".into());
    }
    Ok(v)
}

/// Verifies every entry of a log file's bytes: JSON form, `seq`, one agency, and the `prev`
/// chain where present. The agency is taken from the entries (a strict majority of them).
pub fn verify(bytes: &[u8]) -> Result<VerifiedLog, LogError> {
    verify_for(bytes, None)
}

/// Like [`verify`], for a log that must be `agency`'s (as its checkpoints or key say).
pub fn verify_for(bytes: &[u8], agency: Option<&str>) -> Result<VerifiedLog, LogError> {
    // Lines first; a last piece without its newline is a torn write.
    let mut lines: Vec<&[u8]> = Vec::new();
    let mut rest = bytes;
    let mut torn = false;
    while !rest.is_empty() {
        match rest.iter().position(|b| *b == b'\n') {
            Some(end) => {
                lines.push(&rest[..end]);
                rest = &rest[end + 1..];
            }
            None => {
                torn = true;
                break;
            }
        }
    }
    // Each line's hash and checks do not depend on the others: spread them over the cores.
    let checked = check_lines(&lines)?;
    let mut leaves = Vec::with_capacity(lines.len());
    let mut prevs: Vec<Prev> = Vec::with_capacity(lines.len());
    let mut agencies: Vec<String> = Vec::with_capacity(lines.len());
    let mut first_bad: Option<LogError> = None;
    for (i, (leaf, result)) in checked.into_iter().enumerate() {
        leaves.push(leaf);
        match result {
            Ok((prev, who)) => {
                prevs.push(prev);
                agencies.push(who);
            }
            Err(reason) => {
                first_bad = Some(LogError {
                    seq: i as u64,
                    reason,
                });
                break;
            }
        }
    }
    if torn && first_bad.is_none() {
        first_bad = Some(LogError {
            seq: lines.len() as u64,
            reason: "the last line has no newline (torn write or truncation)".into(),
        });
    }
    // Whose log: as given, or what a strict majority of entries say. An entry that says
    // otherwise is bad; with no majority the chain and the checkpoints find the edit.
    let agency = agency.map(str::to_owned).or_else(|| {
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for a in &agencies {
            *counts.entry(a.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .find(|(_, n)| n * 2 > agencies.len())
            .map(|(a, _)| a.to_owned())
    });
    if let Some(a) = &agency {
        if let Some(k) = agencies.iter().position(|x| x != a) {
            let e = LogError {
                seq: k as u64,
                reason: format!("agency {} in a log kept by {a}", agencies[k]),
            };
            first_bad = Some(min_err(first_bad, e));
        }
    }
    let chained = !matches!(prevs.first(), None | Some(Prev::Absent));
    let n = prevs.len();
    if chained {
        // link(k), k >= 1: entry k's prev names entry k-1; entry 0's prev is null.
        let link = |k: usize| -> bool {
            match &prevs[k] {
                Prev::Hash(h) if k > 0 => h == &leaves[k - 1],
                Prev::Null => k == 0,
                _ => false,
            }
        };
        if !link(0) {
            let e = LogError {
                seq: 0,
                reason: "entry 0's prev must be null".into(),
            };
            return Err(min_err(first_bad, e));
        }
        if let Some(k) = (1..n).find(|&k| !link(k)) {
            // Entry k-1 changed: only link k breaks. Entry k's own prev changed: links k and
            // k+1 break (its own hash changed too). For the last entry there is no link k+1:
            // a prev one or two bytes away from the right value (or no longer a hash at all)
            // was edited, while an edited entry k-1 would have a completely different hash.
            let near_miss = match &prevs[k] {
                Prev::Hash(h) => {
                    h.iter()
                        .zip(leaves[k - 1].iter())
                        .filter(|(a, b)| a != b)
                        .count()
                        <= 2
                }
                _ => true,
            };
            let bad = if (k + 1 < n && !link(k + 1)) || (k + 1 == n && near_miss) {
                k
            } else {
                k - 1
            };
            // A deleted entry shows as a gap in seq at k and explains the broken link there.
            if let Some(gap) = &first_bad {
                if gap.seq == k as u64 && gap.reason.starts_with("missing") {
                    return Err(gap.clone());
                }
            }
            let reason = if bad == k {
                "its prev does not name the entry before it (edited)".to_owned()
            } else {
                format!("the next entry's prev does not match it (entry {bad} was edited, or an entry was inserted after it)")
            };
            return Err(min_err(
                first_bad,
                LogError {
                    seq: bad as u64,
                    reason,
                },
            ));
        }
    }
    match first_bad {
        Some(e) => Err(e),
        None => Ok(VerifiedLog {
            leaves,
            agency,
            chained,
        }),
    }
}

/// An entry's `prev` field.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Prev {
    /// No `prev` field (a log without the chain).
    Absent,
    /// `null` (entry 0).
    Null,
    /// A leaf hash.
    Hash(Hash),
    /// Something else (an edited value).
    Invalid,
}

type Checked = (Hash, Result<(Prev, String), String>);

/// Hashes and checks every line, on as many threads as there are cores for large logs.
fn check_lines(lines: &[&[u8]]) -> Result<Vec<Checked>, LogError> {
    let check = |first: usize, part: &[&[u8]]| -> Vec<Checked> {
        part.iter()
            .enumerate()
            .map(|(j, line)| {
                let i = (first + j) as u64;
                let result = check_entry(i, line).map(|v| {
                    let prev = match v.get("prev") {
                        None => Prev::Absent,
                        Some(Value::Null) => Prev::Null,
                        Some(Value::String(s)) => b64::decode_array::<32>(s)
                            .map(Prev::Hash)
                            .unwrap_or(Prev::Invalid),
                        Some(_) => Prev::Invalid,
                    };
                    (prev, v["agency"].as_str().unwrap_or_default().to_owned())
                });
                (merkle::leaf_hash(line), result)
            })
            .collect()
    };
    let threads = if lines.len() < 20_000 {
        1
    } else {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
    };
    if threads == 1 {
        return Ok(check(0, lines));
    }
    let chunk = lines.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| s.spawn(move || check(c * chunk, part)))
            .collect();
        let mut out = Vec::with_capacity(lines.len());
        for h in handles {
            out.extend(h.join().map_err(|_| LogError {
                seq: 0,
                reason: "verification failed internally".into(),
            })?);
        }
        Ok(out)
    })
}

fn min_err(a: Option<LogError>, b: LogError) -> LogError {
    match a {
        Some(a) if a.seq <= b.seq => a,
        _ => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A chained log as a node writes it, and a checkpoint of the whole.
    fn chained(n: usize) -> (Vec<Vec<u8>>, Checkpoint) {
        let mut lines = Vec::new();
        let mut prev: Option<String> = None;
        for i in 0..n {
            let line = serde_json::json!({
                "seq": i, "at": "2026-11-24T09:00:00Z", "agency": "ID-KEMLU-PNH", "event": "received",
                "message": "01a211d3-bd17-76e6-823e-947705ee1a8a", "peer": "TH-RTP", "digest": null,
                "detail": {"n": i}, "prev": prev,
            })
            .to_string()
            .into_bytes();
            prev = Some(b64::encode(&merkle::leaf_hash(&line)));
            lines.push(line);
        }
        let leaves: Vec<Hash> = lines.iter().map(|l| merkle::leaf_hash(l)).collect();
        let cp = Checkpoint {
            agency: "ID-KEMLU-PNH".into(),
            size: n as u64,
            root: merkle::root(&leaves),
        };
        (lines, cp)
    }

    fn join(lines: &[Vec<u8>]) -> Vec<u8> {
        lines
            .iter()
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect()
    }

    fn first_bad(bytes: &[u8], cp: &Checkpoint) -> Option<u64> {
        match verify(bytes) {
            Err(e) => Some(e.seq),
            Ok(v) => v.check(cp).err().map(|e| e.seq),
        }
    }

    #[test]
    fn an_intact_log_passes() {
        let (lines, cp) = chained(20);
        assert_eq!(first_bad(&join(&lines), &cp), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_changed_byte_names_its_entry(n in 2usize..40, e in any::<prop::sample::Index>(), b in any::<prop::sample::Index>(), flip in 1u8..=255) {
            let (mut lines, cp) = chained(n);
            let i = e.index(n);
            let j = b.index(lines[i].len());
            lines[i][j] ^= flip;
            prop_assert_eq!(first_bad(&join(&lines), &cp), Some(i as u64));
        }

        #[test]
        fn a_deleted_entry_is_named(n in 2usize..40, e in any::<prop::sample::Index>()) {
            let (mut lines, cp) = chained(n);
            let i = e.index(n);
            lines.remove(i);
            prop_assert_eq!(first_bad(&join(&lines), &cp), Some(i as u64));
        }

        #[test]
        fn swapped_entries_name_the_first(n in 2usize..40, a in any::<prop::sample::Index>(), b in any::<prop::sample::Index>()) {
            let (mut lines, cp) = chained(n);
            let (i, j) = (a.index(n), b.index(n));
            prop_assume!(i != j);
            lines.swap(i, j);
            prop_assert_eq!(first_bad(&join(&lines), &cp), Some(i.min(j) as u64));
        }

        #[test]
        fn an_inserted_entry_is_named(n in 2usize..40, e in any::<prop::sample::Index>()) {
            let (mut lines, cp) = chained(n);
            let i = e.index(n);
            let forged = lines[i].clone();
            lines.insert(i, forged);
            // The copy at i is byte-identical to the original entry i, so the first i+1 lines
            // are exactly the original's; the original, now at i+1, is the first out of place.
            prop_assert_eq!(first_bad(&join(&lines), &cp), Some(i as u64 + 1));
        }

        #[test]
        fn truncation_is_named(n in 2usize..40, keep in any::<prop::sample::Index>()) {
            let (lines, cp) = chained(n);
            let k = keep.index(n);
            prop_assert_eq!(first_bad(&join(&lines[..k]), &cp), Some(k as u64));
        }
    }
}
