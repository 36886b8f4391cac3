//! Indicators as observables (SCOs). Built-in types where STIX has one (domain-name, url,
//! ipv4-addr, ipv6-addr, email-addr, user-account); OpenCTI's types and property names for
//! phones, wallets and bank accounts (pycti `CustomObservableCryptocurrencyWallet`, OpenCTI
//! `stix-2-1-sco.d.ts`), each declared by a jaring extension definition, so OpenCTI maps them
//! to its own observables.
//!
//! Values are written in one form where the form does not change what they name (a domain in
//! lower case, an IP address as Rust prints it, a phone without separators), because the id
//! is derived from the value: two agencies writing one wallet must produce one object.

use std::collections::BTreeMap;
use std::net::IpAddr;

use jaring_core::body::Indicator;

use crate::extensions;
use crate::ids::sco_id;
use crate::model::{
    Extension, IndicatorProps, NewSco, Sco, NEW_SCO, PROPERTY_EXTENSION, SPEC_VERSION,
};
use crate::time::timestamp;
use crate::StixError;

/// OpenCTI's phone observable type.
pub(crate) const PHONE_NUMBER: &str = "phone-number";
/// OpenCTI's wallet observable type.
pub(crate) const CRYPTOCURRENCY_WALLET: &str = "cryptocurrency-wallet";
/// OpenCTI's bank account observable type.
pub(crate) const BANK_ACCOUNT: &str = "bank-account";

/// The observable an indicator is, marked with `marking`; `None` for a value that is no such
/// thing (an `ip` that is not an address) or an indicator type this version does not know:
/// one unreadable indicator must not keep the rest of the alert from being exported.
pub(crate) fn sco(indicator: &Indicator, marking: &'static str) -> Result<Option<Sco>, StixError> {
    let value = indicator.value.trim();
    let (kind, props, defined_by) = match indicator.kind.as_str() {
        "domain" => ("domain-name", one("value", domain(value)), None),
        "url" => ("url", one("value", url(value)), None),
        "email" => ("email-addr", one("value", email(value)), None),
        "ip" => match ip(value) {
            Some((kind, value)) => (kind, one("value", Some(value)), None),
            None => return Ok(None),
        },
        "social-handle" => (
            "user-account",
            user_account(value, indicator.platform.as_deref()),
            None,
        ),
        "phone" => (
            PHONE_NUMBER,
            one("value", phone(value)),
            Some(extensions::PHONE_NUMBER),
        ),
        "crypto-wallet" => (
            CRYPTOCURRENCY_WALLET,
            one("value", text(value)),
            Some(extensions::CRYPTOCURRENCY_WALLET),
        ),
        "bank-account" => match bank_account(value) {
            Some((name, value)) => (
                BANK_ACCOUNT,
                one(name, Some(value)),
                Some(extensions::BANK_ACCOUNT),
            ),
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    let Some(props) = props else {
        return Ok(None);
    };
    let mut sco = Sco {
        kind,
        spec_version: SPEC_VERSION,
        id: sco_id(kind, &props)?,
        props,
        object_marking_refs: vec![marking],
        extensions: BTreeMap::new(),
    };
    if let Some(definition) = defined_by {
        let marker = Extension::NewSco(NewSco {
            extension_type: NEW_SCO,
        });
        sco.extensions.insert(definition, marker);
    }
    if let Some(attributes) = attributes(indicator) {
        sco.extensions.insert(extensions::INDICATOR, attributes);
    }
    Ok(Some(sco))
}

/// One property, if its value is there.
fn one(name: &'static str, value: Option<String>) -> Option<BTreeMap<&'static str, String>> {
    value.map(|value| BTreeMap::from([(name, value)]))
}

/// Text that is not blank, trimmed.
fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Analysts write indicators defanged so nobody clicks them (`hxxps://jobs[.]example`); STIX
/// wants the value itself.
fn refang(value: &str) -> String {
    let mut v = value
        .trim()
        .replace("[.]", ".")
        .replace("(.)", ".")
        .replace("[@]", "@");
    for (from, to) in [("hxxps://", "https://"), ("hxxp://", "http://")] {
        if v.get(..from.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(from))
        {
            v = format!("{to}{}", &v[from.len()..]);
        }
    }
    v
}

/// A URL as STIX takes it (RFC 3986: a scheme, no spaces, ASCII): a missing scheme is taken
/// as `http://`, anything outside ASCII is percent-encoded; `None` for what is still not one.
fn url(value: &str) -> Option<String> {
    let v = refang(value);
    if v.is_empty() || v.chars().any(char::is_whitespace) {
        return None;
    }
    let v = if v.contains("://") {
        v
    } else {
        format!("http://{v}")
    };
    let (scheme, rest) = v.split_once("://")?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok || rest.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Some(out)
}

/// A host name as STIX's `domain-name` takes it: labels of letters, digits and hyphens
/// (an internationalised name in its `xn--` form), no port, no underscore.
fn hostname(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// DNS names are case-insensitive, and a trailing dot names the same domain.
fn domain(value: &str) -> Option<String> {
    let d = refang(value).trim_end_matches('.').to_lowercase();
    hostname(&d).then_some(d)
}

/// The domain of an address is case-insensitive; its local part is the receiving server's to
/// interpret (RFC 5321), so it is kept as written.
fn email(value: &str) -> Option<String> {
    let value = refang(value);
    let (local, host) = value.rsplit_once('@')?;
    let host = host.to_lowercase();
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_graphic() && !"<>()[]\\,;:@\"".contains(c));
    (local_ok && hostname(&host)).then(|| format!("{local}@{host}"))
}

/// An address or a network (`a.b.c.d/nn`; STIX's `value` takes CIDR for both versions), as
/// Rust prints it (so `2001:DB8:0::1` is `2001:db8::1`); `None` if it is neither.
fn ip(value: &str) -> Option<(&'static str, String)> {
    let (address, prefix) = match value.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (value, None),
    };
    let address: IpAddr = address.trim().parse().ok()?;
    let (kind, bits) = match address {
        IpAddr::V4(_) => ("ipv4-addr", 32),
        IpAddr::V6(_) => ("ipv6-addr", 128),
    };
    match prefix {
        None => Some((kind, address.to_string())),
        Some(prefix) => {
            let prefix: u8 = prefix.trim().parse().ok()?;
            (prefix <= bits).then(|| (kind, format!("{address}/{prefix}")))
        }
    }
}

/// A phone number without the separators people write in it.
fn phone(value: &str) -> Option<String> {
    let number: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '(' | ')'))
        .collect();
    text(&number)
}

