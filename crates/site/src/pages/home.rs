//! The home page: the map, the key figures, the latest news.

use super::{Chrome, Ctx, PageError, html};
use crate::map::{self, MapView};
use askama::Template;
use inferno_domain::Site;

#[derive(Debug)]
pub struct Figure {
    pub label: String,
    pub href: String,
}

#[derive(Debug)]
pub struct NewsLink {
    pub href: String,
    pub title: String,
    pub title_lang: &'static str,
    pub date: String,
    pub iso_date: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    figures: Vec<Figure>,
    map: MapView,
    news: Vec<NewsLink>,
}

pub fn news_links(ctx: &Ctx, items: &[&inferno_domain::NewsItem]) -> Vec<NewsLink> {
    items
        .iter()
        .map(|n| {
            let title = n.title.get(ctx.lang);
            NewsLink {
                href: format!("/{}/news/{}", ctx.lang.code(), n.id),
                title: title.text.to_owned(),
                title_lang: title.lang.code(),
                date: ctx.tr.date(&n.date),
                iso_date: n.date.to_string(),
            }
        })
        .collect()
}

/// Where "N elsewhere" leads: to the one other country's sites (Belarus,
/// say) when they are all in one, or else to every site.
fn elsewhere(ctx: &Ctx) -> String {
    use inferno_domain::Country;
    let l = ctx.lang.code();
    let mut countries: Vec<&str> = ctx
        .catalog
        .sites()
        .iter()
        .filter(|s| s.country != Country::RU && !(s.country == Country::UA && s.occupied))
        .map(|s| s.country.code())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    match countries.as_slice() {
        [one] if *one != Country::UA.code() => format!("/{l}/sites?country={one}"),
        _ => format!("/{l}/sites"),
    }
}

pub fn render(ctx: &Ctx) -> Result<String, PageError> {
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let f = ctx.catalog.figures();
    let figures = vec![
        Figure { label: tr.n("figure-sites", f.sites), href: format!("/{l}/sites") },
        Figure { label: tr.n("figure-in-russia", f.in_russia), href: format!("/{l}/sites?country=RU") },
        Figure { label: tr.n("figure-in-occupied", f.in_occupied_ukraine), href: format!("/{l}/sites?occupied=yes") },
        Figure { label: tr.n("figure-elsewhere", f.elsewhere), href: elsewhere(ctx) },
        Figure {
            label: tr
                .a("figure-sources", &[("count", f.sources.into()), ("independent", f.independent_sources.into())]),
            href: format!("/{l}/sources"),
        },
        Figure { label: tr.n("figure-testimonies", f.testimonies), href: format!("/{l}/testimonies") },
    ];
    let sites: Vec<&Site> = ctx.catalog.sites().iter().map(|s| &**s).collect();
    let news: Vec<_> = ctx.catalog.news().iter().take(4).map(|n| &**n).collect();
    let mut c = ctx.chrome("", tr.t("home-title"), tr.t("home-description"));
    c.script = Some(crate::shell::assets::url("map.js"));
    html(&HomePage { c, figures, map: map::overview(&sites, tr), news: news_links(ctx, &news) })
}
