//! What the command line and the development server say, in the site's first language: the
//! summaries of `build` and `check` and the error overlay's heading come from the theme's
//! interface strings (`cli_*`, `overlay_*` in its i18n files, with the site's own), and from the
//! built-in English for a key the theme lacks or a site whose settings cannot be read. The
//! diagnostics of the spreadsheets and CSV files a research team sends (their labels, and the
//! messages with a `diag_*` string) are said in that language too. I/O at the edge: reads
//! site.yaml and the theme.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostics, Wording};
use crate::input::theme::read_theme_strings;
use crate::locale::{Locale, Message};
use crate::rounding::Rounding;

use super::hosting::shown;

/// The interface strings of the site under `root` in its first language, English where the
/// theme has none.
pub fn interface_locale(root: &Path) -> Locale {
    let settings = std::fs::read_to_string(root.join("data/site.yaml"))
        .ok()
        .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok());
    let setting = |key: &str| -> Option<String> {
        let value = settings.as_ref()?.get(key)?;
        let value = value
            .as_sequence()
            .and_then(|list| list.first())
            .unwrap_or(value);
        value.as_str().map(str::to_string)
    };
    let language = setting("languages").unwrap_or_else(|| "en".to_string());
    let theme = setting("theme").unwrap_or_else(|| "default".to_string());
    let mut strings = built_in_english();
    // The run's own errors say what is wrong with the theme; here it only lends its strings.
    let mut ignored = Diagnostics::default();
    let theme = read_theme_strings(root, &theme, std::slice::from_ref(&language), &mut ignored);
    strings.extend(theme.strings_for(&language));
    Locale::new(&language, 0, strings, Rounding::new(1))
}

/// Diagnostics in the site's first language where its theme has their strings (`diag_*`). In
/// English they are the code's own words (en.yaml's `diag_*` strings are what a translation
/// starts from), so that an English report reads the same whatever the theme.
impl Wording for Locale {
    fn phrase(&self, key: &str, values: &[(&str, &str)]) -> Option<String> {
        let english = self.code == "en" || self.code.starts_with("en-");
        (!english && self.strings.contains_key(key)).then(|| self.t_with(key, values))
    }

    fn count(&self, count: usize) -> String {
        Locale::count(self, count as u64)
    }
}

/// The strings of the default theme built into the binary, in `language` where it has them:
/// for what is said before a site exists (`init`'s errors, in the first language asked for).
pub fn built_in_locale(language: &str) -> Locale {
    let mut strings = built_in_english();
    let own: BTreeMap<String, Message> = crate::default_theme::FILES
        .iter()
        .find(|(path, _)| *path == format!("i18n/{language}.yaml"))
        .and_then(|(_, bytes)| serde_yaml::from_slice(bytes).ok())
        .unwrap_or_default();
    let code = if own.is_empty() { "en" } else { language };
    strings.extend(own);
    Locale::new(code, 0, strings, Rounding::new(1))
}

/// The default theme's English strings, built into the binary.
fn built_in_english() -> BTreeMap<String, Message> {
    crate::default_theme::FILES
        .iter()
        .find(|(path, _)| *path == "i18n/en.yaml")
        .and_then(|(_, bytes)| serde_yaml::from_slice(bytes).ok())
        .unwrap_or_default()
}

/// A size in the language's way: "861 MB", "2,5 MB".
fn size(locale: &Locale, bytes: u64) -> String {
    let text = shown(bytes);
    match text.split_once(' ') {
        Some((number, unit)) => format!("{} {unit}", locale.number_text(number)),
        None => text,
    }
}

/// The counts `build` reports.
#[derive(Debug, Clone, Copy)]
pub struct Built {
    pub pages: u64,
    pub charts: u64,
    pub files: u64,
    /// Bytes written, when written to disk.
    pub bytes: Option<u64>,
    pub milliseconds: u64,
    pub unchanged: u64,
    pub warnings: u64,
}

