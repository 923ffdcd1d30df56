//! The back office's settings and what it keeps in memory.

use axum::http::HeaderValue;
use inferno_services::auth::Guard;
use inferno_storage::Sessions;
use inferno_vault::ReaderKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Settings and in-memory state of the back office.
pub struct StaffState {
    /// Cookies carry `Secure` and the `__Host-` prefix (off only for plain-HTTP local use).
    pub secure_cookies: bool,
    /// Sign-in throttling, password hashing and session lifetimes.
    pub guard: Guard,
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
            guard: Guard::new(idle, max_age),
            trusted_proxies,
            audit_checked: tokio::sync::Mutex::new(inferno_audit::Frontier::new()),
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// The key the sign-in throttle counts a client under: its address (IPv6
    /// by /64), or one shared key for everyone behind a trusted proxy.
    pub fn client_key(&self, peer: std::net::IpAddr) -> String {
        inferno_site::shell::client::address_key(peer, &self.trusted_proxies).unwrap_or_else(|| "trusted-proxy".into())
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

    /// Drops the keys of sessions that have ended without a sign-out. A
    /// session the store cannot be asked about keeps its key for now.
    pub async fn sweep_keys(&self, store: &dyn inferno_storage::Store) {
        // And in the database: the sealed copies of ended sessions' keys.
        if let Err(e) = inferno_services::keys::forget_outlived(store, &self.guard).await {
            tracing::warn!(error = %e, "cannot drop the sealed keys of ended sessions");
        }
        let sessions: &dyn Sessions = store;
        let t = inferno_domain::date::unix_seconds();
        for hash in self.key_sessions() {
            let alive = match sessions.session(&hash).await {
                Ok(Some(s)) => self.guard.outlived(&s, t).is_none(),
                Ok(None) => false,
                Err(_) => true,
            };
            if !alive {
                self.forget_key(&hash);
            }
        }
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
