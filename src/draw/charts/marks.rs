//! The marks the charts share: axes, legend, value labels, whiskers for intervals, diamonds, and
//! the finishing touches that make every chart accessible SVG.

use super::*;

pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// An interval (low, high) and how it reads ("71.3–93.1").
pub type Interval = (f64, f64, String);

/// An interval in a chart's data table: its text, or a dash where there is none.
pub(super) fn interval_cell(interval: &Option<Interval>) -> String {
    interval
        .as_ref()
        .map_or_else(|| "–".to_string(), |(_, _, text)| text.clone())
}

/// A whisker from `from` to `to` (pixels), vertical or horizontal: a line in the ink colour with
/// an end cap across each end.
pub(super) fn whisker(
    root: &Area<'_>,
    from: (i32, i32),
    to: (i32, i32),
    vertical: bool,
) -> Result<(), ChartError> {
    let ink = INK.stroke_width(2);
    root.draw(&PathElement::new(vec![from, to], ink))
        .map_err(err)?;
    for (x, y) in [from, to] {
        let cap = if vertical {
            vec![(x - 5, y), (x + 5, y)]
        } else {
            vec![(x, y - 5), (x, y + 5)]
        };
        root.draw(&PathElement::new(cap, ink)).map_err(err)?;
    }
    Ok(())
}

/// An interval as a whisker across row `slot` of a bar chart. Returns the x where it ends, for
/// the value label to clear it.
pub(super) fn bar_whisker(
    root: &Area<'_>,
    chart: &Cartesian<'_, '_>,
    (low, high): (f64, f64),
    slot: f64,
) -> Result<i32, ChartError> {
    let from = chart.backend_coord(&(low.clamp(0.0, 100.0), slot + 0.5));
    let to = chart.backend_coord(&(high.clamp(0.0, 100.0), slot + 0.5));
    whisker(root, from, to, false)?;
    Ok(to.0)
}
pub(super) type Cartesian<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

pub(super) fn configure_value_axis(
    chart: &mut Cartesian<'_, '_>,
    empty: bool,
) -> Result<(), ChartError> {
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(if empty { 0 } else { 6 })
        .x_label_formatter(&|v| format!("{v:.0}"))
        .axis_style(INK.stroke_width(1))
        .max_light_lines(0)
        .bold_line_style(INK.mix(0.15))
        .label_style((FONT, 17).into_font().color(&INK))
        .draw()
        .map_err(err)
}

pub(super) fn draw_legend(root: &Area<'_>, labels: [&str; 2]) -> Result<(), ChartError> {
    root.draw(&Rectangle::new([(16, 10), (36, 24)], PRIMARY.filled()))
        .map_err(err)?;
    root.draw(&Text::new(
        labels[0].to_string(),
        (44, 17),
        label_style(HPos::Left),
    ))
    .map_err(err)?;
    let second = 60 + (labels[0].chars().count() as i32) * 8;
    root.draw(&PathElement::new(
        vec![(second + 10, 7), (second + 10, 27)],
        REFERENCE.stroke_width(3),
    ))
    .map_err(err)?;
    root.draw(&diamond((second + 10, 17), REFERENCE))
        .map_err(err)?;
    root.draw(&Text::new(
        labels[1].to_string(),
        (second + 24, 17),
        label_style(HPos::Left),
    ))
    .map_err(err)?;
    Ok(())
}

/// Rows are drawn top to bottom in the order given; the y axis grows upwards.
pub(super) fn row_slot(rows: u32, index: usize) -> f64 {
    f64::from(rows) - 1.0 - index as f64
}

/// Half the width of the diamond that marks a reference value.
pub(super) const MARKER_HALF_WIDTH: i32 = 6;

/// Where a bar's value label starts: 4 px right of the bar's end, or right of a reference mark
/// (`x`, half width) that would otherwise cover it, so that the figure always stays readable.
pub(super) fn value_label_x(bar_end: i32, mark: Option<(i32, i32)>, text: &str) -> i32 {
    // Digits are about 8 px wide at the label size.
    let width = text.chars().count() as i32 * 8;
    let start = bar_end + 4;
    match mark {
        Some((x, half)) if x + half >= start && x - half <= start + width => x + half + 4,
        _ => start,
    }
}

pub(super) fn diamond(centre: (i32, i32), colour: RGBColor) -> Polygon<(i32, i32)> {
    let (x, y) = centre;
    let half = MARKER_HALF_WIDTH;
    Polygon::new(
        vec![(x, y - half), (x + half, y), (x, y + half), (x - half, y)],
        colour.filled(),
    )
}

pub(super) fn label_style(h_pos: HPos) -> TextStyle<'static> {
    (FONT, 17)
        .into_font()
        .color(&INK)
        .pos(Pos::new(h_pos, VPos::Center))
}

pub(super) fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut short: String = label.chars().take(max - 1).collect();
        short.push('…');
        short
    }
}

/// Makes plotters' SVG accessible and theme-aware: a title and description referenced by
/// `aria-labelledby`, `role="img"`, a scalable size, and the ink colour as `currentColor`.
pub(super) fn finish(header: Header, svg: String, table: Table) -> Chart {
    let svg = svg.replace("#000000", "currentColor");
    let body_start = svg.find('>').map_or(0, |i| i + 1);
    let (open_tag, body) = svg.split_at(body_start);
    let open_tag = open_tag.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart-svg\" ",
            id = header.id
        ),
        1,
    );
    let svg = format!(
        "{open_tag}\n<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{description}</desc>{body}",
        id = header.id,
        title = escape_xml(&header.title),
        description = escape_xml(&header.description),
    );
    Chart {
        id: header.id,
        title: header.title,
        description: header.description,
        svg,
        table,
    }
}
