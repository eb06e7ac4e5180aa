// `heatnet info FILE`: the KPIs and contents of a result file.
#include "solver/Error.h"
#include "solver/output/Hdf5File.h"
#include "solver/run/KpiCatalogue.h"
#include "solver/sweep/SweepFile.h"
#include "tools/cli/Commands.h"
#include "tools/cli/Isolated.h"
#include "tools/cli/KpiTable.h"
#include "tools/cli/SweepTable.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace heatnet::cli {

void addInfoCommand(CLI::App& app, int& exitCode) {
    auto* command = app.add_subcommand(
        "info", "Show the KPIs and contents of a result file (of a sweep: its best cases)");
    auto path = std::make_shared<std::string>();
    command->add_option("file", *path, "result file (HDF5)")->required();
    command->footer("Result file format: docs/output.md.");
    command->callback([=, &exitCode] {
        // In a child process: a file that crashes the HDF5 library becomes a message.
        exitCode = runIsolated("info", [=](ReadWatch& watch) {
            return watch.reading(*path, [&] { return showResultFile(*path); });
        });
    });
}

int showResultFile(const std::string& path) {
    if (isSweepFile(path)) {
        const auto [header, records] = readSweepFile(path);
        printSweepSummary(stdout, header, records);
        return 0;
    }
    const Hdf5Reader reader(path);
    if (!reader.exists("kpis")) {
        throw OutputError(fmt::format("'{}' is not a heatnet result file (no /kpis)", path));
    }
    fmt::print("{}: heatnet {} result of scenario '{}'\n", path,
               reader.readAttribute("/", "version"), reader.readAttribute("/", "scenario_name"));
    std::vector<Kpi> kpis;
    for (const std::string& name : reader.list("kpis")) {
        const std::string dataset = "kpis/" + name;
        kpis.push_back({name, reader.readScalar(dataset), reader.readAttribute(dataset, "units"),
                        reader.readAttribute(dataset, "long_name")});
    }
    // The catalogue's reading order; KPIs it does not know (older files) go last.
    auto rank = [](const Kpi& k) {
        const auto text = findKpi(k.name);
        return text ? text->order : kpiCatalogue().size();
    };
    std::stable_sort(kpis.begin(), kpis.end(),
                     [&](const Kpi& a, const Kpi& b) { return rank(a) < rank(b); });
    printKpiTable(stdout, kpis, true);
    fmt::print("\ncontents:\n");
    for (const std::string& group : reader.list("/")) {
        if (group == "kpis") {
            continue;
        }
        fmt::print("  /{}:", group);
        for (const std::string& member : reader.list(group)) {
            fmt::print(" {}", member);
        }
        fmt::print("\n");
    }
    return 0;
}

} // namespace heatnet::cli
