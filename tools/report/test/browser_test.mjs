// Browser test of `heatnet report` (ctest "report_browser"): runs a year of three bundled
// Saint-Omer variants, makes the French and English reports (and the PDF of the French one),
// opens them in Debian's headless Chromium through playwright-core and checks what a reader
// would see. Screenshots of every section go to OUT/screenshots.
// Usage: node browser_test.mjs HEATNET_EXE SOURCE_DIR OUT_DIR
import { execFileSync } from "node:child_process";
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
need(heatnet && sourceDir && outDir, "usage: node browser_test.mjs HEATNET_EXE SOURCE_DIR OUT_DIR");
need(fs.existsSync(chromiumPath), `${chromiumPath} missing: run tools/install-deps.sh`);
let playwright;
try { playwright = require("playwright-core"); } catch (e) {
  need(false, "playwright-core missing (tools/report/node_modules): run tools/install-deps.sh");
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, "screenshots"), { recursive: true });

// A year of the variants' reference, the glassworks closing and the paper-mill heat pump, in
// parallel (one OpenMP thread each); they land in OUT/results/<name>.h5.
const names = ["saint-omer-glass-furnace", "saint-omer-glassworks-closes", "saint-omer-heat-pump"];
execFileSync(heatnet, ["run", "-q", ...names.map((n) => path.join(sourceDir, "scenarios", n + ".yaml"))],
  { cwd: outDir, stdio: "inherit" });
