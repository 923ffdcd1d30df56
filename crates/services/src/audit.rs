//! Checking the audit log as the back office shows it: against its latest
//! signed checkpoint, reading only what was added since the last check.

use inferno_audit::Frontier;
use inferno_storage::{AuditLog, StoreError};

/// Checks the log against its latest signed checkpoint: every entry's hash
/// is recomputed from its content and folded into the tree, and the root must
/// be the one signed. `checked` is the tree already checked (kept by the
/// caller between views), so a check costs what was added since the last
/// one; it is moved on only when the check passes. `Ok(Ok(size))` is the
/// size checked, `Ok(Err(why))` a log that fails. `inferno audit verify`
/// checks every checkpoint as well.
pub async fn check_latest(log: &dyn AuditLog, checked: &mut Frontier) -> Result<Result<u64, String>, StoreError> {
    let Some(latest) = log.audit_latest_checkpoint().await? else {
        let size = log.audit_size().await?;
        return Ok(if size == 0 { Ok(0) } else { Err(format!("no checkpoint covers its {size} entries")) });
    };
    if latest.verify(&log.audit_key()).is_err() {
        return Ok(Err(format!("the checkpoint for size {} has an invalid signature", latest.checkpoint.size)));
    }
    let target = latest.checkpoint.size;
    let mut frontier = if checked.size() <= target { checked.clone() } else { Frontier::new() };
    while frontier.size() < target {
        let first = frontier.size() + 1;
        let batch = log.audit_range(first, (first + 9_999).min(target)).await?;
        if batch.is_empty() {
            return Ok(Err(format!("entries {first} to {target} are missing")));
        }
        for e in &batch {
            if e.seq != frontier.size() + 1 {
                return Ok(Err(format!("entry {} is missing or out of place", frontier.size() + 1)));
            }
            frontier.push(e.leaf_hash());
        }
    }
    if frontier.root() != latest.checkpoint.root {
        return Ok(Err(format!("the entries no longer match the checkpoint signed at size {target}")));
    }
    *checked = frontier;
    Ok(Ok(target))
}
