//! Award seals: an SVG per awarded company and edition that winners can put on their own site.
//! Pure: text in, SVG out.

use crate::escape::escape_xml;
use crate::model::brand::hex;
use crate::locale::Locale;
use crate::model::Site;
use crate::model::results::Ranked;
use crate::model::text::clip;

/// The award in words, used as the seal's title and as the image's alt text.
pub fn award_text(locale: &Locale, site: &Site, year: i32, entry: &Ranked) -> String {
    let sector = site.sector(entry.sector).name.get(locale.index);
    let site_title = site.config.title.get(locale.index);
    let top = site.config.top.to_string();
    let year = year.to_string();
    let mut awards = Vec::new();
    if let Some(tier) = entry.tier.and_then(|t| site.methodology.tiers.get(t)) {
        awards.push(locale.t_with(
            "award_tier",
            &[("tier", tier.name.get(locale.index)), ("year", &year)],
        ));
    }
    if entry.sector_winner {
        let mut award = locale.t_with("award_winner", &[("sector", sector), ("year", &year)]);
        if entry.narrow_win() {
            award.push_str(&format!(" ({})", locale.t("narrow_win")));
        }
        awards.push(award);
    }
    if entry.top {
        awards.push(locale.t_with("award_top", &[("top", &top), ("year", &year)]));
    }
    format!("{} – {}", awards.join(", "), site_title)
}

/// Width and height of a seal in SVG units; pages and embeds show it at half size (120 × 155 px),
/// where its smallest text (20 units) is 10 px and its publisher line 11 px.
pub const SEAL_SIZE: (u32, u32) = (240, 310);

