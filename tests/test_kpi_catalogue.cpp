// The KPI catalogue: every KPI a run computes has one entry with both languages, pattern
// entries resolve per source, and the reading order puts demand and supply first, money last.
#include "solver/run/KpiCatalogue.h"
#include "solver/run/Kpis.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace heatnet;

TEST_CASE("kpi catalogue: ids unique, texts in French and English, units stated",
          "[kpis][catalogue]") {
    std::set<std::string> ids;
    for (const KpiDefinition& d : kpiCatalogue()) {
        INFO(d.id);
        CHECK(ids.insert(std::string(d.id)).second);
        CHECK(!d.unit.empty());
        CHECK(!d.labelEn.empty());
        CHECK(!d.labelFr.empty());
        CHECK(!d.sentenceEn.empty());
        CHECK(!d.sentenceFr.empty());
        // A French text that merely repeats the English one was not translated.
        CHECK(d.sentenceFr != d.sentenceEn);
    }
}

TEST_CASE("kpi catalogue: per-source pattern resolves the source id", "[kpis][catalogue]") {
    const auto text = findKpi("full_load_hours_GLASSWORKS");
    REQUIRE(text);
    CHECK(text->id == "full_load_hours_GLASSWORKS");
    CHECK(text->unit == "h");
    CHECK(text->labelEn == "Full-load hours of GLASSWORKS");
    CHECK(text->labelFr.find("GLASSWORKS") != std::string::npos);
    CHECK_FALSE(findKpi("full_load_hours_")); // a pattern needs a source id
    CHECK_FALSE(findKpi("no_such_kpi"));
    CHECK_THROWS(kpiText("no_such_kpi"));
}

TEST_CASE("kpi catalogue: demand first, money last", "[kpis][catalogue]") {
    const auto& all = kpiCatalogue();
    CHECK(all.front().section == "demand");
    CHECK(all.back().section == "money");
    // Sections are contiguous: once left, a section never comes back.
    std::set<std::string> closed;
    std::string current;
    for (const KpiDefinition& d : all) {
        if (d.section != current) {
            CHECK(closed.count(std::string(d.section)) == 0);
            closed.insert(current);
            current = d.section;
        }
    }
    CHECK(kpiText("heat_demand").order < kpiText("waste_heat_share").order);
    CHECK(kpiText("waste_heat_share").order < kpiText("co2_avoided").order);
    CHECK(kpiText("co2_avoided").order < kpiText("heat_cost_per_mwh").order);
}
