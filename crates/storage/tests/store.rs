//! The storage contract: every behaviour of a store, written against
//! `dyn Store` and run against each backend (`backends`: SQLite, and
//! PostgreSQL when `INFERNO_TEST_DATABASE_URL` names a server), each on a
//! real database of its own; then what only the SQLite backend has (its key
//! file beside its database file).

use inferno_domain::PartialDate;
use inferno_domain::import::{self, Batch};
use inferno_domain::{AuditAction, Kind, RevisionAction};
use inferno_storage::prelude::*;
use inferno_storage::testing::{self, TestDatabase};
use inferno_storage::{AuditEvent, ImportError, ImportReport, NewRevision, PgStore, SqliteStore, Visibility};

/// The kinds the bundled sample has CSV files for, in import order.
const CSV_KINDS: [Kind; 5] = [Kind::Sites, Kind::Sources, Kind::Findings, Kind::Testimonies, Kind::News];

fn day(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

fn sample(kind: Kind) -> import::Batch {
    let bytes: &[u8] = match kind {
        Kind::Sites => include_bytes!("../../../data/facilities.csv"),
        Kind::Sources => include_bytes!("../../../data/sources.csv"),
        Kind::Findings => include_bytes!("../../../data/findings.csv"),
        Kind::Testimonies => include_bytes!("../../../data/testimonies.csv"),
        Kind::News => include_bytes!("../../../data/news.csv"),
        Kind::Faq | Kind::Pages => unreachable!("the sample has no CSV for {}", kind.name()),
    };
    import::parse(kind, bytes).unwrap()
}

/// An import's audit entry as these tests word it: the storage keeps what
/// it is given (the services word the real ones).
/// Imports every kind of the sample, as `actor`.
async fn import_sample(store: &dyn Store, actor: &str) {
    for kind in CSV_KINDS {
        import(store, &sample(kind), day("2026-01-01"), actor).await.unwrap();
    }
}

/// An import as the services make one: the batch written, the public pages
/// told, and an audit entry (worded here; the services word the real ones),
/// in one lent transaction.
async fn import(
    store: &dyn Store,
    batch: &Batch,
    today: PartialDate,
    actor: &str,
) -> Result<ImportReport, ImportError> {
    let mut w = store.begin().await?;
    let r = w.write(batch, today).await?;
    w.public_content_changed().await?;
    let detail = format!("{} new, {} changed, {} unchanged", r.inserted, r.updated, r.unchanged);
    w.append(&AuditEvent::new(actor, AuditAction::Import, "batch", detail)).await?;
    w.commit().await?;
    Ok(r)
}

/// A backend under test: a fresh, migrated store, the directory of its
/// secrets, and its PostgreSQL database if it has one (dropped after the store).
struct Backend {
    store: Box<dyn Store>,
    /// Where its database is, to open it again with another data directory.
    at: At,
    /// The same database, for what a test does to it behind the store's back.
    raw: Raw,
    _dir: tempfile::TempDir,
    _database: Option<TestDatabase>,
}

enum At {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Backend {
    /// The same database opened with the secrets of another data directory
    /// (another node), not yet migrated.
    async fn node(&self, data_dir: &std::path::Path) -> Box<dyn Store> {
        match &self.at {
            At::Sqlite(path) => Box::new(SqliteStore::open_file(data_dir, path).await.unwrap()),
            At::Postgres(url) => Box::new(PgStore::connect(data_dir, url).await.unwrap()),
        }
    }
}

/// A backend's database, reached directly (as someone with access to it).
enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Raw {
    /// Runs a statement (in the SQL both read), with `$1` bound to `bytes` if given.
    async fn execute(&self, sql: &'static str, bytes: Option<Vec<u8>>) {
        match self {
            Raw::Sqlite(pool) => sqlx::query(sql).bind(bytes).execute(pool).await.map(drop),
            Raw::Postgres(pool) => sqlx::query(sql).bind(bytes).execute(pool).await.map(drop),
        }
        .unwrap()
    }

    /// The frontier row's size, if there is one.
    async fn frontier_size(&self) -> Option<i64> {
        let sql = "SELECT size FROM audit_frontier";
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(sql).fetch_optional(pool).await,
        }
        .unwrap()
    }
}

/// Every backend the contract tests run against, each fresh and migrated:
/// SQLite, and PostgreSQL when `INFERNO_TEST_DATABASE_URL` names a server.
/// The tests that take their stores from here use `dyn Store` alone; the
/// others are the SQLite backend's own (its key file, its frontier row).
async fn backends() -> Vec<Backend> {
    let (dir, store) = open().await;
    let raw = Raw::Sqlite(store.pool().clone());
    let at = At::Sqlite(store.path().to_owned());
    let mut all = vec![Backend { store: Box::new(store), at, raw, _dir: dir, _database: None }];
    if let Some(server) = testing::server_url() {
        let database = TestDatabase::create(&server).await;
        let dir = tempfile::tempdir().unwrap();
        let store = PgStore::connect(&dir.path().join("data"), &database.url).await.unwrap();
        store.migrate().await.unwrap();
        let raw = Raw::Postgres(store.pool().clone());
        let at = At::Postgres(database.url.clone());
        all.push(Backend { store: Box::new(store), at, raw, _dir: dir, _database: Some(database) });
    }
    all
}

async fn open() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("data")).await.unwrap();
    store.migrate().await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn imports_the_sample_and_reads_it_back() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        assert!(store.is_empty().await.unwrap());
        let v0 = store.content_version().await.unwrap();
        for kind in CSV_KINDS {
            let report = import(store, &sample(kind), day("2026-01-01"), "test").await.unwrap();
            assert_eq!(report.inserted, sample(kind).len(), "{}", kind.name());
        }
        assert!(!store.is_empty().await.unwrap());
        assert_eq!(store.content_version().await.unwrap(), v0 + 5);

        let catalog = store.load_catalog().await.unwrap();
        assert_eq!(catalog.sites().len(), 29);
        assert_eq!(catalog.sources().len(), 72);
        assert_eq!(catalog.testimonies().len(), 12);
        assert_eq!(catalog.news().len(), 15);
        let taganrog = catalog.site("ru-taganrog-sizo-2").unwrap();
        assert_eq!(taganrog.name.uk, "Слідчий ізолятор № 2 (СІЗО-2), Таганрог");
        assert_eq!(taganrog.reported_from.unwrap().to_string(), "2022-04");
        assert!(!catalog.evidence("ru-taganrog-sizo-2").is_empty());
        let t01 = catalog.testimonies().iter().find(|t| t.id.as_str() == "t-01").unwrap();
        assert_eq!(t01.stays.len(), 2);
        assert_eq!(t01.stays[0].site_id.as_str(), "ua-olenivka-ik-120", "stays keep their order");
        assert_eq!(catalog.last_updated("ru-taganrog-sizo-2"), Some(day("2026-01-01")));
    }
}

