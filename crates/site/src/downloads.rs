//! The open-data files under `/data/`: one CSV file a table, the sites as
//! GeoJSON, the Frictionless Data Package that describes them, and the
//! bundle (a ZIP of all of them) that a reader can cite.
//!
//! All are made together from one snapshot, so the checksums in
//! `datapackage.json` are those of the files served beside it, and kept in
//! the page cache until the data changes. Their bytes depend only on the
//! snapshot, the public address and the audit checkpoint: the same data gives
//! the same files (the ZIP's entries carry the day of the last change, not
//! the time it was made).

use crate::PublicSite;
use crate::shell::cache::Prepared;
use crate::shell::error::HtmlError;
use crate::shell::i18n::Tr;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use inferno_audit::{SignedCheckpoint, VerifyingKey};
use inferno_domain::dataset::{self, Table};
use inferno_domain::{Catalog, Lang, PartialDate};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::Arc;

pub const BUNDLE: &str = "inferno-dataset.zip";
pub const PACKAGE: &str = "datapackage.json";
pub const GEOJSON: &str = "sites.geojson";

/// The address of a file of the dataset.
pub fn href(file: &str) -> String {
    format!("/data/{file}")
}

/// The licence of the compiled records.
const LICENCE: (&str, &str, &str) =
    ("CC-BY-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/");

