// The plug-flow pipe (models/PlugFlowPipe.h) against exact solutions: the exponential decay to
// the ground, sharp fronts through a chain of pipes at any step, standing water, flow reversal,
// the wall's end volumes; then the plug-flow network run (solver/thermal/PlugFlowNetwork.h): fronts
// through 20 pipes at hydraulic steps of 60 s, 5 min and 1 h, the balance of a run; the
// axial-dispersion outlet filter (models/DispersionFilter.h) against the Erlang closed form and
// Taylor's variance.
#include "bench/ValidationCases.h"
#include "models/Boiler.h"
#include "models/DispersionFilter.h"
#include "models/Exponential.h"
#include "models/PlugFlowPipe.h"
#include "models/TurbulentPipeFlow.h"
#include "models/Water.h"
#include "solver/input/ScenarioReader.h"
#include "solver/run/Simulation.h"
#include "tests/TestSupport.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

using namespace heatnet;

namespace {

constexpr double rho = 980, cp = 4186;

PlugFlowGeometry dn100(double length_m, double lossCoeff_W_mK, double wall_J_mK = 0) {
    PlugFlowGeometry g;
    g.length_m = length_m;
    g.innerDiameter_m = 0.1071;
    g.heatLossCoeff_W_mK = lossCoeff_W_mK;
    g.wallHeatCapacity_J_mK = wall_J_mK;
    return g;
}

double area() {
    return std::numbers::pi / 4 * 0.1071 * 0.1071;
}

//! Time in a stream at which the temperature first reaches `level` (segments are exact).
double reachTime(const std::vector<StreamSegment>& stream, double start_s, double level) {
    double t = start_s;
    for (const StreamSegment& s : stream) {
        if (s.temperature_K >= level) {
            return t;
        }
        t += s.duration_s;
    }
    return NAN;
}

} // namespace

TEST_CASE("plug flow: steady outlet is the exact exponential decay at any step", "[plugflow]") {
    const double flow = 2.0, lossCoeff = 0.3, ground = 283.15, inlet = 353.15, length = 1000;
    // T_out = T_g + (T_in − T_g) exp(−L U' / (ṁ c_p)): the textbook steady solution.
    const double exact = ground + (inlet - ground) * std::exp(-length * lossCoeff / (flow * cp));
    for (double step : {60.0, 300.0, 3600.0, 86400.0}) {
        PlugFlowPipe pipe(dn100(length, lossCoeff), rho, cp);
        pipe.fill(inlet);
        std::vector<StreamSegment> out;
        double lost = 0;
        const double transit = rho * area() * length / flow;
        const int steps = static_cast<int>(std::ceil(3 * transit / step)) + 1;
        for (int i = 0; i < steps; ++i) {
            lost = pipe.advance(step, flow, std::vector<StreamSegment>{{step, inlet}}, ground, out);
        }
        INFO("step " << step << " s");
        CHECK(std::abs(out.back().temperature_K - exact) < 1e-9);
        CHECK(std::abs(pipe.outletTemperature(flow) - exact) < 1e-9);
        // The loss of a steady step is the enthalpy drop of the water passing.
        CHECK(lost / step == Approx(flow * cp * (inlet - exact)).epsilon(1e-9));
        CHECK(exact < inlet - 2.0); // a real decay
    }
}

