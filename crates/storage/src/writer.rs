//! The one writing transaction storage lends to the services.
//!
//! A rule of `inferno_services` begins it, reads and writes rows through the
//! steps of each concern ([`RecordRows`], [`AccountRows`], [`IntakeRows`]),
//! appends the audit entries it words, and commits: the change and its entry
//! are stored together or not at all. Dropped without [`Writer::commit`], it
//! leaves nothing behind. Writers take turns, so what one reads here is what
//! it writes over. The steps store; none of them decides.

use crate::{AccountRows, AuditEvent, IntakeRows, RecordRows, StoreError};
use async_trait::async_trait;

#[async_trait]
pub trait Writer: RecordRows + AccountRows + IntakeRows + Send {
    /// Appends an entry to the audit log (and signs a checkpoint), in this transaction.
    async fn append(&mut self, event: &AuditEvent) -> Result<u64, StoreError>;

    /// Counts a change to what the public sees: the pages are made again.
    async fn public_content_changed(&mut self) -> Result<(), StoreError>;

    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// Where a [`Writer`] is had.
#[async_trait]
pub trait Writing: Send + Sync {
    /// A writing transaction, once it is this writer's turn.
    async fn begin(&self) -> Result<Box<dyn Writer + '_>, StoreError>;
}