/// Letters and digits only, in upper case, as `iban` when it has an IBAN's shape (two
/// letters, two check digits, 15 to 34 characters), else as `account_number`: most of the
/// region has no IBANs.
fn bank_account(value: &str) -> Option<(&'static str, String)> {
    let account = value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let b = account.as_bytes();
    if b.is_empty() {
        return None;
    }
    let iban = (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit);
    Some((if iban { "iban" } else { "account_number" }, account))
}

/// A handle as a `user-account`: `account_login` as written without a leading `@`,
/// `user_id` as `<platform>:<handle in lower case>` (so one handle on two platforms is two
/// accounts; without a platform, the handle alone), and `account_type` only where the
/// platform has a value in STIX's account-type-ov (a value outside it draws a warning).
fn user_account(value: &str, platform: Option<&str>) -> Option<BTreeMap<&'static str, String>> {
    let login = text(value.strip_prefix('@').unwrap_or(value))?;
    let lower = login.to_lowercase();
    let platform = platform.map(str::trim).filter(|p| !p.is_empty());
    let user_id = match platform {
        Some(platform) => format!("{platform}:{lower}"),
        None => lower,
    };
    let mut props = BTreeMap::from([("account_login", login), ("user_id", user_id)]);
    let account_type = match platform {
        Some("facebook") => Some("facebook"),
        Some("x") => Some("twitter"),
        _ => None,
    };
    if let Some(account_type) = account_type {
        props.insert("account_type", account_type.to_owned());
    }
    Some(props)
}

/// jaring's indicator extension, with whichever attributes are present; `None` if none is.
fn attributes(indicator: &Indicator) -> Option<Extension> {
    let attribute = |v: &Option<String>| v.as_deref().and_then(text);
    let props = IndicatorProps {
        extension_type: PROPERTY_EXTENSION,
        platform: attribute(&indicator.platform),
        chain: attribute(&indicator.chain),
        asset: attribute(&indicator.asset),
        role: attribute(&indicator.role),
        first_seen: indicator.first_seen.map(|t| timestamp(t.unix_millis())),
        last_seen: indicator.last_seen.map(|t| timestamp(t.unix_millis())),
    };
    let any = [
        &props.platform,
        &props.chain,
        &props.asset,
        &props.role,
        &props.first_seen,
        &props.last_seen,
    ]
    .iter()
    .any(|p| p.is_some());
    any.then_some(Extension::Indicator(props))
}

#[cfg(test)]
mod tests {
    use super::{domain, email, url};

