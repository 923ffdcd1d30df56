//! Search over the published catalog: sites, sources, testimonies and news,
//! in Ukrainian, Russian and English, a name in any spelling.
//!
//! The index lives in memory and is made from a [`Catalog`] (in a few
//! seconds at ten times the real register), so it is always exactly the
//! published data: made at start, made again when the data changes, never
//! stored. Queries are never parsed as query syntax: a query is words (and
//! quoted phrases), so nothing a visitor types can be an error.
//!
//! Each record is one document with:
//! - `names`: every spelling of its names (Ukrainian, English, Russian,
//!   aliases, the settlement) in Latin letters by both transliterations,
//!   matched exactly and, for longer words, with one typo forgiven;
//! - `body_uk`, `body_en`, `body_ru`: its texts, stemmed in their language;
//! - `facet`: its kind, and for sites their type, country and abuse types;
//! - `about`: the ids of the sites a record is about (a testimony's places,
//!   the sites a source has findings on, a news item's sites), so that a
//!   query naming a site in any spelling finds what is written about it.

mod analysis;
mod mirror;

pub use analysis::{STOP_WORDS, name_forms, words};
pub use mirror::{MirrorRecord, mirror_records};

use analysis::{Analysis, Analyzer};
use frostem::Algorithm;
use inferno_domain::{AbuseType, Catalog, Country, Lang, SiteType};
use std::collections::BTreeMap;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, TantivyDocument, Term, doc};

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Site,
    Source,
    Testimony,
    News,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Site, Kind::Source, Kind::Testimony, Kind::News];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Site => "site",
            Kind::Source => "source",
            Kind::Testimony => "testimony",
            Kind::News => "news",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the search index: {0}")]
pub struct SearchError(#[from] tantivy::TantivyError);

/// Most characters of a query that are read; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most words of a query that are searched for.
pub const MAX_WORDS: usize = 16;
/// Words at least this long are also matched with one typo.
const FUZZY_FROM: usize = 4;
/// Sites a query may name, whose records it also finds.
const NAMED_SITES: usize = 3;
/// The score a record gets for being about a site the query names: below
/// a name's match (8 and more), about a body word's.
const ABOUT_SCORE: f32 = 2.0;

fn boosted(q: Box<dyn Query>, by: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(q, by)))
}

struct Fields {
    kind: Field,
    id: Field,
    names: Field,
    body_uk: Field,
    body_en: Field,
    body_ru: Field,
    facet: Field,
    about: Field,
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    pub kind: Option<Kind>,
    pub site_type: Option<SiteType>,
    pub country: Option<Country>,
    pub abuse: Option<AbuseType>,
    pub offset: usize,
    pub limit: usize,
}

/// One result: which record, and the passage that matched, as text with the
/// matched ranges (byte offsets) to highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub snippet: String,
    pub highlighted: Vec<std::ops::Range<usize>>,
}

#[derive(Debug, Default)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts of every facet value among all results: `kind`, `type`,
    /// `country`, `abuse` → code → count.
    pub facets: BTreeMap<&'static str, BTreeMap<String, u64>>,
}

pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    /// Record texts by (kind, id), for snippets: Ukrainian, English, Russian, names.
    texts: std::collections::HashMap<(Kind, String), [String; 4]>,
}

const FACETS: [&str; 4] = ["kind", "type", "country", "abuse"];

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        id: b.add_text_field("id", STRING | STORED),
        names: b.add_text_field("names", text("names")),
        body_uk: b.add_text_field("body_uk", text("uk")),
        body_en: b.add_text_field("body_en", text("en")),
        body_ru: b.add_text_field("body_ru", text("ru")),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        about: b.add_text_field("about", STRING),
    };
    (b.build(), fields)
}

/// One record as the index holds it.
struct Record {
    kind: Kind,
    id: String,
    names: Vec<String>,
    uk: String,
    en: String,
    ru: String,
    facets: Vec<String>,
    /// Sites it is about, by id.
    about: Vec<String>,
    /// The text its snippets are cut from, Ukrainian and English, when not
    /// the whole of `uk` and `en`: a site's profile, not its name lines.
    snippet_texts: Option<[String; 2]>,
}

