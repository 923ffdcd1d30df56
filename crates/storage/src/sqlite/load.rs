//! Reading stored rows back into domain records.

use crate::StoreError;
use inferno_domain::catalog::CatalogParts;
use inferno_domain::*;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, Transaction};
use std::collections::HashMap;

type Tx<'a> = Transaction<'a, Sqlite>;

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

fn opt<T>(
    what: &str,
    id: &str,
    value: Option<String>,
    parse: fn(&str) -> Result<T, Problem>,
) -> Result<Option<T>, StoreError> {
    value.map(|v| decode(what, id, &v, parse)).transpose()
}

fn json_list(what: &str, id: &str, value: &str) -> Result<Vec<String>, StoreError> {
    decode(what, id, value, |v| serde_json::from_str(v).map_err(|e| e.to_string()))
}

fn local(row: &SqliteRow, column: &str) -> Result<LocalText, sqlx::Error> {
    Ok(LocalText::new(
        row.try_get::<String, _>(format!("{column}_uk").as_str())?,
        row.try_get::<String, _>(format!("{column}_en").as_str())?,
    ))
}

async fn all(tx: &mut Tx<'_>, sql: &'static str) -> Result<Vec<SqliteRow>, StoreError> {
    Ok(sqlx::query(sql).fetch_all(&mut **tx).await?)
}

pub async fn catalog_parts(tx: &mut Tx<'_>) -> Result<CatalogParts, StoreError> {
    Ok(CatalogParts {
        sites: sites(tx, true).await?.into_iter().map(|(s, _)| s).collect(),
        sources: sources(tx, true).await?.into_iter().map(|(s, _)| s).collect(),
        findings: findings(tx, true).await?.into_iter().map(|(f, _)| f).collect(),
        testimonies: testimonies(tx, true).await?.into_iter().map(|(t, _)| t).collect(),
        news: news(tx, true).await?.into_iter().map(|(n, _)| n).collect(),
        faq: faq(tx, true).await?.into_iter().map(|(f, _)| f).collect(),
        pages: pages(tx, true).await?.into_iter().map(|(p, _)| p).collect(),
        corrections: corrections(tx).await?,
    })
}

/// Public corrections, newest first.
async fn corrections(tx: &mut Tx<'_>) -> Result<Vec<Correction>, StoreError> {
    let rows = all(tx, "SELECT * FROM revisions WHERE public_note IS NOT NULL ORDER BY time DESC, id DESC").await?;
    let mut out = Vec::new();
    for row in rows {
        let id: String = row.try_get("record_id")?;
        let snapshot: serde_json::Value =
            serde_json::from_str(&row.try_get::<String, _>("snapshot")?).unwrap_or_default();
        // Snapshots hold the record's fields under the CSV column names.
        let name = |l: &str| {
            [format!("name_{l}"), format!("title_{l}")]
                .iter()
                .find_map(|k| snapshot[k.as_str()].as_str().filter(|v| !v.is_empty()))
                .or_else(|| snapshot["name"][l].as_str())
                .unwrap_or(&id)
                .to_owned()
        };
        let time: i64 = row.try_get("time")?;
        out.push(Correction {
            record_kind: row.try_get("record_kind")?,
            record_id: decode("revision of", &id, &id, Id::parse)?,
            record_name: LocalText::new(name("uk"), name("en")),
            date: PartialDate::from_days_since_epoch(time.div_euclid(86_400)),
            note: row.try_get::<Option<String>, _>("public_note")?.unwrap_or_default(),
            withdrawn: row.try_get::<String, _>("action")? == "unpublish",
        });
    }
    Ok(out)
}

/// Sites with whether each is published; only published ones if `published_only`.
pub async fn sites(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(Site, bool)>, StoreError> {
    let mut sections: HashMap<String, Vec<SiteSection>> = HashMap::new();
    for row in all(tx, "SELECT site_id, section, body_uk, body_en FROM site_sections").await? {
        let site_id: String = row.try_get("site_id")?;
        let kind = decode("section of site", &site_id, &row.try_get::<String, _>("section")?, SectionKind::parse)?;
        sections.entry(site_id).or_default().push(SiteSection { kind, body: local(&row, "body")? });
    }
    let mut out = Vec::new();
    let sql = if published_only {
        "SELECT * FROM sites WHERE published = 1 ORDER BY id"
    } else {
        "SELECT * FROM sites ORDER BY id"
    };
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let w = "site";
        let mut site_sections = sections.remove(&id).unwrap_or_default();
        site_sections.sort_by_key(|s| s.kind);
        let published = row.try_get::<i64, _>("published")? == 1;
        let site = Site {
            id: decode(w, &id, &id, Id::parse)?,
            name: local(&row, "name")?,
            name_ru: row.try_get("name_ru")?,
            site_type: decode(w, &id, &row.try_get::<String, _>("site_type")?, SiteType::parse)?,
            settlement: local(&row, "settlement")?,
            region: local(&row, "region")?,
            country: decode(w, &id, &row.try_get::<String, _>("country")?, Country::parse)?,
            occupied: row.try_get::<i64, _>("occupied")? == 1,
            lat: row.try_get("lat")?,
            lon: row.try_get("lon")?,
            precision: decode(w, &id, &row.try_get::<String, _>("coord_precision")?, CoordPrecision::parse)?,
            operators: json_list(w, &id, &row.try_get::<String, _>("operators")?)?,
            reported_from: opt(w, &id, row.try_get("reported_from")?, Month::parse)?,
            reported_to: opt(w, &id, row.try_get("reported_to")?, Month::parse)?,
            status: decode(w, &id, &row.try_get::<String, _>("status")?, SiteStatus::parse)?,
            sections: site_sections,
            source_urls: json_list(w, &id, &row.try_get::<String, _>("source_urls")?)?,
            updated_on: opt(w, &id, row.try_get("updated_on")?, PartialDate::parse)?,
        };
        out.push((site, published));
    }
    Ok(out)
}

