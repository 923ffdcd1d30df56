//! Writing validated records: upserts by id inside one transaction.

use super::Tx;
use crate::{ImportError, ImportReport, StoreError};
use inferno_domain::import::{Batch, Referenced, Row, RowError};
use inferno_domain::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// Counts a change to public content, and stamps the records it changed (marked
/// by the triggers of migration 0008) with the new version.
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
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
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

pub async fn sites(tx: &mut Tx<'_>, rows: &[Row<Site>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM sites").await?;
    let mut report = ImportReport::default();
    for (s, hash) in changed(&stored, rows, |r| r.id.to_string(), &mut report) {
        sqlx::query(
            "INSERT INTO sites (id, name_uk, name_en, name_ru, aliases, site_type, settlement_uk, settlement_en, \
             region_uk, region_en, country, occupied, lat, lon, coord_precision, operators, reported_from, \
             reported_to, status, source_urls, content_hash, created_on, updated_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) \
             ON CONFLICT (id) DO UPDATE SET name_uk = excluded.name_uk, name_en = excluded.name_en, \
             name_ru = excluded.name_ru, aliases = excluded.aliases, site_type = excluded.site_type, settlement_uk = excluded.settlement_uk, \
             settlement_en = excluded.settlement_en, region_uk = excluded.region_uk, region_en = excluded.region_en, \
             country = excluded.country, occupied = excluded.occupied, lat = excluded.lat, lon = excluded.lon, \
             coord_precision = excluded.coord_precision, operators = excluded.operators, \
             reported_from = excluded.reported_from, reported_to = excluded.reported_to, status = excluded.status, \
             source_urls = excluded.source_urls, content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        )
        .bind(s.id.as_str())
        .bind(&s.name.uk)
        .bind(&s.name.en)
        .bind(&s.name_ru)
        .bind(json(&s.aliases))
        .bind(s.site_type.code())
        .bind(&s.settlement.uk)
        .bind(&s.settlement.en)
        .bind(&s.region.uk)
        .bind(&s.region.en)
        .bind(s.country.code())
        .bind(i64::from(s.occupied))
        .bind(s.lat)
        .bind(s.lon)
        .bind(s.precision.code())
        .bind(json(&s.operators))
        .bind(opt_str(&s.reported_from))
        .bind(opt_str(&s.reported_to))
        .bind(s.status.code())
        .bind(json(&s.source_urls))
        .bind(&hash)
        .bind(today)
        .bind(today)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM site_sections WHERE site_id = $1").bind(s.id.as_str()).execute(&mut **tx).await?;
        for section in &s.sections {
            sqlx::query("INSERT INTO site_sections (site_id, section, body_uk, body_en) VALUES ($1, $2, $3, $4)")
                .bind(s.id.as_str())
                .bind(section.kind.code())
                .bind(&section.body.uk)
                .bind(&section.body.en)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(report)
}

async fn sources(tx: &mut Tx<'_>, rows: &[Row<Source>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM sources").await?;
    let mut report = ImportReport::default();
    for (s, hash) in changed(&stored, rows, |r| r.id.to_string(), &mut report) {
        sqlx::query(
            "INSERT INTO sources (id, kind, title, publisher, published_on, url, language, reliability, \
             credibility, independence_group, notes_uk, notes_en, archived_sha256, content_hash, created_on, updated_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, \
             publisher = excluded.publisher, published_on = excluded.published_on, url = excluded.url, \
             language = excluded.language, reliability = excluded.reliability, credibility = excluded.credibility, \
             independence_group = excluded.independence_group, notes_uk = excluded.notes_uk, \
             notes_en = excluded.notes_en, archived_sha256 = excluded.archived_sha256, \
             content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        )
        .bind(s.id.as_str())
        .bind(s.kind.code())
        .bind(&s.title)
        .bind(&s.publisher)
        .bind(opt_str(&s.published_on))
        .bind(&s.url)
        .bind(&s.language)
        .bind(s.reliability.code())
        .bind(s.credibility.code())
        .bind(&s.independence_group)
        .bind(&s.notes.uk)
        .bind(&s.notes.en)
        .bind(&s.archived_sha256)
        .bind(&hash)
        .bind(today)
        .bind(today)
        .execute(&mut **tx)
        .await?;
    }
    Ok(report)
}

async fn findings(tx: &mut Tx<'_>, rows: &[Row<Finding>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT source_id || ' ' || site_id, content_hash FROM findings").await?;
    let mut report = ImportReport::default();
    for (f, hash) in changed(&stored, rows, |r| format!("{} {}", r.source_id, r.site_id), &mut report) {
        sqlx::query(
            "INSERT INTO findings (source_id, site_id, period_from, period_to, note_uk, note_en, content_hash, \
             created_on, updated_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (source_id, site_id) DO UPDATE SET period_from = excluded.period_from, \
             period_to = excluded.period_to, note_uk = excluded.note_uk, note_en = excluded.note_en, \
             content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        )
        .bind(f.source_id.as_str())
        .bind(f.site_id.as_str())
        .bind(opt_str(&f.period_from))
        .bind(opt_str(&f.period_to))
        .bind(&f.note.uk)
        .bind(&f.note.en)
        .bind(&hash)
        .bind(today)
        .bind(today)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM finding_abuses WHERE source_id = $1 AND site_id = $2")
            .bind(f.source_id.as_str())
            .bind(f.site_id.as_str())
            .execute(&mut **tx)
            .await?;
        for a in &f.abuse_types {
            sqlx::query("INSERT INTO finding_abuses (source_id, site_id, abuse_type) VALUES ($1, $2, $3)")
                .bind(f.source_id.as_str())
                .bind(f.site_id.as_str())
                .bind(a.code())
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(report)
}

async fn testimonies(tx: &mut Tx<'_>, rows: &[Row<Testimony>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM testimonies").await?;
    let mut report = ImportReport::default();
    for (t, hash) in changed(&stored, rows, |r| r.id.to_string(), &mut report) {
        sqlx::query(
            "INSERT INTO testimonies (id, source_id, witness_role, summary_uk, summary_en, consent, content_hash, \
             created_on, updated_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id, witness_role = excluded.witness_role, \
             summary_uk = excluded.summary_uk, summary_en = excluded.summary_en, consent = excluded.consent, \
             content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        )
        .bind(t.id.as_str())
        .bind(t.source_id.as_ref().map(Id::as_str))
        .bind(t.witness_role.code())
        .bind(&t.summary.uk)
        .bind(&t.summary.en)
        .bind(t.consent.code())
        .bind(&hash)
        .bind(today)
        .bind(today)
        .execute(&mut **tx)
        .await?;
        for sql in ["DELETE FROM testimony_abuses WHERE testimony_id = $1", "DELETE FROM stays WHERE testimony_id = $1"]
        {
            sqlx::query(sql).bind(t.id.as_str()).execute(&mut **tx).await?;
        }
        for (i, a) in t.abuse_types.iter().enumerate() {
            sqlx::query("INSERT INTO testimony_abuses (testimony_id, position, abuse_type) VALUES ($1, $2, $3)")
                .bind(t.id.as_str())
                .bind(i as i64)
                .bind(a.code())
                .execute(&mut **tx)
                .await?;
        }
        for (i, s) in t.stays.iter().enumerate() {
            sqlx::query(
                "INSERT INTO stays (testimony_id, position, site_id, from_month, to_month) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(t.id.as_str())
            .bind(i as i64)
            .bind(s.site_id.as_str())
            .bind(opt_str(&s.from))
            .bind(opt_str(&s.to))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(report)
}

async fn news(tx: &mut Tx<'_>, rows: &[Row<NewsItem>], today: &str) -> Result<ImportReport, StoreError> {
    let stored = hashes(tx, "SELECT id, content_hash FROM news").await?;
    let mut report = ImportReport::default();
    for (n, hash) in changed(&stored, rows, |r| r.id.to_string(), &mut report) {
        sqlx::query(
            "INSERT INTO news (id, date, title_uk, title_en, summary_uk, summary_en, body_uk, body_en, \
             source_name, source_url, content_hash, created_on, updated_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (id) DO UPDATE SET date = excluded.date, title_uk = excluded.title_uk, \
             title_en = excluded.title_en, summary_uk = excluded.summary_uk, summary_en = excluded.summary_en, \
             body_uk = excluded.body_uk, body_en = excluded.body_en, source_name = excluded.source_name, \
             source_url = excluded.source_url, content_hash = excluded.content_hash, updated_on = excluded.updated_on",
        )
        .bind(n.id.as_str())
        .bind(n.date.to_string())
        .bind(&n.title.uk)
        .bind(&n.title.en)
        .bind(&n.summary.uk)
        .bind(&n.summary.en)
        .bind(&n.body.uk)
        .bind(&n.body.en)
        .bind(&n.source_name)
        .bind(&n.source_url)
        .bind(&hash)
        .bind(today)
        .bind(today)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM news_sites WHERE news_id = $1").bind(n.id.as_str()).execute(&mut **tx).await?;
        for (i, s) in n.site_ids.iter().enumerate() {
            sqlx::query("INSERT INTO news_sites (news_id, position, site_id) VALUES ($1, $2, $3)")
                .bind(n.id.as_str())
                .bind(i as i64)
                .bind(s.as_str())
                .execute(&mut **tx)
                .await?;
        }
    }
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
