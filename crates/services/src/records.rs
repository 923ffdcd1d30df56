//! Records: imports, worded once for the audit log whoever imports (the
//! command line, the bundled sample at first start).

use inferno_domain::import::Batch;
use inferno_domain::{AuditAction, FaqEntry, Page, PartialDate};
use inferno_storage::{AuditEvent, ImportError, ImportReport, StoreError, Writing};

/// Upserts a validated batch by id, all or nothing, on `today`; the rows
/// that name records not stored come back as problems with their lines.
pub async fn import(
    store: &dyn Writing,
    batch: &Batch,
    today: PartialDate,
    actor: &str,
) -> Result<ImportReport, ImportError> {
    // The write turn is taken first, so the reference checks and the
    // writes see the same database.
    let mut w = store.begin().await?;
    let r = w.write(batch, today).await?;
    w.public_content_changed().await?;
    let (rows, kind) = (batch.len(), batch.kind().name());
    let detail = format!("{rows} rows: {} new, {} changed, {} unchanged", r.inserted, r.updated, r.unchanged);
    w.append(&AuditEvent::new(actor, AuditAction::Import, kind, detail)).await?;
    w.commit().await?;
    Ok(r)
}

/// Upserts FAQ entries and editorial pages by id, in one transaction.
pub async fn import_editorial(
    store: &dyn Writing,
    faq: &[FaqEntry],
    pages: &[Page],
    today: PartialDate,
    actor: &str,
) -> Result<(), StoreError> {
    let mut w = store.begin().await?;
    w.write_editorial(faq, pages, today).await?;
    w.public_content_changed().await?;
    let detail = format!("{} FAQ entries, {} pages", faq.len(), pages.len());
    w.append(&AuditEvent::new(actor, AuditAction::Import, "editorial", detail)).await?;
    w.commit().await
}
