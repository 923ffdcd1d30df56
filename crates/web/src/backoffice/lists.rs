//! A kind's list of records in the back office: searched, narrowed to a
//! status or a site, newest change first, a page at a time.

use super::extract::{RecordKind, StaffPage};
use super::views::{StaffChrome, render, staff_page, utc};
use crate::App;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use inferno_domain::{Kind, Lang, Permission};
use inferno_services::listing::{self, ListQuery, Listed, Standing, Status};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::Tr;
use inferno_site::shell::pagination::{Pagination, STAFF_PAGE_SIZE, page_count};
use std::sync::Arc;

/// One record's line.
struct Row {
    key: String,
    title: String,
    status: String,
    changed: String,
}

#[derive(Template)]
#[template(path = "staff_records.html")]
struct ListPage {
    c: StaffChrome,
    kind: &'static str,
    heading: String,
    rows: Vec<Row>,
    may_edit: bool,
    pagination: Pagination,
    /// The search as asked, to fill the form again.
    text: String,
    /// (code, label, chosen) of each status, and of each site where the kind names sites.
    statuses: Vec<(&'static str, String, bool)>,
    sites: Vec<(String, String, bool)>,
    by_key: bool,
    /// What the list is narrowed to, said in words, when it is.
    narrowed: String,
}

/// The list's query from its address: `q`, `status`, `site` and `sort`
/// (`page` is read by [`staff_page`]). A value the form never sends is a
/// bad request that says which and what it may be.
fn query(raw: Option<&str>, kind: Kind, tr: &Tr) -> Result<ListQuery, HtmlError> {
    let mut q = ListQuery::default();
    let bad = |param: &str, value: &str, accepted: String| {
        HtmlError::BadRequest(tr.a(
            "error-bad-param",
            &[("param", param.to_owned().into()), ("value", value.to_owned().into()), ("accepted", accepted.into())],
        ))
    };
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match (k.as_ref(), v.trim()) {
            (_, "") => {}
            ("q", v) => q.text = v.chars().take(200).collect(),
            ("status", v) => {
                let codes = Status::ALL.map(Status::code).join(", ");
                q.status = Some(Status::parse(v).ok_or_else(|| bad("status", v, codes))?);
            }
            ("site", v) if listing::names_sites(kind) => q.site = Some(v.chars().take(200).collect()),
            ("sort", "changed") => q.by_key = false,
            ("sort", "key") => q.by_key = true,
            ("sort", v) => return Err(bad("sort", v, "changed, key".into())),
            _ => {}
        }
    }
    Ok(q)
}

/// The address of page `n` of the same list.
fn link(kind: Kind, lang: Lang, q: &ListQuery, n: usize) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.append_pair("lang", lang.code());
    if !q.text.is_empty() {
        out.append_pair("q", &q.text);
    }
    if let Some(s) = q.status {
        out.append_pair("status", s.code());
    }
    if let Some(site) = &q.site {
        out.append_pair("site", site);
    }
    if q.by_key {
        out.append_pair("sort", "key");
    }
    out.append_pair("page", &n.to_string());
    format!("/staff/{}?{}", kind.name(), out.finish())
}

fn status_words(tr: &Tr, r: &Listed) -> String {
    let standing = tr.t(match r.standing {
        Standing::Draft => "staff-draft",
        Standing::Published => "staff-published",
        Standing::Withdrawn => "staff-withdrawn",
    });
    if r.change_waits { format!("{standing}; {}", tr.t("staff-change-waits")) } else { standing }
}

pub async fn list(
    State(app): State<Arc<App>>,
    page: StaffPage,
    RecordKind(kind): RecordKind,
    RawQuery(raw): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff: s, lang, tr, .. } = page;
    let q = query(raw.as_deref(), kind, &tr)?;
    let page = staff_page(raw.as_deref(), &tr)?;
    let found = listing::list(app.store.as_ref(), &app.lists, kind, lang, &q, (page, STAFF_PAGE_SIZE))
        .await
        .map_err(HtmlError::unavailable)?;
    if page > page_count(found.total, STAFF_PAGE_SIZE) {
        return Err(HtmlError::NotFound);
    }
    let rows = found
        .rows
        .iter()
        .map(|r| Row {
            key: r.key.clone(),
            title: r.title.clone(),
            status: status_words(&tr, r),
            changed: if r.changed > 0 { utc(r.changed) } else { String::new() },
        })
        .collect();
    let pagination = Pagination::new(&tr, page, found.total, STAFF_PAGE_SIZE, |n| link(kind, lang, &q, n));
    let heading = tr.record_kind(kind);
    let statuses = Status::ALL
        .into_iter()
        .map(|st| (st.code(), tr.t(&format!("staff-status-{}", st.code())), q.status == Some(st)))
        .collect();
    let sites = if listing::names_sites(kind) {
        let snapshot = app.site.snapshot();
        let mut sites: Vec<(String, String, bool)> = snapshot
            .catalog
            .sites()
            .iter()
            .map(|site| {
                let chosen = q.site.as_deref() == Some(site.id.as_str());
                (site.id.to_string(), site.name.get(lang).text.to_owned(), chosen)
            })
            .collect();
        sites.sort_by_cached_key(|s| inferno_domain::lang::collation_key(&s.1));
        sites
    } else {
        Vec::new()
    };
    let narrowed = if q.text.is_empty() && q.status.is_none() && q.site.is_none() {
        String::new()
    } else {
        tr.n("staff-list-found", found.total)
    };
    let c = StaffChrome::new(lang, heading.clone(), Some(&s), &format!("/staff/{}", kind.name()));
    let may_edit = s.user.role.may(Permission::Edit);
    let page = ListPage {
        c,
        kind: kind.name(),
        heading,
        rows,
        may_edit,
        pagination,
        text: q.text.clone(),
        statuses,
        sites,
        by_key: q.by_key,
        narrowed,
    };
    Ok(render(StatusCode::OK, &page))
}
