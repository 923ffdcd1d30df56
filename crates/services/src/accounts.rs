//! Staff accounts: every change to one, the same for `inferno user` and the
//! back office, each stored with the audit entry worded here (the storage
//! backends only store it, in the same transaction as the change).

use crate::audited::commit_if;
use inferno_auth::{PasswordError, TotpSecret, check_policy, hash_password};
use inferno_domain::{AuditAction, Problem, Role, check_username};
use inferno_storage::{AuditEvent, NewUser, StoreError, Writing};
use inferno_vault::{ReaderKey, VaultError};

/// Why a new account's name or password is refused, before anything is made.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum NewAccountProblem {
    #[error("name: {0}")]
    Name(Problem),
    #[error("password: {0}")]
    Password(PasswordError),
}

/// Checks a new account's name and password: cheap, so done before the
/// slow [`Credentials::make`].
pub fn check_new(name: &str, password: &str) -> Result<(), NewAccountProblem> {
    check_username(name).map_err(NewAccountProblem::Name)?;
    check_policy(password).map_err(NewAccountProblem::Password)
}

/// A password made into what is stored: its Argon2id hash, and a new
/// reader key (for reading submissions) wrapped under the same password, so
/// that submissions can be sealed to the account from its first day;
/// changing the password rewraps it.
pub struct Credentials {
    hash: String,
    reader_key: (String, Vec<u8>),
}

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    #[error(transparent)]
    Password(#[from] PasswordError),
    #[error("cannot make the account's reader key: {0}")]
    Key(#[from] VaultError),
}

impl Credentials {
    /// Slow on purpose (Argon2id with 64 MiB, twice): callers on an async
    /// runtime run it on a blocking thread, through whatever bounds their
    /// hashing (the back office has a small pool, so that a flood of
    /// sign-ins cannot take every core).
    pub fn make(password: &str) -> Result<Credentials, CredentialsError> {
        let key = ReaderKey::generate();
        Ok(Credentials { hash: hash_password(password)?, reader_key: (key.public(), key.wrap(password)?) })
    }
}

/// Creates an account (the store records who did it in the audit log) and
/// returns its second factor's secret, to be shown once and kept nowhere.
/// A name already taken is [`StoreError::Conflict`].
pub async fn create(
    store: &dyn Writing,
    name: &str,
    role: Role,
    credentials: Credentials,
    actor: &str,
) -> Result<TotpSecret, StoreError> {
    let secret = TotpSecret::generate();
    let user = NewUser {
        name: name.to_owned(),
        role,
        password_hash: credentials.hash,
        totp_secret: secret.to_base32(),
        reader_key: Some(credentials.reader_key),
    };
    let event = AuditEvent::new(actor, AuditAction::UserCreate, &target(name), format!("role {}", role.code()));
    let mut w = store.begin().await?;
    w.create_user(&user).await?;
    commit_if(w, true, &event).await?;
    Ok(secret)
}

/// What the audit log names an account by.
fn target(name: &str) -> String {
    format!("user/{name}")
}

/// Disables an account (ending its sessions) or enables it again; false
/// when there is no such account or it already was.
pub async fn set_disabled(store: &dyn Writing, name: &str, disabled: bool, actor: &str) -> Result<bool, StoreError> {
    let action = if disabled { AuditAction::UserDisable } else { AuditAction::UserEnable };
    let mut w = store.begin().await?;
    let changed = w.set_user_disabled(name, disabled).await?;
    commit_if(w, changed, &AuditEvent::new(actor, action, &target(name), "")).await
}

/// Stores an account's new password hash, with its reader key rewrapped
/// under the new password when it has one, and ends its sessions; false
/// when there is no such account.
pub async fn change_password(
    store: &dyn Writing,
    name: &str,
    password_hash: &str,
    reader_key: Option<&[u8]>,
    actor: &str,
) -> Result<bool, StoreError> {
    let event = AuditEvent::new(actor, AuditAction::PasswordChange, &target(name), "sessions ended");
    let mut w = store.begin().await?;
    let changed = w.set_password(name, password_hash, reader_key).await?;
    commit_if(w, changed, &event).await
}

/// Gives an account that has none (made before the vault) its reader key,
/// once; false when it has one already.
pub async fn give_reader_key(
    store: &dyn Writing,
    user_id: i64,
    name: &str,
    public: &str,
    wrapped: &[u8],
) -> Result<bool, StoreError> {
    let event = AuditEvent::new(name, AuditAction::ReaderKeyCreated, &target(name), public);
    let mut w = store.begin().await?;
    let changed = w.set_reader_key(user_id, public, wrapped).await?;
    commit_if(w, changed, &event).await
}

/// Gives an account a new second factor and ends its sessions; returns the
/// secret to show once, or `None` when there is no such account.
pub async fn reset_second_factor(
    store: &dyn Writing,
    name: &str,
    actor: &str,
) -> Result<Option<TotpSecret>, StoreError> {
    let secret = TotpSecret::generate();
    let event = AuditEvent::new(actor, AuditAction::UserReset2fa, &target(name), "sessions ended");
    let mut w = store.begin().await?;
    let changed = w.set_totp_secret(name, &secret.to_base32()).await?;
    Ok(commit_if(w, changed, &event).await?.then_some(secret))
}
