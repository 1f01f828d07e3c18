// The dashboard in Debian's chromium (never a downloaded browser), against a real
// `relaunch serve` (started by run.sh): programmes made through the API, then what a person
// does on the pages — the token from the address, a what-if, an upload of actuals and two
// re-forecasts that move the milestone trend, a stored forecast's fan, a what-if from the
// actuals, "why late" from them, a what-if cancelled, comparisons of programmes and of variants
// of one, a broken scenario's diagnostics at their line, the version flag after a save — with no
// console error anywhere and a screenshot of every page.
//
//   node dashboard.mjs --base http://127.0.0.1:PORT --token TOKEN --repo REPO --shots DIR
//
// Prints one line per check and closes with "N passed, N failed"; exits 1 on a failure.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const base = args.base;
const token = args.token;
const repo = args.repo || ".";
const shots = args.shots || "screenshots";
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log(`  ok   ${what}`); } else { failed++; console.log(`  FAIL ${what}`); }
}

// --- the programmes, through the API ---------------------------------------------------------
async function save(file) {
  const response = await fetch(`${base}/api/v1/programmes`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/toml" },
    body: readFileSync(join(repo, file), "utf8"),
  });
  const body = await response.json();
  check(response.status === 201, `POST ${file}: ${response.status}`);
  return body.programme.name;
}
console.log("API");
const kaluga = await save("examples/kaluga.toml");
const moskvich = await save("examples/moskvich.toml");
const pageOf = (name) => `${base}/programmes/${encodeURIComponent(name)}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let errors = [];
page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
page.on("pageerror", (err) => errors.push(String(err)));

async function visit(url, label) {
  console.log(label);
  errors = [];
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 10000 });
}
function noErrors(label, expected) {
  // A 422 the page asked for (a broken scenario checked) is logged by chromium as a failed load.
  const real = errors.filter((e) => !(expected && expected.test(e)));
  check(real.length === 0, `${label}: no console error (${real.join(" | ")})`);
}
async function shot(name) { await page.screenshot({ path: join(shots, `dashboard-${name}.png`), fullPage: true }); }

/** Every canvas under `selector` drawn (some pixel not transparent); how many. */
async function drawnCanvases(selector) {
  return page.$$eval(`${selector} canvas`, (canvases) => canvases.filter((c) => {
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    for (let i = 3; i < data.length; i += 4 * 97) if (data[i] > 0) return true;
    return false;
  }).length);
}

/** The values drawn by the milestone trend chart (its spec's non-null series values). */
async function trendPoints() {
  return page.$$eval("#chart-trend .rc-spec", (specs) => {
    if (!specs.length) return 0;
    const spec = JSON.parse(specs[0].textContent);
    return spec.series.reduce((n, s) => n + (s.values || s.data || []).filter((v) => v !== null).length, 0);
  });
}

// --- the index, with the token from the address -----------------------------------------------
await visit(`${base}/#token=${encodeURIComponent(token)}`, "index");
check((await page.evaluate(() => localStorage.getItem("relaunch-token"))) === token, "the token from the address is kept");
check(!page.url().includes("token"), "the token is taken out of the address");
check((await page.$$("#programmes tbody tr")).length === 2, "two programmes listed");
noErrors("index");
await shot("index");

// --- a programme without a forecast, and a what-if ---------------------------------------------
await visit(pageOf(kaluga), "programme (no forecast yet), what-if");
check(!!(await page.$("#no-forecast")), "says no forecast is stored yet");
await page.fill("input[data-path='workforce.hires[1].date']", "2024-05-06");
await page.fill("input[data-path='kit[crossover-skd4].lead_time']", "24");
await page.click("#whatif button[type=submit]");
await page.waitForSelector(".whatif-done", { timeout: 120000 });
const whatIfMs = Number(await page.evaluate(() => document.body.dataset.whatifMs));
console.log(`  what-if round trip: ${whatIfMs} ms (200 replications)`);
check(whatIfMs > 0, `the what-if completes (${whatIfMs} ms)`);
check((await drawnCanvases("#cumulative")) > 0, "the what-if's fan is drawn");
check(await page.$$eval("#cumulative .rc-chart", (els) => els.every((el) => el.querySelectorAll(".rc-plot").length === 1)),
  "each chart of the what-if drawn once");
