#include "tools/cli/SweepTable.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heatnet::cli {

namespace {
constexpr std::size_t kMaxRows = 30;
constexpr std::size_t kMaxFailures = 5;

std::string unitOf(const std::vector<CaseRecord>& records, const std::string& kpi) {
    for (const CaseRecord& r : records) {
        for (const Kpi& k : r.kpis) {
            if (k.name == kpi) {
                return k.unit;
            }
        }
    }
    return "";
}
} // namespace

void printSweepSummary(std::FILE* out, const SweepHeader& header,
                       const std::vector<CaseRecord>& records) {
    std::size_t done = 0;
    for (const CaseRecord& r : records) {
        done += r.done ? 1 : 0;
    }
    const std::size_t failed = records.size() - done;
    fmt::print(out, "sweep '{}': {} of {} cases{}: {} done, {} failed\n", header.name,
               records.size(), header.caseCount,
               header.shard.empty() ? "" : fmt::format(" (shard {})", header.shard), done, failed);
    std::size_t shown = 0;
    for (const CaseRecord& r : records) {
        if (!r.done && shown++ < kMaxFailures) {
            fmt::print(out, "  case {} failed: {}\n", r.index,
                       r.message.substr(0, r.message.find('\n')));
        }
    }
    if (failed > kMaxFailures) {
        fmt::print(out, "  ... and {} more failures (cases/message in the file)\n",
                   failed - kMaxFailures);
    }
    const std::vector<bool> pareto = paretoOptimal(records, header.objectives, header.maximise);
    std::vector<std::size_t> best;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (pareto[i]) {
            best.push_back(i);
        }
    }
    if (best.empty()) {
        return;
    }
    const std::string& first = header.objectives.front();
    std::sort(best.begin(), best.end(), [&](std::size_t a, std::size_t b) {
        const double x = recordKpi(records[a], first), y = recordKpi(records[b], first);
        return header.maximise.front() ? x > y : x < y;
    });
    std::vector<std::string> objectiveNames;
    for (std::size_t k = 0; k < header.objectives.size(); ++k) {
        objectiveNames.push_back(
            fmt::format("{} {}", header.maximise[k] ? "max" : "min", header.objectives[k]));
    }
    fmt::print(out, "\nPareto-optimal cases ({}; {} of {} done):\n",
               fmt::join(objectiveNames, ", "), best.size(), done);
    // Header row: case, objectives with units, then parameters.
    std::vector<std::string> columns = {"case"};
    for (const std::string& k : header.objectives) {
        columns.push_back(fmt::format("{} [{}]", k, unitOf(records, k)));
    }
    for (std::size_t p = 0; p < header.parameterNames.size(); ++p) {
        columns.push_back(header.parameterNames[p]);
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t n = 0; n < best.size() && n < kMaxRows; ++n) {
        const CaseRecord& r = records[best[n]];
        std::vector<std::string> row = {std::to_string(r.index)};
        for (const std::string& k : header.objectives) {
            row.push_back(fmt::format("{:.4g}", recordKpi(r, k)));
        }
        for (const std::string& t : r.parameterTexts) {
            row.push_back(t);
        }
        rows.push_back(std::move(row));
    }
    std::vector<std::size_t> width(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        width[c] = columns[c].size();
        for (const auto& row : rows) {
            width[c] = std::max(width[c], row[c].size());
        }
    }
    auto printRow = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            fmt::print(out, "{}{:<{}}", c ? "  " : "  ", row[c], width[c]);
        }
        fmt::print(out, "\n");
    };
    printRow(columns);
    for (const auto& row : rows) {
        printRow(row);
    }
    if (best.size() > kMaxRows) {
        fmt::print(out, "  ... and {} more (cases/pareto_optimal in the file)\n",
                   best.size() - kMaxRows);
    }
}

} // namespace heatnet::cli
