//! Records in the back office — sites, sources, findings, testimonies, news:
//! list, create, edit with preview, publish, withdraw, history and revert, and
//! the review of what editors change. One form for every kind, built from the
//! importer's columns and validated by the importer's rules, so that a form and
//! a CSV row accept the same things.
//!
//! An editor cannot change what readers see: their change to a published
//! record waits for review (the record page shows it, with "Publish this
//! change" and "Discard" for reviewers), and what they create is a draft. A
//! reviewer's or an administrator's own save applies at once, as before: they
//! review it themselves.

use super::extract::{MayEdit, MayPublish, RecordKind, StaffForm, StaffPage};
use super::session::Staff;
use super::views::{StaffChrome, render, utc};
use crate::App;
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use inferno_domain::import::{Batch, from_snapshot, key_of, one, record_fields};
use inferno_domain::wording::{self, Piece};
use inferno_domain::{
    AbuseType, Column, Consent, CoordPrecision, Credibility, Input, Kind, Lang, Permission, Reliability, SiteStatus,
    SiteType, SourceKind, VocabularyName, WitnessRole,
};
use inferno_services::editing;
use inferno_services::notes::{self, NoteError};
use inferno_site::shell::error::HtmlError;
use inferno_site::shell::i18n::{Tr, Vocabulary};
use inferno_storage::{ImportError, Revision, SaveMode, Saved, StoreError, Verdict, Visibility};
use std::collections::HashMap;
use std::sync::Arc;

type Values = HashMap<String, String>;

/// The values of a vocabulary, or yes and no, for a select box.
fn choices(input: Input, tr: &Tr) -> Option<Vec<(String, String)>> {
    fn list<V: Vocabulary>(tr: &Tr) -> Vec<(String, String)> {
        V::values().iter().map(|&v| (v.code().to_owned(), tr.label(v))).collect()
    }
    Some(match input {
        Input::YesNo => {
            vec![("false".into(), tr.t("filter-occupied-no")), ("true".into(), tr.t("filter-occupied-yes"))]
        }
        Input::Choice(VocabularyName::SiteType) => list::<SiteType>(tr),
        Input::Choice(VocabularyName::SiteStatus) => list::<SiteStatus>(tr),
        Input::Choice(VocabularyName::CoordPrecision) => list::<CoordPrecision>(tr),
        Input::Choice(VocabularyName::SourceKind) => list::<SourceKind>(tr),
        Input::Choice(VocabularyName::Reliability) => list::<Reliability>(tr),
        Input::Choice(VocabularyName::Credibility) => list::<Credibility>(tr),
        Input::Choice(VocabularyName::WitnessRole) => list::<WitnessRole>(tr),
        Input::Choice(VocabularyName::Consent) => list::<Consent>(tr),
        _ => return None,
    })
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    /// `text`, `textarea`, `select`, `checkboxes` or `stays`.
    pub widget: &'static str,
    pub options: Vec<(String, String, bool)>,
    pub lang: Option<&'static str>,
    /// The id of the page's list of choices a text box suggests from
    /// (`sites`, `sources`): typed to search, still any value.
    pub list: Option<&'static str>,
    /// A testimony's stays as rows: site, from and to month (`stays` widget).
    pub stays: Vec<(String, String, String)>,
}

/// Empty rows a testimony's form offers beyond its stays.
const NEW_STAY_ROWS: usize = 2;

/// A `stays` value (`site@YYYY-MM..YYYY-MM|…`) as rows of site, from and to,
/// and empty rows to add more; what cannot be read stays in the site box,
/// so that the importer's check names it.
fn stay_rows(value: &str) -> Vec<(String, String, String)> {
    let mut rows: Vec<(String, String, String)> = value
        .split(['|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|part| match part.split_once('@') {
            Some((site, period)) => match period.split_once("..") {
                Some((from, to)) => (site.to_owned(), from.to_owned(), to.to_owned()),
                None => (part.to_owned(), String::new(), String::new()),
            },
            None => (part.to_owned(), String::new(), String::new()),
        })
        .collect();
    rows.extend(std::iter::repeat_n((String::new(), String::new(), String::new()), NEW_STAY_ROWS));
    rows
}

