// Loads relaunch's HTML pages in Debian's chromium (never a downloaded browser) and checks what a
// reader sees: no console error, nothing requested but the file itself, every chart drawn on a
// canvas with its legend, hover values in the legend, the width following the window; then
// writes a full-page screenshot of each page.
//
//   node report.mjs [--shots DIR] [--each] PAGE.html... [--plain PAGE.html...]
//
// --each also writes a screenshot of every chart, FOLDER-PAGE-CHART.png. A page must hold at
// least one chart, except the pages after --plain (a page of tables, such as calibration.html).
// On every page each chart spec gets its canvas; a chart of horizontal bars (categories down the
// side: sweep.html, sensitivity.html) shows a bar for each non-zero value and room for its
// longest category. The study pages, known by their file name, also hold only charts of their
// kind and their table (EXPECTED below).
//
// Run it from a folder where `npm ci` installed this folder's package.json (see README.md).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let shots = "screenshots";
let each = false;
const pages = [];
const plain = new Set();
let plainFollow = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--shots") shots = args[++i];
  else if (args[i] === "--each") each = true;
  else if (args[i] === "--plain") plainFollow = true;
  else {
    pages.push(args[i]);
    if (plainFollow) plain.add(args[i]);
  }
}
if (pages.length === 0) {
  console.error("usage: node report.mjs [--shots DIR] [--each] PAGE.html... [--plain PAGE.html...]");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

// What a page known by its file name must hold beyond drawn charts: charts of `kind` only, and
// at least one table with rows; `rowPerCategory`: a table row for each category of its charts
// (a sweep's points).
const EXPECTED = {
  "sweep.html": { kind: "sweep", rowPerCategory: true },
  "sensitivity.html": { kind: "sensitivity", rowPerCategory: false },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else {
    failed++;
    console.log(`  FAIL ${what}`);
  }
}

for (const file of pages) {
  const url = pathToFileURL(resolve(file)).href;
  console.log(`${file}`);
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  const requests = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("request", (req) => requests.push(req.url()));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(300);

  check(errors.length === 0, `no console errors (${errors.join(" | ")})`);
  const foreign = requests.filter((r) => r !== url);
  check(foreign.length === 0, `nothing requested but the page (${foreign.join(", ")})`);

  const charts = await page.$$eval(".rc-chart", (els) => els.map((el) => ({
    id: el.id,
    canvas: el.querySelectorAll("canvas").length,
    width: el.querySelector("canvas") ? el.querySelector("canvas").getBoundingClientRect().width : 0,
    legend: el.querySelectorAll(".u-legend").length,
    gantt: !!el.querySelector(".rc-readout"),
  })));
  const scripts = await page.$$eval("script", (els) => els.filter((s) => s.src).length);
  check(scripts === 0, "every script inline");
  console.log(`  ${charts.length} charts`);
  if (!plain.has(file)) check(charts.length > 0, "the page has charts");
  for (const c of charts) {
    check(c.canvas === 1, `${c.id} holds one canvas (has ${c.canvas})`);
    check(c.width > 250, `${c.id} is drawn (${c.width}px wide)`);
    check(c.gantt || c.legend === 1, `${c.id} has its legend`);
  }
  const specs = await page.$$eval("script.rc-spec", (els) => els.length);
  const canvases = await page.$$eval(".rc-chart canvas", (els) => els.length);
  check(specs === charts.length && canvases === specs, `a canvas for every chart spec (${specs} specs, ${charts.length} charts, ${canvases} canvases)`);

  // Horizontal bars (categories down the side): the rows of each bar series' colour in the plot
  // (not the axes, whose ticks share a grey with some bars), against its values that are at
  // least 1% of the chart's largest; the plot starts right of the longest category as drawn in
  // the chart's font (uPlot: tick 4 px, gap 5 px).
  const horizontal = await page.$$eval(".rc-chart", (els) => els.map((el) => {
    const spec = JSON.parse(el.querySelector("script.rc-spec").textContent);
    if (spec.x.kind !== "category") return null;
    const canvas = el.querySelector("canvas");
    const ctx = canvas.getContext("2d");
    const box = canvas.getBoundingClientRect();
    const over = el.querySelector(".u-over").getBoundingClientRect();
    const scale = canvas.width / box.width;
    const width = Math.floor(over.width * scale);
    const height = Math.floor(over.height * scale);
    const pixels = ctx.getImageData(Math.round((over.left - box.left) * scale), Math.round((over.top - box.top) * scale), width, height).data;
    const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const largest = Math.max(0, ...spec.series.flatMap((s) => s.values.filter((v) => v != null).map(Math.abs)));
    const bars = spec.series.filter((s) => s.style === "bars").map((s) => {
      const [r, g, b] = rgb(s.color);
      let rows = 0;
      let inRow = false;
      for (let y = 0; y < height; y++) {
        let hit = false;
        for (let x = 0, i = y * width * 4; x < width; x++, i += 4) {
          if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b && pixels[i + 3] === 255) { hit = true; break; }
        }
        if (hit && !inRow) rows++;
        inRow = hit;
      }
      const values = s.values.filter((v) => v != null && v !== 0);
      return {
        label: s.label,
        rows,
        nonZero: values.length,
        visible: values.filter((v) => Math.abs(v) >= 0.01 * largest).length,
      };
    });
    ctx.font = "12px system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif";
    const longest = Math.max(0, ...spec.categories.map((c) => ctx.measureText(c).width));
    const plotLeft = over.left - box.left;
    return { id: el.id, categories: spec.categories.length, bars, longest, plotLeft };
  }).filter((c) => c));
  for (const h of horizontal) {
    for (const b of h.bars) {
      check(b.rows >= b.visible && b.rows <= b.nonZero,
        `${h.id} draws a bar of "${b.label}" for its non-zero values (${b.rows} drawn, ${b.visible}–${b.nonZero} expected)`);
    }
    check(h.longest > 0 && h.plotLeft >= h.longest + 9,
      `${h.id} has room for its longest category (${Math.round(h.longest)} px of text, plot at ${Math.round(h.plotLeft)} px)`);
  }
  if (horizontal.length > 0) {
    console.log(`  ${horizontal.length} charts of horizontal bars: ${horizontal.map((h) => `${h.id} ${h.bars.map((b) => b.rows).join("+")} bars`).join(", ")}`);
  }

  const expected = EXPECTED[basename(file)];
  if (expected) {
    const kinds = await page.$$eval("script.rc-spec", (els) => els.map((e) => JSON.parse(e.textContent).kind));
    check(kinds.length > 0 && kinds.every((k) => k === expected.kind), `every chart of kind ${expected.kind} (${kinds.join(", ")})`);
    check(horizontal.length === charts.length, `every chart has horizontal bars (${horizontal.length} of ${charts.length})`);
    const tables = await page.$$eval("table:not(.u-legend)", (els) => els.map((t) => ({
      columns: t.querySelectorAll("thead th").length,
      rows: t.querySelectorAll("tbody tr").length,
    })));
    check(tables.some((t) => t.columns > 0 && t.rows > 0), `a table with rows (${tables.map((t) => `${t.rows}×${t.columns}`).join(", ")})`);
    if (expected.rowPerCategory) {
      for (const h of horizontal) {
        check(tables.some((t) => t.rows === h.categories), `${h.id}: a table row for each of its ${h.categories} categories`);
      }
    }
  }

  // Hover values: pointing at the middle of the first chart with a legend fills it.
  const first = charts.find((c) => !c.gantt);
  if (first) {
    const over = await page.$(`#${first.id} .u-over`);
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.waitForTimeout(100);
    const values = await page.$$eval(`#${first.id} .u-legend .u-value`, (els) => els.map((e) => e.textContent));
    check(values.slice(1).some((v) => /\d/.test(v)), `${first.id} shows values on hover (${values.join(" / ")})`);
    console.log(`  hover on ${first.id}: ${values.join(" / ")}`);
  }

  // Responsive: at a narrower window every chart is as wide as its element, within the window.
  if (charts.length > 0) {
    await page.setViewportSize({ width: 760, height: 900 });
    await page.waitForTimeout(300);
    const widths = await page.$$eval(".rc-chart", (els) => els.map((el) => [
      el.id,
      el.querySelector("canvas").getBoundingClientRect().width,
      el.getBoundingClientRect().width,
    ]));
    for (const [id, canvas, element] of widths) {
      check(Math.abs(canvas - element) <= 2 && canvas <= 760, `${id} follows the width (${canvas} in ${element})`);
    }
    const widest = (list) => Math.max(...list);
    const before = widest(charts.map((c) => c.width));
    const after = widest(widths.map((w) => w[1]));
    check(after < before, `the widest chart narrower in a narrower window (${before} → ${after})`);
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.waitForTimeout(300);
    await page.mouse.move(0, 0);
  }

  // Named by the page's folder and file: k/report.html → k-report.png.
  const name = `${basename(dirname(resolve(file)))}-${basename(file).replace(/\.html$/, "")}`;
  if (each) {
    for (const c of charts) {
      const el = await page.$(`#${c.id}`);
      await el.screenshot({ path: resolve(shots, `${name}-${c.id.replace(/^chart-/, "")}.png`) });
    }
  }
  const shot = resolve(shots, name + ".png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`  screenshot ${shot}`);
  await page.close();
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