/// The back office reads one record by its key: the same row, and the same
/// published flag, that the whole table holds for it, for every kind.
#[tokio::test]
async fn one_record_is_read_as_the_table_holds_it() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        import_sample(store, "test").await;
        for kind in CSV_KINDS {
            let (all, published) = store.staff_records(kind).await.unwrap();
            assert!(!all.is_empty(), "{}", kind.name());
            for i in [0, all.len() - 1] {
                let key = import::key_of(&all, i).unwrap();
                let (one, one_published) = store.staff_record(kind, &key).await.unwrap().expect("found");
                assert_eq!(one.len(), 1, "{key}");
                assert_eq!(import::snapshot(&one, 0), import::snapshot(&all, i), "{key}");
                assert_eq!(one_published, published[i], "{key}");
            }
            // Keys of every shape, none of which is stored: none is an error.
            for key in ["no-such-record", "no~such", "a~b~c", "~", "", "Bad Id"] {
                assert!(store.staff_record(kind, key).await.unwrap().is_none(), "{} {key:?}", kind.name());
                assert!(store.begin().await.unwrap().find(kind, key).await.unwrap().is_none(), "{key:?}");
            }
        }
    }
}

#[tokio::test]
async fn reimport_changes_only_what_changed() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        import(store, &sample(Kind::Sites), day("2026-01-01"), "test").await.unwrap();
        let again = import(store, &sample(Kind::Sites), day("2026-02-02"), "test").await.unwrap();
        assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 29));

        let edited = String::from_utf8(include_bytes!("../../../data/facilities.csv").to_vec())
            .unwrap()
            .replace("Remand prison for juveniles and mothers", "Remand prison for juveniles");
        let batch = import::parse(Kind::Sites, edited.as_bytes()).unwrap();
        let report = import(store, &batch, day("2026-03-03"), "test").await.unwrap();
        assert_eq!((report.updated, report.unchanged), (1, 28));
        let catalog = store.load_catalog().await.unwrap();
        assert_eq!(catalog.site("ru-taganrog-sizo-2").unwrap().updated_on, Some(day("2026-03-03")));
        assert_eq!(catalog.site("ru-kursk-sizo-1").unwrap().updated_on, Some(day("2026-01-01")));
    }
}