/// Sources with whether each is published; only published ones if `published_only`.
pub async fn sources(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(Source, bool)>, StoreError> {
    let mut out = Vec::new();
    let sql = if published_only {
        "SELECT * FROM sources WHERE published = 1 ORDER BY id"
    } else {
        "SELECT * FROM sources ORDER BY id"
    };
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let w = "source";
        let published = row.try_get::<i64, _>("published")? == 1;
        let source = Source {
            id: decode(w, &id, &id, Id::parse)?,
            kind: decode(w, &id, &row.try_get::<String, _>("kind")?, SourceKind::parse)?,
            title: row.try_get("title")?,
            publisher: row.try_get("publisher")?,
            published_on: opt(w, &id, row.try_get("published_on")?, PartialDate::parse)?,
            url: row.try_get("url")?,
            language: row.try_get("language")?,
            reliability: decode(w, &id, &row.try_get::<String, _>("reliability")?, Reliability::parse)?,
            credibility: decode(w, &id, &row.try_get::<String, _>("credibility")?, Credibility::parse)?,
            independence_group: row.try_get("independence_group")?,
            notes: local(&row, "notes")?,
            archived_sha256: row.try_get("archived_sha256")?,
            updated_on: opt(w, &id, row.try_get("updated_on")?, PartialDate::parse)?,
        };
        out.push((source, published));
    }
    Ok(out)
}

