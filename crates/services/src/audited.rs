//! The one way a rule ends a change: its audit entry appended in the same
//! writing transaction, then the commit.

use inferno_storage::{AuditEvent, StoreError, Writer};

/// Appends `event` and commits when the change changed something (`changed`);
/// otherwise drops the transaction, so that a change that changed nothing
/// stores nothing and no entry. Returns `changed`.
pub(crate) async fn commit_if(
    mut w: Box<dyn Writer + '_>,
    changed: bool,
    event: &AuditEvent,
) -> Result<bool, StoreError> {
    if changed {
        w.append(event).await?;
        w.commit().await?;
    }
    Ok(changed)
}