/// Testimonies made from the sample's first: `n` of them, each with the
/// abuse types and stays `vary` gives it, so that their lists fill more than
/// one statement of a multi-row insert.
fn many_testimonies(n: usize, vary: impl Fn(usize, &mut inferno_domain::Testimony)) -> import::Batch {
    let import::Batch::Testimonies(rows) = sample(Kind::Testimonies) else { unreachable!() };
    let first = rows[0].record.clone();
    let rows = (0..n)
        .map(|i| {
            let mut record = first.clone();
            record.id = inferno_domain::Id::parse(&format!("t-many-{i:05}")).unwrap();
            vary(i, &mut record);
            import::Row { line: i as u64 + 2, record }
        })
        .collect();
    import::Batch::Testimonies(rows)
}

/// The abuse types and stays of each of `testimonies` made by `many_testimonies`, by id.
fn lists<'a>(
    testimonies: impl Iterator<Item = &'a inferno_domain::Testimony>,
) -> std::collections::BTreeMap<String, (Vec<&'static str>, Vec<String>)> {
    testimonies
        .filter(|t| t.id.as_str().starts_with("t-many-"))
        .map(|t| {
            let abuses = t.abuse_types.iter().map(|a| a.code()).collect();
            let stays = t.stays.iter().map(|s| s.site_id.to_string()).collect();
            (t.id.to_string(), (abuses, stays))
        })
        .collect()
}

#[tokio::test]
async fn an_import_larger_than_one_statement_stores_every_row_and_list() {
    // 4,000 testimonies with 3 abuse types and 2 stays each: more rows than
    // one statement carries for the testimonies (9 values a row), their abuse
    // types (3) and their stays (5).
    let codes = &inferno_domain::AbuseType::ALL[..4];
    let batch_for = |shift: usize| {
        many_testimonies(4_000, move |i, t| {
            t.abuse_types = (0..3).map(|k| codes[(i + k + shift) % 4]).collect();
            let stays = t.stays.clone();
            t.stays = if (i + shift).is_multiple_of(2) { stays } else { stays.into_iter().rev().collect() };
        })
    };
    for backend in backends().await {
        let store = backend.store.as_ref();
        for kind in [Kind::Sites, Kind::Sources] {
            import(store, &sample(kind), day("2026-01-01"), "test").await.unwrap();
        }
        let expected = |batch: &import::Batch| {
            let import::Batch::Testimonies(rows) = batch else { unreachable!() };
            lists(rows.iter().map(|r| &r.record))
        };
        let stored = async || lists(store.load_catalog().await.unwrap().testimonies().iter().map(|t| t.as_ref()));
        let first = batch_for(0);
        let report = import(store, &first, day("2026-01-01"), "test").await.unwrap();
        assert_eq!(report.inserted, 4_000);
        assert_eq!(stored().await, expected(&first));

        // Every list changes: the old rows go, the new ones keep their order.
        let second = batch_for(1);
        let report = import(store, &second, day("2026-02-02"), "test").await.unwrap();
        assert_eq!((report.updated, report.unchanged), (4_000, 0));
        assert_eq!(stored().await, expected(&second));
    }
}

