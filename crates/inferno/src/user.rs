//! `inferno user …`: staff accounts from the command line.

use crate::config::Settings;
use anyhow::{Context, bail};
use clap::Subcommand;
use inferno_auth::{TotpSecret, provisioning_qr_terminal};
use inferno_domain::Role;
use inferno_services::accounts;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. Reads the password from the first line of standard
    /// input (or --password-file) and prints the two-factor setup (otpauth URI and QR code).
    Add {
        name: String,
        /// admin, editor or reviewer
        #[arg(long, value_parser = |s: &str| Role::parse(s))]
        role: Role,
        /// Read the password from this file instead of standard input
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// List the accounts.
    List,
    /// Disable an account and end its sessions.
    Disable { name: String },
    /// Enable a disabled account.
    Enable { name: String },
    /// Give an account a new TOTP secret (a lost phone), end its sessions, and print the new setup.
    #[command(name = "reset-2fa")]
    Reset2fa { name: String },
}

fn read_password(file: Option<&PathBuf>) -> anyhow::Result<String> {
    let line = match file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .next()
            .unwrap_or("")
            .to_owned(),
        None => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).context("cannot read the password from standard input")?;
            line
        }
    };
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn print_setup(name: &str, secret: &TotpSecret) {
    let uri = secret.provisioning_uri(name);
    println!("Two-factor setup for {name}: scan this with an authenticator app, or enter the URI.");
    println!("It is shown only now; keep it nowhere else.\n");
    println!("{}", provisioning_qr_terminal(&uri));
    println!("{uri}");
}

pub async fn run(settings: &Settings, command: UserCommand) -> anyhow::Result<ExitCode> {
    let store = crate::open_store(settings).await?;
    match command {
        UserCommand::Add { name, role, password_file } => {
            let password = read_password(password_file.as_ref())?;
            accounts::check_new(&name, &password)?;
            // Argon2id with 64 MiB is slow on purpose: off the async threads.
            let credentials = tokio::task::spawn_blocking(move || accounts::Credentials::make(&password)).await??;
            let secret = accounts::create(store.as_ref(), &name, role, credentials, "cli").await?;
            println!("Created {name} ({}).", role.code());
            print_setup(&name, &secret);
        }
        UserCommand::List => {
            let users = store.users().await?;
            if users.is_empty() {
                println!("No accounts yet. Create one with: inferno user add NAME --role admin");
            }
            for u in users {
                let status = if u.disabled { "disabled" } else { "active" };
                println!("{:<24} {:<9} {status}", u.name, u.role.code());
            }
        }
        UserCommand::Disable { name } => {
            if !accounts::set_disabled(store.as_ref(), &name, true, "cli").await? {
                bail!("there is no account named \"{name}\"");
            }
            println!("Disabled {name}; its sessions are ended.");
        }
        UserCommand::Enable { name } => {
            if !accounts::set_disabled(store.as_ref(), &name, false, "cli").await? {
                bail!("there is no account named \"{name}\"");
            }
            println!("Enabled {name}.");
        }
        UserCommand::Reset2fa { name } => {
            let Some(secret) = accounts::reset_second_factor(store.as_ref(), &name, "cli").await? else {
                bail!("there is no account named \"{name}\"");
            };
            println!("New two-factor secret for {name}; its sessions are ended.");
            print_setup(&name, &secret);
        }
    }
    Ok(ExitCode::SUCCESS)
}
