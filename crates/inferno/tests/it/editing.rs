//! Editing sites in the back office: drafts, validation, roles, publishing,
//! the public corrections log, history and revert.

use crate::support::Server;
use crate::support::staff::{NEW_SITE, PASSWORD, add_user, csrf_of, get_as, post_as, session};
use reqwest::StatusCode;

#[tokio::test]
async fn an_editor_drafts_a_reviewer_publishes_and_readers_see_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let editor_secret = add_user(dir.path(), "ivan", "editor");
    let reviewer_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let editor = session(&s, "ivan", &editor_secret).await;
    let reviewer = session(&s, "maria", &reviewer_secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/sites/new?lang=en", &editor).await.text().await.unwrap());

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
    let r = post_as(&s, "/staff/sites/new", &editor, &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("95 is out of range"), "{html}");
    assert!(html.contains("is not a valid id"));
    assert!(html.contains("2022-01 is before reported_from 2023-01"));
    assert!(html.contains("value=\"Тестова колонія\""), "the form keeps what was typed");

    // Without the anti-forgery token: refused.
    let r = post_as(&s, "/staff/sites/new", &editor, NEW_SITE).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A draft: not on the public site.
    let mut good: Vec<(&str, &str)> = NEW_SITE.to_vec();
    good.push(("csrf", &csrf));
    good.push(("lang", "en"));
    let r = post_as(&s, "/staff/sites/new", &editor, &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    assert_eq!(s.get("/en/sites/ru-test-colony").await.status(), 404);
    // The same id twice is refused.
    let r = post_as(&s, "/staff/sites/new", &editor, &good).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // An editor cannot publish; a reviewer can.
    let r = post_as(&s, "/staff/sites/ru-test-colony/publish", &editor, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let reviewer_csrf = csrf_of(&get_as(&s, "/staff/sites/ru-test-colony", &reviewer).await.text().await.unwrap());
    let r = post_as(&s, "/staff/sites/ru-test-colony/publish", &reviewer, &[("csrf", &reviewer_csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = s.page("/en/sites/ru-test-colony").await;
    assert!(page.contains("<h1>Test colony</h1>"));
    assert!(page.contains("<strong>English</strong>"), "Markdown rendered");
    assert!(!page.contains("<script>alert(1)"), "script removed");
    assert!(s.page("/uk/sites/ru-test-colony").await.contains("<h1>Тестова колонія</h1>"));
    assert!(s.page("/en/").await.contains("href=\"/en/sites/ru-test-colony\" class=\"marker\""), "on the map");

    // Changing a published record needs a public note, which readers then see
    // once a reviewer has published the change: an editor's change waits.
    let mut edited: Vec<(&str, &str)> =
        good.iter().map(|&(k, v)| if k == "name_en" { (k, "Test colony No. 1") } else { (k, v) }).collect();
    edited.retain(|(k, _)| *k != "id");
    let r = post_as(&s, "/staff/sites/ru-test-colony", &editor, &edited).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    edited.push(("public_note", "The colony's number was added."));
    let r = post_as(&s, "/staff/sites/ru-test-colony", &editor, &edited).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/staff/sites/ru-test-colony?lang=en&saved=pending");
    assert!(s.page("/en/sites/ru-test-colony").await.contains("<h1>Test colony</h1>"), "not yet reviewed");
    let review = get_as(&s, "/staff/sites/ru-test-colony?lang=en", &reviewer).await.text().await.unwrap();
    let approve = crate::support::attr_values(&review, "action")
        .into_iter()
        .find(|a| a.contains("/approve/"))
        .unwrap_or_else(|| panic!("{review}"))
        .to_owned();
    let r = post_as(
        &s,
        &approve,
        &reviewer,
        &[("csrf", &reviewer_csrf), ("public_note", "The colony's number was added.")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = s.page("/en/sites/ru-test-colony").await;
    assert!(page.contains("<h1>Test colony No. 1</h1>"));
    assert!(page.contains("The colony&#39;s number was added."), "{page}");
    assert!(s.page("/en/changes").await.contains("The colony&#39;s number was added."));

    // History shows who changed what; the audit log has every step.
    let html = get_as(&s, "/staff/sites/ru-test-colony?lang=en", &editor).await.text().await.unwrap();
    assert!(
        html.contains("<td>ivan</td><td>proposed a change</td><td><dl class=\"diff\"><dt><code>name_en</code></dt><dd><del>Test colony</del> <ins>Test colony No. 1</ins></dd></dl></td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>maria</td><td>published the proposed change</td><td><dl class=\"diff\"><dt><code>name_en</code></dt><dd><del>Test colony</del> <ins>Test colony No. 1</ins></dd></dl></td>"),
        "{html}"
    );
    let dashboard = get_as(&s, "/staff?lang=en", &editor).await.text().await.unwrap();
    assert!(
        dashboard.contains("<a href=\"/staff/sites/ru-test-colony?lang=en\"><code>site/ru-test-colony</code></a>"),
        "{dashboard}"
    );

    // Withdrawing needs a reason, and the page then says so (410).
    let r = post_as(&s, "/staff/sites/ru-test-colony/unpublish", &reviewer, &[("csrf", &reviewer_csrf)]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_as(
        &s,
        "/staff/sites/ru-test-colony/unpublish",
        &reviewer,
        &[("csrf", &reviewer_csrf), ("public_note", "It was a test record."), ("confirm", "yes")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = s.get("/en/sites/ru-test-colony").await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("It was a test record."));
    let out = std::process::Command::new(crate::support::BIN)
        .args(crate::support::database_args(s.data_dir()))
        .args(["--data-dir", s.data_dir().to_str().unwrap(), "audit", "verify"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

/// Every kind of record goes through the same form and the importer's rules.
#[tokio::test]
async fn sources_findings_testimonies_and_news_are_edited_too() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let admin = session(&s, "olena", &secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/sources?lang=en", &admin).await.text().await.unwrap());
    let with = |mut v: Vec<(&'static str, String)>, csrf: &str| {
        v.push(("csrf", csrf.to_owned()));
        v.push(("lang", "en".to_owned()));
        v
    };
    let send = |path: &'static str, fields: Vec<(&'static str, String)>| {
        s.client.post(s.url(path)).header("cookie", admin.clone()).form(&fields).send()
    };

    // Re-grade a source: sources have no drafts, the change is live at once.
    let page = get_as(&s, "/staff/sources/src-bbc-2023-taganrog?lang=en", &admin).await.text().await.unwrap();
    assert!(page.contains("value=\"Ukrainian PoWs &#39;tortured&#39; at Russia prison complex\""), "prefilled");
    let r = send(
        "/staff/sources/src-bbc-2023-taganrog",
        with(
            vec![
                ("kind", "investigative_journalism".into()),
                ("title", "Ukrainian PoWs 'tortured' at Russia prison complex".into()),
                ("publisher", "BBC News (Hugo Bachega)".into()),
                ("published_on", "2023-08-16".into()),
                ("url", "https://www.bbc.com/news/world-europe-66516016".into()),
                ("language", "en".into()),
                ("reliability", "A".into()),
                ("credibility", "2".into()),
                ("independence_group", "bbc-2023-taganrog".into()),
                ("notes", "Re-graded in a test.".into()),
            ],
            &csrf,
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    assert!(
        s.page("/en/sites/ru-taganrog-sizo-2").await.contains("title=\"Source reliability: A, completely reliable")
    );
    // The imported version was kept, so the first edit reads as a change.
    let history = get_as(&s, "/staff/sources/src-bbc-2023-taganrog?lang=en", &admin).await.text().await.unwrap();
    assert!(history.contains("<td>import</td><td>as imported</td>"), "{history}");
    assert!(history.contains("<dt><code>reliability</code></dt><dd><del>B</del> <ins>A</ins></dd>"), "{history}");

    // A finding that names a site that does not exist: the field says so.
    let finding = |site: &str| {
        with(
            vec![
                ("source_id", "src-bbc-2023-taganrog".into()),
                ("site_id", site.into()),
                ("abuse_types", "beating".into()),
                ("abuse_types", "mock_execution".into()),
                ("note", "A test finding.".into()),
            ],
            &csrf,
        )
    };
    let r = send("/staff/findings/new", finding("ru-nowhere")).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("unknown site &#34;ru-nowhere&#34;"));
    let r = send("/staff/findings/new", finding("ru-kursk-sizo-1")).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/staff/findings/src-bbc-2023-taganrog~ru-kursk-sizo-1?lang=en&saved=1");
    let kursk = s.page("/en/sites/ru-kursk-sizo-1").await;
    assert!(kursk.contains("<th scope=\"row\">Mock execution</th>"), "the new finding counts at once");

    // A testimony is a draft until published, and its stays link the sites.
    let r = send(
        "/staff/testimonies/new",
        with(
            vec![
                ("id", "t-test".into()),
                ("witness_role", "relative".into()),
                ("consent", "witness_anonymised".into()),
                ("summary_en", "A relative's <b>account</b>.".into()),
                ("summary_uk", "Розповідь родича.".into()),
                ("stays", "ua-olenivka-ik-120@2022-05..2022-06\nru-kursk-sizo-1@2022-06..".into()),
            ],
            &csrf,
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    assert!(!s.page("/en/sites/ru-kursk-sizo-1").await.contains("id=\"t-test\""), "a draft is not public");
    let r = send("/staff/testimonies/t-test/publish", with(vec![], &csrf)).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let kursk = s.page("/en/sites/ru-kursk-sizo-1").await;
    assert!(kursk.contains("id=\"t-test\""));
    assert!(kursk.contains("A relative&#39;s &#60;b&#62;account&#60;/b&#62;."), "text fields are escaped");

    // News: published, then withdrawn with a note that replaces the page.
    let r = send(
        "/staff/news/new",
        with(
            vec![
                ("id", "news-test".into()),
                ("date", "2026-11-01".into()),
                ("title_en", "A test item".into()),
                ("summary_en", "Summary.".into()),
                ("source_name", "Test".into()),
                ("source_url", "https://example.org/news".into()),
                ("facility_ids", "ru-kursk-sizo-1".into()),
            ],
            &csrf,
        ),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    send("/staff/news/news-test/publish", with(vec![], &csrf)).await.unwrap();
    assert!(s.page("/en/news").await.contains("A test item"));
    send(
        "/staff/news/news-test/unpublish",
        with(vec![("public_note", "Published by mistake.".into()), ("confirm", "yes".into())], &csrf),
    )
    .await
    .unwrap();
    let r = s.get("/en/news/news-test").await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().await.unwrap().contains("Published by mistake."));
    assert!(s.page("/en/changes").await.contains("Published by mistake."));

    // Sources and findings cannot be "withdrawn"; an unknown kind is not a page.
    assert_eq!(
        send("/staff/sources/src-bbc-2023-taganrog/unpublish", with(vec![], &csrf)).await.unwrap().status(),
        404
    );
    assert_eq!(get_as(&s, "/staff/prisoners", &admin).await.status(), 404);
    let out = std::process::Command::new(crate::support::BIN)
        .args(crate::support::database_args(s.data_dir()))
        .args(["--data-dir", s.data_dir().to_str().unwrap(), "audit", "verify"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

/// Questions and answers and editorial pages are records like the others.
#[tokio::test]
async fn answers_and_pages_are_edited_in_the_back_office() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let admin = session(&s, "olena", &secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/faq?lang=en", &admin).await.text().await.unwrap());
    let send = |path: &'static str, mut fields: Vec<(&'static str, String)>| {
        fields.push(("csrf", csrf.clone()));
        fields.push(("lang", "en".to_owned()));
        s.client.post(s.url(path)).header("cookie", admin.clone()).form(&fields).send()
    };

    // The bundled answers are listed and prefilled.
    let list = get_as(&s, "/staff/faq?lang=en", &admin).await.text().await.unwrap();
    assert!(list.contains("/staff/faq/what-is-inferno?lang=en"), "{list}");
    let form = get_as(&s, "/staff/faq/what-is-inferno?lang=en", &admin).await.text().await.unwrap();
    assert!(form.contains("What is Inferno?"));

    // A published answer changes only with a public note.
    let answer = vec![
        ("position", "1".to_owned()),
        ("question_en", "What is Inferno, in one sentence?".to_owned()),
        ("question_uk", "Що таке Inferno одним реченням?".to_owned()),
        ("answer_en", "A sourced register of where Russia holds Ukrainian prisoners of war.".to_owned()),
        ("answer_uk", "Реєстр місць, де Росія утримує українських військовополонених, із джерелами.".to_owned()),
    ];
    assert_eq!(
        send("/staff/faq/what-is-inferno", answer.clone()).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut with_note = answer.clone();
    with_note.push(("public_note", "The first answer was shortened.".to_owned()));
    assert_eq!(send("/staff/faq/what-is-inferno", with_note).await.unwrap().status(), StatusCode::SEE_OTHER);
    let faq = s.page("/en/faq").await;
    assert!(faq.contains("What is Inferno, in one sentence?"));
    assert!(s.page("/uk/faq").await.contains("Що таке Inferno одним реченням?"));
    assert!(s.page("/en/changes").await.contains("The first answer was shortened."));

    // A bad position is named.
    let mut bad = answer.clone();
    bad[0].1 = "first".into();
    let r = send("/staff/faq/what-is-inferno", bad).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("&#34;first&#34; is not a whole number"));

    // A new page: a draft until published, then at /{lang}/{id}.
    let page = vec![
        ("id", "privacy".to_owned()),
        ("title_en", "Privacy".to_owned()),
        ("body_en", "We keep **no** record of visitors.".to_owned()),
        ("title_uk", "Приватність".to_owned()),
        ("body_uk", "Ми **не** ведемо записів про відвідувачів.".to_owned()),
    ];
    assert_eq!(send("/staff/pages/new", page).await.unwrap().status(), StatusCode::SEE_OTHER);
    assert_eq!(s.get("/en/privacy").await.status(), 404);
    assert_eq!(send("/staff/pages/privacy/publish", vec![]).await.unwrap().status(), StatusCode::SEE_OTHER);
    let html = s.page("/uk/privacy").await;
    assert!(html.contains("<h1 lang=\"uk\">Приватність</h1>"));
    assert!(html.contains("<strong>не</strong>"));
}

/// The reason a form shows under `field` (`""`: the message above the form).
fn reason_shown(html: &str, field: &str) -> Option<String> {
    let from = if field.is_empty() {
        html.find("<p class=\"form-error\"")?
    } else if let Some(i) = html.find(&format!("<span class=\"field-error\" id=\"e-{field}\">")) {
        i
    } else {
        // A group of checkboxes: its reason follows its last box, inside the fieldset.
        let last = html.rfind(&format!("name=\"{field}\" value="))?;
        let rest = &html[last..];
        let span = rest.find("<span class=\"field-error\">")?;
        (span < rest.find("</fieldset>")?).then_some(last + span)?
    };
    let rest = &html[from..];
    let end = rest.find(if field.is_empty() { "</p>" } else { "</span>" })?;
    Some(rest[rest.find('>')? + 1..end].to_owned())
}

/// Words of the English reasons, which a Ukrainian reason never has once
/// what the editor typed (quoted «thus») is left out.
const ENGLISH: &[&str] = &[
    "is ",
    "not ",
    "the ",
    "required",
    "unknown",
    "already",
    "exists",
    "must",
    "before",
    "after",
    "stay",
    "range",
    "valid",
    "character",
    "neither",
    "listed",
    "twice",
    "expected",
    "known",
    "host",
    "number",
    "month",
    "year",
    "date",
    "period",
    "only",
    "account",
    "password",
    "record",
    "site",
    "source",
    "empty",
    "long",
    "digit",
];

fn without_quoted(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A Ukrainian editor reads why a form was refused in Ukrainian: every kind
/// of problem a back-office form can produce, in the record forms and the
/// account forms, and none of its reasons in English.
#[tokio::test]
async fn the_back_office_gives_its_reasons_in_ukrainian() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let admin = session(&s, "olena", &secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/sites/new?lang=uk", &admin).await.text().await.unwrap());
    let site = |changes: &[(&'static str, &'static str)]| -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> = NEW_SITE
            .iter()
            .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
            .map(|&(k, v)| (k, v.to_owned()))
            .collect();
        v.extend(changes.iter().map(|&(k, v)| (k, v.to_owned())));
        v
    };
    let source = |changes: &[(&'static str, &'static str)]| -> Vec<(&'static str, String)> {
        let base = [
            ("id", "src-test"),
            ("kind", "media"),
            ("title", "A test source"),
            ("publisher", "Test"),
            ("published_on", "2023-08-16"),
            ("url", "https://example.org/a"),
            ("language", "en"),
            ("reliability", "B"),
            ("credibility", "2"),
            ("independence_group", "test"),
            ("notes", "Notes."),
        ];
        let mut v: Vec<(&'static str, String)> = base
            .iter()
            .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
            .map(|&(k, v)| (k, v.to_owned()))
            .collect();
        v.extend(changes.iter().map(|&(k, v)| (k, v.to_owned())));
        v
    };
    let testimony = |stays: String, extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, String)> {
        let mut v = vec![
            ("id", "t-test".to_owned()),
            ("witness_role", "relative".to_owned()),
            ("consent", "witness_anonymised".to_owned()),
            ("summary_en", "An account.".to_owned()),
            ("stays", stays),
        ];
        v.retain(|(k, _)| !extra.iter().any(|(c, _)| c == k));
        v.extend(extra.iter().map(|&(k, v)| (k, v.to_owned())));
        v
    };
    let long_name = "x".repeat(1001);
    let too_many_stays = vec!["ru-kursk-sizo-1"; 101].join("\n");
    let long_password = "x".repeat(129);

    // What is posted where, and for each field the kind of problem (a stay's
    // problem holds another: `stay/not-period`) and the words of its
    // Ukrainian reason.
    #[allow(clippy::type_complexity)]
    let cases: Vec<(&str, Vec<(&'static str, String)>, StatusCode, Vec<(&str, &str, &str)>)> = vec![
        (
            "/staff/sites/new",
            {
                let mut v = site(&[
                    ("id", "Test Colony"),
                    ("name_uk", ""),
                    ("settlement", "Тест\u{7}"),
                    ("facility_type", "prison"),
                    ("status", "open"),
                    ("occupied_territory", "maybe"),
                    ("lat", "95"),
                    ("lon", "east"),
                    ("reported_from", "2023-13"),
                    ("reported_to", "2023"),
                    ("source_urls", "www.bbc.com"),
                    ("notes", ""),
                ]);
                v.retain(|(k, _)| *k != "name_en");
                v.push(("name_en", long_name.clone()));
                v
            },
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("id", "bad-id", "«Test Colony» не годиться як ідентифікатор"),
                ("name_uk", "required", "це поле потрібно заповнити"),
                ("name_en", "too-long", "довше ніж 1000 символів"),
                ("settlement", "control-character", "містить керівний символ (U+0007)"),
                ("facility_type", "not-in-vocabulary", "«prison» немає в переліку «типи місць»; можливі значення: "),
                ("status", "not-in-vocabulary", "«open» немає в переліку «стан місця»"),
                ("occupied_territory", "not-boolean", "«maybe» — ні «так», ні «ні»"),
                ("lat", "coordinate-out-of-range", "95 — поза допустимими межами (від −90 до 90)"),
                ("lon", "not-number", "«east» — не число"),
                ("reported_from", "month-out-of-range", "місяця з номером 13 не буває"),
                ("reported_to", "not-month", "«2023» — не місяць у форматі РРРР-ММ"),
                ("source_urls", "invalid-url", "«www.bbc.com» — неправильна вебадреса"),
                ("notes", "required", "це поле потрібно заповнити"),
            ],
        ),
        (
            "/staff/sites/new",
            site(&[
                ("occupied_territory", "true"),
                ("reported_from", "2023-05"),
                ("reported_to", "2023-01"),
                ("source_urls", "ftp://example.org/a"),
            ]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("occupied_territory", "occupied-outside-ukraine", "лише територія України, а країна тут — Росія"),
                ("reported_to", "ends-before-start", "2023-01 — раніше, ніж «Полонених зафіксовано з» (2023-05)"),
                ("source_urls", "not-http", "«ftp://example.org/a» — не адреса http чи https"),
            ],
        ),
        (
            "/staff/sites/new",
            site(&[("country", "ru")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("country", "not-country", "«ru» — не код країни за ISO 3166")],
        ),
        (
            "/staff/sites/new",
            site(&[("id", "ru-taganrog-sizo-2")]),
            StatusCode::CONFLICT,
            vec![("id", "already-exists", "запис з ідентифікатором «ru-taganrog-sizo-2» уже існує")],
        ),
        (
            "/staff/sources/new",
            source(&[
                ("kind", "blog"),
                // A headline may be unknown; who published it may not.
                ("publisher", ""),
                ("published_on", "2023-02-30"),
                ("url", "https://"),
                ("language", "ukr"),
                ("reliability", "Z"),
                ("credibility", "9"),
                ("independence_group", "Test Group"),
                ("archived_sha256", "abc"),
            ]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("kind", "not-in-vocabulary", "«blog» немає в переліку «види джерел»"),
                ("publisher", "required", "це поле потрібно заповнити"),
                ("published_on", "day-out-of-range", "у цьому місяці немає дня з номером 30 (1–28)"),
                ("url", "invalid-url", "«https://» — неправильна вебадреса"),
                ("language", "not-language", "«ukr» — не двобуквений код мови"),
                ("reliability", "not-in-vocabulary", "«Z» немає в переліку «оцінки надійності (A–F)»"),
                ("credibility", "not-in-vocabulary", "«9» немає в переліку «оцінки достовірності (1–6)»"),
                ("independence_group", "bad-id", "«Test Group» не годиться як ідентифікатор"),
                ("archived_sha256", "not-sha256", "це не геш SHA-256"),
            ],
        ),
        (
            "/staff/sources/new",
            source(&[("published_on", "23")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("published_on", "not-year", "«23» — не рік із чотирьох цифр")],
        ),
        (
            "/staff/sources/new",
            source(&[("published_on", "2200")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("published_on", "year-out-of-range", "рік 2200 — поза допустимими межами (1900–2100)")],
        ),
        (
            "/staff/sources/new",
            source(&[("published_on", "2023-1")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("published_on", "not-two-digit-month", "«1» — не номер місяця з двох цифр")],
        ),
        (
            "/staff/sources/new",
            source(&[("published_on", "2023-01-1")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("published_on", "not-two-digit-day", "«1» — не номер дня з двох цифр")],
        ),
        (
            "/staff/sources/new",
            source(&[("published_on", "2023-01-01-01")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("published_on", "not-date", "«2023-01-01-01» — не дата у форматі РРРР, РРРР-ММ або РРРР-ММ-ДД")],
        ),
        (
            "/staff/findings/new",
            vec![
                ("source_id", "src-bbc-2023-taganrog".to_owned()),
                ("site_id", "ru-kursk-sizo-1".to_owned()),
                ("abuse_types", "beating".to_owned()),
                ("abuse_types", "beating".to_owned()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("abuse_types", "listed-twice", "«beating» вказано двічі")],
        ),
        (
            "/staff/findings/new",
            vec![
                ("source_id", "src-bbc-2023-taganrog".to_owned()),
                ("site_id", "ru-kursk-sizo-1".to_owned()),
                ("abuse_types", "tickling".to_owned()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("abuse_types", "not-in-vocabulary", "«tickling» немає в переліку «види насильства»")],
        ),
        (
            "/staff/findings/new",
            vec![
                ("source_id", "src-nowhere".to_owned()),
                ("site_id", "ru-nowhere".to_owned()),
                ("note", "A test finding.".to_owned()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("source_id", "unknown-source", "джерела з ідентифікатором «src-nowhere» немає"),
                ("site_id", "unknown-site", "місця з ідентифікатором «ru-nowhere» немає"),
            ],
        ),
        (
            "/staff/testimonies/new",
            testimony(
                "Site A@2022-01..2022-02".to_owned(),
                &[("consent", ""), ("witness_role", "stranger"), ("summary_en", "")],
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                (
                    "consent",
                    "consent-required",
                    "це поле потрібно заповнити, якщо поле «Ідентифікатор джерела» порожнє",
                ),
                ("witness_role", "not-in-vocabulary", "«stranger» немає в переліку «хто свідчить»"),
                ("summary_en", "required", "це поле потрібно заповнити"),
                (
                    "stays",
                    "stay-site/bad-id",
                    "місце утримання № 1, ідентифікатор місця: «Site A» не годиться як ідентифікатор",
                ),
            ],
        ),
        (
            "/staff/testimonies/new",
            testimony("ru-kursk-sizo-1@2022".to_owned(), &[("consent", "maybe")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("consent", "not-in-vocabulary", "«maybe» немає в переліку «підстави для публікації»"),
                ("stays", "stay/not-period", "місце утримання № 1: «2022» — не період у форматі РРРР-ММ..РРРР-ММ"),
            ],
        ),
        (
            "/staff/testimonies/new",
            testimony("ru-kursk-sizo-1@2022-05..2022-01".to_owned(), &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![(
                "stays",
                "stay/stay-ends-before-start",
                "місце утримання № 1: закінчується (2022-01) раніше, ніж починається (2022-05)",
            )],
        ),
        (
            "/staff/testimonies/new",
            testimony("ru-kursk-sizo-1\n@2022-01..2022-02".to_owned(), &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("stays", "stay-site/empty", "місце утримання № 2, ідентифікатор місця: порожнє значення")],
        ),
        (
            "/staff/testimonies/new",
            testimony(too_many_stays, &[]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("stays", "too-many-stays", "понад 100 місць утримання")],
        ),
        (
            "/staff/testimonies/new",
            testimony("ru-nowhere".to_owned(), &[("source_id", "src-nowhere")]),
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("source_id", "unknown-source", "джерела з ідентифікатором «src-nowhere» немає"),
                ("stays", "unknown-site", "місця з ідентифікатором «ru-nowhere» немає"),
            ],
        ),
        (
            "/staff/news/new",
            vec![
                ("id", "news-test".to_owned()),
                ("date", "2026-11".to_owned()),
                ("title_en", "A test item".to_owned()),
                ("summary_en", "Summary.".to_owned()),
                ("source_name", "Test".to_owned()),
                ("source_url", "https://example.org/news".to_owned()),
                ("facility_ids", "ru-kursk-sizo-1;ru-kursk-sizo-1".to_owned()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![
                ("date", "not-full-date", "«2026-11» — не повна дата у форматі РРРР-ММ-ДД"),
                ("facility_ids", "listed-twice", "«ru-kursk-sizo-1» вказано двічі"),
            ],
        ),
        (
            "/staff/faq/what-is-inferno",
            vec![
                ("position", "first".to_owned()),
                ("question_en", "What is Inferno?".to_owned()),
                ("answer_en", "A register.".to_owned()),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("position", "not-whole-number", "«first» — не ціле число")],
        ),
        (
            "/staff/users",
            vec![("name", "Olena K".to_owned()), ("role", "editor".to_owned()), ("password", PASSWORD.to_owned())],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("", "not-account-name", "«Olena K» не годиться як ім’я облікового запису: від 2 до 40 символів")],
        ),
        (
            "/staff/users",
            vec![("name", "ivan".to_owned()), ("role", "root".to_owned()), ("password", PASSWORD.to_owned())],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("", "not-role", "«root» — не роль; ролі: адміністратор, редактор, рецензент")],
        ),
        (
            "/staff/users",
            vec![("name", "ivan".to_owned()), ("role", "editor".to_owned()), ("password", "short".to_owned())],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("", "password-too-short", "пароль має містити щонайменше 12 символів")],
        ),
        (
            "/staff/users",
            vec![("name", "ivan".to_owned()), ("role", "editor".to_owned()), ("password", long_password)],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("", "password-too-long", "пароль має містити не більше ніж 128 символів")],
        ),
        (
            "/staff/users",
            vec![("name", "olena".to_owned()), ("role", "editor".to_owned()), ("password", PASSWORD.to_owned())],
            StatusCode::CONFLICT,
            vec![("", "account-exists", "обліковий запис «olena» уже існує")],
        ),
        (
            "/staff/pages/new",
            vec![("id", "submit".to_owned()), ("title_en", "A page".to_owned()), ("body_en", "Text.".to_owned())],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("id", "reserved-page-id", "це адреса частини сайту")],
        ),
        (
            "/staff/password",
            vec![("current", PASSWORD.to_owned()), ("new", "short".to_owned())],
            StatusCode::UNPROCESSABLE_ENTITY,
            vec![("", "password-too-short", "пароль має містити щонайменше 12 символів")],
        ),
    ];

    let mut failures = Vec::new();
    let mut shown = std::collections::BTreeSet::new();
    for (path, mut fields, status, want) in cases {
        fields.push(("csrf", csrf.clone()));
        fields.push(("lang", "uk".to_owned()));
        let r = s.client.post(s.url(path)).header("cookie", &admin).form(&fields).send().await.unwrap();
        let got = r.status();
        let html = r.text().await.unwrap();
        if got != status {
            failures.push(format!("{path}: {got}, want {status}"));
            continue;
        }
        for (field, code, words) in want {
            // A stay's problem holds another: `stay/not-period`.
            shown.extend(code.split('/'));
            let Some(reason) = reason_shown(&html, field) else {
                failures.push(format!("{path} {field} ({code}): no reason shown"));
                continue;
            };
            let plain = without_quoted(&reason).to_lowercase();
            let english: Vec<&&str> = ENGLISH.iter().filter(|w| plain.contains(*w)).collect();
            if !reason.contains(words) || !english.is_empty() || !plain.chars().any(|c| ('а'..='я').contains(&c)) {
                failures.push(format!("{path} {field} ({code}): {reason:?}, want {words:?}; English: {english:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");

    // Every kind of problem is either shown above or one that no form can
    // bring about (the web crate's own test words every kind in both languages).
    let not_from_forms = [
        "empty-file",
        "no-rows",
        "too-many-rows",
        "unknown-column",
        "repeated-column",
        "missing-column",
        "field-count",
        "not-utf8",
        "bad-csv",
        // A form holds one record.
        "duplicate",
        // An http(s) address without a host does not parse at all.
        "no-host",
        // The form checks the change a reviewer read before the store does;
        // the others are races between two people, or rules made stricter.
        "no-such-record",
        "change-replaced",
        "change-not-of-record",
        "no-longer-valid",
        // Assigning a submission, not a form of these.
        "no-such-account",
    ];
    let untested: Vec<&&str> =
        inferno_domain::Problem::CODES.iter().filter(|c| !shown.contains(**c) && !not_from_forms.contains(c)).collect();
    assert!(untested.is_empty(), "kinds of problem no form here shows: {untested:?}");
}
