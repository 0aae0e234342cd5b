//! Charts drawn and read back: labels, ranges and what a reader sees.

use super::*;
use resvg::{tiny_skia, usvg};

fn test_header() -> Header {
    Header {
        id: "t".to_string(),
        title: "T".to_string(),
        description: "D".to_string(),
        right_to_left: false,
    }
}

/// A point of a company's history ranked second, its sector's average beside it.
fn history_point(year: i32, score: f64, average: f64) -> HistoryPoint {
    HistoryPoint {
        year,
        score,
        score_text: format!("{score:.1}"),
        rank_text: "#2".into(),
        interval: None,
        sector_average: Some(average),
        sector_average_text: format!("{average:.1}"),
    }
}

/// The integer attribute `name` (x, y) of the `<text>` element whose content is `label`.
fn label_attribute(svg: &str, label: &str, name: &str) -> i32 {
    let text_start = svg.find(&format!(">{label}</text>")).expect("label drawn");
    let tag = &svg[svg[..text_start].rfind("<text").expect("text tag")..text_start];
    let value = tag.split(&format!(" {name}=\"")).nth(1).expect("attribute");
    value.split('"').next().unwrap().parse().unwrap()
}

/// The drawings of a chart, desktop first: two (`chart-wide`, `chart-narrow`) or one
/// (`chart-once`).
fn drawings(svg: &str) -> Vec<&str> {
    let starts: Vec<usize> = svg.match_indices("<svg role=\"img\"").map(|(at, _)| at).collect();
    assert!(!starts.is_empty(), "no drawing: {svg}");
    let ends = starts.iter().skip(1).copied().chain([svg.len()]);
    starts.iter().zip(ends).map(|(&start, end)| &svg[start..end]).collect()
}

/// The narrowest width in px a drawing is shown at: a desktop drawing from 40rem (576 px of
/// chart), a phone drawing (and a chart drawn once) from a 360 px window (296 px).
fn shown_from(drawing: &str) -> f64 {
    if drawing.contains("chart-wide") { 576.0 } else { 296.0 }
}

/// The largest x of any mark (bar, line, whisker, diamond) in a drawing.
fn rightmost_mark(svg: &str) -> i32 {
    let mut right = 0;
    // Paths: every point of every path ("M1 2H3V4L5 6", "M1 2l6 6-6 6-6-6z").
    for piece in svg.split(" d=\"").skip(1) {
        for (x, _) in path_points(piece.split('"').next().unwrap()) {
            right = right.max(x);
        }
    }
    for piece in svg.split("<rect").skip(1) {
        let attribute = |name: &str| -> i32 {
            piece
                .split(&format!(" {name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0) as i32
        };
        right = right.max(attribute("x") + attribute("width"));
    }
    right
}

/// The points of a drawing's grid lines (the one path drawn in the grid's opacity).
fn grid_points(drawing: &str) -> Vec<(i32, i32)> {
    let data = drawing
        .split("<path")
        .find(|p| p.contains("opacity=\"0.15\""))
        .and_then(|p| p.split(" d=\"").nth(1))
        .and_then(|d| d.split('"').next())
        .expect("a grid path");
    path_points(data)
}

/// The points of SVG path data made of `M`, `L`, `H`, `V`, `l` and `z` (what the charts write),
/// relative steps resolved.
fn path_points(data: &str) -> Vec<(i32, i32)> {
    // Commands and numbers: a number ends at a space, a letter or the minus sign of the next.
    let mut tokens: Vec<String> = Vec::new();
    let mut number = String::new();
    for c in data.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            tokens.push(std::mem::take(&mut number));
        }
        if c == '-' {
            number.push(c);
        } else if c.is_ascii_alphabetic() {
            tokens.push(c.to_string());
        }
    }
    if !number.is_empty() {
        tokens.push(number);
    }
    let (mut command, mut numbers) = ('M', Vec::new());
    let (mut at, mut start) = ((0, 0), (0, 0));
    let mut points = Vec::new();
    for token in tokens {
        let Ok(number) = token.parse::<i32>() else {
            command = token.chars().next().unwrap();
            numbers.clear();
            if command == 'z' {
                points.push(start);
            }
            continue;
        };
        numbers.push(number);
        let next = match (command, numbers.as_slice()) {
            ('M' | 'L', &[x, y]) => (x, y),
            ('l', &[dx, dy]) => (at.0 + dx, at.1 + dy),
            ('H', &[x]) => (x, at.1),
            ('V', &[y]) => (at.0, y),
            _ => continue,
        };
        if command == 'M' {
            start = next;
        }
        at = next;
        points.push(next);
        numbers.clear();
    }
    points
}

/// The drawing's width, from its `viewBox`.
fn drawing_width(svg: &str) -> i32 {
    let view_box = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    view_box.split_whitespace().nth(2).unwrap().parse().unwrap()
}

