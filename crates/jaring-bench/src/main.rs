//! `jaring-bench all --out FILE.json [--quick]`: measures, in one run on one machine, the
//! cryptographic floor, the transport floor, jaring end to end, a 50-agency fan-out, catch-up
//! of an offline node, a burst of referrals to ten agencies, the audit log, and a node's
//! memory; prints a table and writes the figures as one flat JSON object. It starts its own
//! nats-servers (through the test kit) on loopback and stops them after: the scenarios that go
//! through the hub run against JetStream syncing as the generated hub ships it
//! (`sync_interval: always`), then again at the server's default periodic sync for comparison
//! (keys prefixed `default_sync_`).
#![forbid(unsafe_code)]

mod burst;
mod cluster;
mod console;
mod correlate;
mod scenarios;
mod taxii;
mod xwing;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Benchmarks for jaring.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every scenario.
    All {
        /// Where to write the figures (JSON).
        #[arg(long)]
        out: PathBuf,
        /// Small counts: every scenario in about a minute.
        #[arg(long)]
        quick: bool,
    },
    /// Catch-up alone, for profiling: a backlog of COUNT messages drained by one node.
    #[command(hide = true)]
    Catchup {
        /// Messages in the backlog.
        #[arg(long, default_value_t = 20_000)]
        count: usize,
        /// Run the hub with JetStream's default periodic sync instead of the shipped setting.
        #[arg(long)]
        default_sync: bool,
        /// The node turns alerts into STIX objects as it stores them (as with a TAXII feed).
        #[arg(long)]
        stix: bool,
    },
    /// End to end alone, for profiling: N sustained messages, then SECS at 1,000/s.
    #[command(hide = true)]
    E2e {
        /// Messages in the sustained part.
        #[arg(long, default_value_t = 2_000)]
        count: usize,
        /// Seconds at each fixed load.
        #[arg(long, default_value_t = 5)]
        secs: u64,
        /// Run the hub with JetStream's default periodic sync instead of the shipped setting.
        #[arg(long, conflicts_with = "sync_interval")]
        default_sync: bool,
        /// Run the hub with this JetStream `sync_interval` (e.g. `2m`, `24h`): to find out
        /// what a periodic sync does to the latency tail.
        #[arg(long)]
        sync_interval: Option<String>,
        /// Concurrent callers posting in the sustained part.
        #[arg(long, default_value_t = scenarios::CALLERS)]
        callers: usize,
        /// Run the hub as three clustered servers with R3 streams (issue 17), syncing as the
        /// other flags say.
        #[arg(long)]
        cluster: bool,
    },
    /// Issue 17's burst: REFERRALS victim referrals, each to ten agencies, posted by CALLERS
    /// callers (1: one liaison's script) while another agency posts a small alert to the same
    /// ten every 100 ms; the time until all are stored everywhere, and the small alerts'
    /// latency meanwhile.
    Burst {
        /// Referrals posted.
        #[arg(long, default_value_t = 5_000)]
        referrals: usize,
        /// Concurrent callers posting them.
        #[arg(long, default_value_t = 1)]
        callers: usize,
        /// Agencies each referral and each small alert go to (1-16).
        #[arg(long, default_value_t = burst::RECIPIENTS)]
        recipients: usize,
        /// Run the hub with JetStream's default periodic sync instead of the shipped setting.
        #[arg(long)]
        default_sync: bool,
        /// The script asks for each answer once the referral is stored, and the node publishes
        /// it in the background (`background` in the send request).
        #[arg(long)]
        background: bool,
    },
    /// The console alone: every page rendered over a store of COUNT messages.
    Console {
        /// Messages in the store.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Requests measured per page.
        #[arg(long, default_value_t = 300)]
        requests: usize,
    },
    /// Correlation alone: an index of ALERTS alerts of 20 indicators, incoming alerts
    /// correlated against it, and a trail of TRAIL alerts built with its map.
    Correlate {
        /// Alerts in the index (20 rows each: 50,000 make 1,000,000 rows).
        #[arg(long, default_value_t = 50_000)]
        alerts: usize,
        /// Alerts in the trail.
        #[arg(long, default_value_t = 200)]
        trail: usize,
        /// Requests measured.
        #[arg(long, default_value_t = 300)]
        requests: usize,
    },
    /// The TAXII feed beside medallion 3.0.0: ALERTS alerts into a node's feed, both servers
    /// read ROUNDS times page by page with taxii2-client.
    Taxii {
        /// Alerts sent to the node (about ten STIX objects each).
        #[arg(long, default_value_t = 100)]
        alerts: usize,
        /// Reads of each server.
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// The X-Wing key wrap alone: seal and open COUNT times with X25519 keys and with X-Wing
    /// keys, envelope sizes, and E2E alerts end to end with each.
    Xwing {
        /// Seals and opens measured, of each kind.
        #[arg(long, default_value_t = 5_000)]
        count: usize,
        /// Alerts end to end, of each kind.
        #[arg(long, default_value_t = 5_000)]
        e2e: usize,
    },
    /// Run a node (used by the benchmark itself, to measure a node's memory in its own process).
    #[command(hide = true)]
    Node {
        /// The node's configuration.
        #[arg(long)]
        config: PathBuf,
    },
}

