//! What a built site weighs, and whether its host takes it (`hosting:` in site.yaml): the files,
//! the bytes, the largest file and the fullest folder, measured from the files the build wrote,
//! and, for a site that does not fit, the settings that would make it fit. Pure: the build
//! hands in every file's path and size.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Phrase};
use crate::model::ShareImages;
use crate::model::hosting::{Hosting, Limits, PRESETS, grouped};

/// Files and bytes of a part of a site.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Part {
    pub files: u64,
    pub bytes: u64,
}

impl Part {
    /// "41,343 files, 969 MB".
    pub fn describe(&self) -> String {
        format!("{} files, {}", grouped(self.files), shown(self.bytes))
    }

    fn add(&mut self, bytes: u64) {
        self.files += 1;
        self.bytes += bytes;
    }

    fn without(self, other: Part) -> Part {
        Part {
            files: self.files.saturating_sub(other.files),
            bytes: self.bytes.saturating_sub(other.bytes),
        }
    }
}

/// What a built site weighs.
#[derive(Debug, Clone, Default)]
pub struct SiteSize {
    pub all: Part,
    /// The largest file: its path and bytes.
    pub largest: Option<(String, u64)>,
    /// The folder with the most entries directly in it ("" for the root), and how many.
    pub fullest_folder: Option<(String, u64)>,
    /// The share cards of company pages (`share_images: editions` leaves them out).
    pub company_cards: Part,
    /// Every share card (`share_images: none` leaves them out).
    pub cards: Part,
    /// Each language after the first, by code: everything under its folder.
    pub languages: Vec<(String, Part)>,
    /// The first language without share cards: what every setting together leaves.
    pub core: Part,
}

/// Measures a site from its files' paths (relative to the output folder) and sizes.
/// `languages` are the site's, the first served at the root.
pub fn measure<'a>(files: impl Iterator<Item = (&'a str, u64)>, languages: &[String]) -> SiteSize {
    let mut size = SiteSize {
        languages: languages
            .iter()
            .skip(1)
            .map(|code| (code.clone(), Part::default()))
            .collect(),
        ..SiteSize::default()
    };
    let mut entries: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (path, bytes) in files {
        size.all.add(bytes);
        if size
            .largest
            .as_ref()
            .is_none_or(|(p, b)| bytes > *b || (bytes == *b && path < p.as_str()))
        {
            size.largest = Some((path.to_string(), bytes));
        }
        // Each folder on the way counts the entry below it once.
        let mut rest = path;
        while let Some(cut) = rest.rfind('/') {
            let (folder, entry) = (&rest[..cut], &rest[cut + 1..]);
            entries.entry(folder).or_default().insert(entry);
            rest = folder;
        }
        entries.entry("").or_default().insert(rest);
        let first = path.split('/').next().unwrap_or("");
        let (inner, in_language) = match size.languages.iter_mut().find(|(code, _)| code == first) {
            Some((_, part)) => {
                part.add(bytes);
                (&path[first.len() + 1..], true)
            }
            None => (path, false),
        };
        let card = inner.ends_with("/preview.png");
        if card {
            size.cards.add(bytes);
            if inner.starts_with("companies/") {
                size.company_cards.add(bytes);
            }
        } else if !in_language {
            size.core.add(bytes);
        }
    }
    size.fullest_folder = entries
        .into_iter()
        .map(|(folder, inside)| (folder.to_string(), inside.len() as u64))
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    size
}

/// A size in words: "969 MB", "8.9 MB", "75 bytes".
pub fn shown(bytes: u64) -> String {
    let b = bytes as f64;
    let (value, unit) = if b >= 1e9 {
        (b / 1e9, "GB")
    } else if b >= 1e6 {
        (b / 1e6, "MB")
    } else if b >= 1e3 {
        (b / 1e3, "kB")
    } else {
        return format!("{bytes} bytes");
    };
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

/// Whether files and bytes fit a host's totals.
fn fits_totals(part: Part, limits: &Limits) -> bool {
    limits.files.as_ref().is_none_or(|l| part.files <= l.value)
        && limits
            .site_bytes
            .as_ref()
            .is_none_or(|l| part.bytes <= l.value)
}

/// Whether the whole site fits a host.
fn fits(size: &SiteSize, limits: &Limits) -> bool {
    fits_totals(size.all, limits)
        && limits
            .file_bytes
            .as_ref()
            .is_none_or(|l| size.largest.as_ref().is_none_or(|(_, b)| *b <= l.value))
        && limits.folder_entries.as_ref().is_none_or(|l| {
            size.fullest_folder
                .as_ref()
                .is_none_or(|(_, n)| *n <= l.value)
        })
}

/// The hosts among the presets that would take the site as it is.
pub fn presets_that_fit(size: &SiteSize) -> Vec<&'static str> {
    PRESETS
        .iter()
        .filter(|p| fits(size, &p.limits()))
        .map(|p| p.id)
        .collect()
}

