//! The marks the charts share: axes, legend, value labels, whiskers for intervals, diamonds, and
//! the finishing touches that make every chart accessible SVG.

use super::*;

pub(super) type Area<'a> = DrawingArea<CompactSvg<'a>, plotters::coord::Shift>;

/// An interval (low, high) and how it reads ("71.3–93.1").
pub type Interval = (f64, f64, String);

/// An interval in a chart's data table: its text, or a dash where there is none.
pub(super) fn interval_cell(interval: &Option<Interval>) -> String {
    interval
        .as_ref()
        .map_or_else(|| "–".to_string(), |(_, _, text)| text.clone())
}

/// A chart's data table: the rows' cells under `columns`, whose last is the interval's, with that
/// column only when some row has an interval (charts of pre-aggregated results have none).
pub(super) fn data_table<'a>(
    columns: &[&str],
    rows: impl Iterator<Item = (Vec<String>, &'a Option<Interval>)>,
) -> Table {
    let rows: Vec<(Vec<String>, &Option<Interval>)> = rows.collect();
    let with_intervals = rows.iter().any(|(_, interval)| interval.is_some());
    let shown = columns.len() - usize::from(!with_intervals);
    Table {
        head: columns.iter().take(shown).map(|c| c.to_string()).collect(),
        rows: rows
            .into_iter()
            .map(|(mut cells, interval)| {
                if with_intervals {
                    cells.push(interval_cell(interval));
                }
                cells
            })
            .collect(),
        row_langs: Vec::new(),
        head_langs: Vec::new(),
    }
}

/// A whisker from `from` to `to` (pixels), vertical or horizontal: a line in the ink colour with
/// an end cap across each end. An interval narrower than a pixel (every answer the same) is one
/// cap: a line of no length and a second cap over the first would draw nothing more.
pub(super) fn whisker(
    root: &Area<'_>,
    from: (i32, i32),
    to: (i32, i32),
    vertical: bool,
) -> Result<(), ChartError> {
    let ink = INK.stroke_width(2);
    let ends: &[(i32, i32)] = if from == to {
        &[from]
    } else {
        root.draw(&PathElement::new(vec![from, to], ink))
            .map_err(err)?;
        &[from, to]
    };
    for &(x, y) in ends {
        let cap = if vertical {
            vec![(x - 5, y), (x + 5, y)]
        } else {
            vec![(x, y - 5), (x, y + 5)]
        };
        root.draw(&PathElement::new(cap, ink)).map_err(err)?;
    }
    Ok(())
}

/// An interval as a whisker across a bar whose middle is at `middle` (chart units).
pub(super) fn bar_whisker(
    root: &Area<'_>,
    chart: &Cartesian<'_, '_>,
    (low, high): (f64, f64),
    middle: f64,
) -> Result<(), ChartError> {
    let from = chart.backend_coord(&(low.clamp(0.0, 100.0), middle));
    let to = chart.backend_coord(&(high.clamp(0.0, 100.0), middle));
    whisker(root, from, to, false)
}

impl Geometry {
    /// The height of one bar's row, its label included.
    pub(super) fn row_height(&self) -> u32 {
        if self.narrow { 46 } else { 30 }
    }

    /// The bar's band inside row `slot` (chart units; the row spans `slot` to `slot + 1`). On
    /// phones the label sits above the bar, in the upper part of the row.
    pub(super) fn bar_band(&self, slot: f64) -> (f64, f64) {
        if self.narrow {
            (slot + 0.08, slot + 0.52)
        } else {
            (slot + 0.18, slot + 0.82)
        }
    }

    /// Width of the value column at the right, where every bar's figure stands, clear of bars,
    /// whiskers and average marks, so that no figure reads as another mark's value.
    fn value_column(&self) -> u32 {
        if self.narrow { 60 } else { 72 }
    }

