#include "solver/output/ResultWriter.h"

#include "solver/network/NetworkGeometry.h"
#include "solver/run/KpiCatalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace heatnet {

namespace {
// Rows go to the writer thread in blocks of a week, or fewer rows when a week of a large network
// would exceed kMaxBlockValues (32 MiB of float64): at most three blocks live at once (two
// queued, one filling), so this bounds the memory the output holds for any network size
// (10,000 pipes with every series: about 28 rows a block instead of 168, 0.1 GB instead of 1 GB).
constexpr std::size_t rowsPerBlock = 168;
constexpr std::size_t kMaxBlockValues = std::size_t{1} << 22;

//! The element labels of each dimension of the catalogue ("pipe" → pipe ids ...).
std::map<std::string_view, std::vector<std::string>> elementLabels(const Scenario& scenario) {
    std::map<std::string_view, std::vector<std::string>> labels;
    for (const NodeSpec& n : scenario.nodes) {
        labels["node"].push_back(n.id);
    }
    for (const PipeSpec& p : scenario.pipes) {
        labels["pipe"].push_back(p.id);
    }
    for (const ConsumerSpec& c : scenario.consumers) {
        labels["substation"].push_back(c.id);
    }
    for (const PlantSpec& q : scenario.plants) {
        labels["plant"].push_back(q.id);
        for (const SourceSpec& s : q.sources) {
            labels["source"].push_back(s.id);
        }
        // Storage tanks (plants with storage), and their layers labelled "PLANT[i]" (layer 0 at
        // the top).
        if (q.storage) {
            labels["storage"].push_back(q.id);
            for (int i = 0; i < q.storage->layers; ++i) {
                labels["layer"].push_back(fmt::format("{}[{}]", q.id, i));
            }
        }
    }
    return labels;
}
} // namespace

ResultWriter::ResultWriter(std::filesystem::path path, Hdf5WriterThread::Threading threading)
    : m_path(std::move(path)), m_threading(threading) {}

void ResultWriter::add(Hdf5Writer& w, const OutputSeriesSpec& spec) {
    const std::string group(spec.group), name(spec.name), units(spec.units);
    const StoredPrecision precision =
        m_scenario->output.float32 ? StoredPrecision::Float32 : StoredPrecision::Float64;
    m_series.push_back({w.createSeries(group, name, std::string(spec.dimension), units,
                                       std::string(spec.longName), precision),
                        &spec,
                        storedOffset(spec),
                        {}});
    // CF cell methods: powers are means over the step that ends at each time (from the energy
    // integrals); everything else is the value at that instant.
    w.writeAttribute(group + "/" + name, "cell_methods",
                     units == "W" ? "time: mean" : "time: point");
}

void ResultWriter::addTimeAxis(Hdf5Writer& w, const std::string& group, const std::string& start) {
    w.createTimeAxis(group, start);
    // CF bounds of each step, (start, end], in the time axis' units.
    w.createLabelAxis(group, "bnds", {"start", "end"});
    m_bounds.push_back(w.createSeries(group, "time_bnds", "bnds", "hours since " + start,
                                      "interval of each output step: (start, end]"));
    w.writeAttribute(group + "/time", "bounds", "time_bnds");
}

void ResultWriter::begin(const Scenario& scenario) {
    m_scenario = &scenario;
    m_file = std::make_unique<Hdf5WriterThread>(m_path, m_threading);
    // Creating the datasets gives their ids: done on the writer thread, waited for.
    m_file->run([&](Hdf5Writer& w) { create(w, scenario); });
}

