//! The storage traits, implemented once over the SQL of this directory for
//! whichever backend includes it (`Backend`): every method opens its
//! transaction through the backend (`write_tx`, `read_tx`), which is where
//! the backends differ in how writers take turns.

use super::Backend;
use super::{accounts, audit, copy, editing, intake, load};
use crate::copy::{Copied, RowSink};
use crate::intake::{KeyToShare, Reader, SealedBlob, SourceView, SubmissionRecord, SubmissionSummary};
use crate::{Accounts, AuditLog, CatalogStore, Intake, PackChunks, Records, Sessions, Transfer};
use crate::{
    AuditEvent, AuditFilter, LatestRevision, RecordCounts, RecordRevision, Revision, Session, StaffNote, StoreError,
    User, Waiting,
};
use async_trait::async_trait;
use inferno_audit::{Entry, SignedCheckpoint, VerifyingKey};
use inferno_domain::Kind;
use inferno_domain::catalog::{Catalog, CatalogChanges};
use inferno_domain::import::Batch;

#[async_trait]
impl CatalogStore for Backend {
    async fn content_version(&self) -> Result<i64, StoreError> {
        let v: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'content_version'").fetch_one(self.pool()).await?;
        Ok(v)
    }

    async fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM pages)",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(n == 0)
    }

    async fn load_catalog(&self) -> Result<Catalog, StoreError> {
        let parts = self.catalog_parts().await?;
        let t = std::time::Instant::now();
        let catalog = Catalog::new(parts);
        tracing::debug!(elapsed = ?t.elapsed(), "catalog built");
        Ok(catalog)
    }

    async fn catalog_changes(&self, since: i64) -> Result<Option<(i64, CatalogChanges)>, StoreError> {
        // One read transaction: the changes are those up to the version read.
        let mut tx = self.read_tx().await?;
        let version: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'content_version'").fetch_one(&mut *tx).await?;
        let from: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'changes_from'").fetch_one(&mut *tx).await?;
        if since < from {
            return Ok(None);
        }
        let changes = load::catalog_changes(&mut tx, since).await?;
        tx.commit().await?;
        Ok(Some((version, changes)))
    }
}

#[async_trait]
impl Records for Backend {
    async fn staff_records(&self, kind: inferno_domain::Kind) -> Result<(Batch, Vec<bool>), StoreError> {
        let mut tx = self.read_tx().await?;
        let records = editing::records(&mut tx, kind).await?;
        tx.commit().await?;
        Ok(records)
    }

    async fn staff_record(&self, kind: inferno_domain::Kind, key: &str) -> Result<Option<(Batch, bool)>, StoreError> {
        let mut tx = self.read_tx().await?;
        let record = editing::record(&mut tx, kind, key).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn staff_note(&self, kind: inferno_domain::Kind, key: &str) -> Result<Option<StaffNote>, StoreError> {
        use sqlx::Row;
        let row =
            sqlx::query("SELECT note, actor, updated_on FROM staff_notes WHERE record_kind = $1 AND record_id = $2")
                .bind(kind.singular())
                .bind(key)
                .fetch_optional(self.pool())
                .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(StaffNote {
            note: row.try_get("note")?,
            actor: row.try_get("actor")?,
            updated_on: row.try_get("updated_on")?,
        }))
    }

    async fn records_version(&self) -> Result<(i64, i64), StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT value FROM meta WHERE key = 'content_version') AS content, \
             (SELECT coalesce(max(id), 0) FROM revisions) AS revision",
        )
        .fetch_one(self.pool())
        .await?;
        use sqlx::Row;
        Ok((row.try_get("content")?, row.try_get("revision")?))
    }

    async fn records_changed(
        &self,
        kind: inferno_domain::Kind,
        (content, revision): (i64, i64),
    ) -> Result<Option<Vec<String>>, StoreError> {
        let from: i64 =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'changes_from'").fetch_one(self.pool()).await?;
        if content < from {
            return Ok(None);
        }
        // A finding's key is `SOURCE~SITE`; content_changes keeps the two apart.
        let keys = sqlx::query_scalar(
            "SELECT record_id FROM revisions WHERE record_kind = $1 AND id > $2 \
             UNION SELECT CASE WHEN kind = 'finding' THEN key || '~' || site_id ELSE key END \
             FROM content_changes WHERE kind = $1 AND (version IS NULL OR version > $3)",
        )
        .bind(kind.singular())
        .bind(revision)
        .bind(content)
        .fetch_all(self.pool())
        .await?;
        Ok(Some(keys))
    }

    async fn waiting(&self) -> Result<Vec<Waiting>, StoreError> {
        editing::waiting(self.pool()).await
    }

    async fn record_counts(&self) -> Result<Vec<RecordCounts>, StoreError> {
        editing::counts(self.pool()).await
    }

    async fn recent_revisions(&self, limit: usize) -> Result<Vec<RecordRevision>, StoreError> {
        editing::recent(self.pool(), limit).await
    }

    async fn revisions(&self, kind: Kind, id: &str) -> Result<Vec<Revision>, StoreError> {
        editing::revisions(self.pool(), kind, id).await
    }

    async fn latest_revisions(
        &self,
        kind: Kind,
    ) -> Result<std::collections::HashMap<String, LatestRevision>, StoreError> {
        editing::latest(self.pool(), kind).await
    }
}

#[async_trait]
impl AuditLog for Backend {
    async fn record(&self, event: &AuditEvent) -> Result<u64, StoreError> {
        let mut tx = self.write_tx().await?;
        let seq = audit::append(&mut tx, &self.audit_key, event).await?;
        tx.commit().await?;
        Ok(seq)
    }

