//! The published records held together, with the questions pages ask of them.
//!
//! The public site renders from one immutable snapshot of everything public.
//! When the data changes, the next snapshot is made from the one before and
//! the records that changed ([`Catalog::apply`]): the records themselves are
//! shared between the two, and only the indexes are built again. Lookups are
//! hash-map hits.

use crate::lang::collation_key;
use crate::{
    AbuseType, Correction, Country, FaqEntry, Finding, Id, Lang, NewsItem, Page, PartialDate, Site, SiteType, Source,
    Testimony,
};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Catalog {
    sites: Vec<Arc<Site>>,
    sources: Vec<Arc<Source>>,
    findings: Vec<Arc<Finding>>,
    testimonies: Vec<Arc<Testimony>>,
    news: Vec<Arc<NewsItem>>,
    faq: Vec<FaqEntry>,
    pages: Vec<Page>,
    corrections: Vec<Correction>,
    site_index: HashMap<Id, usize>,
    source_index: HashMap<Id, usize>,
    news_index: HashMap<Id, usize>,
    findings_by_site: HashMap<Id, Vec<usize>>,
    findings_by_source: HashMap<Id, Vec<usize>>,
    testimonies_by_site: HashMap<Id, Vec<usize>>,
    news_by_site: HashMap<Id, Vec<usize>>,
    /// Sources by independence group.
    sources_by_group: HashMap<String, Vec<usize>>,
}

/// The records a catalog is built from, in any order. Ids that name the same
/// record had better be one copy (the store reads them so): the catalog keeps
/// them as they come.
#[derive(Debug, Default)]
pub struct CatalogParts {
    pub sites: Vec<Arc<Site>>,
    pub sources: Vec<Arc<Source>>,
    pub findings: Vec<Arc<Finding>>,
    pub testimonies: Vec<Arc<Testimony>>,
    pub news: Vec<Arc<NewsItem>>,
    pub faq: Vec<FaqEntry>,
    pub pages: Vec<Page>,
    /// Public corrections, newest first.
    pub corrections: Vec<Correction>,
}

/// What changed since a catalog was made, as it is now: each record that
/// changed (or whose visibility may have: a finding of a source that
/// changed), under its key, with `None` for one that is no longer public. The
/// short lists come whole.
#[derive(Debug, Default)]
pub struct CatalogChanges {
    pub sites: Vec<(Id, Option<Site>)>,
    pub sources: Vec<(Id, Option<Source>)>,
    /// Keyed by source, then site.
    pub findings: Vec<((Id, Id), Option<Finding>)>,
    pub testimonies: Vec<(Id, Option<Testimony>)>,
    pub news: Vec<(Id, Option<NewsItem>)>,
    pub faq: Vec<FaqEntry>,
    pub pages: Vec<Page>,
    /// Public corrections, newest first.
    pub corrections: Vec<Correction>,
}

impl CatalogChanges {
    /// How many records changed, short lists aside.
    pub fn len(&self) -> usize {
        self.sites.len() + self.sources.len() + self.findings.len() + self.testimonies.len() + self.news.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How one abuse type at one site is documented.
#[derive(Debug)]
pub struct AbuseEvidence<'a> {
    pub abuse: AbuseType,
    /// The sources whose findings state it, most reliable first.
    pub sources: Vec<&'a Source>,
    /// How many independence groups those sources belong to.
    pub independent: usize,
    /// How many independence groups hold a source that corroborates
    /// ([`Source::corroborates`]): the weight of the evidence.
    pub corroborating: usize,
}

/// The headline numbers on the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyFigures {
    pub sites: usize,
    pub in_russia: usize,
    pub in_occupied_ukraine: usize,
    pub elsewhere: usize,
    pub sources: usize,
    pub independent_sources: usize,
    pub testimonies: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SiteSort {
    #[default]
    Name,
    /// Most sources first.
    Sources,
}

/// A square of one degree of latitude and longitude, named by its south-west
/// corner: the places the overview map groups when it has too many sites to
/// draw one by one, and a filter of the sites index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GridCell {
    pub lat: i16,
    pub lon: i16,
}