TEST_CASE("plug flow: with the flow changing every step, every element leaves cooled over its "
          "own residence time",
          "[plugflow]") {
    // Reference without the model: the element leaving at t entered when the inflow had brought
    // M_in(t) − M [kg] (M the water in the pipe; before 0: it was there at the start, filled at
    // T_0) and has cooled as T_g + (T_entry − T_g) exp(−(t − t_entry)/τ). Each step's mean outflow
    // is that integrated over the step, split where the entry step or temperature changes (the
    // integrand is then one exponential, and Simpson's rule with 32 intervals is exact to
    // round-off). Steps alternate between one and two inflow segments; the transit time M/ṁ is
    // 440–1,770 s against steps of 600 s, so parts of pieces leave, pieces leave whole and water
    // entering within a step leaves within it.
    const double lossCoeff = 5.0, ground = 283.15, fill = 323.15, length = 200, step = 600;
    const double mass = rho * area() * length;
    const double tau = rho * cp * area() / lossCoeff;
    const int steps = 60;
    std::vector<double> flow(steps);
    std::vector<std::vector<StreamSegment>> inflow(steps);
    for (int k = 0; k < steps; ++k) {
        flow[k] = 2.5 + 1.5 * std::sin(0.7 * k);
        const double first = 333.15 + 10 * std::sin(k), second = 343.15 + 5 * std::cos(1.3 * k);
        inflow[k] = k % 2 ? std::vector<StreamSegment>{{step, first}}
                          : std::vector<StreamSegment>{{0.3 * step, first}, {0.7 * step, second}};
    }
    // Entry times where something changes and the inflow mass then [kg].
    std::vector<double> entryTime{0.0}, entryMass{0.0};
    double cumulative = 0;
    for (int k = 0; k < steps; ++k) {
        double t = k * step;
        for (const StreamSegment& s : inflow[k]) {
            t += s.duration_s;
            cumulative += flow[k] * s.duration_s;
            entryTime.push_back(t);
            entryMass.push_back(cumulative);
        }
    }
    auto massIn = [&](double t) { // M_in(t) [kg]
        std::size_t j = std::upper_bound(entryTime.begin(), entryTime.end(), t) - entryTime.begin();
        j = std::min(j, entryTime.size() - 1);
        const int k = std::min(static_cast<int>(entryTime[j - 1] / step + 1e-9), steps - 1);
        return entryMass[j - 1] + flow[k] * (t - entryTime[j - 1]);
    };
    auto leaving = [&](double t) { // temperature of the element leaving at t [K]
        const double mu = massIn(t) - mass;
        if (mu < 0) {
            return ground + (fill - ground) * std::exp(-t / tau);
        }
        const std::size_t j =
            std::upper_bound(entryMass.begin(), entryMass.end(), mu) - entryMass.begin();
        const double t0 = entryTime[j - 1];
        const int k = std::min(static_cast<int>(t0 / step + 1e-9), steps - 1);
        const double entry = t0 + (mu - entryMass[j - 1]) / flow[k];
        double u = k * step, temperature = inflow[k].back().temperature_K;
        for (const StreamSegment& s : inflow[k]) {
            if (entry < u + s.duration_s) {
                temperature = s.temperature_K;
                break;
            }
            u += s.duration_s;
        }
        return ground + (temperature - ground) * std::exp(-(t - entry) / tau);
    };
    PlugFlowPipe pipe(dn100(length, lossCoeff), rho, cp);
    pipe.fill(fill);
    std::vector<StreamSegment> out;
    double worst = 0;
    for (int k = 0; k < steps; ++k) {
        pipe.advance(step, flow[k], inflow[k], ground, out);
        double model = 0;
        for (const StreamSegment& s : out) {
            model += s.duration_s * s.temperature_K;
        }
        // The step cut where the element leaving has entered at a breakpoint.
        const double t0 = k * step, t1 = t0 + step;
        std::vector<double> cuts{t0, t1};
        for (double b : entryMass) {
            const double t = t0 + (b + mass - massIn(t0)) / flow[k];
            if (t > t0 && t < t1) {
                cuts.push_back(t);
            }
        }
        const double start = t0 + (mass - massIn(t0)) / flow[k]; // the first water that entered
        if (start > t0 && start < t1) {
            cuts.push_back(start);
        }
        std::sort(cuts.begin(), cuts.end());
        double reference = 0;
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            const int n = 32;
            const double h = (cuts[c + 1] - cuts[c]) / n;
            if (h <= 0) {
                continue;
            }
            // Simpson inside the piece (nudged off its ends, where the integrand jumps).
            const double eps = 1e-9 * h;
            double sum = leaving(cuts[c] + eps) + leaving(cuts[c + 1] - eps);
            for (int i = 1; i < n; ++i) {
                sum += (i % 2 ? 4 : 2) * leaving(cuts[c] + i * h);
            }
            reference += sum * h / 3;
        }
        worst = std::max(worst, std::abs(model - reference) / step);
    }
    INFO("largest difference of a step's mean outflow " << worst << " K");
    CHECK(worst < 1e-8);
}

