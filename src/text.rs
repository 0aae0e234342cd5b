//! Localised text: a plain string or a map from language code to string (FORMAT.md, "Localised
//! text"), resolved once against the site's languages so that later stages just index by language.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Localised text as written in YAML.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum RawText {
    Plain(String),
    ByLanguage(BTreeMap<String, String>),
}

impl RawText {
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

/// Text with one value per site language, in the order of `site.languages`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(Vec<String>);

impl Text {
    /// Resolves `raw` for every language; a missing language falls back to the first language,
    /// and if that is missing too, to the first text the map has.
    pub fn resolve(raw: &RawText, languages: &[String]) -> Text {
        match raw {
            RawText::Plain(text) => Text(vec![text.clone(); languages.len().max(1)]),
            RawText::ByLanguage(map) => {
                let fallback = languages
                    .first()
                    .and_then(|first| map.get(first))
                    .or_else(|| map.values().next())
                    .cloned()
                    .unwrap_or_default();
                Text(
                    languages
                        .iter()
                        .map(|code| map.get(code).cloned().unwrap_or_else(|| fallback.clone()))
                        .collect(),
                )
            }
        }
    }

    /// The same text in every language (generated labels, ids).
    pub fn same(text: impl Into<String>, language_count: usize) -> Text {
        Text(vec![text.into(); language_count.max(1)])
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

/// Splits `text` into lines of at most `width` characters, breaking at spaces (a longer word
/// gets a line of its own), for text drawn in SVG, which does not wrap by itself.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
