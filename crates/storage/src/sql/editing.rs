//! Records edited in the back office: drafts, revisions, publishing, review,
//! and the public corrections they leave. One code path for every kind of
//! record: a record is handled as its (column, value) fields, validated by the
//! importer.
//!
//! Four eyes on what the public sees: whoever may not publish (an editor)
//! cannot change what readers see. Their change to a published record is kept
//! as a proposal that waits for review while the live row stays as it was, and
//! their new records are drafts. A reviewer publishes or discards the proposal.

use super::load::{self, Known, Select, pair};
use super::now;
use super::{Backend, DbRow, Pool, Tx};
use super::{audit, write};
use crate::{AuditEvent, Editor, ImportError, RecordRevision, Revision, SaveMode, Saved, StoreError, Verdict, Waiting};
use inferno_audit::SigningKey;
use inferno_domain::import::changed_fields;
use inferno_domain::import::{Batch, Kind, Row, columns, key_of, one, record_fields};
use inferno_domain::{PartialDate, Problem};
use sqlx::Row as _;

/// New records of every kind but sources and findings are drafts whoever
/// makes them: a site or a news item is written over days. A source or finding
/// made by someone who may publish is public at once, as it was before review
/// existed; one made by an editor waits, like any change of theirs.
fn drafts_for_everyone(kind: Kind) -> bool {
    !matches!(kind, Kind::Sources | Kind::Findings)
}

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

/// A record's fields as a JSON object: what revisions keep.
fn snapshot(batch: &Batch, index: usize) -> serde_json::Value {
    let fields = record_fields(batch, index).unwrap_or_default();
    serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), serde_json::Value::String(v))).collect())
}

/// A record kept as JSON fields, validated again by the importer's rules (they
/// may have become stricter since it was kept).
fn from_snapshot(kind: Kind, fields: &serde_json::Value) -> Result<Batch, StoreError> {
    let (required, optional) = columns(kind);
    let pairs: Vec<(&str, &str)> =
        required.iter().chain(optional).map(|&c| (c, fields.get(c).and_then(|v| v.as_str()).unwrap_or(""))).collect();
    one(kind, &pairs).map_err(|errors| rows_conflict(&errors))
}

fn rows_conflict(errors: &[inferno_domain::import::RowError]) -> StoreError {
    StoreError::Conflict(Problem::NoLongerValid { problems: errors.to_vec() })
}

/// Finds the stored record with `key`: its snapshot and whether it is published.
async fn find(tx: &mut Tx<'_>, kind: Kind, key: &str) -> Result<Option<(serde_json::Value, bool)>, StoreError> {
    let (batch, published) = select(tx, kind, Select::One(key)).await?;
    Ok((0..batch.len())
        .find(|&i| key_of(&batch, i).as_deref() == Some(key))
        .map(|i| (snapshot(&batch, i), published[i])))
}

/// One revision, before it is stored.
struct Change<'a> {
    kind: Kind,
    id: &'a str,
    actor: &'a str,
    action: &'a str,
    /// The record after the action (for a proposal: the live record, unchanged).
    snapshot: &'a serde_json::Value,
    published: bool,
    /// What readers are told: set only when what they can see changes.
    public_note: Option<&'a str>,
    /// A proposal: the record as proposed, and the note it would show readers.
    proposal: Option<(&'a serde_json::Value, Option<&'a str>)>,
    detail: String,
}