/// Publishes or withdraws a record in one edit of its own, with its revision
/// (telling readers `note`) and audit entry, counted as a change to public
/// content: the steps the editing rules take.
async fn set_visibility(store: &dyn Store, kind: Kind, id: &str, visibility: Visibility, note: Option<&str>) {
    let mut edit = store.begin().await.unwrap();
    let (snapshot, _) = edit.find(kind, id).await.unwrap().unwrap();
    edit.set_visibility(kind, id, visibility).await.unwrap();
    let published = visibility == Visibility::Published;
    let action = if published { RevisionAction::Publish } else { RevisionAction::Unpublish };
    let revision = NewRevision {
        kind,
        id,
        actor: "test",
        action,
        snapshot: &snapshot,
        published,
        public_note: note,
        proposal: None,
    };
    edit.add_revision(&revision).await.unwrap();
    edit.append(&AuditEvent::new("test", AuditAction::Revision(kind, action), id, "")).await.unwrap();
    edit.public_content_changed().await.unwrap();
    edit.commit().await.unwrap();
}

#[tokio::test]
async fn an_edit_changes_nothing_until_committed_and_a_check_writes_nothing() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        import(store, &sample(Kind::Sites), day("2026-01-01"), "test").await.unwrap();
        let (version, entries) = (store.content_version().await.unwrap(), store.audit_size().await.unwrap());
        let kursk = "ru-kursk-sizo-1";
        let text = String::from_utf8(include_bytes!("../../../data/facilities.csv").to_vec()).unwrap();
        let renamed = import::parse(Kind::Sites, text.replace("Kursk", "Kursk (renamed)").as_bytes()).unwrap();

        let mut edit = store.begin().await.unwrap();
        let (live, published) = edit.find(Kind::Sites, kursk).await.unwrap().unwrap();
        assert!(published);
        edit.check(&renamed, day("2026-02-02")).await.unwrap();
        assert_eq!(edit.find(Kind::Sites, kursk).await.unwrap(), Some((live.clone(), true)), "a check writes nothing");
        edit.write(&renamed, day("2026-02-02")).await.unwrap();
        edit.set_visibility(Kind::Sites, kursk, Visibility::Withdrawn).await.unwrap();
        let (written, published) = edit.find(Kind::Sites, kursk).await.unwrap().unwrap();
        assert!(written != live && !published, "the edit sees its own writes");
        edit.append(&AuditEvent::new("test", AuditAction::Revision(Kind::Sites, RevisionAction::Update), kursk, ""))
            .await
            .unwrap();
        edit.public_content_changed().await.unwrap();
        drop(edit);

        // Dropped without a commit: nothing of it is stored.
        let mut edit = store.begin().await.unwrap();
        assert_eq!(edit.find(Kind::Sites, kursk).await.unwrap(), Some((live, true)));
        drop(edit);
        assert_eq!(store.content_version().await.unwrap(), version);
        assert_eq!(store.audit_size().await.unwrap(), entries);
    }
}

