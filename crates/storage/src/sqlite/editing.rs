//! Records edited in the back office: drafts, revisions, publishing, and the
//! public corrections they leave. One code path for every kind of record: a
//! record is handled as its (column, value) fields, validated by the importer.

use super::now;
use super::{audit, load, write};
use crate::{AuditEvent, ImportError, Revision, StoreError};
use inferno_audit::SigningKey;
use inferno_domain::PartialDate;
use inferno_domain::import::{Batch, Kind, Row, key_of, record_fields};
use sqlx::{Row as _, Sqlite, SqlitePool, Transaction};

type Tx<'a> = Transaction<'a, Sqlite>;

/// The singular name of a kind in revisions, the audit log and corrections.
pub fn record_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Sites => "site",
        Kind::Sources => "source",
        Kind::Findings => "finding",
        Kind::Testimonies => "testimony",
        Kind::News => "news",
        Kind::Faq => "faq",
        Kind::Pages => "page",
    }
}

/// The table of a kind whose records can be drafts and be withdrawn.
fn publishable_table(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Sites => Some("sites"),
        Kind::Testimonies => Some("testimonies"),
        Kind::News => Some("news"),
        Kind::Faq => Some("faq"),
        Kind::Pages => Some("pages"),
        Kind::Sources | Kind::Findings => None,
    }
}

fn rows<T>(list: Vec<(T, bool)>) -> (Vec<Row<T>>, Vec<bool>) {
    list.into_iter().map(|(record, p)| (Row { line: 0, record }, p)).unzip()
}

/// Every record of a kind, drafts included, with whether each is published
/// (sources and findings are public with the sites they concern).
pub async fn records(tx: &mut Tx<'_>, kind: Kind) -> Result<(Batch, Vec<bool>), StoreError> {
    Ok(match kind {
        Kind::Sites => {
            let (r, p) = rows(load::sites(tx, false).await?);
            (Batch::Sites(r), p)
        }
        Kind::Sources => {
            let (r, p) = rows(load::sources(tx).await?.into_iter().map(|s| (s, true)).collect());
            (Batch::Sources(r), p)
        }
        Kind::Findings => {
            let (r, p) = rows(load::findings(tx).await?.into_iter().map(|f| (f, true)).collect());
            (Batch::Findings(r), p)
        }
        Kind::Testimonies => {
            let (r, p) = rows(load::testimonies(tx, false).await?);
            (Batch::Testimonies(r), p)
        }
        Kind::News => {
            let (r, p) = rows(load::news(tx, false).await?);
            (Batch::News(r), p)
        }
        Kind::Faq => {
            let (r, p) = rows(load::faq(tx, false).await?);
            (Batch::Faq(r), p)
        }
        Kind::Pages => {
            let (r, p) = rows(load::pages(tx, false).await?);
            (Batch::Pages(r), p)
        }
    })
}

/// A record's fields as a JSON object: what revisions keep.
fn snapshot(batch: &Batch, index: usize) -> serde_json::Value {
    let fields = record_fields(batch, index).unwrap_or_default();
    serde_json::Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), serde_json::Value::String(v))).collect())
}

/// The fields whose values differ between two versions of a record.
pub fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (before.as_object(), after.as_object()) else { return vec![] };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).filter(|k| *k != "updated_on").collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

/// Finds the stored record with `key`: its snapshot and whether it is published.
async fn find(tx: &mut Tx<'_>, kind: Kind, key: &str) -> Result<Option<(serde_json::Value, bool)>, StoreError> {
    let (batch, published) = records(tx, kind).await?;
    Ok((0..batch.len())
        .find(|&i| key_of(&batch, i).as_deref() == Some(key))
        .map(|i| (snapshot(&batch, i), published[i])))
}

