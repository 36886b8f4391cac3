//! The metrics listener, scraped during a real exchange: the counts move as messages are
//! sent, received and refused, and as the API is used; a non-loopback address is refused.

mod common;

use std::io::{Read, Write};
use std::time::Duration;

use common::*;
use jaring_testkit::NatsServer;

/// A free loopback port (bound, then released for the daemon).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `GET /metrics` over plain HTTP/1.0.
fn scrape(port: u16) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text
}

/// The value of one sample line (`name{labels} value`), or 0 when absent.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scrape_during_an_exchange_shows_the_counts_move() {
    let nats = NatsServer::start().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let (p_th, p_id) = (free_port(), free_port());
    let th = Daemon::start(
        &net,
        "TH-RTP",
        &nats.url(),
        &format!("[metrics]\nlisten = \"127.0.0.1:{p_th}\"\n"),
    )
    .await;
    let _id = Daemon::start(
        &net,
        "ID-KEMLU-PNH",
        &nats.url(),
        &format!("[metrics]\nlisten = \"127.0.0.1:{p_id}\"\n"),
    )
    .await;

    let before = scrape(p_id);
    assert!(
        before.starts_with("HTTP/1.0 200") || before.starts_with("HTTP/1.1 200"),
        "{before}"
    );
    assert!(before.contains("application/openmetrics-text"), "{before}");
    assert_eq!(
        sample(&before, "jaring_messages_received_total{family=\"alert\"}"),
        0.0
    );
    assert_eq!(sample(&before, "jaring_nats_connected"), 1.0);
    assert_eq!(sample(&before, "jaring_store_writable"), 1.0, "{before}");
    assert!(
        sample(&before, "jaring_directory_expiry_seconds") > 0.0,
        "{before}"
    );
    assert_eq!(sample(&before, "jaring_directory_serial"), 1.0, "{before}");

    // Two alerts and a referral from TH-RTP; one junk envelope on ID's subject.
    th.post_alert(&["ID-KEMLU-PNH"]).await;
    th.post_alert(&["ID-KEMLU-PNH"]).await;
    th.post_referral(&["ID-KEMLU-PNH"]).await;
    let client = async_nats::connect(nats.url()).await.unwrap();
    client
        .publish("rso.v1.alert.TH-RTP.ID-KEMLU-PNH", "not an envelope".into())
        .await
        .unwrap();
    client.flush().await.unwrap();
    let arrived = wait_until(Duration::from_secs(20), || async {
        let t = scrape(p_id);
        sample(&t, "jaring_messages_received_total{family=\"alert\"}") == 2.0
            && sample(&t, "jaring_messages_received_total{family=\"referral\"}") == 1.0
            && sample(&t, "jaring_messages_refused_total{code=\"malformed\"}") == 1.0
    })
    .await;
    assert!(arrived, "{}", scrape(p_id));

    let sender = scrape(p_th);
    assert_eq!(
        sample(&sender, "jaring_messages_sent_total{family=\"alert\"}"),
        2.0,
        "{sender}"
    );
    assert_eq!(
        sample(&sender, "jaring_messages_sent_total{family=\"referral\"}"),
        1.0
    );
    assert!(
        sample(&sender, "jaring_commit_seconds_count") >= 1.0,
        "{sender}"
    );
    assert!(
        sample(
            &sender,
            "jaring_api_requests_total{route=\"POST /v1/messages\",status=\"200\"}"
        ) >= 3.0,
        "{sender}"
    );
    // Receipts come back: the sender's pending deliveries go to zero.
    let settled = wait_until(Duration::from_secs(20), || async {
        sample(&scrape(p_th), "jaring_deliveries{state=\"pending\"}") == 0.0
    })
    .await;
    assert!(settled, "{}", scrape(p_th));
    let receiver = scrape(p_id);
    assert!(
        receiver.contains("jaring_consumer_lag_messages{family=\"alert\"} 0"),
        "{receiver}"
    );
}

#[test]
fn a_metrics_listener_off_loopback_is_refused_unless_allowed() {
    let tmp = tempfile::tempdir().unwrap();
    let net = net(tmp.path());
    let base = format!(
        "agency = \"TH-RTP\"\nkey_file = \"{}\"\ntrust_file = \"{}\"\ndata_dir = \"{}\"\n[directory]\nfile = \"{}\"\n[nats]\nservers = [\"nats://127.0.0.1:4222\"]\n",
        net.key_file("TH-RTP").display(),
        net.trust_file().display(),
        tmp.path().join("data").display(),
        net.directory_file().display(),
    );
    let path = tmp.path().join("c.toml");
    std::fs::write(
        &path,
        format!("{base}[metrics]\nlisten = \"0.0.0.0:9464\"\n"),
    )
    .unwrap();
    let err = jaring_node::Config::load(&path).unwrap_err().to_string();
    assert!(
        err.contains("metrics.listen") && err.contains("loopback"),
        "{err}"
    );
    std::fs::write(
        &path,
        format!("{base}[metrics]\nlisten = \"0.0.0.0:9464\"\nallow_remote = true\n"),
    )
    .unwrap();
    assert!(jaring_node::Config::load(&path).is_ok());
}
