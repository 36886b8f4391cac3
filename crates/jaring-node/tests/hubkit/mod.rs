//! A TLS hub generated from a test network's directory, and nodes run in-process against it.
//! Its test files declare `mod common;` too: the helpers of the daemon tests serve here.
#![allow(dead_code)]

#[allow(unused_imports)]
pub use crate::common::{add_tester, alert_body, wait_until};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jaring_core::directory::Role;
use jaring_hub::certs::{dev_certs, TlsDir};
use jaring_hub::server_config::{generate, HubSpec, ADMIN};
use jaring_node::client::Client;
use jaring_node::config::{Config, DirectoryConfig, NatsConfig, TlsConfig};
use jaring_node::{api, Node};
use jaring_testkit::{NatsServer, TestNetwork};
use serde_json::Value;
use tokio::sync::watch;

pub const AGENCIES: [(&str, Role); 3] = [
    ("TH-RTP", Role::LawEnforcement),
    ("ID-KEMLU-PNH", Role::Consular),
    ("PH-DFA", Role::Consular),
];

pub struct Hub {
    pub net: TestNetwork,
    pub tls: TlsDir,
    pub out: PathBuf,
    pub ports: Vec<u16>,
    pub servers: Vec<NatsServer>,
}

impl Hub {
    pub async fn start(dir: &Path, cluster: usize) -> Hub {
        let net = TestNetwork::create(dir, &AGENCIES).unwrap();
        let mut names: Vec<String> = AGENCIES.iter().map(|(a, _)| a.to_string()).collect();
        names.push(ADMIN.into());
        let tls = dev_certs(&dir.join("tls"), &names).unwrap();
        // Client ports `port, port + 1, ...`, route ports 2000 above each (jaring-hub's).
        let port = jaring_testkit::free_block(cluster as u16, 2000).unwrap();
        let out = dir.join("hub");
        let spec = HubSpec {
            agencies: AGENCIES.iter().map(|(a, _)| a.to_string()).collect(),
            prefix: "rso".into(),
            host: "127.0.0.1".into(),
            port,
            cluster,
            tls: Some(tls.clone()),
            bucket: "jaring-directory".into(),
            out: out.clone(),
        };
        let generated = generate(&spec).unwrap();
        let ports: Vec<u16> = (0..cluster as u16).map(|i| port + i).collect();
        let mut servers = Vec::new();
        // Cluster members wait for each other; start them all before waiting on any.
        let handles: Vec<_> = generated
            .servers
            .iter()
            .zip(&ports)
            .map(|(conf, p)| {
                let (conf, p) = (conf.clone(), *p);
                std::thread::spawn(move || NatsServer::builder().config_file(conf, p).start())
            })
            .collect();
        for h in handles {
            servers.push(h.join().unwrap().unwrap_or_else(|e| panic!("{e}")));
        }
        let hub = Hub {
            net,
            tls,
            out,
            ports,
            servers,
        };
        let admin = jaring_hub::provision::connect_with_profile(&hub.profile(ADMIN))
            .await
            .unwrap();
        let directory = jaring_core::SignedDirectory::load(&hub.net.directory_file()).unwrap();
        let streams = jaring_node::config::StreamsConfig {
            replicas: cluster,
            ..Default::default()
        };
        jaring_hub::provision::provision(admin, &directory, "rso", &streams, "jaring-directory")
            .await
            .unwrap();
        hub
    }

    /// Writes the server configuration again for `agencies` only (as `jaring hub config` does
    /// for a directory where the others' keys are all revoked; passwords are kept) and has every
    /// server reload it.
    pub fn regenerate_and_reload(&self, agencies: &[&str]) {
        let spec = HubSpec {
            agencies: agencies.iter().map(|a| a.to_string()).collect(),
            prefix: "rso".into(),
            host: "127.0.0.1".into(),
            port: self.ports[0],
            cluster: self.ports.len(),
            tls: Some(self.tls.clone()),
            bucket: "jaring-directory".into(),
            out: self.out.clone(),
        };
        generate(&spec).unwrap();
        for s in &self.servers {
            s.reload().unwrap();
        }
    }