TEST_CASE("plug flow: the inline exponentials agree with libm to a few units in the last place",
          "[plugflow]") {
    std::mt19937_64 random(12);
    std::uniform_real_distribution<double> unit(-1, 1);
    std::uniform_int_distribution<int> binade(0, 60);
    double worstMinusOne = 0, worstExp = 0;
    for (int i = 0; i < 200000; ++i) {
        // Across the whole range, around the reduction's edges and down to tiny |x|.
        const double x = i % 3 == 0   ? 45 * unit(random)
                         : i % 3 == 1 ? unit(random)
                                      : std::ldexp(unit(random), -binade(random));
        const double reference = std::expm1(x);
        if (reference != 0) {
            worstMinusOne =
                std::max(worstMinusOne, std::abs(expMinusOne(x) - reference) / std::abs(reference));
        }
        worstExp = std::max(worstExp, std::abs(exponential(x) - std::exp(x)) / std::exp(x));
    }
    // Either side of where the short series hands over to the table (|x| = 1/64).
    for (double x = -1.0 / 32; x <= 1.0 / 32; x += 1.0 / 65536) {
        for (double y : {std::nextafter(x, -1.0), x, std::nextafter(x, 1.0)}) {
            const double reference = std::expm1(y);
            if (reference != 0) {
                worstMinusOne = std::max(worstMinusOne, std::abs(expMinusOne(y) - reference) /
                                                            std::abs(reference));
            }
        }
    }
    CHECK(worstMinusOne < 4 * std::numeric_limits<double>::epsilon());
    CHECK(worstExp < 4 * std::numeric_limits<double>::epsilon());
    // The decay's shortcut takes the same series as expMinusOne(−r), bit for bit, on each side
    // of every hand-over (1/64, ln 2 / 2, 40) and across the range.
    int differing = 0;
    for (const double edge : {0.0, 1.0 / 64, 0.34657359027997264, 40.0}) {
        double r = edge;
        for (int k = 0; k < 64; ++k) {
            r = std::nextafter(r, 0.0);
        }
        for (int k = 0; k < 128; ++k, r = std::nextafter(r, 1e9)) {
            differing += std::bit_cast<std::uint64_t>(decayMinusOne(r)) !=
                         std::bit_cast<std::uint64_t>(expMinusOne(-r));
        }
    }
    for (int i = 0; i < 100000; ++i) {
        const double r = i % 2 == 0 ? 45 * std::abs(unit(random))
                                    : std::ldexp(std::abs(unit(random)), -binade(random));
        differing += std::bit_cast<std::uint64_t>(decayMinusOne(r)) !=
                     std::bit_cast<std::uint64_t>(expMinusOne(-r));
    }
    CHECK(differing == 0);
    CHECK(std::isnan(decayMinusOne(NAN)));
    CHECK(expMinusOne(0.0) == 0.0);
    CHECK(expMinusOne(-50.0) == -1.0);
    CHECK(exponential(-800.0) == 0.0);
    CHECK(std::isinf(expMinusOne(800.0)));
}

TEST_CASE("plug flow: a front through 20 pipes arrives after the transit time, sharp",
          "[plugflow]") {
    // 20 pipes of 100 m, 2 kg/s: each pipe's outflow is the next one's inflow. The outlet of the
    // last jumps from 10 to 80 °C exactly at the transit time; the 10–90 % rise is zero.
    const double flow = 2.0, cold = 283.15, hot = 353.15;
    for (double step : {60.0, 300.0, 3600.0}) {
        std::vector<PlugFlowPipe> chain;
        for (int i = 0; i < 20; ++i) {
            chain.emplace_back(dn100(100.0 + 7.0 * i, 0.0), rho, cp);
            chain.back().fill(cold);
        }
        double transit = 0;
        for (const PlugFlowPipe& p : chain) {
            transit += p.transitTime(flow);
        }
        double t10 = NAN, t90 = NAN;
        std::vector<StreamSegment> in, out;
        for (double t = 0; t < 2 * transit + step && std::isnan(t90); t += step) {
            in = {{step, hot}};
            for (PlugFlowPipe& p : chain) {
                p.advance(step, flow, in, cold, out);
                in = out;
            }
            if (std::isnan(t10)) {
                t10 = reachTime(out, t, cold + 0.1 * (hot - cold));
            }
            t90 = reachTime(out, t, cold + 0.9 * (hot - cold));
        }
        INFO("step " << step << " s, transit " << transit << " s");
        CHECK(std::abs(t10 - transit) < 1e-6 * transit);
        CHECK((t90 - t10) / transit <= 0.01);
        CHECK(t90 - t10 < 1e-6 * transit); // exact: no rise at all
    }
}

TEST_CASE("plug flow: standing water cools as the exact exponential and moves no heat",
          "[plugflow]") {
    const double lossCoeff = 0.4, ground = 278.15, start = 333.15;
    PlugFlowPipe pipe(dn100(200, lossCoeff), rho, cp);
    pipe.fill(start);
    std::vector<StreamSegment> out;
    const double tau = rho * cp * area() / lossCoeff; // ρ c_p A / U'
    double lost = 0;
    for (int h = 0; h < 48; ++h) {
        lost += pipe.advance(3600, 0.0, {}, ground, out);
        CHECK(out.empty()); // nothing leaves
    }
    const double exact = ground + (start - ground) * std::exp(-48 * 3600 / tau);
    CHECK(std::abs(pipe.endTemperature(true) - exact) < 1e-9);
    CHECK(std::abs(pipe.endTemperature(false) - exact) < 1e-9);
    CHECK(lost == Approx(rho * area() * 200 * cp * (start - exact)).epsilon(1e-12));
    CHECK(start - exact > 10.0);
}

