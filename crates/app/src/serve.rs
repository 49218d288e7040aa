//! The web server, with graceful shutdown, hourly removal of expired sessions and reminder
//! scan, and the e-mail worker.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch;

use aireg::jobs;
use aireg_domain::audit::AuditKey;
use aireg_domain::clock::{self, SystemClock};
use aireg_domain::policy::Actor;
use aireg_rules::Content;
use aireg_service::{Outbox, Services};
use aireg_store::Store;
use aireg_store_sql::SqlStore;
use aireg_web::client::TrustedProxies;
use aireg_web::{AppState, WebConfig};

use crate::cli::ServeArgs;

/// How long the e-mail worker may take to finish the message it is sending when aireg stops;
/// after that it is cut off and the message is sent again once its lease ends.
const WORKER_GRACE: Duration = Duration::from_secs(10);

/// The use cases over a store, with the content in use and the address for e-mail links.
pub fn services(store: Arc<SqlStore>, content: Content, public_url: &str) -> Arc<Services> {
    let store: Arc<dyn Store> = store;
    Arc::new(Services::new(
        store,
        Arc::new(content),
        Arc::new(SystemClock),
        Outbox::new(public_url),
    ))
}

/// The use cases over a test database, with the built-in content.
#[cfg(test)]
pub fn test_services(db: &aireg_store_sql::testing::TestDb) -> Arc<Services> {
    let content = Content::embedded().expect("the built-in content");
    services(db.store.clone(), content, "http://127.0.0.1:8080")
}

/// The address people use: given, or the one aireg listens on.
pub fn public_url(args: &ServeArgs) -> String {
    args.public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}:{}", args.bind, args.port))
}

