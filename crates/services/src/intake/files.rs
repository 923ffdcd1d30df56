//! A submission's files in the blob store: what is known of each (sealed
//! beside it), making the files of a received form durable or dropping them,
//! and the public copy of an image a reader asks for.
//!
//! The bytes of a file arrive in the web crate, which streams them through
//! age encryption into the store's incoming area as they come; from there on
//! what happens to them is decided here.

use super::Opened;
use inferno_storage::{FileOrigin, Incoming, IntakeFile, IntakeVault, NewIntakeFile};
use inferno_vault::{Key, Sealer};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// What is known of a file; stored encrypted, shown to staff.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileMeta {
    pub name: String,
    /// The type the sender's browser declared.
    pub declared: String,
    /// The type its content shows, if recognised.
    pub detected: Option<String>,
    /// What its own metadata gives away (read as it arrived; `None` for
    /// files received before this was read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveals: Option<inferno_vault::Reveals>,
    pub size: u64,
    pub sha256: String,
    /// The day it arrived.
    pub received_on: String,
}

impl FileMeta {
    /// Opens a file's sealed metadata with the submission's key.
    pub fn open(key: &dyn Key, sealed: &[u8]) -> Option<FileMeta> {
        serde_json::from_slice(&inferno_vault::decrypt(key, sealed).ok()?).ok()
    }

    /// The metadata sealed to `recipients`, as stored beside the file.
    pub fn seal(&self, recipients: &[&str]) -> Result<Vec<u8>, FileError> {
        let json = serde_json::to_vec(self).map_err(|_| FileError::Vault)?;
        inferno_vault::encrypt(recipients, &json).map_err(|_| FileError::Vault)
    }
}

/// A file encrypted into the blob store's incoming area, not yet committed.
pub struct PendingFile {
    pub incoming: Incoming,
    pub record: NewIntakeFile,
}

impl PendingFile {
    /// The row of a file just sealed into `incoming`, under a fresh random id.
    pub fn new(incoming: Incoming, origin: FileOrigin, derived_from: Option<String>, meta: Vec<u8>) -> PendingFile {
        let record = NewIntakeFile {
            id: hex::encode(inferno_vault::random_bytes::<8>()),
            blob: incoming.name.clone(),
            origin,
            derived_from,
            meta,
        };
        PendingFile { incoming, record }
    }
}

/// Why a file could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Encrypting, writing or making a file durable failed on our side.
    #[error("a file could not be encrypted or written")]
    Vault,
    /// The file is not one of the submission's own, or cannot be opened.
    #[error("no such file")]
    Unknown,
    /// A public copy was asked of something that is not an image.
    #[error("not an image whose metadata can be removed")]
    NotAnImage,
    /// A public copy was asked of an image too large to hold in memory.
    #[error("the image is too large for a public copy")]
    TooLarge,
}

/// Commits every file (fsync, rename), off the async threads. On failure
/// nothing stays: files committed before the failure are deleted.
pub async fn commit(files: Vec<PendingFile>, blobs: &IntakeVault) -> Result<Vec<NewIntakeFile>, FileError> {
    let written = tokio::task::spawn_blocking(move || {
        let mut done = Vec::new();
        for p in files {
            match p.incoming.commit() {
                Ok(_) => done.push(p.record),
                Err(e) => return Err((e, done)),
            }
        }
        Ok(done)
    })
    .await
    .map_err(|_| FileError::Vault)?;
    match written {
        Ok(done) => Ok(done),
        Err((e, done)) => {
            tracing::error!(error = %e, "cannot write an uploaded file");
            forget(&done, blobs).await;
            Err(FileError::Vault)
        }
    }
}

/// Deletes what was written of files that will not be kept, before the
/// answer goes out.
pub async fn discard(files: Vec<PendingFile>, blobs: &IntakeVault) {
    let mut names = Vec::with_capacity(files.len());
    for p in files {
        names.push(p.incoming.abandon().await);
    }
    forget_blobs(&names, blobs).await;
}

/// Deletes committed files whose rows were not stored.
pub async fn forget(files: &[NewIntakeFile], blobs: &IntakeVault) {
    let names: Vec<String> = files.iter().map(|f| f.blob.clone()).collect();
    forget_blobs(&names, blobs).await;
}

/// Deletes blobs (by name) whose rows were not stored, logging a failure.
pub async fn forget_blobs(names: &[String], blobs: &IntakeVault) {
    if !names.is_empty()
        && let Err(e) = blobs.delete_blobs(names).await
    {
        tracing::error!(error = %e, "cannot delete the files of a refused upload");
    }
}

/// The most an image may weigh to get a public copy (it is held in memory).
pub const MAX_IMAGE: u64 = 64 * 1024 * 1024;

/// Makes a copy of one of the source's images without its metadata, as a new
/// file sealed to the submission and linked to the original, which is not
/// touched. The copy is committed; its row is for [`super::change`] to store.
pub async fn public_copy(opened: &Opened, file: &str, blobs: &IntakeVault) -> Result<NewIntakeFile, FileError> {
    let f: &IntakeFile = opened
        .record
        .files
        .iter()
        .find(|f| f.id == file && f.origin == FileOrigin::Source)
        .ok_or(FileError::Unknown)?;
    let meta = FileMeta::open(&opened.key, &f.meta).ok_or(FileError::Unknown)?;
    let mime =
        meta.detected.clone().filter(|m| inferno_vault::strippable(Some(m.as_str()))).ok_or(FileError::NotAnImage)?;
    if meta.size > MAX_IMAGE {
        return Err(FileError::TooLarge);
    }
    let blob = blobs.open_blob(&f.blob).await.map_err(|_| FileError::Unknown)?;
    let incoming = blobs.create_blob().map_err(|_| FileError::Vault)?;
    let key_public = opened.record.public_key.clone();
    let key = opened.key.clone();
    let derived_from = f.id.clone();
    let today = inferno_domain::PartialDate::today().to_string();
    tokio::task::spawn_blocking(move || -> Result<NewIntakeFile, FileError> {
        let mut original = Vec::new();
        inferno_vault::open_stream(&key, std::io::BufReader::new(blob))
            .and_then(|mut r| r.read_to_end(&mut original).map_err(inferno_vault::VaultError::Io))
            .map_err(|_| FileError::Vault)?;
        let clean = inferno_vault::strip_metadata(original, &mime).map_err(|_| FileError::NotAnImage)?;
        let mut sealer = Sealer::new(&[&key_public], incoming).map_err(|_| FileError::Vault)?;
        sealer.write(&clean).map_err(|_| FileError::Vault)?;
        let incoming = sealer.finish().map_err(|_| FileError::Vault)?;
        let mut digester = inferno_vault::Digester::default();
        digester.update(&clean);
        let digest = digester.finish();
        let copy = FileMeta {
            name: format!("public-copy-{}", meta.name),
            declared: mime.clone(),
            detected: Some(mime),
            reveals: Some(inferno_vault::Reveals::default()),
            size: digest.size,
            sha256: digest.sha256,
            received_on: today,
        };
        let sealed = copy.seal(&[&key_public])?;
        let pending = PendingFile::new(incoming, FileOrigin::PublicCopy, Some(derived_from), sealed);
        pending.incoming.commit().map_err(|_| FileError::Vault)?;
        Ok(pending.record)
    })
    .await
    .map_err(|_| FileError::Vault)?
}
