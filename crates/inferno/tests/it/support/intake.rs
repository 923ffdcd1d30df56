//! Sending as a source and reading the queue, as the intake tests need them.

use super::staff::{add_user, get_as};
use super::{Server, attr_values};
use inferno_auth::TotpSecret;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use std::path::Path;

/// A server whose data directory holds one reader (admin `olena`), with
/// settings from `config` (TOML): in the test's process, or, when the test
/// reads its log, as a process of its own logging into `log`.
pub fn server(config: &str, log: Option<&Path>) -> (Server, TotpSecret, tempfile::TempDir) {
    started(config, |dir, args| match log {
        Some(_) => Server::start_logged(dir, args, log),
        None => Server::start_with(dir, args),
    })
}

/// Like [`server`], as a process of its own: for a test that reads its
/// memory or kills it.
pub fn server_process(config: &str) -> (Server, TotpSecret, tempfile::TempDir) {
    started(config, Server::process)
}

fn started(
    config: &str,
    start: impl FnOnce(tempfile::TempDir, &[&str]) -> Server,
) -> (Server, TotpSecret, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let conf_dir = tempfile::tempdir().unwrap();
    let conf = conf_dir.path().join("inferno.toml");
    std::fs::write(&conf, config).unwrap();
    let s = start(dir, &["--config", conf.to_str().unwrap()]);
    (s, secret, conf_dir)
}

/// Loads a form and returns its token and the cookie that must come with it.
pub async fn form_token(s: &Server, client: &reqwest::Client, path: &str) -> (String, String) {
    let r = client.get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cookie = cookie_set(&r, "inferno-form=").expect("the form sets its token cookie");
    let html = r.text().await.unwrap();
    // The closed form has no token: it cannot be sent.
    let token = html.split("name=\"token\" value=\"").nth(1).map_or("", |t| t.split('"').next().unwrap()).to_owned();
    (token, cookie)
}

/// The `name=value` of the cookie a response sets whose pair starts with `prefix`.
pub fn cookie_set(r: &reqwest::Response, prefix: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with(prefix))
}

pub struct Sent {
    pub status: StatusCode,
    pub html: String,
}

impl Sent {
    pub fn receipt(&self) -> String {
        let r = self.html.split("<p class=\"receipt\"").nth(1).expect("a receipt is shown");
        let digits: String = r.split("<strong>").nth(1).unwrap().split("</strong>").next().unwrap().to_owned();
        assert_eq!(digits.len(), 19, "16 digits in four groups: {digits}");
        digits
    }
}

/// A file to send: name, declared type, bytes.
pub type File = (String, String, Vec<u8>);

/// Sends the submission form: text fields in order, then files.
pub async fn submit_with(s: &Server, client: &reqwest::Client, fields: &[(&str, &str)], files: Vec<File>) -> Sent {
    let (token, cookie) = form_token(s, client, "/en/submit").await;
    let mut form = Form::new().text("token", token);
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, mime, bytes) in files {
        form = form.part("files", Part::bytes(bytes).file_name(name).mime_str(&mime).unwrap());
    }
    let r = client.post(s.url("/en/submit")).header("cookie", cookie).multipart(form).send().await.unwrap();
    Sent { status: r.status(), html: r.text().await.unwrap() }
}

pub const SITE: &str = "ru-taganrog-sizo-2";

