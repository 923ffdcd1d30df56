//! Who may act in the back office, and what the audit log says of it:
//! signing in (throttled, hashed a few at a time, each code used once), the
//! validity of a session, a role's permission, a forged form, a password
//! change and signing out.
//!
//! The front end reads the request (cookies, the form, the client's address)
//! and shows the answer; every decision and every entry is here. The guard
//! that keeps guessing slow ([`Guard`]) is in memory only: nothing a stranger
//! sends is written to disk before it is known to be a staff member's.

pub mod hashing;
pub mod throttle;

use crate::accounts;
use inferno_auth::{SessionToken, TotpSecret, random_bytes, verify_password, verify_unknown_user};
use inferno_domain::{AuditAction, Permission, check_username};
use inferno_storage::{AuditEvent, Session, Store, StoreError, User};
use std::sync::Arc;
use std::time::Duration;
use throttle::{Throttle, Verdict};

pub use hashing::{Busy, HashPool};

/// What keeps guessing slow and sessions short, held while the server runs.
pub struct Guard {
    /// Failed sign-ins and password checks; never written to disk.
    pub throttle: Throttle,
    /// Argon2id runs, a few at a time.
    pub hashing: HashPool,
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub max_age: Duration,
}

impl Guard {
    pub fn new(idle: Duration, max_age: Duration) -> Guard {
        Guard { throttle: Throttle::default(), hashing: HashPool::default(), idle, max_age }
    }

    /// Why `session` has ended by its age at `now` (Unix seconds), if it has.
    pub fn outlived(&self, session: &Session, now: i64) -> Option<&'static str> {
        if now - session.last_seen_at > self.idle.as_secs() as i64 {
            Some("unused too long")
        } else if now - session.created_at > self.max_age.as_secs() as i64 {
            Some("too old")
        } else {
            None
        }
    }
}

/// A signed-in staff member.
pub struct Staff {
    pub user: User,
    pub session: Session,
}

/// The target audit entries about an account name.
fn target(name: &str) -> String {
    format!("user/{name}")
}

/// A sign-in as the form sent it, and who sent it (`client`: the key the
/// throttle counts them under).
pub struct Attempt {
    pub name: String,
    pub password: String,
    pub code: String,
    pub client: String,
}

/// A session just opened. `token` goes into the cookie; `password` is
/// handed back to open the reader key ([`crate::keys`]).
pub struct SignedIn {
    pub user: User,
    pub session: Session,
    pub token: SessionToken,
    pub password: String,
}

/// Why a sign-in did not open a session. The person is told only which of
/// these it was; the audit log says more.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong name, password or code")]
    Failed,
    #[error("too many attempts")]
    Throttled,
    #[error("too many passwords are being checked")]
    Busy,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Stands for every sign-in name that cannot be an account: such a name is
/// never hashed, stored or logged, and its refusals are summarised under this.
const NOT_A_NAME: &str = "(not an account name)";

/// Stands for every sign-in name that could be an account but is none: its
/// failures are summarised under this, one entry a minute (review 3, N4:
/// half a million entries a day per attacker otherwise).
const NO_SUCH_ACCOUNT: &str = "(no such account)";

