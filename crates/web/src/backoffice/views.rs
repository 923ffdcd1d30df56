//! What every back-office page is made with: its chrome, rendering, the
//! failure page, and the small helpers lists and pages share.

use super::session::Staff;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::{Lang, Permission};
use inferno_site::shell::error::{FailureKind, HtmlError};
use inferno_site::shell::i18n::Tr;

/// What every back-office page shows around its content.
pub struct StaffChrome {
    pub tr: Tr,
    pub lang: &'static str,
    pub title: String,
    pub css: String,
    /// Signed in as (name, role label, anti-forgery token for the sign-out form).
    pub user: Option<(String, String, String)>,
    pub switch_href: String,
    pub switch_code: &'static str,
    pub switch_name: &'static str,
    pub nav: Vec<(String, String, bool)>,
}

impl StaffChrome {
    pub fn new(lang: Lang, title: String, staff: Option<&Staff>, path: &str) -> StaffChrome {
        let tr = Tr::new(lang);
        let other = lang.other();
        let l = lang.code();
        let mut nav = Vec::new();
        if let Some(s) = staff {
            nav.push((format!("/staff?lang={l}"), tr.t("staff-dashboard"), path == "/staff"));
            nav.push((format!("/staff/records?lang={l}"), tr.t("staff-records"), path == "/staff/records"));
            if s.user.role.may(Permission::ReadSubmissions) {
                nav.push((format!("/staff/intake?lang={l}"), tr.t("staff-intake"), path == "/staff/intake"));
            }
            if s.user.role.may(Permission::ReadAuditLog) {
                nav.push((format!("/staff/audit?lang={l}"), tr.t("staff-audit"), path == "/staff/audit"));
            }
            if s.user.role.may(Permission::ManageUsers) {
                nav.push((format!("/staff/users?lang={l}"), tr.t("staff-accounts"), path == "/staff/users"));
            }
        }
        StaffChrome {
            tr,
            lang: l,
            title,
            css: inferno_site::shell::assets::url("style.css"),
            user: staff.map(|s| (s.user.name.clone(), tr.label(s.user.role), s.session.csrf_token.clone())),
            switch_href: format!("{path}?lang={}", other.code()),
            switch_code: other.code(),
            switch_name: other.endonym(),
            nav,
        }
    }
}

pub fn render(status: StatusCode, t: &impl Template) -> Response {
    match t.render() {
        Ok(body) => {
            let mut r = (status, body).into_response();
            r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            r
        }
        // The failure's page, logged once by the edge layer, never an empty 500.
        Err(e) => HtmlError::from(e).into_response(),
    }
}

#[derive(Template)]
#[template(path = "staff_message.html")]
struct MessagePage {
    c: StaffChrome,
    heading: String,
    text: String,
    reference: Option<String>,
}

/// The page of a failed back-office request (see [`inferno_site::shell::edge::edge`]);
/// `reference` is the id it was logged under.
/// A back-office failure's page, in the back office's chrome; a stranger is
/// sent to sign in.
pub(crate) fn failure_page(lang: Lang, f: &inferno_site::shell::error::Failure, reference: Option<&str>) -> Response {
    if f.kind == FailureKind::SignIn {
        return Redirect::to(&format!("/staff/login?lang={}", lang.code())).into_response();
    }
    let tr = Tr::new(lang);
    let (heading_key, text_key) = f.kind.keys();
    let heading = tr.t(heading_key);
    let text = f.message.clone().unwrap_or_else(|| tr.t(text_key));
    let reference = reference.map(|id| tr.a("error-reference", &[("id", id.into())]));
    let c = StaffChrome::new(lang, heading.clone(), None, "/staff");
    render(f.kind.status(), &MessagePage { c, heading, text, reference })
}

/// The page of a back-office list, from `?page=`; a value that is not a
/// page number is a bad request that says so.
pub(super) fn staff_page(query: Option<&str>, tr: &Tr) -> Result<usize, HtmlError> {
    inferno_site::shell::pagination::page_param(query).map_err(|v| {
        HtmlError::BadRequest(
            tr.a("error-bad-param", &[("param", "page".into()), ("value", v.into()), ("accepted", "1, 2, 3…".into())]),
        )
    })
}

/// A Unix time as `YYYY-MM-DD HH:MM:SS UTC`.
pub(super) fn utc(t: i64) -> String {
    let d = inferno_domain::PartialDate::from_days_since_epoch(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!("{d} {:02}:{:02}:{:02} UTC", s / 3600, s / 60 % 60, s % 60)
}
