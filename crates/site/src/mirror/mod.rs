//! `inferno export-static`: the whole public site as files that any static
//! host can serve, or that can be browsed from a folder.
//!
//! The files are what the site answers: every address of
//! [`crate::pages::every_page`] (both languages), the static assets, the
//! downloads and the sitemap are asked of the site's own router, in this
//! process, and written as they come (`en/sites/ID` as
//! `en/sites/ID/index.html`), so that a mirror cannot drift from the live
//! site. Three files exist only in a mirror: the search page (whose results
//! a script finds in a prebuilt index, `static/search-LANG.js`), the page at
//! the root (a choice of language, where the live site reads the browser's
//! preference) and `404.html`. `_headers` gives the site's security headers
//! to hosts that read that file.
//!
//! With `folder`, every link to a page of the mirror is rewritten relative to
//! the file it is in, ending in `index.html`, so that the copy works from a
//! folder or a USB stick; a link to what only the live site has (the forms,
//! the API) leads to the live site.

mod links;

use crate::PublicSite;
use crate::pages;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use inferno_domain::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;

/// What a mirror holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum MirrorError {
    #[error("{0} is not an empty folder: a mirror is written into a new or empty one")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("the site answered {status} for {path}")]
    Answer { path: String, status: StatusCode },
    #[error("cannot make {what}: {message}")]
    Make { what: String, message: String },
}

/// The security headers of every answer, given to static hosts in `_headers`.
const SECURITY_HEADERS: [&str; 8] = [
    "content-security-policy",
    "referrer-policy",
    "x-content-type-options",
    "x-frame-options",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "permissions-policy",
    "strict-transport-security",
];

/// The file an address is written to: a page's address is a folder with
/// its `index.html`, a file's (its last segment has a dot) is the file.
pub fn file_of(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("").trim_start_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        path.to_owned()
    } else if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        format!("{path}/index.html")
    }
}

/// The mirror's search page in one language (the live site's address, a mirror's file).
fn search_page(lang: Lang) -> String {
    file_of(&format!("/{}/search", lang.code()))
}

/// The mirror's search index in one language.
fn search_index(lang: Lang) -> String {
    format!("static/search-{}.js", lang.code())
}

/// The page at the root, the not-found page and the headers for static hosts.
const ROOT: &str = "index.html";
const NOT_FOUND: &str = "404.html";
const HEADERS: &str = "_headers";

/// The files only a mirror has (see the module's documentation).
fn mirror_only() -> Vec<String> {
    let mut files: Vec<String> = Lang::ALL.into_iter().flat_map(|l| [search_page(l), search_index(l)]).collect();
    files.extend([ROOT, NOT_FOUND, HEADERS].map(String::from));
    files
}

/// Where the files go, and how their links are written.
struct Writer {
    out: PathBuf,
    /// Rewrite the links of pages relative to their file.
    folder: bool,
    /// Every file the mirror holds, known before any is written.
    held: BTreeSet<String>,
    origin: String,
}

impl Writer {
    /// Writes one file; returns its size.
    fn write(&self, file: &str, body: Vec<u8>) -> Result<u64, MirrorError> {
        let body = if self.folder && file.ends_with(".html") {
            links::relative(&String::from_utf8_lossy(&body), file, &self.held, &self.origin).into_bytes()
        } else {
            body
        };
        let path = self.out.join(file);
        let write = |path: &Path| -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, &body)
        };
        write(&path).map_err(|source| MirrorError::Write { path: path.clone(), source })?;
        Ok(body.len() as u64)
    }
}

/// Whether `address` is one of the intake forms (`/{lang}/submit`, …).
fn is_intake_form(address: &str) -> bool {
    let mut parts = address.trim_start_matches('/').split(['/', '?']);
    parts.next().and_then(Lang::from_code).is_some()
        && parts.next().is_some_and(|s| inferno_domain::id::INTAKE_SEGMENTS.contains(&s))
}

