//! ISO 3166-1 alpha-2 country codes (the 249 officially assigned codes).
//!
//! Bodies and directories carry nationalities and places as these codes; a typo such as `IN` for
//! Indonesia (`ID`) cannot be caught, but a code that names no country at all can.

const ASSIGNED: &str =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ \
BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ \
DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT \
GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY \
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX \
MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS \
RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN \
TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// True when `code` is an assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_country_code(code: &str) -> bool {
    // ASSIGNED is sorted, every code two letters and one space apart: binary search over
    // the 3-byte cells, without allocating.
    let table = ASSIGNED.as_bytes();
    let cells = table.len().div_ceil(3);
    let code = code.as_bytes();
    if code.len() != 2 || !code.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let (mut lo, mut hi) = (0, cells);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let cell = &table[mid * 3..mid * 3 + 2];
        match cell.cmp(code) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_region_and_refuses_the_rest() {
        assert_eq!(ASSIGNED.split_ascii_whitespace().count(), 249);
        let codes: Vec<&str> = ASSIGNED.split_ascii_whitespace().collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "the table must stay sorted"
        );
        assert!(
            ASSIGNED.len() == 249 * 3 - 1,
            "two letters and one space per code"
        );
        for code in &codes {
            assert!(is_country_code(code), "{code}");
        }
        for code in [
            "TH", "ID", "PH", "MM", "KH", "LA", "VN", "MY", "CN", "AU", "TL",
        ] {
            assert!(is_country_code(code), "{code}");
        }
        for code in ["XX", "th", "THA", "", "ZZ", "UK"] {
            assert!(!is_country_code(code), "{code}");
        }
    }
}
