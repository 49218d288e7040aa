//! The web server, with graceful shutdown and hourly removal of expired sessions.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use aireg_domain::clock;
use aireg_store::Store;
use aireg_store_sql::SqlStore;
use aireg_web::{AppState, WebConfig};

use crate::cli::ServeArgs;

pub async fn run(store: Arc<SqlStore>, args: ServeArgs) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = store;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}:{}", args.bind, args.port));
    let config = WebConfig {
        public_url: public_url.clone(),
        ..WebConfig::default()
    };
    let state = AppState::new(store.clone(), config);
    let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port))
        .await
        .with_context(|| format!("cannot listen on {}:{}", args.bind, args.port))?;
    let cleanup = tokio::spawn(expire_sessions(store.clone()));
    eprintln!(
        "aireg is serving {public_url}/ on {} ({} database). Stop with Ctrl-C.",
        listener.local_addr()?,
        store.engine()
    );
    aireg_web::serve(listener, state, shutdown())
        .await
        .context("the server stopped")?;
    cleanup.abort();
    eprintln!("aireg stopped.");
    Ok(())
}

async fn expire_sessions(store: Arc<dyn Store>) {
    let mut tick = tokio::time::interval(Duration::from_secs(3600));
    loop {
        tick.tick().await;
        match store.delete_expired_sessions(clock::now()).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "removed expired sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
    }
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
