//! Numbers that cannot silently change (issue 11, items 15 to 21): every input that used to be
//! accepted with a quietly wrong number is now a located error, and errors come all at once.

use rankpress::diagnostics::{Diagnostic, Diagnostics};

use crate::support::{COMPANIES, Fixture, METHODOLOGY, SECTORS, SITE, edition, result};

fn data_errors(files: &[(&str, &str)]) -> Diagnostics {
    let (site, diagnostics) = Fixture::new(files).validate();
    assert!(
        site.is_none(),
        "the data should not validate:\n{diagnostics}"
    );
    diagnostics
}

fn errors_in<'a>(diagnostics: &'a Diagnostics, file: &str) -> Vec<&'a Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.file == file && d.is_error())
        .collect()
}

fn build_errors(files: &[(&str, &str)]) -> Diagnostics {
    let site = SITE.to_string();
    let mut all = vec![("data/site.yaml", site.as_str())];
    all.extend_from_slice(files);
    let fixture = Fixture::with_theme(&all);
    match rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("{other}"),
        Ok(_) => panic!("the build should fail"),
    }
}

#[test]
fn a_criterion_given_twice_for_one_company_is_an_error_at_the_second_key() {
    let yaml = "year: 2026\npublished: 2026-06-15\nresults:\n  - company: alpha\n    responses: 100\n    scores:\n      speed: 5\n      care: 4\n      standards: 2\n      care: 1\n";
    let diagnostics = data_errors(&[("data/editions/2026.yaml", yaml)]);
    let errors = errors_in(&diagnostics, "data/editions/2026.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert!(
        errors[0].message.contains("`care` is given twice"),
        "{}",
        errors[0]
    );
    assert_eq!((errors[0].line, errors[0].column), (Some(10), Some(7)));

    // The same everywhere: a struct's field, a localised text's language, a front matter key.
    let companies = COMPANIES.replace(
        "- {id: beta, name: Beta Bank, sector: banks}",
        "- id: beta\n  name: Beta Bank\n  sector: banks\n  name: Other",
    );
    let diagnostics = data_errors(&[("data/companies.yaml", &companies)]);
    let errors = errors_in(&diagnostics, "data/companies.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert_eq!(
        (errors[0].line, errors[0].column),
        (Some(5), Some(3)),
        "at the key: {}",
        errors[0]
    );
    let sectors = SECTORS.replace(
        "{en: Travel, de: Reisen}",
        "{en: Travel, de: Reisen, en: Trips}",
    );
    let diagnostics = data_errors(&[("data/sectors.yaml", &sectors)]);
    let errors = errors_in(&diagnostics, "data/sectors.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert_eq!(
        (errors[0].line, errors[0].column),
        (Some(4), Some(34)),
        "{}",
        errors[0]
    );
}

#[test]
fn non_finite_and_overflowing_numbers_are_located_errors() {
    let nan = edition(2026, &[result("alpha", 100, ".nan", "4", "2")]);
    let diagnostics = data_errors(&[("data/editions/2026.yaml", &nan)]);
    let errors = errors_in(&diagnostics, "data/editions/2026.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert!(errors[0].message.contains(".nan"), "{}", errors[0]);
    assert_eq!(errors[0].line, Some(7));

    let huge_weight = METHODOLOGY.replace("    weight: 2\n", "    weight: 1e308\n");
    let diagnostics = data_errors(&[("data/methodology.yaml", &huge_weight)]);
    let errors = errors_in(&diagnostics, "data/methodology.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert_eq!(errors[0].line, Some(5));

    let huge_scale = METHODOLOGY.replace("{min: 1, max: 5}", "{min: -1e308, max: 1e308}");
    let diagnostics = data_errors(&[("data/methodology.yaml", &huge_scale)]);
    let errors = errors_in(&diagnostics, "data/methodology.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert!(
        errors[0].message.contains("cannot be computed with"),
        "{}",
        errors[0]
    );
    assert_eq!(errors[0].line, Some(6));

    let infinite = METHODOLOGY.replace(
        "{id: care, name: Care, weight: 3}",
        "{id: care, name: Care, weight: .inf}",
    );
    let diagnostics = data_errors(&[("data/methodology.yaml", &infinite)]);
    assert_eq!(
        errors_in(&diagnostics, "data/methodology.yaml").len(),
        1,
        "{diagnostics}"
    );
}

/// The located errors of `files`, as (file, line, column, message).
fn located(diagnostics: &Diagnostics) -> Vec<(String, Option<usize>, Option<usize>, String)> {
    let mut all: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.clone(), d.line, d.column, d.message.clone()))
        .collect();
    all.sort();
    all
}