/// Every file of the dataset, by name, with its media type.
pub struct Files(pub Vec<(String, &'static str, Vec<u8>)>);

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The signed checkpoint of the audit log a dataset was made at, as the
/// package records it: enough for a reader to ask later for a consistency
/// proof from this tree to a newer one.
fn checkpoint_json(checkpoint: Option<&SignedCheckpoint>, key: &VerifyingKey) -> Value {
    match checkpoint {
        None => Value::Null,
        Some(s) => json!({
            "origin": s.checkpoint.origin,
            "tree_size": s.checkpoint.size,
            "root_sha256": hex::encode(s.checkpoint.root),
            "signed_at": s.checkpoint.time,
            "signature_ed25519": hex::encode(s.signature),
            "public_key_ed25519": hex::encode(key.as_bytes()),
            "text": s.to_text(),
        }),
    }
}

/// Makes every file of the dataset from one catalog.
pub fn build(
    catalog: &Catalog,
    public_url: &str,
    checkpoint: Option<&SignedCheckpoint>,
    key: &VerifyingKey,
) -> Result<Files, std::io::Error> {
    let ctx = dataset::Ctx { catalog, public_url };
    let created = dataset::last_change(catalog).unwrap_or(PartialDate { year: 1970, month: Some(1), day: Some(1) });
    let mut files: Vec<(String, &'static str, Vec<u8>)> =
        Table::ALL.into_iter().map(|t| (t.file_name(), "text/csv; charset=utf-8", t.csv(&ctx))).collect();
    files.push((GEOJSON.to_owned(), "application/geo+json", dataset::sites_geojson(&ctx)));

    let en = Tr::new(Lang::En);
    let describe = |t: Table, column: &str| en.data_column(t, column);
    let resources: Vec<Value> = Table::ALL
        .into_iter()
        .zip(&files)
        .map(|(t, (name, _, bytes))| {
            json!({
                "name": t.name(),
                "path": name,
                "profile": "tabular-data-resource",
                "description": en.data_table(t),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": bytes.len(),
                "hash": format!("sha256:{}", sha256(bytes)),
                "schema": t.schema(&describe),
            })
        })
        .collect();
    let (geo_name, _, geo) = &files[Table::ALL.len()];
    let (licence, licence_title, licence_path) = LICENCE;
    let package = json!({
        "profile": "tabular-data-package",
        "name": "inferno",
        "title": "Inferno: places where Russia holds Ukrainian prisoners of war",
        "description": "The records published on the Inferno site: detention sites, the sources graded on the Admiralty scale, what each source says about each site, published anonymised testimonies, the transfers between sites they record, and the news about the sites.",
        "homepage": format!("{public_url}/en/data"),
        "created": created.first_moment_utc(),
        "licenses": [{ "name": licence, "title": licence_title, "path": licence_path }],
        "sources": [{ "title": "Inferno", "path": format!("{public_url}/en/") }],
        "resources": resources,
        "inferno": {
            "audit_checkpoint": checkpoint_json(checkpoint, key),
            "spreadsheet_text": "A string cell of a CSV file that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a line break, also after spaces) is written with an apostrophe before it. Drop that apostrophe to get the exact value, which the JSON API and the GeoJSON keep.",
            "other_files": [{
                "path": geo_name,
                "mediatype": "application/geo+json",
                "bytes": geo.len(),
                "hash": format!("sha256:{}", sha256(geo)),
            }],
        },
    });
    let package = serde_json::to_vec_pretty(&package).map_err(std::io::Error::other)?;
    files.push((PACKAGE.to_owned(), "application/json", package));

    let bundle = zip(&files, created)?;
    files.push((BUNDLE.to_owned(), "application/zip", bundle));
    // Beside each table, the same bytes after a byte-order mark: what a
    // spreadsheet needs to read UTF-8 rather than guess a code page (Excel
    // shows Ukrainian as mojibake without it). Not in the bundle, whose
    // files are the canonical ones its package describes.
    let spreadsheet: Vec<_> = Table::ALL
        .into_iter()
        .zip(&files)
        .map(|(t, (_, _, bytes))| (spreadsheet_name(t), "text/csv; charset=utf-8", [BOM, bytes].concat()))
        .collect();
    files.extend(spreadsheet);
    Ok(Files(files))
}

/// UTF-8's byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file of a table for spreadsheets: its CSV with a byte-order mark.
pub fn spreadsheet_name(t: Table) -> String {
    format!("{}-spreadsheet.csv", t.name())
}

/// A ZIP of the files, `datapackage.json` first, each entry dated `day`.
fn zip(files: &[(String, &'static str, Vec<u8>)], day: PartialDate) -> Result<Vec<u8>, std::io::Error> {
    use zip::write::SimpleFileOptions;
    let time = zip::DateTime::from_date_and_time(day.year, day.month.unwrap_or(1), day.day.unwrap_or(1), 0, 0, 0)
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let order = files.iter().filter(|f| f.0 == PACKAGE).chain(files.iter().filter(|f| f.0 != PACKAGE));
    for (name, _, bytes) in order {
        w.start_file(format!("inferno-dataset/{name}"), options).map_err(std::io::Error::other)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish().map_err(std::io::Error::other)?.into_inner())
}

/// The name of every file of the dataset, as `/data/NAME` serves it.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = Table::ALL.iter().map(|t| t.file_name()).collect();
    out.extend([GEOJSON, PACKAGE, BUNDLE].map(String::from));
    out.extend(Table::ALL.iter().map(|&t| spreadsheet_name(t)));
    out
}

/// Whether `file` is one of the dataset's.
fn known(file: &str) -> bool {
    names().iter().any(|n| n == file)
}

/// Each file of the dataset that the page cache holds at the current
/// version, with its size: what the data page shows, once [`ensure`] has
/// made them.
pub fn cached_sizes(app: &PublicSite) -> Vec<(String, usize)> {
    let version = app.version();
    names().into_iter().filter_map(|n| app.cache.get(&href(&n), version).map(|p| (n, p.identity.len()))).collect()
}

/// Every file of the dataset at `version`, if the page cache holds them all.
fn kept(app: &PublicSite, version: i64) -> Option<Vec<(String, Arc<Prepared>)>> {
    names().into_iter().map(|n| app.cache.get(&href(&n), version).map(|p| (n, p))).collect()
}

/// Makes the dataset's files from the current snapshot unless they are
/// made already: the data page gives each one's size.
pub async fn ensure(app: &PublicSite) -> Result<(), HtmlError> {
    made(app).await.map(drop)
}

/// Every file of the dataset at the current snapshot, made (one request at
/// a time) and kept in the page cache when the cache lacks any.
async fn made(app: &PublicSite) -> Result<Vec<(String, Arc<Prepared>)>, HtmlError> {
    if let Some(kept) = kept(app, app.version()) {
        return Ok(kept);
    }
    let _one = app.building.lock().await;
    let snapshot = app.snapshot();
    if let Some(kept) = kept(app, snapshot.version) {
        return Ok(kept);
    }
    let checkpoint = app.ledger.latest_checkpoint().await.map_err(HtmlError::Unavailable)?;
    let audit_key = app.ledger.key();
    let public_url = app.config.public_url.clone();
    let catalog = snapshot.catalog.clone();
    let files = tokio::task::spawn_blocking(move || build(&catalog, &public_url, checkpoint.as_ref(), &audit_key))
        .await
        .map_err(|e| HtmlError::Internal(e.to_string()))?
        .map_err(|e| HtmlError::Internal(e.to_string()))?;
    let mut out = Vec::new();
    for (name, content_type, bytes) in files.0 {
        // The ZIP is compressed already; `export-static` sends each file once.
        let mut p = if name == BUNDLE || !app.config.keep_pages {
            Prepared::uncompressed(StatusCode::OK, content_type, bytes)
        } else {
            Prepared::new(StatusCode::OK, content_type, bytes)
        };
        p.version = snapshot.version;
        // Open data may be read from any origin (a web map loading the GeoJSON).
        p.any_origin = true;
        out.push((name.clone(), app.cache.insert(href(&name), p)));
    }
    Ok(out)
}

/// `GET /data/{file}`. The first request after a change makes every file of
/// the dataset, one request at a time; the others wait and are then served
/// from the cache.
pub async fn serve(
    State(app): State<Arc<PublicSite>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Result<Response, HtmlError> {
    if !known(&file) {
        return Err(HtmlError::NotFound);
    }
    let key = href(&file);
    if let Some(p) = app.cache.get(&key, app.version()) {
        return Ok(crate::shell::respond::send(&p, &headers));
    }
    let files = made(&app).await?;
    let p = files.into_iter().find(|(name, _)| *name == file).map(|(_, p)| p).ok_or(HtmlError::NotFound)?;
    Ok(crate::shell::respond::send(&p, &headers))
}