    /// The builder of a horizontal bar chart: labels left of the bars on desktops, as wide as
    /// the longest of `labels` needs, above them on phones; the value column right of the plot.
    pub(super) fn bar_chart<'a, 'b, 'l>(
        &self,
        root: &'a Area<'b>,
        top: u32,
        labels: impl IntoIterator<Item = &'l str>,
    ) -> ChartBuilder<'a, 'b, CompactSvg<'b>> {
        let size = super::svg::plotters_size(self.font) as f32;
        let longest = labels
            .into_iter()
            .map(|label| crate::draw::measure::width(label, size, false))
            .fold(0.0, f32::max)
            .clamp(LABEL_ROOM_MIN, LABEL_ROOM);
        let mut builder = ChartBuilder::on(root);
        builder
            .margin_top(top)
            .margin_right(self.value_column())
            // Room for half of the first axis label ("75" on a dot plot) left of the axis.
            .margin_left(if self.narrow { 14 } else { 8 })
            .x_label_area_size(30)
            .y_label_area_size(if self.narrow {
                0
            } else {
                longest.ceil() as u32 + 16
            });
        builder
    }

    /// `x` moved so that `text`, centred on it, stays inside the chart.
    pub(super) fn centred_x(&self, x: i32, text: &str) -> i32 {
        let size = super::svg::plotters_size(self.font) as f32;
        let half = (crate::draw::measure::width(text, size, false) / 2.0).ceil() as i32;
        let width = self.width as i32;
        if 2 * half + 8 >= width {
            return width / 2;
        }
        x.clamp(half + 4, width - half - 4)
    }
}

/// One row of a horizontal bar chart as its shared marks draw it.
pub(super) struct BarRow<'a> {
    pub value: f64,
    pub colour: RGBColor,
    /// The confidence interval (low, high), drawn as a whisker across the bar.
    pub interval: Option<(f64, f64)>,
    pub value_text: &'a str,
    pub label: &'a str,
}

