//! Staff accounts and sessions, as storage sees them.

use inferno_domain::Role;

/// A staff account. The password hash and TOTP secret never leave the server.
#[derive(Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    /// Base32.
    pub totp_secret: String,
    pub totp_last_step: u64,
    pub disabled: bool,
    pub created_at: i64,
    pub password_changed_at: i64,
    /// The public half of the account's reader key (`age1…`), once it has one.
    pub reader_public: Option<String>,
    /// The private half, wrapped under the password (see `inferno_vault::ReaderKey`).
    pub reader_key: Option<Vec<u8>>,
}

impl std::fmt::Debug for User {
    /// Leaves the secrets out, so that logging a user cannot leak them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// What creating an account needs (the password already hashed).
#[derive(Clone)]
pub struct NewUser {
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub totp_secret: String,
    /// The reader key pair: public key, and private key wrapped under the password.
    pub reader_key: Option<(String, Vec<u8>)>,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token_hash: String,
    pub user_id: i64,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// One version of a record edited in the back office.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub id: i64,
    pub actor: String,
    /// Unix seconds, UTC.
    pub time: i64,
    /// `create`, `update`, `revert`, `publish`, `unpublish`.
    pub action: String,
    pub published: bool,
    pub public_note: Option<String>,
    /// The whole record after the action.
    pub snapshot: serde_json::Value,
}
