//! The theme contract, checked: pages of every kind of the example site, rendered through its
//! theme's templates in each of its languages; every field a template reads exists in the views;
//! every field the views give is named in docs/templates.md. A renamed field fails here before
//! it breaks a user's theme.

use std::collections::BTreeSet;

use crate::views::PAGE_KINDS;
use crate::views::kinds::{Built, pages};
use crate::views::{SiteData, ViewBuilder};

/// A page kind's name and a value its template receives.
type KindValue = (&'static str, serde_json::Value);

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every object key anywhere in `value`.
fn field_names(value: &serde_json::Value, names: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                names.insert(key.clone());
                field_names(inner, names);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| field_names(v, names)),
        _ => {}
    }
}

/// The names a template reads after `prefix` (`page.`, `layout.`), with every `.field` step
/// after it: `page.edition.year` gives `edition` and `year`.
fn references(source: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in source.match_indices(prefix) {
        let before = source[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let path: String = source[at + prefix.len()..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        found.extend(
            path.split('.')
                .filter(|step| !step.is_empty() && !step.chars().all(|c| c.is_ascii_digit()))
                .map(str::to_string),
        );
    }
    found
}

/// Up to `per_kind` pages of each kind of the example site (the repository's root), built as
/// the build builds them and rendered through its theme: each page's layout and view as the
/// template sees them, and the theme's templates by name.
fn example_pages(per_kind: usize) -> (Vec<KindValue>, Vec<(String, String)>) {
    let options = crate::pipeline::BuildOptions {
        root: root(),
        output: None,
        base_url: None,
        include_drafts: false,
        force: false,
        precompress: false,
    };
    let mut builder = crate::pipeline::Builder::new(&options);
    builder.prepare(None).unwrap_or_else(|e| panic!("{e}"));
    let prepared = builder.prepared().unwrap();
    let data = SiteData {
        site: &prepared.site,
        content: &prepared.content,
        results: &prepared.results,
        locales: &prepared.locales,
    };
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut views = Vec::new();
    for (page, route) in pages(&data) {
        let count = seen.entry(page.kind.name).or_default();
        if *count >= per_kind {
            continue;
        }
        for locale in data.locales {
            let builder =
                ViewBuilder::new(&data, locale, &route.file()).with_renderer(&prepared.renderer);
            let Some(Built {
                layout, page: view, ..
            }) = page.view(&builder).unwrap()
            else {
                continue;
            };
            // Undefined variables, filters given the wrong type, missing strings: an error.
            let html = prepared
                .renderer
                .render(
                    page.kind.template,
                    &layout,
                    &*view,
                    &crate::render::TemplateStrings::new(&locale.strings),
                )
                .unwrap_or_else(|e| panic!("{} with {}: {e:?}", route.file(), page.kind.template));
            assert!(html.contains("</html>"), "{}", route.file());
            *count += 1;
            views.push((page.kind.name, serde_json::to_value(&layout).unwrap()));
            views.push((page.kind.name, view.to_value()));
        }
    }
    // The files for machines, whose templates read `page` too.
    use crate::render::feeds;
    let routes: Vec<_> = pages(&data).into_iter().map(|(_, route)| route).collect();
    let feed = feeds::atom(
        data.site,
        data.content,
        &prepared.locales[0],
        &[Some("<p>x</p>".into())],
    );
    assert!(!feed.entries.is_empty());
    views.push((
        "sitemap",
        serde_json::to_value(feeds::sitemap(data.site, &routes)).unwrap(),
    ));
    views.push(("feed", serde_json::to_value(feed).unwrap()));
    views.push((
        "robots",
        serde_json::to_value(feeds::robots(data.site)).unwrap(),
    ));
    let templates = prepared
        .theme
        .templates
        .iter()
        .map(|(name, (_, source))| (name.clone(), source.clone()))
        .collect();
    (views, templates)
}

#[test]
fn every_page_kind_renders_through_the_theme_and_its_fields_are_documented() {
    let (views, templates) = example_pages(4);
    let rendered: BTreeSet<&str> = views.iter().map(|(kind, _)| *kind).collect();
    let mut every: BTreeSet<&str> = PAGE_KINDS.iter().map(|kind| kind.name).collect();
    every.extend(["sitemap", "feed", "robots"]);
    assert_eq!(rendered, every, "a page of every kind");
    let mut names = BTreeSet::new();
    for (_, value) in &views {
        field_names(value, &mut names);
    }

    // What the templates read of `page` and `layout` is there on some page.
    let mut read = BTreeSet::new();
    for (name, source) in &templates {
        for field in references(source, "page.")
            .into_iter()
            .chain(references(source, "layout."))
        {
            read.insert((field, name.clone()));
        }
    }
    let unknown: Vec<_> = read
        .iter()
        .filter(|(field, _)| !names.contains(field))
        .collect();
    assert!(
        unknown.is_empty(),
        "templates read fields no view gives: {unknown:?}"
    );

    // What the views give is named in docs/templates.md.
    let doc = std::fs::read_to_string(root().join("docs/templates.md")).unwrap();
    let mut documented = BTreeSet::new();
    for span in doc.split('`').skip(1).step_by(2) {
        for word in span.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            documented.insert(word.to_string());
        }
    }
    let missing: Vec<&String> = names.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "docs/templates.md does not name {missing:?}"
    );
}

/// The check above finds what it looks for: a field the views do not give, read by a template.
#[test]
fn a_template_reading_an_unknown_field_is_found() {
    let found = references(
        "{{ page.edition.yaer }} {% if layout.notice %}{{ mypage.x }}",
        "page.",
    );
    assert_eq!(
        found,
        BTreeSet::from(["edition".to_string(), "yaer".to_string()])
    );
}
