//! Media types: what every response is sent as, and whether a request's `Accept` allows it.
//!
//! TAXII 2.1 §1.6: a client asks for `application/taxii+json;version=2.1`; a server that
//! cannot answer in the version asked for says 406. A request with no `Accept`, `*/*` or
//! `application/*` is answered too: curl and browsers send those, and the answer is the only
//! version there is. A bare `application/taxii+json` (no version) is taken as "any version",
//! which is ours. Anything that names only other types or other versions is refused.

/// The TAXII 2.1 media type, on every response.
pub const TAXII: &str = "application/taxii+json;version=2.1";
/// The STIX 2.1 media type, in collections' `media_types` and manifests.
pub const STIX: &str = "application/stix+json;version=2.1";

/// Whether an `Accept` header (absent: `None`) admits a TAXII 2.1 answer.
pub fn accepts(accept: Option<&str>) -> bool {
    let Some(accept) = accept else {
        return true;
    };
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let kind = parts.next().unwrap_or_default().to_ascii_lowercase();
        let mut version = None;
        let mut q_zero = false;
        for p in parts {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            match k.trim().to_ascii_lowercase().as_str() {
                "version" => version = Some(v.trim().trim_matches('"').to_owned()),
                "q" => q_zero = v.trim().parse::<f32>().is_ok_and(|q| q <= 0.0),
                _ => {}
            }
        }
        if q_zero {
            return false;
        }
        match kind.as_str() {
            "*/*" | "application/*" => true,
            "application/taxii+json" => version.as_deref().is_none_or(|v| v == "2.1"),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn the_version_decides_and_other_types_are_refused() {
        assert!(accepts(None));
        assert!(accepts(Some("application/taxii+json;version=2.1")));
        assert!(accepts(Some("application/taxii+json; version=2.1")));
        assert!(accepts(Some(
            "text/html, application/taxii+json;version=2.1;q=0.9"
        )));
        assert!(accepts(Some("*/*")));
        assert!(accepts(Some("application/taxii+json")));
        assert!(!accepts(Some("application/taxii+json;version=2.0")));
        assert!(!accepts(Some(
            "application/vnd.oasis.taxii+json; version=2.0"
        )));
        assert!(!accepts(Some("text/html")));
        assert!(!accepts(Some("application/taxii+json;version=2.1;q=0")));
    }
}
