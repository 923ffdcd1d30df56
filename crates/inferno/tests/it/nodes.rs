//! Several servers on one database behave as one site: staff signed in on
//! one read and answer submissions on another, and a change made on one
//! shows on the others within a second.

use crate::support::intake::{File, form_token, queue, receipt_page, submission_form, submit};
use crate::support::staff::{add_user_on, create_new_site, csrf_of, get_as, post_as, session};
use crate::support::{Server, count, database_of};
use inferno_storage::AUDIT_KEY_FILE;
use reqwest::StatusCode;
use std::time::{Duration, Instant};

#[tokio::test]
async fn two_nodes_on_one_database_are_one_site() {
    let first = tempfile::tempdir().unwrap();
    let (url, [admin, editor, reviewer]) = three_accounts(first.path());
    let a = Server::start_on(first, &url, &[]);
    let second = beside(&a);
    let b = Server::start_on(second, &url, &[]);

    // A form fetched from A is taken by B (one key for the deployment's
    // form tokens); sent to B, it is read and answered on B by someone who
    // signed in on A.
    let (token, form_cookie) = form_token(&a, &a.client, "/en/submit").await;
    let form = submission_form(token, "canary-two-nodes-5d5d: held in the basement.");
    let r = b.client.post(b.url("/en/submit")).header("cookie", form_cookie).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let cookie = session(&a, "olena", &admin).await;
    let id = queue(&b, &cookie).await.remove(0);
    read_and_answer(&b, &cookie, &id, "canary-two-nodes-5d5d", "canary-reply").await;
    let html = get_as(&a, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    assert!(html.contains("canary-two-nodes-5d5d") && html.contains("canary-reply"), "and A reads it all: {html}");
    let sealed = count(a.data_dir(), "SELECT count(*) FROM sessions WHERE reader_key_sealed IS NOT NULL", "").await;
    assert_eq!(sealed, 1, "the key is in the session's row, sealed");

    drafted_on_a_published_on_b_served_by_a_within_a_second(&a, &b, &editor, &reviewer).await;
}

/// The database of the data directory `dir`, with olena (an admin), ivan
/// (an editor) and maria (a reviewer): its URL and their TOTP secrets.
fn three_accounts(dir: &std::path::Path) -> (String, [inferno_auth::TotpSecret; 3]) {
    let url = database_of(dir);
    let database = ["--database-url".to_owned(), url.clone()];
    let accounts = [("olena", "admin"), ("ivan", "editor"), ("maria", "reviewer")]
        .map(|(name, role)| add_user_on(&database, dir, name, role));
    (url, accounts)
}

/// Staff (signed in with `cookie`, on any node) read submission `id` on `s`,
/// which holds `words`, and reply `reply`.
async fn read_and_answer(s: &Server, cookie: &str, id: &str, words: &str, reply: &str) {
    let html = get_as(s, &format!("/staff/intake/{id}?lang=en"), cookie).await.text().await.unwrap();
    assert!(html.contains(words), "the reader key sealed to the session opens it: {html}");
    let csrf = csrf_of(&html);
    let r = post_as(s, &format!("/staff/intake/{id}/reply"), cookie, &[("csrf", &csrf), ("text", reply)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// A data directory for a second node: given the first's secrets (`inferno
/// secrets` does it between machines; its own test is in `secrets`).
fn beside(first: &Server) -> tempfile::TempDir {
    let second = tempfile::tempdir().unwrap();
    for name in [AUDIT_KEY_FILE, "intake-pepper.key"] {
        std::fs::copy(first.data_dir().join(name), second.path().join(name)).unwrap();
    }
    second
}

/// Drafted on A (by ivan, an editor), published on B (by maria, a
/// reviewer): A serves it within a second.
async fn drafted_on_a_published_on_b_served_by_a_within_a_second(
    a: &Server,
    b: &Server,
    editor: &inferno_auth::TotpSecret,
    reviewer: &inferno_auth::TotpSecret,
) {
    let ivan = session(a, "ivan", editor).await;
    create_new_site(a, &ivan).await;
    let maria = session(b, "maria", reviewer).await;
    let csrf = csrf_of(&get_as(b, "/staff/sites/ru-test-colony?lang=en", &maria).await.text().await.unwrap());
    assert_eq!(a.get("/en/sites/ru-test-colony").await.status(), StatusCode::NOT_FOUND);
    let r = post_as(b, "/staff/sites/ru-test-colony/publish", &maria, &[("csrf", &csrf)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let published = Instant::now();
    while a.get("/en/sites/ru-test-colony").await.status() != StatusCode::OK {
        assert!(published.elapsed() < Duration::from_secs(1), "A does not serve what B published a second ago");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A server given `intake_node_url` passes every intake request to the
/// intake node, the back office's included: what a source sends through it
/// is kept by the intake node (its files too), and read through either.
/// When the intake node is down, the form answers 503 and keeps the words.
#[tokio::test]
async fn a_server_passes_the_intake_to_the_intake_node() {
    let intake_dir = tempfile::tempdir().unwrap();
    let url = database_of(intake_dir.path());
    let admin = add_user_on(&["--database-url".to_owned(), url.clone()], intake_dir.path(), "olena", "admin");
    let intake = Server::start_on(intake_dir, &url, &[]);
    let second = beside(&intake);
    let front = Server::start_on(second, &url, &["--intake-node-url", &intake.url("")]);

    let photo: File = ("cell.txt".into(), "text/plain".into(), b"canary-file-through-front".to_vec());
    let sent = submit(&front, "canary-through-front-1c1c", vec![photo]).await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let receipt = sent.receipt();
    assert_eq!(receipt_page(&front, &receipt).await.0, 200, "the receipt opens through the front server");
    let cookie = session(&front, "olena", &admin).await;
    let id = queue(&front, &cookie).await.remove(0);
    // The dashboard counts it, though its rows are in the intake node's inbox only.
    let home = get_as(&front, "/staff?lang=en", &cookie).await.text().await.unwrap();
    assert!(home.contains("1 new submission is waiting"), "{home}");
    let html = get_as(&front, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    assert!(html.contains("canary-through-front-1c1c"), "{html}");
    let file = html
        .split(&format!("/staff/intake/{id}/files/"))
        .nth(1)
        .and_then(|rest| rest.split(['?', '"']).next())
        .expect("a link to the file")
        .to_owned();
    let r = get_as(&front, &format!("/staff/intake/{id}/files/{file}?lang=en"), &cookie).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"canary-file-through-front");
    // The file is in the intake node's vault: it serves it itself.
    let r = get_as(&intake, &format!("/staff/intake/{id}/files/{file}?lang=en"), &cookie).await;
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"canary-file-through-front", "the intake node kept the file");

    // The intake node stops: the form's words come back with why.
    let (token, form_cookie) = form_token(&front, &front.client, "/en/submit").await;
    // Its data directory stays: the database both servers use is in it.
    let _database = intake.stop();
    let form = submission_form(token, "canary-kept-while-down-6e6e")
        .part("files", reqwest::multipart::Part::bytes(b"dropped".to_vec()).file_name("a.txt"));
    let r = front.client.post(front.url("/en/submit")).header("cookie", form_cookie).multipart(form).send().await;
    let r = r.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = r.text().await.unwrap();
    assert!(html.contains("canary-kept-while-down-6e6e"), "what was typed is kept: {html}");
    assert!(html.contains("cannot be reached"), "{html}");
    assert_eq!(front.get("/en/submit").await.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(get_as(&front, "/staff/intake?lang=en", &cookie).await.status(), StatusCode::SERVICE_UNAVAILABLE);
    // The dashboard is made here, and says what it cannot count.
    let r = get_as(&front, "/staff?lang=en", &cookie).await;
    let status = r.status();
    let home = r.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{home}");
    assert!(home.contains("The intake node cannot be reached") && !home.contains("new submission"), "{home}");
}

/// An intake node that takes the connection but never answers: the
/// dashboard, where a sign-in lands, is made by the server itself after a
/// bounded wait, and says what it cannot count.
#[tokio::test]
async fn the_dashboard_does_not_wait_for_an_intake_node_that_never_answers() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_of(dir.path());
    let admin = add_user_on(&["--database-url".to_owned(), url.clone()], dir.path(), "olena", "admin");
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let node = format!("http://{}", silent.local_addr().unwrap());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((conn, _)) = silent.accept().await {
            open.push(conn);
        }
    });
    let front = Server::start_on(dir, &url, &["--intake-node-url", &node]);
    let cookie = session(&front, "olena", &admin).await;
    let asked = Instant::now();
    let r = get_as(&front, "/staff?lang=en", &cookie).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(asked.elapsed() < Duration::from_secs(15), "the wait is bounded: {:?}", asked.elapsed());
    let home = r.text().await.unwrap();
    assert!(home.contains("The intake node cannot be reached"), "{home}");
    held.abort();
}

/// Nothing a source does reaches PostgreSQL until the day's seal: a
/// submission with a file, a follow-up and a contact message sent to a
/// running server leave the cluster's next transaction id exactly where it
/// was (no transaction of theirs wrote a row, so none got an id, a commit
/// record or an `xmin`); after `inferno intake seal --force` the rows and
/// one pack are there, no byte of what was sent is in clear in them, and
/// staff read everything as before. Runs alone (`.config/nextest.toml`):
/// other tests' transactions would move the cluster's counter.
#[tokio::test]
#[ignore = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL"]
async fn a_source_leaves_postgresql_as_it_was_until_the_seal() {
    use crate::support::intake::{check_receipt, reply_form, submit_with};
    assert!(inferno_storage::testing::server_url().is_some(), "needs INFERNO_TEST_DATABASE_URL");
    let dir = tempfile::tempdir().unwrap();
    let url = database_of(dir.path());
    let admin = add_user_on(&["--database-url".to_owned(), url.clone()], dir.path(), "olena", "admin");
    let s = Server::start_on(dir, &url, &[]);
    let pg = sqlx::PgPool::connect(&url).await.unwrap();
    // The next transaction id of the cluster; reading it assigns none.
    let next_xid = || async {
        sqlx::query_scalar::<_, String>("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
            .fetch_one(&pg)
            .await
            .unwrap()
    };
    // The server's own start (its first purge and seal checks) is over once it answers.
    assert_eq!(s.get("/en/").await.status(), StatusCode::OK);
    let before = next_xid().await;

    let fields = [("site", crate::support::intake::SITE), ("what", "canary-pg-text-1a1a"), ("consent", "named")];
    let file: File = ("cell.txt".into(), "text/plain".into(), b"canary-pg-file-2b2b".repeat(100));
    let sent = submit_with(&s, &s.client, &fields, vec![file]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    let receipt = sent.receipt();
    assert_eq!(check_receipt(&s, &s.client, &receipt).await.0, 200);
    let (form, cookie) = reply_form(&s, &s.client, &receipt).await;
    let form = form.text("message", "canary-pg-follow-up-3c3c");
    let r = s.client.post(s.url("/en/receipt/reply")).header("cookie", cookie).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let (token, cookie) = form_token(&s, &s.client, "/en/contact").await;
    let form = reqwest::multipart::Form::new().text("token", token).text("what", "canary-pg-contact-4d4d");
    let r = s.client.post(s.url("/en/contact")).header("cookie", cookie).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(next_xid().await, before, "a source's actions gave PostgreSQL a transaction");
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_submissions", "").await, 0);

    let out = crate::support::run(&[
        "--data-dir",
        s.data_dir().to_str().unwrap(),
        "--database-url",
        &url,
        "intake",
        "seal",
        "--force",
    ]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Sealed 2 submission(s) and 1 follow-up(s) into the database, 1 file(s) into the database"),
        "{said}"
    );
    assert_ne!(next_xid().await, before);
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_submissions", "").await, 2);
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_packs", "").await, 1);
    let packed: Vec<Vec<u8>> = sqlx::query_scalar("SELECT data FROM intake_pack_chunks").fetch_all(&pg).await.unwrap();
    let rows: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT answers FROM intake_submissions UNION ALL SELECT body FROM intake_messages UNION ALL SELECT meta FROM intake_files",
    )
    .fetch_all(&pg)
    .await
    .unwrap();
    for bytes in packed.iter().chain(&rows) {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("canary-pg"), "a source's words in clear in PostgreSQL");
    }
    pg.close().await;

    // Staff read everything as before, the file from its pack.
    let cookie = session(&s, "olena", &admin).await;
    let ids = queue(&s, &cookie).await;
    assert_eq!(ids.len(), 2);
    let mut read = String::new();
    for id in &ids {
        let html = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
        if let Some(link) = crate::support::attr_values(&html, "href").into_iter().find(|h| h.contains("/files/")) {
            read.push_str(&get_as(&s, link, &cookie).await.text().await.unwrap());
        }
        read.push_str(&html);
    }
    for canary in ["canary-pg-text-1a1a", "canary-pg-file-2b2b", "canary-pg-follow-up-3c3c", "canary-pg-contact-4d4d"] {
        assert!(read.contains(canary), "{canary} is read after the seal");
    }
}

/// Two servers on one PostgreSQL database and one Garage bucket are one
/// site: a submission sent to B (which passes it to the intake node A) gets
/// a receipt and adds nothing to the bucket; staff signed in on A read and
/// answer it on B before and after the seal; the seal writes one pack of
/// ciphertext only; a change made on A shows on B within a second; and a
/// node started on the used database with an empty data directory is refused.
#[tokio::test]
#[ignore = "needs a PostgreSQL server (INFERNO_TEST_DATABASE_URL) and Garage (scripts/garage)"]
async fn two_nodes_and_garage_are_one_site_before_and_after_the_seal() {
    use crate::support::garage::{BUCKET, Garage};
    assert!(inferno_storage::testing::server_url().is_some(), "needs INFERNO_TEST_DATABASE_URL");
    let garage = Garage::start();
    let env = garage.env();
    let store = format!("s3://{BUCKET}");
    let first = tempfile::tempdir().unwrap();
    let (url, [admin, editor, reviewer]) = three_accounts(first.path());
    let a = Server::process_on(first, &url, &["--blob-store", &store], &env);
    let second = beside(&a);
    let b = Server::process_on(second, &url, &["--blob-store", &store, "--intake-node-url", &a.url("")], &env);

    let photo: File = ("cell.txt".into(), "text/plain".into(), b"canary-garage-file-6e6e ".repeat(200_000));
    let sent = crate::support::intake::submit(&b, "canary-garage-text-5f5f", vec![photo]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
    let receipt = sent.receipt();
    assert!(garage.objects().await.is_empty(), "a source's files reach no bucket before the seal");
    let cookie = session(&a, "olena", &admin).await;
    let id = queue(&b, &cookie).await.remove(0);
    read_and_answer(&b, &cookie, &id, "canary-garage-text-5f5f", "canary-before").await;

    let args = ["--data-dir", a.data_dir().to_str().unwrap(), "--database-url", &url, "--blob-store", &store];
    let out = crate::support::run_with(&[&args[..], &["intake", "seal", "--force"]].concat(), &env);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("1 file(s) into s3://packs"), "{out:?}");
    assert!(said.contains("Sealed 0 submission(s)"), "the reply moved it before: {said}");
    let objects = garage.objects().await;
    assert_eq!(objects.len(), 1, "one pack");
    let name = objects[0].0.strip_prefix("packs/").unwrap_or_default();
    assert!(name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit()), "a random name: {}", objects[0].0);
    assert!(objects[0].1.len() > 4_800_000, "the pack holds the file");
    for canary in ["canary-garage", "cell.txt"] {
        assert!(!crate::support::contains(&objects[0].1, canary), "{canary} in clear in the bucket");
    }

    // After the seal: read and answered on B, the file from the pack.
    let html = get_as(&b, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    assert!(html.contains("canary-garage-text-5f5f") && html.contains("canary-before"), "{html}");
    let link =
        crate::support::attr_values(&html, "href").into_iter().find(|h| h.contains("/files/")).unwrap().to_owned();
    let file = get_as(&b, &link, &cookie).await.bytes().await.unwrap();
    assert_eq!(file.len(), 4_800_000);
    assert!(file.starts_with(b"canary-garage-file-6e6e "));
    let csrf = csrf_of(&html);
    let r =
        post_as(&b, &format!("/staff/intake/{id}/reply"), &cookie, &[("csrf", &csrf), ("text", "canary-after")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = receipt_page(&b, &receipt).await;
    assert!(page.contains("canary-before") && page.contains("canary-after"), "the source reads both replies");

    drafted_on_a_published_on_b_served_by_a_within_a_second(&a, &b, &editor, &reviewer).await;

    // A third node with an empty data directory is refused, given nothing.
    let empty = tempfile::tempdir().unwrap();
    let out = crate::support::run(&["--data-dir", empty.path().to_str().unwrap(), "--database-url", &url, "migrate"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("lacks"), "{out:?}");
    assert!(!empty.path().join(AUDIT_KEY_FILE).exists());
}

/// Garage unreachable during the seal: nothing is sealed, the inbox stays
/// whole (staff still read it), and the next seal, with Garage back, succeeds.
#[tokio::test]
#[ignore = "needs a PostgreSQL server (INFERNO_TEST_DATABASE_URL) and Garage (scripts/garage)"]
async fn a_seal_without_its_object_store_changes_nothing_and_the_next_succeeds() {
    use crate::support::garage::{BUCKET, Garage};
    assert!(inferno_storage::testing::server_url().is_some(), "needs INFERNO_TEST_DATABASE_URL");
    let mut garage = Garage::start();
    let env = garage.env();
    let store = format!("s3://{BUCKET}");
    let dir = tempfile::tempdir().unwrap();
    let url = database_of(dir.path());
    let admin = add_user_on(&["--database-url".to_owned(), url.clone()], dir.path(), "olena", "admin");
    let s = Server::process_on(dir, &url, &["--blob-store", &store], &env);
    let file: File = ("a.txt".into(), "text/plain".into(), b"canary-down-file ".repeat(1000));
    assert_eq!(crate::support::intake::submit(&s, "canary-down-text", vec![file]).await.status, StatusCode::OK);

    garage.stop();
    let args = ["--data-dir", s.data_dir().to_str().unwrap(), "--database-url", &url, "--blob-store", &store];
    let seal = [&args[..], &["intake", "seal", "--force"]].concat();
    let out = crate::support::run_with(&seal, &env);
    assert!(!out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("s3://packs"), "says which store failed: {out:?}");
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_submissions", "").await, 0, "nothing sealed");
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_seals", "").await, 0);
    let cookie = session(&s, "olena", &admin).await;
    let id = queue(&s, &cookie).await.remove(0);
    let html = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    assert!(html.contains("canary-down-text"), "the inbox is whole");

    garage.restart();
    // What a seal cut off after its upload would leave: a pack no row names.
    garage.put("packs/0123456789abcdef0123456789abcdef", b"left by a seal cut off").await;
    let out = crate::support::run_with(&seal, &env);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Sealed 1 submission(s)"), "{out:?}");
    assert_eq!(count(s.data_dir(), "SELECT count(*) FROM intake_submissions", "").await, 1);
    let objects = garage.objects().await;
    assert_eq!(objects.len(), 1, "one pack: the one no row named is deleted");
    assert_ne!(objects[0].0, "packs/0123456789abcdef0123456789abcdef");
    let html = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    let link =
        crate::support::attr_values(&html, "href").into_iter().find(|h| h.contains("/files/")).unwrap().to_owned();
    assert!(get_as(&s, &link, &cookie).await.text().await.unwrap().starts_with("canary-down-file"));
}
