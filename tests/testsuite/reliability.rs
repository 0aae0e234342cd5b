//! Reliability round 3 (issue 33): editors' and office programs' files beside the data, two
//! files for one edition, a company that silently drops out, formula-like cells in the CSV
//! export, language codes that collide with the site's folders. Each test is named after the
//! problem it guards against.

use std::process::Command;

use crate::support::{Fixture, build_errors, in_memory};

const EDITION: &str = "year: 2026\npublished: 2026-06-15\n";
const RESULTS_CSV: &str = "company,responses,speed,care,standards\nalpha,100,4.5,4,2\n";

/// The warnings of an in-memory build that must succeed, and its notes for `--verbose`.
fn warnings_of(fixture: &Fixture) -> (Vec<rankpress::diagnostics::Diagnostic>, Vec<String>) {
    let (report, _) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root()))
        .unwrap_or_else(|e| panic!("the build should succeed: {e}"));
    let warnings = report.warnings.iter().cloned().collect();
    (warnings, report.warnings.notes().to_vec())
}

/// Excel's owner file `~$2026.xlsx` (written while the workbook is open), LibreOffice's lock,
/// Emacs' lock and backup, a `.tmp` file and a backup copy named by Windows Explorer: the build
/// succeeds, editor files are skipped with a note for `--verbose`, and a file not named after a
/// year is a warning naming it, not an error about a YAML file nobody wrote.
#[test]
fn excel_owner_file_and_other_editor_files_do_not_break_the_build() {
    let fixture = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
        ("data/editions/~$2026.xlsx", "\u{1}owner"),
        ("data/editions/.~lock.2026.csv#", "lock"),
        ("data/editions/2026.csv~", "backup"),
        ("data/editions/2026.yaml.tmp", "temporary"),
        ("data/editions/2026 - копия.csv", RESULTS_CSV),
        ("content/_index.md~", "backup"),
        ("content/~$draft.md", "owner"),
        ("themes/default/templates/home.html~", "{{ broken"),
    ]);
    // Emacs' lock file is a link to nowhere.
    std::os::unix::fs::symlink(
        "editor@host.4242:1700000000",
        fixture.root().join("content/.#_index.md"),
    )
    .unwrap();
    let (warnings, notes) = warnings_of(&fixture);
    let copy = warnings
        .iter()
        .find(|w| w.file == "data/editions/2026 - копия.csv")
        .unwrap_or_else(|| panic!("no warning naming the copy: {warnings:#?}"));
    assert!(
        copy.message.contains("not named after an edition's year"),
        "{copy:?}"
    );
    for skipped in [
        "data/editions/~$2026.xlsx",
        "data/editions/.~lock.2026.csv#",
        "data/editions/2026.csv~",
        "data/editions/2026.yaml.tmp",
        "content/.#_index.md",
        "content/~$draft.md",
    ] {
        assert!(
            notes.iter().any(|n| n.contains(skipped)),
            "no note about {skipped}: {notes:#?}"
        );
        assert!(
            warnings.iter().all(|w| w.file != skipped),
            "{skipped} warned about: {warnings:#?}"
        );
    }
    // `--verbose` prints the notes; without it they stay quiet.
    let binary = env!("CARGO_BIN_EXE_rankpress");
    let out = tempfile::tempdir().unwrap();
    let run = |verbose: bool| {
        let mut command = Command::new(binary);
        command
            .args(["build", "--root"])
            .arg(fixture.root())
            .arg("--out")
            .arg(out.path().join("site"));
        if verbose {
            command.arg("--verbose");
        }
        let output = command.output().unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    assert!(run(true).contains("note: skipped data/editions/~$2026.xlsx"));
    assert!(!run(false).contains("~$2026.xlsx"));
}

/// `2026.xlsx` beside `2026.ods` (and two CSV files of one year, or two respondent files of
/// one perspective): an error naming both files, never one of them silently ignored.
#[test]
fn two_result_files_for_one_edition_are_an_error_naming_both() {
    let fixture = Fixture::with_theme(&[("data/editions/2026.yaml", EDITION)]);
    let editions = fixture.root().join("data/editions");
    std::fs::write(editions.join("2026.ods"), b"PK").unwrap();
    std::fs::write(editions.join("2026.xlsx"), b"PK").unwrap();
    let errors = build_errors(&fixture);
    let both = errors
        .iter()
        .find(|e| e.message.contains("a second file of results"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    let text = both.to_string();
    assert!(
        text.contains("2026.ods") && text.contains("2026.xlsx"),
        "{text}"
    );

    let csv = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", RESULTS_CSV),
        ("data/editions/2026.CSV", RESULTS_CSV),
    ]);
    let errors = build_errors(&csv);
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains("2026.CSV") && e.to_string().contains("2026.csv")),
        "{errors:#?}"
    );

    let respondents = Fixture::with_theme(&[
        ("data/editions/2026.yaml", EDITION),
        (
            "data/editions/2026/customer.csv",
            "respondent,company,speed,care\n",
        ),
        ("data/editions/2026/customer.xlsx", "PK"),
    ]);
    let errors = build_errors(&respondents);
    assert!(
        errors.iter().any(|e| {
            let text = e.to_string();
            text.contains("second respondent file")
                && text.contains("customer.csv")
                && text.contains("customer.xlsx")
        }),
        "{errors:#?}"
    );
}

