//! Leaves out of a rendered page the whitespace a browser ignores: the indentation that starts a
//! line and the lines that hold nothing else. A template stays readable, and a site of 20,000
//! pages does not publish 16 MB of spaces. What a reader sees does not change: between two
//! tags or words, a line break and the spaces after it show as one space, as the line break
//! alone does. Inside `<pre>`, `<textarea>`, `<script>` and `<style>`, where whitespace counts or
//! may, every line is kept as it is. Pure: text in, text out.

/// The elements whose lines are kept as they are, opening and closing (lowercase: the
/// comparison ignores case).
const KEPT: [(&str, &str); 4] = [
    ("<pre", "</pre"),
    ("<textarea", "</textarea"),
    ("<script", "</script"),
    ("<style", "</style"),
];

/// `html` without leading indentation and without blank lines, outside the elements of
/// [`KEPT`].
pub fn html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // The closing tag that ends the element whose lines are being kept.
    let mut kept_until: Option<&str> = None;
    for line in html.split_inclusive('\n') {
        let shown = if kept_until.is_some() {
            line
        } else {
            line.trim_start_matches([' ', '\t'])
        };
        if kept_until.is_none() && shown.trim_end_matches(['\n', '\r']).is_empty() {
            continue;
        }
        out.push_str(shown);
        kept_until = still_kept(line, kept_until);
    }
    out
}

/// Which kept element is still open after `line`, given the one open before it.
fn still_kept<'a>(line: &str, mut open: Option<&'a str>) -> Option<&'a str> {
    // Only a line with a tag in it can open or close one; most lines have none of these.
    if !line.contains('<') {
        return open;
    }
    let lower = line.to_ascii_lowercase();
    let mut at = 0;
    loop {
        match open {
            Some(close) => match lower[at..].find(close) {
                Some(found) => {
                    at += found + close.len();
                    open = None;
                }
                None => return open,
            },
            None => {
                let next = KEPT
                    .iter()
                    .filter_map(|(start, close)| {
                        let found = lower[at..].find(start)?;
                        // `<pre` and not `<prefix-element`: the name ends there.
                        let after = lower[at + found + start.len()..].chars().next();
                        matches!(after, None | Some('>' | ' ' | '\t' | '\n' | '\r' | '/'))
                            .then_some((found, start.len(), *close))
                    })
                    .min_by_key(|(found, _, _)| *found);
                match next {
                    Some((found, length, close)) => {
                        at += found + length;
                        open = Some(close);
                    }
                    None => return None,
                }
            }
        }
    }
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
