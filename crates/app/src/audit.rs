//! `aireg audit verify`: walks the audit chain in order, a thousand events at a time.

use std::process::ExitCode;

use aireg_domain::audit::ChainVerifier;
use aireg_store::prelude::*;
use aireg_store_sql::SqlStore;

const BATCH: i64 = 1000;

pub async fn verify(store: &SqlStore) -> anyhow::Result<ExitCode> {
    // The head is read first and the walk stops there: events written while it runs (a live
    // server) belong to a later head and are not a break in this one.
    let head = store.audit_head().await?;
    let last = head.as_ref().map(|(seq, _)| *seq).unwrap_or(0);
    let mut verifier = ChainVerifier::new();
    let mut after = 0;
    let mut checked = 0u64;
    'walk: loop {
        let batch = match store.audit_events(after, BATCH).await {
            Ok(b) => b,
            Err(e) => {
                // A row that does not even read back was edited by hand; find which.
                return Ok(unreadable(store, after, &e.to_string()).await);
            }
        };
        if batch.is_empty() {
            break;
        }
        for event in &batch {
            if event.seq > last {
                break 'walk;
            }
            if let Err(broken) = verifier.check(event) {
                println!("audit chain BROKEN at event {}: {broken}", broken.seq());
                return Ok(ExitCode::from(1));
            }
            after = event.seq;
            checked += 1;
        }
        if checked.is_multiple_of(10_000) {
            eprintln!("checked {checked} events…");
        }
    }
    match verifier.finish(head.as_ref().map(|(s, h)| (*s, h.as_str()))) {
        Ok(last) => {
            let hash = head.map(|(_, h)| h).unwrap_or_default();
            println!("audit chain intact: {last} events, head {hash}");
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            println!("audit chain BROKEN at event {}: {broken}", broken.seq());
            Ok(ExitCode::from(1))
        }
    }
}

async fn unreadable(store: &SqlStore, after: i64, error: &str) -> ExitCode {
    let mut at = after;
    loop {
        match store.audit_events(at, 1).await {
            Ok(one) if !one.is_empty() => at = one[0].seq,
            Ok(_) => break,
            Err(_) => break,
        }
    }
    println!(
        "audit chain BROKEN at event {}: the stored event cannot be read ({error})",
        at + 1
    );
    ExitCode::from(1)
}
