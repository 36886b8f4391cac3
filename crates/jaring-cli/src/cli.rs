//! The command line: verbs, flags and their help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jaring_core::directory::Role;
use jaring_core::{AgencyId, Kind, MessageId, Timestamp, Tlp};

/// jaring: signed, end-to-end encrypted alerts and referrals between agencies.
#[derive(Debug, Parser)]
#[command(name = "jaring", version, about, propagate_version = true)]
pub struct Cli {
    /// The node configuration, for verbs that talk to the daemon.
    #[arg(
        long,
        global = true,
        env = "JARING_CONFIG",
        default_value = "jaring.toml"
    )]
    pub config: PathBuf,
    /// The daemon's socket, for verbs that talk to the daemon: instead of reading it from the
    /// node configuration (which officers need not be able to read).
    #[arg(long, global = true, env = "JARING_SOCKET")]
    pub socket: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate an agency's (or a root's) keys: DIR/ID.key.json (0600) and DIR/ID.pub.json.
    Keygen(KeygenArgs),
    /// An agency's key rotation.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Trust anchors: the roots and threshold a node pins.
    #[command(subcommand)]
    Trust(TrustCommand),
    /// Build, sign (one root at a time) and verify the agency directory.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// Seal and open envelopes offline.
    #[command(subcommand)]
    Envelope(EnvelopeCommand),
    /// Set up a node: write its configuration.
    #[command(subcommand)]
    Node(NodeCommand),
    /// Post, update and cancel compound-relocation alerts.
    #[command(subcommand)]
    Alert(AlertCommand),
    /// Send victim referrals and report their status.
    #[command(subcommand)]
    Referral(ReferralCommand),
    /// List received messages, newest first (nothing is decrypted).
    Inbox(InboxArgs),
    /// Show one message in full, with its referral history and delivery state (audited).
    Show(ShowArgs),
    /// Print messages as they arrive, until interrupted.
    Follow(FollowArgs),
    /// The node's connection, consumer lag, directory, counts and last error (admin).
    Status(JsonFlag),
    /// What the node refused, when, from which subject, and why (admin, auditor).
    Quarantine(ListArgs),
    /// The node's users and their roles (admin).
    #[command(subcommand)]
    User(UserCommand),
    /// Who you are to the node: your jaring user and roles.
    Whoami(JsonFlag),
    /// Correlation: find every alert holding a value; rebuild the index (admin).
    #[command(subcommand)]
    Correlate(CorrelateCommand),
    /// A compound's trail across agencies: positions, links, suggestions, a map.
    #[command(subcommand)]
    Compound(CompoundCommand),
    /// STIX 2.1: the agency's alerts as a bundle for MISP, OpenCTI and their kin (liaison,
    /// feed); the same objects as the TAXII feed (`[taxii]` in the node's config).
    #[command(subcommand)]
    Stix(StixCommand),
    /// The tamper-evident audit log: verify, show, prove, checkpoint.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The RSO's hub: nats-server configuration, development certificates, provisioning.
    #[command(subcommand)]
    Hub(HubCommand),
}