/// Signs in: the name, then the throttle, then the password (Argon2id, a
/// name that is no account costing the same), then the one-time code, used
/// once, then the account's state. A sign-in that cannot be recorded does
/// not happen.
pub async fn sign_in(guard: &Guard, store: &Arc<dyn Store>, attempt: Attempt) -> Result<SignedIn, SignInError> {
    let Attempt { name, password, code, client } = attempt;
    let name = name.trim().to_lowercase();
    // A name that cannot be an account costs no hash and leaves no entry of its own.
    if check_username(&name).is_err() {
        if let Verdict::Refused { audit: true } = guard.throttle.refuse(NOT_A_NAME) {
            let detail = "a sign-in with a name that cannot be an account; more in this minute are not recorded";
            let _ = store.record(&AuditEvent::new(NOT_A_NAME, AuditAction::LoginRefused, "user/?", detail)).await;
        }
        return Err(SignInError::Failed);
    }
    // Whether this client failed no sign-in lately: it may take the permit
    // kept for such clients (read before this attempt is counted).
    let clean = guard.throttle.clean(&client);
    let delay = match guard.throttle.reserve(&name, &client) {
        Verdict::Go { delay } => delay,
        Verdict::Refused { audit } => {
            if audit {
                let detail = "too many failed sign-ins; more in this minute are refused unchecked and not recorded";
                let _ =
                    store.record(&AuditEvent::new(&name, AuditAction::LoginThrottled, &target(&name), detail)).await;
            }
            return Err(SignInError::Throttled);
        }
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let user = match store.user_by_name(&name).await {
        Ok(u) => u,
        Err(e) => {
            guard.throttle.refund(&name, &client);
            return Err(e.into());
        }
    };
    // Argon2id, a few at a time; an unknown name costs the same time.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let exists = hash.is_some();
    let typed = password.clone();
    let checked = guard
        .hashing
        .run_for(&client, clean, move || match hash {
            Some(h) => verify_password(&typed, &h),
            None => {
                verify_unknown_user(&typed);
                false
            }
        })
        .await;
    let password_ok = match checked {
        Ok(ok) => ok,
        Err(busy) => {
            guard.throttle.refund(&name, &client);
            return Err(match busy {
                Busy::Client => SignInError::Throttled,
                Busy::Server => SignInError::Busy,
            });
        }
    };
    // The failure was counted before the hash ran; only the audit entry is
    // left. It is written beside the answer, not before it, so that the time
    // of the answer does not tell a name that exists (whose failure is an
    // entry) from one that does not (whose failures are summarised).
    let failure = |reason: &'static str| {
        record_beside(store, AuditEvent::new(&name, AuditAction::LoginFailed, &target(&name), reason));
        SignInError::Failed
    };
    let Some(user) = user.filter(|_| password_ok) else {
        if exists {
            return Err(failure("wrong name or password"));
        }
        if let Verdict::Refused { audit: true } = guard.throttle.refuse(NO_SUCH_ACCOUNT) {
            let detail = "a sign-in for a name that is no account; more in this minute are not recorded";
            record_beside(store, AuditEvent::new(NO_SUCH_ACCOUNT, AuditAction::LoginFailed, "user/?", detail));
        }
        return Err(SignInError::Failed);
    };
    let now = inferno_domain::date::unix_seconds();
    let step = TotpSecret::from_base32(&user.totp_secret).and_then(|s| s.check(&code, now as u64));
    let Some(step) = step else { return Err(failure("wrong code")) };
    if !store.accept_totp_step(user.id, step).await? {
        return Err(failure("code already used"));
    }
    if user.disabled {
        return Err(failure("account disabled"));
    }
    let token = SessionToken::generate();
    let session = Session {
        token_hash: token.hash(),
        user_id: user.id,
        csrf_token: hex::encode(random_bytes::<32>()),
        created_at: now,
        last_seen_at: now,
        reader_key_sealed: None,
    };
    // A sign-in that cannot be recorded does not happen.
    store.record(&AuditEvent::new(&user.name, AuditAction::Login, &target(&user.name), "")).await?;
    store.create_session(&session).await?;
    guard.throttle.succeeded(&name, &client);
    Ok(SignedIn { user, session, token, password })
}

/// Writes a failed sign-in's audit entry beside the answer, not before it.
fn record_beside(store: &Arc<dyn Store>, entry: AuditEvent) {
    let store = store.clone();
    tokio::spawn(async move {
        if let Err(e) = store.record(&entry).await {
            tracing::error!(error = %e, "cannot record a failed sign-in");
        }
    });
}

/// The session whose token a request carries, if it is valid now. A session
/// found ended (unused too long, too old, its account disabled or gone) is
/// deleted and, for an account that still exists, its end recorded.
pub async fn session(guard: &Guard, store: &dyn Store, token: &str) -> Result<Option<Staff>, StoreError> {
    let hash = SessionToken::hash_of(token);
    let Some(session) = store.session(&hash).await? else { return Ok(None) };
    let t = inferno_domain::date::unix_seconds();
    let Some(user) = store.user_by_id(session.user_id).await? else {
        store.delete_session(&hash).await?;
        return Ok(None);
    };
    let why = if user.disabled { Some("account disabled") } else { guard.outlived(&session, t) };
    if let Some(why) = why {
        store.delete_session(&hash).await?;
        let entry = AuditEvent::new(&user.name, AuditAction::SessionEnded, &target(&user.name), why);
        if let Err(e) = store.record(&entry).await {
            tracing::error!(error = %e, "cannot record an ended session");
        }
        return Ok(None);
    }
    if t - session.last_seen_at >= 30 {
        let _ = store.touch_session(&hash, t).await;
    }
    Ok(Some(Staff { user, session }))
}

