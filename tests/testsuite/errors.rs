//! Every error kind of FORMAT.md's Errors section: reported with the file, the line (and column
//! where known) and what was expected; all of a run together; non-zero exit; output untouched.

use std::fs;
use std::process::Command;

use rankpress::diagnostics::Diagnostic;

use crate::support::{Fixture, edition, result};

/// The errors of a fixture, asserting there is at least one.
fn errors(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let fixture = Fixture::new(files);
    let (site, diagnostics) = fixture.validate();
    assert!(site.is_none(), "expected the fixture to be rejected");
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect()
}

/// Asserts that exactly one error names `file` at `line` and contains `needle`.
fn check(files: &[(&str, &str)], file: &str, line: usize, needle: &str) -> Diagnostic {
    let errors = errors(files);
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.file == file && d.line == Some(line) && d.message.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one error in {file} line {line} containing {needle:?}, got:\n{}",
        errors.iter().map(|d| d.to_string()).collect::<String>()
    );
    let diagnostic = found[0].clone();
    assert!(
        diagnostic.column.is_some(),
        "a column where known: {diagnostic}"
    );
    let text = diagnostic.to_string();
    assert!(text.contains(&format!("{file}:{line}")), "{text}");
    diagnostic
}

#[test]
fn a_value_outside_its_scale() {
    let data = edition(2026, &[result("alpha", 100, "5", "7", "2")]);
    let error = check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        8,
        "7 is outside the scale of `care`",
    );
    assert_eq!(error.expected.as_deref(), Some("a number from 1 to 5"));
    assert_eq!(error.source_line.as_deref(), Some("      care: 7"));
    assert_eq!(error.column, Some(13));
}

#[test]
fn an_inverted_scale_still_bounds_values() {
    let data = edition(2026, &[result("alpha", 100, "5", "4", "0")]);
    check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        9,
        "0 is outside the scale of `standards`",
    );
}

#[test]
fn a_non_number_where_a_number_belongs() {
    let data = edition(2026, &[result("alpha", 100, "fast", "4", "2")]);
    let error = check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        7,
        "the text \"fast\" is not a number",
    );
    assert!(error.expected.unwrap().contains("a number from 1 to 5"));
    let csv = "company,responses,speed,care,standards\nalpha,100,5,4,2\nbeta,many,5,4,2\n";
    let error = check(
        &[
            ("data/editions/2026.yaml", "year: 2026\n"),
            ("data/editions/2026.csv", csv),
        ],
        "data/editions/2026.csv",
        3,
        "\"many\" is not a number",
    );
    assert_eq!(error.column, Some(6));
    let methodology = crate::support::METHODOLOGY.replace("weight: 2", "weight: heavy");
    check(
        &[("data/methodology.yaml", &methodology)],
        "data/methodology.yaml",
        5,
        "expected a number",
    );
}

/// A decimal comma, as a German or French spreadsheet writes it, where YAML or a comma-separated
/// file reads a point: the error says how to write the number.
#[test]
fn a_decimal_comma_is_answered_with_how_to_write_the_number() {
    let data = edition(2026, &[result("alpha", 100, "\"3,5\"", "4", "2")]);
    let error = check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        7,
        "the text \"3,5\" is not a number",
    );
    assert_eq!(
        error.hint.as_deref(),
        Some("write decimals with a point: 3.5")
    );
    // In a `{…}` map the comma ends the value: 3 for speed, then a criterion `5`.
    let data = "year: 2026\npublished: 2026-06-15\nresults:\n  - {company: alpha, responses: 100, scores: {speed: 3,5, care: 4, standards: 2}}\n";
    let error = check(
        &[("data/editions/2026.yaml", data)],
        "data/editions/2026.yaml",
        4,
        "unknown criterion `5`",
    );
    assert_eq!(error.column, Some(56), "at the `5` itself: {error}");
    assert_eq!(
        error.hint.as_deref(),
        Some(
            "in `{…}` a comma ends a value, so `3,5` reads as 3 and a criterion `5`: write \
             decimals with a point, 3.5"
        )
    );
    // A comma-separated file with the cell quoted.
    let csv = "company,responses,speed,care,standards\nalpha,100,\"4,5\",4,2\n";
    let error = check(
        &[
            ("data/editions/2026.yaml", "year: 2026\n"),
            ("data/editions/2026.csv", csv),
        ],
        "data/editions/2026.csv",
        2,
        "\"4,5\" is not a number",
    );
    assert_eq!(
        error.hint.as_deref(),
        Some("write decimals with a point: 4.5")
    );
}

