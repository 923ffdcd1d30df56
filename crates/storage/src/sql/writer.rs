//! The writing transaction this backend lends ([`crate::Writer`]): the audit
//! log's appends and the steps on accounts and the intake; the steps on the
//! records are in `editing`.

use super::{Backend, Tx};
use super::{accounts, audit, intake, write};
use crate::intake::{IntakeChange, IntakeChanged, KeyGrant, Moved, PackRecord, Purged, SealRecord, SealedBlob};
use crate::{AccountRows, AuditEvent, IntakeRows, NewUser, StoreError, Writer, Writing};
use async_trait::async_trait;
use inferno_domain::PartialDate;

/// A writing transaction of this backend.
pub struct Lent<'a> {
    pub(super) tx: Tx<'static>,
    db: &'a Backend,
    /// Whether it changed what concerns a source (the intake): the backend
    /// then hides the moment of the commit (`after_source_write`).
    sources: bool,
}

#[async_trait]
impl Writing for Backend {
    async fn begin(&self) -> Result<Box<dyn Writer + '_>, StoreError> {
        Ok(Box::new(Lent { tx: self.write_tx().await?, db: self, sources: false }))
    }
}

#[async_trait]
impl Writer for Lent<'_> {
    async fn append(&mut self, event: &AuditEvent) -> Result<u64, StoreError> {
        audit::append(&mut self.tx, &self.db.audit_key, event).await
    }

    async fn public_content_changed(&mut self) -> Result<(), StoreError> {
        write::bump_content_version(&mut self.tx).await
    }

    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await?;
        if self.sources {
            self.db.after_source_write();
        }
        Ok(())
    }
}

#[async_trait]
impl AccountRows for Lent<'_> {
    async fn create_user(&mut self, user: &NewUser) -> Result<(), StoreError> {
        accounts::create_user(&mut self.tx, user).await
    }

    async fn set_user_disabled(&mut self, name: &str, disabled: bool) -> Result<bool, StoreError> {
        accounts::set_disabled(&mut self.tx, name, disabled).await
    }

    async fn set_totp_secret(&mut self, name: &str, secret: &str) -> Result<bool, StoreError> {
        accounts::set_totp_secret(&mut self.tx, name, secret).await
    }

    async fn set_password(
        &mut self,
        name: &str,
        password_hash: &str,
        reader_key: Option<&[u8]>,
    ) -> Result<bool, StoreError> {
        accounts::set_password(&mut self.tx, name, password_hash, reader_key).await
    }

    async fn set_reader_key(&mut self, user_id: i64, public: &str, wrapped: &[u8]) -> Result<bool, StoreError> {
        accounts::set_reader_key(&mut self.tx, user_id, public, wrapped).await
    }
}

#[async_trait]
impl IntakeRows for Lent<'_> {
    async fn change_submission(
        &mut self,
        id: &str,
        change: &IntakeChange,
        actor: &str,
        today: PartialDate,
    ) -> Result<Option<IntakeChanged>, StoreError> {
        self.sources = true;
        intake::change(&mut self.tx, id, change, actor, &today.to_string()).await
    }

    async fn add_keys(&mut self, grants: &[KeyGrant]) -> Result<(), StoreError> {
        for g in grants {
            intake::add_key(&mut self.tx, &g.submission_id, g.user_id, &g.sealed).await?;
        }
        Ok(())
    }

    async fn purge_submissions(&mut self, before: PartialDate) -> Result<Purged, StoreError> {
        self.sources = true;
        let (submissions, blobs) = intake::purge(&mut self.tx, &before.to_string()).await?;
        Ok(Purged { submissions, blobs })
    }

    async fn move_in(&mut self, moved: &Moved) -> Result<usize, StoreError> {
        self.sources = true;
        intake::move_in(&mut self.tx, moved).await
    }

    async fn record_seal(&mut self, seal: &SealRecord) -> Result<bool, StoreError> {
        intake::record_seal(&mut self.tx, seal).await
    }

    async fn record_pack(&mut self, pack: &PackRecord, blobs: &[SealedBlob]) -> Result<(), StoreError> {
        intake::record_pack(&mut self.tx, pack, blobs).await
    }
}
