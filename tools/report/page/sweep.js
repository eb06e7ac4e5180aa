// heatnet report page for a design sweep (heatnet report sweep.h5): the Pareto front of two
// chosen objectives, the table of the Pareto-optimal designs, and each KPI against each varied
// parameter. Built from the data heatnet embedded in #heatnet-data (solver/sweep/SweepReport.cpp) with
// Apache ECharts (bundled, SVG renderer, no animation). French by default, English with
// --lang en; KPI labels come from heatnet's KPI catalogue through the data.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("heatnet-data").textContent);
  const FR = D.lang === "fr";
  const T = FR ? {
    title: (name) => `Balayage de conceptions : ${name}`,
    subtitle: (n, base) => `${n} variantes du scénario ${base}, chacune simulée heure par heure. Calculé par heatnet ${D.version} le ${D.generated}.`,
    lead: (s) => `<b>${s.done}</b> variantes calculées sur ${s.total}${s.failed ? `, <b>${s.failed}</b> en échec` : ""}${s.missing ? `, ${s.missing} absentes du fichier` : ""}. <b>${s.pareto}</b> sont optimales au sens de Pareto sur ${s.objectives} : aucune autre variante n'est au moins aussi bonne sur tous ces critères et meilleure sur l'un d'eux.`,
    varied: "Ce qui varie",
    levels: (n) => `${n} niveau${n > 1 ? "x" : ""} :`,
    front: "Le front de Pareto",
    frontNote: "Chaque point est une variante ; en couleur, les variantes optimales au sens de Pareto (sur tous les objectifs du balayage, pas seulement les deux axes). Choisir les deux critères à comparer :",
    axisX: "Axe horizontal :", axisY: "Axe vertical :",
    paretoSeries: "optimales (Pareto)", otherSeries: "autres variantes",
    table: "Les variantes optimales",
    tableNote: (obj) => `Classées par ${obj}. ★ meilleure valeur de la colonne parmi les variantes optimales.`,
    caseCol: "Variante",
    perParameter: "Chaque indicateur selon chaque paramètre",
    perParameterNote: "Une ligne par indicateur, une colonne par paramètre ; chaque point est une variante (en couleur : optimales). L'écart vertical à niveau égal vient des autres paramètres.",
    failed: "Variantes en échec",
    failedNone: "Aucune variante n'a échoué.",
    method: "Méthode",
    objectivesTitle: "Objectifs",
    minimise: "à minimiser", maximise: "à maximiser",
    paretoTitle: "Optimum de Pareto",
    paretoText: "une variante est optimale si aucune autre variante calculée n'est au moins aussi bonne sur chaque objectif et strictement meilleure sur l'un d'eux. Les variantes en échec n'entrent pas dans la comparaison.",
    filesTitle: "Fichiers",
    filesText: (s) => `balayage ${s.sweep}, scénario de base ${s.base}${s.shard ? `, partie ${s.shard}` : ""}.`,
    costTitle: "Coût de la chaleur",
    costText: "énergie achetée et annuités de l'investissement (réseau, production et stockage), par MWh livré ; sans subventions.",
    caseLabel: (i) => `variante ${i}`,
  } : {
    title: (name) => `Design sweep: ${name}`,
    subtitle: (n, base) => `${n} variants of the scenario ${base}, each simulated hour by hour. Computed by heatnet ${D.version} on ${D.generated}.`,
    lead: (s) => `<b>${s.done}</b> designs computed out of ${s.total}${s.failed ? `, <b>${s.failed}</b> failed` : ""}${s.missing ? `, ${s.missing} missing from the file` : ""}. <b>${s.pareto}</b> are Pareto-optimal on ${s.objectives}: no other design is at least as good on all of them and better on one.`,
    varied: "What varies",
    levels: (n) => `${n} level${n > 1 ? "s" : ""}:`,
    front: "The Pareto front",
    frontNote: "Each point is a design; in colour, the Pareto-optimal designs (on all the sweep's objectives, not only the two axes). Choose the two criteria to compare:",
    axisX: "Horizontal axis:", axisY: "Vertical axis:",
    paretoSeries: "Pareto-optimal", otherSeries: "other designs",
    table: "The Pareto-optimal designs",
    tableNote: (obj) => `Sorted by ${obj}. ★ best value of the column among the optimal designs.`,
    caseCol: "Design",
    perParameter: "Each indicator against each parameter",
    perParameterNote: "One row per indicator, one column per parameter; each point is a design (in colour: optimal). The spread at one level comes from the other parameters.",
    failed: "Failed designs",
    failedNone: "No design failed.",
    method: "Method",
    objectivesTitle: "Objectives",
    minimise: "minimised", maximise: "maximised",
    paretoTitle: "Pareto optimum",
    paretoText: "a design is optimal when no other computed design is at least as good on every objective and strictly better on one. Failed designs are left out of the comparison.",
    filesTitle: "Files",
    filesText: (s) => `sweep ${s.sweep}, base scenario ${s.base}${s.shard ? `, shard ${s.shard}` : ""}.`,
    costTitle: "Cost of heat",
    costText: "energy bought plus the annuities of the investment (network, plant and storage), per MWh delivered; no subsidies.",
    caseLabel: (i) => `design ${i}`,
  };

  // ---- numbers
  const locale = FR ? "fr-FR" : "en-GB";
  function fmt(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    const d = digits !== undefined ? digits : (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
    return v.toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  // ---- the data
  const K = D.kpis;                     // [{id, unit, label, sentence, better}]
  const kpiAt = {};
  K.forEach((k, i) => { kpiAt[k.id] = i; });
  const P = D.parameters;               // [{name, path, unit, numeric}]
  const cases = D.cases;                // [{index, done, message, pareto, levels, numbers, kpis}]
  const done = cases.filter((c) => c.done);
  const pareto = done.filter((c) => c.pareto);
  const value = (c, id) => {
    const v = kpiAt[id] === undefined ? null : c.kpis[kpiAt[id]];
    return v === null || v === undefined ? NaN : v;
  };
  const kpiName = (id) => { const k = K[kpiAt[id]]; return k ? `${k.label} (${k.unit})` : id; };
  const objectiveIds = D.objectives.map((o) => o.id).filter((id) => kpiAt[id] !== undefined);
  const paretoColour = "#0b6e4f", otherColour = "#9aa5b1";

  // ---- building blocks
  const root = document.getElementById("report");
  root.innerHTML = "";
  function section(id, title) {
    const el = document.createElement("section");
    el.id = id;
    if (title) el.insertAdjacentHTML("beforeend", `<h2>${esc(title)}</h2>`);
    root.appendChild(el);
    return el;
  }
  function html(parent, text) { parent.insertAdjacentHTML("beforeend", text); return parent.lastElementChild; }
  window.heatnetCharts = [];
  function chart(parent, opts) {
    const fig = document.createElement("figure");
    fig.className = "chart";
    const box = document.createElement("div");
    box.className = "chart-area";
    box.style.width = opts.width + "px";
    box.style.height = opts.height + "px";
    fig.appendChild(box);
    if (opts.caption) fig.insertAdjacentHTML("beforeend", `<figcaption>${opts.caption}</figcaption>`);
    parent.appendChild(fig);
    const c = echarts.init(box, null, { renderer: "svg", width: opts.width, height: opts.height });
    c.setOption(Object.assign({ animation: false, textStyle: { fontFamily: "DejaVu Sans, Arial, sans-serif" } }, opts.option));
    window.heatnetCharts.push({ id: opts.id, kind: opts.kind, chart: c, element: box });
    return c;
  }
  const levelsText = (c) => P.map((p, i) => `${esc(p.name)} = ${esc(c.levels[i])}`).join("<br>");
  const tooltip = {
    trigger: "item",
    formatter: (item) => {
      const c = item.data.c;
      return `<b>${esc(T.caseLabel(c.index))}</b><br>${levelsText(c)}`;
    },
  };

  // ---- 1. title, what varies, the lead
  const top = section("summary");
  html(top, `<h1>${esc(T.title(D.sweep.name))}</h1>`);
  html(top, `<p class="subtitle">${esc(T.subtitle(D.sweep.caseCount, D.sweep.base))}</p>`);
  const objectiveText = objectiveIds.map((id) => esc(K[kpiAt[id]].label.toLowerCase())).join(", ");
  html(top, `<p class="lead">${T.lead({
    done: done.length, total: D.sweep.caseCount, failed: cases.length - done.length,
    missing: D.sweep.caseCount - cases.length, pareto: pareto.length, objectives: objectiveText,
  })}</p>`);
  html(top, `<h3>${esc(T.varied)}</h3>`);
  const varied = html(top, `<ul class="changes"></ul>`);
  P.forEach((p) => {
    const levels = [];
    cases.forEach((c) => { const l = c.levels[P.indexOf(p)]; if (!levels.includes(l)) levels.push(l); });
    html(varied, `<li><b>${esc(p.name)}</b> (<code>${esc(p.path)}</code>) — ${esc(T.levels(levels.length))} ${levels.map(esc).join(" · ")}</li>`);
  });

  // ---- 2. the Pareto front: two chosen objectives as a scatter
  const front = section("front", T.front);
  html(front, `<p class="note">${esc(T.frontNote)}</p>`);
  const controls = html(front, `<div class="controls"></div>`);
  const select = (label, chosen) => {
    const s = html(controls, `<label>${esc(label)} <select>${K.map((k) => `<option value="${esc(k.id)}"${k.id === chosen ? " selected" : ""}>${esc(k.label)} (${esc(k.unit)})</option>`).join("")}</select></label> `);
    return s.querySelector("select");
  };
  const xId = objectiveIds[0] || (K[0] && K[0].id);
  const yId = objectiveIds[1] || objectiveIds[0] || (K[1] && K[1].id) || xId;
  const selX = select(T.axisX, xId), selY = select(T.axisY, yId);
  const point = (c, x, y) => ({ name: String(c.index), value: [value(c, x), value(c, y)], c });
  function frontOption(x, y) {
    const others = done.filter((c) => !c.pareto);
    return {
      grid: { left: 70, right: 20, top: 36, bottom: 50 },
      legend: { top: 0, data: [T.paretoSeries, T.otherSeries] },
      tooltip,
      xAxis: { type: "value", scale: true, name: kpiName(x), nameLocation: "middle", nameGap: 30, axisLabel: { fontSize: 8 } },
      yAxis: { type: "value", scale: true, name: kpiName(y), nameLocation: "middle", nameGap: 55, axisLabel: { fontSize: 8 } },
      series: [
        { name: T.otherSeries, type: "scatter", symbolSize: 6, itemStyle: { color: otherColour }, data: others.map((c) => point(c, x, y)) },
        { name: T.paretoSeries, type: "scatter", symbolSize: 10, itemStyle: { color: paretoColour, borderColor: "#fff" }, data: pareto.map((c) => point(c, x, y)) },
      ],
    };
  }
  const frontChart = chart(front, { id: "front", kind: "pareto-front", width: 700, height: 440, option: frontOption(xId, yId) });
  const redraw = () => frontChart.setOption(frontOption(selX.value, selY.value), { notMerge: true });
  selX.addEventListener("change", redraw);
  selY.addEventListener("change", redraw);

  // ---- 3. the table of the Pareto-optimal designs
  const tableSection = section("pareto", T.table);
  const firstObjective = objectiveIds[0];
  const sortSign = D.objectives.length && D.objectives[0].maximise ? -1 : 1;
  const rows = pareto.slice().sort((a, b) => firstObjective ? sortSign * (value(a, firstObjective) - value(b, firstObjective)) : a.index - b.index);
  const tableKpis = objectiveIds.concat(D.tableKpis.filter((id) => kpiAt[id] !== undefined && !objectiveIds.includes(id)));
  html(tableSection, `<p class="note">${esc(T.tableNote(firstObjective ? K[kpiAt[firstObjective]].label.toLowerCase() : T.caseCol))}</p>`);
  const best = {};
  tableKpis.forEach((id) => {
    const k = K[kpiAt[id]];
    const vals = rows.map((c) => value(c, id)).filter(isFinite);
    if (k.better === "lower") best[id] = Math.min(...vals);
    if (k.better === "higher") best[id] = Math.max(...vals);
  });
  const head = `<tr><th>${esc(T.caseCol)}</th>${P.map((p) => `<th>${esc(p.name)}</th>`).join("")}${tableKpis.map((id) => `<th>${esc(K[kpiAt[id]].label)}<br><span class="unit">${esc(K[kpiAt[id]].unit)}</span></th>`).join("")}</tr>`;
  const body = rows.map((c) => `<tr data-case="${c.index}"><td class="label">${c.index}</td>${P.map((p, i) => `<td class="label">${esc(c.levels[i])}</td>`).join("")}${tableKpis.map((id) => {
    const v = value(c, id);
    return `<td${best[id] !== undefined && v === best[id] && rows.length > 1 ? ' class="best"' : ""}>${fmt(v)}</td>`;
  }).join("")}</tr>`).join("");
  html(tableSection, `<div style="overflow-x:auto"><table class="compare sweep"><thead>${head}</thead><tbody>${body}</tbody></table></div>`);

  // ---- 4. each KPI against each parameter (small multiples)
  const grid = section("parameters", T.perParameter);
  html(grid, `<p class="note">${esc(T.perParameterNote)}</p>`);
  const columns = Math.max(1, Math.min(P.length, 3));
  const width = Math.floor(700 / columns) - 8;
  tableKpis.forEach((id) => {
    html(grid, `<h3>${esc(kpiName(id))}</h3>`);
    const row = html(grid, `<div class="multiples" style="display:grid;grid-template-columns:repeat(${columns},1fr);gap:2px 8px"></div>`);
    P.forEach((p, pi) => {
      const categories = [];
      if (!p.numeric) done.forEach((c) => { if (!categories.includes(c.levels[pi])) categories.push(c.levels[pi]); });
      const at = (c) => (p.numeric ? c.numbers[pi] : categories.indexOf(c.levels[pi]));
      const data = (list) => list.map((c) => ({ name: String(c.index), value: [at(c), value(c, id)], c }));
      chart(row, {
        id: `kpi-${id}-${p.name}`, kind: "kpi-parameter", width, height: 170,
        option: {
          grid: { left: 48, right: 8, top: 10, bottom: 34 },
          tooltip,
          xAxis: p.numeric
            ? { type: "value", scale: true, name: p.unit ? `${p.name} (${p.unit})` : p.name, nameLocation: "middle", nameGap: 20, nameTextStyle: { fontSize: 8 }, axisLabel: { fontSize: 7 } }
            : { type: "value", min: -0.5, max: categories.length - 0.5, interval: 1, name: p.name, nameLocation: "middle", nameGap: 20, nameTextStyle: { fontSize: 8 },
                axisLabel: { fontSize: 7, formatter: (v) => (Number.isInteger(v) && categories[v] !== undefined ? String(categories[v]).slice(0, 14) : "") } },
          yAxis: { type: "value", scale: true, axisLabel: { fontSize: 7, formatter: (v) => fmt(v) } },
          series: [
            { type: "scatter", symbolSize: 4, itemStyle: { color: otherColour }, data: data(done.filter((c) => !c.pareto)) },
            { type: "scatter", symbolSize: 6, itemStyle: { color: paretoColour }, data: data(pareto) },
          ],
        },
      });
    });
  });

  // ---- 5. failed designs
  const failedSection = section("failed", T.failed);
  const failures = cases.filter((c) => !c.done);
  if (!failures.length) html(failedSection, `<p>${esc(T.failedNone)}</p>`);
  else {
    const list = html(failedSection, `<ul class="changes"></ul>`);
    failures.forEach((c) => html(list, `<li><b>${esc(T.caseLabel(c.index))}</b> (${P.map((p, i) => `${esc(p.name)} = ${esc(c.levels[i])}`).join(", ")}): ${esc(c.message)}</li>`));
  }

  // ---- 6. method
  const method = section("method", T.method);
  const dl = html(method, `<dl class="assumptions"></dl>`);
  const item = (title, text) => html(dl, `<dt>${esc(title)}</dt><dd>${text}</dd>`);
  item(T.objectivesTitle, D.objectives.map((o) => `${esc(kpiName(o.id))} — ${esc(o.maximise ? T.maximise : T.minimise)}`).join("; "));
  item(T.paretoTitle, esc(T.paretoText));
  item(T.costTitle, esc(T.costText));
  item(T.filesTitle, esc(T.filesText(D.sweep)));

  document.body.dataset.ready = "1";
})();
