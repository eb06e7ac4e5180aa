#include "solver/output/ScenarioResult.h"

#include "solver/Error.h"
#include "solver/output/Hdf5File.h"
#include "solver/run/KpiCatalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace heatnet {

namespace {
constexpr double joulesPerMWh = 3.6e9;

//! Column `column` of a row-major [time, n] dataset.
std::vector<double> column(const std::vector<double>& values, std::size_t columns,
                           std::size_t column) {
    std::vector<double> out;
    out.reserve(values.size() / std::max<std::size_t>(columns, 1));
    for (std::size_t i = column; i < values.size(); i += columns) {
        out.push_back(values[i]);
    }
    return out;
}

//! Per-column sums of a row-major [time, n] dataset times `scale`.
std::vector<double> columnSums(const std::vector<double>& values, std::size_t columns,
                               double scale) {
    std::vector<double> sums(columns, 0.0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        sums[i % columns] += values[i] * scale;
    }
    return sums;
}

void readGeometry(const Hdf5Reader& r, ScenarioResult& result) {
    ResultGeometry& g = result.geometry;
    if (!r.exists("geometry")) {
        return;
    }
    g.nodeIds = r.readStrings("geometry/node");
    g.nodeKinds = r.readStrings("geometry/kind");
    g.x_m = r.readDoubles("geometry/x");
    g.y_m = r.readDoubles("geometry/y");
    for (double flag : r.readDoubles("geometry/has_coordinates")) {
        g.hasCoordinates.push_back(flag != 0);
    }
    g.pipeIds = r.readStrings("geometry/pipe");
    g.pipeFrom = r.readStrings("geometry/from_node");
    g.pipeTo = r.readStrings("geometry/to_node");
    g.pipeDn = r.readDoubles("geometry/dn");
    g.pipeLength_m = r.readDoubles("geometry/length");
    const std::size_t np = g.pipeIds.size();
    if (np > 0 && r.exists("pipes/supply_heat_loss")) {
        const double stepJ = result.step_h * 3600.0 / joulesPerMWh;
        auto supply = columnSums(r.readDoubles("pipes/supply_heat_loss"), np, stepJ);
        const auto back = columnSums(r.readDoubles("pipes/return_heat_loss"), np, stepJ);
        for (std::size_t i = 0; i < np; ++i) {
            supply[i] += back[i];
        }
        g.pipeLoss_MWh = std::move(supply);
        const double steps = static_cast<double>(std::max<std::size_t>(result.time_h.size(), 1));
        g.pipeMeanSupply_C =
            columnSums(r.readDoubles("pipes/supply_inlet_temperature"), np, 1.0 / steps);
    }
    g.substationIds = r.readStrings("substations/substation");
    g.substationNodes = r.readStrings("substations/node");
    g.substationDemand_MWh =
        columnSums(r.readDoubles("substations/heat_demand"), g.substationIds.size(),
                   result.step_h * 3600.0 / joulesPerMWh);
}

ScenarioResult readChecked(const std::filesystem::path& path) {
    const Hdf5Reader r(path);
    if (r.readAttribute("/", "program") != "heatnet" || !r.exists("kpis") ||
        !r.exists("network/time")) {
        throw InputError(fmt::format("{}: not a heatnet result file (expected the /kpis and "
                                     "/network groups written by 'heatnet run')",
                                     path.string()));
    }
    ScenarioResult result;
    result.path = path;
    result.name = r.readAttribute("/", "scenario_name");
    if (result.name.empty()) {
        result.name = path.stem().string();
    }
    result.scenarioText = r.exists("metadata/scenario") ? r.readString("metadata/scenario") : "";
    result.timeUnits = r.readAttribute("network/time", "units");
    result.time_h = r.readDoubles("network/time");
    if (result.time_h.empty()) {
        throw InputError(fmt::format("{}: the result holds no time step", path.string()));
    }
    result.step_h =
        result.time_h.size() > 1 ? result.time_h[1] - result.time_h[0] : result.time_h[0];
    for (const std::string& id : r.list("kpis")) {
        const std::string dataset = "kpis/" + id;
        result.kpis.push_back({id, r.readScalar(dataset), r.readAttribute(dataset, "units"),
                               r.readAttribute(dataset, "long_name")});
    }
    result.demand_W = r.readDoubles("network/heat_demand");
    result.delivered_W = r.readDoubles("network/heat_delivered");
    result.unmet_W = r.readDoubles("network/unmet_heat");
    result.outdoor_C = r.readDoubles("network/outdoor_temperature");

    const auto ids = r.readStrings("sources/source");
    std::vector<std::size_t> shape;
    const auto heat = r.readDoubles("sources/heat", &shape);
    const bool described = r.exists("sources/kind");
    const auto kinds = described ? r.readStrings("sources/kind") : std::vector<std::string>{};
    const auto plants = described ? r.readStrings("sources/plant") : std::vector<std::string>{};
    // Files written before /sources/kind: waste heat taken > 0 means recovered heat, fuel > 0 a
    // boiler (gas assumed).
    const auto waste = described ? std::vector<double>{} : r.readDoubles("sources/waste_heat");
    const auto fuel = described ? std::vector<double>{} : r.readDoubles("sources/fuel");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        ResultSource s;
        s.id = ids[i];
        s.heat_W = column(heat, ids.size(), i);
        if (described) {
            s.kind = kinds[i];
            s.plant = plants[i];
        } else {
            const auto w = column(waste, ids.size(), i), f = column(fuel, ids.size(), i);
            s.kind = std::accumulate(w.begin(), w.end(), 0.0) > 0   ? "waste_heat"
                     : std::accumulate(f.begin(), f.end(), 0.0) > 0 ? "gas"
                                                                    : "other";
        }
        result.sources.push_back(std::move(s));
    }
    readGeometry(r, result);
    return result;
}
} // namespace

bool ResultGeometry::drawable() const {
    return !nodeIds.empty() &&
           std::any_of(hasCoordinates.begin(), hasCoordinates.end(), [](bool b) { return b; });
}

double ScenarioResult::kpi(const std::string& id) const {
    for (const Kpi& k : kpis) {
        if (k.name == id) {
            return k.value;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

ScenarioResult readScenarioResult(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw InputError(fmt::format("{}: no such result file", path.string()));
    }
    try {
        return readChecked(path);
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        // An unreadable or foreign HDF5 file is bad input to a report, not a failure of heatnet.
        throw InputError(
            fmt::format("{}: cannot be read as a heatnet result: {}", path.string(), e.what()));
    }
}

void requireSamePeriod(const std::vector<ScenarioResult>& results) {
    for (std::size_t i = 1; i < results.size(); ++i) {
        const ScenarioResult& a = results.front();
        const ScenarioResult& b = results[i];
        if (a.timeUnits != b.timeUnits || a.time_h.size() != b.time_h.size() ||
            std::abs(a.step_h - b.step_h) > 1e-9) {
            throw InputError(fmt::format(
                "{}: covers a different period from the reference {} ({} steps of {} h, {} vs "
                "{} steps of {} h, {}); compare results of the same period",
                b.path.string(), a.path.string(), b.time_h.size(), b.step_h, b.timeUnits,
                a.time_h.size(), a.step_h, a.timeUnits));
        }
    }
}

} // namespace heatnet