#[test]
fn an_unknown_id_with_a_suggestion() {
    let companies = crate::support::COMPANIES.replace(
        "sector: travel}\n- {id: epsilon",
        "sector: travle}\n- {id: epsilon",
    );
    let error = check(
        &[("data/companies.yaml", &companies)],
        "data/companies.yaml",
        4,
        "unknown sector `travle`",
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `travel`?"));
    let data = edition(
        2026,
        &[result("alpha", 100, "5", "4", "2").replace("care:", "cares:")],
    );
    let error = check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        8,
        "unknown criterion `cares`",
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `care`?"));
}

#[test]
fn a_duplicate_id() {
    let companies = format!(
        "{}- {{id: beta, name: Second Beta, sector: banks}}\n",
        crate::support::COMPANIES
    );
    check(
        &[("data/companies.yaml", &companies)],
        "data/companies.yaml",
        6,
        "duplicate company id `beta`, first given at line 2",
    );
    let methodology = crate::support::METHODOLOGY.replace("id: standards", "id: speed");
    check(
        &[("data/methodology.yaml", &methodology)],
        "data/methodology.yaml",
        16,
        "duplicate criterion id `speed`, first given at line 8",
    );
}

#[test]
fn an_empty_weight_is_an_error_not_a_silent_one() {
    let methodology = crate::support::METHODOLOGY.replace("weight: 2\n", "weight:\n");
    check(
        &[("data/methodology.yaml", &methodology)],
        "data/methodology.yaml",
        5,
        "`weight` is empty",
    );
}

#[test]
fn an_id_that_cannot_be_a_url_segment() {
    let sectors = "- id: Banks & Co\n  name: Banks\n- id: travel\n  name: Travel\n";
    let companies = crate::support::COMPANIES.replace("sector: banks", "sector: Banks & Co");
    let error = check(
        &[
            ("data/sectors.yaml", sectors),
            ("data/companies.yaml", &companies),
        ],
        "data/sectors.yaml",
        1,
        "`Banks & Co` is not a valid sector id",
    );
    assert_eq!(error.hint.as_deref(), Some("try `banks-co`"));
}

#[test]
fn a_reference_to_an_unknown_company() {
    let data = edition(
        2026,
        &[
            result("alpha", 100, "5", "4", "2"),
            result("omega", 50, "5", "4", "2"),
        ],
    );
    check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        10,
        "unknown company `omega`",
    );
    let csv = "company,responses,speed,care,standards\nalpah,100,5,4,2\n";
    let error = check(
        &[
            ("data/editions/2026.yaml", "year: 2026\n"),
            ("data/editions/2026.csv", csv),
        ],
        "data/editions/2026.csv",
        2,
        "unknown company `alpah`",
    );
    assert_eq!(error.hint.as_deref(), Some("did you mean `alpha`?"));
}

#[test]
fn an_unknown_csv_column() {
    let csv = "company,responses,speed,caring,standards\nalpha,100,5,4,2\n";
    let error = check(
        &[
            ("data/editions/2026.yaml", "year: 2026\n"),
            ("data/editions/2026.csv", csv),
        ],
        "data/editions/2026.csv",
        1,
        "unknown column `caring`",
    );
    assert_eq!(error.column, Some(25));
    assert_eq!(error.hint.as_deref(), Some("did you mean `care`?"));
}

