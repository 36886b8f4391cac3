//! Replays every seed (`fuzz/seeds/<target>/`) and every crash or hang the fuzzer ever found
//! (`fuzz/regressions/<target>/`) through its target, one test per target: each input must
//! return, without a panic, within a bound. This is how a crash found in CI stays fixed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Longest one input may take. AFL++ calls a run over 1 s (release build) a hang; this test
/// runs a debug build of jaring's own crates, so it allows twice that.
const BOUND: Duration = Duration::from_secs(2);

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The input files of one folder, sorted; a README or dot file says what the folder is for.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.is_file() && !name.starts_with('.') && !name.starts_with("README")
        })
        .collect();
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let seeds = inputs(&fuzz_dir().join("seeds").join(target));
    assert!(
        !seeds.is_empty(),
        "no seeds in fuzz/seeds/{target}/: the fuzzer would start from nothing"
    );
    let regressions = inputs(&fuzz_dir().join("regressions").join(target));
    for path in seeds.iter().chain(&regressions) {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Printed before the run, so that a panic's output names the input that caused it.
        eprintln!("{target}: {}", path.display());
        let start = Instant::now();
        run(&bytes);
        let took = start.elapsed();
        assert!(
            took < BOUND,
            "{}: took {took:?}, over the {BOUND:?} bound (a hang)",
            path.display()
        );
    }
}

macro_rules! replay_tests {
    ($($target:ident),* $(,)?) => {
        $(
            #[test]
            fn $target() {
                replay(stringify!($target), jaring_fuzz::$target);
            }
        )*

        /// The targets this file replays, to check against `jaring_fuzz::TARGETS`.
        const REPLAYED: &[&str] = &[$(stringify!($target)),*];
    };
}

replay_tests!(
    envelope,
    member_envelope,
    body,
    body_shapes,
    receipt,
    directory,
    checkpoint,
    audit_log,
);

/// A target added to the crate but not here, or not to `fuzz/afl`, would never run.
#[test]
fn every_target_is_replayed_and_has_a_fuzzing_binary() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("afl/Cargo.toml"))
        .unwrap_or_else(|e| panic!("fuzz/afl/Cargo.toml: {e}"));
    let names: Vec<&str> = jaring_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, REPLAYED, "tests/corpus.rs must replay every target");
    for name in names {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "fuzz/afl/Cargo.toml has no [[bin]] for {name}"
        );
        assert!(
            fuzz_dir()
                .join("afl/src/bin")
                .join(format!("{name}.rs"))
                .is_file(),
            "fuzz/afl/src/bin/{name}.rs is missing"
        );
        assert!(
            fuzz_dir().join("regressions").join(name).is_dir(),
            "fuzz/regressions/{name}/ is missing"
        );
    }
}
