//! `inferno secrets`: provisioning a node with the deployment's secrets.

use crate::config::Settings;
use anyhow::Context;
use clap::Subcommand;
use inferno_services::secrets::{self, Imported};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum SecretsCommand {
    /// Write this node's secrets (the audit signing key, the receipt pepper),
    /// encrypted to an age recipient, to standard output: `> FILE`.
    Export {
        /// The age recipient (`age1…`) of the node, or the person, to give them to
        #[arg(long, value_name = "AGE_RECIPIENT")]
        to: String,
    },
    /// Give this node's data directory the deployment's secrets from a file
    /// `inferno secrets export` wrote; refused if they are not the ones the
    /// database records, or if the directory holds others.
    Import {
        /// The exported file
        file: PathBuf,
        /// The age identity file that opens it
        #[arg(long, value_name = "KEYFILE")]
        identity: PathBuf,
    },
}

pub async fn run(settings: &Settings, command: SecretsCommand) -> anyhow::Result<ExitCode> {
    match command {
        SecretsCommand::Export { to } => {
            let mut out = std::io::stdout().lock();
            anyhow::ensure!(!out.is_terminal(), "the secrets are binary: send them to a file (`> FILE`)");
            // Opened and migrated as any command: the audit key is held to the database's.
            let store = crate::open_store(settings).await?;
            let sealed = secrets::export(store.as_ref(), &settings.data_dir, &to).await?;
            out.write_all(&sealed).context("cannot write the secrets to standard output")?;
            out.flush()?;
            eprintln!("Wrote the secrets of {} encrypted to {to}.", settings.data_dir.display());
        }
        SecretsCommand::Import { file, identity } => {
            let exported = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let identity_text = zeroize::Zeroizing::new(
                std::fs::read_to_string(&identity).with_context(|| format!("cannot read {}", identity.display()))?,
            );
            // Not migrated first: that would refuse a data directory without
            // the audit key, which is what this command is for.
            let store = settings.database.open(&settings.data_dir).await?;
            let imported = secrets::import(store.as_ref(), &settings.data_dir, &exported, &identity_text)
                .await
                .with_context(|| format!("nothing was written to {}", settings.data_dir.display()))?;
            drop(store);
            // Opened again, with the key now on disk, to say so in the audit log.
            let store = crate::open_store(settings).await?;
            secrets::record_import(store.as_ref(), &imported, "cli").await?;
            for i in &imported {
                match i {
                    Imported::Written(name) => println!("Wrote {}.", settings.data_dir.join(name).display()),
                    Imported::AlreadyThere(name) => {
                        println!("{} was there already.", settings.data_dir.join(name).display())
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
