// Substation models against hand-checkable limits: the direct model's floor, and the heat
// exchanger whose primary return rises when the supply is too low for its design.
#include "models/Substation.h"
#include "solver/Error.h"
#include "solver/input/ScenarioReader.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <regex>

using namespace heatnet;

namespace {

constexpr double cp = 4190;

SubstationParameters exchanger(double designPower_W) {
    SubstationParameters p;
    p.heatExchanger = true;
    p.secondarySupply_K = 343.15; // 70 °C
    p.secondaryReturn_K = 323.15; // 50 °C
    p.ua_W_K = exchangerConductance(designPower_W, 363.15, 333.15, 343.15, 323.15);
    p.maxMassFlow_kg_s = 2 * designPower_W / (cp * 30);
    return p;
}

} // namespace

TEST_CASE("substation: the exchanger sized at design passes the design power", "[substation]") {
    const double design = 500e3;
    const SubstationParameters p = exchanger(design);
    // Counterflow 90→60 against 50→70: ends 90−70 = 20 K and 60−50 = 10 K, LMTD = 10/ln 2 K.
    REQUIRE(p.ua_W_K == Approx(design / (10.0 / std::log(2.0))).epsilon(1e-9));
    const double primary = design / 30.0, secondary = design / 20.0; // [W/K]
    REQUIRE(exchangerHeat(p.ua_W_K, primary, secondary, 363.15, 323.15) ==
            Approx(design).epsilon(1e-9));
    // The controller finds the design flow for the design demand at the design supply.
    REQUIRE(substationMassFlow(p, design, 363.15, cp) == Approx(design / (cp * 30)).epsilon(1e-6));
}

TEST_CASE("substation: a lower supply needs more flow and the return rises", "[substation]") {
    const double demand = 400e3;
    const SubstationParameters p = exchanger(500e3);
    double previousReturn = 0, previousFlow = 0;
    for (double supplyC : {90.0, 86.0, 82.0}) {
        const double supply = 273.15 + supplyC;
        const double flow = substationMassFlow(p, demand, supply, cp);
        const SubstationState s = substationOperate(p, demand, supply, flow, cp);
        INFO("supply " << supplyC << " degC: flow " << flow << " kg/s, return "
                       << s.return_K - 273.15 << " degC");
        REQUIRE(flow < p.maxMassFlow_kg_s);
        REQUIRE(s.delivered_W == Approx(demand).epsilon(1e-6));
        // Energy of the primary stream.
        REQUIRE(flow * cp * (supply - s.return_K) == Approx(s.delivered_W).epsilon(1e-9));
        // Never below the building circuit's return, never above the supply.
        REQUIRE(s.return_K > p.secondaryReturn_K);
        REQUIRE(s.return_K < supply);
        if (previousFlow > 0) {
            REQUIRE(flow > previousFlow);
            REQUIRE(s.return_K > previousReturn);
        }
        previousFlow = flow;
        previousReturn = s.return_K;
    }
}

TEST_CASE("substation: below the building circuit's supply the demand is unmet", "[substation]") {
    const double demand = 400e3;
    const SubstationParameters p = exchanger(500e3);
    const double supply = 273.15 + 68.0; // below the 70 °C the building circuit needs
    const double flow = substationMassFlow(p, demand, supply, cp);
    REQUIRE(flow == Approx(p.maxMassFlow_kg_s)); // valve fully open
    const SubstationState s = substationOperate(p, demand, supply, flow, cp);
    REQUIRE(s.delivered_W < demand);
    REQUIRE(s.delivered_W > 0);
    // Even an unlimited flow could not pass more than C_s (T_s − T_sr).
    REQUIRE(s.delivered_W <= demand / 20.0 * (supply - p.secondaryReturn_K) + 1e-6);
}

TEST_CASE("substation: the direct model never cools below the design return", "[substation]") {
    SubstationParameters p;
    p.designReturn_K = 333.15;
    const double flow = substationMassFlow(p, 300e3, 363.15, cp);
    REQUIRE(flow == Approx(300e3 / (cp * 30)));
    const SubstationState low = substationOperate(p, 300e3, 353.15, flow, cp); // supply 10 K low
    REQUIRE(low.return_K == Approx(333.15));
    REQUIRE(low.delivered_W == Approx(flow * cp * 20));
}

TEST_CASE("substation: the heat-exchanger model needs its design point", "[substation]") {
    const std::string text = R"(name: hx
simulation: {duration: 24 h}
network:
  nodes: [{id: PL}, {id: A}]
  pipes: [{id: P1, from: PL, to: A, length: 100 m, dn: 50}]
consumers:
  - id: C1
    node: A
    annual_demand: 1 GWh
    heat_exchanger: {secondary_supply: 70 degC, secondary_return: 50 degC}
plants:
  - id: PLANT
    node: PL
    supply_temperature: 90 degC
    sources: [{id: GAS, type: boiler, capacity: 2 MW}]
)";
    REQUIRE_THROWS_WITH(readScenarioText(text, "hx.yaml", "."),
                        Catch::Matchers::Contains("hx.yaml:10:") &&
                            Catch::Matchers::Contains("give 'design_power' too"));
    const std::string withPower =
        std::regex_replace(text, std::regex("    annual_demand: 1 GWh"),
                           "    annual_demand: 1 GWh\n    design_power: 400 kW");
    const Scenario s = readScenarioText(withPower, "hx.yaml", ".");
    REQUIRE(s.consumers[0].heatExchanger);
    REQUIRE(s.consumers[0].secondarySupply_K == Approx(343.15));
}
