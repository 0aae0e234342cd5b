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
    type Face = Option<skrifa::FontRef<'static>>;
    static FACES: std::sync::OnceLock<(Face, Face)> = std::sync::OnceLock::new();
    let (regular, bold_face) = FACES.get_or_init(|| {
        (
            skrifa::FontRef::new(REGULAR).ok(),
            skrifa::FontRef::new(BOLD).ok(),
        )
    });
    let Some(face) = (if bold { bold_face } else { regular }) else {
        return text.chars().count() as f32 * size;
    };
    let charmap = face.charmap();
    let metrics = face.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .unwrap_or(size)
        })
        .sum()
}

/// `text` whole if it fits in `room` at `size`, else cut to the longest start that fits with
/// "…" after it (just "…" if nothing does).
pub fn fit(text: &str, size: f32, bold: bool, room: f32) -> String {
    if width(text, size, bold) <= room {
        return text.to_string();
    }
    let count = text.chars().count();
    (1..count)
        .rev()
        .map(|n| crate::model::text::clip(text, n))
        .find(|clipped| width(clipped, size, bold) <= room)
        .unwrap_or_else(|| "…".to_string())
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
    }
}
