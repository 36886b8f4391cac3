//! A hub of three JetStream servers on loopback with replicated (R3) streams, for issue 17's
//! question of whether replication can carry the hub's durability: the same scenarios run
//! against it as against the single server, the streams' replicas set for the nodes to create.
//! Plain TCP and no accounts (as the benchmark's single server): what differs is replication.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use jaring_testkit::NatsServer;

/// The replicas the benchmark's nodes give the streams they create (1 unless a cluster runs).
static REPLICAS: AtomicUsize = AtomicUsize::new(1);

/// The replicas of the streams the benchmark's nodes create.
pub fn replicas() -> usize {
    REPLICAS.load(Ordering::Relaxed)
}

/// Three servers in one cluster, each syncing as `sync_interval` says (JetStream's default
/// when `None`); the streams the nodes create are then R3.
pub struct Cluster {
    /// The servers, in order.
    pub servers: Vec<NatsServer>,
    _dir: tempfile::TempDir,
}

impl Cluster {
    /// Starts the three servers and waits until JetStream answers through the first.
    pub async fn start(sync_interval: Option<&str>) -> Result<Self> {
        let dir = tempfile::tempdir()?;
        // Client ports `port..port + 3`, route ports 2000 above each.
        let port = jaring_testkit::free_block(3, 2000).map_err(|e| anyhow!(e))?;
        let routes: Vec<String> = (0..3)
            .map(|i| format!("nats://127.0.0.1:{}", port + 2000 + i))
            .collect();
        let mut files = Vec::new();
        for i in 0..3u16 {
            let sub = dir.path().join(format!("s{i}"));
            std::fs::create_dir_all(&sub)?;
            let sync = sync_interval
                .map(|s| format!("  sync_interval: {s}\n"))
                .unwrap_or_default();
            let conf = format!(
                "server_name: s{i}\nlisten: 127.0.0.1:{}\njetstream {{\n  store_dir: \"{}\"\n{sync}}}\ncluster {{\n  name: bench\n  listen: 127.0.0.1:{}\n  routes: [{}]\n}}\n",
                port + i,
                sub.join("js").display(),
                port + 2000 + i,
                routes.join(", ")
            );
            let file = sub.join("server.conf");
            std::fs::write(&file, conf)?;
            files.push((file, port + i));
        }
        // Members wait for each other: all are started before any is waited on.
        let handles: Vec<_> = files
            .into_iter()
            .map(|(file, p)| {
                std::thread::spawn(move || NatsServer::builder().config_file(file, p).start())
            })
            .collect();
        let mut servers = Vec::new();
        for h in handles {
            let server = h
                .join()
                .map_err(|_| anyhow!("a cluster member's start panicked"))?
                .context("starting a cluster member")?;
            servers.push(server);
        }
        let cluster = Cluster { servers, _dir: dir };
        // The cluster elects its meta leader before JetStream answers: a stream created
        // earlier is refused.
        let client = async_nats::connect(cluster.url()).await?;
        let js = async_nats::jetstream::new(client);
        let deadline = Instant::now() + Duration::from_secs(60);
        while js.query_account().await.is_err() {
            anyhow::ensure!(
                Instant::now() < deadline,
                "the cluster's JetStream did not come up in 60 s"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        REPLICAS.store(3, Ordering::Relaxed);
        Ok(cluster)
    }

    /// The first server's URL (the client learns the others from it).
    pub fn url(&self) -> String {
        self.servers
            .first()
            .map(NatsServer::url)
            .unwrap_or_default()
    }
}

/// The hub a scenario runs against: one server, or a cluster of three.
pub enum Hub {
    /// One server (R1 streams).
    One(NatsServer),
    /// Three servers (R3 streams).
    Three(Cluster),
}

impl Hub {
    /// Where clients connect.
    pub fn url(&self) -> String {
        match self {
            Hub::One(s) => s.url(),
            Hub::Three(c) => c.url(),
        }
    }
}
