//! Signing in (password, then a TOTP code that works once) and out.

use super::extract::{StaffForm, StaffLang};
use super::session;
use super::views::{StaffChrome, render};
use crate::App;
use crate::cookies::cookie;
use askama::Template;
use axum::extract::{ConnectInfo, Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_auth::{SessionToken, random_bytes, same_secret};
use inferno_domain::Lang;
use inferno_services::auth::{self, SignInError};
use inferno_services::keys;
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::{Tr, request_lang};
use inferno_storage::User;
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
        Err(e) => return HtmlError::unavailable(e).into_response(),
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

pub async fn form(State(app): State<Arc<App>>, StaffLang(lang): StaffLang, headers: HeaderMap) -> Response {
    if session::current(&app, &headers).await.is_ok() {
        return Redirect::to(&format!("/staff?lang={}", lang.code())).into_response();
    }
    login_page(&app, lang, StatusCode::OK, "", None).await
}

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
    // What the form shows again: the name as typed (escaped by the template), cut short.
    let shown: String = f.name.trim().chars().take(100).collect();
    let attempt =
        auth::Attempt { name: f.name, password: f.password, code: f.code, client: app.staff.client_key(peer.ip()) };
    let signed = match auth::sign_in(&app.staff.guard, &app.store, attempt).await {
        Ok(signed) => signed,
        Err(e) => {
            let (status, key) = match e {
                SignInError::Failed => (StatusCode::UNAUTHORIZED, "staff-login-failed"),
                SignInError::Throttled => (StatusCode::TOO_MANY_REQUESTS, "staff-login-throttled"),
                SignInError::Busy => return HtmlError::Busy.into_response(),
                SignInError::Store(e) => return HtmlError::unavailable(e).into_response(),
            };
            return login_page(&app, lang, status, &shown, Some(tr.t(key))).await;
        }
    };
    if signed.user.role.may(inferno_domain::Permission::ReadSubmissions) {
        unlock(&app, &signed.user, &signed.token, signed.password).await;
    }
    let mut r = Redirect::to(&format!("/staff?lang={}", lang.code())).into_response();
    let h = r.headers_mut();
    h.append(header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), &signed.token.value, None));
    h.append(header::SET_COOKIE, app.staff.cookie(app.staff.login_cookie(), "", Some(0)));
    r
}

pub async fn logout(State(app): State<Arc<App>>, form: StaffForm) -> Result<Response, HtmlError> {
    let StaffForm { staff, lang, .. } = form;
    // The key is forgotten whatever happens next: signing out must never keep it.
    app.staff.forget_key(&staff.session.token_hash);
    auth::sign_out(app.store.as_ref(), &staff).await.map_err(HtmlError::unavailable)?;
    let mut r = Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response();
    r.headers_mut().append(header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), "", Some(0)));
    Ok(r)
}

/// Opens the reader's key with the password just checked and keeps it for
/// the session: in this server's memory, and sealed to the session in its
/// row for the other servers ([`keys`] says what else that does). A key
/// that cannot be opened leaves the staff member signed in without it: they
/// can work, but not read the vault, and the log says why.
async fn unlock(app: &App, user: &User, token: &SessionToken, password: String) {
    let account = user.clone();
    let opened = match app.staff.guard.hashing.run(move || keys::open(&account, &password)).await {
        Ok(Ok(opened)) => opened,
        _ => {
            tracing::error!(user = %user.name, "cannot unlock the reader key");
            return;
        }
    };
    match keys::keep(&app.intake.vault, user, opened).await {
        Ok((key, shared)) => {
            if let Err(e) = keys::seal_to_session(app.store.as_ref(), token, &key).await {
                tracing::error!(user = %user.name, error = %e, "cannot seal the reader key to the session");
            }
            app.staff.keep_key(&token.hash(), Arc::new(key));
            if let Err(e) = shared {
                tracing::error!(error = %e, "cannot share submission keys");
            }
        }
        Err(e) => tracing::error!(user = %user.name, error = %e, "cannot keep the reader key"),
    }
}
