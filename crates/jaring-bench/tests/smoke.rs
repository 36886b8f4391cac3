//! A short run of every benchmark scenario, so that the benchmark cannot rot: it must finish
//! and produce every figure, each a positive number.

#[test]
fn every_scenario_runs_and_reports_its_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bench.json");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_jaring-bench"))
        .args(["all", "--quick", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let figures: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(figures["hub_sync_interval"], "always", "the hub as shipped");
    for key in [
        "crypto_floor_msgs_per_s",
        "open_floor_msgs_per_s",
        "transport_floor_msgs_per_s",
        "e2e_msgs_per_s",
        "e2e_p50_ms_at_1000",
        "e2e_p99_ms_at_1000",
        "fanout50_p50_ms",
        "fanout50_p99_ms",
        "catchup_msgs_per_s",
        "audit_append_per_s",
        "audit_verify_1m_s",
        "rss_idle_mib",
        "rss_loaded_mib",
        "ratio_e2e_crypto",
        "ratio_e2e_transport",
        "ratio_catchup_open",
        "taxii_read_objs_per_s",
        "medallion_read_objs_per_s",
        "ratio_taxii_medallion",
        "e2e_p99_9_ms_at_1000",
        "e2e_max_ms_at_1000",
        "e2e_p50_ms_at_35pct",
        "e2e_p99_ms_at_35pct",
        "e2e_p99_9_ms_at_35pct",
        "e2e_max_ms_at_35pct",
        "fanout50_p99_9_ms",
        "fanout50_max_ms",
        "ratio_audit_verify_hash_floor",
        "default_sync_transport_floor_msgs_per_s",
        "default_sync_e2e_msgs_per_s",
        "default_sync_e2e_p99_ms_at_1000",
        "default_sync_fanout50_p99_ms",
        "default_sync_catchup_msgs_per_s",
        "x25519_seal_per_s",
        "x25519_open_per_s",
        "xwing_seal_per_s",
        "xwing_open_per_s",
        "xwing_envelope_bytes_1",
        "xwing_envelope_bytes_50",
        "e2e_xwing_msgs_per_s",
        "ratio_e2e_xwing_classic",
        "correlate_catchup_index_us",
        "burst_all_stored_s",
        "burst_alert_p99_ms",
        "burst_referral_post_p99_ms",
        "default_sync_burst_all_stored_s",
    ] {
        let v = figures[key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key} missing: {figures}"));
        assert!(v.is_finite() && v > 0.0, "{key} = {v}");
    }
    // Each X-Wing entry carries a 1120-byte encapsulated key where X25519 carries 32.
    let size = |k: &str| figures[k].as_f64().unwrap();
    assert!(
        size("xwing_envelope_bytes_50") - size("x25519_envelope_bytes_50") > 50.0 * 1000.0,
        "{figures}"
    );
}
