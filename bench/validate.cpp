// heatnet_validate: runs the validation suite (measured ULg pipe test bench and analytical
// references) and prints tables; writes CSVs to the directory given as the first argument
// (default: docs/validation in the source tree). See docs/validation.md.
#include "bench/ValidationCases.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace heatnet::validation;

namespace {

double elapsed(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void runUlg(const std::string& dataDir, const std::string& outDir) {
    std::printf(
        "\n== ULg pipe test bench (39 m, d 0.05248 m, R' 2.164 m K/W, wall 2763 J/(m K))\n");
    std::printf("%-9s %-16s %5s | %8s %9s %9s %7s %6s %s\n", "case", "variant", "T_amb", "RMSE[K]",
                "max|e|[K]", "dt50[s]", "wall[s]", "cells", "path");
    std::ofstream summary(outDir + "/ulg_summary.csv");
    summary << "case,variant,wall,ambient_C,cell_length_m,advection,rmse_K,max_abs_error_K,"
               "t50_shift_s,wall_time_s,cells,path\n";
    struct Variant {
        const char* label;
        UlgOptions options;
    };
    UlgOptions withWall, noWall, warm, coarse, koren, superbee, converged;
    converged.cellLength_m = 0.25; // spatially and temporally converged reference
    converged.relativeTolerance = 1e-7;
    converged.temperatureTolerance_K = 1e-4;
    noWall.wall = false;
    warm.ambient_C = 22.0;
    coarse.cellLength_m = 20;
    koren.advection = "koren";
    superbee.advection = "superbee";
    const Variant variants[] = {{"wall", withWall},           {"no-wall", noWall},
                                {"wall-22C", warm},           {"wall-20m", coarse},
                                {"wall-koren", koren},        {"wall-superbee", superbee},
                                {"wall-converged", converged}};
    constexpr std::size_t variantCount = std::size(variants);
    double rmseSum[variantCount] = {};
    for (const std::string& name : ulgCaseNames()) {
        const UlgCase data = loadUlgCase(dataDir, name);
        std::vector<std::vector<double>> series;
        for (std::size_t v = 0; v < variantCount; ++v) {
            const UlgOptions& o = variants[v].options;
            const UlgResult r = runUlgCase(data, o);
            const char* path = r.run.pipeLevel ? "pipe" : "network";
            rmseSum[v] += r.rmse_K;
            std::printf("%-9s %-16s %5.1f | %8.3f %9.3f %9.2f %7.3f %6d %s\n", name.c_str(),
                        variants[v].label, o.ambient_C, r.rmse_K, r.maxError_K, r.frontShift_s,
                        r.wallTime_s, r.cells, path);
            summary << name << ',' << variants[v].label << ',' << (o.wall ? 1 : 0) << ','
                    << o.ambient_C << ',' << o.cellLength_m << ',' << o.advection << ',' << r.rmse_K
                    << ',' << r.maxError_K << ',' << r.frontShift_s << ',' << r.wallTime_s << ','
                    << r.cells << ',' << path << '\n';
            series.push_back(r.simulatedAtSamples_C);
        }
        std::ofstream ts(outDir + "/ulg_" + name + ".csv");
        ts << "time_s,inlet_C,outlet_measured_C,outlet_wall_C,outlet_nowall_C,outlet_wall_22C_C,"
              "outlet_wall_20m_C,outlet_wall_koren_C,outlet_wall_superbee_C,outlet_wall_converged_"
              "C\n";
        for (std::size_t i = 0; i < data.time_s.size(); ++i) {
            ts << data.time_s[i] << ',' << data.inlet_C[i] << ',' << data.outlet_C[i];
            for (const auto& column : series) {
                ts << ',' << column[i];
            }
            ts << '\n';
        }
    }
    const double cases = static_cast<double>(ulgCaseNames().size());
    std::printf("mean RMSE over the %d cases [target <= 0.4 K]:", static_cast<int>(cases));
    for (std::size_t v = 0; v < variantCount; ++v) {
        std::printf("  %s %.3f", variants[v].label, rmseSum[v] / cases);
    }
    std::printf("\n");
}

void runAnalytical(const std::string& outDir) {
    std::ofstream csv(outDir + "/analytical.csv");
    csv << "check,value,target\n";
    std::printf("\n== Analytical suite (DN100 d 0.1071 m, 1 km, 2 kg/s)\n");

    const SteadyDecay d = steadyDecay({});
    const double decayError = d.simulated_K - d.exact_K;
    std::printf("steady decay (U' 0.3 W/(m K), 80 -> ground 10 C, default 20 m MUSCL): sim %.4f K, "
                "exact %.4f K (drop %.3f K), error %.2e K  [target |e| <= 0.01 K]\n",
                d.simulated_K, d.exact_K, d.drop_K, decayError);
    csv << "steady_decay_error_K," << decayError << ",0.01\n";

    const StepResponse s = stepResponse({});
    std::printf(
        "step delay (default 20 m MUSCL, %d cells): t50 %.1f s vs L/v %.1f s, error %.3f %%  "
        "[target <= 2 %%]\n",
        s.cells, s.t50_s, s.transit_s, 100 * s.delayError());
    csv << "step_delay_error_pct," << 100 * s.delayError() << ",2\n";

    std::printf("front 10-90 %% rise time / transit time [target <= 5 %%]:\n");
    std::ofstream front(outDir + "/front_sharpness.csv");
    front << "advection,cell_length_m,cells,rise_share_pct,delay_error_pct,wall_time_s\n";
    for (const char* scheme : {"muscl", "koren", "superbee", "upwind"}) {
        for (double dx : {40.0, 20.0, 10.0, 5.0, 2.5}) {
            Numerics n;
            n.cellLength_m = dx;
            n.advection = scheme;
            n.pipeLevel = true; // the four schemes on the same path (comparable wall times)
            const StepResponse r = stepResponse(n);
            std::printf(
                "  %-8s dx %4.1f m (%3d cells): rise %6.2f %%  delay err %6.3f %%  wall %.2f s\n",
                scheme, dx, r.cells, 100 * r.riseShare(), 100 * r.delayError(), r.wallTime_s);
            front << scheme << ',' << dx << ',' << r.cells << ',' << 100 * r.riseShare() << ','
                  << 100 * r.delayError() << ',' << r.wallTime_s << '\n';
            if (dx == 20.0) {
                csv << "front_rise_share_default_" << scheme << "_pct," << 100 * r.riseShare()
                    << ",5\n";
            }
        }
    }

    std::printf("semi-discrete check (upwind, no losses, 200 m): max |T - Erlang CDF| / dT "
                "[target <= 1e-3]:\n");
    for (int cells : {5, 10, 40}) {
        const ErlangCheck e = erlangCheck(cells, 1e-8, 1e-6);
        std::printf("  N = %3d: %.2e (tau %.1f s)\n", e.cells, e.maxRelativeError, e.transit_s);
        csv << "erlang_N" << cells << "_rel_error," << e.maxRelativeError << ",0.001\n";
    }

    std::printf("\n== Convergence: smooth 40 K raised-cosine rise over 1200 s, no losses, "
                "max |T_sim - T_in(t - tau)|\n");
    std::ofstream conv(outDir + "/convergence.csv");
    conv << "study,advection,cell_length_m,cells,relative_tolerance,max_error_K,wall_time_s\n";
    for (const char* scheme : {"muscl", "koren", "superbee", "upwind"}) {
        for (double dx : {40.0, 20.0, 10.0, 5.0, 2.5}) {
            Numerics n;
            n.cellLength_m = dx;
            n.advection = scheme;
            n.pipeLevel = true;
            n.relativeTolerance = 1e-6;
            n.temperatureTolerance_K = 1e-4;
            const SmoothTransport r = smoothTransport(n);
            std::printf("  %-8s dx %4.1f m (%3d cells), rtol 1e-6: max err %8.4f K  wall %.2f s\n",
                        scheme, dx, r.cells, r.maxError_K, r.wallTime_s);
            conv << "cell_length," << scheme << ',' << dx << ',' << r.cells << ",1e-6,"
                 << r.maxError_K << ',' << r.wallTime_s << '\n';
        }
    }
    for (double rtol : {1e-4, 1e-5, 1e-6}) {
        Numerics n;
        n.relativeTolerance = rtol;
        const SmoothTransport r = smoothTransport(n);
        std::printf("  muscl  dx   20 m (%3d cells), rtol %.0e (atol 1e-2 K): max err %8.4f K  "
                    "wall %.2f s\n",
                    r.cells, rtol, r.maxError_K, r.wallTime_s);
        conv << "tolerance,muscl,20," << r.cells << ',' << rtol << ',' << r.maxError_K << ','
             << r.wallTime_s << '\n';
    }
}

} // namespace

int main(int argc, char** argv) {
    const std::string outDir = argc > 1 ? argv[1] : HEATNET_SOURCE_DIR "/docs/validation";
    const std::string dataDir = argc > 2 ? argv[2] : HEATNET_SOURCE_DIR "/validation/ulg";
    const auto start = std::chrono::steady_clock::now();
    try {
        runUlg(dataDir, outDir);
        runAnalytical(outDir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "heatnet_validate: %s\n", e.what());
        return 1;
    }
    std::printf("\ntotal wall time %.1f s\n", elapsed(start));
    return 0;
}
