//! Correlation at scale, on a node's store alone (no network: what is measured is the index).
//!
//! - An index of `alerts` alerts with 20 indicators each (1,000,000 rows at 50,000 alerts),
//!   values shared by about two alerts each, as real indicators are. Then `requests` incoming
//!   alerts with 20 indicators (half of them values already indexed): the time to index one
//!   (its own transaction, commit included) and the time to find everything it links to.
//! - A compound reported in `trail` alerts (the same reference, a shared wallet, moving among
//!   20 sites): the time to build its trail, SVG map included, as the node answers it.
//!
//! Prints p50 and p99 of each.

use std::time::Instant;

use anyhow::{anyhow, Result};
use jaring_core::body::AlertBody;
use jaring_core::envelope::{seal, Draft, Header};
use jaring_core::{AgencyId, Body, Kind, MessageId, Timestamp, Tlp};
use jaring_node::store::correlation::Settings;
use jaring_node::store::Store;
use serde_json::{json, Map, Value};

use crate::scenarios::{alert_1k, network, percentile, verified_directory};

/// Twenty indicators of every type, from `seed` (values of nearby seeds overlap).
fn indicators(seed: usize, shared_from: usize) -> Value {
    let kinds = jaring_core::body::INDICATOR_TYPES;
    let list: Vec<Value> = (0..20)
        .map(|j| {
            // The first ten values are held by two seeds (2k and 2k + 1, or whoever names
            // `shared_from`); the other ten by this seed alone.
            let n = if j < 10 {
                (shared_from / 2) * 10 + j
            } else {
                10_000_000 + seed * 20 + j
            };
            let kind = kinds[j % kinds.len()];
            let (value, extra) = match kind {
                "domain" => (format!("d{n}.example"), json!({})),
                "url" => (format!("https://u{n}.example/jobs?id={n}"), json!({})),
                "phone" => (format!("+855 {n:09}"), json!({"platform": "whatsapp"})),
                "crypto-wallet" => (
                    format!("0x{n:040x}"),
                    json!({"chain": "ethereum", "asset": "USDT"}),
                ),
                "social-handle" => (format!("@Recruiter{n}"), json!({"platform": "telegram"})),
                "ip" => (
                    format!("2001:db8::{:x}:{:x}", n >> 16, n & 0xffff),
                    json!({}),
                ),
                "bank-account" => (format!("KH{n:012}"), json!({})),
                _ => (format!("hr{n}@jobs.example"), json!({})),
            };
            let mut ind = json!({"type": kind, "value": value});
            if let (Value::Object(m), Value::Object(e)) = (&mut ind, extra) {
                m.extend(e);
            }
            ind
        })
        .collect();
    Value::Array(list)
}

fn body(name: &str, reference: Option<&str>, lat: f64, lon: f64, inds: Value) -> Result<AlertBody> {
    let mut compound = json!({"name": name});
    if let Some(r) = reference {
        compound["ref"] = r.into();
    }
    let v = json!({
        "compound": compound,
        "from": {"country": "MM", "name": "Myawaddy", "lat": 16.69, "lon": 98.51},
        "to": {"country": "KH", "name": format!("Site {lat:.2}"), "lat": lat, "lon": lon, "precision_m": 1000},
        "observed_at": "2026-11-20T06:00:00Z", "source_reliability": "B", "info_credibility": "2",
        "indicators": inds
    });
    Ok(Body::new(Kind::CompoundRelocationAlert, v, &[])?.typed()?)
}

/// A header like `template`'s under a fresh id.
fn header(template: &Header, i: usize) -> Header {
    let mut h = template.clone();
    h.id = MessageId::new();
    h.created_at =
        Timestamp::from_unix_millis(1_790_000_000_000 + i as i64).unwrap_or(h.created_at);
    h
}

