//! Two processes writing at once: `inferno import` (a process of its own for
//! each import) beside back-office saves through the running server, on the
//! backend the tests run on (SQLite, or PostgreSQL in its run). Every
//! write either lands whole or is refused with a clear message; nothing is
//! half applied; the audit log verifies afterwards.

use crate::support::staff::NEW_SITE;
use crate::support::staff::post_as;
use crate::support::staff::{csrf_of, get_as, server_with, session};
use crate::support::{count, parse_csv, run, sample_file};
use reqwest::StatusCode;

/// Writes of each kind.
const ROUNDS: usize = 120;

#[tokio::test]
async fn an_import_and_back_office_saves_at_once_each_land_whole() {
    let (s, secrets) = server_with(&[("olena", "admin")], &[]);
    let cookie = session(&s, "olena", &secrets[0]).await;
    let csrf = csrf_of(&get_as(&s, "/staff/sites/new?lang=en", &cookie).await.text().await.unwrap());
    let mut site: Vec<(&str, &str)> = NEW_SITE.to_vec();
    site.extend([("csrf", csrf.as_str()), ("lang", "en")]);
    assert_eq!(post_as(&s, "/staff/sites/new", &cookie, &site).await.status(), StatusCode::SEE_OTHER);
    site.retain(|(k, _)| *k != "id");

    // The import: one sample site, renamed each round.
    let rows = parse_csv(&std::fs::read_to_string(sample_file("facilities.csv")).unwrap());
    let (header, kursk) = (rows[0].clone(), rows.iter().find(|r| r[0] == "ru-kursk-sizo-1").unwrap().clone());
    let name = header.iter().position(|c| c == "name_en").unwrap();
    let quoted =
        |row: &[String]| row.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect::<Vec<_>>().join(",");
    let data = s.data_dir().to_owned();
    let importer = std::thread::spawn(move || {
        let dir = tempfile::tempdir().unwrap();
        let mut refused = Vec::new();
        for round in 0..ROUNDS {
            let mut row = kursk.clone();
            row[name] = format!("Kursk, import {round}");
            let file = dir.path().join("sites.csv");
            std::fs::write(&file, format!("{}\n{}\n", quoted(&header), quoted(&row))).unwrap();
            let out = run(&["--data-dir", data.to_str().unwrap(), "import", "sites", file.to_str().unwrap()]);
            if !out.status.success() {
                refused.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        refused
    });
    let mut saved = 0;
    for round in 0..ROUNDS {
        let title = format!("Test colony, save {round}");
        let fields: Vec<(&str, &str)> =
            site.iter().map(|&(k, v)| if k == "name_en" { (k, title.as_str()) } else { (k, v) }).collect();
        let r = post_as(&s, "/staff/sites/ru-test-colony", &cookie, &fields).await;
        match r.status() {
            StatusCode::SEE_OTHER => saved += 1,
            status => panic!("save {round} answered {status}: {}", r.text().await.unwrap()),
        }
    }
    let refused = importer.join().unwrap();
    assert!(refused.is_empty(), "imports refused while the server wrote: {refused:#?}");
    assert_eq!(saved, ROUNDS);

    // Each write whole: the last of each is what is stored, and each is in the log once.
    let form = get_as(&s, "/staff/sites/ru-test-colony?lang=en", &cookie).await.text().await.unwrap();
    assert!(form.contains(&format!("value=\"Test colony, save {}\"", ROUNDS - 1)), "the last save is stored");
    let last = format!("\"Kursk, import {}\"", ROUNDS - 1);
    let mut shown = false;
    for _ in 0..100 {
        // The server notices another process's change within a moment.
        if s.page("/api/v1/sites/ru-kursk-sizo-1").await.contains(&last) {
            shown = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(shown, "the last import is stored");
    let verified = run(&["--data-dir", s.data_dir().to_str().unwrap(), "audit", "verify"]);
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{said}{}", String::from_utf8_lossy(&verified.stderr));
    let data = s.data_dir();
    let logged = |action: &'static str| async move {
        count(data, "SELECT count(*) FROM audit_entries WHERE action = $1", action).await as usize
    };
    assert_eq!((logged("import").await, logged("site_update").await), (ROUNDS + 6, ROUNDS), "{said}");
}
