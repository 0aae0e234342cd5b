//! The theme: Tera templates (a site's own `templates/` overriding the theme's file by file),
//! the interface strings of each language, and the static assets to copy. This module reads the
//! theme's files; compiling and rendering are in `render`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::{check_inside_site, read_site_file, relative_name};

/// Everything a theme brings, read from disk.
#[derive(Debug, Default)]
pub struct Theme {
    /// The theme's folder name under `themes/`.
    pub name: String,
    /// Template name (path under `templates/`) to its source text and the file it came from.
    pub templates: BTreeMap<String, (String, String)>,
    /// Interface strings per language code; keys missing in a language fall back to the first.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Output path to the file to copy there, theme assets first, the site's `static/` over them.
    pub assets: BTreeMap<String, PathBuf>,
    /// The theme's font files (`fonts/*.ttf`, `*.otf`), for drawing share previews.
    pub fonts: Vec<Vec<u8>>,
}

/// Reads theme `name` under `root/themes/`, with the site's own `templates/` and `static/`.
pub fn read_theme(
    root: &Path,
    name: &str,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Theme {
    let mut theme = Theme {
        name: name.to_string(),
        ..Theme::default()
    };
    let folder = root.join("themes").join(name);
    if !folder.is_dir() {
        let known: Vec<String> = fs::read_dir(root.join("themes"))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                "data/site.yaml",
                format!("theme `{name}` not found in themes/"),
            )
            .expected(format!("a folder themes/{name}/ with templates/"))
            .hint(crate::diagnostics::did_you_mean(
                name,
                known.iter().map(String::as_str),
            )),
        );
        return theme;
    }
    for base in [folder.join("templates"), root.join("templates")] {
        for path in files_under(root, &base, diagnostics) {
            if path.extension().and_then(|e| e.to_str()) != Some("html")
                && path.extension().and_then(|e| e.to_str()) != Some("xml")
            {
                continue;
            }
            let template_name = relative_name(&base, &path);
            let display = relative_name(root, &path);
            if let Some(source) = read_site_file(root, &path, &display, diagnostics) {
                theme
                    .templates
                    .insert(template_name, (display, source.text));
            }
        }
    }
    for language in languages {
        let path = folder.join("i18n").join(format!("{language}.yaml"));
        let display = relative_name(root, &path);
        if !path.is_file() {
            // Every site language without strings is named: its pages show another language's.
            diagnostics.push(
                Diagnostic::warning(
                    &display,
                    format!(
                        "the theme has no interface strings for `{language}`; the first \
                         language's (or English) are used"
                    ),
                )
                .expected(format!("themes/{name}/i18n/{language}.yaml")),
            );
            continue;
        }
        if let Some(strings) = read_strings(root, &path, &display, diagnostics) {
            theme.strings.insert(language.clone(), strings);
        }
    }
    if let Some(first) = languages.first()
        && !theme.strings.contains_key(first)
    {
        let path = folder.join("i18n/en.yaml");
        if let Some(strings) = read_strings(root, &path, &relative_name(root, &path), diagnostics) {
            theme.strings.insert(first.clone(), strings);
        }
    }
    for path in files_under(root, &folder.join("fonts"), diagnostics) {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if extension == "ttf" || extension == "otf" {
            let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if size > crate::input::limits::MAX_FONT_FILE_BYTES {
                diagnostics.push(
                    Diagnostic::error(
                        relative_name(root, &path),
                        format!(
                            "the font is {}, larger than rankpress reads",
                            crate::input::limits::megabytes(size)
                        ),
                    )
                    .expected(format!(
                        "a font file of at most {}",
                        crate::input::limits::megabytes(crate::input::limits::MAX_FONT_FILE_BYTES)
                    )),
                );
                continue;
            }
            match fs::read(&path) {
                Ok(bytes) => theme.fonts.push(bytes),
                Err(error) => diagnostics.push(Diagnostic::error(
                    relative_name(root, &path),
                    format!("cannot read the font: {error}"),
                )),
            }
        }
    }
    for base in [folder.join("static"), root.join("static")] {
        for path in files_under(root, &base, diagnostics) {
            theme.assets.insert(relative_name(&base, &path), path);
        }
    }
    theme
}

fn read_strings(
    root: &Path,
    path: &Path,
    display: &str,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<String, String>> {
    let source = read_site_file(root, path, display, diagnostics)?;
    crate::input::yaml::parse_yaml::<crate::input::unique_map::UniqueMap<String>>(
        &source,
        diagnostics,
    )
    .map(|strings| strings.0)
}

/// Files under `base`, hidden ones left out. A symbolic link counts when it leads to a file
/// inside the site folder `root`; one leading out is an error, since its target would be
/// published.
fn files_under(root: &Path, base: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.file_type().is_symlink() {
            let relative = relative_name(root, entry.path());
            if let Err(diagnostic) = check_inside_site(root, entry.path(), &relative) {
                diagnostics.push(*diagnostic);
                continue;
            }
        }
        if entry.path().is_file() {
            files.push(entry.into_path());
        }
    }
    files
}

/// The interface strings a template uses (`t.<key>`), each with the first template using it.
fn template_keys(theme: &Theme) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for (file, source) in theme.templates.values() {
        for (at, _) in source.match_indices("t.") {
            let before = source
                .get(..at)
                .and_then(|b| b.chars().last())
                .unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == '.' {
                continue;
            }
            let key: String = source
                .get(at + 2..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                keys.entry(key).or_insert_with(|| file.clone());
            }
        }
    }
    keys
}

/// Warns about interface strings a language lacks: a key a template or the code uses that the
/// language's file does not have shows the first language's text (a warning naming both), and one
/// the first language lacks too would show the bare key (a warning as well).
pub fn check_strings(theme: &Theme, languages: &[String], diagnostics: &mut Diagnostics) {
    let mut used = template_keys(theme);
    for key in crate::locale::CODE_KEYS {
        used.entry(key.to_string())
            .or_insert_with(|| "rankpress itself".to_string());
    }
    let Some(default) = languages.first() else {
        return;
    };
    for (index, language) in languages.iter().enumerate() {
        let file = format!("themes/{}/i18n/{language}.yaml", theme.name);
        // A language without strings was reported when the theme was read.
        let Some(strings) = theme.strings.get(language) else {
            continue;
        };
        let missing: Vec<(&String, &String)> = used
            .iter()
            .filter(|(key, _)| !strings.contains_key(*key))
            .collect();
        for (key, user) in missing.iter().take(20) {
            let shown = if index == 0 {
                "the key itself is shown".to_string()
            } else {
                format!("the `{default}` text is shown")
            };
            diagnostics.push(
                Diagnostic::warning(
                    &file,
                    format!("the interface string `{key}` (used by {user}) is missing for `{language}`: {shown}"),
                )
                .expected(format!("`{key}:` in {file}")),
            );
        }
        if missing.len() > 20 {
            diagnostics.push(Diagnostic::warning(
                &file,
                format!(
                    "and {} more interface strings are missing for `{language}`",
                    missing.len() - 20
                ),
            ));
        }
    }
}

impl Theme {
    /// The interface strings for `language`, completed from the first language's.
    pub fn strings_for(&self, language: &str, default_language: &str) -> BTreeMap<String, String> {
        let mut strings = self
            .strings
            .get(default_language)
            .cloned()
            .unwrap_or_default();
        if let Some(own) = self.strings.get(language) {
            strings.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        strings
    }
}
