//! The newsroom's day in headless Chromium (issue 21): a source sends
//! words and a file (a problem in the words costs no file); an editor
//! drafts a testimony from it and proposes a change to a published site; a
//! reviewer finds both from the dashboard, reads the whole change and the
//! draft as readers will see it, and publishes them; the lists narrow. Once
//! on a 360-pixel phone with JavaScript off and on, once at a 1280-pixel
//! desk.

use crate::support::Server;
use crate::support::browser::{browser, browser_with_prefs, sign_in, text_when, wait_for_url};
use crate::support::intake::SITE;
use crate::support::staff::add_user;
use fantoccini::{Client, Locator};

const ADDED: &str = "In 2024 released prisoners described a new punishment block.";

/// Clicks the element `css` finds. An element found while the page before
/// was still being replaced is stale: it is looked for again, for a while.
async fn click(c: &Client, css: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let e = c.wait().for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        match e.click().await {
            Ok(_) => return,
            Err(fantoccini::error::CmdError::Standard(w))
                if w.error == fantoccini::error::ErrorStatus::StaleElementReference
                    && std::time::Instant::now() < deadline =>
            {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(e) => panic!("{css}: {e}"),
        }
    }
}

async fn type_into(c: &Client, css: &str, text: &str) {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).send_keys(text).await.unwrap();
}

