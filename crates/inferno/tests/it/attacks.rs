//! The attacks of the independent security review (`security-review.md`,
//! F1–F14), each run against the real server on loopback, bounded in count
//! and time. Every one of them succeeded against the code the review read.

use crate::support::clients::{addr, audit_entries, client_from, connect_from, login_from};
use crate::support::intake::{SITE, form_token, server, server_process, submit_with};
use crate::support::staff::{PASSWORD, add_user, csrf_of, get_as, login, now, session};
use crate::support::{Server, on_postgres, run};
use reqwest::StatusCode;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// F1: a part header that never ends was buffered whole (a GiB per request)
/// and searched again on every read. Now the request is answered after a few KiB.
#[tokio::test]
async fn f1_a_multipart_header_that_never_ends_is_refused_within_a_few_kib() {
    let (s, _, _conf) = server_process("");
    let idle = s.rss_mib();
    let mut socket = TcpStream::connect(addr(&s)).await.unwrap();
    let size: usize = 64 << 20;
    let head = b"--X\r\nContent-Disposition: form-data; name=\"token\"";
    socket
        .write_all(
            format!(
                "POST /en/submit HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=X\r\n\
                 Content-Length: {}\r\n\r\n",
                head.len() + size
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    socket.write_all(head).await.unwrap();
    let (mut read, mut write) = socket.into_split();
    let answer = tokio::spawn(async move {
        let mut buf = vec![0u8; 64];
        let n = read.read(&mut buf).await.unwrap_or(0);
        String::from_utf8_lossy(&buf[..n]).into_owned()
    });
    let piece = vec![b'A'; 16 * 1024];
    let mut sent = 0;
    while sent < size && !answer.is_finished() {
        if write.write_all(&piece).await.is_err() {
            break;
        }
        sent += piece.len();
    }
    let answer = tokio::time::timeout(Duration::from_secs(10), answer).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");
    assert!(sent < 16 << 20, "the server read {sent} bytes of a header before answering");
    let grew = s.rss_mib().saturating_sub(idle);
    assert!(grew < 32, "the server grew by {grew} MiB");
}

/// F2 and F10: throttled sign-ins and names that cannot be accounts wrote a
/// full entry each (2 MB with a 1 MB name), for ever. Now each kind of refusal
/// is one bounded entry a minute.
#[tokio::test]
async fn f2_throttled_and_invalid_sign_ins_do_not_grow_the_audit_log() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    add_user(dir.path(), "probe", "editor");
    let s = Server::start_with(dir, &[]);
    let before = audit_entries(s.data_dir());
    let mut statuses = Vec::new();
    // An account's name: its failures are entries (a name that is no
    // account is summarised once a minute since review 3, N4).
    for _ in 0..8 {
        statuses.push(login(&s, "probe", "wrong", "000000").await.status());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count(), 5, "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    let big = "x".repeat(1_000_000);
    for _ in 0..10 {
        let st = login(&s, &big, "wrong", "000000").await.status();
        assert!(st == StatusCode::UNAUTHORIZED || st == StatusCode::TOO_MANY_REQUESTS, "{st}");
    }
    // The entries of failures are written beside the answers.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let added = audit_entries(s.data_dir()) - before;
    // Five failures, one "throttled" summary, one "not an account name" summary.
    assert_eq!(added, 7, "entries added");
    if !on_postgres() {
        let db = std::fs::metadata(s.data_dir().join("inferno.sqlite3")).unwrap().len()
            + std::fs::metadata(s.data_dir().join("inferno.sqlite3-wal")).map_or(0, |m| m.len());
        assert!(db < 8 << 20, "the database holds {db} bytes");
    }
    // The flood came from the staff member's own address; they still get in.
    let r = login(&s, "olena", PASSWORD, &secret.code_at(now())).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
}

/// F3: 100 submissions from 20 addresses closed the intake to everyone for an
/// hour, and behind a proxy one client closed it. Now a flood fills the queue
/// and the door stays open.
#[tokio::test]
async fn f3_a_flood_of_submissions_does_not_close_the_door() {
    let (s, _, _conf) = server("intake_submissions_per_hour = 5\n", None);
    let fields = [("site", SITE), ("what", "flood"), ("consent", "anonymised")];
    let mut accepted = 0;
    for a in 2..22u8 {
        let c = client_from(a);
        for _ in 0..10 {
            let sent = submit_with(&s, &c, &fields, Vec::new()).await;
            match sent.status {
                StatusCode::OK => accepted += 1,
                StatusCode::TOO_MANY_REQUESTS => {
                    assert!(sent.html.contains("Many submissions arrived from here"), "per client, and says so")
                }
                other => panic!("{other}: {}", sent.html),
            }
        }
    }
    assert_eq!(accepted, 100, "five an hour from each of 20 addresses");
    let fresh =
        submit_with(&s, &client_from(99), &[("site", SITE), ("what", "a real one"), ("consent", "named")], vec![])
            .await;
    assert_eq!(fresh.status, StatusCode::OK, "a new source still gets a receipt: {}", fresh.html);
    fresh.receipt();

    // Behind a trusted proxy every source is 127.0.0.1: the form token tells them apart.
    let (s, _, _conf) = server("trusted_proxies = [\"127.0.0.1\"]\n", None);
    for i in 0..40 {
        let sent = submit_with(&s, &s.client, &fields, Vec::new()).await;
        assert_eq!(sent.status, StatusCode::OK, "flood {i}: {}", sent.html);
    }
    let fresh =
        submit_with(&s, &s.client, &[("site", SITE), ("what", "a real one"), ("consent", "named")], vec![]).await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.html);
    // One form token is still one client.
    let (token, cookie) = form_token(&s, &s.client, "/en/submit").await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let form = reqwest::multipart::Form::new()
            .text("token", token.clone())
            .text("site", SITE)
            .text("what", "same form")
            .text("consent", "named");
        let r = s.client.post(s.url("/en/submit")).header("cookie", &cookie).multipart(form).send().await.unwrap();
        statuses.push(r.status());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 5, "{statuses:?}");
}

