// Browser test of `heatnet report SWEEP.h5` (ctest "report_sweep_browser"): runs a small sweep
// of the default scenario (12 two-day designs: insulation series × supply temperature × tank),
// makes the French and English sweep reports, opens them in Debian's headless Chromium through
// playwright-core and checks what a reader would see: no script error, no request, the Pareto
// front with the Pareto-optimal designs marked, their table, one chart per KPI and parameter.
// The Pareto set is recomputed here by dominance from the page's own numbers. Screenshots go to
// OUT/screenshots.
// Usage: node sweep_browser_test.mjs HEATNET_EXE SOURCE_DIR OUT_DIR
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [heatnet, sourceDir, outDir] = process.argv.slice(2);
const chromiumPath = process.env.HEATNET_CHROMIUM || "/usr/bin/chromium";
const failures = [];
let checks = 0;
function check(ok, what) {
  checks += 1;
  if (!ok) { failures.push(what); console.log(`FAIL: ${what}`); }
}
function need(ok, what) {
  if (!ok) { console.log(`cannot run: ${what}`); process.exit(1); }
}
need(heatnet && sourceDir && outDir, "usage: node sweep_browser_test.mjs HEATNET_EXE SOURCE_DIR OUT_DIR");
need(fs.existsSync(chromiumPath), `${chromiumPath} missing: run tools/install-deps.sh`);
let playwright;
try { playwright = require("playwright-core"); } catch (e) {
  need(false, "playwright-core missing (tools/report/node_modules): run tools/install-deps.sh");
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, "screenshots"), { recursive: true });

// The sweep: series (a category-like level "1"/"3" that is numeric), supply temperature (a
// range) and a tank or none (a category: "none" has no number).
const sweepFile = path.join(outDir, "design.yaml");
fs.writeFileSync(sweepFile, `name: report-test <design>
base: ${path.join(sourceDir, "scenarios", "saint-omer.yaml")}
scenario: {simulation.duration: 48 h}
parameters:
  - {path: "network.pipes[*].series", name: insulation_series, values: [1, 3]}
  - {path: plants.ARQUES.supply_temperature.curve.at_design, name: supply_at_design,
     range: {from: 95 degC, to: 115 degC, step: 10 K}}
  - path: plants.ARQUES.storage
    name: storage
    values: [~, {volume: 3000 m3, layers: 12, height: 18 m, heat_loss: 0.3 W/(m2 K), ambient: 10 degC,
                 max_temperature: 110 degC, min_temperature: 55 degC, max_power: 5 MW, initial_charge: 50 %}]
objectives: [heat_cost_per_mwh, co2_emitted, pipe_losses]
`);
const sweepOut = path.join(outDir, "design.h5");
execFileSync(heatnet, ["sweep", sweepFile, "-q", "-j", "2", "-o", sweepOut], { stdio: "inherit" });
const reports = {};
for (const lang of ["fr", "en"]) {
  reports[lang] = path.join(outDir, `sweep-${lang}.html`);
  execFileSync(heatnet, ["report", sweepOut, "-o", reports[lang], "--lang", lang], { stdio: "inherit" });
}
// A sweep file is reported on its own: with another file it is an input error (exit 2), and no
// report is written.
const mixed = path.join(outDir, "mixed.html");
const refused = spawnSync(heatnet, ["report", sweepOut, sweepOut, "-o", mixed], { encoding: "utf8" });
check(refused.status === 2 && /sweep file/.test(refused.stderr) && !fs.existsSync(mixed),
  `a sweep file with another file: exit ${refused.status}, '${refused.stderr.trim()}'`);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "heatnet-sweep-browser-test-"));
