//! `inferno import KIND FILE`.

use crate::config::Settings;
use anyhow::Context;
use clap::Args;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use inferno_domain::Kind;
use inferno_domain::PartialDate;
use inferno_domain::import;
use inferno_storage::ImportError;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

/// `KIND` on the command line: one of the record kinds, each listed with
/// what its file holds (from [`Kind`], where the kinds are declared).
fn kind_parser() -> impl TypedValueParser<Value = Kind> {
    let names = Kind::ALL.map(|k| PossibleValue::new(k.name()).help(k.describes()));
    PossibleValuesParser::new(names).map(|name| Kind::parse(&name).expect("a possible value names a kind"))
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_parser = kind_parser())]
    kind: Kind,
    /// The CSV file (UTF-8, with a header row)
    file: PathBuf,
}

/// Largest file accepted: far above any real register, low enough to refuse a mistake.
const MAX_FILE: u64 = 64 * 1024 * 1024;

pub async fn run(settings: &Settings, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let name = args.file.display().to_string();
    let file = std::fs::File::open(&args.file).with_context(|| format!("cannot open {name}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1).read_to_end(&mut bytes).with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > MAX_FILE {
        anyhow::bail!("{name} is larger than {} MiB", MAX_FILE / 1024 / 1024);
    }
    let kind = args.kind;
    let batch = match import::parse(kind, &bytes) {
        Ok(b) => b,
        Err(errors) => return Ok(refuse(&name, &errors)),
    };
    let store = crate::open_store(settings).await?;
    match inferno_services::records::import(store.as_ref(), &batch, PartialDate::today(), "cli").await {
        Ok(r) => {
            println!(
                "{name}: imported {} {}: {} new, {} changed, {} unchanged.",
                batch.len(),
                kind.name(),
                r.inserted,
                r.updated,
                r.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(ImportError::Rows(errors)) => Ok(refuse(&name, &errors)),
        Err(ImportError::Store(e)) => Err(e).context("the import failed; nothing was imported"),
    }
}

fn refuse(name: &str, errors: &[inferno_domain::RowError]) -> ExitCode {
    for e in errors {
        eprintln!("{name}:{e}");
    }
    eprintln!("{name}: {} problem(s); nothing was imported.", errors.len());
    ExitCode::FAILURE
}
