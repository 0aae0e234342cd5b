//! The theme: Tera templates (a site's own `templates/` overriding the theme's file by file),
//! the interface strings of each language, and the static assets to copy. This module reads the
//! theme's files; compiling and rendering are in `render`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Phrase};
use crate::input::{check_inside_site, read_site_file, relative_name};
use crate::locale::{Message, PLURAL_CATEGORIES, PLURAL_KEYS, Strings};

/// Everything a theme brings, read from disk.
#[derive(Debug, Default)]
pub struct Theme {
    /// The theme's folder name under `themes/`.
    pub name: String,
    /// Template name (path under `templates/`) to its source text and the file it came from.
    pub templates: BTreeMap<String, (String, String)>,
    /// The theme's interface strings per language code, with the file they came from.
    pub strings: BTreeMap<String, (String, Strings)>,
    /// The site's own `i18n/<lang>.yaml`, merged over the theme's string by string.
    pub site_strings: BTreeMap<String, (String, Strings)>,
    /// Output path to the file to copy there, theme assets first, the site's `static/` over them.
    pub assets: BTreeMap<String, PathBuf>,
    /// The theme's font files (`fonts/*.ttf`, `*.otf`, collections `*.ttc`, `*.otc`) that are
    /// fonts, for drawing share previews.
    pub fonts: Vec<Vec<u8>>,
}

/// Reads theme `name` under `root/themes/`, with the site's own `templates/` and `static/`.
/// `None` when the theme's folder is not there (one error, naming the themes that are).
pub fn read_theme(
    root: &Path,
    name: &str,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
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
            ))
            .says("diag_theme_not_found", &[("name", name)])
            .expects("diag_theme_folder_expected", &[("name", name)]),
        );
        return None;
    }
    if !crate::input::folder_inside_site(root, &format!("themes/{name}"), diagnostics) {
        return None;
    }
    for base in [folder.join("templates"), root.join("templates")] {
        for path in files_under(root, &base, diagnostics) {
            if !matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("html" | "xml" | "txt")
            ) {
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
    read_strings_of(root, &folder, languages, &mut theme, diagnostics);
    theme.fonts = read_fonts(root, &folder, diagnostics);
    for (base, site) in [(folder.join("static"), false), (root.join("static"), true)] {
        for path in files_under(root, &base, diagnostics) {
            let name = relative_name(&base, &path);
            // A site's file in place of the theme's stylesheet or a script: the theme's rules
            // or behaviour are gone, which is rarely what was meant.
            let code = name.ends_with(".css") || name.ends_with(".js");
            if site && code && theme.assets.contains_key(&name) {
                diagnostics.push(
                    Diagnostic::warning(
                        relative_name(root, &path),
                        format!("replaces the theme's {name}: none of the theme's own is loaded"),
                    )
                    .expected("a file of the site's own beside the theme's")
                    .hint(Some(if name.ends_with(".css") {
                        "to add rules to the theme's, name the file static/assets/custom.css \
                         (linked after the theme's stylesheet); colours, logo and font can also \
                         be set with `brand:` in data/site.yaml"
                            .to_string()
                    } else {
                        format!("give the script another name; to change {name} itself, copy the theme")
                    }))
                    .says("diag_replaces_theme_file", &[("name", &name)])
                    .expects("diag_own_file_expected", &[])
                    .suggests(
                        if name.ends_with(".css") {
                            "diag_use_custom_css"
                        } else {
                            "diag_rename_script"
                        },
                        &[("name", &name)],
                    ),
                );
            }
            theme.assets.insert(name, path);
        }
    }
    Some(theme)
}

/// Only the interface strings of theme `name` and of the site, for `languages`: what the command
/// line and the development server say, after every build and every save. None of the
/// templates, fonts (read and parsed) and assets `read_theme` reads besides.
pub fn read_theme_strings(
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
    if !folder.is_dir() || crate::input::folder_inside_site(root, &format!("themes/{name}"), diagnostics) {
        read_strings_of(root, &folder, languages, &mut theme, diagnostics);
    }
    theme
}

/// The theme's fonts for the share cards (`fonts/`): TrueType and OpenType files and
/// collections; a web font or a file that is no font is named, and not used.
fn read_fonts(root: &Path, folder: &Path, diagnostics: &mut Diagnostics) -> Vec<Vec<u8>> {
    let mut fonts = Vec::new();
    for path in files_under(root, &folder.join("fonts"), diagnostics) {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if extension == "woff" || extension == "woff2" {
            diagnostics.push(
                Diagnostic::warning(
                    relative_name(root, &path),
                    format!(
                        "a .{extension} font is made for browsers; share cards are drawn with \
                         TrueType or OpenType fonts, so this one is not used"
                    ),
                )
                .expected("a .ttf, .otf, .ttc or .otc file")
                .hint(Some(
                    "use the font's .ttf or .otf version, which its publisher offers beside the \
                     web font"
                        .to_string(),
                ))
                .says("diag_web_font", &[("extension", &extension)])
                .expects("diag_font_file_expected", &[])
                .suggests("diag_use_ttf", &[]),
            );
            continue;
        }
        if matches!(extension.as_str(), "ttf" | "otf" | "ttc" | "otc") {
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
                    ))
                    .says(
                        "diag_font_too_large",
                        &[("size", &crate::input::limits::megabytes(size))],
                    )
                    .expects(
                        "diag_font_at_most",
                        &[(
                            "limit",
                            &crate::input::limits::megabytes(
                                crate::input::limits::MAX_FONT_FILE_BYTES,
                            ),
                        )],
                    ),
                );
                continue;
            }
            match fs::read(&path) {
                Ok(bytes) if is_font(&bytes) => fonts.push(bytes),
                Ok(_) => diagnostics.push(
                    Diagnostic::warning(
                        relative_name(root, &path),
                        "not a font rankpress can read, so share cards do not use it",
                    )
                    .expected("a TrueType or OpenType font (or a collection of them)")
                    .hint(Some(
                        "download the font again; a web font (WOFF) renamed to .ttf is not one"
                            .to_string(),
                    ))
                    .says("diag_not_a_font", &[])
                    .expects("diag_font_expected", &[])
                    .suggests("diag_download_font", &[]),
                ),
                Err(error) => diagnostics.push(
                    Diagnostic::error(
                        relative_name(root, &path),
                        format!("cannot read the font: {error}"),
                    )
                    .saying(Some(
                        crate::diagnostics::Phrase::new("diag_cannot_read_font", &[])
                            .with("reason", crate::diagnostics::io_reason(&error)),
                    )),
                ),
            }
        }
    }
    fonts
}