TEST_CASE("plug flow: weeks of standing water stay the exact exponential (the pieces' affine map "
          "renormalised)",
          "[plugflow]") {
    // A pipe cools its pieces through one affine map whose scale e^{−t/τ} is applied to the
    // pieces once it falls below 1e-6: 20 days are ~19 τ here, so that happens. A hot piece
    // (entered over 100 s) and the water that was there cool each as its own exponential.
    const double lossCoeff = 0.4, ground = 278.15, cold = 333.15, hot = 353.15, flow = 2.0;
    const double length = 200;
    PlugFlowPipe pipe(dn100(length, lossCoeff), rho, cp);
    pipe.fill(cold);
    std::vector<StreamSegment> out;
    pipe.advance(100, flow, std::vector<StreamSegment>{{100, hot}}, ground, out);
    const double tau = rho * cp * area() / lossCoeff; // ρ c_p A / U' [s]
    const double days = 20;
    for (int d = 0; d < days; ++d) {
        pipe.advance(86400, 0.0, {}, ground, out);
    }
    const double standing = days * 86400;
    REQUIRE(std::exp(-standing / tau) < 1e-7); // the map was renormalised on the way
    // Inlet end: the last hot element, cooled over the standing time only; outlet end: the
    // water filled at the start, cooled over 100 s more.
    const double inletEnd = ground + (hot - ground) * std::exp(-standing / tau);
    const double outletEnd = ground + (cold - ground) * std::exp(-(standing + 100) / tau);
    CHECK(std::abs(pipe.endTemperature(true) - inletEnd) < 1e-9);
    CHECK(std::abs(pipe.endTemperature(false) - outletEnd) < 1e-9);
    // Mean: the hot part entered over 100 s (mean of e^{−a/τ} over its entry ages a ∈ [0, 100]).
    const double hotMass = flow * 100, mass = pipe.waterMass();
    const double hotMean =
        ground + (hot - ground) * std::exp(-standing / tau) * tau * -std::expm1(-100 / tau) / 100;
    const double exactMean = (hotMass * hotMean + (mass - hotMass) * outletEnd) / mass;
    CHECK(std::abs(pipe.meanTemperature() - exactMean) < 1e-9);
    // Flowing again, the water leaves at those temperatures: first the cold water.
    pipe.advance(10, flow, std::vector<StreamSegment>{{10, hot}}, ground, out);
    REQUIRE(!out.empty());
    CHECK(std::abs(out.front().temperature_K - outletEnd) < 1e-6); // 10 s more of cooling
}

TEST_CASE("plug flow streams: neighbours merged within a band, heat and jumps kept", "[plugflow]") {
    // A ramp of 0.004 K per segment with a 5 K jump in the middle: merged segments must lie
    // within the tolerance of every segment they replace, keep Σ d T, and the jump's time.
    std::vector<StreamSegment> stream;
    double heat = 0, duration = 0;
    for (int i = 0; i < 200; ++i) {
        const double t = 330.0 + 0.004 * i + (i >= 100 ? 5.0 : 0.0);
        const double d = 3.0 + (i % 7);
        stream.push_back({d, t});
        heat += d * t;
        duration += d;
    }
    const double jumpTime = [&] {
        double u = 0;
        for (int i = 0; i < 100; ++i) {
            u += stream[i].duration_s;
        }
        return u;
    }();
    const std::vector<StreamSegment> original = stream;
    const double tolerance = 0.03;
    mergeAlike(stream, tolerance);
    double mergedHeat = 0, mergedDuration = 0;
    for (const StreamSegment& s : stream) {
        mergedHeat += s.duration_s * s.temperature_K;
        mergedDuration += s.duration_s;
    }
    CHECK(mergedHeat == Approx(heat).epsilon(1e-14));
    CHECK(mergedDuration == Approx(duration).epsilon(1e-14));
    CHECK(stream.size() < original.size() / 4);                            // the ramp is merged ...
    CHECK(stream.size() >= 2 * static_cast<std::size_t>(0.4 / tolerance)); // ... not flattened
    // Walk both streams in time: every original segment lies within the band of its merged one,
    // and a merged boundary falls exactly on the jump.
    std::size_t k = 0;
    double mergedEnd = stream[0].duration_s, u = 0;
    bool boundaryAtJump = false;
    for (const StreamSegment& s : original) {
        const double mid = u + 0.5 * s.duration_s;
        while (mid > mergedEnd) {
            boundaryAtJump = boundaryAtJump || std::abs(mergedEnd - jumpTime) < 1e-9;
            mergedEnd += stream[++k].duration_s;
        }
        CHECK(std::abs(stream[k].temperature_K - s.temperature_K) < tolerance);
        u += s.duration_s;
    }
    CHECK(boundaryAtJump);
}

TEST_CASE("plug flow: reversed flow brings the same water back", "[plugflow]") {
    PlugFlowPipe pipe(dn100(500, 0.0), rho, cp);
    pipe.fill(283.15);
    std::vector<StreamSegment> out;
    pipe.advance(100, 2.0, std::vector<StreamSegment>{{60, 353.15}, {40, 333.15}}, 283.15, out);
    REQUIRE(out.size() == 1);
    CHECK(out.front().temperature_K == Approx(283.15));
    // Back the other way for 100 s: the 333.15 K water leaves first, then the 353.15 K water.
    pipe.advance(100, -2.0, std::vector<StreamSegment>{{100, 283.15}}, 283.15, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].duration_s == Approx(40));
    CHECK(out[0].temperature_K == Approx(333.15));
    CHECK(out[1].duration_s == Approx(60));
    CHECK(out[1].temperature_K == Approx(353.15));
}