#[tokio::test]
async fn unknown_references_store_nothing() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        import(store, &sample(Kind::Sites), day("2026-01-01"), "test").await.unwrap();
        let version = store.content_version().await.unwrap();
        // No sources yet: every finding names an unknown source.
        let err = import(store, &sample(Kind::Findings), day("2026-01-01"), "test").await.unwrap_err();
        let ImportError::Rows(rows) = err else { panic!("{err}") };
        assert_eq!(rows.len(), 112);
        assert_eq!(
            rows[0].to_string(),
            "2: source_id: unknown source \"src-bbc-2023-taganrog\" (import sources first)"
        );
        assert_eq!(store.content_version().await.unwrap(), version, "nothing committed");
        assert!(store.load_catalog().await.unwrap().findings_for_site("ru-taganrog-sizo-2").is_empty());
    }
}

#[tokio::test]
async fn every_change_is_audited_and_the_log_verifies() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        import_sample(store, "alice").await;
        // A refused import leaves no entry, as it leaves no change.
        let bad = import::parse(
            Kind::Findings,
            b"source_id,site_id,abuse_types,period_from,period_to,note\nsrc-x,site-x,,,,n\n",
        )
        .unwrap();
        assert!(import(store, &bad, day("2026-01-01"), "alice").await.is_err());
        let seq = store
            .record(&inferno_storage::AuditEvent::new("bob", AuditAction::LoginFailed, "user/bob", "wrong password"))
            .await
            .unwrap();
        assert_eq!(seq, 6);

        let entries = store.audit_entries().await.unwrap();
        assert_eq!(entries.len(), 6);
        assert_eq!(
            (
                entries[0].actor.as_str(),
                entries[0].action.as_str(),
                entries[0].target.as_str(),
                entries[0].detail.as_str()
            ),
            ("alice", "import", "batch", "29 new, 0 changed, 0 unchanged")
        );
        let checkpoints = store.audit_checkpoints().await.unwrap();
        assert_eq!(checkpoints.len(), 6, "a checkpoint after every entry");
        let verified =
            inferno_audit::verify(&entries, &checkpoints, &store.audit_key(), inferno_storage::AUDIT_ORIGIN).unwrap();
        assert_eq!(verified.entries, 6);
    }
}

#[tokio::test]
async fn the_signing_key_survives_a_restart_and_stays_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = SqliteStore::open(&data).await.unwrap();
    assert!(!data.join(inferno_storage::AUDIT_KEY_FILE).exists(), "written once the database agrees");
    first.migrate().await.unwrap();
    let second = SqliteStore::open(&data).await.unwrap();
    second.migrate().await.unwrap();
    assert_eq!(first.audit_key(), second.audit_key());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data.join(inferno_storage::AUDIT_KEY_FILE)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// Nodes on one database hold one set of secrets: a data directory without
/// the audit key, or with another, is refused with what to do, and given
/// none; one with the same key joins; the database never holds the key.
#[tokio::test]
async fn every_node_of_a_database_signs_with_its_one_key() {
    for backend in backends().await {
        let first = backend.store.as_ref();
        record(first, 1).await;
        let other = tempfile::tempdir().unwrap();

        // A node with an empty data directory.
        let empty = other.path().join("empty");
        let node = backend.node(&empty).await;
        let refused = node.migrate().await.unwrap_err().to_string();
        assert!(refused.contains("lacks") && refused.contains("inferno secrets import"), "{refused}");
        assert!(!empty.join(inferno_storage::AUDIT_KEY_FILE).exists(), "no new key was made");

        // A node of another deployment.
        let foreign = other.path().join("foreign");
        SqliteStore::open(&foreign).await.unwrap().migrate().await.unwrap();
        let node = backend.node(&foreign).await;
        let refused = node.migrate().await.unwrap_err().to_string();
        assert!(refused.contains("is not the one this database's deployment uses"), "{refused}");

        // A node given the deployment's key.
        let joined = other.path().join("joined");
        std::fs::create_dir_all(&joined).unwrap();
        let original = backend._dir.path().join("data").join(inferno_storage::AUDIT_KEY_FILE);
        std::fs::copy(&original, joined.join(inferno_storage::AUDIT_KEY_FILE)).unwrap();
        let node = backend.node(&joined).await;
        node.migrate().await.unwrap();
        assert_eq!(node.audit_key(), first.audit_key());
        record(node.as_ref(), 2).await;
        assert_log_verifies(first, 2).await;

        // A database of an earlier release records no key: a key that did
        // not sign its log is not taken for the one that did.
        backend.raw.execute("DELETE FROM secret_checks", None).await;
        let node = backend.node(&foreign).await;
        let refused = node.migrate().await.unwrap_err().to_string();
        assert!(refused.contains("did not sign this database's audit log"), "{refused}");
        let node = backend.node(&joined).await;
        node.migrate().await.unwrap();

        // What the database records is the public half, never the key.
        let secret = std::fs::read_to_string(&original).unwrap();
        let recorded = node.recorded_check(inferno_storage::AUDIT_KEY_FILE).await.unwrap().unwrap();
        assert_eq!(recorded, hex::encode(first.audit_key().to_bytes()));
        assert_ne!(recorded, secret.trim());
    }
}