/// "Built 20,982 pages with 39,206 charts (21,476 files, 503 MB) into public in 6,904 ms, 1,024
/// warning(s)".
pub fn built(locale: &Locale, counts: Built, folder: &str) -> String {
    let files = match counts.bytes {
        Some(bytes) => locale.t_with(
            "cli_files_bytes",
            &[
                ("files", &locale.count(counts.files)),
                ("size", &size(locale, bytes)),
            ],
        ),
        None => locale.t_with("cli_files", &[("files", &locale.count(counts.files))]),
    };
    let mut line = locale.t_with(
        "cli_built",
        &[
            ("pages", &locale.count(counts.pages)),
            ("charts", &locale.count(counts.charts)),
            ("files", &files),
            ("folder", folder),
            ("time", &locale.count(counts.milliseconds)),
        ],
    );
    if counts.unchanged > 0 {
        line.push_str(&locale.t_with(
            "cli_unchanged",
            &[("count", &locale.count(counts.unchanged))],
        ));
    }
    if counts.warnings > 0 {
        line.push_str(&locale.t_with("cli_warnings", &[("count", &locale.count(counts.warnings))]));
    }
    line
}

/// "Build failed: 2 error(s), 0 warning(s). Nothing was written."
pub fn build_failed(locale: &Locale, errors: u64, warnings: u64) -> String {
    locale.t_with(
        "cli_build_failed",
        &[
            ("errors", &locale.count(errors)),
            ("warnings", &locale.count(warnings)),
        ],
    )
}

/// "Build failed. The output folder was left as it was."
pub fn build_failed_writing(locale: &Locale) -> String {
    locale.t("cli_build_failed_writing")
}

/// "Checked 280 pages and 8,254 links: 0 error(s), 0 warning(s)".
pub fn checked(locale: &Locale, pages: u64, links: u64, errors: u64, warnings: u64) -> String {
    locale.t_with(
        "cli_checked",
        &[
            ("pages", &locale.count(pages)),
            ("links", &locale.count(links)),
            ("errors", &locale.count(errors)),
            ("warnings", &locale.count(warnings)),
        ],
    )
}

/// "Checked the input: 2 error(s), 0 warning(s)".
pub fn checked_input(locale: &Locale, errors: u64, warnings: u64) -> String {
    locale.t_with(
        "cli_checked_input",
        &[
            ("errors", &locale.count(errors)),
            ("warnings", &locale.count(warnings)),
        ],
    )
}

/// "Rebuilt 598 pages in 140 ms (1,059 files unchanged)", and "; 7 warning(s), the same as
/// before" when the warnings did not change.
pub fn rebuilt(
    locale: &Locale,
    pages: u64,
    milliseconds: u64,
    unchanged: u64,
    same_warnings: Option<u64>,
) -> String {
    let mut line = locale.t_with(
        "cli_rebuilt",
        &[
            ("pages", &locale.count(pages)),
            ("time", &locale.count(milliseconds)),
            ("unchanged", &locale.count(unchanged)),
        ],
    );
    if let Some(count) = same_warnings {
        line.push_str(&locale.t_with("cli_same_warnings", &[("count", &locale.count(count))]));
    }
    line
}

/// "Serving ./site at http://127.0.0.1:1111/ (Ctrl+C to stop)".
pub fn serving(locale: &Locale, root: &str, url: &str) -> String {
    locale.t_with("cli_serving", &[("root", root), ("url", url)])
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    /// The `diag_*` strings of the default theme: the English ones are exactly the keys the code
    /// says problems with, and a shipped language gives either none of them (its reports are in
    /// English) or every one: a report is never half said. (Their placeholders are the English
    /// ones, as every string's: tests/testsuite/languages.rs.)
    #[test]
    fn a_language_gives_every_diagnostic_string_or_none() {
        let mut used = BTreeSet::new();
        for code in crate::locale::key_tests::code_texts() {
            for piece in code.split("\"diag_").skip(1) {
                let key: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if piece[key.len()..].starts_with('"') {
                    used.insert(format!("diag_{key}"));
                }
            }
        }
        let languages: BTreeMap<&str, BTreeSet<String>> = crate::default_theme::FILES
            .iter()
            .filter_map(|(path, bytes)| {
                let code = path.strip_prefix("i18n/")?.strip_suffix(".yaml")?;
                let strings: BTreeMap<String, serde_yaml::Value> =
                    serde_yaml::from_slice(bytes).unwrap();
                let keys = strings.into_keys().filter(|key| key.starts_with("diag_"));
                Some((code, keys.collect()))
            })
            .collect();
        assert_eq!(languages["en"], used);
        let said: Vec<&str> = languages
            .iter()
            .filter(|(code, keys)| {
                assert!(
                    keys.is_empty() || **keys == used,
                    "{code} gives some diag_* strings only"
                );
                !keys.is_empty()
            })
            .map(|(code, _)| *code)
            .collect();
        assert!(said.contains(&"ru") && said.contains(&"de"), "{said:?}");
    }
}
