//! The parameters of a read (TAXII 2.1 §3.4-§3.5): `added_after`, `limit`, `next` and the
//! `match[...]` filters, and the `next` cursor.
//!
//! The cursor is the `date_added` of the last object served, in Unix ms, base64url-encoded:
//! `date_added` is unique and increasing per object, so "after this one" is all a page needs
//! to know, the server keeps nothing, and a cursor never expires. Clients re-send their
//! original filters with `next` (taxii2-client's `as_pages`, OpenCTI with `added_after`): the
//! two lower bounds are combined, the later wins.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDateTime};

use crate::error::TaxiiError;

/// Objects a page holds when the client names no `limit`.
pub const DEFAULT_LIMIT: usize = 100;
/// The most a page holds, whatever the client asks (TAXII lets a server send fewer).
pub const MAX_LIMIT: usize = 1000;

/// Which versions of each object a read returns (`match[version]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Versions {
    /// The latest of each object (the default).
    #[default]
    Last,
    /// The first.
    First,
    /// All of them.
    All,
    /// Those with these `version` values (and `last` / `first` with them).
    At {
        /// The versions asked for.
        versions: Vec<String>,
        /// `last` was among them.
        last: bool,
        /// `first` was among them.
        first: bool,
    },
}

/// A read's filters, resolved.
#[derive(Debug, Clone, Default)]
pub struct ObjectQuery {
    /// Only objects added strictly after this (Unix ms): the later of `added_after` and the
    /// cursor.
    pub after_ms: Option<i64>,
    /// At most this many (the backend returns one more to say there are more).
    pub limit: usize,
    /// `match[id]`, or the object of a get-an-object read.
    pub ids: Vec<String>,
    /// `match[type]`.
    pub types: Vec<String>,
    /// `match[version]`.
    pub versions: Versions,
}

/// What a request asked, before the backend is asked: `None` from [`parse`] when its
/// `match[spec_version]` excludes 2.1, the only version served (the answer is empty).
pub type Parsed = Option<ObjectQuery>;

/// Reads a request's query string. `filters` are the `match[...]` fields the endpoint takes;
/// others are refused with 400, as are unreadable values.
pub fn parse(raw: Option<&str>, filters: &[&str]) -> Result<Parsed, TaxiiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| TaxiiError::bad_request(format!("the query string cannot be read: {e}")))?;
    let mut q = ObjectQuery {
        limit: DEFAULT_LIMIT,
        ..ObjectQuery::default()
    };
    // Repeated filters add up, whichever they are (`match[spec_version]=2.0` then `=2.1`
    // asks for either).
    let (mut specs, mut version_list): (Option<Vec<String>>, Vec<String>) = (None, Vec::new());
    for (key, value) in pairs {
        let list = || -> Vec<String> {
            value
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        };
        match key.as_str() {
            "added_after" => {
                let ms = floor_ms(&value)?;
                q.after_ms = Some(q.after_ms.map_or(ms, |a| a.max(ms)));
            }
            "next" => {
                let ms = decode_cursor(&value)?;
                q.after_ms = Some(q.after_ms.map_or(ms, |a| a.max(ms)));
            }
            "limit" => {
                let n: usize = value.parse().map_err(|_| {
                    TaxiiError::bad_request(format!("limit `{value}` is not a positive integer"))
                })?;
                if n == 0 {
                    return Err(TaxiiError::bad_request("limit must be at least 1"));
                }
                q.limit = n.min(MAX_LIMIT);
            }
            k if k.starts_with("match[") && k.ends_with(']') => {
                let field = &k[6..k.len() - 1];
                if !filters.contains(&field) {
                    return Err(TaxiiError::bad_request(format!(
                        "this endpoint does not filter on match[{field}]"
                    )));
                }
                match field {
                    "id" => q.ids.extend(list()),
                    "type" => q.types.extend(list()),
                    "spec_version" => specs.get_or_insert_with(Vec::new).extend(list()),
                    "version" => version_list.extend(list()),
                    _ => {}
                }
            }
            // Parameters TAXII does not define are ignored, as clients add their own.
            _ => {}
        }
    }
    if !version_list.is_empty() {
        q.versions = versions(&version_list)?;
    }
    let spec_ok = specs.is_none_or(|s| s.iter().any(|v| v == "2.1"));
    Ok(spec_ok.then_some(q))
}

