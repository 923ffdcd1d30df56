//! The audit log against tampering: rows changed, removed and reordered
//! directly in the database (its file, or its PostgreSQL server), and
//! checkpoints forged.

use crate::support::{Database, run, sample_file, sqlite_only};
use std::path::{Path, PathBuf};

/// A data directory with five imports, hence five audit entries.
fn audited_data_dir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (kind, file) in [
        ("sites", "facilities.csv"),
        ("sources", "sources.csv"),
        ("findings", "findings.csv"),
        ("testimonies", "testimonies.csv"),
        ("news", "news.csv"),
    ] {
        let out = run(&["--data-dir", data.to_str().unwrap(), "import", kind, sample_file(file).to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    (dir, data)
}

/// Runs SQL against the database, as someone with access to it would (the
/// file, or the PostgreSQL server).
async fn tamper(data: &Path, statements: &[&'static str]) {
    let db = Database::of(data).await;
    for sql in statements {
        db.execute(sql).await;
    }
    db.close().await;
}

fn verify(data: &Path, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["--data-dir", data.to_str().unwrap(), "audit", "verify"];
    args.extend_from_slice(extra);
    let out = run(&args);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[tokio::test]
async fn an_untouched_log_verifies_and_proves_its_entries() {
    let (_dir, data) = audited_data_dir();
    let (ok, text) = verify(&data, &[]);
    assert!(ok, "{text}");
    assert!(text.starts_with("The audit log is intact: 5 entries, 5 signed checkpoints, root "), "{text}");
    let out = run(&["--data-dir", data.to_str().unwrap(), "audit", "proof", "3"]);
    assert!(out.status.success());
    let proof = String::from_utf8(out.stdout).unwrap();
    assert!(proof.contains("\"seq\":3") && proof.contains("\"target\":\"findings\""), "{proof}");
    assert!(proof.contains("tree size: 5"));
    let out = run(&["--data-dir", data.to_str().unwrap(), "audit", "proof", "6"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no entry 6"));
}

#[tokio::test]
async fn a_changed_row_is_named() {
    let (_dir, data) = audited_data_dir();
    tamper(&data, &["UPDATE audit_entries SET detail = '0 rows' WHERE seq = 3"]).await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("entry 3 was changed"), "{text}");

    // Recomputing the stored leaf hash does not help: it is never trusted.
    let (_dir, data) = audited_data_dir();
    tamper(&data, &["UPDATE audit_entries SET actor = 'someone else', leaf_hash = '00' WHERE seq = 2"]).await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("entry 2 was changed"), "{text}");
}

#[tokio::test]
async fn a_removed_row_is_named() {
    let (_dir, data) = audited_data_dir();
    tamper(&data, &["DELETE FROM audit_entries WHERE seq = 2"]).await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("entry 2 is out of place: it says it is entry 3"), "{text}");

    let (_dir, data) = audited_data_dir();
    tamper(&data, &["DELETE FROM audit_entries WHERE seq = 5"]).await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("entries 5 to 5 were removed"), "{text}");
}

#[tokio::test]
async fn reordered_rows_are_named() {
    let (_dir, data) = audited_data_dir();
    tamper(
        &data,
        &[
            "UPDATE audit_entries SET seq = 100 WHERE seq = 2",
            "UPDATE audit_entries SET seq = 2 WHERE seq = 4",
            "UPDATE audit_entries SET seq = 4 WHERE seq = 100",
        ],
    )
    .await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("entry 2 was changed"), "{text}");
}

#[tokio::test]
async fn forged_checkpoints_are_refused() {
    let (_dir, data) = audited_data_dir();
    // Rewriting an entry and the checkpoints' roots needs the signing key.
    tamper(&data, &[
        "UPDATE audit_entries SET detail = 'nothing' WHERE seq = 4",
        "UPDATE audit_checkpoints SET root = '0000000000000000000000000000000000000000000000000000000000000000' WHERE size >= 4",
    ])
    .await;
    let (ok, text) = verify(&data, &[]);
    assert!(!ok);
    assert!(text.contains("the checkpoint for size 4 has an invalid signature"), "{text}");
}

#[tokio::test]
async fn cutting_the_tail_is_caught_by_a_checkpoint_kept_elsewhere() {
    let (dir, data) = audited_data_dir();
    let out = run(&["--data-dir", data.to_str().unwrap(), "audit", "checkpoint"]);
    let saved = dir.path().join("checkpoint.txt");
    std::fs::write(&saved, out.stdout).unwrap();
    // Removing the last entries with their checkpoints leaves a log that is
    // consistent with itself...
    tamper(&data, &["DELETE FROM audit_entries WHERE seq >= 4", "DELETE FROM audit_checkpoints WHERE size >= 4"]).await;
    let (ok, _) = verify(&data, &[]);
    assert!(ok, "only an outside copy can show what is missing at the end");
    // ...but not with the checkpoint kept outside the server.
    let (ok, text) = verify(&data, &["--against", saved.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("entries 4 to 5 were removed"), "{text}");
}

/// Copies a folder, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A data directory written by the previous release (`tests/fixtures/README.md`
/// says which and how): this one reads it as it is, its audit log verifies,
/// the site serves it, and the log goes on from it and still verifies.
#[tokio::test]
async fn a_data_directory_of_the_previous_release_verifies_and_goes_on() {
    if sqlite_only("the previous release wrote SQLite") {
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/previous-release");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture, dir.path());
    let data = dir.path().to_owned();
    let (ok, text) = verify(&data, &[]);
    assert!(ok && text.starts_with("The audit log is intact: 10 entries, 10 signed checkpoints"), "{text}");
    let migrated = run(&["--data-dir", data.to_str().unwrap(), "migrate"]);
    let said = String::from_utf8_lossy(&migrated.stdout);
    let latest = crate::cli::latest_migration().0;
    assert!(said.contains(&format!("schema {latest}")), "brought up to this release's schema: {said}");
    let users = run(&["--data-dir", data.to_str().unwrap(), "user", "list"]);
    assert!(String::from_utf8_lossy(&users.stdout).contains("olena"));

    let s = crate::support::Server::start_with(dir, &[]);
    assert!(s.page("/en/sites/ru-taganrog-sizo-2").await.contains("Taganrog"));
    assert!(s.page("/en/sites/ru-kursk-sizo-1").await.contains("Kursk, as renamed before the upgrade"));
    let imported = run(&[
        "--data-dir",
        s.data_dir().to_str().unwrap(),
        "import",
        "sites",
        sample_file("facilities.csv").to_str().unwrap(),
    ]);
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    let (ok, text) = verify(s.data_dir(), &[]);
    assert!(ok && text.starts_with("The audit log is intact: 11 entries, 11 signed checkpoints"), "{text}");
}
