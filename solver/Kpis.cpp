#include "solver/Kpis.h"

#include "solver/Error.h"

#include <algorithm>
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
    add("low_supply_hours", t.lowSupplyHours_h, "h",
        "hours with a substation supplied below its minimum supply temperature");
    add("heat_from_sources", t.sources_J / joulesPerMWh, "MWh", "heat put into the network");

    // Per-source sums. Waste heat is what the sources take from industry
    // (SourceInputs::wasteHeat_W): all the heat of a recovery exchanger, a heat pump's heat less
    // its electricity. Backup: fuel boilers.
    double wasteHeat = 0, gasFuel = 0, biomassFuel = 0, backupHeat = 0, sourceElectricity = 0;
    double backupHours = 0, plantCapital = 0;
    std::vector<Kpi> fullLoadHours;
    std::size_t index = 0;
    for (const PlantSpec& plant : scenario.plants) {
        for (const SourceSpec& source : plant.sources) {
            const HeatSource& model = *source.model;
            const std::string fuel = model.fuel();
            const double heat = t.sourceHeat_J[index];
            if (index < t.sourceWasteHeat_J.size()) {
                wasteHeat += t.sourceWasteHeat_J[index];
            }
            if (fuel == "gas" || fuel == "biomass") {
                backupHeat += heat;
                (fuel == "gas" ? gasFuel : biomassFuel) += t.sourceFuel_J[index];
                if (index < t.sourceRunningHours_h.size()) {
                    backupHours = std::max(backupHours, t.sourceRunningHours_h[index]);
                }
            }
            sourceElectricity += t.sourceElectricity_J[index];
            const double capacity = model.capacity();
            plantCapital += capacity * sourceCapitalCost_EUR_W(f, source);
            fullLoadHours.push_back(
                {"full_load_hours_" + source.id, capacity > 0 ? heat / capacity / 3600.0 : 0.0, "h",
                 "full-load hours of " + source.id + ": its heat / its capacity"});
            ++index;
        }
    }
    add("waste_heat", wasteHeat / joulesPerMWh, "MWh",
        "recovered industrial waste heat (heat pumps: less their electricity)");
    add("waste_heat_share", t.sources_J > 0 ? 100 * wasteHeat / t.sources_J : 0.0, "%",
        "EnR&R share: waste heat / heat into the network (= share of heat delivered)");
    add("waste_heat_over_delivered", t.delivered_J > 0 ? 100 * wasteHeat / t.delivered_J : 0.0, "%",
        "waste heat / heat delivered (it also covers pipe losses)");
    add("backup_heat", backupHeat / joulesPerMWh, "MWh", "heat from fuel boilers");
    add("backup_hours", backupHours, "h", "hours the most-used fuel boiler ran");
    add("gas_fuel", gasFuel / joulesPerMWh, "MWh", "gas burnt (lower heating value)");
    if (biomassFuel > 0) {
        add("biomass_fuel", biomassFuel / joulesPerMWh, "MWh",
            "biomass burnt (lower heating value)");
    }
    add("pipe_losses", t.losses_J / joulesPerMWh, "MWh", "heat lost from the pipes");
    add("pipe_losses_share", t.sources_J > 0 ? 100 * t.losses_J / t.sources_J : 0.0, "%",
        "pipe losses as a share of the heat put into the network");
    add("heat_pump_electricity", sourceElectricity / joulesPerMWh, "MWh",
        "electricity of the heat pumps (sources)");
    add("pump_electricity", t.pump_J / joulesPerMWh, "MWh", "electricity of the network pumps");
    const double totalElectricity = sourceElectricity + t.pump_J;
    const double emitted = gasFuel * f.gasEmission_kg_J + biomassFuel * f.biomassEmission_kg_J +
                           totalElectricity * f.electricityEmission_kg_J;
    const double reference = t.delivered_J / f.referenceBoilerEfficiency * f.gasEmission_kg_J;
    const double deliveredMWh = t.delivered_J / joulesPerMWh;
    auto perMWh = [&](double amount) { return deliveredMWh > 0 ? amount / deliveredMWh : 0.0; };
    add("co2_emitted", emitted / 1000, "t", "CO2 from fuel and electricity");
    add("co2_reference", reference / 1000, "t",
        "CO2 if the same heat came from individual gas boilers");
    add("co2_avoided", (reference - emitted) / 1000, "t", "CO2 avoided against the reference");
    add("co2_per_mwh", perMWh(emitted), "kg/MWh", "CO2 per MWh delivered");

    // Cost of heat: energy bought plus capital annuities, the annuities charged for the
    // simulated fraction of a year.
    const double energyCost = gasFuel * f.gasPrice_EUR_J + biomassFuel * f.biomassPrice_EUR_J +
                              totalElectricity * f.electricityPrice_EUR_J +
                              wasteHeat * f.wasteHeatPrice_EUR_J;
    double pipeCapital = 0;
    for (const PipeSpec& pipe : scenario.pipes) {
        pipeCapital += pipe.length_m * pipe.cost_EUR_m;
    }
    const double annuity = pipeCapital * annuityFactor(f.discountRate, f.pipeLifetime_a) +
                           plantCapital * annuityFactor(f.discountRate, f.plantLifetime_a);
    const double capitalCost = annuity * years;
    add("energy_cost", energyCost / 1000, "kEUR",
        "fuel, electricity and waste heat bought over the period");
    add("energy_cost_per_mwh", perMWh(energyCost), "EUR/MWh",
        "fuel, electricity and waste heat bought, per MWh delivered");
    add("pipe_capital", pipeCapital / 1000, "kEUR", "pipe investment: length x cost per metre");
    add("plant_capital", plantCapital / 1000, "kEUR",
        "source investment: capacity x capital cost per kW");
    add("capital_annuity", annuity / 1000, "kEUR/a",
        "yearly annuity of the pipe and plant investment");
    add("capital_cost_per_mwh", perMWh(capitalCost), "EUR/MWh",
        "capital annuities over the period per MWh delivered");
    add("heat_cost_per_mwh", perMWh(capitalCost + energyCost), "EUR/MWh",
        "cost of heat: capital annuities plus energy bought, per MWh delivered");
    add("energy_balance_residual", t.balanceResidual_J / joulesPerMWh, "MWh",
        "sources − delivered − losses − change of stored heat (should be ~0)");
    add("energy_balance_residual_relative",
        t.delivered_J > 0 ? 100 * std::abs(t.balanceResidual_J) / t.delivered_J : 0.0, "%",
        "|residual| as a share of the heat delivered");
    add("stored_heat_change", t.storedChange_J / joulesPerMWh, "MWh",
        "change of heat stored in the network water and walls");
    if (!t.storageCapacity_J.empty()) {
        double charged = 0, discharged = 0, capacity = 0;
        for (std::size_t i = 0; i < t.storageCapacity_J.size(); ++i) {
            charged += t.storageCharge_J[i];
            discharged += t.storageDischarge_J[i];
            capacity += t.storageCapacity_J[i];
        }
        add("storage_charged", charged / joulesPerMWh, "MWh",
            "surplus waste heat put into the storage tanks");
        add("storage_discharged", discharged / joulesPerMWh, "MWh",
            "heat the storage tanks gave to the network");
        add("storage_losses", t.storageLosses_J / joulesPerMWh, "MWh",
            "heat lost by the storage tanks to ambient");
        add("storage_cycles", capacity > 0 ? discharged / capacity : 0.0, "1",
            "equivalent full cycles: heat discharged / heat between empty and full tanks");
    }
    add("simulated_years", years, "a", "length of the simulated period");
    k.insert(k.end(), fullLoadHours.begin(), fullLoadHours.end());
    return k;
}

double annuityFactor(double rate, double years) {
    if (!(years > 0)) {
        throw Error("annuity over a non-positive lifetime");
    }
    if (rate == 0) {
        return 1.0 / years;
    }
    return rate / (1.0 - std::pow(1.0 + rate, -years));
}

double sourceCapitalCost_EUR_W(const Factors& factors, const SourceSpec& source) {
    if (source.type.find("heat_pump") != std::string::npos) {
        return factors.heatPumpCapital_EUR_W;
    }
    if (source.model && !source.model->fuel().empty()) {
        return factors.boilerCapital_EUR_W;
    }
    if (source.model && source.model->isWasteHeat()) {
        return factors.wasteHeatCapital_EUR_W;
    }
    return factors.boilerCapital_EUR_W;
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
