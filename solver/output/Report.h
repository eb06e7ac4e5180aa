#pragma once
// A report for people who decide (heatnet report): scenarios side by side in one self-contained
// HTML page (data, scripts and styles inlined; no request leaves the page), in French or
// English, printable on A4. This file gathers the figures and fills the page template; the page
// itself (tools/report/page/) draws the table, charts and map. Layout and decisions:
// docs/report.md.
#include "solver/output/ScenarioResult.h"
#include "solver/run/KpiCatalogue.h"

#include <string>
#include <vector>

namespace heatnet {

//! Options of a report (plain struct, defaults stated).
struct ReportOptions {
    Language language = Language::French; //!< the territory's language by default
    double homeHeat_MWh_a = 15;           //!< heat a home-equivalent takes per year [MWh/a]
    std::string generatedOn;              //!< date printed on the report ("YYYY-MM-DD")
    std::size_t durationPoints = 146; //!< points of each load-duration curve (60 h of a year each)
};

//! KPIs in the comparison table, in this order (issue 8's list plus heat density).
const std::vector<std::string>& reportTableKpis();

//! Short display label of each scenario: its name less the prefix all names share
//! ("saint-omer-heat-pump", "saint-omer-storage" → "heat pump", "storage").
std::vector<std::string> scenarioLabels(const std::vector<ScenarioResult>& results);

//! The report's data as JSON (what the page draws from).
std::string reportData(const std::vector<ScenarioResult>& results, const ReportOptions& options);

//! The whole HTML page. Throws Error if the page assets were not embedded at build time.
std::string buildReport(const std::vector<ScenarioResult>& results, const ReportOptions& options);

//! The report page template (tools/report/page/report.html, its style and Apache ECharts) filled
//! with `data` (JSON) and the page script asset `script` ("report.js", or "sweep.js" for a sweep:
//! solver/sweep/SweepReport.h). Throws Error if the assets were not embedded at build time.
std::string reportPage(std::string_view script, const std::string& title, const std::string& data,
                       Language language);

} // namespace heatnet