/// F3: forms sent back for correction are counted and given back, so a
/// sender correcting mistakes is never turned away.
#[tokio::test]
async fn f3_a_form_sent_back_for_correction_is_not_counted() {
    let (s, _, _conf) = server("intake_submissions_per_hour = 2\n", None);
    let c = client_from(7);
    for _ in 0..6 {
        let file = ("a.bin".to_owned(), "application/octet-stream".to_owned(), vec![7u8; 256 * 1024]);
        let sent = submit_with(&s, &c, &[("site", SITE), ("consent", "anonymised")], vec![file]).await;
        assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let sent = submit_with(&s, &c, &[("site", SITE), ("what", "corrected"), ("consent", "named")], vec![]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.html);
}

/// F4: 40 parallel sign-ins ran 40 Argon2id hashes (2.6 GiB) and all of them
/// were checked although the limit is 5 a minute.
#[tokio::test]
async fn f4_a_burst_of_parallel_guesses_gets_at_most_five_checked() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "olena", "admin");
    let s = std::sync::Arc::new(Server::process(dir, &[]));
    let idle = s.rss_mib();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(idle));
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watch = {
        let (s, peak, done) = (s.clone(), peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak.fetch_max(s.rss_mib(), std::sync::atomic::Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let mut forms = Vec::new();
    for _ in 0..40 {
        let r = s.get("/staff/login?lang=en").await;
        let cookie = r.headers().get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_owned();
        forms.push((csrf_of(&r.text().await.unwrap()), cookie));
    }
    let tasks: Vec<_> = forms
        .into_iter()
        .enumerate()
        .map(|(i, (csrf, cookie))| {
            let s = s.clone();
            tokio::spawn(async move {
                let guess = format!("guess-{i}");
                let form = [("name", "olena"), ("password", guess.as_str()), ("code", "000000"), ("csrf", &csrf)];
                s.client.post(s.url("/staff/login")).header("cookie", cookie).form(&form).send().await.unwrap().status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    watch.join().unwrap();
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    // One hash in flight from a client (review 3, N4): the others are
    // refused at once, and the name's limit of five a minute still holds.
    assert!((1..=5).contains(&checked) && checked + refused == 40, "{statuses:?}");
    let grew = peak.load(std::sync::atomic::Ordering::Relaxed).saturating_sub(idle);
    assert!(grew < 300, "peak memory grew by {grew} MiB");
}

/// F5: silent sockets, partial headers and partial bodies were held open for
/// ever, and a few hundred idle sockets kept visitors out.
#[tokio::test]
async fn f5_slow_and_silent_connections_are_closed_and_do_not_keep_visitors_out() {
    let (s, _, _conf) = server("header_timeout_secs = 2\nbody_idle_secs = 2\n", None);
    let target = addr(&s);
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(target).await.unwrap());
    }
    // From another address: one address may hold only so many connections.
    let t = Instant::now();
    let r = client_from(50).get(s.url("/en/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(t.elapsed() < Duration::from_secs(5), "a visitor waited {:?}", t.elapsed());

    let mut partial_head = connect_from(51, target).await;
    partial_head.write_all(b"GET /en/ HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let mut partial_body = connect_from(52, target).await;
    partial_body
        .write_all(
            b"POST /en/receipt HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 100\r\n\r\nrec",
        )
        .await
        .unwrap();
    // A kept-alive connection that sends nothing after its first request.
    let mut kept = connect_from(53, target).await;
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 512];
    assert!(kept.read(&mut buf).await.unwrap() > 0);
    for (what, socket) in
        [("partial headers", &mut partial_head), ("partial body", &mut partial_body), ("kept alive", &mut kept)]
    {
        let closed = tokio::time::timeout(Duration::from_secs(15), async {
            loop {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "{what}: still open after 15 s");
    }
    let mut silent_closed = 0;
    for mut socket in idle.drain(..10) {
        if tokio::time::timeout(Duration::from_secs(5), socket.read(&mut buf))
            .await
            .is_ok_and(|r| r.map_or(true, |n| n == 0))
        {
            silent_closed += 1;
        }
    }
    assert_eq!(silent_closed, 10, "silent sockets are closed");
}

/// Every time a file system keeps for `path`: modified, changed, born, read.
fn times(path: &std::path::Path) -> Vec<(&'static str, i64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(path).unwrap();
    let mut t = vec![("modified", m.mtime()), ("changed", m.ctime()), ("read", m.atime())];
    if let Ok(born) = m.created() {
        t.push(("born", born.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64));
    }
    t
}

fn everything_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![dir.to_owned()];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(everything_under(&p)) } else { out.push(p) }
    }
    out
}

/// F7: every file was its own file, whose creation and change times (and
/// its directory's) told to the nanosecond when it arrived, and a debug log
/// timed every submission. Now three submissions a few seconds apart leave
/// no trace of when the first two came.
#[tokio::test]
async fn f7_a_seized_disk_and_the_log_do_not_tell_when_files_arrived() {
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("debug.log");
    let (s, secret, _conf) = server("", Some(&log));
    let unix = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    // Start on a fresh second, so that "before" and "during" cannot share one.
    let start = unix();
    while unix() == start {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let first = unix();
    let fields = [("site", SITE), ("what", "when did this come?"), ("consent", "anonymised")];
    for n in 0..2 {
        let file = (format!("photo-{n}.bin"), "application/octet-stream".to_owned(), vec![n as u8; 3 << 20]);
        assert_eq!(submit_with(&s, &s.client, &fields, vec![file]).await.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(2100)).await;
    }
    let last_of_the_two = unix() - 2;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let file = ("third.bin".to_owned(), "application/octet-stream".to_owned(), vec![9u8; 1 << 20]);
    assert_eq!(submit_with(&s, &s.client, &fields, vec![file]).await.status, StatusCode::OK);
    // Staff read them, as they would before a seizure.
    let cookie = session(&s, "olena", &secret).await;
    assert_eq!(get_as(&s, "/staff/intake?lang=en", &cookie).await.status(), 200);
    for path in everything_under(s.data_dir()) {
        for (what, t) in times(&path) {
            assert!(
                !(first..=last_of_the_two).contains(&t),
                "{} was {what} at {t}, while the first two submissions arrived ({first}–{last_of_the_two})",
                path.display()
            );
        }
    }
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains("intake_submissions") && !text.contains("sqlx"), "no statement is logged: {text}");
}

/// F9: five wrong passwords a minute kept a named member locked out for as
/// long as the attacker liked. Now the real member gets in meanwhile.
#[tokio::test]
async fn f9_a_stranger_guessing_a_name_does_not_lock_its_owner_out() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let s = std::sync::Arc::new(Server::start_with(dir, &[]));
    let attacker = {
        let s = s.clone();
        tokio::spawn(async move {
            let c = client_from(66);
            let mut refused = 0;
            for _ in 0..20 {
                if login_from(&s, &c, "olena", "a guess", "000000").await == StatusCode::TOO_MANY_REQUESTS {
                    refused += 1;
                }
            }
            refused
        })
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    let owner = client_from(67);
    let started = Instant::now();
    let mut status = StatusCode::OK;
    while started.elapsed() < Duration::from_secs(60) {
        status = login_from(&s, &owner, "olena", PASSWORD, &secret.code_at(now())).await;
        if status == StatusCode::SEE_OTHER {
            break;
        }
        tokio::time::sleep(Duration::from_secs(31)).await;
    }
    assert_eq!(status, StatusCode::SEE_OTHER, "the owner got in");
    assert!(attacker.await.unwrap() >= 10, "the attacker was throttled meanwhile");
}

/// F10: wrong current passwords in a password change were neither counted
/// nor recorded: a stolen session could guess the password silently.
#[tokio::test]
async fn f10_wrong_current_passwords_are_audited_and_throttled() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &[]);
    let cookie = session(&s, "olena", &secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff/password?lang=en", &cookie).await.text().await.unwrap());
    let before = audit_entries(s.data_dir());
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let form =
            [("csrf", csrf.as_str()), ("current", "not my password"), ("new", "a new long password"), ("lang", "en")];
        let r = s.client.post(s.url("/staff/password")).header("cookie", &cookie).form(&form).send().await.unwrap();
        statuses.push(r.status());
    }
    assert_eq!(&statuses[..5], &[StatusCode::UNAUTHORIZED; 5]);
    assert!(statuses[5..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    assert_eq!(audit_entries(s.data_dir()) - before, 6, "five failures and one throttle summary");
}

/// F11: any two capital letters rendered, compressed and cached a new page.
#[tokio::test]
async fn f11_filters_that_match_no_site_are_not_rendered_into_the_cache() {
    let s = Server::start();
    for url in ["/en/sites?country=QQ", "/en/sites?country=ZZ&type=penal_colony", "/en/sites?country=AQ"] {
        let r = s.get(url).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{url}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{url}");
        assert!(r.headers().get("content-encoding").is_none(), "error pages are not compressed");
    }
    assert_eq!(s.get("/en/sites?country=RU").await.status(), 200);
}

/// F12: a data directory that already existed kept its mode, and the
/// database (TOTP secrets, password hashes) was readable by every local user.
#[test]
fn f12_the_data_directory_and_its_files_are_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("perm");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(data.join("left-by-hand.txt"), "x").unwrap();
    std::fs::set_permissions(data.join("left-by-hand.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(run(&["--data-dir", data.to_str().unwrap(), "migrate"]).status.success());
    add_user(&data, "perm", "admin");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for e in std::fs::read_dir(&data).unwrap() {
        let p = e.unwrap().path();
        let m = mode(&p);
        assert_eq!(m & 0o077, 0, "{} is {m:o}", p.display());
    }
}

/// F13 and F14: a CR/LF in an id made a 500; "saved" for a record that does
/// not exist; the form cookie without `__Host-` over https.
#[tokio::test]
async fn f13_f14_control_characters_missing_records_and_the_form_cookie() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "maria", "reviewer");
    let s = Server::start_with(dir, &[]);
    let cookie = session(&s, "maria", &secret).await;
    let csrf = csrf_of(&get_as(&s, "/staff?lang=en", &cookie).await.text().await.unwrap());
    for path in
        ["/staff/sites/%0d%0aSet-Cookie:%20x=1/publish", "/staff/sites/%7f/publish", "/staff/sites/nonexistent/publish"]
    {
        let form = [("csrf", csrf.as_str()), ("lang", "en"), ("public_note", "n")];
        let r = s.client.post(s.url(path)).header("cookie", &cookie).form(&form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(r.headers().get("set-cookie").is_none());
    }
    assert_eq!(s.get("/en/sites/%0d%0a").await.status(), StatusCode::NOT_FOUND);

    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "olena", "admin");
    let s = Server::start_with(dir, &["--public-url", "https://inferno.example"]);
    let r = s.get("/en/submit").await;
    let set: Vec<String> = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    assert!(set.iter().any(|c| c.starts_with("__Host-inferno-form=") && c.contains("Secure")), "{set:?}");
    let r = s.get("/en/receipt").await;
    assert!(r.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().starts_with("__Host-inferno-form=")));
    assert!(r.text().await.unwrap().contains("name=\"token\""), "the receipt form carries a token");
}
