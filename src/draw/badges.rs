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

/// The seal of `entry` in `year`: site name, award, sector and year on a round badge.
pub fn seal_svg(locale: &Locale, site: &Site, year: i32, entry: &Ranked) -> String {
    let sector = site.sector(entry.sector).name.get(locale.index);
    let title = award_text(locale, site, year, entry);
    // A seal has room for three short lines of the site's name: the name is clipped first, so a
    // long one costs no more than a short one.
    let site_lines: Vec<String> = wrap(&clip(site.config.title.get(locale.index), 80), 22)
        .into_iter()
        .map(|line| clip(&line, 24))
        .collect();
    let tier = entry.tier.and_then(|t| site.methodology.tiers.get(t));
    let (headline, subline) = if let Some(tier) = tier {
        // A tier leads: "GOLD", with the other awards under it.
        let mut under = Vec::new();
        if entry.sector_winner {
            under.push(format!("{} {sector}", locale.t("seal_winner")));
        }
        if entry.top {
            under.push(locale.t_with("seal_top", &[("top", &site.config.top.to_string())]));
        }
        (
            tier.name.get(locale.index).to_uppercase(),
            under.join(" · "),
        )
    } else if entry.sector_winner {
        let top = if entry.top {
            format!(
                " · {}",
                locale.t_with("seal_top", &[("top", &site.config.top.to_string())])
            )
        } else {
            String::new()
        };
        (locale.t("seal_winner"), format!("{sector}{top}"))
    } else {
        (
            locale.t_with("seal_top", &[("top", &site.config.top.to_string())]),
            String::new(),
        )
    };
    let mut svg = String::with_capacity(1400);
    svg.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"240\" viewBox=\"0 0 240 240\" xml:lang=\"{}\">\n<title>{}</title>\n",
        escape_xml(&locale.code),
        escape_xml(&title)
    ));
    svg.push_str("<circle cx=\"120\" cy=\"120\" r=\"118\" fill=\"#0B3D6B\"/>\n<circle cx=\"120\" cy=\"120\" r=\"106\" fill=\"none\" stroke=\"#E69F00\" stroke-width=\"4\"/>\n");
    svg.push_str("<g font-family=\"sans-serif\" text-anchor=\"middle\" fill=\"#FFFFFF\">\n");
    let first_y = 62 - 8 * (site_lines.len().min(3) as i32 - 1);
    for (index, line) in site_lines.iter().take(3).enumerate() {
        svg.push_str(&format!(
            "<text x=\"120\" y=\"{}\" font-size=\"13\">{}</text>\n",
            first_y + 16 * index as i32,
            escape_xml(line)
        ));
    }
    let headline_size = if headline.chars().count() > 12 {
        20
    } else {
        28
    };
    svg.push_str(&format!(
        "<text x=\"120\" y=\"126\" font-size=\"{headline_size}\" font-weight=\"bold\">{}</text>\n",
        escape_xml(&headline)
    ));
    if !subline.is_empty() {
        let size = if subline.chars().count() > 26 { 11 } else { 13 };
        svg.push_str(&format!(
            "<text x=\"120\" y=\"150\" font-size=\"{size}\">{}</text>\n",
            escape_xml(&clip(&subline, 40))
        ));
    }
    svg.push_str(&format!(
        "<text x=\"120\" y=\"192\" font-size=\"30\" font-weight=\"bold\" fill=\"#E69F00\">{year}</text>\n</g>\n</svg>\n"
    ));
    svg
}
