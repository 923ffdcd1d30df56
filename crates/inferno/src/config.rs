//! Settings: defaults, then an optional TOML file, then environment variables
//! and flags (clap reads those two).

use crate::Command;
use anyhow::Context;
use inferno_services::intake::IntakeSettings;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Every setting the file may hold. Unknown keys are refused, so a typo does
/// not silently fall back to a default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    blob_store: Option<String>,
    listen: Option<SocketAddr>,
    public_url: Option<String>,
    onion_url: Option<String>,
    intake_node_url: Option<String>,
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
    intake_uploads_per_client: Option<usize>,
    intake_uploads_in_flight: Option<usize>,
    intake_min_free_disk_mib: Option<u64>,
    intake_receipt_checks_per_hour: Option<u32>,
    /// Read and ignored (with a warning at start): there is no longer a
    /// count of receipt checks for everyone together.
    intake_receipt_checks_per_hour_global: Option<u32>,
    intake_retention_days: Option<u32>,
    trusted_proxies: Option<Vec<std::net::IpAddr>>,
    max_connections: Option<usize>,
    max_connections_per_client: Option<usize>,
    header_timeout_secs: Option<u64>,
    body_idle_secs: Option<u64>,
    min_body_bytes_per_sec: Option<u64>,
    serve_threads: Option<usize>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    /// The database (`database_url`, or `inferno.sqlite3` in the data directory).
    pub database: Database,
    pub listen: SocketAddr,
    /// The address readers reach the site at, when set; otherwise the address
    /// the server is listening on, known once it has bound its port.
    pub public_url: Option<String>,
    /// The site's Tor onion service (`http://….onion`), when it has one.
    pub onion_url: Option<String>,
    /// The server that receives submissions, when it is not this one.
    pub intake_node: Option<std::sync::Arc<inferno_web::intake::node::IntakeNode>>,
    /// Where sealed packs go: `s3://BUCKET`, or the database when unset.
    pub blob_store: Option<String>,
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
    /// Peers whose address is every visitor's (a Tor onion service, a reverse proxy).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub connections: inferno_site::shell::conn::ConnectionLimits,
    /// Threads that run the server: one per core unless set. A machine that
    /// also runs other services (or a benchmark comparing one nginx worker)
    /// gives it fewer.
    pub threads: Option<usize>,
}

impl Settings {
    /// The web site's settings; `bound` is the address served on, the
    /// public address when none is set.
    pub fn web_config(&self, bound: &str) -> inferno_web::WebConfig {
        inferno_web::WebConfig {
            site: inferno_site::SiteConfig {
                public_url: self.public_url.clone().unwrap_or_else(|| format!("http://{bound}")),
                sample_notice: self.sample_notice,
                onion_url: self.onion_url.clone(),
                ..Default::default()
            },
            secure_cookies: self.secure_cookies,
            session_idle: std::time::Duration::from_secs(self.session_idle_secs),
            session_max: std::time::Duration::from_secs(self.session_max_secs),
            intake: self.intake.clone(),
            trusted_proxies: self.trusted_proxies.clone(),
            connections: self.connections.clone(),
            intake_node: self.intake_node.clone(),
            ..Default::default()
        }
    }

    /// Where sealed packs go: the bucket `blob_store` names, or the
    /// database where none is set.
    pub fn pack_store(
        &self,
        store: &std::sync::Arc<dyn inferno_storage::Store>,
    ) -> anyhow::Result<std::sync::Arc<dyn inferno_storage::PackStore>> {
        Ok(match &self.blob_store {
            Some(url) => std::sync::Arc::new(inferno_storage::S3Packs::from_env(url)?),
            None => std::sync::Arc::new(inferno_storage::DbPacks::new(store.clone())),
        })
    }

