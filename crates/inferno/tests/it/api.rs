//! The JSON API: every published record through stable cursors, the site
//! filters of the HTML index, ETag and CORS, JSON errors that name the
//! parameter, and schemathesis holding every answer to the OpenAPI document.

use crate::support::{Server, sample_rows};
use std::collections::BTreeSet;

async fn json(s: &Server, path: &str) -> serde_json::Value {
    let r = s.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(r.headers()["content-type"], "application/json", "{path}");
    assert_eq!(r.headers()["access-control-allow-origin"], "*", "{path}");
    serde_json::from_slice(&r.bytes().await.unwrap()).unwrap()
}

/// Every id a list gives, following `next` from the first page.
async fn walk(s: &Server, first: &str) -> Vec<String> {
    walk_by(s, first, "id").await
}

/// Every value of `field` a list gives, following `next` from the first page.
async fn walk_by(s: &Server, first: &str, field: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut next = Some(first.to_owned());
    let mut pages = 0;
    while let Some(path) = next {
        let r = s.get(&path).await;
        let link = r.headers().get("link").map(|l| l.to_str().unwrap().to_owned());
        let body: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
        ids.extend(body["data"].as_array().unwrap().iter().map(|d| d[field].as_str().unwrap().to_owned()));
        next = body["next"].as_str().map(str::to_owned);
        assert_eq!(link, next.as_ref().map(|n| format!("<{n}>; rel=\"next\"")), "{path}: the Link header");
        pages += 1;
        assert!(pages < 100, "the cursor moves on");
    }
    ids
}

