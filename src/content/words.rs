//! The words of a commentary as plain text, for the search index: what a reader could search a
//! page by. Pure.

/// Characters of a company's or sector's commentary the search index keeps: enough to find a
/// page by what it says, small enough to keep the index light.
pub const PAGE_WORDS: usize = 600;

/// Characters of an article the search index keeps, and of any commentary kept as its
/// [`Commentary::words`](super::Commentary::words).
pub const ARTICLE_WORDS: usize = PAGE_WORDS * 2;

/// Whether a word of `word` characters still fits after `out` characters of text, within
/// `limit`: the word and the space before it (counted for the first word too).
fn fits(out: usize, word: usize, limit: usize) -> bool {
    out.saturating_add(word).saturating_add(1) <= limit
}

/// Plain text of rendered commentary HTML, cut at `limit` characters on a word boundary: its
/// words (entities decoded, a tag ending a word as a space would) joined by single spaces. One
/// pass that stops at the first word past the limit: a long commentary costs what its start
/// costs.
pub fn plain_text(html: &str, limit: usize) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::new();
    let mut out_chars = 0;
    let mut word = String::new();
    let mut word_chars = 0;
    // Adds the word to `out`; false when it does not fit.
    let mut flush = |word: &mut String, word_chars: &mut usize| {
        if word.is_empty() {
            return true;
        }
        if !fits(out_chars, *word_chars, limit) {
            return false;
        }
        if !out.is_empty() {
            out.push(' ');
            out_chars += 1;
        }
        out.push_str(word);
        out_chars += *word_chars;
        word.clear();
        *word_chars = 0;
        true
    };
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let mut step = c.len_utf8();
        let letter = match c {
            '<' => {
                in_tag = true;
                None
            }
            // A tag ends a word, as a space would.
            '>' => {
                in_tag = false;
                Some(' ')
            }
            _ if in_tag => None,
            '&' => match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
                Some((name, decoded)) => {
                    step = name.len();
                    Some(*decoded)
                }
                None => Some('&'),
            },
            c => Some(c),
        };
        match letter {
            // A word that does not fit ends the text.
            Some(c) if c.is_whitespace() && !flush(&mut word, &mut word_chars) => return out,
            Some(c) if c.is_whitespace() => {}
            Some(c) => {
                word.push(c);
                word_chars += 1;
            }
            None => {}
        }
        rest = rest.get(step..).unwrap_or_default();
    }
    flush(&mut word, &mut word_chars);
    out
}

/// The longest start of `text` (made by [`plain_text`]) whose words fit in `limit` characters,
/// by the rule of [`plain_text`]: `first_words(&plain_text(html, longer), limit)` is
/// `plain_text(html, limit)` for any `longer` limit, so that a commentary's words are found once
/// and cut to each entry's length without reading its HTML again.
pub fn first_words(text: &str, limit: usize) -> &str {
    let (mut chars, mut end) = (0, 0);
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let word_chars = word.chars().count();
        if !fits(chars, word_chars, limit) {
            break;
        }
        if end > 0 {
            chars += 1;
            end += 1;
        }
        chars += word_chars;
        end += word.len();
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn commentary_html_becomes_plain_words() {
        assert_eq!(
            plain_text("<p>Tom &amp; Jerry <em>win</em></p>\n<p>again</p>", 100),
            "Tom & Jerry win again"
        );
        assert_eq!(plain_text("<p>one two three</p>", 8), "one two");
        // Entities are decoded once, as a browser shows them; a tag ends a word.
        assert_eq!(
            plain_text("<p>a&amp;lt;b</p><p>&quot;c&quot;&#39;s x&y</p>", 100),
            "a&lt;b \"c\"'s x&y"
        );
        assert_eq!(plain_text("<p>Grüße aus Köln</p>", 10), "Grüße aus");
        assert_eq!(plain_text("<p>Grüße aus Köln</p>", 8), "Grüße");
    }

    #[test]
    fn first_words_cut_like_plain_text() {
        let all = plain_text("<p>Grüße aus Köln</p>", usize::MAX);
        assert_eq!(all, "Grüße aus Köln");
        assert_eq!(first_words(&all, 10), "Grüße aus");
        assert_eq!(first_words(&all, 8), "Grüße");
        assert_eq!(first_words(&all, 5), "");
        assert_eq!(first_words(&all, 100), all);
        assert_eq!(first_words("", 10), "");
    }

    proptest! {
        /// Cutting a longer text gives what reading the HTML up to the limit gives, for any
        /// mix of words, spaces, tags, entities and letters of several lengths in UTF-8.
        #[test]
        fn first_words_of_the_whole_text_are_plain_text_up_to_the_limit(
            pieces in proptest::collection::vec(
                prop_oneof![
                    "[a-zäöüß]{1,9}",
                    Just(" ".to_string()),
                    Just("\n".to_string()),
                    Just("\u{a0}".to_string()),
                    Just("<p>".to_string()),
                    Just("</em>".to_string()),
                    Just("&amp;".to_string()),
                    Just("&lt;b&gt;".to_string()),
                    Just("東京".to_string()),
                ],
                0..60,
            ),
            limit in 0usize..80,
            longer in 0usize..120,
        ) {
            let html = pieces.concat();
            let text = plain_text(&html, limit + longer);
            prop_assert_eq!(first_words(&text, limit), plain_text(&html, limit));
            let all = plain_text(&html, usize::MAX);
            prop_assert_eq!(first_words(&all, limit), plain_text(&html, limit));
        }
    }
}
