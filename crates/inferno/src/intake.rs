//! `inferno intake`: the vault's housekeeping from the command line.

use crate::config::Settings;
use clap::Subcommand;
use inferno_storage::BlobStore;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum IntakeCommand {
    /// Delete rejected and spam submissions, blobs included, whose status was
    /// set more than the retention period ago (the server also does this daily).
    Purge {
        /// Days to keep them [default: intake_retention_days, 30]
        #[arg(long, value_name = "DAYS")]
        older_than_days: Option<u32>,
    },
}

pub async fn run(settings: &Settings, command: IntakeCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(settings).await?;
    match command {
        IntakeCommand::Purge { older_than_days } => {
            let days = older_than_days.unwrap_or(settings.intake.retention_days);
            let blobs = BlobStore::open(&settings.data_dir).await?;
            let n = inferno_services::intake::purge(store.as_ref(), &blobs, days, "cli").await?;
            println!("Deleted {n} rejected or spam submission(s) older than {days} day(s), with their files.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
