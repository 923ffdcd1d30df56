//! The inverse of the importer: a stored record as (column, value) pairs, the
//! way a CSV row (or a back-office form) holds it.

use super::{Batch, Row};
use crate::{FaqEntry, Finding, NewsItem, Page, SectionKind, Site, Source, Testimony};
use crate::{Kind, RowError};

fn opt(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn codes<T: ToString>(list: &[T]) -> String {
    list.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")
}

fn site(s: &Site) -> Vec<(&'static str, String)> {
    let overview =
        s.sections.iter().find(|x| x.kind == SectionKind::Overview).map(|x| x.body.clone()).unwrap_or_default();
    vec![
        ("id", s.id.to_string()),
        ("name_en", s.name.en.clone()),
        ("name_uk", s.name.uk.clone()),
        ("name_ru", s.name_ru.clone()),
        ("aliases", s.aliases.join("; ")),
        ("facility_type", s.site_type.code().into()),
        ("settlement", s.settlement.en.clone()),
        ("settlement_uk", s.settlement.uk.clone()),
        ("region", s.region.en.clone()),
        ("region_uk", s.region.uk.clone()),
        ("country", s.country.code().into()),
        ("occupied_territory", s.occupied.to_string()),
        ("lat", s.lat.to_string()),
        ("lon", s.lon.to_string()),
        ("coord_precision", s.precision.code().into()),
        ("operator", s.operators.join("; ")),
        ("reported_from", opt(&s.reported_from)),
        ("reported_to", opt(&s.reported_to)),
        ("status", s.status.code().into()),
        ("abuse_types", String::new()),
        ("source_urls", s.source_urls.join(";")),
        ("notes", overview.en),
        ("notes_uk", overview.uk),
    ]
}

fn source(s: &Source) -> Vec<(&'static str, String)> {
    vec![
        ("id", s.id.to_string()),
        ("kind", s.kind.code().into()),
        ("title", s.title.clone()),
        ("publisher", s.publisher.clone()),
        ("published_on", opt(&s.published_on)),
        ("url", s.url.clone()),
        ("language", s.language.clone()),
        ("reliability", s.reliability.code().into()),
        ("credibility", s.credibility.code().into()),
        ("independence_group", s.independence_group.clone()),
        ("notes", s.notes.en.clone()),
        ("notes_uk", s.notes.uk.clone()),
        ("archived_sha256", s.archived_sha256.clone().unwrap_or_default()),
    ]
}

fn finding(f: &Finding) -> Vec<(&'static str, String)> {
    vec![
        ("source_id", f.source_id.to_string()),
        ("site_id", f.site_id.to_string()),
        ("abuse_types", codes(&f.abuse_types)),
        ("period_from", opt(&f.period_from)),
        ("period_to", opt(&f.period_to)),
        ("note", f.note.en.clone()),
        ("note_uk", f.note.uk.clone()),
    ]
}

fn testimony(t: &Testimony) -> Vec<(&'static str, String)> {
    let stays = t
        .stays
        .iter()
        .map(|s| {
            if s.from.is_none() && s.to.is_none() {
                s.site_id.to_string()
            } else {
                format!("{}@{}..{}", s.site_id, opt(&s.from), opt(&s.to))
            }
        })
        .collect::<Vec<_>>()
        .join("|");
    vec![
        ("id", t.id.to_string()),
        ("source_id", opt(&t.source_id)),
        ("witness_role", t.witness_role.code().into()),
        ("summary_en", t.summary.en.clone()),
        ("summary_uk", t.summary.uk.clone()),
        ("abuse_types", codes(&t.abuse_types)),
        ("stays", stays),
        ("consent", t.consent.code().into()),
    ]
}

fn news(n: &NewsItem) -> Vec<(&'static str, String)> {
    vec![
        ("id", n.id.to_string()),
        ("date", n.date.to_string()),
        ("title_en", n.title.en.clone()),
        ("title_uk", n.title.uk.clone()),
        ("summary_en", n.summary.en.clone()),
        ("summary_uk", n.summary.uk.clone()),
        ("body_en", n.body.en.clone()),
        ("body_uk", n.body.uk.clone()),
        ("source_name", n.source_name.clone()),
        ("source_url", n.source_url.clone()),
        ("facility_ids", codes(&n.site_ids)),
    ]
}

fn faq(q: &FaqEntry) -> Vec<(&'static str, String)> {
    vec![
        ("id", q.id.to_string()),
        ("position", q.position.to_string()),
        ("question_en", q.question.en.clone()),
        ("question_uk", q.question.uk.clone()),
        ("answer_en", q.answer.en.clone()),
        ("answer_uk", q.answer.uk.clone()),
    ]
}

fn page(p: &Page) -> Vec<(&'static str, String)> {
    vec![
        ("id", p.id.to_string()),
        ("title_en", p.title.en.clone()),
        ("title_uk", p.title.uk.clone()),
        ("body_en", p.body.en.clone()),
        ("body_uk", p.body.uk.clone()),
    ]
}

/// The record at `index` of a batch as (column, value) pairs.
pub fn record_fields(batch: &Batch, index: usize) -> Option<Vec<(&'static str, String)>> {
    fn at<T>(
        rows: &[Row<T>],
        i: usize,
        f: fn(&T) -> Vec<(&'static str, String)>,
    ) -> Option<Vec<(&'static str, String)>> {
        rows.get(i).map(|r| f(&r.record))
    }
    match batch {
        Batch::Sites(r) => at(r, index, site),
        Batch::Sources(r) => at(r, index, source),
        Batch::Findings(r) => at(r, index, finding),
        Batch::Testimonies(r) => at(r, index, testimony),
        Batch::News(r) => at(r, index, news),
        Batch::Faq(r) => at(r, index, faq),
        Batch::Pages(r) => at(r, index, page),
    }
}

/// The record at `index` of a batch as a JSON object of its fields: what a
/// revision keeps, and what [`super::changed_fields`] compares.
pub fn snapshot(batch: &Batch, index: usize) -> serde_json::Value {
    let fields = record_fields(batch, index).unwrap_or_default();
    serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), serde_json::Value::String(v))).collect())
}