impl GridCell {
    /// The square a point lies in.
    pub fn of(lat: f64, lon: f64) -> GridCell {
        GridCell { lat: lat.floor() as i16, lon: lon.floor() as i16 }
    }

    /// `"44,34"`: whole degrees, latitude first.
    pub fn parse(s: &str) -> Option<GridCell> {
        let (lat, lon) = s.split_once(',')?;
        let (lat, lon) = (lat.trim().parse::<i16>().ok()?, lon.trim().parse::<i16>().ok()?);
        ((-90..90).contains(&lat) && (-180..180).contains(&lon)).then_some(GridCell { lat, lon })
    }
}

impl std::fmt::Display for GridCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{}", self.lat, self.lon)
    }
}

/// A filtered, sorted, paginated view of the sites; every field comes from the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SiteQuery {
    pub site_type: Option<SiteType>,
    pub country: Option<Country>,
    pub occupied: Option<bool>,
    pub abuse: Option<AbuseType>,
    /// Sites in one square of the map's grid.
    pub cell: Option<GridCell>,
    pub sort: SiteSort,
    /// 1-based.
    pub page: usize,
}

#[derive(Debug)]
pub struct SiteResults<'a> {
    pub items: Vec<&'a Site>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// For each filter value, how many sites the query would find with it.
#[derive(Debug, Default)]
pub struct Facets {
    pub types: Vec<(SiteType, usize)>,
    pub countries: Vec<(Country, usize)>,
    pub occupied: Vec<(bool, usize)>,
    pub abuses: Vec<(AbuseType, usize)>,
}

pub const PAGE_SIZE: usize = 20;

fn index_by<T>(items: &[Arc<T>], key: impl Fn(&T) -> &Id) -> HashMap<Id, usize> {
    items.iter().enumerate().map(|(i, t)| (key(t).clone(), i)).collect()
}

