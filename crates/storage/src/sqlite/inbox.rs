//! The inbox's rows: what sources send, kept on the intake node in the blob
//! store's database (`vault.sqlite3`) until the day's seal moves it into the
//! shared database. Its tables are the database's intake tables (the same
//! statements write and read them, `sql/intake.rs`) without their foreign
//! keys, since a follow-up may answer a submission sealed long ago, plus a
//! `batch` column: the seal that has taken the row, while it runs.
//!
//! The file is stamped after every write, as the blob chunks are (see
//! [`crate::BlobStore`]), so it shows only the latest write's time; SQLite
//! keeps no other (no commit times, no transaction ids), and `secure_delete`
//! overwrites what the seal deletes.

use super::sql::intake as rows;
use crate::StoreError;
use crate::intake::{
    FollowUp, IntakeFile, IntakeMessage, Moved, NewIntakeFile, NewSubmission, SourceView, SubmissionRecord,
    SubmissionSummary,
};
use inferno_domain::intake::IntakeKind;
use sqlx::Row;
use sqlx::sqlite::SqlitePool;
use std::collections::{BTreeMap, HashSet};

/// The inbox's tables, declared here once (created if missing at open).
const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS intake_submissions (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, received_on TEXT NOT NULL,
        receipt_lookup TEXT NOT NULL UNIQUE, public_key TEXT NOT NULL, source_key TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new', status_on TEXT NOT NULL, assignee INTEGER,
        answers BLOB NOT NULL, batch TEXT
    ) STRICT",
    "CREATE TABLE IF NOT EXISTS intake_keys (
        submission_id TEXT NOT NULL, user_id INTEGER NOT NULL, sealed BLOB NOT NULL, batch TEXT,
        PRIMARY KEY (submission_id, user_id)
    ) STRICT",
    "CREATE TABLE IF NOT EXISTS intake_files (
        id TEXT PRIMARY KEY, submission_id TEXT NOT NULL, seq INTEGER NOT NULL, blob TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL, derived_from TEXT, meta BLOB NOT NULL, batch TEXT,
        UNIQUE (submission_id, seq)
    ) STRICT",
    "CREATE TABLE IF NOT EXISTS intake_messages (
        id INTEGER PRIMARY KEY, submission_id TEXT NOT NULL, author TEXT NOT NULL, staff_name TEXT,
        sent_on TEXT NOT NULL, body BLOB NOT NULL, batch TEXT
    ) STRICT",
    "CREATE TABLE IF NOT EXISTS intake_links (
        submission_id TEXT NOT NULL, record_kind TEXT NOT NULL, record_id TEXT NOT NULL,
        PRIMARY KEY (submission_id, record_kind, record_id)
    ) STRICT",
    // Each move under way: the day's seal (with the pack it writes) or one
    // submission's rows moved early, for a staff change (no pack). Kept
    // until the move has emptied the inbox of its rows, so that a move cut
    // off is finished, never done twice (the database records its batch).
    "CREATE TABLE IF NOT EXISTS inbox_moves (batch TEXT PRIMARY KEY, pack TEXT) STRICT",
    "CREATE TABLE IF NOT EXISTS inbox_move_blobs (batch TEXT NOT NULL, blob TEXT NOT NULL, PRIMARY KEY (batch, blob))
     STRICT, WITHOUT ROWID",
];

/// Creates the inbox's tables where they are missing.
pub(crate) async fn create_tables(pool: &SqlitePool) -> Result<(), StoreError> {
    for table in SCHEMA {
        sqlx::query(*table).execute(pool).await?;
    }
    Ok(())
}

/// The inbox tables a batch marks, each with the column naming the submission its rows belong to.
const MARKED: [(&str, &str); 4] = [
    ("intake_submissions", "id"),
    ("intake_keys", "submission_id"),
    ("intake_files", "submission_id"),
    ("intake_messages", "submission_id"),
];

/// A move's share of the inbox: its batch id, the pack's name (the day's
/// seal) and the blobs to pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxBatch {
    pub batch: String,
    pub pack: Option<String>,
    pub blobs: Vec<String>,
}

/// Stores a submission; durable (fsynced) when this returns.
pub(crate) async fn create(pool: &SqlitePool, s: &NewSubmission) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let stored = rows::create(&mut tx, s).await;
    end(tx, stored).await
}

/// Stores a follow-up to a submission in the inbox or the database;
/// durable when this returns.
pub(crate) async fn follow_up(pool: &SqlitePool, f: &FollowUp) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let stored = async {
        if let Some(body) = &f.body {
            rows::insert_message(&mut tx, &f.submission_id, crate::MessageAuthor::Source, None, &f.on, body).await?;
        }
        for file in &f.files {
            rows::insert_file(&mut tx, &f.submission_id, file).await?;
        }
        Ok(())
    }
    .await;
    end(tx, stored).await
}

