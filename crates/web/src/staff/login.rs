//! Signing in (password, then a TOTP code that works once) and out.

use super::csrf::{CsrfForm, check_csrf};
use super::session::{self, Refusal, now};
use super::throttle::Verdict;
use super::views::{StaffChrome, render};
use crate::cookies::cookie;
use crate::cookies::same_secret;
use crate::error::HtmlError;
use crate::i18n::Tr;
use crate::i18n::request_lang;
use crate::{App, hashing};
use askama::Template;
use axum::extract::{ConnectInfo, Form, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_auth::{SessionToken, TotpSecret, random_bytes, verify_password, verify_unknown_user};
use inferno_domain::{Lang, check_username};
use inferno_services::keys;
use inferno_storage::{AuditEvent, Session, User};
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "staff_login.html")]
struct LoginPage {
    c: StaffChrome,
    csrf: String,
    name: String,
    error: Option<String>,
    no_accounts: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
}

/// The sign-in form, with a fresh anti-forgery token in a cookie and in the form.
async fn login_page(app: &App, lang: Lang, status: StatusCode, name: &str, error: Option<String>) -> Response {
    let csrf = hex::encode(random_bytes::<16>());
    let no_accounts = match app.store.users().await {
        Ok(u) => u.is_empty(),
        Err(e) => return HtmlError::from(e).into_response(),
    };
    let tr = Tr::new(lang);
    let page = LoginPage {
        c: StaffChrome::new(lang, tr.t("staff-login-title"), None, "/staff/login"),
        csrf: csrf.clone(),
        name: name.to_owned(),
        error,
        no_accounts,
    };
    let mut r = render(status, &page);
    r.headers_mut().append(header::SET_COOKIE, app.staff.cookie(app.staff.login_cookie(), &csrf, Some(3600)));
    r
}

pub async fn form(State(app): State<Arc<App>>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let lang = request_lang(q.as_deref(), &headers);
    if session::current(&app, &headers).await.is_ok() {
        return Redirect::to(&format!("/staff?lang={}", lang.code())).into_response();
    }
    login_page(&app, lang, StatusCode::OK, "", None).await
}

/// Why a sign-in failed, for the audit log (the person sees one message for all).
fn audit_failure(name: &str, reason: &str) -> AuditEvent {
    AuditEvent::new(name, "login_failed", &format!("user/{name}"), reason)
}

/// Writes a failed sign-in's audit entry beside the answer, not before it.
fn record_beside(app: &Arc<App>, entry: AuditEvent) {
    let app = app.clone();
    tokio::spawn(async move {
        if let Err(e) = app.store.record(&entry).await {
            tracing::error!(error = %e, "cannot record a failed sign-in");
        }
    });
}

/// Stands for every sign-in name that cannot be an account: such a name is
/// never hashed, stored or logged, and its refusals are summarised under this.
const NOT_A_NAME: &str = "(not an account name)";

/// Stands for every sign-in name that could be an account but is none: its
/// failures are summarised under this, one entry a minute.
const NO_SUCH_ACCOUNT: &str = "(no such account)";

