//! Hostile and odd files: each gives a clear error or is handled, and none makes the build panic
//! or read without bound. The limits are in src/limits.rs and documented in docs/format.md.

use std::fs;
use std::path::Path;

use rankpress::diagnostics::Diagnostic;

use crate::support::{Fixture, edition, result};

use crate::support::build_errors;

fn one_error_in(errors: &[Diagnostic], file: &str) -> Diagnostic {
    let found: Vec<&Diagnostic> = errors.iter().filter(|d| d.file == file).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one error in {file}, got:\n{}",
        errors.iter().map(|d| d.to_string()).collect::<String>()
    );
    found[0].clone()
}

fn builds(fixture: &Fixture) -> std::collections::BTreeMap<String, Vec<u8>> {
    let options = crate::support::in_memory(fixture.root());
    let (_, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    files
}

#[test]
fn a_yaml_alias_bomb_is_a_parse_error_not_an_exhausted_machine() {
    // Nine levels of nine aliases each: 387 million strings if expanded. Front matter's `extra`
    // takes any YAML, so nothing but the parser's limit stops the expansion there.
    let mut bomb = String::from("---\ntitle: Bomb\nextra:\n  a0: &a0 lol\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        bomb.push_str(&format!(
            "  a{level}: &a{level} [{}]\n",
            [previous.as_str(); 9].join(", ")
        ));
    }
    bomb.push_str("---\nBody\n");
    let fixture = Fixture::with_theme(&[("content/_index.md", &bomb)]);
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "content/_index.md");
    assert!(error.message.contains("repetition limit"), "{error}");

    // In the data, where a text is expected, the first alias of a list is already an error.
    let mut companies =
        String::from("- id: alpha\n  name: Alpha\n  sector: banks\n  website: &a0 lol\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        companies.push_str(&format!(
            "- id: c{level}\n  sector: banks\n  name: &a{level} [{}]\n",
            [previous.as_str(); 9].join(", ")
        ));
    }
    let fixture = Fixture::with_theme(&[("data/companies.yaml", &companies)]);
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "data/companies.yaml");
    assert!(error.line.is_some(), "{error}");
}

#[test]
fn deeply_nested_yaml_is_a_located_error() {
    let depth = 10_000;
    let nested = format!("title: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let fixture = Fixture::with_theme(&[("data/site.yaml", &nested)]);
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "data/site.yaml");
    assert_eq!(error.line, Some(1), "{error}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let fixture = Fixture::with_theme(&[]);
    // A sparse 100 MB file: the check must look at the size, not read it.
    let file = fs::File::create(fixture.root().join("data/editions/2026.csv")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    fs::write(
        fixture.root().join("data/editions/2026.yaml"),
        "year: 2026\n",
    )
    .unwrap();
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "data/editions/2026.csv");
    let text = error.to_string();
    assert!(text.contains("100.0 MB"), "{text}");
    assert!(text.contains("at most 64.0 MB"), "{text}");

    let fixture = Fixture::with_theme(&[]);
    fs::create_dir_all(fixture.root().join("content")).unwrap();
    let big = fs::File::create(fixture.root().join("content/_index.md")).unwrap();
    big.set_len(9 * 1024 * 1024).unwrap();
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "content/_index.md");
    assert!(error.to_string().contains("at most 8.0 MB"), "{error}");
}

#[test]
fn binary_garbage_and_non_utf8_text_are_located_errors() {
    let fixture = Fixture::with_theme(&[]);
    fs::create_dir_all(fixture.root().join("content")).unwrap();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(fixture.root().join("data/sectors.yaml"), &garbage).unwrap();
    fs::write(
        fixture.root().join("content/_index.md"),
        b"Line one\nCaf\xe9 in Latin-1\n",
    )
    .unwrap();
    let errors = build_errors(&fixture);
    let sectors = one_error_in(&errors, "data/sectors.yaml");
    assert!(sectors.message.contains("UTF-8"), "{sectors}");
    let index = one_error_in(&errors, "content/_index.md");
    assert_eq!((index.line, index.column), (Some(2), Some(4)), "{index}");

    // Valid UTF-8 that is not YAML at all: a parse error, not a crash.
    let fixture = Fixture::with_theme(&[("data/sectors.yaml", "{{{:::\n")]);
    let errors = build_errors(&fixture);
    one_error_in(&errors, "data/sectors.yaml");
    // Control characters: one located error each, before any parsing.
    let fixture = Fixture::with_theme(&[("data/sectors.yaml", "\u{0}\u{1}\u{7f}{{{:::\n")]);
    let errors = build_errors(&fixture);
    let columns: Vec<Option<usize>> = errors
        .iter()
        .filter(|e| e.file == "data/sectors.yaml")
        .map(|e| e.column)
        .collect();
    assert_eq!(columns, vec![Some(1), Some(2), Some(3)], "{errors:?}");
}