#[test]
fn a_malformed_date() {
    let data =
        edition(2026, &[result("alpha", 100, "5", "4", "2")]).replace("2026-06-15", "2026-13-45");
    let error = check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        2,
        "`2026-13-45` is not a date",
    );
    assert!(error.expected.unwrap().contains("YYYY-MM-DD"));
}

#[test]
fn a_year_that_does_not_match_its_file_name() {
    let data = edition(2025, &[result("alpha", 100, "5", "4", "2")]);
    check(
        &[("data/editions/2026.yaml", &data)],
        "data/editions/2026.yaml",
        1,
        "year 2025 does not match the file name",
    );
}

#[test]
fn unparsable_yaml_csv_and_front_matter() {
    check(
        &[("data/sectors.yaml", "- id: banks\n  name: [Banks\n")],
        "data/sectors.yaml",
        3,
        "",
    );
    let csv = "company,responses,speed,care,standards\nalpha,100,5,4\n";
    check(
        &[
            ("data/editions/2026.yaml", "year: 2026\n"),
            ("data/editions/2026.csv", csv),
        ],
        "data/editions/2026.csv",
        2,
        "this row has 4 cells, the header has 5",
    );
    // Front matter errors are reported at their line in the Markdown file, not in the YAML part.
    let fixture = Fixture::with_theme(&[(
        "content/articles/news.md",
        "---\ntitle: News\ndate: [2026\n---\nBody\n",
    )]);
    let error = build_error(&fixture, "content/articles/news.md");
    assert_eq!(error.line, Some(4), "{error}");
    let fixture = Fixture::with_theme(&[(
        "content/articles/news.md",
        "---\ntitle: News\ndate: 2026-02-30\n---\nBody\n",
    )]);
    let error = build_error(&fixture, "content/articles/news.md");
    assert_eq!(error.line, Some(3), "{error}");
    assert!(error.message.contains("is not a date"), "{error}");
    let fixture = Fixture::with_theme(&[(
        "content/articles/news.md",
        "---\ntitel: News\ndate: 2026-02-03\n---\nBody\n",
    )]);
    let error = build_error(&fixture, "content/articles/news.md");
    assert_eq!(
        (error.line, error.hint.as_deref()),
        (Some(2), Some("did you mean `title`?")),
        "{error}"
    );
}

#[test]
fn results_given_both_in_yaml_and_csv() {
    let csv = "company,responses,speed,care,standards\nalpha,100,5,4,2\n";
    check(
        &[("data/editions/2026.csv", csv)],
        "data/editions/2026.yaml",
        3,
        "are given 2 ways: `results:` in data/editions/2026.yaml, data/editions/2026.csv",
    );
}

#[test]
fn a_commentary_file_for_nothing_known() {
    let fixture = Fixture::with_theme(&[("content/sectors/tellecom.md", "Text\n")]);
    let error = build_error(&fixture, "content/sectors/tellecom.md");
    assert!(error.message.contains("no sector `tellecom`"), "{error}");
    let fixture = Fixture::with_theme(&[("content/companies/alpah.md", "Text\n")]);
    let error = build_error(&fixture, "content/companies/alpah.md");
    assert_eq!(error.hint.as_deref(), Some("did you mean `alpha`?"));
    let fixture = Fixture::with_theme(&[("content/editions/2019.md", "Text\n")]);
    build_error(&fixture, "content/editions/2019.md");
    // Next year's press release written before its data: the nearest edition is suggested.
    let y2025 = edition(2025, &[result("alpha", 100, "4", "4", "2")]);
    let fixture = Fixture::with_theme(&[
        ("data/editions/2025.yaml", &y2025),
        ("content/editions/2027.md", "Text\n"),
    ]);
    let error = build_error(&fixture, "content/editions/2027.md");
    assert!(error.message.contains("no edition `2027`"), "{error}");
    assert_eq!(error.hint.as_deref(), Some("did you mean `2026`?"));
}

