//! Editing sites in the back office: drafts, validation, roles, publishing,
//! the public corrections log, history and revert.

use crate::staff::{add_user, csrf_of, get_as, session};
use crate::support::Server;
use reqwest::StatusCode;

const NEW_SITE: &[(&str, &str)] = &[
    ("id", "ru-test-colony"),
    ("name_uk", "Тестова колонія"),
    ("name_en", "Test colony"),
    ("facility_type", "penal_colony"),
    ("status", "in_use"),
    ("settlement_uk", "Тест"),
    ("settlement", "Test"),
    ("region_uk", "Тестова область"),
    ("region", "Test Oblast"),
    ("country", "RU"),
    ("occupied_territory", "false"),
    ("lat", "52.5"),
    ("lon", "41.0"),
    ("coord_precision", "settlement"),
    ("operator", "FSIN"),
    ("reported_from", "2023-01"),
    ("reported_to", ""),
    ("notes_uk", "Огляд **українською**."),
    (
        "notes",
        "An overview <script>alert(1)</script> in **English**.",
    ),
    ("source_urls", "https://example.org/report"),
];

async fn post(s: &Server, path: &str, cookie: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    s.client
        .post(s.url(path))
        .header("cookie", cookie)
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_editor_drafts_a_reviewer_publishes_and_readers_see_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let editor_secret = add_user(dir.path(), "ivan", "editor");
    let reviewer_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let editor = session(&s, "ivan", &editor_secret).await;
    let reviewer = session(&s, "maria", &reviewer_secret).await;
    let csrf = csrf_of(
        &get_as(&s, "/staff/sites/new?lang=en", &editor)
            .await
            .text()
            .await
            .unwrap(),
    );

    // Bad input: every problem named, what was typed kept, nothing saved.
    let mut bad: Vec<(&str, &str)> = NEW_SITE
        .iter()
        .map(|&(k, v)| match k {
            "lat" => (k, "95"),
            "reported_to" => (k, "2022-01"),
            "id" => (k, "Test Colony"),
            _ => (k, v),
        })
        .collect();
    bad.push(("csrf", &csrf));
    bad.push(("lang", "en"));
    let r = post(&s, "/staff/sites/new", &editor, &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("95 is out of range"), "{html}");
    assert!(html.contains("is not a valid id"));
    assert!(html.contains("2022-01 is before reported_from 2023-01"));
    assert!(
        html.contains("value=\"Тестова колонія\""),
        "the form keeps what was typed"
    );

    // Without the anti-forgery token: refused.
    let r = post(&s, "/staff/sites/new", &editor, NEW_SITE).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A draft: not on the public site.
    let mut good: Vec<(&str, &str)> = NEW_SITE.to_vec();
    good.push(("csrf", &csrf));
    good.push(("lang", "en"));
    let r = post(&s, "/staff/sites/new", &editor, &good).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    assert_eq!(s.get("/en/sites/ru-test-colony").await.status(), 404);
    // The same id twice is refused.
    let r = post(&s, "/staff/sites/new", &editor, &good).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // An editor cannot publish; a reviewer can.
    let r = post(
        &s,
        "/staff/sites/ru-test-colony/publish",
        &editor,
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let reviewer_csrf = csrf_of(
        &get_as(&s, "/staff/sites/ru-test-colony", &reviewer)
            .await
            .text()
            .await
            .unwrap(),
    );
    let r = post(
        &s,
        "/staff/sites/ru-test-colony/publish",
        &reviewer,
        &[("csrf", &reviewer_csrf)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = s.page("/en/sites/ru-test-colony").await;
    assert!(page.contains("<h1>Test colony</h1>"));
    assert!(
        page.contains("<strong>English</strong>"),
        "Markdown rendered"
    );
    assert!(!page.contains("<script>alert(1)"), "script removed");
    assert!(
        s.page("/uk/sites/ru-test-colony")
            .await
            .contains("<h1>Тестова колонія</h1>")
    );
    assert!(
        s.page("/en/")
            .await
            .contains("href=\"/en/sites/ru-test-colony\" class=\"marker\""),
        "on the map"
    );

    // Changing a published record needs a public note, which readers then see.
    let mut edited: Vec<(&str, &str)> = good
        .iter()
        .map(|&(k, v)| {
            if k == "name_en" {
                (k, "Test colony No. 1")
            } else {
                (k, v)
            }
        })
        .collect();
    edited.retain(|(k, _)| *k != "id");
    let r = post(&s, "/staff/sites/ru-test-colony", &editor, &edited).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    edited.push(("public_note", "The colony's number was added."));
    let r = post(&s, "/staff/sites/ru-test-colony", &editor, &edited).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = s.page("/en/sites/ru-test-colony").await;
    assert!(page.contains("<h1>Test colony No. 1</h1>"));
    assert!(
        page.contains("The colony&#39;s number was added."),
        "{page}"
    );
    assert!(
        s.page("/en/changes")
            .await
            .contains("The colony&#39;s number was added.")
    );

    // History shows who changed what; the audit log has every step.
    let html = get_as(&s, "/staff/sites/ru-test-colony?lang=en", &editor)
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<td>ivan</td><td>edited</td><td>name</td>"),
        "{html}"
    );

    // Withdrawing needs a reason, and the page then says so (410).
    let r = post(
        &s,
        "/staff/sites/ru-test-colony/unpublish",
        &reviewer,
        &[("csrf", &reviewer_csrf)],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(
        &s,
        "/staff/sites/ru-test-colony/unpublish",
        &reviewer,
        &[
            ("csrf", &reviewer_csrf),
            ("public_note", "It was a test record."),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = s.get("/en/sites/ru-test-colony").await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("It was a test record."));
    let out = std::process::Command::new(crate::support::BIN)
        .args([
            "--data-dir",
            s.data_dir().to_str().unwrap(),
            "audit",
            "verify",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}
