#include "solver/input/ScenarioReader.h"

#include "models/PipeCatalogue.h"
#include "solver/Error.h"
#include "solver/input/ClimateReader.h"
#include "solver/input/CsvTable.h"
#include "solver/input/Input.h"
#include "solver/input/KeyReader.h"
#include "solver/input/ProfileReader.h"
#include "solver/input/ScenarioKeys.h"
#include "solver/input/SeriesTiming.h"
#include "solver/input/SourceRegistry.h"
#include "solver/input/TextParsing.h"
#include "solver/network/PipeSizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>

namespace heatnet {

namespace {

constexpr double kDay_s = 86400.0;

// Limits of a run (docs/reliability.md): beyond them a run would exhaust memory or disk, or one
// step would run for hours without a chance to be interrupted.
constexpr double kMaxDuration_s = 100 * 365.25 * kDay_s; //!< 100 years
constexpr double kMinStep_s = 1.0;                       //!< output and hydraulic steps ≥ 1 s
constexpr double kMaxHydraulicStep_s = kDay_s;           //!< flows are recomputed at least daily
constexpr double kMaxOutputRows = 1e7;                   //!< rows of every result series

//! "8760 h", "15 min", "90 s": a duration in the unit that shows it best.
std::string showTime(double seconds) {
    if (std::fmod(seconds, 3600.0) == 0) {
        return fmt::format("{:g} h", seconds / 3600.0);
    }
    if (std::fmod(seconds, 60.0) == 0) {
        return fmt::format("{:g} min", seconds / 60.0);
    }
    return fmt::format("{:g} s", seconds);
}

//! True if `whole` is a whole multiple of `part` (to round-off).
bool isMultiple(double whole, double part) {
    const double ratio = whole / part;
    return std::abs(ratio - std::round(ratio)) <= 1e-9 * std::max(1.0, ratio);
}

//! Optional key with a checker.
template <typename Read> void optional(const InputNode& map, std::string_view key, Read read) {
    if (auto node = map.get(key); node && !node->isNull()) {
        read(*node);
    }
}

//! Ids of one kind, to reject duplicates at the second one's position.
class IdSet {
public:
    explicit IdSet(std::string kind) : m_kind(std::move(kind)) {}
    //! Reads `map`'s `id` and records it; throws on an empty or duplicate id.
    std::string read(const InputNode& map) {
        const InputNode idNode = map["id"];
        std::string id = idNode.asString();
        if (id.empty()) {
            idNode.fail(fmt::format("expected a non-empty {} id", m_kind));
        }
        const auto [it, inserted] = m_lines.emplace(id, idNode.line());
        if (!inserted) {
            idNode.fail(fmt::format("duplicate {} id '{}' (first defined at line {})", m_kind, id,
                                    it->second));
        }
        m_order.push_back(id);
        return id;
    }
    bool contains(const std::string& id) const { return m_lines.count(id) != 0; }
    const std::vector<std::string>& ids() const { return m_order; }

private:
    std::string m_kind;
    std::map<std::string, int> m_lines;
    std::vector<std::string> m_order;
};

class Reader {
public:
    //! The mapping at `key`, or a null node standing for it (its keys then take their defaults).
    static InputNode sectionOrNull(const InputNode& root, std::string_view key) {
        if (auto node = root.get(key)) {
            return *node;
        }
        return InputNode(root.file().shared_from_this(), YAML::Node(YAML::NodeType::Null),
                         std::string(key));
    }

    Reader(std::shared_ptr<const InputFile> file, Scenario& scenario)
        : m_file(std::move(file)), m_s(scenario) {}

