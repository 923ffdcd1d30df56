//! What the tests share, in one place: starting the real server (in the
//! test's process, or as a process of its own) and talking to it (here), accounts and signing in (`staff`), sending as a source
//! (`intake`), clients from many addresses (`clients`) and the HTML checker
//! (`html`). A test module holds tests only.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

pub mod browser;
pub mod clients;
pub mod garage;
pub mod html;
pub mod intake;
pub mod staff;

pub const BIN: &str = env!("CARGO_BIN_EXE_inferno");

/// A running server on a free port, with its own data directory: in the
/// test's process ([`inferno::serve_in_process`], on a thread and runtime of
/// its own) unless the test needs a process of its own to watch, kill or
/// read the log of ([`Server::process`], [`Server::start_logged`]). Either
/// stops when the value is dropped.
pub struct Server {
    runner: Runner,
    pub base: String,
    pub data: tempfile::TempDir,
    pub client: reqwest::Client,
}

/// Where a test's server runs.
enum Runner {
    InProcess { stop: Option<tokio::sync::oneshot::Sender<()>>, thread: Option<std::thread::JoinHandle<()>> },
    Process(Child),
}

impl Server {
    /// A server on an empty data directory: it fills itself with the sample.
    pub fn start() -> Server {
        Self::start_with(tempfile::tempdir().unwrap(), &[])
    }

    /// A server on `data`, with `extra` arguments to `serve`.
    pub fn start_with(data: tempfile::TempDir, extra: &[&str]) -> Server {
        let database = database_args(data.path());
        Self::in_process(data, &database, extra)
    }

    /// A server on `data` and the database `url`, whichever backend the
    /// tests run on, with `extra` arguments to `serve`.
    pub fn start_on(data: tempfile::TempDir, url: &str, extra: &[&str]) -> Server {
        Self::in_process(data, &["--database-url".into(), url.into()], extra)
    }

    /// `inferno serve` as a process of its own, for a test that reads its
    /// memory or kills it.
    pub fn process(data: tempfile::TempDir, extra: &[&str]) -> Server {
        Self::start_logged(data, extra, None)
    }

    /// `inferno serve` as a process of its own on the database `url`, with
    /// `env` set for it (an object store's `AWS_*`).
    pub fn process_on(data: tempfile::TempDir, url: &str, extra: &[&str], env: &[(String, String)]) -> Server {
        Self::spawn_with(data, &["--database-url".into(), url.into()], extra, None, env)
    }

    /// Like [`Server::process`], logging at debug level into `log` when given.
    pub fn start_logged(data: tempfile::TempDir, extra: &[&str], log: Option<&Path>) -> Server {
        let database = database_args(data.path());
        Self::spawn(data, &database, extra, log)
    }

    fn serve_args(data: &Path, database: &[String], extra: &[&str]) -> Vec<String> {
        let mut args = database.to_vec();
        args.extend(["--data-dir", data.to_str().unwrap(), "serve", "--listen", "127.0.0.1:0"].map(String::from));
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    }

