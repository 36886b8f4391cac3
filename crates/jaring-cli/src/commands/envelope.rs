//! `jaring envelope seal | open`.

use anyhow::{Context, Result};
use jaring_core::envelope::{open, Draft, Receiver};
use jaring_core::{seal, AgencyId, Body, SecretKey, Timestamp};

use crate::cli::{EnvelopeCommand, OpenArgs, SealArgs};
use crate::commands::load_verified;
use crate::output::read_input;
use crate::Refused;

/// Runs an envelope verb.
pub fn run(cmd: EnvelopeCommand) -> Result<()> {
    match cmd {
        EnvelopeCommand::Seal(args) => seal_cmd(args),
        EnvelopeCommand::Open(args) => open_cmd(args),
    }
}

fn seal_cmd(args: SealArgs) -> Result<()> {
    let key = SecretKey::load(&args.key).context("cannot use the sender key")?;
    let (_, directory) = load_verified(&args.trust, &args.directory)?;
    let raw = read_input(args.body.as_deref())?;
    let value: serde_json::Value = serde_json::from_slice(&raw).context("the body is not JSON")?;
    let body = Body::new(args.kind, value, &args.refs).context("invalid body")?;
    let draft = Draft {
        body,
        tlp: args.tlp.unwrap_or_else(|| args.kind.default_tlp()),
        refs: args.refs,
        expires_at: args.expires,
        to: args.to,
    };
    let sealed = seal(&key, &directory, draft, Timestamp::now()).context("cannot seal")?;
    println!("{}", String::from_utf8_lossy(&sealed.bytes));
    Ok(())
}

fn open_cmd(args: OpenArgs) -> Result<()> {
    let keys = args
        .keys
        .iter()
        .map(|p| SecretKey::load(p).with_context(|| format!("cannot use key {}", p.display())))
        .collect::<Result<Vec<_>>>()?;
    let agency = keys.first().map(|k| k.agency.clone()).unwrap_or_default();
    anyhow::ensure!(
        keys.iter().all(|k| k.agency == agency),
        "all --key files must belong to one agency"
    );
    let me = AgencyId::parse(&agency)
        .with_context(|| format!("key owner `{agency}` is not an agency id"))?;
    let (_, directory) = load_verified(&args.trust, &args.directory)?;
    let bytes = read_input(args.file.as_deref())?;
    // Every encryption half of every --key, X25519 and X-Wing (spec §8).
    let mut decryption = jaring_core::keys::OpeningKeys::default();
    for key in keys {
        decryption.add(key);
    }
    let receiver = Receiver {
        me: &me,
        keys: &decryption,
        directory: &directory,
    };
    let opened = open(&bytes, &receiver, Timestamp::now()).map_err(Refused)?;
    println!("{}", opened.to_json());
    Ok(())
}