fn form_fields(kind: Kind, values: &Values, errors: &Values, tr: &Tr, new: bool) -> Vec<Field> {
    kind.columns()
        .iter()
        .filter(|c| c.input != Input::Derived && (new || !kind.key_columns().contains(&c.name)))
        .map(|column| {
            let name = column.name;
            let value = values.get(name).cloned().unwrap_or_default();
            let (widget, options) = match column.input {
                Input::Several(VocabularyName::AbuseType) => {
                    let chosen: Vec<&str> = value.split(';').map(str::trim).collect();
                    let opts = AbuseType::ALL
                        .iter()
                        .map(|a| (a.code().to_owned(), tr.label(*a), chosen.contains(&a.code())))
                        .collect();
                    ("checkboxes", opts)
                }
                Input::List(_) if name == "stays" => ("stays", vec![]),
                Input::Text | Input::Markdown | Input::List(_) => ("textarea", vec![]),
                input => match choices(input, tr) {
                    Some(list) => ("select", list.into_iter().map(|(v, l)| (v.clone(), l, v == value)).collect()),
                    None => ("text", vec![]),
                },
            };
            let stays = if widget == "stays" { stay_rows(&value) } else { Vec::new() };
            let value = match column.input {
                Input::List(sep) => {
                    value.split(sep).map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
                }
                _ => value,
            };
            Field {
                name,
                label: tr.field(kind, name),
                hint: tr.field_hint(kind, name),
                value,
                error: errors.get(name).cloned(),
                widget,
                options,
                lang: column.lang(),
                list: match name {
                    "site_id" => Some("sites"),
                    "source_id" => Some("sources"),
                    _ => None,
                },
                stays,
            }
        })
        .collect()
}

/// The posted form as column values (repeated checkboxes joined with `;`,
/// one-per-line lists joined with their separator, a testimony's rows of
/// stays written as the importer reads them: `site@from..to|…`).
fn posted(pairs: &[(String, String)]) -> Values {
    let mut values = Values::new();
    let column = |name: &'static str| pairs.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.trim());
    let rows: Vec<String> = column("stay_site")
        .zip(column("stay_from"))
        .zip(column("stay_to"))
        .filter(|((site, from), to)| !site.is_empty() || !from.is_empty() || !to.is_empty())
        .map(
            |((site, from), to)| {
                if from.is_empty() && to.is_empty() { site.to_owned() } else { format!("{site}@{from}..{to}") }
            },
        )
        .collect();
    if pairs.iter().any(|(k, _)| k == "stay_site") {
        values.insert("stays".into(), rows.join("|"));
    }
    for (k, v) in pairs {
        match values.get_mut(k) {
            Some(existing) if k == "abuse_types" => {
                existing.push(';');
                existing.push_str(v);
            }
            Some(_) => {}
            None => {
                values.insert(k.clone(), v.clone());
            }
        }
    }
    values
}

/// A column's value as stored: a one-per-line list joined by its separator.
fn stored_value(column: &Column, value: &str) -> String {
    match column.input {
        Input::List(sep) => value.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(sep),
        _ => value.to_owned(),
    }
}

/// Validates form values with the importer's rules, the key taken from the URL when editing.
fn parse(kind: Kind, values: &Values, key: Option<&str>, tr: &Tr) -> Result<Batch, Values> {
    let mut owned: Vec<(&str, String)> = kind
        .columns()
        .iter()
        .map(|c| (c.name, stored_value(c, values.get(c.name).map_or("", String::as_str))))
        .collect();
    if let Some(key) = key {
        let parts: Vec<&str> = key.split('~').collect();
        for (column, part) in kind.key_columns().iter().zip(parts) {
            if let Some(v) = owned.iter_mut().find(|(c, _)| c == column) {
                v.1 = part.to_owned();
            }
        }
    }
    let pairs: Vec<(&str, &str)> = owned.iter().map(|(c, v)| (*c, v.as_str())).collect();
    one(kind, &pairs).map_err(|errors| problems(kind, errors, tr))
}

/// Each field's first problem, worded in the reader's language.
fn problems(kind: Kind, errors: Vec<inferno_domain::RowError>, tr: &Tr) -> Values {
    let mut m = Values::new();
    for e in errors {
        m.entry(e.column)
            .or_insert_with(|| tr.a("field-problem", &[("reason", tr.record_problem(kind, &e.reason).into())]));
    }
    m
}

#[derive(Debug)]
pub struct RevisionRow {
    pub id: i64,
    pub time: String,
    pub actor: String,
    pub action: String,
    /// Each changed field with its value before and after.
    pub changed: Vec<(String, String, String)>,
    pub note: String,
}

/// The change that waits for review on a record, as its page shows it.
#[derive(Debug)]
pub struct PendingView {
    /// The proposal's revision: what "Publish this change" acts on.
    pub revision: i64,
    /// Who proposed it and when.
    pub by: String,
    /// Each field the change touches, in full, word by word.
    pub changed: Vec<FieldChange>,
    /// The note readers will see once it is published.
    pub note: String,
    /// The person viewing the page proposed it.
    pub own: bool,
}

#[derive(Template)]
#[template(path = "staff_record.html")]
struct EditPage {
    c: StaffChrome,
    kind: &'static str,
    kind_label: String,
    new: bool,
    id: String,
    /// What the id boxes suggest: (id, name).
    site_choices: Vec<(String, String)>,
    source_choices: Vec<(String, String)>,
    fields: Vec<Field>,
    csrf: String,
    withdrawable: bool,
    published: bool,
    /// A finding whose source is a draft: not public even once published.
    source_draft: bool,
    pending: Option<PendingView>,
    approve_error: Option<String>,
    may_edit: bool,
    may_publish: bool,
    message: Option<String>,
    just_published: bool,
    error: Option<String>,
    preview: Option<PublicPreview>,
    public_url: String,
    revisions: Vec<RevisionRow>,
    save_intent: &'static str,
    public_note: String,
    note_error: Option<String>,
    withdraw_error: Option<String>,
    /// The submission this new record is made from, if any.
    intake: String,
    /// What its sender wrote (label, text), shown beside the form and never in it.
    sender_words: Vec<(String, String)>,
    /// The team's note as stored, or as typed when it was refused.
    team_note: String,
    /// "Last saved by NAME on DAY."
    team_note_by: String,
    team_note_error: Option<String>,
}

