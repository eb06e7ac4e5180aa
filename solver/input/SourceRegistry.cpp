#include "solver/input/SourceRegistry.h"

#include "models/Boiler.h"
#include "models/GlassFurnaceRecovery.h"
#include "models/Outages.h"
#include "models/PaperMillHeatPump.h"
#include "models/WasteHeatSource.h"
#include "solver/input/KeyReader.h"
#include "solver/input/ProfileReader.h"
#include "solver/input/ScenarioKeys.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heatnet {

namespace {

std::shared_ptr<const HeatSource> parseWasteHeat(const InputNode& node,
                                                 const SourceContext& context) {
    WasteHeatParameters p;
    p.id = context.id;
    p.available_W = readProfile(node["available"], Dimension::Power, context.simulation);
    constexpr std::string_view section = "source:waste_heat";
    p.maxSupply_K = numberKey(node, section, "max_supply");
    p.capacity_W = optionalNumberKey(node, section, "capacity").value_or(0.0);
    p.availability = context.availability;
    return std::make_shared<const WasteHeatSource>(std::move(p));
}

std::shared_ptr<const HeatSource> parseBoiler(const InputNode& node, const SourceContext& context) {
    BoilerParameters p;
    p.id = context.id;
    constexpr std::string_view section = "source:boiler";
    p.capacity_W = requiredNumberKey(node, section, "capacity");
    p.efficiency = numberKey(node, section, "efficiency");
    p.maxSupply_K = numberKey(node, section, "max_supply");
    p.fuel = choiceKey(node, section, "fuel");
    p.availability = context.availability;
    return std::make_shared<const Boiler>(std::move(p));
}

//! Availability of an industrial source: `stops` (in `context`) combined with optional
//! `outages: {weekends: bool, annual_shutdown: {from_day: d, to_day: d}, planned: [{from: DATE,
//! to: DATE}], mtbf: TIME, mttr: TIME, seed: N}` (models/Outages.h); hourly 0/1 samples.
TimeProfile readOutages(const InputNode& node, const SourceContext& context) {
    const auto outagesNode = node.get("outages");
    if (!outagesNode) {
        return context.availability;
    }
    const InputNode& o = *outagesNode;
    o.expectMap();
    o.allowOnly(keyNames("outages"));
    OutageParameters p;
    p.duration_s = context.simulation.duration_s;
    p.startWeekday = context.simulation.startWeekday;
    p.startDayOfYear_s = context.simulation.startDayOfYear_s;
    p.weekendStops = boolKey(o, "outages", "weekends");
    if (auto shutdown = o.get("annual_shutdown")) {
        shutdown->expectMap();
        shutdown->allowOnly(keyNames("annual_shutdown"));
        p.shutdownFromDay = (*shutdown)["from_day"].asNumber();
        p.shutdownToDay = (*shutdown)["to_day"].asNumber();
    }
    if (auto planned = o.get("planned")) {
        planned->expectSequence();
        for (const InputNode& stop : planned->items()) {
            stop.expectMap();
            stop.allowOnly(keyNames("date_window"));
            const InputNode toNode = stop["to"];
            StopWindow window{readDateSinceStart(stop["from"], context.simulation),
                              readDateSinceStart(toNode, context.simulation)};
            if (!(window.to_s > window.from_s)) {
                toNode.fail("the planned stop must end after it starts");
            }
            p.plannedStops.push_back(window);
        }
    }
    if (const auto mtbf = optionalNumberKey(o, "outages", "mtbf")) {
        p.mtbf_s = *mtbf;
        p.mttr_s = requiredNumberKey(o, "outages", "mttr");
    }
    p.seed = static_cast<std::uint64_t>(integerKey(o, "outages", "seed"));
    std::vector<double> hours = availabilityHours(p);
    for (std::size_t h = 0; h < hours.size(); ++h) {
        hours[h] *= context.availability.value(static_cast<double>(h) * 3600.0);
    }
    return TimeProfile::samples(std::move(hours), 3600.0, "outages");
}

std::shared_ptr<const HeatSource> parseGlassFurnace(const InputNode& node,
                                                    const SourceContext& context) {
    GlassFurnaceParameters p;
    p.id = context.id;
    if (auto pull = node.get("pull_rate")) {
        p.pullRate = readProfile(*pull, Dimension::Dimensionless, context.simulation);
    }
    constexpr std::string_view section = "source:glass_furnace";
    p.flueGasFlow_kg_s = requiredNumberKey(node, section, "flue_gas_flow");
    p.flueGasTemperature_K = numberKey(node, section, "flue_gas_temperature");
    p.partLoadDrop_K = numberKey(node, section, "part_load_drop");
    p.flueGasSpecificHeat_J_kgK = numberKey(node, section, "flue_gas_cp");
    p.flueGasFloor_K = numberKey(node, section, "flue_gas_floor");
    p.approach_K = numberKey(node, section, "approach");
    p.capacity_W = optionalNumberKey(node, section, "capacity").value_or(0.0);
    p.availability = readOutages(node, context);
    return std::make_shared<const GlassFurnaceRecovery>(std::move(p));
}

std::shared_ptr<const HeatSource> parsePaperMillHeatPump(const InputNode& node,
                                                         const SourceContext& context) {
    HeatPumpParameters p;
    p.id = context.id;
    p.streamTemperature_K =
        readProfile(node["stream_temperature"], Dimension::Temperature, context.simulation);
    p.streamFlow_kg_s = readProfile(node["stream_flow"], Dimension::MassFlow, context.simulation);
    constexpr std::string_view section = "source:paper_mill_heat_pump";
    p.streamSpecificHeat_J_kgK = numberKey(node, section, "stream_cp");
    p.streamCooling_K = numberKey(node, section, "stream_cooling");
    p.evaporatorApproach_K = numberKey(node, section, "evaporator_approach");
    p.carnotEfficiency = numberKey(node, section, "carnot_efficiency");
    p.maxSupply_K = numberKey(node, section, "max_supply");
    p.capacity_W = requiredNumberKey(node, section, "capacity");
    p.availability = readOutages(node, context);
    return std::make_shared<const PaperMillHeatPump>(std::move(p));
}

//! Availability from `stops: [{from: DATE, to: DATE}, ...]`: 0 inside a window, 1 outside,
//! sampled hourly over the run (the fraction of each hour inside a window is removed).
TimeProfile readStops(const InputNode& node, const SimulationSettings& simulation) {
    node.expectSequence();
    const auto hours = static_cast<std::size_t>(std::ceil(simulation.duration_s / 3600.0)) + 2;
    std::vector<double> available(hours, 1.0);
    std::string description;
    for (const InputNode& stop : node.items()) {
        stop.expectMap();
        stop.allowOnly(keyNames("date_window"));
        const InputNode fromNode = stop["from"];
        const InputNode toNode = stop["to"];
        const double from_s = readDateSinceStart(fromNode, simulation);
        const double to_s = readDateSinceStart(toNode, simulation);
        if (!(to_s > from_s)) {
            toNode.fail(fmt::format("the stop must end after it starts ({})", fromNode.asString()));
        }
        // Hour h covers [h, h+1) h; its sample is the available fraction of that hour.
        for (std::size_t h = 0; h < hours; ++h) {
            const double t0 = static_cast<double>(h) * 3600.0;
            const double overlap = std::min(t0 + 3600.0, to_s) - std::max(t0, from_s);
            if (overlap > 0) {
                available[h] = std::max(0.0, available[h] - overlap / 3600.0);
            }
        }
        description += fmt::format("{}stop {} – {}", description.empty() ? "" : ", ",
                                   fromNode.asString(), toNode.asString());
    }
    if (description.empty()) {
        return TimeProfile::constant(1.0);
    }
    return TimeProfile::samples(std::move(available), 3600.0, description);
}

} // namespace

