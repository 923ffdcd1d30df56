//! End to end in headless Chromium (Debian's chromium and chromium-driver),
//! with JavaScript on and off.

use crate::support::browser::{browser, browser_with, sign_in, text, text_when, wait_for_url};
use crate::support::{Server, sample_rows};
use fantoccini::Locator;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The journey a visitor takes: the map, a marker, the language switch, the filters.
async fn journey(javascript: bool) {
    let s = Server::start();
    let (_driver, c) = browser(javascript).await;
    let sites = sample_rows("facilities.csv");

    c.goto(&s.url("/en/")).await.unwrap();
    let markers = c.find_all(Locator::Css("svg.map a.marker")).await.unwrap();
    assert_eq!(markers.len(), sites.len(), "one marker per site");
    // Pan and zoom controls come with the script, and only with it.
    let tools = c.find_all(Locator::Css(".map-tools button")).await.unwrap();
    assert_eq!(tools.len(), if javascript { 3 } else { 0 });

    // Clicking a marker opens that site's page.
    let marker = c.find(Locator::Css("a.marker[href='/en/sites/ru-kamyshin-sizo']")).await.unwrap();
    marker.click().await.unwrap();
    wait_for_url(&c, "/en/sites/ru-kamyshin-sizo").await;
    let name = sites.iter().find(|r| r["id"] == "ru-kamyshin-sizo").unwrap()["name_en"].clone();
    assert_eq!(text(&c, "h1").await, name);

    // The language switch keeps the record.
    c.find(Locator::Css(".lang-switch a")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "/uk/sites/ru-kamyshin-sizo").await;
    let name_uk = sites.iter().find(|r| r["id"] == "ru-kamyshin-sizo").unwrap()["name_uk"].clone();
    assert_eq!(text(&c, "h1").await, name_uk);
    let lang = c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap();
    assert_eq!(lang.as_deref(), Some("uk"));

    // The filters on the sites index.
    c.goto(&s.url("/en/sites")).await.unwrap();
    // They are folded (a <details>), so that the list comes first on a phone.
    c.find(Locator::Css(".filter-box > summary")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#f-occupied")).await.unwrap().select_by_value("yes").await.unwrap();
    c.find(Locator::Css("#f-type")).await.unwrap().select_by_value("pretrial_detention").await.unwrap();
    c.find(Locator::Css(".filters button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "&sort=name").await;
    let url = c.current_url().await.unwrap();
    assert!(url.as_str().contains("type=pretrial_detention") && url.as_str().contains("occupied=yes"), "{url}");
    let want = sites
        .iter()
        .filter(|r| r["facility_type"] == "pretrial_detention" && r["occupied_territory"] == "true")
        .count();
    assert_eq!(text(&c, ".results-count").await, format!("{want} sites found"));
    let items = c.find_all(Locator::Css(".site-list > li")).await.unwrap();
    assert_eq!(items.len(), want);
    // The choice is kept in the form.
    let selected = c.find(Locator::Css("#f-occupied option[selected]")).await.unwrap().attr("value").await.unwrap();
    assert_eq!(selected.as_deref(), Some("yes"));

    c.close().await.unwrap();
}

#[tokio::test]
async fn journey_with_javascript() {
    journey(true).await;
}

#[tokio::test]
async fn journey_without_javascript() {
    journey(false).await;
}

/// With script on, the map zooms, and a marker still opens its page afterwards.
#[tokio::test]
async fn map_zooms_with_javascript() {
    let s = Server::start();
    let (_driver, c) = browser(true).await;
    c.goto(&s.url("/uk/")).await.unwrap();
    let map = c.find(Locator::Css("svg.map")).await.unwrap();
    let before = map.attr("viewBox").await.unwrap().unwrap();
    c.find(Locator::Css(".map-tools button")).await.unwrap().click().await.unwrap();
    let after = map.attr("viewBox").await.unwrap().unwrap();
    assert_ne!(before, after, "zoom in changes the view");
    let w = |vb: &str| vb.split(' ').nth(2).unwrap().parse::<f64>().unwrap();
    assert!(w(&after) < w(&before));
    let errors = c.execute("return window.__errors || []", vec![]).await.unwrap();
    assert_eq!(errors, serde_json::json!([]));
    c.close().await.unwrap();
}

/// Staff journey without JavaScript: sign in with a computed TOTP code, create
/// a site in both languages, publish it, find it on the public map and page,
/// and find each step in the audit log.
#[tokio::test]
async fn staff_create_and_publish_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let secret = crate::support::staff::add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let (_driver, c) = browser(false).await;

    sign_in(&c, &s, "olena", &secret).await;
    assert!(text(&c, ".signout").await.contains("olena"));

    c.goto(&s.url("/staff/sites/new?lang=en")).await.unwrap();
    for (field, value) in [
        ("id", "ua-test-filtration-point"),
        ("name_uk", "Тестовий фільтраційний пункт"),
        ("name_en", "Test filtration point"),
        ("settlement_uk", "Тестове"),
        ("settlement", "Testove"),
        ("region_uk", "Донецька область"),
        ("region", "Donetsk Oblast"),
        ("country", "UA"),
        ("lat", "47.5"),
        ("lon", "37.0"),
        ("notes_uk", "Огляд українською."),
        ("notes", "Overview in English."),
    ] {
        let input = c.find(Locator::Css(&format!("#f-{field}"))).await.unwrap();
        input.clear().await.unwrap();
        input.send_keys(value).await.unwrap();
    }
    c.find(Locator::Css("#f-facility_type")).await.unwrap().select_by_value("filtration_camp").await.unwrap();
    c.find(Locator::Css("#f-occupied_territory")).await.unwrap().select_by_value("true").await.unwrap();
    c.find(Locator::Css("button[value=save]")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "/staff/sites/ua-test-filtration-point?lang=en&saved=1").await;
    c.find(Locator::Css("form[action$='/publish'] button")).await.unwrap().click().await.unwrap();
    // The address already ends with `saved=1` from the save: wait for the
    // page that says the site is published (it offers to withdraw it).
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("form[action$='/unpublish']"))
        .await
        .expect("the site was published");

    c.goto(&s.url("/en/")).await.unwrap();
    let marker = c.find(Locator::Css("a.marker.occupied[href='/en/sites/ua-test-filtration-point']")).await.unwrap();
    marker.click().await.unwrap();
    wait_for_url(&c, "/en/sites/ua-test-filtration-point").await;
    assert_eq!(text(&c, "h1").await, "Test filtration point");
    c.find(Locator::Css(".lang-switch a")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "/uk/sites/ua-test-filtration-point").await;
    assert_eq!(text(&c, "h1").await, "Тестовий фільтраційний пункт");

    c.goto(&s.url("/staff/audit?lang=en")).await.unwrap();
    let log = text(&c, "main").await;
    assert!(log.contains("The audit log is intact"), "{log}");
    for action in ["Signed in", "Sites: created", "Sites: published"] {
        assert!(log.contains(action), "{action} missing from the audit log");
    }
    assert!(log.contains("site/ua-test-filtration-point"));
    c.close().await.unwrap();
}

/// The journey, without JavaScript: a source submits two files, reads
/// the receipt; staff sign in, read and download the decrypted files, reply;
/// the source comes back with the receipt and reads the reply.
#[tokio::test]
async fn a_source_and_the_team_talk_through_the_vault_without_javascript() {
    let dir = tempfile::tempdir().unwrap();
    let secret = crate::support::staff::add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let files = tempfile::tempdir().unwrap();
    let downloads = tempfile::tempdir().unwrap();
    let (a, b) = (files.path().join("list-of-names.txt"), files.path().join("letter.pdf"));
    std::fs::write(&a, "Names of the men in cell 12.\n").unwrap();
    let pdf = b"%PDF-1.4\n% a letter from the colony\n".repeat(50);
    std::fs::write(&b, &pdf).unwrap();
    let (_driver, c) = browser_with(false, Some(downloads.path())).await;

    c.goto(&s.url("/en/")).await.unwrap();
    c.find(Locator::Css("nav.wide-nav a[href='/en/submit']")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "/en/submit").await;
    // The first page has no file to lose: a problem the browser cannot
    // see (a place "not on the list" left undescribed) sends it back.
    c.find(Locator::Css("#f-site")).await.unwrap().select_by_value("elsewhere").await.unwrap();
    c.find(Locator::Css("#f-what")).await.unwrap().send_keys("My brother was beaten there in March.").await.unwrap();
    c.find(Locator::Css("#f-when")).await.unwrap().send_keys("March 2023").await.unwrap();
    c.find(Locator::Css("#relation-relative")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#consent-anonymised")).await.unwrap().click().await.unwrap();
    assert!(c.find_all(Locator::Css("input[type=file]")).await.unwrap().is_empty(), "files come on the second page");
    c.find(Locator::Css("form.record button[type=submit]")).await.unwrap().click().await.unwrap();
    let problems = text_when(&c, "#problems").await;
    assert!(problems.contains("The place, if it is not on the list"), "{problems}");
    assert_eq!(
        c.find(Locator::Css("#f-what")).await.unwrap().prop("value").await.unwrap().as_deref(),
        Some("My brother was beaten there in March."),
        "what was typed is kept"
    );
    c.find(Locator::Css("#f-site")).await.unwrap().select_by_value(crate::support::intake::SITE).await.unwrap();
    c.find(Locator::Css("form.record button[type=submit]")).await.unwrap().click().await.unwrap();
    // The second page shows what will be sent, and takes the files.
    let check = text_when(&c, "dl.answers").await;
    assert!(check.contains("My brother was beaten there in March."), "{check}");
    let both = format!("{}\n{}", a.display(), b.display());
    c.find(Locator::Css("#f-files")).await.unwrap().send_keys(&both).await.unwrap();
    c.find(Locator::Css("form.record button[type=submit]:not([name])")).await.unwrap().click().await.unwrap();
    let receipt = text_when(&c, ".receipt strong").await;
    assert_eq!(receipt.len(), 19, "{receipt}");
    assert!(text_when(&c, "main").await.contains("2 files were received and encrypted"));

    sign_in(&c, &s, "olena", &secret).await;
    c.find(Locator::Css("a[href='/staff/intake?lang=en']")).await.unwrap().click().await.unwrap();
    c.wait().for_element(Locator::Css("table a[href^='/staff/intake/']")).await.unwrap().click().await.unwrap();
    text_when(&c, "form[action$='/reply']").await;
    let page = text_when(&c, "main").await;
    assert!(page.contains("My brother was beaten there in March."), "{page}");
    assert!(page.contains("list-of-names.txt") && page.contains("letter.pdf"));
    for link in c.find_all(Locator::Css("a[href*='/files/']")).await.unwrap() {
        link.click().await.unwrap();
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    let (got_a, got_b) = (downloads.path().join("list-of-names.txt"), downloads.path().join("letter.pdf"));
    while !(got_a.exists() && got_b.exists()) {
        assert!(
            Instant::now() < deadline,
            "downloads: {:?}",
            std::fs::read_dir(downloads.path()).unwrap().collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(std::fs::read(&got_a).unwrap(), b"Names of the men in cell 12.\n");
    assert_eq!(std::fs::read(&got_b).unwrap(), pdf);
    c.find(Locator::Css("#f-reply")).await.unwrap().send_keys("Thank you. Is he still held there?").await.unwrap();
    c.find(Locator::Css("form[action$='/reply'] button")).await.unwrap().click().await.unwrap();
    wait_for_url(&c, "done=reply").await;

    c.goto(&s.url("/en/receipt")).await.unwrap();
    c.find(Locator::Css("#f-receipt")).await.unwrap().send_keys(&receipt).await.unwrap();
    c.find(Locator::Css("form.record button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&c, "ol.replies").await;
    let page = text_when(&c, "main").await;
    assert!(page.contains("Thank you. Is he still held there?"), "{page}");
    assert!(!page.contains("My brother"), "what was sent is not shown again");
    c.close().await.unwrap();
}

/// Every page type, in both languages, fits a 360-pixel-wide phone: nothing
/// makes the page scroll sideways (wide tables scroll inside their own box).
#[tokio::test]
async fn every_page_fits_a_narrow_phone_screen() {
    let s = Server::start();
    let (_driver, c) = browser(true).await;
    c.set_window_size(360, 800).await.unwrap();
    let mut wide = Vec::new();
    for lang in ["uk", "en"] {
        for path in crate::support::page_paths(lang) {
            c.goto(&s.url(&path)).await.unwrap();
            let sizes = c
                .execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]", vec![])
                .await
                .unwrap();
            let (scroll, client) = (sizes[0].as_u64().unwrap(), sizes[1].as_u64().unwrap());
            assert!(client <= 360, "the window is narrow: {client}");
            if scroll > client {
                // Name the widest elements that stick out, to say what to fix.
                let culprits = c
                    .execute(
                        "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]\
                         .filter(e => e.getBoundingClientRect().right > w + 1)\
                         .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))",
                        vec![],
                    )
                    .await
                    .unwrap();
                wide.push(format!("{path}: {scroll} px wide in {client}: {culprits}"));
            }
        }
    }
    assert!(wide.is_empty(), "{wide:#?}");
}

/// On a 360-pixel phone what a reader came for starts within the first
/// screen (640 px): the first site of the list, of a filtered list, and
/// the first search result, in both languages; the header, the menu and
/// the folded filters and facets take less than that. JavaScript off, as
/// in Tor Browser's safest mode.
#[tokio::test]
async fn the_first_result_is_on_the_first_screen_of_a_phone() {
    let s = Server::start();
    let (_driver, c) = browser(false).await;
    c.set_window_size(360, 800).await.unwrap();
    let mut late = Vec::new();
    for lang in ["uk", "en"] {
        for (path, first) in [
            (format!("/{lang}/sites"), ".site-list > li"),
            (format!("/{lang}/sites?type=penal_colony&occupied=no"), ".site-list > li"),
            (format!("/{lang}/search?q=Taganrog"), ".hits > li"),
            (format!("/{lang}/search?q=Tahanroh"), ".hits > li"),
        ] {
            c.goto(&s.url(&path)).await.unwrap();
            let e = c.find(Locator::Css(first)).await.unwrap_or_else(|e| panic!("{path}: {e}"));
            let (_, top, _, _) = e.rectangle().await.unwrap();
            if top > 640.0 {
                late.push(format!("{path}: {first} starts {top:.0} px down"));
            }
        }
        // The facets are folded after the results on a phone.
        // (Measured by the box's height: WebDriver counts anything in a
        // closed <details> as hidden, even when a style shows it.)
        let facets = c.find(Locator::Css(".facets-box")).await.unwrap();
        let (_, _, _, height) = facets.rectangle().await.unwrap();
        assert!(height < 60.0, "{lang}: the facets are folded on a phone ({height} px high)");
        // The first section of a site's page is listed first in "On this page".
        c.goto(&s.url(&format!("/{lang}/sites/ru-taganrog-sizo-2"))).await.unwrap();
        let (_, top, _, _) = c.find(Locator::Css("nav.toc")).await.unwrap().rectangle().await.unwrap();
        assert!(top < 640.0, "{lang}: On this page starts {top:.0} px down");
    }
    assert!(late.is_empty(), "{late:#?}");
    // At a desk they stand open in their column.
    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&s.url("/en/search?q=Taganrog")).await.unwrap();
    let facets = c.find(Locator::Css(".facets-box")).await.unwrap();
    let (_, _, _, height) = facets.rectangle().await.unwrap();
    assert!(height > 200.0, "the facets are open at 1280 px ({height} px high)");
    c.set_window_size(360, 800).await.unwrap();
    // Every marker of the home page's map and of a site's locator map can
    // be tapped: 24 px across at least.
    for path in ["/en/", "/en/sites/ru-taganrog-sizo-2"] {
        c.goto(&s.url(path)).await.unwrap();
        let hits = c.find_all(Locator::Css(".marker circle.hit")).await.unwrap();
        assert!(!hits.is_empty(), "{path}: markers");
        for hit in hits {
            let (_, _, width, height) = hit.rectangle().await.unwrap();
            assert!(width >= 24.0 && height >= 24.0, "{path}: a marker's tap area is {width:.1} × {height:.1} px");
        }
    }
}

/// A static mirror searches without any server: from a folder opened in the
/// browser (`file://`) and from a static host (Python's `http.server`), a
/// name in another spelling or with a typo finds its site, and the result
/// leads to the site's page.
#[tokio::test]
async fn the_mirror_searches_without_a_server() {
    let s = Server::start();
    let (folder, hosted) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    crate::support::export(&s, folder.path(), &["--relative"]);
    crate::support::export(&s, hosted.path(), &[]);
    let name_uk =
        sample_rows("facilities.csv").into_iter().find(|r| r["id"] == "ru-taganrog-sizo-2").unwrap()["name_uk"].clone();
    drop(s);
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let host = Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory"])
        .arg(hosted.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 serves the mirror");
    struct Host(std::process::Child);
    impl Drop for Host {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let _host = Host(host);
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the static host did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (_driver, c) = browser(true).await;

    // From a folder: the name in Latin letters finds it in Cyrillic.
    let page = folder.path().join("en/search/index.html");
    c.goto(&format!("file://{}?q=tahanroh", page.display())).await.unwrap();
    let status = text_when(&c, "#mirror-results .search-summary").await;
    assert!(status.starts_with("Results: "), "{status}");
    let first = c.find(Locator::Css("#mirror-results .hits a")).await.unwrap();
    let href = first.attr("href").await.unwrap().unwrap();
    assert!(href.starts_with("file://") && href.ends_with("/en/sites/ru-taganrog-sizo-2/index.html"), "{href}");
    first.click().await.unwrap();
    wait_for_url(&c, "/en/sites/ru-taganrog-sizo-2/index.html").await;

    // From a static host: typed into the form, in Ukrainian, with a typo.
    c.goto(&format!("http://127.0.0.1:{port}/uk/search")).await.unwrap();
    let field = c.find(Locator::Css("#search-page-q")).await.unwrap();
    field.send_keys("Таганрок").await.unwrap();
    c.find(Locator::Css(".search-form button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&c, "#mirror-results .hits a").await;
    let first = c.find(Locator::Css("#mirror-results .hits a")).await.unwrap();
    assert_eq!(
        first.attr("href").await.unwrap().unwrap(),
        format!("http://127.0.0.1:{port}/uk/sites/ru-taganrog-sizo-2")
    );
    assert_eq!(first.text().await.unwrap(), name_uk);
    let kept = c.find(Locator::Css("#search-page-q")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("Таганрок"), "the query stays in the form");

    // The Russian name finds the site first and what is written about it:
    // its testimonies are among the results, as the server's search gives them.
    c.goto(&format!("http://127.0.0.1:{port}/en/search?q=%D0%95%D0%BB%D0%B5%D0%BD%D0%BE%D0%B2%D0%BA%D0%B0"))
        .await
        .unwrap();
    text_when(&c, "#mirror-results .hits a").await;
    let hrefs: Vec<String> = {
        let mut out = Vec::new();
        for a in c.find_all(Locator::Css("#mirror-results .hits a")).await.unwrap() {
            out.push(a.attr("href").await.unwrap().unwrap_or_default());
        }
        out
    };
    assert!(hrefs[0].ends_with("/en/sites/ua-olenivka-ik-120"), "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h.contains("#t-")), "a testimony about Olenivka: {hrefs:?}");

    // Nothing found says so.
    c.goto(&format!("http://127.0.0.1:{port}/en/search?q=qqqqzzzz")).await.unwrap();
    assert_eq!(text_when(&c, "#mirror-results .search-summary").await, "Results: 0");
    c.close().await.unwrap();
}

/// The processes whose command line holds `needle`.
fn processes_with(needle: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|c| c.windows(needle.len()).any(|w| w == needle.as_bytes()))
        })
        .collect()
}

/// A browser whose test ends without closing its session (a failed
/// assertion, a forgotten `close`) leaves no process behind: dropping the
/// driver ends Chromium and everything it started.
#[tokio::test]
async fn a_browser_dies_with_its_test() {
    let (driver, c) = browser(true).await;
    let profile = driver.profile.path().display().to_string();
    c.goto("about:blank").await.unwrap();
    assert!(!processes_with(&profile).is_empty(), "Chromium runs with its profile {profile}");
    drop(c);
    drop(driver);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !processes_with(&profile).is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(processes_with(&profile), Vec::<u32>::new(), "processes left behind");
}

/// A radio button was a 44-pixel circle on a row of its own, its words on
/// the next line (UX review 3, 2.1): every choice of the intake forms now
/// sits beside its words, small, with a row at least 44 pixels high that
/// selects it wherever it is tapped. Measured at 360 px, JavaScript on
/// (it only reads the layout) and both languages.
#[tokio::test]
async fn choices_sit_beside_their_words_on_a_phone() {
    let (s, _, _conf) = crate::support::intake::server("", None);
    let (_driver, c) = browser(true).await;
    c.set_window_size(360, 800).await.unwrap();
    let measure = "return [...document.querySelectorAll('input[type=radio]')].map(i => { \
        const r = i.getBoundingClientRect(), l = document.querySelector('label[for=\"' + i.id + '\"]').getBoundingClientRect(), \
        row = i.parentElement.getBoundingClientRect(); \
        return [i.id, r.width, l.left - r.right, Math.abs((l.top + l.bottom) / 2 - (r.top + r.bottom) / 2), row.height, l.right]; })";
    for path in ["/uk/submit", "/en/submit"] {
        c.goto(&s.url(path)).await.unwrap();
        let choices = c.execute(measure, vec![]).await.unwrap();
        let choices = choices.as_array().unwrap();
        assert!(choices.len() >= 5, "{path}: the relation and consent choices: {choices:?}");
        for choice in choices {
            let v: Vec<f64> = choice.as_array().unwrap()[1..].iter().map(|x| x.as_f64().unwrap()).collect();
            let (width, gap, off_centre, row, right) = (v[0], v[1], v[2], v[3], v[4]);
            assert!(width <= 30.0, "{path} {choice}: a small button, not a 44-pixel circle");
            assert!((0.0..=24.0).contains(&gap), "{path} {choice}: the words sit just right of the button");
            assert!(off_centre <= 12.0, "{path} {choice}: on the same line");
            assert!(row >= 44.0, "{path} {choice}: a row a finger can hit");
            assert!(right >= 300.0, "{path} {choice}: the words fill the row, all of it a tap target");
        }
        // Tapping the far end of a row chooses it.
        let first = choices[0].as_array().unwrap()[0].as_str().unwrap().to_owned();
        let label = c.find(Locator::Css(&format!("label[for='{first}']"))).await.unwrap();
        label.click().await.unwrap();
        let checked = c.execute(&format!("return document.getElementById('{first}').checked"), vec![]).await.unwrap();
        assert_eq!(checked, serde_json::Value::Bool(true), "{path}: the label chooses {first}");
    }
}
