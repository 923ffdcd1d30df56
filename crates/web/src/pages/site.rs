//! A site's page: everything known about one place of detention, each claim
//! next to its sources.

use super::{Chrome, Ctx, PageError, html};
use crate::map::{self, MapView};
use crate::markdown;
use askama::Template;
use inferno_domain::{Credibility, Lang, LocalText, Reliability, Site, Source};

/// Text in the reader's language or, while a translation is missing, in the
/// other one, marked with its language and a note.
#[derive(Debug)]
pub struct Shown {
    pub text: String,
    pub lang: &'static str,
    pub fallback: bool,
}

pub fn shown(t: &LocalText, lang: Lang) -> Shown {
    let l = t.get(lang);
    Shown { text: l.text.to_owned(), lang: l.lang.code(), fallback: l.is_fallback(lang) }
}

/// Markdown rendered for the reader, same rules as [`Shown`].
pub fn shown_markdown(t: &LocalText, lang: Lang) -> Shown {
    let s = shown(t, lang);
    Shown { text: markdown::to_html(&s.text), ..s }
}

#[derive(Debug)]
pub struct Fact {
    pub term: String,
    pub value: String,
    pub value_lang: Option<&'static str>,
}

#[derive(Debug)]
pub struct Section {
    pub heading: String,
    pub body: Shown,
}

#[derive(Debug)]
pub struct SourceRef {
    pub anchor: String,
    pub label: String,
}

#[derive(Debug)]
pub struct EvidenceRow {
    pub abuse: String,
    pub counts: String,
    pub sources: Vec<SourceRef>,
}

#[derive(Debug)]
pub struct SourceView {
    pub anchor: String,
    pub title: String,
    pub title_lang: String,
    pub url: String,
    pub publisher: String,
    pub date: String,
    pub kind: String,
    pub grade: String,
    pub grade_explained: String,
    pub group: String,
    pub finding_note: Option<Shown>,
    pub finding_period: String,
    pub finding_abuses: String,
    pub source_note: Option<Shown>,
}

#[derive(Debug)]
pub struct StayView {
    pub href: Option<String>,
    pub name: String,
    pub period: String,
    pub here: bool,
}

#[derive(Debug)]
pub struct TestimonyView {
    pub anchor: String,
    pub role: String,
    pub summary: Shown,
    pub abuses: String,
    pub stays: Vec<StayView>,
    pub source: Option<SourceRef>,
    pub consent: String,
}

#[derive(Template)]
#[template(path = "site.html")]
struct SitePage {
    c: Chrome,
    name: String,
    other_names: Vec<Fact>,
    facts: Vec<Fact>,
    map: Option<MapView>,
    sections: Vec<Section>,
    evidence: Vec<EvidenceRow>,
    no_evidence: bool,
    testimonies: Vec<TestimonyView>,
    sources: Vec<SourceView>,
    news: Vec<super::home::NewsLink>,
    citation: String,
    updated: String,
    corrections: Vec<(String, String, String)>,
}

pub fn source_anchor(s: &Source) -> String {
    format!("src-{}", s.id.as_str().trim_start_matches("src-"))
}

fn grade(tr: &crate::i18n::Tr, r: Reliability, c: Credibility) -> (String, String) {
    let explained =
        tr.a("grade-explained", &[("reliability", tr.label(r).into()), ("credibility", tr.label(c).into())]);
    (format!("{r}{c}"), explained)
}

fn abuse_list(tr: &crate::i18n::Tr, abuses: &[inferno_domain::AbuseType]) -> String {
    abuses.iter().map(|a| tr.label(*a)).collect::<Vec<_>>().join(", ")
}

fn site_name(ctx: &Ctx, id: &str) -> (Option<String>, String) {
    match ctx.catalog.site(id) {
        Some(s) => (Some(format!("/{}/sites/{}", ctx.lang.code(), s.id)), s.name.get(ctx.lang).text.to_owned()),
        None => (None, id.to_owned()),
    }
}

fn facts(ctx: &Ctx, site: &Site) -> Vec<Fact> {
    let tr = &ctx.tr;
    let fact = |term: &str, value: String| Fact { term: tr.t(term), value, value_lang: None };
    let mut out = vec![fact("fact-type", tr.label(site.site_type)), fact("fact-place", super::sites::place(ctx, site))];
    if site.occupied {
        out.push(fact("fact-territory", tr.t("fact-territory-occupied")));
    }
    out.push(fact("fact-coordinates", format!("{:.3}, {:.3} ({})", site.lat, site.lon, tr.label(site.precision))));
    if !site.operators.is_empty() {
        out.push(Fact { term: tr.t("fact-operator"), value: site.operators.join("; "), value_lang: Some("en") });
    }
    out.push(fact("fact-period", tr.period(site.reported_from, site.reported_to)));
    out.push(fact("fact-status", tr.label(site.status)));
    out.push(Fact { term: tr.t("fact-id"), value: site.id.to_string(), value_lang: Some("en") });
    out
}

