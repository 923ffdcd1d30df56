//! The dashboard: what waits for the person signed in, the latest changes
//! to records and, for those who may read it, the audit log's newest entries.

use super::audit::{AuditRow, recent};
use super::extract::StaffPage;
use super::views::{StaffChrome, render, utc};
use crate::App;
use askama::Template;
use axum::Extension;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use inferno_domain::{Kind, Permission};
use inferno_site::shell::error::HtmlError;
use std::sync::Arc;

/// How many waiting records the dashboard lists.
const WAITING_SHOWN: usize = 25;

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
    /// "N more wait", when the list is cut.
    waiting_more: Option<String>,
    may_publish: bool,
    /// "N new submissions" for readers, when there are any.
    intake_new: String,
    /// Why that count may be short: this server is not the intake node, and
    /// cannot reach it (see `crate::intake::forward`).
    intake_unreached: Option<String>,
}

impl Dashboard {
    /// The rows `staff_audit_table.html` shows.
    fn rows_or_recent(&self) -> &[AuditRow] {
        &self.recent
    }
}

pub async fn dashboard(
    State(app): State<Arc<App>>,
    page: StaffPage,
    down: Option<Extension<crate::intake::forward::IntakeNodeDown>>,
) -> Result<Response, HtmlError> {
    let StaffPage { staff, lang, tr, .. } = page;
    let may_read_audit = staff.user.role.may(Permission::ReadAuditLog);
    let recent =
        if may_read_audit { recent(&app, lang, 10).await.map_err(HtmlError::unavailable)? } else { Vec::new() };
    let new_submissions = if staff.user.role.may(Permission::ReadSubmissions) {
        let all = app.intake.vault.submissions().await.map_err(HtmlError::unavailable)?;
        all.iter().filter(|s| s.status == inferno_domain::IntakeStatus::New).count()
    } else {
        0
    };
    let intake_new = if new_submissions > 0 { tr.n("staff-intake-new", new_submissions) } else { String::new() };
    let intake_unreached =
        (down.is_some() && staff.user.role.may(Permission::ReadSubmissions)).then(|| tr.t("staff-intake-unreached"));
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
        .collect::<Vec<_>>();
    // The oldest first, as many as a screen or two: the rest are counted
    // on the Records page, kind by kind.
    let waiting_more = waiting.len().saturating_sub(WAITING_SHOWN);
    let waiting: Vec<WaitingRow> = waiting.into_iter().take(WAITING_SHOWN).collect();
    let waiting_more = (waiting_more > 0).then(|| tr.n("staff-waiting-more", waiting_more));
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
    let page = Dashboard {
        c,
        recent,
        may_read_audit,
        changes,
        waiting,
        waiting_more,
        may_publish,
        intake_new,
        intake_unreached,
    };
    Ok(render(StatusCode::OK, &page))
}
