//! Timestamps: RFC 3339 in UTC with a `Z` suffix and at most millisecond precision (spec
//! conventions). Parsing is strict so that a signed time has one meaning for every implementation.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, SubsecRound, TimeZone, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as the wire format writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

/// The reason a text is not a wire-format timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be an RFC 3339 UTC time like 2026-11-24T09:00:00Z (Z suffix, at most milliseconds)")]
pub struct TimestampError;

impl Timestamp {
    /// The current time, truncated to milliseconds.
    pub fn now() -> Self {
        Self(Utc::now().trunc_subsecs(3))
    }

    /// Parses the strict wire form `YYYY-MM-DDTHH:MM:SS[.f{1,3}]Z`.
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        let b = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            b.get(range.clone())
                .filter(|s| s.iter().all(u8::is_ascii_digit))
                .map(|s| s.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
        };
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
            return Err(TimestampError);
        }
        if b[16] != b':' || b.last() != Some(&b'Z') {
            return Err(TimestampError);
        }
        let (year, month, day) = (digits(0..4), digits(5..7), digits(8..10));
        let (hour, minute, second) = (digits(11..13), digits(14..16), digits(17..19));
        let millis = match &b[19..b.len() - 1] {
            [] => Some(0),
            [b'.', frac @ ..] if (1..=3).contains(&frac.len()) => {
                let value = digits(20..20 + frac.len());
                value.map(|v| v * 10u32.pow(3 - frac.len() as u32))
            }
            _ => None,
        };
        let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s), Some(ms)) =
            (year, month, day, hour, minute, second, millis)
        else {
            return Err(TimestampError);
        };
        let date = NaiveDate::from_ymd_opt(y as i32, mo, d).ok_or(TimestampError)?;
        let time = date.and_hms_milli_opt(h, mi, s, ms).ok_or(TimestampError)?;
        // chrono accepts a leap second as milli >= 1000; the wire format does not.
        if time.nanosecond() >= 1_000_000_000 {
            return Err(TimestampError);
        }
        Ok(Self(Utc.from_utc_datetime(&time)))
    }

    /// Builds a timestamp from a chrono time, truncating to milliseconds.
    pub fn from_datetime(time: DateTime<Utc>) -> Self {
        Self(time.trunc_subsecs(3))
    }

    /// The chrono value, for arithmetic.
    pub fn datetime(&self) -> DateTime<Utc> {
        self.0
    }

    /// This time plus a (possibly negative) number of seconds; saturates at the calendar's ends.
    pub fn plus_seconds(&self, seconds: i64) -> Self {
        let delta = chrono::TimeDelta::try_seconds(seconds).unwrap_or(chrono::TimeDelta::MAX);
        Self(self.0.checked_add_signed(delta).unwrap_or(self.0))
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    /// Builds a timestamp from milliseconds since the Unix epoch.
    pub fn from_unix_millis(millis: i64) -> Option<Self> {
        DateTime::from_timestamp_millis(millis).map(Self)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.0;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )?;
        let millis = t.nanosecond() / 1_000_000;
        if millis != 0 {
            write!(f, ".{millis:03}")?;
        }
        f.write_str("Z")
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_the_wire_form() {
        for good in [
            "2026-11-24T09:00:00Z",
            "2026-11-24T09:00:00.5Z",
            "2000-02-29T23:59:59.999Z",
        ] {
            assert!(Timestamp::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            Timestamp::parse("2026-11-24T09:00:00Z")
                .unwrap()
                .to_string(),
            "2026-11-24T09:00:00Z"
        );
        assert_eq!(
            Timestamp::parse("2026-11-24T09:00:00.5Z")
                .unwrap()
                .to_string(),
            "2026-11-24T09:00:00.500Z"
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "2026-11-24T09:00:00",
            "2026-11-24T09:00:00+00:00",
            "2026-11-24t09:00:00Z",
            "2026-11-24T09:00:00.1234Z",
            "2026-11-24T09:00:00.Z",
            "2026-02-30T09:00:00Z",
            "2026-11-24T24:00:00Z",
            "2026-11-24T09:00:60Z",
            "2026-11-24 09:00:00Z",
            "+026-11-24T09:00:00Z",
            "",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }
}
