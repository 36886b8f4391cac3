//! Issue 17's burst: after a raid, one liaison's script posts thousands of victim referrals,
//! each to ten agencies, as fast as its node's API answers; meanwhile another agency posts a
//! small alert to the same ten every 100 ms. Two figures: the time until every referral is
//! stored at every recipient, and how long each small alert takes meanwhile, from its post
//! until all ten have stored it.
//!
//! The two senders are nodes in their own processes, driven through their API as a script
//! would; the recipients run in this process, so that each store is seen from its node's
//! event stream the moment it commits.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use jaring_core::directory::Role;
use jaring_node::client::Client;
use jaring_testkit::TestNetwork;
use serde_json::{json, Map, Value};

use crate::scenarios::{
    alert_1k, insert_percentiles, node_config, referral_body, ChildNode, InProcess,
};

/// The agencies every referral and every small alert go to, unless asked otherwise.
pub const RECIPIENTS: usize = 10;
/// How often the other agency posts its small alert.
const ALERT_EVERY: Duration = Duration::from_millis(100);
/// The longest the burst may take before the scenario gives up.
const LIMIT: Duration = Duration::from_secs(900);
/// The longest one post may take before it counts as failed.
const CALL_LIMIT: Duration = Duration::from_secs(30);

/// When each message was stored, and by which recipients (a bit each).
type Arrivals = Arc<Mutex<HashMap<String, (u16, Instant)>>>;

/// A post and when it was answered: (id, posted, answered).
type Posted = Arc<Mutex<Vec<(String, Instant, Instant)>>>;

