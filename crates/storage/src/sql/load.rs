//! Reading stored rows back into domain records.
//!
//! The public catalog is read whole at start, so this is the hot path of a
//! server's startup: each table is read in one query that selects only the
//! columns records need, its rows are turned into records as they arrive
//! (never all held at once), values are read borrowed where a record keeps a
//! parsed form, and a finding's or a news item's short lists come with it
//! (`string_agg`) instead of as rows of their own.
//!
//! The same queries and the same decoding serve two readers ([`Reader`]): a
//! transaction of the pool (the back office, the changes a running server
//! applies) and, for the whole catalog at start, a connection of its own
//! (`bulk`).

use super::{Db, DbRow, Tx};
use crate::StoreError;
use futures_util::TryStreamExt;
use inferno_domain::catalog::{CatalogChanges, CatalogParts};
use inferno_domain::*;
use sqlx::{AssertSqlSafe, Row};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>;

/// A row's values by column name, however the row was read.
pub(crate) trait Cols {
    fn text(&self, column: &str) -> Result<&str, StoreError>;
    fn text_opt(&self, column: &str) -> Result<Option<&str>, StoreError>;
    fn int(&self, column: &str) -> Result<i64, StoreError>;
    fn real(&self, column: &str) -> Result<f64, StoreError>;

    fn string(&self, column: &str) -> Result<String, StoreError> {
        Ok(self.text(column)?.to_owned())
    }
}

impl Cols for DbRow {
    fn text(&self, column: &str) -> Result<&str, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn text_opt(&self, column: &str) -> Result<Option<&str>, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn int(&self, column: &str) -> Result<i64, StoreError> {
        Ok(self.try_get(column)?)
    }
    fn real(&self, column: &str) -> Result<f64, StoreError> {
        Ok(self.try_get(column)?)
    }
}

/// Runs queries and turns each row into a value as it arrives: in a
/// transaction of the pool ([`Tx`]), or on a connection of its own for
/// reading everything at once ([`super::bulk::Bulk`]).
pub(crate) trait Reader {
    async fn each<T>(
        &mut self,
        sql: String,
        select: Select<'_>,
        record: impl FnMut(&dyn Cols) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError>;
}

impl Reader for Tx<'_> {
    async fn each<T>(
        &mut self,
        sql: String,
        select: Select<'_>,
        mut record: impl FnMut(&dyn Cols) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        // Every caller builds `sql` from fixed text; values are bound.
        let query = select.bind(sqlx::query(AssertSqlSafe(sql)));
        let mut rows = query.fetch(&mut **self);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await? {
            out.push(record(&row)?);
        }
        Ok(out)
    }
}

/// Which records of a kind to read.
#[derive(Debug, Clone, Copy)]
pub enum Select<'a> {
    /// Every record, drafts included.
    All,
    /// Only the one with this key (a finding's is `SOURCE~SITE`), published or not.
    One(&'a str),
    /// What readers see: published records; for findings, only those of
    /// published sources, since a finding is evidence only with its source
    /// (and the catalog counts a site's abuse types from its findings alone).
    Public,
    /// What readers see of the records changed after this content version
    /// (see migration 0008); for findings, also of those whose source changed.
    PublicChangedSince(i64),
}

impl<'a> Select<'a> {
    /// The condition on a table whose key is the column `id`, holding records
    /// of `kind` (as `content_changes` names them), as SQL for its `WHERE`.
    fn on_id(self, kind: &str) -> String {
        match self {
            Select::All => "TRUE".into(),
            Select::One(_) => "id = $1".into(),
            Select::Public => "published = 1".into(),
            Select::PublicChangedSince(_) => format!(
                "published = 1 AND id IN (SELECT key FROM content_changes WHERE kind = '{kind}' AND version > $1)"
            ),
        }
    }

    /// The values the condition names, in order (?1, ?2).
    pub(crate) fn params(self) -> Vec<Param<'a>> {
        match self {
            Select::One(key) => match key.split_once('~') {
                // Only a finding's condition names ?2.
                Some((source, site)) => vec![Param::Text(source), Param::Text(site)],
                None => vec![Param::Text(key)],
            },
            Select::PublicChangedSince(version) => vec![Param::Int(version)],
            Select::All | Select::Public => vec![],
        }
    }

    /// Binds what the condition names.
    fn bind(self, mut query: Query<'a>) -> Query<'a> {
        for param in self.params() {
            query = match param {
                Param::Text(text) => query.bind(text),
                Param::Int(n) => query.bind(n),
            };
        }
        query
    }
}

