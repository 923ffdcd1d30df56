//! `inferno import`: validation with line numbers, all or nothing, and a
//! running server picking up the change.

use crate::support::{Server, run, sample_file};
use std::time::{Duration, Instant};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn sample(name: &str) -> String {
    std::fs::read_to_string(sample_file(name)).unwrap()
}

/// Replaces line `n` (1-based) of a CSV text.
fn replace_line(text: &str, n: usize, f: impl Fn(&str) -> String) -> String {
    let mut lines: Vec<String> = text.split("\r\n").map(String::from).collect();
    lines[n - 1] = f(&lines[n - 1]);
    lines.join("\r\n")
}

#[test]
fn reports_every_problem_and_imports_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let good = sample("facilities.csv");
    let bad = replace_line(&good, 3, |l| l.replace(",51.730,36.193,", ",91.5,36.193,"));
    let bad = replace_line(&bad, 4, |l| l.replace("penal_colony", "gulag"));
    let bad = replace_line(&bad, 7, |l| l.replacen("ru-donskoy-ik-1", "Donskoy IK 1", 1));
    let file = write(dir.path(), "sites.csv", &bad);

    let out = run(&["--data-dir", data, "import", "sites", &file]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.contains(&format!("{file}:3: lat: 91.5 is out of range (−90 to 90)").as_str()), "{err}");
    assert!(
        lines.iter().any(|l| l.starts_with(&format!("{file}:4: facility_type: \"gulag\" is not a known site type"))),
        "{err}"
    );
    assert!(lines.iter().any(|l| l.starts_with(&format!("{file}:7: id: \"Donskoy IK 1\" is not a valid id"))), "{err}");
    assert!(err.contains("3 problem(s); nothing was imported."), "{err}");

    // Nothing was stored: the good file now imports every row as new.
    let file = write(dir.path(), "sites.csv", &good);
    let out = run(&["--data-dir", data, "import", "sites", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{file}: imported 29 sites: 29 new, 0 changed, 0 unchanged.")
    );

    // Findings name sources that are not there yet: refused, with lines.
    let findings = sample_file("findings.csv");
    let findings = findings.to_str().unwrap();
    let out = run(&["--data-dir", data, "import", "findings", findings]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(&format!(
            "{findings}:2: source_id: unknown source \"src-bbc-2023-taganrog\" (import sources first)"
        )),
        "{err}"
    );

    // In order, everything imports; again, nothing changes.
    for (kind, name) in [
        ("sources", "sources.csv"),
        ("findings", "findings.csv"),
        ("testimonies", "testimonies.csv"),
        ("news", "news.csv"),
    ] {
        let f = sample_file(name);
        let out = run(&["--data-dir", data, "import", kind, f.to_str().unwrap()]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out = run(&["--data-dir", data, "import", "news", sample_file("news.csv").to_str().unwrap()]);
    assert!(String::from_utf8(out.stdout).unwrap().ends_with("0 new, 0 changed, 15 unchanged.\n"));
}

#[test]
fn malformed_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", vec![], "1: the file is empty"),
        (
            "no-rows.csv",
            format!("{}\n", sample("news.csv").lines().next().unwrap()).into_bytes(),
            "1: the file has a header but no rows",
        ),
        ("header-only.csv", b"id,kind\n".to_vec(), "1: date: required column is missing"),
        ("binary.csv", vec![0xff, 0xfe, 0x00, 0x01, b'\n', 0xc3, 0x28], "the row is not valid UTF-8"),
        (
            "ragged.csv",
            format!("{}\nx,y\n", sample("news.csv").lines().next().unwrap()).into_bytes(),
            "2: the row has 2 fields, the header has",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = run(&["--data-dir", data, "import", "news", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{name}: {err}");
    }
    let out = run(&["--data-dir", data, "import", "news", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open /no/such/file.csv"));
    let out = run(&["--data-dir", data, "import", "prisons", "x.csv"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses an unknown kind");
}

#[tokio::test]
async fn a_running_server_shows_an_import_within_seconds() {
    let s = Server::start();
    let before = s.get("/en/sites/ru-kursk-sizo-1").await;
    let etag = before.headers()["etag"].clone();
    assert!(before.text().await.unwrap().contains("<h1>Pre-trial detention centre No. 1 (SIZO-1), Kursk</h1>"));
    // Warm the cache of the list too.
    assert!(s.page("/en/sites").await.contains("Pre-trial detention centre No. 1 (SIZO-1), Kursk"));

    let edited = sample("facilities.csv")
        .replace("Pre-trial detention centre No. 1 (SIZO-1), Kursk", "Kursk remand prison SIZO-1");
    let file = write(s.data_dir(), "edited.csv", &edited);
    let out = run(&["--data-dir", s.data_dir().to_str().unwrap(), "import", "sites", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 changed, 28 unchanged"));

    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = s
            .client
            .get(s.url("/en/sites/ru-kursk-sizo-1"))
            .header("if-none-match", etag.clone())
            .send()
            .await
            .unwrap();
        if r.status() == 200 {
            assert_ne!(r.headers()["etag"], etag);
            assert!(r.text().await.unwrap().contains("<h1>Kursk remand prison SIZO-1</h1>"));
            break;
        }
        assert!(Instant::now() < deadline, "the page did not change");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(s.page("/en/sites").await.contains("Kursk remand prison SIZO-1"), "every cached page was dropped");
}

/// Waits (10 s at most) until the page at `path` contains `text`.
async fn shows(s: &Server, path: &str, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.page(path).await.contains(text) {
        assert!(Instant::now() < deadline, "{path} does not show {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The server applies what changed record by record; each kind of record,
/// and a source that goes with its findings, reaches the pages.
#[tokio::test]
async fn a_running_server_applies_imports_of_every_kind() {
    let s = Server::start();
    let site = "/en/sites/ru-taganrog-sizo-2";
    assert!(s.page(site).await.contains("with the UN and ICRC barred"));
    assert!(
        s.page("/en/news/news-01").await.contains("Ombudsman: Ukrainian POWs put in ordinary Rostov-region colonies")
    );
    let data = s.data_dir().to_str().unwrap().to_owned();
    let import = |kind: &str, name: &str, from: &str, to: &str| {
        let text = sample(name);
        assert!(text.contains(from), "{name}: {from}");
        let file = write(s.data_dir(), name, &text.replace(from, to));
        let out = run(&["--data-dir", &data, "import", kind, &file]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };

    import("findings", "findings.csv", "with the UN and ICRC barred", "with the UN and the ICRC kept out");
    shows(&s, site, "with the UN and the ICRC kept out").await;
    import("news", "news.csv", "Ombudsman: Ukrainian POWs", "Ombudsman: captured Ukrainians");
    shows(&s, "/en/news/news-01", "Ombudsman: captured Ukrainians").await;
    shows(&s, "/en/news", "Ombudsman: captured Ukrainians").await;
    // A new site, named by nothing else yet, and then in the list.
    let text = sample("facilities.csv");
    let header = text.split("\r\n").next().unwrap();
    let row = text.split("\r\n").nth(1).unwrap().replacen("ru-taganrog-sizo-2", "ru-new-site-1", 1);
    let file = write(s.data_dir(), "new.csv", &format!("{header}\r\n{row}\r\n"));
    let out = run(&["--data-dir", &data, "import", "sites", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.get("/en/sites/ru-new-site-1").await.status() != 200 {
        assert!(Instant::now() < deadline, "the new site did not appear");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The site's own page still shows what it showed before: nothing else changed.
    assert!(s.page(site).await.contains("with the UN and the ICRC kept out"));
}
