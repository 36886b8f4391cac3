//! The API's documents stay true: `docs/openapi.json` is the document generated from the
//! types (regenerate it with `JARING_BLESS=1 cargo test -p jaring-api --test docs`), and
//! `docs/api.md` names every route with the roles it needs.

use std::path::PathBuf;

use jaring_api::Route;

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs")
}

#[test]
fn the_committed_openapi_document_is_current() {
    let path = docs().join("openapi.json");
    let generated = jaring_api::openapi::document_json();
    if std::env::var_os("JARING_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `JARING_BLESS=1 cargo test -p jaring-api --test docs` and commit it"
    );
}

#[test]
fn api_md_lists_every_route_with_its_roles() {
    let text = std::fs::read_to_string(docs().join("api.md")).unwrap();
    for route in Route::ALL {
        let row = format!(
            "| `{} {}` | {} |",
            route.method().as_str(),
            route.path(),
            route.access().describe()
        );
        assert!(
            text.contains(&row),
            "docs/api.md has no row `{row}` (its table of routes must name each route and its roles)"
        );
    }
}

#[test]
fn no_route_type_holds_untyped_json() {
    // A field typed `serde_json::Value` (or a map of them) would let a route drift from its
    // documented shape; bodies are typed by kind, free-form extensions live in jaring-core.
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            let field = l.starts_with("pub ") && !l.starts_with("pub fn") && l.contains(':');
            assert!(
                !(field && (l.contains("Value") || l.contains("serde_json::Map"))),
                "{}:{}: a route type holds untyped JSON: {l}",
                path.display(),
                n + 1
            );
        }
    }
}

/// A path parameter is one the path names (`{id}`); query filters are in the query. (The
/// document once listed every query filter as a required path parameter.)
#[test]
fn path_parameters_are_the_paths_own() {
    let doc: serde_json::Value =
        serde_json::from_str(&jaring_api::openapi::document_json()).unwrap();
    let mut queries = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (_, op) in item.as_object().unwrap() {
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                match p["in"].as_str().unwrap() {
                    "path" => assert!(
                        path.contains(&format!("{{{name}}}")),
                        "{path}: `{name}` is listed as a path parameter"
                    ),
                    "query" => queries += 1,
                    other => panic!("{path}: `{name}` in {other}"),
                }
            }
        }
    }
    assert!(queries > 0, "the query filters are documented");
}
