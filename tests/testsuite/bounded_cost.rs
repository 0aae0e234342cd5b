//! Bounded cost for every input (issue 11, items 10 to 14): inputs built to explode the cost of
//! a build get a bounded number of short errors or are refused early. How long each takes is
//! measured outside the tests (see the closing note); these check the behaviour that
//! keeps the cost bounded.

use rankpress::diagnostics::{Diagnostic, Diagnostics};

use crate::support::{COMPANIES, Fixture, SITE, edition, result};

fn site_without_cards() -> String {
    SITE.to_string()
}

fn data_errors(files: &[(&str, &str)]) -> Diagnostics {
    let (site, diagnostics) = Fixture::new(files).validate();
    assert!(site.is_none(), "the data should not validate");
    diagnostics
}

fn in_file<'a>(diagnostics: &'a Diagnostics, file: &str) -> Vec<&'a Diagnostic> {
    diagnostics.iter().filter(|d| d.file == file).collect()
}

fn build(
    files: &[(&str, &str)],
) -> Result<std::collections::BTreeMap<String, Vec<u8>>, Diagnostics> {
    let site = site_without_cards();
    let mut all = vec![("data/site.yaml", site.as_str())];
    all.extend_from_slice(files);
    let fixture = Fixture::with_theme(&all);
    match rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())) {
        Ok((_, files)) => Ok(files),
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => Err(diagnostics),
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn a_csv_header_of_100000_unknown_columns_is_one_error() {
    let mut header = String::from("company,responses,speed,care,standards");
    for index in 0..100_000 {
        header.push_str(&format!(",x{index}"));
    }
    let csv = format!("{header}\nalpha,100,5,4,2\n");
    let diagnostics = data_errors(&[
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", &csv),
    ]);
    let errors = in_file(&diagnostics, "data/editions/2026.csv");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    let error = errors[0];
    assert!(error.message.contains("100000 unknown columns"), "{error}");
    assert_eq!((error.line, error.column), (Some(1), Some(40)), "{error}");
    // The line shown is a window around the column, not the 700 KB header.
    assert!(error.source_line.as_ref().unwrap().chars().count() <= 242);
}

#[test]
fn thousands_of_errors_on_one_line_keep_a_window_of_it_and_print_200() {
    let companies: Vec<String> = (0..5_000)
        .map(|_| "{id: same, name: Same, sector: banks}".to_string())
        .collect();
    let diagnostics = data_errors(&[(
        "data/companies.yaml",
        &format!("[{}]\n", companies.join(", ")),
    )]);
    let errors = in_file(&diagnostics, "data/companies.yaml");
    assert_eq!(errors.len(), 4_999, "every duplicate is counted");
    for error in &errors {
        assert_eq!(error.line, Some(1));
        let shown = error.source_line.as_ref().expect("a line is shown");
        assert!(
            shown.chars().count() <= 242,
            "{} characters kept",
            shown.len()
        );
    }
    // The report prints 200 of them and counts the rest.
    let printed = diagnostics.to_string();
    assert_eq!(printed.matches("error: duplicate company id").count(), 200);
    let rest = diagnostics.error_count() - 200;
    assert!(
        printed.contains(&format!("… and {rest} more: {rest} error(s)")),
        "{}",
        &printed[printed.len() - 300..]
    );
    // A million problems are counted, not all kept.
    let mut many = Diagnostics::new();
    for _ in 0..1_000_000 {
        many.push(Diagnostic::error("x", "e"));
    }
    assert_eq!(many.error_count(), 1_000_000);
    assert_eq!(many.iter().count(), rankpress::diagnostics::MAX_STORED);
}

#[test]
fn line_starts_are_indexed_once_and_every_line_is_found() {
    let text: String = (1..=20_000).map(|n| format!("line {n}\r\n")).collect();
    let file = rankpress::input::source::SourceFile::new("data/x.csv", text);
    for line in [1, 2, 9_999, 20_000] {
        assert_eq!(file.line_text(line), Some(format!("line {line}")));
    }
    assert_eq!(file.line_text(20_001), None);
    assert_eq!(file.line_of_offset(0), 1);
    assert_eq!(file.line_of_offset("line 1\r\n".len()), 2);
}

#[test]
fn ten_thousand_company_links_build_and_one_more_is_a_located_error() {
    let links = "[[company:alpha]] ".repeat(10_000);
    let files = build(&[("content/_index.md", &format!("Intro\n\n{links}\n"))])
        .unwrap_or_else(|d| panic!("{d}"));
    let home = String::from_utf8(files["index.html"].clone()).unwrap();
    assert!(home.matches("Alpha Bank</a>").count() >= 10_000);

    let over = format!("Intro\n\n{links}\n[[company:beta]] [[company:beta]]\n");
    let errors = build(&[("content/_index.md", &over)]).expect_err("over the limit");
    let found: Vec<&Diagnostic> = in_file(&errors, "content/_index.md");
    assert_eq!(found.len(), 1, "{errors}");
    assert_eq!(
        (found[0].line, found[0].column),
        (Some(4), Some(1)),
        "{}",
        found[0]
    );
    assert!(
        found[0].message.contains("too many [[…]] links"),
        "{}",
        found[0]
    );
}

#[test]
fn thousands_of_chart_embeds_are_one_located_error() {
    let charts = "{{ chart sectors 2026 }}\n\n".repeat(8_000);
    let errors = build(&[(
        "content/_index.md",
        &format!("---\ntitle: Home\n---\n{charts}"),
    )])
    .expect_err("over the limit");
    let found = in_file(&errors, "content/_index.md");
    assert_eq!(found.len(), 1, "{errors}");
    // The 101st embed, on line 4 + 2 × 100.
    assert_eq!(found[0].line, Some(204), "{}", found[0]);
    assert!(
        found[0]
            .expected
            .as_deref()
            .unwrap()
            .contains("at most 100")
    );
}

#[test]
fn thirty_thousand_equal_headings_get_unique_anchors() {
    let markdown = "## Results\n\n".repeat(30_000);
    let html = rankpress::content::markdown::render(&markdown, false, 0).html;
    assert!(html.contains("<h2 id=\"results\">"));
    assert!(html.contains("<h2 id=\"results-2\">"));
    assert!(html.contains("<h2 id=\"results-30000\">"));
    assert_eq!(html.matches("id=\"results-").count(), 29_999);
    // A heading that takes a name a counter would give is not given twice.
    let html =
        rankpress::content::markdown::render("## A\n\n## A 2\n\n## A\n\n## A\n", false, 0).html;
    let ids: Vec<&str> = html
        .split("id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(ids, vec!["a", "a-2", "a-3", "a-4"]);
}

#[test]
fn yaml_nested_100000_levels_fails_fast_with_a_located_error() {
    let depth = 100_000;
    let nested = format!("title: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let diagnostics = data_errors(&[("data/site.yaml", &nested)]);
    let errors = in_file(&diagnostics, "data/site.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert!(
        errors[0].message.contains("nested more than 128 levels"),
        "{}",
        errors[0]
    );
    assert_eq!((errors[0].line, errors[0].column), (Some(1), Some(136)));
    // Brackets in quotes and comments are text, not nesting.
    let quoted = format!(
        "title: \"{}\" # {}\nbase_url: https://example.org/\n",
        "[".repeat(500),
        "{".repeat(500)
    );
    let (site, diagnostics) = Fixture::new(&[("data/site.yaml", &quoted)]).validate();
    assert!(site.is_some(), "{diagnostics}");
}

#[test]
fn a_million_aliases_in_the_data_are_counted_errors_in_bounded_memory() {
    let mut companies = COMPANIES.replacen("- {id: alpha", "- &a {id: alpha", 1);
    companies.push_str(&"- *a\n".repeat(200_000));
    let diagnostics = data_errors(&[("data/companies.yaml", &companies)]);
    assert_eq!(
        diagnostics.error_count(),
        200_000,
        "one duplicate id per alias"
    );
    assert!(diagnostics.iter().count() <= rankpress::diagnostics::MAX_STORED);
}

#[test]
fn very_long_texts_are_located_errors_and_cards_draw_a_bounded_text() {
    let title = "Ranking ".repeat(2_000);
    let diagnostics = data_errors(&[("data/site.yaml", &SITE.replace("Test Ranking", &title))]);
    let errors = in_file(&diagnostics, "data/site.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert!(
        errors[0].message.contains("15999 characters"),
        "{}",
        errors[0]
    );
    assert_eq!(
        (errors[0].line, errors[0].column),
        (Some(1), Some(8)),
        "{}",
        errors[0]
    );
    // Ids become file names: a long one is refused.
    let long_id = "a".repeat(101);
    let diagnostics = data_errors(&[(
        "data/companies.yaml",
        &COMPANIES.replace("id: alpha", &format!("id: {long_id}")),
    )]);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("not a valid company id")),
        "{diagnostics}"
    );

    // Text within the limits: a card and a seal draw a few lines of it, however long it is.
    let card = rankpress::draw::previews::Card {
        kicker: "k".repeat(4_999),
        headline: "word ".repeat(999),
        subline: "s".repeat(4_999),
        figures: vec![("l".repeat(4_999), "9".repeat(4_999))],
        list: vec!["x".repeat(4_999); 3],
        award: Some(("a".repeat(4_999), "2026".to_string())),
        right_to_left: false,
    };
    let layout = rankpress::draw::previews::layout(&card);
    let drawn: usize = layout.texts().map(|t| t.text.chars().count()).sum();
    assert!(drawn < 400, "{drawn} characters");
}

#[test]
fn a_page_title_of_the_longest_allowed_length_builds() {
    let long = "x".repeat(4_999);
    let files = build(&[(
        "content/articles/long.md",
        &format!("---\ntitle: {long}\ndate: 2026-01-01\n---\nText\n"),
    )])
    .unwrap_or_else(|d| panic!("{d}"));
    assert!(files.contains_key("articles/long/index.html"));
    let over = "x".repeat(5_001);
    let errors = build(&[(
        "content/articles/long.md",
        &format!("---\ntitle: {over}\ndate: 2026-01-01\n---\nText\n"),
    )])
    .expect_err("too long");
    let found = in_file(&errors, "content/articles/long.md");
    assert_eq!(found.len(), 1, "{errors}");
    assert_eq!(found[0].line, Some(2));
    let _ = (edition(2026, &[]), result("a", 1, "1", "1", "1"));
}
