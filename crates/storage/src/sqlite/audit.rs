//! Appending to the audit log and signing checkpoints, inside the transaction
//! of the action they record: an action and its entry commit together or not at all.

use super::now;
use crate::secrets::ORIGIN;
use crate::{AuditEvent, StoreError};
use inferno_audit::{Checkpoint, Entry, Frontier, SignedCheckpoint, SigningKey, hex, unhex};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};

/// Appends `event` and signs a checkpoint of the tree it ends; returns its number.
///
/// The root comes from the stored [`Frontier`], so an append reads one row of
/// at most 2,056 bytes (64 hashes and the size), whatever the size of the log,
/// instead of every entry (security review F2). The frontier is updated in the same transaction as the
/// entry and its checkpoint, so the three commit together or not at all.
pub async fn append(tx: &mut Transaction<'_, Sqlite>, key: &SigningKey, event: &AuditEvent) -> Result<u64, StoreError> {
    let last: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM audit_entries").fetch_one(&mut **tx).await?;
    let seq = last.unwrap_or(0) as u64 + 1;
    let mut frontier = frontier_before(tx, seq - 1).await?;
    let entry = Entry {
        seq,
        time: now(),
        actor: event.actor().to_owned(),
        action: event.action().to_owned(),
        target: event.target().to_owned(),
        detail: event.detail().to_owned(),
    };
    let leaf = entry.leaf_hash();
    sqlx::query(
        "INSERT INTO audit_entries (seq, time, actor, action, target, detail, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(seq as i64)
    .bind(entry.time)
    .bind(&entry.actor)
    .bind(&entry.action)
    .bind(&entry.target)
    .bind(&entry.detail)
    .bind(hex(&leaf))
    .execute(&mut **tx)
    .await?;
    frontier.push(leaf);
    let signed = Checkpoint { origin: ORIGIN.into(), size: seq, root: frontier.root(), time: entry.time }.sign(key);
    sqlx::query("INSERT INTO audit_checkpoints (size, origin, root, time, signature) VALUES (?, ?, ?, ?, ?)")
        .bind(seq as i64)
        .bind(&signed.checkpoint.origin)
        .bind(hex(&signed.checkpoint.root))
        .bind(signed.checkpoint.time)
        .bind(hex(&signed.signature))
        .execute(&mut **tx)
        .await?;
    store_frontier(&mut **tx, &frontier).await?;
    Ok(seq)
}

/// Writes the frontier's one row (`audit_frontier`, migration 0006).
async fn store_frontier<'e>(
    db: impl sqlx::Executor<'e, Database = Sqlite>,
    frontier: &Frontier,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_frontier (id, size, frontier) VALUES (1, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier",
    )
    .bind(frontier.size() as i64)
    .bind(frontier.to_bytes())
    .execute(db)
    .await?;
    Ok(())
}

/// The frontier of the log as it stands, whose last entry is `last`: the
/// stored one if it covers exactly that, else rebuilt once from the entries.
///
/// Rebuilding is for a log written by a release before the frontier (no row
/// yet), and for a row that does not match the entries (lost, damaged, or
/// left behind by entries written without it). It reads the entries
/// themselves, not their stored leaf hashes, in storage order, as appends
/// before the frontier did, so such a log goes on exactly as it would have.
/// The frontier is never evidence: `inferno audit verify` recomputes every
/// root from the entries, so a forged row only makes the next checkpoint fail
/// verification, which is what editing an entry does anyway.
async fn frontier_before(tx: &mut Transaction<'_, Sqlite>, last: u64) -> Result<Frontier, StoreError> {
    let row: Option<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT size, frontier FROM audit_frontier WHERE id = 1").fetch_optional(&mut **tx).await?;
    match row.map(|(size, bytes)| (size, Frontier::from_bytes(&bytes))) {
        Some((size, Ok(f))) if size as u64 == last && f.size() == last => return Ok(f),
        None if last == 0 => return Ok(Frontier::new()),
        None => tracing::info!(entries = last, "the audit log has no frontier yet: building it once from the entries"),
        Some((size, Ok(_))) => {
            tracing::warn!(frontier = size, entries = last, "the audit frontier does not match the log: rebuilding it")
        }
        Some((size, Err(e))) => {
            tracing::warn!(frontier = size, error = %e, "the stored audit frontier is malformed: rebuilding it")
        }
    }
    let frontier = rebuild_frontier(tx).await?;
    // A rebuilt frontier signs whatever the entries are now. If they no longer
    // match what was signed at that size, say so (verification names the entry).
    let signed: Option<String> = sqlx::query_scalar("SELECT root FROM audit_checkpoints WHERE size = ?")
        .bind(frontier.size() as i64)
        .fetch_optional(&mut **tx)
        .await?;
    if signed.is_some_and(|root| root != hex(&frontier.root())) {
        tracing::warn!(
            size = frontier.size(),
            "the audit entries do not match their signed checkpoint; run `inferno audit verify`"
        );
    }
    Ok(frontier)
}

