//! Every language has exactly the messages English has, each using the same arguments; every
//! message the code or a template asks for exists in English; and each translation lists the
//! domain terms it chose, for a native speaker's review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use jaring_console::i18n::LANGUAGES;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn file(tag: &str) -> String {
    let path = root().join("locales").join(tag).join("console.ftl");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Message id → the variables its value uses.
fn messages(tag: &str) -> BTreeMap<String, BTreeSet<String>> {
    let text = file(tag);
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{tag}: the file does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    variables(p, &mut vars);
                }
                assert!(
                    out.insert(m.id.name.to_owned(), vars).is_none(),
                    "{tag}: {} is defined twice (Fluent refuses the whole file then)",
                    m.id.name
                );
            }
            ast::Entry::Junk { content } => panic!("{tag}: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

fn variables(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                variables(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_exactly_the_english_messages_with_their_arguments() {
    let english = messages("en");
    assert!(english.len() > 300, "{} messages", english.len());
    for lang in &LANGUAGES[1..] {
        let other = messages(lang.tag);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{}: lacks {missing:?}", lang.tag);
        assert!(
            extra.is_empty(),
            "{}: has {extra:?}, which English lacks",
            lang.tag
        );
        for (id, vars) in &english {
            assert_eq!(&other[id], vars, "{}: {id} uses other arguments", lang.tag);
        }
        let head: String = file(lang.tag)
            .lines()
            .take(40)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            head.contains("Domain terms chosen"),
            "{}: the file's head lists no domain terms",
            lang.tag
        );
    }
}

fn sources() -> String {
    let mut text = String::new();
    for dir in ["src", "src/pages", "templates"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap().flatten() {
            if entry.path().is_file() {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
            }
        }
    }
    text
}

#[test]
fn every_message_the_code_asks_for_exists_in_english() {
    let english = messages("en");
    let text = sources();
    let literal = regex::Regex::new(
        r#"(?:\bt|\.with|\.count|\.args|Frame::new|Frame::anonymous|fail_page|title:|=>)\(?\s*(?:&?[a-z]+,\s*)?"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#,
    )
    .unwrap();
    let mut asked: BTreeSet<String> = literal
        .captures_iter(&text)
        .map(|c| c[1].to_owned())
        .filter(|k| !k.starts_with("console-") && !k.contains("src") && k != "no-store")
        .collect();
    // Keys made at run time, from the code's own lists.
    let fields = regex::Regex::new(r#"\bb\.(?:field|choice)\(\s*"([a-z_]+)""#).unwrap();
    for c in fields.captures_iter(&text) {
        asked.insert(format!("form-{}", c[1].replace('_', "-")));
    }
    for k in jaring_core::Kind::ALL {
        asked.insert(format!("kind-{}", k.as_str()));
    }
    for s in jaring_core::body::STATUSES {
        asked.insert(format!("status-{s}"));
        asked.insert(format!("workflow-{s}"));
    }
    asked.remove("workflow-received");
    for d in ["delivered", "rejected", "pending", "failed"] {
        asked.insert(format!("delivery-{d}"));
    }
    for t in jaring_console::views::TLPS {
        asked.insert(format!(
            "tlp-{}-meaning",
            t.to_ascii_lowercase().replace('+', "-")
        ));
    }
    for r in ["A", "B", "C", "D", "E", "F"] {
        asked.insert(format!("reliability-{r}"));
    }
    for c in 1..=6 {
        asked.insert(format!("credibility-{c}"));
    }
    for m in 1..=12 {
        asked.insert(format!("month-{m}"));
    }
    for r in jaring_api::Role::ALL {
        asked.insert(format!("role-{r}"));
    }
    for r in [
        "law-enforcement",
        "consular",
        "immigration",
        "victim-support",
        "coordinator",
        "observer",
    ] {
        asked.insert(format!("agency-role-{r}"));
    }
    for n in jaring_core::body::NEEDS {
        asked.insert(format!("need-{n}"));
    }
    for r in jaring_core::body::RISKS {
        asked.insert(format!("risk-{r}"));
    }
    for b in jaring_core::body::CONSENT_BASES {
        asked.insert(format!("basis-{b}"));
    }
    for i in jaring_core::body::INDICATOR_TYPES {
        asked.insert(format!("indicator-{i}"));
    }
    for r in jaring_core::body::INDICATOR_ROLES {
        asked.insert(format!("indicator-role-{r}"));
    }
    for k in jaring_core::body::OPERATOR_KINDS {
        asked.insert(format!("operator-kind-{k}"));
    }
    for t in jaring_core::body::SCAM_TYPES {
        asked.insert(format!("scam-type-{t}"));
    }
    for v in ["ref", "name", "operator", "near", "confirmed"] {
        asked.insert(format!("via-{v}"));
    }
    let missing: Vec<_> = asked.iter().filter(|k| !english.contains_key(*k)).collect();
    assert!(missing.is_empty(), "English lacks {missing:?}");
    assert!(
        asked.len() > 150,
        "only {} keys found: the scan is broken",
        asked.len()
    );
}
