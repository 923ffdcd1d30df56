//! Writing validated records: upserts by id inside one transaction.

use super::{Db, Tx};
use crate::{ImportError, ImportReport, StoreError};
use inferno_domain::RowError;
use inferno_domain::import::{Batch, Referenced, Row};
use inferno_domain::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::QueryBuilder;
use sqlx::query_builder::Separated;
use std::collections::{HashMap, HashSet};

/// Counts a change to public content, and stamps the records it changed with
/// the new version: SQLite's triggers (its migration 0008) leave their marks
/// unnumbered for this; PostgreSQL's (its 0010) number them as they mark, with
/// the version this makes, so here they are already done.
pub async fn bump_content_version(tx: &mut Tx<'_>) -> Result<(), StoreError> {
    sqlx::query("UPDATE meta SET value = value + 1 WHERE key = 'content_version'").execute(&mut **tx).await?;
    sqlx::query(
        "UPDATE content_changes SET version = (SELECT value FROM meta WHERE key = 'content_version') \
         WHERE version IS NULL",
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A digest of a record's content: a row is re-stamped `updated_on` only when it changes.
fn content_hash(record: &impl Serialize) -> String {
    let bytes = serde_json::to_vec(record).unwrap_or_default();
    hex::encode(Sha256::digest(&bytes))
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn opt_str(v: &Option<impl ToString>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

async fn ids(tx: &mut Tx<'_>, sql: &'static str) -> Result<HashSet<String>, StoreError> {
    Ok(sqlx::query_scalar::<_, String>(sql).fetch_all(&mut **tx).await?.into_iter().collect())
}

async fn hashes(tx: &mut Tx<'_>, sql: &'static str) -> Result<HashMap<String, String>, StoreError> {
    Ok(sqlx::query_as::<_, (String, String)>(sql).fetch_all(&mut **tx).await?.into_iter().collect())
}

/// The rows whose content differs from what is stored (new or changed), each
/// with its content hash; counts all three outcomes in `report`.
fn changed<'a, T: Serialize>(
    stored: &HashMap<String, String>,
    rows: &'a [Row<T>],
    key: impl Fn(&T) -> String,
    report: &mut ImportReport,
) -> Vec<(&'a T, String)> {
    let mut out = Vec::new();
    for Row { record, .. } in rows {
        let hash = content_hash(record);
        match stored.get(&key(record)) {
            None => report.inserted += 1,
            Some(h) if *h != hash => report.updated += 1,
            Some(_) => {
                report.unchanged += 1;
                continue;
            }
        }
        out.push((record, hash));
    }
    out
}

/// The rows of `batch` that name a site or source not stored, with their problems.
async fn check_references(tx: &mut Tx<'_>, batch: &Batch) -> Result<(), ImportError> {
    let references = batch.references();
    if references.is_empty() {
        return Ok(());
    }
    let mut stored = HashMap::new();
    for (kind, sql) in [(Referenced::Site, "SELECT id FROM sites"), (Referenced::Source, "SELECT id FROM sources")] {
        if references.iter().any(|r| r.kind == kind) {
            stored.insert(kind, ids(tx, sql).await?);
        }
    }
    let errors: Vec<RowError> = references
        .iter()
        .filter(|r| !stored.get(&r.kind).is_some_and(|ids| ids.contains(r.id.as_str())))
        .map(|r| r.missing())
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(ImportError::Rows(errors)) }
}

pub async fn import(tx: &mut Tx<'_>, batch: &Batch, today: &str) -> Result<ImportReport, ImportError> {
    check_references(tx, batch).await?;
    match batch {
        Batch::Sites(rows) => Ok(sites(tx, rows, today).await?),
        Batch::Sources(rows) => Ok(sources(tx, rows, today).await?),
        Batch::Findings(rows) => Ok(findings(tx, rows, today).await?),
        Batch::Testimonies(rows) => Ok(testimonies(tx, rows, today).await?),
        Batch::News(rows) => Ok(news(tx, rows, today).await?),
        Batch::Faq(rows) => {
            let stored = ids(tx, "SELECT id FROM faq").await?;
            let faq: Vec<FaqEntry> = rows.iter().map(|r| r.record.clone()).collect();
            upsert_editorial(tx, &faq, &[], today).await?;
            Ok(existence_report(&stored, rows.iter().map(|r| r.record.id.as_str())))
        }
        Batch::Pages(rows) => {
            let stored = ids(tx, "SELECT id FROM pages").await?;
            let pages: Vec<Page> = rows.iter().map(|r| r.record.clone()).collect();
            upsert_editorial(tx, &[], &pages, today).await?;
            Ok(existence_report(&stored, rows.iter().map(|r| r.record.id.as_str())))
        }
    }
}

/// Parameters one statement carries at most: below SQLite's limit (32,766)
/// and PostgreSQL's (65,535).
const MAX_PARAMETERS: usize = 30_000;

/// Runs `head VALUES (…), (…) tail` over `rows`, as few statements as the
/// parameter limit allows, `push` binding the `width` values of each row.
///
/// One statement per row costs a round trip per row: nothing for embedded
/// SQLite, most of an import's time for a database across a socket. The
/// same text serves a multi-row upsert (`head` = `INSERT INTO t (…)`,
/// `tail` = its `ON CONFLICT` clause) and a delete by many keys (`head` =
/// `DELETE FROM t WHERE k IN (`, `tail` = `)`), in both dialects.
async fn for_rows<T>(
    tx: &mut Tx<'_>,
    head: &str,
    tail: &str,
    width: usize,
    rows: &[T],
    mut push: impl FnMut(&mut Separated<'_, Db, &'static str>, &T),
) -> Result<(), StoreError> {
    let per_statement = (MAX_PARAMETERS / width).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut statement = QueryBuilder::<Db>::new(head);
        statement.push(" ");
        statement.push_values(chunk, |mut row, values| push(&mut row, values));
        statement.push(" ").push(tail);
        // A full chunk recurs (the same text for every full chunk), so it is
        // prepared once; the last, shorter one would only crowd the cache.
        statement.build().persistent(chunk.len() == per_statement).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Removes the rows of a child table whose key column (`column`) is one of
/// `keys`: the old list of a record that is written again.
async fn delete_children(tx: &mut Tx<'_>, table: &str, column: &str, keys: &[&str]) -> Result<(), StoreError> {
    let head = format!("DELETE FROM {table} WHERE {column} IN (");
    for_rows(tx, &head, ")", 1, keys, |row, key| {
        row.push_bind(key.to_string());
    })
    .await
}

pub async fn sites(tx: &mut Tx<'_>, rows: &[Row<Site>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM sites").await?;
    let mut report = ImportReport::default();
    let changed = changed(&stored, rows, |r| r.id.to_string(), &mut report);
    for_rows(
        tx,
        "INSERT INTO sites (id, name_uk, name_en, name_ru, aliases, site_type, settlement_uk, settlement_en, \
         region_uk, region_en, country, occupied, lat, lon, coord_precision, operators, reported_from, \
         reported_to, status, source_urls, content_hash, created_on, updated_on)",
        "ON CONFLICT (id) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en, \
         name_ru = excluded.name_ru, aliases = excluded.aliases, site_type = excluded.site_type, settlement_uk = excluded.settlement_uk, \
         settlement_en = excluded.settlement_en, region_uk = excluded.region_uk, region_en = excluded.region_en, \
         country = excluded.country, occupied = excluded.occupied, lat = excluded.lat, lon = excluded.lon, \
         coord_precision = excluded.coord_precision, operators = excluded.operators, \
         reported_from = excluded.reported_from, reported_to = excluded.reported_to, status = excluded.status, \
         source_urls = excluded.source_urls, content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        23,
        &changed,
        |row, (s, hash)| {
            row.push_bind(s.id.to_string())
                .push_bind(s.name.uk.clone())
                .push_bind(s.name.en.clone())
                .push_bind(s.name_ru.clone())
                .push_bind(json(&s.aliases))
                .push_bind(s.site_type.code())
                .push_bind(s.settlement.uk.clone())
                .push_bind(s.settlement.en.clone())
                .push_bind(s.region.uk.clone())
                .push_bind(s.region.en.clone())
                .push_bind(s.country.code())
                .push_bind(i64::from(s.occupied))
                .push_bind(s.lat)
                .push_bind(s.lon)
                .push_bind(s.precision.code())
                .push_bind(json(&s.operators))
                .push_bind(opt_str(&s.reported_from))
                .push_bind(opt_str(&s.reported_to))
                .push_bind(s.status.code())
                .push_bind(json(&s.source_urls))
                .push_bind(hash.clone())
                .push_bind(today.to_string())
                .push_bind(today.to_string());
        },
    )
    .await?;
    let keys: Vec<&str> = changed.iter().map(|(s, _)| s.id.as_str()).collect();
    delete_children(tx, "site_sections", "site_id", &keys).await?;
    let sections: Vec<(&Site, &SiteSection)> =
        changed.iter().flat_map(|(s, _)| s.sections.iter().map(move |section| (*s, section))).collect();
    for_rows(
        tx,
        "INSERT INTO site_sections (site_id, section, body_uk, body_en)",
        "",
        4,
        &sections,
        |row, (s, section)| {
            row.push_bind(s.id.to_string())
                .push_bind(section.kind.code())
                .push_bind(section.body.uk.clone())
                .push_bind(section.body.en.clone());
        },
    )
    .await?;
    Ok(report)
}

async fn sources(tx: &mut Tx<'_>, rows: &[Row<Source>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM sources").await?;
    let mut report = ImportReport::default();
    let changed = changed(&stored, rows, |r| r.id.to_string(), &mut report);
    for_rows(
        tx,
        "INSERT INTO sources (id, kind, title, publisher, published_on, url, language, reliability, \
         credibility, independence_group, notes_uk, notes_en, archived_sha256, content_hash, created_on, updated_on)",
        "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, \
         publisher = excluded.publisher, published_on = excluded.published_on, url = excluded.url, \
         language = excluded.language, reliability = excluded.reliability, credibility = excluded.credibility, \
         independence_group = excluded.independence_group, notes_uk = excluded.notes_uk, \
         notes_en = excluded.notes_en, archived_sha256 = excluded.archived_sha256, \
         content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        16,
        &changed,
        |row, (s, hash)| {
            row.push_bind(s.id.to_string())
                .push_bind(s.kind.code())
                .push_bind(s.title.clone())
                .push_bind(s.publisher.clone())
                .push_bind(opt_str(&s.published_on))
                .push_bind(s.url.clone())
                .push_bind(s.language.clone())
                .push_bind(s.reliability.code())
                .push_bind(s.credibility.code())
                .push_bind(s.independence_group.clone())
                .push_bind(s.notes.uk.clone())
                .push_bind(s.notes.en.clone())
                .push_bind(s.archived_sha256.clone())
                .push_bind(hash.clone())
                .push_bind(today.to_string())
                .push_bind(today.to_string());
        },
    )
    .await?;
    Ok(report)
}

async fn findings(tx: &mut Tx<'_>, rows: &[Row<Finding>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT source_id || ' ' || site_id, content_hash FROM findings").await?;
    let mut report = ImportReport::default();
    let changed = changed(&stored, rows, |r| format!("{} {}", r.source_id, r.site_id), &mut report);
    for_rows(
        tx,
        "INSERT INTO findings (source_id, site_id, period_from, period_to, note_uk, note_en, content_hash, \
         created_on, updated_on)",
        "ON CONFLICT (source_id, site_id) DO UPDATE SET period_from = excluded.period_from, \
         period_to = excluded.period_to, note_uk = excluded.note_uk, note_en = excluded.note_en, \
         content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        9,
        &changed,
        |row, (f, hash)| {
            row.push_bind(f.source_id.to_string())
                .push_bind(f.site_id.to_string())
                .push_bind(opt_str(&f.period_from))
                .push_bind(opt_str(&f.period_to))
                .push_bind(f.note.uk.clone())
                .push_bind(f.note.en.clone())
                .push_bind(hash.clone())
                .push_bind(today.to_string())
                .push_bind(today.to_string());
        },
    )
    .await?;
    // A finding's key has two columns: its old abuse list goes by both.
    let keys: Vec<&Finding> = changed.iter().map(|(f, _)| *f).collect();
    for_rows(tx, "DELETE FROM finding_abuses WHERE (source_id, site_id) IN (", ")", 2, &keys, |row, f| {
        row.push_bind(f.source_id.to_string()).push_bind(f.site_id.to_string());
    })
    .await?;
    let abuses: Vec<(&Finding, &AbuseType)> =
        keys.iter().flat_map(|f| f.abuse_types.iter().map(move |a| (*f, a))).collect();
    for_rows(tx, "INSERT INTO finding_abuses (source_id, site_id, abuse_type)", "", 3, &abuses, |row, (f, a)| {
        row.push_bind(f.source_id.to_string()).push_bind(f.site_id.to_string()).push_bind(a.code());
    })
    .await?;
    Ok(report)
}

async fn testimonies(tx: &mut Tx<'_>, rows: &[Row<Testimony>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM testimonies").await?;
    let mut report = ImportReport::default();
    let changed = changed(&stored, rows, |r| r.id.to_string(), &mut report);
    for_rows(
        tx,
        "INSERT INTO testimonies (id, source_id, witness_role, summary_uk, summary_en, consent, content_hash, \
         created_on, updated_on)",
        "ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id, witness_role = excluded.witness_role, \
         summary_uk = excluded.summary_uk, summary_en = excluded.summary_en, consent = excluded.consent, \
         content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        9,
        &changed,
        |row, (t, hash)| {
            row.push_bind(t.id.to_string())
                .push_bind(t.source_id.as_ref().map(Id::to_string))
                .push_bind(t.witness_role.code())
                .push_bind(t.summary.uk.clone())
                .push_bind(t.summary.en.clone())
                .push_bind(t.consent.code())
                .push_bind(hash.clone())
                .push_bind(today.to_string())
                .push_bind(today.to_string());
        },
    )
    .await?;
    let keys: Vec<&str> = changed.iter().map(|(t, _)| t.id.as_str()).collect();
    delete_children(tx, "testimony_abuses", "testimony_id", &keys).await?;
    delete_children(tx, "stays", "testimony_id", &keys).await?;
    let abuses: Vec<(&Testimony, usize, &AbuseType)> =
        changed.iter().flat_map(|(t, _)| t.abuse_types.iter().enumerate().map(move |(i, a)| (*t, i, a))).collect();
    for_rows(
        tx,
        "INSERT INTO testimony_abuses (testimony_id, position, abuse_type)",
        "",
        3,
        &abuses,
        |row, (t, i, a)| {
            row.push_bind(t.id.to_string()).push_bind(*i as i64).push_bind(a.code());
        },
    )
    .await?;
    let stays: Vec<(&Testimony, usize, &Stay)> =
        changed.iter().flat_map(|(t, _)| t.stays.iter().enumerate().map(move |(i, s)| (*t, i, s))).collect();
    for_rows(
        tx,
        "INSERT INTO stays (testimony_id, position, site_id, from_month, to_month)",
        "",
        5,
        &stays,
        |row, (t, i, s)| {
            row.push_bind(t.id.to_string())
                .push_bind(*i as i64)
                .push_bind(s.site_id.to_string())
                .push_bind(opt_str(&s.from))
                .push_bind(opt_str(&s.to));
        },
    )
    .await?;
    Ok(report)
}

async fn news(tx: &mut Tx<'_>, rows: &[Row<NewsItem>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM news").await?;
    let mut report = ImportReport::default();
    let changed = changed(&stored, rows, |r| r.id.to_string(), &mut report);
    for_rows(
        tx,
        "INSERT INTO news (id, date, title_uk, title_en, summary_uk, summary_en, body_uk, body_en, \
         source_name, source_url, content_hash, created_on, updated_on)",
        "ON CONFLICT (id) DO UPDATE SET date = excluded.date, title_uk = excluded.title_uk, \
         title_en = excluded.title_en, summary_uk = excluded.summary_uk, summary_en = excluded.summary_en, \
         body_uk = excluded.body_uk, body_en = excluded.body_en, source_name = excluded.source_name, \
         source_url = excluded.source_url, content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        13,
        &changed,
        |row, (n, hash)| {
            row.push_bind(n.id.to_string())
                .push_bind(n.date.to_string())
                .push_bind(n.title.uk.clone())
                .push_bind(n.title.en.clone())
                .push_bind(n.summary.uk.clone())
                .push_bind(n.summary.en.clone())
                .push_bind(n.body.uk.clone())
                .push_bind(n.body.en.clone())
                .push_bind(n.source_name.clone())
                .push_bind(n.source_url.clone())
                .push_bind(hash.clone())
                .push_bind(today.to_string())
                .push_bind(today.to_string());
        },
    )
    .await?;
    let keys: Vec<&str> = changed.iter().map(|(n, _)| n.id.as_str()).collect();
    delete_children(tx, "news_sites", "news_id", &keys).await?;
    let sites: Vec<(&NewsItem, usize, &Id)> =
        changed.iter().flat_map(|(n, _)| n.site_ids.iter().enumerate().map(move |(i, s)| (*n, i, s))).collect();
    for_rows(tx, "INSERT INTO news_sites (news_id, position, site_id)", "", 3, &sites, |row, (n, i, s)| {
        row.push_bind(n.id.to_string()).push_bind(*i as i64).push_bind(s.to_string());
    })
    .await?;
    Ok(report)
}

/// New and updated rows for tables without a content hash.
fn existence_report<'a>(stored: &HashSet<String>, ids: impl Iterator<Item = &'a str>) -> ImportReport {
    let mut report = ImportReport::default();
    for id in ids {
        if stored.contains(id) {
            report.updated += 1;
        } else {
            report.inserted += 1;
        }
    }
    report
}

pub async fn upsert_editorial(
    tx: &mut Tx<'_>,
    faq: &[FaqEntry],
    pages: &[Page],
    today: &str,
) -> Result<(), StoreError> {
    for f in faq {
        sqlx::query(
            "INSERT INTO faq (id, position, question_uk, question_en, answer_uk, answer_en, updated_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET position = excluded.position, \
             question_uk = excluded.question_uk, question_en = excluded.question_en, \
             answer_uk = excluded.answer_uk, answer_en = excluded.answer_en, updated_on = excluded.updated_on",
        )
        .bind(f.id.as_str())
        .bind(i64::from(f.position))
        .bind(&f.question.uk)
        .bind(&f.question.en)
        .bind(&f.answer.uk)
        .bind(&f.answer.en)
        .bind(today)
        .execute(&mut **tx)
        .await?;
    }
    for p in pages {
        sqlx::query(
            "INSERT INTO pages (id, title_uk, title_en, body_uk, body_en, updated_on) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (id) DO UPDATE SET title_uk = excluded.title_uk, title_en = excluded.title_en, \
             body_uk = excluded.body_uk, body_en = excluded.body_en, updated_on = excluded.updated_on",
        )
        .bind(p.id.as_str())
        .bind(&p.title.uk)
        .bind(&p.title.en)
        .bind(&p.body.uk)
        .bind(&p.body.en)
        .bind(today)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
