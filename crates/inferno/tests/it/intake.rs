//! The intake vault, spoken to as a source and as staff: encrypted before it
//! touches disk, receipts, replies, limits and bad input, crashes.

use crate::staff::{PASSWORD, add_user, csrf_of, get_as, session};
use crate::support::{Server, attr_values};
use inferno_auth::TotpSecret;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A server whose data directory holds one reader (admin `olena`), with
/// settings from `config` (TOML) if given.
pub fn server(config: &str, log: Option<&Path>) -> (Server, TotpSecret, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_user(dir.path(), "olena", "admin");
    let conf_dir = tempfile::tempdir().unwrap();
    let conf = conf_dir.path().join("inferno.toml");
    std::fs::write(&conf, config).unwrap();
    let s = Server::start_logged(dir, &["--config", conf.to_str().unwrap()], log);
    (s, secret, conf_dir)
}

/// Loads a form and returns its token and the cookie that must come with it.
pub async fn form_token(s: &Server, client: &reqwest::Client, path: &str) -> (String, String) {
    let r = client.get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("inferno-form="))
        .expect("the form sets its token cookie");
    let html = r.text().await.unwrap();
    let token = attr_values(&html, "value")[0].to_owned();
    assert_eq!(token.len(), 32);
    (token, cookie)
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

/// Sends the submission form: text fields in order, then files (name, type, bytes).
pub async fn submit_with(
    s: &Server,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
    files: Vec<(String, String, Vec<u8>)>,
) -> Sent {
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

pub async fn submit(s: &Server, what: &str, files: Vec<(String, String, Vec<u8>)>) -> Sent {
    let fields = [("site", SITE), ("what", what), ("when", "spring 2023"), ("relation", "relative"), ("consent", "anonymised")];
    submit_with(s, &s.client, &fields, files).await
}

pub async fn receipt_page(s: &Server, receipt: &str) -> (StatusCode, String) {
    let r = s.client.post(s.url("/en/receipt")).form(&[("receipt", receipt)]).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
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

pub fn blobs(s: &Server) -> usize {
    std::fs::read_dir(s.data_dir().join("vault/blobs")).unwrap().count()
}

fn incoming(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("vault/incoming")).unwrap().count()
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

pub async fn post_as(s: &Server, path: &str, cookie: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    s.client.post(s.url(path)).header("cookie", cookie).form(fields).send().await.unwrap()
}

fn has(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn what_a_source_sends_never_reaches_the_disk_or_the_logs_in_clear() {
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("server.log");
    let (s, secret, _conf) = server("", Some(&log));
    // The source connects from another loopback address and a telling browser.
    let source = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .user_agent("CanaryBrowser/7.1 (ua-canary-5f1c)")
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let text_canary = "canary-text-8c2e41 they beat us at night";
    let file_canary = "canary-file-d93a77";
    let name_canary = "canary-name-51be.txt";
    let fields = [("site", SITE), ("what", text_canary), ("contact", "canary-contact-0c7d"), ("consent", "named")];
    let file = (name_canary.to_owned(), "text/plain".to_owned(), format!("{file_canary}\n").repeat(5000).into_bytes());
    let sent = submit_with(&s, &source, &fields, vec![file]).await;
    assert_eq!(sent.status, 200, "{}", sent.html);
    let receipt = sent.receipt();

    // The source comes back and answers; staff read, reply and note.
    let r = source.post(s.url("/en/receipt")).form(&[("receipt", receipt.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let form = Form::new()
        .text("receipt", receipt.clone())
        .text("message", "canary-follow-up-77aa")
        .part("files", Part::bytes(b"canary-second-file-3e3e".to_vec()).file_name("second.txt"));
    let r = source.post(s.url("/en/receipt/reply")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let cookie = session(&s, "olena", &secret).await;
    let id = queue(&s, &cookie).await.remove(0);
    let html = get_as(&s, &format!("/staff/intake/{id}?lang=en"), &cookie).await.text().await.unwrap();
    assert!(html.contains(text_canary) && html.contains("canary-follow-up-77aa"), "staff read it decrypted");
    let csrf = csrf_of(&html);
    let reply = "canary-reply-4b4b: thank you, we will check";
    let r = post_as(&s, &format!("/staff/intake/{id}/reply"), &cookie, &[("csrf", &csrf), ("text", reply)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    post_as(&s, &format!("/staff/intake/{id}/note"), &cookie, &[("csrf", &csrf), ("text", "canary-note-9f9f")]).await;
    let (_, page) = receipt_page(&s, &receipt).await;
    assert!(page.contains("canary-reply-4b4b"), "the source reads the reply");
    let data = s.crash();

    let digits: String = receipt.chars().filter(char::is_ascii_digit).collect();
    let secrets = [
        text_canary,
        file_canary,
        name_canary,
        "canary-contact-0c7d",
        "canary-follow-up-77aa",
        "canary-second-file",
        "canary-reply-4b4b",
        "canary-note-9f9f",
        "ua-canary-5f1c",
        "CanaryBrowser",
        "127.0.0.2",
        &digits,
        &receipt,
    ];
    let mut scanned = 0;
    let mut control = false;
    for path in all_files(data.path()).into_iter().chain([log.clone()]) {
        let bytes = std::fs::read(&path).unwrap();
        scanned += bytes.len();
        // A positive control: the scan does see what is stored in clear.
        control |= has(&bytes, "intake_reply");
        for secret in secrets {
            assert!(!has(&bytes, secret), "{secret:?} found in {}", path.display());
        }
    }
    let names: Vec<String> = all_files(data.path()).iter().map(|p| p.display().to_string()).collect();
    assert!(names.iter().any(|n| n.ends_with("-wal")), "the WAL was scanned too: {names:?}");
    assert!(names.iter().filter(|n| n.contains("vault/blobs")).count() >= 2, "{names:?}");
    assert!(scanned > 100_000, "the file alone is 95 KB");
    assert!(control, "the audit entry of the reply is found by the same scan");
    assert!(std::fs::metadata(&log).unwrap().len() > 0, "the server logged (at debug level)");
}
