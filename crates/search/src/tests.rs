//! The search index over the bundled sample: every spelling of a name, one
//! typo, inflected Ukrainian words, facets and snippets.

use super::*;
use inferno_domain::Kind as ImportKind;
use inferno_domain::catalog::CatalogParts;
use inferno_domain::import::{Batch, parse};
use std::sync::Arc;

fn sample() -> Catalog {
    let read = |kind: ImportKind, file: &str| {
        let path = format!("{}/../../data/{file}", env!("CARGO_MANIFEST_DIR"));
        parse(kind, &std::fs::read(path).unwrap()).unwrap()
    };
    let mut parts = CatalogParts::default();
    if let Batch::Sites(rows) = read(ImportKind::Sites, "facilities.csv") {
        parts.sites = rows.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::Sources(rows) = read(ImportKind::Sources, "sources.csv") {
        parts.sources = rows.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::Findings(rows) = read(ImportKind::Findings, "findings.csv") {
        parts.findings = rows.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::Testimonies(rows) = read(ImportKind::Testimonies, "testimonies.csv") {
        parts.testimonies = rows.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::News(rows) = read(ImportKind::News, "news.csv") {
        parts.news = rows.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    Catalog::new(parts)
}

fn ids(index: &SearchIndex, text: &str, kind: Option<Kind>) -> Vec<String> {
    let q = SearchQuery { text: text.into(), kind, limit: 10, ..Default::default() };
    index.search(&q, Lang::En).unwrap().hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn a_site_is_found_by_every_spelling_of_its_name() {
    let catalog = sample();
    let index = SearchIndex::build(&catalog).unwrap();
    assert_eq!(
        index.len(),
        catalog.sites().len() + catalog.sources().len() + catalog.testimonies().len() + catalog.news().len()
    );
    for query in ["Taganrog", "Таганрог", "Tahanroh", "taganrog sizo", "Tagnrog", "Таганрогу"] {
        let found = ids(&index, query, Some(Kind::Site));
        assert_eq!(found.first().map(String::as_str), Some("ru-taganrog-sizo-2"), "{query}: {found:?}");
    }
    for query in ["Olenivka", "Оленівка", "Olenivks", "оленівка"] {
        let found = ids(&index, query, Some(Kind::Site));
        assert_eq!(found.first().map(String::as_str), Some("ua-olenivka-ik-120"), "{query}: {found:?}");
    }
}

#[test]
fn inflected_ukrainian_words_find_their_records_and_snippets_mark_them() {
    let index = SearchIndex::build(&sample()).unwrap();
    let q = SearchQuery { text: "катуванням".into(), limit: 5, ..Default::default() };
    let r = index.search(&q, Lang::Uk).unwrap();
    assert!(r.total > 0, "катування in any form");
    let hit = r.hits.iter().find(|h| !h.highlighted.is_empty()).expect("a snippet with a match");
    let marked = &hit.snippet[hit.highlighted[0].clone()];
    assert!(marked.to_lowercase().starts_with("катув"), "{marked}");
}

#[test]
fn facets_count_and_filter() {
    let index = SearchIndex::build(&sample()).unwrap();
    let q = SearchQuery { text: "colony".into(), limit: 50, ..Default::default() };
    let r = index.search(&q, Lang::En).unwrap();
    let sites = r.facets["kind"].get("site").copied().unwrap_or(0);
    assert!(sites > 0);
    let only = index.search(&SearchQuery { kind: Some(Kind::Site), ..q.clone() }, Lang::En).unwrap();
    assert_eq!(only.total as u64, sites);
    assert!(only.hits.iter().all(|h| h.kind == Kind::Site));
    let colonies = index.search(&SearchQuery { site_type: Some(SiteType::PenalColony), ..q }, Lang::En).unwrap();
    assert!(colonies.total > 0 && colonies.total as u64 <= sites);
}

#[test]
fn hostile_and_empty_queries_are_only_words() {
    let index = SearchIndex::build(&sample()).unwrap();
    let huge = "a".repeat(5_000);
    for q in [
        "",
        "   ",
        "\"unbalanced",
        "title:x AND (",
        "*",
        "??~2",
        "\u{0}\u{7}",
        &huge,
        "-",
        "\"\"",
        "name_en:Taganrog^100",
    ] {
        let r = index.search(&SearchQuery { text: q.into(), limit: 10, ..Default::default() }, Lang::En);
        assert!(r.is_ok(), "{q:?}");
    }
    assert!(!ids(&index, "name_en:Taganrog^100", None).is_empty(), "field syntax is read as words");
}

/// The records written about a site: its testimonies, the sources with a
/// finding on it, the news about it.
fn about(catalog: &Catalog, site: &str) -> std::collections::BTreeSet<(Kind, String)> {
    let mut out = std::collections::BTreeSet::new();
    out.extend(catalog.testimonies_at(site).iter().map(|t| (Kind::Testimony, t.id.to_string())));
    out.extend(catalog.site_sources(site).iter().map(|s| (Kind::Source, s.id.to_string())));
    out.extend(catalog.news_about(site).iter().map(|n| (Kind::News, n.id.to_string())));
    out
}

fn found(index: &SearchIndex, text: &str) -> Vec<(Kind, String)> {
    let q = SearchQuery { text: text.into(), limit: 100, ..Default::default() };
    index.search(&q, Lang::En).unwrap().hits.into_iter().map(|h| (h.kind, h.id)).collect()
}

#[test]
fn any_name_of_a_site_finds_the_site_first_then_what_is_written_about_it() {
    let catalog = sample();
    let index = SearchIndex::build(&catalog).unwrap();
    for (site, names) in [
        ("ru-taganrog-sizo-2", &["Taganrog", "Tahanroh", "Таганрог", "у Таганрозі"][..]),
        ("ua-olenivka-ik-120", &["Olenivka", "Оленівка", "Еленовка", "Yelenovka"][..]),
    ] {
        let written = about(&catalog, site);
        assert!(written.len() > 5, "{site}: the sample writes about it");
        for name in names {
            let hits = found(&index, name);
            assert_eq!(hits.first(), Some(&(Kind::Site, site.to_owned())), "{name}: {hits:?}");
            let missing: Vec<_> = written.iter().filter(|r| !hits.contains(r)).collect();
            assert!(missing.is_empty(), "{name} misses {missing:?}");
        }
    }
}

#[test]
fn a_sites_snippet_is_the_opening_of_its_profile() {
    let catalog = sample();
    let index = SearchIndex::build(&catalog).unwrap();
    let q = SearchQuery { text: "Tahanroh".into(), kind: Some(Kind::Site), limit: 1, ..Default::default() };
    let hit = index.search(&q, Lang::En).unwrap().hits.remove(0);
    let overview = catalog.site("ru-taganrog-sizo-2").unwrap().sections[0].body.en.clone();
    let opening: String = overview.chars().take(40).collect();
    assert!(hit.snippet.starts_with(&opening), "{:?} / {opening:?}", hit.snippet);
}

#[test]
fn stop_words_rank_nothing() {
    let index = SearchIndex::build(&sample()).unwrap();
    assert!(found(&index, "у в the of").is_empty());
    assert_eq!(found(&index, "у Таганрозі"), found(&index, "Таганрозі"));
}
