//! The back office's sign-in and sessions, attacked as well as used.

use crate::support::staff::{
    PASSWORD, add_user, cookie_pair, csrf_of, get_as, login, login_form, now, server_with, session, set_cookies,
};
use crate::support::{BIN, Server, database_args};
use inferno_auth::TotpSecret;
use reqwest::StatusCode;
use std::process::Command;
use std::time::Duration;

#[tokio::test]
async fn sign_in_with_password_and_code() {
    let (s, secrets) = server_with(&[("olena", "admin")], &[]);
    let r = s.get("/staff").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/staff/login"));

    let r = login(&s, "olena", PASSWORD, &secrets[0].code_at(now())).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let cookie = set_cookies(&r).into_iter().find(|c| c.starts_with("inferno-session=")).unwrap();
    let token = cookie_pair(&cookie).split('=').nth(1).unwrap().to_owned();
    assert_eq!(token.len(), 64, "256 bits");
    assert!(cookie.contains("; Path=/; HttpOnly; SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain-HTTP local use");

    let page = get_as(&s, "/staff?lang=en", &cookie_pair(&cookie)).await;
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("Signed in as <strong>olena</strong> (administrator)"), "{html}");
    assert!(html.contains("<data value=\"login\">"), "the sign-in is in the audit log");
    // The token is stored only as a hash: not in a row, nor anywhere in the file.
    let db = crate::support::Database::of(s.data_dir()).await;
    let sql = "SELECT count(*) FROM sessions WHERE token_hash = $1 OR csrf_token = $1";
    assert_eq!(db.count(sql, &token).await, 0);
    db.close().await;
    if crate::support::on_postgres() {
        return;
    }
    let db = std::fs::read(s.data_dir().join("inferno.sqlite3")).unwrap();
    let wal = std::fs::read(s.data_dir().join("inferno.sqlite3-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(token.len()).any(|w| w == token.as_bytes()), "the session token is on disk");
    }
}

#[tokio::test]
async fn wrong_password_code_or_name_and_reused_codes_are_refused_alike() {
    let (s, secrets) = server_with(&[("olena", "admin"), ("ivan", "editor")], &[]);
    let code = secrets[0].code_at(now());
    let wrong_code = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    for (name, password, code) in [
        ("olena", "the wrong password!", code.as_str()),
        ("olena", PASSWORD, wrong_code.as_str()),
        ("olena", PASSWORD, "abcdef"),
        ("nobody", PASSWORD, code.as_str()),
        ("olena", "", ""),
    ] {
        let r = login(&s, name, password, code).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{name}/{password}/{code}");
        assert!(set_cookies(&r).iter().all(|c| !c.contains("-session=")), "no session");
        let html = r.text().await.unwrap();
        assert!(html.contains("The account name, password or code is wrong, or the code was already used."));
        assert!(html.contains(&format!("value=\"{name}\"")), "the form keeps the name typed");
    }
    // A code works once.
    let code = secrets[1].code_at(now());
    assert_eq!(login(&s, "ivan", PASSWORD, &code).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(login(&s, "ivan", PASSWORD, &code).await.status(), StatusCode::UNAUTHORIZED, "replayed code");

    // Script in the name comes back escaped.
    let r = login(&s, "<script>alert(1)</script>", PASSWORD, "123456").await;
    let html = r.text().await.unwrap();
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("&#60;script&#62;"));
}

#[tokio::test]
async fn five_failures_a_minute_lock_the_account_out() {
    let (s, secrets) = server_with(&[("olena", "admin")], &[]);
    for _ in 0..5 {
        assert_eq!(login(&s, "olena", "the wrong password!", "000000").await.status(), StatusCode::UNAUTHORIZED);
    }
    let r = login(&s, "olena", PASSWORD, &secrets[0].code_at(now())).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("Too many failed attempts for this account."));
    // Another account is not affected.
    assert_eq!(login(&s, "nobody", PASSWORD, "000000").await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn forged_requests_are_refused() {
    let (s, secrets) = server_with(&[("olena", "admin")], &[]);
    // Sign-in without the form's token (or with another one).
    let r = s
        .client
        .post(s.url("/staff/login"))
        .form(&[("name", "olena"), ("password", PASSWORD), ("code", "123456")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, cookie) = login_form(&s).await;
    let r = s
        .client
        .post(s.url("/staff/login"))
        .header("cookie", cookie)
        .form(&[("name", "olena"), ("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let cookie = session(&s, "olena", &secrets[0]).await;
    // Sign-out without the session's token changes nothing.
    let r = s
        .client
        .post(s.url("/staff/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), 200, "still signed in");
    // With it, the session ends on the server: the old cookie opens nothing.
    let html = get_as(&s, "/staff", &cookie).await.text().await.unwrap();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let r = s
        .client
        .post(s.url("/staff/logout"))
        .header("cookie", &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), StatusCode::SEE_OTHER);
    // A made-up session cookie is no better.
    assert_eq!(get_as(&s, "/staff", "inferno-session=0000").await.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn roles_are_checked_on_the_server() {
    let (s, secrets) = server_with(&[("olena", "admin"), ("ivan", "editor"), ("maria", "reviewer")], &[]);
    let admin = session(&s, "olena", &secrets[0]).await;
    let editor = session(&s, "ivan", &secrets[1]).await;
    let reviewer = session(&s, "maria", &secrets[2]).await;
    for (cookie, path, want) in [
        (&admin, "/staff/audit", 200),
        (&admin, "/staff/users", 200),
        (&editor, "/staff/audit", 403),
        (&editor, "/staff/users", 403),
        (&reviewer, "/staff/users", 403),
        (&reviewer, "/staff/audit", 403),
        (&editor, "/staff", 200),
        (&editor, "/staff/no-such-page", 404),
    ] {
        let r = get_as(&s, path, cookie).await;
        assert_eq!(r.status().as_u16(), want, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store");
    }
    let html = get_as(&s, "/staff/audit?lang=en", &admin).await.text().await.unwrap();
    assert!(html.contains("The audit log is intact"), "{html}");
    assert!(html.contains("<data value=\"user_create\">"));
    let html = get_as(&s, "/staff/users?lang=uk", &admin).await.text().await.unwrap();
    assert!(html.contains("<th scope=\"row\">ivan</th><td>редактор</td>"), "{html}");
    // The menu offers only what the role may open.
    let html = get_as(&s, "/staff?lang=en", &editor).await.text().await.unwrap();
    assert!(!html.contains("/staff/audit") && !html.contains("/staff/users"));
}

#[tokio::test]
async fn disabling_an_account_ends_its_session() {
    let (s, secrets) = server_with(&[("olena", "admin"), ("ivan", "editor")], &[]);
    let cookie = session(&s, "ivan", &secrets[1]).await;
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), 200);
    let out = Command::new(BIN)
        .args(database_args(s.data_dir()))
        .args(["--data-dir", s.data_dir().to_str().unwrap(), "user", "disable", "ivan"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), StatusCode::SEE_OTHER);
    let r = login(&s, "ivan", PASSWORD, &secrets[1].code_at(now() + 30)).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sessions_expire_when_idle() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let config = dir.path().join("inferno.toml");
    std::fs::write(&config, "session_idle_secs = 2\nsession_max_secs = 3600\n").unwrap();
    let s = Server::start_with(dir, &["--config", config.to_str().unwrap()]);
    let cookie = session(&s, "olena", &secret).await;
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(3200)).await;
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), StatusCode::SEE_OTHER, "idle too long");
}

#[tokio::test]
async fn sessions_expire_with_age_even_when_used() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let config = dir.path().join("inferno.toml");
    std::fs::write(&config, "session_idle_secs = 600\nsession_max_secs = 2\n").unwrap();
    let s = Server::start_with(dir, &["--config", config.to_str().unwrap()]);
    let cookie = session(&s, "olena", &secret).await;
    for _ in 0..2 {
        assert_eq!(get_as(&s, "/staff", &cookie).await.status(), 200);
        tokio::time::sleep(Duration::from_millis(800)).await;
    }
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(get_as(&s, "/staff", &cookie).await.status(), StatusCode::SEE_OTHER, "too old");
}

#[tokio::test]
async fn secure_host_cookies_over_https() {
    let (s, _) = server_with(&[("olena", "admin")], &["--public-url", "https://inferno.example"]);
    let r = s.get("/staff/login").await;
    let cookie = &set_cookies(&r)[0];
    assert!(cookie.starts_with("__Host-inferno-login="), "{cookie}");
    assert!(cookie.contains("; Path=/; HttpOnly; SameSite=Strict; Secure"), "{cookie}");
}

#[tokio::test]
async fn the_first_account_is_asked_for() {
    let s = Server::start();
    let html = s.page("/staff/login?lang=uk").await;
    assert!(html.contains("inferno user add NAME --role admin"), "{html}");
    assert!(html.contains("<html lang=\"uk\">"));
}

#[tokio::test]
async fn admins_manage_accounts_in_the_back_office() {
    let (s, secrets) = server_with(&[("olena", "admin"), ("ivan", "editor")], &[]);
    let admin = session(&s, "olena", &secrets[0]).await;
    let editor = session(&s, "ivan", &secrets[1]).await;
    let csrf = csrf_of(&get_as(&s, "/staff/users?lang=en", &admin).await.text().await.unwrap());
    let post = |cookie: &str, path: &str, fields: Vec<(&str, &str)>| {
        s.client.post(s.url(path)).header("cookie", cookie.to_owned()).form(&fields).send()
    };

    // An editor cannot, even with a valid token of their own.
    let editor_csrf = csrf_of(&get_as(&s, "/staff?lang=en", &editor).await.text().await.unwrap());
    let r = post(
        &editor,
        "/staff/users",
        vec![("csrf", &editor_csrf), ("name", "eve"), ("role", "admin"), ("password", PASSWORD)],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Bad input keeps the name typed and creates nothing.
    let r = post(
        &admin,
        "/staff/users",
        vec![("csrf", &csrf), ("name", "maria"), ("role", "reviewer"), ("password", "short")],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("value=\"maria\""));

    // A new account, whose holder signs in with the code from the QR's URI.
    let r = post(
        &admin,
        "/staff/users",
        vec![("csrf", &csrf), ("lang", "en"), ("name", "maria"), ("role", "reviewer"), ("password", PASSWORD)],
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg"), "a QR code");
    let secret = html.split("secret=").nth(1).unwrap().split('&').next().unwrap();
    let maria = TotpSecret::from_base32(secret).unwrap();
    let maria_cookie = session(&s, "maria", &maria).await;
    assert_eq!(get_as(&s, "/staff", &maria_cookie).await.status(), 200);

    // Disabling ends the session; an admin cannot disable themselves.
    let r = post(&admin, "/staff/users/maria/disable", vec![("csrf", &csrf)]).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(get_as(&s, "/staff", &maria_cookie).await.status(), StatusCode::SEE_OTHER);
    let r = post(&admin, "/staff/users/olena/disable", vec![("csrf", &csrf), ("lang", "en")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(&admin, "/staff/users/nobody/disable", vec![("csrf", &csrf)]).await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = post(&admin, "/staff/users/maria/enable", vec![("csrf", "forged")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn changing_the_password_ends_every_session() {
    let (s, secrets) = server_with(&[("olena", "admin")], &[]);
    let first = session(&s, "olena", &secrets[0]).await;
    let csrf = csrf_of(&get_as(&s, "/staff/password?lang=en", &first).await.text().await.unwrap());
    let post = |fields: Vec<(&str, &str)>| {
        s.client.post(s.url("/staff/password")).header("cookie", first.clone()).form(&fields).send()
    };
    let r =
        post(vec![("csrf", &csrf), ("current", "not my password!"), ("new", "a brand new password")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = post(vec![("csrf", &csrf), ("current", PASSWORD), ("new", "short")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(vec![("csrf", &csrf), ("current", PASSWORD), ("new", "a brand new password")]).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(get_as(&s, "/staff", &first).await.status(), StatusCode::SEE_OTHER, "the session ended");
    let r = login(&s, "olena", "a brand new password", &secrets[0].code_at(now() + 30)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the new password works");
}