/// Writes the mirror of the published site into `out` (made if missing,
/// refused unless empty), browsable from a folder when `folder` is set.
/// Pages are asked for and written a few at a time (one per core), each
/// written as soon as it is made, so memory stays that of a few pages.
pub async fn export(app: Arc<PublicSite>, out: &Path, folder: bool) -> Result<Report, MirrorError> {
    let not_empty = std::fs::read_dir(out).map(|mut d| d.next().is_some()).unwrap_or(false);
    if not_empty || (out.exists() && !out.is_dir()) {
        return Err(MirrorError::NotEmpty(out.to_owned()));
    }
    let router = crate::router(app.clone());
    let snapshot = app.snapshot();
    let mut addresses = pages::every_page(&snapshot.catalog);
    // The forms a source uses live only on the live site: a copy elsewhere
    // would post what a source types to whoever hosts the mirror.
    if let Some(form) = addresses.iter().find(|a| is_intake_form(a)) {
        return Err(MirrorError::Make { what: form.clone(), message: "an intake form is never mirrored".into() });
    }
    addresses.extend(crate::shell::assets::names().map(|n| format!("/static/{n}")));
    addresses.extend(crate::downloads::names().iter().map(|n| crate::downloads::href(n)));
    addresses.push("/sitemap.xml".into());
    addresses.extend(crate::sitemap::files(&snapshot.catalog).map(|n| format!("/sitemaps/{n}")));
    let held = addresses.iter().map(|a| file_of(a)).chain(mirror_only()).collect();
    let writer = Arc::new(Writer { out: out.to_owned(), folder, held, origin: app.config.public_url.clone() });

    let mut report = Report { files: 0, bytes: 0 };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let limit = Arc::new(tokio::sync::Semaphore::new(cores));
    let mut tasks = tokio::task::JoinSet::new();
    let joined = |r: Result<Result<u64, MirrorError>, tokio::task::JoinError>| {
        r.map_err(|e| MirrorError::Make { what: "a page".into(), message: e.to_string() })?
    };
    for address in addresses {
        let permit = limit
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| MirrorError::Make { what: address.clone(), message: e.to_string() })?;
        let (router, writer) = (router.clone(), writer.clone());
        tasks.spawn(async move {
            let _permit = permit;
            let (status, _, body) = ask(&router, &address).await?;
            if status != StatusCode::OK {
                return Err(MirrorError::Answer { path: address, status });
            }
            writer.write(&file_of(&address), body)
        });
        while let Some(done) = tasks.try_join_next() {
            report.bytes += joined(done)?;
            report.files += 1;
        }
    }
    while let Some(done) = tasks.join_next().await {
        report.bytes += joined(done)?;
        report.files += 1;
    }

    let mut only: Vec<(String, Vec<u8>)> = Vec::new();
    let records = inferno_search::mirror_records(&snapshot.catalog);
    for lang in Lang::ALL {
        let make = |e: crate::shell::error::HtmlError| MirrorError::Make {
            what: format!("the {} search", lang.code()),
            message: format!("{e:?}"),
        };
        let (page, index) = pages::mirror_search(&app, lang, &records, folder).map_err(make)?;
        only.push((search_page(lang), page.into_bytes()));
        only.push((search_index(lang), index.into_bytes()));
    }
    only.push((ROOT.into(), root_page().into_bytes()));
    let (_, headers, not_found) = ask(&router, "/en/this-page-is-not-in-the-mirror").await?;
    only.push((NOT_FOUND.into(), not_found));
    only.push((HEADERS.into(), headers_file(&headers).into_bytes()));
    for (file, body) in only {
        report.bytes += writer.write(&file, body)?;
        report.files += 1;
    }
    Ok(report)
}

/// The site's answer to a `GET` of `address`: status, headers and body as
/// they would be sent to a browser asking for no compression.
async fn ask(
    router: &axum::Router,
    address: &str,
) -> Result<(StatusCode, axum::http::HeaderMap, Vec<u8>), MirrorError> {
    let failed = |message: String| MirrorError::Make { what: address.to_owned(), message };
    let request = Request::get(address).body(Body::empty()).map_err(|e| failed(e.to_string()))?;
    let response = router.clone().oneshot(request).await.map_err(|e| failed(e.to_string()))?;
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.map_err(|e| failed(e.to_string()))?;
    Ok((parts.status, parts.headers, bytes.to_vec()))
}

/// The page at the root of a mirror: the live site sends a browser to its
/// preferred language, which a file cannot know.
fn root_page() -> String {
    let css = crate::shell::assets::url("style.css");
    format!(
        "<!DOCTYPE html>\n<html lang=\"uk\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Inferno</title>\n<link rel=\"stylesheet\" href=\"{css}\">\n</head>\n<body>\n<main id=\"main\">\n\
         <h1>Inferno</h1>\n<ul>\n<li><a href=\"/uk/\">Українською</a></li>\n\
         <li lang=\"en\"><a href=\"/en/\" hreflang=\"en\">In English</a></li>\n</ul>\n</main>\n</body>\n</html>\n"
    )
}

/// `_headers` (read by Netlify, Cloudflare Pages and others): the headers
/// the live site sends with every answer, for every file of the mirror.
fn headers_file(headers: &axum::http::HeaderMap) -> String {
    let mut out = String::from("/*\n");
    for name in SECURITY_HEADERS {
        if let Some(v) = headers.get(name).and_then(|v| v.to_str().ok()) {
            out.push_str(&format!("  {name}: {v}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::file_of;

    #[test]
    fn addresses_become_files() {
        assert_eq!(file_of("/en/"), "en/index.html");
        assert_eq!(file_of("/en/sites/ru-x"), "en/sites/ru-x/index.html");
        assert_eq!(file_of("/en/sites/page/2?sort=sources"), "en/sites/page/2/index.html");
        assert_eq!(file_of("/en/news.atom"), "en/news.atom");
        assert_eq!(file_of("/static/style.css?v=abc"), "static/style.css");
        assert_eq!(file_of("/"), "index.html");
    }
}
