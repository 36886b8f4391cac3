//! jaring-bus: the shape of the bus, defined once for the node, the hub generator and the CLI.
//!
//! - [`topology`]: families, stream names and settings, durable consumer names and filters,
//!   the directory bucket's key, each agency's inbox prefix;
//! - [`connect`]: NATS connection settings (the node's `[nats]` table, a client profile from
//!   the hub, the CLI's flags all end up as one [`connect::NatsConfig`]) and the one builder
//!   that turns them into `async_nats::ConnectOptions`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod connect;
pub mod topology;

pub use connect::{NatsConfig, NatsError, TlsConfig};
pub use topology::{
    consumer_config, consumer_name, inbox_prefix, stream_config, stream_name, StreamsConfig,
    DIRECTORY_KEY, FAMILIES, HUB_API_PREFIX, HUB_SYNC_INTERVAL, MAX_DELIVER,
};
