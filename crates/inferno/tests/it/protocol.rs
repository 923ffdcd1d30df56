//! HTTP behaviour: security headers, caching and revalidation, compression,
//! no third-party requests, page weight.

use crate::support::{Server, attr_values, page_paths};

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

#[tokio::test]
async fn security_headers_on_every_response() {
    let s = Server::start();
    let mut paths = page_paths("uk");
    paths.extend(["/", "/en/sites/none", "/en/sites?type=x", "/healthz", "/static/style.css", "/uk"].map(String::from));
    for path in paths {
        let r = s.get(&path).await;
        let h = r.headers();
        assert_eq!(h["content-security-policy"], CSP, "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.get("set-cookie").is_none(), "{path}: no cookies for the public");
        assert!(h.get("strict-transport-security").is_none(), "{path}: no HSTS on plain http");
    }
    // The base map is an image with its own inline styles, and still no script.
    let r = s.get("/static/basemap.svg").await;
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'") && !csp.contains("script"), "{csp}");
}

#[tokio::test]
async fn no_page_loads_anything_from_another_host() {
    let s = Server::start();
    for lang in ["uk", "en"] {
        for path in page_paths(lang) {
            let html = s.page(&path).await;
            // No inline script: a script element either loads a file of ours
            // or is a schema.org data block (never run), which must be JSON.
            for (i, _) in html.match_indices("<script") {
                let tag = &html[i..i + html[i..].find('>').unwrap() + 1];
                if tag == "<script type=\"application/ld+json\">" {
                    let body = &html[i + tag.len()..i + html[i..].find("</script>").unwrap()];
                    assert!(
                        serde_json::from_str::<serde_json::Value>(body).is_ok(),
                        "{path}: a data block that is not JSON"
                    );
                    assert!(!body.contains('<'), "{path}: a data block with markup");
                } else {
                    assert!(tag.contains(" src=\"/") && !tag.contains("type="), "{path}: inline script {tag}");
                    assert!(html[i + tag.len()..].starts_with("</script>"), "{path}: a script element with a body");
                }
            }
            assert!(!html.contains(" style=\""), "{path}: inline style");
            assert!(!html.contains("<iframe"), "{path}");
            let mut loaded: Vec<&str> = Vec::new();
            loaded.extend(attr_values(&html, "src"));
            loaded.extend(attr_values(&html, "srcset"));
            loaded.extend(attr_values(&html, "action"));
            // <link href> loads stylesheets and icons; <a href> is a link, which may leave the site.
            for (i, _) in html.match_indices("<link ") {
                let tag = &html[i..i + html[i..].find('>').unwrap()];
                if !tag.contains("rel=\"canonical\"") && !tag.contains("rel=\"alternate\"") {
                    loaded.extend(attr_values(tag, "href"));
                }
            }
            for (i, _) in html.match_indices("<image ") {
                let tag = &html[i..i + html[i..].find('>').unwrap()];
                loaded.extend(attr_values(tag, "href"));
            }
            assert!(!loaded.is_empty(), "{path}");
            for url in loaded {
                assert!(url.starts_with('/') && !url.starts_with("//"), "{path}: loads {url}");
            }
        }
    }
    // The stylesheet and the script load nothing either.
    let css = s.page("/static/style.css").await;
    assert!(!css.contains("url(") && !css.contains("@import") && !css.contains("@font-face"));
    let js = s.page("/static/map.js").await;
    assert!(!js.contains("http") && !js.contains("fetch("));
}

#[tokio::test]
async fn etags_and_revalidation() {
    let s = Server::start();
    for path in ["/en/", "/uk/sites/ru-kursk-sizo-1", "/en/sites?country=RU", "/static/style.css"] {
        let r = s.get(path).await;
        assert_eq!(r.status(), 200);
        let etag = r.headers()["etag"].to_str().unwrap().to_owned();
        let again = s.client.get(s.url(path)).header("if-none-match", &etag).send().await.unwrap();
        assert_eq!(again.status(), 304, "{path}");
        assert_eq!(again.headers()["etag"], etag.as_str());
        assert!(again.bytes().await.unwrap().is_empty());
        let other = s.client.get(s.url(path)).header("if-none-match", "W/\"something-else\"").send().await.unwrap();
        assert_eq!(other.status(), 200, "{path}");
    }
    // A canonical and a non-canonical address of one page share the ETag.
    let a = s.get("/en/sites?country=RU&sort=name").await.headers()["etag"].clone();
    let b = s.get("/en/sites?country=RU").await.headers()["etag"].clone();
    assert_eq!(a, b);
    // Assets named with their hash may be kept for a year.
    let html = s.page("/en/").await;
    let css =
        attr_values(&html, "href").into_iter().find(|h| h.starts_with("/static/style.css?v=")).unwrap().to_owned();
    let r = s.get(&css).await;
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(s.get("/static/style.css").await.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn compressed_when_the_client_accepts_it() {
    let s = Server::start();
    let plain = s.get("/en/sites/ru-taganrog-sizo-2").await;
    assert!(plain.headers().get("content-encoding").is_none());
    let plain_len = plain.bytes().await.unwrap().len();
    for (accept, want) in [("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0, gzip", "gzip")] {
        let r =
            s.client.get(s.url("/en/sites/ru-taganrog-sizo-2")).header("accept-encoding", accept).send().await.unwrap();
        assert_eq!(r.headers()["content-encoding"], want, "{accept}");
        assert_eq!(r.headers()["vary"], "Accept-Encoding");
        let n = r.bytes().await.unwrap().len();
        assert!(n * 3 < plain_len, "{accept}: {n} of {plain_len}");
    }
}

/// No page over 150 KB transferred, the map included (what a browser that
/// accepts gzip downloads: the page and everything it loads).
#[tokio::test]
async fn pages_stay_light() {
    let s = Server::start();
    for lang in ["uk", "en"] {
        for path in page_paths(lang) {
            let fetch = |p: String| {
                let req = s.client.get(s.url(&p)).header("accept-encoding", "gzip");
                async move { req.send().await.unwrap().bytes().await.unwrap().len() }
            };
            let html = s.page(&path).await;
            let mut total = fetch(path.clone()).await;
            let mut assets: Vec<String> = attr_values(&html, "src").into_iter().map(String::from).collect();
            for (i, _) in html
                .match_indices("<link rel=\"stylesheet\"")
                .chain(html.match_indices("<image "))
                .chain(html.match_indices("<link rel=\"icon\""))
            {
                let tag = &html[i..i + html[i..].find('>').unwrap()];
                assets.extend(attr_values(tag, "href").into_iter().map(String::from));
            }
            assets.sort();
            assets.dedup();
            for a in assets {
                total += fetch(a.replace("&amp;", "&")).await;
            }
            assert!(total < 150 * 1024, "{path}: {total} bytes");
        }
    }
}

#[tokio::test]
async fn health_check_and_methods() {
    let s = Server::start();
    let r = s.get("/healthz").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "ok");
    let r = s.client.post(s.url("/en/sites")).body("x").send().await.unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    let r = s.client.head(s.url("/en/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
