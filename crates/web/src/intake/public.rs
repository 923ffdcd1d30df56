//! The forms a source uses: submit, contact, and the receipt page.

use super::Over;
use super::forward::IntakeNodeDown;
use super::multipart::Form as IntakeForm;
use super::today;
use super::upload::{self, Upload, UploadError};
use crate::App;
use crate::cookies::cookie;
use askama::Template;
use axum::extract::{ConnectInfo, Extension, Form, Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use inferno_auth::same_secret;
use inferno_domain::intake::{self, FieldProblem, IntakeKind, Problem, RawAnswers};
use inferno_domain::{IntakeStatus, Lang, PublishConsent, SenderRelation};
use inferno_services::intake::{self as vault, ReceiptError, ReceiveError};
use inferno_site::pages::{Chrome, Ctx};
use inferno_site::shell::i18n::Tr;
use inferno_vault::{Receipt, SubmissionKey};
use serde::Deserialize;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "intake_form.html")]
struct FormPage {
    c: Chrome,
    heading: String,
    /// `submission` or `contact`.
    kind: &'static str,
    open: bool,
    token: String,
    raw: RawAnswers,
    error: Option<String>,
    problems: Vec<(&'static str, String)>,
    errors: HashMap<&'static str, String>,
    /// The site's onion service, when it has one.
    onion: Option<String>,
    /// (group, [(site id, label)]): the sites by country and region.
    sites: Vec<(String, Vec<(String, String)>)>,
    relations: Vec<(&'static str, String)>,
    consents: Vec<(&'static str, String)>,
    /// The months of detention: (field, label, value as typed).
    months: Vec<(&'static str, String, String)>,
    lead: String,
    what_label: String,
    what_hint: String,
    contact_label: String,
    /// Files sent with the post this form is shown again for, not kept.
    files_dropped: usize,
}

/// The submission's second page: what the source wrote, to check, carried
/// in the form with the files they add, so that nothing is held between
/// the two pages and no file is chosen before the text is accepted.
#[derive(Template)]
#[template(path = "intake_check.html")]
struct CheckPage {
    c: Chrome,
    heading: String,
    token: String,
    /// (label, answer) as the source will send it.
    shown: Vec<(String, String)>,
    /// (field, value as typed): the answers, sent again with the files.
    hidden: Vec<(&'static str, String)>,
    files_hint: String,
}

#[derive(Template)]
#[template(path = "intake_sent.html")]
struct SentPage {
    c: Chrome,
    heading: String,
    receipt: String,
    lead: String,
}

#[derive(Template)]
#[template(path = "intake_receipt.html")]
struct ReceiptPage {
    c: Chrome,
    heading: String,
    error: Option<String>,
    /// Set once the receipt was recognised.
    view: Option<ReceiptView>,
    confirmation: Option<String>,
    files_hint: String,
    /// The form token both receipt forms carry (double submit).
    token: String,
}

struct ReceiptView {
    receipt: String,
    status: String,
    replies: Vec<(String, String)>,
}

fn lang_of(code: &str) -> Option<Lang> {
    Lang::from_code(code)
}

/// Bytes as "500 MiB" ("500 МБ").
fn mib(tr: &Tr, bytes: u64) -> String {
    tr.a("size-mib", &[("n", (bytes / (1024 * 1024)).into())])
}

fn files_hint(app: &App, tr: &Tr) -> String {
    let s = &app.intake.settings;
    tr.a("intake-hint-files", &[("max", s.max_files.into()), ("size", mib(tr, s.max_submission).into())])
}

fn ctx_chrome(app: &App, lang: Lang, rest: &str, title: String) -> Chrome {
    let snapshot = app.site.snapshot();
    let tr = Tr::new(lang);
    let ctx = Ctx { app: &app.site, catalog: &snapshot.catalog, lang, tr, rest: rest.to_owned() };
    let section = match rest {
        "/submit" => "submit",
        _ => "",
    };
    ctx.chrome(section, title.clone(), title)
}

/// A page of the intake (the routes' layer keeps it out of every cache).
fn private_page(status: StatusCode, lang: Lang, body: Result<String, askama::Error>) -> Response {
    match body {
        Ok(html) => {
            let mut r = (status, html).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
            h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
            r
        }
        // The failure's page, logged once by the edge layer, never an empty 500.
        Err(e) => inferno_site::shell::error::HtmlError::from(e).into_response(),
    }
}

fn not_found() -> Response {
    inferno_site::shell::error::HtmlError::NotFound.into_response()
}

/// Whether anyone can read what is sent: an active account with a reader key.
async fn open(app: &App) -> Result<bool, inferno_storage::StoreError> {
    Ok(!app.store.intake_readers().await?.is_empty())
}

fn problem_text(tr: &Tr, kind: IntakeKind, p: FieldProblem) -> String {
    let field = tr.intake_field(kind, p.field);
    match p.problem {
        Problem::Required => tr.a("intake-problem-required", &[("field", (&field).into())]),
        Problem::TooLong { max } => tr.a("intake-problem-too-long", &[("field", (&field).into()), ("max", max.into())]),
        Problem::NotAChoice => tr.a("intake-problem-choice", &[("field", (&field).into())]),
        Problem::ControlCharacter => tr.a("intake-problem-control", &[("field", (&field).into())]),
        Problem::NotAMonth => tr.a("intake-problem-month", &[("field", (&field).into())]),
        Problem::EndsBeforeStart => tr.a("intake-problem-month-order", &[("field", (&field).into())]),
    }
}

fn upload_error(tr: &Tr, e: &UploadError) -> (StatusCode, String) {
    match e {
        UploadError::TooManyFiles { max } => {
            (StatusCode::PAYLOAD_TOO_LARGE, tr.a("intake-error-too-many-files", &[("max", (*max).into())]))
        }
        UploadError::FileTooLarge { name, max } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            tr.a("intake-error-file-too-large", &[("name", name.into()), ("max", mib(tr, *max).into())]),
        ),
        UploadError::TooLarge { max } => {
            (StatusCode::PAYLOAD_TOO_LARGE, tr.a("intake-error-too-large", &[("max", mib(tr, *max).into())]))
        }
        UploadError::TypeMismatch { name, declared, actual } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.a(
                "intake-error-type-mismatch",
                &[("name", name.into()), ("declared", declared.into()), ("actual", actual.into())],
            ),
        ),
        UploadError::Truncated => (StatusCode::BAD_REQUEST, tr.t("intake-error-truncated")),
        UploadError::Malformed => (StatusCode::BAD_REQUEST, tr.t("intake-error-malformed")),
        UploadError::Storage => (StatusCode::INTERNAL_SERVER_ERROR, tr.t("intake-error-storage")),
        UploadError::IntakeNodeDown => (StatusCode::SERVICE_UNAVAILABLE, tr.t("intake-error-node-down")),
        UploadError::Database(reference) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("{} {}", tr.t("intake-error-database"), tr.a("error-reference", &[("id", reference.into())])),
        ),
        UploadError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, tr.t("intake-error-rate-limited")),
        UploadError::Busy(Over::Client) => (StatusCode::TOO_MANY_REQUESTS, tr.t("intake-error-busy-client")),
        UploadError::Busy(Over::Everyone) => (StatusCode::SERVICE_UNAVAILABLE, tr.t("intake-error-busy")),
        UploadError::DiskFull => (StatusCode::INSUFFICIENT_STORAGE, tr.t("intake-error-disk-full")),
        UploadError::Token { no_cookie } => {
            (StatusCode::FORBIDDEN, tr.t(if *no_cookie { "intake-error-no-cookie" } else { "intake-error-token" }))
        }
    }
}

#[derive(Default)]
struct FormState {
    raw: RawAnswers,
    error: Option<String>,
    problems: Vec<FieldProblem>,
    /// Files that came with a post the form is shown again for, and were
    /// not kept: the source is told to add them again.
    files_dropped: usize,
}

/// The sites a source can choose, grouped by country and region, each
/// group and each town in the reader's alphabet: "Taganrog — Pre-trial
/// detention centre No. 2" under "Russia — Rostov Oblast".
fn site_groups(catalog: &inferno_domain::Catalog, lang: Lang, tr: &Tr) -> Vec<(String, Vec<(String, String)>)> {
    use inferno_domain::lang::collation_key;
    /// A name with the key it sorts by in the reader's alphabet.
    type Sorted = (Vec<u32>, String);
    let mut groups: std::collections::BTreeMap<Sorted, Vec<(Sorted, String)>> = std::collections::BTreeMap::new();
    for site in catalog.sites() {
        let (town, region) = (site.settlement.get(lang).text, site.region.get(lang).text);
        let country = tr.country_code(site.country.code());
        let group = if region.is_empty() { country } else { format!("{country} — {region}") };
        let name = site.name.get(lang).text;
        let label = if town.is_empty() { name.to_owned() } else { format!("{town} — {name}") };
        groups
            .entry((collation_key(&group), group))
            .or_default()
            .push(((collation_key(&label), label), site.id.as_str().to_owned()));
    }
    groups
        .into_iter()
        .map(|((_, group), mut sites)| {
            sites.sort();
            (group, sites.into_iter().map(|((_, label), id)| (id, label)).collect())
        })
        .collect()
}

async fn form_page(app: &App, lang: Lang, kind: IntakeKind, status: StatusCode, state: FormState) -> Response {
    let tr = Tr::new(lang);
    let k = kind.code();
    let heading = tr.intake_form(kind, "title");
    let rest = if kind == IntakeKind::Submission { "/submit" } else { "/contact" };
    let sites = site_groups(&app.site.snapshot().catalog, lang, &tr);
    let token = app.intake.tokens.issue();
    let problems: Vec<(&'static str, String)> =
        state.problems.iter().map(|p| (p.field, problem_text(&tr, kind, *p))).collect();
    let page = FormPage {
        c: ctx_chrome(app, lang, rest, heading.clone()),
        heading,
        kind: k,
        open: match open(app).await {
            Ok(open) => open,
            // Shown again after a failure: the form stays, with what the
            // source typed and the message that says why it was not kept
            // (whose cause, the same, was logged under its reference).
            Err(_) if state.error.is_some() => true,
            Err(e) => return inferno_site::shell::error::HtmlError::unavailable(e).into_response(),
        },
        token: token.clone(),
        errors: problems.iter().cloned().collect(),
        problems,
        months: vec![
            ("held_from", tr.intake_field(kind, "held_from"), state.raw.held_from.clone()),
            ("held_to", tr.intake_field(kind, "held_to"), state.raw.held_to.clone()),
        ],
        raw: state.raw,
        error: state.error,
        sites,
        onion: app.config.site.onion_url.clone(),
        relations: SenderRelation::ALL.iter().map(|r| (r.code(), tr.label(*r))).collect(),
        consents: PublishConsent::ALL.iter().map(|c| (c.code(), tr.label(*c))).collect(),
        lead: tr.intake_form(kind, "lead"),
        what_label: tr.intake_field(kind, "what"),
        what_hint: tr.intake_what_hint(kind),
        contact_label: tr.intake_field(kind, "contact"),
        files_dropped: state.files_dropped,
    };
    with_token(app, private_page(status, lang, page.render()), &token)
}

/// Sets the form token's cookie (double submit) on a page that carries the token.
fn with_token(app: &App, mut r: Response, token: &str) -> Response {
    let c = app.staff.cookie(app.staff.form_cookie(), token, None);
    r.headers_mut().append(header::SET_COOKIE, c);
    r
}

/// Why a form's token is refused, if it is: none when it is one this
/// server issued recently and matches its cookie.
fn token_refusal(app: &App, headers: &HeaderMap, sent: &str) -> Option<UploadError> {
    let cookie = cookie(headers, app.staff.form_cookie()).unwrap_or("");
    if cookie.is_empty() {
        return Some(UploadError::Token { no_cookie: true });
    }
    let ok = same_secret(cookie, sent) && app.intake.tokens.valid(cookie);
    (!ok).then_some(UploadError::Token { no_cookie: false })
}

/// The submission form; `?site=ID` (the link on a site's page) chooses
/// that site, when it is one the list holds.
pub async fn submit_form(State(app): State<Arc<App>>, Path(lang): Path<String>, RawQuery(query): RawQuery) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    let chosen = query
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "site"))
        .map(|(_, v)| v.into_owned())
        .filter(|id| app.site.snapshot().catalog.site(id).is_some());
    let raw = RawAnswers { site: chosen.unwrap_or_default(), ..RawAnswers::default() };
    form_page(&app, lang, IntakeKind::Submission, StatusCode::OK, FormState { raw, ..FormState::default() }).await
}