#[allow(clippy::too_many_arguments)]
async fn revision(
    tx: &mut Tx<'_>,
    key: &SigningKey,
    kind: Kind,
    id: &str,
    snapshot: &serde_json::Value,
    actor: &str,
    action: &str,
    published: bool,
    public_note: Option<&str>,
    detail: String,
) -> Result<(), StoreError> {
    let name = record_kind(kind);
    sqlx::query(
        "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published, public_note) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(name)
    .bind(id)
    .bind(actor)
    .bind(now())
    .bind(action)
    .bind(snapshot.to_string())
    .bind(i64::from(published))
    .bind(public_note.filter(|n| !n.trim().is_empty()))
    .execute(&mut **tx)
    .await?;
    audit::append(tx, key, &AuditEvent::new(actor, &format!("{name}_{action}"), &format!("{name}/{id}"), detail))
        .await?;
    write::bump_content_version(tx).await
}

/// Creates (`create`) or changes the one record in `batch`; `action` names it in
/// the history (`create`, `update`, `revert`). New records of publishable kinds
/// are drafts. Returns false when nothing changed. Records it names that do
/// not exist come back as problems, as from an import.
pub async fn save(
    pool: &SqlitePool,
    key: &SigningKey,
    batch: &Batch,
    create: bool,
    action: &str,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, ImportError> {
    let kind = batch.kind();
    let Some(id) = key_of(batch, 0) else { return Ok(false) };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let before = find(&mut tx, kind, &id).await?;
    let published = match (&before, create) {
        (Some(_), true) => {
            return Err(
                StoreError::Conflict(format!("a {} with the id \"{id}\" already exists", record_kind(kind))).into()
            );
        }
        (None, false) => return Err(StoreError::Conflict(format!("there is no {} \"{id}\"", record_kind(kind))).into()),
        (Some((_, published)), false) => *published,
        (None, true) => publishable_table(kind).is_none(),
    };
    let after = snapshot(batch, 0);
    let fields = before.as_ref().map(|(b, _)| changed_fields(b, &after)).unwrap_or_default();
    if !create && fields.is_empty() {
        return Ok(false);
    }
    // A record that came from an import has no revision yet: keep the version
    // it had before its first edit, so that the edit shows as a change and can
    // be undone.
    if let Some((snapshot, published)) = &before {
        let has_history: Option<i64> =
            sqlx::query_scalar("SELECT id FROM revisions WHERE record_kind = ? AND record_id = ? LIMIT 1")
                .bind(record_kind(kind))
                .bind(&id)
                .fetch_optional(&mut *tx)
                .await?;
        if has_history.is_none() {
            sqlx::query(
                "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published) \
                 VALUES (?, ?, 'import', ?, 'import', ?, ?)",
            )
            .bind(record_kind(kind))
            .bind(&id)
            .bind(now())
            .bind(snapshot.to_string())
            .bind(i64::from(*published))
            .execute(&mut *tx)
            .await?;
        }
    }
    write::import(&mut tx, batch, &PartialDate::today().to_string()).await?;
    if let (true, Some(table)) = (create, publishable_table(kind)) {
        let sql = match table {
            "sites" => "UPDATE sites SET published = 0 WHERE id = ?",
            "testimonies" => "UPDATE testimonies SET published = 0 WHERE id = ?",
            "faq" => "UPDATE faq SET published = 0 WHERE id = ?",
            "pages" => "UPDATE pages SET published = 0 WHERE id = ?",
            _ => "UPDATE news SET published = 0 WHERE id = ?",
        };
        sqlx::query(sql).bind(&id).execute(&mut *tx).await?;
    }
    let detail = if create { "draft".to_owned() } else { format!("changed: {}", fields.join(", ")) };
    // Readers are told of changes to what they can see, not to drafts.
    let note = if published && !create { public_note } else { None };
    revision(&mut tx, key, kind, &id, &after, actor, action, published, note, detail).await?;
    tx.commit().await?;
    Ok(true)
}

/// Publishes or withdraws a record of a publishable kind. Returns false when
/// there is no such record, the kind cannot be withdrawn, or nothing changes.
pub async fn set_published(
    pool: &SqlitePool,
    key: &SigningKey,
    kind: Kind,
    id: &str,
    published: bool,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let Some(table) = publishable_table(kind) else { return Ok(false) };
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let Some((snapshot, was)) = find(&mut tx, kind, id).await? else { return Ok(false) };
    if was == published {
        return Ok(false);
    }
    let sql = match table {
        "sites" => "UPDATE sites SET published = ? WHERE id = ?",
        "testimonies" => "UPDATE testimonies SET published = ? WHERE id = ?",
        "faq" => "UPDATE faq SET published = ? WHERE id = ?",
        "pages" => "UPDATE pages SET published = ? WHERE id = ?",
        _ => "UPDATE news SET published = ? WHERE id = ?",
    };
    sqlx::query(sql).bind(i64::from(published)).bind(id).execute(&mut *tx).await?;
    let (action, note) = if published { ("publish", None) } else { ("unpublish", public_note) };
    revision(&mut tx, key, kind, id, &snapshot, actor, action, published, note, String::new()).await?;
    tx.commit().await?;
    Ok(true)
}

fn revision_from(r: &sqlx::sqlite::SqliteRow) -> Result<Revision, StoreError> {
    Ok(Revision {
        id: r.try_get("id")?,
        actor: r.try_get("actor")?,
        time: r.try_get("time")?,
        action: r.try_get("action")?,
        published: r.try_get::<i64, _>("published")? == 1,
        public_note: r.try_get("public_note")?,
        snapshot: serde_json::from_str(&r.try_get::<String, _>("snapshot")?).unwrap_or_default(),
    })
}

pub async fn recent(pool: &SqlitePool, limit: usize) -> Result<Vec<(String, String, Revision)>, StoreError> {
    let rows =
        sqlx::query("SELECT * FROM revisions ORDER BY id DESC LIMIT ?").bind(limit as i64).fetch_all(pool).await?;
    rows.iter().map(|r| Ok((r.try_get("record_kind")?, r.try_get("record_id")?, revision_from(r)?))).collect()
}

pub async fn revisions(pool: &SqlitePool, kind: &str, id: &str) -> Result<Vec<Revision>, StoreError> {
    let rows = sqlx::query("SELECT * FROM revisions WHERE record_kind = ? AND record_id = ? ORDER BY id")
        .bind(kind)
        .bind(id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(revision_from).collect()
}
