//! The values a new record's form starts with when made from a submission:
//! structured facts only (the site, the consent given, who the sender is to
//! those held).
//!
//! The sender's own words are never put in a field that can be saved: once
//! saved they would be in the catalog, its revisions and the audit log,
//! outside the vault, shown to every reviewer with "Restore this version"
//! (review 3). The form shows them read-only instead, for the editor to write
//! an anonymised account of.

use super::Opened;
use inferno_domain::{Kind, Lang, Month};

/// A testimony was asked of a submission whose sender did not agree to one.
#[derive(Debug, thiserror::Error)]
#[error("the sender did not consent to a testimony")]
pub struct NoConsent;

fn month(m: Option<Month>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

/// The testimony's one stay the sender told of: the site with the months
/// they gave (the importer's `site@from..to`), or nothing without a site.
fn stay(site: &str, from: Option<Month>, to: Option<Month>) -> String {
    match (site, from, to) {
        ("", _, _) => String::new(),
        (_, None, None) => site.to_owned(),
        _ => format!("{site}@{}..{}", month(from), month(to)),
    }
}

/// The fields (column, value) a draft of `kind` made from `opened` starts
/// with, in the editor's language `lang`.
pub fn prefill(opened: &Opened, kind: Kind, lang: Lang) -> Result<Vec<(&'static str, String)>, NoConsent> {
    let a = opened.answers();
    let site = a.site.clone().unwrap_or_default();
    let mut v: Vec<(&'static str, String)> = vec![("intake", opened.record.summary.id.clone())];
    match kind {
        // Nothing public may tell the submission's id or the day it came:
        // the record gets an id of its own, and its title, date and address
        // are the editor's to write. The link back stays in the back office.
        Kind::Sources => v.extend([
            ("id", format!("source-{}", hex::encode(inferno_vault::random_bytes::<4>()))),
            ("kind", "testimony".into()),
            ("publisher", "Inferno".into()),
            ("language", lang.code().into()),
            ("reliability", "F".into()),
            ("credibility", "6".into()),
        ]),
        Kind::Findings => v.extend([
            ("site_id", site),
            ("note", String::new()),
            ("period_from", month(a.held_from)),
            ("period_to", month(a.held_to)),
        ]),
        Kind::Testimonies => {
            let consent = a.testimony_consent().ok_or(NoConsent)?;
            v.extend([
                ("id", format!("t-{}", hex::encode(inferno_vault::random_bytes::<4>()))),
                ("witness_role", a.witness_role().code().into()),
                ("stays", stay(&site, a.held_from, a.held_to)),
                ("consent", consent.code().into()),
            ]);
        }
        _ => {}
    }
    Ok(v)
}
