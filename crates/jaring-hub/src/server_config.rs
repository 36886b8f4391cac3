//! nats-server configuration generated from the directory.
//!
//! Identity: one user per agency, named by its agency id, with a random password that the
//! server stores only as a bcrypt hash; with a TLS folder that holds client certificates,
//! clients must also present a certificate from the hub's CA (mutual TLS).
//!
//! Accounts: the streams and the RSO admin live in the hub's account ([`HUB_ACCOUNT`]); each
//! agency's user lives in an account of its own, which imports from the hub's account exactly
//! the services its node uses ([`agency_services`]), exported to that agency alone:
//!
//! - publishing envelopes only with its own sender token (`<prefix>.v1.<family>.<ID>.*`) and
//!   checkpoints only on `<prefix>.v1.checkpoint.<ID>.ALL`;
//! - its own durable consumers only: info, next message, ack (no stream information on the
//!   message streams: it would list every subject and count, who sends to whom);
//!   it cannot create consumers (the RSO provisions them, because a consumer's filter is in the
//!   request body, which permissions cannot see), nor touch another agency's, nor delete or
//!   purge anything;
//! - reading the directory bucket's one key by direct get (no consumer on it).
//!
//! Why accounts and not only permissions: the server delivers a pull request's messages to
//! whatever reply subject the client names, without checking the client's permissions there.
//! In one shared account an agency could so have messages delivered onto another agency's
//! subjects, where the stream would store them. Across a service import the reply subject
//! is the agency's own account's, so nothing it names can reach the streams or another
//! agency. Inside its account, the user's permissions repeat the imports and let it
//! subscribe to its own inbox prefix only.

use std::path::{Path, PathBuf};

use jaring_bus::{consumer_name, inbox_prefix, stream_name, FAMILIES};
use ring::rand::{SecureRandom, SystemRandom};
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::certs::TlsDir;
use crate::{write_file, HubError};

/// The administrative identity of the RSO (creates streams, consumers, publishes directories).
pub const ADMIN: &str = "RSO-ADMIN";

/// The NATS account that holds the streams and the RSO admin. It bears the admin's (reserved)
/// name, so no agency's account can be called the same.
pub const HUB_ACCOUNT: &str = ADMIN;

/// What to generate.
#[derive(Debug, Clone)]
pub struct HubSpec {
    /// Agency ids from the directory.
    pub agencies: Vec<String>,
    /// Subject prefix.
    pub prefix: String,
    /// Host the servers listen on.
    pub host: String,
    /// Client port of the first server (the others count up).
    pub port: u16,
    /// 1 for a single server, 3 for a cluster.
    pub cluster: usize,
    /// A TLS folder (see [`crate::certs`]), or none for a plain-text development hub.
    pub tls: Option<TlsDir>,
    /// The directory bucket.
    pub bucket: String,
    /// Where to write.
    pub out: PathBuf,
}

fn token() -> Result<Zeroizing<String>, HubError> {
    let mut bytes = Zeroizing::new([0u8; 24]);
    SystemRandom::new()
        .fill(bytes.as_mut())
        .map_err(|_| HubError::Invalid("the system random source failed".into()))?;
    Ok(Zeroizing::new(jaring_core::b64::encode(bytes.as_ref())))
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// One service an agency's account imports from the hub's account: a subject and whether the
/// answer is a stream of messages (a pull request's batch) rather than one reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// The subject in the hub's account.
    pub subject: String,
    /// The subject in the agency's account: the same, but for the JetStream API, which an
    /// account without JetStream would answer itself, so it is imported under
    /// [`jaring_bus::HUB_API_PREFIX`].
    pub local: String,
    /// A stream of responses (`response_type: stream`).
    pub streamed: bool,
}

fn service(subject: String, streamed: bool) -> Service {
    let local = match subject.strip_prefix("$JS.API.") {
        Some(rest) => format!("{}.{rest}", jaring_bus::HUB_API_PREFIX),
        None => subject.clone(),
    };
    Service {
        subject,
        local,
        streamed,
    }
}

