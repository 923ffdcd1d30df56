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

mod auth {
    //! Signing in, sessions and permissions, straight against the service.

    use super::store;
    use inferno_domain::{Permission, Role};
    use inferno_services::accounts::{self, Credentials};
    use inferno_services::auth::{self, Attempt, Guard, SignInError};
    use inferno_storage::{Session, Store};
    use std::sync::Arc;
    use std::time::Duration;

    const PASSWORD: &str = "a long enough password";

    fn attempt(name: &str, password: &str, code: &str) -> Attempt {
        Attempt { name: name.into(), password: password.into(), code: code.into(), client: "203.0.113.7".into() }
    }

    /// The (actor, action, detail) of every audit entry, waiting a moment for
    /// those written beside an answer.
    async fn log_after(store: &dyn Store, at_least: usize) -> Vec<(String, String, String)> {
        for _ in 0..100 {
            let entries = store.audit_entries().await.unwrap();
            if entries.len() >= at_least {
                return entries.into_iter().map(|e| (e.actor, e.action, e.detail)).collect();
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("fewer than {at_least} audit entries");
    }

    #[tokio::test]
    async fn a_sign_in_needs_the_password_and_a_fresh_code_and_is_recorded() {
        let (_home, store) = store().await;
        let store: Arc<dyn Store> = Arc::from(store);
        let secret =
            accounts::create(store.as_ref(), "olena", Role::Admin, Credentials::make(PASSWORD).unwrap(), "cli")
                .await
                .unwrap();
        let guard = Guard::new(Duration::from_secs(3600), Duration::from_secs(86_400));
        let code = secret.code_at(inferno_domain::date::unix_seconds() as u64);

        let wrong = auth::sign_in(&guard, &store, attempt("olena", "not the password", &code)).await;
        assert!(matches!(wrong, Err(SignInError::Failed)), "{:?}", wrong.err());
        let not_a_name = auth::sign_in(&guard, &store, attempt("Olena K!", PASSWORD, &code)).await;
        assert!(matches!(not_a_name, Err(SignInError::Failed)));
        let no_code = auth::sign_in(&guard, &store, attempt("olena", PASSWORD, "000000")).await;
        assert!(matches!(no_code, Err(SignInError::Failed)));
        let signed = auth::sign_in(&guard, &store, attempt(" Olena ", PASSWORD, &code)).await.expect("signed in");
        assert_eq!(signed.user.name, "olena", "names are trimmed and lower-cased");
        assert_eq!(signed.password, PASSWORD, "handed back to open the reader key");
        let again = auth::sign_in(&guard, &store, attempt("olena", PASSWORD, &code)).await;
        assert!(matches!(again, Err(SignInError::Failed)), "a code opens one session");

        let staff = auth::session(&guard, store.as_ref(), &signed.token.value).await.unwrap().expect("a session");
        assert_eq!(staff.user.name, "olena");
        assert!(auth::session(&guard, store.as_ref(), "no such token").await.unwrap().is_none());
        assert!(auth::permits(store.as_ref(), &staff, Permission::ManageUsers).await.unwrap());
        assert!(auth::genuine(store.as_ref(), &staff, &staff.session.csrf_token).await);
        assert!(!auth::genuine(store.as_ref(), &staff, "forged").await);
        auth::sign_out(store.as_ref(), &staff).await.unwrap();
        assert!(auth::session(&guard, store.as_ref(), &signed.token.value).await.unwrap().is_none());

        // Eight: the account, three failures (two written beside their
        // answers), the refused name, the sign-in, the forged form, the
        // sign-out. Waiting for fewer read the log before the last failure's
        // entry was written (seen once under a loaded machine).
        let log = log_after(store.as_ref(), 8).await;
        let actions: Vec<(&str, &str)> = log.iter().map(|(a, b, _)| (a.as_str(), b.as_str())).collect();
        for want in [
            ("olena", "login_failed"),
            ("(not an account name)", "login_refused"),
            ("olena", "login"),
            ("olena", "csrf_refused"),
            ("olena", "logout"),
        ] {
            assert!(actions.contains(&want), "{want:?} in {actions:?}");
        }
        let reasons: Vec<&str> =
            log.iter().filter(|(_, a, _)| a == "login_failed").map(|(_, _, d)| d.as_str()).collect();
        for reason in ["wrong name or password", "wrong code", "code already used"] {
            assert!(reasons.contains(&reason), "{reason} in {reasons:?}");
        }
    }

    /// A session's row, for the token `token`, as sign-in stores it.
    /// Ivan, an editor, and a guard that ends a session unused for a minute
    /// or older than an hour.
    async fn editor_and_guard(store: &dyn Store) -> (inferno_storage::User, Guard) {
        let made = Credentials::make(PASSWORD).unwrap();
        accounts::create(store, "ivan", Role::Editor, made, "cli").await.unwrap();
        let user = store.user_by_name("ivan").await.unwrap().unwrap();
        (user, Guard::new(Duration::from_secs(60), Duration::from_secs(3600)))
    }

    fn session_row(user_id: i64, token: &str, created_at: i64, last_seen_at: i64) -> Session {
        Session {
            token_hash: inferno_auth::SessionToken::hash_of(token),
            user_id,
            csrf_token: "x".repeat(64),
            created_at,
            last_seen_at,
            reader_key_sealed: None,
        }
    }

    #[tokio::test]
    async fn a_session_ends_when_unused_or_its_account_is_disabled_and_a_role_is_held_to() {
        let (_home, store) = store().await;
        let (user, guard) = editor_and_guard(store.as_ref()).await;
        let now = inferno_domain::date::unix_seconds();
        let open =
            |token: &str, created_at: i64, last_seen_at: i64| session_row(user.id, token, created_at, last_seen_at);
        store.create_session(&open("fresh", now, now)).await.unwrap();
        store.create_session(&open("idle", now - 600, now - 120)).await.unwrap();
        store.create_session(&open("old", now - 7200, now)).await.unwrap();

        let staff = auth::session(&guard, store.as_ref(), "fresh").await.unwrap().expect("in use");
        assert!(!auth::permits(store.as_ref(), &staff, Permission::ManageUsers).await.unwrap(), "an editor");
        assert!(auth::permits(store.as_ref(), &staff, Permission::Edit).await.unwrap());
        assert!(auth::session(&guard, store.as_ref(), "idle").await.unwrap().is_none());
        assert!(auth::session(&guard, store.as_ref(), "old").await.unwrap().is_none());
        assert!(store.session(&inferno_auth::SessionToken::hash_of("idle")).await.unwrap().is_none(), "deleted");
        accounts::set_disabled(store.as_ref(), "ivan", true, "olena").await.unwrap();
        store.create_session(&open("after", now, now)).await.unwrap();
        assert!(auth::session(&guard, store.as_ref(), "after").await.unwrap().is_none());

        let log = log_after(store.as_ref(), 1).await;
        let ended: Vec<&str> =
            log.iter().filter(|(_, a, _)| a == "session_ended").map(|(_, _, d)| d.as_str()).collect();
        assert_eq!(ended, ["unused too long", "too old", "account disabled"]);
        assert_eq!(log.iter().filter(|(_, a, _)| a == "forbidden").count(), 1);
    }

    /// A session never signed out of keeps its sealed reader key no longer
    /// than it lives, whether or not its cookie comes back.
    #[tokio::test]
    async fn the_sealed_key_of_an_ended_session_is_dropped() {
        let (_home, store) = store().await;
        let (user, guard) = editor_and_guard(store.as_ref()).await;
        let now = inferno_domain::date::unix_seconds();
        let key = inferno_vault::ReaderKey::generate();
        for (token, created_at, last_seen_at) in
            [("fresh", now, now), ("idle", now - 600, now - 120), ("old", now - 7200, now)]
        {
            let session = session_row(user.id, token, created_at, last_seen_at);
            store.create_session(&session).await.unwrap();
            store.seal_reader_key(&session.token_hash, &key.seal_to_session(token).unwrap()).await.unwrap();
        }
        assert_eq!(inferno_services::keys::forget_outlived(store.as_ref(), &guard).await.unwrap(), 2);
        let sealed = |token: &'static str| {
            let store = &store;
            async move {
                store.session(&inferno_auth::SessionToken::hash_of(token)).await.unwrap().unwrap().reader_key_sealed
            }
        };
        assert!(sealed("fresh").await.is_some(), "a live session keeps its key");
        assert!(sealed("idle").await.is_none() && sealed("old").await.is_none());
    }
}

/// What a source sends, kept sealed, found again by its receipt, read by a
/// reader, answered, and followed up: the vault's rules, without HTTP.
mod intake {
    use super::*;
    use inferno_domain::intake::{Answers, IntakeKind};
    use inferno_services::intake::{self, Closed, FileMeta, PendingFile, ReceiptKeys, ReceiveError, Sent};
    use inferno_storage::{DbPacks, FileOrigin, IntakeVault, MessageAuthor, Store};
    use inferno_vault::{Receipt, Sealer, SubmissionKey};
    use std::io::Read;
    use std::sync::Arc;