#[test]
fn figures_stand_in_a_column_of_their_own_clear_of_every_mark() {
    let pair = |value: f64, reference: f64| Pair {
        label: format!("Criterion {value}"),
        value,
        value_text: format!("{value:.1}"),
        reference: Some(reference),
        reference_text: format!("{reference:.1}"),
        interval: Some((value - 9.0, (value + 9.0).min(100.0), String::new())),
        census: false,
    };
    // Averages just past the bar's end, on it, beyond it, and a bar at 100.
    let pairs = [
        pair(71.8, 72.6),
        pair(63.0, 63.0),
        pair(52.0, 66.0),
        pair(100.0, 40.0),
    ];
    let chart = paired_bars(
        test_header(),
        &pairs,
        ["A", "B", "census"],
        ["x", "y", "z", "i"],
    )
    .unwrap();
    let bars = [71.8, 45.0].map(|value| Bar {
        label: format!("Company {value}"),
        value,
        value_text: format!("{value:.1}"),
        highlight: false,
        interval: None,
    });
    let ranked = ranked_bars(
        test_header(),
        &bars,
        Some((70.7, "Average".into())),
        &[],        ["a", "b", "c"],
    )
    .unwrap();
    for (svg, labels) in [
        (&chart.svg, vec!["71.8", "63.0", "52.0", "100.0"]),
        (&ranked.svg, vec!["71.8", "45.0"]),
    ] {
        for drawing in drawings(svg) {
            let width = drawing_width(drawing);
            let marks_end = rightmost_mark(drawing);
            for label in &labels {
                // Right-aligned at the drawing's right edge; its left end (at most 5 digits of
                // 0.6 em) stays right of every bar, whisker, average line and diamond.
                let x = label_attribute(drawing, label, "x");
                assert_eq!(x, width - 6, "{label}");
                let font = drawing
                    .split("font-size=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                let em: f64 = font.parse().unwrap();
                let start = x - (5.0 * 0.6 * em) as i32;
                assert!(
                    start > marks_end,
                    "{label}: starts at {start}, marks end at {marks_end}"
                );
            }
        }
    }
}

#[test]
fn every_chart_text_is_at_least_11_px_where_it_is_shown() {
    // Shown widths at their narrowest (see `Geometry`): the desktop drawing from 576 px, the
    // phone drawing from 296 px.
    let bars = [Bar {
        label: "A".into(),
        value: 50.0,
        value_text: "50.0".into(),
        highlight: true,
        interval: None,
    }];
    let point = |year: i32, score: f64| history_point(year, score, 60.0);
    let scatter_points: Vec<ScatterPoint> = (0..5)
        .map(|i| ScatterPoint {
            label: format!("{i}"),
            x: 50.0 + f64::from(i),
            y: 40.0 + f64::from(i),
            x_text: String::new(),
            y_text: String::new(),
        })
        .collect();
    let charts = [
        ranked_bars(
            test_header(),
            &bars,
            Some((40.0, "Avg".into())),
            &[],            ["a", "b", "c"],
        )
        .unwrap(),
        paired_bars(
            test_header(),
            &[Pair {
                label: "A".into(),
                value: 50.0,
                value_text: "50.0".into(),
                reference: Some(40.0),
                reference_text: "40.0".into(),
                interval: None,
                census: false,
            }],
            ["A", "B", "census"],
            ["a", "b", "c", "d"],
        )
        .unwrap(),
        history(
            test_header(),
            &[point(2025, 80.0), point(2026, 85.0)],
            ["A", "B"],
            ["x", "y"],
            ["a", "b", "c", "d", "e"],
        )
        .unwrap(),
        scatter(test_header(), &scatter_points, ["x", "y"], ["a", "b", "c"]).unwrap(),
    ];
    for chart in &charts {
        for drawing in drawings(&chart.svg) {
            let scale = shown_from(drawing) / f64::from(drawing_width(drawing));
            let smallest = drawing
                .split("font-size=\"")
                .skip(1)
                .map(|v| v.split('"').next().unwrap().parse::<f64>().unwrap())
                .fold(f64::INFINITY, f64::min);
            assert!(smallest * scale >= 11.0, "{} px", smallest * scale);
        }
    }
}

#[test]
fn history_uses_one_scale_for_every_company_and_draws_the_sector_average() {
    let point = history_point;
    let high = history(
        test_header(),
        &[point(2025, 91.0, 70.0), point(2026, 94.5, 71.0)],
        ["Co", "Avg"],
        ["x", "y"],
        ["Edition", "Score", "Rank", "Sector", "Interval"],
    )
    .unwrap();
    for drawing in drawings(&high.svg) {
        // The axis runs from 0 to 100 although every score is above 90.
        for tick in [">0<", ">100<", ">2025<", ">2026<"] {
            assert!(drawing.contains(tick), "{tick:?}");
        }
        // The sector's average: an orange line with a diamond per edition, and the legend's.
        let diamonds: usize = drawing
            .split("<path fill=\"#B87D00\" d=\"")
            .skip(1)
            .map(|p| p.split('"').next().unwrap().matches('z').count())
            .sum();
        assert_eq!(diamonds, 3, "{drawing}");
        assert!(drawing.contains("stroke=\"#B87D00\""), "{drawing}");
    }
    assert_eq!(high.table.head, vec!["Edition", "Score", "Rank", "Sector"]);
    assert_eq!(high.table.rows[1], vec!["2026", "94.5", "#2", "71.0"]);
}

#[test]
fn correlation_of_a_perfect_line_is_one() {
    let up = [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)];
    assert!((correlation(&up).unwrap() - 1.0).abs() < 1e-12);
    let down = [(1.0, 3.0), (2.0, 2.0), (3.0, 1.0)];
    assert!((correlation(&down).unwrap() + 1.0).abs() < 1e-12);
    assert_eq!(correlation(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]), None);
}

