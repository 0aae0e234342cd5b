//! The charts' SVG, written compactly: a plotters drawing backend that states once, on the root,
//! what most elements share (the font, its size, the ink colour as `currentColor`) and leaves
//! out every attribute equal to its default, and that joins consecutive strokes of one style
//! (grid lines, an axis and its ticks, a whisker and its caps) into one `<path>`: texts drawn
//! in such a run (the ticks' labels) are written after its path, so they lie on top of it.
//! Filled shapes (a marker's diamond) are paths of relative steps. plotters still lays the charts
//! out (its default text measure is kept, so every position is the one its own SVG backend
//! gives); only the writing differs. A chart's SVG is about half the size it had through
//! plotters' SVG backend, which matters at 10,000 pages with four drawings each.

use std::fmt::Write as _;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// The chart's ink (text, axes, whiskers): drawn as `currentColor`, so that an inline chart
/// follows the page's light or dark text colour.
const INK: (u8, u8, u8) = (0, 0, 0);

/// How a run of strokes looks: joined into one path while it stays the same.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Stroke {
    colour: (u8, u8, u8),
    alpha: f64,
    width: u32,
}

/// A plotters backend writing compact SVG into a string.
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The font size set on the root, in SVG units; texts of this size do not repeat it.
    font_size: f64,
    /// The strokes not yet written: their style and path data.
    pending: Option<(Stroke, String)>,
    /// Texts drawn while strokes were pending, written after their path: a run of ticks and
    /// their labels becomes one path and its labels, the labels on top.
    held: String,
    closed: bool,
}

impl<'a> CompactSvg<'a> {
    /// Starts the drawing: the root element with the font family and size (a plotters font
    /// size) every text uses unless it says otherwise, and the ink as the fill.
    pub fn new(out: &'a mut String, size: (u32, u32), family: &str, font: u32) -> Self {
        let font_size = plotters_size(font);
        let _ = write!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{family}\" font-size=\"",
            w = size.0,
            h = size.1,
        );
        push_number(out, font_size);
        out.push_str("\" fill=\"currentColor\">");
        CompactSvg {
            out,
            size,
            font_size: rounded(font_size),
            pending: None,
            held: String::new(),
            closed: false,
        }
    }

    /// Adds a stroke from `points` to the path of its style, writing out the path of another
    /// style first.
    fn stroke(&mut self, style: Stroke, points: impl IntoIterator<Item = BackendCoord>) {
        if self.pending.as_ref().is_some_and(|(s, _)| *s != style) {
            self.flush();
        }
        let (_, data) = self.pending.get_or_insert_with(|| (style, String::new()));
        let mut last: Option<BackendCoord> = None;
        for (x, y) in points {
            let _ = match last {
                None => write!(data, "M{x} {y}"),
                Some((lx, _)) if lx == x => write!(data, "V{y}"),
                Some((_, ly)) if ly == y => write!(data, "H{x}"),
                Some(_) => write!(data, "L{x} {y}"),
            };
            last = Some((x, y));
        }
    }

    /// Writes the pending strokes as one path, then the texts held meanwhile.
    fn flush(&mut self) {
        if let Some((style, data)) = self.pending.take()
            && !data.is_empty()
        {
            self.out.push_str("\n<path fill=\"none\"");
            self.outline(style);
            let _ = write!(self.out, " d=\"{data}\"/>");
        }
        self.out.push_str(&self.held);
        self.held.clear();
    }

    /// ` name="colour"`, and the opacity when the colour is not opaque.
    fn paint(&mut self, name: &str, colour: (u8, u8, u8), alpha: f64) {
        if colour == INK {
            let _ = write!(self.out, " {name}=\"currentColor\"");
        } else {
            let (r, g, b) = colour;
            let _ = write!(self.out, " {name}=\"#{r:02X}{g:02X}{b:02X}\"");
        }
        if alpha < 1.0 {
            // Two decimals: plotters' opacities are such fractions (0.15).
            let text = format!("{alpha:.2}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            let _ = write!(self.out, " opacity=\"{text}\"");
        }
    }

    /// A stroke's colour, opacity and width (left out when 1, the default).
    fn outline(&mut self, style: Stroke) {
        self.paint("stroke", style.colour, style.alpha);
        if style.width != 1 {
            let _ = write!(self.out, " stroke-width=\"{}\"", style.width);
        }
    }

    /// A filled shape's fill: left out for the ink, which the root sets.
    fn fill(&mut self, colour: BackendColor) {
        if colour.rgb != INK || colour.alpha < 1.0 {
            self.paint("fill", colour.rgb, colour.alpha);
        }
    }

    /// ` d="…"` of a closed shape through `path`: its first point, then each next one relative
    /// to the one before (the shortest numbers for a small shape such as a marker's diamond),
    /// a minus sign standing in for a separating space.
    fn outline_data(&mut self, path: impl IntoIterator<Item = BackendCoord>) {
        self.out.push_str(" d=\"");
        let mut last: Option<BackendCoord> = None;
        for (index, (x, y)) in path.into_iter().enumerate() {
            let _ = match last {
                None => write!(self.out, "M{x} {y}"),
                Some((lx, ly)) => {
                    let (dx, dy) = (x - lx, y - ly);
                    if index == 1 {
                        self.out.push('l');
                    } else if dx >= 0 {
                        self.out.push(' ');
                    }
                    let separator = if dy < 0 { "" } else { " " };
                    write!(self.out, "{dx}{separator}{dy}")
                }
            };
            last = Some((x, y));
        }
        if last.is_some() {
            self.out.push('z');
        }
        self.out.push('"');
    }
}

