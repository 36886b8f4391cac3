//! The command line: verbs, flags and their help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jaring_core::directory::Role;
use jaring_core::{AgencyId, Kind, MessageId, Timestamp, Tlp};

/// jaring: signed, end-to-end encrypted alerts and referrals between agencies.
#[derive(Debug, Parser)]
#[command(name = "jaring", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate an agency's (or a root's) keys: DIR/ID.key.json (0600) and DIR/ID.pub.json.
    Keygen(KeygenArgs),
    /// Trust anchors: the roots and threshold a node pins.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Build, sign (one root at a time) and verify the agency directory.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// Seal and open envelopes offline.
    #[command(subcommand)]
    Envelope(EnvelopeCommand),
}

/// `jaring keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Agency id (e.g. TH-RTP) or root name (e.g. RSO-ROOT-1).
    #[arg(long, value_parser = parse_agency)]
    pub agency: AgencyId,
    /// Directory to write the key files into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring trust ...`.
#[derive(Debug, Subcommand)]
pub enum TrustCommand {
    /// Write a trust file from root public keys.
    Init {
        /// Network name (e.g. bali-rso).
        #[arg(long)]
        network: String,
        /// How many distinct roots must sign a directory.
        #[arg(long)]
        threshold: usize,
        /// A root's public key file; repeat for each root.
        #[arg(long = "root", required = true)]
        roots: Vec<PathBuf>,
        /// Where to write the trust file.
        #[arg(long)]
        out: PathBuf,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `jaring directory ...`.
#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Add an agency to a directory body (created if it does not exist).
    Add(DirectoryAddArgs),
    /// Sign a directory: a body with a first root key, or add another root's signature.
    Sign(DirectorySignArgs),
    /// Verify a signed directory against a trust file; non-zero exit if it is not acceptable.
    Verify(DirectoryVerifyArgs),
}

/// `jaring directory add`.
#[derive(Debug, Args)]
pub struct DirectoryAddArgs {
    /// The directory body file (plain JSON; created if missing).
    #[arg(long)]
    pub body: PathBuf,
    /// Network name; must match the body's.
    #[arg(long)]
    pub network: String,
    /// The agency's public key file.
    #[arg(long = "pub")]
    pub public: PathBuf,
    /// The agency's full name.
    #[arg(long)]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    #[arg(long)]
    pub country: String,
    /// A role; repeat for several.
    #[arg(long = "role", required = true)]
    pub roles: Vec<Role>,
    /// Start of the key's validity (default: now).
    #[arg(long)]
    pub not_before: Option<Timestamp>,
    /// Days the key stays valid.
    #[arg(long, default_value_t = 730)]
    pub key_valid_days: u32,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring directory sign`.
#[derive(Debug, Args)]
pub struct DirectorySignArgs {
    /// A directory body to sign first (with --serial).
    #[arg(
        long,
        conflicts_with = "input",
        required_unless_present = "input",
        requires = "serial"
    )]
    pub body: Option<PathBuf>,
    /// An already signed directory to add a signature to; its body is not changed.
    #[arg(long = "in")]
    pub input: Option<PathBuf>,
    /// The serial of the new directory (must exceed every earlier one).
    #[arg(long)]
    pub serial: Option<u64>,
    /// Days until the directory expires.
    #[arg(long, default_value_t = 90)]
    pub valid_days: u32,
    /// The signing root's secret key file.
    #[arg(long)]
    pub root_key: PathBuf,
    /// Where to write the signed directory (may be the same file as --in).
    #[arg(long)]
    pub out: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring directory verify`.
#[derive(Debug, Args)]
pub struct DirectoryVerifyArgs {
    /// The trust file.
    #[arg(long)]
    pub trust: PathBuf,
    /// A directory already held: the new one must not roll it back.
    #[arg(long)]
    pub held: Option<PathBuf>,
    /// The signed directory to verify.
    pub directory: PathBuf,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring envelope ...`.
#[derive(Debug, Subcommand)]
pub enum EnvelopeCommand {
    /// Seal a body to recipients; prints the envelope JSON on stdout.
    Seal(SealArgs),
    /// Open an envelope; prints {"header":...,"body":...}. Exit 3 and the error code if refused.
    Open(OpenArgs),
}

/// `jaring envelope seal`.
#[derive(Debug, Args)]
pub struct SealArgs {
    /// The sender's secret key file.
    #[arg(long)]
    pub key: PathBuf,
    /// The trust file.
    #[arg(long)]
    pub trust: PathBuf,
    /// The signed directory.
    #[arg(long)]
    pub directory: PathBuf,
    /// The kind of message.
    #[arg(long)]
    pub kind: Kind,
    /// Recipient agencies, comma-separated.
    #[arg(long, value_delimiter = ',', required = true, value_parser = parse_agency)]
    pub to: Vec<AgencyId>,
    /// TLP marking (default: AMBER for alerts, RED for referrals, GREEN for receipts).
    #[arg(long)]
    pub tlp: Option<Tlp>,
    /// An earlier message this one refers to; repeat for several.
    #[arg(long = "ref")]
    pub refs: Vec<MessageId>,
    /// When the message stops being valid.
    #[arg(long)]
    pub expires: Option<Timestamp>,
    /// The JSON body file (default: standard input).
    #[arg(long)]
    pub body: Option<PathBuf>,
}

/// `jaring envelope open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The recipient's secret key file; repeat during a key rotation.
    #[arg(long = "key", required = true)]
    pub keys: Vec<PathBuf>,
    /// The trust file.
    #[arg(long)]
    pub trust: PathBuf,
    /// The signed directory.
    #[arg(long)]
    pub directory: PathBuf,
    /// The envelope file (default: standard input).
    pub file: Option<PathBuf>,
}

fn parse_agency(text: &str) -> Result<AgencyId, String> {
    AgencyId::parse(text).map_err(|e| e.to_string())
}
