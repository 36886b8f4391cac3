//! What the pages share: the frame around every page (title, navigation by role, the user),
//! and the words for codes: kinds, TLP, grading, statuses.

use jaring_api::directory::DirectoryView;
use jaring_api::Role;

use crate::i18n::Tr;
use crate::session::Viewer;

/// At most `n` characters of `s`.
pub fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// One link of the navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Where it goes.
    pub href: &'static str,
    /// Its words.
    pub label: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The frame of every page.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The language.
    pub tr: Tr,
    /// The page's title, in words.
    pub title: String,
    /// The agency.
    pub agency: String,
    /// The user's name, when logged in.
    pub user: Option<String>,
    /// The user's roles, in words.
    pub roles: String,
    /// The navigation (empty before login).
    pub nav: Vec<NavItem>,
}

impl Frame {
    /// The frame of a page for `v`, titled by the message `title`, with `current` marked.
    pub fn new(v: &Viewer, title: &str, current: &str) -> Self {
        let tr = v.tr.clone();
        let mut nav = Vec::new();
        let mut item = |href: &'static str, key: &str| {
            nav.push(NavItem {
                href,
                label: tr.t(key),
                current: href == current,
            })
        };
        item("/inbox", "nav-inbox");
        if v.has(Role::Liaison) {
            item("/new/alert", "nav-new-alert");
        }
        if v.has(Role::Caseworker) {
            item("/new/referral", "nav-new-referral");
        }
        if v.has(Role::Liaison) || v.has(Role::Caseworker) || v.has(Role::Auditor) {
            item("/sent", "nav-sent");
        }
        if v.has(Role::Liaison) {
            item("/compounds", "nav-compounds");
        }
        if v.has(Role::Admin) {
            item("/status", "nav-status");
        }
        if v.has(Role::Auditor) {
            item("/audit", "nav-audit");
        }
        item("/account", "nav-account");
        let roles = v
            .user
            .roles
            .0
            .iter()
            .map(|r| tr.t(&format!("role-{}", r.as_str())))
            .collect::<Vec<_>>()
            .join(", ");
        Self {
            title: tr.t(title),
            tr,
            agency: v.agency.clone(),
            user: Some(v.user.name.clone()),
            roles,
            nav,
        }
    }

    /// The frame of a page before login.
    pub fn anonymous(tr: Tr, title: &str, agency: String) -> Self {
        Self {
            title: tr.t(title),
            tr,
            agency,
            user: None,
            roles: String::new(),
            nav: Vec::new(),
        }
    }
}

/// A kind in words.
pub fn kind(tr: &Tr, kind: &str) -> String {
    tr.t(&format!("kind-{kind}"))
}

/// A referral status in words.
pub fn status(tr: &Tr, status: &str) -> String {
    tr.t(&format!("status-{status}"))
}

/// The TLP 2.0 markings, as the wire writes them.
pub const TLPS: [&str; 5] = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"];

/// The CSS class of a TLP (`tlp-red`, `tlp-amber-strict`, …).
pub fn tlp_class(tlp: &str) -> String {
    format!("tlp tlp-{}", tlp.to_ascii_lowercase().replace('+', "-"))
}

/// A TLP's label as FIRST writes it (`TLP:AMBER+STRICT`).
pub fn tlp_label(tlp: &str) -> String {
    format!("TLP:{}", tlp.to_ascii_uppercase())
}

/// What a TLP means, in words.
pub fn tlp_meaning(tr: &Tr, tlp: &str) -> String {
    tr.t(&format!(
        "tlp-{}-meaning",
        tlp.to_ascii_lowercase().replace('+', "-")
    ))
}

/// The TLP banner of a page: its class, its label, its meaning in words.
#[derive(Debug, Clone)]
pub struct Banner {
    /// CSS class.
    pub class: String,
    /// `TLP:AMBER`.
    pub label: String,
    /// What it means.
    pub meaning: String,
}

impl Banner {
    /// The banner of `tlp` (as the wire writes it).
    pub fn of(tr: &Tr, tlp: &str) -> Self {
        Self {
            class: tlp_class(tlp),
            label: tlp_label(tlp),
            meaning: tlp_meaning(tr, tlp),
        }
    }
}

