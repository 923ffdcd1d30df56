//! What reference managers and search engines read off a record's page: the
//! Highwire Press `citation_*` meta tags (Zotero, Mendeley, Google Scholar)
//! and a schema.org description in JSON-LD.
//!
//! The JSON-LD block is data (`type="application/ld+json"`), which browsers
//! never run, so the Content-Security-Policy's `script-src 'self'` still
//! holds: no inline script executes on any page.

use inferno_domain::{Lang, PartialDate};
use serde_json::{Value, json};

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
