// heatnet report: the digests it draws (months, load-duration curve, coldest week) against sums
// and orderings that must hold, the scenario differences it lists, and the command on real
// result files: a good report, and bad inputs that exit 2 and leave no file.
#include "solver/Error.h"
#include "solver/output/JsonWriter.h"
#include "solver/output/Report.h"
#include "solver/output/ScenarioDiff.h"
#include "solver/run/SeriesDigest.h"
#include "tests/CliSupport.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

namespace fs = std::filesystem;
using namespace heatnet;
using clitest::freshDirectory;
using clitest::Outcome;
using clitest::runCommand;
using clitest::shortenedDefault;

TEST_CASE("report digest: calendar months of a year, energy per month", "[report]") {
    std::vector<double> time_h(8760);
    std::iota(time_h.begin(), time_h.end(), 1.0); // steps end at 1 h … 8760 h
    const StepCalendar c = stepCalendar("hours since 2025-01-01 00:00:00", time_h, 1.0);
    REQUIRE(c.months.size() == 12);
    CHECK(c.months.front() == "2025-01");
    CHECK(c.months.back() == "2025-12");
    CHECK(c.labels.front() == "01/01 00:00");
    const std::vector<double> oneMW(8760, 1e6);
    const auto monthly = monthlyEnergy_MWh(oneMW, c, 1.0);
    // 1 MW for the hours of each month: 31 days of January, 28 of February 2025, …
    CHECK(monthly[0] == Approx(744));
    CHECK(monthly[1] == Approx(672));
    CHECK(monthly[11] == Approx(744));
    CHECK(std::accumulate(monthly.begin(), monthly.end(), 0.0) == Approx(8760));
    CHECK_THROWS_AS(stepCalendar("days since 2025", time_h, 1.0), Error);
}

TEST_CASE("report digest: load-duration curve keeps energy and falls", "[report]") {
    // Two sources over 1000 steps of 2 h: a base of 3 MW and a peak following a ramp.
    std::vector<double> base(1000, 3e6), peak(1000);
    for (std::size_t i = 0; i < peak.size(); ++i) {
        peak[i] = 1e4 * static_cast<double>((i * 37) % 1000); // a shuffled ramp 0 … 9.99 MW
    }
    const LoadDuration d = loadDuration({base, peak}, 2.0, 100);
    REQUIRE(d.hours.size() == 100);
    double energy = 0;
    for (std::size_t k = 0; k < d.hours.size(); ++k) {
        energy += (d.parts_MW[0][k] + d.parts_MW[1][k]) * 10 * 2.0; // 10 steps of 2 h a block
        if (k > 0) {
            CHECK(d.parts_MW[0][k] + d.parts_MW[1][k] <=
                  d.parts_MW[0][k - 1] + d.parts_MW[1][k - 1] + 1e-12);
        }
    }
    const double expected = (std::accumulate(base.begin(), base.end(), 0.0) +
                             std::accumulate(peak.begin(), peak.end(), 0.0)) *
                            2.0 / 1e6;
    CHECK(energy == Approx(expected));
    CHECK(d.hours.front() == Approx(10.0)); // middle of the first 10 steps of 2 h
    CHECK(d.parts_MW[0].front() == Approx(3.0));
}

TEST_CASE("report digest: the coldest week is where the temperature is lowest", "[report]") {
    // A year of hourly temperatures, coldest on day 35 (a cosine), plus a daily swing.
    std::vector<double> t(8760);
    const double pi = std::acos(-1.0);
    for (std::size_t h = 0; h < t.size(); ++h) {
        t[h] = 11 - 8 * std::cos(2 * pi * (h / 24.0 - 35) / 365) + 3 * std::sin(2 * pi * h / 24.0);
    }
    const std::size_t start = coldestWindow(t, 168);
    CHECK(std::abs(static_cast<double>(start) + 84 - 35 * 24) <= 24); // centred on day 35
    CHECK(coldestWindow(std::vector<double>{5, 4, 3}, 168) == 0);     // shorter than a week
}

TEST_CASE("report data: JSON that a script element cannot break out of", "[report]") {
    JsonWriter j;
    j.beginObject().key("text").value("a \"quote\" </script><b>\n");
    j.key("values").numbers(std::vector<double>{1.5, std::nan(""), -2e-7}, 3);
    j.key("list").beginArray().beginObject().endObject().value(true).endArray();
    j.endObject();
    CHECK(j.text() ==
          R"({"text":"a \"quote\" \u003c/script>\u003cb>\n","values":[1.5,null,-2e-07],)"
          R"("list":[{},true]})");
}

TEST_CASE("report: what differs between two scenario texts", "[report]") {
    const std::string reference = R"(name: a
description: reference
simulation: {duration: 8760 h, output_step: 1 h}
plants:
  - id: P
    sources:
      - {id: GLASS, type: waste_heat, available: 5 MW}
      - {id: GAS, type: boiler, capacity: 14 MW}
)";
    const std::string other = R"(name: b
description: other
simulation: {duration: 8760 h, output_step: 1 h}
plants:
  - id: P
    sources:
      - {id: GAS, type: boiler, capacity: 14 MW}
      - {id: GLASS, type: glass_furnace, available: 5 MW}
      - {id: HP, type: paper_mill_heat_pump}