check((await page.evaluate(() => document.body.dataset.whatifBasis)) === "plan", "without actuals the what-if is the plan");
const planBanner = await page.textContent("#milestones .whatif-banner");
check(/the plan from day 0 \(no actuals yet\)/.test(planBanner), `the banner says it is the plan from day 0 (${planBanner})`);
noErrors("what-if");
await shot("whatif");
// Back with no forecast stored: the what-if's sections go and the page says none is stored.
await page.click("#whatif-reset");
check(!(await page.$("#milestones")) && !(await page.$("#cumulative")), "back: the what-if's sections are taken away");
check(await page.$eval("#no-forecast", (el) => !el.hidden), "back: the page says again that no forecast is stored");
// A long what-if cancelled from its progress bar.
await page.fill("#whatif-replications", "2000");
await page.click("#whatif button[type=submit]");
await page.waitForSelector("#whatif-progress:not([hidden]) button.cancel", { timeout: 60000 });
await page.click("#whatif-progress button.cancel");
await page.waitForSelector("#whatif-status .error-box.cancelled", { timeout: 120000 });
check(/Cancelled/.test(await page.textContent("#whatif-status")), "the cancelled what-if says so");
check(await page.$eval("#whatif-progress", (el) => el.hidden), "the progress bar goes once cancelled");
const jobs = await (await fetch(`${base}/api/v1/jobs`)).json();
check(jobs.some((job) => job.state === "cancelled"), "the job is cancelled on the server");
await page.fill("#whatif-replications", "200");
noErrors("what-if cancelled", /status of 40[49]/);

// --- tracking: upload, re-forecast, upload, re-forecast: the trend moves -----------------------
await visit(`${pageOf(kaluga)}/tracking`, "tracking");
async function upload(file) {
  await page.setInputFiles("#actuals-file", join(repo, file));
  await page.click("#upload button[type=submit]");
  await page.waitForSelector("#upload-result pre.import-report, #upload-result .error-box", { timeout: 60000 });
  check(!!(await page.$("#upload-result pre.import-report")), `upload of ${file} imported`);
}
async function reforecast() {
  await page.uncheck("#reforecast-calibrate");
  await page.click("#reforecast");
  await page.waitForSelector("#reforecast-result p, #reforecast-result .error-box", { timeout: 180000 });
  await page.waitForFunction(() => !document.querySelector("#reforecast").disabled, null, { timeout: 60000 });
  check(!(await page.$("#reforecast-result .error-box")), "re-forecast stored");
}
await upload("examples/actuals/kaluga.csv");
check((await drawnCanvases("#plan-vs-actual")) > 0, "plan vs actual drawn after the upload");
await reforecast();
const before = await trendPoints();
await upload("examples/actuals/kaluga-week-19.csv");
await reforecast();
const after = await trendPoints();
console.log(`  trend points: ${before} before, ${after} after`);
check(after > before, `the upload and re-forecast change the trend chart (${before} → ${after} points)`);
check((await drawnCanvases("#trend")) > 0, "the trend chart is drawn");
noErrors("tracking");
await shot("tracking");

