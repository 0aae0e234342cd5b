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

mod dots;
mod marks;
mod svg;
pub use dots::{Dot, DotLook, Key, KeyMark, dot_plot};
pub use marks::Interval;
use marks::*;
use svg::CompactSvg;
use std::fmt::Write as _;

/// Okabe–Ito blue: the company or the main series.
const PRIMARY: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe–Ito orange, darkened to keep 3:1 against the chart's background in both schemes (WCAG
/// 1.4.11; the original #E69F00 has 2.1:1 on the light surface): averages and reference values.
const REFERENCE: RGBColor = RGBColor(0xB8, 0x7D, 0x00);
/// Okabe–Ito vermillion: the highlighted item in a series.
const HIGHLIGHT: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Written as `currentColor` (see [`svg`]).
const INK: RGBColor = RGBColor(0, 0, 0);

const FONT: &str = "sans-serif";

/// How a chart is laid out: for desktops (720 units wide, shown from 40rem of window width, so at
/// 576 px or more) or for phones (360 units, labels above the bars, shown at 296 px or more from
/// a 360 px window). An edition's or a sector's chart is drawn in both and the stylesheet shows
/// one; a company's charts are drawn for phones only and shown so on every screen
/// (`Drawings`, in marks.rs). plotters writes a font of size `font` as `font / 1.24` SVG
/// units: 14.5 units, 11.6 px at the desktop drawing's narrowest and 11.9 px at the phone
/// drawing's, never under 11 px.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: u32,
    pub font: u32,
    pub narrow: bool,
    /// Drawn mirrored, for a right-to-left page.
    pub mirror: bool,
}

impl Geometry {
    /// This layout, mirrored for a right-to-left page when `right_to_left`.
    pub fn reading(self, right_to_left: bool) -> Geometry {
        Geometry {
            mirror: right_to_left,
            ..self
        }
    }
}

pub(crate) const WIDE: Geometry = Geometry {
    width: 720,
    font: 18,
    narrow: false,
    mirror: false,
};
pub(crate) const NARROW: Geometry = Geometry {
    width: 360,
    font: 18,
    narrow: true,
    mirror: false,
};

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
    /// Where the numbers are instead, when there are too many for a table on the page (the
    /// scatter chart of thousands of companies): its table is then empty.
    pub download: Option<Download>,
    /// Where the numbers come from, said under the chart (the views fill it).
    pub source: Option<Source>,
}

/// A chart's source line: "Source: Service Ranking Institute, Most Customer-Oriented Service
/// Providers 2026 · Customer opinions: 8,123 · Fieldwork: …", then a link to the methodology.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Source {
    pub text: String,
    pub label: String,
    pub href: String,
}

/// A file holding a chart's numbers, named in a sentence: "The values behind this chart,
/// company by company: ranking.csv".
#[derive(Debug, Clone, serde::Serialize)]
pub struct Download {
    pub text: String,
    pub label: String,
    pub href: String,
}

/// At most this many rows of a chart's numbers are written into the page as a table; more are
/// left to a download (a table of 4,000 companies is a megabyte that no reader opens).
pub const MAX_TABLE_ROWS: usize = 250;

/// Above this many points a scatter chart draws smaller, opaque points, each spot once: 4,000
/// translucent points were 650 KB of SVG per drawing.
const DENSE_POINTS: usize = 300;

/// The chart's numbers as a table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The `lang` and `dir` of each row's heading where it is a name shown in another language
    /// than the page's (a criterion data/ names in English only, on an Arabic page); empty when
    /// every heading is in the page's language. The views fill it.
    pub row_langs: Vec<Option<crate::locale::WrittenIn>>,
    /// The same for the column headings (the perspectives a scatter chart sets against each
    /// other): one per heading, or empty.
    pub head_langs: Vec<Option<crate::locale::WrittenIn>>,
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
    /// The page reads right to left: the chart is drawn mirrored (labels on the right, values
    /// growing leftwards, the first edition on the right).
    pub right_to_left: bool,
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
/// `keys` explain the marks above the plot (the highlight's colour, the whiskers).
pub fn ranked_bars(
    header: Header,
    bars: &[Bar],
    reference: Option<(f64, String)>,
    keys: &[Key],
    columns: [&str; 3],
) -> Result<Chart, ChartError> {
    let svgs = Drawings::Both([
        ranked_bars_svg(&WIDE.reading(header.right_to_left), bars, reference.as_ref(), keys)?,
        ranked_bars_svg(&NARROW.reading(header.right_to_left), bars, reference.as_ref(), keys)?,
    ]);
    let table = data_table(
        &columns,
        bars.iter()
            .map(|b| (vec![b.label.clone(), b.value_text.clone()], &b.interval)),
    );
    Ok(finish(header, svgs, table))
}

