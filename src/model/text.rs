//! Localised text: a plain string or a map from language code to string (FORMAT.md, "Localised
//! text"), resolved once against the site's languages so that later stages just index by language.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Localised text as written in YAML.
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

/// A text, or a map from language code to text in which each language is given once. Written
/// by hand rather than `#[serde(untagged)]`, whose errors say only that nothing matched.
impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = RawText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a map from language code to text")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(text.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<RawText, E> {
                Ok(RawText::Plain(text))
            }
            // `name: 2026` or `name: true` is text the author meant as it is written.
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<RawText, E> {
                Ok(RawText::Plain(n.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<RawText, E> {
                Ok(RawText::Plain(n.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<RawText, E> {
                Ok(RawText::Plain(n.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<RawText, E> {
                Ok(RawText::Plain(b.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut items: A,
            ) -> Result<RawText, A::Error> {
                // Read the list to its end first: a syntax error in it is the better message.
                while items.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Err(serde::de::Error::invalid_type(
                    serde::de::Unexpected::Seq,
                    &self,
                ))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawText, A::Error> {
                let unique = crate::input::unique_map::UniqueMap::<String>::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok(RawText::ByLanguage(unique.0))
            }
        }
        let text = deserializer.deserialize_any(TextVisitor)?;
        let longest = match &text {
            RawText::Plain(text) => text.chars().count(),
            RawText::ByLanguage(map) => map.values().map(|t| t.chars().count()).max().unwrap_or(0),
        };
        if longest > crate::input::limits::MAX_TEXT_CHARS {
            return Err(serde::de::Error::custom(format!(
                "a text of {longest} characters is longer than the {} characters rankpress takes",
                crate::input::limits::MAX_TEXT_CHARS
            )));
        }
        Ok(text)
    }
}

impl RawText {
    /// The site languages a text given by language has no version in (its pages show the
    /// first language's); none for a plain string, which is the same in every language.
    pub fn missing_languages<'a>(&'a self, languages: &'a [String]) -> Vec<&'a str> {
        match self {
            RawText::Plain(_) => Vec::new(),
            RawText::ByLanguage(map) => languages
                .iter()
                .filter(|code| !map.contains_key(*code))
                .map(String::as_str)
                .collect(),
        }
    }

    /// The site language whose version the pages of a language the text lacks show: the first
    /// of `languages` it has; none for a plain string, or a text in none of them.
    pub fn fallback_language<'a>(&self, languages: &'a [String]) -> Option<&'a str> {
        match self {
            RawText::Plain(_) => None,
            RawText::ByLanguage(map) => languages
                .iter()
                .find(|code| map.contains_key(*code))
                .map(String::as_str),
        }
    }

    /// Language codes used in the map that the site does not publish in.
    pub fn unknown_languages<'a>(&'a self, languages: &'a [String]) -> Vec<&'a str> {
        match self {
            RawText::Plain(_) => Vec::new(),
            RawText::ByLanguage(map) => map
                .keys()
                .filter(|code| !languages.contains(code))
                .map(String::as_str)
                .collect(),
        }
    }
}

/// Text with one value per site language, in the order of `site.languages`, and for each value
/// taken from another language (a missing translation) that language's code, so that pages can
/// mark it with its own `lang` and `dir`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(Vec<String>, Vec<Option<String>>);

impl Text {
    /// Resolves `raw` for every language. A missing language falls back to the site's first
    /// language, and if the text lacks that too, to the next site language it has, in the order
    /// of `site.languages`: never to a language the site does not publish in while one it does
    /// publish in is there. Only a text in none of the site's languages shows its first entry.
    pub fn resolve(raw: &RawText, languages: &[String]) -> Text {
        match raw {
            RawText::Plain(text) => Text::same(text.clone(), languages.len()),
            RawText::ByLanguage(map) => {
                let fallback_code = raw
                    .fallback_language(languages)
                    .map(str::to_string)
                    .or_else(|| map.keys().next().cloned());
                let fallback = fallback_code
                    .as_ref()
                    .and_then(|code| map.get(code))
                    .cloned()
                    .unwrap_or_default();
                let (values, written) = languages
                    .iter()
                    .map(|code| match map.get(code) {
                        Some(text) => (text.clone(), None),
                        None => (fallback.clone(), fallback_code.clone()),
                    })
                    .unzip();
                Text(values, written)
            }
        }
    }

    /// The same text in every language (generated labels, ids).
    pub fn same(text: impl Into<String>, language_count: usize) -> Text {
        let count = language_count.max(1);
        Text(vec![text.into(); count], vec![None; count])
    }

    /// The text in each site language, translations and fallbacks alike.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The language code of the text shown for language number `language` when it is another
    /// language's (a missing translation); `None` when it is written in that language, or is
    /// the same in every language.
    pub fn fallback_of(&self, language: usize) -> Option<&str> {
        self.1.get(language).and_then(|code| code.as_deref())
    }

    /// The text in language number `language` (an index into `site.languages`).
    pub fn get(&self, language: usize) -> &str {
        self.0
            .get(language)
            .or_else(|| self.0.first())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The text in the site's first language, used wherever one canonical form is needed
    /// (sorting ties by name, machine-readable exports).
    pub fn default_text(&self) -> &str {
        self.get(0)
    }
}

/// `text` cut to at most `max` characters, the last of them `…` when it was cut: for text drawn
/// where there is room for a line or two (share cards, seals).
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// How many columns `text` takes: two for a wide character (Chinese, Japanese, Korean), one for
/// most others, none for a combining mark.
pub fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Splits `text` into lines of at most `width` columns where Unicode's line breaking rules allow
/// a break (at spaces, after hyphens, between Chinese or Japanese characters); a longer piece
/// gets a line of its own. For text drawn where nothing wraps it (share cards).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let text = text.trim();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut start = 0;
    for (end, _) in unicode_linebreak::linebreaks(text) {
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        start = end;
        let joined = format!("{line}{piece}");
        if line.is_empty() || columns(joined.trim_end()) <= width {
            line = joined;
        } else {
            lines.push(line.trim_end().to_string());
            line = piece.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// An address for a page titled `text` (an article's file name): lower-case ASCII letters,
/// digits and `-`, the same in every browser, feed and host. German letters are spelled out,
/// other scripts written in Latin letters (`Итоги 2026 года` gives `itogi-2026-goda`).
pub fn address_slug(text: &str) -> String {
    let latin = deunicode::deunicode(&spell_german(text)).to_lowercase();
    join_words(&latin, |c| c.is_ascii_alphanumeric())
}

/// `text` in lower case with ä, ö, ü and ß spelled out as German does without them.
pub(crate) fn spell_german(text: &str) -> String {
    let mut spelled = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => spelled.push_str("ae"),
            'ö' => spelled.push_str("oe"),
            'ü' => spelled.push_str("ue"),
            'ß' => spelled.push_str("ss"),
            c => spelled.push(c),
        }
    }
    spelled
}

/// The characters of `text` that `keep`, each run of the others one `-` between them.
pub(crate) fn join_words(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut joined = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            joined.push(c);
        } else if !joined.is_empty() && !joined.ends_with('-') {
            joined.push('-');
        }
    }
    joined.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrap_breaks_where_a_line_may_break_and_counts_wide_characters_twice() {
        assert_eq!(
            wrap("Banks and building societies", 12),
            ["Banks and", "building", "societies"]
        );
        // Japanese breaks between its characters, each two columns wide: five to a line of ten.
        assert_eq!(
            wrap("東京海上日動火災保険株式会社", 10),
            ["東京海上日", "動火災保険", "株式会社"]
        );
        // A hyphen is a break; a word longer than the line keeps a line of its own.
        assert_eq!(
            wrap("Service-Qualität Kundenzufriedenheitsbefragung", 10),
            ["Service-", "Qualität", "Kundenzufriedenheitsbefragung"]
        );
        assert_eq!(columns("Bank"), 4);
        assert_eq!(columns("銀行"), 4);
    }

    use super::*;

    #[test]
    fn addresses_are_ascii_in_any_script() {
        assert_eq!(address_slug("Итоги 2026 года"), "itogi-2026-goda");
        assert_eq!(
            address_slug("Größte Aufsteiger: Über 50!"),
            "groesste-aufsteiger-ueber-50"
        );
        assert_eq!(address_slug("Ελλάδα & Česko"), "ellada-cesko");
        assert_eq!(address_slug("!!!"), "");
    }

    #[test]
    fn missing_language_falls_back_to_the_first_language() {
        let languages = vec!["en".to_string(), "de".to_string(), "fr".to_string()];
        let raw: RawText =
            serde_yaml::from_str("{en: Telecommunications, de: Telekommunikation}").unwrap();
        let text = Text::resolve(&raw, &languages);
        assert_eq!(text.get(1), "Telekommunikation");
        assert_eq!(text.get(2), "Telecommunications");
        let plain: RawText = serde_yaml::from_str("Banks").unwrap();
        assert_eq!(Text::resolve(&plain, &languages).get(2), "Banks");
    }

    #[test]
    fn a_text_without_the_first_language_falls_back_to_the_next_site_language() {
        // `de` sorts before `en` and `ru`, but the site does not publish in it: a Russian page
        // must not show German while the English text is there.
        let languages = vec!["ru".to_string(), "en".to_string(), "fr".to_string()];
        let raw: RawText = serde_yaml::from_str("{de: Banken, en: Banks, fr: Banques}").unwrap();
        let text = Text::resolve(&raw, &languages);
        assert_eq!(text.get(0), "Banks");
        assert_eq!(text.get(1), "Banks");
        assert_eq!(text.get(2), "Banques");
        let only_elsewhere: RawText = serde_yaml::from_str("{de: Banken}").unwrap();
        assert_eq!(Text::resolve(&only_elsewhere, &languages).get(0), "Banken");
    }
}