    void read() {
        const InputNode root = m_file->root();
        if (root.isNull()) {
            root.fail("the scenario is empty; expected a mapping with at least 'network', "
                      "'consumers' and 'plants'");
        }
        root.expectMap();
        root.allowOnly(keyNames("scenario"));
        m_s.name = root.stringOr("name", "");
        if (m_s.name.empty()) {
            m_s.name = std::filesystem::path(m_file->displayName()).stem().string();
        }
        m_s.description = root.stringOr("description", "");
        readSimulation(sectionOrNull(root, "simulation"));
        if (auto climate = root.get("climate")) {
            readClimate(*climate);
        } else {
            m_s.climate = Climate::syntheticSaintOmer(2026);
        }
        m_s.ground.meanSurface_K = m_s.climate.meanTemperature();
        readGround(sectionOrNull(root, "ground"));
        readNetwork(root["network"]);
        readPlants(root["plants"]);
        readConsumers(root["consumers"]);
        readFactors(sectionOrNull(root, "factors"));
        optional(root, "initial", [&](const InputNode& n) { readInitial(n); });
        readWarnings(sectionOrNull(root, "warnings"));
        optional(root, "output", [&](const InputNode& n) { readOutput(n); });
    }

private:
    //! `n` may be null (no `simulation:`): every value then is the key table's default.
    void readSimulation(const InputNode& n) {
        if (!n.isNull()) {
            n.expectMap();
        }
        n.allowOnly(keyNames("simulation"));
        SimulationSettings& sim = m_s.simulation;
        optional(n, "start", [&](const InputNode& v) { readStart(v); });
        constexpr std::string_view section = "simulation";
        sim.duration_s = numberKey(n, section, "duration");
        sim.outputStep_s = numberKey(n, section, "output_step");
        sim.hydraulicStep_s = numberKey(n, section, "hydraulic_step");
        sim.relativeTolerance = numberKey(n, section, "relative_tolerance");
        sim.temperatureTolerance_K = numberKey(n, section, "temperature_tolerance");
        sim.cellLength_m = numberKey(n, section, "cell_length");
        sim.minCellsPerPipe = static_cast<int>(integerKey(n, section, "min_cells"));
        sim.maxCellsPerPipe = static_cast<int>(integerKey(n, section, "max_cells"));
        if (sim.maxCellsPerPipe < sim.minCellsPerPipe) {
            n["max_cells"].fail(fmt::format("expected a number of cells ≥ min_cells ({}), got {}",
                                            sim.minCellsPerPipe, sim.maxCellsPerPipe));
        }
        sim.advection = choiceKey(n, section, "advection");
        sim.pipeModel = choiceKey(n, section, "pipe_model");
        sim.plugFlowDispersion = choiceKey(n, section, "plug_flow_dispersion");
        if (sim.plugFlowDispersion != "none" && sim.pipeModel != "plug_flow") {
            n["plug_flow_dispersion"].fail(
                "plug_flow_dispersion applies to pipe_model: plug_flow (the finite-volume "
                "pipes add Taylor's dispersion with the limited schemes, docs/numerics.md)");
        }

        checkRunLimits(n);
        // Steps must nest: results are stored at hydraulic-step boundaries.
        if (!isMultiple(sim.duration_s, sim.outputStep_s)) {
            const InputNode at = n.has("duration") ? n["duration"] : n["output_step"];
            at.fail(fmt::format("the duration ({}) is not a whole multiple of the output step ({})",
                                showTime(sim.duration_s), showTime(sim.outputStep_s)));
        }
        if (!isMultiple(sim.outputStep_s, sim.hydraulicStep_s)) {
            const InputNode at = n.has("hydraulic_step") ? n["hydraulic_step"] : n["output_step"];
            at.fail(fmt::format("the hydraulic step ({}) must divide the output step ({}) into a "
                                "whole number of steps",
                                showTime(sim.hydraulicStep_s), showTime(sim.outputStep_s)));
        }
    }

    //! Durations, steps and the number of rows within the limits above, each reported at its key.
    void checkRunLimits(const InputNode& n) {
        const SimulationSettings& sim = m_s.simulation;
        auto at = [&](std::string_view key, std::string_view fallback) {
            return n.has(key) ? n[key] : n.has(fallback) ? n[fallback] : n;
        };
        if (sim.duration_s > kMaxDuration_s) {
            at("duration", "duration")
                .fail(fmt::format("the duration ({}) exceeds the limit of 100 years (876600 h)",
                                  showTime(sim.duration_s)));
        }
        if (sim.outputStep_s < kMinStep_s || sim.outputStep_s > sim.duration_s) {
            at("output_step", "duration")
                .fail(fmt::format("the output step ({}) must be from 1 s to the duration ({})",
                                  showTime(sim.outputStep_s), showTime(sim.duration_s)));
        }
        if (sim.hydraulicStep_s < kMinStep_s || sim.hydraulicStep_s > kMaxHydraulicStep_s ||
            sim.hydraulicStep_s > sim.outputStep_s) {
            at("hydraulic_step", "output_step")
                .fail(fmt::format("the hydraulic step ({}) must be from 1 s to 24 h and at most "
                                  "the output step ({})",
                                  showTime(sim.hydraulicStep_s), showTime(sim.outputStep_s)));
        }
        if (sim.duration_s / sim.outputStep_s > kMaxOutputRows) {
            at("output_step", "duration")
                .fail(fmt::format("{} / {} gives {:.0f} result rows, more than the limit of "
                                  "10,000,000: choose a longer output step",
                                  showTime(sim.duration_s), showTime(sim.outputStep_s),
                                  sim.duration_s / sim.outputStep_s));
        }
    }

    void readStart(const InputNode& v) {
        // Blanks around the date are not part of it (check and run must read the same date).
        const std::string text(trimBlanks(v.asString()));
        std::string reason;
        const auto when = parseDateTime(text, &reason);
        if (!when) {
            v.fail(reason);
        }
        SimulationSettings& sim = m_s.simulation;
        const long days = static_cast<long>(std::floor(*when / kDay_s));
        sim.startWeekday = static_cast<int>(((days + 3) % 7 + 7) % 7); // 1970-01-01: Thursday
        const auto yearStart = parseDateTime(text.substr(0, 4) + "-01-01", nullptr);
        sim.startDayOfYear_s = *when - yearStart.value_or(*when);
        std::string time = text.size() > 10 ? text.substr(11) : "00:00";
        if (time.size() == 5) {
            time += ":00";
        }
        sim.start = text.substr(0, 10) + " " + time;
    }

