//! The exports in the language of their tree (issue 37, item 6): a Russian site's
//! `ranking.json` and `ranking.csv` gave not-ranked reasons in English, and no CSV opened
//! cleanly in a Russian or German Excel (UTF-8 without a byte-order mark, commas where those
//! locales separate cells with `;` and write decimals with a comma).

use std::collections::BTreeMap;

use crate::support::{Fixture, edition, result};

/// A site in Russian first, then English: Alpha ranked, Beta not (10 responses, 30 required).
fn russian_site() -> BTreeMap<String, Vec<u8>> {
    let site = "title: Рейтинг\nbase_url: https://example.org/\nlanguages: [ru, en]\ntop: 2\n\
                precision: 1\nmin_sector_size: 3\nshare_images: none\n";
    let results = [
        result("alpha", 100, "5", "4", "2"),
        result("beta", 10, "4", "4", "3"),
    ];
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", site),
        ("data/editions/2026.yaml", &edition(2026, &results)),
    ]);
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    files.into_iter().collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files[path].clone()).unwrap()
}

/// The records of a CSV file with `delimiter`, after its byte-order mark.
fn records(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte-order mark first");
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn reasons_in_the_exports_are_in_the_language_of_their_tree() {
    let files = russian_site();
    let json: serde_json::Value = serde_json::from_slice(&files["2026/ranking.json"]).unwrap();
    assert_eq!(json["not_ranked"][0]["id"], "beta");
    assert_eq!(json["not_ranked"][0]["reason"], "10 ответов, требуется 30");
    let english: serde_json::Value =
        serde_json::from_slice(&files["en/2026/ranking.json"]).unwrap();
    assert_eq!(
        english["not_ranked"][0]["reason"],
        "10 responses, 30 required"
    );
    // ranking.csv stays for programs: ids as headings, commas, points for decimals; its reason
    // is in the tree's language too.
    let csv = text(&files, "2026/ranking.csv");
    assert!(csv.starts_with("rank,sector_rank,company,name,sector,score,"));
    assert!(csv.contains("1,1,alpha,Alpha Bank,banks,80.8,"), "{csv}");
    assert!(csv.contains(",\"10 ответов, требуется 30\","), "{csv}");
}

#[test]
fn the_spreadsheet_file_opens_in_the_language_s_spreadsheet_as_it_is() {
    let files = russian_site();
    // Russian: `;` between cells, decimal commas, headings in words.
    let russian = records(&files["2026/ranking-spreadsheet.csv"], b';');
    let head = &russian[0];
    assert_eq!(
        head[..5],
        ["Место", "Место в отрасли", "Компания", "Отрасль", "Балл"].map(String::from)
    );
    assert_eq!(head.last().map(String::as_str), Some("Причина"));
    // Alpha by hand: customers (100 + 3 × 75) / 4 = 81.25, management 100 × (6 − 2) / 5 = 80,
    // overall (2 × 81.25 + 80) / 3 = 80.83 → 80,8.
    let alpha = &russian[1];
    assert_eq!(
        alpha[..5],
        ["1", "1", "Alpha Bank", "Banks", "80,8"].map(String::from)
    );
    let management = head.iter().position(|h| h == "Management").unwrap();
    assert_eq!(alpha[management], "80,0");
    let beta = &russian[2];
    assert_eq!(beta[2], "Beta Bank");
    assert_eq!(beta[4], "", "no score for a company not ranked");
    assert_eq!(
        beta.last().map(String::as_str),
        Some("10 ответов, требуется 30")
    );
    assert!(russian.iter().all(|row| row.len() == head.len()));
    // Lines end as Windows spreadsheets write them.
    assert!(files["2026/ranking-spreadsheet.csv"].ends_with(b"\r\n"));

    // English: commas and points.
    let english = records(&files["en/2026/ranking-spreadsheet.csv"], b',');
    assert_eq!(
        english[0][..3],
        ["Rank", "Sector rank", "Company"].map(String::from)
    );
    assert_eq!(english[1][4], "80.8");

    // The pages link to it beside the other downloads, named in their language.
    let page = text(&files, "2026/index.html");
    assert!(page.contains(
        "<a href=\"../2026/ranking-spreadsheet.csv\" type=\"text/csv\">таблица для Excel</a>"
    ));
}

#[test]
fn a_negative_change_stays_a_number_and_a_formula_stays_text() {
    let site = "title: T\nbase_url: https://example.org/\nlanguages: [de]\ntop: 2\n\
                precision: 1\nmin_sector_size: 3\nshare_images: none\n";
    let companies = "- {id: alpha, name: \"=SUM(A1)\", sector: banks}\n\
                     - {id: beta, name: Beta Bank, sector: banks}\n";
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", site),
        ("data/companies.yaml", companies),
        (
            "data/editions/2025.yaml",
            &edition(2025, &[result("alpha", 100, "5", "5", "1")]),
        ),
        (
            "data/editions/2026.yaml",
            &edition(2026, &[result("alpha", 100, "5", "4", "2")]),
        ),
    ]);
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    let rows = records(&files["2026/ranking-spreadsheet.csv"], b';');
    let points = rows[0]
        .iter()
        .position(|h| h == "Veränderung (Punkte)")
        .unwrap();
    // 2025: 100.0; 2026: 80.8 → −19,2, written as a number a spreadsheet reads.
    assert_eq!(rows[1][points], "-19,2");
    assert_eq!(rows[1][2], "'=SUM(A1)");
}
