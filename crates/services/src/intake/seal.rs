//! The day's seal: what waited in the intake node's inbox moves into the
//! shared stores at one moment, so that they learn nothing finer than the
//! day of what sources did (see `inferno_storage::IntakeVault`).
//!
//! In order, each step safe to cut off:
//! 1. the inbox marks the rows and blobs the seal takes, under a random
//!    batch id and pack name (a seal cut off is taken up again as it was);
//! 2. the blobs are written, in random order, into one pack, which is read
//!    back and checked against the SHA-256 computed while writing;
//! 3. one transaction of the database stores the batch id, the pack's
//!    index, every row (submissions in random order, each followed by its
//!    thread) and the audit entry; a batch already stored is not stored again;
//! 4. the inbox forgets what was stored (`secure_delete`) and is compacted.
//!
//! A failure before 3 leaves the inbox whole and at most a pack no row
//! names, which the next seal deletes; a failure after 3 leaves rows the
//! next seal forgets. Seals take turns under the seal's job lock (the
//! server's and `inferno intake seal`).

use crate::audited::commit_if;
use inferno_domain::{AuditAction, PartialDate};
use inferno_storage::{AuditEvent, FollowUp, IntakeVault, Moved, PackRecord, SealRecord, SealedBlob, StoreError};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};

/// What a seal moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sealed {
    pub submissions: usize,
    pub follow_ups: usize,
    /// Files packed: those sent since the last seal, whether their rows
    /// moved now or earlier with a staff change.
    pub files: usize,
    /// Follow-ups left out: their submission was deleted meanwhile.
    pub dropped: usize,
    /// The pack's size in bytes (0 when there was no blob).
    pub pack_bytes: u64,
}

