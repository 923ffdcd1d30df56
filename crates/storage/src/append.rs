//! Appending to the audit log, the same for every backend: numbering the
//! entry, keeping the Merkle frontier (and rebuilding it when it does not
//! match the entries), and signing a checkpoint of the tree the entry ends.
//!
//! A backend gives only its rows ([`AuditRows`]), inside the transaction of
//! the action an entry records, so that an action and its entry commit
//! together or not at all.

use crate::secrets::ORIGIN;
use crate::{AuditEvent, StoreError};
use async_trait::async_trait;
use inferno_audit::{Checkpoint, Entry, Frontier, SignedCheckpoint, SigningKey};

/// The audit log's rows, as one transaction of a backend reads and writes them.
#[async_trait]
pub(crate) trait AuditRows: Send {
    /// The number of the last entry; 0 for an empty log.
    async fn last_seq(&mut self) -> Result<u64, StoreError>;

    /// The stored frontier (the size it covers, its bytes), if there is one.
    async fn stored_frontier(&mut self) -> Result<Option<(u64, Vec<u8>)>, StoreError>;

    /// Up to `limit` entries after storage position `after` (from
    /// `i64::MIN`), in storage order, each with its position.
    async fn entry_page(&mut self, after: i64, limit: i64) -> Result<Vec<(i64, Entry)>, StoreError>;

    /// The root signed for a tree of `size` entries, if one was.
    async fn signed_root(&mut self, size: u64) -> Result<Option<[u8; 32]>, StoreError>;

    /// Stores an entry with its leaf hash, the checkpoint of the tree it
    /// ends, and the frontier after it.
    async fn insert(
        &mut self,
        entry: &Entry,
        leaf: &[u8; 32],
        checkpoint: &SignedCheckpoint,
        frontier: &Frontier,
    ) -> Result<(), StoreError>;
}

/// Appends `event` at time `now` and signs a checkpoint of the tree it ends;
/// returns its number.
///
/// The root comes from the stored [`Frontier`], so an append reads one row of
/// at most 2,056 bytes (64 hashes and the size), whatever the size of the log,
/// instead of every entry (security review F2). The frontier is written in the
/// same transaction as the entry and its checkpoint.
pub(crate) async fn append(
    rows: &mut dyn AuditRows,
    key: &SigningKey,
    event: &AuditEvent,
    now: i64,
) -> Result<u64, StoreError> {
    let seq = rows.last_seq().await? + 1;
    let mut frontier = frontier_before(rows, seq - 1).await?;
    let entry = Entry {
        seq,
        time: now,
        actor: event.actor().to_owned(),
        action: event.action().to_owned(),
        target: event.target().to_owned(),
        detail: event.detail().to_owned(),
    };
    let leaf = entry.leaf_hash();
    frontier.push(leaf);
    let signed = Checkpoint { origin: ORIGIN.into(), size: seq, root: frontier.root(), time: entry.time }.sign(key);
    rows.insert(&entry, &leaf, &signed, &frontier).await?;
    Ok(seq)
}

/// The frontier of the log as it stands, whose last entry is `last`: the
/// stored one if it covers exactly that, else rebuilt once from the entries.
///
/// Rebuilding is for a log written by a release before the frontier (no row
/// yet), and for a row that does not match the entries (lost, damaged, or
/// left behind by entries written without it). It reads the entries
/// themselves, not their stored leaf hashes, in storage order, as appends
/// before the frontier did, so such a log goes on exactly as it would have.
/// The frontier is never evidence: `inferno audit verify` recomputes every
/// root from the entries, so a forged row only makes the next checkpoint fail
/// verification, which is what editing an entry does anyway.
async fn frontier_before(rows: &mut dyn AuditRows, last: u64) -> Result<Frontier, StoreError> {
    match rows.stored_frontier().await?.map(|(size, bytes)| (size, Frontier::from_bytes(&bytes))) {
        Some((size, Ok(f))) if size == last && f.size() == last => return Ok(f),
        None if last == 0 => return Ok(Frontier::new()),
        None => tracing::info!(entries = last, "the audit log has no frontier yet: building it once from the entries"),
        Some((size, Ok(_))) => {
            tracing::warn!(frontier = size, entries = last, "the audit frontier does not match the log: rebuilding it")
        }
        Some((size, Err(e))) => {
            tracing::warn!(frontier = size, error = %e, "the stored audit frontier is malformed: rebuilding it")
        }
    }
    let frontier = rebuild_frontier(rows).await?;
    // A rebuilt frontier signs whatever the entries are now. If they no longer
    // match what was signed at that size, say so (verification names the entry).
    if rows.signed_root(frontier.size()).await?.is_some_and(|root| root != frontier.root()) {
        tracing::warn!(
            size = frontier.size(),
            "the audit entries do not match their signed checkpoint; run `inferno audit verify`"
        );
    }
    Ok(frontier)
}

/// The frontier of every stored entry, read a page at a time so that a large
/// log is not held in memory at once.
async fn rebuild_frontier(rows: &mut dyn AuditRows) -> Result<Frontier, StoreError> {
    const PAGE: i64 = 10_000;
    let mut frontier = Frontier::new();
    let mut after = i64::MIN;
    loop {
        let page = rows.entry_page(after, PAGE).await?;
        for (_, entry) in &page {
            frontier.push(entry.leaf_hash());
        }
        match page.last() {
            Some((position, _)) if page.len() as i64 == PAGE => after = *position,
            _ => return Ok(frontier),
        }
    }
}
