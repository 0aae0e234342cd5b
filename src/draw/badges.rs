//! Award seals: an SVG per awarded company and edition that winners can put on their own site.
//! Pure: text in, SVG out.

use crate::escape::escape_xml;
use crate::locale::Locale;
use crate::model::Site;
use crate::model::scoring::Ranked;
use crate::model::text::{clip, wrap};

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
        awards.push(locale.t_with("award_winner", &[("sector", sector), ("year", &year)]));
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
    // Two lines of the publisher's name at most: clipped first, so a long name costs no more
    // than a short one.
    let publisher_lines: Vec<String> = wrap(&clip(publisher, 60), 17)
        .into_iter()
        .take(2)
        .map(|line| clip(&line, 18))
        .collect();
    let tier = entry.tier.and_then(|t| site.methodology.tiers.get(t));
    let top = locale.t_with("seal_top", &[("top", &site.config.top.to_string())]);
    let (headline, sublines): (String, Vec<String>) = if let Some(tier) = tier {
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
    let (width, height) = SEAL_SIZE;
    let mut svg = String::with_capacity(1600);
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xml:lang=\"{}\">\n<title>{}</title>\n",
        escape_xml(&locale.code),
        escape_xml(&title)
    ));
    svg.push_str("<rect x=\"2\" y=\"2\" width=\"236\" height=\"306\" rx=\"26\" fill=\"#0B3D6B\"/>\n<rect x=\"11\" y=\"11\" width=\"218\" height=\"288\" rx=\"19\" fill=\"none\" stroke=\"#E69F00\" stroke-width=\"3\"/>\n");
    svg.push_str("<g font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#FFFFFF\">\n");
    let first_y = if publisher_lines.len() > 1 { 46 } else { 58 };
    for (index, line) in publisher_lines.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"120\" y=\"{}\" font-size=\"22\" font-weight=\"bold\">{}</text>\n",
            first_y + 26 * index as i32,
            escape_xml(line)
        ));
    }
    svg.push_str("<path d=\"M40 90H200\" stroke=\"#E69F00\" stroke-width=\"2\"/>\n");
    let headline_size = match headline.chars().count() {
        0..=8 => 44,
        9..=11 => 32,
        12..=14 => 26,
        _ => 22,
    };
    svg.push_str(&format!(
        "<text x=\"120\" y=\"140\" font-size=\"{headline_size}\" font-weight=\"bold\">{}</text>\n",
        escape_xml(&clip(&headline, 18))
    ));
    for (index, line) in sublines.iter().take(2).enumerate() {
        svg.push_str(&format!(
            "<text x=\"120\" y=\"{}\" font-size=\"20\">{}</text>\n",
            172 + 24 * index as i32,
            escape_xml(&clip(line, 20))
        ));
    }
    match valid_until {
        Some(date) => svg.push_str(&format!(
            "<text x=\"120\" y=\"240\" font-size=\"36\" font-weight=\"bold\" fill=\"#E69F00\">{year}</text>\n<text x=\"120\" y=\"266\" font-size=\"20\">{}</text>\n<text x=\"120\" y=\"288\" font-size=\"20\">{}</text>\n",
            escape_xml(&locale.t("seal_valid_until")),
            escape_xml(&clip(date, 20))
        )),
        None => svg.push_str(&format!(
            "<text x=\"120\" y=\"262\" font-size=\"40\" font-weight=\"bold\" fill=\"#E69F00\">{year}</text>\n"
        )),
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}
