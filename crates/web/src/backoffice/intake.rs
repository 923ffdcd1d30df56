//! The intake queue: what sources sent, decrypted for a reader whose key was
//! unlocked at sign-in, and what staff do with it (status, assignment,
//! replies, notes, files, public copies, records). Every action is audited.

use super::extract::{MayReadSubmissions, StaffForm, StaffPage};
use super::session::{self, Staff};
use super::views::{StaffChrome, render};
use crate::App;
use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::intake::{Answers, IntakeKind};
use inferno_domain::{AuditAction, IntakeStatus, Lang, Permission};
use inferno_services::intake::files::FileError;
use inferno_services::intake::{self, Closed, CopyError, FileMeta, Opened, Reading};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::Tr;
use inferno_storage::{FileOrigin, IntakeChange, IntakeFile, MessageAuthor};
use inferno_vault::Key;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "staff_intake_list.html")]
struct ListPage {
    c: StaffChrome,
    rows: Vec<Row>,
    statuses: Vec<(&'static str, String, usize)>,
    filter: String,
    locked: bool,
    pagination: inferno_site::shell::pagination::Pagination,
}

struct Row {
    id: String,
    kind: String,
    received_on: String,
    status: String,
    assignee: String,
    files: i64,
    follow_ups: i64,
    last: String,
}

fn status_label(tr: &Tr, s: IntakeStatus) -> String {
    tr.label(s)
}

pub async fn list(
    State(app): State<Arc<App>>,
    page: StaffPage<MayReadSubmissions>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff: s, lang, tr, .. } = page;
    session::record_view(&app, &s, AuditAction::IntakeQueueView, "intake").await?;
    let filter = q
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "status"))
        .map(|(_, v)| v.into_owned())
        .filter(|v| IntakeStatus::parse(v).is_ok())
        .unwrap_or_default();
    let all = app.intake.vault.submissions().await.map_err(HtmlError::unavailable)?;
    let statuses = IntakeStatus::ALL
        .iter()
        .map(|st| (st.code(), status_label(&tr, *st), all.iter().filter(|x| x.status == *st).count()))
        .collect();
    let page = super::views::staff_page(q.as_deref(), &tr)?;
    let shown: Vec<_> = all.iter().filter(|x| filter.is_empty() || x.status.code() == filter).collect();
    let size = inferno_site::shell::pagination::STAFF_PAGE_SIZE;
    if page > inferno_site::shell::pagination::page_count(shown.len(), size) {
        return Err(HtmlError::NotFound);
    }
    let link = |n: usize| {
        let status = if filter.is_empty() { String::new() } else { format!("&status={filter}") };
        format!("/staff/intake?lang={}{status}&page={n}", lang.code())
    };
    let pagination = inferno_site::shell::pagination::Pagination::new(&tr, page, shown.len(), size, link);
    let rows = inferno_site::shell::pagination::slice(&shown, page, size)
        .iter()
        .map(|x| Row {
            id: x.id.clone(),
            kind: tr.label(x.kind),
            received_on: x.received_on.clone(),
            status: status_label(&tr, x.status),
            assignee: x.assignee.clone().unwrap_or_default(),
            files: x.files,
            follow_ups: x.follow_ups,
            last: x.last_message_on.clone().unwrap_or_default(),
        })
        .collect();
    let page = ListPage {
        c: StaffChrome::new(lang, tr.t("staff-intake"), Some(&s), "/staff/intake"),
        rows,
        statuses,
        filter,
        locked: app.staff.key(&s.session.token_hash).is_none(),
        pagination,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Submission `id` opened with the key `s` unlocked at sign-in, or the
/// page that says why not.
async fn open(app: &App, s: &Staff, tr: &Tr, id: &str) -> Result<Opened, HtmlError> {
    let key = app.staff.key(&s.session.token_hash);
    intake::open(&app.intake.vault, s.user.id, key.as_deref(), id).await.map_err(|c| closed(tr, c))
}

/// Why a submission is not shown, as its page.
fn closed(tr: &Tr, c: Closed) -> HtmlError {
    match c {
        Closed::NotFound => HtmlError::NotFound,
        Closed::Locked => HtmlError::Denied(tr.t("intake-locked")),
        Closed::NotShared => HtmlError::Denied(tr.t("intake-not-shared")),
        Closed::Store(e) => HtmlError::unavailable(e),
        Closed::Vault => HtmlError::Internal("sealing failed".into()),
    }
}

fn decrypt_text(key: &dyn Key, body: &[u8]) -> String {
    inferno_vault::decrypt(key, body).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

#[derive(Template)]
#[template(path = "staff_intake.html")]
struct DetailPage {
    c: StaffChrome,
    id: String,
    kind: &'static str,
    kind_label: String,
    received_on: String,
    status: &'static str,
    statuses: Vec<(&'static str, String)>,
    assignee: String,
    readers: Vec<String>,
    facts: Vec<(String, String)>,
    site: Option<(String, String)>,
    what: String,
    thread: Vec<(String, String, String, &'static str)>,
    files: Vec<FileRow>,
    links: Vec<(String, String)>,
    csrf: String,
    done: Option<String>,
    may_edit: bool,
}

struct FileRow {
    id: String,
    name: String,
    /// "declared as …", when the browser declared another type than the content shows.
    declared_note: String,
    detected: String,
    /// Exact, in bytes, and for a reader ("253.5 KiB").
    size: u64,
    readable_size: String,
    sha256: String,
    received_on: String,
    /// "copy of …, without metadata", for public copies.
    copy_note: String,
    strippable: bool,
    /// What the original's metadata gives away, said as a warning.
    warning: Option<String>,
    /// A public copy of an image, shown on the page.
    shown_inline: bool,
}

pub async fn detail(
    State(app): State<Arc<App>>,
    page: StaffPage<MayReadSubmissions>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff: s, lang, tr, .. } = page;
    let o = open(&app, &s, &tr, &id).await?;
    // Reading a submission that cannot be recorded does not happen.
    intake::record_reading(app.store.as_ref(), &s.user.name, &id, Reading::Page)
        .await
        .map_err(HtmlError::unavailable)?;
    let readers =
        app.store.intake_readers().await.map_err(HtmlError::unavailable)?.into_iter().map(|r| r.name).collect();
    let a = o.answers();
    let site = a.site.as_ref().map(|sid| {
        let snapshot = app.site.snapshot();
        let name = snapshot.catalog.site(sid).map_or_else(|| sid.clone(), |x| x.name.get(lang).text.to_owned());
        (format!("/{}/sites/{sid}", lang.code()), name)
    });
    let summary = &o.record.summary;
    let page = DetailPage {
        c: StaffChrome::new(lang, tr.a("intake-detail-title", &[("id", (&id).into())]), Some(&s), "/staff/intake"),
        kind: summary.kind.code(),
        kind_label: tr.label(summary.kind),
        received_on: summary.received_on.clone(),
        status: summary.status.code(),
        statuses: IntakeStatus::ALL.iter().map(|st| (st.code(), status_label(&tr, *st))).collect(),
        assignee: summary.assignee.clone().unwrap_or_default(),
        readers,
        facts: facts(&tr, summary.kind, &a),
        site,
        what: a.what.clone(),
        thread: thread(&tr, &o),
        files: file_rows(&tr, &o),
        links: o.record.links.clone(),
        csrf: s.session.csrf_token.clone(),
        done: q.as_deref().and_then(|q| q.split('&').find_map(|p| p.strip_prefix("done="))).map(|d| done_text(&tr, d)),
        may_edit: s.user.role.may(Permission::Edit),
        id,
    };
    Ok(render(StatusCode::OK, &page))
}

/// What a submission's page says was just done (`?done=`).
fn done_text(tr: &Tr, done: &str) -> String {
    tr.t(match done {
        "reply" => "intake-done-reply",
        "note" => "intake-done-note",
        "copy" => "intake-done-copy",
        _ => "staff-saved",
    })
}

/// The sender's answers beside their account of what happened: (label, answer).
fn facts(tr: &Tr, kind: IntakeKind, a: &Answers) -> Vec<(String, String)> {
    let mut facts = Vec::new();
    if kind == IntakeKind::Submission {
        if !a.place.is_empty() {
            facts.push((tr.t("intake-field-submission-place"), a.place.clone()));
        }
        if a.held_from.is_some() || a.held_to.is_some() {
            facts.push((tr.t("intake-legend-held"), tr.period(a.held_from, a.held_to)));
        }
        facts.push((tr.t("intake-field-submission-when"), a.when.clone()));
        let relation = a.relation.map(|r| tr.label(r)).unwrap_or_default();
        facts.push((tr.t("intake-field-submission-relation"), relation));
        let consent = a.consent.map(|c| tr.label(c)).unwrap_or_default();
        facts.push((tr.t("intake-field-submission-consent"), consent));
    }
    facts.push((tr.t("intake-field-submission-contact"), a.contact.clone()));
    facts
}

/// The messages of a submission, oldest first: (day, who, text, author code).
fn thread(tr: &Tr, o: &Opened) -> Vec<(String, String, String, &'static str)> {
    let messages = o.record.messages.iter();
    messages
        .map(|m| {
            let name = || m.staff_name.as_deref().unwrap_or("").into();
            let who = match m.author {
                MessageAuthor::Source => tr.t("intake-author-source"),
                MessageAuthor::Reply => tr.a("intake-author-reply", &[("name", name())]),
                MessageAuthor::Note => tr.a("intake-author-note", &[("name", name())]),
            };
            (m.sent_on.clone(), who, decrypt_text(&o.key, &m.body), m.author.code())
        })
        .collect()
}

/// A submission's files as its page lists them.
fn file_rows(tr: &Tr, o: &Opened) -> Vec<FileRow> {
    // Each file's metadata decrypted once; copies name their original from it.
    let metas: Vec<(&IntakeFile, FileMeta)> =
        o.record.files.iter().filter_map(|f| Some((f, FileMeta::open(&o.key, &f.meta)?))).collect();
    let names: HashMap<&str, String> = metas.iter().map(|(f, m)| (f.id.as_str(), m.name.clone())).collect();
    // A file with a public copy is offered no second one.
    let copied: std::collections::HashSet<&str> = metas.iter().filter_map(|(f, _)| f.derived_from.as_deref()).collect();
    metas
        .into_iter()
        .map(|(f, m)| FileRow {
            id: f.id.clone(),
            strippable: f.origin == FileOrigin::Source
                && inferno_vault::strippable(m.detected.as_deref())
                && !copied.contains(f.id.as_str()),
            copy_note: f
                .derived_from
                .as_deref()
                .and_then(|d| names.get(d))
                .map(|n| tr.a("intake-copy-of", &[("name", n.into())]))
                .unwrap_or_default(),
            declared_note: if m.detected.as_deref() == Some(m.declared.as_str()) || m.declared.is_empty() {
                String::new()
            } else {
                tr.a("intake-declared", &[("type", (&m.declared).into())])
            },
            warning: m.reveals.filter(|r| r.any()).map(|r| {
                tr.t(match (r.location, r.device) {
                    (true, true) => "intake-reveals-both",
                    (true, false) => "intake-reveals-location",
                    _ => "intake-reveals-device",
                })
            }),
            shown_inline: inline_image(f, &m),
            name: m.name,
            detected: m.detected.unwrap_or_default(),
            readable_size: tr.size(m.size),
            size: m.size,
            sha256: m.sha256,
            received_on: m.received_on,
        })
        .collect()
}

/// `Content-Disposition` for a source's file name: ASCII fallback plus the
/// UTF-8 name, percent-encoded (RFC 6266).
fn disposition(name: &str) -> HeaderValue {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// Whether a file may be shown in the page: a public copy of an image,
/// which holds no metadata and is of a type browsers render as a picture.
fn inline_image(f: &IntakeFile, m: &FileMeta) -> bool {
    f.origin == FileOrigin::PublicCopy && inferno_vault::strippable(m.detected.as_deref())
}

/// Streams a file decrypted, as an attachment that no browser will render;
/// or, with `?view=inline`, a public copy of an image as a picture for the
/// submission's page.
pub async fn download(
    State(app): State<Arc<App>>,
    page: StaffPage<MayReadSubmissions>,
    Path((id, file)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let o = open(&app, &page.staff, &page.tr, &id).await?;
    let f = o.record.files.iter().find(|f| f.id == file).ok_or(HtmlError::NotFound)?;
    let meta = FileMeta::open(&o.key, &f.meta).ok_or(HtmlError::NotFound)?;
    let inline =
        form_urlencoded::parse(q.as_deref().unwrap_or("").as_bytes()).any(|(k, v)| k == "view" && v == "inline");
    if inline && !inline_image(f, &meta) {
        return Err(HtmlError::NotFound);
    }
    let blob = app.intake.vault.open_blob(&f.blob).await.map_err(|e| {
        tracing::error!(error = %e, "a stored file is missing");
        HtmlError::NotFound
    })?;
    let reading = Reading::File { id: &file, sha256: &meta.sha256 };
    intake::record_reading(app.store.as_ref(), &page.staff.user.name, &id, reading)
        .await
        .map_err(HtmlError::unavailable)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let key = o.key;
    tokio::task::spawn_blocking(move || {
        let mut reader = match inferno_vault::open_stream(&key, std::io::BufReader::new(blob)) {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                return;
            }
        };
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    if tx.blocking_send(Ok(Bytes::copy_from_slice(&buf[..n]))).is_err() {
                        return;
                    }
                }
                Err(e) => {
                    let _ = tx.blocking_send(Err(e));
                    return;
                }
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|c| (c, rx)) });
    let mut r = Body::from_stream(stream).into_response();
    let h = r.headers_mut();
    let content_type = match meta.detected.as_deref().filter(|_| inline).map(HeaderValue::from_str) {
        Some(Ok(image)) => image,
        _ => HeaderValue::from_static("application/octet-stream"),
    };
    h.insert(header::CONTENT_TYPE, content_type);
    if inline {
        h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    } else {
        h.insert(header::CONTENT_DISPOSITION, disposition(&meta.name));
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(meta.size));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    Ok(r)
}

/// A change from the detail page's forms.
pub async fn act(
    State(app): State<Arc<App>>,
    Path((id, verb)): Path<(String, String)>,
    form: StaffForm<MayReadSubmissions>,
) -> Result<Response, HtmlError> {
    let (s, lang, tr) = (&form.staff, form.lang, &form.tr);
    let o = open(&app, s, tr, &id).await?;
    let bad = |key: &str| HtmlError::Unprocessable(tr.t(key));
    let (change, done) = match verb.as_str() {
        // Status and assignee from one form: only what differs is changed.
        "triage" => {
            let status = IntakeStatus::parse(form.get("status")).map_err(|_| bad("intake-bad-status"))?;
            let assignee = assignee(&app, form.get("assignee"), &bad).await?;
            let summary = &o.record.summary;
            let mut changes = Vec::new();
            if status != summary.status {
                changes.push(IntakeChange::Status(status));
            }
            if assignee.as_ref().map(|(name, _)| name.as_str()) != summary.assignee.as_deref() {
                changes.push(IntakeChange::Assign(assignee.map(|(_, id)| id)));
            }
            intake::change_all(&app.intake.vault, &id, &changes, &s.user.name).await.map_err(change_failed)?;
            return Ok(back_to(&id, lang, "saved"));
        }
        "reply" | "note" => {
            let text = inferno_domain::intake::check_text("text", form.get("text"), 20_000, true)
                .map_err(|_| bad("intake-bad-text"))?;
            let author = if verb == "reply" { MessageAuthor::Reply } else { MessageAuthor::Note };
            (o.message(author, &text).map_err(|c| closed(tr, c))?, verb.as_str())
        }
        "public-copy" => {
            let copied = intake::add_public_copy(&app.intake.vault, &o, form.get("file"), &s.user.name);
            match copied.await {
                Ok(_) => return Ok(back_to(&id, lang, "copy")),
                Err(CopyError::Store(e)) => return Err(change_failed(e)),
                Err(CopyError::File(e)) => {
                    return Err(bad(match e {
                        FileError::Unknown => "intake-bad-file",
                        FileError::NotAnImage => "intake-not-image",
                        FileError::TooLarge => "intake-image-too-large",
                        FileError::Vault => "intake-copy-failed",
                    }));
                }
            }
        }
        _ => return Err(HtmlError::NotFound),
    };
    // A failure is a 503 page whose reference is logged once, with the cause.
    intake::change(&app.intake.vault, &id, &change, &s.user.name).await.map_err(change_failed)?;
    Ok(back_to(&id, lang, done))
}

/// Why a change to a submission was not stored: the day's seal moving it
/// now (try again in a moment), or the database.
fn change_failed(e: inferno_storage::StoreError) -> HtmlError {
    match e {
        inferno_storage::StoreError::SealUnderWay => HtmlError::Busy,
        e => HtmlError::unavailable(e),
    }
}

/// The reader a submission is assigned to, by name: (name, user id), or
/// nobody for an empty name; a name that is no reader is refused.
async fn assignee(app: &App, name: &str, bad: &impl Fn(&str) -> HtmlError) -> Result<Option<(String, i64)>, HtmlError> {
    if name.is_empty() {
        return Ok(None);
    }
    let readers = app.store.intake_readers().await.map_err(HtmlError::unavailable)?;
    let reader = readers.into_iter().find(|r| r.name == name).ok_or_else(|| bad("intake-bad-assignee"))?;
    Ok(Some((reader.name, reader.user_id)))
}

/// Back to the submission's page, which says what was done.
fn back_to(id: &str, lang: Lang, what: &str) -> Response {
    Redirect::to(&format!("/staff/intake/{id}?lang={}&done={what}", lang.code())).into_response()
}

/// The values a new record's form starts with when made from submission
/// `id` (see [`intake::prefill`]).
pub async fn prefill(
    app: &App,
    s: &Staff,
    kind: inferno_domain::Kind,
    id: &str,
    tr: &Tr,
) -> Result<HashMap<String, String>, HtmlError> {
    if !s.user.role.may(Permission::ReadSubmissions) {
        return Err(HtmlError::Forbidden);
    }
    let o = open(app, s, tr, id).await?;
    let values = intake::prefill(&o, kind, tr.lang).map_err(|_| HtmlError::Conflict(tr.t("intake-no-consent")))?;
    Ok(values.into_iter().map(|(k, val)| (k.to_owned(), val)).collect())
}

/// What the sender of submission `id` wrote (label, text: what happened,
/// when, where), for the draft form of a `kind` record made from it to show
/// read-only. Reading it is a view of the submission, and audited as one.
pub async fn sender_words(
    app: &App,
    s: &Staff,
    kind: inferno_domain::Kind,
    id: &str,
    tr: &Tr,
) -> Result<Vec<(String, String)>, HtmlError> {
    if !s.user.role.may(Permission::ReadSubmissions) {
        return Err(HtmlError::Forbidden);
    }
    let o = open(app, s, tr, id).await?;
    intake::record_reading(app.store.as_ref(), &s.user.name, id, Reading::Draft(kind))
        .await
        .map_err(HtmlError::unavailable)?;
    let a = o.answers();
    let intake_kind = o.record.summary.kind;
    Ok([("what", a.what), ("when", a.when), ("place", a.place)]
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(field, text)| (tr.intake_field(intake_kind, field), text))
        .collect())
}

/// After a record made from a submission is saved: link the two, audited.
pub async fn link(app: &App, s: &Staff, intake: &str, kind: inferno_domain::Kind, record: &str) {
    let change = IntakeChange::Link { kind: kind.name().to_owned(), id: record.to_owned() };
    if let Err(e) = intake::change(&app.intake.vault, intake, &change, &s.user.name).await {
        tracing::error!(error = %e, "cannot link a record to its submission");
    }
}
