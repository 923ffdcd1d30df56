//! Every page type, in both languages, passes the Nu HTML Checker (vnu).

use crate::support::html::assert_valid;
use crate::support::{Server, page_paths};

#[tokio::test]
async fn every_page_is_valid_html() {
    let s = Server::start();
    let mut paths: Vec<String> = page_paths("uk").into_iter().chain(page_paths("en")).collect();
    paths.extend(
        [
            "/en/no-such-page",
            "/uk/sites?type=prison",
            "/en/sites?country=BY&occupied=yes",
            "/en/changes",
            "/staff/login?lang=uk",
            "/staff/login?lang=en",
            "/en/submit",
            "/uk/contact",
        ]
        .map(String::from),
    );
    let mut pages = Vec::new();
    for path in paths {
        let body = s.get(&path).await.text().await.unwrap();
        pages.push((path, body));
    }
    assert_valid(&pages);
}

#[tokio::test]
async fn back_office_pages_are_valid_html() {
    let dir = tempfile::tempdir().unwrap();
    let secret = crate::support::staff::add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let cookie = crate::support::staff::session(&s, "olena", &secret).await;
    let mut pages = Vec::new();
    for path in [
        "/staff?lang=uk",
        "/staff?lang=en",
        "/staff/audit?lang=en",
        "/staff/users?lang=uk",
        "/staff/password?lang=en",
        "/staff/sites?lang=en",
        "/staff/sites/new?lang=uk",
        "/staff/sites/ru-kursk-sizo-1?lang=en",
        "/staff/sources/new?lang=en",
        "/staff/sources/src-bbc-2023-taganrog?lang=uk",
        "/staff/findings?lang=en",
        "/staff/findings/src-bbc-2023-taganrog~ru-taganrog-sizo-2?lang=en",
        "/staff/testimonies/t-01?lang=en",
        "/staff/news/new?lang=uk",
        "/staff/faq/what-is-inferno?lang=en",
        "/staff/pages/about?lang=uk",
        "/staff/nothing?lang=en",
    ] {
        let body = crate::support::staff::get_as(&s, path, &cookie).await.text().await.unwrap();
        pages.push((path.to_owned(), body));
    }
    // A form sent back with problems, and a preview.
    let csrf = crate::support::staff::csrf_of(&pages[0].1);
    let r = s
        .client
        .post(s.url("/staff/sites/new"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "en"),
            ("id", "Bad Id"),
            ("lat", "x"),
            ("notes", "**Preview**"),
            ("intent", "preview"),
        ])
        .send()
        .await
        .unwrap();
    pages.push(("POST /staff/sites/new (problems)".into(), r.text().await.unwrap()));
    // A draft's page and a valid form's preview hold the public page's content.
    crate::support::staff::create_new_site(&s, &cookie).await;
    let draft = crate::support::staff::get_as(&s, "/staff/sites/ru-test-colony?lang=uk", &cookie).await;
    pages.push(("draft site (public card)".into(), draft.text().await.unwrap()));
    let mut site: Vec<(&str, &str)> = crate::support::staff::NEW_SITE.to_vec();
    site.extend([("csrf", csrf.as_str()), ("lang", "en"), ("id", "ru-test-colony-2"), ("intent", "preview")]);
    let r = crate::support::staff::post_as(&s, "/staff/sites/new", &cookie, &site).await;
    assert_eq!(r.status(), 200);
    let preview = r.text().await.unwrap();
    assert!(preview.contains("class=\"public-card\""), "{preview}");
    pages.push(("POST /staff/sites/new (preview)".into(), preview));
    assert_valid(&pages);
}

/// The intake vault's pages, public and staff, in every state they have.
#[tokio::test]
async fn intake_pages_are_valid_html() {
    use crate::support::intake::{SITE, queue, receipt_page, server, submit, submit_with};
    use crate::support::staff::post_as;
    let (s, secret, _conf) = server("", None);
    let mut pages = Vec::new();
    for path in ["/en/submit", "/uk/submit", "/en/contact", "/uk/contact", "/en/receipt", "/uk/receipt"] {
        pages.push((path.to_owned(), s.page(path).await));
    }
    let problems = submit_with(&s, &s.client, &[("site", ""), ("what", ""), ("consent", "")], vec![]).await;
    assert_eq!(problems.status, 422);
    pages.push(("POST /en/submit (problems)".into(), problems.html));
    for lang in ["en", "uk"] {
        let (token, cookie) = crate::support::intake::form_token(&s, &s.client, &format!("/{lang}/submit")).await;
        let fields = [("token", token.as_str()), ("site", SITE), ("what", "Seen.\nHeard."), ("consent", "named")];
        let r = s.client.post(s.url(&format!("/{lang}/submit/check"))).header("cookie", cookie).form(&fields);
        let r = r.send().await.unwrap();
        assert_eq!(r.status(), 200);
        pages.push((format!("POST /{lang}/submit/check"), r.text().await.unwrap()));
    }
    let sent = submit(
        &s,
        "What happened.",
        vec![("a.jpg".into(), "image/jpeg".into(), crate::support::intake::jpeg_with_gps())],
    )
    .await;
    let receipt = sent.receipt();
    pages.push(("POST /en/submit (receipt)".into(), sent.html));
    let cookie = crate::support::staff::session(&s, "olena", &secret).await;
    let id = queue(&s, &cookie).await.remove(0);
    let detail =
        crate::support::staff::get_as(&s, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    let csrf = crate::support::staff::csrf_of(&detail);
    post_as(&s, &format!("/staff/intake/{id}/reply"), &cookie, &[("csrf", &csrf), ("text", "A reply.")]).await;
    post_as(&s, &format!("/staff/intake/{id}/note"), &cookie, &[("csrf", &csrf), ("text", "A note.")]).await;
    let (_, view) = receipt_page(&s, &receipt).await;
    pages.push(("POST /en/receipt (view)".into(), view));
    let (_, wrong) = receipt_page(&s, "12").await;
    pages.push(("POST /en/receipt (wrong)".into(), wrong));
    for path in [
        "/staff/intake?lang=en".to_owned(),
        "/staff/intake?lang=uk&status=new".to_owned(),
        format!("/staff/intake/{id}?lang=en&done=reply"),
        format!("/staff/intake/{id}?lang=uk"),
        format!("/staff/testimonies/new?lang=en&intake={id}"),
    ] {
        let body = crate::support::staff::get_as(&s, &path, &cookie).await.text().await.unwrap();
        pages.push((path, body));
    }
    assert_valid(&pages);
}