TEST_CASE("plug flow: the wall's end volumes relax the outlet exponentially, energy kept",
          "[plugflow]") {
    // No losses, wall C_w: a step from 10 to 80 °C. After the transit, the outlet volume (C_w/2)
    // relaxes as 1 − exp(−ṁ c_p t / (C_w/2)), fed by the inlet volume's own relaxation: the two
    // first-order lags in series give T = T_h − ΔT (1 + a t) e^{−a t}, a = ṁ c_p / (C_w/2).
    const double flow = 0.5, wall = 2763, length = 39, cold = 283.15, hot = 353.15;
    PlugFlowPipe pipe(dn100(length, 0.0, wall), rho, cp);
    pipe.fill(cold);
    const double transit = pipe.transitTime(flow);
    const double a = flow * cp / (0.5 * wall * length);
    const double before = pipe.storedHeat();
    double in = 0, outEnergy = 0, t = 0;
    std::vector<StreamSegment> out;
    double worst = 0;
    const double step = 0.25;
    while (t < transit + 20 / a) {
        pipe.advance(step, flow, std::vector<StreamSegment>{{step, hot}}, cold, out);
        in += flow * cp * step * (hot - 273.15);
        for (const StreamSegment& s : out) {
            outEnergy += flow * cp * s.duration_s * (s.temperature_K - 273.15);
        }
        t += step;
        // Within one step the inlet volume's output enters the core; its exact response at the
        // outlet is the Erlang-2 lag shifted by the transit time.
        const double since = t - transit;
        const double exact =
            since <= 0 ? cold : hot - (hot - cold) * (1 + a * since) * std::exp(-a * since);
        worst = std::max(worst, std::abs(pipe.outletTemperature(flow) - exact));
    }
    INFO("a " << a << " 1/s, transit " << transit << " s");
    CHECK(worst < 0.05 * (hot - cold) * a * step + 1e-6); // segment means vs the continuous lag
    CHECK(pipe.storedHeat() - before == Approx(in - outEnergy).epsilon(1e-12));
}

namespace {

//! A chain of `pipes` pipes of 400 m DN100 (no losses), a plant at the first node sending 80 °C
//! into water at 10 °C, a consumer with a prescribed flow at the last node.
Scenario chainScenario(int pipes, double hydraulicStep_s, double duration_s) {
    Scenario s;
    s.name = "chain";
    s.sourcePath = "test: chain";
    s.simulation.duration_s = duration_s;
    s.simulation.outputStep_s = hydraulicStep_s;
    s.simulation.hydraulicStep_s = hydraulicStep_s;
    s.simulation.pipeModel = "plug_flow";
    s.climate = Climate::constant(283.15);
    s.ground.kusuda = false;
    s.ground.constant_K = 283.15;
    for (int i = 0; i <= pipes; ++i) {
        NodeSpec n;
        n.id = "N" + std::to_string(i);
        s.nodes.push_back(n);
    }
    for (int i = 0; i < pipes; ++i) {
        PipeSpec p;
        p.id = "P" + std::to_string(i);
        p.from = "N" + std::to_string(i);
        p.to = "N" + std::to_string(i + 1);
        p.length_m = 400;
        p.innerDiameter_m = 0.1071;
        p.roughness_m = 2.5e-5;
        p.heatLossCoeff_W_mK = 0;
        s.pipes.push_back(p);
    }
    ConsumerSpec consumer;
    consumer.id = "end";
    consumer.node = "N" + std::to_string(pipes);
    consumer.category = "test";
    consumer.demand.kind = DemandSpec::Kind::Profile;
    consumer.demand.profile = TimeProfile::constant(1e5);
    consumer.designSupply_K = 343.15;
    consumer.designReturn_K = 274.15;
    consumer.minSupply_K = 273.15;
    consumer.designPower_W = 1e6;
    consumer.prescribedFlow = TimeProfile::constant(0.2);
    s.consumers = {consumer};
    PlantSpec plant;
    plant.id = "plant";
    plant.node = "N0";
    plant.supplyTemperature.constant_K = 353.15;
    BoilerParameters boiler;
    boiler.id = "boiler";
    boiler.capacity_W = 1e9;
    boiler.maxSupply_K = 473.15;
    SourceSpec source;
    source.id = "boiler";
    source.type = "boiler";
    source.model = std::make_shared<Boiler>(boiler);
    plant.sources = {source};
    s.plants = {plant};
    s.initialSupply_K = 283.15;
    s.initialReturn_K = 283.15;
    return s;
}

//! Records the consumer's supply temperature and the balance.
class SupplySink : public ResultSink {
public:
    std::vector<double> time_s, supply_K, residual_J, sourceHeat_W;
    RunTotals totals;
    void begin(const Scenario&) override {}
    void record(const StepRecord& r) override {
        time_s.push_back(r.time_s);
        supply_K.push_back(r.consumerSupply_K.at(0));
        residual_J.push_back(r.balanceResidual_J);
        for (double w : r.sourceHeat_W) {
            sourceHeat_W.push_back(w);
        }
    }
    void finish(const RunTotals& t) override { totals = t; }
};

} // namespace