    const DAY: &str = "2026-12-07";

    /// A file as the web crate streams one in: sealed to `to` into the blob
    /// store's incoming area (on a thread of its own, as there).
    async fn sealed_file(vault: &IntakeVault, to: &str, bytes: &'static [u8]) -> PendingFile {
        let incoming = vault.create_blob().unwrap();
        let to_owned = to.to_owned();
        let incoming = tokio::task::spawn_blocking(move || {
            let mut sealer = Sealer::new(&[&to_owned], incoming).unwrap();
            sealer.write(bytes).unwrap();
            sealer.finish().unwrap()
        })
        .await
        .unwrap();
        let meta = FileMeta {
            name: "note.txt".into(),
            declared: "text/plain".into(),
            detected: None,
            reveals: None,
            size: bytes.len() as u64,
            sha256: String::new(),
            received_on: DAY.into(),
        };
        PendingFile::new(incoming, FileOrigin::Source, None, meta.seal(&[to]).unwrap())
    }

    /// The vault over a test's store: its inbox in `dir`, packs in the database.
    async fn vault_of(dir: &std::path::Path, store: Box<dyn Store>) -> IntakeVault {
        let store: Arc<dyn Store> = Arc::from(store);
        IntakeVault::open(dir, store.clone(), Arc::new(DbPacks::new(store))).await.unwrap()
    }

