//! `inferno intake`: the vault's housekeeping from the command line.

use crate::config::Settings;
use clap::Subcommand;
use inferno_storage::IntakeVault;
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
    /// Move what waits in this intake node's inbox into the database and the
    /// pack store now, as the server does at every midnight (UTC). Refused a
    /// second time the same day: each seal tells the shared stores when it ran.
    Seal {
        /// Seal even if the inbox was sealed today (for tests and drills).
        #[arg(long)]
        force: bool,
    },
}

pub async fn run(settings: &Settings, command: IntakeCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(settings).await?;
    let vault = IntakeVault::open(&settings.data_dir, store.clone(), settings.pack_store(&store)?).await?;
    match command {
        IntakeCommand::Purge { older_than_days } => {
            let days = older_than_days.unwrap_or(settings.intake.retention_days);
            let n = inferno_services::intake::purge(&vault, days, "cli").await?;
            println!("Deleted {n} rejected or spam submission(s) older than {days} day(s), with their files.");
        }
        IntakeCommand::Seal { force } => {
            let Some(_held) = store.job_lock(inferno_storage::Job::IntakeSeal).await? else {
                anyhow::bail!("another server is sealing the inbox now; nothing was done");
            };
            let s = inferno_services::intake::seal(&vault, force, "cli").await?;
            println!(
                "Sealed {} submission(s) and {} follow-up(s) into the database, {} file(s) into {} (a pack of {} bytes).",
                s.submissions,
                s.follow_ups,
                s.files,
                vault.packs().describe(),
                s.pack_bytes
            );
            if s.dropped > 0 {
                println!("{} follow-up(s) were left out: their submission was deleted.", s.dropped);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
