//! The steps of the back office's edits, for the rules that decide them
//! (`inferno_services::editing`): records found and written, revisions,
//! the changes that wait for review, and what staff read of them.

use super::load::{self, Known, Select, pair};
use super::now;
use super::write;
use super::writer::Lent;
use super::{DbRow, Pool, Tx};
use crate::{
    ImportError, ImportReport, LatestRevision, NewRevision, PendingChange, RecordCounts, RecordRevision, RecordRows,
    Revision, StoreError, Visibility, Waiting,
};
use async_trait::async_trait;
use inferno_domain::import::{Batch, Row, key_of, snapshot};
use inferno_domain::{FaqEntry, Kind, Page, PartialDate, RevisionAction};
use sqlx::Row as _;

/// Publishes or withdraws a stored record.
async fn set_flag(tx: &mut Tx<'_>, kind: Kind, id: &str, published: bool) -> Result<(), StoreError> {
    let flag = i64::from(published);
    let sql = match kind {
        Kind::Findings => {
            let (source, site) = id.split_once('~').unwrap_or((id, ""));
            sqlx::query("UPDATE findings SET published = $1 WHERE source_id = $2 AND site_id = $3")
                .bind(flag)
                .bind(source)
                .bind(site)
                .execute(&mut **tx)
                .await?;
            return Ok(());
        }
        Kind::Sites => "UPDATE sites SET published = $1 WHERE id = $2",
        Kind::Sources => "UPDATE sources SET published = $1 WHERE id = $2",
        Kind::Testimonies => "UPDATE testimonies SET published = $1 WHERE id = $2",
        Kind::News => "UPDATE news SET published = $1 WHERE id = $2",
        Kind::Faq => "UPDATE faq SET published = $1 WHERE id = $2",
        Kind::Pages => "UPDATE pages SET published = $1 WHERE id = $2",
    };
    sqlx::query(sql).bind(flag).bind(id).execute(&mut **tx).await?;
    Ok(())
}

fn rows<T>(list: Vec<(T, bool)>) -> (Vec<Row<T>>, Vec<bool>) {
    list.into_iter().map(|(record, p)| (Row { line: 0, record }, p)).unzip()
}

/// Every record of a kind, drafts included, with whether each is published.
pub async fn records(tx: &mut Tx<'_>, kind: Kind) -> Result<(Batch, Vec<bool>), StoreError> {
    select(tx, kind, Select::All).await
}

async fn select(tx: &mut Tx<'_>, kind: Kind, select: Select<'_>) -> Result<(Batch, Vec<bool>), StoreError> {
    Ok(match kind {
        Kind::Sites => {
            let (r, p) = rows(load::sites(tx, select, pair).await?);
            (Batch::Sites(r), p)
        }
        Kind::Sources => {
            let (r, p) = rows(load::sources(tx, select, pair).await?);
            (Batch::Sources(r), p)
        }
        Kind::Findings => {
            let (r, p) = rows(load::findings(tx, select, &Known::default(), pair).await?);
            (Batch::Findings(r), p)
        }
        Kind::Testimonies => {
            let (r, p) = rows(load::testimonies(tx, select, &Known::default(), pair).await?);
            (Batch::Testimonies(r), p)
        }
        Kind::News => {
            let (r, p) = rows(load::news(tx, select, &Known::default(), pair).await?);
            (Batch::News(r), p)
        }
        Kind::Faq => {
            let (r, p) = rows(load::faq(tx, select).await?);
            (Batch::Faq(r), p)
        }
        Kind::Pages => {
            let (r, p) = rows(load::pages(tx, select).await?);
            (Batch::Pages(r), p)
        }
    })
}

/// Finds the stored record with `key`: its snapshot and whether it is published.
async fn find(tx: &mut Tx<'_>, kind: Kind, key: &str) -> Result<Option<(serde_json::Value, bool)>, StoreError> {
    Ok(record(tx, kind, key).await?.map(|(batch, published)| (snapshot(&batch, 0), published)))
}

/// The record of `kind` with `key`, as a batch of one, and whether it is published.
pub async fn record(tx: &mut Tx<'_>, kind: Kind, key: &str) -> Result<Option<(Batch, bool)>, StoreError> {
    if !inferno_domain::import::is_key(kind, key) {
        return Ok(None);
    }
    let (batch, published) = select(tx, kind, Select::One(key)).await?;
    let Some(i) = (0..batch.len()).find(|&i| key_of(&batch, i).as_deref() == Some(key)) else { return Ok(None) };
    let mut one = batch;
    one.keep_only(i);
    Ok(Some((one, published[i])))
}

