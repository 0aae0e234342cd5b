//! Share previews: the picture a link to a company or an edition shows in social media and chat
//! apps (Open Graph / Twitter card), 1200 × 630, drawn only with the fonts bundled in the theme,
//! so the picture is the same on every machine.
//!
//! Ten thousand companies are ten thousand cards, so a card is drawn in parts: its shapes and
//! the text every card of a kind shares (the site's name, the labels, the seal) once, as a
//! [`Base`] compressed band by band; then for each card only its own text (name, sector,
//! figures), from cached glyphs, and only the bands that text touches are compressed again.

use std::sync::{Arc, RwLock};

use resvg::{tiny_skia, usvg};

use crate::draw::glyphs::Fonts;
use crate::model::brand::mix;
use crate::draw::indexed_png::{self, BAND, Base, Rows};

mod layout;
pub mod logo;
use layout::Anchor;
use logo::LogoMask;
pub use layout::{Card, Layout, Text, layout};

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
const FONT: &str = "DejaVu Sans";

/// The card's flat colours, as RGB: the default theme's, or the brand's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardColours {
    pub background: [u8; 3],
    /// The seal's disc, a shade lighter than the background.
    pub seal: [u8; 3],
    /// The stripe, the seal's ring and the award's year.
    pub gold: [u8; 3],
    pub white: [u8; 3],
    /// The line under the name (the sector).
    pub subline: [u8; 3],
    /// The labels over the figures.
    pub label: [u8; 3],
}

impl Default for CardColours {
    fn default() -> Self {
        CardColours {
            background: [0x0B, 0x3D, 0x6B],
            seal: [0x0E, 0x4C, 0x85],
            gold: [0xE6, 0x9F, 0x00],
            white: [0xFF, 0xFF, 0xFF],
            subline: [0xF5, 0xC7, 0x5A],
            label: [0xC9, 0xD6, 0xE3],
        }
    }
}

impl CardColours {
    /// The cards of a site with `brand` (`brand:` in site.yaml): its primary colour behind the
    /// text, its accent for the stripe, the ring and the sector (at 4.5:1 or more on the
    /// primary, as reading the brand checked), and labels of white mixed into the primary
    /// while they keep 4.5:1.
    pub fn of(brand: Option<&crate::model::brand::Brand>) -> Self {
        let Some(brand) = brand else {
            return CardColours::default();
        };
        let white = [0xFF, 0xFF, 0xFF];
        let background = brand.primary;
        let label = (70..=100)
            .step_by(5)
            .map(|percent| mix(white, background, percent, 100))
            .find(|c| crate::model::brand::contrast(*c, background) >= 4.5)
            .unwrap_or(white);
        CardColours {
            background,
            seal: mix(white, background, 8, 100),
            gold: brand.accent,
            white,
            subline: brand.accent,
            label,
        }
    }
}

/// The colour a text is set in: its place in the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ink {
    White = 3,
    Gold = 2,
    Subline = 4,
    Label = 5,
}

/// The sixteen colours of every card (four bits a pixel): the six flat colours, then the shades
/// text edges take between the colours text is set on, most of them for white on the
/// background, where most text is.
fn palette(c: &CardColours) -> Vec<[u8; 3]> {
    let mix = |ink, ground, percent| mix(ink, ground, percent, 100);
    vec![
        c.background,
        c.seal,
        c.gold,
        c.white,
        c.subline,
        c.label,
        mix(c.white, c.background, 20),
        mix(c.white, c.background, 40),
        mix(c.white, c.background, 60),
        mix(c.white, c.background, 80),
        mix(c.white, c.seal, 33),
        mix(c.white, c.seal, 67),
        mix(c.subline, c.background, 33),
        mix(c.subline, c.background, 67),
        mix(c.gold, c.seal, 50),
        mix(c.gold, c.background, 50),
    ]
}


