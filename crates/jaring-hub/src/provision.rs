//! Provisioning the hub's JetStream: the streams, each agency's durable consumers (agencies
//! cannot create them: see [`crate::server_config`]), and the directory bucket.

use std::path::Path;

use async_nats::jetstream;
use jaring_core::{AgencyId, SignedDirectory};
use jaring_node::config::StreamsConfig;
use jaring_node::nats::{consumer_config, consumer_name, stream_config, FAMILIES};
use serde_json::Value;

use crate::HubError;

fn nats_err(e: impl std::fmt::Display) -> HubError {
    HubError::Nats(e.to_string())
}

/// Connects with a client profile (as written by `jaring hub config`).
pub async fn connect_with_profile(profile: &Path) -> Result<async_nats::Client, HubError> {
    let text =
        zeroize::Zeroizing::new(std::fs::read_to_string(profile).map_err(crate::io_err(profile))?);
    let p: Value = serde_json::from_str(&text)
        .map_err(|e| HubError::Invalid(format!("{}: {e}", profile.display())))?;
    let mut opts = async_nats::ConnectOptions::new().name("jaring hub");
    if let (Some(u), Some(pw)) = (p["user"].as_str(), p["password"].as_str()) {
        opts = opts.user_and_password(u.to_owned(), pw.to_owned());
    }
    if let Some(prefix) = p["inbox_prefix"].as_str() {
        opts = opts.custom_inbox_prefix(prefix);
    }
    if p["tls"].is_object() {
        opts = opts.require_tls(true);
        if let Some(ca) = p["tls"]["ca"].as_str() {
            opts = opts.add_root_certificates(ca.into());
        }
        if let (Some(c), Some(k)) = (p["tls"]["cert"].as_str(), p["tls"]["key"].as_str()) {
            opts = opts.add_client_certificate(c.into(), k.into());
        }
    }
    let servers: Vec<String> = p["servers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect();
    opts.connect(servers).await.map_err(nats_err)
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
        let stream = loop {
            match js.get_or_create_stream(config.clone()).await {
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
            stream
                .get_or_create_consumer(
                    &consumer_name(me),
                    consumer_config(prefix, family, me, streams.ack_wait),
                )
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
        .put(jaring_node::node::DIRECTORY_KEY, directory.to_json().into())
        .await
        .map_err(nats_err)?;
    Ok(done)
}
