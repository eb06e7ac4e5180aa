// Industrial waste-heat sources: glass-furnace flue-gas recovery, paper-mill heat pump and the
// outage timeline that makes them unavailable.
#include "models/Boiler.h"
#include "models/GlassFurnaceRecovery.h"
#include "models/Outages.h"
#include "models/PaperMillHeatPump.h"
#include "models/Plant.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <numeric>

using namespace heatnet;

namespace {

constexpr double kKelvin = 273.15;

GlassFurnaceParameters furnace() {
    GlassFurnaceParameters p;
    p.id = "GLASS";
    p.flueGasFlow_kg_s = 14;
    p.flueGasTemperature_K = kKelvin + 480;
    p.capacity_W = 5e6;
    return p;
}

SourceConditions conditions(double inlet_C, double target_C = 105, double flow = 100) {
    SourceConditions c;
    c.inletTemperature_K = kKelvin + inlet_C;
    c.targetTemperature_K = kKelvin + target_C;
    c.massFlow_kg_s = flow;
    return c;
}

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

} // namespace

TEST_CASE("heat pump COP never exceeds Carnot", "[sources]") {
    HeatPumpParameters p;
    p.id = "HP";
    p.capacity_W = 4e6;
    p.streamFlow_kg_s = TimeProfile::constant(50);
    for (double efficiency : {0.45, 0.5, 1.0}) {
        p.carnotEfficiency = efficiency;
        for (double stream_C = 20; stream_C <= 90; stream_C += 5) {
            p.streamTemperature_K = TimeProfile::constant(kKelvin + stream_C);
            const PaperMillHeatPump pump(p);
            for (double sink_C = 40; sink_C <= 120; sink_C += 5) {
                const double sink = kKelvin + sink_C;
                const double source = kKelvin + stream_C - p.evaporatorApproach_K;
                const double cop = pump.cop(sink, source);
                CHECK(cop >= 1.0);
                if (sink > source) {
                    CHECK(cop <= sink / (sink - source) * (1 + 1e-12));
                }
                const SourceConditions c = conditions(40, sink_C);
                const double heat = pump.availablePower(c);
                CHECK(heat <= p.capacity_W * (1 + 1e-12));
                const SourceInputs in = pump.inputsFor(heat, c);
                CHECK(in.electricity_W + in.wasteHeat_W == Approx(heat));
                CHECK(in.wasteHeat_W >= 0);
            }
        }
    }
}

TEST_CASE("flue-gas exchanger respects its floor and never crosses temperatures", "[sources]") {
    const GlassFurnaceParameters p = furnace();
    const GlassFurnaceRecovery recovery(p);
    for (double inlet_C = 20; inlet_C <= 300; inlet_C += 10) {
        const SourceConditions c = conditions(inlet_C, 400, 30);
        const double heat = recovery.availablePower(c);
        CHECK(heat >= 0);
        CHECK(heat <= p.capacity_W * (1 + 1e-12));
        const double gasOut = recovery.flueGasOutletTemperature(heat, c);
        CHECK(gasOut >= p.flueGasFloor_K - 1e-9);
        CHECK(gasOut >= c.inletTemperature_K + p.approach_K - 1e-9);
        CHECK(recovery.maxOutletTemperature(c) <= p.flueGasTemperature_K - p.approach_K + 1e-9);
        // The plant rule: the water never leaves hotter than the flue gas minus the approach.
        std::array<const HeatSource*, 1> sources{&recovery};
        PlantOperation op;
        operatePlant(sources, c, op);
        CHECK(op.outlet_K <= recovery.flueGasTemperature(0) - p.approach_K + 1e-9);
    }
}

TEST_CASE("recoverable flue-gas power falls as the network return rises", "[sources]") {
    GlassFurnaceParameters p = furnace();
    p.capacity_W = 1e9; // exchanger not limiting
    const GlassFurnaceRecovery recovery(p);
    double previous = recovery.availablePower(conditions(140));
    for (double inlet_C = 150; inlet_C <= 400; inlet_C += 10) {
        const double heat = recovery.availablePower(conditions(inlet_C));
        CHECK(heat < previous);
        previous = heat;
    }
    // Below the floor minus the approach, the floor governs: flat.
    CHECK(recovery.availablePower(conditions(40)) ==
          Approx(recovery.availablePower(conditions(60))));
}