fn build_error(fixture: &Fixture, file: &str) -> Diagnostic {
    let options = crate::support::in_memory(fixture.root());
    match rankpress::pipeline::build(&options) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics
            .iter()
            .find(|d| d.file == file && d.is_error())
            .cloned()
            .unwrap_or_else(|| panic!("no error for {file}:\n{diagnostics}")),
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail because of {file}"),
    }
}

#[test]
fn all_errors_of_a_run_are_reported_together() {
    let companies = crate::support::COMPANIES.replace(
        "sector: travel}\n- {id: epsilon",
        "sector: travle}\n- {id: epsilon",
    );
    let data = edition(
        2026,
        &[
            result("alpha", 100, "9", "4", "2"),
            result("zeta", 50, "5", "4", "2"),
        ],
    )
    .replace("2026-06-15", "June 2026");
    let errors = errors(&[
        ("data/companies.yaml", &companies),
        ("data/editions/2026.yaml", &data),
    ]);
    let summary: Vec<(String, Option<usize>)> =
        errors.iter().map(|d| (d.file.clone(), d.line)).collect();
    assert_eq!(
        summary,
        vec![
            ("data/companies.yaml".to_string(), Some(4)),
            ("data/editions/2026.yaml".to_string(), Some(2)),
            ("data/editions/2026.yaml".to_string(), Some(7)),
            ("data/editions/2026.yaml".to_string(), Some(10)),
        ]
    );
}

/// The commentary's own mistakes are reported in the same run as the data's, although the
/// commentary cannot be placed without valid data: an article without its date, an embed with
/// a wrong option, one sharing its line with text, a link of no known kind. Ids need the data.
#[test]
fn commentary_mistakes_are_reported_with_the_datas() {
    let data = edition(2026, &[result("alpha", 100, "9", "4", "2")]);
    let article = "---\ntitle: Findings\n---\nSee {{ chart history alpha }} here.\n\n{{ ranking 2026 top=0 }}\n\n[[compny:alpha]] and [[company:nobody]]\n";
    let fixture = Fixture::with_theme(&[
        ("data/editions/2026.yaml", &data),
        ("content/articles/findings.md", article),
    ]);
    let diagnostics = match rankpress::pipeline::build(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail"),
    };
    let mut found: Vec<(&str, Option<usize>, Option<usize>, &str)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.as_str(), d.line, d.column, d.message.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            (
                "content/articles/findings.md",
                Some(1),
                Some(1),
                "an article needs a `date` in its front matter"
            ),
            (
                "content/articles/findings.md",
                Some(4),
                Some(5),
                "`{{ chart history alpha }}` shares its line with other text"
            ),
            (
                "content/articles/findings.md",
                Some(6),
                Some(1),
                "`top=0` is not a count"
            ),
            (
                "content/articles/findings.md",
                Some(8),
                Some(1),
                "unknown link kind `compny`"
            ),
            (
                "data/editions/2026.yaml",
                Some(7),
                Some(14),
                "9 is outside the scale of `speed`"
            ),
        ],
        "{diagnostics}"
    );
    // With valid data, the same file's mistakes all at once too, now with the unknown id.
    let fixture = Fixture::new(&[("content/articles/findings.md", article)]);
    let diagnostics = match rankpress::pipeline::build(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail"),
    };
    let mut lines: Vec<(Option<usize>, Option<usize>)> = diagnostics
        .iter()
        .filter(|d| d.is_error() && d.file == "content/articles/findings.md")
        .map(|d| (d.line, d.column))
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            (Some(1), Some(1)),
            (Some(4), Some(5)),
            (Some(6), Some(1)),
            (Some(8), Some(1)),
            (Some(8), Some(22))
        ],
        "{diagnostics}"
    );
}

