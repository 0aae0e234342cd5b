//! What the command line and the development server say, in the site's first language: the
//! summaries of `build` and `check` and the error overlay's heading come from the theme's
//! interface strings (`cli_*`, `overlay_*` in its i18n files, with the site's own), and from the
//! built-in English for a key the theme lacks or a site whose settings cannot be read. The
//! diagnostics themselves stay in English. I/O at the edge: reads site.yaml and the theme.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostics;
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
