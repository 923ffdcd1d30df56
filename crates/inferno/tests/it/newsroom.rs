//! The back office as a newsroom (issue 21): staff find the work from the
//! menu, lists narrow to what they are looking for, and a new draft waits
//! for a reviewer where the reviewer looks.

use crate::support::staff::{add_user, create_new_site, csrf_of, get_as, post_as, session};
use crate::support::{Server, attr_values, elements, sample_rows};
use reqwest::StatusCode;

/// The keys of a back-office list's rows, in order.
fn keys(list: &str) -> Vec<String> {
    let body = elements(list, "<tbody>", "</tbody>")[0];
    elements(body, "<code>", "</code>").into_iter().map(str::to_owned).collect()
}

/// A kind's line of the Records page: (records, not public, changes waiting).
fn counts(records: &str, kind: &str) -> (usize, usize, usize) {
    let row = elements(records, "<tr>", "</tr>")
        .into_iter()
        .find(|r| r.contains(&format!("href=\"/staff/{kind}?lang=en\"")))
        .unwrap_or_else(|| panic!("no line for {kind}: {records}"));
    let n: Vec<usize> = elements(row, "<td class=\"num\">", "</td>").into_iter().map(|v| v.parse().unwrap()).collect();
    (n[0], n[1], n[2])
}