const context = await playwright.chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath, headless: true, viewport: { width: 820, height: 1100 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const sectionIds = ["summary", "front", "pareto", "parameters", "failed", "method"];
const texts = {
  fr: ["Balayage de conceptions : report-test <design>", "Le front de Pareto", "Les variantes optimales", "Chaque indicateur selon chaque paramètre"],
  en: ["Design sweep: report-test <design>", "The Pareto front", "The Pareto-optimal designs", "Each indicator against each parameter"],
};
try {
  for (const lang of ["fr", "en"]) {
    const page = await context.newPage();
    const errors = [], requests = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => requests.push(r.url()));
    const url = "file://" + path.resolve(reports[lang]);
    await page.goto(url);
    await page.waitForSelector("body[data-ready='1']", { timeout: 20000 });
    check(errors.length === 0, `${lang}: console errors: ${errors.join(" | ")}`);
    check(requests.length === 1 && requests[0] === url,
      `${lang}: the page made requests besides itself: ${requests.filter((u) => u !== url).join(", ")}`);

    const facts = await page.evaluate(() => {
      const D = JSON.parse(document.getElementById("heatnet-data").textContent);
      const charts = window.heatnetCharts.map((c) => {
        const o = c.chart.getOption();
        return {
          id: c.id, kind: c.kind,
          series: o.series.map((s) => (s.data || []).map((d) => ({ value: d.value, index: Number(d.name) }))),
          shapes: c.element.querySelectorAll("svg path, svg rect, svg circle, svg polygon").length,
        };
      });
      return { D, charts, lang: document.documentElement.lang, title: document.title,
        text: document.body.innerText,
        tableCases: [...document.querySelectorAll("#pareto tbody tr")].map((r) => Number(r.dataset.case)),
        sections: [...document.querySelectorAll("section")].map((s) => s.id) };
    });
    check(facts.lang === lang, `${lang}: <html lang> is ${facts.lang}`);
    check(facts.title === texts[lang][0], `${lang}: title '${facts.title}' (the sweep's name, escaped and shown as written)`);
    for (const t of texts[lang]) check(facts.text.includes(t), `${lang}: text '${t}' missing`);
    for (const t of texts[lang === "fr" ? "en" : "fr"].slice(1)) check(!facts.text.includes(t), `${lang}: text of the other language '${t}' present`);
    check(JSON.stringify(facts.sections) === JSON.stringify(sectionIds), `${lang}: sections ${facts.sections}`);

    // The cases: all 12 done; the Pareto set recomputed here by dominance on the objectives.
    const D = facts.D;
    check(D.cases.length === 12 && D.cases.every((c) => c.done), `${lang}: ${D.cases.length} cases, not all done`);
    const at = (id) => D.kpis.findIndex((k) => k.id === id);
    const objectives = D.objectives.map((o) => ({ i: at(o.id), sign: o.maximise ? -1 : 1 }));
    check(objectives.length === 3 && objectives.every((o) => o.i >= 0), `${lang}: objectives ${JSON.stringify(D.objectives)}`);
    const dominates = (a, b) => objectives.every((o) => o.sign * a.kpis[o.i] <= o.sign * b.kpis[o.i]) &&
      objectives.some((o) => o.sign * a.kpis[o.i] < o.sign * b.kpis[o.i]);
    const expected = D.cases.filter((c) => !D.cases.some((d) => d !== c && dominates(d, c))).map((c) => c.index).sort((a, b) => a - b);
    const flagged = D.cases.filter((c) => c.pareto).map((c) => c.index).sort((a, b) => a - b);
    check(expected.length > 0 && JSON.stringify(flagged) === JSON.stringify(expected),
      `${lang}: Pareto flags ${flagged} != non-dominated cases ${expected}`);
    // The table shows exactly the Pareto cases, sorted by the first objective.
    check(JSON.stringify([...facts.tableCases].sort((a, b) => a - b)) === JSON.stringify(expected),
      `${lang}: table shows cases ${facts.tableCases}, Pareto cases are ${expected}`);
    const firstValues = facts.tableCases.map((i) => D.cases.find((c) => c.index === i).kpis[objectives[0].i]);
    check(firstValues.every((v, k) => k === 0 || firstValues[k - 1] <= v), `${lang}: table not sorted by the first objective: ${firstValues}`);
    // The front: the Pareto cases as one series, the others as the other, at their KPI values.
    const front = facts.charts.find((c) => c.kind === "pareto-front");
    check(front && front.shapes > 12, `${lang}: the front chart drew ${front && front.shapes} shapes`);
    if (front) {
      const [others, optimal] = front.series;
      check(JSON.stringify(optimal.map((p) => p.index).sort((a, b) => a - b)) === JSON.stringify(expected),
        `${lang}: the front marks cases ${optimal.map((p) => p.index)} as optimal`);
      check(others.length + optimal.length === 12, `${lang}: the front shows ${others.length + optimal.length} designs`);
      for (const p of optimal) {
        const c = D.cases.find((x) => x.index === p.index);
        if (!c) { check(false, `${lang}: front point names no case (${p.index})`); continue; }
        check(p.value[0] === c.kpis[objectives[0].i] && p.value[1] === c.kpis[objectives[1].i],
          `${lang}: front point of case ${p.index} at ${p.value}`);
      }
    }
    // Each KPI against each parameter: one chart per (KPI row, parameter), every design in it.
    const grid = facts.charts.filter((c) => c.kind === "kpi-parameter");
    check(grid.length >= 3 * D.parameters.length && grid.length % D.parameters.length === 0,
      `${lang}: ${grid.length} KPI-parameter charts for ${D.parameters.length} parameters`);
    for (const c of grid) {
      const n = c.series.reduce((a, s) => a + s.length, 0);
      check(n === 12 && c.shapes > 12, `${lang}: chart ${c.id} shows ${n} designs, ${c.shapes} shapes`);
    }
    check(D.parameters.find((p) => p.name === "storage").numeric === false &&
      D.parameters.find((p) => p.name === "supply_at_design").numeric === true,
      `${lang}: parameter kinds ${JSON.stringify(D.parameters)}`);
    // The tank now costs money: every design with a tank reports its investment.
    const storageAt = at("storage_capital");
    check(storageAt >= 0 && D.cases.every((c) => (c.levels[2] === "none" || c.levels[2] === "~" || c.levels[2] === "") === (c.kpis[storageAt] === 0)),
      `${lang}: storage_capital is not zero exactly for the designs without a tank`);

    for (const id of sectionIds) {
      await page.locator(`section#${id}`).screenshot({ path: path.join(outDir, "screenshots", `${lang}-${id}.png`) });
    }
    await page.close();
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

console.log(`${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
