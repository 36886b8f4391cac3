//! Normalising is idempotent, and values that differ only in case, spacing or formatting
//! normalise alike, for every indicator type (issue 14, item 2).

use jaring_correlate::normalise::normalise;
use proptest::prelude::*;

const TYPES: [&str; 8] = jaring_core::body::INDICATOR_TYPES;

/// Upper-cases the letters `mask` picks.
fn recase(text: &str, mask: u64) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalising_twice_changes_nothing(kind in prop::sample::select(&TYPES[..]), value in "\\PC{0,40}", platform in prop::option::of("[a-z]{1,8}")) {
        let once = normalise(kind, &value, platform.as_deref()).value;
        // A handle's normal form carries its platform scope: normalise what is after it.
        let again = match (kind, once.split_once(':')) {
            ("social-handle", Some((scope, handle))) => {
                normalise(kind, handle, (!scope.is_empty()).then_some(scope)).value
            }
            _ => normalise(kind, &once, platform.as_deref()).value,
        };
        prop_assert_eq!(once, again);
    }

    #[test]
    fn domains_differing_in_case_and_spacing_are_one(labels in prop::collection::vec("[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,5})?", 2..4), mask: u64, pad in " {0,3}", dot: bool) {
        let plain = labels.join(".");
        let written = format!("{pad}{}{}{pad}", recase(&plain, mask), if dot { "." } else { "" });
        prop_assert_eq!(normalise("domain", &written, None).value, normalise("domain", &plain, None).value);
        let url = format!("HTTP://{}/Path", recase(&plain, mask));
        prop_assert_eq!(normalise("url", &url, None).value, format!("http://{}/Path", normalise("domain", &plain, None).value));
        let mail = format!(" hr@{} ", recase(&plain, mask));
        prop_assert_eq!(normalise("email", &mail, None).value, format!("hr@{}", normalise("domain", &plain, None).value));
    }

    #[test]
    fn phone_numbers_in_any_layout_are_one(national in "[1-9][0-9]{7}", seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", ".", " - "]), 8)) {
        // Cambodia (+855): a mobile number in any grouping, with or without brackets.
        let mut written = String::from("+855");
        for (c, sep) in national.chars().zip(&seps) {
            written.push_str(sep);
            written.push(c);
        }
        let bracketed = format!("(+855) {national}");
        let a = normalise("phone", &written, None);
        let b = normalise("phone", &bracketed, None);
        prop_assert_eq!(&a.value, &b.value);
        prop_assert_eq!(a.value, format!("+855{national}"));
    }

    #[test]
    fn handles_and_wallets_differing_in_case_are_one(name in "[A-Za-z][A-Za-z0-9_]{3,20}", mask: u64, at: bool, hex in "[0-9a-f]{40}") {
        let written = format!(" {}{} ", if at { "@" } else { "" }, recase(&name, mask));
        prop_assert_eq!(
            normalise("social-handle", &written, Some("telegram")).value,
            normalise("social-handle", &name, Some("telegram")).value
        );
        prop_assert_ne!(
            normalise("social-handle", &name, Some("telegram")).value,
            normalise("social-handle", &name, Some("line")).value,
            "the same name on two platforms is two accounts"
        );
        let evm = format!("0x{hex}");
        prop_assert_eq!(normalise("crypto-wallet", &recase(&evm, mask), None).value, evm);
    }

    #[test]
    fn ibans_in_print_or_electronic_form_are_one(mask: u64, spaced: bool) {
        // A valid IBAN (the ISO 13616 example), in print form or not, in any case.
        let iban = "GB82WEST12345698765432";
        let written = if spaced { "gb82 west 1234 5698 7654 32".to_owned() } else { iban.to_owned() };
        let n = normalise("bank-account", &recase(&written, mask), None);
        prop_assert_eq!(n.value, iban);
        prop_assert_eq!(n.note, None);
    }

    #[test]
    fn ip_addresses_in_any_notation_are_one(octets: [u8; 4], groups in prop::array::uniform8(prop_oneof![Just(0u16), any::<u16>()]), mask: u64, pad in " {0,3}") {
        let v4 = std::net::Ipv4Addr::from(octets).to_string();
        prop_assert_eq!(normalise("ip", &format!("{pad}{v4}{pad}"), None).value, v4.clone());
        // IPv6 written in full, upper- or lower-case, or compressed: one address.
        let v6 = std::net::Ipv6Addr::from(groups);
        let full = groups.iter().map(|g| format!("{g:04x}")).collect::<Vec<_>>().join(":");
        let canonical = v6.to_string();
        // (Half the groups are zero, so most addresses compress: `::` in their canonical form.)
        for written in [recase(&full, mask), recase(&canonical, mask), canonical.to_uppercase(), format!(" {full} ")] {
            let n = normalise("ip", &written, None);
            prop_assert_eq!(&n.value, &canonical);
            prop_assert_eq!(n.note, None);
        }
    }

    #[test]
    fn urls_differing_only_in_formatting_are_one(host in "[a-z][a-z0-9]{0,10}\\.[a-z]{2,6}", segs in prop::collection::vec("[a-z0-9]{1,8}", 1..4), mask: u64, https: bool, fragment in "[a-z]{0,6}") {
        let (scheme, port) = if https { ("https", 443) } else { ("http", 80) };
        let path = segs.join("/");
        let plain = format!("{scheme}://{host}/{path}");
        let want = normalise("url", &plain, None).value;
        prop_assert_eq!(&want, &plain);
        // The scheme and host in any case, the default port written out, dot segments, a
        // fragment: the same page.
        let written = format!(
            "{}://{}:{port}/x/../{}/./{path}#{fragment}",
            scheme.to_uppercase(),
            recase(&host, mask),
            segs[0]
        );
        let dotted = format!("{scheme}://{host}/{}/{path}", segs[0]);
        prop_assert_eq!(normalise("url", &written, None).value, normalise("url", &dotted, None).value);
        // Without a scheme a URL is read as http.
        if !https {
            prop_assert_eq!(normalise("url", &format!("{host}/{path}"), None).value, want);
        }
    }

    #[test]
    fn account_numbers_in_any_grouping_are_one(digits in "[0-9]{6,14}", seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", "."]), 14)) {
        // Most of the region has no IBAN: an account number, however it is grouped.
        let mut written = String::new();
        for (c, sep) in digits.chars().zip(&seps) {
            written.push(c);
            written.push_str(sep);
        }
        let n = normalise("bank-account", &written, None);
        prop_assert_eq!(n.value, digits);
        prop_assert_eq!(n.note, None);
    }

    #[test]
    fn any_valid_iban_is_one_and_a_mistyped_digit_is_noted(bban in "[0-9]{18}", mask: u64, at in 4usize..22, digit in 1u8..10) {
        // A German IBAN (18 digits after the check digits) with check digits made by ISO
        // 7064's mod 97-10: the country and "00" moved after the BBAN, letters as numbers.
        let rearranged = format!("{bban}131400");
        let rest = rearranged.bytes().fold(0u32, |r, b| (r * 10 + u32::from(b - b'0')) % 97);
        let iban = format!("DE{:02}{bban}", 98 - rest);
        let print = iban.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
        for written in [iban.clone(), recase(&print.to_lowercase(), mask)] {
            let n = normalise("bank-account", &written, None);
            prop_assert_eq!(&n.value, &iban);
            prop_assert_eq!(n.note, None);
        }
        // One digit changed: mod 97 always notices.
        let mut wrong = iban.clone().into_bytes();
        wrong[at] = b'0' + (wrong[at] - b'0' + digit) % 10;
        let wrong = String::from_utf8_lossy(&wrong).into_owned();
        prop_assert!(normalise("bank-account", &wrong, None).note.is_some(), "{}", wrong);
    }
}
