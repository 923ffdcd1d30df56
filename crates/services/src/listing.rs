//! What a back-office list of records shows: where each record stands, the
//! records a search, a status or a site narrows it to, newest change first.

use inferno_domain::import::{Batch, key_of, record_fields};
use inferno_domain::{Kind, Lang, RevisionAction};
use inferno_storage::{LatestRevision, Records, StoreError};
use std::sync::Arc;

/// Where a record stands for its readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Never public yet, or taken back to a draft by an edit.
    Draft,
    Published,
    /// Taken off the site by a reviewer, with a public note.
    Withdrawn,
}

/// What a list can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    /// A proposed change to a public record waits for a reviewer.
    Waiting,
    Published,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::Waiting, Status::Published, Status::Withdrawn];

    /// Its value in a list's address (`?status=draft`).
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Waiting => "waiting",
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// What a list is asked for.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// Words the record's key or name holds, in any case; empty for all.
    pub text: String,
    pub status: Option<Status>,
    /// A site's id: the records about it (where the kind names sites).
    pub site: Option<String>,
    /// By key instead of newest change first.
    pub by_key: bool,
}

/// One record of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    /// Its name in the reader's language, where it has one.
    pub title: String,
    pub standing: Standing,
    pub change_waits: bool,
    /// When it last changed (Unix seconds, UTC); 0 when no revision says.
    pub changed: i64,
}

/// The columns through which a record of a kind names sites.
const SITE_COLUMNS: [&str; 3] = ["site_id", "facility_ids", "stays"];

/// Whether records of `kind` name sites, so that a list can be narrowed to one.
pub fn names_sites(kind: Kind) -> bool {
    kind.columns().iter().any(|c| SITE_COLUMNS.contains(&c.name))
}

/// One record as the lists hold it: what they show, search and narrow by,
/// in both languages.
#[derive(Debug)]
struct Entry {
    key: String,
    /// Its title in Ukrainian and in English.
    titles: [String; 2],
    /// Its key and titles in lower case, for the search.
    words: String,
    /// The sites it names.
    sites: Vec<String>,
    standing: Standing,
    change_waits: bool,
    changed: i64,
}

/// A kind's records as the lists read them, newest change first, and the
/// version of the records they were read at.
#[derive(Debug)]
struct Indexed {
    version: (i64, i64),
    /// Shared with the next version's, which changes a few.
    entries: Vec<Arc<Entry>>,
}

/// The back office's lists' records of each kind, read from the store once
/// for each change of the records ([`Records::records_version`]) instead of
/// once a request: a list of 90,000 findings is then narrowed, sorted and
/// cut into pages in memory, in milliseconds.
#[derive(Debug, Default)]
pub struct ListIndex {
    kinds: std::sync::Mutex<std::collections::HashMap<Kind, Arc<Indexed>>>,
    /// How many times a kind was read whole.
    whole_reads: std::sync::atomic::AtomicUsize,
}

/// More changed records than this since a list was read: it is read whole.
const PATCHED_AT_MOST: usize = 500;

impl ListIndex {
    /// How many times a kind's records were read whole (the first time,
    /// and after a change too large to bring up to date record by record).
    pub fn whole_reads(&self) -> usize {
        self.whole_reads.load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn read(&self, store: &dyn Records, kind: Kind) -> Result<Vec<Arc<Entry>>, StoreError> {
        self.whole_reads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        read(store, kind).await
    }

    async fn get(&self, store: &dyn Records, kind: Kind) -> Result<Arc<Indexed>, StoreError> {
        let version = store.records_version().await?;
        let kept = self.kinds.lock().unwrap_or_else(|e| e.into_inner()).get(&kind).cloned();
        let indexed = match kept {
            Some(kept) if kept.version == version => return Ok(kept),
            // The records that changed since are read again, one by one.
            Some(kept) if kept.version < version => match store.records_changed(kind, kept.version).await? {
                Some(keys) if keys.len() <= PATCHED_AT_MOST => {
                    Arc::new(Indexed { version, entries: patched(store, kind, &kept.entries, keys).await? })
                }
                _ => Arc::new(Indexed { version, entries: self.read(store, kind).await? }),
            },
            // Read after the version: a change in between makes the next
            // request read again, never keeps what is older than its version.
            _ => Arc::new(Indexed { version, entries: self.read(store, kind).await? }),
        };
        self.kinds.lock().unwrap_or_else(|e| e.into_inner()).insert(kind, indexed.clone());
        Ok(indexed)
    }
}

/// What a list holds of record `i` of `batch`, with its latest revision.
fn entry(kind: Kind, batch: &Batch, i: usize, published: bool, head: Option<&LatestRevision>) -> Option<Entry> {
    let key = key_of(batch, i)?;
    let fields = record_fields(batch, i)?;
    let get = |c: &str| fields.iter().find(|(n, _)| *n == c).map(|(_, v)| v.as_str());
    let sites = SITE_COLUMNS.iter().filter_map(|c| get(c)).flat_map(site_ids).collect();
    let titles = [kind.title(get, Lang::Uk), kind.title(get, Lang::En)];
    let words = format!("{key}\n{}\n{}", titles[0], titles[1]).to_lowercase();
    let (last, changed) = head.map_or(("", 0), |h| (h.action.as_str(), h.time));
    let standing = match (published, last == RevisionAction::Unpublish.code()) {
        (true, _) => Standing::Published,
        (false, true) => Standing::Withdrawn,
        (false, false) => Standing::Draft,
    };
    let change_waits = head.is_some_and(|h| h.change_waits);
    Some(Entry { key, titles, words, sites, standing, change_waits, changed })
}

/// Newest change first; the key keeps the order of equals stable.
fn newest_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    b.changed.cmp(&a.changed).then_with(|| a.key.cmp(&b.key))
}