void ResultWriter::create(Hdf5Writer& w, const Scenario& scenario) {
    w.writeAttribute("/", "title", "heatnet simulation results");
    w.writeAttribute("/", "program", "heatnet");
    w.writeAttribute("/", "version", HEATNET_VERSION);
    w.writeAttribute("/", "scenario_name", scenario.name);
    w.writeAttribute("/", "scenario_path", scenario.sourcePath);
    w.writeAttribute("/", "Conventions", "CF-1.8");
    w.writeAttribute("/", "conventions_note",
                     "temperatures and flows are instantaneous at each time; powers are means "
                     "over the output step ending at each time");
    w.writeAttribute("/", "series_precision", scenario.output.float32 ? "float32" : "float64");
    w.createGroup("metadata");
    w.writeString("metadata", "scenario", scenario.sourceText);
    w.writeString("metadata", "climate", scenario.climate.description());
    writeNetworkGeometry(w, scenario);

    // A group is in the file when it keeps at least one series and has elements (storage only
    // with a tank); its label axes and fixed datasets come with it.
    const auto labels = elementLabels(scenario);
    for (const OutputGroupSpec& group : outputGroups()) {
        std::vector<const OutputSeriesSpec*> kept;
        for (const OutputSeriesSpec& spec : outputSeries()) {
            if (spec.group == group.name && isKept(scenario.output, spec) &&
                (spec.dimension.empty() || labels.count(spec.dimension))) {
                kept.push_back(&spec);
            }
        }
        if (kept.empty()) {
            continue;
        }
        const std::string name(group.name);
        m_groups.push_back(name);
        w.createGroup(name);
        addTimeAxis(w, name, scenario.simulation.start);
        std::set<std::string_view> axes;
        for (const OutputSeriesSpec* spec : kept) {
            if (!spec->dimension.empty() && axes.insert(spec->dimension).second) {
                w.createLabelAxis(name, std::string(spec->dimension), labels.at(spec->dimension));
            }
        }
        if (!group.dimension.empty() && !axes.count(group.dimension)) {
            w.createLabelAxis(name, std::string(group.dimension), labels.at(group.dimension));
        }
        writeElementPlaces(w, scenario, name);
        for (const OutputSeriesSpec* spec : kept) {
            add(w, *spec);
        }
    }
}

bool ResultWriter::reads(std::vector<double> StepRecord::*field) const {
    // m_series: the series begin() created, those the scenario keeps.
    return std::any_of(m_series.begin(), m_series.end(),
                       [&](const Buffered& series) { return readsField(*series.spec, field); });
}

void ResultWriter::record(const StepRecord& r) {
    for (Buffered& series : m_series) {
        const std::span<const double> values = series.spec->values(r);
        const std::size_t stored = series.rows.size();
        series.rows.resize(stored + values.size());
        double* const rows = series.rows.data() + stored;
        for (std::size_t i = 0; i < values.size(); ++i) {
            rows[i] = values[i] + series.offset;
        }
        m_bufferedValues += values.size();
    }
    m_times_h.push_back(r.time_s / 3600.0);
    if (++m_bufferedRows >= rowsPerBlock || m_bufferedValues >= kMaxBlockValues) {
        flush();
    }
}

void ResultWriter::flush() {
    if (m_bufferedRows == 0) {
        return;
    }
    // The block owns its rows: the writer thread appends them while the buffers fill again.
    struct Block {
        std::vector<double> times_h, bounds;
        std::vector<std::pair<SeriesId, std::vector<double>>> series;
    };
    auto block = std::make_shared<Block>();
    const double step_h = m_scenario->simulation.outputStep_s / 3600.0;
    for (double t : m_times_h) {
        block->bounds.push_back(t - step_h);
        block->bounds.push_back(t);
    }
    block->times_h = std::move(m_times_h);
    for (Buffered& s : m_series) {
        const std::size_t size = s.rows.size();
        block->series.emplace_back(s.id, std::move(s.rows));
        s.rows = {};
        s.rows.reserve(size);
    }
    m_times_h = {};
    m_bufferedRows = 0;
    m_bufferedValues = 0;
    m_file->post([block, groups = m_groups, bounds = m_bounds](Hdf5Writer& w) {
        for (std::size_t g = 0; g < groups.size(); ++g) {
            w.appendTimes(groups[g], block->times_h);
            w.appendRows(bounds[g], block->bounds);
        }
        for (const auto& [id, rows] : block->series) {
            w.appendRows(id, rows);
        }
    });
}

void ResultWriter::writeWarnings(Hdf5Writer& w, const std::vector<Warning>& warnings,
                                 const std::string& start) {
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
    w.writeVector("warnings", "time", "id", hours, fmt::format("hours since {}", start),
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
    m_kpis = computeKpis(*m_scenario, totals);
    m_file->run([&](Hdf5Writer& w) { finishFile(w, totals); });
}

void ResultWriter::finishFile(Hdf5Writer& w, const RunTotals& totals) const {
    w.createGroup("kpis");
    for (const Kpi& kpi : m_kpis) {
        w.writeScalar("kpis", kpi.name, kpi.value, kpi.unit, kpi.description);
        const KpiText text = kpiText(kpi.name);
        const std::string dataset = "kpis/" + kpi.name;
        w.writeAttribute(dataset, "label", text.labelEn);
        w.writeAttribute(dataset, "label_fr", text.labelFr);
        w.writeAttribute(dataset, "long_name_fr", text.sentenceFr);
    }
    writeWarnings(w, totals.warnings, m_scenario->simulation.start);
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
    w.commit();
}

} // namespace heatnet