    /// What a file holds, read back through the vault and opened with `key`.
    async fn read_file(vault: &IntakeVault, blob: &str, key: &SubmissionKey) -> Vec<u8> {
        let r = vault.open_blob(blob).await.unwrap();
        let key = key.clone();
        tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            inferno_vault::open_stream(&key, std::io::BufReader::new(r)).unwrap().read_to_end(&mut out).unwrap();
            out
        })
        .await
        .unwrap()
    }

    #[tokio::test]
    async fn a_submission_is_sealed_found_by_its_receipt_answered_and_followed_up() {
        let ((dir, _db), store) = store().await;
        let vault = vault_of(dir.path(), store).await;
        let store = vault.store();
        let receipts = ReceiptKeys::open(dir.path(), &vault).await.unwrap();
        let made = Credentials::make("a long enough password").unwrap();
        accounts::create(store, "olena", Role::Admin, made, "test").await.unwrap();
        let readers = store.intake_readers().await.unwrap();

        let key = SubmissionKey::generate();
        let answers = Answers { what: "held in the basement".into(), ..Answers::default() };
        let files = vec![sealed_file(&vault, &key.public(), b"a photo").await];
        let sent = Sent { kind: IntakeKind::Submission, key: &key, answers: &answers, files, day: DAY };
        assert!(!vault.holds_submissions().await.unwrap());
        let received = intake::receive(&vault, &receipts, &readers, sent).await.unwrap();
        assert_eq!(received.files, 1);
        assert!(vault.holds_submissions().await.unwrap());
        assert!(!store.holds_submissions().await.unwrap(), "it waits in the inbox, not in the database");

        // The receipt finds it; a receipt never given finds nothing.
        let receipt = Receipt::parse(&received.receipt).unwrap();
        let (view, source_key) = receipts.find(&vault, receipt.clone()).await.unwrap().expect("found");
        assert!(receipts.find(&vault, Receipt::generate()).await.unwrap().is_none());
        assert_eq!(view.files, 1);

        // A reader opens it with the key unlocked at sign-in, and only so.
        let user = store.user_by_name("olena").await.unwrap().unwrap();
        let reader = inferno_services::keys::open(&user, "a long enough password").unwrap().key;
        let locked = intake::open(&vault, user.id, None, &view.id).await;
        assert!(matches!(locked, Err(Closed::Locked)));
        let unknown = intake::open(&vault, user.id, Some(&reader), "nosuchone").await;
        assert!(matches!(unknown, Err(Closed::NotFound)));
        let opened = intake::open(&vault, user.id, Some(&reader), &view.id).await.unwrap();
        assert_eq!(opened.answers().what, "held in the basement");

        // A reply is for the source's key too; a note is the team's only.
        // The first change moves the submission into the database first.
        for (author, text) in [(MessageAuthor::Reply, "we read it"), (MessageAuthor::Note, "team only")] {
            let change = opened.message(author, text).unwrap();
            assert!(intake::change(&vault, &view.id, &change, "olena").await.unwrap());
        }
        assert!(store.holds_submissions().await.unwrap(), "moved into the database for the change");
        let (view, _) = receipts.find(&vault, receipt.clone()).await.unwrap().unwrap();
        assert_eq!(view.replies.len(), 1, "the source sees the reply, not the note");
        assert_eq!(inferno_vault::decrypt(&source_key, &view.replies[0].1).unwrap(), b"we read it");

        // A follow-up with a file is kept (in the inbox again); one to a
        // submission that is gone keeps nothing, its file included.
        let more = vec![sealed_file(&vault, &view.public_key, b"one more").await];
        let kept = intake::follow_up(&vault, &view.id, &view.public_key, "and this", more, DAY);
        assert_eq!(kept.await.unwrap(), 1);
        let stray = vec![sealed_file(&vault, &view.public_key, b"stray").await];
        let gone = intake::follow_up(&vault, "nosuchone", &view.public_key, "", stray, DAY).await;
        assert!(matches!(gone, Err(ReceiveError::Gone)), "{gone:?}");
        let opened = intake::open(&vault, user.id, Some(&reader), &view.id).await.unwrap();
        assert_eq!(opened.record.files.len(), 2, "the database's file and the inbox's, read as one");
        assert_eq!(opened.record.messages.len(), 3);
        assert_eq!(vault.sweep().await.unwrap(), 0, "no blob is left without its row");

        // Status and assignee from one form: one transaction, an entry each;
        // nothing to change stores nothing.
        let both = [
            inferno_storage::IntakeChange::Status(inferno_domain::IntakeStatus::InReview),
            inferno_storage::IntakeChange::Assign(Some(user.id)),
        ];
        assert!(intake::change_all(&vault, &view.id, &both, "olena").await.unwrap());
        assert!(!intake::change_all(&vault, &view.id, &[], "olena").await.unwrap());
        let opened = intake::open(&vault, user.id, Some(&reader), &view.id).await.unwrap();
        assert_eq!(opened.record.summary.status, inferno_domain::IntakeStatus::InReview);
        assert_eq!(opened.record.summary.assignee.as_deref(), Some("olena"));

        // What a source did is not in the audit log; what staff did is.
        let actions: Vec<String> = store.audit_entries().await.unwrap().into_iter().map(|e| e.action).collect();
        assert!(!actions.iter().any(|a| a.contains("submission") || a == "intake_follow_up"), "{actions:?}");
        assert_eq!(actions.iter().filter(|a| *a == "intake_reply" || *a == "intake_note").count(), 2);
        let triaged = actions.iter().filter(|a| *a == "intake_status" || *a == "intake_assign").count();
        assert_eq!(triaged, 2, "{actions:?}");

        // A second submission, then the seal: it moves into the database
        // (the first moved with the staff changes), every file into one
        // pack, and the inbox is empty.
        let key2 = SubmissionKey::generate();
        let files = vec![sealed_file(&vault, &key2.public(), b"second photo").await];
        let sent = Sent { kind: IntakeKind::Contact, key: &key2, answers: &answers, files, day: DAY };
        let second = intake::receive(&vault, &receipts, &readers, sent).await.unwrap();
        let sealed = intake::seal(&vault, false, "test").await.unwrap();
        assert_eq!((sealed.submissions, sealed.follow_ups, sealed.files), (1, 0, 3), "every file waiting: {sealed:?}");
        assert!(sealed.pack_bytes > 0);
        assert_eq!(store.intake_packs().await.unwrap().len(), 1, "one pack");
        assert_eq!(store.submissions().await.unwrap().len(), 2, "both in the database");
        let again = intake::seal(&vault, false, "test").await;
        assert!(matches!(again, Err(intake::SealError::AlreadyToday(_))), "{again:?}");
        assert_eq!(
            intake::seal(&vault, true, "test").await.unwrap(),
            intake::Sealed::default(),
            "forced: nothing waits"
        );
        // Everything reads as before, files from the pack.
        let opened = intake::open(&vault, user.id, Some(&reader), &view.id).await.unwrap();
        assert_eq!(opened.record.files.len(), 2);
        assert_eq!(opened.record.messages.len(), 3);
        for f in &opened.record.files {
            assert!(!vault.holds_blob(&f.blob).await.unwrap(), "the inbox forgot it");
            assert!(store.sealed_blob(&f.blob).await.unwrap().is_some(), "the pack holds it");
        }
        let bytes: Vec<Vec<u8>> = {
            let mut out = Vec::new();
            for f in &opened.record.files {
                out.push(read_file(&vault, &f.blob, &opened.key).await);
            }
            out
        };
        assert_eq!(bytes, [b"a photo".to_vec(), b"one more".to_vec()]);
        let (view2, _) = receipts
            .find(&vault, Receipt::parse(&second.receipt).unwrap())
            .await
            .unwrap()
            .expect("found after the seal");
        assert_eq!(view2.files, 1);
        let actions: Vec<String> = store.audit_entries().await.unwrap().into_iter().map(|e| e.action).collect();
        assert_eq!(actions.iter().filter(|a| *a == "intake_seal").count(), 1, "{actions:?}");
    }

    /// Every node derives the same receipts: a data directory without the
    /// deployment's pepper, or with another, is refused, never given one.
    #[tokio::test]
    async fn every_node_derives_receipts_with_the_one_pepper() {
        let ((dir, _db), store) = store().await;
        let store: Arc<dyn Store> = Arc::from(store);
        let vault_in = |d: std::path::PathBuf| {
            let store = store.clone();
            async move { IntakeVault::open(&d, store.clone(), Arc::new(DbPacks::new(store))).await.unwrap() }
        };
        let first = ReceiptKeys::open(dir.path(), &vault_in(dir.path().into()).await).await.unwrap();
        let other = tempfile::tempdir().unwrap();
        let empty = other.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        let refused = ReceiptKeys::open(&empty, &vault_in(empty.clone()).await).await.err().unwrap().to_string();
        assert!(refused.contains("lacks") && refused.contains(intake::PEPPER_FILE), "{refused}");
        assert!(!empty.join(intake::PEPPER_FILE).exists());
        let foreign = other.path().join("foreign");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join(intake::PEPPER_FILE), "cd".repeat(32)).unwrap();
        let refused = ReceiptKeys::open(&foreign, &vault_in(foreign.clone()).await).await.err().unwrap().to_string();
        assert!(refused.contains("is not the one"), "{refused}");
        let joined = other.path().join("joined");
        std::fs::create_dir_all(&joined).unwrap();
        std::fs::copy(dir.path().join(intake::PEPPER_FILE), joined.join(intake::PEPPER_FILE)).unwrap();
        let second = ReceiptKeys::open(&joined, &vault_in(joined.clone()).await).await.unwrap();
        let receipt = || Receipt::parse("1234 5678 9012 3457").unwrap();
        let (a, _) = first.derive(receipt()).await.unwrap();
        let (b, _) = second.derive(receipt()).await.unwrap();
        assert_eq!(a, b, "the same receipt finds the same submission on either node");
    }

    /// A submission the inbox does not take leaves no file behind.
    #[tokio::test]
    async fn a_submission_not_stored_leaves_no_file() {
        let ((dir, _db), store) = store().await;
        let vault = vault_of(dir.path(), store).await;
        let receipts = ReceiptKeys::open(dir.path(), &vault).await.unwrap();
        let key = SubmissionKey::generate();
        let answers = Answers::default();
        let files = vec![sealed_file(&vault, &key.public(), b"a photo").await];
        // The inbox loses a table under the server's feet: its rows cannot be stored.
        let inbox = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("vault.sqlite3"));
        let mut c = sqlx::ConnectOptions::connect(&inbox).await.unwrap();
        sqlx::query("DROP TABLE intake_keys").execute(&mut c).await.unwrap();
        let readers = vec![inferno_storage::Reader { user_id: 1, name: "olena".into(), public: key.public() }];
        let sent = Sent { kind: IntakeKind::Contact, key: &key, answers: &answers, files, day: DAY };
        let refused = intake::receive(&vault, &receipts, &readers, sent).await;
        assert!(matches!(refused, Err(ReceiveError::Store(_))), "{refused:?}");
        assert_eq!(vault.sweep().await.unwrap(), 0, "its file was deleted");
        assert!(vault.submissions().await.unwrap().is_empty());
    }
}

