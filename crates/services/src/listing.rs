//! What a back-office list of records shows: where each record stands, the
//! records a search, a status or a site narrows it to, newest change first.

use inferno_domain::import::{key_of, record_fields};
use inferno_domain::{Kind, Lang, RevisionAction};
use inferno_storage::{Records, StoreError};

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

    fn holds(self, r: &Listed) -> bool {
        match self {
            Status::Draft => r.standing == Standing::Draft,
            Status::Waiting => r.change_waits,
            Status::Published => r.standing == Standing::Published,
            Status::Withdrawn => r.standing == Standing::Withdrawn,
        }
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

/// The records of `kind` that `q` asks for, in its order, titled in `lang`.
pub async fn list(store: &dyn Records, kind: Kind, lang: Lang, q: &ListQuery) -> Result<Vec<Listed>, StoreError> {
    let (batch, published) = store.staff_records(kind).await?;
    let latest = store.latest_revisions(kind).await?;
    let text = q.text.trim().to_lowercase();
    let withdrawn = RevisionAction::Unpublish.code();
    let mut rows: Vec<Listed> = (0..batch.len())
        .filter_map(|i| {
            let key = key_of(&batch, i)?;
            let fields = record_fields(&batch, i)?;
            let get = |c: &str| fields.iter().find(|(n, _)| *n == c).map(|(_, v)| v.as_str());
            if let Some(site) = &q.site
                && !SITE_COLUMNS.iter().filter_map(|c| get(c)).any(|v| names(v, site))
            {
                return None;
            }
            let title = kind.title(get, lang);
            if !text.is_empty() && !key.to_lowercase().contains(&text) && !title.to_lowercase().contains(&text) {
                return None;
            }
            let head = latest.get(&key);
            let (last, changed) = head.map_or(("", 0), |h| (h.action.as_str(), h.time));
            let standing = match (published[i], last == withdrawn) {
                (true, _) => Standing::Published,
                (false, true) => Standing::Withdrawn,
                (false, false) => Standing::Draft,
            };
            let change_waits = head.is_some_and(|h| h.change_waits);
            Some(Listed { key, title, standing, change_waits, changed })
        })
        .filter(|r| q.status.is_none_or(|s| s.holds(r)))
        .collect();
    if !q.by_key {
        // Newest change first; the key keeps the order of equals stable.
        rows.sort_by(|a, b| b.changed.cmp(&a.changed).then_with(|| a.key.cmp(&b.key)));
    }
    Ok(rows)
}

/// Whether a column's value names `site`: one id (`site_id`), a list
/// (`facility_ids`: `a;b`) or stays (`a@2022-03..2022-09|b@…`).
fn names(value: &str, site: &str) -> bool {
    value.split([';', '|']).map(|part| part.split('@').next().unwrap_or("").trim()).any(|id| id == site)
}

#[cfg(test)]
mod tests {
    use super::*;

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
