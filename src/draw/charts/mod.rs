//! The charts, drawn with plotters into SVG strings. Pure: every chart takes the numbers and the
//! words to show (already localised and formatted) and returns the SVG together with a data
//! table built from the same values, so that the picture and the table cannot disagree.
//!
//! Colours are from the Okabe–Ito palette (distinguishable with every common colour-vision
//! deficiency), and series differ by shape as well as colour. Text and axes are drawn in
//! `currentColor`, so an inline chart follows the page's light or dark text colour.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::escape::escape_xml;

mod marks;
pub use marks::Interval;
use marks::*;

/// Okabe–Ito blue: the company or the main series.
const PRIMARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito orange: averages and reference values.
const REFERENCE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe–Ito vermillion: the highlighted item in a series.
const HIGHLIGHT: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Drawn as `currentColor` after rendering (see [`finish`]).
const INK: RGBColor = RGBColor(0, 0, 0);

const WIDTH: u32 = 720;
const ROW_HEIGHT: u32 = 30;
const FONT: &str = "sans-serif";

/// A drawn chart with everything needed to show it accessibly.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    /// Unique on its page; prefixes the ids of the SVG's title and description.
    pub id: String,
    pub title: String,
    /// What the chart shows, in a sentence or two, for readers who cannot see it.
    pub description: String,
    pub svg: String,
    pub table: Table,
}

/// The chart's numbers as a table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A problem inside plotters; with an in-memory backend this should not happen.
#[derive(Debug)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing a chart failed: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

/// Starting size of a chart's SVG text: most charts fit, so plotters' many small writes do not
/// regrow the string (measured with `cargo bench --bench micro`: 65 to 58 µs for the criteria
/// chart).
const SVG_CAPACITY: usize = 16 * 1024;

fn err<E: std::fmt::Debug>(error: E) -> ChartError {
    ChartError(format!("{error:?}"))
}

/// Common words of every chart.
#[derive(Debug, Clone)]
pub struct Header {
    pub id: String,
    pub title: String,
    pub description: String,
}

/// One bar of a ranked bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub highlight: bool,
    /// The confidence interval (low, high) and how it reads ("71.3–93.1"), drawn as a whisker.
    pub interval: Option<Interval>,
}