/// The submission form's first page, sent: its answers are checked before
/// any file is chosen. Accepted, the page to check them and add files
/// comes next; otherwise the form again, with the problems. Nothing is
/// stored or counted here: the answers travel in the page.
pub async fn submit_check(
    State(app): State<Arc<App>>,
    Path(lang): Path<String>,
    down: Option<Extension<IntakeNodeDown>>,
    headers: HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    let tr = Tr::new(lang);
    let kind = IntakeKind::Submission;
    let (mut raw, mut token, mut edit) = (RawAnswers::default(), String::new(), false);
    for (name, value) in pairs {
        match name.as_str() {
            "token" => token = value,
            "edit" => edit = true,
            _ => {
                raw.set(&name, value);
            }
        }
    }
    let again = |status, error, problems| {
        form_page(&app, lang, kind, status, FormState { raw: raw.clone(), error, problems, files_dropped: 0 })
    };
    let refusal =
        if down.is_some() { Some(UploadError::IntakeNodeDown) } else { token_refusal(&app, &headers, &token) };
    if let Some(refusal) = refusal {
        let (status, message) = upload_error(&tr, &refusal);
        return again(status, Some(message), Vec::new()).await;
    }
    if edit {
        return again(StatusCode::OK, None, Vec::new()).await;
    }
    match checked(&app, kind, &raw, &[]) {
        Ok(answers) => check_page(&app, lang, &raw, &answers),
        Err(problems) => again(StatusCode::UNPROCESSABLE_ENTITY, Some(tr.t("intake-error-fields")), problems).await,
    }
}

