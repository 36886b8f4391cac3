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
}