/// The burst of `referrals` referrals, each to `width` agencies (at most 16), posted by
/// `callers` concurrent callers (1: one script posting in turn) through a hub at `url`; the
/// figures under `burst_`. `background`: the script asks for each answer once the referral is
/// stored (`SendRequest::background`), not once the hub acknowledged its copies.
pub async fn burst(
    url: &str,
    referrals: usize,
    callers: usize,
    width: usize,
    background: bool,
) -> Result<Map<String, Value>> {
    let width = width.clamp(1, 16);
    let tmp = tempfile::tempdir()?;
    let recipients: Vec<String> = (1..=width).map(|i| format!("ID-N{i:03}")).collect();
    let mut members = vec![
        ("TH-RTP", Role::LawEnforcement),
        ("MY-PDRM", Role::LawEnforcement),
    ];
    members.extend(recipients.iter().map(|a| (a.as_str(), Role::Consular)));
    let net = TestNetwork::create_with_pq(tmp.path(), &members, &[]).map_err(|e| anyhow!(e))?;
    let liaison = ChildNode::start(&node_config(&net, "TH-RTP", url)?, tmp.path()).await?;
    let other = ChildNode::start(&node_config(&net, "MY-PDRM", url)?, tmp.path()).await?;

    let arrivals: Arrivals = Arc::default();
    let lagged = Arc::new(AtomicBool::new(false));
    let mut nodes = Vec::new();
    let mut followers = tokio::task::JoinSet::new();
    for (bit, id) in recipients.iter().enumerate() {
        let node = match InProcess::start(node_config(&net, id, url)?).await {
            Ok(node) => node,
            Err(e) => {
                stop_all(nodes, &mut followers).await;
                return Err(e);
            }
        };
        let mut events = node.node.events.subscribe();
        let (arrivals, lagged) = (arrivals.clone(), lagged.clone());
        followers.spawn(async move {
            loop {
                match events.recv().await {
                    Ok(e) => {
                        if let Ok(mut a) = arrivals.lock() {
                            let now = Instant::now();
                            let entry = a.entry(e.id).or_insert((0, now));
                            entry.0 |= 1 << bit;
                            entry.1 = now;
                        }
                    }
                    // A follower that fell behind has lost stores it cannot count: the
                    // scenario fails rather than report a time for copies it did not see.
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        lagged.store(true, Ordering::Relaxed);
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                }
            }
        });
        nodes.push(node);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let run = Run {
        recipients,
        arrivals,
        lagged,
    };
    let figures = run
        .measure(
            &liaison.client,
            &other.client,
            referrals,
            callers,
            background,
        )
        .await;
    drop((liaison, other));
    stop_all(nodes, &mut followers).await;
    figures
}

/// Stops the in-process recipients and their followers.
async fn stop_all(nodes: Vec<InProcess>, followers: &mut tokio::task::JoinSet<()>) {
    for node in nodes {
        node.shutdown().await;
    }
    followers.abort_all();
}

/// What the measurement reads while the nodes run.
struct Run {
    recipients: Vec<String>,
    arrivals: Arrivals,
    lagged: Arc<AtomicBool>,
}

impl Run {
    /// How many of `posted` every recipient has stored.
    fn everywhere(&self, posted: &Posted) -> usize {
        let all = self.all();
        match (posted.lock(), self.arrivals.lock()) {
            (Ok(p), Ok(a)) => p
                .iter()
                .filter(|(id, _, _)| a.get(id).is_some_and(|(bits, _)| *bits == all))
                .count(),
            _ => 0,
        }
    }

    /// The bits of a message every recipient stored.
    fn all(&self) -> u16 {
        ((1u32 << self.recipients.len()) - 1) as u16
    }

    /// Waits until every one of `posted` is stored everywhere, a follower fell behind, or
    /// `deadline` passes.
    async fn wait_for(&self, posted: &Posted, deadline: Instant) {
        let want = posted.lock().map(|p| p.len()).unwrap_or(0);
        while self.everywhere(posted) < want
            && !self.lagged.load(Ordering::Relaxed)
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn measure(
        &self,
        liaison: &Client,
        other: &Client,
        referrals: usize,
        callers: usize,
        background: bool,
    ) -> Result<Map<String, Value>> {
        let width = self.recipients.len();
        let t0 = Instant::now();
        let (referrals_posted, alerts_posted): (Posted, Posted) = (Arc::default(), Arc::default());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let alerts = {
            let (client, posted) = (other.clone(), alerts_posted.clone());
            let mut body = alert_1k();
            body["narrative"] = "".into();
            let post =
                json!({"kind": "compound-relocation-alert", "to": self.recipients, "body": body});
            tokio::spawn(async move {
                let mut tick = tokio::time::interval(ALERT_EVERY);
                // A post that took longer than the period delays the next one rather than
                // sending those it missed in a row: one alert every 100 ms at most.
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                let bound = (LIMIT.as_millis() / ALERT_EVERY.as_millis()) as usize;
                for _ in 0..bound {
                    tick.tick().await;
                    if *stopped.borrow() {
                        break;
                    }
                    post_one(&client, &post, &posted).await;
                }
            })
        };
        let callers = callers.max(1);
        let mut scripts = tokio::task::JoinSet::new();
        for w in 0..callers {
            let (client, posted) = (liaison.clone(), referrals_posted.clone());
            let post = json!({"kind": "victim-referral", "to": self.recipients, "body": referral_body(), "background": background});
            scripts.spawn(async move {
                for _ in (w..referrals).step_by(callers) {
                    post_one(&client, &post, &posted).await;
                }
            });
        }
        while scripts.join_next().await.is_some() {}
        let posting_s = t0.elapsed().as_secs_f64();
        let posted = referrals_posted.lock().map(|p| p.len()).unwrap_or(0);
        if posted == referrals {
            self.wait_for(&referrals_posted, t0 + LIMIT).await;
        }
        let _ = stop.send(true);
        let _ = alerts.await;
        // The last small alerts: a few seconds to arrive.
        self.wait_for(&alerts_posted, Instant::now() + Duration::from_secs(30))
            .await;
        anyhow::ensure!(
            !self.lagged.load(Ordering::Relaxed),
            "burst: a recipient's event stream fell behind; its stores were not all seen"
        );

        let all = self.all();
        let (rp, ap, a) = (
            referrals_posted.lock().map_err(|_| anyhow!("lock"))?,
            alerts_posted.lock().map_err(|_| anyhow!("lock"))?,
            self.arrivals.lock().map_err(|_| anyhow!("lock"))?,
        );
        let complete = |id: &String| a.get(id).filter(|(bits, _)| *bits == all).map(|(_, t)| *t);
        let stored: Vec<Instant> = rp.iter().filter_map(|(id, _, _)| complete(id)).collect();
        anyhow::ensure!(
            rp.len() == referrals && stored.len() == referrals,
            "burst: {} of {referrals} referrals posted, {} stored at all {width} recipients",
            rp.len(),
            stored.len()
        );
        let last = stored.iter().max().copied().unwrap_or(t0);
        let all_stored_s = last.duration_since(t0).as_secs_f64();
        let ms =
            |later: Instant, earlier: Instant| later.duration_since(earlier).as_secs_f64() * 1e3;
        let mut answered: Vec<f64> = rp.iter().map(|(_, at, done)| ms(*done, *at)).collect();
        let mut small: Vec<f64> = ap
            .iter()
            .filter_map(|(id, at, _)| complete(id).map(|t| ms(t, *at)))
            .collect();
        anyhow::ensure!(
            !ap.is_empty() && small.len() == ap.len(),
            "burst: {} of {} small alerts stored at all {width} recipients",
            small.len(),
            ap.len()
        );
        answered.sort_by(f64::total_cmp);
        small.sort_by(f64::total_cmp);

        let mut f = Map::new();
        f.insert("burst_referrals".into(), json!(referrals));
        f.insert("burst_recipients".into(), json!(width));
        f.insert("burst_callers".into(), json!(callers));
        f.insert("burst_posting_s".into(), json!(posting_s));
        f.insert("burst_all_stored_s".into(), json!(all_stored_s));
        f.insert(
            "burst_copies_per_s".into(),
            json!((referrals * width) as f64 / all_stored_s.max(1e-9)),
        );
        insert_percentiles(&mut f, "burst_referral_post", "", &answered);
        insert_percentiles(&mut f, "burst_alert", "", &small);
        f.insert("burst_alerts".into(), json!(small.len()));
        Ok(f)
    }
}

/// Posts once and notes the post when it was answered with an id (a post that fails or
/// takes longer than [`CALL_LIMIT`] is not noted, and the scenario then reports it).
async fn post_one(client: &Client, post: &Value, posted: &Posted) {
    let at = Instant::now();
    let answer = tokio::time::timeout(CALL_LIMIT, client.call("POST", "/v1/messages", Some(post)));
    if let Ok(Ok(r)) = answer.await {
        if let (Some(id), Ok(mut p)) = (r["id"].as_str(), posted.lock()) {
            p.push((id.to_owned(), at, Instant::now()));
        }
    }
}
