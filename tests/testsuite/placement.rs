//! Where commentary goes on its page (issue 37, item 8): a company's text sat at the very
//! bottom, after the seals, and its front-matter title was not shown. The front matter's
//! `placement` puts it `before` or `after` the sections the page generates.

use crate::support::{Fixture, SITE};

/// The English company page of Alpha with `front_matter` (empty: none) over its commentary.
fn company_page(front_matter: &str) -> Result<String, Vec<rankpress::diagnostics::Diagnostic>> {
    let text = format!("{front_matter}Alpha answers every letter.\n");
    let fixture = Fixture::with_theme(&[
        ("data/site.yaml", SITE),
        ("content/companies/alpha.md", &text),
    ]);
    let options = crate::support::in_memory(fixture.root());
    match rankpress::pipeline::build_in_memory(&options) {
        Ok((_, files)) => {
            Ok(String::from_utf8(files["companies/alpha/index.html"].clone()).unwrap())
        }
        Err(rankpress::pipeline::BuildError::Input(diagnostics)) => Err(diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()),
        Err(other) => panic!("{other}"),
    }
}

fn position(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in the page"))
}

#[test]
fn a_company_s_commentary_goes_where_its_front_matter_says_with_its_title() {
    let result = "id=\"result-heading\"";
    // The company page's default: after the figures.
    let page = company_page("").unwrap();
    assert!(position(&page, "Alpha answers every letter.") > position(&page, result));
    // Asked for, before them, its title as the commentary's heading.
    let page = company_page("---\ntitle: Every letter\nplacement: before\n---\n").unwrap();
    let text = position(&page, "Alpha answers every letter.");
    assert!(text < position(&page, result));
    assert!(
        page.contains("<div class=\"commentary prose\">\n<h2>Every letter</h2>\n<p>Alpha answers")
    );
    assert_eq!(
        page.matches("Alpha answers every letter.").count(),
        1,
        "shown once"
    );
    let page = company_page("---\nplacement: after\n---\n").unwrap();
    assert!(position(&page, "Alpha answers every letter.") > position(&page, result));
}

#[test]
fn an_edition_s_commentary_can_follow_its_figures() {
    let build = |front_matter: &str| {
        let text = format!("{front_matter}The year in brief.\n");
        let fixture = Fixture::with_theme(&[
            ("data/site.yaml", SITE),
            ("content/editions/2026.md", &text),
        ]);
        let options = crate::support::in_memory(fixture.root());
        let (_, files) = rankpress::pipeline::build_in_memory(&options).unwrap();
        String::from_utf8(files["2026/index.html"].clone()).unwrap()
    };
    let ranking = "id=\"ranking-heading\"";
    // An edition's default: the story before the tables.
    let page = build("");
    assert!(position(&page, "The year in brief.") < position(&page, ranking));
    let page = build("---\nplacement: after\n---\n");
    assert!(position(&page, "The year in brief.") > position(&page, ranking));
}

#[test]
fn an_unknown_placement_is_an_error_at_its_key() {
    let errors = company_page("---\ntitle: T\nplacement: top\n---\n").unwrap_err();
    let error = errors
        .iter()
        .find(|d| d.file == "content/companies/alpha.md")
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(error.line, Some(3), "{error}");
    assert!(
        error.message.contains("`top` is not a placement"),
        "{error}"
    );
    assert!(error.to_string().contains("`before`"), "{error}");
}
