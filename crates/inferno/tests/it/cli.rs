//! The command line: help, version, settings from flags, environment and file.

use crate::support::{BIN, Database, on_postgres, run};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn version_and_help_on_every_command() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), format!("inferno {}", env!("CARGO_PKG_VERSION")));
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["import", "--help"],
        vec!["migrate", "--help"],
        vec!["export-static", "--help"],
        vec!["help", "import"],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Usage: inferno"), "{args:?}: {text}");
        assert!(text.contains("--data-dir"), "{args:?}");
    }
    let out = run(&["import", "--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for kind in ["sites", "sources", "findings", "testimonies", "news"] {
        assert!(text.contains(kind), "{kind}");
    }
}

#[test]
fn migrate_creates_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new").join("data");
    let out = run(&["--data-dir", data.to_str().unwrap(), "migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(data.join("inferno.sqlite3").exists(), !on_postgres(), "the file is the SQLite database");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
            0o700,
            "the data directory is private"
        );
    }
    let said = String::from_utf8_lossy(&out.stdout);
    let (version, description, count) = latest_migration();
    let (applied, last, schema) =
        (format!("Applied {count} migration(s)"), format!("  {version:04} {description}"), format!("schema {version}"));
    assert!(said.contains(&applied) && said.contains(&last), "{said}");
    // Running it again is harmless, and says so.
    let again = run(&["--data-dir", data.to_str().unwrap(), "migrate"]);
    assert!(again.status.success());
    let again = String::from_utf8_lossy(&again.stdout);
    assert!(again.contains(&format!("was up to date ({schema})")), "{again}");
}

/// `--database-url sqlite://PATH` puts the database where it says, for every
/// command; the secrets stay in the data directory; a URL of another kind,
/// or a server that does not answer, is refused without repeating the
/// password the URL holds.
#[test]
fn the_database_can_be_a_sqlite_file_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("elsewhere").join("records.db");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let url = format!("sqlite://{}", file.display());
    let out = run(&["--data-dir", data.to_str().unwrap(), "--database-url", &url, "migrate"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&file.display().to_string()));
    assert!(file.exists() && !data.join("inferno.sqlite3").exists());
    assert!(data.join("audit-signing.key").exists(), "the signing key is beside, not in, the database");
    let listed = Command::new(BIN)
        .args(["--data-dir", data.to_str().unwrap(), "user", "list"])
        .env("INFERNO_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&listed.stdout).contains("No accounts yet"));
    for (bad, says) in [
        // A server that does not answer (nothing listens on port 1).
        ("postgres://inferno:hunter2@127.0.0.1:1/inferno", "cannot open the database postgres://127.0.0.1:1/inferno"),
        ("mysql://inferno:hunter2@db/inferno", "must be sqlite://PATH or postgres://"),
        ("sqlite://", "names no file"),
    ] {
        let out = run(&["--data-dir", data.to_str().unwrap(), "--database-url", bad, "migrate"]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(e.contains(says) && !e.contains("hunter2"), "{bad}: {e}");
    }
}

/// A database a newer release migrated is refused, and left as it was.
#[tokio::test]
async fn a_database_newer_than_the_program_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    assert!(run(&["--data-dir", data, "migrate"]).status.success());
    // sqlx's own table, in each backend's types.
    let db = Database::of(dir.path()).await;
    db.execute(match db {
        Database::Sqlite(_) => {
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (20991231, 'from the future', 1, x'00', 0)"
        }
        Database::Postgres(_) => {
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (20991231, 'from the future', true, '\\x00', 0)"
        }
    })
    .await;
    db.close().await;
    for command in [vec!["migrate"], vec!["user", "list"], vec!["serve", "--listen", "127.0.0.1:0"]] {
        let out = run(&[&["--data-dir", data][..], &command].concat());
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(
            e.contains("schema is newer than this program: it has migration 20991231")
                && e.contains(&format!("knows migrations up to {}", latest_migration().0)),
            "{command:?}: {e}"
        );
    }
}

