//! Share previews: the picture a link to a company or an edition shows in social media and chat
//! apps (Open Graph / Twitter card), drawn as SVG and rasterised to PNG with resvg using only the
//! fonts bundled in the theme, so the picture is the same on every machine.

use std::sync::Arc;

use resvg::{tiny_skia, usvg};

use crate::escape::escape_xml;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
const FONT: &str = "DejaVu Sans";

/// Rasterises preview SVGs with the theme's fonts.
pub struct PreviewRenderer {
    options: usvg::Options<'static>,
}

impl PreviewRenderer {
    /// `fonts`: the contents of the theme's font files. No system font is ever used.
    pub fn new(fonts: &[Vec<u8>]) -> Self {
        let mut database = usvg::fontdb::Database::new();
        for font in fonts {
            database.load_font_data(font.clone());
        }
        let mut options = usvg::Options {
            font_family: FONT.to_string(),
            ..usvg::Options::default()
        };
        options.fontdb = Arc::new(database);
        PreviewRenderer { options }
    }

    pub fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("empty preview size")?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        encode_png(pixmap.data())
    }
}

/// A palette PNG (8 bits per pixel) with the `png` crate's fast deflate. The cards are flat
/// colours and anti-aliased text: a few hundred distinct colours, which a palette holds in a
/// quarter of RGBA's bytes before compression (55 KB cards became about a third of that). Every
/// pixel is opaque (the card paints its background first), so the premultiplied pixels are also
/// the straight colours PNG stores. With more than 256 colours, the 256 most frequent form the
/// palette and every other colour takes its nearest (only text edges ever do).
fn encode_png(rgba: &[u8]) -> Result<Vec<u8>, String> {
    let (palette, indices) = palette_of(rgba);
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(palette);
    // Palette indices compress best unfiltered.
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&indices)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Colours a card keeps: its flat colours and the shades of its text edges (fewer shades did not
/// compress better: the nearest-colour edges cost what the palette saved).
const PALETTE: usize = 256;

/// The palette (RGB triples) and each pixel's index into it.
fn palette_of(rgba: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let rgb = |pixel: &[u8]| {
        u32::from(pixel.first().copied().unwrap_or(0)) << 16
            | u32::from(pixel.get(1).copied().unwrap_or(0)) << 8
            | u32::from(pixel.get(2).copied().unwrap_or(0))
    };
    // How often each colour occurs; runs of one colour (most of a card) cost one lookup.
    let mut counts: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
    let mut previous = None;
    let mut run = 0u32;
    for pixel in rgba.chunks_exact(4) {
        let colour = rgb(pixel);
        if previous == Some(colour) {
            run += 1;
            continue;
        }
        if let Some(done) = previous {
            *counts.entry(done).or_insert(0) += run;
        }
        previous = Some(colour);
        run = 1;
    }
    if let Some(done) = previous {
        *counts.entry(done).or_insert(0) += run;
    }
    // The most frequent colours first; ties by colour, so the file is the same every time.
    let mut colours: Vec<(u32, u32)> = counts.into_iter().collect();
    colours.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<u32> = colours.iter().take(PALETTE).map(|&(c, _)| c).collect();
    let channels = |c: u32| {
        [
            (c >> 16) as i32 & 255,
            (c >> 8) as i32 & 255,
            c as i32 & 255,
        ]
    };
    let mut index: rustc_hash::FxHashMap<u32, u8> = rustc_hash::FxHashMap::default();
    for (position, &colour) in kept.iter().enumerate() {
        index.insert(colour, position as u8);
    }
    for &(colour, _) in colours.iter().skip(PALETTE) {
        let [r, g, b] = channels(colour);
        let nearest = kept
            .iter()
            .enumerate()
            .min_by_key(|&(_, &k)| {
                let [kr, kg, kb] = channels(k);
                (r - kr).pow(2) + (g - kg).pow(2) + (b - kb).pow(2)
            })
            .map_or(0, |(position, _)| position as u8);
        index.insert(colour, nearest);
    }
    let palette: Vec<u8> = kept
        .iter()
        .flat_map(|&c| channels(c).map(|v| v as u8))
        .collect();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    let mut last = (u32::MAX, 0u8);
    for pixel in rgba.chunks_exact(4) {
        let colour = rgb(pixel);
        if colour != last.0 {
            last = (colour, index.get(&colour).copied().unwrap_or(0));
        }
        indices.push(last.1);
    }
    (palette, indices)
}

/// A stable fingerprint of a card's SVG (FNV-1a, 64 bits) that also changes with the rankpress
/// version, so a new renderer never reuses an old picture.
pub fn fingerprint(svg: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The encoding's name too: cards drawn before palette PNGs are drawn again.
    let made_by = concat!(env!("CARGO_PKG_VERSION"), " palette-png");
    for byte in made_by.bytes().chain(svg.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// What a preview card says.
#[derive(Debug, Clone)]
pub struct Card {
    /// Small line at the top: the site's name.
    pub kicker: String,
    /// The big name: a company or an edition.
    pub headline: String,
    /// Under the headline: the sector, or the edition's date.
    pub subline: String,
    /// Key figures at the bottom, label and value ("Rank", "3").
    pub figures: Vec<(String, String)>,
    /// Lines listed on the right (an edition's top three), may be empty.
    pub list: Vec<String>,
    /// The award, shown as a seal when present ("Sector winner", "2026").
    pub award: Option<(String, String)>,
}

/// Splits `text` into at most `max_lines` lines of about `width` characters.
/// Text is clipped before it is wrapped and each line after: however long a name is, the card
/// draws a bounded amount of text.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    use crate::model::text::clip;
    let mut lines = crate::model::text::wrap(&clip(text, width * (max_lines + 1)), width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
        .into_iter()
        .map(|line| clip(&line, width + 1))
        .collect()
}

/// The card as SVG, 1200 × 630.
pub fn card_svg(card: &Card) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\">\n\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#0B3D6B\"/>\n\
         <rect y=\"{}\" width=\"{WIDTH}\" height=\"12\" fill=\"#E69F00\"/>\n\
         <g font-family=\"{FONT}\" fill=\"#FFFFFF\">\n",
        HEIGHT - 12
    );
    svg.push_str(&format!(
        "<text x=\"64\" y=\"92\" font-size=\"30\">{}</text>\n",
        escape_xml(&crate::model::text::clip(&card.kicker, 60))
    ));
    let text_width = if card.award.is_none() { 30 } else { 20 };
    let headline = wrap(&card.headline, text_width, 2);
    let size = if headline.len() > 1 { 58 } else { 68 };
    let mut y: i32 = 200;
    for line in &headline {
        svg.push_str(&format!(
            "<text x=\"64\" y=\"{y}\" font-size=\"{size}\" font-weight=\"bold\">{}</text>\n",
            escape_xml(line)
        ));
        y += size + 12;
    }
    svg.push_str(&format!(
        "<text x=\"64\" y=\"{}\" font-size=\"34\" fill=\"#F5C75A\">{}</text>\n",
        y + 10,
        escape_xml(&crate::model::text::clip(&card.subline, 50))
    ));
    let mut x = 64;
    for (label, value) in &card.figures {
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"500\" font-size=\"26\" fill=\"#C9D6E3\">{}</text>\n<text x=\"{x}\" y=\"568\" font-size=\"60\" font-weight=\"bold\">{}</text>\n",
            escape_xml(&crate::model::text::clip(label, 20)),
            escape_xml(&crate::model::text::clip(value, 9))
        ));
        x += 300;
    }
    // A list (an edition's top three) sits between the headline and the figures.
    for (index, line) in card.list.iter().take(3).enumerate() {
        svg.push_str(&format!(
            "<text x=\"64\" y=\"{}\" font-size=\"30\">{}</text>\n",
            y + 70 + 42 * index as i32,
            escape_xml(&wrap(line, 60, 1).join(" "))
        ));
    }
    if let Some((award, year)) = &card.award {
        svg.push_str(
            "<circle cx=\"990\" cy=\"300\" r=\"150\" fill=\"#0E4C85\" stroke=\"#E69F00\" stroke-width=\"8\"/>\n",
        );
        for (index, line) in wrap(award, 14, 2).iter().enumerate() {
            svg.push_str(&format!(
                "<text x=\"990\" y=\"{}\" font-size=\"30\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>\n",
                280 + 38 * index,
                escape_xml(line)
            ));
        }
        svg.push_str(&format!(
            "<text x=\"990\" y=\"380\" font-size=\"44\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#E69F00\">{}</text>\n",
            escape_xml(year)
        ));
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_headlines_wrap_and_text_is_escaped() {
        let card = Card {
            kicker: "Ranks & Files".into(),
            headline: "Bergmann & Söhne Versicherung Aktiengesellschaft für Alles".into(),
            subline: "Insurers".into(),
            figures: vec![("Rank".into(), "3".into())],
            list: vec![],
            award: Some(("Sector winner".into(), "2026".into())),
        };
        let svg = card_svg(&card);
        assert!(svg.contains("Ranks &amp; Files"));
        assert_eq!(svg.matches("font-size=\"58\"").count(), 2, "{svg}");
        assert!(svg.contains("…"));
    }

    #[test]
    fn cards_are_palette_pngs_that_keep_every_colour_of_a_flat_card() {
        // Three flat colours: an exact palette, every pixel back as it was.
        let colours = [[11, 61, 107, 255], [255, 255, 255, 255], [230, 159, 0, 255]];
        let rgba: Vec<u8> = (0..30).flat_map(|i| colours[i % 3]).collect();
        let (palette, indices) = palette_of(&rgba);
        assert_eq!(palette.len(), 3 * 3);
        for (pixel, index) in rgba.chunks_exact(4).zip(&indices) {
            let at = usize::from(*index) * 3;
            assert_eq!(&palette[at..at + 3], &pixel[..3]);
        }
        // 300 colours: the 256 most frequent, and each other takes its nearest.
        let mut many: Vec<u8> = Vec::new();
        for c in 0..300u32 {
            let times = if c < 256 { 3 } else { 1 };
            for _ in 0..times {
                many.extend([(c % 256) as u8, (c / 256) as u8 * 100, 0, 255]);
            }
        }
        let (palette, indices) = palette_of(&many);
        assert_eq!(palette.len(), 256 * 3);
        let last = *indices.last().unwrap() as usize * 3;
        // The last pixel, (43, 100, 0), is not kept (it occurs once); the kept colours all have
        // green 0, and the nearest of them is (43, 0, 0).
        assert_eq!(&palette[last..last + 3], &[43, 0, 0]);
        // A whole card encodes as an indexed PNG.
        let png = encode_png(&vec![200; (WIDTH * HEIGHT * 4) as usize]).unwrap();
        assert_eq!(png[25], 3, "colour type 3: indexed");
    }
}
