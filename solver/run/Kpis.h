#pragma once
// Key performance indicators of a run, computed once from the run's energy totals: what a
// territory asks (waste-heat share, backup, unmet heat, losses, pumping, CO2, cost of heat,
// full-load hours of each source) and the energy balance residual. Units, labels and sentences
// come from the KPI catalogue (solver/run/KpiCatalogue.h), whose order the KPIs follow.
// Definitions: docs/models.md, "Costs and KPIs".
#include "solver/input/Scenario.h"
#include "solver/run/Simulation.h"

#include <string>
#include <vector>

namespace heatnet {

//! One indicator, in the unit people read (MWh, %, t CO2).
struct Kpi {
    std::string name; //!< identifier (HDF5 dataset name)
    double value = 0;
    std::string unit;        //!< "MWh", "%", "h", "t", "EUR/MWh", ...
    std::string description; //!< plain language (the catalogue's English sentence)
};

//! Computes the KPIs of a run, in the catalogue's order.
std::vector<Kpi> computeKpis(const Scenario& scenario, const RunTotals& totals);

//! Annuity factor a = r / (1 − (1 + r)^−n): the share of a capital paid back each year over
//! `years` at the discount rate `rate` (1/n when r = 0).
double annuityFactor(double rate, double years);

//! Capital cost per installed watt [EUR/W] of a source, by type (factors: boiler, waste-heat
//! recovery exchanger, heat pump).
double sourceCapitalCost_EUR_W(const Factors& factors, const SourceSpec& source);

//! Value of the KPI `name`; throws Error if absent.
double kpiValue(const std::vector<Kpi>& kpis, const std::string& name);

} // namespace heatnet
