//! Whether the theme's fonts can draw every share card. Cards are drawn with the theme's fonts
//! (so that a card is the same on every machine); for characters none of them has the build
//! takes system fonts that have them (`system_fallback`, with a warning), and a character
//! none of them has comes out as a box: a Japanese company name on a theme with only DejaVu Sans
//! is a row of boxes on every link to its page. One warning names the characters, the cards
//! and where to put a font that has them.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::draw::previews::PreviewRenderer;
use crate::routes::language_prefix;
use crate::views::kinds::pages;
use crate::views::{SiteData, ViewBuilder, preview_file};

/// Characters named in the warning; the rest are counted.
const NAMED: usize = 12;

/// Warns when a share card the site draws has characters no font of theme `theme` has. With
/// `system_fonts` (the theme's font files, when the site allows system fonts), `previews` first
/// takes the system fonts that have those characters, and the warning is about what none has.
pub fn check(
    data: &SiteData,
    previews: &mut PreviewRenderer,
    system_fonts: Option<&[Vec<u8>]>,
    theme: &str,
    diagnostics: &mut Diagnostics,
) {
    if !previews.has_fonts() {
        diagnostics.push(
            Diagnostic::warning(
                format!("themes/{theme}/fonts"),
                "the theme has no font, so the share cards are drawn without any text",
            )
            .expected(format!(
                "a font in themes/{theme}/fonts/ (a .ttf, .otf or .ttc file): cards use no \
                 system font"
            ))
            .hint(Some(
                "copy the fonts/ folder of rankpress's default theme (a site made by \
                 `rankpress init` has it), or set `share_images: none` in data/site.yaml"
                    .to_string(),
            ))
            .says("diag_theme_no_font", &[])
            .expects("diag_theme_font_expected", &[("theme", theme)])
            .suggests("diag_copy_fonts", &[]),
        );
        return;
    }
    let mut lacking = lacking(data, previews);
    if let Some(theme_fonts) = system_fonts
        && !lacking.is_empty()
        && let Some(renderer) = with_system_fonts(
            &lacking,
            theme_fonts,
            previews.colours(),
            theme,
            diagnostics,
        )
    {
        *previews = renderer.with_logo(previews.logo());
        lacking = self::lacking(data, previews);
    }
    let Some((file, example, _)) = lacking.first() else {
        return;
    };
    let characters: BTreeSet<char> = lacking.iter().flat_map(|(_, _, c)| c).copied().collect();
    let mut named: Vec<String> = characters
        .iter()
        .take(NAMED)
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    let listed = named.join(", ");
    let mut shown = crate::diagnostics::as_given(&listed);
    if characters.len() > NAMED {
        let more = (characters.len() - NAMED).to_string();
        named.push(format!("{more} more"));
        shown = crate::diagnostics::Phrase::new(
            "diag_names_and_more",
            &[("names", &listed), ("count", &more)],
        );
    }
    let cards = match lacking.len() {
        1 => "1 share card shows".to_string(),
        n => format!("{n} share cards show"),
    };
    diagnostics.push(
        Diagnostic::warning(
            format!("themes/{theme}/fonts"),
            format!(
                "{cards} boxes for characters that no font of the theme has: {} (the first: \
                 `{example}` on {file})",
                named.join(", ")
            ),
        )
        .expected(format!(
            "a font with these characters in themes/{theme}/fonts/ (a .ttf, .otf or .ttc file): cards \
             use no system font, so that they look the same wherever the site is built"
        ))
        .hint(Some(
            "add a font for their script (one of the Noto Sans fonts has them), or set \
             `share_images: none` in data/site.yaml"
                .to_string(),
        ))
        .saying(Some(
            crate::diagnostics::Phrase::new(
                "diag_cards_show_boxes",
                &[
                    ("count", &lacking.len().to_string()),
                    ("example", example),
                    ("file", file),
                ],
            )
            .with("characters", shown),
        ))
        .expects("diag_script_font_expected", &[("theme", theme)])
        .suggests("diag_add_script_font", &[]),
    );
}

