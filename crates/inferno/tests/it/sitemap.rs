//! The list of every public page (`/sitemap.xml`, made from the same list a
//! static mirror is to be made from) is complete and true: every page it
//! lists answers, and every link on those pages leads either to a listed page
//! or to something that is not a page of the catalog (a filter, a search, a
//! form, the API, a download).

use crate::support::locs;
use crate::support::{Server, attr_values};
use std::collections::BTreeSet;

#[tokio::test]
async fn the_sitemap_lists_every_page_and_only_pages() {
    let s = Server::start();
    let listed = check(&s).await;
    for must in [
        "/en/",
        "/uk/sites/ru-taganrog-sizo-2",
        "/en/news/news-02",
        "/uk/sources/src-bbc-2023-taganrog",
        "/uk/about",
        "/en/data",
        "/uk/transfers",
    ] {
        assert!(listed.contains(must), "{must} is listed");
    }
    // Only the canonical names of the sitemap files exist.
    assert_eq!(s.get("/sitemaps/01.xml").await.status(), 404);
    assert_eq!(s.get("/sitemaps/2.xml").await.status(), 404);
}

/// With lists long enough to have pages of their own, those are listed too.
#[tokio::test]
async fn the_pages_of_long_lists_are_in_the_sitemap() {
    let s = Server::start();
    let site = "ru-taganrog-sizo-2";
    crate::support::import_many_sources(&s, site, 45);
    for _ in 0..100 {
        if s.page(&format!("/en/sites/{site}")).await.contains("/sources\">All ") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let listed = check(&s).await;
    for must in [
        format!("/en/sites/{site}/sources"),
        format!("/uk/sites/{site}/sources/page/3"),
        format!("/en/sites/{site}/testimonies"),
    ] {
        assert!(listed.contains(&must), "{must} is listed");
    }
}

/// Reads the sitemap, checks that every listed page answers and that every
/// link on them leads to a listed page or to something that is not a page
/// of the catalog; returns what is listed.
async fn check(s: &Server) -> BTreeSet<String> {
    let index = s.page("/sitemap.xml").await;
    let mut listed = BTreeSet::new();
    for file in locs(&index) {
        let path = file.strip_prefix(&s.base).expect("an address of this site");
        for loc in locs(&s.page(path).await) {
            listed.insert(loc.strip_prefix(&s.base).expect("an address of this site").to_owned());
        }
    }
    // Not pages of the catalog: where a link may lead without being listed.
    let dynamic = |p: &str| {
        ["/api/", "/data/", "/static/", "/staff"].iter().any(|d| p.starts_with(d))
            || ["/sites?", "/search", "/submit", "/contact", "/receipt"]
                .iter()
                .any(|d| ["/en", "/uk"].iter().any(|l| p.starts_with(&format!("{l}{d}"))))
    };
    let mut missing = BTreeSet::new();
    for page in &listed {
        let r = s.get(page).await;
        assert_eq!(r.status(), 200, "{page} is listed and answers");
        let body = r.text().await.unwrap();
        for href in attr_values(&body, "href") {
            let href = href.replace("&#38;", "&").replace("&amp;", "&");
            let path = href.split('#').next().unwrap();
            if path.is_empty() || !path.starts_with('/') || path.starts_with("//") || dynamic(path) {
                continue;
            }
            if !listed.contains(path) {
                missing.insert(format!("{path} (linked from {page})"));
            }
        }
    }
    assert!(missing.is_empty(), "linked but not in the sitemap: {missing:#?}");
    listed
}
