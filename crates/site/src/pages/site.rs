//! A site's page: everything known about one place of detention, each claim
//! next to its sources.

use super::{Chrome, Ctx, PageError, html};
use crate::map::{self, MapView};
use crate::markdown;
use crate::shell::i18n::Tr;
use crate::shell::pagination::{PAGE_SIZE, Pagination, page_count, slice};
use askama::Template;
use inferno_domain::Kind;
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
    /// Its id on the page, for "On this page": `profile-overview`, …
    pub anchor: String,
    pub heading: String,
    pub body: Shown,
}

/// A link to a source in a site's list of sources, on whichever page of it
/// the source is.
#[derive(Debug)]
pub struct SourceRef {
    pub href: String,
    pub label: String,
}

/// A source named in the evidence table, with its grade beside it so that a
/// reader sees the weight of each link.
#[derive(Debug)]
pub struct GradedRef {
    pub href: String,
    pub label: String,
    pub grade: String,
    pub grade_explained: String,
}

#[derive(Debug)]
pub struct EvidenceRow {
    pub abuse: String,
    pub counts: String,
    /// The first [`EVIDENCE_REFS`] sources; `more` links to the rest.
    pub sources: Vec<GradedRef>,
    pub more: Option<(String, String)>,
}

/// Sources named in one row of the evidence table; the rest are a link away.
const EVIDENCE_REFS: usize = 10;

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
    pub counted_with: Option<String>,
    pub finding_note: Option<Shown>,
    pub finding_period: String,
    pub finding_abuses: String,
    pub source_note: Option<Shown>,
    /// The source's own page.
    pub page: String,
}

#[derive(Debug)]
pub struct StayView {
    pub href: Option<String>,
    pub name: String,
    pub period: String,
    pub here: bool,
}

/// A route into or out of a site, as its page lists it.
#[derive(Debug)]
pub struct RouteView {
    /// The site at the other end.
    pub href: String,
    pub name: String,
    pub moves: String,
    pub when: String,
    /// The first [`ROUTE_TESTIMONIES`] testimonies recording it.
    pub testimonies: Vec<SourceRef>,
}

/// Routes listed in each direction on a site's page; the network page has them all.
pub const ROUTES_SHOWN: usize = 20;
/// Testimonies linked from one route.
pub const ROUTE_TESTIMONIES: usize = 10;

/// The address of a testimony on the page of a site where the witness was
/// held: the site's page for the first of its testimonies, a page of its
/// list for the rest. `here` gives the address relative to that site's own page.
pub fn testimony_href(ctx: &Ctx, site_id: &str, testimony: &inferno_domain::Id, here: bool) -> String {
    let l = ctx.lang.code();
    let i = ctx.catalog.testimonies_at(site_id).iter().position(|t| &t.id == testimony).unwrap_or(0);
    let page = i / PAGE_SIZE + 1;
    match page {
        1 if here => format!("#{testimony}"),
        1 => format!("/{l}/sites/{site_id}#{testimony}"),
        p => format!(
            "{}#{testimony}",
            super::href(ctx.lang, &super::Route::SiteList(site_id.into(), SiteList::Testimonies, p))
        ),
    }
}

/// The address of a source's entry on the pages of a site it speaks of:
/// the site's page for the first of its sources, a page of its list for the rest.
pub fn source_href(ctx: &Ctx, site_id: &str, source: &Source) -> String {
    let i = ctx.catalog.site_sources(site_id).iter().position(|x| x.id == source.id).unwrap_or(0);
    let anchor = source_anchor(source);
    match i / PAGE_SIZE + 1 {
        1 => format!("/{}/sites/{site_id}#{anchor}", ctx.lang.code()),
        p => {
            format!("{}#{anchor}", super::href(ctx.lang, &super::Route::SiteList(site_id.into(), SiteList::Sources, p)))
        }
    }
}

