//! What the post-quantum key wrap (spec §8) costs: X-Wing seal and open with one recipient
//! beside X25519's, the size of an envelope to 1 and to 50 recipients of each, and the
//! sustained end-to-end rate with X-Wing keys everywhere as a ratio to a classical run made
//! just before it, each on a fresh hub as shipped.

use std::time::Instant;

use anyhow::{Context, Result};
use jaring_core::envelope::{open, Draft, Receiver};
use jaring_core::keys::OpeningKeys;
use jaring_core::{seal, AgencyId, Body, Kind, Timestamp, Tlp};
use jaring_testkit::NatsServer;
use serde_json::{json, Map, Value};

use crate::scenarios::{alert_1k, e2e_sustained, network_of, rate, verified_directory};

/// Seal alone and open alone of a 1 KiB alert to one recipient, `n` times each on one core,
/// with X25519 keys and then with X-Wing keys; and the envelope sizes. Figures are named
/// `x25519_*` and `xwing_*`.
pub fn crypto(n: usize) -> Result<Map<String, Value>> {
    let n = n.max(1);
    let tmp = tempfile::tempdir()?;
    let mut f = Map::new();
    for (name, pq) in [("x25519", false), ("xwing", true)] {
        let net = network_of(&tmp.path().join(name), 50, pq)?;
        let directory = verified_directory(&net)?;
        let sender = net.secret_key("TH-RTP");
        let me = AgencyId::parse("ID-N001")?;
        let keys = OpeningKeys::from(net.secret_key("ID-N001"));
        let receiver = Receiver {
            me: &me,
            keys: &keys,
            directory: &directory,
        };
        let draft = |to: Vec<AgencyId>| -> Result<Draft> {
            Ok(Draft {
                body: Body::new(Kind::CompoundRelocationAlert, alert_1k(), &[])?,
                tlp: Tlp::Amber,
                refs: vec![],
                expires_at: None,
                to,
            })
        };
        let one = draft(vec![me.clone()])?;
        let now = Timestamp::now();
        let t = Instant::now();
        let sealed: Vec<Vec<u8>> = (0..n)
            .map(|_| seal(&sender, &directory, one.clone(), now).map(|s| s.bytes))
            .collect::<Result<_, _>>()?;
        let seal_rate = rate(n, t.elapsed());
        let t = Instant::now();
        for bytes in &sealed {
            open(bytes, &receiver, now)?;
        }
        let open_rate = rate(n, t.elapsed());
        let fifty = (1..=50)
            .map(|i| AgencyId::parse(&format!("ID-N{i:03}")))
            .collect::<Result<Vec<_>, _>>()?;
        let size_50 = seal(&sender, &directory, draft(fifty)?, now)?.bytes.len();
        f.insert(format!("{name}_seal_per_s"), json!(seal_rate));
        f.insert(format!("{name}_open_per_s"), json!(open_rate));
        f.insert(
            format!("{name}_envelope_bytes_1"),
            json!(sealed.first().map_or(0, Vec::len)),
        );
        f.insert(format!("{name}_envelope_bytes_50"), json!(size_50));
    }
    Ok(f)
}

/// The sustained end-to-end rate of `n` alerts between two nodes, classical keys and then
/// X-Wing keys, each on its own fresh hub, and their ratio (`ratio_e2e_xwing_classic`).
pub async fn end_to_end(n: usize) -> Result<Map<String, Value>> {
    let mut rates = Vec::with_capacity(2);
    for pq in [false, true] {
        let server = NatsServer::builder()
            .sync_interval(jaring_bus::HUB_SYNC_INTERVAL)
            .start()
            .context("starting nats-server")?;
        rates.push(e2e_sustained(&server.url(), n, pq).await?);
    }
    let mut f = Map::new();
    f.insert("e2e_classic_paired_msgs_per_s".into(), json!(rates[0]));
    f.insert("e2e_xwing_msgs_per_s".into(), json!(rates[1]));
    f.insert("ratio_e2e_xwing_classic".into(), json!(rates[1] / rates[0]));
    Ok(f)
}
