//! The sites index: filters, sorting and pages, all in the URL so that a view
//! can be shared.

use super::{Chrome, Ctx, PageError, html};
use crate::shell::i18n::Tr;
use crate::shell::pagination::{PAGE_SIZE, Pagination};
use askama::Template;
use inferno_domain::{AbuseType, Country, GridCell, SiteQuery, SiteSort, SiteType};

/// Reads the filters from the query string. Empty values (a form sends every
/// field) and unknown parameters are ignored; a value we cannot understand is
/// a 400 that names the parameter and the accepted values.
/// A query parameter whose value is not one the site accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParam {
    pub param: &'static str,
    pub value: String,
    /// What would be accepted, for the message.
    pub accepted: String,
}

/// One filter parameter of the sites index (and of `/api/v1/sites`) read
/// into the query; `Ok(false)` for a parameter that is not a filter. The
/// HTML index and the API read filters here, so they accept the same values.
pub fn read_filter(q: &mut SiteQuery, key: &str, v: &str) -> Result<bool, BadParam> {
    let bad = |param: &'static str, accepted: String| BadParam { param, value: v.to_owned(), accepted };
    match key {
        "type" => {
            q.site_type =
                Some(SiteType::parse(v).map_err(|_| bad("type", codes(SiteType::ALL.iter().map(|t| t.code()))))?)
        }
        "country" => q.country = Some(Country::parse(v).map_err(|_| bad("country", "UA, RU, BY…".into()))?),
        "occupied" => {
            q.occupied = Some(match v {
                "yes" => true,
                "no" => false,
                _ => return Err(bad("occupied", "yes, no".into())),
            })
        }
        "abuse" => {
            q.abuse =
                Some(AbuseType::parse(v).map_err(|_| bad("abuse", codes(AbuseType::ALL.iter().map(|a| a.code()))))?)
        }
        "cell" => q.cell = Some(GridCell::parse(v).ok_or_else(|| bad("cell", "44,34".into()))?),
        _ => return Ok(false),
    }
    Ok(true)
}

pub fn parse_query(query: Option<&str>, tr: &Tr) -> Result<SiteQuery, String> {
    let mut q = SiteQuery { page: 1, ..Default::default() };
    let message = |b: BadParam| {
        tr.a(
            "error-bad-param",
            &[("param", b.param.into()), ("value", (&b.value).into()), ("accepted", (&b.accepted).into())],
        )
    };
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let bad = |param: &'static str, accepted: &str| {
            message(BadParam { param, value: v.to_owned(), accepted: accepted.to_owned() })
        };
        match k.as_ref() {
            "sort" => {
                q.sort = match v {
                    "name" => SiteSort::Name,
                    "sources" => SiteSort::Sources,
                    _ => return Err(bad("sort", "name, sources")),
                }
            }
            "page" => {
                q.page = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&p| (1..=100_000).contains(&p))
                    .ok_or_else(|| bad("page", "1, 2, 3…"))?
            }
            key => {
                read_filter(&mut q, key, v).map_err(message)?;
            }
        }
    }
    Ok(q)
}

/// "Sites in the square 44–45° N, 34–35° E of the map."
pub fn cell_text(tr: &Tr, c: GridCell) -> String {
    let (lat, lon) = (i32::from(c.lat), i32::from(c.lon));
    tr.a(
        "sites-in-cell",
        &[("south", lat.into()), ("north", (lat + 1).into()), ("west", lon.into()), ("east", (lon + 1).into())],
    )
}

fn codes<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

/// The query string of this view's filters and order, parameters in a fixed
/// order, defaults left out (the page is in the path, see `pages::href`).
pub fn canonical_query(q: &SiteQuery) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    if let Some(t) = q.site_type {
        s.append_pair("type", t.code());
    }
    if let Some(c) = q.country {
        s.append_pair("country", c.code());
    }
    if let Some(o) = q.occupied {
        s.append_pair("occupied", if o { "yes" } else { "no" });
    }
    if let Some(a) = q.abuse {
        s.append_pair("abuse", a.code());
    }
    if let Some(c) = q.cell {
        s.append_pair("cell", &c.to_string());
    }
    if q.sort == SiteSort::Sources {
        s.append_pair("sort", "sources");
    }
    let s = s.finish();
    if s.is_empty() { s } else { format!("?{s}") }
}