/// Horizontal bars in the given order (a ranking), with an optional reference line such as the
/// sector average. Used for a sector's companies and for the sector comparison.
pub fn ranked_bars(
    header: Header,
    bars: &[Bar],
    reference: Option<(f64, String)>,
    columns: [&str; 3],
) -> Result<Chart, ChartError> {
    let with_intervals = bars.iter().any(|b| b.interval.is_some());
    let rows = bars.len().max(1) as u32;
    let height = rows * ROW_HEIGHT + 70;
    let mut svg = String::with_capacity(SVG_CAPACITY);
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(if reference.is_some() { 28 } else { 10 })
            .margin_right(56)
            .margin_left(8)
            .x_label_area_size(30)
            .y_label_area_size(240)
            .build_cartesian_2d(0f64..100f64, 0f64..f64::from(rows))
            .map_err(err)?;
        configure_value_axis(&mut chart, bars.is_empty())?;
        for (index, bar) in bars.iter().enumerate() {
            let slot = row_slot(rows, index);
            let top = slot + 0.18;
            let bottom = slot + 0.82;
            let colour = if bar.highlight { HIGHLIGHT } else { PRIMARY };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, top), (bar.value.clamp(0.0, 100.0), bottom)],
                    colour.filled(),
                )))
                .map_err(err)?;
            let (mut x_end, y_mid) =
                chart.backend_coord(&(bar.value.clamp(0.0, 100.0), slot + 0.5));
            let (x_start, _) = chart.backend_coord(&(0.0, 0.0));
            if let Some((low, high, _)) = &bar.interval {
                // The value label moves past the whisker's right end.
                x_end = x_end.max(bar_whisker(&root, &chart, (*low, *high), slot)?);
            }
            // The average line is 3 px wide: half of it, rounded up, on each side.
            let line = reference.as_ref().map(|(value, _)| {
                (
                    chart
                        .backend_coord(&(value.clamp(0.0, 100.0), slot + 0.5))
                        .0,
                    2,
                )
            });
            root.draw(&Text::new(
                bar.value_text.clone(),
                (value_label_x(x_end, line, &bar.value_text), y_mid),
                label_style(HPos::Left),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                shorten(&bar.label, 34),
                (x_start - 8, y_mid),
                label_style(HPos::Right),
            ))
            .map_err(err)?;
        }
        if let Some((value, label)) = &reference {
            let (x, y_top) = chart.backend_coord(&(*value, f64::from(rows)));
            let (_, y_bottom) = chart.backend_coord(&(*value, 0.0));
            root.draw(&PathElement::new(
                vec![(x, y_top - 4), (x, y_bottom)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                label.clone(),
                (x, y_top - 8),
                label_style(HPos::Center).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    // The interval column only where there are intervals.
    let shown = if with_intervals { 3 } else { 2 };
    let table = Table {
        head: columns.iter().take(shown).map(|c| c.to_string()).collect(),
        rows: bars
            .iter()
            .map(|b| {
                let mut row = vec![b.label.clone(), b.value_text.clone()];
                if with_intervals {
                    row.push(interval_cell(&b.interval));
                }
                row
            })
            .collect(),
    };
    Ok(finish(header, svg, table))
}

/// One row of a comparison: a value and the reference it is compared with.
#[derive(Debug, Clone)]
pub struct Pair {
    pub label: String,
    pub value: f64,
    pub value_text: String,
    pub reference: Option<f64>,
    pub reference_text: String,
    /// The value's confidence interval (low, high) and how it reads, drawn as a whisker.
    pub interval: Option<Interval>,
}

/// A company's criteria as bars, each with a diamond-tipped marker at the sector average.
pub fn paired_bars(
    header: Header,
    pairs: &[Pair],
    legend: [&str; 2],
    columns: [&str; 4],
) -> Result<Chart, ChartError> {
    let with_intervals = pairs.iter().any(|p| p.interval.is_some());
    let rows = pairs.len().max(1) as u32;
    let height = rows * ROW_HEIGHT + 90;
    let mut svg = String::with_capacity(SVG_CAPACITY);
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        draw_legend(&root, legend)?;
        let mut chart = ChartBuilder::on(&root)
            .margin_top(36)
            .margin_right(56)
            .margin_left(8)
            .x_label_area_size(30)
            .y_label_area_size(240)
            .build_cartesian_2d(0f64..100f64, 0f64..f64::from(rows))
            .map_err(err)?;
        configure_value_axis(&mut chart, pairs.is_empty())?;
        for (index, pair) in pairs.iter().enumerate() {
            let slot = row_slot(rows, index);
            let value = pair.value.clamp(0.0, 100.0);
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(0.0, slot + 0.2), (value, slot + 0.8)],
                    PRIMARY.filled(),
                )))
                .map_err(err)?;
            let (mut x_end, y_mid) = chart.backend_coord(&(value, slot + 0.5));
            let (x_start, _) = chart.backend_coord(&(0.0, 0.0));
            if let Some((low, high, _)) = &pair.interval {
                x_end = x_end.max(bar_whisker(&root, &chart, (*low, *high), slot)?);
            }
            let marker = pair.reference.map(|reference| {
                let (x, _) = chart.backend_coord(&(reference.clamp(0.0, 100.0), slot + 0.5));
                (x, MARKER_HALF_WIDTH)
            });
            root.draw(&Text::new(
                pair.value_text.clone(),
                (value_label_x(x_end, marker, &pair.value_text), y_mid),
                label_style(HPos::Left),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                shorten(&pair.label, 34),
                (x_start - 8, y_mid),
                label_style(HPos::Right),
            ))
            .map_err(err)?;
            if let Some(reference) = pair.reference {
                let (x, y_top) = chart.backend_coord(&(reference.clamp(0.0, 100.0), slot + 0.95));
                let (_, y_bottom) =
                    chart.backend_coord(&(reference.clamp(0.0, 100.0), slot + 0.05));
                root.draw(&PathElement::new(
                    vec![(x, y_top), (x, y_bottom)],
                    REFERENCE.stroke_width(3),
                ))
                .map_err(err)?;
                root.draw(&diamond((x, (y_top + y_bottom) / 2), REFERENCE))
                    .map_err(err)?;
            }
        }
        root.present().map_err(err)?;
    }
    let table = Table {
        head: columns
            .iter()
            .take(if with_intervals { 4 } else { 3 })
            .map(|c| c.to_string())
            .collect(),
        rows: pairs
            .iter()
            .map(|p| {
                let mut row = vec![
                    p.label.clone(),
                    p.value_text.clone(),
                    p.reference_text.clone(),
                ];
                if with_intervals {
                    row.push(interval_cell(&p.interval));
                }
                row
            })
            .collect(),
    };
    Ok(finish(header, svg, table))
}

