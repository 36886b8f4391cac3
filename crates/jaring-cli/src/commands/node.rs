//! `jaring node init` and `jaring directory publish`.

use anyhow::{bail, Context, Result};
use jaring_core::{SignedDirectory, Timestamp, Trust};
use jaring_node::config::{Config, DirectoryConfig, NatsConfig, TlsConfig};
use serde_json::Value;

use crate::cli::{DirectoryPublishArgs, NodeInitArgs};
use crate::output::write_atomic;

fn absolute(p: &std::path::Path) -> Result<std::path::PathBuf> {
    std::path::absolute(p).with_context(|| format!("cannot resolve {}", p.display()))
}

/// Writes a node configuration that works as it is.
pub fn init(a: NodeInitArgs) -> Result<()> {
    let mut nats = NatsConfig {
        servers: a.conn.nats.clone(),
        user: a.conn.user.clone(),
        password: a.conn.password.clone(),
        creds_file: a.conn.creds.clone(),
        ..Default::default()
    };
    if a.conn.tls_ca.is_some() || a.conn.tls_cert.is_some() {
        nats.tls = Some(TlsConfig {
            ca_file: a.conn.tls_ca.clone(),
            cert_file: a.conn.tls_cert.clone(),
            key_file: a.conn.tls_key.clone(),
        });
    }
    if let Some(profile) = &a.client_profile {
        let text =
            std::fs::read(profile).with_context(|| format!("cannot read {}", profile.display()))?;
        let p: Value = serde_json::from_slice(&text)
            .with_context(|| format!("{} is not a client profile", profile.display()))?;
        let base = profile.parent().unwrap_or(std::path::Path::new("."));
        let path = |v: &Value| v.as_str().map(|s| base.join(s));
        if nats.servers.is_empty() {
            nats.servers = p["servers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect();
        }
        nats.user = nats.user.or_else(|| p["user"].as_str().map(str::to_owned));
        nats.password = nats
            .password
            .or_else(|| p["password"].as_str().map(str::to_owned));
        nats.nkey_seed_file = path(&p["nkey_seed_file"]);
        nats.creds_file = nats.creds_file.or_else(|| path(&p["creds_file"]));
        if p["tls"].is_object() {
            nats.tls = Some(TlsConfig {
                ca_file: path(&p["tls"]["ca"]),
                cert_file: path(&p["tls"]["cert"]),
                key_file: path(&p["tls"]["key"]),
            });
        }
    }
    if nats.servers.is_empty() {
        bail!("name a NATS server with --nats URL (or --client-profile FILE)");
    }
    let config = Config {
        agency: a.agency.clone(),
        key_file: absolute(&a.key)?,
        trust_file: absolute(&a.trust)?,
        data_dir: absolute(&a.data)?,
        subject_prefix: a.prefix.clone(),
        directory: DirectoryConfig {
            file: a.directory.as_deref().map(absolute).transpose()?,
            kv_bucket: a.directory_bucket.clone(),
        },
        nats,
        api: jaring_node::config::ApiConfig {
            socket: a.socket.as_deref().map(absolute).transpose()?,
        },
        streams: Default::default(),
        retention: Default::default(),
        receipts: Default::default(),
        delivery: Default::default(),
        audit: Default::default(),
    };
    // Only what differs from the defaults is written; config/node.example.toml lists the rest.
    let mut table = toml::Table::try_from(&config).context("cannot write TOML")?;
    for section in ["streams", "retention", "receipts", "delivery", "audit"] {
        table.remove(section);
    }
    if config.api.socket.is_none() {
        table.remove("api");
    }
    let text = format!(
        "# jaringd configuration for {}, written by `jaring node init` on {}.\n# Every key, with its default, is described in config/node.example.toml.\n{}",
        a.agency,
        Timestamp::now(),
        toml::to_string_pretty(&table).context("cannot write TOML")?
    );
    write_atomic(&a.out, text.as_bytes())?;
    // Check it the way the daemon will.
    Config::load(&a.out).context("the written configuration does not load")?;
    println!(
        "wrote {}: start the node with `jaringd --config {}`",
        a.out.display(),
        a.out.display()
    );
    Ok(())
}

/// Puts a signed directory into the hub's key-value bucket.
pub fn publish(a: DirectoryPublishArgs) -> Result<()> {
    if a.conn.nats.is_empty() {
        bail!("name the hub with --nats URL");
    }
    let signed = SignedDirectory::load(&a.directory)?;
    if let Some(trust) = &a.trust {
        let trust = Trust::load(trust)?;
        let d = signed
            .verify(&trust, Timestamp::now())
            .context("refusing to publish a directory that does not verify")?;
        eprintln!(
            "verified: serial {}, {} agencies",
            d.serial,
            d.agencies().count()
        );
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let mut opts = async_nats::ConnectOptions::new().name("jaring directory publish");
        if let (Some(u), Some(p)) = (&a.conn.user, &a.conn.password) {
            opts = opts.user_and_password(u.clone(), p.clone());
        }
        if let Some(c) = &a.conn.creds {
            opts = opts
                .credentials_file(c)
                .await
                .with_context(|| format!("cannot use {}", c.display()))?;
        }
        if let Some(ca) = &a.conn.tls_ca {
            opts = opts.require_tls(true).add_root_certificates(ca.clone());
        }
        if let (Some(c), Some(k)) = (&a.conn.tls_cert, &a.conn.tls_key) {
            opts = opts.add_client_certificate(c.clone(), k.clone());
        }
        let client = opts
            .connect(a.conn.nats.clone())
            .await
            .context("cannot connect to NATS")?;
        let js = async_nats::jetstream::new(client);
        let kv = match js.get_key_value(&a.bucket).await {
            Ok(kv) => kv,
            Err(_) => js
                .create_key_value(async_nats::jetstream::kv::Config {
                    bucket: a.bucket.clone(),
                    history: 10,
                    ..Default::default()
                })
                .await
                .with_context(|| format!("cannot create bucket {}", a.bucket))?,
        };
        let revision = kv
            .put(jaring_node::node::DIRECTORY_KEY, signed.to_json().into())
            .await
            .with_context(|| format!("cannot put the directory into {}", a.bucket))?;
        println!(
            "published {} to bucket {} (revision {revision})",
            a.directory.display(),
            a.bucket
        );
        Ok(())
    })
}
