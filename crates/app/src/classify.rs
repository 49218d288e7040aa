//! `aireg classify FILE.json`: the AI Act engine on the command line.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use aireg_rules::ai_act::{Facts, Pack};

pub fn run(pack: &Pack, file: &Path) -> anyhow::Result<ExitCode> {
    let text = if file == Path::new("-") {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{}: not JSON: {e}", file.display());
            return Ok(ExitCode::from(2));
        }
    };
    let facts = match Facts::from_json(&value) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: invalid facts: {e}", file.display());
            return Ok(ExitCode::from(2));
        }
    };
    println!("{}", serde_json::to_string_pretty(&pack.classify(&facts))?);
    Ok(ExitCode::SUCCESS)
}
