#pragma once
// One result file read back for comparisons (heatnet report, later sweeps): the KPIs, the hourly
// heat of each source, demand and outdoor temperature, the network layout of /geometry and the
// stored scenario text. Reading checks that the file is a heatnet result and says what is wrong
// (InputError naming the file: a result is the report's input).
#include "solver/run/Kpis.h"

#include <filesystem>
#include <string>
#include <vector>

namespace heatnet {

//! A source as the result file describes it.
struct ResultSource {
    std::string id, kind, plant; //!< kind: waste_heat, heat_pump, gas, biomass, other
    std::vector<double> heat_W;  //!< mean heat over each output step [W]
    //! True for recovered heat (waste heat and heat pumps).
    bool recovered() const { return kind == "waste_heat" || kind == "heat_pump"; }
};

//! The network layout (empty when the file predates /geometry).
struct ResultGeometry {
    std::vector<std::string> nodeIds, nodeKinds;
    std::vector<double> x_m, y_m;
    std::vector<bool> hasCoordinates;
    std::vector<std::string> pipeIds, pipeFrom, pipeTo;
    std::vector<double> pipeDn, pipeLength_m;
    std::vector<double> pipeLoss_MWh;     //!< supply + return over the run (empty if no /pipes)
    std::vector<double> pipeMeanSupply_C; //!< time-mean supply inlet temperature [degC]
    std::vector<std::string> substationIds, substationNodes;
    std::vector<double> substationDemand_MWh; //!< over the run
    //! True when there is something to draw.
    bool drawable() const;
};

//! One result file.
struct ScenarioResult {
    std::filesystem::path path;
    std::string name;           //!< scenario name
    std::string description;    //!< scenario description line (may be empty)
    std::string scenarioText;   //!< the YAML text the run was made from
    std::string timeUnits;      //!< "hours since YYYY-MM-DD HH:MM:SS"
    std::vector<double> time_h; //!< end of each output step, hours since start
    double step_h = 1;          //!< output step
    std::vector<Kpi> kpis;      //!< as stored (catalogue order when known)
    std::vector<ResultSource> sources;
    std::vector<double> demand_W, delivered_W, unmet_W, outdoor_C; //!< network totals per step
    ResultGeometry geometry;
    //! Value of KPI `id`, NaN if the file has none.
    double kpi(const std::string& id) const;
};

//! Reads `path`; throws InputError naming the file if it cannot be read or is not a heatnet
//! result.
ScenarioResult readScenarioResult(const std::filesystem::path& path);

//! Throws InputError unless all results cover the same period (start, step, length).
void requireSamePeriod(const std::vector<ScenarioResult>& results);

} // namespace heatnet
