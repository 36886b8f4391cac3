//! The fixed worlds every target runs in, built once from the shared vectors: trust files,
//! directories, the agencies' secret keys and the audit checkpoints.
//!
//! Everything is compiled in (`include_bytes!`), so a fuzzing binary reads no files at run
//! time and every run sees the same worlds. The clock is fixed too: a target that asked the
//! system for the time would behave differently from one day to the next, and an input found
//! today could not be replayed next year.

use std::sync::OnceLock;

use jaring_audit::Checkpoint;
use jaring_core::keys::VerifyingKey;
use jaring_core::{AgencyId, Directory, SecretKey, SignedDirectory, Timestamp, Trust};

/// One file of the shared vectors (`../shared` beside the repository), compiled in.
macro_rules! vector {
    ($path:literal) => {
        include_bytes!(concat!("../../../../shared/spec/vectors/", $path)).as_slice()
    };
}

/// The time every target runs at: inside every vector key's validity (2026-11-23 to
/// 2036-11-24) and after every good vector was sealed (the latest, rev2, on 2026-11-26), so
/// that the vectors' faults (an expired envelope, a clock-skewed one, a key used before its
/// time) show as they were made.
const NOW: &str = "2026-12-01T00:00:00Z";

/// The agency whose log the audit vectors are.
pub(crate) const AUDITED: &str = "ID-KEMLU-PNH";

/// One agency whose secret key the vectors give: it opens what is sealed to it and signs
/// what it sends.
pub(crate) struct Agent {
    /// The agency id the key file names.
    pub id: AgencyId,
    /// Its keys.
    pub key: SecretKey,
}

/// One network as a node of it sees it: its trust file, the directory it holds, and the
/// secret keys of the agencies that can open and sign in it.
pub(crate) struct World {
    /// The pinned trust file.
    pub trust: Trust,
    /// The directory held.
    pub directory: Directory,
    /// Every agency whose secret key the vectors give, members first.
    pub agents: Vec<Agent>,
}

impl World {
    /// The agent with this agency id, if its key is given.
    pub fn agent(&self, id: &AgencyId) -> Option<&Agent> {
        self.agents.iter().find(|a| &a.id == id)
    }

    /// The agent whose signing key has this kid.
    pub fn signer(&self, kid: &str) -> Option<&Agent> {
        self.agents
            .iter()
            .find(|a| a.key.sign.verifying_key().kid().as_str() == kid)
    }
}

/// Everything the targets share.
pub(crate) struct Fixture {
    /// The time every check is made at.
    pub now: Timestamp,
    /// wire-v1 first, then wire-v1-rev2: different roots and keys, so an envelope or a
    /// directory of one is refused in the other before its signature is even checked.
    pub worlds: Vec<World>,
    /// The checkpoints of ID-KEMLU-PNH's log a witness holds (sizes 3 and 7, wire-v1).
    pub held_checkpoints: Vec<Checkpoint>,
}

impl Fixture {
    /// wire-v1, the world of the audit vectors and of the sealing targets.
    pub fn v1(&self) -> &World {
        &self.worlds[0]
    }

    /// The signing keys wire-v1's directory lists for the audited agency.
    pub fn audited_keys(&self) -> Vec<&VerifyingKey> {
        AgencyId::parse(AUDITED)
            .ok()
            .and_then(|id| self.v1().directory.agency(&id))
            .map(|a| a.keys.iter().map(|k| &k.sign).collect())
            .unwrap_or_default()
    }
}

/// The worlds, built on first use. Building them reads no input: if it fails, the vectors
/// changed and every target is useless until this file follows them, so a panic at the very
/// first run (before any fuzzing, and in the corpus test) is the honest answer.
pub(crate) fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| build().unwrap_or_else(|e| panic!("jaring-fuzz fixture: {e}")))
}

fn build() -> Result<Fixture, String> {
    let now = Timestamp::parse(NOW).map_err(|e| e.to_string())?;
    // Serial 2 rather than 1: it lists the revoked TH-RTP key as well, so every refusal of
    // spec §4 can be reached, and the envelopes sealed under serial 1 still verify under it.
    let v1 = world(
        vector!("wire-v1/trust.json"),
        vector!("wire-v1/directories/directory-serial2-revocation.json"),
        &[
            vector!("wire-v1/keys/TH-RTP.key.json"),
            vector!("wire-v1/keys/ID-KEMLU-PNH.key.json"),
            vector!("wire-v1/keys/PH-DFA.key.json"),
            // Not a member: signs what the directory must refuse.
            vector!("wire-v1/keys/VN-MPS.key.json"),
            // A TH-RTP key no directory lists, and the one serial 2 lists as revoked.
            vector!("wire-v1/keys/TH-RTP.rogue.key.json"),
            vector!("wire-v1/keys/TH-RTP.revoked.key.json"),
        ],
        now,
    )
    .map_err(|e| format!("wire-v1: {e}"))?;
    // Rev2's directory lists X-Wing keys for ID-KEMLU-PNH and VN-MPS (spec §8): envelopes
    // to them carry X-Wing entries, so the fuzzers reach that unwrap and step 7a as well.
    let rev2 = world(
        vector!("wire-v1-rev2/trust.json"),
        vector!("wire-v1-rev2/directories/directory.json"),
        &[
            vector!("wire-v1-rev2/keys/TH-RTP.key.json"),
            vector!("wire-v1-rev2/keys/PH-DFA.key.json"),
            vector!("wire-v1-rev2/keys/ID-KEMLU-PNH.key.json"),
            vector!("wire-v1-rev2/keys/VN-MPS.key.json"),
        ],
        now,
    )
    .map_err(|e| format!("wire-v1-rev2: {e}"))?;
    let mut held_checkpoints = Vec::new();
    for note in [
        vector!("wire-v1/audit/checkpoint-3.txt"),
        vector!("wire-v1/audit/checkpoint-7.txt"),
    ] {
        let note = std::str::from_utf8(note).map_err(|e| e.to_string())?;
        let (checkpoint, _) = Checkpoint::parse(note).map_err(|e| e.to_string())?;
        held_checkpoints.push(checkpoint);
    }
    Ok(Fixture {
        now,
        worlds: vec![v1, rev2],
        held_checkpoints,
    })
}

fn world(trust: &[u8], directory: &[u8], keys: &[&[u8]], now: Timestamp) -> Result<World, String> {
    let trust = Trust::from_json(trust, "trust.json").map_err(|e| e.to_string())?;
    let directory = SignedDirectory::from_json(directory)
        .and_then(|d| d.verify(&trust, now))
        .map_err(|e| format!("directory: {e}"))?;
    let mut agents = Vec::with_capacity(keys.len());
    for bytes in keys {
        let key = SecretKey::from_json(bytes, "secret key").map_err(|e| e.to_string())?;
        let id = AgencyId::parse(&key.agency).map_err(|e| format!("{}: {e}", key.agency))?;
        agents.push(Agent { id, key });
    }
    Ok(World {
        trust,
        directory,
        agents,
    })
}
