//! `aireg export --format json`: the register of one or all organisations as one JSON document.
//! By default a staff export (drafts, withdrawn records and internal fields included, said so in
//! the document and on the terminal); `--public` writes only what the public register shows.
//!
//! Accounts are not exported: they hold personal data and password hashes, and belong to the
//! installation, not to the register.

use std::io::Write;

use anyhow::{Context, bail};
use serde::Serialize;

use aireg_domain::clock;
use aireg_domain::org::Organisation;
use aireg_domain::policy::{Actor, ReadScope};
use aireg_domain::product::Product;
use aireg_domain::system::AiSystem;
use aireg_store::prelude::*;
use aireg_store::{PageRequest, SystemFilter};
use aireg_store_sql::SqlStore;

use aireg_service::Services;
use aireg_service::opendata::Format;
use aireg_service::standards::Standard;

use crate::cli::{ExportArgs, ServeArgs};

/// Open data and the standards: published records only, written as they are read, with
/// progress on the terminal and, for a standard, what it could not carry.
async fn published(store: &SqlStore, services: &Services, args: &ExportArgs) -> anyhow::Result<()> {
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(ServeArgs::default_public_url);
    let org = match &args.org {
        Some(slug) => Some(
            store
                .organisation_by_slug(slug)
                .await?
                .with_context(|| format!("no organisation {slug:?}"))?,
        ),
        None => None,
    };
    let filter = match &org {
        Some(o) => SystemFilter {
            orgs: Some(
                store
                    .org_tree()
                    .await?
                    .descendants_and_self(o.id)
                    .into_iter()
                    .collect(),
            ),
            ..SystemFilter::default()
        },
        None => SystemFilter::default(),
    };
    let mut out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(std::io::stdout()),
    };
    if args.format == "dcat-ap" {
        let ttl = services.dcat_catalogue(&public_url, org.as_ref()).await?;
        out.write_all(ttl.as_bytes())?;
        out.flush()?;
        return Ok(());
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let writer = tokio::task::spawn_blocking(move || -> std::io::Result<u64> {
        let mut written: u64 = 0;
        let mut shown: u64 = 0;
        while let Some(chunk) = rx.blocking_recv() {
            out.write_all(&chunk)?;
            written += chunk.len() as u64;
            if written - shown >= 1 << 20 {
                eprintln!("exporting: {:.1} MB written", written as f64 / 1e6);
                shown = written;
            }
        }
        out.flush()?;
        Ok(written)
    });
    let format = args.format.as_str();
    let report = if let Some(standard) = Standard::parse(format) {
        Some(
            services
                .export_records(standard, &filter, &public_url, tx)
                .await?,
        )
    } else {
        let f = match format {
            "csv" => Format::Csv,
            "xlsx" => Format::Xlsx,
            "json-open" => Format::Json,
            other => bail!(
                "unsupported --format {other:?}: use json, csv, xlsx, json-open, \
                 nl-algoritmeregister, eurocities, atrs, eu-database or dcat-ap"
            ),
        };
        let root = org.as_ref().map(|o| o.id);
        let n = services
            .open_data(f, &filter, root, &public_url, tx)
            .await?;
        let licence = match root {
            Some(o) => services
                .licences()
                .await?
                .get(&o)
                .copied()
                .unwrap_or(aireg_domain::org::Licence::DEFAULT),
            None => aireg_domain::org::Licence::DEFAULT,
        };
        eprintln!("{n} published records exported (licence {})", licence.spdx);
        None
    };
    let written = writer.await.context("the writer stopped")??;
    if let Some(path) = &args.output {
        eprintln!("wrote {} ({written} bytes)", path.display());
    }
    if let Some(report) = report {
        eprintln!("What {format} could not carry:");
        for line in report.lines() {
            eprintln!("  {line}");
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Export {
    /// Identifies the document type and its version for importers.
    format: &'static str,
    format_version: u32,
    /// `staff`: every record with every field; `public`: published records, public fields.
    view: &'static str,
    exported_at: String,
    organisations: Vec<Organisation>,
    products: Vec<Product>,
    systems: Vec<AiSystem>,
}

pub async fn run(store: &SqlStore, services: &Services, args: ExportArgs) -> anyhow::Result<()> {
    if args.format != "json" {
        return published(store, services, &args).await;
    }
    let json = document(store, &args).await?;
    match &args.output {
        Some(path) => {
            std::fs::write(path, json)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

async fn document(store: &SqlStore, args: &ExportArgs) -> anyhow::Result<String> {
    if args.format != "json" {
        bail!(
            "unsupported --format {:?}: only json is available",
            args.format
        );
    }
    let all_orgs = store.organisations().await?;
    let tree = store.org_tree().await?;
    let orgs: Vec<Organisation> = match &args.org {
        Some(slug) => {
            let root = all_orgs
                .iter()
                .find(|o| &o.slug == slug)
                .with_context(|| format!("no organisation {slug:?}"))?;
            let below = tree.descendants_and_self(root.id);
            all_orgs
                .into_iter()
                .filter(|o| below.contains(&o.id))
                .collect()
        }
        None => all_orgs,
    };
    let filter = SystemFilter {
        orgs: Some(orgs.iter().map(|o| o.id).collect()),
        ..SystemFilter::default()
    };
    let scope = if args.public {
        ReadScope::public()
    } else {
        eprintln!(
            "This is a staff export: it holds drafts, withdrawn records and internal fields. \
             Use --public for what the public register shows."
        );
        ReadScope::for_actor(&Actor::command_line("export"))
    };
    let mut systems = Vec::new();
    let mut page = 1;
    loop {
        let batch = store
            .systems(
                &scope,
                &filter,
                PageRequest::new(page, PageRequest::MAX_PER_PAGE),
            )
            .await?;
        let total = batch.total;
        let done = batch.items.is_empty();
        systems.extend(batch.items);
        eprintln!("exporting: {}/{} AI system records", systems.len(), total);
        if done || systems.len() as i64 >= total {
            break;
        }
        page += 1;
    }
    let used: std::collections::BTreeSet<_> =
        systems.iter().filter_map(|s| s.record.product).collect();
    let products = store
        .products()
        .await?
        .into_iter()
        .filter(|p| (args.org.is_none() && !args.public) || used.contains(&p.id))
        .collect();
    let export = Export {
        format: "aireg-register",
        format_version: 1,
        view: if args.public { "public" } else { "staff" },
        exported_at: clock::rfc3339(clock::now()),
        organisations: orgs,
        products,
        systems,
    };
    Ok(serde_json::to_string_pretty(&export)?)
}

#[cfg(test)]
mod tests {
    use aireg_domain::system::Publication;
    use aireg_rules::ai_act::Pack;
    use aireg_store_sql::testing::TestDb;
    use serde_json::Value;

    use super::*;
    use crate::demo::{Demo, read_files};

    async fn exported(db: &TestDb, public: bool) -> Value {
        let args = ExportArgs {
            format: "json".into(),
            public_url: None,
            org: None,
            output: None,
            public,
        };
        serde_json::from_str(&document(&db.store, &args).await.unwrap()).unwrap()
    }

    #[tokio::test]
    async fn a_public_export_holds_only_what_residents_see_and_says_which_it_is() {
        let db = TestDb::sqlite().await;
        let services = crate::serve::test_services(&db);
        let demo = Demo::parse(&read_files(None).unwrap(), Pack::embedded().unwrap()).unwrap();
        demo.load(&services).await.unwrap();

        let staff = exported(&db, false).await;
        assert_eq!(staff["view"], "staff");
        let public = exported(&db, true).await;
        assert_eq!(public["view"], "public");

        let systems = |doc: &Value| doc["systems"].as_array().unwrap().clone();
        let published = systems(&staff)
            .iter()
            .filter(|s| s["publication"] == Publication::Published.as_str())
            .count();
        assert!(systems(&staff).len() >= 20);
        assert_eq!(systems(&public).len(), published);
        assert!(published > 0 && published < systems(&staff).len());
        // Internal fields that hold a value for staff are not in what residents see.
        let mut withheld = 0;
        for s in systems(&public) {
            assert_eq!(s["publication"], "published", "{s}");
            let full = systems(&staff)
                .into_iter()
                .find(|f| f["id"] == s["id"])
                .unwrap();
            for (field, visibility) in full["record"]["visibility"]
                .as_object()
                .into_iter()
                .flatten()
            {
                if visibility == "internal" && !full["record"][field].is_null() {
                    assert!(s["record"][field].is_null(), "{field} of {}", s["id"]);
                    withheld += 1;
                }
            }
        }
        assert!(withheld > 0, "the demo has internal values to withhold");
    }
}
