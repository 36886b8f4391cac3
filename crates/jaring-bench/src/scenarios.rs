//! The scenarios. Each returns figures; [`all`] runs them in order on one nats-server.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context, Result};
use async_nats::jetstream::{self, consumer::pull, context::Publish};
use futures::StreamExt;
use jaring_core::directory::Role;
use jaring_core::envelope::{open, Draft, Receiver};
use jaring_core::{
    seal, AgencyId, Body, Directory, Kind, SecretKey, SignedDirectory, Timestamp, Tlp, Trust,
};
use jaring_node::config::{Config, DirectoryConfig, NatsConfig};
use jaring_node::node::SendRequest;
use jaring_node::Node;
use jaring_testkit::{NatsServer, TestNetwork};
use serde_json::{json, Map, Value};
use tokio::sync::watch;

/// How much of each scenario to run.
pub struct Scale {
    crypto: usize,
    transport: usize,
    e2e: usize,
    load_secs: u64,
    fanout_runs: usize,
    fanout_agencies: usize,
    catchup: usize,
    audit_appends: usize,
    audit_verify: usize,
    console: usize,
    console_requests: usize,
    correlate_alerts: usize,
    correlate_trail: usize,
    correlate_requests: usize,
    taxii_alerts: usize,
    taxii_rounds: usize,
    xwing_crypto: usize,
    xwing_e2e: usize,
    burst_referrals: usize,
}

impl Scale {
    /// Small counts, for a smoke run.
    pub fn quick() -> Self {
        Self {
            crypto: 2_000,
            transport: 3_000,
            e2e: 1_000,
            load_secs: 2,
            fanout_runs: 5,
            fanout_agencies: 50,
            catchup: 3_000,
            audit_appends: 5_000,
            audit_verify: 100_000,
            console: 2_000,
            console_requests: 30,
            correlate_alerts: 2_000,
            correlate_trail: 50,
            correlate_requests: 30,
            taxii_alerts: 20,
            taxii_rounds: 1,
            xwing_crypto: 200,
            xwing_e2e: 500,
            burst_referrals: 100,
        }
    }

    /// The counts the figures in docs/performance.md come from.
    pub fn full() -> Self {
        Self {
            crypto: 20_000,
            transport: 50_000,
            e2e: 10_000,
            load_secs: 10,
            fanout_runs: 30,
            fanout_agencies: 50,
            catchup: 100_000,
            audit_appends: 100_000,
            audit_verify: 1_000_000,
            console: 100_000,
            console_requests: 300,
            correlate_alerts: 50_000,
            correlate_trail: 200,
            correlate_requests: 300,
            taxii_alerts: 100,
            taxii_rounds: 5,
            xwing_crypto: 5_000,
            xwing_e2e: 5_000,
            burst_referrals: 5_000,
        }
    }
}

pub(crate) fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64().max(1e-9)
}

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// p50, p99, p99.9 and max of sorted samples, as `{name}_{p}_ms{suffix}` keys.
pub(crate) fn insert_percentiles(
    m: &mut Map<String, Value>,
    name: &str,
    suffix: &str,
    sorted: &[f64],
) {
    for (p, fraction) in [("p50", 0.50), ("p99", 0.99), ("p99_9", 0.999)] {
        m.insert(
            format!("{name}_{p}_ms{suffix}"),
            json!(percentile(sorted, fraction)),
        );
    }
    m.insert(
        format!("{name}_max_ms{suffix}"),
        json!(sorted.last().copied().unwrap_or(f64::NAN)),
    );
}

/// A compound-relocation alert body of about 1 KiB.
pub(crate) fn alert_1k() -> Value {
    let mut body = json!({
        "compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
        "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
        "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.68},
        "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "B", "info_credibility": "2",
        "estimated_persons": 350, "nationalities": ["ID", "PH", "VN"],
        "indicators": [{"type": "domain", "value": "gf-invest.example"}],
        "narrative": ""
    });
    let base = body.to_string().len();
    body["narrative"] = "x".repeat(1024usize.saturating_sub(base)).into();
    body
}

fn members(n: usize) -> Vec<(String, Role)> {
    let mut m = vec![("TH-RTP".to_owned(), Role::LawEnforcement)];
    m.extend((1..=n).map(|i| (format!("ID-N{i:03}"), Role::Consular)));
    m
}

pub(crate) fn network(dir: &Path, receivers: usize) -> Result<TestNetwork> {
    network_of(dir, receivers, false)
}

/// TH-RTP and `receivers` consulates; with `pq`, every key has an X-Wing half (spec §8).
pub(crate) fn network_of(dir: &Path, receivers: usize, pq: bool) -> Result<TestNetwork> {
    let m = members(receivers);
    let refs: Vec<(&str, Role)> = m.iter().map(|(a, r)| (a.as_str(), *r)).collect();
    let with_pq: Vec<&str> = match pq {
        true => refs.iter().map(|(a, _)| *a).collect(),
        false => Vec::new(),
    };
    TestNetwork::create_with_pq(dir, &refs, &with_pq).map_err(|e| anyhow!(e))
}

pub(crate) fn verified_directory(net: &TestNetwork) -> Result<Directory> {
    let trust = Trust::load(&net.trust_file())?;
    Ok(SignedDirectory::load(&net.directory_file())?.verify(&trust, Timestamp::now())?)
}

