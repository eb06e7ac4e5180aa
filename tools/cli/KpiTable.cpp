#include "tools/cli/KpiTable.h"

#include "solver/run/KpiCatalogue.h"

#include <fmt/format.h>

#include <cmath>

namespace heatnet::cli {

namespace {
//! The catalogue's English label; a KPI unknown to this version keeps its own description.
std::string labelOf(const Kpi& kpi) {
    const auto text = findKpi(kpi.name);
    return text ? text->labelEn : kpi.description;
}

//! Display width of UTF-8 text (code points; fmt pads by bytes).
std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80;
    }
    return n;
}
} // namespace

void printKpiTable(std::FILE* out, const std::vector<Kpi>& kpis, bool showDataset) {
    std::size_t width = 9;
    std::size_t unitWidth = 4;
    for (const Kpi& k : kpis) {
        width = std::max(width, displayWidth(labelOf(k)));
        unitWidth = std::max(unitWidth, displayWidth(k.unit));
    }
    auto row = [&](const std::string& label, const std::string& value, const std::string& unit,
                   const std::string& dataset) {
        std::string line = label + std::string(width - displayWidth(label), ' ');
        line += fmt::format("  {:>14}  {}", value, unit);
        if (showDataset) {
            line += std::string(unitWidth - displayWidth(unit), ' ') + "  " + dataset;
        }
        fmt::print(out, "{}\n", line);
    };
    row("indicator", "value", "unit", "dataset");
    fmt::print(out, "{}\n", std::string(width + 18 + unitWidth + (showDataset ? 40 : 0), '-'));
    for (const Kpi& k : kpis) {
        const double magnitude = std::abs(k.value);
        const std::string value = magnitude != 0 && (magnitude < 0.01 || magnitude >= 1e9)
                                      ? fmt::format("{:.3e}", k.value)
                                      : fmt::format("{:.2f}", k.value);
        row(labelOf(k), value, k.unit, "kpis/" + k.name);
    }
}

} // namespace heatnet::cli
