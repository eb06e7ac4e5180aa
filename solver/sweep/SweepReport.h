#pragma once
// The report of a design sweep (heatnet report sweep.h5): one self-contained HTML page, in French
// or English, with the Pareto front of two chosen objectives, the table of the Pareto-optimal
// designs (their parameters and KPIs) and each KPI against each varied parameter. This file
// gathers the figures from a sweep file; the page itself is tools/report/page/sweep.js in the
// scenario report's template and style (solver/output/Report.h). Layout: docs/report.md.
#include "solver/output/Report.h"
#include "solver/sweep/SweepFile.h"

#include <string>
#include <vector>

namespace heatnet {

//! The sweep report's data as JSON (what tools/report/page/sweep.js draws from). The Pareto flags
//! are those of the file's objectives (paretoOptimal over the file's records).
std::string sweepReportData(const SweepHeader& header, const std::vector<CaseRecord>& records,
                            const ReportOptions& options);

//! The whole HTML page. Throws Error if the page assets were not embedded at build time.
std::string buildSweepReport(const SweepHeader& header, const std::vector<CaseRecord>& records,
                             const ReportOptions& options);

} // namespace heatnet
