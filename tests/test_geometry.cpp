// The network layout stored in the result file (/geometry, docs/output.md): node kinds,
// coordinates, pipe ends, DN and lengths as in the scenario; per-substation demands summed from
// the stored series close on the demand KPI.
#include "solver/input/ScenarioReader.h"
#include "solver/network/NetworkGeometry.h"
#include "solver/output/Hdf5File.h"
#include "solver/output/ResultWriter.h"
#include "solver/run/Simulation.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <numeric>

using namespace heatnet;

namespace {
// A waste-heat plant at a factory, a gas plant, two substations and one junction.
const char* scenarioText = R"(name: geometry
simulation: {start: 2025-01-01 00:00, duration: 24 h, output_step: 1 h}
climate: {synthetic: saint-omer}
network:
  nodes:
    - {id: PL, x: 0 m, y: 0 m}
    - {id: J, x: 400 m, y: 300 m}
    - {id: B, x: 700 m, y: 300 m}
    - {id: C, x: 400 m, y: 700 m}
    - {id: MILL, x: 1200 m, y: 700 m}
  pipes:
    - {id: P1, from: PL, to: J, length: 500 m, dn: 150}
    - {id: P2, from: J, to: B, length: 300 m, dn: 100}
    - {id: P3, from: J, to: C, length: 400 m, dn: 100}
    - {id: P4, from: MILL, to: C, length: 800 m, dn: 80}
consumers:
  - {id: S1, node: B, annual_demand: 8 GWh}
  - {id: S2, node: C, annual_demand: 6 GWh}
plants:
  - id: MAIN
    node: PL
    control: pressure
    supply_temperature: 90 degC
    sources:
      - {id: GAS, type: boiler, capacity: 10 MW, efficiency: 92 %}
  - id: PAPER
    node: MILL
    control: heat
    supply_temperature: 90 degC
    sources:
      - {id: MILLHEAT, type: waste_heat, available: 1 MW, max_supply: 95 degC}
)";
} // namespace

TEST_CASE("geometry: the layout and what sits where are datasets of the result file",
          "[geometry][hdf5]") {
    const Scenario scenario = readScenarioText(scenarioText, "geometry.yaml", ".");
    CHECK(nodeKinds(scenario) ==
          std::vector<std::string>{"plant", "junction", "substation", "substation", "factory"});

    const auto path = std::filesystem::temp_directory_path() / "heatnet-test-geometry.h5";
    std::filesystem::remove(path);
    Simulation simulation(scenario);
    ResultWriter writer(path);
    simulation.run(writer);

    const Hdf5Reader r(path);
    CHECK(r.readStrings("geometry/node") == std::vector<std::string>{"PL", "J", "B", "C", "MILL"});
    CHECK(r.readStrings("geometry/kind") ==
          std::vector<std::string>{"plant", "junction", "substation", "substation", "factory"});
    CHECK(r.readDoubles("geometry/x") == std::vector<double>{0, 400, 700, 400, 1200});
    CHECK(r.readDoubles("geometry/y") == std::vector<double>{0, 300, 300, 700, 700});
    CHECK(r.readDoubles("geometry/has_coordinates") == std::vector<double>{1, 1, 1, 1, 1});
    CHECK(r.readAttribute("geometry/x", "units") == "m");
    CHECK(r.readStrings("geometry/from_node") == std::vector<std::string>{"PL", "J", "J", "MILL"});
    CHECK(r.readStrings("geometry/to_node") == std::vector<std::string>{"J", "B", "C", "C"});
    CHECK(r.readDoubles("geometry/dn") == std::vector<double>{150, 100, 100, 80});
    CHECK(r.readDoubles("geometry/length") == std::vector<double>{500, 300, 400, 800});
    CHECK(r.readStrings("substations/node") == std::vector<std::string>{"B", "C"});
    CHECK(r.readStrings("plants/node") == std::vector<std::string>{"PL", "MILL"});
    CHECK(r.readStrings("sources/kind") == std::vector<std::string>{"gas", "waste_heat"});
    CHECK(r.readStrings("sources/plant") == std::vector<std::string>{"MAIN", "PAPER"});

    // Energy closes: the substations' hourly demands summed over the day = the demand KPI.
    const auto demand = r.readDoubles("substations/heat_demand");
    const double sum_MWh = std::accumulate(demand.begin(), demand.end(), 0.0) * 3600 / 3.6e9;
    CHECK(sum_MWh == Approx(r.readScalar("kpis/heat_demand")).epsilon(1e-9));
    // Heat density: delivered heat per metre of trench, per year.
    const double years = 24.0 / 8760;
    CHECK(r.readScalar("kpis/heat_density") ==
          Approx(r.readScalar("kpis/heat_delivered") / 2000 / years).epsilon(1e-9));
    std::filesystem::remove(path);
}