/// The interface strings of the theme and of the site for `languages`, layered: English under
/// each language's own file, the site's over the theme's; a language without any is named.
fn read_strings_of(
    root: &Path,
    folder: &Path,
    languages: &[String],
    theme: &mut Theme,
    diagnostics: &mut Diagnostics,
) {
    let name = theme.name.clone();
    let site_strings_inside = crate::input::folder_inside_site(root, "i18n", diagnostics);
    // English is every language's fallback; each language's own file, then the site's
    // `i18n/<lang>.yaml`, goes over it (a regional code like `pt-BR` over its base `pt`, `zh-TW`
    // over `zh-Hant` over `zh`).
    let mut wanted: Vec<String> = vec!["en".to_string()];
    for language in languages {
        wanted.extend(lookup_chain(language));
    }
    wanted.sort();
    wanted.dedup();
    for code in &wanted {
        for (layer, base) in [
            (&mut theme.strings, folder.join("i18n")),
            (&mut theme.site_strings, root.join("i18n")),
        ] {
            let path = base.join(format!("{code}.yaml"));
            if !path.is_file() || (!site_strings_inside && base == root.join("i18n")) {
                continue;
            }
            let display = relative_name(root, &path);
            if let Some(strings) = read_strings(root, &path, &display, diagnostics) {
                layer.insert(code.clone(), (display, strings));
            }
        }
    }
    for language in languages {
        let known = lookup_chain(language)
            .iter()
            .any(|code| theme.strings.contains_key(code) || theme.site_strings.contains_key(code));
        if !known {
            // Every site language without strings is named: its pages show the fallback's.
            diagnostics.push(
                Diagnostic::warning(
                    "data/site.yaml",
                    format!(
                        "neither the theme nor the site has interface strings for `{language}`; \
                         its pages show the {} text",
                        theme.fallback_name()
                    ),
                )
                .expected(format!(
                    "themes/{name}/i18n/{language}.yaml, or i18n/{language}.yaml in the site"
                ))
                .hint(Some(format!(
                    "copy themes/{name}/i18n/en.yaml to i18n/{language}.yaml and translate it"
                )))
                .says(
                    "diag_no_strings_for_language",
                    &[("language", language), ("fallback", &theme.fallback_name())],
                )
                .expects(
                    "diag_strings_file_expected",
                    &[("theme", name.as_str()), ("language", language)],
                )
                .suggests(
                    "diag_copy_strings",
                    &[("theme", name.as_str()), ("language", language)],
                ),
            );
        }
    }
}

/// Whether `bytes` are a TrueType or OpenType font or a collection with at least one font.
fn is_font(bytes: &[u8]) -> bool {
    skrifa::raw::FileRef::new(bytes).is_ok_and(|file| file.fonts().any(|font| font.is_ok()))
}