/// The page where a source checks their accepted answers and adds files.
fn check_page(app: &App, lang: Lang, raw: &RawAnswers, a: &intake::Answers) -> Response {
    let tr = Tr::new(lang);
    let kind = IntakeKind::Submission;
    let site = match &a.site {
        Some(id) => {
            app.site.snapshot().catalog.site(id).map_or_else(|| id.clone(), |s| s.name.get(lang).text.to_owned())
        }
        None if raw.site.trim() == intake::SITE_UNKNOWN => tr.t("intake-site-unknown"),
        None => tr.t("intake-site-elsewhere"),
    };
    let mut shown = vec![(tr.intake_field(kind, "site"), site)];
    if a.held_from.is_some() || a.held_to.is_some() {
        shown.push((tr.t("intake-legend-held"), tr.period(a.held_from, a.held_to)));
    }
    let relation = a.relation.map(|r| tr.label(r)).unwrap_or_default();
    let consent = a.consent.map(|c| tr.label(c)).unwrap_or_default();
    for (field, value) in [
        ("place", a.place.clone()),
        ("what", a.what.clone()),
        ("when", a.when.clone()),
        ("relation", relation),
        ("consent", consent),
        ("contact", a.contact.clone()),
    ] {
        if !value.is_empty() {
            shown.push((tr.intake_field(kind, field), value));
        }
    }
    let heading = tr.t("intake-check-title");
    let token = app.intake.tokens.issue();
    let page = CheckPage {
        c: ctx_chrome(app, lang, "/submit", heading.clone()),
        heading,
        token: token.clone(),
        shown,
        hidden: RawAnswers::FIELDS.iter().map(|&f| (f, raw.get(f).to_owned())).collect(),
        files_hint: files_hint(app, &tr),
    };
    with_token(app, private_page(StatusCode::OK, lang, page.render()), &token)
}