    fn in_process(data: tempfile::TempDir, database: &[String], extra: &[&str]) -> Server {
        let args = Self::serve_args(data.path(), database, extra);
        let (bound, address) = std::sync::mpsc::channel::<Result<std::net::SocketAddr, String>>();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let tell = bound.clone();
            let served = runtime.block_on(async {
                tokio::select! {
                    r = inferno::serve_in_process(&args, move |addr| { let _ = tell.send(Ok(addr)); }, std::future::pending()) => r,
                    _ = stopped => Ok(()),
                }
            });
            if let Err(e) = served {
                let _ = bound.send(Err(format!("{e:#}")));
            }
            // The tasks still running (connections, the watch) end here, and
            // with them the last handles on the database.
            runtime.shutdown_timeout(Duration::from_secs(5));
        });
        let addr = address
            .recv()
            .unwrap_or_else(|_| panic!("the server's thread ended before it listened"))
            .unwrap_or_else(|e| panic!("cannot start the server: {e}"));
        let runner = Runner::InProcess { stop: Some(stop), thread: Some(thread) };
        Server { runner, base: format!("http://{addr}"), data, client: Self::client() }
    }

    fn spawn(data: tempfile::TempDir, database: &[String], extra: &[&str], log: Option<&Path>) -> Server {
        Self::spawn_with(data, database, extra, log, &[])
    }

    fn spawn_with(
        data: tempfile::TempDir,
        database: &[String],
        extra: &[&str],
        log: Option<&Path>,
        env: &[(String, String)],
    ) -> Server {
        let mut command = Command::new(BIN);
        command
            .args(Self::serve_args(data.path(), database, extra))
            .envs(env.iter().map(|(k, v)| (k, v)))
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
        Server { runner: Runner::Process(child), base: addr, data, client: Self::client() }
    }

    fn client() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .unwrap()
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
        match &self.runner {
            Runner::Process(child) => child.id(),
            Runner::InProcess { .. } => {
                panic!("a server in the test's process has no process of its own: use Server::process")
            }
        }
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

    /// Stops the server and hands back its data directory.
    pub fn stop(mut self) -> tempfile::TempDir {
        self.halt();
        std::mem::replace(&mut self.data, tempfile::tempdir().unwrap())
    }

    /// Kills the server's process with SIGKILL, as a crash would, and hands
    /// back its data directory.
    pub fn crash(self) -> tempfile::TempDir {
        assert!(
            matches!(self.runner, Runner::Process(_)),
            "only a server's own process can crash: use Server::process"
        );
        self.stop()
    }

    fn halt(&mut self) {
        match &mut self.runner {
            Runner::Process(child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Runner::InProcess { stop, thread } => {
                if let Some(stop) = stop.take() {
                    let _ = stop.send(());
                }
                if let Some(thread) = thread.take() {
                    let _ = thread.join();
                }
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

/// Runs the binary with arguments, returning its output. A command given a
/// data directory (and no database of its own) runs on that directory's
/// database, on the backend the tests run on (see [`database_args`]).
pub fn run(args: &[&str]) -> Output {
    run_with(args, &[])
}

/// [`run`], with `env` set for the command (an object store's `AWS_*`).
pub fn run_with(args: &[&str], env: &[(String, String)]) -> Output {
    let given = |flag: &str| args.iter().position(|a| *a == flag);
    let database = match (given("--data-dir"), given("--database-url"), given("--config")) {
        (Some(i), None, None) => args.get(i + 1).map(|dir| database_args(Path::new(dir))).unwrap_or_default(),
        _ => Vec::new(),
    };
    Command::new(BIN)
        .args(database)
        .args(args)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("INFERNO_LOG", "warn")
        .output()
        .expect("run inferno")
}

/// True when the tests run on PostgreSQL (`INFERNO_TEST_DATABASE_URL`).
pub fn on_postgres() -> bool {
    inferno_storage::testing::server_url().is_some()
}

/// Says why a test that looks into SQLite's files is not run on PostgreSQL,
/// and returns true then: the SQLite run covers it.
pub fn sqlite_only(what: &str) -> bool {
    let skip = on_postgres();
    if skip {
        eprintln!("on SQLite only: {what}");
    }
    skip
}

/// The PostgreSQL database of each data directory a test used, made on first
/// use. They outlive the test's values (a server restarted on the same
/// directory finds its records); a database whose test process has ended is
/// dropped by the next test that makes one (`inferno_storage::testing`),
/// and `.ci/run` drops what the last tests left.
static DATABASES: std::sync::Mutex<Vec<(PathBuf, inferno_storage::testing::TestDatabase)>> =
    std::sync::Mutex::new(Vec::new());

/// The database of the data directory `dir`, opened as someone with access
/// to it would, on whichever backend it is.
pub enum Database {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Database {
    pub async fn of(dir: &Path) -> Database {
        let url = DATABASES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .find(|(d, _)| d == dir)
            .map(|(_, db)| db.url.clone());
        match url {
            Some(url) => Database::Postgres(sqlx::PgPool::connect(&url).await.unwrap()),
            None => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("inferno.sqlite3"));
                Database::Sqlite(sqlx::SqlitePool::connect_with(options).await.unwrap())
            }
        }
    }

    /// Runs a statement written in the SQL both backends read.
    pub async fn execute(&self, sql: &str) {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Database::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
            Database::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        }
        .unwrap_or_else(|e| panic!("{e}"));
    }

    /// A count, with `$1` bound to `arg`.
    pub async fn count(&self, sql: &str, arg: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Database::Sqlite(pool) => sqlx::query_scalar(sql).bind(arg).fetch_one(pool).await,
            Database::Postgres(pool) => sqlx::query_scalar(sql).bind(arg).fetch_one(pool).await,
        }
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every value of a column of text.
    pub async fn strings(&self, sql: &str) -> Vec<String> {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match self {
            Database::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            Database::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .unwrap_or_else(|e| panic!("{e}"))
    }

    pub async fn close(self) {
        match self {
            Database::Sqlite(pool) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }
}

/// A count the statement `sql` (with `$1` bound to `arg`) reads from the
/// database of the data directory `dir`.
pub async fn count(dir: &Path, sql: &str, arg: &str) -> i64 {
    let db = Database::of(dir).await;
    let n = db.count(sql, arg).await;
    db.close().await;
    n
}

/// `--database-url` for the data directory `dir` when the tests run on
/// PostgreSQL; nothing on SQLite (the database is the directory's file).
pub fn database_args(dir: &Path) -> Vec<String> {
    let Some(server) = inferno_storage::testing::server_url() else { return Vec::new() };
    let dir = dir.to_owned();
    let mut databases = DATABASES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let url = match databases.iter().find(|(d, _)| *d == dir) {
        Some((_, database)) => database.url.clone(),
        None => {
            let database = inferno_storage::testing::TestDatabase::create_blocking(&server);
            let url = database.url.clone();
            databases.push((dir, database));
            url
        }
    };
    vec!["--database-url".into(), url]
}

/// The database of the data directory `dir`, as a URL another node is
/// given: its PostgreSQL database, or its SQLite file.
pub fn database_of(dir: &Path) -> String {
    database_args(dir).pop().unwrap_or_else(|| format!("sqlite://{}", dir.join("inferno.sqlite3").display()))
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
        "/sources",
        "/testimonies",
        "/sites?type=military_unit",
    ]
    .iter()
    .map(|p| format!("/{lang}{p}"))
    .collect()
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Where the catalog database of data directory `dir` holds `text`: on
/// SQLite, which of its files (database and write-ahead log, read as bytes,
/// stale pages included); on PostgreSQL, which of its tables (every row,
/// read as text). Empty when it is nowhere.
pub async fn canary_in_catalog(dir: &Path, text: &str) -> Vec<String> {
    match Database::of(dir).await {
        Database::Sqlite(pool) => {
            pool.close().await;
            ["inferno.sqlite3", "inferno.sqlite3-wal"]
                .into_iter()
                .filter(|f| std::fs::read(dir.join(f)).is_ok_and(|bytes| contains(&bytes, text)))
                .map(str::to_owned)
                .collect()
        }
        db @ Database::Postgres(_) => {
            let tables = db
                .strings("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'")
                .await;
            let mut found = Vec::new();
            for t in tables {
                let sql = format!("SELECT count(*) FROM \"{t}\" AS r WHERE strpos(r::text, $1) > 0");
                if db.count(&sql, text).await > 0 {
                    found.push(t);
                }
            }
            db.close().await;
            found
        }
    }
}

/// Imports `n` more sources, each with a finding at `site` and a testimony
/// held there, into a running server's data directory.
pub fn import_many_sources(s: &Server, site: &str, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut sources = String::from(
        "id,kind,title,publisher,published_on,url,language,reliability,credibility,independence_group,notes,notes_uk\n",
    );
    let mut findings = String::from("source_id,site_id,abuse_types,period_from,period_to,note,note_uk\n");
    let mut testimonies = String::from("id,source_id,witness_role,summary_en,abuse_types,stays,summary_uk\n");
    for i in 1..=n {
        sources.push_str(&format!(
            "src-many-{i:03},media,Report {i},Outlet {i},2024-01-01,https://example.org/r{i},en,C,3,many-{i},,\n"
        ));
        findings.push_str(&format!("src-many-{i:03},{site},beating,,,Note {i}.,Примітка {i}.\n"));
        testimonies.push_str(&format!(
            "t-many-{i:03},src-many-{i:03},former_prisoner,Held there {i}.,beating,{site}@..,Утримували {i}.\n"
        ));
    }
    for (kind, text) in [("sources", sources), ("findings", findings), ("testimonies", testimonies)] {
        let path = dir.path().join(format!("{kind}.csv"));
        std::fs::write(&path, text).unwrap();
        let out = run(&["--data-dir", s.data_dir().to_str().unwrap(), "import", kind, path.to_str().unwrap()]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The addresses a sitemap lists.
pub fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>").skip(1).map(|s| s[..s.find("</loc>").unwrap()].replace("&amp;", "&")).collect()
}

/// Runs `inferno export-static` into `out` for `s`'s data, from an empty
/// folder that must stay empty; returns what it printed.
pub fn export(s: &Server, out: &Path, extra: &[&str]) -> String {
    // Run from an empty folder, which must stay empty: the export writes
    // nothing but the mirror (it once made `inferno-data/` where it ran).
    let cwd = tempfile::tempdir().unwrap();
    let done = std::process::Command::new(BIN)
        .args(database_args(s.data_dir()))
        .args(["--data-dir", s.data_dir().to_str().unwrap(), "export-static", out.to_str().unwrap()])
        .args(["--public-url", &s.base])
        .args(extra)
        .current_dir(cwd.path())
        .env("INFERNO_LOG", "warn")
        .output()
        .unwrap();
    assert!(done.status.success(), "export-static failed: {}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0, "export-static wrote beside the mirror");
    String::from_utf8(done.stdout).unwrap()
}

/// Every file under `dir`, as paths relative to it with `/` between folders.
pub fn files_under(dir: &Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    out
}
