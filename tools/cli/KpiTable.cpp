#include "tools/cli/KpiTable.h"

#include <fmt/format.h>

#include <cmath>

namespace heatnet::cli {

void printKpiTable(std::FILE* out, const std::vector<Kpi>& kpis) {
    std::size_t width = 0;
    for (const Kpi& k : kpis) {
        width = std::max(width, k.description.size());
    }
    fmt::print(out, "{:<{}}  {:>14}  {}\n", "indicator", width, "value", "unit");
    fmt::print(out, "{}\n", std::string(width + 24, '-'));
    for (const Kpi& k : kpis) {
        const double magnitude = std::abs(k.value);
        const std::string value = magnitude != 0 && (magnitude < 0.01 || magnitude >= 1e9)
                                      ? fmt::format("{:.3e}", k.value)
                                      : fmt::format("{:.2f}", k.value);
        fmt::print(out, "{:<{}}  {:>14}  {}\n", k.description, width, value, k.unit);
    }
}

} // namespace heatnet::cli