/// The frontier of every stored entry, read a page at a time so that a large
/// log is not held in memory at once.
async fn rebuild_frontier(db: &mut sqlx::SqliteConnection) -> Result<Frontier, StoreError> {
    const PAGE: i64 = 10_000;
    let mut frontier = Frontier::new();
    let mut after = i64::MIN;
    loop {
        let rows = sqlx::query("SELECT rowid AS position, * FROM audit_entries WHERE rowid > ? ORDER BY rowid LIMIT ?")
            .bind(after)
            .bind(PAGE)
            .fetch_all(&mut *db)
            .await?;
        for row in &rows {
            frontier.push(entry_from(row)?.leaf_hash());
        }
        match rows.last() {
            Some(row) if rows.len() as i64 == PAGE => after = row.try_get("position")?,
            _ => return Ok(frontier),
        }
    }
}

fn entry_from(row: &SqliteRow) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        seq: row.try_get::<i64, _>("seq")? as u64,
        time: row.try_get("time")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        target: row.try_get("target")?,
        detail: row.try_get("detail")?,
    })
}

/// Every entry in storage order (the rowid, which is how rows sit in the file).
pub async fn read_entries<'e>(db: impl sqlx::Executor<'e, Database = Sqlite>) -> Result<Vec<Entry>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_entries ORDER BY rowid").fetch_all(db).await?;
    Ok(rows.iter().map(entry_from).collect::<Result<_, _>>()?)
}

/// Entries numbered `first` to `last`, both included, by their numbers.
pub async fn read_range(pool: &SqlitePool, first: u64, last: u64) -> Result<Vec<Entry>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_entries WHERE seq BETWEEN ? AND ? ORDER BY seq")
        .bind(first as i64)
        .bind(last as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(entry_from).collect::<Result<_, _>>()?)
}

pub async fn read_latest_checkpoint(pool: &SqlitePool) -> Result<Option<SignedCheckpoint>, StoreError> {
    let row = sqlx::query("SELECT * FROM audit_checkpoints ORDER BY size DESC LIMIT 1").fetch_optional(pool).await?;
    row.as_ref().map(checkpoint_from).transpose()
}

fn checkpoint_from(row: &SqliteRow) -> Result<SignedCheckpoint, StoreError> {
    let size: i64 = row.try_get("size")?;
    let bad = |what: &str| StoreError::Corrupt {
        what: format!("audit checkpoint {size}"),
        reason: format!("{what} is not valid hex"),
    };
    Ok(SignedCheckpoint {
        checkpoint: Checkpoint {
            origin: row.try_get("origin")?,
            size: size as u64,
            root: unhex(&row.try_get::<String, _>("root")?).ok_or_else(|| bad("root"))?,
            time: row.try_get("time")?,
        },
        signature: unhex(&row.try_get::<String, _>("signature")?).ok_or_else(|| bad("signature"))?,
    })
}

pub async fn read_checkpoints(pool: &SqlitePool) -> Result<Vec<SignedCheckpoint>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_checkpoints ORDER BY size").fetch_all(pool).await?;
    rows.iter().map(checkpoint_from).collect()
}
