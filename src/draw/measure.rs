//! Widths of SVG text as a browser may draw it, for text that must stay inside its picture
//! (seals, chart legends). Measured with DejaVu Sans, which is as wide as or wider than the faces
//! browsers pick for `sans-serif` (Liberation Sans, Arial, Helvetica, DejaVu Sans itself): text
//! measured to fit fits wherever it is shown.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

const REGULAR: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../themes/default/fonts/DejaVuSans-Bold.ttf");

/// The width of `text` at font size `size`, in the same units. A character the face has no
/// glyph for counts as an em (as wide as a CJK ideograph).
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let face = if bold { &faces().1 } else { &faces().0 };
    text.chars().map(|c| face.advance(c)).sum::<f32>() * size
}

/// A face's advances in ems, looked up once for the first `TABLED` code points (Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic): every chart label is measured, twice a chart.
struct Face {
    font: Option<skrifa::FontRef<'static>>,
    tabled: Vec<f32>,
}

const TABLED: u32 = 0x800;

#[cfg(test)]
thread_local! {
    /// Characters measured on this thread: the tests count the work of fitting a text.
    static MEASURED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Face {
    fn new(data: &'static [u8]) -> Face {
        let font = skrifa::FontRef::new(data).ok();
        let mut face = Face {
            font,
            tabled: Vec::new(),
        };
        face.tabled = (0..TABLED)
            .map(|code| char::from_u32(code).map_or(1.0, |c| face.looked_up(c)))
            .collect();
        face
    }

    fn advance(&self, c: char) -> f32 {
        #[cfg(test)]
        MEASURED.with(|count| count.set(count.get() + 1));
        self.tabled
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| self.looked_up(c))
    }

    fn looked_up(&self, c: char) -> f32 {
        let Some(font) = &self.font else {
            return 1.0;
        };
        font.charmap()
            .map(c)
            .and_then(|glyph| {
                font.glyph_metrics(Size::new(1.0), LocationRef::default())
                    .advance_width(glyph)
            })
            .unwrap_or(1.0)
    }
}

fn faces() -> &'static (Face, Face) {
    static FACES: std::sync::OnceLock<(Face, Face)> = std::sync::OnceLock::new();
    FACES.get_or_init(|| (Face::new(REGULAR), Face::new(BOLD)))
}

/// `text` whole if it fits in `room` at `size`, else cut to the longest start that fits with
/// "…" after it (just "…" if nothing does). One pass over the text, however long: the widths
/// of its starts only grow, so the first character that does not fit ends it.
pub fn fit(text: &str, size: f32, bold: bool, room: f32) -> String {
    if width(text, size, bold) <= room {
        return text.to_string();
    }
    let face = if bold { &faces().1 } else { &faces().0 };
    let ellipsis = face.advance('…');
    // At most all but the last two characters are kept, as a cut always dropped two or more.
    let most = text.chars().count().saturating_sub(2);
    let mut ems = 0.0;
    let mut end = 0;
    for (at, c) in text.char_indices().take(most) {
        let next = ems + face.advance(c);
        if (next + ellipsis) * size > room {
            break;
        }
        ems = next;
        end = at + c.len_utf8();
    }
    match text.get(..end) {
        Some(start) if !start.is_empty() => format!("{start}…"),
        _ => "…".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_with_its_face_and_cut_to_fit() {
        // DejaVu Sans: "M" is 0.863 em, "i" 0.278; bold is wider.
        assert!((width("Mi", 100.0, false) - 114.1).abs() < 0.5);
        assert!(width("Mi", 100.0, true) > width("Mi", 100.0, false));
        assert_eq!(width("中", 10.0, false), 10.0);
        let cut = fit(
            "Banks, building societies and savings institutions",
            14.5,
            false,
            150.0,
        );
        assert!(
            cut.ends_with('…') && width(&cut, 14.5, false) <= 150.0,
            "{cut}"
        );
        assert_eq!(fit("Banks", 14.5, false, 150.0), "Banks");
        // The longest start that fits: one more character would not.
        let cut = fit(&"Mi".repeat(50), 10.0, false, 200.0);
        let kept = cut.trim_end_matches('…');
        assert!(width(&cut, 10.0, false) <= 200.0);
        let longer: String = "Mi"
            .repeat(50)
            .chars()
            .take(kept.chars().count() + 1)
            .collect();
        assert!(width(&format!("{longer}…"), 10.0, false) > 200.0, "{cut}");
    }

    /// A name of thousands of characters is cut to what fits, as a short one is, measuring each
    /// character at most a few times: cutting was quadratic (every shorter start measured
    /// again), 12.5 million measurements for a name of 5,000 characters; the time is in
    /// benches/hostile.sh.
    #[test]
    fn a_very_long_name_is_cut_to_the_longest_start_that_fits_in_linear_work() {
        let name = "東京海上日動火災保険".repeat(500);
        MEASURED.with(|count| count.set(0));
        let cut = fit(&name, 14.0, false, 300.0);
        let measured = MEASURED.with(std::cell::Cell::get);
        assert!(measured <= 3 * 5_000, "{measured} characters measured");
        assert!(width(&cut, 14.0, false) <= 300.0);
        let kept = cut.trim_end_matches('…').chars().count();
        let longer: String = name.chars().take(kept + 1).collect();
        assert!(width(&format!("{longer}…"), 14.0, false) > 300.0);
    }
}
