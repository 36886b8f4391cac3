//! Provisioning the hub's JetStream: the streams, each agency's durable consumers (agencies
//! cannot create them: see [`crate::server_config`]), and the directory bucket.

use std::path::Path;

use async_nats::jetstream;
use jaring_bus::{
    consumer_config, consumer_name, stream_config, NatsConfig, StreamsConfig, DIRECTORY_KEY,
    FAMILIES,
};
use jaring_core::{AgencyId, SignedDirectory};

use crate::HubError;

fn nats_err(e: impl std::fmt::Display) -> HubError {
    HubError::Nats(e.to_string())
}

/// Connects with a client profile (as written by `jaring hub config`).
pub async fn connect_with_profile(profile: &Path) -> Result<async_nats::Client, HubError> {
    let p = NatsConfig::from_profile(profile).map_err(nats_err)?;
    p.nats
        .connect_once("jaring hub", p.inbox_prefix.as_deref())
        .await
        .map_err(nats_err)
}

/// What was provisioned.
#[derive(Debug, Default)]
pub struct Provisioned {
    /// Streams that exist now.
    pub streams: Vec<String>,
    /// Consumers that exist now.
    pub consumers: usize,
    /// The bucket revision of the directory put.
    pub directory_revision: u64,
}

/// Creates (or keeps) the streams, a durable consumer per agency of `directory` on each, and
/// the directory bucket, into which it puts the directory. Safe to run again after the
/// directory changed (to add an agency's consumers).
pub async fn provision(
    client: async_nats::Client,
    directory: &SignedDirectory,
    prefix: &str,
    streams: &StreamsConfig,
    bucket: &str,
) -> Result<Provisioned, HubError> {
    let js = jetstream::new(client);
    let body = directory
        .unverified_body()
        .map_err(|e| HubError::Invalid(e.to_string()))?;
    let mut done = Provisioned::default();
    // A cluster that just started has no JetStream leader yet: keep asking for a while.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    for family in FAMILIES {
        let config = stream_config(prefix, family, streams);
        let name = config.name.clone();
        // Create, or bring an existing stream to today's settings (limits added by an upgrade).
        let stream = loop {
            let made = match js.create_or_update_stream(config.clone()).await {
                Ok(_) => js.get_stream(&name).await.map_err(nats_err),
                Err(e) => Err(nats_err(e)),
            };
            match made {
                Ok(s) => break s,
                Err(_) if std::time::Instant::now() < deadline => {
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
                Err(e) => return Err(HubError::Nats(format!("stream {name}: {e}"))),
            }
        };
        done.streams.push(name.clone());
        for agency in &body.agencies {
            let me: &AgencyId = &agency.id;
            // Create or update: a consumer provisioned before keeps its position and gets
            // today's settings (`max_deliver`).
            stream
                .create_consumer(consumer_config(prefix, family, me, streams))
                .await
                .map_err(|e| {
                    HubError::Nats(format!("consumer {} on {name}: {e}", consumer_name(me)))
                })?;
            done.consumers += 1;
        }
    }
    let kv = match js.get_key_value(bucket).await {
        Ok(kv) => kv,
        Err(_) => js
            .create_key_value(jetstream::kv::Config {
                bucket: bucket.to_owned(),
                history: 10,
                num_replicas: streams.replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| HubError::Nats(format!("bucket {bucket}: {e}")))?,
    };
    done.directory_revision = kv
        .put(DIRECTORY_KEY, directory.to_json().into())
        .await
        .map_err(nats_err)?;
    Ok(done)
}
