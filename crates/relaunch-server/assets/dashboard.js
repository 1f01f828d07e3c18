// relaunch dashboard: plain JavaScript, no framework, no build step. The pages are rendered by
// the server; this script only orchestrates: it keeps the token, starts jobs (POST with the
// token), follows their progress over server-sent events, inserts the finished job's HTML
// fragment and draws its charts (RelaunchCharts.renderAll). Every text it writes goes through
// textContent; only fragments rendered (and escaped) by the server go in as HTML.
"use strict";
(function () {
  const TOKEN_KEY = "relaunch-token";
  const $ = (selector, root) => (root || document).querySelector(selector);
  const data = (() => {
    const element = $("#page-data");
    try { return element ? JSON.parse(element.textContent) : {}; } catch (_) { return {}; }
  })();

  // --- the token ---------------------------------------------------------------------------
  function token() { return localStorage.getItem(TOKEN_KEY) || ""; }
  function showTokenState() {
    const state = $("#token-state");
    if (state) state.textContent = token() ? "saved" : "not set";
    const input = $("#token");
    if (input && !input.value) input.value = token();
  }
  // `relaunch serve` prints http://ADDR/#token=...: keep it and take it out of the address.
  if (location.hash.startsWith("#token=")) {
    localStorage.setItem(TOKEN_KEY, decodeURIComponent(location.hash.slice(7)));
    history.replaceState(null, "", location.pathname + location.search);
  }
  const tokenForm = $("#token-form");
  if (tokenForm) {
    tokenForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("#token").value.trim();
      if (value) localStorage.setItem(TOKEN_KEY, value); else localStorage.removeItem(TOKEN_KEY);
      showTokenState();
      hideMessage();
    });
  }
  showTokenState();

  // --- messages ----------------------------------------------------------------------------
  function message(text, kind) {
    const box = $("#message");
    if (!box) return;
    box.textContent = text;
    box.className = "message " + (kind || "error");
    box.hidden = false;
  }
  function hideMessage() { const box = $("#message"); if (box) box.hidden = true; }

  /** An error answer of the API as a DOM node: its message and each diagnostic. */
  function errorNode(status, body) {
    const node = document.createElement("div");
    node.className = body && body.cancelled ? "error-box cancelled" : "error-box";
    const p = document.createElement("p");
    if (status === 401) {
      p.textContent = "This needs the server's token: enter the token printed by `relaunch serve` " +
        "in the Token field at the top, then try again.";
    } else {
      p.textContent = (body && body.message) || ("The server answered " + status + ".");
    }
    node.appendChild(p);
    const diagnostics = (body && body.diagnostics) || [];
    if (diagnostics.length) node.appendChild(diagnosticList(diagnostics));
    return node;
  }

  function diagnosticList(diagnostics) {
    const list = document.createElement("ul");
    list.className = "diagnostics";
    for (const d of diagnostics) {
      const item = document.createElement("li");
      const place = document.createElement("b");
      place.textContent = d.line ? `${d.file}:${d.line}:${d.column}` : d.file;
      item.appendChild(place);
      item.appendChild(document.createTextNode(" " + d.message));
      for (const extra of [d.label, d.help]) {
        if (!extra) continue;
        const span = document.createElement("div");
        span.className = "small muted";
        span.textContent = extra;
        item.appendChild(span);
      }
      list.appendChild(item);
    }
    return list;
  }

  function show(container, node) {
    if (!container) return;
    container.replaceChildren(node);
  }

  // --- the API -----------------------------------------------------------------------------
  /** fetch with the token; resolves {status, body} (body parsed as JSON when it is). */
  async function call(method, url, body, contentType) {
    const headers = {};
    if (method !== "GET" && token()) headers.Authorization = "Bearer " + token();
    if (contentType) headers["Content-Type"] = contentType;
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch (_) { /* not JSON */ }
    if (response.status === 401) message("Enter the token printed by `relaunch serve` in the Token field at the top.");
    return { status: response.status, body: parsed };
  }

  /** Follows job `job` over its events, moving the progress bar `bar`; resolves the job. */
  function follow(job, bar) {
    const progress = bar && $("progress", bar);
    const label = bar && $(".progress-label", bar);
    const cancel = bar && $("button.cancel", bar);
    if (bar) bar.hidden = false;
    if (cancel) {
      cancel.disabled = false;
      cancel.onclick = async () => {
        cancel.disabled = true;
        if (label) label.textContent = "cancelling…";
        await call("DELETE", job.links.self);
      };
    }
    return new Promise((resolve, reject) => {
      const events = new EventSource(job.links.events);
      const update = (event) => {
        const state = JSON.parse(event.data);
        if (progress && state.total) { progress.max = state.total; progress.value = state.done; }
        // `total` counts the replications of every forecast of the job (a risk tornado's and a
        // comparison's variants too: "runs"), or for "why late" its forecasts.
        const unit = state.phase === "why" ? "forecasts" : "runs";
        if (label) label.textContent = `${state.phase || state.state} ${state.done || 0} / ${state.total || "?"} ${unit}`;
      };
      events.addEventListener("progress", update);
      events.addEventListener("done", (event) => { update(event); events.close(); resolve(JSON.parse(event.data)); });
      events.addEventListener("failed", async (event) => {
        events.close();
        const full = await call("GET", job.links.self);
        reject({ status: 422, body: (full.body && full.body.error) || JSON.parse(event.data).error });
      });
      events.addEventListener("cancelled", () => {
        events.close();
        reject({ status: 0, body: { cancelled: true, message: "Cancelled: the run stopped and nothing was stored." } });
      });
      events.onerror = () => {
        if (events.readyState === EventSource.CLOSED) reject({ status: 0, body: { message: "Lost the job's events." } });
      };
    }).finally(() => {
      if (bar) bar.hidden = true;
      if (cancel) cancel.onclick = null;
    });
  }

  /** Starts a job (POST url body), follows it; resolves the finished job. */
  async function runJob(url, body, bar) {
    const answer = await call("POST", url, JSON.stringify(body), "application/json");
    if (answer.status !== 202) throw answer;
    return follow(answer.body, bar);
  }

  /** The HTML fragment of dashboard job `id`, inserted into `container`; its charts drawn
   *  unless `later` (drawing adds to an element: a part moved elsewhere is drawn there). */
  async function insertFragment(id, container, later) {
    const response = await fetch(`/dashboard/jobs/${encodeURIComponent(id)}/fragment`);
    if (!response.ok) throw { status: response.status, body: { message: "The job's page could not be read." } };
    container.innerHTML = await response.text();
    if (!later) draw(container);
    return container;
  }

  function draw(root) {
    if (window.RelaunchCharts) window.RelaunchCharts.renderAll(root);
  }

  /** Replaces `selector` in the page by the element of the same id in the page at `url`. */
  async function refreshFrom(url, selector) {
    const response = await fetch(url);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = $(selector, page);
    const old = $(selector);
    if (fresh && old) {
      const adopted = document.importNode(fresh, true);
      old.replaceWith(adopted);
      draw(adopted);
    }
  }

  function busy(button, running) { if (button) button.disabled = running; }

  // --- the programme page ------------------------------------------------------------------
  function programmePage() {
    const forecastButton = $("#run-forecast");
    const result = $("#action-result");
    forecastButton.addEventListener("click", async () => {
      busy(forecastButton, true);
      try {
        const body = { calibrate: $("#forecast-calibrate").checked };
        await runJob(data.api + "/forecasts", body, $("#job-progress"));
        location.reload();
      } catch (error) { show(result, errorNode(error.status, error.body)); }
      busy(forecastButton, false);
    });
    const whyButton = $("#run-why");
    whyButton.addEventListener("click", async () => {
      busy(whyButton, true);
      try {
        // The server takes the stored forecast's replications and as-of state.
        const job = await runJob("/dashboard/why", { programme: data.programme }, $("#job-progress"));
        await insertFragment(job.id, $("#why-result"));
        result.replaceChildren();
      } catch (error) { show(result, errorNode(error.status, error.body)); }
      busy(whyButton, false);
    });
    const planButton = $("#run-plan");
    if (planButton) planButton.addEventListener("click", async () => {
      busy(planButton, true);
      try {
        // The planner's loop: the input's forecast, a forecast a round, one more on another seed.
        const job = await runJob("/dashboard/plan", { programme: data.programme }, $("#job-progress"));
        const holder = await insertFragment(job.id, $("#plan-result"));
        result.replaceChildren();
        const full = await call("GET", job.links.self);
        const planned = full.body && full.body.result;
        const save = $("#save-plan", holder);
        if (save && planned) save.addEventListener("click", async () => {
          save.disabled = true;
          const answer = await call("PUT", data.api + "/scenario", planned.scenario_toml, "application/toml");
          const out = $("#save-plan-result", holder);
          if (answer.status === 200 || answer.status === 201) {
            const v = answer.body.version || (answer.body.programme && answer.body.programme.version) || {};
            const number = typeof v === "object" ? v.version : v;
            out.textContent = answer.status === 201
              ? ` Saved as version ${number}: run a forecast on it.`
              : ` Unchanged: version ${number} already holds this plan.`;
          } else {
            save.disabled = false;
            show(out, errorNode(answer.status, answer.body));
          }
        });
      } catch (error) { show(result, errorNode(error.status, error.body)); }
      busy(planButton, false);
    });
    whatIf();
  }

  /** The override of one what-if input, or null when it is unchanged. */
  function override(input) {
    const kind = input.dataset.kind;
    if (input.value === "" || input.value === input.dataset.original) return null;
    if (kind === "date") return input.value;
    const n = Math.round(Number(input.value));
    if (kind === "count") return n;
    if (kind === "days") return n + "d";
    if (kind === "triangular-days") {
      const shift = n - Number(input.dataset.mode);
      const days = (v) => Math.max(0, Number(v) + shift) + "d";
      return { dist: "triangular", min: days(input.dataset.min), mode: days(input.dataset.mode), max: days(input.dataset.max) };
    }
    return null;
  }

  function whatIf() {
    const form = $("#whatif");
    const status = $("#whatif-status");
    const original = {};
    for (const id of ["milestones", "cumulative"]) {
      const section = document.getElementById(id);
      if (section) original[id] = section.cloneNode(true);
    }
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const overrides = {};
      for (const input of form.querySelectorAll("input[data-path]")) {
        const value = override(input);
        if (value !== null) overrides[input.dataset.path] = value;
      }
      // Empty: the server's default, the stored forecast's replications up to 1,000.
      const replications = Number($("#whatif-replications").value) || undefined;
      const button = $("button[type=submit]", form);
      busy(button, true);
      status.textContent = "Running…";
      const started = performance.now();
      try {
        const job = await runJob("/dashboard/whatif", { programme: data.programme, overrides, replications }, $("#whatif-progress"));
        const holder = document.createElement("div");
        await insertFragment(job.id, holder, true);
        const changed = Object.keys(overrides).length;
        const basis = holder.querySelector("#whatif-basis");
        const banner = basis ? basis.textContent : "What-if: the changed plan, not the stored forecast.";
        replaceSections(holder, banner);
        const ms = Math.round(performance.now() - started);
        document.body.dataset.whatifMs = String(ms);
        document.body.dataset.whatifBasis = basis ? basis.dataset.basis : "";
        status.textContent = `What-if with ${changed} change${changed === 1 ? "" : "s"}: ` +
          `round trip ${ms} ms (request, run, page). The milestone table and the fan below are the what-if's. ` + banner;
        status.className = "small whatif-done";
      } catch (error) {
        status.textContent = "";
        show(status, errorNode(error.status, error.body));
      }
      busy(button, false);
    });
    $("#whatif-reset").addEventListener("click", () => {
      for (const input of form.querySelectorAll("input[data-path]")) input.value = input.dataset.original;
      const holder = document.createElement("div");
      for (const id of Object.keys(original)) holder.appendChild(original[id].cloneNode(true));
      replaceSections(holder, null);
      // A section the stored forecast does not have (none stored) goes, and the page says
      // again that none is stored.
      for (const id of ["milestones", "cumulative"]) {
        const section = document.getElementById(id);
        if (section && !original[id]) section.remove();
      }
      const none = $("#no-forecast");
      if (none) none.hidden = false;
      status.textContent = "";
      document.querySelectorAll(".whatif-banner").forEach((b) => b.remove());
      delete document.body.dataset.whatifBasis;
    });
  }

  /** Puts the milestone table and the fan of `holder` in the page's place of them; `banner`
   *  (a what-if's basis in words) heads each, null for the stored forecast's own. */
  function replaceSections(holder, banner) {
    const isWhatIf = banner !== null;
    const report = $("#report");
    for (const id of ["milestones", "cumulative"]) {
      const fresh = holder.querySelector("#" + id);
      if (!fresh) continue;
      fresh.classList.toggle("whatif", isWhatIf);
      const old = document.getElementById(id);
      if (old) old.replaceWith(fresh);
      else report.appendChild(fresh);
      if (isWhatIf && !fresh.querySelector(".whatif-banner")) {
        const note = document.createElement("p");
        note.className = "whatif-banner";
        note.textContent = banner;
        fresh.prepend(note);
      }
      draw(fresh);
    }
    const none = $("#no-forecast");
    if (none && isWhatIf) none.hidden = true;
  }

  // --- the tracking page -------------------------------------------------------------------
  function trackingPage() {
    const result = $("#upload-result");
    $("#upload").addEventListener("submit", async (event) => {
      event.preventDefault();
      const file = $("#actuals-file").files[0];
      if (!file) { result.textContent = "Choose a file first."; return; }
      const xlsx = /\.xlsx$/i.test(file.name);
      const type = xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
      const answer = await call("POST", `${data.api}/actuals?name=${encodeURIComponent(file.name)}`, file, type);
      if (answer.status === 200) {
        const pre = document.createElement("pre");
        pre.className = "import-report";
        pre.textContent = answer.body.text || `${answer.body.added} rows added`;
        show(result, pre);
        await refreshFrom(location.pathname, "#plan-vs-actual");
      } else {
        show(result, errorNode(answer.status, answer.body));
      }
    });
    const button = $("#reforecast");
    button.addEventListener("click", async () => {
      busy(button, true);
      const out = $("#reforecast-result");
      try {
        const job = await runJob(data.api + "/forecasts", { calibrate: $("#reforecast-calibrate").checked }, $("#reforecast-progress"));
        const p = document.createElement("p");
        p.className = "small";
        p.textContent = `Forecast stored (job ${job.id}); the trend below now has it.`;
        show(out, p);
        await refreshFrom(location.pathname, "#tracking-body");
      } catch (error) { show(out, errorNode(error.status, error.body)); }
      busy(button, false);
    });
  }

  // --- the compare page --------------------------------------------------------------------
  function comparePage() {
    const form = $("#compare-form");
    const picked = [];
    form.querySelectorAll("input[name=programme]").forEach((box) => box.addEventListener("change", () => {
      const at = picked.indexOf(box.value);
      if (box.checked && at < 0) picked.push(box.value);
      if (!box.checked && at >= 0) picked.splice(at, 1);
    }));
    // Variants of one programme: each row's version choices follow the programme picked.
    const programmeSelect = $("#variants-programme");
    const fillVersions = () => {
      const latest = (data.versions || {})[programmeSelect.value] || 0;
      for (const select of form.querySelectorAll("select.variant-version")) {
        const kept = select.value;
        select.replaceChildren(new Option("latest version", ""));
        for (let v = latest; v >= 1; v--) select.appendChild(new Option("version " + v, String(v)));
        select.value = Number(kept) <= latest ? kept : "";
      }
    };
    if (programmeSelect) {
      // Working on one side of the form chooses what is compared.
      $("#variants-panel").addEventListener("input", () => { $("#compare-what").value = "variants"; });
      form.querySelectorAll("input[name=programme]").forEach((box) => box.addEventListener("change", () => { $("#compare-what").value = "programmes"; }));
      programmeSelect.addEventListener("change", fillVersions);
      fillVersions();
      $("#add-variant").addEventListener("click", () => {
        const rows = form.querySelectorAll("#variants .variant");
        if (rows.length >= 8) return;
        const row = rows[rows.length - 1].cloneNode(true);
        $(".variant-name", row).value = "variant " + (rows.length + 1);
        $(".variant-overrides", row).value = "";
        $("#variants").appendChild(row);
        fillVersions();
      });
    }
    /** The variants' bodies; throws a message for a change that is not `path = value`. */
    const variants = () => [...form.querySelectorAll("#variants .variant")].map((row) => {
      const name = $(".variant-name", row).value.trim();
      const overrides = {};
      $(".variant-overrides", row).value.split("\n").forEach((line, index) => {
        const text = line.trim();
        if (!text || text.startsWith("#")) return;
        const at = text.indexOf("=");
        if (at <= 0) throw { status: 0, body: { message: `Variant "${name}", line ${index + 1}: write a change as key.path = value (found "${text}").` } };
        const raw = text.slice(at + 1).trim();
        let value = raw;
        try { value = JSON.parse(raw); } catch (_) { /* text */ }
        overrides[text.slice(0, at).trim()] = value;
      });
      const version = $(".variant-version", row).value;
      return { name, programme: programmeSelect.value, version: version ? Number(version) : null, overrides };
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const out = $("#compare-result");
      const button = $("button[type=submit]", form);
      busy(button, true);
      try {
        const body = { rank_by: $("#rank-by").value, replications: Number($("#compare-replications").value) || 200 };
        if ($("#compare-what").value === "variants") body.variants = variants(); else body.programmes = picked.slice();
        const job = await runJob("/dashboard/compare", body, $("#compare-progress"));
        await insertFragment(job.id, out);
      } catch (error) { show(out, errorNode(error.status, error.body)); }
      busy(button, false);
    });
  }

  // --- the scenario editor -----------------------------------------------------------------
  function editorPage(isNew) {
    const area = $("#toml");
    const gutter = $("#gutter");
    let marks = new Map();
    const numbers = () => {
      const lines = area.value.split("\n").length;
      const out = [];
      for (let i = 1; i <= lines; i++) out.push(marks.has(i) ? `● ${i}` : String(i));
      gutter.textContent = out.join("\n");
    };
    area.addEventListener("input", numbers);
    area.addEventListener("scroll", () => { gutter.scrollTop = area.scrollTop; });
    numbers();
    const state = $("#editor-state");
    const annotate = (diagnostics) => {
      marks = new Map();
      for (const d of diagnostics) if (d.line) marks.set(d.line, (marks.get(d.line) || []).concat([d]));
      numbers();
      // The text with each diagnostic under its line (only the lines around them).
      const out = $("#annotated");
      out.replaceChildren();
      if (!marks.size) return;
      const lines = area.value.split("\n");
      const listing = document.createElement("div");
      listing.className = "listing";
      const shown = new Set();
      for (const line of marks.keys()) for (let i = line - 2; i <= line + 1; i++) if (i >= 1 && i <= lines.length) shown.add(i);
      let last = 0;
      for (const i of [...shown].sort((a, b) => a - b)) {
        if (last && i > last + 1) { const gap = document.createElement("div"); gap.className = "gap"; gap.textContent = "⋮"; listing.appendChild(gap); }
        const row = document.createElement("div");
        row.className = marks.has(i) ? "line bad" : "line";
        const no = document.createElement("span"); no.className = "no"; no.textContent = String(i);
        const text = document.createElement("span"); text.textContent = lines[i - 1];
        row.append(no, text);
        listing.appendChild(row);
        for (const d of marks.get(i) || []) {
          const note = document.createElement("div");
          note.className = "inline-diagnostic";
          note.dataset.line = String(i);
          note.textContent = `${" ".repeat(Math.max(0, d.column - 1))}^ ${d.message}` + (d.label ? ` — ${d.label}` : "") + (d.help ? `\nhelp: ${d.help}` : "");
          listing.appendChild(note);
        }
        last = i;
      }
      out.appendChild(listing);
    };
    const report = (answer, okText) => {
      const box = $("#diagnostics");
      if (answer.status === 200 || answer.status === 201) {
        const warnings = answer.body.warnings || (answer.body.programme && answer.body.programme.warnings) || [];
        state.textContent = okText(answer.body) + (warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"})` : "");
        state.className = "small ok";
        box.replaceChildren();
        if (warnings.length) box.appendChild(diagnosticList(warnings));
        annotate(warnings);
        return true;
      }
      state.textContent = answer.status === 422 ? "The scenario has problems:" : "";
      state.className = "small late";
      show(box, errorNode(answer.status, answer.body));
      const diagnostics = (answer.body && answer.body.diagnostics) || [];
      annotate(diagnostics);
      // Scroll the editor to the first problem.
      const first = diagnostics.find((d) => d.line);
      if (first) {
        const height = parseFloat(getComputedStyle(area).lineHeight) || 19;
        area.scrollTop = Math.max(0, (first.line - 4) * height);
        gutter.scrollTop = area.scrollTop;
      }
      return false;
    };
    $("#check").addEventListener("click", async () => {
      const answer = await call("POST", "/api/v1/check", area.value, "application/toml");
      report(answer, () => "The scenario reads.");
    });
    $("#save").addEventListener("click", async () => {
      const answer = isNew
        ? await call("POST", "/api/v1/programmes", area.value, "application/toml")
        : await call("PUT", data.api + "/scenario", area.value, "application/toml");
      const saved = report(answer, (body) => {
        const v = body.version || (body.programme && body.programme.version) || {};
        const number = typeof v === "object" ? v.version : v;
        return answer.status === 201 ? `Saved as version ${number}.` : `Unchanged: version ${number}.`;
      });
      if (saved && isNew && answer.body.programme && answer.body.programme.name) {
        location.href = "/programmes/" + encodeURIComponent(answer.body.programme.name);
      } else if (saved) {
        // The editor now holds the latest version: its number and the version links follow.
        if (location.search) history.replaceState(null, "", location.pathname);
        await refreshFrom(location.pathname, "#scenario-version");
        await refreshFrom(location.pathname, "#scenario-versions");
      }
    });
  }

  // --- start -------------------------------------------------------------------------------
  function start() {
    // The page's setup first: the what-if keeps copies of the sections it replaces, taken
    // before their charts are drawn (drawing adds to an element; a copy is drawn afresh).
    const page = data.page;
    if (page === "programme") programmePage();
    else if (page === "tracking") trackingPage();
    else if (page === "compare") comparePage();
    else if (page === "scenario") editorPage(false);
    else if (page === "new") editorPage(true);
    draw(document);
    document.body.dataset.ready = "true";
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