#[test]
fn chart_svg_is_labelled_and_uses_current_colour() {
    let header = Header {
        id: "c1".into(),
        title: "T <x>".into(),
        description: "D".into(),
        right_to_left: false,
    };
    let bars = [Bar {
        label: "A & B".into(),
        value: 80.0,
        value_text: "80.0".into(),
        highlight: false,
        interval: None,
    }];
    let chart = ranked_bars(
        header,
        &bars,
        Some((70.0, "Avg 70.0".into())),
        &[],        ["Company", "Score", "Interval"],
    )
    .unwrap();
    assert!(chart.svg.contains("aria-labelledby=\"c1-title c1-desc\""));
    assert!(
        chart
            .svg
            .contains("<title id=\"c1-title\">T &lt;x&gt;</title>")
    );
    assert!(!chart.svg.contains("#000000"));
    assert!(chart.svg.contains("A &amp; B"), "{}", chart.svg);
    assert_eq!(
        chart.table.rows,
        vec![vec!["A & B".to_string(), "80.0".to_string()]]
    );
}

/// On a right-to-left page every chart is its mirror image: each text and mark at the width
/// less its place (labels on the right, bars growing leftwards), and the text runs right to
/// left, so that a label's start is on its right and "95 % interval" keeps the page's order.
#[test]
fn a_right_to_left_chart_is_the_mirror_image_of_its_left_to_right_one() {
    let bars = [
        Bar {
            label: "الأول".into(),
            value: 80.0,
            value_text: "80.0".into(),
            highlight: false,
            interval: Some((75.0, 85.0, "75.0–85.0".into())),
        },
        Bar {
            label: "الثاني".into(),
            value: 60.0,
            value_text: "60.0".into(),
            highlight: true,
            interval: None,
        },
    ];
    let draw = |right_to_left: bool| {
        let header = Header {
            right_to_left,
            ..test_header()
        };
        ranked_bars(header, &bars, Some((70.0, "70.0".into())), &[], ["C", "S", "I"])
            .unwrap()
            .svg
    };
    let (ltr, rtl) = (draw(false), draw(true));
    let wide = |svg: &str| drawings(svg)[0].to_string();
    let (ltr, rtl) = (wide(&ltr), wide(&rtl));
    assert!(rtl.contains(" direction=\"rtl\">"), "{rtl}");
    assert!(!ltr.contains("direction"));
    let xs = |svg: &str| -> Vec<i32> {
        svg.match_indices("<text x=\"")
            .map(|(at, m)| {
                let rest = &svg[at + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    };
    let (left, right) = (xs(&ltr), xs(&rtl));
    assert!(left.len() >= 6, "{ltr}");
    assert_eq!(right, left.iter().map(|x| 720 - x).collect::<Vec<_>>());
    // The same texts, in the same order, with the same anchors.
    let texts = |svg: &str| -> Vec<String> {
        svg.split("<text ").skip(1).map(|t| t[t.find('>').unwrap()..t.find("</text>").unwrap()].to_string()).collect()
    };
    assert_eq!(texts(&ltr), texts(&rtl));
    // The bars: the first starts at the value axis and grows the other way.
    let first_bar = |svg: &str| -> (i32, i32) {
        let at = svg.find("fill=\"#0072B2\" d=\"M").unwrap() + "fill=\"#0072B2\" d=\"M".len();
        let rest = &svg[at..];
        let left: i32 = rest[..rest.find(' ').unwrap()].parse().unwrap();
        let h = rest.find('H').unwrap();
        let right: i32 = rest[h + 1..rest.find('V').unwrap()].parse().unwrap();
        (left, right)
    };
    let (l0, l1) = first_bar(&ltr);
    assert_eq!(first_bar(&rtl), (720 - l1, 720 - l0));
}

#[test]
fn an_interval_is_a_whisker_and_a_table_column_and_the_label_clears_it() {
    let bars = [
        Bar {
            label: "A".into(),
            value: 60.0,
            value_text: "60.0".into(),
            highlight: false,
            interval: Some((50.0, 80.0, "50.0–80.0".into())),
        },
        Bar {
            label: "B".into(),
            value: 40.0,
            value_text: "40.0".into(),
            highlight: false,
            interval: None,
        },
    ];
    let chart = ranked_bars(test_header(), &bars, None, &[], ["Company", "Score", "Interval"]).unwrap();
    assert_eq!(chart.table.head, vec!["Company", "Score", "Interval"]);
    assert_eq!(chart.table.rows[0], vec!["A", "60.0", "50.0–80.0"]);
    assert_eq!(chart.table.rows[1], vec!["B", "40.0", "–"]);
    // Three ink strokes for the whisker and its caps, in one path: its x from 50 to 80 on the
    // axis and a cap across each end.
    let whisker = chart
        .svg
        .split("<path")
        .find(|p| p.contains("stroke=\"currentColor\" stroke-width=\"2\""))
        .expect("a whisker");
    assert_eq!(whisker.matches('M').count(), 3, "{whisker}");
    // The value label of A starts right of the whisker's end (80 on the axis).
    let without = ranked_bars(
        test_header(),
        &[Bar {
            interval: None,
            ..bars[0].clone()
        }],
        None,
        &[],
        ["Company", "Score", "Interval"],
    )
    .unwrap();
    assert_ne!(chart.svg, without.svg);
    assert_eq!(without.table.head, vec!["Company", "Score"]);
}

/// An interval of no width (every respondent gave the same answer) is drawn as a single cap where
/// the value is, in the bar chart and the history chart: no line of no length, no cap drawn
/// twice over itself.
#[test]
fn an_interval_of_no_width_is_one_cap() {
    // The points of the whisker path (ink, 2 px), and how many strokes it has.
    let whisker = |drawing: &str| -> (usize, Vec<(i32, i32)>) {
        let path = drawing
            .split("<path")
            .find(|p| p.contains("stroke=\"currentColor\" stroke-width=\"2\""))
            .expect("a whisker");
        let data = path
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        (data.matches('M').count(), path_points(data))
    };
    let bar = |low: f64, high: f64| Bar {
        label: "A".into(),
        value: 60.0,
        value_text: "60.0".into(),
        highlight: false,
        interval: Some((low, high, format!("{low:.1}–{high:.1}"))),
    };
    let head = ["Company", "Score", "Interval"];
    let wide = ranked_bars(test_header(), &[bar(50.0, 80.0)], None, &[], head).unwrap();
    let point = ranked_bars(test_header(), &[bar(60.0, 60.0)], None, &[], head).unwrap();
    for (drawing_of_wide, drawing_of_point) in drawings(&wide.svg).into_iter().zip(drawings(&point.svg)) {
        let (strokes, wide_points) = whisker(drawing_of_wide);
        assert_eq!(strokes, 3, "a line and two caps: {drawing_of_wide}");
        let (strokes, cap) = whisker(drawing_of_point);
        assert_eq!(strokes, 1, "one cap: {drawing_of_point}");
        // The cap runs across the bar at 60 on the axis: between the real whisker's ends (50
        // and 80), one x for both of its points.
        let (left, right) = (wide_points[0].0, wide_points[1].0);
        assert_eq!(cap.len(), 2, "{cap:?}");
        assert_eq!(cap[0].0, cap[1].0, "{cap:?}");
        let expected = left + (right - left) / 3;
        assert!((cap[0].0 - expected).abs() <= 1, "{cap:?} {left} {right}");
    }

    let mut flat = history_point(2026, 70.0, 60.0);
    flat.interval = Some((70.0, 70.0, "70.0–70.0".into()));
    let chart = history(
        test_header(),
        &[history_point(2025, 65.0, 60.0), flat],
        ["Co", "Avg"],
        ["x", "y"],
        ["Edition", "Score", "Rank", "Sector", "Interval"],
    )
    .unwrap();
    for drawing in drawings(&chart.svg) {
        let (strokes, cap) = whisker(drawing);
        assert_eq!(strokes, 1, "one cap: {drawing}");
        assert_eq!(cap[0].1, cap[1].1, "a level cap: {cap:?}");
    }
}

#[test]
fn every_mark_colour_has_3_to_1_against_the_chart_background_in_both_schemes() {
    // The charts sit on `--surface`; the default theme sets it for the light and the dark scheme.
    let css = include_str!("../../../themes/default/static/assets/style.css");
    let surfaces: Vec<RGBColor> = css
        .split("--surface: #")
        .skip(1)
        .take(2)
        .map(|v| {
            let hex = u32::from_str_radix(&v[..6], 16).unwrap();
            RGBColor((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
        })
        .collect();
    assert_eq!(surfaces.len(), 2, "a light and a dark surface");
    for surface in surfaces {
        for mark in [PRIMARY, REFERENCE, HIGHLIGHT] {
            let rgb = |RGBColor(r, g, b): RGBColor| [r, g, b];
            let ratio = crate::model::brand::contrast(rgb(mark), rgb(surface));
            assert!(ratio >= 3.0, "{mark:?} on {surface:?}: {ratio:.2}");
        }
    }
}

#[test]
fn path_data_is_read_back_point_by_point() {
    assert_eq!(
        path_points("M248 11l6 6-6 6-6-6z"),
        [(248, 11), (254, 17), (248, 23), (242, 17), (248, 11)]
    );
    assert_eq!(
        path_points("M71 62V267M66 267H71"),
        [(71, 62), (71, 267), (66, 267), (71, 267)]
    );
}

/// A company's criteria drawn with `rows` rows, each with an interval and the sector's average.
fn criteria_chart(rows: usize) -> Chart {
    let pairs: Vec<Pair> = (0..rows)
        .map(|row| {
            let value = 30.0 + 7.0 * row as f64;
            Pair {
                label: format!("Criterion {row}"),
                value,
                value_text: format!("{value:.1}"),
                reference: Some(value + 12.0),
                reference_text: format!("{:.1}", value + 12.0),
                interval: Some((value - 4.0, value + 4.0, "±4".to_string())),
                census: false,
            }
        })
        .collect();
    paired_bars(
        test_header(),
        &pairs,
        ["Co", "Avg", "census"],
        ["a", "b", "c", "d"],
    )
    .unwrap()
}

/// The elements of a drawing other than texts and their groups.
fn marks(drawing: &str) -> usize {
    ["<path", "<rect", "<circle", "<line", "<polygon"]
        .iter()
        .map(|tag| drawing.matches(tag).count())
        .sum()
}

/// Marks of one look are one path whatever the number of rows: the bars, the whiskers, the
/// averages' lines and their diamonds each take one element, however many criteria there are
/// (a page of 8 criteria wrote 40 such elements per drawing); texts state their alignment
/// through the `<g>` around them and their vertical anchor in their `y`. And the picture is
/// what it was: every bar, diamond and figure where it belongs.
#[test]
fn marks_of_one_look_are_one_path_whatever_the_number_of_rows() {
    let (few, many) = (criteria_chart(3), criteria_chart(8));
    for (few, many) in drawings(&few.svg).into_iter().zip(drawings(&many.svg)) {
        assert_eq!(marks(few), marks(many), "{few}\n{many}");
        assert!(marks(many) <= 10, "{many}");
        assert!(!many.contains(" dy="), "{many}");
        assert_eq!(
            many.matches("text-anchor=").count(),
            many.matches("<g text-anchor=").count()
        );
    }
    let wide = drawings(&many.svg)[0];
    let bars = wide
        .split("<path fill=\"#0072B2\" d=\"")
        .map(|p| p.split('"').next().unwrap().matches('z').count())
        .max();
    assert_eq!(bars, Some(8), "{wide}");
    let pixmap = rendered(wide.trim_end());
    let colour = |x: i32, y: i32| {
        let p = pixmap.pixel(x as u32, y as u32).unwrap();
        (p.red(), p.green(), p.blue(), p.alpha())
    };
    let lines = grid_points(wide);
    let (start, end) = (lines[0].0, lines[lines.len() - 1].0);
    let at = |value: f64| start + ((end - start) as f64 * value / 100.0).round() as i32;
    for row in 0..8 {
        let value = 30.0 + 7.0 * row as f64;
        // The figure's baseline is 4 units below the middle of its bar.
        let middle = label_attribute(wide, &format!("{value:.1}"), "y") - 4;
        // The bar (above its whisker), nothing past the whisker's cap, the diamond at the
        // average.
        let blue = (0x00, 0x72, 0xB2, 255);
        assert_eq!(colour(at(value) - 3, middle - 6), blue, "row {row}");
        assert_ne!(
            colour(at(value) + 3, middle - 6),
            blue,
            "row {row}: past the bar"
        );
        assert_eq!(
            colour(at(value + 7.0), middle).3,
            0,
            "row {row}: past the cap"
        );
        let orange = (0xB8, 0x7D, 0x00, 255);
        assert_eq!(colour(at(value + 12.0), middle), orange, "row {row}");
    }
}

#[test]
fn chart_svg_states_shared_attributes_once_and_joins_strokes_of_one_style() {
    let bars = [50.0, 70.0].map(|value| Bar {
        label: format!("Company {value}"),
        value,
        value_text: format!("{value:.1}"),
        highlight: false,
        interval: None,
    });
    let chart = ranked_bars(test_header(), &bars, None, &[], ["a", "b", "c"]).unwrap();
    let wide = drawings(&chart.svg)[0];
    for drawing in drawings(&chart.svg) {
        // Family, size and ink once, on the root.
        let root = &drawing[..drawing.find('>').unwrap()];
        assert!(
            root.contains("font-family=\"sans-serif\" font-size=\"14.5\" fill=\"currentColor\"")
        );
        assert_eq!(drawing.matches("font-family=").count(), 1);
        assert_eq!(drawing.matches("font-size=").count(), 1);
        assert!(!drawing.contains("opacity=\"1\""));
        assert!(!drawing.contains("stroke=\"none\""));
        assert!(!drawing.contains("text-anchor=\"start\""));
        // The six grid lines of the value axis (0 to 100 in steps of 20): one path, with the
        // opacity plotters gives them.
        let grid: Vec<&str> = drawing
            .split("<path")
            .filter(|p| p.contains("opacity=\"0.15\""))
            .collect();
        assert_eq!(grid.len(), 1, "{drawing}");
        assert_eq!(grid[0].matches('M').count(), 6, "{drawing}");
        // The axis line and its six ticks in the ink: one path too, though plotters draws each
        // tick after its label; the labels follow the path, on top of it.
        let ink = "<path fill=\"none\" stroke=\"currentColor\" d=\"";
        assert_eq!(drawing.matches(ink).count(), 1, "{drawing}");
        let axis = drawing
            .split(ink)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(path_points(axis).len() >= 2 + 6 * 2, "{axis}");
        assert!(drawing.find(ink) < drawing.find(">100</text>"), "{drawing}");
    }
    // The picture: resvg draws the 70-point bar in the primary colour across 70 % of the
    // axis, and the grid's paler ink beside it.
    let svg = wide.trim_end();
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let pixel = |x: u32, y: u32| {
        let p = pixmap.pixel(x, y).unwrap();
        (p.red(), p.green(), p.blue())
    };
    // The value axis runs from the first grid line (0) to the last (100), right of the labels'
    // area, which is as wide as the longest label needs.
    let lines = grid_points(wide);
    let (axis_start, axis_end) = (lines[0].0 as u32, lines[lines.len() - 1].0 as u32);
    assert!(
        axis_start < 200,
        "short labels leave the bars most of the width: {axis_start}"
    );
    let bar_y = label_attribute(wide, "70.0", "y") as u32;
    let seventy = axis_start + (axis_end - axis_start) * 7 / 10;
    assert_eq!(pixel(seventy - 3, bar_y), (0x00, 0x72, 0xB2));
    assert_eq!(pixel(seventy + 3, bar_y), (255, 255, 255));
}

/// A long criterion name ("Verbindliche interne Servicestandards", 37 characters) is drawn
/// whole on desktops and phones: the desktop's label area grows with the longest label, and
/// the bars keep the rest. A label wider than the room (340 units on desktops, the drawing's
/// width on phones) ends in "…" (the table has it whole).
#[test]
fn long_bar_labels_are_drawn_whole_while_they_fit() {
    let long = "Verbindliche interne Servicestandards";
    let longer = "Beschwerdemanagement und Rückmeldung an die Kundschaft";
    let bars = [long, longer, "Kurz"].map(|label| Bar {
        label: label.to_string(),
        value: 60.0,
        value_text: "60.0".to_string(),
        highlight: false,
        interval: None,
    });
    let chart = ranked_bars(test_header(), &bars, None, &[], ["a", "b", "c"]).unwrap();
    let wide = drawings(&chart.svg)[0];
    for drawing in drawings(&chart.svg) {
        assert!(drawing.contains(&format!(">{long}</text>")), "{drawing}");
        let cut = drawing
            .split("<text")
            .filter_map(|t| t.split('>').nth(1)?.strip_suffix("</text"))
            .find(|t| t.ends_with('…'))
            .expect("the longer label cut");
        assert!(
            cut.len() > 30 && longer.starts_with(cut.trim_end_matches('…')),
            "{cut}"
        );
    }
    // On desktops the labels' area is 340 units wide at most and ends 8 units before the bars,
    // which start at the value axis's first grid line.
    let first_grid_x = grid_points(wide)[0].0;
    assert_eq!(first_grid_x, 8 + 340 + 16);
    assert_eq!(label_attribute(wide, long, "x"), first_grid_x - 8);
}

/// A drawing as resvg renders it with DejaVu Sans as `sans-serif`, on a transparent ground.
fn rendered(drawing: &str) -> tiny_skia::Pixmap {
    let mut fonts = usvg::fontdb::Database::new();
    for face in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/fonts")
            .join(face);
        fonts.load_font_data(std::fs::read(path).unwrap());
    }
    fonts.set_sans_serif_family("DejaVu Sans");
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(drawing, &options).unwrap();
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap
}

/// Whether anything is drawn in columns `columns` of rows `rows`.
fn ink_in(
    pixmap: &tiny_skia::Pixmap,
    columns: std::ops::Range<u32>,
    rows: std::ops::Range<u32>,
) -> Option<(u32, u32)> {
    rows.flat_map(|y| columns.clone().map(move |x| (x, y)))
        .find(|&(x, y)| pixmap.pixel(x, y).is_some_and(|p| p.alpha() > 0))
}

/// Labels are measured, not counted: 37 capitals are wider than 37 average letters, and were
/// drawn past the drawing's left edge on desktops and its right edge on phones.
#[test]
fn wide_bar_labels_stay_inside_the_drawing() {
    let pairs = [
        "VERBINDLICHE INTERNE SERVICESTANDARDS",
        "ОПЕРАТИВНОСТЬ ОБРАБОТКИ ЖАЛОБ КЛИЕНТОВ",
        "Kurz",
    ]
    .map(|label| Pair {
        label: label.to_string(),
        value: 40.0,
        value_text: "40.0".to_string(),
        reference: Some(50.0),
        reference_text: "50.0".to_string(),
        interval: None,
        census: false,
    });
    let chart = paired_bars(
        test_header(),
        &pairs,
        ["A", "B", "census"],
        ["a", "b", "c", "d"],
    )
    .unwrap();
    let bars = pairs.clone().map(|pair| Bar {
        label: pair.label,
        value: pair.value,
        value_text: pair.value_text,
        highlight: false,
        interval: None,
    });
    let ranked = ranked_bars(test_header(), &bars, None, &[], ["a", "b", "c"]).unwrap();
    for drawing in drawings(&chart.svg).into_iter().chain(drawings(&ranked.svg)) {
        let pixmap = rendered(drawing);
        let (width, height) = (pixmap.width(), pixmap.height());
        assert_eq!(ink_in(&pixmap, 0..4, 0..height), None, "{drawing}");
        assert_eq!(
            ink_in(&pixmap, width - 4..width, 0..height),
            None,
            "{drawing}"
        );
    }
    // What fits is drawn whole: the desktop's area grows to the widest label.
    assert!(drawings(&ranked.svg)[0].contains(">VERBINDLICHE INTERNE SERVICESTANDARDS</text>"));
}

/// A legend naming a long sector ends before the drawing's right edge, cut with "…" (the
/// chart's table names it whole), instead of running past the edge and losing letters there.
#[test]
fn a_long_legend_label_ends_inside_the_drawing() {
    let point = |year: i32, score: f64| history_point(year, score, 70.0);
    let average =
        "Sector average (Banks, building societies and savings institutions of the north)";
    let chart = history(
        test_header(),
        &[point(2025, 71.0), point(2026, 74.5)],
        ["Atlas Tours", average],
        ["x", "y"],
        ["Edition", "Score", "Rank", "Sector", "Interval"],
    )
    .unwrap();
    for drawing in drawings(&chart.svg) {
        assert!(
            !drawing.contains(average) && drawing.contains("…</text>"),
            "{drawing}"
        );
        // The legend's rows: no ink in the drawing's last 4 units.
        let pixmap = rendered(drawing);
        let width = pixmap.width();
        assert_eq!(ink_in(&pixmap, width - 4..width, 0..52), None, "{drawing}");
    }
}

/// A dot plot's axis starts and ends on multiples of five around every value and interval, is
/// at least ten points wide, and stays inside 0 to 100.
#[test]
fn a_dot_plots_axis_is_zoomed_to_its_values() {
    use super::dots::zoomed_axis;
    assert_eq!(zoomed_axis([65.0, 72.8].into_iter()), (60.0, 75.0));
    assert_eq!(zoomed_axis([97.5, 98.7].into_iter()), (90.0, 100.0));
    assert_eq!(zoomed_axis([0.4, 3.0].into_iter()), (0.0, 10.0));
    assert_eq!(zoomed_axis([50.0].into_iter()), (45.0, 55.0));
    assert_eq!(zoomed_axis(std::iter::empty()), (0.0, 100.0));
}

/// Every key is drawn with its words, a ring for a row that cannot lead, and the labels sit
/// left of the plot although the axis does not start at zero.
#[test]
fn a_dot_plot_draws_its_keys_rings_and_labels() {
    let dots = [
        Dot {
            label: "Small".into(),
            value: 72.8,
            value_text: "72.8".into(),
            interval: None,
            look: DotLook::Hollow,
            shaded: false,
        },
        Dot {
            label: "Banks".into(),
            value: 70.7,
            value_text: "70.7".into(),
            interval: Some((69.0, 72.0, "69.0–72.0".into())),
            look: DotLook::Leading,
            shaded: true,
        },
    ];
    let keys = [
        Key {
            mark: KeyMark::Dot(DotLook::Hollow),
            label: "Too few".into(),
        },
        Key {
            mark: KeyMark::Reference,
            label: "All: 67.5".into(),
        },
    ];
    let chart = dot_plot(test_header(), &dots, Some(67.5), &keys, ["a", "b", "c"]).unwrap();
    let wide = drawings(&chart.svg)[0];
    for svg in drawings(&chart.svg) {
        assert!(svg.contains(">Too few</text>") && svg.contains(">All: 67.5</text>"));
        assert!(svg.contains(">65</text>") && !svg.contains(">0</text>"));
    }
    // On desktops the names end left of the axis.
    let axis = label_attribute(wide, "65", "x");
    assert!(label_attribute(wide, "Banks", "x") < axis);
    assert_eq!(chart.table.rows[1], vec!["Banks", "70.7", "69.0–72.0"]);
}

#[test]
fn a_dense_scatter_draws_each_spot_once_as_a_round_dot_under_the_line() {
    let point = |i: usize, x: f64, y: f64| ScatterPoint {
        label: format!("{i}"),
        x,
        y,
        x_text: String::new(),
        y_text: String::new(),
    };
    // 400 companies, the last 100 on the spot of the first 100: 300 spots to draw.
    let points: Vec<ScatterPoint> = (0..400)
        .map(|i| {
            let j = (i % 300) as f64;
            point(i, 10.0 + j * 0.25, 12.0 + j * 0.24)
        })
        .collect();
    let chart = scatter(test_header(), &points, ["x", "y"], ["a", "b", "c"]).unwrap();
    let drawn = drawings(&chart.svg);
    assert_eq!(drawn.len(), 2, "a desktop and a phone drawing");
    for (drawing, diameter) in drawn.into_iter().zip([6, 5]) {
        // One path of round caps; no circle of its own for any company.
        assert!(!drawing.contains("a5 5 0") && !drawing.contains("a4 4 0"));
        let dots = drawing
            .split(&format!(
                "stroke-width=\"{diameter}\" stroke-linecap=\"round\" d=\""
            ))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the points' path");
        let spots = dots.matches("h0").count();
        assert!(
            spots <= 300 && spots > 150,
            "{spots} dots: repeated spots are drawn once"
        );
        // Under the least-squares line, which stays visible.
        let dots_at = drawing.find("stroke-linecap=\"round\"").unwrap();
        let line_at = drawing.find("stroke=\"#B87D00\" stroke-width=\"3\"").unwrap();
        assert!(dots_at < line_at);
    }
    // Every company is still in the table; a sparse scatter keeps its translucent circles.
    assert_eq!(chart.table.rows.len(), 400);
    let sparse = scatter(test_header(), &points[..50], ["x", "y"], ["a", "b", "c"]).unwrap();
    assert!(sparse.svg.contains("opacity=\"0.8\"") && !sparse.svg.contains("linecap"));
}

#[test]
fn a_history_says_where_its_years_are_for_the_tips_also_mirrored() {
    // 2025 is missing: the 2026 row lies two steps on. Each point's label stands over its dot.
    for right_to_left in [false, true] {
        let chart = history(
            Header {
                right_to_left,
                ..test_header()
            },
            &[history_point(2024, 65.0, 60.0), history_point(2026, 75.0, 60.0)],
            ["Co", "Avg"],
            ["x", "y"],
            ["Edition", "Score", "Rank", "Sector", "Interval"],
        )
        .unwrap();
        let svg = drawings(&chart.svg)[0];
        let tips: Vec<&str> = svg
            .split("data-tips=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .split(' ')
            .collect();
        assert_eq!((tips[0], tips[3]), ("x", "year"), "{tips:?}");
        let (first, step): (f64, f64) = (tips[1].parse().unwrap(), tips[2].parse().unwrap());
        let near = |a: f64, b: i32| (a - f64::from(b)).abs() <= 1.0;
        assert!(near(first, label_attribute(svg, "65.0", "x")), "{tips:?}");
        assert!(near(first + 2.0 * step, label_attribute(svg, "75.0", "x")), "{tips:?}");
        assert_eq!(step < 0.0, right_to_left, "{tips:?}");
    }
}

#[test]
fn a_scatter_chart_lists_its_points_for_the_tips_unless_its_table_is_a_download() {
    let points = |count: usize| -> Vec<ScatterPoint> {
        (0..count)
            .map(|i| ScatterPoint {
                label: format!("{i}"),
                x: 20.0 + (i % 60) as f64,
                y: 30.0 + (i % 50) as f64,
                x_text: String::new(),
                y_text: String::new(),
            })
            .collect()
    };
    let small = scatter(test_header(), &points(3), ["x", "y"], ["c", "x", "y"]).unwrap();
    for drawing in drawings(&small.svg) {
        let tips = drawing
            .split("data-tips=\"xy ")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no tips: {drawing}"));
        let spots: Vec<(i32, i32)> = tips
            .split(' ')
            .map(|spot| {
                let (x, y) = spot.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert_eq!(spots.len(), 3, "{tips}");
        // In the table's order: x and y grow together, so up and to the right.
        assert!(spots[0].0 < spots[2].0 && spots[0].1 > spots[2].1, "{spots:?}");
    }
    let large = scatter(
        test_header(),
        &points(MAX_TABLE_ROWS + 1),
        ["x", "y"],
        ["c", "x", "y"],
    )
    .unwrap();
    assert!(!large.svg.contains("data-tips"));
}
