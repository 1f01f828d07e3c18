/* relaunch-charts.js: draws relaunch's chart specifications with uPlot 1.6.
 *
 * A spec is the JSON of `ChartSpec` (crates/relaunch-report/src/charts/spec.rs): x values
 * (day numbers for dates), series of y values, bands between two series, and marks (vertical
 * markers, horizontal rules, shaded spans, labelled points, legend keys); a Gantt chart has rows.
 * The report inlines this file after uPlot; the dashboard serves both as static files.
 *
 *   RelaunchCharts.renderAll(root)  draws every `.rc-chart` element under `root` that holds its
 *                                   spec in a JSON script element of class `rc-spec`
 *   RelaunchCharts.render(el, spec) draws `spec` into `el`; returns the uPlot instance
 *
 * Hand-written, no build step, nothing loaded from the network. Every text is set with
 * textContent or drawn on the canvas, never parsed as HTML.
 */
(function (global) {
  "use strict";

  var DAY = 86400;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var FONT = "12px system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";
  var BOLD = "600 " + FONT;
  var INK = "#24292f";
  var MUTED = "#57606a";

  // ---- Formats -------------------------------------------------------------------------------

  function dayText(day, withYear) {
    var d = new Date(Math.round(day) * DAY * 1000);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + (withYear ? " " + d.getUTCFullYear() : "");
  }

  function numberText(v) {
    var r = Math.round(v * 100) / 100;
    return r.toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function signedText(v) {
    var r = Math.round(v * 100) / 100;
    if (r === 0) return "0";
    return (r > 0 ? "+" : "\u2212") + numberText(Math.abs(r));
  }

  // Writes a value of `axis` (already in the axis's own units: days, not seconds).
  function valueText(axis, v) {
    if (v == null || !isFinite(v)) return "\u2014";
    if (axis.format === "date") return dayText(v, true);
    return (axis.format === "signed" ? signedText(v) : numberText(v)) + axis.unit;
  }

  // ---- Canvas helpers ------------------------------------------------------------------------

  function px(n) {
    return n * uPlot.pxRatio;
  }

  function line(ctx, x0, y0, x1, y1, color, width, dashed) {
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = px(width);
    ctx.setLineDash(dashed ? [px(6), px(4)] : []);
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1, y1);
    ctx.stroke();
    ctx.restore();
  }

  // Text with a white halo, kept inside [left, right]: anchored at x on the side given
  // ("left": starts at x, "right": ends at x), moved or flipped when it would leave the box.
  function label(ctx, text, x, y, side, box, color, font) {
    ctx.save();
    ctx.font = (font || FONT).replace(/([\d.]+)px/, function (_, n) { return px(+n) + "px"; });
    var w = ctx.measureText(text).width;
    var start = side === "right" ? x - w : x;
    if (start + w > box.right) start = side === "left" && x - w - px(8) >= box.left ? x - w - px(8) : box.right - w;
    if (start < box.left) start = box.left;
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    ctx.lineWidth = px(3.5);
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.strokeText(text, start, y);
    ctx.fillStyle = color || INK;
    ctx.fillText(text, start, y);
    ctx.restore();
    return [start, start + w];
  }

  function plotBox(u) {
    var b = u.bbox;
    return { left: b.left, right: b.left + b.width, top: b.top, bottom: b.top + b.height };
  }

  // ---- Axes ----------------------------------------------------------------------------------

  // The room an axis needs for its longest value (uPlot's demos measure the same way).
  function axisSize(u, values, axisIdx, cycleNum) {
    var axis = u.axes[axisIdx];
    if (cycleNum > 1) return axis._size;
    var size = axis.ticks.size + axis.gap;
    var longest = (values || []).reduce(function (a, v) { return String(v).length > a.length ? String(v) : a; }, "");
    if (longest !== "") {
      u.ctx.font = axis.font[0];
      size += u.ctx.measureText(longest).width / uPlot.pxRatio;
    }
    return Math.ceil(size) + 2;
  }

  // Tick labels of a date axis (seconds in uPlot): "4 Jan" for days and weeks, "Jan" for months,
  // "2024" for years; the year with the first tick and wherever it changes.
  function dateTicks(u, splits, axisIdx, space, incr) {
    var last = null;
    return splits.map(function (s) {
      var d = new Date(s * 1000), year = d.getUTCFullYear();
      var text = incr >= 360 * DAY ? String(year)
        : incr >= 28 * DAY ? MONTHS[d.getUTCMonth()]
        : d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
      // Under the month on a horizontal axis, beside it on a vertical one.
      if (incr < 360 * DAY && year !== last) text += (u.axes[axisIdx].side % 2 ? " " : "\n") + year;
      last = year;
      return text;
    });
  }

  // Whole days and up between the ticks of a date axis (uPlot's own steps, without hours).
  var MONTH = 30 * DAY, YEAR = 365 * DAY;
  var DATE_INCRS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, MONTH, 2 * MONTH, 3 * MONTH, 6 * MONTH,
    YEAR, 2 * YEAR, 5 * YEAR, 10 * YEAR, 25 * YEAR, 50 * YEAR, 100 * YEAR];

  // Ticks of a date axis at `incr` apart: whole days, weeks from Mondays (as the histograms'
  // bins), first days of months, first days of years.
  function dateSplits(u, axisIdx, min, max, incr) {
    var splits = [], day = Math.ceil(min / DAY), last = Math.floor(max / DAY);
    if (incr < MONTH) {
      var step = Math.round(incr / DAY);
      if (step % 7 === 0) day += ((4 - day) % 7 + 7) % 7; // 1970-01-05 was a Monday.
      for (; day <= last; day += step) splits.push(day * DAY);
      return splits;
    }
    var months = incr < YEAR ? Math.round(incr / MONTH) : 12 * Math.round(incr / YEAR);
    var d = new Date(day * DAY * 1000);
    var m = d.getUTCFullYear() * 12 + d.getUTCMonth() + (d.getUTCDate() > 1 ? 1 : 0);
    m = Math.ceil(m / months) * months;
    for (;; m += months) {
      var t = Date.UTC(Math.floor(m / 12), m % 12, 1) / 1000;
      if (t > max) break;
      splits.push(t);
    }
    return splits;
  }

  // Values and marks on a date axis are days in the spec and seconds in uPlot.
  function scaleOf(axis) {
    return axis.kind === "date" ? DAY : 1;
  }

  // The scale's range: the data's, widened to the spec's marks on it and to zero for bars,
  // padded to round values unless the spec fixes an end.
  function rangeFn(axis, extra, includeZero, isTime, room) {
    return function (u, dmin, dmax) {
      var lo = dmin, hi = dmax;
      extra.forEach(function (v) {
        lo = lo == null ? v : Math.min(lo, v);
        hi = hi == null ? v : Math.max(hi, v);
      });
      if (includeZero) {
        lo = Math.min(lo == null ? 0 : lo, 0);
        hi = Math.max(hi == null ? 0 : hi, 0);
      }
      if (lo == null || hi == null) { lo = 0; hi = 1; }
      var k = scaleOf(axis);
      if (axis.min != null) lo = axis.min * k;
      if (axis.max != null) hi = axis.max * k;
      if (hi <= lo) hi = lo + k;
      if (isTime) {
        var pad = Math.max(k, (hi - lo) * 0.04);
        return [axis.min != null ? lo : lo - pad, axis.max != null ? hi : hi + pad];
      }
      if (room) {
        // Room beyond the bars' ends for the values written there.
        if (hi > 0) hi += (hi - lo) * room;
        if (lo < 0) lo -= (hi - lo) * room;
      }
      var nice = uPlot.rangeNum(lo, hi, 0.08, true);
      return [axis.min != null ? lo : (lo >= 0 && nice[0] < 0 ? 0 : nice[0]), axis.max != null ? hi : nice[1]];
    };
  }

  // ---- Bars ----------------------------------------------------------------------------------

  // A path builder for bars from `bases[si]` (the stack below, or zero) to the series' value,
  // `frac` of the smallest step between x values wide, starting at x (align 1) or centred on it.
  function barsPath(bases, frac, align) {
    return function (u, si, i0, i1) {
      var xs = u.data[0], ys = u.data[si], base = bases[si];
      var step = Infinity;
      for (var i = 1; i < xs.length; i++) step = Math.min(step, xs[i] - xs[i - 1]);
      if (!isFinite(step)) step = 1;
      var width = Math.abs(u.valToPos(xs[0] + step, "x", true) - u.valToPos(xs[0], "x", true)) * frac;
      var along = u.scales.x.ori === 0;
      var fill = new Path2D();
      for (var j = i0; j <= i1; j++) {
        if (ys[j] == null) continue;
        var at = u.valToPos(xs[j], "x", true);
        var from = align === 1 ? at + width * (1 - frac) / frac / 2 : at - width / 2;
        var v0 = u.valToPos(base ? base[j] || 0 : 0, "y", true);
        var v1 = u.valToPos(ys[j], "y", true);
        var len = Math.max(Math.abs(v1 - v0), ys[j] === (base ? base[j] || 0 : 0) ? 0 : px(1));
        if (along) fill.rect(from, Math.min(v0, v1), width, len);
        else fill.rect(Math.min(v0, v1), from, len, width);
      }
      return { stroke: fill, fill: fill };
    };
  }

  // Each bar's value written on it (stacked: in its middle when it fits) or beside its end.
  function drawValueLabels(u, spec, raw, bases) {
    var ctx = u.ctx, box = plotBox(u), along = u.scales.x.ori === 0;
    spec.series.forEach(function (s, k) {
      if (!s.value_labels) return;
      var si = k + 1, ys = u.data[si];
      for (var j = 0; j < ys.length; j++) {
        if (raw[k][j] == null) continue;
        var text = valueText(spec.y, raw[k][j]);
        var at = u.valToPos(u.data[0][j], "x", true);
        var v0 = u.valToPos(bases[si] ? bases[si][j] || 0 : 0, "y", true);
        var v1 = u.valToPos(ys[j], "y", true);
        ctx.font = BOLD.replace("12px", px(11.5) + "px");
        var w = ctx.measureText(text).width;
        if (along) continue; // Vertical bars (histograms) are read from the legend.
        if (s.stack) {
          if (Math.abs(v1 - v0) < w + px(8)) continue;
          ctx.fillStyle = s.color === "#d0d7de" || s.color === "#f2a93b" ? INK : "#fff";
          ctx.textBaseline = "middle";
          ctx.textAlign = "left";
          ctx.fillText(text, (v0 + v1) / 2 - w / 2, at);
        } else {
          var right = v1 >= v0;
          var outside = right ? v1 + px(5) + w <= box.right : v1 - px(5) - w >= box.left;
          label(ctx, text, outside ? (right ? v1 + px(5) : v1 - px(5)) : (right ? v1 - px(5) : v1 + px(5)),
            at, outside === right ? "left" : "right", box, INK, BOLD.replace("12px", "11.5px"));
        }
      }
    });
  }

  // ---- Marks ---------------------------------------------------------------------------------

  function drawSpans(u, spec) {
    var ctx = u.ctx, box = plotBox(u), k = scaleOf(spec.x);
    spec.spans.forEach(function (s) {
      var a = Math.max(box.left, u.valToPos(s.from * k, "x", true));
      var b = Math.min(box.right, u.valToPos(s.to * k, "x", true));
      if (b <= a) return;
      ctx.fillStyle = s.color;
      ctx.fillRect(a, box.top, b - a, box.bottom - box.top);
    });
  }

  // Vertical markers with their labels at the top: beside the line, right of it or else left,
  // in the first of three rows where the label fits, overlaps no other label and keeps clear
  // of every other marker's line (so it reads as its own line's); else written along the line.
  function drawMarkers(u, spec) {
    var ctx = u.ctx, box = plotBox(u), k = scaleOf(spec.x), rows = [[], [], []];
    var font = BOLD.replace("12px", "11.5px");
    var xs = spec.markers.map(function (m) { return u.valToPos(m.at * k, "x", true); });
    spec.markers.forEach(function (m, i) {
      var x = xs[i];
      if (x < box.left - 0.5 || x > box.right + 0.5) return;
      line(ctx, x, box.top, x, box.bottom, m.color, 1.5, m.dashed);
    });
    ctx.font = BOLD.replace("12px", px(11.5) + "px");
    spec.markers.forEach(function (m, i) {
      var x = xs[i];
      if (x < box.left - 0.5 || x > box.right + 0.5) return;
      var w = ctx.measureText(m.label).width, gap = px(10);
      var clear = function (a, b) {
        return a >= box.left && b <= box.right && xs.every(function (other, j) {
          return j === i || Math.abs(other - x) < 1 || other < a - gap || other > b + gap;
        });
      };
      for (var row = 0; row < rows.length; row++) {
        for (var side = 0; side < 2; side++) {
          var a = side === 0 ? x + px(4) : x - px(4) - w;
          var free = rows[row].every(function (r) { return a > r[1] + px(6) || a + w < r[0] - px(6); });
          if (free && clear(a, a + w)) {
            rows[row].push(label(ctx, m.label, a, box.top + px(9 + 15 * row), "left", box, m.color, font));
            return;
          }
        }
      }
      ctx.save();
      ctx.translate(x - px(8), box.top + px(4));
      ctx.rotate(Math.PI / 2);
      label(ctx, m.label, 0, 0, "left", { left: -Infinity, right: Infinity }, m.color, font);
      ctx.restore();
    });
  }

  function drawRules(u, spec) {
    var ctx = u.ctx, box = plotBox(u), k = scaleOf(spec.y), placed = [];
    spec.rules.forEach(function (r) {
      var y = u.valToPos(r.at * k, "y", true);
      if (y < box.top - 0.5 || y > box.bottom + 0.5) return;
      line(ctx, box.left, y, box.right, y, r.color, 1.3, r.dashed);
      // Right-aligned above the line, moved left past labels at nearly the same height.
      var end = box.right - px(4);
      ctx.font = FONT.replace("12px", px(11.5) + "px");
      var w = ctx.measureText(r.label).width;
      while (placed.some(function (p) { return Math.abs(p[0] - y) < px(13) && end > p[1] - px(8) && end - w < p[2] + px(8); })) end -= px(12);
      var span = label(ctx, r.label, end, y - px(8), "right", box, r.color === INK ? INK : MUTED, FONT.replace("12px", "11.5px"));
      placed.push([y, span[0], span[1]]);
    });
  }

  function drawPoints(u, spec) {
    var ctx = u.ctx, box = plotBox(u), kx = scaleOf(spec.x), ky = scaleOf(spec.y);
    spec.points.forEach(function (p) {
      var x = u.valToPos(p.x * kx, "x", true), y = u.valToPos(p.y * ky, "y", true);
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) return;
      ctx.save();
      ctx.beginPath();
      ctx.arc(x, y, px(4.5), 0, 2 * Math.PI);
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.lineWidth = px(2);
      ctx.strokeStyle = p.color;
      ctx.stroke();
      ctx.restore();
      // Below right of the point, or above it near the bottom of the plot.
      var below = y + px(11) < box.bottom - px(8);
      label(ctx, p.label, x + px(8), below ? y + px(11) : y - px(11), "left", box, INK, FONT.replace("12px", "11.5px"));
    });
  }

  // ---- Gantt ---------------------------------------------------------------------------------

  function drawGantt(u, spec) {
    var ctx = u.ctx, box = plotBox(u), n = spec.rows.length;
    var xOf = function (day) { return Math.min(box.right, Math.max(box.left, u.valToPos(day * DAY, "x", true))); };
    var past = function (day) { return u.valToPos(day * DAY, "x", true) > box.right + 0.5; };
    spec.rows.forEach(function (row, i) {
      var y = u.valToPos(n - 1 - i, "y", true), h = px(14);
      var a = xOf(row.start[1]), b = xOf(row.finish[1]);
      ctx.fillStyle = row.color;
      ctx.fillRect(a, y - h / 2, Math.max(b - a, px(2)), h);
      ctx.strokeStyle = MUTED;
      ctx.lineWidth = px(0.6);
      ctx.strokeRect(a, y - h / 2, Math.max(b - a, px(2)), h);
      var whisker = function (from, to, color, dashed) {
        if (from >= to) return;
        var x0 = xOf(from), x1 = xOf(to);
        line(ctx, x0, y, x1, y, color, 1.4, dashed);
        line(ctx, x0, y - px(5), x0, y + px(5), color, 1.4, false);
        if (!past(to)) line(ctx, x1, y - px(5), x1, y + px(5), color, 1.4, false);
      };
      whisker(row.start[0], row.start[2], MUTED, true);
      whisker(row.finish[0], row.finish[2], "#1f2328", false);
      row.due.forEach(function (due) {
        if (past(due)) return;
        var x = xOf(due);
        ctx.beginPath();
        ctx.moveTo(x, y - px(6)); ctx.lineTo(x + px(6), y); ctx.lineTo(x, y + px(6)); ctx.lineTo(x - px(6), y);
        ctx.closePath();
        ctx.fillStyle = "#c62828";
        ctx.fill();
      });
      if (past(row.finish[2])) {
        ctx.beginPath();
        ctx.moveTo(box.right - px(8), y - px(6)); ctx.lineTo(box.right, y); ctx.lineTo(box.right - px(8), y + px(6));
        ctx.closePath();
        ctx.fillStyle = "#1f2328";
        ctx.fill();
        label(ctx, row.end_label, box.right - px(12), y, "right", box, INK, FONT.replace("12px", "11px"));
      } else {
        label(ctx, row.end_label, Math.max(xOf(row.finish[2]), b) + px(6), y, "left", box, INK, FONT.replace("12px", "11px"));
      }
    });
  }

  // ---- Legend keys and the hover readout -----------------------------------------------------

  function keysRow(spec, zoomable) {
    var div = document.createElement("div");
    div.className = "rc-keys";
    spec.keys.forEach(function (key) {
      var item = document.createElement("span");
      item.className = "rc-key";
      var swatch = document.createElement("span");
      swatch.className = "rc-swatch rc-" + key.shape;
      swatch.style[key.shape === "box" ? "background" : "borderColor"] = key.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(key.label));
      div.appendChild(item);
    });
    if (zoomable) {
      var hint = document.createElement("span");
      hint.className = "rc-hint";
      hint.textContent = "drag across the chart to zoom into dates, double-click to zoom out";
      div.appendChild(hint);
    }
    return div;
  }

  // ---- One chart -----------------------------------------------------------------------------

  function render(el, spec) {
    var kx = scaleOf(spec.x), ky = scaleOf(spec.y);
    var gantt = spec.kind === "gantt";
    var horizontal = spec.x.kind === "category";
    var isTimeX = spec.x.kind === "date", isTimeY = spec.y.kind === "date";
    var n = spec.x_values.length;

    // Stacked bars are drawn from the top of the series below them in their stack.
    var raw = spec.series.map(function (s) { return s.values; });
    var drawn = [], bases = [null], tops = {};
    spec.series.forEach(function (s, k) {
      var base = s.stack ? tops[s.stack] : null;
      var values = s.values.map(function (v, j) {
        if (v == null) return null;
        return (base ? base[j] || 0 : 0) + v * ky;
      });
      if (s.stack) tops[s.stack] = values.map(function (v, j) { return v == null ? (base ? base[j] : null) : v; });
      drawn.push(values);
      bases.push(base ? base.slice() : null);
    });
    var xs = spec.x_values.map(function (v) { return v * kx; });
    var data = [xs].concat(drawn);

    var series = [{
      label: isTimeX ? "date" : "",
      class: isTimeX ? "rc-x" : "rc-nolabel",
      value: function (u, v, si, idx) {
        if (idx == null) return "\u2014";
        return horizontal ? spec.categories[idx] : valueText(spec.x, v / kx);
      }
    }];
    var anyBars = false;
    spec.series.forEach(function (s, k) {
      var bars = s.style === "bars";
      anyBars = anyBars || bars;
      var one = {
        label: s.label,
        stroke: s.color,
        width: s.style === "edge" ? 1 : bars ? 0 : 2,
        points: { show: s.style === "line_points", size: 7, width: 2, fill: "#fff" },
        spanGaps: false,
        value: function (u, v, si, idx) { return idx == null ? "\u2014" : valueText(spec.y, raw[k][idx]); }
      };
      if (bars) {
        one.fill = s.color;
        one.paths = barsPath(bases, horizontal ? 0.62 : 0.9, horizontal ? 0 : 1);
      }
      if (s.style === "dashed") one.dash = [6, 4];
      series.push(one);
    });
    if (gantt) series.push({ label: "", scale: "y", show: true, paths: function () { return null; }, points: { show: false } });
    if (gantt) data.push(xs.map(function () { return null; }));

    var bands = spec.bands.map(function (b) {
      return { series: [b.upper + 1, b.lower + 1], fill: b.color + "99" };
    });

    var xMarks = isTimeX ? spec.markers.map(function (m) { return m.at * kx; }) : [];
    var yMarks = spec.rules.map(function (r) { return r.at * ky; });
    var dataMin = xs.length ? xs[0] : 0, dataMax = xs.length ? xs[xs.length - 1] : 0;
    var xRange = rangeFn(spec.x, [], false, isTimeX);
    var scales = {
      x: {
        time: isTimeX,
        ori: horizontal ? 1 : 0,
        // Categories top to bottom in the order given.
        dir: horizontal ? -1 : 1,
        range: horizontal
          ? function () { return [-0.5, n - 0.5]; }
          : function (u, min, max) {
              // Widened to the markers only when the whole data is shown (not when zoomed).
              var whole = min <= dataMin && max >= dataMax;
              return xRange(u, min, max).map(function (v, i) {
                return whole ? xMarks.reduce(function (a, m) { return i ? Math.max(a, m + kx) : Math.min(a, m - kx); }, v) : v;
              });
            }
      },
      y: {
        time: isTimeY,
        ori: horizontal ? 0 : 1,
        dir: horizontal ? 1 : 1,
        range: gantt
          ? function () { return [-0.6, spec.rows.length - 0.4]; }
          : rangeFn(spec.y, yMarks, anyBars, isTimeY, horizontal && spec.series.some(function (s) { return s.value_labels && !s.stack; }) ? 0.12 : 0)
      }
    };

    var rowLabels = spec.rows.map(function (r) { return r.label; });
    var numberValues = function (axis) {
      return function (u, splits) { return splits.map(function (v) { return valueText({ format: axis.format, unit: "" }, v); }); };
    };
    // Options left out stay uPlot's defaults (an `undefined` would replace them).
    var xAxis = {
      scale: "x",
      side: horizontal ? 3 : 2,
      font: FONT,
      labelFont: FONT,
      stroke: MUTED,
      grid: { show: !horizontal, stroke: "#eceff3", width: 1 },
      ticks: { show: true, stroke: "#d0d7de", width: 1, size: 4 }
    };
    if (horizontal) {
      xAxis.size = axisSize;
      xAxis.splits = function () { return spec.x_values; };
      xAxis.values = function (u, splits) { return splits.map(function (i) { return spec.categories[Math.round(i)] || ""; }); };
    } else {
      xAxis.label = spec.x.label;
      xAxis.values = isTimeX ? dateTicks : numberValues(spec.x);
      if (isTimeX) {
        xAxis.incrs = DATE_INCRS;
        xAxis.splits = dateSplits;
      }
    }
    var yAxis = {
      scale: "y",
      side: horizontal ? 2 : 3,
      font: FONT,
      labelFont: FONT,
      stroke: MUTED,
      size: axisSize,
      grid: { show: !gantt, stroke: "#e6e9ed", width: 1 },
      ticks: { show: true, stroke: "#d0d7de", width: 1, size: 4 }
    };
    if (gantt) {
      yAxis.splits = function () { return spec.rows.map(function (_, i) { return i; }); };
      yAxis.values = function (u, splits) { return splits.map(function (v) { return rowLabels[spec.rows.length - 1 - Math.round(v)] || ""; }); };
    } else {
      yAxis.label = spec.y.label;
      yAxis.values = isTimeY ? dateTicks : numberValues(spec.y);
      if (isTimeY) {
        yAxis.incrs = DATE_INCRS;
        yAxis.splits = dateSplits;
      }
    }
    var axes = [xAxis, yAxis];

    var readout = null;
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: spec.height,
      series: series,
      bands: bands,
      scales: scales,
      axes: axes,
      legend: { show: !gantt, live: true },
      cursor: {
        drag: { x: isTimeX && !gantt, y: false },
        points: { show: !horizontal },
        y: gantt
      },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); },
      hooks: {
        drawClear: [function (u) { drawSpans(u, spec); }],
        draw: [function (u) {
          if (gantt) drawGantt(u, spec);
          drawRules(u, spec);
          drawMarkers(u, spec);
          drawPoints(u, spec);
          drawValueLabels(u, spec, raw, bases);
        }],
        setCursor: [function (u) {
          if (!readout) return;
          var top = u.cursor.top;
          var row = top == null || top < 0 ? -1 : spec.rows.length - 1 - Math.round(u.posToVal(top, "y"));
          readout.textContent = spec.rows[row] ? spec.rows[row].note : "Point at a task for its dates.";
        }]
      }
    };

    if (spec.sync) opts.cursor.sync = { key: spec.sync };
    el.textContent = "";
    var chart = new uPlot(opts, data, el);
    if (gantt) {
      readout = document.createElement("div");
      readout.className = "rc-readout";
      readout.textContent = "Point at a task for its dates.";
      el.appendChild(readout);
    }
    if (spec.keys.length || isTimeX) el.appendChild(keysRow(spec, isTimeX && !gantt));

    // The chart follows its container's width.
    if (typeof ResizeObserver === "function") {
      var width = opts.width;
      new ResizeObserver(function () {
        var w = Math.max(280, el.clientWidth);
        if (Math.abs(w - width) >= 1) {
          width = w;
          chart.setSize({ width: w, height: spec.height });
        }
      }).observe(el);
    }
    return chart;
  }

  function renderAll(root) {
    var charts = [];
    (root || document).querySelectorAll(".rc-chart").forEach(function (el) {
      var script = el.querySelector("script.rc-spec");
      if (!script) return;
      var spec = JSON.parse(script.textContent);
      var holder = document.createElement("div");
      holder.className = "rc-plot";
      el.appendChild(holder);
      charts.push(render(holder, spec));
      el.style.minHeight = "";
    });
    return charts;
  }

  global.RelaunchCharts = { render: render, renderAll: renderAll, valueText: valueText };
})(window);
