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

/// Packs in an S3-compatible bucket (`s3://BUCKET`), under `packs/NAME`,
/// through `object_store`: written by multipart upload (aborted on
/// failure), read by ranged GETs. Endpoint, region and credentials come from
/// the standard `AWS_*` variables; addressing is path-style, so a plain
/// endpoint (Garage, MinIO) works. Only ciphertext is ever written here.
pub struct S3Packs {
    store: Arc<dyn object_store::ObjectStore>,
    bucket: String,
}

impl std::fmt::Debug for S3Packs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "S3Packs(s3://{})", self.bucket)
    }
}

/// Where the packs are kept in the bucket.
const PREFIX: &str = "packs";

impl S3Packs {
    /// The bucket `url` names (`s3://BUCKET`), reached as the `AWS_*`
    /// variables say. Nothing is sent until the first use.
    pub fn from_env(url: &str) -> Result<S3Packs, StoreError> {
        let bucket = url
            .strip_prefix("s3://")
            .map(|b| b.trim_end_matches('/'))
            .filter(|b| !b.is_empty() && !b.contains('/'))
            .ok_or_else(|| StoreError::Packs {
                store: url.to_owned(),
                reason: "a blob store is named s3://BUCKET".into(),
            })?;
        let store = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            // Garage ignores conditional writes: nothing here relies on them.
            .with_conditional_put(object_store::aws::S3ConditionalPut::Disabled)
            .build()
            .map_err(|e| StoreError::Packs { store: url.to_owned(), reason: e.to_string() })?;
        Ok(S3Packs { store: Arc::new(store), bucket: bucket.to_owned() })
    }

    fn error(&self, e: object_store::Error) -> StoreError {
        StoreError::Packs { store: self.describe(), reason: e.to_string() }
    }

    fn path(name: &str) -> object_store::path::Path {
        object_store::path::Path::from(format!("{PREFIX}/{name}"))
    }
}

#[async_trait]
impl PackStore for S3Packs {
    fn describe(&self) -> String {
        format!("s3://{}", self.bucket)
    }

    async fn writer(&self, name: &str) -> Result<Box<dyn PackWriter>, StoreError> {
        use object_store::ObjectStoreExt;
        let upload = self.store.put_multipart(&Self::path(name)).await.map_err(|e| self.error(e))?;
        Ok(Box::new(S3PackWriter {
            upload: object_store::WriteMultipart::new_with_chunk_size(upload, S3_PART),
            store: self.describe(),
        }))
    }

    async fn read(&self, name: &str, start: u64, length: usize) -> Result<Vec<u8>, StoreError> {
        use object_store::ObjectStoreExt;
        let range = start..start + length as u64;
        let bytes = self.store.get_range(&Self::path(name), range).await.map_err(|e| self.error(e))?;
        if bytes.len() != length {
            return Err(StoreError::Packs { store: self.describe(), reason: format!("pack {name} ends early") });
        }
        Ok(bytes.to_vec())
    }

    async fn delete(&self, name: &str) -> Result<(), StoreError> {
        use object_store::ObjectStoreExt;
        match self.store.delete(&Self::path(name)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error(e)),
        }
    }

    async fn list(&self) -> Result<Vec<String>, StoreError> {
        use futures_util::TryStreamExt;
        let prefix = object_store::path::Path::from(PREFIX);
        let found: Vec<object_store::ObjectMeta> =
            self.store.list(Some(&prefix)).try_collect().await.map_err(|e| self.error(e))?;
        Ok(found.into_iter().filter_map(|m| m.location.filename().map(str::to_owned)).collect())
    }
}

/// Bytes of one part of a multipart upload (S3's least is 5 MiB).
const S3_PART: usize = 8 * 1024 * 1024;

struct S3PackWriter {
    upload: object_store::WriteMultipart,
    store: String,
}

#[async_trait]
impl PackWriter for S3PackWriter {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        // Two parts in flight at most: memory stays bounded however large the pack.
        self.upload
            .wait_for_capacity(2)
            .await
            .map_err(|e| StoreError::Packs { store: self.store.clone(), reason: e.to_string() })?;
        self.upload.write(bytes);
        Ok(())
    }

    async fn finish(self: Box<Self>) -> Result<(), StoreError> {
        let store = self.store.clone();
        self.upload.finish().await.map(drop).map_err(|e| StoreError::Packs { store, reason: e.to_string() })
    }

    async fn abort(self: Box<Self>) {
        if let Err(e) = self.upload.abort().await {
            tracing::warn!(error = %e, "an upload given up could not be aborted; the next seal deletes what it left");
        }
    }
}
