//! The charts' SVG, written compactly: a plotters drawing backend that states once, on the root,
//! what most elements share (the font, its size, the ink colour as `currentColor`) and leaves
//! out every attribute equal to its default. Consecutive marks of one look become one `<path>`:
//! strokes of one style (grid lines, an axis and its ticks, a whisker and its caps, the sector
//! averages' marks) and opaque shapes of one colour (bars, diamonds, points), each shape a
//! closed run of relative steps. Texts drawn while such a run is open are written after its
//! path, so they lie on top of it; consecutive texts of one alignment share a `<g>` that states
//! it, and each text's vertical anchor is part of its `y`. plotters still lays the charts out
//! (its default text measure is kept, so every position is the one its own SVG backend gives);
//! only the writing differs. A chart's SVG is well under half the size it had through plotters'
//! SVG backend, which matters at 10,000 pages with four drawings each.

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

/// The look of a run of marks written as one path: a stroke, or an opaque fill (translucent
/// shapes stay apart, so that where they overlap reads darker).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Run {
    Stroke(Stroke),
    Fill((u8, u8, u8)),
}

/// A text's horizontal alignment, stated once by the `<g>` around consecutive texts sharing it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Start,
    Middle,
    End,
}

/// A plotters backend writing compact SVG into a string.
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The font size set on the root, in SVG units; texts of this size do not repeat it.
    font_size: f64,
    /// The marks not yet written: their look and path data.
    pending: Option<(Run, String)>,
    /// Texts drawn while marks were pending, written after their path: a run of ticks and
    /// their labels becomes one path and its labels, the labels on top.
    held: String,
    /// The alignment stated by the open `<g>` (`Start`, the default, needs none).
    align: Align,
    closed: bool,
    /// Drawn for a right-to-left page: every x mirrored about the middle, and the text's
    /// direction right to left, so that a text anchored at its start now runs leftwards from
    /// it (the anchors need no change) and the bidirectional order of a label ("95 % interval")
    /// is the page's.
    mirror: bool,
}

impl<'a> CompactSvg<'a> {
    /// Starts the drawing: the root element with the font family and size (a plotters font
    /// size) every text uses unless it says otherwise, and the ink as the fill.
    pub fn new(
        out: &'a mut String,
        size: (u32, u32),
        family: &str,
        font: u32,
        mirror: bool,
    ) -> Self {
        let font_size = plotters_size(font);
        let _ = write!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             xmlns=\"http://www.w3.org/2000/svg\" font-family=\"{family}\" font-size=\"",
            w = size.0,
            h = size.1,
        );
        push_number(out, font_size);
        out.push_str("\" fill=\"currentColor\"");
        if mirror {
            out.push_str(" direction=\"rtl\"");
        }
        out.push('>');
        CompactSvg {
            out,
            size,
            font_size: rounded(font_size),
            pending: None,
            held: String::new(),
            align: Align::Start,
            closed: false,
            mirror,
        }
    }

    /// Where `x` is drawn: mirrored about the middle for a right-to-left page.
    fn x(&self, x: i32) -> i32 {
        if self.mirror {
            self.size.0 as i32 - x
        } else {
            x
        }
    }

    /// The path data of the run `run`, after writing out a pending run of another look.
    fn run(&mut self, run: Run) -> &mut String {
        if self.pending.as_ref().is_some_and(|(r, _)| *r != run) {
            self.flush();
        }
        &mut self.pending.get_or_insert_with(|| (run, String::new())).1
    }

    /// Adds a stroke from `points` to the path of its style, writing out the path of another
    /// style first.
    fn stroke(&mut self, style: Stroke, points: impl IntoIterator<Item = BackendCoord>) {
        let data = self.run(Run::Stroke(style));
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

    /// Adds a filled shape to the path of its colour when it is opaque; a translucent one is
    /// written as a path of its own.
    fn shape(&mut self, colour: BackendColor, outline: impl FnOnce(&mut String)) {
        if colour.alpha >= 1.0 {
            outline(self.run(Run::Fill(colour.rgb)));
        } else {
            self.flush();
            self.out.push_str("\n<path");
            fill(self.out, colour);
            self.out.push_str(" d=\"");
            outline(self.out);
            self.out.push_str("\"/>");
        }
    }

    /// Writes the pending marks as one path, then the texts held meanwhile.
    fn flush(&mut self) {
        if let Some((run, data)) = self.pending.take()
            && !data.is_empty()
        {
            self.out.push_str("\n<path");
            match run {
                Run::Stroke(style) => {
                    self.out.push_str(" fill=\"none\"");
                    self.outline(style);
                }
                Run::Fill(colour) => fill(
                    self.out,
                    BackendColor {
                        alpha: 1.0,
                        rgb: colour,
                    },
                ),
            }
            let _ = write!(self.out, " d=\"{data}\"/>");
        }
        self.out.push_str(&self.held);
        self.held.clear();
    }

    /// A stroke's colour, opacity and width (left out when 1, the default).
    fn outline(&mut self, style: Stroke) {
        paint(self.out, "stroke", style.colour, style.alpha);
        if style.width != 1 {
            let _ = write!(self.out, " stroke-width=\"{}\"", style.width);
        }
    }

    /// Opens a `<g>` stating `align` for the texts that follow, closing the one before.
    fn align(&mut self, align: Align) -> String {
        let mut tags = String::new();
        if align != self.align {
            if self.align != Align::Start {
                tags.push_str("\n</g>");
            }
            match align {
                Align::Start => {}
                Align::Middle => tags.push_str("\n<g text-anchor=\"middle\">"),
                Align::End => tags.push_str("\n<g text-anchor=\"end\">"),
            }
            self.align = align;
        }
        tags
    }
}

