//! Leaves out of a rendered page the whitespace a browser ignores: the indentation that starts a
//! line and the lines that hold nothing else. A template stays readable, and a site of 20,000
//! pages does not publish 16 MB of spaces. What a reader sees does not change: between two
//! tags or words, a line break and the spaces after it show as one space, as the line break
//! alone does. Inside `<pre>`, `<textarea>`, `<script>` and `<style>`, where whitespace counts or
//! may, every line is kept as it is. Pure: text in, text out.

/// The elements whose lines are kept as they are, by name (compared ignoring case).
const KEPT: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` without leading indentation and without blank lines, outside the elements of
/// [`KEPT`]. One pass over the bytes: a page of 16 KB takes a few microseconds.
pub fn html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // The element whose lines are being kept, until its closing tag.
    let mut kept: Option<&str> = None;
    for line in html.split_inclusive('\n') {
        let shown = if kept.is_some() {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        if kept.is_some() || !shown.bytes().all(|b| b == b'\n' || b == b'\r') {
            out.push_str(shown);
        }
        let line = line.as_bytes();
        if let Some(first) = memchr::memchr(b'<', line) {
            kept = still_kept(line.get(first..).unwrap_or_default(), kept);
        }
    }
    out
}

/// Which kept element is still open after `line`, given the one open before it.
fn still_kept(line: &[u8], mut open: Option<&'static str>) -> Option<&'static str> {
    for at in memchr::memchr_iter(b'<', line) {
        let rest = line.get(at + 1..).unwrap_or_default();
        open = match open {
            Some(name) => match rest.strip_prefix(b"/") {
                Some(after) if named(after, name) => None,
                _ => Some(name),
            },
            // Most tags are none of the kept ones, told by their first letter.
            None if !matches!(rest.first(), Some(b'p' | b'P' | b't' | b'T' | b's' | b'S')) => None,
            None => KEPT.into_iter().find(|name| named(rest, name)),
        };
    }
    open
}

/// Whether `tag` (what follows `<` or `</`) starts with the element name `name`, whole.
fn named(tag: &[u8], name: &str) -> bool {
    tag.get(..name.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(name.as_bytes()))
        && tag
            .get(name.len())
            .is_none_or(|b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_and_blank_lines_go_and_words_keep_their_space() {
        let page = "<main>\n  <p>One\n    two</p>\n\n   \n  <ul>\n    <li>A</li>\n  </ul>\n</main>\n";
        assert_eq!(
            html(page),
            "<main>\n<p>One\ntwo</p>\n<ul>\n<li>A</li>\n</ul>\n</main>\n"
        );
    }

    #[test]
    fn preformatted_text_scripts_and_styles_keep_every_line() {
        let page = "<div>\n  <pre><code>fn main() {\n    let x = 1;\n\n    x\n}</code></pre>\n  <p>after</p>\n  <TEXTAREA>\n  typed\n\n</TEXTAREA>\n  <script>\n  if (a) {\n\n    b();\n  }\n  </script>\n  <style>\n  p { }\n  </style>\n  <pre>one line</pre>\n  <p>\n    end</p>\n</div>\n";
        assert_eq!(
            html(page),
            "<div>\n<pre><code>fn main() {\n    let x = 1;\n\n    x\n}</code></pre>\n<p>after</p>\n<TEXTAREA>\n  typed\n\n</TEXTAREA>\n<script>\n  if (a) {\n\n    b();\n  }\n  </script>\n<style>\n  p { }\n  </style>\n<pre>one line</pre>\n<p>\nend</p>\n</div>\n"
        );
    }

    #[test]
    fn an_element_whose_name_starts_like_a_kept_one_is_compacted() {
        let page = "<prefix-note>\n  a\n</prefix-note>\n";
        assert_eq!(html(page), "<prefix-note>\na\n</prefix-note>\n");
    }
}
