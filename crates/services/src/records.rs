//! Records: imports, worded once for the audit log whoever imports (the
//! command line, the bundled sample at first start).

use inferno_domain::import::Batch;
use inferno_domain::{AuditAction, FaqEntry, Page, PartialDate};
use inferno_storage::{AuditEvent, ImportError, ImportReport, Records, StoreError};

/// Upserts a validated batch by id, all or nothing, on `today`; the rows
/// that name records not stored come back as problems with their lines.
pub async fn import(
    store: &dyn Records,
    batch: &Batch,
    today: PartialDate,
    actor: &str,
) -> Result<ImportReport, ImportError> {
    let (rows, kind) = (batch.len(), batch.kind().name());
    let wording = |r: &ImportReport| {
        let detail = format!("{rows} rows: {} new, {} changed, {} unchanged", r.inserted, r.updated, r.unchanged);
        AuditEvent::new(actor, AuditAction::Import, kind, detail)
    };
    store.import(batch, today, &wording).await
}

/// Upserts FAQ entries and editorial pages by id, in one transaction.
pub async fn import_editorial(
    store: &dyn Records,
    faq: &[FaqEntry],
    pages: &[Page],
    today: PartialDate,
    actor: &str,
) -> Result<(), StoreError> {
    let detail = format!("{} FAQ entries, {} pages", faq.len(), pages.len());
    store.upsert_editorial(faq, pages, today, &AuditEvent::new(actor, AuditAction::Import, "editorial", detail)).await
}