/// A nats-server for one scenario: JetStream syncing as the generated hub ships it, or at the
/// server's default.
fn hub(default_sync: bool) -> anyhow::Result<jaring_testkit::NatsServer> {
    hub_syncing((!default_sync).then_some(jaring_bus::HUB_SYNC_INTERVAL))
}

/// One server syncing as `sync_interval` says (JetStream's default when `None`).
fn hub_syncing(sync_interval: Option<&str>) -> anyhow::Result<jaring_testkit::NatsServer> {
    let mut b = jaring_testkit::NatsServer::builder();
    if let Some(s) = sync_interval {
        b = b.sync_interval(s);
    }
    b.start().context("starting nats-server")
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("runtime")?;
    match args.command {
        Command::Node { config } => {
            // As jaringd logs (the benchmark sets JARING_LOG=warn): warnings of a node under
            // benchmark end up in its log file.
            jaring_node::daemon::init_logging(false);
            let config = jaring_node::Config::load(&config)?;
            runtime.block_on(jaring_node::daemon::run(config))
        }
        Command::E2e {
            count,
            secs,
            default_sync,
            sync_interval,
            callers,
            cluster,
        } => {
            let sync = match (&sync_interval, default_sync) {
                (Some(interval), _) => Some(interval.as_str()),
                (None, true) => None,
                (None, false) => Some(jaring_bus::HUB_SYNC_INTERVAL),
            };
            // Kept until the scenarios end: dropping it stops its servers.
            let hub = match cluster {
                true => cluster::Hub::Three(runtime.block_on(cluster::Cluster::start(sync))?),
                false => cluster::Hub::One(hub_syncing(sync)?),
            };
            let figures =
                runtime.block_on(scenarios::end_to_end(&hub.url(), count, secs, callers))?;
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Burst {
            referrals,
            callers,
            recipients,
            default_sync,
            background,
        } => {
            let server = hub(default_sync)?;
            let figures = runtime.block_on(burst::burst(
                &server.url(),
                referrals,
                callers,
                recipients,
                background,
            ))?;
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Console { count, requests } => {
            let server = hub(false)?;
            let figures = runtime.block_on(console::console(&server.url(), count, requests))?;
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Correlate {
            alerts,
            trail,
            requests,
        } => {
            let figures = correlate::correlate(alerts, trail, requests)?;
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Taxii { alerts, rounds } => {
            let server = hub(false)?;
            let figures = runtime.block_on(taxii::taxii(&server.url(), alerts, rounds))?;
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Xwing { count, e2e } => {
            let mut figures = xwing::crypto(count)?;
            figures.extend(runtime.block_on(xwing::end_to_end(e2e))?);
            println!("{}", serde_json::to_string_pretty(&figures)?);
            Ok(())
        }
        Command::Catchup {
            count,
            default_sync,
            stix,
        } => {
            let server = hub(default_sync)?;
            let rate = runtime.block_on(scenarios::catchup(&server.url(), count, stix))?;
            println!("catch-up: {rate:.0} msg/s");
            Ok(())
        }
        Command::All { out, quick } => {
            let scale = if quick {
                scenarios::Scale::quick()
            } else {
                scenarios::Scale::full()
            };
            let figures = runtime.block_on(scenarios::all(&scale))?;
            scenarios::print_table(&figures);
            let mut text = serde_json::to_vec_pretty(&figures)?;
            text.push(b'\n');
            std::fs::write(&out, text)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!("figures written to {}", out.display());
            Ok(())
        }
    }
}
