//! The exclusion list: values that must never link alerts (a shared hosting provider's address,
//! a placeholder wallet, the agency's own hotline), as MISP's correlation exclusions. Each entry
//! is a glob (`*` any run, `?` one character) matched against normalised values, case-folded,
//! optionally scoped to one facet with a `TYPE:` prefix (`phone:+8551234*`, `name:unknown`).
//! A scoped entry without wildcards is normalised by its type's rule, so it may be written as
//! an officer would write the value.

use globset::{GlobBuilder, GlobMatcher};

use crate::facets::{search_keys, Facet};

/// An entry that is not a valid pattern.
#[derive(Debug, thiserror::Error)]
#[error("correlation.exclude entry `{entry}`: {reason}")]
pub struct ExcludeError {
    /// The entry.
    pub entry: String,
    /// What is wrong with it.
    pub reason: String,
}

struct Entry {
    facet: Option<Facet>,
    matcher: GlobMatcher,
}

/// The compiled list.
#[derive(Default)]
pub struct Exclusions {
    entries: Vec<Entry>,
}

impl std::fmt::Debug for Exclusions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Exclusions({} entries)", self.entries.len())
    }
}

impl Exclusions {
    /// Compiles the config's entries.
    pub fn new(entries: &[String]) -> Result<Self, ExcludeError> {
        let mut compiled = Vec::with_capacity(entries.len());
        for entry in entries {
            let bad = |reason: String| ExcludeError {
                entry: entry.clone(),
                reason,
            };
            let (facet, pattern) = match entry.split_once(':') {
                Some((prefix, rest)) => match Facet::parse(prefix.trim()) {
                    Some(f) => (Some(f), rest.trim().to_owned()),
                    None => (None, entry.trim().to_owned()),
                },
                None => (None, entry.trim().to_owned()),
            };
            if pattern.is_empty() {
                return Err(bad("is empty".into()));
            }
            let wild = pattern.contains(['*', '?', '[']);
            let pattern = match facet {
                Some(f) if !wild => search_keys(&format!("{}={pattern}", f.as_str()))
                    .into_iter()
                    .next()
                    .map_or(pattern, |k| k.value),
                _ => pattern,
            };
            let matcher = GlobBuilder::new(&pattern)
                .case_insensitive(true)
                .literal_separator(false)
                .backslash_escape(true)
                .build()
                .map_err(|e| bad(e.kind().to_string()))?
                .compile_matcher();
            compiled.push(Entry { facet, matcher });
        }
        Ok(Self { entries: compiled })
    }

    /// Whether a normalised value of `facet` is excluded.
    pub fn excludes(&self, facet: Facet, value: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.facet.is_none_or(|f| f == facet) && e.matcher.is_match(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_scopes_and_normalised_literals() {
        let x = Exclusions::new(&[
            "*.gov.example".into(),
            "phone:+855 99 999 999".into(),
            "name:unknown*".into(),
            "https://shared-host.example/*".into(),
        ])
        .unwrap();
        assert!(x.excludes(Facet::Indicator("domain"), "police.gov.example"));
        assert!(x.excludes(Facet::Indicator("phone"), "+85599999999"));
        assert!(!x.excludes(Facet::Indicator("bank-account"), "+85599999999"));
        assert!(x.excludes(Facet::Name, "unknown compound"));
        assert!(!x.excludes(Facet::Operator, "unknown compound"));
        assert!(x.excludes(Facet::Indicator("url"), "https://shared-host.example/a/b"));
        assert!(!x.excludes(Facet::Indicator("domain"), "gf-invest.example"));
        assert!(Exclusions::new(&["phone:".into()]).is_err());
        assert!(Exclusions::new(&["[a-".into()]).is_err());
    }
}
