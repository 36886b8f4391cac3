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
        let durable = consumer_name(me);
        // Straight to this agency's own consumer first: on the hub the RSO provisions streams
        // and consumers, and an agency may not read stream information (it would list every
        // subject with its count: who sends to whom).
        let existing = js
            .get_consumer_from_stream::<pull::Config, _, _>(&durable, &name)
            .await;
        let consumer = match existing {
            Ok(c) => c,
            Err(e) if !config.streams.create => {
                return Err(NatsError::JetStream(format!(
                    "consumer {durable} on {name}: {e} (the RSO creates it with `jaring hub provision`)"
                )))
            }
            // A development hub without permissions: create what is missing.
            Err(_) => {
                let stream = match js.get_stream(&name).await {
                    Ok(s) => s,
                    Err(_) => js
                        .get_or_create_stream(stream_config(prefix, family, &config.streams))
                        .await
                        .map_err(|e| {
                            NatsError::JetStream(format!("creating stream {name}: {e}"))
                        })?,
                };
                stream
                    .get_or_create_consumer(
                        &durable,
                        consumer_config(prefix, family, me, &config.streams),
                    )
                    .await
                    .map_err(|e| {
                        NatsError::JetStream(format!("consumer {durable} on {name}: {e}"))
                    })?
            }
        };
        out.push((family, consumer));
    }
    Ok(out)
}
