//! Where sealed blobs live: one pack a day, the day's blobs one after the
//! other under a random name, written once by the seal and only read after.
//! In an S3-compatible object store when one is configured ([`S3Packs`]);
//! otherwise in the database, in rows ([`DbPacks`]), so that a deployment of
//! several nodes on one PostgreSQL database needs nothing else. Never a file
//! per blob on a local disk: its times would tell when each arrived.
//!
//! Nothing here relies on conditional writes (Garage ignores them): names
//! are random, a pack is written whole before any row names it, and a pack
//! no row names is what a cut-off seal left, deleted by the next seal.

use crate::{PACK_CHUNK, PackChunks, StoreError};
use async_trait::async_trait;
use std::sync::Arc;

/// A store of packs.
#[async_trait]
pub trait PackStore: Send + Sync + std::fmt::Debug {
    /// Where the packs are, for messages: "the database", "s3://BUCKET".
    fn describe(&self) -> String;

    /// A new pack to write, by its name.
    async fn writer(&self, name: &str) -> Result<Box<dyn PackWriter>, StoreError>;

    /// `length` bytes of pack `name` from byte `start`.
    async fn read(&self, name: &str, start: u64, length: usize) -> Result<Vec<u8>, StoreError>;

    /// Deletes a pack; one that is not there is not an error.
    async fn delete(&self, name: &str) -> Result<(), StoreError>;

    /// The name of every pack stored.
    async fn list(&self) -> Result<Vec<String>, StoreError>;
}

/// A pack being written: bytes in order, then [`PackWriter::finish`]; dropped
/// or aborted before, it leaves at most what the next seal deletes.
#[async_trait]
pub trait PackWriter: Send {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), StoreError>;

    async fn finish(self: Box<Self>) -> Result<(), StoreError>;

    /// Gives the pack up (an S3 multipart upload is aborted).
    async fn abort(self: Box<Self>);
}

/// Packs in the database's `intake_pack_chunks`, a mebibyte a row.
pub struct DbPacks {
    store: Arc<dyn PackChunks>,
}

impl std::fmt::Debug for DbPacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbPacks")
    }
}

impl DbPacks {
    pub fn new(store: Arc<dyn PackChunks>) -> DbPacks {
        DbPacks { store }
    }
}

#[async_trait]
impl PackStore for DbPacks {
    fn describe(&self) -> String {
        "the database".into()
    }

    async fn writer(&self, name: &str) -> Result<Box<dyn PackWriter>, StoreError> {
        Ok(Box::new(DbPackWriter {
            store: self.store.clone(),
            name: name.to_owned(),
            buffer: Vec::with_capacity(PACK_CHUNK),
            seq: 0,
        }))
    }

    async fn read(&self, name: &str, start: u64, length: usize) -> Result<Vec<u8>, StoreError> {
        let mut out = Vec::with_capacity(length);
        let chunk = PACK_CHUNK as u64;
        let mut at = start;
        let end = start + length as u64;
        while at < end {
            let seq = (at / chunk) as i64;
            let data = self.store.pack_chunk(name, seq).await?.ok_or_else(|| StoreError::Packs {
                store: self.describe(),
                reason: format!("pack {name} has no chunk {seq}"),
            })?;
            let from = (at % chunk) as usize;
            let to = data.len().min(from + (end - at) as usize);
            if from >= to {
                return Err(StoreError::Packs { store: self.describe(), reason: format!("pack {name} ends early") });
            }
            out.extend_from_slice(&data[from..to]);
            at += (to - from) as u64;
        }
        Ok(out)
    }

    async fn delete(&self, name: &str) -> Result<(), StoreError> {
        self.store.delete_pack_chunks(name).await
    }

    async fn list(&self) -> Result<Vec<String>, StoreError> {
        self.store.chunked_packs().await
    }
}

struct DbPackWriter {
    store: Arc<dyn PackChunks>,
    name: String,
    buffer: Vec<u8>,
    seq: i64,
}

impl DbPackWriter {
    async fn flush(&mut self) -> Result<(), StoreError> {
        self.store.put_pack_chunk(&self.name, self.seq, &self.buffer).await?;
        self.seq += 1;
        self.buffer.clear();
        Ok(())
    }
}

#[async_trait]
impl PackWriter for DbPackWriter {
    async fn write(&mut self, mut bytes: &[u8]) -> Result<(), StoreError> {
        while !bytes.is_empty() {
            let take = (PACK_CHUNK - self.buffer.len()).min(bytes.len());
            self.buffer.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.buffer.len() == PACK_CHUNK {
                self.flush().await?;
            }
        }
        Ok(())
    }

    async fn finish(mut self: Box<Self>) -> Result<(), StoreError> {
        if !self.buffer.is_empty() {
            self.flush().await?;
        }
        Ok(())
    }

    async fn abort(self: Box<Self>) {
        if let Err(e) = self.store.delete_pack_chunks(&self.name).await {
            tracing::warn!(error = %e, "a pack given up could not be deleted; the next seal deletes it");
        }
    }
}
