//! What reference managers and search engines read off a record's page: the
//! Highwire Press `citation_*` meta tags (Zotero, Mendeley, Google Scholar)
//! and a schema.org description in JSON-LD.
//!
//! The JSON-LD block is data (`type="application/ld+json"`), which browsers
//! never run, so the Content-Security-Policy's `script-src 'self'` still
//! holds: no inline script executes on any page.

use crate::shell::i18n::Tr;
use inferno_domain::{Lang, PartialDate};
use serde_json::{Value, json};

/// The ready-made citations a record's page offers: Inferno's own line,
/// then APA (7th edition) and Chicago (notes and bibliography) forms, each
/// with the day the reader read it ("accessed"), since the page changes.
#[derive(Debug)]
pub struct CiteLines {
    pub plain: String,
    pub apa: String,
    pub chicago: String,
}

/// What the citations of a page name.
pub struct Reference<'a> {
    pub name: &'a str,
    /// The record's identifier, for Inferno's own line (a news item gives its date instead).
    pub id: Option<&'a str>,
    pub url: &'a str,
    /// When the record was first published (news), else when it last changed.
    pub published: Option<PartialDate>,
    pub updated: Option<PartialDate>,
}

/// The citations of a page read on `today`.
pub fn lines(tr: &Tr, r: &Reference, today: PartialDate) -> CiteLines {
    let updated = r.updated.map_or_else(|| tr.t("date-unknown"), |d| d.to_string());
    let accessed = today.to_string();
    let plain = match r.id {
        Some(id) => tr.a(
            "citation",
            &[
                ("name", r.name.into()),
                ("id", id.into()),
                ("url", r.url.into()),
                ("updated", updated.into()),
                ("accessed", accessed.into()),
            ],
        ),
        None => tr.a(
            "citation-news",
            &[
                ("title", r.name.into()),
                ("date", r.published.map(|d| d.to_string()).unwrap_or_default().into()),
                ("url", r.url.into()),
                ("updated", updated.into()),
                ("accessed", accessed.into()),
            ],
        ),
    };
    let dated = r.published.or(r.updated);
    let apa = tr.a(
        "citation-apa",
        &[
            ("date", dated.map_or_else(|| tr.t("citation-no-date"), |d| tr.apa_date(d)).into()),
            ("name", r.name.into()),
            ("accessed", tr.styled_date(today).into()),
            ("url", r.url.into()),
        ],
    );
    let chicago = tr.a(
        "citation-chicago",
        &[
            ("name", r.name.into()),
            ("updated", r.updated.map_or_else(|| tr.t("date-unknown"), |d| tr.styled_date(d)).into()),
            ("accessed", tr.styled_date(today).into()),
            ("url", r.url.into()),
        ],
    );
    CiteLines { plain, apa, chicago }
}

/// The metadata of one record's page.
#[derive(Debug)]
pub struct Citation {
    pub meta: Vec<(&'static str, String)>,
    /// JSON, with `<`, `>` and `&` escaped so that no text can close the element.
    pub json_ld: String,
}

/// What a record's citation says.
pub struct Cited<'a> {
    pub title: &'a str,
    /// The page's stable address (its canonical URL).
    pub url: &'a str,
    pub lang: Lang,
    /// When the record was first published, if the record says (news).
    pub published: Option<PartialDate>,
    /// When it last changed.
    pub updated: Option<PartialDate>,
    pub identifier: &'a str,
    /// The schema.org description of what the page is about, without `@context`.
    pub about: Value,
}

/// `YYYY/MM/DD`, as Highwire Press tags write dates (year alone where that is all that is known).
fn highwire(d: PartialDate) -> String {
    let mut s = format!("{:04}", d.year);
    if let Some(m) = d.month {
        s.push_str(&format!("/{m:02}"));
        if let Some(day) = d.day {
            s.push_str(&format!("/{day:02}"));
        }
    }
    s
}

pub fn citation(c: Cited) -> Citation {
    let mut meta = vec![
        ("citation_title", c.title.to_owned()),
        ("citation_author", "Inferno".to_owned()),
        ("citation_publisher", "Inferno".to_owned()),
        ("citation_language", c.lang.code().to_owned()),
        ("citation_public_url", c.url.to_owned()),
    ];
    if let Some(d) = c.published.or(c.updated) {
        meta.push(("citation_publication_date", highwire(d)));
    }
    if let Some(d) = c.updated {
        meta.push(("citation_online_date", highwire(d)));
    }
    let mut ld = c.about;
    if let Value::Object(o) = &mut ld {
        o.insert("@context".into(), "https://schema.org".into());
        o.insert("url".into(), c.url.into());
        o.insert("identifier".into(), c.identifier.into());
        o.insert("inLanguage".into(), c.lang.code().into());
        o.insert("publisher".into(), json!({ "@type": "Organization", "name": "Inferno" }));
        if let Some(d) = c.published {
            o.insert("datePublished".into(), d.to_string().into());
        }
        if let Some(d) = c.updated {
            o.insert("dateModified".into(), d.to_string().into());
        }
    }
    let json_ld = serde_json::to_string(&ld)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    Citation { meta, json_ld }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_can_close_the_json_ld_element() {
        let c = citation(Cited {
            title: "</script><script>alert(1)</script>",
            url: "https://example.org/en/sites/x",
            lang: Lang::En,
            published: None,
            updated: Some(PartialDate { year: 2024, month: Some(3), day: None }),
            identifier: "x",
            about: json!({ "@type": "WebPage", "name": "</script><script>alert(1)</script> & more" }),
        });
        assert!(!c.json_ld.contains('<') && !c.json_ld.contains('&'), "{}", c.json_ld);
        let back: Value = serde_json::from_str(&c.json_ld).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script> & more");
        assert_eq!(back["dateModified"], "2024-03");
        assert!(c.meta.contains(&("citation_online_date", "2024/03".into())));
    }
}
