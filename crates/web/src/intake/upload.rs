//! Reading a multipart form from a source: text fields into memory (bounded),
//! files streamed through age encryption into the blob store as they arrive.
//! No plaintext byte of a file is written anywhere, and a file is never held
//! whole in memory: chunks pass through a small bounded channel to a blocking
//! thread that encrypts and writes them.
//!
//! When a limit is hit the rest of the body is still read (and its files
//! discarded) so that the browser receives the answer, and the text the
//! sender typed can be shown again.

use super::limit::{Flight, Over, UploadSlot, UploadSlots};
use super::multipart::Overrun;
use inferno_services::intake::files::{self, FileMeta, PendingFile};
use inferno_storage::{FileOrigin, IntakeVault};
use inferno_vault::{Digester, METADATA_HEAD, Reveals, Sealer, clean_filename, declared_type_conflicts, sniff};
use std::collections::HashMap;

/// The most a text field may hold, in bytes (the longest answer is 20,000
/// characters; four bytes each at most).
const MAX_TEXT_BYTES: usize = 4 * inferno_domain::intake::MAX_TEXT + 1024;
/// Bytes handed to the encrypting thread at a time.
const BATCH: usize = 256 * 1024;
/// Text fields beyond these names are ignored.
const MAX_TEXT_FIELDS: usize = 32;
/// The most a leading field (the form token, the receipt) may hold: they are
/// read before anything is checked, so they are small.
const MAX_LEADING_BYTES: usize = 256;

type Multipart = multer::Multipart<'static>;
type Field = multer::Field<'static>;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_total: u64,
    pub max_file: u64,
    pub max_files: usize,
}

impl Limits {
    pub fn of(settings: &inferno_services::intake::IntakeSettings) -> Limits {
        Limits { max_total: settings.max_submission, max_file: settings.max_file, max_files: settings.max_files }
    }
}

/// Why an upload was refused. Nothing of it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    TooManyFiles {
        max: usize,
    },
    FileTooLarge {
        name: String,
        max: u64,
    },
    TooLarge {
        max: u64,
    },
    TypeMismatch {
        name: String,
        declared: String,
        actual: String,
    },
    /// The body ended before the form did, or is not a multipart form.
    Truncated,
    /// The form's first fields are not what it must start with.
    Malformed,
    /// Writing or encrypting failed on our side.
    Storage,
    /// This server passes submissions to the intake node, which cannot be
    /// reached: nothing was sent or kept.
    IntakeNodeDown,
    /// The database did not answer: nothing was kept, and the source can
    /// send the same again in a moment. The reference its cause was logged under.
    Database(String),
    /// Too many submissions from this client this hour.
    RateLimited,
    /// Too many uploads in flight: from this client, or from everyone.
    Busy(super::Over),
    /// The disk is too full to take this upload.
    DiskFull,
    /// The form's token does not match its cookie: a stale or forged form,
    /// or (`no_cookie`) a browser that keeps no cookie, which is told so
    /// instead of "expired" for ever.
    Token {
        no_cookie: bool,
    },
}

/// What was read.
#[derive(Default)]
pub struct Upload {
    pub text: HashMap<String, String>,
    /// Text fields that were longer than any field may be.
    pub oversized: Vec<String>,
    pub files: Vec<PendingFile>,
    pub error: Option<UploadError>,
}

impl Upload {
    /// Deletes what was written of every file, before the answer goes out.
    pub async fn discard(&mut self, blobs: &IntakeVault) {
        files::discard(std::mem::take(&mut self.files), blobs).await;
    }

    pub fn get(&self, name: &str) -> &str {
        self.text.get(name).map_or("", String::as_str)
    }
}

/// What a multipart error means for the sender: the body ended early (a
/// connection cut off, or one that stopped sending), it was larger than any
/// form may be, or it is not a well-formed form (a header that is too long or
/// has characters that are not allowed).
fn multipart_error(e: &multer::Error, limit: u64) -> UploadError {
    use multer::Error as E;
    match e {
        E::IncompleteStream | E::IncompleteFieldData { .. } | E::IncompleteHeaders => UploadError::Truncated,
        E::FieldSizeExceeded { .. } | E::StreamSizeExceeded { .. } => UploadError::TooLarge { max: limit },
        E::StreamReadFailed(inner) => {
            let overrun = inner.downcast_ref::<std::io::Error>().and_then(|io| io.get_ref()?.downcast_ref::<Overrun>());
            match overrun {
                Some(Overrun::Body) => UploadError::TooLarge { max: limit },
                Some(Overrun::Head) => UploadError::Malformed,
                None => UploadError::Truncated,
            }
        }
        _ => UploadError::Malformed,
    }
}

