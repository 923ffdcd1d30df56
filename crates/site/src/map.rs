//! The map, drawn by the server as SVG (DESIGN.md §4).
//!
//! The base map (country shapes, generated once by `tools/basemap` from
//! Natural Earth data in which Ukraine has its internationally recognised
//! borders) is a cached static image; each page draws only its markers on top,
//! as links, so the map works without JavaScript and stays light.

use crate::shell::assets;
use crate::shell::i18n::Tr;
use inferno_domain::{GridCell, Site};
use serde::Deserialize;
use std::sync::LazyLock;

/// The projection `tools/basemap/build_basemap.py` drew the base map with.
#[derive(Debug, Deserialize)]
struct Projection {
    lon0: f64,
    lat_top: f64,
    lat_ref: f64,
    scale: f64,
    width: f64,
    height: f64,
}

static PROJECTION: LazyLock<Projection> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../assets/map/projection.json")).expect("projection.json is valid")
});

/// Map coordinates of a point, or `None` when it lies outside the base map.
pub fn project(lat: f64, lon: f64) -> Option<(f64, f64)> {
    let p = &*PROJECTION;
    let x = (lon - p.lon0) * p.lat_ref.to_radians().cos() * p.scale;
    let y = (p.lat_top - lat) * p.scale;
    ((0.0..=p.width).contains(&x) && (0.0..=p.height).contains(&y)).then_some((x, y))
}

/// A site drawn on the map: a link to its page.
#[derive(Debug)]
pub struct Marker {
    pub x: String,
    pub y: String,
    /// The top corner of the diamond drawn for sites in occupied Ukraine.
    pub top: String,
    pub href: String,
    pub label: String,
    pub occupied: bool,
    /// For a square of the grid standing for several sites: how many.
    pub count: Option<usize>,
}