#[test]
fn a_failed_build_exits_non_zero_and_leaves_the_output_as_it_was() {
    let fixture = Fixture::with_theme(&[]);
    let binary = env!("CARGO_BIN_EXE_rankpress");
    let root = fixture.root();
    let first = Command::new(binary)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("run");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let index = root.join("public/index.html");
    let before = fs::read(&index).expect("index");

    let broken = edition(
        2026,
        &[
            result("alpha", 100, "5", "40", "2"),
            result("nobody", 50, "5", "4", "2"),
        ],
    );
    fs::write(root.join("data/editions/2026.yaml"), broken).expect("write");
    fs::write(
        root.join("data/site.yaml"),
        crate::support::SITE.replace("Test Ranking", "Changed title"),
    )
    .expect("write");
    let second = Command::new(binary)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("data/editions/2026.yaml:8:13"), "{stderr}");
    assert!(stderr.contains("data/editions/2026.yaml:10:"), "{stderr}");
    assert!(stderr.contains("2 error(s)"), "{stderr}");
    assert_eq!(
        fs::read(&index).expect("index"),
        before,
        "the previous site must be untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(root)
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .contains("rankpress-staging")
        })
        .collect();
    assert!(leftovers.is_empty(), "no staging folder may be left behind");
}

#[test]
fn an_output_folder_not_written_by_rankpress_is_not_replaced() {
    let fixture = Fixture::with_theme(&[]);
    let root = fixture.root();
    fs::create_dir_all(root.join("public")).expect("mkdir");
    fs::write(root.join("public/notes.txt"), "precious").expect("write");
    let binary = env!("CARGO_BIN_EXE_rankpress");
    let run = Command::new(binary)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("run");
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(root.join("public/notes.txt")).expect("kept"),
        "precious"
    );
    let run = Command::new(binary)
        .args(["build", "--out", "data", "--root"])
        .arg(root)
        .output()
        .expect("run");
    assert!(
        !run.status.success(),
        "the data folder must never be the output"
    );
    assert!(root.join("data/site.yaml").is_file());
}

#[test]
fn a_wrong_embed_is_an_error_at_its_line_with_a_suggestion() {
    let article = "---\ntitle: News\ndate: 2026-06-20\n---\nText with [[company:alpah]].\n\n{{ ranking 2025 }}\n\n{{ chart sectr 2026 }}\n\n{{ ranking 2026 top=many }}\n\n```\n{{ not an embed in code }}\n```\n";
    let fixture = Fixture::with_theme(&[("content/articles/news.md", article)]);
    let options = crate::support::in_memory(fixture.root());
    let Err(rankpress::pipeline::BuildError::Input(diagnostics)) =
        rankpress::pipeline::build(&options)
    else {
        panic!("wrong embeds must stop the build");
    };
    type Found = (Option<usize>, Option<usize>, String, Option<String>);
    let found: Vec<Found> = diagnostics
        .iter()
        .filter(|d| d.file == "content/articles/news.md")
        .map(|d| (d.line, d.column, d.message.clone(), d.hint.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some(5),
                Some(11),
                "unknown company `alpah`".to_string(),
                Some("did you mean `alpha`?".to_string())
            ),
            (
                Some(7),
                Some(1),
                "no edition `2025`".to_string(),
                Some("did you mean `2026`?".to_string())
            ),
            (
                Some(9),
                Some(1),
                "unknown chart `sectr` or wrong arguments".to_string(),
                Some("did you mean `sector`?".to_string())
            ),
            (
                Some(11),
                Some(1),
                "`top=many` is not a count".to_string(),
                None
            ),
        ]
    );
}

/// A year that is no edition's is answered with the nearest edition, not the one spelt most
/// alike: next year's ranking written a year early suggests the latest, 2026, not 2025.
#[test]
fn an_unknown_year_suggests_the_nearest_edition() {
    let y2025 = edition(2025, &[result("alpha", 100, "4", "4", "2")]);
    let article =
        "---\ntitle: News\ndate: 2026-06-20\n---\n{{ ranking 2027 }}\n\n[[edition:2019]]\n";
    let fixture = Fixture::with_theme(&[
        ("data/editions/2025.yaml", &y2025),
        ("content/articles/news.md", article),
    ]);
    let Err(rankpress::pipeline::BuildError::Input(diagnostics)) =
        rankpress::pipeline::build(&crate::support::in_memory(fixture.root()))
    else {
        panic!("an unknown year must stop the build");
    };
    let hints: Vec<(Option<usize>, Option<&str>)> = diagnostics
        .iter()
        .filter(|d| d.file == "content/articles/news.md")
        .map(|d| (d.line, d.hint.as_deref()))
        .collect();
    assert_eq!(
        hints,
        vec![
            (Some(5), Some("did you mean `2026`?")),
            (Some(7), Some("did you mean `2025`?"))
        ],
        "{diagnostics}"
    );
}

