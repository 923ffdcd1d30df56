//! What the server holds while it runs.

use inferno_audit::{SignedCheckpoint, VerifyingKey};
use inferno_site::state::{Ledger, Outage, PublicSite, SiteConfig, Snapshot};
use inferno_storage::{Store, StoreError};
use std::sync::Arc;
use std::time::Duration;

/// Settings of the server.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public site's.
    pub site: SiteConfig,
    /// How often to look for changes made by another process (an import): one
    /// small query each time.
    pub poll_interval: Duration,
    /// Back-office cookies are `Secure` with the `__Host-` prefix; turn off
    /// only for plain-HTTP local use.
    pub secure_cookies: bool,
    /// A staff session unused this long ends.
    pub session_idle: Duration,
    /// A staff session ends this long after sign-in.
    pub session_max: Duration,
    /// Limits, retention and the data directory of the intake vault.
    pub intake: inferno_services::intake::IntakeSettings,
    /// Peers whose address is every visitor's: a Tor onion service or a
    /// reverse proxy on this machine. Requests from them are told apart by a
    /// per-visitor token instead of the address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Bounds on connections: timeouts, and how many may be open at once.
    pub connections: inferno_site::shell::conn::ConnectionLimits,
    /// The server that receives submissions, when it is not this one.
    pub intake_node: Option<Arc<crate::intake::node::IntakeNode>>,
    /// Where sealed packs go: an object store; `None` for the database.
    pub packs: Option<Arc<dyn inferno_storage::PackStore>>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            site: SiteConfig::default(),
            poll_interval: Duration::from_millis(250),
            secure_cookies: false,
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 3600),
            intake: inferno_services::intake::IntakeSettings::default(),
            trusted_proxies: Vec::new(),
            connections: inferno_site::shell::conn::ConnectionLimits::default(),
            intake_node: None,
            packs: None,
        }
    }
}

/// The audit log's latest checkpoint, read from the store for the dataset bundle.
struct StoreLedger(Arc<dyn Store>);

#[async_trait::async_trait]
impl Ledger for StoreLedger {
    async fn latest_checkpoint(&self) -> Result<Option<SignedCheckpoint>, Outage> {
        Ok(self.0.audit_latest_checkpoint().await?)
    }

    fn key(&self) -> VerifyingKey {
        self.0.audit_key()
    }
}

/// The running server: the store, the public site it keeps up to date,
/// and the back office's and the intake's state.
pub struct App {
    pub store: Arc<dyn Store>,
    pub site: Arc<PublicSite>,
    pub config: WebConfig,
    refreshing: tokio::sync::Mutex<()>,
    pub(crate) staff: crate::StaffState,
    pub(crate) intake: crate::intake::IntakeState,
    /// The back office's lists, read once for each change of the records.
    pub(crate) lists: inferno_services::listing::ListIndex,
}

impl App {
    /// Loads the published records and prepares the site.
    pub async fn new(store: Arc<dyn Store>, config: WebConfig) -> Result<Arc<App>, StoreError> {
        let version = store.content_version().await?;
        let catalog = Arc::new(store.load_catalog().await?);
        let ledger = Arc::new(StoreLedger(store.clone()));
        let site = PublicSite::new(Snapshot { catalog, version }, config.site.clone(), ledger).await;
        let packs = match &config.packs {
            Some(p) => p.clone(),
            None => Arc::new(inferno_storage::DbPacks::new(store.clone())),
        };
        let intake = crate::intake::IntakeState::open(config.intake.clone(), store.clone(), packs).await?;
        Ok(Arc::new(App {
            store,
            site,
            config: config.clone(),
            refreshing: tokio::sync::Mutex::new(()),
            staff: crate::StaffState::new(
                config.secure_cookies,
                config.session_idle,
                config.session_max,
                config.trusted_proxies.clone(),
            ),
            intake,
            lists: Default::default(),
        }))
    }