/// A value a condition names.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Text(&'a str),
    Int(i64),
}

/// Turns a stored value back into a domain value; a failure means the database
/// was changed outside Inferno, and says which row.
fn decode<T, E: std::fmt::Display>(
    what: &str,
    id: &str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    parse(value).map_err(|reason| StoreError::Corrupt { what: format!("{what} {id}"), reason: reason.to_string() })
}

/// The parsed value of a text column.
fn parsed<T>(
    row: &dyn Cols,
    column: &str,
    what: &str,
    id: &str,
    parse: fn(&str) -> Result<T, Problem>,
) -> Result<T, StoreError> {
    decode(what, id, row.text(column)?, parse)
}

/// The parsed value of a nullable text column.
fn parsed_opt<T>(
    row: &dyn Cols,
    column: &str,
    what: &str,
    id: &str,
    parse: fn(&str) -> Result<T, Problem>,
) -> Result<Option<T>, StoreError> {
    row.text_opt(column)?.map(|v| decode(what, id, v, parse)).transpose()
}

fn flag(row: &dyn Cols, column: &str) -> Result<bool, StoreError> {
    Ok(row.int(column)? == 1)
}

fn json_list(row: &dyn Cols, column: &str, what: &str, id: &str) -> Result<Vec<String>, StoreError> {
    decode(what, id, row.text(column)?, |v| serde_json::from_str(v).map_err(|e| e.to_string()))
}

/// A list of codes or ids joined by spaces (`string_agg(x, ' ')`); none is NULL.
fn spaced<T>(
    row: &dyn Cols,
    column: &str,
    what: &str,
    id: &str,
    parse: fn(&str) -> Result<T, Problem>,
) -> Result<Vec<T>, StoreError> {
    let Some(list) = row.text_opt(column)? else { return Ok(Vec::new()) };
    list.split(' ').map(|v| decode(what, id, v, parse)).collect()
}

fn local(row: &dyn Cols, uk: &str, en: &str) -> Result<LocalText, StoreError> {
    Ok(LocalText::new(row.string(uk)?, row.string(en)?))
}

/// Ids already read, so that the records naming them share one copy of each
/// (tens of thousands of findings name a few thousand sites).
#[derive(Debug, Default)]
pub struct Known(HashSet<Id>);

impl Known {
    fn id(&self, what: &str, label: &str, value: &str) -> Result<Id, StoreError> {
        match self.0.get(value) {
            Some(id) => Ok(id.clone()),
            None => decode(what, label, value, Id::parse),
        }
    }

    fn add<'a>(&mut self, ids: impl Iterator<Item = &'a Id>) {
        self.0.extend(ids.cloned());
    }
}

/// A record with whether it is published: what the back office reads.
pub fn pair<T>(record: T, published: bool) -> (T, bool) {
    (record, published)
}

/// A record for the catalog: published is known from the query.
fn shared<T>(record: T, _published: bool) -> Arc<T> {
    Arc::new(record)
}

/// Every public record, for a catalog; timed per kind at debug level.
pub async fn catalog_parts(tx: &mut impl Reader) -> Result<CatalogParts, StoreError> {
    let start = std::time::Instant::now();
    let mut lap = start;
    let mut laps = Vec::new();
    let mut time = |what: &'static str| {
        laps.push((what, lap.elapsed()));
        lap = std::time::Instant::now();
    };
    let public = Select::Public;
    let mut known = Known::default();
    let sites = sites(tx, public, shared).await?;
    time("sites");
    let sources = sources(tx, public, shared).await?;
    time("sources");
    known.add(sites.iter().map(|s| &s.id).chain(sources.iter().map(|s| &s.id)));
    let findings = findings(tx, public, &known, shared).await?;
    time("findings");
    let testimonies = testimonies(tx, public, &known, shared).await?;
    time("testimonies");
    let news = news(tx, public, &known, shared).await?;
    time("news");
    let faq = faq(tx, public).await?.into_iter().map(|(f, _)| f).collect();
    let pages = pages(tx, public).await?.into_iter().map(|(p, _)| p).collect();
    let corrections = corrections(tx).await?;
    time("faq, pages and corrections");
    tracing::debug!(elapsed = ?start.elapsed(), ?laps, "read the public records");
    Ok(CatalogParts { sites, sources, findings, testimonies, news, faq, pages, corrections })
}

