//! `inferno export-static`: the mirror holds every page as the site serves
//! it, byte for byte; a mirror made to be browsed from a folder links only
//! to its own files (or to the live site); its search works without a server.

use crate::support::locs;
use crate::support::{Server, attr_values, export, files_under as files, run};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files only a mirror has: its search, the root's choice of language,
/// the not-found page and the headers for static hosts.
const MIRROR_ONLY: [&str; 7] = [
    "index.html",
    "404.html",
    "_headers",
    "en/search/index.html",
    "uk/search/index.html",
    "static/search-en.js",
    "static/search-uk.js",
];

/// The file an address of the site is in: a page is a folder's `index.html`.
fn file_of(address: &str) -> String {
    let path = address.trim_start_matches('/');
    if path.rsplit('/').next().unwrap().contains('.') {
        path.to_owned()
    } else if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        format!("{path}/index.html")
    }
}

#[tokio::test]
async fn the_mirror_holds_every_page_as_the_site_serves_it() {
    let s = Server::start();
    let out = tempfile::tempdir().unwrap();
    let said = export(&s, out.path(), &[]);
    let written = files(out.path());
    assert!(said.starts_with(&format!("Wrote {} files", written.len())), "{said}");

    // Every address the site lists, every asset and download, as the site sends it.
    let mut addresses = vec!["/sitemap.xml".to_owned()];
    for file in locs(&s.page("/sitemap.xml").await) {
        let file = file.strip_prefix(&s.base).unwrap().to_owned();
        addresses.extend(locs(&s.page(&file).await).iter().map(|l| l.strip_prefix(&s.base).unwrap().to_owned()));
        addresses.push(file);
    }
    for f in &written {
        if (f.starts_with("static/") || f.starts_with("data/")) && !MIRROR_ONLY.contains(&f.as_str()) {
            addresses.push(format!("/{f}"));
        }
    }
    let mut compared = BTreeSet::new();
    let mut different = Vec::new();
    for address in &addresses {
        let r = s.get(address).await;
        assert_eq!(r.status(), 200, "{address}");
        let live = r.bytes().await.unwrap();
        let file = file_of(address);
        match std::fs::read(out.path().join(&file)) {
            Ok(bytes) if bytes == live.as_ref() => {}
            Ok(_) => different.push(format!("{file} differs from {address}")),
            Err(e) => different.push(format!("{file} ({address}): {e}")),
        }
        compared.insert(file);
    }
    assert!(different.is_empty(), "the mirror is not the site: {different:#?}");
    for must in
        ["en/index.html", "uk/sites/ru-taganrog-sizo-2/index.html", "en/sites/page/2/index.html", "data/sites.geojson"]
    {
        assert!(compared.contains(must), "{must}");
    }
    let unexplained: Vec<&String> =
        written.iter().filter(|f| !compared.contains(*f) && !MIRROR_ONLY.contains(&f.as_str())).collect();
    assert!(unexplained.is_empty(), "files the site does not serve: {unexplained:?}");

    // The pages only a mirror has are valid HTML, in their language.
    let only: Vec<(String, String)> = ["index.html", "404.html", "en/search/index.html", "uk/search/index.html"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(out.path().join(f)).unwrap()))
        .collect();
    assert!(only[3].1.contains("<html lang=\"uk\"") && only[3].1.contains("mirror-search.js"));
    crate::support::html::assert_valid(&only);
    let headers = std::fs::read_to_string(out.path().join("_headers")).unwrap();
    assert!(headers.contains("content-security-policy: default-src 'none'; script-src 'self'"), "{headers}");

    // A mirror is never written over other files.
    let again = run(&["--data-dir", s.data_dir().to_str().unwrap(), "export-static", out.path().to_str().unwrap()]);
    assert!(!again.status.success());
    let e = String::from_utf8_lossy(&again.stderr);
    assert!(e.contains("is not an empty folder"), "{e}");
    assert_eq!(files(out.path()), written);
}

#[tokio::test]
async fn a_folder_mirror_links_only_to_its_own_files_or_the_live_site() {
    let s = Server::start();
    let out = tempfile::tempdir().unwrap();
    let said = export(&s, out.path(), &["--relative"]);
    assert!(said.contains("relative"), "{said}");
    let written = files(out.path());
    let mut broken = BTreeSet::new();
    let mut to_live = BTreeSet::new();
    for file in written.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.path().join(file)).unwrap();
        let here: PathBuf = Path::new(file).parent().unwrap().to_path_buf();
        for value in ["href", "src", "action"].iter().flat_map(|a| attr_values(&html, a)) {
            let value = value.replace("&#38;", "&").replace("&amp;", "&");
            if value.starts_with('#') || value.starts_with("mailto:") {
                continue;
            }
            if let Some(path) = value.strip_prefix(&s.base) {
                to_live.insert(path.split(['?', '#']).next().unwrap().to_owned());
                continue;
            }
            if value.starts_with("http://") || value.starts_with("https://") {
                continue; // a source's original, elsewhere
            }
            assert!(!value.starts_with('/'), "{file}: {value} is not relative");
            let target = value.split(['?', '#']).next().unwrap();
            let mut resolved = here.clone();
            for part in target.split('/') {
                match part {
                    ".." => assert!(resolved.pop(), "{file}: {value} leaves the mirror"),
                    "" | "." => {}
                    p => resolved.push(p),
                }
            }
            if !out.path().join(&resolved).is_file() {
                broken.insert(format!("{file}: {value}"));
            }
        }
    }
    assert!(broken.is_empty(), "links to no file: {broken:#?}");
    // What only the live site has is linked there: the forms and the API.
    for live in ["/en/submit", "/uk/contact"] {
        assert!(to_live.contains(live), "{live} in {to_live:?}");
    }
    let index = std::fs::read_to_string(out.path().join("static/search-en.js")).unwrap();
    assert!(index.contains("\"en/sites/ru-taganrog-sizo-2/index.html\""), "the index links files");
}
