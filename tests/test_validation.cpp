// Validation against analytical solutions and the measured ULg pipe test bench
// (docs/validation.md; the full suite with tables and plots is tools/validate.sh).
#include "bench/ValidationCases.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace heatnet::validation;

namespace {
const std::string ulgDirectory = std::string(HEATNET_SOURCE_DIR) + "/validation/ulg";
}

TEST_CASE("steady heat loss follows the exponential decay", "[validation]") {
    const SteadyDecay d = steadyDecay({});
    CHECK(d.drop_K > 2.0); // a real decay, not a trivial one
    CHECK(std::abs(d.simulated_K - d.exact_K) < 0.01);
}

TEST_CASE("a step arrives after the transit time L/v", "[validation]") {
    const StepResponse s = stepResponse({});
    CHECK(s.cells == 50);
    CHECK(std::abs(s.delayError()) < 0.02);
}

TEST_CASE("front sharpness at the default discretisation (target 5 % not met)", "[validation]") {
    // DN100, 1 km, 2 kg/s, 20 m MUSCL cells: the 10–90 % rise takes 12.9 % of the transit time
    // (measured; docs/validation.md). The 5 % target needs cells well below 5 m. This asserts the
    // measured value so that a regression (or an improvement) shows.
    const StepResponse s = stepResponse({});
    CHECK(s.riseShare() > 0.120);
    CHECK(s.riseShare() < 0.135);
}

TEST_CASE("upwind cells give the Erlang step response (CVODE layer)", "[validation]") {
    for (int cells : {5, 10, 40}) {
        const ErlangCheck e = erlangCheck(cells, 1e-8, 1e-6);
        INFO("cells " << cells);
        CHECK(e.cells == cells);
        CHECK(e.maxRelativeError < 1e-3);
    }
}

TEST_CASE("ULg measured cases 151202 and 150801 within 0.6 K RMSE", "[validation]") {
    for (const char* name : {"151202", "150801"}) {
        const UlgCase data = loadUlgCase(ulgDirectory, name);
        const UlgResult r = runUlgCase(data, UlgOptions{});
        INFO("case " << name << " RMSE " << r.rmse_K << " K, front shift " << r.frontShift_s
                     << " s");
        CHECK(r.rmse_K <= 0.6);
        CHECK(std::abs(r.frontShift_s) < 10.0);
    }
}

TEST_CASE("energy balance of a single-pipe run closes", "[validation]") {
    // The residual is the integration error of the energy integrals: 1.7e-5 of the throughput at
    // the default tolerances (rtol 1e-5, 0.01 K), 8e-8 at rtol 1e-7 / 1e-5 K, 1e-9 at 1e-9 / 1e-7
    // K.
    const UlgCase data = loadUlgCase(ulgDirectory, "151202");
    UlgOptions options;
    options.relativeTolerance = 1e-7;
    options.temperatureTolerance_K = 1e-5;
    const UlgResult r = runUlgCase(data, options);
    const heatnet::RunTotals& t = r.run.totals;
    REQUIRE(t.delivered_J + t.losses_J > 0);
    INFO("residual " << t.balanceResidual_J << " J of " << t.delivered_J + t.losses_J << " J");
    CHECK(std::abs(t.balanceResidual_J) / (t.delivered_J + t.losses_J) < 1e-6);
}