/// Commits `tx` if what it stored went well, else rolls it back now: a
/// transaction dropped would roll back only when its connection is next
/// used, holding the inbox's write lock until then, and a writer that read
/// first cannot wait for it (SQLite answers it "busy" at once).
async fn end(tx: sqlx::Transaction<'_, sqlx::Sqlite>, stored: Result<(), StoreError>) -> Result<(), StoreError> {
    match stored {
        Ok(()) => tx.commit().await.map_err(StoreError::from),
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

pub(crate) async fn exists(pool: &SqlitePool, id: &str) -> Result<bool, StoreError> {
    rows::exists(pool, id).await
}

pub(crate) async fn by_receipt(pool: &SqlitePool, lookup: &str) -> Result<Option<SourceView>, StoreError> {
    rows::by_receipt(pool, lookup).await
}

/// How many of the source's files for submission `id` wait here.
pub(crate) async fn files_of(pool: &SqlitePool, id: &str) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM intake_files WHERE submission_id = ? AND origin = 'source'")
        .bind(id)
        .fetch_one(pool)
        .await?)
}

/// The queue's line of a submission waiting here, followed by `$tail`
/// (the order, or which one). Its assignee is always none: assigning it
/// moves it into the database.
macro_rules! inbox_summary_sql {
    ($tail:literal) => {
        concat!(
            "SELECT s.id, s.kind, s.received_on, s.status, s.status_on, NULL AS assignee,
               (SELECT count(*) FROM intake_files f WHERE f.submission_id = s.id AND f.origin = 'source') AS files,
               (SELECT count(*) FROM intake_messages m WHERE m.submission_id = s.id AND m.author = 'source') AS follow_ups,
               (SELECT max(sent_on) FROM intake_messages m WHERE m.submission_id = s.id) AS last_message_on
             FROM intake_submissions s ",
            $tail
        )
    };
}

/// The queue's lines for the submissions that wait here.
pub(crate) async fn summaries(pool: &SqlitePool) -> Result<Vec<SubmissionSummary>, StoreError> {
    sqlx::query(inbox_summary_sql!("ORDER BY s.received_on DESC, s.id"))
        .fetch_all(pool)
        .await?
        .iter()
        .map(rows::summary)
        .collect()
}

/// One submission that waits here, for a reader.
pub(crate) async fn one(pool: &SqlitePool, id: &str, user_id: i64) -> Result<Option<SubmissionRecord>, StoreError> {
    let Some(row) = sqlx::query(inbox_summary_sql!("WHERE s.id = ?")).bind(id).fetch_optional(pool).await? else {
        return Ok(None);
    };
    rows::details(pool, rows::summary(&row)?, user_id).await.map(Some)
}

/// What waits here for a submission stored in the database: the source's
/// later files and messages.
pub(crate) async fn pending(pool: &SqlitePool, id: &str) -> Result<(Vec<IntakeFile>, Vec<IntakeMessage>), StoreError> {
    rows::thread(pool, id).await
}

/// For each submission with follow-ups waiting here: how many files and
/// messages from the source, and the day of the latest message.
pub(crate) async fn pending_counts(
    pool: &SqlitePool,
) -> Result<BTreeMap<String, (i64, i64, Option<String>)>, StoreError> {
    let mut out: BTreeMap<String, (i64, i64, Option<String>)> = BTreeMap::new();
    for r in sqlx::query(
        "SELECT submission_id, count(*) AS n FROM intake_files WHERE origin = 'source' GROUP BY submission_id",
    )
    .fetch_all(pool)
    .await?
    {
        out.entry(r.try_get("submission_id")?).or_default().0 = r.try_get("n")?;
    }
    for r in sqlx::query(
        "SELECT submission_id, count(*) AS n, max(sent_on) AS last FROM intake_messages GROUP BY submission_id",
    )
    .fetch_all(pool)
    .await?
    {
        let e = out.entry(r.try_get("submission_id")?).or_default();
        e.1 = r.try_get("n")?;
        e.2 = r.try_get("last")?;
    }
    Ok(out)
}

/// Submission keys sealed to `user_id` here that another reader (of
/// `readers`) lacks.
pub(crate) async fn keys_to_share(
    pool: &SqlitePool,
    user_id: i64,
    readers: &[crate::intake::Reader],
) -> Result<Vec<crate::intake::KeyToShare>, StoreError> {
    let mine = sqlx::query("SELECT submission_id, sealed FROM intake_keys WHERE user_id = ? ORDER BY submission_id")
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    // Who holds which key, read once.
    let held: HashSet<(String, i64)> =
        sqlx::query_as("SELECT submission_id, user_id FROM intake_keys").fetch_all(pool).await?.into_iter().collect();
    let mut out = Vec::new();
    for r in &mine {
        let id: String = r.try_get("submission_id")?;
        for to in readers.iter().filter(|to| to.user_id != user_id && !held.contains(&(id.clone(), to.user_id))) {
            out.push(crate::intake::KeyToShare {
                submission_id: id.clone(),
                sealed_for_me: r.try_get("sealed")?,
                to: to.clone(),
            });
        }
    }
    Ok(out)
}

