#pragma once
// `heatnet bench --case sweep`: throughput of the bundled 100-design sweep
// (scenarios/sweeps/saint-omer-design.yaml) on 1 and 2 threads and on 1 and 2 MPI ranks, each
// configuration a real `heatnet sweep` child process, timed from outside (median of repeats).
namespace heatnet::cli {

//! Runs the four configurations `repeat` times with `hours` simulated per case (0: a year) and
//! prints one line per configuration with the median wall time, cases/s and the speed-up.
void benchSweep(double hours, int repeat);

} // namespace heatnet::cli