#[async_trait]
impl RecordRows for Lent<'_> {
    async fn find(&mut self, kind: Kind, key: &str) -> Result<Option<(serde_json::Value, bool)>, StoreError> {
        find(&mut self.tx, kind, key).await
    }

    async fn has_revisions(&mut self, kind: Kind, id: &str) -> Result<bool, StoreError> {
        let first: Option<i64> =
            sqlx::query_scalar("SELECT id FROM revisions WHERE record_kind = $1 AND record_id = $2 LIMIT 1")
                .bind(kind.singular())
                .bind(id)
                .fetch_optional(&mut *self.tx)
                .await?;
        Ok(first.is_some())
    }

    async fn add_revision(&mut self, r: &NewRevision<'_>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published, public_note, \
             proposal, proposed_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(r.kind.singular())
        .bind(r.id)
        .bind(r.actor)
        .bind(now())
        .bind(r.action.code())
        .bind(r.snapshot.to_string())
        .bind(i64::from(r.published))
        .bind(r.public_note)
        .bind(r.proposal.map(|(p, _)| p.to_string()))
        .bind(r.proposal.and_then(|(_, note)| note))
        .fetch_one(&mut *self.tx)
        .await?)
    }

    async fn pending(&mut self, kind: Kind, id: &str) -> Result<Option<PendingChange>, StoreError> {
        let row = sqlx::query(
            "SELECT r.id, r.actor, r.proposal FROM pending_changes p JOIN revisions r ON r.id = p.revision_id \
             WHERE p.record_kind = $1 AND p.record_id = $2",
        )
        .bind(kind.singular())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let proposal: Option<String> = row.try_get("proposal")?;
        Ok(Some(PendingChange {
            revision: row.try_get("id")?,
            actor: row.try_get("actor")?,
            proposal: serde_json::from_str(&proposal.unwrap_or_default()).unwrap_or_default(),
        }))
    }

    async fn set_pending(&mut self, kind: Kind, id: &str, revision: i64) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO pending_changes (record_kind, record_id, revision_id) VALUES ($1, $2, $3) \
             ON CONFLICT (record_kind, record_id) DO UPDATE SET revision_id = excluded.revision_id",
        )
        .bind(kind.singular())
        .bind(id)
        .bind(revision)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn clear_pending(&mut self, kind: Kind, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM pending_changes WHERE record_kind = $1 AND record_id = $2")
            .bind(kind.singular())
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn set_staff_note(
        &mut self,
        kind: Kind,
        id: &str,
        note: &str,
        actor: &str,
        today: PartialDate,
    ) -> Result<bool, StoreError> {
        let done = if note.is_empty() {
            sqlx::query("DELETE FROM staff_notes WHERE record_kind = $1 AND record_id = $2")
                .bind(kind.singular())
                .bind(id)
                .execute(&mut *self.tx)
                .await?
        } else {
            // Saving the same words again changes nothing (and records nothing).
            sqlx::query(
                "INSERT INTO staff_notes (record_kind, record_id, note, actor, updated_on) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (record_kind, record_id) DO UPDATE \
                 SET note = excluded.note, actor = excluded.actor, updated_on = excluded.updated_on \
                 WHERE staff_notes.note <> excluded.note",
            )
            .bind(kind.singular())
            .bind(id)
            .bind(note)
            .bind(actor)
            .bind(today.to_string())
            .execute(&mut *self.tx)
            .await?
        };
        Ok(done.rows_affected() > 0)
    }

    async fn write(&mut self, batch: &Batch, today: PartialDate) -> Result<ImportReport, ImportError> {
        write::import(&mut self.tx, batch, &today.to_string()).await
    }

    async fn write_editorial(
        &mut self,
        faq: &[FaqEntry],
        pages: &[Page],
        today: PartialDate,
    ) -> Result<(), StoreError> {
        write::upsert_editorial(&mut self.tx, faq, pages, &today.to_string()).await
    }

    async fn check(&mut self, batch: &Batch, today: PartialDate) -> Result<(), ImportError> {
        // Inside a savepoint that is then undone: the rows stay as they were.
        let mut trial = sqlx::Acquire::begin(&mut *self.tx).await.map_err(StoreError::from)?;
        write::import(&mut trial, batch, &today.to_string()).await?;
        trial.rollback().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn set_visibility(&mut self, kind: Kind, id: &str, visibility: Visibility) -> Result<(), StoreError> {
        set_flag(&mut self.tx, kind, id, visibility == Visibility::Published).await
    }
}

/// What waits for a reviewer, oldest first: proposed changes to public
/// records, and every record of any kind that is not public and was not
/// withdrawn (a new record, whoever saved it last), with who saved it last.
pub async fn waiting(pool: &Pool) -> Result<Vec<Waiting>, StoreError> {
    let drafts: Vec<String> = Kind::ALL
        .into_iter()
        .map(|kind| {
            let (one, table, withdrawn) = (kind.singular(), kind.name(), RevisionAction::Unpublish.code());
            let key = if kind == Kind::Findings { "t.source_id || '~' || t.site_id" } else { "t.id" };
            format!(
                "SELECT '{one}' AS kind, {key} AS id, coalesce(r.actor, '') AS actor, coalesce(r.time, 0) AS time, \
                 CAST(1 AS BIGINT) AS new FROM {table} t LEFT JOIN revisions r ON r.id = \
                 (SELECT max(id) FROM revisions WHERE record_kind = '{one}' AND record_id = {key}) \
                 WHERE t.published = 0 AND coalesce(r.action, '') <> '{withdrawn}'"
            )
        })
        .collect();
    let sql = format!(
        "SELECT p.record_kind AS kind, p.record_id AS id, r.actor AS actor, r.time AS time, CAST(0 AS BIGINT) AS new \
         FROM pending_changes p JOIN revisions r ON r.id = p.revision_id UNION ALL {} ORDER BY time, kind, id",
        drafts.join(" UNION ALL ")
    );
    // Built from the kinds' own names only, never from input.
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            Ok(Waiting {
                kind: r.try_get("kind")?,
                id: r.try_get("id")?,
                actor: r.try_get("actor")?,
                time: r.try_get("time")?,
                new: r.try_get::<i64, _>("new")? == 1,
            })
        })
        .collect()
}

