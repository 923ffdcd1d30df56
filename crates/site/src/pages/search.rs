//! The search page: a query in any spelling, facets as links (so it works
//! without JavaScript), results with the passage that matched.
//!
//! Whatever the query string holds, the answer is a page: a value a facet
//! does not have is dropped, the query is read as words.

use super::{Chrome, Ctx, PageError, html};
use crate::shell::escape::escape;
use crate::shell::pagination::{PAGE_SIZE, Pagination};
use askama::Template;
use inferno_domain::{AbuseType, Country, SiteType};
use inferno_search::{Kind, SearchQuery};

/// What the search page was asked, from its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchParams {
    pub q: String,
    pub kind: Option<Kind>,
    pub site_type: Option<SiteType>,
    pub country: Option<Country>,
    pub abuse: Option<AbuseType>,
    pub page: usize,
}

/// Reads the parameters; nothing a visitor sends is refused.
pub fn parse(query: Option<&str>) -> SearchParams {
    let mut p = SearchParams { page: 1, ..Default::default() };
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let v = v.trim();
        match k.as_ref() {
            "q" => p.q = v.chars().filter(|c| !c.is_control()).take(inferno_search::MAX_QUERY_CHARS).collect(),
            "kind" => p.kind = Kind::parse(v),
            "type" => p.site_type = SiteType::parse(v).ok(),
            "country" => p.country = Country::parse(v).ok(),
            "abuse" => p.abuse = AbuseType::parse(v).ok(),
            "page" => p.page = v.parse::<usize>().ok().filter(|n| (1..=500).contains(n)).unwrap_or(1),
            _ => {}
        }
    }
    p
}

/// The address of the parameters' results at `page`.
fn href(lang: &str, p: &SearchParams, page: usize) -> String {
    format!("/{lang}/search?{}", query_string(p, page))
}

/// The canonical query string of the parameters at `page`.
fn query_string(p: &SearchParams, page: usize) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    s.append_pair("q", &p.q);
    if let Some(k) = p.kind {
        s.append_pair("kind", k.code());
    }
    if let Some(t) = p.site_type {
        s.append_pair("type", t.code());
    }
    if let Some(c) = p.country {
        s.append_pair("country", c.code());
    }
    if let Some(a) = p.abuse {
        s.append_pair("abuse", a.code());
    }
    if page > 1 {
        s.append_pair("page", &page.to_string());
    }
    s.finish()
}

/// A query longer than this (in characters) is answered without facet
/// links, and its page's canonical address is the search page itself, so
/// that the page holds it a bounded number of times (the field, and the
/// links to the other pages of results).
pub const LONG_QUERY: usize = 100;

fn long(p: &SearchParams) -> bool {
    p.q.chars().count() > LONG_QUERY
}

/// The path after the language, for the page's canonical address.
pub fn rest(p: &SearchParams) -> String {
    if p.q.is_empty() || long(p) {
        return "/search".into();
    }
    format!("/search?{}", query_string(p, p.page))
}

#[derive(Debug)]
struct FacetLink {
    label: String,
    count: u64,
    href: String,
    current: bool,
}

#[derive(Debug)]
struct FacetGroup {
    heading: String,
    /// Clears this facet, when one of its values is chosen.
    any: Option<String>,
    links: Vec<FacetLink>,
}

#[derive(Debug)]
struct HitView {
    kind: String,
    href: String,
    title: String,
    title_lang: &'static str,
    /// Escaped text with the matched words in `<mark>`.
    snippet: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    c: Chrome,
    q: String,
    summary: String,
    facets: Vec<FacetGroup>,
    hits: Vec<HitView>,
    pagination: Pagination,
    /// On a static mirror's search page: what its script needs.
    mirror: Option<MirrorSearch>,
}

/// The search page of a static mirror: the results are found and shown by a
/// script (`static/mirror-search.js`) from the mirror's index.
#[derive(Debug)]
struct MirrorSearch {
    hint: String,
    sites_href: String,
    sites_label: String,
    /// "Results: #", `#` standing for the number.
    count: String,
}

