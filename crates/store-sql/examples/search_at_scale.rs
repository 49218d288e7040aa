//! Benchmark: the register's search on a large register. Creates the records through the
//! store (each save writes its search terms in its own transaction), then times the public
//! searches a resident makes (a page of results with its count, and the facet counts) for
//! Finnish words in the forms people type them.
//!
//! ```sh
//! cargo run --release -p aireg-store-sql --example search_at_scale -- 20000
//! cargo run --release -p aireg-store-sql --example search_at_scale -- 20000 postgres://postgres@127.0.0.1:5432/postgres
//! ```
//!
//! On PostgreSQL a database of its own is created and dropped. Prints a report; asserts nothing.

use std::time::{Duration, Instant};

use aireg_domain::org::{Country, NewOrganisation, OrgKind};
use aireg_domain::policy::{Action, Actor, ReadScope, Resource, authorize};
use aireg_domain::system::{Publication, SystemRecord};
use aireg_domain::{Lang, Localized, OrgId};
use aireg_store::prelude::*;
use aireg_store::{PageRequest, SystemFilter};
use aireg_store_sql::SqlStore;

const ORGS: usize = 50;

/// Words the records are made of: services, things and what is done with them.
const SERVICES: &[&str] = &[
    "kirjasto",
    "koulu",
    "varhaiskasvatus",
    "kotihoito",
    "terveysasema",
    "sosiaalityö",
    "rakennusvalvonta",
    "katujen kunnossapito",
    "jätehuolto",
    "vesihuolto",
    "pysäköinti",
    "asiakaspalvelu",
    "talous",
    "henkilöstö",
    "viestintä",
    "nuorisotyö",
    "liikunta",
    "kulttuuri",
];
const THINGS: &[&str] = &[
    "neuvontabotti",
    "suosittelu",
    "ennuste",
    "luokittelu",
    "tekstintunnistus",
    "konekäännös",
    "puheentunnistus",
    "reittioptimointi",
    "riskiarvio",
    "tiivistelmä",
    "aikataulutus",
    "tekoälyjärjestelmä",
    "analytiikka",
    "kuvantunnistus",
];
const VERBS: &[&str] = &[
    "auttaa asukkaita",
    "nopeuttaa käsittelyä",
    "vähentää virheitä",
    "ohjaa asiakkaita",
    "tukee työntekijöitä",
    "ennustaa kysyntää",
    "tiivistää asiakirjoja",
    "kääntää tiedotteita",
];

