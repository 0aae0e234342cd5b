//! No script from content (issue 11, items 7 to 9): whatever the commentary and data hold, with
//! `allow_html: false` no page gets an event handler, a script link or a control character.

use rankpress::diagnostics::{Diagnostic, Severity};

use crate::support::{COMPANIES, Fixture, SITE};

fn site_without_cards() -> String {
    SITE.to_string()
}

/// Builds in memory: the home page's HTML and every warning.
fn home_page(markdown: &str) -> (String, Vec<Diagnostic>) {
    let site = site_without_cards();
    let fixture =
        Fixture::with_theme(&[("data/site.yaml", &site), ("content/_index.md", markdown)]);
    let options = crate::support::in_memory(fixture.root());
    let (report, files) =
        rankpress::pipeline::build_in_memory(&options).unwrap_or_else(|e| panic!("{e}"));
    let html = String::from_utf8(files["index.html"].clone()).unwrap();
    (html, report.warnings.iter().cloned().collect())
}

fn errors_of(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let site = site_without_cards();
    let mut all = vec![("data/site.yaml", site.as_str())];
    all.extend_from_slice(files);
    crate::support::build_errors(&Fixture::with_theme(&all))
}

/// The commentary part of a page: between the header and the footer.
fn main_part(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").unwrap_or(html.len());
    &html[start..end]
}

#[test]
fn heading_attributes_keep_only_id_and_class() {
    let (html, _) = home_page(
        "## Hi {tabindex=0 autofocus onfocus=alert(document.domain)}\n\n\
         ## Kept {#custom-id .note}\n\n\
         ## Quote {#x\"onmouseover=alert(1)}\n",
    );
    let main = main_part(&html);
    assert!(main.contains("<h2 id=\"hi\">Hi</h2>"), "{main}");
    for forbidden in ["onfocus", "autofocus", "onmouseover="] {
        assert!(!main.contains(forbidden), "{forbidden} in:\n{main}");
    }
    assert!(
        main.contains("<h2 id=\"custom-id\" class=\"note\">Kept</h2>"),
        "{main}"
    );
}

#[test]
fn a_forged_embed_placeholder_is_shown_as_text() {
    let (html, _) = home_page(
        "{{ ranking 2026 }}\n\n\
         <rankpress-embed index=\"0\" onmouseover=alert(1)></rankpress-embed>\n\n\
         Also <rankpress-embed index=\"0\"></rankpress-embed> inline.\n",
    );
    let main = main_part(&html);
    // The look-alikes are text: no element, so no handler.
    assert!(!main.contains("<rankpress-embed"), "{main}");
    assert!(main.contains("&lt;rankpress-embed"), "{main}");
    // The real embed is filled in once: one ranking table from the commentary.
    assert!(main.contains("Alpha Bank"), "{main}");
}

#[test]
fn links_only_allow_http_https_mailto_and_relative_addresses() {
    let markdown = "\
[plain](javascript:alert(1))

[encoded](&#106;avascript:alert(2))

<javascript:alert(3)>

[spaced]( javascript:alert(4))

[reference][r]

![image](data:image/svg+xml;base64,PHN2Zz4=)

[data](DATA:text/html,<script>alert(6)</script>)

[r]: JAVASCRIPT:alert(7)

[web](https://example.org/a?b=c:d) [mail](mailto:team@example.org) [page](../methodology/) [anchor](#top)
";
    let (html, warnings) = home_page(markdown);
    let main = main_part(&html).to_ascii_lowercase();
    for scheme in ["javascript:", "data:"] {
        assert!(
            !main.contains(&format!("href=\"{scheme}"))
                && !main.contains(&format!("src=\"{scheme}")),
            "{scheme} in:\n{main}"
        );
    }
    assert!(
        main.contains("href=\"https://example.org/a?b=c:d\""),
        "{main}"
    );
    assert!(main.contains("href=\"mailto:team@example.org\""), "{main}");
    assert!(main.contains("href=\"../methodology/\"") || main.contains("methodology/"));
    assert!(main.contains("href=\"#top\""), "{main}");
    // The link text stays, as text.
    assert!(main.contains("plain") && main.contains("encoded"), "{main}");
    // One warning per unsafe link, at its line.
    let lines: Vec<usize> = warnings
        .iter()
        .filter(|w| w.severity == Severity::Warning && w.message.contains("shown as text"))
        .map(|w| w.line.expect("located"))
        .collect();
    assert_eq!(lines, vec![1, 3, 5, 7, 9, 11, 13], "{warnings:?}");
}

#[test]
fn a_company_website_must_be_an_http_address() {
    let companies = COMPANIES.replace(
        "- {id: beta, name: Beta Bank, sector: banks}",
        "- {id: beta, name: Beta Bank, sector: banks, website: \"javascript:alert(1)\"}",
    );
    let errors = errors_of(&[("data/companies.yaml", &companies)]);
    let error = errors
        .iter()
        .find(|e| e.message.contains("javascript:alert(1)"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(error.file, "data/companies.yaml");
    assert_eq!(error.line, Some(2));
    assert!(error.expected.as_deref().unwrap().contains("https://"));
}

#[test]
fn control_characters_in_any_text_are_located_errors() {
    let companies = COMPANIES.replace("Beta Bank", "Beta\u{1}Bank");
    let commentary = "---\ntitle: \"Hi\u{1b}[31m\"\n---\nText \u{fffe} here.\n";
    let errors = errors_of(&[
        ("data/companies.yaml", &companies),
        ("content/_index.md", commentary),
    ]);
    let at = |file: &str| -> Vec<(Option<usize>, Option<usize>)> {
        errors
            .iter()
            .filter(|e| e.file == file && e.message.contains("control character"))
            .map(|e| (e.line, e.column))
            .collect()
    };
    assert_eq!(
        at("data/companies.yaml"),
        vec![(Some(2), Some(24))],
        "{errors:?}"
    );
    assert_eq!(
        at("content/_index.md"),
        vec![(Some(2), Some(11)), (Some(4), Some(6))],
        "{errors:?}"
    );
    // The message shows the escape character as a symbol: nothing reaches the terminal raw.
    let shown: String = errors.iter().map(|e| e.to_string()).collect();
    assert!(!shown.contains('\u{1b}') && shown.contains('␛'), "{shown}");
}
