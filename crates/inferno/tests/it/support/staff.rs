//! Accounts and signing in, as the back-office tests need them.

use super::{BIN, Server, database_args};
use inferno_auth::TotpSecret;
use reqwest::StatusCode;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

pub const PASSWORD: &str = "a long enough password";

/// Creates an account with the CLI and returns its TOTP secret (from the URI it prints).
pub fn add_user(data: &std::path::Path, name: &str, role: &str) -> TotpSecret {
    add_user_on(&database_args(data), data, name, role)
}

/// [`add_user`], in the database `database` names (`--database-url URL`).
pub fn add_user_on(database: &[String], data: &std::path::Path, name: &str, role: &str) -> TotpSecret {
    let mut child = Command::new(BIN)
        .args(database)
        .args(["--data-dir", data.to_str().unwrap(), "user", "add", name, "--role", role])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let uri = text.lines().find(|l| l.starts_with("otpauth://")).unwrap();
    let secret = uri.split("secret=").nth(1).unwrap().split('&').next().unwrap();
    TotpSecret::from_base32(secret).unwrap()
}

/// The anti-forgery token of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned()
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// A server whose data directory already holds the given accounts.
pub fn server_with(users: &[(&str, &str)], extra: &[&str]) -> (Server, Vec<TotpSecret>) {
    let dir = tempfile::tempdir().unwrap();
    let secrets = users.iter().map(|(n, r)| add_user(dir.path(), n, r)).collect();
    (Server::start_with(dir, extra), secrets)
}

/// The `name=value` pairs a response sets, and the raw Set-Cookie lines.
pub fn set_cookies(r: &reqwest::Response) -> Vec<String> {
    r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect()
}

pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

/// Loads the sign-in form: (anti-forgery token, its cookie).
pub async fn login_form(s: &Server) -> (String, String) {
    let r = s.get("/staff/login?lang=en").await;
    let cookie = cookie_pair(&set_cookies(&r)[0]);
    let html = r.text().await.unwrap();
    let csrf = html.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    (csrf, cookie)
}

pub async fn login(s: &Server, name: &str, password: &str, code: &str) -> reqwest::Response {
    let (csrf, cookie) = login_form(s).await;
    s.client
        .post(s.url("/staff/login"))
        .header("cookie", cookie)
        .form(&[("name", name), ("password", password), ("code", code), ("csrf", &csrf), ("lang", "en")])
        .send()
        .await
        .unwrap()
}

/// Signs in and returns the session cookie pair.
pub async fn session(s: &Server, name: &str, secret: &TotpSecret) -> String {
    let r = login(s, name, PASSWORD, &secret.code_at(now())).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let session = set_cookies(&r).into_iter().find(|c| c.contains("-session=")).expect("a session cookie");
    cookie_pair(&session)
}

/// POSTs a form as the staff member whose session cookie is `cookie`.
pub async fn post_as(s: &Server, path: &str, cookie: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    s.client.post(s.url(path)).header("cookie", cookie).form(fields).send().await.unwrap()
}

pub async fn get_as(s: &Server, path: &str, cookie: &str) -> reqwest::Response {
    s.client.get(s.url(path)).header("cookie", cookie).send().await.unwrap()
}

/// Saves [`NEW_SITE`] as `cookie`'s new site (`ru-test-colony`), which must be taken.
pub async fn create_new_site(s: &Server, cookie: &str) {
    let csrf = csrf_of(&get_as(s, "/staff/sites/new?lang=en", cookie).await.text().await.unwrap());
    let mut site: Vec<(&str, &str)> = NEW_SITE.to_vec();
    site.extend([("csrf", csrf.as_str()), ("lang", "en")]);
    let r = post_as(s, "/staff/sites/new", cookie, &site).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
}

pub const NEW_SITE: &[(&str, &str)] = &[
    ("id", "ru-test-colony"),
    ("name_uk", "Тестова колонія"),
    ("name_en", "Test colony"),
    ("facility_type", "penal_colony"),
    ("status", "in_use"),
    ("settlement_uk", "Тест"),
    ("settlement", "Test"),
    ("region_uk", "Тестова область"),
    ("region", "Test Oblast"),
    ("country", "RU"),
    ("occupied_territory", "false"),
    ("lat", "52.5"),
    ("lon", "41.0"),
    ("coord_precision", "settlement"),
    ("operator", "FSIN"),
    ("reported_from", "2023-01"),
    ("reported_to", ""),
    ("notes_uk", "Огляд **українською**."),
    ("notes", "An overview <script>alert(1)</script> in **English**."),
    ("source_urls", "https://example.org/report"),
];
