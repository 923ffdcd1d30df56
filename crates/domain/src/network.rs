//! The network of detention that the testimonies draw: prisoners moved from
//! one site to another, counted by route.
//!
//! A move is two consecutive stays of a published testimony at two different
//! published sites. A route is every move from one site to another; its
//! weight is the number of moves, and each move names its testimony, so that
//! every line of the network leads back to the accounts it comes from.

use crate::{Catalog, Id, Month, Site, Stay, Testimony};
use std::collections::HashMap;

/// One move of one prisoner: two consecutive stays of a published
/// testimony at two different published sites.
#[derive(Debug, Clone, Copy)]
pub struct Move<'a> {
    pub testimony: &'a Testimony,
    /// 1 for the testimony's first pair of stays, 2 for the next, and so on.
    pub sequence: usize,
    pub from: &'a Stay,
    pub to: &'a Stay,
    pub from_site: &'a Site,
    pub to_site: &'a Site,
}

impl Move<'_> {
    /// The month of the move, where the stays say (the end of the first, or
    /// else the start of the second).
    pub fn month(&self) -> Option<Month> {
        self.from.to.or(self.to.from)
    }
}

/// The moves the testimonies record, in their order. A stay at a site that
/// is not (or no longer) published, and two stays at one site, make no move.
pub fn moves<'a>(catalog: &'a Catalog, testimonies: impl Iterator<Item = &'a Testimony>) -> Vec<Move<'a>> {
    let mut out = Vec::new();
    for t in testimonies {
        for (i, pair) in t.stays.windows(2).enumerate() {
            let (from, to) = (&pair[0], &pair[1]);
            if from.site_id == to.site_id {
                continue;
            }
            let (Some(from_site), Some(to_site)) =
                (catalog.site(from.site_id.as_str()), catalog.site(to.site_id.as_str()))
            else {
                continue;
            };
            out.push(Move { testimony: t, sequence: i + 1, from, to, from_site, to_site });
        }
    }
    out
}

/// Every recorded move from one site to another.
#[derive(Debug, Clone)]
pub struct Route<'a> {
    pub from: &'a Site,
    pub to: &'a Site,
    pub moves: Vec<Move<'a>>,
}

impl Route<'_> {
    /// The earliest and latest known months of the route's moves.
    pub fn months(&self) -> (Option<Month>, Option<Month>) {
        let known = self.moves.iter().filter_map(Move::month);
        (known.clone().min(), known.max())
    }
}

/// How many moves lead into and out of a site.
#[derive(Debug, Clone, Copy)]
pub struct SiteTransfers<'a> {
    pub site: &'a Site,
    pub incoming: usize,
    pub outgoing: usize,
}

impl SiteTransfers<'_> {
    pub fn total(&self) -> usize {
        self.incoming + self.outgoing
    }
}

/// The routes of the whole catalog, heaviest first (then by the names of
/// their ends, so the order is stable).
pub fn routes(catalog: &Catalog) -> Vec<Route<'_>> {
    collect(catalog, catalog.testimonies().iter().map(|t| &**t))
}

/// The routes into and out of one site, heaviest first.
pub fn routes_at<'a>(catalog: &'a Catalog, site_id: &str) -> (Vec<Route<'a>>, Vec<Route<'a>>) {
    let (incoming, outgoing) = collect(catalog, catalog.testimonies_at(site_id).into_iter())
        .into_iter()
        .filter(|r| r.from.id.as_str() == site_id || r.to.id.as_str() == site_id)
        .partition(|r| r.to.id.as_str() == site_id);
    (incoming, outgoing)
}

/// The sites with any transfer, most transfers first.
pub fn busiest<'a>(routes: &[Route<'a>]) -> Vec<SiteTransfers<'a>> {
    let mut by_site: HashMap<&Id, SiteTransfers<'a>> = HashMap::new();
    for r in routes {
        let n = r.moves.len();
        by_site.entry(&r.from.id).or_insert(SiteTransfers { site: r.from, incoming: 0, outgoing: 0 }).outgoing += n;
        by_site.entry(&r.to.id).or_insert(SiteTransfers { site: r.to, incoming: 0, outgoing: 0 }).incoming += n;
    }
    let mut out: Vec<SiteTransfers> = by_site.into_values().collect();
    out.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| a.site.id.cmp(&b.site.id)));
    out
}

fn collect<'a>(catalog: &'a Catalog, testimonies: impl Iterator<Item = &'a Testimony>) -> Vec<Route<'a>> {
    let mut by_pair: HashMap<(&Id, &Id), Route<'a>> = HashMap::new();
    for m in moves(catalog, testimonies) {
        let (from, to) = (m.from_site, m.to_site);
        by_pair.entry((&from.id, &to.id)).or_insert_with(|| Route { from, to, moves: Vec::new() }).moves.push(m);
    }
    let mut routes: Vec<Route> = by_pair.into_values().collect();
    routes.sort_by(|a, b| {
        b.moves.len().cmp(&a.moves.len()).then_with(|| a.from.id.cmp(&b.from.id)).then_with(|| a.to.id.cmp(&b.to.id))
    });
    routes
}