TEST_CASE("plug flow network: a front through 20 pipes rises in <= 1 % of the transit time at "
          "hydraulic steps of 60 s, 5 min and 1 h",
          "[plugflow]") {
    // Transit: 20 × ρ A L / ṁ (≈ 98 h at 0.2 kg/s). The outlet is recorded once per step, so the
    // measured rise includes the sampling (at most 0.8 step by linear interpolation between two
    // records): the figure is an upper bound of the model's own rise, which is zero.
    for (double step : {60.0, 300.0, 3600.0}) {
        const Scenario s = chainScenario(20, step, 250 * 3600.0);
        Simulation simulation(s);
        SupplySink sink;
        simulation.run(sink);
        const double transit = 20 * simulation.thermal().density() * area() * 400 / 0.2; // [s]
        std::vector<double> t = sink.time_s, y = sink.supply_K;
        t.insert(t.begin(), 0.0);
        y.insert(y.begin(), 283.15);
        const double t10 = validation::crossingTime(t, y, 283.15 + 7.0);
        const double t50 = validation::crossingTime(t, y, 283.15 + 35.0);
        const double t90 = validation::crossingTime(t, y, 283.15 + 63.0);
        INFO("step " << step << " s: transit " << transit << " s, t50 " << t50 << " s, rise "
                     << (t90 - t10) / transit * 100 << " %");
        CHECK((t90 - t10) / transit <= 0.01);
        CHECK(std::abs(t50 - transit) <= step);
        CHECK(y.back() == Approx(353.15).margin(1e-9)); // no smearing, no overshoot
        // Energy: sources − delivered − losses − Δstored, to round-off.
        CHECK(std::abs(sink.totals.balanceResidual_J) <=
              1e-12 * (sink.totals.sources_J + sink.totals.delivered_J));
    }
}

TEST_CASE("plug flow network: steady decay within 0.01 K of the exponential", "[plugflow]") {
    validation::Numerics n;
    n.pipeModel = "plug_flow";
    const validation::SteadyDecay d = validation::steadyDecay(n);
    CHECK(d.drop_K > 2.0);
    CHECK(std::abs(d.simulated_K - d.exact_K) < 0.01);
    CHECK(std::abs(d.simulated_K - d.exact_K) < 1e-6); // in fact exact
}

namespace {

//! The error message of a bundled scenario read with `line` added under `simulation:`.
std::string errorWithSimulationLine(const std::string& scenario, const std::string& line,
                                    const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios";
    std::ifstream in(dir / scenario);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    const std::string at = "simulation:\n";
    REQUIRE(text.find(at) != std::string::npos);
    text.replace(text.find(at), at.size(), at + "  " + line + "\n");
    return testing::errorOf([&] { readScenarioText(text, name, dir); });
}

} // namespace

namespace {

//! Sources − delivered − losses − Δstored closes to round-off in the totals and at every output,
//! and no source or substation has a negative hourly heat.
void checkBalanceEveryStep(const testing::MemorySink& sink) {
    const RunTotals& t = sink.totals;
    CHECK(t.sources_J > 0);
    CHECK(std::abs(t.balanceResidual_J) <= 1e-12 * t.sources_J);
    for (const StepRecord& r : sink.steps) {
        CHECK(std::abs(r.balanceResidual_J) <= 1e-12 * t.sources_J);
        for (double w : r.sourceHeat_W) {
            CHECK(w >= 0);
        }
        for (double w : r.delivered_W) {
            CHECK(w >= 0);
        }
    }
}

} // namespace

TEST_CASE("plug flow network: DESTEST week balance to round-off, no negative hourly heat",
          "[plugflow]") {
    // Without and with the dispersion filter (flows change every 5 min, branches stand still:
    // the filter is placed, re-cut and cooled in a network).
    double delivered[2] = {0, 0}, losses[2] = {0, 0};
    for (int withFilter = 0; withFilter < 2; ++withFilter) {
        Scenario s = readScenario(std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" /
                                  "destest-network1.yaml");
        s.simulation.pipeModel = "plug_flow";
        s.simulation.plugFlowDispersion = withFilter ? "taylor" : "none";
        for (ConsumerSpec& c : s.consumers) {
            c.minMassFlow_kg_s = 0; // no bypass: standing water where nothing is drawn
        }
        Simulation simulation(s);
        testing::MemorySink sink;
        simulation.run(sink);
        const RunTotals& t = sink.totals;
        INFO("dispersion " << s.simulation.plugFlowDispersion << ": residual "
                           << t.balanceResidual_J << " J of " << t.sources_J << " J");
        checkBalanceEveryStep(sink);
        CHECK(t.integrator.steps == 0); // no tank: nothing for CVODE to integrate
        delivered[withFilter] = t.delivered_J;
        losses[withFilter] = t.losses_J;
    }
    // Dispersion spreads fronts; it moves no heat of its own: a week's totals barely change.
    CHECK(delivered[1] == Approx(delivered[0]).epsilon(1e-3));
    CHECK(losses[1] == Approx(losses[0]).epsilon(1e-2));
}