/// What changed between two revisions: field, value before, value after.
/// Each value is cut at 120 characters, which is what a table cell can show.
fn diff(before: &serde_json::Value, after: &serde_json::Value) -> Vec<(String, String, String)> {
    let text = |v: &serde_json::Value, k: &str| {
        let s = v.get(k).and_then(|x| x.as_str()).unwrap_or("");
        let mut out: String = s.chars().take(120).collect();
        if s.chars().count() > 120 {
            out.push('…');
        }
        out
    };
    inferno_domain::import::changed_fields(before, after)
        .into_iter()
        .map(|k| (text(before, &k), text(after, &k), k))
        .map(|(b, a, k)| (k, b, a))
        .collect()
}

/// One field of a change a reviewer is asked to publish: its whole
/// published value with the words the change removes marked, and its whole
/// proposed value with the words it adds marked. Nothing is cut: the
/// reviewer reads all they publish.
#[derive(Debug)]
pub struct FieldChange {
    pub label: String,
    pub before: Vec<Piece>,
    pub after: Vec<Piece>,
}

impl FieldChange {
    fn all(tr: &Tr, kind: Kind, before: &serde_json::Value, after: &serde_json::Value) -> Vec<FieldChange> {
        let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
        inferno_domain::import::changed_fields(before, after)
            .into_iter()
            .map(|k| {
                let (before, after) = wording::sides(&text(before, &k), &text(after, &k));
                FieldChange { label: tr.field(kind, &k), before, after }
            })
            .collect()
    }
}

/// A stored record: its fields and whether it is published.
type Stored = (Vec<(&'static str, String)>, bool);

async fn stored(app: &App, kind: Kind, key: &str) -> Result<Option<Stored>, StoreError> {
    let found = app.store.staff_record(kind, key).await?;
    Ok(found.and_then(|(batch, published)| Some((record_fields(&batch, 0)?, published))))
}

/// The proposal that waits for review on a record, if one does.
async fn waiting_change(app: &App, kind: Kind, key: &str) -> Result<Option<Revision>, StoreError> {
    let revisions = app.store.revisions(kind, key).await?;
    Ok(revisions.into_iter().find(|r| r.pending))
}

/// A record's fields as the JSON object revisions keep.
fn as_json(fields: &[(&'static str, String)]) -> serde_json::Value {
    fields.iter().map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone()))).collect()
}

/// A kept version's fields as form values.
fn json_values(fields: &serde_json::Value) -> Values {
    let Some(map) = fields.as_object() else { return Values::new() };
    map.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect()
}

fn to_values(fields: &[(&'static str, String)]) -> Values {
    fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

struct Outcome {
    status: StatusCode,
    message: Option<String>,
    /// The message is that the record was just published: it links to the public page.
    just_published: bool,
    error: Option<String>,
    /// The form's values, valid, to be shown as readers would see them.
    preview: Option<Batch>,
}

impl Outcome {
    fn ok() -> Outcome {
        Outcome { status: StatusCode::OK, message: None, just_published: false, error: None, preview: None }
    }
}

/// Who is editing which kind of record, in which language.
struct Editor<'a> {
    app: &'a App,
    s: &'a Staff,
    lang: Lang,
    kind: Kind,
}

/// A stored record and its revisions, oldest first: what a record's page
/// shows, read once a request.
struct Loaded {
    live: Option<Stored>,
    revisions: Vec<Revision>,
    /// The team's note on it, shown here and nowhere public.
    team_note: Option<inferno_storage::StaffNote>,
}

async fn load(app: &App, kind: Kind, key: &str) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        live: stored(app, kind, key).await?,
        revisions: app.store.revisions(kind, key).await?,
        team_note: app.store.staff_note(kind, key).await?,
    })
}

async fn edit_page(
    e: Editor<'_>,
    key: Option<&str>,
    values: &Values,
    errors: &Values,
    o: Outcome,
) -> Result<Response, HtmlError> {
    let loaded = match key {
        Some(key) => Some((key, load(e.app, e.kind, key).await.map_err(HtmlError::unavailable)?)),
        None => None,
    };
    edit_page_of(e, loaded, values, errors, o).await
}

