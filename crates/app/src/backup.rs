//! `aireg backup` and `aireg restore`: a consistent copy of the SQLite database while the server
//! runs, and a restore that checks the copy's audit chain before it is used. (PostgreSQL is
//! copied with `pg_dump` and restored with `pg_restore`; README, "Backups".)

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, bail};

use aireg_rules::Content;
use aireg_service::audit::Verdict;
use aireg_store_sql::SqlStore;

/// Copies the database to `output` and checks the copy's audit chain.
pub async fn backup(store: &SqlStore, content: Content, output: &Path) -> anyhow::Result<ExitCode> {
    if output.exists() {
        bail!(
            "{} exists already: give a new file (a backup never overwrites one)",
            output.display()
        );
    }
    if !store
        .backup_into(output)
        .await
        .context("the backup failed")?
    {
        bail!(
            "this is a PostgreSQL database: copy it with pg_dump (README, \"Backups\"); aireg \
             backup copies SQLite databases"
        );
    }
    eprintln!(
        "Copied the database to {}; checking the copy.",
        output.display()
    );
    match check(output, content).await? {
        Verdict::Intact { events, head, .. } => {
            eprintln!("The copy's audit chain is intact: {events} events, head {head}.");
            Ok(ExitCode::SUCCESS)
        }
        Verdict::Broken { at, why } => {
            eprintln!("The copy's audit chain is broken at event {at}: {why}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Restores `file` as the database at `target_url`, after checking its audit chain on a copy:
/// a copy that does not pass is not used. The server must be stopped; an existing database is
/// replaced only with `force`.
pub async fn restore(
    target_url: &str,
    content: Content,
    file: &Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let target = match aireg_store_sql::sqlite::file_of(target_url) {
        Some(t) if target_url.starts_with("sqlite:") => t,
        _ => bail!(
            "the database is not an SQLite file (PostgreSQL: restore it with pg_restore, README \
             \"Backups\"); aireg restore restores SQLite databases"
        ),
    };
    // A link is followed: the database is where it points.
    let target = target.canonicalize().unwrap_or(target);
    if !file.is_file() {
        bail!("no backup file {}", file.display());
    }
    if target.exists() && !force {
        bail!(
            "{} exists: stop the server and give --force to replace it",
            target.display()
        );
    }
    // Checked on a copy next to the target (a name no database has), which then takes its
    // place in one rename.
    let staging = PathBuf::from(format!(
        "{}.restoring-{}",
        target.display(),
        std::process::id()
    ));
    remove_with_logs(&staging)?;
    std::fs::copy(file, &staging)
        .with_context(|| format!("cannot copy {} to {}", file.display(), staging.display()))?;
    match check(&staging, content).await {
        Ok(Verdict::Intact { events, head, .. }) => {
            eprintln!("The backup's audit chain is intact: {events} events, head {head}.");
        }
        Ok(Verdict::Broken { at, why }) => {
            remove_with_logs(&staging)?;
            eprintln!("The backup's audit chain is broken at event {at}: {why}");
            eprintln!("Nothing was restored.");
            return Ok(ExitCode::from(1));
        }
        Err(e) => {
            remove_with_logs(&staging)?;
            return Err(e.context("nothing was restored"));
        }
    }
    // The old database's logs go first; the rename then replaces it in one step.
    remove_logs(&target)?;
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot move the checked copy to {}", target.display()))?;
    eprintln!("Restored {} as {}.", file.display(), target.display());
    Ok(ExitCode::SUCCESS)
}

/// Opens an SQLite file as aireg would (migrating it to this version), walks its audit chain
/// and closes it, so that its write-ahead log is folded back into the file.
async fn check(path: &Path, content: Content) -> anyhow::Result<Verdict> {
    if path.to_string_lossy().contains(['?', '#']) {
        bail!("{}: give a file name without ? or #", path.display());
    }
    let url = format!("sqlite:{}", path.display());
    let store = SqlStore::connect(&url)
        .await
        .with_context(|| format!("{} is not a database aireg can open", path.display()))?;
    store
        .migrate()
        .await
        .with_context(|| format!("{} is not an aireg database", path.display()))?;
    let store = Arc::new(store);
    let services = crate::serve::services(store.clone(), content, "http://localhost");
    let verdict = services
        .verify_audit(&[], &|note| eprintln!("{note}"))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    store.close().await;
    Ok(verdict)
}

/// Removes an SQLite file and its write-ahead log, shared-memory and journal files, when there.
fn remove_with_logs(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
    }
    remove_logs(path)
}

/// Removes the write-ahead log, shared-memory and journal files of an SQLite file.
fn remove_logs(path: &Path) -> anyhow::Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    Ok(())
}
