// Automatic pipe sizing (`dn: auto`): every sized pipe keeps the design-hour pressure gradient and
// velocity within the scenario's limits, and the next smaller catalogue DN would break one.
#include "models/Friction.h"
#include "models/PipeCatalogue.h"
#include "models/Water.h"
#include "solver/input/ScenarioReader.h"
#include "solver/network/PipeSizing.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <numbers>
#include <regex>
#include <set>
#include <sstream>

using namespace heatnet;

namespace {

//! Gradient [Pa/m] and velocity [m/s] of `flow` in a catalogue pipe, computed here from
//! Darcy–Weisbach at the given water temperature.
std::pair<double, double> load(double flow, const CatalogueEntry& e, double temperature_K) {
    const double rho = water::density(temperature_K);
    const double gradient = friction::pressureDrop(flow, 1.0, e.innerDiameter_m, e.roughness_m, rho,
                                                   water::dynamicViscosity(temperature_K));
    const double velocity =
        flow / (rho * std::numbers::pi * e.innerDiameter_m * e.innerDiameter_m / 4);
    return {gradient, velocity};
}

//! The default scenario with every pipe `dn: auto` and the given limits.
Scenario autoSizedDefault(const std::string& limits) {
    std::ifstream in(std::string(HEATNET_SOURCE_DIR) + "/scenarios/saint-omer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string yaml = std::regex_replace(text.str(), std::regex("dn: [0-9]+"), "dn: auto");
    yaml =
        std::regex_replace(yaml, std::regex("network:\n"), "network:\n  sizing: " + limits + "\n");
    yaml = std::regex_replace(yaml, std::regex("duration: 8760 h"), "duration: 24 h");
    return readScenarioText(yaml, "auto.yaml", std::string(HEATNET_SOURCE_DIR) + "/scenarios");
}

void checkLimits(Scenario scenario, double maxGradient, double maxVelocity) {
    const std::vector<PipeSizingResult> sized = sizePipes(scenario);
    REQUIRE(sized.size() == scenario.pipes.size());
    const auto& catalogue = PipeCatalogue::standard();
    const std::vector<int> sizes = catalogue.sizes();
    double supply = 0, returnSum = 0;
    for (const ConsumerSpec& c : scenario.consumers) {
        supply = std::max(supply, c.designSupply_K);
        returnSum += c.designReturn_K;
    }
    const double back = returnSum / scenario.consumers.size();
    for (const PipeSizingResult& r : sized) {
        const PipeSpec& pipe = scenario.pipes[r.pipe];
        INFO("pipe " << pipe.id << " DN" << pipe.dn << " flow " << r.designFlow_kg_s);
        const auto series = static_cast<InsulationSeries>(pipe.insulationSeries);
        const CatalogueEntry& chosen = *catalogue.find(pipe.dn, series);
        REQUIRE(pipe.innerDiameter_m == chosen.innerDiameter_m);
        const auto [gradientSupply, velocity] = load(r.designFlow_kg_s, chosen, supply);
        const double gradient =
            std::max(gradientSupply, load(r.designFlow_kg_s, chosen, back).first);
        REQUIRE(gradient <= maxGradient);
        REQUIRE(velocity <= maxVelocity);
        const auto it = std::find(sizes.begin(), sizes.end(), pipe.dn);
        if (it != sizes.begin()) {
            const CatalogueEntry& smaller = *catalogue.find(*(it - 1), series);
            const auto [gs, vs] = load(r.designFlow_kg_s, smaller, supply);
            const double gb = load(r.designFlow_kg_s, smaller, back).first;
            REQUIRE((std::max(gs, gb) > maxGradient || vs > maxVelocity));
        }
    }
}

//! True if pipe `p` lies on a loop: its ends stay connected without it.
bool onLoop(const Scenario& s, std::size_t p) {
    std::set<std::string> reached = {s.pipes[p].from};
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t q = 0; q < s.pipes.size(); ++q) {
            const PipeSpec& pipe = s.pipes[q];
            if (q != p && reached.count(pipe.from) != reached.count(pipe.to)) {
                reached.insert(pipe.from);
                reached.insert(pipe.to);
                grew = true;
            }
        }
    }
    return reached.count(s.pipes[p].to) != 0;
}

} // namespace

TEST_CASE("pipe sizing: the default network sized automatically keeps its limits", "[sizing]") {
    const Scenario scenario =
        autoSizedDefault("{max_pressure_gradient: 100 Pa/m, max_velocity: 2 m/s}");
    checkLimits(scenario, 100, 2);
    // The plant's first pipe carries the whole design flow: the largest DN of the network.
    int largest = 0;
    for (const PipeSpec& p : scenario.pipes) {
        largest = std::max(largest, p.dn);
    }
    REQUIRE(scenario.pipes.front().dn == largest);
}

TEST_CASE("pipe sizing: tighter limits give larger pipes, each still minimal", "[sizing]") {
    const Scenario loose =
        autoSizedDefault("{max_pressure_gradient: 300 Pa/m, max_velocity: 3 m/s}");
    const Scenario tight =
        autoSizedDefault("{max_pressure_gradient: 50 Pa/m, max_velocity: 1 m/s}");
    checkLimits(loose, 300, 3);
    checkLimits(tight, 50, 1);
    for (std::size_t p = 0; p < loose.pipes.size(); ++p) {
        // A pipe on a loop carries a flow that follows the diameters; the others carry the same
        // design flow under both limits, so they can only grow.
        if (!onLoop(loose, p)) {
            REQUIRE(tight.pipes[p].dn >= loose.pipes[p].dn);
        }
    }
}

TEST_CASE("pipe sizing: a flow no catalogue pipe can carry is an input error", "[sizing]") {
    const std::string message = heatnet::testing::errorOf(
        [] { autoSizedDefault("{max_pressure_gradient: 0.01 Pa/m, max_velocity: 2 m/s}"); });
    REQUIRE_THAT(message, Catch::Contains("dn: auto"));
    REQUIRE_THAT(message, Catch::Contains("kg/s"));
}
