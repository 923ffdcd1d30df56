//! `inferno copy --from URL --to URL`: moves a whole deployment between
//! databases (SQLite and PostgreSQL, either way), into an empty one only.

use crate::config::{Database, Settings};
use anyhow::Context;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// The database to copy: sqlite://PATH or postgres://… (it is only read)
    #[arg(long, value_name = "URL")]
    from: String,
    /// The database to copy into: it is migrated, and must hold no records
    #[arg(long, value_name = "URL")]
    to: String,
}

pub async fn run(settings: &Settings, args: CopyArgs) -> anyhow::Result<ExitCode> {
    let (from, to) = (Database::parse(&args.from)?, Database::parse(&args.to)?);
    // Both ends are migrated: the rows move between schemas of one version.
    let source = from.open(&settings.data_dir).await?;
    source.migrate().await.with_context(|| format!("cannot migrate the database {from}"))?;
    let target = to.open(&settings.data_dir).await?;
    target.migrate().await.with_context(|| format!("cannot migrate the database {to}"))?;
    let copied = inferno_services::deployment::copy(source.as_ref(), target.as_ref(), &from.to_string(), "cli")
        .await
        .with_context(|| format!("nothing was copied into the database {to}"))?;
    println!("Copied the database {from} into the database {to}:");
    for (table, rows) in &copied.tables {
        println!("  {table}: {rows}");
    }
    println!(
        "The audit signing key stays in {}: `inferno audit verify` checks the copy with it, and the intake vault's files stay there too.",
        settings.data_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
