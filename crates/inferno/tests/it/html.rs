//! Every page type, in both languages, passes the Nu HTML Checker (vnu).

use crate::support::{Server, page_paths};
use std::path::PathBuf;
use std::process::Command;

/// The checker's jar: `$VNU_JAR`, or where `scripts/test` installs it.
fn vnu_jar() -> PathBuf {
    if let Ok(p) = std::env::var("VNU_JAR") {
        return PathBuf::from(p);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let jar = root.join(".tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "the Nu HTML Checker is missing: run scripts/test, or `npm install --prefix .tools/vnu vnu-jar` (or set VNU_JAR)"
    );
    jar
}

#[tokio::test]
async fn every_page_is_valid_html() {
    let jar = vnu_jar();
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut paths: Vec<String> = page_paths("uk")
        .into_iter()
        .chain(page_paths("en"))
        .collect();
    paths.extend(
        [
            "/en/no-such-page",
            "/uk/sites?type=prison",
            "/en/sites?country=BY&occupied=yes",
        ]
        .map(String::from),
    );
    for (i, path) in paths.iter().enumerate() {
        let body = s.get(path).await.text().await.unwrap();
        let file = dir.path().join(format!("page-{i:02}.html"));
        std::fs::write(&file, body).unwrap();
        files.push(file);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java (install a JRE, e.g. Debian's default-jre-headless)");
    let report =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let report: String = report
        .lines()
        .map(|l| {
            // Name the page, not the temporary file.
            let mut l = l.to_owned();
            for (i, p) in paths.iter().enumerate() {
                l = l.replace(&format!("page-{i:02}.html"), p);
            }
            l + "\n"
        })
        .collect();
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu found errors:\n{report}"
    );
}
