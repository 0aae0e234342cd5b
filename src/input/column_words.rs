//! The words a results table's header may use for its fixed columns: the ids `company`,
//! `responses` and `sector`, or the default theme's heading for the column in any of its
//! languages ("Компания", "Unternehmen", "企業"), so that a research team's spreadsheet with
//! headers in its own language is read as it arrives.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The fixed columns of a results table, by id.
pub const FIXED: [&str; 3] = ["company", "responses", "sector"];

/// The interface strings that head each fixed column on the pages: the ranking's "Company"
/// and "Sector", and both names the theme gives the customer responses.
const HEADINGS: [(&str, &str); 4] = [
    ("company", "company"),
    ("responses", "responses"),
    ("responses", "respondents"),
    ("sector", "sector"),
];

/// Which fixed column a header cell names, compared without regard to case or surrounding
/// spaces: its id, or its heading in any language of the default theme.
pub fn fixed_column(header: &str) -> Option<&'static str> {
    let wanted = header.trim().to_lowercase();
    FIXED
        .iter()
        .find(|id| **id == wanted)
        .copied()
        .or_else(|| words().get(&wanted).map(|(column, _)| *column))
}

/// The headings of every theme language, lower-cased, to the column each names and the heading
/// as written.
fn words() -> &'static HashMap<String, (&'static str, String)> {
    static WORDS: OnceLock<HashMap<String, (&'static str, String)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = HashMap::new();
        for (path, bytes) in crate::default_theme::FILES {
            if !(path.starts_with("i18n/") && path.ends_with(".yaml")) {
                continue;
            }
            let Ok(strings) = serde_yaml::from_slice::<HashMap<String, serde_yaml::Value>>(bytes)
            else {
                continue;
            };
            for (column, key) in HEADINGS {
                if let Some(text) = strings.get(key).and_then(serde_yaml::Value::as_str) {
                    words.insert(text.trim().to_lowercase(), (column, text.trim().to_string()));
                }
            }
        }
        words
    })
}

/// The fixed column whose heading in some theme language holds the word `header` ("Ответы" of
/// "Ответы клиентов"), and that heading: for a hint, never a match (a word alone may name
/// something else).
pub fn heading_with_word(header: &str) -> Option<(&'static str, String)> {
    let wanted = header.trim().to_lowercase();
    if wanted.chars().count() < 4 {
        return None;
    }
    let mut found: Vec<&(&'static str, String)> = words()
        .iter()
        .filter(|(heading, _)| heading.split_whitespace().any(|word| word == wanted))
        .map(|(_, named)| named)
        .collect();
    found.sort();
    found.first().map(|(column, heading)| (*column, heading.clone()))
}

/// A few of the headings, for messages: `Company`, `Компания`...
pub fn examples(column: &str) -> String {
    let mut found: Vec<&String> = words()
        .values()
        .filter(|(c, _)| *c == column)
        .map(|(_, word)| word)
        .collect();
    found.sort();
    found
        .iter()
        .take(3)
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_column_is_named_by_its_id_or_its_heading_in_any_theme_language() {
        assert_eq!(fixed_column("company"), Some("company"));
        assert_eq!(fixed_column(" Компания "), Some("company"));
        assert_eq!(fixed_column("UNTERNEHMEN"), Some("company"));
        assert_eq!(fixed_column("企業"), Some("company"));
        assert_eq!(fixed_column("Отрасль"), Some("sector"));
        assert_eq!(fixed_column("Ответы клиентов"), Some("responses"));
        assert_eq!(fixed_column("Ответы"), None);
        assert_eq!(
            heading_with_word(" Ответы "),
            Some(("responses", "Ответы клиентов".to_string()))
        );
        assert_eq!(heading_with_word("the"), None);
        assert_eq!(fixed_column("Customer opinions"), Some("responses"));
        assert_eq!(fixed_column("Speed"), None);
    }

    #[test]
    fn no_heading_names_two_columns() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (path, bytes) in crate::default_theme::FILES {
            if !path.starts_with("i18n/") {
                continue;
            }
            let strings: HashMap<String, serde_yaml::Value> =
                serde_yaml::from_slice(bytes).unwrap();
            for (column, key) in HEADINGS {
                let text = strings[key].as_str().unwrap().trim().to_lowercase();
                if let Some(other) = seen.insert(text.clone(), column) {
                    assert_eq!(other, column, "{path}: `{text}` names two columns");
                }
            }
        }
        assert!(seen.len() > 40, "{} headings", seen.len());
    }
}
