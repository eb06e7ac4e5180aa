#include "solver/ResultWriter.h"

#include "solver/KpiCatalogue.h"
#include "solver/NetworkGeometry.h"

#include <fmt/format.h>

namespace heatnet {

namespace {
constexpr std::size_t rowsPerBlock = 168; // one week of hourly rows per append
constexpr double celsiusOffset = -273.15;

// Series indices in the order they are created in begin().
enum Series : std::size_t {
    NetSources,
    NetDelivered,
    NetDemand,
    NetUnmet,
    NetLosses,
    NetPump,
    NetHead,
    NetStored,
    NetResidual,
    NetOutdoor,
    SubDemand,
    SubDelivered,
    SubUnmet,
    SubSupply,
    SubReturn,
    SubFlow,
    SrcHeat,
    SrcFuel,
    SrcElectricity,
    SrcWaste,
    SrcAvailability,
    PlantSupply,
    PlantReturn,
    PlantSetPoint,
    PlantFlow,
    NodeSupplyPressure,
    NodeReturnPressure,
    PipeFlow,
    PipeSupplyIn,
    PipeSupplyOut,
    PipeReturnIn,
    PipeReturnOut,
    PipeSupplyLoss,
    PipeReturnLoss,
    PipeSupplyDrop,
    PipeReturnDrop,
    PipeGround
};
} // namespace

ResultWriter::ResultWriter(std::filesystem::path path, bool writePipeSeries)
    : m_path(std::move(path)), m_writePipeSeries(writePipeSeries) {}

std::size_t ResultWriter::add(const std::string& group, const std::string& name,
                              const std::string& axis, std::size_t columns,
                              const std::string& units, const std::string& longName) {
    m_series.push_back({m_writer->createSeries(group, name, axis, units, longName), columns, {}});
    // CF cell methods: powers are means over the step that ends at each time (from the energy
    // integrals); everything else is the value at that instant.
    m_writer->writeAttribute(group + "/" + name, "cell_methods",
                             units == "W" ? "time: mean" : "time: point");
    return m_series.size() - 1;
}

void ResultWriter::addTimeAxis(const std::string& group, const std::string& start) {
    Hdf5Writer& w = *m_writer;
    w.createTimeAxis(group, start);
    // CF bounds of each step, (start, end], in the time axis' units.
    w.createLabelAxis(group, "bnds", {"start", "end"});
    m_bounds.push_back(w.createSeries(group, "time_bnds", "bnds", "hours since " + start,
                                      "interval of each output step: (start, end]"));
    w.writeAttribute(group + "/time", "bounds", "time_bnds");
}

void ResultWriter::begin(const Scenario& scenario, const Network& network) {
    m_scenario = &scenario;
    m_writer = std::make_unique<Hdf5Writer>(m_path);
    Hdf5Writer& w = *m_writer;
    w.writeAttribute("/", "title", "heatnet simulation results");
    w.writeAttribute("/", "program", "heatnet");
    w.writeAttribute("/", "version", HEATNET_VERSION);
    w.writeAttribute("/", "scenario_name", scenario.name);
    w.writeAttribute("/", "scenario_path", scenario.sourcePath);
    w.writeAttribute("/", "Conventions", "CF-1.8");
    w.writeAttribute("/", "conventions_note",
                     "temperatures and flows are instantaneous at each time; powers are means "
                     "over the output step ending at each time");
    w.createGroup("metadata");
    w.writeString("metadata", "scenario", scenario.sourceText);
    w.writeString("metadata", "climate", scenario.climate.description());

    m_groups = {"network", "substations", "sources", "plants", "nodes"};
    if (m_writePipeSeries) {
        m_groups.push_back("pipes");
    }
    for (const std::string& g : m_groups) {
        w.createGroup(g);
        addTimeAxis(g, scenario.simulation.start);
    }
    std::vector<std::string> pipeIds, consumerIds, sourceIds, plantIds, nodeIds;
    for (const NodeSpec& n : scenario.nodes) {
        nodeIds.push_back(n.id);
    }
    for (const PipeSpec& p : scenario.pipes) {
        pipeIds.push_back(p.id);
    }
    for (const ConsumerSpec& c : scenario.consumers) {
        consumerIds.push_back(c.id);
    }
    for (const PlantSpec& q : scenario.plants) {
        plantIds.push_back(q.id);
        for (const SourceSpec& s : q.sources) {
            sourceIds.push_back(s.id);
        }
    }
    w.createLabelAxis("substations", "substation", consumerIds);
    w.createLabelAxis("sources", "source", sourceIds);
    w.createLabelAxis("plants", "plant", plantIds);
    writeNetworkGeometry(w, scenario);
    w.createLabelAxis("nodes", "node", nodeIds);
    const std::size_t nc = consumerIds.size(), ns = sourceIds.size(), nq = plantIds.size(),
                      np = pipeIds.size();

    add("network", "heat_from_sources", "", 0, "W", "heat put into the network by all sources");
    add("network", "heat_delivered", "", 0, "W", "heat delivered by all substations");
    add("network", "heat_demand", "", 0, "W", "heat demanded by all substations");
    add("network", "unmet_heat", "", 0, "W", "heat demanded but not delivered");
    add("network", "pipe_losses", "", 0, "W", "heat lost by all supply and return pipes");
    add("network", "pump_power", "", 0, "W", "electric power of the network pumps");
    add("network", "pump_head", "", 0, "Pa", "pressure rise of the balancing plant's pump");
    add("network", "stored_heat_change", "", 0, "J", "heat stored in the network since start");
    add("network", "energy_balance_residual", "", 0, "J",
        "cumulative sources - delivered - losses - stored heat change");
    add("network", "outdoor_temperature", "", 0, "degC", "outdoor air temperature");

    add("substations", "heat_demand", "substation", nc, "W", "heat demanded");
    add("substations", "heat_delivered", "substation", nc, "W", "heat delivered");
    add("substations", "unmet_heat", "substation", nc, "W", "heat demanded but not delivered");
    add("substations", "supply_temperature", "substation", nc, "degC",
        "supply temperature arriving at the substation");
    add("substations", "return_temperature", "substation", nc, "degC",
        "return temperature leaving the substation");
    add("substations", "mass_flow", "substation", nc, "kg/s", "primary mass flow");

    add("sources", "heat", "source", ns, "W", "heat delivered to the network");
    add("sources", "fuel", "source", ns, "W", "fuel used (lower heating value)");
    add("sources", "electricity", "source", ns, "W", "electricity used");
    add("sources", "waste_heat", "source", ns, "W", "industrial waste heat taken");
    add("sources", "availability", "source", ns, "1", "1 available, 0 stopped");

    add("plants", "supply_temperature", "plant", nq, "degC", "supply temperature leaving");
    add("plants", "return_temperature", "plant", nq, "degC", "return temperature arriving");
    add("plants", "set_point", "plant", nq, "degC", "supply temperature set point");
    add("plants", "mass_flow", "plant", nq, "kg/s", "mass flow through the plant");

    // Node elevations (which enter these pressures) are in /geometry.
    add("nodes", "supply_pressure", "node", nodeIds.size(), "Pa",
        "gauge pressure in the supply line (elevation included)");
    add("nodes", "return_pressure", "node", nodeIds.size(), "Pa",
        "gauge pressure in the return line (elevation included)");

    if (m_writePipeSeries) {
        w.createLabelAxis("pipes", "pipe", pipeIds);
        std::vector<double> length, diameter, autoSized;
        for (const PipeSpec& p : scenario.pipes) {
            length.push_back(p.length_m);
            diameter.push_back(p.innerDiameter_m);
            autoSized.push_back(p.autoSize ? 1.0 : 0.0);
        }
        w.writeVector("pipes", "length", "pipe", length, "m", "pipe length");
        w.writeVector("pipes", "inner_diameter", "pipe", diameter, "m", "inner diameter");
        w.writeVector(
            "pipes", "dn_auto", "pipe", autoSized, "1",
            "1 if the DN (/geometry/dn) was chosen by automatic sizing (dn: auto), else 0");
        add("pipes", "mass_flow", "pipe", np, "kg/s",
            "supply mass flow, positive from 'from' to 'to' (the return flows back)");
        add("pipes", "supply_inlet_temperature", "pipe", np, "degC", "supply pipe inlet");
        add("pipes", "supply_outlet_temperature", "pipe", np, "degC", "supply pipe outlet");
        add("pipes", "return_inlet_temperature", "pipe", np, "degC", "return pipe inlet");
        add("pipes", "return_outlet_temperature", "pipe", np, "degC", "return pipe outlet");
        add("pipes", "supply_heat_loss", "pipe", np, "W", "heat lost by the supply pipe");
        add("pipes", "return_heat_loss", "pipe", np, "W", "heat lost by the return pipe");
        add("pipes", "supply_pressure_drop", "pipe", np, "Pa", "supply pipe pressure drop");
        add("pipes", "return_pressure_drop", "pipe", np, "Pa", "return pipe pressure drop");
        add("pipes", "ground_temperature", "pipe", np, "degC", "undisturbed ground temperature");
    }
    // Storage tanks (plants with storage): time × storage, and layers as time × (storage·layers)
    // labelled "PLANT[i]" (layer 0 at the top).
    std::vector<std::string> storageIds, layerIds;
    for (const PlantSpec& q : scenario.plants) {
        if (q.storage) {
            storageIds.push_back(q.id);
            for (int i = 0; i < q.storage->layers; ++i) {
                layerIds.push_back(fmt::format("{}[{}]", q.id, i));
            }
        }
    }
    if (!storageIds.empty()) {
        m_groups.push_back("storage");
        w.createGroup("storage");
        addTimeAxis("storage", scenario.simulation.start);
        w.createLabelAxis("storage", "storage", storageIds);
        w.createLabelAxis("storage", "layer", layerIds);
        const std::size_t nt = storageIds.size();
        add("storage", "state_of_charge", "storage", nt, "1",
            "state of charge, 0 at min_temperature, 1 at max_temperature");
        add("storage", "charge_power", "storage", nt, "W", "surplus waste heat into the tank");
        add("storage", "discharge_power", "storage", nt, "W", "heat from the tank to the plant");
        add("storage", "heat_loss", "storage", nt, "W", "heat lost by the tank to ambient");
        add("storage", "layer_temperature", "layer", layerIds.size(), "degC",
            "layer temperatures, top (0) to bottom");
    }
    (void)network;
}

void ResultWriter::push(std::size_t series, std::span<const double> values, double scale,
                        double offset) {
    auto& rows = m_series[series].rows;
    for (double v : values) {
        rows.push_back(v * scale + offset);
    }
}

void ResultWriter::record(const StepRecord& r) {
    auto one = [&](std::size_t s, double v, double offset = 0) {
        m_series[s].rows.push_back(v + offset);
    };
    one(NetSources, r.sources_W);
    one(NetDelivered, r.delivered_W_total);
    one(NetDemand, r.demand_W_total);
    one(NetUnmet, r.unmet_W_total);
    one(NetLosses, r.losses_W);
    one(NetPump, r.pumpPower_W);
    one(NetHead, r.pumpHead_Pa);
    one(NetStored, r.storedHeat_J);
    one(NetResidual, r.balanceResidual_J);
    one(NetOutdoor, r.outdoor_K, celsiusOffset);
    push(SubDemand, r.demand_W);
    push(SubDelivered, r.delivered_W);
    push(SubUnmet, r.unmet_W);
    push(SubSupply, r.consumerSupply_K, 1, celsiusOffset);
    push(SubReturn, r.consumerReturn_K, 1, celsiusOffset);
    push(SubFlow, r.consumerFlow_kg_s);
    push(SrcHeat, r.sourceHeat_W);
    push(SrcFuel, r.sourceFuel_W);
    push(SrcElectricity, r.sourceElectricity_W);
    push(SrcWaste, r.sourceWasteHeat_W);
    push(SrcAvailability, r.sourceAvailability);
    push(PlantSupply, r.plantSupply_K, 1, celsiusOffset);
    push(PlantReturn, r.plantReturn_K, 1, celsiusOffset);
    push(PlantSetPoint, r.plantSetPoint_K, 1, celsiusOffset);
    push(PlantFlow, r.plantFlow_kg_s);
    push(NodeSupplyPressure, r.nodeSupplyPressure_Pa);
    push(NodeReturnPressure, r.nodeReturnPressure_Pa);
    if (m_writePipeSeries) {
        push(PipeFlow, r.pipeFlow_kg_s);
        push(PipeSupplyIn, r.supplyInlet_K, 1, celsiusOffset);
        push(PipeSupplyOut, r.supplyOutlet_K, 1, celsiusOffset);
        push(PipeReturnIn, r.returnInlet_K, 1, celsiusOffset);
        push(PipeReturnOut, r.returnOutlet_K, 1, celsiusOffset);
        push(PipeSupplyLoss, r.supplyLoss_W);
        push(PipeReturnLoss, r.returnLoss_W);
        push(PipeSupplyDrop, r.supplyDrop_Pa);
        push(PipeReturnDrop, r.returnDrop_Pa);
        push(PipeGround, r.ground_K, 1, celsiusOffset);
    }
    if (!r.storageSoc.empty()) {
        // The five storage series are the last ones created in begin().
        const std::size_t s = m_series.size() - 5;
        push(s, r.storageSoc);
        push(s + 1, r.storageCharge_W);
        push(s + 2, r.storageDischarge_W);
        push(s + 3, r.storageLoss_W);
        push(s + 4, r.storageLayers_K, 1, celsiusOffset);
    }
    m_times_h.push_back(r.time_s / 3600.0);
    if (++m_bufferedRows >= rowsPerBlock) {
        flush();
    }
}

void ResultWriter::flush() {
    if (m_bufferedRows == 0) {
        return;
    }
    const double step_h = m_scenario->simulation.outputStep_s / 3600.0;
    std::vector<double> bounds;
    for (double t : m_times_h) {
        bounds.push_back(t - step_h);
        bounds.push_back(t);
    }
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        m_writer->appendTimes(m_groups[g], m_times_h);
        m_writer->appendRows(m_bounds[g], bounds);
    }
    for (Buffered& s : m_series) {
        m_writer->appendRows(s.id, s.rows);
        s.rows.clear();
    }
    m_times_h.clear();
    m_bufferedRows = 0;
}