// --- the programme with its stored forecast, and why late -------------------------------------
await visit(pageOf(kaluga), "programme (stored forecast), why late");
check(!(await page.$("#no-forecast")), "the stored forecast is shown");
check((await drawnCanvases("#cumulative")) > 0, "the fan chart is drawn");
check((await drawnCanvases("#programme")) > 0, "the Gantt chart is drawn");
check(/on version 1 \(the latest\)/.test(await page.textContent("header .meta")), "the forecast's scenario version is named");
await shot("programme");
// A what-if now starts from the actuals, as the stored forecast did: only what is still to come
// can change, so a date input starts the day after the as-of date and a past one is read-only.
check(/on or before|the day after|only what is still to come/.test(await page.textContent("#whatif-panel .note")), "the what-if panel says only what is still to come can change");
const hire = "input[data-path='workforce.hires[1].date']";
const hireMin = await page.getAttribute(hire, "min");
check(/^2024-\d\d-\d\d$/.test(hireMin || ""), `the future hire wave's date starts after the as-of date (min ${hireMin})`);
await page.fill(hire, "2024-04-01");
check(!(await page.$eval(hire, (el) => el.checkValidity())), "a hire moved before the as-of date is refused by its input");
check(await page.$eval("input[data-path='workforce.hires[0].date']", (el) => el.readOnly), "the past hire wave's date is read-only");
check(/^\d+$/.test(await page.inputValue("#whatif-replications")), "the what-if's replications are the stored forecast's");
check(await page.$eval("#forecast-calibrate", (el) => el.checked), "Run a forecast is calibrated by default with actuals");
await page.fill(hire, "2024-06-17");
await page.click("#whatif button[type=submit]");
await page.waitForSelector(".whatif-done, #whatif-status .error-box", { timeout: 120000 });
check((await page.evaluate(() => document.body.dataset.whatifBasis)) === "actuals", "with actuals the what-if starts from them");
const actualsBanner = await page.textContent("#milestones .whatif-banner");
check(/from the actuals to 2024-\d\d-\d\d, as stored forecast #\d+/.test(actualsBanner), `the banner names the as-of date (${actualsBanner})`);
check(/\d+ replications/.test(actualsBanner), "the banner names the replications");
console.log(`  what-if from the actuals: round trip ${await page.evaluate(() => document.body.dataset.whatifMs)} ms`);
await shot("whatif-actuals");
await page.click("#whatif-reset");
check(!(await page.$(".whatif-banner")) && !!(await page.$("#milestones")), "back: the stored forecast's sections again");
await page.click("#run-why");
await page.waitForSelector("#why-result #why, #action-result .error-box", { timeout: 300000 });
check(!!(await page.$("#why-result #why")), "why late: the section is inserted");
check(/Why late, from the actuals to 2024-/.test(await page.textContent("#why-result")), "why late starts from the actuals");
check(/Left out, already reached: pilot on/.test(await page.textContent("#why-result")), "why late leaves out the milestones reached");
check(/\d+ replications of each of its forecasts/.test(await page.textContent("#why-result")), "why late says its replications");
check((await drawnCanvases("#why-result")) > 0, "why late: its charts are drawn");
noErrors("programme");
await shot("why");

// --- compare ----------------------------------------------------------------------------------
await visit(`${base}/compare`, "compare");
await page.check(`input[name=programme][value="${kaluga.replace(/"/g, '\\"')}"]`);
await page.check(`input[name=programme][value="${moskvich.replace(/"/g, '\\"')}"]`);
await page.click("#compare-form button[type=submit]");
await page.waitForSelector("#compare-result #ranking, #compare-result .error-box", { timeout: 180000 });
check(!!(await page.$("#compare-result #ranking")), "the comparison is inserted");
check((await drawnCanvases("#compare-result")) > 0, "the comparison's charts are drawn");
check((await page.evaluate(() => document.documentElement.scrollWidth)) <= 1280, "the comparison fits the 1280 px window");
noErrors("compare");
await shot("compare");
// Variants of one programme: the plan and a change of it, by key path.
await visit(`${base}/compare`, "compare variants");
await page.selectOption("#variants-programme", kaluga);
await page.fill("#variants .variant:nth-child(2) .variant-name", "slow kits");
await page.fill("#variants .variant:nth-child(2) .variant-overrides", "kit[crossover-skd4].lead_time = 45d");
await page.click("#add-variant");
await page.fill("#variants .variant:nth-child(3) .variant-name", "one shift");
await page.fill("#variants .variant:nth-child(3) .variant-overrides", "calendar.shifts[1].count = 1");
check((await page.inputValue("#compare-what")) === "variants", "editing the variants chooses them");
await page.fill("#compare-replications", "50");
await page.click("#compare-form button[type=submit]");
await page.waitForSelector("#compare-result #ranking, #compare-result .error-box", { timeout: 180000 });
check(!!(await page.$("#compare-result #ranking")), "the comparison of variants is inserted");
const ranking = await page.textContent("#compare-result #ranking");
check(["as planned", "slow kits", "one shift"].every((name) => ranking.includes(name)), "the ranking names the three variants");
check(/Each variant is its plan from day 0: the actuals are not used/.test(await page.textContent("#compare-result")), "the comparison says it does not start from the actuals");
check(!(await page.$("#compare-result a[href$='.report.html']")), "no links to report files the server does not keep");
check((await page.evaluate(() => document.documentElement.scrollWidth)) <= 1280, "the comparison of variants fits the window");
noErrors("compare variants");
await shot("compare-variants");

// --- the scenario: a broken TOML shows its diagnostic at its line ------------------------------
await visit(`${pageOf(kaluga)}/scenario`, "scenario");
const text = await page.inputValue("#toml");
const broken = text.replace('shift_length = "8h"', 'shift_length = "8 hours"');
check(broken !== text, "the scenario has the line to break");
await page.fill("#toml", broken);
await page.click("#check");
await page.waitForSelector(".inline-diagnostic", { timeout: 20000 });
const line = broken.split("\n").findIndex((l) => l.includes('"8 hours"')) + 1;
const at = await page.$eval(".inline-diagnostic", (el) => ({ line: Number(el.dataset.line), text: el.textContent }));
check(at.line === line, `the diagnostic is at line ${line} (${at.line}): ${at.text.trim().split("\n")[0]}`);
check(/shift_length/.test(at.text), "the diagnostic names the key");
// A version is the resolved scenario: a comment alone changes nothing, a value does.
await page.fill("#toml", text.replace("replications = 200", "replications = 300"));
// The state still shows the broken check's problems: wait for the save's own answer.
const stateBefore = await page.textContent("#editor-state");
await page.click("#save");
await page.waitForFunction(
  (previous) => {
    const state = document.querySelector("#editor-state").textContent;
    return state !== previous && /version|problems/.test(state);
  },
  stateBefore,
  { timeout: 20000 },
);
const saved = await page.textContent("#editor-state");
check(/Saved as version 2/.test(saved), `saving a changed scenario makes version 2 (${saved})`);
const followed = await page.waitForFunction(() => /version 2/.test(document.querySelector("#scenario-version").textContent)
  && /v2/.test(document.querySelector("#scenario-versions").textContent), null, { timeout: 20000 }).then(() => true, () => false);
check(followed, "the editor's version and its links follow the save");
noErrors("scenario", /status of 422/);
await shot("scenario");

await visit(pageOf(kaluga), "programme (a newer version)");
check(/The latest is version 2: re-run the forecast/.test(await page.textContent("header .meta")), "a forecast of an older version is flagged");
noErrors("programme (a newer version)");

await visit(`${base}/`, "index (with the forecast)");
check((await page.textContent("#programmes")).includes("as of 2024-"), "the index shows the last forecast's as-of date");
noErrors("index (with the forecast)");
await shot("index-after");

// --- the planner: Plan at 90% on a small ramp-up, then its plan saved as the next version ------
const ramp = await save("examples/ramp.toml");
await visit(pageOf(ramp), "programme (plan at 90%)");
const planStarted = Date.now();
await page.click("#run-plan");
await page.waitForSelector("#plan-outcome, #action-result .error-box", { timeout: 300000 });
const planMs = Date.now() - planStarted;
check(!!(await page.$("#plan-outcome")), `the plan is shown (${planMs} ms for the loop)`);
const verdict = (await page.textContent("#plan-outcome .plan-banner")) || "";
check(/Plan of version 1 at 90%/.test(verdict), `the plan says what it is (${verdict.trim().slice(0, 90)})`);
check(/fleet-order/.test(await page.textContent("#plan-outcome .plan-summary")), "the plan's milestone is listed");
await page.click("#save-plan");
await page.waitForFunction(() => /version|problem|error/i.test(document.querySelector("#save-plan-result").textContent), null, { timeout: 20000 });
const planSaved = await page.textContent("#save-plan-result");
check(/Saved as version 2/.test(planSaved), `the plan saves as version 2 (${planSaved.trim()})`);
noErrors("programme (plan at 90%)");
await shot("plan");

await visit(`${base}/new`, "new programme");
noErrors("new programme");
await shot("new");

await browser.close();
console.log(`what-if round trip ${whatIfMs} ms; screenshots in ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