/// The editing rules straight against the service: four eyes on what the
/// public sees, drafts, and what each step leaves in the history and the log.
mod editing {
    use super::store;
    use inferno_domain::import::{self, Batch, record_fields};
    use inferno_domain::{Kind, PartialDate, Problem};
    use inferno_services::{editing, records};
    use inferno_storage::{Editor, ImportError, SaveMode, Saved, Store, StoreError, Verdict, Visibility};

    const EDITOR: Editor<'static> = Editor { name: "ivan", may_publish: false };
    const REVIEWER: Editor<'static> = Editor { name: "olena", may_publish: true };
    const KURSK: &str = "ru-kursk-sizo-1";

    /// The sample's sites, with `from` replaced by `to`, as a batch of the one site `id`.
    fn site_batch(id: &str, from: &str, to: &str) -> Batch {
        let text = String::from_utf8(include_bytes!("../../../data/facilities.csv").to_vec()).unwrap();
        let mut batch = import::parse(Kind::Sites, text.replace(from, to).as_bytes()).unwrap();
        let i = (0..batch.len()).find(|&i| import::key_of(&batch, i).as_deref() == Some(id)).unwrap();
        batch.keep_only(i);
        batch
    }

    async fn name_and_published(store: &dyn Store, id: &str) -> (String, bool) {
        let (batch, published) = store.staff_record(Kind::Sites, id).await.unwrap().expect("the site");
        let fields = record_fields(&batch, 0).unwrap();
        (fields.iter().find(|(c, _)| *c == "name_en").unwrap().1.clone(), published)
    }