/// The palette entry nearest to `colour` (the first of equals).
fn nearest(palette: &[[u8; 3]], colour: [u8; 3]) -> u8 {
    let distance = |entry: &[u8; 3]| {
        entry
            .iter()
            .zip(colour)
            .map(|(&a, b)| (i32::from(a) - i32::from(b)).pow(2))
            .sum::<i32>()
    };
    palette
        .iter()
        .enumerate()
        .min_by_key(|(_, entry)| distance(entry))
        .map_or(0, |(index, _)| index as u8)
}

/// Coverage levels a text edge is blended at (a pixel's coverage, 0 to 255, divided by 4).
const LEVELS: usize = 64;

/// Bases kept at most: a site has one for each kind of card and language, a handful.
const BASES: usize = 64;

/// Draws share cards with the theme's fonts.
pub struct PreviewRenderer {
    fonts: Fonts,
    shapes: usvg::Options<'static>,
    /// RGB triples, as PNG stores them.
    palette: Vec<u8>,
    colours: CardColours,
    /// The palette index of ink `i` at coverage level `l` over palette colour `g`:
    /// `blends[(i * 16 + g) * LEVELS + l]`.
    blends: Vec<u8>,
    bases: RwLock<rustc_hash::FxHashMap<String, Arc<Base>>>,
    /// The publisher's logo, drawn into every base.
    logo: Option<Arc<LogoMask>>,
}

impl PreviewRenderer {
    /// `fonts`: the contents of the font files to draw with (the theme's, then any system font
    /// the build chose for characters the theme's lack); no other font is looked up.
    pub fn new(fonts: &[Vec<u8>], card_colours: CardColours) -> Self {
        let colours = palette(&card_colours);
        let mut blends = Vec::with_capacity(16 * 16 * LEVELS);
        for ink_index in 0..16u8 {
            for ground_index in 0..16u8 {
                let (ink, ground) = (
                    colours
                        .get(usize::from(ink_index))
                        .copied()
                        .unwrap_or(card_colours.white),
                    colours
                        .get(usize::from(ground_index))
                        .copied()
                        .unwrap_or(card_colours.background),
                );
                for level in 0..LEVELS as u16 {
                    // Untouched and fully covered pixels keep their exact colours.
                    blends.push(match level {
                        0 => ground_index,
                        _ if usize::from(level) == LEVELS - 1 => ink_index,
                        _ => nearest(&colours, mix(ink, ground, level, LEVELS as u16 - 1)),
                    });
                }
            }
        }
        PreviewRenderer {
            fonts: Fonts::new(fonts),
            shapes: usvg::Options::default(),
            palette: colours.into_iter().flatten().collect(),
            colours: card_colours,
            blends,
            bases: RwLock::new(rustc_hash::FxHashMap::default()),
            logo: None,
        }
    }

    /// The same renderer drawing `logo` in each card's top corner (the end where the site's
    /// name ends).
    pub fn with_logo(mut self, logo: Option<Arc<LogoMask>>) -> Self {
        self.logo = logo;
        self.bases = RwLock::new(rustc_hash::FxHashMap::default());
        self
    }

    /// The logo the cards show, if any.
    pub fn logo(&self) -> Option<Arc<LogoMask>> {
        self.logo.clone()
    }

    /// The colours the cards are drawn in.
    pub fn colours(&self) -> CardColours {
        self.colours
    }

    /// Whether the theme gave fonts to draw text with.
    pub fn has_fonts(&self) -> bool {
        self.fonts.faces() > 0
    }

