//! jaring's published vectors (`tests/vectors/wire-v1`) give the outcomes they list, and the
//! program that made them still makes a set that passes the same check.

use std::path::Path;

#[test]
fn committed_vectors_give_their_outcomes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/wire-v1");
    let checked =
        jaring_vectors::check(&dir).unwrap_or_else(|e| panic!("{}: {e:#}", dir.display()));
    assert!(checked >= 50, "only {checked} cases");
}

#[test]
fn the_generator_makes_a_set_that_checks() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("wire-v1");
    jaring_vectors::generate(&out).unwrap();
    let checked = jaring_vectors::check(&out).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(checked >= 50, "only {checked} cases");
}