/// A route as a line of a list: the other end, how many moves, when, and
/// the testimonies, linked on the page of `testimonies_of`.
pub fn route_view(
    ctx: &Ctx,
    route: &inferno_domain::network::Route,
    other: &Site,
    testimonies_of: &str,
    here: bool,
) -> RouteView {
    let tr = &ctx.tr;
    let (first, last) = route.months();
    RouteView {
        href: format!("/{}/sites/{}", ctx.lang.code(), other.id),
        name: other.name.get(ctx.lang).text.to_owned(),
        moves: tr.n("count-moves", route.moves.len()),
        when: if first.is_some() { tr.period(first, last) } else { String::new() },
        testimonies: route
            .moves
            .iter()
            .take(ROUTE_TESTIMONIES)
            .map(|m| SourceRef {
                href: testimony_href(ctx, testimonies_of, &m.testimony.id, here),
                label: testimony_number(tr, &m.testimony.id),
            })
            .collect(),
    }
}

#[derive(Debug)]
pub struct TestimonyView {
    pub anchor: String,
    /// "No. 1": the testimony named for readers.
    pub number: String,
    pub role: String,
    pub summary: Shown,
    pub abuses: String,
    pub stays: Vec<StayView>,
    pub source: Option<SourceRef>,
    pub consent: String,
}

/// One page of a site's sources or testimonies, when there are more than the
/// site's page shows.
#[derive(Template)]
#[template(path = "site_list.html")]
struct SiteListPage {
    c: Chrome,
    name: String,
    site_href: String,
    heading: String,
    showing_sources: bool,
    sources: Vec<SourceView>,
    testimonies: Vec<TestimonyView>,
    pagination: Pagination,
}

/// Which of a site's lists a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteList {
    Sources,
    Testimonies,
}

impl SiteList {
    pub fn parse(segment: &str) -> Option<SiteList> {
        [SiteList::Sources, SiteList::Testimonies].into_iter().find(|l| l.path() == segment)
    }

    pub fn path(self) -> &'static str {
        match self {
            SiteList::Sources => "sources",
            SiteList::Testimonies => "testimonies",
        }
    }
}

/// Where the sources and testimonies of one site are linked: the first page
/// of each list is on the site's page, the rest on pages of their own.
struct Lists<'a> {
    lang: inferno_domain::Lang,
    site: &'a str,
    /// Source id → its place in the site's list of sources.
    source_index: std::collections::HashMap<&'a str, usize>,
    /// The page being rendered: `None` for the site's page.
    on: Option<(SiteList, usize)>,
}

impl Lists<'_> {
    fn list_href(&self, list: SiteList, page: usize) -> String {
        super::href(self.lang, &super::Route::SiteList(self.site.to_owned(), list, page))
    }

    /// The address of a source's entry, relative to the page being rendered.
    fn source_href(&self, s: &Source) -> String {
        let anchor = source_anchor(s);
        let Some(&i) = self.source_index.get(s.id.as_str()) else { return format!("#{anchor}") };
        let page = i / PAGE_SIZE + 1;
        match self.on {
            None if page == 1 => format!("#{anchor}"),
            Some((SiteList::Sources, p)) if p == page => format!("#{anchor}"),
            _ => format!("{}#{anchor}", self.list_href(SiteList::Sources, page)),
        }
    }
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
    /// Where prisoners held here came from, and where they were taken.
    came_from: Vec<RouteView>,
    moved_to: Vec<RouteView>,
    sources: Vec<SourceView>,
    /// The whole lists, when they are longer than the page shows: (href, text).
    all_sources: Option<(String, String)>,
    all_testimonies: Option<(String, String)>,
    news: Vec<super::home::NewsLink>,
    citation: super::citation::CiteLines,
    updated: String,
    corrections: Vec<(String, String, String)>,
    /// The submission form with this site chosen.
    send_href: String,
    /// The town, region and country, which the locator map's caption names.
    place: String,
}