    pub fn load(
        file: Option<&Path>,
        data_dir: Option<PathBuf>,
        database_url: Option<String>,
        blob_store: Option<String>,
        command: &Command,
    ) -> anyhow::Result<Settings> {
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
        let export_url = match command {
            Command::ExportStatic(args) => args.public_url.clone(),
            _ => None,
        };
        let public_url = serve
            .and_then(|a| a.public_url.clone())
            .or(export_url)
            .or(f.public_url)
            .map(|u| u.trim_end_matches('/').to_owned());
        if let Some(u) = &public_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            anyhow::bail!("public_url must start with http:// or https://, not {u:?}");
        }
        let onion_url =
            serve.and_then(|a| a.onion_url.clone()).or(f.onion_url).map(|u| u.trim_end_matches('/').to_owned());
        if let Some(u) = &onion_url
            && !is_onion(u)
        {
            anyhow::bail!("onion_url must be the address of an onion service, http://NAME.onion, not {u:?}");
        }
        let intake_node = serve
            .and_then(|a| a.intake_node_url.clone())
            .or(f.intake_node_url)
            .map(|u| inferno_web::intake::node::IntakeNode::new(&u).map(std::sync::Arc::new))
            .transpose()?;
        let blob_store = blob_store.or(f.blob_store);
        if let Some(url) = &blob_store {
            // Said now, before anything is opened: the same check as at use.
            inferno_storage::S3Packs::from_env(url).map_err(|e| anyhow::anyhow!("blob_store: {e}"))?;
        }
        let data_dir = data_dir.or(f.data_dir).unwrap_or_else(|| PathBuf::from("inferno-data"));
        let database = match database_url.or(f.database_url) {
            Some(url) => Database::parse(&url)?,
            None => Database::Sqlite(data_dir.join(inferno_storage::DATABASE_FILE)),
        };
        if f.intake_receipt_checks_per_hour_global.is_some() {
            eprintln!(
                "warning: intake_receipt_checks_per_hour_global is ignored: there is no longer a count of \
                 receipt checks for everyone together (a stranger could spend it); each client keeps its own"
            );
        }
        let d = IntakeSettings::default();
        const MIB: u64 = 1024 * 1024;
        let intake = IntakeSettings {
            data_dir: data_dir.clone(),
            max_submission: f.intake_max_submission_mib.map_or(d.max_submission, |m| m * MIB),
            max_file: f.intake_max_file_mib.map_or(d.max_file, |m| m * MIB),
            max_files: f.intake_max_files.unwrap_or(d.max_files),
            per_client_per_hour: f.intake_submissions_per_hour.unwrap_or(d.per_client_per_hour),
            uploads_per_client: f.intake_uploads_per_client.unwrap_or(d.uploads_per_client),
            uploads_in_flight: f.intake_uploads_in_flight.unwrap_or(d.uploads_in_flight),
            min_free_disk: f.intake_min_free_disk_mib.map_or(d.min_free_disk, |m| m * MIB),
            receipt_checks_per_client_per_hour: f
                .intake_receipt_checks_per_hour
                .unwrap_or(d.receipt_checks_per_client_per_hour),
            retention_days: f.intake_retention_days.unwrap_or(d.retention_days),
            trusted_proxies: f.trusted_proxies.clone().unwrap_or_default(),
        };
        if intake.max_submission == 0
            || intake.max_file == 0
            || intake.max_files == 0
            || intake.uploads_per_client == 0
            || intake.uploads_in_flight == 0
        {
            anyhow::bail!("intake limits must be above zero");
        }
        let c = inferno_site::shell::conn::ConnectionLimits::default();
        let connections = inferno_site::shell::conn::ConnectionLimits {
            max_connections: f.max_connections.unwrap_or(c.max_connections),
            max_per_client: f.max_connections_per_client.unwrap_or(c.max_per_client),
            header_timeout: f.header_timeout_secs.map_or(c.header_timeout, std::time::Duration::from_secs),
            body_idle: f.body_idle_secs.map_or(c.body_idle, std::time::Duration::from_secs),
            min_body_rate: f.min_body_bytes_per_sec.unwrap_or(c.min_body_rate),
        };
        if connections.header_timeout.is_zero() || connections.body_idle.is_zero() {
            anyhow::bail!("header_timeout_secs and body_idle_secs must be above zero");
        }
        if connections.max_connections == 0 || connections.max_per_client == 0 {
            anyhow::bail!("max_connections and max_connections_per_client must be above zero");
        }
        let threads = match f.serve_threads {
            Some(0) | None => None,
            Some(n) => Some(n),
        };
        Ok(Settings {
            threads,
            database,
            data_dir,
            trusted_proxies: intake.trusted_proxies.clone(),
            connections,
            intake,
            listen,
            sample_notice: serve.and_then(|a| a.sample_notice).or(f.sample_notice).unwrap_or(true),
            seed_sample: !serve.is_some_and(|a| a.no_sample) && f.seed_sample.unwrap_or(true),
            log: std::env::var("INFERNO_LOG").ok().or(f.log).unwrap_or_else(|| "info,sqlx=error".into()),
            secure_cookies: f
                .secure_cookies
                .unwrap_or(public_url.as_deref().is_some_and(|u| u.starts_with("https://"))),
            session_idle_secs: f.session_idle_secs.unwrap_or(30 * 60),
            session_max_secs: f.session_max_secs.unwrap_or(12 * 3600),
            public_url,
            onion_url,
            intake_node,
            blob_store,
        })
    }
}

