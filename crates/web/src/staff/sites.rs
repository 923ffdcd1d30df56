//! Sites in the back office: list, create, edit with preview, publish,
//! withdraw, history and revert. Validation is the importer's, field for field.

use super::session::{self, Staff, no_store, staff_lang};
use super::views::{StaffChrome, render};
use crate::App;
use crate::i18n::Tr;
use crate::markdown;
use askama::Template;
use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::import::site_from_fields;
use inferno_domain::{
    CoordPrecision, Lang, Permission, SectionKind, Site, SiteSection, SiteStatus, SiteType,
};
use std::collections::HashMap;
use std::sync::Arc;

/// The form's fields, under the importer's column names, in display order.
const FIELDS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("name_uk", Kind::Text),
    ("name_en", Kind::Text),
    ("name_ru", Kind::Text),
    ("facility_type", Kind::Select),
    ("status", Kind::Select),
    ("settlement_uk", Kind::Text),
    ("settlement", Kind::Text),
    ("region_uk", Kind::Text),
    ("region", Kind::Text),
    ("country", Kind::Text),
    ("occupied_territory", Kind::Select),
    ("lat", Kind::Text),
    ("lon", Kind::Text),
    ("coord_precision", Kind::Select),
    ("operator", Kind::Text),
    ("reported_from", Kind::Text),
    ("reported_to", Kind::Text),
    ("notes_uk", Kind::Markdown),
    ("notes", Kind::Markdown),
    ("source_urls", Kind::Lines),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Select,
    Markdown,
    Lines,
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub kind: &'static str,
    pub options: Vec<(String, String, bool)>,
    pub lang: Option<&'static str>,
}

fn options(name: &str, tr: &Tr, value: &str) -> Vec<(String, String, bool)> {
    let list: Vec<(String, String)> = match name {
        "facility_type" => SiteType::ALL
            .iter()
            .map(|t| (t.code().into(), tr.t(&format!("site-type-{t}"))))
            .collect(),
        "status" => SiteStatus::ALL
            .iter()
            .map(|s| (s.code().into(), tr.t(&format!("status-{s}"))))
            .collect(),
        "coord_precision" => CoordPrecision::ALL
            .iter()
            .map(|p| (p.code().into(), tr.t(&format!("precision-{p}"))))
            .collect(),
        "occupied_territory" => vec![
            ("false".into(), tr.t("filter-occupied-no")),
            ("true".into(), tr.t("filter-occupied-yes")),
        ],
        _ => vec![],
    };
    list.into_iter()
        .map(|(v, l)| (v.clone(), l, v == value))
        .collect()
}

fn form_fields(
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
    tr: &Tr,
    new: bool,
) -> Vec<Field> {
    FIELDS
        .iter()
        .filter(|(name, _)| new || *name != "id")
        .map(|&(name, kind)| Field {
            name,
            label: tr.t(&format!("field-{name}")),
            hint: tr.t(&format!("hint-{name}")),
            value: values.get(name).cloned().unwrap_or_default(),
            error: errors.get(name).cloned(),
            kind: match kind {
                Kind::Text => "text",
                Kind::Select => "select",
                Kind::Markdown | Kind::Lines => "textarea",
            },
            options: if kind == Kind::Select {
                options(name, tr, values.get(name).map_or("", String::as_str))
            } else {
                vec![]
            },
            lang: if name.ends_with("_uk") {
                Some("uk")
            } else if name.ends_with("_ru") {
                Some("ru")
            } else {
                None
            },
        })
        .collect()
}

