//! A chart's legend: entries laid out left to right, wrapping onto new rows.

use super::{esc, text_width, write_svg};

/// Legend entries laid out left to right, wrapping onto new rows at `max_x`.
#[derive(Debug, Clone)]
pub struct Legend {
    x0: f64,
    x: f64,
    y: f64,
    max_x: f64,
    /// The legend's SVG so far.
    pub svg: String,
}

impl Legend {
    /// A legend whose first row is centred on `y`, between `x` and `max_x`.
    pub fn new(x: f64, y: f64, max_x: f64) -> Legend {
        Legend {
            x0: x,
            x,
            y,
            max_x,
            svg: String::new(),
        }
    }

    /// Moves to the next row when an entry `width` wide would not fit.
    fn room(&mut self, width: f64) {
        if self.x > self.x0 && self.x + width > self.max_x {
            self.x = self.x0;
            self.y += 17.0;
        }
    }

    /// Adds the "plant closed" band when the plant has closed periods in the chart.
    pub fn plant_closed(&mut self, closed: &[(jiff::civil::Date, jiff::civil::Date)]) {
        if !closed.is_empty() {
            self.band(super::CLOSED, "plant closed");
        }
    }

    /// The bottom of the last row.
    pub fn bottom(&self) -> f64 {
        self.y + 8.0
    }

    fn text(&mut self, offset: f64, label: &str) {
        write_svg(
            &mut self.svg,
            format_args!(
                "<text x=\"{:.1}\" y=\"{:.1}\" class=\"legend\">{}</text>\n",
                self.x + offset,
                self.y + 4.0,
                esc(label)
            ),
        );
        self.x += offset + text_width(label) + 18.0;
    }

    /// A filled rectangle: a band or a shaded period.
    pub fn band(&mut self, color: &str, label: &str) {
        self.room(24.0 + text_width(label));
        write_svg(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"18\" height=\"10\" fill=\"{color}\" stroke=\"#8c959f\" stroke-width=\"0.5\"/>\n",
                self.x,
                self.y - 5.0
            ),
        );
        self.text(24.0, label);
    }

    /// A small square of colour.
    pub fn swatch(&mut self, color: &str, label: &str) {
        self.room(20.0 + text_width(label));
        write_svg(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"12\" fill=\"{color}\"/>\n",
                self.x,
                self.y - 6.0
            ),
        );
        self.text(20.0, label);
    }

    /// A line, solid or dashed.
    pub fn line(&mut self, color: &str, label: &str, dashed: bool) {
        self.room(26.0 + text_width(label));
        write_svg(
            &mut self.svg,
            format_args!(
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"{}/>\n",
                self.x,
                self.y,
                self.x + 20.0,
                self.y,
                if dashed {
                    " stroke-dasharray=\"6 4\""
                } else {
                    ""
                }
            ),
        );
        self.text(26.0, label);
    }

    /// A band with its median line, for one of several series.
    pub fn series(&mut self, color: &str, band: &str, label: &str) {
        self.room(26.0 + text_width(label));
        write_svg(
            &mut self.svg,
            format_args!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"20\" height=\"10\" fill=\"{band}\"/>\
                 <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"/>\n",
                self.x,
                self.y - 5.0,
                self.x,
                self.y,
                self.x + 20.0,
                self.y
            ),
        );
        self.text(26.0, label);
    }

    /// The median dot of the cumulative chart.
    pub fn dot(&mut self, label: &str) {
        self.room(16.0 + text_width(label));
        write_svg(
            &mut self.svg,
            format_args!(
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4.5\" class=\"p50dot\"/>\n",
                self.x + 6.0,
                self.y
            ),
        );
        self.text(16.0, label);
    }
}
