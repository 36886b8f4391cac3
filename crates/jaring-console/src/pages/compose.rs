//! The two forms that create: a relocation alert (liaison) and a victim referral
//! (caseworker). A form is checked by jaring-core's own validation, and each error shown
//! beside the field it names, in the user's language; then a review shows exactly which
//! agencies will be able to read the message, and only that second step sends.
//!
//! A referral states consent, or without it the lawful basis of spec §5 (`consent.basis`):
//! never silently neither.

use std::collections::BTreeSet;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use jaring_api::directory::DirectoryView;
use jaring_api::messages::{OutgoingBody, SendRequest};
use jaring_api::{ApiError, Role, Route};
use jaring_core::body::{CONSENT_BASES, NEEDS, RISKS, SCAM_TYPES};
use jaring_core::{AgencyId, Body, Kind, Tlp};
use serde_json::{json, Map, Value};

use super::{forbid, problem, render};
use crate::backend::Backend;
use crate::i18n::Tr;
use crate::session::Viewer;
use crate::views::{self, Frame};
use crate::Console;

/// The form as sent: every (name, value) pair, in order (checkboxes repeat a name).
type Pairs = Vec<(String, String)>;

fn get<'a>(p: &'a Pairs, name: &str) -> &'a str {
    p.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

fn all<'a>(p: &'a Pairs, name: &str) -> Vec<&'a str> {
    p.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .collect()
}

/// A choice of a select, a radio group or a set of checkboxes.
pub struct Opt {
    value: String,
    label: String,
    selected: bool,
}

/// One field of a form.
pub struct Field {
    name: &'static str,
    label: String,
    help: String,
    /// `text`, `number`, `datetime-local`, `textarea`, `select`, `checks`, `radios`, `check`.
    input: &'static str,
    value: String,
    required: bool,
    error: Option<String>,
    options: Vec<Opt>,
}

/// A group of fields with a legend.
pub struct Section {
    legend: String,
    fields: Vec<Field>,
}

struct Builder<'a> {
    tr: &'a Tr,
    pairs: &'a Pairs,
}

impl Builder<'_> {
    fn field(&self, name: &'static str, input: &'static str, required: bool) -> Field {
        let help_key = format!("help-{}", name.replace('_', "-"));
        let help = self.tr.t(&help_key);
        Field {
            name,
            label: self.tr.t(&format!("form-{}", name.replace('_', "-"))),
            help: if help == help_key {
                String::new()
            } else {
                help
            },
            input,
            value: get(self.pairs, name).to_owned(),
            required,
            error: None,
            options: Vec::new(),
        }
    }

    fn choice(
        &self,
        name: &'static str,
        input: &'static str,
        required: bool,
        options: Vec<(String, String)>,
        default: &str,
    ) -> Field {
        let mut f = self.field(name, input, required);
        let chosen = all(self.pairs, name);
        let nothing_sent = !self.pairs.iter().any(|(k, _)| k == "step");
        f.options = options
            .into_iter()
            .map(|(value, label)| Opt {
                selected: chosen.contains(&value.as_str()) || (nothing_sent && value == default),
                value,
                label,
            })
            .collect();
        f
    }
}