fn ranked_bars_svg(
    g: &Geometry,
    bars: &[Bar],
    reference: Option<&(f64, String)>,
    keys: &[Key],
) -> Result<String, ChartError> {
    let rows = bars.len().max(1) as u32;
    let keys_height = if keys.is_empty() {
        0
    } else {
        dots::key_height(g, keys)
    };
    let top = keys_height + if reference.is_some() { g.font + 14 } else { 10 };
    let height = rows * g.row_height() + top + 40;
    let mut svg = String::with_capacity(SVG_CAPACITY);
    let tips;
    {
        let root = CompactSvg::new(&mut svg, (g.width, height), FONT, g.font, g.mirror).into_drawing_area();
        dots::draw_keys(g, &root, keys)?;
        let mut chart = g
            .bar_chart(&root, top, bars.iter().map(|b| b.label.as_str()))
            .build_cartesian_2d(0f64..100f64, 0f64..f64::from(rows))
            .map_err(err)?;
        configure_value_axis(g, &mut chart, bars.is_empty(), 6)?;
        let marks: Vec<BarRow> = bars
            .iter()
            .map(|bar| BarRow {
                value: bar.value,
                colour: if bar.highlight { HIGHLIGHT } else { PRIMARY },
                interval: bar.interval.as_ref().map(|(low, high, _)| (*low, *high)),
                value_text: &bar.value_text,
                label: &bar.label,
            })
            .collect();
        bar_rows(g, &root, &chart, &marks)?;
        tips = row_centres(&chart, rows);
        if let Some((value, label)) = reference {
            let (x, y_top) = chart.backend_coord(&(*value, f64::from(rows)));
            let (_, y_bottom) = chart.backend_coord(&(*value, 0.0));
            root.draw(&PathElement::new(
                vec![(x, y_top - 4), (x, y_bottom)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                label.clone(),
                (g.centred_x(x, label), y_top - 8),
                label_style(g, HPos::Center).pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(with_tips(svg, 'y', tips.0, tips.1, false))
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
    /// The value is a census's: no sampling error, drawn as a point (a single line).
    pub census: bool,
}

/// A company's criteria as bars, each with a diamond-tipped marker at the sector average.
/// `legend`: the company, the reference, and what a census's point means (shown when a pair is
/// a census's).
pub fn paired_bars(
    header: Header,
    pairs: &[Pair],
    legend: [&str; 3],
    columns: [&str; 4],
) -> Result<Chart, ChartError> {
    let svgs = Drawings::Once(paired_bars_svg(
        &NARROW.reading(header.right_to_left),
        pairs,
        legend,
    )?);
    let table = data_table(
        &columns,
        pairs.iter().map(|p| {
            let cells = vec![
                p.label.clone(),
                p.value_text.clone(),
                p.reference_text.clone(),
            ];
            (cells, &p.interval)
        }),
    );
    Ok(finish(header, svgs, table))
}

fn paired_bars_svg(g: &Geometry, pairs: &[Pair], legend: [&str; 3]) -> Result<String, ChartError> {
    let rows = pairs.len().max(1) as u32;
    let [company, reference, census] = legend;
    let legend = [company, reference];
    let census = pairs.iter().any(|p| p.census).then_some(census);
    let legend_height = draw_legend_height(g, legend) + census.map_or(0, |_| 26);
    let height = rows * g.row_height() + legend_height + 40;
    let mut svg = String::with_capacity(SVG_CAPACITY);
    let tips;
    {
        let root = CompactSvg::new(&mut svg, (g.width, height), FONT, g.font, g.mirror).into_drawing_area();
        draw_legend(g, &root, legend, Legend::BarAndDiamond)?;
        if let Some(label) = census {
            draw_census_legend(g, &root, label, draw_legend_height(g, legend) + 12)?;
        }
        let mut chart = g
            .bar_chart(&root, legend_height, pairs.iter().map(|p| p.label.as_str()))
            .build_cartesian_2d(0f64..100f64, 0f64..f64::from(rows))
            .map_err(err)?;
        configure_value_axis(g, &mut chart, pairs.is_empty(), 6)?;
        let marks: Vec<BarRow> = pairs
            .iter()
            .map(|pair| BarRow {
                value: pair.value,
                colour: PRIMARY,
                interval: pair.interval.as_ref().map(|(low, high, _)| (*low, *high)),
                value_text: &pair.value_text,
                label: &pair.label,
            })
            .collect();
        let bands = bar_rows(g, &root, &chart, &marks)?;
        tips = row_centres(&chart, rows);
        // The sector's averages over the bars: all their lines, then all their diamonds.
        let references: Vec<(i32, i32, i32)> = pairs
            .iter()
            .zip(&bands)
            .filter_map(|(pair, &(bar_low, bar_high))| {
                let reference = pair.reference?.clamp(0.0, 100.0);
                let (x, y_top) = chart.backend_coord(&(reference, bar_high + 0.12));
                let (_, y_bottom) = chart.backend_coord(&(reference, bar_low - 0.12));
                Some((x, y_top, y_bottom))
            })
            .collect();
        for &(x, y_top, y_bottom) in &references {
            root.draw(&PathElement::new(
                vec![(x, y_top), (x, y_bottom)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?;
        }
        for &(x, y_top, y_bottom) in &references {
            root.draw(&diamond((x, (y_top + y_bottom) / 2), REFERENCE))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(with_tips(svg, 'y', tips.0, tips.1, false))
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
    /// The average of the company's sector in that edition, drawn as a second line.
    pub sector_average: Option<f64>,
    pub sector_average_text: String,
}

/// Score over the editions as a line with labelled points ("84.3 · #3") on the full 0–100
/// scale, the same for every company so that shapes compare, with the sector's average as a
/// second line. Needs two editions or more: one point is not a line (the view shows none).
pub fn history(
    header: Header,
    points: &[HistoryPoint],
    legend: [&str; 2],
    axis: [&str; 2],
    columns: [&str; 5],
) -> Result<Chart, ChartError> {
    let svgs = Drawings::Once(history_svg(
        &NARROW.reading(header.right_to_left),
        points,
        legend,
        axis,
    )?);
    let table = data_table(
        &columns,
        points.iter().map(|p| {
            let average = if p.sector_average_text.is_empty() {
                "–".to_string()
            } else {
                p.sector_average_text.clone()
            };
            let cells = vec![
                p.year.to_string(),
                p.score_text.clone(),
                p.rank_text.clone(),
                average,
            ];
            (cells, &p.interval)
        }),
    );
    Ok(finish(header, svgs, table))
}

fn history_svg(
    g: &Geometry,
    points: &[HistoryPoint],
    legend: [&str; 2],
    axis: [&str; 2],
) -> Result<String, ChartError> {
    let height = if g.narrow { 300 } else { 340 };
    let first = points.first().map_or(2000, |p| p.year);
    let last = points.last().map_or(first, |p| p.year);
    let legend_height = draw_legend_height(g, legend);
    let mut svg = String::with_capacity(SVG_CAPACITY);
    let tips;
    {
        let root = CompactSvg::new(&mut svg, (g.width, height), FONT, g.font, g.mirror).into_drawing_area();
        draw_legend(g, &root, legend, Legend::LineAndDiamond)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(if g.narrow { 8 } else { 16 })
            .margin_top(legend_height + g.font + 8)
            .margin_right(if g.narrow { 24 } else { 40 })
            .x_label_area_size(if g.narrow { 48 } else { 56 })
            .y_label_area_size(if g.narrow { 48 } else { 56 })
            .build_cartesian_2d(
                (f64::from(first) - 0.5)..(f64::from(last) + 0.5),
                0f64..100f64,
            )
            .map_err(err)?;
        // A year's centre and the distance to the next, mirrored with the drawing.
        let x = |year: i32| {
            let x = f64::from(chart.backend_coord(&(f64::from(year), 0.0)).0);
            if g.mirror { f64::from(g.width) - x } else { x }
        };
        tips = (x(first), x(first + 1) - x(first));
        let years = (last - first + 1).max(1) as usize;
        let year = |year: &f64| format!("{}", year.round() as i64);
        draw_axes(g, &mut chart, axis, (years, &year), false)?;
        let averages: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|p| p.sector_average.map(|a| (f64::from(p.year), a)))
            .collect();
        chart
            .draw_series(LineSeries::new(averages.clone(), REFERENCE.stroke_width(3)))
            .map_err(err)?;
        for point in &averages {
            root.draw(&diamond(chart.backend_coord(point), REFERENCE))
                .map_err(err)?;
        }
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (f64::from(p.year), p.score)),
                PRIMARY.stroke_width(3),
            ))
            .map_err(err)?;
        // The whiskers, then the points over them, then the labels: marks of one look follow
        // each other and are written as one path.
        for point in points {
            if let Some((low, high, _)) = &point.interval {
                let year = f64::from(point.year);
                whisker(
                    &root,
                    chart.backend_coord(&(year, low.max(0.0))),
                    chart.backend_coord(&(year, high.min(100.0))),
                    true,
                )?;
            }
        }
        for point in points {
            let centre = chart.backend_coord(&(f64::from(point.year), point.score));
            root.draw(&Circle::new(centre, 6, PRIMARY.filled()))
                .map_err(err)?;
        }
        for point in points {
            let (x, y) = chart.backend_coord(&(f64::from(point.year), point.score));
            let label = if g.narrow {
                point.score_text.clone()
            } else {
                format!("{} · {}", point.score_text, point.rank_text)
            };
            // Beside a whisker the label moves left of it, so that the line does not cross it.
            let (anchor, h_pos) = if point.interval.is_some() {
                ((x - 10, y - 6), HPos::Right)
            } else {
                ((x, y - 12), HPos::Center)
            };
            root.draw(&Text::new(
                label,
                anchor,
                label_style(g, h_pos).pos(Pos::new(h_pos, VPos::Bottom)),
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    Ok(with_tips(svg, 'x', tips.0, tips.1, true))
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
    let svgs = Drawings::Both([
        scatter_svg(&WIDE.reading(header.right_to_left), points, axis)?,
        scatter_svg(&NARROW.reading(header.right_to_left), points, axis)?,
    ]);
    let table = Table {
        head: columns.iter().map(|c| c.to_string()).collect(),
        rows: points
            .iter()
            .map(|p| vec![p.label.clone(), p.x_text.clone(), p.y_text.clone()])
            .collect(),
        row_langs: Vec::new(),
        head_langs: Vec::new(),
    };
    Ok(finish(header, svgs, table))
}

fn scatter_svg(
    g: &Geometry,
    points: &[ScatterPoint],
    axis: [&str; 2],
) -> Result<String, ChartError> {
    let height = if g.narrow { 340 } else { 460 };
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
    // Where the points of a dense chart go, in the drawing's coordinates, each spot once.
    let mut dense = std::collections::BTreeSet::new();
    let mut tips = None;
    {
        let root = CompactSvg::new(&mut svg, (g.width, height), FONT, g.font, g.mirror).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(if g.narrow { 8 } else { 16 })
            .margin_right(if g.narrow { 16 } else { 30 })
            .x_label_area_size(44)
            .y_label_area_size(if g.narrow { 52 } else { 60 })
            .build_cartesian_2d(x_min..x_max, y_min..y_max)
            .map_err(err)?;
        let x_labels = if g.narrow { 5 } else { 6 };
        draw_axes(g, &mut chart, axis, (x_labels, &whole), true)?;
        let pairs: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
        if let Some((slope, intercept)) = least_squares(&pairs) {
            let line = [x_min, x_max].map(|x| (x, (slope * x + intercept).clamp(y_min, y_max)));
            chart
                .draw_series(LineSeries::new(line, REFERENCE.stroke_width(3)))
                .map_err(err)?;
        }
        // Where each point is, in the table's order, for the tips (a chart whose table is left
        // to a download has none).
        if pairs.len() <= MAX_TABLE_ROWS {
            let spots: Vec<String> = pairs
                .iter()
                .map(|p| {
                    let (x, y) = chart.backend_coord(p);
                    let x = if g.mirror { g.width as i32 - x } else { x };
                    format!("{x},{y}")
                })
                .collect();
            tips = Some(spots.join(" "));
        }
        if pairs.len() > DENSE_POINTS {
            dense = pairs.iter().map(|p| chart.backend_coord(p)).collect();
        } else {
            let radius = if g.narrow { 4 } else { 5 };
            chart
                .draw_series(
                    pairs
                        .iter()
                        .map(|&p| Circle::new(p, radius, PRIMARY.mix(0.8).filled())),
                )
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    if !dense.is_empty() {
        let diameter = if g.narrow { 5 } else { 6 };
        let points = dense_points(&dense, diameter);
        // Under the least-squares line, which must stay visible through the crowd of points.
        let (r, g, b) = (REFERENCE.0, REFERENCE.1, REFERENCE.2);
        let line = format!("\n<path fill=\"none\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-width=\"3\"");
        if let Some(at) = svg.find(&line).or_else(|| svg.rfind("\n</svg>")) {
            svg.insert_str(at, &points);
        }
    }
    Ok(match tips {
        Some(spots) => tipped(&svg, &format!("xy {spots}")),
        None => svg,
    })
}

/// Many points as one path of round dots: a zero-length stroke with round caps per spot, each
/// spot once, in order, each a short move from the one before (about 9 bytes a point, where a
/// circle of its own takes 60).
fn dense_points(spots: &std::collections::BTreeSet<(i32, i32)>, diameter: u32) -> String {
    let (r, g, b) = (PRIMARY.0, PRIMARY.1, PRIMARY.2);
    let mut data = String::with_capacity(spots.len() * 10);
    let mut last: Option<(i32, i32)> = None;
    for &(x, y) in spots {
        let _ = match last {
            None => write!(data, "M{x} {y}h0"),
            Some((lx, ly)) => {
                let (dx, dy) = (x - lx, y - ly);
                let separator = if dy < 0 { "" } else { " " };
                write!(data, "m{dx}{separator}{dy}h0")
            }
        };
        last = Some((x, y));
    }
    format!(
        "\n<path fill=\"none\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-width=\"{diameter}\" \
         stroke-linecap=\"round\" d=\"{data}\"/>"
    )
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
