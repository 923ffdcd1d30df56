//! The services against a real store: SQLite in a temporary directory, or
//! PostgreSQL when `INFERNO_TEST_DATABASE_URL` names a server (a database of
//! the test's own, dropped after it).

use inferno_domain::Role;
use inferno_services::accounts::{self, Credentials, NewAccountProblem};
use inferno_storage::testing::{self, TestDatabase};
use inferno_storage::{PgStore, SqliteStore, Store, StoreError};

/// What a store lives in: its directory, and its database if it has one.
type Home = (tempfile::TempDir, Option<TestDatabase>);

async fn store() -> (Home, Box<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let (database, store): (_, Box<dyn Store>) = match testing::server_url() {
        Some(server) => {
            let database = TestDatabase::create(&server).await;
            let store = PgStore::connect(dir.path(), &database.url).await.unwrap();
            (Some(database), Box::new(store))
        }
        None => (None, Box::new(SqliteStore::open(dir.path()).await.unwrap())),
    };
    store.migrate().await.unwrap();
    ((dir, database), store)
}

#[tokio::test]
async fn an_account_is_made_once_with_its_keys_and_a_second_factor() {
    let (_dir, store) = store().await;
    assert!(matches!(accounts::check_new("Olena K", "a long enough password"), Err(NewAccountProblem::Name(_))));
    assert!(matches!(accounts::check_new("olena", "short"), Err(NewAccountProblem::Password(_))));
    accounts::check_new("olena", "a long enough password").unwrap();

    let made = Credentials::make("a long enough password").unwrap();
    let secret = accounts::create(store.as_ref(), "olena", Role::Admin, made, "test").await.unwrap();
    let user = store.user_by_name("olena").await.unwrap().expect("the account");
    assert_eq!(user.role, Role::Admin);
    assert!(inferno_auth::verify_password("a long enough password", &user.password_hash));
    assert_eq!(user.totp_secret, secret.to_base32());
    assert!(store.intake_readers().await.unwrap().iter().any(|r| r.name == "olena"), "it can read submissions");

    let again = Credentials::make("another long password").unwrap();
    let taken = accounts::create(store.as_ref(), "olena", Role::Editor, again, "test").await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "a name is taken once");

    let new = accounts::reset_second_factor(store.as_ref(), "olena", "test").await.unwrap().expect("a new secret");
    assert_ne!(new.to_base32(), secret.to_base32());
    assert_eq!(store.user_by_name("olena").await.unwrap().unwrap().totp_secret, new.to_base32());
    assert!(accounts::reset_second_factor(store.as_ref(), "nobody", "test").await.unwrap().is_none());
}

/// Every change to an account is in the audit log once, worded here; a
/// change that changes nothing adds nothing.
#[tokio::test]
async fn each_account_change_is_in_the_audit_log_once() {
    let (_dir, store) = store().await;
    let made = Credentials::make("a long enough password").unwrap();
    accounts::create(store.as_ref(), "ivan", Role::Editor, made, "cli").await.unwrap();
    assert!(accounts::set_disabled(store.as_ref(), "ivan", true, "olena").await.unwrap());
    assert!(!accounts::set_disabled(store.as_ref(), "nobody", true, "olena").await.unwrap());
    assert!(accounts::set_disabled(store.as_ref(), "ivan", false, "olena").await.unwrap());
    accounts::reset_second_factor(store.as_ref(), "ivan", "olena").await.unwrap().unwrap();
    let hash = inferno_auth::hash_password("another long password").unwrap();
    assert!(accounts::change_password(store.as_ref(), "ivan", &hash, None, "ivan").await.unwrap());
    let user = store.user_by_name("ivan").await.unwrap().unwrap();
    let public = user.reader_public.clone().unwrap();
    let wrapped = user.reader_key.clone().unwrap();
    assert!(
        !accounts::give_reader_key(store.as_ref(), user.id, "ivan", &public, &wrapped).await.unwrap(),
        "it has one"
    );

    let log: Vec<(String, String, String, String)> =
        store.audit_entries().await.unwrap().into_iter().map(|e| (e.actor, e.action, e.target, e.detail)).collect();
    let want = [
        ("cli", "user_create", "user/ivan", "role editor"),
        ("olena", "user_disable", "user/ivan", ""),
        ("olena", "user_enable", "user/ivan", ""),
        ("olena", "user_reset_2fa", "user/ivan", "sessions ended"),
        ("ivan", "password_change", "user/ivan", "sessions ended"),
    ]
    .map(|(a, b, c, d)| (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned()));
    assert_eq!(log, want);
}

/// An import is audited with what it did, worded once for every importer.
#[tokio::test]
async fn an_import_is_audited_with_what_it_did() {
    let (_dir, store) = store().await;
    let sites =
        inferno_domain::import::parse(inferno_domain::Kind::Sites, include_bytes!("../../../data/facilities.csv"))
            .unwrap();
    let today = inferno_domain::PartialDate::today();
    inferno_services::records::import(store.as_ref(), &sites, today, "cli").await.unwrap();
    inferno_services::records::import(store.as_ref(), &sites, today, "cli").await.unwrap();
    inferno_services::records::import_editorial(store.as_ref(), &[], &[], today, "cli").await.unwrap();
    let details: Vec<(String, String, String)> =
        store.audit_entries().await.unwrap().into_iter().map(|e| (e.action, e.target, e.detail)).collect();
    let want = [
        ("import", "sites", "29 rows: 29 new, 0 changed, 0 unchanged"),
        ("import", "sites", "29 rows: 0 new, 0 changed, 29 unchanged"),
        ("import", "editorial", "0 FAQ entries, 0 pages"),
    ]
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
    assert_eq!(details, want);
}