    /// The characters of `card`'s text that no font of the theme has (the card shows each as a
    /// box), with the first line of text that has one; `None` when the fonts have them all.
    pub fn missing(&self, card: &Card) -> Option<(String, std::collections::BTreeSet<char>)> {
        let figures = card
            .figures
            .iter()
            .flat_map(|(label, value)| [label, value]);
        let award = card.award.iter().flat_map(|(award, year)| [award, year]);
        let texts = [&card.kicker, &card.headline, &card.subline]
            .into_iter()
            .chain(figures)
            .chain(&card.list)
            .chain(award);
        let mut first = None;
        let mut missing = std::collections::BTreeSet::new();
        for text in texts {
            let before = missing.len();
            missing.extend(text.chars().filter(|&c| self.fonts.lacks(c)));
            if missing.len() > before && first.is_none() {
                first = Some(text.clone());
            }
        }
        first.map(|first| (first, missing))
    }

    /// The card as a 4-bit indexed PNG.
    pub fn png(&self, card: &Card) -> Result<Vec<u8>, String> {
        let layout = layout(card);
        let base = self.base(&layout)?;
        // Each thread keeps the last card it drew over its base: the next card with the same
        // base puts back only the rows the last one wrote, not all 750,000 pixels.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Option<Scratch>> =
                const { std::cell::RefCell::new(None) };
        }
        SCRATCH.with_borrow_mut(|kept| {
            let scratch = match kept {
                Some(scratch) if Arc::ptr_eq(&scratch.base, &base) => {
                    scratch.restore();
                    scratch
                }
                _ => kept.insert(Scratch {
                    rows: base.rows.clone(),
                    changed: vec![false; base.rows.height],
                    base: base.clone(),
                }),
            };
            for text in &layout.varying {
                self.draw(text, &mut scratch.rows, Some(&mut scratch.changed));
            }
            indexed_png::encode(&self.palette, &base, &scratch.rows, &scratch.changed)
        })
    }

    /// The base of a card's layout: drawn the first time, then shared.
    fn base(&self, layout: &Layout) -> Result<Arc<Base>, String> {
        let key = format!("{:?} {:?} {:?}", layout.seal, layout.mirrored, layout.fixed);
        if let Some(base) = self
            .bases
            .read()
            .map_err(|_| "card cache poisoned")?
            .get(&key)
        {
            return Ok(base.clone());
        }
        let base = Arc::new(self.draw_base(layout)?);
        let mut bases = self.bases.write().map_err(|_| "card cache poisoned")?;
        if bases.len() >= BASES {
            return Ok(base);
        }
        Ok(bases.entry(key).or_insert(base).clone())
    }

    /// The shapes (rasterised with resvg, mapped to the palette) and the shared text.
    fn draw_base(&self, layout: &Layout) -> Result<Base, String> {
        let tree = usvg::Tree::from_str(
            &shapes_svg(layout.seal, layout.mirrored, &self.colours),
            &self.shapes,
        )
            .map_err(|e| e.to_string())?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("empty preview size")?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        let colours = palette(&self.colours);
        let mut known = rustc_hash::FxHashMap::default();
        let (pixels, _) = pixmap.data().as_chunks::<4>();
        let mut rows = Rows::new(WIDTH as usize, HEIGHT as usize);
        for (at, &[r, g, b, _]) in pixels.iter().enumerate() {
            let index = *known
                .entry([r, g, b])
                .or_insert_with(|| nearest(&colours, [r, g, b]));
            rows.set(at % WIDTH as usize, at / WIDTH as usize, index);
        }
        let mut fixed = layout.fixed.clone();
        if let Some(logo) = &self.logo {
            self.draw_logo(logo, layout.mirrored, &mut rows);
            // The site's name, first of the shared texts, ends before the logo.
            if let Some(kicker) = fixed.first_mut() {
                kicker.room = kicker.room.min((WIDTH - 128 - 32 - logo.width) as f32);
            }
        }
        for text in &fixed {
            self.draw(text, &mut rows, None);
        }
        // A made-up card over the base: the rows from its first changed band to its last are
        // what the coder makes its codes from.
        let mut sample = rows.clone();
        let mut changed = vec![false; rows.height];
        for text in &layout::sample(layout) {
            self.draw(text, &mut sample, Some(&mut changed));
        }
        let first = changed.iter().position(|&c| c).unwrap_or(0) / BAND * BAND;
        let last = changed
            .iter()
            .rposition(|&c| c)
            .map_or(0, |y| (y / BAND + 1) * BAND);
        Base::new(rows, sample.raw(first..last))
    }

    /// Sets the logo's shape in white into the top corner the site's name does not start in,
    /// its top at the name's cap height.
    fn draw_logo(&self, logo: &LogoMask, mirrored: bool, rows: &mut Rows) {
        let Some(blends) = self.blends_of(Ink::White) else {
            return;
        };
        let x = if mirrored { 64 } else { WIDTH - 64 - logo.width };
        for y in 0..logo.height {
            rows.paint(i64::from(x), i64::from(40 + y), logo.row(y), |ground, value| {
                blend(blends, ground, value)
            });
        }
    }

    /// The blends of `ink`: its palette index at each coverage level over each palette colour.
    fn blends_of(&self, ink: Ink) -> Option<&[u8]> {
        self.blends
            .get(ink as usize * 16 * LEVELS..(ink as usize + 1) * 16 * LEVELS)
    }

    /// Sets `text` into `rows`, marking the rows it touches in `changed`.
    fn draw(&self, text: &Text, rows: &mut Rows, mut changed: Option<&mut Vec<bool>>) {
        let mut line = self.fonts.shape(&text.text, FONT, text.size, text.bold);
        if line.width > text.room {
            // Whole pixels, at least 14: the text stays legible and the masks few.
            let size = (text.size * text.room / line.width).floor().max(14.0);
            line = self.fonts.shape(&text.text, FONT, size, text.bold);
        }
        let x = match text.anchor {
            Anchor::Start => text.x,
            Anchor::Middle => text.x - line.width / 2.0,
            Anchor::End => text.x - line.width,
        };
        let Some(blends) = self.blends_of(text.ink) else {
            return;
        };
        self.fonts
            .draw(&line, x, text.baseline, |column, row, coverage| {
                // The table keeps a pixel without coverage as it was and makes a fully covered
                // one the ink itself.
                let painted = rows.paint(column.into(), row.into(), coverage, |ground, value| {
                    blend(blends, ground, value)
                });
                let flag = usize::try_from(row)
                    .ok()
                    .and_then(|y| changed.as_mut().and_then(|c| c.get_mut(y)));
                if let (true, Some(flag)) = (painted, flag) {
                    *flag = true;
                }
            });
    }
}

