//! Reader keys: a staff member's key is opened with their password at
//! sign-in, and with it the submission keys that other readers lack are
//! sealed to them. An account made before the vault gets its key then.

use inferno_auth::SessionToken;
use inferno_storage::{IntakeVault, KeyGrant, Session, Store, StoreError, User};
use inferno_vault::{ReaderKey, SubmissionKey, VaultError};

/// A reader key opened with a password; `made` holds the wrapped form of a
/// key made just now, which [`keep`] stores.
pub struct Opened {
    pub key: ReaderKey,
    made: Option<Vec<u8>>,
}

/// Opens `user`'s reader key with `password`, or makes one for an account
/// that has none. Argon2id: blocking work, for a thread of its own.
pub fn open(user: &User, password: &str) -> Result<Opened, VaultError> {
    match &user.reader_key {
        Some(wrapped) => Ok(Opened { key: ReaderKey::unwrap(wrapped, password)?, made: None }),
        None => {
            let key = ReaderKey::generate();
            let made = Some(key.wrap(password)?);
            Ok(Opened { key, made })
        }
    }
}

/// Why an opened key could not be kept.
#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    #[error("cannot store the new reader key: {0}")]
    Store(#[from] StoreError),
    #[error("the account's reader key changed meanwhile")]
    Replaced,
    #[error("cannot seal the reader key to the session")]
    Seal,
}

/// Stores a key made by [`open`], then seals to readers who lack them the
/// submission keys this reader holds. A failure to share is logged by the
/// caller and tried again at the next sign-in; the key itself is kept.
pub async fn keep(
    vault: &IntakeVault,
    user: &User,
    opened: Opened,
) -> Result<(ReaderKey, Result<(), StoreError>), KeepError> {
    let store = vault.store();
    if let Some(wrapped) = &opened.made
        && !crate::accounts::give_reader_key(store, user.id, &user.name, &opened.key.public(), wrapped).await?
    {
        return Err(KeepError::Replaced);
    }
    let shared = share(vault, user, &opened.key).await;
    Ok((opened.key, shared))
}

/// Keeps `key` for the session of `token`, sealed to it (see
/// `ReaderKey::seal_to_session`), so that every server of the deployment
/// can open it for this session, not only the one it was unlocked on.
pub async fn seal_to_session(store: &dyn Store, token: &SessionToken, key: &ReaderKey) -> Result<(), KeepError> {
    let sealed = key.seal_to_session(&token.value).map_err(|_| KeepError::Seal)?;
    store.seal_reader_key(&token.hash(), &sealed).await?;
    Ok(())
}

/// Drops the sealed reader keys of sessions that have outlived `guard`'s
/// limits without a sign-out (their rows go when their cookie comes back).
pub async fn forget_outlived(store: &dyn Store, guard: &crate::auth::Guard) -> Result<u64, StoreError> {
    let now = inferno_domain::date::unix_seconds();
    let secs = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    store.forget_outlived_keys(now.saturating_sub(secs(guard.idle)), now.saturating_sub(secs(guard.max_age))).await
}

/// The reader key sealed to `session`, opened with its token's value (the
/// cookie's), if the session holds one that opens.
pub fn open_from_session(session: &Session, token: &str) -> Option<ReaderKey> {
    ReaderKey::open_from_session(session.reader_key_sealed.as_deref()?, token).ok()
}

/// Seals the submission keys `key` opens to the readers who lack them.
async fn share(vault: &IntakeVault, user: &User, key: &ReaderKey) -> Result<(), StoreError> {
    let todo = vault.keys_to_share(user.id).await?;
    let grants: Vec<KeyGrant> = todo
        .iter()
        .filter_map(|k| {
            let sk = SubmissionKey::open(&k.sealed_for_me, key).ok()?;
            let sealed = sk.seal_to(&k.to.public).ok()?;
            Some(KeyGrant { submission_id: k.submission_id.clone(), user_id: k.to.user_id, sealed })
        })
        .collect();
    crate::intake::share_keys(vault, &grants, &user.name).await
}
