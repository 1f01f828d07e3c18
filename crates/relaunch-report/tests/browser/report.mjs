// Loads relaunch's HTML pages in Debian's chromium (never a downloaded browser) and checks what a
// reader sees: no console error, nothing requested but the file itself, every chart drawn on a
// canvas with its legend, hover values in the legend, the width following the window; then
// writes a full-page screenshot of each page.
//
//   node report.mjs [--shots DIR] [--each] PAGE.html... [--plain PAGE.html...]
//
// --each also writes a screenshot of every chart, FOLDER-PAGE-CHART.png. A page must hold at
// least one chart, except the pages after --plain (a page of tables, such as calibration.html).
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