#[test]
fn an_embed_inside_a_line_of_text_is_an_error_at_its_column_never_raw_text() {
    // Line 5: a valid chart inside a sentence; line 7: a typo inside one; line 9: a ranking that
    // forgot its year; line 11: an unknown sector; line 13: inside `code`, which is left alone.
    let article = "---\ntitle: News\ndate: 2026-06-20\n---\nSee {{ chart history alpha }} here.\n\nAnd {{ chart histroy alpha }} too.\n\n{{ ranking sector=banks }}\n\n{{ ranking 2026 sector=bankz }}\n\nWrite `{{ ranking 2026 }}` on a line of its own.\n";
    let fixture = Fixture::with_theme(&[("content/articles/news.md", article)]);
    let Err(rankpress::pipeline::BuildError::Input(diagnostics)) =
        rankpress::pipeline::build(&crate::support::in_memory(fixture.root()))
    else {
        panic!("an embed inside a sentence must stop the build");
    };
    type Found = (Option<usize>, Option<usize>, String, String, Option<String>);
    let found: Vec<Found> = diagnostics
        .iter()
        .filter(|d| d.file == "content/articles/news.md")
        .map(|d| {
            (
                d.line,
                d.column,
                d.message.clone(),
                d.expected.clone().unwrap_or_default(),
                d.hint.clone(),
            )
        })
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (Some(5), Some(5)));
    assert_eq!(
        found[0].2,
        "`{{ chart history alpha }}` shares its line with other text"
    );
    assert_eq!((found[1].0, found[1].1), (Some(7), Some(5)));
    assert_eq!(found[1].4.as_deref(), Some("did you mean `history`?"));
    assert_eq!(found[2].0, Some(9));
    assert_eq!(
        found[2].2,
        "the ranking embed names no edition before `sector=banks`"
    );
    assert_eq!(
        found[2].4.as_deref(),
        Some("{{ ranking 2026 sector=banks }}")
    );
    assert_eq!(found[3].2, "unknown sector `bankz`");
    assert!(found[3].3.ends_with("banks, travel"), "{}", found[3].3);
}

#[test]
fn a_failing_embed_template_is_an_error_at_the_embed_not_a_silent_gap() {
    // A site's own copy of the embed template, with a mistake only rendering finds.
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", crate::support::SITE),
        (
            "content/_index.md",
            "---\ntitle: Home\n---\nIntro.\n\n{{ ranking 2026 }}\n",
        ),
        (
            "templates/embeds/ranking.html",
            "<div>{{ rows | length }} {{ nothing.here }}</div>\n",
        ),
    ]);
    let error = build_error(&fixture, "content/_index.md");
    assert_eq!((error.line, error.column), (Some(6), Some(1)), "{error}");
    assert!(error.message.contains("embeds/ranking.html"), "{error}");
    assert!(error.message.contains("nothing"), "{error}");
    assert_eq!(error.source_line.as_deref(), Some("{{ ranking 2026 }}"));
    // The same from the command line: exit 1, and nothing written.
    let out = fixture.root().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_rankpress"))
        .args(["build", "--root"])
        .arg(fixture.root())
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("content/_index.md:6:1"));
    assert!(!out.exists());
}

