//! Staff accounts: the steps of making one and of giving it a new second
//! factor, the same for `inferno user` and the back office's accounts page.

use inferno_auth::{PasswordError, TotpSecret, check_policy, hash_password};
use inferno_domain::{Problem, Role, check_username};
use inferno_storage::{NewUser, Store, StoreError};
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
    store: &dyn Store,
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
    store.create_user(&user, actor).await?;
    Ok(secret)
}

/// Gives an account a new second factor and ends its sessions; returns the
/// secret to show once, or `None` when there is no such account.
pub async fn reset_second_factor(store: &dyn Store, name: &str, actor: &str) -> Result<Option<TotpSecret>, StoreError> {
    let secret = TotpSecret::generate();
    Ok(store.set_totp_secret(name, &secret.to_base32(), actor).await?.then_some(secret))
}
