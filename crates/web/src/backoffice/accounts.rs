//! Accounts in the back office: admins add, disable, enable and reset the
//! second factor of accounts; everyone can change their own password.

use super::extract::{MayManageUsers, StaffForm, StaffPage};
use super::session::{self, Staff};
use super::views::{StaffChrome, render};
use crate::App;
use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use inferno_auth::{TotpSecret, provisioning_qr_svg};
use inferno_domain::{AuditAction, Lang, Role};
use inferno_services::accounts;
use inferno_services::auth::{self, PasswordChangeError};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::Tr;
use inferno_storage::StoreError;
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

fn setup(name: &str, secret: &TotpSecret) -> Setup {
    let uri = secret.provisioning_uri(name);
    // Inline in HTML: without the XML declaration.
    let svg = provisioning_qr_svg(&uri);
    let svg = svg.find("<svg").map_or(String::new(), |i| svg[i..].to_owned());
    Setup { name: name.to_owned(), uri, qr_svg: svg }
}

/// The accounts page, with the second-factor setup just made (`setup`),
/// or a form's problem (`error`) and the name typed.
async fn page(
    app: &App,
    s: &Staff,
    lang: Lang,
    status: StatusCode,
    setup: Option<Setup>,
    error: Option<String>,
    name: &str,
) -> Result<Response, HtmlError> {
    let tr = Tr::new(lang);
    let rows = app
        .store
        .users()
        .await
        .map_err(HtmlError::unavailable)?
        .into_iter()
        .map(|u| UserRow { is_me: u.id == s.user.id, name: u.name, role: tr.label(u.role), active: !u.disabled })
        .collect();
    let roles = Role::ALL.iter().map(|r| (r.code().to_owned(), tr.label(*r))).collect();
    let c = StaffChrome::new(lang, tr.t("staff-accounts"), Some(s), "/staff/users");
    let csrf = s.session.csrf_token.clone();
    Ok(render(status, &UsersPage { c, rows, csrf, roles, setup, error, name: name.to_owned() }))
}

pub async fn list(State(app): State<Arc<App>>, page: StaffPage<MayManageUsers>) -> Result<Response, HtmlError> {
    session::record_view(&app, &page.staff, AuditAction::UsersView, "users").await?;
    self::page(&app, &page.staff, page.lang, StatusCode::OK, None, None, "").await
}

pub async fn create(State(app): State<Arc<App>>, form: StaffForm<MayManageUsers>) -> Result<Response, HtmlError> {
    let (s, lang, tr) = (&form.staff, form.lang, &form.tr);
    let name = form.get("name").to_owned();
    let role = Role::parse(form.get("role"));
    let password = form.raw("password").to_owned();
    let problem = match accounts::check_new(&name, &password) {
        Err(accounts::NewAccountProblem::Name(p)) => Some(tr.problem(&p)),
        _ if role.is_err() => role.clone().err().map(|p| tr.problem(&p)),
        Err(accounts::NewAccountProblem::Password(e)) => Some(password_problem(tr, &e)),
        Ok(()) => None,
    };
    if let Some(p) = problem {
        let error = Some(tr.a("field-problem", &[("reason", (&p).into())]));
        return page(&app, s, lang, StatusCode::UNPROCESSABLE_ENTITY, None, error, &name).await;
    }
    let credentials = match app.staff.guard.hashing.run(move || accounts::Credentials::make(&password).ok()).await {
        Ok(Some(made)) => made,
        Ok(None) => return Err(HtmlError::Internal("cannot make an account's credentials".into())),
        Err(_) => return Err(HtmlError::Busy),
    };
    let role = role.unwrap_or(Role::Editor);
    match accounts::create(app.store.as_ref(), &name, role, credentials, &s.user.name).await {
        Ok(secret) => page(&app, s, lang, StatusCode::OK, Some(setup(&name, &secret)), None, "").await,
        Err(StoreError::Conflict(p)) => {
            page(&app, s, lang, StatusCode::CONFLICT, None, Some(tr.problem(&p)), &name).await
        }
        Err(e) => Err(HtmlError::unavailable(e)),
    }
}

