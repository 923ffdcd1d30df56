//! What the audit log and a record's history say was done, each worded once.
//!
//! The words are stored, hashed into the audit log's chain, and read by
//! people and by `inferno audit verify`; once written they never change. A
//! new action is a new variant with new words, never new words for an old one.

use crate::{Kind, RevisionAction};
use std::fmt;

impl RevisionAction {
    /// Whether the public pages show what it did: a proposal, and one
    /// discarded, leave them as they were.
    pub fn changes_public_pages(self) -> bool {
        !matches!(self, RevisionAction::Propose | RevisionAction::Discard)
    }
}

/// Every action the audit log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    // Signing in and out.
    Login,
    LoginFailed,
    /// A sign-in with a name no account can have.
    LoginRefused,
    LoginThrottled,
    Logout,
    SessionEnded,
    /// A page or change the role does not allow.
    Forbidden,
    /// A change without the session's form token.
    CsrfRefused,
    // Accounts.
    PasswordChange,
    PasswordChangeFailed,
    PasswordChangeThrottled,
    UserCreate,
    UserDisable,
    UserEnable,
    UserReset2fa,
    ReaderKeyCreated,
    UsersView,
    // Records.
    /// A CSV or editorial import.
    Import,
    /// A record's revision: `site_update`, `testimony_publish`, …
    Revision(Kind, RevisionAction),
    /// The team's working note on a record saved (never published).
    RecordNote,
    /// The database copied to another backend.
    Copy,
    /// A node given the deployment's secrets (`inferno secrets import`).
    SecretsImport,
    AuditView,
    // The intake vault: what staff do, never what a source does.
    IntakeQueueView,
    IntakeView,
    IntakeDownload,
    IntakeStatus,
    IntakeAssign,
    IntakeReply,
    IntakeNote,
    IntakePublicCopy,
    IntakeLink,
    IntakeKeysShared,
    IntakePurge,
    /// The day's inbox moved into the database and the pack store.
    IntakeSeal,
}

impl AuditAction {
    /// Every action whose words are fixed (all but a revision's), in the
    /// order the audit log's filter offers them.
    pub const FIXED: &'static [AuditAction] = {
        use AuditAction as A;
        &[
            A::Login,
            A::LoginFailed,
            A::LoginRefused,
            A::LoginThrottled,
            A::Logout,
            A::SessionEnded,
            A::Forbidden,
            A::CsrfRefused,
            A::PasswordChange,
            A::PasswordChangeFailed,
            A::PasswordChangeThrottled,
            A::UserCreate,
            A::UserDisable,
            A::UserEnable,
            A::UserReset2fa,
            A::ReaderKeyCreated,
            A::UsersView,
            A::Import,
            A::RecordNote,
            A::Copy,
            A::SecretsImport,
            A::AuditView,
            A::IntakeQueueView,
            A::IntakeView,
            A::IntakeDownload,
            A::IntakeStatus,
            A::IntakeAssign,
            A::IntakeReply,
            A::IntakeNote,
            A::IntakePublicCopy,
            A::IntakeLink,
            A::IntakeKeysShared,
            A::IntakePurge,
            A::IntakeSeal,
        ]
    };

    /// Every action, a revision of each kind included.
    pub fn all() -> Vec<AuditAction> {
        let revisions =
            Kind::ALL.into_iter().flat_map(|k| RevisionAction::ALL.iter().map(move |&a| AuditAction::Revision(k, a)));
        Self::FIXED.iter().copied().chain(revisions).collect()
    }

    /// The action whose stored words are `words`, if one is.
    pub fn parse(words: &str) -> Option<AuditAction> {
        if let Some(a) = Self::FIXED.iter().copied().find(|a| a.fixed() == Some(words)) {
            return Some(a);
        }
        let (kind, action) = words.split_once('_')?;
        Some(AuditAction::Revision(Kind::from_singular(kind)?, RevisionAction::parse(action).ok()?))
    }

    /// Whether it records only that someone looked: the log's page shows a
    /// run of the same look as one line.
    pub fn is_reading(self) -> bool {
        use AuditAction as A;
        matches!(self, A::UsersView | A::AuditView | A::IntakeQueueView | A::IntakeView | A::IntakeDownload)
    }

    /// The words stored for it. Only a revision's are made; the rest are fixed.
    fn fixed(self) -> Option<&'static str> {
        use AuditAction as A;
        Some(match self {
            A::Login => "login",
            A::LoginFailed => "login_failed",
            A::LoginRefused => "login_refused",
            A::LoginThrottled => "login_throttled",
            A::Logout => "logout",
            A::SessionEnded => "session_ended",
            A::Forbidden => "forbidden",
            A::CsrfRefused => "csrf_refused",
            A::PasswordChange => "password_change",
            A::PasswordChangeFailed => "password_change_failed",
            A::PasswordChangeThrottled => "password_change_throttled",
            A::UserCreate => "user_create",
            A::UserDisable => "user_disable",
            A::UserEnable => "user_enable",
            A::UserReset2fa => "user_reset_2fa",
            A::ReaderKeyCreated => "reader_key_created",
            A::UsersView => "users_view",
            A::Import => "import",
            A::RecordNote => "record_note",
            A::Copy => "copy",
            A::SecretsImport => "secrets_import",
            A::AuditView => "audit_view",
            A::IntakeQueueView => "intake_queue_view",
            A::IntakeView => "intake_view",
            A::IntakeDownload => "intake_download",
            A::IntakeStatus => "intake_status",
            A::IntakeAssign => "intake_assign",
            A::IntakeReply => "intake_reply",
            A::IntakeNote => "intake_note",
            A::IntakePublicCopy => "intake_public_copy",
            A::IntakeLink => "intake_link",
            A::IntakeKeysShared => "intake_keys_shared",
            A::IntakePurge => "intake_purge",
            A::IntakeSeal => "intake_seal",
            A::Revision(..) => return None,
        })
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.fixed(), self) {
            (Some(words), _) => f.write_str(words),
            (None, AuditAction::Revision(kind, action)) => write!(f, "{}_{}", kind.singular(), action.code()),
            (None, _) => unreachable!("only a revision's words are made"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn each_action_has_words_of_its_own() {
        let mut all: Vec<AuditAction> = AuditAction::FIXED.to_vec();
        assert_eq!(all.len(), 34, "a new action is added to FIXED");
        for kind in Kind::ALL {
            all.extend(RevisionAction::ALL.iter().map(|&a| AuditAction::Revision(kind, a)));
        }
        let words: HashSet<String> = all.iter().map(ToString::to_string).collect();
        assert_eq!(words.len(), all.len(), "no two actions share their words");
        assert!(
            words
                .iter()
                .all(|w| w.len() <= 64 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()))
        );
        // Words already in audit logs, which must read the same.
        assert_eq!(AuditAction::Revision(Kind::Sites, RevisionAction::Update).to_string(), "site_update");
        assert_eq!(AuditAction::Revision(Kind::Testimonies, RevisionAction::Publish).to_string(), "testimony_publish");
        assert_eq!(AuditAction::UserReset2fa.to_string(), "user_reset_2fa");
        for a in &all {
            assert_eq!(AuditAction::parse(&a.to_string()), Some(*a), "{a} reads back");
        }
        assert_eq!(AuditAction::parse("site_fly"), None);
        assert_eq!(AuditAction::parse("nothing"), None);
    }
}
