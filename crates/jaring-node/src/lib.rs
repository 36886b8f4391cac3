//! jaring-node: the agency node (`jaringd`). It holds the agency's keys and verified
//! directory, reads its own subjects through durable JetStream consumers, opens, stores and
//! audits what arrives, answers with batched receipts, sends what its users post, republishes
//! what no receipt confirms, and serves the `jaring` CLI over a local socket.
#![forbid(unsafe_code)]

pub mod accounts;
pub mod api;
pub mod audit_file;
pub mod client;
pub mod config;
pub mod console;
pub mod daemon;
pub mod data_lock;
pub mod feed;
pub mod metrics;
pub mod nats;
pub mod node;
pub mod pipeline;
pub mod store;

pub use config::Config;
pub use node::Node;
