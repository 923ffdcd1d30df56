//! PostgreSQL databases for tests: each test that runs on PostgreSQL makes a
//! database of its own on the server `INFERNO_TEST_DATABASE_URL` names, and
//! it is dropped when the test is done. Without the variable, tests run on
//! SQLite alone, so the test command passes on a machine with no PostgreSQL.
//!
//! Not for production use: it creates and drops databases.

use sqlx::Connection;
use sqlx::postgres::PgConnection;
use std::sync::atomic::{AtomicU32, Ordering};

/// The variable that names a PostgreSQL server for tests (trust or password
/// auth; the user must be allowed to create databases).
pub const TEST_DATABASE_URL: &str = "INFERNO_TEST_DATABASE_URL";

/// Test databases are named with this, the test process's id and a number,
/// so that one left by a test process that died is known and dropped.
const PREFIX: &str = "inferno_test_";

/// The PostgreSQL server for tests, when one is given.
pub fn server_url() -> Option<String> {
    std::env::var(TEST_DATABASE_URL).ok().filter(|v| !v.trim().is_empty())
}

/// A database made for one test, dropped (with whatever connects to it) when
/// the value is dropped.
#[derive(Debug)]
pub struct TestDatabase {
    /// Its URL, for `--database-url` or [`crate::PgStore::connect`].
    pub url: String,
    server: String,
    name: String,
}

impl TestDatabase {
    /// Makes an empty database on the server `server` names. Panics when the
    /// server cannot be reached: a test asked for it.
    pub async fn create(server: &str) -> TestDatabase {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let mut admin = PgConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("{TEST_DATABASE_URL} names a server that does not answer: {e}"));
        reap(&mut admin).await;
        let name = format!("{PREFIX}{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
        let _ = admin.close().await;
        TestDatabase { url: with_database(server, &name), server: server.to_owned(), name }
    }

    /// The database's name on its server.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// [`TestDatabase::create`], for code that is not async.
    pub fn create_blocking(server: &str) -> TestDatabase {
        let server = server.to_owned();
        on_own_runtime(async move { TestDatabase::create(&server).await })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (server, name) = (self.server.clone(), self.name.clone());
        on_own_runtime(async move {
            if let Ok(mut admin) = PgConnection::connect(&server).await {
                drop_database(&mut admin, &name).await;
            }
        });
    }
}

/// Runs `work` to its end on a runtime of its own, on a thread of its own, so
/// that it can be called from inside another runtime (a drop in a test).
fn on_own_runtime<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime").block_on(work)
    })
    .join()
    .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

async fn drop_database(admin: &mut PgConnection, name: &str) {
    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(admin).await {
        eprintln!("could not drop the test database {name}: {e}");
    }
}

/// Drops the test databases whose process is gone (killed before its drops
/// ran): a test run leaves none behind for long.
async fn reap(admin: &mut PgConnection) {
    let names: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'inferno\\_test\\_%'")
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    for name in names {
        let pid = name.strip_prefix(PREFIX).and_then(|rest| rest.split('_').next()).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !std::path::Path::new(&format!("/proc/{pid}")).exists()) {
            drop_database(admin, &name).await;
        }
    }
}

/// `server` with its database part replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').map_or((server, None), |(b, q)| (b, Some(q)));
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_part_of_a_url_is_replaced() {
        let cases = [
            ("postgres://postgres@127.0.0.1:5432", "postgres://postgres@127.0.0.1:5432/x"),
            ("postgres://u:p@h/db", "postgres://u:p@h/x"),
            ("postgresql://h:1/db?sslmode=disable", "postgresql://h:1/x?sslmode=disable"),
        ];
        for (server, want) in cases {
            assert_eq!(super::with_database(server, "x"), want);
        }
    }
}
