//! The back office's "Records" menu: every kind of record, how many there
//! are, how many are not public and how many changes wait for a reviewer,
//! each a link to its list. Staff find the work without knowing an address.

use super::extract::StaffPage;
use super::views::{StaffChrome, render};
use crate::App;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use inferno_domain::Permission;
use inferno_site::shell::error::HtmlError;
use std::sync::Arc;

/// One kind's line.
struct KindRow {
    label: String,
    href: String,
    new_href: String,
    all: u64,
    unpublished: u64,
    changes: u64,
}

#[derive(Template)]
#[template(path = "staff_kinds.html")]
struct KindsPage {
    c: StaffChrome,
    kinds: Vec<KindRow>,
    may_edit: bool,
}

pub async fn list(State(app): State<Arc<App>>, page: StaffPage) -> Result<Response, HtmlError> {
    let StaffPage { staff, lang, tr, .. } = page;
    let l = lang.code();
    let kinds = app
        .store
        .record_counts()
        .await
        .map_err(HtmlError::unavailable)?
        .into_iter()
        .map(|n| KindRow {
            label: tr.record_kind(n.kind),
            href: format!("/staff/{}?lang={l}", n.kind.name()),
            new_href: format!("/staff/{}/new?lang={l}", n.kind.name()),
            all: n.all,
            unpublished: n.unpublished,
            changes: n.changes,
        })
        .collect();
    let c = StaffChrome::new(lang, tr.t("staff-records"), Some(&staff), "/staff/records");
    Ok(render(StatusCode::OK, &KindsPage { c, kinds, may_edit: staff.user.role.may(Permission::Edit) }))
}
