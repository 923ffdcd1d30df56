//! The audit log's rows in SQLite: what [`crate::append`] reads and writes
//! inside the transaction of the action an entry records, and the reads of
//! the log.

use super::now;
use super::{Db, DbRow, Pool, Tx};
use crate::append::AuditRows;
use crate::{AuditEvent, AuditFilter, StoreError};
use async_trait::async_trait;
use inferno_audit::{Checkpoint, Entry, Frontier, SignedCheckpoint, SigningKey, unhex};
use sqlx::Row;

/// Appends `event` and signs a checkpoint of the tree it ends, in `tx`;
/// returns its number (see [`crate::append`]).
pub async fn append(tx: &mut Tx<'_>, key: &SigningKey, event: &AuditEvent) -> Result<u64, StoreError> {
    crate::append::append(&mut Rows(tx), key, event, now()).await
}

/// The audit rows of one SQLite transaction.
struct Rows<'t, 'c>(&'t mut Tx<'c>);

#[async_trait]
impl AuditRows for Rows<'_, '_> {
    async fn last_seq(&mut self) -> Result<u64, StoreError> {
        let last: Option<i64> =
            sqlx::query_scalar("SELECT max(seq) FROM audit_entries").fetch_one(&mut **self.0).await?;
        Ok(last.unwrap_or(0) as u64)
    }

    async fn stored_frontier(&mut self) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
        let row: Option<(i64, Vec<u8>)> = sqlx::query_as("SELECT size, frontier FROM audit_frontier WHERE id = 1")
            .fetch_optional(&mut **self.0)
            .await?;
        Ok(row.map(|(size, bytes)| (size as u64, bytes)))
    }

    async fn entry_page(&mut self, after: i64, limit: i64) -> Result<Vec<(i64, Entry)>, StoreError> {
        // Storage order is the order of the numbers (in SQLite, `seq` is the rowid).
        let rows = sqlx::query("SELECT seq AS position, * FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&mut **self.0)
            .await?;
        Ok(rows.iter().map(|r| Ok((r.try_get("position")?, entry_from(r)?))).collect::<Result<_, sqlx::Error>>()?)
    }

    async fn signed_root(&mut self, size: u64) -> Result<Option<[u8; 32]>, StoreError> {
        let root: Option<String> = sqlx::query_scalar("SELECT root FROM audit_checkpoints WHERE size = $1")
            .bind(size as i64)
            .fetch_optional(&mut **self.0)
            .await?;
        Ok(root.and_then(|r| unhex(&r)))
    }

    async fn insert(
        &mut self,
        entry: &Entry,
        leaf: &[u8; 32],
        signed: &SignedCheckpoint,
        frontier: &Frontier,
    ) -> Result<(), StoreError> {
        let tx = &mut *self.0;
        sqlx::query(
            "INSERT INTO audit_entries (seq, time, actor, action, target, detail, leaf_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(entry.seq as i64)
        .bind(entry.time)
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.target)
        .bind(&entry.detail)
        .bind(hex::encode(leaf))
        .execute(&mut **tx)
        .await?;
        sqlx::query("INSERT INTO audit_checkpoints (size, origin, root, time, signature) VALUES ($1, $2, $3, $4, $5)")
            .bind(signed.checkpoint.size as i64)
            .bind(&signed.checkpoint.origin)
            .bind(hex::encode(signed.checkpoint.root))
            .bind(signed.checkpoint.time)
            .bind(hex::encode(signed.signature))
            .execute(&mut **tx)
            .await?;
        // The frontier's one row (`audit_frontier`, migration 0006).
        sqlx::query(
            "INSERT INTO audit_frontier (id, size, frontier) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO UPDATE SET size = excluded.size, frontier = excluded.frontier",
        )
        .bind(frontier.size() as i64)
        .bind(frontier.to_bytes())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}

fn entry_from(row: &DbRow) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        seq: row.try_get::<i64, _>("seq")? as u64,
        time: row.try_get("time")?,
        actor: row.try_get("actor")?,
        action: row.try_get("action")?,
        target: row.try_get("target")?,
        detail: row.try_get("detail")?,
    })
}

/// Every entry in storage order (by number: in SQLite, `seq` is the rowid,
/// which is how rows sit in the file).
pub async fn read_entries<'e>(db: impl sqlx::Executor<'e, Database = Db>) -> Result<Vec<Entry>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_entries ORDER BY seq").fetch_all(db).await?;
    Ok(rows.iter().map(entry_from).collect::<Result<_, _>>()?)
}

/// Entries numbered `first` to `last`, both included, by their numbers.
pub async fn read_range(pool: &Pool, first: u64, last: u64) -> Result<Vec<Entry>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_entries WHERE seq BETWEEN $1 AND $2 ORDER BY seq")
        .bind(first as i64)
        .bind(last as i64)
        .fetch_all(pool)
        .await?;
    Ok(rows.iter().map(entry_from).collect::<Result<_, _>>()?)
}

/// The condition of [`search`]: each filter, when given, an exact match
/// (with the indexes of migration 0010/0011 behind it).
const MATCHES: &str = "($1 = '' OR actor = $1) AND ($2 = '' OR action = $2) AND ($3 = '' OR target = $3)";

pub async fn search(pool: &Pool, f: &AuditFilter, skip: u64, limit: u64) -> Result<(Vec<Entry>, u64), StoreError> {
    let count = format!("SELECT count(*) FROM audit_entries WHERE {MATCHES}");
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count))
        .bind(&f.actor)
        .bind(&f.action)
        .bind(&f.target)
        .fetch_one(pool)
        .await?;
    let page = format!("SELECT * FROM audit_entries WHERE {MATCHES} ORDER BY seq DESC LIMIT $4 OFFSET $5");
    let rows = sqlx::query(sqlx::AssertSqlSafe(page))
        .bind(&f.actor)
        .bind(&f.action)
        .bind(&f.target)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(skip).unwrap_or(i64::MAX))
        .fetch_all(pool)
        .await?;
    Ok((rows.iter().map(entry_from).collect::<Result<_, _>>()?, total as u64))
}

pub async fn read_latest_checkpoint(pool: &Pool) -> Result<Option<SignedCheckpoint>, StoreError> {
    let row = sqlx::query("SELECT * FROM audit_checkpoints ORDER BY size DESC LIMIT 1").fetch_optional(pool).await?;
    row.as_ref().map(checkpoint_from).transpose()
}

fn checkpoint_from(row: &DbRow) -> Result<SignedCheckpoint, StoreError> {
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

pub async fn read_checkpoints(pool: &Pool) -> Result<Vec<SignedCheckpoint>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_checkpoints ORDER BY size").fetch_all(pool).await?;
    rows.iter().map(checkpoint_from).collect()
}