/// Findings with whether each is published. With `published_only`, only
/// published findings of published sources: a finding is evidence only with
/// its source, and the catalog counts a site's abuse types from its findings
/// alone, so one whose source is still a draft must not reach it.
pub async fn findings(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(Finding, bool)>, StoreError> {
    let mut abuses: HashMap<(String, String), Vec<AbuseType>> = HashMap::new();
    for row in all(tx, "SELECT source_id, site_id, abuse_type FROM finding_abuses").await? {
        let key: (String, String) = (row.try_get("source_id")?, row.try_get("site_id")?);
        let a = decode("finding", &key.1, &row.try_get::<String, _>("abuse_type")?, AbuseType::parse)?;
        abuses.entry(key).or_default().push(a);
    }
    let mut out = Vec::new();
    let sql = if published_only {
        "SELECT * FROM findings WHERE published = 1 \
         AND source_id IN (SELECT id FROM sources WHERE published = 1) ORDER BY site_id, source_id"
    } else {
        "SELECT * FROM findings ORDER BY site_id, source_id"
    };
    for row in all(tx, sql).await? {
        let key: (String, String) = (row.try_get("source_id")?, row.try_get("site_id")?);
        let label = format!("{} at {}", key.0, key.1);
        let w = "finding";
        let mut abuse_types = abuses.remove(&key).unwrap_or_default();
        abuse_types.sort();
        let published = row.try_get::<i64, _>("published")? == 1;
        let finding = Finding {
            source_id: decode(w, &label, &key.0, Id::parse)?,
            site_id: decode(w, &label, &key.1, Id::parse)?,
            abuse_types,
            period_from: opt(w, &label, row.try_get("period_from")?, Month::parse)?,
            period_to: opt(w, &label, row.try_get("period_to")?, Month::parse)?,
            note: local(&row, "note")?,
            updated_on: opt(w, &label, row.try_get("updated_on")?, PartialDate::parse)?,
        };
        out.push((finding, published));
    }
    Ok(out)
}

/// Testimonies with whether each is published; only published ones if `published_only`.
pub async fn testimonies(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(Testimony, bool)>, StoreError> {
    let mut abuses: HashMap<String, Vec<AbuseType>> = HashMap::new();
    for row in all(tx, "SELECT testimony_id, abuse_type FROM testimony_abuses ORDER BY testimony_id, position").await? {
        let id: String = row.try_get("testimony_id")?;
        let a = decode("testimony", &id, &row.try_get::<String, _>("abuse_type")?, AbuseType::parse)?;
        abuses.entry(id).or_default().push(a);
    }
    let mut stays: HashMap<String, Vec<Stay>> = HashMap::new();
    for row in all(tx, "SELECT * FROM stays ORDER BY testimony_id, position").await? {
        let id: String = row.try_get("testimony_id")?;
        let stay = Stay {
            site_id: decode("stay of testimony", &id, &row.try_get::<String, _>("site_id")?, Id::parse)?,
            from: opt("stay of testimony", &id, row.try_get("from_month")?, Month::parse)?,
            to: opt("stay of testimony", &id, row.try_get("to_month")?, Month::parse)?,
        };
        stays.entry(id).or_default().push(stay);
    }
    let mut out = Vec::new();
    let sql = if published_only {
        "SELECT * FROM testimonies WHERE published = 1 ORDER BY id"
    } else {
        "SELECT * FROM testimonies ORDER BY id"
    };
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let w = "testimony";
        let published = row.try_get::<i64, _>("published")? == 1;
        let testimony = Testimony {
            id: decode(w, &id, &id, Id::parse)?,
            source_id: opt(w, &id, row.try_get("source_id")?, Id::parse)?,
            witness_role: decode(w, &id, &row.try_get::<String, _>("witness_role")?, WitnessRole::parse)?,
            summary: local(&row, "summary")?,
            abuse_types: abuses.remove(&id).unwrap_or_default(),
            consent: decode(w, &id, &row.try_get::<String, _>("consent")?, Consent::parse)?,
            stays: stays.remove(&id).unwrap_or_default(),
            updated_on: opt(w, &id, row.try_get("updated_on")?, PartialDate::parse)?,
        };
        out.push((testimony, published));
    }
    Ok(out)
}

/// News with whether each is published; only published ones if `published_only`.
pub async fn news(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(NewsItem, bool)>, StoreError> {
    let mut sites: HashMap<String, Vec<Id>> = HashMap::new();
    for row in all(tx, "SELECT news_id, site_id FROM news_sites ORDER BY news_id, position").await? {
        let id: String = row.try_get("news_id")?;
        let site = decode("news item", &id, &row.try_get::<String, _>("site_id")?, Id::parse)?;
        sites.entry(id).or_default().push(site);
    }
    let mut out = Vec::new();
    let sql = if published_only { "SELECT * FROM news WHERE published = 1" } else { "SELECT * FROM news ORDER BY id" };
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let w = "news item";
        let published = row.try_get::<i64, _>("published")? == 1;
        out.push((
            NewsItem {
                id: decode(w, &id, &id, Id::parse)?,
                date: decode(w, &id, &row.try_get::<String, _>("date")?, PartialDate::parse)?,
                title: local(&row, "title")?,
                summary: local(&row, "summary")?,
                body: local(&row, "body")?,
                source_name: row.try_get("source_name")?,
                source_url: row.try_get("source_url")?,
                site_ids: sites.remove(&id).unwrap_or_default(),
                updated_on: opt(w, &id, row.try_get("updated_on")?, PartialDate::parse)?,
            },
            published,
        ));
    }
    Ok(out)
}

/// FAQ entries with whether each is published; only published ones if `published_only`.
pub async fn faq(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(FaqEntry, bool)>, StoreError> {
    let sql = if published_only {
        "SELECT * FROM faq WHERE published = 1 ORDER BY position, id"
    } else {
        "SELECT * FROM faq ORDER BY position, id"
    };
    let mut out = Vec::new();
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let entry = FaqEntry {
            id: decode("FAQ entry", &id, &id, Id::parse)?,
            position: u32::try_from(row.try_get::<i64, _>("position")?).unwrap_or(u32::MAX),
            question: local(&row, "question")?,
            answer: local(&row, "answer")?,
        };
        out.push((entry, row.try_get::<i64, _>("published")? == 1));
    }
    Ok(out)
}

/// Pages with whether each is published; only published ones if `published_only`.
pub async fn pages(tx: &mut Tx<'_>, published_only: bool) -> Result<Vec<(Page, bool)>, StoreError> {
    let sql = if published_only {
        "SELECT * FROM pages WHERE published = 1 ORDER BY id"
    } else {
        "SELECT * FROM pages ORDER BY id"
    };
    let mut out = Vec::new();
    for row in all(tx, sql).await? {
        let id: String = row.try_get("id")?;
        let page =
            Page { id: decode("page", &id, &id, Id::parse)?, title: local(&row, "title")?, body: local(&row, "body")? };
        out.push((page, row.try_get::<i64, _>("published")? == 1));
    }
    Ok(out)
}