/// How many records each kind has, not public, and with a change waiting.
pub async fn counts(pool: &Pool) -> Result<Vec<RecordCounts>, StoreError> {
    let per_kind: Vec<String> = Kind::ALL
        .into_iter()
        .map(|kind| {
            let (one, table) = (kind.singular(), kind.name());
            format!(
                "SELECT '{one}' AS kind, count(*) AS all_records, \
                 coalesce(sum(CASE WHEN published = 0 THEN 1 ELSE 0 END), 0) AS unpublished, \
                 (SELECT count(*) FROM pending_changes WHERE record_kind = '{one}') AS changes FROM {table}"
            )
        })
        .collect();
    // Built from the kinds' own names only, never from input.
    let rows = sqlx::query(sqlx::AssertSqlSafe(per_kind.join(" UNION ALL "))).fetch_all(pool).await?;
    let count = |r: &DbRow, c: &str| -> Result<u64, StoreError> { Ok(r.try_get::<i64, _>(c)?.max(0).unsigned_abs()) };
    rows.iter()
        .map(|r| {
            let one: String = r.try_get("kind")?;
            let kind = Kind::from_singular(&one)
                .ok_or_else(|| StoreError::Corrupt { what: "record kind".into(), reason: one.clone() })?;
            Ok(RecordCounts {
                kind,
                all: count(r, "all_records")?,
                unpublished: count(r, "unpublished")?,
                changes: count(r, "changes")?,
            })
        })
        .collect()
}

/// The latest revision of each record of `kind`, by key, and whether a
/// proposed change to it waits.
pub async fn latest(pool: &Pool, kind: Kind) -> Result<std::collections::HashMap<String, LatestRevision>, StoreError> {
    let rows = sqlx::query(
        "SELECT r.record_id, r.action, r.time, \
         CAST(CASE WHEN p.revision_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS waits FROM revisions r \
         LEFT JOIN pending_changes p ON p.record_kind = r.record_kind AND p.record_id = r.record_id \
         WHERE r.id IN (SELECT max(id) FROM revisions WHERE record_kind = $1 GROUP BY record_id)",
    )
    .bind(kind.singular())
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let latest = LatestRevision {
                action: r.try_get("action")?,
                time: r.try_get("time")?,
                change_waits: r.try_get::<i64, _>("waits")? == 1,
            };
            Ok((r.try_get("record_id")?, latest))
        })
        .collect()
}

fn revision_from(r: &DbRow) -> Result<Revision, StoreError> {
    let json = |s: &str| serde_json::from_str(s).unwrap_or_default();
    Ok(Revision {
        id: r.try_get("id")?,
        actor: r.try_get("actor")?,
        time: r.try_get("time")?,
        action: r.try_get("action")?,
        published: r.try_get::<i64, _>("published")? == 1,
        public_note: r.try_get("public_note")?,
        snapshot: json(&r.try_get::<String, _>("snapshot")?),
        proposal: r.try_get::<Option<String>, _>("proposal")?.as_deref().map(json),
        proposed_note: r.try_get("proposed_note")?,
        pending: r.try_get::<i64, _>("pending")? == 1,
    })
}

// Revisions come with whether each is the proposal that waits on its record.

pub async fn recent(pool: &Pool, limit: usize) -> Result<Vec<RecordRevision>, StoreError> {
    let rows = sqlx::query(
        "SELECT r.*, CAST(CASE WHEN p.revision_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS pending FROM revisions r \
         LEFT JOIN pending_changes p ON p.revision_id = r.id ORDER BY r.id DESC LIMIT $1",
    )
    .bind(limit as i64)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("record_kind")?;
            let kind = Kind::from_singular(&kind).ok_or_else(|| StoreError::Corrupt {
                what: "revision".into(),
                reason: format!("unknown kind {kind}"),
            })?;
            Ok(RecordRevision { kind, id: r.try_get("record_id")?, revision: revision_from(r)? })
        })
        .collect()
}

pub async fn revisions(pool: &Pool, kind: Kind, id: &str) -> Result<Vec<Revision>, StoreError> {
    let rows = sqlx::query(
        "SELECT r.*, CAST(CASE WHEN p.revision_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS pending FROM revisions r \
         LEFT JOIN pending_changes p ON p.revision_id = r.id \
         WHERE r.record_kind = $1 AND r.record_id = $2 ORDER BY r.id",
    )
    .bind(kind.singular())
    .bind(id)
    .fetch_all(pool)
    .await?;
    rows.iter().map(revision_from).collect()
}
