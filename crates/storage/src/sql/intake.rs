//! The intake vault's rows in SQLite.

use super::{DbRow, Pool, Tx};
use crate::StoreError;
use crate::intake::*;

use inferno_domain::intake::IntakeKind;
use inferno_domain::{IntakeStatus, Problem};
use sqlx::Row;

fn corrupt(what: &str, reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt { what: what.into(), reason: reason.into() }
}

fn origin(code: &str) -> Result<FileOrigin, StoreError> {
    match code {
        "source" => Ok(FileOrigin::Source),
        "public_copy" => Ok(FileOrigin::PublicCopy),
        other => Err(corrupt("intake file", format!("unknown origin {other}"))),
    }
}

pub async fn readers(pool: &Pool) -> Result<Vec<Reader>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, name, reader_public FROM users WHERE disabled = 0 AND reader_public IS NOT NULL ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Reader { user_id: r.try_get("id")?, name: r.try_get("name")?, public: r.try_get("reader_public")? })
        })
        .collect()
}

pub(crate) async fn insert_file(tx: &mut Tx<'_>, submission: &str, f: &NewIntakeFile) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO intake_files (id, submission_id, seq, blob, origin, derived_from, meta)
         VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM intake_files WHERE submission_id = $3), $4, $5, $6, $7)",
    )
    .bind(&f.id)
    .bind(submission)
    .bind(submission)
    .bind(&f.blob)
    .bind(f.origin.code())
    .bind(&f.derived_from)
    .bind(&f.meta)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn insert_message(
    tx: &mut Tx<'_>,
    submission: &str,
    author: MessageAuthor,
    staff: Option<&str>,
    on: &str,
    body: &[u8],
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO intake_messages (submission_id, author, staff_name, sent_on, body) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(submission)
    .bind(author.code())
    .bind(staff)
    .bind(on)
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn create(tx: &mut Tx<'_>, s: &NewSubmission) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO intake_submissions (id, kind, received_on, receipt_lookup, public_key, source_key, status_on, answers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&s.id)
    .bind(s.kind.code())
    .bind(&s.received_on)
    .bind(&s.receipt_lookup)
    .bind(&s.public_key)
    .bind(&s.source_key)
    .bind(&s.received_on)
    .bind(&s.answers)
    .execute(&mut **tx)
    .await?;
    for (user, sealed) in &s.sealed {
        sqlx::query("INSERT INTO intake_keys (submission_id, user_id, sealed) VALUES ($1, $2, $3)")
            .bind(&s.id)
            .bind(user)
            .bind(sealed)
            .execute(&mut **tx)
            .await?;
    }
    for f in &s.files {
        insert_file(tx, &s.id, f).await?;
    }
    Ok(())
}

pub async fn by_receipt(pool: &Pool, lookup: &str) -> Result<Option<SourceView>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT id, status, public_key, source_key,
                (SELECT count(*) FROM intake_files f WHERE f.submission_id = s.id AND f.origin = 'source') AS files
         FROM intake_submissions s WHERE receipt_lookup = $1",
    )
    .bind(lookup)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let id: String = row.try_get("id")?;
    let replies = sqlx::query(
        "SELECT sent_on, body FROM intake_messages WHERE submission_id = $1 AND author = 'reply' ORDER BY id",
    )
    .bind(&id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("sent_on")?, r.try_get("body")?)))
    .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(SourceView {
        status: status(&row)?,
        id,
        public_key: row.try_get("public_key")?,
        source_key: row.try_get("source_key")?,
        replies,
        files: row.try_get("files")?,
    }))
}

pub async fn follow_up(
    tx: &mut Tx<'_>,
    id: &str,
    body: Option<&[u8]>,
    files: &[NewIntakeFile],
    on: &str,
) -> Result<bool, StoreError> {
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM intake_submissions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    if exists.is_none() {
        return Ok(false);
    }
    if let Some(body) = body {
        insert_message(tx, id, MessageAuthor::Source, None, on, body).await?;
    }
    for f in files {
        insert_file(tx, id, f).await?;
    }
    Ok(true)
}

fn status(row: &DbRow) -> Result<IntakeStatus, StoreError> {
    let code: String = row.try_get("status")?;
    IntakeStatus::parse(&code).map_err(|e| corrupt("intake submission", e.to_string()))
}

