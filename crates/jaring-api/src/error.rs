//! One error shape for every route: a stable machine code (kebab-case, never renamed) and a
//! message a person can act on. The HTTP status follows from the code.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What went wrong, for programs. Stable: clients match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    /// The request is malformed or breaks a rule (400).
    BadRequest,
    /// The caller is not a jaring user of this node (401).
    UnknownUser,
    /// The caller's roles do not allow this (403). Audited as `denied`.
    Forbidden,
    /// No such thing (404).
    NotFound,
    /// It exists already, or the state does not allow it (409).
    Conflict,
    /// The node cannot do it now; try again later (503).
    Unavailable,
    /// Something broke inside the node (500).
    Internal,
}

impl ErrorCode {
    /// The HTTP status of this code.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::UnknownUser => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "bad-request",
            Self::UnknownUser => "unknown-user",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::Conflict => "conflict",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, thiserror::Error)]
#[error("{}: {message}", code.as_str())]
pub struct ApiError {
    /// The machine code.
    pub code: ErrorCode,
    /// What happened and what to do, for a person.
    pub message: String,
}

impl ApiError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// 400.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// 500.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}