#[tokio::test]
async fn the_api_gives_every_published_record_through_stable_cursors() {
    let s = Server::start();
    for (endpoint, file, limit) in [
        ("sites", "facilities.csv", 7),
        ("sources", "sources.csv", 20),
        ("testimonies", "testimonies.csv", 5),
        ("news", "news.csv", 4),
    ] {
        let ids = walk(&s, &format!("/api/v1/{endpoint}?limit={limit}")).await;
        let mut want: Vec<String> = sample_rows(file).iter().map(|r| r["id"].clone()).collect();
        want.sort();
        assert_eq!(ids, want, "{endpoint}: every record once, in id order");
        // Each record has its own address with the same fields and more.
        let one = json(&s, &format!("/api/v1/{endpoint}/{}", ids[0])).await;
        assert_eq!(one["id"], ids[0].as_str());
    }
    // Every download has an API twin: findings and transfers, which have no
    // ids, page by cursors; each row as the CSV file holds it, typed.
    for (table, limit) in [("findings", 17), ("transfers", 3)] {
        let cursors = walk_by(&s, &format!("/api/v1/{table}?limit={limit}"), "cursor").await;
        let csv =
            String::from_utf8(s.get(&format!("/data/{table}.csv")).await.bytes().await.unwrap().to_vec()).unwrap();
        let rows = crate::support::parse_csv(&csv).len() - 1;
        assert_eq!(cursors.len(), rows, "{table}: every row once");
        assert!(cursors.windows(2).all(|w| w[0] < w[1]), "{table}: in cursor order");
    }
    let first = json(&s, "/api/v1/transfers?limit=1").await;
    assert_eq!(
        (first["data"][0]["testimony_id"].as_str(), first["data"][0]["sequence"].as_i64()),
        (Some("t-01"), Some(1))
    );
    let r = s.get("/api/v1/findings?cursor=not~a~CURSOR").await;
    assert_eq!(r.status(), 400);

    // The filters of the HTML index: the same sites.
    let colonies = walk(&s, "/api/v1/sites?type=penal_colony&limit=3").await;
    let want: BTreeSet<String> = sample_rows("facilities.csv")
        .into_iter()
        .filter(|r| r["facility_type"] == "penal_colony")
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(colonies.into_iter().collect::<BTreeSet<_>>(), want);
    let html = s.page("/en/sites?type=penal_colony").await;
    assert!(html.contains(&format!("{} sites", want.len())) || html.contains(&format!("Found {}", want.len())));

    // A site with its findings, evidence and transfers.
    let olenivka = json(&s, "/api/v1/sites/ua-olenivka-ik-120").await;
    let findings = sample_rows("findings.csv").into_iter().filter(|f| f["site_id"] == "ua-olenivka-ik-120").count();
    assert_eq!(olenivka["findings"].as_array().unwrap().len(), findings);
    let to_taganrog = sample_rows("testimonies.csv")
        .iter()
        .filter(|t| {
            t["stays"].contains("ua-olenivka-ik-120@")
                && t["stays"]
                    .split('|')
                    .collect::<Vec<_>>()
                    .windows(2)
                    .any(|w| w[0].starts_with("ua-olenivka-ik-120@") && w[1].starts_with("ru-taganrog-sizo-2@"))
        })
        .count();
    let out = olenivka["transfers"]["outgoing"].as_array().unwrap();
    let route = out.iter().find(|r| r["site_id"] == "ru-taganrog-sizo-2").expect("Olenivka → Taganrog");
    assert_eq!(route["moves"], to_taganrog);
    // Its HTML page links its JSON twin.
    let page = s.page("/en/sites/ua-olenivka-ik-120").await;
    assert!(
        page.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/api/v1/sites/ua-olenivka-ik-120\">")
    );

    // ETag: the same answer again is a 304 without a body.
    let r = s.get("/api/v1/sites/ua-olenivka-ik-120").await;
    let etag = r.headers()["etag"].to_str().unwrap().to_owned();
    let again =
        s.client.get(s.url("/api/v1/sites/ua-olenivka-ik-120")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    // CORS: a preflight is answered, for reading only.
    let pre = s
        .client
        .request(reqwest::Method::OPTIONS, s.url("/api/v1/sites"))
        .header("origin", "https://example.org")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(pre.status(), 204);
    assert_eq!(pre.headers()["access-control-allow-origin"], "*");
    assert_eq!(pre.headers()["access-control-allow-methods"], "GET, HEAD, OPTIONS");
    // The open-data files may be read from any origin too, from the cache as well.
    for _ in 0..2 {
        assert_eq!(s.get("/data/sites.geojson").await.headers()["access-control-allow-origin"], "*");
    }
    // Pages are not.
    assert!(s.get("/en/").await.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn bad_parameters_get_a_json_400_that_names_them() {
    let s = Server::start();
    let long = "x".repeat(2_000);
    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=abc", "limit"),
        ("limit=", "limit"),
        ("cursor=Not%20An%20Id", "cursor"),
        ("cursor=%ff%fe", "cursor"),
        ("type=prison", "type"),
        ("country=ukraine", "country"),
        ("occupied=maybe", "occupied"),
        ("cell=99,999", "cell"),
        ("colour=red", "colour"),
        (&format!("cursor={long}") as &str, "cursor"),
    ] {
        let path = format!("/api/v1/sites?{query}");
        let r = s.get(&path).await;
        assert_eq!(r.status(), 400, "{path}");
        assert_eq!(r.headers()["content-type"], "application/json");
        let body: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
        assert_eq!(body["error"]["parameter"], param, "{path}: {body}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // Filters belong to sites only.
    let r = s.get("/api/v1/sources?type=penal_colony").await;
    assert_eq!(r.status(), 400);
    for path in ["/api/v1/sites/no-such-site", "/api/v1/sites/BAD%00ID", "/api/v1/nothing", "/api/v1/news/%E2%80%AE"] {
        let r = s.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["content-type"], "application/json", "{path}");
    }
    let r = s.client.post(s.url("/api/v1/sites")).body("{}").send().await.unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "GET, HEAD, OPTIONS");
    let body: serde_json::Value = serde_json::from_slice(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
}

/// schemathesis (PyPI; scripts/test installs it) generates requests from the
/// OpenAPI document, valid and invalid, and checks every answer against it
/// with its default checks: no server error, documented status codes, content
/// types and headers, bodies that match their schemas, valid input accepted
/// and invalid input refused.
#[tokio::test]
async fn schemathesis_finds_no_answer_that_the_openapi_document_does_not_describe() {
    let s = Server::start();
    let doc = json(&s, "/api/v1/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], s.base.as_str());
    let url = s.url("/api/v1/openapi.json");
    // schemathesis keeps a cache (`.schemathesis/`) where it runs: in a
    // directory of this run's own, not in the source tree, and no earlier
    // run's cache is replayed.
    let cwd = tempfile::tempdir().unwrap();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("schemathesis")
            .args(["run", &url, "--max-examples", "30", "--seed", "1"])
            .current_dir(cwd.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("schemathesis is missing: run scripts/test, which installs it")
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "schemathesis found failures:\n{text}{}", String::from_utf8_lossy(&out.stderr));
    let operations = doc["paths"].as_object().unwrap().len();
    assert!(text.contains(&format!("Tested: {operations}")), "every operation was tested:\n{text}");
}
