//! Appending to the audit log and signing checkpoints, inside the transaction
//! of the action they record: an action and its entry commit together or not at all.

use super::now;
use crate::{AuditEvent, StoreError};
use inferno_audit::{Checkpoint, Entry, Hash, SignedCheckpoint, SigningKey, hex, merkle, unhex};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, Sqlite, SqlitePool, Transaction};
use std::io::Write;
use std::path::Path;

/// Names this log inside every signed checkpoint.
pub const ORIGIN: &str = "inferno/audit-log";

/// The signing key's file in the data directory. It is not in the database,
/// so a copy of the database alone cannot be re-signed after an edit.
pub const KEY_FILE: &str = "audit-signing.key";

/// Loads the audit signing key, creating it on first use (mode 0600).
pub fn load_or_create_key(data_dir: &Path) -> Result<SigningKey, StoreError> {
    load_or_create_secret(data_dir, KEY_FILE).map(|b| SigningKey::from_bytes(&b))
}

/// A 32-byte secret kept in `data_dir/name` (hex, mode 0600), made on first use.
pub fn load_or_create_secret(data_dir: &Path, name: &str) -> Result<[u8; 32], StoreError> {
    let path = data_dir.join(name);
    let io = |source| StoreError::DataDir { path: path.display().to_string(), source };
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex::<32>(text.trim()).ok_or_else(|| StoreError::Corrupt {
            what: path.display().to_string(),
            reason: "not a 32-byte hex key".into(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed).map_err(|e| io(std::io::Error::other(e.to_string())))?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&path).map_err(io)?;
            file.write_all(format!("{}\n", hex(&seed)).as_bytes()).map_err(io)?;
            file.sync_all().map_err(io)?;
            Ok(seed)
        }
        Err(e) => Err(io(e)),
    }
}

/// Appends `event` and signs a checkpoint of the tree it ends; returns its number.
pub async fn append(tx: &mut Transaction<'_, Sqlite>, key: &SigningKey, event: &AuditEvent) -> Result<u64, StoreError> {
    let last: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM audit_entries").fetch_one(&mut **tx).await?;
    let seq = last.unwrap_or(0) as u64 + 1;
    let entry = Entry {
        seq,
        time: now(),
        actor: event.actor.clone(),
        action: event.action.clone(),
        target: event.target.clone(),
        detail: event.detail.clone(),
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
    // The root is computed from the entries themselves, not from stored hashes.
    let leaves: Vec<Hash> = read_entries(&mut **tx).await?.iter().map(Entry::leaf_hash).collect();
    let signed =
        Checkpoint { origin: ORIGIN.into(), size: seq, root: merkle::root(&leaves), time: entry.time }.sign(key);
    sqlx::query("INSERT INTO audit_checkpoints (size, origin, root, time, signature) VALUES (?, ?, ?, ?, ?)")
        .bind(seq as i64)
        .bind(&signed.checkpoint.origin)
        .bind(hex(&signed.checkpoint.root))
        .bind(signed.checkpoint.time)
        .bind(hex(&signed.signature))
        .execute(&mut **tx)
        .await?;
    Ok(seq)
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

pub async fn read_checkpoints(pool: &SqlitePool) -> Result<Vec<SignedCheckpoint>, StoreError> {
    let rows = sqlx::query("SELECT * FROM audit_checkpoints ORDER BY size").fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
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
        })
        .collect()
}