    //! Relative CSV paths are shown as written next to the scenario's folder.
    void readClimate(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("climate"));
        const int kinds = int(n.has("synthetic")) + int(n.has("csv")) + int(n.has("constant"));
        if (kinds != 1) {
            n.fail("expected exactly one of 'synthetic: saint-omer', 'csv: FILE' or "
                   "'constant: TEMPERATURE'");
        }
        if (auto synthetic = n.get("synthetic")) {
            synthetic->asChoice({"saint-omer"});
            const long seed = integerKey(n, "climate", "seed");
            m_s.climate = Climate::syntheticSaintOmer(static_cast<unsigned>(seed));
        } else if (auto csv = n.get("csv")) {
            if (n.has("seed")) {
                n["seed"].fail("'seed' applies only to a synthetic climate");
            }
            const auto path = csv->asExistingPath();
            const std::string column =
                n.stringOr("column", std::string(scenarioKey("climate", "column").defaultValue));
            try {
                const CsvTable& table = *csv->file().csv(path);
                const SimulationSettings& sim = m_s.simulation;
                if (auto times = readRowTimes(table, sim, coverTheRun(sim))) {
                    // The climate's clock starts on 1 January of the run's start year.
                    for (double& t : *times) {
                        t += sim.startDayOfYear_s;
                    }
                    m_s.climate = readClimateTable(table, column, &*times);
                } else {
                    // Like every CSV without a time column: the first row at the run's start.
                    m_s.climate = readClimateTable(table, column, nullptr, sim.startDayOfYear_s);
                }
            } catch (const InputError& e) {
                csv->fail(e.what());
            }
        } else {
            if (n.has("seed") || n.has("column")) {
                n.fail("'seed' and 'column' do not apply to a constant climate");
            }
            m_s.climate = Climate::constant(n["constant"].asQuantity(Dimension::Temperature));
        }
    }

    //! `n` may be null (no `ground:`): the Kusuda model with the key table's defaults.
    void readGround(const InputNode& n) {
        if (!n.isNull()) {
            n.expectMap();
        }
        GroundSettings& g = m_s.ground;
        if (n.has("constant")) {
            n.allowOnly({"constant"}); // alone: the Kusuda keys do not apply
            g.kusuda = false;
            g.constant_K = n["constant"].asQuantity(Dimension::Temperature);
            return;
        }
        n.allowOnly(keyNames("ground"));
        optional(n, "model", [&](const InputNode& v) { v.asChoice({"kusuda"}); });
        g.kusuda = true;
        optional(n, "mean_surface", [&](const InputNode& v) {
            g.meanSurface_K = v.asQuantity(Dimension::Temperature);
        });
        g.surfaceAmplitude_K = numberKey(n, "ground", "amplitude");
        optional(n, "diffusivity", [&](const InputNode& v) {
            g.diffusivity_m2_s = checkedKey(
                v, "ground", "diffusivity",
                readCustomQuantity(v, {{"m2/s", 1.0}, {"mm2/s", 1e-6}, {"m2/d", 1.0 / kDay_s}},
                                   "a thermal diffusivity (m2/s, mm2/s, m2/d)"));
        });
        g.coldestDay = numberKey(n, "ground", "coldest_day");
    }

    void readNetwork(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("network"));
        if (auto defaults = n.get("defaults"); defaults && !defaults->isNull()) {
            defaults->expectMap();
            defaults->allowOnly(keyNames("pipe_defaults"));
            m_pipeDefaults = defaults;
        }
        optional(n, "sizing", [&](const InputNode& v) { readSizing(v); });
        const InputNode nodes = n["nodes"];
        nodes.expectSequence();
        if (nodes.size() == 0) {
            nodes.fail("the network has no nodes; expected a list of {id: ..., x: ..., y: ...}");
        }
        for (const InputNode& item : nodes.items()) {
            readNode(item);
        }
        const InputNode pipes = n["pipes"];
        if (!pipes.isNull()) {
            pipes.expectSequence();
            for (const InputNode& item : pipes.items()) {
                readPipe(item);
            }
        }
    }

