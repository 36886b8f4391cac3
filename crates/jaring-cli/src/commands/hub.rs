//! `jaring hub config | dev-certs | provision`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use jaring_core::{SignedDirectory, Timestamp, Trust};
use jaring_hub::certs::TlsDir;
use jaring_hub::server_config::{generate, HubSpec, ADMIN};
use jaring_node::config::StreamsConfig;

use crate::cli::HubCommand;

fn directory(path: &Path, trust: Option<&Path>) -> Result<SignedDirectory> {
    let signed =
        SignedDirectory::load(path).with_context(|| format!("cannot read {}", path.display()))?;
    match trust {
        Some(t) => {
            let trust = Trust::load(t)?;
            signed
                .verify(&trust, Timestamp::now())
                .with_context(|| format!("{} is not acceptable", path.display()))?;
        }
        None => eprintln!("note: the directory was not verified (give --trust FILE to verify it)"),
    }
    Ok(signed)
}

/// The agencies that may use the hub: those with a key not revoked. An agency whose keys are
/// all revoked gets no user, so that regenerating the configuration and reloading the server
/// (`nats-server --signal reload`) closes the door on it.
fn agency_ids(signed: &SignedDirectory) -> Result<Vec<String>> {
    let body = signed.unverified_body()?;
    let now = Timestamp::now();
    let mut ids = Vec::new();
    for a in &body.agencies {
        if a.keys
            .iter()
            .any(|k| k.revoked_at.is_none_or(|at| at > now))
        {
            ids.push(a.id.to_string());
        } else {
            eprintln!("note: {} has every key revoked: it gets no hub user", a.id);
        }
    }
    Ok(ids)
}

/// Runs a hub verb.
pub fn run(cmd: HubCommand) -> Result<()> {
    match cmd {
        HubCommand::Config {
            directory: d,
            trust,
            out,
            listen,
            cluster,
            tls_dir,
            prefix,
            bucket,
        } => {
            let signed = directory(&d, trust.as_deref())?;
            let (host, port) = listen
                .rsplit_once(':')
                .context("--listen is HOST:PORT, e.g. 127.0.0.1:4222")?;
            let port: u16 = port
                .parse()
                .with_context(|| format!("--listen: `{port}` is not a port"))?;
            if let Some(t) = &tls_dir {
                if !t.join("ca.pem").is_file() || !t.join("server.pem").is_file() {
                    bail!("{} has no ca.pem and server.pem (make development ones with `jaring hub dev-certs`)", t.display());
                }
            }
            let spec = HubSpec {
                agencies: agency_ids(&signed)?,
                prefix,
                host: host.to_owned(),
                port,
                cluster,
                tls: tls_dir.map(|dir| TlsDir {
                    dir: std::path::absolute(&dir).unwrap_or(dir),
                }),
                bucket,
                out: out.clone(),
            };
            let g = generate(&spec)?;
            for s in &g.servers {
                println!("wrote {}", s.display());
            }
            println!(
                "wrote {} client profiles in {} (mode 0600: they hold passwords)",
                g.profiles.len(),
                out.join("clients").display()
            );
            println!("clients connect to {}", g.urls.join(", "));
            if spec.tls.is_none() {
                eprintln!("warning: no --tls-dir: the hub will accept plain-text connections; use TLS for anything but a laptop");
            }
            Ok(())
        }
        HubCommand::DevCerts {
            out,
            directory: d,
            agencies,
        } => {
            let mut names = agencies;
            if let Some(d) = d {
                names.extend(agency_ids(&SignedDirectory::load(&d)?)?);
            }
            names.push(ADMIN.to_owned());
            names.sort();
            names.dedup();
            jaring_hub::certs::dev_certs(&out, &names)?;
            println!("wrote a development CA, a loopback server certificate and {} client certificates to {}", names.len(), out.display());
            println!(
                "NOT FOR PRODUCTION: see {}",
                out.join("README-NOT-FOR-PRODUCTION.txt").display()
            );
            Ok(())
        }
        HubCommand::Provision {
            client_profile,
            directory: d,
            trust,
            replicas,
            prefix,
            bucket,
        } => {
            let signed = directory(&d, trust.as_deref())?;
            let streams = StreamsConfig {
                replicas,
                ..StreamsConfig::default()
            };
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let done = rt.block_on(async {
                let client = jaring_hub::provision::connect_with_profile(&client_profile).await?;
                jaring_hub::provision::provision(client, &signed, &prefix, &streams, &bucket).await
            })?;
            println!(
                "provisioned streams {} ({replicas} replica(s)), {} consumers, directory in bucket {bucket} (revision {})",
                done.streams.join(", "),
                done.consumers,
                done.directory_revision
            );
            Ok(())
        }
    }
}