pub async fn run(
    db: Arc<SqlStore>,
    services: Arc<Services>,
    args: ServeArgs,
) -> anyhow::Result<()> {
    // Checked before listening: a wrong SMTP URL should stop the start, not the first e-mail.
    let mailer = args.mail.mailer()?;
    let public_url = public_url(&args);
    let trusted_proxies = TrustedProxies::parse(&args.trusted_proxies)
        .map_err(|e| anyhow::anyhow!("--trusted-proxies (AIREG_TRUSTED_PROXIES): {e}"))?
        .reading_forwarded(args.forwarded_header == "forwarded");
    let config = WebConfig {
        public_url: public_url.clone(),
        trusted_proxies,
        public_cache_bytes: args.public_cache_mb * 1024 * 1024,
        usage_min_users: args.usage_min_users,
        tokens: args.token_lifetimes.rules()?,
        ..WebConfig::default()
    };
    let mut state = AppState::new(services.clone(), config);
    let metrics_server = match &args.metrics_bind {
        Some(addr) => {
            state = state.with_metrics();
            let listener = tokio::net::TcpListener::bind(addr.as_str())
                .await
                .with_context(|| format!("cannot listen for metrics on {addr}"))?;
            eprintln!(
                "Metrics for Prometheus: http://{}/metrics",
                listener.local_addr()?
            );
            let metrics_state = state.clone();
            Some(tokio::spawn(async move {
                if let Err(e) = aireg_web::metrics::serve(listener, metrics_state).await {
                    tracing::warn!(error = %e, "the metrics listener stopped");
                }
            }))
        }
        None => None,
    };
    describe_content(services.content());
    note_content_versions(&services).await?;
    let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let audit_key = crate::audit::key(&args.audit_key)?;
    match &audit_key {
        Some(k) => eprintln!(
            "The audit chain is signed every hour with the key {} (feed: {public_url}/api/v1/public/audit/checkpoints).",
            k.public_hex()
        ),
        None => eprintln!(
            "No audit key (AIREG_AUDIT_KEY_FILE): no signed checkpoints of the audit chain are written."
        ),
    }
    let cleanup = tokio::spawn(housekeeping(
        services.clone(),
        db.clone(),
        audit_key,
        state.metrics.clone(),
    ));
    let upkeep = tokio::spawn(upkeep(db));
    let (stop_worker, stop) = watch::channel(false);
    let store = services.store_arc();
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
    upkeep.abort();
    if let Some(m) = metrics_server {
        m.abort();
    }
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

/// Says where the content in use comes from, when it is not the built-in one.
fn describe_content(content: &Content) {
    let [ai_act, policies, templates, classes] = &content.sources;
    if [ai_act, policies, templates, classes]
        .iter()
        .all(|s| **s == aireg_rules::ContentSource::Embedded)
    {
        return;
    }
    eprintln!(
        "Content: AI Act pack {} ({ai_act}); policy packs {} ({policies}); assessment templates \
         {} ({templates}); data classes of {} ({classes}).",
        content.ai_act.version(),
        content
            .policies
            .all()
            .iter()
            .map(|p| format!("{} {}", p.id, p.version))
            .collect::<Vec<_>>()
            .join(", "),
        content
            .templates
            .all()
            .iter()
            .map(|t| format!("{} {}", t.id, t.version))
            .collect::<Vec<_>>()
            .join(", "),
        content
            .data_classes
            .all()
            .iter()
            .map(|c| c.country.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
}

/// Keeps SQLite's write-ahead log short (`SqlStore::upkeep`); nothing to do on PostgreSQL.
async fn upkeep(db: Arc<SqlStore>) {
    let mut tick = tokio::time::interval(aireg_store_sql::sqlite::UPKEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match db.upkeep().await {
            Ok(u) if u.busy => tracing::info!(
                before = u.wal_before,
                after = u.wal_after,
                "the write-ahead log could not be truncated yet: readers held on; trying again"
            ),
            Ok(u) if u.checkpointed => tracing::debug!(
                before = u.wal_before,
                after = u.wal_after,
                "checkpointed the write-ahead log"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(
                error = %aireg_store::error_chain(&e),
                "could not checkpoint the write-ahead log"
            ),
        }
    }
}

/// How long a delivered (or given up) e-mail job is kept, text and all: long enough to answer
/// "was it sent?", short enough not to keep people's messages for ever. A reminder whose
/// matter is still open after this is sent again.
const DONE_JOBS_KEPT: time::Duration = time::Duration::days(90);

/// Sign-in and feedback failures are counted within an hour at most; a day is plenty.
const FAILURES_KEPT: time::Duration = time::Duration::days(1);

/// Every hour: signs a checkpoint of the audit chain (with a key), removes expired sessions,
/// old failures and done jobs, queues the reminders that are due and refreshes the planner's
/// statistics. Several instances may run this at
/// once: a reminder's dedup key makes it go out once.
async fn housekeeping(
    services: Arc<Services>,
    db: Arc<SqlStore>,
    audit_key: Option<AuditKey>,
    metrics: Option<Arc<aireg_web::metrics::Metrics>>,
) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        if let Some(key) = &audit_key {
            match services.checkpoint(key).await {
                Ok(Some(c)) => {
                    tracing::info!(seq = c.seq, "signed a checkpoint of the audit chain")
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "could not sign a checkpoint of the audit chain")
                }
            }
        }
        if let Err(e) = db.refresh_statistics().await {
            tracing::warn!(
                error = %aireg_store::error_chain(&e),
                "could not refresh the planner's statistics"
            );
        }
        let now = clock::now();
        let store = services.store();
        removed("expired sessions", store.delete_expired_sessions(now).await);
        removed(
            "sign-in failures older than a day",
            store
                .delete_login_failures_before(now - FAILURES_KEPT)
                .await,
        );
        removed(
            "done e-mail jobs older than 90 days",
            store.delete_done_jobs_before(now - DONE_JOBS_KEPT).await,
        );
        // Used or expired invitations and reset links are kept a week, so an admin can still
        // see why one did not work; unfinished sign-ins at a provider live ten minutes.
        removed(
            "invitation and password links expired over a week ago",
            store
                .delete_links_before(now - time::Duration::days(7))
                .await,
        );
        removed(
            "unfinished sign-ins at identity providers",
            store.delete_pending_sign_ins_before(now).await,
        );
        let began = std::time::Instant::now();
        let scan = services.scan_reminders(services.now().date()).await;
        if let Some(m) = &metrics {
            m.reminder_scan(began.elapsed(), scan.is_err());
        }
        match scan {
            Ok(r) if r.queued > 0 => tracing::info!(queued = r.queued, "queued reminders"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not scan for reminders"),
        }
    }
}

/// Logs what a clean-up removed (nothing when it removed nothing), or why it could not.
fn removed(what: &str, outcome: aireg_store::StoreResult<u64>) {
    match outcome {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "removed {what}"),
        Err(e) => tracing::warn!(
            error = %aireg_store::error_chain(&e),
            "could not remove {what}"
        ),
    }
}

/// Records the policy pack versions in use: a pack seen for the first time or in a new version
/// is written to the audit log, so a changed policy is on record.
pub async fn note_content_versions(services: &Services) -> anyhow::Result<()> {
    for (id, version) in services
        .note_content_versions(&Actor::command_line("aireg:policy"))
        .await?
    {
        eprintln!("Policy pack {id} is now at version {version} (audited).");
    }
    Ok(())
}

/// `aireg jobs remind`: one reminder scan.
pub async fn remind_once(services: &Services) -> anyhow::Result<std::process::ExitCode> {
    let report = services
        .scan_reminders(services.now().date())
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