/// A referral's status in words, for a message that is a referral (empty otherwise).
pub fn referral_state(tr: &Tr, m: &jaring_api::messages::Summary) -> String {
    m.state
        .as_deref()
        .filter(|_| m.kind == "victim-referral")
        .map(|s| status(tr, s))
        .unwrap_or_default()
}

/// The admiralty grading in words: "B2: usually reliable, probably true".
pub fn grading(tr: &Tr, reliability: &str, credibility: &str) -> String {
    tr.args(
        "grading",
        &[
            (
                "code",
                crate::i18n::Arg::Text(&format!("{reliability}{credibility}")),
            ),
            (
                "reliability",
                crate::i18n::Arg::Text(&tr.t(&format!("reliability-{reliability}"))),
            ),
            (
                "credibility",
                crate::i18n::Arg::Text(&tr.t(&format!("credibility-{credibility}"))),
            ),
        ],
    )
}

/// An agency as people know it: "Kementerian Luar Negeri (ID-KEMLU), ID"; an id the
/// directory does not hold is shown as it is.
pub fn agency(dir: Option<&DirectoryView>, id: &str) -> String {
    match dir.and_then(|d| d.agencies.iter().find(|a| a.id == id)) {
        Some(a) => format!("{} ({}, {})", a.name, a.id, a.country),
        None => id.to_owned(),
    }
}

/// A country code with its name in the language, when the language file has it.
pub fn country(tr: &Tr, code: &str) -> String {
    let key = format!("country-{}", code.to_ascii_uppercase());
    let name = tr.t(&key);
    if name == key {
        code.to_owned()
    } else {
        format!("{name} ({code})")
    }
}

/// Why two alerts are linked, in words: `via-ref`, `via-name`... or an indicator type.
pub fn via(tr: &Tr, v: &jaring_api::correlation::Via) -> String {
    let label = match v.facet.as_str() {
        "ref" | "name" | "operator" | "near" | "confirmed" => tr.t(&format!("via-{}", v.facet)),
        indicator => tr.t(&format!("indicator-{indicator}")),
    };
    format!("{label}: {}", v.value)
}

/// Every reason two alerts are linked, in words, separated by semicolons.
pub fn vias(tr: &Tr, via: &[jaring_api::correlation::Via]) -> String {
    via.iter()
        .map(|v| self::via(tr, v))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Values over the cap, each in words with the number of alerts it is known to be in more than
/// (the node counts a value's holders up to the cap and one more: the number shown is the cap,
/// or more when more were counted), for the list under `compound-flagged`.
pub fn flagged(tr: &Tr, flagged: &[jaring_api::correlation::Flagged]) -> Vec<(String, i64)> {
    flagged
        .iter()
        .map(|x| {
            (
                via(
                    tr,
                    &jaring_api::correlation::Via {
                        facet: x.facet.clone(),
                        value: x.value.clone(),
                    },
                ),
                i64::try_from(x.alerts.saturating_sub(1)).unwrap_or(i64::MAX),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::LANGUAGES;

    #[test]
    fn grading_and_tlp_in_words() {
        let en = Tr::new(LANGUAGES[0]);
        assert_eq!(
            grading(&en, "B", "2"),
            "B2: usually reliable, probably true"
        );
        assert_eq!(tlp_label("AMBER+STRICT"), "TLP:AMBER+STRICT");
        assert_eq!(tlp_class("AMBER+STRICT"), "tlp tlp-amber-strict");
        assert!(tlp_meaning(&en, "RED").contains("eyes"));
        for t in TLPS {
            assert_ne!(
                tlp_meaning(&en, t),
                format!("tlp-{}-meaning", t.to_ascii_lowercase())
            );
        }
        assert_eq!(country(&en, "KH"), "Cambodia (KH)");
        assert_eq!(clip("ไทยไทย", 3), "ไทย");
    }

    #[test]
    fn a_value_over_the_cap_is_in_more_alerts_than_the_cap() {
        let en = Tr::new(LANGUAGES[0]);
        // The node counts up to the cap (50) and one more.
        let over = flagged(
            &en,
            &[jaring_api::correlation::Flagged {
                facet: "phone".into(),
                value: "+85599000000".into(),
                alerts: 51,
            }],
        );
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].1, 50);
        assert_eq!(
            en.count("compound-flagged-count", over[0].1),
            "in more than 50 alerts"
        );
    }
}
