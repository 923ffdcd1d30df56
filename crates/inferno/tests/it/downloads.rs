//! The open-data downloads, read by the tools researchers use: GDAL opens the
//! GeoJSON, Python's csv module reads every CSV back to the same rows,
//! feedparser reads the Atom feeds, and `frictionless validate` accepts the
//! dataset bundle, whose checkpoint `inferno audit verify --against` checks.

use crate::support::{Server, run, sample_file, sample_rows};
use std::path::Path;
use std::process::Command;

const TABLES: [&str; 6] = ["sites", "sources", "findings", "testimonies", "transfers", "news"];

/// Runs a tool the downloads are meant for; it must be installed (scripts/test does).
fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is missing ({e}): run scripts/test, which installs it"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

fn python(script: &str, args: &[&str]) -> String {
    let mut all = vec!["-c", script];
    all.extend_from_slice(args);
    tool("python3", &all)
}

async fn download(s: &Server, path: &str, to: &Path) -> Vec<u8> {
    let r = s.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    let bytes = r.bytes().await.unwrap().to_vec();
    std::fs::write(to, &bytes).unwrap();
    bytes
}

/// The rows Python's csv module reads from a file.
fn python_rows(file: &Path) -> Vec<Vec<String>> {
    let json = python(
        "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    print(json.dumps(list(csv.reader(f))))",
        &[file.to_str().unwrap()],
    );
    serde_json::from_str(&json).unwrap()
}

#[tokio::test]
async fn every_download_reads_back_in_the_tools_researchers_use() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let sites = sample_rows("facilities.csv");

    // Every CSV: Python reads the rows our own reader (the importer's csv crate) wrote.
    for table in TABLES {
        let file = dir.path().join(format!("{table}.csv"));
        let path = format!("/data/{table}.csv");
        let r = s.get(&path).await;
        assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8", "{path}");
        download(&s, &path, &file).await;
        let rows = python_rows(&file);
        let mut reader = crate::support::parse_csv(&std::fs::read_to_string(&file).unwrap());
        assert_eq!(rows.len(), reader.len(), "{table}: Python and the importer's reader agree on the rows");
        assert_eq!(rows, std::mem::take(&mut reader), "{table}");
        assert!(rows.len() > 1, "{table} has rows");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{table}: every row has every column");
    }
    let site_rows = python_rows(&dir.path().join("sites.csv"));
    assert_eq!(site_rows.len() - 1, sites.len(), "one row a published site");
    let header = &site_rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let taganrog = site_rows.iter().find(|r| r[0] == "ru-taganrog-sizo-2").expect("Taganrog is in sites.csv");
    let sample = sites.iter().find(|r| r["id"] == "ru-taganrog-sizo-2").unwrap();
    assert_eq!(taganrog[col("name_en")], sample["name_en"]);
    assert_eq!(taganrog[col("lat")].parse::<f64>().unwrap(), sample["lat"].parse::<f64>().unwrap());
    assert_eq!(taganrog[col("url")], s.url("/en/sites/ru-taganrog-sizo-2"));

    // transfers.csv: one row for each pair of consecutive stays of a testimony.
    let moves: usize = sample_rows("testimonies.csv").iter().map(|t| t["stays"].split('|').count() - 1).sum();
    let transfers = python_rows(&dir.path().join("transfers.csv"));
    assert_eq!(transfers.len() - 1, moves);
    assert!(
        transfers.contains(
            &["t-01", "1", "ua-olenivka-ik-120", "ru-taganrog-sizo-2", "2022-05", "2022-09", ""]
                .map(String::from)
                .to_vec()
        ),
        "{transfers:?}"
    );

    // GDAL reads every feature with its properties.
    let geojson = dir.path().join("sites.geojson");
    download(&s, "/data/sites.geojson", &geojson).await;
    let summary = tool("ogrinfo", &["-ro", "-so", "-al", geojson.to_str().unwrap()]);
    assert!(summary.contains(&format!("Feature Count: {}", sites.len())), "{summary}");
    assert!(summary.contains("Geometry: Point"), "{summary}");
    let features = tool("ogrinfo", &["-ro", "-al", "-q", geojson.to_str().unwrap()]);
    assert!(features.contains(&format!("name_en (String) = {}", sample["name_en"])), "{features}");
    assert!(features.contains("POINT (38.897 47.236)"), "longitude first: {features}");
    assert!(features.contains("sources (Integer) = "), "counts are numbers: {features}");

    // feedparser reads both feeds without complaint, every entry with its link.
    let news = sample_rows("news.csv");
    for lang in ["en", "uk"] {
        let feed = dir.path().join(format!("{lang}.atom"));
        download(&s, &format!("/{lang}/news.atom"), &feed).await;
        let out = python(
            "import feedparser, json, sys\nd = feedparser.parse(sys.argv[1])\nprint(json.dumps({'bozo': int(d.bozo), 'error': str(d.get('bozo_exception', '')), 'title': d.feed.title, 'entries': [[e.title, e.link] for e in d.entries]}))",
            &[feed.to_str().unwrap()],
        );
        let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed["bozo"], 0, "{lang}: {parsed}");
        let entries = parsed["entries"].as_array().unwrap();
        assert_eq!(entries.len(), news.len().min(50), "{lang}");
        for e in entries {
            let link = e[1].as_str().unwrap();
            assert!(link.starts_with(&s.url(&format!("/{lang}/news/"))), "{link}");
            let path = link.strip_prefix(&s.base).unwrap();
            assert_eq!(s.get(path).await.status(), 200, "{link}");
        }
    }
    // Every page links the feed of its language.
    let home = s.page("/uk/").await;
    assert!(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), "the head links the feed");
    assert!(home.contains("href=\"/uk/news.atom\""));
}

