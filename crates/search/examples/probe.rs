//! Times the parts of one search over a generated corpus: `cargo run --release
//! -p inferno-search --example probe -- DIR` (DIR from bench/generate.py).
use inferno_domain::Kind as ImportKind;
use inferno_domain::catalog::CatalogParts;
use inferno_domain::import::{Batch, parse};
use inferno_domain::{Catalog, Lang};
use inferno_search::{SearchIndex, SearchQuery};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("a directory of CSV files");
    let read = |kind: ImportKind, file: &str| parse(kind, &std::fs::read(format!("{dir}/{file}")).unwrap()).unwrap();
    let mut parts = CatalogParts::default();
    if let Batch::Sites(r) = read(ImportKind::Sites, "facilities.csv") {
        parts.sites = r.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::Sources(r) = read(ImportKind::Sources, "sources.csv") {
        parts.sources = r.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::Testimonies(r) = read(ImportKind::Testimonies, "testimonies.csv") {
        parts.testimonies = r.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    if let Batch::News(r) = read(ImportKind::News, "news.csv") {
        parts.news = r.into_iter().map(|r| Arc::new(r.record)).collect();
    }
    let catalog = Catalog::new(parts);
    let t = Instant::now();
    let index = SearchIndex::build(&catalog).unwrap();
    println!("build {:?} for {} records, {} bytes", t.elapsed(), index.len(), index.bytes());
    for text in ["побиттями", "\"transfer colony\"", "beatings colony"] {
        let q = SearchQuery { text: text.into(), limit: 20, ..Default::default() };
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let r = index.search(&q, Lang::En).unwrap();
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        times.sort();
        println!("{text}: median {:?}", times[10]);
    }
}