/// The answers [`submit`] sends, with `what` as what happened.
fn answers(what: &str) -> [(&'static str, &str); 5] {
    [("site", SITE), ("what", what), ("when", "spring 2023"), ("relation", "relative"), ("consent", "anonymised")]
}

pub async fn submit(s: &Server, what: &str, files: Vec<File>) -> Sent {
    submit_with(s, &s.client, &answers(what), files).await
}

/// The form [`submit`] sends, under a token got elsewhere (another server,
/// or before the server stopped answering), to post by hand.
pub fn submission_form(token: String, what: &str) -> Form {
    answers(what).into_iter().fold(Form::new().text("token", token), |f, (k, v)| f.text(k, v.to_owned()))
}

/// Checks a receipt the way the receipt page does: with the page's form token.
pub async fn receipt_page(s: &Server, receipt: &str) -> (StatusCode, String) {
    check_receipt(s, &s.client, receipt).await
}

pub async fn check_receipt(s: &Server, client: &reqwest::Client, receipt: &str) -> (StatusCode, String) {
    let (token, cookie) = form_token(s, client, "/en/receipt").await;
    let r = client
        .post(s.url("/en/receipt"))
        .header("cookie", cookie)
        .form(&[("token", token.as_str()), ("receipt", receipt)])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

/// A follow-up form from the receipt page: its token first, then the receipt,
/// and the cookie that must come with it.
pub async fn reply_form(s: &Server, client: &reqwest::Client, receipt: &str) -> (Form, String) {
    let (token, cookie) = form_token(s, client, "/en/receipt").await;
    (Form::new().text("token", token).text("receipt", receipt.to_owned()), cookie)
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Counts blobs: those a row names (kept: in the inbox, or sealed in a
/// pack), or those in the inbox no row names (left by a crash before a sweep).
async fn count_blobs(dir: &Path, named: bool) -> usize {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("vault.sqlite3"));
    let mut c = sqlx::SqliteConnection::connect_with(&options).await.unwrap();
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT blob FROM intake_blob_extents").fetch_all(&mut c).await.unwrap();
    let waiting: Vec<String> = sqlx::query_scalar("SELECT blob FROM intake_files").fetch_all(&mut c).await.unwrap();
    c.close().await.unwrap();
    // The records' database may be another backend's: the names are compared here.
    let records = super::Database::of(dir).await;
    let mut names: std::collections::HashSet<String> =
        records.strings("SELECT blob FROM intake_files").await.into_iter().collect();
    let sealed = records.strings("SELECT blob FROM intake_sealed_blobs").await;
    records.close().await;
    names.extend(waiting);
    let in_inbox = stored.iter().filter(|b| names.contains(*b) == named).count();
    if named { in_inbox + sealed.iter().filter(|b| names.contains(*b)).count() } else { in_inbox }
}

/// Files kept: blobs a row names.
pub async fn blobs(s: &Server) -> usize {
    count_blobs(s.data_dir(), true).await
}

/// MiB of the inbox's slab that no row places: what uploads in flight have
/// written, or what an upload that never finished left (rounded down).
pub async fn incoming(dir: &Path) -> u64 {
    use sqlx::Connection;
    use std::os::unix::fs::MetadataExt;
    let allocated = std::fs::metadata(dir.join("inbox.blobs")).map(|m| m.blocks() * 512).unwrap_or(0);
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("vault.sqlite3"));
    let mut c = sqlx::SqliteConnection::connect_with(&options).await.unwrap();
    let placed: i64 =
        sqlx::query_scalar("SELECT coalesce(sum((length + 4095) / 4096 * 4096), 0) FROM intake_blob_extents")
            .fetch_one(&mut c)
            .await
            .unwrap();
    c.close().await.unwrap();
    assert_eq!(count_blobs(dir, false).await, 0, "every placed blob is named by a row");
    allocated.saturating_sub(placed as u64) / (1024 * 1024)
}

/// The queue's ids, as staff see them.
pub async fn queue(s: &Server, cookie: &str) -> Vec<String> {
    let html = get_as(s, "/staff/intake?lang=en", cookie).await.text().await.unwrap();
    attr_values(&html, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix("/staff/intake/"))
        .map(|h| h.split('?').next().unwrap().to_owned())
        .collect()
}

pub fn has(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// A JPEG whose EXIF holds a GPS position (the vault's own tests build the same).
pub fn jpeg_with_gps() -> Vec<u8> {
    fn seg(marker: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(body);
        v
    }
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
    exif.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    exif.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0, 0, 0, 0, 0]);
    let mut j = vec![0xFF, 0xD8];
    j.extend(seg(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    j.extend(seg(0xE1, &exif));
    j.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    j.extend(seg(0xDA, &[1, 1, 0, 0, 0x3f, 0]));
    j.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
    j
}
