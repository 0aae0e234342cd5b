//! Markdown to HTML with pulldown-cmark: tables, footnotes, smart punctuation, heading anchors,
//! and raw HTML escaped unless the site allows it. Pure: text in, HTML out.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Rendered commentary, with what the author should hear about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Links and images with a scheme that could run script or leave the web (`javascript:`,
    /// `data:`, `vbscript:`...): shown as text, reported at their 1-based line and column.
    pub unsafe_links: Vec<UnsafeLink>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeLink {
    pub line: usize,
    pub column: usize,
    pub url: String,
}

/// Renders `markdown` to HTML. Headings are shifted so the text's highest heading becomes an
/// `<h2>` (the page owns the `<h1>`, and no level is skipped), and each gets an `id` from its
/// text, unique within the document, so it can be linked to. `embeds` is how many placeholders
/// [`crate::content::embeds::extract`] put into the text: exactly those pass through as HTML.
///
/// Whatever the text holds, no script comes out of it: raw HTML is escaped unless the site
/// allows it, heading attributes are limited to `id` and `class`, and only `http`, `https`,
/// `mailto` and relative links become links.
pub fn render(markdown: &str, allow_html: bool, embeds: usize) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let shift = heading_shift(markdown, options);
    let lines = LineIndex::new(markdown);
    let mut events: Vec<Event> = Vec::new();
    let mut ids = UniqueIds::default();
    let mut open_heading: Option<usize> = None;
    let mut unsafe_links = Vec::new();
    // Links whose start was dropped: their end is dropped too (links nest only through images).
    let mut dropped: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                open_heading = Some(events.len());
                // `{#id .class}` are kept; any other attribute (`onfocus=…`) is dropped.
                let plain = |name: &str| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                };
                events.push(Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    // An id or class with quotes or other punctuation is no name a stylesheet
                    // or link would use: the id becomes a slug, the class is dropped.
                    id: id.map(|id| {
                        if plain(&id) {
                            id
                        } else {
                            CowStr::from(slug(&id))
                        }
                    }),
                    classes: classes.into_iter().filter(|c| plain(c)).collect(),
                    attrs: Vec::new(),
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
                        *id = Some(CowStr::from(ids.claim(&base)));
                    }
                }
                events.push(Event::End(TagEnd::Heading(shifted(level, shift))));
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let safe = is_safe_url(dest_url);
                if !safe {
                    let (line, column) = lines.position(range.start);
                    unsafe_links.push(UnsafeLink {
                        line,
                        column,
                        url: dest_url.to_string(),
                    });
                }
                dropped.push(!safe);
                if safe {
                    events.push(event);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if !dropped.pop().unwrap_or(false) {
                    events.push(event);
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw)
                if !allow_html && !crate::content::embeds::is_placeholder(&raw, embeds) =>
            {
                events.push(Event::Text(raw))
            }
            other => events.push(other),
        }
    }
    let mut output = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut output, events.into_iter());
    Rendered {
        html: output,
        unsafe_links,
    }
}

/// Whether a link or image address may be published: relative, or `http`, `https` or `mailto`.
/// Browsers ignore tabs and line breaks inside a URL and spaces and control characters before
/// it, so they are ignored here too before the scheme is read.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let scheme = cleaned.get(..colon).unwrap_or_default();
    // A `:` after a path, query or fragment starts no scheme: `page/a:b`, `?q=a:b`, `#x:y`.
    if scheme.contains(['/', '?', '#']) {
        return true;
    }
    matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "mailto"
    )
}

/// Start offsets of the lines of a text, to turn byte offsets into lines and columns in
/// O(log n), however many are asked for.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        LineIndex { text, starts }
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |before| before.chars().count());
        (line, column + 1)
    }
}

/// Every link and image destination in `markdown`, with the 1-based line it is on.
pub fn links(markdown: &str) -> Vec<(String, usize)> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    let lines = LineIndex::new(markdown);
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), lines.line(range.start)))
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

/// Heading ids, each unique within a document: the second `Results` becomes `results-2`. Each
/// base remembers the last number it gave, so thousands of equal headings cost linear time.
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    fn claim(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let counter = self.next.entry(base.to_string()).or_insert(1);
        loop {
            *counter += 1;
            let candidate = format!("{base}-{counter}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// A URL fragment for `text`: lower case, letters and digits, German letters spelled out.
pub fn slug(text: &str) -> String {
    use crate::model::text::{join_words, spell_german};
    join_words(&spell_german(text), char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_keep_the_letters_of_any_script() {
        assert_eq!(slug("Итоги года: Über 50!"), "итоги-года-ueber-50");
    }

    #[test]
    fn headings_get_unique_anchors_and_move_down_a_level() {
        let html = render("# Über uns\n\n## Results\n\n## Results\n", false, 0).html;
        assert!(
            html.contains("<h2 id=\"ueber-uns\">Über uns</h2>"),
            "{html}"
        );
        assert!(html.contains("<h3 id=\"results\">"));
        assert!(html.contains("<h3 id=\"results-2\">"));
    }

    #[test]
    fn the_highest_heading_becomes_h2_without_skipping_levels() {
        let html = render("## Ties\n\n### Example\n", false, 0).html;
        assert!(
            html.contains("<h2 id=\"ties\">") && html.contains("<h3 id=\"example\">"),
            "{html}"
        );
        let deep = render("### Only\n", false, 0).html;
        assert!(deep.contains("<h2 id=\"only\">"), "{deep}");
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        let escaped = render("Hi <script>alert(1)</script>\n\n<div>x</div>\n", false, 0).html;
        assert!(!escaped.contains("<script>"), "{escaped}");
        assert!(escaped.contains("&lt;script&gt;"));
        let allowed = render("<div class=\"note\">x</div>\n", true, 0).html;
        assert!(allowed.contains("<div class=\"note\">"));
    }

    #[test]
    fn tables_footnotes_and_smart_quotes() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n\"quoted\" text[^1]\n\n[^1]: note\n",
            false,
            0,
        )
        .html;
        assert!(html.contains("<table>"));
        assert!(html.contains("“quoted”"));
        assert!(html.contains("footnote"));
    }
}

#[cfg(test)]
mod url_tests {
    #[test]
    fn only_web_mail_and_relative_addresses_are_safe() {
        for safe in [
            "https://example.org/",
            "HTTP://example.org",
            "mailto:a@example.org",
            "../x/",
            "#top",
            "page?q=a:b",
            "x/y:z",
            "//cdn.example.org/a",
        ] {
            assert!(super::is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
        ] {
            assert!(!super::is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
    }
}

#[cfg(test)]
mod placeholder_tests {
    #[test]
    fn embed_placeholders_survive_escaping() {
        let text = format!(
            "{}\n\nSee {} here.\n",
            crate::content::embeds::placeholder(0),
            crate::content::embeds::placeholder(1)
        );
        let html = super::render(&text, false, 2).html;
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