/// ` name="colour"`, and the opacity when the colour is not opaque.
fn paint(out: &mut String, name: &str, colour: (u8, u8, u8), alpha: f64) {
    if colour == INK {
        let _ = write!(out, " {name}=\"currentColor\"");
    } else {
        let (r, g, b) = colour;
        let _ = write!(out, " {name}=\"#{r:02X}{g:02X}{b:02X}\"");
    }
    if alpha < 1.0 {
        // Two decimals: plotters' opacities are such fractions (0.15).
        let text = format!("{alpha:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let _ = write!(out, " opacity=\"{text}\"");
    }
}

/// ` fill="colour"` of a shape or text, left out for the ink, which the root sets.
fn fill(out: &mut String, colour: BackendColor) {
    if colour.rgb != INK || colour.alpha < 1.0 {
        paint(out, "fill", colour.rgb, colour.alpha);
    }
}

/// Path data of a closed shape through `path`: its first point, then each next one relative to
/// the one before (the shortest numbers for a small shape such as a marker's diamond), a minus
/// sign standing in for a separating space.
fn polygon_data(data: &mut String, path: impl IntoIterator<Item = BackendCoord>) {
    let mut last: Option<BackendCoord> = None;
    for (index, (x, y)) in path.into_iter().enumerate() {
        let _ = match last {
            None => write!(data, "M{x} {y}"),
            Some((lx, ly)) => {
                let (dx, dy) = (x - lx, y - ly);
                if index == 1 {
                    data.push('l');
                } else if dx >= 0 {
                    data.push(' ');
                }
                let separator = if dy < 0 { "" } else { " " };
                write!(data, "{dx}{separator}{dy}")
            }
        };
        last = Some((x, y));
    }
    if last.is_some() {
        data.push('z');
    }
}

/// Path data of a filled rectangle, clockwise like the other shapes, so that shapes of one path
/// overlapping each other fill as one.
fn rect_data(data: &mut String, (x0, y0): BackendCoord, (x1, y1): BackendCoord) {
    let (left, right) = (x0.min(x1), x0.max(x1));
    let (top, bottom) = (y0.min(y1), y0.max(y1));
    let _ = write!(data, "M{left} {top}H{right}V{bottom}H{left}z");
}