/// The keys of the findings that changed after `?1`, or whose source did.
const CHANGED_FINDINGS: &str = "SELECT key, site_id FROM content_changes WHERE kind = 'finding' AND version > $1 \
     UNION SELECT source_id, site_id FROM findings \
     WHERE source_id IN (SELECT key FROM content_changes WHERE kind = 'source' AND version > $1)";

/// What readers see of the records that changed after content version
/// `since`, each under its key (`None`: no longer public), and the short lists
/// whole.
pub async fn catalog_changes(tx: &mut impl Reader, since: i64) -> Result<CatalogChanges, StoreError> {
    let start = std::time::Instant::now();
    let select = Select::PublicChangedSince(since);
    let sql = format!(
        "SELECT kind, key, site_id FROM content_changes WHERE version > $1 AND kind <> 'finding' \
         UNION SELECT 'finding', key, site_id FROM ({CHANGED_FINDINGS}) AS changed_findings"
    );
    let mut keys: HashMap<String, Vec<(Id, Id)>> = HashMap::new();
    for (kind, key, site) in tx
        .each(sql, select, |row| {
            let (kind, key, site) = (row.string("kind")?, row.text("key")?, row.text("site_id")?);
            let key = decode("change of", &kind, key, Id::parse)?;
            // Only a finding has a second key; the others' is '' and unused.
            let site = if kind == "finding" { decode("change of", &kind, site, Id::parse)? } else { key.clone() };
            Ok((kind, key, site))
        })
        .await?
    {
        keys.entry(kind).or_default().push((key, site));
    }
    let mut ids =
        |kind: &str| -> Vec<Id> { keys.remove(kind).unwrap_or_default().into_iter().map(|(id, _)| id).collect() };
    let (site_keys, source_keys) = (ids("site"), ids("source"));
    let (testimony_keys, news_keys) = (ids("testimony"), ids("news"));
    let finding_keys = keys.remove("finding").unwrap_or_default();
    // Only the kinds that changed are read.
    let mut changes = CatalogChanges::default();
    if !site_keys.is_empty() {
        changes.sites = keyed(site_keys, sites(tx, select, pair).await?, |s| s.id.clone());
    }
    if !source_keys.is_empty() {
        changes.sources = keyed(source_keys, sources(tx, select, pair).await?, |s| s.id.clone());
    }
    if !finding_keys.is_empty() {
        let found = findings(tx, select, &Known::default(), pair).await?;
        changes.findings = keyed(finding_keys, found, |f| (f.source_id.clone(), f.site_id.clone()));
    }
    if !testimony_keys.is_empty() {
        changes.testimonies =
            keyed(testimony_keys, testimonies(tx, select, &Known::default(), pair).await?, |t| t.id.clone());
    }
    if !news_keys.is_empty() {
        changes.news = keyed(news_keys, news(tx, select, &Known::default(), pair).await?, |n| n.id.clone());
    }
    changes.faq = faq(tx, Select::Public).await?.into_iter().map(|(f, _)| f).collect();
    changes.pages = pages(tx, Select::Public).await?.into_iter().map(|(p, _)| p).collect();
    changes.corrections = corrections(tx).await?;
    tracing::debug!(elapsed = ?start.elapsed(), records = changes.len(), "read the changed records");
    Ok(changes)
}

/// Each key with its record among `found` (read with a `Select::Public…`, so
/// published), or `None`.
fn keyed<K: Eq + std::hash::Hash, T>(
    keys: Vec<K>,
    found: Vec<(T, bool)>,
    key: impl Fn(&T) -> K,
) -> Vec<(K, Option<T>)> {
    let mut found: HashMap<K, T> = found.into_iter().map(|(t, _)| (key(&t), t)).collect();
    keys.into_iter()
        .map(|k| {
            let record = found.remove(&k);
            (k, record)
        })
        .collect()
}

