//! Dot plots: one dot per row on an axis zoomed to where the values lie, each with its interval
//! as a whisker. Bars must start at zero to be read by their length, so values that lie close
//! together (sector averages between 65 and 73, the top of a ranking within five points) are
//! drawn as dots, where the differences show and no length is implied. A key above the plot
//! names every colour and mark it uses.

use super::*;

/// How a row's dot looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotLook {
    /// A filled dot in the main colour.
    Plain,
    /// A filled dot in the highlight colour (the leading sector).
    Leading,
    /// A ring in the main colour: a row that cannot lead (too few companies).
    Hollow,
}

/// One row of a dot plot.
#[derive(Debug, Clone)]
pub struct Dot {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub interval: Option<Interval>,
    pub look: DotLook,
    /// The row is shaded: it shares its place with the rows next to it that are shaded too.
    pub shaded: bool,
}

/// A mark the key explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMark {
    Dot(DotLook),
    Whisker,
    /// The reference line (an average over all rows).
    Reference,
    /// The shading of rows that share a place.
    Shade,
    /// A bar in the highlight colour.
    HighlightBar,
    /// A bar in the main colour.
    Bar,
}

/// One entry of a chart's key: a mark and what it means.
#[derive(Debug, Clone)]
pub struct Key {
    pub mark: KeyMark,
    pub label: String,
}

/// Dots in the given order, top to bottom, with an optional reference line across all rows
/// (its value; its words are one of `keys`). `columns`: the label's, the value's and the
/// interval's headings of the data table.
pub fn dot_plot(
    header: Header,
    dots: &[Dot],
    reference: Option<f64>,
    keys: &[Key],
    columns: [&str; 3],
) -> Result<Chart, ChartError> {
    let svgs = Drawings::Both([
        dot_plot_svg(&WIDE.reading(header.right_to_left), dots, reference, keys)?,
        dot_plot_svg(&NARROW.reading(header.right_to_left), dots, reference, keys)?,
    ]);
    let table = data_table(
        &columns,
        dots.iter()
            .map(|d| (vec![d.label.clone(), d.value_text.clone()], &d.interval)),
    );
    Ok(finish(header, svgs, table))
}

/// The axis of a dot plot: from a multiple of five below every value and interval to one above,
/// at least ten points wide, inside 0 to 100.
pub(super) fn zoomed_axis(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (low, high) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
    if !low.is_finite() {
        return (0.0, 100.0);
    }
    let mut from = (((low - 0.5) / 5.0).floor() * 5.0).max(0.0);
    let mut to = (((high + 0.5) / 5.0).ceil() * 5.0).min(100.0);
    while to - from < 10.0 {
        if to < 100.0 {
            to += 5.0;
        } else if from > 0.0 {
            from -= 5.0;
        } else {
            break;
        }
    }
    (from, to)
}

