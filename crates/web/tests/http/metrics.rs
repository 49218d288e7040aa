//! The operator's metrics: off unless asked for, then the requests just made are counted by
//! route pattern and status, and the text is what Prometheus parses.

use std::collections::BTreeSet;

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use aireg_web::{AppState, WebConfig};

use crate::harness::World;

/// One sample: its name, its labels and its value.
type Sample = (String, Vec<(String, String)>, f64);

/// Checks the Prometheus text exposition format (0.0.4) line by line: HELP and TYPE lines,
/// then samples `name{label="value",…} number` of a declared family.
fn parse(text: &str) -> Vec<Sample> {
    let mut families: BTreeSet<String> = BTreeSet::new();
    let mut samples = Vec::new();
    let name_ok = |n: &str| {
        !n.is_empty()
            && n.chars().enumerate().all(|(i, c)| {
                c.is_ascii_alphabetic() || c == '_' || c == ':' || (i > 0 && c.is_ascii_digit())
            })
    };
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# HELP ") {
            assert!(name_ok(rest.split(' ').next().unwrap()), "{line}");
            continue;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut parts = rest.split(' ');
            let name = parts.next().unwrap();
            let kind = parts.next().unwrap();
            assert!(name_ok(name), "{line}");
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            families.insert(name.to_string());
            continue;
        }
        assert!(!line.starts_with('#') && !line.is_empty(), "{line:?}");
        let (series, value) = line.rsplit_once(' ').expect("a sample has a value");
        let value: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {line}"));
        let (name, labels) = match series.split_once('{') {
            None => (series, Vec::new()),
            Some((name, rest)) => {
                let body = rest.strip_suffix('}').expect("labels end with }");
                let mut labels = Vec::new();
                let mut rest = body;
                while !rest.is_empty() {
                    let (key, after) = rest.split_once("=\"").expect("label=\"value\"");
                    assert!(name_ok(key), "{line}");
                    let mut value = String::new();
                    let mut chars = after.char_indices();
                    let end = loop {
                        match chars.next().expect("a closing quote") {
                            (_, '\\') => value.push(chars.next().unwrap().1),
                            (i, '"') => break i,
                            (_, c) => value.push(c),
                        }
                    };
                    labels.push((key.to_string(), value));
                    rest = after[end + 1..].trim_start_matches(',');
                }
                (name, labels)
            }
        };
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| families.contains(*f)))
            .unwrap_or(name);
        assert!(families.contains(family), "undeclared family: {line}");
        samples.push((name.to_string(), labels, value));
    }
    samples
}

#[tokio::test]
async fn metrics_count_the_requests_just_made_in_prometheus_text() {
    let w = World::new().await;
    let state = AppState::with_store(
        w.db.store.clone(),
        aireg_rules::Content::embedded().unwrap(),
        WebConfig::default(),
    );
    // Off: nothing is counted and there is nothing to scrape.
    let off = aireg_web::metrics::router(state.clone())
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::NOT_FOUND);

    let state = state.with_metrics();
    let app = aireg_web::app(state.clone());
    let record = format!("/fi/systems/{}", w.published.id);
    for path in ["/fi/", "/fi/", "/fi/", record.as_str(), "/fi/nowhere"] {
        let res = app
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let _ = to_bytes(res.into_body(), usize::MAX).await;
    }
    // The public application has no /metrics.
    let public = app
        .clone()
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(public.status(), StatusCode::NOT_FOUND);

    let res = aireg_web::metrics::router(state)
        .oneshot(Request::get("/metrics").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = String::from_utf8(
        to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    let samples = parse(&text);
    let count = |route: &str, status: &str| {
        samples
            .iter()
            .find(|(n, l, _)| {
                n == "aireg_http_requests_total"
                    && l.contains(&("route".into(), route.into()))
                    && l.contains(&("status".into(), status.into()))
            })
            .map(|(_, _, v)| *v)
    };
    assert_eq!(count("/{lang}/", "200"), Some(3.0), "{text}");
    assert_eq!(
        count("/{lang}/systems/{id}", "200"),
        Some(1.0),
        "by pattern, not address"
    );
    assert_eq!(count("unmatched", "404"), Some(1.0), "{text}");
    let front_count = samples.iter().find(|(n, l, _)| {
        n == "aireg_http_request_duration_seconds_count"
            && l.contains(&("route".into(), "/{lang}/".into()))
    });
    assert_eq!(front_count.map(|s| s.2), Some(3.0));
    for family in [
        "aireg_db_pool_connections",
        "aireg_jobs",
        "aireg_reminder_scan_duration_seconds",
    ] {
        assert!(samples.iter().any(|(n, _, _)| n == family), "{family}");
    }
}
