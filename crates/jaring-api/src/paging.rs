//! Paging: every list route takes `limit` and `cursor` and answers a [`Page`] whose `next` is
//! set exactly when more remain. A cursor is opaque to clients; the node makes it from the
//! last row's sort key, so it needs no server state and never expires.

use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Rows in a page when the client does not say.
pub const DEFAULT_LIMIT: usize = 100;
/// The most rows a page holds.
pub const MAX_LIMIT: usize = 1000;

/// Paging parameters of a list route.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// At most this many rows (default 100, at most 1,000).
    pub limit: Option<usize>,
    /// Where to go on from: the `next` of the page before.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The limit to apply.
    pub fn limit(&self) -> usize {
        clamp_limit(self.limit)
    }
}

/// The rows a page holds for a `limit` a client gave (or did not): default 100, 1 to 1,000.
pub fn clamp_limit(limit: Option<usize>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    /// The rows, in the route's order.
    pub items: Vec<T>,
    /// Set when more rows remain: pass it as `cursor` to get them.
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// A page from up to `limit + 1` rows fetched: the extra row, if any, only says that more
    /// remain, and `key` of the last row kept makes the cursor.
    pub fn from_rows(mut rows: Vec<T>, limit: usize, key: impl Fn(&T) -> String) -> Self {
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(|r| Cursor::encode(&key(r)))
        } else {
            None
        };
        Self { items: rows, next }
    }
}

/// The opaque cursor: the sort key of the last row of a page, base64url.
pub struct Cursor;

impl Cursor {
    /// A cursor for `key`.
    pub fn encode(key: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.as_bytes())
    }

    /// The key in a cursor as a number (a qid, a seq), or an error naming `what` cursor was
    /// expected.
    pub fn decode_number<T: std::str::FromStr>(
        cursor: &str,
        what: &str,
    ) -> Result<T, crate::ApiError> {
        Self::decode(cursor)?
            .parse()
            .map_err(|_| crate::ApiError::bad_request(format!("cursor: not {what} cursor")))
    }

    /// The key in a cursor, or an error for the caller.
    pub fn decode(cursor: &str) -> Result<String, crate::ApiError> {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(|| crate::ApiError::bad_request("cursor: not a cursor this node made"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_set_only_when_more_remain() {
        let p = Page::from_rows(vec![1, 2, 3], 2, |r| r.to_string());
        assert_eq!(p.items, vec![1, 2]);
        assert_eq!(Cursor::decode(p.next.as_deref().unwrap()).unwrap(), "2");
        let p = Page::from_rows(vec![1, 2], 2, |r| r.to_string());
        assert_eq!(p.next, None);
        assert!(Cursor::decode("*").is_err());
        assert_eq!(
            PageQuery {
                limit: Some(5_000),
                cursor: None
            }
            .limit(),
            MAX_LIMIT
        );
    }
}