/// The seal of `entry` in `year`: the publisher, the award, the sector, the edition and, when the
/// edition sets one, the last day the seal is valid. `valid_until` is the date as the page's
/// language writes it.
pub fn seal_svg(
    locale: &Locale,
    site: &Site,
    year: i32,
    entry: &Ranked,
    valid_until: Option<&str>,
) -> String {
    let sector = site.sector(entry.sector).name.get(locale.index);
    let title = award_text(locale, site, year, entry);
    let publisher = site
        .config
        .publisher
        .as_ref()
        .unwrap_or(&site.config.title)
        .get(locale.index);
    // Three lines of the publisher's name at most ("Deutsches Institut für Service-Qualität"
    // needs three at the smallest size): clipped first, so a long name costs no more than a
    // short one.
    let publisher = Fitted::lines(&clip(publisher, 90), true, 3, 22, 16);
    let tier = entry.tier.and_then(|t| site.methodology.tiers.get(t));
    let top = locale.t_with("seal_top", &[("top", &site.config.top.to_string())]);
    // A sector win the survey cannot vouch for says so on the seal itself (STATISTICS.md v3,
    // step 12), in the place of the line that matters least.
    let narrow = entry.narrow_win().then(|| locale.t("seal_narrow"));
    let (headline, mut sublines): (String, Vec<String>) = if let Some(tier) = tier {
        // A tier leads: "GOLD", with the other awards under it.
        let mut under = Vec::new();
        if entry.sector_winner {
            under.push(locale.t("seal_winner"));
            under.push(sector.to_string());
        } else if entry.top {
            under.push(top.clone());
        }
        (tier.name.get(locale.index).to_uppercase(), under)
    } else if entry.sector_winner {
        let mut under = vec![sector.to_string()];
        if entry.top {
            under.push(top.clone());
        }
        (locale.t("seal_winner"), under)
    } else {
        (top, Vec::new())
    };
    if let Some(narrow) = &narrow {
        sublines.truncate(1);
        sublines.push(narrow.clone());
    }
    // Down to 16 units: one long word ("BRANCHEWINNAAR") has no place to break.
    let headline = Fitted::lines(&headline, true, 2, 44, 16);
    let (width, height) = SEAL_SIZE;
    // The brand's colours (`brand:` in site.yaml), checked for the contrast of the white text
    // and of the accent on the primary when they were read, and its logo.
    let default = crate::model::brand::Brand::default();
    let brand = site.config.brand.as_ref().unwrap_or(&default);
    let logo = brand.seal_logo.as_deref();
    let mut svg = String::with_capacity(1600 + logo.map_or(0, |l| l.uri.len()));
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"{} width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xml:lang=\"{}\">\n<title>{}</title>\n",
        if logo.is_some() { " xmlns:xlink=\"http://www.w3.org/1999/xlink\"" } else { "" },
        escape_xml(&locale.code),
        escape_xml(&title)
    ));
    let (primary, accent) = (hex(brand.primary), hex(brand.accent));
    svg.push_str(&format!("<rect x=\"2\" y=\"2\" width=\"236\" height=\"306\" rx=\"26\" fill=\"{primary}\"/>\n<rect x=\"11\" y=\"11\" width=\"218\" height=\"288\" rx=\"19\" fill=\"none\" stroke=\"{accent}\" stroke-width=\"3\"/>\n"));
    svg.push_str("<g font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#FFFFFF\">\n");
    const BOLD: &str = " font-weight=\"bold\"";
    // Above the rule at y 90: one line at y 58, two from 46, three from 36 (at 16 units).
    let (first_y, step) = match publisher.lines.len() {
        0 | 1 => (58, 0),
        2 => (46, 26),
        _ => (36, 19),
    };
    match logo {
        // The logo in the publisher's place, its shape in white like the text around it.
        Some(logo) => svg.push_str(&format!(
            "<filter id=\"white\" x=\"0\" y=\"0\" width=\"1\" height=\"1\"><feFlood flood-color=\"#FFFFFF\"/><feComposite in2=\"SourceAlpha\" operator=\"in\"/></filter>\n<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" filter=\"url(#white)\" xlink:href=\"{}\"/>\n",
            120.0 - logo.width / 2.0,
            63.0 - logo.height / 2.0,
            logo.width,
            logo.height,
            logo.uri
        )),
        None => publisher.write(&mut svg, first_y, step, BOLD),
    }
    svg.push_str(&format!("<path d=\"M40 90H200\" stroke=\"{accent}\" stroke-width=\"2\"/>\n"));
    // The award on one line at y 140, or on two from y 124; the other awards 24 units apart
    // under it.
    let (first, step) = match headline.lines.len() {
        1 => (140, 0),
        _ => (124, headline.size + 2),
    };
    headline.write(&mut svg, first, step, BOLD);
    let last = first + step * (headline.lines.len() as i32 - 1);
    let mut y = last + if step == 0 { 8 } else { 4 };
    for line in sublines.iter().take(2) {
        y += 24;
        // A long line ("ПОБЕДИТЕЛЬ ОТРАСЛИ", a long sector name) sets smaller rather than
        // clipped; the qualifier of a narrow win smaller still, never clipped.
        let smallest = if narrow.as_ref() == Some(line) {
            12
        } else {
            13
        };
        Fitted::lines(line, false, 1, 20, smallest).write(&mut svg, y, 0, "");
    }
    match valid_until {
        Some(date) => {
            svg.push_str(&format!(
                "<text x=\"120\" y=\"240\" font-size=\"36\" font-weight=\"bold\" fill=\"{accent}\">{year}</text>\n"
            ));
            Fitted::lines(&locale.t("seal_valid_until"), false, 1, 20, 16).write(&mut svg, 266, 0, "");
            Fitted::lines(date, false, 1, 20, 16).write(&mut svg, 288, 0, "");
        }
        None => svg.push_str(&format!(
            "<text x=\"120\" y=\"262\" font-size=\"40\" font-weight=\"bold\" fill=\"{accent}\">{year}</text>\n"
        )),
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The width text may take on a seal: the inside of its border, less a margin on each side.
const TEXT_WIDTH: f32 = 194.0;

/// The most characters of a text set on a seal: more than its three lines ever show.
const MAX_SEAL_TEXT_CHARS: usize = 160;

/// The width of `text` at a font size of 1.
fn em_width(text: &str, bold: bool) -> f32 {
    crate::draw::measure::width(text, 1.0, bold)
}

/// Text set to fit a seal's width: its lines and the size they share.
struct Fitted {
    lines: Vec<String>,
    size: i32,
}

impl Fitted {
    /// `text`, measured in its weight (`bold`), on one line at the largest size from `max` down
    /// to `min` that fits (down to 22 at most when it may take more lines); else, when `most`
    /// allows, broken where a line may break (a space, a hyphen, between Chinese or Japanese
    /// characters) so that its two lines fit at the largest size (26 at most); else at `min`,
    /// its pieces filled into `most` lines, clipped with an ellipsis.
    fn lines(text: &str, bold: bool, most: usize, max: i32, min: i32) -> Fitted {
        // A seal shows at most a few dozen characters a line: a longer text is cut first, so
        // that finding its breaks costs the same for a name of 5,000 characters.
        let clipped = crate::model::text::clip(text, MAX_SEAL_TEXT_CHARS);
        let text = clipped.as_str();
        let fits = |width: f32, size: i32| width * size as f32 <= TEXT_WIDTH;
        let largest = |width: f32, max: i32, min: i32| (min..=max).rev().find(|&s| fits(width, s));
        let width = em_width(text, bold);
        let one_line_min = if most > 1 { min.max(max.min(22)) } else { min };
        if let Some(size) = largest(width, max, one_line_min) {
            return Fitted {
                lines: vec![text.to_string()],
                size,
            };
        }
        // Where a line may break: at spaces, after hyphens, between Chinese or Japanese
        // characters (Unicode's line breaking rules).
        let breaks: Vec<usize> = unicode_linebreak::linebreaks(text)
            .map(|(at, _)| at)
            .filter(|&at| at < text.len())
            .collect();
        if most > 1 {
            let best = breaks
                .iter()
                .filter_map(|&at| {
                    let first = text.get(..at)?.trim_end();
                    let second = text.get(at..)?.trim_start();
                    Some((
                        em_width(first, bold).max(em_width(second, bold)),
                        first,
                        second,
                    ))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((width, first, second)) = best
                && let Some(size) = largest(width, max.min(26), min)
            {
                return Fitted {
                    lines: vec![first.to_string(), second.to_string()],
                    size,
                };
            }
        }
        // At `min`: the pieces between breaks filled into at most `most` lines, what is left
        // joined to the last, and each line clipped with an ellipsis where it still does not fit.
        let mut lines: Vec<String> = Vec::new();
        let mut start = 0;
        for end in breaks.into_iter().chain([text.len()]) {
            let Some(piece) = text.get(start..end) else {
                continue;
            };
            start = end;
            let full = lines.len() >= most.max(1);
            match lines.last_mut() {
                Some(line)
                    if full || fits(em_width(format!("{line}{piece}").trim_end(), bold), min) =>
                {
                    line.push_str(piece);
                }
                _ => lines.push(piece.trim_start().to_string()),
            }
        }
        let lines = lines
            .iter()
            .map(|line| crate::draw::measure::fit(line.trim_end(), min as f32, bold, TEXT_WIDTH))
            .collect();
        Fitted { lines, size: min }
    }

    /// The lines as `<text>` elements centred on the seal, the first at `y`, each next one
    /// `step` lower.
    fn write(&self, svg: &mut String, y: i32, step: i32, attributes: &str) {
        for (index, line) in self.lines.iter().enumerate() {
            svg.push_str(&format!(
                "<text x=\"120\" y=\"{}\" font-size=\"{}\"{attributes}>{}</text>\n",
                y + step * index as i32,
                self.size,
                escape_xml(line)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fitted;

    /// Every seal string of every language the theme ships, set as the seal sets it, shows whole:
    /// the Russian sector winner's seal read "ПОБЕДИТЕЛЬ ОТРАС…" on the badge companies put on
    /// their own sites. Each string in each place it can take: the award as the headline (two
    /// lines, 44 units down to 16) and under a tier (one line, 20 down to 13), the narrow-win
    /// qualifier (down to 12), the validity label (down to 16).
    #[test]
    fn every_seal_string_of_every_shipped_language_shows_whole() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
        let mut checked = 0;
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let strings: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let text = |key: &str| {
                strings[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("{} lacks {key}", path.display()))
                    .replace("{top}", "100")
            };
            let places: [(&str, bool, usize, i32, i32); 6] = [
                ("seal_winner", true, 2, 44, 16),
                ("seal_winner", false, 1, 20, 13),
                ("seal_top", true, 2, 44, 16),
                ("seal_top", false, 1, 20, 13),
                ("seal_narrow", false, 1, 20, 12),
                ("seal_valid_until", false, 1, 20, 16),
            ];
            for (key, bold, most, max, min) in places {
                let fitted = Fitted::lines(&text(key), bold, most, max, min);
                assert!(
                    fitted.lines.iter().all(|line| !line.contains('…')),
                    "{}: {key} is cut on the seal: {:?}",
                    path.display(),
                    fitted.lines
                );
                checked += 1;
            }
        }
        assert!(checked >= 21 * 6, "{checked}");
    }
}
