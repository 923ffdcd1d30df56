//! Cookies, sessions, throttling and the checks every staff request passes.

use crate::App;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use inferno_auth::SessionToken;
use inferno_domain::{Lang, Permission};
use inferno_storage::{AuditEvent, Session, User};
use inferno_vault::ReaderKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Settings and in-memory state of the back office.
pub struct StaffState {
    /// Cookies carry `Secure` and the `__Host-` prefix (off only for plain-HTTP local use).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, used or not.
    pub max_age: Duration,
    /// Failed sign-ins and password checks; never written to disk.
    pub throttle: super::throttle::Throttle,
    /// Argon2id runs, a few at a time.
    pub hashing: crate::hashing::HashPool,
    /// Peers whose address is every visitor's (a Tor onion service, a reverse proxy).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The part of the audit log this process has checked against a signed checkpoint.
    pub audit_checked: tokio::sync::Mutex<inferno_audit::Frontier>,
    /// Reader keys unlocked at sign-in, by session token hash. Only in memory;
    /// dropped (and so zeroised) at sign-out, when the session ends, or when
    /// the server stops.
    keys: Mutex<HashMap<String, Arc<ReaderKey>>>,
}

impl StaffState {
    pub fn new(
        secure_cookies: bool,
        idle: Duration,
        max_age: Duration,
        trusted_proxies: Vec<std::net::IpAddr>,
    ) -> StaffState {
        StaffState {
            secure_cookies,
            idle,
            max_age,
            throttle: super::throttle::Throttle::default(),
            hashing: crate::hashing::HashPool::default(),
            trusted_proxies,
            audit_checked: tokio::sync::Mutex::new(inferno_audit::Frontier::new()),
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// The key the sign-in throttle counts a client under: its address (IPv6
    /// by /64), or one shared key for everyone behind a trusted proxy.
    pub fn client_key(&self, peer: std::net::IpAddr) -> String {
        crate::client::address_key(peer, &self.trusted_proxies).unwrap_or_else(|| "trusted-proxy".into())
    }

    pub fn keep_key(&self, session_hash: &str, key: Arc<ReaderKey>) {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).insert(session_hash.to_owned(), key);
    }

    /// The reader key unlocked for this session, if any.
    pub fn key(&self, session_hash: &str) -> Option<Arc<ReaderKey>> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).get(session_hash).cloned()
    }

    pub fn forget_key(&self, session_hash: &str) {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).remove(session_hash);
    }

    fn key_sessions(&self) -> Vec<String> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner()).keys().cloned().collect()
    }

    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-inferno-session" } else { "inferno-session" }
    }

    /// The intake forms' token cookie (a double-submit token, and the key
    /// the intake limits count a visitor under behind a trusted proxy).
    pub fn form_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-inferno-form" } else { "inferno-form" }
    }

    pub fn login_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-inferno-login" } else { "inferno-login" }
    }

    /// `Set-Cookie` for `name`: host-only, whole site, script cannot read it,
    /// never sent from another site.
    pub fn cookie(&self, name: &str, value: &str, max_age: Option<u64>) -> HeaderValue {
        let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
        if self.secure_cookies {
            c.push_str("; Secure");
        }
        if let Some(age) = max_age {
            c.push_str(&format!("; Max-Age={age}"));
        }
        HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// A cookie's value from the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Compares secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The staff interface's language: `?lang=` if given, else the browser's preference.
pub fn staff_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(l) = query
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "lang"))
        .and_then(|(_, v)| Lang::from_code(&v))
    {
        return l;
    }
    crate::pages::preferred_language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
}

/// A signed-in staff member.
pub struct Staff {
    pub user: User,
    pub session: Session,
}

/// Why a staff request is refused.
pub enum Refusal {
    /// No valid session: go and sign in.
    SignIn,
    /// Signed in, but the role does not allow it.
    Forbidden,
    Internal,
    /// The database cannot be read or written.
    Store(inferno_storage::StoreError),
    /// Too much work waits (password hashing): try again in a moment.
    Busy,
}

/// The session a request carries, if it is valid now. Ended sessions are
/// deleted as they are found.
pub async fn current(app: &App, headers: &HeaderMap) -> Result<Staff, Refusal> {
    let state = &app.staff;
    let token = cookie(headers, state.session_cookie()).ok_or(Refusal::SignIn)?;
    let hash = SessionToken::hash_of(token);
    let session = app.store.session(&hash).await.map_err(Refusal::Store)?.ok_or(Refusal::SignIn)?;
    let t = now();
    let idle = t - session.last_seen_at > state.idle.as_secs() as i64;
    let old = t - session.created_at > state.max_age.as_secs() as i64;
    let user = app.store.user_by_id(session.user_id).await.map_err(Refusal::Store)?;
    let ended = match &user {
        None => Some(None),
        Some(u) if u.disabled => Some(Some((u.name.clone(), "account disabled"))),
        Some(u) if idle => Some(Some((u.name.clone(), "unused too long"))),
        Some(u) if old => Some(Some((u.name.clone(), "too old"))),
        Some(_) => None,
    };
    if let Some(who) = ended {
        state.forget_key(&hash);
        app.store.delete_session(&hash).await.map_err(Refusal::Store)?;
        if let Some((name, why)) = who {
            let entry = AuditEvent::new(&name, "session_ended", &format!("user/{name}"), why);
            if let Err(e) = app.store.record(&entry).await {
                tracing::error!(error = %e, "cannot record an ended session");
            }
        }
        return Err(Refusal::SignIn);
    }
    let Some(user) = user else { return Err(Refusal::SignIn) };
    if t - session.last_seen_at >= 30 {
        let _ = app.store.touch_session(&hash, t).await;
    }
    Ok(Staff { user, session })
}

/// Forgets the keys of sessions that have ended (idle, too old, signed out
/// elsewhere, account disabled). Run every minute.
pub async fn sweep_keys(app: &App) {
    let t = now();
    for hash in app.staff.key_sessions() {
        let alive = match app.store.session(&hash).await {
            Ok(Some(s)) => {
                t - s.last_seen_at <= app.staff.idle.as_secs() as i64
                    && t - s.created_at <= app.staff.max_age.as_secs() as i64
            }
            Ok(None) => false,
            Err(_) => true,
        };
        if !alive {
            app.staff.forget_key(&hash);
        }
    }
}

/// Like [`current`], and the role must allow `permission`.
pub async fn require(app: &App, headers: &HeaderMap, permission: Option<Permission>) -> Result<Staff, Refusal> {
    let staff = current(app, headers).await?;
    match permission {
        Some(p) if !staff.user.role.may(p) => {
            let name = &staff.user.name;
            let entry =
                AuditEvent::new(name, "forbidden", &format!("user/{name}"), format!("{p:?} is not in the role"));
            app.store.record(&entry).await.map_err(Refusal::Store)?;
            Err(Refusal::Forbidden)
        }
        _ => Ok(staff),
    }
}

/// Records that `staff` looked at something (the intake queue, the audit log,
/// the accounts): a page that cannot be recorded is not shown.
pub async fn record_view(app: &App, staff: &Staff, action: &str, target: &str) -> Result<(), Refusal> {
    let entry = AuditEvent::new(&staff.user.name, action, target, "");
    app.store.record(&entry).await.map(|_| ()).map_err(Refusal::Store)
}

/// Staff pages are never cached anywhere.
pub fn no_store(mut r: Response) -> Response {
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
