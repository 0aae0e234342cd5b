//! A long ranking in pages (issue 36: a 4,700-company edition page was 5.7 MB and unusable on a
//! phone): the edition page shows the first `rows_per_page` rows, `2026/ranking/2/` and on the
//! rest, each page linking to the others, every company once and in rank order.

use std::collections::BTreeMap;

use crate::support::{Fixture, SITE, edition, ranking, result};

/// 25 companies in two sectors, each with its own score, in the base site's languages.
fn long_ranking(rows_per_page: Option<u32>) -> Fixture {
    ranking_of(25, rows_per_page)
}

/// `count` companies in two sectors, each with its own score; all share the management score.
fn ranking_of(count: u32, rows_per_page: Option<u32>) -> Fixture {
    let mut companies = String::new();
    let mut results = Vec::new();
    for index in 0..count {
        let sector = if index % 2 == 0 { "banks" } else { "travel" };
        companies.push_str(&format!(
            "- {{id: company-{index:03}, name: Company {index:03}, sector: {sector}}}\n"
        ));
        // Distinct scores: speed and care fall with the index, standards stay.
        let step = 3.9 / f64::from(count);
        let speed = format!("{:.4}", 5.0 - f64::from(index) * step);
        let care = format!("{:.4}", 4.95 - f64::from(index) * step);
        results.push(result(
            &format!("company-{index:03}"),
            100,
            &speed,
            &care,
            "2",
        ));
    }
    let site = match rows_per_page {
        Some(rows) => format!("{SITE}rows_per_page: {rows}\n"),
        None => SITE.to_string(),
    };
    Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/companies.yaml", &companies),
        ("data/editions/2026.yaml", &edition(2026, &results)),
    ])
}

fn build(fixture: &Fixture) -> BTreeMap<String, Vec<u8>> {
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    files.into_iter().collect()
}

fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written"))
            .clone(),
    )
    .unwrap()
}