fn records(catalog: &Catalog) -> Vec<Record> {
    let mut out = Vec::new();
    for s in catalog.sites() {
        let mut names = vec![
            s.name.uk.clone(),
            s.name.en.clone(),
            s.name_ru.clone(),
            s.settlement.uk.clone(),
            s.settlement.en.clone(),
        ];
        names.extend(s.aliases.iter().cloned());
        let sections = |l: Lang| s.sections.iter().map(|x| x.body.raw(l).to_owned()).collect::<Vec<_>>().join("\n");
        let mut facets = vec![format!("/type/{}", s.site_type.code()), format!("/country/{}", s.country.code())];
        facets.extend(catalog.abuse_types_at(s.id.as_str()).iter().map(|a| format!("/abuse/{}", a.code())));
        out.push(Record {
            kind: Kind::Site,
            id: s.id.to_string(),
            uk: format!("{}\n{}, {}\n{}", s.name.uk, s.settlement.uk, s.region.uk, sections(Lang::Uk)),
            en: format!("{}\n{}, {}\n{}", s.name.en, s.settlement.en, s.region.en, sections(Lang::En)),
            ru: s.name_ru.clone(),
            names,
            facets,
            about: Vec::new(),
            snippet_texts: Some([sections(Lang::Uk), sections(Lang::En)]),
        });
    }
    for s in catalog.sources() {
        let title = |l: &str| if s.language == l { s.title.as_str() } else { "" };
        let mut about: Vec<String> =
            catalog.findings_of_source(s.id.as_str()).iter().map(|f| f.site_id.to_string()).collect();
        about.sort();
        about.dedup();
        out.push(Record {
            kind: Kind::Source,
            id: s.id.to_string(),
            names: vec![s.publisher.clone()],
            uk: format!("{}\n{}", title("uk"), s.notes.uk),
            en: format!("{}\n{}\n{}", title("en"), s.publisher, s.notes.en),
            ru: title("ru").to_owned(),
            facets: Vec::new(),
            about,
            snippet_texts: None,
        });
    }
    for t in catalog.testimonies() {
        out.push(Record {
            kind: Kind::Testimony,
            id: t.id.to_string(),
            names: Vec::new(),
            uk: t.summary.uk.clone(),
            en: t.summary.en.clone(),
            ru: String::new(),
            facets: t.abuse_types.iter().map(|a| format!("/abuse/{}", a.code())).collect(),
            about: t.stays.iter().map(|s| s.site_id.to_string()).collect(),
            snippet_texts: None,
        });
    }
    for n in catalog.news() {
        out.push(Record {
            kind: Kind::News,
            id: n.id.to_string(),
            names: vec![n.source_name.clone()],
            uk: format!("{}\n{}\n{}", n.title.uk, n.summary.uk, n.body.uk),
            en: format!("{}\n{}\n{}", n.title.en, n.summary.en, n.body.en),
            ru: String::new(),
            facets: Vec::new(),
            about: n.site_ids.iter().map(ToString::to_string).collect(),
            snippet_texts: None,
        });
    }
    out
}