/// A setting of site.yaml that leaves a part of the site out: in English, as a phrase a theme
/// can translate, and the part it leaves out.
struct Saving {
    setting: String,
    phrase: Phrase,
    part: Part,
}

/// The settings of site.yaml that leave parts out, each with what it leaves out.
fn savings(size: &SiteSize, share_images: ShareImages) -> Vec<Saving> {
    let mut options = Vec::new();
    if matches!(share_images, ShareImages::All | ShareImages::Awards)
        && size.company_cards.files > 0
    {
        options.push(Saving {
            setting: "`share_images: editions` (one share card per edition, not per company)"
                .to_string(),
            phrase: Phrase::new("diag_saving_edition_cards", &[]),
            part: size.company_cards,
        });
    }
    if share_images != ShareImages::None && size.cards.files > 0 {
        options.push(Saving {
            setting: "`share_images: none` (no share cards)".to_string(),
            phrase: Phrase::new("diag_saving_no_cards", &[]),
            part: size.cards,
        });
    }
    for (code, part) in &size.languages {
        options.push(Saving {
            setting: format!("leaving `{code}` out of `languages`"),
            phrase: Phrase::new("diag_saving_language", &[("code", code)]),
            part: *part,
        });
    }
    options
}

/// `parts` with `separator` between them, for a hint said as phrases one after the other.
fn listed(parts: Vec<Phrase>, separator: &'static str) -> Vec<Phrase> {
    let mut said = Vec::new();
    for (index, part) in parts.into_iter().enumerate() {
        if index > 0 {
            said.push(Phrase::new(separator, &[]));
        }
        said.push(part);
    }
    said
}

