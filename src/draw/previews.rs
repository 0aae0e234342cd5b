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
    palette: Palette,
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
        let mut renderer = PreviewRenderer {
            options,
            palette: Palette::default(),
        };
        // Every card has the same colours and the same text edges between them: one palette,
        // taken from a card that shows them all, serves every card, so a card is mapped, never
        // counted, and the same card is the same file whatever was drawn before it.
        if let Ok(reference) = renderer.raster(&card_svg(&reference_card())) {
            renderer.palette = Palette::of(reference.data());
        }
        renderer
    }

    pub fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        let tree = self.tree(svg)?;
        // One pixmap per thread, drawn over card after card: every card paints its whole
        // background first, and 3 MB are not allocated and cleared 10,000 times.
        thread_local! {
            static PIXMAP: std::cell::RefCell<Option<tiny_skia::Pixmap>> =
                const { std::cell::RefCell::new(None) };
        }
        PIXMAP.with_borrow_mut(|reused| {
            let pixmap = match reused {
                Some(pixmap) => pixmap,
                None => reused
                    .insert(tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("empty preview size")?),
            };
            resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
            let indices = self.palette.indices(pixmap.data());
            encode_indexed(&self.palette.rgb, &indices)
        })
    }

    fn tree(&self, svg: &str) -> Result<usvg::Tree, String> {
        usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())
    }

    /// `svg` on a pixmap of its own (the reference card, drawn once).
    fn raster(&self, svg: &str) -> Result<tiny_skia::Pixmap, String> {
        let tree = self.tree(svg)?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("empty preview size")?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        Ok(pixmap)
    }
}

/// A card that shows every colour a card can have: the seal, the subline, the figures, a list.
fn reference_card() -> Card {
    Card {
        kicker: "Most Customer-Oriented Service Providers 2026".into(),
        headline: "Kaufhaus Linde".into(),
        subline: "Retail".into(),
        figures: vec![
            ("Rank".into(), "2".into()),
            ("Score".into(), "97.7".into()),
            ("Sector rank".into(), "1 of 9".into()),
        ],
        list: vec!["1 Sentinel Versicherung 97.8".into()],
        award: Some(("Sector winner".into(), "2026".into())),
    }
}

/// Colours a card keeps: its six flat colours and the shades of text edges between them that
/// occur most. Sixteen colours are four bits a pixel, and the text still reads smoothly.
const PALETTE: usize = 16;

/// A palette of at most [`PALETTE`] colours and the index of every colour seen when it was made;
/// any other colour takes the nearest palette colour.
#[derive(Debug, Default)]
struct Palette {
    /// RGB triples, as PNG stores them.
    rgb: Vec<u8>,
    kept: Vec<u32>,
    index: rustc_hash::FxHashMap<u32, u8>,
}

/// A pixel as 0x00RRGGBB. Every pixel of a card is opaque (the card paints its background
/// first), so the premultiplied pixels are also the straight colours PNG stores.
fn rgb([r, g, b, _]: [u8; 4]) -> u32 {
    u32::from_be_bytes([0, r, g, b])
}

fn channels(colour: u32) -> [i32; 3] {
    [
        (colour >> 16) as i32 & 255,
        (colour >> 8) as i32 & 255,
        colour as i32 & 255,
    ]
}

impl Palette {
    /// The most frequent colours of `rgba` (ties by colour, so it is the same every time).
    fn of(rgba: &[u8]) -> Palette {
        let (pixels, _) = rgba.as_chunks::<4>();
        // How often each colour occurs; runs of one colour (most of a card) cost one lookup.
        let mut counts: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
        let mut run = (u32::MAX, 0u32);
        for &pixel in pixels {
            let colour = rgb(pixel);
            if colour == run.0 {
                run.1 += 1;
                continue;
            }
            if run.1 > 0 {
                *counts.entry(run.0).or_insert(0) += run.1;
            }
            run = (colour, 1);
        }
        if run.1 > 0 {
            *counts.entry(run.0).or_insert(0) += run.1;
        }
        let mut colours: Vec<(u32, u32)> = counts.into_iter().collect();
        colours.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let kept: Vec<u32> = colours.iter().take(PALETTE).map(|&(c, _)| c).collect();
        let mut palette = Palette {
            rgb: kept
                .iter()
                .flat_map(|&c| channels(c).map(|v| v as u8))
                .collect(),
            kept,
            index: rustc_hash::FxHashMap::default(),
        };
        for &(colour, _) in &colours {
            let nearest = palette.nearest(colour);
            palette.index.insert(colour, nearest);
        }
        palette
    }

    /// The palette colour closest to `colour` (the first of equals).
    fn nearest(&self, colour: u32) -> u8 {
        let [r, g, b] = channels(colour);
        self.kept
            .iter()
            .enumerate()
            .min_by_key(|&(_, &k)| {
                let [kr, kg, kb] = channels(k);
                (r - kr).pow(2) + (g - kg).pow(2) + (b - kb).pow(2)
            })
            .map_or(0, |(position, _)| position as u8)
    }