fn read_strings(
    root: &Path,
    path: &Path,
    display: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Strings> {
    let source = read_site_file(root, path, display, diagnostics)?;
    let strings = crate::input::yaml::parse_yaml::<crate::input::unique_map::UniqueMap<Message>>(
        &source,
        diagnostics,
    )?
    .0;
    // A string is shown with its placeholders filled by names and numbers: bounded in length and
    // in placeholders, no string can make a page grow past what its names make it (20,000
    // `{best}` with a 5,000-character name made 200 MB pages).
    let before = diagnostics.error_count();
    for (key, message) in &strings {
        let forms: Vec<&str> = match message {
            Message::Text(text) => vec![text.as_str()],
            Message::Plural(forms) => forms.values().map(String::as_str).collect(),
        };
        for form in forms {
            let chars = form.chars().count();
            let placeholders = form.matches('{').count();
            let place = crate::input::source::DataPath::root().key(key);
            if chars > crate::input::limits::MAX_STRING_CHARS {
                diagnostics.push(
                    source
                        .error_at_key(&place, format!("the string has {chars} characters"))
                        .expected(format!(
                            "at most {} characters: an interface string is a label or a sentence",
                            crate::input::limits::MAX_STRING_CHARS
                        )),
                );
            } else if placeholders > crate::input::limits::MAX_STRING_PLACEHOLDERS {
                diagnostics.push(
                    source
                        .error_at_key(
                            &place,
                            format!("the string has {placeholders} placeholders"),
                        )
                        .expected(format!(
                            "at most {} placeholders such as {{best}}",
                            crate::input::limits::MAX_STRING_PLACEHOLDERS
                        )),
                );
            }
        }
    }
    (diagnostics.error_count() == before).then_some(strings)
}

/// Files under `base`, hidden ones left out. A symbolic link counts when it leads to a file
/// inside the site folder `root`; one leading out is an error, since its target would be
/// published.
fn files_under(root: &Path, base: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !base.is_dir()
        || !crate::input::folder_inside_site(root, &relative_name(root, base), diagnostics)
    {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(base)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_dir() && crate::input::is_editor_temporary(&name) {
            diagnostics.note(crate::diagnostics::Note::skipped(&relative_name(
                root,
                entry.path(),
            )));
            continue;
        }
        if name.starts_with('.') {
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

/// The codes whose strings make up `language`, most general first: `pt-BR` is `pt`, then `pt-BR`;
/// `zh-TW` is `zh`, `zh-Hant`, then `zh-TW`.
fn lookup_chain(language: &str) -> Vec<String> {
    let mut chain: Vec<String> = language
        .match_indices('-')
        .filter_map(|(at, _)| language.get(..at))
        .map(str::to_string)
        .collect();
    // A code that names a region but no script is written in the script CLDR's likely subtags
    // give it: a site in `zh-TW` or `zh-HK` reads `zh-Hant` over `zh` (simplified characters).
    if let Ok(code) = icu_locale::LanguageIdentifier::try_from_str(language)
        && code.script.is_none()
        && code.region.is_some()
    {
        let mut likely = code.clone();
        icu_locale::LocaleExpander::new_common().maximize(&mut likely);
        if let Some(script) = likely.script {
            chain.insert(1.min(chain.len()), format!("{}-{script}", code.language));
        }
    }
    chain.push(language.to_string());
    chain
}

/// Warns about interface strings a language lacks and about plural forms that do not fit its
/// plural rules. A key a template or the code uses that a language does not have shows the
/// fallback's text (a warning naming the key and who uses it); a key that depends on a number
/// needs a text for every plural category CLDR gives the language ("one", "few", "many" and
/// "other" in Russian), and nothing but those.
pub fn check_strings(theme: &Theme, languages: &[String], diagnostics: &mut Diagnostics) {
    let mut used = template_keys(theme);
    for key in crate::locale::CODE_KEYS {
        used.entry(key.to_string())
            .or_insert_with(|| "rankpress itself".to_string());
    }
    for language in languages {
        let chain = lookup_chain(language);
        let own: Vec<&(String, Strings)> = chain
            .iter()
            .flat_map(|code| [theme.strings.get(code), theme.site_strings.get(code)])
            .flatten()
            .collect();
        // A language without any strings was reported when the theme was read.
        let Some((file, _)) = own.first() else {
            continue;
        };
        let file_of = |key: &str| {
            own.iter()
                .rev()
                .find(|(_, strings)| strings.contains_key(key))
                .map_or(file.as_str(), |(file, _)| file.as_str())
        };
        let strings = theme.strings_for(language);
        let fallback = theme.fallback_name();
        let mut problems = Vec::new();
        for (key, user) in &used {
            if !own.iter().any(|(_, strings)| strings.contains_key(key)) {
                problems.push(
                    Diagnostic::warning(
                        file,
                        format!(
                            "the interface string `{key}` (used by {user}) is missing for \
                             `{language}`: the {fallback} text is shown"
                        ),
                    )
                    .expected(format!("`{key}:` in {file}"))
                    .says(
                        "diag_string_missing",
                        &[
                            ("key", key),
                            ("user", user),
                            ("language", language),
                            ("fallback", &fallback),
                        ],
                    )
                    .expects("diag_key_in_file", &[("key", key), ("file", file)]),
                );
            }
        }
        let categories = crate::locale::plural_categories(language);
        for (key, message) in &strings {
            let file = file_of(key);
            match message {
                Message::Plural(forms) => {
                    for form in forms.keys() {
                        if !categories.contains(&form.as_str()) {
                            let values = [("language", language.as_str()), ("form", form)];
                            let (hint, why) = if PLURAL_CATEGORIES.contains(&form.as_str()) {
                                (
                                    format!(
                                        "`{language}` does not use the plural category `{form}`"
                                    ),
                                    Phrase::new("diag_plural_unused", &values),
                                )
                            } else {
                                (
                                    format!("`{form}` is not a CLDR plural category"),
                                    Phrase::new("diag_plural_unknown", &values),
                                )
                            };
                            let forms = categories.join(", ");
                            problems.push(
                                Diagnostic::warning(
                                    file,
                                    format!(
                                        "the plural form `{key}.{form}` is never shown: {hint}"
                                    ),
                                )
                                .expected(format!("forms for {forms}"))
                                .saying(Some(
                                    Phrase::new(
                                        "diag_plural_never_shown",
                                        &[("key", key), ("form", form)],
                                    )
                                    .with("reason", why),
                                ))
                                .expects("diag_plural_forms_for", &[("forms", &forms)]),
                            );
                        }
                    }
                    let lacking: Vec<&str> = categories
                        .iter()
                        .filter(|c| !forms.contains_key(**c))
                        .copied()
                        .collect();
                    if !lacking.is_empty() {
                        problems.push(
                            Diagnostic::warning(
                                file,
                                format!(
                                    "`{key}` lacks the plural form(s) {} of `{language}`: numbers \
                                     of that kind would show the wrong text",
                                    lacking.join(", ")
                                ),
                            )
                            .expected(format!("forms for {}", categories.join(", ")))
                            .says(
                                "diag_plural_lacking",
                                &[
                                    ("key", key),
                                    ("forms", &lacking.join(", ")),
                                    ("language", language),
                                ],
                            )
                            .expects(
                                "diag_plural_forms_for",
                                &[("forms", &categories.join(", "))],
                            ),
                        );
                    }
                }
                Message::Text(_) if PLURAL_KEYS.contains(&key.as_str()) && categories.len() > 1 => {
                    problems.push(
                        Diagnostic::warning(
                            file,
                            format!(
                                "`{key}` depends on a number, and `{language}` has the plural \
                                 categories {}: give one text for each",
                                categories.join(", ")
                            ),
                        )
                        .expected(format!(
                            "`{key}:` followed by `{}:` lines, each indented",
                            categories.join(":`, `")
                        ))
                        .says(
                            "diag_plural_needed",
                            &[
                                ("key", key),
                                ("language", language),
                                ("forms", &categories.join(", ")),
                            ],
                        )
                        .expects(
                            "diag_plural_lines_expected",
                            &[("key", key), ("forms", &categories.join(":`, `"))],
                        ),
                    );
                }
                Message::Text(_) => {}
            }
        }
        let shown = problems.len().min(20);
        let more = problems.len() - shown;
        for problem in problems.into_iter().take(shown) {
            diagnostics.push(problem);
        }
        if more > 0 {
            diagnostics.push(
                Diagnostic::warning(
                    file,
                    format!("and {more} more problems with the interface strings of `{language}`"),
                )
                .says(
                    "diag_more_string_problems",
                    &[("count", &more.to_string()), ("language", language)],
                ),
            );
        }
    }
}

impl Theme {
    /// The language whose strings fill the gaps: English, or the theme's only language.
    fn fallback_code(&self) -> Option<&str> {
        if self.strings.contains_key("en") {
            Some("en")
        } else {
            self.strings.keys().next().map(String::as_str)
        }
    }

    fn fallback_name(&self) -> String {
        match self.fallback_code() {
            Some("en") => "English".to_string(),
            Some(code) => format!("`{code}`"),
            None => "key's own".to_string(),
        }
    }

    /// The interface strings for `language`: the fallback's, then the theme's for the language,
    /// then the site's own, each string over the one before.
    pub fn strings_for(&self, language: &str) -> Strings {
        let mut strings = self
            .fallback_code()
            .and_then(|code| self.strings.get(code))
            .map(|(_, strings)| strings.clone())
            .unwrap_or_default();
        let chain = lookup_chain(language);
        for layer in [&self.strings, &self.site_strings] {
            for code in &chain {
                if let Some((_, own)) = layer.get(code) {
                    strings.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
        }
        strings
    }
}