fn versions(list: &[String]) -> Result<Versions, TaxiiError> {
    if list.iter().any(|v| v == "all") {
        return Ok(Versions::All);
    }
    let (mut last, mut first, mut at) = (false, false, Vec::new());
    for v in list {
        match v.as_str() {
            "last" => last = true,
            "first" => first = true,
            t => {
                floor_ms(t)?;
                at.push(t.to_owned());
            }
        }
    }
    Ok(match (at.is_empty(), last, first) {
        (true, true, false) | (true, false, false) => Versions::Last,
        (true, false, true) => Versions::First,
        _ => Versions::At {
            versions: at,
            last,
            first,
        },
    })
}

/// A TAXII timestamp, read leniently: `YYYY-MM-DDTHH:MM:SS`, then 0 to 9 fraction digits,
/// then `Z` (clients send anything from whole seconds to nanoseconds). Returns the whole
/// milliseconds at or before it: an object added at `a` ms is strictly later than the
/// timestamp exactly when `a` exceeds this.
pub fn floor_ms(text: &str) -> Result<i64, TaxiiError> {
    let bad = || {
        TaxiiError::bad_request(format!(
            "`{text}` is not a timestamp (YYYY-MM-DDTHH:MM:SS[.fraction]Z)"
        ))
    };
    let body = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix('z'))
        .ok_or_else(bad)?;
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let at = NaiveDateTime::parse_from_str(whole, "%Y-%m-%dT%H:%M:%S").map_err(|_| bad())?;
    let millis: i64 = format!("{fraction:0<3}")[..3].parse().map_err(|_| bad())?;
    Ok(at.and_utc().timestamp_millis() + millis)
}

/// A `date_added` (Unix ms) as TAXII writes timestamps: always three fraction digits.
pub fn timestamp(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00.000Z".into())
}

/// The cursor for the page after the object added at `ms`.
pub fn encode_cursor(ms: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("a{ms}"))
}

/// Reads a cursor; 400 for anything this server did not make.
pub fn decode_cursor(text: &str) -> Result<i64, TaxiiError> {
    let bad = || TaxiiError::bad_request("`next` is not a cursor this server gave");
    let raw = URL_SAFE_NO_PAD.decode(text).map_err(|_| bad())?;
    let s = std::str::from_utf8(&raw).map_err(|_| bad())?;
    s.strip_prefix('a')
        .filter(|d| !d.is_empty() && d.len() <= 15 && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse().ok())
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_read_with_any_fraction_and_floored_to_the_millisecond() {
        assert_eq!(floor_ms("1970-01-01T00:00:01Z").ok(), Some(1000));
        assert_eq!(floor_ms("1970-01-01T00:00:01.5Z").ok(), Some(1500));
        assert_eq!(floor_ms("1970-01-01T00:00:01.123456789Z").ok(), Some(1123));
        assert_eq!(floor_ms("1970-01-01T00:00:01.000999Z").ok(), Some(1000));
        assert!(floor_ms("1970-01-01T00:00:01.1234567890Z").is_err());
        assert!(floor_ms("1970-01-01 00:00:01Z").is_err());
        assert!(floor_ms("1970-01-01T00:00:01").is_err());
        assert_eq!(timestamp(1123), "1970-01-01T00:00:01.123Z");
        assert_eq!(
            floor_ms(&timestamp(1_790_000_000_123)).ok(),
            Some(1_790_000_000_123)
        );
    }

    #[test]
    fn a_cursor_round_trips_and_a_forged_one_is_refused() {
        let c = encode_cursor(1_790_000_000_123);
        assert_eq!(decode_cursor(&c).ok(), Some(1_790_000_000_123));
        assert!(decode_cursor("bm90IGEgY3Vyc29y").is_err());
        assert!(decode_cursor("!!").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("a")).is_err());
    }

    #[test]
    fn the_later_bound_wins_and_filters_are_checked() {
        let next = encode_cursor(5000);
        let raw = format!(
            "added_after=1970-01-01T00:00:01Z&next={next}&limit=5000&match[type]=report,location"
        );
        let q = parse(Some(&raw), &["id", "type", "version", "spec_version"])
            .ok()
            .flatten();
        let q = q.as_ref();
        assert_eq!(q.and_then(|q| q.after_ms), Some(5000));
        assert_eq!(q.map(|q| q.limit), Some(MAX_LIMIT));
        assert_eq!(q.map(|q| q.types.len()), Some(2));
        assert!(parse(Some("match[type]=report"), &["version"]).is_err());
        assert!(parse(Some("limit=0"), &[]).is_err());
        assert!(matches!(
            parse(Some("match[spec_version]=2.0"), &["spec_version"]),
            Ok(None)
        ));
        let v = parse(Some("match[version]=first"), &["version"])
            .ok()
            .flatten();
        assert_eq!(v.map(|q| q.versions), Some(Versions::First));
    }
}