/// A record's revisions, newest first, each with what it changed. A
/// proposal's snapshot is the record it left as it was; what it proposes is
/// compared with that.
fn history(tr: &Tr, loaded: &Loaded) -> Vec<RevisionRow> {
    let revs = &loaded.revisions;
    let mut rows: Vec<RevisionRow> = revs
        .iter()
        .enumerate()
        .map(|(i, r)| RevisionRow {
            id: r.id,
            time: utc(r.time),
            actor: r.actor.clone(),
            action: tr.revision(&r.action),
            changed: match &r.proposal {
                Some(p) => diff(&r.snapshot, p),
                None => i.checked_sub(1).map(|j| diff(&revs[j].snapshot, &r.snapshot)).unwrap_or_default(),
            },
            note: r.public_note.clone().or_else(|| r.proposed_note.clone()).unwrap_or_default(),
        })
        .collect();
    rows.reverse();
    rows
}

/// The change that waits on the record, shown against what readers see now.
fn waiting(tr: &Tr, kind: Kind, s: &Staff, loaded: &Loaded) -> Option<PendingView> {
    let live = loaded.live.as_ref().map(|(f, _)| as_json(f)).unwrap_or_default();
    loaded.revisions.iter().find(|r| r.pending).map(|r| PendingView {
        revision: r.id,
        by: tr.a("staff-pending-by", &[("actor", (&r.actor).into()), ("time", utc(r.time).into())]),
        changed: r.proposal.as_ref().map(|p| FieldChange::all(tr, kind, &live, p)).unwrap_or_default(),
        note: r.proposed_note.clone().unwrap_or_default(),
        own: r.actor == s.user.name,
    })
}

/// A record as readers will see it, on the page that shows it (see
/// [`inferno_site::pages::preview`]), or why no public page would.
#[derive(Debug)]
pub struct PublicPreview {
    heading: String,
    /// Where readers will find it.
    at: String,
    /// The public page's part that shows it; `None` when none would.
    html: Option<String>,
}

impl PublicPreview {
    fn of(app: &App, tr: &Tr, lang: Lang, batch: &Batch, heading: &str) -> PublicPreview {
        let shown = inferno_site::pages::preview::preview(&app.site, batch, lang);
        PublicPreview {
            heading: tr.t(heading),
            at: shown.as_ref().map(|p| tr.a("staff-preview-at", &[("href", (&p.href).into())])).unwrap_or_default(),
            html: shown.map(|p| p.html),
        }
    }
}

/// What a record's page previews when no form asked for one: the change
/// that waits for review, or a record no reader sees yet.
fn preview_of(kind: Kind, loaded: &Loaded) -> Option<(Batch, &'static str)> {
    if let Some(proposal) = loaded.revisions.iter().find(|r| r.pending).and_then(|r| r.proposal.as_ref()) {
        return Some((from_snapshot(kind, proposal).ok()?, "staff-preview-change"));
    }
    match &loaded.live {
        Some((fields, false)) => Some((from_snapshot(kind, &as_json(fields)).ok()?, "staff-preview-draft")),
        _ => None,
    }
}

/// How many sources a form's source box suggests, newest first.
const SUGGESTED_SOURCES: usize = 1_000;

/// The published sites and sources a form's id boxes suggest, (id, name)
/// sorted by name, when one of its fields asks for them.
type Choices = Vec<(String, String)>;
fn choices_for(app: &App, fields: &[Field], lang: Lang) -> (Choices, Choices) {
    let wants = |list: &str| fields.iter().any(|f| f.list == Some(list) || (list == "sites" && f.widget == "stays"));
    let snapshot = app.site.snapshot();
    let sorted = |mut v: Choices| {
        v.sort_by_cached_key(|(_, name)| inferno_domain::lang::collation_key(name));
        v
    };
    let sites = if wants("sites") {
        sorted(snapshot.catalog.sites().iter().map(|s| (s.id.to_string(), s.name.get(lang).text.to_owned())).collect())
    } else {
        Vec::new()
    };
    // A list of 30,000 sources would weigh megabytes on every form: the
    // newest are suggested, and any published source's id is accepted.
    let sources = if wants("sources") {
        let mut newest: Vec<&inferno_domain::Source> = snapshot.catalog.sources().iter().map(|s| &**s).collect();
        newest.sort_by(|a, b| b.published_on.cmp(&a.published_on).then_with(|| a.id.cmp(&b.id)));
        newest.truncate(SUGGESTED_SOURCES);
        sorted(newest.into_iter().map(|s| (s.id.to_string(), s.title.clone())).collect())
    } else {
        Vec::new()
    };
    (sites, sources)
}