/// A snippet as HTML: the text escaped, the matched ranges marked.
fn marked(text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            continue;
        }
        out.push_str(&escape(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

fn hit_view(ctx: &Ctx, hit: &inferno_search::Hit) -> Option<HitView> {
    let (l, tr, c) = (ctx.lang.code(), &ctx.tr, ctx.catalog);
    let (href, title, title_lang) = match hit.kind {
        Kind::Site => {
            let s = c.site(&hit.id)?;
            let n = s.name.get(ctx.lang);
            (format!("/{l}/sites/{}", s.id), n.text.to_owned(), n.lang.code())
        }
        Kind::Source => {
            let s = c.source(&hit.id)?;
            let (title, _) = super::site::source_title(tr, s);
            (super::href(ctx.lang, &super::Route::Source(s.id.to_string())), title, "")
        }
        Kind::Testimony => {
            let t = c.testimony(&hit.id)?;
            let site = t.stays.first()?.site_id.as_str();
            let href = super::site::testimony_href(ctx, site, &t.id, false);
            let number = super::site::testimony_number(tr, &t.id);
            (href, tr.a("search-testimony", &[("number", number.into())]), l)
        }
        Kind::News => {
            let n = c.news_item(&hit.id)?;
            let t = n.title.get(ctx.lang);
            (format!("/{l}/news/{}", n.id), t.text.to_owned(), t.lang.code())
        }
    };
    Some(HitView { kind: tr.label(hit.kind), href, title, title_lang, snippet: marked(&hit.snippet, &hit.highlighted) })
}

pub fn render(ctx: &Ctx, p: &SearchParams) -> Result<String, PageError> {
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let index = ctx.app.search_index();
    let mut c = ctx.chrome("", tr.t("search-title"), tr.t("search-description"));
    c.query = p.q.chars().take(inferno_search::MAX_QUERY_CHARS).collect();
    let empty = Pagination::new(tr, 1, 0, PAGE_SIZE, |_| String::new());
    if p.q.trim().is_empty() {
        return html(&SearchPage {
            c,
            q: String::new(),
            summary: String::new(),
            facets: Vec::new(),
            hits: Vec::new(),
            pagination: empty,
            mirror: None,
        });
    }
    let Some(index) = index else { return Err(PageError::Busy) };
    let query = SearchQuery {
        text: p.q.clone(),
        kind: p.kind,
        site_type: p.site_type,
        country: p.country,
        abuse: p.abuse,
        offset: (p.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let results = index.search(&query, ctx.lang).map_err(|e| PageError::Internal(e.to_string()))?;
    let hits = results.hits.iter().filter_map(|h| hit_view(ctx, h)).collect();
    let facet = |name: &'static str,
                 heading: &str,
                 label: &dyn Fn(&str) -> Option<String>,
                 set: &dyn Fn(&mut SearchParams, &str),
                 current: Option<&str>| {
        let counts = results.facets.get(name).cloned().unwrap_or_default();
        let mut links: Vec<FacetLink> = counts
            .iter()
            .filter_map(|(code, &count)| {
                let mut q = p.clone();
                set(&mut q, code);
                Some(FacetLink {
                    label: label(code)?,
                    count,
                    href: href(l, &q, 1),
                    current: current == Some(code.as_str()),
                })
            })
            .collect();
        links.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let any = current.map(|_| {
            let mut q = p.clone();
            set(&mut q, "");
            href(l, &q, 1)
        });
        FacetGroup { heading: tr.t(heading), any, links }
    };
    let facets = vec![
        facet(
            "kind",
            "search-facet-kind",
            &|c| Kind::parse(c).map(|k| tr.label(k)),
            &|q, c| q.kind = Kind::parse(c),
            p.kind.map(Kind::code),
        ),
        facet(
            "type",
            "search-facet-type",
            &|c| SiteType::parse(c).ok().map(|t| tr.label(t)),
            &|q, c| q.site_type = SiteType::parse(c).ok(),
            p.site_type.map(SiteType::code),
        ),
        facet(
            "country",
            "search-facet-country",
            &|c| Country::parse(c).ok().map(|k| tr.country(k)),
            &|q, c| q.country = Country::parse(c).ok(),
            p.country.as_ref().map(Country::code),
        ),
        facet(
            "abuse",
            "search-facet-abuse",
            &|c| AbuseType::parse(c).ok().map(|a| tr.label(a)),
            &|q, c| q.abuse = AbuseType::parse(c).ok(),
            p.abuse.map(AbuseType::code),
        ),
    ]
    .into_iter()
    // Every facet link carries the query: past [`LONG_QUERY`] characters the
    // page would repeat it dozens of times (review 3, N7: a 1,000-character
    // query made a 215 KB page), so such a query is not narrowed by links.
    .filter(|g| !g.links.is_empty() && !long(p))
    .collect();
    let total = results.total.min(500 * PAGE_SIZE);
    let pagination = Pagination::new(tr, p.page, total, PAGE_SIZE, |n| href(l, p, n));
    let summary = tr.n("search-found", results.total);
    html(&SearchPage { c, q: p.q.clone(), summary, facets, hits, pagination, mirror: None })
}

/// The search page of a static mirror, where the script finds and shows the
/// results (the list of sites is the way in without JavaScript).
pub fn render_mirror(ctx: &Ctx) -> Result<String, PageError> {
    let tr = &ctx.tr;
    let mut c = ctx.chrome("", tr.t("search-title"), tr.t("search-description"));
    c.script = Some(crate::shell::assets::url("mirror-search.js"));
    let mirror = MirrorSearch {
        hint: tr.t("mirror-search-hint"),
        sites_href: super::href(ctx.lang, &super::Route::Sites(inferno_domain::SiteQuery::default())),
        sites_label: tr.t("mirror-search-sites"),
        count: tr.a("mirror-search-count", &[("count", "#".into())]),
    };
    html(&SearchPage {
        c,
        q: String::new(),
        summary: String::new(),
        facets: Vec::new(),
        hits: Vec::new(),
        pagination: Pagination::new(tr, 1, 0, PAGE_SIZE, |_| String::new()),
        mirror: Some(mirror),
    })
}

/// The index a static mirror's search script reads, in one language: a
/// script that sets `self.infernoSearch` (a script, not JSON fetched, so
/// that it also loads from a folder opened in the browser). Each record is
/// `[kind, title, title language, address, opening, names, words]`; the
/// address is relative to the mirror's root, and ends in `/index.html` in a
/// mirror made to be browsed from a folder.
pub fn mirror_index(ctx: &Ctx, records: &[inferno_search::MirrorRecord], folder: bool) -> String {
    let docs: Vec<serde_json::Value> = records
        .iter()
        .filter_map(|r| {
            let hit =
                inferno_search::Hit { kind: r.kind, id: r.id.clone(), snippet: String::new(), highlighted: Vec::new() };
            let view = hit_view(ctx, &hit)?;
            let (path, anchor) = view.href.split_once('#').map_or((view.href.as_str(), ""), |(p, a)| (p, a));
            let mut address = path.trim_start_matches('/').to_owned();
            if folder {
                address.push_str("/index.html");
            }
            if !anchor.is_empty() {
                address = format!("{address}#{anchor}");
            }
            Some(serde_json::json!([
                view.kind,
                view.title,
                view.title_lang,
                address,
                r.opening(ctx.lang),
                r.names.join(" "),
                r.words.join(" "),
                // A site's own id, and the sites a record is about.
                if r.kind == inferno_search::Kind::Site { r.id.as_str() } else { "" },
                r.about.join(" "),
            ]))
        })
        .collect();
    let none = ctx.tr.t("search-none");
    let json = serde_json::json!({ "none": none, "stop": inferno_search::STOP_WORDS, "docs": docs });
    // `<` never appears raw, so the file can never be read as markup.
    format!("self.infernoSearch = {};\n", json.to_string().replace('<', "\\u003c"))
}
