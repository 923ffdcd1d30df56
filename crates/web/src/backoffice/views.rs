//! The back office's pages.

use super::extract::{MayReadAuditLog, StaffPage};
use super::session::{self, Staff};
use crate::App;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::Kind;
use inferno_domain::{AuditAction, Lang, Permission};
use inferno_site::shell::error::{FailureKind, HtmlError};
use inferno_site::shell::i18n::Tr;
use std::sync::Arc;

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

pub struct AuditRow {
    pub seq: u64,
    pub time: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    /// The back-office page of what the entry is about, where it has one.
    pub href: Option<String>,
    pub detail: String,
}

/// The page of an audit entry's target: a record (`site/ID`), a submission
/// (`intake/ID`) or the accounts (`user/NAME`).
fn target_href(target: &str, lang: Lang) -> Option<String> {
    let (what, id) = target.split_once('/')?;
    let l = lang.code();
    match what {
        "intake" if !id.is_empty() => Some(format!("/staff/intake/{id}?lang={l}")),
        "user" => Some(format!("/staff/users?lang={l}")),
        _ => Kind::from_singular(what).filter(|_| !id.is_empty()).map(|k| format!("/staff/{}/{id}?lang={l}", k.name())),
    }
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

/// Entries shown on one page of the audit log.
const AUDIT_PAGE: u64 = 100;

/// The `newest` entries before (and without) the last `skip`, newest first:
/// only those rows are read.
async fn audit_rows(
    app: &App,
    lang: Lang,
    skip: u64,
    newest: u64,
) -> Result<Vec<AuditRow>, inferno_storage::StoreError> {
    let size = app.store.audit_size().await?;
    let last = size.saturating_sub(skip);
    if last == 0 {
        return Ok(Vec::new());
    }
    let first = last.saturating_sub(newest - 1).max(1);
    let entries = app.store.audit_range(first, last).await?;
    Ok(entries
        .iter()
        .rev()
        .map(|e| AuditRow {
            seq: e.seq,
            time: utc(e.time),
            actor: e.actor.clone(),
            action: e.action.clone(),
            target: e.target.clone(),
            href: target_href(&e.target, lang),
            detail: e.detail.clone(),
        })
        .collect())
}

/// A recent change to a record, linking to it.
pub struct ChangeRow {
    pub time: String,
    pub actor: String,
    pub action: String,
    pub href: String,
    pub target: String,
    pub note: String,
}

/// Something that waits for a reviewer, linking to it.
pub struct WaitingRow {
    /// The kind's list name ("News", "Sources").
    pub kind: String,
    pub href: String,
    pub target: String,
    /// A change to a published record, or a new record.
    pub what: String,
    pub actor: String,
    pub day: String,
}

/// The back office's list of records of a kind, by the kind's singular name.
fn list_of(kind: &str) -> &'static str {
    Kind::from_singular(kind).unwrap_or(Kind::News).name()
}

#[derive(Template)]
#[template(path = "staff_home.html")]
struct Dashboard {
    c: StaffChrome,
    recent: Vec<AuditRow>,
    may_read_audit: bool,
    changes: Vec<ChangeRow>,
    /// Everything that waits, for those who may publish; one's own otherwise.
    waiting: Vec<WaitingRow>,
    may_publish: bool,
    /// "N new submissions" for readers, when there are any.
    intake_new: String,
}

impl Dashboard {
    /// The rows `staff_audit_table.html` shows.
    fn rows_or_recent(&self) -> &[AuditRow] {
        &self.recent
    }
}