    async fn actions(store: &dyn Store) -> Vec<String> {
        store.audit_entries().await.unwrap().into_iter().map(|e| e.action).collect()
    }

    #[tokio::test]
    async fn an_editors_change_waits_for_a_reviewer_who_publishes_exactly_what_they_read() {
        let (_home, store) = store().await;
        let sites = import::parse(Kind::Sites, include_bytes!("../../../data/facilities.csv")).unwrap();
        records::import(store.as_ref(), &sites, PartialDate::today(), "cli").await.unwrap();
        let (name, published) = name_and_published(store.as_ref(), KURSK).await;
        assert!(published && name.contains("Kursk"));

        // An editor's change to a published site is a proposal: the live row stays.
        let renamed = site_batch(KURSK, "Kursk", "Kursk (renamed)");
        let saved = editing::save(store.as_ref(), &renamed, SaveMode::Update, EDITOR, Some("Renamed.")).await;
        assert_eq!(saved.unwrap(), Saved::Pending);
        assert_eq!(name_and_published(store.as_ref(), KURSK).await, (name.clone(), true), "readers see no change");
        let waiting = store.waiting().await.unwrap();
        assert!(waiting.iter().any(|w| w.id == KURSK && w.actor == "ivan" && !w.new), "{waiting:?}");
        let again = editing::save(store.as_ref(), &renamed, SaveMode::Update, EDITOR, Some("Renamed.")).await;
        assert_eq!(again.unwrap(), Saved::Unchanged, "the same change again waits once");

        // A further edit replaces it; a reviewer acting on the one they read is refused.
        let first = pending(store.as_ref()).await;
        let further = site_batch(KURSK, "Kursk", "Kursk (renamed again)");
        assert_eq!(
            editing::save(store.as_ref(), &further, SaveMode::Update, EDITOR, None).await.unwrap(),
            Saved::Pending
        );
        let second = pending(store.as_ref()).await;
        assert_ne!(first, second);
        let stale =
            editing::review(store.as_ref(), Kind::Sites, KURSK, first, Verdict::Approve, "olena", Some("x")).await;
        assert!(matches!(stale, Err(StoreError::Conflict(Problem::ChangeReplaced { .. }))), "{stale:?}");
        assert_eq!(name_and_published(store.as_ref(), KURSK).await.0, name, "nothing was published");

        // The reviewer publishes the change they read.
        let done =
            editing::review(store.as_ref(), Kind::Sites, KURSK, second, Verdict::Approve, "olena", Some("Renamed."));
        assert!(done.await.unwrap());
        let again = name.replace("Kursk", "Kursk (renamed again)");
        assert_eq!(name_and_published(store.as_ref(), KURSK).await, (again, true));
        assert!(store.waiting().await.unwrap().iter().all(|w| w.id != KURSK), "nothing waits any more");
        let nothing = editing::review(store.as_ref(), Kind::Sites, KURSK, second, Verdict::Discard, "olena", None);
        assert!(!nothing.await.unwrap(), "no change waits");

        // A reviewer's own change goes live at once; withdrawing tells readers why, once.
        let back = site_batch(KURSK, "Kursk", "Kursk");
        let saved = editing::save(store.as_ref(), &back, SaveMode::Update, REVIEWER, Some("Name restored.")).await;
        assert_eq!(saved.unwrap(), Saved::Applied);
        let withdrawn = Visibility::Withdrawn;
        let note = Some("Withdrawn while checked.");
        assert!(editing::set_published(store.as_ref(), Kind::Sites, KURSK, withdrawn, "olena", note).await.unwrap());
        assert!(!editing::set_published(store.as_ref(), Kind::Sites, KURSK, withdrawn, "olena", note).await.unwrap());
        assert!(!name_and_published(store.as_ref(), KURSK).await.1);

        let history: Vec<String> =
            store.revisions(Kind::Sites, KURSK).await.unwrap().into_iter().map(|r| r.action).collect();
        assert_eq!(history, ["import", "propose", "propose", "approve", "update", "unpublish"]);
        let log = actions(store.as_ref()).await;
        for want in ["site_propose", "site_approve", "site_update", "site_unpublish"] {
            assert!(log.iter().any(|a| a == want), "{want} in {log:?}");
        }
        assert!(store.audit_entries().await.unwrap().iter().all(|e| !e.action.contains("discard")));
    }

