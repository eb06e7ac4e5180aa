#pragma once
// Warnings from what a run showed, gathered output step by output step: the hydraulic limits
// (solver/network/HydraulicChecks.h) at every output time, substations whose unmet heat exceeds a
// share of their demand, pipes without flow all along, pipes whose flow runs both ways, plants that
// never deliver heat, storage tanks whose layers went beyond the hottest water that can enter.
// Catalogue and thresholds: solver/run/WarningCatalogue.h, docs/warnings.md.
#include "solver/input/Scenario.h"
#include "solver/network/HydraulicChecks.h"
#include "solver/network/Network.h"
#include "solver/run/WarningCatalogue.h"

#include <vector>

namespace heatnet {

struct StepRecord;
struct RunTotals;

//! Accumulates the figures the run warnings need.
class RunChecks {
public:
    RunChecks(const Scenario& scenario, const Network& network);
    //! One output step of `stepLength_s` ending at record.time_s.
    void observe(const StepRecord& record, double stepLength_s);
    //! The warnings of the run, from the steps observed and the run's totals.
    std::vector<Warning> warnings(const RunTotals& totals) const;

private:
    struct PipeFlow {
        double largest_kg_s = 0;  //!< largest |ṁ|
        double largestTime_s = 0; //!< when
        double forward_h = 0;     //!< hours flowing from → to above the minimum flow
        double backward_h = 0;    //!< hours flowing to → from above the minimum flow
        int firstDirection = 0;   //!< +1 / −1: the first direction seen; 0 none yet
        double reversal_s = -1;   //!< first time the other direction was seen (−1: never)
    };
    const Scenario& m_scenario;
    const Network& m_network;
    HydraulicChecks m_hydraulics;
    std::vector<PipeFlow> m_pipes;
    std::vector<double> m_largestUnmet_W, m_largestUnmetTime_s; //!< per substation
    //! Per plant with a tank (file order): its hottest layer above max_temperature [K], when.
    std::vector<double> m_tankExcess_K, m_tankExcessTime_s;
};

} // namespace heatnet