/// Public corrections, newest first.
async fn corrections(tx: &mut impl Reader) -> Result<Vec<Correction>, StoreError> {
    let sql = "SELECT record_kind, record_id, snapshot, time, public_note, action FROM revisions \
               WHERE public_note IS NOT NULL ORDER BY time DESC, id DESC";
    tx.each(sql.to_owned(), Select::All, |row| {
        let id = row.text("record_id")?;
        let kind = decode("revision of", id, row.text("record_kind")?, |k| Kind::try_from(k))?;
        let snapshot: serde_json::Value = serde_json::from_str(row.text("snapshot")?).unwrap_or_default();
        // Snapshots hold the record's fields under the CSV column names.
        let name = |lang: Lang| {
            kind.public_name(|column| snapshot[column].as_str(), lang)
                .or_else(|| snapshot["name"][lang.code()].as_str().map(str::to_owned))
                .unwrap_or_else(|| id.to_owned())
        };
        let time = row.int("time")?;
        Ok(Correction {
            record_kind: kind,
            record_id: decode("revision of", id, id, Id::parse)?,
            record_name: LocalText::new(name(Lang::Uk), name(Lang::En)),
            date: PartialDate::from_days_since_epoch(time.div_euclid(86_400)),
            note: row.text_opt("public_note")?.unwrap_or_default().to_owned(),
            withdrawn: row.text("action")? == "unpublish",
        })
    })
    .await
}

/// Sites, each given to `wrap` with whether it is published.
pub async fn sites<T>(
    tx: &mut impl Reader,
    select: Select<'_>,
    wrap: impl Fn(Site, bool) -> T,
) -> Result<Vec<T>, StoreError> {
    let cond = select.on_id("site");
    let mut sections: HashMap<String, Vec<SiteSection>> = HashMap::new();
    let sql = format!(
        "SELECT site_id, section, body_uk, body_en FROM site_sections \
         WHERE site_id IN (SELECT id FROM sites WHERE {cond})"
    );
    for (site_id, section) in tx
        .each(sql, select, |row| {
            let site_id = row.string("site_id")?;
            let kind = parsed(row, "section", "section of site", &site_id, SectionKind::parse)?;
            Ok((site_id, SiteSection { kind, body: local(row, "body_uk", "body_en")? }))
        })
        .await?
    {
        sections.entry(site_id).or_default().push(section);
    }
    let sql = format!(
        "SELECT id, name_uk, name_en, name_ru, aliases, site_type, settlement_uk, settlement_en, region_uk, region_en, \
         country, occupied, lat, lon, coord_precision, operators, reported_from, reported_to, status, \
         source_urls, updated_on, published FROM sites WHERE {cond} ORDER BY id"
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let w = "site";
        let mut site_sections = sections.remove(id).unwrap_or_default();
        site_sections.sort_by_key(|s| s.kind);
        let site = Site {
            id: decode(w, id, id, Id::parse)?,
            name: local(row, "name_uk", "name_en")?,
            name_ru: row.string("name_ru")?,
            aliases: json_list(row, "aliases", w, id)?,
            site_type: parsed(row, "site_type", w, id, SiteType::parse)?,
            settlement: local(row, "settlement_uk", "settlement_en")?,
            region: local(row, "region_uk", "region_en")?,
            country: parsed(row, "country", w, id, Country::parse)?,
            occupied: flag(row, "occupied")?,
            lat: row.real("lat")?,
            lon: row.real("lon")?,
            precision: parsed(row, "coord_precision", w, id, CoordPrecision::parse)?,
            operators: json_list(row, "operators", w, id)?,
            reported_from: parsed_opt(row, "reported_from", w, id, Month::parse)?,
            reported_to: parsed_opt(row, "reported_to", w, id, Month::parse)?,
            status: parsed(row, "status", w, id, SiteStatus::parse)?,
            sections: site_sections,
            source_urls: json_list(row, "source_urls", w, id)?,
            updated_on: parsed_opt(row, "updated_on", w, id, PartialDate::parse)?,
        };
        Ok(wrap(site, flag(row, "published")?))
    })
    .await
}

