//! Which language a request gets when its path does not say.

use axum::http::{HeaderMap, header};
use inferno_domain::Lang;

/// The language of a page whose path names none (the back office, the
/// intake forms, error pages): `?lang=` if given, else the browser's preference.
pub fn request_lang(query: Option<&str>, headers: &HeaderMap) -> Lang {
    if let Some(l) = query
        .and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "lang"))
        .and_then(|(_, v)| Lang::from_code(&v))
    {
        return l;
    }
    preferred_language(headers)
}

/// The browser's preference (`Accept-Language`): Ukrainian or English.
pub fn preferred_language(headers: &HeaderMap) -> Lang {
    by_weight(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or(""))
}

/// Picks between Ukrainian and English by the weights in `Accept-Language`.
fn by_weight(accept: &str) -> Lang {
    let mut best: Option<(f32, Lang)> = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q =
            parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok())).unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "uk" => Lang::Uk,
            "en" => Lang::En,
            _ => continue,
        };
        if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::En, |(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_preference() {
        assert_eq!(by_weight("uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7"), Lang::Uk);
        assert_eq!(by_weight("en-GB,en;q=0.9,uk;q=0.8"), Lang::En);
        assert_eq!(by_weight("de-DE,de;q=0.9"), Lang::En);
        assert_eq!(by_weight("ru,uk;q=0.5"), Lang::Uk);
        assert_eq!(by_weight("uk;q=0, en"), Lang::En);
        assert_eq!(by_weight(""), Lang::En);
        assert_eq!(by_weight("en;q=0.5, uk"), Lang::Uk);
    }
}