/// Waits until the address holds `part` (a list's filter, once applied).
async fn wait_for_query(c: &Client, part: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !c.current_url().await.unwrap().as_str().contains(part) {
        assert!(std::time::Instant::now() < deadline, "{} lacks {part}", c.current_url().await.unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn value(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap().prop("value").await.unwrap().unwrap_or_default()
}

/// The page is no wider than the window: nothing to scroll sideways.
/// (Measured with JavaScript, so only in the journeys that have it.)
async fn fits(c: &Client, width: u32) {
    let wide = c.execute("return document.documentElement.scrollWidth", vec![]).await.unwrap();
    let wide = wide.as_f64().expect("a width in pixels");
    assert!(wide <= f64::from(width), "{} is {wide} px wide in a {width} px window", c.current_url().await.unwrap());
}

async fn day(javascript: bool, width: u32) {
    let dir = tempfile::tempdir().unwrap();
    let ivan = add_user(dir.path(), "ivan", "editor");
    let maria = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("cell.jpg");
    std::fs::write(&photo, crate::support::intake::jpeg_with_gps()).unwrap();
    let (_driver, c) = browser(javascript).await;
    c.set_window_size(width, 900).await.unwrap();
    let check = |c: &Client| {
        let c = c.clone();
        async move {
            if javascript {
                fits(&c, width).await;
            }
        }
    };

    // The source: a problem the browser cannot see sends the words back,
    // kept; files come on the second page, after the words are accepted.
    c.goto(&s.url(&format!("/en/submit?site={SITE}"))).await.unwrap();
    c.find(Locator::Css("#f-site")).await.unwrap().select_by_value("elsewhere").await.unwrap();
    type_into(&c, "#f-what", "We were held in the basement from April; guards beat us at night.").await;
    type_into(&c, "#f-when", "from April 2022").await;
    click(&c, "#relation-former_prisoner").await;
    click(&c, "#consent-anonymised").await;
    click(&c, "form.record button[type=submit]").await;
    assert!(text_when(&c, "#problems").await.contains("The place, if it is not on the list"));
    assert!(value(&c, "#f-what").await.starts_with("We were held in the basement"), "the words are kept");
    check(&c).await;
    c.find(Locator::Css("#f-site")).await.unwrap().select_by_value(SITE).await.unwrap();
    click(&c, "form.record button[type=submit]").await;
    assert!(text_when(&c, "dl.answers").await.contains("guards beat us at night"));
    check(&c).await;
    c.find(Locator::Css("#f-files")).await.unwrap().send_keys(photo.to_str().unwrap()).await.unwrap();
    click(&c, "form.record button[type=submit]:not([name])").await;
    assert!(text_when(&c, "main").await.contains("Your message and 1 file were received"));
    check(&c).await;

    // The editor: from the submission to a draft testimony, previewed as
    // readers will see it, with the sender's words beside the form.
    sign_in(&c, &s, "ivan", &ivan).await;
    click(&c, "a[href='/staff/intake?lang=en']").await;
    click(&c, "table a[href^='/staff/intake/']").await;
    assert!(text_when(&c, "main").await.contains("This original holds GPS data"), "the photo's GPS is called out");
    click(&c, "a[href^='/staff/testimonies/new']").await;
    assert!(text_when(&c, ".sender-words").await.contains("guards beat us at night"));
    assert_eq!(value(&c, "input[name=stay_site]").await, SITE, "the site the source chose");
    type_into(&c, "#f-id", "-basement").await;
    type_into(&c, "#f-summary_en", "A former prisoner describes nightly beatings in the basement.").await;
    click(&c, "button[value=preview]").await;
    let card = text_when(&c, ".public-card").await;
    assert!(card.contains("A former prisoner describes nightly beatings in the basement."), "{card}");
    check(&c).await;
    click(&c, "button[value=save]").await;
    let saved = text_when(&c, ".audit-ok").await;
    assert!(!saved.is_empty());
    let draft = c.current_url().await.unwrap().path().to_owned();

    // …and proposes a change to a published site, found through the list's search.
    click(&c, "a[href='/staff/records?lang=en']").await;
    click(&c, "a[href='/staff/sites?lang=en']").await;
    type_into(&c, "#f-q", "Taganrog").await;
    click(&c, "form.filters button[type=submit]").await;
    click(&c, &format!("table a[href='/staff/sites/{SITE}?lang=en']")).await;
    type_into(&c, "#f-notes", &format!(" {ADDED}")).await;
    if c.find(Locator::Css("#f-public_note")).await.is_ok() {
        type_into(&c, "#f-public_note", "Added what released prisoners said in 2024.").await;
    }
    click(&c, "button[value=save]").await;
    wait_for_url(&c, "saved=pending").await;
    click(&c, "form.signout button").await;

    // The reviewer: both wait on the dashboard; the change reads whole,
    // the addition marked; publishing links to the public page.
    sign_in(&c, &s, "maria", &maria).await;
    let waiting = text_when(&c, "main").await;
    assert!(waiting.contains(&format!("site/{SITE}")) && waiting.contains("testimony/t-"), "{waiting}");
    click(&c, &format!("a[href='/staff/sites/{SITE}?lang=en']")).await;
    let added = text_when(&c, ".pending ins").await;
    assert!(added.contains("punishment block"), "{added}");
    let whole = text_when(&c, ".pending").await;
    assert!(whole.contains(ADDED), "the whole proposed text is on the page");
    check(&c).await;
    click(&c, "form[action*='/approve/'] button").await;
    click(&c, ".audit-ok a").await;
    assert!(text_when(&c, "main").await.contains(ADDED), "readers see the change");

    c.goto(&s.url(&format!("{draft}?lang=en"))).await.unwrap();
    let card = text_when(&c, ".public-card").await;
    assert!(card.contains("nightly beatings"), "the draft as readers will see it: {card}");
    click(&c, "form[action$='/publish'] button").await;
    click(&c, ".audit-ok a").await;
    assert!(text_when(&c, "main").await.contains("nightly beatings in the basement"));

    // The lists narrow: published testimonies, then a search that finds none.
    c.goto(&s.url("/staff/testimonies?lang=en")).await.unwrap();
    c.find(Locator::Css("#f-status")).await.unwrap().select_by_value("published").await.unwrap();
    click(&c, "form.filters button[type=submit]").await;
    wait_for_query(&c, "status=published").await;
    assert!(text_when(&c, "tbody").await.contains("t-"), "published testimonies are listed");
    type_into(&c, "#f-q", "no-such-words-anywhere").await;
    click(&c, "form.filters button[type=submit]").await;
    wait_for_query(&c, "q=no-such-words-anywhere").await;
    assert!(c.find_all(Locator::Css("tbody tr")).await.unwrap().is_empty());
    check(&c).await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_day_in_the_newsroom_on_a_phone_without_javascript() {
    day(false, 360).await;
}

/// With JavaScript on, each page's width is measured: none is wider than the phone.
#[tokio::test]
async fn a_day_in_the_newsroom_on_a_phone_with_javascript() {
    day(true, 360).await;
}

#[tokio::test]
async fn a_day_in_the_newsroom_at_a_desk_with_javascript() {
    day(true, 1280).await;
}

/// A browser that keeps no cookie is told that the form needs one, for
/// this site only, rather than that its form expired.
#[tokio::test]
async fn with_cookies_blocked_the_form_says_it_needs_one() {
    let (s, _secret, _conf) = crate::support::intake::server("", None);
    let blocked = serde_json::json!({ "profile.default_content_setting_values.cookies": 2 });
    let (_driver, c) = browser_with_prefs(false, blocked).await;
    c.set_window_size(360, 900).await.unwrap();
    c.goto(&s.url("/en/contact")).await.unwrap();
    type_into(&c, "#f-what", "Is my brother on your list?").await;
    click(&c, "form.record button[type=submit]").await;
    let said = text_when(&c, ".form-error").await;
    assert!(said.contains("cookie"), "{said}");
    assert!(!said.to_lowercase().contains("expired"), "{said}");
    assert_eq!(value(&c, "#f-what").await, "Is my brother on your list?", "the words are kept");
    c.close().await.unwrap();
}
