//! Settings: defaults, then an optional TOML file, then environment variables
//! and flags (clap reads those two).

use crate::Command;
use anyhow::Context;
use inferno_web::intake::IntakeSettings;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Every setting the file may hold. Unknown keys are refused, so a typo does
/// not silently fall back to a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data_dir: Option<PathBuf>,
    listen: Option<SocketAddr>,
    public_url: Option<String>,
    sample_notice: Option<bool>,
    seed_sample: Option<bool>,
    log: Option<String>,
    secure_cookies: Option<bool>,
    session_idle_secs: Option<u64>,
    session_max_secs: Option<u64>,
    intake_max_submission_mib: Option<u64>,
    intake_max_file_mib: Option<u64>,
    intake_max_files: Option<usize>,
    intake_submissions_per_hour: Option<u32>,
    intake_submissions_per_hour_global: Option<u32>,
    intake_receipt_checks_per_hour: Option<u32>,
    intake_retention_days: Option<u32>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub listen: SocketAddr,
    pub public_url: String,
    /// Say on every page that the data is a sample.
    pub sample_notice: bool,
    /// Fill an empty database with the bundled sample at start.
    pub seed_sample: bool,
    /// A `tracing` filter, e.g. `info` or `inferno=debug`.
    pub log: String,
    /// Back-office cookies with `Secure` and the `__Host-` prefix.
    pub secure_cookies: bool,
    pub session_idle_secs: u64,
    pub session_max_secs: u64,
    /// Limits and retention of the intake vault (its `data_dir` is the one above).
    pub intake: IntakeSettings,
}

impl Settings {
    pub fn load(file: Option<&Path>, data_dir: Option<PathBuf>, command: &Command) -> anyhow::Result<Settings> {
        let f: FileSettings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
                toml::from_str(&text).with_context(|| format!("{} is not a valid settings file", path.display()))?
            }
            None => FileSettings::default(),
        };
        let serve = match command {
            Command::Serve(args) => Some(args),
            _ => None,
        };
        let listen =
            serve.and_then(|a| a.listen).or(f.listen).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080)));
        let public_url = serve
            .and_then(|a| a.public_url.clone())
            .or(f.public_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("public_url must start with http:// or https://, not {public_url:?}");
        }
        let data_dir = data_dir.or(f.data_dir).unwrap_or_else(|| PathBuf::from("inferno-data"));
        let d = IntakeSettings::default();
        const MIB: u64 = 1024 * 1024;
        let intake = IntakeSettings {
            data_dir: data_dir.clone(),
            max_submission: f.intake_max_submission_mib.map_or(d.max_submission, |m| m * MIB),
            max_file: f.intake_max_file_mib.map_or(d.max_file, |m| m * MIB),
            max_files: f.intake_max_files.unwrap_or(d.max_files),
            per_client_per_hour: f.intake_submissions_per_hour.unwrap_or(d.per_client_per_hour),
            global_per_hour: f.intake_submissions_per_hour_global.unwrap_or(d.global_per_hour),
            receipt_checks_per_client_per_hour: f
                .intake_receipt_checks_per_hour
                .unwrap_or(d.receipt_checks_per_client_per_hour),
            receipt_checks_global_per_hour: d.receipt_checks_global_per_hour,
            retention_days: f.intake_retention_days.unwrap_or(d.retention_days),
        };
        if intake.max_submission == 0 || intake.max_file == 0 || intake.max_files == 0 {
            anyhow::bail!("intake limits must be above zero");
        }
        Ok(Settings {
            data_dir,
            intake,
            listen,
            sample_notice: serve.and_then(|a| a.sample_notice).or(f.sample_notice).unwrap_or(true),
            seed_sample: !serve.is_some_and(|a| a.no_sample) && f.seed_sample.unwrap_or(true),
            log: std::env::var("INFERNO_LOG").ok().or(f.log).unwrap_or_else(|| "info,sqlx=warn".into()),
            secure_cookies: f.secure_cookies.unwrap_or(public_url.starts_with("https://")),
            session_idle_secs: f.session_idle_secs.unwrap_or(30 * 60),
            session_max_secs: f.session_max_secs.unwrap_or(12 * 3600),
            public_url,
        })
    }
}

/// Logs go to standard error. Nothing about a visitor is ever logged: there is
/// no access log, and errors carry no address or user agent.
pub fn init_logging(filter: &str) {
    use std::io::IsTerminal;
    let filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