/// How a reader sees a testimony named: "No. 1" for `t-01`, rather than
/// its identifier (which stays its anchor and its citation).
pub fn testimony_number(tr: &Tr, id: &inferno_domain::Id) -> String {
    let digits = id.as_str().rsplit('-').next().filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let number = digits.map(|d| d.trim_start_matches('0')).filter(|d| !d.is_empty()).unwrap_or(id.as_str());
    tr.a("testimony-number", &[("number", number.into())])
}

/// A source's name as readers see it, and the language it is in: its
/// headline where the team recorded one, or else what it is and who
/// published it, in the page's language.
pub fn source_title(tr: &Tr, s: &Source) -> (String, String) {
    if s.title.is_empty() {
        let kind = tr.label(s.kind);
        (tr.a("source-untitled", &[("kind", kind.into()), ("publisher", (&s.publisher).into())]), tr.lang.code().into())
    } else {
        (s.title.clone(), s.language.clone())
    }
}

/// "Counted once with 3 other sources" when others relay the same reporting.
fn counted_with(ctx: &Ctx, s: &Source) -> Option<String> {
    let mates = ctx.catalog.group_mates(s).len();
    (mates > 0).then(|| ctx.tr.n("source-counted-with", mates))
}

pub fn source_anchor(s: &Source) -> String {
    format!("src-{}", s.id.as_str().trim_start_matches("src-"))
}

pub(super) fn grade(tr: &Tr, r: Reliability, c: Credibility) -> (String, String) {
    let explained =
        tr.a("grade-explained", &[("reliability", tr.label(r).into()), ("credibility", tr.label(c).into())]);
    (format!("{r}{c}"), explained)
}

pub(super) fn abuse_list(tr: &crate::shell::i18n::Tr, abuses: &[inferno_domain::AbuseType]) -> String {
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
    out
}

fn published_site<'a>(ctx: &Ctx<'a>, id: &str) -> Result<&'a Site, PageError> {
    ctx.catalog.site(id).ok_or_else(|| {
        // A withdrawn record says so, rather than vanishing.
        match ctx.catalog.corrections_for(Kind::Sites, id).first() {
            Some(c) if c.withdrawn => PageError::Gone(
                ctx.tr.a("withdrawn-text", &[("date", ctx.tr.date(&c.date).into()), ("note", (&c.note).into())]),
            ),
            _ => PageError::NotFound,
        }
    })
}

fn source_views(ctx: &Ctx, id: &str, sources: &[&Source]) -> Vec<SourceView> {
    let (tr, lang) = (&ctx.tr, ctx.lang);
    let findings = ctx.catalog.findings_for_site(id);
    let by_source: std::collections::HashMap<&str, _> = findings.iter().map(|f| (f.source_id.as_str(), *f)).collect();
    sources
        .iter()
        .map(|s| {
            let finding = by_source.get(s.id.as_str()).copied();
            let (grade, grade_explained) = grade(tr, s.reliability, s.credibility);
            let (title, title_lang) = source_title(tr, s);
            SourceView {
                anchor: source_anchor(s),
                title,
                title_lang,
                url: s.url.clone(),
                publisher: s.publisher.clone(),
                date: s.published_on.map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown")),
                kind: tr.label(s.kind),
                grade,
                grade_explained,
                counted_with: counted_with(ctx, s),
                finding_note: finding.filter(|f| !f.note.is_empty()).map(|f| shown(&f.note, lang)),
                finding_period: finding
                    .filter(|f| f.period_from.is_some() || f.period_to.is_some())
                    .map(|f| tr.period(f.period_from, f.period_to))
                    .unwrap_or_default(),
                finding_abuses: finding.map(|f| abuse_list(tr, &f.abuse_types)).unwrap_or_default(),
                source_note: (!s.notes.is_empty()).then(|| shown(&s.notes, lang)),
                page: super::href(lang, &super::Route::Source(s.id.to_string())),
            }
        })
        .collect()
}

