//! `inferno audit …`: check the tamper-evident audit log and prove entries.

use crate::config::Settings;
use anyhow::{Context, bail};
use clap::Subcommand;
use inferno_audit::{SignedCheckpoint, merkle};
use inferno_storage::AUDIT_ORIGIN;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every entry against the signed checkpoints; exits 1 and names the
    /// first bad entry if a row was changed, removed or reordered.
    Verify {
        /// Also check against a checkpoint kept elsewhere (the output of
        /// `inferno audit checkpoint`): catches entries removed from the end.
        #[arg(long, value_name = "FILE")]
        against: Option<PathBuf>,
    },
    /// Print an inclusion proof of entry N in the latest signed checkpoint.
    Proof {
        /// The entry's number (from 1)
        n: u64,
    },
    /// Print the latest signed checkpoint, to keep somewhere the server can't change.
    Checkpoint,
}

pub async fn run(settings: &Settings, command: AuditCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(settings).await?;
    let entries = store.audit_entries().await?;
    let mut checkpoints = store.audit_checkpoints().await?;
    let key = store.audit_key();
    match command {
        AuditCommand::Verify { against } => {
            if let Some(path) = against {
                let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
                let outside = SignedCheckpoint::from_text(&text)
                    .with_context(|| format!("{} is not a checkpoint", path.display()))?;
                checkpoints.push(outside);
            }
            match inferno_audit::verify(&entries, &checkpoints, &key, AUDIT_ORIGIN) {
                Ok(v) => {
                    println!(
                        "The audit log is intact: {} entries, {} signed checkpoints, root {}.",
                        v.entries,
                        v.checkpoints,
                        hex::encode(v.root)
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(t) => {
                    eprintln!("The audit log has been tampered with: {t}.");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        AuditCommand::Proof { n } => {
            if let Err(t) = inferno_audit::verify(&entries, &checkpoints, &key, AUDIT_ORIGIN) {
                bail!("the audit log does not verify, so no proof is given: {t}");
            }
            let latest = checkpoints.last().context("the audit log is empty")?;
            let size = latest.checkpoint.size;
            if n == 0 || n > size {
                bail!("there is no entry {n}: the log has {size} entries (numbered from 1)");
            }
            let leaves: Vec<_> = entries.iter().map(|e| e.leaf_hash()).collect();
            let index = (n - 1) as usize;
            let proof = merkle::inclusion_proof(&leaves[..size as usize], index);
            let leaf = leaves[index];
            if !merkle::verify_inclusion(index as u64, size, &leaf, &proof, &latest.checkpoint.root) {
                bail!("the proof does not verify (this is a bug)");
            }
            println!("entry: {}", String::from_utf8_lossy(&entries[index].canonical()));
            println!("leaf index: {index}");
            println!("leaf hash: {}", hex::encode(leaf));
            println!("tree size: {size}");
            println!("root: {}", hex::encode(latest.checkpoint.root));
            println!("inclusion proof ({} hashes, RFC 9162 §2.1.3):", proof.len());
            for h in &proof {
                println!("  {}", hex::encode(h));
            }
            println!("signed checkpoint:");
            print!("{}", latest.to_text());
            println!("public key (Ed25519): {}", hex::encode(key.as_bytes()));
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::Checkpoint => {
            let latest = checkpoints.last().context("the audit log is empty: nothing has been recorded yet")?;
            print!("{}", latest.to_text());
            Ok(ExitCode::SUCCESS)
        }
    }
}