pub async fn contact_form(State(app): State<Arc<App>>, Path(lang): Path<String>) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    form_page(&app, lang, IntakeKind::Contact, StatusCode::OK, FormState::default()).await
}

pub async fn submit(
    State(app): State<Arc<App>>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    down: Option<Extension<IntakeNodeDown>>,
    headers: HeaderMap,
    IntakeForm(mp): IntakeForm,
) -> Response {
    receive(app, lang, IntakeKind::Submission, peer, down.is_some(), headers, mp).await
}

pub async fn contact(
    State(app): State<Arc<App>>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    down: Option<Extension<IntakeNodeDown>>,
    headers: HeaderMap,
    IntakeForm(mp): IntakeForm,
) -> Response {
    receive(app, lang, IntakeKind::Contact, peer, down.is_some(), headers, mp).await
}

fn raw_answers(up: &Upload) -> RawAnswers {
    let mut raw = RawAnswers::default();
    for (k, v) in &up.text {
        raw.set(k, v.clone());
    }
    raw
}

/// Whether an upload of `length` bytes (the request's, if it said) would
/// leave the disk with less than the intake's margin. Small bodies (text, a
/// photo) pass until the disk is nearly full, so that words still get through.
fn disk_full(app: &App, length: Option<u64>) -> bool {
    let Some(free) = app.intake.vault.free_space() else { return false };
    let margin = app.intake.settings.min_free_disk;
    let needed = length.unwrap_or(app.intake.settings.max_submission);
    if needed <= SMALL_BODY { free < margin / 16 + needed } else { free < margin + needed }
}

