//! `aireg usage import`: staff's AI usage, counted as the file is read.

use std::path::Path;

use anyhow::{Context, bail};

use aireg_domain::policy::Actor;
use aireg_domain::validation::Problem;
use aireg_service::usage_figures::UsageFormat;
use aireg_service::{ServiceError, Services};

pub async fn import(
    services: &Services,
    file: &Path,
    org: &str,
    replace: bool,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let progress = |rows: u64| eprintln!("counting: {rows} lines");
    let counted = match services
        .import_usage(
            &Actor::command_line("usage import"),
            org,
            &bytes,
            replace,
            &progress,
        )
        .await
    {
        Ok(f) => f,
        Err(ServiceError::NotFound) => bail!("no organisation {org:?}"),
        Err(ServiceError::Invalid(errors)) => {
            for e in &errors {
                match (e.field.as_str(), &e.problem) {
                    ("month", Problem::Taken) => eprintln!(
                        "a tool's month of this file is saved already; give --replace to \
                         replace it"
                    ),
                    ("organisation", Problem::Taken) => eprintln!(
                        "an organisation above or below {org} has figures for a month of this \
                         file; a month is counted at one level only, so that figures cannot be \
                         subtracted from each other"
                    ),
                    _ => eprintln!("{}: {}", e.field, e.problem.english()),
                }
            }
            bail!("nothing was saved from {}", file.display())
        }
        Err(e) => return Err(e.into()),
    };
    let format = match counted.format {
        UsageFormat::Simple => "date,user,tool,count",
        UsageFormat::M365Copilot => "Microsoft 365 Copilot usage report",
    };
    eprintln!(
        "Read {} lines ({format}): {} figures for {} in {}; no user was stored.",
        counted.rows,
        counted.cells.len(),
        org,
        counted.months.join(", ")
    );
    Ok(())
}
