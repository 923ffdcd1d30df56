//! Starting the real server for a test, and talking to it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_inferno");

/// A running `inferno serve` on a free port, with its own data directory.
/// The process is killed when the value is dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub data: tempfile::TempDir,
    pub client: reqwest::Client,
}

impl Server {
    /// A server on an empty data directory: it fills itself with the sample.
    pub fn start() -> Server {
        Self::start_with(tempfile::tempdir().unwrap(), &[])
    }

    pub fn start_with(data: tempfile::TempDir, extra: &[&str]) -> Server {
        Self::start_logged(data, extra, None)
    }

    /// Like [`Server::start_with`], logging at debug level into `log` when given.
    pub fn start_logged(data: tempfile::TempDir, extra: &[&str], log: Option<&Path>) -> Server {
        let mut command = Command::new(BIN);
        command
            .args(["--data-dir", data.path().to_str().unwrap(), "serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env("INFERNO_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(path) = log {
            command.env("INFERNO_LOG", "debug").stderr(std::fs::File::create(path).unwrap());
        }
        let mut child = command.spawn().expect("start inferno");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("Inferno is listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {line:?}"))
            .to_owned();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap();
        Server { child, base: addr, data, client }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GET that must answer 200; returns the body.
    pub async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    /// The server's process id, to read its memory and CPU from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory, in MiB.
    pub fn rss_mib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    }

    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }

    /// Kills the server with SIGKILL, as a crash would, and hands back its data directory.
    pub fn crash(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self.data, tempfile::tempdir().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the binary with arguments, returning its output.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("INFERNO_LOG", "warn").output().expect("run inferno")
}

/// The bundled sample data file `name` (under `data/`).
pub fn sample_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data").join(name)
}

/// Reads the sample CSV as rows of (header → value) maps, to compute what pages must show.
pub fn sample_rows(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(sample_file(name)).unwrap();
    let mut lines = parse_csv(&text).into_iter();
    let header = lines.next().unwrap();
    lines.map(|row| header.iter().cloned().zip(row).collect()).collect()
}

/// A small CSV reader for the tests' own expectations (quoted fields, CRLF),
/// independent of the server's and of Python's.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Every value of attribute `attr` in `html` (a test helper, not a parser:
/// our own markup always quotes attributes with `"`).
pub fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// The text of every element opening with `open` (e.g. `<h1`), up to `close`.
pub fn elements<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.match_indices(open)
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find('>')? + 1;
            let end = rest.find(close)?;
            Some(&rest[start..end])
        })
        .collect()
}

/// Every page type, in the given language.
pub fn page_paths(lang: &str) -> Vec<String> {
    [
        "/",
        "/sites",
        "/sites?type=penal_colony&sort=sources",
        "/sites/ru-taganrog-sizo-2",
        "/sites/ua-olenivka-ik-120",
        "/news",
        "/news/news-02",
        "/sources/src-bbc-2023-taganrog",
        "/faq",
        "/about",
        "/help",
        "/data",
        "/transfers",
        "/search?q=Taganrog",
    ]
    .iter()
    .map(|p| format!("/{lang}{p}"))
    .collect()
}
