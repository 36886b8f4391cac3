//! Indicator values in one canonical form, so that values which differ only in case, spacing or
//! formatting compare equal. Each rule uses the library made for the job: IDNA mapping for
//! domains (`idna`, UTS #46), URL parsing and serialisation (`url`, WHATWG), E.164 for phone
//! numbers (`phonenumber`, libphonenumber's metadata) and the IBAN check (`iban_validate`).
//!
//! A value a library refuses still gets a plain, predictable form (trimmed, inner spaces
//! removed, case folded where case never matters), and a note saying why, so that a typing slip
//! in one alert does not hide the value from the index: two agencies making the same slip still
//! match.

use std::net::IpAddr;
use std::str::FromStr;

/// A value as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// The canonical form.
    pub value: String,
    /// Why the value could not be read by its type's rule (a malformed URL, an IBAN whose check
    /// digits do not match), when so.
    pub note: Option<&'static str>,
}

impl Normalised {
    fn ok(value: String) -> Self {
        Self { value, note: None }
    }

    fn noted(value: String, note: &'static str) -> Self {
        Self {
            value,
            note: Some(note),
        }
    }
}

/// Normalises an indicator value of spec §5's `type`. `platform` scopes handles (`telegram:`):
/// the same name on two platforms is two accounts. Unknown types are trimmed and case-folded.
pub fn normalise(kind: &str, value: &str, platform: Option<&str>) -> Normalised {
    let rule = |v: &str| {
        let v = v.trim();
        match kind {
            "domain" => domain(v),
            "url" => url(v),
            "phone" => phone(v),
            "crypto-wallet" => wallet(v),
            "bank-account" => bank_account(v),
            "email" => email(v),
            "ip" => ip(v),
            _ => Normalised::ok(fold(v)),
        }
    };
    if kind == "social-handle" {
        return handle(value.trim(), platform);
    }
    // Applied until it stops changing (a few rounds at most): a library's output is not
    // always in its own normal form (IDNA can map a character to a space, which the next
    // round removes), and a normal form must be one.
    let mut n = rule(value);
    for _ in 0..3 {
        let again = rule(&n.value);
        if again.value == n.value {
            break;
        }
        n = again;
    }
    n
}

/// Case-folds text for comparison (names, aliases): lowercase, inner white space collapsed.
pub fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn compact(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace()).collect()
}

fn domain(value: &str) -> Normalised {
    let name = compact(value);
    let name = name.strip_suffix('.').unwrap_or(&name);
    match idna::domain_to_ascii(name) {
        Ok(ascii) if !ascii.is_empty() => Normalised::ok(ascii),
        _ => Normalised::noted(name.to_lowercase(), "not a valid domain name"),
    }
}

fn url(value: &str) -> Normalised {
    // Without a scheme a URL is read as http, as a browser would: `gf-invest.example/jobs` and
    // `http://GF-invest.example/jobs` are the same page.
    // `host.example:8080/x` parses as a URL of scheme `host.example` without a host: read
    // as http too.
    let parsed = url::Url::parse(value)
        .ok()
        .filter(url::Url::has_host)
        .or_else(|| url::Url::parse(&format!("http://{value}")).ok());
    match parsed {
        Some(mut u) if u.has_host() => {
            // The fragment never reaches the server: it names nothing the compound runs.
            u.set_fragment(None);
            Normalised::ok(u.to_string())
        }
        _ => Normalised::noted(compact(value), "not a valid URL"),
    }
}

fn phone(value: &str) -> Normalised {
    // Only numbers written with their country code (`+855 …`) can be put in E.164: a national
    // number alone means different lines in different countries.
    let parsed = phonenumber::parse(None, value).ok();
    match parsed {
        Some(n) => Normalised::ok(n.format().mode(phonenumber::Mode::E164).to_string()),
        None => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            let plus = if value.starts_with('+') { "+" } else { "" };
            Normalised::noted(
                format!("{plus}{digits}"),
                "not an international number (+country code)",
            )
        }
    }
}

fn handle(value: &str, platform: Option<&str>) -> Normalised {
    let name = compact(value);
    let name = name.trim_start_matches('@').to_lowercase();
    Normalised::ok(format!("{}:{name}", platform.unwrap_or("")))
}