    void readNode(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("node"));
        NodeSpec node;
        node.id = m_nodeIds.read(n);
        node.line = n.line();
        if (n.has("x") || n.has("y")) {
            node.hasCoordinates = true;
            node.x_m = n["x"].asQuantity(Dimension::Length);
            node.y_m = n["y"].asQuantity(Dimension::Length);
        }
        node.elevation_m = numberKey(n, "node", "elevation");
        m_s.nodes.push_back(std::move(node));
    }

    //! The id of an existing node at `v`, or an error with the nearest id.
    std::string nodeReference(const InputNode& v, std::string_view owner) {
        std::string id = v.asString();
        if (!m_nodeIds.contains(id)) {
            const std::string near = nearestWord(id, m_nodeIds.ids());
            v.fail(fmt::format("{} refers to unknown node '{}'{}", owner, id,
                               near.empty() ? "; it is not in network.nodes"
                                            : fmt::format("; did you mean '{}'?", near)));
        }
        return id;
    }

    //! A pipe's value for `key`: its own, else the one in network.defaults (whose messages then
    //! point at the defaults' line).
    std::optional<InputNode> pipeField(const InputNode& pipe, std::string_view key) const {
        if (auto own = pipe.get(key); own && !own->isNull()) {
            return own;
        }
        if (m_pipeDefaults) {
            if (auto shared = m_pipeDefaults->get(key); shared && !shared->isNull()) {
                return shared;
            }
        }
        return std::nullopt;
    }

    //! A pipe's number for `key`, as the key table reads it: its own, else network.defaults',
    //! else the table's default (nullopt when the table has none).
    std::optional<double> pipeNumber(const InputNode& pipe, std::string_view key) const {
        if (auto own = pipe.get(key); own && !own->isNull()) {
            return optionalNumberKey(pipe, "pipe", key);
        }
        if (m_pipeDefaults) {
            if (auto shared = m_pipeDefaults->get(key); shared && !shared->isNull()) {
                return optionalNumberKey(*m_pipeDefaults, "pipe_defaults", key);
            }
        }
        if (!scenarioKey("pipe", key).defaultValue.empty()) {
            return numberKey(pipe, "pipe", key);
        }
        return std::nullopt;
    }

    //! `network.sizing`: the limits of automatic pipe sizing (`dn: auto`).
    void readSizing(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("pipe_sizing"));
        PipeSizingSettings& sizing = m_s.sizing;
        optional(n, "max_pressure_gradient", [&](const InputNode& v) {
            sizing.maxPressureGradient_Pa_m =
                checkedKey(v, "pipe_sizing", "max_pressure_gradient",
                           readCustomQuantity(v, {{"Pa/m", 1.0}, {"kPa/m", 1e3}, {"mbar/m", 100.0}},
                                              "a pressure gradient (Pa/m, kPa/m, mbar/m)"));
        });
        sizing.maxVelocity_m_s = numberKey(n, "pipe_sizing", "max_velocity");
    }

    void readPipe(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("pipe"));
        PipeSpec pipe;
        pipe.id = m_pipeIds.read(n);
        pipe.line = n.line();
        const std::string owner = fmt::format("pipe '{}'", pipe.id);
        pipe.from = nodeReference(n["from"], owner);
        const InputNode toNode = n["to"];
        pipe.to = nodeReference(toNode, owner);
        if (pipe.to == pipe.from) {
            toNode.fail(fmt::format("pipe '{}' starts and ends at node '{}'", pipe.id, pipe.to));
        }
        pipe.length_m = requiredNumberKey(n, "pipe", "length");
        const auto seriesNode = pipeField(n, "series");
        if (auto dnNode = pipeField(n, "dn")) {
            // The pipe's own, else network.defaults', else the table's; range from the table.
            const auto series = static_cast<long>(pipeNumber(n, "series").value());
            pipe.insulationSeries = static_cast<int>(series);
            const auto& catalogue = PipeCatalogue::standard();
            if (dnNode->isScalar() && dnNode->asString() == "auto") {
                // Sized after reading, from a design-hour hydraulic pass
                // (solver/network/PipeSizing.h).
                pipe.autoSize = true;
            } else {
                const long dn = dnNode->asInteger();
                // Range first: a DN beyond int would wrap to a catalogue size (4294967376 → 80).
                const bool inRange = dn >= 1 && dn <= 100000;
                const CatalogueEntry* entry =
                    inRange ? catalogue.find(static_cast<int>(dn),
                                             static_cast<InsulationSeries>(series))
                            : nullptr;
                if (!entry) {
                    dnNode->fail(unknownDn(dn, catalogue.sizes()));
                }
                pipe.dn = static_cast<int>(dn);
                pipe.innerDiameter_m = entry->innerDiameter_m;
                pipe.roughness_m = entry->roughness_m;
                pipe.heatLossCoeff_W_mK = entry->heatLossCoeff_W_mK;
                pipe.cost_EUR_m = entry->cost_EUR_m;
            }
        } else {
            if (seriesNode) {
                seriesNode->fail("'series' needs 'dn' (a catalogue size)");
            }
            if (!n.has("inner_diameter") || !pipeField(n, "heat_loss")) {
                n.fail(fmt::format("pipe '{}' needs either 'dn' (a catalogue size) or both "
                                   "'inner_diameter' and 'heat_loss' (or 'dn: auto')",
                                   pipe.id));
            }
            pipe.roughness_m = 0.05e-3;
        }
        // Explicit values override the catalogue's (the sizing keeps them too).
        if (const auto diameter = optionalNumberKey(n, "pipe", "inner_diameter")) {
            if (pipe.autoSize) {
                n["inner_diameter"].fail(
                    "'inner_diameter' and 'dn: auto' contradict each other; give one");
            }
            pipe.innerDiameter_m = *diameter;
        }
        if (const auto roughness = pipeNumber(n, "roughness")) {
            pipe.roughness_m = *roughness;
            pipe.explicitRoughness = true;
            if (!pipe.autoSize && pipe.roughness_m >= 0.5 * pipe.innerDiameter_m) {
                pipeField(n, "roughness")->fail("the roughness must be smaller than the radius");
            }
        }
        if (const auto heatLoss = pipeNumber(n, "heat_loss")) {
            pipe.heatLossCoeff_W_mK = *heatLoss;
            pipe.explicitHeatLoss = true;
        }
        if (const auto cost = pipeNumber(n, "cost")) {
            pipe.cost_EUR_m = *cost;
            pipe.explicitCost = true;
        }
        pipe.burialDepth_m = pipeNumber(n, "burial_depth").value();
        if (const auto wall = pipeField(n, "wall")) {
            const InputNode& v = *wall;
            v.expectMap();
            v.allowOnly(keyNames("pipe_wall"));
            const InputNode c = v["heat_capacity"];
            pipe.wallHeatCapacity_J_mK = checkedKey(
                c, "pipe_wall", "heat_capacity",
                readCustomQuantity(c, {{"J/(m K)", 1.0}, {"kJ/(m K)", 1e3}, {"J/(mK)", 1.0}},
                                   "a heat capacity per metre (J/(m K), kJ/(m K))"));
        }
        pipe.innerHeatTransfer_W_m2K = pipeNumber(n, "inner_heat_transfer").value_or(0.0);
        pipe.cells = static_cast<int>(pipeNumber(n, "cells").value_or(0.0));
        m_s.pipes.push_back(std::move(pipe));
    }

    static std::string unknownDn(long dn, const std::vector<int>& sizes) {
        int below = 0, above = 0;
        for (const int size : sizes) {
            if (size < dn) {
                below = size;
            } else if (size > dn && above == 0) {
                above = size;
            }
        }
        std::string nearest;
        if (below > 0 && above > 0) {
            nearest = fmt::format("DN{} or DN{}", below, above);
        } else if (below > 0) {
            nearest = fmt::format("DN{} (the largest)", below);
        } else if (above > 0) {
            nearest = fmt::format("DN{} (the smallest)", above);
        }
        return fmt::format("DN {} is not in the pipe catalogue (DN{}…DN{}); nearest sizes: {}", dn,
                           sizes.empty() ? 0 : sizes.front(), sizes.empty() ? 0 : sizes.back(),
                           nearest);
    }

    void readPlants(const InputNode& n) {
        n.expectSequence();
        if (n.size() == 0) {
            n.fail("expected at least one plant");
        }
        for (const InputNode& item : n.items()) {
            readPlant(item, n.size() > 1);
        }
    }

    //! `control` and `mass_flow`: the only plant balances by default; with several plants each
    //! says its role (docs/models.md, "Plants by role").
    void readPlantControl(const InputNode& n, bool severalPlants, PlantSpec& plant) {
        if (n.has("control")) {
            const std::string control = n["control"].asChoice({"pressure", "flow", "heat"});
            plant.control = control == "flow"   ? PlantControl::Flow
                            : control == "heat" ? PlantControl::Heat
                                                : PlantControl::Pressure;
        } else if (severalPlants) {
            n.fail(fmt::format("plant '{}': the scenario has several plants, so each says its "
                               "role: add 'control: pressure' (exactly one per connected "
                               "network), 'control: flow' or 'control: heat'",
                               plant.id));
        }
        if (plant.control == PlantControl::Flow) {
            if (!n.has("mass_flow")) {
                n.fail(fmt::format("plant '{}' has 'control: flow' but no 'mass_flow'", plant.id));
            }
            plant.massFlow = readProfile(n["mass_flow"], Dimension::MassFlow, m_s.simulation);
        } else if (n.has("mass_flow")) {
            n["mass_flow"].fail(fmt::format(
                "plant '{}': 'mass_flow' is only for 'control: flow' plants", plant.id));
        }
    }

    void readPlant(const InputNode& n, bool severalPlants) {
        n.expectMap();
        n.allowOnly(keyNames("plant"));
        PlantSpec plant;
        plant.id = m_plantIds.read(n);
        plant.line = n.line();
        plant.column = n.column();
        plant.node = nodeReference(n["node"], fmt::format("plant '{}'", plant.id));
        m_plantNodes.emplace(plant.node, plant.id);
        if (n.has("supply_temperature") == n.has("supply_temperature_profile")) {
            n.fail(fmt::format("plant '{}' needs one set point: 'supply_temperature' (e.g. 90 "
                               "degC or {{curve: ...}}) or 'supply_temperature_profile' (e.g. "
                               "{{csv: scada.csv, column: T_supply, unit: degC}}); {}",
                               plant.id,
                               n.has("supply_temperature") ? "both are given" : "none is given"));
        }
        if (auto profile = n.get("supply_temperature_profile")) {
            plant.supplyTemperature.profile =
                readProfile(*profile, Dimension::Temperature, m_s.simulation);
        } else {
            readSupplyTemperature(n["supply_temperature"], plant.supplyTemperature);
        }
        plant.differentialPressure_Pa = numberKey(n, "plant", "differential_pressure");
        plant.pumpEfficiency = numberKey(n, "plant", "pump_efficiency");
        plant.staticPressure_Pa = numberKey(n, "plant", "static_pressure");
        readPlantControl(n, severalPlants, plant);
        const InputNode sources = n["sources"];
        sources.expectSequence();
        if (sources.size() == 0) {
            sources.fail(fmt::format("plant '{}' has no sources", plant.id));
        }
        for (const InputNode& item : sources.items()) {
            item.expectMap();
            m_sourceIds.read(item);
            plant.sources.push_back(SourceRegistry::standard().build(item, m_s.simulation));
        }
        optional(n, "storage", [&](const InputNode& v) { plant.storage = readStorage(v); });
        m_s.plants.push_back(std::move(plant));
    }

    //! A plant's hot-water tank: `height` or `height_to_diameter` gives its shape.
    StorageParameters readStorage(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("storage"));
        constexpr std::string_view section = "storage";
        StorageParameters p;
        p.volume_m3 = requiredNumberKey(n, section, "volume");
        if (n.has("height") == n.has("height_to_diameter")) {
            n.fail("storage: give exactly one of 'height' and 'height_to_diameter'");
        }
        if (const auto height = optionalNumberKey(n, section, "height")) {
            p.height_m = *height;
        }
        if (const auto ratio = optionalNumberKey(n, section, "height_to_diameter")) {
            // V = π D² H / 4 with H = r D  ⇒  D = (4 V / (π r))^(1/3).
            p.height_m = *ratio * std::cbrt(4 * p.volume_m3 / (std::numbers::pi * *ratio));
        }
        p.layers = static_cast<int>(integerKey(n, section, "layers"));
        p.heatLoss_W_m2K = numberKey(n, section, "heat_loss");
        p.ambient_K = numberKey(n, section, "ambient");
        p.maxTemperature_K = requiredNumberKey(n, section, "max_temperature");
        p.minTemperature_K = requiredNumberKey(n, section, "min_temperature");
        if (!(p.maxTemperature_K > p.minTemperature_K)) {
            n["max_temperature"].fail(
                fmt::format("storage max_temperature ({:.2f} degC) must exceed min_temperature "
                            "({:.2f} degC)",
                            p.maxTemperature_K - 273.15, p.minTemperature_K - 273.15));
        }
        p.maxPower_W = requiredNumberKey(n, section, "max_power");
        p.initialCharge = numberKey(n, section, "initial_charge");
        p.approach_K = numberKey(n, section, "approach");
        return p;
    }

    void readSupplyTemperature(const InputNode& n, SupplyTemperatureSpec& spec) {
        if (n.isScalar()) {
            spec.curve = false;
            spec.constant_K = n.asQuantity(Dimension::Temperature);
            return;
        }
        if (!n.isMap()) {
            n.fail("expected a temperature (e.g. 90 degC) or {curve: {design_outdoor: -7 degC, "
                   "at_design: 105 degC, mild_outdoor: 15 degC, at_mild: 80 degC}}");
        }
        n.allowOnly(keyNames("supply_temperature"));
        const InputNode c = n["curve"];
        c.expectMap();
        c.allowOnly(keyNames("heating_curve"));
        spec.curve = true;
        spec.designOutdoor_K = c["design_outdoor"].asQuantity(Dimension::Temperature);
        spec.atDesignOutdoor_K = c["at_design"].asQuantity(Dimension::Temperature);
        const InputNode mild = c["mild_outdoor"];
        spec.mildOutdoor_K = mild.asQuantity(Dimension::Temperature);
        const InputNode atMild = c["at_mild"];
        spec.atMildOutdoor_K = atMild.asQuantity(Dimension::Temperature);
        if (!(spec.mildOutdoor_K > spec.designOutdoor_K)) {
            mild.fail("mild_outdoor must be warmer than design_outdoor");
        }
        if (spec.atMildOutdoor_K > spec.atDesignOutdoor_K) {
            atMild.fail("at_mild must not exceed at_design (the curve falls as it gets milder)");
        }
    }

    void readConsumers(const InputNode& n) {
        n.expectSequence();
        if (n.size() == 0) {
            n.fail("expected at least one consumer");
        }
        for (const InputNode& item : n.items()) {
            readConsumer(item);
        }
    }

    void readConsumer(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("consumer"));
        ConsumerSpec c;
        c.id = m_consumerIds.read(n);
        c.line = n.line();
        const InputNode nodeNode = n["node"];
        c.node = nodeReference(nodeNode, fmt::format("consumer '{}'", c.id));
        if (auto plant = m_plantNodes.find(c.node); plant != m_plantNodes.end()) {
            nodeNode.fail(fmt::format("consumer '{}' sits at node '{}' with plant '{}'; connect "
                                      "it through a pipe",
                                      c.id, c.node, plant->second));
        }
        c.category = "other";
        optional(n, "category", [&](const InputNode& v) {
            c.category = v.asChoice({"housing", "office", "school", "hospital", "pool", "sports",
                                     "public", "commercial", "industry", "other"});
        });
        const bool annual = n.has("annual_demand"), profile = n.has("profile");
        if (annual == profile) {
            n.fail(annual ? fmt::format("consumer '{}' has both 'annual_demand' and 'profile'; "
                                        "give one",
                                        c.id)
                          : fmt::format("consumer '{}' needs 'annual_demand' (e.g. 1.2 GWh) or "
                                        "'profile'",
                                        c.id));
        }
        DemandSpec& d = c.demand;
        if (annual) {
            d.kind = DemandSpec::Kind::DegreeHours;
            d.annual_J = requiredNumberKey(n, "consumer", "annual_demand");
            if (n.has("scale")) {
                n["scale"].fail("'scale' applies to a 'profile' only");
            }
        } else {
            d.kind = DemandSpec::Kind::Profile;
            d.profile = readProfile(n["profile"], Dimension::Power, m_s.simulation);
            d.scale = numberKey(n, "consumer", "scale");
        }
        d.hotWaterShare = numberKey(n, "consumer", "hot_water_share");
        d.heatingLimit_K = numberKey(n, "consumer", "heating_limit");
        c.designSupply_K = numberKey(n, "consumer", "design_supply");
        c.designReturn_K = numberKey(n, "consumer", "design_return");
        if (!(c.designReturn_K < c.designSupply_K)) {
            (n.has("design_return") ? n["design_return"] : n["design_supply"])
                .fail("the design return must be colder than the design supply");
        }
        c.minSupply_K = n.quantityOr("min_supply", Dimension::Temperature, c.designReturn_K + 5.0);
        if (auto v = n.get("min_supply")) {
            if (!(c.minSupply_K > c.designReturn_K && c.minSupply_K <= c.designSupply_K)) {
                v->fail("min_supply must lie above design_return and not above design_supply");
            }
        }
        c.fixedDeltaT_K = optionalNumberKey(n, "consumer", "fixed_delta_t").value_or(0.0);
        c.minMassFlow_kg_s = numberKey(n, "consumer", "min_flow");
        c.designPower_W = optionalNumberKey(n, "consumer", "design_power").value_or(0.0);
        optional(n, "prescribed_flow", [&](const InputNode& v) {
            c.prescribedFlow = readProfile(v, Dimension::MassFlow, m_s.simulation);
        });
        optional(n, "heat_exchanger", [&](const InputNode& v) {
            v.expectMap();
            v.allowOnly(keyNames("heat_exchanger"));
            if (c.designPower_W <= 0) {
                v.fail("a heat exchanger is sized at the design point: give 'design_power' too");
            }
            if (c.fixedDeltaT_K > 0) {
                v.fail("'heat_exchanger' and 'fixed_delta_t' are two different substation models; "
                       "give one");
            }
            const InputNode supply = v["secondary_supply"];
            const InputNode back = v["secondary_return"];
            c.heatExchanger = true;
            c.secondarySupply_K = supply.asQuantity(Dimension::Temperature);
            c.secondaryReturn_K = back.asQuantity(Dimension::Temperature);
            if (!(c.secondarySupply_K < c.designSupply_K)) {
                supply.fail("the building circuit's supply must lie below the design supply");
            }
            if (!(c.secondaryReturn_K < c.designReturn_K)) {
                back.fail("the building circuit's return must lie below the design return");
            }
            if (!(c.secondaryReturn_K < c.secondarySupply_K)) {
                back.fail("the building circuit's return must lie below its supply");
            }
        });
        m_s.consumers.push_back(std::move(c));
    }

    //! `n` may be null (no `factors:`): every factor then is the key table's default.
    void readFactors(const InputNode& n) {
        if (!n.isNull()) {
            n.expectMap();
        }
        n.allowOnly(keyNames("factors"));
        Factors& f = m_s.factors;
        auto read = [&](std::string_view key) { return numberKey(n, "factors", key); };
        f.gasEmission_kg_J = read("gas_emission");
        f.electricityEmission_kg_J = read("electricity_emission");
        f.biomassEmission_kg_J = read("biomass_emission");
        f.gasPrice_EUR_J = read("gas_price");
        f.electricityPrice_EUR_J = read("electricity_price");
        f.wasteHeatPrice_EUR_J = read("waste_heat_price");
        f.biomassPrice_EUR_J = read("biomass_price");
        f.referenceBoilerEfficiency = read("reference_boiler_efficiency");
        f.discountRate = read("discount_rate");
        constexpr double kYear_s = 8760 * 3600.0;
        f.pipeLifetime_a = read("pipe_lifetime") / kYear_s;
        f.plantLifetime_a = read("plant_lifetime") / kYear_s;
        f.boilerCapital_EUR_W = read("boiler_capital_cost");
        f.wasteHeatCapital_EUR_W = read("waste_heat_capital_cost");
        f.heatPumpCapital_EUR_W = read("heat_pump_capital_cost");
        f.storageCapital_EUR_m3 = read("storage_capital_cost");
        f.storageLifetime_a = read("storage_lifetime") / kYear_s;
    }

    void readInitial(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("initial"));
        m_s.initialSupply_K = n.quantityOr("supply", Dimension::Temperature, 0.0);
        m_s.initialReturn_K = n.quantityOr("return", Dimension::Temperature, 0.0);
        if (m_s.initialSupply_K > 0 && m_s.initialReturn_K > 0 &&
            m_s.initialReturn_K > m_s.initialSupply_K) {
            n["return"].fail("the initial return temperature is above the initial supply");
        }
    }

    //! Thresholds of the implausibility warnings (solver/run/WarningCatalogue.cpp).
    //! `n` may be null (no `warnings:`): every threshold then is the key table's default.
    void readWarnings(const InputNode& n) {
        if (!n.isNull()) {
            n.expectMap();
        }
        n.allowOnly(keyNames("warnings"));
        constexpr std::string_view section = "warnings";
        WarningThresholds& w = m_s.warnings;
        w.maxPressure_Pa = numberKey(n, section, "max_pressure");
        w.minPressureMargin_Pa = numberKey(n, section, "min_pressure_margin");
        w.maxVelocity_m_s = numberKey(n, section, "max_velocity");
        w.maxPressureGradient_Pa_m = numberKey(n, section, "max_pressure_gradient");
        w.maxUnmetShare = numberKey(n, section, "max_unmet_share");
        w.minPipeFlow_kg_s = numberKey(n, section, "min_pipe_flow");
        w.minCapacityShare = numberKey(n, section, "min_capacity_share");
    }

    //! `output:`: the precision and, per group named, the series to keep (each once).
    void readOutput(const InputNode& n) {
        n.expectMap();
        n.allowOnly(keyNames("output"));
        constexpr std::string_view section = "output";
        m_s.output.float32 = choiceKey(n, section, "precision") == "float32";
        for (const std::string& group : n.keys()) {
            const KeySpec& key = scenarioKey(section, group);
            if (key.type != KeyType::ChoiceList) {
                continue;
            }
            const InputNode list = n[group];
            list.expectSequence();
            const std::vector<std::string> allowed(key.choices.begin(), key.choices.end());
            std::vector<std::string>& kept = m_s.output.keptSeries[group];
            for (const InputNode& item : list.items()) {
                std::string name = item.asChoice(allowed);
                if (std::find(kept.begin(), kept.end(), name) != kept.end()) {
                    item.fail(fmt::format("series '{}' is listed twice", name));
                }
                kept.push_back(std::move(name));
            }
        }
    }

    std::shared_ptr<const InputFile> m_file;
    Scenario& m_s;
    IdSet m_nodeIds{"node"}, m_pipeIds{"pipe"}, m_consumerIds{"consumer"}, m_plantIds{"plant"},
        m_sourceIds{"source"};
    std::map<std::string, std::string> m_plantNodes; //!< node id → first plant there
    std::optional<InputNode> m_pipeDefaults;         //!< network.defaults, if given
};

Scenario readFile(std::shared_ptr<const InputFile> file, const PipeSizer& sizer = {}) {
    Scenario scenario;
    scenario.sourceText = file->text();
    scenario.sourcePath = file->displayName();
    Reader(file, scenario).read();
    scenario.inputFiles = file->referencedFiles();
    // `dn: auto` pipes get their DN from a design-hour hydraulic pass over the read scenario.
    if (sizer) {
        sizer(scenario);
    } else {
        sizePipes(scenario);
    }
    return scenario;
}

} // namespace

Scenario readScenario(const std::filesystem::path& path) {
    Scenario scenario = readFile(InputFile::load(path));
    scenario.inputFiles.insert(scenario.inputFiles.begin(), path);
    return scenario;
}

Scenario readScenarioText(std::string text, std::string displayName,
                          std::filesystem::path directory) {
    return readFile(std::make_shared<const InputFile>(std::move(text), std::move(displayName),
                                                      std::move(directory)));
}

Scenario readScenarioTree(const YAML::Node& tree, std::string displayName,
                          std::filesystem::path directory, const PipeSizer& sizer) {
    return readFile(InputFile::fromTree(tree, std::move(displayName), std::move(directory)), sizer);
}

} // namespace heatnet
