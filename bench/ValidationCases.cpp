#include "bench/ValidationCases.h"

#include "models/Boiler.h"
#include "models/Pipe.h"
#include "solver/Error.h"
#include "solver/thermal/CvodeIntegrator.h"
#include "solver/thermal/OdeSystem.h"

#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <sstream>

namespace heatnet::validation {

namespace {

constexpr double zeroCelsius_K = 273.15;

//! Collects the outlet temperature of pipe 0 at every output time.
class OutletSink : public ResultSink {
public:
    explicit OutletSink(SinglePipeResult& result) : m_result(result) {}
    void begin(const Scenario&) override {}
    void record(const StepRecord& step) override {
        m_result.time_s.push_back(step.time_s);
        m_result.outlet_K.push_back(step.supplyOutlet_K.at(0));
    }
    void finish(const RunTotals& totals) override { m_result.totals = totals; }

private:
    SinglePipeResult& m_result;
};

//! One pipe alone: prescribed inlet temperature and flow, constant ground (the pipe-level
//! reference path, independent of the network code).
class SinglePipeSystem : public OdeSystem {
public:
    SinglePipeSystem(const PipeModel& pipe, const SinglePipeConfig& config)
        : m_pipe(pipe), m_config(config) {}
    std::size_t size() const override { return static_cast<std::size_t>(m_pipe.stateCount()); }
    void rhs(double time_s, std::span<const double> y, std::span<double> dydt) override {
        PipeConditions c;
        c.massFlow_kg_s = m_config.flow_kg_s.value(time_s);
        c.inletTemperature_K = m_config.inlet_K.value(time_s);
        c.groundTemperature_K = m_config.ground_K;
        c.wallConductance_W_K =
            m_pipe.hasWall() ? m_pipe.wallConductance(c.massFlow_kg_s, y[0]) : 0;
        m_pipe.rhs(c, y, dydt);
    }
    std::vector<std::vector<std::size_t>> jacobianPattern() const override {
        const int n = m_pipe.cells();
        std::vector<std::vector<std::size_t>> rows(size());
        for (int i = 0; i < n; ++i) {
            for (int j = std::max(0, i - 2); j <= std::min(n - 1, i + 2); ++j) {
                rows[i].push_back(static_cast<std::size_t>(j));
            }
            if (m_pipe.hasWall()) {
                rows[i].push_back(static_cast<std::size_t>(n + i));
                rows[n + i] = {static_cast<std::size_t>(i), static_cast<std::size_t>(n + i)};
                rows[i].push_back(0); // G from the first cell's temperature (fixed-h pipes)
            }
        }
        return rows;
    }
    void absoluteTolerances(std::span<double> absTol) const override {
        std::fill(absTol.begin(), absTol.end(), m_config.temperatureTolerance_K);
    }
    std::string stateName(std::size_t index) const override {
        return "single pipe state " + std::to_string(index);
    }

private:
    const PipeModel& m_pipe;
    const SinglePipeConfig& m_config;
};

//! The run with the pipe model alone (same constants as the network path).
SinglePipeResult runDirect(const SinglePipeConfig& config, double density_kg_m3,
                           double specificHeat_J_kgK, int cells) {
    PipeGeometry g;
    g.length_m = config.length_m;
    g.innerDiameter_m = config.innerDiameter_m;
    g.heatLossCoeff_W_mK = config.heatLossCoeff_W_mK;
    g.wallHeatCapacity_J_mK = config.wallHeatCapacity_J_mK;
    g.cells = cells;
    const PipeModel pipe(g, density_kg_m3, specificHeat_J_kgK,
                         advectionSchemeFromName(config.advection));
    SinglePipeSystem system(pipe, config);
    std::vector<double> y0(system.size(), config.initial_K);
    IntegratorOptions options;
    options.relativeTolerance = config.relativeTolerance;
    CvodeIntegrator integrator(system, 0.0, y0, options);
    SinglePipeResult result;
    result.density_kg_m3 = density_kg_m3;
    result.specificHeat_J_kgK = specificHeat_J_kgK;
    result.cells = cells;
    result.pipeLevel = true;
    result.time_s.push_back(0.0);
    result.outlet_K.push_back(config.initial_K);
    const auto steps = static_cast<long>(std::llround(config.duration_s / config.outputStep_s));
    for (long k = 1; k <= steps; ++k) {
        const double t = static_cast<double>(k) * config.outputStep_s;
        integrator.advance(t);
        result.time_s.push_back(t);
        result.outlet_K.push_back(
            pipe.outletTemperature(integrator.state(), config.flow_kg_s.value(t)));
    }
    return result;
}

} // namespace

SinglePipeResult runSinglePipe(const SinglePipeConfig& config) {
    Scenario s;
    s.name = config.name;
    s.sourcePath = "validation: " + config.name;
    s.simulation.duration_s = config.duration_s;
    s.simulation.outputStep_s = config.outputStep_s;
    s.simulation.hydraulicStep_s = config.hydraulicStep_s;
    s.simulation.cellLength_m = config.cellLength_m;
    s.simulation.advection = config.advection;
    s.simulation.pipeModel = config.pipeModel;
    s.simulation.plugFlowDispersion = config.plugFlowDispersion;
    s.simulation.relativeTolerance = config.relativeTolerance;
    s.simulation.temperatureTolerance_K = config.temperatureTolerance_K;
    s.simulation.maxCellsPerPipe = 100000;
    s.climate = Climate::constant(config.ground_K);
    s.ground.kusuda = false;
    s.ground.constant_K = config.ground_K;

    NodeSpec a, b;
    a.id = "A";
    b.id = "B";
    s.nodes = {a, b};

    PipeSpec pipe;
    pipe.id = "P";
    pipe.from = "A";
    pipe.to = "B";
    pipe.length_m = config.length_m;
    pipe.innerDiameter_m = config.innerDiameter_m;
    pipe.roughness_m = 2.5e-5;
    pipe.heatLossCoeff_W_mK = config.heatLossCoeff_W_mK;
    pipe.wallHeatCapacity_J_mK = config.wallHeatCapacity_J_mK;
    pipe.cells = config.cells;
    s.pipes = {pipe};

    ConsumerSpec consumer;
    consumer.id = "outlet";
    consumer.node = "B";
    consumer.category = "validation";
    consumer.demand.kind = DemandSpec::Kind::Profile;
    // A substation passes its flow on unchanged at zero demand, so the return would carry the
    // outlet temperature back to the plant, and a boiler can only heat: a falling inlet could not
    // be followed. An unbounded demand cools the return to 1 °C (the substation's floor), below
    // every prescribed inlet, so the plant's outlet always equals its prescribed set point.
    consumer.demand.profile = TimeProfile::constant(1e12);
    consumer.designSupply_K = 343.15;
    consumer.designReturn_K = 274.15;
    consumer.minSupply_K = 273.15;
    consumer.designPower_W = 1e6;
    consumer.prescribedFlow = config.flow_kg_s;
    s.consumers = {consumer};

    PlantSpec plant;
    plant.id = "inlet";
    plant.node = "A";
    plant.supplyTemperature.profile = config.inlet_K;
    BoilerParameters boiler;
    boiler.id = "heater";
    boiler.capacity_W = 1e9;
    boiler.maxSupply_K = 473.15;
    SourceSpec source;
    source.id = "heater";
    source.type = "boiler";
    source.model = std::make_shared<Boiler>(boiler);
    plant.sources = {source};
    s.plants = {plant};

    s.initialSupply_K = config.initial_K;
    s.initialReturn_K = consumer.designReturn_K;

    SinglePipeResult result;
    result.time_s.push_back(0.0);
    result.outlet_K.push_back(config.initial_K);
    Simulation simulation(s);
    result.density_kg_m3 = simulation.thermal().density();
    result.specificHeat_J_kgK = simulation.thermal().specificHeat();
    const PipeModel& model = simulation.thermal().pipeModel(ThermalSystem::Supply, 0);
    result.cells = model.cells();
    // A scheme the network code does not map yet (solver/thermal/ThermalSystem.cpp maps only
    // "upwind" and "muscl") or an explicit request runs on the pipe model alone.
    if (config.pipeModel != "plug_flow" &&
        (config.pipeLevel || model.scheme() != advectionSchemeFromName(config.advection))) {
        return runDirect(config, result.density_kg_m3, result.specificHeat_J_kgK, result.cells);
    }
    OutletSink sink(result);
    simulation.run(sink);
    return result;
}

double interpolate(const std::vector<double>& x, const std::vector<double>& y, double at) {
    if (at <= x.front()) {
        return y.front();
    }
    if (at >= x.back()) {
        return y.back();
    }
    const auto it = std::upper_bound(x.begin(), x.end(), at);
    const std::size_t i = static_cast<std::size_t>(it - x.begin());
    const double w = (at - x[i - 1]) / (x[i] - x[i - 1]);
    return y[i - 1] + w * (y[i] - y[i - 1]);
}

double crossingTime(const std::vector<double>& t, const std::vector<double>& y, double level,
                    bool rising) {
    for (std::size_t i = 1; i < t.size(); ++i) {
        const bool crosses =
            rising ? (y[i - 1] < level && y[i] >= level) : (y[i - 1] > level && y[i] <= level);
        if (crosses) {
            const double w = (level - y[i - 1]) / (y[i] - y[i - 1]);
            return t[i - 1] + w * (t[i] - t[i - 1]);
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::vector<std::string> ulgCaseNames() {
    return {"150801", "151202", "151204_1", "151204_2", "151204_4", "160104_2", "160118_1"};
}

UlgCase loadUlgCase(const std::string& directory, const std::string& name) {
    const std::string path = directory + "/ulg_" + name + ".csv";
    std::ifstream in(path);
    if (!in) {
        throw Error("cannot open " + path);
    }
    UlgCase c;
    c.name = name;
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        std::vector<double> v;
        std::stringstream ss(line);
        std::string field;
        while (std::getline(ss, field, ',')) {
            v.push_back(std::stod(field));
        }
        if (v.size() != 6) {
            throw Error(path + ": expected 6 columns: " + line);
        }
        c.time_s.push_back(v[0]);
        c.flow_kg_s.push_back(v[1]);
        c.outlet_C.push_back(v[3]);
        c.inlet_C.push_back(v[5]);
    }
    return c;
}

UlgResult runUlgCase(const UlgCase& data, const UlgOptions& options) {
    const double resample_s = 0.5;
    const double end_s = data.time_s.back();
    const auto samples = static_cast<std::size_t>(std::ceil(end_s / resample_s)) + 2;
    std::vector<double> inlet(samples), flow(samples);
    for (std::size_t i = 0; i < samples; ++i) {
        const double t = static_cast<double>(i) * resample_s;
        inlet[i] = interpolate(data.time_s, data.inlet_C, t) + zeroCelsius_K;
        flow[i] = interpolate(data.time_s, data.flow_kg_s, t);
    }
    SinglePipeConfig config;
    config.name = "ULg " + data.name;
    config.length_m = ulgLength_m;
    config.innerDiameter_m = ulgDiameter_m;
    config.heatLossCoeff_W_mK = 1.0 / ulgResistance_mK_W;
    config.wallHeatCapacity_J_mK = options.wall ? ulgWallCapacity_J_mK : 0.0;
    config.ground_K = options.ambient_C + zeroCelsius_K;
    config.initial_K = data.outlet_C.front() + zeroCelsius_K;
    config.inlet_K = TimeProfile::samples(std::move(inlet), resample_s, "measured inlet");
    config.flow_kg_s = TimeProfile::samples(std::move(flow), resample_s, "measured flow");
    config.duration_s = std::ceil(end_s);
    config.outputStep_s = 1;
    config.hydraulicStep_s = 1;
    config.cellLength_m = options.cellLength_m;
    config.advection = options.advection;
    config.pipeModel = options.pipeModel;
    config.plugFlowDispersion = options.plugFlowDispersion;
    config.relativeTolerance = options.relativeTolerance;
    config.temperatureTolerance_K = options.temperatureTolerance_K;
    config.pipeLevel = options.pipeLevel;

    UlgResult r;
    const auto start = std::chrono::steady_clock::now();
    r.run = runSinglePipe(config);
    r.wallTime_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.cells = r.run.cells;

    std::vector<double> simC(r.run.outlet_K.size());
    for (std::size_t i = 0; i < simC.size(); ++i) {
        simC[i] = r.run.outlet_K[i] - zeroCelsius_K;
    }
    double sum = 0;
    for (std::size_t i = 0; i < data.time_s.size(); ++i) {
        const double sim = interpolate(r.run.time_s, simC, data.time_s[i]);
        r.simulatedAtSamples_C.push_back(sim);
        const double e = sim - data.outlet_C[i];
        sum += e * e;
        r.maxError_K = std::max(r.maxError_K, std::abs(e));
    }
    r.rmse_K = std::sqrt(sum / static_cast<double>(data.time_s.size()));
    // Rising front: midpoint between the initial outlet and the highest measured outlet.
    const double low = data.outlet_C.front();
    const double high = *std::max_element(data.outlet_C.begin(), data.outlet_C.end());
    const double level = 0.5 * (low + high);
    r.frontShift_s =
        crossingTime(r.run.time_s, simC, level) - crossingTime(data.time_s, data.outlet_C, level);
    return r;
}

namespace {

constexpr double pi = 3.14159265358979323846;

SinglePipeConfig dn100(const Numerics& n) {
    SinglePipeConfig c;
    c.name = "DN100 1 km";
    c.length_m = 1000;
    c.innerDiameter_m = 0.1071;
    c.flow_kg_s = TimeProfile::constant(2.0);
    c.cellLength_m = n.cellLength_m;
    c.cells = n.cells;
    c.advection = n.advection;
    c.pipeModel = n.pipeModel;
    c.relativeTolerance = n.relativeTolerance;
    c.temperatureTolerance_K = n.temperatureTolerance_K;
    c.pipeLevel = n.pipeLevel;
    c.ground_K = 283.15;
    c.initial_K = 283.15;
    return c;
}

double transitTime(const SinglePipeResult& r, const SinglePipeConfig& c, double flow_kg_s) {
    const double area = pi / 4 * c.innerDiameter_m * c.innerDiameter_m;
    return r.density_kg_m3 * area * c.length_m / flow_kg_s;
}

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

SteadyDecay steadyDecay(const Numerics& numerics) {
    SinglePipeConfig c = dn100(numerics);
    c.heatLossCoeff_W_mK = 0.3;
    c.inlet_K = TimeProfile::constant(353.15);
    c.initial_K = 353.15;
    c.duration_s = 4 * 4400;
    c.outputStep_s = 600;
    c.hydraulicStep_s = 600;
    const SinglePipeResult r = runSinglePipe(c);
    SteadyDecay d;
    d.simulated_K = r.outlet_K.back();
    d.exact_K = c.ground_K + (353.15 - c.ground_K) * std::exp(-c.length_m * c.heatLossCoeff_W_mK /
                                                              (2.0 * r.specificHeat_J_kgK));
    d.drop_K = 353.15 - d.exact_K;
    return d;
}

StepResponse stepResponse(const Numerics& numerics) {
    SinglePipeConfig c = dn100(numerics);
    c.inlet_K = TimeProfile::constant(353.15);
    c.initial_K = 283.15;
    c.duration_s = 8000;
    c.outputStep_s = 2;
    c.hydraulicStep_s = 2;
    const auto start = std::chrono::steady_clock::now();
    const SinglePipeResult r = runSinglePipe(c);
    StepResponse s;
    s.wallTime_s = seconds(start);
    s.cells = r.cells;
    s.transit_s = transitTime(r, c, 2.0);
    s.t10_s = crossingTime(r.time_s, r.outlet_K, 283.15 + 7.0);
    s.t50_s = crossingTime(r.time_s, r.outlet_K, 283.15 + 35.0);
    s.t90_s = crossingTime(r.time_s, r.outlet_K, 283.15 + 63.0);
    return s;
}

ErlangCheck erlangCheck(int cells, double relativeTolerance, double temperatureTolerance_K) {
    Numerics n;
    n.cells = cells;
    n.advection = "upwind";
    n.relativeTolerance = relativeTolerance;
    n.temperatureTolerance_K = temperatureTolerance_K;
    SinglePipeConfig c = dn100(n);
    c.length_m = 200;
    c.inlet_K = TimeProfile::constant(353.15);
    c.initial_K = 283.15;
    c.duration_s = 2000;
    c.outputStep_s = 5;
    c.hydraulicStep_s = 5;
    const SinglePipeResult r = runSinglePipe(c);
    ErlangCheck e;
    e.cells = r.cells;
    e.transit_s = transitTime(r, c, 2.0);
    const double scale = e.transit_s / r.cells;
    for (std::size_t i = 0; i < r.time_s.size(); ++i) {
        const double exact =
            283.15 + 70.0 * boost::math::gamma_p(static_cast<double>(r.cells), r.time_s[i] / scale);
        e.maxRelativeError = std::max(e.maxRelativeError, std::abs(r.outlet_K[i] - exact) / 70.0);
    }
    return e;
}

namespace {
double smoothInlet(double t) {
    const double rise = 1200;
    if (t <= 0) {
        return 303.15;
    }
    if (t >= rise) {
        return 343.15;
    }
    return 303.15 + 20.0 * (1 - std::cos(pi * t / rise));
}
} // namespace

SmoothTransport smoothTransport(const Numerics& numerics) {
    SinglePipeConfig c = dn100(numerics);
    std::vector<double> inlet;
    for (int i = 0; i <= 12000; ++i) {
        inlet.push_back(smoothInlet(i * 1.0));
    }
    c.inlet_K = TimeProfile::samples(inlet, 1.0, "raised cosine");
    c.initial_K = 303.15;
    c.duration_s = 7000;
    c.outputStep_s = 10;
    c.hydraulicStep_s = 10;
    const auto start = std::chrono::steady_clock::now();
    const SinglePipeResult r = runSinglePipe(c);
    SmoothTransport s;
    s.wallTime_s = seconds(start);
    s.cells = r.cells;
    const double tau = transitTime(r, c, 2.0);
    for (std::size_t i = 0; i < r.time_s.size(); ++i) {
        s.maxError_K =
            std::max(s.maxError_K, std::abs(r.outlet_K[i] - smoothInlet(r.time_s[i] - tau)));
    }
    return s;
}

} // namespace heatnet::validation