/// `jaring stix ...`.
#[derive(Debug, Subcommand)]
pub enum StixCommand {
    /// Write a STIX 2.1 bundle of the alerts' objects (latest versions; never a referral, never
    /// TLP:RED; audited). To standard output unless --out is given.
    Export {
        /// Only objects the node added after this time (RFC 3339, e.g. 2026-11-01T00:00:00Z).
        #[arg(long)]
        since: Option<String>,
        /// TLP levels, comma-separated (default CLEAR,GREEN,AMBER; AMBER+STRICT only when
        /// named, for the agency's own platform).
        #[arg(long)]
        tlp: Option<String>,
        /// Write the bundle to this file (mode 0600: it holds alert content).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// `jaring hub ...`.
#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Write nats-server configuration (and a client profile per agency) from the directory.
    Config {
        /// The signed directory.
        #[arg(long)]
        directory: PathBuf,
        /// Verify the directory against this trust file first.
        #[arg(long)]
        trust: Option<PathBuf>,
        /// Where to write nats-server.conf (or -1..-3.conf) and clients/.
        #[arg(long)]
        out: PathBuf,
        /// Client address of the (first) server.
        #[arg(long, default_value = "127.0.0.1:4222")]
        listen: String,
        /// 3 for a three-node cluster (client ports count up; route ports are client + 2000).
        #[arg(long, default_value_t = 1)]
        cluster: usize,
        /// A folder with ca.pem, server.pem/.key and clients/<ID>.pem/.key (see `hub dev-certs`).
        #[arg(long)]
        tls_dir: Option<PathBuf>,
        /// Subject prefix.
        #[arg(long, default_value = "rso")]
        prefix: String,
        /// The directory bucket.
        #[arg(long, default_value = "jaring-directory")]
        bucket: String,
    },
    /// Make a development CA, loopback server and per-agency client certificates (NOT FOR PRODUCTION).
    DevCerts {
        /// Where to write them.
        #[arg(long)]
        out: PathBuf,
        /// Take the agencies from this directory.
        #[arg(long)]
        directory: Option<PathBuf>,
        /// An agency to make a client certificate for; repeat.
        #[arg(long = "agency")]
        agencies: Vec<String>,
    },
    /// Create the streams, each agency's consumers and the directory bucket (idempotent).
    Provision {
        /// The RSO admin's client profile (clients/RSO-ADMIN.json from `hub config`).
        #[arg(long)]
        client_profile: PathBuf,
        /// The signed directory (its agencies get consumers; it is put into the bucket).
        #[arg(long)]
        directory: PathBuf,
        /// Verify the directory against this trust file first.
        #[arg(long)]
        trust: Option<PathBuf>,
        /// Stream replicas (3 on a three-node cluster).
        #[arg(long, default_value_t = 1)]
        replicas: usize,
        /// Subject prefix.
        #[arg(long, default_value = "rso")]
        prefix: String,
        /// The directory bucket.
        #[arg(long, default_value = "jaring-directory")]
        bucket: String,
    },
}

/// `jaring audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the tree, check every checkpoint given; non-zero exit naming the first bad entry.
    Verify {
        /// A copy of an audit log (default: ask the local daemon to verify its own).
        #[arg(long)]
        log: Option<PathBuf>,
        /// A checkpoint: a signed note, or a checkpoints.jsonl of published messages; repeat.
        #[arg(long = "checkpoint")]
        checkpoints: Vec<PathBuf>,
        /// The agency's public key file, to check the checkpoints' signatures.
        #[arg(long = "pub")]
        public: Option<PathBuf>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List entries.
    Show {
        /// A copy of an audit log (default: the local daemon's).
        #[arg(long)]
        log: Option<PathBuf>,
        /// Only entries about this message.
        #[arg(long)]
        message: Option<MessageId>,
        /// Only this event (sent, received, rejected, viewed, ...).
        #[arg(long)]
        event: Option<String>,
        /// Only entries at or after this time.
        #[arg(long)]
        since: Option<Timestamp>,
        /// Only entries naming this jaring user (who viewed, sent, was denied...).
        #[arg(long)]
        user: Option<String>,
        /// How much (the daemon's log; a copy is read whole).
        #[command(flatten)]
        listing: Listing,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The inclusion proof of one entry, as JSON.
    Prove {
        /// The entry.
        #[arg(long)]
        seq: u64,
        /// A copy of an audit log (default: the local daemon's).
        #[arg(long)]
        log: Option<PathBuf>,
    },
    /// The latest signed checkpoint of the local daemon, as the note text.
    Checkpoint,
}

/// Just `--json`.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// How much of a list to show: a page of `--limit` rows (the newest first where the list is
/// by time), or `--all` of them, page after page.
#[derive(Debug, Args, Clone, Copy)]
pub struct Listing {
    /// At most this many rows (default 100, at most 1,000 a page).
    #[arg(long, conflicts_with = "all")]
    pub limit: Option<usize>,
    /// Every row, fetched page after page.
    #[arg(long)]
    pub all: bool,
}

/// A list verb's flags.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// How much.
    #[command(flatten)]
    pub listing: Listing,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring user ...`: managing the node's users (admin only, each change audited).
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user: a jaring name, the local account that acts as it, and roles.
    Add {
        /// The user's jaring name (what the audit log records), e.g. `siti.rahayu`.
        name: String,
        /// The local system account whose socket connections are this user (default: NAME).
        #[arg(long)]
        unix: Option<String>,
        /// A role: liaison, caseworker, auditor, admin or feed (the TAXII feed only); repeat for several.
        #[arg(long = "role", value_parser = parse_role)]
        roles: Vec<jaring_api::Role>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List users and their roles.
    List(ListArgs),
    /// Remove a user (the last admin cannot be removed).
    Remove {
        /// The user.
        name: String,
    },
    /// Set a user's console password (admins: anyone's; users: their own), read from the
    /// terminal twice, or as one line from standard input. A TOTP second factor is enrolled
    /// with --totp, or when the user's roles require one and none is enrolled; its secret is
    /// printed once.
    Passwd {
        /// The user.
        name: String,
        /// Enrol a new TOTP secret (replacing any other).
        #[arg(long)]
        totp: bool,
        /// Print the result as JSON (the TOTP secret included).
        #[arg(long)]
        json: bool,
    },
    /// Print the current TOTP code of a secret kept in a file (mode 0600): for testing a
    /// login, or the quickstart's, without an authenticator app. Needs no daemon.
    TotpCode {
        /// The file holding the base32 secret.
        #[arg(long)]
        secret_file: PathBuf,
    },
    /// Replace a user's roles.
    SetRoles {
        /// The user.
        name: String,
        /// A role; repeat for several; none at all leaves the user with no role.
        #[arg(long = "role", value_parser = parse_role)]
        roles: Vec<jaring_api::Role>,
    },
}

fn parse_role(s: &str) -> Result<jaring_api::Role, String> {
    s.parse()
}

/// `jaring key ...`.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Make the agency's next key pair (beside the current one, which stays) and say what to
    /// do with it: the node holds it before the RSO publishes it, so nothing is refused.
    Rotate {
        /// The agency's current secret key file.
        #[arg(long)]
        key: PathBuf,
        /// Where to write the new pair (a folder that holds no key of the agency yet).
        #[arg(long)]
        out: PathBuf,
        /// Give the new key an X-Wing half (how an agency adds a post-quantum key). A key
        /// whose current one has an X-Wing half keeps one without it.
        #[arg(long)]
        pq: bool,
    },
}

/// `jaring node ...`.
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// Write a working node configuration (TOML).
    Init(NodeInitArgs),
}

/// `jaring node init`.
#[derive(Debug, Args)]
pub struct NodeInitArgs {
    /// This agency's id.
    #[arg(long, value_parser = parse_agency)]
    pub agency: AgencyId,
    /// The agency's secret key file.
    #[arg(long)]
    pub key: PathBuf,
    /// The trust file.
    #[arg(long)]
    pub trust: PathBuf,
    /// A signed directory file.
    #[arg(long)]
    pub directory: Option<PathBuf>,
    /// Follow the hub's directory bucket too (e.g. jaring-directory).
    #[arg(long)]
    pub directory_bucket: Option<String>,
    /// How to reach the hub (or use --client-profile).
    #[command(flatten)]
    pub conn: NatsArgs,
    /// A client profile written by `jaring hub config` (servers, credentials, TLS).
    #[arg(long)]
    pub client_profile: Option<PathBuf>,
    /// The data directory.
    #[arg(long)]
    pub data: PathBuf,
    /// The local API socket (default: DATA/jaringd.sock).
    #[arg(long)]
    pub socket: Option<PathBuf>,
    /// The node's first user, with the admin role: a jaring name (e.g. `rso.ops`). The daemon
    /// serves nobody until a user exists; this one adds the others with `jaring user add`.
    #[arg(long)]
    pub admin: Option<String>,
    /// The local account that acts as the first admin (default: the account running this).
    #[arg(long, requires = "admin")]
    pub admin_unix: Option<String>,
    /// The subject prefix.
    #[arg(long, default_value = "rso")]
    pub prefix: String,
    /// Serve the web console on this address (loopback, such as 127.0.0.1:8480; another
    /// address needs console.tls_cert and console.tls_key in the file written).
    #[arg(long)]
    pub console: Option<std::net::SocketAddr>,
    /// Where to write the configuration.
    #[arg(long)]
    pub out: PathBuf,
}

/// Who an alert goes to.
#[derive(Debug, Args, Clone)]
#[group(required = false, multiple = false)]
pub struct Audience {
    /// Recipient agencies, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = parse_agency)]
    pub to: Vec<AgencyId>,
    /// Every agency holding this role.
    #[arg(long)]
    pub to_role: Option<Role>,
    /// Every agency in the directory.
    #[arg(long)]
    pub to_all: bool,
}

/// The fields of an alert, as flags (or a whole body from a file).
#[derive(Debug, Args, Clone)]
pub struct AlertFields {
    /// The whole JSON body from a file instead of the flags below.
    #[arg(long)]
    pub body: Option<PathBuf>,
    /// The compound's name.
    #[arg(long)]
    pub compound: Option<String>,
    /// Another name of the compound; repeat for several.
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    /// Where it was: CC[:PLACE][@LAT,LON], e.g. MM:Myawaddy@16.69,98.51.
    #[arg(long)]
    pub from: Option<String>,
    /// Where it went: CC[:PLACE][@LAT,LON].
    #[arg(long)]
    pub to_place: Option<String>,
    /// When the move was observed (default: now).
    #[arg(long)]
    pub observed: Option<Timestamp>,
    /// Source reliability, A to F.
    #[arg(long)]
    pub reliability: Option<String>,
    /// Information credibility, 1 to 6.
    #[arg(long)]
    pub credibility: Option<String>,
    /// Estimated number of people held.
    #[arg(long)]
    pub persons: Option<u64>,
    /// A nationality of those held; repeat for several.
    #[arg(long = "nationality")]
    pub nationalities: Vec<String>,
    /// An indicator TYPE=VALUE[,platform=P][,chain=C][,asset=A][,role=R][,first_seen=T][,last_seen=T]
    /// (types: domain, url, phone, crypto-wallet, social-handle, ip, bank-account, email);
    /// repeat for several, e.g. `social-handle=@GoldenJobs,platform=telegram,role=recruitment`.
    #[arg(long = "indicator")]
    pub indicators: Vec<String>,
    /// The compound's network-wide reference (a UUID): repeat the one earlier alerts about
    /// this compound carry. Without it a new compound gets a fresh reference, and an update
    /// keeps the reference of the alert it updates.
    #[arg(long, conflicts_with = "no_compound_ref")]
    pub compound_ref: Option<uuid::Uuid>,
    /// Send no compound reference at all.
    #[arg(long)]
    pub no_compound_ref: bool,
    /// Who runs, guards or fronts the compound: NAME[,alias=A]...[,kind=K] (kinds: syndicate,
    /// armed-group, company, person); repeat for several.
    #[arg(long = "operator")]
    pub operators: Vec<String>,
    /// A kind of scam it runs (romance-investment, crypto-investment, online-gambling,
    /// impersonation, job-scam, sextortion, other); repeat for several.
    #[arg(long = "scam-type")]
    pub scam_types: Vec<String>,
    /// How precisely `--from` is known, in metres.
    #[arg(long)]
    pub from_precision: Option<u32>,
    /// How precisely `--to-place` is known, in metres.
    #[arg(long)]
    pub to_precision: Option<u32>,
    /// The province, state or district of `--from`.
    #[arg(long)]
    pub from_admin: Option<String>,
    /// The province, state or district of `--to-place`.
    #[arg(long)]
    pub to_admin: Option<String>,
    /// Free text.
    #[arg(long)]
    pub narrative: Option<String>,
}

/// `jaring alert ...`.
#[derive(Debug, Subcommand)]
pub enum AlertCommand {
    /// Post a compound-relocation alert; prints its id.
    Post {
        /// Recipients.
        #[command(flatten)]
        audience: Audience,
        /// The alert.
        #[command(flatten)]
        fields: AlertFields,
        /// TLP marking (default AMBER).
        #[arg(long)]
        tlp: Option<Tlp>,
        /// When the alert stops being valid.
        #[arg(long)]
        expires: Option<Timestamp>,
        /// Answer once the node stored it and publish in the background (see `referral
        /// send --background`).
        #[arg(long)]
        background: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace an alert this agency posted with a full new version.
    Update {
        /// The alert's id.
        id: MessageId,
        /// Recipients (default: those of the original alert).
        #[command(flatten)]
        audience: Audience,
        /// The new alert.
        #[command(flatten)]
        fields: AlertFields,
        /// TLP marking (default AMBER).
        #[arg(long)]
        tlp: Option<Tlp>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Withdraw an alert this agency posted.
    Cancel {
        /// The alert's id.
        id: MessageId,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `jaring referral ...`.
#[derive(Debug, Subcommand)]
pub enum ReferralCommand {
    /// Refer an identified victim to an agency (usually their consulate); prints the id.
    Send(Box<ReferralSendArgs>),
    /// Report a referral's status back to the referring agency.
    Status {
        /// The referral's id.
        id: MessageId,
        /// The new status.
        #[arg(long = "set", value_parser = ["received", "accepted", "declined", "in-progress", "repatriated", "closed"])]
        status: String,
        /// A note for the referring agency.
        #[arg(long)]
        note: Option<String>,
        /// The referring agency: needed only when more than one agency sent a referral under
        /// this id (the command then says so and names them).
        #[arg(long, value_parser = parse_agency)]
        to: Option<AgencyId>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `jaring referral send`.
#[derive(Debug, Args)]
pub struct ReferralSendArgs {
    /// The receiving agency.
    #[arg(long, value_parser = parse_agency)]
    pub to: AgencyId,
    /// The whole JSON body from a file instead of the flags below.
    #[arg(long)]
    pub body: Option<PathBuf>,
    /// Your pseudonymous case reference.
    #[arg(long)]
    pub case_ref: Option<String>,
    /// The person's nationality (ISO 3166-1 alpha-2).
    #[arg(long)]
    pub nationality: Option<String>,
    /// When the person was identified (default: now).
    #[arg(long)]
    pub identified: Option<Timestamp>,
    /// Where: CC[:PLACE][@LAT,LON].
    #[arg(long)]
    pub location: Option<String>,
    /// The person consented to the referral (or say --no-consent with --basis).
    #[arg(long, conflicts_with = "no_consent")]
    pub consent: bool,
    /// The person did not consent: shared on a lawful basis, which --basis names.
    #[arg(long, requires = "basis")]
    pub no_consent: bool,
    /// The lawful basis without consent: vital-interest, legal-obligation or public-interest.
    #[arg(long, requires = "no_consent", value_parser = ["vital-interest", "legal-obligation", "public-interest"])]
    pub basis: Option<String>,
    /// What the consent covers; repeat for several.
    #[arg(long = "consent-scope")]
    pub consent_scope: Vec<String>,
    /// A need (medical, shelter, legal, repatriation, interpretation, psychosocial, documents).
    #[arg(long = "need")]
    pub needs: Vec<String>,
    /// The non-punishment principle applies.
    #[arg(long)]
    pub non_punishment: bool,
    /// Risk: low, medium or high.
    #[arg(long)]
    pub risk: Option<String>,
    /// The person's name, only if the case needs it.
    #[arg(long)]
    pub person_name: Option<String>,
    /// Date of birth (YYYY-MM-DD), only if the case needs it.
    #[arg(long)]
    pub person_dob: Option<String>,
    /// Notes.
    #[arg(long)]
    pub notes: Option<String>,
    /// TLP marking (default RED).
    #[arg(long)]
    pub tlp: Option<Tlp>,
    /// Answer once the node stored it and publish in the background (for scripts sending
    /// many: each waits for one local commit, not the hub's acknowledgement of every copy;
    /// the node republishes until the recipient's receipt, as always).
    #[arg(long)]
    pub background: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring inbox`.
#[derive(Debug, Args)]
pub struct InboxArgs {
    /// Only this kind.
    #[arg(long)]
    pub kind: Option<Kind>,
    /// Only from this agency.
    #[arg(long, value_parser = parse_agency)]
    pub from: Option<AgencyId>,
    /// Only messages stored since this time.
    #[arg(long)]
    pub since: Option<Timestamp>,
    /// Only unread messages.
    #[arg(long)]
    pub unread: bool,
    /// Include what this agency sent.
    #[arg(long)]
    pub sent: bool,
    /// How much.
    #[command(flatten)]
    pub listing: Listing,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring correlate ...`.
#[derive(Debug, Subcommand)]
pub enum CorrelateCommand {
    /// Every alert holding a value, normalised: `TYPE=VALUE` (e.g. `phone=+855 12 345 678`)
    /// or a bare value tried as every type (audited).
    Search {
        /// The value.
        value: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the correlation index from the stored alerts (admin).
    Rebuild(JsonFlag),
}

/// `jaring compound ...`.
#[derive(Debug, Subcommand)]
pub enum CompoundCommand {
    /// Every known position of a compound in time order, what links them, and alerts that may
    /// belong (audited).
    Trail {
        /// A compound reference (UUID), or a name or alias.
        compound: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// Also write the map (SVG) to this file.
        #[arg(long)]
        svg: Option<PathBuf>,
    },
    /// Confirm that a suggested alert is about this compound (audited).
    Confirm(DecisionArgs),
    /// Dismiss a suggested alert: it is not about this compound (audited).
    Dismiss(DecisionArgs),
}

/// A decision on a suggestion of `jaring compound trail`.
#[derive(Debug, Args)]
pub struct DecisionArgs {
    /// The trail's key, as `jaring compound trail` prints it (its reference, or `name:...`).
    pub trail: String,
    /// The suggested alert.
    pub id: MessageId,
    /// Its sender.
    #[arg(long, value_parser = parse_agency)]
    pub sender: AgencyId,
    /// For the agency's own alert: send an alert-update to its recipients setting
    /// `compound.ref` to the trail's reference.
    #[arg(long)]
    pub share: bool,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The message id.
    pub id: MessageId,
    /// The sender: needed only when more than one agency sent a message under this id (the
    /// command then says so and names them).
    #[arg(long, value_parser = parse_agency)]
    pub sender: Option<AgencyId>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `jaring follow`.
#[derive(Debug, Args)]
pub struct FollowArgs {
    /// Only this kind.
    #[arg(long)]
    pub kind: Option<Kind>,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
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
    /// Add an X-Wing half (post-quantum hybrid key wrap, spec §8): senders then wrap to it
    /// once the RSO lists it, and referrals stay secret against a future quantum computer.
    #[arg(long)]
    pub pq: bool,
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
    /// Put a signed directory into the hub's key-value bucket, for nodes that follow it.
    Publish(DirectoryPublishArgs),
    /// Revoke an agency's key (or all its keys) in a directory body; sign and publish after.
    Revoke {
        /// The directory body file.
        #[arg(long)]
        body: PathBuf,
        /// The agency.
        #[arg(long, value_parser = parse_agency)]
        agency: AgencyId,
        /// Only this key (its signing, encryption or X-Wing kid); default every key of the agency.
        #[arg(long)]
        kid: Option<String>,
        /// From when (default now); messages the key made after it are refused.
        #[arg(long)]
        at: Option<Timestamp>,
    },
    /// Add a new key pair to an agency of a directory body (a rotation); sign and publish after.
    AddKey {
        /// The directory body file.
        #[arg(long)]
        body: PathBuf,
        /// The agency (must match the public file's).
        #[arg(long, value_parser = parse_agency)]
        agency: AgencyId,
        /// The new public key file (from `jaring keygen`).
        #[arg(long = "pub")]
        public: PathBuf,
        /// Valid from (default now).
        #[arg(long)]
        not_before: Option<Timestamp>,
        /// Valid for this many days.
        #[arg(long, default_value_t = 365)]
        key_valid_days: u32,
    },
}

/// `jaring directory publish`.
#[derive(Debug, Args)]
pub struct DirectoryPublishArgs {
    /// How to reach the hub.
    #[command(flatten)]
    pub conn: NatsArgs,
    /// The bucket.
    #[arg(long, default_value = "jaring-directory")]
    pub bucket: String,
    /// Check the directory against this trust file before publishing.
    #[arg(long)]
    pub trust: Option<PathBuf>,
    /// The signed directory.
    pub directory: PathBuf,
}

/// How to reach NATS: servers, credentials and TLS.
#[derive(Debug, Args, Clone)]
pub struct NatsArgs {
    /// A NATS server URL; repeat for several.
    #[arg(long = "nats")]
    pub nats: Vec<String>,
    /// NATS user (its password from --password-file or JARING_NATS_PASSWORD).
    #[arg(long)]
    pub user: Option<String>,
    /// A file holding the NATS password (never on the command line, where `ps` shows it to
    /// every account of the host); or set JARING_NATS_PASSWORD.
    #[arg(long, requires = "user")]
    pub password_file: Option<PathBuf>,
    /// NATS credentials file.
    #[arg(long, conflicts_with_all = ["user", "password_file"])]
    pub creds: Option<PathBuf>,
    /// CA certificate file for TLS.
    #[arg(long)]
    pub tls_ca: Option<PathBuf>,
    /// Client certificate file for TLS.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// Client key file for TLS.
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
}

impl NatsArgs {
    /// The connection settings these flags give (the same type a node's config and a client
    /// profile give, so that one builder connects them all).
    pub fn settings(&self) -> anyhow::Result<jaring_bus::NatsConfig> {
        use anyhow::Context;
        let password = match (&self.user, &self.password_file) {
            (None, _) => None,
            (Some(_), Some(file)) => Some(
                std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read --password-file {}", file.display()))?
                    .trim_end_matches(['\r', '\n'])
                    .to_owned(),
            ),
            (Some(user), None) => Some(std::env::var("JARING_NATS_PASSWORD").with_context(|| {
                format!("--user {user}: give its password with --password-file FILE or JARING_NATS_PASSWORD")
            })?),
        };
        Ok(jaring_bus::NatsConfig {
            servers: self.nats.clone(),
            user: self.user.clone(),
            password,
            creds_file: self.creds.clone(),
            tls: (self.tls_ca.is_some() || self.tls_cert.is_some()).then(|| {
                jaring_bus::TlsConfig {
                    ca_file: self.tls_ca.clone(),
                    cert_file: self.tls_cert.clone(),
                    key_file: self.tls_key.clone(),
                }
            }),
            ..Default::default()
        })
    }
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