/// Per card with a box: its file, its first text with one and the characters no font has; in
/// page order, language by language.
pub fn lacking(
    data: &SiteData,
    previews: &PreviewRenderer,
) -> Vec<(String, String, BTreeSet<char>)> {
    let pages = pages(data);
    let latest = data.latest().map(|r| r.year);
    // Per card with a box: its file, its first text with one and the characters; in page
    // order, language by language.
    data.locales
        .iter()
        .flat_map(|locale| pages.iter().map(move |page| (locale, page)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|(locale, (page, route))| {
            let builder = ViewBuilder::new(data, locale, &route.file());
            let (text, missing) = previews.missing(&page.card(&builder)?)?;
            let prefix = language_prefix(&data.site.config.languages, locale.index);
            let file = preview_file(data, route, latest)?.output_path(&prefix);
            Some((file, text, missing))
        })
        .collect()
}

/// The card renderer with the system fonts that draw what the theme's fonts cannot (a Japanese
/// name on a theme with only DejaVu Sans), and a warning naming them: such cards look the same
/// only on machines with the same fonts, unless the fonts are copied into the theme. `None`
/// when no system font has any of the characters the cards in `lacking` lack.
fn with_system_fonts(
    lacking: &[(String, String, BTreeSet<char>)],
    theme_fonts: &[Vec<u8>],
    colours: crate::draw::previews::CardColours,
    theme: &str,
    diagnostics: &mut Diagnostics,
) -> Option<PreviewRenderer> {
    let characters = lacking.iter().flat_map(|(_, _, c)| c).copied().collect();
    let system = system_fallback(&characters);
    if system.is_empty() {
        return None;
    }
    let fonts: Vec<Vec<u8>> = theme_fonts
        .iter()
        .cloned()
        .chain(system.iter().map(|(_, data)| data.clone()))
        .collect();
    let names: Vec<&str> = system.iter().map(|(path, _)| path.as_str()).collect();
    diagnostics.push(
        Diagnostic::warning(
            format!("themes/{theme}/fonts"),
            format!(
                "{} share cards have characters no font of the theme has; they are drawn with \
                 the system's {}",
                lacking.len(),
                names.join(", ")
            ),
        )
        .expected(format!(
            "a font with these characters in themes/{theme}/fonts/, so that the cards look the \
             same on every machine that builds the site"
        ))
        .hint(Some(format!(
            "copy {} into themes/{theme}/fonts/, or set `system_fonts: false` in data/site.yaml",
            names.join(" and ")
        )))
        .says(
            "diag_cards_system_fonts",
            &[
                ("count", &lacking.len().to_string()),
                ("fonts", &names.join(", ")),
            ],
        )
        .expects("diag_same_cards_expected", &[("theme", theme)])
        .suggests(
            "diag_copy_system_fonts",
            &[("fonts", &names.join(", ")), ("theme", theme)],
        ),
    );
    Some(PreviewRenderer::new(&fonts, colours))
}

/// Where a system keeps its fonts (Debian's fonts-noto-cjk and fonts-ipafont among them).
const SYSTEM_FONT_FOLDERS: &[&str] = &["/usr/share/fonts", "/usr/local/share/fonts"];

/// System fonts that have `characters`, for cards whose theme fonts lack them: the font files
/// under the system's font folders, in the order of their paths, each taken when it has a
/// character no font taken before has, the font with the most of them first. Returns each
/// font's path and contents; nothing when no system font has any of them.
pub fn system_fallback(characters: &BTreeSet<char>) -> Vec<(String, Vec<u8>)> {
    fonts_with(SYSTEM_FONT_FOLDERS, characters)
}

/// [`system_fallback`] over the fonts under `folders`.
fn fonts_with(folders: &[&str], characters: &BTreeSet<char>) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<std::path::PathBuf> = folders
        .iter()
        .flat_map(|folder| walkdir::WalkDir::new(folder).follow_links(true))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc"))
        })
        .collect();
    paths.sort();
    // Each font's regular faces' coverage of the characters.
    let covered: Vec<(usize, BTreeSet<char>)> = paths
        .par_iter()
        .enumerate()
        .filter_map(|(index, path)| {
            let data = std::fs::read(path).ok()?;
            let file = skrifa::raw::FileRef::new(&data).ok()?;
            let has: BTreeSet<char> = file
                .fonts()
                .filter_map(Result::ok)
                .filter(|font| {
                    use skrifa::MetadataProvider;
                    font.attributes().weight.value() < 600.0
                })
                .flat_map(|font| {
                    use skrifa::MetadataProvider;
                    let charmap = font.charmap();
                    characters
                        .iter()
                        .filter(move |&&c| charmap.map(c).is_some())
                        .copied()
                        .collect::<Vec<_>>()
                })
                .collect();
            (!has.is_empty()).then_some((index, has))
        })
        .collect();
    let mut left = characters.clone();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let best = covered
            .iter()
            .map(|(index, has)| (has.intersection(&left).count(), std::cmp::Reverse(*index)))
            .max();
        let Some((count, std::cmp::Reverse(index))) = best else {
            break;
        };
        if count == 0 {
            break;
        }
        if let Some((_, has)) = covered.iter().find(|(i, _)| *i == index) {
            left.retain(|c| !has.contains(c));
        }
        if let Some(path) = paths.get(index)
            && let Ok(data) = std::fs::read(path)
        {
            chosen.push((path.display().to_string(), data));
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font under the folders is taken for the characters it has, and only then.
    #[test]
    fn a_system_font_is_taken_for_the_characters_it_has() {
        let folder = std::env::temp_dir().join(format!("rankpress-fonts-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("truetype")).unwrap();
        let font = folder.join("truetype/DejaVuSans.ttf");
        std::fs::copy(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/default/fonts/DejaVuSans.ttf"
            ),
            &font,
        )
        .unwrap();
        let folders = [folder.to_str().unwrap()];
        let cyrillic: BTreeSet<char> = ['Ж', 'я'].into();
        let chosen = fonts_with(&folders, &cyrillic);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].0, font.display().to_string());
        let kanji: BTreeSet<char> = ['順', '位'].into();
        assert!(fonts_with(&folders, &kanji).is_empty());
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
