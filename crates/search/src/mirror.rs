//! The search of a static mirror, where no server answers: every record with
//! the terms a script in the browser compares the words of a query with.
//!
//! The terms are made here, by the same analysis as the server's index, so
//! that the script needs no stemmer and no transliteration of its own: a
//! record's names in every spelling (as [`crate::name_forms`] writes them, and
//! as written), and the stems of its texts in each language. The script then
//! matches a query word to a term that begins with it (a word being typed) or
//! that it begins with (an inflected form of a stem), and a longer name word
//! with one typo; the server's search does more (phrases, ranking by field).

use crate::analysis::{Analysis, terms};
use crate::{Kind, opening, records};
use frostem::Algorithm;
use inferno_domain::{Catalog, Lang};
use std::collections::BTreeSet;

/// Stems of its texts kept for a record: enough for what a page is about,
/// bounded so that the mirror's index grows with the number of records only.
pub const MAX_WORDS: usize = 200;
/// Characters of the opening shown under a result.
pub const OPENING_CHARS: usize = 160;

/// One record as the mirror's search holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MirrorRecord {
    pub kind: Kind,
    pub id: String,
    /// Every spelling of the words of its names, lowercased.
    pub names: Vec<String>,
    /// The stems of the words of its texts, in Ukrainian, English and Russian.
    pub words: Vec<String>,
    /// The first words of its text in Ukrainian and in English.
    pub opening_uk: String,
    pub opening_en: String,
    /// The ids of the sites it is about, so that a query naming a site in
    /// any spelling finds what is written about it, as the server's does.
    pub about: Vec<String>,
}

impl MirrorRecord {
    pub fn opening(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.opening_uk,
            Lang::En => &self.opening_en,
        }
    }
}

/// Every published record, as the mirror's search holds it.
pub fn mirror_records(catalog: &Catalog) -> Vec<MirrorRecord> {
    records(catalog)
        .into_iter()
        .map(|r| {
            let mut names = BTreeSet::new();
            for (_, _, word) in crate::words(&r.names.join(" ")) {
                names.extend(crate::name_forms(&word));
                names.insert(word);
            }
            let mut words = BTreeSet::new();
            for (text, algorithm) in
                [(&r.uk, Algorithm::Ukrainian), (&r.en, Algorithm::English), (&r.ru, Algorithm::Russian)]
            {
                for t in terms(Analysis::Stem(algorithm), text) {
                    if words.len() >= MAX_WORDS {
                        break;
                    }
                    if !names.contains(&t.text) {
                        words.insert(t.text);
                    }
                }
            }
            // A site's opening is its profile's, not its name lines.
            let [uk, en] = r.snippet_texts.unwrap_or([r.uk, r.en]);
            MirrorRecord {
                kind: r.kind,
                id: r.id,
                names: names.into_iter().collect(),
                words: words.into_iter().collect(),
                opening_uk: opening(&uk, OPENING_CHARS),
                opening_en: opening(&en, OPENING_CHARS),
                about: r.about,
            }
        })
        .collect()
}