factors: {gas_price: 80 EUR/MWh}
)";
    const auto changes = diffScenarioTexts(reference, other, "b.h5");
    REQUIRE(changes.size() == 3); // name and description are not differences; order by id
    CHECK(changes[0].path == "plants[P].sources[GLASS].type");
    CHECK(changes[0].before == "waste_heat");
    CHECK(changes[0].after == "glass_furnace");
    CHECK(changes[1].path == "plants[P].sources[HP]");
    CHECK(changes[1].before.empty());
    CHECK(changes[2].path == "factors");
    CHECK(changes[2].after == "{gas_price: 80 EUR/MWh}");
    CHECK(diffScenarioTexts(reference, reference, "a.h5").empty());
    CHECK_THROWS_AS(diffScenarioTexts(reference, "a: [", "bad.h5"), InputError);
}

namespace {
std::vector<ScenarioResult> named(std::vector<std::string> names) {
    std::vector<ScenarioResult> out;
    for (auto& n : names) {
        ScenarioResult r;
        r.name = n;
        out.push_back(r);
    }
    return out;
}
} // namespace

TEST_CASE("report: scenario labels drop the prefix the names share", "[report]") {
    CHECK(scenarioLabels(named({"saint-omer-glass-furnace", "saint-omer-heat-pump"})) ==
          std::vector<std::string>{"glass furnace", "heat pump"});
    CHECK(scenarioLabels(named({"saint-omer", "saint-omer-storage"})) ==
          std::vector<std::string>{"saint omer", "storage"});
    CHECK(scenarioLabels(named({"alpha"})) == std::vector<std::string>{"alpha"});
}

TEST_CASE("cli: report of two short runs, and bad inputs exit 2 with no report", "[cli][report]") {
    const fs::path dir = freshDirectory("report");
    const fs::path a = dir / "a.h5", b = dir / "b.h5", c = dir / "c.h5";
    const fs::path week = shortenedDefault(dir, "168 h");
    REQUIRE(runCommand(clitest::heatnet() + " run -q " + week.string() + " -o " + a.string())
                .exitCode == 0);
    REQUIRE(runCommand(clitest::heatnet() + " run -q " + week.string() + " -o " + b.string())
                .exitCode == 0);
    const fs::path day = shortenedDefault(dir, "24 h");
    REQUIRE(
        runCommand(clitest::heatnet() + " run -q " + day.string() + " -o " + c.string()).exitCode ==
        0);

    const fs::path html = dir / "report.html";
    const Outcome good = runCommand(clitest::heatnet() + " report " + a.string() + " " +
                                    b.string() + " -o " + html.string());
    INFO(good.output);
    REQUIRE(good.exitCode == 0);
    std::ifstream in(html);
    std::stringstream text;
    text << in.rdbuf();
    const std::string page = text.str();
    CHECK_THAT(page, Catch::Matchers::Contains("<html lang=\"fr\">"));
    CHECK_THAT(page, Catch::Matchers::Contains("Content-Security-Policy"));
    CHECK_THAT(page, Catch::Matchers::Contains("\"waste_heat_share\""));
    // Self-contained: no script, style or image is fetched from anywhere.
    CHECK(page.find("src=\"http") == std::string::npos);
    CHECK(page.find("href=\"http") == std::string::npos);
    CHECK(page.find("<script src") == std::string::npos);

    auto refused = [&](const std::string& args, const std::string& message) {
        const fs::path out = dir / "refused.html";
        const Outcome o =
            runCommand(clitest::heatnet() + " report " + args + " -o " + out.string());
        INFO(args << "\n" << o.output);
        CHECK(o.exitCode == 2);
        CHECK_THAT(o.output, Catch::Matchers::Contains(message));
        CHECK(!fs::exists(out));
        for (const auto& entry : fs::directory_iterator(dir)) {
            CHECK(entry.path().filename().string().find("refused.html.tmp") == std::string::npos);
        }
    };
    std::ofstream(dir / "text.h5") << "not hdf5\n";
    refused((dir / "text.h5").string(), "text.h5");
    refused((dir / "missing.h5").string(), "no such result file");
    refused(a.string() + " " + c.string(), "different period");
    refused(week.string(), "short.yaml");
    const Outcome lang = runCommand(clitest::heatnet() + " report " + a.string() + " -o " +
                                    (dir / "x.html").string() + " --lang de");
    CHECK(lang.exitCode == 2);
    const Outcome overwrite =
        runCommand(clitest::heatnet() + " report " + a.string() + " -o " + a.string());
    CHECK(overwrite.exitCode == 2);
    CHECK(fs::file_size(a) > 1000); // the result file is untouched

    // The output-path policy (solver/output/OutputPath.h): a symlink at the output path is refused,
    // not renamed over (its target survives), and the HTML and the PDF cannot be one file.
    std::ofstream(dir / "target.txt") << "keep me\n";
    fs::create_symlink(dir / "target.txt", dir / "link.html");
    const Outcome link = runCommand(clitest::heatnet() + " report " + a.string() + " -o " +
                                    (dir / "link.html").string());
    INFO(link.output);
    CHECK(link.exitCode == 2);
    CHECK(fs::is_symlink(dir / "link.html"));
    CHECK(fs::file_size(dir / "target.txt") == 8);
    const Outcome same =
        runCommand(clitest::heatnet() + " report " + a.string() + " -o " +
                   (dir / "same.html").string() + " --pdf " + (dir / "." / "same.html").string());
    INFO(same.output);
    CHECK(same.exitCode == 2);
    CHECK(!fs::exists(dir / "same.html"));
}
