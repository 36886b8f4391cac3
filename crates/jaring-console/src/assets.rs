//! The files the browser loads, compiled into the binary: the style sheet, and htmx (vendored
//! from its npm package, pinned and checked by hash: `vendor/README.md`). Nothing is loaded
//! from anywhere else; fonts are the system's (the style sheet names the Noto families that
//! cover Thai, Khmer, Burmese and Chinese).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// (name, content type, bytes).
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "console.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/console.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../vendor/htmx/htmx.min.js"),
    ),
];

/// One asset, cached by the browser for an hour.
pub async fn serve(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, bytes)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "private, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `/favicon.ico`, which browsers ask for whatever the page says: the same icon.
pub async fn favicon() -> Response {
    serve(Path("favicon.svg".to_owned())).await
}