#[test]
fn every_located_error_is_on_the_same_line_in_lf_and_crlf_files() {
    let csv = "company,responses,speed,care,standards\nalpha,100,5,4,2\nbeta,12x,5,9,2\nnobody,40,5,4,2\n\ngamma,40,5,4\n";
    let yaml = edition(
        2025,
        &[
            result("alpha", 100, "5", "4", "7"),
            result("beta", 100, "x", "4", "2"),
            result("nobody", 100, "5", "4", "2"),
        ],
    );
    let companies = COMPANIES.replace("sector: travel}", "sector: trvel}");
    let lf = data_errors(&[
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", csv),
        ("data/editions/2025.yaml", &yaml),
        ("data/companies.yaml", &companies),
    ]);
    let crlf = data_errors(&[
        ("data/editions/2026.yaml", "year: 2026\r\n"),
        ("data/editions/2026.csv", &csv.replace('\n', "\r\n")),
        ("data/editions/2025.yaml", &yaml.replace('\n', "\r\n")),
        ("data/companies.yaml", &companies.replace('\n', "\r\n")),
    ]);
    assert_eq!(located(&lf), located(&crlf));
    let csv_lines: Vec<Option<usize>> = errors_in(&crlf, "data/editions/2026.csv")
        .iter()
        .map(|d| d.line)
        .collect();
    let mut sorted = csv_lines.clone();
    sorted.sort();
    // 12x and 9 on line 3, nobody on line 4, the short row on line 6.
    assert_eq!(sorted, vec![Some(3), Some(3), Some(4), Some(6)], "{crlf}");
}

#[test]
fn an_edition_without_a_ranked_company_is_an_error_not_the_headline() {
    let errors = build_errors(&[(
        "data/editions/2027.yaml",
        "year: 2027\npublished: 2027-06-15\nresults: []\n",
    )]);
    let found = errors_in(&errors, "data/editions/2027.yaml");
    assert_eq!(found.len(), 1, "{errors}");
    assert!(
        found[0]
            .message
            .contains("no company is ranked in edition 2027"),
        "{}",
        found[0]
    );
    // Companies that are all below min_responses: the same, saying why.
    let errors = build_errors(&[(
        "data/editions/2027.yaml",
        &edition(2027, &[result("alpha", 3, "5", "4", "2")]),
    )]);
    let found = errors_in(&errors, "data/editions/2027.yaml");
    assert_eq!(found.len(), 1, "{errors}");
    assert!(
        found[0].message.contains("none of its 1 companies"),
        "{}",
        found[0]
    );
}