#[test]
fn settings_from_a_file_and_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("from-file");
    let config = dir.path().join("inferno.toml");
    std::fs::write(
        &config,
        format!("data_dir = \"{}\"\nlisten = \"127.0.0.1:0\"\npublic_url = \"https://inferno.example/\"\nsample_notice = false\n", data.display()),
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["--config", config.to_str().unwrap(), "serve"])
        .env("INFERNO_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().strip_prefix("Inferno is listening on ").unwrap().to_owned();
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (html, hsts) = rt.block_on(async {
        let r = reqwest::get(format!("{base}/en/sites/ru-kursk-sizo-1")).await.unwrap();
        let hsts = r.headers().get("strict-transport-security").map(|v| v.to_str().unwrap().to_owned());
        (r.text().await.unwrap(), hsts)
    });
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(data.join("inferno.sqlite3").exists(), "data_dir from the file");
    assert!(html.contains("https://inferno.example/en/sites/ru-kursk-sizo-1"), "public_url from the file");
    assert!(!html.contains("class=\"sample-notice\""), "sample_notice from the file");
    assert_eq!(hsts.as_deref(), Some("max-age=31536000; includeSubDomains"), "HSTS when served over https");

    // The environment overrides the file.
    let other = dir.path().join("from-env");
    let out = Command::new(BIN)
        .args(["--config", config.to_str().unwrap(), "migrate"])
        .env("INFERNO_DATA_DIR", &other)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(other.join("inferno.sqlite3").exists());
}

#[test]
fn bad_settings_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("bad.toml");
    std::fs::write(&config, "listen = \"127.0.0.1:0\"\nlisten_port = 80\n").unwrap();
    let out = run(&["--config", config.to_str().unwrap(), "migrate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("is not a valid settings file") && err.contains("listen_port"), "{err}");
    let out = run(&["--config", "/no/such.toml", "migrate"]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("cannot read /no/such.toml"));
    let out = run(&["--data-dir", dir.path().to_str().unwrap(), "serve", "--listen", "not-an-address"]);
    assert_eq!(out.status.code(), Some(2));
    // An onion address that is not one is refused before anything starts.
    let out = run(&["--data-dir", dir.path().to_str().unwrap(), "serve", "--onion-url", "https://inferno.example"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("onion_url must be the address of an onion service"), "{err}");
}

/// Every key of the README's settings table can be set in a config file: a
/// documented setting that the file refuses (unknown keys are refused) fails
/// here. Each is given a value other than its default.
#[test]
fn every_setting_in_the_readme_can_be_set_in_the_config_file() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let table = readme.split("| setting | flag | environment | config file key | default |").nth(1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("from-the-file");
    let mut toml = String::new();
    let mut keys = Vec::new();
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (key_cell, default_cell) = (cells[4], cells[5]);
        let ticked = |cell: &str| -> Vec<String> { cell.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
        let defaults = ticked(default_cell);
        for (i, key) in ticked(key_cell).into_iter().enumerate() {
            let default = defaults.get(i).cloned().unwrap_or_default();
            let value = match key.as_str() {
                "data_dir" => format!("{:?}", data.to_str().unwrap()),
                "database_url" => format!("{:?}", format!("sqlite://{}", data.join("inferno.sqlite3").display())),
                "public_url" => "\"https://inferno.example\"".into(),
                "onion_url" => "\"http://infernoexampleabcdefghijklmnopqrstuvwxyz234567abcdefghijklm.onion\"".into(),
                "intake_node_url" => "\"http://10.0.0.2:8080\"".into(),
                "blob_store" => "\"s3://inferno-packs\"".into(),
                _ => match default.as_str() {
                    "true" => "false".into(),
                    "false" => "true".into(),
                    "[]" => "[\"127.0.0.9\"]".into(),
                    d if d.parse::<u64>().is_ok() => (d.parse::<u64>().unwrap() + 1).to_string(),
                    d => format!("{d:?}"),
                },
            };
            toml.push_str(&format!("{key} = {value}\n"));
            keys.push(key);
        }
    }
    assert!(keys.len() >= 25, "the table was read: {keys:?}");
    let conf = dir.path().join("inferno.toml");
    std::fs::write(&conf, &toml).unwrap();
    let out = run(&["--config", conf.to_str().unwrap(), "migrate"]);
    assert!(out.status.success(), "{toml}{}", String::from_utf8_lossy(&out.stderr));
    assert!(data.join("inferno.sqlite3").exists(), "data_dir from the file is the one used");
    // And a key the table does not name is refused, so the check above means something.
    std::fs::write(&conf, format!("{toml}intake_submissions_per_hour_global = 100\n")).unwrap();
    assert!(!run(&["--config", conf.to_str().unwrap(), "migrate"]).status.success());
}

/// The newest migration of the backend under test, as the storage crate
/// holds them (`NNNN_words.sql`): its number, its words, and how many there
/// are; so that a new migration needs no test changed.
pub(crate) fn latest_migration() -> (u32, String, usize) {
    let backend = if on_postgres() { "postgres" } else { "sqlite" };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../storage/migrations").join(backend);
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let last = names.last().unwrap().trim_end_matches(".sql");
    let (number, words) = last.split_once('_').unwrap();
    (number.parse().unwrap(), words.replace('_', " "), names.len())
}
