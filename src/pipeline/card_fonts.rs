//! Whether the theme's fonts can draw every share card. Cards are drawn with the theme's fonts
//! only (never a system font, so that a card is the same on every machine), and a character
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

/// Warns when a share card the site draws has characters no font of theme `theme` has.
pub fn check(
    data: &SiteData,
    previews: &PreviewRenderer,
    theme: &str,
    diagnostics: &mut Diagnostics,
) {
    let share_images = data.site.config.share_images;
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
            )),
        );
        return;
    }
    let pages = pages(data);
    let latest = data.latest().map(|r| r.year);
    // Per card with a box: its file, its first text with one and the characters; in page
    // order, language by language.
    let lacking: Vec<(String, String, BTreeSet<char>)> = data
        .locales
        .iter()
        .flat_map(|locale| pages.iter().map(move |page| (locale, page)))
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|(locale, (page, route))| {
            let builder = ViewBuilder::new(data, locale, &route.file());
            let (text, missing) = previews.missing(&page.card(&builder, share_images)?)?;
            let prefix = language_prefix(&data.site.config.languages, locale.index);
            let file = preview_file(route, latest, share_images)?.output_path(&prefix);
            Some((file, text, missing))
        })
        .collect();
    let Some((file, example, _)) = lacking.first() else {
        return;
    };
    let characters: BTreeSet<char> = lacking.iter().flat_map(|(_, _, c)| c).copied().collect();
    let mut named: Vec<String> = characters
        .iter()
        .take(NAMED)
        .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
        .collect();
    if characters.len() > NAMED {
        named.push(format!("{} more", characters.len() - NAMED));
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
        )),
    );
}