fn group_by<'a, T, Q, K>(items: &'a [Arc<T>], keys: impl Fn(&'a T) -> K) -> HashMap<Q, Vec<usize>>
where
    Q: Eq + Hash + Clone + 'a,
    K: IntoIterator<Item = &'a Q>,
{
    let mut map: HashMap<Q, Vec<usize>> = HashMap::new();
    for (i, t) in items.iter().enumerate() {
        for k in keys(t) {
            // Look up before cloning the key: most are there already.
            let list = match map.get_mut(k) {
                Some(list) => list,
                None => map.entry(k.clone()).or_default(),
            };
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    map
}

/// The records of `old` whose keys did not change, and the changed ones that are still there.
fn patch<K: Eq + Hash, T>(old: &[Arc<T>], changes: Vec<(K, Option<T>)>, key: impl Fn(&T) -> K) -> Vec<Arc<T>> {
    if changes.is_empty() {
        return old.to_vec();
    }
    let mut changed = HashSet::with_capacity(changes.len());
    let mut fresh = Vec::new();
    for (k, record) in changes {
        changed.insert(k);
        fresh.extend(record.map(Arc::new));
    }
    old.iter().filter(|t| !changed.contains(&key(t))).cloned().chain(fresh).collect()
}

/// The ids that name sites and sources, so that the records naming them share
/// one copy of each.
struct Ids(HashSet<Id>);

impl Ids {
    fn new<'a>(ids: impl Iterator<Item = &'a Id>) -> Ids {
        Ids(ids.cloned().collect())
    }

    fn share(&self, id: &mut Id) {
        if let Some(known) = self.0.get(id.as_str()) {
            *id = known.clone();
        }
    }

    fn finding(&self, mut f: Finding) -> Finding {
        self.share(&mut f.source_id);
        self.share(&mut f.site_id);
        f
    }

    fn testimony(&self, mut t: Testimony) -> Testimony {
        t.source_id.iter_mut().for_each(|id| self.share(id));
        t.stays.iter_mut().for_each(|s| self.share(&mut s.site_id));
        t
    }

    fn news(&self, mut n: NewsItem) -> NewsItem {
        n.site_ids.iter_mut().for_each(|id| self.share(id));
        n
    }
}

/// The record lists a catalog indexes.
struct Shared {
    sites: Vec<Arc<Site>>,
    sources: Vec<Arc<Source>>,
    findings: Vec<Arc<Finding>>,
    testimonies: Vec<Arc<Testimony>>,
    news: Vec<Arc<NewsItem>>,
    faq: Vec<FaqEntry>,
    pages: Vec<Page>,
    corrections: Vec<Correction>,
}

impl Catalog {
    pub fn new(parts: CatalogParts) -> Catalog {
        Catalog::build(Shared {
            sites: parts.sites,
            sources: parts.sources,
            findings: parts.findings,
            testimonies: parts.testimonies,
            news: parts.news,
            faq: parts.faq,
            pages: parts.pages,
            corrections: parts.corrections,
        })
    }

    /// The part of the catalog that pages about `sites` and `sources` show:
    /// those sites, the findings at them with their sources, the testimonies
    /// with a stay at them (with the sites of their other stays and their
    /// sources), the news about them (with the sites they name), and the
    /// findings of `sources` with their sites; the short lists whole.
    /// Records are shared, not copied: a preview of one record works on
    /// this instead of rebuilding the whole catalog's indexes.
    pub fn around(&self, sites: &[&str], sources: &[&str]) -> Catalog {
        fn pick_by<T>(all: &[Arc<T>], index: &HashMap<Id, Vec<usize>>, key: &str, out: &mut Vec<Arc<T>>) {
            out.extend(index.get(key).into_iter().flatten().map(|&i| all[i].clone()));
        }
        let mut findings = Vec::new();
        let mut testimonies = Vec::new();
        let mut news = Vec::new();
        for site in sites {
            pick_by(&self.findings, &self.findings_by_site, site, &mut findings);
            pick_by(&self.testimonies, &self.testimonies_by_site, site, &mut testimonies);
            pick_by(&self.news, &self.news_by_site, site, &mut news);
        }
        for source in sources {
            pick_by(&self.findings, &self.findings_by_source, source, &mut findings);
        }
        fn dedup<T>(v: &mut Vec<Arc<T>>) {
            let mut seen = std::collections::HashSet::new();
            v.retain(|x| seen.insert(Arc::as_ptr(x)));
        }
        dedup(&mut findings);
        dedup(&mut testimonies);
        dedup(&mut news);
        let mut site_ids: Vec<&str> = sites.to_vec();
        site_ids.extend(findings.iter().map(|f: &Arc<Finding>| f.site_id.as_str()));
        site_ids.extend(testimonies.iter().flat_map(|t: &Arc<Testimony>| t.stays.iter().map(|s| s.site_id.as_str())));
        site_ids.extend(news.iter().flat_map(|n: &Arc<NewsItem>| n.site_ids.iter().map(Id::as_str)));
        let mut source_ids: Vec<&str> = sources.to_vec();
        source_ids.extend(findings.iter().map(|f| f.source_id.as_str()));
        source_ids.extend(testimonies.iter().filter_map(|t| t.source_id.as_ref().map(Id::as_str)));
        site_ids.sort_unstable();
        site_ids.dedup();
        source_ids.sort_unstable();
        source_ids.dedup();
        let by_index = |index: &HashMap<Id, usize>, id: &str| index.get(id).copied();
        Catalog::new(CatalogParts {
            sites: site_ids
                .iter()
                .filter_map(|id| by_index(&self.site_index, id))
                .map(|i| self.sites[i].clone())
                .collect(),
            sources: source_ids
                .iter()
                .filter_map(|id| by_index(&self.source_index, id))
                .map(|i| self.sources[i].clone())
                .collect(),
            findings,
            testimonies,
            news,
            faq: self.faq.clone(),
            pages: self.pages.clone(),
            corrections: self.corrections.clone(),
        })
    }

    /// The catalog with `changes` made: records that did not change are shared
    /// with this one.
    pub fn apply(&self, changes: CatalogChanges) -> Catalog {
        let sites = patch(&self.sites, changes.sites, |s| s.id.clone());
        let sources = patch(&self.sources, changes.sources, |s| s.id.clone());
        let ids = Ids::new(sites.iter().map(|s| &s.id).chain(sources.iter().map(|s| &s.id)));
        let findings = changes.findings.into_iter().map(|(k, f)| (k, f.map(|f| ids.finding(f)))).collect();
        let testimonies = changes.testimonies.into_iter().map(|(k, t)| (k, t.map(|t| ids.testimony(t)))).collect();
        let news = changes.news.into_iter().map(|(k, n)| (k, n.map(|n| ids.news(n)))).collect();
        Catalog::build(Shared {
            findings: patch(&self.findings, findings, |f| (f.source_id.clone(), f.site_id.clone())),
            testimonies: patch(&self.testimonies, testimonies, |t| t.id.clone()),
            news: patch(&self.news, news, |n| n.id.clone()),
            sites,
            sources,
            faq: changes.faq,
            pages: changes.pages,
            corrections: changes.corrections,
        })
    }

    fn build(mut parts: Shared) -> Catalog {
        parts.sites.sort_by(|a, b| a.id.cmp(&b.id));
        parts.sources.sort_by(|a, b| a.id.cmp(&b.id));
        parts.findings.sort_by(|a, b| a.site_id.cmp(&b.site_id).then_with(|| a.source_id.cmp(&b.source_id)));
        parts.news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        parts.faq.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.id.cmp(&b.id)));
        parts.testimonies.sort_by(|a, b| a.id.cmp(&b.id));
        Catalog {
            site_index: index_by(&parts.sites, |s| &s.id),
            source_index: index_by(&parts.sources, |s| &s.id),
            news_index: index_by(&parts.news, |n| &n.id),
            findings_by_site: group_by(&parts.findings, |f| [&f.site_id]),
            findings_by_source: group_by(&parts.findings, |f| [&f.source_id]),
            testimonies_by_site: group_by(&parts.testimonies, |t| t.stays.iter().map(|s| &s.site_id)),
            news_by_site: group_by(&parts.news, |n| n.site_ids.iter()),
            sources_by_group: group_by(&parts.sources, |s| [&s.independence_group]),
            sites: parts.sites,
            sources: parts.sources,
            findings: parts.findings,
            testimonies: parts.testimonies,
            news: parts.news,
            faq: parts.faq,
            pages: parts.pages,
            corrections: parts.corrections,
        }
    }

    pub fn sites(&self) -> &[Arc<Site>] {
        &self.sites
    }
    pub fn sources(&self) -> &[Arc<Source>] {
        &self.sources
    }
    pub fn findings(&self) -> &[Arc<Finding>] {
        &self.findings
    }
    pub fn testimonies(&self) -> &[Arc<Testimony>] {
        &self.testimonies
    }
    /// Newest first.
    pub fn news(&self) -> &[Arc<NewsItem>] {
        &self.news
    }
    /// The editorial pages (about, how to help, and any other the team adds).
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }
    pub fn faq(&self) -> &[FaqEntry] {
        &self.faq
    }
    /// Every public correction, newest first.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// The corrections of one record, newest first.
    pub fn corrections_for(&self, kind: crate::Kind, id: &str) -> Vec<&Correction> {
        self.corrections.iter().filter(|c| c.record_kind == kind && c.record_id.as_str() == id).collect()
    }

    pub fn site(&self, id: &str) -> Option<&Site> {
        self.site_index.get(id).map(|&i| &*self.sites[i])
    }
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).map(|&i| &*self.sources[i])
    }
    pub fn news_item(&self, id: &str) -> Option<&NewsItem> {
        self.news_index.get(id).map(|&i| &*self.news[i])
    }
    pub fn page(&self, id: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.id.as_str() == id)
    }

    fn pick<'a, T, Q>(items: &'a [Arc<T>], index: &HashMap<Q, Vec<usize>>, key: &str) -> Vec<&'a T>
    where
        Q: Eq + Hash + std::borrow::Borrow<str>,
    {
        index.get(key).map(|ix| ix.iter().map(|&i| &*items[i]).collect()).unwrap_or_default()
    }

    /// What one source says, site by site.
    pub fn findings_of_source(&self, source_id: &str) -> Vec<&Finding> {
        Self::pick(&self.findings, &self.findings_by_source, source_id)
    }

    /// A published testimony by id.
    pub fn testimony(&self, id: &str) -> Option<&Testimony> {
        let i = self.testimonies.binary_search_by(|t| t.id.as_str().cmp(id)).ok()?;
        Some(&self.testimonies[i])
    }

    pub fn findings_for_site(&self, site_id: &str) -> Vec<&Finding> {
        Self::pick(&self.findings, &self.findings_by_site, site_id)
    }
    /// Testimonies with a stay at the site.
    pub fn testimonies_at(&self, site_id: &str) -> Vec<&Testimony> {
        Self::pick(&self.testimonies, &self.testimonies_by_site, site_id)
    }
    /// News about the site, newest first.
    pub fn news_about(&self, site_id: &str) -> Vec<&NewsItem> {
        Self::pick(&self.news, &self.news_by_site, site_id)
    }

    /// Every published source, most reliable first, then the most credible,
    /// then the newest.
    pub fn sources_strongest_first(&self) -> Vec<&Source> {
        let mut out: Vec<&Source> = self.sources.iter().map(|s| &**s).collect();
        sort_sources(&mut out);
        out
    }

    /// The sources with a finding at the site, most reliable first, then newest.
    pub fn site_sources(&self, site_id: &str) -> Vec<&Source> {
        let mut out: Vec<&Source> =
            self.findings_for_site(site_id).iter().filter_map(|f| self.source(f.source_id.as_str())).collect();
        sort_sources(&mut out);
        out.dedup_by(|a, b| a.id == b.id);
        out
    }

    /// The other published sources in a source's independence group: those
    /// relaying the same original reporting, counted once with it.
    pub fn group_mates(&self, s: &Source) -> Vec<&Source> {
        let mut mates = Self::pick(&self.sources, &self.sources_by_group, &s.independence_group);
        mates.retain(|m| m.id != s.id);
        mates
    }

    /// Sources and independent sources (distinct independence groups) for a site.
    pub fn source_counts(&self, site_id: &str) -> (usize, usize) {
        let sources = self.site_sources(site_id);
        let groups: BTreeSet<&str> = sources.iter().map(|s| s.independence_group.as_str()).collect();
        (sources.len(), groups.len())
    }

    /// Each documented abuse type at the site, in taxonomy order, with the
    /// sources that state it and how many of them are independent.
    pub fn evidence(&self, site_id: &str) -> Vec<AbuseEvidence<'_>> {
        let findings = self.findings_for_site(site_id);
        AbuseType::ALL
            .iter()
            .filter_map(|&abuse| {
                let mut sources: Vec<&Source> = findings
                    .iter()
                    .filter(|f| f.abuse_types.contains(&abuse))
                    .filter_map(|f| self.source(f.source_id.as_str()))
                    .collect();
                if sources.is_empty() {
                    return None;
                }
                sort_sources(&mut sources);
                sources.dedup_by(|a, b| a.id == b.id);
                let groups = |keep: fn(&Source) -> bool| {
                    sources
                        .iter()
                        .filter(|s| keep(s))
                        .map(|s| s.independence_group.as_str())
                        .collect::<BTreeSet<_>>()
                        .len()
                };
                let (independent, corroborating) = (groups(|_| true), groups(Source::corroborates));
                Some(AbuseEvidence { abuse, independent, corroborating, sources })
            })
            .collect()
    }

    /// The abuse types documented at a site (the union of its findings).
    pub fn abuse_types_at(&self, site_id: &str) -> Vec<AbuseType> {
        let findings = self.findings_for_site(site_id);
        AbuseType::ALL.iter().copied().filter(|a| findings.iter().any(|f| f.abuse_types.contains(a))).collect()
    }

    /// The latest change to the site or to what is said about it.
    pub fn last_updated(&self, site_id: &str) -> Option<PartialDate> {
        let site = self.site(site_id)?;
        let findings = self.findings_for_site(site_id).into_iter().filter_map(|f| f.updated_on);
        let testimonies = self.testimonies_at(site_id).into_iter().filter_map(|t| t.updated_on);
        site.updated_on.into_iter().chain(findings).chain(testimonies).max()
    }

    pub fn figures(&self) -> KeyFigures {
        let in_russia = self.sites.iter().filter(|s| s.country == Country::RU).count();
        let in_occupied_ukraine = self.sites.iter().filter(|s| s.country == Country::UA && s.occupied).count();
        let groups: BTreeSet<&str> = self.sources.iter().map(|s| s.independence_group.as_str()).collect();
        KeyFigures {
            sites: self.sites.len(),
            in_russia,
            in_occupied_ukraine,
            elsewhere: self.sites.len() - in_russia - in_occupied_ukraine,
            sources: self.sources.len(),
            independent_sources: groups.len(),
            testimonies: self.testimonies.len(),
        }
    }

    /// The sites the query's filters keep, in catalog order (its sort and page are not used).
    pub fn sites_matching(&self, q: &SiteQuery) -> Vec<&Site> {
        self.sites.iter().map(|s| &**s).filter(|s| self.matches(s, q)).collect()
    }

    fn matches(&self, s: &Site, q: &SiteQuery) -> bool {
        q.site_type.is_none_or(|t| s.site_type == t)
            && q.country.is_none_or(|c| s.country == c)
            && q.occupied.is_none_or(|o| s.occupied == o)
            && q.cell.is_none_or(|c| GridCell::of(s.lat, s.lon) == c)
            && q.abuse.is_none_or(|a| self.findings_for_site(s.id.as_str()).iter().any(|f| f.abuse_types.contains(&a)))
    }

    /// Sites matching the query, sorted, one page of them. A page past the end
    /// is empty, with `pages` saying how many there are.
    pub fn query_sites(&self, q: &SiteQuery, lang: Lang) -> SiteResults<'_> {
        let mut items = self.sites_matching(q);
        let name_key = |s: &Site| collation_key(s.name.get(lang).text);
        match q.sort {
            SiteSort::Name => items.sort_by_cached_key(|s| name_key(s)),
            SiteSort::Sources => items.sort_by_cached_key(|s| {
                let (n, independent) = self.source_counts(s.id.as_str());
                (std::cmp::Reverse(independent), std::cmp::Reverse(n), name_key(s))
            }),
        }
        let total = items.len();
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        let page = q.page.max(1);
        let items = items.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
        SiteResults { items, total, page, pages }
    }

    /// How many sites each filter value would give, the other filters kept.
    pub fn facets(&self, q: &SiteQuery) -> Facets {
        let count = |q: &SiteQuery| self.sites.iter().filter(|s| self.matches(s, q)).count();
        let mut countries: Vec<Country> = self.sites.iter().map(|s| s.country).collect();
        countries.sort();
        countries.dedup();
        Facets {
            types: SiteType::ALL.iter().map(|&t| (t, count(&SiteQuery { site_type: Some(t), ..q.clone() }))).collect(),
            countries: countries
                .into_iter()
                .map(|c| (c, count(&SiteQuery { country: Some(c), ..q.clone() })))
                .collect(),
            occupied: [true, false]
                .into_iter()
                .map(|o| (o, count(&SiteQuery { occupied: Some(o), ..q.clone() })))
                .collect(),
            abuses: AbuseType::ALL.iter().map(|&a| (a, count(&SiteQuery { abuse: Some(a), ..q.clone() }))).collect(),
        }
    }
}

