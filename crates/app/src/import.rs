//! `aireg import`: records from a file into one organisation, checked row by row first, with
//! progress on the terminal and the report in the chosen language. Exits 1 when anything in
//! the file kept it (or some of its rows) from being saved.

use std::process::ExitCode;

use anyhow::{Context, bail};

use aireg_domain::Lang;
use aireg_domain::policy::Actor;
use aireg_service::Services;
use aireg_service::import::{ImportFormat, ImportOptions};
use aireg_store::prelude::*;
use aireg_store_sql::SqlStore;
use aireg_web::i18n::Tr;

use crate::cli::ImportArgs;

pub async fn run(
    store: &SqlStore,
    services: &Services,
    args: ImportArgs,
) -> anyhow::Result<ExitCode> {
    let Some(format) = ImportFormat::parse(&args.format) else {
        bail!(
            "unsupported --format {:?}: use csv, xlsx, nl-algoritmeregister, eurocities or atrs",
            args.format
        );
    };
    let lang = Lang::parse(&args.lang).context("--lang: use fi, sv or en")?;
    let text_lang = match &args.text_lang {
        Some(l) => Some(Lang::parse(l).context("--text-lang: use fi, sv or en")?),
        None => None,
    };
    let org = store
        .organisation_by_slug(&args.org)
        .await?
        .with_context(|| format!("no organisation {:?}", args.org))?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        partial: args.partial,
        lang,
        text_lang,
    };
    let progress = |done: usize, total: usize| {
        if done.is_multiple_of(1000) || done == total {
            eprintln!("checking: {done}/{total} rows");
        }
    };
    let report = services
        .import(
            &Actor::command_line("import"),
            &org,
            format,
            &bytes,
            &options,
            &progress,
        )
        .await?;
    for line in report.lines(&Tr::new(lang)) {
        println!("{line}");
    }
    Ok(if report.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
