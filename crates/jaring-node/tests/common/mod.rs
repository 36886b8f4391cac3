//! Test harness: real `jaringd` processes against a real nats-server, on loopback.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jaring_node::client::Client;
use jaring_testkit::TestNetwork;
use serde_json::{json, Value};

/// Every row of a paged list route, following `next` (at most 1,000 pages).
pub async fn all_pages(client: &Client, path: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = match &cursor {
            Some(c) => format!("{path}{sep}limit=1000&cursor={c}"),
            None => format!("{path}{sep}limit=1000"),
        };
        let page = client.call("GET", &url, None).await.unwrap();
        rows.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["next"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    rows
}

/// Makes the account running the tests a user of the node with every role: the API serves
/// nobody else.
pub fn add_tester(data: &Path, agency: &str) {
    jaring_node::accounts::add_this_account(
        data,
        jaring_core::AgencyId::parse(agency).unwrap(),
        "tester",
        jaring_api::Roles::new(jaring_api::Role::ALL.to_vec()),
        "test kit",
    )
    .unwrap();
}

/// One running daemon.
pub struct Daemon {
    pub id: String,
    pub config: PathBuf,
    pub data: PathBuf,
    log: PathBuf,
    child: Option<Child>,
}

impl Daemon {
    /// Writes a config for `id` (plus `extra` TOML) and starts the daemon.
    pub async fn start(net: &TestNetwork, id: &str, nats_url: &str, extra: &str) -> Daemon {
        Self::start_with(net, id, nats_url, extra, "").await
    }

    /// Like [`Daemon::start`], with extra lines in the `[directory]` table.
    pub async fn start_with(
        net: &TestNetwork,
        id: &str,
        nats_url: &str,
        extra: &str,
        directory: &str,
    ) -> Daemon {
        let data = net.dir.join("nodes").join(id);
        std::fs::create_dir_all(&data).unwrap();
        let config = net.dir.join(format!("{id}.toml"));
        let text = format!(
            "agency = \"{id}\"\nkey_file = \"{}\"\ntrust_file = \"{}\"\ndata_dir = \"{}\"\n[directory]\nfile = \"{}\"\n{directory}\n[nats]\nservers = [\"{nats_url}\"]\n{extra}\n",
            net.key_file(id).display(),
            net.trust_file().display(),
            data.display(),
            net.directory_file().display(),
        );
        std::fs::write(&config, text).unwrap();
        add_tester(&data, id);
        let mut d = Daemon {
            id: id.into(),
            config,
            log: net.dir.join(format!("{id}.log")),
            data,
            child: None,
        };
        d.spawn().await;
        d
    }

    /// The daemon's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn client(&self) -> Client {
        Client::new(&self.data.join("jaringd.sock"))
    }

    async fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_jaringd"))
            .arg("--config")
            .arg(&self.config)
            .env("JARING_LOG", "info,async_nats=warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let client = self.client();
        let ok = wait_until(Duration::from_secs(20), || async {
            client.call("GET", "/v1/status", None).await.is_ok()
        })
        .await;
        assert!(ok, "{} did not start; log:\n{}", self.id, self.log_text());
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL, as a crash.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait for a clean exit.
    pub fn terminate(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(c.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if let Ok(Some(status)) = c.try_wait() {
                    assert!(
                        status.success(),
                        "{} exited with {status}; log:\n{}",
                        self.id,
                        self.log_text()
                    );
                    return;
                }
                assert!(
                    Instant::now() < deadline,
                    "{} did not stop on SIGTERM",
                    self.id
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }

    pub async fn restart(&mut self) {
        self.kill();
        self.spawn().await;
    }

    pub async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.client().call(method, path, body.as_ref()).await {
            Ok(v) => v,
            Err(e) => panic!("{} {method} {path}: {e}", self.id),
        }
    }

    pub async fn try_call(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        self.client()
            .call(method, path, body.as_ref())
            .await
            .map_err(|e| e.to_string())
    }

    pub async fn status(&self) -> Value {
        self.call("GET", "/v1/status", None).await
    }

    /// The whole inbox, page after page.
    pub async fn inbox(&self) -> Vec<Value> {
        all_pages(&self.client(), "/v1/inbox").await
    }

    pub async fn post_alert(&self, to: &[&str]) -> String {
        self.post_alert_answer(to).await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Posts the test referral ([`referral_body`]) to `to`; its id.
    pub async fn post_referral(&self, to: &[&str]) -> String {
        self.call(
            "POST",
            "/v1/messages",
            Some(json!({"kind": "victim-referral", "to": to, "body": referral_body()})),
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Posts an alert to `to`; the route's whole answer (id, what was published).
    pub async fn post_alert_answer(&self, to: &[&str]) -> Value {
        self.call(
            "POST",
            "/v1/messages",
            Some(json!({"kind": "compound-relocation-alert", "to": to, "body": alert_body()})),
        )
        .await
    }

    /// The quarantine's first page, newest first.
    pub async fn quarantined(&self) -> Vec<Value> {
        self.call("GET", "/v1/quarantine", None).await["items"]
            .as_array()
            .unwrap()
            .clone()
    }

    /// The daemon's audit file, entry by entry. The node copies entries from its store to the
    /// file within `audit.flush_delay`; asking for entries over the API copies them at once.
    pub async fn audit_lines(&self) -> Vec<Value> {
        if self.child.is_some() {
            let _ = self
                .try_call("GET", "/v1/audit/entries?event=none", None)
                .await;
        }
        std::fs::read_to_string(self.data.join("audit.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Restarts `d` keeping alerts for a second and sweeping every 200 ms: retention erases
/// every alert it holds soon after.
pub async fn expire_alerts_soon(d: &mut Daemon) {
    let config = std::fs::read_to_string(&d.config).unwrap();
    std::fs::write(
        &d.config,
        format!("{config}\n[retention]\nalerts = \"1s\"\nsweep_interval = \"200ms\"\n"),
    )
    .unwrap();
    d.restart().await;
}

pub fn alert_body() -> Value {
    json!({
        "compound": {"name": "Golden Fortune annex", "aliases": ["GF-2"]},
        "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
        "to": {"country": "KH", "name": "O'Smach", "lat": 14.42, "lon": 103.68},
        "observed_at": "2026-11-20T06:00:00Z",
        "source_reliability": "B", "info_credibility": "2", "estimated_persons": 350
    })
}

pub fn referral_body() -> Value {
    json!({
        "case_ref": "RTP-2026-0042", "nationality": "ID", "identified_at": "2026-11-21T09:00:00Z",
        "location": {"country": "TH", "name": "Mae Sot"},
        "consent": {"given": true, "scope": ["share-with-consulate"]},
        "needs": ["medical", "repatriation"], "non_punishment": true, "risk": "high",
        "notes": "Passport held by the compound"
    })
}

/// The envelope last stored in `stream` on `subject`, as the hub holds it.
pub async fn last_envelope(
    js: &async_nats::jetstream::Context,
    stream: &str,
    subject: &str,
) -> bytes::Bytes {
    js.get_stream(stream)
        .await
        .unwrap()
        .get_last_raw_message_by_subject(subject)
        .await
        .unwrap()
        .payload
}

/// The test network's directory body, to edit and sign anew.
pub fn directory_body(net: &TestNetwork) -> jaring_core::directory::DirectoryBody {
    serde_json::from_slice(&std::fs::read(net.dir.join("directory-body.json")).unwrap()).unwrap()
}

/// Polls `f` every 100 ms until it is true or `limit` passes.
pub async fn wait_until<F, Fut>(limit: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + limit;
    loop {
        if f().await {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn net(dir: &Path) -> TestNetwork {
    use jaring_core::directory::Role;
    TestNetwork::create(
        dir,
        &[
            ("TH-RTP", Role::LawEnforcement),
            ("ID-KEMLU-PNH", Role::Consular),
            ("PH-DFA", Role::Consular),
        ],
    )
    .unwrap()
}

pub fn count(status: &Value, key: &str) -> i64 {
    status["counts"][key].as_i64().unwrap_or(-1)
}

/// A plain HTTP request to a console: (status, headers, body).
pub async fn http(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, axum::http::HeaderMap, String) {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Full<bytes::Bytes>>();
    let mut req = axum::http::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req
        .body(http_body_util::Full::new(bytes::Bytes::from(
            body.to_owned(),
        )))
        .unwrap();
    let res = client.request(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

pub fn header<'a>(h: &'a axum::http::HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}