/// Where readers see record `id` (with its stored `fields`, which say
/// where a testimony is shown): its own page, or the page that shows it.
fn public_url(kind: Kind, id: &str, lang: Lang, fields: &[(&'static str, String)]) -> String {
    let l = lang.code();
    match kind {
        Kind::Sites => format!("/{l}/sites/{id}"),
        Kind::Sources => format!("/{l}/sources/{id}"),
        Kind::Findings => id.split_once('~').map(|(_, site)| format!("/{l}/sites/{site}")).unwrap_or_default(),
        Kind::Testimonies => fields
            .iter()
            .find(|(k, _)| *k == "stays")
            .and_then(|(_, v)| v.split(['|', '@']).next())
            .filter(|site| !site.trim().is_empty())
            .map(|site| format!("/{l}/sites/{}#{id}", site.trim()))
            .unwrap_or_default(),
        Kind::News => format!("/{l}/news/{id}"),
        Kind::Faq => format!("/{l}/faq#{id}"),
        Kind::Pages => format!("/{l}/{id}"),
    }
}

/// The form of a new record (`loaded` is `None`), or of the record `loaded` read.
async fn edit_page_of(
    e: Editor<'_>,
    loaded: Option<(&str, Loaded)>,
    values: &Values,
    errors: &Values,
    o: Outcome,
) -> Result<Response, HtmlError> {
    let Editor { app, s, lang, kind } = e;
    let tr = Tr::new(lang);
    let new = loaded.is_none();
    let key = loaded.as_ref().map(|(key, _)| *key);
    let (published, revisions, pending) = match &loaded {
        Some((_, loaded)) => {
            (loaded.live.as_ref().is_some_and(|(_, p)| *p), history(&tr, loaded), waiting(&tr, kind, s, loaded))
        }
        None => (false, Vec::new(), None),
    };
    let source_draft = match (kind, key.and_then(|k| k.split_once('~'))) {
        (Kind::Findings, Some((source, _))) => {
            stored(app, Kind::Sources, source).await.map_err(HtmlError::unavailable)?.is_some_and(|(_, p)| !p)
        }
        _ => false,
    };
    let preview = match (o.preview, &loaded) {
        (Some(batch), _) => Some((batch, "staff-preview")),
        (None, Some((_, loaded))) => preview_of(kind, loaded),
        (None, None) => None,
    }
    .map(|(batch, heading)| PublicPreview::of(app, &tr, lang, &batch, heading));
    let k = kind.name();
    let path = key.map_or_else(|| format!("/staff/{k}/new"), |i| format!("/staff/{k}/{i}"));
    let kind_label = tr.record_kind(kind);
    let title = key.map_or_else(
        || tr.a("staff-record-new", &[("kind", (&kind_label).into())]),
        |i| tr.a("staff-record-edit", &[("kind", (&kind_label).into()), ("id", i.into())]),
    );
    // A draft made from a submission shows what the sender wrote beside
    // the form, read-only: it is never put in a field that can be saved.
    let intake = if new { values.get("intake").cloned().unwrap_or_default() } else { String::new() };
    let sender_words =
        if intake.is_empty() { Vec::new() } else { super::intake::sender_words(app, s, kind, &intake, &tr).await? };
    let c = StaffChrome::new(lang, title, Some(s), &path);
    let stored = loaded.as_ref().and_then(|(_, l)| l.live.as_ref()).map_or(&[][..], |(f, _)| f.as_slice());
    let public_url = key.map(|i| public_url(kind, i, lang, stored)).unwrap_or_default();
    let fields = form_fields(kind, values, errors, &tr, new);
    let (site_choices, source_choices) = choices_for(app, &fields, lang);
    let stored_note = loaded.as_ref().and_then(|(_, l)| l.team_note.as_ref());
    let page = EditPage {
        c,
        kind: k,
        kind_label,
        new,
        id: key.unwrap_or("").to_owned(),
        site_choices,
        source_choices,
        fields,
        csrf: s.session.csrf_token.clone(),
        withdrawable: kind.withdrawable(),
        published,
        source_draft,
        pending,
        approve_error: errors.get("approve_note").cloned(),
        may_edit: s.user.role.may(Permission::Edit),
        may_publish: s.user.role.may(Permission::Publish),
        message: o.message,
        just_published: o.just_published,
        error: o.error,
        preview,
        public_url,
        revisions,
        save_intent: if values.get("intent").is_some_and(|i| i == "revert") { "revert" } else { "save" },
        public_note: values.get("public_note").cloned().unwrap_or_default(),
        note_error: errors.get("public_note").cloned(),
        withdraw_error: errors.get("withdraw_note").cloned(),
        intake,
        sender_words,
        team_note: values.get("team_note").cloned().or_else(|| stored_note.map(|n| n.note.clone())).unwrap_or_default(),
        team_note_by: stored_note
            .map(|n| tr.a("staff-team-note-by", &[("actor", (&n.actor).into()), ("day", (&n.updated_on).into())]))
            .unwrap_or_default(),
        team_note_error: errors.get("team_note").cloned(),
    };
    Ok(render(o.status, &page))
}

/// What a new record's form starts with.
fn defaults(kind: Kind) -> Values {
    kind.columns().iter().filter(|c| !c.default.is_empty()).map(|c| (c.name.to_owned(), c.default.to_owned())).collect()
}

pub async fn new_form(
    State(app): State<Arc<App>>,
    page: StaffPage<MayEdit>,
    RecordKind(kind): RecordKind,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff: s, lang, tr, .. } = page;
    let intake = q
        .as_deref()
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "intake"))
        .map(|(_, v)| v.into_owned());
    let mut values = defaults(kind);
    if let Some(id) = intake {
        values.extend(super::intake::prefill(&app, &s, kind, &id, &tr).await?);
    }
    edit_page(Editor { app: &app, s: &s, lang, kind }, None, &values, &Values::new(), Outcome::ok()).await
}