/// A body this small is a message, perhaps with a photo.
const SMALL_BODY: u64 = 2 * 1024 * 1024;

/// Receives a submission or a contact message: reads and encrypts it, checks
/// it, and only when everything is durable shows the receipt.
///
/// It is counted against the sender's hourly limit as soon as its token is
/// checked, before any file reaches the disk, and the count is given back if
/// it is sent back for correction or cannot be stored. Its files hold one of
/// the sender's few places among the uploads in flight while they stream;
/// text alone holds none. When this server passes submissions to an intake
/// node that cannot be reached (`node_down`), the form is read, its files
/// dropped, and it is shown again with what was typed.
async fn receive(
    app: Arc<App>,
    lang: String,
    kind: IntakeKind,
    peer: SocketAddr,
    node_down: bool,
    headers: HeaderMap,
    mut mp: multer::Multipart<'static>,
) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    let tr = Tr::new(lang);
    // Without the list of readers nothing can be sealed: the form is read
    // and shown again, with what the source typed and why it was not kept.
    let readers = app.store.intake_readers().await.map_err(|e| unavailable(&e));
    let mut up = Upload::default();
    let leading = upload::read_leading_text(&mut mp, 1, &mut up).await;
    let token = up.get("token").to_owned();
    let (address, _) = app.intake.clients(peer.ip(), &token);
    let clients = [address.as_deref().unwrap_or(""), token.as_str()];
    let (refused, counted) = match &leading {
        Err(e) => (Some(e.clone()), false),
        Ok(()) if node_down => (Some(UploadError::IntakeNodeDown), false),
        Ok(()) => admit(&app, &headers, &token, &readers, clients),
    };
    up.error = refused;
    let refund = || {
        if counted {
            app.intake.submissions.refund(&clients);
        }
    };
    let key = SubmissionKey::generate();
    let day = today();
    if leading.is_ok() {
        // With an error already set, files are read and discarded.
        let places = upload::Places { slots: &app.intake.uploads, clients };
        let limits = upload::Limits::of(&app.intake.settings);
        upload::read(&mut mp, &mut up, limits, &app.intake.vault, &[key.public()], &day, places).await;
    }
    let raw = raw_answers(&up);
    let files_dropped = up.files.len();
    let again = |status, error: Option<String>, problems| {
        form_page(&app, lang, kind, status, FormState { raw: raw.clone(), error, problems, files_dropped })
    };
    if let Some(e) = &up.error {
        refund();
        let (status, message) = if readers.as_ref().is_ok_and(Vec::is_empty) {
            (StatusCode::SERVICE_UNAVAILABLE, tr.t("intake-closed"))
        } else {
            upload_error(&tr, e)
        };
        return again(status, Some(message), Vec::new()).await;
    }
    let answers = match checked(&app, kind, &raw, &up.oversized) {
        Ok(a) => a,
        Err(problems) => {
            up.discard(&app.intake.vault).await;
            refund();
            return again(StatusCode::UNPROCESSABLE_ENTITY, Some(tr.t("intake-error-fields")), problems).await;
        }
    };
    let readers = readers.unwrap_or_default();
    let sent = vault::Sent { kind, key: &key, answers: &answers, files: std::mem::take(&mut up.files), day: &day };
    match vault::receive(&app.intake.vault, &app.intake.receipts, &readers, sent).await {
        Ok(received) => sent_page(&app, lang, kind, received),
        Err(e) => {
            refund();
            let (status, message) = upload_error(&tr, &not_kept(&e));
            again(status, Some(message), Vec::new()).await
        }
    }
}

