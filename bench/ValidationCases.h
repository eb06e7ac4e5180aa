#pragma once
// Validation cases shared by the heatnet_validate program and tests/test_validation.cpp:
// single-pipe scenarios built directly in C++ (plant at A, consumer with a prescribed flow at B),
// the measured ULg pipe test bench (validation/ulg) and analytical references.
#include "solver/run/Simulation.h"
#include <string>
#include <vector>

namespace heatnet::validation {

//! One single-pipe run: geometry, boundary conditions and numerics.
struct SinglePipeConfig {
    std::string name = "single pipe";
    double length_m = 1000;
    double innerDiameter_m = 0.1071;
    double heatLossCoeff_W_mK = 0;    //!< U' [W/(m K)]
    double wallHeatCapacity_J_mK = 0; //!< 0 = no wall states
    double ground_K = 283.15;
    double initial_K = 283.15; //!< uniform initial water (and wall) temperature
    TimeProfile inlet_K = TimeProfile::constant(353.15);
    TimeProfile flow_kg_s = TimeProfile::constant(2.0);
    double duration_s = 3600;
    double outputStep_s = 1;
    double hydraulicStep_s = 1;
    double cellLength_m = 20;                //!< scenario default
    int cells = 0;                           //!< 0 = from the cell length
    std::string advection = "muscl";         //!< "upwind", "muscl", "koren", "superbee"
    std::string pipeModel = "finite_volume"; //!< or "plug_flow" (then no cells, no CVODE)
    std::string plugFlowDispersion = "none"; //!< or "taylor" (plug flow's outlet filter)
    double relativeTolerance = 1e-5;
    double temperatureTolerance_K = 1e-2;
    //! Integrate the pipe model alone (PipeModel + CVODE, inlet and flow evaluated at t) instead
    //! of the whole network code; also used when the network code does not map the scheme.
    bool pipeLevel = false;
};

//! Outlet series of a run (t = 0 is the initial state), with totals and constants used.
struct SinglePipeResult {
    std::vector<double> time_s, outlet_K;
    RunTotals totals;
    double density_kg_m3 = 0, specificHeat_J_kgK = 0;
    int cells = 0;
    bool pipeLevel = false; //!< run on the pipe model alone (see SinglePipeConfig::pipeLevel)
};

SinglePipeResult runSinglePipe(const SinglePipeConfig& config);

//! Linear interpolation in a table (x increasing); clamps at the ends.
double interpolate(const std::vector<double>& x, const std::vector<double>& y, double at);

//! First time at which `y` crosses `level` (upwards if rising), by linear interpolation; NaN if
//! never.
double crossingTime(const std::vector<double>& t, const std::vector<double>& y, double level,
                    bool rising = true);

//! One measured ULg experiment (temperatures in °C as in the file).
struct UlgCase {
    std::string name;
    std::vector<double> time_s, flow_kg_s, outlet_C, inlet_C;
};

//! Reads validation/ulg/ulg_<name>.csv from `directory`.
UlgCase loadUlgCase(const std::string& directory, const std::string& name);
//! The seven cases in the folder.
std::vector<std::string> ulgCaseNames();

//! ULg bench constants (validation/ulg/README.md §4).
constexpr double ulgLength_m = 39.0;
constexpr double ulgDiameter_m = 0.05248;
constexpr double ulgResistance_mK_W = 2.164;
constexpr double ulgWallCapacity_J_mK = 2763.0;

struct UlgOptions {
    double ambient_C = 18.0;
    bool wall = true;
    double cellLength_m = 1; //!< 39 cells (the scenario default 20 m gives only 2)
    std::string advection = "muscl";
    std::string pipeModel = "finite_volume"; //!< see SinglePipeConfig::pipeModel
    std::string plugFlowDispersion = "none"; //!< see SinglePipeConfig::plugFlowDispersion
    double relativeTolerance = 1e-5;
    double temperatureTolerance_K = 1e-2;
    bool pipeLevel = false; //!< see SinglePipeConfig::pipeLevel
};

struct UlgResult {
    double rmse_K = 0, maxError_K = 0, frontShift_s = 0; //!< front: t50 sim − t50 meas (rising)
    double wallTime_s = 0;
    int cells = 0;
    std::vector<double> simulatedAtSamples_C; //!< at the measured time stamps
    SinglePipeResult run;
};

//! Runs one case: measured inlet (resampled to 0.5 s) and flow as boundary conditions, uniform
//! initial temperature = measured outlet at t = 0.
UlgResult runUlgCase(const UlgCase& data, const UlgOptions& options);

//! Analytical suite on a DN100 pipe (d 0.1071 m), 1 km, 2 kg/s, unless stated otherwise.
struct Numerics {
    double cellLength_m = 20;
    int cells = 0;
    std::string advection = "muscl";
    std::string pipeModel = "finite_volume"; //!< see SinglePipeConfig::pipeModel
    double relativeTolerance = 1e-5;
    double temperatureTolerance_K = 1e-2;
    bool pipeLevel = false; //!< see SinglePipeConfig::pipeLevel
};

//! Steady state with losses: simulated outlet vs T_g + (T_in − T_g) exp(−L U'/(ṁ c_p)).
struct SteadyDecay {
    double simulated_K = 0, exact_K = 0, drop_K = 0;
};
SteadyDecay steadyDecay(const Numerics& numerics);

//! Step 10 → 80 °C at the inlet, no losses: t10/t50/t90 of the outlet and the transit time.
struct StepResponse {
    double transit_s = 0, t10_s = 0, t50_s = 0, t90_s = 0, wallTime_s = 0;
    int cells = 0;
    double delayError() const { return (t50_s - transit_s) / transit_s; }
    double riseShare() const { return (t90_s - t10_s) / transit_s; }
};
StepResponse stepResponse(const Numerics& numerics);

//! Upwind, N cells, no losses, no wall: outlet step response vs the Erlang CDF (shape N, scale
//! τ/N). Returns max |T_sim − T_exact| / ΔT over the output times.
struct ErlangCheck {
    double maxRelativeError = 0, transit_s = 0;
    int cells = 0;
};
ErlangCheck erlangCheck(int cells, double relativeTolerance, double temperatureTolerance_K);

//! Smooth inlet (raised-cosine rise of 40 K over 1200 s), no losses: max |T_sim − T_in(t − τ)|.
struct SmoothTransport {
    double maxError_K = 0, wallTime_s = 0;
    int cells = 0;
};
SmoothTransport smoothTransport(const Numerics& numerics);

} // namespace heatnet::validation
