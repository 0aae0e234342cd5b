//! Charts drawn and read back: labels, ranges and what a reader sees.

use super::*;

fn test_header() -> Header {
    Header {
        id: "t".to_string(),
        title: "T".to_string(),
        description: "D".to_string(),
    }
}

/// The integer attribute `name` (x, y) of the `<text>` element whose content is `label`.
fn label_attribute(svg: &str, label: &str, name: &str) -> i32 {
    let text_start = svg.find(&format!("\n{label}\n")).expect("label drawn");
    let tag = &svg[svg[..text_start].rfind("<text").expect("text tag")..text_start];
    let value = tag.split(&format!(" {name}=\"")).nth(1).expect("attribute");
    value.split('"').next().unwrap().parse().unwrap()
}

/// The x of the label's `<text>` element, and the rightmost x of the average markers
/// (diamonds) in the same chart row.
fn label_and_marker_x(svg: &str, label: &str) -> (i32, i32) {
    let (x, y) = (
        label_attribute(svg, label, "x"),
        label_attribute(svg, label, "y"),
    );
    let marker_right = svg
        .split("<polygon")
        .skip(1)
        .filter_map(|p| p.split("points=\"").nth(1)?.split('"').next())
        .map(|points| {
            points
                .split_whitespace()
                .map(|xy| {
                    let (px, py) = xy.split_once(',').unwrap();
                    (px.parse::<i32>().unwrap(), py.parse::<i32>().unwrap())
                })
                .collect::<Vec<_>>()
        })
        .filter(|points| points.iter().any(|&(_, py)| py == y))
        .map(|points| points.iter().map(|&(px, _)| px).max().unwrap())
        .max()
        .expect("a marker in the label's row");
    (x, marker_right)
}

#[test]
fn a_value_label_is_never_covered_by_the_average_marker() {
    let pair = |value: f64, reference: f64| Pair {
        label: format!("Criterion {value}"),
        value,
        value_text: format!("{value:.1}"),
        reference: Some(reference),
        reference_text: format!("{reference:.1}"),
        interval: None,
    };
    // Average just past the bar's end, on it, and far beyond it.
    let pairs = [pair(71.8, 72.6), pair(63.0, 63.0), pair(52.0, 66.0)];
    let chart = paired_bars(test_header(), &pairs, ["A", "B"], ["x", "y", "z", "i"]).unwrap();
    for label in ["71.8", "63.0"] {
        let (x, marker_right) = label_and_marker_x(&chart.svg, label);
        assert!(
            x > marker_right,
            "{label} at {x}, marker ends at {marker_right}"
        );
    }
    // A marker well past the label leaves the label at the bar's end, before the marker.
    let (x, marker_right) = label_and_marker_x(&chart.svg, "52.0");
    assert!(
        x < marker_right - 2 * MARKER_HALF_WIDTH,
        "{x} {marker_right}"
    );
}

#[test]
fn a_value_label_is_never_crossed_by_the_average_line() {
    let bar = |value: f64| Bar {
        label: format!("Company {value}"),
        value,
        value_text: format!("{value:.1}"),
        highlight: false,
        interval: None,
    };
    let bars = [bar(85.9), bar(69.6), bar(45.8)];
    let chart = ranked_bars(
        test_header(),
        &bars,
        Some((70.7, "Average".to_string())),
        ["a", "b", "c"],
    )
    .unwrap();
    // The average line is the orange polyline from top to bottom of the plot.
    let line_x: i32 = chart
        .svg
        .split("<polyline")
        .filter(|p| p.contains("#E69F00"))
        .find_map(|p| p.split("points=\"").nth(1)?.split(',').next()?.parse().ok())
        .expect("average line");
    let text_x = |label: &str| label_attribute(&chart.svg, label, "x");
    // 69.6 ends just before the line at 70.7: its label starts right of the line.
    assert!(
        text_x("69.6") > line_x + 1,
        "{} vs line {line_x}",
        text_x("69.6")
    );
    // 45.8 ends far before it: its label stays at the bar, left of the line.
    assert!(text_x("45.8") + 32 < line_x);
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
        ["Company", "Score", "Interval"],
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
    let chart = ranked_bars(test_header(), &bars, None, ["Company", "Score", "Interval"]).unwrap();
    assert_eq!(chart.table.head, vec!["Company", "Score", "Interval"]);
    assert_eq!(chart.table.rows[0], vec!["A", "60.0", "50.0–80.0"]);
    assert_eq!(chart.table.rows[1], vec!["B", "40.0", "–"]);
    // Three ink strokes for the whisker and its caps.
    let whiskers = chart
        .svg
        .split("<polyline")
        .filter(|p| p.contains("currentColor") && p.contains("stroke-width=\"2\""))
        .count();
    assert!(whiskers >= 3, "{}", chart.svg);
    // The value label of A starts right of the whisker's end (80 on the axis).
    let without = ranked_bars(
        test_header(),
        &[Bar {
            interval: None,
            ..bars[0].clone()
        }],
        None,
        ["Company", "Score", "Interval"],
    )
    .unwrap();
    assert_ne!(chart.svg, without.svg);
    assert_eq!(without.table.head, vec!["Company", "Score"]);
}
