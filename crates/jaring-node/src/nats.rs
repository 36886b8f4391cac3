//! The node's side of the bus topology: making sure the streams and this agency's durable
//! consumers exist. Names and settings come from `jaring-bus`, shared with the hub generator.

use async_nats::jetstream::{self, consumer::pull};
pub use jaring_bus::NatsError;
use jaring_bus::{consumer_config, consumer_name, stream_config, stream_name, FAMILIES};
use jaring_core::body::Family;

use crate::config::Config;

/// Makes sure the streams exist (creating them where allowed) and returns this agency's
/// durable pull consumer on each, filtered to its own id and `ALL`.
pub async fn ensure_consumers(
    js: &jetstream::Context,
    config: &Config,
) -> Result<Vec<(Family, jetstream::consumer::Consumer<pull::Config>)>, NatsError> {
    let prefix = &config.subject_prefix;
    let me = &config.agency;
    let mut out = Vec::new();
    for family in FAMILIES {
        let name = stream_name(prefix, family);
        let stream = match js.get_stream(&name).await {
            Ok(s) => s,
            Err(_) if config.streams.create => js
                .get_or_create_stream(stream_config(prefix, family, &config.streams))
                .await
                .map_err(|e| NatsError::JetStream(format!("creating stream {name}: {e}")))?,
            Err(e) => {
                return Err(NatsError::JetStream(format!(
                    "stream {name} is missing and streams.create is off (the hub creates it): {e}"
                )))
            }
        };
        let consumer = stream
            .get_or_create_consumer(&consumer_name(me), consumer_config(prefix, family, me, config.streams.ack_wait))
            .await
            .map_err(|e| {
                NatsError::JetStream(format!(
                    "consumer {} on {name}: {e} (on a hub with permissions, the RSO creates it with `jaring hub provision`)",
                    consumer_name(me)
                ))
            })?;
        out.push((family, consumer));
    }
    Ok(out)
}
