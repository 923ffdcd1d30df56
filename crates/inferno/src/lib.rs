//! `inferno`: the server and the commands that look after its data; the
//! binary (`main.rs`) parses the command line and calls [`run`].

mod audit;
mod config;
mod copy;
mod export;
mod import;
mod intake;
mod sample;
mod secrets;
mod serve;
mod user;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::Settings;
use std::path::PathBuf;
use std::sync::Arc;

/// Inferno documents where Russia holds Ukrainian prisoners of war and what
/// is done to them there.
#[derive(Debug, Parser)]
#[command(name = "inferno", version, about, long_about = None)]
pub struct Cli {
    /// A TOML file with settings (see README.md); flags and environment variables override it.
    #[arg(long, env = "INFERNO_CONFIG", global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Where the database and files are kept [default: ./inferno-data]
    #[arg(long, env = "INFERNO_DATA_DIR", global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// The database: sqlite://PATH for a SQLite file, postgres://… for PostgreSQL [default: DATA_DIR/inferno.sqlite3]
    #[arg(long, env = "INFERNO_DATABASE_URL", global = true, value_name = "URL")]
    database_url: Option<String>,

    /// Where sealed packs of submitted files go: s3://BUCKET (endpoint, region and keys from AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ALLOW_HTTP) [default: the database]
    #[arg(long, env = "INFERNO_BLOB_STORE", global = true, value_name = "URL")]
    blob_store: Option<String>,

    /// What to do; without a command, `serve`.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web site (creates and migrates the database, and fills an empty one with the bundled sample).
    Serve(serve::ServeArgs),
    /// Import a CSV file of records, upserting by id; a file with any error imports nothing.
    Import(import::ImportArgs),
    /// Create the database if needed and bring its schema up to date.
    Migrate,
    /// Manage staff accounts: add, list, disable, enable, reset-2fa.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Check the tamper-evident audit log, prove entries, print the latest checkpoint.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Housekeeping of the intake vault: purge rejected and spam submissions.
    #[command(subcommand)]
    Intake(intake::IntakeCommand),
    /// Copy a whole deployment (records, accounts, revisions, audit log, intake vault) into an empty database of either kind.
    Copy(copy::CopyArgs),
    /// Give a node the deployment's secrets, or export them for another: export, import.
    #[command(subcommand)]
    Secrets(secrets::SecretsCommand),
    /// Write the whole public site as static files (every page in both languages, the assets, the downloads, a search that needs no server).
    ExportStatic(export::ExportArgs),
}

/// Runs the command `cli` names, on a runtime of its own.
pub fn run(cli: Cli) -> anyhow::Result<std::process::ExitCode> {
    let command = cli.command.unwrap_or_else(|| Command::Serve(serve::ServeArgs::from_env()));
    if matches!(command, Command::Serve(_)) {
        serve::fix_malloc_thresholds();
    }
    let settings = Settings::load(cli.config.as_deref(), cli.data_dir, cli.database_url, cli.blob_store, &command)?;
    config::init_logging(&settings.log);
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = settings.threads {
        runtime.worker_threads(n);
    }
    let runtime = runtime.enable_all().build().context("cannot start the runtime")?;
    runtime.block_on(async move {
        match command {
            Command::Serve(_) => serve::run(settings).await.map(|()| std::process::ExitCode::SUCCESS),
            Command::Import(args) => import::run(&settings, args).await,
            Command::Audit(command) => audit::run(&settings, command).await,
            Command::User(command) => user::run(&settings, command).await,
            Command::Intake(command) => intake::run(&settings, command).await,
            Command::ExportStatic(args) => export::run(&settings, args).await,
            Command::Copy(args) => copy::run(&settings, args).await,
            Command::Secrets(command) => secrets::run(&settings, command).await,
            Command::Migrate => {
                let (_, migrated) = open_and_migrate(&settings).await?;
                let path = &settings.database;
                if migrated.applied.is_empty() {
                    println!("The database {path} was up to date (schema {}).", migrated.version);
                } else {
                    println!("Applied {} migration(s) to the database {path}:", migrated.applied.len());
                    for (version, description) in &migrated.applied {
                        println!("  {version:04} {description}");
                    }
                    println!("It is now at schema {}.", migrated.version);
                }
                Ok(std::process::ExitCode::SUCCESS)
            }
        }
    })
}

/// Runs `inferno ARGS` (a `serve` command, with its settings from the
/// arguments, the environment and a settings file as the binary takes
/// them) in this process, on the caller's runtime, until `shutdown`
/// completes; `listening` learns the address once it is bound. What the
/// binary does, short of what only a process of its own can do: no malloc
/// tunables, no logging set up. The integration tests' server, for every
/// test that needs no process of its own.
pub async fn serve_in_process(
    args: &[&str],
    listening: impl FnOnce(std::net::SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let cli = Cli::try_parse_from(std::iter::once("inferno").chain(args.iter().copied()))?;
    let command = cli.command.unwrap_or_else(|| Command::Serve(serve::ServeArgs::from_env()));
    anyhow::ensure!(matches!(command, Command::Serve(_)), "not a serve command: {args:?}");
    let settings = Settings::load(cli.config.as_deref(), cli.data_dir, cli.database_url, cli.blob_store, &command)?;
    let ready = serve::prepare(&settings).await?;
    listening(ready.addr);
    ready.serve(shutdown).await
}

/// Opens the database the settings name and migrates it.
async fn open_store(settings: &Settings) -> anyhow::Result<Arc<dyn inferno_storage::Store>> {
    open_and_migrate(settings).await.map(|(store, _)| store)
}

/// Opens the database the settings name and migrates it, saying what that did.
async fn open_and_migrate(
    settings: &Settings,
) -> anyhow::Result<(Arc<dyn inferno_storage::Store>, inferno_storage::Migrated)> {
    let store = settings.database.open(&settings.data_dir).await?;
    let migrated =
        store.migrate().await.with_context(|| format!("cannot migrate the database {}", settings.database))?;
    for (version, description) in &migrated.applied {
        tracing::info!(version, description = %description, "applied a migration");
    }
    Ok((store, migrated))
}