TEST_CASE("plug flow network: meshed, with flows reversing, balance to round-off every hour",
          "[plugflow]") {
    // scenarios/three-sites.yaml (two loops, three plants): in its first two weeks the flow in a
    // loop pipe changes direction many times, so the nodes' flow order is rebuilt and pipes
    // send their water back the way it came. Heat must still be neither made nor lost.
    Scenario s =
        readScenario(std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" / "three-sites.yaml");
    s.simulation.pipeModel = "plug_flow";
    s.simulation.duration_s = 336 * 3600.0;
    Simulation simulation(s);
    REQUIRE(simulation.network().loopCount() == 2);
    testing::MemorySink sink;
    simulation.run(sink);
    const RunTotals& t = sink.totals;
    int reversals = 0;
    for (std::size_t p = 0; p < simulation.network().pipeCount(); ++p) {
        for (std::size_t k = 1; k < sink.steps.size(); ++k) {
            const double a = sink.steps[k - 1].pipeFlow_kg_s[p], b = sink.steps[k].pipeFlow_kg_s[p];
            reversals += a * b < 0 ? 1 : 0;
        }
    }
    INFO("reversals " << reversals << ", residual " << t.balanceResidual_J << " J of "
                      << t.sources_J << " J");
    CHECK(reversals >= 5);
    checkBalanceEveryStep(sink);
}

TEST_CASE("dispersion filter: a step leaves as the exact Erlang-N response, energy kept",
          "[plugflow]") {
    // N lossless tanks of m each at flow ṁ, all at T0; from t = 0 the inflow is T1. The outflow
    // is T0 + (T1 − T0) P(N, a t), a = ṁ / m; its mean over [t0, t1] follows from
    // ∫_0^t P(N, a s) ds = t P(N, a t) − (N / a) P(N + 1, a t).
    const int tanks = 8;
    const double tankMass = 3.0, flow = 1.7, cold = 290.0, hot = 340.0;
    const double a = flow / tankMass;
    auto integral = [&](double t) {
        return t * boost::math::gamma_p(tanks, a * t) -
               tanks / a * boost::math::gamma_p(tanks + 1, a * t);
    };
    for (double step : {0.05, 1.0, 7.0, 60.0}) {
        DispersionFilter filter;
        filter.assign(tankMass, true, std::vector<double>(tanks, cold));
        const double heatBefore = filter.heat();
        double t = 0, in = 0, out = 0, worst = 0;
        while (t < 40 * tanks / a) {
            // Two segments per step, so that segment boundaries inside a step are exercised.
            std::vector<StreamSegment> stream{{0.25 * step, hot}, {0.75 * step, hot}};
            filter.pass(flow, 0.0, 283.15, stream);
            double u = t;
            for (const StreamSegment& s : stream) {
                const double exact =
                    cold + (hot - cold) * (integral(u + s.duration_s) - integral(u)) / s.duration_s;
                worst = std::max(worst, std::abs(s.temperature_K - exact));
                out += flow * s.duration_s * s.temperature_K;
                in += flow * s.duration_s * hot;
                u += s.duration_s;
            }
            t += step;
        }
        INFO("step " << step << " s");
        CHECK(worst < 1e-9 * hot);
        // What the tanks hold is what came in less what went out (Σ m T [kg K]).
        CHECK(std::abs(filter.heat() - heatBefore - (in - out)) <= 1e-12 * in);
        CHECK(filter.outletTemperature() == Approx(hot).epsilon(1e-12)); // filled by now
    }
}

TEST_CASE("dispersion filter: losses give the tanks' exact steady decay", "[plugflow]") {
    // m dθ_k/dt = ṁ (θ_{k−1} − θ_k) − (m/τ) θ_k: steady θ_N = θ_0 (a / (a + 1/τ))^N.
    const int tanks = 5;
    const double tankMass = 40.0, flow = 0.3, tau = 2000.0, ground = 280.0, inlet = 350.0;
    DispersionFilter filter;
    filter.assign(tankMass, true, std::vector<double>(tanks, ground));
    std::vector<StreamSegment> stream;
    for (int i = 0; i < 200; ++i) {
        stream = {{600.0, inlet}};
        filter.pass(flow, 1 / tau, ground, stream);
    }
    const double a = flow / tankMass;
    const double exact = ground + (inlet - ground) * std::pow(a / (a + 1 / tau), tanks);
    CHECK(stream.front().temperature_K == Approx(exact).epsilon(1e-12));
    CHECK(inlet - exact > 5.0); // a real decay
}

TEST_CASE("plug flow with dispersion: mean transit M/ṁ, Taylor's variance 2 D L / u³, balance",
          "[plugflow]") {
    // DN100, 500 m, 4 kg/s, no losses, no wall: the outflow after a step from 10 to 80 °C is the
    // Erlang response delayed by the plug. Its moments from the step response F(t):
    // mean = ∫ (1 − F) dt, E[t²] = 2 ∫ t (1 − F) dt; variance σ² = E[t²] − mean².
    const double flow = 4.0, cold = 283.15, hot = 353.15, length = 500;
    PlugFlowOptions options;
    options.dispersion = true;
    PlugFlowPipe pipe(dn100(length, 0.0), rho, cp, options);
    pipe.fill(cold);
    const double transit = pipe.transitTime(flow);
    const double before = pipe.storedHeat();
    const double step = 0.5;
    double t = 0, first = 0, second = 0, in = 0, out = 0;
    std::vector<StreamSegment> outflow;
    while (t < 2 * transit) {
        pipe.advance(step, flow, std::vector<StreamSegment>{{step, hot}}, cold, outflow);
        for (const StreamSegment& s : outflow) {
            const double notYet = (hot - s.temperature_K) / (hot - cold); // 1 − F, segment mean
            first += notYet * s.duration_s;
            second += 2 * (t + 0.5 * s.duration_s) * notYet * s.duration_s;
            out += flow * cp * s.duration_s * (s.temperature_K - 273.15);
            t += s.duration_s;
        }
        in += flow * cp * step * (hot - 273.15);
    }
    const double velocity = flow / (rho * area());
    // The filter is sized when it is placed, at the pipe's mean water temperature then (cold);
    // as the pipe warms its target moves by less than the 10 % that would re-cut it.
    const double reynolds = flow * 0.1071 / (area() * water::dynamicViscosity(cold));
    const double dispersion = taylorDispersion(velocity, 0.1071, reynolds);
    const double variance = 2 * dispersion * length / std::pow(velocity, 3);
    const double sigma = std::sqrt(second - first * first);
    INFO("transit " << transit << " s, mean " << first << " s, σ " << sigma << " s, Taylor σ "
                    << std::sqrt(variance) << " s, D " << dispersion << " m²/s");
    REQUIRE(!pipe.filter().empty());
    CHECK(dispersion > 0);
    CHECK(first == Approx(transit).epsilon(1e-3));
    CHECK(sigma == Approx(std::sqrt(variance)).epsilon(0.01));
    CHECK(sigma > 0.005 * transit); // a real spread (plug flow alone: none)
    CHECK(pipe.storedHeat() - before == Approx(in - out).epsilon(1e-12));
}

TEST_CASE("plug flow with dispersion: reversal and standing water keep the heat exactly",
          "[plugflow]") {
    // Flow one way, still, back, with a wall: the filter moves to the other end. Without losses
    // the heat the pipe reports as lost (stored before + in − out − stored after) must be zero
    // to round-off: no heat appears or vanishes when water moves between the plug and the tanks.
    // With losses every step loses heat (the water is warmer than the ground).
    for (double lossCoeff : {0.0, 0.3}) {
        PlugFlowOptions options;
        options.dispersion = true;
        PlugFlowPipe pipe(dn100(300, lossCoeff, 2763), rho, cp, options);
        pipe.fill(300.0);
        std::vector<StreamSegment> out;
        const double flows[] = {3.0, 3.0, 0.0, -2.5, -2.5, 1.0, 0.0, 3.5};
        double worst = 0;
        for (std::size_t i = 0; i < std::size(flows); ++i) {
            const double f = flows[i];
            const std::vector<StreamSegment> in{{150, 350.0 - 5.0 * i}, {250, 330.0}};
            const double loss =
                pipe.advance(400, f, f != 0 ? in : std::vector<StreamSegment>{}, 283.15, out);
            if (lossCoeff > 0) {
                CHECK(loss > 0);
            } else {
                worst = std::max(worst, std::abs(loss));
            }
            if (f != 0) { // the tanks sit at the downstream end of the flow
                REQUIRE(!pipe.filter().empty());
                CHECK(pipe.filter().atSecondEnd() == (f > 0));
            }
        }
        CHECK(worst <= 1e-12 * pipe.storedHeat());
    }
}

TEST_CASE("plug_flow_dispersion with finite-volume pipes is rejected at the key", "[plugflow]") {
    const std::string message = errorWithSimulationLine(
        "saint-omer.yaml", "plug_flow_dispersion: taylor", "fv-dispersion.yaml");
    INFO(message);
    CHECK_THAT(message, Catch::Contains("fv-dispersion.yaml:"));
    CHECK_THAT(message, Catch::Contains("plug_flow_dispersion"));
    CHECK_THAT(message, Catch::Contains("pipe_model: plug_flow"));
}
