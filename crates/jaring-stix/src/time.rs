//! STIX timestamps. Every one jaring writes has exactly three fraction digits: STIX compares
//! versions by `modified` as text in places (TAXII `version`, manifests), and one width keeps
//! text order and time order the same.

use chrono::{DateTime, Datelike, Timelike, Utc};

/// 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: STIX timestamps have four-digit
/// years, so times beyond are clamped rather than written in a form nobody can read.
const MIN_MS: i64 = -62_135_596_800_000;
const MAX_MS: i64 = 253_402_300_799_999;

/// `YYYY-MM-DDTHH:MM:SS.sssZ` (always three fraction digits) for milliseconds since the Unix
/// epoch, clamped to years 0001 to 9999 (the validator refuses year 0).
pub fn timestamp(ms: i64) -> String {
    let t = DateTime::<Utc>::from_timestamp_millis(ms.clamp(MIN_MS, MAX_MS)).unwrap_or_default();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.timestamp_subsec_millis()
    )
}

/// Milliseconds since the epoch of an RFC 3339 time (a stored object's `modified`); finer
/// fractions are truncated.
pub(crate) fn parse_ms(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc).timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_fraction_digits_always() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(timestamp(1_795_737_600_007), "2026-11-27T00:00:00.007Z");
        assert_eq!(timestamp(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn clamped_to_four_digit_years() {
        assert_eq!(timestamp(i64::MAX), "9999-12-31T23:59:59.999Z");
        assert_eq!(timestamp(i64::MIN), "0001-01-01T00:00:00.000Z");
    }

    #[test]
    fn reads_back_what_it_writes() {
        for ms in [0, 1_795_737_600_007, -1] {
            assert_eq!(parse_ms(&timestamp(ms)), Some(ms));
        }
        assert_eq!(parse_ms("2026-11-27T00:00:00Z"), Some(1_795_737_600_000));
        assert_eq!(parse_ms("yesterday"), None);
    }
}
