//! Diagnosable failures: every request has an id, in the `x-request-id` header, in its problem
//! document and, for a failure on our side, on the error page and in every log line of the
//! request; a failing store leaves its causes in the log.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;

use crate::harness::World;

/// Log lines written during a test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// The log of this test binary: one subscriber for every thread, so that no test's logging
/// depends on which thread first reached a log statement.
fn log() -> &'static Captured {
    static LOG: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one log per test binary");
        log
    })
}

#[tokio::test]
async fn every_problem_names_its_request() {
    let w = World::new().await;
    let r = w
        .get_with(
            "/api/v1/systems/00000000-0000-0000-0000-000000000000",
            &w.kajaani_editor.token,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let id = r.header("x-request-id").to_string();
    assert_eq!(id.len(), 32, "{id}");
    assert_eq!(r.json()["request_id"], id.as_str());
    // Another request, another id; pages carry one too.
    let page = w.get("/fi/").await;
    assert_ne!(page.header("x-request-id"), id);
}

#[tokio::test]
async fn a_failing_database_is_logged_with_its_causes_under_the_request_id() {
    let log = log();
    let w = World::new().await;
    let session = w.sign_in("admin@kajaani.example").await;
    // The database goes away under a running server.
    w.db.store.close().await;
    let r = w.page("/fi/staff/systems", &session.cookie).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    let id = r.header("x-request-id").to_string();
    assert!(
        r.text.contains(&id),
        "the error page gives the reference to quote"
    );
    let api = w.get_with("/api/v1/systems", &w.kajaani_editor.token).await;
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    let api_id = api.header("x-request-id").to_string();
    assert_eq!(api.json()["request_id"], api_id.as_str());
    assert!(
        !api.text.contains("closed"),
        "the cause is for the log, not for the caller: {}",
        api.text
    );

    let logged = log.text();
    let line = logged
        .lines()
        .find(|l| l.contains(&api_id) && l.contains("ERROR") && l.contains("request failed"))
        .unwrap_or_else(|| panic!("no error logged under {api_id}:\n{logged}"));
    assert!(
        line.contains("the database failed:") && line.contains("closed"),
        "the store's error with the database's cause: {line}"
    );
}
