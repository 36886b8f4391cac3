//! TAXII errors: a status and the error resource (TAXII 2.1 §3.6.1: `title`, `http_status`,
//! `description`), always sent as TAXII 2.1 JSON.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::media;

/// An error answered to a feed client.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{status}: {title}: {description}")]
pub struct TaxiiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short, human-readable summary.
    pub title: &'static str,
    /// What happened, for the person reading the client's log.
    pub description: String,
}

impl TaxiiError {
    /// An error with this status, title and description.
    pub fn new(status: StatusCode, title: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            title,
            description: description.into(),
        }
    }

    /// 400: a parameter the server cannot read.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "Bad request", description)
    }

    /// 401: no credentials, or wrong ones.
    pub fn unauthorized(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "Unauthorized", description)
    }

    /// 403: the user may not read the feed, or this collection.
    pub fn forbidden(description: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "Forbidden", description)
    }

    /// 404: no such resource, or none this user may see.
    pub fn not_found(description: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "Not found", description)
    }

    /// 500: the backend failed; the detail goes to the node's log, not to the client.
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            "the feed could not be read; the node's log says why",
        )
    }
}

impl IntoResponse for TaxiiError {
    fn into_response(self) -> Response {
        let body = json!({
            "title": self.title,
            "http_status": self.status.as_u16().to_string(),
            "description": self.description,
        });
        let mut r = (self.status, body.to_string()).into_response();
        let h = r.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media::TAXII));
        if self.status == StatusCode::UNAUTHORIZED {
            h.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"jaring TAXII\", charset=\"UTF-8\""),
            );
        }
        r
    }
}