    async fn pending(store: &dyn Store) -> i64 {
        let revisions = store.revisions(Kind::Sites, KURSK).await.unwrap();
        revisions.into_iter().find(|r| r.pending).expect("a change waits").id
    }

    #[tokio::test]
    async fn new_records_are_drafts_until_a_reviewer_publishes_and_ids_are_taken_once() {
        let (_home, store) = store().await;
        let header = "id,kind,title,publisher,published_on,url,language,reliability,credibility,independence_group,notes,notes_uk\n";
        let source = |id: &str| {
            let row = format!("{id},media,A new report,An outlet,2024-01-01,https://example.org/{id},en,C,3,{id},,\n");
            import::parse(Kind::Sources, format!("{header}{row}").as_bytes()).unwrap()
        };
        let published = |id: &'static str| {
            let store = store.as_ref();
            async move { store.staff_record(Kind::Sources, id).await.unwrap().expect("stored").1 }
        };
        // An editor's new source is a draft that waits; a reviewer's is public.
        let version = store.content_version().await.unwrap();
        let saved = editing::save(store.as_ref(), &source("src-a"), SaveMode::Create, EDITOR, None).await;
        assert_eq!(saved.unwrap(), Saved::Applied);
        assert!(!published("src-a").await, "an editor's new source is a draft");
        assert_eq!(store.content_version().await.unwrap(), version, "a draft changes no public page");
        assert!(store.waiting().await.unwrap().iter().any(|w| w.id == "src-a" && w.new), "it waits for review");
        let saved = editing::save(store.as_ref(), &source("src-b"), SaveMode::Create, REVIEWER, None).await;
        assert_eq!(saved.unwrap(), Saved::Applied);
        assert!(published("src-b").await, "a reviewer's new source is public");
        assert_eq!(store.content_version().await.unwrap(), version + 1, "the public pages change");