/// Sources, each given to `wrap` with whether it is published.
pub async fn sources<T>(
    tx: &mut impl Reader,
    select: Select<'_>,
    wrap: impl Fn(Source, bool) -> T,
) -> Result<Vec<T>, StoreError> {
    let sql = format!(
        "SELECT id, kind, title, publisher, published_on, url, language, reliability, credibility, \
         independence_group, notes_uk, notes_en, archived_sha256, updated_on, published \
         FROM sources WHERE {} ORDER BY id",
        select.on_id("source")
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let w = "source";
        let source = Source {
            id: decode(w, id, id, Id::parse)?,
            kind: parsed(row, "kind", w, id, SourceKind::parse)?,
            title: row.string("title")?,
            publisher: row.string("publisher")?,
            published_on: parsed_opt(row, "published_on", w, id, PartialDate::parse)?,
            url: row.string("url")?,
            language: row.string("language")?,
            reliability: parsed(row, "reliability", w, id, Reliability::parse)?,
            credibility: parsed(row, "credibility", w, id, Credibility::parse)?,
            independence_group: row.string("independence_group")?,
            notes: local(row, "notes_uk", "notes_en")?,
            archived_sha256: row.text_opt("archived_sha256")?.map(str::to_owned),
            updated_on: parsed_opt(row, "updated_on", w, id, PartialDate::parse)?,
        };
        Ok(wrap(source, flag(row, "published")?))
    })
    .await
}

/// Findings, each given to `wrap` with whether it is published (its own flag:
/// its source's is another record's), naming sites and sources with the ids
/// `known` holds where it holds them. Only `All` comes in a defined order (by
/// site, then source); the catalog sorts what it is given.
pub async fn findings<T>(
    tx: &mut impl Reader,
    select: Select<'_>,
    known: &Known,
    wrap: impl Fn(Finding, bool) -> T,
) -> Result<Vec<T>, StoreError> {
    const PUBLIC: &str = "f.published = 1 AND f.source_id IN (SELECT id FROM sources WHERE published = 1)";
    let (cond, order) = match select {
        Select::All => ("TRUE".into(), " ORDER BY f.site_id, f.source_id"),
        Select::One(_) => ("f.source_id = $1 AND f.site_id = $2".into(), ""),
        Select::Public => (PUBLIC.into(), ""),
        Select::PublicChangedSince(_) => (format!("{PUBLIC} AND (f.source_id, f.site_id) IN ({CHANGED_FINDINGS})"), ""),
    };
    let sql = format!(
        "SELECT f.source_id, f.site_id, f.period_from, f.period_to, f.note_uk, f.note_en, f.updated_on, \
         f.published, (SELECT string_agg(a.abuse_type, ' ') FROM finding_abuses a \
         WHERE a.source_id = f.source_id AND a.site_id = f.site_id) AS abuse_types \
         FROM findings f WHERE {cond}{order}"
    );
    tx.each(sql, select, |row| {
        let (source_id, site_id) = (row.text("source_id")?, row.text("site_id")?);
        let label = format!("{source_id} at {site_id}");
        let w = "finding";
        let mut abuse_types = spaced(row, "abuse_types", w, &label, AbuseType::parse)?;
        abuse_types.sort();
        let finding = Finding {
            source_id: known.id(w, &label, source_id)?,
            site_id: known.id(w, &label, site_id)?,
            abuse_types,
            period_from: parsed_opt(row, "period_from", w, &label, Month::parse)?,
            period_to: parsed_opt(row, "period_to", w, &label, Month::parse)?,
            note: local(row, "note_uk", "note_en")?,
            updated_on: parsed_opt(row, "updated_on", w, &label, PartialDate::parse)?,
        };
        Ok(wrap(finding, flag(row, "published")?))
    })
    .await
}