/// Whether a form whose leading fields were read may go on: its token, the
/// readers it would be sealed to, the sender's hourly count (counted here,
/// hence the second value) and the disk. The refusal, if any.
fn admit(
    app: &App,
    headers: &HeaderMap,
    token: &str,
    readers: &Result<Vec<inferno_storage::Reader>, String>,
    clients: [&str; 2],
) -> (Option<UploadError>, bool) {
    let length = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
    if let Some(refusal) = token_refusal(app, headers, token) {
        return (Some(refusal), false);
    }
    match readers {
        Err(reference) => (Some(UploadError::Database(reference.clone())), false),
        // Not open: nothing can be sealed; the rest is read and the form shown.
        Ok(readers) if readers.is_empty() => (Some(UploadError::Storage), false),
        Ok(_) => match app.intake.submissions.allow(&clients) {
            Err(_) => (Some(UploadError::RateLimited), false),
            Ok(()) => (disk_full(app, length).then_some(UploadError::DiskFull), true),
        },
    }
}

/// The answers checked, with the fields sent longer than any may be.
fn checked(
    app: &App,
    kind: IntakeKind,
    raw: &RawAnswers,
    oversized: &[String],
) -> Result<intake::Answers, Vec<FieldProblem>> {
    let snapshot = app.site.snapshot();
    let mut checked = intake::validate(kind, raw, &|id| snapshot.catalog.site(id).is_some());
    for field in oversized.iter().filter_map(|f| RawAnswers::FIELDS.into_iter().find(|known| known == f)) {
        let problem = FieldProblem { field, problem: Problem::TooLong { max: intake::MAX_TEXT } };
        match &mut checked {
            Ok(_) => checked = Err(vec![problem]),
            Err(list) => list.push(problem),
        }
    }
    checked
}

/// The page that gives the source their receipt.
fn sent_page(app: &App, lang: Lang, kind: IntakeKind, received: vault::Received) -> Response {
    let tr = Tr::new(lang);
    let heading = tr.t("intake-sent-title");
    let rest = if kind == IntakeKind::Submission { "/submit" } else { "/contact" };
    let lead = tr.n("intake-sent-lead", received.files);
    let receipt = received.receipt;
    let page = SentPage { c: ctx_chrome(app, lang, rest, heading.clone()), heading, receipt, lead };
    private_page(StatusCode::OK, lang, page.render())
}

/// What the source is told of something that was not kept.
fn not_kept(e: &ReceiveError) -> UploadError {
    match e {
        ReceiveError::Busy => UploadError::Busy(Over::Everyone),
        ReceiveError::Vault | ReceiveError::Gone => UploadError::Storage,
        ReceiveError::Store(cause) => UploadError::Database(unavailable(cause)),
    }
}

/// Logs once why the database did not answer; the reference the page shows.
fn unavailable(cause: &inferno_storage::StoreError) -> String {
    inferno_site::shell::error::log_once(inferno_site::shell::error::FailureKind::Unavailable, cause)
}

async fn receipt_page(
    app: &App,
    lang: Lang,
    status: StatusCode,
    error: Option<String>,
    view: Option<ReceiptView>,
    confirmation: Option<String>,
) -> Response {
    let tr = Tr::new(lang);
    let heading = tr.t("receipt-title");
    let token = app.intake.tokens.issue();
    let page = ReceiptPage {
        c: ctx_chrome(app, lang, "/receipt", heading.clone()),
        heading,
        error,
        view,
        confirmation,
        files_hint: files_hint(app, &tr),
        token: token.clone(),
    };
    with_token(app, private_page(status, lang, page.render()), &token)
}