/// The errors of a site that its host would not take: one per limit passed, each saying by how
/// much, and, for the totals, which settings would make it fit (or that none would, and which
/// hosts take it as it is).
pub fn check(size: &SiteSize, hosting: &Hosting, share_images: ShareImages) -> Vec<Diagnostic> {
    let limits = &hosting.limits;
    let host = &hosting.name;
    // The host in a translated message: its preset's id, which reads the same in every language.
    let host_phrase = || match hosting.preset {
        Some(id) => Phrase::new("diag_host_preset", &[("id", id)]),
        None => Phrase::new("diag_host_own_limits", &[]),
    };
    let mut errors = Vec::new();
    let options = savings(size, share_images);
    let totals = |measured: String, limit: &str, phrases: (Phrase, Phrase)| {
        let mut error = hosting
            .error(format!(
                "{host} would not take this site: {measured}, where it takes at most {limit}"
            ))
            .expected(format!("a site of at most {limit}"));
        let fitting: Vec<&Saving> = options
            .iter()
            .filter(|option| fits_totals(size.all.without(option.part), limits))
            .collect();
        let all = size.core;
        // Together: no cards at all (which includes the companies' cards) and one language.
        let together: Vec<&Saving> = options
            .iter()
            .filter(|option| !option.setting.starts_with("`share_images: editions`"))
            .collect();
        let (hint, said) = if !fitting.is_empty() {
            // Each setting with what it leaves: in English, and as a phrase.
            let (one, phrases): (Vec<String>, Vec<Phrase>) = fitting
                .iter()
                .map(|option| {
                    let left = size.all.without(option.part);
                    let english = format!(
                        "{}: {} files, {}",
                        option.setting,
                        grouped(left.files),
                        shown(left.bytes)
                    );
                    let phrase = Phrase::new(
                        "diag_saving_leaves",
                        &[
                            ("files", &left.files.to_string()),
                            ("size", &shown(left.bytes)),
                        ],
                    )
                    .with("setting", option.phrase.clone());
                    (english, phrase)
                })
                .unzip();
            let mut said = vec![Phrase::new("diag_any_would_fit", &[])];
            said.extend(listed(phrases, "diag_list_semicolon"));
            (
                format!("any one of these would make it fit: {}", one.join("; ")),
                said,
            )
        } else if !together.is_empty() && fits_totals(all, limits) {
            let settings: Vec<&str> = together.iter().map(|o| o.setting.as_str()).collect();
            let mut said = vec![Phrase::new(
                "diag_together_would_fit",
                &[
                    ("files", &all.files.to_string()),
                    ("size", &shown(all.bytes)),
                ],
            )];
            said.extend(listed(
                together.iter().map(|o| o.phrase.clone()).collect(),
                "diag_list_comma",
            ));
            (
                format!(
                    "these together would make it fit ({} files, {}): {}",
                    grouped(all.files),
                    shown(all.bytes),
                    settings.join(", ")
                ),
                said,
            )
        } else {
            let others = presets_that_fit(size);
            let smallest = format!(
                "no setting makes it fit: with one language and no share cards it is still {} \
                 files, {}",
                grouped(all.files),
                shown(all.bytes)
            );
            let mut said = vec![Phrase::new(
                "diag_nothing_fits",
                &[
                    ("files", &all.files.to_string()),
                    ("size", &shown(all.bytes)),
                ],
            )];
            let named: Vec<String> = others.iter().map(|id| format!("`hosting: {id}`")).collect();
            if others.is_empty() {
                said.push(Phrase::new("diag_host_more_room", &[]));
                (
                    format!("{smallest}; choose a host with more room, then set its limits here"),
                    said,
                )
            } else {
                said.push(Phrase::new(
                    "diag_hosts_that_take_it",
                    &[("hosts", &named.join(", "))],
                ));
                (
                    format!(
                        "{smallest}; these hosts take it as it is: {}",
                        named.join(", ")
                    ),
                    said,
                )
            }
        };
        error = error.hint(Some(hint));
        let (message, expected) = phrases;
        let translated = error.phrases.get_or_insert_default();
        translated.message = Some(message);
        translated.expected = Some(expected);
        translated.hint = said;
        error
    };
    let files_phrases = |limit: u64| {
        (
            Phrase::new(
                "diag_host_refuses_files",
                &[
                    ("files", &size.all.files.to_string()),
                    ("limit", &limit.to_string()),
                ],
            )
            .with("host", host_phrase()),
            Phrase::new("diag_host_files_expected", &[("limit", &limit.to_string())]),
        )
    };
    let size_phrases = |limit: &str| {
        (
            Phrase::new(
                "diag_host_refuses_size",
                &[("size", &shown(size.all.bytes)), ("limit", limit)],
            )
            .with("host", host_phrase()),
            Phrase::new("diag_host_size_expected", &[("limit", limit)]),
        )
    };
    if let Some(limit) = &limits.files
        && size.all.files > limit.value
    {
        let said = format!("{} files", grouped(size.all.files));
        errors.push(totals(said, &limit.shown, files_phrases(limit.value)));
    }
    if let Some(limit) = &limits.site_bytes
        && size.all.bytes > limit.value
    {
        errors.push(totals(
            shown(size.all.bytes),
            &limit.shown,
            size_phrases(&limit.shown),
        ));
    }
    if let (Some(limit), Some((path, bytes))) = (&limits.file_bytes, &size.largest)
        && *bytes > limit.value
    {
        errors.push(
            hosting
                .error(format!(
                    "{host} would not take this site: `{path}` is {}, more than the {} it \
                     allows for one file",
                    shown(*bytes),
                    limit.shown
                ))
                .expected(format!("no file larger than {}", limit.shown))
                .saying(Some(
                    Phrase::new(
                        "diag_host_file_too_big",
                        &[
                            ("file", path),
                            ("size", &shown(*bytes)),
                            ("limit", &limit.shown),
                        ],
                    )
                    .with("host", host_phrase()),
                ))
                .expects("diag_no_file_over", &[("limit", &limit.shown)]),
        );
    }
    if let (Some(limit), Some((folder, entries))) = (&limits.folder_entries, &size.fullest_folder)
        && *entries > limit.value
    {
        let shown_folder = if folder.is_empty() { "/" } else { folder };
        let folder = if folder.is_empty() {
            "the site's root"
        } else {
            folder
        };
        errors.push(
            hosting
                .error(format!(
                    "{host} would not take this site: `{folder}` holds {} entries, more than \
                     the {} it allows",
                    grouped(*entries),
                    limit.shown
                ))
                .expected(format!("at most {}", limit.shown))
                .saying(Some(
                    Phrase::new(
                        "diag_host_folder_full",
                        &[
                            ("folder", shown_folder),
                            ("entries", &entries.to_string()),
                            ("limit", &limit.value.to_string()),
                        ],
                    )
                    .with("host", host_phrase()),
                ))
                .expects(
                    "diag_at_most_entries",
                    &[("limit", &limit.value.to_string())],
                ),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hosting::Limit;

    fn site() -> Vec<(String, u64)> {
        let mut files = vec![
            ("index.html".to_string(), 5_000),
            ("de/index.html".into(), 5_000),
        ];
        for i in 0..10 {
            for prefix in ["", "de/"] {
                files.push((format!("{prefix}companies/c{i}/index.html"), 20_000));
                files.push((format!("{prefix}companies/c{i}/preview.png"), 12_000));
            }
        }
        files.push(("2026/preview.png".into(), 15_000));
        files
    }

    fn measured() -> SiteSize {
        let files = site();
        measure(
            files.iter().map(|(p, b)| (p.as_str(), *b)),
            &["en".to_string(), "de".to_string()],
        )
    }

    fn hosting(limits: Limits) -> Hosting {
        Hosting {
            preset: None,
            name: "The host".into(),
            limits,
            at: Diagnostic::error("data/site.yaml", ""),
        }
    }

    fn limit(value: u64) -> Option<Limit> {
        Some(Limit {
            value,
            shown: grouped(value),
        })
    }

    #[test]
    fn a_site_is_measured_by_files_bytes_largest_file_fullest_folder_and_parts() {
        let size = measured();
        // 2 home pages, 2 × 10 company pages, 2 × 10 company cards, 1 edition card.
        assert_eq!(
            size.all,
            Part {
                files: 43,
                bytes: 10_000 + 400_000 + 240_000 + 15_000
            }
        );
        assert_eq!(
            size.largest,
            Some(("companies/c0/index.html".into(), 20_000))
        );
        assert_eq!(size.fullest_folder, Some(("companies".into(), 10)));
        assert_eq!(
            size.company_cards,
            Part {
                files: 20,
                bytes: 240_000
            }
        );
        assert_eq!(
            size.cards,
            Part {
                files: 21,
                bytes: 255_000
            }
        );
        assert_eq!(
            size.languages,
            vec![(
                "de".to_string(),
                Part {
                    files: 21,
                    bytes: 5_000 + 200_000 + 120_000
                }
            )]
        );
        assert_eq!(
            size.core,
            Part {
                files: 11,
                bytes: 205_000
            }
        );
    }

    #[test]
    fn a_site_within_every_limit_has_no_error() {
        let limits = Limits {
            files: limit(43),
            site_bytes: limit(665_000),
            file_bytes: limit(20_000),
            folder_entries: limit(10),
        };
        assert!(check(&measured(), &hosting(limits), ShareImages::All).is_empty());
    }

    #[test]
    fn too_many_files_names_the_settings_that_would_fit() {
        let limits = Limits {
            files: limit(30),
            ..Limits::default()
        };
        let errors = check(&measured(), &hosting(limits), ShareImages::All);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "The host would not take this site: 43 files, where it takes at most 30"
        );
        let hint = errors[0].hint.as_deref().unwrap();
        // Without company cards 23 files, without any card 22, without `de` 22: each fits.
        assert!(
            hint.contains(
                "`share_images: editions` (one share card per edition, not per company): 23 files"
            ),
            "{hint}"
        );
        assert!(
            hint.contains("`share_images: none` (no share cards): 22 files"),
            "{hint}"
        );
        assert!(
            hint.contains("leaving `de` out of `languages`: 22 files"),
            "{hint}"
        );
    }

    #[test]
    fn when_only_everything_together_fits_or_nothing_does_the_hint_says_so() {
        let limits = Limits {
            files: limit(12),
            ..Limits::default()
        };
        let errors = check(&measured(), &hosting(limits), ShareImages::All);
        let hint = errors[0].hint.as_deref().unwrap();
        // No cards and one language: the home page and 10 company pages.
        assert!(
            hint.starts_with("these together would make it fit (11 files"),
            "{hint}"
        );
        assert!(!hint.contains("editions"), "{hint}");

        let limits = Limits {
            files: limit(5),
            ..Limits::default()
        };
        let errors = check(&measured(), &hosting(limits), ShareImages::All);
        let hint = errors[0].hint.as_deref().unwrap();
        assert!(hint.starts_with("no setting makes it fit"), "{hint}");
        assert!(hint.contains("`hosting: github-pages`"), "{hint}");
    }

    #[test]
    fn a_file_too_large_and_a_folder_too_full_are_named() {
        let limits = Limits {
            file_bytes: limit(19_999),
            folder_entries: limit(9),
            ..Limits::default()
        };
        let errors = check(&measured(), &hosting(limits), ShareImages::All);
        assert_eq!(errors.len(), 2);
        assert!(
            errors[0]
                .message
                .contains("`companies/c0/index.html` is 20 kB"),
            "{errors:?}"
        );
        assert!(
            errors[1].message.contains("`companies` holds 10 entries"),
            "{errors:?}"
        );
    }

    #[test]
    fn sizes_are_shown_in_words() {
        assert_eq!(shown(968_910_336), "969 MB");
        assert_eq!(shown(8_926_578), "8.9 MB");
        assert_eq!(shown(75), "75 bytes");
        assert_eq!(shown(1_288_120_320), "1.3 GB");
    }
}
