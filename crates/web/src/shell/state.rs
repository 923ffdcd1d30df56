//! What the web layer holds while it runs.

use crate::shell::cache::PageCache;
use inferno_domain::Catalog;
use inferno_storage::{Store, StoreError};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Settings of the public site.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The address readers reach the site at, without a trailing slash; used in
    /// citation lines and canonical links.
    pub public_url: String,
    /// Say on every page that the data is a sample compiled from public reports.
    pub sample_notice: bool,
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
    pub connections: crate::shell::conn::ConnectionLimits,
    /// Keep rendered pages, compressed, for the next request: a server
    /// does; `export-static`, which asks for each page once, does not.
    pub keep_pages: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            public_url: "http://127.0.0.1:8080".into(),
            sample_notice: true,
            poll_interval: Duration::from_millis(250),
            secure_cookies: false,
            session_idle: Duration::from_secs(30 * 60),
            session_max: Duration::from_secs(12 * 3600),
            intake: inferno_services::intake::IntakeSettings::default(),
            trusted_proxies: Vec::new(),
            connections: crate::shell::conn::ConnectionLimits::default(),
            keep_pages: true,
        }
    }
}

/// The search index of a catalog, logged with its size and the time it took.
fn make_index(catalog: &Catalog) -> Option<Arc<inferno_search::SearchIndex>> {
    let start = std::time::Instant::now();
    match inferno_search::SearchIndex::build(catalog) {
        Ok(index) => {
            let (records, bytes) = (index.len(), index.bytes());
            tracing::info!(records, bytes, elapsed = ?start.elapsed(), "search index made");
            Some(Arc::new(index))
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot make the search index");
            None
        }
    }
}

/// Catalogs of at most this many records are indexed for search before the
/// server takes its first request.
const INDEX_AT_START: usize = 10_000;

/// The running site: the store, the snapshot pages render from, and the pages
/// already rendered.
pub struct App {
    pub store: Arc<dyn Store>,
    pub config: WebConfig,
    snapshot: RwLock<Snapshot>,
    refreshing: tokio::sync::Mutex<()>,
    /// Held while the dataset's files are made, so that a burst of requests
    /// after a change makes them once.
    pub(crate) building: tokio::sync::Mutex<()>,
    /// The search index and the content version it was made at; `None`
    /// until the first is made, in the background after start.
    search: RwLock<Option<(i64, Arc<inferno_search::SearchIndex>)>>,
    /// An index is being made.
    indexing: std::sync::atomic::AtomicBool,
    pub(crate) cache: PageCache,
    pub(crate) staff: crate::StaffState,
    pub(crate) intake: crate::intake::IntakeState,
}

/// A catalog with the content version it was loaded at.
#[derive(Clone)]
pub(crate) struct Snapshot {
    pub catalog: Arc<Catalog>,
    pub version: i64,
}

impl App {
    /// Loads the published records and prepares the site.
    pub async fn new(store: Arc<dyn Store>, config: WebConfig) -> Result<Arc<App>, StoreError> {
        let version = store.content_version().await?;
        let catalog = Arc::new(store.load_catalog().await?);
        // A small catalog is indexed before the first request (a fifth of a
        // second for the sample); a large one in the background, so that
        // the pages are served at once and search follows a few seconds later.
        let records =
            catalog.sites().len() + catalog.sources().len() + catalog.testimonies().len() + catalog.news().len();
        let search = if records <= INDEX_AT_START {
            let c = catalog.clone();
            tokio::task::spawn_blocking(move || make_index(&c)).await.ok().flatten().map(|index| (version, index))
        } else {
            None
        };
        Ok(Arc::new(App {
            store,
            config: config.clone(),
            snapshot: RwLock::new(Snapshot { catalog, version }),
            refreshing: tokio::sync::Mutex::new(()),
            building: tokio::sync::Mutex::new(()),
            search: RwLock::new(search),
            indexing: std::sync::atomic::AtomicBool::new(false),
            cache: PageCache::new(),
            staff: crate::StaffState::new(
                config.secure_cookies,
                config.session_idle,
                config.session_max,
                config.trusted_proxies.clone(),
            ),
            intake: crate::intake::IntakeState::open(config.intake.clone()).await?,
        }))
    }

    pub(crate) fn snapshot(&self) -> Snapshot {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The content version pages are rendered at; cached pages of another are stale.
    pub(crate) fn version(&self) -> i64 {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).version
    }

    /// Brings the catalog up to date if the stored content changed; returns
    /// whether it did. The next catalog is the one before with the records
    /// that changed (shared, not copied); only when the store cannot tell what
    /// changed is everything read again.
    pub async fn refresh(&self) -> Result<bool, StoreError> {
        if self.store.content_version().await? == self.version() {
            return Ok(false);
        }
        // One refresh at a time: a save's and the poll's would do the same work,
        // and the later might put back the older catalog.
        let _one = self.refreshing.lock().await;
        let before = self.snapshot();
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
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = Snapshot { catalog: Arc::new(catalog), version };
        self.cache.clear();
        let elapsed = start.elapsed();
        match changed {
            Some(records) => {
                tracing::info!(version, records, ?elapsed, "content changed; pages will be rendered again")
            }
            None => tracing::info!(version, ?elapsed, "content changed, reloaded whole; pages will be rendered again"),
        }
        Ok(true)
    }

    /// The search index, once made; it may be one change behind the pages
    /// for the few seconds a new one takes.
    pub(crate) fn search_index(&self) -> Option<Arc<inferno_search::SearchIndex>> {
        self.search.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(_, i)| i.clone())
    }

    /// Makes the search index again if the content changed since it was
    /// made, on a blocking thread, one at a time; the old one answers meanwhile.
    fn reindex(self: &Arc<Self>) {
        use std::sync::atomic::Ordering;
        let snapshot = self.snapshot();
        let current = self.search.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(v, _)| *v);
        if current == Some(snapshot.version) || self.indexing.swap(true, Ordering::AcqRel) {
            return;
        }
        let app = self.clone();
        tokio::task::spawn_blocking(move || {
            if let Some(index) = make_index(&snapshot.catalog) {
                *app.search.write().unwrap_or_else(|e| e.into_inner()) = Some((snapshot.version, index));
            }
            app.indexing.store(false, Ordering::Release);
        });
    }

    /// Removes blobs no committed row names and uploads that never finished.
    pub async fn sweep_intake(&self) -> Result<usize, StoreError> {
        let known = self.store.intake_blob_names().await?;
        self.intake.blobs.sweep(&known).await
    }

    /// Deletes rejected and spam submissions past their retention, once a day.
    pub async fn purge_daily(self: Arc<Self>) {
        let mut tick = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            match self.intake.purge(self.store.as_ref(), "retention").await {
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
            self.reindex();
        }
    }
}
