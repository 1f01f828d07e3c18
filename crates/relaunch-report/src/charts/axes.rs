//! The axes of a [`Plot`]: a value grid on the left, and date axes along the bottom whose
//! ticks fall on months, Mondays or days, computed with jiff.

use jiff::ToSpan;

use super::{Plot, date_of_day, day_number, esc, weekday_of_day, write_svg};
use crate::view::format::month_name;

impl Plot {
    /// Horizontal grid lines every `step`, tick labels and a rotated axis label.
    pub fn y_grid(&self, svg: &mut String, step: f64, label: &str, format: impl Fn(f64) -> String) {
        let mut v = self.y0;
        while v <= self.y1 + step * 1e-6 {
            let y = self.y(v);
            write_svg(
                svg,
                format_args!(
                    "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" class=\"{}\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" class=\"tick\">{}</text>\n",
                    self.left,
                    self.w - self.right,
                    if v == self.y0 { "axis" } else { "grid" },
                    self.left - 6.0,
                    y + 4.0,
                    esc(&format(v))
                ),
            );
            v += step;
        }
        let cy = (self.top + self.h - self.bottom) / 2.0;
        write_svg(
            svg,
            format_args!(
                "<text transform=\"translate(14 {cy:.1}) rotate(-90)\" text-anchor=\"middle\" class=\"axislabel\">{}</text>\n",
                esc(label)
            ),
        );
    }

    /// A date axis: weekly ticks when months would be too few, else month ticks.
    pub fn time_axis(&self, svg: &mut String) {
        let px_per_week = (self.w - self.left - self.right) / (self.x1 - self.x0).max(1.0) * 7.0;
        if self.x1 - self.x0 <= 120.0 && px_per_week >= 24.0 {
            self.week_axis(svg, false);
        } else {
            self.month_axis(svg);
        }
    }

    /// Month ticks on an axis of day numbers; the year under January and the first label.
    pub fn month_axis(&self, svg: &mut String) {
        let first = self.x0.ceil() as i64;
        let last = self.x1.floor() as i64;
        let mut month_start = date_of_day(first).first_of_month();
        let mut months = Vec::new();
        loop {
            let day = day_number(month_start);
            if day > last {
                break;
            }
            if day >= first {
                months.push((day, month_start));
            }
            match month_start.checked_add(1.month()) {
                Ok(next) => month_start = next,
                Err(_) => break,
            }
        }
        let px_per_month =
            (self.w - self.left - self.right) / ((self.x1 - self.x0) / 30.44).max(1.0);
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|s| *s as f64 * px_per_month >= 40.0)
            .unwrap_or(12);
        let base = self.h - self.bottom;
        let mut labelled_year = false;
        for &(day, date) in &months {
            let x = self.x(day as f64);
            self.tick(svg, x);
            if (i64::from(date.month()) - 1) % step != 0 {
                continue;
            }
            write_svg(
                svg,
                format_args!(
                    "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{}</text>\n",
                    base + 18.0,
                    month_name(date.month())
                ),
            );
            if date.month() == 1 || !labelled_year {
                labelled_year = true;
                write_svg(
                    svg,
                    format_args!(
                        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick year\">{}</text>\n",
                        base + 32.0,
                        date.year()
                    ),
                );
            }
        }
    }

    /// Ticks on days (short spans) or Mondays, labelled with day and month at least 50 px apart;
    /// `centre` puts each tick in the middle of its day (under a day's bar).
    pub fn week_axis(&self, svg: &mut String, centre: bool) {
        let shift = if centre { 0.5 } else { 0.0 };
        let first = self.x0.ceil() as i64;
        let last = self.x1.floor() as i64;
        let px_per_day = (self.w - self.left - self.right) / (self.x1 - self.x0).max(1.0);
        let tick_days = if px_per_day * 7.0 < 60.0 || last - first > 21 {
            7
        } else {
            1
        };
        let mut day = if tick_days == 7 {
            first + (7 - weekday_of_day(first)) % 7
        } else {
            first
        };
        let base = self.h - self.bottom;
        let step = (50.0 / (px_per_day * tick_days as f64)).ceil().max(1.0) as i64;
        let mut k = 0;
        let mut labelled_year = false;
        while day <= last {
            let x = self.x(day as f64 + shift);
            if x > self.w - self.right {
                break;
            }
            self.tick(svg, x);
            if k % step == 0 && x + 22.0 <= self.w && x - 22.0 >= 0.0 {
                let date = date_of_day(day);
                write_svg(
                    svg,
                    format_args!(
                        "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick\">{} {}</text>\n",
                        base + 18.0,
                        date.day(),
                        month_name(date.month())
                    ),
                );
                if !labelled_year
                    || (date.month() == 1 && i64::from(date.day()) <= tick_days * step)
                {
                    labelled_year = true;
                    write_svg(
                        svg,
                        format_args!(
                            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"tick year\">{}</text>\n",
                            base + 32.0,
                            date.year()
                        ),
                    );
                }
            }
            k += 1;
            day += tick_days;
        }
    }

    /// A date tick at canvas x `x`: a grid line over the plot and a tick below the axis.
    fn tick(&self, svg: &mut String, x: f64) {
        let base = self.h - self.bottom;
        write_svg(
            svg,
            format_args!(
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"vgrid\"/>\
                 <line x1=\"{x:.1}\" y1=\"{base:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"axis\"/>\n",
                self.top,
                base,
                base + 5.0
            ),
        );
    }
}