/// Whether `u` is an onion service's address: `http://` or `https://`, a
/// host name under `.onion`, and nothing after it but a path.
fn is_onion(u: &str) -> bool {
    let Some(rest) = u.strip_prefix("http://").or_else(|| u.strip_prefix("https://")) else { return false };
    let host = rest.split('/').next().unwrap_or("");
    host.strip_suffix(".onion")
        .is_some_and(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.'))
}

/// Logs go to standard error. Nothing about a visitor is ever logged: there is
/// no access log, and errors carry no address or user agent.
///
/// Whatever the filter says, the database driver logs errors only: at debug
/// it prints every statement, and with it the moment each submission and each
/// receipt check happened; at warn it says when a connection was slow to come
/// (review 3 saw one during a source's submission while PostgreSQL restarted),
/// and a line's time under journald is the time of a source's action. Lines
/// carry no time of their own for the same reason (a service manager that
/// stamps them knows when the server wrote, not what it was doing).
pub fn init_logging(filter: &str) {
    use std::io::IsTerminal;
    let mut filter =
        tracing_subscriber::EnvFilter::try_new(filter).unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    for quiet in ["sqlx=error", "hyper=error", "hyper_util=error"] {
        if let Ok(d) = quiet.parse() {
            filter = filter.add_directive(d);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .init();
}

/// Where the records are: which backend, chosen by the URL's scheme.
#[derive(Clone)]
pub enum Database {
    /// A SQLite database file (`sqlite://PATH`; by default `inferno.sqlite3`
    /// in the data directory).
    Sqlite(PathBuf),
    /// A PostgreSQL database (`postgres://…`), by its URL, which may hold a
    /// password: it is never printed (see the `Debug` and `Display` below).
    Postgres(String),
}

impl Database {
    /// The database a `database_url` names: `sqlite://PATH` (or
    /// `sqlite:PATH`), or `postgres://…` (or `postgresql://…`).
    pub fn parse(url: &str) -> anyhow::Result<Database> {
        if let Some(path) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
            anyhow::ensure!(!path.is_empty(), "database_url {url:?} names no file: give sqlite://PATH");
            return Ok(Database::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Database::Postgres(url.to_owned()));
        }
        // Only the scheme is repeated: a URL may carry a password.
        let scheme = url.split_once(':').map_or("", |(s, _)| s);
        anyhow::bail!("database_url must be sqlite://PATH or postgres://…; a {scheme:?} URL is not one inferno reads")
    }

    /// Opens the database, with the secrets that live beside it (the audit
    /// signing key) in `data_dir`; does not migrate it.
    pub async fn open(&self, data_dir: &Path) -> anyhow::Result<std::sync::Arc<dyn inferno_storage::Store>> {
        Ok(match self {
            Database::Sqlite(path) => std::sync::Arc::new(
                inferno_storage::SqliteStore::open_file(data_dir, path)
                    .await
                    .with_context(|| format!("cannot open the database {self}"))?,
            ),
            Database::Postgres(url) => std::sync::Arc::new(
                inferno_storage::PgStore::connect(data_dir, url)
                    .await
                    .with_context(|| format!("cannot open the database {self}"))?,
            ),
        })
    }
}

/// Where the database is, without what the URL may hide: its user and
/// password, and its parameters.
impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::Sqlite(path) => write!(f, "at {}", path.display()),
            Database::Postgres(url) => {
                let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
                let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
                let rest = rest.split_once('?').map_or(rest, |(r, _)| r);
                write!(f, "postgres://{rest}")
            }
        }
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Database({self})")
    }
}