void ResultWriter::writeWarnings(const std::vector<Warning>& warnings) {
    Hdf5Writer& w = *m_writer;
    w.createGroup("warnings");
    std::vector<std::string> ids, elements, units, messages;
    std::vector<double> hours, values, thresholds;
    for (const Warning& warning : warnings) {
        ids.push_back(warning.id);
        elements.push_back(warning.element);
        units.push_back(warning.unit);
        messages.push_back(warning.message);
        hours.push_back(warning.time_s / 3600.0);
        values.push_back(warning.value);
        thresholds.push_back(warning.threshold);
    }
    w.createLabelAxis("warnings", "id", ids);
    w.writeStringVector("warnings", "element", "id", elements, "element the warning is about");
    w.writeVector("warnings", "time", "id", hours,
                  fmt::format("hours since {}", m_scenario->simulation.start),
                  "when (end of the output step); NaN when not tied to one instant");
    w.writeVector("warnings", "value", "id", values, "", "the figure (unit in 'unit')");
    w.writeVector("warnings", "threshold", "id", thresholds, "",
                  "the limit it crossed (unit in 'unit')");
    w.writeStringVector("warnings", "unit", "id", units, "unit of value and threshold");
    w.writeStringVector("warnings", "message", "id", messages, "the warning as printed");
    w.writeAttribute("/warnings", "count", static_cast<double>(warnings.size()));
}

