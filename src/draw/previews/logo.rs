//! The publisher's logo (`brand: logo:`) on share cards and seals: its shape, scaled to fit a
//! box in the card's top corner (or the seal's top band) and set in white, as a brand mark on a
//! coloured ground is. The cards have sixteen colours, too few for a logo's own; its transparent
//! parts let the ground show through, so a logo drawn on a transparent ground keeps its form.
//! Pure: bytes in, a coverage mask or an embeddable image out.

use crate::diagnostics::{Phrase, as_given};
use resvg::{tiny_skia, usvg};

/// The box a logo is fitted into, in card pixels: as tall as two lines of the site's name.
pub const MAX_WIDTH: u32 = 240;
pub const MAX_HEIGHT: u32 = 72;

/// A logo's coverage, row by row (0: the card shows through, 255: white).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoMask {
    pub width: u32,
    pub height: u32,
    pub coverage: Vec<u8>,
}

impl LogoMask {
    /// The coverage of row `y`.
    pub fn row(&self, y: u32) -> &[u8] {
        let start = (y * self.width) as usize;
        self.coverage
            .get(start..start + self.width as usize)
            .unwrap_or_default()
    }
}

/// The image formats a card can draw a logo from, by the file's name.
pub fn drawable(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".svg") || name.ends_with(".png")
}

/// A logo read once for the seals and the cards: its picture and its size.
pub struct Logo {
    source: Source,
    svg: bool,
    width: f32,
    height: f32,
}

impl Logo {
    /// The logo in `bytes` (an SVG or a PNG file, as `name` says); an error says why it cannot
    /// be drawn. An SVG's text is set in `fonts` (the theme's: no font of the machine is looked
    /// up, so the card is the same wherever it is built).
    pub fn read(name: &str, bytes: &[u8], fonts: &[Vec<u8>]) -> Result<Logo, Why> {
        let svg = name.to_ascii_lowercase().ends_with(".svg");
        let source = if svg {
            let mut options = usvg::Options {
                font_family: super::FONT.to_string(),
                ..usvg::Options::default()
            };
            for font in fonts {
                options.fontdb_mut().load_font_data(font.clone());
            }
            Source::Svg(Box::new(
                usvg::Tree::from_data(bytes, &options).map_err(|e| given(&e))?,
            ))
        } else {
            Source::Pixels(decode_png(bytes)?)
        };
        let (width, height) = source.size();
        if !(width > 0.0 && height > 0.0) {
            return Err(no_size());
        }
        Ok(Logo {
            source,
            svg,
            width,
            height,
        })
    }

    /// The logo's coverage, fitted into [`MAX_WIDTH`] × [`MAX_HEIGHT`] keeping its proportions.
    pub fn mask(&self) -> Result<LogoMask, Why> {
        let scale = (MAX_WIDTH as f32 / self.width).min(MAX_HEIGHT as f32 / self.height);
        let (out_width, out_height) = (
            ((self.width * scale).round() as u32).clamp(1, MAX_WIDTH),
            ((self.height * scale).round() as u32).clamp(1, MAX_HEIGHT),
        );
        let mut pixmap =
            tiny_skia::Pixmap::new(out_width, out_height).ok_or_else(no_size)?;
        let transform = tiny_skia::Transform::from_scale(scale, scale);
        match &self.source {
            Source::Svg(tree) => resvg::render(tree, transform, &mut pixmap.as_mut()),
            Source::Pixels(pixels) => pixmap.draw_pixmap(
                0,
                0,
                pixels.as_ref(),
                &tiny_skia::PixmapPaint {
                    quality: tiny_skia::FilterQuality::Bicubic,
                    ..tiny_skia::PixmapPaint::default()
                },
                transform,
                None,
            ),
        }
        let coverage = pixmap
            .data()
            .chunks_exact(4)
            .map(|p| p.get(3).copied().unwrap_or(0))
            .collect();
        Ok(LogoMask {
            width: out_width,
            height: out_height,
            coverage,
        })
    }

