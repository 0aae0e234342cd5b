//! Hostile names go in, inert text comes out: in HTML pages, inline SVG charts, seals, JSON, CSV,
//! the Atom feed, the sitemap and the search index. Each check reads the file as its consumer
//! would (an XML parser, a JSON parser, a CSV reader) and compares with the name as typed.

use std::collections::BTreeMap;

use crate::support::{Fixture, result};

const SCRIPT_NAME: &str = "<script>alert(1)</script> \"Quoted\" & 'Single' </svg> ]]>";
const FORMULA_NAME: &str = "=HYPERLINK(\"http://evil.example\",\"click\")";
const RTL_NAME: &str =
    "\u{202e}gnp.exe \u{0634}\u{0631}\u{0643}\u{0629} Cafe\u{0301} Zu\u{0308}rich";
const SECTOR_NAME: &str = "</svg><script>alert(2)</script>";
const CRITERION_NAME: &str = "]]><script>alert(3)</script>";
const ARTICLE_TITLE: &str = "<script>alert(4)</script> & \"news\"";

/// YAML for a double-quoted scalar: escapes what YAML needs, keeps everything else as typed.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn hostile_site() -> BTreeMap<String, Vec<u8>> {
    let companies = format!(
        "- {{id: alpha, name: {}, sector: banks}}\n\
         - {{id: beta, name: {}, sector: banks}}\n\
         - {{id: gamma, name: {}, sector: banks}}\n\
         - {{id: plus, name: \"+SUM(1)\", sector: banks}}\n\
         - {{id: minus, name: \"-2+3\", sector: banks}}\n\
         - {{id: at, name: \"@cmd\", sector: banks}}\n",
        yaml_string(SCRIPT_NAME),
        yaml_string(FORMULA_NAME),
        yaml_string(RTL_NAME),
    );
    let sectors = format!("- id: banks\n  name: {}\n", yaml_string(SECTOR_NAME));
    let methodology = crate::support::METHODOLOGY.replace(
        "{id: care, name: Care, weight: 3}",
        &format!(
            "{{id: care, name: {}, weight: 3}}",
            yaml_string(CRITERION_NAME)
        ),
    );
    let results = [
        result("alpha", 100, "5", "5", "1"),
        result("beta", 100, "4", "5", "2"),
        result("gamma", 100, "3", "4", "2"),
        result("plus", 100, "3", "3", "3"),
        result("minus", 100, "2", "3", "3"),
        result("at", 100, "2", "2", "4"),
    ];
    let article = format!(
        "---\ntitle: {}\ndate: 2026-06-20\nsummary: {}\n---\nBody with <script>alert(5)</script> \
         typed into the Markdown.\n",
        yaml_string(ARTICLE_TITLE),
        yaml_string(SCRIPT_NAME)
    );
    let fixture = Fixture::with_theme(&[
        ("data/companies.yaml", &companies),
        ("data/sectors.yaml", &sectors),
        ("data/methodology.yaml", &methodology),
        (
            "data/editions/2026.yaml",
            &crate::support::edition(2026, &results),
        ),
        ("content/articles/news.md", &article),
        (
            "content/companies/alpha.md",
            "Commentary with <img src=x onerror=alert(6)> raw HTML.\n",
        ),
    ]);
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    files
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} missing"))
            .clone(),
    )
    .expect("utf-8")
}

fn is_markup(path: &str) -> bool {
    [".html", ".svg", ".xml", ".js"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

#[test]
fn no_markup_file_contains_a_live_script_or_a_broken_attribute() {
    let files = hostile_site();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !is_markup(path) {
            continue;
        }
        let content = String::from_utf8_lossy(bytes);
        assert!(!content.contains("<script>alert"), "{path} runs a script");
        assert!(!content.contains("<img src=x"), "{path} has raw HTML");
        // A raw quote next to the word would end an attribute value early.
        assert!(!content.contains("\"Quoted\""), "{path} has a raw quote");
        checked += 1;
    }
    assert!(checked > 30, "only {checked} markup files");
    // The name is shown, escaped, where a reader expects it.
    let page = text(&files, "companies/alpha/index.html");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the company name is not shown as text"
    );
    let article = text(&files, "articles/news/index.html");
    assert!(
        article.contains("&lt;script&gt;alert(5)"),
        "Markdown HTML is not escaped"
    );
}