pub fn render(ctx: &Ctx, id: &str) -> Result<String, PageError> {
    let Some(site) = ctx.catalog.site(id) else {
        // A withdrawn record says so, rather than vanishing.
        return Err(match ctx.catalog.corrections_for("site", id).first() {
            Some(c) if c.withdrawn => PageError::Gone(
                ctx.tr.a("withdrawn-text", &[("date", ctx.tr.date(&c.date).into()), ("note", (&c.note).into())]),
            ),
            _ => PageError::NotFound,
        });
    };
    let (tr, lang) = (&ctx.tr, ctx.lang);
    let name = site.name.get(lang);
    let mut other_names = Vec::new();
    for l in [Lang::Uk, Lang::En] {
        let n = site.name.raw(l);
        if l != name.lang && !n.is_empty() && n != name.text {
            other_names.push(Fact { term: tr.label(l), value: n.to_owned(), value_lang: Some(l.code()) });
        }
    }
    if !site.name_ru.is_empty() {
        other_names.push(Fact { term: tr.t("name-in-ru"), value: site.name_ru.clone(), value_lang: Some("ru") });
    }

    let sections = site
        .sections
        .iter()
        .filter(|s| !s.body.is_empty())
        .map(|s| Section { heading: tr.label(s.kind), body: shown_markdown(&s.body, lang) })
        .collect();

    let evidence: Vec<EvidenceRow> = ctx
        .catalog
        .evidence(id)
        .into_iter()
        .map(|e| EvidenceRow {
            abuse: tr.label(e.abuse),
            counts: tr
                .a("evidence-counts", &[("count", e.sources.len().into()), ("independent", e.independent.into())]),
            sources: e
                .sources
                .iter()
                .map(|s| SourceRef { anchor: source_anchor(s), label: s.publisher.clone() })
                .collect(),
        })
        .collect();

    let findings = ctx.catalog.findings_for_site(id);
    let sources = ctx
        .catalog
        .site_sources(id)
        .into_iter()
        .map(|s| {
            let finding = findings.iter().find(|f| f.source_id == s.id);
            let (grade, grade_explained) = grade(tr, s.reliability, s.credibility);
            SourceView {
                anchor: source_anchor(s),
                title: s.title.clone(),
                title_lang: s.language.clone(),
                url: s.url.clone(),
                publisher: s.publisher.clone(),
                date: s.published_on.map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown")),
                kind: tr.label(s.kind),
                grade,
                grade_explained,
                group: s.independence_group.clone(),
                finding_note: finding.filter(|f| !f.note.is_empty()).map(|f| shown(&f.note, lang)),
                finding_period: finding
                    .filter(|f| f.period_from.is_some() || f.period_to.is_some())
                    .map(|f| tr.period(f.period_from, f.period_to))
                    .unwrap_or_default(),
                finding_abuses: finding.map(|f| abuse_list(tr, &f.abuse_types)).unwrap_or_default(),
                source_note: (!s.notes.is_empty()).then(|| shown(&s.notes, lang)),
            }
        })
        .collect();

    let testimonies = ctx
        .catalog
        .testimonies_at(id)
        .into_iter()
        .map(|t| TestimonyView {
            anchor: t.id.to_string(),
            role: tr.label(t.witness_role),
            summary: shown(&t.summary, lang),
            abuses: abuse_list(tr, &t.abuse_types),
            stays: t
                .stays
                .iter()
                .map(|s| {
                    let (href, name) = site_name(ctx, s.site_id.as_str());
                    let here = s.site_id.as_str() == id;
                    StayView { href: if here { None } else { href }, name, period: tr.period(s.from, s.to), here }
                })
                .collect(),
            source: t
                .source_id
                .as_ref()
                .and_then(|sid| ctx.catalog.source(sid.as_str()))
                .map(|s| SourceRef { anchor: source_anchor(s), label: s.publisher.clone() }),
            consent: tr.label(t.consent),
        })
        .collect();

    let news = super::home::news_links(ctx, &ctx.catalog.news_about(id));
    let updated = ctx.catalog.last_updated(id).map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown"));
    let url = format!("{}/{}/sites/{}", ctx.app.config.public_url, lang.code(), site.id);
    let citation = tr.a(
        "citation",
        &[
            ("name", name.text.into()),
            ("id", site.id.as_str().into()),
            ("url", (&url).into()),
            ("updated", ctx.catalog.last_updated(id).map(|d| d.to_string()).unwrap_or_default().into()),
        ],
    );
    let no_evidence = evidence.is_empty();
    let c = ctx.chrome(
        "sites",
        name.text.to_owned(),
        tr.a("site-description", &[("name", name.text.into()), ("place", super::sites::place(ctx, site).into())]),
    );
    html(&SitePage {
        c,
        name: name.text.to_owned(),
        other_names,
        facts: facts(ctx, site),
        map: map::around(site, tr),
        sections,
        evidence,
        no_evidence,
        testimonies,
        sources,
        news,
        citation,
        updated,
        corrections: ctx
            .catalog
            .corrections_for("site", id)
            .into_iter()
            .map(|c| (c.date.to_string(), tr.date(&c.date), c.note.clone()))
            .collect(),
    })
}
