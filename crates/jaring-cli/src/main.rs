//! `jaring`: the command-line tool of the jaring secure message bus.
//!
//! Offline verbs (keys, trust, directory, envelopes) work without a daemon. Exit status: 0 on
//! success, 1 on an error (one line on stderr saying what to do), 2 on a usage error, and 3
//! when an envelope is refused, with the spec's error code as the first word on stderr.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Exit status for an envelope that was refused.
const EXIT_REFUSED: u8 = 3;

/// An envelope refusal: printed as `<code>: <detail>` and exit status 3.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub jaring_core::OpenError);

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The online verbs reach the daemon through its socket: named directly (an officer needs
    // no read access to the node's configuration), or found in the configuration.
    let daemon = cli.socket.clone().unwrap_or_else(|| cli.config.clone());
    let result = match cli.command {
        Command::Keygen(args) => commands::keys::keygen(args),
        Command::Key(cli::KeyCommand::Rotate { key, out, pq }) => {
            commands::keys::rotate(&key, &out, pq)
        }
        Command::Trust(cmd) => commands::trust::run(cmd),
        Command::Directory(cmd) => commands::directory::run(cmd),
        Command::Envelope(cmd) => commands::envelope::run(cmd),
        Command::Node(cli::NodeCommand::Init(args)) => commands::node::init(args),
        Command::Alert(cmd) => commands::online::alert(&daemon, cmd),
        Command::Referral(cmd) => commands::online::referral(&daemon, cmd),
        Command::Inbox(args) => commands::online::inbox(&daemon, args),
        Command::Show(args) => commands::online::show(&daemon, args),
        Command::Follow(args) => commands::online::follow(&daemon, args),
        Command::Status(f) => commands::online::status(&daemon, f.json),
        Command::Quarantine(a) => commands::online::quarantine(&daemon, a),
        Command::User(cmd) => commands::online::user(&daemon, cmd),
        Command::Whoami(f) => commands::online::whoami(&daemon, f.json),
        Command::Correlate(cmd) => commands::correlate::correlate(&daemon, cmd),
        Command::Compound(cmd) => commands::correlate::compound(&daemon, cmd),
        Command::Stix(cmd) => commands::stix::run(&daemon, cmd),
        Command::Audit(cmd) => commands::audit::run(&daemon, cmd),
        Command::Hub(cmd) => commands::hub::run(cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => match err.downcast_ref::<Refused>() {
            Some(refused) => {
                eprintln!("{refused}");
                ExitCode::from(EXIT_REFUSED)
            }
            None => {
                eprintln!("error: {err:#}");
                ExitCode::FAILURE
            }
        },
    }
}
