//! A whole deployment moved between databases (`inferno copy`): the rows as
//! they are, then one entry in the copy's audit log that says it is one, so
//! that the log itself tells where its history came from.

use inferno_domain::AuditAction;
use inferno_storage::copy::Copied;
use inferno_storage::{AuditEvent, Store, StoreError};

/// Copies everything of `from` (but its sessions) into the empty `to`, and
/// records the copy in `to`'s audit log; `from_name` says where it came from
/// (never a password). Returns what was copied, table by table.
pub async fn copy(from: &dyn Store, to: &dyn Store, from_name: &str, actor: &str) -> Result<Copied, StoreError> {
    let copied = from.copy_into(to).await?;
    let rows: u64 = copied.tables.iter().map(|(_, n)| n).sum();
    let entries = copied.tables.iter().find(|(t, _)| *t == "audit_entries").map_or(0, |(_, n)| *n);
    let detail = format!("copied from {from_name}: {rows} rows, {entries} audit entries");
    to.record(&AuditEvent::new(actor, AuditAction::Copy, "database", detail)).await?;
    Ok(copied)
}
