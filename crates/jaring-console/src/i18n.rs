//! The console's languages: the region's nine, their Fluent messages (`locales/<tag>/console.ftl`,
//! compiled into the binary), the choice of one from a user's setting or `Accept-Language`,
//! and dates and numbers written the way each language writes them.
//!
//! Every string a person reads comes from the `.ftl` files; a test checks that each language
//! has exactly the messages English has. Plural forms follow CLDR's rules (Fluent selects them
//! from the language tag).

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, Loader};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: none of the nine languages is written
        // right to left, and the marks would show as boxes in some fonts.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// One of the console's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// The BCP 47 tag (also the `locales/` directory and the `lang` attribute).
    pub tag: &'static str,
    /// The language's own name for itself, as shown in the language menu.
    pub name: &'static str,
}

/// The region's languages, English first (the fallback).
pub const LANGUAGES: [Language; 9] = [
    Language {
        tag: "en",
        name: "English",
    },
    Language {
        tag: "id",
        name: "Bahasa Indonesia",
    },
    Language {
        tag: "th",
        name: "ไทย",
    },
    Language {
        tag: "km",
        name: "ខ្មែរ",
    },
    Language {
        tag: "vi",
        name: "Tiếng Việt",
    },
    Language {
        tag: "zh-Hans",
        name: "简体中文",
    },
    Language {
        tag: "fil",
        name: "Filipino",
    },
    Language {
        tag: "ms",
        name: "Bahasa Melayu",
    },
    Language {
        tag: "my",
        name: "မြန်မာ",
    },
];

/// The language with this tag, if it is one of the nine.
pub fn language(tag: &str) -> Option<Language> {
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.tag.eq_ignore_ascii_case(tag))
}

/// The best of the nine for an `Accept-Language` header: the first range (by quality) whose
/// language matches one of them, `zh` taken as simplified Chinese and `tl` as Filipino;
/// English when none does.
pub fn negotiate(accept_language: Option<&str>) -> Language {
    let mut ranges: Vec<(f32, usize, &str)> = Vec::new();
    for (i, part) in accept_language
        .unwrap_or("")
        .split(',')
        .take(32)
        .enumerate()
    {
        let mut bits = part.trim().split(';');
        let range = bits.next().unwrap_or("").trim();
        let q = bits
            .find_map(|b| b.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        if !range.is_empty() && q > 0.0 {
            ranges.push((q, i, range));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, range) in ranges {
        let primary = range.split('-').next().unwrap_or("").to_ascii_lowercase();
        let tag = match primary.as_str() {
            "zh" => "zh-Hans",
            "tl" => "fil",
            other => other,
        };
        if let Some(l) = language(tag) {
            return l;
        }
    }
    LANGUAGES[0]
}

/// Messages in one language: what templates call to write every word.
#[derive(Debug, Clone)]
pub struct Tr {
    lang: Language,
    id: LanguageIdentifier,
}

impl Tr {
    /// The messages of `lang`.
    pub fn new(lang: Language) -> Self {
        let id = lang
            .tag
            .parse::<LanguageIdentifier>()
            .unwrap_or_else(|_| unic_langid::langid!("en"));
        Self { lang, id }
    }

    /// The language.
    pub fn lang(&self) -> Language {
        self.lang
    }

    /// The message `key`. A key missing everywhere shows as itself (tests keep that from
    /// happening), never as an empty string.
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id, key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with arguments.
    pub fn args(&self, key: &str, args: &[(&'static str, Arg<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Arg::Text(s) => FluentValue::from(s.to_string()),
                    Arg::Count(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*k), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with one text argument `$name`.
    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        self.args(key, &[(name, Arg::Text(value))])
    }

    /// The message `key` with one count `$count` (plural forms select on it); the count
    /// itself is written with [`Tr::number`] in the message's `$n`.
    pub fn count(&self, key: &str, count: i64) -> String {
        let n = self.number(count);
        self.args(key, &[("count", Arg::Count(count)), ("n", Arg::Text(&n))])
    }

    /// A whole number with the language's digit grouping (`number-group` in its file).
    pub fn number(&self, n: i64) -> String {
        let sep = self.t("number-group");
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&sep);
            }
            out.push(c);
        }
        if n < 0 {
            format!("-{out}")
        } else {
            out
        }
    }

    /// An RFC 3339 time as the language writes a date and time (`date-time` in its file, with
    /// month names from `month-1` … `month-12`), in UTC and saying so; text that is not such a
    /// time is shown as it is.
    pub fn date(&self, rfc3339: &str) -> String {
        let Ok(t) = chrono::DateTime::parse_from_rfc3339(rfc3339) else {
            return rfc3339.to_owned();
        };
        let t = t.with_timezone(&chrono::Utc);
        use chrono::{Datelike, Timelike};
        let month = self.t(&format!("month-{}", t.month()));
        let time = format!("{:02}:{:02}", t.hour(), t.minute());
        self.args(
            "date-time",
            &[
                ("day", Arg::Text(&t.day().to_string())),
                ("month", Arg::Text(&month)),
                ("monthnum", Arg::Text(&format!("{:02}", t.month()))),
                ("year", Arg::Text(&t.year().to_string())),
                ("time", Arg::Text(&time)),
            ],
        )
    }
}

/// An argument of a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(&'a str),
    /// A number that plural forms select on.
    Count(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_of_the_nine() {
        assert_eq!(negotiate(Some("th-TH,th;q=0.9,en;q=0.8")).tag, "th");
        assert_eq!(negotiate(Some("fr-FR, km;q=0.5, en;q=0.4")).tag, "km");
        assert_eq!(negotiate(Some("zh-CN,zh;q=0.9")).tag, "zh-Hans");
        assert_eq!(negotiate(Some("tl")).tag, "fil");
        assert_eq!(negotiate(Some("en;q=0.1, my;q=0.9")).tag, "my");
        assert_eq!(negotiate(Some("de")).tag, "en");
        assert_eq!(negotiate(None).tag, "en");
        assert_eq!(negotiate(Some(";;,q=,")).tag, "en");
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        let en = Tr::new(LANGUAGES[0]);
        assert_eq!(en.number(1234567), "1,234,567");
        assert_eq!(en.number(-12), "-12");
        assert_eq!(en.date("2026-11-26T08:05:00Z"), "26 Nov 2026, 08:05 UTC");
        assert_eq!(en.date("not a time"), "not a time");
        let id = Tr::new(language("id").unwrap_or(LANGUAGES[0]));
        assert_eq!(id.number(1234567), "1.234.567");
        assert_eq!(en.count("inbox-count", 1), "1 message");
        assert_eq!(en.count("inbox-count", 2000), "2,000 messages");
    }
}
