#include "tools/cli/ThreadsOption.h"

#include <omp.h>

namespace heatnet::cli {

void addThreadsOption(CLI::App& command, const std::shared_ptr<int>& threads) {
    command
        .add_option("-j,--threads", *threads,
                    "OpenMP threads for running scenarios in parallel, or, for one scenario, for "
                    "the plug-flow sweep of a large network (default: the environment variable "
                    "OMP_NUM_THREADS, else one per core); this option overrides OMP_NUM_THREADS")
        ->check(CLI::Range(1, 4096))
        ->type_name("N");
}

void applyThreads(int threads) {
    if (threads > 0) {
        omp_set_num_threads(threads);
    }
}

} // namespace heatnet::cli