/// Checks the whole log the way `inferno audit verify` does, and that the
/// latest checkpoint signs the root of every entry, recomputed from the entries.
async fn assert_log_verifies(store: &dyn Store, entries: u64) {
    let log = store.audit_entries().await.unwrap();
    let checkpoints = store.audit_checkpoints().await.unwrap();
    let verified = inferno_audit::verify(&log, &checkpoints, &store.audit_key(), inferno_storage::AUDIT_ORIGIN)
        .unwrap_or_else(|t| panic!("{t}"));
    assert_eq!(verified.entries, entries);
    let leaves: Vec<_> = log.iter().map(inferno_audit::Entry::leaf_hash).collect();
    let latest = &checkpoints.last().unwrap().checkpoint;
    assert_eq!((latest.size, latest.root), (entries, inferno_audit::merkle::root(&leaves)));
}

async fn record(store: &dyn Store, n: u64) -> u64 {
    let event =
        inferno_storage::AuditEvent::new("bob", AuditAction::LoginFailed, &format!("user/bob{n}"), "wrong password");
    store.record(&event).await.unwrap()
}

#[tokio::test]
async fn many_appends_keep_the_log_verifiable() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        for n in 1..=1500 {
            assert_eq!(record(store, n).await, n);
        }
        assert_eq!(backend.raw.frontier_size().await, Some(1500));
        assert_log_verifies(store, 1500).await;
    }
}

#[tokio::test]
async fn a_log_without_a_frontier_goes_on_and_verifies() {
    for backend in backends().await {
        let (store, raw) = (backend.store.as_ref(), &backend.raw);
        for n in 1..=37 {
            record(store, n).await;
        }
        // As a log written by the release before the frontier is: no row.
        raw.execute("DELETE FROM audit_frontier", None).await;
        assert_eq!(record(store, 38).await, 38);
        assert_eq!(raw.frontier_size().await, Some(38), "rebuilt once, then kept");
        for n in 39..=64 {
            record(store, n).await;
        }
        assert_log_verifies(store, 64).await;
    }
}

#[tokio::test]
async fn a_frontier_that_does_not_match_the_log_is_rebuilt() {
    for backend in backends().await {
        let (store, raw) = (backend.store.as_ref(), &backend.raw);
        for n in 1..=20 {
            record(store, n).await;
        }
        // The last entries cut with their checkpoints: the frontier is ahead of the log.
        raw.execute("DELETE FROM audit_entries WHERE seq > 15", None).await;
        raw.execute("DELETE FROM audit_checkpoints WHERE size > 15", None).await;
        assert_eq!(raw.frontier_size().await, Some(20));
        assert_eq!(record(store, 16).await, 16);
        assert_log_verifies(store, 16).await;

        // Damaged bytes, and bytes of another size than the row says.
        raw.execute("UPDATE audit_frontier SET frontier = $1", Some(vec![0])).await;
        record(store, 17).await;
        assert_log_verifies(store, 17).await;
        raw.execute("UPDATE audit_frontier SET size = 3", None).await;
        record(store, 18).await;
        assert_log_verifies(store, 18).await;
        assert_eq!(raw.frontier_size().await, Some(18));
    }
}