impl SearchIndex {
    /// Indexes every published record.
    pub fn build(catalog: &Catalog) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let tokenizers = index.tokenizers();
        tokenizers.register("names", Analyzer(Analysis::Names));
        tokenizers.register("uk", Analyzer(Analysis::Stem(Algorithm::Ukrainian)));
        tokenizers.register("en", Analyzer(Analysis::Stem(Algorithm::English)));
        tokenizers.register("ru", Analyzer(Analysis::Stem(Algorithm::Russian)));
        let mut writer = index.writer_with_num_threads(1, 64 * 1024 * 1024)?;
        let mut texts = std::collections::HashMap::new();
        for r in records(catalog) {
            let mut d = doc!(
                fields.kind => r.kind.code(),
                fields.id => r.id.as_str(),
                fields.names => r.names.join(" · "),
                fields.body_uk => r.uk.as_str(),
                fields.body_en => r.en.as_str(),
                fields.body_ru => r.ru.as_str(),
                fields.facet => Facet::from_text(&format!("/kind/{}", r.kind.code())).unwrap_or_else(|_| Facet::root()),
            );
            for f in &r.facets {
                if let Ok(f) = Facet::from_text(f) {
                    d.add_facet(fields.facet, f);
                }
            }
            for site in &r.about {
                d.add_text(fields.about, site);
            }
            writer.add_document(d)?;
            let [uk, en] = r.snippet_texts.unwrap_or([r.uk, r.en]);
            texts.insert((r.kind, r.id), [uk, en, r.ru, r.names.join(" · ")]);
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex { reader, fields, texts })
    }

    /// Bytes the index takes in memory (its segments; the texts kept for
    /// snippets are not counted).
    pub fn bytes(&self) -> u64 {
        self.reader.searcher().space_usage().map(|u| u.total().get_bytes()).unwrap_or(0)
    }

    /// How many records are indexed.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn terms(&self, field: Field, analysis: Analysis, text: &str) -> Vec<Term> {
        let mut seen = std::collections::HashSet::new();
        analysis::terms(analysis, text)
            .into_iter()
            .filter(|t| seen.insert(t.text.clone()))
            .map(|t| Term::from_field_text(field, &t.text))
            .collect()
    }

    /// The query tantivy runs: every word in every field, names exact
    /// (weighed most) and with one typo, quoted phrases as phrases.
    /// The clauses that match a record's names: each word exact and, when
    /// long enough, with one typo.
    fn name_clauses(&self, joined: &str) -> Vec<(Occur, Box<dyn Query>)> {
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in self.terms(self.fields.names, Analysis::Names, joined) {
            let len = term.value().as_str().map_or(0, |s| s.chars().count());
            // A fuzzy query scores the same for every match (its boost), an
            // exact one by BM25 on top: a name one typo away outranks a word
            // in a long text, the exact name outranks both.
            if len >= FUZZY_FROM {
                should.push(boosted(Box::new(FuzzyTermQuery::new(term.clone(), 1, true)), 8.0));
            }
            should.push(boosted(Box::new(TermQuery::new(term, IndexRecordOption::Basic)), 4.0));
        }
        should
    }

    /// The sites a query names, in any spelling: the best few matches of
    /// their names alone (`names`, the query's [`Self::name_clauses`]).
    fn named_sites(&self, names: &[(Occur, Box<dyn Query>)]) -> Vec<String> {
        if names.is_empty() {
            return Vec::new();
        }
        let names = names.iter().map(|(o, q)| (*o, q.box_clone())).collect();
        let site =
            Term::from_facet(self.fields.facet, &Facet::from_text("/kind/site").unwrap_or_else(|_| Facet::root()));
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(names)) as Box<dyn Query>),
            (Occur::Must, Box::new(TermQuery::new(site, IndexRecordOption::Basic))),
        ]);
        let searcher = self.reader.searcher();
        let Ok(top) = searcher.search(&query, &TopDocs::with_limit(NAMED_SITES).order_by_score()) else {
            return Vec::new();
        };
        top.into_iter()
            .filter_map(|(_, address)| searcher.doc::<TantivyDocument>(address).ok())
            .filter_map(|d| d.get_first(self.fields.id).and_then(|v| v.as_str()).map(str::to_owned))
            .collect()
    }

    fn query(&self, q: &SearchQuery) -> Option<Box<dyn Query>> {
        let text: String = q.text.chars().take(MAX_QUERY_CHARS).collect();
        // Words that every text has ("у", "в", "the") rank nothing.
        let words: Vec<String> =
            words(&text).into_iter().map(|w| w.2).filter(|w| !analysis::is_stop_word(w)).take(MAX_WORDS).collect();
        if words.is_empty() {
            return None;
        }
        let joined = words.join(" ");
        let f = &self.fields;
        let mut should = self.name_clauses(&joined);
        // What is written about a site the query names, found as if the
        // query had used the site's own name; ranked below the site itself.
        for site in self.named_sites(&should) {
            let about = TermQuery::new(Term::from_field_text(f.about, &site), IndexRecordOption::Basic);
            should.push((Occur::Should, Box::new(ConstScoreQuery::new(Box::new(about), ABOUT_SCORE))));
        }
        for (field, algorithm) in
            [(f.body_uk, Algorithm::Ukrainian), (f.body_en, Algorithm::English), (f.body_ru, Algorithm::Russian)]
        {
            for term in self.terms(field, Analysis::Stem(algorithm), &joined) {
                should.push(boosted(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)), 1.0));
            }
            // Quoted phrases, ranked above the same words apart.
            for phrase in text.split('"').skip(1).step_by(2) {
                let terms = self.terms(field, Analysis::Stem(algorithm), phrase);
                if terms.len() > 1 {
                    let positioned: Vec<(usize, Term)> = terms.into_iter().enumerate().collect();
                    should.push(boosted(Box::new(PhraseQuery::new_with_offset(positioned)), 3.0));
                }
            }
        }
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(BooleanQuery::new(should)))];
        let mut filter = |path: String| {
            if let Ok(facet) = Facet::from_text(&path) {
                let term = Term::from_facet(f.facet, &facet);
                must.push((Occur::Must, Box::new(TermQuery::new(term, IndexRecordOption::Basic))));
            }
        };
        if let Some(k) = q.kind {
            filter(format!("/kind/{}", k.code()));
        }
        if let Some(t) = q.site_type {
            filter(format!("/type/{}", t.code()));
        }
        if let Some(c) = q.country {
            filter(format!("/country/{}", c.code()));
        }
        if let Some(a) = q.abuse {
            filter(format!("/abuse/{}", a.code()));
        }
        Some(Box::new(BooleanQuery::new(must)))
    }

    /// Searches; `lang` picks the text snippets are taken from.
    pub fn search(&self, q: &SearchQuery, lang: Lang) -> Result<Results, SearchError> {
        let Some(query) = self.query(q) else { return Ok(Results::default()) };
        let searcher = self.reader.searcher();
        let mut facets = FacetCollector::for_field("facet");
        for f in FACETS {
            facets.add_facet(Facet::from_text(&format!("/{f}")).unwrap_or_else(|_| Facet::root()));
        }
        let limit = q.limit.clamp(1, 100);
        let top = TopDocs::with_limit(limit).and_offset(q.offset.min(10_000)).order_by_score();
        let (top, total, counts) = searcher.search(&*query, &(top, Count, facets))?;
        let mut results = Results { total, ..Default::default() };
        for f in FACETS {
            let values = counts
                .get(&format!("/{f}"))
                .map(|(facet, n)| (facet.to_path().last().map(|s| (*s).to_owned()).unwrap_or_default(), n))
                .collect();
            results.facets.insert(f, values);
        }
        let (field, slot) = match lang {
            Lang::Uk => (self.fields.body_uk, 0),
            Lang::En => (self.fields.body_en, 1),
        };
        let mut snippets = SnippetGenerator::create(&searcher, &*query, field)?;
        snippets.set_max_num_chars(220);
        let mut russian = SnippetGenerator::create(&searcher, &*query, self.fields.body_ru)?;
        russian.set_max_num_chars(220);
        let mut names = SnippetGenerator::create(&searcher, &*query, self.fields.names)?;
        names.set_max_num_chars(220);
        for (_score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let get = |f: Field| d.get_first(f).and_then(|v| v.as_str()).unwrap_or("").to_owned();
            let (kind, id) = (Kind::parse(&get(self.fields.kind)).unwrap_or(Kind::Site), get(self.fields.id));
            let text = self.texts.get(&(kind, id.clone()));
            let mut snippet = text.map(|t| snippets.snippet(&t[slot])).filter(|s| !s.highlighted().is_empty());
            // A record found by a name in another spelling shows its names;
            // a site shows the opening of its profile instead.
            if snippet.is_none() && kind != Kind::Site {
                snippet = text.map(|t| russian.snippet(&t[2])).filter(|s| !s.highlighted().is_empty());
            }
            if snippet.is_none() && kind != Kind::Site {
                snippet = text.map(|t| names.snippet(&t[3])).filter(|s| !s.highlighted().is_empty());
            }
            // Found by a word with a typo, which snippets do not mark: the
            // opening of its text, unmarked.
            let (snippet, highlighted) = match snippet {
                Some(s) => (s.fragment().to_owned(), s.highlighted().to_vec()),
                None => (text.map(|t| opening(&t[slot], 220)).unwrap_or_default(), Vec::new()),
            };
            results.hits.push(Hit { kind, id, snippet, highlighted });
        }
        Ok(results)
    }
}

/// The first words of a text, at most about `max` characters.
fn opening(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let end = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{} …", cut[..end].trim_end())
}

#[cfg(test)]
mod tests;
