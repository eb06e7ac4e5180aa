#include "solver/sweep/SweepFile.h"

#include "solver/Error.h"
#include "solver/output/Hdf5File.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <unistd.h>

namespace heatnet {

namespace {

constexpr const char* kKind = "heatnet sweep";

std::string joinLines(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? "\n" : "") + items[i];
    }
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    if (text.empty()) {
        return out;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        out.push_back(text.substr(start, end - start));
        if (end == std::string::npos) {
            return out;
        }
        start = end + 1;
    }
}

//! An HDF5 member name for a parameter or KPI ('/' is the only character HDF5 refuses).
std::string memberName(std::string name) {
    std::replace(name.begin(), name.end(), '/', '_');
    return name;
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string csvNumber(double x) {
    return std::isfinite(x) ? fmt::format("{:.10g}", x) : std::string();
}

//! KPI ids in first-seen order over the records, with their units and descriptions.
std::vector<Kpi> kpiColumns(const std::vector<CaseRecord>& records) {
    std::vector<Kpi> columns;
    std::map<std::string, std::size_t> seen;
    for (const CaseRecord& r : records) {
        for (const Kpi& k : r.kpis) {
            if (seen.emplace(k.name, columns.size()).second) {
                columns.push_back({k.name, 0, k.unit, k.description});
            }
        }
    }
    return columns;
}

void writeCsv(const std::filesystem::path& path, const SweepHeader& header,
              const std::vector<CaseRecord>& records, const std::vector<bool>& pareto,
              const std::vector<Kpi>& kpis) {
    const std::filesystem::path temp =
        path.string() + fmt::format(".tmp-{}", static_cast<long>(getpid()));
    {
        std::ofstream out(temp);
        if (!out) {
            throw OutputError(fmt::format("cannot write '{}'", temp.string()));
        }
        out << "case,status,pareto_optimal";
        for (std::size_t p = 0; p < header.parameterNames.size(); ++p) {
            const std::string& unit = header.parameterUnits[p];
            out << ','
                << csvField(unit.empty() ? header.parameterNames[p]
                                         : header.parameterNames[p] + " [" + unit + "]");
        }
        for (const Kpi& k : kpis) {
            out << ',' << csvField(k.name + " [" + k.unit + "]");
        }
        out << ",message\n";
        for (std::size_t i = 0; i < records.size(); ++i) {
            const CaseRecord& r = records[i];
            out << r.index << ',' << (r.done ? "done" : "failed") << ',' << (pareto[i] ? 1 : 0);
            for (std::size_t p = 0; p < r.parameterTexts.size(); ++p) {
                const double x = r.parameterNumbers[p];
                out << ','
                    << (std::isfinite(x) && !header.parameterUnits[p].empty()
                            ? csvNumber(x)
                            : csvField(r.parameterTexts[p]));
            }
            for (const Kpi& k : kpis) {
                out << ',' << csvNumber(recordKpi(r, k.name));
            }
            out << ',' << csvField(r.message) << '\n';
        }
        out.flush();
        if (!out) {
            throw OutputError(fmt::format("cannot write '{}'", temp.string()));
        }
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        std::filesystem::remove(temp);
        throw OutputError(fmt::format("cannot rename '{}' to '{}': {}", temp.string(),
                                      path.string(), error.message()));
    }
}

} // namespace

SweepHeader sweepHeader(const SweepDefinition& sweep, const std::string& shard) {
    SweepHeader h;
    h.name = sweep.name;
    h.fingerprint = sweep.fingerprint;
    h.definitionText = sweep.file->text();
    h.sweepPath = sweep.file->displayName();
    h.baseText = sweep.base->text();
    h.basePath = sweep.base->displayName();
    h.caseCount = sweep.cases.size();
    for (const SweepParameter& p : sweep.parameters) {
        h.parameterNames.push_back(p.name);
        h.parameterPaths.push_back(p.path.text);
        h.parameterUnits.push_back(p.unit);
    }
    for (const SweepObjective& o : sweep.objectives) {
        h.objectives.push_back(o.kpi);
        h.maximise.push_back(o.maximise);
    }
    h.shard = shard;
    return h;
}

std::filesystem::path csvPathFor(const std::filesystem::path& path) {
    std::filesystem::path csv = path;
    return csv.replace_extension(".csv");
}

