// Climate series: synthetic Saint-Omer year, CSV reading, interpolation.
#include "solver/input/ClimateReader.h"

#include "solver/Error.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

using namespace heatnet;

namespace {

constexpr double kC = 273.15;

//! A CSV file in the temporary directory, removed at the end of the test.
class TempCsv {
public:
    TempCsv(const std::string& name, const std::string& text)
        : m_path(std::filesystem::temp_directory_path() / ("heatnet_test_climate_" + name)) {
        std::ofstream(m_path) << text;
    }
    ~TempCsv() {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
    TempCsv(const TempCsv&) = delete;
    TempCsv& operator=(const TempCsv&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

double meanOver(const std::vector<double>& values, std::size_t first, std::size_t count) {
    return std::accumulate(values.begin() + static_cast<std::ptrdiff_t>(first),
                           values.begin() + static_cast<std::ptrdiff_t>(first + count), 0.0) /
           static_cast<double>(count);
}

} // namespace

TEST_CASE("climate: synthetic year has 8760 hours and mean 11.3 °C") {
    const Climate c = Climate::syntheticSaintOmer();
    REQUIRE(c.hourly().size() == 8760);
    CHECK(std::abs(c.meanTemperature() - (kC + 11.3)) < 0.01);
    CHECK(std::abs(c.meanTemperature() - (kC + 11.3)) < 1e-9);
    CHECK(c.description() == "synthetic Saint-Omer year, seed 2026");
    for (const double t : c.hourly()) {
        CHECK(t > kC - 25.0);
        CHECK(t < kC + 40.0);
    }
}

TEST_CASE("climate: January is more than 10 K colder than July") {
    const Climate c = Climate::syntheticSaintOmer();
    const double january = meanOver(c.hourly(), 0, 31 * 24);
    const double july = meanOver(c.hourly(), 181 * 24, 31 * 24);
    CHECK(july - january > 10.0);
}

TEST_CASE("climate: daily cycle peaks in the afternoon and is smaller in winter") {
    const Climate c = Climate::syntheticSaintOmer();
    // Mean temperature by hour of day over the winter (Dec–Feb) and summer (Jun–Aug).
    std::vector<double> winter(24, 0.0), summer(24, 0.0);
    for (std::size_t n = 0; n < 8760; ++n) {
        const std::size_t day = n / 24;
        if (day < 59 || day >= 334) {
            winter[n % 24] += c.hourly()[n];
        } else if (day >= 151 && day < 243) {
            summer[n % 24] += c.hourly()[n];
        }
    }
    const auto warmest = std::max_element(summer.begin(), summer.end()) - summer.begin();
    CHECK(warmest >= 13);
    CHECK(warmest <= 17);
    const double summerRange = (*std::max_element(summer.begin(), summer.end()) -
                                *std::min_element(summer.begin(), summer.end())) /
                               92.0;
    const double winterRange = (*std::max_element(winter.begin(), winter.end()) -
                                *std::min_element(winter.begin(), winter.end())) /
                               90.0;
    CHECK(winterRange < summerRange);
}

TEST_CASE("climate: same seed gives a bit-identical year, another seed differs") {
    const Climate a = Climate::syntheticSaintOmer(7);
    const Climate b = Climate::syntheticSaintOmer(7);
    const Climate d = Climate::syntheticSaintOmer(8);
    CHECK(a.hourly() == b.hourly());
    CHECK(a.hourly() != d.hourly());
    CHECK(std::abs(d.meanTemperature() - (kC + 11.3)) < 1e-9);
}

TEST_CASE("climate: linear interpolation at half hours, periodic over the year") {
    const Climate c = Climate::syntheticSaintOmer();
    const std::vector<double>& h = c.hourly();
    CHECK(c.temperature(0.0) == h[0]);
    CHECK(c.temperature(5 * 3600.0) == h[5]);
    for (const std::size_t n : {0UL, 100UL, 4000UL, 8758UL}) {
        CHECK(c.temperature((static_cast<double>(n) + 0.5) * 3600.0) ==
              Approx((h[n] + h[n + 1]) / 2.0).epsilon(1e-14));
    }
    CHECK(c.temperature(8759.5 * 3600.0) == Approx((h[8759] + h[0]) / 2.0).epsilon(1e-14));
    CHECK(c.temperature(8760.0 * 3600.0 + 1800.0) == Approx(c.temperature(1800.0)).epsilon(1e-14));
    CHECK(c.temperature(-1800.0) == Approx(c.temperature(8759.5 * 3600.0)).epsilon(1e-14));
}

TEST_CASE("climate: constant climate") {
    const Climate c = Climate::constant(280.0);
    CHECK(c.temperature(0.0) == 280.0);
    CHECK(c.temperature(12345.6) == 280.0);
    CHECK(c.meanTemperature() == 280.0);
    CHECK_THROWS_AS(Climate::constant(std::nan("")), InputError);
}

TEST_CASE("climate: CSV without time column is read as hourly °C") {
    const TempCsv file("hourly.csv", "# outdoor temperature\nT_C,other\n-2,0\n0.5,0\n4,0\n");
    const Climate c = readClimateCsv(file.path(), "weather/hourly.csv", "T_C");
    REQUIRE(c.hourly().size() == 3);
    CHECK(c.hourly()[0] == Approx(kC - 2.0));
    CHECK(c.hourly()[2] == Approx(kC + 4.0));
    CHECK(c.temperature(1.5 * 3600.0) == Approx(kC + 2.25));
    CHECK(c.temperature(2.5 * 3600.0) == Approx(kC + 1.0)); // wraps to the first value
    CHECK(c.description().find("weather/hourly.csv") != std::string::npos);
}

TEST_CASE("climate: CSV with an irregular time column is resampled hourly") {
    // Samples at 0, 2, 3 h; period 3 + 1 = 4 h.
    const TempCsv file("timed.csv", "time_h,T\n0,0\n2,10\n3,4\n");
    const Climate c = readClimateCsv(file.path(), "timed.csv", "T");
    REQUIRE(c.hourly().size() == 4);
    CHECK(c.hourly()[0] == Approx(kC + 0.0));
    CHECK(c.hourly()[1] == Approx(kC + 5.0));
    CHECK(c.hourly()[2] == Approx(kC + 10.0));
    CHECK(c.hourly()[3] == Approx(kC + 4.0));
}

TEST_CASE("climate: CSV errors name the file and the row") {
    const TempCsv decreasing("decreasing.csv", "time_h,T\n0,1\n1,2\n1,3\n");
    try {
        readClimateCsv(decreasing.path(), "in/decreasing.csv", "T");
        FAIL("no exception");
    } catch (const InputError& e) {
        const std::string what = e.what();
        CHECK(what.find("in/decreasing.csv") != std::string::npos);
        CHECK(what.find(":4") != std::string::npos);
        CHECK(what.find("time_h") != std::string::npos);
    }
    const TempCsv hot("hot.csv", "T\n10\n120\n");
    try {
        readClimateCsv(hot.path(), "hot.csv", "T");
        FAIL("no exception");
    } catch (const InputError& e) {
        const std::string what = e.what();
        CHECK(what.find("hot.csv:3") != std::string::npos);
        CHECK(what.find("120") != std::string::npos);
    }
    const TempCsv other("other.csv", "x\n10\n");
    CHECK_THROWS_AS(readClimateCsv(other.path(), "other.csv", "T"), InputError);
    CHECK_THROWS_AS(
        readClimateCsv(std::filesystem::temp_directory_path() / "heatnet_no_such_file.csv",
                       "missing.csv", "T"),
        InputError);
}
