//! The network of transfers: each site's page lists where its prisoners came
//! from and were taken, the network page lists every route and draws it, and
//! every count and link matches the stays of the sample's testimonies.

use crate::support::{Server, attr_values, sample_rows};
use std::collections::BTreeMap;

/// (from, to) → testimonies recording the move, from the sample's `stays` column.
fn sample_routes() -> BTreeMap<(String, String), Vec<String>> {
    let mut routes: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for t in sample_rows("testimonies.csv") {
        let sites: Vec<String> = t["stays"].split('|').map(|s| s.split('@').next().unwrap().to_owned()).collect();
        for pair in sites.windows(2) {
            if pair[0] != pair[1] {
                routes.entry((pair[0].clone(), pair[1].clone())).or_default().push(t["id"].clone());
            }
        }
    }
    routes
}

#[tokio::test]
async fn a_site_page_lists_where_its_prisoners_came_from_and_were_taken() {
    let s = Server::start();
    let routes = sample_routes();
    let site = "ua-olenivka-ik-120";
    let html = s.page(&format!("/en/sites/{site}")).await;
    let section = html
        .split("<h2 id=\"transfers-heading\">")
        .nth(1)
        .expect("a transfers section")
        .split("</section>")
        .next()
        .unwrap();
    let (into, out_of) = section.split_once("Taken from here to").expect("both directions");
    for ((from, to), testimonies) in &routes {
        let (part, other) = if to == site {
            (into, from)
        } else if from == site {
            (out_of, to)
        } else {
            continue;
        };
        let line = part
            .split("<li>")
            .find(|li| li.contains(&format!("href=\"/en/sites/{other}\"")))
            .unwrap_or_else(|| panic!("{from} → {to} is listed"));
        let n = testimonies.len();
        let moves = if n == 1 { "1 move".to_owned() } else { format!("{n} moves") };
        assert!(line.contains(&moves), "{from} → {to}: {line}");
        for t in testimonies {
            // A testimony of this site is on its page: linked by its anchor, which exists.
            assert!(line.contains(&format!("href=\"#{t}\"")), "{t} linked in {line}");
            assert!(html.contains(&format!("id=\"{t}\"")), "{t} is on the page");
        }
    }
    // The same in Ukrainian, with the right plural forms.
    let uk = s.page(&format!("/uk/sites/{site}")).await;
    assert!(uk.contains("<h2 id=\"transfers-heading\">Переведення</h2>"));
    let to_taganrog = routes[&(site.to_owned(), "ru-taganrog-sizo-2".to_owned())].len();
    assert!(uk.contains(&format!("{to_taganrog} переведення")), "2–4 переведення");
    // A site that no testimony names has no section.
    let kursk = s.page("/en/sites/ru-kursk-sizo-1").await;
    assert_eq!(
        kursk.contains("transfers-heading"),
        routes.keys().any(|(a, b)| a == "ru-kursk-sizo-1" || b == "ru-kursk-sizo-1")
    );
}

#[tokio::test]
async fn the_network_page_lists_and_draws_every_route_and_its_links_lead_to_the_testimonies() {
    let s = Server::start();
    let routes = sample_routes();
    let html = s.page("/en/transfers").await;
    let moves: usize = routes.values().map(Vec::len).sum();
    assert!(html.contains(&format!("Moves recorded: {moves}. Routes: {}.", routes.len())), "the summary counts");
    // The table, heaviest first.
    let table = html.split("<h2 id=\"routes-heading\">").nth(1).unwrap().split("</table>").next().unwrap();
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), routes.len(), "every route has a row");
    let heaviest = routes.values().map(Vec::len).max().unwrap();
    assert!(rows[0].contains(&format!("<td>{heaviest}</td>")), "heaviest first: {}", rows[0]);
    for ((from, to), testimonies) in &routes {
        let row = rows
            .iter()
            .find(|r| {
                r.contains(&format!("/en/sites/{from}\""))
                    && r.split("</td>").nth(1).unwrap().contains(&format!("/en/sites/{to}\""))
            })
            .unwrap_or_else(|| panic!("{from} → {to} has a row"));
        assert!(row.contains(&format!("<td>{}</td>", testimonies.len())), "{row}");
    }
    // The map draws a line for each route, and the page links the map without them.
    let map = html.split("<g class=\"routes\">").nth(1).expect("routes drawn").split("</g>").next().unwrap();
    assert_eq!(map.matches("<path ").count(), routes.len());
    assert!(html.contains("href=\"/en/#map-heading\""));
    assert!(s.page("/en/").await.contains("href=\"/en/transfers\""), "the home map offers the routes");
    // Every testimony link leads to a page that holds the testimony.
    for href in attr_values(table, "href").into_iter().filter(|h| h.contains('#')) {
        let (path, anchor) = href.split_once('#').unwrap();
        let page = s.page(path).await;
        assert!(page.contains(&format!("id=\"{anchor}\"")), "{href}");
    }
}
