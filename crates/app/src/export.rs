//! `aireg export --format json`: the register of one or all organisations as one JSON document.
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

use crate::cli::ExportArgs;

#[derive(Serialize)]
struct Export {
    /// Identifies the document type and its version for importers.
    format: &'static str,
    format_version: u32,
    exported_at: String,
    organisations: Vec<Organisation>,
    products: Vec<Product>,
    systems: Vec<AiSystem>,
}

pub async fn run(store: &SqlStore, args: ExportArgs) -> anyhow::Result<()> {
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
    // The operator exports everything, internal fields included.
    let scope = ReadScope::for_actor(&Actor::command_line("export"));
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
        .filter(|p| args.org.is_none() || used.contains(&p.id))
        .collect();
    let export = Export {
        format: "aireg-register",
        format_version: 1,
        exported_at: clock::rfc3339(clock::now()),
        organisations: orgs,
        products,
        systems,
    };
    let json = serde_json::to_string_pretty(&export)?;
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