TEST_CASE("seeded outages reproduce bit for bit; different seeds differ", "[sources]") {
    OutageParameters p;
    p.mtbf_s = 500 * 3600.0;
    p.mttr_s = 12 * 3600.0;
    p.seed = 42;
    const auto a = availabilityHours(p);
    const auto b = availabilityHours(p);
    CHECK(a == b);
    p.seed = 43;
    CHECK(availabilityHours(p) != a);
    // The draw is the explicit inverse CDF.
    CHECK(exponentialDraw(0, 10.0) == 0.0);
    CHECK(exponentialDraw(std::uint64_t{1} << 63, 10.0) == Approx(10.0 * std::log(2.0)));
}

TEST_CASE("long-run unavailability matches MTTR / (MTBF + MTTR)", "[sources]") {
    OutageParameters p;
    p.duration_s = 200 * 8760 * 3600.0; // 200 years
    p.mtbf_s = 300 * 3600.0;
    p.mttr_s = 24 * 3600.0;
    p.seed = 7;
    const double unavailable = 1.0 - mean(availabilityHours(p));
    CHECK(unavailable == Approx(24.0 / 324.0).epsilon(0.05));
}

TEST_CASE("calendar and planned stops", "[sources]") {
    OutageParameters p;
    p.duration_s = 14 * 86400.0;
    p.startWeekday = 0; // Monday
    p.weekendStops = true;
    p.plannedStops.push_back({24 * 3600.0, 48 * 3600.0});
    const auto hours = availabilityHours(p);
    CHECK(hours[10] == 1.0);
    CHECK(hours[30] == 0.0);         // planned stop on Tuesday
    CHECK(hours[5 * 24 + 3] == 0.0); // Saturday
    CHECK(hours[7 * 24 + 3] == 1.0); // next Monday
    OutageParameters shutdown;
    shutdown.shutdownFromDay = 212;
    shutdown.shutdownToDay = 226;
    const auto year = availabilityHours(shutdown);
    CHECK(year[213 * 24] == 0.0);
    CHECK(year[227 * 24] == 1.0);
    CHECK(mean(year) == Approx(1.0 - 14.0 * 24 / static_cast<double>(year.size())));
}

TEST_CASE("a furnace trip is covered by the boiler", "[sources]") {
    GlassFurnaceParameters g = furnace();
    OutageParameters trip;
    trip.duration_s = 48 * 3600.0;
    trip.plannedStops.push_back({10 * 3600.0, 20 * 3600.0}); // tripped 10 h to 20 h
    g.availability = availabilityProfile(trip);
    const GlassFurnaceRecovery recovery(g);
    BoilerParameters b;
    b.id = "GAS";
    b.capacity_W = 14e6;
    const Boiler boiler(b);
    std::array<const HeatSource*, 2> sources{&recovery, &boiler};

    SourceConditions running = conditions(60, 100, 60);
    running.time_s = 5 * 3600.0;
    SourceConditions tripped = running;
    tripped.time_s = 15 * 3600.0;
    PlantOperation before, during;
    operatePlant(sources, running, before);
    operatePlant(sources, tripped, during);
    const double total = 60 * 4186 * 40.0;
    CHECK(before.outlet_K == Approx(kKelvin + 100));
    CHECK(during.outlet_K == Approx(kKelvin + 100));
    CHECK(before.heat_W[0] + before.heat_W[1] == Approx(total));
    CHECK(during.heat_W[0] + during.heat_W[1] == Approx(total));
    CHECK(before.heat_W[0] > 0);
    CHECK(during.heat_W[0] == 0.0);
    CHECK(during.heat_W[1] == Approx(total));
    CHECK(during.inputs[1].fuel_W > before.inputs[1].fuel_W);
}
