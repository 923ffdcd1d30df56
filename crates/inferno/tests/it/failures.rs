//! A database that cannot be read is shown as a failure, never as an empty or
//! healthy answer: every page type, public and staff, under a running server.

use crate::support::intake::{SITE, form_token, queue, server, submit};
use crate::support::page_paths;
use crate::support::staff::{csrf_of, get_as, post_as, session};
use reqwest::StatusCode;

/// Makes the database unreadable under the running server, as a failing disk
/// would: its pages overwritten, its write-ahead log emptied, its shared
/// index zeroed so that no connection keeps reading from memory.
fn break_database(data: &std::path::Path) {
    let db = data.join("inferno.sqlite3");
    let size = std::fs::metadata(&db).unwrap().len() as usize;
    std::fs::write(&db, vec![0xa5u8; size]).unwrap();
    let wal = data.join("inferno.sqlite3-wal");
    if wal.exists() {
        std::fs::OpenOptions::new().write(true).open(&wal).unwrap().set_len(0).unwrap();
    }
    let shm = data.join("inferno.sqlite3-shm");
    if shm.exists() {
        let len = std::fs::metadata(&shm).unwrap().len() as usize;
        std::fs::write(&shm, vec![0u8; len]).unwrap();
    }
}

/// What a failure page must be: the status given, HTML in the reader's
/// language with the failure's heading, a reference for the log, and no
/// content of the page that was asked for.
fn assert_failure_page(path: &str, status: StatusCode, html: &str, lang: &str) {
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{path}: {html}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
    assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
    let heading = if lang == "uk" {
        "Дані зараз неможливо прочитати"
    } else {
        "The data cannot be read right now"
    };
    assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}: {html}");
    let reference =
        if lang == "uk" { "Код для адміністратора: " } else { "Reference for the administrator: " };
    assert!(html.contains(reference), "{path}: a reference to find the log entry");
    for healthy in ["The audit log is intact", "Журнал аудиту цілий", "0 entries", "No submissions"] {
        assert!(!html.contains(healthy), "{path}: says {healthy:?}");
    }
}

#[tokio::test]
async fn an_unreadable_database_gives_error_pages_never_empty_or_healthy_ones() {
    // PostgreSQL's: backends::a_database_that_stops_is_an_error_page_until_it_is_back.
    if crate::support::sqlite_only("the database file is overwritten") {
        return;
    }
    let (s, secret, _conf) = server("", None);
    let cookie = session(&s, "olena", &secret).await;
    submit(&s, "what happened", vec![]).await;
    let id = queue(&s, &cookie).await.into_iter().next().expect("a submission in the queue");

    // The public pages as they were: they come from the snapshot in memory.
    let mut public = Vec::new();
    for lang in ["uk", "en"] {
        for path in page_paths(lang) {
            public.push((path.clone(), s.page(&path).await));
        }
    }

    // What the forms need to be sent, taken while the database still answers.
    let csrf = csrf_of(&get_as(&s, "/staff/sites/new?lang=en", &cookie).await.text().await.unwrap());
    let (submit_token, submit_cookie) = form_token(&s, &s.client, "/en/submit").await;
    let (receipt_token, receipt_cookie) = form_token(&s, &s.client, "/en/receipt").await;

    break_database(s.data_dir());

    // Every kind of change, signed in: a 503 page, never a 500 or a blank.
    let csrf = csrf.as_str();
    let posts: [(String, Vec<(&str, &str)>); 15] = [
        ("/staff/sites/new".into(), vec![("csrf", csrf), ("id", "a-new-site"), ("name_en", "A")]),
        (format!("/staff/sites/{SITE}"), vec![("csrf", csrf), ("name_en", "Renamed")]),
        (format!("/staff/sites/{SITE}/unpublish"), vec![("csrf", csrf), ("public_note", "Withdrawn.")]),
        (format!("/staff/sites/{SITE}/revert/1"), vec![("csrf", csrf)]),
        ("/staff/users".into(), vec![("csrf", csrf), ("name", "ivan"), ("role", "editor")]),
        ("/staff/users/olena/disable".into(), vec![("csrf", csrf)]),
        ("/staff/password".into(), vec![("csrf", csrf), ("current", "x"), ("new", "a long enough password")]),
        (format!("/staff/sites/{SITE}/publish"), vec![("csrf", csrf)]),
        (format!("/staff/sites/{SITE}/approve/2"), vec![("csrf", csrf), ("public_note", "Checked.")]),
        (format!("/staff/sites/{SITE}/discard/2"), vec![("csrf", csrf)]),
        ("/staff/users/olena/reset-2fa".into(), vec![("csrf", csrf)]),
        (format!("/staff/intake/{id}/triage"), vec![("csrf", csrf), ("status", "in_review"), ("assignee", "olena")]),
        (format!("/staff/intake/{id}/reply"), vec![("csrf", csrf), ("text", "We read it.")]),
        (format!("/staff/intake/{id}/public-copy"), vec![("csrf", csrf), ("file", "f")]),
        ("/staff/logout".into(), vec![("csrf", csrf)]),
    ];
    for (path, fields) in posts {
        let mut fields = fields;
        fields.push(("lang", "en"));
        let r = post_as(&s, &path, &cookie, &fields).await;
        let status = r.status();
        assert_failure_page(&path, status, &r.text().await.unwrap(), "en");
    }
    // A source sending and checking a receipt, with valid form tokens.
    let form = crate::support::intake::submission_form(submit_token, "what happened");
    // Not a bare error page: the form again, with what the source typed and
    // why it was not kept, so that nothing they wrote is lost.
    let r = s.client.post(s.url("/en/submit")).header("cookie", submit_cookie).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = r.text().await.unwrap();
    assert!(html.contains("The database did not answer, so nothing was kept."), "{html}");
    assert!(html.contains(">what happened</textarea>"), "what was typed is kept: {html}");
    assert!(html.contains("Reference for the administrator: "), "a reference to find the log entry: {html}");
    let r = s
        .client
        .post(s.url("/en/receipt"))
        .header("cookie", receipt_cookie)
        .form(&[("token", receipt_token.as_str()), ("receipt", "1234 5678 9012 3456")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = r.text().await.unwrap();
    assert!(html.contains("The database did not answer, so the receipt could not be checked."), "{html}");
    assert!(html.contains("Reference for the administrator: "), "{html}");

    // Public pages are served from the last snapshot, which is right: the
    // records have not changed. They must be exactly what they were.
    for (path, before) in &public {
        let r = s.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(&r.text().await.unwrap(), before, "{path}");
    }
    // The forms that ask the database whether anyone can read them.
    for lang in ["uk", "en"] {
        for form in ["submit", "contact"] {
            let path = format!("/{lang}/{form}");
            let r = s.get(&path).await;
            let status = r.status();
            assert_failure_page(&path, status, &r.text().await.unwrap(), lang);
        }
    }
    // Every back-office page type, signed in, in both languages.
    let staff = [
        "/staff",
        "/staff/audit",
        "/staff/users",
        "/staff/password",
        "/staff/intake",
        &format!("/staff/intake/{id}"),
        &format!("/staff/intake/{id}/files/f"),
        "/staff/sites",
        "/staff/sites/ru-taganrog-sizo-2",
        "/staff/sources",
        "/staff/news/new",
        "/staff/login",
    ];
    for lang in ["uk", "en"] {
        for path in staff {
            let path = format!("{path}?lang={lang}");
            let r = get_as(&s, &path, &cookie).await;
            let status = r.status();
            assert_failure_page(&path, status, &r.text().await.unwrap(), lang);
        }
    }
}
