#pragma once
// The files a report is made of, embedded into heatnet at build time (CMakeLists.txt runs
// tools/report/embed_assets.py): "report.html" (template), "report.css", "report.js" and
// "echarts.min.js" (Apache ECharts, pinned in tools/report/package-lock.json). docs/report.md
// says why they are embedded rather than read at run time.
#include <string_view>
#include <utility>

namespace heatnet {

//! The text of asset `name`; empty if it was missing when heatnet was built.
std::string_view reportAsset(std::string_view name);

} // namespace heatnet