fn testimony_views(
    ctx: &Ctx,
    id: &str,
    lists: &Lists,
    testimonies: &[&inferno_domain::Testimony],
) -> Vec<TestimonyView> {
    let tr = &ctx.tr;
    testimonies
        .iter()
        .map(|t| TestimonyView {
            anchor: t.id.to_string(),
            number: testimony_number(tr, &t.id),
            role: tr.label(t.witness_role),
            summary: shown(&t.summary, ctx.lang),
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
                .map(|s| SourceRef { href: lists.source_href(s), label: s.publisher.clone() }),
            consent: tr.label(t.consent),
        })
        .collect()
}

/// A page of a site's sources or testimonies (`/{lang}/sites/{id}/sources`).
pub fn render_list(ctx: &Ctx, id: &str, list: SiteList, page: usize) -> Result<String, PageError> {
    let site = published_site(ctx, id)?;
    let sources = ctx.catalog.site_sources(id);
    let testimonies = ctx.catalog.testimonies_at(id);
    let total = if list == SiteList::Sources { sources.len() } else { testimonies.len() };
    // A list that fits on the site's page has no pages of its own.
    if total <= PAGE_SIZE || page > page_count(total, PAGE_SIZE) {
        return Err(PageError::NotFound);
    }
    let lists = Lists {
        lang: ctx.lang,
        site: id,
        source_index: sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect(),
        on: Some((list, page)),
    };
    let tr = &ctx.tr;
    let name = site.name.get(ctx.lang).text.to_owned();
    let (heading, sources, testimonies) = match list {
        SiteList::Sources => (
            tr.a("site-sources-title", &[("name", (&name).into())]),
            source_views(ctx, id, slice(&sources, page, PAGE_SIZE)),
            Vec::new(),
        ),
        SiteList::Testimonies => (
            tr.a("site-testimonies-title", &[("name", (&name).into())]),
            Vec::new(),
            testimony_views(ctx, id, &lists, slice(&testimonies, page, PAGE_SIZE)),
        ),
    };
    let pagination = Pagination::new(tr, page, total, PAGE_SIZE, |n| lists.list_href(list, n));
    let c = ctx.chrome("sites", heading.clone(), heading.clone());
    html(&SiteListPage {
        c,
        site_href: format!("/{}/sites/{id}", ctx.lang.code()),
        name,
        heading,
        showing_sources: list == SiteList::Sources,
        sources,
        testimonies,
        pagination,
    })
}

