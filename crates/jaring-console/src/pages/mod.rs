//! The pages, one module each. Every handler takes a [`Viewer`] (or sends the browser to the
//! login), calls the node's typed API as that user, and renders a template; the node checks
//! the user's roles and audits a refusal, and a refusal is shown as a 403 page.

pub mod account;
pub mod audit;
pub mod compose;
pub mod compound;
pub mod inbox;
pub mod login;
pub mod message;
pub mod sent;
pub mod status;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use jaring_api::{ApiError, ErrorCode};

use crate::backend::Backend;
use crate::i18n::Tr;
use crate::session::Viewer;
use crate::views::Frame;

/// A rendered template, or a 500 that says the page could not be drawn.
pub fn render(t: &impl Template) -> Response {
    render_with(StatusCode::OK, t)
}

/// A rendered template with a status.
pub fn render_with(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "console: a template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be drawn",
            )
                .into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "problem.html")]
struct Problem {
    f: Frame,
    message: String,
    detail: String,
}

/// A page saying what went wrong, in the viewer's language, with the node's own words as
/// detail.
pub fn problem(v: &Viewer, e: &ApiError) -> Response {
    let (status, key) = match e.code {
        ErrorCode::Forbidden | ErrorCode::UnknownUser => {
            (StatusCode::FORBIDDEN, "problem-forbidden")
        }
        ErrorCode::NotFound => (StatusCode::NOT_FOUND, "problem-not-found"),
        ErrorCode::Conflict => (StatusCode::CONFLICT, "problem-conflict"),
        ErrorCode::BadRequest => (StatusCode::BAD_REQUEST, "problem-bad-request"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "problem-unavailable"),
    };
    let f = Frame::new(v, "problem-title", "");
    render_with(
        status,
        &Problem {
            message: f.tr.t(key),
            detail: crate::views::clip(&e.message, 500),
            f,
        },
    )
}

/// The answer for a path the console does not have.
pub async fn not_found<B: Backend>(headers: axum::http::HeaderMap) -> Response {
    let tr: Tr = crate::session::anonymous_language(&headers);
    let f = Frame::anonymous(tr, "problem-title", String::new());
    render_with(
        StatusCode::NOT_FOUND,
        &Problem {
            message: f.tr.t("problem-not-found"),
            detail: String::new(),
            f,
        },
    )
}

/// A 403 for a page whose role the viewer lacks, after the node audited the refusal.
pub async fn forbid<B: Backend>(
    console: &crate::Console<B>,
    v: &Viewer,
    route: jaring_api::Route,
    why: &str,
) -> Response {
    let e = match console.backend.allow(&v.user, route, None).await {
        Err(e) => e,
        Ok(()) => {
            console
                .backend
                .audit(
                    "denied",
                    &v.user.name,
                    serde_json::json!({"asked": format!("console {}", route.label()), "why": why}),
                )
                .await;
            ApiError::new(ErrorCode::Forbidden, why.to_owned())
        }
    };
    problem(v, &e)
}