void writeSweepFile(const std::filesystem::path& path, const SweepHeader& header,
                    std::vector<CaseRecord> records) {
    std::sort(records.begin(), records.end(),
              [](const CaseRecord& a, const CaseRecord& b) { return a.index < b.index; });
    const std::vector<bool> pareto = paretoOptimal(records, header.objectives, header.maximise);
    const std::vector<Kpi> kpis = kpiColumns(records);
    const std::size_t n = records.size();
    std::vector<std::string> labels, status, messages, kpiNames;
    std::vector<double> index, paretoFlag;
    for (std::size_t i = 0; i < n; ++i) {
        labels.push_back(std::to_string(records[i].index));
        index.push_back(static_cast<double>(records[i].index));
        status.push_back(records[i].done ? "done" : "failed");
        messages.push_back(records[i].message);
        paretoFlag.push_back(pareto[i] ? 1.0 : 0.0);
    }
    for (const Kpi& k : kpis) {
        kpiNames.push_back(k.name);
    }

    Hdf5Writer w(path);
    w.writeAttribute("/", "title", "heatnet design sweep");
    w.writeAttribute("/", "program", "heatnet");
    w.writeAttribute("/", "version", HEATNET_VERSION);
    w.writeAttribute("/", "kind", kKind);
    w.writeAttribute("/", "sweep_name", header.name);
    w.writeAttribute("/", "fingerprint", header.fingerprint);
    w.writeAttribute("/", "sweep_path", header.sweepPath);
    w.writeAttribute("/", "base_path", header.basePath);
    w.writeAttribute("/", "case_count", static_cast<double>(header.caseCount));
    w.writeAttribute("/", "shard", header.shard);
    w.writeAttribute("/", "parameters", joinLines(header.parameterNames));
    w.writeAttribute("/", "parameter_paths", joinLines(header.parameterPaths));
    w.writeAttribute("/", "parameter_units", joinLines(header.parameterUnits));
    w.writeAttribute("/", "kpis", joinLines(kpiNames));
    w.writeAttribute("/", "objectives", joinLines(header.objectives));
    std::vector<std::string> sense;
    for (const bool m : header.maximise) {
        sense.push_back(m ? "max" : "min");
    }
    w.writeAttribute("/", "objective_senses", joinLines(sense));
    w.writeString("sweep", "definition", header.definitionText);
    w.writeString("sweep", "base_scenario", header.baseText);

    w.createLabelAxis("cases", "case", labels);
    w.writeVector("cases", "index", "case", index, "1", "case number in the sweep (from 0)");
    w.writeStringVector("cases", "status", "case", status, "done, or failed (see message)");
    w.writeStringVector("cases", "message", "case", messages, "why the case failed");
    w.writeVector("cases", "pareto_optimal", "case", paretoFlag, "1",
                  "1 if no other done case is as good on every objective and better on one");

    w.createLabelAxis("parameters", "case", labels);
    for (std::size_t p = 0; p < header.parameterNames.size(); ++p) {
        const std::string name = memberName(header.parameterNames[p]);
        std::vector<std::string> texts;
        std::vector<double> numbers;
        for (const CaseRecord& r : records) {
            texts.push_back(r.parameterTexts.at(p));
            numbers.push_back(r.parameterNumbers.at(p));
        }
        w.writeVector("parameters", name, "case", numbers, header.parameterUnits[p],
                      fmt::format("scenario key {} (number of the level; NaN if none)",
                                  header.parameterPaths[p]));
        w.writeAttribute("parameters/" + name, "path", header.parameterPaths[p]);
        w.writeStringVector("parameters", name + ".text", "case", texts,
                            fmt::format("scenario key {} as written", header.parameterPaths[p]));
    }

    w.createLabelAxis("kpis", "case", labels);
    for (const Kpi& k : kpis) {
        std::vector<double> values;
        for (const CaseRecord& r : records) {
            values.push_back(recordKpi(r, k.name));
        }
        w.writeVector("kpis", memberName(k.name), "case", values, k.unit, k.description);
    }

    for (const CaseRecord& r : records) {
        if (r.series.empty()) {
            continue;
        }
        const std::string group = fmt::format("series/case_{}", r.index);
        w.createTimeAxis(group, r.seriesStart);
        w.appendTimes(group, r.seriesTimes_h);
        for (const CaseSeries& s : r.series) {
            const SeriesId id = w.createSeries(group, s.name, "", s.unit, s.longName);
            w.appendRows(id, s.values);
        }
    }
    w.commit();
    writeCsv(csvPathFor(path), header, records, pareto, kpis);
}