#[test]
fn every_svg_and_xml_file_parses_and_keeps_the_names_as_typed() {
    let files = hostile_site();
    let mut texts = Vec::new();
    for (path, bytes) in &files {
        if !(path.ends_with(".svg") || path.ends_with(".xml")) {
            continue;
        }
        let content = String::from_utf8_lossy(bytes);
        let document = roxmltree::Document::parse(&content)
            .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
        texts.extend(
            document
                .descendants()
                .filter_map(|n| n.text())
                .map(str::to_string),
        );
    }
    let all = texts.join("\n");
    assert!(
        all.contains(ARTICLE_TITLE),
        "the feed changed the article title"
    );
    assert!(
        texts.iter().any(|t| t.contains(SCRIPT_NAME)),
        "the seal lost the company name"
    );

    // Inline charts: every <svg> in the company page is well-formed on its own and its title
    // carries the name unchanged.
    let page = text(&files, "companies/alpha/index.html");
    let (mut charts, mut named) = (0, 0);
    for chunk in page.split("<svg").skip(1) {
        let end = chunk.find("</svg>").expect("closed svg") + "</svg>".len();
        let svg = format!("<svg{}", &chunk[..end]);
        let document = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("inline chart is not well-formed: {e}\n{svg}"));
        let title = document
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        if title.contains("alert") {
            assert!(title.contains(SCRIPT_NAME), "{title}");
            named += 1;
        }
        charts += 1;
    }
    // The chart by criterion, drawn once on a company page, is titled with the name.
    assert!(
        charts >= 1 && named >= 1,
        "the company page has {charts} charts, {named} named"
    );
}

#[test]
fn json_and_the_search_index_keep_every_name_exactly() {
    let files = hostile_site();
    let ranking: serde_json::Value =
        serde_json::from_slice(&files["2026/ranking.json"]).expect("ranking.json parses");
    let names: Vec<&str> = ranking["companies"]
        .as_array()
        .expect("companies")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for expected in [
        SCRIPT_NAME,
        FORMULA_NAME,
        RTL_NAME,
        "+SUM(1)",
        "-2+3",
        "@cmd",
    ] {
        assert!(names.contains(&expected), "{expected:?} not in {names:?}");
    }

    let script = text(&files, "search-index.js");
    assert!(!script.contains('<'), "the search index has a raw <");
    let titles: Vec<String> = crate::support::search_entries(&script)
        .iter()
        .filter_map(|e| e["t"].as_str().map(str::to_string))
        .collect();
    assert!(titles.iter().any(|t| t == SCRIPT_NAME), "{titles:?}");
    assert!(titles.iter().any(|t| t == RTL_NAME), "{titles:?}");
    assert!(titles.iter().any(|t| t == ARTICLE_TITLE), "{titles:?}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let files = hostile_site();
    let mut reader = csv::Reader::from_reader(files["2026/ranking.csv"].as_slice());
    let headers = reader.headers().expect("header").clone();
    let name_column = headers
        .iter()
        .position(|h| h == "name")
        .expect("name column");
    let sector_column = headers
        .iter()
        .position(|h| h == "sector")
        .expect("sector column");
    let mut names = Vec::new();
    for record in reader.records() {
        let record = record.expect("a CSV record");
        names.push(record[name_column].to_string());
        let sector = &record[sector_column];
        assert!(!sector.starts_with(['=', '+', '-', '@']), "{sector}");
    }
    for (typed, written) in [
        (FORMULA_NAME, format!("'{FORMULA_NAME}")),
        ("+SUM(1)", "'+SUM(1)".to_string()),
        ("-2+3", "'-2+3".to_string()),
        ("@cmd", "'@cmd".to_string()),
        (SCRIPT_NAME, SCRIPT_NAME.to_string()),
        (RTL_NAME, RTL_NAME.to_string()),
    ] {
        assert!(names.contains(&written), "{typed:?} written as? {names:?}");
    }
}
