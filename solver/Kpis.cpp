#include "solver/Kpis.h"

#include "solver/Error.h"

#include <cmath>

namespace heatnet {

namespace {
constexpr double joulesPerMWh = 3.6e9;
} // namespace

std::vector<Kpi> computeKpis(const Scenario& scenario, const RunTotals& t) {
    const Factors& f = scenario.factors;
    std::vector<Kpi> k;
    auto add = [&](std::string name, double value, std::string unit, std::string description) {
        k.push_back({std::move(name), value, std::move(unit), std::move(description)});
    };
    const double years = scenario.simulation.duration_s / (8760 * 3600.0);
    add("heat_demand", t.demand_J / joulesPerMWh, "MWh", "heat the buildings asked for");
    add("heat_delivered", t.delivered_J / joulesPerMWh, "MWh", "heat the substations delivered");
    add("unmet_heat", (t.demand_J - t.delivered_J) / joulesPerMWh, "MWh",
        "heat asked for but not delivered");
    add("unmet_hours", t.unmetHours_h, "h", "hours with more than 0.5 % of the demand unmet");
    add("heat_from_sources", t.sources_J / joulesPerMWh, "MWh", "heat put into the network");

    double wasteHeat = 0, gasFuel = 0, biomassFuel = 0, backupHeat = 0, electricity = 0;
    double backupHours = 0;
    std::size_t index = 0;
    for (const PlantSpec& plant : scenario.plants) {
        for (const SourceSpec& source : plant.sources) {
            const HeatSource& model = *source.model;
            if (model.isWasteHeat()) {
                wasteHeat += t.sourceHeat_J[index];
            } else if (model.fuel() == "gas" || model.fuel() == "biomass") {
                backupHeat += t.sourceHeat_J[index];
                if (!t.sourceRunningHours_h.empty()) {
                    backupHours = std::max(backupHours, t.sourceRunningHours_h[index]);
                }
            }
            (model.fuel() == "biomass" ? biomassFuel : gasFuel) +=
                model.fuel() == "biomass" || model.fuel() == "gas" ? t.sourceFuel_J[index] : 0.0;
            electricity += t.sourceElectricity_J[index];
            ++index;
        }
    }
    const double share = t.sources_J > 0 ? wasteHeat / t.sources_J : 0.0;
    add("waste_heat", wasteHeat / joulesPerMWh, "MWh", "recovered industrial waste heat used");
    add("waste_heat_share", 100 * share, "%",
        "share of the heat put into the network that is recovered waste heat (EnR&R)");
    add("backup_heat", backupHeat / joulesPerMWh, "MWh", "heat from fuel boilers");
    add("backup_hours", backupHours, "h", "hours a backup boiler ran");
    add("gas_fuel", gasFuel / joulesPerMWh, "MWh", "gas burnt (lower heating value)");
    add("pipe_losses", t.losses_J / joulesPerMWh, "MWh", "heat lost from the pipes");
    add("pipe_losses_share", t.sources_J > 0 ? 100 * t.losses_J / t.sources_J : 0.0, "%",
        "pipe losses as a share of the heat put into the network");
    add("pump_electricity", t.pump_J / joulesPerMWh, "MWh", "electricity of the network pumps");
    const double totalElectricity = electricity + t.pump_J;
    const double emitted = gasFuel * f.gasEmission_kg_J + biomassFuel * f.biomassEmission_kg_J +
                           totalElectricity * f.electricityEmission_kg_J;
    const double reference = t.delivered_J / f.referenceBoilerEfficiency * f.gasEmission_kg_J;
    add("co2_emitted", emitted / 1000, "t", "CO2 from fuel and electricity");
    add("co2_reference", reference / 1000, "t",
        "CO2 if the same heat came from individual gas boilers");
    add("co2_avoided", (reference - emitted) / 1000, "t", "CO2 avoided against the reference");
    add("co2_per_mwh", t.delivered_J > 0 ? emitted / (t.delivered_J / joulesPerMWh) : 0.0,
        "kg/MWh", "CO2 per MWh delivered");
    const double energyCost = gasFuel * f.gasPrice_EUR_J + totalElectricity * f.electricityPrice_EUR_J +
                              wasteHeat * f.wasteHeatPrice_EUR_J;
    add("energy_cost_per_mwh",
        t.delivered_J > 0 ? energyCost / (t.delivered_J / joulesPerMWh) : 0.0, "EUR/MWh",
        "fuel, electricity and waste heat bought, per MWh delivered");
    add("energy_balance_residual", t.balanceResidual_J / joulesPerMWh, "MWh",
        "sources − delivered − losses − change of stored heat (should be ~0)");
    add("energy_balance_residual_relative",
        t.delivered_J > 0 ? 100 * std::abs(t.balanceResidual_J) / t.delivered_J : 0.0, "%",
        "|residual| as a share of the heat delivered");
    add("stored_heat_change", t.storedChange_J / joulesPerMWh, "MWh",
        "change of heat stored in the network water and walls");
    add("simulated_years", years, "a", "length of the simulated period");
    return k;
}

double kpiValue(const std::vector<Kpi>& kpis, const std::string& name) {
    for (const Kpi& kpi : kpis) {
        if (kpi.name == name) {
            return kpi.value;
        }
    }
    throw Error("no KPI named '" + name + "'");
}

} // namespace heatnet
