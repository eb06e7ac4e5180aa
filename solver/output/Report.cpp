#include "solver/output/Report.h"

#include "solver/Error.h"
#include "solver/output/JsonWriter.h"
#include "solver/output/ReportAssets.h"
#include "solver/output/ScenarioDiff.h"
#include "solver/run/SeriesDigest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace heatnet {

namespace {

//! `text` with the characters HTML gives a meaning escaped (a sweep's name is the user's).
std::string htmlText(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

const char* betterName(KpiBetter b) {
    return b == KpiBetter::Higher ? "higher" : b == KpiBetter::Lower ? "lower" : "neither";
}

//! Per-step heat of a source over a window of steps, in MW.
std::vector<double> window_MW(const std::vector<double>& power_W, std::size_t first,
                              std::size_t count) {
    std::vector<double> out;
    for (std::size_t i = first; i < first + count && i < power_W.size(); ++i) {
        out.push_back(power_W[i] / 1e6);
    }
    return out;
}

void writeMap(JsonWriter& j, const ScenarioResult& ref) {
    const ResultGeometry& g = ref.geometry;
    j.key("map");
    if (!g.drawable()) {
        j.beginObject().endObject();
        return;
    }
    std::map<std::string, double> demandAtNode;
    for (std::size_t i = 0; i < g.substationNodes.size(); ++i) {
        demandAtNode[g.substationNodes[i]] += g.substationDemand_MWh[i];
    }
    j.beginObject().key("nodes").beginArray();
    for (std::size_t i = 0; i < g.nodeIds.size(); ++i) {
        j.beginObject().key("id").value(g.nodeIds[i]).key("x").value(g.x_m[i]);
        j.key("y").value(g.y_m[i]).key("kind").value(g.nodeKinds[i]);
        const auto demand = demandAtNode.find(g.nodeIds[i]);
        j.key("demand_MWh").value(demand == demandAtNode.end() ? 0.0 : demand->second);
        j.endObject();
    }
    j.endArray().key("pipes").beginArray();
    const double years = ref.time_h.size() * ref.step_h / 8760.0;
    for (std::size_t i = 0; i < g.pipeIds.size(); ++i) {
        j.beginObject().key("id").value(g.pipeIds[i]).key("from").value(g.pipeFrom[i]);
        j.key("to").value(g.pipeTo[i]).key("dn").value(g.pipeDn[i]);
        j.key("length_m").value(g.pipeLength_m[i]);
        const bool hasSeries = i < g.pipeLoss_MWh.size();
        // Heat loss per metre of trench and year [kWh/(m a)].
        j.key("loss_kWh_m")
            .value(hasSeries && g.pipeLength_m[i] > 0 && years > 0
                       ? g.pipeLoss_MWh[i] * 1000 / g.pipeLength_m[i] / years
                       : std::nan(""));
        j.key("supply_C").value(hasSeries ? g.pipeMeanSupply_C[i] : std::nan(""));
        j.endObject();
    }
    j.endArray().endObject();
}

} // namespace

const std::vector<std::string>& reportTableKpis() {
    static const std::vector<std::string> ids = {
        "heat_delivered",    "waste_heat_share", "gas_fuel",   "co2_emitted", "co2_avoided",
        "heat_cost_per_mwh", "backup_hours",     "unmet_heat", "pipe_losses", "heat_density"};
    return ids;
}

std::vector<std::string> scenarioLabels(const std::vector<ScenarioResult>& results) {
    std::vector<std::string> labels;
    for (const ScenarioResult& r : results) {
        labels.push_back(r.name);
    }
    if (labels.size() > 1) {
        // The longest shared prefix that ends with a separator (or is a whole name followed by
        // one in the others): "saint-omer", "saint-omer-storage" share "saint-omer-".
        auto separator = [](char c) { return c == '-' || c == '_' || c == ' '; };
        std::size_t common = labels.front().size();
        for (const std::string& l : labels) {
            const std::size_t n = std::min(common, l.size());
            common = static_cast<std::size_t>(
                std::mismatch(l.begin(), l.begin() + n, labels.front().begin()).first - l.begin());
        }
        std::size_t cut = 0;
        for (std::size_t k = common + 1; k > 0 && cut == 0; --k) {
            const bool atSeparator =
                std::all_of(labels.begin(), labels.end(), [&](const std::string& l) {
                    return l.size() == k - 1 || (l.size() >= k && separator(l[k - 1]));
                });
            cut = atSeparator ? k : 0;
        }
        for (std::string& l : labels) {
            // A name that is all prefix (the default scenario) keeps its whole name.
            if (l.size() > cut) {
                l = l.substr(cut);
            }
        }
    }
    for (std::string& l : labels) {
        std::replace(l.begin(), l.end(), '-', ' ');
        std::replace(l.begin(), l.end(), '_', ' ');
    }
    return labels;
}

std::string reportData(const std::vector<ScenarioResult>& results, const ReportOptions& options) {
    if (results.empty()) {
        throw InputError("heatnet report: no result file given");
    }
    requireSamePeriod(results);
    const Language lang = options.language;
    const ScenarioResult& ref = results.front();
    const StepCalendar calendar = stepCalendar(ref.timeUnits, ref.time_h, ref.step_h);
    const std::size_t steps = ref.time_h.size();
    const std::size_t week =
        std::min<std::size_t>(steps, static_cast<std::size_t>(std::llround(168 / ref.step_h)));
    const std::size_t weekStart = coldestWindow(ref.outdoor_C, week);
    const double years = steps * ref.step_h / 8760.0;

    JsonWriter j;
    j.beginObject();
    j.key("lang").value(lang == Language::French ? "fr" : "en");
    j.key("version").value(HEATNET_VERSION);
    j.key("generated").value(options.generatedOn);
    j.key("homeHeat_MWh").value(options.homeHeat_MWh_a);
    const std::string start = ref.timeUnits.substr(std::min<std::size_t>(ref.timeUnits.size(), 12));
    j.key("period").beginObject().key("start").value(start);
    j.key("hours").value(steps * ref.step_h).key("step_h").value(ref.step_h);
    j.key("years").value(years).endObject();

    j.key("rows").beginArray();
    for (const std::string& id : reportTableKpis()) {
        const KpiText t = kpiText(id);
        j.beginObject().key("id").value(id).key("unit").value(t.unit);
        j.key("label").value(t.label(lang)).key("sentence").value(t.sentence(lang));
        j.key("better").value(betterName(t.better)).endObject();
    }
    j.endArray();

    double trench = 0;
    for (double l : ref.geometry.pipeLength_m) {
        trench += l;
    }
    j.key("network").beginObject();
    j.key("substations").value(static_cast<double>(ref.geometry.substationIds.size()));
    j.key("trench_m").value(trench > 0 ? trench : std::nan("")).endObject();
    j.key("months").strings(calendar.months);
    j.key("coldWeek").beginObject();
    j.key("start").value(calendar.labels[weekStart].substr(0, 5));
    j.key("hours").strings(std::vector<std::string>(calendar.labels.begin() + weekStart,
                                                    calendar.labels.begin() + weekStart + week));
    const double meanOutdoor = std::accumulate(ref.outdoor_C.begin() + weekStart,
                                               ref.outdoor_C.begin() + weekStart + week, 0.0) /
                               static_cast<double>(std::max<std::size_t>(week, 1));
    j.key("meanOutdoor_C").value(meanOutdoor).endObject();

    const std::vector<std::string> labels = scenarioLabels(results);
    j.key("scenarios").beginArray();
    for (std::size_t s = 0; s < results.size(); ++s) {
        const ScenarioResult& r = results[s];
        j.beginObject().key("name").value(r.name).key("label").value(labels[s]);
        j.key("file").value(r.path.string());
        j.key("kpi").beginObject();
        for (const Kpi& k : r.kpis) {
            j.key(k.name).value(k.value);
        }
        j.endObject();
        std::vector<std::vector<double>> heat;
        for (const ResultSource& src : r.sources) {
            heat.push_back(src.heat_W);
        }
        const LoadDuration duration = loadDuration(heat, r.step_h, options.durationPoints);
        j.key("duration_h").numbers(duration.hours, 5);
        j.key("sources").beginArray();
        for (std::size_t i = 0; i < r.sources.size(); ++i) {
            const ResultSource& src = r.sources[i];
            j.beginObject().key("id").value(src.id).key("kind").value(src.kind);
            j.key("plant").value(src.plant);
            j.key("monthly_MWh").numbers(monthlyEnergy_MWh(src.heat_W, calendar, r.step_h), 5);
            j.key("duration_MW").numbers(duration.parts_MW[i], 4);
            j.key("coldWeek_MW").numbers(window_MW(src.heat_W, weekStart, week), 4);
            // Steps where the source took heat from the water (said in the report, not hidden).
            const auto negative = std::count_if(src.heat_W.begin(), src.heat_W.end(),
                                                [](double w) { return w < -1e3; });
            j.key("negativeHours").value(static_cast<double>(negative) * r.step_h);
            j.endObject();
        }
        j.endArray();
        j.key("coldWeekDemand_MW").numbers(window_MW(r.demand_W, weekStart, week), 4);
        j.key("changes").beginArray();
        if (s > 0) {
            for (const ScenarioChange& c :
                 diffScenarioTexts(ref.scenarioText, r.scenarioText, r.path.string())) {
                j.beginObject().key("path").value(c.path).key("before").value(c.before);
                j.key("after").value(c.after).endObject();
            }
        }
        j.endArray();
        j.endObject();
    }
    j.endArray();
    writeMap(j, ref);
    j.endObject();
    return j.text();
}

std::string buildReport(const std::vector<ScenarioResult>& results, const ReportOptions& options) {
    const bool french = options.language == Language::French;
    return reportPage("report.js",
                      french ? "Réseau de chaleur : comparaison de scénarios"
                             : "Heat network: scenarios compared",
                      reportData(results, options), options.language);
}

std::string reportPage(std::string_view script, const std::string& title, const std::string& data,
                       Language language) {
    const std::string_view echarts = reportAsset("echarts.min.js");
    const std::string_view page = reportAsset("report.html");
    if (echarts.empty() || page.empty() || reportAsset(script).empty()) {
        throw Error("this heatnet was built without the report's charting library (Apache "
                    "ECharts, tools/report/node_modules): run tools/install-deps.sh, then "
                    "rebuild (tools/build.sh)");
    }
    const bool french = language == Language::French;
    const std::map<std::string, std::string> fill = {
        {"LANG", french ? "fr" : "en"},
        {"VERSION", HEATNET_VERSION},
        {"TITLE", htmlText(title)},
        {"NOSCRIPT", french ? "Ce rapport a besoin de JavaScript pour dessiner ses graphiques."
                            : "This report needs JavaScript to draw its charts."},
        {"STYLE", std::string(reportAsset("report.css"))},
        {"DATA", data},
        {"ECHARTS", std::string(echarts)},
        {"SCRIPT", std::string(reportAsset(script))},
    };
    // One pass over the template: filled-in text is never searched for markers again.
    std::string out;
    std::size_t at = 0;
    while (true) {
        const std::size_t open = page.find("{{", at);
        if (open == std::string_view::npos) {
            out.append(page.substr(at));
            break;
        }
        const std::size_t close = page.find("}}", open);
        const std::string key(page.substr(open + 2, close - open - 2));
        const auto value = fill.find(key);
        if (close == std::string_view::npos || value == fill.end()) {
            throw Error(fmt::format("report template: unknown marker '{{{{{}}}}}'", key));
        }
        out.append(page.substr(at, open - at));
        out.append(value->second);
        at = close + 2;
    }
    return out;
}

} // namespace heatnet