/// Testimonies, each given to `wrap` with whether it is published.
pub async fn testimonies<T>(
    tx: &mut impl Reader,
    select: Select<'_>,
    known: &Known,
    wrap: impl Fn(Testimony, bool) -> T,
) -> Result<Vec<T>, StoreError> {
    let cond = select.on_id("testimony");
    let mut stays: HashMap<String, Vec<Stay>> = HashMap::new();
    let sql = format!(
        "SELECT testimony_id, site_id, from_month, to_month FROM stays \
         WHERE testimony_id IN (SELECT id FROM testimonies WHERE {cond}) ORDER BY testimony_id, position"
    );
    for (id, stay) in tx
        .each(sql, select, |row| {
            let id = row.string("testimony_id")?;
            let w = "stay of testimony";
            let stay = Stay {
                site_id: known.id(w, &id, row.text("site_id")?)?,
                from: parsed_opt(row, "from_month", w, &id, Month::parse)?,
                to: parsed_opt(row, "to_month", w, &id, Month::parse)?,
            };
            Ok((id, stay))
        })
        .await?
    {
        stays.entry(id).or_default().push(stay);
    }
    let sql = format!(
        "SELECT t.id, t.source_id, t.witness_role, t.summary_uk, t.summary_en, t.consent, t.updated_on, \
         t.published, (SELECT string_agg(a.abuse_type, ' ' ORDER BY a.position) FROM testimony_abuses a \
         WHERE a.testimony_id = t.id) AS abuse_types FROM testimonies t WHERE {cond} ORDER BY t.id"
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let w = "testimony";
        let testimony = Testimony {
            id: decode(w, id, id, Id::parse)?,
            source_id: row.text_opt("source_id")?.map(|s| known.id(w, id, s)).transpose()?,
            witness_role: parsed(row, "witness_role", w, id, WitnessRole::parse)?,
            summary: local(row, "summary_uk", "summary_en")?,
            abuse_types: spaced(row, "abuse_types", w, id, AbuseType::parse)?,
            consent: parsed(row, "consent", w, id, Consent::parse)?,
            stays: stays.remove(id).unwrap_or_default(),
            updated_on: parsed_opt(row, "updated_on", w, id, PartialDate::parse)?,
        };
        Ok(wrap(testimony, flag(row, "published")?))
    })
    .await
}

/// News, each item given to `wrap` with whether it is published.
pub async fn news<T>(
    tx: &mut impl Reader,
    select: Select<'_>,
    known: &Known,
    wrap: impl Fn(NewsItem, bool) -> T,
) -> Result<Vec<T>, StoreError> {
    let sql = format!(
        "SELECT n.id, n.date, n.title_uk, n.title_en, n.summary_uk, n.summary_en, n.body_uk, n.body_en, \
         n.source_name, n.source_url, n.updated_on, n.published, \
         (SELECT string_agg(s.site_id, ' ' ORDER BY s.position) FROM news_sites s WHERE s.news_id = n.id) \
         AS site_ids FROM news n WHERE {} ORDER BY n.id",
        select.on_id("news")
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let w = "news item";
        let item = NewsItem {
            id: decode(w, id, id, Id::parse)?,
            date: parsed(row, "date", w, id, PartialDate::parse)?,
            title: local(row, "title_uk", "title_en")?,
            summary: local(row, "summary_uk", "summary_en")?,
            body: local(row, "body_uk", "body_en")?,
            source_name: row.string("source_name")?,
            source_url: row.string("source_url")?,
            site_ids: match row.text_opt("site_ids")? {
                Some(list) => list.split(' ').map(|s| known.id(w, id, s)).collect::<Result<_, _>>()?,
                None => Vec::new(),
            },
            updated_on: parsed_opt(row, "updated_on", w, id, PartialDate::parse)?,
        };
        Ok(wrap(item, flag(row, "published")?))
    })
    .await
}

/// FAQ entries with whether each is published.
pub async fn faq(tx: &mut impl Reader, select: Select<'_>) -> Result<Vec<(FaqEntry, bool)>, StoreError> {
    let sql = format!(
        "SELECT id, position, question_uk, question_en, answer_uk, answer_en, published FROM faq \
         WHERE {} ORDER BY position, id",
        select.on_id("faq")
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let entry = FaqEntry {
            id: decode("FAQ entry", id, id, Id::parse)?,
            position: u32::try_from(row.int("position")?).unwrap_or(u32::MAX),
            question: local(row, "question_uk", "question_en")?,
            answer: local(row, "answer_uk", "answer_en")?,
        };
        Ok((entry, flag(row, "published")?))
    })
    .await
}

/// Pages with whether each is published.
pub async fn pages(tx: &mut impl Reader, select: Select<'_>) -> Result<Vec<(Page, bool)>, StoreError> {
    let sql = format!(
        "SELECT id, title_uk, title_en, body_uk, body_en, published FROM pages WHERE {} ORDER BY id",
        select.on_id("page")
    );
    tx.each(sql, select, |row| {
        let id = row.text("id")?;
        let page = Page {
            id: decode("page", id, id, Id::parse)?,
            title: local(row, "title_uk", "title_en")?,
            body: local(row, "body_uk", "body_en")?,
        };
        Ok((page, flag(row, "published")?))
    })
    .await
}