/// The SVG font size plotters uses for a font of size `font` (its SVG backend divides by 1.24).
pub(super) fn plotters_size(font: u32) -> f64 {
    f64::from(font) / 1.24
}

/// One decimal: finer than a screen shows.
fn rounded(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `value` to one decimal, without a trailing `.0`.
fn push_number(out: &mut String, value: f64) {
    let value = rounded(value);
    if value.fract() == 0.0 {
        let _ = write!(out, "{value:.0}");
    } else {
        let _ = write!(out, "{value:.1}");
    }
}

/// Writing into a `String` cannot fail.
type Result = std::result::Result<(), DrawingErrorKind<std::convert::Infallible>>;

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }

    fn present(&mut self) -> Result {
        if !self.closed {
            self.flush();
            self.out.push_str("\n</svg>");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Result {
        if colour.alpha > 0.0 {
            self.flush();
            let _ = write!(
                self.out,
                "\n<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\""
            );
            self.fill(colour);
            self.out.push_str("/>");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        if !fill {
            let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
            return self.draw_path(corners, style);
        }
        self.flush();
        let _ = write!(
            self.out,
            "\n<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\"",
            x1 - x0,
            y1 - y0
        );
        self.fill(colour);
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let colour = style.color();
        if colour.alpha > 0.0 {
            let stroke = Stroke {
                colour: colour.rgb,
                alpha: colour.alpha,
                width: style.stroke_width(),
            };
            self.stroke(stroke, path);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        let colour = style.color();
        if colour.alpha > 0.0 {
            self.flush();
            self.out.push_str("\n<path");
            self.fill(colour);
            self.outline_data(path);
            self.out.push_str("/>");
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        self.flush();
        let _ = write!(self.out, "\n<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
        if fill {
            self.fill(colour);
        } else {
            self.out.push_str(" fill=\"none\"");
            self.outline(Stroke {
                colour: colour.rgb,
                alpha: colour.alpha,
                width: style.stroke_width(),
            });
        }
        self.out.push_str("/>");
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let start = self.out.len();
        let _ = write!(self.out, "\n<text x=\"{x}\" y=\"{y}\"");
        // The same vertical anchors as plotters' SVG backend.
        self.out.push_str(match style.anchor().v_pos {
            VPos::Top => " dy=\"0.76em\"",
            VPos::Center => " dy=\"0.5ex\"",
            VPos::Bottom => " dy=\"-0.5ex\"",
        });
        match style.anchor().h_pos {
            HPos::Left => {}
            HPos::Center => self.out.push_str(" text-anchor=\"middle\""),
            HPos::Right => self.out.push_str(" text-anchor=\"end\""),
        }
        let size = rounded(style.size() / 1.24);
        if size != self.font_size {
            self.out.push_str(" font-size=\"");
            push_number(self.out, size);
            self.out.push('"');
        }
        self.fill(colour);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.out.push_str(" font-weight=\"bold\""),
            FontStyle::Italic => self.out.push_str(" font-style=\"italic\""),
            FontStyle::Oblique => self.out.push_str(" font-style=\"oblique\""),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        if degrees != 0 {
            let _ = write!(self.out, " transform=\"rotate({degrees} {x} {y})\"");
        }
        self.out.push('>');
        self.out.push_str(&crate::escape::escape_xml(text));
        self.out.push_str("</text>");
        if self.pending.is_some() {
            let text = self.out.split_off(start);
            self.held.push_str(&text);
        }
        Ok(())
    }
}
