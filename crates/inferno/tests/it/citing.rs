//! Citing a record: the meta tags reference managers read, the schema.org
//! description, and the citation line, on every site and news page in both
//! languages, each giving the record's stable address and last change.

use crate::support::{Server, attr_values, elements, sample_rows};

fn meta<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let tag = format!("<meta name=\"{name}\" content=\"");
    html.match_indices(&tag)
        .map(|(i, _)| {
            let rest = &html[i + tag.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#38;", "&").replace("&amp;", "&").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
}

#[tokio::test]
async fn every_record_page_can_be_cited_by_a_reference_manager() {
    let s = Server::start();
    let mut pages: Vec<String> = sample_rows("facilities.csv").iter().map(|r| format!("/sites/{}", r["id"])).collect();
    pages.extend(sample_rows("news.csv").iter().map(|r| format!("/news/{}", r["id"])));
    pages.extend(sample_rows("sources.csv").iter().map(|r| format!("/sources/{}", r["id"])));
    for lang in ["en", "uk"] {
        for rest in &pages {
            let path = format!("/{lang}{rest}");
            let html = s.page(&path).await;
            let url = s.url(&path);
            assert_eq!(meta(&html, "citation_public_url"), [url.as_str()], "{path}");
            assert_eq!(meta(&html, "citation_language"), [lang], "{path}");
            let h1 = elements(&html, "<h1", "</h1>")[0];
            assert_eq!(unescape(meta(&html, "citation_title")[0]), unescape(h1), "{path}");
            let online = meta(&html, "citation_online_date");
            assert_eq!(online.len(), 1, "{path}: the day it last changed");
            // The schema.org description parses, and says the same.
            let ld = html
                .split("<script type=\"application/ld+json\">")
                .nth(1)
                .expect("JSON-LD")
                .split("</script>")
                .next()
                .unwrap();
            let ld: serde_json::Value = serde_json::from_str(ld).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(ld["@context"], "https://schema.org");
            assert_eq!(ld["url"], url, "{path}");
            assert_eq!(ld["dateModified"].as_str().unwrap().replace('-', "/"), online[0], "{path}");
            // The citation line gives the stable address and the last change.
            let cite = elements(&html, "<code class=\"cite\"", "</code>")[0];
            assert!(cite.contains(&url), "{path}: {cite}");
            assert!(cite.contains(ld["dateModified"].as_str().unwrap()), "{path}: {cite}");
        }
    }
    // A site's description places it, for search engines and maps.
    let ld = s.page("/en/sites/ru-taganrog-sizo-2").await;
    assert!(ld.contains("\"latitude\":47.236"), "geo coordinates");
    // Pages that are not records carry no citation tags, and no page has a script that runs inline.
    for path in ["/en/", "/en/sites", "/en/data"] {
        let html = s.page(path).await;
        assert!(meta(&html, "citation_title").is_empty(), "{path}");
    }
    for path in ["/en/sites/ru-taganrog-sizo-2", "/uk/news/news-02"] {
        let html = s.page(path).await;
        for tag in html.split("<script").skip(1) {
            let head = &tag[..tag.find('>').unwrap()];
            assert!(
                head.contains("type=\"application/ld+json\"")
                    || !attr_values(&format!("<script{head}>"), "src").is_empty(),
                "{path}: an inline script: <script{head}>"
            );
        }
    }
}