        // An id is taken once; a change needs a record to change.
        let taken = editing::save(store.as_ref(), &source("src-a"), SaveMode::Create, REVIEWER, None).await;
        assert!(matches!(taken, Err(ImportError::Store(StoreError::Conflict(Problem::AlreadyExists { .. })))));
        let missing = editing::save(store.as_ref(), &source("src-none"), SaveMode::Update, REVIEWER, None).await;
        assert!(matches!(missing, Err(ImportError::Store(StoreError::Conflict(Problem::NoSuchRecord { .. })))));

        let public = Visibility::Published;
        assert!(editing::set_published(store.as_ref(), Kind::Sources, "src-a", public, "olena", None).await.unwrap());
        assert!(published("src-a").await);
        assert!(store.waiting().await.unwrap().iter().all(|w| w.id != "src-a"), "nothing waits any more");
    }
}

/// A list kept between requests and brought up to date record by record
/// reads the same as one read whole, after every kind of change.
mod notes {
    use super::store;
    use inferno_domain::{Kind, PartialDate, Problem, import};
    use inferno_services::notes::{self, NoteError};
    use inferno_services::records;

    const KURSK: &str = "ru-kursk-sizo-1";

    #[tokio::test]
    async fn a_team_note_is_kept_beside_its_record_audited_and_never_in_the_catalog() {
        let (_home, store) = store().await;
        let sites = import::parse(Kind::Sites, include_bytes!("../../../data/facilities.csv")).unwrap();
        records::import(store.as_ref(), &sites, PartialDate::today(), "cli").await.unwrap();
        let before = store.audit_size().await.unwrap();
        let note = "Read via a proxy copy; check the original\r\nagain.  ";

        assert!(notes::save(store.as_ref(), Kind::Sites, KURSK, note, "ivan").await.unwrap());
        let kept = store.staff_note(Kind::Sites, KURSK).await.unwrap().expect("the note");
        assert_eq!(kept.note, "Read via a proxy copy; check the original\nagain.");
        assert_eq!((kept.actor.as_str(), kept.updated_on.clone()), ("ivan", PartialDate::today().to_string()));
        // The same words again change nothing and record nothing.
        assert!(!notes::save(store.as_ref(), Kind::Sites, KURSK, note, "olena").await.unwrap());
        assert_eq!(store.audit_size().await.unwrap(), before + 1);
        let entry = store.audit_entries().await.unwrap().pop().unwrap();
        assert_eq!((entry.action.as_str(), entry.target.as_str()), ("record_note", "site/ru-kursk-sizo-1"));
        assert_eq!(entry.detail, "saved", "the entry never holds the note's words");

        // What readers get is built without it.
        let catalog = format!("{:?}", store.load_catalog().await.unwrap().site(KURSK));
        assert!(!catalog.contains("proxy copy"));

        // Refused as typed: too long, or with a control character; nothing stored.
        let long = "x".repeat(notes::MAX_NOTE + 1);
        let refused = notes::save(store.as_ref(), Kind::Sites, KURSK, &long, "ivan").await;
        assert!(matches!(refused, Err(NoteError::Invalid(Problem::TooLong { .. }))));
        let refused = notes::save(store.as_ref(), Kind::Sites, KURSK, "bell\u{7}", "ivan").await;
        assert!(matches!(refused, Err(NoteError::Invalid(Problem::ControlCharacter { code_point: 7 }))));
        let unknown = notes::save(store.as_ref(), Kind::Sites, "ru-nowhere", "A note.", "ivan").await;
        assert!(matches!(unknown, Err(NoteError::NoSuchRecord)));
        assert_eq!(store.audit_size().await.unwrap(), before + 1);

        // An empty note removes it.
        assert!(notes::save(store.as_ref(), Kind::Sites, KURSK, " ", "ivan").await.unwrap());
        assert_eq!(store.staff_note(Kind::Sites, KURSK).await.unwrap(), None);
        assert_eq!(store.audit_entries().await.unwrap().pop().unwrap().detail, "removed");
    }
}