/// What readers can see of a catalog, to compare two of them.
fn public_view(c: &inferno_domain::Catalog) -> String {
    let mut out = format!("{:?}\n{:?}\n{:?}\n", c.sites(), c.sources(), c.testimonies());
    out += &format!("{:?}\n{:?}\n{:?}\n", c.news(), c.faq(), c.corrections());
    for site in c.sites() {
        let id = site.id.as_str();
        out += &format!("{id}: {:?} {:?} {:?}\n", c.findings_for_site(id), c.testimonies_at(id), c.news_about(id));
        out += &format!("{:?} {:?}\n", c.evidence(id), c.last_updated(id));
    }
    out
}

#[tokio::test]
async fn the_changes_since_a_version_make_the_catalog_a_full_load_makes() {
    for backend in backends().await {
        let store = backend.store.as_ref();
        assert!(store.catalog_changes(-1).await.unwrap().is_none(), "before the record of changes: load again");
        import_sample(store, "test").await;
        let v0 = store.content_version().await.unwrap();
        let before = store.load_catalog().await.unwrap();
        let (v, changes) = store.catalog_changes(v0).await.unwrap().unwrap();
        assert_eq!((v, changes.len()), (v0, 0), "nothing changed");

        // A site renamed, a finding's note changed, a news item retitled.
        let edit = |kind: Kind, name: &str, from: &str, to: &str| {
            let text = std::fs::read_to_string(format!("../../data/{name}")).unwrap();
            assert!(text.contains(from), "{name}: {from}");
            import::parse(kind, text.replace(from, to).as_bytes()).unwrap()
        };
        let renamed = edit(Kind::Sites, "facilities.csv", "Remand prison for juveniles and mothers", "Renamed");
        import(store, &renamed, day("2026-02-02"), "test").await.unwrap();
        let note = edit(Kind::Findings, "findings.csv", "with the UN and ICRC barred", "with the UN barred");
        import(store, &note, day("2026-02-02"), "test").await.unwrap();
        // A source withdrawn: its findings leave the catalog although they did not change.
        let withdrawn = "src-bbc-2023-taganrog";
        set_visibility(store, Kind::Sources, withdrawn, Visibility::Withdrawn, Some("withdrawn")).await;
        // A site withdrawn, another withdrawn and published again.
        set_visibility(store, Kind::Sites, "ru-kursk-sizo-1", Visibility::Withdrawn, None).await;
        set_visibility(store, Kind::News, "news-02", Visibility::Withdrawn, None).await;
        set_visibility(store, Kind::News, "news-02", Visibility::Published, None).await;

        let (v, changes) = store.catalog_changes(v0).await.unwrap().unwrap();
        assert_eq!(v, store.content_version().await.unwrap());
        let findings_withdrawn = changes.findings.iter().filter(|((s, _), f)| s.as_str() == withdrawn && f.is_none());
        assert_eq!(
            findings_withdrawn.count(),
            before.findings_for_site("ru-taganrog-sizo-2").iter().filter(|f| f.source_id.as_str() == withdrawn).count()
        );
        assert!(changes.sites.iter().any(|(id, s)| id.as_str() == "ru-kursk-sizo-1" && s.is_none()));
        assert!(changes.len() < 20, "only what changed: {}", changes.len());
        let after = before.apply(changes);
        let full = store.load_catalog().await.unwrap();
        assert_eq!(public_view(&after), public_view(&full));
        assert_ne!(public_view(&before), public_view(&full));
        assert!(after.site("ru-kursk-sizo-1").is_none());
        assert!(after.corrections().iter().any(|c| c.note == "withdrawn"));

        // Applying changes again, or from a version between, changes nothing more.
        let (_, again) = store.catalog_changes(v0 + 1).await.unwrap().unwrap();
        assert_eq!(public_view(&after.apply(again)), public_view(&full));
        let (_, none) = store.catalog_changes(v).await.unwrap().unwrap();
        assert!(none.is_empty());
    }
}