fn recipients(
    b: &Builder<'_>,
    dir: Option<&DirectoryView>,
    me: &str,
    tlp_default: &str,
) -> Section {
    let tr = b.tr;
    let agencies = dir
        .map(|d| {
            d.agencies
                .iter()
                .filter(|a| a.id != me)
                .map(|a| {
                    let roles = a
                        .roles
                        .iter()
                        .map(|r| tr.t(&format!("agency-role-{r}")))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        a.id.clone(),
                        format!(
                            "{} ({}) · {} · {roles}",
                            a.name,
                            a.id,
                            views::country(tr, &a.country)
                        ),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut roles = vec![(String::new(), tr.t("form-to-role-none"))];
    for r in [
        "law-enforcement",
        "consular",
        "immigration",
        "victim-support",
        "coordinator",
    ] {
        roles.push((r.to_owned(), tr.t(&format!("agency-role-{r}"))));
    }
    let tlps = views::TLPS
        .iter()
        .map(|t| {
            (
                t.to_string(),
                format!("{} · {}", views::tlp_label(t), views::tlp_meaning(tr, t)),
            )
        })
        .collect();
    Section {
        legend: tr.t("section-sharing"),
        fields: vec![
            b.choice("tlp", "select", true, tlps, tlp_default),
            b.choice("to", "checks", false, agencies, ""),
            b.choice("to_role", "select", false, roles, ""),
            b.field("to_all", "check", false),
        ],
    }
}

fn alert_sections(b: &Builder<'_>, dir: Option<&DirectoryView>, me: &str) -> Vec<Section> {
    let tr = b.tr;
    let reliability = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|r| {
            (
                r.to_string(),
                format!("{r}: {}", tr.t(&format!("reliability-{r}"))),
            )
        })
        .collect();
    let credibility = ["1", "2", "3", "4", "5", "6"]
        .iter()
        .map(|c| {
            (
                c.to_string(),
                format!("{c}: {}", tr.t(&format!("credibility-{c}"))),
            )
        })
        .collect();
    let scam_types = SCAM_TYPES
        .iter()
        .map(|t| (t.to_string(), tr.t(&format!("scam-type-{t}"))))
        .collect();
    // A new compound gets a fresh reference; for one already reported, the form is opened
    // from its trail or one of its alerts with the reference filled in (see [`Prefill`]), or
    // the officer pastes it (or clears the field).
    let mut compound_ref = b.field("compound_ref", "text", false);
    if !b.pairs.iter().any(|(k, _)| k == "step") && compound_ref.value.is_empty() {
        compound_ref.value = uuid::Uuid::new_v4().hyphenated().to_string();
    }
    vec![
        Section {
            legend: tr.t("section-compound"),
            fields: vec![
                b.field("compound_name", "text", true),
                b.field("compound_aliases", "text", false),
                compound_ref,
                b.field("operators", "textarea", false),
                b.choice("scam_types", "checks", false, scam_types, ""),
            ],
        },
        Section {
            legend: tr.t("section-from"),
            fields: vec![
                b.field("from_country", "text", true),
                b.field("from_name", "text", false),
                b.field("from_admin", "text", false),
                b.field("from_lat", "number", false),
                b.field("from_lon", "number", false),
                b.field("from_precision_m", "number", false),
            ],
        },
        Section {
            legend: tr.t("section-to"),
            fields: vec![
                b.field("to_country", "text", true),
                b.field("to_name", "text", false),
                b.field("to_admin", "text", false),
                b.field("to_lat", "number", false),
                b.field("to_lon", "number", false),
                b.field("to_precision_m", "number", false),
            ],
        },
        Section {
            legend: tr.t("section-observation"),
            fields: vec![
                b.field("observed_at", "datetime-local", true),
                b.choice("source_reliability", "select", true, reliability, "C"),
                b.choice("info_credibility", "select", true, credibility, "3"),
                b.field("estimated_persons", "number", false),
                b.field("nationalities", "text", false),
                b.field("indicators", "textarea", false),
                b.field("narrative", "textarea", false),
            ],
        },
        recipients(b, dir, me, "AMBER"),
    ]
}

fn referral_sections(b: &Builder<'_>, dir: Option<&DirectoryView>, me: &str) -> Vec<Section> {
    let tr = b.tr;
    let needs = NEEDS
        .iter()
        .map(|n| (n.to_string(), tr.t(&format!("need-{n}"))))
        .collect();
    let risks = RISKS
        .iter()
        .map(|r| (r.to_string(), tr.t(&format!("risk-{r}"))))
        .collect();
    let consent = vec![
        ("given".to_owned(), tr.t("consent-given")),
        ("not-given".to_owned(), tr.t("consent-not-given")),
    ];
    let mut bases = vec![(String::new(), tr.t("basis-choose"))];
    bases.extend(
        CONSENT_BASES
            .iter()
            .map(|c| (c.to_string(), tr.t(&format!("basis-{c}")))),
    );
    vec![
        Section {
            legend: tr.t("section-case"),
            fields: vec![
                b.field("case_ref", "text", true),
                b.field("nationality", "text", true),
                b.field("identified_at", "datetime-local", true),
                b.field("location_country", "text", true),
                b.field("location_name", "text", false),
            ],
        },
        Section {
            legend: tr.t("section-consent"),
            fields: vec![
                b.choice("consent", "radios", true, consent, ""),
                b.field("consent_scope", "text", false),
                b.choice("consent_basis", "select", false, bases, ""),
            ],
        },
        Section {
            legend: tr.t("section-needs"),
            fields: vec![
                b.choice("needs", "checks", false, needs, ""),
                b.field("non_punishment", "check", false),
                b.choice("risk", "select", true, risks, "medium"),
                b.field("person_name", "text", false),
                b.field("person_dob", "text", false),
                b.field("notes", "textarea", false),
            ],
        },
        recipients(b, dir, me, "RED"),
    ]
}

fn split_list(s: &str) -> Vec<Value> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| Value::String(x.to_owned()))
        .collect()
}

/// `2026-11-26T08:30` (a datetime-local, taken as UTC) in the wire form; other text as it is,
/// for jaring-core to refuse by name.
fn wire_time(s: &str) -> Value {
    let t = match s.len() {
        16 => format!("{s}:00Z"),
        19 => format!("{s}Z"),
        _ => s.to_owned(),
    };
    Value::String(t)
}

fn number(s: &str) -> Option<Value> {
    if s.is_empty() {
        return None;
    }
    Some(match s.parse::<i64>() {
        Ok(i) => json!(i),
        Err(_) => match s.parse::<f64>() {
            Ok(f) => json!(f),
            Err(_) => Value::String(s.to_owned()),
        },
    })
}

/// One line of the indicators box: `type value` or `type=value`, then `, platform=...` and
/// the other attributes.
fn indicator_line(line: &str) -> Value {
    let (head, attrs) =
        jaring_core::body::trailing_attributes(line, &jaring_core::body::INDICATOR_ATTRIBUTES);
    let split = match (head.find(char::is_whitespace), head.find('=')) {
        (Some(w), Some(e)) if e < w => head.split_at(e),
        (None, Some(e)) => head.split_at(e),
        (Some(w), _) => head.split_at(w),
        (None, None) => (head, ""),
    };
    let value = split.1.trim_start_matches('=').trim();
    let mut ind = json!({"type": split.0.trim(), "value": value});
    for (k, v) in attrs {
        ind[k] = json!(v);
    }
    ind
}

fn place(p: &Pairs, prefix: &str) -> Value {
    let mut m = Map::new();
    m.insert(
        "country".into(),
        Value::String(get(p, &format!("{prefix}_country")).to_ascii_uppercase()),
    );
    let name = get(p, &format!("{prefix}_name"));
    if !name.is_empty() {
        m.insert("name".into(), Value::String(name.to_owned()));
    }
    for c in ["lat", "lon", "precision_m"] {
        if let Some(v) = number(get(p, &format!("{prefix}_{c}"))) {
            m.insert(c.into(), v);
        }
    }
    let admin = get(p, &format!("{prefix}_admin"));
    if !admin.is_empty() {
        m.insert("admin".into(), Value::String(admin.to_owned()));
    }
    Value::Object(m)
}

fn alert_body(p: &Pairs) -> Value {
    let mut m = Map::new();
    let mut compound =
        json!({"name": get(p, "compound_name"), "aliases": split_list(get(p, "compound_aliases"))});
    let reference = get(p, "compound_ref");
    if !reference.is_empty() {
        compound["ref"] = json!(reference.to_ascii_lowercase());
    }
    m.insert("compound".into(), compound);
    let operators: Vec<Value> = get(p, "operators")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(jaring_core::body::operator_from_line)
        .collect();
    if !operators.is_empty() {
        m.insert("operators".into(), Value::Array(operators));
    }
    let scam_types = all(p, "scam_types");
    if !scam_types.is_empty() {
        m.insert("scam_types".into(), json!(scam_types));
    }
    m.insert("from".into(), place(p, "from"));
    m.insert("to".into(), place(p, "to"));
    m.insert("observed_at".into(), wire_time(get(p, "observed_at")));
    m.insert(
        "source_reliability".into(),
        json!(get(p, "source_reliability")),
    );
    m.insert("info_credibility".into(), json!(get(p, "info_credibility")));
    if let Some(n) = number(get(p, "estimated_persons")) {
        m.insert("estimated_persons".into(), n);
    }
    let nationalities: Vec<Value> = split_list(&get(p, "nationalities").to_ascii_uppercase());
    if !nationalities.is_empty() {
        m.insert("nationalities".into(), Value::Array(nationalities));
    }
    let indicators: Vec<Value> = get(p, "indicators")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(indicator_line)
        .collect();
    if !indicators.is_empty() {
        m.insert("indicators".into(), Value::Array(indicators));
    }
    let narrative = get(p, "narrative");
    if !narrative.is_empty() {
        m.insert("narrative".into(), json!(narrative));
    }
    Value::Object(m)
}

fn referral_body(p: &Pairs) -> Value {
    let mut m = Map::new();
    m.insert("case_ref".into(), json!(get(p, "case_ref")));
    m.insert(
        "nationality".into(),
        json!(get(p, "nationality").to_ascii_uppercase()),
    );
    m.insert("identified_at".into(), wire_time(get(p, "identified_at")));
    m.insert("location".into(), place(p, "location"));
    let given = get(p, "consent") == "given";
    let mut consent = json!({"given": given, "scope": split_list(get(p, "consent_scope"))});
    let basis = get(p, "consent_basis");
    if !given && !basis.is_empty() {
        consent["basis"] = json!(basis);
    }
    m.insert("consent".into(), consent);
    m.insert(
        "needs".into(),
        Value::Array(all(p, "needs").into_iter().map(|n| json!(n)).collect()),
    );
    m.insert(
        "non_punishment".into(),
        json!(get(p, "non_punishment") == "yes"),
    );
    m.insert("risk".into(), json!(get(p, "risk")));
    let mut person = Map::new();
    if !get(p, "person_name").is_empty() {
        person.insert("name".into(), json!(get(p, "person_name")));
    }
    if !get(p, "person_dob").is_empty() {
        person.insert("date_of_birth".into(), json!(get(p, "person_dob")));
    }
    if !person.is_empty() {
        m.insert("person".into(), Value::Object(person));
    }
    if !get(p, "notes").is_empty() {
        m.insert("notes".into(), json!(get(p, "notes")));
    }
    Value::Object(m)
}

/// The form field a jaring-core path names: `from.lat` → `from_lat`, `indicators[1].type` →
/// `indicators`, `location.country` → `location_country`, `person.date_of_birth` →
/// `person_dob`, `consent.given` → `consent`.
fn field_of(path: &str) -> String {
    let base = path.split('[').next().unwrap_or(path);
    match base {
        "consent.given" => "consent".into(),
        "person.date_of_birth" => "person_dob".into(),
        "compound" => "compound_name".into(),
        "compound.ref" => "compound_ref".into(),
        other => other.replace('.', "_"),
    }
}

/// A jaring-core rule in the user's language.
pub fn rule_text(tr: &Tr, rule: &str) -> String {
    let simple = [
        ("is required", "rule-required"),
        ("must not be empty", "rule-not-empty"),
        ("must be an ISO 3166-1 alpha-2 country code", "rule-country"),
        ("must be a number", "rule-number"),
        ("repeats an earlier item", "rule-repeat"),
        ("must be true or false", "rule-invalid"),
        ("must be a date like 1990-04-17", "rule-date"),
        (
            "must be absent when consent was given",
            "rule-basis-with-consent",
        ),
    ];
    if let Some((_, key)) = simple.iter().find(|(r, _)| *r == rule) {
        return tr.t(key);
    }
    if let Some(allowed) = rule.strip_prefix("must be one of ") {
        return tr.with("rule-one-of", "allowed", allowed);
    }
    if rule == "must be a UUID in lowercase hyphenated form" {
        return tr.t("rule-uuid");
    }
    if let Some(types) = rule.strip_prefix("is allowed only for ") {
        return tr.with("rule-only-for", "types", types);
    }
    if rule == "must not be after last_seen" {
        return tr.t("rule-seen-order");
    }
    if rule.starts_with("must be a whole number from") {
        return tr.with("rule-range", "detail", rule);
    }
    if rule.contains("time") || rule.contains("YYYY") {
        return tr.t("rule-time");
    }
    if rule.starts_with("must be in") || rule.contains("range") || rule.contains(">=") {
        return tr.with("rule-range", "detail", rule);
    }
    tr.with("rule-invalid-detail", "detail", rule)
}

/// Who will be able to read it: the agencies named, those of the role chosen, or all.
fn readers(p: &Pairs, dir: Option<&DirectoryView>, me: &str) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = all(p, "to").into_iter().map(str::to_owned).collect();
    if let Some(d) = dir {
        let role = get(p, "to_role");
        for a in d.agencies.iter().filter(|a| a.id != me) {
            if get(p, "to_all") == "yes" || (!role.is_empty() && a.roles.iter().any(|r| r == role))
            {
                out.insert(a.id.clone());
            }
        }
    }
    out.remove(me);
    out
}

