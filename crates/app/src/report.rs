//! `aireg report`: the annual AI report as a PDF.

use std::path::Path;

use anyhow::{Context, bail};

use aireg_domain::Lang;
use aireg_domain::policy::Actor;
use aireg_service::{ServiceError, Services};

pub async fn write(
    services: &Services,
    org: &str,
    year: i32,
    lang: &str,
    output: &Path,
    public_url: &str,
) -> anyhow::Result<()> {
    let lang = Lang::parse(lang).context("--lang: use fi, sv or en")?;
    if !(2000..=9999).contains(&year) {
        bail!("--year: give a year such as 2026");
    }
    let actor = Actor::command_line("report");
    let data = match aireg_report::gather(services, &actor, org, year, lang, public_url).await {
        Ok(d) => d,
        Err(aireg_report::ReportError::Service(ServiceError::NotFound)) => {
            bail!("no organisation {org:?}")
        }
        Err(e) => return Err(e.into()),
    };
    let pdf = aireg_report::pdf(&data)?;
    std::fs::write(output, &pdf).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "Wrote the annual AI report {year} of {org} ({}) to {} ({} KB).",
        lang.code(),
        output.display(),
        pdf.len() / 1024
    );
    Ok(())
}
