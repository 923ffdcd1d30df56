//! The network of transfers: the sites prisoners were moved between, the
//! main routes, and the map that draws them.

use super::site::{ROUTE_TESTIMONIES, SourceRef, testimony_href};
use super::{Chrome, Ctx, PageError, html};
use crate::map::{self, MapView};
use askama::Template;
use inferno_domain::network;

/// Routes and sites listed in the page's tables.
const ROUTES_LISTED: usize = 50;
const SITES_LISTED: usize = 20;

#[derive(Debug)]
struct RouteRow {
    from: (String, String),
    to: (String, String),
    moves: usize,
    when: String,
    testimonies: Vec<SourceRef>,
}

#[derive(Debug)]
struct SiteRow {
    href: String,
    name: String,
    incoming: usize,
    outgoing: usize,
}

#[derive(Template)]
#[template(path = "transfers.html")]
struct TransfersPage {
    c: Chrome,
    map: MapView,
    summary: String,
    routes: Vec<RouteRow>,
    sites: Vec<SiteRow>,
}

pub fn render(ctx: &Ctx) -> Result<String, PageError> {
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let routes = network::routes(ctx.catalog);
    let busiest = network::busiest(&routes);
    let link = |s: &inferno_domain::Site| (format!("/{l}/sites/{}", s.id), s.name.get(ctx.lang).text.to_owned());
    let rows = routes
        .iter()
        .take(ROUTES_LISTED)
        .map(|r| {
            let (first, last) = r.months();
            RouteRow {
                from: link(r.from),
                to: link(r.to),
                moves: r.moves.len(),
                when: if first.is_some() { tr.period(first, last) } else { String::new() },
                testimonies: r
                    .moves
                    .iter()
                    .take(ROUTE_TESTIMONIES)
                    .map(|m| SourceRef {
                        href: testimony_href(ctx, r.from.id.as_str(), &m.testimony.id, false),
                        label: super::site::testimony_number(&ctx.tr, &m.testimony.id),
                    })
                    .collect(),
            }
        })
        .collect();
    let sites = busiest
        .iter()
        .take(SITES_LISTED)
        .map(|s| {
            let (href, name) = link(s.site);
            SiteRow { href, name, incoming: s.incoming, outgoing: s.outgoing }
        })
        .collect();
    let moves: usize = routes.iter().map(|r| r.moves.len()).sum();
    let summary = tr.a(
        "network-summary",
        &[("moves", moves.into()), ("routes", routes.len().into()), ("sites", busiest.len().into())],
    );
    let c = ctx.chrome("sites", tr.t("network-title"), tr.t("network-description"));
    html(&TransfersPage { c, map: map::network(&routes, tr), summary, routes: rows, sites })
}
