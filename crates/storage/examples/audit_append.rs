//! The cost of one audit append against the size of the log (security review
//! F2). Run by `bench/audit.sh`; see bench/README.md.
//!
//!     audit_append [SIZE…]        # default: 1000 100000 1000000
//!
//! For each size, in a fresh data directory (under `$BENCH_DIR`, or the system's
//! temporary directory):
//!
//! 1. fills the log with SIZE valid entries in bulk — multi-row INSERTs through
//!    `SqliteStore::pool()`, the frontier computed with `inferno_audit::Frontier`
//!    and stored, and one checkpoint signed with the store's own key at the end —
//!    because filling a million entries through the real path (one transaction,
//!    one fsync and one signature each) would take hours, not because that path
//!    is skipped where it counts: every append measured below is real;
//! 2. times `$APPENDS` (200) appends through `Store::record`, each its own
//!    `BEGIN IMMEDIATE` transaction committed with `synchronous = FULL`, and
//!    prints the median, 90th percentile and extremes;
//! 3. times what the append before the frontier added to each of these: reading
//!    every entry inside a write transaction and recomputing the root from them
//!    (`merkle::root` over every leaf) — the old code's very query and
//!    computation, timed alone and rolled back, `$OLD_RUNS` (5) times; the old
//!    append cost about this plus the append of step 2;
//! 4. deletes the frontier row, as in a log written by the release before it,
//!    and times the one append that rebuilds it from the entries;
//! 5. checks that the latest checkpoint signs `merkle::root` of every entry,
//!    recomputed from the entries, and up to `$VERIFY_MAX` (1000) entries runs
//!    `inferno_audit::verify` over the whole log, as `inferno audit verify` does.

use inferno_audit::{Checkpoint, Entry, Frontier, SigningKey, merkle};
use inferno_storage::prelude::*;
use inferno_storage::{AUDIT_KEY_FILE, AUDIT_ORIGIN, AuditEvent, SqliteStore, load_or_create_secret};
use sqlx::Row;
use std::time::{Duration, Instant};

