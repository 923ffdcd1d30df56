//! Records edited in the back office: drafts, revisions, publishing, and the
//! public corrections they leave.

use super::{audit, load, write};
use crate::{AuditEvent, Revision, StoreError};
use inferno_audit::SigningKey;
use inferno_domain::import::Row;
use inferno_domain::{PartialDate, Site};
use sqlx::{Row as _, Sqlite, SqlitePool, Transaction};

type Tx<'a> = Transaction<'a, Sqlite>;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A site as stored, with whether it is published.
pub async fn site(tx: &mut Tx<'_>, id: &str) -> Result<Option<(Site, bool)>, StoreError> {
    Ok(load::sites(tx, false)
        .await?
        .into_iter()
        .find(|(s, _)| s.id.as_str() == id))
}

/// The fields whose values differ between two versions of a record.
pub fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    let (Some(a), Some(b)) = (before.as_object(), after.as_object()) else {
        return vec![];
    };
    let mut keys: Vec<&String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| *k != "updated_on")
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

fn snapshot(site: &Site) -> serde_json::Value {
    let mut s = site.clone();
    s.updated_on = None;
    serde_json::to_value(&s).unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
async fn revision(
    tx: &mut Tx<'_>,
    key: &SigningKey,
    site: &Site,
    actor: &str,
    action: &str,
    published: bool,
    public_note: Option<&str>,
    detail: String,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO revisions (record_kind, record_id, actor, time, action, snapshot, published, public_note) \
         VALUES ('site', ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(site.id.as_str())
    .bind(actor)
    .bind(now())
    .bind(action)
    .bind(snapshot(site).to_string())
    .bind(i64::from(published))
    .bind(public_note.filter(|n| !n.trim().is_empty()))
    .execute(&mut **tx)
    .await?;
    audit::append(
        tx,
        key,
        &AuditEvent::new(
            actor,
            &format!("site_{action}"),
            &format!("site/{}", site.id),
            detail,
        ),
    )
    .await?;
    write::bump_content_version(tx).await
}

/// Creates (`create`) or changes a site; `action` names it in the history
/// (`create`, `update`, `revert`). A new site is a draft until published.
/// Returns false when nothing changed.
pub async fn save_site(
    pool: &SqlitePool,
    key: &SigningKey,
    site: &Site,
    create: bool,
    action: &str,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let before = self::site(&mut tx, site.id.as_str()).await?;
    let published = match (&before, create) {
        (Some(_), true) => {
            return Err(StoreError::Conflict(format!(
                "a site with the id \"{}\" already exists",
                site.id
            )));
        }
        (None, false) => {
            return Err(StoreError::Conflict(format!(
                "there is no site \"{}\"",
                site.id
            )));
        }
        (Some((_, published)), false) => *published,
        (None, true) => false,
    };
    let fields = before
        .as_ref()
        .map(|(b, _)| changed_fields(&snapshot(b), &snapshot(site)))
        .unwrap_or_default();
    if !create && fields.is_empty() {
        return Ok(false);
    }
    let today = PartialDate::today().to_string();
    write::sites(
        &mut tx,
        &[Row {
            line: 0,
            record: site.clone(),
        }],
        &today,
    )
    .await?;
    if create {
        sqlx::query("UPDATE sites SET published = 0 WHERE id = ?")
            .bind(site.id.as_str())
            .execute(&mut *tx)
            .await?;
    }
    let detail = if create {
        "draft".to_owned()
    } else {
        format!("changed: {}", fields.join(", "))
    };
    // Readers are told of changes to what they can see, not to drafts.
    let note = if published { public_note } else { None };
    revision(&mut tx, key, site, actor, action, published, note, detail).await?;
    tx.commit().await?;
    Ok(true)
}

/// Publishes or withdraws a site. Returns false when there is no such site or
/// it already is in that state.
pub async fn set_site_published(
    pool: &SqlitePool,
    key: &SigningKey,
    id: &str,
    published: bool,
    actor: &str,
    public_note: Option<&str>,
) -> Result<bool, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let Some((site, was)) = self::site(&mut tx, id).await? else {
        return Ok(false);
    };
    if was == published {
        return Ok(false);
    }
    sqlx::query("UPDATE sites SET published = ? WHERE id = ?")
        .bind(i64::from(published))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let (action, note) = if published {
        ("publish", None)
    } else {
        ("unpublish", public_note)
    };
    revision(
        &mut tx,
        key,
        &site,
        actor,
        action,
        published,
        note,
        String::new(),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn revisions(
    pool: &SqlitePool,
    kind: &str,
    id: &str,
) -> Result<Vec<Revision>, StoreError> {
    let rows =
        sqlx::query("SELECT * FROM revisions WHERE record_kind = ? AND record_id = ? ORDER BY id")
            .bind(kind)
            .bind(id)
            .fetch_all(pool)
            .await?;
    rows.iter()
        .map(|r| {
            Ok(Revision {
                id: r.try_get("id")?,
                actor: r.try_get("actor")?,
                time: r.try_get("time")?,
                action: r.try_get("action")?,
                published: r.try_get::<i64, _>("published")? == 1,
                public_note: r.try_get("public_note")?,
                snapshot: serde_json::from_str(&r.try_get::<String, _>("snapshot")?)
                    .unwrap_or_default(),
            })
        })
        .collect()
}
