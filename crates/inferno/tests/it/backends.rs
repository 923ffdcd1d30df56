//! The same platform on either backend: a whole deployment copied from
//! SQLite to PostgreSQL and back (`inferno copy`), and a database that stops
//! under a running server. These need a PostgreSQL server
//! (`INFERNO_TEST_DATABASE_URL`), so they are ignored unless asked for:
//! `cargo nextest run` lists them as skipped, and `scripts/test` runs them
//! (`--run-ignored all`) in its pass on PostgreSQL. Asked for without a
//! server, they fail, saying what they need.

use crate::support::intake::{form_token, receipt_page, submit};
use crate::support::staff::{PASSWORD, add_user_on, get_as, login, now, session};
use crate::support::{Server, run};
use inferno_storage::testing::{self, TestDatabase};
use reqwest::StatusCode;

/// Why the tests here are ignored unless asked for.
const NEEDS_POSTGRES: &str = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL";

/// The PostgreSQL server for these tests; a test asked for without one fails.
fn postgres() -> String {
    testing::server_url().unwrap_or_else(|| panic!("{NEEDS_POSTGRES} is not set ({})", testing::TEST_DATABASE_URL))
}

fn ok(out: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    text
}

/// The servers compared say they are at one address (pages name it).
const SAME_ADDRESS: &[&str] = &["--public-url", "http://inferno.test"];

/// Public pages of every type, to compare two servers by.
const PAGES: &[&str] = &[
    "/en/",
    "/uk/",
    "/en/sites",
    "/en/sites/page/2",
    "/en/sites/ru-taganrog-sizo-2",
    "/uk/sites/ua-olenivka-ik-120",
    "/en/sources/src-bbc-2023-taganrog",
    "/en/news",
    "/en/faq",
    "/en/data",
    "/en/search?q=Olenivka",
    "/api/v1/sites",
    "/data/sites.geojson",
    "/en/changes",
];

async fn pages_of(s: &Server) -> Vec<(String, StatusCode, String)> {
    let mut out = Vec::new();
    for path in PAGES {
        let r = s.get(path).await;
        out.push((path.to_string(), r.status(), r.text().await.unwrap()));
    }
    out
}

/// A deployment with records, accounts, a session, a revision and a
/// submission in the vault, copied SQLite → PostgreSQL → SQLite: each copy's
/// audit log verifies with the same key, its server serves the same pages,
/// the source's receipt still opens its submission, and staff sign in.
#[tokio::test]
#[ignore = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL"]
async fn a_deployment_moves_to_postgresql_and_back_whole() {
    let server = postgres();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_owned();
    let d = data.to_str().unwrap().to_owned();
    let d = d.as_str();
    let elsewhere = tempfile::tempdir().unwrap();
    // The deployment is SQLite's, named, so that the tests' backend does not choose.
    let sqlite = format!("sqlite://{}", data.join("inferno.sqlite3").display());
    let secret = add_user_on(&["--database-url".into(), sqlite.clone()], &data, "olena", "admin");
    let s = Server::start_on(dir, &sqlite, SAME_ADDRESS);
    let sent = submit(&s, "They were held in the basement.", vec![]).await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let receipt = sent.receipt();
    let cookie = session(&s, "olena", &secret).await;
    assert_eq!(get_as(&s, "/staff?lang=en", &cookie).await.status(), 200);
    let before = pages_of(&s).await;
    let dir = s.stop();
    // The day's seal moves it out of the inbox, so that the copy carries it.
    let sealed = ok(&run(&["--data-dir", d, "--database-url", &sqlite, "intake", "seal"]));
    assert!(sealed.contains("Sealed 1 submission(s)"), "{sealed}");

    let database = TestDatabase::create(&server).await;
    let copied = ok(&run(&["--data-dir", d, "copy", "--from", &sqlite, "--to", &database.url]));
    assert!(
        copied.contains("audit_entries: ")
            && copied.contains("intake_submissions: 1")
            && copied.contains("intake_seals: 1"),
        "{copied}"
    );
    assert!(!copied.contains("postgres@"), "no user or password in what it prints: {copied}");
    let verified = ok(&run(&["--data-dir", d, "--database-url", &database.url, "audit", "verify"]));
    assert!(verified.contains("The audit log is intact"), "{verified}");

    // A second copy into the same database is refused, and changes nothing.
    let again = run(&["--data-dir", d, "copy", "--from", &sqlite, "--to", &database.url]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("the target database is not empty"));
    assert_eq!(ok(&run(&["--data-dir", d, "--database-url", &database.url, "audit", "verify"])), verified);

    let s = Server::start_on(dir, &database.url, SAME_ADDRESS);
    assert_eq!(pages_of(&s).await, before, "the copy serves the same pages");
    let (status, html) = receipt_page(&s, &receipt).await;
    assert_eq!(status, 200, "the receipt opens its submission: {html}");
    // The code of the next time step: the one used before is spent, on the copy too.
    let r = login(&s, "olena", PASSWORD, &secret.code_at(now() + 30)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "staff sign in on the copy");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.contains("-session="))
        .unwrap();
    let audit = get_as(&s, "/staff/audit?lang=en", &cookie).await.text().await.unwrap();
    assert!(audit.contains("<data value=\"copy\">"), "the copy is in the copy's audit log: {audit}");
    let dir = s.stop();

    // And back, into a SQLite file of its own.
    let back = format!("sqlite://{}", elsewhere.path().join("back.sqlite3").display());
    ok(&run(&["--data-dir", d, "copy", "--from", &database.url, "--to", &back]));
    assert!(ok(&run(&["--data-dir", d, "--database-url", &back, "audit", "verify"])).contains("intact"));
    let s = Server::start_on(dir, &back, SAME_ADDRESS);
    assert_eq!(pages_of(&s).await, before);
    assert_eq!(receipt_page(&s, &receipt).await.0, 200);
}