/// A bar chart's rows, top to bottom, drawn mark by mark rather than row by row, so that marks
/// of one look follow each other and are written as one path: the bars, their whiskers, the
/// figures, the names. Gives each row's bar band (chart units), for marks drawn over the bars.
pub(super) fn bar_rows(
    g: &Geometry,
    root: &Area<'_>,
    chart: &Cartesian<'_, '_>,
    rows: &[BarRow<'_>],
) -> Result<Vec<(f64, f64)>, ChartError> {
    let count = rows.len().max(1) as u32;
    let slots: Vec<f64> = (0..rows.len()).map(|i| row_slot(count, i)).collect();
    let bands: Vec<(f64, f64)> = slots.iter().map(|&slot| g.bar_band(slot)).collect();
    let middle = |(low, high): (f64, f64)| (low + high) / 2.0;
    for (row, &(low, high)) in rows.iter().zip(&bands) {
        let value = row.value.clamp(0.0, 100.0);
        chart
            .plotting_area()
            .draw(&Rectangle::new(
                [(0.0, low), (value, high)],
                row.colour.filled(),
            ))
            .map_err(err)?;
    }
    for (row, &band) in rows.iter().zip(&bands) {
        if let Some(interval) = row.interval {
            bar_whisker(root, chart, interval, middle(band))?;
        }
    }
    for (row, &band) in rows.iter().zip(&bands) {
        value_label(g, root, chart, row.value_text, middle(band))?;
    }
    for (row, &slot) in rows.iter().zip(&slots) {
        row_label(g, root, chart, row.label, slot)?;
    }
    Ok(bands)
}

/// A bar's figure in the value column, right-aligned at the chart's right edge.
pub(super) fn value_label(
    g: &Geometry,
    root: &Area<'_>,
    chart: &Cartesian<'_, '_>,
    text: &str,
    middle: f64,
) -> Result<(), ChartError> {
    let (_, y) = chart.backend_coord(&(0.0, middle));
    root.draw(&Text::new(
        text.to_string(),
        (g.width as i32 - 6, y),
        label_style(g, HPos::Right),
    ))
    .map_err(err)
}

/// A row's name: right-aligned before the bar on desktops, above the bar on phones.
pub(super) fn row_label(
    g: &Geometry,
    root: &Area<'_>,
    chart: &Cartesian<'_, '_>,
    label: &str,
    slot: f64,
) -> Result<(), ChartError> {
    let size = super::svg::plotters_size(g.font) as f32;
    let fitted = |room: f32| crate::draw::measure::fit(label, size, false, room);
    // The axis's start: 0 on a bar chart, where the values begin on a dot plot.
    let start = chart.x_range().start;
    if g.narrow {
        let (x, y) = chart.backend_coord(&(start, slot + 0.77));
        let room = (g.width as i32 - x - 4) as f32;
        root.draw(&Text::new(fitted(room), (x, y), label_style(g, HPos::Left)))
            .map_err(err)
    } else {
        let (x, y) = chart.backend_coord(&(start, slot + 0.5));
        root.draw(&Text::new(
            fitted(LABEL_ROOM),
            (x - 8, y),
            label_style(g, HPos::Right),
        ))
        .map_err(err)
    }
}

pub(super) type Cartesian<'a, 'b> = ChartContext<
    'a,
    CompactSvg<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

type Mesh<'a, 'b, 'c> = plotters::chart::MeshStyle<
    'a,
    'b,
    plotters::coord::types::RangedCoordf64,
    plotters::coord::types::RangedCoordf64,
    CompactSvg<'c>,
>;

/// The look every chart's grid shares: a thin axis line and labels in ink, faint major lines,
/// no minor ones.
fn house_style<'m, 'a, 'b, 'c>(
    g: &Geometry,
    mesh: &'m mut Mesh<'a, 'b, 'c>,
) -> &'m mut Mesh<'a, 'b, 'c> {
    mesh.axis_style(INK.stroke_width(1))
        .max_light_lines(0)
        .bold_line_style(INK.mix(0.15))
        .label_style((FONT, g.font).into_font().color(&INK))
}

/// A value in whole points, as the axes label it.
pub(super) fn whole(value: &f64) -> String {
    format!("{value:.0}")
}

/// The value axis of a bar chart or dot plot: along the bottom, at most `labels` labels (none
/// when there are no rows).
pub(super) fn configure_value_axis(
    g: &Geometry,
    chart: &mut Cartesian<'_, '_>,
    empty: bool,
    labels: usize,
) -> Result<(), ChartError> {
    let mut mesh = chart.configure_mesh();
    mesh.disable_y_mesh()
        .y_labels(0)
        .x_labels(if empty { 0 } else { labels })
        .x_label_formatter(&whole);
    house_style(g, &mut mesh).draw().map_err(err)
}

/// The two named axes of a chart of points (history, scatter): six labels of whole points up
/// the side, `x_labels` labels made by `x_label` along the bottom, vertical lines or not.
pub(super) fn draw_axes(
    g: &Geometry,
    chart: &mut Cartesian<'_, '_>,
    axis: [&str; 2],
    (x_labels, x_label): (usize, &dyn Fn(&f64) -> String),
    x_mesh: bool,
) -> Result<(), ChartError> {
    let mut mesh = chart.configure_mesh();
    if !x_mesh {
        mesh.disable_x_mesh();
    }
    mesh.x_labels(x_labels)
        .x_label_formatter(x_label)
        .y_labels(6)
        .y_label_formatter(&whole)
        .x_desc(axis[0])
        .y_desc(axis[1])
        .axis_desc_style((FONT, g.font).into_font().color(&INK));
    house_style(g, &mut mesh).draw().map_err(err)
}

/// What a legend's two keys look like: a bar or a line with a point for the first series, a
/// line with a diamond for the reference.
#[derive(Debug, Clone, Copy)]
pub(super) enum Legend {
    BarAndDiamond,
    LineAndDiamond,
}

/// The height a legend takes: one line on desktops, one line per key on phones.
pub(super) fn draw_legend_height(g: &Geometry, _labels: [&str; 2]) -> u32 {
    if g.narrow { 52 } else { 36 }
}

/// A legend line under the legend at `y`: the single line that marks a census's value, and what
/// it means ("census: no sampling error").
pub(super) fn draw_census_legend(
    g: &Geometry,
    root: &Area<'_>,
    label: &str,
    y: u32,
) -> Result<(), ChartError> {
    let y = y as i32;
    let size = super::svg::plotters_size(g.font) as f32;
    let label = crate::draw::measure::fit(label, size, false, (g.width as i32 - 52) as f32);
    root.draw(&PathElement::new(
        vec![(26, y - 6), (26, y + 6)],
        INK.stroke_width(2),
    ))
    .map_err(err)?;
    root.draw(&Text::new(label, (44, y), label_style(g, HPos::Left)))
        .map_err(err)?;
    Ok(())
}

/// The legend at the top left: the first series, then the reference (the sector's average).
pub(super) fn draw_legend(
    g: &Geometry,
    root: &Area<'_>,
    labels: [&str; 2],
    kind: Legend,
) -> Result<(), ChartError> {
    let first_y = 17;
    // Each label ends before the drawing's right edge (a long sector name in "Sector average
    // (…)" ran past it and was cut off mid-letter); the chart's table has it whole.
    let size = super::svg::plotters_size(g.font) as f32;
    let fitted = |label: &str, x: i32| {
        crate::draw::measure::fit(label, size, false, (g.width as i32 - x - 8) as f32)
    };
    let first = fitted(labels[0], 44);
    let (second_x, second_y) = if g.narrow {
        (16, 41)
    } else {
        let width = crate::draw::measure::width(&first, size, false) as i32;
        (60 + width, first_y)
    };
    let second = fitted(labels[1], second_x + 28);
    match kind {
        Legend::BarAndDiamond => root
            .draw(&Rectangle::new(
                [(16, first_y - 7), (36, first_y + 7)],
                PRIMARY.filled(),
            ))
            .map_err(err)?,
        Legend::LineAndDiamond => {
            root.draw(&PathElement::new(
                vec![(14, first_y), (38, first_y)],
                PRIMARY.stroke_width(3),
            ))
            .map_err(err)?;
            root.draw(&Circle::new((26, first_y), 5, PRIMARY.filled()))
                .map_err(err)?;
        }
    }
    root.draw(&Text::new(first, (44, first_y), label_style(g, HPos::Left)))
        .map_err(err)?;
    let mark_x = second_x + 10;
    match kind {
        Legend::BarAndDiamond => root
            .draw(&PathElement::new(
                vec![(mark_x, second_y - 10), (mark_x, second_y + 10)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?,
        Legend::LineAndDiamond => root
            .draw(&PathElement::new(
                vec![(mark_x - 12, second_y), (mark_x + 12, second_y)],
                REFERENCE.stroke_width(3),
            ))
            .map_err(err)?,
    }
    root.draw(&diamond((mark_x, second_y), REFERENCE))
        .map_err(err)?;
    root.draw(&Text::new(
        second,
        (second_x + 28, second_y),
        label_style(g, HPos::Left),
    ))
    .map_err(err)?;
    Ok(())
}

/// Where the theme's script finds each row of a chart's table when a reader points at the
/// drawing or steps through it with the arrow keys (progressive enhancement: the table is
/// there without it): `data-tips="y 56 30.4"`, the centre of the first row's marks along the
/// axis and the distance to the next row's, in SVG units. With `year` after them (a history),
/// a row lies as many steps on as its first cell's year is after the first row's. Two numbers
/// a drawing, not one per mark: on thousands of company pages each byte counts. A scatter
/// chart, whose points are in no rows, lists them: `data-tips="xy 120,80 133,64 …"`.
pub(super) fn with_tips(svg: String, axis: char, first: f64, step: f64, by_year: bool) -> String {
    let year = if by_year { " year" } else { "" };
    tipped(&svg, &format!("{axis} {first:.0} {step:.1}{year}"))
}

/// `svg` with `tips` as its `data-tips` ([`with_tips`]).
pub(super) fn tipped(svg: &str, tips: &str) -> String {
    svg.replacen("<svg ", &format!("<svg data-tips=\"{tips}\" "), 1)
}

/// The centre of a chart's first row and the distance between rows, in SVG units, for a chart
/// of `rows` rows drawn top to bottom ([`row_slot`]).
pub(super) fn row_centres(chart: &Cartesian<'_, '_>, rows: u32) -> (f64, f64) {
    let top = f64::from(chart.backend_coord(&(0.0, f64::from(rows))).1);
    let bottom = f64::from(chart.backend_coord(&(0.0, 0.0)).1);
    let step = (bottom - top) / f64::from(rows.max(1));
    (top + step / 2.0, step)
}

/// Rows are drawn top to bottom in the order given; the y axis grows upwards.
pub(super) fn row_slot(rows: u32, index: usize) -> f64 {
    f64::from(rows) - 1.0 - index as f64
}

/// The widest bar label drawn whole on desktops, in units: the label area left of the bars is
/// as wide as the widest label needs, between these two. On phones a label has the drawing's
/// width above its bar. Wider labels end in "…"; the chart's table has them whole. Labels are
/// measured with the face of `measure`, wider than most a browser picks.
const LABEL_ROOM: f32 = 340.0;
const LABEL_ROOM_MIN: f32 = 102.0;

/// Half the width of the diamond that marks a reference value.
pub(super) const MARKER_HALF_WIDTH: i32 = 6;

pub(super) fn diamond(centre: (i32, i32), colour: RGBColor) -> Polygon<(i32, i32)> {
    let (x, y) = centre;
    let half = MARKER_HALF_WIDTH;
    Polygon::new(
        vec![(x, y - half), (x + half, y), (x, y + half), (x - half, y)],
        colour.filled(),
    )
}

pub(super) fn label_style(g: &Geometry, h_pos: HPos) -> TextStyle<'static> {
    (FONT, g.font)
        .into_font()
        .color(&INK)
        .pos(Pos::new(h_pos, VPos::Center))
}

/// The drawings of a chart.
pub(super) enum Drawings {
    /// For desktops and for phones (`chart-wide`, `chart-narrow`): the stylesheet shows one.
    /// Charts whose desktop layout says more (labels beside the bars, all points labelled) and
    /// that appear on a few pages: an edition's or a sector's.
    Both([String; 2]),
    /// In the phone layout only (`chart-once`), shown on every screen at up to the width it keeps
    /// its text's size at: the charts of a company, on every one of thousands of company pages,
    /// where a second drawing was half of the page's bytes.
    Once(String),
}

/// Makes the drawn SVGs accessible: each drawing with `role="img"` and its class, labelled by one
/// title and description (in the first; the stylesheet shows one drawing, and a label may point
/// into a hidden element).
pub(super) fn finish(header: Header, drawings: Drawings, table: Table) -> Chart {
    let labelled = |svg: String, class: &str, with_text: bool| {
        let body_start = svg.find('>').map_or(0, |i| i + 1);
        let (open_tag, body) = svg.split_at(body_start);
        let open_tag = open_tag.replacen(
            "<svg ",
            &format!(
                "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart-svg {class}\" ",
                id = header.id
            ),
            1,
        );
        if with_text {
            format!(
                "{open_tag}\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{description}</desc>{body}",
                id = header.id,
                title = escape_xml(&header.title),
                description = escape_xml(&header.description),
            )
        } else {
            format!("{open_tag}{body}")
        }
    };
    let svg = match drawings {
        Drawings::Both([wide, narrow]) => format!(
            "{}\n{}",
            labelled(wide, "chart-wide", true),
            labelled(narrow, "chart-narrow", false)
        ),
        Drawings::Once(svg) => labelled(svg, "chart-once", true),
    };
    Chart {
        id: header.id,
        title: header.title,
        description: header.description,
        svg,
        table,
        download: None,
        source: None,
    }
}