pub async fn edit_form(
    State(app): State<Arc<App>>,
    page: StaffPage,
    RecordKind(kind): RecordKind,
    Path((_, key)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> Result<Response, HtmlError> {
    let StaffPage { staff: s, lang, tr, .. } = page;
    let loaded = load(&app, kind, &key).await.map_err(HtmlError::unavailable)?;
    let (fields, _) = loaded.live.as_ref().ok_or(HtmlError::NotFound)?;
    let q = q.as_deref().unwrap_or("");
    let flagged = |flag: &str| q.split('&').any(|p| p == flag);
    let message = [
        ("saved=1", "staff-saved"),
        ("saved=pending", "staff-saved-pending"),
        ("reviewed=approve", "staff-reviewed-approve"),
        ("reviewed=discard", "staff-reviewed-discard"),
        ("published=1", "staff-published-now"),
        ("withdrawn=1", "staff-withdrawn-now"),
        ("noted=1", "staff-team-note-saved"),
    ]
    .iter()
    .find(|(flag, _)| flagged(flag))
    .map(|(_, text)| tr.t(text));
    // Publishing a record or a change to it: the message links to the public page.
    let just_published = flagged("published=1") || flagged("reviewed=approve");
    // An editor's form starts from the change that waits, so that a further
    // edit builds on it (and replaces it); a reviewer edits what is published.
    let mut values = to_values(fields);
    if !s.user.role.may(Permission::Publish)
        && let Some(r) = loaded.revisions.iter().find(|r| r.pending)
    {
        values = json_values(r.proposal.as_ref().unwrap_or(&serde_json::Value::Null));
        values.insert("public_note".into(), r.proposed_note.clone().unwrap_or_default());
    }
    let o = Outcome { message, just_published, ..Outcome::ok() };
    edit_page_of(Editor { app: &app, s: &s, lang, kind }, Some((&key, loaded)), &values, &Values::new(), o).await
}

/// The store's answer to a save, as a form page or a redirect.
async fn after_save(
    e: Editor<'_>,
    key: Option<&str>,
    f: &Values,
    result: Result<Saved, ImportError>,
    saved_key: &str,
) -> Result<Response, HtmlError> {
    let Editor { app, s, lang, kind } = e;
    let tr = Tr::new(lang);
    let (errors, status) = match result {
        Ok(saved) => {
            let _ = app.refresh().await;
            let flag = match saved {
                Saved::Applied => "saved=1",
                Saved::Pending => "saved=pending",
                Saved::Unchanged => "saved=0",
            };
            let to = format!("/staff/{}/{saved_key}?lang={}&{flag}", kind.name(), lang.code());
            return Ok(Redirect::to(&to).into_response());
        }
        Err(ImportError::Rows(errors)) => (problems(kind, errors, &tr), StatusCode::UNPROCESSABLE_ENTITY),
        Err(ImportError::Store(StoreError::Conflict(p))) => {
            (Values::from([(kind.key_columns()[0].to_owned(), tr.record_problem(kind, &p))]), StatusCode::CONFLICT)
        }
        Err(ImportError::Store(e)) => return Err(HtmlError::unavailable(e)),
    };
    let o = Outcome { status, error: Some(tr.t("staff-form-problems")), ..Outcome::ok() };
    edit_page(Editor { app, s, lang, kind }, key, f, &errors, o).await
}

/// The form again, with the problem that the field `field` needs a note
/// readers will be shown.
async fn note_required(e: Editor<'_>, key: &str, values: &Values, field: &str) -> Result<Response, HtmlError> {
    let text = Tr::new(e.lang).t("staff-public-note-required");
    let errors = Values::from([(field.to_owned(), text.clone())]);
    let o = Outcome { status: StatusCode::UNPROCESSABLE_ENTITY, error: Some(text), ..Outcome::ok() };
    edit_page(e, Some(key), values, &errors, o).await
}

/// Validates the posted values, or answers with the form again: a preview,
/// or the problems found.
async fn parse_or_page(e: Editor<'_>, key: Option<&str>, f: &Values) -> Result<Result<Batch, Response>, HtmlError> {
    let tr = Tr::new(e.lang);
    let preview = f.get("intent").is_some_and(|i| i == "preview");
    let (errors, o) = match parse(e.kind, f, key, &tr) {
        Ok(b) if !preview => return Ok(Ok(b)),
        Ok(b) => (Values::new(), Outcome { preview: Some(b), ..Outcome::ok() }),
        Err(errors) => {
            let o = Outcome {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                error: Some(tr.t("staff-form-problems")),
                ..Outcome::ok()
            };
            (errors, o)
        }
    };
    Ok(Err(edit_page(e, key, f, &errors, o).await?))
}

pub async fn create(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    form: StaffForm<MayEdit>,
) -> Result<Response, HtmlError> {
    let (s, lang, f) = (&form.staff, form.lang, posted(&form.pairs));
    let batch = match parse_or_page(Editor { app: &app, s, lang, kind }, None, &f).await? {
        Ok(b) => b,
        Err(page) => return Ok(page),
    };
    let key = key_of(&batch, 0).unwrap_or_default();
    let editor = inferno_storage::Editor { name: &s.user.name, may_publish: s.user.role.may(Permission::Publish) };
    let result = editing::save(app.store.as_ref(), &batch, SaveMode::Create, editor, None).await;
    if let (Ok(_), Some(intake)) = (&result, f.get("intake").filter(|i| !i.is_empty())) {
        super::intake::link(&app, s, intake, kind, &key).await;
    }
    after_save(Editor { app: &app, s, lang, kind }, None, &f, result, &key).await
}

pub async fn update(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key)): Path<(String, String)>,
    form: StaffForm<MayEdit>,
) -> Result<Response, HtmlError> {
    let (s, lang, f) = (&form.staff, form.lang, posted(&form.pairs));
    let e = || Editor { app: &app, s, lang, kind };
    let (_, published) = stored(&app, kind, &key).await.map_err(HtmlError::unavailable)?.ok_or(HtmlError::NotFound)?;
    let note = form.get("public_note");
    let batch = match parse_or_page(e(), Some(&key), &f).await? {
        Ok(b) => b,
        Err(page) => return Ok(page),
    };
    // An editor's change waits for review, but it needs the note as well:
    // publishing it is what tells readers.
    if published && kind.withdrawable() && note.is_empty() {
        return note_required(e(), &key, &f, "public_note").await;
    }
    let mode = if f.get("intent").is_some_and(|i| i == "revert") { SaveMode::Revert } else { SaveMode::Update };
    let note = (!note.is_empty()).then_some(note);
    let editor = inferno_storage::Editor { name: &s.user.name, may_publish: s.user.role.may(Permission::Publish) };
    let result = editing::save(app.store.as_ref(), &batch, mode, editor, note).await;
    after_save(e(), Some(&key), &f, result, &key).await
}