bool isSweepFile(const std::filesystem::path& path) {
    const Hdf5Reader reader(path);
    return reader.readAttribute("/", "kind") == kKind;
}

std::pair<SweepHeader, std::vector<CaseRecord>> readSweepFile(const std::filesystem::path& path) {
    const Hdf5Reader reader(path);
    if (reader.readAttribute("/", "kind") != kKind) {
        throw OutputError(fmt::format("'{}' is not a heatnet sweep file", path.string()));
    }
    SweepHeader h;
    h.name = reader.readAttribute("/", "sweep_name");
    h.fingerprint = reader.readAttribute("/", "fingerprint");
    h.sweepPath = reader.readAttribute("/", "sweep_path");
    h.basePath = reader.readAttribute("/", "base_path");
    h.caseCount = static_cast<std::size_t>(reader.readDoubleAttribute("/", "case_count"));
    h.shard = reader.readAttribute("/", "shard");
    h.parameterNames = splitLines(reader.readAttribute("/", "parameters"));
    h.parameterPaths = splitLines(reader.readAttribute("/", "parameter_paths"));
    h.parameterUnits = splitLines(reader.readAttribute("/", "parameter_units"));
    h.parameterUnits.resize(h.parameterNames.size());
    h.objectives = splitLines(reader.readAttribute("/", "objectives"));
    for (const std::string& s : splitLines(reader.readAttribute("/", "objective_senses"))) {
        h.maximise.push_back(s == "max");
    }
    h.definitionText = reader.readString("sweep/definition");
    h.baseText = reader.readString("sweep/base_scenario");

    const std::vector<double> index = reader.readDoubles("cases/index");
    const std::vector<std::string> status = reader.readStrings("cases/status");
    const std::vector<std::string> messages = reader.readStrings("cases/message");
    std::vector<CaseRecord> records(index.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        records[i].index = static_cast<std::size_t>(index[i]);
        records[i].done = status.at(i) == "done";
        records[i].message = messages.at(i);
    }
    for (const std::string& p : h.parameterNames) {
        const std::string name = "parameters/" + memberName(p);
        const std::vector<double> numbers = reader.readDoubles(name);
        const std::vector<std::string> texts = reader.readStrings(name + ".text");
        for (std::size_t i = 0; i < records.size(); ++i) {
            records[i].parameterNumbers.push_back(numbers.at(i));
            records[i].parameterTexts.push_back(texts.at(i));
        }
    }
    for (const std::string& k : splitLines(reader.readAttribute("/", "kpis"))) {
        const std::string name = "kpis/" + memberName(k);
        const std::vector<double> values = reader.readDoubles(name);
        const std::string unit = reader.readAttribute(name, "units");
        const std::string description = reader.readAttribute(name, "long_name");
        for (std::size_t i = 0; i < records.size(); ++i) {
            // A done case that lacks a KPI others have (e.g. no storage) stays without it.
            if (records[i].done && std::isfinite(values.at(i))) {
                records[i].kpis.push_back({k, values[i], unit, description});
            }
        }
    }
    for (CaseRecord& r : records) {
        const std::string group = fmt::format("series/case_{}", r.index);
        if (!reader.exists(group)) {
            continue;
        }
        r.seriesTimes_h = reader.readDoubles(group + "/time");
        const std::string units = reader.readAttribute(group + "/time", "units");
        r.seriesStart = units.rfind("hours since ", 0) == 0 ? units.substr(12) : units;
        for (const std::string& member : reader.list(group)) {
            if (member == "time") {
                continue;
            }
            const std::string name = group + "/" + member;
            r.series.push_back({member, reader.readAttribute(name, "units"),
                                reader.readAttribute(name, "long_name"), reader.readDoubles(name)});
        }
    }
    return {std::move(h), std::move(records)};
}

} // namespace heatnet