void ResultWriter::finish(const RunTotals& totals) {
    flush();
    Hdf5Writer& w = *m_writer;
    m_kpis = computeKpis(*m_scenario, totals);
    w.createGroup("kpis");
    for (const Kpi& kpi : m_kpis) {
        w.writeScalar("kpis", kpi.name, kpi.value, kpi.unit, kpi.description);
        const KpiText text = kpiText(kpi.name);
        const std::string dataset = "kpis/" + kpi.name;
        w.writeAttribute(dataset, "label", text.labelEn);
        w.writeAttribute(dataset, "label_fr", text.labelFr);
        w.writeAttribute(dataset, "long_name_fr", text.sentenceFr);
    }
    writeWarnings(totals.warnings);
    w.createGroup("metadata/solver");
    const IntegratorStatistics& s = totals.integrator;
    w.writeScalar("metadata/solver", "steps", static_cast<double>(s.steps), "1",
                  "CVODE internal steps");
    w.writeScalar("metadata/solver", "rhs_evaluations", static_cast<double>(s.rhsEvaluations), "1",
                  "right-hand side evaluations incl. finite-difference Jacobians");
    w.writeScalar("metadata/solver", "jacobian_evaluations",
                  static_cast<double>(s.jacobianEvaluations), "1", "Jacobian evaluations");
    w.writeScalar("metadata/solver", "nonlinear_iterations",
                  static_cast<double>(s.nonlinearIterations), "1", "Newton iterations");
    w.writeScalar("metadata/solver", "error_test_failures",
                  static_cast<double>(s.errorTestFailures), "1", "error test failures");
    w.writeScalar("metadata/solver", "hydraulic_steps", static_cast<double>(totals.hydraulicSteps),
                  "1", "hydraulic solves");
    w.writeScalar("metadata/solver", "wall_time", totals.wallTime_s, "s",
                  "wall-clock time of the run");
    m_writer->commit();
}

} // namespace heatnet