#[derive(Debug)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Debug)]
pub struct Filter {
    pub name: &'static str,
    pub label: String,
    pub any: String,
    pub options: Vec<Opt>,
}

#[derive(Debug)]
pub struct SiteItem {
    pub href: String,
    pub name: String,
    pub name_lang: &'static str,
    pub site_type: String,
    pub place: String,
    pub occupied: bool,
    pub sources: String,
    pub abuses: String,
}

#[derive(Template)]
#[template(path = "sites.html")]
struct SitesPage {
    c: Chrome,
    filters: Vec<Filter>,
    sort_options: Vec<Opt>,
    count: String,
    items: Vec<SiteItem>,
    pagination: Pagination,
    filtered: bool,
    /// The map square the list is limited to: (value, what it says).
    cell: Option<(String, String)>,
    /// When nothing matches: (the list without one filter, "Remove …").
    removals: Vec<(String, String)>,
}

pub fn place(ctx: &Ctx, s: &inferno_domain::Site) -> String {
    let tr = &ctx.tr;
    let mut parts = vec![s.settlement.get(ctx.lang).text.to_owned(), s.region.get(ctx.lang).text.to_owned()];
    parts.dedup();
    parts.push(if s.occupied { tr.t("occupied-ukraine") } else { tr.country(s.country) });
    parts.join(", ")
}

/// Whether every filter names a value the form could offer. A type, an
/// abuse or yes/no is one of a short vocabulary, offered even where no site
/// has it: it lists nothing and says which filter to remove. A country code
/// nobody is held in, or a map square without a site, is not offered and
/// would only ever list nothing; it is a 404, never rendered into the
/// cache, so that made-up filters cannot fill it.
fn filters_exist(ctx: &Ctx, q: &SiteQuery) -> bool {
    let all = ctx.catalog.facets(&SiteQuery::default());
    q.country.is_none_or(|c| all.countries.iter().any(|(x, n)| *x == c && *n > 0))
        && q.cell.is_none_or(|c| ctx.catalog.sites().iter().any(|s| GridCell::of(s.lat, s.lon) == c))
}

/// For a list that shows nothing: each filter in force, as a link to the
/// list without it, worded "Remove “Type: Military unit”".
fn removals(ctx: &Ctx, q: &SiteQuery) -> Vec<(String, String)> {
    let tr = &ctx.tr;
    let base = SiteQuery { page: 1, ..q.clone() };
    let mut out = Vec::new();
    let mut add = |label: String, value: String, without: SiteQuery| {
        let href = super::href(ctx.lang, &super::Route::Sites(without));
        out.push((href, tr.a("filter-remove", &[("filter", label.into()), ("value", value.into())])));
    };
    if let Some(t) = q.site_type {
        add(tr.t("filter-type"), tr.label(t), SiteQuery { site_type: None, ..base.clone() });
    }
    if let Some(c) = q.country {
        add(tr.t("filter-country"), tr.country(c), SiteQuery { country: None, ..base.clone() });
    }
    if let Some(o) = q.occupied {
        let words = tr.t(if o { "filter-occupied-yes" } else { "filter-occupied-no" });
        add(tr.t("filter-occupied"), words, SiteQuery { occupied: None, ..base.clone() });
    }
    if let Some(a) = q.abuse {
        add(tr.t("filter-abuse"), tr.label(a), SiteQuery { abuse: None, ..base.clone() });
    }
    if let Some(c) = q.cell {
        add(tr.t("filter-cell"), cell_text(tr, c), SiteQuery { cell: None, ..base.clone() });
    }
    out
}

