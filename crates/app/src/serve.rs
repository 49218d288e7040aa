//! The web server, with graceful shutdown, hourly removal of expired sessions and the e-mail
//! worker.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;

use aireg::jobs;
use aireg_domain::clock;
use aireg_store::Store;
use aireg_store_sql::SqlStore;
use aireg_web::{AppState, WebConfig};

use crate::cli::ServeArgs;

/// How long the e-mail worker may take to finish the message it is sending when aireg stops;
/// after that it is cut off and the message is sent again once its lease ends.
const WORKER_GRACE: Duration = Duration::from_secs(10);

pub async fn run(store: Arc<SqlStore>, args: ServeArgs) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = store;
    // Checked before listening: a wrong SMTP URL should stop the start, not the first e-mail.
    let mailer = args.mail.mailer()?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}:{}", args.bind, args.port));
    let config = WebConfig {
        public_url: public_url.clone(),
        ..WebConfig::default()
    };
    let state = AppState::new(store.clone(), config);
    note_policy_versions(&*store).await?;
    let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let cleanup = tokio::spawn(housekeeping(state.clone()));
    let (stop_worker, stop) = watch::channel(false);
    let worker = match mailer {
        Some(mailer) => {
            eprintln!("E-mail goes through {}.", mailer.relay());
            Some(tokio::spawn(jobs::run_worker(store.clone(), mailer, stop)))
        }
        None => {
            eprintln!(
                "E-mail is not configured ({} or --smtp-url): e-mail jobs stay queued until it is.",
                aireg::mail::SMTP_URL_VAR
            );
            None
        }
    };
    eprintln!(
        "aireg is serving {public_url}/ on {} ({} database). Stop with Ctrl-C.",
        listener.local_addr()?,
        store.engine()
    );
    aireg_web::serve(listener, state, shutdown())
        .await
        .context("the server stopped")?;
    cleanup.abort();
    let _ = stop_worker.send(true);
    if let Some(mut worker) = worker
        && tokio::time::timeout(WORKER_GRACE, &mut worker)
            .await
            .is_err()
    {
        worker.abort();
        tracing::warn!("the e-mail worker did not stop in time; its message will be sent again");
    }
    eprintln!("aireg stopped.");
    Ok(())
}

/// Every hour: removes expired sessions and queues the reminders that are due. Several
/// instances may run this at once: a reminder's dedup key makes it go out once.
async fn housekeeping(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match state.store.delete_expired_sessions(clock::now()).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "removed expired sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        match aireg_web::reminders::scan(&state, clock::now().date()).await {
            Ok(r) if r.queued > 0 => tracing::info!(queued = r.queued, "queued reminders"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not scan for reminders"),
        }
    }
}

/// Records the policy pack versions this binary carries: a pack seen for the first time or in
/// a new version is written to the audit log, so a changed policy is on record.
pub async fn note_policy_versions(store: &dyn Store) -> anyhow::Result<()> {
    use aireg_domain::policy::{Action, Actor, Resource, authorize};
    let packs: Vec<(String, String)> = aireg_web::governance::policies()
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .all()
        .iter()
        .map(|p| (p.id.clone(), p.version.clone()))
        .collect();
    let permit = authorize(
        &Actor::command_line("aireg:policy"),
        Action::AdministerPlatform,
        Resource::Platform,
    )
    .map_err(|_| anyhow::anyhow!("the command line may administer the platform"))?;
    for (id, version) in store.note_policy_versions(&permit, &packs).await? {
        eprintln!("Policy pack {id} is now at version {version} (audited).");
    }
    Ok(())
}

/// `aireg jobs remind`: one reminder scan.
pub async fn remind_once(
    store: Arc<SqlStore>,
    public_url: String,
) -> anyhow::Result<std::process::ExitCode> {
    let store: Arc<dyn Store> = store;
    let config = WebConfig {
        public_url,
        ..WebConfig::default()
    };
    let state = AppState::new(store, config);
    let report = aireg_web::reminders::scan(&state, clock::now().date())
        .await
        .map_err(|e| anyhow::anyhow!("the reminder scan failed: {e}"))?;
    println!(
        "{} reminders due, {} newly queued (the others went out before).",
        report.due, report.queued
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