/// A theme's mistakes are reported in the same run as the data's: the theme and the languages
/// come from site.yaml even when another key of it is wrong.
#[test]
fn theme_mistakes_are_reported_with_the_datas() {
    let data = edition(2026, &[result("alpha", 100, "9", "4", "2")]);
    let site = crate::support::SITE.replace("https://example.org/", "example.org/rankings/");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/editions/2026.yaml", &data),
        (
            "templates/article.html",
            "{% extends \"base.html\" %}\n{% block main %}{% if page.title %}<h1>x</h1>{% endblock %}\n",
        ),
        ("i18n/de.yaml", "nav_home: Start\nnav_home: Startseite\n"),
    ]);
    let diagnostics = match rankpress::pipeline::build(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail"),
    };
    let mut found: Vec<(&str, Option<usize>)> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.file.as_str(), d.line))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("data/editions/2026.yaml", Some(7)),
            ("data/site.yaml", Some(2)),
            ("i18n/de.yaml", Some(2)),
            ("templates/article.html", Some(2)),
        ],
        "{diagnostics}"
    );
    // A theme that is not there is one error, with the data's, and no list of its templates.
    let site = format!("{}theme: defualt\n", crate::support::SITE);
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", &site),
        ("data/editions/2026.yaml", &data),
    ]);
    let diagnostics = match rankpress::pipeline::build(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail"),
    };
    let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(messages.len(), 2, "{diagnostics}");
    assert!(messages[1].contains("theme `defualt` not found in themes/"));
    assert!(
        messages[1].contains("did you mean `default`?"),
        "{}",
        messages[1]
    );
    // A site.yaml that cannot be read names no theme: none is checked, nothing is guessed.
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", "title: [unclosed\n"),
        (
            "templates/article.html",
            "{% extends \"base.html\" %}\n{% block main %}{% if x %}{% endblock %}\n",
        ),
    ]);
    let diagnostics = match rankpress::pipeline::build(&crate::support::in_memory(fixture.root())) {
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => diagnostics,
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("the build should fail"),
    };
    assert!(diagnostics.iter().any(|d| d.file == "data/site.yaml"));
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.file.starts_with("templates/") || d.file.starts_with("themes")),
        "{diagnostics}"
    );
}

#[test]
fn an_interface_string_a_language_lacks_is_a_warning_naming_key_and_language() {
    let fixture = Fixture::with_theme(&[(
        "data/site.yaml",
        &crate::support::SITE
            .to_string()
            .replace("languages: [en, de]", "languages: [en, de, hy]"),
    )]);
    // The German strings lose a key a template uses and one the code uses.
    let de = fixture.root().join("themes/default/i18n/de.yaml");
    let strings: String = std::fs::read_to_string(&de)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("nav_home:") && !l.starts_with("seal_winner:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&de, strings).unwrap();
    let (report, files) =
        rankpress::pipeline::build_in_memory(&crate::support::in_memory(fixture.root())).unwrap();
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    let about = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(
        about("`nav_home` (used by themes/default/templates/"),
        "{warnings:?}"
    );
    assert!(
        about("`seal_winner` (used by rankpress itself) is missing for `de`"),
        "{warnings:?}"
    );
    assert!(
        about("interface strings for `hy`; its pages show the English text"),
        "{warnings:?}"
    );
    // The page shows the English text, never the bare key.
    let german = String::from_utf8(files["de/404.html"].clone()).unwrap();
    assert!(!german.contains(">nav_home<"), "the bare key is shown");
    assert!(
        german.contains(">Home</a>"),
        "the English fallback is not shown"
    );
    let armenian = String::from_utf8(files["hy/404.html"].clone()).unwrap();
    assert!(armenian.contains(">Home</a>") && armenian.contains("lang=\"hy\""));
}

#[test]
fn one_bad_base_url_is_one_error_without_warnings_about_the_sites_languages() {
    // The fixture's site has [en, de] and its texts carry `de:`; a base_url without a scheme
    // must not make them look like texts in an unknown language.
    let site = crate::support::SITE.replace("https://example.org/", "example.org/rankings/");
    let (_, diagnostics) = Fixture::new(&[("data/site.yaml", &site)]).validate();
    let found: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
    let messages: Vec<String> = found.iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        vec!["`example.org/rankings/` is not an absolute URL".to_string()],
        "{found:?}"
    );
}