/// Stops the database under a running server, as a failed database server
/// would for it: no new connection is allowed, the open ones are ended.
async fn stop_database(server: &str, name: &str) {
    use sqlx::Connection;
    let mut admin = sqlx::postgres::PgConnection::connect(server).await.unwrap();
    for sql in [
        format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"),
        format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.unwrap();
    }
}

async fn start_database(server: &str, name: &str) {
    use sqlx::Connection;
    let mut admin = sqlx::postgres::PgConnection::connect(server).await.unwrap();
    let sql = format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true");
    sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut admin).await.unwrap();
}

/// While the database is down, every page that must read it answers 503 with
/// a page that says the data cannot be read (never an empty list, never a
/// sign-in page), and what readers see from memory stays as it was; when it
/// is back, the same pages answer again without a restart.
#[tokio::test]
#[ignore = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL"]
async fn a_database_that_stops_is_an_error_page_until_it_is_back() {
    let server = postgres();
    let database = TestDatabase::create(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user_on(&["--database-url".into(), database.url.clone()], dir.path(), "olena", "admin");
    let s = Server::start_on(dir, &database.url, SAME_ADDRESS);
    let cookie = session(&s, "olena", &secret).await;
    let sent = submit(&s, "Held in the gym.", vec![]).await;
    let receipt = sent.receipt();
    let public = pages_of(&s).await;
    let submit_form = form_token(&s, &s.client, "/en/submit").await;
    let receipt_form = form_token(&s, &s.client, "/en/receipt").await;
    let login_form = s.get("/staff/login?lang=en").await;
    let login_cookie = login_form.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let login_csrf = crate::support::staff::csrf_of(&login_form.text().await.unwrap());
    let staff = [
        "/staff?lang=en",
        "/staff/intake?lang=en",
        "/staff/sites?lang=en",
        "/staff/sites/ru-taganrog-sizo-2?lang=en",
        "/staff/audit?lang=en",
        "/staff/users?lang=en",
    ];
    for path in staff {
        assert_eq!(get_as(&s, path, &cookie).await.status(), 200, "{path} before");
    }

    stop_database(&server, database.name()).await;
    for path in staff {
        let r = get_as(&s, path, &cookie).await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        let html = r.text().await.unwrap();
        assert!(
            html.contains("The data cannot be read right now") && html.contains("Nothing was changed"),
            "{path}: {html}"
        );
    }
    // A sign-in whose account cannot be read is "unavailable", not "internal error".
    let form = [("name", "olena"), ("password", PASSWORD), ("code", "000000"), ("csrf", &login_csrf)];
    let r = s.client.post(s.url("/staff/login")).header("cookie", &login_cookie).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "a sign-in");
    assert!(r.text().await.unwrap().contains("The data cannot be read right now"), "a sign-in");
    for path in ["/en/submit"] {
        let r = s.get(path).await;
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(r.text().await.unwrap().contains("The data cannot be read right now"), "{path}");
    }
    // Forms loaded before: a receipt is not said to be unknown, and a
    // submission is not kept, is not lost silently, and keeps what was typed.
    let r = s
        .client
        .post(s.url("/en/receipt"))
        .header("cookie", receipt_form.1)
        .form(&[("token", receipt_form.0.as_str()), ("receipt", receipt.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.text().await.unwrap().contains("the receipt could not be checked"));
    let typed = "Sent while the database is down.";
    let form = crate::support::intake::submission_form(submit_form.0, typed);
    let r = s.client.post(s.url("/en/submit")).header("cookie", submit_form.1).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let html = r.text().await.unwrap();
    assert!(html.contains("nothing was kept") && html.contains(typed), "the form keeps what was typed: {html}");
    assert_eq!(pages_of(&s).await, public, "public pages are served from memory meanwhile");

    start_database(&server, database.name()).await;
    let mut back = false;
    for _ in 0..50 {
        if get_as(&s, "/staff?lang=en", &cookie).await.status() == 200 {
            back = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(back, "the server recovers by itself");
    for path in staff {
        assert_eq!(get_as(&s, path, &cookie).await.status(), 200, "{path} after");
    }
    assert_eq!(receipt_page(&s, &receipt).await.0, 200);
    assert_eq!(submit(&s, "Sent when it is back.", vec![]).await.status, 200);
}

/// A PostgreSQL cluster of this test's own (initdb, pg_ctl from the same
/// installation as the test server), stopped and removed when dropped,
/// even when the test fails.
struct OwnCluster {
    bin: std::path::PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    /// What `pg_ctl -o` is given: the port, the socket's directory, the settings.
    options: String,
}

impl OwnCluster {
    /// A cluster started with `settings` (`-c name=value` each), or `None`
    /// (and a line saying why) where one cannot be made here: no
    /// `pg_config`, or not root (the cluster runs as the `postgres` user).
    fn start(settings: &[&str]) -> Option<OwnCluster> {
        let bin = std::process::Command::new("pg_config").arg("--bindir").output().ok()?;
        let bin = std::path::PathBuf::from(String::from_utf8_lossy(&bin.stdout).trim());
        let uid = std::process::Command::new("id").args(["-u", "postgres"]).output().ok()?;
        let uid: u32 = String::from_utf8_lossy(&uid.stdout).trim().parse().ok()?;
        let root = std::process::Command::new("id").arg("-u").output().ok()?;
        if !bin.join("initdb").exists() || String::from_utf8_lossy(&root.stdout).trim() != "0" {
            eprintln!("skipped: a cluster of its own needs PostgreSQL's initdb and root, to run it as postgres");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::chown(dir.path(), Some(uid), None).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", dir.path().display());
        for s in settings {
            options.push_str(&format!(" -c {s}"));
        }
        let cluster = OwnCluster { bin, dir, port, options };
        let data = cluster.data();
        cluster.as_postgres("initdb", &["-D", &data, "-A", "trust", "-U", "postgres", "--no-sync"]);
        cluster.as_postgres("pg_ctl", &["-D", &data, "-o", &cluster.options, "-w", "-l", "/dev/null", "start"]);
        Some(cluster)
    }

    fn data(&self) -> String {
        self.dir.path().join("pg").to_str().unwrap().to_owned()
    }

    fn as_postgres(&self, program: &str, args: &[&str]) {
        let out = std::process::Command::new("runuser")
            .args(["-u", "postgres", "--", self.bin.join(program).to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Stops the server (closing every connection).
    fn stop(&self) {
        self.as_postgres("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    /// Starts it again after [`OwnCluster::stop`].
    fn start_again(&self) {
        self.as_postgres("pg_ctl", &["-D", &self.data(), "-o", &self.options, "-w", "-l", "/dev/null", "start"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("pg");
        let _ = std::process::Command::new("runuser")
            .args(["-u", "postgres", "--", self.bin.join("pg_ctl").to_str().unwrap()])
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// Review 3: on PostgreSQL the database server records a submission's
/// moment on its own. `serve` says what it records at every start, and
/// refuses a server that keeps every commit's time for anyone to read
/// (`track_commit_timestamp`).
#[tokio::test]
#[ignore = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL"]
async fn postgresql_says_what_it_records_and_refuses_commit_timestamps() {
    postgres();
    let log_dir = tempfile::tempdir().unwrap();
    let log = log_dir.path().join("serve.log");
    let s = Server::start_logged(tempfile::tempdir().unwrap(), &[], Some(&log));
    drop(s);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("holds the commit time of every transaction") && text.contains("the day's seal"), "{text}");

    let Some(cluster) = OwnCluster::start(&["track_commit_timestamp=on"]) else { return };
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(crate::support::BIN)
        .args(["--database-url", &cluster.url(), "--data-dir", data.path().to_str().unwrap()])
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("INFERNO_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("serve started on a server that keeps commit times");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(!status.success() && err.contains("track_commit_timestamp = on"), "{err}");
}

/// PostgreSQL restarted under traffic: while it is down (longer than a
/// request waits for a connection, 5 s) every request that needs it answers
/// 503, never 500; what readers see from memory goes on; and once it is back
/// the same requests answer again, and a source's submission is kept, with
/// no restart of inferno.
#[tokio::test]
#[ignore = "needs a PostgreSQL server: INFERNO_TEST_DATABASE_URL"]
async fn postgresql_restarted_under_traffic_fails_cleanly_and_recovers() {
    postgres();
    let Some(cluster) = OwnCluster::start(&[]) else { return };
    let cluster = std::sync::Arc::new(cluster);
    let dir = tempfile::tempdir().unwrap();
    let url = cluster.url();
    let secret = add_user_on(&["--database-url".into(), url.clone()], dir.path(), "olena", "admin");
    let s = std::sync::Arc::new(Server::start_on(dir, &url, SAME_ADDRESS));
    let cookie = session(&s, "olena", &secret).await;
    let running = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let traffic = {
        let (s, cookie, running) = (s.clone(), cookie.clone(), running.clone());
        tokio::spawn(async move {
            let mut seen = std::collections::BTreeMap::<(String, u16), usize>::new();
            while running.load(std::sync::atomic::Ordering::SeqCst) {
                for path in ["/staff/intake?lang=en", "/staff/sites?lang=en", "/en/sites"] {
                    let status = get_as(&s, path, &cookie).await.status().as_u16();
                    *seen.entry((path.to_owned(), status)).or_default() += 1;
                }
            }
            seen
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let stopping = cluster.clone();
    tokio::task::spawn_blocking(move || stopping.stop()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(7)).await;
    let starting = cluster.clone();
    tokio::task::spawn_blocking(move || starting.start_again()).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    running.store(false, std::sync::atomic::Ordering::SeqCst);
    let seen = traffic.await.unwrap();
    eprintln!("answers while PostgreSQL restarted: {seen:?}");
    for ((path, status), n) in &seen {
        assert!(*status == 200 || *status == 503, "{path} answered {status} ({n} times): {seen:?}");
        assert!(path.starts_with("/staff") || *status == 200, "{path} is served from memory: {seen:?}");
    }
    assert!(seen.keys().any(|(_, status)| *status == 503), "the outage was met: {seen:?}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    for path in ["/staff/intake?lang=en", "/staff/sites?lang=en"] {
        while get_as(&s, path, &cookie).await.status() != StatusCode::OK {
            assert!(std::time::Instant::now() < deadline, "{path} answers again without a restart of inferno");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    let sent = submit(&s, "Sent once the database was back.", vec![]).await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let queue = get_as(&s, "/staff/intake?lang=en", &cookie).await.text().await.unwrap();
    assert!(queue.contains("/staff/intake/"), "the submission is in the queue");
}
