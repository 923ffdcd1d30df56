//! Validation of the CSV files that `inferno import` reads (the columns of
//! `data/*.csv`, described in `data/facilities.README.md`).
//!
//! Every row is checked and every problem is reported with its line and column;
//! a file with any problem yields no records, so an import is all or nothing.
//! Checks that need the database (does the site a finding names exist?) are
//! made by storage, with the line numbers carried in [`Row`].

mod columns;
mod fields;
mod rows;

use crate::{FaqEntry, Finding, Kind, NewsItem, Page, RowError, Site, Source, Testimony};

pub use columns::Columns;
pub use fields::{from_snapshot, is_key, key_of, record_fields, snapshot};

/// A record with the line of the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    pub line: u64,
    pub record: T,
}

/// Validated records of one kind, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub enum Batch {
    Sites(Vec<Row<Site>>),
    Sources(Vec<Row<Source>>),
    Findings(Vec<Row<Finding>>),
    Testimonies(Vec<Row<Testimony>>),
    News(Vec<Row<NewsItem>>),
    Faq(Vec<Row<FaqEntry>>),
    Pages(Vec<Row<Page>>),
}

/// The fields whose values differ between two versions of a record.
/// (`updated_on` is not a change of its own.) Revisions list them, and a
/// save that changes none of them is no change.
pub fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (before.as_object(), after.as_object()) else { return vec![] };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).filter(|k| *k != "updated_on").collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// What kind of record a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Referenced {
    Site,
    Source,
}

/// A record that a row of a batch names, which must exist for the row to
/// be stored: the rule of what refers to what, declared once, here; a store
/// only says which of the ids exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    pub line: u64,
    pub column: &'static str,
    pub kind: Referenced,
    pub id: &'a crate::Id,
}

impl Reference<'_> {
    /// The problem of a row whose reference names nothing stored.
    pub fn missing(&self) -> RowError {
        let id = self.id.to_string();
        let problem = match self.kind {
            Referenced::Site => crate::Problem::UnknownSite { id },
            Referenced::Source => crate::Problem::UnknownSource { id },
        };
        RowError::new(self.line, self.column, problem)
    }
}

impl Batch {
    /// Keeps the row at `index` alone (none if there is no such row).
    pub fn keep_only(&mut self, index: usize) {
        fn keep<T>(rows: &mut Vec<T>, index: usize) {
            if index < rows.len() {
                rows.swap(0, index);
                rows.truncate(1);
            } else {
                rows.clear();
            }
        }
        match self {
            Batch::Sites(r) => keep(r, index),
            Batch::Sources(r) => keep(r, index),
            Batch::Findings(r) => keep(r, index),
            Batch::Testimonies(r) => keep(r, index),
            Batch::News(r) => keep(r, index),
            Batch::Faq(r) => keep(r, index),
            Batch::Pages(r) => keep(r, index),
        }
    }

    /// Every record the batch's rows name, in row order: a finding's source
    /// and site, a testimony's source and the sites of its stays, the sites
    /// a news item is about.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut out = Vec::new();
        let mut add = |line, column, kind, id| out.push(Reference { line, column, kind, id });
        match self {
            Batch::Findings(rows) => {
                for r in rows {
                    add(r.line, "source_id", Referenced::Source, &r.record.source_id);
                    add(r.line, "site_id", Referenced::Site, &r.record.site_id);
                }
            }
            Batch::Testimonies(rows) => {
                for r in rows {
                    if let Some(s) = &r.record.source_id {
                        add(r.line, "source_id", Referenced::Source, s);
                    }
                    for stay in &r.record.stays {
                        add(r.line, "stays", Referenced::Site, &stay.site_id);
                    }
                }
            }
            Batch::News(rows) => {
                for r in rows {
                    for s in &r.record.site_ids {
                        add(r.line, "facility_ids", Referenced::Site, s);
                    }
                }
            }
            Batch::Sites(_) | Batch::Sources(_) | Batch::Faq(_) | Batch::Pages(_) => {}
        }
        out
    }

    pub fn kind(&self) -> Kind {
        match self {
            Batch::Sites(_) => Kind::Sites,
            Batch::Sources(_) => Kind::Sources,
            Batch::Findings(_) => Kind::Findings,
            Batch::Testimonies(_) => Kind::Testimonies,
            Batch::News(_) => Kind::News,
            Batch::Faq(_) => Kind::Faq,
            Batch::Pages(_) => Kind::Pages,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Batch::Sites(r) => r.len(),
            Batch::Sources(r) => r.len(),
            Batch::Findings(r) => r.len(),
            Batch::Testimonies(r) => r.len(),
            Batch::News(r) => r.len(),
            Batch::Faq(r) => r.len(),
            Batch::Pages(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Parses and validates a whole CSV file of `kind`.
pub fn parse(kind: Kind, csv: &[u8]) -> Result<Batch, Vec<RowError>> {
    rows::parse(kind, csv)
}

/// Validates one record given as (column, value) pairs — what a back-office
/// form sends, under the CSV column names — by the very rules of the importer.
/// Problems name the column; their line is 0.
pub fn one(kind: Kind, values: &[(&str, &str)]) -> Result<Batch, Vec<RowError>> {
    rows::one(kind, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample shipped in `data/` must always import cleanly.
    #[test]
    fn bundled_sample_is_valid() {
        let files: [(Kind, &[u8], usize); 5] = [
            (Kind::Sites, include_bytes!("../../../../data/facilities.csv"), 29),
            (Kind::Sources, include_bytes!("../../../../data/sources.csv"), 72),
            (Kind::Findings, include_bytes!("../../../../data/findings.csv"), 112),
            (Kind::Testimonies, include_bytes!("../../../../data/testimonies.csv"), 12),
            (Kind::News, include_bytes!("../../../../data/news.csv"), 15),
        ];
        for (kind, bytes, rows) in files {
            let batch = parse(kind, bytes).unwrap_or_else(|e| panic!("{}: {e:#?}", kind.name()));
            assert_eq!(batch.len(), rows, "{}", kind.name());
        }
    }
}