/// One point of a company's history.
#[derive(Debug, Clone)]
pub struct HistoryPoint {
    pub year: i32,
    pub score: f64,
    pub score_text: String,
    pub rank_text: String,
    /// The edition's confidence interval (low, high) and how it reads, drawn as a whisker.
    pub interval: Option<Interval>,
}

/// Score over the editions as a line with labelled points ("84.3 · #3").
pub fn history(
    header: Header,
    points: &[HistoryPoint],
    axis: [&str; 2],
    columns: [&str; 4],
) -> Result<Chart, ChartError> {
    let height = 300;
    let with_intervals = points.iter().any(|p| p.interval.is_some());
    let first = points.first().map_or(2000, |p| p.year);
    let last = points.last().map_or(first, |p| p.year);
    // The axis reaches down to the lowest score or interval end.
    let low = points
        .iter()
        .map(|p| {
            p.interval
                .as_ref()
                .map_or(p.score, |(low, _, _)| low.min(p.score))
        })
        .fold(100.0f64, f64::min);
    let y_min = ((low - 10.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let mut svg = String::with_capacity(SVG_CAPACITY);
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .margin_top(34)
            .margin_right(40)
            .x_label_area_size(56)
            .y_label_area_size(56)
            .build_cartesian_2d(
                (f64::from(first) - 0.5)..(f64::from(last) + 0.5),
                y_min..100f64,
            )
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels((last - first + 1).max(1) as usize)
            .x_label_formatter(&|year| format!("{}", year.round() as i64))
            .y_labels(6)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(axis[0])
            .y_desc(axis[1])
            .axis_style(INK.stroke_width(1))
            .max_light_lines(0)
            .bold_line_style(INK.mix(0.15))
            .label_style((FONT, 17).into_font().color(&INK))
            .axis_desc_style((FONT, 17).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (f64::from(p.year), p.score)),
                PRIMARY.stroke_width(3),
            ))
            .map_err(err)?;
        for point in points {
            if let Some((low, high, _)) = &point.interval {
                let year = f64::from(point.year);
                whisker(
                    &root,
                    chart.backend_coord(&(year, low.max(y_min))),
                    chart.backend_coord(&(year, high.min(100.0))),
                    true,
                )?;
            }
            let (x, y) = chart.backend_coord(&(f64::from(point.year), point.score));
            root.draw(&Circle::new((x, y), 6, PRIMARY.filled()))
                .map_err(err)?;
            let label = format!("{} · {}", point.score_text, point.rank_text);
            // Beside a whisker the label moves left of it, so that the line does not cross it.
            let (anchor, h_pos) = if point.interval.is_some() {
                ((x - 10, y - 6), HPos::Right)
            } else {
                ((x, y - 12), HPos::Center)
            };
            root.draw(&Text::new(
                label,
                anchor,
                label_style(h_pos).pos(Pos::new(h_pos, VPos::Bottom)),
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    let shown = if with_intervals { 4 } else { 3 };
    let table = Table {
        head: columns.iter().take(shown).map(|c| c.to_string()).collect(),
        rows: points
            .iter()
            .map(|p| {
                let mut row = vec![
                    p.year.to_string(),
                    p.score_text.clone(),
                    p.rank_text.clone(),
                ];
                if with_intervals {
                    row.push(interval_cell(&p.interval));
                }
                row
            })
            .collect(),
    };
    Ok(finish(header, svg, table))
}

/// One company in the scatter chart.
#[derive(Debug, Clone)]
pub struct ScatterPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub x_text: String,
    pub y_text: String,
}

/// Pearson's correlation coefficient, or `None` with fewer than three points or no spread.
pub fn correlation(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    if points.len() < 3 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let (mut covariance, mut var_x, mut var_y) = (0.0, 0.0, 0.0);
    for (x, y) in points {
        covariance += (x - mean_x) * (y - mean_y);
        var_x += (x - mean_x).powi(2);
        var_y += (y - mean_y).powi(2);
    }
    (var_x > 0.0 && var_y > 0.0).then(|| covariance / (var_x * var_y).sqrt())
}

/// One perspective's score against another's for every company, with a least-squares line.
pub fn scatter(
    header: Header,
    points: &[ScatterPoint],
    axis: [&str; 2],
    columns: [&str; 3],
) -> Result<Chart, ChartError> {
    let height = 460;
    let bounds = |values: &mut dyn Iterator<Item = f64>| {
        let (low, high) = values.fold((100.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let low = ((low - 5.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
        let high = ((high + 5.0) / 10.0).ceil().clamp(1.0, 10.0) * 10.0;
        if low < high {
            (low, high)
        } else {
            (0.0, 100.0)
        }
    };
    let (x_min, x_max) = bounds(&mut points.iter().map(|p| p.x));
    let (y_min, y_max) = bounds(&mut points.iter().map(|p| p.y));
    let mut svg = String::with_capacity(SVG_CAPACITY);
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .margin_right(30)
            .x_label_area_size(44)
            .y_label_area_size(60)
            .build_cartesian_2d(x_min..x_max, y_min..y_max)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_desc(axis[0])
            .y_desc(axis[1])
            .axis_style(INK.stroke_width(1))
            .max_light_lines(0)
            .bold_line_style(INK.mix(0.15))
            .label_style((FONT, 17).into_font().color(&INK))
            .axis_desc_style((FONT, 17).into_font().color(&INK))
            .draw()
            .map_err(err)?;
        let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
        if let Some((slope, intercept)) = least_squares(&pairs) {
            let line = [x_min, x_max].map(|x| (x, (slope * x + intercept).clamp(y_min, y_max)));
            chart
                .draw_series(LineSeries::new(line, REFERENCE.stroke_width(3)))
                .map_err(err)?;
        }
        chart
            .draw_series(
                pairs
                    .iter()
                    .map(|&p| Circle::new(p, 5, PRIMARY.mix(0.8).filled())),
            )
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    let table = Table {
        head: columns.iter().map(|c| c.to_string()).collect(),
        rows: points
            .iter()
            .map(|p| vec![p.label.clone(), p.x_text.clone(), p.y_text.clone()])
            .collect(),
    };
    Ok(finish(header, svg, table))
}

fn least_squares(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let var_x: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if var_x == 0.0 {
        return None;
    }
    let slope = points
        .iter()
        .map(|p| (p.0 - mean_x) * (p.1 - mean_y))
        .sum::<f64>()
        / var_x;
    Some((slope, mean_y - slope * mean_x))
}

#[cfg(test)]
mod tests;
