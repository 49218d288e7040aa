//! What an operator does with the real binary: back up the database while the server takes
//! writes, restore the backup (checked first), and refuse a backup whose audit chain was
//! altered.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::json;

mod common;

use common::{Installation, Server, post};

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn a_backup_taken_under_write_load_restores_and_its_chain_verifies() {
    let inst = Installation::new();
    ok(&inst.run(&["demo", "--no-serve"]));
    let token = {
        let out = inst.run(&[
            "token",
            "create",
            "--user",
            "matti.korhonen@kajaani.example",
            "--org",
            "kajaani",
        ]);
        ok(&out);
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let server = Server::start(&inst);

    // Two writers create records as fast as the server takes them while backups are taken.
    let stop = Arc::new(AtomicBool::new(false));
    let created = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let (stop, created) = (stop.clone(), created.clone());
            let (url, token) = (format!("{}/api/v1/systems", server.base), token.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::Relaxed) {
                    let (status, body) = post(
                        &url,
                        &token,
                        json!({"organisation": "kajaani", "record": {
                            "name": {"fi": format!("Kuormitus {w}-{i}")}}}),
                    );
                    assert_eq!(status, 201, "{body}");
                    created.fetch_add(1, Ordering::Relaxed);
                    i += 1;
                }
            })
        })
        .collect();
    while created.load(Ordering::Relaxed) < 20 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let backups = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for n in 0..3 {
        let file = backups.path().join(format!("aireg-{n}.db"));
        let said = ok(&inst.run(&["backup", "--output", file.to_str().unwrap()]));
        assert!(said.contains("audit chain is intact"), "{said}");
        files.push(file);
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    let written = created.load(Ordering::Relaxed);
    // A backup never overwrites a file.
    let again = inst.run(&["backup", "--output", files[0].to_str().unwrap()]);
    assert!(!again.status.success());
    drop(server);

    // The last backup restores into another installation and verifies there.
    let other = Installation::new();
    std::fs::create_dir_all(&other.data).unwrap();
    let said = ok(&other.run(&["restore", files[2].to_str().unwrap()]));
    assert!(said.contains("Restored"), "{said}");
    let verify = other.run(&["audit", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    // Its records are those of the moment it was taken: some of the load, not all of it.
    let export = other.run(&["export", "--format", "json", "--org", "kajaani"]);
    let text = String::from_utf8_lossy(&export.stdout).to_string();
    let loaded = text.matches("Kuormitus ").count();
    assert!(loaded > 0 && loaded <= written, "{loaded} of {written}");
    // Restoring over a database needs --force.
    let refused = other.run(&["restore", files[1].to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    ok(&other.run(&["restore", files[1].to_str().unwrap(), "--force"]));
}

#[test]
fn a_backup_whose_audit_log_was_altered_is_not_restored() {
    let inst = Installation::new();
    ok(&inst.run(&["demo", "--no-serve"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("aireg.db");
    ok(&inst.run(&["backup", "--output", file.to_str().unwrap()]));
    // Someone edits an audited event in the copy.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        use sqlx::ConnectOptions;
        let mut db = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&file)
            .connect()
            .await
            .unwrap();
        let changed =
            sqlx::query("UPDATE audit_event SET actor_name = 'someone else' WHERE seq = 3")
                .execute(&mut db)
                .await
                .unwrap();
        assert_eq!(changed.rows_affected(), 1);
    });
    let other = Installation::new();
    std::fs::create_dir_all(&other.data).unwrap();
    let out = other.run(&["restore", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("broken at event 3"), "{said}");
    assert!(said.contains("Nothing was restored"), "{said}");
    assert!(!other.data.join("aireg.db").exists());
}

#[test]
fn metrics_are_served_on_their_own_address_only() {
    let inst = Installation::new();
    ok(&inst.run(&["demo", "--no-serve"]));
    let port = common::free_port();
    let bind = format!("127.0.0.1:{port}");
    let server = Server::start_with(
        &inst,
        &["--metrics-bind", &bind],
        &[
            ("AIREG_LOG_FORMAT", "json"),
            ("AIREG_LOG", "info,tower_http=debug"),
        ],
    );
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for _ in 0..3 {
        let res = agent.get(format!("{}/fi/", server.base)).call().unwrap();
        assert_eq!(res.status().as_u16(), 200);
    }
    let public = agent
        .get(format!("{}/metrics", server.base))
        .call()
        .unwrap();
    assert_eq!(public.status().as_u16(), 404, "not on the public address");
    let mut res = agent
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .call()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let text = res.body_mut().read_to_string().unwrap();
    assert!(
        text.contains(
            "aireg_http_requests_total{method=\"GET\",route=\"/{lang}/\",status=\"200\"} 3"
        ),
        "{text}"
    );
    assert!(text.contains("aireg_jobs{state=\"queued\"}"), "{text}");
    let said = server.stop();
    assert!(said.contains("Metrics for Prometheus"));
    // The log, asked for as JSON: one object per line, the requests' with their request id.
    let logged: Vec<serde_json::Value> = said
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(!logged.is_empty(), "{said}");
    assert!(
        logged
            .iter()
            .all(|e| e["level"].is_string() && e["timestamp"].is_string())
    );
    assert!(logged.iter().any(|e| e["span"]["id"].is_string()), "{said}");
}
