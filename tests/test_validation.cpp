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
    // DN100, 1 km, 2 kg/s, 20 m cells (50), integrated tightly (rtol 1e-7, 1e-4 K) so that the
    // figure measures the scheme, not the integrator: the 10–90 % rise is 12.2 % of the transit
    // time with MUSCL/van Leer, 10.18 % with Koren (κ = 1/3), 7.44 % with superbee. At the
    // looser rtol 1e-5 / 0.01 K the compressive schemes smear more (Koren 11.1 %, superbee
    // 8.5 %): limiters react to the integration error. Target ≤ 5 % NOT met by any scheme at
    // 20 m: a TVD front spreads over ≈ 3–4 cells in the method of lines, and the outlet (the
    // last cell's mean) adds ≈ 0.8 cell of rise by itself. Superbee meets it from 10 m cells.
    auto tight = [](const char* scheme, double cellLength_m) {
        Numerics n;
        n.advection = scheme;
        n.cellLength_m = cellLength_m;
        n.relativeTolerance = 1e-7;
        n.temperatureTolerance_K = 1e-4;
        return stepResponse(n).riseShare();
    };
    CHECK(tight("muscl", 20) == Approx(0.1220).margin(0.003));
    CHECK(tight("koren", 20) == Approx(0.1018).margin(0.003));
    CHECK(tight("superbee", 20) == Approx(0.0744).margin(0.003));
    CHECK(tight("superbee", 10) <= 0.05); // target met at 10 m cells
}

TEST_CASE("upwind cells give the Erlang step response (CVODE layer)", "[validation]") {
    for (int cells : {5, 10, 40}) {
        const ErlangCheck e = erlangCheck(cells, 1e-8, 1e-6);
        INFO("cells " << cells);
        CHECK(e.cells == cells);
        CHECK(e.maxRelativeError < 1e-3);
    }
}

TEST_CASE("ULg measured cases: RMSE <= 0.6 K each, <= 0.4 K on average", "[validation]") {
    // 1 m cells, MUSCL, the network code, rtol 1e-5 / 0.01 K (docs/validation.md, table 1).
    double sum = 0;
    for (const std::string& name : ulgCaseNames()) {
        const UlgCase data = loadUlgCase(ulgDirectory, name);
        const UlgResult r = runUlgCase(data, UlgOptions{});
        INFO("case " << name << " RMSE " << r.rmse_K << " K, front shift " << r.frontShift_s
                     << " s");
        CHECK(!r.run.pipeLevel);
        CHECK(r.rmse_K <= 0.6);
        if (name != "160104_2") { // a slow ramp: its "t50" is no front arrival
            CHECK(std::abs(r.frontShift_s) < 5.0);
        }
        sum += r.rmse_K;
    }
    const double mean = sum / static_cast<double>(ulgCaseNames().size());
    INFO("mean RMSE " << mean << " K");
    CHECK(mean <= 0.4); // 0.395 K: met at this discretisation, see the converged test below
}

TEST_CASE("ULg converged (0.25 m cells, rtol 1e-7): each case met, mean target missed",
          "[validation]") {
    // Converged in space and time the mean RMSE is 0.403 K: the ≤ 0.4 K mean target is missed by
    // 0.003 K (1 m cells give 0.395 K only through their numerical diffusion). Every case still
    // meets ≤ 0.6 K (max 0.562 K, 160118_1). Remaining error: the fronts' shape (the bench's
    // bends and sensor response are not modelled) and plateau offsets of the 0.1 K sensors.
    UlgOptions converged;
    converged.cellLength_m = 0.25;
    converged.relativeTolerance = 1e-7;
    converged.temperatureTolerance_K = 1e-4;
    converged.pipeLevel = true; // the pipe model alone: same result as the network path, faster
    double sum = 0;
    for (const std::string& name : ulgCaseNames()) {
        const UlgResult r = runUlgCase(loadUlgCase(ulgDirectory, name), converged);
        INFO("case " << name << " RMSE " << r.rmse_K << " K");
        CHECK(r.rmse_K <= 0.6);
        sum += r.rmse_K;
    }
    const double mean = sum / static_cast<double>(ulgCaseNames().size());
    INFO("converged mean RMSE " << mean << " K");
    CHECK(mean == Approx(0.403).margin(0.003));
}