    /// Each pixel's palette index. Most rows of a card repeat the row above (background
    /// between lines of text): such a row is compared at once and its indices copied. Within a
    /// row colours change only at text edges, and a small direct-mapped cache in front of the map
    /// answers almost every change.
    fn indices(&self, rgba: &[u8]) -> Vec<u8> {
        let width = WIDTH as usize;
        let row_bytes = width * 4;
        let mut cache = [(u32::MAX, NOT_CACHED); 256];
        let mut indices: Vec<u8> = Vec::with_capacity(rgba.len() / 4);
        let mut previous: Option<&[u8]> = None;
        for row in rgba.chunks(row_bytes) {
            let start = indices.len();
            if previous == Some(row) && start >= width {
                indices.extend_from_within(start - width..start);
                continue;
            }
            previous = Some(row);
            let (pixels, _) = row.as_chunks::<4>();
            let mut at = 0;
            while let Some(pixel) = pixels.get(at) {
                let raw = u32::from_ne_bytes(*pixel);
                let mut slot = (raw, NOT_CACHED);
                let cached = cache.get_mut((raw.wrapping_mul(0x9E37_79B1) >> 24) as usize);
                let slot = cached.unwrap_or(&mut slot);
                if slot.0 != raw || slot.1 == NOT_CACHED {
                    let colour = rgb(*pixel);
                    let index = self
                        .index
                        .get(&colour)
                        .copied()
                        .unwrap_or_else(|| self.nearest(colour));
                    *slot = (raw, index);
                }
                // The run of this colour, compared a pixel pair at a time.
                let rest = pixels.get(at + 1..).unwrap_or_default();
                let run = 1 + rest.iter().take_while(|p| *p == pixel).count();
                indices.resize(indices.len() + run, slot.1);
                at += run;
            }
        }
        indices
    }
}

/// A cache slot not filled yet (no palette has this many colours).
const NOT_CACHED: u8 = u8::MAX;

/// An indexed PNG, deflated at zlib level 3 (on these images as fast as the `png` crate's
/// fdeflate, and a quarter smaller): four bits a pixel for up to 16 colours
/// (flat colours and text compress to a fraction of RGBA), eight bits for more.
fn encode_indexed(palette: &[u8], indices: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Indexed);
    let packed: Vec<u8>;
    let indices = if palette.len() <= 16 * 3 {
        encoder.set_depth(png::BitDepth::Four);
        packed = pack_nibbles(indices, WIDTH as usize);
        &packed[..]
    } else {
        encoder.set_depth(png::BitDepth::Eight);
        indices
    };
    encoder.set_palette(palette.to_vec());
    // Palette indices compress best unfiltered.
    encoder.set_filter(png::Filter::NoFilter);
    encoder.set_deflate_compression(png::DeflateCompression::Level(3));
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(indices)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Palette indices of at most 16 colours, two to a byte, each row starting on a byte (PNG's
/// 4-bit rows).
fn pack_nibbles(indices: &[u8], width: usize) -> Vec<u8> {
    let mut packed = Vec::with_capacity(indices.len().div_ceil(2));
    for row in indices.chunks(width) {
        let (pairs, rest) = row.as_chunks::<2>();
        packed.extend(pairs.iter().map(|&[high, low]| (high << 4) | low));
        if let Some(&last) = rest.first() {
            packed.push(last << 4);
        }
    }
    packed
}

/// A stable fingerprint of a card's SVG (FNV-1a, 64 bits) that also changes with the rankpress
/// version, so a new renderer never reuses an old picture.
pub fn fingerprint(svg: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    // The encoding's name too: cards drawn before palette PNGs are drawn again.
    let made_by = concat!(env!("CARGO_PKG_VERSION"), " palette-png 4-bit");
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
    fn a_palette_keeps_the_flat_colours_and_maps_others_to_the_nearest() {
        // Three flat colours: an exact palette, every pixel back as it was.
        let colours = [[11, 61, 107, 255], [255, 255, 255, 255], [230, 159, 0, 255]];
        let rgba: Vec<u8> = (0..30).flat_map(|i| colours[i % 3]).collect();
        let palette = Palette::of(&rgba);
        assert_eq!(palette.rgb.len(), 3 * 3);
        for (pixel, index) in rgba.chunks_exact(4).zip(palette.indices(&rgba)) {
            let at = usize::from(index) * 3;
            assert_eq!(&palette.rgb[at..at + 3], &pixel[..3]);
        }
        // 40 colours: the 16 most frequent, and each other takes its nearest, also a colour the
        // palette was not made from.
        let mut many: Vec<u8> = Vec::new();
        for c in 0..40u8 {
            let times = if c < 16 { 3 } else { 1 };
            for _ in 0..times {
                many.extend([c * 6, 0, 0, 255]);
            }
        }
        let palette = Palette::of(&many);
        assert_eq!(palette.rgb.len(), 16 * 3);
        let index = palette.indices(&[200, 0, 0, 255])[0] as usize * 3;
        assert_eq!(&palette.rgb[index..index + 3], &[90, 0, 0]);
    }

    #[test]
    fn a_card_is_a_four_bit_png_under_20_kilobytes() {
        let renderer = PreviewRenderer::new(&[
            include_bytes!("../../themes/default/fonts/DejaVuSans.ttf").to_vec(),
            include_bytes!("../../themes/default/fonts/DejaVuSans-Bold.ttf").to_vec(),
        ]);
        // A company's card with a name on two lines, three figures and a seal.
        let card = Card {
            headline: "Bergmann & Söhne Versicherung".into(),
            list: Vec::new(),
            ..reference_card()
        };
        let png = renderer.png(&card_svg(&card)).unwrap();
        assert_eq!(
            (png[24], png[25]),
            (4, 3),
            "bit depth 4, colour type 3 (indexed)"
        );
        assert!(png.len() < 20_000, "{} bytes", png.len());
        // The same card is the same file.
        assert_eq!(png, renderer.png(&card_svg(&card)).unwrap());
    }
}