pub async fn dashboard(State(app): State<Arc<App>>, page: StaffPage) -> Result<Response, HtmlError> {
    let StaffPage { staff, lang, tr, .. } = page;
    let may_read_audit = staff.user.role.may(Permission::ReadAuditLog);
    let recent =
        if may_read_audit { audit_rows(&app, lang, 0, 10).await.map_err(HtmlError::unavailable)? } else { Vec::new() };
    let new_submissions = if staff.user.role.may(Permission::ReadSubmissions) {
        let all = app.store.submissions().await.map_err(HtmlError::unavailable)?;
        all.iter().filter(|s| s.status == inferno_domain::IntakeStatus::New).count()
    } else {
        0
    };
    let intake_new = if new_submissions > 0 { tr.n("staff-intake-new", new_submissions) } else { String::new() };
    let may_publish = staff.user.role.may(Permission::Publish);
    let waiting = app
        .store
        .waiting()
        .await
        .map_err(HtmlError::unavailable)?
        .into_iter()
        .filter(|w| may_publish || w.actor == staff.user.name)
        .map(|w| WaitingRow {
            kind: Kind::from_singular(&w.kind).map(|k| tr.record_kind(k)).unwrap_or_default(),
            href: format!("/staff/{}/{}?lang={}", list_of(&w.kind), w.id, lang.code()),
            target: format!("{}/{}", w.kind, w.id),
            what: tr.t(if w.new { "staff-waiting-new" } else { "staff-waiting-change" }),
            actor: w.actor,
            day: inferno_domain::PartialDate::from_days_since_epoch(w.time.div_euclid(86_400)).to_string(),
        })
        .collect();
    let changes = app
        .store
        .recent_revisions(15)
        .await
        .map_err(HtmlError::unavailable)?
        .into_iter()
        .map(|inferno_storage::RecordRevision { kind, id, revision: r }| ChangeRow {
            time: utc(r.time),
            actor: r.actor,
            action: tr.revision(&r.action),
            href: format!("/staff/{}/{id}?lang={}", kind.name(), lang.code()),
            target: format!("{}/{id}", kind.singular()),
            note: r.public_note.unwrap_or_default(),
        })
        .collect();
    let c = StaffChrome::new(lang, tr.t("staff-dashboard"), Some(&staff), "/staff");
    let page = Dashboard { c, recent, may_read_audit, changes, waiting, may_publish, intake_new };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "staff_audit.html")]
struct AuditPage {
    c: StaffChrome,
    rows: Vec<AuditRow>,
    status: String,
    intact: bool,
    checkpoint: String,
    /// Links to newer and older entries.
    newer: Option<String>,
    older: Option<String>,
    page_status: String,
}

impl AuditPage {
    fn rows_or_recent(&self) -> &[AuditRow] {
        &self.rows
    }
}

pub async fn audit_log(
    State(app): State<Arc<App>>,
    page: StaffPage<MayReadAuditLog>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff, lang, tr, .. } = page;
    session::record_view(&app, &staff, AuditAction::AuditView, "audit").await?;
    let page = q
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "page"))
        .map_or(Some(1), |(_, v)| v.parse::<u64>().ok().filter(|p| (1..=u64::MAX / AUDIT_PAGE).contains(p)));
    let page = page.ok_or(HtmlError::NotFound)?;
    let size = app.store.audit_size().await.map_err(HtmlError::unavailable)?;
    let verdict = {
        let mut checked = app.staff.audit_checked.lock().await;
        inferno_services::audit::check_latest(app.store.as_ref(), &mut checked).await.map_err(HtmlError::unavailable)?
    };
    let latest = app.store.audit_latest_checkpoint().await.map_err(HtmlError::unavailable)?;
    let pages = size.div_ceil(AUDIT_PAGE).max(1);
    if page > pages {
        return Err(HtmlError::NotFound);
    }
    let rows = audit_rows(&app, lang, (page - 1) * AUDIT_PAGE, AUDIT_PAGE).await.map_err(HtmlError::unavailable)?;
    let (intact, status) = match &verdict {
        Ok(n) => (true, tr.a("staff-audit-intact", &[("count", (*n).into())])),
        Err(reason) => (false, tr.a("staff-audit-broken", &[("reason", reason.into())])),
    };
    let checkpoint = latest.map(|c| c.to_text()).unwrap_or_default();
    let link = |p: u64| format!("/staff/audit?lang={}&page={p}", lang.code());
    let page_status = match (rows.last(), rows.first()) {
        (Some(oldest), Some(newest)) => {
            tr.a("page-status", &[("first", oldest.seq.into()), ("last", newest.seq.into()), ("total", size.into())])
        }
        _ => String::new(),
    };
    let c = StaffChrome::new(lang, tr.t("staff-audit"), Some(&staff), "/staff/audit");
    Ok(render(
        StatusCode::OK,
        &AuditPage {
            c,
            rows,
            status,
            intact,
            checkpoint,
            newer: (page > 1).then(|| link(page - 1)),
            older: (page < pages).then(|| link(page + 1)),
            page_status,
        },
    ))
}