/// Sources that corroborate first, then most reliable (A before B), most
/// credible, newest.
fn sort_sources(sources: &mut [&Source]) {
    sources.sort_by(|a, b| {
        b.corroborates()
            .cmp(&a.corroborates())
            .then(a.reliability.cmp(&b.reliability))
            .then(a.credibility.cmp(&b.credibility))
            .then(b.published_on.cmp(&a.published_on))
            .then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    fn site(sid: &str, name_en: &str, country: Country, occupied: bool, t: SiteType) -> Site {
        Site {
            id: id(sid),
            name: LocalText::new("", name_en),
            name_ru: String::new(),
            aliases: Vec::new(),
            site_type: t,
            settlement: LocalText::default(),
            region: LocalText::default(),
            country,
            occupied,
            lat: 50.0,
            lon: 30.0,
            precision: CoordPrecision::Settlement,
            operators: vec![],
            reported_from: None,
            reported_to: None,
            status: SiteStatus::Unknown,
            sections: vec![],
            source_urls: vec![],
            updated_on: None,
        }
    }

    fn source(sid: &str, group: &str, r: Reliability) -> Source {
        graded(sid, group, r, Credibility::ProbablyTrue)
    }

    fn graded(sid: &str, group: &str, r: Reliability, c: Credibility) -> Source {
        Source {
            id: id(sid),
            kind: SourceKind::Media,
            title: sid.into(),
            publisher: "P".into(),
            published_on: None,
            url: "https://example.org".into(),
            language: "en".into(),
            reliability: r,
            credibility: c,
            independence_group: group.into(),
            notes: LocalText::default(),
            archived_sha256: None,
            updated_on: None,
        }
    }

    fn finding(src: &str, site: &str, abuses: &[AbuseType]) -> Finding {
        Finding {
            source_id: id(src),
            site_id: id(site),
            abuse_types: abuses.to_vec(),
            period_from: None,
            period_to: None,
            note: LocalText::default(),
            updated_on: Some(PartialDate::parse("2026-01-02").unwrap()),
        }
    }

    fn arcs<T>(records: Vec<T>) -> Vec<Arc<T>> {
        records.into_iter().map(Arc::new).collect()
    }

    fn sample() -> Catalog {
        use AbuseType::*;
        Catalog::new(CatalogParts {
            sites: arcs(vec![
                site("ru-b", "Bravo", Country::RU, false, SiteType::PenalColony),
                site("ua-a", "Alpha", Country::UA, true, SiteType::PretrialDetention),
                site("by-c", "Charlie", Country::parse("BY").unwrap(), false, SiteType::FiltrationCamp),
            ]),
            sources: arcs(vec![
                source("src-bbc", "bbc", Reliability::B),
                source("src-relay", "bbc", Reliability::C),
                source("src-un", "un", Reliability::A),
            ]),
            findings: arcs(vec![
                finding("src-bbc", "ru-b", &[Beating, Starvation]),
                finding("src-relay", "ru-b", &[Beating]),
                finding("src-un", "ru-b", &[Beating]),
                finding("src-un", "ua-a", &[ElectricShock]),
            ]),
            ..Default::default()
        })
    }

    #[test]
    fn counts_independent_sources_by_group() {
        let c = sample();
        let ev = c.evidence("ru-b");
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[0].abuse, AbuseType::Beating);
        assert_eq!(ev[0].sources.len(), 3);
        assert_eq!(ev[0].independent, 2, "the relay shares the BBC's group");
        assert_eq!(ev[0].sources[0].id.as_str(), "src-un", "most reliable first");
        assert_eq!(ev[1].abuse, AbuseType::Starvation);
        assert_eq!(ev[1].independent, 1);
        assert_eq!(c.source_counts("ru-b"), (3, 2));
        assert_eq!(c.source_counts("by-c"), (0, 0));
    }

    #[test]
    fn only_sources_graded_a_to_c_and_1_to_3_corroborate_and_they_come_first() {
        use AbuseType::Beating;
        let c = Catalog::new(CatalogParts {
            sites: arcs(vec![site("ru-b", "Bravo", Country::RU, false, SiteType::PenalColony)]),
            sources: arcs(vec![
                graded("src-unread", "unread", Reliability::A, Credibility::CannotBeJudged),
                graded("src-wiki", "wiki", Reliability::F, Credibility::ProbablyTrue),
                graded("src-doubt", "doubt", Reliability::B, Credibility::DoubtfullyTrue),
                graded("src-c3", "c3", Reliability::C, Credibility::PossiblyTrue),
                graded("src-b2", "b2", Reliability::B, Credibility::ProbablyTrue),
                graded("src-b2-relay", "b2", Reliability::C, Credibility::ProbablyTrue),
            ]),
            findings: arcs(
                ["src-unread", "src-wiki", "src-doubt", "src-c3", "src-b2", "src-b2-relay"]
                    .into_iter()
                    .map(|s| finding(s, "ru-b", &[Beating]))
                    .collect(),
            ),
            ..Default::default()
        });
        let ev = &c.evidence("ru-b")[0];
        assert_eq!((ev.sources.len(), ev.independent, ev.corroborating), (6, 5, 2));
        let order: Vec<&str> = ev.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(order, ["src-b2", "src-b2-relay", "src-c3", "src-unread", "src-doubt", "src-wiki"]);
    }

    #[test]
    fn figures() {
        let f = sample().figures();
        assert_eq!((f.sites, f.in_russia, f.in_occupied_ukraine, f.elsewhere), (3, 1, 1, 1));
        assert_eq!((f.sources, f.independent_sources), (3, 2));
    }

    #[test]
    fn filters_and_sorts() {
        let c = sample();
        let names =
            |q: &SiteQuery| c.query_sites(q, Lang::En).items.iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&SiteQuery::default()), ["ua-a", "ru-b", "by-c"]);
        assert_eq!(names(&SiteQuery { sort: SiteSort::Sources, ..Default::default() }), ["ru-b", "ua-a", "by-c"]);
        assert_eq!(names(&SiteQuery { abuse: Some(AbuseType::Beating), ..Default::default() }), ["ru-b"]);
        assert_eq!(names(&SiteQuery { occupied: Some(true), ..Default::default() }), ["ua-a"]);
        assert_eq!(
            names(&SiteQuery {
                country: Some(Country::RU),
                abuse: Some(AbuseType::ElectricShock),
                ..Default::default()
            }),
            Vec::<String>::new()
        );
        let r = c.query_sites(&SiteQuery { page: 2, ..Default::default() }, Lang::En);
        assert_eq!((r.items.len(), r.total, r.pages), (0, 3, 1));
        let facets = c.facets(&SiteQuery { country: Some(Country::RU), ..Default::default() });
        assert_eq!(facets.abuses.iter().find(|(a, _)| *a == AbuseType::Beating).unwrap().1, 1);
        assert_eq!(facets.countries.iter().map(|(_, n)| *n).sum::<usize>(), 3, "a facet ignores its own filter");
    }

    #[test]
    fn changes_make_the_catalog_of_the_changed_records_and_share_the_rest() {
        use AbuseType::*;
        let before = sample();
        let changes = CatalogChanges {
            sites: vec![
                (id("ru-b"), Some(site("ru-b", "Bravo renamed", Country::RU, false, SiteType::PenalColony))),
                (id("by-c"), None),
                (id("ua-d"), Some(site("ua-d", "Delta", Country::UA, true, SiteType::FiltrationCamp))),
            ],
            findings: vec![
                ((id("src-relay"), id("ru-b")), None),
                ((id("src-un"), id("ua-d")), Some(finding("src-un", "ua-d", &[Starvation]))),
            ],
            ..Default::default()
        };
        assert_eq!(changes.len(), 5);
        let after = before.apply(changes);
        assert_eq!(after.site("ru-b").unwrap().name.en, "Bravo renamed");
        assert!(after.site("by-c").is_none(), "withdrawn");
        assert_eq!(after.source_counts("ru-b"), (2, 2), "the relay's finding went");
        assert_eq!(after.abuse_types_at("ua-d"), [Starvation]);
        let names = |c: &Catalog| c.sites().iter().map(|s| s.id.to_string()).collect::<Vec<_>>();
        assert_eq!(names(&after), ["ru-b", "ua-a", "ua-d"], "in order");
        assert!(Arc::ptr_eq(&before.sources[0], &after.sources[0]), "unchanged records are shared");
        let finding = after.findings_for_site("ua-d")[0];
        assert!(
            finding.source_id.is_shared_with(&after.source("src-un").unwrap().id),
            "a new finding names its source with the source's own id"
        );
        assert_eq!(before.site("ru-b").unwrap().name.en, "Bravo", "the catalog before is as it was");
        assert_eq!(before.source_counts("ru-b"), (3, 2));
    }

    #[test]
    fn last_updated_includes_findings() {
        let c = sample();
        assert_eq!(c.last_updated("ru-b").unwrap().to_string(), "2026-01-02");
        assert_eq!(c.last_updated("by-c"), None);
    }
}
