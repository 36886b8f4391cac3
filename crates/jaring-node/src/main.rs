//! `jaringd --config FILE`: runs one agency node until SIGTERM or SIGINT.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use jaring_node::Config;

/// jaringd: the jaring agency node.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The node's configuration file.
    #[arg(long, env = "JARING_CONFIG", default_value = "jaring.toml")]
    config: PathBuf,
    /// Log as JSON lines (for log collectors) instead of text.
    #[arg(long)]
    log_json: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    jaring_node::daemon::init_logging(args.log_json);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> anyhow::Result<()> {
    let config = Config::load(&args.config)?;
    jaring_node::daemon::run(config).await
}
