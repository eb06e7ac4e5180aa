#include "solver/output/OutputCatalogue.h"

#include <string>

namespace heatnet {

namespace {

using R = StepRecord;

//! The accessor of a per-element field of StepRecord.
template <std::vector<double> StepRecord::*field>
std::span<const double> each(const StepRecord& r) {
    return r.*field;
}

//! The accessor of a network-total field of StepRecord (one value).
template <double StepRecord::*field> std::span<const double> total(const StepRecord& r) {
    return {&(r.*field), 1};
}

std::vector<OutputGroupSpec> buildGroups() {
    return {
        {"network", "", "network totals over time"},
        {"substations", "substation", "series per substation"},
        {"sources", "source", "series per source"},
        {"plants", "plant", "series per plant"},
        {"nodes", "node", "series per node"},
        {"pipes", "pipe", "series per pipe (the bulk of a large network's file)"},
        {"storage", "storage", "series per storage tank (plants with a tank)"},
    };
}

std::vector<OutputSeriesSpec> buildSeries() {
    return {
        {"network", "heat_from_sources", "", "W", "heat put into the network by all sources",
         total<&R::sources_W>},
        {"network", "heat_delivered", "", "W", "heat delivered by all substations",
         total<&R::delivered_W_total>},
        {"network", "heat_demand", "", "W", "heat demanded by all substations",
         total<&R::demand_W_total>},
        {"network", "unmet_heat", "", "W", "heat demanded but not delivered",
         total<&R::unmet_W_total>},
        {"network", "pipe_losses", "", "W", "heat lost by all supply and return pipes",
         total<&R::losses_W>},
        {"network", "pump_power", "", "W", "electric power of the network pumps",
         total<&R::pumpPower_W>},
        {"network", "pump_head", "", "Pa", "pressure rise of the balancing plant's pump",
         total<&R::pumpHead_Pa>},
        {"network", "stored_heat_change", "", "J", "heat stored in the network since start",
         total<&R::storedHeat_J>},
        {"network", "energy_balance_residual", "", "J",
         "cumulative sources - delivered - losses - stored heat change",
         total<&R::balanceResidual_J>},
        {"network", "outdoor_temperature", "", "degC", "outdoor air temperature",
         total<&R::outdoor_K>},

        {"substations", "heat_demand", "substation", "W", "heat demanded", each<&R::demand_W>},
        {"substations", "heat_delivered", "substation", "W", "heat delivered",
         each<&R::delivered_W>},
        {"substations", "unmet_heat", "substation", "W", "heat demanded but not delivered",
         each<&R::unmet_W>},
        {"substations", "supply_temperature", "substation", "degC",
         "supply temperature arriving at the substation", each<&R::consumerSupply_K>},
        {"substations", "return_temperature", "substation", "degC",
         "return temperature leaving the substation", each<&R::consumerReturn_K>},
        {"substations", "mass_flow", "substation", "kg/s", "primary mass flow",
         each<&R::consumerFlow_kg_s>},

        {"sources", "heat", "source", "W", "heat delivered to the network", each<&R::sourceHeat_W>},
        {"sources", "fuel", "source", "W", "fuel used (lower heating value)",
         each<&R::sourceFuel_W>},
        {"sources", "electricity", "source", "W", "electricity used",
         each<&R::sourceElectricity_W>},
        {"sources", "waste_heat", "source", "W", "industrial waste heat taken",
         each<&R::sourceWasteHeat_W>},
        {"sources", "availability", "source", "1", "1 available, 0 stopped",
         each<&R::sourceAvailability>},

        {"plants", "supply_temperature", "plant", "degC", "supply temperature leaving",
         each<&R::plantSupply_K>},
        {"plants", "return_temperature", "plant", "degC", "return temperature arriving",
         each<&R::plantReturn_K>},
        {"plants", "set_point", "plant", "degC", "supply temperature set point",
         each<&R::plantSetPoint_K>},
        {"plants", "mass_flow", "plant", "kg/s", "mass flow through the plant",
         each<&R::plantFlow_kg_s>},

        // Node elevations (which enter these pressures) are in /geometry.
        {"nodes", "supply_pressure", "node", "Pa",
         "gauge pressure in the supply line (elevation included)", each<&R::nodeSupplyPressure_Pa>},
        {"nodes", "return_pressure", "node", "Pa",
         "gauge pressure in the return line (elevation included)", each<&R::nodeReturnPressure_Pa>},

        {"pipes", "mass_flow", "pipe", "kg/s", "supply mass flow, positive from 'from' to 'to'",
         each<&R::pipeFlow_kg_s>},
        {"pipes", "return_mass_flow", "pipe", "kg/s",
         "return mass flow, positive from 'to' back to 'from' (solved on its own: equal to "
         "mass_flow in a tree, its own split in loops)",
         each<&R::returnFlow_kg_s>},
        {"pipes", "supply_inlet_temperature", "pipe", "degC", "supply pipe inlet",
         each<&R::supplyInlet_K>},
        {"pipes", "supply_outlet_temperature", "pipe", "degC", "supply pipe outlet",
         each<&R::supplyOutlet_K>},
        {"pipes", "return_inlet_temperature", "pipe", "degC", "return pipe inlet",
         each<&R::returnInlet_K>},
        {"pipes", "return_outlet_temperature", "pipe", "degC", "return pipe outlet",
         each<&R::returnOutlet_K>},
        {"pipes", "supply_heat_loss", "pipe", "W", "heat lost by the supply pipe",
         each<&R::supplyLoss_W>},
        {"pipes", "return_heat_loss", "pipe", "W", "heat lost by the return pipe",
         each<&R::returnLoss_W>},
        {"pipes", "supply_pressure_drop", "pipe", "Pa", "supply pipe pressure drop",
         each<&R::supplyDrop_Pa>},
        {"pipes", "return_pressure_drop", "pipe", "Pa", "return pipe pressure drop",
         each<&R::returnDrop_Pa>},
        {"pipes", "ground_temperature", "pipe", "degC", "undisturbed ground temperature",
         each<&R::ground_K>},

        {"storage", "state_of_charge", "storage", "1",
         "state of charge, 0 at min_temperature, 1 at max_temperature", each<&R::storageSoc>},
        {"storage", "charge_power", "storage", "W", "surplus waste heat into the tank",
         each<&R::storageCharge_W>},
        {"storage", "discharge_power", "storage", "W", "heat from the tank to the plant",
         each<&R::storageDischarge_W>},
        {"storage", "heat_loss", "storage", "W", "heat lost by the tank to ambient",
         each<&R::storageLoss_W>},
        {"storage", "layer_temperature", "layer", "degC", "layer temperatures, top (0) to bottom",
         each<&R::storageLayers_K>},
    };
}

} // namespace

const std::vector<OutputGroupSpec>& outputGroups() {
    static const std::vector<OutputGroupSpec> groups = buildGroups();
    return groups;
}

const std::vector<OutputSeriesSpec>& outputSeries() {
    static const std::vector<OutputSeriesSpec> series = buildSeries();
    return series;
}

std::vector<std::string_view> outputSeriesNames(std::string_view group) {
    std::vector<std::string_view> names;
    for (const OutputSeriesSpec& s : outputSeries()) {
        if (s.group == group) {
            names.push_back(s.name);
        }
    }
    return names;
}

bool readsField(const OutputSeriesSpec& series, std::vector<double> StepRecord::*field) {
    // A record whose only non-empty vector is `field`: the series reads it if its values
    // are that vector's.
    StepRecord probe;
    (probe.*field).assign(1, 0.0);
    return series.values(probe).data() == (probe.*field).data();
}

bool isKept(const OutputSettings& settings, const OutputSeriesSpec& series) {
    const auto chosen = settings.keptSeries.find(std::string(series.group));
    if (chosen == settings.keptSeries.end()) {
        return true;
    }
    for (const std::string& name : chosen->second) {
        if (name == series.name) {
            return true;
        }
    }
    return false;
}

double storedOffset(const OutputSeriesSpec& series) {
    constexpr double celsiusOffset = -273.15;
    return series.units == "degC" ? celsiusOffset : 0.0;
}

} // namespace heatnet
