//! What the public site holds while it runs: the snapshot of the published
//! records pages render from, the pages already rendered, and the search
//! index. It reads no database: whoever owns the store hands it each new
//! snapshot ([`PublicSite::install`]).

use crate::shell::cache::PageCache;
use inferno_audit::{SignedCheckpoint, VerifyingKey};
use inferno_domain::Catalog;
use std::sync::{Arc, RwLock};

/// Settings of the public site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The address readers reach the site at, without a trailing slash; used in
    /// citation lines and canonical links.
    pub public_url: String,
    /// Say on every page that the data is a sample compiled from public reports.
    pub sample_notice: bool,
    /// Keep rendered pages, compressed, for the next request: a server
    /// does; `export-static`, which asks for each page once, does not.
    pub keep_pages: bool,
    /// The site's Tor onion service, without a trailing slash: every answer
    /// tells Tor Browser of it (`Onion-Location`) and the forms show it.
    pub onion_url: Option<String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            public_url: "http://127.0.0.1:8080".into(),
            sample_notice: true,
            keep_pages: true,
            onion_url: None,
        }
    }
}

/// A cause the site cannot show its page for: the data behind it cannot be
/// read now. Logged, never shown.
pub type Outage = Box<dyn std::error::Error + Send + Sync>;

/// Where the dataset bundle's signed statement of the audit log comes from:
/// the log's latest checkpoint and the key that verifies it. The one thing
/// the site asks of the deployment beyond the published records.
#[async_trait::async_trait]
pub trait Ledger: Send + Sync {
    async fn latest_checkpoint(&self) -> Result<Option<SignedCheckpoint>, Outage>;
    fn key(&self) -> VerifyingKey;
}

/// A catalog with the content version it was loaded at.
#[derive(Clone)]
pub struct Snapshot {
    pub catalog: Arc<Catalog>,
    pub version: i64,
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

/// The running public site.
pub struct PublicSite {
    pub config: SiteConfig,
    snapshot: RwLock<Snapshot>,
    /// Held while the dataset's files are made, so that a burst of requests
    /// after a change makes them once.
    pub(crate) building: tokio::sync::Mutex<()>,
    /// The search index and the content version it was made at; `None`
    /// until the first is made, in the background after start.
    search: RwLock<Option<(i64, Arc<inferno_search::SearchIndex>)>>,
    /// An index is being made.
    indexing: std::sync::atomic::AtomicBool,
    pub(crate) cache: PageCache,
    pub(crate) ledger: Arc<dyn Ledger>,
    /// The rows of the dataset's tables that the API lists (findings,
    /// transfers), typed, and the content version they were made at: made
    /// once a change, not once a request.
    tables: RwLock<Vec<(inferno_domain::dataset::Table, i64, Arc<TableRows>)>>,
}

/// A table's rows as the API lists them: each with its cursor, in cursor order.
pub type TableRows = Vec<(String, serde_json::Value)>;

impl PublicSite {
    /// Prepares the site to serve `snapshot`.
    pub async fn new(snapshot: Snapshot, config: SiteConfig, ledger: Arc<dyn Ledger>) -> Arc<PublicSite> {
        // A small catalog is indexed before the first request (a fifth of a
        // second for the sample); a large one in the background, so that
        // the pages are served at once and search follows a few seconds later.
        let catalog = &snapshot.catalog;
        let records =
            catalog.sites().len() + catalog.sources().len() + catalog.testimonies().len() + catalog.news().len();
        let search = if records <= INDEX_AT_START {
            let (c, version) = (catalog.clone(), snapshot.version);
            tokio::task::spawn_blocking(move || make_index(&c)).await.ok().flatten().map(|index| (version, index))
        } else {
            None
        };
        Arc::new(PublicSite {
            config,
            snapshot: RwLock::new(snapshot),
            building: tokio::sync::Mutex::new(()),
            search: RwLock::new(search),
            indexing: std::sync::atomic::AtomicBool::new(false),
            cache: PageCache::new(),
            ledger,
            tables: RwLock::new(Vec::new()),
        })
    }

    /// `table`'s rows at the current snapshot, made on the first request
    /// after a change (one request at a time, off the async threads, as the
    /// dataset's files are) and kept until the next.
    pub(crate) async fn table_rows(&self, table: inferno_domain::dataset::Table) -> Arc<TableRows> {
        let kept = |version: i64| {
            let tables = self.tables.read().unwrap_or_else(|e| e.into_inner());
            tables.iter().find(|(t, v, _)| *t == table && *v == version).map(|(_, _, rows)| rows.clone())
        };
        if let Some(rows) = kept(self.version()) {
            return rows;
        }
        let _one = self.building.lock().await;
        let snapshot = self.snapshot();
        if let Some(rows) = kept(snapshot.version) {
            return rows;
        }
        let (catalog, public_url) = (snapshot.catalog.clone(), self.config.public_url.clone());
        let rows = tokio::task::spawn_blocking(move || {
            table.json_rows(&inferno_domain::dataset::Ctx { catalog: &catalog, public_url: &public_url })
        })
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()));
        let rows = Arc::new(rows);
        let mut tables = self.tables.write().unwrap_or_else(|e| e.into_inner());
        tables.retain(|(t, v, _)| *t != table && *v == snapshot.version);
        tables.push((table, snapshot.version, rows.clone()));
        rows
    }

    /// The published records pages are rendered from now.
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The content version pages are rendered at; cached pages of another are stale.
    pub fn version(&self) -> i64 {
        self.snapshot.read().unwrap_or_else(|e| e.into_inner()).version
    }

    /// Serves `next` from now on, and forgets the pages rendered from the
    /// one before. The caller hands snapshots over in order, one at a time.
    pub fn install(&self, next: Snapshot) {
        *self.snapshot.write().unwrap_or_else(|e| e.into_inner()) = next;
        self.cache.clear();
    }

    /// The search index, once made; it may be one change behind the pages
    /// for the few seconds a new one takes.
    pub(crate) fn search_index(&self) -> Option<Arc<inferno_search::SearchIndex>> {
        self.search.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(_, i)| i.clone())
    }

    /// Makes the search index again if the content changed since it was
    /// made, on a blocking thread, one at a time; the old one answers meanwhile.
    pub fn reindex(self: &Arc<Self>) {
        use std::sync::atomic::Ordering;
        let snapshot = self.snapshot();
        let current = self.search.read().unwrap_or_else(|e| e.into_inner()).as_ref().map(|(v, _)| *v);
        if current == Some(snapshot.version) || self.indexing.swap(true, Ordering::AcqRel) {
            return;
        }
        let site = self.clone();
        tokio::task::spawn_blocking(move || {
            if let Some(index) = make_index(&snapshot.catalog) {
                *site.search.write().unwrap_or_else(|e| e.into_inner()) = Some((snapshot.version, index));
            }
            site.indexing.store(false, Ordering::Release);
        });
    }
}