/// Stores a revision with its audit entry, in the caller's transaction, and
/// returns its id. A proposal and a discarded one leave the public pages as
/// they are, so only the other actions make them rebuild.
async fn revision(tx: &mut Tx<'_>, key: &SigningKey, c: Change<'_>) -> Result<i64, StoreError> {
    let name = c.kind.singular();
    let non_empty = |n: Option<&str>| n.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published, public_note, \
         proposal, proposed_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(name)
    .bind(c.id)
    .bind(c.actor)
    .bind(now())
    .bind(c.action)
    .bind(c.snapshot.to_string())
    .bind(i64::from(c.published))
    .bind(non_empty(c.public_note))
    .bind(c.proposal.map(|(p, _)| p.to_string()))
    .bind(c.proposal.and_then(|(_, n)| non_empty(n)))
    .fetch_one(&mut **tx)
    .await?;
    let event = AuditEvent::new(c.actor, &format!("{name}_{}", c.action), &format!("{name}/{}", c.id), c.detail);
    audit::append(tx, key, &event).await?;
    if !matches!(c.action, "propose" | "discard") {
        write::bump_content_version(tx).await?;
    }
    Ok(id)
}

/// A record that came from an import has no revision yet: keep the version
/// it had before its first edit, so that the edit shows as a change and can
/// be undone.
async fn keep_imported(
    tx: &mut Tx<'_>,
    kind: Kind,
    id: &str,
    snapshot: &serde_json::Value,
    published: bool,
) -> Result<(), StoreError> {
    let has_history: Option<i64> =
        sqlx::query_scalar("SELECT id FROM revisions WHERE record_kind = $1 AND record_id = $2 LIMIT 1")
            .bind(kind.singular())
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    if has_history.is_none() {
        sqlx::query(
            "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published) \
             VALUES ($1, $2, 'import', $3, 'import', $4, $5)",
        )
        .bind(kind.singular())
        .bind(id)
        .bind(now())
        .bind(snapshot.to_string())
        .bind(i64::from(published))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The change that waits for review on a record.
struct Pending {
    /// The proposal's revision.
    revision: i64,
    actor: String,
    proposal: serde_json::Value,
}

async fn pending(tx: &mut Tx<'_>, kind: Kind, id: &str) -> Result<Option<Pending>, StoreError> {
    let row = sqlx::query(
        "SELECT r.id, r.actor, r.proposal FROM pending_changes p JOIN revisions r ON r.id = p.revision_id \
         WHERE p.record_kind = $1 AND p.record_id = $2",
    )
    .bind(kind.singular())
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let proposal: Option<String> = row.try_get("proposal")?;
    Ok(Some(Pending {
        revision: row.try_get("id")?,
        actor: row.try_get("actor")?,
        proposal: serde_json::from_str(&proposal.unwrap_or_default()).unwrap_or_default(),
    }))
}

async fn clear_pending(tx: &mut Tx<'_>, kind: Kind, id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM pending_changes WHERE record_kind = $1 AND record_id = $2")
        .bind(kind.singular())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Creates or changes the one record in `batch`, as `mode` says; the mode
/// names the action in the history (`create`, `update`, `revert`). New records of most kinds are
/// drafts (see [`drafts_for_everyone`]). A change to a published record by
/// someone who may not publish is proposed instead (see [`propose`]). Records
/// it names that do not exist come back as problems, as from an import.
pub async fn save(
    db: &Backend,
    batch: &Batch,
    mode: SaveMode,
    who: Editor<'_>,
    public_note: Option<&str>,
) -> Result<Saved, ImportError> {
    let (create, action) = (mode == SaveMode::Create, mode.action());
    let kind = batch.kind();
    let Some(id) = key_of(batch, 0) else { return Ok(Saved::Unchanged) };
    let (key, mut tx) = (&db.audit_key, db.write_tx().await?);
    let before = find(&mut tx, kind, &id).await?;
    let published = match (&before, create) {
        (Some(_), true) => {
            return Err(StoreError::Conflict(Problem::AlreadyExists { kind, id }).into());
        }
        (None, false) => return Err(StoreError::Conflict(Problem::NoSuchRecord { kind, id }).into()),
        (Some((_, published)), false) => *published,
        (None, true) => who.may_publish && !drafts_for_everyone(kind),
    };
    let after = snapshot(batch, 0);
    if let (Some((live, true)), false) = (&before, who.may_publish) {
        let saved = propose(&mut tx, key, batch, live, &after, who.name, public_note).await?;
        tx.commit().await?;
        return Ok(saved);
    }
    let fields = before.as_ref().map(|(b, _)| changed_fields(b, &after)).unwrap_or_default();
    if !create && fields.is_empty() {
        return Ok(Saved::Unchanged);
    }
    if let Some((snapshot, published)) = &before {
        keep_imported(&mut tx, kind, &id, snapshot, *published).await?;
    }
    write::import(&mut tx, batch, &PartialDate::today().to_string()).await?;
    if create && !published {
        set_flag(&mut tx, kind, &id, false).await?;
    }
    let detail = if !create {
        format!("changed: {}", fields.join(", "))
    } else if published {
        "published".to_owned()
    } else {
        "draft".to_owned()
    };
    // Readers are told of changes to what they can see, not to drafts.
    let note = if published && !create { public_note } else { None };
    let change = Change {
        kind,
        id: &id,
        actor: who.name,
        action,
        snapshot: &after,
        published,
        public_note: note,
        proposal: None,
        detail,
    };
    revision(&mut tx, key, change).await?;
    tx.commit().await?;
    Ok(Saved::Applied)
}

/// Keeps an editor's change to a published record as a proposal that waits
/// for review, replacing the one that waited before (the editor's form showed
/// that one, so the new proposal builds on it). The record is checked as an
/// import would check it, inside a savepoint that is then undone: the live
/// row stays exactly as it was.
async fn propose(
    tx: &mut Tx<'_>,
    key: &SigningKey,
    batch: &Batch,
    live: &serde_json::Value,
    after: &serde_json::Value,
    actor: &str,
    public_note: Option<&str>,
) -> Result<Saved, ImportError> {
    let kind = batch.kind();
    let id = key_of(batch, 0).unwrap_or_default();
    let waiting = pending(tx, kind, &id).await?;
    let base = waiting.as_ref().map_or(live, |p| &p.proposal);
    if changed_fields(base, after).is_empty() {
        return Ok(Saved::Unchanged);
    }
    keep_imported(tx, kind, &id, live, true).await?;
    let fields = changed_fields(live, after);
    if fields.is_empty() {
        // The author put the record back as it is published: nothing is left
        // to review.
        if let Some(waiting) = waiting {
            clear_pending(tx, kind, &id).await?;
            let change = Change {
                kind,
                id: &id,
                actor,
                action: "discard",
                snapshot: live,
                published: true,
                public_note: None,
                proposal: None,
                detail: format!("proposal {} by {} taken back", waiting.revision, waiting.actor),
            };
            revision(tx, key, change).await?;
        }
        return Ok(Saved::Unchanged);
    }
    let mut trial = sqlx::Acquire::begin(&mut *tx).await?;
    write::import(&mut trial, batch, &PartialDate::today().to_string()).await?;
    trial.rollback().await?;
    let change = Change {
        kind,
        id: &id,
        actor,
        action: "propose",
        snapshot: live,
        published: true,
        public_note: None,
        proposal: Some((after, public_note)),
        detail: format!("waits for review; changed: {}", fields.join(", ")),
    };
    let revision = revision(tx, key, change).await?;
    sqlx::query(
        "INSERT INTO pending_changes (record_kind, record_id, revision_id) VALUES ($1, $2, $3) \
         ON CONFLICT (record_kind, record_id) DO UPDATE SET revision_id = excluded.revision_id",
    )
    .bind(kind.singular())
    .bind(&id)
    .bind(revision)
    .execute(&mut **tx)
    .await?;
    Ok(Saved::Pending)
}

/// Publishes (`approve`) or discards the change that waits on a record. Only
/// the proposal the reviewer saw (`revision`) is acted on.
pub async fn review(
    db: &Backend,
    kind: Kind,
    id: &str,
    revision_id: i64,
    verdict: Verdict,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let (key, mut tx) = (&db.audit_key, db.write_tx().await?);
    let Some(waiting) = pending(&mut tx, kind, id).await? else { return Ok(false) };
    if waiting.revision != revision_id {
        return Err(StoreError::Conflict(Problem::ChangeReplaced { kind, id: id.to_owned() }));
    }
    let Some((live, published)) = find(&mut tx, kind, id).await? else { return Ok(false) };
    clear_pending(&mut tx, kind, id).await?;
    let by = format!("proposal {} by {}", waiting.revision, waiting.actor);
    if verdict == Verdict::Approve {
        let batch = from_snapshot(kind, &waiting.proposal)?;
        if key_of(&batch, 0).as_deref() != Some(id) {
            return Err(StoreError::Conflict(Problem::ChangeNotOfRecord { id: id.to_owned() }));
        }
        write::import(&mut tx, &batch, &PartialDate::today().to_string()).await.map_err(|e| match e {
            ImportError::Rows(errors) => rows_conflict(&errors),
            ImportError::Store(e) => e,
        })?;
        let after = snapshot(&batch, 0);
        let fields = changed_fields(&live, &after);
        let change = Change {
            kind,
            id,
            actor,
            action: "approve",
            snapshot: &after,
            published,
            // A withdrawn record has no readers to tell.
            public_note: public_note.filter(|_| published),
            proposal: None,
            detail: format!("{by}; changed: {}", fields.join(", ")),
        };
        revision(&mut tx, key, change).await?;
    } else {
        let change = Change {
            kind,
            id,
            actor,
            action: "discard",
            snapshot: &live,
            published,
            public_note: None,
            proposal: None,
            detail: by,
        };
        revision(&mut tx, key, change).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Publishes or withdraws a record. Returns false when there is no such
/// record or nothing changes.
pub async fn set_published(
    db: &Backend,
    kind: Kind,
    id: &str,
    published: bool,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let (key, mut tx) = (&db.audit_key, db.write_tx().await?);
    let Some((snapshot, was)) = find(&mut tx, kind, id).await? else { return Ok(false) };
    if was == published {
        return Ok(false);
    }
    set_flag(&mut tx, kind, id, published).await?;
    let (action, note) = if published { ("publish", None) } else { ("unpublish", public_note) };
    let change = Change {
        kind,
        id,
        actor,
        action,
        snapshot: &snapshot,
        published,
        public_note: note,
        proposal: None,
        detail: String::new(),
    };
    revision(&mut tx, key, change).await?;
    tx.commit().await?;
    Ok(true)
}

/// What waits for a reviewer: proposed changes, and new sources and findings
/// that are not public yet (with who saved them last), oldest first.
pub async fn waiting(pool: &Pool) -> Result<Vec<Waiting>, StoreError> {
    let rows = sqlx::query(
        "SELECT p.record_kind AS kind, p.record_id AS id, r.actor AS actor, r.time AS time, CAST(0 AS BIGINT) AS new \
         FROM pending_changes p JOIN revisions r ON r.id = p.revision_id \
         UNION ALL \
         SELECT 'source', s.id, coalesce(r.actor, ''), coalesce(r.time, 0), CAST(1 AS BIGINT) FROM sources s \
         LEFT JOIN revisions r ON r.id = \
           (SELECT max(id) FROM revisions WHERE record_kind = 'source' AND record_id = s.id) \
         WHERE s.published = 0 \
         UNION ALL \
         SELECT 'finding', f.source_id || '~' || f.site_id, coalesce(r.actor, ''), coalesce(r.time, 0), CAST(1 AS BIGINT) \
         FROM findings f LEFT JOIN revisions r ON r.id = \
           (SELECT max(id) FROM revisions WHERE record_kind = 'finding' AND record_id = f.source_id || '~' || f.site_id) \
         WHERE f.published = 0 \
         ORDER BY time, kind, id",
    )
    .fetch_all(pool)
    .await?;
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