const results = names.map((n) => path.join(outDir, "results", n + ".h5"));
const report = (lang, extra = []) => {
  const file = path.join(outDir, `report-${lang}.html`);
  execFileSync(heatnet, ["report", ...results, "-o", file, "--lang", lang, ...extra], { stdio: "inherit" });
  return file;
};
const pdf = path.join(outDir, "report-fr.pdf");
const reports = { fr: report("fr", ["--pdf", pdf]), en: report("en") };

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "heatnet-browser-test-"));
const context = await playwright.chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath, headless: true, viewport: { width: 820, height: 1100 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const sectionIds = ["summary", "scenarios", "compare", "monthly", "duration", "coldweek", "map", "changes", "method"];
const texts = {
  fr: ["Réseau de chaleur : comparaison de scénarios", "Ce que dit chaque scénario", "La semaine la plus froide", "référence"],
  en: ["Heat network: scenarios compared", "What each scenario says", "The coldest week", "reference"],
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
          id: c.id, kind: c.kind, scenario: c.scenario,
          legend: (o.legend && o.legend[0] && o.legend[0].data) || [],
          title: (o.title && o.title[0] && o.title[0].text) || "",
          points: o.series.reduce((a, s) => a + ((s.data && s.data.length) || (s.links && s.links.length) || 0), 0),
          links: o.series[0] && o.series[0].links ? o.series[0].links.length : 0,
          shapes: c.element.querySelectorAll("svg path, svg rect, svg circle, svg polygon").length,
          box: c.element.getBoundingClientRect().width * c.element.getBoundingClientRect().height,
        };
      });
      return { D, charts, lang: document.documentElement.lang, text: document.body.innerText,
        best: document.querySelectorAll("#comparison td.best").length,
        rows: document.querySelectorAll("#comparison tbody tr").length,
        sections: [...document.querySelectorAll("section")].map((s) => s.id) };
    });
    const labels = facts.D.scenarios.map((s) => s.label);
    check(facts.lang === lang, `${lang}: <html lang> is ${facts.lang}`);
    for (const t of texts[lang]) check(facts.text.includes(t), `${lang}: text '${t}' missing`);
    for (const t of texts[lang === "fr" ? "en" : "fr"].slice(0, 3)) check(!facts.text.includes(t), `${lang}: text of the other language '${t}' present`);
    check(JSON.stringify(facts.sections) === JSON.stringify(sectionIds), `${lang}: sections ${facts.sections}`);
    check(facts.rows >= 10 && facts.best >= 5, `${lang}: comparison table has ${facts.rows} rows, ${facts.best} best marks`);
    check(labels.length === 3 && new Set(labels).size === 3, `${lang}: scenario labels ${labels}`);

    // Comparison charts: one legend entry per scenario. Per-scenario charts: one chart per
    // scenario in each section, titled with it. Every chart has data and drawn shapes.
    for (const c of facts.charts) {
      check(c.points > 0 && c.shapes > 5 && c.box > 10000, `${lang}: chart ${c.id} is empty (${c.points} points, ${c.shapes} shapes)`);
      if (c.kind === "compare") {
        check(JSON.stringify(c.legend) === JSON.stringify(labels), `${lang}: chart ${c.id} legend ${c.legend} != scenarios ${labels}`);
      }
    }
    check(facts.charts.filter((c) => c.kind === "compare").length === 3, `${lang}: three comparison charts`);
    for (const prefix of ["monthly", "duration", "coldweek"]) {
      const group = facts.charts.filter((c) => c.id.startsWith(prefix + "-"));
      check(JSON.stringify(group.map((c) => c.title)) === JSON.stringify(labels), `${lang}: ${prefix} charts titled ${group.map((c) => c.title)}`);
      for (const [i, c] of group.entries()) {
        const sources = facts.D.scenarios[i].sources.map((s) => s.id);
        check(sources.every((s) => c.legend.includes(s)), `${lang}: ${c.id} legend lacks a source`);
      }
    }
    const map = facts.charts.find((c) => c.kind === "map");
    check(map && map.links === facts.D.map.pipes.length && map.links > 30, `${lang}: map has ${map && map.links} pipes`);
    check(map && map.shapes >= facts.D.map.pipes.length + facts.D.map.nodes.length - 10, `${lang}: map drew ${map && map.shapes} shapes`);

    // Energy is kept from the result file to the charts: monthly bars and the load-duration
    // curve of each scenario add up to its heat-from-sources KPI.
    for (const s of facts.D.scenarios) {
      const monthly = s.sources.reduce((a, src) => a + src.monthly_MWh.reduce((x, y) => x + y, 0), 0);
      const step = s.duration_h.length > 1 ? s.duration_h[1] - s.duration_h[0] : 1;
      const curve = s.sources.reduce((a, src) => a + src.duration_MW.reduce((x, y) => x + y, 0), 0) * step;
      const produced = s.kpi.heat_from_sources;
      check(Math.abs(monthly - produced) < 1e-3 * produced, `${s.name}: monthly heat ${monthly} != produced ${produced}`);
      check(Math.abs(curve - produced) < 1e-2 * produced, `${s.name}: load-duration energy ${curve} != produced ${produced}`);
      const recovered = s.sources.filter((x) => x.kind === "waste_heat" || x.kind === "heat_pump");
      check(recovered.length > 0, `${s.name}: no recovered-heat source`);
    }
    // The summary paragraph is written from the figures: the reference's share appears in it.
    const ref = facts.D.scenarios[0];
    const share = Math.round(ref.kpi.waste_heat_share).toString();
    check(facts.text.includes(share + " %") || facts.text.includes(share + "\u00a0%"), `${lang}: summary lacks the share ${share} %`);
    // The closing glassworks changes the scenario text: the report lists it.
    check(facts.D.scenarios[1].changes.length > 0, `${lang}: no change listed for ${facts.D.scenarios[1].name}`);

    for (const id of sectionIds) {
      await page.locator(`section#${id}`).screenshot({ path: path.join(outDir, "screenshots", `${lang}-${id}.png`) });
    }
    // On paper every section fits one A4 page (printable 273 mm = 1031 CSS px), so no chart
    // is ever cut; the PDF below confirms it.
    await page.emulateMedia({ media: "print" });
    const heights = await page.evaluate(() => [...document.querySelectorAll("section")].map((s) => s.getBoundingClientRect().height));
    heights.forEach((h, i) => check(h <= 1031, `${lang}: section ${sectionIds[i]} is ${Math.round(h)} px high in print, more than an A4 page`));
    await page.close();
  }
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

// The PDF: A4 pages, one per section (a section spilling over would add a page).
const info = execFileSync("pdfinfo", ["-f", "1", "-l", "100", pdf]).toString();
const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]);
const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+(.*)$/gm)].map((m) => m[1]);
check(pages === sectionIds.length, `PDF has ${pages} pages, expected ${sectionIds.length} (one per section)`);
// A4 is 595.28 x 841.89 pt; Chromium rounds the page box to its own units.
const a4 = (s) => { const m = s.match(/^([\d.]+) x ([\d.]+) pts/); return m && Math.abs(m[1] - 595.28) < 1.5 && Math.abs(m[2] - 841.89) < 1.5; };
check(sizes.length === pages && sizes.every(a4), `PDF pages not all A4: ${sizes}`);
fs.writeFileSync(path.join(outDir, "pdf-pages.txt"), `${pages}\n`);

console.log(`${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