    /// The logo as a seal embeds it: its file `bytes` as a data URI, at the size that fits
    /// [`SEAL_BOX`] keeping its proportions.
    pub fn seal(&self, bytes: &[u8]) -> Result<crate::model::brand::SealLogo, Why> {
        use base64::Engine as _;
        if bytes.len() > MAX_SEAL_LOGO_BYTES {
            let (limit, size) = (
                (MAX_SEAL_LOGO_BYTES / 1024).to_string(),
                bytes.len().div_ceil(1024).to_string(),
            );
            return Err((
                format!("the seals embed a logo of at most {limit} KB; this one is {size} KB"),
                Phrase::new("diag_logo_seal_size", &[("limit", &limit), ("size", &size)]),
            ));
        }
        let scale = (SEAL_BOX.0 / self.width).min(SEAL_BOX.1 / self.height);
        let kind = if self.svg { "image/svg+xml" } else { "image/png" };
        Ok(crate::model::brand::SealLogo {
            uri: format!(
                "data:{kind};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            ),
            width: (self.width * scale * 10.0).round() / 10.0,
            height: (self.height * scale * 10.0).round() / 10.0,
        })
    }
}

/// Why a logo cannot be drawn, in English and as a phrase.
pub type Why = (String, Phrase);

/// A reason in a decoder's own words.
fn given(error: &dyn std::fmt::Display) -> Why {
    let text = error.to_string();
    let phrase = as_given(&text);
    (text, phrase)
}

fn no_size() -> Why {
    (
        "the image has no size".to_string(),
        Phrase::new("diag_logo_no_size", &[]),
    )
}

fn too_large() -> Why {
    (
        "the image is too large".to_string(),
        Phrase::new("diag_logo_too_large", &[]),
    )
}

/// The box a seal's logo is fitted into, in seal units, and the largest file a seal embeds
/// (each of a site's seals carries it, base64: a bigger logo is better made smaller).
pub const SEAL_BOX: (f32, f32) = (170.0, 44.0);
pub const MAX_SEAL_LOGO_BYTES: usize = 32 * 1024;

enum Source {
    Svg(Box<usvg::Tree>),
    Pixels(tiny_skia::Pixmap),
}

impl Source {
    fn size(&self) -> (f32, f32) {
        match self {
            Source::Svg(tree) => (tree.size().width(), tree.size().height()),
            Source::Pixels(pixmap) => (pixmap.width() as f32, pixmap.height() as f32),
        }
    }
}

/// A PNG's alpha as a pixmap (only the shape is drawn), whatever its colour type and depth.
fn decode_png(bytes: &[u8]) -> Result<tiny_skia::Pixmap, Why> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16 | png::Transformations::ALPHA);
    let mut reader = decoder.read_info().map_err(|e| given(&e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(too_large)?;
    if size > 64 * 1024 * 1024 {
        return Err(too_large());
    }
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(|e| given(&e))?;
    let channels = frame.color_type.samples();
    let mut pixmap =
        tiny_skia::Pixmap::new(frame.width, frame.height).ok_or_else(no_size)?;
    let alphas = buffer
        .get(..frame.buffer_size())
        .unwrap_or_default()
        .chunks_exact(channels)
        .map(|pixel| pixel.last().copied().unwrap_or(255));
    for (pixel, alpha) in pixmap.data_mut().chunks_exact_mut(4).zip(alphas) {
        // Premultiplied black: only the alpha counts.
        pixel.copy_from_slice(&[0, 0, 0, alpha]);
    }
    Ok(pixmap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_logo_is_fitted_into_the_box_keeping_its_shape() {
        // A wide logo: a filled left half and an empty right half.
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"><rect width="200" height="100"/></svg>"#;
        let logo = Logo::read("logo.svg", svg, &[]).unwrap().mask().unwrap();
        assert_eq!((logo.width, logo.height), (240, 60));
        let row = logo.row(30);
        assert_eq!(row[10], 255, "the filled half is white");
        assert_eq!(row[230], 0, "the empty half lets the card through");
    }

    #[test]
    fn a_png_logo_keeps_its_transparent_parts() {
        // 2 × 2, grey with alpha: opaque on the left, transparent on the right.
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, 2, 2);
            encoder.set_color(png::ColorType::GrayscaleAlpha);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            writer
                .write_image_data(&[0, 255, 0, 0, 0, 255, 0, 0])
                .unwrap();
        }
        let logo = Logo::read("Logo.PNG", &bytes, &[]).unwrap().mask().unwrap();
        assert_eq!((logo.width, logo.height), (72, 72));
        assert!(logo.row(36)[5] > 200 && logo.row(36)[66] < 50, "{:?}", logo.row(36));
    }

    #[test]
    fn a_seal_embeds_a_small_logo_fitted_into_its_band() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100"/>"#;
        let logo = Logo::read("logo.svg", svg, &[]).unwrap().seal(svg).unwrap();
        assert_eq!((logo.width, logo.height), (170.0, 42.5));
        assert!(logo.uri.starts_with("data:image/svg+xml;base64,PHN2Zy"), "{}", logo.uri);
        let big = [&svg[..], &vec![b' '; MAX_SEAL_LOGO_BYTES]].concat();
        let read = Logo::read("logo.svg", &big, &[]).unwrap();
        assert!(read.seal(&big).unwrap_err().0.contains("at most 32 KB"));
    }

    #[test]
    fn a_broken_file_says_so() {
        assert!(Logo::read("logo.svg", b"<svg", &[]).is_err());
        assert!(Logo::read("logo.png", b"not a png", &[]).is_err());
        assert!(drawable("a/Logo.SVG") && drawable("b.png") && !drawable("c.webp"));
    }
}