/// The services agency `id` imports from the hub's account: exactly what its node does.
pub fn agency_services(prefix: &str, id: &str, bucket: &str) -> Vec<Service> {
    let one = |subject: String| service(subject, false);
    let mut services = vec![
        one(format!("{prefix}.v1.alert.{id}.*")),
        one(format!("{prefix}.v1.referral.{id}.*")),
        one(format!("{prefix}.v1.receipt.{id}.*")),
        one(format!("{prefix}.v1.checkpoint.{id}.ALL")),
    ];
    let agency = jaring_core::AgencyId::parse(id).ok();
    for family in FAMILIES {
        let s = stream_name(prefix, family);
        let c = agency.as_ref().map(consumer_name).unwrap_or_default();
        // No STREAM.INFO on the message streams: with a subjects filter it lists every
        // subject and its count, the network's whole sender → recipient graph.
        services.push(one(format!("$JS.API.CONSUMER.INFO.{s}.{c}")));
        services.push(service(format!("$JS.API.CONSUMER.MSG.NEXT.{s}.{c}"), true));
        services.push(one(format!("$JS.ACK.{s}.{c}.>")));
    }
    let kv = format!("KV_{bucket}");
    // The directory is read by direct get of its key: no consumer on the bucket to create or
    // delete (stream information of the bucket says nothing of the messages).
    services.push(one(format!("$JS.API.STREAM.INFO.{kv}")));
    services.push(one(format!("$JS.API.DIRECT.GET.{kv}.>")));
    services
}

/// The subjects an agency's user may publish to and subscribe to in its own account.
pub fn agency_permissions(prefix: &str, id: &str, bucket: &str) -> (Vec<String>, Vec<String>) {
    let publish = agency_services(prefix, id, bucket)
        .into_iter()
        .map(|s| s.local)
        .collect();
    (publish, vec![format!("{}.>", inbox_prefix(id))])
}

/// The `accounts` block: the hub's account holding the streams and the RSO admin, exporting
/// each agency's services to that agency alone, and one account per agency importing them.
fn accounts_block(spec: &HubSpec, users: &[(String, String)]) -> String {
    let mut exports = Vec::new();
    let mut accounts = Vec::new();
    let mut admin_user = String::new();
    for (id, user) in users {
        if id == ADMIN {
            admin_user = user.clone();
            continue;
        }
        let mut imports = Vec::new();
        for service in agency_services(&spec.prefix, id, &spec.bucket) {
            let streamed = if service.streamed {
                ", response_type: stream"
            } else {
                ""
            };
            exports.push(format!(
                "      {{ service: {}, accounts: [{}]{streamed} }}",
                quote(&service.subject),
                quote(id)
            ));
            imports.push(format!(
                "      {{ service: {{ account: {}, subject: {} }}, to: {} }}",
                quote(HUB_ACCOUNT),
                quote(&service.subject),
                quote(&service.local)
            ));
        }
        accounts.push(format!(
            "  {}: {{\n    users: [\n{user}\n    ]\n    imports: [\n{}\n    ]\n  }}",
            quote(id),
            imports.join(",\n")
        ));
    }
    let hub = format!(
        "  {}: {{\n    jetstream: enabled\n    users: [\n{admin_user}\n    ]\n    exports: [\n{}\n    ]\n  }}",
        quote(HUB_ACCOUNT),
        exports.join(",\n")
    );
    accounts.insert(0, hub);
    format!(
        "# Accounts: the streams live in the hub's account; each agency has an account of its own\n\
         # that imports only its own services from it. A subject an agency names (a pull request's\n\
         # reply subject, say) lives in its own account, so the server can never deliver onto\n\
         # another agency's subjects or into a stream on an agency's behalf.\n\
         accounts {{\n{}\n}}\n",
        accounts.join("\n")
    )
}

/// Credentials kept from an earlier run, so that regenerating the config (say, to add an
/// agency) does not change the passwords of the others.
fn existing_password(profile: &Path) -> Option<Zeroizing<String>> {
    let text = Zeroizing::new(std::fs::read_to_string(profile).ok()?);
    let v: Value = serde_json::from_str(&text).ok()?;
    v["password"].as_str().map(|p| Zeroizing::new(p.to_owned()))
}

/// What was written.
#[derive(Debug)]
pub struct Generated {
    /// The server config files.
    pub servers: Vec<PathBuf>,
    /// Client URLs, one per server.
    pub urls: Vec<String>,
    /// The client profiles.
    pub profiles: Vec<PathBuf>,
}