pub async fn publish(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key, verb)): Path<(String, String, String)>,
    form: StaffForm<MayPublish>,
) -> Result<Response, HtmlError> {
    let (s, lang) = (&form.staff, form.lang);
    let publish = match verb.as_str() {
        "publish" => true,
        "unpublish" if kind.withdrawable() => false,
        _ => return Err(HtmlError::NotFound),
    };
    // "Saved" is never shown for a record that does not exist.
    let (fields, _) = stored(&app, kind, &key).await.map_err(HtmlError::unavailable)?.ok_or(HtmlError::NotFound)?;
    let note = form.get("public_note");
    if !publish && note.is_empty() {
        return note_required(Editor { app: &app, s, lang, kind }, &key, &to_values(&fields), "withdraw_note").await;
    }
    // Taking a record off the site is asked twice: the second time on a
    // page of its own, which needs no script.
    if !publish && form.get("confirm") != "yes" {
        let title = kind.title(|c| fields.iter().find(|(n, _)| *n == c).map(|(_, v)| v.as_str()), lang);
        return Ok(confirm_withdrawal(&form, kind, &key, &title, note));
    }
    let visibility = if publish { Visibility::Published } else { Visibility::Withdrawn };
    editing::set_published(app.store.as_ref(), kind, &key, visibility, &s.user.name, Some(note))
        .await
        .map_err(HtmlError::unavailable)?;
    let _ = app.refresh().await;
    let done = if publish { "published=1" } else { "withdrawn=1" };
    Ok(Redirect::to(&format!("/staff/{}/{key}?lang={}&{done}", kind.name(), lang.code())).into_response())
}

#[derive(Template)]
#[template(path = "staff_confirm.html")]
struct ConfirmPage<'a> {
    c: StaffChrome,
    kind: &'static str,
    kind_label: String,
    id: &'a str,
    csrf: &'a str,
    note: &'a str,
}

/// "Withdraw this record?": what readers will see instead, and the one
/// button that does it.
fn confirm_withdrawal(form: &StaffForm<MayPublish>, kind: Kind, key: &str, title: &str, note: &str) -> Response {
    let name = if title.is_empty() { key } else { title };
    let heading = form.tr.a("staff-withdraw-confirm", &[("name", name.into())]);
    let c = StaffChrome::new(form.lang, heading, Some(&form.staff), &format!("/staff/{}/{key}", kind.name()));
    let csrf = &form.staff.session.csrf_token;
    let page = ConfirmPage { c, kind: kind.name(), kind_label: form.tr.record_kind(kind), id: key, csrf, note };
    render(StatusCode::OK, &page)
}

