//! Charts drawn on the server as SVG: horizontal bars for a few named numbers, lines for
//! numbers over time. Each is an image with a name and a description for screen readers
//! (`role="img"`, `aria-labelledby` its `<title>` and `<desc>`); the page shows the same
//! numbers in a table. Styled by classes only (`static/site.css`): the CSP allows no inline
//! style.

use std::fmt::Write;

/// The drawing's width in SVG units; it scales to its box.
const WIDTH: f64 = 600.0;
/// Room for the bars' labels, left of the bars.
const LABEL_WIDTH: f64 = 170.0;
/// Room for a bar's number, right of the longest bar.
const NUMBER_WIDTH: f64 = 60.0;
const BAR_HEIGHT: f64 = 22.0;
const BAR_GAP: f64 = 8.0;
const LINE_HEIGHT: f64 = 180.0;
/// Room under the lines for the first and last times.
const AXIS_HEIGHT: f64 = 22.0;

/// A chart's accessible name and description, and an id unique on the page (for
/// `aria-labelledby`).
pub struct Caption<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

/// One line of a line chart: its CSS class (`series-1`…, as in the page's legend), one value
/// per point in time.
pub struct Series<'a> {
    pub class: &'a str,
    pub values: &'a [i64],
}

/// Text as SVG (XML) character data or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `value` as a length out of `full`, for a largest value of `max` (nothing when all are 0).
pub fn scale(value: i64, max: i64, full: f64) -> f64 {
    if max <= 0 || value <= 0 {
        0.0
    } else {
        full * value.min(max) as f64 / max as f64
    }
}

fn open(out: &mut String, caption: &Caption, height: f64) {
    let id = escape(caption.id);
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(caption.title),
        escape(caption.desc),
    );
}

/// Horizontal bars, one per `(label, value)`, their lengths in proportion to the largest.
pub fn bars(caption: &Caption, bars: &[(&str, i64)]) -> String {
    let height = (bars.len() as f64 * (BAR_HEIGHT + BAR_GAP)).max(BAR_HEIGHT);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0);
    let full = WIDTH - LABEL_WIDTH - NUMBER_WIDTH;
    let mut out = String::new();
    open(&mut out, caption, height);
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = i as f64 * (BAR_HEIGHT + BAR_GAP);
        let text_y = y + BAR_HEIGHT * 0.7;
        let w = scale(*value, max, full);
        let _ = write!(
            out,
            "<text class=\"chart-label\" x=\"{:.1}\" y=\"{text_y:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"chart-bar\" x=\"{LABEL_WIDTH:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_HEIGHT:.1}\"/>\
             <text class=\"chart-number\" x=\"{:.1}\" y=\"{text_y:.1}\">{value}</text>",
            LABEL_WIDTH - 8.0,
            escape(label),
            LABEL_WIDTH + w + 6.0,
        );
    }
    out.push_str("</svg>");
    out
}

/// The points of one line: evenly spaced across the width, heights in proportion to `max`.
pub fn points(values: &[i64], max: i64) -> Vec<(f64, f64)> {
    let step = if values.len() > 1 {
        WIDTH / (values.len() - 1) as f64
    } else {
        0.0
    };
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (i as f64 * step, LINE_HEIGHT - scale(*v, max, LINE_HEIGHT)))
        .collect()
}

/// Lines over time, all to one scale (the largest value of any), with the first and last
/// times named under them and the largest value at the top.
pub fn lines(caption: &Caption, series: &[Series], first: &str, last: &str) -> String {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    let height = LINE_HEIGHT + AXIS_HEIGHT;
    let mut out = String::new();
    open(&mut out, caption, height);
    let _ = write!(
        out,
        "<line class=\"chart-axis\" x1=\"0\" y1=\"{LINE_HEIGHT}\" x2=\"{WIDTH}\" y2=\"{LINE_HEIGHT}\"/>\
         <text class=\"chart-label\" x=\"2\" y=\"12\">{max}</text>"
    );
    for s in series {
        let pts: Vec<String> = points(s.values, max)
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            out,
            "<polyline class=\"chart-line {}\" points=\"{}\"/>",
            escape(s.class),
            pts.join(" ")
        );
    }
    let _ = write!(
        out,
        "<text class=\"chart-label\" x=\"0\" y=\"{:.1}\">{}</text>\
         <text class=\"chart-label\" x=\"{WIDTH}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></svg>",
        height - 4.0,
        escape(first),
        height - 4.0,
        escape(last),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_scale_to_the_largest_and_never_past_it() {
        assert_eq!(scale(10, 10, 300.0), 300.0);
        assert_eq!(scale(5, 10, 300.0), 150.0);
        assert_eq!(scale(0, 10, 300.0), 0.0);
        assert_eq!(scale(3, 0, 300.0), 0.0);
        assert_eq!(scale(-2, 10, 300.0), 0.0);
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest() {
        let svg = bars(
            &Caption {
                id: "c",
                title: "Queues",
                desc: "Two queues",
            },
            &[("Pending", 4), ("Reported", 2)],
        );
        let full = WIDTH - LABEL_WIDTH - NUMBER_WIDTH;
        assert!(svg.contains(&format!("width=\"{full:.1}\"")), "{svg}");
        assert!(
            svg.contains(&format!("width=\"{:.1}\"", full / 2.0)),
            "{svg}"
        );
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c-title c-desc\""));
        assert!(svg.contains("<title id=\"c-title\">Queues</title>"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn lines_rise_with_their_values_and_text_is_escaped() {
        let p = points(&[0, 5, 10], 10);
        assert_eq!(
            p,
            vec![(0.0, LINE_HEIGHT), (300.0, LINE_HEIGHT / 2.0), (600.0, 0.0)]
        );
        assert_eq!(points(&[7], 7), vec![(0.0, 0.0)]);
        let svg = lines(
            &Caption {
                id: "l",
                title: "<Comments> & more",
                desc: "d",
            },
            &[Series {
                class: "series-1",
                values: &[0, 5, 10],
            }],
            "1 Jun",
            "2 Jun",
        );
        assert!(
            svg.contains("points=\"0.0,180.0 300.0,90.0 600.0,0.0\""),
            "{svg}"
        );
        assert!(svg.contains("&lt;Comments&gt; &amp; more"));
    }
}