/// The palette index a pixel of colour `ground` takes under ink of `coverage` (0 to 255), from
/// the ink's `blends`: no coverage keeps the pixel, full coverage makes it the ink.
fn blend(blends: &[u8], ground: u8, coverage: u8) -> u8 {
    blends
        .get(usize::from(ground) * LEVELS + usize::from(coverage >> 2))
        .copied()
        .unwrap_or(ground)
}

/// A thread's last card: its pixels, the rows its own text changed, and the base it was drawn
/// over.
struct Scratch {
    base: Arc<Base>,
    rows: Rows,
    changed: Vec<bool>,
}

impl Scratch {
    /// Back to the plain base.
    fn restore(&mut self) {
        for (y, changed) in self.changed.iter_mut().enumerate() {
            if *changed {
                self.rows.copy_row(&self.base.rows, y);
                *changed = false;
            }
        }
    }
}

/// The card's shapes: the background, the stripe at the bottom and, with an award, the seal.
fn shapes_svg(seal: bool, mirrored: bool, c: &CardColours) -> String {
    let hex = |[r, g, b]: [u8; 3]| format!("#{r:02X}{g:02X}{b:02X}");
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\">\
         <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"{}\"/>\
         <rect y=\"{}\" width=\"{WIDTH}\" height=\"12\" fill=\"{}\"/>",
        hex(c.background),
        HEIGHT - 12,
        hex(c.gold)
    );
    if seal {
        svg.push_str(&format!(
            "<circle cx=\"{}\" cy=\"300\" r=\"150\" fill=\"{}\" stroke=\"{}\" stroke-width=\"8\"/>",
            if mirrored { WIDTH - 990 } else { 990 },
            hex(c.seal),
            hex(c.gold)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card that shows every colour a card can have: the seal, the subline, the figures.
    fn company_card() -> Card {
        Card {
            kicker: "Most Customer-Oriented Service Providers 2026".into(),
            headline: "Bergmann & Söhne Versicherung".into(),
            subline: "Retail".into(),
            figures: vec![
                ("Rank".into(), "2".into()),
                ("Score".into(), "97.7".into()),
                ("Sector rank".into(), "1 of 9".into()),
            ],
            list: Vec::new(),
            award: Some(("Sector winner".into(), "2026".into())),
            right_to_left: false,
        }
    }

    fn renderer() -> PreviewRenderer {
        PreviewRenderer::new(
            &[
                include_bytes!("../../../themes/default/fonts/DejaVuSans.ttf").to_vec(),
                include_bytes!("../../../themes/default/fonts/DejaVuSans-Bold.ttf").to_vec(),
            ],
            CardColours::default(),
        )
    }

    /// The RGB pixels of a PNG.
    fn pixels(png: &[u8]) -> Vec<[u8; 3]> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        buffer.chunks(3).map(|p| [p[0], p[1], p[2]]).collect()
    }

    #[test]
    fn long_headlines_wrap_and_are_clipped() {
        let card = Card {
            headline: "Bergmann & Söhne Versicherung Aktiengesellschaft für Alles".into(),
            figures: vec![("Rank".into(), "3".into())],
            ..company_card()
        };
        let layout = layout(&card);
        let headline: Vec<&Text> = layout.varying.iter().filter(|t| t.size == 58.0).collect();
        assert_eq!(headline.len(), 2, "{layout:?}");
        assert!(headline[1].text.ends_with('…'), "{layout:?}");
        // The kicker, the label and the seal's lines are shared; the name and figures are not.
        let fixed: Vec<&str> = layout.fixed.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            fixed,
            [
                "Most Customer-Oriented Service Providers 2026",
                "Rank",
                "Sector winner",
                "2026"
            ]
        );
    }

    #[test]
    fn a_card_is_a_four_bit_png_under_20_kilobytes_and_always_the_same() {
        let renderer = renderer();
        let card = company_card();
        let png = renderer.png(&card).unwrap();
        assert_eq!(
            (png[24], png[25]),
            (4, 3),
            "bit depth 4, colour type 3 (indexed)"
        );
        assert!(png.len() < 20_000, "{} bytes", png.len());
        // The same card is the same file: drawn again, drawn after another card over the same
        // base, and drawn by a renderer that drew nothing before.
        assert_eq!(png, renderer.png(&card).unwrap());
        let other = Card {
            headline: "Sentinel".into(),
            figures: vec![
                ("Rank".into(), "1".into()),
                ("Score".into(), "97.8".into()),
                ("Sector rank".into(), "2 of 9".into()),
            ],
            ..card.clone()
        };
        let other_png = renderer.png(&other).unwrap();
        assert_ne!(png, other_png);
        assert_eq!(png, renderer.png(&card).unwrap());
        assert_eq!(png, self::renderer().png(&card).unwrap());
        // Cards differ only in the rows of their own text: the kicker's rows are the same.
        let (a, b) = (pixels(&png), pixels(&other_png));
        let row =
            |p: &[[u8; 3]], y: usize| p[y * WIDTH as usize..(y + 1) * WIDTH as usize].to_vec();
        for y in 0..110 {
            assert_eq!(row(&a, y), row(&b, y), "row {y}");
        }
        assert_ne!(row(&a, 185), row(&b, 185));
    }

    /// The same card drawn by resvg from SVG text, as cards were drawn before: the glyph
    /// drawing must put every letter where resvg puts it.
    fn card_through_svg(card: &Card) -> Vec<[u8; 3]> {
        let layout = layout(card);
        let mut svg = shapes_svg(layout.seal, layout.mirrored, &CardColours::default());
        svg.truncate(svg.len() - "</svg>".len());
        for text in layout.texts() {
            let [r, g, b] = palette(&CardColours::default())[text.ink as usize];
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" font-family=\"{FONT}\" font-size=\"{}\" font-weight=\"{}\" text-anchor=\"{}\" fill=\"#{r:02X}{g:02X}{b:02X}\">{}</text>",
                text.x,
                text.baseline,
                text.size,
                if text.bold { "bold" } else { "normal" },
                match text.anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                },
                crate::escape::escape_xml(&text.text)
            ));
        }
        svg.push_str("</svg>");
        let mut database = usvg::fontdb::Database::new();
        database.load_font_data(
            include_bytes!("../../../themes/default/fonts/DejaVuSans.ttf").to_vec(),
        );
        database.load_font_data(
            include_bytes!("../../../themes/default/fonts/DejaVuSans-Bold.ttf").to_vec(),
        );
        let options = usvg::Options {
            fontdb: Arc::new(database),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&svg, &options).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap();
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        pixmap
            .data()
            .chunks(4)
            .map(|p| [p[0], p[1], p[2]])
            .collect()
    }

    #[test]
    fn a_long_label_is_set_smaller_so_that_it_stays_in_its_column() {
        let renderer = renderer();
        let card = Card {
            figures: vec![
                ("Gerankte Unternehmen".into(), "90".into()),
                ("Kundenurteile".into(), "5.356".into()),
            ],
            award: None,
            ..company_card()
        };
        let png = pixels(&renderer.png(&card).unwrap());
        // The gap between the two labels' columns (x 340 to 364) holds no text.
        for y in 470..510 {
            for x in 340..364 {
                assert_eq!(png[y * WIDTH as usize + x], CardColours::default().background, "x {x}, y {y}");
            }
        }
    }

    #[test]
    fn a_right_to_left_card_is_the_mirror_image() {
        let renderer = renderer();
        let rtl = pixels(
            &renderer
                .png(&Card {
                    right_to_left: true,
                    ..company_card()
                })
                .unwrap(),
        );
        let at = |x: usize, y: usize| rtl[y * WIDTH as usize + x];
        // The seal is on the left, its middle at 210: its ring crosses row 300 near x 60.
        assert!((50..75).any(|x| at(x, 300) == CardColours::default().gold));
        assert!((1125..1150).all(|x| at(x, 300) == CardColours::default().background));
        // The name ends 64 pixels from the right edge and starts right of the seal.
        let ink =
            |x: std::ops::Range<usize>| (150..215).any(|y| x.clone().any(|x| at(x, y) == CardColours::default().white));
        assert!(ink(1100..1136));
        assert!(!ink(1137..1200));
        assert!(!ink(0..370));
    }

    #[test]
    fn glyphs_land_where_resvg_puts_them() {
        let renderer = renderer();
        for card in [
            company_card(),
            Card {
                headline: "שופרסל דיל".into(),
                subline: "קמעונאות".into(),
                award: None,
                ..company_card()
            },
            Card {
                headline: "שופרסל דיל".into(),
                right_to_left: true,
                ..company_card()
            },
        ] {
            let ours = pixels(&renderer.png(&card).unwrap());
            let theirs = card_through_svg(&card);
            // Only text edges may differ, and by a shade: a letter a pixel off, at the wrong
            // size, or mirrored would differ by whole strokes.
            let far = ours
                .iter()
                .zip(&theirs)
                .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 100))
                .count();
            let inked = theirs.iter().filter(|p| **p == CardColours::default().white).count();
            assert!(inked > 10_000, "{inked} white pixels");
            assert!(far * 50 < inked, "{far} pixels far off, of {inked} inked");
        }
    }
}