/// Reads text fields until `count` have been read; a file before then, or a
/// field longer than a token or a receipt can be, is malformed and ends the
/// reading at once.
pub async fn read_leading_text(mp: &mut Multipart, count: usize, up: &mut Upload) -> Result<(), UploadError> {
    for _ in 0..count {
        let mut field = mp.next_field().await.map_err(|e| multipart_error(&e, 0))?.ok_or(UploadError::Malformed)?;
        if field.file_name().is_some() {
            return Err(UploadError::Malformed);
        }
        let name = field.name().unwrap_or("").to_owned();
        let mut value = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e, 0))? {
            if value.len() + chunk.len() > MAX_LEADING_BYTES {
                return Err(UploadError::Malformed);
            }
            value.extend_from_slice(&chunk);
        }
        up.text.insert(name, String::from_utf8_lossy(&value).into_owned());
    }
    Ok(())
}

async fn read_text(mut field: Field, up: &mut Upload) -> Result<(), UploadError> {
    let name = field.name().unwrap_or("").to_owned();
    let mut value = Vec::new();
    let mut oversized = false;
    while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e, 0))? {
        if value.len() + chunk.len() > MAX_TEXT_BYTES {
            oversized = true;
        } else {
            value.extend_from_slice(&chunk);
        }
    }
    if oversized {
        up.oversized.push(name);
    } else if up.text.len() < MAX_TEXT_FIELDS || up.text.contains_key(&name) {
        up.text.insert(name, String::from_utf8_lossy(&value).into_owned());
    }
    Ok(())
}

/// Where a form's files take their place among the uploads in flight, and
/// whose they are.
#[derive(Clone, Copy)]
pub struct Places<'a> {
    pub slots: &'a UploadSlots,
    pub clients: [&'a str; 2],
}

/// Reads the rest of the form, encrypting files to `recipients`. The first
/// file takes a place among the uploads in flight (`places`), held until the
/// form is read; text alone takes none. With an error already set, files are
/// read and discarded, and take no place.
pub async fn read(
    mp: &mut Multipart,
    up: &mut Upload,
    limits: Limits,
    blobs: &IntakeVault,
    recipients: &[String],
    today: &str,
    places: Places<'_>,
) {
    let mut total: u64 = 0;
    let mut slot: Option<UploadSlot<'_>> = None;
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                up.error.get_or_insert(multipart_error(&e, limits.max_total));
                break;
            }
        };
        let Some(raw_name) = field.file_name().map(str::to_owned) else {
            if let Err(e) = read_text(field, up).await {
                up.error.get_or_insert(e);
                break;
            }
            continue;
        };
        // An empty file input (nothing chosen) sends a part with no name.
        if raw_name.is_empty() || up.error.is_some() {
            if let Err(e) = drain(field).await {
                up.error.get_or_insert(e);
                break;
            }
            continue;
        }
        if up.files.len() >= limits.max_files {
            up.error = Some(UploadError::TooManyFiles { max: limits.max_files });
            let _ = drain(field).await;
            continue;
        }
        let flight = match &slot {
            Some(s) => s.flight.clone(),
            None => match places.slots.enter(&places.clients) {
                Ok(s) => slot.insert(s).flight.clone(),
                Err(over) => {
                    up.error = Some(UploadError::Busy(over));
                    let _ = drain(field).await;
                    continue;
                }
            },
        };
        match stream_file(field, &raw_name, limits, &mut total, blobs, recipients, today, &flight).await {
            Ok(p) => up.files.push(p),
            Err(e) => up.error = Some(e),
        }
        // An upload that lost its place to a faster one is answered at
        // once: reading the rest of a trickle would hold the connection.
        if flight.was_evicted() {
            break;
        }
    }
    if up.error.is_some() {
        up.discard(blobs).await;
    }
}

