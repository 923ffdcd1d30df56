//! Four eyes on what the public sees (security review finding F8): an editor's
//! change to a published record, and a new source or finding, wait for a
//! reviewer; readers see the published version meanwhile.

use crate::support::staff::{add_user, csrf_of, get_as, post_as, session};
use crate::support::{Server, attr_values, elements, sample_rows};
use reqwest::StatusCode;

const NEW_TITLE: &str = "Changed by an editor, never reviewed";
const NOTE: &str = "The headline was shortened.";

/// What the back-office form of a bundled news item holds, as it was imported.
fn news_fields(id: &str) -> Vec<(String, String)> {
    let row = sample_rows("news.csv").into_iter().find(|r| r["id"] == id).unwrap();
    row.into_iter().filter(|(k, _)| k != "id").collect()
}

fn with(fields: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (k.clone(), changes.iter().find(|(c, _)| c == k).map_or(v.clone(), |(_, n)| (*n).to_owned())))
        .collect();
    for (k, v) in changes {
        if !out.iter().any(|(c, _)| c == k) {
            out.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    out
}

async fn send(s: &Server, path: &str, cookie: &str, fields: &[(String, String)]) -> reqwest::Response {
    s.client.post(s.url(path)).header("cookie", cookie).form(fields).send().await.unwrap()
}

/// The `action` of the form on `html` whose action contains `part`.
fn form_action(html: &str, part: &str) -> String {
    attr_values(html, "action").into_iter().find(|a| a.contains(part)).unwrap_or_else(|| panic!("{html}")).to_owned()
}

fn h1(html: &str) -> String {
    elements(html, "<h1", "</h1>").first().copied().unwrap_or_default().to_owned()
}

/// The dashboard's "Waiting for review" table, or its empty message.
fn waiting_section(dashboard: &str) -> &str {
    let heading = dashboard.find("review</h2>").unwrap_or_else(|| panic!("{dashboard}"));
    let start = dashboard[..heading].rfind("<h2>").unwrap();
    let end = dashboard[heading..].find("<h2>").map_or(dashboard.len(), |e| heading + e);
    &dashboard[start..end]
}

/// A field of the change a review page shows.
#[derive(Debug)]
struct Shown {
    label: String,
    /// The published value, whole, as a reader of the page sees its text.
    before: String,
    /// The proposed value, whole.
    after: String,
    /// What is marked removed from the one and added to the other.
    removed: Vec<String>,
    added: Vec<String>,
}

/// Every field of the change waiting on a review page.
fn shown_changes(review: &str) -> Vec<Shown> {
    let unescape = |html: &str| {
        html.replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let text = |html: &str| {
        unescape(&html.replace("<del>", "").replace("</del>", "").replace("<ins>", "").replace("</ins>", ""))
    };
    let marked = |html: &str, tag: &str| -> Vec<String> {
        elements(html, &format!("<{tag}>"), &format!("</{tag}>")).into_iter().map(unescape).collect()
    };
    elements(review, "<div class=\"change\">", "</div>")
        .into_iter()
        .map(|d| {
            let texts = elements(d, "<p class=\"change-text\">", "</p>");
            assert_eq!(texts.len(), 2, "{d}");
            Shown {
                label: elements(d, "<h3>", "</h3>")[0].to_owned(),
                before: text(texts[0]),
                after: text(texts[1]),
                removed: marked(texts[0], "del"),
                added: marked(texts[1], "ins"),
            }
        })
        .collect()
}

async fn audit_log(s: &Server, admin: &str) -> String {
    get_as(s, "/staff/audit?lang=en", admin).await.text().await.unwrap()
}

fn audit_verifies(s: &Server) {
    let out = std::process::Command::new(crate::support::BIN)
        .args(crate::support::database_args(s.data_dir()))
        .args(["--data-dir", s.data_dir().to_str().unwrap(), "audit", "verify"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

/// The review's attack: an editor retitles a published news item with a
/// public note. Readers keep the published title until a reviewer publishes
/// the change; then they see the new title and the correction.
#[tokio::test]
async fn an_editors_change_to_published_news_waits_for_a_reviewer() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let olena_secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let maria = session(&s, "maria", &maria_secret).await;
    let olena = session(&s, "olena", &olena_secret).await;
    let fields = news_fields("news-01");
    let old_title = fields.iter().find(|(k, _)| k == "title_en").unwrap().1.clone();
    assert_eq!(h1(&s.page("/en/news/news-01").await), old_title);

    let form = get_as(&s, "/staff/news/news-01?lang=en", &ivan).await.text().await.unwrap();
    assert!(form.contains("what you save waits for a reviewer before readers see it"), "{form}");
    let csrf = csrf_of(&form);
    let edit = with(&fields, &[("title_en", NEW_TITLE), ("public_note", NOTE), ("csrf", &csrf), ("lang", "en")]);
    let r = send(&s, "/staff/news/news-01", &ivan, &edit).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    assert_eq!(r.headers()["location"], "/staff/news/news-01?lang=en&saved=pending");

    // Readers still see the published version, and no correction yet.
    let public = s.page("/en/news/news-01").await;
    assert_eq!(h1(&public), old_title);
    assert!(!public.contains(NEW_TITLE) && !public.contains("The headline was shortened"));
    assert!(!s.page("/en/news").await.contains(NEW_TITLE));
    assert!(!s.page("/en/changes").await.contains("The headline was shortened"));

    // The editor is told that it waits; their form holds the waiting version.
    let page = get_as(&s, "/staff/news/news-01?lang=en&saved=pending", &ivan).await.text().await.unwrap();
    assert!(page.contains("Saved for review. Readers see the published version"), "{page}");
    assert!(page.contains("Your change waits for a reviewer."));
    assert!(page.contains(&format!("value=\"{NEW_TITLE}\"")), "the form builds on the waiting change");
    assert!(!page.contains("/approve/"), "no approval for an editor");
    let reviewed = get_as(&s, "/staff/news/news-01?lang=en", &maria).await.text().await.unwrap();
    let rev = form_action(&reviewed, "/approve/");
    let rev = rev.rsplit('/').next().unwrap().to_owned();
    // The reviewer also sees the change as readers will: the news item's
    // public page, rendered with the proposed title.
    let preview =
        reviewed.split("class=\"public-preview\">").nth(1).expect("a preview").split("</section>").next().unwrap();
    assert!(preview.contains("The change as readers will see it once it is published"), "{preview}");
    assert!(preview.contains(&format!("<h1 lang=\"en\">{NEW_TITLE}</h1>")), "{preview}");
    assert!(preview.contains("On the public site at /en/news/news-01"), "{preview}");

    // An editor cannot publish their own change, nor discard it.
    for verb in ["approve", "discard"] {
        let path = format!("/staff/news/news-01/{verb}/{rev}");
        let r = post_as(&s, &path, &ivan, &[("csrf", &csrf), ("public_note", NOTE)]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{verb}");
    }
    assert_eq!(h1(&s.page("/en/news/news-01").await), old_title);

    // A reviewer sees what waits on the dashboard, and the change on the record.
    let dashboard = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    let waiting = waiting_section(&dashboard);
    assert!(waiting.contains("Waiting for review"), "{dashboard}");
    assert!(
        waiting.contains(
            "<td>News</td><td><a href=\"/staff/news/news-01?lang=en\"><code>news/news-01</code></a></td>\
             <td>change to a published record</td><td>ivan</td>"
        ),
        "{waiting}"
    );
    let review = get_as(&s, "/staff/news/news-01?lang=en", &maria).await.text().await.unwrap();
    assert!(review.contains("Proposed by ivan on "), "{review}");
    let shown = shown_changes(&review);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!((shown[0].before.as_str(), shown[0].after.as_str()), (old_title.as_str(), NEW_TITLE), "{shown:?}");
    assert_eq!(shown[0].added, [NEW_TITLE], "the new title is one run");
    assert!(review.contains("value=\"The headline was shortened.\""), "the editor's note is proposed");
    assert!(review.contains("Publish this change") && review.contains(">Discard</button>"));
    let maria_csrf = csrf_of(&review);
    let approve = format!("/staff/news/news-01/approve/{rev}");

    // Publishing still needs the public note; then readers see both.
    let r = post_as(&s, &approve, &maria, &[("csrf", &maria_csrf), ("public_note", " ")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_as(&s, &approve, &maria, &[("csrf", &maria_csrf), ("public_note", NOTE), ("lang", "en")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/staff/news/news-01?lang=en&reviewed=approve");
    let public = s.page("/en/news/news-01").await;
    assert_eq!(h1(&public), NEW_TITLE);
    assert!(public.contains("The headline was shortened."), "{public}");
    assert!(s.page("/en/changes").await.contains("The headline was shortened."));
    // Approving twice does nothing more.
    assert_eq!(post_as(&s, &approve, &maria, &[("csrf", &maria_csrf), ("public_note", NOTE)]).await.status(), 404);

    // Nothing waits any more; the history names both people.
    let dashboard = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    assert!(waiting_section(&dashboard).contains("Nothing waits for review."), "{dashboard}");
    let history = get_as(&s, "/staff/news/news-01?lang=en", &maria).await.text().await.unwrap();
    assert!(!history.contains("Change waiting for review"));
    assert!(
        history.contains("<td>ivan</td><td>proposed a change</td><td><dl class=\"diff\"><dt><code>title_en</code>")
    );
    assert!(history.contains("<td>maria</td><td>published the proposed change</td>"), "{history}");

    // A reviewer's own edit goes live at once, as before.
    let own = with(
        &news_fields("news-03"),
        &[
            ("title_en", "A reviewer's own headline"),
            ("public_note", "Retitled by a reviewer."),
            ("csrf", &maria_csrf),
            ("lang", "en"),
        ],
    );
    let r = send(&s, "/staff/news/news-03", &maria, &own).await;
    assert_eq!(r.headers()["location"], "/staff/news/news-03?lang=en&saved=1");
    assert_eq!(h1(&s.page("/en/news/news-03").await), "A reviewer&#39;s own headline");

    // Each step is in the audit log, which still verifies.
    let log = audit_log(&s, &olena).await;
    for action in ["news_propose", "news_approve", "news_update"] {
        assert!(log.contains(&format!("<data value=\"{action}\">")), "{action} missing: {log}");
    }
    assert!(log.contains("proposal "), "the approval names the proposal and its author");
    audit_verifies(&s);
}

/// A source and a finding an editor adds are drafts: the site's page, its
/// counts and its filters ignore them until a reviewer publishes both.
#[tokio::test]
async fn new_sources_and_findings_wait_until_a_reviewer_publishes_them() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let olena_secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let maria = session(&s, "maria", &maria_secret).await;
    let olena = session(&s, "olena", &olena_secret).await;
    let site = "/en/sites/ru-taganrog-sizo-2";
    let figures = |html: &str| elements(html, "<ul class=\"figures\"", "</ul>").concat();
    let figures_before = figures(&s.page("/en/").await);
    let dogs_filter = "/en/sites?abuse=dog_attacks";
    assert!(!s.page(dogs_filter).await.contains("/en/sites/ru-taganrog-sizo-2\""));

    let csrf = csrf_of(&get_as(&s, "/staff/sources/new?lang=en", &ivan).await.text().await.unwrap());
    let source = [
        ("id", "src-editor-test"),
        ("kind", "media"),
        ("title", "An editor's unreviewed report"),
        ("publisher", "Unreviewed Publisher"),
        ("published_on", "2024-05-01"),
        ("url", "https://example.org/unreviewed"),
        ("language", "en"),
        ("reliability", "B"),
        ("credibility", "2"),
        ("independence_group", "editor-test"),
        ("notes", "Added by an editor."),
        ("csrf", &csrf),
        ("lang", "en"),
    ];
    let r = post_as(&s, "/staff/sources/new", &ivan, &source).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let finding = [
        ("source_id", "src-editor-test"),
        ("site_id", "ru-taganrog-sizo-2"),
        ("abuse_types", "dog_attacks"),
        ("note", "Guards set dogs on prisoners."),
        ("csrf", &csrf),
        ("lang", "en"),
    ];
    let r = post_as(&s, "/staff/findings/new", &ivan, &finding).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());

    // Not public: not on the site's page, in its evidence, filters or counts.
    let public = s.page(site).await;
    assert!(!public.contains("Unreviewed Publisher") && !public.contains("Dog attacks"), "{public}");
    assert!(!s.page(dogs_filter).await.contains("/en/sites/ru-taganrog-sizo-2\""));
    assert_eq!(figures(&s.page("/en/").await), figures_before);

    // The editor sees drafts that a reviewer publishes, and cannot publish them.
    let page = get_as(&s, "/staff/sources/src-editor-test?lang=en", &ivan).await.text().await.unwrap();
    assert!(page.contains("draft, not public. It becomes public when a reviewer publishes it."), "{page}");
    assert!(!page.contains("/publish\""));
    let r = post_as(&s, "/staff/sources/src-editor-test/publish", &ivan, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let list = get_as(&s, "/staff/sources?lang=en", &ivan).await.text().await.unwrap();
    assert!(list.contains("<code>src-editor-test</code></a></td><td>An editor&#39;s unreviewed report</td><td>draft"));
    let mine = get_as(&s, "/staff?lang=en", &ivan).await.text().await.unwrap();
    assert!(waiting_section(&mine).contains("Your changes waiting for review"), "{mine}");
    assert!(waiting_section(&mine).contains("<code>source/src-editor-test</code>"));

    // The reviewer's dashboard lists both.
    let dashboard = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    let waiting = waiting_section(&dashboard);
    for (href, target) in [
        ("/staff/sources/src-editor-test?lang=en", "source/src-editor-test"),
        ("/staff/findings/src-editor-test~ru-taganrog-sizo-2?lang=en", "finding/src-editor-test~ru-taganrog-sizo-2"),
    ] {
        assert!(
            waiting.contains(&format!(
                "<a href=\"{href}\"><code>{target}</code></a></td><td>new, not public yet</td><td>ivan</td>"
            )),
            "{waiting}"
        );
    }

    // A published finding of a draft source is still not evidence.
    let finding_page = "/staff/findings/src-editor-test~ru-taganrog-sizo-2?lang=en";
    let html = get_as(&s, finding_page, &maria).await.text().await.unwrap();
    assert!(html.contains("Its source is not published yet"), "{html}");
    let maria_csrf = csrf_of(&html);
    let r = post_as(&s, "/staff/findings/src-editor-test~ru-taganrog-sizo-2/publish", &maria, &[("csrf", &maria_csrf)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!s.page(site).await.contains("Dog attacks"));
    assert!(!s.page(dogs_filter).await.contains("/en/sites/ru-taganrog-sizo-2\""));

    // Once the source is published too, both are public.
    let r = post_as(&s, "/staff/sources/src-editor-test/publish", &maria, &[("csrf", &maria_csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let public = s.page(site).await;
    assert!(public.contains("Unreviewed Publisher"), "{public}");
    assert!(public.contains("<th scope=\"row\">Dog attacks</th>"));
    assert!(s.page(dogs_filter).await.contains("/en/sites/ru-taganrog-sizo-2\""));
    assert_ne!(figures(&s.page("/en/").await), figures_before);
    let dashboard = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    assert!(waiting_section(&dashboard).contains("Nothing waits for review."));
    // Sources still cannot be withdrawn.
    let r = post_as(&s, "/staff/sources/src-editor-test/unpublish", &maria, &[("csrf", &maria_csrf)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    let log = audit_log(&s, &olena).await;
    for action in ["source_create", "finding_create", "finding_publish", "source_publish"] {
        assert!(log.contains(&format!("<data value=\"{action}\">")), "{action} missing");
    }
    audit_verifies(&s);
}

/// A further edit builds on the waiting change and replaces it; a reviewer
/// acts only on the version they read, and can discard it.
#[tokio::test]
async fn a_waiting_change_is_replaced_by_a_further_edit_and_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let petro_secret = add_user(dir.path(), "petro", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let olena_secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let petro = session(&s, "petro", &petro_secret).await;
    let maria = session(&s, "maria", &maria_secret).await;
    let olena = session(&s, "olena", &olena_secret).await;
    let fields = news_fields("news-02");
    let old_title = fields.iter().find(|(k, _)| k == "title_en").unwrap().1.clone();
    let csrf = csrf_of(&get_as(&s, "/staff/news/news-02?lang=en", &ivan).await.text().await.unwrap());
    let base = with(&fields, &[("csrf", &csrf), ("lang", "en"), ("public_note", NOTE)]);

    let r = send(&s, "/staff/news/news-02", &ivan, &with(&base, &[("title_en", "First try")])).await;
    assert_eq!(r.headers()["location"], "/staff/news/news-02?lang=en&saved=pending");
    let first =
        form_action(&get_as(&s, "/staff/news/news-02?lang=en", &maria).await.text().await.unwrap(), "/approve/");
    // The same again changes nothing.
    let r = send(&s, "/staff/news/news-02", &ivan, &with(&base, &[("title_en", "First try")])).await;
    assert_eq!(r.headers()["location"], "/staff/news/news-02?lang=en&saved=0");

    // The second edit starts from the first and replaces it.
    let form = get_as(&s, "/staff/news/news-02?lang=en", &ivan).await.text().await.unwrap();
    assert!(form.contains("value=\"First try\""));
    assert!(form.contains("The form starts from the change that waits for review"));
    let second = with(&base, &[("title_en", "First try"), ("summary_en", "A shorter summary.")]);
    let r = send(&s, "/staff/news/news-02", &ivan, &second).await;
    assert_eq!(r.headers()["location"], "/staff/news/news-02?lang=en&saved=pending");
    let review = get_as(&s, "/staff/news/news-02?lang=en", &maria).await.text().await.unwrap();
    let shown = shown_changes(&review);
    let mut after: Vec<&str> = shown.iter().map(|c| c.after.as_str()).collect();
    after.sort();
    assert_eq!(after, ["A shorter summary.", "First try"], "both fields of the second edit: {shown:?}");
    let second_action = form_action(&review, "/approve/");
    assert_ne!(first, second_action);
    let maria_csrf = csrf_of(&review);

    // Approving the version read before the second edit is refused.
    let r = post_as(&s, &first, &maria, &[("csrf", &maria_csrf), ("public_note", NOTE), ("lang", "en")]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("A newer change has replaced the one you read."));
    assert_eq!(h1(&s.page("/en/news/news-02").await), old_title);

    // Another editor's waiting change is not on Ivan's dashboard.
    let petro_csrf = csrf_of(&get_as(&s, "/staff/news/news-04?lang=en", &petro).await.text().await.unwrap());
    let theirs = with(&news_fields("news-04"), &[("title_en", "Petro's headline"), ("public_note", NOTE)]);
    let theirs = with(&theirs, &[("csrf", &petro_csrf), ("lang", "en")]);
    assert_eq!(send(&s, "/staff/news/news-04", &petro, &theirs).await.status(), StatusCode::SEE_OTHER);
    let mine = get_as(&s, "/staff?lang=en", &ivan).await.text().await.unwrap();
    assert!(waiting_section(&mine).contains("<code>news/news-02</code>"));
    assert!(!waiting_section(&mine).contains("news-04"), "{mine}");
    let all = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    assert!(waiting_section(&all).contains("<code>news/news-02</code>"));
    assert!(waiting_section(&all).contains("<code>news/news-04</code>"));
    let list = get_as(&s, "/staff/news?lang=en", &maria).await.text().await.unwrap();
    assert!(list.contains("published; change waiting for review"));

    // Discarding leaves the published version; the editor's form shows it again.
    let discard = second_action.replace("/approve/", "/discard/");
    let r = post_as(&s, &discard, &maria, &[("csrf", &maria_csrf), ("lang", "en")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/staff/news/news-02?lang=en&reviewed=discard");
    assert_eq!(h1(&s.page("/en/news/news-02").await), old_title);
    let form = get_as(&s, "/staff/news/news-02?lang=en", &ivan).await.text().await.unwrap();
    assert!(form.contains(&format!("value=\"{old_title}\"")), "{form}");
    assert!(!form.contains("Change waiting for review"));
    assert!(form.contains("<td>maria</td><td>discarded the proposed change</td>"), "{form}");
    assert!(!s.page("/en/changes").await.contains("The headline was shortened"));

    // An editor who puts the record back takes their change back.
    let back = with(&news_fields("news-04"), &[("public_note", NOTE), ("csrf", &petro_csrf), ("lang", "en")]);
    assert_eq!(send(&s, "/staff/news/news-04", &petro, &back).await.status(), StatusCode::SEE_OTHER);
    let all = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    assert!(waiting_section(&all).contains("Nothing waits for review."), "{all}");

    let log = audit_log(&s, &olena).await;
    assert_eq!(log.matches("<data value=\"news_propose\">").count(), 3, "{log}");
    assert_eq!(log.matches("<data value=\"news_discard\">").count(), 2);
    assert!(!log.contains("<data value=\"news_approve\">"));
    audit_verifies(&s);
}

/// The review's pages pass the Nu HTML Checker, in both languages.
/// An addition at the end of a long text was invisible: both versions
/// were cut at 120 characters, so the two cells read the same (UX review 3,
/// 3.2). The reviewer now reads both whole, the change marked word by word.
#[tokio::test]
async fn a_reviewer_reads_the_whole_change_word_by_word() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let (ivan, maria) = (session(&s, "ivan", &ivan_secret).await, session(&s, "maria", &maria_secret).await);
    let fields = news_fields("news-03");
    let summary = fields.iter().find(|(k, _)| k == "summary_en").unwrap().1.clone();
    assert!(summary.chars().count() > 120, "a long text: {summary}");
    let longer = format!("{summary} Guards beat the men at night.");
    let retitled = "Taganrog: what returnees say";
    let csrf = csrf_of(&get_as(&s, "/staff/news/news-03?lang=en", &ivan).await.text().await.unwrap());
    let proposal = with(
        &fields,
        &[("csrf", &csrf), ("lang", "en"), ("public_note", NOTE), ("summary_en", &longer), ("title_en", retitled)],
    );
    let r = send(&s, "/staff/news/news-03", &ivan, &proposal).await;
    assert_eq!(r.headers()["location"], "/staff/news/news-03?lang=en&saved=pending");

    let review = get_as(&s, "/staff/news/news-03?lang=en", &maria).await.text().await.unwrap();
    let shown = shown_changes(&review);
    let summary_change = shown.iter().find(|c| c.after == longer).unwrap_or_else(|| panic!("{shown:?}"));
    assert_eq!(summary_change.before, summary, "the published text, whole");
    assert!(summary_change.removed.is_empty(), "{summary_change:?}");
    assert_eq!(summary_change.added.concat().trim(), "Guards beat the men at night.", "only the addition is marked");
    assert_ne!(summary_change.label, "summary_en", "a field's label, not its column");
    let title_change = shown.iter().find(|c| c.after == retitled).unwrap_or_else(|| panic!("{shown:?}"));
    assert!(!title_change.removed.is_empty() && !title_change.added.is_empty(), "{title_change:?}");
    // Readable without colour: the page says how changes are marked, and
    // the marks themselves are text the style sheet adds around them.
    assert!(review.contains("words it adds are underlined and between [+ and +]"), "{review}");
    let css = s.page(attr_values(&review, "href").into_iter().find(|h| h.contains("style")).unwrap()).await;
    assert!(css.contains(".change-text ins::before { content: \"[+ \"; }"), "the marks are in the style sheet");
}

#[tokio::test]
async fn review_pages_are_valid_html() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let maria = session(&s, "maria", &maria_secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/news/news-01?lang=en", &ivan).await.text().await.unwrap());
    let edit = with(&news_fields("news-01"), &[("title_en", NEW_TITLE), ("public_note", NOTE), ("csrf", &csrf)]);
    assert_eq!(send(&s, "/staff/news/news-01", &ivan, &edit).await.status(), StatusCode::SEE_OTHER);
    let source = [
        ("id", "src-editor-test"),
        ("kind", "media"),
        ("title", "A draft source"),
        ("publisher", "P"),
        ("url", "https://example.org/draft"),
        ("language", "en"),
        ("reliability", "C"),
        ("credibility", "3"),
        ("independence_group", "draft"),
        ("csrf", &csrf),
    ];
    assert_eq!(post_as(&s, "/staff/sources/new", &ivan, &source).await.status(), StatusCode::SEE_OTHER);
    let mut pages = Vec::new();
    for (who, path) in [
        (&ivan, "/staff?lang=en"),
        (&ivan, "/staff?lang=uk"),
        (&ivan, "/staff/news/news-01?lang=en&saved=pending"),
        (&ivan, "/staff/news/news-01?lang=uk"),
        (&ivan, "/staff/news/news-02?lang=en"),
        (&ivan, "/staff/sources/src-editor-test?lang=uk"),
        (&maria, "/staff?lang=en"),
        (&maria, "/staff?lang=uk"),
        (&maria, "/staff/news?lang=uk"),
        (&maria, "/staff/news/news-01?lang=en"),
        (&maria, "/staff/news/news-01?lang=uk"),
        (&maria, "/staff/sources/src-editor-test?lang=en"),
    ] {
        let r = get_as(&s, path, who).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        pages.push((path.to_owned(), r.text().await.unwrap()));
    }
    let review = &pages[9].1;
    let approve = form_action(review, "/approve/");
    let r = post_as(&s, &approve, &maria, &[("csrf", &csrf_of(review)), ("public_note", ""), ("lang", "uk")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    pages.push(("POST approve without a note".into(), r.text().await.unwrap()));
    crate::support::html::assert_valid(&pages);
}
