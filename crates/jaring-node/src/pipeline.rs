//! Opening received envelopes: the CPU-bound part of the receive path, run on a worker pool.
//! The steps live in jaring-core ([`jaring_core::inbound`]), where the fuzz targets run them
//! too; nothing here touches the store.

pub use jaring_core::inbound::{open_one, Raw};