/// A company with results in 2025 and none in 2026 is a warning naming it and the edition;
/// listed under `not_participating:` it is not; an unknown id there is an error.
#[test]
fn a_company_missing_from_an_edition_is_a_warning_unless_listed_as_not_taking_part() {
    let results = |year: i32, companies: &[&str]| {
        crate::support::edition(
            year,
            &companies
                .iter()
                .map(|c| crate::support::result(c, 100, "4", "4", "2"))
                .collect::<Vec<_>>(),
        )
    };
    let fixture = Fixture::with_theme(&[
        (
            "data/editions/2025.yaml",
            &results(2025, &["alpha", "beta"]),
        ),
        ("data/editions/2026.yaml", &results(2026, &["alpha"])),
    ]);
    let (warnings, _) = warnings_of(&fixture);
    let dropped = warnings
        .iter()
        .find(|w| w.message.contains("`beta`"))
        .unwrap_or_else(|| panic!("no warning about beta: {warnings:#?}"));
    assert_eq!(dropped.file, "data/editions/2026.yaml");
    assert!(dropped.message.contains("results in 2025 but none in 2026"));
    // Companies that never had results (gamma, delta, epsilon) are not warned about.
    assert!(warnings.iter().all(|w| !w.message.contains("`gamma`")));

    let listed = Fixture::with_theme(&[
        (
            "data/editions/2025.yaml",
            &results(2025, &["alpha", "beta"]),
        ),
        (
            "data/editions/2026.yaml",
            &format!("{}not_participating: [beta]\n", results(2026, &["alpha"])),
        ),
    ]);
    let (warnings, _) = warnings_of(&listed);
    assert!(
        warnings.iter().all(|w| !w.message.contains("`beta`")),
        "{warnings:#?}"
    );

    let unknown = Fixture::with_theme(&[(
        "data/editions/2026.yaml",
        &format!("{}not_participating: [betta]\n", results(2026, &["alpha"])),
    )]);
    let errors = build_errors(&unknown);
    let error = errors
        .iter()
        .find(|e| e.message.contains("unknown company `betta`"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    // The last line of the file, where the list is.
    assert_eq!(error.line, Some(10));
    assert!(error.hint.as_deref().unwrap_or("").contains("beta"));
}

/// A company name that starts with a space, a no-break space, a zero-width space or a
/// byte-order mark before `=` reaches `ranking.csv` neutralised.
#[test]
fn csv_formula_neutralising_sees_past_leading_invisible_characters() {
    for name in [
        " =1+1",
        "\u{a0}=1+1",
        "\u{200b}=HYPERLINK(1)",
        "\u{feff}@SUM(1)",
    ] {
        let companies =
            crate::support::COMPANIES.replace("name: Alpha Bank", &format!("name: '{name}'"));
        let fixture = Fixture::with_theme(&[("data/companies.yaml", &companies)]);
        let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(fixture.root())).unwrap();
        let csv = String::from_utf8(files["2026/ranking.csv"].clone()).unwrap();
        let row = csv
            .lines()
            .find(|l| l.contains(",alpha,"))
            .unwrap_or_else(|| panic!("{csv}"));
        assert!(row.contains(&format!(",'{name},")), "{name:?}: {row}");
    }
}

/// `languages: [en, compare]` would write the second language's home page over
/// `compare/index.html`: an error at the code, in `check` and `build`.
#[test]
fn language_codes_that_collide_with_a_route_are_refused() {
    for code in [
        "compare",
        "articles",
        "companies",
        "methodology",
        "verify",
        "assets",
    ] {
        let site = crate::support::SITE.replace("[en, de]", &format!("[en, {code}]"));
        let fixture = Fixture::with_theme(&[("data/site.yaml", &site)]);
        let errors = build_errors(&fixture);
        let error = errors
            .iter()
            .find(|e| e.message.contains("is the name of a folder of the site"))
            .unwrap_or_else(|| panic!("{code}: {errors:#?}"));
        assert_eq!(error.file, "data/site.yaml");
        assert_eq!(error.line, Some(3), "{error:?}");
    }
}

/// `themes/<name>`, `data/`, `content/`, `static/` or `i18n/` as a link to a folder outside the
/// site was followed and what it holds published: an error naming the folder now. A link to a
/// folder inside the site still works.
#[test]
fn a_source_folder_linked_out_of_the_site_is_refused() {
    let elsewhere = tempfile::tempdir().unwrap();
    for folder in ["themes/default", "data", "content", "static", "i18n"] {
        let fixture = Fixture::with_theme(&[
            ("content/_index.md", "Words.\n"),
            ("static/robots-note.txt", "x"),
            ("i18n/en.yaml", "nav_home: Start\n"),
        ]);
        let inside = fixture.root().join(folder);
        let outside = elsewhere.path().join(folder.replace('/', "-"));
        std::fs::rename(&inside, &outside).unwrap();
        std::os::unix::fs::symlink(&outside, &inside).unwrap();
        let errors = build_errors(&fixture);
        let error = errors
            .iter()
            .find(|e| e.message.contains("link leading out of the site"))
            .unwrap_or_else(|| panic!("{folder}: {errors:#?}"));
        assert_eq!(error.file, folder);
    }
    // A link to a folder inside the site is read.
    let fixture = Fixture::with_theme(&[("content/_index.md", "Words from inside.\n")]);
    let root = fixture.root();
    std::fs::rename(root.join("content"), root.join("kept-content")).unwrap();
    std::os::unix::fs::symlink(root.join("kept-content"), root.join("content")).unwrap();
    let (_, files) = rankpress::pipeline::build_in_memory(&in_memory(root)).unwrap();
    assert!(String::from_utf8_lossy(&files["index.html"]).contains("Words from inside."));
}

/// A respondent file of 200,000 rows naming an unknown company, and as many with a score that
/// is no number: every problem is counted, but only a bounded number is kept (they piled up
/// per piece of the file before, 6.7 GB for ten million rows), and the first rows' problems
/// are among those shown.
#[test]
fn error_floods_in_respondent_files_are_counted_not_kept() {
    let rows = 200_000;
    let mut customer = String::from("respondent,company,speed,care\n");
    for row in 0..rows {
        if row % 2 == 0 {
            customer.push_str(&format!("r{row},nobody{row},4,4\n"));
        } else {
            customer.push_str(&format!("r{row},alpha,x,4\n"));
        }
    }
    let diagnostics = crate::respondents::errors(&[("data/editions/2026/customer.csv", &customer)]);
    assert_eq!(diagnostics.error_count(), rows, "every problem counted");
    let kept = diagnostics.iter().count();
    assert!(kept <= rankpress::diagnostics::MAX_STORED, "{kept} kept");
    let shown = diagnostics.to_string();
    assert!(
        shown.contains("customer.csv:2:4"),
        "the first row's problem is shown"
    );
    assert!(
        shown.contains(&format!(
            "and {} more",
            diagnostics.error_count() + diagnostics.warning_count() - 200
        )),
        "{}",
        &shown[shown.len() - 300..]
    );
}

/// A respondent file whose first line never ends (600 MB in the review) is refused after the
/// first megabyte, and a header of 100,000 unknown columns gets a bounded number of errors (it
/// took 49 s, quadratic, before).
#[test]
fn a_header_without_end_or_with_100000_unknown_columns_is_reported_briefly() {
    let endless = "respondent,company,".to_string() + &"x".repeat(2 * 1024 * 1024);
    let diagnostics = crate::respondents::errors(&[("data/editions/2026/customer.csv", &endless)]);
    let shown = diagnostics.to_string();
    assert!(
        shown.contains("the header line is longer than 1024 KB"),
        "{shown}"
    );
    assert!(shown.len() < 20_000, "{} bytes of messages", shown.len());

    let header = "respondent,company,speed,care,".to_string()
        + &(0..100_000)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",")
        + "\n";
    let diagnostics = crate::respondents::errors(&[("data/editions/2026/customer.csv", &header)]);
    let on_header: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.file == "data/editions/2026/customer.csv" && d.line == Some(1))
        .collect();
    assert!(
        on_header.len() <= 25,
        "{} errors on the header",
        on_header.len()
    );
    assert!(
        on_header
            .iter()
            .any(|d| d.message.contains("100000 unknown columns")),
        "{on_header:#?}"
    );
    // The 20th unknown column is located at its own column.
    let last = on_header
        .iter()
        .filter(|d| d.message.contains("unknown column `c19`"))
        .map(|d| d.column)
        .next()
        .flatten();
    let expected = header.find(",c19,").unwrap() + 2;
    assert_eq!(last, Some(expected));
}