pub async fn act(
    State(app): State<Arc<App>>,
    Path((name, verb)): Path<(String, String)>,
    form: StaffForm<MayManageUsers>,
) -> Result<Response, HtmlError> {
    let (s, lang) = (&form.staff, form.lang);
    if name == s.user.name && verb != "reset-2fa" {
        let error = Some(form.tr.t("staff-not-yourself"));
        return page(&app, s, lang, StatusCode::UNPROCESSABLE_ENTITY, None, error, "").await;
    }
    let store = app.store.as_ref();
    let (done, setup) = match verb.as_str() {
        "disable" => {
            (accounts::set_disabled(store, &name, true, &s.user.name).await.map_err(HtmlError::unavailable)?, None)
        }
        "enable" => {
            (accounts::set_disabled(store, &name, false, &s.user.name).await.map_err(HtmlError::unavailable)?, None)
        }
        "reset-2fa" => {
            let secret =
                accounts::reset_second_factor(store, &name, &s.user.name).await.map_err(HtmlError::unavailable)?;
            (secret.is_some(), secret.map(|secret| setup(&name, &secret)))
        }
        _ => return Err(HtmlError::NotFound),
    };
    match (done, setup) {
        (true, Some(setup)) => page(&app, s, lang, StatusCode::OK, Some(setup), None, "").await,
        (true, None) => Ok(Redirect::to(&format!("/staff/users?lang={}", lang.code())).into_response()),
        (false, _) => Err(HtmlError::NotFound),
    }
}

#[derive(Template)]
#[template(path = "staff_password.html")]
struct PasswordPage {
    c: StaffChrome,
    csrf: String,
    error: Option<String>,
}

pub async fn password_form(page: StaffPage) -> Response {
    let c = StaffChrome::new(page.lang, page.tr.t("staff-password-change"), Some(&page.staff), "/staff/password");
    render(StatusCode::OK, &PasswordPage { c, csrf: page.staff.session.csrf_token.clone(), error: None })
}

/// Changing the password ends every session of the account, this one included.
/// A wrong current password is a failed sign-in in all but name: it is
/// counted by the same throttle (a stolen session cannot guess the password,
/// which also opens the reader key) and written to the audit log.
pub async fn password_change(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: StaffForm,
) -> Result<Response, HtmlError> {
    let (s, lang, tr) = (&form.staff, form.lang, &form.tr);
    let refuse = |status: StatusCode, msg: String| {
        let c = StaffChrome::new(lang, tr.t("staff-password-change"), Some(s), "/staff/password");
        Ok(render(status, &PasswordPage { c, csrf: s.session.csrf_token.clone(), error: Some(msg) }))
    };
    let current = form.raw("current").to_owned();
    let new = form.raw("new").to_owned();
    let client = app.staff.client_key(peer.ip());
    match auth::change_password(&app.staff.guard, app.store.as_ref(), s, &client, current, new).await {
        Ok(()) => {
            let mut r = Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response();
            r.headers_mut()
                .append(axum::http::header::SET_COOKIE, app.staff.cookie(app.staff.session_cookie(), "", Some(0)));
            Ok(r)
        }
        Err(PasswordChangeError::Policy(e)) => refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.a("field-problem", &[("reason", password_problem(tr, &e).into())]),
        ),
        Err(PasswordChangeError::Throttled) => refuse(StatusCode::TOO_MANY_REQUESTS, tr.t("staff-login-throttled")),
        Err(PasswordChangeError::Wrong) => refuse(StatusCode::UNAUTHORIZED, tr.t("staff-password-wrong")),
        Err(PasswordChangeError::Busy) => Err(HtmlError::Busy),
        Err(PasswordChangeError::Hashing) => Err(HtmlError::Internal("cannot hash the new password".into())),
        Err(PasswordChangeError::Store(e)) => Err(HtmlError::unavailable(e)),
    }
}

/// Why a password is refused, in the reader's language.
fn password_problem(tr: &Tr, e: &inferno_auth::PasswordError) -> String {
    use inferno_auth::PasswordError;
    match e {
        PasswordError::TooShort { min } => tr.a("problem-password-too-short", &[("min", (*min).into())]),
        PasswordError::TooLong { max } => tr.a("problem-password-too-long", &[("max", (*max).into())]),
        PasswordError::Hash(_) => tr.t("problem-password-hash"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inferno_auth::PasswordError;
    use inferno_domain::Lang;

    /// Every reason a password is refused reads as a sentence of its own
    /// language: no key shown for a missing message, no argument left
    /// unfilled, the Ukrainian in Cyrillic and the English without.
    #[test]
    fn every_password_problem_is_worded_in_both_languages() {
        let problems =
            [PasswordError::TooShort { min: 12 }, PasswordError::TooLong { max: 128 }, PasswordError::Hash("x".into())];
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            for e in &problems {
                let text = password_problem(&tr, e);
                let cyrillic = text.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)));
                assert!(
                    !text.is_empty() && !text.starts_with("problem-") && !text.contains('{'),
                    "{lang:?} {e:?}: {text}"
                );
                assert_eq!(cyrillic, lang == Lang::Uk, "{lang:?} {e:?}: {text}");
            }
        }
    }
}
