//! What every page's layout (`templates/base.html`) shows around its content.

use super::Ctx;
use crate::shell::assets;
use crate::shell::i18n::Tr;

/// One link of the main navigation.
#[derive(Debug)]
pub struct NavItem {
    pub href: String,
    pub label: String,
    /// `page` on the section's own index, `true` on pages inside it, empty elsewhere.
    pub current: &'static str,
}

#[derive(Debug)]
pub struct Chrome {
    pub tr: Tr,
    pub lang: &'static str,
    pub title: String,
    pub description: String,
    pub canonical: String,
    pub href_uk: String,
    pub href_en: String,
    pub switch_href: String,
    pub switch_code: &'static str,
    pub switch_name: &'static str,
    pub nav: Vec<NavItem>,
    pub css: String,
    pub favicon: String,
    pub script: Option<String>,
    pub sample_notice: bool,
    pub home: String,
    /// The record's JSON in the API, linked from the head.
    pub json_twin: Option<String>,
    /// A record page's citation metadata.
    pub citation: Option<super::citation::Citation>,
    /// What the header's search box holds: the query, on the search page.
    pub query: String,
}

impl Chrome {
    pub fn new(ctx: &Ctx, section: &'static str, title: String, description: String) -> Chrome {
        let lang = ctx.lang;
        let other = lang.other();
        let base = &ctx.app.config.public_url;
        let nav = [
            ("sites", "/sites", "nav-sites"),
            ("news", "/news", "nav-news"),
            ("faq", "/faq", "nav-faq"),
            ("about", "/about", "nav-about"),
            ("help", "/help", "nav-help"),
            ("submit", "/submit", "nav-submit"),
        ]
        .into_iter()
        .map(|(id, path, key)| NavItem {
            href: format!("/{}{path}", lang.code()),
            label: ctx.tr.t(key),
            current: if section != id {
                ""
            } else if ctx.rest.split('?').next() == Some(path) {
                "page"
            } else {
                "true"
            },
        })
        .collect();
        Chrome {
            tr: ctx.tr,
            lang: lang.code(),
            title,
            description,
            canonical: format!("{base}/{}{}", lang.code(), ctx.rest),
            href_uk: format!("{base}/uk{}", ctx.rest),
            href_en: format!("{base}/en{}", ctx.rest),
            switch_href: format!("/{}{}", other.code(), ctx.rest),
            switch_code: other.code(),
            switch_name: other.endonym(),
            nav,
            css: assets::url("style.css"),
            favicon: assets::url("favicon.svg"),
            script: None,
            sample_notice: ctx.app.config.sample_notice,
            home: format!("/{}/", lang.code()),
            json_twin: None,
            citation: None,
            query: String::new(),
        }
    }
}