async fn drain(mut field: Field) -> Result<(), UploadError> {
    while field.chunk().await.map_err(|e| multipart_error(&e, 0))?.is_some() {}
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn stream_file(
    mut field: Field,
    raw_name: &str,
    limits: Limits,
    total: &mut u64,
    blobs: &IntakeVault,
    recipients: &[String],
    today: &str,
    flight: &Flight,
) -> Result<PendingFile, UploadError> {
    let name = clean_filename(raw_name);
    let declared: String =
        field.content_type().map(ToString::to_string).unwrap_or_default().chars().take(100).collect();
    let incoming = blobs.create_blob().map_err(|e| {
        tracing::error!(error = %e, "cannot create a blob");
        UploadError::Storage
    })?;
    // Bytes go to the writer in batches of BATCH: one thread wake-up per
    // batch rather than per network read, and at most 4 batches queued.
    // They are copied out of the network's buffers, which are dropped at
    // once: a buffer still held is one the HTTP and multipart readers cannot
    // reuse, so each read would take a new one, from a mapping of its own
    // that the kernel zeroes (a third of an upload's time, measured with
    // perf). The batches themselves go round: the writer hands each back.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let (give_back, mut spare) = tokio::sync::mpsc::channel::<Vec<u8>>(6);
    let r = recipients.to_vec();
    let writer = tokio::task::spawn_blocking(move || {
        let refs: Vec<&str> = r.iter().map(String::as_str).collect();
        let mut sealer = Sealer::new(&refs, incoming)?;
        while let Some(mut bytes) = rx.blocking_recv() {
            sealer.write(&bytes)?;
            bytes.clear();
            let _ = give_back.try_send(bytes);
        }
        // The thread writing behind ends here, not at the commit: the rest
        // of the form may take long to arrive.
        let mut incoming = sealer.finish()?;
        incoming.settle()?;
        Ok::<_, inferno_vault::VaultError>(incoming)
    });
    // Hashing here and encrypting there keeps two cores busy.
    let mut digester = Digester::default();
    // The file's start: its type, and what its metadata gives away.
    let mut head: Vec<u8> = Vec::with_capacity(1024);
    let mut batch: Vec<u8> = Vec::with_capacity(BATCH);
    let mut size: u64 = 0;
    let outcome = loop {
        let next = tokio::select! {
            next = field.chunk() => next,
            () = flight.evicted() => break Err(UploadError::Busy(Over::Everyone)),
        };
        let chunk = match next {
            Ok(Some(c)) => c,
            Ok(None) => break Ok(()),
            Err(e) => break Err(multipart_error(&e, limits.max_total)),
        };
        flight.moved(chunk.len() as u64);
        size += chunk.len() as u64;
        *total += chunk.len() as u64;
        if size > limits.max_file {
            break Err(UploadError::FileTooLarge { name: name.clone(), max: limits.max_file });
        }
        if *total > limits.max_total {
            break Err(UploadError::TooLarge { max: limits.max_total });
        }
        if head.len() < METADATA_HEAD {
            let take = (METADATA_HEAD - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        digester.update(&chunk);
        batch.extend_from_slice(&chunk);
        drop(chunk);
        if batch.len() >= BATCH {
            let next = spare.try_recv().unwrap_or_else(|_| Vec::with_capacity(BATCH));
            if tx.send(std::mem::replace(&mut batch, next)).await.is_err() {
                break Err(UploadError::Storage);
            }
        }
    };
    let outcome = match outcome {
        Ok(()) if !batch.is_empty() => tx.send(batch).await.map_err(|_| UploadError::Storage),
        other => other,
    };
    drop(tx);
    // The writer finishes (or fails) either way; what it wrote of an unwanted
    // blob is deleted before the answer (or, if it failed, when dropped).
    let written = writer.await;
    if let Err(e) = outcome {
        if let Ok(Ok(incoming)) = written {
            files::forget_blobs(&[incoming.abandon().await], blobs).await;
        }
        if matches!(e, UploadError::FileTooLarge { .. } | UploadError::TooLarge { .. }) && !flight.was_evicted() {
            let _ = drain(field).await;
        }
        return Err(e);
    }
    let digest = digester.finish();
    let incoming = match written {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "cannot encrypt an uploaded file");
            return Err(UploadError::Storage);
        }
        Err(_) => return Err(UploadError::Storage),
    };
    let sniffed = sniff(&head);
    if let Some(actual) = declared_type_conflicts(&declared, sniffed) {
        files::forget_blobs(&[incoming.abandon().await], blobs).await;
        return Err(UploadError::TypeMismatch { name, declared, actual: actual.to_owned() });
    }
    let meta = FileMeta {
        name,
        declared,
        detected: sniffed.map(|s| s.mime.to_owned()),
        reveals: Some(Reveals::of(&head)),
        size: digest.size,
        sha256: digest.sha256,
        received_on: today.to_owned(),
    };
    let refs: Vec<&str> = recipients.iter().map(String::as_str).collect();
    let sealed_meta = meta.seal(&refs).map_err(|_| UploadError::Storage)?;
    Ok(PendingFile::new(incoming, FileOrigin::Source, None, sealed_meta))
}