/// A 1 MB company id is quoted in its error by a window, not whole (a 30 MB id made every page
/// of the dev server 31.5 MB through the error overlay).
#[test]
fn messages_quote_a_window_of_a_huge_value() {
    let id = "x".repeat(1024 * 1024);
    let companies = format!("- {{id: \"{id}\", name: Huge, sector: banks}}\n");
    let fixture = Fixture::with_theme(&[("data/companies.yaml", &companies)]);
    let errors = build_errors(&fixture);
    for error in &errors {
        let shown = error.to_string();
        assert!(
            shown.len() < 4_000,
            "{} bytes: {}",
            shown.len(),
            &shown[..200]
        );
    }
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("characters left out"))
    );
}

/// An interface string with 20,000 `{best}` (it made two 200 MB pages with two long sector
/// names) is an error at its key: strings are bounded in length and placeholders.
#[test]
fn interface_strings_that_would_expand_without_bound_are_refused() {
    let strings = format!("lead_winner: \"{}\"\n", "{best} ".repeat(20_000));
    let fixture = Fixture::with_theme(&[("i18n/en.yaml", &strings)]);
    let errors = build_errors(&fixture);
    let error = errors
        .iter()
        .find(|e| e.file == "i18n/en.yaml")
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(error.line, Some(1));
    assert!(error.message.contains("characters"), "{error:?}");
    let strings = format!("lead_winner: \"{}\"\n", "{best}".repeat(20));
    let fixture = Fixture::with_theme(&[("i18n/en.yaml", &strings)]);
    let errors = build_errors(&fixture);
    assert!(
        errors.iter().any(|e| e.message.contains("20 placeholders")),
        "{errors:#?}"
    );
}

