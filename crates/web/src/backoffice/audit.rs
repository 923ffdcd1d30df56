//! The audit log's page: every entry, newest first, in words, narrowed to
//! a person, an action or a record; a run of the same look at the same
//! thing by the same person reads as one line.

use super::extract::{MayReadAuditLog, StaffPage};
use super::session;
use super::views::{StaffChrome, render, utc};
use crate::App;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use inferno_audit::Entry;
use inferno_domain::{AuditAction, Kind, Lang};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::Tr;
use inferno_storage::{AuditFilter, StoreError};
use std::sync::Arc;

/// One line of the log's table: an entry, or a run of the same look.
pub struct AuditRow {
    pub seq: u64,
    /// When, or from when to when for a run.
    pub time: String,
    pub actor: String,
    /// The log narrowed to this person.
    pub actor_href: String,
    /// In words.
    pub action: String,
    /// As stored, for the page's filter and for `inferno audit verify`.
    pub code: String,
    pub target: String,
    /// The back-office page of what the entry is about, where it has one.
    pub href: Option<String>,
    pub detail: String,
    /// How many entries the line stands for (more than one for a run).
    pub times: usize,
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

/// Entries, newest first, as lines: consecutive looks (see
/// [`AuditAction::is_reading`]) by one person at one thing become one.
fn rows(tr: &Tr, lang: Lang, entries: impl Iterator<Item = Entry>) -> Vec<AuditRow> {
    let mut out: Vec<AuditRow> = Vec::new();
    let mut first_time: Vec<i64> = Vec::new();
    for e in entries {
        let reading = AuditAction::parse(&e.action).is_some_and(AuditAction::is_reading);
        if let Some(last) = out.last_mut()
            && reading
            && last.code == e.action
            && last.actor == e.actor
            && last.target == e.target
            && last.detail == e.detail
        {
            last.times += 1;
            if let Some(t) = first_time.last_mut() {
                *t = e.time;
            }
            continue;
        }
        first_time.push(e.time);
        out.push(AuditRow {
            seq: e.seq,
            time: utc(e.time),
            actor_href: format!("/staff/audit?lang={}&actor={}", lang.code(), encode(&e.actor)),
            action: tr.audit_action(&e.action),
            href: target_href(&e.target, lang),
            code: e.action,
            actor: e.actor,
            target: e.target,
            detail: e.detail,
            times: 1,
        });
    }
    // A run reads from its first look to its last.
    for (row, first) in out.iter_mut().zip(first_time) {
        if row.times > 1 {
            row.time = format!("{} – {}", utc(first), row.time);
        }
    }
    out
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The `newest` last entries, for the dashboard: only those rows are read.
pub(super) async fn recent(app: &App, lang: Lang, newest: u64) -> Result<Vec<AuditRow>, StoreError> {
    let size = app.store.audit_size().await?;
    if size == 0 {
        return Ok(Vec::new());
    }
    let entries = app.store.audit_range(size.saturating_sub(newest - 1).max(1), size).await?;
    Ok(rows(&Tr::new(lang), lang, entries.into_iter().rev()))
}

/// Entries shown on one page of the audit log.
const AUDIT_PAGE: u64 = 100;

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
    filter: AuditFilter,
    /// The people and the actions the filter offers: (value, words).
    people: Vec<String>,
    actions: Vec<(String, String)>,
}

impl AuditPage {
    fn rows_or_recent(&self) -> &[AuditRow] {
        &self.rows
    }
}

/// `?page=` and the filter, from the query; a page that is not a number is none.
fn query(q: Option<&str>) -> (Option<u64>, AuditFilter) {
    let mut page = Some(1);
    let mut f = AuditFilter::default();
    for (k, v) in form_urlencoded::parse(q.unwrap_or("").as_bytes()) {
        let v = v.trim().to_owned();
        match &*k {
            "page" => page = v.parse::<u64>().ok().filter(|p| (1..=u64::MAX / AUDIT_PAGE).contains(p)),
            "actor" => f.actor = v,
            "action" => f.action = v,
            "target" => f.target = v,
            _ => {}
        }
    }
    (page, f)
}

pub async fn audit_log(
    State(app): State<Arc<App>>,
    page: StaffPage<MayReadAuditLog>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff, lang, tr, .. } = page;
    session::record_view(&app, &staff, AuditAction::AuditView, "audit").await?;
    let (page, filter) = query(q.as_deref());
    let page = page.ok_or(HtmlError::NotFound)?;
    let verdict = {
        let mut checked = app.staff.audit_checked.lock().await;
        inferno_services::audit::check_latest(app.store.as_ref(), &mut checked).await.map_err(HtmlError::unavailable)?
    };
    let latest = app.store.audit_latest_checkpoint().await.map_err(HtmlError::unavailable)?;
    let skip = (page - 1) * AUDIT_PAGE;
    // The whole log is read by number; a filtered one through its index.
    let (entries, total) = if filter.is_empty() {
        let size = app.store.audit_size().await.map_err(HtmlError::unavailable)?;
        let last = size.saturating_sub(skip);
        let entries = if last == 0 {
            Vec::new()
        } else {
            app.store
                .audit_range(last.saturating_sub(AUDIT_PAGE - 1).max(1), last)
                .await
                .map_err(HtmlError::unavailable)?
        };
        (entries.into_iter().rev().collect(), size)
    } else {
        app.store.audit_search(&filter, skip, AUDIT_PAGE).await.map_err(HtmlError::unavailable)?
    };
    let pages = total.div_ceil(AUDIT_PAGE).max(1);
    if page > pages {
        return Err(HtmlError::NotFound);
    }
    let shown = entries.len() as u64;
    let rows = rows(&tr, lang, entries.into_iter());
    let (intact, status) = match &verdict {
        Ok(n) => (true, tr.a("staff-audit-intact", &[("count", (*n).into())])),
        Err(reason) => (false, tr.a("staff-audit-broken", &[("reason", reason.into())])),
    };
    let checkpoint = latest.map(|c| c.to_text()).unwrap_or_default();
    let link = |p: u64| {
        let mut href = format!("/staff/audit?lang={}&page={p}", lang.code());
        for (k, v) in [("actor", &filter.actor), ("action", &filter.action), ("target", &filter.target)] {
            if !v.is_empty() {
                href.push_str(&format!("&{k}={}", encode(v)));
            }
        }
        href
    };
    let page_status = if shown == 0 {
        tr.t(if filter.is_empty() { "staff-audit-empty" } else { "staff-audit-none" })
    } else {
        let (first, last) = (skip + 1, skip + shown);
        tr.a("page-status", &[("first", first.into()), ("last", last.into()), ("total", total.into())])
    };
    let people = app.store.users().await.map_err(HtmlError::unavailable)?.into_iter().map(|u| u.name).collect();
    let mut actions: Vec<(String, String)> =
        AuditAction::all().into_iter().map(|a| (a.to_string(), tr.audit_action(&a.to_string()))).collect();
    actions.sort_by_cached_key(|(_, words)| inferno_domain::lang::collation_key(words));
    let c = StaffChrome::new(lang, tr.t("staff-audit"), Some(&staff), "/staff/audit");
    let page = AuditPage {
        c,
        rows,
        status,
        intact,
        checkpoint,
        newer: (page > 1).then(|| link(page - 1)),
        older: (page < pages).then(|| link(page + 1)),
        page_status,
        filter,
        people,
        actions,
    };
    Ok(render(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: u64, time: i64, actor: &str, action: &str, target: &str) -> Entry {
        Entry { seq, time, actor: actor.into(), action: action.into(), target: target.into(), detail: String::new() }
    }

    #[test]
    fn a_run_of_the_same_look_is_one_line_and_changes_are_not() {
        let tr = Tr::new(Lang::En);
        let newest_first = vec![
            entry(6, 600, "olena", "intake_view", "intake/a"),
            entry(5, 500, "olena", "intake_view", "intake/a"),
            entry(4, 400, "olena", "intake_view", "intake/a"),
            entry(3, 300, "ivan", "intake_view", "intake/a"),
            entry(2, 200, "olena", "site_update", "site/x"),
            entry(1, 100, "olena", "site_update", "site/x"),
        ];
        let rows = rows(&tr, Lang::En, newest_first.into_iter());
        let lines: Vec<(u64, usize, &str)> = rows.iter().map(|r| (r.seq, r.times, r.action.as_str())).collect();
        assert_eq!(
            lines,
            [
                (6, 3, "Read a submission"),
                (3, 1, "Read a submission"),
                (2, 1, "Sites: edited"),
                (1, 1, "Sites: edited")
            ]
        );
        assert_eq!(rows[0].time, "1970-01-01 00:06:40 UTC – 1970-01-01 00:10:00 UTC");
        assert_eq!(rows[0].href.as_deref(), Some("/staff/intake/a?lang=en"));
        assert_eq!(rows[3].actor_href, "/staff/audit?lang=en&actor=olena");
    }

    #[test]
    fn the_filter_and_the_page_come_from_the_query() {
        let (page, f) = query(Some("page=2&actor=olena&action=site_update&target=site%2Fx&lang=en"));
        assert_eq!(page, Some(2));
        assert_eq!((f.actor.as_str(), f.action.as_str(), f.target.as_str()), ("olena", "site_update", "site/x"));
        assert_eq!(query(Some("page=zero")).0, None);
        assert!(query(None).1.is_empty());
    }
}