#[test]
fn a_company_moved_to_another_sector_keeps_its_old_sector_in_past_editions() {
    // Delta moved from travel to banks this year; 2025 still ranks it among travel companies.
    let companies = COMPANIES.replace(
        "{id: delta, name: Delta Tours, sector: travel}",
        "{id: delta, name: Delta Tours, sector: banks}",
    );
    let past = format!(
        "{}    sector: travel\n{}",
        edition(2025, &[result("delta", 100, "5", "5", "1")]),
        result("epsilon", 100, "4", "4", "2"),
    );
    let current =
        "company,sector,responses,speed,care,standards\ndelta,,100,5,5,1\nalpha,,100,4,4,2\n";
    let fixture = Fixture::new(&[
        ("data/companies.yaml", &companies),
        ("data/editions/2025.yaml", &past),
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026.csv", current),
    ]);
    let (site, results) = fixture.results();
    let travel = site.sectors.iter().position(|s| s.id == "travel").unwrap();
    let banks = site.sectors.iter().position(|s| s.id == "banks").unwrap();
    let in_sector = |year: usize, sector: usize| -> Vec<String> {
        results[year]
            .sector(sector)
            .ranked
            .iter()
            .map(|&i| {
                site.companies[results[year].ranked_at(i).company]
                    .id
                    .clone()
            })
            .collect()
    };
    assert_eq!(in_sector(0, travel), vec!["delta", "epsilon"]);
    assert!(in_sector(0, banks).is_empty());
    assert_eq!(in_sector(1, banks), vec!["delta", "alpha"]);
    // The export of 2025 names the sector it had then.
    let json = rankpress::render::export::ranking_json(&site, &results[0], 0, &[]);
    assert!(json.contains("\"id\":\"delta\""), "{json}");
    let delta = &json[json.find("\"id\":\"delta\"").unwrap()..];
    assert!(delta[..200].contains("\"sector\":\"travel\""), "{delta}");

    // An unknown sector in a row is a located error with a suggestion.
    let typo = format!(
        "{}    sector: trvel\n",
        edition(2025, &[result("delta", 100, "5", "5", "1")])
    );
    let diagnostics = data_errors(&[("data/editions/2025.yaml", &typo)]);
    let errors = errors_in(&diagnostics, "data/editions/2025.yaml");
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert_eq!(errors[0].line, Some(10));
    assert_eq!(errors[0].hint.as_deref(), Some("did you mean `travel`?"));
}

#[test]
fn a_theme_is_a_folder_name_never_a_path() {
    for theme in ["../../x", "/etc", "themes/../..", ".hidden", ""] {
        let site = format!("{SITE}theme: \"{theme}\"\n");
        let diagnostics = data_errors(&[("data/site.yaml", &site)]);
        let errors = errors_in(&diagnostics, "data/site.yaml");
        assert_eq!(errors.len(), 1, "{theme}: {diagnostics}");
        assert!(
            errors[0].message.contains("is not a theme name"),
            "{}",
            errors[0]
        );
        // The line after the base site's settings.
        assert_eq!(errors[0].line, Some(SITE.lines().count() + 1));
    }
}

#[test]
fn mistakes_in_several_files_are_all_reported_in_one_run() {
    let errors = build_errors(&[
        ("data/sectors.yaml", "- id: banks\n  name: [Banks\n"),
        ("data/editions/2026.yaml", "year: 2026\nresults: [\n"),
        ("content/_index.md", "---\ntitle: [unclosed\n---\nText\n"),
    ]);
    for file in [
        "data/sectors.yaml",
        "data/editions/2026.yaml",
        "content/_index.md",
    ] {
        assert_eq!(errors_in(&errors, file).len(), 1, "{file}:\n{errors}");
    }

    // One sector typo is one error, not one more per result of the company.
    let companies = COMPANIES.replace(
        "{id: alpha, name: Alpha Bank, sector: banks}",
        "{id: alpha, name: Alpha Bank, sector: bank}",
    );
    let diagnostics = data_errors(&[("data/companies.yaml", &companies)]);
    assert_eq!(diagnostics.error_count(), 1, "{diagnostics}");

    // German spreadsheets write thousands with a dot: 1.537 responses are 1537.
    let csv = "company;responses;speed;care;standards\nalpha;1.537;4,5;4;2\n";
    let fixture = Fixture::new(&[
        (
            "data/editions/2026.yaml",
            "year: 2026\npublished: 2026-06-15\n",
        ),
        ("data/editions/2026.csv", csv),
    ]);
    let (_, results) = fixture.results();
    assert_eq!(results[0].ranked[0].responses, Some(1537));

    // No serde jargon in messages.
    let diagnostics = data_errors(&[(
        "data/companies.yaml",
        "- {id: alpha, name: A, sector: banks, size: 3}\n",
    )]);
    for diagnostic in diagnostics.iter() {
        assert!(!diagnostic.message.contains("(at "), "{diagnostic}");
        assert!(!diagnostic.message.contains(".?"), "{diagnostic}");
    }
}