TEST_CASE("the pipe-level path reproduces the network path (ULg 151202)", "[validation]") {
    const UlgCase data = loadUlgCase(ulgDirectory, "151202");
    // At tight tolerances (at the defaults the two differ by ≈ 0.01 K of time-integration error).
    // The network path evaluates the water-to-wall film coefficient once per hydraulic node
    // (here every 1 s) and interpolates it; the pipe-level path at every right-hand side: on the
    // fronts of 151202 that moves the RMSE by 0.0055 K.
    UlgOptions tight;
    tight.relativeTolerance = 1e-7;
    tight.temperatureTolerance_K = 1e-4;
    UlgOptions pipeLevel = tight;
    pipeLevel.pipeLevel = true;
    const UlgResult network = runUlgCase(data, tight);
    const UlgResult direct = runUlgCase(data, pipeLevel);
    REQUIRE(direct.run.pipeLevel);
    CHECK(direct.rmse_K == Approx(network.rmse_K).margin(0.008));
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

TEST_CASE("ULg measured cases with plug-flow pipes (targets missed without a dispersion filter)",
          "[validation][plugflow]") {
    // The same runs with `pipe_model: plug_flow`: exact transport, the wall's heat capacity in
    // two end volumes (docs/numerics.md), 1 s hydraulic steps as the measured flow is sampled.
    // Measured: RMSE 0.514, 0.652, 0.336, 0.283, 0.568, 0.408, 0.607 K, mean 0.481 K: the
    // measured fronts are wider than plug flow with the wall alone makes them (bends, mixing,
    // sensors); the ≤ 0.6 K (each) and ≤ 0.4 K (mean) targets are MISSED by 151202 and 160118_1
    // and by the mean. Taylor's dispersion filter does not close the gap (next test).
    UlgOptions plug;
    plug.pipeModel = "plug_flow";
    double sum = 0, worst = 0;
    for (const std::string& name : ulgCaseNames()) {
        const UlgResult r = runUlgCase(loadUlgCase(ulgDirectory, name), plug);
        INFO("case " << name << " RMSE " << r.rmse_K << " K, front shift " << r.frontShift_s
                     << " s");
        if (name != "160104_2") { // a slow ramp: its "t50" is no front arrival
            CHECK(std::abs(r.frontShift_s) < 5.0);
        }
        worst = std::max(worst, r.rmse_K);
        sum += r.rmse_K;
    }
    const double mean = sum / static_cast<double>(ulgCaseNames().size());
    INFO("plug flow: mean RMSE " << mean << " K, worst " << worst << " K");
    CHECK(worst == Approx(0.652).margin(0.005));
    CHECK(mean == Approx(0.481).margin(0.005));
}

TEST_CASE("ULg measured cases with plug flow and the Taylor dispersion filter (targets missed)",
          "[validation][plugflow]") {
    // (A longer name with "'s" and a colon made Catch 2.13's text wrapper abort on -s output.)
    // `plug_flow_dispersion: taylor`: Taylor's turbulent dispersion (a correlation, nothing fitted
    // to these data) as an outlet filter of 8 tanks. Measured: RMSE 0.503, 0.625, 0.330, 0.278,
    // 0.559, 0.407, 0.605 K, mean 0.472 K (without the filter 0.514, 0.652, 0.336, 0.283, 0.568,
    // 0.408, 0.607 K, mean 0.481 K). The filter spreads the fronts by σ_t ≈ 1–10 s; the
    // measured fronts are wider by the wall's exchange with the water: ≤ 0.6 K each is MISSED by
    // 151202 and 160118_1, ≤ 0.4 K mean MISSED. tools/ulg_wall_time_study.py shows that a wall
    // distributed along the pipe with the film at each place's own temperature (instead of two
    // end volumes) would give 0.406 K mean, 0.563 K worst, converged, with this filter: the
    // finite-volume pipe's figures, still above 0.4 K, so it was not built (docs/validation.md,
    // "Plug flow on the Liège bench").
    UlgOptions plug;
    plug.pipeModel = "plug_flow";
    plug.plugFlowDispersion = "taylor";
    UlgOptions bare = plug;
    bare.plugFlowDispersion = "none";
    double sum = 0, worst = 0;
    for (const std::string& name : ulgCaseNames()) {
        const UlgCase data = loadUlgCase(ulgDirectory, name);
        const UlgResult r = runUlgCase(data, plug);
        const UlgResult b = runUlgCase(data, bare);
        INFO("case " << name << " RMSE " << r.rmse_K << " K (without the filter " << b.rmse_K
                     << " K), front shift " << r.frontShift_s << " s");
        if (name != "160104_2") { // a slow ramp: its "t50" is no front arrival
            CHECK(std::abs(r.frontShift_s) < 5.0);
        }
        CHECK(r.rmse_K < b.rmse_K); // the measured fronts are wider than plug flow's
        worst = std::max(worst, r.rmse_K);
        sum += r.rmse_K;
    }
    const double mean = sum / static_cast<double>(ulgCaseNames().size());
    INFO("plug flow + Taylor: mean RMSE " << mean << " K, worst " << worst << " K");
    CHECK(worst == Approx(0.625).margin(0.005));
    CHECK(mean == Approx(0.472).margin(0.005));
}