/// A copy between any two backends (each into each, PostgreSQL included when
/// there is one) moves every record, the audit log and its checkpoints: the
/// copy's log verifies with the same key and holds the same entries, and its
/// catalog is the same. A copy into a store that holds records is refused
/// and leaves it as it was.
#[tokio::test]
async fn a_copy_moves_everything_into_an_empty_store_only() {
    let from = backends().await;
    for source in &from {
        let store = source.store.as_ref();
        import_sample(store, "test").await;
        set_visibility(store, Kind::Sites, "ru-kursk-sizo-1", Visibility::Withdrawn, Some("moved")).await;
        let entries = store.audit_entries().await.unwrap();
        for target in backends().await {
            // Each store's key is its own data directory's: the copy is checked with the source's.
            let copy = target.store.as_ref();
            let copied = store.copy_into(copy).await.unwrap();
            let rows = |t: &str| copied.tables.iter().find(|(name, _)| *name == t).map(|(_, n)| *n);
            assert_eq!(rows("audit_entries"), Some(entries.len() as u64));
            assert_eq!(rows("sites"), Some(29));
            assert_eq!(copy.audit_entries().await.unwrap(), entries);
            let checkpoints = copy.audit_checkpoints().await.unwrap();
            inferno_audit::verify(&entries, &checkpoints, &store.audit_key(), inferno_storage::AUDIT_ORIGIN).unwrap();
            let (a, b) = (store.load_catalog().await.unwrap(), copy.load_catalog().await.unwrap());
            assert_eq!(public_view(&a), public_view(&b));
            assert_eq!(copy.content_version().await.unwrap(), store.content_version().await.unwrap());

            // Into a store with records: refused, and nothing of it changed.
            let err = store.copy_into(copy).await.unwrap_err();
            assert!(matches!(err, inferno_storage::StoreError::NotEmpty { .. }), "{err}");
            assert_eq!(copy.audit_entries().await.unwrap(), entries);
            // The copy goes on: its next entry follows the copied ones.
            assert_eq!(record(copy, 0).await, entries.len() as u64 + 1);
        }
    }
}

/// A periodic job runs on one server at a time: a second store on the same
/// database is refused the job while the first holds it, and given it once
/// the first lets go (PostgreSQL: an advisory lock; SQLite: a `flock` beside
/// the database file, which a command run beside the server also takes).
#[tokio::test]
async fn a_job_runs_on_one_server_at_a_time() {
    use inferno_storage::Job;
    for backend in backends().await {
        let other = tempfile::tempdir().unwrap();
        let key = backend._dir.path().join("data").join(inferno_storage::AUDIT_KEY_FILE);
        std::fs::create_dir_all(other.path().join("data")).unwrap();
        std::fs::copy(&key, other.path().join("data").join(inferno_storage::AUDIT_KEY_FILE)).unwrap();
        let second = backend.node(&other.path().join("data")).await;
        let held = backend.store.job_lock(Job::IntakePurge).await.unwrap().expect("free at first");
        let meanwhile = second.job_lock(Job::IntakePurge).await.unwrap();
        assert!(meanwhile.is_none(), "held by the first server");
        assert!(backend.store.job_lock(Job::IntakeSeal).await.unwrap().is_some(), "another job is free");
        drop(meanwhile);
        drop(held);
        // The lock goes with its connection, which the server closes in its own time.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if second.job_lock(Job::IntakePurge).await.unwrap().is_some() {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "released when the first let go");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
}