/// Saves the team's note on a record: anyone who may edit; never public.
/// A refused note comes back in its box, with the reason.
pub async fn save_note(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key)): Path<(String, String)>,
    form: StaffForm<MayEdit>,
) -> Result<Response, HtmlError> {
    let (s, lang) = (&form.staff, form.lang);
    let note = form.get("team_note");
    match notes::save(app.store.as_ref(), kind, &key, note, &s.user.name).await {
        Ok(_) => {
            let to = format!("/staff/{}/{key}?lang={}&noted=1", kind.name(), lang.code());
            Ok(Redirect::to(&to).into_response())
        }
        Err(NoteError::NoSuchRecord) => Err(HtmlError::NotFound),
        Err(NoteError::Invalid(problem)) => {
            let (fields, _) =
                stored(&app, kind, &key).await.map_err(HtmlError::unavailable)?.ok_or(HtmlError::NotFound)?;
            let mut values = to_values(&fields);
            values.insert("team_note".into(), note.to_owned());
            let errors = Values::from([("team_note".to_owned(), form.tr.problem(&problem))]);
            let o = Outcome { status: StatusCode::UNPROCESSABLE_ENTITY, ..Outcome::ok() };
            edit_page(Editor { app: &app, s, lang, kind }, Some(&key), &values, &errors, o).await
        }
        Err(NoteError::Store(e)) => Err(HtmlError::unavailable(e)),
    }
}

/// Loads an earlier revision into the form, for a reviewer to check and save.
pub async fn revert(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key, rev)): Path<(String, String, i64)>,
    form: StaffForm<MayPublish>,
) -> Result<Response, HtmlError> {
    let (s, lang) = (&form.staff, form.lang);
    let revisions = app.store.revisions(kind, &key).await.map_err(HtmlError::unavailable)?;
    let snapshot = revisions.iter().find(|r| r.id == rev).and_then(|r| r.snapshot.as_object().cloned());
    let snapshot = snapshot.ok_or(HtmlError::NotFound)?;
    let mut values: Values = snapshot.into_iter().filter_map(|(k, v)| Some((k, v.as_str()?.to_owned()))).collect();
    values.insert("intent".into(), "revert".into());
    let message = Some(form.tr.a("staff-revert-loaded", &[("rev", rev.into())]));
    let o = Outcome { message, ..Outcome::ok() };
    edit_page(Editor { app: &app, s, lang, kind }, Some(&key), &values, &Values::new(), o).await
}

/// "Publish this change": a reviewer approves the change that waits on a record.
pub async fn approve(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key, rev)): Path<(String, String, i64)>,
    form: StaffForm<MayPublish>,
) -> Result<Response, HtmlError> {
    review(&app, kind, &key, rev, Verdict::Approve, &form).await
}

/// "Discard": a reviewer drops the change that waits on a record.
pub async fn discard(
    State(app): State<Arc<App>>,
    RecordKind(kind): RecordKind,
    Path((_, key, rev)): Path<(String, String, i64)>,
    form: StaffForm<MayPublish>,
) -> Result<Response, HtmlError> {
    review(&app, kind, &key, rev, Verdict::Discard, &form).await
}

/// Acts on proposal `rev` of a record, which must still be the one that
/// waits: a reviewer publishes exactly what they read, never a later edit.
async fn review(
    app: &App,
    kind: Kind,
    key: &str,
    rev: i64,
    verdict: Verdict,
    form: &StaffForm<MayPublish>,
) -> Result<Response, HtmlError> {
    let (s, lang, tr) = (&form.staff, form.lang, &form.tr);
    let e = || Editor { app, s, lang, kind };
    let (fields, published) =
        stored(app, kind, key).await.map_err(HtmlError::unavailable)?.ok_or(HtmlError::NotFound)?;
    let waiting = waiting_change(app, kind, key).await.map_err(HtmlError::unavailable)?.ok_or(HtmlError::NotFound)?;
    let values = to_values(&fields);
    let refused = |error: String| Outcome { status: StatusCode::CONFLICT, error: Some(error), ..Outcome::ok() };
    if waiting.id != rev {
        return edit_page(e(), Some(key), &values, &Values::new(), refused(tr.t("staff-pending-replaced"))).await;
    }
    let approve = verdict == Verdict::Approve;
    let note = form.get("public_note");
    if approve && published && kind.withdrawable() && note.is_empty() {
        return note_required(e(), key, &values, "approve_note").await;
    }
    let note = (!note.is_empty()).then_some(note);
    match editing::review(app.store.as_ref(), kind, key, rev, verdict, &s.user.name, note).await {
        Ok(true) => {
            let _ = app.refresh().await;
            let verb = if approve { "approve" } else { "discard" };
            let to = format!("/staff/{}/{key}?lang={}&reviewed={verb}", kind.name(), lang.code());
            Ok(Redirect::to(&to).into_response())
        }
        Ok(false) => Err(HtmlError::NotFound),
        Err(StoreError::Conflict(p)) => {
            edit_page(e(), Some(key), &values, &Values::new(), refused(tr.record_problem(kind, &p))).await
        }
        Err(e) => Err(HtmlError::unavailable(e)),
    }
}