/// Path data of a circle: two half arcs, clockwise, from its leftmost point.
fn circle_data(data: &mut String, (x, y): BackendCoord, radius: u32) {
    let r = radius;
    let d = 2 * radius;
    let _ = write!(
        data,
        "M{left} {y}a{r} {r} 0 0 1 {d} 0a{r} {r} 0 0 1-{d} 0z",
        left = x - radius as i32
    );
}

/// How far below its anchor a text's baseline lies, in units of its size, for plotters' three
/// vertical anchors: the cap height (0.76 em) for the top, half an x-height (0.26 em, the
/// x-height of the common sans-serif faces being about 0.52 em) for the centre, and half an
/// x-height above for the bottom.
fn baseline_offset(v_pos: VPos, size: f64) -> i32 {
    let em = match v_pos {
        VPos::Top => 0.76,
        VPos::Center => 0.26,
        VPos::Bottom => -0.26,
    };
    (em * size).round() as i32
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
            let close = self.align(Align::Start);
            self.out.push_str(&close);
            self.out.push_str("\n</svg>");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Result {
        if colour.alpha > 0.0 {
            let (left, right) = (self.x(x), self.x(x + 1));
            self.shape(colour, |data| rect_data(data, (left, y), (right, y + 1)));
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
        let (x0, x1) = (self.x(x0), self.x(x1));
        self.shape(colour, |data| rect_data(data, (x0, y0), (x1, y1)));
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
            let points: Vec<BackendCoord> =
                path.into_iter().map(|(x, y)| (self.x(x), y)).collect();
            self.stroke(stroke, points);
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
            // Mirrored, a shape's points run the other way round: reversed, every shape of a
            // path still winds clockwise, so that overlapping ones fill as one.
            let mut points: Vec<BackendCoord> =
                path.into_iter().map(|(x, y)| (self.x(x), y)).collect();
            if self.mirror {
                points.reverse();
            }
            self.shape(colour, |data| polygon_data(data, points));
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        centre: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        let colour = style.color();
        if colour.alpha == 0.0 {
            return Ok(());
        }
        let centre = (self.x(centre.0), centre.1);
        if fill {
            self.shape(colour, |data| circle_data(data, centre, radius));
        } else {
            let stroke = Stroke {
                colour: colour.rgb,
                alpha: colour.alpha,
                width: style.stroke_width(),
            };
            let data = self.run(Run::Stroke(stroke));
            circle_data(data, centre, radius);
        }
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
        let x = self.x(x);
        let tags = self.align(match style.anchor().h_pos {
            HPos::Left => Align::Start,
            HPos::Center => Align::Middle,
            HPos::Right => Align::End,
        });
        let size = rounded(style.size() / 1.24);
        let font_size = self.font_size;
        // Written after the pending marks' path when there are any, straight out otherwise.
        let element: &mut String = if self.pending.is_some() {
            &mut self.held
        } else {
            self.out
        };
        element.push_str(&tags);
        // The vertical anchor moves the baseline: along the text's own direction when it is
        // rotated, which a transform about the anchor keeps.
        let baseline = y + baseline_offset(style.anchor().v_pos, size);
        let _ = write!(element, "\n<text x=\"{x}\" y=\"{baseline}\"");
        if size != font_size {
            element.push_str(" font-size=\"");
            push_number(element, size);
            element.push('"');
        }
        fill(element, colour);
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => element.push_str(" font-weight=\"bold\""),
            FontStyle::Italic => element.push_str(" font-style=\"italic\""),
            FontStyle::Oblique => element.push_str(" font-style=\"oblique\""),
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        if degrees != 0 {
            let _ = write!(element, " transform=\"rotate({degrees} {x} {y})\"");
        }
        element.push('>');
        element.push_str(&crate::escape::escape_xml(text));
        element.push_str("</text>");
        Ok(())
    }
}