#[test]
fn empty_files_are_errors_that_say_so() {
    let fixture = Fixture::with_theme(&[]);
    fs::write(fixture.root().join("data/companies.yaml"), "").unwrap();
    fs::write(fixture.root().join("data/methodology.yaml"), "\n  \n").unwrap();
    let errors = build_errors(&fixture);
    for file in ["data/companies.yaml", "data/methodology.yaml"] {
        let error = one_error_in(&errors, file);
        assert!(error.message.contains("empty"), "{error}");
    }
    // An empty commentary file is simply an empty text.
    let fixture = Fixture::with_theme(&[]);
    fs::create_dir_all(fixture.root().join("content")).unwrap();
    fs::write(fixture.root().join("content/_index.md"), "").unwrap();
    assert!(builds(&fixture).contains_key("index.html"));
}

#[test]
fn a_bom_crlf_line_ends_and_tabs_in_text_are_read_as_intended() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let results = [result("alpha", 100, "5", "4", "2")];
    let fixture = Fixture::with_theme(&[
        (
            "data/site.yaml",
            &format!("\u{feff}{}", crlf(crate::support::SITE)),
        ),
        ("data/companies.yaml", &crlf(crate::support::COMPANIES)),
        ("data/editions/2026.yaml", &crlf(&edition(2026, &results))),
        (
            "content/articles/news.md",
            &crlf("---\ntitle: News\ndate: 2026-06-20\n---\nA\ttabbed\tline.\n"),
        ),
    ]);
    let files = builds(&fixture);
    let article = String::from_utf8_lossy(&files["articles/news/index.html"]).to_string();
    assert!(
        article.contains("<h1>News</h1>"),
        "front matter with CRLF was not read"
    );
    assert!(article.contains("A\ttabbed\tline."));
}

#[test]
fn a_tab_used_as_yaml_indentation_is_a_located_error() {
    let fixture = Fixture::with_theme(&[("data/sectors.yaml", "- id: banks\n\tname: Banks\n")]);
    let errors = build_errors(&fixture);
    let error = one_error_in(&errors, "data/sectors.yaml");
    assert_eq!(error.line, Some(2), "{error}");
}

#[cfg(unix)]
fn link(target: &Path, link: &Path) {
    if let Some(parent) = link.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[test]
fn symlinks_leading_outside_the_site_are_refused_and_nothing_is_published() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "- id: banks\n  name: top secret\n").unwrap();
    let fixture = Fixture::with_theme(&[]);
    let root = fixture.root();
    fs::remove_file(root.join("data/sectors.yaml")).unwrap();
    link(&secret, &root.join("data/sectors.yaml"));
    link(&secret, &root.join("content/companies/alpha.md"));
    let errors = build_errors(&fixture);
    for file in ["data/sectors.yaml", "content/companies/alpha.md"] {
        let error = one_error_in(&errors, file);
        assert!(error.message.contains("outside the site"), "{error}");
    }
    // Static files and theme files: with valid data, so that the theme is read.
    let fixture = Fixture::with_theme(&[]);
    let root = fixture.root();
    link(&secret, &root.join("static/leak.txt"));
    link(outside.path(), &root.join("static/folder"));
    link(&secret, &root.join("themes/default/static/assets/leak.css"));
    let errors = build_errors(&fixture);
    for file in [
        "static/leak.txt",
        "static/folder",
        "themes/default/static/assets/leak.css",
    ] {
        let error = one_error_in(&errors, file);
        assert!(error.message.contains("outside the site"), "{error}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_site_are_followed() {
    let fixture = Fixture::with_theme(&[("shared/intro.md", "Shared **introduction**.\n")]);
    let root = fixture.root();
    link(
        &root.join("shared/intro.md"),
        &root.join("content/_index.md"),
    );
    let files = builds(&fixture);
    let home = String::from_utf8_lossy(&files["index.html"]).to_string();
    assert!(home.contains("Shared <strong>introduction</strong>."));
}