fn wallet(value: &str) -> Normalised {
    let address = compact(value);
    // EVM addresses (Ethereum, BSC, Polygon) are hexadecimal: their case is only a checksum
    // (EIP-55). Bitcoin's bech32 addresses (`bc1…`) are case-insensitive and lowercased.
    // Base58 addresses (Bitcoin's legacy ones, Tron, Solana) are kept as written: in base58
    // case is part of the value.
    // `get`, not slicing: a value from the network may start with a character of several
    // bytes, and slicing inside it would panic (found by the property test).
    let evm = address.len() == 42
        && address
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("0x"))
        && address
            .get(2..)
            .is_some_and(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
    if evm {
        Normalised::ok(address.to_lowercase())
    } else if address.to_ascii_lowercase().starts_with("bc1") {
        // Bech32 is case-insensitive and lowercase by convention.
        Normalised::ok(address.to_lowercase())
    } else {
        Normalised::ok(address)
    }
}

fn bank_account(value: &str) -> Normalised {
    let account: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    let looks_like_iban = account.len() >= 15
        && account.chars().take(2).all(|c| c.is_ascii_uppercase())
        && account.chars().skip(2).take(2).all(|c| c.is_ascii_digit());
    if !looks_like_iban {
        // Most of the region has no IBAN: an account number, compacted.
        return Normalised::ok(account);
    }
    use iban::IbanLike;
    match iban::Iban::from_str(&account) {
        Ok(iban) => Normalised::ok(iban.electronic_str().to_owned()),
        Err(_) => Normalised::noted(account, "IBAN check digits do not match"),
    }
}

fn email(value: &str) -> Normalised {
    let address = compact(value);
    match address.rsplit_once('@') {
        Some((local, host)) if !local.is_empty() && !host.is_empty() => {
            // The local part is the receiving server's to interpret (RFC 5321): kept as is.
            let host = domain(host);
            let note = host.note.map(|_| "not a valid e-mail domain");
            Normalised {
                value: format!("{local}@{}", host.value),
                note,
            }
        }
        _ => Normalised::noted(address.to_lowercase(), "not an e-mail address"),
    }
}

fn ip(value: &str) -> Normalised {
    let address = compact(value);
    match IpAddr::from_str(&address) {
        Ok(a) => Normalised::ok(a.to_string()),
        Err(_) => Normalised::noted(address.to_lowercase(), "not an IP address"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: &str, value: &str) -> String {
        normalise(kind, value, None).value
    }

    #[test]
    fn each_type_by_its_rule() {
        assert_eq!(n("domain", " GF-Invest.Example. "), "gf-invest.example");
        assert_eq!(n("domain", "Bücher.example"), "xn--bcher-kva.example");
        assert_eq!(
            n("url", "HTTP://GF-Invest.example:80/jobs/../apply#top"),
            "http://gf-invest.example/apply"
        );
        assert_eq!(
            n("url", "gf-invest.example/jobs"),
            "http://gf-invest.example/jobs"
        );
        assert_eq!(
            n("url", "GF-invest.example:8080/jobs"),
            "http://gf-invest.example:8080/jobs"
        );
        assert_eq!(n("phone", "+855 12 345 678"), "+85512345678");
        assert_eq!(n("phone", "(+855) 12-345-678"), "+85512345678");
        assert_eq!(
            normalise("social-handle", "@GoldenJobsRecruit", Some("telegram")).value,
            "telegram:goldenjobsrecruit"
        );
        assert_eq!(
            n(
                "crypto-wallet",
                "0xAbCdEf0123456789abcdef0123456789ABCDEF01"
            ),
            "0xabcdef0123456789abcdef0123456789abcdef01"
        );
        assert_eq!(
            n("crypto-wallet", "TQ4xExampleWalletAddress"),
            "TQ4xExampleWalletAddress"
        );
        assert_eq!(
            n("bank-account", "gb82 west 1234 5698 7654 32"),
            "GB82WEST12345698765432"
        );
        assert_eq!(
            normalise("bank-account", "GB83 WEST 1234 5698 7654 32", None).note,
            Some("IBAN check digits do not match")
        );
        assert_eq!(n("bank-account", "123-456 789"), "123456789");
        assert_eq!(n("email", "HR@GF-Invest.Example"), "HR@gf-invest.example");
        assert_eq!(n("ip", "2001:DB8:0:0::1"), "2001:db8::1");
        // 42 bytes that start inside a two-byte character: read, never sliced.
        let odd = format!("é{}", "a".repeat(40));
        assert_eq!(n("crypto-wallet", &odd), odd);
        assert_eq!(
            normalise("phone", "012 345 678", None).note,
            Some("not an international number (+country code)")
        );
    }
}