    /// Brings the site's catalog up to date if the stored content changed;
    /// returns whether it did. The next catalog is the one before with the
    /// records that changed (shared, not copied); only when the store cannot
    /// tell what changed is everything read again.
    pub async fn refresh(&self) -> Result<bool, StoreError> {
        if self.store.content_version().await? == self.site.version() {
            return Ok(false);
        }
        // One refresh at a time: a save's and the poll's would do the same work,
        // and the later might put back the older catalog.
        let _one = self.refreshing.lock().await;
        let before = self.site.snapshot();
        let start = std::time::Instant::now();
        let (version, catalog, changed) = match self.store.catalog_changes(before.version).await? {
            Some((version, changes)) => {
                let records = changes.len();
                (version, before.catalog.apply(changes), Some(records))
            }
            None => {
                let version = self.store.content_version().await?;
                (version, self.store.load_catalog().await?, None)
            }
        };
        if version <= before.version {
            return Ok(false);
        }
        self.site.install(Snapshot { catalog: Arc::new(catalog), version });
        let elapsed = start.elapsed();
        match changed {
            Some(records) => {
                tracing::info!(version, records, ?elapsed, "content changed; pages will be rendered again")
            }
            None => tracing::info!(version, ?elapsed, "content changed, reloaded whole; pages will be rendered again"),
        }
        Ok(true)
    }

    /// Removes blobs no committed row names and uploads that never finished.
    pub async fn sweep_intake(&self) -> Result<usize, StoreError> {
        inferno_services::intake::sweep(&self.intake.vault).await
    }

    /// Seals the day's inbox at every midnight (UTC), on the intake node,
    /// while no other server holds the seal's job; at start, first finishes
    /// a seal or a move that a stop cut off.
    pub async fn seal_daily(self: Arc<Self>) {
        if self.config.intake_node.is_some() {
            return;
        }
        let vault = &self.intake.vault;
        let under_way = vault.seal_under_way().await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "cannot read the inbox");
            false
        });
        if !under_way && let Err(e) = vault.finish_moves().await {
            tracing::error!(error = %e, "a submission moved early could not be finished");
        }
        let until_midnight = || {
            let now = inferno_domain::date::unix_seconds();
            Duration::from_secs(((now.div_euclid(86_400) + 1) * 86_400 - now).max(1) as u64)
        };
        // A seal that failed keeps its rows taken (staff cannot change them
        // meanwhile): it is tried again soon, not at the next midnight. The
        // retry's moment tells nothing of sources: what it moves was taken
        // at the failed seal's.
        let mut wait = if under_way { Duration::ZERO } else { until_midnight() };
        loop {
            tokio::time::sleep(wait).await;
            wait = if self.seal_now().await { until_midnight() } else { Duration::from_secs(300) };
        }
    }

    /// One seal, while no other server holds the seal's job; false when it
    /// failed (and is to be tried again soon).
    async fn seal_now(&self) -> bool {
        let _held = match self.store.job_lock(inferno_storage::Job::IntakeSeal).await {
            Ok(Some(held)) => held,
            Ok(None) => return true,
            Err(e) => {
                tracing::error!(error = %e, "the day's seal could not start");
                return false;
            }
        };
        match inferno_services::intake::seal(&self.intake.vault, false, "seal").await {
            Ok(s) => tracing::info!(
                submissions = s.submissions,
                follow_ups = s.follow_ups,
                files = s.files,
                pack_bytes = s.pack_bytes,
                "sealed the inbox"
            ),
            // `inferno intake seal` ran today already: nothing to do.
            Err(inferno_services::intake::SealError::AlreadyToday(_)) => {
                tracing::info!("the inbox was sealed today already")
            }
            Err(e) => {
                tracing::error!(error = %e, "the day's seal failed; the inbox is kept whole, and sealed again in 5 minutes");
                return false;
            }
        }
        true
    }

    /// Deletes rejected and spam submissions past their retention, once a
    /// day, on the intake node (whose vault holds their files), and there
    /// only while no other server runs the same job on the same database.
    pub async fn purge_daily(self: Arc<Self>) {
        if self.config.intake_node.is_some() {
            return;
        }
        let mut tick = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            let _held = match self.store.job_lock(inferno_storage::Job::IntakePurge).await {
                Ok(Some(held)) => held,
                Ok(None) => continue,
                Err(e) => {
                    tracing::error!(error = %e, "the retention purge could not start");
                    continue;
                }
            };
            match self.intake.purge("retention").await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "deleted rejected and spam submissions past their retention"),
                Err(e) => tracing::error!(error = %e, "the retention purge failed"),
            }
        }
    }

    /// Watches the store for changes made by other processes, forever.
    pub async fn watch(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.config.poll_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_sweep = std::time::Instant::now();
        loop {
            tick.tick().await;
            if last_sweep.elapsed() >= Duration::from_secs(60) {
                last_sweep = std::time::Instant::now();
                self.staff.sweep_keys(self.store.as_ref()).await;
            }
            if let Err(e) = self.refresh().await {
                tracing::warn!(error = %e, "cannot check the database for changes");
            }
            self.site.reindex();
        }
    }
}
