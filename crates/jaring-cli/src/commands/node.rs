//! `jaring node init` and `jaring directory publish`.

use anyhow::{bail, Context, Result};
use jaring_api::users::NewUser;
use jaring_api::{Role, Roles};
use jaring_bus::NatsConfig;
use jaring_core::{SignedDirectory, Timestamp, Trust};
use jaring_node::config::{Config, DirectoryConfig};
use jaring_node::store::Store;

use crate::cli::{DirectoryPublishArgs, NodeInitArgs};
use crate::output::write_atomic_mode;

fn absolute(p: &std::path::Path) -> Result<std::path::PathBuf> {
    std::path::absolute(p).with_context(|| format!("cannot resolve {}", p.display()))
}

/// Writes a node configuration that works as it is.
pub fn init(a: NodeInitArgs) -> Result<()> {
    let mut nats = a.conn.settings()?;
    if let Some(profile) = &a.client_profile {
        nats = nats.or(NatsConfig::from_profile(profile)?.nats);
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
            ..Default::default()
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
        metrics: Default::default(),
        keys: Default::default(),
        console: a.console.map(|listen| jaring_console::ConsoleConfig {
            listen,
            ..Default::default()
        }),
        correlation: Default::default(),
        taxii: None,
        stix: Default::default(),
        pq: Default::default(),
    };
    // Only what differs from the defaults is written; config/node.example.toml lists the rest.
    let mut table = toml::Table::try_from(&config).context("cannot write TOML")?;
    for section in [
        "streams",
        "retention",
        "receipts",
        "delivery",
        "audit",
        "metrics",
        "keys",
        "correlation",
        "pq",
    ] {
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
    // It may hold the hub password: 0600, and the daemon refuses it wider.
    write_atomic_mode(&a.out, text.as_bytes(), 0o600)?;
    // Check it the way the daemon will.
    let config = Config::load(&a.out).context("the written configuration does not load")?;
    if let Some(name) = &a.admin {
        // The store's audit head is the running daemon's alone: a second writer beside it
        // would fork the audit chain.
        if std::os::unix::net::UnixStream::connect(config.socket_path()).is_ok() {
            anyhow::bail!(
                "jaringd is running on {}: add users through it with `jaring user add`",
                config.socket_path().display()
            );
        }
        let roles = Roles::new(vec![Role::Admin]);
        let user = match &a.admin_unix {
            Some(unix) => {
                let new = NewUser {
                    name: name.clone(),
                    unix: unix.clone(),
                    roles,
                };
                Store::bootstrap_user(
                    &config.data_dir,
                    config.agency.clone(),
                    &new,
                    "jaring node init",
                )
            }
            None => jaring_node::accounts::add_this_account(
                &config.data_dir,
                config.agency.clone(),
                name,
                roles,
                "jaring node init",
            ),
        }
        .context("cannot add the first admin")?;
        println!(
            "first admin: {} (local account {}); add the others with `jaring user add`",
            user.name, user.unix
        );
    }
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
        let client = a
            .conn
            .settings()?
            .connect_once("jaring directory publish", None)
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
            .put(jaring_bus::DIRECTORY_KEY, signed.to_json().into())
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