/// Every record of `kind`, newest change first.
async fn read(store: &dyn Records, kind: Kind) -> Result<Vec<Arc<Entry>>, StoreError> {
    let (batch, published) = store.staff_records(kind).await?;
    let latest = store.latest_revisions(kind).await?;
    let mut entries: Vec<Arc<Entry>> = (0..batch.len())
        .filter_map(|i| entry(kind, &batch, i, published[i], key_of(&batch, i).and_then(|k| latest.get(&k))))
        .map(Arc::new)
        .collect();
    entries.sort_by(|a, b| newest_first(a, b));
    Ok(entries)
}

/// `entries` with the records under `keys` read again (or gone).
async fn patched(
    store: &dyn Records,
    kind: Kind,
    entries: &[Arc<Entry>],
    keys: Vec<String>,
) -> Result<Vec<Arc<Entry>>, StoreError> {
    let changed: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
    let mut fresh = Vec::with_capacity(keys.len());
    for key in &keys {
        let Some((batch, published)) = store.staff_record(kind, key).await? else { continue };
        let revisions = store.revisions(kind, key).await?;
        let head = revisions.last().map(|r| LatestRevision {
            action: r.action.clone(),
            time: r.time,
            change_waits: revisions.iter().any(|r| r.pending),
        });
        fresh.extend(entry(kind, &batch, 0, published, head.as_ref()).map(Arc::new));
    }
    fresh.sort_by(|a, b| newest_first(a, b));
    // Both runs are newest first: merged, so is the whole.
    let kept = entries.iter().filter(|e| !changed.contains(e.key.as_str()));
    let mut out = Vec::with_capacity(entries.len() + fresh.len());
    let mut fresh = fresh.into_iter().peekable();
    for e in kept {
        while fresh.peek().is_some_and(|f| newest_first(f, e).is_lt()) {
            out.extend(fresh.next());
        }
        out.push(e.clone());
    }
    out.extend(fresh);
    Ok(out)
}

/// A page of a list, and how many records the list holds in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub total: usize,
    pub rows: Vec<Listed>,
}

/// Page `page` (from 1, of `size` rows) of the records of `kind` that `q`
/// asks for, in its order, titled in `lang`.
pub async fn list(
    store: &dyn Records,
    index: &ListIndex,
    kind: Kind,
    lang: Lang,
    q: &ListQuery,
    (page, size): (usize, usize),
) -> Result<Found, StoreError> {
    let indexed = index.get(store, kind).await?;
    let text = q.text.trim().to_lowercase();
    let status = |e: &Entry| match q.status {
        None => true,
        Some(Status::Draft) => e.standing == Standing::Draft,
        Some(Status::Waiting) => e.change_waits,
        Some(Status::Published) => e.standing == Standing::Published,
        Some(Status::Withdrawn) => e.standing == Standing::Withdrawn,
    };
    let mut matching: Vec<&Arc<Entry>> = indexed
        .entries
        .iter()
        .filter(|e| q.site.as_ref().is_none_or(|site| e.sites.iter().any(|s| s == site)))
        .filter(|e| text.is_empty() || e.words.contains(&text))
        .filter(|e| status(e))
        .collect();
    if q.by_key {
        matching.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let title = usize::from(lang == Lang::En);
    let rows = matching
        .iter()
        .skip(page.saturating_sub(1).saturating_mul(size))
        .take(size)
        .map(|e| Listed {
            key: e.key.clone(),
            title: e.titles[title].clone(),
            standing: e.standing,
            change_waits: e.change_waits,
            changed: e.changed,
        })
        .collect();
    Ok(Found { total: matching.len(), rows })
}

/// The site ids a column's value names: one id (`site_id`), a list
/// (`facility_ids`: `a;b`) or stays (`a@2022-03..2022-09|b@…`).
fn site_ids(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split([';', '|'])
        .map(|part| part.split('@').next().unwrap_or("").trim())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(value: &str, site: &str) -> bool {
        site_ids(value).any(|id| id == site)
    }

    #[test]
    fn a_site_is_named_by_id_list_or_stay_and_never_by_part_of_an_id() {
        assert!(names("ru-kursk-sizo-1", "ru-kursk-sizo-1"));
        assert!(names("ua-olenivka; ru-kursk-sizo-1", "ru-kursk-sizo-1"));
        assert!(names("ua-olenivka@2022-03..2022-09|ru-kursk-sizo-1@2022-10..", "ru-kursk-sizo-1"));
        assert!(!names("ru-kursk-sizo-10", "ru-kursk-sizo-1"));
        assert!(!names("", "ru-kursk-sizo-1"));
    }

    #[test]
    fn every_status_reads_back_from_its_code() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        assert_eq!(Status::parse("public"), None);
    }

    #[test]
    fn the_kinds_that_name_sites() {
        let naming: Vec<Kind> = Kind::ALL.into_iter().filter(|k| names_sites(*k)).collect();
        assert_eq!(naming, [Kind::Findings, Kind::Testimonies, Kind::News]);
    }
}
