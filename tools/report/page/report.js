// heatnet report page: builds the document from the data heatnet embedded in #heatnet-data,
// with Apache ECharts (bundled in the page, SVG renderer, no animation so that print and
// screenshots show the final picture). Texts in French and English; the KPI labels and
// sentences come from heatnet's KPI catalogue through the data.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("heatnet-data").textContent);
  const FR = D.lang === "fr";
  const T = FR ? {
    title: "Réseau de chaleur : comparaison de scénarios",
    subtitle: (n, period) => `${n} scénarios simulés heure par heure sur ${period}, comparés à la référence. Calculé par heatnet ${D.version} le ${D.generated}.`,
    keyFigures: "L'essentiel",
    table: "Les chiffres clés, scénario par scénario",
    tableNote: "★ meilleure valeur de la ligne. Sous chaque valeur : l'écart à la référence (vert : mieux, rouge : moins bien).",
    reference: "référence",
    summaries: "Ce que dit chaque scénario",
    compare: "Chaleur récupérée, climat et coût",
    shareChart: "Part de chaleur récupérée (taux EnR&R)",
    shareLine: "50 % : TVA réduite, classement possible",
    shareSource: "Seuil de 50 % d'EnR&R : TVA à 5,5 % sur la chaleur vendue et classement du réseau (code général des impôts ; Cerema). Repère, pas un verdict.",
    co2Chart: "CO2 sur la période (tonnes)",
    co2Emitted: "CO2 émis", co2Avoided: "CO2 évité",
    costChart: "Coût de la chaleur (€ par MWh livré)",
    costEnergy: "énergie achetée", costCapital: "investissement (annuités)", costTotal: "total",
    costNote: "Le coût de la chaleur compare au coût d'un chauffage individuel au gaz (combustible, entretien, chaudière) ; le Fonds Chaleur vise une chaleur moins chère que cette solution.",
    monthly: "Chaleur produite chaque mois, par source",
    monthlyNote: "MWh par mois ; même échelle pour tous les scénarios. Vert et bleu : chaleur récupérée ; orange et rouge : chaudières.",
    duration: "Monotone de charge : qui couvre quelle puissance",
    durationNote: "Les heures de l'année classées de la plus forte à la plus faible puissance appelée ; les couleurs montrent la part de chaque source à chaque niveau de puissance (MW).",
    coldWeek: "La semaine la plus froide, heure par heure",
    coldWeekNote: (start, t) => `Semaine du ${start} (température extérieure moyenne ${t} °C) ; MW, ligne noire : besoin des bâtiments.`,
    demand: "besoin",
    map: "Le réseau",
    mapNote: (n, km) => `${n} sous-stations (disques proportionnels à leur besoin annuel), ${km} km de tranchée ; épaisseur des traits selon le diamètre (DN).`,
    colourBy: "Couleur des canalisations :",
    lossPerMetre: "pertes de chaleur (kWh par mètre et par an)",
    supplyTemp: "température moyenne de départ (°C)",
    noMap: "Les fichiers de résultats ne contiennent pas de coordonnées : pas de carte.",
    mapOf: (name) => `Réseau du scénario ${name}.`,
    plant: "chaufferie", factory: "usine (chaleur fatale)", substation: "sous-station",
    changes: "Ce qui change par rapport à la référence",
    changesNone: "Aucune différence dans le fichier de scénario.",
    changesOf: (name) => `${name}`,
    absent: "(absent)",
    assumptions: "Hypothèses et méthode",
    homeAssumption: "Logement-équivalent",
    homeText: (h) => `${h} MWh de chaleur livrée par an (chauffage et eau chaude d'un logement collectif des années 1960 à 1980 ; les ensembles de logements du scénario Saint-Omer : 2,6 à 3,0 GWh pour 150 à 180 logements). Sert aux chiffres « par logement » ; à remplacer par le nombre réel de logements raccordés.`,
    co2Assumption: "CO2 évité",
    co2Text: "par rapport à des chaudières gaz individuelles de rendement 90 % livrant la même chaleur ; facteurs d'émission du scénario (gaz 227 g/kWh, électricité 52 g/kWh par défaut).",
    densityAssumption: "Densité thermique",
    densityText: "chaleur livrée par mètre de tranchée et par an ; repère historique du Fonds Chaleur de l'ADEME : 1,5 MWh/m/an.",
    costAssumption: "Coût de la chaleur",
    costText: "énergie achetée (gaz, électricité, chaleur fatale payée aux usines) et annuités de l'investissement (réseau et production), par MWh livré ; sans subventions (le Fonds Chaleur peut financer jusqu'à 60 % du réseau).",
    dataAssumption: "Données",
    dataText: "Les scénarios fournis avec heatnet sont illustratifs, pas des relevés. Les chiffres valent pour les hypothèses des fichiers de scénario listés ci-dessous.",
    files: "Fichiers de résultats",
    negativeTitle: "À vérifier",
    negativeText: (list) => `heures où une source a pris de la chaleur à l'eau au lieu d'en fournir (puissance négative, non montrée dans les graphiques empilés) : ${list}.`,
    perHomeEmitted: "CO2 émis par logement-équivalent", perHomeAvoided: "CO2 évité par logement-équivalent",
    kgPerYear: "kg/an",
    months: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    hoursAxis: "heures de l'année, classées", mw: "MW", mwh: "MWh",
    allDelivered: "Toute la chaleur demandée est livrée.",
    unmet: (mwh, h) => `${mwh} MWh demandés ne sont pas livrés (${h} heures de manque).`,
    summary: (s) => `La chaleur fatale des usines couvre <b>${s.share} %</b> de la chaleur injectée dans le réseau (${s.threshold}). Les chaudières fournissent ${s.backup} MWh en brûlant ${s.gas} MWh de gaz ; la plus sollicitée tourne ${s.hours} heures. Le réseau émet ${s.co2} t de CO2 et en évite <b>${s.avoided} t</b> par rapport à des chaudières gaz individuelles, soit ${s.perHome} kg par logement-équivalent. La chaleur revient à <b>${s.cost} €/MWh</b>. ${s.unmet}`,
    above: "au-dessus du seuil de 50 %", below: "sous le seuil de 50 %",
    versusRef: (d) => ` Par rapport à la référence : taux de chaleur récupérée ${d.share} points, CO2 évité ${d.avoided} t, coût ${d.cost} €/MWh.`,
    leadNetwork: (s) => `Le réseau livre <b>${s.delivered} MWh</b> de chaleur sur la période à ${s.substations} sous-stations, soit environ ${s.homes} logements-équivalents, par ${s.km} km de canalisations (densité ${s.density} MWh/m/an, ${s.densityVerdict}).`,
    densityAbove: "au-dessus du repère de 1,5 du Fonds Chaleur", densityBelow: "sous le repère de 1,5 du Fonds Chaleur",
    leadShare: (s) => `Part de chaleur récupérée : de <b>${s.min} %</b> (${s.minName}) à <b>${s.max} %</b> (${s.maxName}) ; ${s.count} scénario(s) sur ${s.n} atteignent le seuil de 50 %.`,
    leadCost: (s) => `Coût de la chaleur le plus bas : <b>${s.name}</b> (${s.value} €/MWh) ; le plus élevé : ${s.worst} (${s.worstValue} €/MWh).`,
    leadCo2: (s) => `Le plus de CO2 évité : <b>${s.name}</b> (${s.value} t, ${s.perHome} kg par logement-équivalent).`,
    leadGas: (s) => `Le plus dépendant du gaz : <b>${s.name}</b> (${s.gas} MWh de gaz, chaudière ${s.hours} h).`,
    leadUnmet: (s) => `Chaleur non livrée : ${s}.`,
    none: "moins de 0,1 % du besoin dans tous les scénarios",
  } : {
    title: "Heat network: scenarios compared",
    subtitle: (n, period) => `${n} scenarios simulated hour by hour over ${period}, compared with the reference. Computed by heatnet ${D.version} on ${D.generated}.`,
    keyFigures: "In short",
    table: "Key figures, scenario by scenario",
    tableNote: "★ best value of the row. Under each value: the difference to the reference (green: better, red: worse).",
    reference: "reference",
    summaries: "What each scenario says",
    compare: "Recovered heat, climate and cost",
    shareChart: "Share of recovered heat (EnR&R)",
    shareLine: "50 %: reduced VAT, network can be 'classé'",
    shareSource: "50 % EnR&R threshold: 5.5 % VAT on the heat sold and a 'classé' network (French tax code; Cerema). A reference line, not a verdict.",
    co2Chart: "CO2 over the period (tonnes)",
    co2Emitted: "CO2 emitted", co2Avoided: "CO2 avoided",
    costChart: "Cost of heat (EUR per MWh delivered)",
    costEnergy: "energy bought", costCapital: "investment (annuities)", costTotal: "total",
    costNote: "Compare the cost of heat with individual gas heating (fuel, maintenance, boiler); the Fonds Chaleur aims at heat cheaper than that.",
    monthly: "Heat produced each month, by source",
    monthlyNote: "MWh per month; the same scale for every scenario. Green and blue: recovered heat; orange and red: boilers.",
    duration: "Load-duration curve: who covers which load",
    durationNote: "The hours of the year sorted from the highest load to the lowest; colours show each source's share at each load level (MW).",
    coldWeek: "The coldest week, hour by hour",
    coldWeekNote: (start, t) => `Week from ${start} (mean outdoor temperature ${t} °C); MW, black line: the buildings' demand.`,
    demand: "demand",
    map: "The network",
    mapNote: (n, km) => `${n} substations (discs sized by their yearly demand), ${km} km of trench; line width by pipe size (DN).`,
    colourBy: "Pipe colour:",
    lossPerMetre: "heat loss (kWh per metre and year)",
    supplyTemp: "mean supply temperature (°C)",
    noMap: "The result files hold no coordinates: no map.",
    mapOf: (name) => `Network of scenario ${name}.`,
    plant: "heating plant", factory: "factory (waste heat)", substation: "substation",
    changes: "What changes from the reference",
    changesNone: "No difference in the scenario file.",
    changesOf: (name) => `${name}`,
    absent: "(absent)",
    assumptions: "Assumptions and method",
    homeAssumption: "Home-equivalent",
    homeText: (h) => `${h} MWh of heat delivered a year (heating and hot water of a 1960s-80s flat; the Saint-Omer scenario's housing estates: 2.6 to 3.0 GWh for 150 to 180 dwellings). Used for the "per home" figures; replace with the real number of connected homes.`,
    co2Assumption: "CO2 avoided",
    co2Text: "against individual gas boilers of 90 % efficiency delivering the same heat; the scenario's emission factors (gas 227 g/kWh, electricity 52 g/kWh by default).",
    densityAssumption: "Heat density",
    densityText: "heat delivered per metre of trench and year; ADEME's historic Fonds Chaleur criterion: 1.5 MWh/m/yr.",
    costAssumption: "Cost of heat",
    costText: "energy bought (gas, electricity, waste heat paid to the factories) and annuities of the investment (pipes and plant), per MWh delivered; no subsidy (the Fonds Chaleur can fund up to 60 % of the network).",
    dataAssumption: "Data",
    dataText: "The scenarios bundled with heatnet are illustrative, not surveyed data. The figures hold for the assumptions of the scenario files listed below.",
    files: "Result files",
    negativeTitle: "To check",
    negativeText: (list) => `hours in which a source took heat from the water instead of giving it (negative output, not shown in the stacked charts): ${list}.`,
    perHomeEmitted: "CO2 emitted per home-equivalent", perHomeAvoided: "CO2 avoided per home-equivalent",
    kgPerYear: "kg/yr",
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    hoursAxis: "hours of the year, sorted", mw: "MW", mwh: "MWh",
    allDelivered: "All the heat asked for is delivered.",
    unmet: (mwh, h) => `${mwh} MWh asked for are not delivered (${h} hours short).`,
    summary: (s) => `The factories' waste heat covers <b>${s.share} %</b> of the heat put into the network (${s.threshold}). Boilers give ${s.backup} MWh, burning ${s.gas} MWh of gas; the most-used one runs ${s.hours} hours. The network emits ${s.co2} t of CO2 and avoids <b>${s.avoided} t</b> against individual gas boilers, ${s.perHome} kg per home-equivalent. Heat costs <b>${s.cost} EUR/MWh</b>. ${s.unmet}`,
    above: "above the 50 % threshold", below: "below the 50 % threshold",
    versusRef: (d) => ` Against the reference: recovered-heat share ${d.share} points, CO2 avoided ${d.avoided} t, cost ${d.cost} EUR/MWh.`,
    leadNetwork: (s) => `The network delivers <b>${s.delivered} MWh</b> of heat over the period to ${s.substations} substations, about ${s.homes} home-equivalents, through ${s.km} km of pipes (heat density ${s.density} MWh/m/yr, ${s.densityVerdict}).`,
    densityAbove: "above the Fonds Chaleur's 1.5 mark", densityBelow: "below the Fonds Chaleur's 1.5 mark",
    leadShare: (s) => `Share of recovered heat: from <b>${s.min} %</b> (${s.minName}) to <b>${s.max} %</b> (${s.maxName}); ${s.count} of ${s.n} scenarios reach the 50 % threshold.`,
    leadCost: (s) => `Cheapest heat: <b>${s.name}</b> (${s.value} EUR/MWh); dearest: ${s.worst} (${s.worstValue} EUR/MWh).`,
    leadCo2: (s) => `Most CO2 avoided: <b>${s.name}</b> (${s.value} t, ${s.perHome} kg per home-equivalent).`,
    leadGas: (s) => `Most dependent on gas: <b>${s.name}</b> (${s.gas} MWh of gas, boiler running ${s.hours} h).`,
    leadUnmet: (s) => `Heat not delivered: ${s}.`,
    none: "less than 0.1 % of the demand in every scenario",
  };

  // ---- numbers
  const locale = FR ? "fr-FR" : "en-GB";
  function fmt(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    const d = digits !== undefined ? digits : (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
    return v.toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d });
  }
  function signed(v, digits) {
    if (!isFinite(v)) return "–";
    return (v > 0 ? "+" : v < 0 ? "−" : "±") + fmt(Math.abs(v), digits);
  }
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

  // ---- scenarios, colours
  const S = D.scenarios;
  const ref = S[0];
  const scenarioColours = ["#334155", "#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#b91c1c", "#a16207"];
  S.forEach((s, i) => { s.colour = scenarioColours[i % scenarioColours.length]; });
  const kindPalettes = {
    waste_heat: ["#1b9e77", "#66c2a5", "#0f766e", "#99d8c9"],
    heat_pump: ["#3288bd", "#74add1", "#1d4e89"],
    gas: ["#f46d43", "#d53e4f", "#fdae61", "#9e0142"],
    biomass: ["#8c510a", "#bf812d"],
    other: ["#888888", "#bbbbbb"],
  };
  const sourceColour = {};
  const used = {};
  S.forEach((s) => s.sources.forEach((src) => {
    if (sourceColour[src.id]) return;
    const palette = kindPalettes[src.kind] || kindPalettes.other;
    used[src.kind] = (used[src.kind] || 0);
    sourceColour[src.id] = palette[used[src.kind] % palette.length];
    used[src.kind] += 1;
  }));
  const kpi = (s, id) => (s.kpi[id] !== undefined ? s.kpi[id] : NaN);
  const years = D.period.years;
  const homes = (s) => kpi(s, "heat_delivered") / (D.homeHeat_MWh * years);
  const perHome = (s, id) => kpi(s, id) * 1000 / homes(s) / years; // kg per home and year

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
    const option = Object.assign({ animation: false, textStyle: { fontFamily: "DejaVu Sans, Arial, sans-serif" } }, opts.option);
    c.setOption(option);
    window.heatnetCharts.push({ id: opts.id, kind: opts.kind, scenario: opts.scenario || null, chart: c, element: box });
    return c;
  }
  const numberAxis = (extra) => Object.assign({ fontSize: 8, formatter: (v) => fmt(v, 0) }, extra || {});
  // The next round number at or above v (1, 2, 2.5, 5 × 10^k): shared scales stay readable.
  function niceCeil(v) {
    if (!(v > 0)) return null;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }
  const smallTitle = (text) => ({ text, left: 0, top: 0, textStyle: { fontSize: 11, fontWeight: "bold" } });
  const axisFont = { fontSize: 9 };

  // ---- page 1: title, key messages, comparison table
  const periodText = `${fmt(D.period.hours, 0)} h (${D.period.start.slice(0, 10)})`;
  const p1 = section("summary");
  html(p1, `<h1>${esc(T.title)}</h1>`);
  html(p1, `<p class="subtitle">${esc(T.subtitle(S.length, periodText))}</p>`);

  const net = D.network || {};
  const byMax = (id) => S.reduce((a, b) => (kpi(b, id) > kpi(a, id) ? b : a));
  const byMin = (id) => S.reduce((a, b) => (kpi(b, id) < kpi(a, id) ? b : a));
  const lead = [];
  const density = kpi(ref, "heat_density");
  lead.push(T.leadNetwork({
    delivered: fmt(kpi(ref, "heat_delivered"), 0), substations: net.substations || "–",
    homes: fmt(homes(ref), 0), km: fmt((net.trench_m || NaN) / 1000, 1), density: fmt(density, 2),
    densityVerdict: density >= 1.5 ? T.densityAbove : T.densityBelow,
  }));
  const minShare = byMin("waste_heat_share"), maxShare = byMax("waste_heat_share");
  lead.push(T.leadShare({
    min: fmt(kpi(minShare, "waste_heat_share"), 0), minName: esc(minShare.label),
    max: fmt(kpi(maxShare, "waste_heat_share"), 0), maxName: esc(maxShare.label),
    count: S.filter((s) => kpi(s, "waste_heat_share") >= 50).length, n: S.length,
  }));
  const cheap = byMin("heat_cost_per_mwh"), dear = byMax("heat_cost_per_mwh");
  lead.push(T.leadCost({ name: esc(cheap.label), value: fmt(kpi(cheap, "heat_cost_per_mwh"), 1),
    worst: esc(dear.label), worstValue: fmt(kpi(dear, "heat_cost_per_mwh"), 1) }));
  const green = byMax("co2_avoided");
  lead.push(T.leadCo2({ name: esc(green.label), value: fmt(kpi(green, "co2_avoided"), 0),
    perHome: fmt(perHome(green, "co2_avoided"), 0) }));
  const gassy = byMax("gas_fuel");
  lead.push(T.leadGas({ name: esc(gassy.label), gas: fmt(kpi(gassy, "gas_fuel"), 0),
    hours: fmt(kpi(gassy, "backup_hours"), 0) }));
  const short = S.filter((s) => kpi(s, "unmet_heat") > 0.001 * kpi(s, "heat_demand"));
  lead.push(T.leadUnmet(short.length === 0 ? T.none
    : short.map((s) => `${esc(s.label)} ${fmt(kpi(s, "unmet_heat"), 0)} MWh`).join(", ")));
  html(p1, `<div class="lead"><b>${esc(T.keyFigures)}</b><ul>${lead.map((l) => `<li>${l}</li>`).join("")}</ul></div>`);

  html(p1, `<h2>${esc(T.table)}</h2>`);
  const rows = D.rows.slice();
  // Derived per-home rows follow the CO2 rows (assumption stated in the last section).
  const derived = {
    co2_emitted_per_home: { label: T.perHomeEmitted, unit: T.kgPerYear, better: "lower", value: (s) => perHome(s, "co2_emitted") },
    co2_avoided_per_home: { label: T.perHomeAvoided, unit: T.kgPerYear, better: "higher", value: (s) => perHome(s, "co2_avoided") },
  };
  const at = rows.findIndex((r) => r.id === "co2_avoided");
  rows.splice(at + 1, 0, Object.assign({ id: "co2_emitted_per_home" }, derived.co2_emitted_per_home),
    Object.assign({ id: "co2_avoided_per_home" }, derived.co2_avoided_per_home));
  const value = (s, row) => (derived[row.id] ? derived[row.id].value(s) : kpi(s, row.id));
  let table = `<table class="compare" id="comparison"><thead><tr><th></th>`;
  S.forEach((s, i) => {
    table += `<th class="${i === 0 ? "reference" : ""}"><span class="swatch" style="background:${s.colour}"></span>${esc(s.label)}${i === 0 ? `<br><span class="note">(${esc(T.reference)})</span>` : ""}</th>`;
  });
  table += "</tr></thead><tbody>";
  for (const row of rows) {
    const values = S.map((s) => value(s, row));
    const finite = values.filter((v) => isFinite(v));
    let best = null;
    if (finite.length > 1 && row.better !== "neither") {
      const target = row.better === "higher" ? Math.max(...finite) : Math.min(...finite);
      const spread = Math.max(...finite) - Math.min(...finite);
      // Differences under 0.5 % of the largest value are noise, not a better scenario.
      if (spread > 0.005 * Math.max(...finite.map(Math.abs))) best = target;
    }
    const digits = row.unit === "%" ? 1 : undefined;
    table += `<tr data-kpi="${esc(row.id)}"><td class="label">${esc(row.label)} <span class="unit">${esc(row.unit)}</span></td>`;
    values.forEach((v, i) => {
      // Values within 0.5 % of the best share its mark.
      const isBest = best !== null && Math.abs(v - best) <= 0.005 * Math.max(Math.abs(best), 1e-12);
      const classes = [i === 0 ? "reference" : "", isBest ? "best" : ""].join(" ").trim();
      let delta = "";
      if (i > 0 && isFinite(v) && isFinite(values[0])) {
        const d = v - values[0];
        const good = row.better === "higher" ? d > 0 : row.better === "lower" ? d < 0 : false;
        const bad = row.better === "higher" ? d < 0 : row.better === "lower" ? d > 0 : false;
        // Below 0.05 % of the reference a difference is rounding, shown as "=".
        const tiny = Math.abs(d) <= 5e-4 * Math.abs(values[0]) || Math.abs(d) < 1e-9;
        delta = `<span class="delta ${tiny ? "" : good ? "good" : bad ? "bad" : ""}">${tiny ? "=" : signed(d, digits)}</span>`;
      }
      table += `<td class="${classes}">${fmt(v, digits)}${delta}</td>`;
    });
    table += "</tr>";
  }
  table += "</tbody></table>";
  html(p1, table);
  html(p1, `<p class="note">${esc(T.tableNote)}</p>`);

  // ---- page 2: one paragraph per scenario
  const p2 = section("scenarios", T.summaries);
  S.forEach((s, i) => {
    const share = kpi(s, "waste_heat_share");
    const unmetMWh = kpi(s, "unmet_heat");
    const text = T.summary({
      share: fmt(share, 0), threshold: share >= 50 ? `<span class="threshold">${T.above}</span>` : `<span class="threshold missed">${T.below}</span>`,
      backup: fmt(kpi(s, "backup_heat"), 0), gas: fmt(kpi(s, "gas_fuel"), 0), hours: fmt(kpi(s, "backup_hours"), 0),
      co2: fmt(kpi(s, "co2_emitted"), 0), avoided: fmt(kpi(s, "co2_avoided"), 0), perHome: fmt(perHome(s, "co2_avoided"), 0),
      cost: fmt(kpi(s, "heat_cost_per_mwh"), 1),
      unmet: unmetMWh > 0.001 * kpi(s, "heat_demand") ? T.unmet(fmt(unmetMWh, 0), fmt(kpi(s, "unmet_hours"), 0)) : T.allDelivered,
    }) + (i === 0 ? "" : T.versusRef({
      share: signed(share - kpi(ref, "waste_heat_share"), 1),
      avoided: signed(kpi(s, "co2_avoided") - kpi(ref, "co2_avoided"), 0),
      cost: signed(kpi(s, "heat_cost_per_mwh") - kpi(ref, "heat_cost_per_mwh"), 1),
    }));
    html(p2, `<div class="summary" data-scenario="${esc(s.name)}"><h3><span class="swatch" style="background:${s.colour}"></span>${esc(s.label)}${i === 0 ? ` (${esc(T.reference)})` : ""}</h3><p>${text}</p></div>`);
  });

  // ---- page 3: comparison charts (one legend entry per scenario)
  const p3 = section("compare", T.compare);
  const legend = { top: 22, left: 0, itemWidth: 12, itemHeight: 9, textStyle: { fontSize: 9 }, data: S.map((s) => s.label) };
  const barSeries = (values, digits = 0) => S.map((s, i) => ({ name: s.label, type: "bar", itemStyle: { color: s.colour }, data: values(s, i),
    label: { show: true, position: "top", fontSize: 8, formatter: (p) => fmt(p.value, digits) } }));
  const shareSeries = barSeries((s) => [kpi(s, "waste_heat_share")]);
  shareSeries[0].markLine = { symbol: "none", silent: true, lineStyle: { color: "#0b6e4f", type: "dashed", width: 2 },
    label: { formatter: T.shareLine, position: "end", fontSize: 9, lineHeight: 12, color: "#0b6e4f", width: 110, overflow: "break" }, data: [{ yAxis: 50 }] };
  chart(p3, { id: "share", kind: "compare", width: 703, height: 250, caption: esc(T.shareSource), option: {
    title: smallTitle(T.shareChart), legend, grid: { left: 40, right: 120, top: 70, bottom: 20 },
    xAxis: { type: "category", data: [T.shareChart], axisLabel: { show: false } },
    yAxis: { type: "value", max: 100, axisLabel: Object.assign({ formatter: "{value} %" }, axisFont) }, series: shareSeries } });
  chart(p3, { id: "co2", kind: "compare", width: 703, height: 270, option: {
    title: smallTitle(T.co2Chart), legend, grid: { left: 60, right: 10, top: 70, bottom: 24 },
    xAxis: { type: "category", data: [T.co2Emitted, T.co2Avoided], axisLabel: axisFont },
    yAxis: { type: "value", axisLabel: numberAxis(axisFont) },
    series: barSeries((s) => [kpi(s, "co2_emitted"), kpi(s, "co2_avoided")]) } });
  chart(p3, { id: "cost", kind: "compare", width: 703, height: 270, caption: esc(T.costNote), option: {
    title: smallTitle(T.costChart), legend, grid: { left: 40, right: 10, top: 70, bottom: 24 },
    xAxis: { type: "category", data: [T.costEnergy, T.costCapital, T.costTotal], axisLabel: axisFont },
    yAxis: { type: "value", axisLabel: numberAxis(axisFont) },
    series: barSeries((s) => [kpi(s, "energy_cost_per_mwh"), kpi(s, "capital_cost_per_mwh"), kpi(s, "heat_cost_per_mwh")], 1) } });

  // ---- small multiples: one chart per scenario, legend = its sources
  // Two charts a row, as tall as one A4 page allows (about 880 px below the heading).
  const cellWidth = 346, cellHeight = Math.min(300, Math.floor(880 / Math.ceil(S.length / 2)) - 8);
  function smallMultiples(sectionId, title, note, build) {
    const sec = section(sectionId, title);
    html(sec, `<p class="note">${note}</p>`);
    const grid = html(sec, `<div class="grid"></div>`);
    S.forEach((s, i) => chart(grid, { id: `${sectionId}-${i}`, kind: "scenario", scenario: s.name, width: cellWidth, height: cellHeight, option: build(s) }));
    return sec;
  }
  // Stacked charts show what sources give; negative output (a source cooling the water) would
  // stack below zero as spikes: it is listed in the method section instead.
  const positive = (v) => (v > 0 ? v : 0);
  const sourceLegend = (s) => ({ top: 16, left: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 8 }, data: s.sources.map((x) => x.id) });
  const monthLabels = D.months.map((m) => T.months[Number(m.slice(5, 7)) - 1] + (D.months.length > 12 ? " " + m.slice(2, 4) : ""));
  let monthlyMax = 0;
  S.forEach((s) => D.months.forEach((_, m) => {
    monthlyMax = Math.max(monthlyMax, s.sources.reduce((a, src) => a + src.monthly_MWh[m], 0));
  }));
  smallMultiples("monthly", T.monthly, esc(T.monthlyNote), (s) => ({
    title: smallTitle(s.label), legend: sourceLegend(s), grid: { left: 46, right: 6, top: 64, bottom: 24 },
    xAxis: { type: "category", data: monthLabels, axisLabel: { fontSize: 8, interval: 0, rotate: D.months.length > 6 ? 45 : 0 } },
    yAxis: { type: "value", min: 0, max: niceCeil(monthlyMax), axisLabel: numberAxis() },
    series: s.sources.map((src) => ({ name: src.id, type: "bar", stack: "heat", barCategoryGap: "20%", itemStyle: { color: sourceColour[src.id] }, data: src.monthly_MWh.map(positive) })),
  }));
  let peak = 0;
  S.forEach((s) => s.duration_h.forEach((_, k) => { peak = Math.max(peak, s.sources.reduce((a, src) => a + src.duration_MW[k], 0)); }));
  smallMultiples("duration", T.duration, esc(T.durationNote), (s) => ({
    title: smallTitle(s.label), legend: sourceLegend(s), grid: { left: 34, right: 8, top: 64, bottom: 30 },
    xAxis: { type: "value", min: 0, max: D.period.hours, name: T.hoursAxis, nameLocation: "middle", nameGap: 18, nameTextStyle: { fontSize: 8 }, axisLabel: numberAxis({ showMaxLabel: false }) },
    yAxis: { type: "value", min: 0, max: niceCeil(peak), axisLabel: numberAxis() },
    series: s.sources.map((src) => ({ name: src.id, type: "line", stack: "load", symbol: "none", lineStyle: { width: 0 },
      areaStyle: { color: sourceColour[src.id], opacity: 0.9 }, itemStyle: { color: sourceColour[src.id] },
      data: s.duration_h.map((h, k) => [h, positive(src.duration_MW[k])]) })),
  }));
  const cw = D.coldWeek;
  const cwLabels = cw.hours.map((h) => h);
  let cwPeak = 0;
  S.forEach((s) => cw.hours.forEach((_, k) => { cwPeak = Math.max(cwPeak, s.coldWeekDemand_MW[k], s.sources.reduce((a, src) => a + src.coldWeek_MW[k], 0)); }));
  smallMultiples("coldweek", T.coldWeek, esc(T.coldWeekNote(cw.start, fmt(cw.meanOutdoor_C, 1))), (s) => ({
    title: smallTitle(s.label), legend: sourceLegend(s), grid: { left: 34, right: 8, top: 64, bottom: 22 },
    xAxis: { type: "category", data: cwLabels, boundaryGap: false, axisLabel: { fontSize: 8, interval: 23, formatter: (v) => v.slice(0, 5) } },
    yAxis: { type: "value", min: 0, max: niceCeil(cwPeak), axisLabel: numberAxis() },
    series: s.sources.map((src) => ({ name: src.id, type: "line", stack: "week", symbol: "none", lineStyle: { width: 0 },
      areaStyle: { color: sourceColour[src.id], opacity: 0.9 }, itemStyle: { color: sourceColour[src.id] }, data: src.coldWeek_MW.map(positive) }))
      .concat([{ name: T.demand, type: "line", symbol: "none", lineStyle: { color: "#111", width: 1.2 }, itemStyle: { color: "#111" }, data: s.coldWeekDemand_MW }]),
  }));

  // ---- the map of the reference network
  const pm = section("map", T.map);
  const M = D.map;
  if (!M) {
    html(pm, `<p>${esc(T.noMap)}</p>`);
  } else {
    html(pm, `<p class="note">${esc(T.mapOf(ref.label))} ${esc(T.mapNote(M.nodes.filter((n) => n.kind === "substation").length, fmt(net.trench_m / 1000, 1)))}</p>`);
    const controls = html(pm, `<div class="controls">${esc(T.colourBy)} <select id="map-quantity"><option value="loss">${esc(T.lossPerMetre)}</option><option value="supply">${esc(T.supplyTemp)}</option></select></div>`);
    const ramp = ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"];
    const mix = (a, b, t) => { const pa = parseInt(a.slice(1), 16), pb = parseInt(b.slice(1), 16); const c = [16, 8, 0].map((s) => Math.round(((pa >> s) & 255) * (1 - t) + ((pb >> s) & 255) * t)); return "#" + c.map((x) => x.toString(16).padStart(2, "0")).join(""); };
    const colourAt = (t) => { const x = Math.max(0, Math.min(1, t)) * (ramp.length - 1); const i = Math.min(ramp.length - 2, Math.floor(x)); return mix(ramp[i], ramp[i + 1], x - i); };
    const maxDemand = Math.max(...M.nodes.map((n) => n.demand_MWh || 0), 1);
    const nodeStyle = (n) => {
      if (n.kind === "plant") return { symbol: "rect", symbolSize: 16, itemStyle: { color: "#7f1d1d" } };
      if (n.kind === "factory") return { symbol: "triangle", symbolSize: 18, itemStyle: { color: "#0b6e4f" } };
      if (n.kind === "substation") return { symbol: "circle", symbolSize: 5 + 17 * Math.sqrt((n.demand_MWh || 0) / maxDemand), itemStyle: { color: "#475569", borderColor: "#fff", borderWidth: 0.5 } };
      return { symbol: "circle", symbolSize: 3, itemStyle: { color: "#94a3b8" } };
    };
    const rampBox = html(pm, `<div class="ramp"></div>`);
    // Keep the map's proportions: one metre is as long east-west as north-south.
    const xs = M.nodes.map((n) => n.x), ys = M.nodes.map((n) => n.y);
    const spanX = Math.max(...xs) - Math.min(...xs) || 1, spanY = Math.max(...ys) - Math.min(...ys) || 1;
    const mapWidth = 703, mapHeight = 760, pad = 30;
    const scale = Math.min((mapWidth - 2 * pad) / spanX, (mapHeight - 2 * pad) / spanY);
    const box = { width: spanX * scale, height: spanY * scale };
    box.left = (mapWidth - box.width) / 2;
    box.top = (mapHeight - box.height) / 2;
    function mapOption(quantity) {
      const values = M.pipes.map((p) => (quantity === "loss" ? p.loss_kWh_m : p.supply_C)).filter((v) => isFinite(v));
      const lo = values.length ? Math.min(...values) : 0, hi = values.length ? Math.max(...values) : 1;
      rampBox.innerHTML = `<span>${esc(quantity === "loss" ? T.lossPerMetre : T.supplyTemp)}</span><span>${fmt(lo, 0)}</span><span class="bar" style="background:linear-gradient(90deg,${ramp.join(",")})"></span><span>${fmt(hi, 0)}</span>`;
      return {
        tooltip: { trigger: "item" },
        series: [{
          type: "graph", layout: "none", roam: false, left: box.left, top: box.top, width: box.width, height: box.height,
          label: { show: false }, emphasis: { disabled: true },
          data: M.nodes.map((n) => Object.assign({ name: n.id, x: n.x, y: -n.y, value: n.demand_MWh || 0,
            label: { show: n.kind === "plant" || n.kind === "factory", position: "left", fontSize: 10, fontWeight: "bold", formatter: n.id },
            tooltip: { formatter: `${esc(n.id)} — ${esc(T[n.kind] || n.kind)}${n.demand_MWh ? `: ${fmt(n.demand_MWh, 0)} MWh` : ""}` } }, nodeStyle(n))),
          links: M.pipes.map((p) => {
            const v = quantity === "loss" ? p.loss_kWh_m : p.supply_C;
            return { source: p.from, target: p.to, value: v,
              lineStyle: { width: 1 + (p.dn || 80) / 45, color: isFinite(v) ? colourAt((v - lo) / Math.max(hi - lo, 1e-9)) : "#94a3b8", opacity: 1, curveness: 0 },
              tooltip: { formatter: `${esc(p.id)} DN${p.dn} — ${fmt(p.length_m, 0)} m — ${fmt(v, 1)}` } };
          }),
        }],
      };
    }
    const mapChart = chart(pm, { id: "map", kind: "map", width: mapWidth, height: mapHeight, option: mapOption("loss") });
    html(pm, `<p class="note">■ ${esc(T.plant)} &nbsp; ▲ ${esc(T.factory)} &nbsp; ● ${esc(T.substation)}</p>`);
    controls.querySelector("select").addEventListener("change", (e) => mapChart.setOption(mapOption(e.target.value), true));
  }

  // ---- what differs, assumptions
  const pd = section("changes", T.changes);
  S.slice(1).forEach((s) => {
    html(pd, `<h3><span class="swatch" style="background:${s.colour}"></span>${esc(T.changesOf(s.label))}</h3>`);
    if (!s.changes.length) { html(pd, `<p class="note">${esc(T.changesNone)}</p>`); return; }
    // The same change made to many items is one line: consumers[×33].design_supply: 105 → 70.
    const groups = new Map();
    for (const c of s.changes) {
      const key = [c.path.replace(/\[[^\]]*\]/g, "[*]"), c.before, c.after].join("\u0000");
      if (!groups.has(key)) groups.set(key, { first: c, count: 0 });
      groups.get(key).count += 1;
    }
    const lines = [...groups.values()].map((g) => ({ path: g.count > 1 ? g.first.path.replace(/\[[^\]]*\]/, `[×${g.count}]`) : g.first.path, before: g.first.before, after: g.first.after }));
    // What was added first (a tank, a heat pump), then what changed, then what was removed.
    const rank = (c) => (!c.before ? 0 : c.after ? 1 : 2);
    lines.sort((a, b) => rank(a) - rank(b));
    const shown = lines.slice(0, 12);
    const cut = (t) => (t.length > 160 ? t.slice(0, 157) + "…" : t);
    html(pd, `<ul class="changes">${shown.map((c) => `<li><code>${esc(c.path)}</code>: ${c.before ? esc(cut(c.before)) : esc(T.absent)} → <b>${c.after ? esc(cut(c.after)) : esc(T.absent)}</b></li>`).join("")}${lines.length > shown.length ? `<li>… (${lines.length - shown.length})</li>` : ""}</ul>`);
  });
  const pa = section("method", T.assumptions);
  const negatives = [];
  S.forEach((s) => s.sources.forEach((src) => { if (src.negativeHours > 0) negatives.push(`${s.label} / ${src.id}: ${fmt(src.negativeHours, 0)} h`); }));
  html(pa, `<dl class="assumptions">
    <dt>${esc(T.homeAssumption)}</dt><dd>${esc(T.homeText(fmt(D.homeHeat_MWh, 0)))}</dd>
    <dt>${esc(T.co2Assumption)}</dt><dd>${esc(T.co2Text)}</dd>
    <dt>${esc(T.densityAssumption)}</dt><dd>${esc(T.densityText)}</dd>
    <dt>${esc(T.costAssumption)}</dt><dd>${esc(T.costText)}</dd>
    <dt>${esc(T.dataAssumption)}</dt><dd>${esc(T.dataText)}</dd>
    ${negatives.length ? `<dt>${esc(T.negativeTitle)}</dt><dd>${esc(T.negativeText(negatives.join(", ")))}</dd>` : ""}
    <dt>${esc(T.files)}</dt><dd>${S.map((s) => `${esc(s.label)}: <code>${esc(s.file)}</code>`).join("<br>")}</dd></dl>`);
  document.body.dataset.ready = "1";
})();