pub(crate) fn node_config(net: &TestNetwork, id: &str, url: &str) -> Result<Config> {
    Ok(Config {
        agency: AgencyId::parse(id)?,
        key_file: net.key_file(id),
        trust_file: net.trust_file(),
        data_dir: net.dir.join("nodes").join(id),
        subject_prefix: "rso".into(),
        directory: DirectoryConfig {
            file: Some(net.directory_file()),
            kv_bucket: None,
            ..Default::default()
        },
        nats: NatsConfig {
            servers: vec![url.to_owned()],
            ..Default::default()
        },
        api: Default::default(),
        streams: jaring_node::config::StreamsConfig {
            replicas: crate::cluster::replicas(),
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
    })
}

/// The account running the benchmark as a user of the node with every role: the API serves
/// nobody else.
pub(crate) fn bench_user(config: &Config) -> Result<jaring_api::users::User> {
    Ok(jaring_node::accounts::add_this_account(
        &config.data_dir,
        config.agency.clone(),
        "bench",
        jaring_api::Roles::new(jaring_api::Role::ALL.to_vec()),
        "benchmark",
    )?)
}

/// Seal plus open, and open alone, of a 1 KiB alert to one recipient, on one core.
fn crypto(n: usize) -> Result<(f64, f64, f64)> {
    let tmp = tempfile::tempdir()?;
    let net = network(tmp.path(), 1)?;
    let directory = verified_directory(&net)?;
    let th = net.secret_key("TH-RTP");
    let me = AgencyId::parse("ID-N001")?;
    let id_key = net.secret_key("ID-N001");
    let keys = jaring_core::keys::OpeningKeys::from(id_key);
    let receiver = Receiver {
        me: &me,
        keys: &keys,
        directory: &directory,
    };
    let draft = Draft {
        body: Body::new(Kind::CompoundRelocationAlert, alert_1k(), &[])?,
        tlp: Tlp::Amber,
        refs: vec![],
        expires_at: None,
        to: vec![me.clone()],
    };
    let now = Timestamp::now();
    let t = Instant::now();
    for _ in 0..n {
        let sealed = seal(&th, &directory, draft.clone(), now)?;
        open(&sealed.bytes, &receiver, now)?;
    }
    let seal_open = rate(n, t.elapsed());
    let sealed: Vec<Vec<u8>> = (0..n)
        .map(|_| seal(&th, &directory, draft.clone(), now).map(|s| s.bytes))
        .collect::<Result<_, _>>()?;
    let t = Instant::now();
    for bytes in &sealed {
        open(bytes, &receiver, now)?;
    }
    let one_core = rate(n, t.elapsed());
    // The same opens spread over every core: the ceiling of anything that opens in parallel
    // (two virtual cores rarely give twice one).
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let t = Instant::now();
    let opened: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = sealed
            .chunks(n.div_ceil(cores).max(1))
            .map(|part| {
                let receiver = &receiver;
                scope.spawn(move || {
                    part.iter()
                        .filter(|bytes| open(bytes, receiver, now).is_ok())
                        .count()
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).sum()
    });
    let every_core = rate(opened, t.elapsed());
    Ok((seal_open, one_core, every_core))
}

/// Raw JetStream: publish with ack (pipelined), then pull-consume and ack, of envelope-sized
/// payloads. Returns (publish rate, consume rate).
async fn transport(url: &str, n: usize, size: usize) -> Result<(f64, f64)> {
    let js = jetstream::new(async_nats::connect(url).await?);
    let stream = js
        .create_stream(jetstream::stream::Config {
            name: "BENCH".into(),
            subjects: vec!["bench.>".into()],
            storage: jetstream::stream::StorageType::File,
            ..Default::default()
        })
        .await?;
    let payload = bytes_of(size);
    let t = Instant::now();
    let mut inflight = std::collections::VecDeque::new();
    for i in 0..n {
        let publish = Publish::build()
            .payload(payload.clone())
            .message_id(format!("bench-{i}"));
        inflight.push_back(js.send_publish("bench.x.y", publish).await?);
        if inflight.len() >= 256 {
            if let Some(ack) = inflight.pop_front() {
                ack.await?;
            }
        }
    }
    for ack in inflight {
        ack.await?;
    }
    let published = rate(n, t.elapsed());
    let consumer = stream
        .create_consumer(pull::Config {
            durable_name: Some("bench".into()),
            ..Default::default()
        })
        .await?;
    let t = Instant::now();
    let mut got = 0;
    while got < n {
        let mut batch = consumer
            .fetch()
            .max_messages(256)
            .expires(Duration::from_secs(1))
            .messages()
            .await?;
        while let Some(m) = batch.next().await {
            m.map_err(|e| anyhow!(e))?
                .ack()
                .await
                .map_err(|e| anyhow!(e))?;
            got += 1;
        }
    }
    let consumed = rate(n, t.elapsed());
    js.delete_stream("BENCH").await?;
    Ok((published, consumed))
}

fn bytes_of(size: usize) -> bytes::Bytes {
    bytes::Bytes::from(vec![b'x'; size])
}

/// A node in its own process (this binary, `node --config`), so that its memory is its own.
pub(crate) struct ChildNode {
    child: std::process::Child,
    pub(crate) client: jaring_node::client::Client,
}

impl ChildNode {
    pub(crate) async fn start(config: &Config, dir: &Path) -> Result<Self> {
        let path = dir.join(format!("{}.toml", config.agency));
        std::fs::write(&path, toml_of(config)?)?;
        bench_user(config)?;
        let log = std::fs::File::create(dir.join(format!("{}.log", config.agency)))?;
        let child = std::process::Command::new(std::env::current_exe()?)
            .args(["node", "--config"])
            .arg(&path)
            .env("JARING_LOG", "warn")
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        let client = jaring_node::client::Client::new(&config.socket_path());
        let deadline = Instant::now() + Duration::from_secs(30);
        while client.call("GET", "/v1/status", None).await.is_err() {
            if Instant::now() > deadline {
                return Err(anyhow!("node {} did not start", config.agency));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(Self { child, client })
    }

    fn rss_mib(&self) -> f64 {
        rss_mib_of(self.child.id())
    }

    async fn received(&self) -> i64 {
        self.client
            .call("GET", "/v1/status", None)
            .await
            .ok()
            .and_then(|s| s["counts"]["received"].as_i64())
            .unwrap_or(0)
    }
}

impl Drop for ChildNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn toml_of(config: &Config) -> Result<String> {
    Ok(toml::to_string(config)?)
}

/// TH-RTP and ID-N001 of a fresh network (every key with an X-Wing half when `pq`), each node
/// in its own process, started and settled; and the 1 KiB alert the one posts to the other.
struct Pair {
    sender: ChildNode,
    receiver: ChildNode,
    post: Value,
    /// Dropped last, after both nodes are stopped.
    _tmp: tempfile::TempDir,
}

async fn pair(url: &str, pq: bool) -> Result<Pair> {
    let tmp = tempfile::tempdir()?;
    let net = network_of(tmp.path(), 1, pq)?;
    let sender = ChildNode::start(&node_config(&net, "TH-RTP", url)?, tmp.path()).await?;
    let receiver = ChildNode::start(&node_config(&net, "ID-N001", url)?, tmp.path()).await?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    Ok(Pair {
        sender,
        receiver,
        post: json!({"kind": "compound-relocation-alert", "to": ["ID-N001"], "body": alert_1k()}),
        _tmp: tmp,
    })
}

/// Concurrent callers posting in the sustained part of [`end_to_end`], unless asked otherwise.
pub const CALLERS: usize = 32;

/// Jaring end to end: sustained throughput of alerts from one node until stored and audited at
/// another (`callers` posting at once), latency percentiles at a fixed offered load of
/// 1,000/s, and the receiver's memory.
pub async fn end_to_end(
    url: &str,
    n: usize,
    load_secs: u64,
    callers: usize,
) -> Result<Map<String, Value>> {
    let pair = pair(url, false).await?;
    let (sender, receiver, post) = (&pair.sender, &pair.receiver, &pair.post);
    let rss_idle = receiver.rss_mib();
    let peak = Arc::new(std::sync::Mutex::new(rss_idle));
    let sustained = sustain(sender, receiver, post, n, callers, &peak).await;
    // Let the work the sustained burst leaves behind (receipts for every message, audit
    // copies, checkpoints) finish: the latencies below are those of a steady 1,000/s.
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Latency at a fixed offered load: 35% of the rate just sustained (comparable between
    // machines), then 1,000 messages per second (the absolute target).
    let at_35 = (sustained * 0.35).max(1.0);
    let (mut latencies_35, _) = fixed_load(sender, receiver, post, at_35, load_secs, &peak).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (mut latencies, mut posting) =
        fixed_load(sender, receiver, post, 1000.0, load_secs, &peak).await?;
    latencies_35.sort_by(f64::total_cmp);
    latencies.sort_by(f64::total_cmp);
    posting.sort_by(f64::total_cmp);
    let rss_loaded = peak
        .lock()
        .map(|p| p.max(receiver.rss_mib()))
        .unwrap_or(f64::NAN);
    drop(pair);
    let mut m = Map::new();
    m.insert("e2e_msgs_per_s".into(), json!(sustained));
    insert_percentiles(&mut m, "e2e", "_at_1000", &latencies);
    insert_percentiles(&mut m, "e2e_post", "_at_1000", &posting);
    insert_percentiles(&mut m, "e2e", "_at_35pct", &latencies_35);
    m.insert("e2e_35pct_offered_msgs_per_s".into(), json!(at_35));
    m.insert("e2e_latency_samples".into(), json!(latencies.len()));
    m.insert("rss_idle_mib".into(), json!(rss_idle));
    m.insert("rss_loaded_mib".into(), json!(rss_loaded));
    Ok(m)
}

/// As fast as `callers` concurrent callers can post `n` copies of `post` to `sender`, until
/// `receiver` has stored them all: the sustained rate (msg/s). `peak` follows the receiver's
/// memory. More callers than the rate needs show whether a caller's wait (its answer comes
/// after the hub's acknowledgement) is what bounds the rate.
async fn sustain(
    sender: &ChildNode,
    receiver: &ChildNode,
    post: &Value,
    n: usize,
    callers: usize,
    peak: &Arc<std::sync::Mutex<f64>>,
) -> f64 {
    let t = Instant::now();
    let (width, mut callers) = (callers.max(1), tokio::task::JoinSet::new());
    for w in 0..width {
        let (client, post) = (sender.client.clone(), post.clone());
        callers.spawn(async move {
            for _ in (w..n).step_by(width) {
                let _ = client.call("POST", "/v1/messages", Some(&post)).await;
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(600);
    while (receiver.received().await as usize) < n && Instant::now() < deadline {
        if let Ok(mut p) = peak.lock() {
            *p = p.max(receiver.rss_mib());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sustained = rate(n, t.elapsed());
    while callers.join_next().await.is_some() {}
    sustained
}

/// The sustained end-to-end rate alone (msg/s), between two nodes of a fresh network whose
/// keys all have X-Wing halves when `pq` is set: what the post-quantum wrap costs end to end.
pub(crate) async fn e2e_sustained(url: &str, n: usize, pq: bool) -> Result<f64> {
    let p = pair(url, pq).await?;
    let peak = Arc::new(std::sync::Mutex::new(0.0));
    let sustained = sustain(&p.sender, &p.receiver, &p.post, n, CALLERS, &peak).await;
    let stored = p.receiver.received().await;
    anyhow::ensure!(
        stored as usize >= n,
        "the receiver stored {stored} of {n} messages"
    );
    Ok(sustained)
}

/// Posts at `per_s` for `secs` and follows the receiver: for each message, posted → stored at
/// the receiver, and posted → the sender's answer (sealed, stored, published), in ms.
async fn fixed_load(
    sender: &ChildNode,
    receiver: &ChildNode,
    post: &Value,
    per_s: f64,
    secs: u64,
    peak: &Arc<std::sync::Mutex<f64>>,
) -> Result<(Vec<f64>, Vec<f64>)> {
    let arrivals: Arc<std::sync::Mutex<HashMap<String, Instant>>> = Arc::default();
    let follower = {
        let (client, arrivals) = (receiver.client.clone(), arrivals.clone());
        tokio::spawn(async move {
            let _ = client
                .follow(None, |e| {
                    if let Ok(mut a) = arrivals.lock() {
                        a.insert(e.id, Instant::now());
                    }
                })
                .await;
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Arc<std::sync::Mutex<Vec<(String, Instant, Instant)>>> = Arc::default();
    let mut ticker = tokio::time::interval(Duration::from_secs_f64(1.0 / per_s));
    let mut posts = tokio::task::JoinSet::new();
    let total = ((secs as f64) * per_s).round().max(1.0) as usize;
    for _ in 0..total {
        ticker.tick().await;
        let (client, post, sent) = (sender.client.clone(), post.clone(), sent.clone());
        posts.spawn(async move {
            let at = Instant::now();
            if let Ok(r) = client.call("POST", "/v1/messages", Some(&post)).await {
                if let (Some(id), Ok(mut s)) = (r["id"].as_str(), sent.lock()) {
                    s.push((id.to_owned(), at, Instant::now()));
                }
            }
        });
        if let Ok(mut p) = peak.lock() {
            if posts.len() % 100 == 0 {
                *p = p.max(receiver.rss_mib());
            }
        }
    }
    while posts.join_next().await.is_some() {}
    let wait = Instant::now() + Duration::from_secs(120);
    loop {
        let done = arrivals.lock().map(|a| a.len()).unwrap_or(0)
            >= sent.lock().map(|s| s.len()).unwrap_or(0);
        if done || Instant::now() > wait {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    follower.abort();
    let ms =
        |later: Instant, earlier: Instant| later.duration_since(earlier).as_secs_f64() * 1000.0;
    let a = arrivals.lock().map_err(|_| anyhow!("lock"))?;
    let s = sent.lock().map_err(|_| anyhow!("lock"))?;
    Ok((
        s.iter()
            .filter_map(|(id, at, _)| a.get(id).map(|t| ms(*t, *at)))
            .collect(),
        s.iter()
            .map(|(_, at, answered)| ms(*answered, *at))
            .collect(),
    ))
}

/// In-process nodes for the fan-out and catch-up scenarios.
pub(crate) struct InProcess {
    pub(crate) node: Arc<Node>,
    user: jaring_api::users::User,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<Result<()>>,
}

impl InProcess {
    pub(crate) async fn start(config: Config) -> Result<Self> {
        let (stop, rx) = watch::channel(false);
        let user = bench_user(&config)?;
        let node = Node::start(config, rx).await?;
        let task = tokio::spawn(node.clone().run());
        Ok(Self {
            node,
            user,
            stop,
            task,
        })
    }

    pub(crate) async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// One alert to every agency (published once, on `ALL`): time until all have stored it.
async fn fanout(url: &str, agencies: usize, runs: usize) -> Result<Vec<f64>> {
    let tmp = tempfile::tempdir()?;
    let net = network(tmp.path(), agencies)?;
    let sender = InProcess::start(node_config(&net, "TH-RTP", url)?).await?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let mut receivers = Vec::new();
    for (id, _) in members(agencies).into_iter().skip(1) {
        let r = InProcess::start(node_config(&net, &id, url)?).await?;
        let mut events = r.node.events.subscribe();
        let tx = tx.clone();
        tokio::spawn(async move {
            while let Ok(e) = events.recv().await {
                let _ = tx.send(e.id);
            }
        });
        receivers.push(r);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut times = Vec::new();
    for _ in 0..runs {
        let req: SendRequest = serde_json::from_value(
            json!({"kind": "compound-relocation-alert", "to_all": true, "body": alert_1k()}),
        )?;
        let t = Instant::now();
        let sent = sender
            .node
            .send(req, &sender.user)
            .await
            .map_err(|e| anyhow!(e.to_string()))?;
        let id = sent.id;
        let mut seen = 0;
        while seen < agencies {
            match tokio::time::timeout(Duration::from_secs(30), rx.recv()).await {
                Ok(Some(got)) if got == id => seen += 1,
                Ok(Some(_)) => {}
                _ => {
                    return Err(anyhow!(
                        "fan-out: only {seen} of {agencies} stored the alert"
                    ))
                }
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    times.sort_by(f64::total_cmp);
    sender.shutdown().await;
    for r in receivers {
        r.shutdown().await;
    }
    Ok(times)
}

/// An offline node's backlog of `n` alerts, already in the stream: messages per second drained.
/// Publishes `n` alerts from TH-RTP to `me` (every `referral_every`th a victim referral
/// instead, when not 0), as a backlog waiting in `me`'s consumers.
pub(crate) async fn backlog(
    js: &jetstream::Context,
    th: &SecretKey,
    directory: &Directory,
    me: &AgencyId,
    n: usize,
    referral_every: usize,
) -> Result<()> {
    let alert = Body::new(Kind::CompoundRelocationAlert, alert_1k(), &[])?;
    let referral = Body::new(Kind::VictimReferral, referral_body(), &[])?;
    let mut inflight = std::collections::VecDeque::new();
    for i in 0..n {
        let is_referral = referral_every > 0 && i % referral_every == 0;
        let draft = Draft {
            body: if is_referral {
                referral.clone()
            } else {
                alert.clone()
            },
            tlp: if is_referral { Tlp::Red } else { Tlp::Amber },
            refs: vec![],
            expires_at: None,
            to: vec![me.clone()],
        };
        let sealed = seal(th, directory, draft, Timestamp::now())?;
        let msg_id = format!("{}.{me}", sealed.header.id);
        let publish = Publish::build()
            .payload(sealed.bytes.into())
            .message_id(msg_id);
        let family = if is_referral { "referral" } else { "alert" };
        inflight.push_back(
            js.send_publish(format!("rso.v1.{family}.TH-RTP.{me}"), publish)
                .await?,
        );
        if inflight.len() >= 256 {
            if let Some(a) = inflight.pop_front() {
                a.await?;
            }
        }
    }
    for a in inflight {
        a.await?;
    }
    Ok(())
}

/// A victim referral body, as a caseworker sends it.
pub(crate) fn referral_body() -> Value {
    json!({
        "case_ref": "RTP-2026-0042", "nationality": "ID", "identified_at": "2026-11-21T09:30:00Z",
        "location": {"country": "TH", "name": "Mae Sot"},
        "consent": {"given": true, "scope": ["share-with-consulate"]},
        "needs": ["medical", "repatriation"], "non_punishment": true, "risk": "high"
    })
}

/// The resident memory of process `pid`, in MiB (`/proc`).
pub(crate) fn rss_mib_of(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map(|kib| kib / 1024.0)
        .unwrap_or(f64::NAN)
}

/// A fresh test network seen from one sender (TH-RTP, its key) and one receiving node
/// (ID-N001): where the single-receiver scenarios (catch-up, console, TAXII feed) start.
pub(crate) struct OneReceiver {
    /// Holds the network's files for as long as the scenario runs.
    pub(crate) _tmp: tempfile::TempDir,
    /// The receiving node's configuration.
    pub(crate) config: Config,
    pub(crate) directory: Directory,
    pub(crate) th: SecretKey,
    pub(crate) me: AgencyId,
    pub(crate) js: jetstream::Context,
}

/// A [`OneReceiver`], connected to JetStream at `url`.
pub(crate) async fn one_receiver(url: &str) -> Result<OneReceiver> {
    let tmp = tempfile::tempdir()?;
    let net = network(tmp.path(), 1)?;
    let directory = verified_directory(&net)?;
    Ok(OneReceiver {
        th: net.secret_key("TH-RTP"),
        me: AgencyId::parse("ID-N001")?,
        js: jetstream::new(async_nats::connect(url).await?),
        config: node_config(&net, "ID-N001", url)?,
        _tmp: tmp,
        directory,
    })
}

/// Counts messages a node stores, from its event stream, until `n` or until `limit` passes
/// (or 30 s pass without one).
pub(crate) async fn count_stored(
    events: &mut tokio::sync::broadcast::Receiver<jaring_api::messages::FollowEvent>,
    n: usize,
    limit: Duration,
) -> usize {
    let mut stored = 0usize;
    let deadline = Instant::now() + limit;
    while stored < n && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(30), events.recv()).await {
            Ok(Ok(_)) => stored += 1,
            Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(missed))) => {
                stored += missed as usize
            }
            _ => break,
        }
    }
    stored
}

/// Catch-up of `n` alerts by a node that went down; `stix`: the node turns alerts into STIX
/// objects as it stores them (a node serving a TAXII feed).
pub async fn catchup(url: &str, n: usize, stix: bool) -> Result<f64> {
    let OneReceiver {
        _tmp,
        mut config,
        directory,
        th,
        me,
        js,
    } = one_receiver(url).await?;
    // The node was up before it went down: the streams and its consumers exist (on a hub,
    // `jaring hub provision` made them), and the backlog waits in its consumer.
    config.stix.derive = stix;
    jaring_node::nats::ensure_consumers(&js, &config).await?;
    backlog(&js, &th, &directory, &me, n, 0).await?;
    // Count what the node stores from its own event stream: polling the store would compete
    // with the node for it.
    let t = Instant::now();
    let (stop, rx) = watch::channel(false);
    let node = Node::start(config, rx).await?;
    let mut events = node.events.subscribe();
    let task = tokio::spawn(node.clone().run());
    let stored = count_stored(&mut events, n, Duration::from_secs(1800)).await;
    let drained = rate(stored, t.elapsed());
    let _ = stop.send(true);
    let _ = task.await;
    Ok(drained)
}

/// Audit appends with durability (the node's path: entries in a SQLite transaction, then the
/// file appended and synced, in groups of 256), and verification of a large log.
fn audit(appends: usize, verify_entries: usize) -> Result<(f64, f64, usize, f64)> {
    use jaring_node::store::{AuditEntry, Store};
    let tmp = tempfile::tempdir()?;
    let me = AgencyId::parse("ID-N001")?;
    let store = Store::open(&tmp.path().join("jaring.db"), me.clone())?;
    let file = jaring_node::audit_file::AuditFile::open(
        &tmp.path().join("audit.jsonl"),
        &store,
        me.as_str(),
    )?;
    let t = Instant::now();
    let mut done = 0;
    while done < appends {
        let batch = 256.min(appends - done);
        store.transaction(|tx, agency| {
            for _ in 0..batch {
                Store::audit(
                    tx,
                    agency,
                    AuditEntry {
                        detail: json!({"kind": "compound-relocation-alert"}),
                        ..AuditEntry::event("received")
                    },
                )?;
            }
            Ok(())
        })?;
        file.flush(&store)?;
        done += batch;
    }
    let append_rate = rate(appends, t.elapsed());

    // A chained log like a node's, written to disk, then verified from the file.
    let path = tmp.path().join("big.jsonl");
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut prev: Option<String> = None;
        for i in 0..verify_entries {
            let line = json!({"seq": i, "at": "2026-11-25T09:00:00.000Z", "agency": "ID-N001", "event": "received",
                "message": "01a211d3-bd17-76e6-823e-947705ee1a8a", "peer": "TH-RTP",
                "digest": "tpPVi51B9EIoz9avWvhv6zjwfQNvNBbXSAKr-gyTtq8", "detail": {"kind": "compound-relocation-alert"}, "prev": prev})
            .to_string();
            prev = Some(jaring_core::b64::encode(&jaring_audit::merkle::leaf_hash(
                line.as_bytes(),
            )));
            w.write_all(line.as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    let t = Instant::now();
    let bytes = std::fs::read(&path)?;
    let verified = jaring_audit::log::verify(&bytes).map_err(|e| anyhow!(e))?;
    let _root = verified.root();
    let secs = t.elapsed().as_secs_f64();
    let floor = hash_floor(&bytes);
    let per_1m = |s: f64| s * 1_000_000.0 / verify_entries as f64;
    Ok((append_rate, per_1m(secs), verify_entries, per_1m(floor)))
}

/// The floor under verifying a log: the SHA-256 leaf hash of every line and the node hashes
/// up to the root (RFC 9162), on every core, with no parsing at all. Seconds.
fn hash_floor(log: &[u8]) -> f64 {
    use jaring_audit::merkle::{leaf_hash, node_hash};
    let t = Instant::now();
    let lines: Vec<&[u8]> = log
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let chunk = lines.len().div_ceil(cores).max(1);
    let mut level: Vec<jaring_audit::Hash> = std::thread::scope(|scope| {
        let parts: Vec<_> = lines
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|l| leaf_hash(l)).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    // Each level pairs neighbours (an odd last one is carried up, as RFC 9162's split at the
    // largest power of two gives for the hash count); the levels in parallel halves.
    while level.len() > 1 {
        let chunk = level.len().div_ceil(cores).max(2).next_multiple_of(2);
        level = std::thread::scope(|scope| {
            let parts: Vec<_> = level
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.chunks(2)
                            .map(|p| match p {
                                [l, r] => node_hash(l, r),
                                [one] => *one,
                                _ => jaring_audit::merkle::empty_root(),
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
    }
    std::hint::black_box(level);
    t.elapsed().as_secs_f64()
}

/// The scenarios that go through a hub: transport floor, end to end, fan-out, catch-up, on
/// nats-servers whose JetStream syncs at `sync` (`None`: the server's default); every key
/// prefixed with `prefix`.
async fn network_scenarios(
    scale: &Scale,
    sync: Option<&str>,
    prefix: &str,
) -> Result<Map<String, Value>> {
    let label = sync.unwrap_or("default");
    let start = || {
        let mut b = NatsServer::builder();
        if let Some(s) = sync {
            b = b.sync_interval(s);
        }
        b.start().context("starting nats-server")
    };
    let mut f = Map::new();
    let server = start()?;
    let url = server.url();
    eprintln!("[sync {label}] transport floor ...");
    let size = {
        let tmp = tempfile::tempdir()?;
        let net = network(tmp.path(), 1)?;
        let d = verified_directory(&net)?;
        let draft = Draft {
            body: Body::new(Kind::CompoundRelocationAlert, alert_1k(), &[])?,
            tlp: Tlp::Amber,
            refs: vec![],
            expires_at: None,
            to: vec![AgencyId::parse("ID-N001")?],
        };
        seal(&net.secret_key("TH-RTP"), &d, draft, Timestamp::now())?
            .bytes
            .len()
    };
    let (publish, consume) = transport(&url, scale.transport, size).await?;
    f.insert("transport_publish_msgs_per_s".into(), json!(publish));
    f.insert("transport_consume_msgs_per_s".into(), json!(consume));
    f.insert(
        "transport_floor_msgs_per_s".into(),
        json!(publish.min(consume)),
    );
    f.insert("envelope_bytes".into(), json!(size));

    eprintln!("[sync {label}] end to end ...");
    f.extend(end_to_end(&url, scale.e2e, scale.load_secs, CALLERS).await?);
    eprintln!(
        "[sync {label}] fan-out to {} agencies ...",
        scale.fanout_agencies
    );
    let times = fanout(&url, scale.fanout_agencies, scale.fanout_runs).await?;
    insert_percentiles(&mut f, "fanout50", "", &times);
    drop(server);

    // Catch-up on a fresh server, so the earlier scenarios' streams do not weigh on it.
    let server = start()?;
    eprintln!("[sync {label}] catch-up of {} messages ...", scale.catchup);
    let drained = catchup(&server.url(), scale.catchup, false).await?;
    f.insert("catchup_msgs_per_s".into(), json!(drained));
    drop(server);

    // The burst on a fresh server too: one liaison's script, referrals to ten agencies.
    let server = start()?;
    eprintln!(
        "[sync {label}] a burst of {} referrals to {} agencies ...",
        scale.burst_referrals,
        crate::burst::RECIPIENTS
    );
    f.extend(
        crate::burst::burst(
            &server.url(),
            scale.burst_referrals,
            1,
            crate::burst::RECIPIENTS,
            false,
        )
        .await?,
    );
    drop(server);
    Ok(f.into_iter()
        .map(|(k, v)| (format!("{prefix}{k}"), v))
        .collect())
}

/// Every scenario, in order; the figures as one flat JSON object.
pub async fn all(scale: &Scale) -> Result<Map<String, Value>> {
    let mut f = Map::new();
    eprintln!("crypto floor ...");
    let (crypto_floor, open_floor, open_every_core) = tokio::task::spawn_blocking({
        let n = scale.crypto;
        move || crypto(n)
    })
    .await??;
    f.insert("crypto_floor_msgs_per_s".into(), json!(crypto_floor));
    f.insert("open_floor_msgs_per_s".into(), json!(open_floor));
    f.insert("open_every_core_msgs_per_s".into(), json!(open_every_core));

    // The hub as jaring ships it (every write synced before it is acknowledged), then, for
    // comparison only, JetStream's default periodic sync, with its keys prefixed
    // `default_sync_`.
    f.insert(
        "hub_sync_interval".into(),
        json!(jaring_bus::HUB_SYNC_INTERVAL),
    );
    f.extend(network_scenarios(scale, Some(jaring_bus::HUB_SYNC_INTERVAL), "").await?);
    f.extend(network_scenarios(scale, None, "default_sync_").await?);

    eprintln!("audit ...");
    let (appends, verify_1m, entries, hash_floor_1m) = tokio::task::spawn_blocking({
        let (a, v) = (scale.audit_appends, scale.audit_verify);
        move || audit(a, v)
    })
    .await??;
    f.insert("audit_append_per_s".into(), json!(appends));
    f.insert("audit_verify_1m_s".into(), json!(verify_1m));
    f.insert("audit_verify_entries_measured".into(), json!(entries));
    f.insert("audit_hash_floor_1m_s".into(), json!(hash_floor_1m));
    f.insert(
        "ratio_audit_verify_hash_floor".into(),
        json!(hash_floor_1m / verify_1m),
    );

    eprintln!("console over {} messages ...", scale.console);
    {
        let server = NatsServer::builder()
            .sync_interval(jaring_bus::HUB_SYNC_INTERVAL)
            .start()
            .context("starting nats-server")?;
        f.extend(
            crate::console::console(&server.url(), scale.console, scale.console_requests).await?,
        );
    }

    eprintln!("correlation over {} alerts ...", scale.correlate_alerts);
    f.extend(crate::correlate::correlate(
        scale.correlate_alerts,
        scale.correlate_trail,
        scale.correlate_requests,
    )?);

    eprintln!(
        "the TAXII feed beside medallion, {} alerts ...",
        scale.taxii_alerts
    );
    {
        let server = NatsServer::builder()
            .sync_interval(jaring_bus::HUB_SYNC_INTERVAL)
            .start()
            .context("starting nats-server")?;
        f.extend(crate::taxii::taxii(&server.url(), scale.taxii_alerts, scale.taxii_rounds).await?);
    }

    eprintln!("the X-Wing key wrap ...");
    f.extend(
        tokio::task::spawn_blocking({
            let n = scale.xwing_crypto;
            move || crate::xwing::crypto(n)
        })
        .await??,
    );
    f.extend(crate::xwing::end_to_end(scale.xwing_e2e).await?);

    let get = |k: &str| f.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
    let (e2e, crypto_f, transport_f, catch, open_f, open_all) = (
        get("e2e_msgs_per_s"),
        get("crypto_floor_msgs_per_s"),
        get("transport_floor_msgs_per_s"),
        get("catchup_msgs_per_s"),
        get("open_floor_msgs_per_s"),
        get("open_every_core_msgs_per_s"),
    );
    let default_e2e = get("default_sync_e2e_msgs_per_s");
    f.insert("ratio_e2e_crypto".into(), json!(e2e / crypto_f));
    f.insert(
        "default_sync_ratio_e2e_crypto".into(),
        json!(default_e2e / crypto_f),
    );
    f.insert("ratio_e2e_transport".into(), json!(e2e / transport_f));
    f.insert("ratio_catchup_open".into(), json!(catch / open_f));
    f.insert(
        "ratio_catchup_open_every_core".into(),
        json!(catch / open_all),
    );
    f.insert(
        "cores".into(),
        json!(std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)),
    );
    Ok(f)
}

/// Prints the figures as a table a person can read, with the targets beside them: the hub
/// as shipped (`sync_interval: always`), and JetStream's default periodic sync where the
/// scenario goes through the hub.
pub fn print_table(f: &Map<String, Value>) {
    let rows: &[(&str, &str, &str)] = &[
        (
            "crypto_floor_msgs_per_s",
            "crypto floor: seal+open, 1 core (msg/s)",
            "",
        ),
        (
            "open_floor_msgs_per_s",
            "open floor: verify+unwrap+decrypt, 1 core (msg/s)",
            "",
        ),
        (
            "open_every_core_msgs_per_s",
            "open on every core at once (msg/s)",
            "",
        ),
        (
            "x25519_seal_per_s",
            "X25519 seal, 1 recipient, 1 core (msg/s)",
            "",
        ),
        (
            "xwing_seal_per_s",
            "X-Wing seal, 1 recipient, 1 core (msg/s)",
            "",
        ),
        ("x25519_open_per_s", "X25519 open, 1 core (msg/s)", ""),
        ("xwing_open_per_s", "X-Wing open, 1 core (msg/s)", ""),
        (
            "x25519_envelope_bytes_1",
            "envelope, 1 KiB alert, 1 X25519 recipient (bytes)",
            "",
        ),
        (
            "xwing_envelope_bytes_1",
            "envelope, 1 KiB alert, 1 X-Wing recipient (bytes)",
            "",
        ),
        (
            "x25519_envelope_bytes_50",
            "envelope, 1 KiB alert, 50 X25519 recipients (bytes)",
            "",
        ),
        (
            "xwing_envelope_bytes_50",
            "envelope, 1 KiB alert, 50 X-Wing recipients (bytes)",
            "",
        ),
        (
            "transport_floor_msgs_per_s",
            "transport floor: JetStream publish/consume (msg/s)",
            "",
        ),
        (
            "e2e_msgs_per_s",
            "end to end, sustained (msg/s)",
            ">= 50% of crypto floor",
        ),
        (
            "e2e_35pct_offered_msgs_per_s",
            "offered load at 35% of sustained (msg/s)",
            "",
        ),
        ("e2e_p50_ms_at_35pct", "end to end p50 at 35% (ms)", ""),
        ("e2e_p99_ms_at_35pct", "end to end p99 at 35% (ms)", ""),
        ("e2e_p99_9_ms_at_35pct", "end to end p99.9 at 35% (ms)", ""),
        ("e2e_max_ms_at_35pct", "end to end max at 35% (ms)", ""),
        (
            "e2e_p50_ms_at_1000",
            "end to end p50 at 1,000 msg/s (ms)",
            "",
        ),
        (
            "e2e_p99_ms_at_1000",
            "end to end p99 at 1,000 msg/s (ms)",
            "< 10",
        ),
        (
            "e2e_p99_9_ms_at_1000",
            "end to end p99.9 at 1,000 msg/s (ms)",
            "",
        ),
        (
            "e2e_max_ms_at_1000",
            "end to end max at 1,000 msg/s (ms)",
            "",
        ),
        ("fanout50_p50_ms", "fan-out to 50 agencies, p50 (ms)", ""),
        (
            "fanout50_p99_ms",
            "fan-out to 50 agencies, p99 (ms)",
            "< 100",
        ),
        (
            "fanout50_p99_9_ms",
            "fan-out to 50 agencies, p99.9 (ms)",
            "",
        ),
        ("fanout50_max_ms", "fan-out to 50 agencies, max (ms)", ""),
        (
            "catchup_msgs_per_s",
            "catch-up of an offline node (msg/s)",
            ">= 1.2x open floor",
        ),
        (
            "burst_all_stored_s",
            "burst: referrals to 10, all stored everywhere (s)",
            "",
        ),
        (
            "burst_alert_p99_ms",
            "burst: a small alert meanwhile, p99 (ms)",
            "< 100",
        ),
        (
            "audit_append_per_s",
            "audit appends, durable (entries/s)",
            "",
        ),
        (
            "audit_verify_1m_s",
            "audit verify of 1,000,000 entries (s)",
            "< 2",
        ),
        (
            "audit_hash_floor_1m_s",
            "hashing floor of the same log, every core (s)",
            "",
        ),
        (
            "console_messages_stored",
            "console: messages in the store",
            ">= 100,000 (full run)",
        ),
        (
            "console_page_p99_worst_ms",
            "console: slowest page, p99 (ms)",
            "< 50",
        ),
        ("console_inbox_p99_ms", "console: inbox, p99 (ms)", "< 50"),
        (
            "console_message_open_p99_ms",
            "console: message opened, p99 (ms)",
            "< 50",
        ),
        (
            "console_rss_added_mib",
            "console: resident memory added (MiB)",
            "< 5",
        ),
        (
            "taxii_read_objs_per_s",
            "TAXII feed read, taxii2-client (objects/s)",
            "",
        ),
        (
            "medallion_read_objs_per_s",
            "medallion 3.0.0 read, same objects (objects/s)",
            "",
        ),
        (
            "ratio_taxii_medallion",
            "TAXII feed / medallion, read",
            ">= 50",
        ),
        ("rss_idle_mib", "node RSS idle (MiB)", "< 30"),
        ("rss_loaded_mib", "node RSS under load (MiB)", "< 100"),
        ("ratio_e2e_crypto", "end to end / crypto floor", ">= 0.5"),
        (
            "e2e_xwing_msgs_per_s",
            "end to end, X-Wing keys everywhere (msg/s)",
            "",
        ),
        (
            "e2e_classic_paired_msgs_per_s",
            "end to end, classical keys, run beside it (msg/s)",
            "",
        ),
        (
            "ratio_e2e_xwing_classic",
            "end to end X-Wing / classical",
            "",
        ),
        ("ratio_e2e_transport", "end to end / transport floor", ""),
        ("ratio_catchup_open", "catch-up / open floor", ">= 1.2"),
        (
            "ratio_catchup_open_every_core",
            "catch-up / open on every core",
            "",
        ),
        (
            "ratio_audit_verify_hash_floor",
            "audit verify rate / hashing floor rate",
            "",
        ),
    ];
    println!(
        "{:<52} {:>12} {:>14}  target",
        "figure", "sync always", "default sync"
    );
    for (key, label, target) in rows {
        let v = f.get(*key).and_then(Value::as_f64).unwrap_or(f64::NAN);
        let d = f
            .get(&format!("default_sync_{key}"))
            .and_then(Value::as_f64)
            .map(|d| format!("{d:>14.2}"))
            .unwrap_or_else(|| format!("{:>14}", "-"));
        println!("{label:<52} {v:>12.2} {d}  {target}");
    }
}
