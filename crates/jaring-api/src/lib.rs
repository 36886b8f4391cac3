//! jaring-api: the local API of `jaringd`, as types.
//!
//! Every route's request and response, the role each route needs, and one error shape live
//! here, so that the daemon's server side and every client (the `jaring` CLI now; the web
//! console and the TAXII feed next) speak the same language and the compiler keeps them in
//! step. The routes are listed once, in [`routes::Route`]: the server registers and guards
//! them from that list, and [`openapi`] documents them from it.
//!
//! Nothing here does I/O. The transport (HTTP/1.1 over a Unix socket, see `jaring-node`'s
//! `api` and `client` modules) and the rules that fill these types live in the node.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod audit;
pub mod correlation;
pub mod directory;
pub mod error;
pub mod messages;
pub mod openapi;
pub mod paging;
pub mod quarantine;
pub mod roles;
pub mod routes;
pub mod status;
pub mod stix;
pub mod users;

pub use error::{ApiError, ErrorCode};
pub use paging::{Cursor, Page, PageQuery};
pub use roles::{Role, Roles};
pub use routes::Route;