pub async fn submit(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let lang = Lang::from_code(&f.lang).unwrap_or_else(|| request_lang(None, &headers));
    let tr = Tr::new(lang);
    // Login forgery: the form must carry the token its own cookie carries.
    let expected = cookie(&headers, app.staff.login_cookie()).unwrap_or("");
    if expected.is_empty() || !same_secret(expected, &f.csrf) {
        return login_page(&app, lang, StatusCode::FORBIDDEN, "", Some(tr.t("staff-csrf-failed"))).await;
    }
    let client = app.staff.client_key(peer.ip());
    let name = f.name.trim().to_lowercase();
    // What the form shows again: the name as typed (escaped by the template), cut short.
    let shown: String = f.name.trim().chars().take(100).collect();
    let failed = |status| {
        let app = app.clone();
        let message =
            tr.t(if status == StatusCode::TOO_MANY_REQUESTS { "staff-login-throttled" } else { "staff-login-failed" });
        let shown = shown.clone();
        async move { login_page(&app, lang, status, &shown, Some(message)).await }
    };
    // A name that cannot be an account costs no hash and leaves no entry of its own.
    if check_username(&name).is_err() {
        if let Verdict::Refused { audit: true } = app.staff.throttle.refuse(NOT_A_NAME) {
            let detail = "a sign-in with a name that cannot be an account; more in this minute are not recorded";
            let _ = app.store.record(&AuditEvent::new(NOT_A_NAME, "login_refused", "user/?", detail)).await;
        }
        return failed(StatusCode::UNAUTHORIZED).await;
    }
    // Whether this client failed no sign-in lately: it may take the permit
    // kept for such clients (read before this attempt is counted).
    let clean = app.staff.throttle.clean(&client);
    let delay = match app.staff.throttle.reserve(&name, &client) {
        Verdict::Go { delay } => delay,
        Verdict::Refused { audit } => {
            if audit {
                let detail = "too many failed sign-ins; more in this minute are refused unchecked and not recorded";
                let _ =
                    app.store.record(&AuditEvent::new(&name, "login_throttled", &format!("user/{name}"), detail)).await;
            }
            return failed(StatusCode::TOO_MANY_REQUESTS).await;
        }
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let user = match app.store.user_by_name(&name).await {
        Ok(u) => u,
        Err(e) => {
            app.staff.throttle.refund(&name, &client);
            return HtmlError::from(e).into_response();
        }
    };
    // Argon2id, a few at a time; an unknown name costs the same time.
    let password = f.password;
    let for_key = password.clone();
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let exists = hash.is_some();
    let checked = app
        .staff
        .hashing
        .run_for(&client, clean, move || match hash {
            Some(h) => verify_password(&password, &h),
            None => {
                verify_unknown_user(&password);
                false
            }
        })
        .await;
    let password_ok = match checked {
        Ok(ok) => ok,
        Err(busy) => {
            app.staff.throttle.refund(&name, &client);
            return match busy {
                hashing::Busy::Client => failed(StatusCode::TOO_MANY_REQUESTS).await,
                hashing::Busy::Server => HtmlError::from(Refusal::Busy).into_response(),
            };
        }
    };
    // The failure was counted before the hash ran; only the audit entry is
    // left. It is written beside the answer, not before it, so that the time
    // of the answer does not tell a name that exists (whose failure is an
    // entry) from one that does not (whose failures are summarised).
    let failure = |reason: &'static str| record_beside(&app, audit_failure(&name, reason));
    let Some(user) = user.filter(|_| password_ok) else {
        if exists {
            failure("wrong name or password");
        } else if let Verdict::Refused { audit: true } = app.staff.throttle.refuse(NO_SUCH_ACCOUNT) {
            // Names that are no account: one entry a minute, not one per
            // guess (review 3, N4: half a million entries a day per attacker).
            let detail = "a sign-in for a name that is no account; more in this minute are not recorded";
            record_beside(&app, AuditEvent::new(NO_SUCH_ACCOUNT, "login_failed", "user/?", detail));
        }
        return failed(StatusCode::UNAUTHORIZED).await;
    };
    let step = TotpSecret::from_base32(&user.totp_secret).and_then(|s| s.check(&f.code, now() as u64));
    let Some(step) = step else {
        failure("wrong code");
        return failed(StatusCode::UNAUTHORIZED).await;
    };
    let fresh = match app.store.accept_totp_step(user.id, step).await {
        Ok(fresh) => fresh,
        Err(e) => return HtmlError::from(e).into_response(),
    };
    if !fresh {
        failure("code already used");
        return failed(StatusCode::UNAUTHORIZED).await;
    }
    if user.disabled {
        failure("account disabled");
        return failed(StatusCode::UNAUTHORIZED).await;
    }
    let token = SessionToken::generate();
    let t = now();
    let s = Session {
        token_hash: token.hash(),
        user_id: user.id,
        csrf_token: hex::encode(random_bytes::<32>()),
        created_at: t,
        last_seen_at: t,
    };
    // A sign-in that cannot be recorded does not happen.
    let login = AuditEvent::new(&user.name, "login", &format!("user/{}", user.name), "");
    let recorded = match app.store.record(&login).await {
        Ok(_) => app.store.create_session(&s).await,
        Err(e) => Err(e),
    };
    if let Err(e) = recorded {
        return HtmlError::from(e).into_response();
    }
    app.staff.throttle.succeeded(&name, &client);
    if user.role.may(inferno_domain::Permission::ReadSubmissions) {
        unlock(&app, &user, &s.token_hash, for_key).await;
    }
    let mut r = Redirect::to(&format!("/staff?lang={}", lang.code())).into_response();
    let h = r.headers_mut();
    h.append(header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), &token.value, None));
    h.append(header::SET_COOKIE, app.staff.cookie(app.staff.login_cookie(), "", Some(0)));
    r
}

pub async fn logout(State(app): State<Arc<App>>, headers: HeaderMap, Form(f): Form<CsrfForm>) -> Response {
    let lang = Lang::from_code(&f.lang).unwrap_or_else(|| request_lang(None, &headers));
    let staff = match session::current(&app, &headers).await {
        Ok(s) => s,
        Err(r) => return HtmlError::from(r).into_response(),
    };
    if !check_csrf(&app, &staff, &f.csrf).await {
        let tr = Tr::new(lang);
        return super::views::message(
            lang,
            StatusCode::FORBIDDEN,
            &tr.t("staff-forbidden"),
            &tr.t("staff-csrf-failed"),
        );
    }
    // The key is forgotten whatever happens next: signing out must never keep it.
    app.staff.forget_key(&staff.session.token_hash);
    // Ending a session is always allowed: it only takes access away.
    if let Err(e) = app.store.delete_session(&staff.session.token_hash).await {
        return HtmlError::from(e).into_response();
    }
    let entry = AuditEvent::new(&staff.user.name, "logout", &format!("user/{}", staff.user.name), "");
    if let Err(e) = app.store.record(&entry).await {
        tracing::error!(error = %e, "cannot record a sign-out in the audit log");
    }
    let mut r = Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response();
    r.headers_mut().append(header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), "", Some(0)));
    r
}

/// Opens the reader's key with the password just checked and keeps it for
/// the session ([`keys`] says what else that does). A key that cannot be
/// opened leaves the staff member signed in without it: they can work, but
/// not read the vault, and the log says why.
async fn unlock(app: &App, user: &User, session_hash: &str, password: String) {
    let account = user.clone();
    let opened = match app.staff.hashing.run(move || keys::open(&account, &password)).await {
        Ok(Ok(opened)) => opened,
        _ => {
            tracing::error!(user = %user.name, "cannot unlock the reader key");
            return;
        }
    };
    match keys::keep(app.store.as_ref(), user, opened).await {
        Ok((key, shared)) => {
            app.staff.keep_key(session_hash, Arc::new(key));
            if let Err(e) = shared {
                tracing::error!(error = %e, "cannot share submission keys");
            }
        }
        Err(e) => tracing::error!(user = %user.name, error = %e, "cannot keep the reader key"),
    }
}
