#include "solver/run/Kpis.h"

#include "solver/Error.h"
#include "solver/run/KpiCatalogue.h"

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {
constexpr double joulesPerMWh = 3.6e9;
} // namespace

std::vector<Kpi> computeKpis(const Scenario& scenario, const RunTotals& t) {
    const Factors& f = scenario.factors;
    std::vector<Kpi> k;
    // Unit and texts come from the KPI catalogue (solver/run/KpiCatalogue.h): one place for them.
    auto add = [&](const std::string& id, double value) {
        const KpiText text = kpiText(id);
        k.push_back({text.id, value, text.unit, text.sentenceEn});
    };
    const double years = scenario.simulation.duration_s / (8760 * 3600.0);
    add("heat_demand", t.demand_J / joulesPerMWh);
    add("heat_delivered", t.delivered_J / joulesPerMWh);
    double trench_m = 0;
    for (const PipeSpec& pipe : scenario.pipes) {
        trench_m += pipe.length_m;
    }
    add("heat_density",
        trench_m > 0 && years > 0 ? t.delivered_J / joulesPerMWh / trench_m / years : 0.0);
    add("unmet_heat", (t.demand_J - t.delivered_J) / joulesPerMWh);
    add("unmet_hours", t.unmetHours_h);
    add("low_supply_hours", t.lowSupplyHours_h);
    add("heat_from_sources", t.sources_J / joulesPerMWh);

    // Per-source sums. Waste heat is what the sources take from industry
    // (SourceInputs::wasteHeat_W): all the heat of a recovery exchanger, a heat pump's heat less
    // its electricity. Backup: fuel boilers.
    double wasteHeat = 0, gasFuel = 0, biomassFuel = 0, backupHeat = 0, sourceElectricity = 0;
    double backupHours = 0, plantCapital = 0;
    std::vector<std::pair<std::string, double>> fullLoadHours; // source id, hours
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
            fullLoadHours.emplace_back(source.id, capacity > 0 ? heat / capacity / 3600.0 : 0.0);
            ++index;
        }
    }
    add("waste_heat", wasteHeat / joulesPerMWh);
    add("waste_heat_share", t.sources_J > 0 ? 100 * wasteHeat / t.sources_J : 0.0);
    add("waste_heat_over_delivered", t.delivered_J > 0 ? 100 * wasteHeat / t.delivered_J : 0.0);
    add("backup_heat", backupHeat / joulesPerMWh);
    add("backup_hours", backupHours);
    add("gas_fuel", gasFuel / joulesPerMWh);
    if (biomassFuel > 0) {
        add("biomass_fuel", biomassFuel / joulesPerMWh);
    }
    add("pipe_losses", t.losses_J / joulesPerMWh);
    add("pipe_losses_share", t.sources_J > 0 ? 100 * t.losses_J / t.sources_J : 0.0);
    add("heat_pump_electricity", sourceElectricity / joulesPerMWh);
    add("pump_electricity", t.pump_J / joulesPerMWh);
    const double totalElectricity = sourceElectricity + t.pump_J;
    const double emitted = gasFuel * f.gasEmission_kg_J + biomassFuel * f.biomassEmission_kg_J +
                           totalElectricity * f.electricityEmission_kg_J;
    const double reference = t.delivered_J / f.referenceBoilerEfficiency * f.gasEmission_kg_J;
    const double deliveredMWh = t.delivered_J / joulesPerMWh;
    auto perMWh = [&](double amount) { return deliveredMWh > 0 ? amount / deliveredMWh : 0.0; };
    add("co2_emitted", emitted / 1000);
    add("co2_reference", reference / 1000);
    add("co2_avoided", (reference - emitted) / 1000);
    add("co2_per_mwh", perMWh(emitted));

    // Cost of heat: energy bought plus capital annuities, the annuities charged for the
    // simulated fraction of a year.
    const double energyCost = gasFuel * f.gasPrice_EUR_J + biomassFuel * f.biomassPrice_EUR_J +
                              totalElectricity * f.electricityPrice_EUR_J +
                              wasteHeat * f.wasteHeatPrice_EUR_J;
    double pipeCapital = 0;
    for (const PipeSpec& pipe : scenario.pipes) {
        pipeCapital += pipe.length_m * pipe.cost_EUR_m;
    }
    // Hot-water tanks: volume × cost per m3 (docs/models.md says where the default comes from).
    double storageCapital = 0;
    for (const PlantSpec& plant : scenario.plants) {
        if (plant.storage) {
            storageCapital += plant.storage->volume_m3 * f.storageCapital_EUR_m3;
        }
    }
    const double annuity = pipeCapital * annuityFactor(f.discountRate, f.pipeLifetime_a) +
                           plantCapital * annuityFactor(f.discountRate, f.plantLifetime_a) +
                           storageCapital * annuityFactor(f.discountRate, f.storageLifetime_a);
    const double capitalCost = annuity * years;
    add("energy_cost", energyCost / 1000);
    add("energy_cost_per_mwh", perMWh(energyCost));
    add("pipe_capital", pipeCapital / 1000);
    add("plant_capital", plantCapital / 1000);
    add("storage_capital", storageCapital / 1000);
    add("capital_annuity", annuity / 1000);
    add("capital_cost_per_mwh", perMWh(capitalCost));
    add("heat_cost_per_mwh", perMWh(capitalCost + energyCost));
    add("energy_balance_residual", t.balanceResidual_J / joulesPerMWh);
    add("energy_balance_residual_relative",
        t.delivered_J > 0 ? 100 * std::abs(t.balanceResidual_J) / t.delivered_J : 0.0);
    add("stored_heat_change", t.storedChange_J / joulesPerMWh);
    if (!t.storageCapacity_J.empty()) {
        double charged = 0, discharged = 0, capacity = 0;
        for (std::size_t i = 0; i < t.storageCapacity_J.size(); ++i) {
            charged += t.storageCharge_J[i];
            discharged += t.storageDischarge_J[i];
            capacity += t.storageCapacity_J[i];
        }
        add("storage_charged", charged / joulesPerMWh);
        add("storage_discharged", discharged / joulesPerMWh);
        add("storage_losses", t.storageLosses_J / joulesPerMWh);
        add("storage_cycles", capacity > 0 ? discharged / capacity : 0.0);
    }
    add("simulated_years", years);
    add("warnings", static_cast<double>(t.warnings.size()));
    for (const auto& [sourceId, hours] : fullLoadHours) {
        add("full_load_hours_" + sourceId, hours);
    }
    // One reading order everywhere: the catalogue's (per-source entries keep the plants' order).
    std::stable_sort(k.begin(), k.end(), [](const Kpi& a, const Kpi& b) {
        return kpiText(a.name).order < kpiText(b.name).order;
    });
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
