//! Soft hyphens in the long words of a page's headings. The stylesheet asks for `hyphens: auto`,
//! but a browser without the language's hyphenation rules (Chromium on Linux, some webviews)
//! then breaks a compound wider than a phone's screen ("kundenorientiertesten") anywhere, with
//! no hyphen. The places where the language's Knuth–Liang patterns allow a hyphen are marked
//! with U+00AD instead: invisible, except as the hyphen where the line breaks. Pure.

use std::borrow::Cow;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// The shortest word marked, and the fewest letters kept before and after a break: the
/// stylesheet's `hyphenate-limit-chars: 12 5 5`.
const MIN_WORD: usize = 12;
const MIN_SIDE: usize = 5;

const SOFT_HYPHEN: char = '\u{ad}';

/// The theme's languages that have hyphenation patterns (Arabic, Hebrew, Chinese, Japanese and
/// Korean break their lines otherwise).
const LANGUAGES: [(&str, Language); 15] = [
    ("be", Language::Belarusian),
    ("cs", Language::Czech),
    ("da", Language::Danish),
    ("de", Language::German1996),
    ("en", Language::EnglishUS),
    ("es", Language::Spanish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("pl", Language::Polish),
    ("pt", Language::Portuguese),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("uk", Language::Ukrainian),
];

/// The patterns of the language `lang` (a BCP 47 tag: "de", "de-CH"), loaded once.
fn patterns(lang: &str) -> Option<&'static Standard> {
    static LOADED: [OnceLock<Option<Standard>>; LANGUAGES.len()] =
        [const { OnceLock::new() }; LANGUAGES.len()];
    let primary = lang.split(['-', '_']).next()?.to_ascii_lowercase();
    let index = LANGUAGES.iter().position(|(code, _)| *code == primary)?;
    let (_, language) = LANGUAGES.get(index)?;
    LOADED
        .get(index)?
        .get_or_init(|| Standard::from_embedded(*language).ok())
        .as_ref()
}

/// `text` with a soft hyphen wherever the rules of `lang` allow a break in a word of at least
/// [`MIN_WORD`] letters, [`MIN_SIDE`] letters from either end; unchanged for a language without
/// rules and for a text without long words.
pub fn soft_hyphens<'a>(text: &'a str, lang: &str) -> Cow<'a, str> {
    let long = |word: &str| word.chars().count() >= MIN_WORD;
    let words = || text.split(|c: char| !c.is_alphabetic()).filter(|w| long(w));
    if words().next().is_none() || text.contains(SOFT_HYPHEN) {
        return Cow::Borrowed(text);
    }
    let Some(patterns) = patterns(lang) else {
        return Cow::Borrowed(text);
    };
    let mut marked = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphabetic) {
        let (before, from) = rest.split_at(start);
        marked.push_str(before);
        let end = from.find(|c: char| !c.is_alphabetic()).unwrap_or(from.len());
        let (word, after) = from.split_at(end);
        mark(word, patterns, &mut marked);
        rest = after;
    }
    marked.push_str(rest);
    Cow::Owned(marked)
}

/// `word` with its allowed breaks marked, appended to `out`.
fn mark(word: &str, patterns: &Standard, out: &mut String) {
    let letters = word.chars().count();
    if letters < MIN_WORD {
        out.push_str(word);
        return;
    }
    let breaks = patterns.hyphenate(word).breaks;
    let mut last = 0;
    for at in breaks {
        let Some(head) = word.get(..at) else {
            continue;
        };
        let before = head.chars().count();
        if before < MIN_SIDE || letters - before < MIN_SIDE || at <= last {
            continue;
        }
        out.push_str(word.get(last..at).unwrap_or_default());
        out.push(SOFT_HYPHEN);
        last = at;
    }
    out.push_str(word.get(last..).unwrap_or_default());
}

/// The template filter: `{{ page.title | hyphenate(lang=layout.lang) }}`.
pub fn filter(text: &str, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<String> {
    let lang = kwargs.get::<&str>("lang")?.unwrap_or("en");
    Ok(soft_hyphens(text, lang).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        text.replace(SOFT_HYPHEN, "|")
    }

    /// A German compound is marked where German allows a hyphen, five letters from either end;
    /// words under twelve letters ("компании") and the last few letters ("ные") stay whole.
    #[test]
    fn a_long_compound_is_marked_where_its_language_allows_a_hyphen() {
        assert_eq!(
            shown(&soft_hyphens("Die kundenorientiertesten Dienstleister 2026", "de")),
            "Die kunden|ori|en|tier|testen Dienst|leister 2026"
        );
        assert_eq!(
            shown(&soft_hyphens("Самые клиентоориентированные компании", "ru")),
            "Самые клиен|то|ори|ен|ти|ро|ванные компании"
        );
    }

    /// Short words, languages without patterns and text already marked stay as they are.
    #[test]
    fn short_words_other_scripts_and_marked_text_are_left_alone() {
        assert!(matches!(soft_hyphens("Die besten Banken", "de"), Cow::Borrowed(_)));
        let japanese = "最も顧客志向のサービス企業ランキング二〇二六年版";
        assert_eq!(soft_hyphens(japanese, "ja"), japanese);
        assert_eq!(soft_hyphens("kundenorientiertesten", "ar"), "kundenorientiertesten");
        let marked = "kunden\u{ad}orientiertesten";
        assert_eq!(soft_hyphens(marked, "de"), marked);
    }
}