#[test]
fn a_key_indented_wrongly_is_explained_as_indentation() {
    let methodology = crate::support::METHODOLOGY;
    // `scale` indented two columns further than `weight` above it: read as part of its value.
    let deeper = methodology.replacen(
        "    scale: {min: 1, max: 5}",
        "      scale: {min: 1, max: 5}",
        1,
    );
    let error = check(
        &[("data/methodology.yaml", &deeper)],
        "data/methodology.yaml",
        5,
        "invalid type",
    );
    assert_eq!(
        error.hint.as_deref(),
        Some(
            "line 6 is indented further than line 5, so YAML reads it as the rest of this value; start the keys of one entry at the same column"
        )
    );
    // One column less: the entry has no `scale`, and the hint says where it went.
    let shallower = methodology.replacen(
        "    scale: {min: 1, max: 5}",
        "   scale: {min: 1, max: 5}",
        1,
    );
    let error = check(
        &[("data/methodology.yaml", &shallower)],
        "data/methodology.yaml",
        3,
        "missing field `scale`",
    );
    assert_eq!(
        error.hint.as_deref(),
        Some(
            "`scale:` at line 6 starts at column 4, the other keys of this entry at column 5; start them at the same column"
        )
    );
}

/// A second row for the same company names where the first is, as the reader finds it: its line
/// in a CSV file (not "result number 1").
#[test]
fn a_duplicate_row_names_where_the_first_one_is() {
    let csv =
        "company,responses,speed,care,standards\nalpha,100,5,4,2\nbeta,100,5,4,2\nalpha,90,4,4,2\n";
    let fixture = Fixture::new(&[
        ("data/editions/2026.yaml", "year: 2026\n"),
        ("data/editions/2026.csv", csv),
    ]);
    let errors = crate::support::build_errors(&fixture);
    let duplicate = errors
        .iter()
        .find(|d| d.message == "duplicate result for company `alpha`")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(duplicate.line, Some(4));
    assert_eq!(
        duplicate.expected.as_deref(),
        Some("one result per company and edition (the first is at line 2)")
    );
}

/// A results file saved by Russian Excel as plain "CSV" is Windows-1251: the error names that
/// encoding and how to save as UTF-8; a German one (Windows-1252) gets its own name.
#[test]
fn a_csv_in_a_windows_encoding_is_named_with_how_to_save_it() {
    // "company,responses,…" then "Связь" and "Müller" in the legacy encodings.
    let header = b"company,responses,speed,care,standards\n".to_vec();
    let cyrillic: Vec<u8> = [
        header.clone(),
        b"alpha,100,5,4,2\n# \xd1\xe2\xff\xe7\xfc-\xcf\xeb\xfe\xf1\n".to_vec(),
    ]
    .concat();
    let german: Vec<u8> = [
        header,
        b"alpha,100,5,4,2\n# M\xfcller und S\xf6hne GmbH\n".to_vec(),
    ]
    .concat();
    for (bytes, name) in [(cyrillic, "Windows-1251"), (german, "Windows-1252")] {
        let fixture = Fixture::new(&[("data/editions/2026.yaml", "year: 2026\n")]);
        fs::write(fixture.root().join("data/editions/2026.csv"), bytes).unwrap();
        let errors = crate::support::build_errors(&fixture);
        let error = errors
            .iter()
            .find(|d| d.message == "the file is not valid UTF-8 text")
            .unwrap_or_else(|| panic!("{errors:?}"));
        assert_eq!(
            (error.file.as_str(), error.line),
            ("data/editions/2026.csv", Some(3))
        );
        let hint = error.hint.as_deref().unwrap_or_default();
        assert!(hint.contains(name) && hint.contains("CSV UTF-8"), "{hint}");
    }
}
