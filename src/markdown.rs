//! Markdown to HTML with pulldown-cmark: tables, footnotes, smart punctuation, heading anchors,
//! and raw HTML escaped unless the site allows it. Pure: text in, HTML out.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders `markdown` to HTML. Headings are shifted so the text's highest heading becomes an
/// `<h2>` (the page owns the `<h1>`, and no level is skipped), and each gets an `id` from its
/// text, unique within the document, so it can be linked to.
pub fn render(markdown: &str, allow_html: bool) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let shift = heading_shift(markdown, options);
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut open_heading: Option<usize> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                open_heading = Some(events.len());
                events.push(Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = open_heading.take() {
                    let text: String = events
                        .get(start + 1..)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    if let Some(Event::Start(Tag::Heading { id, .. })) = events.get_mut(start) {
                        let base = match id {
                            Some(given) => given.to_string(),
                            None => slug(&text),
                        };
                        *id = Some(CowStr::from(unique_id(&base, &mut used_ids)));
                    }
                }
                events.push(Event::End(TagEnd::Heading(shifted(level, shift))));
            }
            Event::Html(raw) | Event::InlineHtml(raw)
                if !allow_html && !crate::embeds::is_placeholder(&raw) =>
            {
                events.push(Event::Text(raw))
            }
            other => events.push(other),
        }
    }
    let mut output = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut output, events.into_iter());
    output
}

/// Every link and image destination in `markdown`, with the 1-based line it is on.
pub fn links(markdown: &str) -> Vec<(String, usize)> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let line = markdown[..range.start].matches('\n').count() + 1;
                Some((dest_url.to_string(), line))
            }
            _ => None,
        })
        .collect()
}

/// How many levels to move headings so that the highest one in `markdown` becomes `<h2>`.
fn heading_shift(markdown: &str, options: Options) -> i32 {
    let highest = Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level as i32),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    2 - highest
}

fn shifted(level: HeadingLevel, shift: i32) -> HeadingLevel {
    match (level as i32 + shift).clamp(2, 6) {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut candidate = base.to_string();
    let mut counter = 1;
    while !used.insert(candidate.clone()) {
        counter += 1;
        candidate = format!("{base}-{counter}");
    }
    candidate
}

/// A URL fragment for `text`: lower case, letters and digits, German letters spelled out.
pub fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => slug.push_str("ae"),
            'ö' => slug.push_str("oe"),
            'ü' => slug.push_str("ue"),
            'ß' => slug.push_str("ss"),
            c if c.is_alphanumeric() => slug.push(c),
            _ if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_anchors_and_move_down_a_level() {
        let html = render("# Über uns\n\n## Results\n\n## Results\n", false);
        assert!(
            html.contains("<h2 id=\"ueber-uns\">Über uns</h2>"),
            "{html}"
        );
        assert!(html.contains("<h3 id=\"results\">"));
        assert!(html.contains("<h3 id=\"results-2\">"));
    }

    #[test]
    fn the_highest_heading_becomes_h2_without_skipping_levels() {
        let html = render("## Ties\n\n### Example\n", false);
        assert!(
            html.contains("<h2 id=\"ties\">") && html.contains("<h3 id=\"example\">"),
            "{html}"
        );
        let deep = render("### Only\n", false);
        assert!(deep.contains("<h2 id=\"only\">"), "{deep}");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let escaped = render("Hi <script>alert(1)</script>\n\n<div>x</div>\n", false);
        assert!(!escaped.contains("<script>"), "{escaped}");
        assert!(escaped.contains("&lt;script&gt;"));
        let allowed = render("<div class=\"note\">x</div>\n", true);
        assert!(allowed.contains("<div class=\"note\">"));
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n\"quoted\" text[^1]\n\n[^1]: note\n",
            false,
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("“quoted”"));
        assert!(html.contains("footnote"));
    }
}

#[cfg(test)]
mod placeholder_tests {
    #[test]
    fn embed_placeholders_survive_escaping() {
        let text = format!(
            "{}\n\nSee {} here.\n",
            crate::embeds::placeholder(0),
            crate::embeds::placeholder(1)
        );
        let html = super::render(&text, false);
        assert!(
            html.contains("<p><rankpress-embed index=\"0\"></rankpress-embed></p>"),
            "{html}"
        );
        assert!(
            html.contains("See <rankpress-embed index=\"1\"></rankpress-embed> here."),
            "{html}"
        );
    }
}