#[tokio::test]
async fn staff_find_the_work_from_the_menu_and_narrow_the_lists() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let (ivan, maria) = (session(&s, "ivan", &ivan_secret).await, session(&s, "maria", &maria_secret).await);
    let page = |path: String, cookie: &str| {
        let (s, cookie) = (&s, cookie.to_owned());
        async move { get_as(s, &path, &cookie).await.text().await.unwrap() }
    };

    // An editor's new site: a draft.
    create_new_site(&s, &ivan).await;

    // Every page's menu leads to the records, counted by kind.
    let dashboard = page("/staff?lang=en".into(), &maria).await;
    assert!(attr_values(&dashboard, "href").contains(&"/staff/records?lang=en"), "{dashboard}");
    let records = page("/staff/records?lang=en".into(), &maria).await;
    let sample_sites = sample_rows("facilities.csv").len();
    assert_eq!(counts(&records, "sites"), (sample_sites + 1, 1, 0), "{records}");
    assert_eq!(counts(&records, "findings").0, sample_rows("findings.csv").len());
    assert!(records.contains("href=\"/staff/sites/new?lang=en\""), "a reviewer may add records");

    // The draft waits for the reviewer on her dashboard, and on the editor's as his.
    let waiting =
        |html: &str| html.contains("<code>site/ru-test-colony</code>") && html.contains("new, not public yet");
    assert!(waiting(&dashboard), "{dashboard}");
    assert!(waiting(&page("/staff?lang=en".into(), &ivan).await));

    // Lists: newest change first, a search, a status, a site; bad values said.
    let sites = page("/staff/sites?lang=en".into(), &maria).await;
    assert_eq!(keys(&sites)[0], "ru-test-colony", "the latest change comes first");
    let by_key = keys(&page("/staff/sites?lang=en&sort=key".into(), &maria).await);
    let mut sorted = by_key.clone();
    sorted.sort();
    assert_eq!(by_key, sorted);
    assert_eq!(keys(&page("/staff/sites?lang=en&status=draft".into(), &maria).await), ["ru-test-colony"]);
    let found = page("/staff/sites?lang=en&q=TEST+colony".into(), &maria).await;
    assert_eq!(keys(&found), ["ru-test-colony"]);
    assert!(found.contains("One record matches.") && found.contains("value=\"TEST colony\""), "{found}");
    assert!(keys(&page("/staff/sites?lang=en&q=no+such+place".into(), &maria).await).is_empty());
    let bad = get_as(&s, "/staff/sites?lang=en&status=public", &maria).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let bad = bad.text().await.unwrap();
    assert!(bad.contains("“status”") && bad.contains("“public”") && bad.contains("withdrawn"), "{bad}");

    let taganrog = "ru-taganrog-sizo-2";
    let findings = keys(&page(format!("/staff/findings?lang=en&site={taganrog}"), &maria).await);
    let expected = sample_rows("findings.csv").iter().filter(|r| r["site_id"] == taganrog).count();
    assert_eq!(findings.len(), expected);
    assert!(findings.iter().all(|k| k.ends_with(&format!("~{taganrog}"))), "{findings:?}");
    let testimonies = keys(&page(format!("/staff/testimonies?lang=en&site={taganrog}"), &maria).await);
    let stayed = sample_rows("testimonies.csv").iter().filter(|r| r["stays"].contains(&format!("{taganrog}@"))).count();
    assert_eq!(testimonies.len(), stayed, "{testimonies:?}");

    // Withdrawing is asked twice, the second time on a page of its own;
    // then the site is labelled withdrawn, listed so, and waits for nobody.
    let csrf = csrf_of(&page(format!("/staff/sites/{taganrog}?lang=en"), &maria).await);
    let note = "Merged into another record.";
    let withdraw = [("csrf", csrf.as_str()), ("lang", "en"), ("public_note", note)];
    let action = format!("/staff/sites/{taganrog}/unpublish");
    let asked = post_as(&s, &action, &maria, &withdraw).await;
    assert_eq!(asked.status(), StatusCode::OK);
    let asked = asked.text().await.unwrap();
    assert!(asked.contains("<h1>Withdraw “") && asked.contains(note), "{asked}");
    assert!(
        asked.contains("name=\"confirm\" value=\"yes\"") && attr_values(&asked, "action").contains(&action.as_str())
    );
    assert_eq!(s.get(&format!("/en/sites/{taganrog}")).await.status(), StatusCode::OK, "not withdrawn yet");
    let confirmed = [withdraw.as_slice(), &[("confirm", "yes")]].concat();
    let r = post_as(&s, &action, &maria, &confirmed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = page(r.headers()["location"].to_str().unwrap().to_owned(), &maria).await;
    assert!(after.contains("Withdrawn: its public page now says so"), "{after}");
    assert_eq!(s.get(&format!("/en/sites/{taganrog}")).await.status(), StatusCode::GONE);
    let withdrawn = page("/staff/sites?lang=en&status=withdrawn".into(), &maria).await;
    assert_eq!(keys(&withdrawn), [taganrog]);
    assert!(withdrawn.contains("withdrawn, not public"), "{withdrawn}");
    let dashboard = page("/staff?lang=en".into(), &maria).await;
    let waiting_rows = elements(&dashboard, "<tr>", "</tr>");
    assert!(
        !waiting_rows
            .iter()
            .any(|r| r.contains(&format!("<code>site/{taganrog}</code>")) && r.contains("not public yet")),
        "a withdrawn site waits for nobody: {dashboard}"
    );
    let records = page("/staff/records?lang=en".into(), &maria).await;
    assert_eq!(counts(&records, "sites"), (sample_sites + 1, 2, 0));

    // Publishing the draft says so and links to its public page.
    let csrf = csrf_of(&page("/staff/sites/ru-test-colony?lang=en".into(), &maria).await);
    let r = post_as(&s, "/staff/sites/ru-test-colony/publish", &maria, &[("csrf", &csrf), ("lang", "en")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let after = page(r.headers()["location"].to_str().unwrap().to_owned(), &maria).await;
    assert!(
        after.contains("Published: readers see it now. <a href=\"/en/sites/ru-test-colony\">View it on the site</a>"),
        "{after}"
    );
}

/// A relative looking for Taganrog found it among thirty formal names
/// sorted by their first word (UX review 3, 2.6). The form now groups the
/// sites by country and region and sorts them by town, and a site's page
/// leads to the form with that site chosen.
#[tokio::test]
async fn a_site_page_leads_to_the_form_with_the_site_chosen() {
    let (s, _, _conf) = crate::support::intake::server("", None);
    let site = s.page("/en/sites/ru-taganrog-sizo-2").await;
    let send =
        attr_values(&site, "href").into_iter().find(|h| h.contains("/submit?")).expect("a link to the form").to_owned();
    assert_eq!(send, "/en/submit?site=ru-taganrog-sizo-2");
    let form = s.page(&send).await;
    let options = |html: &str| -> Vec<String> {
        html.split("<option value=\"").skip(1).map(|o| o.split("</option>").next().unwrap_or("").to_owned()).collect()
    };
    let selected: Vec<String> = options(&form).into_iter().filter(|o| o.contains("\" selected>")).collect();
    assert_eq!(
        selected,
        ["ru-taganrog-sizo-2\" selected>Taganrog — Pre-trial detention centre No. 2 (SIZO-2), Taganrog"]
    );
    // Rostov Oblast's sites, together and by town.
    let plain = s.page("/en/submit").await;
    let rostov = elements(&plain, "<optgroup label=\"Russia — Rostov Oblast\">", "</optgroup>");
    assert_eq!(rostov.len(), 1, "{plain}");
    let towns: Vec<&str> = elements(rostov[0], "\">", " — ").into_iter().collect();
    assert_eq!(towns, ["Kamensk-Shakhtinsky", "Rostov-on-Don", "Taganrog", "Zverevo"]);
    // A site the list does not hold chooses nothing.
    let unknown = s.page("/en/submit?site=no-such-site").await;
    assert!(!options(&unknown).iter().any(|o| o.contains("\" selected>")), "nothing chosen");
    // The Ukrainian form sorts by the Ukrainian alphabet, in Ukrainian.
    let uk = s.page("/uk/submit?site=ru-taganrog-sizo-2").await;
    assert!(uk.contains("\" selected>Таганрог — "), "{uk}");
}

/// SecureDrop and GlobaLeaks publish an onion service; a deployment that
/// has one says so (UX review 3, 2.5): every answer tells Tor Browser the
/// same address on the onion service, and the forms' safety note shows it.
#[tokio::test]
async fn an_onion_service_is_announced_on_every_answer_and_in_the_forms() {
    let onion = "http://infernoexampleabcdefghijklmnopqrstuvwxyz234567abcdefghijklm.onion";
    let (s, _, _conf) = crate::support::intake::server(&format!("onion_url = \"{onion}/\"\n"), None);
    for path in
        ["/en/", "/en/", "/uk/sites?type=penal_colony", "/static/style.css", "/staff/login?lang=en", "/en/no-such"]
    {
        let r = s.get(path).await;
        let location = r.headers().get("onion-location").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(location, Some(format!("{onion}{path}")), "{path} (the second /en/ comes from the cache)");
    }
    let form = s.page("/en/submit").await;
    assert!(form.contains(&format!("Tor network: <code class=\"address\">{onion}</code>")), "{form}");
    let plain = Server::start();
    assert!(plain.get("/en/").await.headers().get("onion-location").is_none(), "none when none is set");
}

/// With cookies blocked every send failed with "This form has expired",
/// again and again (UX review 3, 2.3). A form sent without its cookie now
/// says that it needs one cookie, for this site only; a form whose cookie
/// does not match is still called expired.
#[tokio::test]
async fn a_browser_that_keeps_no_cookie_is_told_what_the_form_needs() {
    let (s, _, _conf) = crate::support::intake::server("", None);
    for (lang, needs, expired) in [
        ("en", "This form needs one cookie, for this site only", "This form has expired"),
        ("uk", "Цій формі потрібен один файл cookie, лише для цього сайту", "Ця форма застаріла"),
    ] {
        let path = format!("/{lang}/receipt");
        let (token, cookie) = crate::support::intake::form_token(&s, &s.client, &path).await;
        let fields = [("token", token.as_str()), ("receipt", "1234 5678 9012 3456")];
        let blocked = s.client.post(s.url(&path)).form(&fields).send().await.unwrap();
        assert_eq!(blocked.status(), StatusCode::FORBIDDEN);
        let blocked = blocked.text().await.unwrap();
        assert!(blocked.contains(needs) && !blocked.contains(expired), "{blocked}");
        let stale = [("token", "0".repeat(token.len())), ("receipt", "1234 5678 9012 3456".to_owned())];
        let r = s.client.post(s.url(&path)).header("cookie", &cookie).form(&stale).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = r.text().await.unwrap();
        assert!(r.contains(expired) && !r.contains(needs), "{r}");
    }
}

/// The audit log's banner showed Markdown's backticks, and its targets
/// were codes to copy by hand (UX review 3, 3.8): a record's, a
/// submission's or an account's entry now links to its page.
#[tokio::test]
async fn the_audit_log_links_what_each_entry_is_about() {
    let dir = tempfile::tempdir().unwrap();
    let olena_secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let olena = session(&s, "olena", &olena_secret).await;
    create_new_site(&s, &olena).await;
    let log = get_as(&s, "/staff/audit?lang=en", &olena).await.text().await.unwrap();
    assert!(
        log.contains("<a href=\"/staff/sites/ru-test-colony?lang=en\"><code>site/ru-test-colony</code></a>"),
        "{log}"
    );
    assert!(log.contains("<a href=\"/staff/users?lang=en\"><code>user/olena</code></a>"), "{log}");
    assert!(log.contains("<code>inferno audit verify</code>") && !log.contains('`'), "no Markdown shown as it is");

    // Actions read as words (the stored words stay, for machines), and a
    // run of the same look by the same person is one line.
    assert!(log.contains("<data value=\"site_create\">Sites: created</data>"), "{log}");
    assert!(log.contains("<data value=\"login\">Signed in</data>"));
    for _ in 0..3 {
        get_as(&s, "/staff/users?lang=en", &olena).await;
    }
    let log = get_as(&s, "/staff/audit?lang=en", &olena).await.text().await.unwrap();
    assert!(log.contains("Looked at the accounts</data> <span class=\"muted\">(3 times in a row)</span>"), "{log}");

    // The log narrows to a person, an action or a record, and its pages keep the filter.
    let ivan_secret = add_user(s.data_dir(), "ivan", "editor");
    let ivan = session(&s, "ivan", &ivan_secret).await;
    get_as(&s, "/staff?lang=en", &ivan).await;
    let only = |q: &'static str| {
        let olena = olena.clone();
        let s = &s;
        async move {
            let page = get_as(s, &format!("/staff/audit?lang=en&{q}"), &olena).await.text().await.unwrap();
            let body = page.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap().to_owned();
            (page, body)
        }
    };
    let (page, rows) = only("actor=ivan").await;
    assert!(rows.contains("<data value=\"login\">") && !rows.contains(">olena</a>"), "{rows}");
    assert!(page.contains("<option value=\"ivan\" selected>"), "the form shows the filter");
    let (_, rows) = only("action=site_create").await;
    assert_eq!(rows.matches("<tr>").count(), 1, "{rows}");
    let (_, rows) = only("target=site%2Fru-test-colony").await;
    assert!(rows.contains("site/ru-test-colony") && !rows.contains("user/olena"), "{rows}");
    let (page, rows) = only("actor=nobody").await;
    assert!(rows.trim().is_empty() && page.contains("No entry matches."), "{page}");
}

/// A stay was a micro-syntax (`site-id@YYYY-MM..YYYY-MM`) and a source a
/// bare id box (UX review 3, 3.6): a testimony's places are rows of a
/// site (a list that searches as one types) and two months, and the id
/// boxes of sources and sites suggest from the published ones.
#[tokio::test]
async fn a_testimony_s_stays_are_rows_of_a_site_and_two_months() {
    let dir = tempfile::tempdir().unwrap();
    let olena_secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let olena = session(&s, "olena", &olena_secret).await;
    let form = get_as(&s, "/staff/testimonies/new?lang=en", &olena).await.text().await.unwrap();
    assert!(form.contains("<datalist id=\"list-sites\">") && form.contains("<datalist id=\"list-sources\">"));
    assert!(form.contains("<option value=\"ru-taganrog-sizo-2\">"), "published sites are suggested");
    assert!(form.contains("name=\"source_id\" type=\"text\" value=\"\" list=\"list-sources\""), "{form}");
    assert_eq!(form.matches("name=\"stay_site\"").count(), 2, "two empty rows on a new form");
    let csrf = csrf_of(&form);
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf", &csrf),
        ("lang", "en"),
        ("id", "t-rows"),
        ("witness_role", "former_prisoner"),
        ("summary_en", "Held in two places."),
        ("consent", "witness_anonymised"),
    ];
    for (site, from, to) in
        [("ua-olenivka-ik-120", "2022-05", "2022-09"), ("ru-taganrog-sizo-2", "2022-09", ""), ("", "", "")]
    {
        fields.extend([("stay_site", site), ("stay_from", from), ("stay_to", to)]);
    }
    let r = post_as(&s, "/staff/testimonies/new", &olena, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let saved = get_as(&s, "/staff/testimonies/t-rows?lang=en", &olena).await.text().await.unwrap();
    for value in ["ua-olenivka-ik-120", "2022-05", "2022-09", "ru-taganrog-sizo-2"] {
        assert!(saved.contains(&format!("value=\"{value}\"")), "{value} kept in its row");
    }
    assert_eq!(saved.matches("name=\"stay_site\"").count(), 4, "the two stays and two empty rows");
    // A month that is not one is refused with the importer's reason, and
    // what was typed stays in its row.
    let bad: Vec<(&str, &str)> = fields
        .iter()
        .map(|&(k, v)| match (k, v) {
            ("id", _) => ("id", "t-rows-2"),
            ("stay_to", "2022-09") => ("stay_to", "September"),
            kv => kv,
        })
        .collect();
    let r = post_as(&s, "/staff/testimonies/new", &olena, &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let again = r.text().await.unwrap();
    assert!(again.contains("value=\"September\""), "{again}");
    assert!(again.contains("field-error"), "the reason is shown");
}

/// The public card of a record shown by the staff page that holds it.
fn public_card(page: &str) -> &str {
    page.split("class=\"public-preview\">")
        .nth(1)
        .expect("a preview of the public card")
        .split("</section>")
        .next()
        .unwrap()
}

/// A reviewer sees what they publish and an editor what they draft (UX
/// review 3, 3.1 and 3.2): "Preview" and a draft's page show the record as
/// the public site renders it, not the form again; and a draft made from a
/// submission starts with the months of detention the sender gave.
#[tokio::test]
async fn a_draft_from_a_submission_carries_its_months_and_shows_its_public_card() {
    use crate::support::intake::{SITE, queue, submit_with};
    let (s, secret, _conf) = crate::support::intake::server("", None);
    let olena = session(&s, "olena", &secret).await;
    let answers = [
        ("site", SITE),
        ("what", "They kept us in the basement."),
        ("held_from", "2022-04"),
        ("held_to", "2023-01"),
        ("when", "from spring"),
        ("relation", "former_prisoner"),
        ("consent", "anonymised"),
    ];
    let sent = submit_with(&s, &s.client, &answers, Vec::new()).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    // A month that is not one is refused with its reason, and kept as typed.
    let bad = [("held_from", "spring 2022"), ("held_to", "2021-01")];
    let refused = submit_with(&s, &s.client, &[answers.as_slice(), &bad].concat(), Vec::new()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.html.contains("Please write “From (month)” as a year and a month"), "{}", refused.html);
    assert!(refused.html.contains("value=\"spring 2022\""));

    let id = queue(&s, &olena).await.remove(0);
    let read = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &olena).await.text().await.unwrap();
    assert!(read.contains("April 2022 – January 2023") || read.contains("Apr 2022"), "{read}");
    let form = get_as(&s, &format!("/staff/testimonies/new?lang=en&intake={id}"), &olena).await.text().await.unwrap();
    for value in [
        format!("value=\"{SITE}\""),
        "type=\"month\" value=\"2022-04\"".into(),
        "type=\"month\" value=\"2023-01\"".into(),
    ] {
        assert!(form.contains(&value), "{value} in the first stay: {form}");
    }
    assert!(!form.contains("class=\"public-preview\""), "nothing to preview before the editor writes");

    // "Preview" shows the testimony's card as the site's page will, and saves nothing.
    let csrf = csrf_of(&form);
    let mut fields: Vec<(&str, &str)> = vec![
        ("csrf", &csrf),
        ("lang", "en"),
        ("intake", &id),
        ("id", "t-basement"),
        ("witness_role", "former_prisoner"),
        ("summary_en", "Held in a basement for nine months."),
        ("consent", "witness_anonymised"),
        ("stay_site", SITE),
        ("stay_from", "2022-04"),
        ("stay_to", "2023-01"),
        ("intent", "preview"),
    ];
    let r = post_as(&s, "/staff/testimonies/new", &olena, &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let previewed = r.text().await.unwrap();
    let card = public_card(&previewed);
    assert!(card.contains("<article class=\"testimony\" id=\"t-basement\">"), "{card}");
    assert!(card.contains("Held in a basement for nine months."));
    assert!(card.contains(&format!("On the public site at /en/sites/{SITE}#t-basement")), "{card}");
    assert!(!card.contains("They kept us in the basement."), "the sender's words are not the card");
    assert_eq!(get_as(&s, "/staff/testimonies/t-basement?lang=en", &olena).await.status(), StatusCode::NOT_FOUND);
    assert!(!s.page(&format!("/en/sites/{SITE}")).await.contains("Held in a basement"), "readers see nothing");

    // Saved as a draft, its page shows the same card until it is published.
    fields.retain(|(k, _)| *k != "intent");
    fields.push(("intent", "save"));
    let r = post_as(&s, "/staff/testimonies/new", &olena, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let draft = get_as(&s, "/staff/testimonies/t-basement?lang=en", &olena).await.text().await.unwrap();
    let card = public_card(&draft);
    assert!(card.contains("As readers will see it once it is published"), "{card}");
    assert!(card.contains("Held in a basement for nine months."));
    // Published, the site's page shows exactly that card: the preview is
    // the public page's own rendering, of the records that page reads.
    let article = |html: &str| {
        let start = html.find("<article class=\"testimony\" id=\"t-basement\">").expect("the card");
        html[start..].split("</article>").next().unwrap().to_owned()
    };
    let previewed = article(card);
    let csrf = csrf_of(&draft);
    let r = post_as(&s, "/staff/testimonies/t-basement/publish", &olena, &[("csrf", &csrf), ("lang", "en")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(article(&s.page(&format!("/en/sites/{SITE}")).await), previewed);
    // A finding about a site no reader can see yet has no public card, and says why.
    create_new_site(&s, &olena).await;
    let csrf = csrf_of(&get_as(&s, "/staff/findings/new?lang=en", &olena).await.text().await.unwrap());
    let source = sample_rows("sources.csv")[0].get("id").unwrap().clone();
    let finding = [
        ("csrf", csrf.as_str()),
        ("lang", "en"),
        ("source_id", source.as_str()),
        ("site_id", "ru-test-colony"),
        ("note", "Seen there."),
        ("intent", "preview"),
    ];
    let page = post_as(&s, "/staff/findings/new", &olena, &finding).await.text().await.unwrap();
    assert!(public_card(&page).contains("No public page would show it yet"), "{page}");
}

/// A source's files are never lost to a problem in what they wrote (UX
/// review 3, 5.1): the text is checked on a first page that takes no file,
/// and the second shows what will be sent and takes the files with it.
/// Nothing is kept between the two: the answers travel in the page.
#[tokio::test]
async fn a_source_s_words_are_checked_before_any_file_is_chosen() {
    use crate::support::intake::{cookie_set, form_token, queue, submit_with};
    use reqwest::multipart::{Form, Part};
    let (s, secret, _conf) = crate::support::intake::server("", None);
    let olena = session(&s, "olena", &secret).await;
    let first = s.page("/en/submit").await;
    assert!(first.contains("action=\"/en/submit/check\"") && !first.contains("type=\"file\""), "{first}");
    let (token, cookie) = form_token(&s, &s.client, "/en/submit").await;
    let check = |fields: Vec<(&'static str, String)>| {
        s.client.post(s.url("/en/submit/check")).header("cookie", &cookie).form(&fields).send()
    };
    let mut fields: Vec<(&'static str, String)> = vec![
        ("token", token.clone()),
        ("site", "elsewhere".into()),
        ("what", "First line.\nSecond & last line.".into()),
        ("held_from", "2022-04".into()),
        ("consent", "anonymised".into()),
    ];
    let r = check(fields.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let again = r.text().await.unwrap();
    assert!(again.contains("Please answer “The place, if it is not on the list”"), "{again}");
    assert!(again.contains("First line.\nSecond &#38; last line.</textarea>"), "what was typed is kept");

    fields.push(("place", "A school in Olenivka".into()));
    let r = check(fields.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let next_cookie = cookie_set(&r, "inferno-form=").expect("a new token");
    let second = r.text().await.unwrap();
    assert!(second.contains("action=\"/en/submit\" enctype=\"multipart/form-data\""), "{second}");
    assert!(second.contains("type=\"file\" id=\"f-files\""));
    assert!(second.contains("<dd class=\"sender-text\">A school in Olenivka</dd>"), "{second}");
    assert!(queue(&s, &olena).await.is_empty(), "nothing is kept before it is sent");

    // "Change what I wrote" brings the first page back with every answer.
    let mut edit = fields.clone();
    edit.push(("edit", "1".into()));
    let r = check(edit).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("value=\"A school in Olenivka\""));

    // The second page's form, sent as a browser sends it, with a file.
    let next_token = second.split("name=\"token\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let mut form = Form::new().text("token", next_token);
    for hidden in second.split("<input type=\"hidden\" name=\"").skip(2) {
        let (name, rest) = hidden.split_once("\" value=\"").unwrap();
        let value = rest.split('"').next().unwrap().replace("&#38;", "&");
        form = form.text(name.to_owned(), value);
    }
    form = form.part("files", Part::bytes(b"names".to_vec()).file_name("names.txt").mime_str("text/plain").unwrap());
    let r = s.client.post(s.url("/en/submit")).header("cookie", next_cookie).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Your message and 1 file were received"));
    let id = queue(&s, &olena).await.remove(0);
    let read = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &olena).await.text().await.unwrap();
    assert!(read.contains("Second &#38; last line.") && read.contains("names.txt"), "{read}");

    // A client that sends words and files at once, with a problem in the
    // words, is told that its files were not kept.
    let file = ("a.txt".to_owned(), "text/plain".to_owned(), b"x".to_vec());
    let bad = [("site", "elsewhere"), ("what", "x"), ("consent", "anonymised")];
    let sent = submit_with(&s, &s.client, &bad, vec![file]).await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(sent.html.contains("The file you chose was not kept"), "{}", sent.html);
}

/// A dashboard with a thousand drafts waiting lists the oldest few and
/// counts the rest, which the Records page shows kind by kind.
#[tokio::test]
async fn the_dashboard_lists_the_oldest_waiting_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let maria_secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/sources/new?lang=en", &ivan).await.text().await.unwrap());
    for i in 0..28 {
        let (id, title, url, group) = (
            format!("src-wait-{i:02}"),
            format!("Waiting report {i}"),
            format!("https://example.org/{i}"),
            format!("g-{i}"),
        );
        let fields = [
            ("csrf", csrf.as_str()),
            ("lang", "en"),
            ("id", &id),
            ("kind", "media"),
            ("title", &title),
            ("publisher", "Bench"),
            ("published_on", "2024-05"),
            ("url", &url),
            ("language", "en"),
            ("reliability", "B"),
            ("credibility", "2"),
            ("independence_group", &group),
            ("notes", "A draft."),
        ];
        let r = post_as(&s, "/staff/sources/new", &ivan, &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    }
    let maria = session(&s, "maria", &maria_secret).await;
    let home = get_as(&s, "/staff?lang=en", &maria).await.text().await.unwrap();
    let waiting = elements(&home, "<table class=\"evidence waiting\">", "</table>")[0];
    assert_eq!(waiting.matches("<tr>").count(), 1 + 25, "a header and the 25 oldest");
    assert!(waiting.contains("source/src-wait-00") && !waiting.contains("source/src-wait-27"), "oldest first");
    assert!(home.contains("3 more wait: see the records, kind by kind."), "{home}");
}

/// Working notes had nowhere to go but the public fields (issue 22): a
/// record's team note is saved by anyone who edits, shown on its page in
/// the back office, and found on no public page, download or API answer.
#[tokio::test]
async fn a_team_note_stays_in_the_back_office() {
    let dir = tempfile::tempdir().unwrap();
    let ivan_secret = add_user(dir.path(), "ivan", "editor");
    let s = Server::start_with(dir, &[]);
    let ivan = session(&s, "ivan", &ivan_secret).await;
    let path = "/staff/sources/src-bbc-2023-taganrog";
    let csrf = csrf_of(&get_as(&s, &format!("{path}?lang=en"), &ivan).await.text().await.unwrap());
    let note = "Read via the page opening only; ask MIHR for the full text.";
    let fields = [("csrf", csrf.as_str()), ("lang", "en"), ("team_note", note)];
    let r = post_as(&s, &format!("{path}/note"), &ivan, &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = get_as(&s, &format!("{path}?lang=en&noted=1"), &ivan).await.text().await.unwrap();
    assert!(page.contains("The team note is saved."), "{page}");
    assert!(page.contains(&format!(">{note}</textarea>")) && page.contains("Last saved by ivan on "), "{page}");

    // A note with a control character comes back as typed, with the reason.
    let bad = "Check\u{7} again";
    let fields = [("csrf", csrf.as_str()), ("lang", "en"), ("team_note", bad)];
    let r = post_as(&s, &format!("{path}/note"), &ivan, &fields).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(page.contains("aria-invalid=\"true\">Check\u{7} again</textarea>"), "{page}");
    // A record that does not exist has no note to save.
    let fields = [("csrf", csrf.as_str()), ("lang", "en"), ("team_note", "x")];
    assert_eq!(post_as(&s, "/staff/sources/src-nowhere/note", &ivan, &fields).await.status(), StatusCode::NOT_FOUND);

    for public in [
        "/en/sources/src-bbc-2023-taganrog",
        "/en/sites/ru-taganrog-sizo-2",
        "/api/v1/sources/src-bbc-2023-taganrog",
        "/api/v1/sources",
        "/data/sources.csv",
        "/en/search?q=MIHR",
    ] {
        let body = s.client.get(s.url(public)).send().await.unwrap().text().await.unwrap();
        assert!(!body.contains("ask MIHR"), "{public} shows the team note");
    }
}