#[tokio::test]
async fn the_bundle_is_a_valid_data_package_with_checksums_and_the_checkpoint_it_was_made_at() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("inferno-dataset.zip");
    let r = s.get("/data/inferno-dataset.zip").await;
    assert_eq!(r.headers()["content-type"], "application/zip");
    download(&s, "/data/inferno-dataset.zip", &zip).await;
    let out = dir.path().join("unpacked");
    python(
        "import zipfile, sys\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        &[zip.to_str().unwrap(), out.to_str().unwrap()],
    );
    let root = out.join("inferno-dataset");
    let package = root.join("datapackage.json");
    let report = tool("frictionless", &["validate", "--json", package.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("{e}: {report}"));
    assert_eq!(report["valid"], true, "{report:#}");
    assert_eq!(report["tasks"].as_array().unwrap().len(), TABLES.len(), "every table was validated");

    // The files in the bundle are those served beside it, with the checksums the package gives.
    let described: serde_json::Value = serde_json::from_slice(&std::fs::read(&package).unwrap()).unwrap();
    for resource in described["resources"].as_array().unwrap() {
        let path = resource["path"].as_str().unwrap();
        let inside = std::fs::read(root.join(path)).unwrap();
        let served = s.get(&format!("/data/{path}")).await.bytes().await.unwrap();
        assert_eq!(inside, served.to_vec(), "{path}: the bundle's copy is the served file");
        use sha2::Digest;
        let hash = format!("sha256:{:x}", sha2::Sha256::digest(&inside));
        assert_eq!(resource["hash"], hash, "{path}");
        assert_eq!(resource["bytes"], inside.len(), "{path}");
        assert!(
            resource["schema"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| !f["description"].as_str().unwrap().is_empty())
        );
    }
    let served_package = s.get("/data/datapackage.json").await.bytes().await.unwrap();
    assert_eq!(served_package.to_vec(), std::fs::read(&package).unwrap(), "datapackage.json is served alone too");
    assert!(root.join("sites.geojson").exists());

    // The checkpoint: the log as it is now is consistent with it.
    let checkpoint = described["inferno"]["audit_checkpoint"]["text"].as_str().expect("a signed checkpoint");
    let saved = dir.path().join("checkpoint.txt");
    std::fs::write(&saved, checkpoint).unwrap();
    let data = s.data_dir().to_str().unwrap().to_owned();
    let verified = run(&["--data-dir", &data, "audit", "verify", "--against", saved.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));

    // The same data gives the same bytes: asked again, the bundle is unchanged.
    let again = s.get("/data/inferno-dataset.zip").await.bytes().await.unwrap();
    assert_eq!(again.to_vec(), std::fs::read(&zip).unwrap());

    // A change to the data is in the next bundle, under a newer checkpoint.
    let edited = dir.path().join("sites.csv");
    let text = std::fs::read_to_string(sample_file("facilities.csv")).unwrap();
    std::fs::write(&edited, text.replace("(SIZO-2), Taganrog\"", "(SIZO-2), Taganrog (renamed)\"")).unwrap();
    assert!(run(&["--data-dir", &data, "import", "sites", edited.to_str().unwrap()]).status.success());
    let mut renamed = false;
    for _ in 0..50 {
        let csv = s.page("/data/sites.csv").await;
        if csv.contains("Taganrog (renamed)") {
            renamed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(renamed, "sites.csv shows the change");
    let newer: serde_json::Value = serde_json::from_str(&s.page("/data/datapackage.json").await).unwrap();
    let (before, after) = (
        described["inferno"]["audit_checkpoint"]["tree_size"].as_u64().unwrap(),
        newer["inferno"]["audit_checkpoint"]["tree_size"].as_u64().unwrap(),
    );
    assert!(after > before, "the import was audited, and the new bundle carries the newer checkpoint");
    assert_ne!(newer["resources"][0]["hash"], described["resources"][0]["hash"]);
}

#[tokio::test]
async fn the_data_page_documents_every_column_in_both_languages() {
    let s = Server::start();
    for lang in ["en", "uk"] {
        let html = s.page(&format!("/{lang}/data")).await;
        for table in TABLES {
            assert!(html.contains(&format!("href=\"/data/{table}.csv\"")), "{lang}: links {table}.csv");
            // Every column of the served file has a row in the page's table of columns.
            let csv = s.page(&format!("/data/{table}.csv")).await;
            for column in csv.lines().next().unwrap().split(',') {
                assert!(
                    html.contains(&format!("<th scope=\"row\"><code>{column}</code></th>")),
                    "{lang}: {table}.{column}"
                );
            }
        }
        for href in ["/data/inferno-dataset.zip", "/data/sites.geojson", "/data/datapackage.json"] {
            assert!(html.contains(&format!("href=\"{href}\"")), "{lang}: {href}");
        }
        // Each file with its size as served, its copy for spreadsheets and
        // its API twin; the API's address, document and paging described.
        for table in TABLES {
            let canonical = s.get(&format!("/data/{table}.csv")).await.bytes().await.unwrap();
            let spreadsheet = s.get(&format!("/data/{table}-spreadsheet.csv")).await.bytes().await.unwrap();
            assert_eq!(&spreadsheet[..3], b"\xEF\xBB\xBF", "{table}: a byte-order mark");
            assert_eq!(&spreadsheet[3..], &canonical[..], "{table}: otherwise the same bytes");
            let size = |n: usize| match (n < 1024, lang) {
                (true, "uk") => format!("({n} Б)"),
                (true, _) => format!("({n} B)"),
                (false, "uk") => format!("({} КБ)", format!("{:.1}", n as f64 / 1024.0).replace('.', ",")),
                (false, _) => format!("({:.1} KiB)", n as f64 / 1024.0),
            };
            let item =
                html.split(&format!("href=\"/data/{table}.csv\"")).nth(1).unwrap().split("</li>").next().unwrap();
            assert!(item.contains(&size(canonical.len())) && item.contains(&size(spreadsheet.len())), "{lang}: {item}");
            assert!(item.contains("href=\"/api/v1/"), "{lang} {table}: its API twin");
            let api = item.split("href=\"/api/v1/").nth(1).unwrap().split('"').next().unwrap();
            assert_eq!(s.get(&format!("/api/v1/{api}")).await.status(), 200, "{table}: /api/v1/{api}");
        }
        assert!(html.contains(&format!("<code>{}/api/v1</code>", s.base)), "{lang}: the base address");
        assert!(html.contains("href=\"/api/v1/openapi.json\"") && html.contains("<pre><code>curl &#39;"), "{lang}");
    }
    assert_eq!(s.get("/data/nothing.csv").await.status(), 404);
    assert_eq!(s.get("/data/..%2Finferno.sqlite3").await.status(), 404);
}
