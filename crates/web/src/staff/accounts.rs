//! Accounts in the back office: admins add, disable, enable and reset the
//! second factor of accounts; everyone can change their own password.

use super::csrf::check_csrf;
use super::session::{self, Staff};
use super::views::{StaffChrome, render};
use crate::App;
use crate::error::HtmlError;
use crate::i18n::Tr;
use crate::i18n::request_lang;
use askama::Template;
use axum::extract::{ConnectInfo, Form, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_auth::{TotpSecret, provisioning_qr_svg};
use inferno_domain::{AuditAction, Lang, Permission, Role};
use inferno_services::accounts;
use inferno_services::auth::{self, PasswordChangeError};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

pub struct UserRow {
    pub name: String,
    pub role: String,
    pub active: bool,
    pub is_me: bool,
}

/// The second-factor setup, shown once after creating an account or resetting it.
pub struct Setup {
    pub name: String,
    pub uri: String,
    pub qr_svg: String,
}

#[derive(Template)]
#[template(path = "staff_users.html")]
struct UsersPage {
    c: StaffChrome,
    rows: Vec<UserRow>,
    csrf: String,
    roles: Vec<(String, String)>,
    setup: Option<Setup>,
    error: Option<String>,
    name: String,
}

fn form_lang(f: &HashMap<String, String>, headers: &HeaderMap) -> Lang {
    f.get("lang").and_then(|l| Lang::from_code(l)).unwrap_or_else(|| request_lang(None, headers))
}

fn get<'a>(f: &'a HashMap<String, String>, k: &str) -> &'a str {
    f.get(k).map_or("", String::as_str)
}

fn setup(name: &str, secret: &TotpSecret) -> Setup {
    let uri = secret.provisioning_uri(name);
    // Inline in HTML: without the XML declaration.
    let svg = provisioning_qr_svg(&uri);
    let svg = svg.find("<svg").map_or(String::new(), |i| svg[i..].to_owned());
    Setup { name: name.to_owned(), uri, qr_svg: svg }
}

async fn page(
    app: &App,
    s: &Staff,
    lang: Lang,
    status: StatusCode,
    setup: Option<Setup>,
    error: Option<String>,
    name: &str,
) -> Response {
    let tr = Tr::new(lang);
    let users = match app.store.users().await {
        Ok(u) => u,
        Err(e) => return HtmlError::from(e).into_response(),
    };
    let rows = users
        .into_iter()
        .map(|u| UserRow { is_me: u.id == s.user.id, name: u.name, role: tr.label(u.role), active: !u.disabled })
        .collect();
    let roles = Role::ALL.iter().map(|r| (r.code().to_owned(), tr.label(*r))).collect();
    let c = StaffChrome::new(lang, tr.t("staff-accounts"), Some(s), "/staff/users");
    render(
        status,
        &UsersPage { c, rows, csrf: s.session.csrf_token.clone(), roles, setup, error, name: name.to_owned() },
    )
}

pub async fn list(State(app): State<Arc<App>>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let lang = request_lang(q.as_deref(), &headers);
    let s = match session::require(&app, &headers, Some(Permission::ManageUsers)).await {
        Ok(s) => s,
        Err(r) => return HtmlError::from(r).into_response(),
    };
    match session::record_view(&app, &s, AuditAction::UsersView, "users").await {
        Ok(()) => page(&app, &s, lang, StatusCode::OK, None, None, "").await,
        Err(r) => HtmlError::from(r).into_response(),
    }
}

async fn admin(app: &App, headers: &HeaderMap, f: &HashMap<String, String>, lang: Lang) -> Result<Staff, Response> {
    let s = session::require(app, headers, Some(Permission::ManageUsers))
        .await
        .map_err(|r| HtmlError::from(r).into_response())?;
    if !check_csrf(app, &s, get(f, "csrf")).await {
        let tr = Tr::new(lang);
        return Err(super::views::message(
            lang,
            StatusCode::FORBIDDEN,
            &tr.t("staff-forbidden"),
            &tr.t("staff-csrf-failed"),
        ));
    }
    Ok(s)
}