fn dot_plot_svg(
    g: &Geometry,
    dots: &[Dot],
    reference: Option<f64>,
    keys: &[Key],
) -> Result<String, ChartError> {
    let rows = dots.len().max(1) as u32;
    let key_height = key_height(g, keys);
    let height = rows * g.row_height() + key_height + 40;
    let (from, to) = zoomed_axis(
        dots.iter()
            .flat_map(|d| {
                let (low, high) = d
                    .interval
                    .as_ref()
                    .map_or((d.value, d.value), |(l, h, _)| (*l, *h));
                [d.value, low, high]
            })
            .chain(reference),
    );
    let mut svg = String::with_capacity(SVG_CAPACITY);
    let tips;
    {
        let root = CompactSvg::new(&mut svg, (g.width, height), FONT, g.font, g.mirror).into_drawing_area();
        draw_keys(g, &root, keys)?;
        let mut chart = g
            .bar_chart(&root, key_height, dots.iter().map(|d| d.label.as_str()))
            .build_cartesian_2d(from..to, 0f64..f64::from(rows))
            .map_err(err)?;
        // A label every five points: 65, 70, 75 rather than 66, 68, 70, 72, 74.
        let labels = ((to - from) / 5.0).round() as usize + 1;
        configure_value_axis(g, &mut chart, dots.is_empty(), labels)?;
        tips = row_centres(&chart, rows);
        let slots: Vec<f64> = (0..dots.len()).map(|i| row_slot(rows, i)).collect();
        let middles: Vec<f64> = slots
            .iter()
            .map(|&slot| {
                let (low, high) = g.bar_band(slot);
                (low + high) / 2.0
            })
            .collect();
        for (dot, &slot) in dots.iter().zip(&slots) {
            if dot.shaded {
                chart
                    .plotting_area()
                    .draw(&Rectangle::new(
                        [(from, slot), (to, slot + 1.0)],
                        INK.mix(0.08).filled(),
                    ))
                    .map_err(err)?;
            }
        }
        if let Some(value) = reference {
            let (x, y_top) = chart.backend_coord(&(value.clamp(from, to), f64::from(rows)));
            let (_, y_bottom) = chart.backend_coord(&(value.clamp(from, to), 0.0));
            root.draw(&PathElement::new(
                vec![(x, y_top), (x, y_bottom)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?;
        }
        for (dot, &middle) in dots.iter().zip(&middles) {
            if let Some((low, high, _)) = &dot.interval {
                let left = chart.backend_coord(&(low.clamp(from, to), middle));
                let right = chart.backend_coord(&(high.clamp(from, to), middle));
                whisker(&root, left, right, false)?;
            }
        }
        let radius = if g.narrow { 6 } else { 7 };
        for (dot, &middle) in dots.iter().zip(&middles) {
            let centre = chart.backend_coord(&(dot.value.clamp(from, to), middle));
            draw_dot(&root, centre, radius, dot.look)?;
        }
        for (dot, &middle) in dots.iter().zip(&middles) {
            value_label(g, &root, &chart, &dot.value_text, middle)?;
        }
        for (dot, &slot) in dots.iter().zip(&slots) {
            row_label(g, &root, &chart, &dot.label, slot)?;
        }
        root.present().map_err(err)?;
    }
    Ok(with_tips(svg, 'y', tips.0, tips.1, false))
}

fn draw_dot(
    root: &Area<'_>,
    centre: (i32, i32),
    radius: u32,
    look: DotLook,
) -> Result<(), ChartError> {
    match look {
        DotLook::Plain => root.draw(&Circle::new(centre, radius, PRIMARY.filled())),
        DotLook::Leading => root.draw(&Circle::new(centre, radius, HIGHLIGHT.filled())),
        DotLook::Hollow => root.draw(&Circle::new(
            centre,
            radius - 1,
            PRIMARY.stroke_width(3),
        )),
    }
    .map_err(err)
}

/// Where each key's mark and text go: lines of keys, wrapped before the drawing's right edge.
fn key_layout(g: &Geometry, keys: &[Key]) -> Vec<(i32, i32, String)> {
    let size = super::svg::plotters_size(g.font) as f32;
    let right = g.width as i32 - 8;
    let (mut x, mut y) = (16, 17);
    let mut placed = Vec::with_capacity(keys.len());
    for key in keys {
        let room = (right - 44) as f32;
        let text = crate::draw::measure::fit(&key.label, size, false, room);
        let width = 30 + crate::draw::measure::width(&text, size, false).ceil() as i32;
        if x > 16 && x + width > right {
            x = 16;
            y += 26;
        }
        placed.push((x, y, text));
        x += width + 22;
    }
    placed
}

/// The height the key takes above the plot (none without keys).
pub(super) fn key_height(g: &Geometry, keys: &[Key]) -> u32 {
    key_layout(g, keys)
        .last()
        .map_or(10, |&(_, y, _)| y as u32 + 23)
}

/// The key: each mark drawn as the plot draws it, its words beside it.
pub(super) fn draw_keys(g: &Geometry, root: &Area<'_>, keys: &[Key]) -> Result<(), ChartError> {
    for (key, (x, y, text)) in keys.iter().zip(key_layout(g, keys)) {
        let centre = (x + 10, y);
        match key.mark {
            KeyMark::Dot(look) => draw_dot(root, centre, 6, look)?,
            KeyMark::Whisker => whisker(root, (x, y), (x + 20, y), false)?,
            KeyMark::Reference => root
                .draw(&PathElement::new(
                    vec![(x + 10, y - 10), (x + 10, y + 10)],
                    REFERENCE.stroke_width(3),
                ))
                .map_err(err)?,
            KeyMark::Shade => root
                .draw(&Rectangle::new(
                    [(x, y - 9), (x + 20, y + 9)],
                    INK.mix(0.08).filled(),
                ))
                .map_err(err)?,
            KeyMark::HighlightBar | KeyMark::Bar => {
                let colour = if key.mark == KeyMark::Bar {
                    PRIMARY
                } else {
                    HIGHLIGHT
                };
                root.draw(&Rectangle::new([(x, y - 7), (x + 20, y + 7)], colour.filled()))
                    .map_err(err)?
            }
        }
        root.draw(&Text::new(text, (x + 28, y), label_style(g, HPos::Left)))
            .map_err(err)?;
    }
    Ok(())
}