/// What the index costs a catch-up, apart from everything else a node does with a message:
/// `n` alerts as `jaring-bench catchup` sends them (a name, an alias and a domain every alert
/// shares, so over the cap after the first fifty; two places), indexed into a fresh store in
/// batches of 128 (a catch-up's fetched batch), commits included. Returns microseconds per
/// alert.
fn catchup_index(dir: &std::path::Path, template: &Header, me: &AgencyId, n: usize) -> Result<f64> {
    let store = Store::open(&dir.join("catchup.db"), me.clone())?;
    store.set_correlation_cap(Settings::default().max_per_value)?;
    let b: AlertBody = Body::new(Kind::CompoundRelocationAlert, alert_1k(), &[])?.typed()?;
    let batches: Vec<Vec<(Header, Option<AlertBody>)>> = (0..n)
        .map(|i| (header(template, i), Some(b.clone())))
        .collect::<Vec<_>>()
        .chunks(128)
        .map(<[_]>::to_vec)
        .collect();
    let t = Instant::now();
    for batch in &batches {
        store.reindex(batch)?;
    }
    Ok(t.elapsed().as_secs_f64() * 1e6 / n.max(1) as f64)
}

/// Runs the measurements.
pub fn correlate(alerts: usize, trail: usize, requests: usize) -> Result<Map<String, Value>> {
    let tmp = tempfile::tempdir()?;
    let net = network(tmp.path(), 1)?;
    let directory = verified_directory(&net)?;
    let th = net.secret_key("TH-RTP");
    let me = AgencyId::parse("ID-N001")?;
    let template = seal(
        &th,
        &directory,
        Draft {
            body: Body::new(
                Kind::CompoundRelocationAlert,
                serde_json::to_value(body("t", None, 14.0, 103.0, json!([]))?)?,
                &[],
            )?,
            tlp: Tlp::Amber,
            refs: vec![],
            expires_at: None,
            to: vec![me.clone()],
        },
        Timestamp::now(),
    )?
    .header;
    // 20,000 at the full scale: enough for the index's b-trees to be several levels deep.
    let catchup_alerts = (alerts * 2 / 5).max(500);
    eprintln!("correlation: what indexing costs a catch-up ({catchup_alerts} alerts) ...");
    let catchup_us = catchup_index(tmp.path(), &template, &me, catchup_alerts)?;
    let store = Store::open(&tmp.path().join("jaring.db"), me.clone())?;
    let settings = Settings::default();
    store.set_correlation_cap(settings.max_per_value)?;

    eprintln!("correlation: indexing {alerts} alerts of 20 indicators ...");
    let started = Instant::now();
    let mut batch = Vec::with_capacity(1000);
    for i in 0..alerts {
        let lat = 10.0 + (i % 1000) as f64 * 0.01;
        let lon = 100.0 + (i / 1000) as f64 * 0.01;
        batch.push((
            header(&template, i),
            Some(body(
                &format!("Compound {i}"),
                None,
                lat,
                lon,
                indicators(i, i),
            )?),
        ));
        if batch.len() == 1000 || i + 1 == alerts {
            store.reindex(&batch)?;
            batch.clear();
        }
    }
    let build_s = started.elapsed().as_secs_f64();
    store.checkpoint_background()?;
    let (_, rows, _) = store.correlation_rows()?;

    let (mut index_ms, mut relate_ms, mut links) = (Vec::new(), Vec::new(), 0usize);
    for r in 0..requests {
        let seed = alerts + r;
        // Half its values are already held (those of a random earlier alert), half are new.
        let shared = (r * 7919) % alerts.max(1);
        let h = header(&template, seed);
        let b = body(
            &format!("Incoming {r}"),
            None,
            12.0,
            104.0,
            indicators(seed, shared),
        )?;
        let t0 = Instant::now();
        store.reindex(&[(h.clone(), Some(b))])?;
        let t1 = Instant::now();
        let (related, _) = store.related(&h.id.to_string(), h.sender.as_str(), &settings)?;
        let t2 = Instant::now();
        links += related.len();
        index_ms.push((t1 - t0).as_secs_f64() * 1000.0);
        relate_ms.push((t2 - t1).as_secs_f64() * 1000.0);
    }
    index_ms.sort_by(f64::total_cmp);
    relate_ms.sort_by(f64::total_cmp);
    // As the node receives: many alerts to a transaction (a fetched batch), one commit.
    let batched = {
        let mut batch = Vec::new();
        for r in 0..requests {
            let seed = alerts + requests + r;
            let shared = (r * 7919) % alerts.max(1);
            batch.push((
                header(&template, seed),
                Some(body(
                    &format!("Batched {r}"),
                    None,
                    12.0,
                    104.0,
                    indicators(seed, shared),
                )?),
            ));
        }
        let t0 = Instant::now();
        for chunk in batch.chunks(50) {
            store.reindex(chunk)?;
        }
        t0.elapsed().as_secs_f64() * 1000.0 / requests.max(1) as f64
    };

    eprintln!("correlation: a trail of {trail} alerts ...");
    let reference = "0b7e5c2a-41d4-4c8e-9a5e-6f1d2b3c4d5e";
    let mut batch = Vec::new();
    for i in 0..trail {
        let mut inds = indicators(20_000_000 + i, 20_000_000 + i);
        if let Value::Array(list) = &mut inds {
            list.push(
                json!({"type": "crypto-wallet", "value": "TQ4xSharedTrailWallet", "chain": "tron"}),
            );
        }
        // A compound moves between a score of sites over the years, and comes back to some.
        let site = (i * 7) % 20;
        let lat = 11.0 + site as f64 * 0.6;
        let lon = 97.0 + site as f64 * 0.5;
        batch.push((
            header(&template, 30_000_000 + i),
            Some(body("Golden Fortune", Some(reference), lat, lon, inds)?),
        ));
    }
    store.reindex(&batch)?;
    // A node's checkpointer copies the log into the database every few seconds; the trail is
    // read as it would be then, not through a log of every page just written.
    store.checkpoint_background()?;
    let (mut trail_ms, mut walk_ms) = (Vec::new(), Vec::new());
    let mut positions = 0;
    let mut svg_kib = 0.0;
    for _ in 0..requests {
        let t0 = Instant::now();
        let rows = store.trail(Some(reference), "", &settings)?;
        walk_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        let t = jaring_node::node::trail_of(me.as_str(), rows);
        trail_ms.push(t0.elapsed().as_secs_f64() * 1000.0);
        positions = t.positions.len();
        svg_kib = t.svg.len() as f64 / 1024.0;
    }
    if positions != trail {
        return Err(anyhow!("the trail held {positions} positions, not {trail}"));
    }
    trail_ms.sort_by(f64::total_cmp);
    walk_ms.sort_by(f64::total_cmp);

    let mut f = Map::new();
    f.insert("correlate_index_rows".into(), json!(rows));
    f.insert("correlate_index_build_s".into(), json!(build_s));
    f.insert(
        "correlate_p50_ms_1m".into(),
        json!(percentile(&relate_ms, 0.5)),
    );
    f.insert(
        "correlate_p99_ms_1m".into(),
        json!(percentile(&relate_ms, 0.99)),
    );
    f.insert(
        "correlate_links_per_alert".into(),
        json!(links as f64 / requests.max(1) as f64),
    );
    f.insert(
        "correlate_index_p50_ms_1m".into(),
        json!(percentile(&index_ms, 0.5)),
    );
    f.insert(
        "correlate_index_p99_ms_1m".into(),
        json!(percentile(&index_ms, 0.99)),
    );
    f.insert(
        "correlate_index_batched_ms_per_alert_1m".into(),
        json!(batched),
    );
    f.insert("trail_ms_200_p50".into(), json!(percentile(&trail_ms, 0.5)));
    f.insert("trail_ms_200".into(), json!(percentile(&trail_ms, 0.99)));
    f.insert(
        "trail_index_ms_200_p99".into(),
        json!(percentile(&walk_ms, 0.99)),
    );
    f.insert("trail_svg_kib".into(), json!(svg_kib));
    f.insert("correlate_catchup_index_us".into(), json!(catchup_us));
    Ok(f)
}