pub fn render(ctx: &Ctx, id: &str) -> Result<String, PageError> {
    let site = published_site(ctx, id)?;
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
    if !site.aliases.is_empty() {
        other_names.push(Fact { term: tr.t("name-aliases"), value: site.aliases.join("; "), value_lang: None });
    }

    let sections = site
        .sections
        .iter()
        .filter(|s| !s.body.is_empty())
        .map(|s| Section {
            anchor: format!("profile-{}", s.kind.code()),
            heading: tr.label(s.kind),
            body: shown_markdown(&s.body, lang),
        })
        .collect();

    let all_sources = ctx.catalog.site_sources(id);
    let all_testimonies = ctx.catalog.testimonies_at(id);
    let lists = Lists {
        lang,
        site: id,
        source_index: all_sources.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect(),
        on: None,
    };
    let all_link = |list: SiteList, total: usize, key: &str| {
        (total > PAGE_SIZE).then(|| (lists.list_href(list, 1), tr.a(key, &[("count", total.into())])))
    };
    let evidence: Vec<EvidenceRow> = ctx
        .catalog
        .evidence(id)
        .into_iter()
        .map(|e| EvidenceRow {
            abuse: tr.label(e.abuse),
            counts: tr.a("evidence-counts", &[("count", e.sources.len().into()), ("strong", e.corroborating.into())]),
            sources: e
                .sources
                .iter()
                .take(EVIDENCE_REFS)
                .map(|s| {
                    let (grade, grade_explained) = grade(tr, s.reliability, s.credibility);
                    GradedRef { href: lists.source_href(s), label: s.publisher.clone(), grade, grade_explained }
                })
                .collect(),
            more: (e.sources.len() > EVIDENCE_REFS).then(|| {
                let more = e.sources.len() - EVIDENCE_REFS;
                (lists.list_href(SiteList::Sources, 1), tr.a("evidence-more", &[("count", more.into())]))
            }),
        })
        .collect();

    let sources = source_views(ctx, id, slice(&all_sources, 1, PAGE_SIZE));
    let testimonies = testimony_views(ctx, id, &lists, slice(&all_testimonies, 1, PAGE_SIZE));
    let all_sources = all_link(SiteList::Sources, all_sources.len(), "sources-all");
    let all_testimonies = all_link(SiteList::Testimonies, all_testimonies.len(), "testimonies-all");

    let (incoming, outgoing) = inferno_domain::network::routes_at(ctx.catalog, id);
    let came_from = incoming.iter().take(ROUTES_SHOWN).map(|r| route_view(ctx, r, r.from, id, true)).collect();
    let moved_to = outgoing.iter().take(ROUTES_SHOWN).map(|r| route_view(ctx, r, r.to, id, true)).collect();

    let news = super::home::news_links(ctx, &ctx.catalog.news_about(id));
    let updated = ctx.catalog.last_updated(id).map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown"));
    let url = format!("{}/{}/sites/{}", ctx.app.config.public_url, lang.code(), site.id);
    let citation = super::citation::lines(
        tr,
        &super::citation::Reference {
            name: name.text,
            id: Some(site.id.as_str()),
            url: &url,
            published: None,
            updated: ctx.catalog.last_updated(id),
        },
        inferno_domain::PartialDate::today(),
    );
    let no_evidence = evidence.is_empty();
    let mut c = ctx.chrome(
        "sites",
        name.text.to_owned(),
        tr.a("site-description", &[("name", name.text.into()), ("place", super::sites::place(ctx, site).into())]),
    );
    let mut names: Vec<&str> = [site.name.raw(Lang::Uk), site.name.raw(Lang::En), site.name_ru.as_str()]
        .into_iter()
        .chain(site.aliases.iter().map(String::as_str))
        .filter(|n| !n.is_empty() && *n != name.text)
        .collect();
    names.dedup();
    c.json_twin = Some(format!("/api/v1/sites/{}", site.id));
    c.citation = Some(super::citation::citation(super::citation::Cited {
        title: name.text,
        url: &url,
        lang,
        published: None,
        updated: ctx.catalog.last_updated(id),
        identifier: site.id.as_str(),
        about: serde_json::json!({
            "@type": "WebPage",
            "name": name.text,
            "about": {
                "@type": "Place",
                "name": name.text,
                "alternateName": names,
                "geo": { "@type": "GeoCoordinates", "latitude": site.lat, "longitude": site.lon },
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": site.settlement.get(lang).text,
                    "addressRegion": site.region.get(lang).text,
                    "addressCountry": site.country.code(),
                },
            },
        }),
    }));
    let [submit, ..] = inferno_domain::id::INTAKE_SEGMENTS;
    let send_href = format!("/{}/{submit}?site={id}", ctx.lang.code());
    html(&SitePage {
        send_href,
        place: super::sites::place(ctx, site),
        c,
        name: name.text.to_owned(),
        other_names,
        facts: facts(ctx, site),
        map: map::around(site, tr),
        sections,
        evidence,
        no_evidence,
        testimonies,
        came_from,
        moved_to,
        sources,
        all_sources,
        all_testimonies,
        news,
        citation,
        updated,
        corrections: ctx
            .catalog
            .corrections_for(Kind::Sites, id)
            .into_iter()
            .map(|c| (c.date.to_string(), tr.date(&c.date), c.note.clone()))
            .collect(),
    })
}