pub fn render(ctx: &Ctx, q: &SiteQuery) -> Result<String, PageError> {
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    if !filters_exist(ctx, q) {
        return Err(PageError::NotFound);
    }
    let results = ctx.catalog.query_sites(q, ctx.lang);
    if q.page > results.pages.max(1) {
        return Err(PageError::NotFound);
    }
    let facets = ctx.catalog.facets(q);
    let opt = |value: String, label: String, n: usize, selected: bool| Opt {
        label: format!("{label} ({n})"),
        value,
        selected,
    };
    let filters = vec![
        Filter {
            name: "type",
            label: tr.t("filter-type"),
            any: tr.t("filter-any"),
            options: facets
                .types
                .iter()
                .map(|(t, n)| opt(t.code().into(), tr.label(*t), *n, q.site_type == Some(*t)))
                .collect(),
        },
        Filter {
            name: "country",
            label: tr.t("filter-country"),
            any: tr.t("filter-any"),
            options: facets
                .countries
                .iter()
                .map(|(c, n)| opt(c.code().into(), tr.country(*c), *n, q.country == Some(*c)))
                .collect(),
        },
        Filter {
            name: "occupied",
            label: tr.t("filter-occupied"),
            any: tr.t("filter-any"),
            options: facets
                .occupied
                .iter()
                .map(|(o, n)| {
                    let (v, k) = if *o { ("yes", "filter-occupied-yes") } else { ("no", "filter-occupied-no") };
                    opt(v.into(), tr.t(k), *n, q.occupied == Some(*o))
                })
                .collect(),
        },
        Filter {
            name: "abuse",
            label: tr.t("filter-abuse"),
            any: tr.t("filter-any"),
            options: facets
                .abuses
                .iter()
                .map(|(a, n)| opt(a.code().into(), tr.label(*a), *n, q.abuse == Some(*a)))
                .collect(),
        },
    ];
    let sort_options = vec![
        Opt { value: "name".into(), label: tr.t("sort-name"), selected: q.sort == SiteSort::Name },
        Opt { value: "sources".into(), label: tr.t("sort-sources"), selected: q.sort == SiteSort::Sources },
    ];
    let items = results
        .items
        .iter()
        .map(|s| {
            let name = s.name.get(ctx.lang);
            let (n, independent) = ctx.catalog.source_counts(s.id.as_str());
            let abuses = ctx.catalog.abuse_types_at(s.id.as_str());
            SiteItem {
                href: format!("/{l}/sites/{}", s.id),
                name: name.text.to_owned(),
                name_lang: name.lang.code(),
                site_type: tr.label(s.site_type),
                place: place(ctx, s),
                occupied: s.occupied,
                sources: tr.a("sources-count", &[("count", n.into()), ("independent", independent.into())]),
                abuses: abuses.iter().map(|a| tr.label(*a)).collect::<Vec<_>>().join(", "),
            }
        })
        .collect();
    let link = |page: usize| super::href(ctx.lang, &super::Route::Sites(SiteQuery { page, ..q.clone() }));
    let pagination = Pagination::new(tr, results.page, results.total, PAGE_SIZE, link);
    let title = tr.t("sites-title");
    let c = ctx.chrome("sites", title.clone(), tr.t("sites-description"));
    html(&SitesPage {
        c,
        filters,
        sort_options,
        count: tr.n("count-sites-found", results.total),
        items,
        pagination,
        filtered: *q != SiteQuery { page: q.page, sort: q.sort, ..Default::default() },
        cell: q.cell.map(|c| (c.to_string(), cell_text(tr, c))),
        removals: if results.total == 0 { removals(ctx, q) } else { Vec::new() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use inferno_domain::Lang;

    #[test]
    fn canonical_queries() {
        let tr = Tr::new(Lang::En);
        let q = parse_query(Some("page=1&abuse=beating&type=&country=RU&x=y&sort=name"), &tr).unwrap();
        assert_eq!(canonical_query(&q), "?country=RU&abuse=beating");
        assert_eq!(canonical_query(&parse_query(None, &tr).unwrap()), "");
        assert!(parse_query(Some("page=0"), &tr).is_err());
        assert!(parse_query(Some("page=abc"), &tr).is_err());
        let e = parse_query(Some("occupied=maybe"), &tr).unwrap_err();
        assert!(e.contains("occupied") && e.contains("maybe") && e.contains("yes, no"), "{e}");
    }
}
