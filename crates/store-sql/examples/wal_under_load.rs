//! Benchmark: how long SQLite's write-ahead log grows during a large import with readers
//! reading all the time, with the server's upkeep and without it.
//!
//! ```sh
//! cargo run --release -p aireg-store-sql --example wal_under_load -- 100000
//! cargo run --release -p aireg-store-sql --example wal_under_load -- 100000 --no-upkeep
//! ```
//!
//! Writers (8, as the API clients of the measurement in the issue) create records through the
//! store, each in its own transaction with its audit event, spread over 300 organisations;
//! readers (4) page through the public register and look up the page's classifications without
//! pause, so that at almost any moment some reader holds a snapshot; the upkeep runs as
//! often as in `aireg serve`. The log's size is sampled every 100 ms. Prints a report; asserts nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use aireg_domain::org::{Country, NewOrganisation, OrgKind};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::{Lifecycle, Publication, SystemRecord};
use aireg_domain::{Lang, Localized, OrgId};
use aireg_store::prelude::*;
use aireg_store::{PageRequest, SystemFilter};
use aireg_store_sql::SqlStore;

const WRITERS: usize = 8;
const READERS: usize = 4;
const ORGS: usize = 300;

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let records: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let with_upkeep = !args.iter().any(|a| a == "--no-upkeep");
    let dir = std::env::temp_dir().join(format!("aireg-wal-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let db = dir.join("aireg.db");
    let wal = dir.join("aireg.db-wal");
    let store = Arc::new(
        SqlStore::connect(&format!("sqlite:{}", db.display()))
            .await
            .expect("open"),
    );
    store.migrate().await.expect("migrate");

    let cli = Actor::command_line("bench");
    let platform = authorize(&cli, Action::AdministerPlatform, Resource::Platform).unwrap();
    let mut orgs: Vec<OrgId> = Vec::new();
    for i in 0..ORGS {
        let org = store
            .create_organisation(
                &platform,
                NewOrganisation {
                    slug: format!("kunta-{i}"),
                    kind: OrgKind::Municipality,
                    parent_id: None,
                    name: Localized::one(Lang::Fi, format!("Kunta {i}")),
                    country: Country::FI,
                    languages: vec![Lang::Fi],
                    business_id: None,
                    website: None,
                },
            )
            .await
            .expect("organisation");
        orgs.push(org.id);
    }
    let orgs = Arc::new(orgs);

    let done = Arc::new(AtomicBool::new(false));
    let created = Arc::new(AtomicU64::new(0));
    let reads = Arc::new(AtomicU64::new(0));
    let checkpoints = Arc::new(AtomicU64::new(0));
    let busy = Arc::new(AtomicU64::new(0));
    let max_wal = Arc::new(AtomicU64::new(0));

    let sampler = {
        let (done, max_wal, wal) = (done.clone(), max_wal.clone(), wal.clone());
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                let size = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                max_wal.fetch_max(size, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    };
    let upkeep = with_upkeep.then(|| {
        let (store, done, checkpoints, busy) = (
            store.clone(),
            done.clone(),
            checkpoints.clone(),
            busy.clone(),
        );
        tokio::spawn(async move {
            while !done.load(Ordering::Relaxed) {
                tokio::time::sleep(aireg_store_sql::sqlite::UPKEEP_EVERY).await;
                match store.upkeep().await {
                    Ok(u) if u.checkpointed => {
                        checkpoints.fetch_add(1, Ordering::Relaxed);
                        if u.busy {
                            busy.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => eprintln!("upkeep: {e}"),
                }
            }
        })
    });
    let mut readers = Vec::new();
    for r in 0..READERS {
        let (store, done, reads) = (store.clone(), done.clone(), reads.clone());
        readers.push(tokio::spawn(async move {
            let public = ReadScope::public();
            let mut page = 1 + r as u32;
            while !done.load(Ordering::Relaxed) {
                let got = store
                    .systems(
                        &public,
                        &SystemFilter::default(),
                        PageRequest::new(page, 20),
                    )
                    .await
                    .expect("a page");
                let ids: Vec<_> = got.items.iter().map(|s| s.id).collect();
                store
                    .current_classifications(&public, Some(&ids))
                    .await
                    .expect("classifications");
                reads.fetch_add(1, Ordering::Relaxed);
                page = if got.items.len() < 20 { 1 } else { page + 7 };
            }
        }));
    }

    let started = Instant::now();
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let (store, orgs, created) = (store.clone(), orgs.clone(), created.clone());
        let cli = cli.clone();
        writers.push(tokio::spawn(async move {
            let mut n = w as u64;
            while n < records {
                let org = orgs[(n as usize) % orgs.len()];
                let create = authorize(&cli, Action::CreateSystem, Resource::Org(org)).unwrap();
                let mut record = SystemRecord {
                    name: Localized::one(Lang::Fi, format!("Tekoälyjärjestelmä {n}")),
                    summary: Localized::one(Lang::Fi, "Avustaa asiakaspalvelua."),
                    description_public: Localized::one(Lang::Fi, "Kuvaus asukkaille."),
                    purpose: Localized::one(Lang::Fi, "Tarkoitus."),
                    lifecycle: Lifecycle::Planning,
                    ..SystemRecord::default()
                };
                record.contact.email = Some("kirjaamo@kunta.example".into());
                let s = store
                    .create_system(&create, record, None)
                    .await
                    .expect("create");
                if !n.is_multiple_of(5) {
                    let publish =
                        authorize(&cli, Action::PublishSystem, Resource::system(&s)).unwrap();
                    store
                        .set_publication(&publish, s.id, None, Publication::Published)
                        .await
                        .expect("publish");
                }
                created.fetch_add(1, Ordering::Relaxed);
                n += WRITERS as u64;
            }
        }));
    }
    let mut last = Instant::now();
    while created.load(Ordering::Relaxed) < records {
        tokio::time::sleep(Duration::from_millis(500)).await;
        if last.elapsed() >= Duration::from_secs(10) {
            last = Instant::now();
            eprintln!(
                "{:>7} records, {:>6.0} s, write-ahead log {:.1} MiB (largest {:.1} MiB)",
                created.load(Ordering::Relaxed),
                started.elapsed().as_secs_f64(),
                mib(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0)),
                mib(max_wal.load(Ordering::Relaxed)),
            );
        }
    }
    for w in writers {
        w.await.expect("writer");
    }
    let elapsed = started.elapsed().as_secs_f64();
    done.store(true, Ordering::Relaxed);
    for r in readers {
        r.await.expect("reader");
    }
    sampler.await.expect("sampler");
    if let Some(u) = upkeep {
        u.await.expect("upkeep");
    }
    let wal_end = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let db_size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!("## SQLite write-ahead log under a {records}-record import with readers\n");
    println!("| | |");
    println!("|---|---|");
    println!(
        "| upkeep | {} |",
        if with_upkeep {
            format!(
                "on (every {} ms, TRUNCATE checkpoint past {:.0} MiB)",
                aireg_store_sql::sqlite::UPKEEP_EVERY.as_millis(),
                mib(aireg_store_sql::sqlite::CHECKPOINT_AT)
            )
        } else {
            "off (SQLite's own checkpoints only)".to_string()
        }
    );
    println!("| writers, readers | {WRITERS}, {READERS} |");
    println!(
        "| records | {records} in {elapsed:.0} s ({:.0} records/s; 4 in 5 also published) |",
        records as f64 / elapsed
    );
    println!(
        "| reads | {} list pages with their classifications ({:.0}/s) |",
        reads.load(Ordering::Relaxed),
        reads.load(Ordering::Relaxed) as f64 / elapsed
    );
    println!(
        "| largest write-ahead log | {:.1} MiB |",
        mib(max_wal.load(Ordering::Relaxed))
    );
    println!("| write-ahead log at the end | {:.1} MiB |", mib(wal_end));
    println!(
        "| checkpoints by the upkeep | {} ({} could not finish at once) |",
        checkpoints.load(Ordering::Relaxed),
        busy.load(Ordering::Relaxed)
    );
    println!("| database | {:.1} MiB |", mib(db_size));
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
