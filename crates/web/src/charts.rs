//! Charts drawn on the server as SVG, so that they need no script; every chart stands next to a
//! table of the same figures (the accessible form) and its figures can be downloaded as CSV
//! (`aireg_service::opendata::csv_row`).

use std::fmt::Write as _;

use crate::api::opendata::escape;

/// One bar: what it counts and how many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
}

const WIDTH: usize = 640;
const LABEL_WIDTH: usize = 240;
const BAR_AREA: usize = 320;
const ROW: usize = 26;

/// A horizontal bar chart named by the element `labelled_by` (its heading). Labels are escaped;
/// the bars are scaled to the largest value.
pub fn bars(bars: &[Bar], labelled_by: &str) -> String {
    let height = ROW * bars.len().max(1) + 8;
    let most = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{}\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(labelled_by)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = 4 + i * ROW;
        let length = bar.value * BAR_AREA / most;
        // What the label column holds; the table next to the chart has the whole name.
        let label: String = if bar.label.chars().count() > 28 {
            bar.label.chars().take(27).chain(['…']).collect()
        } else {
            bar.label.clone()
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{length}\" height=\"{}\" fill=\"#1f4e79\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            LABEL_WIDTH - 8,
            y + 17,
            escape(&label),
            ROW - 8,
            LABEL_WIDTH + length + 6,
            y + 17,
            bar.value,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_escape_their_labels() {
        let svg = bars(
            &[
                Bar {
                    label: "Kajaani <&>".into(),
                    value: 10,
                },
                Bar {
                    label: "Paltamo".into(),
                    value: 0,
                },
                Bar {
                    label: "Sotkamo".into(),
                    value: 5,
                },
            ],
            "chart-heading",
        );
        assert!(
            svg.starts_with("<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-heading\"")
        );
        assert!(svg.contains("Kajaani &lt;&amp;&gt;"));
        assert!(
            svg.contains(&format!("width=\"{BAR_AREA}\"")),
            "the largest fills the area"
        );
        assert!(svg.contains(&format!("width=\"{}\"", BAR_AREA / 2)));
        assert!(
            svg.contains("width=\"0\""),
            "an organisation with none is drawn too"
        );
    }
}