/// A site as form values.
fn values_of(site: &Site) -> HashMap<String, String> {
    let overview = site
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Overview)
        .map(|s| s.body.clone())
        .unwrap_or_default();
    [
        ("id", site.id.to_string()),
        ("name_uk", site.name.uk.clone()),
        ("name_en", site.name.en.clone()),
        ("name_ru", site.name_ru.clone()),
        ("facility_type", site.site_type.code().into()),
        ("status", site.status.code().into()),
        ("settlement_uk", site.settlement.uk.clone()),
        ("settlement", site.settlement.en.clone()),
        ("region_uk", site.region.uk.clone()),
        ("region", site.region.en.clone()),
        ("country", site.country.code().into()),
        ("occupied_territory", site.occupied.to_string()),
        ("lat", site.lat.to_string()),
        ("lon", site.lon.to_string()),
        ("coord_precision", site.precision.code().into()),
        ("operator", site.operators.join("; ")),
        (
            "reported_from",
            site.reported_from
                .map(|m| m.to_string())
                .unwrap_or_default(),
        ),
        (
            "reported_to",
            site.reported_to.map(|m| m.to_string()).unwrap_or_default(),
        ),
        ("notes_uk", overview.uk),
        ("notes", overview.en),
        ("source_urls", site.source_urls.join("\n")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// Validates form values with the importer's rules.
fn parse(
    values: &HashMap<String, String>,
    id: Option<&str>,
    tr: &Tr,
) -> Result<Site, HashMap<String, String>> {
    let urls = values
        .get("source_urls")
        .map(|u| {
            u.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(";")
        })
        .unwrap_or_default();
    let mut pairs: Vec<(&str, &str)> = FIELDS
        .iter()
        .filter(|(n, _)| *n != "source_urls")
        .map(|(n, _)| (*n, values.get(*n).map_or("", String::as_str)))
        .collect();
    if let Some(id) = id {
        pairs.retain(|(n, _)| *n != "id");
        pairs.push(("id", id));
    }
    pairs.push(("source_urls", &urls));
    site_from_fields(&pairs).map_err(|errors| {
        let mut m = HashMap::new();
        for e in errors {
            m.entry(e.column)
                .or_insert_with(|| tr.a("field-problem", &[("reason", &e.reason)]));
        }
        m
    })
}

#[derive(Template)]
#[template(path = "staff_sites.html")]
struct ListPage {
    c: StaffChrome,
    rows: Vec<(String, String, bool)>,
    may_edit: bool,
}

#[derive(Debug)]
pub struct RevisionRow {
    pub id: i64,
    pub time: String,
    pub actor: String,
    pub action: String,
    pub changed: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "staff_site.html")]
struct EditPage {
    c: StaffChrome,
    new: bool,
    id: String,
    fields: Vec<Field>,
    csrf: String,
    published: bool,
    may_edit: bool,
    may_publish: bool,
    message: Option<String>,
    error: Option<String>,
    preview: Vec<(String, String, &'static str)>,
    public_url: String,
    revisions: Vec<RevisionRow>,
    /// `save`, or `revert` when the form holds an earlier revision.
    save_intent: &'static str,
    public_note: String,
    note_error: Option<String>,
    withdraw_error: Option<String>,
}

async fn staff(
    app: &App,
    headers: &HeaderMap,
    lang: Lang,
    p: Option<Permission>,
) -> Result<Staff, Response> {
    session::require(app, headers, p)
        .await
        .map_err(|r| session::refusal_response(r, lang))
}

pub async fn list(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let lang = staff_lang(q.as_deref(), &headers);
    let s = match staff(&app, &headers, lang, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let tr = Tr::new(lang);
    let rows = app
        .store
        .staff_sites()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(site, p)| (site.id.to_string(), site.name.get(lang).text.to_owned(), p))
        .collect();
    let c = StaffChrome::new(lang, tr.t("staff-sites"), Some(&s), "/staff/sites");
    let may_edit = s.user.role.may(Permission::Edit);
    no_store(render(StatusCode::OK, &ListPage { c, rows, may_edit }))
}

fn utc(t: i64) -> String {
    let d = inferno_domain::PartialDate::from_days_since_epoch(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400);
    format!("{d} {:02}:{:02} UTC", s / 3600, s / 60 % 60)
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    app: &App,
    s: &Staff,
    lang: Lang,
    id: Option<&str>,
    values: &HashMap<String, String>,
    errors: &HashMap<String, String>,
    status: StatusCode,
    message: Option<String>,
    error: Option<String>,
    preview: bool,
) -> Response {
    let tr = Tr::new(lang);
    let new = id.is_none();
    let (published, revisions) = match id {
        Some(id) => {
            let published = app
                .store
                .staff_sites()
                .await
                .unwrap_or_default()
                .iter()
                .any(|(site, p)| site.id.as_str() == id && *p);
            let revs = app.store.revisions("site", id).await.unwrap_or_default();
            let mut rows = Vec::new();
            for (i, r) in revs.iter().enumerate() {
                let changed = match i.checked_sub(1).map(|j| &revs[j]) {
                    Some(prev) => {
                        inferno_storage::changed_fields(&prev.snapshot, &r.snapshot).join(", ")
                    }
                    None => String::new(),
                };
                rows.push(RevisionRow {
                    id: r.id,
                    time: utc(r.time),
                    actor: r.actor.clone(),
                    action: tr.t(&format!("revision-{}", r.action)),
                    changed,
                    note: r.public_note.clone().unwrap_or_default(),
                });
            }
            rows.reverse();
            (published, rows)
        }
        None => (false, Vec::new()),
    };
    let preview = if preview {
        vec![
            (
                tr.t("field-notes_uk"),
                markdown::to_html(values.get("notes_uk").map_or("", String::as_str)),
                "uk",
            ),
            (
                tr.t("field-notes"),
                markdown::to_html(values.get("notes").map_or("", String::as_str)),
                "en",
            ),
        ]
    } else {
        Vec::new()
    };
    let path = id.map_or_else(
        || "/staff/sites/new".to_owned(),
        |i| format!("/staff/sites/{i}"),
    );
    let title = id.map_or_else(
        || tr.t("staff-site-new"),
        |i| tr.a("staff-site-edit", &[("id", i)]),
    );
    let c = StaffChrome::new(lang, title, Some(s), &path);
    let page = EditPage {
        c,
        new,
        id: id.unwrap_or("").to_owned(),
        fields: form_fields(values, errors, &tr, new),
        csrf: s.session.csrf_token.clone(),
        published,
        may_edit: s.user.role.may(Permission::Edit),
        may_publish: s.user.role.may(Permission::Publish),
        message,
        error,
        preview,
        public_url: id
            .map(|i| format!("/{}/sites/{i}", lang.code()))
            .unwrap_or_default(),
        revisions,
        save_intent: if values.get("intent").is_some_and(|i| i == "revert") {
            "revert"
        } else {
            "save"
        },
        public_note: values.get("public_note").cloned().unwrap_or_default(),
        note_error: errors.get("public_note").cloned(),
        withdraw_error: errors.get("withdraw_note").cloned(),
    };
    no_store(render(status, &page))
}

pub async fn new_form(
    State(app): State<Arc<App>>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let lang = staff_lang(q.as_deref(), &headers);
    let s = match staff(&app, &headers, lang, Some(Permission::Edit)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let defaults: HashMap<String, String> = [
        ("facility_type", "unknown"),
        ("status", "unknown"),
        ("occupied_territory", "false"),
        ("coord_precision", "settlement"),
        ("operator", "unknown"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    edit_page(
        &app,
        &s,
        lang,
        None,
        &defaults,
        &HashMap::new(),
        StatusCode::OK,
        None,
        None,
        false,
    )
    .await
}

pub async fn edit_form(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
) -> Response {
    let lang = staff_lang(q.as_deref(), &headers);
    let s = match staff(&app, &headers, lang, None).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some((site, _)) = app
        .store
        .staff_sites()
        .await
        .unwrap_or_default()
        .into_iter()
        .find(|(site, _)| site.id.as_str() == id)
    else {
        return super::views::not_found(State(app), RawQuery(q), headers).await;
    };
    let saved = q
        .as_deref()
        .is_some_and(|q| q.contains("saved=1"))
        .then(|| Tr::new(lang).t("staff-saved"));
    edit_page(
        &app,
        &s,
        lang,
        Some(&id),
        &values_of(&site),
        &HashMap::new(),
        StatusCode::OK,
        saved,
        None,
        false,
    )
    .await
}

fn form_lang(f: &HashMap<String, String>, headers: &HeaderMap) -> Lang {
    f.get("lang")
        .and_then(|l| Lang::from_code(l))
        .unwrap_or_else(|| staff_lang(None, headers))
}

fn csrf_ok(s: &Staff, f: &HashMap<String, String>) -> bool {
    super::login::check_csrf(s, f.get("csrf").map_or("", String::as_str))
}

fn forged(lang: Lang) -> Response {
    let tr = Tr::new(lang);
    super::views::message(
        lang,
        StatusCode::FORBIDDEN,
        &tr.t("staff-forbidden"),
        &tr.t("staff-csrf-failed"),
    )
}

/// Keeps the other profile sections of the stored site: the form edits the overview.
fn merge_sections(mut site: Site, stored: Option<&Site>) -> Site {
    if let Some(stored) = stored {
        for s in &stored.sections {
            if s.kind != SectionKind::Overview {
                site.sections.push(s.clone());
            }
        }
    }
    site.sections
        .retain(|s: &SiteSection| !s.body.is_empty() || s.kind == SectionKind::Overview);
    site
}

pub async fn create(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match staff(&app, &headers, lang, Some(Permission::Edit)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f) {
        return forged(lang);
    }
    let tr = Tr::new(lang);
    let preview = f.get("intent").is_some_and(|i| i == "preview");
    let site = match parse(&f, None, &tr) {
        Ok(site) if !preview => site,
        Ok(_) => {
            return edit_page(
                &app,
                &s,
                lang,
                None,
                &f,
                &HashMap::new(),
                StatusCode::OK,
                None,
                None,
                true,
            )
            .await;
        }
        Err(errors) => {
            return edit_page(
                &app,
                &s,
                lang,
                None,
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(tr.t("staff-form-problems")),
                preview,
            )
            .await;
        }
    };
    match app
        .store
        .save_site(&site, true, "create", &s.user.name, None)
        .await
    {
        Ok(_) => {
            let _ = app.refresh().await;
            no_store(
                Redirect::to(&format!(
                    "/staff/sites/{}?lang={}&saved=1",
                    site.id,
                    lang.code()
                ))
                .into_response(),
            )
        }
        Err(inferno_storage::StoreError::Conflict(m)) => {
            let errors = HashMap::from([("id".to_owned(), m)]);
            edit_page(
                &app,
                &s,
                lang,
                None,
                &f,
                &errors,
                StatusCode::CONFLICT,
                None,
                Some(tr.t("staff-form-problems")),
                false,
            )
            .await
        }
        Err(_) => session::refusal_response(session::Refusal::Internal, lang),
    }
}

pub async fn update(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match staff(&app, &headers, lang, Some(Permission::Edit)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f) {
        return forged(lang);
    }
    let tr = Tr::new(lang);
    let sites = app.store.staff_sites().await.unwrap_or_default();
    let Some((stored, published)) = sites.iter().find(|(site, _)| site.id.as_str() == id) else {
        return super::views::not_found(State(app.clone()), RawQuery(None), headers).await;
    };
    let preview = f.get("intent").is_some_and(|i| i == "preview");
    let note = f.get("public_note").map(|n| n.trim()).unwrap_or("");
    let site = match parse(&f, Some(&id), &tr) {
        Ok(site) if !preview => merge_sections(site, Some(stored)),
        Ok(_) => {
            return edit_page(
                &app,
                &s,
                lang,
                Some(&id),
                &f,
                &HashMap::new(),
                StatusCode::OK,
                None,
                None,
                true,
            )
            .await;
        }
        Err(errors) => {
            return edit_page(
                &app,
                &s,
                lang,
                Some(&id),
                &f,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(tr.t("staff-form-problems")),
                preview,
            )
            .await;
        }
    };
    if *published && note.is_empty() {
        let errors =
            HashMap::from([("public_note".to_owned(), tr.t("staff-public-note-required"))]);
        return edit_page(
            &app,
            &s,
            lang,
            Some(&id),
            &f,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(tr.t("staff-public-note-required")),
            false,
        )
        .await;
    }
    let action = if f.get("intent").is_some_and(|i| i == "revert") {
        "revert"
    } else {
        "update"
    };
    match app
        .store
        .save_site(&site, false, action, &s.user.name, Some(note))
        .await
    {
        Ok(changed) => {
            let _ = app.refresh().await;
            let flag = if changed { "saved=1" } else { "saved=0" };
            no_store(
                Redirect::to(&format!("/staff/sites/{id}?lang={}&{flag}", lang.code()))
                    .into_response(),
            )
        }
        Err(_) => session::refusal_response(session::Refusal::Internal, lang),
    }
}

pub async fn publish(
    State(app): State<Arc<App>>,
    Path((id, verb)): Path<(String, String)>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match staff(&app, &headers, lang, Some(Permission::Publish)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f) {
        return forged(lang);
    }
    let tr = Tr::new(lang);
    let note = f.get("public_note").map(|n| n.trim()).unwrap_or("");
    let publish = match verb.as_str() {
        "publish" => true,
        "unpublish" => false,
        _ => return super::views::not_found(State(app.clone()), RawQuery(None), headers).await,
    };
    if !publish && note.is_empty() {
        let site = app
            .store
            .staff_sites()
            .await
            .unwrap_or_default()
            .into_iter()
            .find(|(site, _)| site.id.as_str() == id);
        let values = site.map(|(site, _)| values_of(&site)).unwrap_or_default();
        let errors = HashMap::from([(
            "withdraw_note".to_owned(),
            tr.t("staff-public-note-required"),
        )]);
        return edit_page(
            &app,
            &s,
            lang,
            Some(&id),
            &values,
            &errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(tr.t("staff-public-note-required")),
            false,
        )
        .await;
    }
    match app
        .store
        .set_site_published(&id, publish, &s.user.name, Some(note))
        .await
    {
        Ok(_) => {
            let _ = app.refresh().await;
            no_store(
                Redirect::to(&format!("/staff/sites/{id}?lang={}&saved=1", lang.code()))
                    .into_response(),
            )
        }
        Err(_) => session::refusal_response(session::Refusal::Internal, lang),
    }
}

/// Puts an earlier revision's content back (as a new revision).
pub async fn revert(
    State(app): State<Arc<App>>,
    Path((id, rev)): Path<(String, i64)>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let lang = form_lang(&f, &headers);
    let s = match staff(&app, &headers, lang, Some(Permission::Publish)).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f) {
        return forged(lang);
    }
    let revisions = app.store.revisions("site", &id).await.unwrap_or_default();
    let Some(site) = revisions
        .iter()
        .find(|r| r.id == rev)
        .and_then(|r| serde_json::from_value::<Site>(r.snapshot.clone()).ok())
    else {
        return super::views::not_found(State(app.clone()), RawQuery(None), headers).await;
    };
    // Shown as the form, so that the reviewer checks it and writes the public note.
    let tr = Tr::new(lang);
    let mut values = values_of(&site);
    values.insert("intent".into(), "revert".into());
    edit_page(
        &app,
        &s,
        lang,
        Some(&id),
        &values,
        &HashMap::new(),
        StatusCode::OK,
        Some(tr.a("staff-revert-loaded", &[("rev", &rev.to_string())])),
        None,
        false,
    )
    .await
}