pub async fn create(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match admin(&app, &headers, &f, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let tr = Tr::new(lang);
    let name = get(&f, "name").trim().to_owned();
    let role = Role::parse(get(&f, "role"));
    let password = get(&f, "password").to_owned();
    let problem = match accounts::check_new(&name, &password) {
        Err(accounts::NewAccountProblem::Name(p)) => Some(tr.problem(&p)),
        _ if role.is_err() => role.clone().err().map(|p| tr.problem(&p)),
        Err(accounts::NewAccountProblem::Password(e)) => Some(tr.password_problem(&e)),
        Ok(()) => None,
    };
    if let Some(p) = problem {
        return page(
            &app,
            &s,
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(tr.a("field-problem", &[("reason", (&p).into())])),
            &name,
        )
        .await;
    }
    let credentials = match app.staff.guard.hashing.run(move || accounts::Credentials::make(&password).ok()).await {
        Ok(Some(made)) => made,
        Ok(None) => return HtmlError::from(session::Refusal::Internal).into_response(),
        Err(_) => return HtmlError::from(session::Refusal::Busy).into_response(),
    };
    let role = role.unwrap_or(Role::Editor);
    match accounts::create(app.store.as_ref(), &name, role, credentials, &s.user.name).await {
        Ok(secret) => page(&app, &s, lang, StatusCode::OK, Some(setup(&name, &secret)), None, "").await,
        Err(inferno_storage::StoreError::Conflict(p)) => {
            page(&app, &s, lang, StatusCode::CONFLICT, None, Some(tr.problem(&p)), &name).await
        }
        Err(e) => HtmlError::from(e).into_response(),
    }
}

pub async fn act(
    State(app): State<Arc<App>>,
    Path((name, verb)): Path<(String, String)>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match admin(&app, &headers, &f, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let tr = Tr::new(lang);
    if name == s.user.name && verb != "reset-2fa" {
        return page(&app, &s, lang, StatusCode::UNPROCESSABLE_ENTITY, None, Some(tr.t("staff-not-yourself")), "")
            .await;
    }
    let result = match verb.as_str() {
        "disable" => accounts::set_disabled(app.store.as_ref(), &name, true, &s.user.name).await.map(|ok| (ok, None)),
        "enable" => accounts::set_disabled(app.store.as_ref(), &name, false, &s.user.name).await.map(|ok| (ok, None)),
        "reset-2fa" => accounts::reset_second_factor(app.store.as_ref(), &name, &s.user.name)
            .await
            .map(|secret| (secret.is_some(), secret.map(|secret| setup(&name, &secret)))),
        _ => return super::views::not_found(&app, &headers).await,
    };
    match result {
        Ok((true, setup)) if setup.is_some() => page(&app, &s, lang, StatusCode::OK, setup, None, "").await,
        Ok((true, _)) => Redirect::to(&format!("/staff/users?lang={}", lang.code())).into_response(),
        Ok((false, _)) => super::views::not_found(&app, &headers).await,
        Err(e) => HtmlError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "staff_password.html")]
struct PasswordPage {
    c: StaffChrome,
    csrf: String,
    error: Option<String>,
}

pub async fn password_form(State(app): State<Arc<App>>, RawQuery(q): RawQuery, headers: HeaderMap) -> Response {
    let lang = request_lang(q.as_deref(), &headers);
    match session::require(&app, &headers, None).await {
        Ok(s) => {
            let c = StaffChrome::new(lang, Tr::new(lang).t("staff-password-change"), Some(&s), "/staff/password");
            render(StatusCode::OK, &PasswordPage { c, csrf: s.session.csrf_token.clone(), error: None })
        }
        Err(r) => HtmlError::from(r).into_response(),
    }
}

/// Changing the password ends every session of the account, this one included.
/// A wrong current password is a failed sign-in in all but name: it is
/// counted by the same throttle (a stolen session cannot guess the password,
/// which also opens the reader key) and written to the audit log.
pub async fn password_change(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match session::require(&app, &headers, None).await {
        Ok(s) => s,
        Err(r) => return HtmlError::from(r).into_response(),
    };
    let tr = Tr::new(lang);
    let refuse = |status: StatusCode, msg: String| {
        let c = StaffChrome::new(lang, tr.t("staff-password-change"), Some(&s), "/staff/password");
        render(status, &PasswordPage { c, csrf: s.session.csrf_token.clone(), error: Some(msg) })
    };
    if !check_csrf(&app, &s, get(&f, "csrf")).await {
        return refuse(StatusCode::FORBIDDEN, tr.t("staff-csrf-failed"));
    }
    let (current, new) = (get(&f, "current").to_owned(), get(&f, "new").to_owned());
    let client = app.staff.client_key(peer.ip());
    match auth::change_password(&app.staff.guard, app.store.as_ref(), &s, &client, current, new).await {
        Ok(()) => {
            let mut r = Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response();
            r.headers_mut()
                .append(axum::http::header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), "", Some(0)));
            r
        }
        Err(PasswordChangeError::Policy(e)) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.a("field-problem", &[("reason", tr.password_problem(&e).into())]),
        ),
        Err(PasswordChangeError::Throttled) => refuse(StatusCode::TOO_MANY_REQUESTS, tr.t("staff-login-throttled")),
        Err(PasswordChangeError::Wrong) => refuse(StatusCode::UNAUTHORIZED, tr.t("staff-password-wrong")),
        Err(PasswordChangeError::Busy) => HtmlError::Busy.into_response(),
        Err(PasswordChangeError::Hashing) => HtmlError::Internal("cannot hash the new password".into()).into_response(),
        Err(PasswordChangeError::Store(e)) => HtmlError::from(e).into_response(),
    }
}