/// Rows per INSERT statement: 7 values each, well under SQLite's 32,766 parameters.
const ROWS_PER_INSERT: usize = 500;
/// Rows per transaction while filling.
const ROWS_PER_TX: usize = 50_000;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// An entry like those a flood of throttled sign-ins leaves (F2), within today's bounds.
fn entry(seq: u64, time: i64) -> Entry {
    Entry {
        seq,
        time,
        actor: format!("guess{}", seq % 1000),
        action: "login_failed".into(),
        target: format!("user/guess{}", seq % 1000),
        detail: "throttled".into(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Step 1: SIZE entries, their frontier and one signed checkpoint.
async fn fill(store: &SqliteStore, key: &SigningKey, size: u64) -> Result<(), Box<dyn std::error::Error>> {
    let time = now();
    let mut frontier = Frontier::new();
    let mut seq = 0u64;
    while seq < size {
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        let tx_end = size.min(seq + ROWS_PER_TX as u64);
        while seq < tx_end {
            let rows = (tx_end - seq).min(ROWS_PER_INSERT as u64) as usize;
            // Only placeholders are built here: every value is bound.
            let sql = format!(
                "INSERT INTO audit_entries (seq, time, actor, action, target, detail, leaf_hash) VALUES {}",
                vec!["(?, ?, ?, ?, ?, ?, ?)"; rows].join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for _ in 0..rows {
                seq += 1;
                let e = entry(seq, time);
                let leaf = e.leaf_hash();
                frontier.push(leaf);
                query = query
                    .bind(e.seq as i64)
                    .bind(e.time)
                    .bind(e.actor)
                    .bind(e.action)
                    .bind(e.target)
                    .bind(e.detail)
                    .bind(hex::encode(leaf));
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query("INSERT INTO audit_frontier (id, size, frontier) VALUES (1, ?, ?)")
        .bind(frontier.size() as i64)
        .bind(frontier.to_bytes())
        .execute(&mut *tx)
        .await?;
    if size > 0 {
        let signed = Checkpoint { origin: AUDIT_ORIGIN.into(), size, root: frontier.root(), time }.sign(key);
        sqlx::query("INSERT INTO audit_checkpoints (size, origin, root, time, signature) VALUES (?, ?, ?, ?, ?)")
            .bind(size as i64)
            .bind(&signed.checkpoint.origin)
            .bind(hex::encode(signed.checkpoint.root))
            .bind(signed.checkpoint.time)
            .bind(hex::encode(signed.signature))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Step 3: what the append before the frontier did besides appending.
async fn reread_root(store: &SqliteStore) -> Result<(usize, Duration), Box<dyn std::error::Error>> {
    let start = Instant::now();
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let rows = sqlx::query("SELECT * FROM audit_entries ORDER BY rowid").fetch_all(&mut *tx).await?;
    let leaves = rows
        .iter()
        .map(|row| {
            Ok(Entry {
                seq: row.try_get::<i64, _>("seq")? as u64,
                time: row.try_get("time")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                target: row.try_get("target")?,
                detail: row.try_get("detail")?,
            }
            .leaf_hash())
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    std::hint::black_box(merkle::root(&leaves));
    tx.rollback().await?;
    Ok((leaves.len(), start.elapsed()))
}

async fn bench(size: u64, appends: usize) -> Result<(), Box<dyn std::error::Error>> {
    let parent = std::env::var_os("BENCH_DIR").map_or_else(std::env::temp_dir, Into::into);
    let dir = tempfile::tempdir_in(parent)?;
    let data = dir.path().join("data");
    let store = SqliteStore::open(&data).await?;
    store.migrate().await?;
    let key = SigningKey::from_bytes(&load_or_create_secret(&data, AUDIT_KEY_FILE)?);

    let start = Instant::now();
    fill(&store, &key, size).await?;
    println!("== log of {size} entries (filled in bulk in {:.1} s)", start.elapsed().as_secs_f64());

    let mut times = Vec::with_capacity(appends);
    for n in 0..appends {
        let event =
            AuditEvent::new("guess", inferno_domain::AuditAction::LoginFailed, &format!("user/guess{n}"), "throttled");
        let start = Instant::now();
        store.record(&event).await?;
        times.push(start.elapsed());
    }
    let med = median(&mut times);
    println!(
        "append through Store::record, {appends} times: median {}, p90 {}, min {}, max {}",
        ms(med),
        ms(times[times.len() * 9 / 10]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );

    let mut old = Vec::new();
    for _ in 0..env("OLD_RUNS", 5) {
        let (entries, t) = reread_root(&store).await?;
        assert_eq!(entries as u64, size + appends as u64);
        old.push(t);
    }
    if !old.is_empty() {
        let reread = median(&mut old);
        println!(
            "before the frontier, each append also re-read every entry and recomputed the root: median {} \
             ({} runs), so an append cost about {}, {:.0}x today's",
            ms(reread),
            old.len(),
            ms(reread + med),
            (reread + med).as_secs_f64() / med.as_secs_f64()
        );
    }

    sqlx::query("DELETE FROM audit_frontier").execute(store.pool()).await?;
    let start = Instant::now();
    store
        .record(&AuditEvent::new("guess", inferno_domain::AuditAction::LoginFailed, "user/guess", "throttled"))
        .await?;
    println!("the first append on a log without a frontier (it rebuilds it once): {}", ms(start.elapsed()));

    let entries = store.audit_entries().await?;
    let checkpoints = store.audit_checkpoints().await?;
    let leaves: Vec<_> = entries.iter().map(Entry::leaf_hash).collect();
    let latest = &checkpoints.last().ok_or("no checkpoint")?.checkpoint;
    assert_eq!((latest.size, latest.root), (entries.len() as u64, merkle::root(&leaves)), "the latest checkpoint");
    if entries.len() <= env("VERIFY_MAX", 1000) + appends + 1 {
        inferno_audit::verify(&entries, &checkpoints, &store.audit_key(), AUDIT_ORIGIN)?;
        println!("checked: inferno_audit::verify passes over all {} entries", entries.len());
    } else {
        println!("checked: the latest checkpoint signs the root of all {} entries", entries.len());
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<u64> = std::env::args().skip(1).map(|s| s.parse()).collect::<Result<_, _>>()?;
    let sizes = if sizes.is_empty() { vec![1_000, 100_000, 1_000_000] } else { sizes };
    for size in sizes {
        bench(size, env("APPENDS", 200)).await?;
    }
    Ok(())
}
