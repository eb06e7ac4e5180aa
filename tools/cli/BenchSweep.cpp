#include "tools/cli/BenchSweep.h"

#include "solver/Error.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace heatnet::cli {

namespace {

//! Runs `command` in a shell; its wall time [s]. Throws if it fails.
double timed(const std::string& command) {
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (status != 0) {
        throw Error(fmt::format("bench: '{}' failed (status {})", command, status));
    }
    return wall;
}

} // namespace

void benchSweep(double hours, int repeat) {
    const std::filesystem::path source = std::filesystem::path(HEATNET_SOURCE_DIR) / "scenarios" /
                                         "sweeps" / "saint-omer-design.yaml";
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / fmt::format("heatnet-bench-sweep-{}", getpid());
    std::filesystem::create_directories(dir);
    // The bundled sweep with an absolute base and, if asked, a shorter simulated period.
    YAML::Node sweep = YAML::LoadFile(source.string());
    sweep["base"] =
        (source.parent_path() / sweep["base"].as<std::string>()).lexically_normal().string();
    if (hours > 0) {
        sweep["scenario"]["simulation.duration"] = fmt::format("{:g} h", hours);
    }
    const std::filesystem::path file = dir / "sweep.yaml";
    {
        YAML::Emitter out;
        out << sweep;
        std::ofstream(file) << out.c_str() << "\n";
    }
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string mpirun = "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun "
                               "--oversubscribe --bind-to none ";
    struct Config {
        std::string name, prefix;
        int threads;
    };
    const std::vector<Config> configs = {{"sweep-threads-1", "", 1},
                                         {"sweep-threads-2", "", 2},
                                         {"sweep-mpi-1", mpirun + "-n 1 ", 1},
                                         {"sweep-mpi-2", mpirun + "-n 2 ", 1}};
    std::vector<double> medians;
    for (const Config& c : configs) {
        std::vector<double> walls;
        for (int r = 0; r < std::max(1, repeat); ++r) {
            const std::filesystem::path output = dir / (c.name + ".h5");
            walls.push_back(timed(fmt::format("{}{} sweep {} -q -j {} -o {} > /dev/null", c.prefix,
                                              self, file.string(), c.threads, output.string())));
            std::filesystem::remove(output);
            std::filesystem::remove(dir / (c.name + ".csv"));
        }
        std::sort(walls.begin(), walls.end());
        const double wall = walls[walls.size() / 2];
        medians.push_back(wall);
        // Speed-up against the one-worker run of the same kind (threads 1, or MPI 1 rank).
        const double reference =
            medians[medians.size() % 2 == 0 ? medians.size() - 2 : medians.size() - 1];
        fmt::print("case={} cases=100 hours={:g} wall_s={:.2f} cases_per_s={:.3f} speedup={:.2f} "
                   "median_of={}\n",
                   c.name, hours > 0 ? hours : 8760, wall, 100 / wall, reference / wall,
                   walls.size());
        std::fflush(stdout);
    }
    std::filesystem::remove_all(dir);
}

} // namespace heatnet::cli