pub async fn receipt_form(State(app): State<Arc<App>>, Path(lang): Path<String>) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    receipt_page(&app, lang, StatusCode::OK, None, None, None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct ReceiptForm {
    #[serde(default)]
    receipt: String,
    #[serde(default)]
    token: String,
}

/// What a receipt check found.
enum Checked {
    Found(Receipt, inferno_storage::SourceView, inferno_vault::SourceKey),
    Refused(StatusCode, String),
}

async fn check_receipt(app: &App, tr: &Tr, typed: &str, token: &str, peer: &SocketAddr) -> Checked {
    let receipt = match Receipt::parse(typed) {
        Ok(r) => r,
        Err(e) => {
            let key = match e {
                inferno_vault::ReceiptError::Empty => "receipt-error-empty",
                inferno_vault::ReceiptError::NotDigits => "receipt-error-digits",
                inferno_vault::ReceiptError::WrongLength(_) => "receipt-error-length",
            };
            return Checked::Refused(StatusCode::UNPROCESSABLE_ENTITY, tr.t(key));
        }
    };
    let (address, _) = app.intake.clients(peer.ip(), token);
    let clients = [address.as_deref().unwrap_or(""), token];
    // The client's own hourly count; there is none for everyone together.
    if app.intake.receipt_checks.allow(&clients).is_err() {
        return Checked::Refused(StatusCode::TOO_MANY_REQUESTS, tr.t("receipt-error-rate-limited"));
    }
    match app.intake.receipts.find(&app.intake.vault, receipt.clone()).await {
        Ok(Some((view, key))) => Checked::Found(receipt, view, key),
        Ok(None) => Checked::Refused(StatusCode::NOT_FOUND, tr.t("receipt-error-unknown")),
        Err(ReceiptError::Busy) => {
            // A check that never ran is not counted.
            app.intake.receipt_checks.refund(&clients);
            Checked::Refused(StatusCode::SERVICE_UNAVAILABLE, tr.t("receipt-error-busy"))
        }
        Err(ReceiptError::Vault(_)) => {
            Checked::Refused(StatusCode::INTERNAL_SERVER_ERROR, tr.t("intake-error-storage"))
        }
        Err(ReceiptError::Store(e)) => {
            let reference = tr.a("error-reference", &[("id", unavailable(&e).into())]);
            Checked::Refused(StatusCode::SERVICE_UNAVAILABLE, format!("{} {reference}", tr.t("receipt-error-database")))
        }
    }
}

fn source_status(tr: &Tr, s: IntakeStatus) -> String {
    let key = match s {
        IntakeStatus::New => "receipt-status-new",
        IntakeStatus::InReview => "receipt-status-in-review",
        IntakeStatus::FollowUp => "receipt-status-follow-up",
        IntakeStatus::Verified => "receipt-status-verified",
        IntakeStatus::Rejected | IntakeStatus::Spam | IntakeStatus::Archived => "receipt-status-closed",
    };
    tr.t(key)
}

/// The source's view: status and the team's replies, decrypted with the key
/// the receipt gives. What the source sent is never shown.
fn view_of(tr: &Tr, receipt: &Receipt, v: &inferno_storage::SourceView, key: &inferno_vault::SourceKey) -> ReceiptView {
    let replies = v
        .replies
        .iter()
        .map(|(day, body)| {
            let text = inferno_vault::decrypt(key, body)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_else(|_| tr.t("receipt-reply-unreadable"));
            (day.clone(), text)
        })
        .collect();
    ReceiptView { receipt: receipt.digits().to_owned(), status: source_status(tr, v.status), replies }
}

pub async fn receipt_check(
    State(app): State<Arc<App>>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<ReceiptForm>,
) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    let tr = Tr::new(lang);
    if let Some(refusal) = token_refusal(&app, &headers, &f.token) {
        let (status, message) = upload_error(&tr, &refusal);
        return receipt_page(&app, lang, status, Some(message), None, None).await;
    }
    match check_receipt(&app, &tr, &f.receipt, &f.token, &peer).await {
        Checked::Found(receipt, v, key) => {
            let view = view_of(&tr, &receipt, &v, &key);
            receipt_page(&app, lang, StatusCode::OK, None, Some(view), None).await
        }
        Checked::Refused(status, message) => receipt_page(&app, lang, status, Some(message), None, None).await,
    }
}

