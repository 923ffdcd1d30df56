//! The bundled sample dataset (`data/`), compiled into the binary so that a
//! fresh `inferno serve` shows a complete site from any directory.

use anyhow::{Context, anyhow};
use inferno_domain::Kind;
use inferno_domain::document::parse_titled;
use inferno_domain::import;
use inferno_domain::{FaqEntry, Id, LocalText, Page, PartialDate};
use inferno_storage::Store;

const CSV: [(Kind, &str, &[u8]); 5] = [
    (Kind::Sites, "facilities.csv", include_bytes!("../../../data/facilities.csv")),
    (Kind::Sources, "sources.csv", include_bytes!("../../../data/sources.csv")),
    (Kind::Findings, "findings.csv", include_bytes!("../../../data/findings.csv")),
    (Kind::Testimonies, "testimonies.csv", include_bytes!("../../../data/testimonies.csv")),
    (Kind::News, "news.csv", include_bytes!("../../../data/news.csv")),
];

/// `data/pages/NAME.{uk,en}.md` and `data/faq/NN-SLUG.{uk,en}.md`, as (name, uk, en).
macro_rules! documents {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        &[$(($name,
            include_str!(concat!("../../../data/", $dir, "/", $name, ".uk.md")),
            include_str!(concat!("../../../data/", $dir, "/", $name, ".en.md")))),+]
    };
}

const PAGES: &[(&str, &str, &str)] = documents!("pages": "about", "help");

const FAQ: &[(&str, &str, &str)] = documents!("faq":
    "01-what-is-inferno",
    "02-where-does-the-information-come-from",
    "03-how-do-you-check-the-information",
    "04-what-does-independent-sources-mean",
    "05-is-the-list-complete",
    "06-why-are-the-locations-approximate",
    "07-why-are-sites-in-occupied-ukraine-shown-differently",
    "08-what-about-civilians",
    "09-can-i-use-the-data",
    "10-how-do-i-report-an-error-or-send-information",
    "11-is-it-safe-to-visit-the-site",
    "12-how-are-testimonies-protected",
);

fn titled(name: &str, uk: &str, en: &str) -> anyhow::Result<(LocalText, LocalText)> {
    let uk = parse_titled(uk).map_err(|e| anyhow!("{name}.uk.md: {e}"))?;
    let en = parse_titled(en).map_err(|e| anyhow!("{name}.en.md: {e}"))?;
    Ok((LocalText::new(uk.title, en.title), LocalText::new(uk.body, en.body)))
}

pub fn pages() -> anyhow::Result<Vec<Page>> {
    PAGES
        .iter()
        .map(|(name, uk, en)| {
            let (title, body) = titled(name, uk, en)?;
            Ok(Page { id: Id::parse(name).map_err(|e| anyhow!("{name}: {e}"))?, title, body })
        })
        .collect()
}

pub fn faq() -> anyhow::Result<Vec<FaqEntry>> {
    FAQ.iter()
        .map(|(name, uk, en)| {
            let (number, slug) = name.split_once('-').ok_or_else(|| anyhow!("{name}: expected NN-slug"))?;
            let position: u32 = number.parse().with_context(|| format!("{name}: expected NN-slug"))?;
            let (question, answer) = titled(name, uk, en)?;
            Ok(FaqEntry { id: Id::parse(slug).map_err(|e| anyhow!("{name}: {e}"))?, position, question, answer })
        })
        .collect()
}

/// Imports the whole sample into the store, in dependency order.
pub async fn seed(store: &dyn Store) -> anyhow::Result<()> {
    let today = PartialDate::today();
    for (kind, file, bytes) in CSV {
        let batch = import::parse(kind, bytes).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| format!("data/{file}:{e}")).collect();
            anyhow!("the bundled sample is invalid:\n{}", lines.join("\n"))
        })?;
        inferno_services::records::import(store, &batch, today, "cli")
            .await
            .with_context(|| format!("cannot import data/{file}"))?;
    }
    inferno_services::records::import_editorial(store, &faq()?, &pages()?, today, "cli").await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every Markdown file in data/faq and data/pages is compiled in, in both languages.
    #[test]
    fn every_document_is_bundled() {
        for (dir, listed) in [("faq", FAQ), ("pages", PAGES)] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/").to_owned() + dir;
            let on_disk: BTreeSet<String> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            let bundled: BTreeSet<String> =
                listed.iter().flat_map(|(n, _, _)| [format!("{n}.en.md"), format!("{n}.uk.md")]).collect();
            assert_eq!(on_disk, bundled, "data/{dir}");
        }
        assert_eq!(faq().unwrap().len(), 12);
        assert_eq!(pages().unwrap().len(), 2);
    }
}
