//! `inferno user …`: staff accounts from the command line.

use crate::support::{BIN, database_args};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn user(data: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(database_args(Path::new(data)))
        .args(["--data-dir", data, "user"])
        .args(args)
        .env("INFERNO_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits without reading its input:
    // the pipe is then closed, and what it printed is what the test checks.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn accounts_are_created_listed_disabled_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();

    let out = user(data, &["add", "olena", "--role", "admin"], "a long enough password\n");
    assert!(out.status.success(), "{}", text(&out));
    let setup = String::from_utf8(out.stdout).unwrap();
    assert!(setup.starts_with("Created olena (admin)."), "{setup}");
    let uri =
        setup.lines().find(|l| l.starts_with("otpauth://totp/Inferno:olena?")).expect("provisioning URI").to_owned();
    assert!(uri.contains("secret="), "{uri}");
    assert!(setup.contains('█'), "a QR code for the terminal");

    // From a file, too.
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "another long password\n").unwrap();
    assert!(
        user(data, &["add", "ivan", "--role", "editor", "--password-file", pw.to_str().unwrap()], "").status.success()
    );

    let list = String::from_utf8(user(data, &["list"], "").stdout).unwrap();
    assert_eq!(
        list.lines().collect::<Vec<_>>(),
        ["ivan                     editor    active", "olena                    admin     active"]
    );

    let out = user(data, &["disable", "ivan"], "");
    assert!(out.status.success());
    assert!(
        String::from_utf8(user(data, &["list"], "").stdout)
            .unwrap()
            .contains("ivan                     editor    disabled")
    );

    let out = user(data, &["reset-2fa", "olena"], "");
    assert!(out.status.success());
    let new_uri =
        String::from_utf8(out.stdout).unwrap().lines().find(|l| l.starts_with("otpauth://")).unwrap().to_owned();
    assert_ne!(new_uri, uri, "a new secret");

    // Every change is in the audit log, and the log verifies.
    let out = Command::new(BIN)
        .args(database_args(Path::new(data)))
        .args(["--data-dir", data, "audit", "verify"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("4 entries"), "{}", text(&out));
}

#[test]
fn bad_input_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    for (args, stdin, want) in [
        (vec!["add", "ivan", "--role", "editor"], "short\n", "at least 12 characters"),
        (vec!["add", "Ivan Petrenko", "--role", "editor"], "a long enough password\n", "is not a valid account name"),
        (vec!["add", "ivan", "--role", "root"], "a long enough password\n", "is not a role"),
        (vec!["disable", "nobody"], "", "there is no account named \"nobody\""),
        (vec!["reset-2fa", "nobody"], "", "there is no account named \"nobody\""),
    ] {
        let out = user(data, &args, stdin);
        assert!(!out.status.success(), "{args:?}");
        assert!(text(&out).contains(want), "{args:?}: {}", text(&out));
    }
    assert!(user(data, &["add", "ivan", "--role", "editor"], "a long enough password\n").status.success());
    let out = user(data, &["add", "ivan", "--role", "admin"], "a long enough password\n");
    assert!(!out.status.success());
    assert!(text(&out).contains("an account named \"ivan\" already exists"));
    let list = String::from_utf8(user(data, &["list"], "").stdout).unwrap();
    assert_eq!(list.lines().count(), 1);
}