pub(crate) async fn blob_names(pool: &SqlitePool) -> Result<HashSet<String>, StoreError> {
    rows::blob_names(pool).await
}

pub(crate) async fn any(pool: &SqlitePool) -> Result<bool, StoreError> {
    rows::any(pool).await
}

/// Marks the rows of submission `id` that no move has taken with a new
/// batch (`batch`), for a move of its own, and gives that batch; or gives
/// the batch of an earlier such move that was cut off, to finish it.
/// `None` when nothing of it waits here; [`StoreError::SealUnderWay`] while
/// the day's seal has taken its rows.
pub(crate) async fn take_one(pool: &SqlitePool, id: &str, batch: &str) -> Result<Option<String>, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut earlier: Option<(String, Option<String>)> = None;
    for (table, column) in MARKED {
        let sql = format!(
            "SELECT m.batch, m.pack FROM {table} t JOIN inbox_moves m ON m.batch = t.batch WHERE t.{column} = ? LIMIT 1"
        );
        if let Some(found) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *tx).await? {
            earlier = Some(found);
            break;
        }
    }
    match earlier {
        Some((_, Some(_))) => return Err(StoreError::SealUnderWay),
        Some((batch, None)) => return Ok(Some(batch)),
        None => {}
    }
    let mut marked = 0;
    for (table, column) in MARKED {
        let sql = format!("UPDATE {table} SET batch = ? WHERE {column} = ? AND batch IS NULL");
        marked += sqlx::query(sqlx::AssertSqlSafe(sql)).bind(batch).bind(id).execute(&mut *tx).await?.rows_affected();
    }
    if marked == 0 {
        return Ok(None);
    }
    sqlx::query("INSERT INTO inbox_moves (batch, pack) VALUES (?, NULL)").bind(batch).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(batch.to_owned()))
}

/// Whether the day's seal has taken rows it has not yet stored (it runs,
/// or was cut off).
pub(crate) async fn seal_under_way(pool: &SqlitePool) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM inbox_moves WHERE pack IS NOT NULL").fetch_one(pool).await?;
    Ok(n > 0)
}

/// The moves of single submissions that were cut off, to finish.
pub(crate) async fn unfinished_moves(pool: &SqlitePool) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT batch FROM inbox_moves WHERE pack IS NULL ORDER BY batch").fetch_all(pool).await?)
}

/// The day's seal under way, or a new one: every row no move has taken is
/// marked with a new batch, and every blob that a row names (here, or in
/// the database: `named`) is listed for its pack. `None` when the inbox
/// holds nothing to seal.
pub(crate) async fn take_all(
    pool: &SqlitePool,
    named: &HashSet<String>,
    batch: &str,
    pack: &str,
) -> Result<Option<InboxBatch>, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let under_way: Option<(String, String)> =
        sqlx::query_as("SELECT batch, pack FROM inbox_moves WHERE pack IS NOT NULL").fetch_optional(&mut *tx).await?;
    let (batch, pack) = match under_way {
        Some(b) => b,
        None => {
            let mut marked = 0;
            for (table, column) in MARKED {
                // Not what answers a submission whose own move (for a staff
                // change) is not finished: the seal would find it nowhere.
                let sql = format!(
                    "UPDATE {table} SET batch = ? WHERE batch IS NULL AND {column} NOT IN
                       (SELECT id FROM intake_submissions WHERE batch IN (SELECT batch FROM inbox_moves WHERE pack IS NULL))"
                );
                marked += sqlx::query(sqlx::AssertSqlSafe(sql)).bind(batch).execute(&mut *tx).await?.rows_affected();
            }
            let chunked: Vec<String> =
                sqlx::query_scalar("SELECT DISTINCT blob FROM intake_blob_extents").fetch_all(&mut *tx).await?;
            let here: Vec<String> = sqlx::query_scalar("SELECT blob FROM intake_files").fetch_all(&mut *tx).await?;
            let here: HashSet<String> = here.into_iter().collect();
            let blobs: Vec<&String> = chunked.iter().filter(|b| here.contains(*b) || named.contains(*b)).collect();
            if marked == 0 && blobs.is_empty() {
                return Ok(None);
            }
            sqlx::query("INSERT INTO inbox_moves (batch, pack) VALUES (?, ?)")
                .bind(batch)
                .bind(pack)
                .execute(&mut *tx)
                .await?;
            for blob in blobs {
                sqlx::query("INSERT INTO inbox_move_blobs (batch, blob) VALUES (?, ?)")
                    .bind(batch)
                    .bind(blob)
                    .execute(&mut *tx)
                    .await?;
            }
            (batch.to_owned(), pack.to_owned())
        }
    };
    let blobs: Vec<String> = sqlx::query_scalar("SELECT blob FROM inbox_move_blobs WHERE batch = ? ORDER BY blob")
        .bind(&batch)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(InboxBatch { batch, pack: Some(pack), blobs }))
}

