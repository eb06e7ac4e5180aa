#include "solver/sweep/SweepReport.h"

#include "solver/Error.h"
#include "solver/output/JsonWriter.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace heatnet {

namespace {

const char* betterName(KpiBetter b) {
    return b == KpiBetter::Higher ? "higher" : b == KpiBetter::Lower ? "lower" : "neither";
}

//! Every KPI id that a done record reports, in the catalogue's reading order.
std::vector<std::string> kpiIds(const std::vector<CaseRecord>& records) {
    std::map<std::string, std::size_t> order;
    for (const CaseRecord& r : records) {
        for (const Kpi& k : r.kpis) {
            if (r.done && !order.count(k.name)) {
                const std::optional<KpiText> text = findKpi(k.name);
                order.emplace(k.name, text ? text->order : kpiCatalogue().size());
            }
        }
    }
    std::vector<std::string> ids;
    for (const auto& [id, position] : order) {
        ids.push_back(id);
    }
    std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
        return order.at(a) < order.at(b);
    });
    return ids;
}

} // namespace

std::string sweepReportData(const SweepHeader& header, const std::vector<CaseRecord>& records,
                            const ReportOptions& options) {
    const Language lang = options.language;
    const std::vector<bool> pareto = paretoOptimal(records, header.objectives, header.maximise);
    const std::vector<std::string> ids = kpiIds(records);

    JsonWriter j;
    j.beginObject();
    j.key("lang").value(lang == Language::French ? "fr" : "en");
    j.key("version").value(HEATNET_VERSION);
    j.key("generated").value(options.generatedOn);
    j.key("sweep").beginObject();
    j.key("name").value(header.name).key("sweep").value(header.sweepPath);
    j.key("base").value(header.basePath);
    j.key("caseCount").value(static_cast<double>(header.caseCount));
    j.key("shard").value(header.shard).endObject();

    j.key("parameters").beginArray();
    for (std::size_t p = 0; p < header.parameterNames.size(); ++p) {
        // Numeric when every record has a number for it (a level such as "none" makes it a
        // category axis).
        const bool numeric = std::all_of(records.begin(), records.end(), [&](const CaseRecord& r) {
            return p < r.parameterNumbers.size() && std::isfinite(r.parameterNumbers[p]);
        });
        j.beginObject().key("name").value(header.parameterNames[p]);
        j.key("path").value(p < header.parameterPaths.size() ? header.parameterPaths[p] : "");
        j.key("unit").value(p < header.parameterUnits.size() ? header.parameterUnits[p] : "");
        j.key("numeric").value(numeric).endObject();
    }
    j.endArray();

    j.key("objectives").beginArray();
    for (std::size_t o = 0; o < header.objectives.size(); ++o) {
        j.beginObject().key("id").value(header.objectives[o]);
        j.key("maximise").value(o < header.maximise.size() && header.maximise[o]).endObject();
    }
    j.endArray();

    j.key("kpis").beginArray();
    for (const std::string& id : ids) {
        const std::optional<KpiText> t = findKpi(id);
        j.beginObject().key("id").value(id);
        j.key("unit").value(t ? t->unit : "");
        j.key("label").value(t ? t->label(lang) : id);
        j.key("sentence").value(t ? t->sentence(lang) : "");
        j.key("better").value(betterName(t ? t->better : KpiBetter::Neither)).endObject();
    }
    j.endArray();
    j.key("tableKpis").strings(reportTableKpis());

    j.key("cases").beginArray();
    for (std::size_t i = 0; i < records.size(); ++i) {
        const CaseRecord& r = records[i];
        j.beginObject().key("index").value(static_cast<double>(r.index));
        j.key("done").value(r.done).key("message").value(r.message);
        j.key("pareto").value(static_cast<bool>(pareto[i]));
        j.key("levels").strings(r.parameterTexts);
        j.key("numbers").numbers(r.parameterNumbers, 12);
        std::vector<double> values;
        for (const std::string& id : ids) {
            values.push_back(r.done ? recordKpi(r, id) : std::nan(""));
        }
        j.key("kpis").numbers(values, 10);
        j.endObject();
    }
    j.endArray();
    j.endObject();
    return j.text();
}

std::string buildSweepReport(const SweepHeader& header, const std::vector<CaseRecord>& records,
                             const ReportOptions& options) {
    const bool french = options.language == Language::French;
    return reportPage("sweep.js",
                      french ? "Balayage de conceptions : " + header.name
                             : "Design sweep: " + header.name,
                      sweepReportData(header, records, options), options.language);
}

} // namespace heatnet
