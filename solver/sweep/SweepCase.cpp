#include "solver/sweep/SweepCase.h"

#include "solver/Error.h"
#include "solver/run/Kpis.h"
#include "solver/run/Simulation.h"
#include "solver/sweep/SweepReader.h"

#include <fmt/format.h>

#include <array>

namespace heatnet {

namespace {

//! Keeps the network totals of each output step (when the sweep asks for series).
class TotalsSink : public ResultSink {
public:
    explicit TotalsSink(bool keep) : m_keep(keep) {}
    void begin(const Scenario&) override {}
    void record(const StepRecord& s) override {
        if (!m_keep) {
            return;
        }
        times_h.push_back(s.time_s / 3600);
        const double values[] = {s.demand_W_total, s.delivered_W_total, s.unmet_W_total,
                                 s.sources_W,      s.losses_W,          s.pumpPower_W};
        for (std::size_t i = 0; i < columns.size(); ++i) {
            columns[i].push_back(values[i]);
        }
    }
    void finish(const RunTotals&) override {}
    //! Network totals only: the run need not fill the per-pipe series.
    bool reads(std::vector<double> StepRecord::*) const override { return false; }

    //! Names, units and meanings of the kept totals (the order of record()'s values).
    static constexpr const char* kNames[6][3] = {
        {"heat_demand", "W", "heat demand of all substations, mean over the step"},
        {"heat_delivered", "W", "heat delivered by all substations, mean over the step"},
        {"unmet_heat", "W", "heat asked for but not delivered, mean over the step"},
        {"heat_from_sources", "W", "heat put into the network, mean over the step"},
        {"pipe_losses", "W", "heat lost from the pipes, mean over the step"},
        {"pump_power", "W", "electric power of the network pumps, mean over the step"}};
    std::vector<double> times_h;
    std::array<std::vector<double>, 6> columns;

private:
    bool m_keep;
};

} // namespace

CaseRecord emptyRecord(const SweepDefinition& sweep, std::size_t index) {
    CaseRecord record;
    record.index = index;
    const std::vector<std::size_t>& levels = sweep.cases.at(index);
    for (std::size_t p = 0; p < sweep.parameters.size(); ++p) {
        record.parameterTexts.push_back(sweep.parameters[p].texts[levels[p]]);
        record.parameterNumbers.push_back(sweep.parameters[p].numbers[levels[p]]);
    }
    return record;
}

CaseRecord runSweepCase(const SweepDefinition& sweep, std::size_t index,
                        const std::atomic<bool>* cancel) {
    CaseRecord record = emptyRecord(sweep, index);
    try {
        const Scenario scenario = caseScenario(sweep, index);
        Simulation simulation(scenario);
        TotalsSink sink(sweep.series);
        RunOptions options;
        options.cancel = cancel;
        const RunTotals totals = simulation.run(sink, options);
        record.kpis = computeKpis(scenario, totals);
        record.done = true;
        if (sweep.series) {
            record.seriesStart = scenario.simulation.start;
            record.seriesTimes_h = std::move(sink.times_h);
            for (std::size_t i = 0; i < sink.columns.size(); ++i) {
                record.series.push_back({TotalsSink::kNames[i][0], TotalsSink::kNames[i][1],
                                         TotalsSink::kNames[i][2], std::move(sink.columns[i])});
            }
        }
    } catch (const std::exception& e) {
        if (cancel && cancel->load()) {
            throw;
        }
        record.done = false;
        record.kpis.clear();
        record.message = e.what();
    }
    return record;
}

} // namespace heatnet