/// The rows a seal took, as rows to store in the database.
/// Submissions come with their files; the rest are follow-ups to
/// submissions stored in the database.
pub(crate) async fn batch_rows(pool: &SqlitePool, batch: &str) -> Result<Moved, StoreError> {
    let mut moved = Moved::default();
    let rows = |sql: &'static str| sqlx::query(sql).bind(batch).fetch_all(pool);
    let subs = rows(
        "SELECT id, kind, received_on, receipt_lookup, public_key, source_key, answers FROM intake_submissions WHERE batch = ? ORDER BY id",
    )
    .await?;
    let keys =
        rows("SELECT submission_id, user_id, sealed FROM intake_keys WHERE batch = ? ORDER BY submission_id, user_id")
            .await?;
    let files = rows(
        "SELECT id, submission_id, blob, origin, derived_from, meta FROM intake_files WHERE batch = ? ORDER BY submission_id, seq",
    )
    .await?;
    let messages = rows("SELECT submission_id, sent_on, body FROM intake_messages WHERE batch = ? ORDER BY id").await?;
    let mut file_rows: BTreeMap<String, Vec<NewIntakeFile>> = BTreeMap::new();
    for r in &files {
        let origin: String = r.try_get("origin")?;
        file_rows.entry(r.try_get("submission_id")?).or_default().push(NewIntakeFile {
            id: r.try_get("id")?,
            blob: r.try_get("blob")?,
            origin: if origin == "public_copy" { crate::FileOrigin::PublicCopy } else { crate::FileOrigin::Source },
            derived_from: r.try_get("derived_from")?,
            meta: r.try_get("meta")?,
        });
    }
    for r in &subs {
        let id: String = r.try_get("id")?;
        let kind: String = r.try_get("kind")?;
        let sealed = keys
            .iter()
            .filter(|k| k.try_get::<String, _>("submission_id").is_ok_and(|s| s == id))
            .map(|k| Ok((k.try_get("user_id")?, k.try_get("sealed")?)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        moved.submissions.push(NewSubmission {
            files: file_rows.remove(&id).unwrap_or_default(),
            kind: IntakeKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
                what: "inbox submission".into(),
                reason: format!("kind {kind}"),
            })?,
            received_on: r.try_get("received_on")?,
            receipt_lookup: r.try_get("receipt_lookup")?,
            public_key: r.try_get("public_key")?,
            source_key: r.try_get("source_key")?,
            answers: r.try_get("answers")?,
            sealed,
            id,
        });
    }
    for r in &messages {
        moved.follow_ups.push(FollowUp {
            submission_id: r.try_get("submission_id")?,
            body: Some(r.try_get("body")?),
            files: Vec::new(),
            on: r.try_get("sent_on")?,
        });
    }
    // Files sent after their submission was stored in the database.
    for (submission_id, files) in file_rows {
        let on = moved.follow_ups.iter().find(|f| f.submission_id == submission_id).map(|f| f.on.clone());
        moved.follow_ups.push(FollowUp { submission_id, body: None, files, on: on.unwrap_or_default() });
    }
    Ok(moved)
}

/// Empties the inbox of what a move stored: its rows and its packed
/// blobs' chunks, then the record of the move; after the day's seal,
/// compacts the file.
pub(crate) async fn forget_batch(
    pool: &SqlitePool,
    slab: &crate::blobs::Slab,
    batch: &InboxBatch,
) -> Result<(), StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    for (table, _) in MARKED {
        let sql = format!("DELETE FROM {table} WHERE batch = ?");
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&batch.batch).execute(&mut *tx).await?;
    }
    let mut freed = Vec::new();
    for blob in &batch.blobs {
        freed.extend(crate::blobs::forget(&mut tx, blob).await?);
    }
    sqlx::query("DELETE FROM inbox_move_blobs WHERE batch = ?").bind(&batch.batch).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM inbox_moves WHERE batch = ?").bind(&batch.batch).execute(&mut *tx).await?;
    tx.commit().await?;
    slab.free(&freed);
    if batch.pack.is_none() {
        return Ok(());
    }
    // Compacted, so that the file keeps no free pages of what left; the
    // deleted rows were overwritten already (secure_delete).
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await?;
    sqlx::query("VACUUM").execute(pool).await?;
    Ok(())
}
