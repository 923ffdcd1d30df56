//! `inferno import KIND FILE`.

use crate::config::Settings;
use anyhow::Context;
use clap::{Args, ValueEnum};
use inferno_domain::PartialDate;
use inferno_domain::import::{self, Kind};
use inferno_storage::ImportError;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// Detention sites (columns of data/facilities.csv)
    Sites,
    /// Sources (data/sources.csv)
    Sources,
    /// What each source says about each site (data/findings.csv)
    Findings,
    /// Anonymised testimonies with their stays (data/testimonies.csv)
    Testimonies,
    /// News items (data/news.csv)
    News,
    /// Questions and answers (columns id, position, question_en, answer_en, question_uk, answer_uk)
    Faq,
    /// Editorial pages (columns id, title_en, body_en, title_uk, body_uk)
    Pages,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Sites => Kind::Sites,
            KindArg::Sources => Kind::Sources,
            KindArg::Findings => Kind::Findings,
            KindArg::Testimonies => Kind::Testimonies,
            KindArg::News => Kind::News,
            KindArg::Faq => Kind::Faq,
            KindArg::Pages => Kind::Pages,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    kind: KindArg,
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
    let kind = Kind::from(args.kind);
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

fn refuse(name: &str, errors: &[import::RowError]) -> ExitCode {
    for e in errors {
        eprintln!("{name}:{e}");
    }
    eprintln!("{name}: {} problem(s); nothing was imported.", errors.len());
    ExitCode::FAILURE
}
