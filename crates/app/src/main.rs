//! `aireg`: the AI register in one binary.

use std::process::ExitCode;

use clap::Parser;

mod audit;
mod backup;
mod classify;
mod cli;
mod demo;
mod export;
mod import;
mod orgs;
mod password;
mod people;
mod report;
mod serve;
mod synth;
mod usage;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    init_logging();
    match cli::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Logs to stderr; `AIREG_LOG` sets the levels, e.g. `info,sqlx=warn,aireg_web=debug`, and
/// `AIREG_LOG_FORMAT=json` writes one JSON object per line (with the request's span, so its
/// request id) for a log collector.
fn init_logging() {
    use tracing_subscriber::filter::Targets;
    use tracing_subscriber::prelude::*;
    let targets: Targets = std::env::var("AIREG_LOG")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| "info,sqlx=warn,tower_http=info".parse().unwrap_or_default());
    let json = std::env::var("AIREG_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let text = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    if json {
        tracing_subscriber::registry()
            .with(text.json().with_current_span(true).with_span_list(false))
            .with(targets)
            .init();
    } else {
        tracing_subscriber::registry()
            .with(text)
            .with(targets)
            .init();
    }
}
