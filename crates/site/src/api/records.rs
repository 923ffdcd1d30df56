//! Published records as the API gives them. Texts in both languages come as
//! `{"uk": …, "en": …}`; dates as the text the CSV files use (`2022-05`);
//! an unknown value as `null`.

use inferno_domain::network;
use inferno_domain::{Catalog, LocalText, Month, NewsItem, PartialDate, Site, Source, Testimony};
use serde_json::{Value, json};

fn text(t: &LocalText) -> Value {
    json!({ "uk": t.uk, "en": t.en })
}
fn month(m: Option<Month>) -> Value {
    m.map_or(Value::Null, |m| m.to_string().into())
}
fn date(d: Option<PartialDate>) -> Value {
    d.map_or(Value::Null, |d| d.to_string().into())
}
fn codes<T: std::fmt::Display>(items: &[T]) -> Value {
    items.iter().map(|i| Value::from(i.to_string())).collect()
}

/// A site as lists give it.
pub fn site(c: &Catalog, base: &str, s: &Site) -> Value {
    let (sources, independent) = c.source_counts(s.id.as_str());
    json!({
        "id": s.id.as_str(),
        "url": format!("{base}/en/sites/{}", s.id),
        "api_url": format!("{base}/api/v1/sites/{}", s.id),
        "name": text(&s.name),
        "name_ru": s.name_ru,
        "aliases": s.aliases,
        "site_type": s.site_type.code(),
        "settlement": text(&s.settlement),
        "region": text(&s.region),
        "country": s.country.code(),
        "occupied": s.occupied,
        "lat": s.lat,
        "lon": s.lon,
        "coord_precision": s.precision.code(),
        "operators": s.operators,
        "reported_from": month(s.reported_from),
        "reported_to": month(s.reported_to),
        "status": s.status.code(),
        "abuse_types": codes(&c.abuse_types_at(s.id.as_str())),
        "sources": sources,
        "independent_sources": independent,
        "testimonies": c.testimonies_at(s.id.as_str()).len(),
        "updated_on": date(c.last_updated(s.id.as_str())),
    })
}

fn route(r: &network::Route, other: &Site) -> Value {
    json!({
        "site_id": other.id.as_str(),
        "moves": r.moves.len(),
        "testimony_ids": r.moves.iter().map(|m| m.testimony.id.as_str()).collect::<Vec<_>>(),
    })
}

/// A site with what is said about it: the profile, each source's finding,
/// the evidence by abuse type, and the transfers in and out.
pub fn site_detail(c: &Catalog, base: &str, s: &Site) -> Value {
    let mut v = site(c, base, s);
    let id = s.id.as_str();
    let (incoming, outgoing) = network::routes_at(c, id);
    v["sections"] = s.sections.iter().map(|sec| json!({ "kind": sec.kind.code(), "body": text(&sec.body) })).collect();
    v["findings"] = c
        .findings_for_site(id)
        .iter()
        .map(|f| {
            json!({
                "source_id": f.source_id.as_str(),
                "abuse_types": codes(&f.abuse_types),
                "period_from": month(f.period_from),
                "period_to": month(f.period_to),
                "note": text(&f.note),
                "updated_on": date(f.updated_on),
            })
        })
        .collect();
    v["evidence"] = c
        .evidence(id)
        .iter()
        .map(|e| {
            json!({
                "abuse_type": e.abuse.code(),
                "sources": e.sources.len(),
                "independent_sources": e.independent,
                "corroborating_sources": e.corroborating,
            })
        })
        .collect();
    v["transfers"] = json!({
        "incoming": incoming.iter().map(|r| route(r, r.from)).collect::<Vec<_>>(),
        "outgoing": outgoing.iter().map(|r| route(r, r.to)).collect::<Vec<_>>(),
    });
    v
}

pub fn source(s: &Source) -> Value {
    json!({
        "id": s.id.as_str(),
        "kind": s.kind.code(),
        "title": s.title,
        "publisher": s.publisher,
        "published_on": date(s.published_on),
        "url": s.url,
        "language": s.language,
        "reliability": s.reliability.code(),
        "credibility": s.credibility.code(),
        "independence_group": s.independence_group,
        "notes": text(&s.notes),
        "archived_sha256": s.archived_sha256,
        "updated_on": date(s.updated_on),
    })
}

pub fn testimony(t: &Testimony) -> Value {
    json!({
        "id": t.id.as_str(),
        "source_id": t.source_id.as_ref().map(|s| s.as_str()),
        "witness_role": t.witness_role.code(),
        "summary": text(&t.summary),
        "abuse_types": codes(&t.abuse_types),
        "consent": t.consent.code(),
        "stays": t.stays.iter().map(|s| json!({ "site_id": s.site_id.as_str(), "from": month(s.from), "to": month(s.to) })).collect::<Vec<_>>(),
        "updated_on": date(t.updated_on),
    })
}

pub fn news(base: &str, n: &NewsItem) -> Value {
    json!({
        "id": n.id.as_str(),
        "url": format!("{base}/en/news/{}", n.id),
        "date": n.date.to_string(),
        "title": text(&n.title),
        "summary": text(&n.summary),
        "body": text(&n.body),
        "source_name": n.source_name,
        "source_url": n.source_url,
        "site_ids": n.site_ids.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        "updated_on": date(n.updated_on),
    })
}