const SourceRegistry& SourceRegistry::standard() {
    static const SourceRegistry registry = [] {
        SourceRegistry r;
        r.add("waste_heat", keyNames("source:waste_heat"),
              "industrial waste heat: a power profile 'available' [W] delivered up to "
              "'max_supply' [K]",
              parseWasteHeat);
        r.add("boiler", keyNames("source:boiler"),
              "gas or biomass boiler: 'capacity' [W], 'efficiency' on LHV, 'fuel' gas|biomass",
              parseBoiler);
        r.add("glass_furnace", keyNames("source:glass_furnace"),
              "glass-furnace flue-gas recovery: 'flue_gas_flow' [kg/s] at 'flue_gas_temperature' "
              "scaled by 'pull_rate', cooled to max(floor, return + approach); docs/models.md",
              parseGlassFurnace);
        r.add("paper_mill_heat_pump", keyNames("source:paper_mill_heat_pump"),
              "heat pump on a paper-mill waste stream: COP = eta_C T_sink/(T_sink - T_source), "
              "'capacity' [W]; docs/models.md",
              parsePaperMillHeatPump);
        return r;
    }();
    return registry;
}

void SourceRegistry::add(std::string type, std::vector<std::string> keys, std::string summary,
                         SourceParser parser) {
    m_entries.push_back({std::move(type), std::move(keys), std::move(summary), std::move(parser)});
}

std::vector<std::string> SourceRegistry::types() const {
    std::vector<std::string> out;
    for (const auto& entry : m_entries) {
        out.push_back(entry.type);
    }
    return out;
}

std::vector<std::string> SourceRegistry::describe() const {
    std::vector<std::string> out;
    for (const auto& entry : m_entries) {
        std::string keys;
        for (const auto& key : entry.keys) {
            keys += (keys.empty() ? "" : ", ") + key;
        }
        out.push_back(fmt::format("{}: {}; keys: {}", entry.type, entry.summary, keys));
    }
    return out;
}

SourceSpec SourceRegistry::build(const InputNode& node,
                                 const SimulationSettings& simulation) const {
    node.expectMap();
    SourceSpec spec;
    const InputNode idNode = node["id"];
    spec.id = idNode.asString();
    if (spec.id.empty()) {
        idNode.fail("expected a non-empty id");
    }
    const InputNode typeNode = node["type"];
    spec.type = typeNode.asString();
    const auto entry = std::find_if(m_entries.begin(), m_entries.end(),
                                    [&](const Entry& e) { return e.type == spec.type; });
    if (entry == m_entries.end()) {
        const auto known = types();
        std::string list;
        for (const auto& type : known) {
            list += fmt::format("{}'{}'", list.empty() ? "" : ", ", type);
        }
        const std::string near = nearestWord(spec.type, known);
        typeNode.fail(fmt::format("unknown source type '{}' (known types: {}){}", spec.type, list,
                                  near.empty() ? "" : fmt::format("; did you mean '{}'?", near)));
    }
    std::vector<std::string> allowed = keyNames("source");
    allowed.insert(allowed.end(), entry->keys.begin(), entry->keys.end());
    node.allowOnly(allowed);
    spec.priority = static_cast<int>(integerKey(node, "source", "priority"));
    spec.line = node.line();
    SourceContext context{simulation, spec.id, TimeProfile::constant(1.0)};
    if (auto stops = node.get("stops")) {
        context.availability = readStops(*stops, simulation);
    }
    spec.model = entry->parser(node, context);
    return spec;
}

} // namespace heatnet