    pub fn profile(&self, id: &str) -> PathBuf {
        self.out.join("clients").join(format!("{id}.json"))
    }

    pub fn urls(&self) -> Vec<String> {
        self.ports
            .iter()
            .map(|p| format!("tls://127.0.0.1:{p}"))
            .collect()
    }

    /// The node configuration an agency gets from its client profile.
    pub fn node_config(&self, id: &str, extra: impl FnOnce(&mut Config)) -> Config {
        let p: Value =
            serde_json::from_str(&std::fs::read_to_string(self.profile(id)).unwrap()).unwrap();
        let path = |v: &Value| v.as_str().map(PathBuf::from);
        let mut config = Config {
            agency: jaring_core::AgencyId::parse(id).unwrap(),
            key_file: self.net.key_file(id),
            trust_file: self.net.trust_file(),
            data_dir: self.net.dir.join("nodes").join(id),
            subject_prefix: "rso".into(),
            directory: DirectoryConfig {
                file: Some(self.net.directory_file()),
                kv_bucket: Some("jaring-directory".into()),
                ..Default::default()
            },
            nats: NatsConfig {
                servers: self.urls(),
                user: p["user"].as_str().map(str::to_owned),
                password: p["password"].as_str().map(str::to_owned),
                tls: Some(TlsConfig {
                    ca_file: path(&p["tls"]["ca"]),
                    cert_file: path(&p["tls"]["cert"]),
                    key_file: path(&p["tls"]["key"]),
                }),
                api_prefix: p["api_prefix"].as_str().map(str::to_owned),
                ..Default::default()
            },
            api: Default::default(),
            streams: jaring_node::config::StreamsConfig {
                create: false,
                ..Default::default()
            },
            retention: Default::default(),
            receipts: Default::default(),
            delivery: Default::default(),
            audit: Default::default(),
            metrics: Default::default(),
            keys: Default::default(),
            console: None,
            correlation: Default::default(),
            taxii: None,
            stix: Default::default(),
            pq: Default::default(),
        };
        extra(&mut config);
        config
    }
}

/// A node running inside the test's runtime.
pub struct InProcess {
    pub node: Arc<Node>,
    pub client: Client,
    /// The web console, when the config has `[console]`.
    pub console: Option<Arc<jaring_console::Console<jaring_node::console::NodeConsole>>>,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl InProcess {
    pub async fn start(config: Config) -> InProcess {
        let (stop, rx) = watch::channel(false);
        let socket = config.socket_path();
        add_tester(&config.data_dir, config.agency.as_str());
        let node = Node::start(config, rx.clone()).await.unwrap();
        let run = tokio::spawn(node.clone().run());
        let api = {
            let (node, rx, socket) = (node.clone(), rx.clone(), socket.clone());
            tokio::spawn(async move { api::serve(node, &socket, rx).await })
        };
        let mut tasks = vec![run, api];
        let console = match node.config.console.clone() {
            Some(c) => {
                let listener = jaring_console::serve::bind(&c).await.unwrap();
                let console = Arc::new(jaring_console::Console::new(
                    jaring_node::console::NodeConsole(node.clone()),
                    c,
                ));
                let (console2, rx) = (console.clone(), rx.clone());
                tasks.push(tokio::spawn(async move {
                    jaring_console::serve::serve(console2, listener, rx).await
                }));
                Some(console)
            }
            None => None,
        };
        let client = Client::new(&socket);
        let deadline = Instant::now() + Duration::from_secs(10);
        while client.call("GET", "/v1/status", None).await.is_err() {
            assert!(Instant::now() < deadline, "node API did not come up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        InProcess {
            node,
            client,
            console,
            stop,
            tasks,
        }
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.client.call(method, path, body.as_ref()).await {
            Ok(v) => v,
            Err(e) => panic!("{method} {path}: {e}"),
        }
    }

    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for t in self.tasks {
            let _ = t.await;
        }
    }
}
