//! A source's own page: what it is, how it is graded, where its original
//! is, and what it reports about each site; the address a citation of the
//! source gives.

use super::site::{Shown, shown};
use super::{Chrome, Ctx, PageError, html};
use askama::Template;
use inferno_domain::Kind;

/// What the source reports about one site.
#[derive(Debug)]
struct Reported {
    href: String,
    site: String,
    site_lang: &'static str,
    abuses: String,
    period: String,
    note: Option<Shown>,
}

#[derive(Template)]
#[template(path = "source.html")]
struct SourcePage {
    c: Chrome,
    title: String,
    title_lang: String,
    url: String,
    facts: Vec<(String, String)>,
    /// Address and name of each source counted once with this one.
    counted_with: Vec<(String, String)>,
    grade: String,
    grade_explained: String,
    notes: Option<Shown>,
    archived: Option<String>,
    reported: Vec<Reported>,
    corrections: Vec<(String, String, String)>,
    citation: super::citation::CiteLines,
}

pub fn render(ctx: &Ctx, id: &str) -> Result<String, PageError> {
    let (tr, l) = (&ctx.tr, ctx.lang.code());
    let Some(s) = ctx.catalog.source(id) else {
        return Err(match ctx.catalog.corrections_for(Kind::Sources, id).first() {
            Some(c) if c.withdrawn => PageError::Gone(
                tr.a("withdrawn-text", &[("date", tr.date(&c.date).into()), ("note", (&c.note).into())]),
            ),
            _ => PageError::NotFound,
        });
    };
    let date = s.published_on.map(|d| tr.date(&d)).unwrap_or_else(|| tr.t("date-unknown"));
    let (grade, grade_explained) = super::site::grade(tr, s.reliability, s.credibility);
    let (title, title_lang) = super::site::source_title(tr, s);
    let facts = vec![
        (tr.t("source-publisher"), s.publisher.clone()),
        (tr.t("source-date"), date.clone()),
        (tr.t("source-kind"), tr.label(s.kind)),
        (tr.t("source-language"), tr.language(&s.language)),
    ];
    // Sources relaying the same original reporting, which count once with it.
    let counted_with = ctx
        .catalog
        .group_mates(s)
        .into_iter()
        .map(|m| (format!("/{l}/sources/{}", m.id), super::site::source_title(tr, m).0))
        .collect();
    let reported = ctx
        .catalog
        .findings_of_source(id)
        .into_iter()
        .filter_map(|f| {
            let site = ctx.catalog.site(f.site_id.as_str())?;
            let name = site.name.get(ctx.lang);
            Some(Reported {
                href: super::site::source_href(ctx, site.id.as_str(), s),
                site: name.text.to_owned(),
                site_lang: name.lang.code(),
                abuses: super::site::abuse_list(tr, &f.abuse_types),
                period: if f.period_from.is_some() || f.period_to.is_some() {
                    tr.period(f.period_from, f.period_to)
                } else {
                    String::new()
                },
                note: (!f.note.is_empty()).then(|| shown(&f.note, ctx.lang)),
            })
        })
        .collect();
    let url = format!("{}/{l}/sources/{}", ctx.app.config.public_url, s.id);
    let updated = s.updated_on.or(s.published_on);
    let mut c = ctx.chrome(
        "",
        title.clone(),
        tr.a("source-description", &[("publisher", (&s.publisher).into()), ("date", (&date).into())]),
    );
    c.json_twin = Some(format!("/api/v1/sources/{}", s.id));
    c.citation = Some(super::citation::citation(super::citation::Cited {
        title: &title,
        url: &url,
        lang: ctx.lang,
        published: None,
        updated,
        identifier: s.id.as_str(),
        about: serde_json::json!({
            "@type": "WebPage",
            "name": title,
            "about": {
                "@type": "CreativeWork",
                "name": title,
                "url": s.url,
                "inLanguage": s.language,
                "publisher": { "@type": "Organization", "name": s.publisher },
                "datePublished": s.published_on.map(|d| d.to_string()),
            },
        }),
    }));
    let citation = super::citation::lines(
        tr,
        &super::citation::Reference { name: &title, id: Some(s.id.as_str()), url: &url, published: None, updated },
        inferno_domain::PartialDate::today(),
    );
    let corrections = ctx
        .catalog
        .corrections_for(Kind::Sources, id)
        .into_iter()
        .map(|k| (k.date.to_string(), tr.date(&k.date), k.note.clone()))
        .collect();
    html(&SourcePage {
        c,
        title,
        title_lang,
        url: s.url.clone(),
        facts,
        counted_with,
        grade,
        grade_explained,
        notes: (!s.notes.is_empty()).then(|| shown(&s.notes, ctx.lang)),
        archived: s.archived_sha256.clone(),
        reported,
        corrections,
        citation,
    })
}