/// Writes the server config(s) and a client profile per agency (and for the RSO admin).
pub fn generate(spec: &HubSpec) -> Result<Generated, HubError> {
    if spec.cluster != 1 && spec.cluster != 3 {
        return Err(HubError::Invalid("--cluster must be 1 or 3".into()));
    }
    jaring_core::subject::check_prefix(&spec.prefix).map_err(HubError::Invalid)?;
    std::fs::create_dir_all(&spec.out).map_err(crate::io_err(&spec.out))?;
    let out = std::path::absolute(&spec.out).map_err(crate::io_err(&spec.out))?;
    let scheme = if spec.tls.is_some() { "tls" } else { "nats" };
    let ports: Vec<u16> = (0..spec.cluster as u16).map(|i| spec.port + i).collect();
    let urls: Vec<String> = ports
        .iter()
        .map(|p| format!("{scheme}://{}:{p}", spec.host))
        .collect();
    if spec.agencies.iter().any(|a| a == ADMIN) {
        return Err(HubError::Invalid(format!(
            "{ADMIN} is the hub's own administrative identity and cannot be an agency of the directory"
        )));
    }
    // Mutual TLS for all or for none: a hub where some identities need a certificate and
    // others only a password is weaker than it looks, and would be so by accident.
    let mutual = match &spec.tls {
        Some(t) => {
            let mut identities: Vec<&str> = spec.agencies.iter().map(String::as_str).collect();
            identities.push(ADMIN);
            let (with, without): (Vec<&str>, Vec<&str>) =
                identities.iter().partition(|a| t.client_cert(a).is_file());
            if !with.is_empty() && !without.is_empty() {
                return Err(HubError::Invalid(format!(
                    "client certificates for some identities but not for {}: give every identity one (`jaring hub dev-certs`) or none",
                    without.join(", ")
                )));
            }
            without.is_empty()
        }
        None => false,
    };

    let mut users = Vec::new();
    let mut profiles = Vec::new();
    let mut identities: Vec<(String, bool)> =
        spec.agencies.iter().map(|a| (a.clone(), false)).collect();
    identities.push((ADMIN.to_owned(), true));
    for (id, admin) in &identities {
        let profile_path = out.join("clients").join(format!("{id}.json"));
        let password = match existing_password(&profile_path) {
            Some(p) => p,
            None => token()?,
        };
        let hash =
            bcrypt::hash(password.as_bytes(), 11).map_err(|e| HubError::Invalid(e.to_string()))?;
        let permissions = if *admin {
            String::new()
        } else {
            let (publish, subscribe) = agency_permissions(&spec.prefix, id, &spec.bucket);
            format!(",\n        permissions: {{\n          publish: {{ allow: {} }},\n          subscribe: {{ allow: {} }}\n        }}", list(&publish), list(&subscribe))
        };
        users.push((
            id.clone(),
            format!(
                "      {{ user: {}, password: {}{permissions} }}",
                quote(id),
                quote(&hash)
            ),
        ));
        let mut profile = json!({
            "agency": id,
            "servers": urls,
            "user": id,
            "password": password.as_str(),
            "subject_prefix": spec.prefix,
            "inbox_prefix": inbox_prefix(id),
        });
        if !admin {
            profile["api_prefix"] = json!(jaring_bus::HUB_API_PREFIX);
        }
        if let Some(tls) = &spec.tls {
            let mut t = json!({"ca": tls.ca()});
            if mutual {
                t["cert"] = json!(tls.client_cert(id));
                t["key"] = json!(tls.client_key(id));
            }
            profile["tls"] = t;
        }
        let text = Zeroizing::new(
            serde_json::to_vec_pretty(&profile).map_err(|e| HubError::Invalid(e.to_string()))?,
        );
        write_file(&profile_path, &text, 0o600)?;
        profiles.push(profile_path);
    }

    let route_password = token()?;
    let accounts = accounts_block(spec, &users);
    let mut servers = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let n = i + 1;
        let name = if spec.cluster == 1 {
            "jaring-hub".to_owned()
        } else {
            format!("jaring-hub-{n}")
        };
        let mut text = format!(
            "# nats-server configuration for the jaring hub, generated by `jaring hub config` from the directory.\n\
             # Regenerate it after the directory changes; do not edit by hand.\n\
             server_name: {}\nlisten: {}\nmax_payload: 1MB\n\n",
            quote(&name),
            quote(&format!("{}:{port}", spec.host))
        );
        let store = out.join("data").join(&name);
        text.push_str(&format!(
            "# sync_interval always: every acknowledged message is on disk (the default syncs every\n\
             # two minutes and can lose acknowledged writes in a crash); it costs an fsync per write.\n\
             jetstream {{\n  store_dir: {}\n  sync_interval: {}\n}}\n\n",
            quote(&store.display().to_string()),
            jaring_bus::HUB_SYNC_INTERVAL
        ));
        if let Some(tls) = &spec.tls {
            text.push_str(&format!(
                "tls {{\n  cert_file: {}\n  key_file: {}\n  ca_file: {}\n  verify: {mutual}\n  timeout: 5\n}}\n\n",
                quote(&tls.server_cert().display().to_string()),
                quote(&tls.server_key().display().to_string()),
                quote(&tls.ca().display().to_string()),
            ));
        }
        text.push_str(&accounts);
        if spec.cluster > 1 {
            let route_port = |p: u16| p + 2000;
            let routes: Vec<String> = ports
                .iter()
                .filter(|p| *p != port)
                .map(|p| {
                    format!(
                        "nats-route://route:{}@{}:{}",
                        route_password.as_str(),
                        spec.host,
                        route_port(*p)
                    )
                })
                .collect();
            let route_tls = match &spec.tls {
                Some(tls) => format!(
                    "\n  tls {{\n    cert_file: {}\n    key_file: {}\n    ca_file: {}\n    verify: true\n    timeout: 5\n  }}",
                    quote(&tls.server_cert().display().to_string()),
                    quote(&tls.server_key().display().to_string()),
                    quote(&tls.ca().display().to_string()),
                ),
                None => String::new(),
            };
            text.push_str(&format!(
                "\ncluster {{\n  name: \"jaring-hub\"\n  listen: {}\n  authorization {{ user: \"route\", password: {} }}\n  routes: {}{route_tls}\n}}\n",
                quote(&format!("{}:{}", spec.host, route_port(*port))),
                quote(route_password.as_str()),
                list(&routes),
            ));
        }
        let path = if spec.cluster == 1 {
            out.join("nats-server.conf")
        } else {
            out.join(format!("nats-server-{n}.conf"))
        };
        write_file(&path, text.as_bytes(), 0o600)?;
        servers.push(path);
    }
    Ok(Generated {
        servers,
        urls,
        profiles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(dir: &Path, agencies: &[&str], tls: Option<TlsDir>) -> HubSpec {
        HubSpec {
            agencies: agencies.iter().map(|a| a.to_string()).collect(),
            prefix: "rso".into(),
            host: "127.0.0.1".into(),
            port: 4222,
            cluster: 1,
            tls,
            bucket: "jaring-directory".into(),
            out: dir.join("hub"),
        }
    }

    #[test]
    fn the_admin_identity_is_no_agency() {
        let dir = tempfile::tempdir().unwrap();
        let err = generate(&spec(dir.path(), &["TH-RTP", ADMIN], None)).unwrap_err();
        assert!(err.to_string().contains("administrative identity"), "{err}");
    }

    #[test]
    fn client_certificates_for_all_or_for_none() {
        let dir = tempfile::tempdir().unwrap();
        // Certificates for TH-RTP and the admin, none for PH-DFA.
        let tls = crate::certs::dev_certs(
            &dir.path().join("tls"),
            &["TH-RTP".to_owned(), ADMIN.to_owned()],
        )
        .unwrap();
        let err =
            generate(&spec(dir.path(), &["TH-RTP", "PH-DFA"], Some(tls.clone()))).unwrap_err();
        assert!(err.to_string().contains("but not for PH-DFA"), "{err}");
        // All of them: mutual TLS.
        let generated = generate(&spec(dir.path(), &["TH-RTP"], Some(tls))).unwrap();
        let conf = std::fs::read_to_string(&generated.servers[0]).unwrap();
        assert!(conf.contains("verify: true"), "{conf}");
    }
}
