//! The sites index: filters and their combinations, sorting, pagination, bad input.

use crate::support::{Server, elements, sample_rows};
use std::collections::HashMap;

/// The ids of the sites listed on a page, in order.
fn listed(html: &str, lang: &str) -> Vec<String> {
    let list = &html[html.find("<ol class=\"site-list\">").expect("site list")..];
    let prefix = format!("<h3><a href=\"/{lang}/sites/");
    list.match_indices(&prefix)
        .map(|(i, _)| {
            let rest = &list[i + prefix.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Which sample sites a filter must find, computed from the CSV files.
fn expected(filter: impl Fn(&HashMap<String, String>, &[String]) -> bool) -> Vec<String> {
    let findings = sample_rows("findings.csv");
    let mut ids: Vec<String> = sample_rows("facilities.csv")
        .into_iter()
        .filter(|site| {
            let abuses: Vec<String> = findings
                .iter()
                .filter(|f| f["site_id"] == site["id"])
                .flat_map(|f| {
                    f["abuse_types"].split(';').filter(|a| !a.is_empty()).map(str::to_owned).collect::<Vec<_>>()
                })
                .collect();
            filter(site, &abuses)
        })
        .map(|s| s["id"].clone())
        .collect();
    ids.sort();
    ids
}

async fn all_pages(s: &Server, lang: &str, query: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for page in 1.. {
        let path = if page > 1 { format!("/{lang}/sites/page/{page}") } else { format!("/{lang}/sites") };
        let r = s.get(&format!("{path}?{query}")).await;
        if r.status() == 404 {
            break;
        }
        assert_eq!(r.status(), 200);
        ids.extend(listed(&r.text().await.unwrap(), lang));
    }
    ids
}

#[tokio::test]
async fn filters_and_their_combinations() {
    let s = Server::start();
    let cases: Vec<(&str, Vec<String>)> = vec![
        ("", expected(|_, _| true)),
        ("type=penal_colony", expected(|r, _| r["facility_type"] == "penal_colony")),
        ("country=RU", expected(|r, _| r["country"] == "RU")),
        ("occupied=yes", expected(|r, _| r["occupied_territory"] == "true")),
        ("occupied=no", expected(|r, _| r["occupied_territory"] == "false")),
        ("abuse=electric_shock", expected(|_, a| a.iter().any(|x| x == "electric_shock"))),
        (
            "type=pretrial_detention&occupied=yes",
            expected(|r, _| r["facility_type"] == "pretrial_detention" && r["occupied_territory"] == "true"),
        ),
        (
            "country=RU&abuse=starvation&type=penal_colony",
            expected(|r, a| {
                r["country"] == "RU" && r["facility_type"] == "penal_colony" && a.iter().any(|x| x == "starvation")
            }),
        ),
        ("country=BY&occupied=yes", vec![]),
    ];
    for (query, want) in cases {
        let mut got = all_pages(&s, "en", query).await;
        got.sort();
        assert_eq!(got, want, "?{query}");
        let html = s.page(&format!("/en/sites?{query}")).await;
        let heading = elements(&html, "<h2 class=\"results-count\"", "</h2>")[0].to_owned();
        match want.len() {
            0 => assert_eq!(heading, "No sites found"),
            1 => assert_eq!(heading, "1 site found"),
            n => assert_eq!(heading, format!("{n} sites found")),
        }
    }
}

#[tokio::test]
async fn pagination_and_sorting() {
    let s = Server::start();
    let first = s.page("/en/sites").await;
    assert_eq!(listed(&first, "en").len(), 20);
    assert!(first.contains("Showing 1–20 of 29"));
    assert!(first.contains("<a href=\"/en/sites/page/2\" rel=\"next\">Next</a>"));
    let second = s.page("/en/sites/page/2").await;
    assert_eq!(listed(&second, "en").len(), 9);
    assert!(second.contains("<a href=\"/en/sites\" rel=\"prev\">Previous</a>"));
    assert_eq!(s.get("/en/sites/page/3").await.status(), 404);
    // The addresses pages had before (`?page=N`) lead to them.
    let old = s.get("/en/sites?page=2&sort=sources").await;
    assert_eq!(
        (old.status().as_u16(), old.headers()["location"].to_str().unwrap()),
        (308, "/en/sites/page/2?sort=sources")
    );
    // Filters survive paging.
    let sorted = s.page("/en/sites?sort=sources&type=&country=RU").await;
    let all_sorted = s.page("/en/sites?sort=sources").await;
    assert!(all_sorted.contains("href=\"/en/sites/page/2?sort=sources\""), "filters survive paging");
    // Most independent sources first: Taganrog has the most.
    assert_eq!(listed(&sorted, "en")[0], "ru-taganrog-sizo-2");
    // By name, in the reader's alphabet.
    let names = |html: &str| {
        elements(html, "<h3><a", "</a>")
            .into_iter()
            .map(|e| e[e.find('>').unwrap() + 1..].to_owned())
            .collect::<Vec<_>>()
    };
    let uk = names(&s.page("/uk/sites?sort=name").await);
    let mut sorted_uk = uk.clone();
    let alphabet: Vec<char> = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя".chars().collect();
    sorted_uk.sort_by_key(|n| {
        // Words before longer words, digits before letters, Ukrainian letters in alphabet order.
        n.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .map(|c| match c {
                ' ' => 0,
                '0'..='9' => 1 + c as usize - '0' as usize,
                _ => alphabet.iter().position(|&a| a == c).map_or(100_000 + c as usize, |p| 100 + p),
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(uk, sorted_uk);
    // The form shows the filters in force.
    let html = s.page("/en/sites?type=penal_colony").await;
    assert!(html.contains("<option value=\"penal_colony\" selected>"));
    assert!(html.contains("Clear filters"));
}

#[tokio::test]
async fn empty_and_unknown_parameters_are_ignored() {
    let s = Server::start();
    let plain = s.page("/en/sites").await;
    // What a filter form sends when nothing is chosen.
    let form = s.page("/en/sites?type=&country=&occupied=&abuse=&sort=name").await;
    assert_eq!(listed(&plain, "en"), listed(&form, "en"));
    let junk = s.page("/en/sites?utm_source=x&foo=bar").await;
    assert_eq!(listed(&plain, "en"), listed(&junk, "en"));
}

#[tokio::test]
async fn bad_parameters_get_a_400_that_says_why() {
    let s = Server::start();
    for (query, lang, words) in [
        ("type=prison", "en", vec!["“type”", "“prison”", "penal_colony"]),
        ("occupied=maybe", "en", vec!["“occupied”", "yes, no"]),
        ("abuse=%3Cscript%3E", "en", vec!["“&#60;script&#62;”"]),
        ("page=0", "uk", vec!["«page»", "«0»"]),
        ("page=-1", "en", vec!["“page”"]),
        ("page=99999999999999999999", "en", vec!["“page”"]),
        ("sort=random", "uk", vec!["«sort»"]),
        ("country=Russia", "en", vec!["“country”"]),
    ] {
        let r = s.get(&format!("/{lang}/sites?{query}")).await;
        assert_eq!(r.status(), 400, "{query}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{query}");
        assert!(!html.contains("<script>"), "{query}: input echoed unescaped");
        for w in words {
            assert!(html.contains(w), "{query}: missing {w:?}");
        }
    }
}

/// A choice the form offers with "(0)" led to "Page not found — it may
/// have been mistyped" (UX review 3, 1.4): a type, an abuse or yes/no that
/// no site has lists nothing, with status 200, and links to the list
/// without each filter; a country nobody is held in stays a 404 (F11).
#[tokio::test]
async fn a_filter_no_site_matches_says_which_to_remove() {
    let s = Server::start();
    let r = s.get("/en/sites?type=military_unit&abuse=beating").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("No site matches these filters."), "{html}");
    let removals = elements(&html, "<ul class=\"remove-filters\">", "</ul>")[0];
    assert!(
        removals.contains("<a href=\"/en/sites?abuse=beating\">Remove “Type of site: Military unit”</a>"),
        "{removals}"
    );
    assert!(
        removals.contains("<a href=\"/en/sites?type=military_unit\">Remove “Documented abuse: Beating”</a>"),
        "{removals}"
    );
    // Every value the form offers answers 200, however many sites it has.
    let form = s.page("/en/sites").await;
    for select in ["type", "abuse", "occupied"] {
        let options = elements(&form, &format!("<select id=\"f-{select}\""), "</select>")[0];
        for value in crate::support::attr_values(options, "value").into_iter().filter(|v| !v.is_empty()) {
            let url = format!("/en/sites?{select}={value}");
            assert_eq!(s.get(&url).await.status(), 200, "{url}");
        }
    }
    let uk = s.page("/uk/sites?abuse=forced_labour").await;
    assert!(uk.contains("Прибрати «"), "{uk}");
    assert_eq!(s.get("/en/sites?country=QQ").await.status(), 404);
}