/// The queue's columns, with the rest of the query appended (sqlx wants `'static` SQL).
macro_rules! summary_sql {
    ($tail:literal) => {
        concat!(
            "SELECT s.id, s.kind, s.received_on, s.status, s.status_on, u.name AS assignee,
               (SELECT count(*) FROM intake_files f WHERE f.submission_id = s.id AND f.origin = 'source') AS files,
               (SELECT count(*) FROM intake_messages m WHERE m.submission_id = s.id AND m.author = 'source') AS follow_ups,
               (SELECT max(sent_on) FROM intake_messages m WHERE m.submission_id = s.id) AS last_message_on
             FROM intake_submissions s LEFT JOIN users u ON u.id = s.assignee ",
            $tail
        )
    };
}

pub(crate) fn summary(row: &DbRow) -> Result<SubmissionSummary, StoreError> {
    let kind: String = row.try_get("kind")?;
    Ok(SubmissionSummary {
        id: row.try_get("id")?,
        kind: IntakeKind::parse(&kind).ok_or_else(|| corrupt("intake submission", format!("kind {kind}")))?,
        received_on: row.try_get("received_on")?,
        status: status(row)?,
        status_on: row.try_get("status_on")?,
        assignee: row.try_get("assignee")?,
        files: row.try_get("files")?,
        follow_ups: row.try_get("follow_ups")?,
        last_message_on: row.try_get("last_message_on")?,
    })
}

pub async fn summaries(pool: &Pool) -> Result<Vec<SubmissionSummary>, StoreError> {
    // Newest day first; within a day, by random id, never by arrival.
    sqlx::query(summary_sql!("ORDER BY s.received_on DESC, s.id")).fetch_all(pool).await?.iter().map(summary).collect()
}

pub async fn one(pool: &Pool, id: &str, user_id: i64) -> Result<Option<SubmissionRecord>, StoreError> {
    let Some(row) = sqlx::query(summary_sql!("WHERE s.id = $1")).bind(id).fetch_optional(pool).await? else {
        return Ok(None);
    };
    details(pool, summary(&row)?, user_id).await.map(Some)
}