/// A site template with loops nested over large ranges (over 30 s, writing nothing) stops with
/// an error naming the template.
#[test]
fn a_template_that_loops_without_end_is_stopped_with_its_name() {
    let fixture = Fixture::with_theme(&[(
        "templates/404.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    )]);
    let error = match rankpress::pipeline::build_in_memory(&in_memory(fixture.root())) {
        Err(error) => error.to_string(),
        Ok(_) => panic!("the build should stop"),
    };
    assert!(error.contains("404.html"), "{error}");
    assert!(error.contains("more than 1000000 elements"), "{error}");
}

/// A results CSV of 300,000 rows naming unknown companies: every error counted, a bounded
/// number kept and the first rows shown (3.5 million such rows took 42 s and 0.9 GB, each with
/// its message and suggestion, all rows held parsed).
#[test]
fn error_floods_in_a_results_csv_are_counted_not_kept() {
    let rows = 300_000;
    let mut csv = String::from("company,responses,speed,care,standards\n");
    for row in 0..rows {
        csv.push_str(&format!("nobody{row},50,4,4,2\n"));
    }
    let fixture = Fixture::new(&[
        ("data/editions/2026.yaml", EDITION),
        ("data/editions/2026.csv", &csv),
    ]);
    let (site, diagnostics) = fixture.validate();
    assert!(site.is_none());
    assert_eq!(diagnostics.error_count(), rows);
    assert!(diagnostics.iter().count() <= rankpress::diagnostics::MAX_STORED);
    let shown = diagnostics.to_string();
    assert!(
        shown.contains("unknown company `nobody0`"),
        "the first row is shown"
    );
    assert!(shown.contains("2026.csv:2:1"), "located at its line");
}

/// A YAML edition past its own limit (24 MB) is refused by its size before it is parsed: the
/// YAML parser needs about 30 times a file's size (a 63 MB edition with an error on every row
/// took 12 s and 1.9 GB), so larger results belong in a CSV file, which keeps 64 MB.
#[test]
fn a_yaml_edition_over_its_limit_is_refused_before_it_is_parsed() {
    let mut yaml = String::from("year: 2026\npublished: 2026-06-15\nresults:\n");
    let row = "  - company: unknown-company-0000000\n    responses: 50\n";
    while yaml.len() <= 25 * 1024 * 1024 {
        yaml.push_str(row);
    }
    let fixture = Fixture::new(&[("data/editions/2026.yaml", &yaml)]);
    let errors = build_errors(&fixture);
    let error = errors
        .iter()
        .find(|e| e.file == "data/editions/2026.yaml")
        .unwrap_or_else(|| panic!("{errors:#?}"));
    assert!(
        error.message.contains("larger than rankpress reads"),
        "{error:?}"
    );
    assert_eq!(error.expected.as_deref(), Some("a file of at most 24.0 MB"));
    assert!(
        errors
            .iter()
            .all(|e| !e.message.contains("unknown company"))
    );
}