    async fn audit_entries(&self) -> Result<Vec<Entry>, StoreError> {
        audit::read_entries(self.pool()).await
    }

    async fn audit_checkpoints(&self) -> Result<Vec<SignedCheckpoint>, StoreError> {
        audit::read_checkpoints(self.pool()).await
    }

    async fn audit_size(&self) -> Result<u64, StoreError> {
        let n: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM audit_entries").fetch_one(self.pool()).await?;
        Ok(n.unwrap_or(0) as u64)
    }

    async fn audit_range(&self, first: u64, last: u64) -> Result<Vec<Entry>, StoreError> {
        audit::read_range(self.pool(), first, last).await
    }

    async fn audit_search(&self, filter: &AuditFilter, skip: u64, limit: u64) -> Result<(Vec<Entry>, u64), StoreError> {
        audit::search(self.pool(), filter, skip, limit).await
    }

    async fn audit_latest_checkpoint(&self) -> Result<Option<SignedCheckpoint>, StoreError> {
        audit::read_latest_checkpoint(self.pool()).await
    }

    fn audit_key(&self) -> VerifyingKey {
        self.audit_key.verifying_key()
    }
}

#[async_trait]
impl Accounts for Backend {
    async fn users(&self) -> Result<Vec<User>, StoreError> {
        accounts::users(self.pool()).await
    }

    async fn user_by_name(&self, name: &str) -> Result<Option<User>, StoreError> {
        accounts::user_by(self.pool(), accounts::UserKey::Name(name)).await
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<User>, StoreError> {
        accounts::user_by(self.pool(), accounts::UserKey::Id(id)).await
    }

    async fn accept_totp_step(&self, user_id: i64, step: u64) -> Result<bool, StoreError> {
        accounts::accept_totp_step(self.pool(), user_id, step).await
    }
}

#[async_trait]
impl Sessions for Backend {
    async fn create_session(&self, session: &Session) -> Result<(), StoreError> {
        accounts::create_session(self.pool(), session).await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<Session>, StoreError> {
        accounts::session(self.pool(), token_hash).await
    }

    async fn touch_session(&self, token_hash: &str, now: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    async fn seal_reader_key(&self, token_hash: &str, sealed: &[u8]) -> Result<(), StoreError> {
        accounts::seal_reader_key(self.pool(), token_hash, sealed).await
    }

    async fn forget_outlived_keys(&self, idle_before: i64, begun_before: i64) -> Result<u64, StoreError> {
        accounts::forget_outlived_keys(self.pool(), idle_before, begun_before).await
    }
}

#[async_trait]
impl Intake for Backend {
    async fn intake_readers(&self) -> Result<Vec<Reader>, StoreError> {
        intake::readers(self.pool()).await
    }

    async fn submission_for_source(&self, receipt_lookup: &str) -> Result<Option<SourceView>, StoreError> {
        intake::by_receipt(self.pool(), receipt_lookup).await
    }

    async fn submissions(&self) -> Result<Vec<SubmissionSummary>, StoreError> {
        intake::summaries(self.pool()).await
    }

    async fn submission(&self, id: &str, reader: i64) -> Result<Option<SubmissionRecord>, StoreError> {
        intake::one(self.pool(), id, reader).await
    }

    async fn keys_to_share(&self, user_id: i64) -> Result<Vec<KeyToShare>, StoreError> {
        intake::keys_to_share(self.pool(), user_id).await
    }

    async fn intake_blob_names(&self) -> Result<std::collections::HashSet<String>, StoreError> {
        intake::blob_names(self.pool()).await
    }

    async fn holds_submissions(&self) -> Result<bool, StoreError> {
        intake::any(self.pool()).await
    }

    async fn submission_exists(&self, id: &str) -> Result<bool, StoreError> {
        intake::exists(self.pool(), id).await
    }

    async fn sealed_on(&self, day: &str) -> Result<bool, StoreError> {
        intake::sealed_on(self.pool(), day).await
    }

    async fn seal_recorded(&self, batch: &str) -> Result<bool, StoreError> {
        intake::seal_recorded(self.pool(), batch).await
    }

    async fn sealed_blob(&self, blob: &str) -> Result<Option<SealedBlob>, StoreError> {
        intake::sealed_blob(self.pool(), blob).await
    }

    async fn intake_packs(&self) -> Result<Vec<String>, StoreError> {
        intake::packs(self.pool()).await
    }
}

#[async_trait]
impl PackChunks for Backend {
    async fn put_pack_chunk(&self, pack: &str, seq: i64, data: &[u8]) -> Result<(), StoreError> {
        intake::put_pack_chunk(self.pool(), pack, seq, data).await
    }

    async fn pack_chunk(&self, pack: &str, seq: i64) -> Result<Option<Vec<u8>>, StoreError> {
        intake::pack_chunk(self.pool(), pack, seq).await
    }

    async fn delete_pack_chunks(&self, pack: &str) -> Result<(), StoreError> {
        intake::delete_pack_chunks(self.pool(), pack).await
    }

    async fn chunked_packs(&self) -> Result<Vec<String>, StoreError> {
        intake::chunked_packs(self.pool()).await
    }
}

#[async_trait]
impl Transfer for Backend {
    async fn copy_into(&self, target: &dyn Transfer) -> Result<Copied, StoreError> {
        let mut sink = target.receive().await?;
        let copied = copy::dump(self, sink.as_mut()).await?;
        sink.finish().await?;
        Ok(copied)
    }

    async fn receive(&self) -> Result<Box<dyn RowSink>, StoreError> {
        copy::receive(self).await
    }
}