    #[test]
    fn values_are_refanged_and_what_stix_cannot_take_is_left_out() {
        assert_eq!(
            url("hxxps://jobs[.]example/login").as_deref(),
            Some("https://jobs.example/login")
        );
        assert_eq!(
            url("gf-invest.example/login").as_deref(),
            Some("http://gf-invest.example/login")
        );
        assert_eq!(
            url("https://ex.example/ทดสอบ").as_deref(),
            Some("https://ex.example/%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A")
        );
        assert_eq!(url("not a url"), None);
        assert_eq!(domain("Jobs[.]Example."), Some("jobs.example".into()));
        assert_eq!(domain("jobs.example:8080"), None);
        assert_eq!(domain("bad_name.example"), None);
        assert_eq!(
            email("HR@Jobs[.]Example").as_deref(),
            Some("HR@jobs.example")
        );
        assert_eq!(email("no-at-sign"), None);
        assert_eq!(email("Boss <boss@jobs.example>"), None);
    }

    use super::*;

    fn indicator(kind: &str, value: &str, platform: Option<&str>) -> Indicator {
        Indicator {
            kind: kind.into(),
            value: value.into(),
            platform: platform.map(Into::into),
            chain: None,
            asset: None,
            role: None,
            first_seen: None,
            last_seen: None,
        }
    }

    fn props(
        kind: &str,
        value: &str,
        platform: Option<&str>,
    ) -> Option<(String, Vec<(String, String)>)> {
        let sco = sco(&indicator(kind, value, platform), "m").unwrap()?;
        let props = sco
            .props
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        Some((sco.kind.to_owned(), props))
    }

    fn p(kind: &str, pairs: &[(&str, &str)]) -> Option<(String, Vec<(String, String)>)> {
        Some((
            kind.to_owned(),
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        ))
    }

    #[test]
    fn each_kind() {
        assert_eq!(
            props("domain", " GF-Invest.Example. ", None),
            p("domain-name", &[("value", "gf-invest.example")])
        );
        assert_eq!(
            props("ip", "177.60.40.7", None),
            p("ipv4-addr", &[("value", "177.60.40.7")])
        );
        assert_eq!(
            props("ip", "198.51.100.0/24", None),
            p("ipv4-addr", &[("value", "198.51.100.0/24")])
        );
        assert_eq!(
            props("ip", "2001:DB8:0:0::1", None),
            p("ipv6-addr", &[("value", "2001:db8::1")])
        );
        assert_eq!(props("ip", "198.51.100.0/33", None), None);
        assert_eq!(props("ip", "not an address", None), None);
        assert_eq!(
            props("email", "HR@GF-Invest.Example", None),
            p("email-addr", &[("value", "HR@gf-invest.example")])
        );
        assert_eq!(
            props("phone", "+66 (81) 234-5678", None),
            p("phone-number", &[("value", "+66812345678")])
        );
        assert_eq!(
            props("bank-account", "gb82 west 1234 5698 7654 32", None),
            p("bank-account", &[("iban", "GB82WEST12345698765432")])
        );
        assert_eq!(
            props("bank-account", "123-456 789", None),
            p("bank-account", &[("account_number", "123456789")])
        );
        assert_eq!(
            props("social-handle", "@GF_HR", Some("telegram")),
            p(
                "user-account",
                &[("account_login", "GF_HR"), ("user_id", "telegram:gf_hr")]
            )
        );
        assert_eq!(
            props("social-handle", "GF_HR", Some("x")),
            p(
                "user-account",
                &[
                    ("account_login", "GF_HR"),
                    ("account_type", "twitter"),
                    ("user_id", "x:gf_hr")
                ]
            )
        );
        assert_eq!(props("fax", "123", None), None);
        assert_eq!(props("url", "  ", None), None);
    }

    #[test]
    fn custom_types_carry_their_definition_and_attributes_their_extension() {
        let mut wallet = indicator("crypto-wallet", "TQ4xExampleWalletAddress", None);
        let plain = sco(&wallet, "m").unwrap().unwrap();
        assert_eq!(
            plain.extensions.keys().copied().collect::<Vec<_>>(),
            [extensions::CRYPTOCURRENCY_WALLET]
        );
        wallet.chain = Some("tron".into());
        let json = serde_json::to_value(sco(&wallet, "m").unwrap().unwrap()).unwrap();
        assert_eq!(json["extensions"][extensions::INDICATOR]["chain"], "tron");
        assert_eq!(
            json["extensions"][extensions::CRYPTOCURRENCY_WALLET]["extension_type"],
            "new-sco"
        );
        assert_eq!(json["value"], "TQ4xExampleWalletAddress");
        let domain = sco(&indicator("domain", "example.com", None), "m")
            .unwrap()
            .unwrap();
        assert!(domain.extensions.is_empty());
        assert_eq!(
            domain.id,
            "domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"
        );
    }
}