#[derive(Debug)]
pub struct Label {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// A route between two sites, drawn as a curve from one to the other.
#[derive(Debug)]
pub struct RouteLine {
    pub d: String,
    pub width: String,
    pub label: String,
}

/// Everything `templates/map.html` needs.
#[derive(Debug)]
pub struct MapView {
    pub view_box: String,
    pub image_url: String,
    pub width: String,
    pub height: String,
    pub title: String,
    pub markers: Vec<Marker>,
    pub labels: Vec<Label>,
    /// Transfer routes, under the markers (the network page's map).
    pub routes: Vec<RouteLine>,
    /// Larger maps get pan and zoom from `map.js`.
    pub zoomable: bool,
    pub class: &'static str,
}

/// Sites that share a point (three SIZOs in Simferopol) are spread on a small
/// circle around it, so that each marker can be seen and clicked.
const SPREAD: f64 = 11.0;

fn place(sites: &[&Site]) -> Vec<(f64, f64, usize)> {
    let mut points: Vec<(f64, f64, usize)> = Vec::new();
    for (i, s) in sites.iter().enumerate() {
        if let Some((x, y)) = project(s.lat, s.lon) {
            points.push((x, y, i));
        }
    }
    let mut placed = points.clone();
    let mut done = vec![false; points.len()];
    for a in 0..points.len() {
        if done[a] {
            continue;
        }
        let group: Vec<usize> = (a..points.len())
            .filter(|&b| (points[a].0 - points[b].0).abs() < 1.0 && (points[a].1 - points[b].1).abs() < 1.0)
            .collect();
        if group.len() > 1 {
            for (k, &b) in group.iter().enumerate() {
                let angle = std::f64::consts::TAU * k as f64 / group.len() as f64 - std::f64::consts::FRAC_PI_2;
                placed[b].0 = points[a].0 + SPREAD * angle.cos();
                placed[b].1 = points[a].1 + SPREAD * angle.sin();
            }
        }
        for b in group {
            done[b] = true;
        }
    }
    placed
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

fn marker(site: &Site, x: f64, y: f64, tr: &Tr) -> Marker {
    let lang = tr.lang;
    let mut label = format!("{} — {}", site.name.get(lang).text, site.settlement.get(lang).text);
    if site.occupied {
        label.push_str(&format!(" ({})", tr.t("map-occupied-short")));
    }
    Marker {
        x: fmt(x),
        y: fmt(y),
        top: fmt(y - 8.0),
        href: format!("/{}/sites/{}", lang.code(), site.id),
        label,
        occupied: site.occupied,
        count: None,
    }
}

/// Above this many sites the overview map draws one marker per square of the
/// grid that has any, linking to the list of its sites: a marker a site would
/// make the page grow without bound (3,000 sites made it 820 KB).
pub const MAX_MARKERS: usize = 200;

/// One marker per grid square, at the mean position of its sites.
fn cells(sites: &[&Site], tr: &Tr) -> Vec<Marker> {
    let mut by_cell: std::collections::BTreeMap<GridCell, Vec<(f64, f64, bool)>> = Default::default();
    for s in sites {
        if let Some((x, y)) = project(s.lat, s.lon) {
            by_cell.entry(GridCell::of(s.lat, s.lon)).or_default().push((x, y, s.occupied));
        }
    }
    let l = tr.lang.code();
    by_cell
        .into_iter()
        .map(|(cell, points)| {
            let n = points.len() as f64;
            let x = points.iter().map(|p| p.0).sum::<f64>() / n;
            let y = points.iter().map(|p| p.1).sum::<f64>() / n;
            let label = format!(
                "{} — {}",
                tr.n("count-sites", points.len()),
                crate::pages::cell_text(tr, cell).trim_end_matches('.')
            );
            Marker {
                x: fmt(x),
                y: fmt(y),
                top: fmt(y - 8.0),
                href: format!("/{l}/sites?cell={cell}"),
                label,
                occupied: points.iter().all(|p| p.2),
                count: Some(points.len()),
            }
        })
        .collect()
}

fn country_labels(tr: &Tr) -> Vec<Label> {
    [(31.0, 49.3, "map-label-ua"), (43.6, 56.7, "map-label-ru"), (27.4, 53.4, "map-label-by")]
        .into_iter()
        .filter_map(|(lon, lat, key)| {
            let (x, y) = project(lat, lon)?;
            Some(Label { x: fmt(x), y: fmt(y), text: tr.t(key) })
        })
        .collect()
}

/// The overview map with every site.
pub fn overview(sites: &[&Site], tr: &Tr) -> MapView {
    let p = &*PROJECTION;
    let markers = if sites.len() > MAX_MARKERS {
        cells(sites, tr)
    } else {
        place(sites).into_iter().map(|(x, y, i)| marker(sites[i], x, y, tr)).collect()
    };
    MapView {
        view_box: format!("0 0 {} {}", fmt(p.width), fmt(p.height)),
        image_url: assets::url("basemap.svg"),
        width: fmt(p.width),
        height: fmt(p.height),
        title: tr.t("map-title"),
        markers,
        labels: country_labels(tr),
        routes: Vec::new(),
        zoomable: true,
        class: "map",
    }
}

/// Routes drawn on the network map: the heaviest, so the map stays light
/// whatever the number of testimonies.
pub const MAX_ROUTES: usize = 150;

/// The overview map with the transfer routes between sites: a curve for each
/// route, thicker for more moves, bending to its right so that the two
/// directions between a pair of sites stay apart; markers for the sites at
/// either end.
pub fn network(routes: &[inferno_domain::network::Route], tr: &Tr) -> MapView {
    let mut ends: Vec<&Site> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let drawn = &routes[..routes.len().min(MAX_ROUTES)];
    for r in drawn {
        for s in [r.from, r.to] {
            if seen.insert(&s.id) {
                ends.push(s);
            }
        }
    }
    let mut map = overview(&ends, tr);
    map.title = tr.t("network-map-title");
    let lang = tr.lang;
    map.routes = drawn
        .iter()
        .filter_map(|r| {
            let (x1, y1) = project(r.from.lat, r.from.lon)?;
            let (x2, y2) = project(r.to.lat, r.to.lon)?;
            let (dx, dy) = (x2 - x1, y2 - y1);
            // The control point: off the middle, to the right of the direction of travel.
            let (cx, cy) = ((x1 + x2) / 2.0 - dy * 0.2, (y1 + y2) / 2.0 + dx * 0.2);
            let n = r.moves.len();
            Some(RouteLine {
                d: format!("M{} {}Q{} {} {} {}", fmt(x1), fmt(y1), fmt(cx), fmt(cy), fmt(x2), fmt(y2)),
                width: fmt(1.5 + (n as f64).log2().max(0.0) * 1.5),
                label: format!(
                    "{} → {}: {}",
                    r.from.name.get(lang).text,
                    r.to.name.get(lang).text,
                    tr.n("count-moves", n)
                ),
            })
        })
        .collect();
    map
}

/// A small map centred on one site, for its page.
pub fn around(site: &Site, tr: &Tr) -> Option<MapView> {
    let p = &*PROJECTION;
    let (x, y) = project(site.lat, site.lon)?;
    let (w, h) = (340.0, 250.0);
    let left = (x - w / 2.0).clamp(0.0, p.width - w);
    let top = (y - h / 2.0).clamp(0.0, p.height - h);
    Some(MapView {
        view_box: format!("{} {} {} {}", fmt(left), fmt(top), fmt(w), fmt(h)),
        image_url: assets::url("basemap.svg"),
        width: fmt(p.width),
        height: fmt(p.height),
        title: tr.a("map-site-title", &[("name", site.name.get(tr.lang).text.into())]),
        markers: vec![marker(site, x, y, tr)],
        labels: Vec::new(),
        routes: Vec::new(),
        zoomable: false,
        class: "map map-small",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_like_the_base_map() {
        // Values printed by tools/basemap/build_basemap.py for its checks.
        let (x, y) = project(44.95, 34.10).unwrap();
        assert!((x - 485.2).abs() < 0.1 && (y - 723.1).abs() < 0.1, "Simferopol at {x},{y}");
        let (x, y) = project(55.76, 37.62).unwrap();
        assert!((x - 615.6).abs() < 0.1 && (y - 100.3).abs() < 0.1, "Moscow at {x},{y}");
        assert!(project(60.0, 30.0).is_none());
        assert!(project(50.0, 10.0).is_none());
    }
}