#[derive(Template)]
#[template(path = "compose.html")]
struct ComposePage {
    f: Frame,
    action: &'static str,
    sections: Vec<Section>,
    errors: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct Review {
    f: Frame,
    action: &'static str,
    tlp: views::Banner,
    readers_count: String,
    /// Each reader, and whether the node will refuse to send to it: it requires the
    /// post-quantum key wrap for this kind (`[pq] require`) and the agency's key has no
    /// X-Wing half (spec §8). The page says so before the officer sends.
    readers: Vec<(String, bool)>,
    facts: Vec<(String, String)>,
    hidden: Vec<(String, String)>,
}

/// Alert or referral: what differs between the two forms.
#[derive(Clone, Copy)]
struct Kindly {
    kind: Kind,
    role: Role,
    action: &'static str,
    title: &'static str,
}

const ALERT: Kindly = Kindly {
    kind: Kind::CompoundRelocationAlert,
    role: Role::Liaison,
    action: "/new/alert",
    title: "new-alert-title",
};
const REFERRAL: Kindly = Kindly {
    kind: Kind::VictimReferral,
    role: Role::Caseworker,
    action: "/new/referral",
    title: "new-referral-title",
};

fn sections(k: Kindly, b: &Builder<'_>, dir: Option<&DirectoryView>, me: &str) -> Vec<Section> {
    if k.kind == Kind::VictimReferral {
        referral_sections(b, dir, me)
    } else {
        alert_sections(b, dir, me)
    }
}

async fn show_form<B: Backend>(
    console: &Console<B>,
    v: &Viewer,
    k: Kindly,
    pairs: &Pairs,
    errors: Vec<(String, String)>,
) -> Response {
    let dir = console.backend.directory(&v.user).await.ok();
    let me = console.backend.agency();
    let b = Builder { tr: &v.tr, pairs };
    let mut secs = sections(k, &b, dir.as_ref(), &me);
    for s in &mut secs {
        for f in &mut s.fields {
            f.error = errors
                .iter()
                .find(|(n, _)| n == f.name)
                .map(|(_, e)| e.clone());
        }
    }
    let errors = errors
        .into_iter()
        .map(|(name, e)| {
            let label = secs
                .iter()
                .flat_map(|s| &s.fields)
                .find(|f| f.name == name)
                .map(|f| f.label.clone())
                .unwrap_or_default();
            (
                name,
                if label.is_empty() {
                    e
                } else {
                    format!("{label}: {e}")
                },
            )
        })
        .collect();
    // 200 even with errors: the page is the answer a person reads (a 4xx would be logged as
    // a failed load by the browser, which it is not).
    super::render_with(
        axum::http::StatusCode::OK,
        &ComposePage {
            f: Frame::new(v, k.title, k.action),
            action: k.action,
            sections: secs,
            errors,
        },
    )
}

async fn form<B: Backend>(console: &Console<B>, v: &Viewer, k: Kindly, prefill: Pairs) -> Response {
    if !v.has(k.role) {
        return forbid(
            console,
            v,
            Route::Send,
            &format!("a {} is sent with the {} role", k.kind.as_str(), k.role),
        )
        .await;
    }
    show_form(console, v, k, &prefill, Vec::new()).await
}

async fn submit<B: Backend>(console: &Console<B>, v: &Viewer, k: Kindly, pairs: Pairs) -> Response {
    if !v.has(k.role) {
        return forbid(
            console,
            v,
            Route::Send,
            &format!("a {} is sent with the {} role", k.kind.as_str(), k.role),
        )
        .await;
    }
    let tr = &v.tr;
    let step = get(&pairs, "step").to_owned();
    if step == "edit" {
        return show_form(console, v, k, &pairs, Vec::new()).await;
    }
    let backend = &console.backend;
    let dir = backend.directory(&v.user).await.ok();
    let me = backend.agency();
    let mut errors: Vec<(String, String)> = Vec::new();
    let readers = readers(&pairs, dir.as_ref(), &me);
    if readers.is_empty() {
        errors.push(("to".into(), tr.t("error-no-recipient")));
    }
    let value = if k.kind == Kind::VictimReferral {
        match get(&pairs, "consent") {
            "given" => {}
            "not-given" if !get(&pairs, "consent_basis").is_empty() => {}
            "not-given" => errors.push(("consent_basis".into(), tr.t("error-basis-needed"))),
            _ => errors.push(("consent".into(), tr.t("error-consent-needed"))),
        }
        referral_body(&pairs)
    } else {
        alert_body(&pairs)
    };
    if let Err(e) = Body::new(k.kind, value.clone(), &[]) {
        let field = field_of(&e.path);
        if !errors.iter().any(|(f, _)| *f == field) {
            errors.push((field, rule_text(tr, &e.rule)));
        }
    }
    let tlp: Option<Tlp> = get(&pairs, "tlp").parse().ok();
    if tlp.is_none() {
        errors.push(("tlp".into(), tr.t("rule-required")));
    }
    if !errors.is_empty() {
        return show_form(console, v, k, &pairs, errors).await;
    }
    if step != "send" {
        let b = Builder { tr, pairs: &pairs };
        let facts = sections(k, &b, dir.as_ref(), &me)
            .into_iter()
            .flat_map(|s| s.fields)
            .filter(|f| !["to", "to_role", "to_all", "tlp"].contains(&f.name))
            .filter_map(|f| {
                let shown = if f.options.is_empty() {
                    if f.input == "check" {
                        if f.value == "yes" {
                            tr.t("yes")
                        } else {
                            return None;
                        }
                    } else {
                        f.value.clone()
                    }
                } else {
                    f.options
                        .iter()
                        .filter(|o| o.selected && !o.value.is_empty())
                        .map(|o| o.label.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (!shown.is_empty()).then_some((f.label, shown))
            })
            .collect();
        let tlp_text = get(&pairs, "tlp");
        return render(&Review {
            f: Frame::new(v, "review-title", k.action),
            action: k.action,
            tlp: views::Banner::of(tr, tlp_text),
            readers_count: tr.count("review-readers-count", readers.len() as i64),
            readers: readers
                .iter()
                .map(|r| {
                    let refused = dir.as_ref().is_some_and(|d| {
                        d.pq_required.iter().any(|kind| kind == k.kind.as_str())
                            && d.agencies.iter().any(|a| &a.id == r && !a.pq)
                    });
                    (views::agency(dir.as_ref(), r), refused)
                })
                .collect(),
            facts,
            // The agencies reviewed, each by name: "all" or "a role" is not carried forward,
            // so that the send cannot reach an agency the directory gained since.
            hidden: pairs
                .into_iter()
                .filter(|(n, _)| !["step", "to", "to_all", "to_role"].contains(&n.as_str()))
                .chain(readers.iter().map(|r| ("to".to_owned(), r.clone())))
                .collect(),
        });
    }
    let body = match OutgoingBody::parse(k.kind, value, &[]) {
        Ok(b) => b,
        Err(e) => return problem(v, &ApiError::bad_request(e)),
    };
    // The recipients sent are exactly those reviewed: each agency named, so that a directory
    // change between review and send cannot widen who reads it.
    let to: Vec<AgencyId> = readers
        .iter()
        .filter_map(|r| AgencyId::parse(r).ok())
        .collect();
    let req = SendRequest {
        kind: k.kind,
        to,
        to_role: None,
        to_all: false,
        tlp,
        refs: Vec::new(),
        expires_at: None,
        body,
        background: false,
    };
    match backend.send(&v.user, req).await {
        Ok(sent) => {
            Redirect::to(&format!("/messages/{}?sender={me}&done=sent", sent.id)).into_response()
        }
        Err(e) => problem(v, &e),
    }
}

/// What `GET /new/alert` may be opened with: a known compound, from its trail or from one of
/// its alerts, so that the new alert repeats its reference and names (spec §5: an alert about
/// a known compound repeats `compound.ref`). Only these fields; the form checks them as it
/// checks anything typed.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Prefill {
    #[serde(default)]
    compound_ref: String,
    #[serde(default)]
    compound_name: String,
    #[serde(default)]
    compound_aliases: String,
}

/// The longest value a [`Prefill`] field keeps: longer than any valid name or reference, short
/// enough that a link cannot fill the page.
const PREFILL_MAX: usize = 400;

impl Prefill {
    /// The link that opens the alert form about a compound known by `reference` and `names`
    /// (its name first).
    pub fn link(reference: Option<&str>, names: &[String]) -> String {
        let mut q = Vec::new();
        if let Some(r) = reference {
            q.push(("compound_ref", r.to_owned()));
        }
        if let Some((name, aliases)) = names.split_first() {
            q.push(("compound_name", name.clone()));
            // Whole aliases only, as many as fit: one cut short would be posted as written.
            let mut joined = String::new();
            for a in aliases {
                let sep = if joined.is_empty() { "" } else { ", " };
                if joined.chars().count() + sep.len() + a.chars().count() > PREFILL_MAX {
                    break;
                }
                joined.push_str(sep);
                joined.push_str(a);
            }
            if !joined.is_empty() {
                q.push(("compound_aliases", joined));
            }
        }
        format!(
            "/new/alert?{}",
            serde_urlencoded::to_string(q).unwrap_or_default()
        )
    }

    fn pairs(self) -> Pairs {
        [
            ("compound_ref", self.compound_ref),
            ("compound_name", self.compound_name),
            ("compound_aliases", self.compound_aliases),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.to_owned(), v.chars().take(PREFILL_MAX).collect()))
        .collect()
    }
}

/// `GET /new/alert`, optionally about a known compound ([`Prefill`]).
pub async fn alert_form<B: Backend>(
    State(c): State<Arc<Console<B>>>,
    v: Viewer,
    Query(p): Query<Prefill>,
) -> Response {
    form(&c, &v, ALERT, p.pairs()).await
}

/// `POST /new/alert`.
pub async fn alert_submit<B: Backend>(
    State(c): State<Arc<Console<B>>>,
    v: Viewer,
    Form(p): Form<Pairs>,
) -> Response {
    submit(&c, &v, ALERT, p).await
}

/// `GET /new/referral`.
pub async fn referral_form<B: Backend>(State(c): State<Arc<Console<B>>>, v: Viewer) -> Response {
    form(&c, &v, REFERRAL, Vec::new()).await
}

/// `POST /new/referral`.
pub async fn referral_submit<B: Backend>(
    State(c): State<Arc<Console<B>>>,
    v: Viewer,
    Form(p): Form<Pairs>,
) -> Response {
    submit(&c, &v, REFERRAL, p).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Pairs {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_form_builds_a_valid_alert_and_errors_name_their_field() {
        let mut p = pairs(&[
            ("compound_name", "Golden Fortune"),
            ("compound_aliases", "GF, Jin Fu"),
            ("from_country", "kh"),
            ("from_name", "O'Smach"),
            ("from_lat", "14.42"),
            ("from_lon", "103.68"),
            ("to_country", "MM"),
            ("observed_at", "2026-11-20T06:00"),
            ("source_reliability", "B"),
            ("info_credibility", "2"),
            (
                "indicators",
                "domain gf-invest.example\nphone +855 12 345 678",
            ),
        ]);
        let body = alert_body(&p);
        assert!(Body::new(Kind::CompoundRelocationAlert, body, &[]).is_ok());
        p.retain(|(k, _)| k != "to_country");
        p.push(("from_lat".into(), "north".into()));
        let e = Body::new(Kind::CompoundRelocationAlert, alert_body(&p), &[]).err();
        assert_eq!(e.map(|e| field_of(&e.path)).as_deref(), Some("to_country"));
        assert_eq!(field_of("indicators[1].type"), "indicators");
        assert_eq!(field_of("person.date_of_birth"), "person_dob");
        let tr = Tr::new(crate::i18n::LANGUAGES[0]);
        assert_eq!(rule_text(&tr, "is required"), tr.t("rule-required"));
        assert!(rule_text(&tr, "must be one of low, medium, high").contains("low, medium, high"));
    }

    #[test]
    fn a_form_opened_about_a_known_compound_keeps_its_reference_and_names() {
        let tr = Tr::new(crate::i18n::LANGUAGES[0]);
        let reference = "0b0f3c1e-5f7a-4c55-9a43-2a7d5b8e9f10";
        let names = vec!["Golden Fortune".to_owned(), "GF".into(), "Jin Fu".into()];
        let link = Prefill::link(Some(reference), &names);
        let query = link.strip_prefix("/new/alert?").unwrap_or_default();
        let prefill: Prefill = serde_urlencoded::from_str(query).unwrap_or_default();
        let p = prefill.pairs();
        let b = Builder { tr: &tr, pairs: &p };
        let secs = alert_sections(&b, None, "TH-RTP");
        let value = |name: &str| {
            secs.iter()
                .flat_map(|s| &s.fields)
                .find(|f| f.name == name)
                .map(|f| f.value.clone())
        };
        assert_eq!(value("compound_ref").as_deref(), Some(reference));
        assert_eq!(value("compound_name").as_deref(), Some("Golden Fortune"));
        assert_eq!(value("compound_aliases").as_deref(), Some("GF, Jin Fu"));
        // Without one, a fresh reference each time the form is opened.
        let (none, also_none) = (Vec::new(), Vec::new());
        let fresh = |p: &Pairs| {
            let b = Builder { tr: &tr, pairs: p };
            alert_sections(&b, None, "TH-RTP")
                .into_iter()
                .flat_map(|s| s.fields)
                .find(|f| f.name == "compound_ref")
                .map(|f| f.value)
                .unwrap_or_default()
        };
        let (a, b) = (fresh(&none), fresh(&also_none));
        assert!(uuid::Uuid::parse_str(&a).is_ok() && a != b, "{a} {b}");
        // Only the compound's fields are taken from a link, each bounded.
        let long = "x".repeat(5000);
        let q = serde_urlencoded::to_string([
            ("compound_name", long.as_str()),
            ("tlp", "CLEAR"),
            ("to_all", "yes"),
        ])
        .unwrap_or_default();
        let p = serde_urlencoded::from_str::<Prefill>(&q)
            .unwrap_or_default()
            .pairs();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].1.chars().count(), PREFILL_MAX);
        // A trail of many names: the link carries whole aliases, as many as fit.
        let many: Vec<String> = (0..100).map(|i| format!("Alias number {i}")).collect();
        let link = Prefill::link(None, &many);
        let q = link.strip_prefix("/new/alert?").unwrap_or_default();
        let p = serde_urlencoded::from_str::<Prefill>(q)
            .unwrap_or_default()
            .pairs();
        let aliases = p
            .iter()
            .find(|(k, _)| k == "compound_aliases")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        assert!(aliases.chars().count() <= PREFILL_MAX, "{aliases}");
        assert!(
            aliases.split(", ").all(|a| many.iter().any(|m| m == a)),
            "{aliases}"
        );
        assert!(
            aliases.ends_with(&many[aliases.split(", ").count()]),
            "{aliases}"
        );
    }
}