/// Reads the rest of a refused form and keeps none of it (no file is
/// written), so that the browser gets the answer.
async fn discard_rest(app: &App, mp: &mut multer::Multipart<'static>, up: &mut Upload, places: upload::Places<'_>) {
    up.error = Some(UploadError::Token { no_cookie: false });
    upload::read(mp, up, upload::Limits::of(&app.intake.settings), &app.intake.vault, &[], &today(), places).await;
}

/// A source's answer, with files, sent from the receipt page. The receipt
/// comes first in the form, so that files can be encrypted to the right
/// submission as they stream in.
pub async fn follow_up(
    State(app): State<Arc<App>>,
    Path(lang): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    IntakeForm(mut mp): IntakeForm,
) -> Response {
    let Some(lang) = lang_of(&lang) else { return not_found() };
    let tr = Tr::new(lang);
    let mut up = Upload::default();
    let (receipt, view, key) = match thread_of(&app, &tr, &peer, &headers, &mut mp, &mut up).await {
        Ok(found) => found,
        Err((status, message)) => return receipt_page(&app, lang, status, Some(message), None, None).await,
    };
    let day = today();
    let token = up.get("token").to_owned();
    let (address, _) = app.intake.clients(peer.ip(), &token);
    let places = upload::Places { slots: &app.intake.uploads, clients: [address.as_deref().unwrap_or(""), &token] };
    let limits = upload::Limits::of(&app.intake.settings);
    let recipients = std::slice::from_ref(&view.public_key);
    upload::read(&mut mp, &mut up, limits, &app.intake.vault, recipients, &day, places).await;
    let answer = |status, sent: Option<String>, message: Option<String>| {
        let v = view_of(&tr, &receipt, &view, &key);
        let app = app.clone();
        async move { receipt_page(&app, lang, status, message, Some(v), sent).await }
    };
    let refused = |status, message: String| answer(status, None, Some(message));
    if let Some(e) = &up.error {
        let (status, message) = upload_error(&tr, e);
        return refused(status, message).await;
    }
    let checked = intake::check_text("message", up.get("message"), intake::MAX_TEXT, false);
    let Some(text) = checked.ok().filter(|_| up.oversized.is_empty()) else {
        return refused(StatusCode::UNPROCESSABLE_ENTITY, tr.t("receipt-error-message")).await;
    };
    if text.is_empty() && up.files.is_empty() {
        return refused(StatusCode::UNPROCESSABLE_ENTITY, tr.t("receipt-error-nothing")).await;
    }
    let files = std::mem::take(&mut up.files);
    match vault::follow_up(&app.intake.vault, &view.id, &view.public_key, &text, files, &day).await {
        Ok(files) => answer(StatusCode::OK, Some(tr.n("receipt-follow-up-sent", files)), None).await,
        Err(e) => {
            let (status, message) = upload_error(&tr, &not_kept(&e));
            refused(status, message).await
        }
    }
}

/// The thread a follow-up answers: its form's token and receipt, read
/// before any file and checked; on a refusal the rest of the form is read
/// and kept nowhere, so that the browser gets the answer.
async fn thread_of(
    app: &App,
    tr: &Tr,
    peer: &SocketAddr,
    headers: &HeaderMap,
    mp: &mut multer::Multipart<'static>,
    up: &mut Upload,
) -> Result<(Receipt, inferno_storage::SourceView, inferno_vault::SourceKey), (StatusCode, String)> {
    // The token, then the receipt: both before any file.
    upload::read_leading_text(mp, 2, up).await.map_err(|e| upload_error(tr, &e))?;
    let token = up.get("token").to_owned();
    let refused = if let Some(refusal) = token_refusal(app, headers, &token) {
        upload_error(tr, &refusal)
    } else {
        match check_receipt(app, tr, up.get("receipt"), &token, peer).await {
            Checked::Found(r, v, k) => return Ok((r, v, k)),
            Checked::Refused(status, message) => (status, message),
        }
    };
    let (address, _) = app.intake.clients(peer.ip(), &token);
    let places = upload::Places { slots: &app.intake.uploads, clients: [address.as_deref().unwrap_or(""), &token] };
    discard_rest(app, mp, up, places).await;
    Err(refused)
}