fn record(i: usize) -> SystemRecord {
    let s = SERVICES[i % SERVICES.len()];
    let t = THINGS[(i / SERVICES.len()) % THINGS.len()];
    let v = VERBS[i % VERBS.len()];
    let mut r = SystemRecord {
        name: Localized::one(Lang::Fi, format!("{s}: {t} {i}")),
        summary: Localized::one(
            Lang::Fi,
            format!("Järjestelmä {v}. Palvelu: {s}. Käytössä {t} ja kuntalaisten palautteet."),
        ),
        description_public: Localized::one(
            Lang::Fi,
            format!("Kunnan {s} käyttää tekoälyä: {t}. Työntekijä tarkistaa tuloksen."),
        ),
        purpose: Localized::one(Lang::Fi, format!("Tavoite: {v}.")),
        vendor: Some(
            if i.is_multiple_of(7) {
                "OpenAI"
            } else {
                "Esimerkki Oy"
            }
            .into(),
        ),
        personal_data: Some(i.is_multiple_of(3)),
        ..SystemRecord::default()
    };
    r.contact.email = Some("kirjaamo@kunta.example".into());
    r
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Median and 95th percentile of `runs` timings of `f`.
async fn time<F, Fut>(runs: usize, mut f: F) -> (f64, f64)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut t: Vec<f64> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f().await;
        t.push(ms(start.elapsed()));
    }
    t.sort_by(|a, b| a.total_cmp(b));
    (t[t.len() / 2], t[(t.len() * 95 / 100).min(t.len() - 1)])
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let records: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(20_000);
    let pg = args.iter().find(|a| a.starts_with("postgres")).cloned();
    let dir = std::env::temp_dir().join(format!("aireg-search-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("aireg_search_bench_{}", std::process::id());
    let (url, engine) = match &pg {
        Some(base) => {
            let admin = sqlx::PgPool::connect(base).await.expect("PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .unwrap();
            let url = format!("{}/{name}", base.rsplit_once('/').unwrap().0);
            (url, "postgres")
        }
        None => (format!("sqlite:{}", dir.join("a.db").display()), "sqlite"),
    };
    let store = SqlStore::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let cli = Actor::command_line("bench");
    let platform = authorize(&cli, Action::AdministerPlatform, Resource::Platform).unwrap();
    let mut orgs: Vec<OrgId> = Vec::new();
    for o in 0..ORGS {
        let org = store
            .create_organisation(
                &platform,
                NewOrganisation {
                    slug: format!("kunta-{o}"),
                    kind: OrgKind::Municipality,
                    parent_id: None,
                    name: Localized::one(Lang::Fi, format!("Kunta {o}")),
                    country: Country::FI,
                    languages: vec![Lang::Fi],
                    business_id: None,
                    website: None,
                },
            )
            .await
            .unwrap();
        orgs.push(org.id);
    }
    let start = Instant::now();
    for i in 0..records {
        let org = orgs[i % ORGS];
        let s = store
            .create_system(
                &authorize(&cli, Action::CreateSystem, Resource::Org(org)).unwrap(),
                record(i),
                None,
            )
            .await
            .unwrap();
        store
            .set_publication(
                &authorize(&cli, Action::PublishSystem, Resource::system(&s)).unwrap(),
                s.id,
                None,
                Publication::Published,
            )
            .await
            .unwrap();
        if (i + 1) % 5000 == 0 {
            eprintln!("{} records, {:.0} s", i + 1, start.elapsed().as_secs_f64());
        }
    }
    let load = start.elapsed();
    store.refresh_statistics().await.unwrap();
    let public = ReadScope::public();
    println!("search_at_scale: {records} published records in {ORGS} organisations on {engine}");
    println!(
        "  loading (create + publish, each its own transaction with the index): {:.0} s, {:.0} records/s",
        load.as_secs_f64(),
        records as f64 / load.as_secs_f64()
    );
    println!("  query                     hits  page+count p50/p95 ms  facets p50/p95 ms");
    for q in [
        "",
        "kirjastot",
        "asukkaiden",
        "tekoälyjärjestelmä",
        "OpenAI",
        "kotihoidon ennusteet",
        "xyzzy",
    ] {
        let filter = SystemFilter {
            text: (!q.is_empty()).then(|| q.to_string()),
            ..SystemFilter::default()
        };
        let hits = store
            .systems(&public, &filter, PageRequest::default())
            .await
            .unwrap()
            .total;
        let (p50, p95) = time(20, || async {
            store
                .systems(&public, &filter, PageRequest::default())
                .await
                .unwrap();
        })
        .await;
        let (f50, f95) = time(10, || async {
            store.facet_counts(&public, &filter).await.unwrap();
        })
        .await;
        println!(
            "  {:<24} {hits:>6}  {p50:>8.1} / {p95:<8.1}        {f50:>8.1} / {f95:<8.1}",
            if q.is_empty() { "(no words)" } else { q }
        );
    }
    let size = std::fs::metadata(dir.join("a.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    if engine == "sqlite" {
        println!(
            "  database file: {:.1} MiB",
            size as f64 / (1024.0 * 1024.0)
        );
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(base) = &pg {
        let admin = sqlx::PgPool::connect(base).await.expect("PostgreSQL");
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
            .execute(&admin)
            .await;
    }
}
