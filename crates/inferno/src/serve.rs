//! `inferno serve`.

use crate::config::Settings;
use anyhow::Context;
use clap::Args;
use inferno_storage::Store;
use inferno_web::App;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "INFERNO_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// The address readers use, for citations and canonical links [default: http://LISTEN]
    #[arg(long, env = "INFERNO_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// The site's Tor onion service (http://….onion), shown in the forms' safety note and sent as Onion-Location
    #[arg(long, env = "INFERNO_ONION_URL", value_name = "URL")]
    pub onion_url: Option<String>,
    /// The server that receives submissions (http://HOST:PORT), when it is not this one: every intake request is passed to it
    #[arg(long, env = "INFERNO_INTAKE_NODE_URL", value_name = "URL")]
    pub intake_node_url: Option<String>,
    /// Show (true) or hide (false) the note that the data is a sample [default: true]
    #[arg(long, env = "INFERNO_SAMPLE_NOTICE", value_name = "BOOL")]
    pub sample_notice: Option<bool>,
    /// Do not fill an empty database with the bundled sample data
    #[arg(long)]
    pub no_sample: bool,
}

impl ServeArgs {
    /// The arguments of a bare `inferno`: only what the environment sets.
    pub fn from_env() -> ServeArgs {
        use clap::{FromArgMatches, Parser};
        #[derive(Parser)]
        struct Bare {
            #[command(flatten)]
            args: ServeArgs,
        }
        let matches = <Bare as clap::CommandFactory>::command().get_matches_from(["inferno"]);
        Bare::from_arg_matches(&matches).map(|b| b.args).unwrap_or(ServeArgs {
            listen: None,
            public_url: None,
            onion_url: None,
            intake_node_url: None,
            sample_notice: None,
            no_sample: false,
        })
    }
}

/// What `serve` sets in `GLIBC_TUNABLES`: any fixed threshold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MALLOC_TUNABLE: &str = "glibc.malloc.trim_threshold=131072";

/// Starts the server again, in place (same process), with glibc's malloc
/// thresholds fixed, unless the environment already sets one.
///
/// glibc raises the size from which it serves a block from its own mapping
/// each time such a block is freed, up to 32 MiB: after the first Brotli
/// compression of the home page (about 8 MiB of tables) every page being
/// rendered and compressed comes from the heap, and stays resident once freed.
/// Measured with `bench/scale.sh` at ten times the register: 171 MiB after the
/// pages and the changes, 133 MiB with a fixed threshold (setting any one
/// stops the raising). glibc reads its tunables only from the environment
/// when a program starts, and setting the environment of a running process is
/// unsafe, so the server asks for it by starting itself again.
pub fn fix_malloc_thresholds() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        let current = std::env::var("GLIBC_TUNABLES").unwrap_or_default();
        if current.contains("glibc.malloc.") {
            return;
        }
        let tunables =
            if current.is_empty() { MALLOC_TUNABLE.to_owned() } else { format!("{current}:{MALLOC_TUNABLE}") };
        let mut args = std::env::args_os();
        let (Some(arg0), Ok(exe)) = (args.next(), std::env::current_exe()) else { return };
        // Returns only if the program cannot be started; then it goes on as it is.
        let error = std::process::Command::new(exe).arg0(arg0).args(args).env("GLIBC_TUNABLES", tunables).exec();
        eprintln!("warning: cannot start again with fixed malloc thresholds ({error}); going on without");
    }
}

/// What a PostgreSQL server records on its own, said at every start on
/// PostgreSQL (README.md, "What each engine records").
const POSTGRES_RECORDS: &str = "on PostgreSQL, the database server itself records when each write \
     happened: its write-ahead log holds the commit time of every transaction, to the microsecond, and \
     the transaction ids of rows (xmin) keep the order of commits. What sources send waits in this \
     node's inbox and reaches PostgreSQL only with the day's seal, at one moment for the whole day \
     (and with a staff change to one submission, at the moment of the change); keep the WAL archive \
     and replicas as private as the database.";

pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let ready = prepare(&settings).await?;
    // Tests and scripts read this line to learn the port.
    println!("Inferno is listening on http://{}", ready.addr);
    tracing::info!(addr = %ready.addr, data_dir = %settings.data_dir.display(), "serving");
    ready.serve(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// A server ready to take requests: its database opened, migrated and,
/// when empty, filled with the sample; the published records loaded; its
/// address bound.
pub(crate) struct Ready {
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    pub addr: std::net::SocketAddr,
}

pub(crate) async fn prepare(settings: &Settings) -> anyhow::Result<Ready> {
    let store = crate::open_store(settings).await?;
    if matches!(settings.database, crate::config::Database::Postgres(_)) {
        if store.keeps_commit_times().await? {
            anyhow::bail!(
                "the PostgreSQL server has track_commit_timestamp = on, which keeps the time of every commit \
                 (a source's submission included) for anyone to read with pg_xact_commit_timestamp(); \
                 turn it off (ALTER SYSTEM SET track_commit_timestamp = off, then restart PostgreSQL) and start again"
            );
        }
        tracing::warn!("{POSTGRES_RECORDS}");
    }
    if settings.seed_sample && store.is_empty().await? {
        crate::sample::seed(store.as_ref()).await.context("cannot load the bundled sample data")?;
        tracing::info!("the database was empty: filled it with the bundled sample data");
    }
    if store.intake_readers().await?.is_empty() {
        tracing::warn!(
            "no staff account can read submissions yet, so the submission and contact forms say they are not open; \
             create the first account with: inferno --data-dir {} user add NAME --role admin",
            settings.data_dir.display()
        );
    }
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let addr = listener.local_addr()?;
    // Unset, the public address is the one bound (with `--listen
    // 127.0.0.1:0`, the port the system chose, not `:0`).
    let mut config = settings.web_config(&addr.to_string());
    let store: Arc<dyn Store> = store;
    config.packs = Some(settings.pack_store(&store)?);
    let app = App::new(store, config).await.context("cannot load the published records")?;
    // What an upload cut off by a crash left behind: never acknowledged, so removed.
    let removed = app.sweep_intake().await.context("cannot clean the blob store")?;
    if removed > 0 {
        tracing::info!(removed, "removed files left by uploads that never completed");
    }
    Ok(Ready { listener, app, addr })
}

impl Ready {
    /// Serves until `shutdown` completes, watching the database for other
    /// processes' changes and purging past their retention once a day.
    pub(crate) async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        tokio::spawn(self.app.clone().watch());
        tokio::spawn(self.app.clone().purge_daily());
        tokio::spawn(self.app.clone().seal_daily());
        inferno_web::serve(self.listener, self.app, shutdown).await.context("the server stopped with an error")
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