/// Why a seal did not run or did not finish. What it had taken stays in
/// the inbox, for the next seal.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error(
        "the inbox was sealed today ({0}) already; a second seal the same day is refused (use --force for tests and drills)"
    )]
    AlreadyToday(String),
    #[error(
        "the pack read back from {store} is not what was written (SHA-256 {read} instead of {written}); nothing was sealed"
    )]
    Mismatch { store: String, written: String, read: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn random_index(below: usize) -> usize {
    let r = u64::from_le_bytes(inferno_vault::random_bytes::<8>());
    (r % below as u64) as usize
}

/// Shuffles `items` (Fisher–Yates, from the system's random generator).
fn shuffle<T>(items: &mut [T]) {
    for i in (1..items.len()).rev() {
        items.swap(i, random_index(i + 1));
    }
}

/// The rows in the order to store them: submissions in random order, and
/// the follow-ups of each submission together (in the order they came),
/// the groups in random order, so that no id or position tells which came first.
fn storage_order(mut moved: Moved) -> Moved {
    shuffle(&mut moved.submissions);
    let mut groups: BTreeMap<String, Vec<FollowUp>> = BTreeMap::new();
    for f in moved.follow_ups {
        groups.entry(f.submission_id.clone()).or_default().push(f);
    }
    let mut groups: Vec<Vec<FollowUp>> = groups.into_values().collect();
    shuffle(&mut groups);
    moved.follow_ups = groups.into_iter().flatten().collect();
    moved
}

/// Seals the inbox (see the module's notes); refused a second time the
/// same day unless `force`. A seal cut off is finished whatever the day.
pub async fn seal(vault: &IntakeVault, force: bool, actor: &str) -> Result<Sealed, SealError> {
    let day = PartialDate::today().to_string();
    let store = vault.store();
    vault.finish_moves().await?;
    if !force && store.sealed_on(&day).await? && !vault.seal_under_way().await? {
        return Err(SealError::AlreadyToday(day));
    }
    let Some(batch) = vault.take_for_seal().await? else {
        // Nothing waits: the day is sealed all the same.
        let batch = hex::encode(inferno_vault::random_bytes::<16>());
        let mut w = store.begin().await?;
        w.record_seal(&SealRecord { batch, day: Some(day), pack: None }).await?;
        w.commit().await?;
        return Ok(Sealed::default());
    };
    if store.seal_recorded(&batch.batch).await? {
        // Stored by a seal cut off before it emptied the inbox.
        vault.forget(&batch).await?;
        return Ok(Sealed::default());
    }
    let pack_name = batch.pack.clone().unwrap_or_default();
    clear_unnamed_packs(vault).await?;
    let pack = if batch.blobs.is_empty() { None } else { Some(write_pack(vault, &pack_name, &batch.blobs).await?) };
    let moved = storage_order(vault.batch_rows(&batch).await?);
    let mut sealed = Sealed {
        submissions: moved.submissions.len(),
        follow_ups: moved.follow_ups.iter().filter(|f| f.body.is_some()).count(),
        files: pack.as_ref().map_or(0, |(_, blobs)| blobs.len()),
        dropped: 0,
        pack_bytes: pack.as_ref().map_or(0, |(p, _)| p.bytes as u64),
    };
    let stored = async {
        let mut w = store.begin().await?;
        let record =
            SealRecord { batch: batch.batch.clone(), day: Some(day), pack: pack.as_ref().map(|(p, _)| p.name.clone()) };
        if !w.record_seal(&record).await? {
            return Ok::<_, StoreError>(0);
        }
        if let Some((p, blobs)) = &pack {
            w.record_pack(p, blobs).await?;
        }
        let dropped = w.move_in(&moved).await?;
        let detail = format!(
            "{} submissions, {} follow-ups; {} files in a pack of {} bytes",
            sealed.submissions, sealed.follow_ups, sealed.files, sealed.pack_bytes
        );
        let event = AuditEvent::new(actor, AuditAction::IntakeSeal, "intake", detail);
        commit_if(w, true, &event).await?;
        Ok(dropped)
    }
    .await;
    // On failure the pack stays: a commit that failed on the way back may
    // have been stored, and then its rows name it. The next seal deletes it
    // if no row does (`clear_unnamed_packs`).
    sealed.dropped = stored?;
    vault.forget(&batch).await?;
    Ok(sealed)
}

/// Deletes the packs no record names: what seals cut off before their
/// transaction left. Run under the seal's job lock, so no other seal is writing one.
async fn clear_unnamed_packs(vault: &IntakeVault) -> Result<(), StoreError> {
    let recorded: HashSet<String> = vault.store().intake_packs().await?.into_iter().collect();
    for name in vault.packs().list().await? {
        if !recorded.contains(&name) {
            vault.packs().delete(&name).await?;
        }
    }
    Ok(())
}

/// Writes `blobs` (in random order) into pack `name`, reads it back and
/// checks it; gives the pack's record and where each blob lies.
async fn write_pack(
    vault: &IntakeVault,
    name: &str,
    blobs: &[String],
) -> Result<(PackRecord, Vec<SealedBlob>), SealError> {
    let mut order = blobs.to_vec();
    shuffle(&mut order);
    let mut writer = vault.packs().writer(name).await?;
    let mut whole = Sha256::new();
    let mut at: i64 = 0;
    let mut placed = Vec::with_capacity(order.len());
    let written = async {
        for blob in &order {
            let mut one = Sha256::new();
            let start = at;
            let mut seq = 0;
            while let Some(chunk) = vault.blob_chunk(blob, seq).await? {
                writer.write(&chunk).await?;
                one.update(&chunk);
                whole.update(&chunk);
                at += chunk.len() as i64;
                seq += 1;
            }
            if seq == 0 {
                // Not in the inbox (deleted since it was taken): nothing to pack.
                continue;
            }
            let sha256 = hex::encode(one.finalize());
            placed.push(SealedBlob { blob: blob.clone(), pack: name.to_owned(), start, length: at - start, sha256 });
        }
        Ok::<_, StoreError>(())
    }
    .await;
    if let Err(e) = written {
        writer.abort().await;
        return Err(e.into());
    }
    writer.finish().await?;
    let written = hex::encode(whole.finalize());
    let read = read_back(vault, name, at as u64).await;
    match read {
        Ok(read) if read == written => {}
        other => {
            if let Err(e) = vault.packs().delete(name).await {
                tracing::warn!(error = %e, "a pack that failed its check could not be deleted; the next seal deletes it");
            }
            return Err(match other {
                Ok(read) => SealError::Mismatch { store: vault.packs().describe(), written, read },
                Err(e) => e.into(),
            });
        }
    }
    Ok((PackRecord { name: name.to_owned(), bytes: at, sha256: written }, placed))
}

/// The SHA-256 (hex) of the first `bytes` bytes of pack `name`, read back a chunk at a time.
async fn read_back(vault: &IntakeVault, name: &str, bytes: u64) -> Result<String, StoreError> {
    let mut hash = Sha256::new();
    let mut at = 0u64;
    while at < bytes {
        let take = (bytes - at).min(IntakeVault::CHUNK as u64) as usize;
        hash.update(vault.packs().read(name, at, take).await?);
        at += take as u64;
    }
    Ok(hex::encode(hash.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shuffle_keeps_every_item_and_each_thread_in_order() {
        let follow = |s: &str, n: u8| FollowUp {
            submission_id: s.into(),
            body: Some(vec![n]),
            files: vec![],
            on: String::new(),
        };
        let moved = Moved {
            submissions: Vec::new(),
            follow_ups: vec![follow("a", 1), follow("b", 1), follow("a", 2), follow("c", 1), follow("a", 3)],
        };
        let mut orders = HashSet::new();
        for _ in 0..200 {
            let out = storage_order(moved.clone());
            let a: Vec<u8> =
                out.follow_ups.iter().filter(|f| f.submission_id == "a").map(|f| f.body.clone().unwrap()[0]).collect();
            assert_eq!(a, [1, 2, 3], "a thread keeps its order");
            assert_eq!(out.follow_ups.len(), 5);
            orders.insert(out.follow_ups.iter().map(|f| f.submission_id.clone()).collect::<String>());
        }
        assert!(orders.len() > 1, "the groups come in more than one order: {orders:?}");
    }
}