mod listing {
    use super::store;
    use inferno_domain::import::{self, Batch};
    use inferno_domain::{Kind, Lang, PartialDate};
    use inferno_services::listing::{self, ListIndex, ListQuery, Status};
    use inferno_services::{editing, records};
    use inferno_storage::{Editor, SaveMode, Store, Visibility};

    const EDITOR: Editor<'static> = Editor { name: "ivan", may_publish: false };
    const REVIEWER: Editor<'static> = Editor { name: "olena", may_publish: true };

    fn sites(from: &str, to: &str) -> Batch {
        let text = String::from_utf8(include_bytes!("../../../data/facilities.csv").to_vec()).unwrap();
        import::parse(Kind::Sites, text.replace(from, to).as_bytes()).unwrap()
    }

    fn one(mut batch: Batch, id: &str) -> Batch {
        let i = (0..batch.len()).find(|&i| import::key_of(&batch, i).as_deref() == Some(id)).unwrap();
        batch.keep_only(i);
        batch
    }

    /// The kept list equals a fresh one, for every status and both orders.
    async fn same(store: &dyn Store, kept: &ListIndex, what: &str) {
        for status in
            [None, Some(Status::Draft), Some(Status::Waiting), Some(Status::Published), Some(Status::Withdrawn)]
        {
            for by_key in [false, true] {
                let q = ListQuery { status, by_key, ..ListQuery::default() };
                let a = listing::list(store, kept, Kind::Sites, Lang::En, &q, (1, 1000)).await.unwrap();
                let fresh = ListIndex::default();
                let b = listing::list(store, &fresh, Kind::Sites, Lang::En, &q, (1, 1000)).await.unwrap();
                assert_eq!(a, b, "after {what}, status {status:?}, by key {by_key}");
            }
        }
    }

    #[tokio::test]
    async fn a_kept_list_reads_as_one_read_whole() {
        let (_home, store) = store().await;
        let store = store.as_ref();
        let today = PartialDate::today();
        records::import(store, &sites("", ""), today, "cli").await.unwrap();
        let kept = ListIndex::default();
        same(store, &kept, "the import").await;

        let renamed = one(sites("(SIZO-1), Kursk", "(SIZO-1), Kursk city"), "ru-kursk-sizo-1");
        editing::save(store, &renamed, SaveMode::Update, EDITOR, Some("Renamed.")).await.unwrap();
        same(store, &kept, "a proposal").await;
        let waiting = ListQuery { status: Some(Status::Waiting), ..ListQuery::default() };
        let found = listing::list(store, &kept, Kind::Sites, Lang::En, &waiting, (1, 50)).await.unwrap();
        assert_eq!(found.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(), ["ru-kursk-sizo-1"]);

        let new = one(sites("ru-kursk-sizo-1", "ru-kursk-sizo-9"), "ru-kursk-sizo-9");
        editing::save(store, &new, SaveMode::Create, EDITOR, None).await.unwrap();
        same(store, &kept, "a new draft").await;
        let first = listing::list(store, &kept, Kind::Sites, Lang::En, &ListQuery::default(), (1, 2)).await.unwrap();
        let mut newest: Vec<&str> = first.rows.iter().map(|r| r.key.as_str()).collect();
        newest.sort_unstable();
        assert_eq!(newest, ["ru-kursk-sizo-1", "ru-kursk-sizo-9"], "the newest changes come first");
        assert_eq!(first.total, 30);

        editing::set_published(store, Kind::Sites, "ru-kursk-sizo-9", Visibility::Published, "olena", None)
            .await
            .unwrap();
        same(store, &kept, "publishing").await;
        editing::set_published(store, Kind::Sites, "ru-kursk-sizo-9", Visibility::Withdrawn, "olena", Some("Merged."))
            .await
            .unwrap();
        same(store, &kept, "withdrawing").await;
        let again = one(sites("Taganrog", "Tahanroh"), "ru-taganrog-sizo-2");
        editing::save(store, &again, SaveMode::Update, REVIEWER, Some("Spelling.")).await.unwrap();
        same(store, &kept, "a reviewer's edit").await;
        records::import(store, &sites("Olenivka", "Olenivka (Donetsk)"), today, "cli").await.unwrap();
        same(store, &kept, "a second import").await;
        assert_eq!(kept.whole_reads(), 1, "every change after the first read was read record by record");
    }
}
