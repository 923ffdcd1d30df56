//! One deployment, one set of secrets, whatever the number of nodes: a node
//! whose data directory lacks them is refused, and is given them with
//! `inferno secrets export` and `inferno secrets import`, never new ones.

use crate::support::{Server, database_of, run};
use inferno_storage::AUDIT_KEY_FILE;
use inferno_vault::IdentityFile;
use std::path::Path;

const PEPPER_FILE: &str = "intake-pepper.key";

fn said(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn ok(out: &std::process::Output) -> String {
    let text = said(out);
    assert!(out.status.success(), "{text}");
    text
}

fn on(dir: &Path, url: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--data-dir", dir.to_str().unwrap(), "--database-url", url];
    all.extend_from_slice(args);
    run(&all)
}

#[tokio::test]
async fn a_node_is_given_the_deployments_secrets_and_no_others() {
    // The first node: its start makes both secrets and records them.
    let first = Server::start_with(tempfile::tempdir().unwrap(), &[]).stop();
    let a = first.path();
    let url = database_of(a);
    let work = tempfile::tempdir().unwrap();
    let (identity, identity_text) = IdentityFile::generate();
    let keyfile = work.path().join("node.key");
    std::fs::write(&keyfile, &identity_text).unwrap();

    let exported = run(&["--data-dir", a.to_str().unwrap(), "secrets", "export", "--to", &identity.public()]);
    assert!(exported.status.success(), "{}", said(&exported));
    for name in [AUDIT_KEY_FILE, PEPPER_FILE] {
        let secret = std::fs::read_to_string(a.join(name)).unwrap();
        assert!(!String::from_utf8_lossy(&exported.stdout).contains(secret.trim()), "{name} leaves only encrypted");
    }
    let file = work.path().join("secrets.age");
    std::fs::write(&file, &exported.stdout).unwrap();
    let file = file.to_str().unwrap();
    let keyfile = keyfile.to_str().unwrap();

    // A second node with an empty data directory is refused, and given nothing.
    let b = work.path().join("b");
    let refused = on(&b, &url, &["migrate"]);
    assert!(!refused.status.success());
    assert!(said(&refused).contains("inferno secrets import"), "{}", said(&refused));
    assert!(!b.join(AUDIT_KEY_FILE).exists());

    // Provisioned, it joins: the same files, a log that verifies, the import in it.
    let imported = ok(&on(&b, &url, &["secrets", "import", file, "--identity", keyfile]));
    assert!(imported.contains("Wrote"), "{imported}");
    for name in [AUDIT_KEY_FILE, PEPPER_FILE] {
        assert_eq!(std::fs::read(b.join(name)).unwrap(), std::fs::read(a.join(name)).unwrap(), "{name}");
    }
    ok(&on(&b, &url, &["migrate"]));
    let verified = ok(&on(&b, &url, &["audit", "verify"]));
    assert!(verified.contains("The audit log is intact"), "{verified}");
    let again = ok(&on(&b, &url, &["secrets", "import", file, "--identity", keyfile]));
    assert!(again.contains("was there already") && !again.contains("Wrote"), "{again}");

    // A node holding another pepper is refused whole: not even the audit key is written.
    let c = work.path().join("c");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(c.join(PEPPER_FILE), format!("{}\n", "ab".repeat(32))).unwrap();
    let refused = on(&c, &url, &["secrets", "import", file, "--identity", keyfile]);
    assert!(!refused.status.success());
    assert!(said(&refused).contains("already holds another secret"), "{}", said(&refused));
    assert!(!c.join(AUDIT_KEY_FILE).exists());

    // Secrets of another deployment are refused.
    let other = Server::start_with(tempfile::tempdir().unwrap(), &[]).stop();
    let foreign = run(&["--data-dir", other.path().to_str().unwrap(), "secrets", "export", "--to", &identity.public()]);
    assert!(foreign.status.success(), "{}", said(&foreign));
    let foreign_file = work.path().join("foreign.age");
    std::fs::write(&foreign_file, &foreign.stdout).unwrap();
    let d = work.path().join("d");
    let refused = on(&d, &url, &["secrets", "import", foreign_file.to_str().unwrap(), "--identity", keyfile]);
    assert!(!refused.status.success());
    assert!(said(&refused).contains("exported from another deployment"), "{}", said(&refused));
    assert!(!d.join(AUDIT_KEY_FILE).exists() && !d.join(PEPPER_FILE).exists());

    // And a file for another recipient does not open.
    let (_, stranger_text) = IdentityFile::generate();
    let stranger = work.path().join("stranger.key");
    std::fs::write(&stranger, stranger_text).unwrap();
    let refused = on(&d, &url, &["secrets", "import", file, "--identity", stranger.to_str().unwrap()]);
    assert!(!refused.status.success(), "{}", said(&refused));
    assert!(!d.join(AUDIT_KEY_FILE).exists());
}
