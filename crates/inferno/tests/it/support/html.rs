//! The Nu HTML Checker (vnu), for the tests that hold pages to HTML.

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

/// Runs vnu over `(label, html)` pages and fails with its report, naming pages by label.
pub fn assert_valid(pages: &[(String, String)]) {
    let jar = vnu_jar();
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, body)) in pages.iter().enumerate() {
        let file = dir.path().join(format!("page-{i:02}.html"));
        std::fs::write(&file, body).unwrap();
        files.push(file);
    }
    // A short run: the quick compiler only (the optimising one would spend
    // more than it saves; its code wants a deeper stack), and one collector
    // thread. No performance data file: the JVM would leave its folder
    // (`hsperfdata_*`) in /tmp.
    let out = Command::new("java")
        .args(["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-XX:-UsePerfData"])
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java (install a JRE, e.g. Debian's default-jre-headless)");
    let report = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let report: String = report
        .lines()
        .map(|l| {
            // Name the page, not the temporary file.
            let mut l = l.to_owned();
            for (i, (label, _)) in pages.iter().enumerate() {
                l = l.replace(&format!("page-{i:02}.html"), label);
            }
            l + "\n"
        })
        .collect();
    assert!(out.status.success() && report.trim().is_empty(), "vnu found errors:\n{report}");
}