/// The company ids of the full ranking's rows on a page, in order.
fn rows(html: &str) -> Vec<String> {
    html.split("<tr id=\"ranking-")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

/// The pagination's links as (text, address, current).
fn pagination(html: &str) -> (String, Vec<(String, String, bool)>) {
    let nav = html
        .split("<nav class=\"pagination\"")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .unwrap_or_else(|| panic!("no pagination"));
    let text = nav
        .split("<p class=\"pagination-rows\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .unwrap_or_default()
        .to_string();
    let links = nav
        .split("<a href=\"")
        .skip(1)
        .map(|rest| {
            let href = rest.split('"').next().unwrap_or_default().to_string();
            let label = rest
                .split('>')
                .nth(1)
                .and_then(|l| l.split('<').next())
                .unwrap_or_default()
                .to_string();
            (label, href, rest.contains("\" aria-current=\"page\">"))
        })
        .collect();
    (text, links)
}

#[test]
fn a_long_ranking_is_split_into_pages_that_hold_every_company_once_in_rank_order() {
    let fixture = long_ranking(Some(10));
    let (site, results) = fixture.results();
    let expected: Vec<String> = ranking(&site, &results[0])
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    assert_eq!(expected.len(), 25);
    let files = build(&fixture);

    let first = page(&files, "2026/index.html");
    let second = page(&files, "2026/ranking/2/index.html");
    let third = page(&files, "2026/ranking/3/index.html");
    assert_eq!(rows(&first), expected[..10]);
    assert_eq!(rows(&second), expected[10..20]);
    assert_eq!(rows(&third), expected[20..]);
    assert!(!files.contains_key("2026/ranking/4/index.html"));
    assert!(!files.contains_key("2026/ranking/1/index.html"));
    // The German tree has the same pages, in German.
    let german = page(&files, "de/2026/ranking/2/index.html");
    assert_eq!(rows(&german), expected[10..20]);
    // A word joiner after the dash: "11–" never ends a line with "20" on the next.
    assert!(german.contains("<p class=\"pagination-rows\">Zeilen 11–\u{2060}20 von 25</p>"));

    // Each page says which rows it holds and links to the others; the first is the edition's.
    let (text, links) = pagination(&second);
    assert_eq!(text, "Rows 11–\u{2060}20 of 25");
    // A word joiner after the dash: "11–20" is never broken there.
    assert!(second.contains("<h1>Full ranking 2026, rows 11–\u{2060}20</h1>"));
    assert_eq!(
        links,
        [
            ("Previous", "../../../2026/index.html", false),
            ("1", "../../../2026/index.html", false),
            ("2", "../../../2026/ranking/2/index.html", true),
            ("3", "../../../2026/ranking/3/index.html", false),
            ("Next", "../../../2026/ranking/3/index.html", false),
        ]
        .map(|(label, href, current)| (label.to_string(), href.to_string(), current))
    );
    assert!(second.contains("rel=\"prev\"") && second.contains("rel=\"next\""));
    let (text, links) = pagination(&first);
    assert_eq!(text, "Rows 1–\u{2060}10 of 25");
    assert_eq!(links.first().map(|l| l.0.as_str()), Some("1"));
    assert!(links[0].2, "the edition page is page 1");
    assert!(!first.contains("rel=\"prev\""));
    assert!(!third.contains("rel=\"next\""));
    // The script that sorts and filters all rows finds every page, in order.
    assert!(second.contains(
        "data-pages=\"../../../2026/index.html ../../../2026/ranking/2/index.html ../../../2026/ranking/3/index.html\""
    ));

    // Search engines find the further pages.
    let sitemap = page(&files, "sitemap.xml");
    assert!(sitemap.contains("https://example.org/2026/ranking/2/"));
    assert!(sitemap.contains("https://example.org/de/2026/ranking/3/"));
}

#[test]
fn a_ranking_that_fits_on_one_page_has_no_further_pages() {
    // The default, 100 rows a page, holds all 25.
    let files = build(&long_ranking(None));
    let edition = page(&files, "2026/index.html");
    assert_eq!(rows(&edition).len(), 25);
    assert!(!edition.contains("class=\"pagination\""));
    assert!(!files.keys().any(|path| path.contains("/ranking/")));
}

#[test]
fn too_few_rows_per_page_is_an_error_at_the_key() {
    let fixture = long_ranking(Some(5));
    let errors = crate::support::build_errors(&fixture);
    let error = errors
        .iter()
        .find(|d| d.file == "data/site.yaml")
        .unwrap_or_else(|| panic!("no error in site.yaml: {errors:?}"));
    assert_eq!(error.line, Some(8), "{error}");
    assert!(error.message.contains("5 rows per page"), "{error}");
    assert!(
        error.to_string().contains("at least 10"),
        "the error says what is expected: {error}"
    );
}

#[test]
fn a_lead_shared_by_many_names_ten_and_counts_the_others() {
    // All 25 companies share the management criterion's lead (the same score of 2).
    let files = build(&long_ranking(Some(10)));
    let edition = page(&files, "2026/index.html");
    let row = edition
        .split("<th scope=\"row\">Standards")
        .nth(1)
        .and_then(|rest| rest.split("</tr>").next())
        .expect("the standards row of the criterion leaders");
    assert_eq!(row.matches("<a href=").count(), 10, "{row}");
    assert!(
        row.contains("Company 000") && !row.contains("Company 010"),
        "{row}"
    );
    assert!(row.contains(" and 15 more"), "{row}");
    // The export still names all 25.
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    let standards = json["criterion_leaders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == "standards")
        .unwrap();
    assert_eq!(
        standards["companies"].as_array().unwrap().len(),
        25,
        "{standards}"
    );
}

#[test]
fn a_scatter_of_hundreds_of_companies_leads_to_the_csv_instead_of_a_table() {
    let long = build(&ranking_of(260, None));
    let edition = page(&long, "2026/index.html");
    let scatter = edition
        .split("id=\"chart-scatter\"")
        .nth(1)
        .and_then(|rest| rest.split("</figure>").next())
        .expect("the scatter chart");
    assert!(!scatter.contains("<table"), "no table of 260 rows");
    assert!(scatter.contains(
        "The values behind this chart, company by company: <a href=\"../2026/ranking.csv\" type=\"text/csv\">ranking.csv</a>"
    ));
    // The CSV has every company's perspective scores.
    let csv = String::from_utf8(long["2026/ranking.csv"].clone()).unwrap();
    assert_eq!(csv.lines().count(), 261);
    // 25 companies: the table is on the page.
    let short = build(&long_ranking(None));
    let edition = page(&short, "2026/index.html");
    let scatter = edition.split("id=\"chart-scatter\"").nth(1).unwrap();
    let scatter = scatter.split("</figure>").next().unwrap();
    assert_eq!(scatter.matches("<tr><th scope=\"row\">").count(), 25);
}