/// A record kept by [`snapshot`], read back and validated again by the
/// importer's rules (they may have become stricter since it was kept).
pub fn from_snapshot(kind: Kind, fields: &serde_json::Value) -> Result<Batch, Vec<RowError>> {
    let pairs: Vec<(&str, &str)> =
        kind.columns().iter().map(|c| (c.name, fields.get(c.name).and_then(|v| v.as_str()).unwrap_or(""))).collect();
    super::one(kind, &pairs)
}

/// The key that names the record at `index`: its id, or `source site` for a finding.
pub fn key_of(batch: &Batch, index: usize) -> Option<String> {
    match batch {
        Batch::Sites(r) => r.get(index).map(|r| r.record.id.to_string()),
        Batch::Sources(r) => r.get(index).map(|r| r.record.id.to_string()),
        Batch::Findings(r) => r.get(index).map(|r| format!("{}~{}", r.record.source_id, r.record.site_id)),
        Batch::Testimonies(r) => r.get(index).map(|r| r.record.id.to_string()),
        Batch::News(r) => r.get(index).map(|r| r.record.id.to_string()),
        Batch::Faq(r) => r.get(index).map(|r| r.record.id.to_string()),
        Batch::Pages(r) => r.get(index).map(|r| r.record.id.to_string()),
    }
}

/// Whether `key` has the shape of a key of `kind` ([`key_of`]): a finding's
/// is two ids joined by `~`, every other kind's one id. A key of another
/// shape names no record (and must not reach a query written for the kind's
/// key: PostgreSQL refuses a statement given the wrong number of values).
pub fn is_key(kind: super::Kind, key: &str) -> bool {
    let id = |s: &str| crate::Id::parse(s).is_ok();
    match (kind, key.split_once('~')) {
        (super::Kind::Findings, Some((source, site))) => id(source) && id(site),
        (super::Kind::Findings, None) => false,
        _ => id(key),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{one, parse};
    use super::*;
    use crate::Kind;

    /// Every bundled record survives a round trip through its fields.
    #[test]
    fn fields_round_trip_every_sample_record() {
        let files: [(Kind, &[u8]); 5] = [
            (Kind::Sites, include_bytes!("../../../../data/facilities.csv")),
            (Kind::Sources, include_bytes!("../../../../data/sources.csv")),
            (Kind::Findings, include_bytes!("../../../../data/findings.csv")),
            (Kind::Testimonies, include_bytes!("../../../../data/testimonies.csv")),
            (Kind::News, include_bytes!("../../../../data/news.csv")),
        ];
        for (kind, bytes) in files {
            let batch = parse(kind, bytes).unwrap();
            for i in 0..batch.len() {
                let fields = record_fields(&batch, i).unwrap();
                let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let again = one(kind, &pairs).unwrap_or_else(|e| panic!("{} {i}: {e:?}", kind.name()));
                assert_eq!(record_fields(&again, 0), Some(fields), "{} {i}", kind.name());
            }
        }
    }
}
