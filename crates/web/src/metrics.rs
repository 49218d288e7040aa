//! What an operator's Prometheus scrapes: requests by route and status, their latency, the
//! database pool, the e-mail queue and the reminder scan, in the Prometheus text format
//! (version 0.0.4). Off unless `--metrics-bind` names an address; then served there only, never
//! on the public address.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::error::AppError;
use crate::state::AppState;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histogram {
    /// Observations at or under each bucket's bound (not yet cumulative).
    buckets: [u64; BUCKETS.len()],
    sum: f64,
    count: u64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = BUCKETS.iter().position(|b| seconds <= *b) {
            self.buckets[i] += 1;
        }
        self.sum += seconds;
        self.count += 1;
    }
}

#[derive(Default)]
struct Counts {
    /// (method, route, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// (method, route) → latency.
    latency: BTreeMap<(String, String), Histogram>,
    scans: u64,
    scan_failures: u64,
    last_scan_seconds: f64,
}

/// The process's measurements since it started.
pub struct Metrics {
    started: Instant,
    counts: Mutex<Counts>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            started: Instant::now(),
            counts: Mutex::new(Counts::default()),
        }
    }
}

impl Metrics {
    /// One answered request. `route` is the router's pattern (`/{lang}/systems/{id}`), so the
    /// series stay as few as the routes, whatever the addresses asked.
    pub fn observe(&self, method: &str, route: &str, status: u16, took: Duration) {
        let Ok(mut c) = self.counts.lock() else {
            return;
        };
        *c.requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        c.latency
            .entry((method.to_string(), route.to_string()))
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// One reminder scan, how long it took and whether it failed.
    pub fn reminder_scan(&self, took: Duration, failed: bool) {
        if let Ok(mut c) = self.counts.lock() {
            c.scans += 1;
            c.scan_failures += u64::from(failed);
            c.last_scan_seconds = took.as_secs_f64();
        }
    }

    /// The text Prometheus reads, with the pool and queue figures given.
    pub fn render(&self, pool: aireg_store::PoolStats, jobs: aireg_store::JobCounts) -> String {
        let mut out = String::new();
        let Ok(c) = self.counts.lock() else {
            return out;
        };
        family(
            &mut out,
            "aireg_http_requests_total",
            "counter",
            "Requests answered, by method, route pattern and status.",
        );
        for ((method, route, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "aireg_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                label(route)
            );
        }
        family(
            &mut out,
            "aireg_http_request_duration_seconds",
            "histogram",
            "Time to answer, by method and route pattern.",
        );
        for ((method, route), h) in &c.latency {
            let labels = format!("method=\"{method}\",route=\"{}\"", label(route));
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "aireg_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "aireg_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 aireg_http_request_duration_seconds_sum{{{labels}}} {}\n\
                 aireg_http_request_duration_seconds_count{{{labels}}} {}",
                h.count, h.sum, h.count
            );
        }
        family(
            &mut out,
            "aireg_db_pool_connections",
            "gauge",
            "Database pool connections, open and idle.",
        );
        let _ = writeln!(
            out,
            "aireg_db_pool_connections{{state=\"open\"}} {}\naireg_db_pool_connections{{state=\"idle\"}} {}",
            pool.open, pool.idle
        );
        family(
            &mut out,
            "aireg_jobs",
            "gauge",
            "E-mail jobs by state (done and given-up jobs are kept 90 days).",
        );
        for (state, n) in [
            ("queued", jobs.queued),
            ("retrying", jobs.retrying),
            ("done", jobs.done),
            ("given_up", jobs.given_up),
        ] {
            let _ = writeln!(out, "aireg_jobs{{state=\"{state}\"}} {n}");
        }
        family(
            &mut out,
            "aireg_reminder_scans_total",
            "counter",
            "Reminder scans run by this process.",
        );
        let _ = writeln!(out, "aireg_reminder_scans_total {}", c.scans);
        family(
            &mut out,
            "aireg_reminder_scan_failures_total",
            "counter",
            "Reminder scans that failed.",
        );
        let _ = writeln!(
            out,
            "aireg_reminder_scan_failures_total {}",
            c.scan_failures
        );
        family(
            &mut out,
            "aireg_reminder_scan_duration_seconds",
            "gauge",
            "How long the last reminder scan took.",
        );
        let _ = writeln!(
            out,
            "aireg_reminder_scan_duration_seconds {}",
            c.last_scan_seconds
        );
        family(
            &mut out,
            "aireg_uptime_seconds",
            "gauge",
            "Seconds since this process started.",
        );
        let _ = writeln!(
            out,
            "aireg_uptime_seconds {}",
            self.started.elapsed().as_secs()
        );
        out
    }
}

/// A metric family's help and type lines.
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value with `\`, `"` and line breaks escaped, as the format asks.
fn label(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Counts each request of the application (added in front of it when metrics are on).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(metrics) = state.metrics.clone() else {
        return next.run(req).await;
    };
    // Any other word a client sends as its method is "other": the series stay bounded.
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS") => m,
        _ => "other",
    }
    .to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let began = Instant::now();
    let res = next.run(req).await;
    metrics.observe(&method, &route, res.status().as_u16(), began.elapsed());
    res
}

/// Serves `GET /metrics` on its own listener until the task is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(listener, router(state)).await
}

/// The metrics address's one route.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Result<Response, AppError> {
    let Some(metrics) = &state.metrics else {
        return Err(AppError::NotFound);
    };
    let jobs = state.store.job_counts().await?;
    let body = metrics.render(state.store.pool_stats(), jobs);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_cumulative_and_labels_escaped() {
        let m = Metrics::default();
        m.observe("GET", "/{lang}/", 200, Duration::from_millis(3));
        m.observe("GET", "/{lang}/", 200, Duration::from_millis(40));
        m.observe("GET", "a\"b", 404, Duration::from_secs(20));
        let text = m.render(Default::default(), Default::default());
        assert!(text.contains(
            "aireg_http_requests_total{method=\"GET\",route=\"/{lang}/\",status=\"200\"} 2"
        ));
        assert!(
            text.contains("route=\"/{lang}/\",le=\"0.005\"} 1"),
            "{text}"
        );
        assert!(text.contains("route=\"/{lang}/\",le=\"0.05\"} 2"), "{text}");
        assert!(text.contains("route=\"/{lang}/\",le=\"+Inf\"} 2"), "{text}");
        assert!(
            text.contains("route=\"a\\\"b\",le=\"10\"} 0"),
            "slower than every bucket: {text}"
        );
        assert!(text.contains("route=\"a\\\"b\",le=\"+Inf\"} 1"), "{text}");
    }
}