/// Whether `staff`'s role allows `permission`; a refusal is recorded.
pub async fn permits(store: &dyn Store, staff: &Staff, permission: Permission) -> Result<bool, StoreError> {
    if staff.user.role.may(permission) {
        return Ok(true);
    }
    let name = &staff.user.name;
    let detail = format!("{permission:?} is not in the role");
    store.record(&AuditEvent::new(name, AuditAction::Forbidden, &target(name), detail)).await?;
    Ok(false)
}

/// Whether `token` is the session's anti-forgery token; a forged change is
/// recorded (only a signed-in browser gets here: the session cookie is never
/// sent from another site).
pub async fn genuine(store: &dyn Store, staff: &Staff, token: &str) -> bool {
    if inferno_auth::same_secret(&staff.session.csrf_token, token) {
        return true;
    }
    let name = &staff.user.name;
    let entry = AuditEvent::new(name, AuditAction::CsrfRefused, &target(name), "a change without the session's token");
    if let Err(e) = store.record(&entry).await {
        tracing::error!(error = %e, "cannot record a refused anti-forgery token");
    }
    false
}

/// Records that `staff` looked at something (the intake queue, the audit
/// log, the accounts): a page that cannot be recorded is not shown.
pub async fn record_view(
    store: &dyn Store,
    staff: &Staff,
    action: AuditAction,
    target: &str,
) -> Result<(), StoreError> {
    store.record(&AuditEvent::new(&staff.user.name, action, target, "")).await.map(drop)
}

/// Ends `staff`'s session. Ending a session is always allowed: it only takes
/// access away, so a sign-out the log cannot record still happens.
pub async fn sign_out(store: &dyn Store, staff: &Staff) -> Result<(), StoreError> {
    store.delete_session(&staff.session.token_hash).await?;
    let name = &staff.user.name;
    if let Err(e) = store.record(&AuditEvent::new(name, AuditAction::Logout, &target(name), "")).await {
        tracing::error!(error = %e, "cannot record a sign-out in the audit log");
    }
    Ok(())
}

/// Why a password was not changed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordChangeError {
    #[error("the new password: {0}")]
    Policy(inferno_auth::PasswordError),
    #[error("wrong current password")]
    Wrong,
    #[error("too many wrong current passwords")]
    Throttled,
    #[error("too many passwords are being checked")]
    Busy,
    #[error("cannot hash the new password or wrap the reader key again")]
    Hashing,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Changes `staff`'s own password, given the current one: throttled under a
/// name of its own (so that it neither uses up nor escapes the sign-in
/// count); the reader key is unwrapped with the old password and wrapped
/// under the new one; every session of the account ends.
pub async fn change_password(
    guard: &Guard,
    store: &dyn Store,
    staff: &Staff,
    client: &str,
    current: String,
    new: String,
) -> Result<(), PasswordChangeError> {
    inferno_auth::check_policy(&new).map_err(PasswordChangeError::Policy)?;
    let name = staff.user.name.clone();
    let key = format!("password:{name}");
    match guard.throttle.reserve(&key, client) {
        Verdict::Go { delay } => tokio::time::sleep(delay).await,
        Verdict::Refused { audit } => {
            if audit {
                let detail = "too many wrong current passwords; more in this minute are refused unchecked";
                let _ = store
                    .record(&AuditEvent::new(&name, AuditAction::PasswordChangeThrottled, &target(&name), detail))
                    .await;
            }
            return Err(PasswordChangeError::Throttled);
        }
    }
    let stored = staff.user.password_hash.clone();
    let wrapped = staff.user.reader_key.clone();
    let hashed = guard
        .hashing
        .run(move || {
            if !verify_password(&current, &stored) {
                return None;
            }
            let rewrapped = wrapped
                .map(|w| inferno_vault::ReaderKey::unwrap(&w, &current).and_then(|k| k.wrap(&new)).map_err(|_| ()));
            Some(inferno_auth::hash_password(&new).map_err(|_| ()).and_then(|h| Ok((h, rewrapped.transpose()?))))
        })
        .await;
    match hashed {
        Ok(Some(Ok((hash, rewrapped)))) => {
            guard.throttle.succeeded(&key, client);
            accounts::change_password(store, &name, &hash, rewrapped.as_deref(), &name).await?;
            Ok(())
        }
        Ok(None) => {
            let entry =
                AuditEvent::new(&name, AuditAction::PasswordChangeFailed, &target(&name), "wrong current password");
            store.record(&entry).await?;
            Err(PasswordChangeError::Wrong)
        }
        Ok(Some(Err(()))) => Err(PasswordChangeError::Hashing),
        Err(_) => {
            guard.throttle.refund(&key, client);
            Err(PasswordChangeError::Busy)
        }
    }
}
