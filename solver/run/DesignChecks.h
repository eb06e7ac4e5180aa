#pragma once
// Warnings that need no run (`heatnet check`, and again at the end of `heatnet run`): a plant's
// set point below a substation's design return, sources whose capacity cannot cover the design
// hour; and (at `check` only: a run sees the real hours) the hydraulic limits at the design hour.
//
// The design hour is the output step of the run (hour long at most) with the largest total mean
// demand Σ_c Q̄_c. At it every substation draws the flow its controller sets for that demand at
// the balancing plant's set point, factory plants with a prescribed flow stand still (the
// balancing plant feeds everything: the largest flows its pipes can see), supply pipes are at the
// set point and return pipes at the substations' mean design return.
#include "solver/input/Scenario.h"
#include "solver/network/Hydraulics.h"
#include "solver/network/Network.h"
#include "solver/run/WarningCatalogue.h"
#include "solver/thermal/ThermalSystem.h"

#include <vector>

namespace heatnet {

//! The step of the run with the largest total demand.
struct DesignHour {
    double time_s = 0;   //!< end of the step [s from the start]
    double demand_W = 0; //!< total mean demand over it [W]
};

//! Finds the design hour (demands evaluated step by step over the whole run).
DesignHour findDesignHour(const Scenario& scenario, const ThermalSystem& thermal);

//! Set points against design returns, capacity against the design hour.
std::vector<Warning> scenarioWarnings(const Scenario& scenario, const ThermalSystem& thermal);

//! Pressures, velocities and pressure gradients at the design hour.
std::vector<Warning> designHourWarnings(const Scenario& scenario, const Network& network,
                                        const Hydraulics& hydraulics, const ThermalSystem& thermal);

} // namespace heatnet