/// A submission's keys, answers, files, messages and links, read from
/// `pool` (the database, or the inbox, whose tables are the same).
pub(crate) async fn details(
    pool: &Pool,
    summary: SubmissionSummary,
    user_id: i64,
) -> Result<SubmissionRecord, StoreError> {
    let id = summary.id.as_str();
    let keys = sqlx::query("SELECT public_key, source_key, answers FROM intake_submissions WHERE id = $1")
        .bind(id)
        .fetch_one(pool)
        .await?;
    let sealed_key: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT sealed FROM intake_keys WHERE submission_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    let (files, messages) = thread(pool, id).await?;
    let links = sqlx::query(
        "SELECT record_kind, record_id FROM intake_links WHERE submission_id = $1 ORDER BY record_kind, record_id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("record_kind")?, r.try_get("record_id")?)))
    .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(SubmissionRecord {
        summary,
        public_key: keys.try_get("public_key")?,
        source_key: keys.try_get("source_key")?,
        answers: keys.try_get("answers")?,
        sealed_key,
        files,
        messages,
        links,
    })
}

/// A submission's files and messages in `pool`, in order.
pub(crate) async fn thread(pool: &Pool, id: &str) -> Result<(Vec<IntakeFile>, Vec<IntakeMessage>), StoreError> {
    let files = sqlx::query("SELECT * FROM intake_files WHERE submission_id = $1 ORDER BY seq")
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(IntakeFile {
                id: r.try_get("id")?,
                seq: r.try_get("seq")?,
                blob: r.try_get("blob")?,
                origin: origin(&r.try_get::<String, _>("origin")?)?,
                derived_from: r.try_get("derived_from")?,
                meta: r.try_get("meta")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let messages = sqlx::query("SELECT * FROM intake_messages WHERE submission_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let author: String = r.try_get("author")?;
            Ok(IntakeMessage {
                id: r.try_get("id")?,
                author: MessageAuthor::parse(&author).ok_or_else(|| corrupt("intake message", author.clone()))?,
                staff_name: r.try_get("staff_name")?,
                sent_on: r.try_get("sent_on")?,
                body: r.try_get("body")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok((files, messages))
}

/// Applies one change; returns what it changed, or `None` when the
/// submission does not exist or nothing changed.
pub async fn change(
    tx: &mut Tx<'_>,
    id: &str,
    change: &IntakeChange,
    actor: &str,
    today: &str,
) -> Result<Option<IntakeChanged>, StoreError> {
    let current: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT status, assignee FROM intake_submissions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((status, assignee)) = current else {
        return Ok(None);
    };
    Ok(match change {
        IntakeChange::Status(s) if s.code() == status => None,
        IntakeChange::Status(s) => {
            sqlx::query("UPDATE intake_submissions SET status = $1, status_on = $2 WHERE id = $3")
                .bind(s.code())
                .bind(today)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            Some(IntakeChanged::Status { from: status, to: *s })
        }
        IntakeChange::Assign(user) if *user == assignee => None,
        IntakeChange::Assign(user) => {
            let name: Option<String> = match user {
                Some(u) => Some(
                    sqlx::query_scalar("SELECT name FROM users WHERE id = $1")
                        .bind(u)
                        .fetch_optional(&mut **tx)
                        .await?
                        .ok_or_else(|| StoreError::Conflict(Problem::NoSuchAccount))?,
                ),
                None => None,
            };
            sqlx::query("UPDATE intake_submissions SET assignee = $1 WHERE id = $2")
                .bind(user)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            Some(IntakeChanged::Assigned { to: name })
        }
        IntakeChange::Message { author, body } => {
            insert_message(tx, id, *author, Some(actor), today, body).await?;
            Some(IntakeChanged::Message(*author))
        }
        IntakeChange::File(f) => {
            insert_file(tx, id, f).await?;
            Some(IntakeChanged::PublicCopy { file: f.id.clone(), from: f.derived_from.clone() })
        }
        IntakeChange::Link { kind, id: record } => {
            let r = sqlx::query(
                "INSERT INTO intake_links (submission_id, record_kind, record_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(kind)
            .bind(record)
            .execute(&mut **tx)
            .await?;
            (r.rows_affected() == 1).then(|| IntakeChanged::Linked { kind: kind.clone(), id: record.clone() })
        }
    })
}

/// Submission keys sealed to `user_id` that some other reader lacks.
pub async fn keys_to_share(pool: &Pool, user_id: i64) -> Result<Vec<KeyToShare>, StoreError> {
    let rows = sqlx::query(
        "SELECT k.submission_id, k.sealed, u.id AS uid, u.name, u.reader_public
         FROM intake_keys k
         JOIN users u ON u.disabled = 0 AND u.reader_public IS NOT NULL AND u.id <> k.user_id
         WHERE k.user_id = $1
           AND NOT EXISTS (SELECT 1 FROM intake_keys o WHERE o.submission_id = k.submission_id AND o.user_id = u.id)",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(KeyToShare {
                submission_id: r.try_get("submission_id")?,
                sealed_for_me: r.try_get("sealed")?,
                to: Reader {
                    user_id: r.try_get("uid")?,
                    name: r.try_get("name")?,
                    public: r.try_get("reader_public")?,
                },
            })
        })
        .collect()
}

pub async fn add_key(tx: &mut Tx<'_>, submission: &str, user_id: i64, sealed: &[u8]) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO intake_keys (submission_id, user_id, sealed) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(submission)
        .bind(user_id)
        .bind(sealed)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Deletes rejected and spam submissions whose status was set on or before `before`;
/// returns their ids and the blobs to delete once the transaction commits.
pub async fn purge(tx: &mut Tx<'_>, before: &str) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM intake_submissions WHERE status IN ('rejected', 'spam') AND status_on <= $1 ORDER BY id",
    )
    .bind(before)
    .fetch_all(&mut **tx)
    .await?;
    let mut blobs = Vec::new();
    for id in &ids {
        let mut b: Vec<String> = sqlx::query_scalar("SELECT blob FROM intake_files WHERE submission_id = $1")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        for blob in &b {
            // Its bytes stay in the pack, which only its deleted key opened.
            sqlx::query("DELETE FROM intake_sealed_blobs WHERE blob = $1").bind(blob).execute(&mut **tx).await?;
        }
        blobs.append(&mut b);
        sqlx::query("DELETE FROM intake_submissions WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok((ids, blobs))
}

pub async fn blob_names(pool: &Pool) -> Result<std::collections::HashSet<String>, StoreError> {
    let names: Vec<String> = sqlx::query_scalar("SELECT blob FROM intake_files").fetch_all(pool).await?;
    Ok(names.into_iter().collect())
}

pub async fn any(pool: &Pool) -> Result<bool, StoreError> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM (SELECT 1 FROM intake_submissions LIMIT 1) AS one")
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Stores the rows moved from the inbox; returns how many follow-ups were
/// left out because their submission is gone.
pub async fn move_in(tx: &mut Tx<'_>, moved: &Moved) -> Result<usize, StoreError> {
    // A key sealed to an account deleted since is dropped with it.
    let accounts: Vec<i64> = sqlx::query_scalar("SELECT id FROM users").fetch_all(&mut **tx).await?;
    for s in &moved.submissions {
        let mut s = s.clone();
        s.sealed.retain(|(user, _)| accounts.contains(user));
        create(tx, &s).await?;
    }
    let mut gone = 0;
    for f in &moved.follow_ups {
        if !follow_up(tx, &f.submission_id, f.body.as_deref(), &f.files, &f.on).await? {
            gone += 1;
        }
    }
    Ok(gone)
}

pub async fn record_seal(tx: &mut Tx<'_>, seal: &SealRecord) -> Result<bool, StoreError> {
    let r = sqlx::query("INSERT INTO intake_seals (batch, day, pack) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(&seal.batch)
        .bind(&seal.day)
        .bind(&seal.pack)
        .execute(&mut **tx)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn record_pack(tx: &mut Tx<'_>, pack: &PackRecord, blobs: &[SealedBlob]) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO intake_packs (name, bytes, sha256) VALUES ($1, $2, $3)")
        .bind(&pack.name)
        .bind(pack.bytes)
        .bind(&pack.sha256)
        .execute(&mut **tx)
        .await?;
    for b in blobs {
        sqlx::query("INSERT INTO intake_sealed_blobs (blob, pack, start, length, sha256) VALUES ($1, $2, $3, $4, $5)")
            .bind(&b.blob)
            .bind(&b.pack)
            .bind(b.start)
            .bind(b.length)
            .bind(&b.sha256)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

pub async fn exists(pool: &Pool, id: &str) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM intake_submissions WHERE id = $1").bind(id).fetch_one(pool).await?;
    Ok(n > 0)
}

pub async fn sealed_on(pool: &Pool, day: &str) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM intake_seals WHERE day = $1").bind(day).fetch_one(pool).await?;
    Ok(n > 0)
}

pub async fn seal_recorded(pool: &Pool, batch: &str) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM intake_seals WHERE batch = $1").bind(batch).fetch_one(pool).await?;
    Ok(n > 0)
}

pub async fn sealed_blob(pool: &Pool, blob: &str) -> Result<Option<SealedBlob>, StoreError> {
    let row = sqlx::query("SELECT blob, pack, start, length, sha256 FROM intake_sealed_blobs WHERE blob = $1")
        .bind(blob)
        .fetch_optional(pool)
        .await?;
    row.map(|r| {
        Ok(SealedBlob {
            blob: r.try_get("blob")?,
            pack: r.try_get("pack")?,
            start: r.try_get("start")?,
            length: r.try_get("length")?,
            sha256: r.try_get("sha256")?,
        })
    })
    .transpose()
}

pub async fn packs(pool: &Pool) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT name FROM intake_packs ORDER BY name").fetch_all(pool).await?)
}

pub async fn put_pack_chunk(pool: &Pool, pack: &str, seq: i64, data: &[u8]) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO intake_pack_chunks (pack, seq, data) VALUES ($1, $2, $3)")
        .bind(pack)
        .bind(seq)
        .bind(data)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn pack_chunk(pool: &Pool, pack: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(sqlx::query_scalar("SELECT data FROM intake_pack_chunks WHERE pack = $1 AND seq = $2")
        .bind(pack)
        .bind(seq)
        .fetch_optional(pool)
        .await?)
}

pub async fn delete_pack_chunks(pool: &Pool, pack: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM intake_pack_chunks WHERE pack = $1").bind(pack).execute(pool).await?;
    Ok(())
}

pub async fn chunked_packs(pool: &Pool) -> Result<Vec<String>, StoreError> {
    Ok(sqlx::query_scalar("SELECT DISTINCT pack FROM intake_pack_chunks ORDER BY pack").fetch_all(pool).await?)
}
