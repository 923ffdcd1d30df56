//! Headless Chromium (Debian's chromium and chromium-driver) for the
//! browser tests: a driver process killed whole with its test, a session
//! with JavaScript on or off, and the few steps every journey takes.

use super::Server;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A chromedriver process on a free port, in a process group of its own,
/// which is killed whole on drop: Chromium and every process it starts, also
/// when a test fails before closing its session (killing chromedriver alone
/// left a headless Chromium and its children running after the suite).
pub struct Driver {
    child: Child,
    url: String,
    /// Chromium's profile folder, removed with the driver.
    pub profile: tempfile::TempDir,
    /// The driver's and Chromium's temporary folder (their `TMPDIR`),
    /// removed with the driver: Chromium leaves folders of its own there
    /// (`org.chromium.Chromium.*`), which would otherwise stay in `/tmp`.
    _scratch: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn chromedriver() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

pub async fn browser(javascript: bool) -> (Driver, Client) {
    browser_with(javascript, None).await
}

/// A browser that saves downloads into `downloads`, if given.
pub async fn browser_with(javascript: bool, downloads: Option<&std::path::Path>) -> (Driver, Client) {
    let prefs = downloads.map(|dir| {
        serde_json::json!({
            "download.default_directory": dir.display().to_string(),
            "download.prompt_for_download": false,
        })
    });
    start(javascript, prefs).await
}

/// A browser with these Chromium preferences (cookies blocked, say).
pub async fn browser_with_prefs(javascript: bool, prefs: serde_json::Value) -> (Driver, Client) {
    start(javascript, Some(prefs)).await
}

async fn start(javascript: bool, prefs: Option<serde_json::Value>) -> (Driver, Client) {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let scratch = tempfile::tempdir().unwrap();
    let child = Command::new(chromedriver())
        .arg(format!("--port={port}"))
        .env("TMPDIR", scratch.path())
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {} ({e}): install Debian's chromium and chromium-driver (scripts/test does)",
                chromedriver()
            )
        });
    let profile = tempfile::tempdir().unwrap();
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}"), profile, _scratch: scratch };
    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--window-size=1280,1000".into(),
        format!("--user-data-dir={}", driver.profile.path().display()),
    ];
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".into());
    }
    let mut caps = serde_json::Map::new();
    let mut opts = serde_json::json!({ "args": args });
    if let Some(prefs) = prefs {
        opts["prefs"] = prefs;
    }
    if let Ok(bin) = std::env::var("CHROMIUM") {
        opts["binary"] = bin.into();
    }
    caps.insert("goog:chromeOptions".into(), opts);
    let deadline = Instant::now() + Duration::from_secs(20);
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector).capabilities(caps.clone()).connect(&driver.url).await {
            Ok(c) => break c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a Chromium session: {e}"),
        }
    };
    (driver, client)
}

pub async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

/// The text of `css` once it appears (after a navigation), retried while the
/// page it was found on is being replaced.
pub async fn text_when(c: &Client, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await;
        match found {
            Ok(e) => match e.text().await {
                Ok(t) => return t,
                Err(_) if Instant::now() < deadline => continue,
                Err(e) => panic!("{css}: {e}"),
            },
            Err(e) => panic!("{css}: {e}"),
        }
    }
}

pub async fn wait_for_url(c: &Client, suffix: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = c.current_url().await.unwrap();
        if url.as_str().ends_with(suffix) {
            return;
        }
        assert!(Instant::now() < deadline, "still at {url}, expected …{suffix}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Signs in through the form, with a code computed now.
pub async fn sign_in(c: &Client, s: &Server, name: &str, secret: &inferno_auth::TotpSecret) {
    c.goto(&s.url("/staff/login?lang=en")).await.unwrap();
    c.find(Locator::Css("#name")).await.unwrap().send_keys(name).await.unwrap();
    c.find(Locator::Css("#password")).await.unwrap().send_keys(crate::support::staff::PASSWORD).await.unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    c.find(Locator::Css("#code")).await.unwrap().send_keys(&secret.code_at(now)).await.unwrap();
    c.find(Locator::Css("form.login button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for_url(c, "/staff?lang=en").await;
}
